//! `diff` reports: the comparison as a [`Doc`] (every format but JSON), stated once in the reader's
//! language; JSON is serde of the comparison itself. Also the pairwise unified diff. Decides
//! nothing about what differs; `diff.rs` has done that.

use crate::i18n::tr;
use std::collections::HashMap;
use std::io::Write;

use similar::{ChangeTag, TextDiff};

use crate::compare::catalog::Status;
use crate::compare::diff::{Comparison, ItemDiff, MaterialRow, Pairwise};
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::report::DiffFormat;
use crate::report::Style;
use crate::report::doc::{
    self, Block, Cell, Column, Detail, Doc, Long, Matrix, Row, Section, Table, Tone,
};

/// Writes the comparison in `format`.
pub fn render(
    cmp: &Comparison<'_>,
    format: DiffFormat,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match doc::Writer::of(format) {
        Some(writer) => writer.write(build(cmp, style.lang, writer.detail()), style, out),
        None => {
            // Items are built and written one at a time (see `Comparison`'s Serialize).
            // serde writes token by token: buffer here, so those writes are static calls into
            // a buffer, not one dynamic call each (JSON was ~30% of a diff's instructions).
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
            serde_json::to_writer_pretty(&mut buffered, cmp).map_err(std::io::Error::from)?;
            writeln!(buffered)?;
            buffered.flush()?;
            Ok(())
        }
    }
}

/// The comparison as a report: the ranking, then one section per item, built when pulled.
pub(crate) fn build<'a>(cmp: &'a Comparison<'_>, lang: Lang, detail: Detail) -> Doc<'a> {
    let comparable = cmp.ranking.iter().filter(|i| i.comparable).count();
    let summary = tr!(
        lang,
        "diff-summary",
        items = cmp.ranking.len(),
        comparable = comparable,
        guides = cmp.guides
    );
    let mut head = Vec::new();
    if cmp.is_empty() {
        head.push(Block::Note(tr!(lang, "diff-nothing", guides = cmp.guides)));
    } else {
        head.push(Block::Note(tr!(lang, "diff-uniformity-note")));
        head.push(Block::Table(ranking(cmp, lang)));
    }
    let mut tail = Vec::new();
    if !cmp.collisions.is_empty() {
        tail.push(Block::List {
            title: Some(
                lang.pick(
                    "冲突（同一地区同一事项有两份指南；只比对第一份）",
                    "collisions (two guides of one item in one region; only the first is compared)",
                )
                .into(),
            ),
            items: cmp
                .collisions
                .iter()
                .map(|c| {
                    format!(
                        "{} {}: {} | {} {}",
                        c.item,
                        c.region,
                        c.kept,
                        lang.pick("未比对", "ignored"),
                        c.ignored
                    )
                })
                .collect(),
        });
    }
    Doc {
        title: lang
            .pick("办事指南差异比对", "Service guide comparison")
            .into(),
        summary,
        lang,
        head,
        sections: Box::new(
            cmp.items()
                .enumerate()
                .map(move |(n, item)| item_section(&item, &format!("item-{n}"), n, lang, detail)),
        ),
        tail,
        findings: (String::new(), &[]),
    }
}

fn uniformity_cell(comparable: bool, uniformity: f64, lang: Lang) -> Cell {
    if comparable {
        Cell {
            tone: Tone::of(uniformity),
            ..Cell::number(uniformity, format!("{uniformity:.2}"))
        }
    } else {
        Cell::number(
            2.0,
            lang.pick("—（完整指南不足 2 个）", "— (<2 complete guides)"),
        )
    }
}

