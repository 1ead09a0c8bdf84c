//! Excel workbook (rust_xlsxwriter): the head on a summary sheet, one sheet per section (its
//! sub-sections below it), the findings on a sheet of their own; matrix cells are filled by
//! their mark and carry their explanation as a cell note.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use rust_xlsxwriter::{Color, Format, FormatAlign, Note, Url, Workbook, Worksheet, XlsxError};

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

/// A sheet being written: whether its panes are frozen yet (at the first table or matrix
/// header), and where each section landed (`internal:` links, so the summary links to them).
struct Sheet<'w> {
    ws: &'w mut Worksheet,
    name: &'w str,
    frozen: bool,
    anchors: &'w mut HashMap<String, String>,
}

impl Sheet<'_> {
    /// Freezes the rows down to `header` and the columns before `col`, and prints them on every
    /// page (print titles); once per sheet.
    fn freeze(&mut self, header: u32, col: u16) -> Result<(), XlsxError> {
        if !self.frozen {
            self.frozen = true;
            self.ws.set_freeze_panes(header + 1, col)?;
            self.ws.set_repeat_rows(header, header)?;
            if col > 0 {
                self.ws.set_repeat_columns(0, col - 1)?;
            }
        }
        Ok(())
    }
}

/// A4 landscape, as wide as one page (as many pages down as it takes).
fn page_setup(ws: &mut Worksheet) {
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
}

/// A link to cell `row` of sheet `name` (quotes doubled, as Excel writes them).
fn anchor(name: &str, row: u32) -> String {
    format!("internal:'{}'!A{}", name.replace('\'', "''"), row + 1)
}

/// A value shown as text, as a number and the number format that shows it the same way:
/// `0.33` (0.00), `12` (0, when `exact` is given), `66.7%` (0.0%), `0.0% (0/18)` and `3/31 9.7%` (the fraction kept as
/// literal text in the format). `exact` is the unrounded value when the builder has it.
fn numeric(text: &str, exact: Option<f64>) -> Option<(f64, String)> {
    fn places(digits: &str) -> String {
        match digits.split_once('.') {
            Some((_, d)) if !d.is_empty() => format!("0.{}", "0".repeat(d.len())),
            _ => "0".to_owned(),
        }
    }
    fn fraction(s: &str) -> bool {
        s.split_once('/').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && (a.to_owned() + b).bytes().all(|c| c.is_ascii_digit())
        })
    }
    let text = text.trim();
    // A bare whole number is a number only when the builder says so: 基本编码 and region codes
    // are digits too, and a leading zero must survive.
    let plain = exact.is_some() || text.contains('.');
    if plain && let Ok(n) = text.parse::<f64>() {
        return n.is_finite().then(|| (exact.unwrap_or(n), places(text)));
    }
    let percent = |p: &str| -> Option<(f64, String)> {
        let digits = p.strip_suffix('%')?;
        // `33.3e-2`, not 33.3 / 100 (0.33299999999999996).
        let n = format!("{digits}e-2")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())?;
        Some((exact.unwrap_or(n), format!("{}%", places(digits))))
    };
    if let Some(v) = percent(text) {
        return Some(v);
    }
    if let Some((p, rest)) = text.split_once(' ') {
        // `0.0% (0/18)`
        if let Some(frac) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')'))
            && fraction(frac)
        {
            let (n, fmt) = percent(p)?;
            return Some((n, format!("{fmt} \"({frac})\"")));
        }
        // `3/31 9.7%`
        if fraction(p) {
            let (n, fmt) = percent(rest)?;
            return Some((n, format!("\"{p} \"{fmt}")));
        }
    }
    None
}

