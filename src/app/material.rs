//! `tongban material NAME…`: how the comparison reads a material's name.

use std::io::Write;

use super::Env;
use crate::compare::requirement;
use crate::error::Error;
use crate::{cli, config, diagnostic, normalize, ontology, report};

/// `tongban material`: read names as requirements → render.
pub(super) fn command(
    args: cli::MaterialArgs,
    config_path: Option<&std::path::Path>,
    env: &Env,
    lang: diagnostic::Lang,
    out: &mut dyn Write,
) -> Result<u8, Error> {
    let ontology = match &args.synonyms {
        Some(path) => ontology::Ontology::from_file(&env.cwd.join(path), lang)?,
        None => {
            let config = config::Config::load(config_path, &env.cwd, lang)?;
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
    report::material::render(&readings, args.item.as_deref(), args.format, lang, out)?;
    Ok(0)
}
