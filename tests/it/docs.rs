//! Generated documentation must match the code it is generated from, and what users read names
//! no file they do not have.

use crate::common;

use common::tongban;

/// docs/rules.md (English) and docs/rules.zh.md (Chinese) are `tongban rules --markdown` in each
/// language; a rule whose doc changed without regenerating them would leave users reading stale text.
#[test]
fn rules_md_is_up_to_date() {
    use tongban::diagnostic::Lang;
    for (lang, path) in [(Lang::En, "docs/rules.md"), (Lang::Zh, "docs/rules.zh.md")] {
        let expected = tongban::rules::docs::markdown(lang);
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        if actual != expected {
            if std::env::var_os("UPDATE_DOCS").is_some() {
                std::fs::write(path, &expected).unwrap();
                continue;
            }
            panic!(
                "{path} is stale: run `cargo run -- --lang {} rules --markdown > {path}` \
                 (or `UPDATE_DOCS=1 cargo test --test it docs::`)",
                if lang == Lang::En { "en" } else { "zh" }
            );
        }
    }
}

/// `tongban rule CODE` as users read it, in both languages: one doc per check holds both
/// languages' text and one example (TB201 plain; TB216 with its fix; TB002 and TB301 with words
/// around the example).
#[test]
fn rule_doc_in_both_languages() {
    for code in ["TB002", "TB201", "TB216", "TB301"] {
        let page = |lang: &str| {
            let out = tongban()
                .args(["--lang", lang, "rule", code])
                .output()
                .unwrap();
            assert!(out.status.success(), "tongban --lang {lang} rule {code}");
            common::stdout(&out)
        };
        insta::assert_snapshot!(
            format!("rule_{code}"),
            format!("{}----- en -----\n{}", page("zh"), page("en"))
        );
    }
}

/// Facts are cited by their public sources (document numbers, standards, URLs). A path under the
/// project's private notes (`shared/…`) means nothing to users, and some slipped into rule docs.
#[test]
fn no_file_cites_the_private_notes() {
    let mut offenders = Vec::new();
    for dir in ["src", "docs", "catalogs", "schemas", "examples"] {
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (i, line) in text.lines().enumerate() {
                if OUTSIDE.iter().any(|p| line.contains(p)) {
                    offenders.push(format!("{}:{}", entry.path().display(), i + 1));
                }
            }
        }
    }
    for file in ["README.md", "CONTRIBUTING.md"] {
        let text = std::fs::read_to_string(file).unwrap();
        offenders.extend(dangling(&text).into_iter().map(|d| format!("{file}: {d}")));
    }
    for entry in std::fs::read_dir("docs").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            offenders.extend(
                dangling(&text)
                    .into_iter()
                    .map(|d| format!("{}: {d}", path.display())),
            );
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// What marks a path outside the repository: the project's private notes, or a path on one
/// machine.
const OUTSIDE: [&str; 6] = ["shared/", "/work/", "/home/", "/Users/", "/root/", "C:\\"];

/// The places in `text` that name a file outside the repository, or a repository file (under
/// src/, docs/, schemas/, tests/) that does not exist. Code blocks are examples (a user's
/// `schemas/provincial.schema.json`), so only prose is held to the second.
fn dangling(text: &str) -> Vec<String> {
    let mut out: Vec<String> = OUTSIDE
        .iter()
        .filter(|p| text.contains(*p))
        .map(|p| format!("names `{p}…`"))
        .collect();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        for word in line.split(|c: char| c.is_whitespace() || "`()[]\"'，。；、：（）".contains(c))
        {
            let word = word.split('#').next().unwrap_or_default();
            let word = word.trim_end_matches(['.', ',', ';', ':']);
            if ["src/", "docs/", "schemas/", "tests/"]
                .iter()
                .any(|d| word.starts_with(d))
                // A pattern or a template (`rules__<CODE>-<name>.snap`) names no one file.
                && !word.contains(['*', '<', '{'])
                && !common::root().join(word).exists()
            {
                out.push(format!("names `{word}`, which is not in the repository"));
            }
        }
    }
    out
}

