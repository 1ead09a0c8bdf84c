//! TB224: the consultation and the complaint phone are different numbers.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB224 same-contact-phones.
pub(super) struct SameContactPhones;

static DEF: Def = Def {
    check: Check {
        code: "TB224",
        name: "same-contact-phones",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "咨询电话与投诉电话相同",
        summary_en: "consultation and complaint phone numbers are the same",
        doc: Doc {
            what: Text {
                zh: "比较 `contact.consultation_phone`（咨询电话）与 `contact.complaint_phone`（投诉电话），忽略空格、横线和括号，两者为同一号码时报告。",
                en: r#"Compares `contact.consultation_phone` (咨询电话) with `contact.complaint_phone` (投诉电话),
ignoring spaces, dashes and brackets, and reports them when they are the same number."#,
            },
            why: Text {
                zh: "投诉应打给监督该办理机构的单位（监督投诉），而不是被投诉的机构本身：国家政务服务平台交换表把咨询方式（`link_way`）和监督投诉方式（`supervise_way`）分开，浙江政务服务网上温州市本级事项的一个公开检查工具也报告“咨询电话和投诉电话不同且必须有”。两处号码相同，通常是把一个复制到了另一个。",
                en: r#"Complaints go to a body that supervises the office (监督投诉), not to the office being
complained about: the exchange table of the national 政务服务平台 keeps 咨询方式 (`link_way`)
and 监督投诉方式 (`supervise_way`) apart, and a public checker of 温州市本级 事项 on 浙江政务服务网
reports "咨询电话和投诉电话不同且必须有". The same number in both usually means one was copied
into the other."#,
            },
            example: Sample::yaml(
                r#"
contact:
  consultation_phone: 0577-88888888
  complaint_phone: 0577-88888888
"#,
            ),
            instead: Sample::yaml(
                r#"
contact:
  consultation_phone: 0577-88888888
  complaint_phone: 0577-12345
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// The number without spaces, dashes and brackets (no allocation: this runs on every guide).
fn digits(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）'))
}

impl Rule for SameContactPhones {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let (Some(ask), Some(complain)) = (
            cx.str("/contact/consultation_phone"),
            cx.str("/contact/complaint_phone"),
        ) else {
            return;
        };
        if digits(ask).next().is_none() || !digits(ask).eq(digits(complain)) {
            return;
        }
        out.push(
            cx.finding(
                &DEF,
                "/contact/complaint_phone",
                format!("投诉电话“{complain}”与咨询电话相同"),
                format!("complaint phone `{complain}` is the consultation phone"),
            )
            .with_related(
                cx.doc.locate("/contact/consultation_phone", &cx.source.text),
                cx.pick("咨询电话", "consultation phone"),
            )
            .with_help(cx.pick(
                "投诉电话应为监督投诉机构的电话（如 12345 政务服务便民热线），不应与咨询电话相同",
                "the complaint phone reaches the supervising body (e.g. the 12345 hotline), not the office itself",
            )),
        );
    }
}
