//! `tongban server`: a language server over standard input/output (LSP, `lsp-server` framing,
//! no async), in the shape of taplo's: this file holds the loop (read, coalesce, dispatch by
//! method), `handlers/` one file per feature (documents, hover, code actions), `workspace.rs` the
//! guides on disk and when to lint again, `convert.rs` the finding → LSP diagnostic conversion
//! (the editor's printer, as `report/sarif.rs` is SARIF's).
//!
//! **Architecture Invariant: the server decides nothing about findings.** Every buffer is linted
//! by [`crate::lint::Session::lint_buffer`] — the pipeline `tongban lint` and `tongban lint -`
//! use, size check, levels, suppressions and cross-region rules included — and what kind of file a
//! path is comes from [`crate::input::Kind`]. The server only keeps buffers, decides *when* to
//! lint, and converts. A rule the editor shows differently from the CLI is a bug here.
//!
//! Changes are coalesced: every message already queued is read before anything is linted, and
//! after a change the server waits briefly for the next one, so a burst of keystrokes is linted
//! once, at its latest version. It claims nothing a YAML server does (completion, formatting,
//! symbols), so it runs beside yaml-language-server.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;

use crate::Error;
use crate::diagnostic::{FileReport, Lang};
use crate::lint::Session;

mod convert;
pub mod frame;
mod handlers;
pub mod text;
mod workspace;

use text::Encoding;
use workspace::{SCANNED, Scan};

/// How long to wait for more changes after one arrives before linting.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Longest a stream of changes may defer linting (someone typing without pause still sees
/// findings).
const MAX_DEFER: Duration = Duration::from_millis(300);

/// Runs the server until the client says `exit` (or closes standard input, or sends a frame
/// that cannot be read), reading requests from standard input and writing responses to `out`.
/// Its limits are `[server]` of the `tongban.toml` found from `cwd` (the defaults when there is
/// none, or it does not load: that is reported when a file is linted).
pub fn run(max_file_size: u64, cwd: &Path, lang: Lang, out: &mut dyn Write) -> Result<(), Error> {
    let limits = crate::lint::config::Config::load(None, cwd, lang)
        .map(|c| c.server)
        .unwrap_or_default();
    let (tx, rx) = mpsc::channel();
    // The reader owns standard input; it stops at end of input or when the server is gone.
    let reader = tx.clone();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        read_messages(&mut input, &reader, limits.max_frame_size);
        // End of input: the client is gone (the server's own sender keeps the queue open).
        let _ = reader.send(Message::Notification(Notification::new(
            "exit".into(),
            Value::Null,
        )));
    });
    serve(tx, rx, max_file_size, limits, cwd, lang, out)
}

/// The notification the reader sends for a frame whose body is no JSON-RPC message: the loop
/// answers it with the error it carries.
const BAD_FRAME: &str = "tongban/badFrame";

/// Reads framed messages from `input` into `tx` until end of input or a frame that cannot be
/// read (said on standard error). A body that is no message goes on as [`BAD_FRAME`].
pub fn read_messages(input: &mut dyn BufRead, tx: &mpsc::Sender<Message>, max_frame: u64) {
    loop {
        let msg = match frame::read(input, max_frame) {
            frame::Frame::Message(m) => m,
            frame::Frame::Bad { id, code, message } => Message::Notification(Notification::new(
                BAD_FRAME.into(),
                serde_json::json!({"id": id, "code": code, "message": message}),
            )),
            frame::Frame::End => return,
            frame::Frame::Fatal(why) => {
                let _ = writeln!(std::io::stderr().lock(), "tongban server: {why}; closing");
                return;
            }
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

/// The server loop over already-framed messages (the transport is the caller's). `tx` feeds the
/// same queue: the background workspace scan says through it that it is done.
pub fn serve(
    tx: mpsc::Sender<Message>,
    rx: mpsc::Receiver<Message>,
    max_file_size: u64,
    limits: crate::lint::config::ServerLimits,
    cwd: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut server = Server {
        out,
        lang,
        max_file_size,
        limits,
        cwd: cwd.to_path_buf(),
        encoding: Encoding::Utf16,
        roots: Vec::new(),
        rules_url: None,
        docs: HashMap::new(),
        sessions: HashMap::new(),
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

struct Server<'o> {
    out: &'o mut dyn Write,
    lang: Lang,
    max_file_size: u64,
    /// `[server]` of tongban.toml: frame size, diagnostics per document, workspace scan.
    limits: crate::lint::config::ServerLimits,
    cwd: PathBuf,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    rules_url: Option<String>,
    docs: HashMap<String, Doc>,
    /// One lint session per configuration in force (`tongban.toml` found upward), built once.
    sessions: HashMap<PathBuf, Arc<Session>>,
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
            let id = match &msg {
                Message::Request(req) => Some(req.id.clone()),
                _ => None,
            };
            // A bug met on some request must not take the editor's server down: the request
            // gets an internal error, the server goes on.
            let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.message(msg, &cancelled)
            }));
            match handled {
                Ok(Ok(true)) => return Ok(true),
                Ok(Ok(false)) => {}
                Ok(Err(e)) => return Err(e),
                Err(_) => {
                    if let Some(id) = id {
                        self.error(id, ErrorCode::InternalError, "tongban: internal error")?;
                    }
                }
            }
        }
        let published =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.publish_stale()));
        match published {
            Ok(r) => r?,
            Err(_) => {
                // Whatever was being linted is dropped rather than retried forever.
                self.docs.retain(|_, d| d.report.is_some());
            }
        }
        Ok(false)
    }

    /// Handles one message; returns whether to stop.
    fn message(&mut self, msg: Message, cancelled: &HashSet<RequestId>) -> Result<bool, Error> {
        match msg {
            Message::Request(req) if cancelled.contains(&req.id) => {
                self.error(req.id, ErrorCode::RequestCanceled, "cancelled")?;
            }
            Message::Request(req) => self.request(req)?,
            Message::Notification(n) if n.method == "exit" => return Ok(true),
            Message::Notification(n) if n.method == SCANNED => self.scanned()?,
            Message::Notification(n) if n.method == BAD_FRAME => {
                let p = &n.params;
                let id = p
                    .get("id")
                    .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
                let code = p
                    .get("code")
                    .and_then(Value::as_i64)
                    .and_then(|c| i32::try_from(c).ok())
                    .unwrap_or(ErrorCode::ParseError as i32);
                let message = p
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("bad frame");
                frame::write_error(&mut self.out, id.as_ref(), code, message)?;
            }
            Message::Notification(n) => self.notification(n)?,
            Message::Response(_) => {}
        }
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
                let session = path.and_then(|p| self.session(&p));
                let hover = self.hover(
                    &uri,
                    p.text_document_position_params.position,
                    session.as_deref(),
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

    fn log(&mut self, message: &str) -> Result<(), Error> {
        self.send(Message::Notification(Notification::new(
            "window/logMessage".into(),
            lsp::LogMessageParams {
                typ: lsp::MessageType::INFO,
                message: message.to_owned(),
            },
        )))
    }
}
