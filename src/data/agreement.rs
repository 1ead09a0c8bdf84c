//! 跨省通办 agreements and lists (`catalogs/agreements/*.yaml`): loading, validation against their
//! own schema (`schemas/agreement.schema.json`) with located findings, and the parsed value the
//! coverage report works on. Nothing here reads guides or prints.

use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use crate::data::normalize::normalize;
use crate::data::regions;
use crate::diagnostic::{FileReport, Finding, Lang, Severity};
use crate::load::{self, Document, Limits};
use crate::schema::Schema;
use crate::source::Source;

/// The agreement schema, embedded in the binary.
pub(crate) const AGREEMENT_SCHEMA: &str = include_str!("../../schemas/agreement.schema.json");

/// The compiled agreement schema (compiled once per process).
pub(crate) fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::embedded(AGREEMENT_SCHEMA, "agreement")
            .expect("the embedded agreement schema compiles (tested)")
    })
}

/// A member region of an agreement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Member {
    /// GB/T 2260 code (province, city or county).
    pub code: String,
    /// Name as the agreement gives it.
    pub name: String,
    /// Province, city or county, derived from the code.
    pub level: regions::Level,
    /// Note, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An item the agreement lists.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AgreedItem {
    /// 事项名称.
    pub name: String,
    /// Normalised name (for alignment with guides).
    #[serde(skip)]
    pub key: String,
    /// The source's own wording, normalised (also aligned), if given.
    #[serde(skip)]
    pub alias_key: Option<String>,
    /// 基本编码, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic_code: Option<String>,
    /// The source's wording, if it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// Agreed handling modes (empty: the source does not say).
    pub modes: Vec<String>,
    /// Note, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// JSON pointer of the entry in the agreement file.
    #[serde(skip)]
    pub pointer: String,
}

impl AgreedItem {
    /// Whether a guide with this normalised name and 基本编码 is this item: by 基本编码 when
    /// both have one, else by normalised name (or the source's wording).
    pub(crate) fn matches(&self, key: &str, basic_code: Option<&str>) -> bool {
        match (&self.basic_code, basic_code) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => self.key == key || self.alias_key.as_deref() == Some(key),
        }
    }
}

/// Where the agreement's facts come from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AgreementSource {
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Document or report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// `complete` or `partial`.
    pub completeness: String,
    /// Note (e.g. "报道称共40项，仅列出已公开的 1 项").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What an agreement says about itself: everything but its members and items. Shared, flattened,
/// by the parsed agreement and by its coverage report.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementInfo {
    /// The file, as named.
    pub path: String,
    /// 协议名称.
    pub name: String,
    /// 简称.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Legal basis documents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
    /// Modes the source gives for the whole agreement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<String>,
    /// Source.
    pub source: AgreementSource,
    /// Note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether guides of lower-level regions count toward a member that contains them.
    pub counts_toward_province: bool,
    /// The number of items the source says the agreement has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items_total: Option<u64>,
}

impl AgreementInfo {
    /// The short name, else the name.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Whether the source covers only part of the agreement.
    pub fn partial(&self) -> bool {
        self.source.completeness == "partial"
    }
}

/// One agreement, parsed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Agreement {
    /// What the agreement says about itself.
    #[serde(flatten)]
    pub info: AgreementInfo,
    /// Members.
    pub members: Vec<Member>,
    /// The items listed.
    pub items: Vec<AgreedItem>,
}

/// A loaded agreement file: its report (findings, possibly none) and, when it has no
/// error-severity finding, the parsed agreement.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// Findings on the file (input, schema, TB5xx).
    pub report: FileReport,
    /// The agreement, when the file is valid.
    pub agreement: Option<Agreement>,
    /// The parsed document (to locate findings in it later).
    pub document: Option<Document>,
}

/// The checks of an agreement file beyond its schema (the TB5xx agreement rules, declared and run
/// in `rules::agreement`): they add findings for a document that passed the schema.
pub(crate) type Checks = fn(&Document, &Source, Lang, &mut Vec<Finding>);

/// Loads, validates (schema, then `checks`) and parses one agreement file.
pub(crate) fn load_file(
    path: &Path,
    name: String,
    limits: &Limits,
    lang: Lang,
    checks: Checks,
) -> Loaded {
    let loaded = load::load_file(path, name, limits, lang);
    from_loaded(loaded, lang, checks)
}

/// Validates (schema, then `checks`) and parses an already loaded file; an error-severity
/// finding leaves it unparsed.
pub(crate) fn from_loaded(loaded: load::Loaded, lang: Lang, checks: Checks) -> Loaded {
    let mut findings = loaded.findings;
    let mut agreement = None;
    if let Some(doc) = &loaded.document {
        findings.extend(schema().check(doc, &loaded.source, lang));
        if findings.iter().all(|f| f.severity != Severity::Error) {
            checks(doc, &loaded.source, lang, &mut findings);
        }
        if findings.iter().all(|f| f.severity != Severity::Error) {
            agreement = Some(parse(&doc.value, &loaded.source.name));
        }
    }
    let mut report = FileReport {
        source: loaded.source,
        findings,
    };
    report.sort();
    Loaded {
        report,
        agreement,
        document: loaded.document,
    }
}

