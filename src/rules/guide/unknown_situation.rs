//! TB219: materials name only situations (情形) the guide declares, and each is declared once.

use serde_json::Value;

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB219 unknown-situation.
pub(super) struct UnknownSituation;

static DEF: Def = Def {
    check: Check {
        code: "TB219",
        name: "unknown-situation",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "材料引用了未声明的办理情形，或情形重复声明",
        summary_en: "a material names a situation the guide does not declare, or a situation is declared twice",
        doc: Doc {
            what: Text {
                zh: "读取顶层的 `situations`（办理情形：首次申领、补领、跨省通办……），报告材料的 `situations` 中未在此声明的每个名称，以及被声明了不止一次的每个情形名称。",
                en: r#"Reads the top-level `situations` (办理情形: 首次申领, 补领, 跨省通办 …) and reports each
name in a material's `situations` that is not declared there, and each situation name
declared more than once."#,
            },
            why: Text {
                zh: "情形用来给材料分组：材料写了未声明的情形，就不适用于申请人能选择的任何情形，于是对所有人都悄悄从清单中消失了（常见的是笔误，如把首次申领写成首次申请）。已公布的指南就是这样组织材料的：福建门户在 `materialClass.situationTitle`（如首次申请）下返回每组材料，浙江政务服务网每种情形显示一组材料，台州的结婚登记指南（http://m.tz.bendibao.com/live/19641.shtm）为全省通办和跨省通办列出不同的材料。",
                en: r#"Situations group materials: a material that names an undeclared situation applies to no
situation an applicant can choose, so it silently drops out of the list for everyone (often
a typo such as 首次申请 for 首次申领). Published guides organise materials this way: 福建's
portal returns each material group under `materialClass.situationTitle` (e.g. 首次申请),
浙江政务服务网 shows one material block per 情形, and 台州's 结婚登记 guide
(http://m.tz.bendibao.com/live/19641.shtm) lists different materials for 全省通办 and 跨省通办."#,
            },
            example: Sample::yaml(
                r#"
situations:
  - name: 首次申领
materials:
  - name: 居民身份证
    situations: [首次申请]
"#,
            ),
            instead: Sample::yaml(
                r#"
situations:
  - name: 首次申领
materials:
  - name: 居民身份证
    situations: [首次申领]
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for UnknownSituation {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let situations = cx.get("/situations").and_then(Value::as_array);
        let declared: Vec<&str> = situations
            .into_iter()
            .flatten()
            .filter_map(|s| s.get("name")?.as_str())
            .collect();
        for (i, name) in declared.iter().enumerate() {
            if declared[..i].contains(name) {
                out.push(
                    cx.finding(
                        &DEF,
                        &format!("/situations/{i}/name"),
                        format!("办理情形“{name}”重复声明"),
                        format!("situation `{name}` is declared more than once"),
                    )
                    .with_help(cx.pick(
                        "每个情形只声明一次；不同情形请用不同名称",
                        "declare each situation once; give different situations different names",
                    )),
                );
            }
        }
        for (pointer, m) in cx.materials() {
            let Some(names) = m.get("situations").and_then(Value::as_array) else {
                continue;
            };
            let material = m.get("name").and_then(Value::as_str).unwrap_or("?");
            for (j, name) in names.iter().enumerate() {
                let Some(name) = name.as_str() else { continue };
                if declared.contains(&name) {
                    continue;
                }
                let (zh, en) = if declared.is_empty() {
                    (
                        format!(
                            "材料“{material}”引用了办理情形“{name}”，但指南没有在顶层 situations 中声明任何情形"
                        ),
                        format!(
                            "material `{material}` names situation `{name}`, but the guide declares no situations"
                        ),
                    )
                } else {
                    (
                        format!("材料“{material}”引用的办理情形“{name}”未在顶层 situations 中声明"),
                        format!(
                            "material `{material}` names situation `{name}`, which the guide does not declare"
                        ),
                    )
                };
                out.push(
                    cx.finding(&DEF, &format!("{pointer}/situations/{j}"), zh, en)
                        .with_help(format!(
                            "{}{}",
                            cx.pick("已声明的情形：", "declared situations: "),
                            listed(&declared, cx)
                        )),
                );
            }
        }
    }
}

/// The declared names, each once, for a help text.
fn listed(declared: &[&str], cx: &Context<'_>) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for name in declared {
        if !unique.contains(name) {
            unique.push(name);
        }
    }
    if unique.is_empty() {
        cx.pick("（未声明任何情形）", "(none declared)").to_owned()
    } else {
        unique.join(cx.pick("、", ", "))
    }
}
