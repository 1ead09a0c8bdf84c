//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
//!
//! The floor plan, top to bottom (no module imports one above it; `module-cycles` checks):
//!
//! ```text
//! main.rs → app/          one file per subcommand: lint, diff, coverage, material, fix, info, server
//!         → report/       lint printers (human, json, sarif, junit, github, gitlab, json-lines);
//!                         diff and coverage reports (text, markdown, html, xlsx, csv, json)
//!         → config, suppress, baseline, fix
//!         → rules/        TB2xx per-guide, TB3xx cross-region, TB5xx agreement/coverage checks
//!         → compare/      catalog, diff, coverage, requirement (guides → values; nothing printed)
//!         → identity
//!         → ontology, regions, agreement, normalize           (bundled data, one shape each)
//!         → schema, input/ (walk, file kind, parallel engine)
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
mod baseline;
pub mod cli;
mod compare;
pub mod config;
mod data;
pub mod diagnostic;
pub mod error;
mod fix;
mod identity;
pub mod input;
pub mod lint;
pub mod load;
pub mod progress;
pub mod report;
pub mod rules;
pub mod schema;
pub mod server;
mod source;
mod suppress;

pub use app::{Env, Outcome, execute, main_process, run};
// The bundled data's modules keep their crate-root paths (`crate::ontology`, …) while work on
// other branches that names them merges; new code may name either.
pub(crate) use data::{agreement, normalize};
pub use data::{ontology, regions};
pub use error::{EXIT_TROUBLE, Error};
