//! TB301: 同一事项在各地区的事项名称不一致 (四级四同).

use crate::diagnostic::{Check, Doc, Kind, Sample, Severity, Text};
use crate::rules::rule::{CrossRule, Def};

/// TB301 inconsistent-item-name.
pub(super) struct CrossItemName;

static DEF: Def = Def {
    check: Check {
        code: "TB301",
        name: "inconsistent-item-name",
        severity: Severity::Warning,
        kind: Kind::CrossRegion,
        summary_zh: "同一事项在各地区的事项名称不一致",
        summary_en: "an item's name differs between regions",
        doc: Doc {
            what: Text {
                zh: r#"跨地区规则：能看到一次运行中的全部指南。同一事项的指南——基本编码相同或事项名称相同——按 `item.name`（事项名称）比较，比较前统一写法（NFKC，去掉空白），只在基本编码相同的指南之间比较。
有国家基准（`region.code: "100000"`）时以其取值为参照；否则以最常见的取值为参照（并列时取按路径顺序最先遇到的值）。与参照不同的指南会被报告，消息中列出与参照一致的文件。未写该要素的指南跳过。"#,
                en: r#"A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on `item.name` (事项名称), folded (NFKC, no whitespace), among guides that share a 基本编码.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped."#,
            },
            why: super::FOUR_SAME,
            example: super::two_guides(
                r#"
item:
  name: 合伙企业登记
  basic_code: "000115015005"
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

impl CrossRule for CrossItemName {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn pointer(&self) -> &'static str {
        "/item/name"
    }

    fn title(&self) -> &'static str {
        "事项名称"
    }

    fn title_en(&self) -> &'static str {
        "item name"
    }
}
