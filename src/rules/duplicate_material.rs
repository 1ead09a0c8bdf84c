//! TB209: the same requirement listed twice, read as `tongban diff` reads materials (a compound
//! is its pieces; qualifiers, roles and the ontology's variants do not make a new requirement).

use std::collections::HashMap;
use std::sync::Arc;

use super::{Context, Def, Rule};
use crate::diagnostic::{Check, Finding, Severity};
use crate::requirement::{self, ItemRef, Piece, Reader, Reading};

/// TB209 duplicate-material.
pub struct DuplicateMaterial;

static DEF: Def = Def {
    check: Check {
        code: "TB209",
        name: "duplicate-material",
        severity: Severity::Warning,
        summary_zh: "申请材料重复",
        summary_en: "the same material is listed twice",
    },
    doc: r#"## What it does
Reads each material name as requirements, the way `tongban diff` compares them: a compound
(居民身份证、户口簿) is its pieces; the applicant's role, signing phrases, 原件/复印件, 有效 and a
place name in a form title are not part of the requirement; variants come from the document
ontology (the bundled `catalogs/documents.yaml`, extended by `synonyms` in `tongban.toml` or a
`documents.yaml` / `materials.yaml` at the root of a folder linted). It reports a material that
asks for a requirement an earlier material already asks for under the same 适用情形
(`condition`). `tongban material NAME` shows how a name is read.

## Why is this bad?
A duplicated material makes the list longer than it is: applicants prepare the same document
twice, and comparisons across regions count it twice. The same name under different
conditions (`condition`) is legitimate and not reported.

## Example
```yaml
materials:
  - name: 《合伙协议》
  - name: 合伙协议。
  - name: 夫妻双方居民身份证、结婚证
  - name: 结婚证复印件
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
  - name: 夫妻双方居民身份证、结婚证
```
"#,
    supersedes: &[],
};

impl Rule for DuplicateMaterial {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let item = cx
            .str("/item/name")
            .map(super::names::normalize_material_name)
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
                .map(super::names::normalize_material_name)
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
}
