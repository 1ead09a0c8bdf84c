//! The integration tests, one binary (as ripgrep's and ruff's): each file a module. One binary
//! links once per change instead of once per file; `cargo test --test it <module>::` runs one
//! file's tests (`cargo test --test it rules::`).

mod common;

mod accuracy;
mod catalogs_readme;
mod ci;
mod cli;
mod coverage;
mod diff;
mod docs;
mod editors;
mod fail_on;
mod fix;
mod formats;
mod fuzz;
mod gen_corpus;
mod i18n;
mod lang;
mod layers;
mod lint_cli;
mod packaging;
mod published_codes;
mod regression;
mod requirements;
mod rules;
mod schema_suite;
mod schema_v2;
mod server;
