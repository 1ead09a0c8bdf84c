//! End-to-end tests of `tongban lint`: exit codes, output formats, and every class of bad input.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn tongban() -> Command {
    let mut cmd = Command::cargo_bin("tongban").unwrap();
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `tongban lint --format json` in `dir` and returns (exit code, parsed JSON).
fn lint_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = tongban()
        .current_dir(dir)
        .args(["lint", "--format", "json", "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), json)
}

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn bundled_catalogs_lint_without_schema_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, json) = lint_json(root, &["catalogs"]);
    assert!(code <= 1, "tool failure on bundled catalogs");
    assert!(json["summary"]["files"].as_u64().unwrap() >= 18);
    let bad: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let c = f["code"].as_str().unwrap();
            c.starts_with("TB0") || c.starts_with("TB1")
        })
        .collect();
    assert!(
        bad.is_empty(),
        "catalog guides must pass the schema: {bad:#?}"
    );
}

#[test]
fn clean_guide_exits_zero() {
    tongban()
        .current_dir(fixtures().join("lint"))
        .args(["lint", "--lang", "zh", "valid-guide.yaml"])
        .assert()
        .code(0)
        .stdout("✓ 已检查 1 个文件，未发现问题\n");
}

#[test]
fn human_output_zh_snapshot() {
    let out = tongban()
        .current_dir(fixtures().join("lint"))
        .args(["lint", "--lang", "zh", "broken-guide.yaml"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("broken_guide_zh", String::from_utf8(out).unwrap());
}

#[test]
fn human_output_en_snapshot() {
    let out = tongban()
        .current_dir(fixtures().join("lint"))
        .args(["lint", "--lang", "en", "broken-guide.yaml"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!("broken_guide_en", String::from_utf8(out).unwrap());
}

#[test]
fn lang_defaults_from_locale() {
    tongban()
        .current_dir(fixtures().join("lint"))
        .env("LANG", "en_US.UTF-8")
        .args(["lint", "valid-guide.yaml"])
        .assert()
        .stdout(predicate::str::contains("no findings"));
    tongban()
        .current_dir(fixtures().join("lint"))
        .env("LANG", "zh_CN.UTF-8")
        .args(["lint", "valid-guide.yaml"])
        .assert()
        .stdout(predicate::str::contains("未发现问题"));
}

#[test]
fn json_output_snapshot_and_shape() {
    let (code, json) = lint_json(&fixtures().join("lint"), &["broken-guide.yaml"]);
    assert_eq!(code, 1);
    for f in json["findings"].as_array().unwrap() {
        for key in [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "pointer",
            "code",
            "severity",
            "message",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
    }
    // Every violation in the file is reported, not just the first.
    let c = codes(&json);
    for expected in ["TB101", "TB102", "TB103", "TB104", "TB105", "TB106"] {
        assert!(c.iter().any(|x| x == expected), "{expected} not in {c:?}");
    }
    // The output as printed: key order is part of what readers see.
    let out = tongban()
        .current_dir(fixtures().join("lint"))
        .args([
            "lint",
            "--format",
            "json",
            "--lang",
            "en",
            "broken-guide.yaml",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("broken_guide_json", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn unknown_key_points_at_key_with_suggestion() {
    let (_, json) = lint_json(&fixtures().join("lint"), &["broken-guide.yaml"]);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pointer"] == "/departmnet")
        .unwrap();
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(9), Some(1))
    );
    assert_eq!(f["end_column"].as_u64(), Some(11));
    assert!(f["help"].as_str().unwrap().contains("`department`"));
}

#[test]
fn enum_lists_allowed_values() {
    let (_, json) = lint_json(&fixtures().join("lint"), &["broken-guide.yaml"]);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pointer"] == "/item/type")
        .unwrap();
    assert_eq!(f["code"], "TB104");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(9))
    );
    assert!(f["help"].as_str().unwrap().contains("行政许可、行政处罚"));
}

#[test]
fn schema_subcommand_prints_embedded_schema() {
    let out = tongban()
        .arg("schema")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let schema: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        schema["$id"],
        "https://tongban.dev/schemas/service-guide/v2.json"
    );
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn exit_code_two_for_usage_and_io_problems() {
    tongban()
        .args(["lint", "--format", "yaml"])
        .assert()
        .code(2);
    tongban()
        .args(["lint", "--max-file-size", "lots"])
        .assert()
        .code(2);
    tongban().arg("frobnicate").assert().code(2);
    tongban()
        .args(["lint", "does/not/exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does/not/exist"));
    let schemas = fixtures().join("schemas");
    tongban()
        .current_dir(&schemas)
        .args(["lint", "--schema", "broken.schema.json", "list.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("模式文件有误"));
    tongban()
        .current_dir(&schemas)
        .args(["lint", "--schema", "missing.schema.json", "list.yaml"])
        .assert()
        .code(2);
    // No network: a remote $ref is refused with advice, not fetched.
    tongban()
        .current_dir(&schemas)
        .args(["lint", "--schema", "remote-ref.schema.json", "list.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("network"));
}

#[test]
fn custom_schema_refs_the_national_one_by_id() {
    let dir = fixtures();
    let (code, json) = lint_json(
        &dir,
        &[
            "--schema",
            "schemas/province-extension.schema.json",
            "lint/valid-guide.yaml",
        ],
    );
    assert_eq!(code, 0, "{json}");
    let tmp = tempfile::tempdir().unwrap();
    let guide = fs::read_to_string(dir.join("lint/valid-guide.yaml"))
        .unwrap()
        .replace("  promised_days: 3\n", "");
    fs::write(tmp.path().join("g.yaml"), guide).unwrap();
    let schema = dir.join("schemas/province-extension.schema.json");
    let (code, json) = lint_json(
        tmp.path(),
        &["--schema", schema.to_str().unwrap(), "g.yaml"],
    );
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["TB101"]);
    assert_eq!(json["findings"][0]["pointer"], "/time_limit/promised_days");
    // And the national part still applies through the $ref.
    fs::write(tmp.path().join("g.yaml"), "item: {name: x}\n").unwrap();
    let (_, json) = lint_json(
        tmp.path(),
        &["--schema", schema.to_str().unwrap(), "g.yaml"],
    );
    assert!(codes(&json).len() >= 4, "{json}");
}

#[test]
fn custom_schema_validates_any_document() {
    let (code, json) = lint_json(
        &fixtures().join("schemas"),
        &["--schema", "scalar.schema.yaml", "list.yaml"],
    );
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["TB103"]);
    assert_eq!(json["findings"][0]["pointer"], "/1");
    assert_eq!(json["findings"][0]["line"], 3);
}

/// TB107 had no test, and its doc's example (a `source` with neither `url` nor `document`) gives
/// TB101: the national schema's constraints all have codes of their own. TB107 is what a custom
/// schema's `not` or `contains` gives.
#[test]
fn custom_schema_constraint_without_a_code_of_its_own_is_tb107() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("province.schema.json"),
        r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": {"handling": {"title": "办理方式", "not": {"required": ["express"]}}}}"#,
    )
    .unwrap();
    fs::write(
        tmp.path().join("g.yaml"),
        "handling:\n  online: true\n  express: true\n",
    )
    .unwrap();
    let (code, json) = lint_json(tmp.path(), &["--schema", "province.schema.json", "g.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["TB107"]);
    assert_eq!(json["findings"][0]["pointer"], "/handling");
}

/// Lints one bad-input fixture and returns its codes.
fn bad_input(name: &str) -> (i32, Value) {
    lint_json(&fixtures().join("bad-input"), &[name])
}

#[test]
fn bad_input_syntax_error_is_located() {
    let (code, json) = bad_input("syntax-error.yaml");
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["TB001"]);
    assert!(json["findings"][0]["line"].as_u64().unwrap() >= 3);
}

#[test]
fn bad_input_duplicate_key_points_at_both() {
    let (_, json) = bad_input("duplicate-key.yaml");
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "TB004")
        .unwrap();
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(f["related"][0]["line"], 3);
}

#[test]
fn bad_input_empty_and_comment_only() {
    assert_eq!(codes(&bad_input("empty.yaml").1), ["TB005"]);
    assert_eq!(codes(&bad_input("comment-only.yaml").1), ["TB005"]);
}

#[test]
fn bad_input_multi_document() {
    let (_, json) = bad_input("multi-document.yaml");
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "TB006")
        .unwrap();
    assert_eq!(f["line"], 3);
}

#[test]
fn bad_input_alias_bomb_is_stopped() {
    let (_, json) = bad_input("alias-bomb.yaml");
    assert_eq!(codes(&json), ["TB007"]);
}

#[test]
fn bad_input_deep_nesting_is_stopped() {
    let (_, json) = bad_input("deep-nesting.yaml");
    assert_eq!(codes(&json), ["TB008"]);
    assert_eq!(json["findings"][0]["line"], 2);
}

#[test]
fn bad_input_complex_key() {
    let (_, json) = bad_input("complex-key.yaml");
    assert!(codes(&json).contains(&"TB013".to_owned()));
}

#[test]
fn bad_input_gb18030_is_detected_and_decoded() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixtures().join("lint/valid-guide.yaml")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    fs::write(tmp.path().join("gbk.yaml"), &gbk).unwrap();
    let (code, json) = lint_json(tmp.path(), &["gbk.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&json),
        ["TB002"],
        "content decodes and validates: {json}"
    );
    let f = &json["findings"][0];
    assert!(f["message"].as_str().unwrap().contains("GB18030"));
    assert!(
        f["help"]
            .as_str()
            .unwrap()
            .contains("iconv -f GB18030 -t UTF-8")
    );
    // The first non-UTF-8 byte is in the first line's comment.
    assert_eq!(f["line"], 1);
}

#[test]
fn bad_input_utf16_with_and_without_bom() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixtures().join("lint/valid-guide.yaml")).unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be_nobom = Vec::new();
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be_nobom.extend(u.to_be_bytes());
    }
    fs::write(tmp.path().join("le.yaml"), &le).unwrap();
    fs::write(tmp.path().join("be.yaml"), &be_nobom).unwrap();
    let (_, json) = lint_json(tmp.path(), &["le.yaml", "be.yaml"]);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{json}");
    assert!(findings.iter().all(|f| f["code"] == "TB002"));
    assert!(
        findings
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("UTF-16LE"))
    );
    assert!(
        findings
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("UTF-16BE"))
    );
}

