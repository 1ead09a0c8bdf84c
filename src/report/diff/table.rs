//! The default terminal report: per item a material × region matrix, the common core, what each
//! region asks for beyond it, attribute and element differences, near matches and the deviation
//! from the national baseline. Also the pairwise unified diff.

use std::io::Write;

use similar::{ChangeTag, TextDiff};
use unicode_width::UnicodeWidthStr;

use super::{LEGEND, Mark, attribute_title, attribute_values, paint, region_label};
use crate::diagnostic::Lang;
use crate::diff::{Comparison, ItemDiff, Pairwise};
use crate::error::Error;
use crate::report::Style;

/// Widest material column, in terminal cells.
const NAME_WIDTH: usize = 30;

/// `s` padded with spaces to `width` terminal cells (CJK characters are two wide).
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if (out.clone() + &c.to_string()).width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "—".to_owned()
    } else {
        v.join("、")
    }
}

pub(super) fn render(cmp: &Comparison<'_>, style: Style, out: &mut dyn Write) -> Result<(), Error> {
    if cmp.is_empty() {
        match style.lang {
            Lang::Zh => writeln!(out, "没有可比对的事项（{} 个指南）", cmp.guides)?,
            Lang::En => writeln!(out, "no items to compare ({} guides)", cmp.guides)?,
        }
        return Ok(());
    }
    for (n, item) in cmp.items().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        render_item(&item, &style, out)?;
    }
    writeln!(out)?;
    writeln!(out, "{LEGEND}")?;
    if !cmp.collisions.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(
                &style,
                "33",
                style.lang.pick(
                    "冲突（同一地区同一事项有两份指南；只比对第一份）：",
                    "collisions (two guides of one item in one region; only the first is compared):"
                )
            )
        )?;
        for c in cmp.collisions {
            writeln!(
                out,
                "  {} {}: {} | {} {}",
                c.item,
                c.region,
                c.kept,
                style.lang.pick("未比对", "ignored"),
                c.ignored
            )?;
        }
    }
    if !style.quiet {
        let comparable = cmp.ranking.iter().filter(|i| i.comparable).count();
        match style.lang {
            Lang::Zh => writeln!(
                out,
                "共 {} 个事项（{} 个在两个及以上地区），来自 {} 个指南",
                cmp.ranking.len(),
                comparable,
                cmp.guides
            )?,
            Lang::En => writeln!(
                out,
                "{} ({} in two or more regions) from {} guides",
                super::count(cmp.ranking.len(), "item"),
                comparable,
                cmp.guides
            )?,
        }
    }
    Ok(())
}

