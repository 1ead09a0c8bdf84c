//! Fixing one text to a fixed point: lint, apply the fixes `--fix` takes, lint again.

use std::path::Path;

use crate::diagnostic::FileReport;
use crate::fix::{applies, apply};

use super::Session;

/// The result of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    /// The text after every round.
    pub text: String,
    /// Fixes applied.
    pub fixed: usize,
    /// The findings of the fixed text (what is left to do by hand).
    pub remaining: FileReport,
    /// The fixes made the text worse (it no longer parses): `text` is the input, unchanged.
    pub refused: bool,
}

/// Most rounds of fixing one text; a fix that keeps producing new fixes is a bug, not a loop.
pub const MAX_ROUNDS: usize = 10;

/// Lints `text` as the file at `path`, applies the fixes `--fix` takes, and repeats until
/// nothing more is fixed (at most [`MAX_ROUNDS`]). A result with more input problems than the
/// input (it no longer parses as YAML, a duplicate key appeared …) is refused and the input
/// returned.
pub fn fix_text(
    path: &Path,
    name: &str,
    text: &str,
    session: &Session,
    unsafe_fixes: bool,
) -> Fixed {
    let (first, _) = session.lint_text(path, name.to_owned(), text.as_bytes());
    let mut report = first.clone();
    let mut current = text.to_owned();
    let mut fixed = 0;
    for _ in 0..MAX_ROUNDS {
        let (next, n) = apply(
            &current,
            report
                .findings
                .iter()
                .filter_map(|f| f.fix.as_deref())
                .filter(|f| applies(f, unsafe_fixes)),
        );
        if n == 0 || next == current {
            break;
        }
        fixed += n;
        current = next;
        report = session
            .lint_text(path, name.to_owned(), current.as_bytes())
            .0;
    }
    // Input problems (syntax, duplicate keys, …) a fix introduced: the fixes broke the text.
    let input_problems = |r: &FileReport| {
        r.findings
            .iter()
            .filter(|f| f.code.starts_with("TB0"))
            .count()
    };
    if fixed > 0 && input_problems(&report) > input_problems(&first) {
        return Fixed {
            text: text.to_owned(),
            fixed: 0,
            remaining: first,
            refused: true,
        };
    }
    Fixed {
        text: current,
        fixed,
        remaining: report,
        refused: false,
    }
}
