//! Command-line interface (clap derive). Parses arguments; reads no files. `--help` and clap's
//! errors speak the run's language (`localize`, `errors`): the language is read from the
//! arguments before clap parses them ([`lang_of`]).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::diagnostic::Lang;
use crate::i18n::tr;
pub use crate::report::{DiffFormat, LintFormat, MaterialFormat};

mod complete;
mod errors;
mod localize;

/// tongban (通办): lint and compare government service guides (政务服务办事指南) across regions.
#[derive(Debug, Parser)]
#[command(name = "tongban", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Message language [default: from LANG: en* → en, else zh]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print nothing but findings (no summary line, no progress).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Use this configuration file instead of the nearest tongban.toml above the working directory.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate guides against the schema and the rules.
    Lint(LintArgs),
    /// Print the embedded national schema (JSON Schema 2020-12).
    Schema,
    /// Compare the same service item across regions and report non-uniform requirements.
    ///
    /// Items are aligned by 基本编码 (when both guides have one) or by normalised 事项名称; material
    /// names are normalised and mapped through the synonyms dictionary. Region code 100000 is the
    /// national baseline, not a region column.
    #[command(after_help = DIFF_AFTER_HELP)]
    Diff(DiffArgs),
    /// Coverage of 跨省通办 agreements: which members publish a guide of each agreed item, and how
    /// uniform the members' guides are.
    #[command(after_help = COVERAGE_AFTER_HELP)]
    Coverage(CoverageArgs),
    /// Show how listed material names are read as requirements: pieces, accepted alternatives,
    /// qualifiers stripped, another person's documents, catch-alls, and how each was matched.
    #[command(after_help = MATERIAL_AFTER_HELP)]
    Material(MaterialArgs),
    /// List every check and rule: code, name, default severity, summary.
    Rules {
        /// Print the full documentation as Markdown (what docs/rules.md holds).
        #[arg(long)]
        markdown: bool,
    },
    /// Explain one check or rule.
    Rule {
        /// Its code (TB201) or name (promised-exceeds-legal).
        #[arg(value_name = "CODE|NAME", add = ArgValueCandidates::new(complete::codes))]
        rule: String,
    },
    /// Print the effective configuration (tongban.toml merged with the defaults).
    Config,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish). The script asks
    /// `tongban` (on PATH) at each TAB, so it completes rule codes, the items and regions of the
    /// catalog at hand, and new options without being generated again.
    ///
    /// bash: `tongban completions bash > ~/.local/share/bash-completion/completions/tongban`;
    /// zsh: `tongban completions zsh > "${fpath[1]}/_tongban"`;
    /// fish: `tongban completions fish > ~/.config/fish/completions/tongban.fish`;
    /// PowerShell: `tongban completions powershell | Out-String | Invoke-Expression`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `tongban man > tongban.1; man ./tongban.1`; `tongban man lint`
    /// prints tongban-lint(1), the page of one subcommand with all its options.
    Man {
        /// A subcommand (lint, diff, coverage, ...).
        #[arg(value_name = "SUBCOMMAND")]
        command: Option<String>,
    },
    /// Run the language server (LSP over standard input/output) for editors: findings while
    /// typing, hover docs, quick fixes.
    Server(ServerArgs),
}

/// `tongban server` options.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Do not lint buffers larger than this (bytes, or with a unit: 512KiB, 10MiB, 1GB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Accepted for editors that pass it; standard input/output is the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

const DIFF_AFTER_HELP: &str = "\
Uniformity index (per item) = |materials required (必要) in every region| / |materials required in
at least one region|; 1.0 when nothing is required anywhere. 非必要 and 容缺后补 do not count as
required. Items present in only one region are reported but never fail --fail-under.

Exit status: 0 ok, 1 --fail-under violated, 2 usage or I/O error.

Examples:
  tongban diff catalogs
  tongban diff catalogs --format html -o report.html
  tongban diff catalogs --item 合伙企业设立登记 --regions 310000,340000
  tongban diff catalogs --format json --fail-under 0.5";

