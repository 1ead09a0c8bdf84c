//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

pub mod agreement;
pub mod baseline;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod diagnostic;
pub mod diff;
pub mod fix;
pub mod identity;
pub mod input;
pub mod lint;
pub mod load;
pub mod normalize;
pub mod ontology;
pub mod progress;
pub mod regions;
pub mod report;
pub mod requirement;
pub mod rules;
pub mod schema;
pub mod server;
pub mod source;
pub mod suppress;

/// Operational failures: the tool could not do its job (exit status 2). Findings are not errors.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// A path named on the command line does not exist or cannot be read.
    #[error("cannot read {path}: {message}")]
    #[diagnostic(code(tongban::io))]
    Io {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The schema could not be read or compiled.
    #[error("bad schema {path}: {message}")]
    #[diagnostic(
        code(tongban::schema),
        help(
            "the schema must be JSON Schema 2020-12 (JSON or YAML); $refs may name local files or the national schema's $id"
        )
    )]
    Schema {
        /// Where the schema came from.
        path: String,
        /// Why it failed.
        message: String,
    },
    /// The configuration file (or a data file it names) is not valid.
    #[error("bad configuration: {message}")]
    #[diagnostic(
        code(tongban::config),
        help(
            "`tongban config` prints the effective configuration; docs/rules-and-config.md lists every key"
        )
    )]
    Config {
        /// `path:line:column: what`.
        message: String,
        /// The file's text.
        #[source_code]
        src: miette::NamedSource<String>,
        /// Where.
        #[label("here")]
        span: Option<miette::SourceSpan>,
    },
    /// `tongban rule X` names no check or rule.
    #[error("no check or rule is called `{name}`")]
    #[diagnostic(code(tongban::unknown_rule))]
    UnknownRule {
        /// What was asked for.
        name: String,
        /// "did you mean", or where to look.
        #[help]
        help: String,
    },
    /// The material synonyms dictionary is invalid (its findings, located, are in the message).
    #[error("bad synonyms dictionary {path}:\n{message}")]
    #[diagnostic(
        code(tongban::synonyms),
        help("the dictionary follows schemas/documents.schema.json; see catalogs/documents.yaml")
    )]
    Synonyms {
        /// Where the dictionary came from.
        path: String,
        /// Its error findings, one per line, as `path:line:column: code message`.
        message: String,
    },
    /// The command line asks for something the inputs do not have (an unknown `--item`, ...).
    #[error("{0}")]
    #[diagnostic(code(tongban::usage))]
    Usage(String),
    /// Writing the report failed.
    #[error("cannot write output: {0}")]
    #[diagnostic(code(tongban::output))]
    Output(#[from] std::io::Error),
    /// A file named for output (`-o`, `--write-baseline`) cannot be created or written.
    #[error("cannot write {path}: {message}")]
    #[diagnostic(code(tongban::write))]
    Write {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// tongban crashed on an input: a bug (contained: the run stops cleanly).
    #[error("internal error while reading {path}: {message}")]
    #[diagnostic(
        code(tongban::internal),
        help("this is a bug in tongban: please report it, with the file if you can")
    )]
    Internal {
        /// The file being read.
        path: String,
        /// The panic's message.
        message: String,
    },
}

/// Exit status when the tool could not do its job (or crashed on an input).
pub const EXIT_TROUBLE: u8 = 2;

/// Runs a command line as the `tongban` process does: the report on standard output, notes and
/// errors on standard error; returns the exit status (0, 1 or 2, never a panic's 101).
///
/// A closed standard output (`tongban lint | head`) stops the output quietly, not the run: the
/// status is still the findings'.
pub fn main_process(cli: cli::Cli, env: &Env) -> u8 {
    // Standard output is line-buffered: one write per line is a system call per finding.
    // Block-buffer it unless a person watches it (ripgrep does the same).
    let lock = std::io::stdout().lock();
    let inner: Box<dyn Write> = if env.stdout_is_terminal {
        Box::new(lock)
    } else {
        Box::new(std::io::BufWriter::with_capacity(64 * 1024, lock))
    };
    let mut stdout = report::PipeGuard::new(inner);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        execute(cli, env, &mut stdout)
    }));
    // The last of a buffered report is written here: its failure (a full disk) is the run's.
    let flushed = stdout.flush();
    let result = match result {
        Ok(Ok(outcome)) => Ok(flushed.map(|()| outcome).map_err(Error::Output)),
        other => other,
    };
    let mut stderr = std::io::stderr().lock();
    match result {
        Ok(Ok(outcome)) => {
            for note in &outcome.notes {
                let _ = writeln!(stderr, "{}", source::escape_controls(note));
            }
            outcome.status
        }
        Ok(Err(Error::Output(e))) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Ok(Err(e)) => {
            let _ = writeln!(stderr, "{:?}", miette::Report::new(e));
            EXIT_TROUBLE
        }
        Err(_) => {
            let _ = writeln!(
                stderr,
                "tongban: internal error (a bug): please report it with the command and inputs"
            );
            EXIT_TROUBLE
        }
    }
}

