//! The editor's view of the files on disk: one lint session per configuration in force, the
//! cross-region summaries of the workspace's guides (read once, on a thread of its own, and kept
//! up to date as files are saved), and what a saved file makes stale — decided by
//! [`crate::input::shapes_linting`], the one rule for which files change how others are linted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lsp_server::{Message, Notification};
use lsp_types as lsp;
use serde_json::Value;

use super::Server;
use crate::lint::Session;
use crate::lint::config::Config;
use crate::rules::cross::GuideSummary;
use crate::{input, load, rules, schema};

/// The summaries of the workspace's guides on disk, for the cross-region rules, by canonical
/// path. Only a summary of each is kept (a few strings), as in `lint`'s cross-region pass.
pub(super) struct Workspace {
    guides: BTreeMap<PathBuf, GuideSummary>,
    /// The workspace has more guides than [`MAX_WORKSPACE_GUIDES`], or more files and folders
    /// than the scan may visit (`[server]` in tongban.toml): cross-region rules are off.
    too_large: bool,
    /// Why, for the client's log.
    why: String,
}

/// Where the workspace scan stands.
pub(super) enum Scan {
    /// Not needed yet.
    NotStarted,
    /// A thread is reading the guides; it leaves them here and sends [`SCANNED`].
    Running(Arc<Mutex<Option<Workspace>>>),
    /// Done.
    Ready(Workspace),
}

/// The notification the scan thread sends to the server's own queue when it is done.
pub(super) const SCANNED: &str = "tongban/workspaceScanned";

/// Most guides read for the cross-region rules in an editor; beyond that a national catalog is
/// `tongban lint`'s job, and the editor stays responsive.
const MAX_WORKSPACE_GUIDES: usize = 20_000;

