//! TB221: a guide that requires visits says why.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB221 visits-without-reason.
pub(super) struct VisitsWithoutReason;

static DEF: Def = Def {
    check: Check {
        code: "TB221",
        name: "visits-without-reason",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "到办事现场次数不为 0，但未说明到现场的原因",
        summary_en: "the item requires visits but gives no reason",
        doc: Doc {
            what: Text {
                zh: "当 `handling.visits`（到办事现场次数）大于 0 时，报告缺少 `handling.visit_reason`（到现场原因说明）的情况。",
                en: r#"When `handling.visits` (到办事现场次数) is above 0, reports a missing
`handling.visit_reason` (到现场原因说明)."#,
            },
            why: Text {
                zh: "“最多跑一次”和跨省通办要求每一次跑现场都要由办理机构说明理由：国家政务服务平台的扩展表为此设有字段（办理现场办理原因说明），浙江政务服务网上温州市本级事项的一个公开检查工具也报告“到办事现场次数非0次事项需填写原因说明”。没有原因说明，申请人不知道跑这一趟是为了核验身份、签字还是交原件，审核人员也判断不了这次跑动能否取消。",
                en: r#""最多跑一次" and 跨省通办 make every visit something the office has to justify: the extension
table of the national 政务服务平台 has a field for it (办理现场办理原因说明), and a public
checker of 温州市本级 事项 on 浙江政务服务网 reports "到办事现场次数非0次事项需填写原因说明".
Without a reason, applicants cannot tell whether the visit is for identity checks, signatures
or originals, and reviewers cannot tell whether it could be removed."#,
            },
            example: Sample::yaml(
                r#"
handling:
  visits: 1
"#,
            ),
            instead: Sample::yaml(
                r#"
handling:
  visits: 1
  visit_reason: 需本人到场核验身份并签署声明
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for VisitsWithoutReason {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(n) = cx.get("/handling/visits").and_then(|v| v.as_f64()) else {
            return;
        };
        if n > 0.0 && cx.get("/handling/visit_reason").is_none() {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/visits",
                    format!("到办事现场次数为 {n}，但没有填写到现场原因说明（visit_reason）"),
                    format!("the item requires {n} visit(s) but gives no visit_reason"),
                )
                .with_help(cx.pick(
                    "在 handling.visit_reason 中说明为何必须到现场（如核验原件、现场签字）",
                    "say in handling.visit_reason why a visit is needed (checking originals, signing on site …)",
                )),
            );
        }
    }
}
