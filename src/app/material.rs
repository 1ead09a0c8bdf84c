//! `tongban material NAME…`: how the comparison reads a material's name.

use crate::i18n::tr;
use std::io::Write;

use super::Outcome;
use super::settings::Settings;
use crate::compare::{catalog, requirement};
use crate::data::{normalize, ontology};
use crate::error::Error;
use crate::{cli, report};

/// `tongban material`: read names as requirements → render.
pub(super) fn command(
    args: cli::MaterialArgs,
    s: &Settings<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let (lang, env) = (s.lang, s.env);
    let ontology = match &args.synonyms {
        Some(path) => ontology::Ontology::from_file(&env.cwd.join(path), lang)?,
        None => {
            let config = s.config()?;
            match &config.synonyms {
                Some(path) => ontology::Ontology::from_file(path, lang)?,
                None => ontology::Ontology::bundled()?,
            }
        }
    };
    let item = args
        .item
        .as_deref()
        .map(normalize::normalize)
        .unwrap_or_default();
    let is_code = item.len() == 12 && item.bytes().all(|b| b.is_ascii_alphanumeric());
    let mut notes = Vec::new();
    let scopes = ontology.item_scopes();
    if !item.is_empty()
        && !scopes.contains(item.as_str())
        && let Some(near) = catalog::nearest_typo(&item, scopes.iter().copied())
    {
        notes.push(tr!(
            lang,
            "material-item-did-you-mean",
            item = item.as_str(),
            name = near
        ));
    }
    let item_ref = requirement::ItemRef {
        name: if is_code { "" } else { &item },
        code: is_code.then_some(item.as_str()),
    };
    let reader = requirement::Reader::new(&ontology);
    let mut readings: Vec<requirement::Reading> = args
        .names
        .iter()
        .map(|n| reader.read(item_ref, n))
        .collect();
    // As one guide listing them: 户口簿 next to 身份证 is its own requirement.
    let assigned: Vec<(String, String)> = {
        let pieces: Vec<&requirement::Piece> =
            readings.iter().flat_map(|r| r.pieces.iter()).collect();
        requirement::assign(&pieces)
            .into_iter()
            .map(|(k, n)| (k.to_owned(), n.to_owned()))
            .collect()
    };
    for (piece, (key, name)) in readings
        .iter_mut()
        .flat_map(|r| r.pieces.iter_mut())
        .zip(assigned)
    {
        if piece.requirement != key {
            piece.how.push(requirement::How::OwnRequirement {
                requirement: std::mem::replace(&mut piece.name, name),
            });
        } else {
            piece.name = name;
        }
        piece.requirement = key;
    }
    // A name given on the command line (or from a guide) may hold ESC: escaped on the text
    // output, as the diff's table is (JSON escapes it itself).
    if args.format == cli::MaterialFormat::Text {
        let mut safe = report::TerminalSafe::new(out);
        report::material::render(
            &readings,
            args.item.as_deref(),
            args.format,
            lang,
            &mut safe,
        )?;
        safe.flush()?;
    } else {
        report::material::render(&readings, args.item.as_deref(), args.format, lang, out)?;
    }
    Ok(Outcome { status: 0, notes })
}
