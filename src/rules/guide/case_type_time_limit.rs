//! TB220: 即办件 ⇔ 承诺时限 即办 (0 days).

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB220 case-type-time-limit.
pub(super) struct CaseTypeTimeLimit;

static DEF: Def = Def {
    check: Check {
        code: "TB220",
        name: "case-type-time-limit",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "办件类型与承诺办结时限不一致（即办件应即办，承诺件不应为即办）",
        summary_en: "case type disagrees with the promised time limit (即办件 is 0 days, 承诺件 is not)",
        doc: Doc {
            what: Text {
                zh: "比较 `case_type`（办件类型）与 `time_limit.promised_days`（承诺办结时限，0 = 即办）：承诺时限大于 0 天的即办件、承诺时限为 0 天的承诺件，都会被报告。两者缺一的指南不检查。",
                en: r#"Compares `case_type` (办件类型) with `time_limit.promised_days` (承诺办结时限, 0 = 即办):
a 即办件 with a promised limit above 0 days, and a 承诺件 with a promised limit of 0 days,
are reported. Guides that leave either out are not checked."#,
            },
            why: Text {
                zh: "即办件当场办结，承诺件在承诺时限内办结（国家政务服务平台交换表中前者对应 `project_type`，后者对应 `promise_day`）。两者不一致时，申请人不知道该在窗口等候还是改日再来。浙江政务服务网上温州市本级事项的一个公开检查工具执行的正是同一对规则：“承诺办结时间为即办，办件类型必须为即办件”和“承诺办结时间非即办，办件类型必须为承诺件”。",
                en: r#"A 即办件 is settled on the spot and a 承诺件 within the promised limit (the exchange table of
the national 政务服务平台 has `project_type` for the one and `promise_day` for the other).
When they disagree, applicants do not know whether to wait at the window or come back. A public
checker of 温州市本级 事项 on 浙江政务服务网 enforces the same pair: "承诺办结时间为即办，
办件类型必须为即办件" and "承诺办结时间非即办，办件类型必须为承诺件"."#,
            },
            example: Sample::yaml(
                r#"
case_type: 即办件
time_limit:
  promised_days: 5
"#,
            ),
            instead: Sample::yaml(
                r#"
case_type: 承诺件
time_limit:
  promised_days: 5
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for CaseTypeTimeLimit {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (Some(kind), Some(days)) = (
            cx.str("/case_type"),
            cx.get("/time_limit/promised_days").and_then(|v| v.as_f64()),
        ) else {
            return;
        };
        let related = || cx.doc.locate("/case_type", &cx.source.text);
        if kind == "即办件" && days > 0.0 {
            out.push(
                cx.finding(
                    &DEF,
                    "/time_limit/promised_days",
                    format!("即办件的承诺办结时限应为即办（0），实际为 {days} 天"),
                    format!("a 即办件 is settled on the spot (0 days), but the promised limit is {days} days"),
                )
                .with_related(related(), cx.pick("办件类型为即办件", "case type 即办件"))
                .with_help(cx.pick(
                    "当场办结的把承诺时限改为 0；需要数天的把办件类型改为承诺件",
                    "set the promised limit to 0 if it is settled on the spot, or make it a 承诺件",
                )),
            );
        } else if kind == "承诺件" && days == 0.0 {
            out.push(
                cx.finding(
                    &DEF,
                    "/case_type",
                    "承诺办结时限为即办（0 天），办件类型却是承诺件".into(),
                    "the promised limit is 0 days (即办) but the case type is 承诺件".into(),
                )
                .with_related(
                    cx.doc.locate("/time_limit/promised_days", &cx.source.text),
                    cx.pick("承诺时限为 0", "promised limit 0"),
                )
                .with_help(cx.pick(
                    "当场办结的事项办件类型应为即办件",
                    "an item settled on the spot is a 即办件",
                )),
            );
        }
    }
}
