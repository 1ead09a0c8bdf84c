//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod lint;
pub mod load;
pub mod report;
pub mod rules;
pub mod schema;
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
    #[error("no check or rule is called `{0}`")]
    #[diagnostic(
        code(tongban::unknown_rule),
        help("`tongban rules` lists every code and name")
    )]
    UnknownRule(String),
    /// Writing the report failed.
    #[error("cannot write output: {0}")]
    #[diagnostic(code(tongban::output))]
    Output(#[from] std::io::Error),
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

/// Runs a parsed command line, writing the report to `out`. Returns the exit status: 0 clean,
/// 1 findings at or above `--fail-on`.
pub fn run(cli: cli::Cli, env: &Env, out: &mut dyn Write) -> Result<u8, Error> {
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
    match cli.command {
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
            None => Err(Error::UnknownRule(rule)),
        },
        cli::Command::Config => {
            let config = config::Config::load(cli.config.as_deref(), &env.cwd, lang)?;
            out.write_all(config.to_toml().as_bytes())?;
            Ok(0)
        }
        cli::Command::Lint(args) => lint(args, cli.config.as_deref(), env, lang, style, out),
    }
}

fn lint(
    args: cli::LintArgs,
    config_path: Option<&std::path::Path>,
    env: &Env,
    lang: diagnostic::Lang,
    style: report::Style,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let config = config::Config::load(config_path, &env.cwd, lang)?;
    let schema = match (&args.schema, &config.schema) {
        (Some(path), _) => schema::Schema::from_file(&env.cwd.join(path))?,
        (None, Some(path)) => schema::Schema::from_file(path)?,
        (None, None) => schema::Schema::national()?,
    };
    let data = rules::Data {
        licences: match &config.e_licences {
            Some(p) => data_file(p, rules::licences::Licences::parse)?,
            None => rules::licences::Licences::bundled(),
        },
        synonyms: match &config.synonyms {
            Some(p) => data_file(p, rules::names::Synonyms::parse)?,
            None => rules::names::Synonyms::default(),
        },
    };
    let walk = lint::walk(&args.paths, &config, lang)?;
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
    let mut baseline = match &args.baseline {
        Some(p) => Some(baseline::Baseline::read(p, &env.cwd)?),
        None => None,
    };
    let mut writer = args
        .write_baseline
        .as_deref()
        .map(|p| baseline::Writer::new(p, &env.cwd));
    let mut printer = report::LintPrinter::new(format, style, out)?;
    let mut summary = diagnostic::Summary::default();
    let mut sink = |mut r: diagnostic::FileReport, again: Option<bool>| -> Result<(), Error> {
        if let Some(w) = &mut writer {
            w.record(&r);
        }
        if let Some(b) = &mut baseline {
            b.filter(&mut r);
        }
        match again {
            None => summary.add(&r),
            Some(had) => summary.add_again(&r, had),
        }
        printer.file(&r)
    };
    if let Some(p) = config.problems.clone() {
        // The config is not a guide: its findings count, the file does not.
        sink(p, Some(false))?;
    }
    lint::run(walk, &opts, jobs, &mut sink)?;
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
    printer.finish(&summary)?;
    let failed = match fail_on {
        cli::FailOn::Error => summary.errors > 0,
        cli::FailOn::Warning => summary.errors + summary.warnings > 0,
        cli::FailOn::Never => false,
    };
    Ok(u8::from(failed && !wrote_baseline))
}
