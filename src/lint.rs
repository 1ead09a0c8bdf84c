//! The lint run: walk the inputs, then load → schema → rules for each file, in parallel, handing
//! each file's findings to a sink in a deterministic (path) order. Nothing here prints.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::Error;
use crate::diagnostic::{self as dx, FileReport, Finding, Lang, Summary};
use crate::load::{self, Limits};
use crate::rules;
use crate::schema::Schema;
use crate::source::Source;

/// One file to lint.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// How to name it in output.
    pub name: String,
}

/// Settings shared by every file of a run.
pub struct Options<'a> {
    /// The compiled schema.
    pub schema: &'a Schema,
    /// Message language.
    pub lang: Lang,
    /// Resource limits.
    pub limits: Limits,
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

/// Expands command-line paths into files, lazily (a million-file tree is never held in memory).
/// Folders are walked sorted by name, hidden entries skipped, symlinks followed with loop
/// detection; a file named explicitly is linted whatever its extension. A command-line path that
/// does not exist is an error, raised before anything is walked.
pub fn walk(paths: &[PathBuf], lang: Lang) -> Result<impl Iterator<Item = Walked>, Error> {
    let mut roots = Vec::with_capacity(paths.len());
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|e| Error::Io {
            path: root.display().to_string(),
            message: e.to_string(),
        })?;
        roots.push((root.clone(), meta.is_dir()));
    }
    Ok(roots.into_iter().flat_map(move |(root, is_dir)| {
        let items: Box<dyn Iterator<Item = Walked>> = if is_dir {
            Box::new(walk_dir(root, lang))
        } else {
            Box::new(std::iter::once(Walked::File(Input {
                name: root.display().to_string(),
                path: root,
            })))
        };
        items
    }))
}

fn walk_dir(root: PathBuf, lang: Lang) -> impl Iterator<Item = Walked> {
    WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) if is_yaml(e.path()) => Some(Walked::File(Input {
                name: e.path().display().to_string(),
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
        source: Source::new(path.display().to_string(), ""),
        findings: vec![finding],
    }))
}

/// The walk, collected: files to lint and walk problems. For callers that want everything at
/// once (small trees); the lint engine itself streams.
pub fn collect(paths: &[PathBuf], lang: Lang) -> Result<(Vec<Input>, Vec<FileReport>), Error> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for w in walk(paths, lang)? {
        match w {
            Walked::File(i) => inputs.push(i),
            Walked::Problem(p) => problems.push(p),
        }
    }
    Ok((inputs, problems))
}

/// Lints one file: load, schema, rules. Keeps the text only when there is something to show.
pub fn lint_file(input: &Input, opts: &Options<'_>) -> FileReport {
    let loaded = load::load_file(&input.path, input.name.clone(), &opts.limits, opts.lang);
    if crate::normalize::is_dictionary(&input.path) {
        // A synonyms dictionary is validated against its own schema, not the guide schema.
        let findings = crate::normalize::Synonyms::check(&loaded, opts.lang);
        let mut report = FileReport {
            source: loaded.source,
            findings,
        };
        report.sort();
        return report;
    }
    let mut findings = loaded.findings;
    if let Some(doc) = &loaded.document {
        findings.extend(opts.schema.check(doc, &loaded.source, opts.lang));
        let cx = rules::Context {
            doc,
            source: &loaded.source,
            lang: opts.lang,
        };
        rules::check(&cx, &mut findings);
    }
    let source = if findings.is_empty() {
        Source::new(loaded.source.name, "")
    } else {
        loaded.source
    };
    let mut report = FileReport { source, findings };
    report.sort();
    report
}

/// Lints everything a walk yields, in parallel, and feeds reports to `sink` in walk order.
///
/// The walk is consumed in chunks, so memory holds at most one chunk of inputs and reports,
/// whatever the number of files.
pub fn run(
    walk: impl Iterator<Item = Walked>,
    opts: &Options<'_>,
    jobs: usize,
    mut sink: impl FnMut(FileReport) -> Result<(), Error>,
) -> Result<Summary, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Io {
            path: "<thread pool>".into(),
            message: e.to_string(),
        })?;
    let mut summary = Summary::default();
    let chunk_size = (jobs * 256).max(256);
    let mut walk = walk.peekable();
    while walk.peek().is_some() {
        let chunk: Vec<Walked> = walk.by_ref().take(chunk_size).collect();
        let reports: Vec<FileReport> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|w| match w {
                    Walked::File(input) => lint_file(&input, opts),
                    Walked::Problem(report) => report,
                })
                .collect()
        });
        for r in reports {
            summary.add(&r);
            sink(r)?;
        }
    }
    Ok(summary)
}
