//! Helpers shared by the integration tests: lint paths in-process and render findings.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tongban::config::Config;
use tongban::diagnostic::{FileReport, Lang, Summary};
use tongban::report::{LintPrinter, Style};
use tongban::{cli, lint, load, rules, schema};

/// Lints `paths` (relative to the crate root) with the defaults; returns every report, cross-region
/// ones included, in output order.
pub fn lint(paths: &[&str], lang: Lang) -> Vec<FileReport> {
    let cwd = std::env::current_dir().unwrap();
    let config = Config::defaults(&cwd);
    let schema = schema::Schema::national().unwrap();
    let data = rules::Data {
        licences: rules::licences::Licences::bundled(),
        synonyms: rules::names::Synonyms::default(),
    };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let walk = lint::walk(&paths, &config, lang).unwrap();
    let opts = lint::Options {
        schema: &schema,
        lang,
        limits: load::Limits::default(),
        config: &config,
        data: &data,
    };
    let mut out = Vec::new();
    lint::run(
        walk,
        &opts,
        1,
        &mut tongban::progress::Progress::hidden(),
        |r, _| {
            out.push(r);
            Ok(())
        },
    )
    .unwrap();
    out
}

/// Renders reports in a format, as `tongban lint` would (human: no colour, width 80).
pub fn render(reports: &[FileReport], format: cli::LintFormat, lang: Lang) -> String {
    let mut buf = Vec::new();
    let style = Style {
        color: false,
        width: 80,
        lang,
        quiet: false,
    };
    let mut p = LintPrinter::new(format, style, &mut buf).unwrap();
    let mut summary = Summary::default();
    for r in reports {
        summary.add(r);
        p.file(r).unwrap();
    }
    p.finish(&summary).unwrap();
    String::from_utf8(buf).unwrap()
}

/// The fixture folder of a rule.
pub fn fixture(code: &str, name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(format!("{code}-{name}"))
}
