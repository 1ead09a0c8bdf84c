//! One lint session: what every front end lints with — the schema, the rules' data, the
//! configuration and the limits, built once — and the one pipeline a file, standard input or an
//! editor's buffer goes through (load → schema → rules → fixes → config levels → suppressions,
//! then the cross-region rules against a catalog). `tongban lint`, `tongban lint -` and
//! `tongban server` all call it; none of them decides anything about findings.

use crate::i18n::tr;
use std::path::{Path, PathBuf};

use crate::diagnostic::{FileReport, Finding, Lang};
use crate::error::Error;
use crate::input::{Input, Kind, Walked, for_each_chunk};
use crate::lint::config::Config;
use crate::lint::suppress;
use crate::load::{self, Limits};
use crate::progress::Progress;
use crate::rules::{self, cross};
use crate::schema::Schema;
use crate::source::Source;

/// What linting needs besides the files, built once per run (per folder configuration in an
/// editor).
pub struct Session {
    /// The compiled schema.
    pub schema: Schema,
    /// E-licences and synonyms.
    pub data: rules::Data,
    /// Rule levels and per-path overrides.
    pub config: Config,
    /// Resource limits.
    pub limits: Limits,
    /// Message language.
    pub lang: Lang,
}

/// What linting one buffer found: its own findings and, when the cross-region rules ran, the
/// findings they add (the CLI reports them as a second report of the same file; an editor merges
/// them, see [`BufferReport::merged`]).
pub struct BufferReport {
    /// The buffer's own findings (load, schema, rules, suppressions).
    pub own: FileReport,
    /// Cross-region findings and unused cross-region suppressions, when there are any.
    pub cross: Option<FileReport>,
    /// How many of its own findings were left out ([`Session::lint_buffer_within`]).
    pub omitted: usize,
}

impl BufferReport {
    /// Both reports as one, in span order (what an editor shows).
    pub fn merged(self) -> FileReport {
        let mut report = self.own;
        if let Some(c) = self.cross {
            report.findings.extend(c.findings);
            report.sort();
        }
        report
    }
}

impl Session {
    /// A session with the schema (`schema_arg`, else the config's, else the national one) and the
    /// rules' data (the config's e-licences and synonyms, else `documents.yaml` at the root of a
    /// folder in `paths`, else the bundled ones).
    pub fn new(
        config: Config,
        schema_arg: Option<&Path>,
        paths: &[PathBuf],
        cwd: &Path,
        limits: Limits,
        lang: Lang,
    ) -> Result<Session, Error> {
        let (schema, data) = super::setup(&config, schema_arg, paths, cwd, lang)?;
        Ok(Session {
            schema,
            data,
            config,
            limits,
            lang,
        })
    }

    /// Lints one file: load, schema, rules, then the config's levels and the file's
    /// suppressions. Keeps the text only when there is something to show. Returns the summary the
    /// cross-region pass needs, when the guide names an item; `None` for a YAML file that is not
    /// a guide (see [`Session::reads_as_guide`]).
    pub fn lint_file(&self, input: &Input) -> Option<(FileReport, Option<cross::GuideSummary>)> {
        let load = if input.walked {
            load::load_walked_file
        } else {
            load::load_file
        };
        let loaded = load(&input.path, input.name.clone(), &self.limits, self.lang);
        // A file that did not load cleanly is reported as before: bad input gets its finding.
        if loaded.findings.is_empty() && !self.reads_as_guide(&input.path, &loaded.source.text) {
            return None;
        }
        Some(self.lint_loaded(&input.path, loaded))
    }

    /// Whether a file is one to lint, decided as `diff` and the editor decide: with a
    /// `tongban.toml`, its `include`/`exclude` already chose; without one, an agreement or a
    /// dictionary by its name, else a guide only if a line opens with a top-level guide element
    /// (`item:`, `materials:` …) — so mkdocs.yml, CI workflows and data files such as
    /// e-licences.yaml are not told they lack 事项名称. An empty file stays a (broken) guide; a
    /// custom schema (`--schema`) says itself what a document is. (`lint_file` asks only about
    /// files that loaded without a finding.)
    pub fn reads_as_guide(&self, path: &Path, text: &str) -> bool {
        self.config.file.is_some()
            || self.schema.origin != "national"
            || Kind::of(path) != Kind::Guide
            || text.trim().is_empty()
            || crate::input::looks_like_guide(text)
    }

