//! Paths → files, shared by every command: the walk (sorted, hidden entries skipped, symlink
//! loops found, a file named twice read once), what kind of file a path is, and the parallel
//! engine that maps a walk chunk by chunk (a panic on one file contained). Nothing here reads a
//! guide or prints.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{self as dx, FileReport, Finding, Lang};
use crate::error::Error;
use crate::load;
use crate::progress::Progress;
use crate::source::{Source, display_path};

/// One file to lint.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// How to name it in output.
    pub name: String,
    /// The directory walk saw a regular file here (so it need not be checked before opening).
    pub walked: bool,
}

/// Is this a guide file by its name? (`*.yaml`, `*.yml`, any case.)
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// One item of a walk: a file to lint, or a problem met while walking (a symlink loop, an
/// unreadable folder), already a report.
#[derive(Debug)]
pub enum Walked {
    /// A file to lint.
    File(Input),
    /// A walk problem, reported as a finding on the path.
    Problem(FileReport),
}

impl Walked {
    /// The path it is shown under.
    pub fn name(&self) -> &str {
        match self {
            Walked::File(i) => &i.name,
            Walked::Problem(r) => &r.source.name,
        }
    }
}

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

/// Expands command-line paths into files, lazily (a million-file tree is never held in memory).
/// Folders are walked sorted by name, hidden entries skipped, symlinks followed with loop
/// detection; a file named explicitly is linted whatever its extension. Files the config excludes
/// are skipped, even when named explicitly (pre-commit passes every changed file). A
/// command-line path that does not exist is an error, raised before anything is walked.
pub fn walk<'c>(
    paths: &[PathBuf],
    config: &'c Config,
    lang: Lang,
) -> Result<impl Iterator<Item = Walked> + Send + 'c, Error> {
    let mut roots = Vec::with_capacity(paths.len());
    for root in paths {
        match std::fs::metadata(root) {
            Ok(meta) => roots.push((root.clone(), Some(meta.is_dir()))),
            // A loop named on the command line is a finding, as the same loop met in a walk is.
            Err(e) if load::is_symlink_loop(&e) => roots.push((root.clone(), None)),
            Err(e) => {
                return Err(Error::Io {
                    path: display_path(root),
                    message: e.to_string(),
                });
            }
        }
    }
    // A file named twice (itself and its folder, `./x` and `x`, absolute and relative) is linted
    // once, under the first spelling. One root cannot repeat a file (the walk is a tree; links
    // to folders on the way are loop-checked), so a single path costs no `canonicalize`.
    let mut seen = (roots.len() > 1).then(std::collections::HashSet::<PathBuf>::new);
    let first_time = move |w: &Walked| match (&mut seen, w) {
        (Some(seen), Walked::File(i)) => {
            seen.insert(std::fs::canonicalize(&i.path).unwrap_or_else(|_| i.path.clone()))
        }
        _ => true,
    };
    Ok(roots
        .into_iter()
        .flat_map(move |(root, is_dir)| {
            let items: Box<dyn Iterator<Item = Walked> + Send> = match is_dir {
                Some(true) => Box::new(walk_dir(root, config, lang)),
                _ if config.excluded(&root) => Box::new(std::iter::empty()),
                Some(false) => Box::new(std::iter::once(Walked::File(Input {
                    name: display_path(&root),
                    path: root,
                    walked: false,
                }))),
                None => Box::new(std::iter::once(Walked::Problem(FileReport {
                    source: Source::new(display_path(&root), ""),
                    findings: vec![Finding::new(
                        dx::SYMLINK_LOOP,
                        lang.pick(
                            "符号链接循环（链接最终指向自身），已跳过",
                            "symbolic link loop (the link leads back to itself); skipped",
                        ),
                        0..0,
                    )],
                }))),
            };
            items
        })
        .filter(first_time))
}

fn walk_dir(
    root: PathBuf,
    config: &Config,
    lang: Lang,
) -> impl Iterator<Item = Walked> + Send + '_ {
    WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) if config.excluded(e.path()) => None,
            Ok(e) if is_yaml(e.path()) => Some(Walked::File(Input {
                name: display_path(e.path()),
                walked: e.file_type().is_file(),
                path: e.into_path(),
            })),
            Ok(_) => None,
            Err(e) => walk_problem(&e, &root, lang),
        })
}

fn walk_problem(e: &walkdir::Error, root: &Path, lang: Lang) -> Option<Walked> {
    let path = e
        .path()
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    // An unreadable file that is not a guide is not our business; an unreadable folder is.
    if !is_yaml(&path)
        && e.loop_ancestor().is_none()
        && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
    {
        return None;
    }
    let self_loop = e.io_error().is_some_and(load::is_symlink_loop);
    let finding = match e.loop_ancestor() {
        Some(ancestor) => Finding::new(
            dx::SYMLINK_LOOP,
            match lang {
                Lang::Zh => format!("符号链接循环：指向上级目录 {}，已跳过", ancestor.display()),
                Lang::En => format!("symbolic link loop back to {}; skipped", ancestor.display()),
            },
            0..0,
        ),
        None if self_loop => Finding::new(
            dx::SYMLINK_LOOP,
            lang.pick(
                "符号链接循环（链接指向自身），已跳过",
                "symbolic link loop (the link points to itself); skipped",
            ),
            0..0,
        ),
        None => Finding::new(
            dx::UNREADABLE,
            format!(
                "{}: {}",
                lang.pick("无法读取", "cannot read"),
                e.io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string)
            ),
            0..0,
        ),
    };
    Some(Walked::Problem(FileReport {
        source: Source::new(display_path(&path), ""),
        findings: vec![finding],
    }))
}

/// The walk, collected: files to lint and walk problems. For callers that want everything at
/// once (small trees); the lint engine itself streams.
pub fn collect(
    paths: &[PathBuf],
    config: &Config,
    lang: Lang,
) -> Result<(Vec<Input>, Vec<FileReport>), Error> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for w in walk(paths, config, lang)? {
        match w {
            Walked::File(i) => inputs.push(i),
            Walked::Problem(p) => problems.push(p),
        }
    }
    Ok((inputs, problems))
}

/// The folder name that holds agreement files: a YAML file directly inside a folder of this name
/// is an agreement, never a guide (as `materials.yaml` is a dictionary).
pub const AGREEMENTS_DIR: &str = "agreements";

/// Whether a path names an agreement file (by the folder it is in) rather than a guide.
pub fn is_agreement(path: &Path) -> bool {
    is_yaml(path)
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == AGREEMENTS_DIR)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_files_are_recognised_by_folder() {
        assert!(is_agreement(Path::new("catalogs/agreements/x.yaml")));
        assert!(!is_agreement(Path::new("catalogs/agreements/README.md")));
        assert!(!is_agreement(Path::new("catalogs/jiangsu/x.yaml")));
    }
}
