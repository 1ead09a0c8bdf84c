//! TB201: 承诺办结时限 must not exceed 法定办结时限.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB201 promised-exceeds-legal.
pub(super) struct PromisedExceedsLegal;

static DEF: Def = Def {
    check: Check {
        code: "TB201",
        name: "promised-exceeds-legal",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "承诺办结时限超过法定办结时限",
        summary_en: "promised time limit exceeds the legal time limit",
        doc: Doc {
            what: Text {
                zh: "比较 `time_limit.promised_days`（承诺办结时限）与 `time_limit.legal_days`（法定办结时限），报告长于法定时限的承诺。考虑时限单位（`工作日`、`自然日`，默认 `工作日`）：单位相同时直接比较；以工作日计的承诺也与以自然日计的法定时限比较（工作日天数不会更短）。",
                en: r#"Compares `time_limit.promised_days` (承诺办结时限) with `time_limit.legal_days` (法定办结时限)
and reports a promise that is longer than the law allows. Units (`工作日`, `自然日`, default
`工作日`) are taken into account: the two are compared when the units are equal, and a promise
in 工作日 is also compared with a legal limit in 自然日 (a working-day count is never shorter)."#,
            },
            why: Text {
                zh: "承诺时限是办理机构自己作出的、快于法定时限的承诺；国家交换模式（`promise_day`、`anticipate_day`）和培训材料都写明“承诺时限不得超过法定时限”。更长的承诺不是录入错误，就是违法拖延。",
                en: r#"承诺时限 is the service's own commitment to be faster than the statutory limit; the national
exchange schema (`promise_day`, `anticipate_day`) and training material both state that
"承诺时限不得超过法定时限". A longer promise is a transcription error or an unlawful delay."#,
            },
            example: Sample::yaml(
                r#"
time_limit:
  legal_days: 15
  promised_days: 20
"#,
            ),
            instead: Sample::yaml(
                r#"
time_limit:
  legal_days: 15
  promised_days: 3
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for PromisedExceedsLegal {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (Some(legal), Some(promised)) = (
            cx.get("/time_limit/legal_days").and_then(|v| v.as_u64()),
            cx.get("/time_limit/promised_days").and_then(|v| v.as_u64()),
        ) else {
            return;
        };
        let legal_unit = cx.str("/time_limit/legal_unit").unwrap_or("工作日");
        let promised_unit = cx.str("/time_limit/promised_unit").unwrap_or("工作日");
        let comparable =
            legal_unit == promised_unit || (promised_unit == "工作日" && legal_unit == "自然日");
        if comparable && promised > legal {
            let lspan = cx.doc.locate("/time_limit/legal_days", &cx.source.text);
            out.push(
                cx.finding(
                    &DEF,
                    "/time_limit/promised_days",
                    format!(
                        "承诺办结时限 {promised} 个{promised_unit}超过法定办结时限 {legal} 个{legal_unit}"
                    ),
                    format!(
                        "promised time limit of {promised} {} exceeds the legal limit of {legal} {}",
                        unit_en(promised_unit),
                        unit_en(legal_unit)
                    ),
                )
                .with_related(lspan, cx.pick("法定办结时限", "legal time limit"))
                .with_help(cx.pick(
                    "承诺时限不得超过法定时限；请核对两个数值及其单位",
                    "the promise may not exceed the legal limit; check both numbers and their units",
                )),
            );
        }
    }
}

fn unit_en(unit: &str) -> &'static str {
    if unit == "自然日" {
        "calendar days"
    } else {
        "working days"
    }
}
