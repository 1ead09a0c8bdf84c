//! catalogs/README.md lists every bundled guide: items × regions × completeness × source kind.
//! The tables between the markers are generated from the guide files themselves, so a guide
//! added, moved or re-sourced without regenerating them fails here.
//!
//! Regenerate with `TONGBAN_BLESS=1 cargo test --test it catalogs_readme::` (`UPDATE_DOCS=1` works
//! too, as for docs/rules.md).

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;
use tongban::data::regions;
use tongban::diagnostic::Lang;
use tongban::load::{Limits, load_file};

const README: &str = "catalogs/README.md";
const BEGIN: &str = "<!-- BEGIN GENERATED: tables below are generated from the guide files by tests/it/catalogs_readme.rs (TONGBAN_BLESS=1 cargo test --test it catalogs_readme::); do not edit by hand -->";
const END: &str = "<!-- END GENERATED -->";
const NATIONAL: &str = "100000";

/// One bundled guide as the tables show it.
struct Guide {
    /// Path under catalogs/.
    file: String,
    /// File name without `.yaml`.
    stem: String,
    item: String,
    code: String,
    name: String,
    completeness: String,
    kind: &'static str,
    /// The source's address, or its document name when it has none.
    source: String,
}

fn text<'v>(v: &'v Value, pointer: &str) -> &'v str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// What kind of source a guide was transcribed from, read from its `source`: a copy kept in a
/// public code repository (the note names GitHub, or the address is on github.com), a page on a
/// government host (`*.gov.cn`), a news report (the note says so), else a third-party copy. A
/// national baseline (`100000`) is a regulation, with the kind of copy it was read from.
fn kind(v: &Value) -> &'static str {
    let url = text(v, "/source/url");
    let note = text(v, "/source/note");
    let host = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let national = text(v, "/region/code") == NATIONAL;
    let repo = host == "github.com" || note.contains("GitHub");
    let gov = host == "gov.cn" || host.ends_with(".gov.cn");
    let news = note.contains("报道") || note.contains("新闻");
    match (national, repo, gov, news) {
        (true, true, _, _) => "法规（公开法规库）",
        (true, false, true, _) => "法规（政府网站）",
        (true, false, false, true) => "法规（新闻转述）",
        (true, false, false, false) => "法规（第三方转载）",
        (false, true, _, _) => "公开代码仓库中的副本",
        (false, false, true, _) => "政府网站",
        (false, false, false, true) => "新闻报道",
        (false, false, false, false) => "第三方转载",
    }
}

/// Every guide under catalogs/<folder>/ (the agreements and the ontology files are not guides).
fn guides() -> Vec<Guide> {
    let root = common::root().join("catalogs");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
    {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path.strip_prefix(&root).unwrap();
        if !entry.file_type().is_file()
            || path.extension().is_none_or(|e| e != "yaml")
            || rel.starts_with("agreements")
        {
            continue;
        }
        let file = rel.to_string_lossy().replace('\\', "/");
        let loaded = load_file(path, file.clone(), &Limits::default(), Lang::Zh);
        let doc = loaded
            .document
            .unwrap_or_else(|| panic!("{file} does not parse"));
        let v = &doc.value;
        let source = [text(v, "/source/url"), text(v, "/source/document")]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_owned();
        out.push(Guide {
            stem: path.file_stem().unwrap().to_string_lossy().into_owned(),
            item: text(v, "/item/name").to_owned(),
            code: text(v, "/region/code").to_owned(),
            name: text(v, "/region/name").to_owned(),
            completeness: text(v, "/source/completeness").to_owned(),
            kind: kind(v),
            source,
            file,
        });
    }
    out
}

/// `a 2、b 1` for counts, largest first then by name.
fn counts<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut map: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *map.entry(v).or_default() += 1;
    }
    let mut list: Vec<_> = map.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join("、")
}

fn province(code: &str) -> String {
    if code == NATIONAL {
        return "全国".to_owned();
    }
    regions::province(code).unwrap_or(code).to_owned()
}

