//! Settings resolved once, as ripgrep resolves its flags (`LowArgs` → `HiArgs`): the command
//! line, `tongban.toml` and the environment become one value per run — language, style, jobs,
//! limits, formats, outputs, catalog — before any command starts. A command reads these values;
//! none looks at the environment, loads the configuration or computes a default itself. A new
//! setting is one field here and one line in [`Lint::resolve`] (or its command's resolver).

use std::path::{Path, PathBuf};

use super::Env;
use crate::cli;
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::i18n::tr;
use crate::input;
use crate::lint::Session;
use crate::lint::baseline::Baseline;
use crate::lint::config::{self, Config};
use crate::load::Limits;
use crate::progress::Progress;
use crate::report::{self, FailOn, LintFormat};

/// What every command shares: the language, how output looks, where the configuration is.
pub(super) struct Settings<'e> {
    /// The process's environment (working directory, terminal, CI).
    pub env: &'e Env,
    /// Message language: `--lang`, else the locale.
    pub lang: Lang,
    /// Colour, width, quiet.
    pub style: report::Style,
    /// `--config`, when given.
    config_path: Option<PathBuf>,
}

impl<'e> Settings<'e> {
    /// The global options and the environment, resolved.
    pub(super) fn new(cli: &cli::Cli, env: &'e Env) -> Self {
        let lang = cli
            .lang
            .unwrap_or_else(|| Lang::from_locale(env.locale.as_deref()));
        let color = match cli.color {
            cli::ColorChoice::Always => true,
            cli::ColorChoice::Never => false,
            cli::ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
        };
        let style = report::Style {
            color,
            width: env.terminal_width.unwrap_or(80),
            fold: env.terminal_width.is_some(),
            lang,
            quiet: cli.quiet,
        };
        Settings {
            env,
            lang,
            style,
            config_path: cli.config.clone(),
        }
    }

    /// The configuration in force: `--config`, else `tongban.toml` found upward from the working
    /// directory, else the defaults. The one place a command loads it.
    pub(super) fn config(&self) -> Result<Config, Error> {
        Config::load(self.config_path.as_deref(), &self.env.cwd, self.lang)
    }

    /// A progress line on standard error, shown only when a person watches and `--quiet` is off.
    pub(super) fn progress(&self, label: &'static str) -> Progress {
        Progress::new(self.env.progress && !self.style.quiet, self.lang, label)
    }

    /// The working directory.
    pub(super) fn cwd(&self) -> &Path {
        &self.env.cwd
    }
}

/// Worker threads: `--jobs`, else one per core (at least one).
pub(super) fn jobs(arg: Option<usize>) -> usize {
    arg.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Resource limits: `--max-file-size`, the rest at their defaults.
pub(super) fn limits(max_file_size: u64) -> Limits {
    Limits {
        max_file_size,
        ..Limits::default()
    }
}

/// `tongban lint` (and `--fix`, `--diff`), resolved.
pub(super) struct Lint {
    /// Schema, data, configuration and limits: what every file is linted with.
    pub session: Session,
    /// The paths to lint (empty for standard input).
    pub paths: Vec<PathBuf>,
    /// `Some(path it stands for)` when linting standard input (`-`; `-` itself without
    /// `--stdin-filename`).
    pub stdin: Option<PathBuf>,
    /// Worker threads.
    pub jobs: usize,
    /// The report format: `--format`, else the config's, else human.
    pub format: LintFormat,
    /// When the run fails: `--fail-on`, else the config's, else error (a level and codes).
    pub fail_on: FailOn,
    /// The catalog walked as cross-region context (as the walk of a relative path names it),
    /// unless the paths linted cover it.
    pub catalog: Option<PathBuf>,
    /// `-o [FORMAT=]PATH`, each path joined to the working directory.
    pub outputs: Vec<cli::OutputSpec>,
    /// `--statistics`.
    pub statistics: bool,
    /// `--baseline`, read.
    pub baseline: Option<Baseline>,
    /// `--write-baseline`.
    pub write_baseline: Option<PathBuf>,
    /// `--unsafe-fixes`.
    pub unsafe_fixes: bool,
    /// `--diff` (show fixes) rather than `--fix` (write them).
    pub diff: bool,
    /// Notes already due (the baseline's).
    pub notes: Vec<String>,
}

impl Lint {
    /// Resolves `tongban lint`'s options against the configuration; usage mistakes are errors
    /// here, before anything is read.
    pub(super) fn resolve(args: cli::LintArgs, s: &Settings<'_>) -> Result<Lint, Error> {
        let lang = s.lang;
        if (args.fix || args.diff) && args.paths.iter().any(|p| p.as_os_str() == "-") {
            // Fixes are written back to files; standard input has none to write to.
            return Err(Error::Usage(tr!(lang, "lint-fix-stdin")));
        }
        let config = s.config()?;
        let stdin = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
        stdin_usage(&args, stdin, lang)?;
        let paths = if stdin { Vec::new() } else { args.paths };
        let session = Session::new(
            config,
            args.schema.as_deref(),
            &paths,
            s.cwd(),
            limits(args.max_file_size),
            lang,
        )?;
        let config = &session.config;
        let format = args.format.or(config.format).unwrap_or(LintFormat::Human);
        let fail_on = if args.fail_on.is_empty() {
            config.fail_on.clone().unwrap_or_default()
        } else {
            FailOn::parse(&args.fail_on, lang).map_err(Error::Usage)?
        };
        let mut catalog = catalog(
            args.catalog.as_deref(),
            config,
            &paths,
            stdin,
            s.cwd(),
            lang,
        )?;
        let mut notes = Vec::new();
        // Guides named without their catalog: the cross-region rules want all of it.
        if catalog.is_none()
            && !stdin
            && args.catalog.is_none()
            && config.catalog.is_none()
            && let Some(root) = discover(&paths, s.cwd())
        {
            let shown = shown(root.path(), s.cwd());
            notes.push(found_note(&root, &shown, lang));
            catalog = Some(shown);
        }
        let baseline = match &args.baseline {
            // `--diff` prints fixes, not findings: no baseline to read.
            Some(p) if !args.diff => {
                let b = Baseline::read(p, s.cwd())?;
                notes.extend(b.note(p));
                Some(b)
            }
            _ => None,
        };
        let stdin = stdin.then(|| args.stdin_filename.unwrap_or_else(|| PathBuf::from("-")));
        Ok(Lint {
            session,
            paths,
            stdin,
            jobs: jobs(args.jobs),
            format,
            fail_on,
            catalog,
            outputs: args.output,
            statistics: args.statistics,
            baseline,
            write_baseline: args.write_baseline,
            unsafe_fixes: args.unsafe_fixes,
            diff: args.diff,
            notes,
        })
    }
}

/// `-` stands alone, and `--stdin-filename` needs it.
fn stdin_usage(args: &cli::LintArgs, stdin: bool, lang: Lang) -> Result<(), Error> {
    if !stdin && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(tr!(lang, "lint-stdin-alone")));
    }
    if args.stdin_filename.is_some() && !stdin {
        return Err(Error::Usage(tr!(lang, "lint-stdin-filename")));
    }
    Ok(())
}