#[test]
fn bad_input_utf8_bom_is_a_warning_and_content_is_linted() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(fixtures().join("lint/valid-guide.yaml")).unwrap());
    fs::write(tmp.path().join("bom.yaml"), &bytes).unwrap();
    let (code, json) = lint_json(tmp.path(), &["bom.yaml"]);
    assert_eq!(code, 0, "a warning does not fail the run");
    assert_eq!(codes(&json), ["TB003"]);
    assert_eq!(json["findings"][0]["severity"], "warning");
}

#[test]
fn bad_input_file_over_size_cap() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("big.yaml"), "a: 1\n".repeat(1000)).unwrap();
    let (_, json) = lint_json(tmp.path(), &["--max-file-size", "1KiB", "big.yaml"]);
    assert_eq!(codes(&json), ["TB009"]);
    assert!(
        json["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("5000 bytes")
    );
}

#[cfg(unix)]
#[test]
fn bad_input_fifo_symlink_loop_and_dangling_link() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::copy(
        fixtures().join("lint/valid-guide.yaml"),
        dir.join("ok.yaml"),
    )
    .unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink(dir, dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.yaml", dir.join("self.yaml")).unwrap();
    std::os::unix::fs::symlink("nowhere.yaml", dir.join("dangling.yaml")).unwrap();
    let (code, json) = lint_json(dir, &["."]);
    assert_eq!(code, 1);
    let mut found: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("./dangling.yaml".to_owned(), "TB010".to_owned()),
            ("./loop".to_owned(), "TB012".to_owned()),
            ("./pipe.yaml".to_owned(), "TB011".to_owned()),
            ("./self.yaml".to_owned(), "TB012".to_owned()),
        ]
    );
    // The good file was still linted.
    assert_eq!(json["summary"]["files"], 5);
}