const MATERIAL_AFTER_HELP: &str = "\
The reading uses the document ontology: the bundled catalogs/documents.yaml, extended by --synonyms
FILE (or `synonyms` in tongban.toml). `tongban diff` aligns materials with the same reading.

Examples:
  tongban material \"夫妻双方居民身份证、户口簿、结婚证等有效证件\"
  tongban material --item 生育登记 \"《广东省生育登记表》\" --format json";

/// `tongban material` options.
#[derive(Debug, Args)]
pub struct MaterialArgs {
    /// Material names as guides list them.
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,

    /// Read them in this item (事项名称 or 基本编码): the item's own form and item-scoped
    /// ontology entries depend on it.
    #[arg(long, value_name = "NAME|CODE", add = ArgValueCandidates::new(complete::items))]
    pub item: Option<String>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = MaterialFormat::Text)]
    pub format: MaterialFormat,

    /// Document ontology extending the bundled one [default: `synonyms` in tongban.toml].
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

/// `tongban diff` options.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Files or folders of guides (folders: every *.yaml / *.yml, hidden entries skipped).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Compare only this item (事项名称 or 基本编码).
    #[arg(long, value_name = "NAME|CODE", add = ArgValueCandidates::new(complete::items))]
    pub item: Option<String>,

    /// Compare only these regions (行政区划代码; repeat or separate with commas).
    #[arg(
        long,
        value_name = "CODE",
        value_delimiter = ',',
        add = ArgValueCandidates::new(complete::regions)
    )]
    pub region: Vec<String>,

    /// Pairwise view: a unified diff of two regions' normalised material lists (needs --item;
    /// 100000 names the national baseline).
    #[arg(
        long,
        value_name = "A,B",
        value_delimiter = ',',
        requires = "item",
        conflicts_with = "region",
        add = ArgValueCandidates::new(complete::regions)
    )]
    pub regions: Vec<String>,

    /// Exit with status 1 when an item has a uniformity index below this (0.0–1.0). Only items
    /// with two or more regions counted for uniformity (complete guides; every region when none
    /// is complete) are checked.
    #[arg(long, value_name = "UNIFORMITY", value_parser = parse_unit_interval)]
    pub fail_under: Option<f64>,

    /// How the guides are read (shared with `coverage`).
    #[command(flatten)]
    pub catalog: CatalogArgs,
}

/// How `diff` and `coverage` read a catalog: the synonyms dictionary, the file-size cap, threads.
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// Document ontology extending the bundled catalogs/documents.yaml [default: documents.yaml
    /// or materials.yaml at the root of a folder given].
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,

    /// Skip files larger than this (bytes, or with a unit: 512KiB, 10MiB, 1GB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Worker threads [default: all cores].
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

const COVERAGE_AFTER_HELP: &str = "\
Agreements are YAML files in a folder named `agreements` (catalogs/agreements/*.yaml, schema
schemas/agreement.schema.json). Coverage of an agreement = (item, member) pairs with a published
guide / (items listed × members). A city or county guide counts toward a member containing it
only when the agreement says `counts_toward_province: true`. Where two or more members publish
an item, their guides are compared as by `tongban diff` (uniformity index, differing materials).

Exit status: 0 ok, 1 --fail-under violated or an agreement file has errors, 2 usage or I/O error.

Examples:
  tongban coverage catalogs
  tongban coverage catalogs --agreement catalogs/agreements/huaihai-sisheng-bashi.yaml
  tongban coverage catalogs --format html -o coverage.html
  tongban coverage catalogs --format json --fail-under 50";

