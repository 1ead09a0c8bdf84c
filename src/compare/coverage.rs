//! The coverage of 跨省通办 agreements, as a value: for each agreement and each agreed item, which
//! member regions publish a guide (directly, or through a lower-level region when the agreement
//! says lower levels count), the coverage, and — where two or more members publish it — the
//! item's comparison from `diff` (uniformity index, materials that differ). Also the coverage
//! rules: an agreed item a member does not publish (TB501), a member guide whose handling
//! contradicts the agreed mode (TB502). Nothing here prints.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use crate::compare::catalog::{self, BASELINE_REGION, Catalog, Filter, GuideSummary, Skipped};
use crate::compare::diff::{self, ItemDiff};
use crate::data::agreement::{AgreedItem, Agreement, AgreementInfo, Member};
use crate::data::ontology::Ontology;
use crate::data::regions::{self, Level};
use crate::diagnostic::{FileReport, Finding, Lang};
use crate::error::Error;
use crate::input::{Input, Walked};
use crate::load::{self, Document, Limits};
use crate::progress::Progress;
use crate::source::Source;

/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// What coverage needs of one guide: its diff summary and its handling.
#[derive(Debug, Clone)]
pub(crate) struct GuideFacts {
    /// The guide's summary (as `diff` indexes it).
    pub summary: GuideSummary,
    /// Where to read it again (to locate a finding).
    pub file: PathBuf,
    /// `handling.online`.
    pub online: Option<bool>,
    /// `handling.visits`.
    pub visits: Option<f64>,
    /// `handling.cross_region_modes`.
    pub modes: Vec<String>,
}

/// Reads every file a walk yields that is a guide (agreement files, the files in `agreements`
/// and synonyms dictionaries are not), `jobs` at a time. Files that do not load or are not
/// guides, and walk problems, are returned as skipped.
pub(crate) fn read_guides(
    walk: impl Iterator<Item = Walked> + Send,
    limits: &Limits,
    agreements: &[PathBuf],
    jobs: usize,
    lang: Lang,
    progress: &mut Progress,
) -> Result<(Vec<GuideFacts>, Vec<Skipped>), Error> {
    let pool = crate::input::pool(jobs)?;
    let not_a_guide = |input: &crate::input::Input| {
        input.kind != crate::input::Kind::Guide
            || (!agreements.is_empty()
                && std::fs::canonicalize(&input.path).is_ok_and(|c| agreements.contains(&c)))
    };
    let mut guides = Vec::new();
    let mut skipped = Vec::new();
    crate::input::for_each_chunk(
        walk,
        &pool,
        progress,
        |w| match w {
            Walked::File(input) if not_a_guide(&input) => None,
            Walked::File(input) => Some(Skipped::contain(&input, lang, || {
                read_one(&input, limits, lang)
            })),
            Walked::Problem(report) => Some(Err(Skipped::from_report(&report))),
        },
        |r| {
            match r {
                Some(Ok(g)) => guides.push(g),
                Some(Err(s)) => skipped.push(s),
                None => {}
            }
            Ok(())
        },
    )?;
    Ok((guides, skipped))
}

