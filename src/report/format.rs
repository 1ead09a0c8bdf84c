//! The output formats of each command and when a lint run fails: closed sets, named once here
//! (the command line parses them, `tongban.toml` names them, each printer matches on them).

use crate::i18n::tr;
use clap::ValueEnum;

use crate::diagnostic::{Lang, Severity};

/// Output formats of `tongban lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintFormat {
    /// Annotated source snippets for people.
    Human,
    /// One JSON object: {"findings": [...], "summary": {...}}.
    Json,
    /// One JSON finding per line.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// JUnit XML: one test case per file, failed at or above --fail-on.
    Junit,
    /// GitHub Actions workflow commands (annotations; a job summary in $GITHUB_STEP_SUMMARY).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
}

impl LintFormat {
    /// The name as written on the command line and in tongban.toml.
    pub fn name(self) -> &'static str {
        match self {
            LintFormat::Human => "human",
            LintFormat::Json => "json",
            LintFormat::JsonLines => "json-lines",
            LintFormat::Sarif => "sarif",
            LintFormat::Junit => "junit",
            LintFormat::Github => "github",
            LintFormat::Gitlab => "gitlab",
        }
    }
}

/// The severity part of `--fail-on`: from which level a finding fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailLevel {
    /// Any finding at error severity.
    Error,
    /// Any finding at warning or error severity.
    Warning,
    /// Never (always exit 0 unless tongban itself fails, or a selected code is found).
    Never,
}

impl FailLevel {
    /// The name as written on the command line and in tongban.toml.
    pub fn name(self) -> &'static str {
        match self {
            FailLevel::Error => "error",
            FailLevel::Warning => "warning",
            FailLevel::Never => "never",
        }
    }
}

/// When `tongban lint` exits with status 1: a level (`error`, `warning`, `never`) and codes or
/// groups whose every finding fails the run whatever its level, as ruff's and clippy's
/// selectors name rules: `TB305`, a group `TB3` / `TB3xx` / `TB30x`, or a rule's name.
/// `--fail-on TB3xx` fails on errors and on every TB3xx finding; `--fail-on never,TB3xx` on
/// the TB3xx findings only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailOn {
    /// The level.
    pub level: FailLevel,
    /// Code prefixes (`TB3`, `TB305`), upper case, as selected.
    pub codes: Vec<String>,
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn::level(FailLevel::Error)
    }
}

impl FailOn {
    /// A level and no codes.
    pub fn level(level: FailLevel) -> Self {
        FailOn {
            level,
            codes: Vec::new(),
        }
    }

    /// Reads selectors (each may itself be a comma-separated list); at most one level, which
    /// defaults to `error`. The error names the selector and the valid forms, in `lang`.
    pub fn parse<S: AsRef<str>>(selectors: &[S], lang: Lang) -> Result<FailOn, String> {
        let mut level: Option<FailLevel> = None;
        let mut codes = Vec::new();
        for s in selectors.iter().flat_map(|s| s.as_ref().split(',')) {
            let s = s.trim();
            if s.is_empty() {
                continue;
            }
            match selector(s) {
                Some(Selector::Level(l)) => match level {
                    Some(first) if first != l => {
                        return Err(tr!(
                            lang,
                            "fail-on-two-levels",
                            first = first.name(),
                            second = l.name()
                        ));
                    }
                    _ => level = Some(l),
                },
                Some(Selector::Code(prefix)) => {
                    if !codes.contains(&prefix) {
                        codes.push(prefix);
                    }
                }
                None => return Err(bad_selector(s, lang)),
            }
        }
        Ok(FailOn {
            level: level.unwrap_or(FailLevel::Error),
            codes,
        })
    }

    /// Whether a finding of this code and severity fails the run.
    pub fn fails(&self, code: &str, severity: Severity) -> bool {
        let by_level = match self.level {
            FailLevel::Error => severity == Severity::Error,
            FailLevel::Warning => severity >= Severity::Warning,
            FailLevel::Never => false,
        };
        by_level || self.codes.iter().any(|p| code.starts_with(p.as_str()))
    }

    /// The selectors as written back (`error`, or `never, TB3, TB402`).
    pub fn selectors(&self) -> Vec<String> {
        std::iter::once(self.level.name().to_owned())
            .chain(self.codes.iter().map(|c| group_name(c)))
            .collect()
    }
}

/// One selector, read.
enum Selector {
    Level(FailLevel),
    Code(String),
}

