//! TB306: 同一事项在各地区的设定依据不一致 (四级四同).

use serde_json::Value;

use super::cross::fold;
use super::{CrossRule, Def};
use crate::diagnostic::{Check, Severity};

/// TB306 inconsistent-legal-basis.
pub struct CrossLegalBasis;

static DEF: Def = Def {
    check: Check {
        code: "TB306",
        name: "inconsistent-legal-basis",
        severity: Severity::Warning,
        summary_zh: "同一事项在各地区的设定依据不一致",
        summary_en: "an item's legal basis differs between regions",
    },
    doc: r#"## What it does
A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on the set of 《》 titles cited in `legal_basis[].name` (设定依据), sorted; articles and local documents written without 《》 are ignored.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped.

## Why is this bad?
"四级四同": each 办理项 must have the same six basic elements — 事项名称、事项编码、事项类型、
主管部门、实施机关、设定和实施依据 — at 国家/省/市/县 level (shared/domain/README.md §1.3).
These are what 跨省通办 relies on to recognise one item in two regions. Everything else in a
guide may vary; these may not, unless the difference is deliberate and recorded (suppress the
finding with a reason).

## Example
Two guides of the same item, one of them (in catalogs/national/x.yaml) the baseline:
```yaml
legal_basis:
  - name: 《中华人民共和国合伙企业法》
  - name: 《合伙企业登记管理办法》
```

## Use instead
```yaml
legal_basis:
  - name: 《中华人民共和国合伙企业法》
```
"#,
    supersedes: &[],
};

impl CrossRule for CrossLegalBasis {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn pointer(&self) -> &'static str {
        "/legal_basis"
    }

    fn value(&self, v: &Value) -> Option<String> {
        titles(v)
    }

    fn title(&self) -> &'static str {
        "设定依据"
    }

    fn title_en(&self) -> &'static str {
        "legal basis"
    }
}

fn titles(v: &Value) -> Option<String> {
    let mut titles: Vec<String> = Vec::new();
    for basis in v.pointer("/legal_basis")?.as_array()? {
        let Some(name) = basis.get("name").and_then(Value::as_str) else {
            continue;
        };
        for part in name.split('《').skip(1) {
            if let Some((title, _)) = part.split_once('》')
                && !title.is_empty()
            {
                titles.push(format!("《{}》", fold(title)));
            }
        }
    }
    titles.sort();
    titles.dedup();
    Some(titles.join("、"))
}
