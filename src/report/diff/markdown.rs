//! Markdown: a summary table ranked by non-uniformity, then per item its matrix and differences.

use std::io::Write;

use super::{LEGEND, Mark, attribute_title, attribute_values, region_label};
use crate::diff::{Comparison, ItemDiff};
use crate::error::Error;

fn cell(s: &str) -> String {
    crate::report::markdown_text(s)
}

fn uniformity(item: &ItemDiff) -> String {
    if item.comparable {
        format!("{:.2}", item.uniformity)
    } else {
        "— (<2 complete guides)".to_owned()
    }
}

pub(super) fn render(cmp: &Comparison<'_>, out: &mut dyn Write) -> Result<(), Error> {
    writeln!(out, "# 办事指南差异比对 / Service guide comparison\n")?;
    writeln!(
        out,
        "{} from {} guides. Uniformity = required everywhere / required anywhere.\n",
        super::count(cmp.ranking.len(), "item"),
        cmp.guides
    )?;
    writeln!(
        out,
        "| 事项 item | 基本编码 | regions | uniformity | required everywhere / anywhere | partial guides | other differences |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for item in &cmp.ranking {
        let uniformity = if item.comparable {
            format!("{:.2}", item.uniformity)
        } else {
            "— (<2 complete guides)".to_owned()
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {}/{} | {} | {} |",
            cell(&item.name),
            item.basic_code.as_deref().unwrap_or("—"),
            item.regions,
            uniformity,
            item.required_everywhere,
            item.required_anywhere,
            item.partial_regions,
            if item.differing_elements.is_empty() {
                "—".to_owned()
            } else {
                item.differing_elements.join("、")
            }
        )?;
    }
    for item in cmp.items() {
        writeln!(out)?;
        render_item(&item, out)?;
    }
    writeln!(out, "\nLegend: {LEGEND}")?;
    if !cmp.collisions.is_empty() {
        writeln!(out, "\n## Collisions\n")?;
        for c in cmp.collisions {
            writeln!(
                out,
                "- {} in {}: compared `{}`, ignored `{}`",
                cell(&c.item),
                cell(&c.region),
                cell(&c.kept),
                cell(&c.ignored)
            )?;
        }
    }
    Ok(())
}

/// One item's matrix and differences (also drawn by the coverage report).
pub(crate) fn render_item(item: &ItemDiff, out: &mut dyn Write) -> Result<(), Error> {
    let code = item
        .basic_code
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    writeln!(out, "## {}{}\n", cell(&item.name), cell(&code))?;
    writeln!(
        out,
        "Uniformity **{}** ({}/{} required everywhere). Regions: {}.\n",
        uniformity(item),
        item.required_everywhere,
        item.required_anywhere,
        item.regions
            .iter()
            .map(|c| cell(&region_label(item, c)))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    let mut header = "| 材料 material |".to_owned();
    let mut rule = "|---|".to_owned();
    for c in &item.regions {
        let partial = if item.region(c).is_some_and(|r| r.partial) {
            " (partial)"
        } else {
            ""
        };
        header.push_str(&format!(" {}{partial} |", cell(c)));
        rule.push_str(":-:|");
    }
    if item.baseline.is_some() {
        header.push_str(" 全国 baseline |");
        rule.push_str(":-:|");
    }
    writeln!(out, "{header}\n{rule}")?;
    for row in &item.materials {
        let mut line = format!("| {} |", cell(&row.name));
        for c in &item.regions {
            let mark = Mark::of(row, item, c);
            let mut text = mark.symbol().to_owned();
            let limited = row.only_in_situations.get(c);
            if let Some(a) = row.attributes.get(c) {
                text.push(' ');
                text.push_str(&a.describe());
            }
            if let Some(n) = limited {
                text.push_str(&format!(" 仅限情形：{}", n.join("、")));
            }
            if !row.attribute_differences.is_empty()
                && (row.attributes.contains_key(c) || limited.is_some())
            {
                text.push_str(" *");
            }
            line.push_str(&format!(" {} |", cell(&text)));
        }
        if item.baseline.is_some() {
            line.push_str(&format!(
                " {} |",
                row.baseline.map_or("·", |b| Mark::from_status(b).symbol())
            ));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "- **Common core** ({}): {}",
        item.common_core.len(),
        if item.common_core.is_empty() {
            "—".to_owned()
        } else {
            cell(&item.common_core.join("、"))
        }
    )?;
    for r in item
        .region_details
        .iter()
        .filter(|r| !r.beyond_core.is_empty())
    {
        writeln!(
            out,
            "- **{}** also requires: {}",
            cell(&region_label(item, &r.code)),
            cell(&r.beyond_core.join("、"))
        )?;
    }
    for m in item
        .materials
        .iter()
        .filter(|m| !m.attribute_differences.is_empty())
    {
        for a in &m.attribute_differences {
            writeln!(
                out,
                "- Attribute difference — {} {}: {}",
                cell(&m.name),
                attribute_title(a),
                cell(&attribute_values(m, a))
            )?;
        }
    }
    for e in item.differing_elements() {
        let values: Vec<String> = e.regions.iter().map(|(c, v)| format!("{c} {v}")).collect();
        writeln!(
            out,
            "- {} ({}) differs: {}",
            e.title,
            e.title_en,
            cell(&values.join("; "))
        )?;
    }
    for m in &item.near_matches {
        writeln!(
            out,
            "- Possibly the same material (not merged): {} ≈ {} (score {:.2})",
            cell(&m.a),
            cell(&m.b),
            m.score
        )?;
    }
    for section in super::sections(item, crate::diagnostic::Lang::Zh) {
        writeln!(out, "\n### {}\n", section.title)?;
        for (label, text) in &section.lines {
            writeln!(out, "- **{}** {}", cell(label), cell(text))?;
        }
    }
    if let Some(b) = &item.baseline {
        writeln!(out, "\n### National baseline (`{}`)\n", b.path)?;
        writeln!(out, "| region | adds | drops / does not list | relaxes |")?;
        writeln!(out, "|---|---|---|---|")?;
        for d in &b.deviations {
            let join = |v: &[String]| {
                if v.is_empty() {
                    "—".to_owned()
                } else {
                    cell(&v.join("、"))
                }
            };
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&region_label(item, &d.region)),
                join(&d.added),
                join(&d.dropped),
                join(&d.relaxed)
            )?;
        }
    }
    Ok(())
}
