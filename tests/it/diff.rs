//! End-to-end tests of `tongban diff` on synthetic fixtures whose differences are known exactly
//! (tests/fixtures/diff/README.md), on the bundled catalogs, and in headless Chromium.

use crate::common;

use common::{root, stderr, stdout, tongban};

use std::process::Output;

use serde_json::Value;

const BASIC: &str = "tests/fixtures/diff/basic";
const PROBLEMS: &str = "tests/fixtures/diff/problems";

fn run(args: &[&str]) -> Output {
    tongban().arg("diff").args(args).output().unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn item<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name}"))
}

/// Material name → {region: status} of one item, as plain strings.
fn matrix(item: &Value) -> Vec<(String, Vec<(String, String)>)> {
    item["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let cells = m["regions"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            (m["name"].as_str().unwrap().to_owned(), cells)
        })
        .collect()
}

fn row(cells: &[(&str, &str)]) -> Vec<(String, String)> {
    cells
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn matrix_index_and_differences_are_exact() {
    let doc = json(&[BASIC]);
    let jia = item(&doc, "测试事项甲");
    assert_eq!(jia["basic_code"], "000000000001");
    // 130000 writes the name 测试事项甲（设立） and is aligned by 基本编码; 100000 is the baseline.
    assert_eq!(
        jia["regions"],
        serde_json::json!(["110000", "120000", "130000"])
    );
    assert_eq!(
        matrix(jia),
        vec![
            // Synonyms: 身份证 / 居民身份证 / 身份证件 are one material.
            (
                "居民身份证".into(),
                row(&[
                    ("110000", "required"),
                    ("120000", "required"),
                    ("130000", "required")
                ])
            ),
            // 《申请表》 (full-width, spaces) and 申请表。 normalise to 申请表.
            (
                "申请表".into(),
                row(&[
                    ("110000", "required"),
                    ("120000", "required"),
                    ("130000", "required")
                ])
            ),
            (
                "营业执照".into(),
                row(&[
                    ("110000", "required"),
                    ("120000", "required"),
                    ("130000", "deferred")
                ])
            ),
            // Dropped in 120000.
            (
                "场所使用证明".into(),
                row(&[
                    ("110000", "required"),
                    ("120000", "absent"),
                    ("130000", "required")
                ])
            ),
            (
                "场所使用证明书".into(),
                row(&[
                    ("110000", "absent"),
                    ("120000", "required"),
                    ("130000", "absent")
                ])
            ),
            // Only the baseline requires it.
            (
                "授权委托书".into(),
                row(&[
                    ("110000", "absent"),
                    ("120000", "absent"),
                    ("130000", "absent")
                ])
            ),
        ]
    );
    assert_eq!(jia["uniformity"], 0.4);
    assert_eq!(jia["required_everywhere"], 2);
    assert_eq!(jia["required_anywhere"], 5);
    assert_eq!(
        jia["common_core"],
        serde_json::json!(["居民身份证", "申请表"])
    );
    // Attribute difference: 复印件 in 110000, 原件 in 120000.
    let licence = &jia["materials"][2];
    assert_eq!(
        licence["attribute_differences"],
        serde_json::json!(["original"])
    );
    assert_eq!(licence["attributes"]["110000"]["original"], "复印件");
    assert_eq!(licence["attributes"]["120000"]["original"], "原件");
    // Near match, reported with a score, not merged.
    assert_eq!(
        jia["near_matches"],
        serde_json::json!([{"a": "场所使用证明", "b": "场所使用证明书", "score": 0.93}])
    );
    // Time-limit difference; other elements uniform.
    let elements: Vec<(&str, bool)> = jia["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["key"].as_str().unwrap(), e["uniform"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        elements,
        [
            ("legal_time_limit", true),
            ("promised_time_limit", false),
            ("fee", true),
            ("visits", true),
            ("online", true)
        ]
    );
    assert_eq!(jia["elements"][1]["regions"]["120000"], "10工作日");
    // Baseline deviations.
    let dev = &jia["baseline"]["deviations"];
    assert_eq!(dev[0]["added"], serde_json::json!(["场所使用证明"]));
    assert_eq!(dev[1]["added"], serde_json::json!(["场所使用证明书"]));
    assert_eq!(dev[2]["relaxed"], serde_json::json!(["营业执照"]));
    for d in dev.as_array().unwrap() {
        assert_eq!(d["dropped"], serde_json::json!(["授权委托书"]));
    }

    // 乙 has one complete guide (110000) and one partial (140000): core and uniformity count
    // complete guides only, so it is not comparable.
    let yi = item(&doc, "测试事项乙");
    assert_eq!(yi["uniformity"], 1.0);
    assert_eq!(yi["comparable"], false);
    assert_eq!(yi["counted"], serde_json::json!(["110000"]));
    assert_eq!(yi["region_details"][1]["partial"], true);
    assert_eq!(yi["materials"][1]["regions"]["140000"], "absent");

    let bing = item(&doc, "测试事项丙");
    assert_eq!(bing["comparable"], false);
    // Ranked: most non-uniform first, single-region items last.
    let names: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["测试事项甲", "测试事项丙", "测试事项乙"]);
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(stdout(&run(&[BASIC, "--format", "json"])));
}