#[cfg(target_os = "linux")]
#[test]
fn bad_input_unreadable_file() {
    // /proc/self/mem is a regular file that fails to read at offset 0 (EIO), even for root,
    // unlike a chmod 000 file.
    let tmp = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", tmp.path().join("mem.yaml")).unwrap();
    let (_, json) = lint_json(tmp.path(), &["mem.yaml"]);
    assert_eq!(codes(&json), ["TB010"]);
}

#[test]
fn one_bad_file_does_not_stop_the_run() {
    let (code, json) = lint_json(&fixtures(), &["bad-input", "lint"]);
    assert_eq!(code, 1);
    let paths: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains("lint/broken-guide.yaml"), "{paths:?}");
    assert!(paths.contains("bad-input/alias-bomb.yaml"));
    assert_eq!(json["summary"]["files"], 12);
}

#[test]
fn inputs_are_never_written() {
    let dir = fixtures();
    let snapshot = |p: &Path| -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(p)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let m = e.metadata().unwrap();
                (
                    e.path().to_owned(),
                    fs::read(e.path()).unwrap(),
                    m.modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(&dir.join("bad-input"));
    tongban()
        .current_dir(&dir)
        .args(["lint", "bad-input"])
        .assert()
        .code(1);
    assert_eq!(before, snapshot(&dir.join("bad-input")));
}

#[test]
fn output_is_identical_across_thread_counts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |jobs: &str| {
        tongban()
            .current_dir(root)
            .args([
                "lint",
                "--format",
                "json",
                "--jobs",
                jobs,
                "catalogs",
                "tests/fixtures",
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("4"));
}

#[test]
fn paths_with_chinese_names_and_crlf() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("上海市");
    fs::create_dir(&dir).unwrap();
    let text = fs::read_to_string(fixtures().join("lint/broken-guide.yaml"))
        .unwrap()
        .replace('\n', "\r\n");
    fs::write(dir.join("合伙企业.yaml"), text).unwrap();
    let (_, json) = lint_json(tmp.path(), &["上海市"]);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pointer"] == "/item/type")
        .unwrap();
    assert!(f["path"].as_str().unwrap().ends_with("合伙企业.yaml"));
    assert_eq!(
        (
            f["line"].as_u64(),
            f["column"].as_u64(),
            f["end_column"].as_u64()
        ),
        (Some(4), Some(9), Some(13))
    );
}

#[test]
fn no_progress_or_noise_on_stderr_when_piped() {
    // Progress is drawn only on a terminal; a piped run (CI, scripts) gets a clean stderr.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    tongban()
        .current_dir(root)
        .args(["lint", "catalogs"])
        .assert()
        .stderr("");
}

/// A repository with other YAML beside its guides, and no tongban.toml (synthetic files; the
/// guide is a bundled catalog's).
fn repository_with_other_yaml() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // A repository: the catalog root is not looked for above it.
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    fs::create_dir_all(dir.path().join("catalogs/shanghai")).unwrap();
    fs::create_dir_all(dir.path().join("ci/workflows")).unwrap();
    fs::copy(
        root.join("catalogs/shanghai/jiehun-dengji.yaml"),
        dir.path().join("catalogs/shanghai/jiehun-dengji.yaml"),
    )
    .unwrap();
    fs::copy(
        root.join("catalogs/e-licences.yaml"),
        dir.path().join("catalogs/e-licences.yaml"),
    )
    .unwrap();
    fs::write(
        dir.path().join("mkdocs.yml"),
        "site_name: 指南\nnav:\n  - index.md\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("ci/workflows/ci.yml"),
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    )
    .unwrap();
    dir
}

