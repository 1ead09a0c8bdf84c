//! The commands that describe tongban itself: `schema`, `rules`, `rule`, `config`,
//! `completions`, `man`.

use std::io::Write;

use crate::diagnostic::Lang;
use crate::error::Error;
use crate::lint::config;
use crate::{cli, rules, schema};

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
    // The script `COMPLETE=<shell> tongban` prints: it calls `tongban` back at each TAB
    // (clap_complete's `CompleteEnv`, run first thing in `main`), so candidates that come from
    // data — rule codes, the catalog's items and regions — are computed then.
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        return Err(Error::Usage(format!("no completion for {name}")));
    };
    completer.write_registration("COMPLETE", "tongban", "tongban", "tongban", out)?;
    Ok(0)
}

/// `tongban man [SUBCOMMAND]`: a roff manual page, in the run's language (the help texts from
/// the message catalog, the sections clap does not write from [`MAN_SECTIONS`] or
/// [`MAN_SECTIONS_ZH`]; clap_mangen's own headings — NAME, SYNOPSIS, OPTIONS — stay as it
/// writes them).
pub(super) fn man(command: Option<String>, lang: Lang, out: &mut dyn Write) -> Result<u8, Error> {
    let cmd = cli::command_in(lang);
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
    out.write_all(lang.pick(MAN_SECTIONS_ZH, MAN_SECTIONS).as_bytes())?;
    Ok(0)
}

/// The sections clap does not write, in roff, after the options (every page: they hold for
/// each subcommand).
const MAN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Clean: no finding at or above \fB\-\-fail\-on\fR (lint), no item under \fB\-\-fail\-under\fR (diff, coverage).
.TP
\fB1\fR
Findings at or above \fB\-\-fail\-on\fR (default: error), or an item under \fB\-\-fail\-under\fR.
.TP
\fB2\fR
tongban could not do its job: a usage error, an unreadable path, a bad tongban.toml or schema, or a crash on a file (TB000).
.SH ENVIRONMENT
.TP
\fBLANG\fR, \fBLC_ALL\fR
Message language when \fB\-\-lang\fR is not given: a locale starting with \fBen\fR gives English, any other Chinese.
.TP
\fBNO_COLOR\fR
When set and not empty, no colour (as \fB\-\-color never\fR).
.TP
\fBCI\fR
When set, no progress line on standard error.
.TP
\fBGITHUB_STEP_SUMMARY\fR
With \fB\-f github\fR, a Markdown summary of the run is appended to this file.
.SH FILES
.TP
\fBtongban.toml\fR
Configuration, looked for in the working directory and the folders above it (\fB\-\-config\fR names another); \fBtongban config\fR prints the one in effect. Without one, \fBlint\fR skips YAML files that are not guides.
.TP
\fBdocuments.yaml\fR, \fBmaterials.yaml\fR
A catalog's document dictionary (synonyms of material names), at the root of a folder given.
.TP
\fBagreements/*.yaml\fR
Cross-province agreements (跨省通办), read by \fBcoverage\fR and validated by \fBlint\fR.
.TP
\fBe\-licences.yaml\fR
The e-licence catalogue, when \fBtongban.toml\fR names it.
.SH EXAMPLES
.TP
\fBtongban lint catalogs\fR
Lint every guide under catalogs/.
.TP
\fBtongban lint \-\-catalog catalogs catalogs/shanghai/jiehun\-dengji.yaml\fR
Lint one guide, comparing it with the whole catalog (四级四同).
.TP
\fBtongban lint catalogs \-f sarif \-o tongban.sarif\fR
A SARIF log for code scanning.
.TP
\fBtongban diff catalogs \-\-item 生育登记\fR
Compare one item across regions in the terminal.
.TP
\fBtongban diff catalogs \-f html \-o report.html\fR
The report for a meeting (prints on A4 landscape).
.TP
\fBtongban coverage catalogs \-f xlsx \-o coverage.xlsx\fR
Agreement coverage as a workbook.
"#;

/// `tongban config`: the effective configuration, as TOML.
pub(super) fn config(s: &super::settings::Settings<'_>, out: &mut dyn Write) -> Result<u8, Error> {
    let config = s.config()?;
    out.write_all(config.to_toml(s.lang).as_bytes())?;
    Ok(0)
}

/// [`MAN_SECTIONS`] in Chinese: the same sections, the same order.
const MAN_SECTIONS_ZH: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
无问题：没有达到 \fB\-\-fail\-on\fR 的检查结果（lint），没有低于 \fB\-\-fail\-under\fR 的事项（diff、coverage）。
.TP
\fB1\fR
有达到 \fB\-\-fail\-on\fR（默认 error）的检查结果，或有事项低于 \fB\-\-fail\-under\fR。
.TP
\fB2\fR
tongban 未能完成工作：命令行用法错误、路径无法读取、tongban.toml 或模式有误，或处理某个文件时崩溃（TB000）。
.SH ENVIRONMENT
.TP
\fBLANG\fR, \fBLC_ALL\fR
未给出 \fB\-\-lang\fR 时的消息语言：以 \fBen\fR 开头的区域设置为英文，其他为中文。
.TP
\fBNO_COLOR\fR
设置且非空时不使用颜色（同 \fB\-\-color never\fR）。
.TP
\fBCI\fR
设置时不在标准错误上显示进度。
.TP
\fBGITHUB_STEP_SUMMARY\fR
使用 \fB\-f github\fR 时，运行的 Markdown 摘要追加到此文件。
.SH FILES
.TP
\fBtongban.toml\fR
配置文件，在工作目录及其上级目录中查找（\fB\-\-config\fR 可指定其他文件）；\fBtongban config\fR 输出生效的配置。没有配置时，\fBlint\fR 跳过不是办事指南的 YAML 文件。
.TP
\fBdocuments.yaml\fR, \fBmaterials.yaml\fR
目录的文书词典（材料名称的同义写法），位于所给文件夹的根目录。
.TP
\fBagreements/*.yaml\fR
跨省通办协议，由 \fBcoverage\fR 读取、由 \fBlint\fR 检查。
.TP
\fBe\-licences.yaml\fR
电子证照目录（在 \fBtongban.toml\fR 中指定时）。
.SH EXAMPLES
.TP
\fBtongban lint catalogs\fR
检查 catalogs/ 下的每份办事指南。
.TP
\fBtongban lint \-\-catalog catalogs catalogs/shanghai/jiehun\-dengji.yaml\fR
检查一份指南，并与整个目录比较（四级四同）。
.TP
\fBtongban lint catalogs \-f sarif \-o tongban.sarif\fR
生成供代码扫描使用的 SARIF 日志。
.TP
\fBtongban diff catalogs \-\-item 生育登记\fR
在终端中跨地区比较一个事项。
.TP
\fBtongban diff catalogs \-f html \-o report.html\fR
生成会议用报告（A4 横向打印）。
.TP
\fBtongban coverage catalogs \-f xlsx \-o coverage.xlsx\fR
以工作簿输出跨省通办协议的覆盖情况。
"#;
