//! Fixes: the machinery that attaches the fixes rules offer to findings and applies them to text,
//! as edits on the source computed from the spans `load` produced, so comments, key order and
//! formatting survive (ruff's `Edit`/`Fix`). Which findings have a fix, and what it is, is each
//! rule's business (`Rule::fix`, gathered by `crate::rules::fix`); `fixpoint` verifies the result
//! by re-reading it. This module never reads or writes files (`app::fix` does) and never prints.

use crate::diagnostic::{Applicability, Edit, Finding, Fix};
use crate::rules::Context;

/// Attaches a fix to each finding that has one. Runs after the rules, before levels and
/// suppressions (a suppressed finding's fix goes with it).
pub(crate) fn attach(findings: &mut [Finding], cx: &Context<'_>) {
    for f in findings.iter_mut().filter(|f| f.fix.is_none()) {
        f.fix = crate::rules::fix(f, cx).map(Box::new);
    }
}

/// Applies the fixes' edits to `text`: each fix whole or not at all, skipping a fix that overlaps
/// one applied before it (the next round of [`fix_text`] picks it up). Returns the new text and
/// how many fixes were applied.
pub(crate) fn apply<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    fixes.sort_by_key(|f| (f.edits[0].range.start, f.edits[0].range.end));
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut last_end = 0;
    let mut last_insert: Option<usize> = None;
    for fix in fixes {
        let mut sorted: Vec<&Edit> = fix.edits.iter().collect();
        sorted.sort_by_key(|e| (e.range.start, e.range.end));
        let mut end = last_end;
        let mut ok = true;
        for e in &sorted {
            // Two insertions at one point would be ordered arbitrarily: keep the first.
            if e.range.start < end
                || e.range.end > text.len()
                || !text.is_char_boundary(e.range.start)
                || !text.is_char_boundary(e.range.end)
                || (e.range.is_empty() && last_insert == Some(e.range.start))
            {
                ok = false;
                break;
            }
            end = e.range.end;
        }
        if !ok || sorted.windows(2).any(|w| w[1].range.start < w[0].range.end) {
            continue;
        }
        last_end = end;
        last_insert = sorted
            .iter()
            .rev()
            .find(|e| e.range.is_empty())
            .map(|e| e.range.start);
        edits.extend(sorted);
        applied += 1;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Whether `--fix` applies this fix.
pub(crate) fn applies(fix: &Fix, unsafe_fixes: bool) -> bool {
    fix.applicability == Applicability::Safe || unsafe_fixes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixes are dispatched by the rule that made the finding (`Rule::fix`), not by matching code
    /// literals here: this file names no check code.
    #[test]
    fn no_check_code_is_named_here() {
        let text = include_str!("fix.rs").as_bytes();
        let named = text
            .windows(5)
            .any(|w| w[0] == b'T' && w[1] == b'B' && w[2..].iter().all(u8::is_ascii_digit));
        assert!(
            !named,
            "src/lint/fix.rs names a check code: dispatch by rule instead"
        );
    }

    fn edit(r: std::ops::Range<usize>, s: &str) -> Edit {
        Edit {
            range: r,
            replacement: s.into(),
        }
    }

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix {
            edits,
            applicability: Applicability::Safe,
            title: String::new(),
        }
    }

    #[test]
    fn apply_skips_overlapping_fixes_whole() {
        let a = fix(vec![edit(0..3, "ABC")]);
        let b = fix(vec![edit(2..4, "x"), edit(5..5, "!")]);
        let c = fix(vec![edit(4..4, "-")]);
        let (out, n) = apply("abcdefg", [&a, &b, &c]);
        assert_eq!((out.as_str(), n), ("ABCd-efg", 2));
    }

    #[test]
    fn apply_keeps_one_of_two_insertions_at_a_point() {
        let a = fix(vec![edit(1..1, "x")]);
        let b = fix(vec![edit(1..1, "y")]);
        assert_eq!(apply("ab", [&a, &b]), ("axb".to_owned(), 1));
    }
}