/// Regression: without tongban.toml every YAML file was linted as a guide — mkdocs.yml and CI
/// workflows failed with TB101/TB102 and catalogs/e-licences.yaml with 6 errors. `lint` now
/// decides as `diff` and the editor do, skips the others with one note, and `--statistics`
/// counts them.
#[test]
fn lint_without_config_skips_yaml_that_is_not_a_guide() {
    let dir = repository_with_other_yaml();
    for (lang, note, stat) in [
        (
            "zh",
            "注意：跳过 3 个不是办事指南的 YAML 文件",
            "跳过 3 个不是办事指南的 YAML 文件\n",
        ),
        (
            "en",
            "note: skipped 3 YAML file(s) that are not guides",
            "skipped 3 YAML file(s) that are not guides\n",
        ),
    ] {
        let out = tongban()
            .current_dir(dir.path())
            .args(["lint", ".", "--lang", lang])
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(0), "{lang}: {stdout}{stderr}");
        assert!(!stdout.contains("TB10"), "{lang}: {stdout}");
        assert!(
            stdout.contains(if lang == "zh" {
                "已检查 1 个文件"
            } else {
                "checked 1 file"
            }),
            "{lang}: {stdout}"
        );
        assert_eq!(stderr.matches(note).count(), 1, "{lang}: {stderr}");
        let out = tongban()
            .current_dir(dir.path())
            .args(["lint", ".", "--statistics", "--lang", lang])
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(stat),
            "{lang}"
        );
    }
    // Named explicitly (as pre-commit names changed files), they are skipped too.
    let (code, json) = lint_json(dir.path(), &["mkdocs.yml", "ci/workflows/ci.yml"]);
    assert_eq!(code, 0);
    assert_eq!(json["summary"]["not_guides"], 2, "{json}");
    assert_eq!(json["summary"]["files"], 0, "{json}");
    // A tongban.toml decides instead: with `include`, what it includes is a guide.
    fs::write(dir.path().join("tongban.toml"), "include = [\"*.yml\"]\n").unwrap();
    let (code, json) = lint_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{json}");
    assert!(codes(&json).iter().any(|c| c.starts_with("TB10")), "{json}");
}

