//! Rendering a `diff::Comparison` (and the pairwise view): one file per format, a closed set.
//! Decides nothing about what differs; `diff.rs` has done that.

mod csv;
pub(crate) mod html;
mod json;
pub(crate) mod markdown;
pub(crate) mod table;
pub(crate) mod xlsx;

use std::io::Write;

use crate::Error;
use crate::catalog::Status;
use crate::cli::DiffFormat;
use crate::diff::{Comparison, ItemDiff, MaterialRow, Pairwise};
use crate::report::Style;

/// Writes the comparison in `format`.
pub fn render(
    cmp: &Comparison<'_>,
    format: DiffFormat,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match format {
        DiffFormat::Table => table::render(cmp, style, out),
        DiffFormat::Markdown => markdown::render(cmp, out),
        DiffFormat::Json => json::render(cmp, out),
        DiffFormat::Csv => csv::render(cmp, out),
        DiffFormat::Xlsx => xlsx::render(cmp, out),
        DiffFormat::Html => html::render(cmp, out),
    }
}

/// Writes the pairwise view: a unified diff (table) or JSON.
pub fn render_pairwise(
    view: &Pairwise,
    format: DiffFormat,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match format {
        DiffFormat::Json => json::render_pairwise(view, out),
        _ => table::render_pairwise(view, style, out),
    }
}

/// What a human report shows in a cell: partial guides' absent cells are unknown, not absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Required,
    Optional,
    Deferred,
    Absent,
    Unknown,
}

impl Mark {
    pub(crate) fn of(row: &MaterialRow, item: &ItemDiff, region: &str) -> Mark {
        match row.status(region) {
            Status::Required => Mark::Required,
            Status::Optional => Mark::Optional,
            Status::Deferred => Mark::Deferred,
            Status::Absent if item.region(region).is_some_and(|r| r.partial) => Mark::Unknown,
            Status::Absent => Mark::Absent,
        }
    }

    pub(crate) fn from_status(s: Status) -> Mark {
        match s {
            Status::Required => Mark::Required,
            Status::Optional => Mark::Optional,
            Status::Deferred => Mark::Deferred,
            Status::Absent => Mark::Absent,
        }
    }

    /// One-character symbol for tables.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Mark::Required => "●",
            Mark::Optional => "○",
            Mark::Deferred => "◐",
            Mark::Absent => "·",
            Mark::Unknown => "?",
        }
    }

    /// The word, in both languages.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Mark::Required => "必要 required",
            Mark::Optional => "非必要 optional",
            Mark::Deferred => "容缺后补 deferred",
            Mark::Absent => "未要求 absent",
            Mark::Unknown => "未列出 unknown (partial guide)",
        }
    }

    /// CSS class / short key.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Mark::Required => "required",
            Mark::Optional => "optional",
            Mark::Deferred => "deferred",
            Mark::Absent => "absent",
            Mark::Unknown => "unknown",
        }
    }
}

/// The legend line shared by the text formats.
pub(crate) const LEGEND: &str = "● 必要 required  ○ 非必要 optional  ◐ 容缺后补 deferred  · absent  ? 未列出 not listed in a partial guide  * attributes differ";

/// Chinese names of the attributes compared.
pub(crate) fn attribute_title(key: &str) -> &'static str {
    match key {
        "original" => "原件/复印件",
        "copies" => "份数",
        "medium" => "纸质/电子",
        _ => "属性",
    }
}

/// `310000 上海市 (partial)`.
pub(crate) fn region_label(item: &ItemDiff, code: &str) -> String {
    match item.region(code) {
        Some(r) if r.partial && !r.name.is_empty() => format!("{code} {} (partial)", r.name),
        Some(r) if r.partial => format!("{code} (partial)"),
        Some(r) if !r.name.is_empty() => format!("{code} {}", r.name),
        _ => code.to_owned(),
    }
}

/// `原件 in 310000; 复印件 in 320000` for one attribute of one row.
pub(crate) fn attribute_values(row: &MaterialRow, key: &str) -> String {
    attribute_values_max(row, key, usize::MAX)
}

/// Like [`attribute_values`], naming at most `max` regions per value (`… +N`): for text repeated
/// in every cell (hover titles, cell notes), where listing every region would be quadratic.
pub(crate) fn attribute_values_max(row: &MaterialRow, key: &str, max: usize) -> String {
    let mut parts: Vec<(String, Vec<&str>)> = Vec::new();
    for (code, a) in &row.attributes {
        let v = match key {
            "original" => a.original().map(str::to_owned),
            "copies" => a.copies().map(|c| format!("{c}份")),
            _ => a.medium().map(str::to_owned),
        };
        if let Some(v) = v {
            match parts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, codes)) => codes.push(code),
                None => parts.push((v, vec![code])),
            }
        }
    }
    parts
        .iter()
        .map(|(v, codes)| {
            if codes.len() > max {
                format!(
                    "{v} in {} … +{}",
                    codes[..max].join(", "),
                    codes.len() - max
                )
            } else {
                format!("{v} in {}", codes.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Wraps text in an ANSI SGR sequence when colour is on: the only place that knows escapes.
pub(crate) fn paint(style: &Style, sgr: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// `1 item`, `3 items`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Attrs;

    #[test]
    fn per_cell_attribute_text_names_at_most_max_regions() {
        let mut row = MaterialRow {
            name: "营业执照".into(),
            variants: vec![],
            regions: Default::default(),
            attributes: Default::default(),
            attribute_differences: vec!["original"],
            conditional_in: vec![],
            class: "core",
            baseline: None,
        };
        for (i, o) in ["原件", "原件", "原件", "复印件"].iter().enumerate() {
            row.attributes
                .insert(format!("11{i}000"), Attrs::new(Some(o), None, None));
        }
        assert_eq!(
            attribute_values(&row, "original"),
            "原件 in 110000, 111000, 112000; 复印件 in 113000"
        );
        assert_eq!(
            attribute_values_max(&row, "original", 2),
            "原件 in 110000, 111000 … +1; 复印件 in 113000"
        );
    }
}
