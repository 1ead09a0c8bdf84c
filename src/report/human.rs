//! Human output: each finding as a miette snippet with its file, line and column.
//!
//! miette is never handed the whole file: each finding gets a [`Frame`] holding only the lines
//! it shows, long lines cut around the span (`…`), control characters escaped, spans clamped.
//! So a frame is small whatever the file (a finding on a 10 MB line prints a few lines), its
//! columns are the same characters as every other format's, and no span can make it panic.

use crate::i18n::tr;
use std::fmt;
use std::io::Write;
use std::ops::Range;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Style;
use crate::diagnostic::{FileReport, Finding, Lang, Severity, Summary};
use crate::error::Error;
use crate::source::{Source, clamp_span, escape_controls, needs_escape, push_escaped};

/// Writes findings as annotated source snippets.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    handler: GraphicalReportHandler,
    style: Style,
}

struct Shown<'a> {
    finding: &'a Finding,
    source: Option<Frame>,
    path: &'a str,
    /// Message, help and labels, escaped and bounded for a terminal.
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.is_none() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.code, self.finding.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }
}

impl<'w> Printer<'w> {
    /// A printer with the given style.
    pub fn new(style: Style, out: &'w mut dyn Write) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_context_lines(1)
            .with_links(false);
        Printer {
            out,
            handler,
            style,
        }
    }

    /// Renders one file's findings: the first [`MAX_FRAMES_PER_FILE`] as snippets, the rest as
    /// one line each (a file with 160,000 findings is read by a program, not a person, and
    /// rendering a frame for each took seconds).
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let (framed, rest) = report
            .findings
            .split_at(report.findings.len().min(MAX_FRAMES_PER_FILE));
        for finding in framed {
            let mut text = render_guarded(&self.handler, &report.source, finding);
            if self.style.lang == Lang::Zh {
                text = help_label_zh(&text);
            }
            writeln!(self.out, "{}", text.trim_end())?;
            writeln!(self.out)?;
        }
        if !rest.is_empty() {
            writeln!(
                self.out,
                "{}",
                tr!(
                    self.style.lang,
                    "human-more-findings",
                    file = for_terminal(&report.source.name).to_string(),
                    count = rest.len(),
                    n = thousands(rest.len())
                )
            )?;
            for finding in rest {
                writeln!(self.out, "{}", plain_line(&report.source, finding))?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }

    /// Writes the summary line.
    pub fn finish(self, s: &Summary) -> Result<(), Error> {
        if self.style.quiet {
            return Ok(());
        }
        writeln!(self.out, "{}", summary_line(s, self.style.lang))?;
        if let Some(line) = baseline_line(s, self.style.lang) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }
}

/// `101,200`: counts with the separator the progress line uses (indicatif's `HumanCount`).
fn thousands(n: usize) -> String {
    indicatif::HumanCount(n as u64).to_string()
}

/// One line saying how the run went.
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    if s.files == 0 && s.errors + s.warnings + s.infos == 0 {
        return tr!(lang, "summary-no-files");
    }
    if s.errors + s.warnings + s.infos == 0 {
        return tr!(
            lang,
            "summary-clean",
            files = s.files,
            n = thousands(s.files)
        );
    }
    tr!(
        lang,
        "summary-findings",
        files = s.files,
        n = thousands(s.files),
        with_findings = thousands(s.files_with_findings),
        errors = s.errors,
        e = thousands(s.errors),
        warnings = s.warnings,
        w = thousands(s.warnings),
        infos = s.infos,
        i = thousands(s.infos)
    )
}

/// What the baseline did, when one was used or written.
pub fn baseline_line(s: &Summary, lang: Lang) -> Option<String> {
    if let Some(n) = s.baseline_written {
        return Some(tr!(lang, "baseline-recorded", count = n, n = thousands(n)));
    }
    let (matched, fixed) = (s.baseline_matched?, s.baseline_fixed.unwrap_or(0));
    Some(tr!(
        lang,
        "baseline-matched",
        matched = matched,
        m = thousands(matched),
        fixed = fixed,
        f = thousands(fixed)
    ))
}

/// Longest message, help or label shown (they can quote a value from the file).
const MAX_TEXT_CHARS: usize = 2000;
/// Characters of a long line shown around a span.
const WINDOW_CHARS: usize = 120;
/// Characters kept before the span when a long line is cut.
const LEAD_CHARS: usize = 40;
/// Findings of one file shown with a code frame; the rest are one line each.
pub const MAX_FRAMES_PER_FILE: usize = 100;
/// Lines of a multi-line span shown; the rest of the span is not underlined.
const MAX_SPAN_LINES: usize = 8;

