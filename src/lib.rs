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

/// What a run produced besides its report: the exit status and notes for standard error
/// (skipped files, collisions), which `main` prints.
#[derive(Debug, Default)]
pub struct Outcome {
    /// 0 clean, 1 findings at error severity / `--fail-under` violated.
    pub status: u8,
    /// One line each, for standard error.
    pub notes: Vec<String>,
}

/// Runs a parsed command line, writing the report to `out`. Returns the exit status: 0 clean,
/// 1 findings at error severity (lint) or `--fail-under` violated (diff). Notes are dropped; use
/// [`execute`] to get them.
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
    match cli.command {
        cli::Command::Schema => {
            out.write_all(schema::NATIONAL_SCHEMA.as_bytes())?;
            Ok(Outcome::default())
        }
        cli::Command::Diff(args) => diff_command(args, style, env, out),
        cli::Command::Lint(args) => {
            let schema = match &args.schema {
                Some(path) => schema::Schema::from_file(path)?,
                None => schema::Schema::national()?,
            };
            let walk = lint::walk(&args.paths, lang)?;
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
            let summary = lint::run(walk, &opts, jobs, |r| printer.file(&r))?;
            printer.finish(&summary)?;
            Ok(Outcome {
                status: u8::from(summary.errors > 0),
                notes: Vec::new(),
            })
        }
    }
}

/// `tongban diff`: index → compare → render.
fn diff_command(
    args: cli::DiffArgs,
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
    let (synonyms, dictionary) = match &args.synonyms {
        Some(path) => (
            normalize::Synonyms::from_file(path, lang)?,
            Some(path.clone()),
        ),
        None => match args
            .paths
            .iter()
            .map(|p| p.join(normalize::DICTIONARY_FILE))
            .find(|p| p.is_file())
        {
            Some(path) => (normalize::Synonyms::from_file(&path, lang)?, Some(path)),
            None => (normalize::Synonyms::bundled()?, None),
        },
    };
    // Streamed: the walk is consumed chunk by chunk, never held as a list.
    let walk = lint::walk(&args.paths, lang)?;
    let mut regions = args.region.clone();
    regions.extend(args.regions.iter().cloned());
    let mut catalog = catalog::Catalog::new(catalog::Filter {
        item: args.item.clone(),
        regions: regions.clone(),
    });
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let limits = load::Limits {
        max_file_size: args.max_file_size,
        ..load::Limits::default()
    };
    // Dictionaries are not guides: the one in use, and any at the root of a folder given.
    let mut skip: Vec<std::path::PathBuf> = dictionary.into_iter().collect();
    skip.extend(
        args.paths
            .iter()
            .map(|p| p.join(normalize::DICTIONARY_FILE))
            .filter(|p| p.is_file()),
    );
    catalog.index(walk, &synonyms, &limits, &skip, jobs)?;

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
    let mut file = match &args.output {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| Error::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })?,
        )),
        None => None,
    };
    let mut file_style = style;
    if args.output.is_some() {
        file_style.color = false;
    }
    let target: &mut dyn Write = match file.as_mut() {
        Some(f) => f,
        None => out,
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
    if let (Some(mut f), Some(path)) = (file, &args.output) {
        f.flush().map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        if !style.quiet {
            notes.push(format!("wrote {}", path.display()));
        }
    }
    Ok(Outcome { status, notes })
}