/// One item's matrix and differences (also drawn by the coverage report).
pub(crate) fn render_item(
    item: &ItemDiff,
    style: &Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let code = item
        .basic_code
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    let lang = style.lang;
    let index = if item.comparable {
        let text = match lang {
            Lang::Zh => format!(
                "一致性 {:.2}（{}/{} 项各地都要求）",
                item.uniformity, item.required_everywhere, item.required_anywhere
            ),
            Lang::En => format!(
                "uniformity {:.2} ({}/{} required everywhere)",
                item.uniformity, item.required_everywhere, item.required_anywhere
            ),
        };
        let sgr = if item.uniformity >= 1.0 {
            "32"
        } else if item.uniformity >= 0.5 {
            "33"
        } else {
            "31"
        };
        paint(style, sgr, &text)
    } else {
        match (item.regions.len(), lang) {
            (1, _) => lang.pick("仅一个地区（不比对）", "one region only (not compared)"),
            (_, _) => lang.pick(
                "仅一个完整指南（一致性只按完整指南计算）",
                "one complete guide only (uniformity counts complete guides)",
            ),
        }
        .to_owned()
    };
    let title = paint(style, "1", &format!("{}{code}", item.name));
    let n = item.regions.len();
    match lang {
        Lang::Zh => writeln!(out, "{title} — {n} 个地区 — {index}")?,
        Lang::En => writeln!(
            out,
            "{title} — {n} region{} — {index}",
            if n == 1 { "" } else { "s" }
        )?,
    }
    let labels: Vec<String> = item.regions.iter().map(|c| region_label(item, c)).collect();
    writeln!(
        out,
        "  {}{}",
        lang.pick("地区：", "regions: "),
        labels.join(" · ")
    )?;
    if item.has_partial {
        writeln!(
            out,
            "  {}",
            lang.pick(
                "部分指南（partial）：未列出的材料是未知（?），不是不要求",
                "partial guides: their unlisted materials are unknown (?), not absent"
            )
        )?;
    }

    // Matrix.
    let name_w = item
        .materials
        .iter()
        .map(|m| truncate(&m.name, NAME_WIDTH).width())
        .max()
        .unwrap_or(8)
        .max(lang.pick("材料", "material").width());
    let col_w = 7;
    let mut header = format!("  {}", pad(lang.pick("材料", "material"), name_w));
    for c in &item.regions {
        header.push_str(&format!(" {}", pad(c, col_w - 1)));
    }
    if item.baseline.is_some() {
        header.push_str(" 全国");
    }
    writeln!(out, "{}", header.trim_end())?;
    for row in &item.materials {
        let mut line = format!("  {}", pad(&truncate(&row.name, NAME_WIDTH), name_w));
        for c in &item.regions {
            let mark = Mark::of(row, item, c);
            let diff = if row.attribute_differences.is_empty()
                || !(row.attributes.contains_key(c) || row.only_in_situations.contains_key(c))
            {
                " "
            } else {
                "*"
            };
            let sym = match mark {
                Mark::Required => paint(style, "32", mark.symbol()),
                Mark::Unknown => paint(style, "2", mark.symbol()),
                Mark::Absent => paint(style, "31", mark.symbol()),
                _ => paint(style, "33", mark.symbol()),
            };
            line.push_str(&format!("   {sym}{diff}  "));
        }
        if let Some(b) = row.baseline {
            line.push_str(&format!("  {}", Mark::from_status(b).symbol()));
        }
        writeln!(out, "{}", line.trim_end())?;
    }

    let core = list(&item.common_core);
    match lang {
        Lang::Zh => writeln!(out, "  共同核心（{}）：{core}", item.common_core.len())?,
        Lang::En => writeln!(out, "  common core ({}): {core}", item.common_core.len())?,
    }
    let beyond: Vec<_> = item
        .region_details
        .iter()
        .filter(|r| !r.beyond_core.is_empty())
        .collect();
    if !beyond.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick("核心之外（各地另要求）：", "beyond the core:")
        )?;
        for r in beyond {
            writeln!(
                out,
                "    {}: {}",
                region_label(item, &r.code),
                r.beyond_core.join("、")
            )?;
        }
    }
    let with_diffs: Vec<_> = item
        .materials
        .iter()
        .filter(|m| !m.attribute_differences.is_empty())
        .collect();
    if !with_diffs.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick("材料属性差异：", "attribute differences:")
        )?;
        for m in with_diffs {
            for a in &m.attribute_differences {
                writeln!(
                    out,
                    "    {} {}: {}",
                    m.name,
                    attribute_title(a),
                    attribute_values(m, a)
                )?;
            }
        }
    }
    let elements: Vec<_> = item.differing_elements().collect();
    if !elements.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick("其他要素差异：", "other differences:")
        )?;
        for e in elements {
            let values: Vec<String> = e
                .regions
                .iter()
                .map(|(c, v)| format!("{c} {}", truncate(v, 40)))
                .collect();
            writeln!(
                out,
                "    {} ({}): {}",
                e.title,
                e.title_en,
                values.join("; ")
            )?;
        }
    }
    if !item.near_matches.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick(
                "可能是同一材料（未合并）：",
                "possibly the same material (not merged):"
            )
        )?;
        for m in &item.near_matches {
            writeln!(out, "    {} ≈ {} ({:.2})", m.a, m.b, m.score)?;
        }
    }
    if let Some(b) = &item.baseline {
        let partial = if b.partial { ", partial" } else { "" };
        match lang {
            Lang::Zh => writeln!(
                out,
                "  全国基线（{}{partial}）：必要材料 {} 项",
                b.path,
                b.required.len()
            )?,
            Lang::En => writeln!(
                out,
                "  national baseline ({}{partial}): requires {}",
                b.path,
                b.required.len()
            )?,
        }
        for d in &b.deviations {
            let mut parts = Vec::new();
            if !d.added.is_empty() {
                parts.push(format!(
                    "+ {} {}",
                    lang.pick("增加", "adds"),
                    d.added.join("、")
                ));
            }
            if !d.dropped.is_empty() {
                parts.push(format!(
                    "- {} {}",
                    match (d.partial, lang) {
                        (true, Lang::Zh) => "未列出",
                        (true, Lang::En) => "does not list",
                        (false, Lang::Zh) => "去掉",
                        (false, Lang::En) => "drops",
                    },
                    d.dropped.join("、")
                ));
            }
            if !d.relaxed.is_empty() {
                parts.push(format!(
                    "~ {} {}",
                    lang.pick("放宽", "relaxes"),
                    d.relaxed.join("、")
                ));
            }
            if parts.is_empty() {
                parts.push(lang.pick("= 与基线相同", "= as the baseline").to_owned());
            }
            writeln!(
                out,
                "    {}: {}",
                region_label(item, &d.region),
                parts.join("; ")
            )?;
        }
    }
    for section in super::sections(item, lang) {
        writeln!(out, "  {}{}", section.title, lang.pick("：", ":"))?;
        for (label, text) in section.lines {
            writeln!(out, "    {label}: {text}")?;
        }
    }
    Ok(())
}

