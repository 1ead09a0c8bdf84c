//! The lint run: walk the inputs, then lint each file through the [`Session`] (load → schema →
//! rules → config levels → suppressions), in parallel, handing each file's findings to a sink in a
//! deterministic (path) order; then the cross-region pass over the small per-guide summaries.
//! Nothing here prints.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::FileReport;
use crate::error::Error;
use crate::input::{Walked, contained, for_each_chunk, pool, test_panic};
use crate::progress::Progress;
use crate::rules::cross;

pub(crate) mod baseline;
pub mod config;
pub(crate) mod fix;
mod fixpoint;
pub(crate) mod identity;
mod session;
mod setup;
pub(crate) mod suppress;
mod tally;
pub use fixpoint::{Fixed, MAX_ROUNDS, fix_text};
pub use session::{BufferReport, Pending, Session, locate_loaded};
pub(crate) use setup::setup;
pub(crate) use tally::Tally;

/// Which pass of [`run`] a report comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The file's own findings (every file, once).
    First,
    /// More findings that add no file to the count: the cross-region findings of a file already
    /// reported in the first pass (or the configuration's own problems).
    Again,
    /// A YAML file that is not a guide, skipped (see [`Session::reads_as_guide`]): its report is
    /// empty and counts as no file linted.
    NotAGuide,
}

/// Lints everything a walk yields and feeds reports to `sink` in walk order, then runs the
/// cross-region rules over the small per-guide summaries and feeds the files they flag a second
/// time (`sink`'s flag says which pass a report comes from). Returns how many linted guides the
/// cross-region rules compared (those naming an item).
pub fn run(
    walk: impl Iterator<Item = Walked> + Send,
    session: &Session,
    jobs: usize,
    progress: &mut Progress,
    sink: impl FnMut(FileReport, Pass) -> Result<(), Error>,
) -> Result<usize, Error> {
    run_with_context(walk, None, session, jobs, progress, sink)
}

/// [`run`], with the cross-region rules also comparing the linted guides against the guides of
/// `context` (the whole catalog when only some files are named, as pre-commit does; read first by
/// [`Session::catalog`], with canonical paths). Context guides that were linted are skipped;
/// findings are reported in linted files only. Returns how many linted guides the cross-region
/// rules compared.
pub fn run_with_context(
    walk: impl Iterator<Item = Walked> + Send,
    context: Option<Vec<(PathBuf, cross::GuideSummary)>>,
    session: &Session,
    jobs: usize,
    progress: &mut Progress,
    mut sink: impl FnMut(FileReport, Pass) -> Result<(), Error>,
) -> Result<usize, Error> {
    let pool = pool(jobs)?;
    let mut guides = Vec::new();
    let mut interner = cross::Interner::default();
    for_each_chunk(
        walk,
        &pool,
        progress,
        |w| match w {
            Walked::File(input) => contained(
                &input.name,
                session.lang,
                || {
                    test_panic("TONGBAN_PANIC_ON", &input.name);
                    match session.lint_file(&input) {
                        Some((r, g)) => (r, g, Pass::First),
                        None => (FileReport::empty(input.name.clone()), None, Pass::NotAGuide),
                    }
                },
                |r| (r, None, Pass::First),
            ),
            Walked::Problem(report) => (report, None, Pass::First),
        },
        |(r, g, pass)| {
            guides.extend(g.map(|g| interner.intern(g)));
            sink(r, pass)
        },
    )?;
    let chunk_size = (jobs * 256).max(256);
    let reported = guides.len();
    if let Some(context) = context {
        let linted: std::collections::HashSet<PathBuf> = guides
            .iter()
            .filter_map(|g: &cross::GuideSummary| std::fs::canonicalize(&g.path).ok())
            .collect();
        guides.extend(
            context
                .into_iter()
                .filter(|(real, _)| !linted.contains(real))
                .map(|(_, g)| interner.intern(g)),
        );
    }
    drop(interner);
    progress.stage("progress-comparing", None);
    let mut pending = session.cross_region_reported(guides, reported);
    progress.stage("progress-locating", Some(pending.len()));
    while !pending.is_empty() {
        let rest = pending.split_off(pending.len().min(chunk_size));
        let chunk = std::mem::replace(&mut pending, rest);
        let reports: Vec<FileReport> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|p| {
                    let name = p.name().to_owned();
                    contained(&name, session.lang, || session.locate(p), |r| r)
                })
                .collect()
        });
        progress.inc(reports.len());
        for r in reports {
            sink(r, Pass::Again)?;
        }
    }
    Ok(reported)
}
