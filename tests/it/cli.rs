//! End to end through the binary: configuration, suppressions, baseline, exit status.

use crate::common;

use common::{run_in as run, stderr, tongban, write_in as write};

use tempfile::TempDir;

const GUIDE: &str = r#"item:
  name: 合伙企业设立登记
  type: 行政许可
region:
  code: "430000"
  name: 湖南省
department: 湖南省市场监督管理局
contact:
  consultation_phone: "85693039"
  complaint_phone: "0731-85693039"
materials:
  - name: 全体合伙人签署的合伙协议
source:
  document: tongban 测试样例（非真实指南）
  retrieved: "2026-11-26"
  completeness: partial
"#;

fn codes(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(p: &str, c: &str) -> (String, String) {
    (p.to_owned(), c.to_owned())
}

#[test]
fn defaults_report_a_warning_and_exit_zero() {
    let t = TempDir::new().unwrap();
    write(t.path(), "g.yaml", GUIDE);
    let (code, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![pair("./g.yaml", "TB217")]);
    assert_eq!(code, 0, "a warning does not fail by default");
    let (code, _, _) = run(t.path(), &["lint", "--fail-on", "warning"]);
    assert_eq!(code, 1);
}

#[test]
fn config_sets_levels_per_rule_and_per_path() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/new/g.yaml", GUIDE);
    write(t.path(), "catalogs/legacy/g.yaml", GUIDE);
    write(
        t.path(),
        "tongban.toml",
        "format = \"json\"\n\n[rules]\nphone-format = \"error\"\n\n[[overrides]]\npaths = [\"catalogs/legacy/**\"]\nrules = { TB217 = \"off\" }\n",
    );
    // Discovered from a subfolder, upward.
    let (code, out, err) = run(&t.path().join("catalogs"), &["lint", "."]);
    assert_eq!(codes(&out), vec![pair("./new/g.yaml", "TB217")], "{err}");
    assert!(out.contains("\"severity\":\"error\""));
    assert_eq!(code, 1);
}

#[test]
fn config_unknown_key_is_an_error_with_line_and_column() {
    let t = TempDir::new().unwrap();
    write(t.path(), "g.yaml", GUIDE);
    write(
        t.path(),
        "tongban.toml",
        "format = \"json\"\nfial-on = \"warning\"\n",
    );
    let (code, out, err) = run(t.path(), &["lint"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("tongban.toml:2:1"), "{err}");
    assert!(err.contains("fial-on"), "{err}");
}

#[test]
fn config_unknown_rule_is_a_finding_on_the_config() {
    let t = TempDir::new().unwrap();
    write(t.path(), "g.yaml", GUIDE);
    write(
        t.path(),
        "tongban.toml",
        "[rules]\nphone-fromat = \"off\"\n",
    );
    let (code, out, _) = run(t.path(), &["lint", "--format", "json-lines"]);
    assert_eq!(code, 1);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "TB401");
    assert_eq!(first["path"], "tongban.toml");
    assert_eq!(first["line"], 2);
}

#[test]
fn explicit_config_and_config_command() {
    let t = TempDir::new().unwrap();
    write(
        t.path(),
        "ci/strict.toml",
        "fail-on = \"warning\"\nexclude = [\"data/**\"]\n[rules]\nTB206 = \"off\"\n",
    );
    let (code, out, _) = run(t.path(), &["--config", "ci/strict.toml", "config"]);
    assert_eq!(code, 0);
    assert!(out.contains("fail-on = \"warning\""), "{out}");
    assert!(
        out.contains("TB206 = \"off\"  # region-code-not-in-table  # set in config"),
        "{out}"
    );
    assert!(
        out.contains("TB201 = \"error\"  # promised-exceeds-legal\n"),
        "{out}"
    );
    // Without a file: the defaults.
    let (_, out, _) = run(t.path(), &["config"]);
    assert!(out.contains("(none: defaults)"), "{out}");
}

#[test]
fn excluded_files_are_skipped_even_when_named() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/e-licences.yaml", "licences: []\n");
    write(
        t.path(),
        "tongban.toml",
        "exclude = [\"catalogs/e-licences.yaml\"]\n",
    );
    let (code, out, _) = run(t.path(), &["lint", "catalogs/e-licences.yaml", "catalogs"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("nothing was linted"), "{out}");
}