/// Every format in both languages: labels follow `--lang` (Chinese by default, no LANG), data
/// stays as written.
#[test]
fn snapshot_every_format_in_both_languages() {
    for lang in ["zh", "en"] {
        for format in ["table", "markdown", "csv", "html"] {
            let o = run(&[BASIC, "--format", format, "--lang", lang]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let out = stdout(&o);
            if format == "csv" {
                assert!(
                    out.starts_with('\u{feff}'),
                    "CSV starts with a BOM for Excel"
                );
            }
            insta::assert_snapshot!(format!("snapshot_{format}_{lang}"), out);
        }
    }
    // Chinese is the default.
    assert_eq!(
        stdout(&run(&[BASIC])),
        stdout(&run(&[BASIC, "--lang", "zh"]))
    );
    assert!(stdout(&run(&[BASIC, "--lang", "en"])).contains("  common core ("));
}

/// The workbook's cells and notes in both languages (its shared strings and sheets, unzipped).
#[test]
fn snapshot_xlsx_in_both_languages() {
    for lang in ["zh", "en"] {
        let o = run(&[BASIC, "--format", "xlsx", "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(
            format!("snapshot_xlsx_{lang}"),
            common::xlsx_cells(&o.stdout)
        );
    }
}

/// JSON is data, not a page: the same in every language.
#[test]
fn json_is_the_same_in_every_language() {
    assert_eq!(
        stdout(&run(&[BASIC, "--format", "json", "--lang", "en"])),
        stdout(&run(&[BASIC, "--format", "json"]))
    );
}

#[test]
fn pairwise_unified_diff() {
    let o = run(&[BASIC, "--item", "测试事项甲", "--regions", "110000,120000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\x1b'),
        "no colour when NO_COLOR / not a terminal"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn pairwise_against_the_national_baseline() {
    let o = run(&[BASIC, "--item", "测试事项甲", "--regions", "100000,120000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("--- 测试事项甲 100000 全国\n+++ 测试事项甲 120000 天津市\n"),
        "{out}"
    );
    assert!(out.contains("\n-授权委托书 [必要]\n"), "{out}");
    assert!(out.contains("\n+场所使用证明书 [必要]\n"), "{out}");
}

#[test]
fn pairwise_in_colour_on_request() {
    let o = tongban()
        .args(["--color", "always", "diff", BASIC, "--item", "测试事项甲"])
        .args(["--regions", "110000,120000"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(out.contains("\x1b[31m-场所使用证明 [必要]\x1b[0m"), "{out}");
    assert!(
        out.contains("\x1b[32m+场所使用证明书 [必要]\x1b[0m"),
        "{out}"
    );
}

#[test]
fn fail_under_ignores_single_region_items() {
    // 甲 0.4 < 0.45: fails.
    let o = run(&[BASIC, "--fail-under", "0.45", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("测试事项甲 的一致性为 0.40"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("测试事项乙"));
    // 丙 is in one region: never fails, even at 1.0 the failures are 甲 and 乙 only.
    let o = run(&[BASIC, "--fail-under", "1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains("测试事项丙"));
    assert_eq!(run(&[BASIC, "--fail-under", "0.4"]).status.code(), Some(0));
    // Filters: only 乙 (0.5).
    assert_eq!(
        run(&[BASIC, "--item", "测试事项乙", "--fail-under", "0.45"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn filters_by_item_code_and_region() {
    let doc = json(&[BASIC, "--item", "000000000001", "--region", "110000,130000"]);
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["regions"], serde_json::json!(["110000", "130000"]));
    // The baseline is kept whatever the region filter.
    assert!(items[0]["baseline"].is_object());
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let cases: [&[&str]; 5] = [
        &[BASIC, "--item", "没有这个事项"],
        &[BASIC, "--region", "999999"],
        &[BASIC, "--item", "测试事项甲", "--regions", "110000,990000"],
        &[BASIC, "--item", "测试事项甲", "--regions", "110000"],
        &[
            BASIC,
            "-o",
            "/nonexistent-dir/report.html",
            "--format",
            "html",
        ],
    ];
    for args in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).trim().is_empty(), "{args:?}: no message");
    }
    // --fail-under outside 0..1 and --regions without --item are clap errors (also 2).
    assert_eq!(run(&[BASIC, "--fail-under", "2"]).status.code(), Some(2));
    assert_eq!(
        run(&[BASIC, "--regions", "110000,120000"]).status.code(),
        Some(2)
    );
}

#[test]
fn collisions_and_unloadable_files_are_reported_not_merged() {
    let o = run(&[PROBLEMS, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["collisions"].as_array().unwrap().len(), 1);
    let c = &doc["collisions"][0];
    assert_eq!(c["region"], "110000");
    assert!(c["kept"].as_str().unwrap().ends_with("a-110000-jia.yaml"));
    assert!(
        c["ignored"]
            .as_str()
            .unwrap()
            .ends_with("b-110000-jia-again.yaml")
    );
    // The ignored guide's 另一份证明 is not in the matrix.
    let jia = item(&doc, "测试事项甲");
    assert!(
        jia["materials"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["name"] != "另一份证明")
    );
    let skipped: Vec<&str> = doc["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    let err = stderr(&o);
    assert!(err.contains("broken.yaml：3:1: TB001"), "{err}");
    assert!(
        err.contains("not-a-guide.yaml：不是办事指南：缺少"),
        "{err}"
    );
    assert!(err.contains("都描述区划 110000 的事项 测试事项甲"), "{err}");
}

#[test]
fn bad_dictionary_is_rejected_with_located_findings() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict.yaml");
    std::fs::write(
        &dict,
        "materials:\n  - canonical: 甲\n    variants: [乙]\n  - canonical: 丙\n    variants: [乙]\n    note: 1\n",
    )
    .unwrap();
    let o = run(&[BASIC, "--synonyms", dict.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("dict.yaml:6:11: TB103"), "{err}");
    // Conflicts are checked once the schema passes.
    std::fs::write(
        &dict,
        "materials:\n  - canonical: 甲\n    variants: [乙]\n  - canonical: 丙\n    variants: [乙]\n",
    )
    .unwrap();
    let err = stderr(&run(&[BASIC, "--synonyms", dict.to_str().unwrap()]));
    assert!(err.contains("dict.yaml:5:16: TB104"), "{err}");
    assert!(err.contains("already a name of “甲”"), "{err}");
}

#[test]
fn without_the_fixture_dictionary_synonyms_come_from_the_bundled_one() {
    // The bundled ontology reads 身份证 (居民身份证) and 身份证件 (any 身份证明) as one requirement.
    let dir = tempfile::tempdir().unwrap();
    for f in ["110000-jia.yaml", "120000-jia.yaml", "130000-jia.yaml"] {
        std::fs::copy(root().join(BASIC).join(f), dir.path().join(f)).unwrap();
    }
    let doc = json(&[dir.path().to_str().unwrap()]);
    let names: Vec<&str> = item(&doc, "测试事项甲")["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"身份证明"), "{names:?}");
    assert!(!names.contains(&"身份证件"), "{names:?}");
    assert!(!names.contains(&"居民身份证"), "{names:?}");
}

#[test]
fn xlsx_has_a_summary_and_one_sheet_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let o = run(&[BASIC, "--format", "xlsx", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let workbook = read(&mut zip, "xl/workbook.xml");
    for sheet in ["汇总", "测试事项甲", "测试事项乙", "测试事项丙"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
    let strings = read(&mut zip, "xl/sharedStrings.xml");
    for s in ["场所使用证明书", "容缺后补", "必要 复印件 *", "未列出?"] {
        assert!(strings.contains(s), "missing {s}");
    }
    // The attribute difference is a cell note.
    let comments = read(&mut zip, "xl/comments1.xml");
    assert!(
        comments.contains("原件/复印件：复印件（110000）；原件（120000）"),
        "{comments}"
    );
    // How each region's wording was read is a cell note too (issue 12).
    assert!(
        comments.contains("身份证件: 原样匹配；用户词典条目“居民身份证”"),
        "{comments}"
    );
}

/// Regression: the report model (518d739) lost the frozen panes; the workbook printed on 29
/// portrait pages, kept uniformity as 0.3333 in General format and had no links between sheets.
#[test]
fn xlsx_freezes_prints_on_a4_keeps_numbers_and_links_sheets_in_both_languages() {
    for (lang, summary, item, back) in [
        ("zh", "汇总", "测试事项甲", "← 返回汇总"),
        ("en", "summary", "测试事项甲", "← summary"),
    ] {
        let o = run(&[BASIC, "--format", "xlsx", "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let parts = common::xlsx_parts(&o.stdout);
        let sheet1 = &parts["xl/worksheets/sheet1.xml"];
        let sheet2 = &parts["xl/worksheets/sheet2.xml"];
        // The summary's ranking: header row and the # and 事项 columns frozen; the item sheet's
        // matrix: its header row and the material column.
        assert!(
            sheet1.contains("<pane xSplit=\"2\" ySplit=\"6\" topLeftCell=\"C7\""),
            "{lang}: {sheet1}"
        );
        assert!(sheet2.contains("state=\"frozen\""), "{lang}: {sheet2}");
        // A4 landscape, one page wide, with print titles.
        for sheet in [sheet1, sheet2] {
            assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{lang}");
            assert!(
                sheet.contains(
                    "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""
                ),
                "{lang}: {sheet}"
            );
        }
        let workbook = &parts["xl/workbook.xml"];
        assert!(
            workbook.contains(&format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">{summary}!$A:$B,{summary}!$6:$6</definedName>"
            )),
            "{lang}: {workbook}"
        );
        // Uniformity 0.4 is a number shown as 0.40; the rank and region count are numbers; the
        // 基本编码 000000000001 stays text (a leading zero).
        let styles = &parts["xl/styles.xml"];
        assert!(styles.contains("formatCode=\"0.00\""), "{lang}: {styles}");
        assert!(sheet1.contains("<c r=\"E7\" s=\""), "{lang}: {sheet1}");
        assert!(sheet1.contains("<v>0.4</v>"), "{lang}: {sheet1}");
        assert!(sheet1.contains("<c r=\"C7\" t=\"s\">"), "{lang}: {sheet1}");
        // Summary → item sheet, and back.
        assert!(
            sheet1.contains(&format!(
                "<hyperlink ref=\"B7\" location=\"'{item}'!A2\" display=\"{item}\""
            )),
            "{lang}: {sheet1}"
        );
        assert!(
            sheet2.contains(&format!(
                "<hyperlink ref=\"A1\" location=\"'{summary}'!A1\" display=\"{back}\""
            )),
            "{lang}: {sheet2}"
        );
    }
}

/// Regression: CSV headers were Chinese but its values English codes (`required`, `core`,
/// `reword: …`, `true`); `--lang en` keeps the stable codes.
#[test]
fn csv_values_speak_the_run_language() {
    let zh = stdout(&run(&[BASIC, "--format", "csv", "--lang", "zh"]));
    let row = zh.lines().nth(1).unwrap();
    assert!(
        row.contains(",是,居民身份证,共同核心,110000,北京市,否,必要,")
            && row.contains(",改写：身份证 → 居民身份证,"),
        "{row}"
    );
    for code in [",required,", ",core,", ",true,", ",false,", "reword: "] {
        assert!(!zh.contains(code), "{code} in\n{zh}");
    }
    let en = stdout(&run(&[BASIC, "--format", "csv", "--lang", "en"]));
    let row = en.lines().nth(1).unwrap();
    assert!(
        row.contains(",true,居民身份证,core,110000,北京市,false,required,")
            && row.contains(",reword: 身份证 → 居民身份证,"),
        "{row}"
    );
}

/// Regression: a leading-zero 基本编码 (000000000001) became the number 1 when the CSV was opened
/// in a spreadsheet. Checked by letting LibreOffice read the CSV and write it back.
#[test]
fn csv_basic_code_survives_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let csv = stdout(&run(&[BASIC, "--format", "csv", "--lang", lang]));
        assert!(csv.contains(",\"=\"\"000000000001\"\"\","), "{lang}: {csv}");
        if !std::path::Path::new("/usr/bin/soffice").exists() {
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
            assert!(
                !ci,
                "CI is set but soffice is missing: .ci/run installs libreoffice-calc-nogui"
            );
            eprintln!("notice: LibreOffice (soffice) not found; skipping its reading of the CSV");
            continue;
        }
        let input = dir.path().join(format!("diff-{lang}.csv"));
        std::fs::write(&input, &csv).unwrap();
        let back = dir.path().join("back");
        let o = std::process::Command::new("/usr/bin/soffice")
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}/profile",
                dir.path().display()
            ))
            // Comma-separated, double-quoted, UTF-8 (76), from line 1.
            .args([
                "--infilter=CSV:44,34,76,1",
                "--convert-to",
                "csv",
                "--outdir",
            ])
            .arg(&back)
            .arg(&input)
            .output()
            .unwrap();
        let read = std::fs::read_to_string(back.join(format!("diff-{lang}.csv")))
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
        let row = read.lines().nth(1).unwrap();
        assert!(row.contains(",\"000000000001\","), "{lang}: {row}");
    }
}

#[test]
fn html_is_self_contained() {
    let html = stdout(&run(&[BASIC, "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "external reference {needle}");
    }
    assert!(html.contains("<table id=\"summary\" class=\"sortable\">"));
    // Each cell's hover text explains how the region's wording reached the row (issue 12).
    assert!(
        html.contains("身份证件: 原样匹配；用户词典条目“居民身份证”"),
        "{html}"
    );
}

/// The bundled catalogs: 合伙企业设立登记 in 上海/江苏 (申请书、经营场所证明 …) vs 安徽 (申请书、合伙协议
/// …), per the 2022-09-23 新华财经 report (shared domain notes §5.1c).
#[test]
fn bundled_hehuo_qiye_shanghai_jiangsu_vs_anhui() {
    let doc = json(&[
        "catalogs",
        "--item",
        "合伙企业设立登记",
        "--region",
        "310000,320000,340000",
    ]);
    let it = item(&doc, "合伙企业设立登记");
    assert_eq!(
        it["regions"],
        serde_json::json!(["310000", "320000", "340000"])
    );
    assert_eq!(
        matrix(it)[..3],
        [
            (
                // The item's own form, recognised generically, under its most common wording.
                "申请书".to_owned(),
                row(&[
                    ("310000", "required"),
                    ("320000", "required"),
                    ("340000", "required")
                ])
            ),
            (
                "经营场所证明".to_owned(),
                row(&[
                    ("310000", "required"),
                    ("320000", "required"),
                    ("340000", "absent")
                ])
            ),
            (
                "合伙协议".to_owned(),
                row(&[
                    ("310000", "absent"),
                    ("320000", "absent"),
                    ("340000", "required")
                ])
            ),
        ]
    );
    assert_eq!(it["common_core"], serde_json::json!(["申请书"]));
    assert_eq!(it["uniformity"], 0.3333);
    // All three come from a news report and are marked partial.
    for r in it["region_details"].as_array().unwrap() {
        assert_eq!(r["partial"], true);
    }
    // The national baseline (《市场主体登记管理条例实施细则》第二十五条) requires both.
    let base = it["baseline"]["required"].as_array().unwrap();
    assert!(base.contains(&"经营场所证明".into()) && base.contains(&"合伙协议".into()));

    // With 湖南 (the one complete guide) the core is 湖南's list; the partial regions are told
    // what the proposal adds, as something they may already ask for.
    let out = stdout(&run(&["catalogs", "--item", "合伙企业设立登记"]));
    assert!(out.contains("共同核心（5）：申请书、经营场所证明"), "{out}");
    assert!(
        // Under the national baseline's wording (《实施细则》第二十五条: 主要经营场所相关文件).
        out.contains("340000 安徽省（部分）: + 增加（部分指南，可能已要求） 主要经营场所相关文件"),
        "{out}"
    );
}

/// Issue 2's data requirement (at least 6 items, the named ones among them, 5+ regions in all),
/// tightened by issue 22: at least 20 items, every one published by at least 4 provincial regions
/// (city and county guides count for their province; the national baseline does not count).
#[test]
fn bundled_catalogs_cover_every_item_in_four_provinces() {
    let o = run(&["catalogs", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut all = std::collections::BTreeSet::new();
    let mut per_item = std::collections::BTreeMap::new();
    for item in json["items"].as_array().unwrap() {
        let provinces: std::collections::BTreeSet<String> = item["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap()[..2].to_owned())
            .filter(|p| p != "10")
            .collect();
        all.extend(provinces.iter().cloned());
        per_item.insert(item["name"].as_str().unwrap().to_owned(), provinces.len());
    }
    assert!(per_item.len() >= 20, "{per_item:?}");
    assert!(all.len() >= 5, "{all:?}");
    for (item, n) in &per_item {
        assert!(
            *n >= 4,
            "{item} is published in only {n} provinces: {per_item:?}"
        );
    }
    for item in [
        "合伙企业设立登记",
        "生育登记",
        "购房提取住房公积金",
        "跨省异地就医登记备案",
        "结婚登记",
        "失业保险金申领",
    ] {
        assert!(per_item.contains_key(item), "{item} missing: {per_item:?}");
    }
}

#[test]
fn bundled_catalogs_diff_runs_clean() {
    let o = run(&["catalogs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // materials.yaml is the dictionary and e-licences.yaml a data file named in tongban.toml:
    // neither is a skipped guide, so there is nothing to note.
    assert_eq!(stderr(&o), "");
    // Even when another dictionary is given.
    let o = run(&[
        "catalogs",
        "--synonyms",
        "tests/fixtures/diff/basic/materials.yaml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("materials.yaml"), "{}", stderr(&o));
}

// --- headless Chromium -------------------------------------------------------------------------

#[test]
fn html_renders_in_headless_chromium() {
    if !common::chromium_or_notice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let o = run(&[BASIC, "--format", "html", "-o", page.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dom = common::render_dom(&page, dir.path());
    // The script ran (sortable columns are wired).
    assert!(dom.contains("data-sortable-ready=\"yes\""), "{dom}");
    // Summary: ranked by non-uniformity, with the index.
    let summary = &dom[dom.find("id=\"summary\"").unwrap()..dom.find("</table>").unwrap()];
    let jia = summary.find("测试事项甲").unwrap();
    let yi = summary.find("测试事项乙").unwrap();
    let bing = summary.find("测试事项丙").unwrap();
    // 乙 has one complete guide only: not compared, ranked after the comparable items.
    assert!(jia < bing && bing < yi, "{summary}");
    assert!(
        summary.contains(">0.40<") && summary.contains("—（完整指南不足 2 个）"),
        "{summary}"
    );
    // Heat map of 甲: the dropped material is an absent cell in 120000, with the hover text.
    let matrix = &dom[dom.find("id=\"matrix-0\"").unwrap()..];
    let matrix = &matrix[..matrix.find("</table>").unwrap()];
    assert!(matrix.contains("<th class=\"mat\" title=\"场所使用证明\">场所使用证明</th>"));
    let tianjin = &matrix[matrix.find("data-region=\"120000\"").unwrap()..];
    let tianjin = &tianjin[..tianjin.find("</tr>").unwrap()];
    assert!(
        tianjin.contains(
            "class=\"cell absent\" data-sort=\"0\" title=\"场所使用证明 — 120000 天津市: 未要求\""
        ),
        "{tianjin}"
    );
    // The attribute difference is outlined, marked `*` as the legend says, and explained on hover.
    assert!(
        tianjin.contains("class=\"cell required attr-diff\""),
        "{tianjin}"
    );
    assert!(
        tianjin.contains("●<sup class=\"flag\">*</sup>"),
        "{tianjin}"
    );
    // The legend beside it draws each symbol as the cells do (regression: it said `*` where the
    // cells showed only a blue outline).
    let legend = &dom[dom.find("<table class=\"legend\">").unwrap()..];
    let legend = &legend[..legend.find("</table>").unwrap()];
    assert!(
        legend.contains("<td class=\"cell required\">●</td><td>必要</td>"),
        "{legend}"
    );
    assert!(
        legend.contains("<td class=\"cell absent\">·</td><td>未要求</td>"),
        "{legend}"
    );
    assert!(
        legend.contains("<td class=\"cell attr-diff\">*</td><td>各地属性不同</td>"),
        "{legend}"
    );
    assert!(
        tianjin.contains("原件/复印件：复印件（110000）；原件（120000）"),
        "{tianjin}"
    );
    // The partial guide's unlisted material shows as unknown, not absent.
    let yi_matrix = &dom[dom.find("id=\"matrix-1\"").unwrap()..];
    assert!(yi_matrix.contains("class=\"cell unknown\""));
}

/// A synthetic catalog: one item in three regions whose guides list `n` materials between them
/// (测试材料一 …), region 2 every other one, region 3 the first half; and one item whose 受理条件
/// runs to 1,000 characters.
fn wide_catalog(dir: &std::path::Path, n: usize) -> Vec<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let numeral = |i: usize| match (i / 10, i % 10) {
        (0, u) => DIGITS[u].to_owned(),
        (1, u) => format!("十{}", DIGITS[u]),
        (t, u) => format!("{}十{}", DIGITS[t], DIGITS[u]),
    };
    let names: Vec<String> = (1..=n).map(|i| format!("测试材料{}", numeral(i))).collect();
    for (code, keep) in [
        ("110000", &(|_: usize| true) as &dyn Fn(usize) -> bool),
        ("120000", &|i| i % 2 == 0),
        ("130000", &|i| i < n / 2),
    ] {
        let materials: String = names
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, m)| format!("  - name: {m}\n"))
            .collect();
        let condition = "申请人应当符合条件".repeat(if code == "110000" { 112 } else { 1 });
        common::write_in(
            dir,
            &format!("{code}/wide.yaml"),
            &format!(
                "item:\n  name: 测试宽事项\n  type: 行政许可\nregion:\n  code: \"{code}\"\n  name: 测试{code}\ndepartment: 测试部\ntime_limit:\n  legal_days: 20\nconditions:\n  - {condition}\nmaterials:\n{materials}source:\n  document: synthetic test fixture (a wide matrix)\n  retrieved: \"2026-12-06\"\n  completeness: complete\n"
            ),
        );
    }
    names
}

/// Regression: printed from a browser, a heat map was cut after ~10 of 15 material columns (and
/// the page was US Letter, portrait). Every material column's name must be on the paper, written
/// down the column header, on A4 landscape, in both languages; 40 columns print as two parts.
#[test]
fn html_prints_every_column_on_a4_landscape() {
    if !common::chromium_or_notice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let names = wide_catalog(&dir.path().join("catalog"), 40);
    // The ranking on page 1; the item from page 2 (its matrix as two parts, then its lists).
    for (lang, expected) in [("zh", 4), ("en", 4)] {
        let page = dir.path().join(format!("report-{lang}.html"));
        let o = run(&[
            dir.path().join("catalog").to_str().unwrap(),
            "--format",
            "html",
            "--lang",
            lang,
            "-o",
            page.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // A 1,000-character 受理条件 is folded on screen (all of it on paper).
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            html.contains("<details class=\"fold\"><summary>110000 申请人应当"),
            "{lang}"
        );
        let Some((pages, size, text)) = common::print_pdf(&page, dir.path()) else {
            return;
        };
        assert!(size.starts_with("841.92 x 594.96"), "{lang}: {size}");
        assert_eq!(pages, expected, "{lang}: {text}");
        for name in &names {
            let down: Vec<String> = name.chars().map(String::from).collect();
            assert!(
                text.contains(&down.join("\n")),
                "{lang}: column {name} is not on the paper:\n{text}"
            );
        }
    }
}

const SITUATIONS: &str = "tests/fixtures/diff/situations";

/// The row of one requirement.
fn material<'a>(item: &'a Value, name: &str) -> &'a Value {
    item["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no requirement {name}"))
}

#[test]
fn situations_each_region_distinguishes_and_conditional_cells() {
    let doc = json(&[SITUATIONS]);
    let it = item(&doc, "测试事项丁");
    // 130000 declares none: it is not listed; "补 领" is compared as 补领.
    assert_eq!(
        it["situations"],
        serde_json::json!([
            {"region": "110000", "names": ["首次申领", "补领"]},
            {"region": "120000", "names": ["首次申领", "补领", "换领"]}
        ])
    );
    // The union view: statuses stay as listed, whatever the situation.
    let hukou = material(it, "户口簿");
    assert_eq!(
        hukou["regions"],
        serde_json::json!({"110000": "required", "120000": "required", "130000": "required"})
    );
    // Only for 首次申领 in 110000: not required in every case, so not in the core.
    assert_eq!(
        hukou["only_in_situations"],
        serde_json::json!({"110000": ["首次申领"]})
    );
    assert_eq!(hukou["class"], "extra");
    assert_eq!(
        hukou["attribute_differences"],
        serde_json::json!(["situations"])
    );
    assert_eq!(
        it["common_core"],
        serde_json::json!(["居民身份证", "申请表"])
    );
    assert_eq!(it["uniformity"], 0.4);
    // Limited to two of 120000's three situations.
    assert_eq!(
        material(it, "照片")["only_in_situations"],
        serde_json::json!({"120000": ["首次申领", "换领"]})
    );
    // Limited to 补领 in both regions that list it: the same limit is no difference.
    let lost = material(it, "遗失声明");
    assert!(lost.get("attribute_differences").is_none(), "{lost}");
    // Unlimited requirements carry no situation field.
    assert!(material(it, "申请表").get("only_in_situations").is_none());
}

#[test]
fn per_situation_comparison_of_shared_situations() {
    let doc = json(&[SITUATIONS]);
    let it = item(&doc, "测试事项丁");
    // 换领 is declared by 120000 only: no comparison. 130000 declares none: not in any.
    assert_eq!(
        it["per_situation"],
        serde_json::json!([
            {"name": "首次申领", "regions": ["110000", "120000"], "differing": [
                {"requirement": "照片", "regions": {"110000": "absent", "120000": "required"}}
            ]},
            {"name": "补领", "regions": ["110000", "120000"], "differing": [
                {"requirement": "户口簿", "regions": {"110000": "absent", "120000": "required"}}
            ]}
        ])
    );
}

#[test]
fn situations_are_shown_in_every_format() {
    let zh = stdout(&run(&[SITUATIONS]));
    assert!(
        zh.contains("  各地区分的情形：\n    110000 北京市: 首次申领、补领\n"),
        "{zh}"
    );
    assert!(
        zh.contains("    130000 河北省: 未区分情形（材料适用于所有情形）\n"),
        "{zh}"
    );
    assert!(
        zh.contains("    补领（110000, 120000）: 户口簿 110000 · 120000 ●\n"),
        "{zh}"
    );
    assert!(
        zh.contains("户口簿 适用情形: 仅限情形：首次申领（110000）；所有情形（120000, 130000）"),
        "{zh}"
    );
    let en = stdout(&run(&[SITUATIONS, "--lang", "en"]));
    assert!(
        en.contains("  situations each region distinguishes:\n    110000 北京市: 首次申领, 补领\n"),
        "{en}"
    );
    assert!(
        en.contains("  per situation (shared by two or more regions; requirements that differ):\n"),
        "{en}"
    );
    let md = stdout(&run(&[SITUATIONS, "--format", "markdown"]));
    assert!(md.contains("### 各地区分的情形"), "{md}");
    assert!(md.contains("| ● 仅限情形：首次申领 * |"), "{md}");
    let html = stdout(&run(&[SITUATIONS, "--format", "html"]));
    assert!(html.contains("各地区分的情形"), "html has the section");
    assert!(
        html.contains("仅限情形：首次申领"),
        "html cell title names the situation"
    );
    let csv = stdout(&run(&[SITUATIONS, "--format", "csv"]));
    let line = csv
        .lines()
        .find(|l| l.contains(",户口簿,") && l.contains(",110000,"))
        .unwrap();
    assert!(line.ends_with(",首次申领"), "{line}");
    assert!(line.contains(",适用情形,"), "{line}");
    let csv = stdout(&run(&[SITUATIONS, "--format", "csv", "--lang", "en"]));
    let line = csv
        .lines()
        .find(|l| l.contains(",户口簿,") && l.contains(",110000,"))
        .unwrap();
    assert!(line.contains(",situations,"), "{line}");
}

#[test]
fn guides_without_situations_add_no_situation_fields() {
    let doc = json(&[BASIC]);
    for it in doc["items"].as_array().unwrap() {
        assert!(it.get("situations").is_none(), "{it}");
        assert!(it.get("per_situation").is_none(), "{it}");
    }
}

/// 失业登记 (bundled) had two of its four guides partial (瑞安, 柯城). A partial guide is a lower
/// bound — what it lists is asked there — yet the proposal counted complete guides only, found
/// 《失业人员登记表》 in one of two, and proposed to drop it from three of the four regions that
/// ask for it. Counted over the regions where its status is known it is asked by every region
/// (芜湖's 个人基本信息和失业原因 is the data the form records: it is told to reword, not to add).
/// Since the 2026-12-07 guides (洛龙区, 榕城区, both complete and both listing the form) it is six
/// regions, two of them partial.
#[test]
fn shiye_dengji_proposal_dropped_the_form_three_of_four_known_regions_require() {
    let doc = json(&["catalogs", "--item", "失业登记"]);
    let p = &item(&doc, "失业登记")["proposal"];
    let form = p["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["requirement"] == "失业人员登记表")
        .unwrap_or_else(|| panic!("not proposed: {p}"));
    assert_eq!(
        (&form["required_in"], &form["of"], &form["partial"]),
        (
            &serde_json::json!(6),
            &serde_json::json!(6),
            &serde_json::json!(2)
        )
    );
    for change in p["changes"].as_array().unwrap() {
        let drop = change["drop"].to_string();
        assert!(!drop.contains("登记表"), "{change}");
    }
    let wuhu = p["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["region"] == "340200")
        .unwrap();
    assert_eq!(wuhu["reword"][0]["to"], "失业人员登记表", "{wuhu}");
}

/// The same rule on synthetic guides (two complete, two partial): a requirement three of the
/// four known regions ask for is proposed as the majority's, the complete guide without it is
/// told to add it, and both languages say how many regions are known and how many are partial.
#[test]
fn a_partial_guide_counts_where_it_lists_a_requirement() {
    let dir = tempfile::tempdir().unwrap();
    let guide = |code: &str, name: &str, record: bool, completeness: &str| {
        let extra = if record {
            "\n  - name: 考勤记录"
        } else {
            ""
        };
        format!(
            "item: {{name: 测试事项, type: 行政确认, basic_code: \"000000000008\"}}\n\
             region: {{code: \"{code}\", name: {name}}}\ndepartment: 测试局\n\
             time_limit: {{legal_days: 20}}\nmaterials:\n  - name: 申请表{extra}\n\
             source: {{document: synthetic test guide, retrieved: \"2026-12-06\", completeness: {completeness}}}\n"
        )
    };
    for (code, name, record, completeness) in [
        ("110000", "北京市", true, "complete"),
        ("120000", "天津市", false, "complete"),
        ("130000", "河北省", true, "partial"),
        ("140000", "山西省", true, "partial"),
    ] {
        common::write_in(
            dir.path(),
            &format!("{code}.yaml"),
            &guide(code, name, record, completeness),
        );
    }
    let path = dir.path().to_str().unwrap();
    let doc = json(&[path]);
    let p = &item(&doc, "测试事项")["proposal"];
    let record = p["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["requirement"] == "考勤记录")
        .unwrap_or_else(|| panic!("not proposed: {p}"));
    assert_eq!(record["why"], "majority");
    assert_eq!(
        (&record["required_in"], &record["of"], &record["partial"]),
        (
            &serde_json::json!(3),
            &serde_json::json!(4),
            &serde_json::json!(2)
        )
    );
    let tianjin = p["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["region"] == "120000")
        .unwrap();
    assert_eq!(tianjin["add"], serde_json::json!(["考勤记录"]));
    for (lang, text) in [
        ("zh", "已知的 4 个地区中 3 个要求（其中 2 个为部分指南）"),
        (
            "en",
            "required in 3 of 4 regions where known (2 partial guides)",
        ),
    ] {
        let out = stdout(&run(&[path, "--lang", lang]));
        assert!(out.contains(text), "{lang}: {out}");
    }
}

/// Where the national baseline lists a requirement as 非必要, its list wins: even when every
/// region requires it, it is neither proposed as required nor proposed to be dropped.
#[test]
fn a_requirement_the_baseline_makes_optional_is_neither_proposed_nor_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let guide = |code: &str, name: &str, photo: &str| {
        format!(
            "item: {{name: 测试事项, type: 行政许可, basic_code: \"000000000009\"}}\n\
             region: {{code: \"{code}\", name: {name}}}\ndepartment: 测试局\n\
             time_limit: {{legal_days: 20}}\nmaterials:\n  - name: 申请表\n  \
             - {{name: 照片, necessity: {photo}}}\n\
             source: {{document: synthetic test guide, retrieved: \"2026-12-06\", completeness: complete}}\n"
        )
    };
    common::write_in(dir.path(), "n.yaml", &guide("100000", "全国", "非必要"));
    for (code, name) in [
        ("110000", "北京市"),
        ("120000", "天津市"),
        ("130000", "河北省"),
    ] {
        common::write_in(
            dir.path(),
            &format!("{code}.yaml"),
            &guide(code, name, "必要"),
        );
    }
    let doc = json(&[dir.path().to_str().unwrap()]);
    let p = &item(&doc, "测试事项")["proposal"];
    let proposed: Vec<&Value> = p["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["requirement"])
        .collect();
    assert!(!proposed.iter().any(|r| *r == "照片"), "{p}");
    assert!(!p["changes"].to_string().contains("照片"), "{p}");
}

#[test]
fn bundled_jiehun_dengji_situations() {
    let doc = json(&["catalogs", "--item", "结婚登记"]);
    let it = item(&doc, "结婚登记");
    assert_eq!(
        it["situations"],
        serde_json::json!([
            {"region": "331000", "names": ["全省通办", "跨省通办"]},
            {"region": "442000", "names": ["双方均为非广东省户籍"]}
        ])
    );
    // 台州 asks for the 居住证 in 跨省通办 only; no two regions share a situation's name.
    let juzhu = material(it, "居住证");
    assert_eq!(
        juzhu["only_in_situations"],
        serde_json::json!({"331000": ["跨省通办"]})
    );
    assert_ne!(juzhu["class"], "core");
    assert!(it.get("per_situation").is_none(), "{it}");
}

#[test]
fn xlsx_shows_situations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.xlsx");
    let o = run(&[SITUATIONS, "--format", "xlsx", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    for s in [
        "各地区分的情形",
        "必要 仅限情形：首次申领 *",
        "首次申领、补领、换领",
    ] {
        assert!(strings.contains(s), "missing {s}: {strings}");
    }
}

/// A guide for the proposal tests: 身份证 and 申请表, each with its `necessity` and `condition`.
fn make_required_guide(code: &str, id: &str, form: &str) -> String {
    format!(
        "item:\n  name: 测试事项丁\n  type: 行政许可\nregion:\n  code: \"{code}\"\n  name: 测试{code}\n\
         department: 测试局\nmaterials:\n  - name: 身份证\n{id}  - name: 申请表\n{form}\
         source:\n  document: synthetic test fixture\n  retrieved: \"2026-11-29\"\n  completeness: complete\n"
    )
}

/// Regression: the proposal never said "make it required" when a region listed as 非必要 (or
/// with a condition) what the majority always require; it showed no change for that region.
#[test]
fn the_proposal_makes_required_what_a_region_lists_as_optional_or_conditional() {
    let dir = tempfile::tempdir().unwrap();
    let required = "    necessity: 必要\n";
    for code in ["110000", "120000"] {
        std::fs::write(
            dir.path().join(format!("{code}.yaml")),
            make_required_guide(code, required, required),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("130000.yaml"),
        make_required_guide(
            "130000",
            "    necessity: 非必要\n",
            "    necessity: 必要\n    condition: 首次申请的\n",
        ),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let doc = json(&[path]);
    let changes = &item(&doc, "测试事项丁")["proposal"]["changes"];
    let c130 = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["region"] == "130000")
        .unwrap_or_else(|| panic!("{changes}"));
    let make: Vec<(&str, &str)> = c130["make_required"]
        .as_array()
        .unwrap_or_else(|| panic!("{c130}"))
        .iter()
        .map(|m| {
            (
                m["requirement"].as_str().unwrap(),
                m["now"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(make.contains(&("身份证", "optional")), "{make:?}");
    assert!(make.contains(&("申请表", "conditional")), "{make:?}");
    // The regions that already require both change nothing.
    assert!(
        !changes
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["region"] == "110000"),
        "{changes}"
    );
    let zh = stdout(&run(&[path]));
    assert!(zh.contains("改为必要 身份证（现为非必要）"), "{zh}");
    let en = stdout(&run(&[path, "--lang", "en"]));
    assert!(en.contains("make required 身份证 (now optional)"), "{en}");
    let md = stdout(&run(&[path, "--format", "markdown"]));
    assert!(md.contains("改为必要 申请表（现为附条件）"), "{md}");
    let csv = stdout(&run(&[path, "--format", "csv"]));
    assert!(csv.contains(",改为必要（现为非必要）,"), "{csv}");
    let csv = stdout(&run(&[path, "--format", "csv", "--lang", "en"]));
    assert!(csv.contains("make required (now optional)"), "{csv}");
}

/// Regression: the pairwise view (`--regions A,B`) ignored situations (情形): a material limited
/// to one situation read as always required.
#[test]
fn pairwise_view_ignored_situations() {
    let out = tongban()
        .args([
            "diff",
            "tests/fixtures/diff/situations",
            "--item",
            "测试事项丁",
            "--regions",
            "110000,120000",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("-- 情形：首次申领、补领"), "{text}");
    assert!(
        text.contains("-户口簿 [必要；仅限情形：首次申领]"),
        "{text}"
    );
    assert!(text.contains(" 遗失声明 [必要；仅限情形：补领]"), "{text}");
    let out = tongban()
        .args([
            "diff",
            "tests/fixtures/diff/situations",
            "--item",
            "测试事项丁",
            "--regions",
            "110000,120000",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["b"]["situations"][2], "换领");
}

const SIMILAR: &str = "tests/fixtures/diff/similar";

/// 场所使用证明 (110000, 130000) and 场所使用证明书 (120000) share their distinctive terms:
/// one requirement, matched by similarity, explained and marked for the officer.
#[test]
fn similar_wordings_are_one_row_marked_matched_by_similarity() {
    let doc = json(&[SIMILAR]);
    let jia = item(&doc, "测试事项甲");
    let row = material(jia, "场所使用证明");
    assert_eq!(row["similar"], true);
    for r in ["110000", "120000", "130000"] {
        assert_eq!(row["regions"][r], "required", "{row}");
    }
    let joined: Vec<&Value> = row["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["similar"].is_null())
        .collect();
    assert_eq!(joined.len(), 1, "{row}");
    let why = &joined[0]["similar"];
    assert_eq!(joined[0]["regions"], serde_json::json!(["120000"]));
    assert_eq!(joined[0]["piece"], "场所使用证明书");
    assert_eq!(why["kind"], "similar");
    assert_eq!(why["with"], "场所使用证明");
    assert!(why["score"].as_f64().unwrap() >= 0.55, "{why}");
    assert!(
        why["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains("场所")),
        "{why}"
    );
    // No longer a suggestion: it is merged.
    assert_eq!(jia["near_matches"], serde_json::json!([]));
}

#[test]
fn similarity_merge_report_in_both_languages() {
    for lang in ["zh", "en"] {
        let out = stdout(&run(&[SIMILAR, "--lang", lang]));
        insta::assert_snapshot!(format!("similar_{lang}"), out);
    }
    let md = stdout(&run(&[SIMILAR, "--format", "markdown", "--lang", "en"]));
    assert!(md.contains("场所使用证明 ≈"), "{md}");
    assert!(md.contains("matched by similarity"), "{md}");
    let csv = stdout(&run(&[SIMILAR, "--format", "csv"]));
    assert!(csv.contains("按相似度匹配"), "{csv}");
    let html = stdout(&run(&[SIMILAR, "--format", "html"]));
    assert!(html.contains("场所使用证明 ≈"), "{html}");
    assert!(html.contains("按相似度匹配（已合并"), "{html}");
}

/// A copy of the `similar` fixture with the user's ontology file `documents.yaml` beside it.
fn similar_with_ontology(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(root().join(SIMILAR)).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("documents.yaml"), text).unwrap();
    dir
}

#[test]
fn a_rejection_line_in_the_user_ontology_splits_the_similarity_merge() {
    let dir =
        similar_with_ontology("overrides:\n  never_merge: [[场所使用证明书, 场所使用证明]]\n");
    let doc = json(&[dir.path().to_str().unwrap()]);
    let jia = item(&doc, "测试事项甲");
    let kept = material(jia, "场所使用证明");
    assert!(kept["similar"].is_null(), "{kept}");
    assert_eq!(kept["regions"]["120000"], "absent");
    assert_eq!(
        material(jia, "场所使用证明书")["regions"]["120000"],
        "required"
    );
}

#[test]
fn a_confirmation_line_in_the_user_ontology_keeps_the_merge_without_the_mark() {
    let dir = similar_with_ontology("overrides:\n  same: [[场所使用证明书, 场所使用证明]]\n");
    let doc = json(&[dir.path().to_str().unwrap()]);
    let jia = item(&doc, "测试事项甲");
    let row = material(jia, "场所使用证明");
    assert!(row["similar"].is_null(), "{row}");
    for r in ["110000", "120000", "130000"] {
        assert_eq!(row["regions"][r], "required", "{row}");
    }
    assert!(
        row["parts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["similar"].is_null()),
        "{row}"
    );
    let out = stdout(&run(&[dir.path().to_str().unwrap()]));
    assert!(!out.contains('≈') || !out.contains("按相似度匹配"), "{out}");
}

/// A guide of the proofs test: 申请表 and the given (name, condition) materials.
fn proofs_guide(code: &str, proofs: &[(&str, &str)]) -> String {
    let materials: String = proofs
        .iter()
        .map(|(name, condition)| {
            format!("  - name: {name}\n    necessity: 非必要\n    condition: {condition}\n")
        })
        .collect();
    format!(
        "item:\n  name: 测试事项戊\n  type: 行政确认\nregion:\n  code: \"{code}\"\n  name: 测试{code}\n\
         department: 测试局\nmaterials:\n  - name: 申请表\n    necessity: 必要\n{materials}\
         source:\n  document: synthetic test fixture\n  retrieved: \"2026-12-07\"\n  completeness: complete\n"
    )
}

/// Regression (annotation rule 6): a guide listing a proof named by its issuer only under two
/// conditions (相关部门出具的证明材料 for 暴力伤害 and for 抢险救灾) had both in one row, so the
/// row held two requirements and aligned with both of another region's. Each is the proof its
/// condition calls for: two rows, each aligned with the other region's proof for that condition.
#[test]
fn one_generic_proof_under_two_conditions_is_two_requirements() {
    let dir = tempfile::tempdir().unwrap();
    let violence = "因履行工作职责受到暴力伤害的";
    let rescue = "在抢险救灾中受到伤害的";
    std::fs::write(
        dir.path().join("110000.yaml"),
        proofs_guide(
            "110000",
            &[
                ("公安部门出具的证明材料", violence),
                ("相关部门出具的证明材料", rescue),
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("120000.yaml"),
        proofs_guide(
            "120000",
            &[
                ("公安机关的证明", &format!("属于{violence}")),
                ("有效证明", &format!("属于{rescue}")),
            ],
        ),
    )
    .unwrap();
    let doc = json(&[dir.path().to_str().unwrap()]);
    let item = item(&doc, "测试事项戊");
    // Which wordings of each region went into each row.
    let rows: Vec<Vec<String>> = item["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let mut v: Vec<String> = m["parts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["material"].as_str().unwrap().to_owned())
                .collect();
            v.sort();
            v
        })
        .collect();
    let row_of = |name: &str| {
        rows.iter()
            .position(|r| r.iter().any(|m| m == name))
            .unwrap_or_else(|| panic!("{name} in no row: {rows:?}"))
    };
    assert_ne!(
        row_of("公安部门出具的证明材料"),
        row_of("相关部门出具的证明材料"),
        "{rows:?}"
    );
    assert_eq!(
        row_of("公安部门出具的证明材料"),
        row_of("公安机关的证明"),
        "{rows:?}"
    );
    assert_eq!(
        row_of("相关部门出具的证明材料"),
        row_of("有效证明"),
        "{rows:?}"
    );
}
