//! clap's errors in the run's language: what clap found (the kind) and what it knows about it
//! (the context: the argument, the value, the valid values, the suggestion, the usage) rendered
//! from the message catalog. English is clap's own rendering.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::ValueError;
use crate::diagnostic::Lang;
use crate::i18n::tr;

/// The error as it is printed on standard error, in `lang`.
pub(crate) fn render(e: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.render().to_string();
    }
    let mut out = tr!(lang, "clap-error");
    out.push_str(&message(e, lang));
    let valid = strings(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        let values = tr!(lang, "help-possible-values", values = valid.join(", "));
        out.push_str(&format!("\n  {values}"));
    }
    let valid = strings(e, ContextKind::ValidSubcommand);
    if !valid.is_empty() {
        let values = tr!(lang, "clap-subcommands", values = valid.join(", "));
        out.push_str(&format!("\n  {values}"));
    }
    let tips = tips(e, lang);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("\n  {}{tip}", tr!(lang, "clap-tip")));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        out.push_str(&format!("\n\n{}{usage}", tr!(lang, "help-usage")));
    }
    out.push_str(&format!("\n\n{}\n", tr!(lang, "clap-try-help")));
    out
}

/// A context value that is one string.
fn string(e: &clap::Error, kind: ContextKind) -> &str {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.as_str(),
        _ => "",
    }
}

/// A context value that is a list of strings (or one).
fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// What clap found, from the error's kind and context.
fn message(e: &clap::Error, lang: Lang) -> String {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    let subcommand = string(e, ContextKind::InvalidSubcommand);
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => tr!(lang, "clap-value-required", arg = arg),
        ErrorKind::InvalidValue => tr!(lang, "clap-invalid-value", arg = arg, value = value),
        ErrorKind::ValueValidation => {
            // A parser of ours says why in `lang`; any other keeps its own words.
            let why = std::error::Error::source(e).map(|s| match s.downcast_ref::<ValueError>() {
                Some(v) => v.message(lang),
                None => s.to_string(),
            });
            match why {
                Some(why) => tr!(
                    lang,
                    "clap-value-invalid-because",
                    arg = arg,
                    value = value,
                    why = why
                ),
                None => tr!(lang, "clap-invalid-value", arg = arg, value = value),
            }
        }
        ErrorKind::UnknownArgument => tr!(lang, "clap-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => tr!(lang, "clap-unknown-subcommand", name = subcommand),
        ErrorKind::MissingRequiredArgument => {
            let args = strings(e, ContextKind::InvalidArg);
            tr!(lang, "clap-missing-required", args = list(&args))
        }
        ErrorKind::MissingSubcommand => tr!(lang, "clap-missing-subcommand", name = subcommand),
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg] {
                tr!(lang, "clap-used-twice", arg = arg)
            } else {
                tr!(lang, "clap-conflict", arg = arg, others = list(&prior))
            }
        }
        ErrorKind::NoEquals => tr!(lang, "clap-no-equals", arg = arg),
        ErrorKind::TooManyValues => tr!(lang, "clap-too-many-values", arg = arg, value = value),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            tr!(lang, "clap-wrong-number-of-values", arg = arg)
        }
        ErrorKind::InvalidUtf8 => tr!(lang, "clap-invalid-utf8"),
        _ => tr!(lang, "clap-other"),
    }
}

/// The suggestions: a similar subcommand, argument or value, and clap's tips.
fn tips(e: &clap::Error, lang: Lang) -> Vec<String> {
    let mut tips = Vec::new();
    for (kind, id) in [
        (ContextKind::SuggestedSubcommand, "clap-similar-subcommand"),
        (ContextKind::SuggestedArg, "clap-similar-argument"),
        (ContextKind::SuggestedValue, "clap-similar-value"),
    ] {
        let names = strings(e, kind);
        if !names.is_empty() {
            tips.push(tr!(lang, id, names = list(&names)));
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = e.get(ContextKind::Suggested) {
        tips.extend(suggestions.iter().map(|s| suggestion(&s.to_string(), lang)));
    }
    tips
}

/// `'a', 'b'`.
fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join("、")
}

/// clap's tips, which it writes in English, in `lang`: the three it gives (passing a value that
/// looks like a flag, a flag of a subcommand, a subcommand after `--`).
fn suggestion(tip: &str, lang: Lang) -> String {
    if let Some(rest) = tip.strip_prefix("to pass '")
        && let Some((value, rest)) = rest.split_once("' as a value, use '")
    {
        let with = rest.trim_end_matches('\'');
        return tr!(lang, "clap-tip-pass-as-value", value = value, with = with);
    }
    if let Some(rest) = tip.strip_prefix("subcommand '")
        && let Some((name, _)) = rest.split_once('\'')
    {
        return tr!(lang, "clap-tip-remove-dashes", name = name);
    }
    if let Some(rest) = tip.strip_prefix('\'')
        && let Some(flag) = rest.strip_suffix("' exists")
    {
        return tr!(lang, "clap-tip-subcommand-flag", flag = flag);
    }
    tip.to_owned()
}
