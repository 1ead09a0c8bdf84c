//! The lint run: walk the inputs, then load → schema → rules → config levels → suppressions for
//! each file, in parallel, handing each file's findings to a sink in a deterministic (path) order;
//! then the cross-region pass over the small per-guide summaries. Nothing here prints.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::Error;
use crate::config::Config;
use crate::diagnostic::{self as dx, FileReport, Finding, Lang};
use crate::load::{self, Limits};
use crate::progress::Progress;
use crate::rules::{self, cross};
use crate::schema::Schema;
use crate::source::Source;
use crate::suppress;

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

/// Settings shared by every file of a run.
pub struct Options<'a> {
    /// The compiled schema.
    pub schema: &'a Schema,
    /// Message language.
    pub lang: Lang,
    /// Resource limits.
    pub limits: Limits,
    /// Rule levels and per-path overrides.
    pub config: &'a Config,
    /// E-licences and synonyms.
    pub data: &'a rules::Data,
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
        let meta = std::fs::metadata(root).map_err(|e| Error::Io {
            path: root.display().to_string(),
            message: e.to_string(),
        })?;
        roots.push((root.clone(), meta.is_dir()));
    }
    Ok(roots.into_iter().flat_map(move |(root, is_dir)| {
        let items: Box<dyn Iterator<Item = Walked> + Send> = if is_dir {
            Box::new(walk_dir(root, config, lang))
        } else if config.excluded(&root) {
            Box::new(std::iter::empty())
        } else {
            Box::new(std::iter::once(Walked::File(Input {
                name: root.display().to_string(),
                path: root,
                walked: false,
            })))
        };
        items
    }))
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
                name: e.path().display().to_string(),
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
        source: Source::new(path.display().to_string(), ""),
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

/// Lints one file: load, schema, rules, then the config's levels and the file's suppressions.
/// Keeps the text only when there is something to show. Returns the summary the cross-region
/// pass needs, when the guide names an item.
pub fn lint_file(input: &Input, opts: &Options<'_>) -> (FileReport, Option<cross::GuideSummary>) {
    let load = if input.walked {
        load::load_walked_file
    } else {
        load::load_file
    };
    let loaded = load(&input.path, input.name.clone(), &opts.limits, opts.lang);
    if crate::agreement::is_agreement(&input.path) {
        // An agreement is validated against its own schema, not the guide schema.
        let mut report = crate::agreement::lint(loaded, opts.lang);
        opts.config.levels(&input.path).apply(&mut report.findings);
        if report.findings.is_empty() {
            report.source = Source::new(report.source.name, "");
        }
        return (report, None);
    }
    if crate::ontology::is_dictionary(&input.path) {
        // A synonyms dictionary is validated against its own schema, not the guide schema.
        let findings = crate::ontology::Ontology::check(&loaded, opts.lang);
        let mut report = FileReport {
            source: loaded.source,
            findings,
        };
        report.sort();
        return (report, None);
    }
    let mut findings = loaded.findings;
    let mut summary = None;
    if let Some(doc) = &loaded.document {
        findings.extend(opts.schema.check(doc, &loaded.source, opts.lang));
        let cx = rules::Context {
            doc,
            source: &loaded.source,
            lang: opts.lang,
            data: opts.data,
        };
        rules::check(&cx, &mut findings);
        summary = cross::summarize(doc, &loaded.source, input.path.clone());
    }
    let levels = opts.config.levels(&input.path);
    levels.apply(&mut findings);
    let mut sup = suppress::parse(&loaded.source.text, loaded.document.as_ref(), opts.lang);
    sup.apply(&mut findings);
    // Cross-region findings come later; judge those suppressions then.
    let pending = match &summary {
        Some(_) => sup.take(|d| rules::is_cross(d.code)),
        None => Vec::new(),
    };
    let mut meta = sup.problems;
    meta.extend(suppress::unused(
        &sup.directives,
        |c| levels.enabled(c),
        opts.lang,
    ));
    levels.apply(&mut meta);
    findings.extend(meta);
    if let Some(s) = &mut summary {
        s.suppressions = pending;
    }
    let source = if findings.is_empty() {
        Source::new(loaded.source.name, "")
    } else {
        loaded.source
    };
    let mut report = FileReport { source, findings };
    report.sort();
    (report, summary)
}

