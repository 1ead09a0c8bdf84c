//! JSON Lines output: one finding per line, as in the JSON format, and nothing else.

use std::io::Write;

use super::json::JsonFinding;
use crate::diagnostic::FileReport;
use crate::error::Error;

/// Writes one JSON object per finding.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        Printer { out }
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        for f in &report.findings {
            serde_json::to_writer(&mut *self.out, &JsonFinding::new(&report.source, f))
                .map_err(std::io::Error::from)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}
