//! TB202: 实施编码 has 31 or 33 characters laid out as published.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::codes::{LayoutError, parse_implementation_code};
use crate::rules::rule::{Context, Def, Rule};

/// TB202 implementation-code-length.
pub(super) struct ImplementationCodeLength;

static DEF: Def = Def {
    check: Check {
        code: "TB202",
        name: "implementation-code-length",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "实施编码长度或结构不正确",
        summary_en: "implementation code (实施编码) has the wrong length or layout",
        doc: Doc {
            what: Text {
                zh: "检查 `item.implementation_code`（实施编码）的长度和结构：31 位或 33 位数字或大写字母，由 18 位实施主体编码、1 位行使层级（1–6），以及 12 位基本编码（共 31 位）或 14 位业务办理项编码（共 33 位，最后两位为数字）组成。对该要素，它取代通用的格式检查结果（TB105），并在消息中指出哪一部分有误。各部分是否与 `basic_code`、`department_code` 和 `exercise_level` 一致，由 TB218 检查。",
                en: r#"Checks the length and layout of `item.implementation_code` (实施编码): 31 or 33 digits or
capital letters, made of the 18-character 实施主体编码, one 行使层级 digit (1–6) and either
the 12-character 基本编码 (31 in all) or the 14-character 业务办理项编码 (33; its last two
characters are digits). It replaces the generic format finding (TB105) for that element with
a message that says which part is wrong. Whether the parts agree with `basic_code`,
`department_code` and `exercise_level` is TB218's job."#,
            },
            why: Text {
                zh: "已公布的实施编码正好是这两种形式。广西门户用 `taskCode=11450000007565194H200011501500504` 定位指南（33 位：实施主体编码 + `2` 省级 + 14 位办理项编码）；山东临沂门户（http://lyzwfw.sd.gov.cn，社会保障卡换领）显示 `11371300004448355A3372014917003`，行使层级为 3，基本编码为 `372014917003…`（31 位）；广东的指南显示 `1144098158137993544002014010001`（高州，县级 `4`）和 `TE44011350000011905442106041001`（番禺沙湾街，镇街级 `5`）。国家平台交换表中该列定义为 `task_code varchar(36)`。其他长度或形式的值，通常是地方实施编码（应写在 `item.local_code`）或截断的副本。行使层级 1–5 与 `use_level` 一致（1 国家级、2 省级、3 地市级、4 区县级、5 乡镇级）；6 也接受，因为该列的取值延续到 5 以后，但我们掌握的资料都没有说明它的含义。",
                en: r#"Published 实施编码 have exactly these two forms. The 广西 portal addresses a guide by
`taskCode=11450000007565194H200011501500504` (33: 实施主体编码 + `2` 省级 + 14-character
办理项编码); the 山东 临沂 portal (http://lyzwfw.sd.gov.cn, 社会保障卡换领) shows
`11371300004448355A3372014917003` with 行使层级 3 and 基本编码 `372014917003…` (31), and
广东 guides show `1144098158137993544002014010001` (高州, 县级 `4`) and
`TE44011350000011905442106041001` (番禺 沙湾街, 镇街级 `5`). The exchange tables of the
national platform size the column `task_code varchar(36)`. A value of another length or shape
is usually a local code (地方实施编码, which belongs in `item.local_code`) or a truncated copy.
Level digits 1–5 follow `use_level` (1 国家级, 2 省级, 3 地市级, 4 区县级, 5 乡镇级); 6 is
accepted because the column continues past 5, though no source we have states its meaning."#,
            },
            example: Sample::yaml(
                r#"
item:
  implementation_code: "11450000007565194H0000115015005"
"#,
            ),
            instead: Sample::yaml(
                r#"
item:
  implementation_code: "11450000007565194H2000115015005"
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &["TB105"],
};

impl Rule for ImplementationCodeLength {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/item/implementation_code";
        let Some(code) = cx.str(pointer) else { return };
        let Err(e) = parse_implementation_code(code) else {
            return;
        };
        let (zh, en) = match e {
            LayoutError::Length(n) => (
                format!("实施编码应为 31 位或 33 位，实际为 {n} 位"),
                format!("implementation code has {n} characters; it must have 31 or 33"),
            ),
            LayoutError::Character(i, c) => (
                format!("实施编码第 {} 位“{c}”不是数字或大写字母", i + 1),
                format!(
                    "implementation code: character {} `{c}` is not a digit or capital letter",
                    i + 1
                ),
            ),
            LayoutError::Level(c) => (
                format!("实施编码第 19 位应为行使层级代码（1–6），实际为“{c}”"),
                format!(
                    "implementation code: character 19 must be the level digit (1–6), found `{c}`"
                ),
            ),
            LayoutError::Suffix(s) => (
                format!("33 位实施编码的最后 2 位（业务办理项序号）应为数字，实际为“{s}”"),
                format!(
                    "a 33-character implementation code ends with the 2-digit handling-item number, found `{s}`"
                ),
            ),
        };
        out.push(cx.finding(&DEF, pointer, zh, en).with_help(cx.pick(
            "实施编码 = 18 位实施主体编码 + 1 位行使层级 + 12 位基本编码（共 31 位）或 14 位业务办理项编码（共 33 位）；地方编码请填在 item.local_code",
            "a 实施编码 is the 18-character agency code + 1 level digit + the 12-character 基本编码 (31) or the 14-character 业务办理项编码 (33); put local codes in item.local_code",
        )));
    }
}
