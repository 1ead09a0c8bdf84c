//! TB207: `region.code` agrees with the 区划 inside the 实施编码.

use crate::data::regions;
use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB207 region-code-mismatch.
pub(super) struct RegionCodeMismatch;

static DEF: Def = Def {
    check: Check {
        code: "TB207",
        name: "region-code-mismatch",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "行政区划代码与实施编码中的区划不一致",
        summary_en: "region code disagrees with the division inside the implementation code",
        doc: Doc {
            what: Text {
                zh: "读取 31 位或 33 位 `item.implementation_code`（实施编码）的第 3–8 位——实施主体编码中的区划部分——并与 `region.code` 比较。省份不同时，消息会指明这一点；同省内编码不同也会报告。",
                en: r#"Reads characters 3–8 of a 31- or 33-character `item.implementation_code` (实施编码) — the
区划 part of the implementing agency's code — and compares them with `region.code`. Different
provinces are reported with a message saying so; a different code in the same province too."#,
            },
            why: Text {
                zh: "某地区指南的实施主体登记在该地区，两个编码通常一致。不一致通常说明指南是从其他地区复制来的，只改了一半。信用代码中的区划是*登记时*的区划，因此区划调整后实施主体可能仍带着旧代码：“修正”编码之前请先核实。",
                en: r#"The implementing agency of a guide for a region is registered in that region, so the two
codes normally agree. A mismatch usually means the guide was copied from another region and
only half updated. The 区划 in a credit code is the one at *registration* time, so after a
reorganisation an agency may carry an old code: check before "fixing" the code."#,
            },
            example: Sample::yaml(
                r#"
item:
  implementation_code: "11450000007565194H200011501500504"
region:
  code: "430000"
  name: 湖南省
"#,
            ),
            instead: Sample::yaml(
                r#"
item:
  implementation_code: "11450000007565194H200011501500504"
region:
  code: "450000"
  name: 广西壮族自治区
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &[],
};

impl Rule for RegionCodeMismatch {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (Some(code), Some(region)) =
            (cx.str("/item/implementation_code"), cx.str("/region/code"))
        else {
            return;
        };
        if !matches!(code.chars().count(), 31 | 33)
            || !code.is_ascii()
            || !regions::is_six_digits(region)
        {
            return;
        }
        let inner = &code[2..8];
        if !regions::is_six_digits(inner) || inner == region {
            return;
        }
        let rspan = cx.doc.locate("/item/implementation_code", &cx.source.text);
        let same_province = inner[..2] == region[..2];
        let (zh, en) = if same_province {
            (
                format!("行政区划代码“{region}”与实施编码第 3–8 位的区划“{inner}”不一致"),
                format!(
                    "region code `{region}` differs from `{inner}`, the division in characters 3–8 of the implementation code"
                ),
            )
        } else {
            (
                format!(
                    "行政区划代码“{region}”与实施编码中的区划“{inner}”不在同一省级行政区（{} / {}）",
                    regions::province(region).unwrap_or("?"),
                    regions::province(inner).unwrap_or("?")
                ),
                format!(
                    "region code `{region}` and the implementation code's division `{inner}` are in different provinces"
                ),
            )
        };
        out.push(
            cx.finding(&DEF, "/region/code", zh, en)
                .with_related(rspan, cx.pick("实施编码", "implementation code"))
                .with_help(cx.pick(
                    "核对本指南是否由其他地区的指南复制而来；区划调整后的旧代码可保留并加注释说明",
                    "check whether the guide was copied from another region; after a reorganisation an old code may be right (suppress with a reason)",
                )),
        );
    }
}