/// What `run` needs from the outside world, so tests can drive it without a process.
pub struct Env {
    /// `LANG` (for the default message language).
    pub locale: Option<String>,
    /// Whether stdout is a terminal.
    pub stdout_is_terminal: bool,
    /// Whether `NO_COLOR` is set.
    pub no_color: bool,
    /// The working directory (where `tongban.toml` is looked for, upward).
    pub cwd: std::path::PathBuf,
    /// Whether a person watches standard error (a terminal, not CI): long runs show progress.
    pub progress: bool,
    /// `GITHUB_STEP_SUMMARY`: where `-f github` appends its Markdown job summary.
    pub step_summary: Option<std::path::PathBuf>,
}

impl Env {
    /// The current process's environment.
    pub fn from_process() -> Self {
        Env {
            locale: std::env::var("LC_ALL")
                .ok()
                .filter(|s| !s.is_empty())
                .or_else(|| std::env::var("LANG").ok()),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            cwd: std::env::current_dir().unwrap_or_else(|_| ".".into()),
            progress: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(Into::into),
        }
    }
}

/// A data file named by the config, or the error saying what is wrong with it.
fn data_file<T>(
    path: &std::path::Path,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse(&text).map_err(|message| Error::Config {
        message: format!("{}:{message}", path.display()),
        src: miette::NamedSource::new(path.display().to_string(), text),
        span: None,
    })
}

/// What a run produced besides its report: the exit status and notes for standard error
/// (skipped files, collisions), which `main` prints.
#[derive(Debug, Default)]
pub struct Outcome {
    /// 0 clean, 1 findings at or above `--fail-on` (lint) / `--fail-under` violated (diff).
    pub status: u8,
    /// One line each, for standard error.
    pub notes: Vec<String>,
}

/// Runs a parsed command line, writing the report to `out`. Returns the exit status: 0 clean,
/// 1 findings at or above `--fail-on` (lint) or `--fail-under` violated (diff). Notes are
/// dropped; use [`execute`] to get them.
pub fn run(cli: cli::Cli, env: &Env, out: &mut dyn Write) -> Result<u8, Error> {
    execute(cli, env, out).map(|o| o.status)
}