fn ranking(cmp: &Comparison<'_>, lang: Lang) -> Table {
    let columns = [
        ("#", "#"),
        ("事项", "item"),
        ("基本编码", "basic code"),
        ("地区数", "regions"),
        ("一致性", "uniformity"),
        ("各地都要求 / 任一地要求", "required everywhere / anywhere"),
        ("部分指南", "partial guides"),
        ("其他要素差异", "other differences"),
    ];
    let rows = cmp
        .ranking
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let elements: Vec<&str> = item
                .differing_elements
                .iter()
                .map(|title| element_title(title, lang))
                .collect();
            vec![
                Cell::number((n + 1) as f64, (n + 1).to_string()),
                Cell {
                    link: Some(format!("item-{n}")),
                    ..Cell::text(item.name.clone())
                },
                Cell::text(item.basic_code.as_deref().unwrap_or("—")),
                Cell::number(item.regions as f64, item.regions.to_string()),
                uniformity_cell(item.comparable, item.uniformity, lang),
                Cell::number(
                    (item.required_anywhere - item.required_everywhere) as f64,
                    format!("{} / {}", item.required_everywhere, item.required_anywhere),
                ),
                Cell::number(
                    item.partial_regions as f64,
                    item.partial_regions.to_string(),
                ),
                Cell::text(if elements.is_empty() {
                    "—".to_owned()
                } else {
                    elements.join(lang.pick("、", ", "))
                }),
            ]
        })
        .collect();
    Table {
        id: "summary".into(),
        title: None,
        columns: columns
            .iter()
            .map(|(zh, en)| lang.pick(zh, en).into())
            .collect(),
        rows,
    }
}

/// The title of a compared element (given by its Chinese title), in `lang`.
fn element_title(title: &'static str, lang: Lang) -> &'static str {
    crate::compare::catalog::ELEMENTS
        .iter()
        .find(|(_, zh, _)| *zh == title)
        .map_or(title, |(_, zh, en)| lang.pick(zh, en))
}

/// What a human report shows in a cell: partial guides' absent cells are unknown, not absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Required,
    Optional,
    Deferred,
    Absent,
    Unknown,
}

impl Mark {
    fn of(row: &MaterialRow, item: &ItemDiff, region: &str) -> Mark {
        match row.status(region) {
            Status::Absent if item.region(region).is_some_and(|r| r.partial) => Mark::Unknown,
            s => Mark::from_status(s),
        }
    }

    fn from_status(s: Status) -> Mark {
        match s {
            Status::Required => Mark::Required,
            Status::Optional => Mark::Optional,
            Status::Deferred => Mark::Deferred,
            Status::Absent => Mark::Absent,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Mark::Required => "●",
            Mark::Optional => "○",
            Mark::Deferred => "◐",
            Mark::Absent => "·",
            Mark::Unknown => "?",
        }
    }

    fn word(self, lang: Lang) -> &'static str {
        match self {
            Mark::Required => lang.pick("必要", "required"),
            Mark::Optional => lang.pick("非必要", "optional"),
            Mark::Deferred => lang.pick("容缺后补", "deferred"),
            Mark::Absent => lang.pick("未要求", "absent"),
            Mark::Unknown => lang.pick("未列出?", "not listed?"),
        }
    }

    fn key(self) -> &'static str {
        match self {
            Mark::Required => "required",
            Mark::Optional => "optional",
            Mark::Deferred => "deferred",
            Mark::Absent => "absent",
            Mark::Unknown => "unknown",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Mark::Required => 4,
            Mark::Deferred => 3,
            Mark::Optional => 2,
            Mark::Unknown => 1,
            Mark::Absent => 0,
        }
    }

    fn cell(self, lang: Lang) -> doc::Mark {
        doc::Mark {
            symbol: self.symbol().into(),
            word: self.word(lang).into(),
            class: self.key(),
            sort: f64::from(self.rank()),
            detail: String::new(),
            flagged: false,
            note: None,
            fields: Vec::new(),
        }
    }
}

fn legend(lang: Lang) -> String {
    lang.pick(
        "● 必要  ○ 非必要  ◐ 容缺后补  · 未要求  ? 部分指南未列出  * 各地属性不同",
        "● required  ○ optional  ◐ deferred  · absent  ? not listed in a partial guide  * attributes differ",
    )
    .into()
}

/// The mark after a row's name when some of its wordings joined it by similarity.
const SIMILAR_MARK: &str = " ≈";

/// The legend's entry for [`SIMILAR_MARK`], shown only for items that have such rows.
fn similar_legend(lang: Lang) -> &'static str {
    lang.pick(
        "  ≈ 按相似度匹配（请确认）",
        "  ≈ matched by similarity (to confirm)",
    )
}

