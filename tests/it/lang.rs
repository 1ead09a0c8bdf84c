//! `--lang` reaches every label of the commands that describe tongban and of the lint formats
//! that carry labels of their own: Chinese by default, English with `--lang en`. Each test names
//! a label that was English under `--lang zh` (or Chinese under `--lang en`) before.

use crate::common;

use common::{stdout, tongban};

const FAIL: &str = "tests/fixtures/TB201-promised-exceeds-legal/fail.yaml";

/// Runs `tongban --lang LANG ARGS…` from the crate root; standard output.
fn run(lang: &str, args: &[&str]) -> String {
    let out = tongban()
        .arg("--lang")
        .arg(lang)
        .args(args)
        .output()
        .unwrap();
    stdout(&out)
}

/// `tongban rule CODE` printed the English doc and "default severity" under `--lang zh`.
#[test]
fn rule_doc_follows_lang() {
    let zh = run("zh", &["rule", "TB201"]);
    assert!(zh.contains("默认级别 **错误**"), "{zh}");
    assert!(zh.contains("类别：单份指南"), "{zh}");
    assert!(!zh.contains("default severity"), "{zh}");
    let en = run("en", &["rule", "TB201"]);
    assert!(en.contains("default severity **error**"), "{en}");
    assert!(en.contains("### What it does"), "{en}");
    assert!(!en.contains("默认级别"), "{en}");
    // The summary is a label: only the run's language.
    assert!(!en.contains("承诺办结时限超过法定办结时限 ·"), "{en}");
}

/// A fix's documentation was English only.
#[test]
fn rule_fix_section_follows_lang() {
    let zh = run("zh", &["rule", "TB210"]);
    assert!(
        zh.contains("### 修复\n- 安全（`--fix`）：给表格名称加上《》"),
        "{zh}"
    );
    let en = run("en", &["rule", "TB210"]);
    assert!(
        en.contains("### Fix\n- safe (`--fix`): Puts the form's name"),
        "{en}"
    );
}

/// The unknown-rule help was always English.
#[test]
fn unknown_rule_help_follows_lang() {
    let out = tongban()
        .args(["--lang", "zh", "rule", "NOPE"])
        .output()
        .unwrap();
    let err = common::stderr(&out);
    assert!(err.contains("没有名为 `NOPE` 的检查或规则"), "{err}");
    assert!(err.contains("tongban rules"), "{err}");
    assert!(!err.contains("help: Run"), "{err}");
}

/// `tongban rules` listed severities and kinds in English under `--lang zh`.
#[test]
fn rules_list_follows_lang() {
    let zh = run("zh", &["rules"]);
    let line = zh.lines().find(|l| l.starts_with("TB201")).unwrap();
    assert!(line.contains("错误") && line.contains("单份指南"), "{line}");
    let en = run("en", &["rules"]);
    let line = en.lines().find(|l| l.starts_with("TB201")).unwrap();
    assert!(
        line.contains(" error ") && line.contains(" guide "),
        "{line}"
    );
    assert!(line.contains("promised time limit"), "{line}");
}

/// `tongban rules --markdown` is docs/rules.zh.md in Chinese and docs/rules.md in English.
#[test]
fn rules_markdown_follows_lang() {
    let zh = run("zh", &["rules", "--markdown"]);
    assert!(zh.contains("# tongban 检查规则"), "{}", &zh[..200]);
    assert!(zh.contains("| 编码 | 名称 | 默认级别 | 类别 | 说明 |"));
    let en = run("en", &["rules", "--markdown"]);
    assert!(en.contains("# tongban rules"));
    assert!(!en.contains("# tongban 检查规则"));
}

/// `tongban config` wrote its comments in English under `--lang zh`.
#[test]
fn config_comments_follow_lang() {
    let zh = run("zh", &["config"]);
    assert!(zh.contains("# 生效的配置；配置文件："), "{zh}");
    assert!(zh.contains("# 路径相对于 "), "{zh}");
    assert!(zh.contains("未设置：内置的国家标准模式"), "{zh}");
    assert!(!zh.contains("effective configuration"), "{zh}");
    let en = run("en", &["config"]);
    assert!(en.contains("# effective configuration; file: "), "{en}");
    assert!(en.contains("unset: the embedded national schema"), "{en}");
    assert!(!en.contains("生效的配置"), "{en}");
}

/// The JUnit failure message and its `help:` lines were English under `--lang zh`.
#[test]
fn junit_labels_follow_lang() {
    let zh = run("zh", &["lint", "--format", "junit", FAIL]);
    assert!(
        zh.contains("1 个问题达到或超过 --fail-on 级别（1 个错误，0 个警告）"),
        "{zh}"
    );
    assert!(
        zh.contains(": 错误 TB201 (promised-exceeds-legal) 承诺办结时限"),
        "{zh}"
    );
    assert!(zh.contains("  帮助：承诺时限不得超过法定时限"), "{zh}");
    assert!(!zh.contains("at or above"), "{zh}");
    let en = run("en", &["lint", "--format", "junit", FAIL]);
    assert!(
        en.contains("1 finding at or above --fail-on (1 error, 0 warnings)"),
        "{en}"
    );
    assert!(
        en.contains(": error TB201 (promised-exceeds-legal) promised"),
        "{en}"
    );
    assert!(en.contains("  help: the promise may not exceed"), "{en}");
}

/// SARIF rule descriptors carried both summaries and the English doc whatever `--lang` said.
#[test]
fn sarif_rule_descriptors_follow_lang() {
    let rule = |lang: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&run(lang, &["lint", "--format", "sarif", FAIL])).unwrap();
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "TB201")
            .unwrap()
            .clone()
    };
    let zh = rule("zh");
    assert_eq!(
        zh["shortDescription"]["text"],
        "承诺办结时限超过法定办结时限"
    );
    let en = rule("en");
    assert_eq!(
        en["shortDescription"]["text"],
        "promised time limit exceeds the legal time limit"
    );
    assert!(
        en["help"]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("## What it does")
    );
}

/// The finding messages of every format follow `--lang`; data (the path) stays as written.
#[test]
fn every_lint_format_carries_messages_in_the_run_language() {
    for format in [
        "human",
        "json",
        "json-lines",
        "sarif",
        "junit",
        "github",
        "gitlab",
    ] {
        let zh = run("zh", &["lint", "--format", format, FAIL]);
        assert!(
            zh.contains("承诺办结时限 20 个工作日超过法定办结时限"),
            "{format}: {zh}"
        );
        assert!(!zh.contains("exceeds the legal limit"), "{format}: {zh}");
        assert!(
            zh.contains("TB201-promised-exceeds-legal/fail.yaml"),
            "{format}"
        );
        let en = run("en", &["lint", "--format", format, FAIL]);
        assert!(en.contains("exceeds the legal limit"), "{format}: {en}");
        assert!(!en.contains("超过法定办结时限"), "{format}: {en}");
    }
}

/// The `--statistics` table wrote the level column in English under `--lang zh`.
#[test]
fn statistics_levels_follow_lang() {
    let zh = run("zh", &["lint", "--statistics", FAIL]);
    let row = zh.lines().find(|l| l.contains("TB201")).unwrap();
    assert!(row.contains(" 错误 "), "{zh}");
    assert!(!row.contains("error"), "{zh}");
    let en = run("en", &["lint", "--statistics", FAIL]);
    let row = en.lines().find(|l| l.contains("TB201")).unwrap();
    assert!(row.contains(" error "), "{en}");
}
