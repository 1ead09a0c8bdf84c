//! The shared report model of `diff` and `coverage` ([`model`]) and its writers, one file per
//! format: a new format is one writer, a new section one builder change that every format shows.

mod csv;
mod html;
mod markdown;
mod model;
mod text;
mod xlsx;

use std::io::Write;

pub(crate) use model::{
    Block, Cell, Column, Detail, Doc, Long, Mark, Matrix, Row, Section, Table, Tone,
};
pub(crate) use text::paint;

use crate::diagnostic::{FileReport, Finding};
use crate::error::Error;
use crate::report::DiffFormat;
use crate::report::Style;

/// The writers of a [`Doc`]: a closed set, like the lint printers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    /// Terminal lines, coloured through `Style`.
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// An Excel workbook.
    Xlsx,
    /// A long table, one row per matrix cell.
    Csv,
}

impl Writer {
    /// The writer of a report format; `None` for JSON, which is serde of the domain value.
    pub(crate) fn of(format: DiffFormat) -> Option<Writer> {
        match format {
            DiffFormat::Table => Some(Writer::Text),
            DiffFormat::Markdown => Some(Writer::Markdown),
            DiffFormat::Html => Some(Writer::Html),
            DiffFormat::Xlsx => Some(Writer::Xlsx),
            DiffFormat::Csv => Some(Writer::Csv),
            DiffFormat::Json => None,
        }
    }

    /// What this writer shows beyond the marks.
    pub(crate) fn detail(self) -> Detail {
        Detail {
            notes: matches!(self, Writer::Html | Writer::Xlsx),
            long: self == Writer::Csv,
        }
    }

    /// Writes `doc`, pulling its sections one at a time.
    pub(crate) fn write(
        self,
        doc: Doc<'_>,
        style: Style,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        match self {
            Writer::Text => text::write(doc, style, out),
            Writer::Markdown => markdown::write(doc, out),
            Writer::Html => html::write(doc, out),
            Writer::Xlsx => xlsx::write(doc, out),
            Writer::Csv => csv::write(doc, out),
        }
    }
}

/// `path:line:column: warning TB501 message`: a finding for formats without snippets.
pub(crate) fn finding_line(report: &FileReport, f: &Finding) -> String {
    let at = report.source.position(f.span.start);
    format!(
        "{}:{}:{}: {} {} {}",
        report.source.name,
        at.line,
        at.column,
        f.severity.as_str(),
        f.code,
        f.message
    )
}

/// Every finding in order, with its file.
pub(crate) fn findings(reports: &[FileReport]) -> impl Iterator<Item = (&FileReport, &Finding)> {
    reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
}
