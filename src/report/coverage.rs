//! `coverage` reports: the coverage as a [`Doc`] (every format but JSON), stated once in the
//! reader's language, with `diff`'s item section of each item two or more members publish one
//! level down; JSON is serde of the coverage itself, with the findings.

use crate::i18n::tr;
use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::compare::coverage::{AgreementCoverage, Coverage, ItemCoverage};
use crate::data::regions::Level;
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::report::DiffFormat;
use crate::report::Style;
use crate::report::doc::{
    self, Block, Cell, Column, Detail, Doc, Long, Matrix, Row, Section, Table, Tone,
};
use crate::report::json::JsonFinding;

/// Members named in a "✗" line; beyond this the line gives their number (the matrix, CSV and
/// JSON name every one).
const MAX_LISTED: usize = 12;

/// Writes the coverage report in `format`.
pub fn render(
    cov: &Coverage,
    format: DiffFormat,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match doc::Writer::of(format) {
        Some(writer) => writer.write(build(cov, style.lang, writer.detail()), style, out),
        None => {
            #[derive(Serialize)]
            struct Json<'a> {
                #[serde(flatten)]
                coverage: &'a Coverage,
                findings: Vec<JsonFinding<'a>>,
            }
            let json = Json {
                coverage: cov,
                findings: doc::findings(&cov.findings)
                    .map(|(r, f)| JsonFinding::new(&r.source, f))
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::other)?;
            writeln!(out)?;
            Ok(())
        }
    }
}

/// `12.5%`.
pub(crate) fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn coverage_text(a: &AgreementCoverage, lang: Lang) -> String {
    match a.coverage {
        Some(c) => format!("{} ({}/{})", percent(c), a.published, a.expected),
        None => lang.pick("—（未列出事项）", "— (no item listed)").into(),
    }
}

fn items_text(a: &AgreementCoverage, lang: Lang) -> String {
    let n = a.items.len();
    match (a.info.items_total, lang) {
        (Some(t), Lang::Zh) if t as usize != n => format!("共 {t} 项，列出 {n} 项"),
        (Some(t), Lang::En) if t as usize != n => format!("{n} of {t} listed"),
        (_, Lang::Zh) => format!("{n} 项"),
        (_, Lang::En) => n.to_string(),
    }
}

fn source_line(a: &AgreementCoverage, lang: Lang) -> String {
    let s = &a.info.source;
    let mut parts: Vec<&str> = [&s.document, &s.url, &s.publisher, &s.published]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    parts.push(completeness(&s.completeness, lang));
    parts.join(" · ")
}

fn completeness(c: &str, lang: Lang) -> &str {
    match c {
        "complete" => lang.pick("完整", "complete"),
        "partial" => lang.pick("部分", "partial"),
        c => c,
    }
}

fn level(l: Level, lang: Lang) -> &'static str {
    match (l, lang) {
        (l, Lang::Zh) => l.zh(),
        (Level::National, Lang::En) => "national",
        (Level::Province, Lang::En) => "province",
        (Level::City, Lang::En) => "city",
        (Level::County, Lang::En) => "county",
    }
}

fn member_name<'a>(a: &'a AgreementCoverage, code: &str) -> &'a str {
    a.members
        .iter()
        .find(|m| m.code == code)
        .map_or("", |m| m.name.as_str())
}

/// The coverage as a report: the agreements table and grid, then one section per agreement.
pub(crate) fn build(cov: &Coverage, lang: Lang, detail: Detail) -> Doc<'_> {
    let covered: Vec<String> = cov
        .agreements
        .iter()
        .filter_map(|a| {
            a.coverage
                .map(|c| format!("{} {}", a.info.label(), percent(c)))
        })
        .collect();
    let covered = if covered.is_empty() {
        String::new()
    } else {
        format!("{}{}", lang.pick("：", ": "), covered.join(" · "))
    };
    let summary = tr!(
        lang,
        "coverage-summary",
        agreements = cov.agreements.len(),
        guides = cov.guides,
        covered = covered
    );
    let mut head = Vec::new();
    if cov.agreements.is_empty() {
        head.push(Block::Note(tr!(
            lang,
            "coverage-nothing",
            guides = cov.guides
        )));
    } else {
        head.push(Block::Note(tr!(lang, "coverage-note")));
        head.push(Block::Table(agreements(cov, lang)));
        head.push(Block::Matrix(grid(cov, lang)));
    }
    Doc {
        title: lang
            .pick("跨省通办协议覆盖情况", "Agreement coverage")
            .into(),
        summary,
        lang,
        head,
        sections: Box::new(
            cov.agreements
                .iter()
                .enumerate()
                .map(move |(n, a)| agreement(a, n, lang, detail)),
        ),
        tail: Vec::new(),
        findings: (lang.pick("问题", "Findings").into(), &cov.findings),
    }
}

