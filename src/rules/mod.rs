//! Lint rules beyond the schema: what the standards say that JSON Schema cannot express.
//! Each rule sees one parsed guide and its spans; it never computes line or column itself.
//! `rule.rs` has what a rule is; `guide/` holds the rules on one guide (TB2xx), `cross/` the
//! rules across regions (TB3xx) and their pass, `agreement.rs` and `coverage.rs` the agreement
//! checks (TB5xx).
//!
//! This module is also the registry of everything `tongban` can report ([`registry`]): the
//! built-in checks of [`crate::diagnostic::CHECKS`] (TB0xx, TB1xx, TB4xx), the single-guide rules
//! of [`RULES`] (TB2xx), the cross-region rules of [`CROSS_RULES`] (TB3xx) and the agreement
//! checks of [`agreement_checks`] (TB5xx). Each is declared once, with its documentation, as a
//! [`Check`]; CONTRIBUTING.md has the recipe for adding one of each kind.

pub use crate::diagnostic::Kind;
use crate::diagnostic::{CHECKS, Check, Finding, Fix};

pub mod agreement;
pub mod codes;
pub mod coverage;
pub mod cross;
pub mod docs;
mod guide;
pub mod licences;
pub mod names;
mod rule;
pub use crate::data::regions;

pub use cross::CROSS_RULES;
pub use guide::RULES;
pub use rule::{Context, CrossRule, Data, Def, Rule};

/// Every agreement check (TB5xx), sorted by code: the coverage judgements `crate::compare::coverage`
/// makes ([`coverage::RULES`]), then the checks of an agreement file `crate::data::agreement` runs
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

/// The fix of one finding of a guide, if it has one: a code written full-width gets the
/// half-width rewrite whichever check reports it ([`codes::half_width_fix`]); otherwise the
/// finding's rule offers its own ([`Rule::fix`]). Schema findings carry theirs from where they
/// are made (`crate::schema`); `crate::lint::fix` attaches, applies and verifies.
pub fn fix(finding: &Finding, cx: &Context<'_>) -> Option<Fix> {
    codes::half_width_fix(finding, cx).or_else(|| {
        RULES
            .iter()
            .find(|rule| rule.def().check.code == finding.code)?
            .fix(finding, cx)
    })
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
            let d = &e.doc;
            for (section, text) in [("what it does", d.what), ("why is this bad", d.why)] {
                for words in [text.zh, text.en] {
                    // A heading inside a section would break the four that `docs` renders.
                    assert!(
                        !words.trim().is_empty() && !words.lines().any(|l| l.starts_with('#')),
                        "{}: `{section}` is empty or has a heading: {words:?}",
                        e.code
                    );
                }
            }
            for (section, x) in [("example", d.example), ("use instead", d.instead)] {
                let words = x.note.map(|n| [n.zh, n.en]);
                assert!(
                    x.lines().is_some_and(|c| !c.trim().is_empty())
                        || words.is_some_and(|w| w.iter().all(|w| !w.trim().is_empty())),
                    "{}: `{section}` shows nothing",
                    e.code
                );
                assert!(
                    x.code.is_none() || ["yaml", "text"].contains(&x.fence),
                    "{}: `{section}` block is neither yaml nor text",
                    e.code
                );
                if let Some(w) = words {
                    assert!(
                        w.iter().all(|w| !w.trim().is_empty()),
                        "{}: `{section}` has words in one language only",
                        e.code
                    );
                }
            }
            for f in e.fixes {
                assert!(!f.text.is_empty(), "{}: a fix without text", e.code);
                assert!(
                    !f.text_zh.is_empty(),
                    "{}: a fix without Chinese text",
                    e.code
                );
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

    /// The codes of the `Check { code: "…", … }` declarations in `text`.
    fn declarations(text: &str) -> Vec<String> {
        text.match_indices("Check {")
            .filter_map(|(i, m)| {
                let rest = text[i + m.len()..].trim_start().strip_prefix("code: \"")?;
                let code = rest.get(..5)?;
                let digits = code.strip_prefix("TB")?;
                digits
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| code.to_owned())
            })
            .collect()
    }

    #[test]
    fn the_declaration_scan_finds_declarations() {
        let code = ["TB", "299"].concat();
        let text =
            format!("static DEF: Def = Def {{\n    check: Check {{\n        code: \"{code}\",");
        assert_eq!(declarations(&text), [code]);
        assert!(declarations("Directive { code: \"TB210\" }").is_empty());
    }

    /// Every code written anywhere in src — a finding's declaration, a fix's dispatch, a test, a
    /// doc — is one the registry declares, so a check declared outside the lists, or emitted
    /// under a code of its own, fails here; and each code is declared by exactly one `Check`.
    #[test]
    fn every_code_in_the_source_is_declared_once() {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("src file is readable");
                    out.push((path.display().to_string(), text));
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let undeclared: Vec<String> = files
            .iter()
            .flat_map(|(path, text)| {
                undeclared(text)
                    .into_iter()
                    .map(move |c| format!("{path}: {c}"))
            })
            .collect();
        assert!(
            undeclared.is_empty(),
            "codes not in the registry: {undeclared:#?}"
        );
        let mut declared: Vec<String> = files
            .iter()
            .flat_map(|(_, text)| declarations(text))
            .collect();
        declared.sort_unstable();
        let listed: Vec<&str> = registry().iter().map(|c| c.code).collect();
        assert_eq!(
            declared, listed,
            "each check is declared by exactly one `Check {{ code, … }}`"
        );
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("tb201").map(|e| e.code), Some("TB201"));
        assert_eq!(lookup("missing-element").map(|e| e.code), Some("TB101"));
        assert!(lookup("TB999").is_none());
    }
}