/// A guide linted by name without its catalog: the run says, in one line, that the
/// cross-region rules saw only the named files (a changed 基本编码 passed silently).
#[test]
fn lint_of_named_guides_says_cross_region_rules_saw_only_them() {
    let dir = repository_with_other_yaml();
    for (lang, note) in [
        ("zh", "跨地区规则（TB3xx）只比较了所给的文件"),
        (
            "en",
            "the cross-region rules (TB3xx) compared only the files given",
        ),
    ] {
        let run = |args: &[&str]| {
            let out = tongban()
                .current_dir(dir.path())
                .args(["lint", "--lang", lang])
                .args(args)
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stderr).into_owned()
        };
        let stderr = run(&["catalogs/shanghai/jiehun-dengji.yaml"]);
        assert_eq!(stderr.matches(note).count(), 1, "{lang}: {stderr}");
        let stderr = run(&[
            "catalogs/shanghai/jiehun-dengji.yaml",
            "--catalog",
            "catalogs",
        ]);
        assert!(!stderr.contains(note), "{lang}: {stderr}");
        assert!(!run(&["catalogs"]).contains(note), "{lang}");
    }
}

/// A repository (no tongban.toml) whose catalog holds three region folders of one item; hunan's
/// 基本编码 differs from the national baseline's (TB302). Synthetic: the TB302 fixture.
fn repository_of_regions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
    let fixture = fixtures().join("TB302-inconsistent-basic-code/fail");
    for region in ["hunan", "national", "shanghai"] {
        let to = dir.path().join("repo/catalogs").join(region);
        fs::create_dir_all(&to).unwrap();
        fs::copy(
            fixture.join(format!("{region}.yaml")),
            to.join(format!("{region}.yaml")),
        )
        .unwrap();
    }
    dir
}

