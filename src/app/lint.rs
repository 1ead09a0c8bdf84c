//! `tongban lint` (without `--fix`): walk, lint in parallel, report.

use std::io::Write;

use super::settings::{self, Settings};
use super::{Outcome, finish_output, output_file};
use crate::error::{EXIT_TROUBLE, Error};
use crate::i18n::tr;
use crate::lint::baseline;
use crate::{cli, diagnostic, input, lint, report};

/// `tongban lint` without `--fix`: lint, report; the outcome and the counts.
pub(super) fn command(
    mut lint: settings::Lint,
    s: &Settings<'_>,
    out: &mut dyn Write,
) -> Result<(Outcome, diagnostic::Summary), Error> {
    let (lang, style) = (s.lang, s.style);
    let mut notes = std::mem::take(&mut lint.notes);
    let info = report::RunInfo {
        fail_on: Some(lint.fail_on.clone()),
        base: Some(s.cwd().to_path_buf()),
        step_summary: s.env.step_summary.clone(),
        docs_url: lint.session.config.docs_url.clone(),
    };
    refuse_inputs(&lint, s)?;
    // The catalog is read first: past a limit of [catalog-limits] the run stops before any
    // report is written. Report files are created before anything is linted, so a bad path
    // fails early.
    let context = match &lint.catalog {
        Some(c) => {
            let progress = s.progress("progress-catalog");
            let guides = lint
                .session
                .catalog(c, &Default::default(), &input::pool(lint.jobs)?)?;
            progress.finish();
            Some(guides)
        }
        None => None,
    };
    let mut files = open_outputs(&lint.outputs, s)?;
    let mut printers = printers(&lint, &info, style, out, &mut files)?;
    let writer = lint
        .write_baseline
        .as_deref()
        .map(|p| baseline::Writer::new(p, s.cwd(), lang));
    let mut tally = lint::Tally::new(lint.baseline, writer, lint.fail_on.clone());
    let mut sink = |r: diagnostic::FileReport, pass: lint::Pass| -> Result<(), Error> {
        let r = tally.take(r, pass);
        if pass == lint::Pass::NotAGuide {
            return Ok(());
        }
        printers.iter_mut().try_for_each(|p| p.file(&r))
    };
    let session = &lint.session;
    if let Some(p) = session.config.problems.clone() {
        // The config is not a guide: its findings count, the file does not.
        sink(p, lint::Pass::Again)?;
    }
    let mut compared = 0;
    match &lint.stdin {
        Some(path) => lint_stdin(path, context, session, &mut sink)?,
        None => {
            let walk = input::walk(&lint.paths, &session.config, lang)?;
            let mut progress = s.progress("progress-linting");
            compared = lint::run_with_context(
                walk,
                context,
                session,
                lint.jobs,
                &mut progress,
                &mut sink,
            )?;
            progress.finish();
        }
    }
    let counted = tally.finish()?;
    let summary = counted.summary;
    for p in printers {
        p.finish(&summary)?;
    }
    for (spec, file) in lint.outputs.iter().zip(files) {
        let path = s.cwd().join(&spec.path);
        finish_output(Some(file), Some(&path), style, &mut notes)?;
    }
    let failed = counted.failing > 0;
    // Named files and no catalog: the 四级四同 rules compared those files with each other only,
    // so a changed 基本编码 in one guide passes silently. Say so, once.
    let named_only = lint.stdin.is_none()
        && lint.catalog.is_none()
        && lint.paths.iter().all(|p| !s.cwd().join(p).is_dir());
    if named_only && compared > 0 {
        notes.push(tr!(lang, "lint-named-only"));
    }
    if let Some(first) = &counted.not_guide {
        notes.push(not_guides_note(summary.not_guides, first, lang));
    }
    if summary.files == 0 {
        notes.push(tr!(lang, "lint-no-files"));
    }
    let status = if counted.crashed {
        EXIT_TROUBLE
    } else {
        u8::from(failed && !counted.wrote_baseline)
    };
    Ok((Outcome { status, notes }, summary))
}

