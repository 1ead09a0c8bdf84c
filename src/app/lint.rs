//! `tongban lint` (without `--fix`): walk, lint in parallel, report.

use std::io::Write;

use super::{Env, Outcome, finish_output, output_file};
use crate::error::{EXIT_TROUBLE, Error};
use crate::{baseline, cli, config, diagnostic, input, lint, load, progress, report};

/// `tongban lint` without `--fix`: lint, report; the outcome and the counts.
pub(super) fn command(
    args: cli::LintArgs,
    config_path: Option<&std::path::Path>,
    env: &Env,
    lang: diagnostic::Lang,
    style: report::Style,
    out: &mut dyn Write,
) -> Result<(Outcome, diagnostic::Summary), Error> {
    let config = config::Config::load(config_path, &env.cwd, lang)?;
    let stdin = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
    if !stdin && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            lang.pick(
                "`-`（标准输入）不能与其他路径同时使用",
                "`-` (standard input) cannot be combined with other paths",
            )
            .into(),
        ));
    }
    if args.stdin_filename.is_some() && !stdin {
        return Err(Error::Usage(
            lang.pick(
                "--stdin-filename 要求 `-` 是唯一的路径（tongban lint - --stdin-filename 路径）",
                "--stdin-filename needs `-` as the only path (tongban lint - --stdin-filename PATH)",
            )
            .into(),
        ));
    }
    let paths: &[std::path::PathBuf] = if stdin { &[] } else { &args.paths };
    let limits = load::Limits {
        max_file_size: args.max_file_size,
        ..load::Limits::default()
    };
    let session = lint::Session::new(
        config,
        args.schema.as_deref(),
        paths,
        &env.cwd,
        limits,
        lang,
    )?;
    let config = &session.config;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let format = args
        .format
        .or(config.format)
        .unwrap_or(cli::LintFormat::Human);
    let fail_on = args
        .fail_on
        .or(config.fail_on)
        .unwrap_or(cli::FailOn::Error);
    // The catalog the named files are compared against (cross-region rules), unless the
    // paths linted already cover it.
    let catalog = args
        .catalog
        .as_ref()
        .map(|c| env.cwd.join(c))
        .or_else(|| config.catalog.clone())
        .filter(|c| stdin || !covered(c, &args.paths, &env.cwd));
    if let Some(c) = &catalog
        && !c.is_dir()
    {
        return Err(Error::Io {
            path: c.display().to_string(),
            message: "the catalog (--catalog or `catalog` in tongban.toml) is not a folder".into(),
        });
    }
    let mut notes = Vec::new();
    let mut baseline = match &args.baseline {
        Some(p) => {
            let b = baseline::Baseline::read(p, &env.cwd)?;
            notes.extend(b.note(p));
            Some(b)
        }
        None => None,
    };
    let mut writer = args
        .write_baseline
        .as_deref()
        .map(|p| baseline::Writer::new(p, &env.cwd));
    let info = report::RunInfo {
        fail_on: Some(fail_on),
        base: Some(env.cwd.clone()),
        step_summary: env.step_summary.clone(),
    };
    // Report files are created before anything is linted, so a bad path fails early.
    let mut files = Vec::with_capacity(args.output.len());
    for spec in &args.output {
        let path = env.cwd.join(&spec.path);
        // Like ruff's --output-file: missing folders are created.
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let (file, _) = output_file(Some(&path), style)?;
        files.extend(file);
    }
    let file_style = report::Style {
        color: false,
        width: 80,
        ..style
    };
    let stdout_taken = args.output.iter().any(|s| s.format.is_none());
    let mut printers = Vec::with_capacity(files.len() + 1);
    if args.statistics {
        printers.push(report::LintPrinter::statistics(format, style, out));
    } else if !stdout_taken {
        printers.push(report::LintPrinter::with_info(format, style, &info, out)?);
    }
    for (spec, file) in args.output.iter().zip(files.iter_mut()) {
        printers.push(report::LintPrinter::with_info(
            spec.format.unwrap_or(format),
            file_style,
            &info,
            file,
        )?);
    }
    let mut summary = diagnostic::Summary::default();
    // Files whose first report showed findings: a file's cross-region findings must not count it
    // twice, and one whose own findings the baseline hid must count once. Kept as 64-bit hashes
    // of the names: 8 bytes a file even when a million files have findings.
    let mut counted: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let name_hash = |name: &str| {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(name)
    };
    let mut crashed = false;
    let mut sink = |mut r: diagnostic::FileReport, pass: lint::Pass| -> Result<(), Error> {
        crashed |= r
            .findings
            .iter()
            .any(|f| f.code == diagnostic::INTERNAL_ERROR.code);
        if let Some(w) = &mut writer {
            w.record(&r);
        }
        if let Some(b) = &mut baseline {
            b.filter(&mut r);
        }
        match pass {
            lint::Pass::First => {
                summary.add(&r);
                if !r.findings.is_empty() {
                    counted.insert(name_hash(&r.source.name));
                }
            }
            lint::Pass::Again => {
                let already = counted.contains(&name_hash(&r.source.name));
                summary.add_again(&r, already);
            }
        }
        for p in &mut printers {
            p.file(&r)?;
        }
        Ok(())
    };
    if let Some(p) = config.problems.clone() {
        // The config is not a guide: its findings count, the file does not.
        sink(p, lint::Pass::Again)?;
    }
    let context = match &catalog {
        Some(c) => {
            // Named as the walk of a relative path would name them, when inside the cwd.
            let shown = match config::relative_to(c, &env.cwd, &env.cwd) {
                Some(rel) if rel.is_empty() => std::path::PathBuf::from("."),
                Some(rel) if std::path::Path::new(&rel).is_relative() => rel.into(),
                _ => c.clone(),
            };
            Some(input::walk(&[shown], config, lang)?)
        }
        None => None,
    };
    if stdin {
        lint_stdin(&args, context, &session, jobs, &mut sink)?;
    } else {
        let walk = input::walk(&args.paths, config, lang)?;
        let mut progress = progress::Progress::new(env.progress && !style.quiet, "linting");
        lint::run_with_context(walk, context, &session, jobs, &mut progress, &mut sink)?;
        progress.finish();
    }
    if let Some(b) = &baseline {
        summary.baseline_matched = Some(b.matched);
        summary.baseline_fixed = Some(b.fixed());
    }
    let wrote_baseline = match writer {
        Some(w) => {
            summary.baseline_written = Some(w.finish()?);
            true
        }
        None => false,
    };
    for p in printers {
        p.finish(&summary)?;
    }
    for (spec, file) in args.output.iter().zip(files) {
        let path = env.cwd.join(&spec.path);
        finish_output(Some(file), Some(&path), style, &mut notes)?;
    }
    let failed = match fail_on {
        cli::FailOn::Error => summary.errors > 0,
        cli::FailOn::Warning => summary.errors + summary.warnings > 0,
        cli::FailOn::Never => false,
    };
    if summary.files == 0 {
        notes.push(
            lang.pick(
                "warning: 所给路径中没有找到办事指南文件（*.yaml、*.yml），未检查任何文件",
                "warning: no guide files (*.yaml, *.yml) found in the paths given: nothing was linted",
            )
            .to_owned(),
        );
    }
    let status = if crashed {
        EXIT_TROUBLE
    } else {
        u8::from(failed && !wrote_baseline)
    };
    Ok((Outcome { status, notes }, summary))
}

