//! Lint rules beyond the schema: what the standards say that JSON Schema cannot express.
//! Each rule sees one parsed guide and its spans; it never computes line or column itself.
//!
//! This module is also the registry of everything `tongban` can report: the input and schema
//! checks of [`crate::diagnostic::CHECKS`], the single-guide rules of [`RULES`], the cross-region
//! rules of [`CROSS_RULES`], and the configuration/suppression checks. Adding a rule = one file,
//! one line in `RULES`, one fixture folder, one reviewed snapshot (see CONTRIBUTING.md).

use serde_json::Value;

use crate::diagnostic::{CHECKS, Check, Finding, Lang};
use crate::load::Document;
use crate::source::Source;

pub mod agreement;
pub mod codes;
pub mod coverage;
pub mod cross;
pub mod docs;
pub mod fixes;
pub mod licences;
pub mod names;
pub use crate::regions;

mod application_form_without_blank;
mod basic_code_length;
mod case_type_time_limit;
mod credit_code_checksum;
mod duplicate_material;
mod fee_basis_without_fee;
mod fee_without_basis;
mod form_name_without_title_marks;
mod full_online_with_visits;
mod implementation_code_checksum;
mod implementation_code_length;
mod implementation_code_mismatch;
mod invalid_region_code;
mod legal_basis_without_title_marks;
mod negative_visits;
mod no_visit_no_channel;
mod paper_copy_of_e_licence;
mod phone_format;
mod promised_exceeds_legal;
mod region_code_mismatch;
mod region_code_not_in_table;
mod same_contact_phones;
mod unknown_situation;
mod visits_without_reason;

mod cross_basic_code;
mod cross_competent_department;
mod cross_implementing_agency;
mod cross_item_name;
mod cross_item_type;
mod cross_legal_basis;

/// Data rules consult besides the guide itself.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Electronic licences recognised nationwide (电子证照).
    pub licences: licences::Licences,
    /// The material synonyms dictionary (`catalogs/materials.yaml` format), the same one
    /// `tongban diff` aligns materials with.
    pub synonyms: crate::ontology::Ontology,
    /// Material names read with `synonyms`, once per distinct wording (TB209).
    pub readings: crate::requirement::Readings,
}

/// What a rule sees of one guide.
pub struct Context<'a> {
    /// The parsed guide.
    pub doc: &'a Document,
    /// Its text (for spans).
    pub source: &'a Source,
    /// Message language.
    pub lang: Lang,
    /// Licence and synonym tables.
    pub data: &'a Data,
}

impl Context<'_> {
    /// The value at `pointer`, if present.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        crate::load::lookup(&self.doc.value, pointer)
    }

    /// The string at `pointer`, if present and a string.
    pub fn str(&self, pointer: &str) -> Option<&str> {
        self.get(pointer).and_then(Value::as_str)
    }

    /// A finding of `def` located at `pointer`, with the message in the context's language.
    pub fn finding(&self, def: &Def, pointer: &str, zh: String, en: String) -> Finding {
        let span = self.doc.locate(pointer, &self.source.text);
        let message = match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        };
        Finding::new(def.check, message, span).with_pointer(pointer)
    }

    /// The guide's materials, with their pointers (`/materials/0` …).
    pub fn materials(&self) -> impl Iterator<Item = (String, &serde_json::Map<String, Value>)> {
        self.get("/materials")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, m)| Some((format!("/materials/{i}"), m.as_object()?)))
    }

    /// Chooses between a Chinese and an English text.
    pub fn pick<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }
}

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct Def {
    /// Code, name, default severity and one-line summaries.
    pub check: Check,
    /// Markdown with the headings What it does / Why is this bad? / Example / Use instead.
    pub doc: &'static str,
    /// Schema checks this rule explains better: a finding of this rule at a pointer removes
    /// findings of these codes at the same pointer (e.g. the length of 实施编码 vs TB105).
    pub supersedes: &'static [&'static str],
}

