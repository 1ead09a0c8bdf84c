//! The checks of an agreement file (TB503–TB505): declared here, below everything that uses
//! them; `check` runs them, handed to `crate::data::agreement` when it loads a file. Listed in [`CHECKS`].

use serde_json::Value;

use super::Def;
use crate::data::normalize::normalize;
use crate::data::regions;
use crate::diagnostic::{Doc, Finding, Kind, Lang, Sample, Severity, Text};
use crate::load::Document;
use crate::source::Source;

/// TB503: a member region listed twice.
pub static DUPLICATE_MEMBER: Def = Def {
    check: crate::diagnostic::Check {
        code: "TB503",
        name: "duplicate-member",
        severity: Severity::Error,
        kind: Kind::Agreement,
        summary_zh: "协议中同一成员区划出现两次",
        summary_en: "a member region is listed twice in an agreement",
        doc: Doc {
            what: Text {
                zh: "报告协议成员（`members`）中区划代码已列出过的成员。",
                en: "Reports a member of an agreement (`members`) whose region code is already listed.",
            },
            why: Text {
                zh: "覆盖情况对每个成员只计一次；重复的代码是复制粘贴的疏忽，会把本想写的成员（相邻的县、另一个市）掩盖掉。",
                en: r#"Coverage counts each member once; a repeated code is a copy-paste slip that hides the member
that was meant (a neighbouring county, another city)."#,
            },
            example: Sample::yaml(
                r#"
members:
  - {code: "320300", name: 徐州市}
  - {code: "320300", name: 宿迁市}
"#,
            ),
            instead: Sample::yaml(
                r#"
members:
  - {code: "320300", name: 徐州市}
  - {code: "321300", name: 宿迁市}
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// TB504: a member code the bundled division table does not know.
pub static MEMBER_NOT_IN_TABLE: Def = Def {
    check: crate::diagnostic::Check {
        code: "TB504",
        name: "member-region-not-in-table",
        severity: Severity::Info,
        kind: Kind::Agreement,
        summary_zh: "成员区划代码不在内置区划表中",
        summary_en: "member region code is not in the bundled division table",
        doc: Doc {
            what: Text {
                zh: "报告 6 位代码不在 tongban 区划代码表中的成员。该表收录国家统计局 2023 年统计用区划代码中全部省级、地级和县级区划的 GB/T 2260 代码（`src/data/divisions.tsv`），另加 `100000 全国` 以及内置数据使用的名称。",
                en: r#"Reports a member whose 6-digit code is not in tongban's division table: the GB/T 2260 codes of
every province-, prefecture- and county-level division in the 国家统计局 2023 统计用区划代码
(`src/data/divisions.tsv`), plus `100000 全国` and the names the bundled data uses."#,
            },
            why: Text {
                zh: "代码表不认识的代码，要么录错了，要么晚于 2023 年年中（区划会调整和重新编码）。录错的代码会悄悄造出一个任何指南都覆盖不了的成员。请对照现行统计用区划代码核对；代码正确且是新设的，请把它加入 `src/data/divisions.tsv`。",
                en: r#"A code the table does not know is mistyped, or newer than mid-2023 (divisions are reorganised
and renumbered). A mistyped code silently makes a member that no guide can ever cover. Check the
code against the current 统计用区划代码; when it is right and new, add it to
`src/data/divisions.tsv`."#,
            },
            example: Sample::yaml(
                r#"
members:
  - {code: "320399", name: 徐州市}
"#,
            ),
            instead: Sample::yaml(
                r#"
members:
  - {code: "320300", name: 徐州市}
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// TB505: an item listed twice.
pub static DUPLICATE_ITEM: Def = Def {
    check: crate::diagnostic::Check {
        code: "TB505",
        name: "duplicate-agreed-item",
        severity: Severity::Error,
        kind: Kind::Agreement,
        summary_zh: "协议中同一事项出现两次",
        summary_en: "an item is listed twice in an agreement",
        doc: Doc {
            what: Text {
                zh: "报告规范化后的名称（或基本编码）已列出过的协议事项（`items`）。",
                en: "Reports an agreed item (`items`) whose normalised name (or 基本编码) is already listed.",
            },
            why: Text {
                zh: "该事项会在覆盖情况中被计算两次，两个条目还可能写了不同的办理模式；到底以哪个为准，就只能靠猜了。",
                en: r#"The item would be counted twice in the coverage, and its two entries may give different
modes; which one holds is then anyone's guess."#,
            },
            example: Sample::yaml(
                r#"
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
  - {name: 《购房提取住房公积金》, modes: [全程网办]}
"#,
            ),
            instead: Sample::yaml(
                r#"
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// The agreement-file checks, sorted by code.
pub static CHECKS: &[&Def] = &[&DUPLICATE_MEMBER, &MEMBER_NOT_IN_TABLE, &DUPLICATE_ITEM];

fn finding(def: &Def, doc: &Document, source: &Source, pointer: &str, message: String) -> Finding {
    Finding::new(def.check, message, doc.locate(pointer, &source.text)).with_pointer(pointer)
}

/// Runs the agreement checks on a document that passed the agreement schema: members listed
/// twice, member codes not in the division table, items listed twice.
pub(crate) fn check(doc: &Document, source: &Source, lang: Lang, out: &mut Vec<Finding>) {
    let v = &doc.value;
    let members = v
        .get("members")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let Some(code) = m.get("code").and_then(Value::as_str) else {
            continue;
        };
        let pointer = format!("/members/{i}/code");
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == code) {
            let first_at = doc.locate(&format!("/members/{first}/code"), &source.text);
            out.push(
                finding(
                    &DUPLICATE_MEMBER,
                    doc,
                    source,
                    &pointer,
                    match lang {
                        Lang::Zh => format!("成员区划 {code} 已在第 {} 个成员中列出", first + 1),
                        Lang::En => format!("member region {code} is already member {}", first + 1),
                    },
                )
                .with_related(first_at, lang.pick("第一次列出", "first listed here")),
            );
        } else {
            seen.push((code, i));
        }
        if regions::name(code).is_none() {
            let parent = regions::ancestors(code)
                .find_map(|c| regions::name(&c).map(|n| format!("{c} {n}")));
            let mut f = finding(
                &MEMBER_NOT_IN_TABLE,
                doc,
                source,
                &pointer,
                match lang {
                    Lang::Zh => format!("区划代码 {code} 不在内置区划表中"),
                    Lang::En => format!("region code {code} is not in the bundled division table"),
                },
            );
            if let Some(p) = parent {
                f = f.with_help(match lang {
                    Lang::Zh => format!("按代码推出的上级区划：{p}；请核对代码"),
                    Lang::En => format!("the code's parent by the hierarchy: {p}; check the code"),
                });
            }
            out.push(f);
        }
    }
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut keys: Vec<(String, usize)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(name) = it.get("name").and_then(Value::as_str) else {
            continue;
        };
        let key = match it.get("basic_code").and_then(Value::as_str) {
            Some(c) => c.to_ascii_uppercase(),
            None => normalize(name),
        };
        if let Some((_, first)) = keys.iter().find(|(k, _)| *k == key) {
            let first_at = doc.locate(&format!("/items/{first}/name"), &source.text);
            out.push(
                finding(
                    &DUPLICATE_ITEM,
                    doc,
                    source,
                    &format!("/items/{i}/name"),
                    match lang {
                        Lang::Zh => format!("事项“{name}”已在第 {} 项列出", first + 1),
                        Lang::En => format!("item “{name}” is already item {}", first + 1),
                    },
                )
                .with_related(first_at, lang.pick("第一次列出", "first listed here")),
            );
        } else {
            keys.push((key, i));
        }
    }
}
