//! End-to-end tests of `tongban coverage` on synthetic agreements and guides whose coverage and
//! differences are known exactly (tests/fixtures/README.md, `coverage/`), on the bundled
//! agreements, and in headless Chromium.

use crate::common;

use common::{stderr, stdout, tongban};

use std::process::Output;

use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/coverage";
const SISHENG: &str = "tests/fixtures/coverage/agreements/sisheng.yaml";
const PROVINCES: &str = "tests/fixtures/coverage/agreements/provinces.yaml";
const BROKEN: &str = "tests/fixtures/coverage-bad/agreements/broken.yaml";

fn run(args: &[&str]) -> Output {
    tongban().arg("coverage").args(args).output().unwrap()
}

/// The fixtures' report in `format` and `lang` (both agreements, found by the walk).
fn report(format: &str, lang: &str) -> String {
    let o = run(&[FIXTURES, "--format", format, "--lang", lang]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn agreement<'a>(doc: &'a Value, short: &str) -> &'a Value {
    doc["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["short_name"] == short || a["name"] == short)
        .unwrap_or_else(|| panic!("no agreement {short}"))
}

fn item<'a>(a: &'a Value, name: &str) -> &'a Value {
    a["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn known_coverage_of_the_fixtures() {
    let doc = json(&[FIXTURES]);
    assert_eq!(doc["format_version"], 1);
    // The agreements are found by the walk and are not read as guides.
    assert_eq!(doc["agreements"].as_array().unwrap().len(), 2);
    assert_eq!(doc["guides"], 7);
    assert_eq!(doc["skipped"].as_array().unwrap().len(), 0);

    let a = agreement(&doc, "四市");
    assert_eq!(a["published"], 4);
    assert_eq!(a["expected"], 12);
    assert_eq!(a["coverage"], 0.3333);
    assert_eq!(a["items_total"], 40);

    let goufang = item(a, "购房提取住房公积金");
    assert_eq!(goufang["published"], 2);
    assert_eq!(goufang["coverage"], 0.5);
    assert_eq!(strings(&goufang["missing"]), ["320700", "370800"]);
    assert_eq!(goufang["uniformity"], 0.6667);
    let cmp = &goufang["comparison"];
    assert_eq!(strings(&cmp["regions"]), ["320300", "411400"]);
    // 身份证 is 居民身份证 by the bundled document ontology, as in `tongban diff`.
    assert_eq!(
        strings(&cmp["common_core"]),
        ["商品房买卖合同", "居民身份证"]
    );
    let extras = cmp["regional_extras"].as_array().unwrap();
    assert_eq!(extras.len(), 1);
    assert_eq!(extras[0]["material"], "购房发票");
    assert_eq!(strings(&extras[0]["required_in"]), ["320300"]);
    let contract = cmp["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "商品房买卖合同")
        .unwrap();
    assert_eq!(strings(&contract["attribute_differences"]), ["original"]);

    let tuixiu = item(a, "正常退休提取住房公积金");
    assert_eq!(tuixiu["published"], 2);
    assert_eq!(tuixiu["uniformity"], 1.0);
    let conflicts = tuixiu["mode_conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["member"], "320300");
    assert_eq!(conflicts[0]["found"], "online: false");

    // The 邳州 guide does not count toward 徐州: this agreement says lower levels do not count.
    let shiye = item(a, "失业登记");
    assert_eq!(shiye["published"], 0);
    assert!(shiye.get("comparison").is_none());

    let members: Vec<(String, u64)> = a["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().to_owned(),
                m["published"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("320300".into(), 2),
            ("320700".into(), 1),
            ("411400".into(), 1),
            ("370800".into(), 0)
        ]
    );
}

#[test]
fn lower_level_guides_count_only_where_the_agreement_says_so() {
    let doc = json(&[FIXTURES, "--agreement", PROVINCES]);
    assert_eq!(doc["agreements"].as_array().unwrap().len(), 1);
    let a = agreement(&doc, "测试协议：三省通办");
    assert_eq!(a["coverage"], 0.6667);
    let shiye = item(a, "失业登记");
    let cells = shiye["members"].as_array().unwrap();
    // 江苏 through the 邳州 (320382) guide, 河南 by its own, 山东 not at all; the national
    // baseline (100000) counts for nobody.
    assert_eq!(cells[0]["via"], "320382");
    assert_eq!(
        cells[0]["guide"],
        "tests/fixtures/coverage/guides/pizhou-shiye.yaml"
    );
    assert!(cells[1].get("via").is_none());
    assert!(cells[2].get("guide").is_none());
    assert_eq!(strings(&shiye["missing"]), ["370000"]);
    assert_eq!(shiye["uniformity"], 1.0);
    let names: Vec<&str> = shiye["comparison"]["region_details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["江苏省（320382 邳州市）", "河南省"]);
}

#[test]
fn rules_point_into_the_agreement_and_the_guide() {
    let doc = json(&[FIXTURES, "--agreement", SISHENG]);
    let findings = doc["findings"].as_array().unwrap();
    let codes: Vec<(&str, &str, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("TB501", SISHENG, 13),
            ("TB501", SISHENG, 14),
            ("TB501", SISHENG, 15),
            (
                "TB502",
                "tests/fixtures/coverage/guides/xuzhou-tuixiu.yaml",
                10
            ),
        ]
    );
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("连云港市（320700）、济宁市（370800）"),
        "{}",
        findings[0]["message"]
    );
    assert_eq!(findings[3]["pointer"], "/handling/online");
    assert!(findings.iter().all(|f| f["severity"] == "warning"));
}

#[test]
fn rule_levels_from_the_config_apply() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tongban.toml");
    std::fs::write(
        &config,
        "[rules]\nagreed-item-not-published = \"off\"\nTB502 = \"error\"\n",
    )
    .unwrap();
    let o = tongban()
        .args(["--config", config.to_str().unwrap(), "coverage", FIXTURES])
        .args(["--agreement", SISHENG, "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("TB502", "error")]);
    // A rule raised to error fails the run, as in lint.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 个覆盖率问题为错误级别"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fail_under_is_a_percentage() {
    // 四市 33.3%, 三省 66.7%.
    let o = run(&[FIXTURES, "--fail-under", "50"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("四市 的覆盖率 33.3% 低于 --fail-under 50%"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("三省"), "{}", stderr(&o));
    let o = run(&[FIXTURES, "--fail-under", "33%"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[FIXTURES, "--fail-under", "150"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[FIXTURES, "--fail-under", "ninety"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_agreement_with_errors_exits_1_with_located_findings() {
    let o = run(&[FIXTURES, "--agreement", BROKEN, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    // No coverage from a broken agreement.
    assert_eq!(doc["agreements"].as_array().unwrap().len(), 0);
    let found: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["pointer"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&("TB105", "/members/2/code")), "{found:?}");
    assert!(found.contains(&("TB104", "/items/0/modes/0")), "{found:?}");
    let human = stdout(&run(&[FIXTURES, "--agreement", BROKEN]));
    assert!(human.contains("broken.yaml:6:12]"), "{human}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    // No agreement anywhere.
    let o = run(&["tests/fixtures/coverage/guides"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有协议文件"), "{}", stderr(&o));
    let o = run(&["tests/fixtures/coverage/guides", "--lang", "en"]);
    assert!(stderr(&o).contains("no agreement file"), "{}", stderr(&o));
    let o = run(&[FIXTURES, "--agreement", "tests/fixtures/coverage/nope.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["tests/fixtures/nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn lint_validates_agreements_with_their_own_schema() {
    let o = tongban()
        .args([
            "lint",
            "--format",
            "json",
            FIXTURES,
            "tests/fixtures/coverage-bad",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    // The broken agreement is reported against the agreement schema, the good ones not at all.
    let on = |p: &str| -> Vec<&str> {
        findings
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(p))
            .map(|f| f["code"].as_str().unwrap())
            .collect()
    };
    assert!(on("sisheng.yaml").is_empty(), "{findings:#?}");
    assert!(on("provinces.yaml").is_empty(), "{findings:#?}");
    let broken = on("broken.yaml");
    assert!(
        broken.contains(&"TB105") && broken.contains(&"TB104"),
        "{broken:?}"
    );
    // Never as a guide: no missing `item`, `region`, `department`, `materials`.
    assert!(!broken.contains(&"TB101"), "{broken:?}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bundled_agreements_are_valid_and_lint_stays_clean_of_them() {
    let o = run(&["catalogs", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let agreements = doc["agreements"].as_array().unwrap();
    assert_eq!(agreements.len(), 8);
    for a in agreements {
        // Every bundled agreement records its source and completeness.
        assert!(a["source"]["completeness"].is_string(), "{a}");
        assert!(
            a["source"]["url"].is_string() || a["source"]["document"].is_string(),
            "{a}"
        );
    }
    // No error findings on the agreement files themselves.
    for f in doc["findings"].as_array().unwrap() {
        assert_ne!(f["severity"], "error", "{f}");
    }
    let national = agreement(&doc, "国家清单");
    assert_eq!(national["items"].as_array().unwrap().len(), 22);
    // 失业登记: 芜湖 counts toward 安徽, 瑞安/柯城 toward 浙江, 吉首 toward 湖南, 洛龙区 toward 河南,
    // 榕城区 toward 广东.
    let shiye = item(national, "失业登记");
    assert_eq!(shiye["published"], 5);
    // 购房提取: 成都 → 四川, 西宁 → 青海, 天津, 大连 → 辽宁; two-place handling agreed.
    let goufang = item(national, "购房提取住房公积金");
    assert_eq!(goufang["published"], 4);
    assert_eq!(strings(&goufang["modes"]), ["两地联办"]);
    assert!(goufang["uniformity"].is_number());

    // `tongban lint catalogs` checks agreement files against their own schema: no finding on them.
    let o = tongban()
        .args(["lint", "--format", "json", "catalogs"])
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let lint: Value = serde_json::from_slice(&o.stdout).unwrap();
    let on_agreements: Vec<&Value> = lint["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().contains("agreements"))
        .filter(|f| f["severity"] != "info")
        .collect();
    assert!(on_agreements.is_empty(), "{on_agreements:#?}");
}

#[test]
fn the_xuzhou_question_in_one_command() {
    let o = run(&[
        "catalogs",
        "--agreement",
        "catalogs/agreements/huaihai-sisheng-bashi.yaml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("四省八市"), "{out}");
    assert!(out.contains("成员数：8"), "{out}");
    assert!(out.contains("事项：共 40 项，列出 1 项"), "{out}");
    assert!(out.contains("320300 徐州市"), "{out}");
}

// --- snapshots of every format -----------------------------------------------------------------

/// Every format in both languages: labels follow `--lang`, data stays as written.
#[test]
fn snapshot_every_format_in_both_languages() {
    for lang in ["zh", "en"] {
        for format in ["table", "markdown", "csv", "html"] {
            let out = report(format, lang);
            if format == "html" {
                // Self-contained: no external resource.
                for needle in ["src=\"http", "href=\"http", "@import", "url(http"] {
                    assert!(!out.contains(needle), "{needle}");
                }
            }
            insta::assert_snapshot!(format!("snapshot_{format}_{lang}"), out);
        }
    }
}

/// The workbook's cells and notes in both languages (its shared strings and sheets, unzipped).
#[test]
fn snapshot_xlsx_in_both_languages() {
    for lang in ["zh", "en"] {
        let o = run(&[FIXTURES, "--format", "xlsx", "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(
            format!("snapshot_xlsx_{lang}"),
            common::xlsx_cells(&o.stdout)
        );
    }
}

#[test]
fn snapshot_json() {
    let out = report("json", "zh");
    serde_json::from_str::<Value>(&out).unwrap();
    // The output as printed: key order is part of what readers see.
    insta::assert_snapshot!(out);
}

#[test]
fn xlsx_has_a_summary_one_sheet_per_agreement_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coverage.xlsx");
    let o = run(&[FIXTURES, "--format", "xlsx", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| {
        use std::io::Read;
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    for sheet in ["汇总", "四市", "测试协议：三省通办", "问题"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
    let strings = read("xl/sharedStrings.xml");
    for s in [
        "购房提取住房公积金：各成员指南比对",
        "已发布 经 320382",
        "TB502",
        "测试协议：四市通办",
    ] {
        assert!(strings.contains(s), "{s}");
    }
    // Not on a terminal without -o: fine (assert_cmd pipes stdout).
    let o = run(&[FIXTURES, "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.starts_with(b"PK"));
}

/// Regression: 覆盖率 was text (`66.7%`) and the findings' level English (`warning`) in a
/// Chinese workbook.
#[test]
fn xlsx_coverage_is_a_number_and_levels_speak_the_workbook_language() {
    for (lang, level, sheet) in [("zh", "警告", "问题"), ("en", "warning", "findings")] {
        let o = run(&[FIXTURES, "--format", "xlsx", "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let parts = common::xlsx_parts(&o.stdout);
        let styles = &parts["xl/styles.xml"];
        assert!(styles.contains("formatCode=\"0.0%\""), "{lang}: {styles}");
        // A share with its fraction: a number whose format shows the fraction as text.
        assert!(styles.contains("0.0% &quot;("), "{lang}: {styles}");
        let sheet1 = &parts["xl/worksheets/sheet1.xml"];
        assert!(sheet1.contains("<v>0.6667</v>"), "{lang}: {sheet1}");
        let cells = common::xlsx_cells(&o.stdout);
        let findings = &cells[cells.find(&format!("== {sheet}\n")).unwrap()..];
        let findings = &findings[..findings.find("== notes").unwrap_or(findings.len())];
        assert!(
            findings.contains(&format!(": {level}\n")),
            "{lang}: {findings}"
        );
        let other = if lang == "zh" { "warning" } else { "警告" };
        assert!(
            !findings.contains(&format!(": {other}\n")),
            "{lang}: {findings}"
        );
    }
}

#[test]
fn html_renders_in_headless_chromium() {
    if !common::chromium_or_notice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("coverage.html");
    let o = run(&[FIXTURES, "--format", "html", "-o", page.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dom = common::render_dom(&page, dir.path());
    assert!(dom.contains("data-sortable-ready=\"yes\""), "{dom}");
    // The agreements × members grid: one row per agreement, a cell per member it has.
    let grid = &dom[dom.find("id=\"grid\"").unwrap()..];
    let grid = &grid[..grid.find("</table>").unwrap()];
    let sisheng = &grid[grid.find("sisheng.yaml").unwrap()..];
    let sisheng = &sisheng[..sisheng.find("</tr>").unwrap()];
    assert!(
        sisheng.contains(
            "class=\"cell cov some\" data-sort=\"0.6667\" title=\"四市 — 320300 徐州市: 66.7%"
        ),
        "{sisheng}"
    );
    assert!(
        sisheng
            .contains("class=\"cell cov none\" data-sort=\"0\" title=\"四市 — 370800 济宁市: 0.0%"),
        "{sisheng}"
    );
    let provinces = &grid[grid.find("provinces.yaml").unwrap()..];
    let provinces = &provinces[..provinces.find("</tr>").unwrap()];
    assert!(
        provinces.contains("class=\"cell cov full\" data-sort=\"1\" title=\"测试协议：三省通办 — 320000 江苏省: 100.0%"),
        "{provinces}"
    );
    // The members' guides are compared with diff's heat map.
    assert!(dom.contains("class=\"heat sortable\""), "{dom}");
}
