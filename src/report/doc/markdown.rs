//! Markdown: headings, `label: value` lists and pipe tables (for an issue or a wiki page).

use std::io::Write;

use super::model::{Block, Doc, Matrix, Section, Table};
use crate::error::Error;
use crate::report::markdown_text as md;

/// Writes `doc` as Markdown, one section at a time.
pub(crate) fn write(doc: Doc<'_>, out: &mut dyn Write) -> Result<(), Error> {
    let mut legends: Vec<String> = Vec::new();
    writeln!(out, "# {}\n", md(&doc.title))?;
    writeln!(out, "{}\n", md(&doc.summary))?;
    for b in &doc.head {
        block(b, 2, &mut legends, out)?;
    }
    for s in doc.sections {
        section(&s, 2, &mut legends, out)?;
    }
    for b in &doc.tail {
        block(b, 2, &mut legends, out)?;
    }
    for l in &legends {
        writeln!(out, "{}\n", md(l))?;
    }
    let (title, findings) = doc.findings;
    if !findings.is_empty() {
        writeln!(out, "## {}\n", md(&title))?;
        for (r, f) in super::findings(findings) {
            writeln!(out, "- `{}`", super::finding_line(r, f).replace('`', "'"))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn heading(level: usize) -> String {
    "#".repeat(level.min(6))
}

fn section(
    s: &Section,
    level: usize,
    legends: &mut Vec<String>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    writeln!(out, "<a id=\"{}\"></a>\n", s.id)?;
    writeln!(out, "{} {}\n", heading(level), md(&s.title))?;
    for b in &s.blocks {
        block(b, level + 1, legends, out)?;
    }
    Ok(())
}

fn block(
    b: &Block,
    level: usize,
    legends: &mut Vec<String>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let title = |t: &Option<String>, out: &mut dyn Write| -> std::io::Result<()> {
        match t {
            Some(t) => writeln!(out, "{} {}\n", heading(level), md(t)),
            None => Ok(()),
        }
    };
    match b {
        Block::Facts { title: t, facts } => {
            title(t, out)?;
            for (label, value, _) in facts {
                writeln!(out, "- **{}**: {}", md(label), md(value))?;
            }
            writeln!(out)?;
        }
        Block::Note(text) => writeln!(out, "{}\n", md(text))?,
        Block::List { title: t, items } => {
            title(t, out)?;
            for i in items {
                writeln!(out, "- {}", md(i))?;
            }
            writeln!(out)?;
        }
        Block::Table(t) => {
            title(&t.title, out)?;
            table(t, out)?;
        }
        Block::Matrix(m) => {
            if !legends.contains(&m.legend) {
                legends.push(m.legend.clone());
            }
            matrix(m, out)?;
        }
        Block::Sub(s) => section(s, level, legends, out)?,
    }
    Ok(())
}

fn table(t: &Table, out: &mut dyn Write) -> Result<(), Error> {
    let head: Vec<String> = t.columns.iter().map(|c| md(c)).collect();
    writeln!(out, "| {} |", head.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(t.columns.len()))?;
    for r in &t.rows {
        let cells: Vec<String> = r
            .iter()
            .map(|c| match &c.link {
                Some(id) => format!("[{}](#{id})", md(&c.text).replace(['[', ']'], "")),
                None => md(&c.text),
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)?;
    Ok(())
}

fn matrix(m: &Matrix, out: &mut dyn Write) -> Result<(), Error> {
    let mut head = vec![md(&m.corner)];
    head.extend(m.values.iter().map(|v| md(v)));
    head.extend(m.columns.iter().map(|c| md(&c.label)));
    writeln!(out, "| {} |", head.join(" | "))?;
    writeln!(
        out,
        "|{}{}",
        "---|".repeat(1 + m.values.len()),
        ":-:|".repeat(m.columns.len())
    )?;
    for r in &m.rows {
        let mut cells = vec![md(&r.head)];
        cells.extend(r.values.iter().map(|(v, _)| md(v)));
        for c in &r.cells {
            let mut text = c.symbol.to_string();
            if !c.detail.is_empty() {
                text.push(' ');
                text.push_str(&c.detail);
            }
            if c.flagged {
                text.push_str(" *");
            }
            cells.push(md(&text));
        }
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if let Some((label, counts)) = &m.totals {
        let mut cells = vec![format!("**{}**", md(label))];
        cells.extend(m.values.iter().map(|_| String::new()));
        cells.extend(counts.iter().map(usize::to_string));
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)?;
    Ok(())
}
