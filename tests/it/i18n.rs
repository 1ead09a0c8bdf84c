//! Chinese from the first keystroke: `--help`, clap's errors and tongban's own errors speak the
//! run's language. Under `--lang zh` no English word is left outside an allow-list (flags,
//! placeholders, format and product names, paths, codes, quoted input); under `--lang en` no
//! Chinese outside quoted data and the guide format's own terms. Snapshots show the first pages
//! an officer reads, in both languages.

use crate::common::{self, tongban};

/// Runs `tongban --lang LANG ARGS…`: (status, stdout, stderr).
fn run(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = tongban()
        .arg("--lang")
        .arg(lang)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        common::stdout(&out),
        common::stderr(&out),
    )
}

/// Every subcommand, as the English help lists them.
fn subcommands() -> Vec<String> {
    let (_, help, _) = run("en", &["--help"]);
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(names.len() > 8, "{help}");
    names
}

/// Command lines clap refuses, one per kind of error.
const CLAP_ERRORS: &[&[&str]] = &[
    &["lnt"],
    &["lint", "--bogus"],
    &["lint", "--fixx"],
    &["lint", "--format", "xml"],
    &["lint", "--format"],
    &["lint", "--max-file-size", "5parsec"],
    &["lint", "--max-file-size", "ten"],
    &["lint", "-o", "xml=out.xml"],
    &["lint", "-o", "sarif="],
    &["lint", "--quiet", "--quiet"],
    &["coverage", "--fail-under", "200"],
    &["coverage", "--fail-under", "many"],
    &["diff", "--fail-under", "2"],
    &["diff", "--regions", "310000,340000"],
    &["diff", "--item", "a", "--regions", "1,2", "--region", "3"],
    &["rule"],
    &["material"],
    &["help", "nope"],
    &["--colour", "never", "rules"],
];

/// tongban's own errors: inputs that are not there, names that are not there.
const TOOL_ERRORS: &[&[&str]] = &[
    &["lint", "no_such_folder"],
    &["diff", "catalogs", "--item", "生育登记x"],
    &["diff", "catalogs", "--region", "31000"],
    &[
        "diff",
        "catalogs",
        "--regions",
        "310000,340000,320000",
        "--item",
        "生育登记",
    ],
    &["rule", "NOPE"],
    &["--config", "no-such-tongban.toml", "lint"],
    &["coverage", "no_such_folder"],
    &["lint", "-", "tests/fixtures/lint"],
];

/// The English words a Chinese page may hold: names a user types or reads as names.
const ALLOWED_EN: &[&str] = &[
    // The program, subcommands, shells, formats, levels, values.
    "tongban",
    "lint",
    "schema",
    "diff",
    "coverage",
    "material",
    "rules",
    "rule",
    "config",
    "completions",
    "man",
    "server",
    "help",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "elvish",
    "PowerShell",
    "human",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab",
    "table",
    "markdown",
    "csv",
    "xlsx",
    "html",
    "text",
    "error",
    "warning",
    "never",
    "auto",
    "always",
    "zh",
    "en",
    "include",
    "exclude",
    // Products, standards and units.
    "JSON",
    "YAML",
    "Schema",
    "SARIF",
    "JUnit",
    "XML",
    "GitHub",
    "GitLab",
    "Actions",
    "Excel",
    "HTML",
    "Markdown",
    "LSP",
    "UTF-8",
    "UTF",
    "BOM",
    "roff",
    "KiB",
    "MiB",
    "GiB",
    "KB",
    "MB",
    "GB",
    "B",
];

/// The Chinese an English page may hold: the guide format's own terms, named as officers name
/// them, and `中文`, the name of the language.
const ALLOWED_ZH: &[&str] = &[
    "政务服务办事指南",
    "基本编码",
    "事项名称",
    "行政区划代码",
    "跨省通办",
    "非必要",
    "容缺后补",
    "必要",
    "中文",
];

/// Removes what is quoted: `code`, 'input', "input", 《title》, <PLACEHOLDER>, [PLACEHOLDER].
fn unquote(line: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in line.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '`' => close = Some('`'),
                '\'' => close = Some('\''),
                '"' => close = Some('"'),
                '《' => close = Some('》'),
                '<' => close = Some('>'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// Lines that are examples to type (`  tongban diff …`) are commands, not prose.
fn prose(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("tongban ") && !l.trim_start().starts_with("$ "))
}

/// English words outside the allow-list on a Chinese page.
fn english_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(text) {
        let line = unquote(line);
        for token in line.split(|c: char| !(c.is_ascii_alphanumeric() || "-_./*$=".contains(c))) {
            let word = token.trim_matches(|c: char| ".-".contains(c));
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            let is_name = word.starts_with('-') // a flag
                || token.starts_with('-')
                || word.contains(['/', '.', '_', '*', '$', '='])   // a path, a file, a glob
                || word.chars().all(|c| !c.is_ascii_lowercase())  // a PLACEHOLDER, a code
                || word.contains('-') // a kebab-case name: a rule, a man page, a format
                || word.starts_with(|c: char| c.is_ascii_digit()) // 10MiB
                || (word.starts_with("TB") && word[2..].starts_with(|c: char| c.is_ascii_digit()))
                || ALLOWED_EN.contains(&word);
            if letters >= 2 && !is_name {
                out.push(word.to_owned());
            }
        }
    }
    out
}

