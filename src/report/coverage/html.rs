//! One self-contained HTML page (inline CSS and script, no network requests): an agreements ×
//! members coverage grid, then per agreement an items × members grid and, per item two or more
//! members publish, the `diff` heat map of their guides.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use super::{coverage_text, percent, source_line};
use crate::coverage::{AgreementCoverage, Coverage};
use crate::error::Error;
use crate::report::diff::html::{self as diff_html, esc};

const STYLE: &str = r#"
table.grid td.cov{text-align:center;min-width:44px;font-size:13px}
table.grid th.member{writing-mode:vertical-rl;text-orientation:upright;font-weight:normal;font-size:13px;vertical-align:bottom;white-space:nowrap;padding:6px 2px;line-height:1.1}
td.cov.full{background:#2e7d32;color:#fff}td.cov.some{background:#c5e1a5}td.cov.none{background:#fbe3e3;color:#c62828}td.cov.na{background:#eceff1;color:#616161}
td.yes{background:#2e7d32;color:#fff;text-align:center}td.no{background:#fbe3e3;color:#c62828;text-align:center}
td.yes.via{background:#66bb6a}
td.conflict{outline:3px solid #e65100;outline-offset:-3px}
p.note{color:#52606d;font-size:14px;margin:4px 0}
"#;

fn class(c: f64) -> &'static str {
    if c >= 1.0 {
        "full"
    } else if c > 0.0 {
        "some"
    } else {
        "none"
    }
}

pub(super) fn render(cov: &Coverage, out: &mut dyn Write) -> Result<(), Error> {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>跨省通办协议覆盖情况 — tongban coverage</title>\n<style>{}{STYLE}</style>\n</head>\n<body>\n",
        diff_html::STYLE
    );
    let _ = writeln!(
        h,
        "<h1>跨省通办协议覆盖情况 <small>Agreement coverage</small></h1>\n<p class=\"meta\">{} agreements · {} guides read · a cell is the share of the agreement's listed items the member publishes a guide for</p>",
        cov.agreements.len(),
        cov.guides
    );

    // Agreements × members.
    let mut all: BTreeMap<&str, &str> = BTreeMap::new();
    for a in &cov.agreements {
        for m in &a.members {
            all.entry(m.code.as_str()).or_insert(m.name.as_str());
        }
    }
    h.push_str("<div class=\"scroll\"><table id=\"grid\" class=\"grid sortable\">\n<thead><tr><th>协议 agreement</th><th>coverage</th>");
    for (code, name) in &all {
        let _ = write!(
            h,
            "<th class=\"member\" title=\"{}\">{}</th>",
            esc(&format!("{code} {name}")),
            esc(name)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (n, a) in cov.agreements.iter().enumerate() {
        let _ = write!(
            h,
            "<tr data-agreement=\"{}\"><th><a href=\"#agreement-{n}\">{}</a></th><td data-sort=\"{}\">{}</td>",
            esc(&a.info.path),
            esc(a.info.label()),
            a.coverage.unwrap_or(-1.0),
            esc(&coverage_text(a))
        );
        for code in all.keys() {
            match a.members.iter().find(|m| m.code == *code) {
                Some(m) => match m.coverage {
                    Some(c) => {
                        let _ = write!(
                            h,
                            "<td class=\"cov {}\" data-sort=\"{c}\" data-member=\"{}\" title=\"{}\">{}</td>",
                            class(c),
                            esc(code),
                            esc(&format!(
                                "{} {} — {}: {}/{} items",
                                m.code,
                                m.name,
                                a.info.label(),
                                m.published,
                                a.items.len()
                            )),
                            percent(c)
                        );
                    }
                    None => {
                        let _ = write!(
                            h,
                            "<td class=\"cov na\" data-sort=\"-1\" data-member=\"{}\" title=\"member; no item of this agreement is listed\">·</td>",
                            esc(code)
                        );
                    }
                },
                None => h.push_str("<td data-sort=\"-2\"></td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    out.write_all(h.as_bytes())?;

    for (n, a) in cov.agreements.iter().enumerate() {
        h.clear();
        agreement(&mut h, out, n, a)?;
        out.write_all(h.as_bytes())?;
    }

    h.clear();
    let lines: Vec<String> = super::findings(cov)
        .map(|(r, f)| super::finding_line(r, f))
        .collect();
    if !lines.is_empty() {
        h.push_str("<h2>Findings</h2>\n<ul id=\"findings\">\n");
        for l in lines {
            let _ = writeln!(h, "<li><code>{}</code></li>", esc(&l));
        }
        h.push_str("</ul>\n");
    }
    let _ = write!(
        h,
        "<script>{}</script>\n</body>\n</html>\n",
        diff_html::SCRIPT
    );
    out.write_all(h.as_bytes())?;
    Ok(())
}

fn agreement(
    h: &mut String,
    out: &mut dyn Write,
    n: usize,
    a: &AgreementCoverage,
) -> std::io::Result<()> {
    let _ = writeln!(
        h,
        "<section id=\"agreement-{n}\">\n<h2>{}</h2>\n<p class=\"meta\"><code>{}</code> · source: {}</p>",
        esc(&a.info.name),
        esc(&a.info.path),
        esc(&source_line(a))
    );
    for note in [&a.info.source.note, &a.info.note].into_iter().flatten() {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(note));
    }
    let _ = writeln!(
        h,
        "<p class=\"meta\">{} · {} · lower-level guides count: {} · coverage {}</p>",
        a.members_line(),
        esc(&a.items_line()),
        if a.info.counts_toward_province {
            "yes"
        } else {
            "no"
        },
        esc(&coverage_text(a))
    );
    if a.items.is_empty() {
        h.push_str("</section>\n");
        return Ok(());
    }
    let _ = write!(
        h,
        "<div class=\"scroll\"><table class=\"grid sortable items\" id=\"items-{n}\">\n<thead><tr><th>事项 item</th><th>modes</th><th>coverage</th><th>uniformity</th>"
    );
    for m in &a.members {
        let _ = write!(
            h,
            "<th class=\"member\" title=\"{}\">{}</th>",
            esc(&format!("{} {} ({})", m.code, m.name, m.level.zh())),
            esc(&m.name)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (i, item) in a.items.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><th>{}</th><td>{}</td><td data-sort=\"{}\">{}/{} {}</td><td data-sort=\"{}\">{}</td>",
            esc(&item.name),
            esc(&if item.modes.is_empty() {
                "—".to_owned()
            } else {
                item.modes.join("、")
            }),
            item.coverage,
            item.published,
            item.members.len(),
            percent(item.coverage),
            item.uniformity.unwrap_or(-1.0),
            item.uniformity.map_or_else(
                || "—".to_owned(),
                |u| format!("<a href=\"#cmp-{n}-{i}\">{u:.2}</a>")
            )
        );
        for c in &item.members {
            let conflict = item.mode_conflicts.iter().any(|m| m.member == c.member);
            let extra = if conflict { " conflict" } else { "" };
            match &c.guide {
                Some(g) => {
                    let mut title = format!("{} — {g}", c.member);
                    if let Some(via) = &c.via {
                        let _ = write!(title, " (via {via})");
                    }
                    for m in item.mode_conflicts.iter().filter(|m| m.member == c.member) {
                        let _ = write!(
                            title,
                            "\n{}: {} contradicts {}",
                            m.guide,
                            m.found,
                            item.modes.join("、")
                        );
                    }
                    let _ = write!(
                        h,
                        "<td class=\"yes{}{extra}\" data-sort=\"1\" title=\"{}\">✓</td>",
                        if c.via.is_some() { " via" } else { "" },
                        esc(&title)
                    );
                }
                None => {
                    let _ = write!(
                        h,
                        "<td class=\"no\" data-sort=\"0\" title=\"{} publishes no guide\">✗</td>",
                        esc(&c.member)
                    );
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    for (i, item) in a.items.iter().enumerate() {
        if let Some(cmp) = &item.comparison {
            let _ = writeln!(h, "<div id=\"cmp-{n}-{i}\" class=\"comparison\">");
            diff_html::item_section(h, out, n * 1000 + i, cmp)?;
            h.push_str("</div>\n");
        }
    }
    h.push_str("</section>\n");
    Ok(())
}
