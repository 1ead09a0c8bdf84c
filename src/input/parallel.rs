//! The parallel engine every command shares: a pool, and a walk mapped chunk by chunk in walk
//! order, with a panic on one file contained as that file's `internal-error` report.

use super::*;

/// A panic's message, from its payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// The report of a file whose checking panicked: one `internal-error` finding (contained per
/// file, as ruff does: the other files are still checked and the output stays well formed).
pub fn internal_error(
    name: String,
    payload: &(dyn std::any::Any + Send),
    lang: Lang,
) -> FileReport {
    let what = panic_message(payload);
    FileReport {
        source: Source::new(name, ""),
        findings: vec![
            Finding::new(
                dx::INTERNAL_ERROR,
                match lang {
                    Lang::Zh => format!("tongban 内部错误：检查此文件时崩溃（{what}）"),
                    Lang::En => format!("internal error: tongban crashed checking this file ({what})"),
                },
                0..0,
            )
            .with_help(lang.pick(
                "这是 tongban 的缺陷，不是指南的问题：请报告，并附上此文件（或能复现的片段）",
                "this is a bug in tongban, not in the guide: please report it, with the file (or a part that reproduces it)",
            )),
        ],
    }
}

/// Test hook (debug builds only): panics on a file whose name contains the value of the
/// environment variable `var`, so the tests can check that a crash on one file is contained:
/// `TONGBAN_PANIC_ON` in lint's per-file work, `TONGBAN_PANIC_READING` in any command's.
pub(crate) fn test_panic(var: &str, name: &str) {
    #[cfg(debug_assertions)]
    if let Some(needle) = std::env::var_os(var)
        && let Some(needle) = needle.to_str()
        && !needle.is_empty()
        && name.contains(needle)
    {
        panic!("{var} test panic on {name}");
    }
    let _ = (var, name);
}

/// Runs `f`, turning a panic into the `internal-error` report of file `name`.
pub(crate) fn contained<T>(
    name: &str,
    lang: Lang,
    f: impl FnOnce() -> T,
    or: impl FnOnce(FileReport) -> T,
) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(t) => t,
        Err(payload) => or(internal_error(name.to_owned(), &*payload, lang)),
    }
}

/// A pool of `jobs` worker threads.
pub fn pool(jobs: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Error::Io {
            path: "<thread pool>".into(),
            message: e.to_string(),
        })
}

/// Maps everything a walk yields through `map` in parallel, one chunk at a time, and hands the
/// results to `sink` in walk order. Memory holds one chunk, whatever the size of the tree; the
/// order (and so the output) does not depend on the number of threads.
pub fn for_each_chunk<T: Send>(
    walk: impl Iterator<Item = Walked> + Send,
    pool: &rayon::ThreadPool,
    progress: &mut Progress,
    map: impl Fn(Walked) -> T + Sync + Send,
    mut sink: impl FnMut(T) -> Result<(), Error>,
) -> Result<(), Error> {
    let chunk_size = (pool.current_num_threads() * 256).max(256);
    // Three stages overlap: the walk (directory reads and a stat per file) on one thread, the
    // parallel map of a chunk on the pool, and the sink (printing, collecting) on this thread,
    // each one chunk ahead of the next, so the workers wait for neither.
    std::thread::scope(|scope| {
        let (walk_tx, walk_rx) = std::sync::mpsc::sync_channel::<Vec<Walked>>(1);
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<(usize, Vec<Result<T, Error>>)>(1);
        scope.spawn(move || {
            let mut walk = walk;
            loop {
                let chunk: Vec<Walked> = walk.by_ref().take(chunk_size).collect();
                // An empty chunk ends the walk; a closed channel means the consumer stopped.
                if chunk.is_empty() || walk_tx.send(chunk).is_err() {
                    break;
                }
            }
        });
        let map = &map;
        scope.spawn(move || {
            for chunk in walk_rx {
                let n = chunk.len();
                // A panic on one file is contained: the run stops with an error naming it,
                // never with a crash (lint turns it into a finding before it gets here).
                let results: Vec<Result<T, Error>> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|w| {
                            let name = w.name().to_owned();
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                test_panic("TONGBAN_PANIC_READING", w.name());
                                map(w)
                            }))
                            .map_err(|p| Error::Internal {
                                path: name,
                                message: panic_message(&*p),
                            })
                        })
                        .collect()
                });
                if done_tx.send((n, results)).is_err() {
                    break;
                }
            }
        });
        for (n, results) in done_rx {
            progress.inc(n);
            for r in results {
                sink(r?)?;
            }
        }
        Ok(())
    })
}