/// `error` / `warning` / `never`, a code, a group (`TB3`, `TB3xx`, `TB30x`) or a rule's name;
/// `None` when it names nothing tongban reports.
fn selector(s: &str) -> Option<Selector> {
    match s.to_ascii_lowercase().as_str() {
        "error" => return Some(Selector::Level(FailLevel::Error)),
        "warning" => return Some(Selector::Level(FailLevel::Warning)),
        "never" => return Some(Selector::Level(FailLevel::Never)),
        _ => {}
    }
    if let Some(check) = crate::rules::registry().iter().find(|c| c.name == s) {
        return Some(Selector::Code(check.code.to_owned()));
    }
    let upper = s.to_ascii_uppercase();
    let prefix = upper.trim_end_matches('X');
    let digits = prefix.strip_prefix("TB")?;
    let valid = !digits.is_empty()
        && digits.len() + (upper.len() - prefix.len()) <= 3
        && digits.bytes().all(|b| b.is_ascii_digit())
        && crate::rules::registry()
            .iter()
            .any(|c| c.code.starts_with(prefix));
    valid.then(|| Selector::Code(prefix.to_owned()))
}

/// A code prefix as people write a group: `TB3` → `TB3xx`, `TB30` → `TB30x`, a code as itself.
fn group_name(prefix: &str) -> String {
    format!(
        "{prefix}{}",
        "x".repeat(5usize.saturating_sub(prefix.len()))
    )
}

fn bad_selector(s: &str, lang: Lang) -> String {
    let s: String = match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    };
    tr!(lang, "fail-on-invalid", value = s)
}

/// Every `--fail-on` selector worth offering to a shell's completion, with a line of help in
/// `lang`: the levels, each group (`TB3xx`) and each code.
pub fn fail_on_candidates(lang: Lang) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = vec![
        (
            "error".into(),
            lang.pick("错误使检查失败", "errors fail the run"),
        ),
        (
            "warning".into(),
            lang.pick("警告和错误使检查失败", "warnings and errors fail the run"),
        ),
        (
            "never".into(),
            lang.pick("任何级别都不使检查失败", "no level fails the run"),
        ),
    ];
    let mut groups: Vec<String> = crate::rules::registry()
        .iter()
        .map(|c| group_name(&c.code[..3]))
        .collect();
    groups.dedup();
    out.extend(groups.into_iter().map(|g| {
        let help = lang.pick(
            "该组的每个问题都使检查失败",
            "every finding of the group fails the run",
        );
        (g, help)
    }));
    out.extend(
        crate::rules::registry()
            .iter()
            .map(|c| (c.code.to_owned(), lang.pick(c.summary_zh, c.summary_en))),
    );
    out
}

/// Output formats of `tongban diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A readable table per item, for a terminal.
    Table,
    /// Markdown tables (for an issue or a wiki page).
    Markdown,
    /// One JSON document (documented in docs/diff.md).
    Json,
    /// One row per item × material × region (UTF-8 with BOM, for Excel).
    Csv,
    /// An Excel workbook: a summary sheet and one sheet per item (needs -o or a pipe).
    Xlsx,
    /// One self-contained HTML page: ranked summary and a heat map per item.
    Html,
}

/// Output formats of `tongban material`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MaterialFormat {
    /// Readable lines (follows --lang).
    Text,
    /// One JSON document: {"format_version", "item", "readings": [...]}.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_selectors() {
        let f = FailOn::parse(&["TB3xx"], Lang::En).unwrap();
        assert_eq!(f.level, FailLevel::Error, "a level defaults to error");
        assert_eq!(f.codes, ["TB3"]);
        assert!(f.fails("TB305", Severity::Info));
        assert!(f.fails("TB201", Severity::Error));
        assert!(!f.fails("TB201", Severity::Warning));
        let f = FailOn::parse(
            &["never", "tb30x,TB402", "inconsistent-item-type"],
            Lang::En,
        )
        .unwrap();
        assert_eq!(f.codes, ["TB30", "TB402", "TB303"]);
        assert!(!f.fails("TB201", Severity::Error));
        assert!(f.fails("TB402", Severity::Info));
        assert_eq!(f.selectors(), ["never", "TB30x", "TB402", "TB303"]);
        for (bad, lang, words) in [
            ("TB9xx", Lang::En, "invalid --fail-on selector `TB9xx`"),
            ("TB3xxx", Lang::En, "a group (TB3, TB3xx, TB30x)"),
            ("errors", Lang::Zh, "--fail-on 的取值 `errors` 无效"),
            ("TB", Lang::En, "invalid"),
        ] {
            let e = FailOn::parse(&[bad], lang).unwrap_err();
            assert!(e.contains(words), "{bad}: {e}");
        }
        let e = FailOn::parse(&["error,warning"], Lang::En).unwrap_err();
        assert!(e.contains("one level"), "{e}");
        let long = "x".repeat(10_000);
        assert!(FailOn::parse(&[long], Lang::En).unwrap_err().len() < 400);
    }
}