/// `tongban coverage` options.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Files or folders of guides (folders: every *.yaml / *.yml, hidden entries skipped).
    /// Agreement files found here are the agreements reported on, unless --agreement is given.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Report on this agreement file, or every agreement in this folder (repeatable)
    /// [default: the agreements found under PATHS].
    #[arg(long, value_name = "FILE")]
    pub agreement: Vec<PathBuf>,

    /// Output format: table, markdown, json, csv, xlsx (needs -o or a pipe), html — the
    /// formats of `tongban diff` (docs/coverage.md).
    #[arg(
        long,
        short,
        value_enum,
        default_value_t = DiffFormat::Table,
        hide_possible_values = true
    )]
    pub format: DiffFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with status 1 when an agreement's coverage is below this percentage (0–100: 80,
    /// 80%, 12.5). Agreements with no listed item are not checked.
    #[arg(long, value_name = "COVERAGE", value_parser = parse_percent)]
    pub fail_under: Option<f64>,

    /// How the guides are read (shared with `coverage`).
    #[command(flatten)]
    pub catalog: CatalogArgs,
}

/// Parses a percentage between 0 and 100 (`80`, `80%`, `12.5`) into a fraction.
pub fn parse_percent(s: &str) -> Result<f64, ValueError> {
    let t = s.trim();
    let x: f64 = t
        .strip_suffix('%')
        .unwrap_or(t)
        .trim()
        .parse()
        .map_err(|_| ValueError::NotAPercentage(s.into()))?;
    if (0.0..=100.0).contains(&x) {
        Ok(x / 100.0)
    } else {
        Err(ValueError::NotBetween(s.into(), "0", "100"))
    }
}

/// Parses a number between 0 and 1.
pub fn parse_unit_interval(s: &str) -> Result<f64, ValueError> {
    let x: f64 = s
        .trim()
        .parse()
        .map_err(|_| ValueError::NotAFraction(s.into()))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(ValueError::NotBetween(s.into(), "0", "1"))
    }
}

/// Why a value given on the command line was refused. `Display` is English; [`Self::message`]
/// says it in the run's language (clap's errors print that).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not a number of bytes.
    #[error("`{0}` is not a size (examples: 2048, 512KiB, 10MiB)")]
    NotASize(String),
    /// A size with an unknown unit.
    #[error("unknown size unit `{0}` (use B, KiB, MiB, GiB, KB, MB, GB)")]
    UnknownUnit(String),
    /// A size over `u64`.
    #[error("`{0}` is too large")]
    TooLarge(String),
    /// Not a percentage.
    #[error("`{0}` is not a percentage (examples: 80, 80%, 12.5)")]
    NotAPercentage(String),
    /// Not a number between 0 and 1.
    #[error("`{0}` is not a number between 0 and 1")]
    NotAFraction(String),
    /// A number out of its range.
    #[error("`{0}` is not between {1} and {2}")]
    NotBetween(String, &'static str, &'static str),
    /// `FORMAT=` with no path.
    #[error("`{0}`: no path after `{1}=`")]
    NoPath(String, String),
    /// `FORMAT=PATH` with an unknown format.
    #[error("unknown format `{1}` in `{0}` (formats: {2})")]
    UnknownFormat(String, String, String),
    /// An empty path.
    #[error("empty path")]
    EmptyPath,
}

impl ValueError {
    /// The refusal in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ValueError::NotASize(v) => tr!(lang, "value-not-a-size", value = v.as_str()),
            ValueError::UnknownUnit(u) => tr!(lang, "value-unknown-unit", unit = u.as_str()),
            ValueError::TooLarge(v) => tr!(lang, "value-too-large", value = v.as_str()),
            ValueError::NotAPercentage(v) => {
                tr!(lang, "value-not-a-percentage", value = v.as_str())
            }
            ValueError::NotAFraction(v) => tr!(lang, "value-not-a-fraction", value = v.as_str()),
            ValueError::NotBetween(v, lo, hi) => {
                tr!(
                    lang,
                    "value-not-between",
                    value = v.as_str(),
                    low = *lo,
                    high = *hi
                )
            }
            ValueError::NoPath(v, f) => tr!(
                lang,
                "value-no-path",
                value = v.as_str(),
                format = f.as_str()
            ),
            ValueError::UnknownFormat(v, f, known) => tr!(
                lang,
                "value-unknown-format",
                value = v.as_str(),
                format = f.as_str(),
                known = known.as_str()
            ),
            ValueError::EmptyPath => tr!(lang, "value-empty-path"),
        }
    }
}

