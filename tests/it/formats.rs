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

/// The SARIF 2.1.0 schema, as a validator.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/sarif-schema-2.1.0.json")).unwrap();
    // The official schema's `language` patterns have an unescaped `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which the meta-schema's `regex` format
    // rejects. Escaping it matches the same strings; the vendored file stays untouched.
    assert_eq!(escape_bracket(&mut schema), 2);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// GitHub code scanning rejects SARIF that does not validate against the 2.1.0 schema.
#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    for reports in [reports(), Vec::new()] {
        let out = common::render(&reports, LintFormat::Sarif, Lang::Zh);
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_valid_sarif(&validator, &log);
    }
}

/// The anchors of docs/rules.md (or rules.zh.md) headings as GitHub makes them: `## TB201
/// promised-exceeds-legal` → `tb201-promised-exceeds-legal`.
fn anchors(page: &str) -> Vec<String> {
    std::fs::read_to_string(common::root().join("docs").join(page))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|h| h.trim().to_lowercase().replace(' ', "-"))
        .collect()
}

/// Issue 24: SARIF had no `helpUri` / `informationUri`. Every rule's documentation is embedded
/// as its help (in the run's language) always; links are written only when the repository is
/// known — `docs-url` in tongban.toml here, or the release build's — and each link's anchor is a
/// heading of docs/rules.md (rules.zh.md in Chinese).
#[test]
fn sarif_links_each_rule_to_its_documentation_when_the_repository_is_known() {
    let validator = sarif_validator();
    let t = tempfile::TempDir::new().unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/TB201-promised-exceeds-legal/fail.yaml"),
        t.path().join("g.yaml"),
    )
    .unwrap();
    let sarif = |lang: &str| -> serde_json::Value {
        let out = common::tongban_in(t.path())
            .args(["lint", "g.yaml", "-f", "sarif", "--lang", lang])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // No repository known (a local build; the release workflow sets TONGBAN_REPOSITORY_URL).
    if tongban::report::sarif::RELEASED_FROM.is_none() {
        let log = sarif("en");
        let driver = &log["runs"][0]["tool"]["driver"];
        assert!(driver.get("informationUri").is_none(), "{driver}");
        assert!(driver["rules"][0].get("helpUri").is_none());
        assert!(driver["rules"][0]["help"]["text"].as_str().is_some());
    }
    std::fs::write(
        t.path().join("tongban.toml"),
        "docs-url = \"https://github.com/example/tongban/\"\n",
    )
    .unwrap();
    let mut shown = serde_json::Map::new();
    for (lang, page, heading) in [
        ("en", "rules.md", "## What it does"),
        ("zh", "rules.zh.md", "## 作用"),
    ] {
        let log = sarif(lang);
        assert_valid_sarif(&validator, &log);
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(
            driver["informationUri"],
            "https://github.com/example/tongban"
        );
        let anchors = anchors(page);
        let prefix = format!("https://github.com/example/tongban/blob/main/docs/{page}#");
        let rules = driver["rules"].as_array().unwrap();
        for r in rules {
            let uri = r["helpUri"].as_str().unwrap();
            let anchor = uri.strip_prefix(&prefix).unwrap_or_else(|| panic!("{uri}"));
            assert!(
                anchors.iter().any(|a| a == anchor),
                "{uri} not in docs/{page}"
            );
            assert!(
                r["help"]["markdown"].as_str().unwrap().starts_with(heading),
                "{lang}: {}",
                r["id"]
            );
        }
        let tb201 = rules.iter().find(|r| r["id"] == "TB201").unwrap();
        shown.insert(
            lang.to_owned(),
            serde_json::json!({
                "informationUri": driver["informationUri"],
                "TB201.helpUri": tb201["helpUri"],
                "TB201.help.text": tb201["help"]["text"].as_str().unwrap().lines().take(3).collect::<Vec<_>>(),
            }),
        );
    }
    insta::assert_json_snapshot!(shown);
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
