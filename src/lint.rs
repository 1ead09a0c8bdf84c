//! The lint run: walk the inputs, then load → schema → rules → config levels → suppressions for
//! each file, in parallel, handing each file's findings to a sink in a deterministic (path) order;
//! then the cross-region pass over the small per-guide summaries. Nothing here prints.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{FileReport, Finding, Lang};
use crate::error::Error;
use crate::input::{Input, Walked, contained, for_each_chunk, pool, test_panic};
use crate::load::{self, Limits};
use crate::progress::Progress;
use crate::rules::{self, cross};
use crate::schema::Schema;
use crate::source::Source;
use crate::suppress;

mod fixpoint;
mod setup;
pub use fixpoint::{Fixed, MAX_ROUNDS, fix_text};
pub(crate) use setup::setup;

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
    lint_loaded(&input.path, loaded, opts)
}

/// Lints text already in memory (an editor's buffer) as if it were the file at `path`: the same
/// pipeline as [`lint_file`] — load, schema, rules, fixes, levels, suppressions — without
/// touching the disk. `name` is how the file is shown.
pub fn lint_text(
    path: &Path,
    name: String,
    bytes: &[u8],
    opts: &Options<'_>,
) -> (FileReport, Option<cross::GuideSummary>) {
    let loaded = load::load_bytes(name, bytes, &opts.limits, opts.lang);
    lint_loaded(path, loaded, opts)
}

/// [`lint_file`] for a file already loaded (standard input, an editor's buffer), with `input_path`
/// the path it stands for.
pub fn lint_loaded(
    input_path: &Path,
    loaded: load::Loaded,
    opts: &Options<'_>,
) -> (FileReport, Option<cross::GuideSummary>) {
    let kind = crate::input::Kind::of(input_path);
    if kind == crate::input::Kind::Agreement {
        // An agreement is validated against its own schema, not the guide schema.
        let doc = loaded.document.clone();
        let mut report = crate::agreement::lint(loaded, opts.lang);
        opts.config.levels(input_path).apply(&mut report.findings);
        crate::identity::assign(&mut report.findings, doc.as_ref());
        if report.findings.is_empty() {
            report.source = Source::new(report.source.name, "");
        }
        return (report, None);
    }
    if kind == crate::input::Kind::Dictionary {
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
        crate::fix::attach(&mut findings, doc, &loaded.source, opts.data, opts.lang);
        summary = cross::summarize(doc, &loaded.source, input_path.to_path_buf());
    }
    let levels = opts.config.levels(input_path);
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
    crate::identity::assign(&mut findings, loaded.document.as_ref());
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
    let reported = guides.len();
    cross_region_reported(guides, reported, opts)
}

/// [`cross_region`] where only the first `reported` guides are reported on; the others are
/// context (the rest of a catalog, compared against but never reported).
pub fn cross_region_reported(
    guides: Vec<cross::GuideSummary>,
    reported: usize,
    opts: &Options<'_>,
) -> Vec<Pending> {
    let mut found: Vec<Vec<Finding>> = vec![Vec::new(); guides.len()];
    for (i, f) in cross::check(&guides, opts.lang) {
        if i < reported {
            found[i].push(f);
        }
    }
    let mut out = Vec::new();
    for (mut g, mut findings) in guides.into_iter().take(reported).zip(found) {
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
    let loaded = load::load_file(&p.path, p.name.clone(), &opts.limits, opts.lang);
    locate_loaded(p, loaded)
}

/// [`locate`] with the file already loaded again (standard input).
pub fn locate_loaded(p: Pending, loaded: load::Loaded) -> FileReport {
    let mut findings = p.located_later;
    if let Some(doc) = &loaded.document {
        for f in &mut findings {
            f.span = doc.locate(&f.pointer, &loaded.source.text);
        }
    }
    crate::identity::assign(&mut findings, loaded.document.as_ref());
    findings.extend(p.located);
    let mut report = FileReport {
        source: loaded.source,
        findings,
    };
    report.sort();
    report
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
    sink: impl FnMut(FileReport, Pass) -> Result<(), Error>,
) -> Result<(), Error> {
    run_with_context(
        walk,
        None::<std::iter::Empty<Walked>>,
        opts,
        jobs,
        progress,
        sink,
    )
}

/// [`run`], with the cross-region rules also comparing the linted guides against the guides of
/// `context` (the whole catalog when only some files are named, as pre-commit does). Context
/// guides that were linted are skipped; findings are reported in linted files only.
pub fn run_with_context(
    walk: impl Iterator<Item = Walked> + Send,
    context: Option<impl Iterator<Item = Walked> + Send>,
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
            Walked::File(input) => contained(
                &input.name,
                opts.lang,
                || {
                    test_panic("TONGBAN_PANIC_ON", &input.name);
                    lint_file(&input, opts)
                },
                |r| (r, None),
            ),
            Walked::Problem(report) => (report, None),
        },
        |(r, g)| {
            guides.extend(g.map(|g| interner.intern(g)));
            sink(r, Pass::First)
        },
    )?;
    let chunk_size = (jobs * 256).max(256);
    let reported = guides.len();
    if let Some(context) = context {
        let linted: std::collections::HashSet<PathBuf> = guides
            .iter()
            .filter_map(|g: &cross::GuideSummary| std::fs::canonicalize(&g.path).ok())
            .collect();
        let more = summaries(context, &linted, opts, &pool)?;
        guides.extend(more.into_iter().map(|g| interner.intern(g)));
    }
    drop(interner);
    let mut pending = cross_region_reported(guides, reported, opts);
    while !pending.is_empty() {
        let rest = pending.split_off(pending.len().min(chunk_size));
        let chunk = std::mem::replace(&mut pending, rest);
        let reports: Vec<FileReport> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|p| {
                    let name = p.name.clone();
                    contained(&name, opts.lang, || locate(p, opts), |r| r)
                })
                .collect()
        });
        for r in reports {
            sink(r, Pass::Again)?;
        }
    }
    Ok(())
}

/// The cross-region summaries of the guides a walk yields, except those in `skip` (canonical
/// paths): only loaded and summarised, not linted.
pub fn summaries(
    walk: impl Iterator<Item = Walked> + Send,
    skip: &std::collections::HashSet<PathBuf>,
    opts: &Options<'_>,
    pool: &rayon::ThreadPool,
) -> Result<Vec<cross::GuideSummary>, Error> {
    let mut out = Vec::new();
    for_each_chunk(
        walk,
        pool,
        &mut Progress::hidden(),
        |w| match w {
            Walked::File(input)
                if input.kind == crate::input::Kind::Guide
                    && !std::fs::canonicalize(&input.path).is_ok_and(|p| skip.contains(&p)) =>
            {
                let load = if input.walked {
                    load::load_walked_file
                } else {
                    load::load_file
                };
                let loaded = load(&input.path, input.name.clone(), &opts.limits, opts.lang);
                loaded
                    .document
                    .as_ref()
                    .and_then(|doc| cross::summarize(doc, &loaded.source, input.path.clone()))
            }
            _ => None,
        },
        |g| {
            out.extend(g);
            Ok(())
        },
    )?;
    Ok(out)
}
