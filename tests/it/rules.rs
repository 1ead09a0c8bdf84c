//! Every rule against its fixtures: `fail` must produce the rule's findings (snapshotted as a
//! user sees them), `pass` must be completely clean — no finding of any check or rule.

use crate::common;

use tongban::cli::LintFormat;
use tongban::diagnostic::{FileReport, Lang};
use tongban::rules::{CROSS_RULES, RULES, registry};

/// The fixture of a single-guide rule is two files; of a cross-region rule, two folders.
fn case(code: &str, name: &str, kind: &str) -> String {
    let dir = common::fixture(code, name);
    let file = dir.join(format!("{kind}.yaml"));
    let path = if file.exists() { file } else { dir.join(kind) };
    assert!(path.exists(), "{} is missing", path.display());
    path.display().to_string()
}

fn only(reports: Vec<FileReport>, code: &str) -> Vec<FileReport> {
    reports
        .into_iter()
        .map(|mut r| {
            r.findings.retain(|f| f.code == code);
            r
        })
        .filter(|r| !r.findings.is_empty())
        .collect()
}

fn check_rule(code: &str, name: &str) {
    let pass = common::lint(&[&case(code, name, "pass")], Lang::Zh);
    let noisy: Vec<_> = pass
        .iter()
        .flat_map(|r| {
            r.findings
                .iter()
                .map(move |f| (&r.source.name, f.code, &f.message))
        })
        .collect();
    assert!(
        noisy.is_empty(),
        "{code} pass fixture is not clean: {noisy:#?}"
    );

    let fail = only(common::lint(&[&case(code, name, "fail")], Lang::Zh), code);
    assert!(
        !fail.is_empty(),
        "{code} fail fixture produces no {code} finding"
    );
    let zh = common::render(&fail, LintFormat::Human, Lang::Zh);
    let en = common::render(
        &only(common::lint(&[&case(code, name, "fail")], Lang::En), code),
        LintFormat::Human,
        Lang::En,
    );
    insta::assert_snapshot!(
        format!("{code}-{name}"),
        format!("{zh}\n----- en -----\n{en}")
    );
}

#[test]
fn every_rule_against_its_fixtures() {
    for r in RULES {
        let c = r.def().check;
        check_rule(c.code, c.name);
    }
    for r in CROSS_RULES {
        let c = r.def().check;
        check_rule(c.code, c.name);
    }
}

#[test]
fn every_fixture_folder_belongs_to_a_rule() {
    let known: Vec<String> = registry()
        .iter()
        .map(|e| format!("{}-{}", e.code, e.name))
        .collect();
    for entry in std::fs::read_dir("tests/fixtures").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("TB") {
            assert!(known.contains(&name), "fixture {name} names no rule");
        }
    }
}

/// Every check is exercised by a test: TB2xx and TB3xx by their fixtures (above), the others by a
/// test in tests/ or in a `#[cfg(test)]` module of src that names the code. TB107 had none, and
/// its documented example turned out to give another code. Not counted: the SARIF snapshot (its
/// rule descriptors list every code) and the registry's own declarations and guard.
#[test]
fn every_check_is_exercised_by_a_test() {
    let mut text = String::new();
    for entry in walkdir::WalkDir::new("tests")
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let counted = match path.extension().and_then(|e| e.to_str()) {
            Some("rs") => name != "rules.rs",
            Some("snap") => !name.starts_with("formats__sarif"),
            _ => false,
        };
        if counted {
            text.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    for entry in walkdir::WalkDir::new("src")
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let own =
            path.starts_with("src/diagnostic") || path == std::path::Path::new("src/rules/mod.rs");
        if path.extension().is_some_and(|e| e == "rs") && !own {
            let source = std::fs::read_to_string(path).unwrap();
            if let Some(at) = source.find("#[cfg(test)]") {
                text.push_str(&source[at..]);
            }
        }
    }
    let untested: Vec<&str> = registry()
        .iter()
        .map(|c| c.code)
        .filter(|code| !text.contains(code))
        .collect();
    assert!(untested.is_empty(), "no test names {untested:?}");
}

/// A fix is documented where its check is declared: over every rule's fail fixture and the fix
/// fixture, each finding that carries a fix is of a check whose declaration lists one (`fixes`,
/// shown under `### Fix` in its doc). Fixes are offered by the rules themselves (`Rule::fix`), so
/// a rule that starts offering one without saying so fails here.
#[test]
fn every_finding_with_a_fix_is_of_a_check_that_documents_it() {
    let mut files = vec!["tests/fixtures/fix/codes.yaml".to_owned()];
    for r in RULES {
        let c = r.def().check;
        files.push(case(c.code, c.name, "fail"));
    }
    let mut fixed = std::collections::BTreeSet::new();
    for lang in [Lang::Zh, Lang::En] {
        let paths: Vec<&str> = files.iter().map(String::as_str).collect();
        for f in common::lint(&paths, lang).iter().flat_map(|r| &r.findings) {
            if f.fix.is_some() {
                fixed.insert(f.code);
            }
        }
    }
    let undocumented: Vec<&str> = fixed
        .iter()
        .copied()
        .filter(|code| {
            registry()
                .iter()
                .any(|c| c.code == *code && c.fixes.is_empty())
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "fixes without a `FixDoc`: {undocumented:?}"
    );
    // The fixtures exercise each kind of fix: the schema's, the full-width code's, the rules'.
    for code in ["TB103", "TB209", "TB210", "TB216"] {
        assert!(
            fixed.contains(code),
            "no fixture finding of {code} has a fix: {fixed:?}"
        );
    }
    assert!(
        fixed.iter().any(|c| [
            "TB105", "TB202", "TB203", "TB204", "TB205", "TB206", "TB207", "TB208"
        ]
        .contains(c)),
        "no full-width code fix in the fixtures: {fixed:?}"
    );
}
