//! TB212: a free item (`is_fee: false`) gives no fee basis or standard and takes no online
//! payment.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB212 fee-basis-without-fee.
pub(super) struct FeeBasisWithoutFee;

static DEF: Def = Def {
    check: Check {
        code: "TB212",
        name: "fee-basis-without-fee",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "不收费事项填写了收费依据、收费标准或支持网上支付",
        summary_en: "a free item gives a fee basis or fee standard, or takes online payment",
        doc: Doc {
            what: Text {
                zh: "当 `fee.is_fee` 为 `false`（是否收费：否）时，报告写了 `fee.basis`（收费依据）、`fee.standard`（收费标准）或 `handling.online_payment: true`（是否支持网上支付：是）的情况。",
                en: r#"When `fee.is_fee` is `false` (是否收费：否), reports a `fee.basis` (收费依据), a
`fee.standard` (收费标准) and `handling.online_payment: true` (是否支持网上支付：是)."#,
            },
            why: Text {
                zh: "这些表述自相矛盾：要么事项不收费，既谈不上收费依据，也无需网上支付；要么事项收费，`is_fee` 写错了。申请人和好差评系统读的是 `is_fee`，工作人员读的是依据。国家政务服务平台交换表（`up_task_general_basic`）正因如此把 `is_fee` 与 `fee_basis` 配对；浙江政务服务网上温州市本级事项的一个公开检查工具也报告“如果不收费，不能支持网上支付”。",
                en: r#"The statements contradict each other: either the item is free and there is nothing to base a
fee on or to pay online, or it charges and `is_fee` is wrong. Applicants and the 好差评 system
read `is_fee`; officers read the basis. The exchange table of the national 政务服务平台
(`up_task_general_basic`) pairs `is_fee` with `fee_basis` for this reason, and a public
checker of 温州市本级 事项 on 浙江政务服务网 reports "如果不收费，不能支持网上支付"."#,
            },
            example: Sample::yaml(
                r#"
fee:
  is_fee: false
  basis: 《行政事业性收费标准管理办法》
"#,
            ),
            instead: Sample::yaml(
                r#"
fee:
  is_fee: false
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for FeeBasisWithoutFee {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.get("/fee/is_fee").and_then(|v| v.as_bool()) != Some(false) {
            return;
        }
        for (key, zh, en) in [
            ("basis", "收费依据", "fee basis"),
            ("standard", "收费标准", "fee standard"),
        ] {
            let pointer = format!("/fee/{key}");
            if cx.get(&pointer).is_some() {
                out.push(
                    cx.finding(
                        &DEF,
                        &pointer,
                        format!("事项不收费（is_fee: false），却填写了{zh}"),
                        format!("the item is free (is_fee: false) but gives a {en}"),
                    )
                    .with_related(
                        cx.doc.locate("/fee/is_fee", &cx.source.text),
                        cx.pick("此处声明不收费", "declared free here"),
                    )
                    .with_help(cx.pick(
                        "不收费则删除收费依据和标准；收费则把 is_fee 改为 true",
                        "remove the basis if the item is free, or set is_fee: true if it charges",
                    )),
                );
            }
        }
        if cx.get("/handling/online_payment").and_then(|v| v.as_bool()) == Some(true) {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/online_payment",
                    "事项不收费（is_fee: false），却声明支持网上支付".into(),
                    "the item is free (is_fee: false) but says it takes online payment".into(),
                )
                .with_related(
                    cx.doc.locate("/fee/is_fee", &cx.source.text),
                    cx.pick("此处声明不收费", "declared free here"),
                )
                .with_help(cx.pick(
                    "不收费事项删除 online_payment 或改为 false",
                    "remove online_payment or set it to false for a free item",
                )),
            );
        }
    }
}
