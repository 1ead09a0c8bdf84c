//! The commands that describe tongban itself: `schema`, `rules`, `rule`, `config`,
//! `completions`, `man`.

use std::io::Write;

use crate::diagnostic::Lang;
use crate::error::Error;
use crate::{cli, config, rules, schema};

/// `tongban schema`: the embedded national schema.
pub(super) fn schema(out: &mut dyn Write) -> Result<u8, Error> {
    out.write_all(schema::NATIONAL_SCHEMA.as_bytes())?;
    Ok(0)
}

/// `tongban rules [--markdown]`: every check, one line each, or the reference page.
pub(super) fn rules(markdown: bool, lang: Lang, out: &mut dyn Write) -> Result<u8, Error> {
    if markdown {
        out.write_all(rules::docs::markdown(lang).as_bytes())?;
        return Ok(0);
    }
    for e in rules::registry() {
        let c = e;
        writeln!(
            out,
            "{:<6} {:<36} {:<8} {:<12} {}",
            c.code,
            c.name,
            rules::docs::severity_name(c.severity, lang),
            rules::docs::kind_name(e.kind, lang),
            lang.pick(c.summary_zh, c.summary_en)
        )?;
    }
    Ok(0)
}

/// `tongban rule CODE|NAME`: one check's documentation.
pub(super) fn rule(rule: &str, lang: Lang, out: &mut dyn Write) -> Result<u8, Error> {
    match rules::lookup(rule) {
        Some(e) => {
            out.write_all(rules::docs::entry_markdown(e, lang).as_bytes())?;
            Ok(0)
        }
        None => Err(Error::UnknownRule {
            help: config::unknown_rule_help(rule, lang),
            name: rule.to_owned(),
        }),
    }
}

/// `tongban completions SHELL`.
pub(super) fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<u8, Error> {
    use clap::CommandFactory;
    let mut cmd = cli::Cli::command();
    clap_complete::generate(shell, &mut cmd, "tongban", out);
    Ok(0)
}

/// `tongban man [SUBCOMMAND]`: a roff manual page.
pub(super) fn man(command: Option<String>, out: &mut dyn Write) -> Result<u8, Error> {
    use clap::CommandFactory;
    let mut cmd = cli::Cli::command();
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect();
            let sub = cmd.find_subcommand(&name).cloned().ok_or_else(|| {
                Error::Usage(format!(
                    "no subcommand `{name}`; subcommands: {}",
                    names.join(", ")
                ))
            })?;
            // tongban-lint(1), as git and cargo name their subcommand pages.
            let title = format!("tongban-{}", sub.get_name());
            sub.name(title)
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(0)
}

/// `tongban config`: the effective configuration, as TOML.
pub(super) fn config(s: &super::settings::Settings<'_>, out: &mut dyn Write) -> Result<u8, Error> {
    let config = s.config()?;
    out.write_all(config.to_toml(s.lang).as_bytes())?;
    Ok(0)
}
