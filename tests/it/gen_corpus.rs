//! The synthetic corpus generator (examples/gen-corpus.rs): deterministic, and its manifest is
//! exactly what `tongban lint` reports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// `cargo test` builds examples next to the test binaries' folder.
fn generator() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let path = dir
        .join("examples")
        .join(format!("gen-corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} not built (run via cargo test)",
        path.display()
    );
    path
}

fn generate(out: &Path, n: usize, seed: u64) {
    let status = Command::new(generator())
        .args([
            "--guides",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
            "--invalid-rate",
            "0.2",
        ])
        .arg("--out")
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

fn read_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn same_seed_same_corpus() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    generate(a.path(), 120, 7);
    generate(b.path(), 120, 7);
    generate(c.path(), 120, 8);
    assert_eq!(read_tree(a.path()), read_tree(b.path()));
    assert_ne!(read_tree(a.path()), read_tree(c.path()));
}

#[test]
fn manifest_is_exactly_what_lint_reports() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 400, 2026);
    let manifest = std::fs::read_to_string(dir.path().join("manifest.tsv")).unwrap();
    let expected: BTreeMap<String, String> = manifest
        .lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_owned(), cols[2].to_owned())
        })
        .collect();
    assert!(
        expected.len() > 40,
        "20% of 400 should be invalid: {}",
        expected.len()
    );
    let out = assert_cmd::Command::cargo_bin("tongban")
        .unwrap()
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "--lang", "en", "."])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut reported: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in json["findings"].as_array().unwrap() {
        if f["severity"] != "error" {
            continue;
        }
        let path = f["path"]
            .as_str()
            .unwrap()
            .trim_start_matches("./")
            .to_owned();
        reported
            .entry(path)
            .or_default()
            .push(f["code"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        reported.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "files with errors must be exactly the manifest's invalid files"
    );
    for (path, code) in &expected {
        assert!(
            reported[path].contains(code),
            "{path}: expected {code}, got {:?}",
            reported[path]
        );
    }
    assert_eq!(json["summary"]["files"], 400);
}