#[test]
fn suppressions_inline_file_level_and_unused() {
    let t = TempDir::new().unwrap();
    let guide = GUIDE
        .replace(
            "  consultation_phone: \"85693039\"\n",
            "  # tongban: allow phone-format 本地号码，仅面向本市\n  consultation_phone: \"85693039\"\n",
        )
        .replace(
            "  type: 行政许可\n",
            "  type: 许可  # tongban: allow TB104 legacy label kept until the 2027 migration\n",
        )
        .replace(
            "materials:\n",
            "# tongban: allow TB201 nothing to suppress here\nmaterials:\n",
        )
        .replace(
            "  completeness: partial\n",
            "  completeness: partial\n# tongban: allow-file TB210\n",
        );
    write(t.path(), "g.yaml", &guide);
    let (code, out, err) = run(t.path(), &["lint", "--format", "json"]);
    // TB217 and the schema's TB104 are suppressed; the stray TB201 suppression is reported,
    // and so is the file-level TB210 allow that matched nothing.
    assert_eq!(
        codes(&out),
        vec![pair("./g.yaml", "TB402"), pair("./g.yaml", "TB402")],
        "{out}{err}"
    );
    assert_eq!(code, 0);
    let (_, out, _) = run(t.path(), &["lint"]);
    assert!(
        out.contains("suppression of TB201 suppresses nothing"),
        "{out}"
    );
}

/// Text that looks like a directive inside a block scalar or a quoted string is content: it
/// neither suppresses anything nor is reported as an unused or malformed suppression.
#[test]
fn directive_text_inside_scalars_is_not_a_suppression() {
    let t = TempDir::new().unwrap();
    let guide = GUIDE
        .replace(
            "  complaint_phone: \"0731-85693039\"\n",
            "  complaint_phone: \"023—65751638\"\n",
        )
        .replace(
            "materials:\n",
            "special_procedure: |\n  模板说明：\n  # tongban: allow TB217 这是正文，不是注释\n  # tongban: alow TB217\nmaterials:\n",
        )
        .replace(
            "  - name: 全体合伙人签署的合伙协议\n",
            "  - name: 全体合伙人签署的合伙协议\n    note: \"引用 # tongban: allow-file TB217\"\n",
        );
    write(t.path(), "jiangsu.yaml", &guide);
    let (_, out, _) = run(t.path(), &["lint", "--format", "json", "jiangsu.yaml"]);
    let c = codes(&out);
    assert!(
        c.iter().any(|(_, code)| code == "TB217"),
        "the phone finding must not be suppressed: {out}"
    );
    assert!(
        !c.iter().any(|(_, code)| code.starts_with("TB40")),
        "no suppression finding expected: {out}"
    );
}

#[test]
fn malformed_and_unknown_suppressions_are_findings() {
    let t = TempDir::new().unwrap();
    let guide = GUIDE.replace(
        "department: 湖南省市场监督管理局\n",
        "department: 湖南省市场监督管理局  # tongban: alow TB217\n# tongban: allow no-such-rule\ncompetent_department: 国家市场监督管理总局\n",
    );
    write(t.path(), "g.yaml", &guide);
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    let found: Vec<String> = codes(&out).into_iter().map(|(_, c)| c).collect();
    assert_eq!(found, vec!["TB403", "TB401", "TB217"], "{out}");
}

#[test]
fn cross_region_suppression_and_findings() {
    let t = TempDir::new().unwrap();
    let a = GUIDE.replace(
        "consultation_phone: \"85693039\"",
        "consultation_phone: \"0731-85693030\"",
    );
    let b = a
        .replace("\"430000\"", "\"310000\"")
        .replace("name: 湖南省", "name: 上海市")
        .replace("湖南省市场监督管理局", "上海市市场监督管理局");
    let c = b
        .replace("\"310000\"", "\"320000\"")
        .replace("name: 上海市", "name: 江苏省")
        .replace("上海市市场监督管理局", "江苏省市场监督管理局")
        .replace("type: 行政许可", "type: 行政确认");
    write(t.path(), "hunan.yaml", &a);
    write(t.path(), "shanghai.yaml", &b);
    write(t.path(), "jiangsu.yaml", &c);
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![pair("./jiangsu.yaml", "TB303")], "{out}");
    let suppressed = c.replace(
        "  type: 行政确认\n",
        "  # tongban: allow inconsistent-item-type 江苏按行政确认实施（苏政办发〔2026〕1号，示例）\n  type: 行政确认\n",
    );
    write(t.path(), "jiangsu.yaml", &suppressed);
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![], "{out}");
    // Once the region aligns, the suppression is stale and says so.
    write(
        t.path(),
        "jiangsu.yaml",
        &suppressed.replace("type: 行政确认", "type: 行政许可"),
    );
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![pair("./jiangsu.yaml", "TB402")], "{out}");
}

