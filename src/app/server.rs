//! `tongban server`: a language server over standard input/output (LSP, `lsp-server` framing,
//! no async). Open guides are linted by the same pipeline as `tongban lint`
//! ([`crate::lint::lint_text`]: schema, rules, fixes, config levels, suppressions), plus the
//! cross-region rules against the other guides of the workspace; findings become diagnostics,
//! fixes quick fixes, and hover explains elements and rules.
//!
//! Changes are coalesced: every message already queued is read before anything is linted, and
//! after a change the server waits briefly for the next one, so a burst of keystrokes is linted
//! once, at its latest version. It claims nothing a YAML server
//! does (completion, formatting, symbols), so it runs beside yaml-language-server.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;

use crate::config::Config;
use crate::diagnostic::{Applicability, FileReport, Finding, Lang, Severity};
use crate::input;
use crate::rules::{self, cross};
use crate::{Env, Error, cli, lint, load, schema};

mod hover;
pub mod text;

use text::{Encoding, LineIndex};

/// How long to wait for more changes after one arrives before linting.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Longest a stream of changes may defer linting (someone typing without pause still sees
/// findings).
const MAX_DEFER: Duration = Duration::from_millis(300);

/// Runs the server until the client says `exit` (or closes standard input), reading requests
/// from standard input and writing responses to `out`.
pub fn run(
    args: &cli::ServerArgs,
    env: &Env,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel();
    // The reader owns standard input; it stops at end of input or when the server is gone.
    let reader = tx.clone();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        read_messages(&mut input, &reader);
        // End of input: the client is gone (the server's own sender keeps the queue open).
        let _ = reader.send(Message::Notification(Notification::new(
            "exit".into(),
            Value::Null,
        )));
    });
    serve(tx, rx, args.max_file_size, env, lang, out)
}

/// Reads framed messages from `input` into `tx` until end of input or a framing error.
pub fn read_messages(input: &mut dyn BufRead, tx: &mpsc::Sender<Message>) {
    let mut input = input;
    while let Ok(Some(msg)) = Message::read(&mut input) {
        if tx.send(msg).is_err() {
            break;
        }
    }
}

/// The server loop over already-framed messages (the transport is the caller's). `tx` feeds the
/// same queue: the background workspace scan says through it that it is done.
pub fn serve(
    tx: mpsc::Sender<Message>,
    rx: mpsc::Receiver<Message>,
    max_file_size: u64,
    env: &Env,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut server = Server {
        out,
        lang,
        max_file_size,
        cwd: env.cwd.clone(),
        encoding: Encoding::Utf16,
        roots: Vec::new(),
        rules_url: None,
        docs: HashMap::new(),
        contexts: HashMap::new(),
        workspace: Scan::NotStarted,
        queue: tx,
        initialized: false,
        shutdown: false,
    };
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        let deadline = std::time::Instant::now() + MAX_DEFER;
        loop {
            while let Ok(m) = rx.try_recv() {
                batch.push(m);
            }
            let changing = batch.iter().any(
                |m| matches!(m, Message::Notification(n) if n.method == "textDocument/didChange"),
            );
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if !changing || left.is_zero() {
                break;
            }
            match rx.recv_timeout(DEBOUNCE.min(left)) {
                Ok(m) => batch.push(m),
                Err(_) => break,
            }
        }
        if server.batch(batch)? {
            return Ok(());
        }
    }
    Ok(())
}

/// An open document.
struct Doc {
    uri: String,
    path: PathBuf,
    version: Option<i32>,
    text: String,
    /// The findings of the last lint of `text` (with their fixes), or `None` when it is stale.
    report: Option<FileReport>,
}

/// What linting needs for a folder: its configuration, schema and data.
struct Ctx {
    config: Config,
    schema: schema::Schema,
    data: rules::Data,
}

/// The summaries of the workspace's guides on disk, for the cross-region rules, by canonical
/// path. Only a summary of each is kept (a few strings), as in `lint`'s cross-region pass.
struct Workspace {
    guides: std::collections::BTreeMap<PathBuf, cross::GuideSummary>,
    /// The workspace has more guides than [`MAX_WORKSPACE_GUIDES`]: cross-region rules are off.
    too_large: bool,
}

