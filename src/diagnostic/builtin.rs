//! The built-in checks, one declaration each with its documentation: reading and parsing a file
//! (TB0xx), the schema (TB1xx), configuration and suppressions (TB4xx). The rules (TB2xx,
//! TB3xx) and the agreement checks (TB5xx) are declared in their own files under `rules/`;
//! `crate::rules::registry` gathers all of them.
//!
//! Each doc has the headings What it does / Why is this bad? / Example / Use instead; it is the
//! text of `tongban rule CODE` and of docs/rules.md.

use super::{Applicability, Check, FixDoc, Kind, Severity};

/// The fix of a code YAML read as a number (TB103).
pub const QUOTE_NUMBER_FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "Quotes a code that YAML read as a number, keeping the digits as written \
           (`basic_code: 000115015005` → `basic_code: \"000115015005\"`).",
    text_zh: "给被 YAML 读成数字的编码加上引号，数字保持原样\
              （`basic_code: 000115015005` → `basic_code: \"000115015005\"`）。",
};

/// The fix of a code written with full-width characters, whichever check reports the code
/// (TB105 and the code rules TB202–TB208).
pub const FULL_WIDTH_CODE_FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "A code (`*code`) written with full-width digits or letters (`４３００００`) is rewritten \
           half-width, quoted (`\"430000\"`).",
    text_zh: "用全角数字或字母书写的编码（`*code`，如 `４３００００`）改写为半角并加引号（`\"430000\"`）。",
};

// ---- Reading and parsing a file (TB0xx) ----

