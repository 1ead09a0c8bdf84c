//! TB216: a legal basis cites a law or regulation by its 《》 title.

use std::ops::Range;

use super::form_name_without_title_marks::mark_title;
use crate::diagnostic::{
    Applicability, Check, Doc, Finding, Fix, FixDoc, Kind, Sample, Severity, Text,
};
use crate::rules::rule::{Context, Def, Rule};

/// TB216 legal-basis-without-title-marks.
pub(super) struct LegalBasisWithoutTitleMarks;

/// The fix of a basis that names one law or regulation.
const MARK_LAW: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "Puts the law's name in 《》 when the basis names one law or regulation (it ends in \
           法, 条例, 规定, 办法, 决定, 细则 or 规则, optionally followed by an article such as \
           第九条): `中华人民共和国合伙企业法第九条` → `《中华人民共和国合伙企业法》第九条`. \
           Generic texts (相关法律法规) are left alone.",
    text_zh: "依据只写了一部法律或法规（以法、条例、规定、办法、决定、细则或规则结尾，后面可带条款，如第九条）时，\
              给法规名称加上《》：`中华人民共和国合伙企业法第九条` → `《中华人民共和国合伙企业法》第九条`。\
              泛指的写法（相关法律法规）保持不变。",
};

static DEF: Def = Def {
    check: Check {
        code: "TB216",
        name: "legal-basis-without-title-marks",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "设定依据未以《》标明法律法规名称",
        summary_en: "legal basis does not name a law or regulation in 《》",
        doc: Doc {
            what: Text {
                zh: "报告不含《》标题（如《中华人民共和国合伙企业法》）的 `legal_basis[].name`（设定依据）。",
                en: r#"Reports a `legal_basis[].name` (设定依据) that does not contain a title in 《》, such as
《中华人民共和国合伙企业法》."#,
            },
            why: Text {
                zh: "设定和实施依据是“四级四同”中必须跨地区一致的六个要素之一；依据以法律、法规或规范性文件的准确标题来识别。“合伙企业法”或“相关法律法规”无法比较、无法检索，也无法核实是否现行有效。",
                en: r#"设定和实施依据 is one of the six "四级四同" elements that must agree across regions; the basis
is identified by the exact title of the law, regulation or normative document. "合伙企业法" or
"相关法律法规" cannot be compared, looked up or checked for being in force."#,
            },
            example: Sample::yaml(
                r#"
legal_basis:
  - name: 合伙企业法
    article: 第九条
"#,
            ),
            instead: Sample::yaml(
                r#"
legal_basis:
  - name: 《中华人民共和国合伙企业法》
    article: 第九条
"#,
            ),
        },
        fixes: &[MARK_LAW],
    },
    supersedes: &[],
};

/// Does this text contain a non-empty 《title》?
pub(super) fn has_title(s: &str) -> bool {
    s.split('《')
        .skip(1)
        .any(|rest| rest.find('》').is_some_and(|end| end > 0))
}

impl Rule for LegalBasisWithoutTitleMarks {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(list) = cx.get("/legal_basis").and_then(|v| v.as_array()) else {
            return;
        };
        for (i, basis) in list.iter().enumerate() {
            let Some(name) = basis.get("name").and_then(|v| v.as_str()) else {
                continue;
            };
            if !has_title(name) {
                out.push(
                    cx.finding(
                        &DEF,
                        &format!("/legal_basis/{i}/name"),
                        format!("设定依据“{name}”未用书名号《》写明法律法规全称"),
                        format!("legal basis `{name}` does not give the law's full title in 《》"),
                    )
                    .with_help(cx.pick(
                        "写明法律、法规或规范性文件的全称，如《中华人民共和国合伙企业法》，条款写在 article",
                        "give the full title, e.g. 《中华人民共和国合伙企业法》, and put the article in `article`",
                    )),
                );
            }
        }
    }

    /// Puts the law's name in 《》 when the basis plainly names one law ([`MARK_LAW`]).
    fn fix(&self, f: &Finding, cx: &Context<'_>) -> Option<Fix> {
        let name = cx.str(&f.pointer)?;
        let inner = law_title(name)?;
        mark_title(cx, &f.pointer, name, inner, Applicability::Safe)
    }
}

/// Law-name endings: a basis that ends in one (maybe followed by an article) names one law or
/// regulation.
const LAW_ENDINGS: &[&str] = &["法", "条例", "规定", "办法", "决定", "细则", "规则"];

/// Where to put 《》 in a legal basis: the title's byte range, or `None` when the text does not
/// plainly name one law (generic words, several laws, marks already there).
fn law_title(name: &str) -> Option<Range<usize>> {
    if name.contains(['《', '》', '、', '，', ',', '；', ';'])
        || ["相关", "有关", "等", "各项", "法律法规"]
            .iter()
            .any(|w| name.contains(w))
    {
        return None;
    }
    let start = name.len() - name.trim_start().len();
    // An article after the title: 第九条, 第二十三条第一款 …
    let end = match name.find('第') {
        Some(i) if i > start => i,
        _ => name.trim_end().len(),
    };
    let title = name.get(start..end)?.trim_end();
    let end = start + title.len();
    (LAW_ENDINGS.iter().any(|e| title.ends_with(e)) && title.chars().count() >= 3)
        .then_some(start..end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles() {
        assert!(super::has_title("《中华人民共和国合伙企业法》第九条"));
        assert!(!super::has_title("合伙企业法"));
        assert!(!super::has_title("《》"));
    }

    #[test]
    fn law_titles() {
        use super::law_title;
        assert_eq!(
            law_title("中华人民共和国合伙企业法第九条")
                .map(|r| &"中华人民共和国合伙企业法第九条"[r]),
            Some("中华人民共和国合伙企业法")
        );
        assert_eq!(
            law_title("市场主体登记管理条例").map(|r| &"市场主体登记管理条例"[r]),
            Some("市场主体登记管理条例")
        );
        assert!(law_title("相关法律法规").is_none());
        assert!(law_title("合伙企业法、公司法").is_none());
        assert!(law_title("本级规范性文件").is_none());
    }
}
