//! JSON output: `{"findings": [...], "summary": {...}}`, streamed file by file.

use std::io::Write;

use serde::Serialize;

use crate::diagnostic::{FileReport, Finding, Severity, Summary};
use crate::error::Error;
use crate::source::Source;

/// A finding as it appears in JSON: 1-based line and column (columns count characters).
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    /// File path as given.
    pub path: &'a str,
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (exclusive).
    pub end_column: usize,
    /// RFC 6901 pointer into the document.
    pub pointer: &'a str,
    /// Stable code.
    pub code: &'a str,
    /// Check or rule name.
    pub name: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// Message.
    pub message: &'a str,
    /// Advice, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    /// Other locations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
    /// The mechanical correction `tongban lint --fix` would make, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
}

/// A fix in JSON: what it does, whether `--fix` applies it alone, and its edits.
#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    /// `safe` (`--fix`) or `unsafe` (`--fix --unsafe-fixes`).
    pub applicability: &'static str,
    /// What it does, in the chosen language.
    pub message: &'a str,
    /// Replacements of ranges of the file, positions as for findings.
    pub edits: Vec<JsonEdit<'a>>,
}

/// One replacement in JSON.
#[derive(Debug, Serialize)]
pub struct JsonEdit<'a> {
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (exclusive).
    pub end_column: usize,
    /// The new text of the range.
    pub content: &'a str,
}

/// A secondary location in JSON.
#[derive(Debug, Serialize)]
pub struct JsonRelated<'a> {
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column.
    pub end_column: usize,
    /// What it is.
    pub message: &'a str,
}

impl<'a> JsonFinding<'a> {
    /// Resolves a finding's byte span against its source.
    pub fn new(source: &'a Source, f: &'a Finding) -> Self {
        let (start, end) = source.range(&f.span);
        JsonFinding {
            path: &source.name,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            pointer: &f.pointer,
            code: f.code,
            name: f.name,
            severity: f.severity,
            message: &f.message,
            help: f.help.as_deref(),
            related: f
                .related
                .iter()
                .map(|r| {
                    let (s, e) = source.range(&r.span);
                    JsonRelated {
                        line: s.line,
                        column: s.column,
                        end_line: e.line,
                        end_column: e.column,
                        message: &r.message,
                    }
                })
                .collect(),
            fix: f.fix.as_deref().map(|x| JsonFix {
                applicability: match x.applicability {
                    crate::diagnostic::Applicability::Safe => "safe",
                    crate::diagnostic::Applicability::Unsafe => "unsafe",
                },
                message: &x.title,
                edits: x
                    .edits
                    .iter()
                    .map(|e| {
                        let (s, end) = source.range(&e.range);
                        JsonEdit {
                            line: s.line,
                            column: s.column,
                            end_line: end.line,
                            end_column: end.column,
                            content: &e.replacement,
                        }
                    })
                    .collect(),
            }),
        }
    }
}

/// Streams findings into one JSON object.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    first: bool,
}

impl<'w> Printer<'w> {
    /// Opens the JSON object.
    pub fn new(out: &'w mut dyn Write) -> Result<Self, Error> {
        out.write_all(b"{\"findings\":[")?;
        Ok(Printer { out, first: true })
    }

    /// Appends one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        for f in &report.findings {
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            self.out.write_all(b"\n")?;
            serde_json::to_writer(&mut *self.out, &JsonFinding::new(&report.source, f))
                .map_err(std::io::Error::from)?;
        }
        Ok(())
    }

    /// Closes the object with the summary.
    pub fn finish(self, summary: &Summary) -> Result<(), Error> {
        self.out.write_all(b"\n],\"summary\":")?;
        serde_json::to_writer(&mut *self.out, summary).map_err(std::io::Error::from)?;
        self.out.write_all(b"}\n")?;
        Ok(())
    }
}