/// One line per wording joined by similarity: the two wordings, score and shared terms, and the
/// line of the user's ontology file (documents.yaml) that confirms or rejects the merge.
fn similar_lines(item: &ItemDiff, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for row in item.materials.iter().filter(|m| m.similar) {
        for (p, s) in row
            .parts
            .iter()
            .filter_map(|p| Some((p, p.similar.as_ref()?)))
        {
            let pair = format!("[{}, {}]", p.piece, s.with);
            out.push(tr!(
                lang,
                "diff-similar",
                row = row.name.as_str(),
                piece = p.piece.as_str(),
                regions = p.regions.join(", "),
                with = s.with.as_str(),
                score = format!("{:.2}", s.score),
                shared = s.shared.join(lang.pick("、", ", ")),
                pair = pair.as_str()
            ));
        }
    }
    out
}

/// Names of the attributes compared.
fn attribute_title(key: &str, lang: Lang) -> &'static str {
    match key {
        "original" => lang.pick("原件/复印件", "original/copy"),
        "copies" => lang.pick("份数", "copies"),
        "medium" => lang.pick("纸质/电子", "paper/electronic"),
        "accepts" => lang.pick("可选文书", "accepted documents"),
        "situations" => lang.pick("适用情形", "situations"),
        _ => lang.pick("属性", "attribute"),
    }
}

/// `310000 上海市 (partial)`.
fn region_label(item: &ItemDiff, code: &str, lang: Lang) -> String {
    let partial = lang.pick("（部分）", " (partial)");
    match item.region(code) {
        Some(r) if r.partial && !r.name.is_empty() => format!("{code} {}{partial}", r.name),
        Some(r) if r.partial => format!("{code}{partial}"),
        Some(r) if !r.name.is_empty() => format!("{code} {}", r.name),
        _ => code.to_owned(),
    }
}

fn situations_text(names: Option<&Vec<String>>, lang: Lang) -> String {
    names.map_or_else(
        || lang.pick("所有情形", "every situation").to_owned(),
        |n| {
            format!(
                "{}{}",
                lang.pick("仅限情形：", "only in: "),
                n.join(lang.pick("、", ", "))
            )
        },
    )
}

/// `复印件（110000）；原件（120000）` for one attribute of one row, naming at most `max` regions
/// per value (`… +N`): the text is repeated in cells, where every region would be quadratic.
fn attribute_values<'r>(row: &'r MaterialRow, key: &str, max: usize, lang: Lang) -> String {
    let mut parts: Vec<(String, Vec<&str>)> = Vec::new();
    let mut add = |v: String, code: &'r str| match parts.iter_mut().find(|(x, _)| *x == v) {
        Some((_, codes)) => codes.push(code),
        None => parts.push((v, vec![code])),
    };
    match key {
        "accepts" => {
            for (code, docs) in &row.accepts {
                add(docs.join(lang.pick("或", " or ")), code);
            }
        }
        "situations" => {
            for (code, _) in row.regions.iter().filter(|(_, s)| **s != Status::Absent) {
                add(
                    situations_text(row.only_in_situations.get(code), lang),
                    code,
                );
            }
        }
        _ => {
            for (code, a) in &row.attributes {
                let v = match key {
                    "original" => a.original().map(str::to_owned),
                    "copies" => a.copies().map(|c| copies(c, lang)),
                    _ => a.medium().map(str::to_owned),
                };
                if let Some(v) = v {
                    add(v, code);
                }
            }
        }
    }
    parts
        .iter()
        .map(|(v, codes)| {
            let mut listed = codes[..codes.len().min(max)].join(", ");
            if codes.len() > max {
                listed.push_str(&format!(" … +{}", codes.len() - max));
            }
            match lang {
                Lang::Zh => format!("{v}（{listed}）"),
                Lang::En => format!("{v} in {listed}"),
            }
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

fn copies(c: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{c}份"),
        Lang::En if c == 1 => "1 copy".into(),
        Lang::En => format!("{c} copies"),
    }
}

/// A material's attributes in one region: `复印件，2份，纸质`.
fn describe(a: &crate::compare::catalog::Attrs, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.original().map(str::to_owned));
    parts.extend(a.copies().map(|c| copies(c, lang)));
    parts.extend(a.medium().map(str::to_owned));
    parts.join(lang.pick("，", ", "))
}

/// The full name, and how the guides wrote it when that differs.
fn header_title(name: &str, variants: &[String], lang: Lang) -> String {
    let others: Vec<&str> = variants
        .iter()
        .map(String::as_str)
        .filter(|v| *v != name)
        .collect();
    if others.is_empty() {
        name.to_owned()
    } else {
        format!(
            "{name}（{}{}）",
            lang.pick("写作：", "written as: "),
            others.join(" / ")
        )
    }
}

