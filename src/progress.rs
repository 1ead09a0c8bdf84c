//! A progress indicator for long runs, on standard error, only where a person is watching:
//! shown when stderr is a terminal, the run is not `--quiet`, not in CI, and only once the run
//! has lasted a second (short runs never flicker a bar).

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diagnostic::Lang;
use crate::i18n::tr;

/// Counts files as they are done; draws nothing unless enabled and the run is long.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    lang: Lang,
}

impl Progress {
    /// A progress indicator labelled by the message `what` of the catalog (e.g.
    /// `progress-linting`), in `lang`; `enabled` says a person is watching stderr.
    pub fn new(enabled: bool, lang: Lang, what: &'static str) -> Self {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(&tr!(lang, "progress-counting"))
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(tr!(lang, what));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
            lang,
        }
    }

    /// Starts the next stage of the run under `what`: with its `total` known, a bar with the
    /// count out of it; else the counting spinner. (A lint's cross-region pass came after a
    /// count that stood still for 16 s of a 40 s run: it looked hung.)
    pub fn stage(&mut self, what: &'static str, total: Option<usize>) {
        let Some(bar) = &self.bar else { return };
        let template = match total {
            Some(_) => tr!(self.lang, "progress-bar"),
            None => tr!(self.lang, "progress-counting"),
        };
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        match total {
            Some(n) => bar.set_length(n as u64),
            None => bar.unset_length(),
        }
        bar.set_position(0);
        bar.set_message(tr!(self.lang, what));
    }

    /// The total of the current stage, when known (tests).
    pub fn total(&self) -> Option<u64> {
        self.bar.as_ref().and_then(ProgressBar::length)
    }

    /// A progress indicator that never draws.
    pub fn hidden() -> Self {
        Self::new(false, Lang::En, "")
    }

    /// Records `n` more files done.
    pub fn inc(&mut self, n: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(n as u64);
        if !self.shown && self.started.elapsed() >= Duration::from_secs(1) {
            self.shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Removes the indicator from the screen.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_with_a_known_total_is_a_bar_of_it() {
        let mut p = Progress::new(true, Lang::Zh, "progress-linting");
        assert_eq!(p.total(), None);
        p.stage("progress-locating", Some(1_200));
        assert_eq!(p.total(), Some(1_200));
        p.inc(3);
        p.stage("progress-comparing", None);
        assert_eq!(p.total(), None);
        // Nobody watching: nothing at all.
        let mut hidden = Progress::hidden();
        hidden.stage("x", Some(5));
        assert_eq!(hidden.total(), None);
    }
}
