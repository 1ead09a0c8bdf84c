//! Findings are data: a code, a severity, a message and where it points. Nothing here prints.

use std::ops::Range;

use serde::Serialize;

use crate::source::Source;

/// How serious a finding is. Only `Error` makes `tongban lint` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never fails a run.
    Info,
    /// Worth fixing; does not fail a run.
    Warning,
    /// The guide departs from the schema or a rule at error level; fails the run.
    Error,
}

impl Severity {
    /// Lower-case English name, as used in JSON output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Language of human-facing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (for standards officers; the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the language from a POSIX locale string such as `en_US.UTF-8`; anything that is not
    /// English gives Chinese.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// Chooses between a Chinese and an English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

mod builtin;
pub use builtin::*;

/// What kind of thing a check is; the hundreds digit of its code says the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Reading and parsing the file (TB0xx).
    Input,
    /// The schema (TB1xx).
    Schema,
    /// A rule on one guide (TB2xx).
    Guide,
    /// A rule across regions (TB3xx).
    CrossRegion,
    /// Configuration and suppressions (TB4xx).
    Meta,
    /// Agreement files and agreement coverage (TB5xx).
    Agreement,
}

impl Kind {
    /// Every kind, in code order.
    pub const ALL: [Kind; 6] = [
        Kind::Input,
        Kind::Schema,
        Kind::Guide,
        Kind::CrossRegion,
        Kind::Meta,
        Kind::Agreement,
    ];

    /// Lower-case English name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Schema => "schema",
            Kind::Guide => "guide",
            Kind::CrossRegion => "cross-region",
            Kind::Meta => "config",
            Kind::Agreement => "agreement",
        }
    }

    /// The kind a code's hundreds digit stands for (`TB2xx` → guide), if any.
    pub fn of_code(code: &str) -> Option<Kind> {
        let digit = code.strip_prefix("TB")?.bytes().next()?;
        Kind::ALL
            .get(usize::from(digit.checked_sub(b'0')?))
            .copied()
    }
}

/// The documentation of one kind of fix a check's findings can get (`tongban lint --fix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixDoc {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What it does, in Markdown.
    pub text: &'static str,
    /// The same in Chinese.
    pub text_zh: &'static str,
}

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// 中文.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// A check's documentation, written once: each section's words in both languages, the example
/// and its correction once (a guide reads the same in either language). `rules::docs` renders
/// it under the headings What it does / Why is this bad? / Example / Use instead (作用 / 原因 /
/// 示例 / 改为).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    /// What it does (Markdown).
    pub what: Text,
    /// Why is this bad? Cite the standard or document behind the check by its public name.
    pub why: Text,
    /// Example: what gives the check's finding.
    pub example: Sample,
    /// Use instead: the example corrected.
    pub instead: Sample,
}

/// A doc's example (or its correction): a block shown as it is in both languages, with words
/// before it in both languages where the block needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// Words before the block (or in its place), in both languages.
    pub note: Option<Text>,
    /// The block's language (`yaml`, `text`).
    pub fence: &'static str,
    /// The block's lines (a leading and a trailing line break are not part of it); `None` for
    /// words alone.
    pub code: Option<&'static str>,
}

impl Sample {
    /// A YAML block.
    pub const fn yaml(code: &'static str) -> Sample {
        Sample {
            note: None,
            fence: "yaml",
            code: Some(code),
        }
    }

    /// A plain-text block (a command line, a message).
    pub const fn text(code: &'static str) -> Sample {
        Sample {
            note: None,
            fence: "text",
            code: Some(code),
        }
    }

    /// Words alone, without a block.
    pub const fn words(zh: &'static str, en: &'static str) -> Sample {
        Sample {
            note: Some(Text { zh, en }),
            fence: "",
            code: None,
        }
    }

    /// The same block with words before it.
    pub const fn with_note(self, zh: &'static str, en: &'static str) -> Sample {
        Sample {
            note: Some(Text { zh, en }),
            ..self
        }
    }

    /// The block's lines, without the line breaks that open and close it in the source.
    pub fn lines(&self) -> Option<&'static str> {
        let code = self.code?;
        let code = code.strip_prefix('\n').unwrap_or(code);
        Some(code.strip_suffix('\n').unwrap_or(code))
    }

    /// The YAML of the block, if it is one.
    pub fn yaml_text(&self) -> Option<&'static str> {
        (self.fence == "yaml").then(|| self.lines()).flatten()
    }
}

/// Everything tongban can report is declared once as a `Check`: code, name, default severity,
/// kind, bilingual summary, documentation and fixes. Built-in checks are in [`builtin`]; each
/// rule declares its own in its file under `rules/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    /// Stable code, e.g. `TB101`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `missing-element`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Input, schema, guide, cross-region, config or agreement.
    pub kind: Kind,
    /// One-line summary in Chinese.
    pub summary_zh: &'static str,
    /// One-line summary in English.
    pub summary_en: &'static str,
    /// Its documentation, both languages in one (`tongban rule`, docs/rules.md, the editor's
    /// hover, SARIF rule help).
    pub doc: Doc,
    /// The fixes `tongban lint --fix` makes to its findings (documentation; `crate::lint::fix` makes them).
    pub fixes: &'static [FixDoc],
}

