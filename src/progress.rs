//! A progress indicator for long runs, on standard error, only where a person is watching:
//! shown when stderr is a terminal, the run is not `--quiet`, not in CI, and only once the run
//! has lasted a second (short runs never flicker a bar).

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Counts files as they are done; draws nothing unless enabled and the run is long.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl Progress {
    /// A progress indicator labelled `what` (e.g. "linting"); `enabled` says a person is
    /// watching stderr.
    pub fn new(enabled: bool, what: &'static str) -> Self {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}: {human_pos} files, {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(what);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
        }
    }

    /// A progress indicator that never draws.
    pub fn hidden() -> Self {
        Self::new(false, "")
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
