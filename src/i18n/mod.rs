//! The message catalogs: what the command line, the app, errors, notes and reports say to a
//! person, one Fluent file per language (`zh.ftl`, `en.ftl` beside this file), looked up by id.
//!
//! Rules' messages are not here: each rule's `Def` declares both languages once and a finding's
//! message is built on the hot lint path without a lookup. Each bundle is parsed once per process,
//! on first use; a lookup is a hash of the id and a format of its arguments.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::diagnostic::Lang;

/// The Chinese catalog.
pub const ZH: &str = include_str!("zh.ftl");
/// The English catalog.
pub const EN: &str = include_str!("en.ftl");

type Bundle = FluentBundle<FluentResource>;

/// Arguments of a message, built by [`tr!`].
pub type Args<'a> = FluentArgs<'a>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    static EN_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::Zh => ZH_BUNDLE.get_or_init(|| build("zh-CN", ZH)),
        Lang::En => EN_BUNDLE.get_or_init(|| build("en", EN)),
    }
}

/// Parses one catalog. A syntax error drops only the entry it is in (the unit tests fail on any).
fn build(locale: &str, text: &str) -> Bundle {
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().unwrap_or_default()]);
    // Terminals and files, not bidirectional text: no invisible isolation marks around arguments.
    bundle.set_use_isolating(false);
    // Ids are unique in each file (a unit test checks), so no entry is refused.
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `id` (or its attribute, `id.attr`) in `lang`, with `args`; the id itself when the
/// catalog lacks it (a unit test checks that every id used in `src/` is in both catalogs).
pub fn text(lang: Lang, id: &str, args: Option<&Args<'_>>) -> String {
    lookup(lang, id, args).unwrap_or_else(|| id.to_owned())
}

/// The message `id` (or `id.attr`) in `lang`, when the catalog has it.
pub fn lookup(lang: Lang, id: &str, args: Option<&Args<'_>>) -> Option<String> {
    let bundle = bundle(lang);
    let (name, attr) = match id.split_once('.') {
        Some((name, attr)) => (name, Some(attr)),
        None => (id, None),
    };
    let message = bundle.get_message(name)?;
    let pattern = match attr {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(text.into_owned())
}

/// An argument of a message: text or a number.
pub fn value<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// `tr!(lang, "id")` or `tr!(lang, "id", name = value, …)`: the message in `lang`, a `String`.
macro_rules! tr {
    ($lang:expr, $id:expr) => {
        $crate::i18n::text($lang, $id, None)
    };
    ($lang:expr, $id:expr, $($k:ident = $v:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($k), $crate::i18n::value($v)); )+
        $crate::i18n::text($lang, $id, Some(&args))
    }};
}
pub(crate) use tr;

/// An operating-system error in the run's language: what happened, and the system's own words
/// in parentheses when the kind alone does not say it.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let id = match e.kind() {
        K::NotFound => "os-not-found",
        K::PermissionDenied => "os-permission-denied",
        K::AlreadyExists => "os-already-exists",
        K::IsADirectory => "os-is-a-directory",
        K::NotADirectory => "os-not-a-directory",
        K::DirectoryNotEmpty => "os-directory-not-empty",
        K::ReadOnlyFilesystem => "os-read-only",
        K::StorageFull => "os-storage-full",
        K::QuotaExceeded => "os-quota",
        K::FileTooLarge => "os-file-too-large",
        K::InvalidFilename => "os-invalid-filename",
        K::CrossesDevices => "os-crosses-devices",
        K::BrokenPipe => "os-broken-pipe",
        K::TimedOut => "os-timed-out",
        K::Interrupted => "os-interrupted",
        K::OutOfMemory => "os-out-of-memory",
        K::InvalidData => "os-invalid-data",
        K::UnexpectedEof => "os-unexpected-eof",
        K::ResourceBusy | K::ExecutableFileBusy => "os-busy",
        K::StaleNetworkFileHandle => "os-stale",
        _ => return tr!(lang, "os-other", detail = e.to_string()),
    };
    tr!(lang, id)
}

/// Replaces the operating system's own words for an error (`No such file or directory (os error
/// 2)`) anywhere in `text` by their explanation in `lang`: messages made where the language is
/// not known are explained where they are shown.
pub fn explain_os_errors(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(end) = rest.find(" (os error ") {
        let after = &rest[end + " (os error ".len()..];
        let Some(close) = after.find(')') else { break };
        let Ok(code) = after[..close].parse::<i32>() else {
            out.push_str(&rest[..end + 1]);
            rest = &rest[end + 1..];
            continue;
        };
        let e = std::io::Error::from_raw_os_error(code);
        let words = e.to_string();
        let described = words
            .strip_suffix(&format!(" (os error {code})"))
            .unwrap_or(&words);
        let head = &rest[..end];
        match head.strip_suffix(described) {
            Some(before) => {
                out.push_str(before);
                out.push_str(&io_error(&e, lang));
            }
            None => {
                out.push_str(head);
                out.push_str(lang.pick("：", ": "));
                out.push_str(&io_error(&e, lang));
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
