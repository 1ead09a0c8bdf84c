//! `--help` in the run's language. The English help is the derive's doc comments (they are also
//! the rustdoc and the man pages); every other language's is in its message catalog, keyed by the
//! command path and the argument's id, and laid over the built command here: about texts, argument
//! help, possible values, defaults and clap's own headings (用法/参数/选项/命令).

use std::fmt::Write as _;

use clap::builder::{PossibleValue, Resettable, StyledStr};
use clap::{Arg, Command};

use crate::diagnostic::Lang;
use crate::i18n::{self, tr};

/// The command line's `Command`, built, with every text in `lang`. Ids of texts the catalog
/// lacks are added to `missing` (a unit test keeps it empty).
pub(crate) fn command(lang: Lang, missing: &mut Vec<String>) -> Command {
    let mut cmd = <super::Cli as clap::CommandFactory>::command();
    if lang == Lang::En {
        return cmd;
    }
    // Built first, so the generated `--help`, `--version`, `help` subcommand and the global
    // options copied into every subcommand are there to translate.
    cmd.build();
    localize(cmd, "", lang, missing)
}

/// One command and, recursively, its subcommands.
fn localize(cmd: Command, parent: &str, lang: Lang, missing: &mut Vec<String>) -> Command {
    let name = cmd.get_name().to_owned();
    // The root is `tongban`; `help`'s subcommands stand for the commands they explain.
    let path = match parent {
        "" => name.clone(),
        "tongban" => name.clone(),
        p => format!("{p}-{name}"),
    };
    let mut keys = vec![format!("cmd-{path}"), format!("cmd-{name}")];
    keys.dedup();
    let mut cmd = cmd;
    if cmd.get_about().is_some() || cmd.get_long_about().is_some() {
        match find(lang, &keys, "") {
            Some((key, about)) => {
                cmd = cmd.about(about);
                cmd = cmd.long_about(maybe(i18n::lookup(lang, &format!("{key}.long"), None)));
            }
            None => missing.push(keys[0].clone()),
        }
    }
    if cmd.get_after_help().is_some() || cmd.get_after_long_help().is_some() {
        match find(lang, &keys, ".after") {
            Some((_, after)) => cmd = cmd.after_help(after).after_long_help(maybe(None)),
            None => missing.push(format!("{}.after", keys[0])),
        }
    }
    let template = template(&cmd, lang);
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(tr!(lang, "help-heading-commands"))
        .mut_args(|arg| localize_arg(arg, &path, lang, missing));
    let children: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for child in children {
        cmd = cmd.mut_subcommand(child, |s| localize(s, &path, lang, missing));
    }
    cmd
}

/// clap's layout with the usage heading in `lang`, styled as clap styles its own.
fn template(cmd: &Command, lang: Lang) -> StyledStr {
    let style = cmd.get_styles().get_usage();
    let mut t = StyledStr::new();
    let _ = write!(
        t,
        "{{before-help}}{{about-with-newline}}\n{style}{}{style:#}{{usage}}\n\n{{all-args}}{{after-help}}",
        tr!(lang, "help-usage")
    );
    t
}

/// The first of `keys` (with `suffix`, an attribute) that the catalog has, and its text.
fn find(lang: Lang, keys: &[String], suffix: &str) -> Option<(String, String)> {
    keys.iter().find_map(|k| {
        i18n::lookup(lang, &format!("{k}{suffix}"), None).map(|text| (k.clone(), text))
    })
}

/// One argument's help, heading, default and possible values in `lang`.
fn localize_arg(arg: Arg, path: &str, lang: Lang, missing: &mut Vec<String>) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    let heading = match arg.get_help_heading() {
        Some(h) => {
            let key = format!("help-heading-{}", h.to_lowercase().replace(' ', "-"));
            i18n::lookup(lang, &key, None).unwrap_or_else(|| {
                missing.push(key);
                h.to_owned()
            })
        }
        None if arg.is_positional() => tr!(lang, "help-heading-arguments"),
        None => tr!(lang, "help-heading-options"),
    };
    let mut arg = arg.help_heading(heading);
    if arg.is_hide_set() {
        return arg;
    }
    let keys = [format!("arg-{path}-{id}"), format!("arg-{id}")];
    let Some((key, help)) = find(lang, &keys, "") else {
        missing.push(keys[0].clone());
        return arg;
    };
    let long = i18n::lookup(lang, &format!("{key}.long"), None);
    let takes_values = arg.get_action().takes_values();
    let default = (takes_values && !arg.is_hide_default_value_set())
        .then(|| {
            arg.get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(",")
        })
        .filter(|d| !d.is_empty())
        .map(|d| tr!(lang, "help-default", value = d));
    let values: Vec<PossibleValue> = if takes_values && !arg.is_hide_possible_values_set() {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    let mut short = help.clone();
    if let Some(d) = &default {
        let _ = write!(short, " {d}");
    }
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        let _ = write!(
            short,
            " {}",
            tr!(lang, "help-possible-values", values = names.join(", "))
        );
    }
    let described = values.iter().any(|v| v.get_help().is_some());
    let long = (long.is_some() || described || arg.get_long_help().is_some()).then(|| {
        let mut text = long.unwrap_or(help);
        if described {
            text.push_str(&described_values(&values, path, &id, lang, missing));
        }
        if let Some(d) = &default {
            let _ = write!(text, "\n\n{d}");
        }
        text
    });
    arg = arg
        .help(short)
        .long_help(maybe(long))
        .hide_default_value(true)
        .hide_possible_values(true);
    arg
}

/// The possible values with what each means, for `--help`: `可选值：\n- human：…`.
fn described_values(
    values: &[PossibleValue],
    path: &str,
    id: &str,
    lang: Lang,
    missing: &mut Vec<String>,
) -> String {
    let mut text = format!("\n\n{}", tr!(lang, "help-possible-values-heading"));
    for v in values {
        let keys = [
            format!("pv-{path}-{id}-{}", v.get_name()),
            format!("pv-{id}-{}", v.get_name()),
        ];
        let what = find(lang, &keys, "").map(|(_, t)| t).unwrap_or_else(|| {
            missing.push(keys[0].clone());
            String::new()
        });
        let _ = write!(text, "\n- {}：{what}", v.get_name());
    }
    text
}

/// A text, or none (clap's "reset").
fn maybe(text: Option<String>) -> Resettable<StyledStr> {
    match text {
        Some(t) => Resettable::Value(t.into()),
        None => Resettable::Reset,
    }
}
