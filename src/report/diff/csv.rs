//! CSV: one row per item × material × region (a "long" table that pivots well in Excel), UTF-8
//! with a byte-order mark because Excel otherwise reads UTF-8 CSV as the local code page.

use std::io::Write;

use crate::diff::Comparison;
use crate::error::Error;

const HEADER: [&str; 18] = [
    "item",
    "basic_code",
    "uniformity",
    "comparable",
    "material",
    "class",
    "region_code",
    "region_name",
    "partial",
    "status",
    "original",
    "copies",
    "medium",
    "attribute_differences",
    "baseline_status",
    "how",
    "proposal",
    "only_in_situations",
];

fn field(s: &str) -> String {
    crate::report::csv_cell(s)
}

pub(super) fn render(cmp: &Comparison<'_>, out: &mut dyn Write) -> Result<(), Error> {
    out.write_all("\u{feff}".as_bytes())?;
    writeln!(out, "{}", HEADER.join(","))?;
    for item in cmp.items() {
        for row in &item.materials {
            let how = super::Explanations::of(row, crate::diagnostic::Lang::Zh);
            for r in &item.region_details {
                let attrs = row.attributes.get(&r.code);
                let cols = [
                    item.name.clone(),
                    item.basic_code.clone().unwrap_or_default(),
                    format!("{}", item.uniformity),
                    item.comparable.to_string(),
                    row.name.clone(),
                    row.class.to_owned(),
                    r.code.clone(),
                    r.name.clone(),
                    r.partial.to_string(),
                    row.status(&r.code).as_str().to_owned(),
                    attrs
                        .and_then(|a| a.original())
                        .unwrap_or_default()
                        .to_owned(),
                    attrs
                        .and_then(|a| a.copies())
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    attrs
                        .and_then(|a| a.medium())
                        .unwrap_or_default()
                        .to_owned(),
                    row.attribute_differences.join(" "),
                    row.baseline
                        .map(|b| b.as_str())
                        .unwrap_or_default()
                        .to_owned(),
                    how.get(&r.code).unwrap_or_default().to_owned(),
                    super::proposal_change(&item, row, &r.code),
                    row.only_in_situations
                        .get(&r.code)
                        .map(|n| n.join(" "))
                        .unwrap_or_default(),
                ];
                let line: Vec<String> = cols.iter().map(|c| field(c)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
    }
    Ok(())
}
