//! `tongban coverage`: agreements and guides → coverage → report.

use std::io::Write;

use super::settings::{self, Settings};
use super::{Outcome, finish_output, write_report};
use crate::compare::coverage;
use crate::data::{agreement, ontology};
use crate::diagnostic::Lang;
use crate::error::{EXIT_TROUBLE, Error};
use crate::i18n::tr;
use crate::{cli, input, report, rules};

/// `tongban coverage`: agreements and guides → coverage (with the `diff` comparison of each
/// item two or more members publish) → render.
pub(super) fn command(
    args: cli::CoverageArgs,
    s: &Settings<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let (lang, style, env) = (s.lang, s.style, s.env);
    if args.format == report::DiffFormat::Xlsx && args.output.is_none() && env.stdout_is_terminal {
        return Err(Error::Usage(super::xlsx_to_terminal(lang)));
    }
    if let Some(o) = &args.output {
        super::refuse_input(
            o,
            args.paths
                .iter()
                .map(std::path::PathBuf::as_path)
                .chain(args.agreement.iter().map(std::path::PathBuf::as_path)),
            lang,
        )?;
    }
    let (synonyms, _) = ontology::for_paths(args.catalog.synonyms.as_ref(), &args.paths, lang)?;
    let config = s.config()?;
    let limits = settings::limits(args.catalog.max_file_size);
    let jobs = settings::jobs(args.catalog.jobs);

    let agreement_files = agreement_files(&args, &config, lang)?;
    if agreement_files.is_empty() {
        return Err(Error::Usage(tr!(
            lang,
            "coverage-no-agreement",
            folder = input::AGREEMENTS_DIR
        )));
    }
    let loaded: Vec<agreement::Loaded> = agreement_files
        .iter()
        .map(|i| {
            agreement::load_file(
                &i.path,
                i.name.clone(),
                &limits,
                lang,
                rules::agreement::check,
            )
        })
        .collect();
    // Agreement files named with --agreement outside an `agreements/` folder are not guides either.
    let named: Vec<std::path::PathBuf> = agreement_files
        .iter()
        .filter_map(|i| std::fs::canonicalize(&i.path).ok())
        .collect();

    let walk = input::walk(&args.paths, &config, lang)?;
    let mut progress = s.progress("progress-reading");
    let (guides, skipped) =
        coverage::read_guides(walk, &limits, &named, jobs, lang, &mut progress)?;
    progress.finish();
    let inputs: Vec<coverage::AgreementInput<'_>> = loaded
        .iter()
        .filter_map(|l| {
            Some(coverage::AgreementInput {
                agreement: l.agreement.as_ref()?,
                source: &l.report.source,
                document: l.document.as_ref()?,
            })
        })
        .collect();
    let mut cov = coverage::compute(&inputs, &guides, skipped, &synonyms, lang);
    // The coverage rules (TB501, TB502) judge the values compute returned.
    rules::coverage::judge(&mut cov, lang);
    drop(inputs);
    cov.finish(loaded.into_iter().map(|l| l.report), |path, findings| {
        config.levels(path).apply(findings)
    });

    let mut notes: Vec<String> = cov
        .skipped
        .iter()
        .map(|s| super::skipped_note(&s.path, &s.reason, lang))
        .collect();
    let (file, ()) = write_report(args.format, args.output.as_ref(), style, out, |w, st| {
        report::coverage::render(&cov, args.format, st, w)
    })?;
    let (file_errors, rule_errors) = rules::coverage::errors(&cov);
    if file_errors > 0 {
        notes.push(tr!(lang, "coverage-file-errors", count = file_errors));
    }
    if rule_errors > 0 {
        notes.push(tr!(lang, "coverage-rule-errors", count = rule_errors));
    }
    let errors = file_errors + rule_errors;
    let mut failing = 0;
    if let Some(threshold) = args.fail_under {
        for a in cov.fails_under(threshold) {
            failing += 1;
            let (label, pct) = (
                a.info.label(),
                report::coverage::percent(a.coverage.unwrap_or(0.0)),
            );
            let limit = (threshold * 1000.0).round() / 10.0;
            notes.push(tr!(
                lang,
                "coverage-fails-under",
                agreement = label,
                coverage = pct.as_str(),
                limit = format!("{limit}%")
            ));
        }
    }
    finish_output(file, args.output.as_ref(), style, &mut notes)?;
    // A guide tongban crashed on was skipped and the report written: the run still failed.
    let crashed = cov.skipped.iter().any(|s| s.crashed);
    Ok(Outcome {
        status: if crashed {
            EXIT_TROUBLE
        } else {
            u8::from(errors > 0 || failing > 0)
        },
        notes,
    })
}

/// The agreement files: those named with `--agreement` (a file, or every agreement in a folder),
/// else every agreement file under the paths.
fn agreement_files(
    args: &cli::CoverageArgs,
    config: &crate::lint::config::Config,
    lang: Lang,
) -> Result<Vec<input::Input>, Error> {
    let mut agreement_files: Vec<input::Input> = Vec::new();
    if args.agreement.is_empty() {
        let (inputs, _) = input::collect(&args.paths, config, lang)?;
        agreement_files.extend(
            inputs
                .into_iter()
                .filter(|i| i.kind == input::Kind::Agreement),
        );
    } else {
        for p in &args.agreement {
            if p.is_dir() {
                let (inputs, _) = input::collect(std::slice::from_ref(p), config, lang)?;
                agreement_files.extend(inputs);
            } else if p.is_file() {
                agreement_files.push(input::Input {
                    path: p.clone(),
                    name: p.display().to_string(),
                    walked: false,
                    kind: input::Kind::Agreement,
                });
            } else {
                return Err(Error::Io {
                    path: p.display().to_string(),
                    message: tr!(lang, "coverage-no-such-agreement"),
                });
            }
        }
    }
    Ok(agreement_files)
}
