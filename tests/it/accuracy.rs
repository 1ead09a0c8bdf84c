//! How often `tongban diff` agrees with an expert: the comparison of `catalogs/` scored against the
//! expert alignments in tests/data/diff-gold/ (what is counted: docs/accuracy.md). A test fails
//! when a figure falls below its floor, and when docs/accuracy.md does not show today's figures
//! (`UPDATE_DOCS=1 cargo test --test it accuracy::` rewrites it).

mod score;

use std::fmt::Write as _;
use std::sync::OnceLock;

use self::score::Score;
use crate::common;
use serde_json::Value;

// Floors: today's figures less a small margin. Raise them when a reading improves the figures;
// never lower one to let a change pass without saying why in its commit.

/// Catalog gold (the items of `catalogs/` that the readings were tuned on): macro pair F1.
const CATALOG_PAIR_F1: f64 = 0.95;
/// Catalog gold: mean Jaccard of the common core.
const CATALOG_CORE: f64 = 0.90;
/// Catalog gold: mean uniformity error (a ceiling: lower is better).
const CATALOG_UNI_ERR: f64 = 0.08;
/// Catalog gold: micro pair precision (the comparison must not merge what differs).
const CATALOG_PRECISION: f64 = 0.98;

/// Dev gold (社会保障卡申领, 工伤认定: items no reading was written for): macro pair F1.
const DEV_PAIR_F1: f64 = 0.89;
/// Dev gold: mean Jaccard of the common core.
const DEV_CORE: f64 = 0.95;
/// Dev gold: mean uniformity error (a ceiling).
const DEV_UNI_ERR: f64 = 0.06;
/// Dev gold: micro pair precision.
const DEV_PRECISION: f64 = 0.95;

const CATALOG_GOLD: &str = "tests/data/diff-gold/catalogs.yaml";
const DEV_GOLD: &str = "tests/data/diff-gold/dev.yaml";
const DOC: &str = "docs/accuracy.md";

