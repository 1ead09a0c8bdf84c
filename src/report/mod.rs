//! Rendering: findings and comparisons in, text out. Decides nothing about what is a finding.
//! One file per format; the set of formats is a closed enum.

pub mod diff;
pub mod human;
pub mod json;

use std::io::Write;

use crate::Error;
use crate::cli::LintFormat;
use crate::diagnostic::{FileReport, Lang, Summary};

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colour.
    pub color: bool,
    /// Wrap width in columns.
    pub width: usize,
    /// Message language (for the summary line).
    pub lang: Lang,
    /// Omit the summary line.
    pub quiet: bool,
}

/// A lint report being written, file by file, in one of the lint formats.
pub enum LintPrinter<'w> {
    /// Annotated snippets.
    Human(Box<human::Printer<'w>>),
    /// One JSON document.
    Json(json::Printer<'w>),
}

impl<'w> LintPrinter<'w> {
    /// Starts a report on `out`.
    pub fn new(format: LintFormat, style: Style, out: &'w mut dyn Write) -> Result<Self, Error> {
        Ok(match format {
            LintFormat::Human => LintPrinter::Human(Box::new(human::Printer::new(style, out))),
            LintFormat::Json => LintPrinter::Json(json::Printer::new(out)?),
        })
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        match self {
            LintPrinter::Human(p) => p.file(report),
            LintPrinter::Json(p) => p.file(report),
        }
    }

    /// Finishes the report with the run's summary.
    pub fn finish(self, summary: &Summary) -> Result<(), Error> {
        match self {
            LintPrinter::Human(p) => p.finish(summary),
            LintPrinter::Json(p) => p.finish(summary),
        }
    }
}