    /// Lints text already in memory as if it were the file at `path`, the cross-region rules
    /// aside: the same pipeline as [`Session::lint_file`] without touching the disk. `name` is
    /// how the file is shown.
    pub fn lint_text(
        &self,
        path: &Path,
        name: String,
        bytes: &[u8],
    ) -> (FileReport, Option<cross::GuideSummary>) {
        let loaded = load::load_bytes(name, bytes, &self.limits, self.lang);
        self.lint_loaded(path, loaded)
    }

    /// Lints a buffer (standard input, an editor's) standing for the file at `path`: the size
    /// check, the per-file pipeline, then — when `catalog` is given — the cross-region rules
    /// against it, with the buffer in place of its file. `catalog` holds the other guides'
    /// summaries, the buffer's own file left out by the caller; `None` means the cross-region
    /// rules do not run (no catalog read yet), so cross-region suppressions are not judged either.
    pub fn lint_buffer(
        &self,
        path: &Path,
        name: String,
        bytes: &[u8],
        catalog: Option<impl IntoIterator<Item = cross::GuideSummary>>,
    ) -> BufferReport {
        self.lint_buffer_within(path, name, bytes, catalog, usize::MAX)
    }

    /// [`Session::lint_buffer`] keeping at most `max` of the buffer's own findings (the first by
    /// position), so that one document's findings cost bounded memory however many there are;
    /// [`BufferReport::omitted`] says how many more there were. The editor's path.
    pub fn lint_buffer_within(
        &self,
        path: &Path,
        name: String,
        bytes: &[u8],
        catalog: Option<impl IntoIterator<Item = cross::GuideSummary>>,
        max: usize,
    ) -> BufferReport {
        if bytes.len() as u64 > self.limits.max_file_size {
            let mut findings = vec![self.too_large()];
            self.config.levels(path).apply(&mut findings);
            return BufferReport {
                own: FileReport {
                    source: Source::new(name, ""),
                    findings,
                },
                cross: None,
                omitted: 0,
            };
        }
        let load = || load::load_bytes(name.clone(), bytes, &self.limits, self.lang);
        let (own, summary, omitted) = self.lint_loaded_within(path, load(), max);
        let (Some(summary), Some(catalog)) = (summary, catalog) else {
            return BufferReport {
                own,
                cross: None,
                omitted,
            };
        };
        let mut guides = vec![summary];
        guides.extend(catalog);
        let cross = self
            .cross_region_reported(guides, 1)
            .into_iter()
            .next()
            .map(|p| locate_loaded(p, load()));
        BufferReport {
            own,
            cross,
            omitted,
        }
    }

    /// The finding for a buffer over `--max-file-size` (a file's comes from `load`, which knows
    /// its size before reading it).
    fn too_large(&self) -> Finding {
        let max = self.limits.max_file_size;
        Finding::new(
            crate::diagnostic::FILE_TOO_LARGE,
            tr!(self.lang, "buffer-too-large", max = max),
            0..0,
        )
        .with_help(tr!(self.lang, "buffer-too-large.help"))
    }

    /// Whether an editor's buffer is one to lint: not excluded by the configuration, and a guide
    /// by [`crate::input::looks_like_guide`] (or an agreement or dictionary by its name), or a new,
    /// still empty file under a `tongban.toml`. Any YAML file opens in an editor; a CI workflow
    /// must not be told it lacks 事项名称.
    pub fn wants_buffer(&self, path: &Path, text: &str) -> bool {
        if self.config.excluded(path) {
            return false;
        }
        Kind::of(path) != Kind::Guide
            || crate::input::looks_like_guide(text)
            || text.trim().is_empty() && path.parent().and_then(Config::discover).is_some()
    }

