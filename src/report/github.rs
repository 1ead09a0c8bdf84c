//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`,
//! which GitHub shows as annotations on the changed lines of a pull request.

use std::io::Write;

use super::path_for_ci;
use crate::Error;
use crate::diagnostic::{FileReport, Severity};

/// Writes one workflow command per finding.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
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
    pub fn new(out: &'w mut dyn Write) -> Self {
        Printer { out }
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let path = path_for_ci(&report.source.name);
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