fn agreements(cov: &Coverage, lang: Lang) -> Table {
    Table {
        id: "agreements".into(),
        title: None,
        columns: [
            lang.pick("协议", "agreement"),
            lang.pick("成员数", "members"),
            lang.pick("事项", "items"),
            lang.pick("覆盖率", "coverage"),
            lang.pick("来源完整性", "source completeness"),
        ]
        .map(String::from)
        .to_vec(),
        rows: cov
            .agreements
            .iter()
            .enumerate()
            .map(|(n, a)| {
                vec![
                    Cell {
                        link: Some(format!("agreement-{n}")),
                        ..Cell::text(a.info.label())
                    },
                    Cell::number(a.members.len() as f64, a.members.len().to_string()),
                    Cell::text(items_text(a, lang)),
                    Cell {
                        tone: a.coverage.map_or(Tone::Plain, Tone::of),
                        ..Cell::number(a.coverage.unwrap_or(-1.0), coverage_text(a, lang))
                    },
                    Cell::text(completeness(&a.info.source.completeness, lang)),
                ]
            })
            .collect(),
    }
}

/// Agreements × every member of any: the share of its listed items each member publishes.
fn grid(cov: &Coverage, lang: Lang) -> Matrix {
    let mut all: BTreeMap<&str, &str> = BTreeMap::new();
    for a in &cov.agreements {
        for m in &a.members {
            all.entry(m.code.as_str()).or_insert(m.name.as_str());
        }
    }
    let rows = cov
        .agreements
        .iter()
        .map(|a| Row {
            head: a.info.label().to_owned(),
            title: Some(a.info.path.clone()),
            values: vec![(
                coverage_text(a, lang),
                a.coverage.map_or(Tone::Plain, Tone::of),
            )],
            cells: all
                .keys()
                .map(|code| {
                    let (symbol, class, note) = match a.members.iter().find(|m| m.code == *code) {
                        Some(m) => match m.coverage {
                            Some(c) => (
                                percent(c),
                                if c >= 1.0 {
                                    "cov full"
                                } else if c > 0.0 {
                                    "cov some"
                                } else {
                                    "cov none"
                                },
                                match lang {
                                    Lang::Zh => format!("{}/{} 项", m.published, a.items.len()),
                                    Lang::En => format!("{}/{} items", m.published, a.items.len()),
                                },
                            ),
                            None => (
                                "·".to_owned(),
                                "cov na",
                                lang.pick(
                                    "成员；未列出本协议的事项",
                                    "member; no item of this agreement is listed",
                                )
                                .to_owned(),
                            ),
                        },
                        None => (
                            String::new(),
                            "",
                            lang.pick("非成员", "not a member").to_owned(),
                        ),
                    };
                    let member = !class.is_empty();
                    doc::Mark {
                        symbol: symbol.clone().into(),
                        word: symbol.into(),
                        class,
                        sort: a
                            .members
                            .iter()
                            .find(|m| m.code == *code)
                            .map_or(-2.0, |m| m.coverage.unwrap_or(-1.0)),
                        detail: String::new(),
                        flagged: false,
                        note: member.then_some(note),
                        fields: Vec::new(),
                    }
                })
                .collect(),
            keys: Vec::new(),
        })
        .collect();
    Matrix {
        id: "grid".into(),
        corner: lang.pick("协议", "agreement").into(),
        across: lang.pick("成员", "member").into(),
        tall: false,
        values: vec![lang.pick("覆盖率", "coverage").into()],
        columns: all
            .iter()
            .map(|(code, name)| Column {
                head: (*code).to_owned(),
                label: format!("{code} {name}"),
                title: None,
                aside: false,
                keys: Vec::new(),
            })
            .collect(),
        rows,
        totals: None,
        long: Long::default(),
        legend: lang
            .pick(
                "格中为该成员发布指南的事项占协议所列事项的比例；· 未列出事项；空白：非成员",
                "a cell is the share of the agreement's listed items the member publishes a guide for; · no item listed; blank: not a member",
            )
            .into(),
    }
}

