//! TB205: `region.code` must belong to a real province-level division.

use crate::data::regions;
use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB205 invalid-region-code.
pub(super) struct InvalidRegionCode;

static DEF: Def = Def {
    check: Check {
        code: "TB205",
        name: "invalid-region-code",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "行政区划代码不属于任何省级行政区",
        summary_en: "region code does not belong to any province-level division",
        doc: Doc {
            what: Text {
                zh: "检查 `region.code`（行政区划代码，GB/T 2260）的前两位是否对应 34 个省级行政区之一（11 北京……65 新疆，71 台湾，81 香港，82 澳门），或编码是否为 `100000`（全国，用于国家基准）。",
                en: r#"Checks that the first two digits of `region.code` (行政区划代码, GB/T 2260) name one of the
34 province-level divisions (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门), or that the code is
`100000` (全国, used for national baselines)."#,
            },
            why: Text {
                zh: "不属于任何省份的编码不可能是 GB/T 2260 代码：要么是笔误，要么是其他体系的编码（组织机构代码、邮政编码）。指南按区划代码分组并跨地区比较，编码错了，指南就被归错了地方。",
                en: r#"A code outside every province cannot be a GB/T 2260 code: it is a typo or a code from another
scheme (an organisation code, a postcode). Region codes are how guides are grouped and compared
across regions, so a wrong one misfiles the guide."#,
            },
            example: Sample::yaml(
                r#"
region:
  code: "990100"
  name: 成都市
"#,
            ),
            instead: Sample::yaml(
                r#"
region:
  code: "510100"
  name: 成都市
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &[],
};

impl Rule for InvalidRegionCode {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/region/code";
        let Some(code) = cx.str(pointer) else { return };
        if !regions::is_six_digits(code) {
            return; // The schema reports the format.
        }
        if regions::province(code).is_none() {
            out.push(
                cx.finding(
                    &DEF,
                    pointer,
                    format!("行政区划代码“{code}”的前两位“{}”不是省级行政区代码", &code[..2]),
                    format!(
                        "region code `{code}`: `{}` is not a province-level code",
                        &code[..2]
                    ),
                )
                .with_help(cx.pick(
                    "省级代码为 11–15、21–23、31–37、41–46、50–54、61–65、71、81、82；全国基线用 100000",
                    "province codes are 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82; national baselines use 100000",
                )),
            );
        }
    }
}
