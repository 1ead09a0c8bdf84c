//! TB213: 到办事现场次数 is zero or more.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB213 negative-visits.
pub(super) struct NegativeVisits;

static DEF: Def = Def {
    check: Check {
        code: "TB213",
        name: "negative-visits",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "到办事现场次数为负数",
        summary_en: "number of visits is negative",
        doc: Doc {
            what: Text {
                zh: "报告为负数的 `handling.visits`（到办事现场次数，国家模式中的 `limit_scene_num`）。对该要素，它取代通用的范围检查结果（TB106）。",
                en: r#"Reports a negative `handling.visits` (到办事现场次数, `limit_scene_num` in the national
schema). It replaces the generic range finding (TB106) for that element."#,
            },
            why: Text {
                zh: "申请人必须到窗口的次数是个计数：0 表示全程网办（零跑动），1 表示最多跑一次。负数通常是用 `-1` 表示“未知”，而国家平台和好差评统计会把它当作次数读取。",
                en: r#"The number of times an applicant must go to the office is a count: 0 means fully online
(零跑动), 1 means 最多跑一次. A negative number is usually `-1` used as "unknown", which the
national platform and 好差评 statistics read as a count."#,
            },
            example: Sample::yaml(
                r#"
handling:
  visits: -1
"#,
            ),
            instead: Sample::yaml(
                r#"
handling:
  visits: 1
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &["TB106"],
};

impl Rule for NegativeVisits {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/handling/visits";
        let Some(n) = cx.get(pointer).and_then(|v| v.as_f64()) else {
            return;
        };
        if n < 0.0 {
            out.push(
                cx.finding(
                    &DEF,
                    pointer,
                    format!("到办事现场次数不能为负数（{n}）"),
                    format!("number of visits cannot be negative ({n})"),
                )
                .with_help(cx.pick(
                    "填写申请人需到现场的次数：0 表示全程网办，1 表示最多跑一次；未知时不填",
                    "give the number of visits: 0 = fully online, 1 = at most one visit; leave it out when unknown",
                )),
            );
        }
    }
}