    /// [`Session::lint_file`] for a file already loaded, with `input_path` the path it stands for.
    pub fn lint_loaded(
        &self,
        input_path: &Path,
        loaded: load::Loaded,
    ) -> (FileReport, Option<cross::GuideSummary>) {
        let (report, summary, _) = self.lint_loaded_within(input_path, loaded, usize::MAX);
        (report, summary)
    }

    /// [`Session::lint_loaded`] keeping at most `max` of a guide's own findings (the first by
    /// position; past the bound schema violations are only counted): the editor's bound on one
    /// document's memory. Returns how many more findings there were. When some were left out,
    /// unused suppressions are not judged (what they silence may be among them).
    fn lint_loaded_within(
        &self,
        input_path: &Path,
        loaded: load::Loaded,
        max: usize,
    ) -> (FileReport, Option<cross::GuideSummary>, usize) {
        match Kind::of(input_path) {
            Kind::Agreement => return (self.lint_agreement(input_path, loaded), None, 0),
            Kind::Dictionary => {
                // A dictionary is validated against its own schema, not the guide schema.
                let findings = crate::data::ontology::Ontology::check(&loaded, self.lang);
                let mut report = FileReport {
                    source: loaded.source,
                    findings,
                };
                report.sort();
                return (report, None, 0);
            }
            Kind::Guide => {}
        }
        let levels = self.config.levels(input_path);
        let mut findings = loaded.findings;
        let mut omitted = keep_first(&mut findings, max, &levels);
        let mut summary = None;
        if let Some(doc) = &loaded.document {
            let room = max.saturating_sub(findings.len());
            let (schema, more) =
                self.schema
                    .check_at_most(doc, &loaded.source, self.lang, room, |c| levels.enabled(c));
            findings.extend(schema);
            omitted += more;
            let cx = rules::Context {
                doc,
                source: &loaded.source,
                lang: self.lang,
                data: &self.data,
            };
            rules::check(&cx, &mut findings);
            omitted += keep_first(&mut findings, max, &levels);
            crate::lint::fix::attach(&mut findings, &cx);
            summary = cross::summarize(doc, &loaded.source, input_path.to_path_buf());
        }
        levels.apply(&mut findings);
        let mut sup = suppress::parse(&loaded.source.text, loaded.document.as_ref(), self.lang);
        sup.apply(&mut findings);
        // Cross-region findings come later; judge those suppressions then.
        let pending = match &summary {
            Some(_) => sup.take(|d| rules::is_cross(d.code)),
            None => Vec::new(),
        };
        let mut meta = sup.problems;
        if omitted == 0 {
            meta.extend(suppress::unused(
                &sup.directives,
                |c| levels.enabled(c),
                self.lang,
            ));
        }
        levels.apply(&mut meta);
        findings.extend(meta);
        if let Some(s) = &mut summary {
            s.suppressions = pending;
        }
        crate::lint::identity::assign(&mut findings, loaded.document.as_ref());
        let source = if findings.is_empty() {
            Source::new(loaded.source.name, "")
        } else {
            loaded.source
        };
        let mut report = FileReport { source, findings };
        report.sort();
        (report, summary, omitted)
    }

    /// An agreement is validated against its own schema, not the guide schema.
    fn lint_agreement(&self, input_path: &Path, loaded: load::Loaded) -> FileReport {
        let doc = loaded.document.clone();
        let mut report = crate::data::agreement::lint(loaded, self.lang, rules::agreement::check);
        self.config.levels(input_path).apply(&mut report.findings);
        crate::lint::identity::assign(&mut report.findings, doc.as_ref());
        if report.findings.is_empty() {
            report.source = Source::new(report.source.name, "");
        }
        report
    }

    /// Most files reported whose cross-region findings name the other guides they were
    /// compared with (memory: up to 20 paths a finding).
    const MAX_LINKED: usize = 64;

    /// The cross-region pass, first half: compares the summaries and applies each file's levels
    /// and pending suppressions. Cheap; no file is read.
    pub fn cross_region(&self, guides: Vec<cross::GuideSummary>) -> Vec<Pending> {
        let reported = guides.len();
        self.cross_region_reported(guides, reported)
    }