/// How each region's wording reached one row, explained once per distinct wording.
struct Explanations<'r> {
    texts: Vec<String>,
    by_region: HashMap<&'r str, usize>,
}

impl<'r> Explanations<'r> {
    fn of(row: &'r MaterialRow, lang: Lang) -> Self {
        let mut texts = Vec::with_capacity(row.parts.len());
        let mut by_region = HashMap::new();
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

    fn get(&self, region: &str) -> Option<&str> {
        self.by_region.get(region).map(|&i| self.texts[i].as_str())
    }
}

/// The proposal's change for one row in one region, as a long-table value: `add`, `drop`,
/// `reword: A → B`, `accept: X、Y`, `make required (now …)` (in Chinese: 增加, 去掉, 改写：…,
/// 另接受：…, 改为必要（现为…）), or empty.
fn proposal_change(item: &ItemDiff, row: &MaterialRow, region: &str, lang: Lang) -> String {
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
            out.push(lang.pick("增加", "add").into());
        }
        for r in c.reword.iter().filter(|r| r.to == p) {
            let verb = lang.pick("改写：", "reword: ");
            out.push(format!("{verb}{} → {}", r.from, r.to));
        }
        for a in c.accept_more.iter().filter(|a| a.requirement == p) {
            let verb = lang.pick("另接受：", "accept: ");
            out.push(format!("{verb}{}", a.add.join("、")));
        }
        for m in c.make_required.iter().filter(|m| m.requirement == p) {
            out.push(match lang {
                Lang::Zh => make_required_label(m, lang).replace(&format!(" {p}"), ""),
                _ => format!("make required (now {})", m.now),
            });
        }
    } else if row.status(region) == Status::Required {
        out.push(lang.pick("去掉", "drop").into());
    }
    out.join(lang.pick("；", "; "))
}

/// A status in the long view: the stable code in English (`required`), the word in Chinese.
fn status_value(s: Status, lang: Lang) -> String {
    match lang {
        Lang::Zh => Mark::from_status(s).word(lang).to_owned(),
        _ => s.as_str().to_owned(),
    }
}

/// A yes/no in the long view: `true`/`false` in English, 是/否 in Chinese.
fn yes_no(b: bool, lang: Lang) -> String {
    match lang {
        Lang::Zh => (if b { "是" } else { "否" }).to_owned(),
        _ => b.to_string(),
    }
}

/// A row's class in the long view: the stable code in English (`core`), the report's word in
/// Chinese.
fn class_value(class: &str, lang: Lang) -> String {
    match (lang, class) {
        (Lang::Zh, "core") => "共同核心".into(),
        (Lang::Zh, "extra") => "核心之外".into(),
        (Lang::Zh, "optional") => "非必要".into(),
        (Lang::Zh, "baseline") => "仅全国基线".into(),
        _ => class.to_owned(),
    }
}