/// Whether one of the linted paths is the catalog or a folder above it.
fn covered(catalog: &std::path::Path, paths: &[std::path::PathBuf], cwd: &std::path::Path) -> bool {
    let Ok(catalog) = std::fs::canonicalize(catalog) else {
        return false;
    };
    paths.iter().any(|p| {
        std::fs::canonicalize(cwd.join(p)).is_ok_and(|p| p.is_dir() && catalog.starts_with(&p))
    })
}

/// `tongban lint -`: one guide from standard input, named by `--stdin-filename` (which the
/// config's include/exclude and per-path levels see), with the catalog as cross-region context:
/// read it, then [`lint::Session::lint_buffer`].
fn lint_stdin(
    args: &cli::LintArgs,
    context: Option<impl Iterator<Item = input::Walked> + Send>,
    session: &lint::Session,
    jobs: usize,
    sink: &mut dyn FnMut(diagnostic::FileReport, lint::Pass) -> Result<(), Error>,
) -> Result<(), Error> {
    use std::io::Read;
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("-"));
    if args.stdin_filename.is_some() && session.config.excluded(&path) {
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
    let catalog = match context {
        Some(context) => {
            let skip: std::collections::HashSet<std::path::PathBuf> =
                std::fs::canonicalize(&path).into_iter().collect();
            session.summaries(context, &skip, &input::pool(jobs)?)?
        }
        None => Vec::new(),
    };
    let name = path.display().to_string();
    let linted = session.lint_buffer(&path, name, &bytes, Some(catalog));
    sink(linted.own, lint::Pass::First)?;
    match linted.cross {
        Some(r) => sink(r, lint::Pass::Again),
        None => Ok(()),
    }
}
