//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

pub mod catalog;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod lint;
pub mod load;
pub mod normalize;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;

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
    /// The material synonyms dictionary is invalid (its findings, located, are in the message).
    #[error("bad synonyms dictionary {path}:\n{message}")]
    #[diagnostic(
        code(tongban::synonyms),
        help("the dictionary follows schemas/materials.schema.json; see catalogs/materials.yaml")
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
}

/// What `run` needs from the outside world, so tests can drive it without a process.
pub struct Env {
    /// `LANG` (for the default message language).
    pub locale: Option<String>,
    /// Whether stdout is a terminal.
    pub stdout_is_terminal: bool,
    /// Whether `NO_COLOR` is set.
    pub no_color: bool,
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
        }
    }
}

/// Runs a parsed command line, writing the report to `out`. Returns the exit status: 0 clean,
/// 1 findings at error severity.
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
        cli::Command::Lint(args) => {
            let schema = match &args.schema {
                Some(path) => schema::Schema::from_file(path)?,
                None => schema::Schema::national()?,
            };
            let (inputs, problems) = lint::collect(&args.paths, lang)?;
            let opts = lint::Options {
                schema: &schema,
                lang,
                limits: load::Limits {
                    max_file_size: args.max_file_size,
                    ..load::Limits::default()
                },
            };
            let jobs = args
                .jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                .max(1);
            let mut printer = report::LintPrinter::new(args.format, style, out)?;
            let mut summary = lint::run(&inputs, &opts, jobs, |r| printer.file(&r))?;
            for p in &problems {
                summary.add(p);
                printer.file(p)?;
            }
            printer.finish(&summary)?;
            Ok(u8::from(summary.errors > 0))
        }
    }
}
