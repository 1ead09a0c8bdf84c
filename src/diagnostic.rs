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

/// A built-in check: a stable code, a kebab-case name and a default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    /// Stable code, e.g. `TB101`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `missing-element`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary in Chinese.
    pub summary_zh: &'static str,
    /// One-line summary in English.
    pub summary_en: &'static str,
}

macro_rules! checks {
    ($($id:ident = $code:literal, $name:literal, $sev:ident, $zh:literal, $en:literal;)*) => {
        $(
            #[doc = $en]
            pub const $id: Check = Check {
                code: $code, name: $name, severity: Severity::$sev, summary_zh: $zh, summary_en: $en,
            };
        )*
        /// Every input, schema and configuration check, sorted by code.
        pub const CHECKS: &[Check] = &[$($id),*];
    };
}

checks! {
    INTERNAL_ERROR = "TB000", "internal-error", Error, "tongban 内部错误（请报告）", "internal error in tongban (please report it)";
    YAML_SYNTAX = "TB001", "yaml-syntax", Error, "YAML 语法错误", "YAML syntax error";
    ENCODING = "TB002", "encoding", Error, "文件不是 UTF-8 编码", "file is not UTF-8";
    BOM = "TB003", "utf8-bom", Warning, "文件以 UTF-8 BOM 开头", "file starts with a UTF-8 byte-order mark";
    DUPLICATE_KEY = "TB004", "duplicate-key", Error, "同一映射中出现重复的键", "duplicate key in a mapping";
    EMPTY_DOCUMENT = "TB005", "empty-document", Error, "文件为空或只有注释", "file is empty or only comments";
    MULTI_DOCUMENT = "TB006", "multiple-documents", Error, "一个文件包含多个 YAML 文档", "more than one YAML document in a file";
    ALIAS_LIMIT = "TB007", "alias-limit", Error, "别名展开过多（疑似“billion laughs”攻击）", "alias expansion too large (billion laughs)";
    NESTING_LIMIT = "TB008", "nesting-limit", Error, "嵌套层级过深", "nesting too deep";
    FILE_TOO_LARGE = "TB009", "file-too-large", Error, "文件超过大小上限", "file exceeds the size limit";
    UNREADABLE = "TB010", "unreadable-file", Error, "无法读取文件", "file cannot be read";
    NOT_A_FILE = "TB011", "not-a-regular-file", Error, "不是普通文件（FIFO、设备等）", "not a regular file (FIFO, device, ...)";
    SYMLINK_LOOP = "TB012", "symlink-loop", Error, "符号链接循环", "symbolic link loop";
    UNSUPPORTED_YAML = "TB013", "unsupported-yaml", Error, "不支持的 YAML 结构（如复杂键）", "unsupported YAML construct (e.g. complex keys)";
    CONTROL_CHARACTER = "TB014", "control-character", Error, "文件含有控制字符", "file contains control characters";
    NUMBER_OVERFLOW = "TB015", "number-overflow", Error, "数值超出可表示的范围", "number out of the representable range";
    MISSING_ELEMENT = "TB101", "missing-element", Error, "缺少必填要素", "required element is missing";
    UNKNOWN_ELEMENT = "TB102", "unknown-element", Error, "未知要素（键名不在规范中）", "element not defined by the schema";
    WRONG_TYPE = "TB103", "wrong-type", Error, "要素类型错误", "element has the wrong type";
    INVALID_VALUE = "TB104", "invalid-value", Error, "取值不在允许范围内", "value is not one of the allowed values";
    INVALID_FORMAT = "TB105", "invalid-format", Error, "格式或长度不符合规范", "value does not match the required format or length";
    OUT_OF_RANGE = "TB106", "out-of-range", Error, "数值或数量超出范围", "number or count out of range";
    SCHEMA_VIOLATION = "TB107", "schema-violation", Error, "不符合规范的其他约束", "violates another schema constraint";
    UNKNOWN_RULE = "TB401", "unknown-rule", Error, "配置或抑制注释中的规则代码或名称不存在", "unknown rule code or name in the configuration or a suppression";
    UNUSED_SUPPRESSION = "TB402", "unused-suppression", Warning, "抑制注释没有抑制任何问题", "suppression comment suppresses nothing";
    INVALID_SUPPRESSION = "TB403", "invalid-suppression", Warning, "无法解析的 tongban 抑制注释", "malformed tongban suppression comment";
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
    fn codes_unique_and_sorted() {
        for pair in CHECKS.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} !< {}",
                pair[0].code,
                pair[1].code
            );
        }
        let mut names: Vec<_> = CHECKS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CHECKS.len(), "check names must be unique");
    }

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("C")), Lang::Zh);
        assert_eq!(Lang::from_locale(None), Lang::Zh);
    }
}