/// Chinese outside quoted data and the allowed terms on an English page.
fn chinese(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(text) {
        let mut line = unquote(line);
        for term in ALLOWED_ZH {
            line = line.replace(term, "");
        }
        if line
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "，。：；（）、？".contains(c))
        {
            out.push(line);
        }
    }
    out
}

/// Every page and error, in `lang`: (what was run, what it printed).
fn pages(lang: &str) -> Vec<(String, String)> {
    let mut runs: Vec<Vec<String>> = vec![
        vec!["--help".into()],
        vec!["-h".into()],
        vec!["help".into(), "lint".into()],
    ];
    for s in subcommands().into_iter().filter(|s| s != "help") {
        runs.push(vec![s.clone(), "--help".into()]);
        runs.push(vec![s, "-h".into()]);
    }
    let owned = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    runs.extend(CLAP_ERRORS.iter().map(|a| owned(a)));
    runs.extend(TOOL_ERRORS.iter().map(|a| owned(a)));
    runs.into_iter()
        .map(|args| {
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let (status, out, err) = run(lang, &refs);
            let is_help =
                args.iter().any(|a| a == "--help" || a == "-h") || args == ["help", "lint"];
            if is_help {
                assert_eq!(status, 0, "{args:?}: {err}");
            } else {
                assert_eq!(status, 2, "{args:?} should be refused (2): {out}{err}");
                assert!(!err.trim().is_empty(), "{args:?}: nothing on stderr");
            }
            (args.join(" "), format!("{out}{err}"))
        })
        .collect()
}

