//! TB208: `department_code` is a valid 统一社会信用代码.

use super::implementation_code_checksum::credit_code_finding;
use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::codes::{check_credit_code, meant_as_credit_code};
use crate::rules::rule::{Context, Def, Rule};

/// TB208 credit-code-checksum.
pub(super) struct CreditCodeChecksum;

static DEF: Def = Def {
    check: Check {
        code: "TB208",
        name: "credit-code-checksum",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "实施主体编码不是有效的统一社会信用代码",
        summary_en: "department code is not a valid unified social credit code",
        doc: Doc {
            what: Text {
                zh: "按 GB 32100 统一社会信用代码检查 `department_code`（实施主体编码）：18 位，字符取自 GB 32100 字符集，校验码（ISO 7064 MOD 31-3）正确。只检查应为信用代码的编码，即以 GB 32100 登记管理部门代码（`1`–`9`、`A`、`N`、`Y`）开头的编码。有些实施主体编码是内部编码，例如广东某街道站点的 `TE4401135000001190`（在其办事指南中与实施编码 `TE44011350000011905442106041001` 一同公布）；这类编码不作检查。长度由模式检查；本规则检查校验计算。",
                en: r#"Checks `department_code` (实施主体编码) as a GB 32100 统一社会信用代码: 18 characters from
the GB 32100 alphabet and a correct check character (ISO 7064 MOD 31-3). Only codes meant as a
credit code are checked: those starting with a GB 32100 登记管理部门代码 (`1`–`9`, `A`, `N`,
`Y`). Some 实施主体编码 are internal codes, such as `TE4401135000001190` of a 广东 街道 station
(published in its 办事指南 together with the 实施编码 `TE44011350000011905442106041001`);
those are left alone. The schema checks the length; this rule checks the arithmetic."#,
            },
            why: Text {
                zh: "校验码错误就是笔误：无法按编码找到实施主体，该指南也无法与该主体的其他指南对应起来。",
                en: r#"A wrong check character is a typo: the agency cannot be found by its code, and the guide
cannot be matched with the agency's other guides."#,
            },
            example: Sample::yaml(
                r#"
department_code: "11450000007565194J"
"#,
            ),
            instead: Sample::yaml(
                r#"
department_code: "11450000007565194H"
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &[],
};

impl Rule for CreditCodeChecksum {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/department_code";
        let Some(code) = cx.str(pointer) else { return };
        if code.chars().count() != 18 || !meant_as_credit_code(code) {
            return; // The schema reports the length; internal codes have no check character.
        }
        if let Err(e) = check_credit_code(code) {
            out.push(credit_code_finding(cx, &DEF, pointer, code, &e));
        }
    }
}