/// TB000: internal error in tongban (please report it)
pub const INTERNAL_ERROR: Check = Check {
    code: "TB000",
    name: "internal-error",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "tongban 内部错误（请报告）",
    summary_en: "internal error in tongban (please report it)",
    doc: r#"## What it does
Reports a file whose checking crashed inside tongban. The other files are still checked, the report stays well formed, and the run exits with status 2. This is a bug in tongban, not in the guide: please report it with the file (or a cut-down copy) attached.

## Why is this bad?
The file was not checked at all, so its problems are unknown.

## Example
```text
error[TB000(internal-error)]: catalogs/x.yaml: tongban 内部错误：检查此文件时崩溃（请报告）
```

## Use instead
```text
(the same file, checked by a tongban with the bug fixed)
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB001: YAML syntax error
pub const YAML_SYNTAX: Check = Check {
    code: "TB001",
    name: "yaml-syntax",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "YAML 语法错误",
    summary_en: "YAML syntax error",
    doc: r#"## What it does
Reports text that does not parse as YAML 1.2, pointing at the place the parser stopped.

## Why is this bad?
Nothing else can be checked in a file that does not parse.

## Example
```yaml
item:
  name: 合伙企业设立登记
   type: 行政许可
```

## Use instead
```yaml
item:
  name: 合伙企业设立登记
  type: 行政许可
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB002: file is not UTF-8
pub const ENCODING: Check = Check {
    code: "TB002",
    name: "encoding",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件不是 UTF-8 编码",
    summary_en: "file is not UTF-8",
    doc: r#"## What it does
Reports a file that is not UTF-8. GB18030/GBK and UTF-16 files are decoded (and checked) when the guess is clean; the finding points at the first byte that is not UTF-8.

## Why is this bad?
Guides are exchanged between regions and systems; only UTF-8 reads the same everywhere. GBK files turn into mojibake in web editors and diffs.

## Example
```yaml
# (file saved as GBK by a legacy editor)
item:
  name: 合伙企业设立登记
```

## Use instead
```yaml
# (the same file saved as UTF-8)
item:
  name: 合伙企业设立登记
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB003: file starts with a UTF-8 byte-order mark
pub const BOM: Check = Check {
    code: "TB003",
    name: "utf8-bom",
    severity: Severity::Warning,
    kind: Kind::Input,
    summary_zh: "文件以 UTF-8 BOM 开头",
    summary_en: "file starts with a UTF-8 byte-order mark",
    doc: r#"## What it does
Reports a UTF-8 byte-order mark at the start of a file.

## Why is this bad?
The mark is invisible and unnecessary in UTF-8; some YAML tools and `cat`-based scripts treat it as content.

## Example
```yaml
<U+FEFF>item:
  name: 合伙企业设立登记
```

## Use instead
```yaml
item:
  name: 合伙企业设立登记
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB004: duplicate key in a mapping
pub const DUPLICATE_KEY: Check = Check {
    code: "TB004",
    name: "duplicate-key",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "同一映射中出现重复的键",
    summary_en: "duplicate key in a mapping",
    doc: r#"## What it does
Reports a key that appears twice in one mapping; the first value is kept and both places are shown.

## Why is this bad?
YAML parsers disagree on which duplicate wins, so the guide means different things to different tools.

## Example
```yaml
materials:
  - name: 《合伙协议》
    necessity: 必要
    necessity: 非必要
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
    necessity: 必要
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB005: file is empty or only comments
pub const EMPTY_DOCUMENT: Check = Check {
    code: "TB005",
    name: "empty-document",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件为空或只有注释",
    summary_en: "file is empty or only comments",
    doc: r#"## What it does
Reports a file that is empty or holds only comments.

## Why is this bad?
An empty guide is usually a failed export or a placeholder that was committed by mistake.

## Example
```yaml
# TODO
```

## Use instead
```yaml
item:
  name: 合伙企业设立登记
  type: 行政许可
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB006: more than one YAML document in a file
pub const MULTI_DOCUMENT: Check = Check {
    code: "TB006",
    name: "multiple-documents",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "一个文件包含多个 YAML 文档",
    summary_en: "more than one YAML document in a file",
    doc: r#"## What it does
Reports a file with more than one YAML document (`---`); only the first is linted.

## Why is this bad?
One guide per file keeps paths meaningful: a path names one item in one region.

## Example
```yaml
item:
  name: 生育登记
---
item:
  name: 失业登记
```

## Use instead
```yaml
# shengyu-dengji.yaml
item:
  name: 生育登记
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB007: alias expansion too large (billion laughs)
pub const ALIAS_LIMIT: Check = Check {
    code: "TB007",
    name: "alias-limit",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "别名展开过多（疑似“billion laughs”攻击）",
    summary_en: "alias expansion too large (billion laughs)",
    doc: r#"## What it does
Reports aliases that expand to more than 10,000 nodes (the "billion laughs" pattern); parsing
stops there.

## Why is this bad?
Exponential alias expansion exhausts memory; a guide never needs it.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB008: nesting too deep
pub const NESTING_LIMIT: Check = Check {
    code: "TB008",
    name: "nesting-limit",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "嵌套层级过深",
    summary_en: "nesting too deep",
    doc: r#"## What it does
Reports collections nested deeper than the limit (128).

## Why is this bad?
Deep nesting is never a guide; it is a malformed or hostile file that could exhaust the stack.

## Example
```yaml
a: [[[[[[[[[[[[[[[[[[ … ]]]]]]]]]]]]]]]]]]
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB009: file exceeds the size limit
pub const FILE_TOO_LARGE: Check = Check {
    code: "TB009",
    name: "file-too-large",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件超过大小上限",
    summary_en: "file exceeds the size limit",
    doc: r#"## What it does
Reports a file larger than `--max-file-size` (default 10 MiB); it is not read.

## Why is this bad?
A guide is a few kilobytes; a huge file is an export error or not a guide, and reading it slows every run.

## Example
```yaml
# a 200 MB data dump named guide.yaml
```

## Use instead
```yaml
# a guide of a few KB
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB010: file cannot be read
pub const UNREADABLE: Check = Check {
    code: "TB010",
    name: "unreadable-file",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "无法读取文件",
    summary_en: "file cannot be read",
    doc: r#"## What it does
Reports a file or folder that cannot be read (permissions, I/O error).

## Why is this bad?
A guide that cannot be read is not checked; the run must say so rather than pass silently.

## Example
```text
$ chmod 000 catalogs/hunan/x.yaml
```

## Use instead
```text
$ chmod 644 catalogs/hunan/x.yaml
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB011: not a regular file (FIFO, device, ...)
pub const NOT_A_FILE: Check = Check {
    code: "TB011",
    name: "not-a-regular-file",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "不是普通文件（FIFO、设备等）",
    summary_en: "not a regular file (FIFO, device, ...)",
    doc: r#"## What it does
Reports a path that is not a regular file (FIFO, socket, device).

## Why is this bad?
Reading a FIFO or device can block forever; such paths are never guides.

## Example
```text
$ mkfifo catalogs/x.yaml
```

## Use instead
```text
$ rm catalogs/x.yaml
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB012: symbolic link loop
pub const SYMLINK_LOOP: Check = Check {
    code: "TB012",
    name: "symlink-loop",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "符号链接循环",
    summary_en: "symbolic link loop",
    doc: r#"## What it does
Reports a symbolic link that loops back to one of its own ancestors; the loop is skipped.

## Why is this bad?
Following the loop would walk forever.

## Example
```yaml
catalogs/loop -> ..
```

## Use instead
```yaml
catalogs/common -> ../common-guides
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB013: unsupported YAML construct (e.g. complex keys)
pub const UNSUPPORTED_YAML: Check = Check {
    code: "TB013",
    name: "unsupported-yaml",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "不支持的 YAML 结构（如复杂键）",
    summary_en: "unsupported YAML construct (e.g. complex keys)",
    doc: r#"## What it does
Reports YAML constructs with no JSON equivalent, such as complex (collection) keys; the entry is skipped.

## Why is this bad?
Guides are JSON data in YAML syntax; a collection used as a key cannot be validated or compared.

## Example
```yaml
? [a, b]
: 1
```

## Use instead
```yaml
a: 1
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB014: file contains control characters
pub const CONTROL_CHARACTER: Check = Check {
    code: "TB014",
    name: "control-character",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件含有控制字符",
    summary_en: "file contains control characters",
    doc: r#"## What it does
Reports control characters in a file: C0 controls other than tab and line breaks (NUL, ESC, …), DEL, and C1 controls (U+0080–U+009F). One finding per file gives the count and points at the first. Every output format shows such characters escaped (`␛`, `\u{1b}`), never raw.

## Why is this bad?
They are never part of a guide's text: they come from copy-paste out of other programs or broken conversions, are invisible in most editors, break XML-based exchange formats, and ESC sequences can rewrite what a terminal shows.

## Example
```yaml
item:
  name: 合伙企业设立登记<ESC>[2J
```

## Use instead
```yaml
item:
  name: 合伙企业设立登记
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB015: number out of the representable range
pub const NUMBER_OVERFLOW: Check = Check {
    code: "TB015",
    name: "number-overflow",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "数值超出可表示的范围",
    summary_en: "number out of the representable range",
    doc: r#"## What it does
Reports a number too large for a 64-bit floating-point value (YAML 1.2 core schema), such as `1e400`. The value is kept as a string, so the schema's type checks also see it.

## Why is this bad?
It cannot be represented as JSON data; tools that read it as a number get infinity or an error, and one that reads it as text gets something else: the guide means different things to different programs.

## Example
```yaml
fees:
  amount: 1e400
```

## Use instead
```yaml
fees:
  amount: 100
```
"#,
    doc_zh: None,
    fixes: &[],
};

// ---- The schema (TB1xx) ----

/// TB101: required element is missing
pub const MISSING_ELEMENT: Check = Check {
    code: "TB101",
    name: "missing-element",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "缺少必填要素",
    summary_en: "required element is missing",
    doc: r#"## What it does
Reports a required element that is missing, naming it by its Chinese title and saying where to add it.

## Why is this bad?
The schema marks as required what every guide must state (事项名称, 实施区划, 实施主体, 申请材料, 来源 …); a guide without them cannot be used or compared.

## Example
```yaml
item:
  name: 合伙企业设立登记
```

## Use instead
```yaml
item:
  name: 合伙企业设立登记
  type: 行政许可
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB102: element not defined by the schema
pub const UNKNOWN_ELEMENT: Check = Check {
    code: "TB102",
    name: "unknown-element",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "未知要素（键名不在规范中）",
    summary_en: "element not defined by the schema",
    doc: r#"## What it does
Reports a key the schema does not define, with the nearest valid key as a suggestion.

## Why is this bad?
A misspelt key silently drops its content: `meterials` is not read as 申请材料.

## Example
```yaml
meterials:
  - name: 《合伙协议》
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB103: element has the wrong type
pub const WRONG_TYPE: Check = Check {
    code: "TB103",
    name: "wrong-type",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "要素类型错误",
    summary_en: "element has the wrong type",
    doc: r#"## What it does
Reports a value of the wrong type (a string where a number is expected, a scalar where a list is).

## Why is this bad?
Typed values are what rules and comparisons compute on; `"15天"` cannot be compared with a number of days.

## Example
```yaml
time_limit:
  legal_days: 15天
```

## Use instead
```yaml
time_limit:
  legal_days: 15
  legal_unit: 自然日
```
"#,
    doc_zh: None,
    fixes: &[QUOTE_NUMBER_FIX],
};

/// TB104: value is not one of the allowed values
pub const INVALID_VALUE: Check = Check {
    code: "TB104",
    name: "invalid-value",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "取值不在允许范围内",
    summary_en: "value is not one of the allowed values",
    doc: r#"## What it does
Reports a value outside the allowed set, listing the allowed values.

## Why is this bad?
Enumerated elements (事项类型, 材料必要性 …) are compared across regions by value; a synonym or typo breaks the comparison.

## Example
```yaml
item:
  type: 许可
```

## Use instead
```yaml
item:
  type: 行政许可
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB105: value does not match the required format or length
pub const INVALID_FORMAT: Check = Check {
    code: "TB105",
    name: "invalid-format",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "格式或长度不符合规范",
    summary_en: "value does not match the required format or length",
    doc: r#"## What it does
Reports a value that does not match the required format or length (codes, dates, URLs).

## Why is this bad?
Codes and dates are keys into other systems; a malformed one matches nothing.

## Example
```yaml
region:
  code: "43000"
```

## Use instead
```yaml
region:
  code: "430000"
```
"#,
    doc_zh: None,
    fixes: &[FULL_WIDTH_CODE_FIX],
};

/// TB106: number or count out of range
pub const OUT_OF_RANGE: Check = Check {
    code: "TB106",
    name: "out-of-range",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "数值或数量超出范围",
    summary_en: "number or count out of range",
    doc: r#"## What it does
Reports a number or a count outside its range (a negative number of days, an empty list that must have items).

## Why is this bad?
Out-of-range numbers are typos or placeholders (`-1` for unknown) that corrupt statistics.

## Example
```yaml
time_limit:
  legal_days: -1
```

## Use instead
```yaml
time_limit:
  legal_days: 20
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB107: violates another schema constraint
pub const SCHEMA_VIOLATION: Check = Check {
    code: "TB107",
    name: "schema-violation",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "不符合规范的其他约束",
    summary_en: "violates another schema constraint",
    doc: r#"## What it does
Reports a schema constraint that none of TB101–TB106 describes. The national schema's own
constraints all have those codes; this one is for what a provincial or custom schema
(`--schema`, `schema` in tongban.toml) adds with keywords such as `not`, `contains` or
`multipleOf`. The message quotes the constraint as the schema states it.

## Why is this bad?
A schema given to tongban is the format the guides must follow; a province that adds a
constraint means every guide of that province to meet it.

## Example
```yaml
# the provincial schema says handling: {not: {required: [express]}}
handling:
  online: true
  express: true
```

## Use instead
```yaml
handling:
  online: true
```
"#,
    doc_zh: None,
    fixes: &[],
};

// ---- Configuration and suppressions (TB4xx) ----

/// TB401: unknown rule code or name in the configuration or a suppression
pub const UNKNOWN_RULE: Check = Check {
    code: "TB401",
    name: "unknown-rule",
    severity: Severity::Error,
    kind: Kind::Meta,
    summary_zh: "配置或抑制注释中的规则代码或名称不存在",
    summary_en: "unknown rule code or name in the configuration or a suppression",
    doc: r#"## What it does
Reports a rule code or name that tongban does not know, in `tongban.toml` (`[rules]`, `[[overrides]]`) or in a `# tongban: allow` comment.

## Why is this bad?
A misspelt rule name would silently configure or suppress nothing.

## Example
```yaml
# tongban.toml
[rules]
phone-fromat = "off"
```

## Use instead
```yaml
# tongban.toml
[rules]
phone-format = "off"
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB402: suppression comment suppresses nothing
pub const UNUSED_SUPPRESSION: Check = Check {
    code: "TB402",
    name: "unused-suppression",
    severity: Severity::Warning,
    kind: Kind::Meta,
    summary_zh: "抑制注释没有抑制任何问题",
    summary_en: "suppression comment suppresses nothing",
    doc: r#"## What it does
Reports a `# tongban: allow CODE` comment that suppressed no finding of CODE in its scope. Suppressions of rules that are turned off for the file are not reported.

## Why is this bad?
Stale suppressions hide future problems: once the guide is fixed, the comment should go, or it will silently hide the next regression.

## Example
```yaml
contact:
  # tongban: allow phone-format 区号已补
  consultation_phone: 0731-85693039
```

## Use instead
```yaml
contact:
  consultation_phone: 0731-85693039
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// TB403: malformed tongban suppression comment
pub const INVALID_SUPPRESSION: Check = Check {
    code: "TB403",
    name: "invalid-suppression",
    severity: Severity::Warning,
    kind: Kind::Meta,
    summary_zh: "无法解析的 tongban 抑制注释",
    summary_en: "malformed tongban suppression comment",
    doc: r#"## What it does
Reports a comment that starts with `tongban:` but is not `allow CODES [reason]` or `allow-file CODES [reason]`.

## Why is this bad?
A misspelt directive suppresses nothing, and the author believes otherwise.

## Example
```yaml
# tongban: alow TB217
```

## Use instead
```yaml
# tongban: allow TB217 热线号码由省里统一
```
"#,
    doc_zh: None,
    fixes: &[],
};

/// Every input, schema and configuration check, sorted by code: the built-in part of the
/// registry (`crate::rules::registry` adds the rules).
pub const CHECKS: &[Check] = &[
    INTERNAL_ERROR,
    YAML_SYNTAX,
    ENCODING,
    BOM,
    DUPLICATE_KEY,
    EMPTY_DOCUMENT,
    MULTI_DOCUMENT,
    ALIAS_LIMIT,
    NESTING_LIMIT,
    FILE_TOO_LARGE,
    UNREADABLE,
    NOT_A_FILE,
    SYMLINK_LOOP,
    UNSUPPORTED_YAML,
    CONTROL_CHARACTER,
    NUMBER_OVERFLOW,
    MISSING_ELEMENT,
    UNKNOWN_ELEMENT,
    WRONG_TYPE,
    INVALID_VALUE,
    INVALID_FORMAT,
    OUT_OF_RANGE,
    SCHEMA_VIOLATION,
    UNKNOWN_RULE,
    UNUSED_SUPPRESSION,
    INVALID_SUPPRESSION,
];