fn read_one(input: &Input, limits: &Limits, lang: Lang) -> Result<GuideFacts, Skipped> {
    let doc = catalog::load_guide(input, limits, lang)?;
    let v = &doc.value;
    let summary = catalog::summarize(v, &input.name).map_err(|r| Skipped {
        crashed: false,
        path: input.name.clone(),
        reason: r.describe(lang),
    })?;
    Ok(GuideFacts {
        summary,
        file: input.path.clone(),
        online: crate::load::lookup(v, "/handling/online").and_then(Value::as_bool),
        visits: crate::load::lookup(v, "/handling/visits").and_then(Value::as_f64),
        modes: crate::load::lookup(v, "/handling/cross_region_modes")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|s| s.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// One member's cell for one item.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The member's code.
    pub member: String,
    /// The guide that counts (the member's own, else the first lower-level one by path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// The guide's region, when it is a lower-level region of the member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The guide's region name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_name: Option<String>,
    /// The guide is `completeness: partial`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Other guides that would also count (not compared).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl Cell {
    /// Whether the member publishes the item.
    pub fn published(&self) -> bool {
        self.guide.is_some()
    }
}

/// A guide whose handling contradicts the agreed mode.
#[derive(Debug, Clone, Serialize)]
pub struct ModeConflict {
    /// Member code.
    pub member: String,
    /// The guide.
    pub guide: String,
    /// What it says: `online: false`, `visits: 1`, `cross_region_modes: [...]`.
    pub found: String,
}

/// One agreed item across the members.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCoverage {
    /// 事项名称 (as the agreement gives it).
    pub name: String,
    /// 基本编码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic_code: Option<String>,
    /// The source's wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// Agreed modes (empty: not given).
    pub modes: Vec<String>,
    /// One cell per member, in member order.
    pub members: Vec<Cell>,
    /// Members publishing it.
    pub published: usize,
    /// published / members.
    pub coverage: f64,
    /// Members not publishing it.
    pub missing: Vec<String>,
    /// Guides contradicting the agreed modes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mode_conflicts: Vec<ModeConflict>,
    /// The uniformity index over the members' guides (two or more members publish it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uniformity: Option<f64>,
    /// The comparison of the members' guides (`tongban diff` for these guides), columns are the
    /// member codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<ItemDiff>,
}

/// One member across the items.
#[derive(Debug, Clone, Serialize)]
pub struct MemberCoverage {
    /// Code.
    pub code: String,
    /// Name (the agreement's).
    pub name: String,
    /// Level, from the code.
    pub level: Level,
    /// Items it publishes.
    pub published: usize,
    /// published / items (`None` when no item is listed).
    pub coverage: Option<f64>,
}

/// One agreement's coverage.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementCoverage {
    /// What the agreement says about itself.
    #[serde(flatten)]
    pub info: AgreementInfo,
    /// Members.
    pub members: Vec<MemberCoverage>,
    /// Items listed.
    pub items: Vec<ItemCoverage>,
    /// (item, member) pairs with a guide.
    pub published: usize,
    /// items × members.
    pub expected: usize,
    /// published / expected; `None` when no item is listed.
    pub coverage: Option<f64>,
}

impl AgreementCoverage {
    /// `8 members` / `1 member`.
    pub fn members_line(&self) -> String {
        match self.members.len() {
            1 => "1 member".to_owned(),
            n => format!("{n} members"),
        }
    }

    /// `1 of 40 items listed` / `2 items`.
    pub fn items_line(&self) -> String {
        match self.info.items_total {
            Some(t) if t as usize != self.items.len() => {
                format!("{} of {t} items listed", self.items.len())
            }
            _ if self.items.len() == 1 => "1 item".to_owned(),
            _ => format!("{} items", self.items.len()),
        }
    }
}

/// The whole coverage report.
#[derive(Debug, Serialize)]
pub struct Coverage {
    /// JSON shape version.
    pub format_version: u32,
    /// Per agreement, in path order.
    pub agreements: Vec<AgreementCoverage>,
    /// Guides read.
    pub guides: usize,
    /// Files that are not guides (or do not load).
    pub skipped: Vec<Skipped>,
    /// What the coverage rules judge (`rules::coverage::judge` turns them into findings).
    #[serde(skip)]
    pub judgements: Vec<Judgement>,
    /// Findings: agreement-file problems and the coverage rules, per file, in path order.
    #[serde(skip)]
    pub findings: Vec<FileReport>,
}

/// A coverage fact a TB5xx rule reports, located in its file.
#[derive(Debug)]
pub enum Judgement {
    /// Members of an agreement publish no guide of an item it lists (at the item's name).
    NotPublished {
        /// The agreement file, as shown.
        file: String,
        /// Its text.
        source: Source,
        /// The item's name in it.
        pointer: String,
        /// Where that is.
        span: std::ops::Range<usize>,
        /// The item's name.
        item: String,
        /// How many members the agreement has.
        members: usize,
        /// The members without a guide: (name, code), in the agreement's order.
        missing: Vec<(String, String)>,
    },
    /// A guide's 办理模式 contradicts what an agreement agrees.
    ModeContradicts {
        /// The guide file, as shown.
        file: String,
        /// Its text.
        source: Source,
        /// Where the contradicting element is.
        span: std::ops::Range<usize>,
        /// What contradicts what.
        judgement: ModeJudgement,
    },
}

/// A guide's 办理模式 against an agreement's.
#[derive(Debug)]
pub struct ModeJudgement {
    /// The guide's element.
    pub pointer: String,
    /// The agreement's short name.
    pub agreement: String,
    /// The item's name.
    pub item: String,
    /// The modes agreed.
    pub modes: Vec<String>,
    /// What the guide has.
    pub found: String,
}