impl Server<'_> {
    /// The lint session of a file's folder: `tongban.toml` found upward from it, built once per
    /// configuration file in force. A configuration that does not load is shown once, and
    /// linting goes on with the defaults.
    pub(super) fn session(&mut self, path: &Path) -> Option<Arc<Session>> {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| self.cwd.clone(), Path::to_path_buf);
        let key = Config::discover(&folder).unwrap_or_default();
        if let Some(s) = self.sessions.get(&key) {
            return Some(s.clone());
        }
        let lang = self.lang;
        let limits = load::Limits {
            max_file_size: self.max_file_size,
            ..load::Limits::default()
        };
        let (config, problem) = match Config::load(None, &folder, lang) {
            Ok(c) => (c, None),
            Err(e) => (Config::defaults(&folder), Some(e.to_string())),
        };
        let (schema, data, problem) =
            match crate::lint::setup(&config, None, &self.roots, &folder, lang) {
                Ok((s, d)) => (s, d, problem),
                Err(e) => (
                    schema::Schema::national().ok()?,
                    rules::Data::default(),
                    Some(e.to_string()),
                ),
            };
        if let Some(p) = problem {
            self.send(Message::Notification(Notification::new(
                "window/showMessage".into(),
                lsp::ShowMessageParams {
                    typ: lsp::MessageType::WARNING,
                    message: format!("tongban: {p}"),
                },
            )))
            .ok();
        }
        let session = Arc::new(Session {
            schema,
            data,
            config,
            limits,
            lang,
        });
        self.sessions.insert(key, session.clone());
        Some(session)
    }

    /// The other guides of the workspace, for the cross-region rules on the buffer of `path`;
    /// `None` until the scan is done (the first diagnostics never wait for the whole workspace;
    /// the buffers are linted again when it is) or when the workspace is too large.
    pub(super) fn catalog(
        &mut self,
        path: &Path,
        session: &Arc<Session>,
    ) -> Option<Vec<GuideSummary>> {
        if matches!(self.workspace, Scan::NotStarted) {
            self.start_scan(session.clone());
        }
        let Scan::Ready(ws) = &self.workspace else {
            return None;
        };
        if ws.too_large {
            return None;
        }
        let me = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        Some(
            ws.guides
                .iter()
                .filter(|(p, _)| **p != me)
                .map(|(_, g)| g.clone())
                .collect(),
        )
    }

    /// Starts reading the summaries of the workspace's guides on a thread of its own.
    fn start_scan(&mut self, session: Arc<Session>) {
        let slot = Arc::new(Mutex::new(None));
        self.workspace = Scan::Running(slot.clone());
        let roots = self.roots.clone();
        let queue = self.queue.clone();
        std::thread::spawn(move || {
            let ws = scan(&roots, &session);
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
    pub(super) fn scanned(&mut self) -> Result<(), crate::Error> {
        let Scan::Running(slot) = &self.workspace else {
            return Ok(());
        };
        let ws = slot.lock().ok().and_then(|mut s| s.take());
        let Some(ws) = ws else {
            return Ok(());
        };
        let (too_large, why) = (ws.too_large, ws.why.clone());
        self.workspace = Scan::Ready(ws);
        if too_large {
            self.log(&format!(
                "tongban: {why}; cross-region rules are left to `tongban lint`"
            ))?;
        }
        self.all_stale();
        Ok(())
    }

    /// A saved file replaces its summary in the workspace; a saved configuration or data file
    /// ([`input::shapes_linting`]) changes how every buffer is linted.
    pub(super) fn saved(&mut self, path: &Path) {
        if input::shapes_linting(path) {
            self.sessions.clear();
            self.all_stale();
        }
        if !matches!(self.workspace, Scan::Ready(_)) {
            return;
        }
        let session = self.session(path);
        if let Scan::Ready(ws) = &mut self.workspace {
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            ws.guides.remove(&key);
            let summary = session.and_then(|s| s.summarize_file(path, path.display().to_string()));
            if let Some(g) = summary {
                ws.guides.insert(key, g);
            }
        }
    }

    /// Every open buffer is to be linted again.
    fn all_stale(&mut self) {
        for d in self.docs.values_mut() {
            d.report = None;
        }
    }
}

/// Reads the summaries of the workspace's guides (load and summarise only: no schema, no
/// rules), up to [`MAX_WORKSPACE_GUIDES`] guides and within the scan limits of `[server]` in
/// tongban.toml (a workspace rooted at `/` is not read whole).
fn scan(roots: &[PathBuf], session: &Session) -> Workspace {
    let limits = session.config.server;
    let mut ws = Workspace {
        guides: BTreeMap::new(),
        too_large: false,
        why: String::new(),
    };
    let budget = input::Budget::new(
        limits.max_scan_entries,
        u64::MAX,
        Some(std::time::Instant::now() + std::time::Duration::from_secs(limits.scan_seconds)),
    );
    let give_up = |ws: &mut Workspace, why: String| {
        ws.too_large = true;
        ws.why = why;
        ws.guides.clear();
    };
    for root in roots {
        let Ok(walk) = input::walk_within(
            std::slice::from_ref(root),
            &session.config,
            session.lang,
            budget.clone(),
        ) else {
            continue;
        };
        for w in walk {
            let input::Walked::File(input) = w else {
                continue;
            };
            if ws.guides.len() >= MAX_WORKSPACE_GUIDES {
                give_up(
                    &mut ws,
                    format!("the workspace has more than {MAX_WORKSPACE_GUIDES} guides"),
                );
                return ws;
            }
            if let Some(g) = session.summarize_file(&input.path, input.path.display().to_string()) {
                let key = std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone());
                ws.guides.insert(key, g);
            }
        }
        if budget.exhausted.load(std::sync::atomic::Ordering::Relaxed) {
            give_up(
                &mut ws,
                format!(
                    "the workspace scan stopped at {} files and folders or {} s \
                     (max-scan-entries and scan-seconds under [server] in tongban.toml)",
                    limits.max_scan_entries, limits.scan_seconds
                ),
            );
            return ws;
        }
    }
    ws
}
