//! Open documents: open, change, save, close; linting a stale buffer and publishing its
//! diagnostics.

use crate::i18n::tr;
use std::path::Path;
use std::str::FromStr;

use lsp_server::{Message, Notification};
use lsp_types as lsp;

use crate::Error;
use crate::diagnostic::FileReport;
use crate::server::{Doc, Server, text};

/// How many findings of its own a document's lint keeps per diagnostic shown: more than shown,
/// so that findings a `# tongban: allow` comment silences or cross-region findings merged in do
/// not leave the editor showing fewer than `max-diagnostics` when there are more.
const KEPT_PER_SHOWN: usize = 4;

impl Server<'_> {
    pub(in crate::server) fn notification(&mut self, n: Notification) -> Result<(), Error> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri.as_str().to_owned();
                    let Some(path) = text::uri_to_path(&uri) else {
                        return Ok(());
                    };
                    self.docs.insert(
                        uri.clone(),
                        Doc {
                            uri,
                            path,
                            version: Some(p.text_document.version),
                            text: p.text_document.text,
                            report: None,
                        },
                    );
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                    && let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str())
                {
                    // Full sync: the last change holds the whole text.
                    if let Some(c) = p
                        .content_changes
                        .into_iter()
                        .rev()
                        .find(|c| c.range.is_none())
                    {
                        doc.text = c.text;
                        doc.version = Some(p.text_document.version);
                        doc.report = None;
                    }
                }
            }
            "textDocument/didSave" => {
                // The saved file is what the other guides' cross-region view sees next.
                if let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params)
                    && let Some(path) = text::uri_to_path(p.text_document.uri.as_str())
                {
                    self.saved(&path);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs.remove(uri.as_str());
                    self.send(Message::Notification(Notification::new(
                        "textDocument/publishDiagnostics".into(),
                        lsp::PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    )))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Lints and publishes every document whose findings are stale.
    pub(in crate::server) fn publish_stale(&mut self) -> Result<(), Error> {
        let stale: Vec<String> = self
            .docs
            .values()
            .filter(|d| d.report.is_none())
            .map(|d| d.uri.clone())
            .collect();
        for uri in stale {
            self.refresh(&uri)?;
        }
        Ok(())
    }

    /// Lints a document if its findings are stale, and publishes them.
    pub(in crate::server) fn refresh(&mut self, uri: &str) -> Result<(), Error> {
        let Some(doc) = self.docs.get(uri) else {
            return Ok(());
        };
        if doc.report.is_some() {
            return Ok(());
        }
        let (path, text, version) = (doc.path.clone(), doc.text.clone(), doc.version);
        // A bug in a rule must not take the editor's server down with it.
        let linted =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.lint(&path, &text)));
        let (report, left_out) = match linted {
            Ok(r) => r,
            Err(_) => {
                self.send(Message::Notification(Notification::new(
                    "window/showMessage".into(),
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::ERROR,
                        message: format!(
                            "tongban: internal error while linting {}; please report it",
                            path.display()
                        ),
                    },
                )))?;
                let report = FileReport {
                    source: crate::source::Source::new(path.display().to_string(), text.as_str()),
                    findings: Vec::new(),
                };
                (report, 0)
            }
        };
        // Bounded per document: the first `max-diagnostics` (by position) are kept and shown, the
        // last diagnostic says how many more there are (the lint itself kept a few times that
        // many; see `lint`).
        let mut report = report;
        let max = self.limits.max_diagnostics;
        let omitted = report.findings.len().saturating_sub(max) + left_out;
        report.findings.truncate(max);
        report.findings.shrink_to_fit();
        let mut diagnostics = self.diagnostics(uri, &text, &report);
        if omitted > 0 {
            diagnostics.push(lsp::Diagnostic {
                range: lsp::Range::default(),
                severity: Some(lsp::DiagnosticSeverity::INFORMATION),
                source: Some("tongban".into()),
                message: tr!(self.lang, "server-omitted", omitted = omitted, max = max),
                ..Default::default()
            });
        }
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.report = Some(report);
        }
        let Ok(uri) = lsp::Uri::from_str(uri) else {
            return Ok(());
        };
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        )))
    }

    /// Lints one buffer as `tongban lint -` would: through its folder's session, with the
    /// workspace's other guides as the catalog. A buffer that is not a guide gets no findings.
    /// The lint keeps at most [`KEPT_PER_SHOWN`] × `max-diagnostics` of the buffer's own findings,
    /// so one document's memory is bounded however many it has (600,000 once held 4.8 GB);
    /// returns the report and how many findings it left out.
    fn lint(&mut self, path: &Path, text: &str) -> (FileReport, usize) {
        let name = path.display().to_string();
        let session = self.session(path);
        let Some(session) = session.filter(|s| s.wants_buffer(path, text)) else {
            let report = FileReport {
                source: crate::source::Source::new(name, text),
                findings: Vec::new(),
            };
            return (report, 0);
        };
        let catalog = self.catalog(path, &session);
        let max = self.limits.max_diagnostics.saturating_mul(KEPT_PER_SHOWN);
        let linted = session.lint_buffer_within(path, name, text.as_bytes(), catalog, max);
        let omitted = linted.omitted;
        let mut report = linted.merged();
        to_buffer(&mut report, crate::load::text_start(text.as_bytes()));
        (report, omitted)
    }
}

/// Moves a report's spans into the client's buffer: `load` reads after one byte-order mark, a
/// client that keeps the mark in its buffer counts it (or every diagnostic sits 3 bytes, one
/// column, early and every quick fix lands there).
pub(in crate::server) fn to_buffer(report: &mut FileReport, mark: usize) {
    if mark == 0 {
        return;
    }
    let shift = |r: &mut std::ops::Range<usize>| *r = r.start + mark..r.end + mark;
    for f in &mut report.findings {
        shift(&mut f.span);
        for r in &mut f.related {
            shift(&mut r.span);
        }
        if let Some(fix) = &mut f.fix {
            for e in &mut fix.edits {
                shift(&mut e.range);
            }
        }
    }
}
