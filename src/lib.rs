//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
//!
//! The floor plan, top to bottom (no module imports one above it: `tests/it/layers.rs` checks; docs/architecture.md explains each room):
//!
//! ```text
//! main.rs → app/, cli     one file per subcommand: lint, diff, coverage, material, fix, info, server
//!         → server/       the editor (LSP): buffers through the one lint session
//!         → lint/         the lint session; config, suppress, baseline, fix, identity
//!         → report/       lint printers (human, json, sarif, junit, github, gitlab, json-lines);
//!                         diff and coverage reports (text, markdown, html, xlsx, csv, json)
//!         → rules/        TB2xx per-guide, TB3xx cross-region, TB5xx agreement/coverage checks
//!         → compare/      catalog, diff, coverage, requirement (guides → values; nothing printed)
//!         → data/         ontology, regions, agreement, normalize (bundled data, one shape each)
//!         → schema/, input/ (walk, file kind, parallel engine)
//!         → load/ (read → decode → yaml → scalar; fast path)
//!         → diagnostic, source, progress, error, atomic (files replaced by rename)
//! ```
//!
//! A lint run: `input::walk` → per file, in parallel, `lint::lint_file` (load → schema → rules
//! → config levels → suppressions) → a printer, in path order; then the cross-region pass over
//! small per-guide summaries. A diff: walk → `catalog` (one small record per guide) → one
//! `diff::ItemDiff` at a time → a report writer. Findings are data; `Error` is for a run that
//! could not do its job (exit 2).
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

pub mod app;
mod atomic;
pub mod cli;
mod compare;
pub mod data;
pub mod diagnostic;
pub mod error;
pub mod i18n;
pub mod input;
pub mod lint;
pub mod load;
pub mod progress;
pub mod report;
pub mod rules;
pub mod schema;
pub mod server;
mod source;

pub use app::{Env, Outcome, execute, main_args, main_process, run};
pub use error::{EXIT_TROUBLE, Error};
