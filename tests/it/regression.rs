//! Regression tests from a hostile-input and fuzzing run (issue 10): each is named after what
//! broke, with one line saying why it matters. The mutation fuzz test is in tests/it/fuzz.rs.

use crate::common;

use std::fs;
use std::path::Path;

use common::{stderr, stdout, tongban};
use serde_json::Value;
use tempfile::TempDir;

/// Runs tongban in `dir`; returns (exit status, stdout bytes, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let o = tongban().current_dir(dir).args(args).output().unwrap();
    (o.status.code().unwrap_or(-1), o.stdout.clone(), stderr(&o))
}

fn no_panic(err: &str) {
    assert!(!err.contains("panicked"), "{err}");
}

/// A guide that passes the schema, with `extra` appended (used where a clean base matters).
const GUIDE: &str = "item:\n  name: 合伙企业设立登记\n  type: 行政许可\nregion:\n  code: \"430000\"\n  name: 湖南省\ndepartment: 湖南省市场监督管理局\nmaterials:\n  - name: 全体合伙人签署的合伙协议\n    necessity: 必要\nsource:\n  document: tongban 测试样例（非真实指南）\n  retrieved: \"2026-11-26\"\n  completeness: partial\n";

fn json_findings(out: &[u8]) -> Vec<Value> {
    let v: Value = serde_json::from_slice(out).expect("JSON output parses");
    v["findings"].as_array().unwrap().clone()
}

fn finding<'a>(findings: &'a [Value], code: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {findings:#?}"))
}

#[test]
fn non_scalar_key_after_cjk_text_panicked_lint_diff_and_coverage() {
    // The fast pass's character index was used as a byte offset: lint, diff, coverage panicked.
    let t = TempDir::new().unwrap();
    fs::write(t.path().join("a.yaml"), "a: 中文\n? {}\n").unwrap();
    let (code, out, err) = run_in(t.path(), &["lint", "--format", "json", "a.yaml"]);
    no_panic(&err);
    assert_eq!(code, 1);
    assert_eq!(finding(&json_findings(&out), "TB013")["line"], 2);
    for cmd in [&["diff", "."][..], &["coverage", "--agreement"]] {
        let mut args = cmd.to_vec();
        let agreement = common::root().join("catalogs/agreements/donghai-13-xian.yaml");
        let agreement = agreement.to_str().unwrap();
        if cmd[0] == "coverage" {
            args.extend([agreement, "."]);
        }
        let (code, _, err) = run_in(t.path(), &args);
        no_panic(&err);
        assert!(code <= 2, "{args:?}: {code}");
    }
}

#[test]
fn stray_non_utf8_byte_was_reported_at_the_wrong_place_and_panicked_human_output() {
    // TB002 was computed on the GB18030 decoding but shown on the UTF-8 text; past the end, miette
    // panicked.
    let t = TempDir::new().unwrap();
    fs::write(
        t.path().join("a.yaml"),
        b"name: \xe5\x8a\x9e\xe4\xba\x8b\n\xffxx",
    )
    .unwrap();
    fs::write(
        t.path().join("b.yaml"),
        b"a: \xe4\xb8\xad\xe6\x96\x87\n\xff",
    )
    .unwrap();
    let (code, out, err) = run_in(t.path(), &["lint", "--format", "json", "a.yaml", "b.yaml"]);
    no_panic(&err);
    assert_eq!(code, 1);
    for f in json_findings(&out).iter().filter(|f| f["code"] == "TB002") {
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(2), Some(1)),
            "{f}"
        );
    }
    let (code, out, err) = run_in(t.path(), &["lint", "--lang", "en", "a.yaml", "b.yaml"]);
    no_panic(&err);
    assert_eq!(code, 1);
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("a.yaml:2:1]"), "{out}");
    assert!(out.contains("byte offset 13"), "{out}");
}

