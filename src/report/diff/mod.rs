//! Rendering a `diff::Comparison` (and the pairwise view): one file per format, a closed set.
//! Decides nothing about what differs; `diff.rs` has done that.

mod csv;
pub(crate) mod html;
mod json;
pub(crate) mod markdown;
pub(crate) mod table;
pub(crate) mod xlsx;

use std::io::Write;

use crate::catalog::Status;
use crate::cli::DiffFormat;
use crate::diagnostic::Lang;
use crate::diff::{Comparison, ItemDiff, MaterialRow, Pairwise};
use crate::error::Error;
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
        "accepts" => "可选文书",
        "situations" => "适用情形",
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
    if key == "accepts" {
        for (code, docs) in &row.accepts {
            let v = docs.join("或");
            match parts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, codes)) => codes.push(code),
                None => parts.push((v, vec![code])),
            }
        }
    }
    if key == "situations" {
        for (code, _) in row.regions.iter().filter(|(_, s)| **s != Status::Absent) {
            let v = row.only_in_situations.get(code).map_or_else(
                || "所有情形".to_owned(),
                |n| format!("仅限情形：{}", n.join("、")),
            );
            match parts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, codes)) => codes.push(code),
                None => parts.push((v, vec![code])),
            }
        }
    }
    for (code, a) in row
        .attributes
        .iter()
        .filter(|_| key != "accepts" && key != "situations")
    {
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

/// A report section as data — a title and (label, text) lines — so every format shows the
/// requirement sections (统一名称, proposal, changes) from one definition.
pub(crate) struct Section {
    /// Heading.
    pub title: String,
    /// (label, text).
    pub lines: Vec<(String, String)>,
}

/// The requirement sections of one item, in `lang`: the wordings of each requirement written in
/// more than one way (统一名称), the proposed unified list, and each region's changes.
pub(crate) fn sections(item: &ItemDiff, lang: Lang) -> Vec<Section> {
    let zh = lang == Lang::Zh;
    let sep = lang.pick("；", "; ");
    let mut out = Vec::new();
    let wordings: Vec<(String, String)> = item
        .materials
        .iter()
        .filter(|m| m.wordings.len() > 1)
        .map(|m| {
            let text: Vec<String> = m
                .wordings
                .iter()
                .map(|w| format!("{}（{}）", w.wording, w.regions.join(", ")))
                .collect();
            (m.name.clone(), text.join(sep))
        })
        .collect();
    if !wordings.is_empty() {
        out.push(Section {
            title: lang
                .pick(
                    "各地写法（统一名称）",
                    "wordings per requirement (统一名称)",
                )
                .into(),
            lines: wordings,
        });
    }
    situation_sections(item, lang, &mut out);
    let p = &item.proposal;
    if !p.materials.is_empty() {
        let lines = p
            .materials
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let why = match (m.why, zh) {
                    ("core", true) => "各地都要求".to_owned(),
                    ("core", false) => "required everywhere".to_owned(),
                    ("majority", true) => format!("{}/{} 个完整指南要求", m.required_in, m.of),
                    ("majority", false) => {
                        format!("required in {}/{} complete guides", m.required_in, m.of)
                    }
                    (_, true) => "全国基线要求".to_owned(),
                    (_, false) => "required by the national baseline".to_owned(),
                };
                let mut text = format!("{} [{}", m.name, m.requirement);
                if m.accepts.len() > 1 {
                    text.push_str(&format!(
                        "{}{}",
                        lang.pick("；接受 ", "; accepts "),
                        m.accepts.join(lang.pick("或", " / "))
                    ));
                }
                text.push_str(&format!("{sep}{why}]"));
                ((i + 1).to_string(), text)
            })
            .collect();
        out.push(Section {
            title: lang
                .pick(
                    "建议统一材料清单（草案）",
                    "proposed unified material list (draft)",
                )
                .into(),
            lines,
        });
        let changes = p
            .changes
            .iter()
            .map(|c| {
                let mut parts: Vec<String> = Vec::new();
                if !c.add.is_empty() {
                    let verb = match (c.partial, zh) {
                        (true, true) => "+ 增加（部分指南，可能已要求）",
                        (false, true) => "+ 增加",
                        (true, false) => "+ add (partial guide: may be asked already)",
                        (false, false) => "+ add",
                    };
                    parts.push(format!("{verb} {}", c.add.join("、")));
                }
                if !c.drop.is_empty() {
                    parts.push(format!(
                        "- {} {}",
                        lang.pick("去掉", "drop"),
                        c.drop.join("、")
                    ));
                }
                for r in &c.reword {
                    parts.push(format!(
                        "{} {} → {}",
                        lang.pick("改写", "reword"),
                        r.from,
                        r.to
                    ));
                }
                for a in &c.accept_more {
                    parts.push(format!(
                        "{} {} {}",
                        a.requirement,
                        lang.pick("另接受", "also accept"),
                        a.add.join(lang.pick("、", ", "))
                    ));
                }
                for m in &c.make_required {
                    parts.push(make_required_label(m, lang));
                }
                (region_label(item, &c.region), parts.join(sep))
            })
            .collect();
        let changes: Vec<(String, String)> = changes;
        if !changes.is_empty() {
            out.push(Section {
                title: lang
                    .pick(
                        "各地采用建议清单需调整",
                        "changes for each region to adopt it",
                    )
                    .into(),
                lines: changes,
            });
        }
    }
    out
}

