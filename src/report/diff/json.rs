//! JSON: the `Comparison` as one document (shape documented in docs/diff.md), and the pairwise view.

use std::io::Write;

use crate::Error;
use crate::diff::{Comparison, Pairwise};

/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub const FORMAT_VERSION: u32 = 1;

#[derive(serde::Serialize)]
struct Document<'a> {
    format_version: u32,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

pub(super) fn render(cmp: &Comparison, out: &mut dyn Write) -> Result<(), Error> {
    let doc = Document {
        format_version: FORMAT_VERSION,
        comparison: cmp,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

pub(super) fn render_pairwise(view: &Pairwise, out: &mut dyn Write) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *out, view).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
