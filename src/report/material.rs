//! Rendering `tongban material`: how listed names are read as requirements, as readable lines
//! (following `--lang`) or JSON. Decides nothing; `requirement.rs` has read them.

use crate::i18n::tr;
use std::io::Write;

use serde::Serialize;

use crate::compare::requirement::{Piece, Reading};
use crate::diagnostic::Lang;
use crate::error::Error;
use crate::report::MaterialFormat;

/// Version of the JSON shape.
pub const FORMAT_VERSION: u32 = 1;

/// Writes the readings.
pub fn render(
    readings: &[Reading],
    item: Option<&str>,
    format: MaterialFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match format {
        MaterialFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                format_version: u32,
                item: Option<&'a str>,
                readings: &'a [Reading],
            }
            serde_json::to_writer_pretty(
                &mut *out,
                &Doc {
                    format_version: FORMAT_VERSION,
                    item,
                    readings,
                },
            )
            .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        MaterialFormat::Text => {
            for r in readings {
                text(r, lang, out)?;
            }
        }
    }
    Ok(())
}

fn text(r: &Reading, lang: Lang, out: &mut dyn Write) -> Result<(), Error> {
    let n = r.pieces.len();
    let head = tr!(
        lang,
        "material-head",
        material = r.material.as_str(),
        count = n
    );
    writeln!(out, "{head}")?;
    if r.vague {
        writeln!(
            out,
            "  {}",
            lang.pick(
                "含兜底写法（…等有效证件 / 其他材料），不明确",
                "contains a catch-all (…等有效证件 / 其他材料): vague"
            )
        )?;
    }
    for (i, p) in r.pieces.iter().enumerate() {
        piece(i + 1, p, lang, out)?;
    }
    Ok(())
}

fn piece(n: usize, p: &Piece, lang: Lang, out: &mut dyn Write) -> Result<(), Error> {
    let sep = lang.pick("、", ", ");
    writeln!(out, "  {n}. {} ← {}", p.name, p.text)?;
    let mut line = |zh: &str, en: &str, value: String| -> std::io::Result<()> {
        writeln!(out, "     {}{value}", lang.pick(zh, en))
    };
    if !p.accepts.is_empty() {
        line(
            "接受：",
            "accepts: ",
            p.accepts.join(lang.pick(" 或 ", " or ")),
        )?;
    }
    if let Some(h) = &p.holder {
        line("持有人：", "holder: ", h.clone())?;
    }
    let q = &p.qualifiers;
    let mut kept: Vec<String> = Vec::new();
    for (zh, en, v) in [
        ("角色", "role", q.role.clone()),
        ("签署/出具", "clause", q.clause.clone()),
        ("原件/复印件", "copy", q.copy.map(str::to_owned)),
        ("效力", "validity", q.validity.clone()),
        ("地名", "place", q.place.clone()),
    ] {
        if let Some(v) = v {
            kept.push(format!("{} {v}", lang.pick(zh, en)));
        }
    }
    for o in &q.other {
        kept.push(format!("{} {o}", lang.pick("其他", "other")));
    }
    if !kept.is_empty() {
        line(
            "限定语（比较时去掉）：",
            "qualifiers (not compared): ",
            kept.join(sep),
        )?;
    }
    if p.vague {
        line("不明确：", "vague: ", lang.pick("是", "yes").to_owned())?;
    }
    let how: Vec<String> = p.how.iter().map(|h| h.describe(lang)).collect();
    line("读法：", "how: ", how.join(lang.pick("；", "; ")))?;
    Ok(())
}