#[test]
fn the_dangling_path_check_finds_both_kinds() {
    assert_eq!(dangling("see ../shared/domain/README.md").len(), 1);
    assert_eq!(dangling("the table (`src/no_such_table.rs`)").len(), 1);
    assert!(dangling("the table (`src/data/regions.rs`), docs/rules.md.").is_empty());
}

/// `tongban rule CODE` of every check: the text a user reads offline must cite public sources
/// (document numbers, standards, URLs), never a file the user does not have.
#[test]
fn rule_docs_of_every_check_name_no_file_outside_the_repository() {
    let list = tongban().arg("rules").output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let codes: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        codes.len() > 50,
        "`tongban rules` lists every check: {list}"
    );
    let mut offenders = Vec::new();
    for code in codes {
        for lang in ["zh", "en"] {
            let out = tongban()
                .args(["--lang", lang, "rule", code])
                .output()
                .unwrap();
            assert!(out.status.success(), "tongban --lang {lang} rule {code}");
            let text = String::from_utf8(out.stdout).unwrap();
            offenders.extend(
                dangling(&text)
                    .into_iter()
                    .map(|d| format!("{code} ({lang}): {d}")),
            );
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// The help of every subcommand, in both languages.
#[test]
fn help_names_no_file_outside_the_repository() {
    let mut pages = vec![vec!["--help".to_owned()]];
    let help = String::from_utf8(
        tongban()
            .args(["--lang", "en", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let subcommands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(subcommands.iter().any(|s| s == "lint"), "{help}");
    pages.extend(
        subcommands
            .into_iter()
            .map(|s| vec![s, "--help".to_owned()]),
    );
    let mut offenders = Vec::new();
    for args in pages.iter().flat_map(|p| {
        ["zh", "en"].map(|lang| [vec!["--lang".to_owned(), lang.to_owned()], p.clone()].concat())
    }) {
        let out = tongban().args(&args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        offenders.extend(
            dangling(&text)
                .into_iter()
                .map(|d| format!("{args:?}: {d}")),
        );
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// A doc's example is what users copy from: its `## Example` gives the check's finding and its
/// `## Use instead` gives fewer (TB107's example once gave TB101, TB007's stayed under the
/// limit). Checks whose example cannot be one guide are listed with the reason.
#[test]
fn every_doc_example_gives_its_finding_and_the_fix_removes_it() {
    const NOT_ONE_GUIDE: &[(&str, &str)] = &[
        ("TB002", "bytes that are not UTF-8 cannot be shown"),
        ("TB003", "an invisible byte-order mark"),
        ("TB008", "129 levels are elided"),
        ("TB009", "a 200 MB file"),
        ("TB012", "a symbolic link"),
        ("TB014", "a control character"),
        ("TB107", "needs a custom schema (tests/it/lint_cli.rs)"),
        ("TB401", "the example is tongban.toml"),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let count = |code: &str, yaml: &str| -> usize {
        let path = tmp.path().join("example.yaml");
        std::fs::write(&path, yaml).unwrap();
        common::lint(&[path.to_str().unwrap()], tongban::diagnostic::Lang::En)
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.code == code)
            .count()
    };
    let mut wrong = Vec::new();
    for c in tongban::rules::registry() {
        // Cross-region rules compare several guides, agreement checks read agreements: their
        // fixtures are several files (tests/it/rules.rs, tests/it/coverage.rs).
        if c.code.starts_with("TB3")
            || c.code.starts_with("TB5")
            || NOT_ONE_GUIDE.iter().any(|(code, _)| *code == c.code)
        {
            continue;
        }
        let Some(example) = c.doc.example.yaml_text() else {
            continue;
        };
        let before = count(c.code, example);
        let after = c.doc.instead.yaml_text().map_or(0, |y| count(c.code, y));
        if before == 0 || after >= before {
            wrong.push(format!(
                "{}: Example gives {before}, Use instead {after}",
                c.code
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