/// A rule that looks at one guide.
pub trait Rule: Sync {
    /// Identity and documentation.
    fn def(&self) -> &'static Def;
    /// Appends this rule's findings for one guide.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// A rule that compares one element of the same item across several guides (regions).
pub trait CrossRule: Sync {
    /// Identity and documentation.
    fn def(&self) -> &'static Def;
    /// The element's pointer in a guide.
    fn pointer(&self) -> &'static str;
    /// The element's value in one guide, normalised for comparison (`None` when absent).
    /// By default: the string at [`CrossRule::pointer`], folded (NFKC, no whitespace).
    fn value(&self, doc: &Value) -> Option<String> {
        Some(cross::fold(
            crate::load::lookup(doc, self.pointer())?.as_str()?,
        ))
    }
    /// The element's Chinese title, for messages.
    fn title(&self) -> &'static str;
    /// The element's English title, for messages.
    fn title_en(&self) -> &'static str;
    /// Whether the national baseline (`100000`) takes part. National bodies are named
    /// differently (总局, 部), so comparing agencies with it would say nothing.
    fn compares_national(&self) -> bool {
        true
    }
    /// Whether a guide's value agrees with the reference value (equality unless overridden).
    fn agrees(&self, value: &str, reference: &str) -> bool {
        value == reference
    }
}

/// Every single-guide rule, sorted by code.
pub const RULES: &[&dyn Rule] = &[
    &promised_exceeds_legal::PromisedExceedsLegal,
    &implementation_code_length::ImplementationCodeLength,
    &implementation_code_checksum::ImplementationCodeChecksum,
    &basic_code_length::BasicCodeLength,
    &invalid_region_code::InvalidRegionCode,
    &region_code_not_in_table::RegionCodeNotInTable,
    &region_code_mismatch::RegionCodeMismatch,
    &credit_code_checksum::CreditCodeChecksum,
    &duplicate_material::DuplicateMaterial,
    &form_name_without_title_marks::FormNameWithoutTitleMarks,
    &application_form_without_blank::ApplicationFormWithoutBlank,
    &fee_basis_without_fee::FeeBasisWithoutFee,
    &negative_visits::NegativeVisits,
    &full_online_with_visits::FullOnlineWithVisits,
    &paper_copy_of_e_licence::PaperCopyOfELicence,
    &legal_basis_without_title_marks::LegalBasisWithoutTitleMarks,
    &phone_format::PhoneFormat,
    &implementation_code_mismatch::ImplementationCodeMismatch,
    &unknown_situation::UnknownSituation,
    &case_type_time_limit::CaseTypeTimeLimit,
    &visits_without_reason::VisitsWithoutReason,
    &no_visit_no_channel::NoVisitNoChannel,
    &fee_without_basis::FeeWithoutBasis,
    &same_contact_phones::SameContactPhones,
];

/// Every cross-region rule (四级四同), sorted by code.
pub const CROSS_RULES: &[&dyn CrossRule] = &[
    &cross_item_name::CrossItemName,
    &cross_basic_code::CrossBasicCode,
    &cross_item_type::CrossItemType,
    &cross_competent_department::CrossCompetentDepartment,
    &cross_implementing_agency::CrossImplementingAgency,
    &cross_legal_basis::CrossLegalBasis,
];

/// What kind of thing an entry of the registry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Reading and parsing the file (TB0xx).
    Input,
    /// The schema (TB1xx).
    Schema,
    /// A rule on one guide (TB2xx).
    Guide,
    /// A rule across regions (TB3xx).
    CrossRegion,
    /// Configuration and suppressions (TB4xx).
    Meta,
    /// Agreement files and agreement coverage (TB5xx).
    Agreement,
}

impl Kind {
    /// Lower-case English name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Schema => "schema",
            Kind::Guide => "guide",
            Kind::CrossRegion => "cross-region",
            Kind::Meta => "config",
            Kind::Agreement => "agreement",
        }
    }
}

/// One reportable thing: a check or a rule, with its documentation.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Code, name, default severity, summaries.
    pub check: Check,
    /// Markdown documentation with the four headings.
    pub doc: &'static str,
    /// Input, schema, guide, cross-region or config.
    pub kind: Kind,
}

