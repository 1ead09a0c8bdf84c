//! The official JSON Schema Test Suite (draft 2020-12, vendored in
//! tests/data/json-schema-test-suite/), run as `tongban lint --schema FILE` sees it: every case's
//! schema is written to a file and compiled by the same loader (`Schema::from_file`, which reads
//! JSON as YAML); every instance is read as a guide is (`load::load_bytes`: JSON is YAML 1.2) and
//! checked with `Schema::check`. Asserted, for every case:
//!
//! - the schema is accepted (no exit 2): regression for issue 20, where TB014 refused schemas
//!   holding an escaped control character;
//! - the instance reads as the same data JSON gives, without an input finding;
//! - our verdict (no schema finding = valid) equals the suite's `valid`.
//!
//! Except the differences listed, each with its reason, in
//! tests/data/json-schema-test-suite/known-differences.toml. A listed difference that no longer
//! occurs fails the test too, so the list only shrinks: delete its entry.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use tongban::diagnostic::{Lang, Severity};
use tongban::load::{self, Limits};
use tongban::schema::Schema;

use crate::common;

const SUITE: &str = "tests/data/json-schema-test-suite";

/// How a case differs from the suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    /// The schema was refused (`tongban lint --schema` would exit 2); `test` is empty.
    Schema,
    /// The instance, read as YAML, is not the data JSON gives, or reading it gave an error.
    Reading,
    /// Our valid/invalid verdict is not the suite's.
    Verdict,
}

/// One entry of known-differences.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Known {
    file: String,
    group: String,
    #[serde(default)]
    test: String,
    kind: Kind,
    reason: String,
}

#[derive(Deserialize)]
struct KnownFile {
    difference: Vec<Known>,
}

#[derive(Deserialize)]
struct Group {
    description: String,
    schema: Value,
    tests: Vec<Test>,
}

#[derive(Deserialize)]
struct Test {
    description: String,
    data: Value,
    valid: bool,
}

type Key = (String, String, String, Kind);

/// Runs one file's groups; every difference goes into `found` with what was seen.
fn run_file(name: &str, groups: &[Group], dir: &Path, found: &mut BTreeMap<Key, String>) -> usize {
    let mut cases = 0;
    for (g, group) in groups.iter().enumerate() {
        let path = dir.join(format!(
            "{}-{g}.schema.json",
            name.trim_end_matches(".json")
        ));
        std::fs::write(&path, serde_json::to_string_pretty(&group.schema).unwrap()).unwrap();
        let key = |test: &str, kind| {
            (
                name.to_owned(),
                group.description.clone(),
                test.to_owned(),
                kind,
            )
        };
        let schema = match Schema::from_file(&path) {
            Ok(s) => s,
            Err(e) => {
                found.insert(key("", Kind::Schema), e.to_string());
                cases += group.tests.len();
                continue;
            }
        };
        for test in &group.tests {
            cases += 1;
            let text = serde_json::to_string(&test.data).unwrap();
            let loaded = load::load_bytes(
                "instance.yaml".into(),
                text.as_bytes(),
                &Limits::default(),
                Lang::En,
            );
            let errors: Vec<_> = loaded
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| format!("{} {}", f.code, f.message))
                .collect();
            let Some(doc) = loaded.document.as_ref() else {
                found.insert(key(&test.description, Kind::Reading), errors.join("; "));
                continue;
            };
            if !errors.is_empty() || doc.value != test.data {
                let seen = format!("{} read as {}", errors.join("; "), doc.value);
                found.insert(key(&test.description, Kind::Reading), seen);
            }
            let findings = schema.check(doc, &loaded.source, Lang::En);
            if findings.is_empty() != test.valid {
                let seen = match findings.first() {
                    Some(f) => format!("invalid: {} {}", f.code, f.message),
                    None => "valid".to_owned(),
                };
                found.insert(key(&test.description, Kind::Verdict), seen);
            }
        }
    }
    cases
}

