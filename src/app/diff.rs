//! `tongban diff`: guides → catalog → one comparison per item → report.

use std::io::Write;

use super::settings::{self, Settings};
use super::{Outcome, finish_output, write_report};
use crate::compare::{catalog, diff};
use crate::data::ontology;
use crate::diagnostic::Lang;
use crate::error::{EXIT_TROUBLE, Error};
use crate::i18n::tr;
use crate::{cli, input, report};

/// `tongban diff`: index → compare → render.
pub(super) fn command(
    args: cli::DiffArgs,
    s: &Settings<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let (lang, style, env) = (s.lang, s.style, s.env);
    let pairwise = !args.regions.is_empty();
    if pairwise && args.regions.len() != 2 {
        return Err(Error::Usage(tr!(
            lang,
            "diff-regions-two",
            count = args.regions.len()
        )));
    }
    if pairwise
        && !matches!(
            args.format,
            report::DiffFormat::Table | report::DiffFormat::Json
        )
    {
        return Err(Error::Usage(tr!(lang, "diff-pairwise-formats")));
    }
    if args.format == report::DiffFormat::Xlsx && args.output.is_none() && env.stdout_is_terminal {
        return Err(Error::Usage(super::xlsx_to_terminal(lang)));
    }
    if let Some(o) = &args.output {
        super::refuse_input(o, args.paths.iter().map(std::path::PathBuf::as_path), lang)?;
    }
    let (synonyms, dictionary) =
        ontology::for_paths(args.catalog.synonyms.as_ref(), &args.paths, lang)?;
    // The config's `exclude` globs and data files apply to diff as to lint.
    let config = s.config()?;
    // Streamed: the walk is consumed chunk by chunk, never held as a list.
    let walk = input::walk(&args.paths, &config, lang)?;
    let mut regions = args.region.clone();
    regions.extend(args.regions.iter().cloned());
    let mut catalog = catalog::Catalog::with_ontology(
        catalog::Filter {
            item: args.item.clone(),
            regions: regions.clone(),
        },
        synonyms,
    );
    let jobs = settings::jobs(args.catalog.jobs);
    let limits = settings::limits(args.catalog.max_file_size);
    // Dictionaries are not guides: the one in use, and any at the root of a folder given.
    let mut skip: Vec<std::path::PathBuf> = dictionary.into_iter().collect();
    skip.extend(
        args.paths
            .iter()
            .flat_map(|p| ontology::FILE_NAMES.map(|f| p.join(f)))
            .filter(|p| p.is_file()),
    );
    let mut progress = s.progress("progress-reading");
    catalog.index(walk, &limits, &skip, jobs, lang, &mut progress)?;
    progress.finish();

    let mut notes: Vec<String> = Vec::new();
    for s in &catalog.skipped {
        notes.push(super::skipped_note(&s.path, &s.reason, lang));
    }
    for c in &catalog.collisions {
        notes.push(tr!(
            lang,
            "diff-collision",
            kept = c.kept.as_str(),
            ignored = c.ignored.as_str(),
            region = c.region.as_str(),
            item = c.item.as_str()
        ));
    }
    if let Some(item) = &args.item
        && catalog.items.is_empty()
    {
        let near = catalog::nearest(item, catalog.items_seen.iter().map(String::as_str));
        return Err(Error::NotInInputs {
            message: tr!(lang, "diff-no-item", item = item.as_str()),
            help: near.map(|n| tr!(lang, "did-you-mean", name = n)),
        });
    }
    regions_present(&catalog, &regions, args.item.is_some(), lang)?;

    // Write straight to the output file: a report of a national-size catalog is not held in memory.
    let (file, mut status) =
        write_report(args.format, args.output.as_ref(), style, out, |w, st| {
            let mut status = 0;
            if pairwise {
                let view = diff::pairwise(&catalog, &args.regions[0], &args.regions[1])?;
                report::diff::render_pairwise(&view, args.format, st, w)?;
            } else {
                let cmp = diff::compare(&catalog);
                report::diff::render(&cmp, args.format, st, w)?;
                if let Some(threshold) = args.fail_under {
                    let failing = diff::fails_under(&cmp, threshold);
                    for i in &failing {
                        notes.push(tr!(
                            lang,
                            "diff-fails-under",
                            item = i.name.as_str(),
                            uniformity = format!("{:.2}", i.uniformity),
                            threshold = threshold.to_string()
                        ));
                    }
                    status = u8::from(!failing.is_empty());
                }
            }
            Ok(status)
        })?;
    finish_output(file, args.output.as_ref(), style, &mut notes)?;
    // A guide tongban crashed on was skipped and the report written: the run still failed.
    if catalog.skipped.iter().any(|s| s.crashed) {
        status = EXIT_TROUBLE;
    }
    Ok(Outcome { status, notes })
}

/// Every region asked for (`--region`, `--regions`) has a guide in the catalog, else the usage
/// error naming the regions present.
fn regions_present(
    catalog: &catalog::Catalog,
    regions: &[String],
    of_item: bool,
    lang: Lang,
) -> Result<(), Error> {
    for r in regions {
        if !catalog.regions_seen.contains(r) {
            let present = || {
                catalog
                    .regions_seen
                    .iter()
                    .map(String::as_str)
                    .filter(|c| *c != catalog::BASELINE_REGION)
            };
            let mut seen: Vec<&str> = present().collect();
            seen.truncate(30);
            let message = if of_item {
                tr!(lang, "diff-no-region-of-item", region = r.as_str())
            } else {
                tr!(lang, "diff-no-region", region = r.as_str())
            };
            let help = match catalog::nearest_region(r, present()) {
                Some(near) => tr!(lang, "did-you-mean", name = near),
                None => tr!(lang, "diff-regions-present", regions = seen.join(", ")),
            };
            return Err(Error::NotInInputs {
                message,
                help: Some(help),
            });
        }
    }
    Ok(())
}