pub(super) fn render_pairwise(
    view: &Pairwise,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let label = |s: &crate::diff::Side| {
        let partial = if s.partial { " (partial)" } else { "" };
        format!("{} {} {}{partial}", view.item, s.code, s.name)
    };
    let (a, b) = (label(&view.a), label(&view.b));
    let old = view.a.lines.join("\n") + "\n";
    let new = view.b.lines.join("\n") + "\n";
    let diff = TextDiff::from_lines(&old, &new);
    writeln!(out, "{}", paint(&style, "1", &format!("--- {a}")))?;
    writeln!(out, "{}", paint(&style, "1", &format!("+++ {b}")))?;
    // Whole lists: every material in context, so the two lists read side by side.
    let radius = view.a.lines.len().max(view.b.lines.len());
    for hunk in diff.unified_diff().context_radius(radius).iter_hunks() {
        writeln!(out, "{}", paint(&style, "36", &hunk.header().to_string()))?;
        for change in hunk.iter_changes() {
            let line = change.value().trim_end_matches('\n');
            match change.tag() {
                ChangeTag::Delete => writeln!(out, "{}", paint(&style, "31", &format!("-{line}")))?,
                ChangeTag::Insert => writeln!(out, "{}", paint(&style, "32", &format!("+{line}")))?,
                ChangeTag::Equal => writeln!(out, " {line}")?,
            }
        }
    }
    if view.a.lines == view.b.lines {
        writeln!(
            out,
            " {}",
            style.lang.pick(
                "（规范化后的材料清单相同）",
                "(same normalised material lists)"
            )
        )?;
    }
    if view.a.partial || view.b.partial {
        writeln!(
            out,
            "{}",
            style.lang.pick(
                "注意：部分指南（partial）只列出部分材料；缺少的一行可能是未知，不是不要求",
                "note: a partial guide lists only some materials; a missing line may be unknown, not absent"
            )
        )?;
    }
    Ok(())
}
