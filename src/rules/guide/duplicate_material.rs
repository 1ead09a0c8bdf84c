//! TB209: the same requirement listed twice, read as `tongban diff` reads materials (a compound
//! is its pieces; qualifiers, roles and the ontology's variants do not make a new requirement).

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::compare::requirement::{self, ItemRef, Piece, Reader, Reading};
use crate::diagnostic::{
    Applicability, Check, Doc, Edit, Finding, Fix, FixDoc, Kind, Sample, Severity, Text,
};
use crate::rules::rule::{Context, Def, Rule};

/// TB209 duplicate-material.
pub(super) struct DuplicateMaterial;

/// The fix of an exact duplicate.
const REMOVE_SAME: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "Removes the duplicate list entry (all its lines) when it says exactly what the first \
           one says: every other field equal, names equal after normalisation (NFKC, 《》, \
           trailing punctuation).",
    text_zh: "重复的材料条目与第一条完全相同（其他字段一致，名称规范化后相同：NFKC、《》、末尾标点）时，\
              删除该条目（含其全部行）。",
};

/// The fix of a duplicate that may say something the first entry does not.
const REMOVE_SYNONYM: FixDoc = FixDoc {
    applicability: Applicability::Unsafe,
    text: "Removes a duplicate found only through the synonyms dictionary, or one whose other \
           fields (necessity, copies …) differ from the first: check what the removed entry said.",
    text_zh: "删除仅经同义词词典认定的重复条目，或其他字段（是否必需、份数……）与第一条不同的重复条目：\
              请先核对被删条目写了什么。",
};

static DEF: Def = Def {
    check: Check {
        code: "TB209",
        name: "duplicate-material",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "申请材料重复",
        summary_en: "the same material is listed twice",
        doc: Doc {
            what: Text {
                zh: "像 `tongban diff` 比较材料那样，把每个材料名称读作若干项要求：组合材料（居民身份证、户口簿）拆为各组成部分；申请人身份、签署用语、原件/复印件、“有效”以及表格标题中的地名都不算要求的一部分；异名来自文书本体（内置的 `catalogs/documents.yaml`，可由 `tongban.toml` 中的 `synonyms` 或所检查文件夹根目录下的 `documents.yaml` / `materials.yaml` 扩充）。若某材料要求的内容在同一适用情形（`condition`）下已由前面的材料要求过，则报告该材料。`tongban material NAME` 可显示一个名称是如何被解读的。",
                en: r#"Reads each material name as requirements, the way `tongban diff` compares them: a compound
(居民身份证、户口簿) is its pieces; the applicant's role, signing phrases, 原件/复印件, 有效 and a
place name in a form title are not part of the requirement; variants come from the document
ontology (the bundled `catalogs/documents.yaml`, extended by `synonyms` in `tongban.toml` or a
`documents.yaml` / `materials.yaml` at the root of a folder linted). It reports a material that
asks for a requirement an earlier material already asks for under the same 适用情形
(`condition`). `tongban material NAME` shows how a name is read."#,
            },
            why: Text {
                zh: "重复的材料让清单显得比实际更长：申请人要把同一份文书准备两次，跨地区比较也会重复计数。同一名称在不同条件（`condition`）下出现是正当的，不报告。",
                en: r#"A duplicated material makes the list longer than it is: applicants prepare the same document
twice, and comparisons across regions count it twice. The same name under different
conditions (`condition`) is legitimate and not reported."#,
            },
            example: Sample::yaml(
                r#"
materials:
  - name: 《合伙协议》
  - name: 合伙协议。
  - name: 夫妻双方居民身份证、结婚证
  - name: 结婚证复印件
"#,
            ),
            instead: Sample::yaml(
                r#"
materials:
  - name: 《合伙协议》
  - name: 夫妻双方居民身份证、结婚证
"#,
            ),
        },
        fixes: &[REMOVE_SAME, REMOVE_SYNONYM],
    },
    supersedes: &[],
};

