//! One self-contained HTML page (inline CSS and script, no network requests): a summary table of
//! items ranked by non-uniformity, then per item a regions × materials heat map whose cells show
//! the attribute values and differences on hover, with sortable columns.

use std::fmt::Write as _;
use std::io::Write;

use super::{Mark, attribute_title, attribute_values, attribute_values_max, region_label};
use crate::diff::{Comparison, ItemDiff};
use crate::error::Error;

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page style (shared with the coverage report, which embeds diff's heat maps).
pub(crate) const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#1f2933;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 4px;border-top:2px solid #e4e7eb;padding-top:16px}
p.meta{color:#52606d;margin:4px 0 12px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #cbd2d9;padding:4px 8px}
thead th{background:#f5f7fa;cursor:pointer;user-select:none}
thead th.sorted-asc::after{content:" ▲"}thead th.sorted-desc::after{content:" ▼"}
table.heat thead th.mat{writing-mode:vertical-rl;text-orientation:upright;font-weight:normal;font-size:13px;vertical-align:bottom;white-space:nowrap;padding:6px 2px;line-height:1.1}
table.heat tbody th,table.heat tfoot th{white-space:nowrap;text-align:left}
.scroll{overflow-x:auto;max-width:100%}
table.heat td.cell{width:28px;min-width:28px;height:26px;text-align:center;font-size:14px}
td.required{background:#2e7d32;color:#fff}td.deferred{background:#f9a825}td.optional{background:#c5e1a5}
td.absent{background:#fbe3e3;color:#c62828}td.unknown{background:repeating-linear-gradient(45deg,#eceff1,#eceff1 4px,#dfe3e6 4px,#dfe3e6 8px);color:#616161}
td.attr-diff{outline:3px solid #1565c0;outline-offset:-3px;font-weight:bold}
tr.baseline th,tr.baseline td{border-top:3px double #52606d}
.partial{color:#b35c00;font-size:12px}
.bar{display:inline-block;height:10px;background:#2e7d32;vertical-align:middle;margin-right:6px}
.bar-bg{display:inline-block;width:80px;height:10px;background:#ef9a9a;vertical-align:middle;margin-right:6px}
ul{margin:4px 0 8px 18px;padding:0}li{margin:2px 0}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #cbd2d9}
.low{color:#c62828;font-weight:bold}.mid{color:#b35c00;font-weight:bold}.high{color:#2e7d32;font-weight:bold}
"#;

/// Sortable tables (shared with the coverage report).
pub(crate) const SCRIPT: &str = r#"
(function(){
  function key(cell){var v=cell.getAttribute('data-sort');if(v===null)v=cell.textContent.trim();var n=parseFloat(v);return isNaN(n)?v:n;}
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads=table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads,function(th,i){
      th.addEventListener('click',function(){
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        var asc=!th.classList.contains('sorted-asc');
        Array.prototype.forEach.call(heads,function(h){h.classList.remove('sorted-asc','sorted-desc');});
        th.classList.add(asc?'sorted-asc':'sorted-desc');
        rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);
          if(typeof x==='number'&&typeof y==='number')return asc?x-y:y-x;
          return asc?String(x).localeCompare(String(y),'zh'):String(y).localeCompare(String(x),'zh');});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  document.body.setAttribute('data-sortable-ready','yes');
})();
"#;

/// At most `n` characters, with an ellipsis: long names stay readable in vertical headers (the
/// full name and its variants are in the header's title).
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}

/// The full name, and how the guides wrote it when that differs.
fn header_title(name: &str, variants: &[String]) -> String {
    let others: Vec<&str> = variants
        .iter()
        .map(String::as_str)
        .filter(|v| *v != name)
        .collect();
    if others.is_empty() {
        name.to_owned()
    } else {
        format!("{name}（写作 written as: {}）", others.join(" / "))
    }
}

fn rank(m: Mark) -> u8 {
    match m {
        Mark::Required => 4,
        Mark::Deferred => 3,
        Mark::Optional => 2,
        Mark::Unknown => 1,
        Mark::Absent => 0,
    }
}

fn class_of(uniformity: f64) -> &'static str {
    if uniformity >= 1.0 {
        "high"
    } else if uniformity >= 0.5 {
        "mid"
    } else {
        "low"
    }
}

pub(super) fn render(cmp: &Comparison<'_>, out: &mut dyn Write) -> Result<(), Error> {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>办事指南差异比对 — tongban diff</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = write!(
        h,
        "<h1>办事指南差异比对 <small>Service guide comparison</small></h1>\n<p class=\"meta\">{} from {} guides · uniformity = materials required (必要) in every region ÷ materials required in at least one region · click a column header to sort</p>\n",
        super::count(cmp.ranking.len(), "item"),
        cmp.guides
    );
    h.push_str("<p class=\"legend\"><span class=\"cell-key\" style=\"background:#2e7d32;color:#fff\">● 必要 required</span><span style=\"background:#f9a825\">◐ 容缺后补 deferred</span><span style=\"background:#c5e1a5\">○ 非必要 optional</span><span style=\"background:#fbe3e3\">· 未要求 absent</span><span style=\"background:#dfe3e6\">? 未列出 (partial guide)</span><span style=\"outline:3px solid #1565c0\">attributes differ (hover)</span></p>\n");

    // Summary.
    h.push_str("<table id=\"summary\" class=\"sortable\">\n<thead><tr><th>#</th><th>事项 item</th><th>基本编码</th><th>regions</th><th>uniformity</th><th>required everywhere / anywhere</th><th>partial guides</th><th>other differences</th></tr></thead>\n<tbody>\n");
    for (n, item) in cmp.ranking.iter().enumerate() {
        let uni = if item.comparable {
            let w = (item.uniformity * 80.0).round() as u32;
            format!(
                "<td data-sort=\"{u}\"><span class=\"bar-bg\"><span class=\"bar\" style=\"width:{w}px\"></span></span><span class=\"{c}\">{u:.2}</span></td>",
                u = item.uniformity,
                c = class_of(item.uniformity)
            )
        } else {
            "<td data-sort=\"2\">— (&lt;2 complete guides)</td>".to_owned()
        };
        let elements = &item.differing_elements;
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td><a href=\"#item-{n}\">{}</a></td><td>{}</td><td>{}</td>{uni}<td data-sort=\"{}\">{} / {}</td><td>{}</td><td>{}</td></tr>",
            n + 1,
            esc(&item.name),
            esc(item.basic_code.as_deref().unwrap_or("—")),
            item.regions,
            item.required_anywhere - item.required_everywhere,
            item.required_everywhere,
            item.required_anywhere,
            item.partial_regions,
            esc(&if elements.is_empty() {
                "—".to_owned()
            } else {
                elements.join("、")
            }),
        );
    }
    h.push_str("</tbody>\n</table>\n");

    // Sections are written as they are built: one item's matrix in memory at a time.
    out.write_all(h.as_bytes())?;
    for (n, item) in cmp.items().enumerate() {
        h.clear();
        item_section(&mut h, out, n, &item)?;
        out.write_all(h.as_bytes())?;
    }
    h.clear();
    if !cmp.collisions.is_empty() {
        h.push_str("<h2>Collisions / 重复指南</h2>\n<ul>\n");
        for c in cmp.collisions {
            let _ = writeln!(
                h,
                "<li>{} · {}: compared <code>{}</code>, ignored <code>{}</code></li>",
                esc(&c.item),
                esc(&c.region),
                esc(&c.kept),
                esc(&c.ignored)
            );
        }
        h.push_str("</ul>\n");
    }
    let _ = write!(h, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())?;
    Ok(())
}

/// Writes one item's section; `h` is flushed to `out` after every matrix row, so a matrix of
/// thousands of regions is never held as one string.
pub(crate) fn item_section(
    h: &mut String,
    out: &mut dyn Write,
    n: usize,
    item: &ItemDiff,
) -> std::io::Result<()> {
    let code = item
        .basic_code
        .as_deref()
        .map(|c| format!(" <small>{}</small>", esc(c)))
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<section id=\"item-{n}\">\n<h2>{}{code}</h2>",
        esc(&item.name)
    );
    let index = if item.comparable {
        format!(
            "uniformity <span class=\"{}\">{:.2}</span> ({}/{} required everywhere)",
            class_of(item.uniformity),
            item.uniformity,
            item.required_everywhere,
            item.required_anywhere
        )
    } else {
        "one region only: not compared".to_owned()
    };
    let _ = writeln!(
        h,
        "<p class=\"meta\">{index} · {} regions</p>",
        item.regions.len()
    );

    // Heat map: regions are rows, materials are columns.
    let _ = write!(
        h,
        "<div class=\"scroll\"><table class=\"heat sortable\" id=\"matrix-{n}\">\n<thead><tr><th>区划 region</th><th title=\"materials required here\">必要</th>"
    );
    for m in &item.materials {
        let _ = write!(
            h,
            "<th class=\"mat\" title=\"{}\">{}</th>",
            esc(&header_title(&m.name, &m.variants)),
            esc(&short(&m.name, 12))
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let how: Vec<super::Explanations<'_>> = item
        .materials
        .iter()
        .map(|m| super::Explanations::of(m, crate::diagnostic::Lang::Zh))
        .collect();
    for r in &item.region_details {
        let required = item
            .materials
            .iter()
            .filter(|m| Mark::of(m, item, &r.code) == Mark::Required)
            .count();
        let partial = if r.partial {
            " <span class=\"partial\">partial</span>"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<tr data-region=\"{}\"><th data-sort=\"{}\" title=\"{}\">{} {}{partial}</th><td data-sort=\"{required}\">{required}</td>",
            esc(&r.code),
            esc(&r.code),
            esc(&r.path),
            esc(&r.code),
            esc(&r.name)
        );
        for (m, how) in item.materials.iter().zip(&how) {
            let mark = Mark::of(m, item, &r.code);
            let attrs = m.attributes.get(&r.code);
            let limited = m.only_in_situations.get(&r.code);
            let differs =
                !m.attribute_differences.is_empty() && (attrs.is_some() || limited.is_some());
            let mut title = format!(
                "{} — {}: {}",
                m.name,
                region_label(item, &r.code),
                mark.label()
            );
            if let Some(a) = attrs {
                let _ = write!(title, "；{}", a.describe());
            }
            if m.conditional_in.contains(&r.code) {
                title.push_str("（有适用情形 conditional）");
            }
            if let Some(n) = limited {
                let _ = write!(title, "；仅限情形：{}", n.join("、"));
            }
            for a in &m.attribute_differences {
                let _ = write!(
                    title,
                    "\n{} differs: {}",
                    attribute_title(a),
                    attribute_values_max(m, a, 8)
                );
            }
            if let Some(how) = how.get(&r.code) {
                let _ = write!(title, "\n{how}");
            }
            let _ = write!(
                h,
                "<td class=\"cell {}{}\" data-sort=\"{}\" title=\"{}\">{}</td>",
                mark.key(),
                if differs { " attr-diff" } else { "" },
                rank(mark),
                esc(&title),
                mark.symbol()
            );
        }
        h.push_str("</tr>\n");
        out.write_all(h.as_bytes())?;
        h.clear();
    }
    h.push_str("</tbody>\n");
    if let Some(b) = &item.baseline {
        let _ = write!(
            h,
            "<tfoot><tr class=\"baseline\"><th title=\"{}\">100000 全国 baseline</th><td>{}</td>",
            esc(&b.path),
            b.required.len()
        );
        for m in &item.materials {
            let mark = m.baseline.map_or(Mark::Absent, Mark::from_status);
            let _ = write!(
                h,
                "<td class=\"cell {}\" title=\"{} — 全国 baseline: {}\">{}</td>",
                mark.key(),
                esc(&m.name),
                mark.label(),
                mark.symbol()
            );
        }
        h.push_str("</tr></tfoot>\n");
    }
    h.push_str("</table></div>\n");

    h.push_str("<ul>\n");
    let _ = writeln!(
        h,
        "<li><b>Common core</b> ({}): {}</li>",
        item.common_core.len(),
        esc(&if item.common_core.is_empty() {
            "—".to_owned()
        } else {
            item.common_core.join("、")
        })
    );
    for r in item
        .region_details
        .iter()
        .filter(|r| !r.beyond_core.is_empty())
    {
        let _ = writeln!(
            h,
            "<li class=\"beyond\"><b>{}</b> also requires: {}</li>",
            esc(&region_label(item, &r.code)),
            esc(&r.beyond_core.join("、"))
        );
    }
    for m in item
        .materials
        .iter()
        .filter(|m| !m.attribute_differences.is_empty())
    {
        for a in &m.attribute_differences {
            let _ = writeln!(
                h,
                "<li>Attribute difference — {} {}: {}</li>",
                esc(&m.name),
                attribute_title(a),
                esc(&attribute_values(m, a))
            );
        }
    }
    for e in item.differing_elements() {
        let values: Vec<String> = e.regions.iter().map(|(c, v)| format!("{c} {v}")).collect();
        let _ = writeln!(
            h,
            "<li>{} ({}) differs: {}</li>",
            e.title,
            e.title_en,
            esc(&values.join("; "))
        );
    }
    for m in &item.near_matches {
        let _ = writeln!(
            h,
            "<li>Possibly the same material (not merged): {} ≈ {} ({:.2})</li>",
            esc(&m.a),
            esc(&m.b),
            m.score
        );
    }
    h.push_str("</ul>\n");
    for section in super::sections(item, crate::diagnostic::Lang::Zh) {
        let _ = writeln!(
            h,
            "<h4>{}</h4>\n<ul class=\"section\">",
            esc(&section.title)
        );
        for (label, text) in &section.lines {
            let _ = writeln!(h, "<li><b>{}</b> {}</li>", esc(label), esc(text));
        }
        h.push_str("</ul>\n");
    }
    if let Some(b) = &item.baseline {
        let _ = writeln!(
            h,
            "<table class=\"sortable baseline-deviation\"><thead><tr><th>region vs 全国 baseline</th><th>adds</th><th>drops / does not list</th><th>relaxes</th></tr></thead><tbody>"
        );
        let join = |v: &[String]| {
            esc(&if v.is_empty() {
                "—".to_owned()
            } else {
                v.join("、")
            })
        };
        for d in &b.deviations {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&region_label(item, &d.region)),
                join(&d.added),
                join(&d.dropped),
                join(&d.relaxed)
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
    Ok(())
}
