//! Excel workbook (rust_xlsxwriter): a summary sheet ranked by non-uniformity, then one sheet
//! per item with the material × region matrix (status words, colour fills, attribute values as
//! cell notes) and the lists below it.

use std::collections::HashSet;
use std::io::Write;

use rust_xlsxwriter::{Color, Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};

use super::{Mark, attribute_title, attribute_values_max, region_label};
use crate::diff::{Comparison, ItemDiff};
use crate::error::Error;

/// An xlsx error as an output error.
pub(crate) fn xerr(e: XlsxError) -> Error {
    Error::Output(std::io::Error::other(e.to_string()))
}

fn fill(mark: Mark) -> u32 {
    match mark {
        Mark::Required => 0x2E7D32,
        Mark::Deferred => 0xF9A825,
        Mark::Optional => 0xC5E1A5,
        Mark::Absent => 0xEF9A9A,
        Mark::Unknown => 0xE0E0E0,
    }
}

fn word(mark: Mark) -> &'static str {
    match mark {
        Mark::Required => "必要",
        Mark::Optional => "非必要",
        Mark::Deferred => "容缺后补",
        Mark::Absent => "—",
        Mark::Unknown => "未列出?",
    }
}

/// A legal, unique sheet name (≤ 31 characters, none of `[]:*?/\`).
pub(crate) fn sheet_name(name: &str, used: &mut HashSet<String>) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
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

pub(super) fn render(cmp: &Comparison<'_>, out: &mut dyn Write) -> Result<(), Error> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    let mut used = HashSet::new();
    used.insert("汇总 summary".to_lowercase());

    let summary = book.add_worksheet();
    summary.set_name("汇总 summary").map_err(xerr)?;
    summary
        .write_string_with_format(
            0,
            0,
            "办事指南差异比对 — items ranked by non-uniformity",
            &title,
        )
        .map_err(xerr)?;
    let headers = [
        "事项 item",
        "基本编码 code",
        "regions",
        "uniformity",
        "required everywhere",
        "required anywhere",
        "partial guides",
        "other differences",
        "sheet",
    ];
    for (c, h) in headers.iter().enumerate() {
        summary
            .write_string_with_format(2, c as u16, *h, &bold)
            .map_err(xerr)?;
    }
    let mut names = Vec::new();
    for (i, item) in cmp.ranking.iter().enumerate() {
        let r = 3 + i as u32;
        let name = sheet_name(&item.name, &mut used);
        summary.write_string(r, 0, &item.name).map_err(xerr)?;
        summary
            .write_string(r, 1, item.basic_code.as_deref().unwrap_or(""))
            .map_err(xerr)?;
        summary
            .write_number(r, 2, item.regions as f64)
            .map_err(xerr)?;
        if item.comparable {
            summary.write_number(r, 3, item.uniformity).map_err(xerr)?;
        } else {
            summary
                .write_string(r, 3, "— (<2 complete guides)")
                .map_err(xerr)?;
        }
        summary
            .write_number(r, 4, item.required_everywhere as f64)
            .map_err(xerr)?;
        summary
            .write_number(r, 5, item.required_anywhere as f64)
            .map_err(xerr)?;
        summary
            .write_number(r, 6, item.partial_regions as f64)
            .map_err(xerr)?;
        summary
            .write_string(r, 7, item.differing_elements.join("、"))
            .map_err(xerr)?;
        summary.write_string(r, 8, &name).map_err(xerr)?;
        names.push(name);
    }
    summary.set_column_width(0, 28).map_err(xerr)?;
    summary.set_column_width(7, 30).map_err(xerr)?;
    summary.set_column_width(8, 24).map_err(xerr)?;
    summary.set_freeze_panes(3, 1).map_err(xerr)?;
    if !cmp.is_empty() {
        summary
            .autofilter(2, 0, 2 + cmp.ranking.len() as u32, headers.len() as u16 - 1)
            .map_err(xerr)?;
    }

    for (item, name) in cmp.items().zip(&names) {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(xerr)?;
        item_sheet(sheet, &item, &bold, &title, &wrap).map_err(xerr)?;
    }
    let bytes = book.save_to_buffer().map_err(xerr)?;
    out.write_all(&bytes)?;
    Ok(())
}

