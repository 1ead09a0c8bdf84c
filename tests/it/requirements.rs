//! Requirements, not wording: how `tongban diff` reads the bundled catalogs' material lists, and
//! `tongban material`. Each test names the reading a standards officer expects (issue 12).

use crate::common;

use common::{stderr, stdout, tongban};
use serde_json::Value;

/// The JSON comparison of one bundled item.
fn item(name: &str) -> Value {
    let o = tongban()
        .args(["diff", "catalogs", "--format", "json", "--item", name])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["format_version"], 2);
    doc["items"][0].clone()
}

/// The row holding `region`'s listed `material` (as written), with the piece it was read as.
fn row_of<'a>(item: &'a Value, region: &str, material: &str) -> Vec<&'a Value> {
    item["materials"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["parts"].as_array().unwrap().iter().any(|p| {
                p["material"] == material
                    && p["regions"].as_array().unwrap().contains(&region.into())
            })
        })
        .collect()
}

/// The one row holding both (region, material) wordings.
fn same_row(item: &Value, a: (&str, &str), b: (&str, &str)) -> bool {
    let ra = row_of(item, a.0, a.1);
    let rb = row_of(item, b.0, b.1);
    ra.iter().any(|x| rb.iter().any(|y| std::ptr::eq(*x, *y)))
}

