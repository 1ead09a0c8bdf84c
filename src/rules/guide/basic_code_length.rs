//! TB204: 基本编码 has 12 characters, or 14 with its 业务办理项 suffix.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB204 basic-code-length.
pub(super) struct BasicCodeLength;

static DEF: Def = Def {
    check: Check {
        code: "TB204",
        name: "basic-code-length",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "基本编码不是 12 位或 14 位",
        summary_en: "basic code (基本编码) is not 12 or 14 characters",
        doc: Doc {
            what: Text {
                zh: "统计 `item.basic_code`（基本编码）的字符数，报告 12 位或 14 位（12 位编码后接 2 位业务办理项序号）以外的长度。对该要素，它取代通用的格式检查结果（TB105）。",
                en: r#"Counts the characters of `item.basic_code` (基本编码) and reports any length other than 12,
or 14 (the 12-character code followed by the 2-digit 业务办理项 number). It replaces the
generic format finding (TB105) for that element."#,
            },
            why: Text {
                zh: "国家基本编码为 12 位（国家政务服务平台交换表中为 `catalog_code varchar(12)`）。门户也会连同 2 位办理项后缀显示：山东临沂门户（http://lyzwfw.sd.gov.cn）对实施编码 `11371300004448355A3372014917003` 给出基本编码 `37201491700302`；云南砚山县的目录（http://yanshan.gov.cn/view/xzsx/155592.html）在子项 `000131127004` 下编号办理项 `00013112700401`–`03`；主项编码以 `Y` 结尾（`00013112700Y`）。基本编码是各省对齐同一事项（“四级四同”）的键；地方编码或截断的编码会破坏这种对齐。",
                en: r#"The national 基本编码 is 12 characters (`catalog_code varchar(12)` in the exchange tables of
the national 政务服务平台). Portals also show it with the 2-digit 办理项 suffix: the 山东 临沂
portal (http://lyzwfw.sd.gov.cn) gives 基本编码 `37201491700302` for the 实施编码
`11371300004448355A3372014917003`, and the 云南 砚山县 catalogue
(http://yanshan.gov.cn/view/xzsx/155592.html) numbers 办理项 `00013112700401`–`03` under the
子项 `000131127004`; 主项 codes end in `Y` (`00013112700Y`). The code is the key that aligns
one item across provinces ("四级四同"); a local or truncated code breaks that alignment."#,
            },
            example: Sample::yaml(
                r#"
item:
  basic_code: "00011501500"
"#,
            ),
            instead: Sample::yaml(
                r#"
item:
  basic_code: "000115015005"
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &["TB105"],
};

impl Rule for BasicCodeLength {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/item/basic_code";
        let Some(code) = cx.str(pointer) else { return };
        let n = code.chars().count();
        if n != 12 && n != 14 {
            out.push(
                cx.finding(
                    &DEF,
                    pointer,
                    format!("基本编码应为 12 位（或带 2 位业务办理项序号的 14 位），实际为 {n} 位"),
                    format!(
                        "basic code has {n} characters; it must have 12 (or 14 with the 2-digit handling-item number)"
                    ),
                )
                .with_help(cx.pick(
                    "基本编码是国家事项目录中的 12 位编码；地方编码请填在 item.local_code",
                    "the 基本编码 is the 12-character code of the national catalogue; put local codes in item.local_code",
                )),
            );
        }
    }
}
