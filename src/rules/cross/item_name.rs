//! TB301: 同一事项在各地区的事项名称不一致 (四级四同).

use crate::diagnostic::{Check, Kind, Severity};
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
        doc: r#"## What it does
A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on `item.name` (事项名称), folded (NFKC, no whitespace), among guides that share a 基本编码.
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
item:
  name: 合伙企业登记
  basic_code: "000115015005"
```

## Use instead
```yaml
item:
  name: 合伙企业设立登记
  basic_code: "000115015005"
```
"#,
        doc_zh: Some(
            r#"## 作用
跨地区规则：能看到一次运行中的全部指南。同一事项的指南——基本编码相同或事项名称相同——按 `item.name`（事项名称）比较，比较前统一写法（NFKC，去掉空白），只在基本编码相同的指南之间比较。
有国家基准（`region.code: "100000"`）时以其取值为参照；否则以最常见的取值为参照（并列时取按路径顺序最先遇到的值）。与参照不同的指南会被报告，消息中列出与参照一致的文件。未写该要素的指南跳过。

## 原因
“四级四同”：每个办理项在国家、省、市、县四级的六个基本要素——事项名称、事项编码、事项类型、主管部门、实施机关、设定和实施依据——必须相同（2022 年某省政务服务事项拆分工作流程文件，https://1wenmi.com/doc/133489.html；湖北鄂政办发〔2020〕64号使用了这一提法）。跨省通办正是靠这些要素在两个地区认出同一个事项。指南的其他内容可以不同，这些要素不可以，除非差异是有意为之并有记录（用抑制注释写明理由）。

## 示例
同一事项的两份指南，其中一份（catalogs/national/x.yaml）为基准：
```yaml
item:
  name: 合伙企业登记
  basic_code: "000115015005"
```

## 改为
```yaml
item:
  name: 合伙企业设立登记
  basic_code: "000115015005"
```
"#,
        ),
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