/// "改为必要 X（现为非必要）": one region's change making a requirement 必要.
fn make_required_label(m: &crate::compare::diff::MakeRequired, lang: Lang) -> String {
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

/// One item's section: its facts, matrix, lists and the requirement sections (also embedded by
/// the coverage report, one level down). `n` numbers its matrix.
pub(crate) fn item_section(
    item: &ItemDiff,
    id: &str,
    n: usize,
    lang: Lang,
    detail: Detail,
) -> Section {
    let sep = lang.pick("、", ", ");
    let code = item
        .basic_code
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    let mut blocks = Vec::new();
    let index = if item.comparable {
        let text = tr!(
            lang,
            "diff-uniformity",
            uniformity = format!("{:.2}", item.uniformity),
            everywhere = item.required_everywhere,
            anywhere = item.required_anywhere
        );
        (text, Tone::of(item.uniformity))
    } else if item.regions.len() == 1 {
        (
            lang.pick("仅一个地区（不比对）", "one region only (not compared)")
                .into(),
            Tone::Plain,
        )
    } else {
        (
            lang.pick(
                "仅一个完整指南（一致性只按完整指南计算）",
                "one complete guide only (uniformity counts complete guides)",
            )
            .into(),
            Tone::Plain,
        )
    };
    let labels: Vec<String> = item
        .regions
        .iter()
        .map(|c| region_label(item, c, lang))
        .collect();
    blocks.push(Block::Facts {
        title: None,
        facts: vec![
            (lang.pick("一致性", "uniformity").into(), index.0, index.1),
            (
                tr!(lang, "diff-regions-count", count = item.regions.len()),
                labels.join(" · "),
                Tone::Plain,
            ),
        ],
    });
    if item.has_partial {
        blocks.push(Block::Note(
            lang.pick(
                "部分指南（partial）：未列出的材料是未知（?），不是不要求",
                "partial guides: their unlisted materials are unknown (?), not absent",
            )
            .into(),
        ));
    }
    blocks.push(Block::Matrix(matrix(item, n, lang, detail)));
    let core = if item.common_core.is_empty() {
        "—".to_owned()
    } else {
        item.common_core.join(sep)
    };
    blocks.push(Block::Facts {
        title: None,
        facts: vec![(
            tr!(lang, "diff-common-core", count = item.common_core.len()),
            core,
            Tone::Plain,
        )],
    });
    difference_blocks(item, lang, &mut blocks);
    if let Some(b) = &item.baseline {
        let partial = if b.partial {
            lang.pick("，部分", ", partial")
        } else {
            ""
        };
        let join = |v: &[String]| {
            Cell::text(if v.is_empty() {
                "—".to_owned()
            } else {
                v.join(sep)
            })
        };
        blocks.push(Block::Table(Table {
            id: format!("baseline-{n}"),
            title: Some(tr!(
                lang,
                "diff-baseline",
                path = b.path.as_str(),
                partial = partial,
                required = b.required.len()
            )),
            columns: [
                lang.pick("地区", "region"),
                lang.pick("增加", "adds"),
                lang.pick(
                    "去掉 / 未列出（部分指南）",
                    "drops / does not list (partial)",
                ),
                lang.pick("放宽", "relaxes"),
            ]
            .map(String::from)
            .to_vec(),
            rows: b
                .deviations
                .iter()
                .map(|d| {
                    vec![
                        Cell::text(region_label(item, &d.region, lang)),
                        join(&d.added),
                        join(&d.dropped),
                        join(&d.relaxed),
                    ]
                })
                .collect(),
        }));
    }
    requirement_sections(item, lang, &mut blocks);
    Section {
        id: id.to_owned(),
        title: format!("{}{code}", item.name),
        name: item.name.clone(),
        blocks,
    }
}

/// The blocks of what differs beyond the common core: each region's further requirements, the
/// materials' attributes, the other elements, and the matches by similarity to confirm.
fn difference_blocks(item: &ItemDiff, lang: Lang, blocks: &mut Vec<Block>) {
    let sep = lang.pick("、", ", ");
    let beyond: Vec<_> = item
        .region_details
        .iter()
        .filter(|r| !r.beyond_core.is_empty())
        .map(|r| {
            (
                region_label(item, &r.code, lang),
                r.beyond_core.join(sep),
                Tone::Plain,
            )
        })
        .collect();
    facts(
        blocks,
        lang.pick("核心之外（各地另要求）", "beyond the core"),
        beyond,
    );
    let attributes = item
        .materials
        .iter()
        .flat_map(|m| {
            m.attribute_differences.iter().map(move |a| {
                (
                    format!("{} {}", m.name, attribute_title(a, lang)),
                    attribute_values(m, a, usize::MAX, lang),
                    Tone::Plain,
                )
            })
        })
        .collect();
    facts(
        blocks,
        lang.pick("材料属性差异", "attribute differences"),
        attributes,
    );
    let elements = item
        .differing_elements()
        .map(|e| {
            let values: Vec<String> = e.regions.iter().map(|(c, v)| format!("{c} {v}")).collect();
            (
                lang.pick(e.title, e.title_en).to_owned(),
                values.join(lang.pick("；", "; ")),
                Tone::Plain,
            )
        })
        .collect();
    facts(
        blocks,
        lang.pick("其他要素差异", "other differences"),
        elements,
    );
    let similar = similar_lines(item, lang);
    if !similar.is_empty() {
        blocks.push(Block::List {
            title: Some(
                lang.pick(
                    "按相似度匹配（已合并，请确认；在 documents.yaml 中确认或否决）",
                    "matched by similarity (merged, to confirm or reject in documents.yaml)",
                )
                .into(),
            ),
            items: similar,
        });
    }
    if !item.near_matches.is_empty() {
        blocks.push(Block::List {
            title: Some(
                lang.pick(
                    "可能是同一材料（未合并）",
                    "possibly the same material (not merged)",
                )
                .into(),
            ),
            items: item
                .near_matches
                .iter()
                .map(|m| format!("{} ≈ {} ({:.2})", m.a, m.b, m.score))
                .collect(),
        });
    }
}

/// A titled group of facts, when there is any.
fn facts(blocks: &mut Vec<Block>, title: &str, facts: Vec<(String, String, Tone)>) {
    if !facts.is_empty() {
        blocks.push(Block::Facts {
            title: Some(title.into()),
            facts,
        });
    }
}

/// The material × region matrix of one item, with the national baseline as a column apart.
/// The long view's column names (CSV, xlsx), in both languages.
const LONG_NAMES: &[(&str, &str)] = &[
    ("事项", "item"),
    ("基本编码", "basic_code"),
    ("一致性", "uniformity"),
    ("可比较", "comparable"),
    ("材料", "material"),
    ("类别", "class"),
    ("区划代码", "region_code"),
    ("区划名称", "region_name"),
    ("部分指南", "partial"),
    ("状态", "status"),
    ("原件/复印件", "original"),
    ("份数", "copies"),
    ("纸质/电子", "medium"),
    ("属性差异", "attribute_differences"),
    ("全国基线", "baseline_status"),
    ("读法", "how"),
    ("建议调整", "proposal"),
    ("仅限情形", "only_in_situations"),
];

/// The matrix's columns: one per region, then the national baseline set aside.
fn matrix_columns(item: &ItemDiff, lang: Lang, want: Detail) -> Vec<Column> {
    let mut columns: Vec<Column> = item
        .region_details
        .iter()
        .map(|r| Column {
            head: r.code.clone(),
            label: region_label(item, &r.code, lang),
            title: Some(r.path.clone()),
            aside: false,
            keys: if want.long {
                vec![r.code.clone(), r.name.clone(), yes_no(r.partial, lang)]
            } else {
                Vec::new()
            },
        })
        .collect();
    if let Some(b) = &item.baseline {
        columns.push(Column {
            head: lang.pick("全国", "national").into(),
            label: lang
                .pick("100000 全国基线", "100000 national baseline")
                .into(),
            title: Some(b.path.clone()),
            aside: true,
            keys: Vec::new(),
        });
    }
    columns
}

fn matrix(item: &ItemDiff, n: usize, lang: Lang, want: Detail) -> Matrix {
    let columns = matrix_columns(item, lang, want);
    let mut totals = vec![0; columns.len()];
    let rows = item
        .materials
        .iter()
        .map(|row| {
            let how = (want.notes || want.long).then(|| Explanations::of(row, lang));
            let how = |code: &str| how.as_ref().and_then(|h| h.get(code));
            let mut cells: Vec<doc::Mark> = item
                .region_details
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let code = r.code.as_str();
                    let mark = Mark::of(row, item, code);
                    if mark == Mark::Required {
                        totals[i] += 1;
                    }
                    let attrs = row.attributes.get(code);
                    let limited = row.only_in_situations.get(code);
                    let mut detail: Vec<String> =
                        attrs.map(|a| describe(a, lang)).into_iter().collect();
                    if limited.is_some() {
                        detail.push(situations_text(limited, lang));
                    }
                    let flagged = !row.attribute_differences.is_empty()
                        && (attrs.is_some() || limited.is_some());
                    let mut note: Vec<String> = Vec::new();
                    if want.notes {
                        if row.conditional_in.iter().any(|c| c == code) {
                            note.push(
                                lang.pick("有适用情形", "conditional (applies in some situations)")
                                    .into(),
                            );
                        }
                        if flagged {
                            note.extend(row.attribute_differences.iter().map(|a| {
                                format!(
                                    "{}{}{}",
                                    attribute_title(a, lang),
                                    lang.pick("：", ": "),
                                    attribute_values(row, a, 8, lang)
                                )
                            }));
                        }
                        note.extend(how(code).map(str::to_owned));
                    }
                    let fields = if want.long {
                        vec![
                            status_value(row.status(code), lang),
                            attrs
                                .and_then(|a| a.original())
                                .unwrap_or_default()
                                .to_owned(),
                            attrs
                                .and_then(|a| a.copies())
                                .map(|c| c.to_string())
                                .unwrap_or_default(),
                            attrs
                                .and_then(|a| a.medium())
                                .unwrap_or_default()
                                .to_owned(),
                            match lang {
                                Lang::Zh => row
                                    .attribute_differences
                                    .iter()
                                    .map(|a| attribute_title(a, lang))
                                    .collect::<Vec<_>>()
                                    .join("、"),
                                _ => row.attribute_differences.join(" "),
                            },
                            row.baseline
                                .map(|b| status_value(b, lang))
                                .unwrap_or_default(),
                            how(code).unwrap_or_default().to_owned(),
                            proposal_change(item, row, code, lang),
                            limited.map(|n| n.join(" ")).unwrap_or_default(),
                        ]
                    } else {
                        Vec::new()
                    };
                    doc::Mark {
                        detail: detail.join(" "),
                        flagged,
                        note: (!note.is_empty()).then(|| note.join("\n")),
                        fields,
                        ..mark.cell(lang)
                    }
                })
                .collect();
            if item.baseline.is_some() {
                let mark = row.baseline.map_or(Mark::Absent, Mark::from_status);
                if mark == Mark::Required {
                    totals[cells.len()] += 1;
                }
                cells.push(mark.cell(lang));
            }
            Row {
                head: if row.similar {
                    format!("{}{SIMILAR_MARK}", row.name)
                } else {
                    row.name.clone()
                },
                title: Some(header_title(&row.name, &row.variants, lang)),
                values: Vec::new(),
                cells,
                keys: if want.long {
                    vec![row.name.clone(), class_value(row.class, lang)]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    Matrix {
        id: format!("matrix-{n}"),
        corner: lang.pick("材料", "material").into(),
        across: lang.pick("地区", "region").into(),
        tall: true,
        values: Vec::new(),
        columns,
        rows,
        totals: Some((lang.pick("必要材料数", "required").into(), totals)),
        long: Long {
            names: LONG_NAMES
                .iter()
                .map(|(zh, en)| lang.pick(zh, en).to_owned())
                .collect(),
            keys: vec![
                item.name.clone(),
                item.basic_code.clone().unwrap_or_default(),
                format!("{}", item.uniformity),
                yes_no(item.comparable, lang),
            ],
        },
        legend: if item.materials.iter().any(|m| m.similar) {
            legend(lang) + similar_legend(lang)
        } else {
            legend(lang)
        },
    }
}

/// The requirement sections of one item: the wordings of each requirement written in more than
/// one way (统一名称), the situations, the proposed unified list, and each region's changes.
fn requirement_sections(item: &ItemDiff, lang: Lang, out: &mut Vec<Block>) {
    let zh = lang == Lang::Zh;
    let sep = lang.pick("；", "; ");
    let wordings = item
        .materials
        .iter()
        .filter(|m| m.wordings.len() > 1)
        .map(|m| {
            let text: Vec<String> = m
                .wordings
                .iter()
                .map(|w| format!("{}（{}）", w.wording, w.regions.join(", ")))
                .collect();
            (m.name.clone(), text.join(sep), Tone::Plain)
        })
        .collect();
    facts(
        out,
        lang.pick(
            "各地写法（统一名称）",
            "wordings per requirement (统一名称)",
        ),
        wordings,
    );
    situation_sections(item, lang, out);
    let p = &item.proposal;
    if p.materials.is_empty() {
        return;
    }
    let lines = p
        .materials
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let why = match (m.why, zh) {
                ("core", true) => "各地都要求".to_owned(),
                ("core", false) => "required everywhere".to_owned(),
                // Counted where its status is known: complete guides, and partial guides
                // listing it (a partial guide is a lower bound).
                ("majority", true) if m.partial > 0 => format!(
                    "已知的 {} 个地区中 {} 个要求（其中 {} 个为部分指南）",
                    m.of, m.required_in, m.partial
                ),
                ("majority", true) => format!("已知的 {} 个地区中 {} 个要求", m.of, m.required_in),
                ("majority", false) if m.partial > 0 => format!(
                    "required in {} of {} regions where known ({} partial guides)",
                    m.required_in, m.of, m.partial
                ),
                ("majority", false) => format!(
                    "required in {} of {} regions where known",
                    m.required_in, m.of
                ),
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
            ((i + 1).to_string(), text, Tone::Plain)
        })
        .collect();
    facts(
        out,
        lang.pick(
            "建议统一材料清单（草案）",
            "proposed unified material list (draft)",
        ),
        lines,
    );
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
            (
                region_label(item, &c.region, lang),
                parts.join(sep),
                Tone::Plain,
            )
        })
        .collect();
    facts(
        out,
        lang.pick(
            "各地采用建议清单需调整",
            "changes for each region to adopt it",
        ),
        changes,
    );
}