fn complete_regions(item: &Value) -> Vec<String> {
    item["region_details"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["partial"] == false)
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn shengyu_couple_identity_is_one_requirement_in_every_complete_region() {
    let it = item("生育登记");
    let rows: Vec<&Value> = it["materials"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["name"] == "身份证明")
        .collect();
    assert_eq!(rows.len(), 1);
    let row = rows[0];
    let complete = complete_regions(&it);
    assert!(complete.len() >= 8, "{complete:?}");
    for r in &complete {
        assert_eq!(row["regions"][r], "required", "{r}");
    }
    assert!(
        it["common_core"]
            .as_array()
            .unwrap()
            .contains(&"身份证明".into())
    );
    // Ten ways of writing it, one row: the 统一名称 list keeps them.
    assert!(row["wordings"].as_array().unwrap().len() >= 6);
    // The national guidance's 身份证或户口簿 is an accepted set of that row.
    assert_eq!(
        row["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["regions"].as_array().unwrap().contains(&"100000".into()))
            .unwrap()["piece"],
        "夫妻双方身份证或户口簿"
    );
    assert!(
        row["attribute_differences"]
            .as_array()
            .unwrap()
            .contains(&"accepts".into())
    );
}

#[test]
fn shengyu_marriage_certificate_inside_a_compound_meets_the_stand_alone_one() {
    let it = item("生育登记");
    // 湖南 lists it inside 夫妻双方居民身份证、户口簿、结婚证等有效证件; 丹东 alone.
    assert!(same_row(
        &it,
        ("430000", "夫妻双方居民身份证、户口簿、结婚证等有效证件"),
        ("210600", "结婚证"),
    ));
    assert!(same_row(
        &it,
        ("411000", "夫妻双方身份证或户口本、结婚证等有效证件"),
        ("500111", "结婚证"),
    ));
}

#[test]
fn shengyu_household_register_in_addition_is_its_own_requirement_but_an_alternative_after_or() {
    let it = item("生育登记");
    // In addition to an ID card: its own row, with the stand-alone 户口簿 of 大足.
    let hukou = row_of(&it, "500111", "户口簿");
    assert_eq!(hukou.len(), 1);
    assert_eq!(hukou[0]["name"], "户口簿");
    assert!(same_row(
        &it,
        ("430000", "夫妻双方居民身份证、户口簿、结婚证等有效证件"),
        ("500111", "户口簿"),
    ));
    // The explanation says why it is a row of its own.
    let part = hukou[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["material"] == "夫妻双方居民身份证、户口簿、结婚证等有效证件")
        .unwrap();
    assert!(
        part["how"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["kind"] == "own_requirement" && h["requirement"] == "身份证明"),
        "{part}"
    );
    // Inside 身份证或户口本 it is an accepted alternative of the identity proof.
    assert_eq!(hukou[0]["regions"]["411000"], "absent");
    let id = row_of(&it, "411000", "夫妻双方身份证或户口本、结婚证等有效证件")
        .into_iter()
        .find(|r| r["name"] == "身份证明")
        .unwrap();
    assert_eq!(
        id["accepts"]["411000"],
        serde_json::json!(["居民身份证", "户口簿"])
    );
}

#[test]
fn goufang_id_card_wordings_are_one_requirement_and_the_spouses_is_another() {
    let it = item("购房提取住房公积金");
    assert!(same_row(
        &it,
        ("630100", "提取人身份证"),
        ("510100", "身份证")
    ));
    assert!(same_row(
        &it,
        ("630100", "提取人身份证"),
        ("120000", "提取人身份证及复印件"),
    ));
    assert!(!same_row(
        &it,
        ("120000", "配偶身份证及复印件"),
        ("120000", "提取人身份证及复印件"),
    ));
    // 及复印件 is the copy form, read as an attribute of the one requirement.
    let row = row_of(&it, "120000", "提取人身份证及复印件")[0];
    assert_eq!(row["attributes"]["120000"]["original"], "原件和复印件");
}

#[test]
fn goufang_bank_card_and_account_wordings_are_one_requirement() {
    let it = item("购房提取住房公积金");
    assert!(same_row(
        &it,
        ("630100", "提取人银行卡账号"),
        ("120000", "住房公积金龙卡或储蓄卡"),
    ));
    assert!(same_row(
        &it,
        ("630100", "提取人银行卡账号"),
        ("510100", "单位签章的《成都住房公积金提取证明》及银行卡"),
    ));
}

#[test]
fn neizi_company_application_forms_are_one_requirement() {
    let it = item("内资有限公司设立登记");
    assert!(same_row(
        &it,
        ("430000", "《公司登记（备案）申请书》"),
        (
            "440300",
            "公司董事长或者执行董事签署的《公司设立登记申请书》"
        ),
    ));
    assert!(same_row(
        &it,
        ("430000", "《公司登记（备案）申请书》"),
        ("211100", "《公司登记（备案）申请书》"),
    ));
}

#[test]
fn every_json_row_explains_how_each_region_reached_it() {
    let it = item("生育登记");
    for m in it["materials"].as_array().unwrap() {
        for p in m["parts"].as_array().unwrap() {
            assert!(!p["how"].as_array().unwrap().is_empty(), "{p}");
            assert!(p["piece"].is_string() && p["material"].is_string());
        }
    }
    let proposal = &it["proposal"];
    let names: Vec<&str> = proposal["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["requirement"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["身份证明", "结婚证", "生育登记表"]);
    // The baseline's wording is proposed for the identity proof.
    assert_eq!(proposal["materials"][0]["name"], "夫妻双方身份证或户口簿");
}

#[test]
fn material_command_reads_one_name_in_both_languages_and_json() {
    let name = "夫妻双方居民身份证、户口簿、结婚证等有效证件";
    let zh = tongban().args(["material", name]).output().unwrap();
    assert_eq!(zh.status.code(), Some(0));
    let text = stdout(&zh);
    assert!(text.contains("→ 3 项要求"), "{text}");
    assert!(text.contains("1. 身份证明 ← 夫妻双方居民身份证"), "{text}");
    assert!(text.contains("2. 户口簿 ← 户口簿"), "{text}");
    assert!(text.contains("3. 婚姻关系证明 ← 结婚证"), "{text}");
    assert!(text.contains("不明确"), "{text}");
    let en = tongban()
        .args(["--lang", "en", "material", name])
        .output()
        .unwrap();
    assert!(stdout(&en).contains("→ 3 requirements"), "{}", stdout(&en));
    let json = tongban()
        .args([
            "material",
            "--format",
            "json",
            "--item",
            "生育登记",
            "《广东省生育登记表》",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let p = &v["readings"][0]["pieces"][0];
    assert_eq!(p["requirement"], "§form");
    assert_eq!(p["qualifiers"]["place"], "广东省");
    assert!(
        p["how"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["kind"] == "item_form")
    );
}

/// Regression: a wording that names its holder and is its own requirement in the guide was shown
/// with the holder twice (合伙人的合伙人的主体资格证明或者自然人的身份证明).
#[test]
fn a_holder_named_in_the_wording_is_not_repeated() {
    let out = tongban()
        .args([
            "material",
            "--item",
            "合伙企业设立登记",
            "全体合伙人的主体资格证明",
            "合伙人的主体资格证明或者自然人的身份证明",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("合伙人的主体资格证明或者自然人的身份证明"),
        "{text}"
    );
    assert!(!text.contains("合伙人的合伙人的"), "{text}");
}

/// Regression: 本人及配偶身份证 (a 购房提取 guide, http://cnmeihang.com/shtml/20150618/143455680046086.html)
/// was read as the spouse's card only; the applicant's card was lost from the comparison.
#[test]
fn material_command_reads_persons_before_one_document_as_one_requirement_each() {
    let out = tongban()
        .args(["material", "本人及配偶身份证"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("→ 2 项要求"), "{text}");
    assert!(text.contains("1. 身份证明 ← 本人及配偶身份证"), "{text}");
    assert!(
        text.contains("2. 配偶的身份证明 ← 本人及配偶身份证"),
        "{text}"
    );
    assert!(text.contains("每人一项要求"), "{text}");
    let en = tongban()
        .args(["--lang", "en", "material", "本人及配偶身份证"])
        .output()
        .unwrap();
    assert!(
        stdout(&en).contains("one requirement each"),
        "{}",
        stdout(&en)
    );
}

/// Regression: once 法定代表人、董事、监事和经理的任职文件 became one requirement per person, the
/// proposal listed the whole compound wording four times (and four rewords per region): each
/// requirement is proposed under its own name, no wording twice.
#[test]
fn neizi_proposal_names_each_persons_requirement_once() {
    let item = item("内资有限公司设立登记");
    let names: Vec<&str> = item["proposal"]["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    for who in ["法定代表人", "董事", "监事"] {
        assert!(
            names.contains(&format!("{who}的任职文件").as_str()),
            "{names:?}"
        );
    }
    let hunan = item["proposal"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["region"] == "430000")
        .unwrap();
    // The form's title, and the shareholders' proof: 股东、发起人的… is one requirement with the
    // other regions' 股东的… (a company's 发起人 are its first 股东), so one wording is proposed.
    let rewords = hunan["reword"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(rewords.len() <= 2, "{hunan}");
    for r in rewords {
        let to = r["to"].as_str().unwrap();
        assert!(to.contains("申请书") || to.contains("股东"), "{hunan}");
    }
}
