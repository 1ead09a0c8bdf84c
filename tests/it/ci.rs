//! End to end through the binary: standard input, completions and man page, statistics, several
//! outputs in one run, "did you mean", stable identities (baseline and fingerprints keyed by
//! content), the CI formats' paths and counts, and cross-region context for named files.

use crate::common;

use std::path::Path;

use common::{run_in as run, tongban_in as tongban, write_in as write};

use serde_json::Value;
use tempfile::TempDir;

/// A guide with two materials; the second has a TB106 error (negative copies) and two warnings.
const GUIDE: &str = r#"item:
  name: 合伙企业设立登记
  type: 行政许可
region:
  code: "430000"
  name: 湖南省
department: 湖南省市场监督管理局
materials:
  - name: 全体合伙人签署的合伙协议
  - name: 合伙企业登记（备案）申请书
    copies: -1
source:
  document: tongban 测试样例（非真实指南）
  retrieved: "2026-11-26"
  completeness: partial
"#;

/// A clean guide of the same item in another region.
fn clean(code: &str, name: &str, kind: &str) -> String {
    format!(
        "item:\n  name: 合伙企业设立登记\n  type: {kind}\nregion:\n  code: \"{code}\"\n  name: {name}\n\
         department: {name}市场监督管理局\nmaterials:\n  - name: 全体合伙人签署的合伙协议\n\
         source:\n  document: tongban 测试样例（非真实指南）\n  retrieved: \"2026-11-26\"\n  completeness: partial\n"
    )
}