#[test]
fn finding_past_column_65536_panicked_and_a_10_mb_line_printed_40_mb() {
    // miette's formatting width is limited to 65,535; a frame must also stay small on any line.
    let t = TempDir::new().unwrap();
    let items: Vec<String> = (0..12_000).map(|i| i.to_string()).collect();
    let line = format!("{{k7: [{}], k7: 1}}\n", items.join(", "));
    fs::write(t.path().join("long.yaml"), &line).unwrap();
    let big = format!("a: {} b\nc: [\n", "x".repeat(10 * 1024 * 1024));
    fs::write(t.path().join("big.yaml"), big).unwrap();
    let (code, out, err) = run_in(
        t.path(),
        &[
            "lint",
            "--lang",
            "en",
            "--max-file-size",
            "20MiB",
            "long.yaml",
            "big.yaml",
        ],
    );
    no_panic(&err);
    assert_eq!(code, 1);
    assert!(out.len() < 40_000, "{} bytes of output", out.len());
    let out = String::from_utf8(out).unwrap();
    let column = line.rfind("k7:").unwrap() + 1;
    assert!(out.matches("TB004").count() == 1, "{out}");
    assert!(column > 65_536);
    assert!(out.contains(&format!("long.yaml:1:{column}]")), "{out}");
    assert!(out.contains("…"), "{out}");
}

#[test]
fn file_named_twice_was_linted_twice() {
    // Counts doubled, cross-region rules compared a file with itself, diff saw it collide.
    let t = TempDir::new().unwrap();
    fs::create_dir(t.path().join("d")).unwrap();
    fs::write(t.path().join("d/a.yaml"), GUIDE).unwrap();
    let abs = t.path().join("d/a.yaml");
    let abs = abs.to_str().unwrap();
    let (_, out, err) = run_in(
        t.path(),
        &[
            "lint",
            "--format",
            "json",
            "d",
            "d/a.yaml",
            "./d/a.yaml",
            abs,
        ],
    );
    no_panic(&err);
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
    let (_, _, err) = run_in(t.path(), &["diff", "d", "./d/a.yaml", abs]);
    assert!(!err.contains("both describe"), "{err}");
    // coverage walks the same way: its guides are counted once.
    let guides = |paths: &[&str]| {
        let mut args = vec!["coverage", "--format", "json"];
        args.extend(paths);
        let o = tongban().args(&args).output().unwrap();
        serde_json::from_slice::<Value>(&o.stdout).unwrap()["guides"].clone()
    };
    let once = guides(&["tests/fixtures/coverage"]);
    assert_eq!(once, 7);
    let twice = guides(&[
        "tests/fixtures/coverage",
        "tests/fixtures/coverage/guides",
        "./tests/fixtures/coverage",
    ]);
    assert_eq!(twice, once);
}

/// (line, column) of the first finding of `code` in each of the seven lint formats.
fn positions_in_every_format(dir: &Path, file: &str, code: &str) -> Vec<(String, u64, u64)> {
    let mut found = Vec::new();
    let get = |format: &str| {
        let (_, out, err) = run_in(dir, &["lint", "--lang", "en", "--format", format, file]);
        no_panic(&err);
        String::from_utf8(out).unwrap()
    };
    let n = |v: &Value| v.as_u64().unwrap();
    let f = finding(&json_findings(get("json").as_bytes()), code).clone();
    found.push(("json".into(), n(&f["line"]), n(&f["column"])));
    let lines = get("json-lines");
    let f: Value = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|f| f["code"] == code)
        .unwrap();
    found.push(("json-lines".into(), n(&f["line"]), n(&f["column"])));
    let sarif: Value = serde_json::from_str(&get("sarif")).unwrap();
    let r = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == code)
        .unwrap();
    let region = &r["locations"][0]["physicalLocation"]["region"];
    found.push((
        "sarif".into(),
        n(&region["startLine"]),
        n(&region["startColumn"]),
    ));
    let gitlab: Value = serde_json::from_str(&get("gitlab")).unwrap();
    let g = gitlab
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["check_name"].as_str().unwrap_or("").contains(code))
        .unwrap();
    let begin = &g["location"]["positions"]["begin"];
    found.push(("gitlab".into(), n(&begin["line"]), n(&begin["column"])));
    let github = get("github");
    let line = github.lines().find(|l| l.contains(code)).unwrap();
    let field = |name: &str| -> u64 {
        let at = line.find(&format!("{name}=")).unwrap() + name.len() + 1;
        line[at..]
            .split([',', ':'])
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    found.push(("github".into(), field("line"), field("col")));
    let junit = get("junit");
    // One test case per file; its text lists the findings as `path:line:column: severity CODE …`.
    let line = junit
        .lines()
        .find(|l| l.contains(&format!(" {code} ")) && l.contains(&format!("{file}:")))
        .unwrap();
    let at = line.split(&format!("{file}:")).nth(1).unwrap();
    let mut parts = at.splitn(3, ':');
    let (l, c) = (parts.next().unwrap(), parts.next().unwrap());
    found.push(("junit".into(), l.parse().unwrap(), c.parse().unwrap()));
    let human = get("human");
    let block = &human[human.find(&format!("{code}(")).unwrap()..];
    let header = block.split(&format!("{file}:")).nth(1).unwrap();
    let header = header.split(']').next().unwrap();
    let (l, c) = header.split_once(':').unwrap();
    found.push(("human".into(), l.parse().unwrap(), c.parse().unwrap()));
    found
}