/// The one note for the YAML files skipped as not guides.
fn not_guides_note(n: usize, first: &str, lang: diagnostic::Lang) -> String {
    tr!(lang, "lint-not-guides", count = n, first = first)
}

/// The `-o` report files, created (with missing folders, like ruff's --output-file) before
/// anything is linted.
fn open_outputs(
    outputs: &[cli::OutputSpec],
    s: &Settings<'_>,
) -> Result<Vec<crate::atomic::Atomic>, Error> {
    let mut files = Vec::with_capacity(outputs.len());
    for spec in outputs {
        let path = s.cwd().join(&spec.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let (file, _) = output_file(Some(&path), s.style)?;
        files.extend(file);
    }
    Ok(files)
}

/// One printer per report: standard output's (unless a bare `-o PATH` took it, or the
/// statistics), then one per `-o` file (no colour, width 80).
fn printers<'a>(
    lint: &settings::Lint,
    info: &report::RunInfo,
    style: report::Style,
    out: &'a mut dyn Write,
    files: &'a mut [crate::atomic::Atomic],
) -> Result<Vec<report::LintPrinter<'a>>, Error> {
    let file_style = report::Style {
        color: false,
        width: 80,
        fold: false,
        ..style
    };
    let stdout_taken = lint.outputs.iter().any(|s| s.format.is_none());
    let mut printers = Vec::with_capacity(files.len() + 1);
    if lint.statistics {
        printers.push(report::LintPrinter::statistics(lint.format, style, out));
    } else if !stdout_taken {
        printers.push(report::LintPrinter::with_info(
            lint.format,
            style,
            info,
            out,
        )?);
    }
    for (spec, file) in lint.outputs.iter().zip(files.iter_mut()) {
        printers.push(report::LintPrinter::with_info(
            spec.format.unwrap_or(lint.format),
            file_style,
            info,
            file,
        )?);
    }
    Ok(printers)
}

/// `tongban lint -`: one guide from standard input, named by `--stdin-filename` (which the
/// config's include/exclude and per-path levels see), with the catalog as cross-region context:
/// read it, then [`lint::Session::lint_buffer`].
fn lint_stdin(
    path: &std::path::Path,
    context: Option<Vec<(std::path::PathBuf, crate::rules::cross::GuideSummary)>>,
    session: &lint::Session,
    sink: &mut dyn FnMut(diagnostic::FileReport, lint::Pass) -> Result<(), Error>,
) -> Result<(), Error> {
    use std::io::Read;
    if path.as_os_str() != "-" && session.config.excluded(path) {
        return Ok(());
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(session.limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Io {
            path: "<standard input>".into(),
            message: e.to_string(),
        })?;
    // The file it stands for, if it is in the catalog, is replaced by standard input.
    let real = std::fs::canonicalize(path).ok();
    let catalog: Vec<_> = context
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, _)| Some(p) != real.as_ref())
        .map(|(_, g)| g)
        .collect();
    // Escaped as a walked file's name is: a raw line break or ESC must not reach the terminal.
    let name = crate::source::display_path(path);
    let linted = session.lint_buffer(path, name, &bytes, Some(catalog));
    sink(linted.own, lint::Pass::First)?;
    match linted.cross {
        Some(r) => sink(r, lint::Pass::Again),
        None => Ok(()),
    }
}

/// Reports and the baseline are written over no input (`lint g.yaml -o g.yaml` would replace
/// the guide with its report).
fn refuse_inputs(lint: &settings::Lint, s: &Settings<'_>) -> Result<(), Error> {
    let cwd = s.cwd();
    let inputs: Vec<std::path::PathBuf> = lint
        .paths
        .iter()
        .chain(lint.catalog.iter())
        .chain(lint.session.config.schema.iter())
        .map(|p| cwd.join(p))
        .collect();
    let outputs = lint.outputs.iter().map(|o| cwd.join(&o.path));
    for out_path in outputs.chain(lint.write_baseline.iter().map(|p| cwd.join(p))) {
        super::refuse_input(&out_path, inputs.iter().map(|p| p.as_path()), s.lang)?;
    }
    Ok(())
}