/// A file whose own findings the baseline hides, but which has a new cross-region finding,
/// counts once among the files with findings (it used to count zero times).
#[test]
fn baseline_hidden_file_with_a_new_cross_region_finding_counts_once() {
    let t = TempDir::new().unwrap();
    let bad = GUIDE.replace("\"0731-85693039\"", "\"023—65751638\"");
    write(t.path(), "catalogs/a.yaml", &bad);
    write(t.path(), "catalogs/b.yaml", GUIDE);
    write(t.path(), "catalogs/c.yaml", GUIDE);
    let args = [
        "lint",
        "catalogs",
        "--write-baseline",
        "tongban-baseline.json",
    ];
    let (code, out, _) = run(t.path(), &args);
    assert_eq!(code, 0, "{out}");
    // a.yaml now also differs from b and c in 事项类型 (TB303, cross-region).
    write(
        t.path(),
        "catalogs/a.yaml",
        &bad.replace("type: 行政许可", "type: 行政确认"),
    );
    let (_, out, _) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "--format",
            "json",
            "--baseline",
            "tongban-baseline.json",
        ],
    );
    assert_eq!(
        codes(&out),
        vec![("catalogs/a.yaml".to_owned(), "TB303".to_owned())],
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["files"], 3, "{out}");
    assert_eq!(v["summary"]["files_with_findings"], 1, "{out}");
}

#[test]
fn baseline_survives_edits_elsewhere_and_counts_fixed_entries() {
    let t = TempDir::new().unwrap();
    let bad = GUIDE.replace(
        "  complaint_phone: \"0731-85693039\"\n",
        "  complaint_phone: \"023—65751638\"\n",
    );
    write(t.path(), "catalogs/a.yaml", &bad);
    write(t.path(), "catalogs/b.yaml", GUIDE);
    let (code, out, _) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "--fail-on",
            "warning",
            "--write-baseline",
            "tongban-baseline.json",
        ],
    );
    assert_eq!(code, 0, "writing a baseline does not fail: {out}");
    assert!(out.contains("baseline: recorded 3 findings"), "{out}");
    let written = std::fs::read_to_string(t.path().join("tongban-baseline.json")).unwrap();
    assert!(
        written.contains("\"path\": \"catalogs/a.yaml\""),
        "{written}"
    );
    assert!(
        written.contains("\"pointer\": \"/contact/complaint_phone\""),
        "{written}"
    );

    // Lines added above the findings: still known, nothing new, exit 0 even with --fail-on warning.
    write(
        t.path(),
        "catalogs/a.yaml",
        &format!("# 新增注释\n# 第二行\n{bad}"),
    );
    let (code, out, _) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "--fail-on",
            "warning",
            "--baseline",
            "tongban-baseline.json",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("baseline: 3 known findings not shown; 0 baseline entries are now fixed"),
        "{out}"
    );

    // One fixed, one new.
    write(t.path(), "catalogs/a.yaml", GUIDE);
    write(
        t.path(),
        "catalogs/b.yaml",
        &GUIDE.replace("\"0731-85693039\"", "\"0731-856\""),
    );
    let (code, out, _) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "--baseline",
            "tongban-baseline.json",
            "--format",
            "json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(codes(&out), vec![pair("catalogs/b.yaml", "TB217")], "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["baseline_matched"], 2);
    assert_eq!(v["summary"]["baseline_fixed"], 1);
}

#[test]
fn github_format_annotates_lines() {
    let t = TempDir::new().unwrap();
    write(t.path(), "g.yaml", GUIDE);
    let (_, out, _) = run(t.path(), &["lint", "--format", "github"]);
    assert_eq!(
        out.lines().next().unwrap_or_default(),
        "::warning file=g.yaml,line=9,col=23,endLine=9,endColumn=33,title=TB217 phone-format::consultation phone `85693039` has no area code; callers from other regions cannot dial it%0Awrite `area code-number` (e.g. 0731-85693039), an 11-digit mobile or a hotline such as 12345; extensions as -8001 or 转8001; put prose in consultation/complaint"
    );
}