/// Validates the findings of an agreement file for `tongban lint` (same findings as `load`).
pub(crate) fn lint(loaded: load::Loaded, lang: Lang, checks: Checks) -> FileReport {
    from_loaded(loaded, lang, checks).report
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Builds the agreement from a document the schema accepted.
fn parse(v: &Value, path: &str) -> Agreement {
    let members = v
        .get("members")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|m| {
            let code = text(m, "code")?;
            Some(Member {
                level: regions::level(&code).unwrap_or(regions::Level::County),
                name: text(m, "name").unwrap_or_default(),
                note: text(m, "note"),
                code,
            })
        })
        .collect();
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let name = text(it, "name")?;
            let as_written = text(it, "as_written");
            Some(AgreedItem {
                key: normalize(&name),
                alias_key: as_written.as_deref().map(normalize),
                basic_code: text(it, "basic_code").map(|c| c.to_ascii_uppercase()),
                as_written,
                modes: strings(it, "modes"),
                note: text(it, "note"),
                pointer: format!("/items/{i}"),
                name,
            })
        })
        .collect();
    let s = v.get("source").cloned().unwrap_or(Value::Null);
    Agreement {
        info: AgreementInfo {
            path: path.to_owned(),
            name: text(v, "name").unwrap_or_default(),
            short_name: text(v, "short_name"),
            date: text(v, "date"),
            basis: strings(v, "basis"),
            modes: strings(v, "modes"),
            source: AgreementSource {
                url: text(&s, "url"),
                document: text(&s, "document"),
                publisher: text(&s, "publisher"),
                published: text(&s, "published"),
                completeness: text(&s, "completeness").unwrap_or_else(|| "partial".into()),
                note: text(&s, "note"),
            },
            note: text(v, "note"),
            counts_toward_province: v
                .get("counts_toward_province")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            items_total: v.get("items_total").and_then(Value::as_u64),
        },
        members,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Loaded {
        let loaded = load::load_bytes(
            "a.yaml".into(),
            text.as_bytes(),
            &Limits::default(),
            Lang::En,
        );
        from_loaded(loaded, Lang::En, crate::rules::agreement::check)
    }

    #[test]
    fn schema_compiles() {
        // The docs of the checks are guarded with every other check's, in `rules`.
        let _ = schema();
    }

    #[test]
    fn parses_and_checks() {
        let l = load_str(
            r#"
name: 测试协议
counts_toward_province: true
members:
  - {code: "320300", name: 徐州市}
  - {code: "320300", name: 宿迁市}
  - {code: "320399", name: 不存在}
items:
  - {name: 购房提取住房公积金, modes: [两地联办]}
  - {name: 《购房提取住房公积金》}
source: {document: 测试, retrieved: "2026-11-26", completeness: partial}
"#,
        );
        let codes: Vec<&str> = l.report.findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            ["TB503", "TB504", "TB505"],
            "{:?}",
            l.report.findings
        );
        assert!(l.agreement.is_none());
    }

    #[test]
    fn schema_errors_are_located() {
        let l = load_str(
            r#"
name: 测试协议
members: [{code: "32030", name: 徐州市}]
items: [{name: 失业登记, modes: [网办]}]
source: {document: 测试, retrieved: "2026-11-26", completeness: partial}
"#,
        );
        let pointers: Vec<&str> = l
            .report
            .findings
            .iter()
            .map(|f| f.pointer.as_str())
            .collect();
        assert!(pointers.contains(&"/members/0/code"), "{pointers:?}");
        assert!(pointers.contains(&"/items/0/modes/0"), "{pointers:?}");
        assert!(l.agreement.is_none());
    }

    #[test]
    fn alignment_by_code_then_name() {
        let l = load_str(
            r#"
name: 测试协议
members: [{code: "320300", name: 徐州市}]
items:
  - {name: 社会保障卡申领, as_written: 社保卡申领}
  - {name: 合伙企业设立登记, basic_code: "000115015005"}
source: {document: 测试, retrieved: "2026-11-26", completeness: complete}
"#,
        );
        let a = l.agreement.expect("valid");
        assert!(a.items[0].matches(&normalize("社保卡申领"), None));
        assert!(a.items[0].matches(&normalize("社会保障卡 申领"), None));
        assert!(a.items[1].matches("whatever", Some("000115015005")));
        assert!(!a.items[1].matches(&normalize("合伙企业设立登记"), Some("000115015099")));
        assert!(a.items[1].matches(&normalize("合伙企业设立登记"), None));
        assert_eq!(a.members[0].level, regions::Level::City);
    }
}
