//! Excel workbook (rust_xlsxwriter): the head on a summary sheet, one sheet per section (its
//! sub-sections below it), the findings on a sheet of their own; matrix cells are filled by
//! their mark and carry their explanation as a cell note.

use std::collections::HashSet;
use std::io::Write;

use rust_xlsxwriter::{Color, Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};

use super::model::{Block, Doc, Matrix, Section, Table};
use crate::error::Error;

/// An xlsx error as an output error.
fn xerr(e: XlsxError) -> Error {
    Error::Output(std::io::Error::other(e.to_string()))
}

/// A legal, unique sheet name (≤ 31 characters, none of `[]:*?/\`).
fn sheet_name(name: &str, used: &mut HashSet<String>) -> String {
    let clean: String = name
        .chars()
        // Control characters too: a raw ESC in a sheet name made the whole workbook unreadable.
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .collect();
    let clean = clean.trim_matches('\'').to_owned();
    let base: String = clean.chars().take(28).collect();
    let base = if base.is_empty() {
        "item".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while !used.insert(candidate.to_lowercase()) {
        candidate = format!("{base}({n})");
        n += 1;
    }
    candidate
}

fn fill(class: &str) -> Option<(u32, bool)> {
    Some(match class {
        "required" | "yes" | "cov full" => (0x2E7D32, true),
        "yes via" => (0x66BB6A, true),
        "deferred" => (0xF9A825, false),
        "optional" | "cov some" => (0xC5E1A5, false),
        "absent" | "no" | "cov none" => (0xEF9A9A, false),
        "unknown" | "cov na" => (0xE0E0E0, false),
        _ => return None,
    })
}

struct Formats {
    bold: Format,
    title: Format,
    wrap: Format,
    header: Format,
}

/// Writes `doc` as a workbook.
pub(crate) fn write(doc: Doc<'_>, out: &mut dyn Write) -> Result<(), Error> {
    let mut book = Workbook::new();
    let f = Formats {
        bold: Format::new().set_bold(),
        title: Format::new().set_bold().set_font_size(14),
        wrap: Format::new().set_text_wrap(),
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center),
    };
    let zh = doc.lang == crate::diagnostic::Lang::Zh;
    let summary_name = if zh { "汇总" } else { "summary" };
    let findings_name = if zh { "问题" } else { "findings" };
    let mut used = HashSet::from([summary_name.to_owned(), findings_name.to_owned()]);
    let summary = book.add_worksheet();
    summary.set_name(summary_name).map_err(xerr)?;
    summary
        .write_string_with_format(0, 0, &doc.title, &f.title)
        .map_err(xerr)?;
    summary.write_string(1, 0, &doc.summary).map_err(xerr)?;
    summary.set_column_width(0, 36).map_err(xerr)?;
    let mut r = 3;
    for b in &doc.head {
        r = block(summary, b, r, &f).map_err(xerr)?;
    }
    for s in doc.sections {
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheet_name(&s.name, &mut used))
            .map_err(xerr)?;
        sheet.set_column_width(0, 36).map_err(xerr)?;
        section(sheet, &s, 0, &f).map_err(xerr)?;
    }
    if !doc.tail.is_empty() {
        let summary = book.worksheet_from_index(0).map_err(xerr)?;
        for b in &doc.tail {
            r = block(summary, b, r, &f).map_err(xerr)?;
        }
    }
    let (title, findings) = doc.findings;
    if !findings.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(findings_name).map_err(xerr)?;
        sheet
            .write_string_with_format(0, 0, &title, &f.title)
            .map_err(xerr)?;
        // One column per field, so a sheet of findings can be filtered and sorted.
        let headers = if zh {
            ["文件", "行", "列", "级别", "代码", "问题"]
        } else {
            ["file", "line", "column", "severity", "code", "message"]
        };
        for (c, h) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(1, c as u16, *h, &f.header)
                .map_err(xerr)?;
        }
        for (i, (rep, finding)) in super::findings(findings).enumerate() {
            let row = 2 + i as u32;
            let at = rep.source.position(finding.span.start);
            sheet
                .write_string(row, 0, &rep.source.name)
                .and_then(|s| s.write_number(row, 1, at.line as f64))
                .and_then(|s| s.write_number(row, 2, at.column as f64))
                .and_then(|s| s.write_string(row, 3, finding.severity.as_str()))
                .and_then(|s| s.write_string(row, 4, finding.code))
                .and_then(|s| s.write_string(row, 5, &finding.message))
                .map_err(xerr)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(xerr)?;
    out.write_all(&bytes)?;
    Ok(())
}