/// Where the workspace scan stands.
enum Scan {
    /// Not needed yet.
    NotStarted,
    /// A thread is reading the guides; it leaves them here and sends [`SCANNED`].
    Running(std::sync::Arc<std::sync::Mutex<Option<Workspace>>>),
    /// Done.
    Ready(Workspace),
}

/// The notification the scan thread sends to the server's own queue when it is done.
const SCANNED: &str = "tongban/workspaceScanned";

/// Most guides read for the cross-region rules in an editor; beyond that a national catalog is
/// `tongban lint`'s job, and the editor stays responsive.
const MAX_WORKSPACE_GUIDES: usize = 20_000;

struct Server<'o> {
    out: &'o mut dyn Write,
    lang: Lang,
    max_file_size: u64,
    cwd: PathBuf,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    rules_url: Option<String>,
    docs: HashMap<String, Doc>,
    contexts: HashMap<PathBuf, std::rc::Rc<Ctx>>,
    workspace: Scan,
    queue: mpsc::Sender<Message>,
    initialized: bool,
    shutdown: bool,
}

impl Server<'_> {
    fn send(&mut self, msg: Message) -> Result<(), Error> {
        msg.write(&mut self.out)?;
        self.out.flush()?;
        Ok(())
    }

    fn respond(&mut self, id: RequestId, result: impl serde::Serialize) -> Result<(), Error> {
        self.send(Message::Response(Response::new_ok(id, result)))
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: &str) -> Result<(), Error> {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message.to_owned(),
        )))
    }

    /// Handles one batch of messages; returns whether to stop.
    fn batch(&mut self, batch: Vec<Message>) -> Result<bool, Error> {
        let cancelled: HashSet<RequestId> = batch
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == "$/cancelRequest" => n
                    .params
                    .get("id")
                    .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok()),
                _ => None,
            })
            .collect();
        for msg in batch {
            match msg {
                Message::Request(req) if cancelled.contains(&req.id) => {
                    self.error(req.id, ErrorCode::RequestCanceled, "cancelled")?;
                }
                Message::Request(req) => self.request(req)?,
                Message::Notification(n) if n.method == "exit" => return Ok(true),
                Message::Notification(n) if n.method == SCANNED => self.scanned()?,
                Message::Notification(n) => self.notification(n)?,
                Message::Response(_) => {}
            }
        }
        self.publish_stale()?;
        Ok(false)
    }

    fn request(&mut self, req: Request) -> Result<(), Error> {
        if req.method == "initialize" {
            let params: lsp::InitializeParams =
                serde_json::from_value(req.params).unwrap_or_default();
            let result = self.initialize(params);
            self.initialized = true;
            return self.respond(req.id, result);
        }
        if !self.initialized {
            return self.error(req.id, ErrorCode::ServerNotInitialized, "not initialized");
        }
        if self.shutdown {
            return self.error(req.id, ErrorCode::InvalidRequest, "shutting down");
        }
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                self.respond(req.id, Value::Null)
            }
            "textDocument/hover" => {
                let Ok(p) = serde_json::from_value::<lsp::HoverParams>(req.params) else {
                    return self.error(req.id, ErrorCode::InvalidParams, "bad hover params");
                };
                let uri = p
                    .text_document_position_params
                    .text_document
                    .uri
                    .as_str()
                    .to_owned();
                self.refresh(&uri)?;
                let path = self.docs.get(&uri).map(|d| d.path.clone());
                let ctx = path.and_then(|p| self.context(&p));
                let hover = self.hover(
                    &uri,
                    p.text_document_position_params.position,
                    ctx.as_deref(),
                );
                self.respond(req.id, hover)
            }
            "textDocument/codeAction" => {
                let Ok(p) = serde_json::from_value::<lsp::CodeActionParams>(req.params) else {
                    return self.error(req.id, ErrorCode::InvalidParams, "bad codeAction params");
                };
                let uri = p.text_document.uri.as_str().to_owned();
                self.refresh(&uri)?;
                let mut actions = self.code_actions(&uri, p.range, p.context.only.as_deref());
                actions.extend(self.reword_action(&uri, p.range, p.context.only.as_deref()));
                self.respond(req.id, actions)
            }
            _ => self.error(req.id, ErrorCode::MethodNotFound, "unsupported method"),
        }
    }

    fn initialize(&mut self, params: lsp::InitializeParams) -> lsp::InitializeResult {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        if offered.is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8)) {
            self.encoding = Encoding::Utf8;
        }
        for f in params.workspace_folders.iter().flatten() {
            self.roots.extend(text::uri_to_path(f.uri.as_str()));
        }
        #[allow(deprecated)]
        if self.roots.is_empty()
            && let Some(root) = params.root_uri.as_ref()
        {
            self.roots.extend(text::uri_to_path(root.as_str()));
        }
        if let Some(opts) = &params.initialization_options {
            self.rules_url = opts
                .get("rulesUrl")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(l) = opts.get("lang").and_then(Value::as_str) {
                self.lang = if l.eq_ignore_ascii_case("en") {
                    Lang::En
                } else {
                    Lang::Zh
                };
            }
        }
        lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(match self.encoding {
                    Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                    Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                    lsp::TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(lsp::TextDocumentSyncKind::FULL),
                        save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                    lsp::CodeActionOptions {
                        code_action_kinds: Some(vec![
                            lsp::CodeActionKind::QUICKFIX,
                            lsp::CodeActionKind::REFACTOR_REWRITE,
                            lsp::CodeActionKind::new("source.fixAll.tongban"),
                        ]),
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(lsp::ServerInfo {
                name: "tongban".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    fn notification(&mut self, n: Notification) -> Result<(), Error> {
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
                    // A saved configuration or data file changes how every buffer is linted.
                    let name = path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or_default();
                    if matches!(name, "tongban.toml" | "materials.yaml" | "e-licences.yaml") {
                        self.contexts.clear();
                        for d in self.docs.values_mut() {
                            d.report = None;
                        }
                    }
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
    fn publish_stale(&mut self) -> Result<(), Error> {
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
    fn refresh(&mut self, uri: &str) -> Result<(), Error> {
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
        let report = match linted {
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
                FileReport {
                    source: crate::source::Source::new(path.display().to_string(), text.as_str()),
                    findings: Vec::new(),
                }
            }
        };
        let diagnostics = self.diagnostics(uri, &text, &report);
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

    /// The linting context of a file's folder: `tongban.toml` found upward from it, cached by
    /// the configuration file in force.
    fn context(&mut self, path: &Path) -> Option<std::rc::Rc<Ctx>> {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| self.cwd.clone(), Path::to_path_buf);
        let key = Config::discover(&folder).unwrap_or_default();
        if let Some(c) = self.contexts.get(&key) {
            return Some(c.clone());
        }
        let lang = self.lang;
        let (config, problem) = match Config::load(None, &folder, lang) {
            Ok(c) => (c, None),
            Err(e) => (Config::defaults(&folder), Some(e.to_string())),
        };
        let roots = self.roots.clone();
        let (schema, data, problem) = match crate::lint::setup(&config, None, &roots, &folder, lang)
        {
            Ok((s, d)) => (s, d, problem),
            Err(e) => (
                schema::Schema::national().ok()?,
                rules::Data::default(),
                Some(e.to_string()),
            ),
        };
        if let Some(p) = problem {
            // Shown once, when the folder's configuration is read; linting goes on with defaults.
            let message = format!("tongban: {p}");
            self.send(Message::Notification(Notification::new(
                "window/showMessage".into(),
                lsp::ShowMessageParams {
                    typ: lsp::MessageType::WARNING,
                    message,
                },
            )))
            .ok();
        }
        let ctx = std::rc::Rc::new(Ctx {
            config,
            schema,
            data,
        });
        self.contexts.insert(key, ctx.clone());
        Some(ctx)
    }

    /// Lints one buffer: the per-file pipeline, then the cross-region rules against the
    /// workspace's guides on disk (with this buffer in place of its file).
    fn lint(&mut self, path: &Path, text: &str) -> FileReport {
        let name = path.display().to_string();
        let lang = self.lang;
        if text.len() as u64 > self.max_file_size {
            let mut f = Finding::new(
                crate::diagnostic::FILE_TOO_LARGE,
                match lang {
                    Lang::Zh => format!(
                        "文件大小 {} 字节，超过上限 {} 字节，未检查",
                        text.len(),
                        self.max_file_size
                    ),
                    Lang::En => format!(
                        "{} bytes, over the {}-byte limit; not linted",
                        text.len(),
                        self.max_file_size
                    ),
                },
                0..0,
            );
            f.severity = Severity::Info;
            return FileReport {
                source: crate::source::Source::new(name, text),
                findings: vec![f],
            };
        }
        let ctx = self.context(path);
        let Some(ctx) = ctx.filter(|c| is_guide(path, text, c)) else {
            return FileReport {
                source: crate::source::Source::new(name, text),
                findings: Vec::new(),
            };
        };
        let opts = lint::Options {
            schema: &ctx.schema,
            lang,
            limits: load::Limits {
                max_file_size: self.max_file_size,
                ..load::Limits::default()
            },
            config: &ctx.config,
            data: &ctx.data,
        };
        let (mut report, summary) = lint::lint_text(path, name.clone(), text.as_bytes(), &opts);
        report.source = crate::source::Source::new(name, text);
        if let Some(summary) = summary {
            let found = self.cross_region(path, summary, &opts);
            if !found.is_empty() {
                let loaded = load::load_bytes(String::new(), text.as_bytes(), &opts.limits, lang);
                for mut f in found {
                    if let Some(doc) = &loaded.document {
                        f.span = doc.locate(&f.pointer, text);
                    }
                    report.findings.push(f);
                }
                report.sort();
            }
        }
        report
    }

    /// The cross-region findings of one guide (still without spans) against the workspace.
    fn cross_region(
        &mut self,
        path: &Path,
        mut summary: cross::GuideSummary,
        opts: &lint::Options<'_>,
    ) -> Vec<Finding> {
        if matches!(self.workspace, Scan::NotStarted) {
            self.start_scan(opts);
        }
        // Until the scan is done, buffers are linted without the cross-region rules (and again,
        // with them, when it is): the first diagnostics never wait for the whole workspace.
        let Scan::Ready(ws) = &self.workspace else {
            return Vec::new();
        };
        if ws.too_large {
            return Vec::new();
        }
        let me = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut guides: Vec<cross::GuideSummary> = ws
            .guides
            .iter()
            .filter(|(p, _)| **p != me)
            .map(|(_, g)| g.clone())
            .collect();
        let pending = std::mem::take(&mut summary.suppressions);
        guides.push(summary);
        let index = guides.len() - 1;
        let mut findings: Vec<Finding> = cross::check(&guides, opts.lang)
            .into_iter()
            .filter(|(i, _)| *i == index)
            .map(|(_, f)| f)
            .collect();
        opts.config.levels(path).apply(&mut findings);
        let mut sup = crate::suppress::Suppressions {
            directives: pending,
            problems: Vec::new(),
        };
        sup.apply(&mut findings);
        findings
    }

    /// Starts reading the summaries of the workspace's guides on a thread of its own.
    fn start_scan(&mut self, opts: &lint::Options<'_>) {
        let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
        self.workspace = Scan::Running(slot.clone());
        let (roots, config, limits, lang) = (
            self.roots.clone(),
            opts.config.clone(),
            opts.limits,
            opts.lang,
        );
        let queue = self.queue.clone();
        std::thread::spawn(move || {
            let ws = scan_workspace(&roots, &config, &limits, lang);
            if let Ok(mut s) = slot.lock() {
                *s = Some(ws);
            }
            let _ = queue.send(Message::Notification(Notification::new(
                SCANNED.into(),
                Value::Null,
            )));
        });
    }

    /// The scan is done: keep it, and lint the open buffers again with the cross-region rules.
    fn scanned(&mut self) -> Result<(), Error> {
        let Scan::Running(slot) = &self.workspace else {
            return Ok(());
        };
        let ws = slot.lock().ok().and_then(|mut s| s.take());
        let Some(ws) = ws else {
            return Ok(());
        };
        let too_large = ws.too_large;
        self.workspace = Scan::Ready(ws);
        if too_large {
            self.log(&format!(
                "tongban: the workspace has more than {MAX_WORKSPACE_GUIDES} guides; \
                 cross-region rules are left to `tongban lint`"
            ))?;
        }
        for d in self.docs.values_mut() {
            d.report = None;
        }
        Ok(())
    }

    /// A saved file replaces its summary in the workspace.
    fn saved(&mut self, path: &Path) {
        let limits = load::Limits {
            max_file_size: self.max_file_size,
            ..load::Limits::default()
        };
        if let Scan::Ready(ws) = &mut self.workspace {
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            ws.guides.remove(&key);
            if let Some((p, g)) = summarize_file(path, &limits) {
                ws.guides.insert(p, g);
            }
        }
    }

    fn log(&mut self, message: &str) -> Result<(), Error> {
        self.send(Message::Notification(Notification::new(
            "window/logMessage".into(),
            lsp::LogMessageParams {
                typ: lsp::MessageType::INFO,
                message: message.to_owned(),
            },
        )))
    }

    fn href(&self, path: &Path, code: &str, name: &str) -> Option<lsp::Uri> {
        let anchor = format!("{code}-{name}").to_lowercase();
        let url = match &self.rules_url {
            Some(base) => format!("{base}#{anchor}"),
            None => {
                // docs/rules.md (docs/rules.zh.md in Chinese) of the tongban checkout the guide
                // lives in, when there is one.
                let page = self.lang.pick("docs/rules.zh.md", "docs/rules.md");
                let docs = path
                    .ancestors()
                    .chain(self.roots.iter().map(PathBuf::as_path))
                    .map(|d| d.join(page))
                    .find(|p| p.is_file())?;
                format!("{}#{anchor}", text::path_to_uri(&docs))
            }
        };
        lsp::Uri::from_str(&url).ok()
    }

    fn diagnostics(&self, uri: &str, text: &str, report: &FileReport) -> Vec<lsp::Diagnostic> {
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
                        f.related
                            .iter()
                            .map(|r| lsp::DiagnosticRelatedInformation {
                                location: lsp::Location::new(u.clone(), index.range(&r.span)),
                                message: r.message.clone(),
                            })
                            .collect()
                    }),
                    tags: None,
                    data: None,
                }
            })
            .collect()
    }

    fn hover(&self, uri: &str, pos: lsp::Position, ctx: Option<&Ctx>) -> Option<lsp::Hover> {
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text, self.encoding);
        let offset = index.offset(pos);
        let report = doc.report.as_ref()?;
        // On a finding: its rule's explanation.
        if let Some(f) = report
            .findings
            .iter()
            .find(|f| f.span.start <= offset && offset <= f.span.end && !f.span.is_empty())
        {
            let entry = rules::lookup(f.code)?;
            let mut md = format!("**{}** {}\n\n", f.code, f.message);
            md.push_str(&rules::docs::entry_markdown(entry, self.lang));
            return Some(markdown(md, Some(index.range(&f.span))));
        }
        // On an element: its title and description from the schema.
        let loaded = load::load_bytes(
            String::new(),
            doc.text.as_bytes(),
            &load::Limits {
                max_file_size: self.max_file_size,
                ..load::Limits::default()
            },
            self.lang,
        );
        let document = loaded.document?;
        let pointer = hover::pointer_at(&document, offset)?;
        // The schema in force for this folder (`--schema` in tongban.toml, else the national one).
        // An extension that `$ref`s the national schema by its `$id`: the national titles.
        let (title, description) = hover::element(ctx?.schema.json(), &pointer).or_else(|| {
            let national: Value = serde_json::from_str(schema::NATIONAL_SCHEMA).ok()?;
            hover::element(&national, &pointer)
        })?;
        let key = pointer.rsplit('/').next().unwrap_or_default();
        let mut md = format!("**{title}** `{key}`");
        if let Some(d) = description {
            md.push_str("\n\n");
            md.push_str(&d);
        }
        let range = document.key(&pointer).map(|k| index.range(&k));
        Some(markdown(md, range))
    }

    fn code_actions(
        &self,
        uri: &str,
        range: lsp::Range,
        only: Option<&[lsp::CodeActionKind]>,
    ) -> Vec<lsp::CodeActionOrCommand> {
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
            let (fixed, n) = crate::fix::apply(
                &doc.text,
                report
                    .findings
                    .iter()
                    .filter_map(|f| f.fix.as_deref())
                    .filter(|x| x.applicability == Applicability::Safe),
            );
            if n > 0 {
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
}

impl Server<'_> {
    /// "Use the dictionary's standard name" on the material name under the cursor (unsafe: it
    /// may change what the guide says; no finding reports it).
    fn reword_action(
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
        let ctx = self.context(&path)?;
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
        let pointer = hover::pointer_at(&document, index.offset(range.start))?;
        let fix =
            crate::fix::reword_material(&document, &pointer, &doc.text, &ctx.data, self.lang)?;
        let lsp_uri = lsp::Uri::from_str(uri).ok()?;
        Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: fix.title.clone(),
            kind: Some(kind),
            edit: Some(lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(
                    lsp_uri,
                    fix.edits
                        .iter()
                        .map(|e| lsp::TextEdit::new(index.range(&e.range), e.replacement.clone()))
                        .collect(),
                )])),
                ..Default::default()
            }),
            is_preferred: Some(false),
            ..Default::default()
        }))
    }
}

