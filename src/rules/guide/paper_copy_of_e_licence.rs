//! TB215: an electronic licence asked for as a paper copy (电子证照互认).

use super::form_name_without_title_marks::is_form;
use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB215 paper-copy-of-e-licence.
pub(super) struct PaperCopyOfELicence;

static DEF: Def = Def {
    check: Check {
        code: "TB215",
        name: "paper-copy-of-e-licence",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "可调取电子证照的材料仍要求纸质复印件",
        summary_en: "an electronic licence is asked for as a paper copy",
        doc: Doc {
            what: Text {
                zh: "识别电子证照目录（`catalogs/e-licences.yaml`，或 `tongban.toml` 中 `e-licences` 指定的文件）中的证照类材料：居民身份证、户口簿、社会保障卡、出生医学证明、营业执照、结婚证……并报告要求提交纸质件的情况——`medium: 纸质`、`original` 写明复印件，或 `photocopies`（复印件份数）大于 0——除非 `source_channel` 为电子证照库调取、`medium` 为电子证照，或 `exempt_with_e_licence`（已关联电子证照的可免提交）为 true。与证照有关的表格（《社保卡申领表》）不是证照本身，不报告。",
                en: r#"Recognises materials that are licences in the e-licence catalogue (`catalogs/e-licences.yaml`,
or the file named by `e-licences` in `tongban.toml`): 居民身份证, 户口簿, 社会保障卡,
出生医学证明, 营业执照, 结婚证 … and reports one that is asked for on paper — `medium: 纸质`,
`original` naming a 复印件, or `photocopies` (复印件份数) above 0 — unless `source_channel` is
电子证照库调取, `medium` is 电子证照, or `exempt_with_e_licence` (已关联电子证照的可免提交) is
true. Forms about a licence (《社保卡申领表》) are not
the licence and are not reported."#,
            },
            why: Text {
                zh: "《国务院办公厅关于加快推进电子证照扩大应用领域和全国互通互认的意见》（国办发〔2022〕3号）要求常用证照全国范围内电子化签发、互通互认，让申请人不再复印政府自己签发的证件。对这类证照要求纸质复印件，就错过了减证便民的机会，也给跨省通办的申请人设置了障碍。",
                en: r#"《国务院办公厅关于加快推进电子证照扩大应用领域和全国互通互认的意见》（国办发〔2022〕3号）
asks that common licences be issued and accepted electronically nationwide, so that applicants
no longer photocopy documents the government itself issued. A paper copy requirement for
such a licence is a 减证便民 opportunity missed, and a barrier for 跨省通办 applicants."#,
            },
            example: Sample::yaml(
                r#"
materials:
  - name: 居民身份证
    original: 复印件
    medium: 纸质
"#,
            ),
            instead: Sample::yaml(
                r#"
materials:
  - name: 居民身份证
    medium: 电子
    source_channel: 电子证照库调取
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for PaperCopyOfELicence {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (pointer, m) in cx.materials() {
            let Some(name) = m.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            let field = |k: &str| m.get(k).and_then(|v| v.as_str());
            // 《社保卡申领表》 is a form about the licence, not the licence.
            if is_form(name, field("category")) {
                continue;
            }
            let Some(licence) = cx.data.licences.find(name) else {
                continue;
            };
            if field("source_channel") == Some("电子证照库调取")
                || field("medium") == Some("电子证照")
                || m.get("exempt_with_e_licence").and_then(|v| v.as_bool()) == Some(true)
            {
                continue;
            }
            let paper = if field("medium") == Some("纸质") {
                Some("medium")
            } else if field("original").is_some_and(|o| o.contains("复印件")) {
                Some("original")
            } else if m
                .get("photocopies")
                .and_then(|v| v.as_f64())
                .is_some_and(|n| n > 0.0)
            {
                Some("photocopies")
            } else {
                None
            };
            if let Some(key) = paper {
                let lic = &licence.name;
                out.push(
                    cx.finding(
                        &DEF,
                        &format!("{pointer}/{key}"),
                        format!("“{name}”是可全国互通互认的电子证照（{lic}），不宜要求提交纸质材料"),
                        format!(
                            "`{name}` is an electronic licence recognised nationwide ({lic}); do not ask for a paper copy"
                        ),
                    )
                    .with_help(cx.pick(
                        "改为 source_channel: 电子证照库调取（或 medium: 电子），由窗口通过电子证照库核验",
                        "use source_channel: 电子证照库调取 (or medium: 电子) and check it in the e-licence system",
                    )),
                );
            }
        }
    }
}
