//! JSON: the `Comparison` as one document (shape documented in docs/diff.md), and the pairwise view.

use std::io::Write;

use crate::diff::{Comparison, Pairwise};
use crate::error::Error;

pub(super) fn render(cmp: &Comparison<'_>, out: &mut dyn Write) -> Result<(), Error> {
    // Items are built and written one at a time (see `Comparison`'s Serialize).
    serde_json::to_writer_pretty(&mut *out, cmp).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

pub(super) fn render_pairwise(view: &Pairwise, out: &mut dyn Write) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *out, view).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