/// Runs a parsed command line, writing the report to `out`; returns the status and the notes.
pub fn execute(cli: cli::Cli, env: &Env, out: &mut dyn Write) -> Result<Outcome, Error> {
    let lang = cli
        .lang
        .unwrap_or_else(|| diagnostic::Lang::from_locale(env.locale.as_deref()));
    let color = match cli.color {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    };
    let style = report::Style {
        color,
        width: if env.stdout_is_terminal { 100 } else { 80 },
        lang,
        quiet: cli.quiet,
    };
    let status = match cli.command {
        cli::Command::Diff(args) => {
            return diff_command(args, cli.config.as_deref(), style, env, out);
        }
        cli::Command::Coverage(args) => {
            return coverage_command(args, cli.config.as_deref(), style, env, out);
        }
        cli::Command::Material(args) => {
            material_command(args, cli.config.as_deref(), env, lang, out)
        }
        cli::Command::Schema => {
            out.write_all(schema::NATIONAL_SCHEMA.as_bytes())?;
            Ok(0)
        }
        cli::Command::Rules { markdown: true } => {
            out.write_all(rules::docs::markdown().as_bytes())?;
            Ok(0)
        }
        cli::Command::Rules { markdown: false } => {
            for e in rules::registry() {
                let c = e.check;
                writeln!(
                    out,
                    "{:<6} {:<36} {:<8} {:<12} {}",
                    c.code,
                    c.name,
                    c.severity.as_str(),
                    e.kind.as_str(),
                    lang.pick(c.summary_zh, c.summary_en)
                )?;
            }
            Ok(0)
        }
        cli::Command::Rule { rule } => match rules::lookup(&rule) {
            Some(e) => {
                out.write_all(rules::docs::entry_markdown(&e).as_bytes())?;
                Ok(0)
            }
            None => Err(Error::UnknownRule {
                help: config::unknown_rule_help(&rule, diagnostic::Lang::En),
                name: rule,
            }),
        },
        cli::Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = cli::Cli::command();
            clap_complete::generate(shell, &mut cmd, "tongban", out);
            Ok(0)
        }
        cli::Command::Man { command } => {
            use clap::CommandFactory;
            let mut cmd = cli::Cli::command();
            cmd.build();
            let page = match command {
                None => cmd,
                Some(name) => {
                    let names: Vec<String> = cmd
                        .get_subcommands()
                        .map(|c| c.get_name().to_owned())
                        .collect();
                    let sub = cmd.find_subcommand(&name).cloned().ok_or_else(|| {
                        Error::Usage(format!(
                            "no subcommand `{name}`; subcommands: {}",
                            names.join(", ")
                        ))
                    })?;
                    // tongban-lint(1), as git and cargo name their subcommand pages.
                    let title = format!("tongban-{}", sub.get_name());
                    sub.name(title)
                }
            };
            clap_mangen::Man::new(page).render(out)?;
            Ok(0)
        }
        cli::Command::Config => {
            let config = config::Config::load(cli.config.as_deref(), &env.cwd, lang)?;
            out.write_all(config.to_toml().as_bytes())?;
            Ok(0)
        }
        cli::Command::Lint(args) if args.fix || args.diff => {
            return fix::files::command(args, cli.config.as_deref(), env, lang, style, out);
        }
        cli::Command::Lint(args) => {
            return lint(args, cli.config.as_deref(), env, lang, style, out).map(|(o, _)| o);
        }
        cli::Command::Server(args) => server::run(&args, env, lang, out).map(|()| 0),
    }?;
    Ok(Outcome {
        status,
        notes: Vec::new(),
    })
}

/// What linting needs besides the files: the schema (`--schema`, else the config's, else the
/// national one) and the rules' data (e-licences; the synonyms dictionary `diff` uses: config
/// `synonyms`, else `materials.yaml` at the root of a folder in `paths`, else the bundled one).
pub(crate) fn lint_setup(
    config: &config::Config,
    schema_arg: Option<&std::path::Path>,
    paths: &[std::path::PathBuf],
    cwd: &std::path::Path,
    lang: diagnostic::Lang,
) -> Result<(schema::Schema, rules::Data), Error> {
    let schema = match (schema_arg, &config.schema) {
        (Some(path), _) => schema::Schema::from_file(&cwd.join(path))?,
        (None, Some(path)) => schema::Schema::from_file(path)?,
        (None, None) => schema::Schema::national()?,
    };
    let data = rules::Data {
        licences: match &config.e_licences {
            Some(p) => data_file(p, rules::licences::Licences::parse)?,
            None => rules::licences::Licences::bundled(),
        },
        // The ontology diff uses: config `synonyms`, else the folder's documents.yaml, else
        // the bundled one.
        synonyms: synonyms_for(config.synonyms.as_ref(), paths, lang)?.0,
    };
    Ok((schema, data))
}

