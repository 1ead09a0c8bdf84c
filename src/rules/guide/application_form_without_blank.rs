//! TB211: every application form comes with a blank form or a sample.

use super::form_name_without_title_marks::is_form;
use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB211 application-form-without-blank.
pub(super) struct ApplicationFormWithoutBlank;

static DEF: Def = Def {
    check: Check {
        code: "TB211",
        name: "application-form-without-blank",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "申请表未提供空白表格或示例样表",
        summary_en: "application form has neither a blank form nor a sample",
        doc: Doc {
            what: Text {
                zh: "对每一项属于表格的材料（见 `form-name-without-title-marks`：名称以表、表格、申请书、登记书结尾，或类别为申请表格文书），要求提供 `blank_form`（空白表格）或 `sample`（示例样表）。",
                en: r#"For every material that is a form (see `form-name-without-title-marks`: names ending in 表,
表格, 申请书, 登记书, or category 申请表格文书), requires `blank_form` (空白表格) or `sample`
(示例样表)."#,
            },
            why: Text {
                zh: "国家材料表正是为此设有 `form_guid`（空白表格）和 `example_guid`（示例样表）：申请人下载不到表格，就只能跑到窗口去领，网上办和跨省通办也就无从谈起。",
                en: r#"The national material table has `form_guid` (空白表格) and `example_guid` (示例样表) for
exactly this: an applicant who cannot download the form has to visit the office to get it,
which defeats 网上办 and 跨省通办."#,
            },
            example: Sample::yaml(
                r#"
materials:
  - name: 《合伙企业登记（备案）申请书》
    category: 申请表格文书
"#,
            ),
            instead: Sample::yaml(
                r#"
materials:
  - name: 《合伙企业登记（备案）申请书》
    category: 申请表格文书
    blank_form: https://zwfw.example.gov.cn/forms/hhqy-sqs.docx
    sample: https://zwfw.example.gov.cn/forms/hhqy-sqs-sample.pdf
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for ApplicationFormWithoutBlank {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (pointer, m) in cx.materials() {
            let Some(name) = m.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            let category = m.get("category").and_then(|v| v.as_str());
            if is_form(name, category) && !m.contains_key("blank_form") && !m.contains_key("sample")
            {
                out.push(
                    cx.finding(
                        &DEF,
                        &format!("{pointer}/name"),
                        format!("申请表“{name}”没有提供空白表格（blank_form）或示例样表（sample）"),
                        format!("form `{name}` has neither a blank form (blank_form) nor a sample (sample)"),
                    )
                    .with_help(cx.pick(
                        "填写空白表格或示例样表的下载地址或文件名",
                        "add the download address or file name of the blank form or sample",
                    )),
                );
            }
        }
    }
}