/// Writes `text` at (r, c): as a number when it reads as one (see `numeric`), else as text.
fn value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    text: &str,
    exact: Option<f64>,
    base: Format,
) -> Result<(), XlsxError> {
    match numeric(text, exact) {
        Some((n, fmt)) => ws.write_number_with_format(r, c, n, &base.set_num_format(fmt))?,
        None => ws.write_string_with_format(r, c, text, &base)?,
    };
    Ok(())
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
    let lang = doc.lang;
    let summary_name = lang.pick("汇总", "summary");
    let findings_name = lang.pick("问题", "findings");
    let mut used = HashSet::from([summary_name.to_owned(), findings_name.to_owned()]);
    let summary = book.add_worksheet();
    summary.set_name(summary_name).map_err(xerr)?;
    page_setup(summary);
    // The item sheets first, so the summary knows where to link.
    let mut anchors = HashMap::new();
    for s in doc.sections {
        let name = sheet_name(&s.name, &mut used);
        let ws = book.add_worksheet();
        ws.set_name(&name).map_err(xerr)?;
        ws.set_column_width(0, 36).map_err(xerr)?;
        page_setup(ws);
        let back = Url::new(anchor(summary_name, 0)).set_text(lang.pick("← 返回汇总", "← summary"));
        ws.write_url(0, 0, back).map_err(xerr)?;
        let mut sheet = Sheet {
            ws,
            name: &name,
            frozen: false,
            anchors: &mut anchors,
        };
        section(&mut sheet, &s, 1, &f).map_err(xerr)?;
    }
    let ws = book.worksheet_from_index(0).map_err(xerr)?;
    ws.write_string_with_format(0, 0, &doc.title, &f.title)
        .map_err(xerr)?;
    ws.write_string(1, 0, &doc.summary).map_err(xerr)?;
    ws.set_column_width(0, 36).map_err(xerr)?;
    let mut sheet = Sheet {
        ws,
        name: summary_name,
        frozen: false,
        anchors: &mut anchors,
    };
    let mut r = 3;
    for b in doc.head.iter().chain(&doc.tail) {
        r = block(&mut sheet, b, r, &f).map_err(xerr)?;
    }
    let (title, findings) = doc.findings;
    if !findings.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(findings_name).map_err(xerr)?;
        page_setup(sheet);
        sheet
            .write_string_with_format(0, 0, &title, &f.title)
            .map_err(xerr)?;
        // One column per field, so a sheet of findings can be filtered and sorted.
        let headers = if lang == crate::diagnostic::Lang::Zh {
            ["文件", "行", "列", "级别", "代码", "问题"]
        } else {
            ["file", "line", "column", "severity", "code", "message"]
        };
        for (c, h) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(1, c as u16, *h, &f.header)
                .map_err(xerr)?;
        }
        sheet.set_freeze_panes(2, 0).map_err(xerr)?;
        sheet.set_repeat_rows(1, 1).map_err(xerr)?;
        let integer = Format::new().set_num_format("0");
        let mut row = 1;
        for (rep, finding) in super::findings(findings) {
            row += 1;
            let at = rep.source.position(finding.span.start);
            let level = crate::rules::docs::severity_name(finding.severity, lang);
            sheet
                .write_string(row, 0, &rep.source.name)
                .and_then(|s| s.write_number_with_format(row, 1, at.line as f64, &integer))
                .and_then(|s| s.write_number_with_format(row, 2, at.column as f64, &integer))
                .and_then(|s| s.write_string(row, 3, level))
                .and_then(|s| s.write_string(row, 4, finding.code))
                .and_then(|s| s.write_string(row, 5, &finding.message))
                .map_err(xerr)?;
        }
        sheet.autofilter(1, 0, row, 5).map_err(xerr)?;
    }
    let bytes = book.save_to_buffer().map_err(xerr)?;
    out.write_all(&bytes)?;
    Ok(())
}

/// Writes a section from row `r`; returns the next free row.
fn section(sheet: &mut Sheet<'_>, s: &Section, r: u32, f: &Formats) -> Result<u32, XlsxError> {
    sheet.anchors.insert(s.id.clone(), anchor(sheet.name, r));
    sheet
        .ws
        .write_string_with_format(r, 0, &s.title, &f.title)?;
    let mut r = r + 1;
    for b in &s.blocks {
        r = block(sheet, b, r, f)?;
    }
    Ok(r)
}

