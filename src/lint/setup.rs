//! What linting needs besides the files: the schema and the rules' data.

use super::config;
use crate::error::Error;
use crate::{diagnostic, rules, schema};

/// What linting needs besides the files: the schema (`--schema`, else the config's, else the
/// national one) and the rules' data (e-licences; the synonyms dictionary `diff` uses: config
/// `synonyms`, else `materials.yaml` at the root of a folder in `paths`, else the bundled one).
pub(crate) fn setup(
    config: &config::Config,
    schema_arg: Option<&std::path::Path>,
    paths: &[std::path::PathBuf],
    cwd: &std::path::Path,
    lang: diagnostic::Lang,
) -> Result<(schema::Schema, rules::Data), Error> {
    let schema = match (schema_arg, &config.schema) {
        (Some(path), _) => schema::Schema::from_file(&cwd.join(path))?,
        (None, Some(path)) => schema::Schema::from_file(path)?,
        (None, None) => schema::Schema::national()?,
    };
    let data = rules::Data {
        licences: match &config.e_licences {
            Some(p) => data_file(p, rules::licences::Licences::parse)?,
            None => rules::licences::Licences::bundled(),
        },
        // The ontology diff uses: config `synonyms`, else the folder's documents.yaml, else
        // the bundled one.
        synonyms: crate::data::ontology::for_paths(config.synonyms.as_ref(), paths, lang)?.0,
        readings: Default::default(),
    };
    Ok((schema, data))
}

/// A data file named by the config, or the error saying what is wrong with it.
fn data_file<T>(
    path: &std::path::Path,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse(&text).map_err(|message| Error::Config {
        message: format!("{}:{message}", path.display()),
        src: miette::NamedSource::new(path.display().to_string(), text),
        span: None,
    })
}