/// Escaped (no control character reaches the terminal) and bounded.
fn for_terminal(text: &str) -> String {
    let escaped = escape_controls(text);
    match escaped.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped.into_owned(),
    }
}

/// Renders one finding; should miette ever panic on it, falls back to one plain line, so a bad
/// finding costs its frame, never the run.
fn render_guarded(handler: &GraphicalReportHandler, source: &Source, finding: &Finding) -> String {
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let shown = shown(source, finding);
        let mut text = String::new();
        handler.render_report(&mut text, &shown).map(|()| text)
    }));
    match rendered {
        Ok(Ok(text)) => text,
        _ => plain_line(source, finding),
    }
}

/// miette writes the help's label as `help:` in every language: in Chinese it reads `提示：`
/// (the same six columns wide, so wrapped lines stay aligned). Only a line whose first word,
/// after the indentation and any colour code, is `help:` is touched.
pub(crate) fn help_label_zh(text: &str) -> String {
    let escape = |s: &str| -> usize {
        if s.starts_with('\x1b') {
            s.find('m').map_or(0, |i| i + 1)
        } else {
            0
        }
    };
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let colour = escape(rest);
        match rest[colour..].strip_prefix("help:") {
            Some(tail) => {
                let reset = escape(tail);
                let text = tail[reset..].strip_prefix(' ').unwrap_or(&tail[reset..]);
                out.push_str(&line[..indent]);
                out.push_str(&rest[..colour]);
                out.push_str("提示：");
                out.push_str(&tail[..reset]);
                out.push_str(text);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `path:line:column: CODE(name) message`: a finding without its snippet.
fn plain_line(source: &Source, finding: &Finding) -> String {
    let at = source.position(finding.span.start);
    format!(
        "{}:{}:{}: {}({}) {}",
        for_terminal(&source.name),
        at.line,
        at.column,
        finding.code,
        finding.name,
        for_terminal(&finding.message)
    )
}

fn shown<'a>(source: &'a Source, finding: &'a Finding) -> Shown<'a> {
    let mut spans = vec![finding.span.clone()];
    spans.extend(finding.related.iter().map(|r| r.span.clone()));
    let frame = (!source.text.is_empty()).then(|| Frame::new(source, &spans));
    let mut labels = Vec::new();
    if let Some(frame) = &frame {
        labels.push(LabeledSpan::new_primary_with_span(
            finding.label.as_deref().map(for_terminal),
            frame.span(source, &finding.span),
        ));
        for r in &finding.related {
            labels.push(LabeledSpan::new_with_span(
                Some(for_terminal(&r.message)),
                frame.span(source, &r.span),
            ));
        }
    }
    Shown {
        finding,
        source: frame,
        path: &source.name,
        message: for_terminal(&finding.message),
        help: finding.help.as_deref().map(for_terminal),
        labels,
    }
}

/// The lines one finding shows, as the text miette renders: runs of whole lines (a block per
/// run), long lines cut around the span, control characters escaped. Offsets into the frame
/// map back to the source through `map`, so line numbers and columns are the source's own.
struct Frame {
    name: String,
    text: String,
    /// Runs of consecutive source lines: frame byte range and 0-based first line.
    blocks: Vec<(Range<usize>, usize)>,
    /// (source byte, frame byte) pairs, increasing in both.
    map: Vec<(usize, usize)>,
    /// Source column (1-based characters) of each mapped point, by frame byte.
    columns: Vec<(usize, usize)>,
    /// The main span's frame offset and its source line and column (0-based), for the header.
    primary: (usize, usize, usize),
}

impl Frame {
    fn new(source: &Source, spans: &[Range<usize>]) -> Frame {
        let text = &*source.text;
        let last_line = source.line_starts().len() - 1;
        // Lines to show: each span's lines (at most MAX_SPAN_LINES) and one line either side.
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        let mut focus: Vec<usize> = Vec::new();
        for span in spans {
            let span = clamp_span(text, span);
            let first = source.line_index(span.start);
            let last = source.line_index(span.end).min(first + MAX_SPAN_LINES - 1);
            wanted.push((first.saturating_sub(1), (last + 1).min(last_line)));
            focus.push(span.start);
        }
        wanted.sort_unstable();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (a, b) in wanted {
            match runs.last_mut() {
                Some(run) if a <= run.1 + 1 => run.1 = run.1.max(b),
                _ => runs.push((a, b)),
            }
        }
        focus.sort_unstable();
        let mut frame = Frame {
            name: for_terminal(&source.name),
            text: String::new(),
            blocks: Vec::new(),
            map: Vec::new(),
            columns: Vec::new(),
            primary: (usize::MAX, 0, 0),
        };
        for (first, last) in runs {
            if !frame.text.is_empty() {
                frame.text.push('\n');
            }
            let start = frame.text.len();
            for line in first..=last {
                if line > first {
                    frame.text.push('\n');
                }
                let range = source.line_range(line);
                let k = focus.partition_point(|&f| f < range.start);
                let on_line: Vec<usize> = focus[k..]
                    .iter()
                    .copied()
                    .take_while(|&f| f <= range.end)
                    .collect();
                frame.line(source, range, &on_line);
            }
            frame.blocks.push((start..frame.text.len(), first));
        }
        if let Some(span) = spans.first() {
            let span = clamp_span(text, span);
            let at = source.position(span.start);
            frame.primary = (frame.offset(span.start), at.line - 1, at.column - 1);
        }
        frame
    }

    /// Appends one source line; a long one is cut to windows around the span points on it,
    /// with `…` where text is left out.
    fn line(&mut self, source: &Source, range: Range<usize>, focus: &[usize]) {
        let text = &*source.text;
        let long = text[range.clone()]
            .char_indices()
            .nth(WINDOW_CHARS)
            .is_some();
        let mut windows: Vec<(usize, usize)> = Vec::new();
        if !long {
            windows.push((range.start, range.end));
        } else {
            let starts: Vec<usize> = if focus.is_empty() {
                vec![range.start]
            } else {
                focus.to_vec()
            };
            for f in starts {
                let from = text[range.start..f]
                    .char_indices()
                    .rev()
                    .take(LEAD_CHARS)
                    .last()
                    .map_or(f, |(i, _)| range.start + i);
                let to = text[from..range.end]
                    .char_indices()
                    .nth(WINDOW_CHARS)
                    .map_or(range.end, |(i, _)| from + i);
                match windows.last_mut() {
                    Some(w) if from <= w.1 => w.1 = w.1.max(to),
                    _ => windows.push((from, to)),
                }
            }
        }
        self.point(range.start, 1);
        let mut shown_to = range.start;
        for (from, to) in windows {
            if from > shown_to {
                self.text.push('…');
            }
            let mut column = source.position(from).column;
            for (i, c) in text[from..to].char_indices() {
                self.point(from + i, column);
                if needs_escape(c) {
                    push_escaped(&mut self.text, c);
                } else {
                    self.text.push(c);
                }
                column += 1;
            }
            self.point(to, column);
            shown_to = to;
        }
        if shown_to < range.end {
            self.text.push('…');
            self.point(range.end, 0);
        }
    }

    fn point(&mut self, source_byte: usize, column: usize) {
        let at = self.text.len();
        if self.map.last().is_none_or(|&(s, _)| s < source_byte) {
            self.map.push((source_byte, at));
        }
        if self.columns.last().is_none_or(|&(f, _)| f < at) {
            self.columns.push((at, column));
        }
    }

    /// A source byte as a frame byte: the nearest mapped point at or before it.
    fn offset(&self, source_byte: usize) -> usize {
        let k = self.map.partition_point(|&(s, _)| s <= source_byte);
        k.checked_sub(1).map_or(0, |k| self.map[k].1)
    }

    /// A source span in frame coordinates (cut where the frame is; a span over more than
    /// MAX_SPAN_LINES lines is underlined on its first ones only).
    fn span(&self, source: &Source, span: &Range<usize>) -> SourceSpan {
        let span = clamp_span(&source.text, span);
        let first = source.line_index(span.start);
        let last_shown = first + MAX_SPAN_LINES - 1;
        let end = if source.line_index(span.end) > last_shown {
            source.line_range(last_shown).end.max(span.start)
        } else {
            span.end
        };
        let start = self.offset(span.start);
        let end = self.offset(end).max(start);
        (start, end - start).into()
    }

    fn column(&self, frame_byte: usize) -> usize {
        let k = self.columns.partition_point(|&(f, _)| f <= frame_byte);
        k.checked_sub(1).map_or(1, |k| self.columns[k].1)
    }
}

impl SourceCode for Frame {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (start + span.len()).min(self.text.len());
        let (block, first_line) = self
            .blocks
            .iter()
            .find(|(r, _)| r.start <= start && start <= r.end)
            .or(self.blocks.last())
            .cloned()
            .ok_or(MietteError::OutOfBounds)?;
        let bytes = self.text.as_bytes();
        let end = end.clamp(start, block.end);
        // Back to the start of the line, then `context_lines_before` more lines.
        let mut from = start;
        let mut before = 0;
        loop {
            while from > block.start && bytes[from - 1] != b'\n' {
                from -= 1;
            }
            if before == context_lines_before || from == block.start {
                break;
            }
            from -= 1;
            before += 1;
        }
        // On to the end of the span's last line, then `context_lines_after` more lines.
        let mut to = end;
        let mut after = 0;
        loop {
            while to < block.end && bytes[to] != b'\n' {
                to += 1;
            }
            if after == context_lines_after || to == block.end {
                break;
            }
            to += 1;
            after += 1;
        }
        let line = first_line
            + bytes[block.start..from]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        // miette joins two contexts when `line + line_count` reaches the next one's first line:
        // counting the last line too joins contexts on adjacent lines (one block here), never
        // across a gap (another block).
        let line_count = bytes[from..to].iter().filter(|&&b| b == b'\n').count() + 1;
        let (data, column) = if context_lines_before == 0 {
            (&self.text[start..to], self.column(start).saturating_sub(1))
        } else {
            (&self.text[from..to], 0)
        };
        let data_start = if context_lines_before == 0 {
            start
        } else {
            from
        };
        // The header names the main span's own line and column (the frame may be cut there).
        let (line, column) = if context_lines_before == 0 && start == self.primary.0 {
            (self.primary.1, self.primary.2)
        } else {
            (line, column)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            (data_start, data.len()).into(),
            line,
            column,
            line_count,
        )))
    }
}

