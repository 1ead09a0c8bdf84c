//! Rendering a `coverage::Coverage`: one file per format, the same closed set as `diff`. The
//! per-item comparison of the members' guides is drawn by the `diff` renderers themselves.

mod csv;
mod html;
mod json;
mod markdown;
mod table;
mod xlsx;

use std::io::Write;

use crate::cli::DiffFormat;
use crate::coverage::{AgreementCoverage, Coverage};
use crate::diagnostic::{FileReport, Finding};
use crate::error::Error;
use crate::report::Style;

/// Writes the coverage report in `format`.
pub fn render(
    cov: &Coverage,
    format: DiffFormat,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match format {
        DiffFormat::Table => table::render(cov, style, out),
        DiffFormat::Markdown => markdown::render(cov, out),
        DiffFormat::Json => json::render(cov, out),
        DiffFormat::Csv => csv::render(cov, out),
        DiffFormat::Xlsx => xlsx::render(cov, out),
        DiffFormat::Html => html::render(cov, out),
    }
}

/// `12.5%`.
pub(crate) fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// `12.5% (1/8)` or `— (no item listed)`.
pub(crate) fn coverage_text(a: &AgreementCoverage) -> String {
    match a.coverage {
        Some(c) => format!("{} ({}/{})", percent(c), a.published, a.expected),
        None => "— (no item listed)".to_owned(),
    }
}

/// `8 members · 2 items · lower-level guides count: yes · coverage 12.5% (1/8)`, with the coverage
/// text given (the terminal colours it).
pub(crate) fn facts_line(a: &AgreementCoverage, coverage: &str) -> String {
    format!(
        "{} · {} · lower-level guides count: {} · coverage {coverage}",
        a.members_line(),
        a.items_line(),
        if a.info.counts_toward_province {
            "yes"
        } else {
            "no"
        },
    )
}

/// The member's name in an agreement, by code.
pub(crate) fn member_name<'a>(a: &'a AgreementCoverage, code: &str) -> &'a str {
    a.members
        .iter()
        .find(|m| m.code == code)
        .map_or("", |m| m.name.as_str())
}

/// `source: 新华财经《…》 · 新华财经 · 2022-09-23 · partial`.
pub(crate) fn source_line(a: &AgreementCoverage) -> String {
    let s = &a.info.source;
    let mut parts: Vec<&str> = Vec::new();
    if let Some(d) = &s.document {
        parts.push(d);
    }
    if let Some(u) = &s.url {
        parts.push(u);
    }
    if let Some(p) = &s.publisher {
        parts.push(p);
    }
    if let Some(d) = &s.published {
        parts.push(d);
    }
    parts.push(&s.completeness);
    parts.join(" · ")
}

/// `path:line:column: warning TB501 message` — for formats without snippets.
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
pub(crate) fn findings(cov: &Coverage) -> impl Iterator<Item = (&FileReport, &Finding)> {
    cov.findings
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
}
