//! Operational failures (exit status 2): the tool could not do its job. Findings are data, not errors.
//!
//! The `Display` text is English (what a library caller and the logs see); [`Error::report`]
//! renders the error for a person in the run's language.

use miette::{Diagnostic, LabeledSpan, MietteDiagnostic};

use crate::diagnostic::Lang;

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
    /// The error as `tongban` prints it on standard error, in `lang`: the message, its code, the
    /// help and, for a configuration file, the located snippet.
    pub fn report(self, lang: Lang) -> miette::Report {
        if lang == Lang::En {
            return miette::Report::new(self);
        }
        let code = self.code().map(|c| c.to_string());
        let (message, help): (String, Option<String>) = match &self {
            Error::Io { path, message } => (format!("无法读取 {path}：{message}"), None),
            Error::Schema { path, message } => (
                format!("模式文件有误 {path}：{message}"),
                Some("模式须为 JSON Schema 2020-12（JSON 或 YAML）；$ref 可指向本地文件或国家模式的 $id".into()),
            ),
            Error::Config { message, .. } => (
                format!("配置有误：{message}"),
                Some("`tongban config` 显示生效的配置；docs/rules-and-config.md 列出每个配置项".into()),
            ),
            Error::UnknownRule { name, help } => {
                (format!("没有名为 `{name}` 的检查或规则"), Some(help.clone()))
            }
            Error::Synonyms { path, message } => (
                format!("材料词典有误 {path}：\n{message}"),
                Some("词典格式见 schemas/documents.schema.json，示例见 catalogs/documents.yaml".into()),
            ),
            Error::Usage(message) | Error::Limit(message) => (message.clone(), None),
            Error::Output(e) => (format!("无法写出结果：{e}"), None),
            Error::Write { path, message } => (format!("无法写入 {path}：{message}"), None),
            Error::Internal { path, message } => (
                format!("读取 {path} 时发生内部错误：{message}"),
                Some("这是 tongban 的缺陷：请报告此问题，如可能请附上该文件".into()),
            ),
        };
        let mut diagnostic = MietteDiagnostic::new(message);
        if let Some(code) = code {
            diagnostic = diagnostic.with_code(code);
        }
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        match self {
            Error::Config { src, span, .. } => {
                if let Some(span) = span {
                    diagnostic = diagnostic.with_label(LabeledSpan::at(span, "此处"));
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
        assert!(zh.contains("tongban::write"), "{zh}");
        let en = format!("{:?}", e().report(Lang::En));
        assert!(en.contains("cannot write out.html"), "{en}");
    }
}
