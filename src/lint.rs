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

/// Expands command-line paths into files. Folders are walked (sorted, hidden entries skipped,
/// symlinks followed with loop detection); a file named explicitly is linted whatever its
/// extension. Walk problems become file reports; a missing command-line path is an error.
pub fn collect(paths: &[PathBuf], lang: Lang) -> Result<(Vec<Input>, Vec<FileReport>), Error> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|e| Error::Io {
            path: root.display().to_string(),
            message: e.to_string(),
        })?;
        if !meta.is_dir() {
            inputs.push(Input {
                path: root.clone(),
                name: root.display().to_string(),
            });
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if is_yaml(e.path()) => inputs.push(Input {
                    name: e.path().display().to_string(),
                    path: e.into_path(),
                }),
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    if !is_yaml(&path) && e.loop_ancestor().is_none() && e.io_error().is_some() {
                        // An unreadable non-guide file is not our business; an unreadable folder is.
                        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                            continue;
                        }
                    }
                    let self_loop = e.io_error().is_some_and(load::is_symlink_loop);
                    let finding = match e.loop_ancestor() {
                        None if self_loop => Finding::new(
                            dx::SYMLINK_LOOP,
                            lang.pick(
                                "符号链接循环（链接指向自身），已跳过",
                                "symbolic link loop (the link points to itself); skipped",
                            ),
                            0..0,
                        ),
                        Some(ancestor) => Finding::new(
                            dx::SYMLINK_LOOP,
                            match lang {
                                Lang::Zh => format!(
                                    "符号链接循环：指向上级目录 {}，已跳过",
                                    ancestor.display()
                                ),
                                Lang::En => format!(
                                    "symbolic link loop back to {}; skipped",
                                    ancestor.display()
                                ),
                            },
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
                    problems.push(FileReport {
                        source: Source::new(path.display().to_string(), ""),
                        findings: vec![finding],
                    });
                }
            }
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

/// Lints every input in parallel and feeds reports to `sink` in input order.
///
/// Inputs are processed in chunks so that memory holds at most one chunk of reports, whatever
/// the number of files.
pub fn run(
    inputs: &[Input],
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
    let chunk = (jobs * 256).max(256);
    for part in inputs.chunks(chunk) {
        let reports: Vec<FileReport> =
            pool.install(|| part.par_iter().map(|i| lint_file(i, opts)).collect());
        for r in reports {
            summary.add(&r);
            sink(r)?;
        }
    }
    Ok(summary)
}