/// `tongban lint` without `--fix`: lint, report; the outcome and the counts.
pub(crate) fn lint(
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
            "`-` (standard input) cannot be combined with other paths".into(),
        ));
    }
    if args.stdin_filename.is_some() && !stdin {
        return Err(Error::Usage(
            "--stdin-filename needs `-` as the only path (tongban lint - --stdin-filename PATH)"
                .into(),
        ));
    }
    let paths: &[std::path::PathBuf] = if stdin { &[] } else { &args.paths };
    let (schema, data) = lint_setup(&config, args.schema.as_deref(), paths, &env.cwd, lang)?;
    let opts = lint::Options {
        schema: &schema,
        lang,
        limits: load::Limits {
            max_file_size: args.max_file_size,
            ..load::Limits::default()
        },
        config: &config,
        data: &data,
    };
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
            Some(input::walk(&[shown], &config, lang)?)
        }
        None => None,
    };
    if stdin {
        lint_stdin(&args, context, &opts, jobs, &mut sink)?;
    } else {
        let walk = input::walk(&args.paths, &config, lang)?;
        let mut progress = progress::Progress::new(env.progress && !style.quiet, "linting");
        lint::run_with_context(walk, context, &opts, jobs, &mut progress, &mut sink)?;
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
/// config's include/exclude and per-path levels see), with the catalog as cross-region context.
fn lint_stdin(
    args: &cli::LintArgs,
    context: Option<impl Iterator<Item = input::Walked> + Send>,
    opts: &lint::Options<'_>,
    jobs: usize,
    sink: &mut dyn FnMut(diagnostic::FileReport, lint::Pass) -> Result<(), Error>,
) -> Result<(), Error> {
    use std::io::Read;
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("-"));
    if args.stdin_filename.is_some() && opts.config.excluded(&path) {
        return Ok(());
    }
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(opts.limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Io {
            path: "<standard input>".into(),
            message: e.to_string(),
        })?;
    if bytes.len() as u64 > opts.limits.max_file_size {
        // As for a file: a finding about the input, not a failure of the run.
        let max = opts.limits.max_file_size;
        let finding = diagnostic::Finding::new(
            diagnostic::FILE_TOO_LARGE,
            match opts.lang {
                diagnostic::Lang::Zh => format!("标准输入超过大小上限 {max} 字节，未检查"),
                diagnostic::Lang::En => {
                    format!("standard input is over the limit of {max} bytes; not linted")
                }
            },
            0..0,
        )
        .with_help(opts.lang.pick(
            "如确需检查，可用 --max-file-size 调高上限",
            "raise the limit with --max-file-size if needed",
        ));
        let report = diagnostic::FileReport {
            source: source::Source::new(name, ""),
            findings: vec![finding],
        };
        return sink(report, lint::Pass::First);
    }
    let load = || load::load_bytes(name.clone(), &bytes, &opts.limits, opts.lang);
    let (report, summary) = lint::lint_loaded(&path, load(), opts);
    sink(report, lint::Pass::First)?;
    let Some(summary) = summary else {
        return Ok(());
    };
    let mut guides = vec![summary];
    if let Some(context) = context {
        // The file it stands for, if it is in the catalog, is replaced by standard input.
        let skip: std::collections::HashSet<std::path::PathBuf> =
            std::fs::canonicalize(&path).into_iter().collect();
        guides.extend(lint::summaries(context, &skip, opts, &input::pool(jobs)?)?);
    }
    for p in lint::cross_region_reported(guides, 1, opts) {
        sink(lint::locate_loaded(p, load()), lint::Pass::Again)?;
    }
    Ok(())
}

/// `tongban material`: read names as requirements → render.
fn material_command(
    args: cli::MaterialArgs,
    config_path: Option<&std::path::Path>,
    env: &Env,
    lang: diagnostic::Lang,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let ontology = match &args.synonyms {
        Some(path) => ontology::Ontology::from_file(&env.cwd.join(path), lang)?,
        None => {
            let config = config::Config::load(config_path, &env.cwd, lang)?;
            match &config.synonyms {
                Some(path) => ontology::Ontology::from_file(path, lang)?,
                None => ontology::Ontology::bundled()?,
            }
        }
    };
    let item = args
        .item
        .as_deref()
        .map(normalize::normalize)
        .unwrap_or_default();
    let is_code = item.len() == 12 && item.bytes().all(|b| b.is_ascii_alphanumeric());
    let item_ref = requirement::ItemRef {
        name: if is_code { "" } else { &item },
        code: is_code.then_some(item.as_str()),
    };
    let reader = requirement::Reader::new(&ontology);
    let mut readings: Vec<requirement::Reading> = args
        .names
        .iter()
        .map(|n| reader.read(item_ref, n))
        .collect();
    // As one guide listing them: 户口簿 next to 身份证 is its own requirement.
    let assigned: Vec<(String, String)> = {
        let pieces: Vec<&requirement::Piece> =
            readings.iter().flat_map(|r| r.pieces.iter()).collect();
        requirement::assign(&pieces)
            .into_iter()
            .map(|(k, n)| (k.to_owned(), n.to_owned()))
            .collect()
    };
    for (piece, (key, name)) in readings
        .iter_mut()
        .flat_map(|r| r.pieces.iter_mut())
        .zip(assigned)
    {
        if piece.requirement != key {
            piece.how.push(requirement::How::OwnRequirement {
                requirement: std::mem::replace(&mut piece.name, name),
            });
        } else {
            piece.name = name;
        }
        piece.requirement = key;
    }
    report::material::render(&readings, args.item.as_deref(), args.format, lang, out)?;
    Ok(0)
}

