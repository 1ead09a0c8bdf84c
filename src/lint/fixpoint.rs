//! Fixing one text to a fixed point: lint, apply the fixes `--fix` takes, lint again; every
//! round is verified by re-reading its result before anything is kept.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::diagnostic::FileReport;
use crate::lint::fix::{applies, apply};
use crate::load;

use super::Session;

/// The result of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    /// The text after every round, in the input's coordinates (a byte-order mark kept).
    pub text: String,
    /// Fixes applied.
    pub fixed: usize,
    /// The findings of the fixed text (what is left to do by hand).
    pub remaining: FileReport,
    /// The fixes did not verify (the result no longer reads as the same data with the intended
    /// edits, or has a finding the input did not): `text` is the input, unchanged.
    pub refused: bool,
}

/// Most rounds of fixing one text; a fix that keeps producing new fixes is a bug, not a loop.
pub const MAX_ROUNDS: usize = 10;

/// One read of the text being fixed: its data and its findings.
struct Read {
    value: Option<Value>,
    report: FileReport,
}

/// Lints `text` as the file at `path`, applies the fixes `--fix` takes, and repeats until
/// nothing more is fixed (at most [`MAX_ROUNDS`]).
///
/// Edits are applied to the text the spans were computed on: `text` after one byte-order mark
/// (see [`load::text_start`]), whatever it holds (a second mark, CR-only or CRLF lines). Each
/// round's result is read again and kept only when it holds the same data but at the fixed
/// findings' nodes (a removed duplicate entry is gone) and no finding the round's input did not
/// have; otherwise the input is returned, `refused`.
pub fn fix_text(
    path: &Path,
    name: &str,
    text: &str,
    session: &Session,
    unsafe_fixes: bool,
) -> Fixed {
    let start = load::text_start(text.as_bytes());
    let (mark, body) = text.split_at(start);
    let read = |body: &str| {
        let mut bytes = String::with_capacity(mark.len() + body.len());
        bytes.push_str(mark);
        bytes.push_str(body);
        let loaded = load::load_bytes(
            name.to_owned(),
            bytes.as_bytes(),
            &session.limits,
            session.lang,
        );
        // The spans are offsets into exactly this text, or nothing can be edited by them.
        let coherent = loaded.source.text.as_ref() == body;
        let value = loaded.document.as_ref().map(|d| d.value.clone());
        let report = session.lint_loaded(path, loaded).0;
        (Read { value, report }, coherent)
    };
    let (first, coherent) = read(body);
    let refuse = |first: Read| Fixed {
        text: text.to_owned(),
        fixed: 0,
        remaining: first.report,
        refused: true,
    };
    let mut current = body.to_owned();
    if first.value.is_none() {
        return unchanged(text, first);
    }
    let mut now = Read {
        value: first.value.clone(),
        report: first.report.clone(),
    };
    let mut fixed = 0;
    for _ in 0..MAX_ROUNDS {
        let offered: Vec<_> = now
            .report
            .findings
            .iter()
            .filter(|f| f.fix.as_deref().is_some_and(|x| applies(x, unsafe_fixes)))
            .collect();
        let (next, n) = apply(&current, offered.iter().filter_map(|f| f.fix.as_deref()));
        if n == 0 || next == current {
            break;
        }
        if !coherent {
            return refuse(first);
        }
        let touched: Vec<&str> = offered.iter().map(|f| f.pointer.as_str()).collect();
        let (after, coherent_after) = read(&next);
        if !coherent_after || !verified(&now, &after, &touched) {
            return refuse(first);
        }
        fixed += n;
        current = next;
        now = after;
    }
    if fixed == 0 {
        return unchanged(text, first);
    }
    let mut out = String::with_capacity(mark.len() + current.len());
    out.push_str(mark);
    out.push_str(&current);
    Fixed {
        text: out,
        fixed,
        remaining: now.report,
        refused: false,
    }
}

fn unchanged(text: &str, first: Read) -> Fixed {
    Fixed {
        text: text.to_owned(),
        fixed: 0,
        remaining: first.report,
        refused: false,
    }
}

