//! JUnit XML: one `<testsuite>` per file, one failing `<testcase>` per finding (type = severity);
//! a file without findings gets one passing test case, so every linted file shows up.

use std::io::Write;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::path_for_ci;
use crate::Error;
use crate::diagnostic::FileReport;

/// Collects the suites and writes the document at the end (XML needs the counts first).
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    report: Report,
    /// Index of each file's suite (a file may be reported twice: cross-region findings).
    suites: Vec<(String, TestSuite)>,
    /// Position of each path's suite in `suites`.
    index: std::collections::HashMap<String, usize>,
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        Printer {
            out,
            report: Report::new("tongban"),
            suites: Vec::new(),
            index: std::collections::HashMap::new(),
        }
    }

    /// Adds one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let path = path_for_ci(&report.source.name);
        // A file can come twice (its cross-region findings); a map keeps the lookup O(1).
        let next = self.suites.len();
        let idx = *self.index.entry(path.clone()).or_insert(next);
        if idx == next {
            self.suites
                .push((path.clone(), TestSuite::new(path.clone())));
        }
        let suite = &mut self.suites[idx].1;
        for f in &report.findings {
            let (start, _) = report.source.range(&f.span);
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(f.message.clone())
                .set_type(f.severity.as_str())
                .set_description(format!(
                    "{path}:{}:{}: {} {} ({}) {}{}",
                    start.line,
                    start.column,
                    f.severity.as_str(),
                    f.code,
                    f.name,
                    f.message,
                    f.help
                        .as_deref()
                        .map(|h| format!("\nhelp: {h}"))
                        .unwrap_or_default()
                ));
            let mut case = TestCase::new(
                format!("{} {} {}:{}", f.code, f.name, start.line, start.column),
                status,
            );
            case.set_classname(path.clone());
            suite.add_test_case(case);
        }
        Ok(())
    }

    /// Writes the XML document.
    pub fn finish(mut self) -> Result<(), Error> {
        for (path, mut suite) in self.suites {
            if suite.test_cases.is_empty() {
                let mut case = TestCase::new("tongban", TestCaseStatus::success());
                case.set_classname(path);
                suite.add_test_case(case);
            }
            self.report.add_test_suite(suite);
        }
        // Serialised in memory first, so a failing write keeps its OS error (a broken pipe, a
        // full disk) instead of becoming the serialiser's text.
        let xml = self
            .report
            .to_string()
            .map_err(|e| Error::Output(std::io::Error::other(e.to_string())))?;
        self.out.write_all(xml.as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }
}