/// `tongban diff`: index → compare → render.
fn diff_command(
    args: cli::DiffArgs,
    config_path: Option<&std::path::Path>,
    style: report::Style,
    env: &Env,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let lang = style.lang;
    let pairwise = !args.regions.is_empty();
    if pairwise && args.regions.len() != 2 {
        return Err(Error::Usage(format!(
            "--regions takes exactly two region codes (A,B), got {}",
            args.regions.len()
        )));
    }
    if pairwise && !matches!(args.format, cli::DiffFormat::Table | cli::DiffFormat::Json) {
        return Err(Error::Usage(
            "the pairwise view (--regions) prints as table (a unified diff) or json".into(),
        ));
    }
    if args.format == cli::DiffFormat::Xlsx && args.output.is_none() && env.stdout_is_terminal {
        return Err(Error::Usage(
            "xlsx is a binary format: write it to a file with -o FILE (or pipe it)".into(),
        ));
    }
    let (synonyms, dictionary) = synonyms_for(args.catalog.synonyms.as_ref(), &args.paths, lang)?;
    // The config's `exclude` globs and data files apply to diff as to lint.
    let config = config::Config::load(config_path, &env.cwd, lang)?;
    // Streamed: the walk is consumed chunk by chunk, never held as a list.
    let walk = input::walk(&args.paths, &config, lang)?;
    let mut regions = args.region.clone();
    regions.extend(args.regions.iter().cloned());
    let mut catalog = catalog::Catalog::with_ontology(
        catalog::Filter {
            item: args.item.clone(),
            regions: regions.clone(),
        },
        synonyms,
    );
    let jobs = args
        .catalog
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let limits = load::Limits {
        max_file_size: args.catalog.max_file_size,
        ..load::Limits::default()
    };
    // Dictionaries are not guides: the one in use, and any at the root of a folder given.
    let mut skip: Vec<std::path::PathBuf> = dictionary.into_iter().collect();
    skip.extend(
        args.paths
            .iter()
            .flat_map(|p| ontology::FILE_NAMES.map(|f| p.join(f)))
            .filter(|p| p.is_file()),
    );
    let mut progress = progress::Progress::new(env.progress && !style.quiet, "reading guides");
    catalog.index(walk, &limits, &skip, jobs, &mut progress)?;
    progress.finish();

    let mut notes: Vec<String> = Vec::new();
    for s in &catalog.skipped {
        notes.push(format!("note: skipped {}: {}", s.path, s.reason));
    }
    for c in &catalog.collisions {
        notes.push(format!(
            "warning: {} and {} both describe {} in region {}; compared only the first",
            c.kept, c.ignored, c.item, c.region
        ));
    }
    if let Some(item) = &args.item
        && catalog.items.is_empty()
    {
        return Err(Error::Usage(format!(
            "no guide of item `{item}` in the inputs"
        )));
    }
    for r in &regions {
        if !catalog.regions_seen.contains(r) {
            let mut seen: Vec<&str> = catalog
                .regions_seen
                .iter()
                .map(String::as_str)
                .filter(|c| *c != catalog::BASELINE_REGION)
                .collect();
            seen.truncate(30);
            return Err(Error::Usage(format!(
                "no guide{} for region `{r}`; regions present: {}",
                if args.item.is_some() {
                    " of that item"
                } else {
                    ""
                },
                seen.join(", ")
            )));
        }
    }

    // Write straight to the output file: a report of a national-size catalog is not held in memory.
    let (mut file, file_style) = output_file(args.output.as_ref(), style)?;
    let target: &mut dyn Write = match file.as_mut() {
        Some(f) => f,
        None => out,
    };
    let mut safe;
    let target = match args.format {
        cli::DiffFormat::Table | cli::DiffFormat::Markdown => {
            safe = report::TerminalSafe::new(target);
            &mut safe as &mut dyn Write
        }
        _ => target,
    };
    let mut status = 0;
    if pairwise {
        let view = diff::pairwise(&catalog, &args.regions[0], &args.regions[1])?;
        report::diff::render_pairwise(&view, args.format, file_style, target)?;
    } else {
        let cmp = diff::compare(&catalog);
        report::diff::render(&cmp, args.format, file_style, target)?;
        if let Some(threshold) = args.fail_under {
            let failing = diff::fails_under(&cmp, threshold);
            for i in &failing {
                notes.push(format!(
                    "error: {} has uniformity {:.2}, below --fail-under {threshold}",
                    i.name, i.uniformity
                ));
            }
            status = u8::from(!failing.is_empty());
        }
    }
    target.flush()?;
    finish_output(file, args.output.as_ref(), style, &mut notes)?;
    Ok(Outcome { status, notes })
}

