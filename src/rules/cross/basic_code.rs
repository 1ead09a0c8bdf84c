//! TB302: 同一事项在各地区的基本编码不一致 (四级四同).

use serde_json::Value;

use crate::diagnostic::{Check, Doc, Kind, Sample, Severity, Text};
use crate::rules::rule::{CrossRule, Def};

/// TB302 inconsistent-basic-code.
pub(super) struct CrossBasicCode;

static DEF: Def = Def {
    check: Check {
        code: "TB302",
        name: "inconsistent-basic-code",
        severity: Severity::Error,
        kind: Kind::CrossRegion,
        summary_zh: "同一事项在各地区的基本编码不一致",
        summary_en: "an item's basic code differs between regions",
        doc: Doc {
            what: Text {
                zh: r#"跨地区规则：能看到一次运行中的全部指南。同一事项的指南——基本编码相同或事项名称相同——按 `item.basic_code`（基本编码）比较，只在事项名称相同的指南之间比较。
有国家基准（`region.code: "100000"`）时以其取值为参照；否则以最常见的取值为参照（并列时取按路径顺序最先遇到的值）。与参照不同的指南会被报告，消息中列出与参照一致的文件。未写该要素的指南跳过。"#,
                en: r#"A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on `item.basic_code` (基本编码) among guides that share a 事项名称.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped."#,
            },
            why: super::FOUR_SAME,
            example: super::two_guides(
                r#"
item:
  name: 合伙企业设立登记
  basic_code: "000115015006"
"#,
            ),
            instead: Sample::yaml(
                r#"
item:
  name: 合伙企业设立登记
  basic_code: "000115015005"
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl CrossRule for CrossBasicCode {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn pointer(&self) -> &'static str {
        "/item/basic_code"
    }

    fn value(&self, v: &Value) -> Option<String> {
        Some(super::pass::item_code(
            crate::load::lookup(v, "/item/basic_code")?.as_str()?,
        ))
    }

    fn title(&self) -> &'static str {
        "基本编码"
    }

    fn title_en(&self) -> &'static str {
        "basic code"
    }
}