/// A file with cross-region findings, waiting to be read again for its text and spans.
pub struct Pending {
    name: String,
    path: PathBuf,
    /// Findings still without a span.
    located_later: Vec<Finding>,
    /// Findings that already have one (unused suppressions point at their comment).
    located: Vec<Finding>,
}

/// The cross-region pass, first half: compares the summaries and applies each file's levels
/// and pending suppressions. Cheap; no file is read.
pub fn cross_region(guides: Vec<cross::GuideSummary>, opts: &Options<'_>) -> Vec<Pending> {
    let mut found: Vec<Vec<Finding>> = vec![Vec::new(); guides.len()];
    for (i, f) in cross::check(&guides, opts.lang) {
        found[i].push(f);
    }
    let mut out = Vec::new();
    for (mut g, mut findings) in guides.into_iter().zip(found) {
        if findings.is_empty() && g.suppressions.is_empty() {
            continue;
        }
        let levels = opts.config.levels(&g.path);
        levels.apply(&mut findings);
        let mut sup = suppress::Suppressions {
            directives: std::mem::take(&mut g.suppressions),
            problems: Vec::new(),
        };
        sup.apply(&mut findings);
        let mut unused = suppress::unused(&sup.directives, |c| levels.enabled(c), opts.lang);
        levels.apply(&mut unused);
        if findings.is_empty() && unused.is_empty() {
            continue;
        }
        out.push(Pending {
            name: g.name.into(),
            path: g.path.into(),
            located_later: findings,
            located: unused,
        });
    }
    out
}

/// The cross-region pass, second half: reads one file again (only the summary was kept) to
/// locate its findings and show its text.
pub fn locate(p: Pending, opts: &Options<'_>) -> FileReport {
    let loaded = load::load_file(&p.path, p.name, &opts.limits, opts.lang);
    let mut findings = p.located_later;
    if let Some(doc) = &loaded.document {
        for f in &mut findings {
            f.span = doc.locate(&f.pointer, &loaded.source.text);
        }
    }
    findings.extend(p.located);
    let mut report = FileReport {
        source: loaded.source,
        findings,
    };
    report.sort();
    report
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
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(1);
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
                let results: Vec<T> = pool.install(|| chunk.into_par_iter().map(map).collect());
                if done_tx.send((n, results)).is_err() {
                    break;
                }
            }
        });
        for (n, results) in done_rx {
            progress.inc(n);
            for r in results {
                sink(r)?;
            }
        }
        Ok(())
    })
}

/// Which pass of [`run`] a report comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The file's own findings (every file, once).
    First,
    /// More findings that add no file to the count: the cross-region findings of a file already
    /// reported in the first pass (or the configuration's own problems).
    Again,
}

/// Lints everything a walk yields and feeds reports to `sink` in walk order, then runs the
/// cross-region rules over the small per-guide summaries and feeds the files they flag a second
/// time (`sink`'s flag says which pass a report comes from).
pub fn run(
    walk: impl Iterator<Item = Walked> + Send,
    opts: &Options<'_>,
    jobs: usize,
    progress: &mut Progress,
    mut sink: impl FnMut(FileReport, Pass) -> Result<(), Error>,
) -> Result<(), Error> {
    let pool = pool(jobs)?;
    let mut guides = Vec::new();
    let mut interner = cross::Interner::default();
    for_each_chunk(
        walk,
        &pool,
        progress,
        |w| match w {
            Walked::File(input) => lint_file(&input, opts),
            Walked::Problem(report) => (report, None),
        },
        |(r, g)| {
            guides.extend(g.map(|g| interner.intern(g)));
            sink(r, Pass::First)
        },
    )?;
    let chunk_size = (jobs * 256).max(256);
    drop(interner);
    let mut pending = cross_region(guides, opts);
    while !pending.is_empty() {
        let rest = pending.split_off(pending.len().min(chunk_size));
        let chunk = std::mem::replace(&mut pending, rest);
        let reports: Vec<FileReport> =
            pool.install(|| chunk.into_par_iter().map(|p| locate(p, opts)).collect());
        for r in reports {
            sink(r, Pass::Again)?;
        }
    }
    Ok(())
}