#[test]
fn rules_and_rule_commands() {
    let t = TempDir::new().unwrap();
    let (code, out, _) = run(t.path(), &["rules"]);
    assert_eq!(code, 0);
    for code in ["TB001", "TB104", "TB201", "TB217", "TB306", "TB402"] {
        assert!(out.contains(code), "{code} missing from `tongban rules`");
    }
    let (code, out, _) = run(t.path(), &["rule", "promised-exceeds-legal"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# TB201 promised-exceeds-legal"), "{out}");
    for h in [
        "### What it does",
        "### Why is this bad?",
        "### Example",
        "### Use instead",
    ] {
        assert!(out.contains(h), "{h}");
    }
    let (code, _, err) = run(t.path(), &["rule", "TB999"]);
    assert_eq!(code, 2);
    assert!(err.contains("no check or rule is called `TB999`"), "{err}");
}

#[test]
fn pre_commit_hook_is_declared() {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    assert!(text.contains("id: tongban"));
    assert!(text.contains("entry: tongban lint"));
}

/// Without a `synonyms` setting, duplicate-material reads materials as diff does (the bundled
/// catalogs/documents.yaml), item-scoped entries only within their item.
#[test]
fn duplicate_material_uses_the_diff_dictionary_by_default() {
    let t = TempDir::new().unwrap();
    let guide = GUIDE.replace(
        "materials:\n  - name: 全体合伙人签署的合伙协议\n",
        "materials:\n  - name: 身份证\n  - name: 居民身份证\n  - name: 出资权属证明\n  - name: 出资确认书\n",
    );
    write(t.path(), "g.yaml", &guide);
    write(
        t.path(),
        "tongban.toml",
        "[rules]\nphone-format = \"off\"\n",
    );
    let duplicates = || {
        let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "TB209")
            .map(|f| f["pointer"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // 身份证 = 居民身份证 everywhere; 出资权属证明 = 出资确认书 in 合伙企业设立登记 only.
    assert_eq!(duplicates(), vec!["/materials/1/name", "/materials/3/name"]);

    // The same two names in another item are two materials.
    write(
        t.path(),
        "g.yaml",
        &guide.replace("name: 合伙企业设立登记", "name: 生育登记"),
    );
    assert_eq!(duplicates(), vec!["/materials/1/name"]);
}

#[test]
fn data_files_named_in_the_config() {
    let t = TempDir::new().unwrap();
    let guide = GUIDE.replace(
        "materials:\n  - name: 全体合伙人签署的合伙协议\n",
        "materials:\n  - name: 经营场所证明\n  - name: 《主要经营场所使用证明》\n  - name: 暂住证\n    original: 复印件\n",
    );
    write(t.path(), "g.yaml", &guide);
    write(
        t.path(),
        "data/synonyms.yaml",
        "materials:\n  - canonical: 经营场所证明\n    variants: [主要经营场所使用证明, 住所（经营场所）使用证明]\n",
    );
    write(
        t.path(),
        "data/licences.yaml",
        "licences:\n  - name: 居住证\n    names: [居住证, 暂住证]\n",
    );
    write(
        t.path(),
        "tongban.toml",
        "synonyms = \"data/synonyms.yaml\"\ne-licences = \"data/licences.yaml\"\n[rules]\nphone-format = \"off\"\n",
    );
    let (_, out, err) = run(t.path(), &["lint", "--format", "json"]);
    let found: Vec<String> = codes(&out).into_iter().map(|(_, c)| c).collect();
    assert_eq!(found, vec!["TB209", "TB215"], "{out}{err}");

    // A catalogue that breaks its schema stops the run and says where.
    write(
        t.path(),
        "data/licences.yaml",
        "licences:\n  - name: 居住证\n    nmaes: [居住证]\n",
    );
    let (code, _, err) = run(t.path(), &["lint"]);
    assert_eq!(code, 2);
    assert!(err.contains("licences.yaml:2:"), "{err}");
}

#[test]
fn input_checks_obey_config_and_file_level_suppressions() {
    let t = TempDir::new().unwrap();
    let fixed = GUIDE.replace("\"85693039\"", "\"0731-85693030\"");
    write(t.path(), "bom.yaml", &format!("\u{feff}{fixed}"));
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![pair("./bom.yaml", "TB003")], "{out}");
    // Turned off by name in the config…
    write(t.path(), "tongban.toml", "[rules]\nutf8-bom = \"off\"\n");
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![], "{out}");
    // …or allowed for the one file.
    std::fs::remove_file(t.path().join("tongban.toml")).unwrap();
    write(
        t.path(),
        "bom.yaml",
        &format!("\u{feff}# tongban: allow-file TB003 exported by the provincial system\n{fixed}"),
    );
    let (_, out, _) = run(t.path(), &["lint", "--format", "json"]);
    assert_eq!(codes(&out), vec![], "{out}");
}

/// Regression: errors (exit 2) were printed in English whatever `--lang` said.
#[test]
fn errors_were_printed_in_english_under_lang_zh() {
    let out = tongban().args(["lint", "no-such-folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("无法读取 no-such-folder"), "{err}");
    let out = tongban()
        .args(["--lang", "en", "lint", "no-such-folder"])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("cannot read no-such-folder"));
    let out = tongban().args(["lint", "-", "catalogs"]).output().unwrap();
    assert!(
        stderr(&out).contains("不能与其他路径同时使用"),
        "{}",
        stderr(&out)
    );
    // miette's `help:` label reads 提示： in Chinese (errors and the human lint format).
    let out = tongban().args(["rule", "TB999"]).output().unwrap();
    let err = stderr(&out);
    assert!(err.contains("提示：") && !err.contains("help:"), "{err}");
}
