//! Rendering: findings and comparisons in, text out. Decides nothing about what is a finding.
//! One file per format; the set of formats is a closed enum.

pub mod coverage;
pub mod diff;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod material;
pub mod sarif;

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

/// A path as CI systems want it: relative, `/`-separated, without a leading `./`.
pub fn path_for_ci(name: &str) -> String {
    let p = name.replace('\\', "/");
    let mut s = p.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_owned()
}

/// A lint report being written, file by file, in one of the lint formats.
pub enum LintPrinter<'w> {
    /// Annotated snippets.
    Human(Box<human::Printer<'w>>),
    /// One JSON document.
    Json(json::Printer<'w>),
    /// One JSON finding per line.
    JsonLines(json_lines::Printer<'w>),
    /// SARIF 2.1.0.
    Sarif(sarif::Printer<'w>),
    /// JUnit XML.
    Junit(junit::Printer<'w>),
    /// GitHub workflow commands.
    Github(github::Printer<'w>),
    /// GitLab Code Quality.
    Gitlab(gitlab::Printer<'w>),
}

impl<'w> LintPrinter<'w> {
    /// Starts a report on `out`.
    pub fn new(format: LintFormat, style: Style, out: &'w mut dyn Write) -> Result<Self, Error> {
        Ok(match format {
            LintFormat::Human => LintPrinter::Human(Box::new(human::Printer::new(style, out))),
            LintFormat::Json => LintPrinter::Json(json::Printer::new(out)?),
            LintFormat::JsonLines => LintPrinter::JsonLines(json_lines::Printer::new(out)),
            LintFormat::Sarif => LintPrinter::Sarif(sarif::Printer::new(out)),
            LintFormat::Junit => LintPrinter::Junit(junit::Printer::new(out)),
            LintFormat::Github => LintPrinter::Github(github::Printer::new(out)),
            LintFormat::Gitlab => LintPrinter::Gitlab(gitlab::Printer::new(out)?),
        })
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        match self {
            LintPrinter::Human(p) => p.file(report),
            LintPrinter::Json(p) => p.file(report),
            LintPrinter::JsonLines(p) => p.file(report),
            LintPrinter::Sarif(p) => p.file(report),
            LintPrinter::Junit(p) => p.file(report),
            LintPrinter::Github(p) => p.file(report),
            LintPrinter::Gitlab(p) => p.file(report),
        }
    }

    /// Finishes the report with the run's summary.
    pub fn finish(self, summary: &Summary) -> Result<(), Error> {
        match self {
            LintPrinter::Human(p) => p.finish(summary),
            LintPrinter::Json(p) => p.finish(summary),
            LintPrinter::JsonLines(_) | LintPrinter::Github(_) => Ok(()),
            LintPrinter::Sarif(p) => p.finish(),
            LintPrinter::Junit(p) => p.finish(),
            LintPrinter::Gitlab(p) => p.finish(),
        }
    }
}
