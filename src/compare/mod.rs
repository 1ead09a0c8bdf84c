//! The comparison wing: guides in, values out — the catalog index (one summary per guide), the
//! per-item diff and its proposal, the coverage of 跨省通办 agreements, and the requirement reader
//! behind them. Nothing here prints, and nothing reads a file outside `input`.

pub(crate) mod align;
pub(crate) mod catalog;
pub(crate) mod coverage;
pub(crate) mod diff;
pub(crate) mod requirement;
