//! TB223: an item that charges gives its fee basis and standard.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB223 fee-without-basis.
pub(super) struct FeeWithoutBasis;

static DEF: Def = Def {
    check: Check {
        code: "TB223",
        name: "fee-without-basis",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "收费事项未填写收费依据或收费标准",
        summary_en: "an item that charges gives no fee basis or fee standard",
        doc: Doc {
            what: Text {
                zh: "当 `fee.is_fee` 为 `true`（是否收费：是）时，报告缺少 `fee.basis`（收费依据）和缺少 `fee.standard`（收费标准）的情况。反过来——不收费却写了依据——由 TB212 检查。",
                en: r#"When `fee.is_fee` is `true` (是否收费：是), reports a missing `fee.basis` (收费依据) and a
missing `fee.standard` (收费标准). The converse — a free item with a basis — is TB212."#,
            },
            why: Text {
                zh: "没有法律依据的收费无法对照行政事业性收费目录核查，没有收费标准则让申请人只能猜金额。国家政务服务平台交换表把 `is_fee` 与 `fee_basis` 配对；浙江政务服务网上温州市本级事项的一个公开检查工具报告“是否收费为是，则需填写收费依据、是否支持网上支付、收费项目名称、收费标准”。",
                en: r#"A fee without its legal basis cannot be checked against the 行政事业性收费 catalogue, and a
fee without its standard leaves applicants guessing the amount. The exchange table of the
national 政务服务平台 pairs `is_fee` with `fee_basis`; a public checker of 温州市本级 事项 on
浙江政务服务网 reports "是否收费为是，则需填写收费依据、是否支持网上支付、收费项目名称、收费标准"."#,
            },
            example: Sample::yaml(
                r#"
fee:
  is_fee: true
"#,
            ),
            instead: Sample::yaml(
                r#"
fee:
  is_fee: true
  basis: 《国家发展改革委 财政部关于……收费标准的通知》
  standard: 每件 10 元
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for FeeWithoutBasis {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.get("/fee/is_fee").and_then(|v| v.as_bool()) != Some(true) {
            return;
        }
        let missing: Vec<(&str, &str, &str)> = [
            ("basis", "收费依据", "fee basis"),
            ("standard", "收费标准", "fee standard"),
        ]
        .into_iter()
        .filter(|(key, _, _)| cx.get(&format!("/fee/{key}")).is_none())
        .collect();
        if missing.is_empty() {
            return;
        }
        let zh: Vec<&str> = missing.iter().map(|m| m.1).collect();
        let en: Vec<&str> = missing.iter().map(|m| m.2).collect();
        out.push(
            cx.finding(
                &DEF,
                "/fee/is_fee",
                format!("事项收费（is_fee: true），但没有填写{}", zh.join("和")),
                format!(
                    "the item charges (is_fee: true) but gives no {}",
                    en.join(" and no ")
                ),
            )
            .with_help(cx.pick(
                "在 fee.basis 写收费依据（文件名称和文号），在 fee.standard 写收费项目和金额",
                "give the legal basis in fee.basis and the amounts in fee.standard",
            )),
        );
    }
}