/// The document ontology for `diff`, `coverage`, `material` and TB209: the bundled one, extended
/// by the file named (`--synonyms`, config `synonyms`), else by `documents.yaml` (or the legacy
/// `materials.yaml`) at the root of a folder given; with the user file's path.
fn synonyms_for(
    explicit: Option<&std::path::PathBuf>,
    paths: &[std::path::PathBuf],
    lang: diagnostic::Lang,
) -> Result<(ontology::Ontology, Option<std::path::PathBuf>), Error> {
    Ok(match explicit {
        Some(path) => (
            ontology::Ontology::from_file(path, lang)?,
            Some(path.clone()),
        ),
        None => match paths
            .iter()
            .flat_map(|p| ontology::FILE_NAMES.map(|f| p.join(f)))
            .find(|p| p.is_file())
        {
            Some(path) => (ontology::Ontology::from_file(&path, lang)?, Some(path)),
            None => (ontology::Ontology::bundled()?, None),
        },
    })
}

/// `-o FILE`, created (buffered) before anything is computed, so a bad path fails early; with
/// the style to write it in (no colour in a file).
fn output_file(
    path: Option<&std::path::PathBuf>,
    style: report::Style,
) -> Result<(Option<std::io::BufWriter<std::fs::File>>, report::Style), Error> {
    let file = path
        .map(|path| {
            std::fs::File::create(path)
                .map(std::io::BufWriter::new)
                .map_err(|e| Error::Write {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })
        })
        .transpose()?;
    let mut style = style;
    if path.is_some() {
        style.color = false;
    }
    Ok((file, style))
}