/// `tongban diff --format json` over exactly the guides a gold file annotates (its `file:`
/// entries under catalogs/), run once per gold file. The catalogs grow with guides no expert
/// annotated; a partial guide added to an annotated item would move its core and uniformity
/// against a gold that never saw it, so the measurement keeps to the annotated set.
fn comparison(path: &'static str) -> &'static Value {
    static CATALOG: OnceLock<Value> = OnceLock::new();
    static DEV: OnceLock<Value> = OnceLock::new();
    let cell = if path == DEV_GOLD { &DEV } else { &CATALOG };
    cell.get_or_init(|| {
        let g = gold(path);
        let mut files: Vec<String> = g["items"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|item| item["guides"].as_array().into_iter().flatten())
            .filter_map(|guide| guide["file"].as_str())
            .map(|f| format!("catalogs/{f}"))
            .collect();
        files.sort();
        files.dedup();
        assert!(!files.is_empty(), "{path} names no guide file");
        let out = common::tongban()
            .arg("diff")
            .args(&files)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "tongban diff of the guides of {path} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    })
}

/// A gold file, read by tongban's own YAML loader.
fn gold(path: &str) -> Value {
    let bytes = std::fs::read(common::root().join(path)).unwrap();
    let loaded = tongban::load::load_bytes(
        path.into(),
        &bytes,
        &tongban::load::Limits::default(),
        tongban::diagnostic::Lang::En,
    );
    assert!(loaded.findings.is_empty(), "{path}: {:?}", loaded.findings);
    loaded.document.unwrap().value
}

fn scored(path: &'static str) -> Score {
    score::score(&gold(path), comparison(path))
}

/// Fails with every figure below its floor, and the table to see which item moved.
fn holds(name: &str, s: &Score, floors: (f64, f64, f64, f64)) {
    let (f1, core, uni_err, precision) = floors;
    let mut below = Vec::new();
    if s.pair_f1() < f1 {
        below.push(format!("pairF1 {:.3} < {f1}", s.pair_f1()));
    }
    if s.core() < core {
        below.push(format!("core {:.3} < {core}", s.core()));
    }
    if s.uni_err() > uni_err {
        below.push(format!("uniErr {:.3} > {uni_err}", s.uni_err()));
    }
    if s.micro().0 < precision {
        below.push(format!("precision {:.3} < {precision}", s.micro().0));
    }
    for it in &s.items {
        if !it.found {
            below.push(format!(
                "{}: not in the output of `tongban diff catalogs`",
                it.item
            ));
        }
    }
    assert!(below.is_empty(), "{name}: {below:?}\n{}", table(s));
}

#[test]
fn catalog_gold_holds_its_floors() {
    let floors = (
        CATALOG_PAIR_F1,
        CATALOG_CORE,
        CATALOG_UNI_ERR,
        CATALOG_PRECISION,
    );
    holds("catalog gold", &scored(CATALOG_GOLD), floors);
}

#[test]
fn dev_gold_holds_its_floors() {
    let floors = (DEV_PAIR_F1, DEV_CORE, DEV_UNI_ERR, DEV_PRECISION);
    holds("dev gold", &scored(DEV_GOLD), floors);
}

/// Every atom of the gold is a material of a guide in `catalogs/`, byte for byte: a guide edited
/// without its gold (or the reverse) would be scored on what nobody annotated.
#[test]
fn every_gold_atom_is_a_material_of_its_guide() {
    let mut missing = Vec::new();
    for path in [CATALOG_GOLD, DEV_GOLD] {
        for it in gold(path)["items"].as_array().unwrap() {
            let atoms = it["atoms"].as_array().unwrap();
            let mut written: Vec<(&Value, String)> = Vec::new();
            for g in it["guides"].as_array().unwrap() {
                let file = format!("catalogs/{}", g["file"].as_str().unwrap());
                for m in gold(&file)["materials"].as_array().into_iter().flatten() {
                    written.push((&g["code"], m["name"].as_str().unwrap_or_default().into()));
                }
            }
            for a in atoms {
                if !written
                    .iter()
                    .any(|(c, n)| *c == &a["region"] && a["material"] == n.as_str())
                {
                    missing.push(format!("{}: {} {}", it["item"], a["region"], a["material"]));
                }
            }
            for (code, n) in &written {
                if !atoms
                    .iter()
                    .any(|a| a["region"] == **code && a["material"] == n.as_str())
                {
                    missing.push(format!("{}: {code} not annotated: {n}", it["item"]));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// docs/accuracy.md shows the figures of the code beside it.
#[test]
fn accuracy_md_is_up_to_date() {
    let actual = std::fs::read_to_string(common::root().join(DOC)).unwrap();
    let (begin, end) = ("<!-- figures:begin -->\n", "<!-- figures:end -->");
    let (Some(b), Some(e)) = (actual.find(begin), actual.find(end)) else {
        panic!("{DOC} lacks the markers {begin:?} and {end:?}");
    };
    let expected = format!("{}{begin}{}{}", &actual[..b], figures(), &actual[e..]);
    if actual != expected {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(common::root().join(DOC), &expected).unwrap();
            return;
        }
        panic!("{DOC} is stale: run `UPDATE_DOCS=1 cargo test --test it accuracy::`");
    }
}

/// The generated part of docs/accuracy.md: per gold file, a table per item and the headline.
fn figures() -> String {
    let mut out = String::new();
    for (title, path) in [
        (
            "Catalog gold: items the readings were written for",
            CATALOG_GOLD,
        ),
        ("Dev gold: items no reading was written for", DEV_GOLD),
    ] {
        let s = scored(path);
        let (p, r) = s.micro();
        let _ = write!(
            out,
            "\n### {title}\n\n`{path}`: **pairF1 {:.2} · core {:.2} · uniErr {:.2}** \
             (micro precision {p:.2}, recall {r:.2})\n\n{}",
            s.pair_f1(),
            s.core(),
            s.uni_err(),
            table(&s)
        );
    }
    out.push('\n');
    out
}

fn table(s: &Score) -> String {
    let mut out = String::from(
        "| item | regions | atoms | pairs (gold / tongban / both) | precision | recall | F1 | core | uniformity (gold / tongban) | uniformity error | unplaced atoms |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for it in &s.items {
        let uni = it.uni_tongban.map_or("–".into(), |u| format!("{u:.2}"));
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} / {} / {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} / {uni} | {:.2} | {} |",
            it.item,
            if it.found { "" } else { " (missing)" },
            it.regions,
            it.atoms,
            it.tp + it.fn_,
            it.tp + it.fp,
            it.tp,
            it.precision(),
            it.recall(),
            it.f1(),
            it.core,
            it.uni_gold,
            it.uni_err(),
            it.unmapped,
        );
    }
    out
}
