//! Paths → files, shared by every command: the walk (sorted, hidden entries skipped, symlink
//! loops found, a file named twice read once), what kind of file a path is, and the parallel
//! engine that maps a walk chunk by chunk (a panic on one file contained). Nothing here reads a
//! guide or prints.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{self as dx, FileReport, Finding, Lang};
use crate::error::Error;
use crate::load;

mod kind;
mod parallel;
pub mod root;

use crate::progress::Progress;
use crate::source::{Source, display_path};
pub use kind::{
    AGREEMENTS_DIR, DICTIONARY_NAMES, Kind, is_agreement, is_dictionary, looks_like_guide,
    shapes_linting,
};
pub use parallel::*;

/// What the walk asks of the configuration: whether a path is excluded (its `include` /
/// `exclude` globs, and the data files it names). `config::Config` implements it; the walk
/// knows nothing else about configuration.
pub trait Exclude: Sync {
    /// Whether `path` is left out of the run.
    fn excluded(&self, path: &Path) -> bool;
}

/// One file to lint.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// How to name it in output.
    pub name: String,
    /// The directory walk saw a regular file here (so it need not be checked before opening).
    pub walked: bool,
    /// What the file is (decided once, here).
    pub kind: Kind,
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

/// Expands command-line paths into files, lazily (a million-file tree is never held in memory).
/// Folders are walked sorted by name, hidden entries skipped, symlinks followed with loop
/// detection; a file named explicitly is linted whatever its extension. Files the config excludes
/// are skipped, even when named explicitly (pre-commit passes every changed file). A
/// command-line path that does not exist is an error, raised before anything is walked.
pub fn walk<'c>(
    paths: &[PathBuf],
    config: &'c dyn Exclude,
    lang: Lang,
) -> Result<impl Iterator<Item = Walked> + Send + 'c, Error> {
    walk_within(paths, config, lang, Budget::unbounded())
}

/// How much of the file system a walk may visit: the editor's workspace scan and the CLI's
/// catalog walk must not read all of `/` (a workspace or a catalog rooted there).
#[derive(Debug, Clone)]
pub struct Budget {
    /// Most entries (files and folders) visited.
    pub max_entries: u64,
    /// Most bytes of files read, as counted by [`Budget::charge`] (the walk itself reads none).
    pub max_bytes: u64,
    /// When to stop.
    pub deadline: Option<std::time::Instant>,
    /// Set when the walk stopped short.
    pub exhausted: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Bytes charged so far.
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Budget {
    /// No bound (the CLI walks what it was told to).
    pub fn unbounded() -> Budget {
        Budget::new(u64::MAX, u64::MAX, None)
    }

    /// At most `max_entries` files and folders, `max_bytes` bytes read, until `deadline`.
    pub fn new(max_entries: u64, max_bytes: u64, deadline: Option<std::time::Instant>) -> Budget {
        Budget {
            max_entries,
            max_bytes,
            deadline,
            exhausted: Default::default(),
            read: Default::default(),
        }
    }

    /// Counts `bytes` read from a file the walk yielded; past `max_bytes` the walk stops.
    pub fn charge(&self, bytes: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        let total = self.read.fetch_add(bytes, Relaxed).saturating_add(bytes);
        if total > self.max_bytes {
            self.exhausted.store(true, Relaxed);
        }
    }

    /// Whether the walk stopped short, and then whether for the bytes read (else the entries or
    /// the deadline).
    pub fn stopped(&self) -> Option<bool> {
        use std::sync::atomic::Ordering::Relaxed;
        self.exhausted
            .load(Relaxed)
            .then(|| self.read.load(Relaxed) > self.max_bytes)
    }

    /// Whether one more entry may be visited.
    fn spend(&self, visited: &mut u64) -> bool {
        *visited += 1;
        let out = *visited > self.max_entries
            || self
                .deadline
                .is_some_and(|d| visited.is_multiple_of(64) && std::time::Instant::now() > d);
        if out {
            self.exhausted
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        !out && !self.exhausted.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// [`walk`] within a [`Budget`]: past it, no folder is entered and no file yielded.
pub fn walk_within<'c>(
    paths: &[PathBuf],
    config: &'c dyn Exclude,
    lang: Lang,
    budget: Budget,
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
    // once, under the first spelling. One root cannot repeat a file (the walk is a tree; linked
    // folders are walked once, see `walk_dir`), so a single path costs no `canonicalize`.
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
                Some(true) => Box::new(walk_dir(root, config, lang, budget.clone())),
                _ if config.excluded(&root) => Box::new(std::iter::empty()),
                Some(false) => Box::new(std::iter::once(Walked::File(Input {
                    name: display_path(&root),
                    kind: Kind::of(&root),
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
    config: &dyn Exclude,
    lang: Lang,
    budget: Budget,
) -> impl Iterator<Item = Walked> + Send + '_ {
    let mut visited = 0u64;
    // A linked folder is walked once: not at all when it links to a folder inside the tree
    // (walked under its own name), once when several links reach the same outside folder.
    let real_root = std::fs::canonicalize(&root).ok();
    let mut linked = std::collections::HashSet::<PathBuf>::new();
    let mut first_visit = move |e: &walkdir::DirEntry| {
        if !(e.path_is_symlink() && e.file_type().is_dir()) {
            return true;
        }
        let Ok(real) = std::fs::canonicalize(e.path()) else {
            return true;
        };
        // A link to a folder it is in is a loop: walkdir reports it.
        let looped = e
            .path()
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .is_some_and(|p| p.starts_with(&real));
        looped || (!real_root.as_ref().is_some_and(|r| real.starts_with(r)) && linked.insert(real))
    };
    WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            budget.spend(&mut visited)
                && (e.depth() == 0
                    || (!e.file_name().to_string_lossy().starts_with('.') && first_visit(e)))
        })
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) if config.excluded(e.path()) => None,
            Ok(e) if is_yaml(e.path()) => Some(Walked::File(Input {
                name: display_path(e.path()),
                kind: Kind::of(e.path()),
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
                "{}{}{}",
                lang.pick("无法读取", "cannot read"),
                lang.pick("：", ": "),
                e.io_error().map_or_else(
                    || crate::i18n::explain_os_errors(&e.to_string(), lang),
                    |io| crate::i18n::io_error(io, lang)
                )
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
    config: &dyn Exclude,
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
