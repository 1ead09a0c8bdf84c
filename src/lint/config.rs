//! `tongban.toml`: found from the working directory upward (or named by `--config`); rule levels,
//! per-path overrides, data files, defaults for the command line. Unknown keys are errors with a
//! line and column; an unknown rule name is a finding (TB401) on the config file itself.

use crate::i18n::tr;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::{self as dx, FileReport, Finding, Lang, Severity};
use crate::error::Error;
use crate::report::{FailOn, LintFormat};
use crate::rules;
pub use crate::source::relative_to;
use crate::source::{Source, lexical};

/// The file name looked for.
pub const FILE_NAME: &str = "tongban.toml";

/// A rule's level in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported as information.
    Info,
    /// Reported as a warning.
    Warning,
    /// Reported as an error.
    Error,
}

impl Level {
    /// The severity, or `None` for off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    schema: Option<String>,
    format: Option<LintFormat>,
    fail_on: Option<Spanned<Selectors>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    catalog: Option<String>,
    synonyms: Option<String>,
    e_licences: Option<String>,
    docs_url: Option<Spanned<String>>,
    #[serde(default)]
    catalog_limits: CatalogLimits,
    #[serde(default)]
    server: ServerLimits,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

/// `fail-on = "warning"` or `fail-on = ["error", "TB3xx"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Selectors {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Spanned<Vec<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
}

/// Limits of `tongban server` (`[server]` in tongban.toml, read from the folder it starts in):
/// what one client message, one document and the workspace scan may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ServerLimits {
    /// Longest message (LSP frame body) read, in bytes; a longer one closes the server with a
    /// message on standard error, before anything is allocated for it.
    pub max_frame_size: u64,
    /// Most diagnostics published for one document; the last one says how many were left out.
    pub max_diagnostics: usize,
    /// Most files and folders the workspace scan (cross-region rules) visits.
    pub max_scan_entries: u64,
    /// Longest the workspace scan runs, in seconds.
    pub scan_seconds: u64,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            max_frame_size: 64 * 1024 * 1024,
            max_diagnostics: 1000,
            max_scan_entries: 200_000,
            scan_seconds: 10,
        }
    }
}

/// Limits of the catalog walk of `tongban lint` (`catalog`, `--catalog DIR`;
/// `[catalog-limits]` in tongban.toml): past either, the run stops with an error naming it, so
/// `catalog = "/"` cannot read a whole disk. The defaults hold a national catalog of a million
/// guides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CatalogLimits {
    /// Most files and folders visited.
    pub max_entries: u64,
    /// Most bytes of guides read.
    pub max_bytes: u64,
}

impl Default for CatalogLimits {
    fn default() -> Self {
        CatalogLimits {
            max_entries: 2_000_000,
            max_bytes: 8 * 1024 * 1024 * 1024,
        }
    }
}

