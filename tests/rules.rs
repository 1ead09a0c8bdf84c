//! Every rule against its fixtures: `fail` must produce the rule's findings (snapshotted as a
//! user sees them), `pass` must be completely clean — no finding of any check or rule.

mod common;

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
