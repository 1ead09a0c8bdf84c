//! Finding → LSP diagnostic: the editor's printer, as `report/sarif.rs` is SARIF's. It converts
//! (spans to line/character in the client's encoding, severity, the rule's page) and decides
//! nothing: what is a finding, and at which level, the lint session has said.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types as lsp;

use super::Server;
use super::text::{self, LineIndex};
use crate::diagnostic::{FileReport, Severity};

/// A cross-region finding's other guides, as links to the top of each file (their text is
/// not at hand to locate the element).
fn elsewhere(
    f: &crate::diagnostic::Finding,
) -> impl Iterator<Item = lsp::DiagnosticRelatedInformation> + '_ {
    f.elsewhere.iter().flatten().filter_map(|e| {
        let uri = lsp::Uri::from_str(&text::path_to_uri(&e.path)).ok()?;
        let top = lsp::Range::default();
        Some(lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri, top),
            message: e.message.clone(),
        })
    })
}

impl Server<'_> {
    fn href(&self, path: &Path, code: &str, name: &str) -> Option<lsp::Uri> {
        let anchor = format!("{code}-{name}").to_lowercase();
        let url = match &self.rules_url {
            Some(base) => format!("{base}#{anchor}"),
            None => {
                // docs/rules.md (docs/rules.zh.md in Chinese) of the tongban checkout the guide
                // lives in, when there is one; else the repository a released binary was built
                // from (as SARIF's helpUri).
                let page = self.lang.pick("docs/rules.zh.md", "docs/rules.md");
                let docs = path
                    .ancestors()
                    .chain(self.roots.iter().map(PathBuf::as_path))
                    .map(|d| d.join(page))
                    .find(|p| p.is_file());
                match (docs, crate::report::sarif::RELEASED_FROM) {
                    (Some(docs), _) => format!("{}#{anchor}", text::path_to_uri(&docs)),
                    (None, Some(repo)) => {
                        crate::report::sarif::rule_url(repo, code, name, self.lang)
                    }
                    (None, None) => return None,
                }
            }
        };
        lsp::Uri::from_str(&url).ok()
    }

    pub(super) fn diagnostics(
        &self,
        uri: &str,
        text: &str,
        report: &FileReport,
    ) -> Vec<lsp::Diagnostic> {
        let index = LineIndex::new(text, self.encoding);
        let path = text::uri_to_path(uri).unwrap_or_default();
        let this = lsp::Uri::from_str(uri).ok();
        report
            .findings
            .iter()
            .map(|f| {
                let mut message = f.message.clone();
                if let Some(h) = &f.help {
                    message.push('\n');
                    message.push_str(h);
                }
                lsp::Diagnostic {
                    range: index.range(&f.span),
                    severity: Some(match f.severity {
                        Severity::Error => lsp::DiagnosticSeverity::ERROR,
                        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
                    }),
                    code: Some(lsp::NumberOrString::String(f.code.into())),
                    code_description: self
                        .href(&path, f.code, f.name)
                        .map(|href| lsp::CodeDescription { href }),
                    source: Some("tongban".into()),
                    message,
                    related_information: this.as_ref().map(|u| {
                        let here = f.related.iter().map(|r| lsp::DiagnosticRelatedInformation {
                            location: lsp::Location::new(u.clone(), index.range(&r.span)),
                            message: r.message.clone(),
                        });
                        here.chain(elsewhere(f)).collect()
                    }),
                    tags: None,
                    data: None,
                }
            })
            .collect()
    }
}
