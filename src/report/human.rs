//! Human output: each finding as a miette snippet with its file, line and column.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::Style;
use crate::Error;
use crate::diagnostic::{FileReport, Finding, Lang, Severity, Summary};

/// Writes findings as annotated source snippets.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    handler: GraphicalReportHandler,
    style: Style,
}

struct Shown<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<Arc<str>>>,
    path: &'a str,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.is_none() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.finding.message)
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
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let f = self.finding;
        let main = LabeledSpan::new_primary_with_span(f.label.clone(), f.span.clone());
        let related = f
            .related
            .iter()
            .map(|r| LabeledSpan::new_with_span(Some(r.message.clone()), r.span.clone()));
        Some(Box::new(std::iter::once(main).chain(related)))
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

    /// Renders one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        for finding in &report.findings {
            let has_text = !report.source.text.is_empty();
            let shown = Shown {
                finding,
                source: has_text.then(|| {
                    NamedSource::new(report.source.name.clone(), report.source.text.clone())
                        .with_language("yaml")
                }),
                path: &report.source.name,
            };
            let mut text = String::new();
            self.handler
                .render_report(&mut text, &shown)
                .map_err(|e| Error::Output(std::io::Error::other(e)))?;
            writeln!(self.out, "{}", text.trim_end())?;
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

/// `1 file`, `2 files`: English plurals (Chinese has none).
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One line saying how the run went.
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    if s.errors + s.warnings + s.infos == 0 {
        return match lang {
            Lang::Zh => format!("✓ 已检查 {} 个文件，未发现问题", s.files),
            Lang::En => format!("✓ checked {}: no findings", count(s.files, "file")),
        };
    }
    match lang {
        Lang::Zh => format!(
            "✗ 已检查 {} 个文件，其中 {} 个有问题：{} 个错误，{} 个警告，{} 条提示",
            s.files, s.files_with_findings, s.errors, s.warnings, s.infos
        ),
        Lang::En => format!(
            "✗ checked {}, {} with findings: {}, {}, {}",
            count(s.files, "file"),
            s.files_with_findings,
            count(s.errors, "error"),
            count(s.warnings, "warning"),
            count(s.infos, "info")
        ),
    }
}

/// What the baseline did, when one was used or written.
pub fn baseline_line(s: &Summary, lang: Lang) -> Option<String> {
    if let Some(n) = s.baseline_written {
        return Some(match lang {
            Lang::Zh => format!("基线：已记录 {n} 个问题"),
            Lang::En => format!("baseline: recorded {}", count(n, "finding")),
        });
    }
    let (matched, fixed) = (s.baseline_matched?, s.baseline_fixed.unwrap_or(0));
    Some(match lang {
        Lang::Zh => format!(
            "基线：{matched} 个已记录的问题未显示；{fixed} 条基线记录已修复（可用 --write-baseline 更新基线）"
        ),
        Lang::En => format!(
            "baseline: {} not shown; {} now fixed (update it with --write-baseline)",
            count(matched, "known finding"),
            match fixed {
                1 => "1 baseline entry is".to_owned(),
                n => format!("{n} baseline entries are"),
            }
        ),
    })
}
