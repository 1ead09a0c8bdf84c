//! Operational failures (exit status 2): the tool could not do its job. Findings are data, not errors.

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