fn lint_in(dir: &Path, lang: &str, args: &[&str]) -> (i32, Value, String) {
    let out = tongban()
        .current_dir(dir)
        .args(["lint", "--format", "json", "--lang", lang])
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap(), json, stderr)
}

/// Issue 24: a guide linted by name (pre-commit, or from inside its region folder) without
/// `--catalog`: the catalog root is found above it and the cross-region rules compare it with
/// every region, reporting in the named file only; a changed 基本编码 no longer passes silently.
#[test]
fn lint_of_a_named_guide_finds_its_catalog_root() {
    let t = repository_of_regions();
    let repo = t.path().join("repo");
    for (lang, note) in [
        (
            "zh",
            "注意：跨地区规则（TB3xx）将所给文件与 catalogs 下的整个目录比较",
        ),
        (
            "en",
            "note: the cross-region rules (TB3xx) compared the files given against the catalog catalogs",
        ),
    ] {
        let (code, json, stderr) = lint_in(&repo, lang, &["catalogs/hunan/hunan.yaml"]);
        assert_eq!(code, 1, "{lang}: {json}{stderr}");
        assert_eq!(codes(&json), ["TB302"], "{lang}: {json}");
        assert_eq!(stderr.matches(note).count(), 1, "{lang}: {stderr}");
        // Only the named file is reported on, though the others were read.
        assert_eq!(json["summary"]["files"], 1, "{json}");
        // The whole catalog: nothing is looked for, nothing is said.
        let (_, json, stderr) = lint_in(&repo, lang, &["catalogs"]);
        assert_eq!(codes(&json), ["TB302"], "{json}");
        assert!(!stderr.contains(note), "{lang}: {stderr}");
    }
    // From inside the region folder: the file, or the folder itself.
    let region = repo.join("catalogs/hunan");
    for named in ["hunan.yaml", "."] {
        let (code, json, stderr) = lint_in(&region, "en", &[named]);
        assert_eq!(code, 1, "{named}: {stderr}");
        assert_eq!(codes(&json), ["TB302"], "{named}: {json}");
        // Above the working directory: named by its full path.
        assert!(
            stderr.contains(&format!(
                "against the catalog {}",
                repo.join("catalogs").display()
            )),
            "{named}: {stderr}"
        );
    }
    // A file that agrees has nothing to report, and the other regions are not reported on.
    let (code, json, _) = lint_in(&repo, "en", &["catalogs/shanghai/shanghai.yaml"]);
    assert_eq!((code, codes(&json).len()), (0, 0), "{json}");
}

