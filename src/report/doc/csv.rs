//! CSV: the long view of each section's matrix, one row per cell (pivots well in Excel), UTF-8
//! with a byte-order mark because Excel otherwise reads UTF-8 CSV as the local code page. Values
//! are in the run's language (the builders decide); `--lang en` gives the stable codes.

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

/// A value as a cell. A code of digits that a spreadsheet would turn into a number and change
/// — a leading zero (基本编码 `000000000001` → 1) or more than 11 digits (shown as `1.1E+11`,
/// cut past 15) — is written as the formula `="…"`, which Excel and LibreOffice both read as
/// that text. (For programs, `--format json` carries every value as written.)
fn cell(s: &str) -> String {
    let digits = s.len() > 1 && s.bytes().all(|b| b.is_ascii_digit());
    if digits && (s.starts_with('0') || s.len() > 11) {
        return format!("\"=\"\"{s}\"\"\"");
    }
    csv_cell(s)
}

fn line<'a>(out: &mut dyn Write, cells: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let cells: Vec<String> = cells.map(cell).collect();
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
