//! Rendering: findings and comparisons in, text out. Decides nothing about what is a finding.
//! One file per format; the set of formats is a closed enum.

pub mod coverage;
pub mod diff;
pub(crate) mod doc;
mod format;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod material;
pub mod sarif;
pub mod statistics;

use std::io::Write;

use crate::diagnostic::{FileReport, Lang, Summary};
use crate::error::Error;
pub use format::{DiffFormat, FailLevel, FailOn, LintFormat, MaterialFormat, fail_on_candidates};

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colour.
    pub color: bool,
    /// Wrap width in columns.
    pub width: usize,
    /// Fold report lines longer than `width` (a terminal); piped output keeps one line per fact,
    /// for grep.
    pub fold: bool,
    /// Message language (for the summary line).
    pub lang: Lang,
    /// Omit the summary line.
    pub quiet: bool,
}

/// What the CI formats need to know about the run besides the findings.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// `--fail-on` (JUnit fails a file's test case only on the findings that fail the run)
    /// [default: error].
    pub fail_on: Option<FailOn>,
    /// Absolute paths under this folder (the working directory) are written relative to it in
    /// SARIF, GitLab, GitHub and JUnit output.
    pub base: Option<std::path::PathBuf>,
    /// `$GITHUB_STEP_SUMMARY`: `-f github` appends a Markdown summary to this file.
    pub step_summary: Option<std::path::PathBuf>,
    /// `docs-url` in tongban.toml: the repository whose docs/rules.md documents the rules
    /// (SARIF links each rule there); else the one the binary was released from, if known.
    pub docs_url: Option<String>,
}

impl RunInfo {
    /// A path as CI systems want it: relative to the base when inside it, `/`-separated,
    /// without a leading `./`.
    pub fn path(&self, name: &str) -> String {
        let p = std::path::Path::new(name);
        if let Some(base) = &self.base
            && p.is_absolute()
            && let Some(rel) = crate::source::relative_to(p, base, base)
        {
            return rel;
        }
        path_for_ci(name)
    }

    /// Whether a finding of this code and severity fails the run (the exit status's decision).
    pub fn fails(&self, code: &str, severity: crate::diagnostic::Severity) -> bool {
        match &self.fail_on {
            Some(f) => f.fails(code, severity),
            None => FailOn::default().fails(code, severity),
        }
    }
}

/// A path as CI systems want it: relative, `/`-separated, without a leading `./`.
pub fn path_for_ci(name: &str) -> String {
    let p = name.replace('\\', "/");
    let mut s = p.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_owned()
}

/// A value as a CSV cell (RFC 4180 quoting), neutralised against CSV injection as OWASP advises:
/// a cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, or their full-width forms) gets a leading `'`, so `=HYPERLINK(…)` in a
/// guide stays text in Excel and LibreOffice.
pub fn csv_cell(s: &str) -> String {
    let formula = s.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ]);
    let s: std::borrow::Cow<'_, str> = if formula {
        format!("'{s}").into()
    } else {
        s.into()
    };
    if formula || s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A value as Markdown text that cannot break the table or list it sits in: `|` escaped, line