fn agreement(a: &AgreementCoverage, n: usize, lang: Lang, detail: Detail) -> Section {
    let sep = lang.pick("、", ", ");
    let mut blocks = vec![Block::Facts {
        title: None,
        facts: vec![
            (
                lang.pick("文件", "file").into(),
                a.info.path.clone(),
                Tone::Plain,
            ),
            (
                lang.pick("来源", "source").into(),
                source_line(a, lang),
                Tone::Plain,
            ),
        ],
    }];
    for note in [&a.info.source.note, &a.info.note].into_iter().flatten() {
        blocks.push(Block::Note(note.clone()));
    }
    blocks.push(Block::Facts {
        title: None,
        facts: vec![
            (
                lang.pick("成员数", "members").into(),
                a.members.len().to_string(),
                Tone::Plain,
            ),
            (
                lang.pick("事项", "items").into(),
                items_text(a, lang),
                Tone::Plain,
            ),
            (
                lang.pick("下级指南计入", "lower-level guides count").into(),
                if a.info.counts_toward_province {
                    lang.pick("是", "yes")
                } else {
                    lang.pick("否", "no")
                }
                .into(),
                Tone::Plain,
            ),
            (
                lang.pick("覆盖率", "coverage").into(),
                coverage_text(a, lang),
                a.coverage.map_or(Tone::Plain, Tone::of),
            ),
        ],
    });
    if !a.items.is_empty() {
        blocks.push(Block::Matrix(items(a, n, lang)));
        let who = a
            .items
            .iter()
            .map(|item| (item.name.clone(), who_publishes(a, item, lang), Tone::Plain))
            .collect();
        blocks.push(Block::Facts {
            title: Some(lang.pick("发布情况", "who publishes").into()),
            facts: who,
        });
        let conflicts: Vec<String> = a
            .items
            .iter()
            .flat_map(|item| {
                item.mode_conflicts.iter().map(move |m| {
                    tr!(
                        lang,
                        "coverage-mode-conflict",
                        item = item.name.as_str(),
                        member = m.member.to_string(),
                        guide = m.guide.to_string(),
                        found = m.found.to_string(),
                        agreed = item.modes.join(sep)
                    )
                })
            })
            .collect();
        if !conflicts.is_empty() {
            blocks.push(Block::List {
                title: Some(lang.pick("办理方式与约定不符", "mode conflicts").into()),
                items: conflicts,
            });
        }
        blocks.push(Block::Table(Table {
            id: format!("members-{n}"),
            title: Some(lang.pick("成员", "members").into()),
            columns: [
                lang.pick("成员", "member"),
                lang.pick("层级", "level"),
                lang.pick("已发布事项", "items published"),
            ]
            .map(String::from)
            .to_vec(),
            rows: a
                .members
                .iter()
                .map(|m| {
                    vec![
                        Cell::text(format!("{} {}", m.code, m.name)),
                        Cell::text(level(m.level, lang)),
                        Cell::number(
                            m.published as f64,
                            format!("{}/{}", m.published, a.items.len()),
                        ),
                    ]
                })
                .collect(),
        }));
    }
    for (i, item) in a.items.iter().enumerate() {
        if let Some(cmp) = &item.comparison {
            let mut s = crate::report::diff::item_section(
                cmp,
                &format!("cmp-{n}-{i}"),
                n * 1000 + i,
                lang,
                detail,
            );
            s.title = tr!(lang, "coverage-compared", title = s.title.as_str());
            blocks.push(Block::Sub(s));
        }
    }
    Section {
        id: format!("agreement-{n}"),
        title: match &a.info.short_name {
            Some(_) => format!("{} — {}", a.info.label(), a.info.name),
            None => a.info.name.clone(),
        },
        name: a.info.label().to_owned(),
        blocks,
    }
}

/// `✓ 320000 江苏省（经 320382 邳州市）、410000 河南省；✗ 370000 山东省`.
fn who_publishes(a: &AgreementCoverage, item: &ItemCoverage, lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    let published: Vec<String> = item
        .members
        .iter()
        .filter(|c| c.published())
        .map(|c| {
            let name = member_name(a, &c.member);
            match &c.via {
                Some(via) => {
                    let region = c
                        .region_name
                        .as_deref()
                        .map(|n| format!(" {n}"))
                        .unwrap_or_default();
                    match lang {
                        Lang::Zh => format!("{} {name}（经 {via}{region}）", c.member),
                        Lang::En => format!("{} {name} (via {via}{region})", c.member),
                    }
                }
                None => format!("{} {name}", c.member),
            }
        })
        .collect();
    let mut parts = Vec::new();
    if !published.is_empty() {
        parts.push(format!("✓ {}", published.join(sep)));
    }
    let missing = &item.missing;
    // A long list of absentees says less than its length: name them only when few.
    if missing.len() > MAX_LISTED && item.published == 0 {
        parts.push(tr!(lang, "coverage-none-published", count = missing.len()));
    } else if missing.len() > MAX_LISTED {
        parts.push(tr!(lang, "coverage-others", count = missing.len()));
    } else if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|c| format!("{c} {}", member_name(a, c)))
            .collect();
        parts.push(format!("✗ {}", names.join(sep)));
    }
    parts.join(lang.pick("；", "; "))
}