/// The message language named on the command line (`--lang zh`, `--lang=en`), read before clap
/// parses, so that `--help` and clap's errors are already in it; `None` when not given (or not
/// a language: clap then says so).
pub fn lang_of(args: &[OsString]) -> Option<Lang> {
    let mut lang = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let Some(arg) = arg.to_str() else { continue };
        let value = match arg {
            "--" => break,
            "--lang" => iter.next().and_then(|v| v.to_str()),
            _ => arg.strip_prefix("--lang="),
        };
        if let Some(v) = value.and_then(|v| Lang::from_str(v, true).ok()) {
            lang = Some(v);
        }
    }
    lang
}

/// The locale messages follow when `--lang` is not given: `LC_ALL` when set and not empty, else
/// `LANG`.
pub fn process_locale() -> Option<String> {
    std::env::var("LC_ALL")
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("LANG").ok())
}

/// The command a shell's completion request is answered from (`COMPLETE=bash tongban -- …`): its
/// descriptions in the language of the line being completed (`--lang`), else of the locale.
pub fn completion_command() -> clap::Command {
    let args: Vec<OsString> = std::env::args_os().collect();
    // The line being completed follows `--`; its first word is the program.
    let line: Vec<OsString> = match args.iter().position(|a| a == "--") {
        Some(at) => args[at + 1..].to_vec(),
        None => args,
    };
    let lang = lang_of(&line).unwrap_or_else(|| Lang::from_locale(process_locale().as_deref()));
    command_in(lang)
}

/// The command line's `Command`, built, with every text in `lang` (the man pages).
pub fn command_in(lang: Lang) -> clap::Command {
    let mut cmd = localize::command(lang, &mut Vec::new());
    cmd.build();
    cmd
}

/// Parses the command line with help and errors in `lang`. A line clap accepts is parsed once,
/// by the derive's command; only help, version and a refused line pay for the translated one.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    use clap::CommandFactory;
    match Cli::command().try_get_matches_from(&args) {
        Ok(matches) => Cli::from_arg_matches(&matches),
        Err(_) if lang != Lang::En => {
            let matches = localize::command(lang, &mut Vec::new()).try_get_matches_from(args)?;
            Cli::from_arg_matches(&matches)
        }
        Err(e) => Err(e),
    }
}

/// A refused command line as printed on standard error in `lang`; `None` when clap prints it
/// itself: help and version (already in `lang`), and every English message.
pub fn error_text(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => None,
        _ if lang == Lang::En => None,
        _ => Some(errors::render(e, lang)),
    }
}

/// `tongban lint` options.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to lint (folders: every *.yaml / *.yml, hidden entries skipped);
    /// `-` reads one guide from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Validate against this schema (JSON or YAML, JSON Schema 2020-12) instead of the national one.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,

    /// Output format [default: `format` in tongban.toml, else human].
    #[arg(long, short, value_enum)]
    pub format: Option<LintFormat>,

    /// Write a report to a file as well: `FORMAT=PATH` (repeatable, e.g. `-o sarif=tongban.sarif
    /// -o junit=junit.xml`); a bare `PATH` writes the --format report there instead of to
    /// standard output.
    #[arg(long, short, value_name = "[FORMAT=]PATH", value_parser = parse_output)]
    pub output: Vec<OutputSpec>,

    /// Print the number of findings per rule instead of each finding (a table; JSON with
    /// `-f json`).
    #[arg(long)]
    pub statistics: bool,

    /// Exit with status 1 when there are findings at this level or above (error, warning,
    /// never), or any finding of these codes or groups whatever its level (TB305, TB3xx, a rule
    /// name); comma-separated or repeated: `--fail-on warning,TB3xx`
    /// [default: `fail-on` in tongban.toml, else error].
    #[arg(long, value_name = "LEVEL|CODE", add = ArgValueCandidates::new(complete::fail_on))]
    pub fail_on: Vec<String>,

    /// Report (and fail on) only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// With `-`: the path the guide on standard input stands for (shown in findings, matched
    /// against the config's include/exclude and per-path levels).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// The whole catalog, for the cross-region rules (TB3xx) when only some files are named
    /// (as pre-commit does): they are compared against every guide under DIR, and findings are
    /// reported in the named files only [default: `catalog` in tongban.toml].
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,

    /// Skip files larger than this (bytes, or with a unit: 512KiB, 10MiB, 1GB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Worker threads [default: all cores].
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,

    /// Apply the safe fixes in place (atomically), then report what is left.
    #[arg(long, help_heading = "Fixes")]
    pub fix: bool,

    /// Also apply unsafe fixes (they may change what a guide says), with --fix or --diff.
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them (exit 1 when there are some).
    #[arg(long, help_heading = "Fixes")]
    pub diff: bool,
}

