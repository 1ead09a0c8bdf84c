//! TB304: 同一事项在各地区的主管部门不一致 (四级四同).

use crate::diagnostic::{Check, Doc, Kind, Sample, Severity, Text};
use crate::rules::rule::{CrossRule, Def};

/// TB304 inconsistent-competent-department.
pub(super) struct CrossCompetentDepartment;

static DEF: Def = Def {
    check: Check {
        code: "TB304",
        name: "inconsistent-competent-department",
        severity: Severity::Warning,
        kind: Kind::CrossRegion,
        summary_zh: "同一事项在各地区的主管部门不一致",
        summary_en: "an item's competent department differs between regions",
        doc: Doc {
            what: Text {
                zh: r#"跨地区规则：能看到一次运行中的全部指南。同一事项的指南——基本编码相同或事项名称相同——按 `competent_department`（主管部门）比较，比较前统一写法。
有国家基准（`region.code: "100000"`）时以其取值为参照；否则以最常见的取值为参照（并列时取按路径顺序最先遇到的值）。与参照不同的指南会被报告，消息中列出与参照一致的文件。未写该要素的指南跳过。"#,
                en: r#"A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on `competent_department` (主管部门), folded.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped."#,
            },
            why: super::FOUR_SAME,
            example: super::two_guides(
                r#"
competent_department: 国家卫生健康委员会办公厅
"#,
            ),
            instead: Sample::yaml(
                r#"
competent_department: 国家卫生健康委员会
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl CrossRule for CrossCompetentDepartment {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn pointer(&self) -> &'static str {
        "/competent_department"
    }

    fn title(&self) -> &'static str {
        "主管部门"
    }

    fn title_en(&self) -> &'static str {
        "competent department"
    }
}
