//! Findings counted per rule and per file: `tongban lint --statistics` prints the per-rule
//! table; `-f github` writes both as Markdown to the job summary (`$GITHUB_STEP_SUMMARY`), where
//! no annotation limit applies.

use crate::i18n::tr;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::Style;
use crate::diagnostic::{FileReport, Lang, Severity, Summary};
use crate::error::Error;
use crate::rules;

/// Counts of one rule.
#[derive(Debug, Clone, Default)]
pub struct RuleCount {
    /// Kebab-case name.
    pub name: &'static str,
    /// Severity after configuration (the highest seen).
    pub severity: Option<Severity>,
    /// Findings.
    pub findings: usize,
    /// Files with at least one.
    pub files: usize,
}

/// Counts per rule and per file.
#[derive(Debug, Default)]
pub struct Counts {
    /// Code → counts, sorted by code.
    pub rules: BTreeMap<&'static str, RuleCount>,
    /// File → [errors, warnings, infos] (files with findings only).
    pub files: HashMap<String, [usize; 3]>,
}

impl Counts {
    /// Counts one file's findings.
    pub fn add(&mut self, report: &FileReport) {
        if report.findings.is_empty() {
            return;
        }
        let mut seen: Vec<&'static str> = Vec::new();
        let per_file = self.files.entry(report.source.name.clone()).or_default();
        for f in &report.findings {
            let r = self.rules.entry(f.code).or_default();
            r.name = f.name;
            r.severity = r.severity.max(Some(f.severity));
            r.findings += 1;
            if !seen.contains(&f.code) {
                seen.push(f.code);
                r.files += 1;
            }
            per_file[match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
    }

    /// Rules by number of findings (most first), then code.
    pub fn by_findings(&self) -> Vec<(&'static str, &RuleCount)> {
        let mut v: Vec<_> = self.rules.iter().map(|(c, r)| (*c, r)).collect();
        v.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
        v
    }

    /// The `n` files with the most findings (errors first), then by name.
    pub fn top_files(&self, n: usize) -> Vec<(&str, [usize; 3])> {
        let mut v: Vec<_> = self.files.iter().map(|(p, c)| (p.as_str(), *c)).collect();
        v.sort_by(|a, b| {
            (b.1[0], b.1[0] + b.1[1] + b.1[2])
                .cmp(&(a.1[0], a.1[0] + a.1[1] + a.1[2]))
                .then(a.0.cmp(b.0))
        });
        v.truncate(n);
        v
    }
}

fn summary_of(code: &str, lang: Lang) -> &'static str {
    rules::lookup(code).map_or("", |e| lang.pick(e.summary_zh, e.summary_en))
}

/// `--statistics`: the per-rule table, then the summary line; or, with `-f json`, one JSON
/// document (as ruff's `--statistics --output-format json`).
pub struct Printer<'w> {
    out: &'w mut dyn Write,
    style: Style,
    json: bool,
    counts: Counts,
}

/// One rule in `--statistics -f json`.
#[derive(serde::Serialize)]
struct JsonRule<'a> {
    code: &'a str,
    name: &'a str,
    severity: Option<Severity>,
    findings: usize,
    files: usize,
    summary: &'a str,
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(style: Style, json: bool, out: &'w mut dyn Write) -> Self {
        Printer {
            out,
            style,
            json,
            counts: Counts::default(),
        }
    }

    /// Counts one file.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        self.counts.add(report);
        Ok(())
    }

    /// Writes the table.
    pub fn finish(self, summary: &Summary) -> Result<(), Error> {
        let lang = self.style.lang;
        let rows = self.counts.by_findings();
        if self.json {
            let rules: Vec<JsonRule<'_>> = rows
                .iter()
                .map(|(code, r)| JsonRule {
                    code,
                    name: r.name,
                    severity: r.severity,
                    findings: r.findings,
                    files: r.files,
                    summary: summary_of(code, lang),
                })
                .collect();
            let doc = serde_json::json!({ "rules": rules, "summary": summary });
            serde_json::to_writer(&mut *self.out, &doc).map_err(std::io::Error::from)?;
            self.out.write_all(b"\n")?;
            return Ok(());
        }
        if !rows.is_empty() {
            let width = rows.iter().map(|(_, r)| r.name.len()).max().unwrap_or(4);
            // Padded by display width: Chinese headers take two columns a character.
            let pad = |s: &str, w: usize, right: bool| {
                let fill = " ".repeat(w.saturating_sub(UnicodeWidthStr::width(s)));
                if right {
                    format!("{fill}{s}")
                } else {
                    format!("{s}{fill}")
                }
            };
            writeln!(
                self.out,
                "{} {}  {}  {}  {}  {}",
                pad(lang.pick("问题数", "findings"), 8, true),
                pad(lang.pick("文件数", "files"), 6, true),
                pad(lang.pick("代码", "code"), 5, false),
                pad(lang.pick("名称", "name"), width, false),
                pad(lang.pick("级别", "level"), 7, false),
                lang.pick("说明", "summary"),
            )?;
            for (code, r) in rows {
                writeln!(
                    self.out,
                    "{:>8} {:>6}  {code:<5}  {:<width$}  {}  {}",
                    r.findings,
                    r.files,
                    r.name,
                    pad(
                        r.severity
                            .map_or("", |s| crate::rules::docs::severity_name(s, lang)),
                        7,
                        false
                    ),
                    summary_of(code, lang)
                )?;
            }
        }
        if summary.not_guides > 0 {
            let n = summary.not_guides;
            writeln!(
                self.out,
                "{}",
                tr!(lang, "statistics-not-guides", count = n)
            )?;
        }
        if !self.style.quiet {
            writeln!(self.out, "{}", super::human::summary_line(summary, lang))?;
        }
        Ok(())
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The job summary for GitHub (Markdown): the summary line, findings per rule, top files.
pub fn markdown(
    counts: &Counts,
    summary: &Summary,
    lang: Lang,
    shown: impl Fn(&str) -> String,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## tongban\n");
    let _ = writeln!(s, "{}\n", super::human::summary_line(summary, lang));
    if counts.rules.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|",
        lang.pick("规则", "rule"),
        lang.pick("说明", "summary"),
        lang.pick("级别", "level"),
        lang.pick("问题数", "findings"),
        lang.pick("文件数", "files"),
    );
    for (code, r) in counts.by_findings() {
        let _ = writeln!(
            s,
            "| `{code}` {} | {} | {} | {} | {} |",
            r.name,
            cell(summary_of(code, lang)),
            r.severity
                .map_or("", |s| crate::rules::docs::severity_name(s, lang)),
            r.findings,
            r.files
        );
    }
    let top = counts.top_files(10);
    let _ = writeln!(
        s,
        "\n### {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        tr!(lang, "statistics-top-files", count = top.len()),
        lang.pick("文件", "file"),
        lang.pick("错误", "errors"),
        lang.pick("警告", "warnings"),
        lang.pick("提示", "infos"),
    );
    for (path, [e, w, i]) in top {
        let _ = writeln!(s, "| `{}` | {e} | {w} | {i} |", cell(&shown(path)));
    }
    s
}