/// `--help`, clap's errors and tongban's errors were English (or began with `tongban::io`)
/// under the default Chinese.
#[test]
fn chinese_pages_hold_no_english() {
    let mut offenders = Vec::new();
    for (args, text) in pages("zh") {
        let words = english_words(&text);
        if !words.is_empty() {
            offenders.push(format!("tongban --lang zh {args}: {words:?}"));
        }
        assert!(
            !text.contains("tongban::"),
            "{args}: an internal code line\n{text}"
        );
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n\n"));
}

#[test]
fn english_pages_hold_no_chinese() {
    let mut offenders = Vec::new();
    for (args, text) in pages("en") {
        let lines = chinese(&text);
        if !lines.is_empty() {
            offenders.push(format!("tongban --lang en {args}: {lines:#?}"));
        }
        assert!(
            !text.contains("tongban::"),
            "{args}: an internal code line\n{text}"
        );
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n\n"));
}

/// The checker itself: it finds an English phrase on a Chinese page and Chinese on an English
/// one, and lets names through.
#[test]
fn the_language_checks_can_fail() {
    assert_eq!(english_words("错误：no such file"), ["no", "such", "file"]);
    assert!(
        english_words("用法：tongban lint [OPTIONS] --fail-on <LEVEL> `a b` 'x y' docs/diff.md")
            .is_empty()
    );
    assert_eq!(chinese("error: 无法读取").len(), 1);
    assert!(chinese("no guide of item `生育登记x`; 基本编码").is_empty());
}

/// `--lang` named after the subcommand, or only in the environment, still sets the help's
/// language: it is read before clap renders anything.
#[test]
fn lang_reaches_help_wherever_it_is_given() {
    let out = tongban()
        .args(["lint", "--help", "--lang", "en"])
        .output()
        .unwrap();
    assert!(common::stdout(&out).contains("Usage: tongban lint"));
    let out = tongban().args(["lint", "--help"]).output().unwrap();
    assert!(common::stdout(&out).contains("用法：tongban lint"));
    let out = tongban()
        .env("LANG", "en_US.UTF-8")
        .args(["lint", "--help"])
        .output()
        .unwrap();
    assert!(common::stdout(&out).contains("Usage: tongban lint"));
    let out = tongban()
        .env("LANG", "en_US.UTF-8")
        .args(["--lang", "zh", "lint", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("未知参数 '--bogus'"),
        "{}",
        common::stderr(&out)
    );
}

/// `diff --item 生育登记x` and `--region 31000` said only that nothing matched; `material --item`
/// with a typo read the names as in no item, silently.
#[test]
fn did_you_mean_an_item_or_a_region() {
    let (status, _, err) = run("zh", &["diff", "catalogs", "--item", "生育登记x"]);
    assert_eq!(status, 2);
    assert!(err.contains("您是否想写 `生育登记`？"), "{err}");
    let (_, _, err) = run("en", &["diff", "catalogs", "--item", "生育登记x"]);
    assert!(err.contains("did you mean `生育登记`?"), "{err}");
    let (_, _, err) = run("zh", &["diff", "catalogs", "--region", "31000"]);
    assert!(err.contains("您是否想写 `310000`？"), "{err}");
    let (_, _, err) = run("en", &["diff", "catalogs", "--region", "31000"]);
    assert!(err.contains("did you mean `310000`?"), "{err}");
    // Nothing near: the regions present, as before.
    let (_, _, err) = run("en", &["diff", "catalogs", "--region", "999999"]);
    assert!(err.contains("regions present: "), "{err}");
    // `material --item` takes any item; a typo of one the ontology scopes entries to is noted.
    let args = ["material", "--item", "合伙企业设立登帐", "出资确认书"];
    let (status, _, err) = run("zh", &args);
    assert_eq!(status, 0);
    assert!(err.contains("您是否想写 `合伙企业设立登记`？"), "{err}");
    let (_, _, err) = run("en", &args);
    assert!(err.contains("did you mean `合伙企业设立登记`?"), "{err}");
    let (_, _, err) = run("zh", &["material", "--item", "生育登记", "出资确认书"]);
    assert!(err.is_empty(), "{err}");
}

/// The first pages an officer reads, in both languages.
#[test]
fn snapshots() {
    for lang in ["zh", "en"] {
        for (name, args) in [
            ("help", &["--help"][..]),
            ("lint_help", &["lint", "--help"][..]),
            ("unknown_subcommand", &["lnt"][..]),
            ("unknown_argument", &["lint", "--fixx"][..]),
            ("invalid_value", &["lint", "--format", "xml"][..]),
            ("bad_size", &["lint", "--max-file-size", "5parsec"][..]),
            (
                "missing_required",
                &["diff", "--regions", "310000,340000"][..],
            ),
            ("no_such_path", &["lint", "no_such_folder"][..]),
            (
                "unknown_item",
                &["diff", "catalogs", "--item", "生育登记x"][..],
            ),
        ] {
            let (status, out, err) = run(lang, args);
            insta::assert_snapshot!(
                format!("{name}_{lang}"),
                format!(
                    "$ tongban --lang {lang} {}\nexit {status}\n{out}{err}",
                    args.join(" ")
                )
            );
        }
    }
}

/// A dangling symbolic link was reported as `无法读取: No such file or directory (os error 2)`
/// under `--lang zh`: the operating system's English in a Chinese finding.
#[cfg(unix)]
#[test]
fn os_errors_in_findings_are_explained_in_the_run_language() {
    let t = tempfile::TempDir::new().unwrap();
    std::os::unix::fs::symlink(t.path().join("gone.yaml"), t.path().join("a.yaml")).unwrap();
    for (lang, said, not) in [
        ("zh", "无法读取：文件或文件夹不存在", "No such file"),
        ("en", "cannot read: no such file or folder", "os error"),
    ] {
        let out = common::tongban_in(t.path())
            .args(["--lang", lang, "lint", "."])
            .output()
            .unwrap();
        let text = common::stdout(&out);
        assert!(text.contains(said), "{text}");
        assert!(!text.contains(not), "{text}");
    }
}

/// `tongban man` was English under zh: the help texts now come from the message catalog and the
/// sections clap does not write (EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES) are in the run's
/// language; clap_mangen's own headings (NAME, SYNOPSIS) stay as it writes them.
#[test]
fn man_pages_are_in_the_run_language() {
    let (code, zh, _) = run("zh", &["man", "lint"]);
    assert_eq!(code, 0);
    assert!(zh.contains("按国家模式和规则检查办事指南"), "{zh}");
    assert!(zh.contains("tongban 未能完成工作"), "{zh}");
    assert!(
        !zh.contains("Validate guides"),
        "English help in the zh page"
    );
    assert!(
        !zh.contains("could not do its job"),
        "English sections in the zh page"
    );
    let (code, en, _) = run("en", &["man"]);
    assert_eq!(code, 0);
    assert!(en.contains("could not do its job"), "{en}");
    assert!(
        !en.contains("未能完成工作") && !en.contains("检查并跨地区比较"),
        "{en}"
    );
}

/// The descriptions a shell shows beside completion candidates were English under zh: they
/// come from the same translated command as `--help`, in the language of the line's `--lang`,
/// else of the locale.
#[test]
fn completion_descriptions_are_in_the_run_language() {
    let complete = |lang_env: &str, line: &[&str]| {
        let out = tongban()
            .env("COMPLETE", "fish")
            .env_remove("LC_ALL")
            .env("LANG", lang_env)
            .arg("--")
            .arg("tongban")
            .args(line)
            .output()
            .unwrap();
        common::stdout(&out)
    };
    let zh = complete("zh_CN.UTF-8", &[""]);
    assert!(zh.contains("lint\t按国家模式和规则检查办事指南"), "{zh}");
    let en = complete("en_US.UTF-8", &[""]);
    assert!(en.contains("lint\tValidate guides"), "{en}");
    let by_flag = complete("en_US.UTF-8", &["--lang", "zh", ""]);
    assert!(by_flag.contains("按国家模式"), "{by_flag}");
}
