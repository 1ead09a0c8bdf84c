//! Every output format, snapshotted on the same findings; SARIF validated against its schema.

use crate::common;

use tongban::cli::LintFormat;
use tongban::diagnostic::{FileReport, Lang};

/// Findings of several kinds: errors, warnings, related spans, a cross-region finding.
fn reports() -> Vec<FileReport> {
    common::lint(
        &[
            "tests/fixtures/TB201-promised-exceeds-legal/fail.yaml",
            "tests/fixtures/TB217-phone-format/fail.yaml",
            "tests/fixtures/TB303-inconsistent-item-type/fail",
        ],
        Lang::En,
    )
}

fn render(format: LintFormat) -> String {
    common::render(&reports(), format, Lang::En)
}

#[test]
fn human() {
    insta::assert_snapshot!(render(LintFormat::Human));
}

#[test]
fn json() {
    let out = render(LintFormat::Json);
    serde_json::from_str::<serde_json::Value>(&out).unwrap();
    // The output as printed: key order is part of what readers see.
    insta::assert_snapshot!(out);
}

#[test]
fn json_lines() {
    let out = render(LintFormat::JsonLines);
    for line in out.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    insta::assert_snapshot!(out);
}

#[test]
fn github() {
    insta::assert_snapshot!(render(LintFormat::Github));
}

#[test]
fn gitlab() {
    let out = render(LintFormat::Gitlab);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints must be unique");
    insta::assert_snapshot!(out);
}

#[test]
fn junit() {
    let out = render(LintFormat::Junit);
    assert!(out.starts_with("<?xml"));
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_snapshot() {
    let v: serde_json::Value = serde_json::from_str(&render(LintFormat::Sarif)).unwrap();
    // The rule list carries every doc; snapshot the results and rule ids only.
    let run = &v["runs"][0];
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    insta::assert_json_snapshot!(serde_json::json!({
        "version": v["version"],
        "$schema": v["$schema"],
        "columnKind": run["columnKind"],
        "rules": ids,
        "results": run["results"],
    }));
}

/// GitHub code scanning rejects SARIF that does not validate against the 2.1.0 schema.
#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/sarif-schema-2.1.0.json")).unwrap();
    // The official schema's `language` patterns have an unescaped `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which the meta-schema's `regex` format
    // rejects. Escaping it matches the same strings; the vendored file stays untouched.
    assert_eq!(escape_bracket(&mut schema), 2);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for reports in [reports(), Vec::new()] {
        let out = common::render(&reports, LintFormat::Sarif, Lang::Zh);
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

/// A non-ASCII path must still be a URI reference in SARIF.
#[test]
fn sarif_uris_are_percent_encoded() {
    let mut r = reports();
    r[0].source.name = "catalogs/湖南/指南 1.yaml".into();
    let out = common::render(&r, LintFormat::Sarif, Lang::En);
    assert!(out.contains("catalogs/%E6%B9%96%E5%8D%97/%E6%8C%87%E5%8D%97%201.yaml"));
}

fn escape_bracket(v: &mut serde_json::Value) -> usize {
    const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::Object(m) => {
            let mut n = 0;
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x == BAD {
                    *x = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$".into();
                    n += 1;
                } else {
                    n += escape_bracket(x);
                }
            }
            n
        }
        serde_json::Value::Array(a) => a.iter_mut().map(escape_bracket).sum(),
        _ => 0,
    }
}
