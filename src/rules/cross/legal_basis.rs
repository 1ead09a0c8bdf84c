//! TB306: 同一事项在各地区的设定依据不一致 (四级四同).

use serde_json::Value;

use crate::diagnostic::{Check, Doc, Kind, Sample, Severity, Text};
use crate::rules::rule::fold;
use crate::rules::rule::{CrossRule, Def};

/// TB306 inconsistent-legal-basis.
pub(super) struct CrossLegalBasis;

static DEF: Def = Def {
    check: Check {
        code: "TB306",
        name: "inconsistent-legal-basis",
        severity: Severity::Warning,
        kind: Kind::CrossRegion,
        summary_zh: "同一事项在各地区的设定依据不一致",
        summary_en: "an item's legal basis differs between regions",
        doc: Doc {
            what: Text {
                zh: r#"跨地区规则：能看到一次运行中的全部指南。同一事项的指南——基本编码相同或事项名称相同——按 `legal_basis[].name`（设定依据）中引用的《》标题集合比较。地方性文件——以省名或市名开头的标题（《湖南省人口与计划生育条例》）——本就各地不同，不参与比较，没有《》的写法也不参与。指南的标题集合是参照集合的子集或超集时视为一致（转录常常不完整）；互不包含时才报告。
有国家基准（`region.code: "100000"`）时以其取值为参照；否则以最常见的取值为参照（并列时取按路径顺序最先遇到的值）。与参照不同的指南会被报告，消息中列出与参照一致的文件。未写该要素的指南跳过。"#,
                en: r#"A cross-region rule: it sees every guide of a run. Guides of the same item — sharing a
基本编码 or a 事项名称 — are compared on the set of 《》 titles cited in `legal_basis[].name` (设定依据). Local documents — titles that start with a province's or city's name (《湖南省人口与计划生育条例》) — legitimately differ and are left out, as is anything written without 《》. A guide agrees when its titles are a subset or a superset of the reference's (transcriptions are often partial); it is reported when neither includes the other.
The value of the national baseline (`region.code: "100000"`) is the reference when there is
one; otherwise the most common value is (ties: the value met first in path order). Guides that
differ from it are reported, with the
files that agree named in the message. Guides without the element are skipped."#,
            },
            why: super::FOUR_SAME,
            example: super::two_guides(
                r#"
legal_basis:
  - name: 《中华人民共和国公司法》
"#,
            ),
            instead: Sample::yaml(
                r#"
legal_basis:
  - name: 《中华人民共和国合伙企业法》
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl CrossRule for CrossLegalBasis {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn pointer(&self) -> &'static str {
        "/legal_basis"
    }

    fn value(&self, v: &Value) -> Option<String> {
        titles(v)
    }

    fn title(&self) -> &'static str {
        "设定依据"
    }

    fn title_en(&self) -> &'static str {
        "legal basis"
    }

    /// A guide that cites fewer or more of the same laws agrees (transcriptions are often
    /// partial); one that shares neither direction of inclusion does not.
    fn agrees(&self, value: &str, reference: &str) -> bool {
        let a = split(value);
        let b = split(reference);
        a.iter().all(|t| b.contains(t)) || b.iter().all(|t| a.contains(t))
    }
}

/// Is this title a local (provincial or city) document? Those legitimately differ by region.
fn is_local(title: &str) -> bool {
    local_stems().iter().any(|stem| title.starts_with(stem))
}

/// Place-name stems (湖南, 广西, 许昌 …) of the named divisions, computed once: this runs for
/// every legal-basis title of every guide.
fn local_stems() -> &'static [&'static str] {
    static STEMS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| {
        crate::data::regions::DIVISIONS
            .iter()
            .filter(|(code, _)| *code != "100000")
            .map(|(_, name)| {
                name.trim_end_matches("特别行政区")
                    .trim_end_matches("自治区")
                    .trim_end_matches(['省', '市'])
                    .trim_end_matches("壮族")
                    .trim_end_matches("回族")
                    .trim_end_matches("维吾尔")
            })
            .filter(|stem| stem.chars().count() >= 2)
            .collect()
    })
}

fn split(joined: &str) -> Vec<&str> {
    joined
        .split("》、《")
        .map(|t| t.trim_matches(['《', '》']))
        .collect()
}

fn titles(v: &Value) -> Option<String> {
    let mut titles: Vec<String> = Vec::new();
    for basis in crate::load::lookup(v, "/legal_basis")?.as_array()? {
        let Some(name) = basis.get("name").and_then(Value::as_str) else {
            continue;
        };
        for part in name.split('《').skip(1) {
            if let Some((title, _)) = part.split_once('》')
                && !title.is_empty()
                && !is_local(title)
            {
                titles.push(format!("《{}》", fold(title)));
            }
        }
    }
    titles.sort();
    titles.dedup();
    (!titles.is_empty()).then(|| titles.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_documents_are_left_out_and_subsets_agree() {
        let v = serde_json::json!({"legal_basis": [
            {"name": "《中华人民共和国合伙企业法》第九条"},
            {"name": "《湖南省人口与计划生育条例》"},
            {"name": "《广西壮族自治区人口和计划生育条例》"},
            {"name": "合伙企业登记管理办法"},
        ]});
        assert_eq!(titles(&v).as_deref(), Some("《中华人民共和国合伙企业法》"));
        let r = CrossLegalBasis;
        assert!(r.agrees("《甲法》", "《乙法》、《甲法》"));
        assert!(r.agrees("《乙法》、《甲法》", "《甲法》"));
        assert!(!r.agrees("《丙法》", "《甲法》"));
    }
}
