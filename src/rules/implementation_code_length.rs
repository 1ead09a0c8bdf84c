//! TB202: 实施编码 has 33 characters.

use super::{Context, Def, Rule};
use crate::diagnostic::{Check, Finding, Severity};

/// TB202 implementation-code-length.
pub struct ImplementationCodeLength;

static DEF: Def = Def {
    check: Check {
        code: "TB202",
        name: "implementation-code-length",
        severity: Severity::Error,
        summary_zh: "实施编码不是 33 位",
        summary_en: "implementation code (实施编码) is not 33 characters",
    },
    doc: r#"## What it does
Counts the characters of `item.implementation_code` (实施编码) and reports any length other
than 33. It replaces the generic format finding (TB105) for that element with a message that
says how long the code is and how a national 实施编码 is built.

## Why is this bad?
The national platform's 实施编码 has 33 characters: the implementing agency's 18-character
统一社会信用代码 followed by 15 characters that carry the 基本编码 (shared/domain/README.md §4).
A shorter or longer value is usually a local code (地方实施编码), which belongs in
`item.local_code`, or a truncated copy.

## Example
```yaml
item:
  implementation_code: "11450000007565194H2000115015005"
```

## Use instead
```yaml
item:
  implementation_code: "11450000007565194H200011501500504"
```
"#,
    supersedes: &["TB105"],
};

impl Rule for ImplementationCodeLength {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/item/implementation_code";
        let Some(code) = cx.str(pointer) else { return };
        let n = code.chars().count();
        if n != 33 {
            out.push(
                cx.finding(
                    &DEF,
                    pointer,
                    format!("实施编码应为 33 位，实际为 {n} 位"),
                    format!("implementation code has {n} characters; it must have 33"),
                )
                .with_help(cx.pick(
                    "国家实施编码 = 18 位实施主体统一社会信用代码 + 15 位（含 12 位基本编码）；地方编码请填在 item.local_code",
                    "a national 实施编码 is the agency's 18-character credit code + 15 characters holding the 12-character 基本编码; put local codes in item.local_code",
                )),
            );
        }
    }
}
