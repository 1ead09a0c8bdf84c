//! TB209: the same material listed twice (after normalising its name).

use std::collections::HashMap;

use super::{Context, Def, Rule};
use crate::diagnostic::{Check, Finding, Severity};

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
Normalises each material name — NFKC (full-width → half-width), without 《》〈〉 and quotes,
without whitespace and trailing punctuation, then through the material synonyms dictionary that
`tongban diff` uses (`synonyms` in `tongban.toml`, else `materials.yaml` at the root of a folder
linted, else the bundled `catalogs/materials.yaml`; entries limited to some `items` apply only
to those items) — and reports a material whose normalised name *and* 适用情形 (`condition`)
equal those of an earlier one.

## Why is this bad?
A duplicated material makes the list longer than it is: applicants prepare the same document
twice, and comparisons across regions count it twice. The same name under different
conditions (`condition`) is legitimate and not reported.

## Example
```yaml
materials:
  - name: 《合伙协议》
  - name: 合伙协议。
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
```
"#,
    supersedes: &[],
};

impl Rule for DuplicateMaterial {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen: HashMap<(String, String), String> = HashMap::new();
        let item = cx
            .str("/item/name")
            .map(super::names::normalize_material_name)
            .unwrap_or_default();
        let code = cx.str("/item/basic_code").map(str::to_ascii_uppercase);
        for (pointer, m) in cx.materials() {
            let Some(name) = m.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            let norm = super::names::normalize_material_name(name);
            let canonical = match cx.data.synonyms.canonical(&item, code.as_deref(), &norm) {
                Some(c) => super::names::normalize_material_name(c),
                None => norm,
            };
            let key = (
                canonical,
                m.get("condition")
                    .and_then(|v| v.as_str())
                    .map(super::names::normalize_material_name)
                    .unwrap_or_default(),
            );
            let name_ptr = format!("{pointer}/name");
            if let Some(first) = seen.get(&key) {
                let first_span = cx.doc.locate(first, &cx.source.text);
                out.push(
                    cx.finding(
                        &DEF,
                        &name_ptr,
                        format!("申请材料“{name}”与前面的材料重复（规范化后均为“{}”）", key.0),
                        format!(
                            "material `{name}` repeats an earlier one (both normalise to `{}`)",
                            key.0
                        ),
                    )
                    .with_related(first_span, cx.pick("第一次出现", "first listed here"))
                    .with_help(cx.pick(
                        "删除重复项；如适用情形不同，请在 condition 中写明",
                        "remove the duplicate; if it applies in another situation, say so in `condition`",
                    )),
                );
            } else {
                seen.insert(key, name_ptr);
            }
        }
    }
}