/// Reads the summaries of the workspace's guides (load and summarise only: no schema, no
/// rules), up to [`MAX_WORKSPACE_GUIDES`].
fn scan_workspace(
    roots: &[PathBuf],
    config: &Config,
    limits: &load::Limits,
    lang: Lang,
) -> Workspace {
    let mut ws = Workspace {
        guides: std::collections::BTreeMap::new(),
        too_large: false,
    };
    for root in roots {
        let Ok(walk) = input::walk(std::slice::from_ref(root), config, lang) else {
            continue;
        };
        for w in walk {
            let input::Walked::File(input) = w else {
                continue;
            };
            if ws.guides.len() >= MAX_WORKSPACE_GUIDES {
                ws.too_large = true;
                ws.guides.clear();
                return ws;
            }
            if let Some((p, g)) = summarize_file(&input.path, limits) {
                ws.guides.insert(p, g);
            }
        }
    }
    ws
}

/// The cross-region summary of a guide on disk, by its canonical path (agreements and
/// dictionaries are not guides).
fn summarize_file(path: &Path, limits: &load::Limits) -> Option<(PathBuf, cross::GuideSummary)> {
    if crate::input::Kind::of(path) != crate::input::Kind::Guide {
        return None;
    }
    let loaded = load::load_file(path, path.display().to_string(), limits, Lang::En);
    let doc = loaded.document.as_ref()?;
    let g = cross::summarize(doc, &loaded.source, path.to_path_buf())?;
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Some((key, g))
}

fn markdown(value: String, range: Option<lsp::Range>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// Is this buffer a guide (or an agreement or dictionary) tongban should lint? Any YAML file
/// opens in an editor; a CI workflow must not be told it lacks 事项名称. A file is linted when it
/// has a top-level guide element, or is an agreement or dictionary, or is empty under a
/// `tongban.toml` — unless that configuration excludes it.
fn is_guide(path: &Path, text: &str, ctx: &Ctx) -> bool {
    if ctx.config.excluded(path) {
        return false;
    }
    if crate::input::Kind::of(path) != crate::input::Kind::Guide {
        return true;
    }
    let guide_key = text.lines().any(|l| {
        ["item:", "materials:", "region:", "department:"]
            .iter()
            .any(|k| l.starts_with(k))
    });
    // A new, still empty file under a tongban.toml is a guide being started.
    guide_key || text.trim().is_empty() && path.parent().and_then(Config::discover).is_some()
}
