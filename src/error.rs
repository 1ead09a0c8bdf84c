//! Operational failures (exit status 2): the tool could not do its job. Findings are data, not errors.
//!
//! The `Display` text is English (what a library caller and the logs see); [`Error::report`]
//! renders the error for a person in the run's language, from the message catalog (`i18n`).

use miette::{LabeledSpan, MietteDiagnostic};

use crate::diagnostic::Lang;
use crate::i18n::{self, tr};

/// Operational failures: the tool could not do its job (exit status 2). Findings are not errors.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// A path named on the command line does not exist or cannot be read.
    #[error("cannot read {path}: {message}")]
    #[diagnostic(code(tongban::io))]
    Io {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The schema could not be read or compiled.
    #[error("bad schema {path}: {message}")]
    #[diagnostic(
        code(tongban::schema),
        help(
            "the schema must be JSON Schema 2020-12 (JSON or YAML); $refs may name local files or the national schema's $id"
        )
    )]
    Schema {
        /// Where the schema came from.
        path: String,
        /// Why it failed.
        message: String,
    },
    /// The configuration file (or a data file it names) is not valid.
    #[error("bad configuration: {message}")]
    #[diagnostic(
        code(tongban::config),
        help(
            "`tongban config` prints the effective configuration; docs/rules-and-config.md lists every key"
        )
    )]
    Config {
        /// `path:line:column: what`.
        message: String,
        /// The file's text.
        #[source_code]
        src: miette::NamedSource<String>,
        /// Where.
        #[label("here")]
        span: Option<miette::SourceSpan>,
    },
    /// `tongban rule X` names no check or rule.
    #[error("no check or rule is called `{name}`")]
    #[diagnostic(code(tongban::unknown_rule))]
    UnknownRule {
        /// What was asked for.
        name: String,
        /// "did you mean", or where to look.
        #[help]
        help: String,
    },
    /// The material synonyms dictionary is invalid (its findings, located, are in the message).
    #[error("bad synonyms dictionary {path}:\n{message}")]
    #[diagnostic(
        code(tongban::synonyms),
        help("the dictionary follows schemas/documents.schema.json; see catalogs/documents.yaml")
    )]
    Synonyms {
        /// Where the dictionary came from.
        path: String,
        /// Its error findings, one per line, as `path:line:column: code message`.
        message: String,
    },
    /// The command line asks for something the inputs do not have (an unknown `--item`, ...).
    #[error("{0}")]
    #[diagnostic(code(tongban::usage))]
    Usage(String),
    /// The command line names an item or a region the inputs do not have; with the nearest one
    /// they have ("did you mean"), when there is one.
    #[error("{message}")]
    #[diagnostic(code(tongban::usage))]
    NotInInputs {
        /// What was not found.
        message: String,
        /// "did you mean `…`?", or what is there.
        help: Option<String>,
    },
    /// Writing the report failed.
    #[error("cannot write output: {0}")]
    #[diagnostic(code(tongban::output))]
    Output(#[from] std::io::Error),
    /// A file named for output (`-o`, `--write-baseline`) cannot be created or written.
    #[error("cannot write {path}: {message}")]
    #[diagnostic(code(tongban::write))]
    Write {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A walk went past a limit of tongban.toml (the catalog walk's `[catalog-limits]`): the
    /// message, in the run's language, names the limit and how to raise it.
    #[error("{0}")]
    #[diagnostic(code(tongban::limit))]
    Limit(String),
    /// tongban crashed on an input: a bug (contained: the run stops cleanly).
    #[error("internal error while reading {path}: {message}")]
    #[diagnostic(
        code(tongban::internal),
        help("this is a bug in tongban: please report it, with the file if you can")
    )]
    Internal {
        /// The file being read.
        path: String,
        /// The panic's message.
        message: String,
    },
}

/// Exit status when the tool could not do its job (or crashed on an input).
pub const EXIT_TROUBLE: u8 = 2;

impl Error {
    /// The error as `tongban` prints it on standard error, in `lang`: the message, the help and,
    /// for a configuration file, the located snippet. No internal code (`tongban::io`): a person
    /// reads it; and the operating system's words are explained in `lang`.
    pub fn report(self, lang: Lang) -> miette::Report {
        let os = |m: &str| i18n::explain_os_errors(m, lang);
        let (message, help): (String, Option<String>) = match &self {
            Error::Io { path, message } => (
                tr!(
                    lang,
                    "error-io",
                    path = path.as_str(),
                    message = os(message)
                ),
                None,
            ),
            Error::Schema { path, message } => (
                tr!(
                    lang,
                    "error-schema",
                    path = path.as_str(),
                    message = os(message)
                ),
                Some(tr!(lang, "error-schema.help")),
            ),
            Error::Config { message, .. } => (
                tr!(lang, "error-config", message = os(message)),
                Some(tr!(lang, "error-config.help")),
            ),
            Error::UnknownRule { name, help } => (
                tr!(lang, "error-unknown-rule", name = name.as_str()),
                Some(help.clone()),
            ),
            Error::Synonyms { path, message } => (
                tr!(
                    lang,
                    "error-synonyms",
                    path = path.as_str(),
                    message = os(message)
                ),
                Some(tr!(lang, "error-synonyms.help")),
            ),
            Error::Usage(message) | Error::Limit(message) => (os(message), None),
            Error::NotInInputs { message, help } => (message.clone(), help.clone()),
            Error::Output(e) => (
                tr!(lang, "error-output", message = i18n::io_error(e, lang)),
                None,
            ),
            Error::Write { path, message } => (
                tr!(
                    lang,
                    "error-write",
                    path = path.as_str(),
                    message = os(message)
                ),
                None,
            ),
            Error::Internal { path, message } => (
                tr!(
                    lang,
                    "error-internal",
                    path = path.as_str(),
                    message = message.as_str()
                ),
                Some(tr!(lang, "error-internal.help")),
            ),
        };
        let mut diagnostic = MietteDiagnostic::new(message);
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        match self {
            Error::Config { src, span, .. } => {
                if let Some(span) = span {
                    diagnostic = diagnostic
                        .with_label(LabeledSpan::at(span, tr!(lang, "error-config.label")));
                }
                miette::Report::new(diagnostic).with_source_code(src)
            }
            _ => miette::Report::new(diagnostic),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_print_in_the_run_language() {
        let e = || Error::Write {
            path: "out.html".into(),
            message: "No such file or directory".into(),
        };
        let zh = format!("{:?}", e().report(Lang::Zh));
        assert!(zh.contains("无法写入 out.html"), "{zh}");
        let en = format!("{:?}", e().report(Lang::En));
        assert!(en.contains("cannot write out.html"), "{en}");
    }

    /// Errors began with an internal code line (`tongban::write`) and kept the operating
    /// system's English words under `--lang zh`.
    #[test]
    fn errors_have_no_code_line_and_explain_os_errors() {
        let e = || Error::Io {
            path: "guides".into(),
            message: std::io::Error::from_raw_os_error(2).to_string(),
        };
        let zh = format!("{:?}", e().report(Lang::Zh));
        assert!(!zh.contains("tongban::"), "{zh}");
        assert!(zh.contains("无法读取 guides：文件或文件夹不存在"), "{zh}");
        assert!(!zh.contains("No such file"), "{zh}");
        let en = format!("{:?}", e().report(Lang::En));
        assert!(!en.contains("tongban::"), "{en}");
        assert!(
            en.contains("cannot read guides: no such file or folder"),
            "{en}"
        );
    }
}