fn block(sheet: &mut Sheet<'_>, b: &Block, mut r: u32, f: &Formats) -> Result<u32, XlsxError> {
    match b {
        Block::Facts { title, facts } => {
            if let Some(t) = title {
                sheet.ws.write_string_with_format(r, 0, t, &f.bold)?;
                r += 1;
            }
            for (label, text, _) in facts {
                sheet.ws.write_string(r, 0, label)?;
                value(sheet.ws, r, 1, text, None, f.wrap.clone())?;
                r += 1;
            }
        }
        Block::Note(text) => {
            sheet.ws.write_string(r, 0, text)?;
            r += 1;
        }
        Block::List { title, items } => {
            if let Some(t) = title {
                sheet.ws.write_string_with_format(r, 0, t, &f.bold)?;
                r += 1;
            }
            for i in items {
                sheet.ws.write_string(r, 0, i)?;
                r += 1;
            }
        }
        Block::Table(t) => r = table(sheet, t, r, f)?,
        Block::Matrix(m) => r = matrix(sheet, m, r, f)?,
        Block::Sub(s) => r = section(sheet, s, r, f)?,
    }
    Ok(r + 1)
}

fn table(sheet: &mut Sheet<'_>, t: &Table, mut r: u32, f: &Formats) -> Result<u32, XlsxError> {
    if let Some(title) = &t.title {
        sheet.ws.write_string_with_format(r, 0, title, &f.bold)?;
        r += 1;
    }
    for (c, h) in t.columns.iter().enumerate() {
        sheet.ws.write_string_with_format(r, c as u16, h, &f.bold)?;
    }
    // The row names: the first column that links to a section, else the first.
    let names = t
        .rows
        .first()
        .and_then(|row| row.iter().position(|c| c.link.is_some()))
        .unwrap_or(0);
    sheet.freeze(r, names as u16 + 1)?;
    let top = r;
    r += 1;
    for row in &t.rows {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell.link.as_ref().and_then(|id| sheet.anchors.get(id)) {
                Some(to) => {
                    let url = Url::new(to.as_str()).set_text(&cell.text);
                    sheet.ws.write_url(r, c, url)?;
                }
                None => value(sheet.ws, r, c, &cell.text, cell.number, Format::new())?,
            }
        }
        r += 1;
    }
    if !t.rows.is_empty() && !t.columns.is_empty() {
        sheet
            .ws
            .autofilter(top, 0, r - 1, t.columns.len() as u16 - 1)?;
    }
    Ok(r)
}

fn matrix(sheet: &mut Sheet<'_>, m: &Matrix, mut r: u32, f: &Formats) -> Result<u32, XlsxError> {
    let first = 1 + m.values.len() as u16;
    let ws = &mut *sheet.ws;
    ws.write_string_with_format(r, 0, &m.corner, &f.bold)?;
    for (i, v) in m.values.iter().enumerate() {
        ws.write_string_with_format(r, 1 + i as u16, v, &f.header)?;
    }
    for (i, c) in m.columns.iter().enumerate() {
        ws.write_string_with_format(r, first + i as u16, &c.label, &f.header)?;
        ws.set_column_width(first + i as u16, 14)?;
    }
    ws.set_row_height(r, 45)?;
    sheet.freeze(r, first)?;
    let ws = &mut *sheet.ws;
    r += 1;
    for row in &m.rows {
        ws.write_string(r, 0, &row.head)?;
        for (i, (v, _)) in row.values.iter().enumerate() {
            value(ws, r, 1 + i as u16, v, None, Format::new())?;
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
            // A share (coverage) is a number: its sort value, shown as the percentage.
            let share = text.ends_with('%').then_some(cell.sort);
            value(ws, r, col, &text, share, fmt)?;
            if let Some(note) = &cell.note {
                ws.insert_note(r, col, &Note::new(note).set_author("tongban"))?;
            }
        }
        r += 1;
    }
    if let Some((label, counts)) = &m.totals {
        ws.write_string_with_format(r, 0, label, &f.bold)?;
        for (i, n) in counts.iter().enumerate() {
            ws.write_number(r, first + i as u16, *n as f64)?;
        }
        r += 1;
    }
    ws.write_string(r, 0, &m.legend)?;
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