impl Coverage {
    /// Finishes the judgements [`compute`] made: the problems of the agreement files themselves
    /// come first in their file's report, `levels` applies the configuration's rule levels to each
    /// file's findings (as in lint: `TB501 = "off"`, per-path overrides), files left without
    /// findings are dropped, and the reports come in name order.
    pub fn finish(
        &mut self,
        agreement_reports: impl IntoIterator<Item = FileReport>,
        levels: impl Fn(&std::path::Path, &mut Vec<Finding>),
    ) {
        for report in agreement_reports {
            if report.findings.is_empty() {
                continue;
            }
            match self
                .findings
                .iter_mut()
                .find(|r| r.source.name == report.source.name)
            {
                Some(r) => {
                    r.findings.extend(report.findings);
                    r.sort();
                }
                None => self.findings.push(report),
            }
        }
        for r in &mut self.findings {
            levels(std::path::Path::new(&r.source.name), &mut r.findings);
        }
        self.findings.retain(|r| !r.findings.is_empty());
        self.findings
            .sort_by(|a, b| a.source.name.cmp(&b.source.name));
    }

    /// Agreements whose coverage is below `threshold` (a fraction).
    pub fn fails_under(&self, threshold: f64) -> Vec<&AgreementCoverage> {
        self.agreements
            .iter()
            .filter(|a| a.coverage.is_some_and(|c| c < threshold))
            .collect()
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        round(n as f64 / d as f64)
    }
}

/// An agreement with the file it came from (to locate findings in it).
pub(crate) struct AgreementInput<'a> {
    /// The agreement.
    pub agreement: &'a Agreement,
    /// Its file's text.
    pub source: &'a Source,
    /// Its parsed document.
    pub document: &'a Document,
}

/// Which guides count for `member` (the member's own first, then lower levels, by path).
fn guides_for<'g>(
    member: &Member,
    item: &AgreedItem,
    lower_levels: bool,
    guides: &'g [GuideFacts],
) -> Vec<&'g GuideFacts> {
    let mut found: Vec<&GuideFacts> = guides
        .iter()
        .filter(|g| {
            let s = &g.summary;
            s.region_code != BASELINE_REGION
                && item.matches(&s.item_key, s.basic_code.as_deref())
                && (s.region_code == member.code
                    || (lower_levels && regions::contains(&member.code, &s.region_code)))
        })
        .collect();
    found.sort_by(|a, b| {
        (a.summary.region_code != member.code)
            .cmp(&(b.summary.region_code != member.code))
            .then_with(|| a.summary.path.cmp(&b.summary.path))
    });
    found
}

fn conflict(item: &AgreedItem, g: &GuideFacts) -> Option<(String, &'static str)> {
    if item.modes.is_empty() {
        return None;
    }
    if item.modes.iter().any(|m| m == "全程网办") {
        if g.online == Some(false) {
            return Some(("online: false".into(), "/handling/online"));
        }
        if let Some(v) = g.visits
            && v > 0.0
        {
            return Some((format!("visits: {v}"), "/handling/visits"));
        }
    }
    if !g.modes.is_empty() && !g.modes.iter().any(|m| item.modes.contains(m)) {
        return Some((
            format!("cross_region_modes: [{}]", g.modes.join(", ")),
            "/handling/cross_region_modes",
        ));
    }
    None
}

