//! The front door: one file per subcommand. The only room that knows every stage; nothing but
//! `main.rs` (and the crate's re-exports) uses it.

use std::io::{IsTerminal, Write};

use crate::error::{EXIT_TROUBLE, Error};
use crate::i18n::tr;
use crate::{cli, diagnostic, report, source};

mod coverage;
mod diff;
mod fix;
mod info;
mod lint;
mod material;
mod server;
mod settings;

/// Parses the arguments and runs them as the `tongban` process does; `--help`, `--version` and
/// a command line clap refuses are printed here, in the language of the run (`--lang` read
/// before parsing, else the locale): status 0 for help and version, 2 for a refused line.
pub fn main_args(args: Vec<std::ffi::OsString>, env: &Env) -> u8 {
    let lang =
        cli::lang_of(&args).unwrap_or_else(|| diagnostic::Lang::from_locale(env.locale.as_deref()));
    match cli::parse(args, lang) {
        Ok(cli) => main_process(cli, env),
        Err(e) => {
            // A closed pipe after `--help | head` is not an error of the command line.
            let _ = match cli::error_text(&e, lang) {
                Some(text) => write!(std::io::stderr().lock(), "{text}"),
                None => e.print(),
            };
            u8::try_from(e.exit_code()).unwrap_or(EXIT_TROUBLE)
        }
    }
}

/// Runs a parsed command line as the `tongban` process does: the report on standard output, notes and
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
    let lang = cli
        .lang
        .unwrap_or_else(|| diagnostic::Lang::from_locale(env.locale.as_deref()));
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
                let note = crate::i18n::explain_os_errors(note, lang);
                let _ = writeln!(stderr, "{}", source::escape_controls(&note));
            }
            outcome.status
        }
        Ok(Err(Error::Output(e))) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Ok(Err(e)) => {
            let text = format!("{:?}", e.report(lang));
            let text = match lang {
                diagnostic::Lang::Zh => report::human::help_label_zh(&text),
                diagnostic::Lang::En => text,
            };
            let _ = writeln!(stderr, "{text}");
            EXIT_TROUBLE
        }
        Err(_) => {
            let _ = writeln!(stderr, "{}", tr!(lang, "error-panic"));
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
    /// Its width in columns when it is one (human output is wrapped to it).
    pub terminal_width: Option<usize>,
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
            locale: cli::process_locale(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            terminal_width: terminal_size::terminal_size_of(std::io::stdout())
                .map(|(w, _)| usize::from(w.0).max(40)),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            cwd: std::env::current_dir().unwrap_or_else(|_| ".".into()),
            progress: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(Into::into),
        }
    }
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
    let s = settings::Settings::new(&cli, env);
    let lang = s.lang;
    let status = match cli.command {
        cli::Command::Diff(args) => return diff::command(args, &s, out),
        cli::Command::Coverage(args) => return coverage::command(args, &s, out),
        cli::Command::Material(args) => return material::command(args, &s, out),
        cli::Command::Schema => info::schema(out),
        cli::Command::Rules { markdown } => info::rules(markdown, lang, out),
        cli::Command::Rule { rule } => info::rule(&rule, lang, out),
        cli::Command::Completions { shell } => info::completions(shell, out),
        cli::Command::Man { command } => info::man(command, lang, out),
        cli::Command::Config => info::config(&s, out),
        cli::Command::Lint(args) if args.fix || args.diff => {
            return fix::command(settings::Lint::resolve(args, &s)?, &s, out);
        }
        cli::Command::Lint(args) => {
            return lint::command(settings::Lint::resolve(args, &s)?, &s, out).map(|(o, _)| o);
        }
        cli::Command::Server(args) => server::run(&args, env, lang, out).map(|()| 0),
    }?;
    Ok(Outcome {
        status,
        notes: Vec::new(),
    })
}

/// `-o FILE`, created (buffered) before anything is computed, so a bad path fails early; with
/// the style to write it in (no colour in a file).
fn output_file(
    path: Option<&std::path::PathBuf>,
    style: report::Style,
) -> Result<(Option<crate::atomic::Atomic>, report::Style), Error> {
    // Written beside the target and renamed over it at the end: a failed run leaves the
    // previous report, never a cut one.
    let file = path
        .map(|path| {
            crate::atomic::Atomic::create(path, style.lang).map_err(|message| Error::Write {
                path: path.display().to_string(),
                message,
            })
        })
        .transpose()?;
    let mut style = style;
    if path.is_some() {
        style.color = false;
    }
    Ok((file, style))
}

/// Writes a diff or coverage report: to `-o FILE` (created first, so a bad path fails before
/// anything is rendered; no colour) or to `out`, the text formats through
/// [`report::TerminalSafe`]; flushed. Returns the file, for [`finish_output`], and what `render`
/// returned.
fn write_report<T>(
    format: report::DiffFormat,
    output: Option<&std::path::PathBuf>,
    style: report::Style,
    out: &mut dyn Write,
    render: impl FnOnce(&mut dyn Write, report::Style) -> Result<T, Error>,
) -> Result<(Option<crate::atomic::Atomic>, T), Error> {
    let (mut file, file_style) = output_file(output, style)?;
    let target: &mut dyn Write = match file.as_mut() {
        Some(f) => f,
        None => out,
    };
    let mut safe;
    let target = match format {
        report::DiffFormat::Table | report::DiffFormat::Markdown => {
            safe = report::TerminalSafe::new(target);
            &mut safe as &mut dyn Write
        }
        _ => target,
    };
    let value = render(target, file_style)?;
    target.flush()?;
    Ok((file, value))
}

/// Refuses `-o FILE` (or `--write-baseline FILE`) naming one of the run's inputs.
fn refuse_input<'p>(
    path: &std::path::Path,
    inputs: impl IntoIterator<Item = &'p std::path::Path>,
    lang: crate::diagnostic::Lang,
) -> Result<(), Error> {
    crate::atomic::refuse_input(path, inputs, lang).map_err(|message| Error::Write {
        path: path.display().to_string(),
        message,
    })
}

/// Commits `-o FILE` (flushed, synced, renamed over the target) and notes that it was written.
fn finish_output(
    file: Option<crate::atomic::Atomic>,
    path: Option<&std::path::PathBuf>,
    style: report::Style,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    if let (Some(f), Some(path)) = (file, path) {
        f.commit().map_err(|e| Error::Write {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        if !style.quiet {
            notes.push(tr!(
                style.lang,
                "note-wrote",
                path = path.display().to_string()
            ));
        }
    }
    Ok(())
}

/// The refusal to write a binary workbook to a terminal.
fn xlsx_to_terminal(lang: crate::diagnostic::Lang) -> String {
    tr!(lang, "xlsx-to-terminal")
}

/// `note: skipped PATH: REASON`.
fn skipped_note(path: &str, reason: &str, lang: crate::diagnostic::Lang) -> String {
    tr!(lang, "note-skipped", path = path, reason = reason)
}