/// Whether a round's result is its input with only the intended edits: it parses, its data
/// equals the input's but at the fixed findings' nodes, it has no input problem (syntax,
/// duplicate key, …) the input did not, and every finding it has elsewhere than on a fixed node
/// (where a fix may reveal the next problem: a code made half-width has its length checked),
/// the input had too (by code and content-keyed pointer, counted).
fn verified(before: &Read, after: &Read, touched: &[&str]) -> bool {
    let (Some(a), Some(b)) = (&before.value, &after.value) else {
        return false;
    };
    if !same_but(a, b, &mut String::new(), touched) {
        return false;
    }
    let input_problems = |r: &FileReport| {
        r.findings
            .iter()
            .filter(|f| f.code.starts_with("TB0"))
            .count()
    };
    if input_problems(&after.report) > input_problems(&before.report) {
        return false;
    }
    let mut had: HashMap<(&str, &str), usize> = HashMap::new();
    for f in &before.report.findings {
        *had.entry((f.code, f.identity())).or_default() += 1;
    }
    let on_fixed = |p: &str| {
        touched
            .iter()
            .any(|t| p == *t || p.strip_prefix(t).is_some_and(|r| r.starts_with('/')))
    };
    after.report.findings.iter().all(|f| {
        on_fixed(&f.pointer)
            || had
                .get_mut(&(f.code, f.identity()))
                .and_then(|n| n.checked_sub(1).map(|left| *n = left))
                .is_some()
    })
}

/// Whether `b` equals `a` except at (and under) the `touched` pointers of `a`, where a value may
/// change and a list entry may be gone.
fn same_but(a: &Value, b: &Value, at: &mut String, touched: &[&str]) -> bool {
    if touched.contains(&at.as_str()) {
        return true;
    }
    let len = at.len();
    let result = match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    let Some(w) = y.get(k) else { return false };
                    at.truncate(len);
                    at.push('/');
                    at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    same_but(v, w, at, touched)
                })
        }
        (Value::Array(x), Value::Array(y)) => {
            // Entries of `x` a fix touched may be missing from `y` (a removed duplicate): which
            // ones is found by walking both lists, `can[r]` saying whether the entries so far
            // line up with `r` of them removed.
            let Some(slack) = x.len().checked_sub(y.len()) else {
                return false;
            };
            let mut can = vec![false; slack + 1];
            can[0] = true;
            for (i, v) in x.iter().enumerate() {
                at.truncate(len);
                at.push('/');
                at.push_str(&i.to_string());
                let entry = at.clone();
                let prefix = format!("{entry}/");
                let removable = touched
                    .iter()
                    .any(|t| *t == entry || t.starts_with(&prefix));
                let mut next = vec![false; slack + 1];
                for r in (0..=slack).filter(|&r| can[r] && r <= i) {
                    if y.get(i - r).is_some_and(|w| same_but(v, w, at, touched)) {
                        next[r] = true;
                    }
                    at.truncate(entry.len());
                    if removable && r < slack {
                        next[r + 1] = true;
                    }
                }
                can = next;
            }
            can[slack]
        }
        _ => a == b,
    };
    at.truncate(len);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn data_may_change_only_where_a_fix_was() {
        let a = json!({"region": {"code": 430000}, "materials": [{"name": "a"}, {"name": "a"}]});
        let quoted =
            json!({"region": {"code": "430000"}, "materials": [{"name": "a"}, {"name": "a"}]});
        assert!(same_but(&a, &quoted, &mut String::new(), &["/region/code"]));
        assert!(!same_but(
            &a,
            &quoted,
            &mut String::new(),
            &["/region/name"]
        ));
        let removed = json!({"region": {"code": 430000}, "materials": [{"name": "a"}]});
        assert!(same_but(
            &a,
            &removed,
            &mut String::new(),
            &["/materials/1/name"]
        ));
        assert!(!same_but(&a, &removed, &mut String::new(), &[]));
        let renamed =
            json!({"region": {"code": 430000}, "materials": [{"name": "a"}, {"name": "b"}]});
        assert!(!same_but(
            &a,
            &renamed,
            &mut String::new(),
            &["/materials/0/name"]
        ));
        // One entry's value changed and another removed in the same round.
        let three = json!([{"name": "a"}, {"name": "b"}, {"name": "b。"}, {"name": "c"}]);
        let fixed = json!([{"name": "《a》"}, {"name": "b"}, {"name": "c"}]);
        assert!(same_but(
            &three,
            &fixed,
            &mut String::new(),
            &["/0/name", "/2/name"]
        ));
        assert!(!same_but(
            &three,
            &fixed,
            &mut String::new(),
            &["/0/name", "/1/name"]
        ));
    }
}
