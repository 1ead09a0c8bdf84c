//! TB305: 同一事项在各地区的实施机关（去掉地名后）不一致 (四级四同).

use serde_json::Value;

use crate::diagnostic::{Check, Doc, Kind, Sample, Severity, Text};
use crate::rules::rule::{CrossRule, Def};

/// TB305 inconsistent-implementing-agency.
pub(super) struct CrossImplementingAgency;

static DEF: Def = Def {
    check: Check {
        code: "TB305",
        name: "inconsistent-implementing-agency",
        severity: Severity::Info,
        kind: Kind::CrossRegion,
        summary_zh: "同一事项在各地区的实施机关（去掉地名后）不一致",
        summary_en: "an item's implementing agency (without the place name) differs between regions",
        doc: Doc {
            what: Text {
                zh: r#"跨地区规则：能看到一次运行中的全部指南。同一事项的指南——基本编码相同或事项名称相同——按*去掉地名后的* `department`（实施主体/实施机关）比较：从名称开头去掉指南所在地区及其各级上级区划（由 `region.code` 得出：河北省、石家庄市、赵县，以及河北这样的简称）、其 `region.name`、国家和全国，因此湖南省市场监督管理局和河北省赵县市场监督管理局都按市场监督管理局比较。开头不是这些地名时，改为去掉一个通用模式（以省/市/区/县/州/盟/旗结尾的 2–7 个字）。国家基准不参与比较（国家机关名为总局、部……）。由于机构名称的差异往往是正当的（一个城市叫中心，另一个叫局），本规则默认级别为 `info`。
有国家基准（`region.code: "100000"`）时以其取值为参照；否则以最常见的取值为参照（并列时取按路径顺序最先遇到的值）。与参照不同的指南会被报告，消息中列出与参照一致的文件。未写该要素的指南跳过。"#,
                en: r#"A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on `department` (实施主体/实施机关) *without its place names*: the guide's region and every division above it (from `region.code`: 河北省, 石家庄市, 赵县, with short forms such as 河北), its `region.name`, 国家 and 全国 are stripped from the front, so 湖南省市场监督管理局 and 河北省赵县市场监督管理局 both compare as 市场监督管理局. When none of these leads the name, a generic pattern (2–7 characters ending in 省/市/区/县/州/盟/旗) is stripped instead. The national baseline does not take part (national bodies are named 总局, 部 …). Because names of agencies vary legitimately (a 中心 in one city, a 局 in another), the rule is `info` by default.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped."#,
            },
            why: super::FOUR_SAME,
            example: super::two_guides(
                r#"
region:
  code: "430000"
  name: 湖南省
department: 湖南省工商行政管理局
"#,
            ),
            instead: Sample::yaml(
                r#"
region:
  code: "430000"
  name: 湖南省
department: 湖南省市场监督管理局
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl CrossRule for CrossImplementingAgency {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn pointer(&self) -> &'static str {
        "/department"
    }

    fn value(&self, v: &Value) -> Option<String> {
        Some(super::pass::agency_kind(
            crate::load::lookup(v, "/department")?.as_str()?,
            crate::load::lookup(v, "/region/name")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            crate::load::lookup(v, "/region/code")
                .and_then(Value::as_str)
                .unwrap_or_default(),
        ))
    }

    fn title(&self) -> &'static str {
        "实施机关"
    }

    fn title_en(&self) -> &'static str {
        "implementing agency"
    }

    fn compares_national(&self) -> bool {
        false
    }
}