/// Items × members of one agreement: who publishes a guide.
fn items(a: &AgreementCoverage, n: usize, lang: Lang) -> Matrix {
    let rows = a
        .items
        .iter()
        .map(|item| {
            let modes = if item.modes.is_empty() {
                "—".to_owned()
            } else {
                item.modes.join(lang.pick("、", ", "))
            };
            let uniformity = item
                .uniformity
                .map_or_else(|| "—".to_owned(), |u| format!("{u:.2}"));
            let cells = item
                .members
                .iter()
                .map(|c| {
                    let conflicts: Vec<String> = item
                        .mode_conflicts
                        .iter()
                        .filter(|m| m.member == c.member)
                        .map(|m| format!("{}: {}", m.guide, m.found))
                        .collect();
                    let detail = match (&c.via, lang) {
                        (Some(via), Lang::Zh) => format!("经 {via}"),
                        (Some(via), Lang::En) => format!("via {via}"),
                        (None, _) => String::new(),
                    };
                    let mut note: Vec<String> = c.guide.iter().cloned().collect();
                    note.extend(conflicts.iter().map(|m| match lang {
                        Lang::Zh => format!("{m}，与约定的 {} 不符", item.modes.join("、")),
                        Lang::En => format!("{m} contradicts {}", item.modes.join(", ")),
                    }));
                    let (symbol, word, class, rank) = match (&c.guide, &c.via) {
                        (Some(_), Some(_)) => {
                            ("✓", lang.pick("已发布", "published"), "yes via", 1.0)
                        }
                        (Some(_), None) => ("✓", lang.pick("已发布", "published"), "yes", 1.0),
                        _ => ("✗", lang.pick("未发布", "not published"), "no", 0.0),
                    };
                    doc::Mark {
                        symbol: symbol.into(),
                        word: word.into(),
                        class,
                        sort: rank,
                        detail,
                        flagged: !conflicts.is_empty(),
                        note: (!note.is_empty()).then(|| note.join("\n")),
                        fields: vec![
                            yes_no(c.published(), lang),
                            c.guide.clone().unwrap_or_default(),
                            c.via.clone().unwrap_or_default(),
                            yes_no(c.partial, lang),
                            conflicts.join("; "),
                        ],
                    }
                })
                .collect();
            Row {
                head: item.name.clone(),
                title: item.as_written.clone(),
                values: vec![
                    (modes, Tone::Plain),
                    (
                        format!(
                            "{}/{} {}",
                            item.published,
                            item.members.len(),
                            percent(item.coverage)
                        ),
                        Tone::of(item.coverage),
                    ),
                    (uniformity, item.uniformity.map_or(Tone::Plain, Tone::of)),
                ],
                cells,
                keys: vec![
                    item.name.clone(),
                    item.basic_code.clone().unwrap_or_default(),
                    item.modes.join(" "),
                    format!("{}", item.coverage),
                    item.uniformity.map(|u| u.to_string()).unwrap_or_default(),
                ],
            }
        })
        .collect();
    let names: &[(&str, &str)] = &[
        ("协议", "agreement"),
        ("协议文件", "agreement_file"),
        ("事项", "item"),
        ("基本编码", "basic_code"),
        ("办理方式", "modes"),
        ("事项覆盖率", "item_coverage"),
        ("一致性", "uniformity"),
        ("成员代码", "member_code"),
        ("成员名称", "member_name"),
        ("已发布", "published"),
        ("指南", "guide"),
        ("经下级区划", "via_region"),
        ("部分指南", "partial"),
        ("办理方式冲突", "mode_conflict"),
    ];
    Matrix {
        id: format!("items-{n}"),
        corner: lang.pick("事项", "item").into(),
        across: lang.pick("成员", "member").into(),
        tall: false,
        values: [
            lang.pick("办理方式", "modes"),
            lang.pick("覆盖率", "coverage"),
            lang.pick("一致性", "uniformity"),
        ]
        .map(String::from)
        .to_vec(),
        columns: a
            .members
            .iter()
            .map(|m| Column {
                head: m.code.clone(),
                label: format!("{} {}", m.code, m.name),
                title: Some(format!("{} {}（{}）", m.code, m.name, level(m.level, lang))),
                aside: false,
                keys: vec![m.code.clone(), m.name.clone()],
            })
            .collect(),
        rows,
        totals: None,
        long: Long {
            names: names.iter().map(|(zh, en)| lang.pick(zh, en).to_owned()).collect(),
            keys: vec![a.info.label().to_owned(), a.info.path.clone()],
        },
        legend: lang
            .pick(
                "✓ 已发布指南（经：由下级区划的指南计入）  ✗ 未发布  * 办理方式与约定不符",
                "✓ publishes a guide (via: a lower-level region's guide counts)  ✗ publishes none  * mode contradicts the agreement",
            )
            .into(),
    }
}

/// A yes/no in the CSV long view: `true`/`false` in English (stable), 是/否 in Chinese.
fn yes_no(b: bool, lang: Lang) -> String {
    match lang {
        Lang::Zh => (if b { "是" } else { "否" }).to_owned(),
        _ => b.to_string(),
    }
}