#[cfg(test)]
mod tests {

    /// Regression: the final count had no thousands separator though the progress line has one
    /// (101200 guides).
    #[test]
    fn the_summary_counts_with_thousands_separators_in_both_languages() {
        let s = Summary {
            files: 101_200,
            files_with_findings: 1_234,
            errors: 5_000,
            warnings: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s, Lang::Zh),
            "✗ 已检查 101,200 个文件，其中 1,234 个有问题：5,000 个错误，1 个警告，0 条提示"
        );
        assert_eq!(
            summary_line(&s, Lang::En),
            "✗ checked 101,200 files, 1,234 with findings: 5,000 errors, 1 warning, 0 infos"
        );
    }
    use super::*;
    use crate::diagnostic::{self as dx, Finding};

    fn render(text: &str, finding: &Finding) -> String {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(80)
            .with_context_lines(1);
        render_guarded(&handler, &Source::new("x.yaml", text), finding)
    }

    #[test]
    fn any_span_renders_without_panicking() {
        // Regression: one past the end, miette panicked; off a char boundary, so would slicing.
        let text = "名称: 合伙\nb: 1\n";
        for (start, end) in [(0, 0), (1, 2), (2, 99), (99, 120), (16, 16), (3, 1)] {
            let span = Range { start, end };
            let out = render(text, &Finding::new(dx::YAML_SYNTAX, "m", span.clone()));
            assert!(out.contains("╭─[x.yaml:"), "{span:?}: {out}");
        }
    }

    #[test]
    fn a_finding_late_on_a_huge_line_prints_a_small_frame_with_its_true_column() {
        // Regression: past column 65,536 miette panicked; a 10 MB line printed 40 MB.
        let text = format!("a: {}名 b\n", "x".repeat(2_000_000));
        let at = text.find(" b").unwrap() + 1;
        let out = render(&text, &Finding::new(dx::YAML_SYNTAX, "m", at..at + 1));
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains(&format!("x.yaml:1:{}]", 2_000_006)), "{out}");
        assert!(out.contains("…x"), "{out}");
    }

    #[test]
    fn the_frame_escapes_control_characters_and_counts_columns_in_characters() {
        // Regression: ESC went raw to the terminal; the column after CJK text counted bytes.
        let text = "名称: \u{1b}[2J合伙\n";
        let at = text.find('合').unwrap();
        let out = render(
            text,
            &Finding::new(dx::CONTROL_CHARACTER, "m\u{7}", at..at + 3),
        );
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(out.contains("名称: ␛[2J合伙"), "{out}");
        assert!(out.contains("x.yaml:1:9]"), "{out}");
    }

    #[test]
    fn a_span_over_many_lines_shows_only_its_first_lines() {
        let text = "a:\n".repeat(1000);
        let out = render(&text, &Finding::new(dx::YAML_SYNTAX, "m", 0..text.len()));
        assert!(out.lines().count() < 30, "{out}");
    }

    #[test]
    fn help_label_reads_tishi_in_chinese_plain_and_coloured() {
        let plain = "  × x\n  help: 改为 a\n        b\n";
        assert_eq!(help_label_zh(plain), "  × x\n  提示：改为 a\n        b\n");
        let coloured = "  \u{1b}[38;5;14mhelp:\u{1b}[39m 改为\n";
        assert_eq!(
            help_label_zh(coloured),
            "  \u{1b}[38;5;14m提示：\u{1b}[39m改为\n"
        );
        // Not a label: "help:" inside a line is text.
        assert_eq!(help_label_zh("  a help: b\n"), "  a help: b\n");
    }
}
