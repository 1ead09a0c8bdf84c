//! TB203: the first 18 characters of 实施编码 are a valid 统一社会信用代码.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::codes::{
    CreditCodeError, check_credit_code, meant_as_credit_code, parse_implementation_code,
};
use crate::rules::rule::{Context, Def, Rule};

/// TB203 implementation-code-checksum.
pub(super) struct ImplementationCodeChecksum;

static DEF: Def = Def {
    check: Check {
        code: "TB203",
        name: "implementation-code-checksum",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "实施编码前 18 位不是有效的统一社会信用代码",
        summary_en: "the first 18 characters of the implementation code are not a valid unified social credit code",
        doc: Doc {
            what: Text {
                zh: "取结构正确的 31 位或 33 位 `item.implementation_code`（实施编码）的前 18 位（实施主体编码）；当它们应为 GB 32100 统一社会信用代码时——即以 GB 32100 登记管理部门代码（`1`–`9`、`A`、`N`、`Y`）开头——检查字符集（数字和除 I、O、Z、S、V 以外的大写字母）和校验码（ISO 7064 MOD 31-3）。广东镇街站点的 `TE…` 等内部机构编码不是信用代码，不作检查。",
                en: r#"Takes the first 18 characters (the 实施主体编码) of a well-formed 31- or 33-character
`item.implementation_code` (实施编码) and, when they are meant as a GB 32100 统一社会信用代码 —
they start with a GB 32100 登记管理部门代码 (`1`–`9`, `A`, `N`, `Y`) — checks the alphabet
(digits and capitals without I, O, Z, S, V) and the check character (ISO 7064 MOD 31-3).
Internal agency codes such as the `TE…` codes of 广东 镇街 stations are not credit codes and
are not checked."#,
            },
            why: Text {
                zh: "这 18 位标识实施主体。校验码错误意味着编码有笔误，在国家平台上就对不上实施主体，也破坏了事项的跨地区对齐。这项检查同时是低成本的真实性检验：广西、山东临沂和广东高州门户公布的编码都能通过，编造的编码则通不过。",
                en: r#"Those 18 characters identify the implementing agency. A wrong check character means a typo
in the code, which then fails to match the agency in the national platform and breaks
cross-region alignment of the item. The check is also a cheap authenticity test: it passes
for the codes published by the 广西, 山东 临沂 and 广东 高州 portals, and fails for codes that
were made up."#,
            },
            example: Sample::yaml(
                r#"
item:
  implementation_code: "11450000007565194J200011501500504"
"#,
            ),
            instead: Sample::yaml(
                r#"
item:
  implementation_code: "11450000007565194H200011501500504"
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &[],
};

impl Rule for ImplementationCodeChecksum {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/item/implementation_code";
        let Some(code) = cx.str(pointer) else { return };
        let Ok(parts) = parse_implementation_code(code) else {
            return; // TB202 reports the layout.
        };
        if !meant_as_credit_code(parts.agency) {
            return;
        }
        if let Err(e) = check_credit_code(parts.agency) {
            out.push(credit_code_finding(cx, &DEF, pointer, parts.agency, &e));
        }
    }
}

/// A finding explaining why an 18-character credit code fails.
pub(super) fn credit_code_finding(
    cx: &Context<'_>,
    def: &Def,
    pointer: &str,
    code: &str,
    e: &CreditCodeError,
) -> Finding {
    let (zh, en) = match e {
        CreditCodeError::Length(n) => (
            format!("统一社会信用代码“{code}”应为 18 位，实际为 {n} 位"),
            format!("unified social credit code `{code}` has {n} characters, not 18"),
        ),
        CreditCodeError::Character(i, c) => (
            format!("统一社会信用代码“{code}”第 {} 位“{c}”不是允许的字符", i + 1),
            format!(
                "unified social credit code `{code}`: character {} `{c}` is not allowed",
                i + 1
            ),
        ),
        CreditCodeError::CheckDigit { expected, found } => (
            format!("统一社会信用代码“{code}”校验位错误：应为“{expected}”，实际为“{found}”"),
            format!(
                "unified social credit code `{code}` has check character `{found}`; the first 17 give `{expected}`"
            ),
        ),
    };
    cx.finding(def, pointer, zh, en).with_help(cx.pick(
        "按 GB 32100 核对实施主体的统一社会信用代码（允许字符：0-9 与除 I、O、Z、S、V 外的大写字母）",
        "check the agency's credit code against GB 32100 (digits and capitals except I, O, Z, S, V)",
    ))
}