/// Every case of the suite, as `tongban lint --schema` reads it, agrees with the suite but for
/// the listed differences; every listed difference still occurs.
#[test]
fn json_schema_test_suite_draft2020_12() {
    let root = common::root().join(SUITE);
    let known: KnownFile =
        toml::from_str(&std::fs::read_to_string(root.join("known-differences.toml")).unwrap())
            .unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let mut found = BTreeMap::new();
    let mut cases = 0;
    let mut files: Vec<_> = std::fs::read_dir(root.join("draft2020-12"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in &files {
        let groups: Vec<Group> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        cases += run_file(name, &groups, scratch.path(), &mut found);
    }
    assert!(cases > 1000, "only {cases} cases: is the suite there?");
    let mut report = String::new();
    let mut listed = BTreeMap::new();
    for k in &known.difference {
        assert!(!k.reason.trim().is_empty(), "no reason for {k:?}");
        let key = (k.file.clone(), k.group.clone(), k.test.clone(), k.kind);
        assert!(
            listed.insert(key.clone(), ()).is_none(),
            "listed twice: {k:?}"
        );
        if !found.contains_key(&key) {
            writeln!(
                report,
                "now agrees with the suite, delete its entry: {key:?}"
            )
            .unwrap();
        }
    }
    for (key, seen) in &found {
        if !listed.contains_key(key) {
            let (file, group, test, kind) = key;
            writeln!(
                report,
                "[[difference]]\nfile = {file:?}\ngroup = {group:?}\ntest = {test:?}\nkind = {:?}\nreason = \"\"  # seen: {}\n",
                format!("{kind:?}").to_lowercase(),
                seen.replace('\n', " ")
            )
            .unwrap();
        }
    }
    assert!(
        report.is_empty(),
        "{cases} cases, {} differences; not as listed in {SUITE}/known-differences.toml:\n{report}",
        found.len()
    );
}

/// A sample through the binary: for a few groups (issue 20's escaped controls among them),
/// `tongban lint --schema FILE --format json` over the group's instances (one process per group)
/// never exits 2, and the instances with a schema finding (TB1xx) are the suite's invalid ones.
#[test]
fn cli_sample_agrees_with_the_suite() {
    let samples = [
        ("required.json", "required with escaped characters"),
        ("properties.json", "properties with escaped characters"),
        ("enum.json", "enum with escaped characters"),
        ("const.json", "nul characters in strings"),
        ("ref.json", "escaped pointer ref"),
        (
            "unevaluatedProperties.json",
            "unevaluatedProperties with adjacent properties",
        ),
        ("anyOf.json", "anyOf complex types"),
        ("type.json", "integer type matches integers"),
    ];
    let root = common::root().join(SUITE).join("draft2020-12");
    for (file, description) in samples {
        let groups: Vec<Group> =
            serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
        let group = groups
            .iter()
            .find(|g| g.description == description)
            .unwrap_or_else(|| panic!("{file}: no group {description:?}"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("schema.json"), group.schema.to_string()).unwrap();
        let mut args = vec!["lint", "--format", "json", "--schema", "schema.json"];
        let names: Vec<String> = (0..group.tests.len())
            .map(|i| format!("case-{i:02}.yaml"))
            .collect();
        for (name, test) in names.iter().zip(&group.tests) {
            std::fs::write(dir.path().join(name), test.data.to_string()).unwrap();
        }
        args.extend(names.iter().map(String::as_str));
        let (code, out, err) = common::run_in(dir.path(), &args);
        assert!(
            code == 0 || code == 1,
            "{file} {description}: exit {code}\n{err}"
        );
        let out: Value = serde_json::from_str(&out).unwrap();
        for (name, test) in names.iter().zip(&group.tests) {
            let schema_findings = out["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["path"] == name.as_str())
                .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("TB1")))
                .count();
            assert_eq!(
                schema_findings == 0,
                test.valid,
                "{file} {description} / {}: {out}",
                test.description
            );
        }
    }
}

/// Keywords a hostile schema may hold, inserted into a suite schema's objects.
const HOSTILE: &[&str] = &[
    r#""pattern": "(a+)+$""#,
    r#""pattern": "\\p{Nope}""#,
    r#""pattern": "a{1000000}""#,
    r#""pattern": "(?<=a+)b""#,
    r#""minimum": 1e400"#,
    r#""multipleOf": 1e-320"#,
    r#""multipleOf": 0"#,
    r#""maxLength": 18446744073709551616"#,
    r#""minItems": -1"#,
    r#""enum": []"#,
    r##""$ref": "#""##,
    r##""$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/a"}}"##,
    r#""$ref": "file:///dev/zero""#,
    r#""$ref": "file:///""#,
    r#""$ref": "http://localhost:1/x""#,
    r#""$ref": "%%%""#,
    r##""$dynamicRef": "#x""##,
    r#""$schema": "http://example.com/none""#,
    r#""$id": "::::""#,
    r#""$id": "file:///dev/zero""#,
    r#""$anchor": """#,
    r#""format": "regex""#,
    r#""\u0000": {"type": "\u001b"}"#,
    r#""required": ["\ud800"]"#,
];

/// What a byte mutation may insert.
const BYTES: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "1e999", "-0", "\0",
    "\u{1b}", "\u{feff}", "# ", "&a ", "*a", "\n- ", "'", "中",
];

/// splitmix64, as tests/it/fuzz.rs.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One mutation of a schema's text: a hostile keyword in one of its objects, or a few bytes
/// inserted, deleted or repeated (at character boundaries).
fn mutate_schema(text: &str, seed: u64) -> String {
    let mut s = seed;
    let mut below = |n: usize| (next(&mut s) % n.max(1) as u64) as usize;
    let mut t = text.to_owned();
    for _ in 0..1 + below(3) {
        let cuts: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        let at = cuts[below(cuts.len())];
        match below(4) {
            0 => {
                let braces: Vec<usize> = t.match_indices('{').map(|(i, _)| i + 1).collect();
                if let Some(&i) = braces.get(below(braces.len())) {
                    let extra = HOSTILE[below(HOSTILE.len())];
                    let sep = if t[i..].trim_start().starts_with('}') {
                        ""
                    } else {
                        ","
                    };
                    t.insert_str(i, &format!("{extra}{sep}"));
                }
            }
            1 => t.insert_str(at, BYTES[below(BYTES.len())]),
            2 => {
                let end = cuts
                    [(cuts.iter().position(|&c| c == at).unwrap() + below(8)).min(cuts.len() - 1)];
                t.replace_range(at..end, "");
            }
            _ => {
                let end = cuts
                    [(cuts.iter().position(|&c| c == at).unwrap() + below(40)).min(cuts.len() - 1)];
                let piece = t[at..end].to_owned();
                t.insert_str(at, &piece);
            }
        }
    }
    t
}

/// Mutated suite schemas through `--schema`'s loader, and the group's instances through the
/// schema when it compiles: never a panic, never a hang (the run is timed). Seeded and
/// replayable: `TONGBAN_FUZZ_SCHEMAS=<count>` (default 150), `TONGBAN_FUZZ_SEED`; a failure
/// names its seed.
#[test]
fn mutated_suite_schemas_never_crash() {
    let count: u64 = std::env::var("TONGBAN_FUZZ_SCHEMAS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let base: u64 = std::env::var("TONGBAN_FUZZ_SEED")
        .ok()
        .and_then(|v| u64::from_str_radix(v.trim_start_matches("0x"), 16).ok())
        .unwrap_or(0x5c4e_2026_1207);
    let root = common::root().join(SUITE).join("draft2020-12");
    let mut groups = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let g: Vec<Group> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        groups.extend(g);
    }
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("schema.json");
    let mut state = base;
    let (mut compiled, start) = (0, std::time::Instant::now());
    for _ in 0..count {
        let seed = next(&mut state);
        let group = &groups[(seed % groups.len() as u64) as usize];
        let text = mutate_schema(&serde_json::to_string_pretty(&group.schema).unwrap(), seed);
        std::fs::write(&path, &text).unwrap();
        let case = std::time::Instant::now();
        let ran = std::panic::catch_unwind(|| {
            let Ok(schema) = Schema::from_file(&path) else {
                return false;
            };
            for test in &group.tests {
                let bytes = serde_json::to_vec(&test.data).unwrap();
                let loaded =
                    load::load_bytes("i.yaml".into(), &bytes, &Limits::default(), Lang::En);
                if let Some(doc) = &loaded.document {
                    let _ = schema.check(doc, &loaded.source, Lang::En);
                }
            }
            true
        });
        let took = case.elapsed();
        assert!(ran.is_ok(), "seed {seed:#x} panicked on:\n{text}");
        compiled += usize::from(ran.unwrap_or(false));
        assert!(
            took.as_secs() < 5,
            "seed {seed:#x} took {took:?} on:\n{text}"
        );
    }
    eprintln!(
        "{count} mutated schemas, {compiled} compiled, {:?}",
        start.elapsed()
    );
}
