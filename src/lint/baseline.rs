//! Baselines for adopting tongban on a legacy catalogue: findings recorded by file, rule code
//! and a pointer that names list entries by their content (`/materials/[name=居民身份证]/copies`),
//! never by line or list position, so edits elsewhere in a file (inserting, removing or
//! reordering materials) do not invalidate them. Version 1 files (positional pointers) are still
//! read, matched by position, with a note to rewrite them.
//! With `--write-baseline` it records; with `--baseline` it hides recorded findings and counts
//! the entries fixed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::FileReport;
use crate::error::Error;
use crate::source::relative_to;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// Path relative to the baseline file's folder, `/`-separated.
    pub path: String,
    /// RFC 6901 pointer, list entries named by content (version 2) or by position (version 1).
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
pub(crate) struct File {
    /// Format version: 2 (content-keyed pointers); 1 (positional pointers) is still read.
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
pub(crate) struct Baseline {
    dir: PathBuf,
    cwd: PathBuf,
    remaining: HashMap<Key, usize>,
    /// Entries in the file.
    pub total: usize,
    /// Findings hidden because they are in the baseline.
    pub matched: usize,
    /// The file's format version.
    pub version: u32,
}

/// The version [`Writer`] writes.
pub(crate) const VERSION: u32 = 2;

impl Baseline {
    /// Reads a baseline file.
    pub(crate) fn read(path: &Path, cwd: &Path) -> Result<Baseline, Error> {
        let io = |message: String| Error::Io {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(cwd.join(path)).map_err(|e| io(e.to_string()))?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| io(format!("not a tongban baseline: {e}")))?;
        if file.version == 0 || file.version > VERSION {
            return Err(io(format!(
                "baseline version {} is not supported by this tongban (it reads versions 1 and {VERSION})",
                file.version
            )));
        }
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
            version: file.version,
        })
    }

    /// A note for standard error when the file is of an older version.
    pub(crate) fn note(&self, path: &Path) -> Option<String> {
        (self.version < VERSION).then(|| {
            format!(
                "note: {} is a version {} baseline: its entries are matched by list position, so \
                 inserting or reordering materials makes them reappear; rewrite it with \
                 `tongban lint --write-baseline {}` to key entries by content",
                path.display(),
                self.version,
                path.display()
            )
        })
    }

    /// Removes the findings of `report` that the baseline records.
    pub(crate) fn filter(&mut self, report: &mut FileReport) {
        if report.findings.is_empty() {
            return;
        }
        let path = key_path(&report.source.name, &self.dir, &self.cwd);
        report.findings.retain(|f| {
            let pointer = if self.version >= 2 {
                f.identity()
            } else {
                &f.pointer
            };
            let key = (path.clone(), pointer.to_owned(), f.code.to_owned());
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
    pub(crate) fn fixed(&self) -> usize {
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
pub(crate) struct Writer {
    path: PathBuf,
    dir: PathBuf,
    cwd: PathBuf,
    entries: Vec<Entry>,
    /// The language of a refusal to write (read-only, hard links, another user's file).
    lang: crate::diagnostic::Lang,
}

impl Writer {
    /// A writer for `path`.
    pub(crate) fn new(path: &Path, cwd: &Path, lang: crate::diagnostic::Lang) -> Writer {
        Writer {
            path: cwd.join(path),
            dir: base_dir(path),
            cwd: cwd.to_path_buf(),
            entries: Vec::new(),
            lang,
        }
    }

    /// Records a file's findings.
    pub(crate) fn record(&mut self, report: &FileReport) {
        let path = key_path(&report.source.name, &self.dir, &self.cwd);
        self.entries.extend(report.findings.iter().map(|f| Entry {
            path: path.clone(),
            pointer: f.identity().to_owned(),
            code: f.code.to_owned(),
            message: f.message.clone(),
        }));
    }

    /// Writes the file; returns the number of entries.
    pub(crate) fn finish(mut self) -> Result<usize, Error> {
        self.entries.sort();
        let n = self.entries.len();
        let file = File {
            version: VERSION,
            comment: "tongban baseline: findings recorded by path + code + JSON pointer with \
                      list entries named by content ([name=…]), not position. \
                      Regenerate with `tongban lint --write-baseline FILE`; \
                      use with `tongban lint --baseline FILE`."
                .into(),
            findings: self.entries,
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::from)?;
        text.push('\n');
        // Replaced atomically: a failure leaves the previous baseline whole (a cut one would
        // make every later `--baseline` run fail).
        crate::atomic::write(&self.path, text.as_bytes(), self.lang).map_err(|message| {
            Error::Write {
                path: self.path.display().to_string(),
                message,
            }
        })?;
        Ok(n)
    }
}
