//! The terminal writer: indented lines, padded columns (CJK characters are two cells wide),
//! colour through `Style` only.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::model::{Block, Doc, Matrix, Section, Table, Tone};
use crate::error::Error;
use crate::report::{Style, human};

/// Widest row name in a matrix, in terminal cells.
const NAME_WIDTH: usize = 30;
/// Widest table cell, in terminal cells.
const CELL_WIDTH: usize = 48;

/// Wraps text in an ANSI SGR sequence when colour is on: the only place that knows escapes.
pub(crate) fn paint(style: &Style, sgr: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn tone(style: &Style, tone: Tone, text: &str) -> String {
    match tone {
        Tone::Plain => text.to_owned(),
        Tone::Good => paint(style, "32", text),
        Tone::Fair => paint(style, "33", text),
        Tone::Poor => paint(style, "31", text),
    }
}

/// `s` padded with spaces to `width` terminal cells.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// At most `width` terminal cells, with an ellipsis.
pub(crate) fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

struct Writer<'o> {
    style: Style,
    colon: &'static str,
    legends: Vec<String>,
    out: &'o mut dyn Write,
}

/// Writes `doc` for a terminal.
pub(crate) fn write(doc: Doc<'_>, style: Style, out: &mut dyn Write) -> Result<(), Error> {
    let mut w = Writer {
        style,
        colon: doc.lang.pick("：", ": "),
        legends: Vec::new(),
        out,
    };
    writeln!(w.out, "{}", paint(&style, "1", &doc.title))?;
    for b in &doc.head {
        writeln!(w.out)?;
        w.block(b, 0)?;
    }
    for s in doc.sections {
        writeln!(w.out)?;
        w.section(&s, 0)?;
    }
    for b in &doc.tail {
        writeln!(w.out)?;
        w.block(b, 0)?;
    }
    if !w.legends.is_empty() {
        writeln!(w.out)?;
        for l in &w.legends {
            writeln!(w.out, "{l}")?;
        }
    }
    let (_, findings) = doc.findings;
    if !findings.is_empty() {
        writeln!(w.out)?;
        let mut style = style;
        style.lang = doc.lang;
        let mut printer = human::Printer::new(style, &mut *w.out);
        for r in findings {
            printer.file(r)?;
        }
    }
    if !style.quiet {
        writeln!(w.out, "{}", doc.summary)?;
    }
    Ok(())
}