/// One `-o [FORMAT=]PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    /// The format, or `None` for the `--format` one.
    pub format: Option<LintFormat>,
    /// Where to write.
    pub path: PathBuf,
}

/// Parses `FORMAT=PATH` or `PATH`.
pub fn parse_output(s: &str) -> Result<OutputSpec, ValueError> {
    if let Some((f, path)) = s.split_once('=') {
        if let Ok(format) = LintFormat::from_str(f, true) {
            if path.is_empty() {
                return Err(ValueError::NoPath(s.into(), f.into()));
            }
            return Ok(OutputSpec {
                format: Some(format),
                path: path.into(),
            });
        }
        let known: Vec<&str> = LintFormat::value_variants()
            .iter()
            .map(|v| v.name())
            .collect();
        if !f.contains(['/', '\\', '.']) {
            return Err(ValueError::UnknownFormat(
                s.into(),
                f.into(),
                known.join(", "),
            ));
        }
    }
    if s.is_empty() {
        return Err(ValueError::EmptyPath);
    }
    Ok(OutputSpec {
        format: None,
        path: s.into(),
    })
}

/// Colour on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Parses `10MiB`, `512KiB`, `1GB`, `2048`.
pub fn parse_size(s: &str) -> Result<u64, ValueError> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits.parse().map_err(|_| ValueError::NotASize(s.into()))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        other => return Err(ValueError::UnknownUnit(other.into())),
    };
    n.checked_mul(mult)
        .ok_or_else(|| ValueError::TooLarge(s.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("2048"), Ok(2048));
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("1 GB"), Ok(1_000_000_000));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn output_specs() {
        assert_eq!(
            parse_output("sarif=out/r.sarif"),
            Ok(OutputSpec {
                format: Some(LintFormat::Sarif),
                path: "out/r.sarif".into()
            })
        );
        assert_eq!(parse_output("r.json").unwrap().format, None);
        assert!(
            parse_output("a=b.json")
                .unwrap_err()
                .to_string()
                .contains("unknown format `a`")
        );
        assert!(parse_output("sarif=").is_err());
        // A path that merely contains `=` is a path.
        assert_eq!(parse_output("out/a=b.json").unwrap().format, None);
    }

    /// Every about, help, possible value and after-help text has a Chinese text in the catalog.
    #[test]
    fn every_help_text_is_in_the_chinese_catalog() {
        let mut missing = Vec::new();
        let cmd = localize::command(Lang::Zh, &mut missing);
        cmd.debug_assert();
        assert!(missing.is_empty(), "not in zh.ftl:\n{}", missing.join("\n"));
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of(&args(&["tongban", "--lang", "en", "lint"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_of(&args(&["tongban", "lint", "--lang=zh", "--help"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_of(&args(&["tongban", "lint", "--", "--lang=en"])),
            None
        );
        assert_eq!(lang_of(&args(&["tongban", "--lang", "fr"])), None);
        assert_eq!(lang_of(&args(&["tongban", "lint"])), None);
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
