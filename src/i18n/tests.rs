//! The catalogs agree: both parse, hold the same ids, attributes and arguments, and hold every
//! id the code names.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// `id` or `id.attr` → (the arguments its text shows, the arguments it only selects on).
fn entries(text: &str) -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> {
    let mut out: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    let mut current = String::new();
    let mut id = String::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim_start();
        if !line.starts_with(' ') {
            let (name, _) = line.split_once(" =").expect(line);
            id = name.to_owned();
            current = id.clone();
        } else if let Some(attr) = trimmed.strip_prefix('.') {
            let (name, _) = attr.split_once(" =").expect(line);
            current = format!("{id}.{name}");
        }
        let (shown, selected) = out.entry(current.clone()).or_default();
        let mut rest = line;
        while let Some(i) = rest.find("{ $") {
            let after = &rest[i + 3..];
            let end = after.find([' ', '}']).unwrap_or(after.len());
            let name = after[..end].to_owned();
            if after[end..].starts_with(" ->") {
                selected.insert(name);
            } else {
                shown.insert(name);
            }
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn catalogs_parse() {
    for (name, text) in [("zh", ZH), ("en", EN)] {
        if let Err((_, errors)) = FluentResource::try_new(text.to_owned()) {
            panic!("{name}.ftl: {errors:?}");
        }
    }
}

#[test]
fn catalogs_hold_the_same_messages_with_the_same_arguments() {
    let zh = entries(ZH);
    let en = entries(EN);
    // `--help` texts: English is the derive's doc comments (src/cli.rs); `cli::tests` checks
    // that every one has a Chinese text.
    let help = |k: &str| ["cmd-", "arg-", "pv-"].iter().any(|p| k.starts_with(p));
    let only_zh: Vec<_> = zh
        .keys()
        .filter(|k| !en.contains_key(*k) && !help(k))
        .collect();
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "only in zh.ftl: {only_zh:?}");
    assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
    // What one language shows, the other receives (shows, or selects a plural on).
    for (id, (shown, selected)) in zh.iter().filter(|(k, _)| !help(k)) {
        let (en_shown, en_selected) = &en[id];
        for v in shown.difference(en_shown) {
            assert!(en_selected.contains(v), "{id}: `${v}` is in zh.ftl only");
        }
        for v in en_shown.difference(shown) {
            assert!(selected.contains(v), "{id}: `${v}` is in en.ftl only");
        }
    }
}

#[test]
fn ids_are_unique() {
    for (name, text) in [("zh", ZH), ("en", EN)] {
        let mut seen = BTreeSet::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with([' ', '#']) && !l.is_empty())
        {
            let id = line.split_once(" =").expect(line).0;
            assert!(seen.insert(id), "{name}.ftl: `{id}` twice");
        }
    }
}

/// Every `tr!(lang, "id"…)` in `src/` names a message of both catalogs.
#[test]
fn every_id_used_is_in_the_catalogs() {
    let zh = entries(ZH);
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("i18n/tests.rs") {
                files.push(p);
            }
        }
    }
    let mut used = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("tr!(") {
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let before = &text[line_start..i];
            // `include_str!(`, and examples in comments, are not lookups.
            if before.ends_with(|c: char| c.is_alphanumeric() || c == '_')
                || before.trim_start().starts_with("//")
            {
                continue;
            }
            let rest = &text[i + 4..];
            let Some(q) = rest.find('"') else { continue };
            // The id is the second argument: a literal after the language.
            if rest[..q].contains([')', ';']) {
                continue;
            }
            let id = &rest[q + 1..];
            let id = &id[..id.find('"').unwrap()];
            used += 1;
            assert!(
                zh.contains_key(id),
                "{}: `{id}` is in no catalog",
                file.display()
            );
        }
    }
    assert!(used > 0, "found only {used} uses of tr!");
}

#[test]
fn arguments_are_filled_in_without_isolation_marks() {
    let s = tr!(
        Lang::Zh,
        "error-write",
        path = "out.html",
        message = "磁盘已满"
    );
    assert_eq!(s, "无法写入 out.html：磁盘已满");
    assert_eq!(text(Lang::En, "no-such-id", None), "no-such-id");
    assert_eq!(tr!(Lang::En, "error-config.label"), "here");
}

#[test]
fn os_errors_are_explained_in_the_run_language() {
    let e = std::io::Error::from(std::io::ErrorKind::NotFound);
    assert_eq!(io_error(&e, Lang::Zh), "文件或文件夹不存在");
    assert_eq!(io_error(&e, Lang::En), "no such file or folder");
    let raw = std::io::Error::from_raw_os_error(2);
    let message = format!("cannot open x.yaml: {raw}");
    assert_eq!(
        explain_os_errors(&message, Lang::Zh),
        "cannot open x.yaml: 文件或文件夹不存在"
    );
    assert_eq!(
        explain_os_errors("no error here", Lang::Zh),
        "no error here"
    );
}
