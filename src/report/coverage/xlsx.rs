//! Excel workbook: a summary sheet of agreements, one sheet per agreement with its items ×
//! members grid (green: published, red: not), and a sheet of findings.

use std::collections::HashSet;
use std::io::Write;

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{coverage_text, percent, source_line};
use crate::coverage::{AgreementCoverage, Coverage};
use crate::error::Error;
use crate::report::diff::xlsx::{sheet_name, xerr};

pub(super) fn render(cov: &Coverage, out: &mut dyn Write) -> Result<(), Error> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let mut used = HashSet::new();
    used.insert("汇总 summary".to_lowercase());
    used.insert("问题 findings".to_lowercase());

    let summary = book.add_worksheet();
    summary.set_name("汇总 summary").map_err(xerr)?;
    summary
        .write_string_with_format(0, 0, "跨省通办协议覆盖情况 — agreement coverage", &title)
        .map_err(xerr)?;
    let headers = [
        "协议 agreement",
        "file",
        "members",
        "items listed",
        "items (source)",
        "published",
        "expected",
        "coverage",
        "completeness",
        "sheet",
    ];
    for (c, h) in headers.iter().enumerate() {
        summary
            .write_string_with_format(2, c as u16, *h, &bold)
            .map_err(xerr)?;
    }
    let pct = Format::new().set_num_format("0.0%");
    let mut names = Vec::new();
    for (i, a) in cov.agreements.iter().enumerate() {
        let r = 3 + i as u32;
        let name = sheet_name(a.info.label(), &mut used);
        summary.write_string(r, 0, &a.info.name).map_err(xerr)?;
        summary.write_string(r, 1, &a.info.path).map_err(xerr)?;
        summary
            .write_number(r, 2, a.members.len() as f64)
            .map_err(xerr)?;
        summary
            .write_number(r, 3, a.items.len() as f64)
            .map_err(xerr)?;
        if let Some(t) = a.info.items_total {
            summary.write_number(r, 4, t as f64).map_err(xerr)?;
        }
        summary
            .write_number(r, 5, a.published as f64)
            .map_err(xerr)?;
        summary
            .write_number(r, 6, a.expected as f64)
            .map_err(xerr)?;
        match a.coverage {
            Some(c) => summary.write_number_with_format(r, 7, c, &pct),
            None => summary.write_string(r, 7, "—"),
        }
        .map_err(xerr)?;
        summary
            .write_string(r, 8, &a.info.source.completeness)
            .map_err(xerr)?;
        summary.write_string(r, 9, &name).map_err(xerr)?;
        names.push(name);
    }
    summary.set_column_width(0, 40).map_err(xerr)?;
    summary.set_column_width(1, 40).map_err(xerr)?;
    summary.set_freeze_panes(3, 1).map_err(xerr)?;

    for (a, name) in cov.agreements.iter().zip(&names) {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(xerr)?;
        agreement_sheet(sheet, a, &bold, &title).map_err(xerr)?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name("问题 findings").map_err(xerr)?;
    for (c, h) in ["file", "line", "column", "severity", "code", "message"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xerr)?;
    }
    for (i, (r, f)) in super::findings(cov).enumerate() {
        let row = 1 + i as u32;
        let at = r.source.position(f.span.start);
        sheet.write_string(row, 0, &r.source.name).map_err(xerr)?;
        sheet.write_number(row, 1, at.line as f64).map_err(xerr)?;
        sheet.write_number(row, 2, at.column as f64).map_err(xerr)?;
        sheet
            .write_string(row, 3, f.severity.as_str())
            .map_err(xerr)?;
        sheet.write_string(row, 4, f.code).map_err(xerr)?;
        sheet.write_string(row, 5, &f.message).map_err(xerr)?;
    }
    sheet.set_column_width(0, 40).map_err(xerr)?;
    sheet.set_column_width(5, 80).map_err(xerr)?;

    let bytes = book.save_to_buffer().map_err(xerr)?;
    out.write_all(&bytes)?;
    Ok(())
}

fn agreement_sheet(
    sheet: &mut Worksheet,
    a: &AgreementCoverage,
    bold: &Format,
    title: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, &a.info.name, title)?;
    sheet.write_string(1, 0, format!("source: {}", source_line(a)))?;
    sheet.write_string(2, 0, super::facts_line(a, &coverage_text(a)))?;
    if let Some(note) = &a.info.source.note {
        sheet.write_string(3, 0, note)?;
    }
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let r0 = 5u32;
    for (c, h) in ["事项 item", "modes", "coverage", "uniformity"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(r0, c as u16, *h, bold)?;
    }
    for (c, m) in a.members.iter().enumerate() {
        sheet.write_string_with_format(
            r0,
            4 + c as u16,
            format!("{} {}", m.code, m.name),
            &header,
        )?;
        sheet.set_column_width(4 + c as u16, 12)?;
    }
    sheet.set_row_height(r0, 45)?;
    sheet.set_column_width(0, 36)?;
    sheet.set_column_width(1, 14)?;
    let yes = Format::new()
        .set_background_color(Color::RGB(0x2E7D32))
        .set_font_color(Color::White)
        .set_align(FormatAlign::Center);
    let no = Format::new()
        .set_background_color(Color::RGB(0xEF9A9A))
        .set_align(FormatAlign::Center);
    for (i, item) in a.items.iter().enumerate() {
        let r = r0 + 1 + i as u32;
        sheet.write_string(r, 0, &item.name)?;
        sheet.write_string(r, 1, item.modes.join("、"))?;
        sheet.write_string(
            r,
            2,
            format!(
                "{}/{} {}",
                item.published,
                item.members.len(),
                percent(item.coverage)
            ),
        )?;
        match item.uniformity {
            Some(u) => sheet.write_number(r, 3, u)?,
            None => sheet.write_string(r, 3, "—")?,
        };
        for (c, cell) in item.members.iter().enumerate() {
            let col = 4 + c as u16;
            match (&cell.guide, &cell.via) {
                (Some(_), Some(via)) => {
                    sheet.write_string_with_format(r, col, format!("✓ via {via}"), &yes)?
                }
                (Some(_), None) => sheet.write_string_with_format(r, col, "✓", &yes)?,
                _ => sheet.write_string_with_format(r, col, "✗", &no)?,
            };
        }
    }
    let mut r = r0 + 2 + a.items.len() as u32;
    for item in &a.items {
        if let Some(cmp) = &item.comparison {
            sheet.write_string_with_format(
                r,
                0,
                format!("{}: uniformity {:.2}", item.name, cmp.uniformity),
                bold,
            )?;
            r += 1;
            sheet.write_string(r, 0, "common core 共同必要材料")?;
            sheet.write_string(r, 1, cmp.common_core.join("、"))?;
            r += 1;
            for e in &cmp.regional_extras {
                sheet.write_string(r, 0, &e.material)?;
                sheet.write_string(
                    r,
                    1,
                    format!(
                        "required in {}; not in {}",
                        e.required_in.join(", "),
                        e.not_required_in.join(", ")
                    ),
                )?;
                r += 1;
            }
            r += 1;
        }
    }
    Ok(())
}
