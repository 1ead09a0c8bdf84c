//! TB210: form and table names are written with 《》.

use std::ops::Range;

use crate::diagnostic::{
    Applicability, Check, Doc, Edit, Finding, Fix, FixDoc, Kind, Lang, Sample, Severity, Text,
};
use crate::rules::rule::{Context, Def, Rule};

/// TB210 form-name-without-title-marks.
pub(super) struct FormNameWithoutTitleMarks;

/// The fix of a name that is a form's title.
const MARK_TITLE: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "Puts the form's name in 《》 (`生育服务登记表` → `《生育服务登记表》`).",
    text_zh: "给表格名称加上《》（`生育服务登记表` → `《生育服务登记表》`）。",
};

/// The fix of a name that may not be the form's title.
const MARK_DOUBTFUL_TITLE: FixDoc = FixDoc {
    applicability: Applicability::Unsafe,
    text: "The same for a name that may not be the form's title: a bare generic word of three \
           characters or fewer (`申请书`, `登记表`) or a description (`全体合伙人签署的设立登记申请书`, \
           with 的) — find the form's real title first.",
    text_zh: "对可能不是表格标题的名称同样处理：三个字以内的泛称（`申请书`、`登记表`）或描述性文字\
              （`全体合伙人签署的设立登记申请书`，含“的”）——请先查明表格的正式名称。",
};

static DEF: Def = Def {
    check: Check {
        code: "TB210",
        name: "form-name-without-title-marks",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "表格、申请书名称未使用书名号《》",
        summary_en: "form or table name is not written with 《》",
        doc: Doc {
            what: Text {
                zh: "报告属于表格的材料——名称以表、表格、申请书或登记书结尾，或 `category` 为申请表格文书且名称以书或单结尾——但名称中没有《》的情况。",
                en: r#"Reports a material that is a form — its name ends in 表, 表格, 申请书 or 登记书, or its
`category` is 申请表格文书 and its name ends in 书 or 单 — when the name contains no 《》."#,
            },
            why: Text {
                zh: "表格有标题，中文公文把文件和表格的标题放在书名号中（GB/T 15834《标点符号用法》）。加上《》，所指的表格就明确无误，可以与空白模板对应，也可以跨地区对应；不加，“生育服务登记表”读起来只是一段描述。",
                en: r#"A form has a title, and Chinese official writing puts titles of documents and forms in 书名号
(GB/T 15834 标点符号用法). With 《》 the exact form is unambiguous and can be matched with its
blank template and across regions; without them "生育服务登记表" reads as a description."#,
            },
            example: Sample::yaml(
                r#"
materials:
  - name: 生育服务登记表
"#,
            ),
            instead: Sample::yaml(
                r#"
materials:
  - name: 《生育服务登记表》
"#,
            ),
        },
        fixes: &[MARK_TITLE, MARK_DOUBTFUL_TITLE],
    },
    supersedes: &[],
};

/// Is this material a form (表格/申请书)? Shared with TB211.
pub(super) fn is_form(name: &str, category: Option<&str>) -> bool {
    let core = name.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '；' | ';' | '，' | ',' | '》' | '」' | '”')
    });
    core.ends_with('表')
        || core.ends_with("表格")
        || core.ends_with("申请书")
        || core.ends_with("登记书")
        || (category == Some("申请表格文书") && (core.ends_with('书') || core.ends_with('单')))
}

impl Rule for FormNameWithoutTitleMarks {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (pointer, m) in cx.materials() {
            let Some(name) = m.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            let category = m.get("category").and_then(|v| v.as_str());
            if is_form(name, category) && !name.contains('《') {
                out.push(
                    cx.finding(
                        &DEF,
                        &format!("{pointer}/name"),
                        format!("表格名称“{name}”应使用书名号，如《{name}》"),
                        format!("form name `{name}` should be written with 《》: 《{name}》"),
                    )
                    .with_help(cx.pick(
                        "表格、申请书等文书名称加书名号《》，便于与空白表格和其他地区对齐",
                        "put the form's title in 《》 so it matches its blank template and other regions",
                    )),
                );
            }
        }
    }

    /// Puts the form's name in 《》 ([`MARK_TITLE`]): unsafe on a generic word or a description,
    /// which marking would claim is a title.
    fn fix(&self, f: &Finding, cx: &Context<'_>) -> Option<Fix> {
        let name = cx.str(&f.pointer)?;
        let inner = form_title(name)?;
        let title = &name[inner.clone()];
        let applicability = if title.chars().count() > 3 && !title.contains('的') {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        mark_title(cx, &f.pointer, name, inner, applicability)
    }
}

/// The core of a form name: without surrounding spaces and trailing punctuation.
fn form_title(name: &str) -> Option<Range<usize>> {
    if name.contains(['《', '》']) {
        return None;
    }
    let start = name.len() - name.trim_start().len();
    let core = name.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '；' | ';' | '，' | ',' | '」' | '”')
    });
    (core.len() > start).then_some(start..core.len())
}

/// The fix that puts `name[inner]`, the string at `pointer`, in 《》: two insertions in the
/// source, when it writes the value as it is (plain, or quoted without escapes). Shared with
/// TB216.
pub(super) fn mark_title(
    cx: &Context<'_>,
    pointer: &str,
    name: &str,
    inner: Range<usize>,
    applicability: Applicability,
) -> Option<Fix> {
    let offset = cx.doc.value_start(pointer, &cx.source.text, name)?;
    let title = &name[inner.clone()];
    Some(Fix {
        applicability,
        title: match cx.lang {
            Lang::Zh => format!("加书名号：《{title}》"),
            Lang::En => format!("put it in 《》: 《{title}》"),
        },
        edits: vec![
            Edit {
                range: offset + inner.start..offset + inner.start,
                replacement: "《".into(),
            },
            Edit {
                range: offset + inner.end..offset + inner.end,
                replacement: "》".into(),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Data;
    use crate::source::Source;

    #[test]
    fn marks_on_a_generic_or_descriptive_form_name_are_unsafe() {
        let text = "materials:\n  - name: 申请书\n  - name: 全体合伙人签署的设立登记申请书\n  - name: \"生育服务登记表\"\n  - name: \"a\\u4e00表\"\n";
        let loaded = crate::load::load_bytes(
            String::new(),
            text.as_bytes(),
            &Default::default(),
            Lang::En,
        );
        let doc = loaded.document.unwrap();
        let data = Data::default();
        let source = Source::new(String::new(), text);
        let cx = Context {
            doc: &doc,
            source: &source,
            lang: Lang::En,
            data: &data,
        };
        let at = |i: usize| {
            let pointer = format!("/materials/{i}/name");
            let f = cx.finding(&DEF, &pointer, String::new(), String::new());
            FormNameWithoutTitleMarks.fix(&f, &cx)
        };
        assert_eq!(at(0).map(|f| f.applicability), Some(Applicability::Unsafe));
        assert_eq!(at(1).map(|f| f.applicability), Some(Applicability::Unsafe));
        let quoted = at(2).unwrap();
        assert_eq!(quoted.applicability, Applicability::Safe);
        let mut fixed = text.to_owned();
        for e in quoted.edits.iter().rev() {
            fixed.replace_range(e.range.clone(), &e.replacement);
        }
        assert_eq!(
            fixed.lines().nth(3),
            Some("  - name: \"《生育服务登记表》\"")
        );
        // An escape inside quotes: the value's offsets are not the source's, so no fix.
        assert!(at(3).is_none());
    }
}
