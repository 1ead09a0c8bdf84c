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