    /// [`Session::cross_region`] where only the first `reported` guides are reported on; the
    /// others are context (the rest of a catalog, compared against but never reported).
    pub fn cross_region_reported(
        &self,
        guides: Vec<cross::GuideSummary>,
        reported: usize,
    ) -> Vec<Pending> {
        let mut found: Vec<Vec<Finding>> = vec![Vec::new(); guides.len()];
        // Few files reported (an editor's buffer, a pre-commit's changed files): each finding
        // names the other guides it was compared with, for an editor to link.
        let linked = if reported <= Self::MAX_LINKED {
            0..reported
        } else {
            0..0
        };
        for (i, f) in cross::check(&guides, self.lang, linked) {
            if i < reported {
                found[i].push(f);
            }
        }
        let mut out = Vec::new();
        for (mut g, mut findings) in guides.into_iter().take(reported).zip(found) {
            if findings.is_empty() && g.suppressions.is_empty() {
                continue;
            }
            let levels = self.config.levels(&g.path);
            levels.apply(&mut findings);
            let mut sup = suppress::Suppressions {
                directives: std::mem::take(&mut g.suppressions),
                problems: Vec::new(),
            };
            sup.apply(&mut findings);
            let mut unused = suppress::unused(&sup.directives, |c| levels.enabled(c), self.lang);
            levels.apply(&mut unused);
            if findings.is_empty() && unused.is_empty() {
                continue;
            }
            out.push(Pending {
                name: g.name.into(),
                path: g.path.into(),
                located_later: findings,
                located: unused,
            });
        }
        out
    }

    /// The cross-region pass, second half: reads one file again (only the summary was kept) to
    /// locate its findings and show its text.
    pub fn locate(&self, p: Pending) -> FileReport {
        let loaded = load::load_file(&p.path, p.name.clone(), &self.limits, self.lang);
        locate_loaded(p, loaded)
    }

    /// The cross-region summary of a guide on disk (agreements and dictionaries are not guides):
    /// loaded and summarised, not linted.
    pub fn summarize_file(&self, path: &Path, name: String) -> Option<cross::GuideSummary> {
        if Kind::of(path) != Kind::Guide {
            return None;
        }
        let loaded = load::load_file(path, name, &self.limits, self.lang);
        let doc = loaded.document.as_ref()?;
        cross::summarize(doc, &loaded.source, path.to_path_buf())
    }

    /// The cross-region summaries of the guides under `root` (the catalog of `--catalog` or
    /// `catalog`), except those in `skip` (canonical paths), each with its canonical path: only
    /// loaded and summarised, not linted. The walk keeps to `[catalog-limits]`; past one, an error
    /// naming it (a partial catalog would make the cross-region rules judge against a sample).
    pub fn catalog(
        &self,
        root: &Path,
        skip: &std::collections::HashSet<PathBuf>,
        pool: &rayon::ThreadPool,
    ) -> Result<Vec<(PathBuf, cross::GuideSummary)>, Error> {
        let limits = self.config.catalog_limits;
        let budget = crate::input::Budget::new(limits.max_entries, limits.max_bytes, None);
        let walk = crate::input::walk_within(
            std::slice::from_ref(&root.to_path_buf()),
            &self.config,
            self.lang,
            budget.clone(),
        )?;
        let out = self.summaries(walk, skip, pool, &budget)?;
        match budget.stopped() {
            None => Ok(out),
            Some(bytes) => Err(catalog_too_large(root, limits, bytes, self.lang)),
        }
    }

