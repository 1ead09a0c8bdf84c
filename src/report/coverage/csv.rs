//! CSV: one row per agreement × item × member (a long table that pivots well in Excel), UTF-8
//! with a byte-order mark like `tongban diff --format csv`.

use std::io::Write;

use crate::coverage::Coverage;
use crate::error::Error;

const HEADER: [&str; 14] = [
    "agreement",
    "agreement_file",
    "item",
    "basic_code",
    "modes",
    "member_code",
    "member_name",
    "published",
    "guide",
    "via_region",
    "partial",
    "item_coverage",
    "uniformity",
    "mode_conflict",
];

fn field(s: &str) -> String {
    crate::report::csv_cell(s)
}

pub(super) fn render(cov: &Coverage, out: &mut dyn Write) -> Result<(), Error> {
    out.write_all("\u{feff}".as_bytes())?;
    writeln!(out, "{}", HEADER.join(","))?;
    for a in &cov.agreements {
        for item in &a.items {
            for c in &item.members {
                let conflict = item
                    .mode_conflicts
                    .iter()
                    .filter(|m| m.member == c.member)
                    .map(|m| format!("{}: {}", m.guide, m.found))
                    .collect::<Vec<_>>()
                    .join("; ");
                let cols = [
                    a.info.label().to_owned(),
                    a.info.path.clone(),
                    item.name.clone(),
                    item.basic_code.clone().unwrap_or_default(),
                    item.modes.join(" "),
                    c.member.clone(),
                    super::member_name(a, &c.member).to_owned(),
                    c.published().to_string(),
                    c.guide.clone().unwrap_or_default(),
                    c.via.clone().unwrap_or_default(),
                    c.partial.to_string(),
                    format!("{}", item.coverage),
                    item.uniformity.map(|u| u.to_string()).unwrap_or_default(),
                    conflict,
                ];
                let line: Vec<String> = cols.iter().map(|c| field(c)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
    }
    Ok(())
}
