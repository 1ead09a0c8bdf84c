//! What a lint run counts as reports stream out: the baseline's filter and record, the summary
//! (a file counted once, though its cross-region findings come in a second report), and whether
//! tongban crashed on a file. Printing is the caller's.

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault};

use crate::diagnostic::{self, FileReport, Summary};
use crate::error::Error;
use crate::lint::baseline::{Baseline, Writer};
use crate::report::FailOn;

use super::Pass;

/// The running count of a lint run.
pub(crate) struct Tally {
    baseline: Option<Baseline>,
    writer: Option<Writer>,
    summary: Summary,
    /// Files whose first report showed findings: a file's cross-region findings must not count it
    /// twice, and one whose own findings the baseline hid must count once. Kept as 64-bit hashes
    /// of the names: 8 bytes a file even when a million files have findings.
    counted: HashSet<u64>,
    crashed: bool,
    /// The first YAML file skipped as not a guide (named in the run's one note about them).
    not_guide: Option<String>,
    /// `--fail-on`, and how many findings (after the baseline) fail the run by it.
    fail_on: FailOn,
    failing: usize,
}

/// A finished run's count.
pub(crate) struct Counted {
    /// Files, findings by severity, baseline figures.
    pub summary: Summary,
    /// tongban crashed on a file (TB000): the run could not do its job.
    pub crashed: bool,
    /// `--write-baseline` wrote a baseline (the run then passes).
    pub wrote_baseline: bool,
    /// The first YAML file skipped as not a guide, if any (`summary.not_guides` counts them).
    pub not_guide: Option<String>,
    /// Findings (after the baseline) that fail the run by `--fail-on`.
    pub failing: usize,
}

impl Tally {
    /// A count that hides what `baseline` knows, records every finding in `writer` and counts
    /// the findings that fail the run by `fail_on`.
    pub(crate) fn new(
        baseline: Option<Baseline>,
        writer: Option<Writer>,
        fail_on: FailOn,
    ) -> Tally {
        Tally {
            baseline,
            writer,
            summary: Summary::default(),
            counted: HashSet::new(),
            crashed: false,
            not_guide: None,
            fail_on,
            failing: 0,
        }
    }

    /// Counts one report from `pass` and returns it as it is to be printed (without what the
    /// baseline hides).
    pub(crate) fn take(&mut self, mut r: FileReport, pass: Pass) -> FileReport {
        if pass == Pass::NotAGuide {
            self.summary.not_guides += 1;
            if self.not_guide.is_none() {
                self.not_guide = Some(r.source.name.clone());
            }
            return r;
        }
        self.crashed |= r
            .findings
            .iter()
            .any(|f| f.code == diagnostic::INTERNAL_ERROR.code);
        if let Some(w) = &mut self.writer {
            w.record(&r);
        }
        if let Some(b) = &mut self.baseline {
            b.filter(&mut r);
        }
        self.failing += r
            .findings
            .iter()
            .filter(|f| self.fail_on.fails(f.code, f.severity))
            .count();
        let name = name_hash(&r.source.name);
        match pass {
            Pass::First => {
                self.summary.add(&r);
                if !r.findings.is_empty() {
                    self.counted.insert(name);
                }
            }
            Pass::Again => {
                let already = self.counted.contains(&name);
                self.summary.add_again(&r, already);
            }
            Pass::NotAGuide => {}
        }
        r
    }

    /// The end of the run: the baseline's figures and the baseline written.
    pub(crate) fn finish(self) -> Result<Counted, Error> {
        let mut summary = self.summary;
        if let Some(b) = &self.baseline {
            summary.baseline_matched = Some(b.matched);
            summary.baseline_fixed = Some(b.fixed());
        }
        let wrote_baseline = match self.writer {
            Some(w) => {
                summary.baseline_written = Some(w.finish()?);
                true
            }
            None => false,
        };
        Ok(Counted {
            summary,
            crashed: self.crashed,
            wrote_baseline,
            not_guide: self.not_guide,
            failing: self.failing,
        })
    }
}

fn name_hash(name: &str) -> u64 {
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(name)
}