fn item_sheet(
    sheet: &mut Worksheet,
    item: &ItemDiff,
    bold: &Format,
    title: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    let code = item
        .basic_code
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    sheet.write_string_with_format(0, 0, format!("{}{code}", item.name), title)?;
    let index = if item.comparable {
        format!(
            "uniformity {:.2} = {}/{} required everywhere / required anywhere",
            item.uniformity, item.required_everywhere, item.required_anywhere
        )
    } else {
        "fewer than two complete guides: uniformity not compared".to_owned()
    };
    sheet.write_string(1, 0, index)?;
    sheet.write_string_with_format(3, 0, "材料 material", bold)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    for (c, code) in item.regions.iter().enumerate() {
        sheet.write_string_with_format(3, 1 + c as u16, region_label(item, code), &header)?;
        sheet.set_column_width(1 + c as u16, 14)?;
    }
    let base_col = 1 + item.regions.len() as u16;
    if item.baseline.is_some() {
        sheet.write_string_with_format(3, base_col, "全国 baseline", &header)?;
        sheet.set_column_width(base_col, 14)?;
    }
    sheet.set_column_width(0, 36)?;
    sheet.set_row_height(3, 45)?;
    let mut r = 4u32;
    for row in &item.materials {
        sheet.write_string(r, 0, &row.name)?;
        let how = super::Explanations::of(row, crate::diagnostic::Lang::Zh);
        for (c, code) in item.regions.iter().enumerate() {
            let mark = Mark::of(row, item, code);
            let mut text = word(mark).to_owned();
            if let Some(a) = row.attributes.get(code) {
                text = format!("{text}：{}", a.describe());
            }
            let limited = row.only_in_situations.get(code);
            if let Some(n) = limited {
                text = format!("{text}（仅限情形：{}）", n.join("、"));
            }
            let differs = !row.attribute_differences.is_empty()
                && (row.attributes.contains_key(code) || limited.is_some());
            if differs {
                text.push_str(" *");
            }
            let mut fmt = Format::new()
                .set_background_color(Color::RGB(fill(mark)))
                .set_align(FormatAlign::Center);
            if mark == Mark::Required {
                fmt = fmt.set_font_color(Color::White);
            }
            if differs {
                fmt = fmt.set_bold();
            }
            sheet.write_string_with_format(r, 1 + c as u16, text, &fmt)?;
            let mut lines: Vec<String> = Vec::new();
            if differs {
                lines.extend(row.attribute_differences.iter().map(|a| {
                    format!(
                        "{}: {}",
                        attribute_title(a),
                        attribute_values_max(row, a, 8)
                    )
                }));
            }
            // How this region's wording reached the row.
            lines.extend(how.get(code).map(str::to_owned));
            if !lines.is_empty() {
                sheet.insert_note(
                    r,
                    1 + c as u16,
                    &Note::new(lines.join("\n")).set_author("tongban"),
                )?;
            }
        }
        if let Some(b) = row.baseline {
            let mark = Mark::from_status(b);
            sheet.write_string_with_format(
                r,
                base_col,
                word(mark),
                &Format::new()
                    .set_background_color(Color::RGB(fill(mark)))
                    .set_align(FormatAlign::Center),
            )?;
        }
        r += 1;
    }
    sheet.set_freeze_panes(4, 1)?;
    r += 1;
    sheet.write_string_with_format(r, 0, "common core 共同必要材料", bold)?;
    sheet.write_string_with_format(r, 1, item.common_core.join("、"), wrap)?;
    r += 1;
    for d in item
        .region_details
        .iter()
        .filter(|d| !d.beyond_core.is_empty())
    {
        sheet.write_string(
            r,
            0,
            format!("{} also requires", region_label(item, &d.code)),
        )?;
        sheet.write_string(r, 1, d.beyond_core.join("、"))?;
        r += 1;
    }
    for e in item.differing_elements() {
        let values: Vec<String> = e.regions.iter().map(|(c, v)| format!("{c} {v}")).collect();
        sheet.write_string(r, 0, format!("{} differs", e.title))?;
        sheet.write_string(r, 1, values.join("; "))?;
        r += 1;
    }
    for m in &item.near_matches {
        sheet.write_string(r, 0, "possibly the same material")?;
        sheet.write_string(r, 1, format!("{} ≈ {} ({:.2})", m.a, m.b, m.score))?;
        r += 1;
    }
    for section in super::sections(item, crate::diagnostic::Lang::Zh) {
        r += 1;
        sheet.write_string_with_format(r, 0, &section.title, bold)?;
        r += 1;
        for (label, text) in &section.lines {
            sheet.write_string(r, 0, label)?;
            sheet.write_string_with_format(r, 1, text, wrap)?;
            r += 1;
        }
    }
    if let Some(b) = &item.baseline {
        r += 1;
        sheet.write_string_with_format(r, 0, format!("national baseline: {}", b.path), bold)?;
        r += 1;
        for (c, h) in ["region", "adds", "drops / does not list", "relaxes"]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(r, c as u16, *h, bold)?;
        }
        r += 1;
        for d in &b.deviations {
            sheet.write_string(r, 0, region_label(item, &d.region))?;
            sheet.write_string(r, 1, d.added.join("、"))?;
            sheet.write_string(r, 2, d.dropped.join("、"))?;
            sheet.write_string(r, 3, d.relaxed.join("、"))?;
            r += 1;
        }
    }
    sheet.write_string(
        r + 1,
        0,
        "必要 required · 非必要 optional · 容缺后补 deferred · — absent · 未列出? not listed in a partial guide · * attributes differ (see the cell note)",
    )?;
    Ok(())
}
