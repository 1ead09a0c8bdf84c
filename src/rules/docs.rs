//! Documentation of every check and rule: the text behind `tongban rule CODE` and the
//! generated docs/rules.md. Rule docs live in each rule file; the built-in checks' docs live here.

use std::fmt::Write as _;

use super::{Entry, Kind, registry};

/// The headings every doc has, in order.
pub const HEADINGS: [&str; 4] = ["What it does", "Why is this bad?", "Example", "Use instead"];

/// The documentation of a built-in check (TB0xx, TB1xx, TB4xx).
pub fn check_doc(code: &str) -> &'static str {
    match code {
        "TB000" => {
            r#"## What it does
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
"#
        }
        "TB001" => {
            r#"## What it does
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
"#
        }
        "TB002" => {
            r#"## What it does
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
"#
        }
        "TB003" => {
            r#"## What it does
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
"#
        }
        "TB004" => {
            r#"## What it does
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
"#
        }
        "TB005" => {
            r#"## What it does
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
"#
        }
        "TB006" => {
            r#"## What it does
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
"#
        }
        "TB007" => {
            r#"## What it does
Reports alias expansion beyond a fixed number of nodes (the "billion laughs" pattern).

## Why is this bad?
Exponential alias expansion exhausts memory; a guide never needs it.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a]
c: [*b, *b, *b, *b, *b, *b, *b, *b]
```

## Use instead
```yaml
materials:
  - name: 《合伙协议》
```
"#
        }
        "TB008" => {
            r#"## What it does
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
"#
        }
        "TB009" => {
            r#"## What it does
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
"#
        }
        "TB010" => {
            r#"## What it does
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
"#
        }
        "TB011" => {
            r#"## What it does
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
"#
        }
        "TB012" => {
            r#"## What it does
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
"#
        }
        "TB013" => {
            r#"## What it does
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
"#
        }
        "TB014" => {
            r#"## What it does
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
"#
        }
        "TB015" => {
            r#"## What it does
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
"#
        }
        "TB101" => {
            r#"## What it does
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
"#
        }
        "TB102" => {
            r#"## What it does
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
"#
        }
        "TB103" => {
            r#"## What it does
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
"#
        }
        "TB104" => {
            r#"## What it does
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
"#
        }
        "TB105" => {
            r#"## What it does
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
"#
        }
        "TB106" => {
            r#"## What it does
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
"#
        }
        "TB107" => {
            r#"## What it does
Reports any other schema constraint that fails (for example `source` needing a `url` or a `document`).

## Why is this bad?
Every constraint of the schema is part of the national format; a custom schema's constraints are reported here too.

## Example
```yaml
source:
  retrieved: "2026-11-26"
  completeness: complete
```

## Use instead
```yaml
source:
  url: https://zwfw.example.gov.cn/guide/1
  retrieved: "2026-11-26"
  completeness: complete
```
"#
        }
        "TB401" => {
            r#"## What it does
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
"#
        }
        "TB402" => {
            r#"## What it does
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
"#
        }
        "TB403" => {
            r#"## What it does
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
"#
        }
        _ => "",
    }
}

/// One entry as Markdown (what `tongban rule CODE` prints).
pub fn entry_markdown(e: &Entry) -> String {
    let c = &e.check;
    let mut s = String::new();
    let _ = writeln!(s, "# {} {}\n", c.code, c.name);
    let _ = writeln!(
        s,
        "{} · {} · default severity **{}**\n",
        c.summary_zh,
        c.summary_en,
        c.severity.as_str()
    );
    let _ = writeln!(s, "Kind: {}\n", e.kind.as_str());
    s.push_str(&e.doc.replace("\n## ", "\n### ").replacen("## ", "### ", 1));
    let fixes = super::fixes::doc(c.code);
    if !fixes.is_empty() {
        s.push_str("\n### Fix\n");
        for f in fixes {
            let _ = writeln!(
                s,
                "- {}: {}",
                match f.applicability {
                    crate::diagnostic::Applicability::Safe => "safe (`--fix`)",
                    crate::diagnostic::Applicability::Unsafe => "unsafe (`--fix --unsafe-fixes`)",
                },
                f.text
            );
        }
    }
    s
}

/// The whole of docs/rules.md.
pub fn markdown() -> String {
    let all = registry();
    let mut s = String::from(
        "<!-- Generated by `tongban rules --markdown`; do not edit. A test fails when this file is stale. -->\n\
         # tongban rules\n\n\
         Every finding has a stable code and a kebab-case name; both work in `tongban.toml` and in\n\
         `# tongban: allow` comments. Codes: TB0xx input, TB1xx schema, TB2xx rules on one guide,\n\
         TB3xx rules across regions (四级四同), TB4xx configuration and suppressions, TB5xx\n\
         跨省通办 agreement files and their coverage (`tongban coverage`, docs/coverage.md).\n\n\
         | code | name | default | kind | 说明 | summary |\n|---|---|---|---|---|---|\n",
    );
    for e in all {
        let c = &e.check;
        let _ = writeln!(
            s,
            "| [{code}](#{anchor}) | `{name}` | {sev} | {kind} | {zh} | {en} |",
            code = c.code,
            anchor = format!("{}-{}", c.code, c.name).to_lowercase(),
            name = c.name,
            sev = c.severity.as_str(),
            kind = e.kind.as_str(),
            zh = c.summary_zh,
            en = c.summary_en,
        );
    }
    for kind in [
        Kind::Input,
        Kind::Schema,
        Kind::Guide,
        Kind::CrossRegion,
        Kind::Meta,
        Kind::Agreement,
    ] {
        for e in all.iter().filter(|e| e.kind == kind) {
            s.push('\n');
            s.push_str(
                &entry_markdown(e)
                    .replacen("# ", "## ", 1)
                    .replace("\n### ", "\n#### "),
            );
        }
    }
    s
}
