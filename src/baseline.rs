//! Baselines for adopting tongban on a legacy catalogue: findings recorded by file, JSON pointer
//! and rule code (never by line, so edits elsewhere in a file do not invalidate them).
//! With `--write-baseline` it records; with `--baseline` it hides recorded findings and counts
//! the entries fixed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::config::relative_to;
use crate::diagnostic::FileReport;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Path relative to the baseline file's folder, `/`-separated.
    pub path: String,
    /// RFC 6901 pointer.
    pub pointer: String,
    /// Rule code.
    pub code: String,
    /// The message when recorded (for people reading the file; not used to match).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// The baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Format version (1).
    pub version: u32,
    /// What to do with this file.
    #[serde(default)]
    pub comment: String,
    /// The entries, sorted.
    pub findings: Vec<Entry>,
}

type Key = (String, String, String);

/// A baseline being matched against a run.
#[derive(Debug)]
pub struct Baseline {
    dir: PathBuf,
    cwd: PathBuf,
    remaining: HashMap<Key, usize>,
    /// Entries in the file.
    pub total: usize,
    /// Findings hidden because they are in the baseline.
    pub matched: usize,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path, cwd: &Path) -> Result<Baseline, Error> {
        let io = |message: String| Error::Io {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(cwd.join(path)).map_err(|e| io(e.to_string()))?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| io(format!("not a tongban baseline: {e}")))?;
        let mut remaining: HashMap<Key, usize> = HashMap::new();
        for e in &file.findings {
            *remaining
                .entry((e.path.clone(), e.pointer.clone(), e.code.clone()))
                .or_default() += 1;
        }
        Ok(Baseline {
            dir: base_dir(path),
            cwd: cwd.to_path_buf(),
            remaining,
            total: file.findings.len(),
            matched: 0,
        })
    }

    /// Removes the findings of `report` that the baseline records.
    pub fn filter(&mut self, report: &mut FileReport) {
        if report.findings.is_empty() {
            return;
        }
        let path = key_path(&report.source.name, &self.dir, &self.cwd);
        report.findings.retain(|f| {
            let key = (path.clone(), f.pointer.clone(), f.code.to_owned());
            match self.remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    self.matched += 1;
                    false
                }
                _ => true,
            }
        });
    }

    /// Entries that matched no finding: fixed since the baseline was written.
    pub fn fixed(&self) -> usize {
        self.total - self.matched
    }
}

fn base_dir(path: &Path) -> PathBuf {
    path.parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn key_path(name: &str, dir: &Path, cwd: &Path) -> String {
    relative_to(Path::new(name), dir, cwd).unwrap_or_else(|| name.replace('\\', "/"))
}

/// Collects findings into a new baseline file.
#[derive(Debug)]
pub struct Writer {
    path: PathBuf,
    dir: PathBuf,
    cwd: PathBuf,
    entries: Vec<Entry>,
}

impl Writer {
    /// A writer for `path`.
    pub fn new(path: &Path, cwd: &Path) -> Writer {
        Writer {
            path: cwd.join(path),
            dir: base_dir(path),
            cwd: cwd.to_path_buf(),
            entries: Vec::new(),
        }
    }

    /// Records a file's findings.
    pub fn record(&mut self, report: &FileReport) {
        let path = key_path(&report.source.name, &self.dir, &self.cwd);
        self.entries.extend(report.findings.iter().map(|f| Entry {
            path: path.clone(),
            pointer: f.pointer.clone(),
            code: f.code.to_owned(),
            message: f.message.clone(),
        }));
    }

    /// Writes the file; returns the number of entries.
    pub fn finish(mut self) -> Result<usize, Error> {
        self.entries.sort();
        let n = self.entries.len();
        let file = File {
            version: 1,
            comment: "tongban baseline: findings recorded by path + JSON pointer + code. \
                      Regenerate with `tongban lint --write-baseline FILE`; \
                      use with `tongban lint --baseline FILE`."
                .into(),
            findings: self.entries,
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::from)?;
        text.push('\n');
        std::fs::write(&self.path, text).map_err(|e| Error::Write {
            path: self.path.display().to_string(),
            message: e.to_string(),
        })?;
        Ok(n)
    }
}
