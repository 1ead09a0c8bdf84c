//! CSV: the long view of each section's matrix, one row per cell (pivots well in Excel), UTF-8
//! with a byte-order mark because Excel otherwise reads UTF-8 CSV as the local code page.

use std::io::Write;

use super::model::{Block, Doc, Matrix};
use crate::error::Error;
use crate::report::csv_cell;

/// Writes the matrices of `doc`'s sections (not of its head, nor of sub-sections): the header
/// is the first matrix's.
pub(crate) fn write(doc: Doc<'_>, out: &mut dyn Write) -> Result<(), Error> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut header = false;
    for s in doc.sections {
        for b in &s.blocks {
            if let Block::Matrix(m) = b {
                if !header {
                    line(out, m.long.names.iter().map(String::as_str))?;
                    header = true;
                }
                matrix(m, out)?;
            }
        }
    }
    Ok(())
}

fn line<'a>(out: &mut dyn Write, cells: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let cells: Vec<String> = cells.map(csv_cell).collect();
    writeln!(out, "{}", cells.join(","))?;
    Ok(())
}

fn matrix(m: &Matrix, out: &mut dyn Write) -> Result<(), Error> {
    for r in &m.rows {
        for (c, cell) in m.columns.iter().zip(&r.cells).filter(|(c, _)| !c.aside) {
            line(
                out,
                m.long
                    .keys
                    .iter()
                    .chain(&r.keys)
                    .chain(&c.keys)
                    .chain(&cell.fields)
                    .map(String::as_str),
            )?;
        }
    }
    Ok(())
}
