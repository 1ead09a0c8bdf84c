//! Schema v2 is a strict superset of v1: every guide v1 accepts, v2 accepts; and a schema that
//! `$ref`s v1 by its `$id` still gets the frozen v1, offline.

use crate::common;

use std::path::Path;

use tongban::diagnostic::Lang;
use tongban::load::{Limits, load_file};
use tongban::schema::Schema;

fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_guide_valid_under_v1_is_valid_under_v2() {
    let v1 =
        Schema::from_file(&common::root().join("schemas/service-guide-v1.schema.json")).unwrap();
    let v2 = Schema::national().unwrap();
    assert_eq!(
        v1.json()["$id"],
        "https://tongban.dev/schemas/service-guide/v1.json"
    );
    assert_eq!(
        v2.json()["$id"],
        "https://tongban.dev/schemas/service-guide/v2.json"
    );
    let mut checked = 0;
    for dir in ["catalogs", "tests/fixtures"] {
        for path in yaml_files(&common::root().join(dir)) {
            let l = load_file(
                &path,
                path.display().to_string(),
                &Limits::default(),
                Lang::En,
            );
            let Some(doc) = l.document else { continue };
            if !v1.check(&doc, &l.source, Lang::En).is_empty() {
                continue;
            }
            checked += 1;
            let v2_findings = v2.check(&doc, &l.source, Lang::En);
            assert!(
                v2_findings.is_empty(),
                "{} is valid under v1 but not under v2: {v2_findings:#?}",
                path.display()
            );
        }
    }
    // Every bundled guide of the v1 era and most fixtures: the test means nothing on a handful.
    assert!(checked > 80, "only {checked} v1-valid guides found");
}

#[test]
fn v1_is_frozen_and_resolves_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("v1-extension.schema.json");
    std::fs::write(
        &schema,
        r#"{"$schema": "https://json-schema.org/draft/2020-12/schema",
            "allOf": [{"$ref": "https://tongban.dev/schemas/service-guide/v1.json"}]}"#,
    )
    .unwrap();
    let guide = dir.path().join("guide.yaml");
    std::fs::write(
        &guide,
        "item: {name: 结婚登记, type: 行政确认}\nregion: {code: \"310000\", name: 上海市}\n\
         department: 上海市民政局\nmaterials:\n  - name: 居民身份证\n    originals: 1\n\
         source: {document: 测试样例, retrieved: \"2026-11-26\", completeness: partial}\n",
    )
    .unwrap();
    // Under v1 (by its $id, offline) the v2 element `originals` is unknown …
    let o = common::tongban()
        .args(["lint", "--format", "json", "--schema"])
        .arg(&schema)
        .arg(&guide)
        .output()
        .unwrap();
    let out = common::stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("\"TB102\"") && out.contains("originals"),
        "{out}"
    );
    // … and under the embedded v2 it is a known element.
    let o = common::tongban()
        .args(["lint", "--format", "json"])
        .arg(&guide)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", common::stdout(&o));
}

#[test]
fn every_new_element_has_a_chinese_title_and_description() {
    let v2 = Schema::national().unwrap();
    let mut missing = Vec::new();
    walk(v2.json(), "", &mut missing);
    assert!(missing.is_empty(), "{missing:#?}");

    fn walk(node: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
        let Some(map) = node.as_object() else { return };
        if let Some(props) = map.get("properties").and_then(|p| p.as_object()) {
            for (key, schema) in props {
                let here = format!("{at}/{key}");
                let has = |k: &str| {
                    schema
                        .get(k)
                        .and_then(|v| v.as_str())
                        .is_some_and(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                };
                if !has("title") || !has("description") {
                    missing.push(here.clone());
                }
                walk(schema, &here, missing);
            }
        }
        for (k, v) in map {
            if k != "properties" {
                walk(v, &format!("{at}/{k}"), missing);
            }
        }
    }
}