/// Writes a section from row `r`; returns the next free row.
fn section(sheet: &mut Worksheet, s: &Section, r: u32, f: &Formats) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(r, 0, &s.title, &f.title)?;
    let mut r = r + 1;
    for b in &s.blocks {
        r = block(sheet, b, r, f)?;
    }
    Ok(r)
}

fn block(sheet: &mut Worksheet, b: &Block, mut r: u32, f: &Formats) -> Result<u32, XlsxError> {
    match b {
        Block::Facts { title, facts } => {
            if let Some(t) = title {
                sheet.write_string_with_format(r, 0, t, &f.bold)?;
                r += 1;
            }
            for (label, value, _) in facts {
                sheet.write_string(r, 0, label)?;
                sheet.write_string_with_format(r, 1, value, &f.wrap)?;
                r += 1;
            }
        }
        Block::Note(text) => {
            sheet.write_string(r, 0, text)?;
            r += 1;
        }
        Block::List { title, items } => {
            if let Some(t) = title {
                sheet.write_string_with_format(r, 0, t, &f.bold)?;
                r += 1;
            }
            for i in items {
                sheet.write_string(r, 0, i)?;
                r += 1;
            }
        }
        Block::Table(t) => r = table(sheet, t, r, f)?,
        Block::Matrix(m) => r = matrix(sheet, m, r, f)?,
        Block::Sub(s) => r = section(sheet, s, r, f)?,
    }
    Ok(r + 1)
}

fn table(sheet: &mut Worksheet, t: &Table, mut r: u32, f: &Formats) -> Result<u32, XlsxError> {
    if let Some(title) = &t.title {
        sheet.write_string_with_format(r, 0, title, &f.bold)?;
        r += 1;
    }
    for (c, h) in t.columns.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, h, &f.bold)?;
    }
    let top = r;
    r += 1;
    for row in &t.rows {
        for (c, cell) in row.iter().enumerate() {
            match cell.number {
                Some(n) if cell.text.parse::<f64>().is_ok() => {
                    sheet.write_number(r, c as u16, n)?
                }
                _ => sheet.write_string(r, c as u16, &cell.text)?,
            };
        }
        r += 1;
    }
    if !t.rows.is_empty() && !t.columns.is_empty() {
        sheet.autofilter(top, 0, r - 1, t.columns.len() as u16 - 1)?;
    }
    Ok(r)
}

fn matrix(sheet: &mut Worksheet, m: &Matrix, mut r: u32, f: &Formats) -> Result<u32, XlsxError> {
    let first = 1 + m.values.len() as u16;
    sheet.write_string_with_format(r, 0, &m.corner, &f.bold)?;
    for (i, v) in m.values.iter().enumerate() {
        sheet.write_string_with_format(r, 1 + i as u16, v, &f.header)?;
    }
    for (i, c) in m.columns.iter().enumerate() {
        sheet.write_string_with_format(r, first + i as u16, &c.label, &f.header)?;
        sheet.set_column_width(first + i as u16, 14)?;
    }
    sheet.set_row_height(r, 45)?;
    r += 1;
    for row in &m.rows {
        sheet.write_string(r, 0, &row.head)?;
        for (i, (v, _)) in row.values.iter().enumerate() {
            sheet.write_string(r, 1 + i as u16, v)?;
        }
        for (i, cell) in row.cells.iter().enumerate() {
            if cell.word.is_empty() {
                continue;
            }
            let mut text = cell.word.to_string();
            if !cell.detail.is_empty() {
                text.push(' ');
                text.push_str(&cell.detail);
            }
            if cell.flagged {
                text.push_str(" *");
            }
            let mut fmt = Format::new().set_align(FormatAlign::Center);
            if let Some((rgb, white)) = fill(cell.class) {
                fmt = fmt.set_background_color(Color::RGB(rgb));
                if white {
                    fmt = fmt.set_font_color(Color::White);
                }
            }
            if cell.flagged {
                fmt = fmt.set_bold();
            }
            let col = first + i as u16;
            sheet.write_string_with_format(r, col, text, &fmt)?;
            if let Some(note) = &cell.note {
                sheet.insert_note(r, col, &Note::new(note).set_author("tongban"))?;
            }
        }
        r += 1;
    }
    if let Some((label, counts)) = &m.totals {
        sheet.write_string_with_format(r, 0, label, &f.bold)?;
        for (i, n) in counts.iter().enumerate() {
            sheet.write_number(r, first + i as u16, *n as f64)?;
        }
        r += 1;
    }
    sheet.write_string(r, 0, &m.legend)?;
    Ok(r + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_character_in_an_item_name_made_the_workbook_unreadable() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("a\u{1b}[31mb\u{85}c\u{0}", &mut used), "a31mbc");
    }
}
