//! TB218: the parts of the 实施编码 agree with `basic_code`, `department_code` and
//! `exercise_level`.

use serde_json::Value;

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::codes::{level_name, parse_implementation_code};
use crate::rules::rule::{Context, Def, Rule};

/// TB218 implementation-code-mismatch.
pub(super) struct ImplementationCodeMismatch;

static DEF: Def = Def {
    check: Check {
        code: "TB218",
        name: "implementation-code-mismatch",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "实施编码中的基本编码、实施主体编码或行使层级与指南所填不一致",
        summary_en: "the implementation code disagrees with the basic code, department code or exercise level",
        doc: Doc {
            what: Text {
                zh: r#"把结构正确的 `item.implementation_code`（实施编码，见 TB202）拆分为 18 位实施主体编码、1 位行使层级，以及 12 位基本编码或 14 位业务办理项编码，并与指南其他地方写的内容比较：
* 基本编码部分与 `item.basic_code` 比较（总是比较前 12 位；两者都带办理项后缀时比较全部 14 位）；
* 14 位的尾部与 14 位的 `item.handle_item_code` 比较；
* 实施主体编码与 `department_code` 比较；
* 层级数字（1 国家级、2 省级、3 市级、4 县级、5 乡镇级）与 `exercise_level` 比较，后者必须包含该层级。
指南未写的要素不作比较。"#,
                en: r#"Splits a well-formed `item.implementation_code` (实施编码, see TB202) into its 18-character
实施主体编码, its 行使层级 digit and its 12-character 基本编码 or 14-character
业务办理项编码, and compares them with what the guide states elsewhere:

* the 基本编码 part with `item.basic_code` (the first 12 characters always; all 14 when both
  carry the 办理项 suffix);
* a 14-character tail with a 14-character `item.handle_item_code`;
* the 实施主体编码 with `department_code`;
* the level digit (1 国家级, 2 省级, 3 市级, 4 县级, 5 乡镇级) with `exercise_level`, which
  must list that level.

Elements the guide leaves out are not compared."#,
            },
            why: Text {
                zh: "实施编码由其他编码组成，除非某个编码是从别的指南复制来的或录错了，否则它们不会不一致。已公布的指南各部分都是一致的：山东临沂社会保障卡换领页面（http://lyzwfw.sd.gov.cn）的实施编码为 `11371300004448355A3372014917003`，行使层级 3，基本编码 `37201491700302`；广东高州的一份指南为 `1144098158137993544002014010001`，基本编码 `002014010001`，县级（`4`）；广东番禺沙湾街的一份指南为 `TE44011350000011905442106041001`，实施主体编码 `TE4401135000001190`，基本编码 `442106041001`，镇街级（`5`）。层级代码取自交换表的 `use_level` 列。",
                en: r#"The 实施编码 is built from the other codes, so they cannot disagree unless one was copied from
another guide or mistyped. Published guides show the parts consistently: 山东 临沂's
社会保障卡换领 page (http://lyzwfw.sd.gov.cn) has 实施编码 `11371300004448355A3372014917003`,
行使层级 3 and 基本编码 `37201491700302`; a 广东 高州 guide has `1144098158137993544002014010001`
with 基本编码 `002014010001` at 县级 (`4`); a 广东 番禺 沙湾街 guide has
`TE44011350000011905442106041001` with 实施主体编码 `TE4401135000001190` and 基本编码
`442106041001` at 镇街级 (`5`). The level codes are those of the exchange tables' `use_level`
column."#,
            },
            example: Sample::yaml(
                r#"
item:
  basic_code: "002014010002"
  implementation_code: "1144098158137993544002014010001"
exercise_level: [市级]
"#,
            ),
            instead: Sample::yaml(
                r#"
item:
  basic_code: "002014010001"
  implementation_code: "1144098158137993544002014010001"
exercise_level: [县级]
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

const POINTER: &str = "/item/implementation_code";

impl Rule for ImplementationCodeMismatch {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(code) = cx.str(POINTER) else { return };
        let Ok(parts) = parse_implementation_code(code) else {
            return; // TB202 reports the layout.
        };
        let here = || cx.doc.locate(POINTER, &cx.source.text);

        if let Some(basic) = cx.str("/item/basic_code")
            && matches!(basic.len(), 12 | 14)
            && basic.is_ascii()
        {
            let n = if basic.len() == 14 && parts.tail.len() == 14 {
                14
            } else {
                12
            };
            if !basic[..n].eq_ignore_ascii_case(&parts.tail[..n]) {
                let tail = &parts.tail[..n];
                out.push(
                    cx.finding(
                        &DEF,
                        "/item/basic_code",
                        format!(
                            "基本编码“{basic}”与实施编码第 20–{} 位“{tail}”不一致",
                            19 + n
                        ),
                        format!(
                            "basic code `{basic}` differs from `{tail}`, characters 20–{} of the implementation code",
                            19 + n
                        ),
                    )
                    .with_related(here(), cx.pick("实施编码", "implementation code"))
                    .with_help(cx.pick(
                        "核对基本编码和实施编码是否取自同一事项；实施编码第 20 位起是基本编码（或业务办理项编码）",
                        "check that both codes belong to the same item; the implementation code carries the basic (or handling-item) code from character 20",
                    )),
                );
            }
        }

        if let Some(handle) = cx.str("/item/handle_item_code")
            && handle.chars().count() == 14
            && parts.tail.len() == 14
            && !handle.eq_ignore_ascii_case(parts.tail)
        {
            let tail = parts.tail;
            out.push(
                cx.finding(
                    &DEF,
                    "/item/handle_item_code",
                    format!("业务办理项编码“{handle}”与实施编码第 20–33 位“{tail}”不一致"),
                    format!(
                        "handling-item code `{handle}` differs from `{tail}`, characters 20–33 of the implementation code"
                    ),
                )
                .with_related(here(), cx.pick("实施编码", "implementation code")),
            );
        }

        if let Some(dept) = cx.str("/department_code")
            && dept.chars().count() == 18
            && !dept.eq_ignore_ascii_case(parts.agency)
        {
            let agency = parts.agency;
            out.push(
                cx.finding(
                    &DEF,
                    "/department_code",
                    format!("实施主体编码“{dept}”与实施编码前 18 位“{agency}”不一致"),
                    format!(
                        "department code `{dept}` differs from `{agency}`, the first 18 characters of the implementation code"
                    ),
                )
                .with_related(here(), cx.pick("实施编码", "implementation code"))
                .with_help(cx.pick(
                    "实施编码的前 18 位就是实施主体编码；核对是否由其他实施主体的指南复制而来",
                    "the first 18 characters of the implementation code are the department code; check whether the guide was copied from another agency's",
                )),
            );
        }

        if let Some(level) = level_name(parts.level)
            && let Some(levels) = cx.get("/exercise_level").and_then(Value::as_array)
            && !levels.is_empty()
            && !levels.iter().any(|l| l == level)
        {
            let listed: Vec<&str> = levels.iter().filter_map(Value::as_str).collect();
            let digit = parts.level;
            out.push(
                cx.finding(
                    &DEF,
                    "/exercise_level",
                    format!(
                        "实施编码第 19 位行使层级为“{digit}”（{level}），但行使层级只列了 {}",
                        listed.join("、")
                    ),
                    format!(
                        "character 19 of the implementation code is level `{digit}` ({level}), which exercise_level does not list ({})",
                        listed.join(", ")
                    ),
                )
                .with_related(here(), cx.pick("实施编码", "implementation code"))
                .with_help(cx.pick(
                    "行使层级代码：1 国家级、2 省级、3 市级、4 县级、5 乡镇级",
                    "level digits: 1 国家级, 2 省级, 3 市级, 4 县级, 5 乡镇级",
                )),
            );
        }
    }
}
