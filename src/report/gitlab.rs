//! GitLab Code Quality report: a JSON array of issues with a stable fingerprint each.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::RunInfo;
use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    /// Older GitLab versions read only `lines.begin`.
    lines: Lines,
    positions: Positions,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Streams issues into one JSON array.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    info: RunInfo,
    first: bool,
    seen: HashMap<u64, usize>,
}

impl<'w> Printer<'w> {
    /// Opens the array.
    pub fn new(info: RunInfo, out: &'w mut dyn Write) -> Result<Self, Error> {
        out.write_all(b"[")?;
        Ok(Printer {
            out,
            info,
            first: true,
            seen: HashMap::new(),
        })
    }

    /// Appends one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let path = self.info.path(&report.source.name);
        for f in &report.findings {
            // Path + content-keyed pointer + code identify a finding independently of its line
            // and of list positions, so GitLab tracks it across edits; a counter keeps repeated
            // findings distinct.
            let base = fnv1a(format!("{path}\0{}\0{}", f.identity(), f.code).as_bytes());
            let n = self.seen.entry(base).or_default();
            *n += 1;
            let fingerprint = format!("{base:016x}{:04x}", *n - 1);
            let (start, end) = report.source.range(&f.span);
            let issue = Issue {
                description: format!("{} {}: {}", f.code, f.name, f.message),
                check_name: f.code,
                fingerprint,
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: start.line,
                        end: end.line,
                    },
                    positions: Positions {
                        begin: Position {
                            line: start.line,
                            column: start.column,
                        },
                        end: Position {
                            line: end.line,
                            column: end.column,
                        },
                    },
                },
            };
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            self.out.write_all(b"\n")?;
            serde_json::to_writer(&mut *self.out, &issue).map_err(std::io::Error::from)?;
        }
        Ok(())
    }

    /// Closes the array.
    pub fn finish(self) -> Result<(), Error> {
        self.out.write_all(b"\n]\n")?;
        Ok(())
    }
}