#[test]
fn columns_after_cjk_text_and_cr_line_breaks_differed_between_formats() {
    // The human output counted bytes after CJK text; CR-only breaks gave other lines elsewhere.
    let t = TempDir::new().unwrap();
    let text = GUIDE.to_owned() + "# 说明\rzz: {名称: 合伙企业, 键: 1}\r";
    fs::write(t.path().join("cjk.yaml"), &text).unwrap();
    let found = positions_in_every_format(t.path(), "cjk.yaml", "TB102");
    // `zz` is on line 16 (15 LF lines, then one CR-terminated line), column 1.
    for (format, line, column) in &found {
        assert_eq!((*line, *column), (16, 1), "{format}: {found:?}");
    }
    // And a finding after CJK text on its own line: the duplicate `名称` key's value.
    let text = GUIDE.to_owned() + "extra: {名称: 合伙, 名称: 企业}\r\n";
    fs::write(t.path().join("dup.yaml"), &text).unwrap();
    let found = positions_in_every_format(t.path(), "dup.yaml", "TB004");
    let expected = "extra: {名称: 合伙, ".chars().count() as u64 + 1;
    for (format, line, column) in &found {
        assert_eq!((*line, *column), (15, expected), "{format}: {found:?}");
    }
}

#[test]
fn anchor_on_a_mapping_key_gave_a_false_unknown_anchor_error() {
    // `&k a: 1` anchors the key; `*k` is valid YAML and must not be a syntax error.
    let t = TempDir::new().unwrap();
    fs::write(t.path().join("a.yaml"), "&k a: 1\nb: *k\n").unwrap();
    let (_, out, err) = run_in(t.path(), &["lint", "--format", "json", "a.yaml"]);
    no_panic(&err);
    let codes: Vec<_> = json_findings(&out)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(!codes.contains(&"TB001".to_owned()), "{codes:?}");
}

#[test]
fn control_characters_were_accepted_and_printed_raw() {
    // ESC sequences in a guide reached the terminal and the CI logs unescaped.
    let t = TempDir::new().unwrap();
    let text = GUIDE
        .replace("湖南省市场监督管理局", "湖南省\u{1b}[2J市场监督管理局")
        .replace("全体合伙人签署", "全体合伙人\u{1b}[2J\u{9b}2J签署")
        + "\u{1b}]0;title\u{7}bogus\u{1b}: 1\n";
    fs::write(t.path().join("c.yaml"), &text).unwrap();
    for format in ["table", "markdown"] {
        let (_, out, err) = run_in(t.path(), &["diff", "--format", format, "c.yaml"]);
        no_panic(&err);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("全体合伙人␛[2J"), "diff {format}: {out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}'),
            "diff {format}: {out}"
        );
    }
    for format in [
        "human",
        "json",
        "json-lines",
        "sarif",
        "junit",
        "github",
        "gitlab",
    ] {
        let (code, out, err) = run_in(t.path(), &["lint", "--format", format, "c.yaml"]);
        no_panic(&err);
        assert_eq!(code, 1, "{format}");
        assert!(
            !out.contains(&0x1b) && !out.contains(&0x07),
            "{format}: raw control in output"
        );
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("TB014"), "{format}: {out}");
    }
}

#[test]
fn utf32_was_taken_for_utf16_and_big_floats_became_strings_silently() {
    // Wrong iconv advice; `1e400` silently a string; `! 12` read as a number.
    let t = TempDir::new().unwrap();
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    for c in "a: 1\n".chars() {
        utf32.extend(u32::from(c).to_le_bytes());
    }
    fs::write(t.path().join("u.yaml"), utf32).unwrap();
    fs::write(t.path().join("f.yaml"), "a: 1e400\nb: ! 12\n").unwrap();
    let (_, out, err) = run_in(t.path(), &["lint", "--lang", "en", "--format", "json", "."]);
    no_panic(&err);
    let findings = json_findings(&out);
    let tb002 = finding(&findings, "TB002");
    assert!(
        tb002["help"].as_str().unwrap().contains("-f UTF-32LE"),
        "{tb002}"
    );
    assert_eq!(finding(&findings, "TB015")["pointer"], "/a");
}

