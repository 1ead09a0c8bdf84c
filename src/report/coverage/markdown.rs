//! Markdown: a summary table of agreements, then per agreement an items × members grid, the
//! missing members and, per item two or more members publish, the `diff` section.

use std::io::Write;

use super::{coverage_text, percent, source_line};
use crate::coverage::Coverage;
use crate::error::Error;
use crate::report::diff::markdown as diff_markdown;

fn cell(s: &str) -> String {
    crate::report::markdown_text(s)
}

pub(super) fn render(cov: &Coverage, out: &mut dyn Write) -> Result<(), Error> {
    writeln!(out, "# 跨省通办协议覆盖情况 / Agreement coverage\n")?;
    writeln!(
        out,
        "{} agreements, {} guides read. Coverage = (item, member) pairs with a published guide ÷ items × members.\n",
        cov.agreements.len(),
        cov.guides
    )?;
    writeln!(out, "| agreement | members | items | coverage | source |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for a in &cov.agreements {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(a.info.label()),
            a.members.len(),
            a.items_line(),
            coverage_text(a),
            cell(&a.info.source.completeness)
        )?;
    }
    for a in &cov.agreements {
        writeln!(out, "\n## {}\n", cell(&a.info.name))?;
        writeln!(
            out,
            "`{}` · source: {}\n",
            a.info.path,
            cell(&source_line(a))
        )?;
        if let Some(note) = &a.info.source.note {
            writeln!(out, "> {}\n", cell(note))?;
        }
        if let Some(note) = &a.info.note {
            writeln!(out, "> {}\n", cell(note))?;
        }
        writeln!(out, "{}\n", super::facts_line(a, &coverage_text(a)))?;
        if a.items.is_empty() {
            continue;
        }
        write!(out, "| item | modes | coverage | uniformity |")?;
        for m in &a.members {
            write!(out, " {} {} |", cell(&m.code), cell(&m.name))?;
        }
        writeln!(out)?;
        write!(out, "|---|---|---|---|")?;
        for _ in &a.members {
            write!(out, ":-:|")?;
        }
        writeln!(out)?;
        for item in &a.items {
            write!(
                out,
                "| {} | {} | {}/{} {} | {} |",
                cell(&item.name),
                if item.modes.is_empty() {
                    "—".to_owned()
                } else {
                    cell(&item.modes.join("、"))
                },
                item.published,
                item.members.len(),
                percent(item.coverage),
                item.uniformity
                    .map_or_else(|| "—".to_owned(), |u| format!("{u:.2}"))
            )?;
            for c in &item.members {
                let mark = match (&c.guide, &c.via) {
                    (Some(_), Some(via)) => format!("✓ via {}", cell(via)),
                    (Some(_), None) => "✓".to_owned(),
                    _ => "✗".to_owned(),
                };
                write!(out, " {mark} |")?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
        for item in &a.items {
            for m in &item.mode_conflicts {
                writeln!(
                    out,
                    "- **{}**: `{}` ({}) has {}, agreed {}",
                    cell(&item.name),
                    cell(&m.guide),
                    cell(&m.member),
                    cell(&m.found),
                    cell(&item.modes.join("、"))
                )?;
            }
        }
        for item in &a.items {
            if let Some(cmp) = &item.comparison {
                // diff's section, one heading level down, under this agreement.
                let mut buf = Vec::new();
                diff_markdown::render_item(cmp, &mut buf)?;
                let text = String::from_utf8_lossy(&buf);
                let text = text.strip_prefix("## ").unwrap_or(&text);
                let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
                writeln!(out, "\n### {first} — the members' guides compared\n{rest}")?;
            }
        }
    }
    let lines: Vec<String> = super::findings(cov)
        .map(|(r, f)| format!("- `{}`", super::finding_line(r, f).replace('`', "'")))
        .collect();
    if !lines.is_empty() {
        writeln!(out, "\n## Findings\n")?;
        for l in lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}