impl Rule for DuplicateMaterial {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let item = cx
            .str("/item/name")
            .map(crate::rules::names::normalize_material_name)
            .unwrap_or_default();
        let code = cx.str("/item/basic_code").map(str::to_ascii_uppercase);
        let reader = Reader::new(&cx.data.synonyms);
        let item = ItemRef {
            name: &item,
            code: code.as_deref(),
        };
        // Every listed material read as requirements, as `tongban diff` reads them.
        let mut listed: Vec<(String, &str, String, Arc<Reading>)> = Vec::new();
        for (pointer, m) in cx.materials() {
            let Some(name) = m.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            let condition = m
                .get("condition")
                .and_then(|v| v.as_str())
                .map(crate::rules::names::normalize_material_name)
                .unwrap_or_default();
            listed.push((
                format!("{pointer}/name"),
                name,
                condition,
                cx.data.readings.read(&reader, item, name),
            ));
        }
        let pieces: Vec<(usize, &Piece)> = listed
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.3.pieces.iter().map(move |p| (i, p)))
            .collect();
        let refs: Vec<&Piece> = pieces.iter().map(|(_, p)| *p).collect();
        let keys = requirement::assign(&refs);
        // (requirement, condition) → first material listing it.
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        let mut reported: Vec<usize> = Vec::new();
        for ((i, piece), (key, _)) in pieces.iter().zip(&keys) {
            let (name_ptr, name, condition, _) = &listed[*i];
            match seen.get(&(*key, condition.as_str())) {
                Some(&first) if first != *i && !reported.contains(i) => {
                    reported.push(*i);
                    let first_span = cx.doc.locate(&listed[first].0, &cx.source.text);
                    let requirement = &piece.name;
                    out.push(
                        cx.finding(
                            &DEF,
                            name_ptr,
                            format!(
                                "申请材料“{name}”与前面的“{}”是同一项要求（{requirement}）",
                                listed[first].1
                            ),
                            format!(
                                "material `{name}` asks for the same requirement ({requirement}) as `{}` above",
                                listed[first].1
                            ),
                        )
                        .with_related(first_span, cx.pick("第一次出现", "first listed here"))
                        .with_help(cx.pick(
                            "删除重复项；如适用情形不同，请在 condition 中写明（`tongban material` 显示名称的读法）",
                            "remove the duplicate; if it applies in another situation, say so in `condition` (`tongban material` shows how a name is read)",
                        )),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert((key, condition.as_str()), *i);
                }
            }
        }
    }

    /// Removes the duplicate entry's lines: safe when it says exactly what the first one says
    /// ([`REMOVE_SAME`]), unsafe otherwise ([`REMOVE_SYNONYM`]).
    fn fix(&self, f: &Finding, cx: &Context<'_>) -> Option<Fix> {
        let doc = cx.doc;
        let entry = f.pointer.strip_suffix("/name")?;
        let (list, index) = entry.rsplit_once('/')?;
        let index: usize = index.parse().ok()?;
        let materials = cx.get(list)?.as_array()?;
        let this = materials.get(index)?.as_object()?;
        let first_span = &f.related.first()?.span;
        let first = (0..index)
            .find(|j| {
                doc.node(&format!("{list}/{j}/name"))
                    .is_some_and(|n| &n.value == first_span)
            })
            .and_then(|j| materials.get(j)?.as_object())?;
        // Exact: names equal once normalised (NFKC, 《》, punctuation) and every other field equal.
        let name = |m: &Map<String, Value>| {
            m.get("name")
                .and_then(Value::as_str)
                .map(crate::data::normalize::normalize)
        };
        let others = |m: &Map<String, Value>| {
            let mut m = m.clone();
            m.remove("name");
            m
        };
        let exact = name(this) == name(first) && others(this) == others(first);
        let range = doc.entry_lines(entry, &cx.source.text)?;
        Some(Fix {
            edits: vec![Edit {
                range,
                replacement: String::new(),
            }],
            applicability: if exact {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            title: cx
                .pick("删除重复的材料", "remove the duplicate material")
                .to_owned(),
        })
    }
}
