//! The floor plan, enforced: the rooms of `src/` in layers, listed once, top to bottom. A module
//! may name its own room or a room in a layer below, never one above (`module-cycles` finds
//! circles; this finds an import that runs upward before it becomes one). docs/architecture.md
//! explains each room; a new room gets a line here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top to bottom; rooms in one layer may name each other.
const LAYERS: &[&[&str]] = &[
    // Entry points: the binary, the library's front door, the command line.
    &["main", "app", "cli"],
    // The editor: only it knows LSP.
    &["server"],
    // One lint session: what every front end lints with, and what a lint run applies after the
    // rules (configuration, suppressions, baselines, fixes, finding identities).
    &["lint"],
    // Printers and report writers: decide nothing about findings.
    &["report"],
    // Every check's declaration and its behaviour on one guide or across regions.
    &["rules"],
    // Guides → comparison values; nothing printed.
    &["compare"],
    // Bundled data, one shape each.
    &["data"],
    // The schema, and the walk and file kinds.
    &["schema", "input"],
    // Bytes → text → YAML → Document.
    &["load"],
    // Shared leaves.
    &[
        "diagnostic",
        "error",
        "i18n",
        "source",
        "progress",
        "atomic",
    ],
];

/// Names the crate root re-exports, by the room they come from.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("EXIT_TROUBLE", "error"),
    ("Env", "app"),
    ("Outcome", "app"),
    ("execute", "app"),
    ("main_args", "app"),
    ("main_process", "app"),
    ("run", "app"),
];

/// Upward imports known and owned by an open issue, each with why; the test fails when one is
/// gone, so the list only shrinks.
const KNOWN: &[(&str, &str, &str)] = &[];

fn layer_of(room: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&room))
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The room of a file: its first folder or file name under `src/` (`lib.rs` and `main.rs`:
/// `main`).
fn room_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    let first = first.trim_end_matches(".rs");
    match first {
        "lib" | "main" => "main".into(),
        other => other.into(),
    }
}

/// The code of a file without comments, string and char literals, and without its
/// `#[cfg(test)]` tail (tests may reach anywhere, as in `module-cycles`).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            i = end;
        } else if b[i] == b'r'
            && (b[i + 1..].starts_with(b"\"") || b[i + 1..].starts_with(b"#"))
            && !b
                .get(i.wrapping_sub(1))
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == b'#' {
                hashes += 1;
                j += 1;
            }
            if j < b.len() && b[j] == b'"' {
                let close = format!("\"{}", "#".repeat(hashes));
                i = text[j + 1..]
                    .find(&close)
                    .map_or(b.len(), |e| j + 1 + e + close.len());
            } else {
                out.push('r');
                i += 1;
            }
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            i = text[i + 2..].find('\'').map_or(b.len(), |e| i + 2 + e + 1);
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The crate-root names a file's code reaches: `crate::x…` and each top-level entry of
/// `crate::{x, y::…}`.
fn named_rooms(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut entry = String::new();
            let mut entries = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => entries.push(std::mem::take(&mut entry)),
                    _ if depth == 1 => entry.push(c),
                    _ => {}
                }
            }
            entries.push(entry);
            for e in entries {
                let name: String = e
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every room of `src/` and every crate-root name a module reaches: `(from room, to room)` →
/// an example file.
fn edges() -> BTreeMap<(String, String), String> {
    let src = src();
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    files.sort();
    let mut edges = BTreeMap::new();
    for f in files {
        let from = room_of(&src, &f);
        let text = std::fs::read_to_string(&f).unwrap();
        for name in named_rooms(&code(&text)) {
            let to = ROOT_REEXPORTS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(name.clone(), |(_, r)| (*r).to_owned());
            if to != from {
                let shown = f.strip_prefix(&src).unwrap().display().to_string();
                edges.entry((from.clone(), to)).or_insert(shown);
            }
        }
    }
    edges
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let mut upward = Vec::new();
    let mut seen_known = BTreeSet::new();
    for ((from, to), file) in edges() {
        let (Some(a), Some(b)) = (layer_of(&from), layer_of(&to)) else {
            continue;
        };
        if b < a {
            if KNOWN.iter().any(|(f, t, _)| *f == from && *t == to) {
                seen_known.insert((from, to));
            } else {
                upward.push(format!(
                    "src/{file}: `{from}` names `{to}`, a layer above it"
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports running upward:\n{}",
        upward.join("\n")
    );
    let stale: Vec<_> = KNOWN
        .iter()
        .filter(|(f, t, _)| !seen_known.contains(&((*f).to_owned(), (*t).to_owned())))
        .map(|(f, t, _)| format!("{f} → {t}"))
        .collect();
    assert!(
        stale.is_empty(),
        "known upward imports that are gone (remove them from KNOWN): {stale:?}"
    );
}

#[test]
fn every_room_has_a_layer() {
    let src = src();
    let mut rooms = BTreeSet::new();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let is_room = p.is_dir()
            && p.read_dir()
                .unwrap()
                .any(|f| f.unwrap().path().extension().is_some_and(|x| x == "rs"))
            || p.extension().is_some_and(|x| x == "rs");
        if is_room {
            rooms.insert(room_of(&src, &p));
        }
    }
    let missing: Vec<_> = rooms.iter().filter(|r| layer_of(r).is_none()).collect();
    assert!(
        missing.is_empty(),
        "rooms without a layer in tests/it/layers.rs (place them in LAYERS): {missing:?}"
    );
}

#[test]
fn the_scanner_sees_imports_and_skips_text() {
    let c =
        code("use crate::{a, b::{c, d}};\n// crate::x\nlet s = \"crate::y\";\nfoo(crate::e::f);\n");
    let names: Vec<_> = named_rooms(&c).into_iter().collect();
    assert_eq!(names, ["a", "b", "e"]);
}