/// A secondary location shown beside the main one (e.g. the first of two duplicate keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Byte range in the same source.
    #[serde(skip)]
    pub span: Range<usize>,
    /// What this location is.
    pub message: String,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `TB101`.
    pub code: &'static str,
    /// Kebab-case name of the check or rule.
    pub name: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// Message in the chosen language.
    pub message: String,
    /// Optional advice: the fix, a "did you mean", the allowed values.
    pub help: Option<String>,
    /// RFC 6901 pointer into the document (`""` for the whole document or a file-level problem).
    pub pointer: String,
    /// The pointer with list entries named by their content (`/materials/[name=…]/copies`):
    /// the finding's identity in baselines and CI fingerprints (see `identity`). Empty until set.
    #[serde(skip)]
    pub key: String,
    /// Byte range in the decoded source (empty range for a point).
    #[serde(skip)]
    pub span: Range<usize>,
    /// Label shown under the span.
    pub label: Option<String>,
    /// Other places that explain this finding.
    pub related: Vec<Related>,
    /// A mechanical correction, when there is one (`tongban lint --fix`, editor quick fixes);
    /// boxed, since most findings have none and a run may hold many findings.
    #[serde(skip)]
    pub fix: Option<Box<Fix>>,
    /// Other files this finding compares the file with (a cross-region finding's other guides
    /// of the item), each with what it says: an editor links them (`relatedInformation`).
    /// Boxed, since most findings have none.
    #[serde(skip)]
    pub elsewhere: Option<Box<[Elsewhere]>>,
}

/// Another file a finding refers to: its path and what it says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    /// The file.
    pub path: std::path::PathBuf,
    /// What it says (`上海市：行政许可`), in the finding's language.
    pub message: String,
}

/// Whether a fix keeps the guide's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Changes how the text is written, never what it says (`--fix` applies it).
    Safe,
    /// May change what the guide says (applied only with `--unsafe-fixes`).
    Unsafe,
}

/// One replacement of a byte range of the source text (the decoded text: for a UTF-8 file, its
/// bytes after any byte-order mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What replaces them.
    pub replacement: String,
}

/// A mechanical correction of one finding: edits that must be applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Non-overlapping edits, sorted by position.
    pub edits: Vec<Edit>,
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does, in the finding's language (an editor's quick-fix title).
    pub title: String,
}

impl Finding {
    /// The stable identity of the finding within its file: its content-keyed pointer when set,
    /// else its pointer.
    pub fn identity(&self) -> &str {
        if self.key.is_empty() {
            &self.pointer
        } else {
            &self.key
        }
    }

    /// A finding of `check` at `span` with its default severity.
    pub fn new(check: Check, message: impl Into<String>, span: Range<usize>) -> Self {
        Finding {
            code: check.code,
            name: check.name,
            severity: check.severity,
            message: message.into(),
            help: None,
            pointer: String::new(),
            key: String::new(),
            span,
            label: None,
            related: Vec::new(),
            fix: None,
            elsewhere: None,
        }
    }

    /// Sets the advice text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the JSON pointer.
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self
    }

    /// Sets the label under the main span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary location.
    pub fn with_related(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// All findings of one file, with the text they point into.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file; its text is kept only when there are findings to show.
    pub source: Source,
    /// Findings in document order.
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// A report with no findings and no text (a file skipped, or clean).
    pub fn empty(name: String) -> FileReport {
        FileReport {
            source: Source::new(name, ""),
            findings: Vec::new(),
        }
    }

    /// Sorts findings by position, then code, so output is stable.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.span.start, a.code, &a.message).cmp(&(b.span.start, b.code, &b.message))
        });
    }
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files examined.
    pub files: usize,
    /// YAML files skipped as not guides (no `tongban.toml` says which files are guides, and
    /// no top-level guide element was found): mkdocs.yml, CI workflows, data files.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_guides: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Findings at error severity.
    pub errors: usize,
    /// Findings at warning severity.
    pub warnings: usize,
    /// Findings at info severity.
    pub infos: usize,
    /// With `--baseline`: findings hidden because the baseline records them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_matched: Option<usize>,
    /// With `--baseline`: baseline entries that no longer occur (fixed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_fixed: Option<usize>,
    /// With `--write-baseline`: entries written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_written: Option<usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Adds one file's findings to the counts.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        if !report.findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.count(report);
    }

    /// Adds a second report of a file already added (its cross-region findings);
    /// `counted` says whether the file already counts among the files with findings (after any
    /// baseline filtering of its first report).
    pub fn add_again(&mut self, report: &FileReport, counted: bool) {
        if !counted && !report.findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.count(report);
    }

    fn count(&mut self, report: &FileReport) {
        for f in &report.findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

// Suppression directives are data about findings: `suppress` reads them from comments, the
// cross-region rules carry them to the second pass.

/// What a suppression covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole file.
    File,
    /// The node at this JSON pointer and everything below it.
    Node(String),
}

/// One code suppressed by one comment.
#[derive(Debug, Clone)]
pub struct Directive {
    /// The rule's code (names are resolved to codes).
    pub code: &'static str,
    /// What it covers.
    pub scope: Scope,
    /// The comment, for reporting it.
    pub span: std::ops::Range<usize>,
    /// Whether it suppressed at least one finding.
    pub used: bool,
}

impl Directive {
    /// Does this directive cover `f`?
    pub fn covers(&self, f: &Finding) -> bool {
        f.code == self.code
            && match &self.scope {
                Scope::File => true,
                Scope::Node(p) => {
                    f.pointer == *p
                        || (f.pointer.starts_with(p.as_str())
                            && f.pointer.as_bytes().get(p.len()) == Some(&b'/'))
                }
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("C")), Lang::Zh);
        assert_eq!(Lang::from_locale(None), Lang::Zh);
    }
}