/// (path, code, pointer) of every finding of a JSON report.
fn findings(json: &str) -> Vec<(String, String, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["pointer"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn stdin_uses_the_stdin_filename_for_findings_and_config() {
    let t = TempDir::new().unwrap();
    write(
        t.path(),
        "tongban.toml",
        "exclude = [\"drafts/**\"]\n[[overrides]]\npaths = [\"legacy/**\"]\nrules = { TB106 = \"off\" }\n",
    );
    let out = tongban(t.path())
        .args([
            "lint",
            "-",
            "--stdin-filename",
            "catalogs/hunan/a.yaml",
            "-f",
            "json",
        ])
        .write_stdin(GUIDE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let f = findings(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(f.len(), 3, "{f:?}");
    assert!(
        f.iter().all(|(p, _, _)| p == "catalogs/hunan/a.yaml"),
        "{f:?}"
    );
    // Per-path levels see the stdin filename.
    let out = tongban(t.path())
        .args([
            "lint",
            "-",
            "--stdin-filename",
            "legacy/a.yaml",
            "-f",
            "json",
        ])
        .write_stdin(GUIDE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "TB106 is off under legacy/");
    // Excluded: not linted at all.
    let out = tongban(t.path())
        .args(["lint", "-", "--stdin-filename", "drafts/a.yaml"])
        .write_stdin(GUIDE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing was linted"));
    // Without a name the guide is `-`.
    let out = tongban(t.path())
        .args(["lint", "-"])
        .write_stdin(GUIDE)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("─[-:11:13]"));
    // Too large: a finding about the input (TB009), as for a file.
    let out = tongban(t.path())
        .args(["lint", "-", "--max-file-size", "100", "-f", "json"])
        .write_stdin(GUIDE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let f = findings(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(f, vec![("-".to_owned(), "TB009".to_owned(), String::new())]);
    // `-` with other paths, or a stdin filename without `-`, is a usage error.
    let (code, _, err) = run(t.path(), &["lint", "-", "tongban.toml"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(t.path(), &["lint", ".", "--stdin-filename", "a.yaml"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn completions_and_man_page() {
    let t = TempDir::new().unwrap();
    // Each script calls `tongban` back at TAB time (COMPLETE=<shell>); what it completes is
    // tested through bash in `completions_offer_rule_codes_items_and_regions`.
    for (shell, marker) in [
        ("bash", "_clap_complete_tongban tongban"),
        ("zsh", "#compdef tongban"),
        (
            "fish",
            "complete --keep-order --exclusive --command tongban",
        ),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "arg-completer[tongban]"),
    ] {
        let (code, out, err) = run(t.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(
            out.contains(&format!("COMPLETE=\"{shell}\""))
                || out.contains(&format!("COMPLETE={shell}"))
                || out.contains(&format!("env:COMPLETE = \"{shell}\"")),
            "{shell} calls tongban back: {out}"
        );
    }
    let (code, out, _) = run(t.path(), &["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH tongban 1"), "{out}");
    let (code, out, _) = run(t.path(), &["man", "lint"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH tongban-lint 1"), "{out}");
    assert!(
        out.contains("stdin\\-filename"),
        "every lint option is on the page: {out}"
    );
    // The sections clap does not write (issue 24), on every page.
    for page in [&["man"][..], &["man", "diff"]] {
        let (_, out, _) = run(t.path(), page);
        for section in [
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH EXAMPLES",
        ] {
            assert!(out.contains(section), "{page:?} lacks {section}: {out}");
        }
        assert!(out.contains("\\fBNO_COLOR\\fR"), "{out}");
    }
    let (code, _, err) = run(t.path(), &["man", "lnt"]);
    assert_eq!(code, 2);
    assert!(err.contains("subcommands: lint,"), "{err}");
}

#[test]
fn statistics_count_findings_per_rule_in_both_languages() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/a.yaml", GUIDE);
    write(t.path(), "catalogs/b.yaml", GUIDE);
    let (code, out, _) = run(t.path(), &["lint", "catalogs", "--statistics"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("findings") && lines[0].contains("summary"),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()[..4]
                == ["2", "2", "TB106", "out-of-range"]),
        "{out}"
    );
    assert!(!out.contains("╭─["), "no snippets: {out}");
    assert!(
        out.ends_with("✗ checked 2 files, 2 with findings: 2 errors, 4 warnings, 0 infos\n"),
        "{out}"
    );
    let (_, out, _) = run(
        t.path(),
        &["lint", "catalogs", "--statistics", "--lang", "zh"],
    );
    assert!(
        out.contains("问题数") && out.contains("数值或数量超出范围"),
        "{out}"
    );
    let (_, out, _) = run(
        t.path(),
        &["lint", "catalogs", "--statistics", "-f", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rules"][0]["code"], "TB106", "{v}");
    assert_eq!(v["rules"][0]["findings"], 2);
    assert_eq!(v["rules"][0]["files"], 2);
    assert_eq!(v["summary"]["errors"], 2);
}

#[test]
fn several_outputs_in_one_run() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/a.yaml", GUIDE);
    let (code, out, err) = run(
        t.path(),
        &[
            "lint",
            "catalogs",
            "-f",
            "human",
            "-o",
            "sarif=out/tongban.sarif",
            "--output",
            "junit=junit.xml",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("╭─[catalogs/a.yaml:11:13]"),
        "human on stdout: {out}"
    );
    assert!(err.contains("wrote"), "{err}");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(t.path().join("out/tongban.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 3);
    let junit = std::fs::read_to_string(t.path().join("junit.xml")).unwrap();
    assert!(
        junit.contains("<testcase name=\"catalogs/a.yaml\""),
        "{junit}"
    );
    // A bare path takes the --format report off standard output.
    let (code, out, _) = run(
        t.path(),
        &["lint", "catalogs", "-f", "json", "-o", "r.json"],
    );
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let r = std::fs::read_to_string(t.path().join("r.json")).unwrap();
    assert_eq!(findings(&r).len(), 3);
    // An unknown format is a usage error, and a file that cannot be created fails before linting.
    let (code, _, err) = run(t.path(), &["lint", "catalogs", "-o", "sarf=x.sarif"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `sarf`"), "{err}");
    let (code, _, err) = run(
        t.path(),
        &["lint", "catalogs", "-o", "sarif=catalogs/a.yaml/x"],
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn did_you_mean_for_rules_and_english_plurals() {
    let t = TempDir::new().unwrap();
    let (code, _, err) = run(t.path(), &["rule", "phone-fromat"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `phone-format`?"), "{err}");
    let (code, _, err) = run(t.path(), &["rule", "TB2O1"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `TB201`?"), "{err}");
    write(
        t.path(),
        "tongban.toml",
        "[rules]\nphone-fromat = \"off\"\n",
    );
    let (_, out, _) = run(t.path(), &["lint", "tongban.toml", "-f", "json"]);
    assert!(out.contains("did you mean `phone-format`?"), "{out}");
    std::fs::remove_file(t.path().join("tongban.toml")).unwrap();
    write(t.path(), "a.yaml", &clean("430000", "湖南省", "行政许可"));
    let (code, out, _) = run(t.path(), &["lint", "a.yaml"]);
    assert_eq!(code, 0);
    assert_eq!(out, "✓ checked 1 file: no findings\n");
    write(t.path(), "b.yaml", GUIDE);
    let (_, out, _) = run(t.path(), &["lint", "b.yaml"]);
    assert!(
        out.ends_with("✗ checked 1 file, 1 with findings: 1 error, 2 warnings, 0 infos\n"),
        "{out}"
    );
}

/// The guide with its materials edited: `insert` adds one at the top, `reverse` reorders them.
fn edited(insert: bool, reverse: bool, drop_first: bool) -> String {
    let mut materials = vec![
        "  - name: 全体合伙人签署的合伙协议\n".to_owned(),
        "  - name: 合伙企业登记（备案）申请书\n    copies: -1\n".to_owned(),
    ];
    if drop_first {
        materials.remove(0);
    }
    if reverse {
        materials.reverse();
    }
    if insert {
        materials.insert(0, "  - name: 《全体合伙人的主体资格证明》\n".to_owned());
    }
    let (head, tail) = GUIDE.split_once("materials:\n").unwrap();
    let tail = &tail[tail.find("source:").unwrap()..];
    format!("{head}materials:\n{}{tail}", materials.concat())
}

#[test]
fn baseline_and_fingerprints_survive_inserting_removing_and_reordering_materials() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/a.yaml", GUIDE);
    let (code, _, _) = run(
        t.path(),
        &["lint", "catalogs", "--write-baseline", "baseline.json"],
    );
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(t.path().join("baseline.json")).unwrap();
    assert!(written.contains("\"version\": 2"), "{written}");
    assert!(
        written.contains("\"pointer\": \"/materials/[name=合伙企业登记(备案)申请书]/copies\""),
        "{written}"
    );
    let fingerprints = |dir: &Path| -> (Vec<String>, Vec<String>) {
        let (_, sarif, _) = run(dir, &["lint", "catalogs", "-f", "sarif"]);
        let sarif: Value = serde_json::from_str(&sarif).unwrap();
        let mut s: Vec<String> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["tongbanKey/v2"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        s.sort();
        let (_, gitlab, _) = run(dir, &["lint", "catalogs", "-f", "gitlab"]);
        let gitlab: Value = serde_json::from_str(&gitlab).unwrap();
        let mut g: Vec<String> = gitlab
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_owned())
            .collect();
        g.sort();
        (s, g)
    };
    let before = fingerprints(t.path());
    assert_eq!(before.0.len(), 3);
    for (insert, reverse, drop_first) in [
        (true, false, false),
        (false, true, false),
        (false, false, true),
        (true, true, true),
    ] {
        write(
            t.path(),
            "catalogs/a.yaml",
            &edited(insert, reverse, drop_first),
        );
        let (code, out, err) = run(
            t.path(),
            &[
                "lint",
                "catalogs",
                "--fail-on",
                "warning",
                "--baseline",
                "baseline.json",
                "-f",
                "json",
            ],
        );
        let what = format!("insert={insert} reverse={reverse} drop_first={drop_first}");
        assert_eq!(code, 0, "{what}: {out}{err}");
        assert_eq!(findings(&out), vec![], "{what}");
        assert_eq!(fingerprints(t.path()), before, "{what}");
    }
}

#[test]
fn version_1_baselines_are_still_read_with_a_note() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/a.yaml", GUIDE);
    write(
        t.path(),
        "old.json",
        r#"{"version": 1, "findings": [
  {"path": "catalogs/a.yaml", "pointer": "/materials/1/copies", "code": "TB106"},
  {"path": "catalogs/a.yaml", "pointer": "/materials/1/name", "code": "TB210"},
  {"path": "catalogs/a.yaml", "pointer": "/materials/1/name", "code": "TB211"}
]}"#,
    );
    let (code, out, err) = run(t.path(), &["lint", "catalogs", "--baseline", "old.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 known findings not shown"), "{out}");
    assert!(
        err.contains("version 1 baseline") && err.contains("--write-baseline"),
        "{err}"
    );
    write(t.path(), "future.json", r#"{"version": 9, "findings": []}"#);
    let (code, _, err) = run(t.path(), &["lint", "catalogs", "--baseline", "future.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("version 9"), "{err}");
}

#[test]
fn ci_formats_use_relative_paths_for_absolute_inputs() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/a.yaml", GUIDE);
    let abs = t.path().join("catalogs").display().to_string();
    let (_, sarif, _) = run(t.path(), &["lint", &abs, "-f", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "catalogs/a.yaml");
    let (_, gitlab, _) = run(t.path(), &["lint", &abs, "-f", "gitlab"]);
    let gitlab: Value = serde_json::from_str(&gitlab).unwrap();
    assert_eq!(gitlab[0]["location"]["path"], "catalogs/a.yaml");
    // Older GitLab reads lines.begin; newer positions.
    assert_eq!(gitlab[0]["location"]["lines"]["begin"], 10);
    assert_eq!(gitlab[0]["location"]["positions"]["begin"]["line"], 10);
    let (_, gh, _) = run(t.path(), &["lint", &abs, "-f", "github"]);
    assert!(
        gh.starts_with("::warning file=catalogs/a.yaml,line=10,"),
        "{gh}"
    );
}

#[test]
fn junit_fails_a_file_only_at_or_above_fail_on() {
    let t = TempDir::new().unwrap();
    // Warnings only (TB210/TB211), and a clean file.
    write(
        t.path(),
        "catalogs/a.yaml",
        &GUIDE.replace("    copies: -1\n", ""),
    );
    write(
        t.path(),
        "catalogs/b.yaml",
        &clean("310000", "上海市", "行政许可"),
    );
    let (code, xml, _) = run(t.path(), &["lint", "catalogs", "-f", "junit"]);
    assert_eq!(code, 0);
    assert!(
        xml.contains("tests=\"2\"") && xml.contains("failures=\"0\""),
        "{xml}"
    );
    let (code, xml, _) = run(
        t.path(),
        &["lint", "catalogs", "-f", "junit", "--fail-on", "warning"],
    );
    assert_eq!(code, 1);
    assert!(
        xml.contains("tests=\"2\"") && xml.contains("failures=\"1\""),
        "{xml}"
    );
}

#[test]
fn github_format_writes_a_job_summary() {
    let t = TempDir::new().unwrap();
    write(t.path(), "catalogs/a.yaml", GUIDE);
    write(
        t.path(),
        "catalogs/b.yaml",
        &GUIDE.replace("    copies: -1\n", ""),
    );
    write(t.path(), "summary.md", "earlier step\n");
    let out = tongban(t.path())
        .args(["lint", "catalogs", "-f", "github"])
        .env("GITHUB_STEP_SUMMARY", t.path().join("summary.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = std::fs::read_to_string(t.path().join("summary.md")).unwrap();
    assert!(
        md.starts_with("earlier step\n## tongban\n"),
        "appended: {md}"
    );
    assert!(
        md.contains("| `TB210` form-name-without-title-marks |"),
        "{md}"
    );
    assert!(md.contains("| warning | 2 | 2 |"), "{md}");
    assert!(md.contains("| `catalogs/a.yaml` | 1 | 2 | 0 |"), "{md}");
    // Without the variable nothing is written anywhere but stdout.
    let (_, _, err) = run(t.path(), &["lint", "catalogs", "-f", "github"]);
    assert_eq!(err, "");
}

#[test]
fn named_files_are_compared_against_the_whole_catalog() {
    let t = TempDir::new().unwrap();
    write(
        t.path(),
        "catalogs/national.yaml",
        &clean("100000", "全国", "行政许可"),
    );
    write(
        t.path(),
        "catalogs/shanghai.yaml",
        &clean("310000", "上海市", "行政许可"),
    );
    write(
        t.path(),
        "catalogs/hunan.yaml",
        &clean("430000", "湖南省", "其他行政权力"),
    );
    write(
        t.path(),
        "catalogs/jiangsu.yaml",
        &clean("320000", "江苏省", "其他行政权力"),
    );
    write(t.path(), "mkdocs.yml", "site_name: docs\n");
    // Only hunan changed. Without a catalog, the one file has nothing to disagree with.
    let (code, out, _) = run(t.path(), &["lint", "catalogs/hunan.yaml", "-f", "json"]);
    assert_eq!(code, 0);
    assert_eq!(findings(&out), vec![]);
    // With --catalog: the regression is found, in the named file only (jiangsu is just as
    // wrong but was not named).
    let (_, out, _) = run(
        t.path(),
        &[
            "lint",
            "catalogs/hunan.yaml",
            "--catalog",
            "catalogs",
            "-f",
            "json",
            "--fail-on",
            "warning",
        ],
    );
    let expect = vec![(
        "catalogs/hunan.yaml".to_owned(),
        "TB303".to_owned(),
        "/item/type".to_owned(),
    )];
    assert_eq!(findings(&out), expect, "{out}");
    // The same from tongban.toml, which also keeps other YAML from being linted as a guide.
    write(
        t.path(),
        "tongban.toml",
        "catalog = \"catalogs\"\ninclude = [\"catalogs/**\"]\n",
    );
    let (_, out, _) = run(
        t.path(),
        &["lint", "catalogs/hunan.yaml", "mkdocs.yml", "-f", "json"],
    );
    assert_eq!(findings(&out), expect, "{out}");
    // Standard input standing for the changed file: compared against the rest of the catalog.
    let out = tongban(t.path())
        .args([
            "lint",
            "-",
            "--stdin-filename",
            "catalogs/shanghai.yaml",
            "-f",
            "json",
        ])
        .write_stdin(clean("310000", "上海市", "公共服务"))
        .output()
        .unwrap();
    let f = findings(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        f,
        vec![(
            "catalogs/shanghai.yaml".to_owned(),
            "TB303".to_owned(),
            "/item/type".to_owned()
        )]
    );
    // Linting the whole catalog is unchanged by the setting (hunan and jiangsu both reported).
    let (_, out, _) = run(t.path(), &["lint", ".", "-f", "json"]);
    let f = findings(&out);
    assert_eq!(f.len(), 2, "{f:?}");
}

/// Regression (issue 20): `catalog = "/"` (or `--catalog /`) made `tongban lint` walk and read
/// the whole disk. The catalog walk keeps to `[catalog-limits]` in tongban.toml: past either limit
/// the run stops with exit 2 before any report is written, naming the limit and how to raise it,
/// in both languages; within them the catalog works as before.
#[test]
fn the_catalog_walk_keeps_to_its_limits() {
    // The message as words: miette wraps it at 80 columns behind a `│`.
    let says = |err: &str, needle: &str| {
        let squash = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '│')
                .collect()
        };
        squash(err).contains(&squash(needle))
    };
    let t = TempDir::new().unwrap();
    for (file, code, name, kind) in [
        ("national", "100000", "全国", "行政许可"),
        ("shanghai", "310000", "上海市", "行政许可"),
        ("hunan", "430000", "湖南省", "其他行政权力"),
    ] {
        write(
            t.path(),
            &format!("catalogs/{file}.yaml"),
            &clean(code, name, kind),
        );
    }
    let lint = [
        "lint",
        "catalogs/hunan.yaml",
        "-f",
        "json",
        "--fail-on",
        "warning",
    ];
    let limits = |entries: u64, bytes: u64| {
        write(
            t.path(),
            "tongban.toml",
            &format!(
                "catalog = \"catalogs\"\n[catalog-limits]\nmax-entries = {entries}\nmax-bytes = {bytes}\n"
            ),
        );
    };
    // The folder and its three guides: four entries.
    limits(4, 100_000);
    let (code, out, err) = run(t.path(), &lint);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        findings(&out),
        [(
            "catalogs/hunan.yaml".to_owned(),
            "TB303".to_owned(),
            "/item/type".to_owned()
        )]
    );
    limits(3, 100_000);
    let (code, out, err) = run(t.path(), &lint);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        says(
            &err,
            "the catalog catalogs has more than 3 files and folders"
        ) && says(
            &err,
            "raise max-entries under [catalog-limits] in tongban.toml"
        ),
        "{err}"
    );
    let mut zh = vec!["--lang", "zh"];
    zh.extend(lint);
    let (code, _, err) = run(t.path(), &zh);
    assert_eq!(code, 2);
    assert!(
        says(&err, "超过 3 个文件和文件夹")
            && says(&err, "在 tongban.toml 中调大 [catalog-limits] max-entries"),
        "{err}"
    );
    // Bytes: the three guides are about 1 KB together.
    limits(100, 600);
    let (code, out, err) = run(t.path(), &lint);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        says(&err, "holds more than 600 bytes of guides") && says(&err, "raise max-bytes"),
        "{err}"
    );
    let (_, _, err) = run(t.path(), &zh);
    assert!(
        says(&err, "超过 600 字节") && says(&err, "调大 [catalog-limits] max-bytes"),
        "{err}"
    );
    // --catalog on the command line and standard input keep to the same limits.
    limits(3, 100_000);
    std::fs::write(
        t.path().join("tongban.toml"),
        "[catalog-limits]\nmax-entries = 3\n",
    )
    .unwrap();
    let mut named = lint.to_vec();
    named.extend(["--catalog", "catalogs"]);
    let (code, _, err) = run(t.path(), &named);
    assert_eq!(code, 2);
    assert!(says(&err, "max-entries"), "{err}");
    let out = tongban(t.path())
        .args(["lint", "-", "--stdin-filename", "catalogs/hunan.yaml"])
        .args(["--catalog", "catalogs", "-f", "json"])
        .write_stdin(clean("430000", "湖南省", "其他行政权力"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // A bad limit is a configuration error with its line.
    std::fs::write(
        t.path().join("tongban.toml"),
        "[catalog-limits]\nmax-files = 3\n",
    )
    .unwrap();
    let (code, _, err) = run(t.path(), &named);
    assert_eq!(code, 2);
    assert!(
        says(&err, "tongban.toml:2:1") && says(&err, "max-files"),
        "{err}"
    );
}

/// Regression: JUnit reported 59 failed tests on a run of the bundled catalogs that exits 0
/// (one failing test case per warning); a file now fails only at or above --fail-on.
#[test]
fn junit_failures_agree_with_the_exit_status_on_the_bundled_catalogs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, xml, _) = run(root, &["lint", "catalogs", "-f", "junit"]);
    assert_eq!(code, 0);
    assert!(xml.contains("<testsuite name=\"tongban\""), "{xml}");
    assert!(xml.contains("failures=\"0\""), "{xml}");
    let (code, xml, _) = run(
        root,
        &["lint", "catalogs", "-f", "junit", "--fail-on", "warning"],
    );
    assert_eq!(code, 1);
    assert!(!xml.contains("failures=\"0\""), "{xml}");
}

/// Agreement files (their own schema) get content-keyed identities too: members by name.
#[test]
fn agreement_findings_are_keyed_by_member_name() {
    let t = TempDir::new().unwrap();
    write(
        t.path(),
        "catalogs/agreements/a.yaml",
        "name: 测试协议\ndate: \"2019\"\nmembers:\n  - {code: \"310117\", name: 松江区}\n  - {code: \"33040\", name: 嘉兴市}\n\
         items:\n  - name: 内资有限公司设立登记\nsource:\n  document: tongban 测试样例（非真实指南）\n  retrieved: \"2026-11-26\"\n  completeness: partial\n",
    );
    let (_, _, err) = run(
        t.path(),
        &["lint", "catalogs", "--write-baseline", "b.json"],
    );
    let written = std::fs::read_to_string(t.path().join("b.json")).unwrap();
    assert!(
        written.contains("\"pointer\": \"/members/[name=嘉兴市]/code\""),
        "{written}{err}"
    );
}

/// Completes `words` (the last one being typed) as bash would, through the script `tongban
/// completions bash` prints, with `tongban` on PATH: the candidates, one per line.
fn bash_complete(dir: &Path, lang: &str, words: &[&str]) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_tongban")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        r#"source <(tongban completions bash) || exit 3
COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_TYPE=9
_clap_complete_tongban tongban "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        words = quoted.join(" ")
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env(
            "LANG",
            if lang == "zh" {
                "zh_CN.UTF-8"
            } else {
                "en_US.UTF-8"
            },
        )
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Issue 24: completions offered no rule codes or item names. Through bash as a user has it
/// (`source <(tongban completions bash)`, then TAB): rule codes for `rule` and `--fail-on`
/// (groups too), the 事项名称 of the catalog at hand for `--item` (the folders named on the
/// line, else the working directory), its region codes for `--region` / `--regions`, and
/// flags as before.
#[test]
fn completions_offer_rule_codes_items_and_regions() {
    let t = TempDir::new().unwrap();
    write(
        t.path(),
        "catalogs/hunan/g.yaml",
        &clean("430000", "湖南省", "行政许可"),
    );
    write(
        t.path(),
        "catalogs/shanghai/g.yaml",
        &clean("310000", "上海市", "行政许可"),
    );
    let other = GUIDE.replace("合伙企业设立登记", "生育登记");
    write(t.path(), "elsewhere/g.yaml", &other);
    let tb30: Vec<String> = (1..=6).map(|n| format!("TB30{n}")).collect();
    assert_eq!(
        bash_complete(t.path(), "en", &["tongban", "rule", "TB30"]),
        tb30
    );
    let fail_on = bash_complete(t.path(), "en", &["tongban", "lint", "--fail-on", "TB3"]);
    assert_eq!(fail_on[0], "TB3xx", "{fail_on:?}");
    assert_eq!(fail_on[1..], tb30[..], "{fail_on:?}");
    assert_eq!(
        bash_complete(t.path(), "en", &["tongban", "lint", "--fail-on", "w"]),
        ["warning"]
    );
    // Items of the folder named on the line; of the working directory when none is.
    assert_eq!(
        bash_complete(
            t.path(),
            "zh",
            &["tongban", "diff", "catalogs", "--item", ""]
        ),
        ["合伙企业设立登记"]
    );
    assert_eq!(
        bash_complete(
            t.path(),
            "en",
            &["tongban", "diff", "elsewhere", "--item", "生"]
        ),
        ["生育登记"]
    );
    let mut all = bash_complete(t.path(), "en", &["tongban", "diff", "--item", ""]);
    all.sort();
    assert_eq!(all, ["合伙企业设立登记", "生育登记"]);
    assert_eq!(
        bash_complete(
            t.path(),
            "en",
            &["tongban", "diff", "catalogs", "--region", "3"]
        ),
        ["310000"]
    );
    assert_eq!(
        bash_complete(
            t.path(),
            "en",
            &["tongban", "material", "x", "--item", "合伙"]
        ),
        ["合伙企业设立登记"]
    );
    assert_eq!(
        bash_complete(t.path(), "en", &["tongban", "lint", "--stdin-f"]),
        ["--stdin-filename"]
    );
}