/// The situations (情形) each region distinguishes, and per situation two or more regions share,
/// the requirements whose status differs in it. Nothing for items without situations.
fn situation_sections(item: &ItemDiff, lang: Lang, out: &mut Vec<Block>) {
    if item.situations.is_empty() {
        return;
    }
    let sep = lang.pick("、", ", ");
    let lines = item
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
            (region_label(item, code, lang), text, Tone::Plain)
        })
        .collect();
    facts(
        out,
        lang.pick("各地区分的情形", "situations each region distinguishes"),
        lines,
    );
    let lines = item
        .per_situation
        .iter()
        .map(|s| {
            let label = format!("{}（{}）", s.name, s.regions.join(", "));
            if s.differing.is_empty() {
                return (
                    label,
                    lang.pick("材料要求一致", "same requirements").to_owned(),
                    Tone::Plain,
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
            (label, rows.join(lang.pick("；", "; ")), Tone::Plain)
        })
        .collect();
    facts(
        out,
        lang.pick(
            "按情形比较（两地以上同名情形；不同的材料）",
            "per situation (shared by two or more regions; requirements that differ)",
        ),
        lines,
    );
}

/// Writes the pairwise view: a unified diff (table) or JSON.
pub fn render_pairwise(
    view: &Pairwise,
    format: DiffFormat,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if format == DiffFormat::Json {
        serde_json::to_writer_pretty(&mut *out, view).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    let paint = |sgr: &str, text: &str| doc::paint(&style, sgr, text);
    let label = |s: &crate::compare::diff::Side| {
        let partial = if s.partial {
            style.lang.pick("（部分）", " (partial)")
        } else {
            ""
        };
        format!("{} {} {}{partial}", view.item, s.code, s.name)
    };
    let (a, b) = (label(&view.a), label(&view.b));
    let old = view.a.lines.join("\n") + "\n";
    let new = view.b.lines.join("\n") + "\n";
    let diff = TextDiff::from_lines(&old, &new);
    writeln!(out, "{}", paint("1", &format!("--- {a}")))?;
    writeln!(out, "{}", paint("1", &format!("+++ {b}")))?;
    // The situations each side distinguishes: a material tagged 仅限情形 is asked only there.
    for (sign, side) in [('-', &view.a), ('+', &view.b)] {
        if !side.situations.is_empty() {
            writeln!(
                out,
                "{sign}{sign} {}{}",
                style.lang.pick("情形：", "situations: "),
                side.situations.join(style.lang.pick("、", ", "))
            )?;
        }
    }
    // Whole lists: every material in context, so the two lists read side by side.
    let radius = view.a.lines.len().max(view.b.lines.len());
    for hunk in diff.unified_diff().context_radius(radius).iter_hunks() {
        writeln!(out, "{}", paint("36", &hunk.header().to_string()))?;
        for change in hunk.iter_changes() {
            let line = change.value().trim_end_matches('\n');
            match change.tag() {
                ChangeTag::Delete => writeln!(out, "{}", paint("31", &format!("-{line}")))?,
                ChangeTag::Insert => writeln!(out, "{}", paint("32", &format!("+{line}")))?,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::catalog::Attrs;

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
            similar: false,
        };
        for (i, o) in ["原件", "原件", "原件", "复印件"].iter().enumerate() {
            row.attributes
                .insert(format!("11{i}000"), Attrs::new(Some(o), None, None));
        }
        assert_eq!(
            attribute_values(&row, "original", usize::MAX, Lang::En),
            "原件 in 110000, 111000, 112000; 复印件 in 113000"
        );
        assert_eq!(
            attribute_values(&row, "original", 2, Lang::Zh),
            "原件（110000, 111000 … +1）；复印件（113000）"
        );
    }
}
