//! TB305: 同一事项在各地区的实施机关（去掉地名后）不一致 (四级四同).

use serde_json::Value;

use crate::diagnostic::{Check, Kind, Severity};
use crate::rules::rule::{CrossRule, Def};

/// TB305 inconsistent-implementing-agency.
pub struct CrossImplementingAgency;

static DEF: Def = Def {
    check: Check {
        code: "TB305",
        name: "inconsistent-implementing-agency",
        severity: Severity::Info,
        kind: Kind::CrossRegion,
        summary_zh: "同一事项在各地区的实施机关（去掉地名后）不一致",
        summary_en: "an item's implementing agency (without the place name) differs between regions",
        doc: r#"## What it does
A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on `department` (实施主体/实施机关) *without its place names*: the guide's region and every division above it (from `region.code`: 河北省, 石家庄市, 赵县, with short forms such as 河北), its `region.name`, 国家 and 全国 are stripped from the front, so 湖南省市场监督管理局 and 河北省赵县市场监督管理局 both compare as 市场监督管理局. When none of these leads the name, a generic pattern (2–7 characters ending in 省/市/区/县/州/盟/旗) is stripped instead. The national baseline does not take part (national bodies are named 总局, 部 …). Because names of agencies vary legitimately (a 中心 in one city, a 局 in another), the rule is `info` by default.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped.

## Why is this bad?
"四级四同": each 办理项 must have the same six basic elements — 事项名称、事项编码、事项类型、
主管部门、实施机关、设定和实施依据 — at 国家/省/市/县 level (a 2022 provincial work-flow document on 政务服务事项 splitting, https://1wenmi.com/doc/133489.html; the term is used by 湖北 鄂政办发〔2020〕64号).
These are what 跨省通办 relies on to recognise one item in two regions. Everything else in a
guide may vary; these may not, unless the difference is deliberate and recorded (suppress the
finding with a reason).

## Example
Two guides of the same item, one of them (in catalogs/national/x.yaml) the baseline:
```yaml
region:
  code: "430000"
  name: 湖南省
department: 湖南省工商行政管理局
```

## Use instead
```yaml
region:
  code: "430000"
  name: 湖南省
department: 湖南省市场监督管理局
```
"#,
        doc_zh: None,
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
