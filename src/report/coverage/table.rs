//! The default terminal report: per agreement its members, the items with who publishes them
//! and who does not, the `diff` matrix of every item two or more members publish, then the
//! findings as annotated snippets.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::{coverage_text, percent, source_line};
use crate::coverage::{AgreementCoverage, Coverage};
use crate::error::Error;
use crate::report::Style;
use crate::report::diff::{paint, table as diff_table};
use crate::report::human;

/// Members named in a "✗" line; beyond this the line gives their number (the JSON, CSV and
/// Markdown reports name every one).
const MAX_LISTED: usize = 12;

use crate::report::diff::table::pad;

/// Wraps `words` (joined by `sep`) at `width` cells, indenting continuation lines.
fn wrap(prefix: &str, words: &[String], sep: &str, width: usize, indent: usize) -> String {
    let mut out = prefix.to_owned();
    let mut line = prefix.width();
    for (i, w) in words.iter().enumerate() {
        let piece = if i + 1 < words.len() {
            format!("{w}{sep}")
        } else {
            w.clone()
        };
        if line + piece.width() > width && line > indent {
            let kept = out.trim_end().len();
            out.truncate(kept);
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line = indent;
        }
        out.push_str(&piece);
        line += piece.width();
    }
    out
}

fn sgr(c: f64) -> &'static str {
    if c >= 1.0 {
        "32"
    } else if c >= 0.5 {
        "33"
    } else {
        "31"
    }
}

pub(super) fn render(cov: &Coverage, style: Style, out: &mut dyn Write) -> Result<(), Error> {
    if cov.agreements.is_empty() {
        writeln!(out, "no agreements ({} guides)", cov.guides)?;
    }
    for (n, a) in cov.agreements.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        agreement(a, &style, out)?;
    }
    if !cov.findings.is_empty() {
        writeln!(out)?;
        let mut printer = human::Printer::new(style, out);
        for r in &cov.findings {
            printer.file(r)?;
        }
    }
    if !style.quiet {
        let covered: Vec<String> = cov
            .agreements
            .iter()
            .filter_map(|a| {
                a.coverage
                    .map(|c| format!("{} {}", a.info.label(), percent(c)))
            })
            .collect();
        writeln!(
            out,
            "{} agreements, {} guides read{}",
            cov.agreements.len(),
            cov.guides,
            if covered.is_empty() {
                String::new()
            } else {
                format!(": {}", covered.join(" · "))
            }
        )?;
    }
    Ok(())
}

fn agreement(a: &AgreementCoverage, style: &Style, out: &mut dyn Write) -> Result<(), Error> {
    let width = style.width;
    let title = if a.info.short_name.is_some() {
        format!("{} — {}", a.info.label(), a.info.name)
    } else {
        a.info.name.clone()
    };
    writeln!(out, "{}", paint(style, "1", &title))?;
    writeln!(out, "  {}", a.info.path)?;
    writeln!(out, "  source: {}", source_line(a))?;
    if let Some(note) = &a.info.source.note {
        writeln!(out, "  {note}")?;
    }
    let cov = coverage_text(a);
    let cov = match a.coverage {
        Some(c) => paint(style, sgr(c), &cov),
        None => cov,
    };
    writeln!(out, "  {}", super::facts_line(a, &cov))?;
    if a.items.is_empty() {
        return Ok(());
    }
    let name_w = a
        .items
        .iter()
        .map(|i| i.name.width())
        .max()
        .unwrap_or(0)
        .clamp(8, 36);
    writeln!(out)?;
    writeln!(
        out,
        "  {} {} {} uniformity",
        pad("item", name_w),
        pad("modes", 14),
        pad("published", 10),
    )?;
    for item in &a.items {
        let modes = if item.modes.is_empty() {
            "—".to_owned()
        } else {
            item.modes.join("、")
        };
        let published = format!("{}/{}", item.published, item.members.len());
        let uniformity = match item.uniformity {
            Some(u) => paint(style, sgr(u), &format!("{u:.2}")),
            None => "—".to_owned(),
        };
        writeln!(
            out,
            "  {} {} {} {uniformity}",
            pad(&item.name, name_w),
            pad(&modes, 14),
            paint(
                style,
                sgr(item.coverage),
                &pad(&format!("{published} {}", percent(item.coverage)), 10)
            ),
        )?;
        let published: Vec<String> = item
            .members
            .iter()
            .filter(|c| c.published())
            .map(|c| match &c.via {
                Some(via) => format!(
                    "{} {} (via {via}{})",
                    c.member,
                    super::member_name(a, &c.member),
                    c.region_name
                        .as_deref()
                        .map(|n| format!(" {n}"))
                        .unwrap_or_default()
                ),
                None => format!("{} {}", c.member, super::member_name(a, &c.member)),
            })
            .collect();
        if !published.is_empty() {
            writeln!(out, "{}", wrap("    ✓ ", &published, "、", width, 6))?;
        }
        let missing: Vec<String> = item
            .missing
            .iter()
            .map(|c| format!("{c} {}", super::member_name(a, c)))
            .collect();
        // A long list of absentees says less than its length: name them only when few.
        if missing.len() > MAX_LISTED && item.published == 0 {
            writeln!(out, "    ✗ none of the {} members", missing.len())?;
        } else if missing.len() > MAX_LISTED {
            writeln!(out, "    ✗ the other {} members", missing.len())?;
        } else if !missing.is_empty() {
            writeln!(out, "{}", wrap("    ✗ ", &missing, "、", width, 6))?;
        }
        for m in &item.mode_conflicts {
            writeln!(
                out,
                "    ! {} {}: {} contradicts {}",
                m.member,
                m.guide,
                m.found,
                item.modes.join("、")
            )?;
        }
    }
    let members: Vec<String> = a
        .members
        .iter()
        .map(|m| format!("{} {} {}/{}", m.code, m.name, m.published, a.items.len()))
        .collect();
    writeln!(out)?;
    writeln!(out, "{}", wrap("  members: ", &members, " · ", width, 4))?;
    for item in &a.items {
        if let Some(cmp) = &item.comparison {
            writeln!(out)?;
            writeln!(out, "  ── {}: the members' guides compared ──", item.name)?;
            diff_table::render_item(cmp, style, out)?;
        }
    }
    Ok(())
}