#[test]
fn broken_pipe_exited_0_though_errors_were_found() {
    // `tongban lint | head` must still fail the CI step when the guides have errors.
    let t = TempDir::new().unwrap();
    fs::write(t.path().join("dup.yaml"), "a: 1\n".repeat(3000)).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tongban"))
        .current_dir(t.path())
        .args(["lint", "dup.yaml"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end at once: the output (about 1 MB) cannot fit a pipe buffer.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.is_empty(), "not quiet: {err}");
}

#[cfg(target_os = "linux")]
#[test]
fn junit_write_failure_lost_the_os_error() {
    // A full disk must be named as such, not as a serialiser's message (explained in the run's
    // language, not in the operating system's English).
    for (lang, full_disk) in [("zh", "磁盘已满"), ("en", "the disk is full")] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tongban"))
            .current_dir(common::root())
            .args([
                "--lang",
                lang,
                "lint",
                "--format",
                "junit",
                "tests/fixtures/lint",
            ])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(full_disk), "{}", stderr(&o));
    }
}

#[test]
fn failed_output_file_said_cannot_read() {
    // `-o` names a file to write: its failure must say so.
    let o = tongban()
        .args([
            "diff",
            "tests/fixtures/diff",
            "-o",
            "/nonexistent-dir/x.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("无法写入 /nonexistent-dir/x.csv"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_named_on_the_command_line_stopped_the_run() {
    // The same loop found by the walk was a finding; named directly it ended the run (exit 2).
    let t = TempDir::new().unwrap();
    std::os::unix::fs::symlink("loop.yaml", t.path().join("loop.yaml")).unwrap();
    fs::write(t.path().join("ok.yaml"), GUIDE).unwrap();
    let (code, out, err) = run_in(
        t.path(),
        &["lint", "--format", "json", "loop.yaml", "ok.yaml"],
    );
    no_panic(&err);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(finding(&json_findings(&out), "TB012")["path"], "loop.yaml");
    assert_eq!(v["summary"]["files"], 2);
}

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names_were_shown_with_replacement_characters() {
    // Two different names must not look alike; the bytes are shown escaped.
    use std::os::unix::ffi::OsStrExt;
    let t = TempDir::new().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"g\xff.yaml");
    fs::write(t.path().join(name), "a: 1\n").unwrap();
    let (_, out, _) = run_in(t.path(), &["lint", "--format", "json", "."]);
    let findings = json_findings(&out);
    assert!(
        findings.iter().all(|f| f["path"] == "./g\\xff.yaml"),
        "{findings:?}"
    );
}

#[test]
fn empty_folder_printed_a_tick_and_exited_0_silently() {
    // A typo in a path must not look like a clean catalogue.
    let t = TempDir::new().unwrap();
    fs::create_dir(t.path().join("empty")).unwrap();
    fs::write(t.path().join("empty/notes.txt"), "x").unwrap();
    let (code, out, err) = run_in(t.path(), &["lint", "--lang", "en", "empty"]);
    assert_eq!(code, 0);
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('✓'), "{out}");
    assert!(out.contains("nothing was linted"), "{out}");
    assert!(err.contains("warning: no guide files"), "{err}");
}

#[test]
fn csv_cells_became_live_formulas_and_markdown_tables_broke() {
    // `=HYPERLINK(...)` in a guide must stay text in a spreadsheet; `|` must not split a cell.
    let t = TempDir::new().unwrap();
    let src = common::root().join("tests/fixtures/TB303-inconsistent-item-type/fail");
    for f in ["hunan.yaml", "shanghai.yaml"] {
        let text = fs::read_to_string(src.join(f)).unwrap();
        let text = text.replace(
            "  - name: 全体合伙人签署的合伙协议\n",
            "  - name: 全体合伙人签署的合伙协议\n    necessity: 必要\n  - name: \"=HYPERLINK(\\\"http://x\\\")|材料\"\n",
        );
        fs::write(t.path().join(f), text).unwrap();
    }
    let (code, out, err) = run_in(t.path(), &["diff", "--format", "csv", "."]);
    no_panic(&err);
    assert!(code <= 1, "{err}");
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("\"'=HYPERLINK("), "{out}");
    assert!(!out.contains(",=HYPERLINK"), "{out}");
    let (_, out, _) = run_in(t.path(), &["diff", "--format", "markdown", "."]);
    let out = String::from_utf8(out).unwrap();
    for line in out.lines().filter(|l| l.contains("HYPERLINK")) {
        assert!(line.contains("\\|材料"), "{line}");
    }
}