/// breaks as spaces, `<` as an entity (no raw HTML), control characters escaped.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if crate::source::needs_escape(c) => crate::source::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A lint report being written, file by file, in one of the lint formats.
pub enum LintPrinter<'w> {
    /// Annotated snippets.
    Human(Box<human::Printer<'w>>),
    /// One JSON document.
    Json(json::Printer<'w>),
    /// One JSON finding per line.
    JsonLines(json_lines::Printer<'w>),
    /// SARIF 2.1.0.
    Sarif(sarif::Printer<'w>),
    /// JUnit XML.
    Junit(junit::Printer<'w>),
    /// GitHub workflow commands.
    Github(github::Printer<'w>),
    /// GitLab Code Quality.
    Gitlab(gitlab::Printer<'w>),
    /// Counts per rule (`--statistics`).
    Statistics(statistics::Printer<'w>),
}

impl<'w> LintPrinter<'w> {
    /// Starts a report on `out`.
    pub fn new(format: LintFormat, style: Style, out: &'w mut dyn Write) -> Result<Self, Error> {
        Self::with_info(format, style, &RunInfo::default(), out)
    }

    /// Starts a report on `out`, with what the CI formats need to know about the run.
    pub fn with_info(
        format: LintFormat,
        style: Style,
        info: &RunInfo,
        out: &'w mut dyn Write,
    ) -> Result<Self, Error> {
        Ok(match format {
            LintFormat::Human => LintPrinter::Human(Box::new(human::Printer::new(style, out))),
            LintFormat::Json => LintPrinter::Json(json::Printer::new(out)?),
            LintFormat::JsonLines => LintPrinter::JsonLines(json_lines::Printer::new(out)),
            LintFormat::Sarif => {
                LintPrinter::Sarif(sarif::Printer::new(info.clone(), style.lang, out))
            }
            LintFormat::Junit => {
                LintPrinter::Junit(junit::Printer::new(info.clone(), style.lang, out))
            }
            LintFormat::Github => {
                LintPrinter::Github(github::Printer::new(info.clone(), style.lang, out))
            }
            LintFormat::Gitlab => LintPrinter::Gitlab(gitlab::Printer::new(info.clone(), out)?),
        })
    }

    /// Starts the `--statistics` table on `out` (JSON when `format` is json; a table otherwise).
    pub fn statistics(format: LintFormat, style: Style, out: &'w mut dyn Write) -> Self {
        let json = matches!(format, LintFormat::Json | LintFormat::JsonLines);
        LintPrinter::Statistics(statistics::Printer::new(style, json, out))
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        // Messages can quote the file (a key, a value): no format gets a control character.
        let escaped;
        let report = match escape_findings(report) {
            Some(r) => {
                escaped = r;
                &escaped
            }
            None => report,
        };
        match self {
            LintPrinter::Human(p) => p.file(report),
            LintPrinter::Json(p) => p.file(report),
            LintPrinter::JsonLines(p) => p.file(report),
            LintPrinter::Sarif(p) => p.file(report),
            LintPrinter::Junit(p) => p.file(report),
            LintPrinter::Github(p) => p.file(report),
            LintPrinter::Gitlab(p) => p.file(report),
            LintPrinter::Statistics(p) => p.file(report),
        }
    }

    /// Finishes the report with the run's summary.
    pub fn finish(self, summary: &Summary) -> Result<(), Error> {
        match self {
            LintPrinter::Human(p) => p.finish(summary),
            LintPrinter::Json(p) => p.finish(summary),
            LintPrinter::JsonLines(_) => Ok(()),
            LintPrinter::Github(p) => p.finish(summary),
            LintPrinter::Sarif(p) => p.finish(),
            LintPrinter::Junit(p) => p.finish(),
            LintPrinter::Gitlab(p) => p.finish(),
            LintPrinter::Statistics(p) => p.finish(summary),
        }
    }
}

/// A copy of `report` with control characters in its texts escaped, when it has any.
fn escape_findings(report: &FileReport) -> Option<FileReport> {
    use crate::source::{escape_controls, needs_escape};
    let dirty = |t: &str| t.contains(needs_escape);
    let any = report.findings.iter().any(|f| {
        dirty(&f.message)
            || f.help.as_deref().is_some_and(dirty)
            || f.label.as_deref().is_some_and(dirty)
            || f.related.iter().any(|r| dirty(&r.message))
    });
    if !any && !dirty(&report.source.name) {
        return None;
    }
    let mut copy = report.clone();
    copy.source.name = escape_controls(&copy.source.name).into_owned();
    for f in &mut copy.findings {
        f.message = escape_controls(&f.message).into_owned();
        f.help = f.help.as_deref().map(|h| escape_controls(h).into_owned());
        f.label = f.label.as_deref().map(|h| escape_controls(h).into_owned());
        for r in &mut f.related {
            r.message = escape_controls(&r.message).into_owned();
        }
    }
    Some(copy)
}

/// Text output for a terminal (the `table` and `markdown` reports) that guide text cannot take
/// over: control characters in the stream are escaped (`␛`, `\u{9b}`), except the colour
/// sequences (`ESC [ digits ; m`) the report itself writes. A screen clear, a title change or a
/// cursor move inside a material name reaches the terminal as visible text. Flush it at the end
/// (a sequence cut at the end of the stream is held until then).
pub struct TerminalSafe<W: Write> {
    inner: W,
    /// An escape sequence or UTF-8 lead byte `0xC2` not yet judged.
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    /// Guards `inner`.
    pub fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }

    fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
        for &b in bytes {
            match b {
                0x1b => out.extend("␛".as_bytes()),
                0..=0x1f | 0x7f => {
                    let mut s = String::new();
                    crate::source::push_escaped(&mut s, char::from(b));
                    out.extend(s.as_bytes());
                }
                b => out.push(b),
            }
        }
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        for &b in buf {
            if !self.pending.is_empty() {
                let lead = self.pending[0];
                self.pending.push(b);
                if lead == 0xC2 {
                    if (0x80..=0x9F).contains(&b) {
                        out.extend(format!("\\u{{{b:x}}}").as_bytes());
                    } else {
                        out.push(0xC2);
                        self.pending.clear();
                        // Judge `b` afresh below.
                        if b == 0x1b || b == 0xC2 {
                            self.pending.push(b);
                        } else {
                            Self::escaped(&mut out, &[b]);
                        }
                        continue;
                    }
                    self.pending.clear();
                    continue;
                }
                let len = self.pending.len();
                match (len, b) {
                    (2, b'[') => {}
                    (3.., b'0'..=b'9' | b';') if len < 32 => {}
                    (3.., b'm') => {
                        out.extend(&self.pending);
                        self.pending.clear();
                    }
                    _ => {
                        let pending = std::mem::take(&mut self.pending);
                        Self::escaped(&mut out, &pending);
                    }
                }
                continue;
            }
            match b {
                0x1b | 0xC2 => self.pending.push(b),
                b'\n' | b'\t' => out.push(b),
                b => Self::escaped(&mut out, &[b]),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let mut out = Vec::new();
        Self::escaped(&mut out, &pending);
        self.inner.write_all(&out)?;
        self.inner.flush()
    }
}

/// Standard output that a closed pipe cannot fail: after the reader goes away (`| head`), the
/// rest of the report is dropped quietly and the run finishes, so its exit status is still the
/// findings'.
pub struct PipeGuard<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeGuard<W> {
    /// Guards `inner`.
    pub fn new(inner: W) -> Self {
        PipeGuard {
            inner,
            closed: false,
        }
    }

    /// Whether the reader has gone away.
    pub fn closed(&self) -> bool {
        self.closed
    }
}

impl<W: Write> Write for PipeGuard<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_cannot_become_formulas() {
        // Regression: `=HYPERLINK(...)` in a guide was written as-is (CSV injection).
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1"] {
            assert!(csv_cell(s).starts_with("\"'"), "{s:?} -> {}", csv_cell(s));
        }
        assert_eq!(csv_cell("身份证"), "身份证");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }

    #[test]
    fn terminal_output_cannot_carry_control_sequences() {
        // Regression: a material name could clear the screen or retitle the terminal.
        let mut out = Vec::new();
        {
            let mut w = TerminalSafe::new(&mut out);
            w.write_all(
                b"\x1b[1mbold\x1b[0m \x1b[2Jx\x1b]0;t\x07 \xc2\x9b1m \xc2\xa0\xe4\xb8\xad\n",
            )
            .unwrap();
            w.write_all(b"split \x1b").unwrap();
            w.write_all(b"[31mred\x1b").unwrap();
            w.flush().unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\x1b[1mbold\x1b[0m ␛[2Jx␛]0;t\u{2407} \\u{9b}1m \u{a0}中\nsplit \x1b[31mred␛"
        );
    }

    #[test]
    fn markdown_text_cannot_break_a_table() {
        // Regression: `|` and line breaks in values outside the matrix broke Markdown tables.
        assert_eq!(markdown_text("a|b\r\nc\nd<e>"), "a\\|b c d&lt;e>");
    }
}