/// The generated section: one table per item, one per guide, and the totals.
fn generated(guides: &[Guide]) -> String {
    let mut items: BTreeMap<&str, Vec<&Guide>> = BTreeMap::new();
    for g in guides {
        items.entry(&g.item).or_default().push(g);
    }
    // Items in the order of their slug (the shortest file name among their guides).
    let mut order: Vec<(&str, &str, &Vec<&Guide>)> = items
        .iter()
        .map(|(item, gs)| {
            let slug = gs
                .iter()
                .map(|g| g.stem.as_str())
                .min_by_key(|s| (s.len(), *s))
                .unwrap_or_default();
            (slug, *item, gs)
        })
        .collect();
    order.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

    let mut s = String::new();
    s.push_str(BEGIN);
    s.push_str("\n\n### 事项 × 地区\n\n");
    s.push_str(
        "地区数按省级区划计（市、县指南计入所在省；全国基线不计）。完整程度和来源性质按份计，全国基线也计入。\n\n",
    );
    s.push_str("| slug | 事项 | 地区（省级：指南所属区划） | 全国基线 | 份数 | 地区数 | 完整程度 | 来源性质 |\n");
    s.push_str("|---|---|---|---|---|---|---|---|\n");
    for (slug, item, gs) in &order {
        let mut by_province: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut national = false;
        for g in gs.iter() {
            if g.code == NATIONAL {
                national = true;
                continue;
            }
            let prefix = g.code.get(..2).unwrap_or(&g.code);
            by_province.entry(prefix).or_default().push(&g.name);
        }
        let regions_cell = by_province
            .iter()
            .map(|(prefix, names)| {
                let p = province(&format!("{prefix}0000"));
                let local: BTreeSet<&str> = names.iter().copied().filter(|n| *n != p).collect();
                if local.is_empty() {
                    p
                } else {
                    format!(
                        "{p}（{}）",
                        local.into_iter().collect::<Vec<_>>().join("、")
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("、");
        let _ = writeln!(
            s,
            "| `{slug}` | {item} | {regions_cell} | {} | {} | {} | {} | {} |",
            if national { "有" } else { "—" },
            gs.len(),
            by_province.len(),
            counts(gs.iter().map(|g| g.completeness.as_str())),
            counts(gs.iter().map(|g| g.kind)),
        );
    }

    s.push_str("\n### 全部指南\n\n");
    s.push_str("| 文件 | 事项 | 区划 | 完整程度 | 来源性质 | 来源 |\n");
    s.push_str("|---|---|---|---|---|---|\n");
    for g in guides {
        let _ = writeln!(
            s,
            "| {} | {} | {} {} | {} | {} | {} |",
            g.file, g.item, g.code, g.name, g.completeness, g.kind, g.source
        );
    }

    let national = guides.iter().filter(|g| g.code == NATIONAL).count();
    let _ = writeln!(
        s,
        "\n合计 {} 份（其中全国基线 {national} 份），{} 个事项。完整程度：{}。来源性质：{}。\n",
        guides.len(),
        items.len(),
        counts(guides.iter().map(|g| g.completeness.as_str())),
        counts(guides.iter().map(|g| g.kind)),
    );
    s.push_str(END);
    s
}

#[test]
fn catalogs_readme_tables_are_generated_from_the_guides() {
    let guides = guides();
    assert!(guides.len() > 40, "catalogs/ holds the bundled guides");
    for g in &guides {
        assert!(
            !g.item.is_empty() && !g.code.is_empty() && !g.completeness.is_empty(),
            "{} lacks item.name, region.code or source.completeness",
            g.file
        );
    }
    let path = common::root().join(README);
    let readme = std::fs::read_to_string(&path).unwrap();
    let (before, rest) = readme
        .split_once(BEGIN)
        .unwrap_or_else(|| panic!("{README} lacks the line {BEGIN}"));
    let (_, after) = rest
        .split_once(END)
        .unwrap_or_else(|| panic!("{README} lacks the line {END}"));
    let expected = format!("{before}{}{after}", generated(&guides));
    if readme != expected {
        if std::env::var_os("TONGBAN_BLESS").is_some() || std::env::var_os("UPDATE_DOCS").is_some()
        {
            std::fs::write(&path, &expected).unwrap();
            return;
        }
        panic!(
            "{README} is stale: its tables no longer match the guide files; run \
             `TONGBAN_BLESS=1 cargo test --test it catalogs_readme::` and commit the result"
        );
    }
}

#[test]
fn source_kinds_are_read_from_the_source() {
    let guide = |code: &str, url: &str, note: &str| serde_json::json!({"region": {"code": code}, "source": {"url": url, "note": note}});
    assert_eq!(
        kind(&guide("440300", "http://www.sz.gov.cn/a.html", "")),
        "政府网站"
    );
    assert_eq!(
        kind(&guide(
            "440981",
            "https://www.gdzwfw.gov.cn/x",
            "公开 GitHub 仓库中的文本副本"
        )),
        "公开代码仓库中的副本"
    );
    assert_eq!(
        kind(&guide("330200", "http://cnnb.com.cn/x", "新闻网站")),
        "新闻报道"
    );
    assert_eq!(
        kind(&guide("330300", "http://m.example.com/x", "")),
        "第三方转载"
    );
    assert_eq!(
        kind(&guide(
            NATIONAL,
            "https://github.com/LawRefBook/Laws/blob/x",
            ""
        )),
        "法规（公开法规库）"
    );
}
