//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`,
//! which GitHub shows as annotations on the changed lines of a pull request. GitHub shows only a
//! few annotations per step, so when `$GITHUB_STEP_SUMMARY` is set the run's counts per rule and
//! the files with the most findings are also appended there as Markdown (the job summary).

use std::io::Write;

use super::RunInfo;
use super::statistics::{Counts, markdown};
use crate::diagnostic::{FileReport, Lang, Severity, Summary};
use crate::error::Error;

/// Writes one workflow command per finding.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    info: RunInfo,
    lang: Lang,
    counts: Option<Counts>,
}

/// Escapes a command's message (data).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(info: RunInfo, lang: Lang, out: &'w mut dyn Write) -> Self {
        let counts = info.step_summary.is_some().then(Counts::default);
        Printer {
            out,
            info,
            lang,
            counts,
        }
    }

    /// Appends the job summary to `$GITHUB_STEP_SUMMARY`, when set.
    pub fn finish(self, summary: &Summary) -> Result<(), Error> {
        let (Some(path), Some(counts)) = (&self.info.step_summary, &self.counts) else {
            return Ok(());
        };
        let text = markdown(counts, summary, self.lang, |p| self.info.path(p));
        let io = |e: std::io::Error| Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .map_err(io)?;
        f.write_all(text.as_bytes()).map_err(io)?;
        Ok(())
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        if let Some(c) = &mut self.counts {
            c.add(report);
        }
        let path = self.info.path(&report.source.name);
        for f in &report.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (start, end) = report.source.range(&f.span);
            let mut message = f.message.clone();
            if let Some(h) = &f.help {
                message.push('\n');
                message.push_str(h);
            }
            writeln!(
                self.out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&format!("{} {}", f.code, f.name)),
                data(&message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping() {
        assert_eq!(super::data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