/// The catalog a tongban.toml above the named guides sets (`catalog`) is the root, though the
/// run starts outside the repository (its configuration is not the one in force).
#[test]
fn lint_of_a_named_guide_takes_the_catalog_of_a_config_above_it() {
    let t = repository_of_regions();
    let repo = t.path().join("repo");
    fs::write(repo.join("tongban.toml"), "catalog = \"catalogs\"\n").unwrap();
    // One region moved out of the folder of regions: only the config can name the catalog.
    let (code, json, stderr) = lint_in(t.path(), "en", &["repo/catalogs/hunan/hunan.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(codes(&json), ["TB302"], "{json}");
    assert!(
        stderr.contains("(`catalog` in a tongban.toml above them)"),
        "{stderr}"
    );
}

/// No catalog root above the named guide (one region folder in a repository): one line says
/// the cross-region rules saw only the named files, in both languages.
#[test]
fn lint_of_a_named_guide_without_a_catalog_root_says_so() {
    let t = repository_of_regions();
    let repo = t.path().join("repo");
    fs::remove_dir_all(repo.join("catalogs/shanghai")).unwrap();
    fs::remove_dir_all(repo.join("catalogs/national")).unwrap();
    for (lang, note) in [
        ("zh", "跨地区规则（TB3xx）只比较了所给的文件"),
        (
            "en",
            "the cross-region rules (TB3xx) compared only the files given",
        ),
    ] {
        let (code, json, stderr) = lint_in(&repo, lang, &["catalogs/hunan/hunan.yaml"]);
        assert_eq!(code, 0, "{json}{stderr}");
        assert_eq!(stderr.matches(note).count(), 1, "{lang}: {stderr}");
    }
}

/// Issue 24: progress is drawn where a person watches and nowhere else. The same run of a few
/// seconds (4,000 copies of a bundled guide, synthetic layout) under a pseudo-terminal
/// (`script`) draws its count on standard error; with standard error piped, or with `CI` set on
/// a terminal, it draws nothing.
#[test]
fn progress_is_drawn_on_a_terminal_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = fs::read(root.join("catalogs/shanghai/jiehun-dengji.yaml")).unwrap();
    for region in ["a", "b", "c", "d"] {
        let folder = dir.path().join("c").join(region);
        fs::create_dir_all(&folder).unwrap();
        for i in 0..1_000 {
            fs::write(folder.join(format!("g{i}.yaml")), &guide).unwrap();
        }
    }
    let bin = env!("CARGO_BIN_EXE_tongban");
    let on_terminal_in = |ci: bool, lang: &str| {
        let mut cmd = std::process::Command::new("script");
        cmd.args([
            "-qec",
            &format!("'{bin}' lint --lang {lang} c >/dev/null"),
            "/dev/null",
        ])
        .current_dir(dir.path())
        .env_remove("CI");
        if ci {
            cmd.env("CI", "true");
        }
        let out = cmd
            .output()
            .expect("`script` (util-linux) runs a pseudo-terminal");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let on_terminal = |ci: bool| on_terminal_in(ci, "en");
    // Under zh the label and the count's unit are Chinese (they were English under zh).
    let screen = on_terminal_in(false, "zh");
    assert!(
        screen.contains("正在检查：") && screen.contains("个文件"),
        "no Chinese progress on a terminal: {screen:?}"
    );
    assert!(!screen.contains("linting"), "English under zh: {screen:?}");
    let screen = on_terminal(false);
    assert!(
        screen.contains("linting: "),
        "no progress on a terminal: {screen:?}"
    );
    assert!(
        screen.contains("4,000"),
        "the count has its separator: {screen:?}"
    );
    let screen = on_terminal(true);
    assert!(!screen.contains("linting"), "progress in CI: {screen:?}");
    let out = std::process::Command::new(bin)
        .args(["lint", "c"])
        .current_dir(dir.path())
        .env_remove("CI")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("linting"),
        "progress on a pipe: {stderr:?}"
    );
}

/// Issue 24: output was 98 columns wide whatever the terminal. On a pseudo-terminal of 60 and
/// of 140 columns (`script`, `stty`), the list of allowed values in a help wraps to the
/// terminal's width.
#[test]
fn human_output_wraps_to_the_terminal_width() {
    let bin = env!("CARGO_BIN_EXE_tongban");
    let guide = fixtures().join("lint/broken-guide.yaml");
    let screen = |cols: usize| {
        let out = std::process::Command::new("script")
            .args([
                "-qec",
                &format!(
                    "stty rows 40 cols {cols}; '{bin}' lint --lang en '{}'",
                    guide.display()
                ),
                "/dev/null",
            ])
            .env_remove("CI")
            .env("NO_COLOR", "1")
            .output()
            .expect("`script` (util-linux) runs a pseudo-terminal");
        String::from_utf8_lossy(&out.stdout).replace('\r', "")
    };
    let help = |s: &str| -> Vec<String> {
        let start = s.find("help: allowed values").expect("the help is shown");
        s[start..]
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    let columns = |l: &str| unicode_width::UnicodeWidthStr::width(l.trim_end());
    let narrow = help(&screen(60));
    assert!(narrow.len() >= 3, "{narrow:#?}");
    assert!(narrow.iter().all(|l| columns(l) <= 60), "{narrow:#?}");
    let wide = help(&screen(140));
    assert!(wide.len() < narrow.len(), "{wide:#?}");
    assert!(columns(&wide[0]) > 98, "{wide:#?}");
    assert!(wide.iter().all(|l| columns(l) <= 140), "{wide:#?}");
}