#[test]
fn panic_on_one_file_ended_the_run_and_left_half_a_json_document() {
    // One bad file must cost its own report, never the others' or the output's well-formedness.
    for format in [
        "human",
        "json",
        "json-lines",
        "sarif",
        "junit",
        "github",
        "gitlab",
    ] {
        let o = tongban()
            .env("TONGBAN_PANIC_ON", "broken-guide")
            .args([
                "lint",
                "--lang",
                "en",
                "--format",
                format,
                "tests/fixtures/lint",
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{format}");
        let out = stdout(&o);
        assert!(out.contains("TB000"), "{format}: {out}");
        // Every other file is still reported.
        assert!(out.contains("tests/fixtures/lint/"), "{format}: {out}");
        match format {
            "json" | "sarif" | "gitlab" => {
                serde_json::from_str::<Value>(&out).unwrap();
            }
            "json-lines" => {
                for l in out.lines() {
                    serde_json::from_str::<Value>(l).unwrap();
                }
            }
            _ => {}
        }
    }
    for args in [
        &["diff", "tests/fixtures/lint"][..],
        &["coverage", "tests/fixtures/coverage"],
    ] {
        let o = tongban()
            .env("TONGBAN_PANIC_READING", ".yaml")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("内部错误"), "{}", stderr(&o));
    }
}

#[test]
fn suppression_in_a_cr_only_file_counted_lines_its_own_way() {
    // Lines end at a lone CR everywhere: a directive must cover the next line as the user sees it.
    let t = TempDir::new().unwrap();
    let text = GUIDE.replace('\n', "\r") + "# tongban: allow TB102\rbogus: 1\r";
    fs::write(t.path().join("cr.yaml"), text).unwrap();
    let (code, out, err) = run_in(t.path(), &["lint", "--format", "json", "cr.yaml"]);
    no_panic(&err);
    let codes: Vec<_> = json_findings(&out)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(code, 0);
}

#[test]
fn thousands_of_findings_in_one_file_took_seconds_in_the_human_output() {
    // 160,000 repeated keys rendered 160,000 miette frames (70 MB, 2 s); after the first 100 a
    // file's findings are one line each, with their true line and column.
    let t = TempDir::new().unwrap();
    let mut text = GUIDE.to_owned();
    for i in 0..250 {
        text.push_str(&format!("extra: {i}\n"));
    }
    fs::write(t.path().join("many.yaml"), &text).unwrap();
    let (code, out, err) = run_in(t.path(), &["lint", "--lang", "en", "many.yaml"]);
    no_panic(&err);
    assert_eq!(code, 1);
    let out = String::from_utf8(out).unwrap();
    // A frame opens with its code on a line of its own (`TB004(duplicate-key)`).
    let frames = out
        .lines()
        .filter(|l| l.starts_with("TB") && l.ends_with(')'))
        .count();
    assert_eq!(frames, 100, "{out}");
    assert!(out.contains("more in many.yaml, one line each"), "{out}");
    // The last duplicate `extra` (line 15 + 249) as one line, and JSON still has every finding.
    assert!(
        out.contains("many.yaml:264:1: TB004(duplicate-key)"),
        "{out}"
    );
    let (_, json, _) = run_in(t.path(), &["lint", "--format", "json", "many.yaml"]);
    let all = json_findings(&json);
    let one_line = out.lines().filter(|l| l.starts_with("many.yaml:")).count();
    assert_eq!(one_line, all.len() - 100, "{out}");
}

/// Regression: a crash on one guide stopped the whole `diff` / `coverage` run (exit 2, no
/// report). Now that guide is skipped with an internal-error note, the others are compared and
/// reported, and the run still exits 2.
#[test]
fn panic_on_one_guide_stopped_the_whole_diff_and_coverage() {
    for (args, crash_on) in [
        (
            &["diff", "-f", "json", "tests/fixtures/diff/basic"][..],
            "120000-jia",
        ),
        (
            &["coverage", "-f", "json", "tests/fixtures/coverage"],
            "guides/",
        ),
    ] {
        let o = tongban()
            .env("TONGBAN_PANIC_COMPARING", crash_on)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let out = stdout(&o);
        serde_json::from_str::<Value>(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"));
        let err = stderr(&o);
        assert!(
            err.contains(crash_on) && err.contains("TB000"),
            "{args:?}: {err}"
        );
    }
    // Without the crash the same runs are not failures of the tool.
    let o = tongban()
        .args(["diff", "-f", "json", "tests/fixtures/diff/basic"])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(2));
}

/// Runs a command line in-process (no process start-up in the timing) in `dir`; the best of
/// `runs` wall times.
fn best_time(dir: &Path, args: &[&str], runs: usize) -> std::time::Duration {
    use clap::Parser;
    let env = tongban::Env {
        locale: None,
        stdout_is_terminal: false,
        terminal_width: None,
        no_color: true,
        cwd: dir.to_path_buf(),
        progress: false,
        step_summary: None,
    };
    (0..runs)
        .map(|_| {
            let cli = tongban::cli::Cli::parse_from(
                std::iter::once("tongban").chain(args.iter().copied()),
            );
            let mut out = Vec::new();
            let start = std::time::Instant::now();
            let _ = tongban::run(cli, &env, &mut out);
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn one_64000_character_material_name_took_32_seconds() {
    // Reading a material name tried every cut of it (each normalised and hashed) and copied the
    // whole name into each of its pieces: lint, diff, `material` and the editor were quadratic in
    // a name's length. Doubling a name may at most triple the time: the best of three runs each,
    // interleaved, and three tries before failing, so a loaded machine does not fail it.
    let t = TempDir::new().unwrap();
    // Half one long run of characters (cut and looked up), half a list of documents.
    let name = |n: usize| format!("{}{}", "申".repeat(n / 2), "、身份证".repeat(n / 8));
    let n = 6000;
    let mut cases = Vec::new();
    for len in [n, 2 * n] {
        let dir = t.path().join(len.to_string());
        fs::create_dir_all(&dir).unwrap();
        let guide = GUIDE.replace("全体合伙人签署的合伙协议", &name(len));
        fs::write(dir.join("a.yaml"), &guide).unwrap();
        let other = guide
            .replace("430000", "310000")
            .replace("湖南省", "上海市");
        fs::write(dir.join("b.yaml"), other).unwrap();
        let file = dir.join("a.yaml").display().to_string();
        let folder = dir.display().to_string();
        cases.push((
            dir,
            [
                vec!["lint".to_owned(), "-q".into(), file],
                vec!["diff".into(), folder],
                vec!["material".into(), name(len)],
            ],
        ));
    }
    for command in 0..3 {
        let time = |case: usize| {
            let (dir, commands) = &cases[case];
            let args: Vec<&str> = commands[command].iter().map(String::as_str).collect();
            best_time(dir, &args, 1)
        };
        let linear = (0..3).any(|_| {
            let (mut small, mut large) = (std::time::Duration::MAX, std::time::Duration::MAX);
            for _ in 0..3 {
                small = small.min(time(0));
                large = large.min(time(1));
            }
            large.as_secs_f64() <= 3.0 * small.as_secs_f64()
        });
        assert!(
            linear,
            "{}: doubling a name from {n} characters more than tripled the time",
            cases[0].1[command][0]
        );
    }
}

#[test]
fn two_byte_order_marks_made_fix_land_every_edit_3_bytes_early() {
    // The second U+FEFF stayed in the text `--fix` edited while the spans were computed after
    // it: `  code: 310000` became `  cod"310000"000`, written as "1 fixed". The same for a CRLF
    // and a CR-only file.
    let t = TempDir::new().unwrap();
    for (name, lb) in [("lf.yaml", "\n"), ("crlf.yaml", "\r\n"), ("cr.yaml", "\r")] {
        let text = format!("\u{feff}\u{feff}region:{lb}  code: 310000{lb}  name: 上海市{lb}");
        let p = t.path().join(name);
        fs::write(&p, &text).unwrap();
        let (code, _, err) = run_in(t.path(), &["--lang", "en", "lint", "--fix", name]);
        no_panic(&err);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("1 fixed"), "{err}");
        let after = fs::read_to_string(&p).unwrap();
        assert_eq!(after, text.replace("310000", "\"310000\""), "{name}");
        // Findings (the editor's diagnostics too) point at the value, not 3 bytes before it.
        let (_, out, _) = run_in(t.path(), &["lint", "--format", "json", name]);
        let f = json_findings(&out);
        let name_finding = f.iter().find(|f| f["pointer"] == "/region/name");
        assert!(name_finding.is_none_or(|f| f["line"] == 3), "{f:?}");
    }
}

#[test]
fn lint_output_over_its_input_emptied_the_guide() {
    // `-o g.yaml` truncated the guide at start-up, before it was read.
    let t = TempDir::new().unwrap();
    fs::write(t.path().join("g.yaml"), GUIDE).unwrap();
    for args in [
        &["lint", "g.yaml", "-o", "g.yaml"][..],
        &["lint", ".", "-o", "g.yaml"],
        &["lint", "g.yaml", "--write-baseline", "g.yaml"],
        &["diff", ".", "-o", "g.yaml"],
    ] {
        let (code, _, err) = run_in(t.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("本次检查的输入"), "{err}");
        assert_eq!(fs::read_to_string(t.path().join("g.yaml")).unwrap(), GUIDE);
    }
    // A report written next to the guides is fine, and replaced whole on the next run.
    let (code, _, err) = run_in(t.path(), &["lint", ".", "-o", "r.json", "-f", "json"]);
    assert!(code <= 1, "{err}");
    let (code, _, err) = run_in(t.path(), &["lint", ".", "-o", "r.json", "-f", "json"]);
    assert!(code <= 1, "{err}");
    let report: Value =
        serde_json::from_str(&fs::read_to_string(t.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["files"], 1);
    let left: Vec<_> = fs::read_dir(t.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "a temporary file was left: {left:?}");
}

#[cfg(unix)]
#[test]
fn fix_split_hard_links_and_rewrote_read_only_files() {
    // --fix replaced files by rename: a hard link kept the unfixed text under its other name, a
    // read-only file was rewritten. Both are now refused with a note, and left as they were.
    let t = TempDir::new().unwrap();
    let text = GUIDE.replace("\"430000\"", "430000");
    fs::write(t.path().join("a.yaml"), &text).unwrap();
    fs::hard_link(t.path().join("a.yaml"), t.path().join("b.yml")).unwrap();
    let (code, _, err) = run_in(t.path(), &["--lang", "en", "lint", "--fix", "a.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("hard links"), "{err}");
    assert_eq!(fs::read_to_string(t.path().join("b.yml")).unwrap(), text);
    fs::remove_file(t.path().join("b.yml")).unwrap();
    let mut perms = fs::metadata(t.path().join("a.yaml")).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(t.path().join("a.yaml"), perms).unwrap();
    let (code, _, err) = run_in(t.path(), &["--lang", "en", "lint", "--fix", "a.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(fs::read_to_string(t.path().join("a.yaml")).unwrap(), text);
}

#[test]
fn escaped_control_character_in_a_schema_was_refused() {
    // TB014 applied to --schema files: `"foo\fbar"` is valid JSON and valid JSON Schema (the
    // JSON Schema Test Suite has such cases); an escaped control in a schema is data.
    let t = TempDir::new().unwrap();
    fs::write(t.path().join("s.json"), r#"{"required":["foo\fbar"]}"#).unwrap();
    fs::write(t.path().join("g.yaml"), "foo: 1\n").unwrap();
    let (code, out, err) = run_in(
        t.path(),
        &["lint", "--schema", "s.json", "--format", "json", "g.yaml"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(json_findings(&out).iter().any(|f| f["code"] == "TB101"));
    // In a guide, the finding points at the value.
    fs::write(t.path().join("g.yaml"), "a:\n  b: \"x\\ey\"\n").unwrap();
    let (_, out, _) = run_in(t.path(), &["lint", "--format", "json", "g.yaml"]);
    assert_eq!(finding(&json_findings(&out), "TB014")["pointer"], "/a/b");
}

/// A `$ref` to a local file was read with no limit: `file:///dev/zero` read until memory ran out,
/// a FIFO hung the run. Referenced schemas are read as the `--schema` file is (size limit, no
/// FIFO or device), and a referenced YAML schema works as the main one does.
#[cfg(unix)]
#[test]
fn schema_ref_to_dev_zero_read_until_memory_ran_out() {
    let t = TempDir::new().unwrap();
    fs::write(t.path().join("g.yaml"), "foo: 1\n").unwrap();
    let fifo = t.path().join("fifo.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for target in ["/dev/zero".to_owned(), fifo.display().to_string()] {
        fs::write(
            t.path().join("s.json"),
            format!(r#"{{"$ref":"file://{target}"}}"#),
        )
        .unwrap();
        let start = std::time::Instant::now();
        let (code, _, err) = run_in(
            t.path(),
            &["--lang", "en", "lint", "--schema", "s.json", "g.yaml"],
        );
        no_panic(&err);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("not a regular file"), "{err}");
        assert!(start.elapsed().as_secs() < 10, "{target}");
    }
    fs::write(t.path().join("req.yaml"), "required: [bar]\n").unwrap();
    fs::write(t.path().join("s.json"), r#"{"$ref":"req.yaml"}"#).unwrap();
    let (code, out, err) = run_in(
        t.path(),
        &["lint", "--schema", "s.json", "--format", "json", "g.yaml"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(json_findings(&out).iter().any(|f| f["code"] == "TB101"));
}

#[test]
fn lint_diff_on_a_cr_only_file_was_not_an_applicable_patch() {
    // The diff cut lines at CR, which `patch` does not: for it a CR-only file is one line,
    // without a final newline.
    let t = TempDir::new().unwrap();
    let text = GUIDE.replace("\"430000\"", "430000").replace('\n', "\r");
    fs::write(t.path().join("g.yaml"), &text).unwrap();
    let (code, out, err) = run_in(t.path(), &["lint", "--diff", "g.yaml"]);
    assert_eq!(code, 1, "{err}");
    let fixed = text.replace("430000", "\"430000\"");
    let expected = format!(
        "--- g.yaml\n+++ g.yaml\n@@ -1 +1 @@\n-{text}\n\\ No newline at end of file\n+{fixed}\n\\ No newline at end of file\n"
    );
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[cfg(unix)]
#[test]
fn folder_reached_through_a_symlink_inside_the_tree_was_linted_twice() {
    let t = TempDir::new().unwrap();
    common::write_in(t.path(), "guides/a/g.yaml", GUIDE);
    std::os::unix::fs::symlink(t.path().join("guides/a"), t.path().join("guides/b")).unwrap();
    let (_, out, err) = run_in(t.path(), &["lint", "--format", "json", "guides"]);
    no_panic(&err);
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
}

#[test]
fn raw_esc_from_material_and_a_newline_from_stdin_filename_reached_the_terminal() {
    let t = TempDir::new().unwrap();
    let (_, out, _) = run_in(t.path(), &["material", "身份证\u{1b}[2J复印件"]);
    assert!(!out.contains(&0x1b), "{}", String::from_utf8_lossy(&out));
    let o = tongban()
        .current_dir(t.path())
        .args(["lint", "-", "--stdin-filename", "a\nb.yaml"])
        .write_stdin("item: 1\n")
        .output()
        .unwrap();
    let shown = stdout(&o);
    assert!(!shown.contains("a\nb"), "{shown}");
    assert!(shown.contains("a␊b.yaml"), "{shown}");
}

/// The atomic writer refused every target that is not a regular file, so `-o /dev/null` (the
/// benchmark's own command) exited 2: a device or a FIFO is written directly.
#[cfg(unix)]
#[test]
fn output_to_dev_null_was_refused_as_not_a_regular_file() {
    let t = TempDir::new().unwrap();
    common::write_in(t.path(), "guides/a/g.yaml", GUIDE);
    for args in [
        &["diff", "--format", "json", "-o", "/dev/null", "guides"][..],
        &["lint", "--format", "json", "-o", "/dev/null", "guides"][..],
    ] {
        let (code, _, err) = run_in(t.path(), args);
        no_panic(&err);
        assert!(code <= 1, "{args:?} exited {code}: {err}");
    }
}

/// A 64,000-character name listing 16,000 documents made `diff` quadratic (7.3 s, 3.2 GB, and
/// a JSON of every piece repeating the whole name): a name split into more pieces than any
/// published one lists is read as one wording. The output stays proportional to the input.
#[test]
fn diff_of_a_name_listing_16000_documents_took_3_gb() {
    let t = TempDir::new().unwrap();
    let name = format!("居民身份证{}", "、身份证".repeat(16_000));
    for (dir, code) in [("a", "110000"), ("b", "120000")] {
        let guide = GUIDE
            .replace("430000", code)
            .replace("全体合伙人签署的合伙协议", &name);
        common::write_in(t.path(), &format!("guides/{dir}/g.yaml"), &guide);
    }
    let (code, out, err) = run_in(t.path(), &["diff", "--format", "json", "guides"]);
    no_panic(&err);
    assert!(code <= 1, "exited {code}: {err}");
    assert!(
        out.len() < 40 * name.len(),
        "{} bytes of JSON for a {}-byte name",
        out.len(),
        name.len()
    );
}