impl Writer<'_> {
    /// `line` folded to the output's width, continuation lines indented by `hang` spaces (a
    /// 1,000-character 受理条件 is a paragraph, not one line past the edge of the terminal).
    fn fold(&self, line: &str, hang: usize) -> String {
        let width = self.style.width.max(hang + 20);
        if !self.style.fold || line.width() <= width {
            return line.to_owned();
        }
        let hang = " ".repeat(hang);
        textwrap::fill(
            line,
            textwrap::Options::new(width)
                .subsequent_indent(&hang)
                .break_words(true),
        )
    }

    fn section(&mut self, s: &Section, indent: usize) -> Result<(), Error> {
        let title = if indent == 0 {
            s.title.clone()
        } else {
            format!("── {} ──", s.title)
        };
        writeln!(
            self.out,
            "{}{}",
            " ".repeat(indent),
            paint(&self.style, "1", &title)
        )?;
        for b in &s.blocks {
            self.block(b, indent + 2)?;
        }
        Ok(())
    }

    fn block(&mut self, b: &Block, indent: usize) -> Result<(), Error> {
        let at = " ".repeat(indent);
        match b {
            Block::Facts { title: None, facts } => {
                for (label, value, t) in facts {
                    let value = tone(&self.style, *t, value);
                    let line = format!("{at}{label}{}{value}", self.colon);
                    writeln!(self.out, "{}", self.fold(&line, indent + 2))?;
                }
            }
            Block::Facts {
                title: Some(title),
                facts,
            } => {
                writeln!(self.out, "{at}{title}{}", self.colon.trim_end())?;
                for (label, value, t) in facts {
                    let value = tone(&self.style, *t, value);
                    let line = format!("{at}  {label}: {value}");
                    writeln!(self.out, "{}", self.fold(&line, indent + 4))?;
                }
            }
            Block::Note(text) => {
                writeln!(self.out, "{}", self.fold(&format!("{at}{text}"), indent))?
            }
            Block::List { title, items } => {
                let inner = match title {
                    Some(t) => {
                        writeln!(self.out, "{at}{t}{}", self.colon.trim_end())?;
                        format!("{at}  ")
                    }
                    None => at.clone(),
                };
                for i in items {
                    let hang = inner.len() + 2;
                    writeln!(self.out, "{}", self.fold(&format!("{inner}{i}"), hang))?;
                }
            }
            Block::Table(t) => self.table(t, &at)?,
            Block::Matrix(m) => self.matrix(m, &at)?,
            Block::Sub(s) => {
                writeln!(self.out)?;
                self.section(s, indent)?;
            }
        }
        Ok(())
    }

    fn table(&mut self, t: &Table, at: &str) -> Result<(), Error> {
        let inner = match &t.title {
            Some(title) => {
                writeln!(self.out, "{at}{title}{}", self.colon.trim_end())?;
                format!("{at}  ")
            }
            None => at.to_owned(),
        };
        let cells: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| truncate(&c.text, CELL_WIDTH)).collect())
            .collect();
        let widths: Vec<usize> = (0..t.columns.len())
            .map(|i| {
                cells
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| c.width())
                    .chain(std::iter::once(t.columns[i].width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |texts: Vec<(String, String)>| -> String {
            let mut s = inner.clone();
            for (i, (text, plain)) in texts.into_iter().enumerate() {
                s.push_str(&text);
                if i + 1 < widths.len() {
                    s.push_str(&" ".repeat(widths[i].saturating_sub(plain.width()) + 2));
                }
            }
            s.trim_end().to_owned()
        };
        let head = line(t.columns.iter().map(|c| (c.clone(), c.clone())).collect());
        writeln!(self.out, "{head}")?;
        for (row, texts) in t.rows.iter().zip(cells) {
            let l = line(
                row.iter()
                    .zip(texts)
                    .map(|(c, text)| (tone(&self.style, c.tone, &text), text))
                    .collect(),
            );
            writeln!(self.out, "{l}")?;
        }
        Ok(())
    }

    fn matrix(&mut self, m: &Matrix, at: &str) -> Result<(), Error> {
        if !self.legends.contains(&m.legend) {
            self.legends.push(m.legend.clone());
        }
        let name_w = m
            .rows
            .iter()
            .map(|r| truncate(&r.head, NAME_WIDTH).width())
            .chain(std::iter::once(m.corner.width()))
            .chain(m.totals.iter().map(|(l, _)| l.width()))
            .max()
            .unwrap_or(8);
        let value_w: Vec<usize> = (0..m.values.len())
            .map(|i| {
                m.rows
                    .iter()
                    .filter_map(|r| r.values.get(i))
                    .map(|v| v.0.width())
                    .chain(std::iter::once(m.values[i].width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let col_w: Vec<usize> = m
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                m.rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .map(|cell| cell.symbol.width() + 1)
                    .chain([c.head.width(), 4])
                    .max()
                    .unwrap_or(4)
            })
            .collect();
        let mut header = format!("{at}{}", pad(&m.corner, name_w));
        for (t, w) in m.values.iter().zip(&value_w) {
            header.push_str(&format!(" {}", pad(t, *w)));
        }
        for (c, w) in m.columns.iter().zip(&col_w) {
            header.push_str(&format!(" {}", pad(&c.head, *w)));
        }
        writeln!(self.out, "{}", header.trim_end())?;
        for r in &m.rows {
            let mut line = format!("{at}{}", pad(&truncate(&r.head, NAME_WIDTH), name_w));
            for ((v, t), w) in r.values.iter().zip(&value_w) {
                line.push_str(&format!(" {}", tone(&self.style, *t, &pad(v, *w))));
            }
            for (cell, w) in r.cells.iter().zip(&col_w) {
                let sgr = match cell.class {
                    "required" | "yes" | "yes via" | "cov full" => "32",
                    "unknown" => "2",
                    "absent" | "no" | "cov none" => "31",
                    "" => "0",
                    _ => "33",
                };
                let sym = if cell.class.is_empty() {
                    cell.symbol.to_string()
                } else {
                    paint(&self.style, sgr, &cell.symbol)
                };
                let flag = if cell.flagged { "*" } else { " " };
                // The symbol under the middle of the column.
                let used = cell.symbol.width() + 1;
                let left = w.saturating_sub(used) / 2;
                let rest = w.saturating_sub(left + used);
                line.push_str(&format!(
                    " {}{sym}{flag}{}",
                    " ".repeat(left),
                    " ".repeat(rest)
                ));
            }
            writeln!(self.out, "{}", line.trim_end())?;
        }
        if let Some((label, counts)) = &m.totals {
            let mut line = format!("{at}{}", pad(label, name_w));
            for w in &value_w {
                line.push_str(&format!(" {}", " ".repeat(*w)));
            }
            for (n, w) in counts.iter().zip(&col_w) {
                let n = n.to_string();
                let left = w.saturating_sub(n.width() + 1) / 2;
                line.push_str(&format!(" {}{}", " ".repeat(left), pad(&n, w - left)));
            }
            writeln!(self.out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Lang;

    fn render(lang: Lang, fold: bool) -> String {
        let condition = "申请人应当符合条件；".repeat(100);
        let doc = super::super::model::Doc {
            title: "t".into(),
            summary: "s".into(),
            lang,
            head: vec![
                Block::Facts {
                    title: None,
                    facts: vec![(
                        lang.pick("受理条件", "conditions").into(),
                        condition.clone(),
                        Tone::Plain,
                    )],
                },
                Block::List {
                    title: Some("l".into()),
                    items: vec![condition],
                },
            ],
            sections: Box::new(std::iter::empty()),
            tail: Vec::new(),
            findings: (String::new(), &[]),
        };
        let style = Style {
            color: false,
            width: 60,
            fold,
            lang,
            quiet: true,
        };
        let mut out = Vec::new();
        write(doc, style, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Regression: a 1,000-character 受理条件 was one line of 1,893 terminal columns.
    #[test]
    fn long_notes_fold_to_the_terminal_width_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let out = render(lang, true);
            assert!(out.lines().count() > 30, "{out}");
            for line in out.lines() {
                assert!(line.width() <= 60, "{lang:?}: {line}");
            }
            // Continuation lines hang under the text, not the margin.
            assert!(out.lines().skip(2).any(|l| l.starts_with("  申")), "{out}");
            // Piped output keeps one line per fact (grep finds a whole note).
            assert_eq!(render(lang, false).lines().count(), 6, "{lang:?}");
        }
    }
}
