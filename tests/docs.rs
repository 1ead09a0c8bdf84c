//! Generated documentation must match the code it is generated from.

/// docs/rules.md is `tongban rules --markdown`; a rule whose doc changed without regenerating
/// the file would leave users reading stale text.
#[test]
fn rules_md_is_up_to_date() {
    let expected = tongban::rules::docs::markdown();
    let path = "docs/rules.md";
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    if actual != expected {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &expected).unwrap();
            return;
        }
        panic!(
            "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md` \
             (or `UPDATE_DOCS=1 cargo test --test docs`)"
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
                if line.contains("shared/domain") || line.contains("../shared/") {
                    offenders.push(format!("{}:{}", entry.path().display(), i + 1));
                }
            }
        }
    }
    for file in ["README.md", "CONTRIBUTING.md"] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains("shared/domain"), "{file}");
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