/// Computes the coverage of every agreement over the guides.
pub(crate) fn compute(
    agreements: &[AgreementInput<'_>],
    guides: &[GuideFacts],
    skipped: Vec<Skipped>,
    ontology: &Ontology,
    lang: Lang,
) -> Coverage {
    let mut records = Records::default();
    let out = agreements
        .iter()
        .map(|input| cover_agreement(input, guides, ontology, &mut records))
        .collect();
    let mut judgements = records.judgements;
    locate_conflicts(records.conflicts, lang, &mut judgements);
    Coverage {
        format_version: FORMAT_VERSION,
        agreements: out,
        guides: guides.len(),
        skipped,
        judgements,
        findings: Vec::new(),
    }
}

/// What [`compute`] records on its way through the agreements: the judgements on the agreement
/// files, and the mode conflicts by guide (path → file and conflicts), located in the guides once
/// every agreement is done.
#[derive(Default)]
struct Records {
    judgements: Vec<Judgement>,
    conflicts: BTreeMap<String, (PathBuf, Vec<ModeJudgement>)>,
}

/// One agreement's coverage: each item's, and each member's count of items it publishes.
fn cover_agreement(
    input: &AgreementInput<'_>,
    guides: &[GuideFacts],
    ontology: &Ontology,
    records: &mut Records,
) -> AgreementCoverage {
    let a = input.agreement;
    let mut member_counts = vec![0usize; a.members.len()];
    let items: Vec<ItemCoverage> = a
        .items
        .iter()
        .map(|item| cover_item(input, item, guides, ontology, &mut member_counts, records))
        .collect();
    let published: usize = items.iter().map(|i| i.published).sum();
    let expected = a.items.len() * a.members.len();
    AgreementCoverage {
        info: a.info.clone(),
        members: a
            .members
            .iter()
            .zip(&member_counts)
            .map(|(m, &n)| MemberCoverage {
                code: m.code.clone(),
                name: m.name.clone(),
                level: m.level,
                published: n,
                coverage: (!a.items.is_empty()).then(|| ratio(n, a.items.len())),
            })
            .collect(),
        items,
        published,
        expected,
        coverage: (expected > 0).then(|| ratio(published, expected)),
    }
}

/// One agreed item's coverage: a cell per member (counted in `member_counts` when it publishes),
/// its mode conflicts, a TB501 judgement when members do not publish it, and the comparison of
/// the members' guides when two or more do.
fn cover_item(
    input: &AgreementInput<'_>,
    item: &AgreedItem,
    guides: &[GuideFacts],
    ontology: &Ontology,
    member_counts: &mut [usize],
    records: &mut Records,
) -> ItemCoverage {
    let a = input.agreement;
    let mut cells = Vec::with_capacity(a.members.len());
    let mut conflicts = Vec::new();
    let mut chosen: Vec<(&Member, &GuideFacts)> = Vec::new();
    for (mi, m) in a.members.iter().enumerate() {
        let found = guides_for(m, item, a.info.counts_toward_province, guides);
        for g in &found {
            if let Some((what, pointer)) = conflict(item, g) {
                conflicts.push(ModeConflict {
                    member: m.code.clone(),
                    guide: g.summary.path.clone(),
                    found: what.clone(),
                });
                records
                    .conflicts
                    .entry(g.summary.path.clone())
                    .or_insert_with(|| (g.file.clone(), Vec::new()))
                    .1
                    .push(ModeJudgement {
                        pointer: pointer.to_owned(),
                        agreement: a.info.label().to_owned(),
                        item: item.name.clone(),
                        modes: item.modes.clone(),
                        found: what,
                    });
            }
        }
        if let Some(first) = found.first() {
            member_counts[mi] += 1;
            chosen.push((m, first));
        }
        cells.push(cell(m, &found));
    }
    let missing: Vec<String> = cells
        .iter()
        .filter(|c| !c.published())
        .map(|c| c.member.clone())
        .collect();
    if !missing.is_empty() && !a.members.is_empty() {
        records
            .judgements
            .push(not_published(input, item, &missing));
    }
    let comparison = (chosen.len() >= 2).then(|| compare(item, &chosen, ontology));
    let published = chosen.len();
    ItemCoverage {
        name: item.name.clone(),
        basic_code: item.basic_code.clone(),
        as_written: item.as_written.clone(),
        modes: item.modes.clone(),
        coverage: ratio(published, a.members.len()),
        published,
        missing,
        members: cells,
        mode_conflicts: conflicts,
        uniformity: comparison.as_ref().map(|c| c.uniformity),
        comparison,
    }
}

/// A member's cell of an item: the first of the guides found (the others as `also`), or none.
fn cell(m: &Member, found: &[&GuideFacts]) -> Cell {
    match found.split_first() {
        Some((first, rest)) => {
            let s = &first.summary;
            Cell {
                member: m.code.clone(),
                guide: Some(s.path.clone()),
                via: (s.region_code != m.code).then(|| s.region_code.clone()),
                region_name: Some(s.region_name.clone()).filter(|n| !n.is_empty()),
                partial: s.partial,
                also: rest.iter().map(|g| g.summary.path.clone()).collect(),
            }
        }
        None => Cell {
            member: m.code.clone(),
            guide: None,
            via: None,
            region_name: None,
            partial: false,
            also: Vec::new(),
        },
    }
}

/// The TB501 judgement of an item the `missing` members do not publish, located at the item's
/// name in the agreement file.
fn not_published(input: &AgreementInput<'_>, item: &AgreedItem, missing: &[String]) -> Judgement {
    let a = input.agreement;
    let pointer = format!("{}/name", item.pointer);
    let span = input.document.locate(&pointer, &input.source.text);
    Judgement::NotPublished {
        file: a.info.path.clone(),
        source: input.source.clone(),
        pointer,
        span,
        item: item.name.clone(),
        members: a.members.len(),
        missing: a
            .members
            .iter()
            .filter(|m| missing.contains(&m.code))
            .map(|m| (m.name.clone(), m.code.clone()))
            .collect(),
    }
}

/// Mode conflicts are located in the guides: reads each such guide again, once, and appends a
/// TB502 judgement per conflict.
fn locate_conflicts(
    conflicts: BTreeMap<String, (PathBuf, Vec<ModeJudgement>)>,
    lang: Lang,
    judgements: &mut Vec<Judgement>,
) {
    for (name, (file, list)) in conflicts {
        let loaded = load::load_file(&file, name.clone(), &Limits::default(), lang);
        let Some(doc) = loaded.document else { continue };
        for m in list {
            let span = doc.locate(&m.pointer, &loaded.source.text);
            judgements.push(Judgement::ModeContradicts {
                file: name.clone(),
                source: loaded.source.clone(),
                span,
                judgement: m,
            });
        }
    }
}

/// The `diff` comparison of the members' guides of one item: one column per member (named by
/// the member, with the guide's own region when it is a lower-level one).
fn compare(item: &AgreedItem, chosen: &[(&Member, &GuideFacts)], ontology: &Ontology) -> ItemDiff {
    let mut catalog = Catalog::with_ontology(Filter::default(), ontology.clone());
    for (m, g) in chosen {
        let mut s = g.summary.clone();
        // One item, whatever each guide calls it: the agreement has aligned them.
        s.item_name = item.name.clone();
        s.item_key = item.key.clone();
        s.basic_code = item.basic_code.clone();
        if s.region_code != m.code {
            s.region_name = format!("{}（{} {}）", m.name, s.region_code, s.region_name);
            s.region_code = m.code.clone();
        } else {
            s.region_name = m.name.clone();
        }
        catalog.add(s);
    }
    let cmp = diff::compare(&catalog);
    cmp.items()
        .next()
        .expect("two or more guides of one item make one compared item")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::normalize::normalize;

    fn guide(path: &str, item: &str, region: &str, online: Option<bool>) -> GuideFacts {
        GuideFacts {
            summary: GuideSummary {
                path: path.into(),
                item_name: item.into(),
                item_key: normalize(item),
                basic_code: None,
                region_code: region.into(),
                region_name: regions::name(region).unwrap_or_default().into(),
                partial: false,
                materials: vec![],
                conditions: vec![],
                situations: vec![],
                limits: vec![],
                elements: Default::default(),
            },
            file: path.into(),
            online,
            visits: None,
            modes: vec![],
        }
    }

    fn member(code: &str) -> Member {
        Member {
            code: code.into(),
            name: regions::name(code).unwrap_or_default().into(),
            level: regions::level(code).expect("six digits"),
            note: None,
        }
    }

    fn item(name: &str, modes: &[&str]) -> AgreedItem {
        AgreedItem {
            name: name.into(),
            key: normalize(name),
            alias_key: None,
            basic_code: None,
            as_written: None,
            modes: modes.iter().map(|m| (*m).to_owned()).collect(),
            note: None,
            pointer: "/items/0".into(),
        }
    }

    #[test]
    fn lower_levels_count_only_when_the_agreement_says_so() {
        let guides = [
            guide("a.yaml", "失业登记", "320381", None),
            guide("b.yaml", "失业登记", "320000", None),
        ];
        let it = item("失业登记", &[]);
        let province = member("320000");
        let city = member("320300");
        assert_eq!(guides_for(&city, &it, false, &guides).len(), 0);
        assert_eq!(guides_for(&city, &it, true, &guides).len(), 1);
        // The member's own guide comes first.
        let p = guides_for(&province, &it, true, &guides);
        assert_eq!(p[0].summary.path, "b.yaml");
        assert_eq!(p.len(), 2);
        assert_eq!(guides_for(&province, &it, false, &guides).len(), 1);
        // Never the other way round: a province guide does not cover a city member.
        let only_province = [guide("b.yaml", "失业登记", "320000", None)];
        assert_eq!(guides_for(&city, &it, true, &only_province).len(), 0);
    }

    #[test]
    fn full_online_contradictions() {
        let it = item("正常退休提取住房公积金", &["全程网办"]);
        let mut g = guide("a.yaml", "正常退休提取住房公积金", "320300", Some(false));
        assert_eq!(conflict(&it, &g).map(|c| c.1), Some("/handling/online"));
        g.online = Some(true);
        g.visits = Some(1.0);
        assert_eq!(conflict(&it, &g).map(|c| c.1), Some("/handling/visits"));
        g.visits = Some(0.0);
        assert!(conflict(&it, &g).is_none());
        g.modes = vec!["异地代收代办".into()];
        assert_eq!(
            conflict(&it, &g).map(|c| c.1),
            Some("/handling/cross_region_modes")
        );
        // No agreed mode: nothing to contradict.
        assert!(conflict(&item("x", &[]), &g).is_none());
    }
}
