//! JUnit XML: one `<testsuite>` named tongban with one `<testcase>` per file. A file's test case
//! fails only when it has findings at or above `--fail-on` (so the report agrees with the exit
//! status); its findings are listed in the failure (or, below the threshold, in `system-out`).

use crate::i18n::tr;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::RunInfo;
use crate::diagnostic::{FileReport, Lang, Severity};
use crate::error::Error;

#[derive(Default)]
struct Case {
    lines: String,
    failing: [usize; 3],
    other: usize,
}

/// Collects the cases and writes the document at the end (XML needs the counts first).
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    info: RunInfo,
    lang: Lang,
    /// Files in the order first seen (a file may be reported twice: cross-region findings).
    order: Vec<String>,
    cases: HashMap<String, Case>,
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(info: RunInfo, lang: Lang, out: &'w mut dyn Write) -> Self {
        Printer {
            out,
            info,
            lang,
            order: Vec::new(),
            cases: HashMap::new(),
        }
    }

    /// Adds one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let path = self.info.path(&report.source.name);
        let case = match self.cases.get_mut(&path) {
            Some(c) => c,
            None => {
                self.order.push(path.clone());
                self.cases.entry(path.clone()).or_default()
            }
        };
        for f in &report.findings {
            let (start, _) = report.source.range(&f.span);
            let _ = writeln!(
                case.lines,
                "{path}:{}:{}: {} {} ({}) {}{}",
                start.line,
                start.column,
                crate::rules::docs::severity_name(f.severity, self.lang),
                f.code,
                f.name,
                f.message,
                f.help
                    .as_deref()
                    .map(|h| format!("\n  {}{h}", self.lang.pick("帮助：", "help: ")))
                    .unwrap_or_default()
            );
            if self.info.fails(f.code, f.severity) {
                case.failing[match f.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Info => 2,
                }] += 1;
            } else {
                case.other += 1;
            }
        }
        Ok(())
    }

    /// Writes the XML document.
    pub fn finish(self) -> Result<(), Error> {
        let mut report = Report::new("tongban");
        let mut suite = TestSuite::new("tongban");
        let mut cases = self.cases;
        for path in self.order {
            let Some(c) = cases.remove(&path) else {
                continue;
            };
            let [e, w, i] = c.failing;
            let failing = c.failing.iter().sum::<usize>();
            let mut case = if failing > 0 {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_message(if i > 0 {
                        // Infos fail only when --fail-on selects their code.
                        tr!(
                            self.lang,
                            "junit-failing-selected",
                            failing = failing,
                            errors = e,
                            warnings = w,
                            infos = i
                        )
                    } else {
                        tr!(
                            self.lang,
                            "junit-failing",
                            failing = failing,
                            errors = e,
                            warnings = w
                        )
                    })
                    .set_type(if e > 0 { "error" } else { "warning" })
                    .set_description(c.lines.clone());
                TestCase::new(path.clone(), status)
            } else {
                let mut case = TestCase::new(path.clone(), TestCaseStatus::success());
                if c.other > 0 {
                    case.set_system_out(c.lines.clone());
                }
                case
            };
            case.set_classname("tongban");
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
        // Serialised in memory first, so a failing write keeps its OS error (a broken pipe, a
        // full disk) instead of becoming the serialiser's text.
        let xml = report
            .to_string()
            .map_err(|e| Error::Output(std::io::Error::other(e.to_string())))?;
        self.out.write_all(xml.as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{self as dx, Finding};
    use crate::report::{FailLevel, FailOn};
    use crate::source::Source;

    fn xml(fail_on: FailOn, reports: &[FileReport]) -> String {
        let mut buf = Vec::new();
        let info = RunInfo {
            fail_on: Some(fail_on),
            ..RunInfo::default()
        };
        let mut p = Printer::new(info, Lang::En, &mut buf);
        for r in reports {
            p.file(r).unwrap();
        }
        p.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn one_case_per_file_failed_only_at_or_above_fail_on() {
        let warn = FileReport {
            source: Source::new("a.yaml", "x: 1\n"),
            findings: vec![Finding::new(dx::BOM, "bom", 0..1)],
        };
        let clean = FileReport {
            source: Source::new("b.yaml", ""),
            findings: Vec::new(),
        };
        // The same file reported again (cross-region pass) stays one case.
        let again = FileReport {
            source: Source::new("a.yaml", "x: 1\n"),
            findings: vec![Finding::new(dx::BOM, "bom again", 0..1)],
        };
        let reports = [warn, clean, again];
        let x = xml(FailOn::default(), &reports);
        assert_eq!(x.matches("<testcase ").count(), 2, "{x}");
        assert!(x.contains("failures=\"0\""), "{x}");
        assert!(x.contains("bom again"), "{x}");
        let x = xml(FailOn::level(FailLevel::Warning), &reports);
        assert!(x.contains("failures=\"1\""), "{x}");
        assert!(
            x.contains("2 findings at or above --fail-on (0 errors, 2 warnings)"),
            "{x}"
        );
    }

    /// `--fail-on never,TB305`: the file with an info TB305 fails, the one with a warning of
    /// another code does not — the exit status's decision, per finding.
    #[test]
    fn a_selected_code_fails_its_case_whatever_its_level() {
        let info = FileReport {
            source: Source::new("a.yaml", "x: 1\n"),
            findings: vec![Finding {
                code: "TB305",
                severity: dx::Severity::Info,
                ..Finding::new(dx::BOM, "agency", 0..1)
            }],
        };
        let warn = FileReport {
            source: Source::new("b.yaml", "x: 1\n"),
            findings: vec![Finding::new(dx::BOM, "bom", 0..1)],
        };
        let fail_on = FailOn::parse(&["never,TB3xx"], Lang::En).unwrap();
        let x = xml(fail_on, &[info, warn]);
        assert!(x.contains("failures=\"1\""), "{x}");
        assert!(
            x.contains("1 finding at or above --fail-on or of a code it selects (0 errors, 0 warnings, 1 info)"),
            "{x}"
        );
        assert!(x.contains("<system-out>b.yaml"), "{x}");
    }
}
