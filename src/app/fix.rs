//! `tongban lint --fix` / `--diff` on files: read each guide, fix its text to a fixed point,
//! then write it atomically (a temporary file in the same folder, renamed over the original,
//! with the original's permissions) or render a unified diff. A symlink is fixed only when its
//! target lies inside the folder walked; a file that is not UTF-8 is never rewritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::settings::{Lint, Settings};
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::i18n::tr;
use crate::input::{self, Input, Walked};
use crate::lint::{Session, fix_text};
use crate::progress::Progress;

/// What happened to one file.
#[derive(Debug, Default)]
pub(super) struct FileFix {
    /// The file as shown.
    pub name: String,
    /// Fixes applied (or, with `--diff`, that would be).
    pub fixed: usize,
    /// A unified diff of the change (`--diff` only).
    pub diff: Option<String>,
    /// Why the file was left alone, when it was despite having fixes or problems.
    pub note: Option<String>,
}

/// Counts over a `--fix` run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Totals {
    /// Fixes applied (or available, with `--diff`).
    pub fixed: usize,
    /// Files changed (or that would be).
    pub files: usize,
}

/// How the files are to be fixed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mode {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Write the files (`--fix`); otherwise render diffs (`--diff`).
    pub write: bool,
}

/// Fixes every guide under `paths` (walked as `lint` walks them), in parallel; diffs go to `out`
/// in walk order. Returns the totals and a note for each file left alone.
pub(super) fn run(
    paths: &[PathBuf],
    session: &Session,
    mode: Mode,
    jobs: usize,
    out: &mut dyn Write,
) -> Result<(Totals, Vec<String>), Error> {
    let pool = input::pool(jobs)?;
    let mut totals = Totals::default();
    let mut notes = Vec::new();
    for root in paths {
        let walk = input::walk(std::slice::from_ref(root), &session.config, session.lang)?;
        let tree = tree_root(root);
        input::for_each_chunk(
            walk,
            &pool,
            &mut Progress::hidden(),
            |w| match w {
                Walked::File(input) => Some(fix_file(&input, tree.as_deref(), session, mode)),
                Walked::Problem(_) => None,
            },
            |r| {
                let Some(r) = r else { return Ok(()) };
                if r.fixed > 0 {
                    totals.fixed += r.fixed;
                    totals.files += 1;
                }
                if let Some(d) = &r.diff {
                    out.write_all(d.as_bytes())?;
                }
                if let Some(n) = r.note {
                    notes.push(format!("note: {}: {n}", r.name));
                }
                Ok(())
            },
        )?;
    }
    Ok((totals, notes))
}

