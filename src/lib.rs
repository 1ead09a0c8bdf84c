//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

pub mod agreement;
pub mod app;
pub mod baseline;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod fix;
pub mod identity;
pub mod input;
pub mod lint;
pub mod load;
pub mod normalize;
pub mod ontology;
pub mod progress;
pub mod regions;
pub mod report;
pub mod requirement;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppress;

pub use app::{Env, Outcome, execute, main_process, run};
pub use error::{EXIT_TROUBLE, Error};