static REGISTRY: std::sync::LazyLock<Vec<Entry>> = std::sync::LazyLock::new(build_registry);

/// Everything tongban can report, sorted by code.
pub fn registry() -> &'static [Entry] {
    &REGISTRY
}

fn build_registry() -> Vec<Entry> {
    let mut all: Vec<Entry> = CHECKS
        .iter()
        .map(|c| Entry {
            check: *c,
            doc: docs::check_doc(c.code),
            kind: match c.code.as_bytes().get(2) {
                Some(b'0') => Kind::Input,
                Some(b'1') => Kind::Schema,
                _ => Kind::Meta,
            },
        })
        .collect();
    all.extend(RULES.iter().map(|r| Entry {
        check: r.def().check,
        doc: r.def().doc,
        kind: Kind::Guide,
    }));
    all.extend(CROSS_RULES.iter().map(|r| Entry {
        check: r.def().check,
        doc: r.def().doc,
        kind: Kind::CrossRegion,
    }));
    all.extend(
        coverage::RULES
            .iter()
            .chain(agreement::CHECKS)
            .map(|d| Entry {
                check: d.check,
                doc: d.doc,
                kind: Kind::Agreement,
            }),
    );
    all.sort_by_key(|e| e.check.code);
    all
}

/// Finds a check or rule by code (`TB201`, any case) or kebab-case name.
pub fn lookup(code_or_name: &str) -> Option<Entry> {
    let key = code_or_name.trim();
    registry()
        .iter()
        .find(|e| e.check.code.eq_ignore_ascii_case(key) || e.check.name == key)
        .copied()
}

/// Does `code` name a cross-region rule?
pub fn is_cross(code: &str) -> bool {
    CROSS_RULES.iter().any(|r| r.def().check.code == code)
}

/// Runs every single-guide rule on one guide, appending findings; then drops schema findings
/// that a rule explains better (see [`Def::supersedes`]).
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    for rule in RULES {
        rule.check(cx, &mut found);
    }
    out.retain(|f| {
        !found.iter().any(|r| {
            r.pointer == f.pointer
                && RULES
                    .iter()
                    .find(|rule| rule.def().check.code == r.code)
                    .is_some_and(|rule| rule.def().supersedes.contains(&f.code))
        })
    });
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_unique_and_sorted() {
        let all = registry();
        for pair in all.windows(2) {
            assert!(
                pair[0].check.code < pair[1].check.code,
                "{:?}",
                pair[0].check
            );
        }
        let mut names: Vec<_> = all.iter().map(|e| e.check.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "names must be unique");
        for pair in RULES.windows(2) {
            assert!(pair[0].def().check.code < pair[1].def().check.code);
        }
        for pair in CROSS_RULES.windows(2) {
            assert!(pair[0].def().check.code < pair[1].def().check.code);
        }
    }

    #[test]
    fn codes_are_in_their_ranges() {
        for r in RULES {
            assert!(
                r.def().check.code.starts_with("TB2"),
                "{}",
                r.def().check.code
            );
        }
        for r in CROSS_RULES {
            assert!(
                r.def().check.code.starts_with("TB3"),
                "{}",
                r.def().check.code
            );
        }
    }

    #[test]
    fn names_are_kebab_case() {
        for e in registry() {
            let n = e.check.name;
            assert!(
                !n.is_empty()
                    && n.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !n.starts_with('-')
                    && !n.ends_with('-'),
                "{n}"
            );
        }
    }

    #[test]
    fn every_doc_has_the_headings() {
        for e in registry() {
            let mut at = 0;
            for h in docs::HEADINGS {
                let found = e.doc[at..].find(&format!("## {h}\n"));
                assert!(
                    found.is_some(),
                    "{}: missing or misplaced `## {h}`",
                    e.check.code
                );
                at += found.unwrap_or(0);
            }
        }
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("tb201").map(|e| e.check.code), Some("TB201"));
        assert_eq!(
            lookup("missing-element").map(|e| e.check.code),
            Some("TB101")
        );
        assert!(lookup("TB999").is_none());
    }
}