/// Flushes `-o FILE` and notes that it was written.
fn finish_output(
    file: Option<std::io::BufWriter<std::fs::File>>,
    path: Option<&std::path::PathBuf>,
    style: report::Style,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    if let (Some(mut f), Some(path)) = (file, path) {
        f.flush().map_err(|e| Error::Write {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        if !style.quiet {
            notes.push(format!("wrote {}", path.display()));
        }
    }
    Ok(())
}

/// `tongban coverage`: agreements and guides → coverage (with the `diff` comparison of each
/// item two or more members publish) → render.
fn coverage_command(
    args: cli::CoverageArgs,
    config_path: Option<&std::path::Path>,
    style: report::Style,
    env: &Env,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let lang = style.lang;
    if args.format == cli::DiffFormat::Xlsx && args.output.is_none() && env.stdout_is_terminal {
        return Err(Error::Usage(
            "xlsx is a binary format: write it to a file with -o FILE (or pipe it)".into(),
        ));
    }
    let (synonyms, _) = synonyms_for(args.catalog.synonyms.as_ref(), &args.paths, lang)?;
    let config = config::Config::load(config_path, &env.cwd, lang)?;
    let limits = load::Limits {
        max_file_size: args.catalog.max_file_size,
        ..load::Limits::default()
    };
    let jobs = args
        .catalog
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    // The agreements: those named, else every agreement file under the paths.
    let mut agreement_files: Vec<input::Input> = Vec::new();
    if args.agreement.is_empty() {
        let (inputs, _) = input::collect(&args.paths, &config, lang)?;
        agreement_files.extend(inputs.into_iter().filter(|i| input::is_agreement(&i.path)));
    } else {
        for p in &args.agreement {
            if p.is_dir() {
                let (inputs, _) = input::collect(std::slice::from_ref(p), &config, lang)?;
                agreement_files.extend(inputs);
            } else if p.is_file() {
                agreement_files.push(input::Input {
                    path: p.clone(),
                    name: p.display().to_string(),
                    walked: false,
                });
            } else {
                return Err(Error::Io {
                    path: p.display().to_string(),
                    message: "no such agreement file".into(),
                });
            }
        }
    }
    if agreement_files.is_empty() {
        return Err(Error::Usage(format!(
            "no agreement file: give --agreement FILE, or a folder with agreements in an `{}/` folder (e.g. catalogs)",
            input::AGREEMENTS_DIR
        )));
    }
    let loaded: Vec<agreement::Loaded> = agreement_files
        .iter()
        .map(|i| agreement::load_file(&i.path, i.name.clone(), &limits, lang))
        .collect();
    // Agreement files named with --agreement outside an `agreements/` folder are not guides either.
    let named: Vec<std::path::PathBuf> = agreement_files
        .iter()
        .filter_map(|i| std::fs::canonicalize(&i.path).ok())
        .collect();

    let walk = input::walk(&args.paths, &config, lang)?;
    let mut progress = progress::Progress::new(env.progress && !style.quiet, "reading guides");
    let (guides, skipped) = coverage::read_guides(walk, &limits, &named, jobs, &mut progress)?;
    progress.finish();
    let inputs: Vec<coverage::AgreementInput<'_>> = loaded
        .iter()
        .filter_map(|l| {
            Some(coverage::AgreementInput {
                agreement: l.agreement.as_ref()?,
                source: &l.report.source,
                document: l.document.as_ref()?,
            })
        })
        .collect();
    let mut cov = coverage::compute(&inputs, &guides, skipped, &synonyms, lang);
    drop(inputs);
    // Problems in the agreement files themselves come first in their file's report.
    for l in loaded {
        if l.report.findings.is_empty() {
            continue;
        }
        match cov
            .findings
            .iter_mut()
            .find(|r| r.source.name == l.report.source.name)
        {
            Some(r) => {
                r.findings.extend(l.report.findings);
                r.sort();
            }
            None => cov.findings.push(l.report),
        }
    }
    // Rule levels from tongban.toml apply as in lint (`TB501 = "off"`, per-path overrides).
    for r in &mut cov.findings {
        config
            .levels(std::path::Path::new(&r.source.name))
            .apply(&mut r.findings);
    }
    cov.findings.retain(|r| !r.findings.is_empty());
    cov.findings
        .sort_by(|a, b| a.source.name.cmp(&b.source.name));

    let mut notes: Vec<String> = cov
        .skipped
        .iter()
        .map(|s| format!("note: skipped {}: {}", s.path, s.reason))
        .collect();
    let (mut file, file_style) = output_file(args.output.as_ref(), style)?;
    let target: &mut dyn Write = match file.as_mut() {
        Some(f) => f,
        None => out,
    };
    let mut safe;
    let target = match args.format {
        cli::DiffFormat::Table | cli::DiffFormat::Markdown => {
            safe = report::TerminalSafe::new(target);
            &mut safe as &mut dyn Write
        }
        _ => target,
    };
    report::coverage::render(&cov, args.format, file_style, target)?;
    target.flush()?;
    let (file_errors, rule_errors) = cov.errors();
    if file_errors > 0 {
        notes.push(format!(
            "error: {file_errors} error{} in agreement files; their coverage is not reported",
            if file_errors == 1 { "" } else { "s" }
        ));
    }
    if rule_errors > 0 {
        notes.push(format!(
            "error: {rule_errors} coverage finding{} at error severity (raised in tongban.toml)",
            if rule_errors == 1 { "" } else { "s" }
        ));
    }
    let errors = file_errors + rule_errors;
    let mut failing = 0;
    if let Some(threshold) = args.fail_under {
        for a in cov.fails_under(threshold) {
            failing += 1;
            notes.push(format!(
                "error: {} coverage {} is below --fail-under {}%",
                a.info.label(),
                report::coverage::percent(a.coverage.unwrap_or(0.0)),
                (threshold * 1000.0).round() / 10.0
            ));
        }
    }
    finish_output(file, args.output.as_ref(), style, &mut notes)?;
    Ok(Outcome {
        status: u8::from(errors > 0 || failing > 0),
        notes,
    })
}
