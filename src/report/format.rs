//! The output formats of each command and when a lint run fails: closed sets, named once here
//! (the command line parses them, `tongban.toml` names them, each printer matches on them).

use clap::ValueEnum;

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

/// When `tongban lint` exits with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any finding at error severity.
    Error,
    /// Any finding at warning or error severity.
    Warning,
    /// Never (always exit 0 unless tongban itself fails).
    Never,
}

impl FailOn {
    /// The name as written on the command line and in tongban.toml.
    pub fn name(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Never => "never",
        }
    }
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
