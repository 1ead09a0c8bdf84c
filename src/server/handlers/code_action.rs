//! Code actions: each finding's fix as a quick fix, every safe fix at once
//! (`source.fixAll.tongban`), and "use the dictionary's standard name" on a material name.

use std::collections::HashMap;
use std::str::FromStr;

use lsp_types as lsp;

use crate::diagnostic::Applicability;
use crate::load;
use crate::server::Server;
use crate::server::text::LineIndex;

impl Server<'_> {
    pub(in crate::server) fn code_actions(
        &mut self,
        uri: &str,
        range: lsp::Range,
        only: Option<&[lsp::CodeActionKind]>,
    ) -> Vec<lsp::CodeActionOrCommand> {
        let session = match self.docs.get(uri).map(|d| d.path.clone()) {
            Some(path) => self.session(&path),
            None => None,
        };
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let Some(report) = &doc.report else {
            return Vec::new();
        };
        let Ok(lsp_uri) = lsp::Uri::from_str(uri) else {
            return Vec::new();
        };
        let wants = |kind: &lsp::CodeActionKind| {
            only.is_none_or(|o| {
                o.iter().any(|k| {
                    kind.as_str() == k.as_str()
                        || kind.as_str().starts_with(&format!("{}.", k.as_str()))
                })
            })
        };
        let index = LineIndex::new(&doc.text, self.encoding);
        let (start, end) = (index.offset(range.start), index.offset(range.end));
        let diagnostics = self.diagnostics(uri, &doc.text, report);
        let mut actions = Vec::new();
        let edit_of = |edits: &[crate::diagnostic::Edit]| lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(
                lsp_uri.clone(),
                edits
                    .iter()
                    .map(|e| lsp::TextEdit::new(index.range(&e.range), e.replacement.clone()))
                    .collect(),
            )])),
            ..Default::default()
        };
        if wants(&lsp::CodeActionKind::QUICKFIX) {
            for (f, d) in report.findings.iter().zip(&diagnostics) {
                let Some(fix) = &f.fix else { continue };
                if f.span.end < start || f.span.start > end {
                    continue;
                }
                let title = match fix.applicability {
                    Applicability::Safe => format!("{} ({})", fix.title, f.code),
                    Applicability::Unsafe => format!(
                        "{} ({}, {})",
                        fix.title,
                        f.code,
                        self.lang.pick("可能改变含义", "may change meaning")
                    ),
                };
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(edit_of(&fix.edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..Default::default()
                }));
            }
        }
        let fix_all = lsp::CodeActionKind::new("source.fixAll.tongban");
        if wants(&fix_all)
            && report.findings.iter().any(|f| {
                f.fix
                    .as_ref()
                    .is_some_and(|x| x.applicability == Applicability::Safe)
            })
        {
            // The same verified fixing as `--fix` (a byte-order mark in the buffer counted, the
            // result re-read before it is offered).
            let fixed = session
                .as_ref()
                .map(|session| crate::lint::fix_text(&doc.path, uri, &doc.text, session, false));
            if let Some(fixed) = fixed.filter(|f| f.fixed > 0 && !f.refused) {
                let fixed = fixed.text;
                let whole = 0..doc.text.len();
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: self
                        .lang
                        .pick("tongban：应用所有安全修复", "tongban: apply every safe fix")
                        .into(),
                    kind: Some(fix_all),
                    edit: Some(edit_of(&[crate::diagnostic::Edit {
                        range: whole,
                        replacement: fixed,
                    }])),
                    ..Default::default()
                }));
            }
        }
        actions
    }

    /// "Use the dictionary's standard name" on the material name under the cursor (unsafe: it
    /// may change what the guide says; no finding reports it).
    pub(in crate::server) fn reword_action(
        &mut self,
        uri: &str,
        range: lsp::Range,
        only: Option<&[lsp::CodeActionKind]>,
    ) -> Option<lsp::CodeActionOrCommand> {
        let kind = lsp::CodeActionKind::REFACTOR_REWRITE;
        if only.is_some_and(|o| !o.iter().any(|k| kind.as_str().starts_with(k.as_str()))) {
            return None;
        }
        let path = self.docs.get(uri)?.path.clone();
        let session = self.session(&path)?;
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text, self.encoding);
        let limits = load::Limits {
            max_file_size: self.max_file_size,
            ..load::Limits::default()
        };
        if doc.text.len() as u64 > self.max_file_size {
            return None;
        }
        let loaded = load::load_bytes(String::new(), doc.text.as_bytes(), &limits, self.lang);
        let document = loaded.document?;
        // The document's spans start after a byte-order mark the buffer may keep.
        let mark = load::text_start(doc.text.as_bytes());
        let pointer =
            super::hover::pointer_at(&document, index.offset(range.start).checked_sub(mark)?)?;
        let fix = crate::rules::names::reword_material(
            &document,
            &pointer,
            &doc.text[mark..],
            &session.data,
            self.lang,
        )?;
        let lsp_uri = lsp::Uri::from_str(uri).ok()?;
        Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: fix.title.clone(),
            kind: Some(kind),
            edit: Some(lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(
                    lsp_uri,
                    fix.edits
                        .iter()
                        .map(|e| {
                            let at = e.range.start + mark..e.range.end + mark;
                            lsp::TextEdit::new(index.range(&at), e.replacement.clone())
                        })
                        .collect(),
                )])),
                ..Default::default()
            }),
            is_preferred: Some(false),
            ..Default::default()
        }))
    }
}
