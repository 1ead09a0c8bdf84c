//! The coverage rules (TB501, TB502): declared here, below everything that uses them;
//! `crate::compare::coverage` judges them. Listed in [`RULES`].

use std::collections::BTreeMap;

use super::Def;
use crate::compare::coverage::{Coverage, Judgement, ModeJudgement};
use crate::diagnostic::{Check, Doc, FileReport, Finding, Kind, Lang, Sample, Severity, Text};

/// TB501: an agreed item some members do not publish.
pub static NOT_PUBLISHED: Def = Def {
    check: Check {
        code: "TB501",
        name: "agreed-item-not-published",
        severity: Severity::Warning,
        kind: Kind::Agreement,
        summary_zh: "协议约定的事项有成员区划没有发布办事指南",
        summary_en: "members of an agreement do not publish a guide for an agreed item",
        doc: Doc {
            what: Text {
                zh: "对协议（`catalogs/agreements/*.yaml`，`items`）列出的每个事项，报告在交给 `tongban coverage` 的指南中没有该事项指南的成员地区。市、县的指南只有在协议写明 `counts_toward_province: true` 时，才计入包含它的成员。检查结果指向协议文件中的该事项。",
                en: r#"For every item an agreement lists (`catalogs/agreements/*.yaml`, `items`), reports the member
regions that have no guide of that item among the guides given to `tongban coverage`. A guide
of a city or county counts toward a member that contains it only when the agreement says
`counts_toward_province: true`. The finding points at the item in the agreement file."#,
            },
            why: Text {
                zh: "跨省通办意味着申请人可以在任一成员地区发起办理。成员不公布该事项的指南，申请人就无从准备，其他成员也无从对齐（无差别受理、同标准办理，国发〔2022〕5号）。",
                en: r#"跨省通办 means an applicant can start the item in any member region. A member that publishes no
guide for it gives the applicant nothing to prepare from, and gives the other members nothing
to align with (无差别受理、同标准办理, 国发〔2022〕5号)."#,
            },
            example: Sample::yaml(r#"
# catalogs/agreements/example.yaml
members:
  - {code: "320300", name: 徐州市}
  - {code: "411400", name: 商丘市}
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
"#).with_note("一份协议，而只有 catalogs/jiangsu/goufang-tiqu-zhufang-gongjijin-xuzhou.yaml（320300）存在：", "An agreement, of which only catalogs/jiangsu/goufang-tiqu-zhufang-gongjijin-xuzhou.yaml (320300) exists:"),
            instead: Sample::words("公布（并加入目录）商丘的购房提取住房公积金指南；如果该事项其实不在协议中，则依据其来源更正协议文件。", r#"Publish (and add to the catalog) the 商丘 guide of 购房提取住房公积金, or, if the item is not
in the agreement after all, correct the agreement file with its source."#),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// TB502: a member's guide handles an agreed item in a way the agreed mode excludes.
pub static MODE_CONTRADICTS: Def = Def {
    check: Check {
        code: "TB502",
        name: "mode-contradicts-agreement",
        severity: Severity::Warning,
        kind: Kind::Agreement,
        summary_zh: "成员的办事指南与协议约定的办理模式矛盾",
        summary_en: "a member's guide contradicts the handling mode agreed for the item",
        doc: Doc {
            what: Text {
                zh: "对写明 `modes` 的协议事项，报告与之矛盾的成员指南：协议为全程网办，指南却写 `handling.online: false` 或 `handling.visits` 大于 0；或者指南列出的 `handling.cross_region_modes` 与协议没有任何共同的办理模式。",
                en: r#"For an agreed item with `modes`, reports a member's guide that contradicts them: agreed
全程网办 but the guide says `handling.online: false` or `handling.visits` above 0; or the guide
lists `handling.cross_region_modes` that share no mode with the agreement."#,
            },
            why: Text {
                zh: "协议向申请人承诺了一种办理方式（全程网办：不交纸质材料、不跑现场）。要求跑现场的成员指南，对每个读到它的人都违背了这一承诺。",
                en: r#"The agreement promises applicants a way of handling the item (全程网办: nothing on paper, no
visit). A member guide that asks for a visit breaks the promise for everyone who reads it."#,
            },
            example: Sample::yaml(r#"
handling:
  online: false
  visits: 1
"#).with_note("协议列出 `{name: 正常退休提取住房公积金, modes: [全程网办]}`；指南写的是：", "The agreement lists `{name: 正常退休提取住房公积金, modes: [全程网办]}`; the guide says:"),
            instead: Sample::yaml(r#"
handling:
  online: true
  visits: 0
  cross_region_modes: [全程网办]
"#),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// The coverage rules, sorted by code.
pub static RULES: &[&Def] = &[&NOT_PUBLISHED, &MODE_CONTRADICTS];

/// Members named in a TB501 message; the rest are counted.
const MESSAGE_NAMES: usize = 8;

/// The coverage rules' findings over the judgements `compare::coverage::compute` made, one report
/// per file (an agreement's TB501, a guide's TB502), in name order.
pub(crate) fn judge(cov: &mut Coverage, lang: Lang) {
    let mut reports: BTreeMap<String, FileReport> = BTreeMap::new();
    for j in std::mem::take(&mut cov.judgements) {
        let (file, source, finding) = match j {
            Judgement::NotPublished {
                file,
                source,
                pointer,
                span,
                item,
                members,
                missing,
            } => {
                let message = not_published(&item, members, &missing, lang);
                let f = Finding::new(NOT_PUBLISHED.check, message, span).with_pointer(pointer);
                (file, source, f)
            }
            Judgement::ModeContradicts {
                file,
                source,
                span,
                judgement,
            } => {
                let message = mode_contradicts(&judgement, lang);
                let f = Finding::new(MODE_CONTRADICTS.check, message, span)
                    .with_pointer(judgement.pointer);
                (file, source, f)
            }
        };
        reports
            .entry(file)
            .or_insert_with(|| FileReport {
                source,
                findings: Vec::new(),
            })
            .findings
            .push(finding);
    }
    cov.findings = reports.into_values().collect();
    for r in &mut cov.findings {
        r.sort();
    }
}

/// TB501's message: the item, and the members without a guide (the first few named).
fn not_published(item: &str, members: usize, missing: &[(String, String)], lang: Lang) -> String {
    let mut names: Vec<String> = missing
        .iter()
        .map(|(name, code)| match lang {
            Lang::Zh => format!("{name}（{code}）"),
            Lang::En => format!("{name} ({code})"),
        })
        .collect();
    // The report names every member; the message names the first few.
    if names.len() > MESSAGE_NAMES {
        let more = names.len() - MESSAGE_NAMES;
        names.truncate(MESSAGE_NAMES);
        if let Some(last) = names.last_mut() {
            last.push_str(&match lang {
                Lang::Zh => format!("等（另 {more} 个）"),
                Lang::En => format!(" and {more} more"),
            });
        }
    }
    match lang {
        Lang::Zh => format!(
            "“{item}”：{members} 个成员中有 {} 个没有发布办事指南：{}",
            missing.len(),
            names.join("、")
        ),
        Lang::En => format!(
            "“{item}”: {} of {members} members publish no guide: {}",
            missing.len(),
            names.join(", ")
        ),
    }
}

/// TB502's message: what the agreement agrees, and what the guide has.
fn mode_contradicts(m: &ModeJudgement, lang: Lang) -> String {
    let found = &m.found;
    match lang {
        Lang::Zh => format!(
            "协议“{}”约定“{}”的办理模式为 {}，本指南为 {found}",
            m.agreement,
            m.item,
            m.modes.join("、")
        ),
        Lang::En => format!(
            "agreement “{}” agrees {} for “{}”, but this guide has {found}",
            m.agreement,
            m.modes.join(", "),
            m.item
        ),
    }
}

/// Findings at error severity: (in agreement files, of the coverage rules). The coverage rules
/// are warnings unless tongban.toml raises them.
pub(crate) fn errors(cov: &Coverage) -> (usize, usize) {
    let (mut files, mut rules) = (0, 0);
    for f in cov.findings.iter().flat_map(|r| &r.findings) {
        if f.severity == Severity::Error {
            if RULES.iter().any(|d| d.check.code == f.code) {
                rules += 1;
            } else {
                files += 1;
            }
        }
    }
    (files, rules)
}