/// The situations (情形) each region distinguishes, and per situation two or more regions share,
/// the requirements whose status differs in it. Nothing for items without situations.
fn situation_sections(item: &ItemDiff, lang: Lang, out: &mut Vec<Section>) {
    if item.situations.is_empty() {
        return;
    }
    let sep = lang.pick("、", ", ");
    let lines: Vec<(String, String)> = item
        .regions
        .iter()
        .map(|code| {
            let text = match item.situations.iter().find(|r| r.region == *code) {
                Some(r) => r.names.join(sep),
                None => lang
                    .pick(
                        "未区分情形（材料适用于所有情形）",
                        "none (every material applies always)",
                    )
                    .to_owned(),
            };
            (region_label(item, code), text)
        })
        .collect();
    out.push(Section {
        title: lang
            .pick("各地区分的情形", "situations each region distinguishes")
            .into(),
        lines,
    });
    if item.per_situation.is_empty() {
        return;
    }
    let lines = item
        .per_situation
        .iter()
        .map(|s| {
            let label = format!("{}（{}）", s.name, s.regions.join(", "));
            if s.differing.is_empty() {
                return (
                    label,
                    lang.pick("材料要求一致", "same requirements").to_owned(),
                );
            }
            let rows: Vec<String> = s
                .differing
                .iter()
                .map(|r| {
                    let cells: Vec<String> = r
                        .regions
                        .iter()
                        .map(|(c, st)| format!("{c} {}", Mark::from_status(*st).symbol()))
                        .collect();
                    format!("{} {}", r.requirement, cells.join(" "))
                })
                .collect();
            (label, rows.join(lang.pick("；", "; ")))
        })
        .collect();
    out.push(Section {
        title: lang
            .pick(
                "按情形比较（两地以上同名情形；不同的材料）",
                "per situation (shared by two or more regions; requirements that differ)",
            )
            .into(),
        lines,
    });
}

/// "改为必要 X（现为非必要）": one region's change making a requirement 必要.
fn make_required_label(m: &crate::diff::MakeRequired, lang: Lang) -> String {
    let now = match m.now {
        "optional" => lang.pick("现为非必要", "now optional"),
        "conditional" => lang.pick("现为附条件", "now conditional"),
        _ => lang.pick("现仅限部分情形", "now for some situations only"),
    };
    match lang {
        Lang::Zh => format!("改为必要 {}（{now}）", m.requirement),
        _ => format!("make required {} ({now})", m.requirement),
    }
}

/// The proposal's change for one row in one region, as a CSV cell: `add`, `drop`,
/// `reword: A → B`, `accept: X、Y`, `make required (now …)`, or empty.
pub(crate) fn proposal_change(item: &ItemDiff, row: &MaterialRow, region: &str) -> String {
    // Changes are in region order.
    let changes = &item.proposal.changes;
    let at = changes.partition_point(|c| c.region.as_str() < region);
    let Some(c) = changes.get(at).filter(|c| c.region == region) else {
        return String::new();
    };
    let proposed = item
        .proposal
        .materials
        .iter()
        .find(|p| p.requirement == row.name)
        .map(|p| p.name.as_str());
    let mut out: Vec<String> = Vec::new();
    if let Some(p) = proposed {
        if c.add.iter().any(|a| a == p) {
            out.push("add".into());
        }
        for r in c.reword.iter().filter(|r| r.to == p) {
            out.push(format!("reword: {} → {}", r.from, r.to));
        }
        for a in c.accept_more.iter().filter(|a| a.requirement == p) {
            out.push(format!("accept: {}", a.add.join("、")));
        }
        for m in c.make_required.iter().filter(|m| m.requirement == p) {
            out.push(format!("make required (now {})", m.now));
        }
    } else if row.status(region) == Status::Required {
        out.push("drop".into());
    }
    out.join("; ")
}

/// How each region's wording reached one row, explained once per distinct wording and looked up
/// per region (for hover text, cell notes and a CSV column).
pub(crate) struct Explanations<'r> {
    texts: Vec<String>,
    by_region: std::collections::HashMap<&'r str, usize>,
}

impl<'r> Explanations<'r> {
    /// The explanations of one row.
    pub(crate) fn of(row: &'r MaterialRow, lang: Lang) -> Self {
        let mut texts = Vec::with_capacity(row.parts.len());
        let mut by_region = std::collections::HashMap::new();
        for p in &row.parts {
            let text = p.explain(lang);
            texts.push(if p.material == p.piece {
                text
            } else {
                format!("“{}” → {text}", p.material)
            });
            for r in &p.regions {
                by_region.insert(r.as_str(), texts.len() - 1);
            }
        }
        Explanations { texts, by_region }
    }

    /// The explanation for one region, if it lists the row.
    pub(crate) fn get(&self, region: &str) -> Option<&str> {
        self.by_region.get(region).map(|&i| self.texts[i].as_str())
    }
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
            holder: None,
            parts: vec![],
            accepts: Default::default(),
            wordings: vec![],
            attributes: Default::default(),
            attribute_differences: vec!["original"],
            conditional_in: vec![],
            only_in_situations: Default::default(),
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
