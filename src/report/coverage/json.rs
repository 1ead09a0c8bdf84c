//! JSON: the coverage value, plus the findings with their lines and columns.

use std::io::Write;

use serde::Serialize;

use crate::coverage::Coverage;
use crate::error::Error;
use crate::report::json::JsonFinding;

#[derive(Serialize)]
struct Doc<'a> {
    #[serde(flatten)]
    coverage: &'a Coverage,
    findings: Vec<JsonFinding<'a>>,
}

pub(super) fn render(cov: &Coverage, out: &mut dyn Write) -> Result<(), Error> {
    let doc = Doc {
        coverage: cov,
        findings: super::findings(cov)
            .map(|(r, f)| JsonFinding::new(&r.source, f))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}
