//! Shell completion candidates that come from data: rule codes and groups (the registry), and
//! the items and regions of the catalog at hand, read when the shell asks. The shells call
//! `tongban` back through clap_complete's `CompleteEnv` (`COMPLETE=bash tongban -- …`), so a
//! script installed once completes new flags, codes and items without being generated again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap_complete::engine::CompletionCandidate;

use crate::diagnostic::Lang;

/// How much of a catalog one completion may read: a person is waiting at the prompt.
const MAX_ENTRIES: u64 = 50_000;
const DEADLINE: Duration = Duration::from_millis(1_500);

/// The language of the help shown beside candidates: the locale's (`--lang` is not parsed yet).
fn lang() -> Lang {
    let locale = std::env::var("LC_ALL")
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("LANG").ok());
    Lang::from_locale(locale.as_deref())
}

/// Every check's code, with its summary (`tongban rule <TAB>`).
pub(super) fn codes() -> Vec<CompletionCandidate> {
    let lang = lang();
    crate::rules::registry()
        .iter()
        .map(|c| {
            let help = lang.pick(c.summary_zh, c.summary_en);
            CompletionCandidate::new(c.code).help(Some(help.into()))
        })
        .collect()
}

/// `--fail-on`: the levels, the groups (`TB3xx`) and every code.
pub(super) fn fail_on() -> Vec<CompletionCandidate> {
    crate::report::fail_on_candidates(lang())
        .into_iter()
        .map(|(value, help)| CompletionCandidate::new(value).help(Some(help.into())))
        .collect()
}

/// `--item`: the 事项名称 of the guides at hand, with their 基本编码 as help.
pub(super) fn items() -> Vec<CompletionCandidate> {
    let mut seen = std::collections::BTreeMap::new();
    for (item, code, _, _) in catalog() {
        let entry = seen.entry(item).or_insert(None);
        if entry.is_none() {
            *entry = code;
        }
    }
    seen.into_iter()
        .map(|(name, code)| CompletionCandidate::new(name).help(code.map(Into::into)))
        .collect()
}

/// `--region` / `--regions`: the 行政区划代码 of the guides at hand, with the region's name.
pub(super) fn regions() -> Vec<CompletionCandidate> {
    let mut seen = std::collections::BTreeMap::new();
    for (_, _, code, name) in catalog() {
        if let Some(code) = code {
            seen.entry(code).or_insert(name);
        }
    }
    seen.into_iter()
        .map(|(code, name)| CompletionCandidate::new(code).help(name.map(Into::into)))
        .collect()
}

/// (事项名称, 基本编码, region code, region name) of each guide at hand, within the budget.
type Row = (String, Option<String>, Option<String>, Option<String>);

/// The guides at hand: the folders and files named on the line being completed, else
/// `catalog` in tongban.toml, else the working directory.
fn catalog() -> Vec<Row> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let config = crate::lint::config::Config::load(None, &cwd, Lang::En)
        .unwrap_or_else(|_| crate::lint::config::Config::defaults(&cwd));
    let named = named_paths(&cwd);
    let paths = if !named.is_empty() {
        named
    } else {
        vec![config.catalog.clone().unwrap_or_else(|| cwd.clone())]
    };
    let budget = crate::input::Budget::new(MAX_ENTRIES, u64::MAX, Some(Instant::now() + DEADLINE));
    let Ok(walk) = crate::input::walk_within(&paths, &config, Lang::En, budget) else {
        return Vec::new();
    };
    let limits = crate::load::Limits::default();
    let deadline = Instant::now() + DEADLINE;
    let mut rows = Vec::new();
    for w in walk {
        let crate::input::Walked::File(f) = w else {
            continue;
        };
        if f.kind != crate::input::Kind::Guide || Instant::now() > deadline {
            continue;
        }
        let loaded = crate::load::load_walked_file(&f.path, f.name, &limits, Lang::En);
        let Some(doc) = loaded.document else { continue };
        let text = |p: &str| {
            crate::load::lookup(&doc.value, p)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        if let Some(item) = text("/item/name") {
            rows.push((
                item,
                text("/item/basic_code"),
                text("/region/code"),
                text("/region/name"),
            ));
        }
    }
    rows
}

/// Folders and YAML files named on the command line being completed (after the `--` that
/// `CompleteEnv` puts before it), relative to `cwd`.
fn named_paths(cwd: &Path) -> Vec<PathBuf> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let Some(start) = args.iter().position(|a| a == "--") else {
        return Vec::new();
    };
    args[start + 1..]
        .iter()
        .skip(1)
        .map(PathBuf::from)
        // The word being completed may be empty: it names no folder.
        .filter(|p| !p.as_os_str().is_empty() && !p.as_os_str().to_string_lossy().starts_with('-'))
        .filter(|p| {
            let p = cwd.join(p);
            p.is_dir() || (p.is_file() && crate::input::is_yaml(&p))
        })
        .collect()
}
