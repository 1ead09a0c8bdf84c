//! TB222: an item with no visit and no online handling needs a postal channel.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB222 no-visit-no-channel.
pub(super) struct NoVisitNoChannel;

static DEF: Def = Def {
    check: Check {
        code: "TB222",
        name: "no-visit-no-channel",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "零跑动事项既不支持网办也不支持邮寄",
        summary_en: "an item with no visit is neither online nor postal",
        doc: Doc {
            what: Text {
                zh: "当 `handling.visits`（到办事现场次数）为 0 且 `handling.online`（是否网办）为 `false` 时，报告 `handling.express`（是否支持物流快递，即邮寄申请/邮寄送达）不为 `true` 的情况。",
                en: r#"When `handling.visits` (到办事现场次数) is 0 and `handling.online` (是否网办) is `false`,
reports that `handling.express` (是否支持物流快递, i.e. 邮寄申请/邮寄送达) is not `true`."#,
            },
            why: Text {
                zh: "申请人既不到窗口、又不能网上申请，就只能邮寄申请；没有邮寄渠道，指南承诺的就是做不到的事。浙江政务服务网上温州市本级事项的一个公开检查工具报告“到现场办事次数为0次事项并且不支持网办事项，办理形式需支持快递收件”。",
                en: r#"An applicant who never comes to the office and cannot apply online has to send the
application by post; without a postal channel the guide promises something impossible. A
public checker of 温州市本级 事项 on 浙江政务服务网 reports "到现场办事次数为0次事项并且不支持
网办事项，办理形式需支持快递收件"."#,
            },
            example: Sample::yaml(
                r#"
handling:
  visits: 0
  online: false
"#,
            ),
            instead: Sample::yaml(
                r#"
handling:
  visits: 0
  online: false
  express: true
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for NoVisitNoChannel {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let visits = cx.get("/handling/visits").and_then(|v| v.as_f64());
        let online = cx.get("/handling/online").and_then(|v| v.as_bool());
        let express = cx.get("/handling/express").and_then(|v| v.as_bool());
        if visits == Some(0.0) && online == Some(false) && express != Some(true) {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/online",
                    "到办事现场次数为 0 且不支持网上办理，但没有声明支持邮寄（express: true）"
                        .into(),
                    "no visit and no online handling, but no postal channel (express: true)".into(),
                )
                .with_related(
                    cx.doc.locate("/handling/visits", &cx.source.text),
                    cx.pick("到现场 0 次", "0 visits"),
                )
                .with_help(cx.pick(
                    "支持邮寄申请的写 express: true；否则到现场次数不应为 0",
                    "set express: true if applications can be posted; otherwise visits cannot be 0",
                )),
            );
        }
    }
}