/// Rule levels for the files matching some globs.
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written (relative to the config's folder).
    pub paths: Vec<String>,
    globs: GlobSet,
    /// Code → level.
    pub rules: Vec<(&'static str, Level)>,
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    /// The folder relative paths (globs, data files, baseline keys) are resolved against.
    pub root: PathBuf,
    /// The working directory (command-line paths are relative to it).
    pub cwd: PathBuf,
    /// Schema file instead of the national schema.
    pub schema: Option<PathBuf>,
    /// Default output format.
    pub format: Option<LintFormat>,
    /// Default `--fail-on` (a level and codes).
    pub fail_on: Option<FailOn>,
    /// `docs-url`: the repository (`https://…/tongban`) whose docs/rules.md reports link to.
    pub docs_url: Option<String>,
    /// Globs of files never linted.
    pub exclude: Vec<String>,
    exclude_set: GlobSet,
    /// Globs of the only files linted (empty: every YAML file).
    pub include: Vec<String>,
    include_set: GlobSet,
    /// The whole catalog: the cross-region rules compare named files against it.
    pub catalog: Option<PathBuf>,
    /// Document ontology extending `catalogs/documents.yaml` (legacy `materials.yaml` format read too), used by
    /// `duplicate-material`, `diff` and `coverage`.
    pub synonyms: Option<PathBuf>,
    /// E-licence catalogue file.
    pub e_licences: Option<PathBuf>,
    /// Limits of the catalog walk (`[catalog-limits]`).
    pub catalog_limits: CatalogLimits,
    /// Limits of `tongban server` (`[server]`).
    pub server: ServerLimits,
    /// Code → level, for every file.
    pub rules: Vec<(&'static str, Level)>,
    /// Per-path levels, applied in order after `rules`.
    pub overrides: Vec<Override>,
    /// Problems found in the config that do not stop the run (unknown rule names).
    pub problems: Option<FileReport>,
}

/// The levels that apply to one file: only the entries that differ from the defaults.
#[derive(Debug, Clone, Default)]
pub struct Levels(Vec<(&'static str, Level)>);

impl Levels {
    /// The severity of `code` for this file, `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.0.iter().rev().find(|(c, _)| *c == code) {
            Some((_, level)) => level.severity(),
            None => Some(default),
        }
    }

    /// Applies levels to findings: drops those turned off, sets the severity of the others.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        // Findings are created at their check's default severity.
        findings.retain_mut(|f| match self.severity(f.code, f.severity) {
            Some(s) => {
                f.severity = s;
                true
            }
            None => false,
        });
    }

    /// Is `code` reported at all for this file?
    pub fn enabled(&self, code: &str) -> bool {
        self.severity(code, Severity::Info).is_some()
    }
}

/// The registered code or name nearest to a mistyped one (`phone-fromat` → `phone-format`,
/// `TB2O1` → `TB201`), if one is near enough.
pub fn suggest_rule(name: &str) -> Option<&'static str> {
    let key = name.trim();
    let upper = key.to_ascii_uppercase();
    rules::registry()
        .iter()
        .flat_map(|e| {
            [
                (strsim::levenshtein(&upper, e.code), e.code),
                (strsim::levenshtein(key, e.name), e.name),
            ]
        })
        .filter(|(d, candidate)| *d > 0 && *d <= (candidate.len() / 4).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "did you mean" for an unknown rule, else where to find the list.
pub fn unknown_rule_help(name: &str, lang: Lang) -> String {
    match suggest_rule(name) {
        Some(s) => tr!(lang, "unknown-rule-did-you-mean", name = s),
        None => tr!(lang, "unknown-rule-list"),
    }
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g.trim_start_matches("./")).map_err(|e| format!("bad glob `{g}`: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

impl Config {
    /// The configuration when there is no file.
    pub fn defaults(cwd: &Path) -> Config {
        Config {
            file: None,
            root: cwd.to_path_buf(),
            cwd: cwd.to_path_buf(),
            schema: None,
            format: None,
            fail_on: None,
            docs_url: None,
            exclude: Vec::new(),
            exclude_set: GlobSet::empty(),
            include: Vec::new(),
            include_set: GlobSet::empty(),
            catalog: None,
            synonyms: None,
            e_licences: None,
            catalog_limits: CatalogLimits::default(),
            server: ServerLimits::default(),
            rules: Vec::new(),
            overrides: Vec::new(),
            problems: None,
        }
    }

    /// Finds `tongban.toml` in `cwd` or one of its ancestors.
    pub fn discover(cwd: &Path) -> Option<PathBuf> {
        cwd.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Loads the config named on the command line, or the one discovered, or the defaults.
    pub fn load(explicit: Option<&Path>, cwd: &Path, lang: Lang) -> Result<Config, Error> {
        let path = match explicit {
            Some(p) => Some(cwd.join(p)),
            None => Self::discover(cwd),
        };
        let Some(path) = path else {
            return Ok(Self::defaults(cwd));
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Self::parse(&path, &text, cwd, lang)
    }

    /// Parses a config's text; `path` locates it (relative paths inside are relative to its folder).
    pub fn parse(path: &Path, text: &str, cwd: &Path, lang: Lang) -> Result<Config, Error> {
        let shown = relative_to(path, cwd, cwd).unwrap_or_else(|| path.display().to_string());
        let source = Source::new(shown.clone(), text);
        let fail = |message: String, span: Option<std::ops::Range<usize>>| {
            let (line, col) = span.as_ref().map_or((1, 1), |s| {
                let p = source.position(s.start);
                (p.line, p.column)
            });
            config_error(&shown, text, (line, col), &message, span)
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| fail(e.message().to_owned(), e.span()))?;
        let root = lexical(&cwd.join(path.parent().unwrap_or(Path::new("."))));
        let mut problems = Vec::new();
        let mut resolve = |map: BTreeMap<Spanned<String>, Level>| {
            let mut entries: Vec<(std::ops::Range<usize>, &'static str, Level)> = Vec::new();
            for (key, level) in map {
                match rules::lookup(key.get_ref()) {
                    Some(e) => entries.push((key.span(), e.code, level)),
                    None => problems.push(
                        Finding::new(
                            dx::UNKNOWN_RULE,
                            tr!(lang, "config-unknown-rule", name = key.get_ref().as_str()),
                            key.span(),
                        )
                        .with_help(unknown_rule_help(key.get_ref(), lang)),
                    ),
                }
            }
            // Keep the order of the file, so that a later line wins.
            entries.sort_by_key(|(span, _, _)| span.start);
            entries
                .into_iter()
                .map(|(_, c, l)| (c, l))
                .collect::<Vec<_>>()
        };
        let rules = resolve(raw.rules);
        let fail_on = match raw.fail_on {
            Some(f) => {
                let span = f.span();
                let selectors = match f.into_inner() {
                    Selectors::One(s) => vec![s],
                    Selectors::Many(v) => v,
                };
                Some(FailOn::parse(&selectors, lang).map_err(|m| fail(m, Some(span)))?)
            }
            None => None,
        };
        let docs_url = match raw.docs_url {
            Some(u) => {
                let span = u.span();
                let url = u.into_inner();
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    let message = tr!(lang, "config-docs-url");
                    return Err(fail(message, Some(span)));
                }
                Some(url.trim_end_matches('/').to_owned())
            }
            None => None,
        };
        let mut overrides = Vec::new();
        for o in raw.overrides {
            let span = o.paths.span();
            let paths = o.paths.into_inner();
            let globs = glob_set(&paths).map_err(|m| fail(m, Some(span.clone())))?;
            overrides.push(Override {
                paths,
                globs,
                rules: resolve(o.rules),
            });
        }
        let exclude_set = glob_set(&raw.exclude).map_err(|m| fail(m, None))?;
        let include_set = glob_set(&raw.include).map_err(|m| fail(m, None))?;
        Levels(rules.clone()).apply(&mut problems);
        let problems = (!problems.is_empty()).then(|| {
            let mut r = FileReport {
                source: source.clone(),
                findings: problems,
            };
            r.sort();
            r
        });
        Ok(Config {
            file: Some(path.to_path_buf()),
            cwd: cwd.to_path_buf(),
            schema: raw.schema.map(|s| root.join(s)),
            format: raw.format,
            fail_on,
            docs_url,
            exclude: raw.exclude,
            exclude_set,
            include: raw.include,
            include_set,
            catalog: raw.catalog.map(|s| root.join(s)),
            synonyms: raw.synonyms.map(|s| root.join(s)),
            e_licences: raw.e_licences.map(|s| root.join(s)),
            catalog_limits: raw.catalog_limits,
            server: raw.server,
            root,
            rules,
            overrides,
            problems,
        })
    }

    /// A path (as given on the command line) relative to the config's folder, `/`-separated.
    pub fn relative(&self, path: &Path) -> String {
        relative_to(path, &self.root, &self.cwd).unwrap_or_else(|| path.display().to_string())
    }

    /// Is this file excluded? Files matching `exclude`, files not matching `include` (when set),
    /// and the data files the config names (synonyms, e-licences, schema) are never linted as
    /// guides — also when named on the command line (pre-commit names every changed file).
    pub fn excluded(&self, path: &Path) -> bool {
        let abs = lexical(&self.cwd.join(path));
        let is_data = [&self.synonyms, &self.e_licences, &self.schema]
            .into_iter()
            .flatten()
            .any(|p| lexical(p) == abs);
        if is_data {
            return true;
        }
        if self.exclude.is_empty() && self.include.is_empty() {
            return false;
        }
        let rel = self.relative(path);
        (!self.exclude.is_empty() && self.exclude_set.is_match(&rel))
            || (!self.include.is_empty() && !self.include_set.is_match(&rel))
    }

    /// The levels that apply to the file at `path`.
    pub fn levels(&self, path: &Path) -> Levels {
        let mut levels = self.rules.clone();
        if !self.overrides.is_empty() {
            let rel = self.relative(path);
            for o in &self.overrides {
                if o.globs.is_match(&rel) {
                    levels.extend(o.rules.iter().copied());
                }
            }
        }
        Levels(levels)
    }

    /// The effective configuration as TOML (what `tongban config` prints), comments in `lang`.
    pub fn to_toml(&self, lang: Lang) -> String {
        let mut s = String::new();
        let q = |p: &Path| format!("{:?}", p.display().to_string());
        let _ = writeln!(
            s,
            "{}{}",
            lang.pick(
                "# 生效的配置；配置文件：",
                "# effective configuration; file: "
            ),
            self.file.as_ref().map_or_else(
                || lang
                    .pick("（无：使用默认值）", "(none: defaults)")
                    .to_owned(),
                |p| p.display().to_string()
            )
        );
        let _ = writeln!(
            s,
            "{}{}",
            lang.pick("# 路径相对于 ", "# paths are relative to "),
            self.root.display()
        );
        // Unset keys are printed as comments, so that the output is itself a valid config.
        let path_key = |s: &mut String, key: &str, p: &Option<PathBuf>, default: &str| {
            let _ = match p {
                Some(p) => writeln!(s, "{key} = {}", q(p)),
                None => writeln!(
                    s,
                    "# {key} = …  ({}{default})",
                    lang.pick("未设置：", "unset: ")
                ),
            };
        };
        path_key(
            &mut s,
            "schema",
            &self.schema,
            lang.pick("内置的国家标准模式", "the embedded national schema"),
        );
        let format = self.format.unwrap_or(LintFormat::Human);
        let _ = writeln!(s, "format = \"{}\"", format.name());
        let fail_on = self.fail_on.clone().unwrap_or_default();
        let _ = match fail_on.codes.is_empty() {
            true => writeln!(s, "fail-on = \"{}\"", fail_on.level.name()),
            false => writeln!(s, "fail-on = {:?}", fail_on.selectors()),
        };
        let _ = writeln!(s, "exclude = {:?}", self.exclude);
        let _ = writeln!(s, "include = {:?}", self.include);
        path_key(
            &mut s,
            "catalog",
            &self.catalog,
            lang.pick(
                "无：按名检查的指南与其上方存放各地区文件夹的目录比较，找不到时只比较本次检查的文件",
                "none: guides named are compared with the folder of region folders above them, else only the files linted",
            ),
        );
        path_key(
            &mut s,
            "synonyms",
            &self.synonyms,
            lang.pick(
                "所检查文件夹中的 documents.yaml 或 materials.yaml，补充内置的 catalogs/documents.yaml",
                "documents.yaml or materials.yaml of a folder linted, extending the bundled catalogs/documents.yaml",
            ),
        );
        path_key(
            &mut s,
            "e-licences",
            &self.e_licences,
            lang.pick(
                "内置的 catalogs/e-licences.yaml",
                "the bundled catalogs/e-licences.yaml",
            ),
        );
        let _ = match &self.docs_url {
            Some(u) => writeln!(s, "docs-url = {u:?}"),
            None => writeln!(
                s,
                "# docs-url = …  ({}{})",
                lang.pick("未设置：", "unset: "),
                crate::report::sarif::RELEASED_FROM.unwrap_or(lang.pick(
                    "SARIF 中不链接规则文档，只内嵌",
                    "SARIF embeds the rule docs without links"
                ))
            ),
        };
        let c = self.catalog_limits;
        let _ = writeln!(
            s,
            "\n[catalog-limits]\nmax-entries = {}\nmax-bytes = {}",
            c.max_entries, c.max_bytes
        );
        let l = self.server;
        let _ = writeln!(
            s,
            "\n[server]\nmax-frame-size = {}\nmax-diagnostics = {}\nmax-scan-entries = {}\nscan-seconds = {}",
            l.max_frame_size, l.max_diagnostics, l.max_scan_entries, l.scan_seconds
        );
        let _ = writeln!(s, "\n[rules]");
        let levels = Levels(self.rules.clone());
        for e in rules::registry() {
            let c = e;
            let level = levels
                .severity(c.code, c.severity)
                .map_or("off", Severity::as_str);
            let mark = if self.rules.iter().any(|(code, _)| *code == c.code) {
                lang.pick("  # 配置文件中设置", "  # set in config")
            } else {
                ""
            };
            let _ = writeln!(s, "{} = \"{level}\"  # {}{mark}", c.code, c.name);
        }
        for o in &self.overrides {
            let _ = writeln!(s, "\n[[overrides]]\npaths = {:?}", o.paths);
            let _ = writeln!(s, "[overrides.rules]");
            for (code, level) in &o.rules {
                let _ = writeln!(s, "{code} = \"{}\"", level.name());
            }
        }
        s
    }
}

impl crate::input::Exclude for Config {
    fn excluded(&self, path: &Path) -> bool {
        Config::excluded(self, path)
    }
}

/// A mistake in `tongban.toml` at `span`. A value quoted in the message, and the line shown
/// under it, are cut short: a 5 MB string must not come back as a 28 MB error.
fn config_error(
    shown: &str,
    text: &str,
    (line, col): (usize, usize),
    message: &str,
    span: Option<std::ops::Range<usize>>,
) -> Error {
    let long_line = span.as_ref().is_some_and(|s| {
        let at = s.start.min(text.len());
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        end - start > MAX_SHOWN_LINE
    });
    let (src, span) = if long_line {
        (String::new(), None)
    } else {
        (
            text.to_owned(),
            span.map(|s| (s.start, s.end - s.start).into()),
        )
    };
    Error::Config {
        message: format!("{shown}:{line}:{col}: {}", shorten_quoted(message)),
        src: miette::NamedSource::new(shown, src),
        span,
    }
}

/// Longest line of `tongban.toml` shown under an error (a longer one is located by line and
/// column only).
const MAX_SHOWN_LINE: usize = 400;

/// `message` with every quoted part (`"…"`, `` `…` ``) over 60 characters cut to its first 60
/// and `…`: serde quotes the offending value, which may be megabytes long.
fn shorten_quoted(message: &str) -> String {
    const KEEP: usize = 60;
    let mut out = String::with_capacity(message.len().min(1024));
    let mut quote: Option<(char, usize)> = None;
    for c in message.chars() {
        match quote {
            Some((q, _)) if c == q => {
                quote = None;
                out.push(c);
            }
            Some((q, n)) => {
                if n < KEEP {
                    out.push(c);
                } else if n == KEEP {
                    out.push('…');
                }
                quote = Some((q, n + 1));
            }
            None => {
                if c == '"' || c == '`' {
                    quote = Some((c, 0));
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_megabyte_string_in_the_config_was_echoed_into_a_28_megabyte_error() {
        let big = "x".repeat(5_000_000);
        let text = format!("fail-on = \"{big}\"\n");
        let e = parse(&text).unwrap_err();
        let shown = format!("{e:?}{e}");
        assert!(shown.len() < 10_000, "{} bytes", shown.len());
        assert!(e.to_string().contains("tongban.toml:1:"), "{e}");
        assert_eq!(shorten_quoted("a `ab` \"cd\""), "a `ab` \"cd\"");
    }

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(
            Path::new("/repo/tongban.toml"),
            text,
            Path::new("/repo"),
            Lang::En,
        )
    }

    #[test]
    fn levels_by_code_name_and_path() {
        let c = parse(
            "[rules]\nphone-format = \"off\"\nTB201 = \"warning\"\n\n[[overrides]]\npaths = [\"catalogs/legacy/**\"]\nrules = { TB201 = \"off\", phone-format = \"error\" }\n",
        )
        .unwrap();
        assert!(c.problems.is_none());
        let l = c.levels(Path::new("catalogs/hunan/a.yaml"));
        assert_eq!(l.severity("TB217", Severity::Warning), None);
        assert_eq!(
            l.severity("TB201", Severity::Error),
            Some(Severity::Warning)
        );
        let l = c.levels(Path::new("./catalogs/legacy/a.yaml"));
        assert_eq!(l.severity("TB201", Severity::Error), None);
        assert_eq!(
            l.severity("TB217", Severity::Warning),
            Some(Severity::Error)
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_column() {
        let e = parse(
            "format = \"json\"\n[rules]\nTB201 = \"off\"\n\n[[overrides]]\npaths = [\"a/**\"]\nrulse = {}\n",
        )
        .unwrap_err();
        let Error::Config { message, .. } = e else {
            panic!("{e:?}")
        };
        assert!(message.starts_with("tongban.toml:7:1: "), "{message}");
        assert!(message.contains("rulse"), "{message}");
        let e = parse("sceham = \"x.json\"\n").unwrap_err();
        assert!(e.to_string().contains("tongban.toml:1:1"), "{e}");
    }

    #[test]
    fn unknown_rule_is_a_finding() {
        let c = parse("[rules]\nphone-fromat = \"off\"\n").unwrap();
        let p = c.problems.unwrap();
        assert_eq!(p.findings[0].code, "TB401");
        assert_eq!(&p.source.text[p.findings[0].span.clone()], "phone-fromat");
    }

    #[test]
    fn mistyped_rules_get_a_suggestion() {
        assert_eq!(suggest_rule("phone-fromat"), Some("phone-format"));
        assert_eq!(suggest_rule("tb2O1"), Some("TB201"));
        assert_eq!(suggest_rule("no-such-thing-at-all"), None);
        let c = parse("[rules]\nphone-fromat = \"off\"\n").unwrap();
        let help = c.problems.unwrap().findings[0].help.clone().unwrap();
        assert!(help.starts_with("did you mean `phone-format`?"), "{help}");
    }

    #[test]
    fn include_limits_what_is_linted() {
        let c = parse("include = [\"catalogs/**\"]\ncatalog = \"catalogs\"\n").unwrap();
        assert!(!c.excluded(Path::new("catalogs/hunan/a.yaml")));
        assert!(c.excluded(Path::new(".pre-commit-config.yaml")));
        assert!(c.excluded(Path::new("/repo/docs/mkdocs.yml")));
        assert_eq!(c.catalog.as_deref(), Some(Path::new("/repo/catalogs")));
    }

    #[test]
    fn bad_level_is_an_error() {
        assert!(parse("[rules]\nTB201 = \"loud\"\n").is_err());
    }

    #[test]
    fn printed_config_parses_back() {
        let c = parse(
            "fail-on = \"warning\"\nsynonyms = \"s.yaml\"\n[rules]\nTB206 = \"off\"\n[[overrides]]\npaths = [\"a/**\"]\nrules = { TB217 = \"info\" }\n",
        )
        .unwrap();
        let printed = c.to_toml(Lang::En);
        let again = parse(&printed).unwrap();
        assert!(again.problems.is_none());
        // Same levels and keys; only the "set in config" marks differ (now every rule is set).
        let unmarked = |s: String| s.replace("  # set in config", "");
        assert_eq!(unmarked(again.to_toml(Lang::En)), unmarked(printed));
        // The Chinese comments parse back too.
        assert!(parse(&c.to_toml(Lang::Zh)).unwrap().problems.is_none());
    }

    #[test]
    fn exclude_and_relative_paths() {
        let c = parse("exclude = [\"catalogs/e-licences.yaml\"]\nschema = \"s/x.json\"\n").unwrap();
        assert!(c.excluded(Path::new("catalogs/e-licences.yaml")));
        assert!(c.excluded(Path::new("/repo/catalogs/e-licences.yaml")));
        assert!(!c.excluded(Path::new("catalogs/hunan/a.yaml")));
        assert_eq!(c.schema.as_deref(), Some(Path::new("/repo/s/x.json")));
    }
}