/// The catalog the named files are compared against (cross-region rules): `--catalog`, else the
/// config's, unless the paths linted already cover it; named as the walk of a relative path
/// would name it, when inside the working directory.
fn catalog(
    arg: Option<&Path>,
    config: &Config,
    paths: &[PathBuf],
    stdin: bool,
    cwd: &Path,
    lang: Lang,
) -> Result<Option<PathBuf>, Error> {
    let catalog = arg
        .map(|c| cwd.join(c))
        .or_else(|| config.catalog.clone())
        .filter(|c| stdin || !covered(c, paths, cwd));
    let Some(c) = catalog else {
        return Ok(None);
    };
    if !c.is_dir() {
        return Err(Error::Io {
            path: c.display().to_string(),
            message: tr!(lang, "error-catalog-not-folder"),
        });
    }
    Ok(Some(shown(&c, cwd)))
}

/// A catalog folder as the walk of a relative path names it, when inside the working directory.
fn shown(c: &Path, cwd: &Path) -> PathBuf {
    match config::relative_to(c, cwd, cwd) {
        Some(rel) if rel.is_empty() => PathBuf::from("."),
        Some(rel) if Path::new(&rel).is_relative() => rel.into(),
        _ => c.to_path_buf(),
    }
}

/// The catalog root above guides named without their catalog (files, or region folders): see
/// [`input::root`]. `None` when a path named is a catalog or repository itself (the whole
/// catalog is linted: nothing is looked for) or no root is found.
fn discover(paths: &[PathBuf], cwd: &Path) -> Option<input::root::Root> {
    let starts: Option<Vec<PathBuf>> = paths
        .iter()
        .map(|p| input::root::start(&crate::source::lexical(&cwd.join(p))))
        .collect();
    let root = input::root::find(starts?.first()?)?;
    (!covered(root.path(), paths, cwd)).then_some(root)
}

/// The one line saying which catalog the named guides were compared against.
fn found_note(root: &input::root::Root, shown: &Path, lang: Lang) -> String {
    let dir = shown.display();
    match (root, lang) {
        (input::root::Root::Config(_), Lang::Zh) => format!(
            "注意：跨地区规则（TB3xx）将所给文件与 {dir} 下的整个目录比较（上级 tongban.toml 的 catalog）"
        ),
        (input::root::Root::Config(_), Lang::En) => format!(
            "note: the cross-region rules (TB3xx) compared the files given against the catalog {dir} (`catalog` in a tongban.toml above them)"
        ),
        (input::root::Root::Folders(_), Lang::Zh) => format!(
            "注意：跨地区规则（TB3xx）将所给文件与 {dir} 下的整个目录比较（所给文件上方存放各地区文件夹的目录；用 --catalog 目录 可指定其他目录）"
        ),
        (input::root::Root::Folders(_), Lang::En) => format!(
            "note: the cross-region rules (TB3xx) compared the files given against the catalog {dir} (the folder of region folders above them; --catalog DIR chooses another)"
        ),
    }
}

/// Whether one of the linted paths is the catalog or a folder above it.
fn covered(catalog: &Path, paths: &[PathBuf], cwd: &Path) -> bool {
    let Ok(catalog) = std::fs::canonicalize(catalog) else {
        return false;
    };
    paths.iter().any(|p| {
        std::fs::canonicalize(cwd.join(p)).is_ok_and(|p| p.is_dir() && catalog.starts_with(&p))
    })
}
