//! `--fail-on` per code or rule group (issue 24): a level and codes, on the command line and
//! in tongban.toml; JUnit follows the same decision; a bad selector exits 2 in both languages.

use crate::common;

use common::{run_in as run, write_in as write};

use tempfile::TempDir;

/// Two regions' guides of one item whose implementing agencies differ (TB305, info) and whose
/// consultation phones lack an area code (TB217, warning). Synthetic, for tests only.
fn catalog() -> TempDir {
    let t = TempDir::new().unwrap();
    for (region, code, department) in [
        ("hunan", "430000", "湖南省市场监督管理局"),
        ("shanghai", "310000", "上海市民政局"),
    ] {
        write(
            t.path(),
            &format!("catalogs/{region}/g.yaml"),
            &format!(
                r#"item:
  name: 合伙企业设立登记
  type: 行政许可
region:
  code: "{code}"
  name: 某地
department: {department}
contact:
  consultation_phone: "85693039"
materials:
  - name: 全体合伙人签署的合伙协议
source:
  document: tongban 测试样例（非真实指南）
  retrieved: "2026-11-26"
  completeness: partial
"#
            ),
        );
    }
    t
}

/// The text without whitespace and miette's frame, so wrapped lines compare whole.
fn flat(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_code_or_group_fails_the_run_whatever_its_level() {
    let t = catalog();
    let (code, out, err) = run(t.path(), &["lint", "catalogs", "-f", "json"]);
    assert_eq!(
        code, 0,
        "warnings and infos do not fail by default: {out}{err}"
    );
    let found = codes(&out);
    assert!(found.contains(&"TB305".to_owned()), "{found:?}");
    assert!(found.contains(&"TB217".to_owned()), "{found:?}");
    for (selectors, status) in [
        (&["TB305"][..], 1),
        (&["TB3xx"], 1),
        (&["tb30x"], 1),
        (&["TB3"], 1),
        (&["inconsistent-implementing-agency"], 1),
        (&["TB4xx"], 0),
        (&["never,TB217"], 1),
        (&["never", "TB4"], 0),
        (&["warning"], 1),
        (&["never"], 0),
        (&["error,TB1xx"], 0),
    ] {
        let mut args = vec!["lint", "catalogs", "-q"];
        for s in selectors {
            args.extend(["--fail-on", s]);
        }
        let (code, out, err) = run(t.path(), &args);
        assert_eq!(code, status, "{selectors:?}: {out}{err}");
    }
}

#[test]
fn fail_on_in_the_config_takes_a_list_and_prints_back() {
    let t = catalog();
    write(
        t.path(),
        "tongban.toml",
        "fail-on = [\"never\", \"TB3xx\"]\n",
    );
    let (code, _, err) = run(t.path(), &["lint", "catalogs", "-q"]);
    assert_eq!(code, 1, "{err}");
    // The command line replaces the config's.
    let (code, _, err) = run(t.path(), &["lint", "catalogs", "-q", "--fail-on", "error"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(t.path(), &["config"]);
    assert_eq!(code, 0);
    assert!(out.contains("fail-on = [\"never\", \"TB3xx\"]"), "{out}");
    // The old single level still works.
    write(t.path(), "tongban.toml", "fail-on = \"warning\"\n");
    let (code, _, _) = run(t.path(), &["lint", "catalogs", "-q"]);
    assert_eq!(code, 1);
}

#[test]
fn a_bad_selector_names_the_valid_forms_in_both_languages() {
    let t = catalog();
    for (lang, words) in [
        (
            "zh",
            "--fail-on 的取值 `TB9xx` 无效：可写 error、warning、never（级别）",
        ),
        (
            "en",
            "invalid --fail-on selector `TB9xx`: use error, warning or never (a level), a code (TB305), a group (TB3, TB3xx, TB30x)",
        ),
    ] {
        let (code, out, err) = run(
            t.path(),
            &["lint", "catalogs", "--fail-on", "TB9xx", "--lang", lang],
        );
        assert_eq!(code, 2, "{lang}: {out}{err}");
        assert!(flat(&err).contains(&flat(words)), "{lang}: {err}");
        assert!(out.is_empty(), "nothing linted: {out}");
    }
    let (code, _, err) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "--fail-on",
            "error",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        flat(&err).contains(&flat("--fail-on takes one level, got `error` and `never`")),
        "{err}"
    );
    // In tongban.toml: located, exit 2.
    write(
        t.path(),
        "tongban.toml",
        "fail-on = [\"error\", \"TB3yy\"]\n",
    );
    for (lang, words) in [("zh", "`TB3yy` 无效"), ("en", "`TB3yy`: use error")] {
        let (code, _, err) = run(t.path(), &["lint", "catalogs", "--lang", lang]);
        assert_eq!(code, 2, "{err}");
        assert!(flat(&err).contains(&flat(words)), "{lang}: {err}");
        assert!(err.contains("tongban.toml:1:11"), "{lang}: {err}");
    }
}

#[test]
fn junit_fails_a_file_by_the_same_decision() {
    let t = catalog();
    let (code, out, err) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "-f",
            "junit",
            "--fail-on",
            "never,TB305",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let failures = out.matches("<failure").count();
    assert!(failures >= 1, "{out}");
    assert!(out.contains("info"), "{out}");
    // Not selected: no failing case, exit 0.
    let (code, out, _) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "-f",
            "junit",
            "--fail-on",
            "never,TB201",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(out.matches("<failure").count(), 0, "{out}");
}
