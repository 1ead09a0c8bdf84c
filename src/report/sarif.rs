//! SARIF 2.1.0 for GitHub code scanning: one run, every check and rule as a reporting
//! descriptor (with its documentation as help), one result per finding. Built with serde-sarif.

use std::collections::BTreeMap;
use std::io::Write;

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use super::RunInfo;
use crate::diagnostic::{FileReport, Lang, Severity};
use crate::error::Error;
use crate::rules;
use crate::source::Source;

/// The schema URI GitHub expects.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The repository the binary was released from (`TONGBAN_REPOSITORY_URL` at build time, set by
/// the release workflow); `None` in a local build, whose repository is not known.
pub const RELEASED_FROM: Option<&str> = match option_env!("TONGBAN_REPOSITORY_URL") {
    Some(u) if !u.is_empty() => Some(u),
    _ => None,
};

/// Where a rule's documentation is read on the web: the repository's docs/rules.md
/// (rules.zh.md in Chinese) at the heading `## TB201 promised-exceeds-legal`, whose anchor a
/// Markdown renderer (GitHub, Gitee) makes `#tb201-promised-exceeds-legal`.
pub fn rule_url(repository: &str, code: &str, name: &str, lang: Lang) -> String {
    let page = lang.pick("rules.zh.md", "rules.md");
    let anchor = format!("{code}-{name}").to_lowercase();
    format!(
        "{}/blob/main/docs/{page}#{anchor}",
        repository.trim_end_matches('/')
    )
}

/// Collects results and writes the log at the end (SARIF is one JSON document).
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    info: RunInfo,
    index: BTreeMap<&'static str, i64>,
    /// The log up to `"results": [` and from its `]` on, rendered once; `None` once the head
    /// is written.
    head: Option<String>,
    tail: String,
    /// The indentation of the `"results"` key (results sit two spaces deeper).
    indent: usize,
    results: usize,
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a relative path into a URI reference (non-ASCII names are common here).
fn uri(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn location(
    path: &str,
    source: &Source,
    span: &std::ops::Range<usize>,
    message: Option<&str>,
) -> Location {
    let (start, end) = source.range(span);
    let region = Region::builder()
        .start_line(start.line as i64)
        .start_column(start.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(path)).build())
        .region(region)
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(m.to_owned()).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(info: RunInfo, lang: Lang, out: &'w mut dyn Write) -> Self {
        let index = rules::registry()
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code, i as i64))
            .collect();
        // Everything but the results is known now: render the log once with no results and
        // stream each result into its place, so memory does not grow with the findings
        // (160,000 findings held as SARIF objects took 1.3 GB).
        let repository = info.docs_url.as_deref().or(RELEASED_FROM);
        let page = skeleton(lang, repository);
        const KEY: &str = "\"results\": []";
        let at = page.find(KEY).unwrap_or(page.len());
        let line_start = page[..at].rfind('\n').map_or(0, |n| n + 1);
        let (head, tail) = page.split_at(at.min(page.len()));
        Printer {
            out,
            info,
            index,
            head: Some(format!("{head}\"results\": [")),
            tail: tail.get(KEY.len() - 1..).unwrap_or("]").to_owned(),
            indent: at - line_start,
            results: 0,
        }
    }

    /// Streams the results of one file.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let path = self.info.path(&report.source.name);
        for f in &report.findings {
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push('\n');
                text.push_str(h);
            }
            let related: Vec<Location> = f
                .related
                .iter()
                .map(|r| location(&path, &report.source, &r.span, Some(&r.message)))
                .collect();
            // Rule + content-keyed pointer: stable when lines move and list entries are
            // inserted, removed or reordered (GitHub adds the file itself).
            let fingerprint = BTreeMap::from([(
                "tongbanKey/v2".to_owned(),
                format!("{}:{}", f.code, f.identity()),
            )]);
            let builder = SarifResult::builder()
                .rule_id(f.code.to_owned())
                .level(level(f.severity))
                .message(Message::builder().text(text).build())
                .locations(vec![location(&path, &report.source, &f.span, None)])
                .partial_fingerprints(fingerprint);
            let result = match (self.index.get(f.code), related.is_empty()) {
                (Some(&i), true) => builder.rule_index(i).build(),
                (Some(&i), false) => builder.rule_index(i).related_locations(related).build(),
                (None, true) => builder.build(),
                (None, false) => builder.related_locations(related).build(),
            };
            if let Some(head) = self.head.take() {
                self.out.write_all(head.as_bytes())?;
            }
            self.out
                .write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
            self.results += 1;
            let text = serde_json::to_string_pretty(&result).map_err(std::io::Error::from)?;
            let pad = " ".repeat(self.indent + 2);
            for (n, line) in text.lines().enumerate() {
                if n > 0 {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(pad.as_bytes())?;
                self.out.write_all(line.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Writes the log.
    pub fn finish(mut self) -> Result<(), Error> {
        match self.head.take() {
            // No result: the log as rendered, `"results": []`.
            Some(head) => {
                self.out.write_all(head.as_bytes())?;
            }
            None => {
                self.out.write_all(b"\n")?;
                self.out.write_all(" ".repeat(self.indent).as_bytes())?;
            }
        }
        self.out.write_all(self.tail.as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }
}

/// The whole log with an empty result list, pretty-printed; with the repository's URL when
/// known, the tool's `informationUri` and each rule's `helpUri`. Each rule's documentation is
/// embedded as its help either way.
fn skeleton(lang: Lang, repository: Option<&str>) -> String {
    let descriptors: Vec<ReportingDescriptor> = rules::registry()
        .iter()
        .map(|e| {
            let c = e;
            let mut descriptor = ReportingDescriptor::builder()
                .id(c.code.to_owned())
                .name(c.name.to_owned())
                .short_description(
                    MultiformatMessageString::builder()
                        .text(lang.pick(c.summary_zh, c.summary_en).to_owned())
                        .build(),
                )
                .help(
                    MultiformatMessageString::builder()
                        .text(rules::docs::doc(e, lang).to_owned())
                        .markdown(rules::docs::doc(e, lang).to_owned())
                        .build(),
                )
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::from(level_name(c.severity)))
                        .build(),
                )
                .build();
            descriptor.help_uri = repository.map(|r| rule_url(r, c.code, c.name, lang));
            descriptor
        })
        .collect();
    let mut driver = ToolComponent::builder()
        .name("tongban".to_owned())
        .version(env!("CARGO_PKG_VERSION").to_owned())
        .semantic_version(env!("CARGO_PKG_VERSION").to_owned())
        .rules(descriptors)
        .build();
    driver.information_uri = repository.map(|r| r.trim_end_matches('/').to_owned());
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .results(Vec::new())
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URI.to_owned())
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    // Serialising plain data to a string cannot fail.
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
