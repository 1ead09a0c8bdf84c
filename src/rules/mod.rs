//! Lint rules beyond the schema: what the standards say that JSON Schema cannot express.
//! Each rule sees one parsed guide and its spans; it never computes line or column itself.
//!
//! This module is also the registry of everything `tongban` can report ([`registry`]): the
//! built-in checks of [`crate::diagnostic::CHECKS`] (TB0xx, TB1xx, TB4xx), the single-guide rules
//! of [`RULES`] (TB2xx), the cross-region rules of [`CROSS_RULES`] (TB3xx) and the agreement
//! checks of [`agreement_checks`] (TB5xx). Each is declared once, with its documentation, as a
//! [`Check`]; CONTRIBUTING.md has the recipe for adding one of each kind.

use serde_json::Value;

pub use crate::diagnostic::Kind;
use crate::diagnostic::{CHECKS, Check, Finding, Lang};
use crate::load::Document;
use crate::source::Source;

pub mod agreement;
pub mod codes;
pub mod coverage;
pub mod cross;
pub mod docs;
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

/// A rule's declaration: its [`Check`] (code, name, severity, kind, summaries, documentation,
/// fixes) and how it relates to the schema checks.
#[derive(Debug)]
pub struct Def {
    /// Code, name, default severity, kind, summaries, documentation and fixes.
    pub check: Check,
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

/// Every agreement check (TB5xx), sorted by code: the coverage judgements `crate::coverage`
/// makes ([`coverage::RULES`]), then the checks of an agreement file `crate::agreement` runs
/// ([`agreement::CHECKS`]).
pub fn agreement_checks() -> impl Iterator<Item = &'static Def> {
    coverage::RULES.iter().chain(agreement::CHECKS).copied()
}

static REGISTRY: std::sync::LazyLock<Vec<Check>> = std::sync::LazyLock::new(build_registry);

/// Everything tongban can report, sorted by code: the one list `tongban rules`, `tongban rule`,
/// docs/rules.md, SARIF rule descriptors and configuration keys come from.
pub fn registry() -> &'static [Check] {
    &REGISTRY
}

fn build_registry() -> Vec<Check> {
    let mut all: Vec<Check> = CHECKS.to_vec();
    all.extend(RULES.iter().map(|r| r.def().check));
    all.extend(CROSS_RULES.iter().map(|r| r.def().check));
    all.extend(agreement_checks().map(|d| d.check));
    all.sort_by_key(|c| c.code);
    all
}

/// Finds a check or rule by code (`TB201`, any case) or kebab-case name.
pub fn lookup(code_or_name: &str) -> Option<&'static Check> {
    let key = code_or_name.trim();
    registry()
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(key) || c.name == key)
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
    //! The registry guard: every code tongban can report is declared once, documented, and in
    //! the list of its kind.

    use super::*;
    use crate::diagnostic::Kind;

    #[test]
    fn codes_and_names_unique_and_sorted() {
        let all = registry();
        for pair in all.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} !< {}",
                pair[0].code,
                pair[1].code
            );
        }
        let mut names: Vec<_> = all.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "names must be unique");
        let lists: [Vec<&str>; 4] = [
            CHECKS.iter().map(|c| c.code).collect(),
            RULES.iter().map(|r| r.def().check.code).collect(),
            CROSS_RULES.iter().map(|r| r.def().check.code).collect(),
            agreement_checks().map(|d| d.check.code).collect(),
        ];
        for list in lists {
            assert!(
                list.is_sorted(),
                "a list of the registry is not sorted: {list:?}"
            );
        }
    }

    #[test]
    fn kinds_match_codes_and_lists() {
        for c in registry() {
            let digits = c.code.strip_prefix("TB").unwrap_or("");
            assert!(
                digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
                "{}: a code is TB and three digits",
                c.code
            );
            assert_eq!(Kind::of_code(c.code), Some(c.kind), "{}: kind", c.code);
        }
        for c in CHECKS {
            assert!(
                matches!(c.kind, Kind::Input | Kind::Schema | Kind::Meta),
                "{}: built-in checks are TB0xx, TB1xx, TB4xx",
                c.code
            );
        }
        for r in RULES {
            assert_eq!(r.def().check.kind, Kind::Guide, "{}", r.def().check.code);
        }
        for r in CROSS_RULES {
            assert_eq!(
                r.def().check.kind,
                Kind::CrossRegion,
                "{}",
                r.def().check.code
            );
        }
        for d in agreement_checks() {
            assert_eq!(d.check.kind, Kind::Agreement, "{}", d.check.code);
        }
    }

    #[test]
    fn names_are_kebab_case() {
        for e in registry() {
            let n = e.name;
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
    fn every_check_is_documented() {
        for e in registry() {
            assert!(
                !e.summary_zh.is_empty() && !e.summary_en.is_empty(),
                "{}: both summaries",
                e.code
            );
            let mut at = 0;
            for h in docs::HEADINGS {
                let found = e.doc[at..].find(&format!("## {h}\n"));
                assert!(found.is_some(), "{}: missing or misplaced `## {h}`", e.code);
                at += found.unwrap_or(0);
            }
            for f in e.fixes {
                assert!(!f.text.is_empty(), "{}: a fix without text", e.code);
            }
        }
    }

    /// The codes `TBnnn` written in `text` that the registry does not declare.
    fn undeclared(text: &str) -> Vec<String> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        for (i, _) in text.match_indices("TB") {
            let word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            let digits = b.get(i + 2..i + 5).unwrap_or_default();
            let word_end = b.get(i + 5).is_none_or(|c| !c.is_ascii_alphanumeric());
            if word_start && digits.len() == 3 && digits.iter().all(u8::is_ascii_digit) && word_end
            {
                let code = &text[i..i + 5];
                // Deliberately unknown, in tests of the unknown-code paths.
                if code != "TB999" && lookup(code).is_none() {
                    out.push(code.to_owned());
                }
            }
        }
        out
    }

    #[test]
    fn the_source_scan_finds_an_undeclared_code() {
        // Spelt in two pieces, or the scan of this very file below would find it.
        let code = ["TB", "299"].concat();
        let text = format!("static DEF: Def = Def {{ check: Check {{ code: \"{code}\", … }} }};");
        assert_eq!(undeclared(&text), [code]);
        assert!(undeclared("TB201 TB2011 xTB202 TB999 TB2O1").is_empty());
    }

    /// Every code written anywhere in src — a finding's declaration, a fix's dispatch, a test, a
    /// doc — is one the registry declares, so a check declared outside the lists, or emitted
    /// under a code of its own, fails here.
    #[test]
    fn every_code_in_the_source_is_declared() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("src file is readable");
                    out.extend(
                        undeclared(&text)
                            .into_iter()
                            .map(|c| format!("{}: {c}", path.display())),
                    );
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        walk(&src, &mut found);
        assert!(found.is_empty(), "codes not in the registry: {found:#?}");
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("tb201").map(|e| e.code), Some("TB201"));
        assert_eq!(lookup("missing-element").map(|e| e.code), Some("TB101"));
        assert!(lookup("TB999").is_none());
    }
}