    fn summaries(
        &self,
        walk: impl Iterator<Item = Walked> + Send,
        skip: &std::collections::HashSet<PathBuf>,
        pool: &rayon::ThreadPool,
        budget: &crate::input::Budget,
    ) -> Result<Vec<(PathBuf, cross::GuideSummary)>, Error> {
        let mut out = Vec::new();
        for_each_chunk(
            walk,
            pool,
            &mut Progress::hidden(),
            |w| {
                let Walked::File(input) = w else {
                    return None;
                };
                if input.kind != Kind::Guide {
                    return None;
                }
                let real =
                    std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone());
                if skip.contains(&real) {
                    return None;
                }
                let load = if input.walked {
                    load::load_walked_file
                } else {
                    load::load_file
                };
                let loaded = load(&input.path, input.name.clone(), &self.limits, self.lang);
                budget.charge(loaded.source.text.len() as u64);
                let doc = loaded.document.as_ref()?;
                cross::summarize(doc, &loaded.source, input.path.clone()).map(|g| (real, g))
            },
            |g| {
                out.extend(g);
                Ok(())
            },
        )?;
        Ok(out)
    }
}

/// Keeps at most `max` of `findings`, those `levels` reports, the first by position; returns how
/// many were dropped. A no-op (no sort) within the bound.
fn keep_first(
    findings: &mut Vec<Finding>,
    max: usize,
    levels: &crate::lint::config::Levels,
) -> usize {
    if findings.len() <= max {
        return 0;
    }
    findings.retain(|f| levels.enabled(f.code));
    if findings.len() <= max {
        return 0;
    }
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    let omitted = findings.len() - max;
    findings.truncate(max);
    findings.shrink_to_fit();
    omitted
}

/// The error for a catalog walk past a limit of `[catalog-limits]`: which, and how to raise it.
fn catalog_too_large(
    root: &Path,
    limits: crate::lint::config::CatalogLimits,
    bytes: bool,
    lang: Lang,
) -> Error {
    let root = crate::source::display_path(root);
    let (key, value) = if bytes {
        ("max-bytes", limits.max_bytes)
    } else {
        ("max-entries", limits.max_entries)
    };
    Error::Limit(match (lang, bytes) {
        (Lang::Zh, true) => format!(
            "目录 {root} 中的办事指南超过 {value} 字节（tongban.toml 中 [catalog-limits] 的 {key}），跨地区规则未运行：\
             请让 catalog 或 --catalog 指向办事指南所在的文件夹；若目录确实这么大，请在 tongban.toml 中调大 [catalog-limits] {key}"
        ),
        (Lang::Zh, false) => format!(
            "目录 {root} 超过 {value} 个文件和文件夹（tongban.toml 中 [catalog-limits] 的 {key}），跨地区规则未运行：\
             请让 catalog 或 --catalog 指向办事指南所在的文件夹；若目录确实这么大，请在 tongban.toml 中调大 [catalog-limits] {key}"
        ),
        (Lang::En, true) => format!(
            "the catalog {root} holds more than {value} bytes of guides ({key} under [catalog-limits] in tongban.toml); \
             the cross-region rules did not run: point `catalog` or --catalog at the folder of the guides, or, if the \
             catalog really is that large, raise {key} under [catalog-limits] in tongban.toml"
        ),
        (Lang::En, false) => format!(
            "the catalog {root} has more than {value} files and folders ({key} under [catalog-limits] in tongban.toml); \
             the cross-region rules did not run: point `catalog` or --catalog at the folder of the guides, or, if the \
             catalog really is that large, raise {key} under [catalog-limits] in tongban.toml"
        ),
    })
}

/// A file with cross-region findings, waiting to be read again for its text and spans.
pub struct Pending {
    name: String,
    path: PathBuf,
    /// Findings still without a span.
    located_later: Vec<Finding>,
    /// Findings that already have one (unused suppressions point at their comment).
    located: Vec<Finding>,
}

impl Pending {
    /// How the file is shown.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// [`Session::locate`] with the file already loaded again (a buffer).
pub fn locate_loaded(p: Pending, loaded: load::Loaded) -> FileReport {
    let mut findings = p.located_later;
    if let Some(doc) = &loaded.document {
        for f in &mut findings {
            f.span = doc.locate(&f.pointer, &loaded.source.text);
        }
    }
    crate::lint::identity::assign(&mut findings, loaded.document.as_ref());
    findings.extend(p.located);
    let mut report = FileReport {
        source: loaded.source,
        findings,
    };
    report.sort();
    report
}
