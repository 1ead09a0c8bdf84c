//! The checks of an agreement file (TB503–TB505): declared here, below everything that uses
//! them; `crate::agreement` runs them. Listed in [`CHECKS`].

use super::Def;
use crate::diagnostic::{Kind, Severity};

/// TB503: a member region listed twice.
pub static DUPLICATE_MEMBER: Def = Def {
    check: crate::diagnostic::Check {
        code: "TB503",
        name: "duplicate-member",
        severity: Severity::Error,
        kind: Kind::Agreement,
        summary_zh: "协议中同一成员区划出现两次",
        summary_en: "a member region is listed twice in an agreement",
        doc: r#"## What it does
Reports a member of an agreement (`members`) whose region code is already listed.

## Why is this bad?
Coverage counts each member once; a repeated code is a copy-paste slip that hides the member
that was meant (a neighbouring county, another city).

## Example
```yaml
members:
  - {code: "320300", name: 徐州市}
  - {code: "320300", name: 宿迁市}
```

## Use instead
```yaml
members:
  - {code: "320300", name: 徐州市}
  - {code: "321300", name: 宿迁市}
```
"#,
        doc_zh: Some(
            r#"## 作用
报告协议成员（`members`）中区划代码已列出过的成员。

## 原因
覆盖情况对每个成员只计一次；重复的代码是复制粘贴的疏忽，会把本想写的成员（相邻的县、另一个市）掩盖掉。

## 示例
```yaml
members:
  - {code: "320300", name: 徐州市}
  - {code: "320300", name: 宿迁市}
```

## 改为
```yaml
members:
  - {code: "320300", name: 徐州市}
  - {code: "321300", name: 宿迁市}
```
"#,
        ),
        fixes: &[],
    },
    supersedes: &[],
};

/// TB504: a member code the bundled division table does not know.
pub static MEMBER_NOT_IN_TABLE: Def = Def {
    check: crate::diagnostic::Check {
        code: "TB504",
        name: "member-region-not-in-table",
        severity: Severity::Info,
        kind: Kind::Agreement,
        summary_zh: "成员区划代码不在内置区划表中",
        summary_en: "member region code is not in the bundled division table",
        doc: r#"## What it does
Reports a member whose 6-digit code is not in tongban's division table: the GB/T 2260 codes of
every province-, prefecture- and county-level division in the 国家统计局 2023 统计用区划代码
(`src/data/divisions.tsv`), plus `100000 全国` and the names the bundled data uses.

## Why is this bad?
A code the table does not know is mistyped, or newer than mid-2023 (divisions are reorganised
and renumbered). A mistyped code silently makes a member that no guide can ever cover. Check the
code against the current 统计用区划代码; when it is right and new, add it to
`src/data/divisions.tsv`.

## Example
```yaml
members:
  - {code: "320399", name: 徐州市}
```

## Use instead
```yaml
members:
  - {code: "320300", name: 徐州市}
```
"#,
        doc_zh: Some(
            r#"## 作用
报告 6 位代码不在 tongban 区划代码表中的成员。该表收录国家统计局 2023 年统计用区划代码中全部省级、地级和县级区划的 GB/T 2260 代码（`src/data/divisions.tsv`），另加 `100000 全国` 以及内置数据使用的名称。

## 原因
代码表不认识的代码，要么录错了，要么晚于 2023 年年中（区划会调整和重新编码）。录错的代码会悄悄造出一个任何指南都覆盖不了的成员。请对照现行统计用区划代码核对；代码正确且是新设的，请把它加入 `src/data/divisions.tsv`。

## 示例
```yaml
members:
  - {code: "320399", name: 徐州市}
```

## 改为
```yaml
members:
  - {code: "320300", name: 徐州市}
```
"#,
        ),
        fixes: &[],
    },
    supersedes: &[],
};

/// TB505: an item listed twice.
pub static DUPLICATE_ITEM: Def = Def {
    check: crate::diagnostic::Check {
        code: "TB505",
        name: "duplicate-agreed-item",
        severity: Severity::Error,
        kind: Kind::Agreement,
        summary_zh: "协议中同一事项出现两次",
        summary_en: "an item is listed twice in an agreement",
        doc: r#"## What it does
Reports an agreed item (`items`) whose normalised name (or 基本编码) is already listed.

## Why is this bad?
The item would be counted twice in the coverage, and its two entries may give different
modes; which one holds is then anyone's guess.

## Example
```yaml
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
  - {name: 《购房提取住房公积金》, modes: [全程网办]}
```

## Use instead
```yaml
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
```
"#,
        doc_zh: Some(
            r#"## 作用
报告规范化后的名称（或基本编码）已列出过的协议事项（`items`）。

## 原因
该事项会在覆盖情况中被计算两次，两个条目还可能写了不同的办理模式；到底以哪个为准，就只能靠猜了。

## 示例
```yaml
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
  - {name: 《购房提取住房公积金》, modes: [全程网办]}
```

## 改为
```yaml
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
```
"#,
        ),
        fixes: &[],
    },
    supersedes: &[],
};

/// The agreement-file checks, sorted by code.
pub static CHECKS: &[&Def] = &[&DUPLICATE_MEMBER, &MEMBER_NOT_IN_TABLE, &DUPLICATE_ITEM];