/// The folder a symlink's target must stay in: the folder given, or a file's own folder.
fn tree_root(root: &Path) -> Option<PathBuf> {
    let dir = if root.is_dir() {
        root.to_path_buf()
    } else {
        match root.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    std::fs::canonicalize(dir).ok()
}

/// Fixes one file (or renders its diff). Never panics; a problem becomes a note.
pub(super) fn fix_file(
    input: &Input,
    tree: Option<&Path>,
    session: &Session,
    mode: Mode,
) -> FileFix {
    let lang = session.lang;
    let mut result = FileFix {
        name: input.name.clone(),
        ..FileFix::default()
    };
    let target = match resolve(&input.path, tree, lang) {
        Ok(t) => t,
        Err(note) => {
            result.note = Some(note);
            return result;
        }
    };
    let meta = match std::fs::metadata(&target) {
        Ok(m) if m.is_file() && m.len() <= session.limits.max_file_size => m,
        // Not a regular file, too large, unreadable: `lint` reports it.
        _ => return result,
    };
    let Ok(bytes) = std::fs::read(&target) else {
        return result;
    };
    // The whole text, a byte-order mark included: `fix_text` edits it where the spans say.
    let Ok(text) = std::str::from_utf8(&bytes) else {
        result.note = Some(tr!(lang, "fix-not-utf8"));
        return result;
    };
    let fixed = fix_text(&input.path, &input.name, text, session, mode.unsafe_fixes);
    if fixed.refused {
        result.note = Some(tr!(lang, "fix-did-not-verify"));
        return result;
    }
    if fixed.fixed == 0 {
        return result;
    }
    result.fixed = fixed.fixed;
    if !mode.write {
        result.diff = Some(unified_diff(&input.name, text, &fixed.text));
        return result;
    }
    if let Err(e) = write_atomically(&target, fixed.text.as_bytes(), &meta, lang) {
        result.fixed = 0;
        result.note = Some(tr!(lang, "fix-not-written", reason = e));
    }
    result
}

/// A unified diff `patch` and `git apply` take: lines end at `\n` only (as they read them), so a
/// CR-only file is one line, and a last line without `\n` carries the "No newline" marker.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    use std::fmt::Write as _;
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = similar::TextDiff::from_slices(&old_lines, &new_lines);
    let mut out = format!("--- {name}\n+++ {name}\n");
    for group in diff.grouped_ops(2) {
        let _ = writeln!(out, "{}", similar::udiff::UnifiedHunkHeader::new(&group));
        for op in &group {
            for change in diff.iter_changes(op) {
                out.push(match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                });
                let line: &str = change.value();
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// The file to read and write: the path with every symlink resolved (its own, or a linked
/// folder's on the way), when that lies inside `tree`. A link out of the tree is never followed
/// for writing; writing through the link's target keeps the link a link.
fn resolve(path: &Path, tree: Option<&Path>, lang: Lang) -> Result<PathBuf, String> {
    let target = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    match tree {
        Some(tree) if target.starts_with(tree) => Ok(target),
        _ => Err(tr!(
            lang,
            "fix-link-outside",
            target = target.display().to_string()
        )),
    }
}

/// Replaces `target` with `bytes` atomically (`crate::atomic`: mode and owner kept; a
/// read-only file, a file with other hard links or another user's file is refused). Refuses
/// when the file changed since it was read.
fn write_atomically(
    target: &Path,
    bytes: &[u8],
    read: &std::fs::Metadata,
    lang: Lang,
) -> Result<(), String> {
    let mut file = crate::atomic::Atomic::create(target, lang)?;
    file.write_all(bytes).map_err(|e| e.to_string())?;
    let now = std::fs::metadata(target).map_err(|e| e.to_string())?;
    if now.len() != read.len() || now.modified().ok() != read.modified().ok() {
        return Err(tr!(lang, "fix-changed-meanwhile"));
    }
    file.commit().map_err(|e| e.to_string())
}

/// `tongban lint --fix` / `--diff`: fix the files (or print the diff), then, with `--fix`,
/// lint them again, with the same session, to report what is left.
pub(super) fn command(
    lint: Lint,
    s: &Settings<'_>,
    out: &mut dyn Write,
) -> Result<super::Outcome, Error> {
    let (lang, style) = (s.lang, s.style);
    let mode = Mode {
        unsafe_fixes: lint.unsafe_fixes,
        write: !lint.diff,
    };
    let (totals, mut notes) = run(&lint.paths, &lint.session, mode, lint.jobs, out)?;
    if lint.diff {
        if !style.quiet && totals.fixed == 0 {
            notes.push(tr!(lang, "fix-nothing"));
        } else if !style.quiet {
            notes.push(tr!(
                lang,
                "fix-fixable",
                fixes = totals.fixed,
                files = totals.files
            ));
        }
        return Ok(super::Outcome {
            status: u8::from(totals.fixed > 0),
            notes,
        });
    }
    let (outcome, summary) = super::lint::command(lint, s, out)?;
    notes.extend(outcome.notes);
    if !style.quiet {
        let remaining = summary.errors + summary.warnings + summary.infos;
        notes.push(tr!(
            lang,
            "fix-fixed",
            fixes = totals.fixed,
            files = totals.files,
            remaining = remaining
        ));
    }
    Ok(super::Outcome {
        status: outcome.status,
        notes,
    })
}
