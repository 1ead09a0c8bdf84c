//! The catalog index for `tongban diff`: guides in, one small summary per guide kept, grouped by
//! item (基本编码 when both guides have one, else normalised 事项名称) and region. It keeps only
//! what the comparison needs (interned names, statuses, attributes, the compared elements), never
//! the documents, so memory grows with the distinct names and the matrix, not with the text.
//! Nothing here prints.

use crate::i18n::tr;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use crate::compare::requirement::{self, How, ItemRef, Piece, Reader, Reading};
use crate::data::normalize::normalize;
use crate::data::ontology::Ontology;
use crate::diagnostic::{Lang, Severity};
use crate::error::Error;
use crate::input::Kind;
use crate::input::{Input, Walked};
use crate::load::{self, Limits};

/// The region code of the national baseline (全国): not a region column, the reference.
pub(crate) const BASELINE_REGION: &str = "100000";

/// A material's status in one region's guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not listed.
    Absent,
    /// 非必要.
    Optional,
    /// 容缺后补 (may be handed in later).
    Deferred,
    /// 必要 (the schema's default when `necessity` is missing).
    Required,
}

impl Status {
    /// From the guide's `necessity` value.
    pub fn from_necessity(value: Option<&str>) -> Status {
        match value.map(str::trim) {
            Some("非必要") => Status::Optional,
            Some("容缺后补") => Status::Deferred,
            _ => Status::Required,
        }
    }

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Absent => "absent",
            Status::Optional => "optional",
            Status::Deferred => "deferred",
            Status::Required => "required",
        }
    }

    /// The guide's own word for it.
    pub fn zh(self) -> &'static str {
        match self {
            Status::Absent => "未列出",
            Status::Optional => "非必要",
            Status::Deferred => "容缺后补",
            Status::Required => "必要",
        }
    }
}

const ORIGINALS: [&str; 4] = ["原件", "复印件", "原件和复印件", "原件或复印件"];
const MEDIA: [&str; 3] = ["纸质", "电子", "纸质或电子"];
const UNITS: [&str; 2] = ["工作日", "自然日"];

/// The attributes of a listed material that officers compare (原件/复印件, 份数, 纸质/电子),
/// packed into 12 bytes: the enumerated values are stored as indices (0 = not given).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Attrs {
    original: u8,
    medium: u8,
    copies: Option<u32>,
}

fn index_of(value: Option<&str>, allowed: &[&str]) -> u8 {
    value
        .map(str::trim)
        .and_then(|v| allowed.iter().position(|a| *a == v))
        .map_or(0, |i| i as u8 + 1)
}

impl Attrs {
    /// From the guide's values; values outside the schema's enumerations are ignored.
    pub fn new(original: Option<&str>, copies: Option<u32>, medium: Option<&str>) -> Self {
        Attrs {
            original: index_of(original, &ORIGINALS),
            medium: index_of(medium, &MEDIA),
            copies,
        }
    }

    /// 原件 / 复印件 / 原件和复印件 / 原件或复印件.
    pub fn original(&self) -> Option<&'static str> {
        ORIGINALS
            .get(usize::from(self.original).checked_sub(1)?)
            .copied()
    }

    /// 纸质材料份数.
    pub fn copies(&self) -> Option<u32> {
        self.copies
    }

    /// 纸质 / 电子 / 纸质或电子.
    pub fn medium(&self) -> Option<&'static str> {
        MEDIA.get(usize::from(self.medium).checked_sub(1)?).copied()
    }

    /// Whether no attribute is given.
    pub fn is_empty(&self) -> bool {
        *self == Attrs::default()
    }

    /// `原件，2份，纸质` (only what is given).
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(o) = self.original() {
            parts.push(o.to_owned());
        }
        if let Some(c) = self.copies {
            parts.push(format!("{c}份"));
        }
        if let Some(m) = self.medium() {
            parts.push(m.to_owned());
        }
        parts.join("，")
    }
}

impl Serialize for Attrs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(o) = self.original() {
            map.serialize_entry("original", o)?;
        }
        if let Some(c) = self.copies {
            map.serialize_entry("copies", &c)?;
        }
        if let Some(m) = self.medium() {
            map.serialize_entry("medium", m)?;
        }
        map.end()
    }
}

/// One requirement as listed by one guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    /// 必要 / 非必要 / 容缺后补.
    pub status: Status,
    /// Its attributes (原件/复印件 read from the name when the guide gives none).
    pub attrs: Attrs,
    /// Whether the guide gives a `condition` (适用情形) for it (its text: [`Item::conditions`]).
    pub conditional: bool,
    /// The reading of the listed material it comes from (index into [`Catalog::readings`]).
    pub reading: u32,
    /// Which piece of that reading.
    pub piece: u16,
}

/// The other elements compared besides materials: (key, 中文 title, English title).
pub(crate) const ELEMENTS: [(&str, &str, &str); 6] = [
    ("legal_time_limit", "法定办结时限", "legal time limit"),
    ("promised_time_limit", "承诺办结时限", "promised time limit"),
    ("fee", "是否收费", "fee charged"),
    ("visits", "到办事现场次数", "visits in person"),
    ("online", "是否网办", "online"),
    ("conditions", "受理条件", "acceptance conditions"),
];

/// What one guide contributes to the comparison, before interning. Not the lint pass's
/// [`crate::rules::cross::GuideSummary`]: that one keeps the cross-region rules' folded values
/// and the file's suppressions (for TB3xx findings); this one keeps the materials, situations and
/// elements the diff and coverage compare. They read different fields for different jobs.
#[derive(Debug, Clone)]
pub(crate) struct GuideSummary {
    /// Path as shown.
    pub path: String,
    /// 事项名称 as written.
    pub item_name: String,
    /// Normalised 事项名称.
    pub item_key: String,
    /// 基本编码, if any.
    pub basic_code: Option<String>,
    /// 行政区划代码.
    pub region_code: String,
    /// 区划名称.
    pub region_name: String,
    /// `source.completeness: partial`.
    pub partial: bool,
    /// (name as written, cell); read as requirements when the catalog adds the guide.
    pub materials: Vec<(String, Cell)>,
    /// (index into `materials`, its `condition`), for the materials that have one.
    pub conditions: Vec<(usize, String)>,
    /// The situations (情形) the guide distinguishes: declared names, then any name a material
    /// uses without declaring it (TB219 reports those).
    pub situations: Vec<String>,
    /// Per material (same order), the situations it applies to: one bit per index into
    /// `situations`, 0 = every situation. Empty when the guide has no situations, else one
    /// per material.
    pub limits: Vec<u32>,
    /// Display values of [`ELEMENTS`], in that order.
    pub elements: [Option<String>; 6],
}

fn text(v: &Value, pointer: &str) -> Option<String> {
    match crate::load::lookup(v, pointer)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn pick(value: Option<&Value>, allowed: &[&'static str]) -> Option<&'static str> {
    let s = value?.as_str()?.trim();
    allowed.iter().copied().find(|a| *a == s)
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_owned()
}

/// Why a YAML file is not a guide the comparison can use: the element it lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotAGuide {
    /// No `item.name` (事项名称).
    ItemName,
    /// No `region.code` (行政区划代码).
    RegionCode,
    /// No `materials` list (申请材料).
    Materials,
}

impl NotAGuide {
    /// "not a guide: no item.name (事项名称)", in `lang`.
    pub(crate) fn describe(self, lang: Lang) -> String {
        tr!(
            lang,
            match self {
                NotAGuide::ItemName => "not-a-guide-item-name",
                NotAGuide::RegionCode => "not-a-guide-region-code",
                NotAGuide::Materials => "not-a-guide-materials",
            }
        )
    }
}

/// Extracts the summary of one guide document. `Err` says why it is not a guide. (The lint
/// pass's [`crate::rules::cross::summarize`] extracts its own: see [`GuideSummary`].)
pub(crate) fn summarize(doc: &Value, path: &str) -> Result<GuideSummary, NotAGuide> {
    let item_name = text(doc, "/item/name").ok_or(NotAGuide::ItemName)?;
    let region_code = text(doc, "/region/code").ok_or(NotAGuide::RegionCode)?;
    let region_name = text(doc, "/region/name").unwrap_or_default();
    let list = doc
        .get("materials")
        .and_then(Value::as_array)
        .ok_or(NotAGuide::Materials)?;
    let item_key = normalize(&item_name);
    let basic_code = text(doc, "/item/basic_code").map(|c| c.to_ascii_uppercase());
    let mut situations = situations(doc);
    let (materials, material_conditions, limits) = summary_materials(list, &mut situations);
    Ok(GuideSummary {
        path: path.to_owned(),
        item_name,
        item_key,
        basic_code,
        region_code,
        region_name,
        partial: text(doc, "/source/completeness").as_deref() == Some("partial"),
        materials,
        conditions: material_conditions,
        limits,
        situations,
        elements: elements(doc),
    })
}

/// The names of a guide's situations (情形), in order, without repeats next to each other.
fn situations(doc: &Value) -> Vec<String> {
    let mut situations: Vec<String> = doc
        .get("situations")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|s| s.get("name").and_then(Value::as_str))
                .map(situation_name)
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    situations.dedup();
    situations
}

/// A guide's materials as listed: name and cell.
type Listed = Vec<(String, Cell)>;

/// The materials a summary keeps (named ones), with the conditions written on them (by index)
/// and the situations each is limited to (a mask over `situations`, which gains the names met
/// only there; empty when no material is limited).
fn summary_materials(
    list: &[Value],
    situations: &mut Vec<String>,
) -> (Listed, Vec<(usize, String)>, Vec<u32>) {
    let mut materials = Vec::with_capacity(list.len());
    let mut limits = Vec::new();
    let mut material_conditions = Vec::new();
    for m in list {
        let Some(raw) = m.get("name").and_then(Value::as_str) else {
            continue;
        };
        if normalize(raw).is_empty() {
            continue;
        }
        let mut cell = Cell {
            status: Status::from_necessity(m.get("necessity").and_then(Value::as_str)),
            attrs: Attrs::new(
                m.get("original").and_then(Value::as_str),
                m.get("copies")
                    .and_then(Value::as_u64)
                    .and_then(|c| u32::try_from(c).ok()),
                m.get("medium").and_then(Value::as_str),
            ),
            conditional: false,
            reading: 0,
            piece: 0,
        };
        // Filled only from the first limited material on: no allocation for most guides.
        let mask = m
            .get("situations")
            .and_then(Value::as_array)
            .map_or(0, |l| situation_mask(l, situations));
        if mask != 0 {
            limits.resize(materials.len(), 0);
            limits.push(mask);
        }
        if let Some(c) = m
            .get("condition")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            cell.conditional = true;
            material_conditions.push((materials.len(), c.to_owned()));
        }
        materials.push((raw.trim().to_owned(), cell));
    }
    if !situations.is_empty() {
        limits.resize(materials.len(), 0);
    }
    (materials, material_conditions, limits)
}

/// The compared elements of a guide, as text: legal and promised time limits, fee, visits,
/// online, conditions (the order of `GuideSummary::elements`).
fn elements(doc: &Value) -> [Option<String>; 6] {
    let days = |d: &str, u: &str| {
        let n = crate::load::lookup(doc, d)?.as_u64()?;
        let unit = pick(crate::load::lookup(doc, u), &UNITS).unwrap_or("工作日");
        Some(format!("{n}{unit}"))
    };
    let conditions = doc.get("conditions").and_then(Value::as_array).map(|c| {
        c.iter()
            .filter_map(Value::as_str)
            .map(|s| {
                situation_name(s)
                    .trim_end_matches(['。', '.', ';', '；'])
                    .to_owned()
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；")
    });
    [
        days("/time_limit/legal_days", "/time_limit/legal_unit"),
        days("/time_limit/promised_days", "/time_limit/promised_unit"),
        crate::load::lookup(doc, "/fee/is_fee")
            .and_then(Value::as_bool)
            .map(yes_no),
        crate::load::lookup(doc, "/handling/visits")
            .and_then(Value::as_u64)
            .map(|n| n.to_string()),
        crate::load::lookup(doc, "/handling/online")
            .and_then(Value::as_bool)
            .map(yes_no),
        conditions.filter(|c| !c.is_empty()),
    ]
}

/// Each piece of a guide's materials: its requirement id and the index of its material in the
/// summary.
type Pieces = Vec<(u32, usize)>;

/// The pieces of one guide whose requirement is told apart by its condition: a proof named by
/// its issuer only (证明材料, 有效证明, 相关部门出具的证明) means what the condition it is listed
/// under calls for (annotation rule 6), so one guide listing such a proof under two different
/// conditions (受到暴力伤害的 / 抢险救灾中受到伤害的) asks for two proofs, not one. Piece index →
/// its condition, for those requirements only; every other piece keeps its requirement (the
/// same proof under one condition stays one row, aligned across regions as any other).
fn proofs_apart<'s>(
    pieces: &[&Piece],
    listed: &[(u32, u16, Cell, usize)],
    assigned: &[(&str, &str)],
    conditions: &'s [(usize, String)],
) -> HashMap<usize, &'s str> {
    let condition_of = |k: usize| {
        conditions
            .binary_search_by_key(&k, |(i, _)| *i)
            .ok()
            .map(|at| conditions[at].1.as_str())
    };
    // Requirement key → (piece index, its condition) of its generic, conditional pieces.
    let mut by_key: HashMap<&str, Vec<(usize, &'s str)>> = HashMap::new();
    for (i, (p, (_, _, cell, k))) in pieces.iter().zip(listed).enumerate() {
        if !cell.conditional || p.accepts.is_empty() {
            continue;
        }
        if let Some(c) = condition_of(*k)
            && p.accepts.iter().all(|a| requirement::is_generic_proof(a))
        {
            by_key.entry(assigned[i].0).or_default().push((i, c));
        }
    }
    by_key
        .into_values()
        .filter(|v| v.iter().any(|(_, c)| *c != v[0].1))
        .flatten()
        .collect()
}

/// The situations of a guide and the requirements limited to some of them: listed once per
/// situation, a requirement applies in all of them; listed once without, always. `None` for a
/// guide without situations.
fn limited_situations(s: &GuideSummary, names: &[(u32, usize)]) -> Option<Box<Situations>> {
    (!s.situations.is_empty()).then(|| {
        let mut all: Vec<(u32, u32)> = names.iter().map(|&(id, k)| (id, s.limits[k])).collect();
        all.sort_unstable();
        let mut limited: Vec<(u32, u32)> = Vec::new();
        for (id, mask) in all {
            match limited.last_mut() {
                Some(last) if last.0 == id => {
                    last.1 = if last.1 == 0 || mask == 0 {
                        0
                    } else {
                        last.1 | mask
                    };
                }
                _ => limited.push((id, mask)),
            }
        }
        limited.retain(|&(_, mask)| mask != 0);
        Box::new(Situations {
            names: s.situations.iter().map(|n| n.as_str().into()).collect(),
            limited: limited.into_boxed_slice(),
        })
    })
}

/// A situation's name as compared: NFKC, no whitespace (补领 = 补 领).
pub(crate) fn situation_name(s: &str) -> String {
    // for_each_nfkc: the NFKC form without the Unicode tables for the usual CJK text (collecting
    // `nfkc()` took 14k instructions per guide for its 情形 and 受理条件).
    let mut out = String::with_capacity(s.len());
    crate::data::normalize::for_each_nfkc(s, |c| {
        if !c.is_whitespace() {
            out.push(c);
        }
    });
    out
}

/// The bits of the situations a material names, adding undeclared names to `names`. A name past
/// the 32nd cannot be told apart (32 bits keep a cell at 24 bytes): the material then counts as
/// applying in every situation.
fn situation_mask(list: &[Value], names: &mut Vec<String>) -> u32 {
    let mut mask = 0u32;
    for n in list.iter().filter_map(Value::as_str).map(situation_name) {
        if n.is_empty() {
            continue;
        }
        let i = match names.iter().position(|x| *x == n) {
            Some(i) => i,
            None => {
                names.push(n);
                names.len() - 1
            }
        };
        if i >= 32 {
            return 0;
        }
        mask |= 1 << i;
    }
    mask
}

/// Interned strings: each distinct material key and element value is stored once, under a
/// `u32` id the matrix indexes by. Not [`crate::rules::cross::Interner`], which shares `Arc<str>`
/// values between lint summaries and hands out no ids.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// The id of `s`, adding it when new.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).expect("fewer than 4 billion distinct names");
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    /// The string of an id.
    pub(crate) fn get(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    /// Number of distinct strings.
    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }
}

/// One guide, as kept by the index.
#[derive(Debug, Clone)]
pub(crate) struct Guide {
    /// Path as shown.
    pub path: Box<str>,
    /// 区划名称 (interned in [`Catalog::values`]).
    pub region_name: u32,
    /// `source.completeness: partial`: absent materials may simply not be known.
    pub partial: bool,
    /// (material id, cell), sorted by id, one per material.
    pub materials: Box<[(u32, Cell)]>,
    /// Other wordings of the guide that gave a requirement already in `materials` (listed for
    /// another situation), sorted by id: reports name every wording (`parts`). None for most.
    pub also: Option<Box<[(u32, Cell)]>>,
    /// Its situations (情形), when it has any (few guides do: one pointer otherwise).
    pub situations: Option<Box<Situations>>,
    /// Interned display values of [`ELEMENTS`].
    pub elements: [Option<u32>; 6],
}

/// The situations (情形) one guide distinguishes and the materials limited to some of them.
#[derive(Debug, Clone)]
pub(crate) struct Situations {
    /// Names as compared ([`situation_name`]), in the guide's order.
    pub names: Box<[Box<str>]>,
    /// (material id, bits of `names` it applies to), sorted by id; only limited materials.
    pub limited: Box<[(u32, u32)]>,
}

impl Guide {
    /// The situation names (empty for most guides).
    pub(crate) fn situation_names(&self) -> &[Box<str>] {
        self.situations.as_ref().map_or(&[], |s| &s.names)
    }

    /// The bits of the situations a material applies to; 0 = every situation.
    pub(crate) fn limit(&self, id: u32) -> u32 {
        self.situations.as_ref().map_or(0, |s| {
            s.limited
                .binary_search_by_key(&id, |(m, _)| *m)
                .map_or(0, |i| s.limited[i].1)
        })
    }

    /// The other wordings of the guide that gave requirement `id` (see [`Guide::also`]).
    pub(crate) fn also(&self, id: u32) -> impl Iterator<Item = &Cell> {
        self.also
            .iter()
            .flat_map(|a| a.iter())
            .filter(move |(m, _)| *m == id)
            .map(|(_, c)| c)
    }

    /// The cell of a material, if listed.
    pub(crate) fn cell(&self, id: u32) -> Option<&Cell> {
        self.materials
            .binary_search_by_key(&id, |(m, _)| *m)
            .ok()
            .map(|i| &self.materials[i].1)
    }
}

/// One service item across regions.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// 事项名称 (of the first guide seen).
    pub name: String,
    /// Normalised name.
    pub key: String,
    /// 基本编码, if any guide gave one.
    pub basic_code: Option<String>,
    /// Region code → guide.
    pub regions: BTreeMap<String, Guide>,
    /// The national baseline guide (region 100000), if any.
    pub baseline: Option<Guide>,
    /// Requirement id → the names guides wrote it as (whole listed materials).
    pub variants: BTreeMap<u32, BTreeSet<String>>,
    /// Requirement id → the distinct conditions (适用情形, ids in [`Catalog::conditions`]) guides
    /// list it under; only conditional requirements have an entry (the similarity alignment
    /// compares them).
    pub conditions: HashMap<u32, Vec<u32>>,
    /// Material as written → its reading (index into [`Catalog::readings`]): each distinct
    /// wording of an item is read once, however many guides use it.
    readings: HashMap<Box<str>, u32>,
}

/// Two guides of one item in one region: reported, not merged. The first (in path order) is
/// compared; the second is left out.
#[derive(Debug, Clone, Serialize)]
pub struct Collision {
    /// 事项名称.
    pub item: String,
    /// Region code.
    pub region: String,
    /// The guide that is compared.
    pub kept: String,
    /// The guide that is left out.
    pub ignored: String,
}

/// A file that was not compared, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// Path as shown.
    pub path: String,
    /// Why.
    pub reason: String,
    /// tongban crashed reading it (a bug): the run goes on, and exits 2 at the end.
    pub crashed: bool,
}

impl Skipped {
    /// A walk problem (symlink loop, unreadable folder) as a skipped file.
    pub fn from_report(report: &crate::diagnostic::FileReport) -> Skipped {
        Skipped {
            path: report.source.name.clone(),
            reason: report
                .findings
                .iter()
                .map(|f| format!("{} {}", f.code, f.message))
                .collect::<Vec<_>>()
                .join("; "),
            crashed: report
                .findings
                .iter()
                .any(|f| f.code == crate::diagnostic::INTERNAL_ERROR.code),
        }
    }

    /// Reads one file for comparison with a panic contained: a crash on one guide skips that
    /// guide (with an `internal-error` reason), not the run.
    pub fn contain<T>(
        input: &Input,
        lang: Lang,
        read: impl FnOnce() -> Result<T, Skipped>,
    ) -> Result<T, Skipped> {
        crate::input::contained(
            &input.name,
            lang,
            || {
                crate::input::test_panic("TONGBAN_PANIC_COMPARING", &input.name);
                read()
            },
            |report| Err(Skipped::from_report(&report)),
        )
    }
}

/// Which guides to keep.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// 事项名称 or 基本编码 (normalised); `None` = all items.
    pub item: Option<String>,
    /// Region codes; empty = all regions. The baseline is always kept.
    pub regions: Vec<String>,
}

impl Filter {
    /// `item` must already be normalised (see [`Catalog::new`]).
    fn item_matches(&self, s: &GuideSummary) -> bool {
        self.item.as_deref().is_none_or(|q| {
            q == s.item_key
                || s.basic_code
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(q))
        })
    }

    fn region_matches(&self, code: &str) -> bool {
        code == BASELINE_REGION || self.regions.is_empty() || self.regions.iter().any(|r| r == code)
    }
}

/// Every guide compared, grouped by item.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    /// Items in the order first seen.
    pub items: Vec<Item>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Requirement keys → ids.
    pub keys: Interner,
    /// Requirement names, by id (as first read).
    pub display: Vec<String>,
    /// The ontology materials are read with.
    pub ontology: Ontology,
    /// Every distinct (item, material) reading.
    pub readings: Vec<Reading>,
    /// Element values, interned.
    pub values: Interner,
    /// The materials' conditions (适用情形), interned.
    pub conditions: Interner,
    /// Collisions met.
    pub collisions: Vec<Collision>,
    /// Files not compared.
    pub skipped: Vec<Skipped>,
    /// Guides compared.
    pub guides: usize,
    /// Regions seen before the region filter (to tell a mistyped `--region` from an empty one).
    pub regions_seen: BTreeSet<String>,
    /// With an item filter: the names and 基本编码 of the items it left out (for "did you
    /// mean" when `--item` matches nothing).
    pub items_seen: BTreeSet<String>,
    filter: Filter,
}

/// The item name or code nearest to `query` ("did you mean"): one that contains it or is
/// contained in it, else the closest by edit distance over characters when at most a third of
/// the query's characters differ (`生育登记x` → `生育登记`). Compared after the fold item names
/// get (full-width, spaces).
pub(crate) fn nearest<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (query.chars().count() / 3).max(1);
    nearest_within(query, candidates, limit)
}

/// The candidate `query` looks like a typo of: the closest by edit distance over characters,
/// at most a third of them different, never `query` itself. For names where any other name is
/// also valid (`material --item`): a longer name that contains `query` is another item.
pub(crate) fn nearest_typo<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (query.chars().count() / 3).max(1);
    let q = normalize(query);
    candidates
        .into_iter()
        .filter(|c| normalize(c) != q)
        .map(|c| (strsim::levenshtein(&q, &normalize(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// The region code nearest to `query`: one digit added, dropped or changed (`31000` →
/// `310000`); a code two digits away is another region, not a typo.
pub(crate) fn nearest_region<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest_within(query, candidates, 1).filter(|c| strsim::levenshtein(query, c) <= 1)
}

fn nearest_within<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Option<&'a str> {
    let q = normalize(query);
    candidates
        .into_iter()
        .filter_map(|c| {
            let n = normalize(c);
            if n == q || n.is_empty() {
                return None;
            }
            let d = strsim::levenshtein(&q, &n);
            let contains = n.contains(&q) || q.contains(&n);
            (d <= limit || contains).then_some((!contains, d, c))
        })
        .min()
        .map(|(_, _, c)| c)
}

impl Catalog {
    /// An empty index keeping what `filter` selects, reading materials with the bundled ontology.
    #[cfg(test)]
    pub(crate) fn new(filter: Filter) -> Self {
        Self::with_ontology(filter, Ontology::bundled().unwrap_or_default())
    }

    /// An empty index keeping what `filter` selects, reading materials with `ontology`.
    pub(crate) fn with_ontology(mut filter: Filter, ontology: Ontology) -> Self {
        filter.item = filter.item.as_deref().map(normalize);
        Catalog {
            filter,
            ontology,
            ..Catalog::default()
        }
    }

    /// The reading of a material of item `idx`, read once per distinct wording.
    fn reading(&mut self, idx: usize, material: &str) -> u32 {
        if let Some(&r) = self.items[idx].readings.get(material) {
            return r;
        }
        let item = &self.items[idx];
        let reading = Reader::new(&self.ontology).read(
            ItemRef {
                name: &item.key,
                code: item.basic_code.as_deref(),
            },
            material,
        );
        let id = u32::try_from(self.readings.len()).expect("fewer than 4 billion readings");
        self.readings.push(reading);
        self.items[idx].readings.insert(material.into(), id);
        id
    }

    /// A piece of a reading.
    pub(crate) fn piece(&self, cell: &Cell) -> &Piece {
        &self.readings[cell.reading as usize].pieces[usize::from(cell.piece)]
    }

    fn item_for(&mut self, s: &GuideSummary) -> usize {
        if let Some(code) = &s.basic_code
            && let Some(&i) = self.by_code.get(code)
        {
            return i;
        }
        if let Some(candidates) = self.by_name.get(&s.item_key) {
            for &i in candidates {
                match (&self.items[i].basic_code, &s.basic_code) {
                    // Both have a code and they differ: different items that share a name.
                    (Some(a), Some(b)) if a != b => continue,
                    (None, Some(b)) => {
                        self.items[i].basic_code = Some(b.clone());
                        self.by_code.insert(b.clone(), i);
                        return i;
                    }
                    _ => return i,
                }
            }
        }
        let i = self.items.len();
        self.items.push(Item {
            name: s.item_name.clone(),
            key: s.item_key.clone(),
            basic_code: s.basic_code.clone(),
            regions: BTreeMap::new(),
            baseline: None,
            variants: BTreeMap::new(),
            conditions: HashMap::new(),
            readings: HashMap::new(),
        });
        self.by_name.entry(s.item_key.clone()).or_default().push(i);
        if let Some(code) = &s.basic_code {
            self.by_code.insert(code.clone(), i);
        }
        i
    }

    /// Adds one guide's summary (if the filter keeps it).
    pub(crate) fn add(&mut self, s: GuideSummary) {
        if !self.filter.item_matches(&s) {
            // Only with an item filter (a guide of another item): one lookup per guide.
            if !self.items_seen.contains(&s.item_name) {
                self.items_seen.insert(s.item_name.clone());
            }
            if let Some(code) = &s.basic_code
                && !self.items_seen.contains(code)
            {
                self.items_seen.insert(code.clone());
            }
            return;
        }
        self.regions_seen.insert(s.region_code.clone());
        if !self.filter.region_matches(&s.region_code) {
            return;
        }
        let idx = self.item_for(&s);
        let (mut materials, names) = self.requirements(idx, &s);
        // One entry per material: a guide that lists a material twice counts its strongest
        // status (必要 > 容缺后补 > 非必要).
        materials.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.status.cmp(&a.1.status)));
        let also = other_wordings(&mut materials, &self.readings);
        let situations = limited_situations(&s, &names);
        let elements = s.elements.map(|e| e.map(|v| self.values.intern(&v)));
        let guide = Guide {
            path: s.path.into(),
            region_name: self.values.intern(&s.region_name),
            partial: s.partial,
            materials: materials.into_boxed_slice(),
            also: (!also.is_empty()).then(|| also.into_boxed_slice()),
            situations,
            elements,
        };
        self.file(
            idx,
            s.region_code,
            guide,
            names,
            &s.materials,
            &s.conditions,
        );
    }

    /// The requirements of a guide's materials in item `idx`: each listed material is read as
    /// requirements (once per distinct wording), then the guide's pieces are given requirements
    /// together (户口簿 next to 身份证 is its own). Returns a cell per piece under its requirement
    /// id, and each piece's (requirement id, index of its material in the summary).
    fn requirements(&mut self, idx: usize, s: &GuideSummary) -> (Vec<(u32, Cell)>, Pieces) {
        let mut listed: Vec<(u32, u16, Cell, usize)> = Vec::with_capacity(s.materials.len());
        for (k, (raw, cell)) in s.materials.iter().enumerate() {
            let r = self.reading(idx, raw);
            let n = self.readings[r as usize].pieces.len();
            for p in 0..n {
                listed.push((r, p as u16, *cell, k));
            }
        }
        // Borrowed apart: the readings are read while the keys are interned (no copies).
        let (readings, keys, display) = (&self.readings, &mut self.keys, &mut self.display);
        let pieces: Vec<&Piece> = listed
            .iter()
            .map(|(r, p, _, _)| &readings[*r as usize].pieces[usize::from(*p)])
            .collect();
        let conditional: Vec<bool> = listed
            .iter()
            .map(|(_, _, cell, _)| cell.conditional)
            .collect();
        let assigned = requirement::assign_in_situations(&pieces, &conditional);
        let apart = proofs_apart(&pieces, &listed, &assigned, &s.conditions);
        let mut materials: Vec<(u32, Cell)> = Vec::with_capacity(listed.len());
        let mut names = Vec::with_capacity(listed.len());
        for (i, ((r, p, mut cell, k), (key, name))) in listed.into_iter().zip(assigned).enumerate()
        {
            let id = match apart.get(&i) {
                Some(condition) => keys.intern(&format!("{key}@{condition}")),
                None => keys.intern(key),
            };
            if id as usize == display.len() {
                display.push(name.to_owned());
            }
            cell.reading = r;
            cell.piece = p;
            if cell.attrs.original == 0
                && let Some(copy) = readings[r as usize].pieces[usize::from(p)].qualifiers.copy
            {
                cell.attrs.original = index_of(Some(copy), &ORIGINALS);
            }
            names.push((id, k));
            materials.push((id, cell));
        }
        drop(pieces);
        (materials, names)
    }

    /// Files a guide under its item and region, or records a collision when the item already
    /// has a guide of that region; records the wordings and conditions of its requirements
    /// (`names` point into the summary's `materials` and their `conditions`).
    fn file(
        &mut self,
        idx: usize,
        region: String,
        guide: Guide,
        names: Pieces,
        materials: &[(String, Cell)],
        conditions: &[(usize, String)],
    ) {
        let item = &mut self.items[idx];
        let baseline = region == BASELINE_REGION;
        let existing = if baseline {
            item.baseline.as_ref()
        } else {
            item.regions.get(&region)
        };
        if let Some(kept) = existing {
            self.collisions.push(Collision {
                item: item.name.clone(),
                region,
                kept: kept.path.to_string(),
                ignored: guide.path.into(),
            });
            return;
        }
        if baseline {
            item.baseline = Some(guide);
        } else {
            item.regions.insert(region, guide);
        }
        self.guides += 1;
        for (id, k) in names {
            item.variants
                .entry(id)
                .or_default()
                .insert(materials[k].0.clone());
            if let Ok(at) = conditions.binary_search_by_key(&k, |(i, _)| *i) {
                let c = self.conditions.intern(&conditions[at].1);
                let known = item.conditions.entry(id).or_default();
                if !known.contains(&c) {
                    known.push(c);
                }
            }
        }
    }

    /// Loads and indexes everything a walk yields, one chunk of `jobs × 256` files at a time in
    /// parallel, keeping only summaries. Files that do not load or are not guides, and walk
    /// problems, are recorded in `skipped`; `skip` names dictionaries, which are not guides.
    pub(crate) fn index(
        &mut self,
        walk: impl Iterator<Item = Walked> + Send,
        limits: &Limits,
        skip: &[PathBuf],
        jobs: usize,
        lang: Lang,
        progress: &mut crate::progress::Progress,
    ) -> Result<(), Error> {
        let pool = crate::input::pool(jobs)?;
        let skip: Vec<PathBuf> = skip
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect();
        // Only a file named like the dictionary can be the dictionary: no syscall for the rest.
        // Agreement files (`agreements/*.yaml`) are never guides.
        let is_skipped = |input: &crate::input::Input| match input.kind {
            Kind::Guide => false,
            Kind::Agreement => true,
            Kind::Dictionary => std::fs::canonicalize(&input.path).is_ok_and(|c| skip.contains(&c)),
        };
        crate::input::for_each_chunk(
            walk,
            &pool,
            progress,
            |w| match w {
                Walked::File(input) if is_skipped(&input) => None,
                Walked::File(input) => Some(Skipped::contain(&input, lang, || {
                    read_one(&input, limits, lang)
                })),
                Walked::Problem(report) => Some(Err(Skipped::from_report(&report))),
            },
            |s| {
                match s {
                    Some(Ok(s)) => self.add(s),
                    Some(Err(skipped)) => self.skipped.push(skipped),
                    None => {}
                }
                Ok(())
            },
        )?;
        self.unify_overlapping();
        Ok(())
    }

    /// Overlapping accepted sets are one requirement: a region accepting A或B and another
    /// accepting B (or B或C) ask for one thing, when at least one side is an accepted set, both
    /// are the same person's, and no guide lists both (a guide listing both asks for two). Each
    /// item's requirement ids are joined (union-find, linear in the cells) and its guides
    /// re-keyed; the id listed by most guides names the row.
    fn unify_overlapping(&mut self) {
        for idx in 0..self.items.len() {
            let map = self.overlap_map(&self.items[idx]);
            if map.is_empty() {
                continue;
            }
            let item = &mut self.items[idx];
            for g in item.regions.values_mut().chain(item.baseline.as_mut()) {
                g.rekey(&map);
            }
            let variants = std::mem::take(&mut item.variants);
            for (id, names) in variants {
                let to = map.get(&id).copied().unwrap_or(id);
                item.variants.entry(to).or_default().extend(names);
            }
        }
    }

    /// Requirement id → the id it joins, for the ids of one item that overlap (see
    /// [`Catalog::unify_overlapping`]).
    fn overlap_map(&self, item: &Item) -> HashMap<u32, u32> {
        struct Req<'c> {
            guides: Vec<usize>,
            holder: Option<&'c str>,
            set: bool,
            form: bool,
        }
        let mut reqs: HashMap<u32, Req<'_>> = HashMap::new();
        let mut by_doc: HashMap<&str, Vec<u32>> = HashMap::new();
        let guides = item.regions.values().chain(item.baseline.as_ref());
        for (gi, g) in guides.enumerate() {
            for (id, cell) in g
                .materials
                .iter()
                .chain(g.also.iter().flat_map(|a| a.iter()))
            {
                let p = self.piece(cell);
                let r = reqs.entry(*id).or_insert_with(|| Req {
                    guides: Vec::new(),
                    holder: p.holder.as_deref(),
                    set: false,
                    form: self.keys.get(*id).starts_with('§'),
                });
                if r.guides.last() != Some(&gi) {
                    r.guides.push(gi);
                }
                r.set |= p.accepts.len() > 1;
                // A proof named by its issuer only (公安部门证明) means what its condition calls
                // for: sharing it says nothing about the need.
                for a in p
                    .accepts
                    .iter()
                    .filter(|a| !requirement::is_generic_proof(a))
                {
                    let ids = by_doc.entry(a.as_str()).or_default();
                    if !ids.contains(id) {
                        ids.push(*id);
                    }
                }
            }
        }
        let mut parent: HashMap<u32, u32> = reqs.keys().map(|&id| (id, id)).collect();
        fn root(parent: &HashMap<u32, u32>, mut x: u32) -> u32 {
            while parent[&x] != x {
                x = parent[&x];
            }
            x
        }
        for ids in by_doc.values() {
            for pair in ids.windows(2) {
                let (a, b) = (root(&parent, pair[0]), root(&parent, pair[1]));
                let (ra, rb) = (&reqs[&a], &reqs[&b]);
                let joins = a != b
                    && ra.holder == rb.holder
                    && !ra.form
                    && !rb.form
                    && (ra.set || rb.set)
                    && !ra.guides.iter().any(|g| rb.guides.contains(g));
                if joins {
                    let (keep, drop) = if ra.guides.len() >= rb.guides.len() {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    let moved = std::mem::take(&mut reqs.get_mut(&drop).expect("an id").guides);
                    let k = reqs.get_mut(&keep).expect("an id");
                    k.guides.extend(moved);
                    k.set = true;
                    parent.insert(drop, keep);
                }
            }
        }
        parent
            .keys()
            .filter_map(|&id| {
                let r = root(&parent, id);
                (r != id).then_some((id, r))
            })
            .collect()
    }
}

impl Guide {
    /// Re-keys the guide's cells by `map` (id → the id it joins), keeping them sorted by id.
    fn rekey(&mut self, map: &HashMap<u32, u32>) {
        let to = |id: &mut u32| {
            if let Some(&t) = map.get(id) {
                *id = t;
            }
        };
        let mut m = std::mem::take(&mut self.materials).into_vec();
        m.iter_mut().for_each(|(id, _)| to(id));
        m.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.status.cmp(&a.1.status)));
        m.dedup_by_key(|(id, _)| *id);
        self.materials = m.into_boxed_slice();
        if let Some(also) = self.also.as_mut() {
            also.iter_mut().for_each(|(id, _)| to(id));
            also.sort_by_key(|(id, _)| *id);
        }
        if let Some(s) = self.situations.as_mut() {
            let mut l = std::mem::take(&mut s.limited).into_vec();
            l.iter_mut().for_each(|(id, _)| to(id));
            l.sort_unstable();
            s.limited = l.into_boxed_slice();
        }
    }
}

/// Drops a guide's second cell of one requirement (`materials` sorted by id, strongest status
/// first), returning the other wordings among them: the applicant's share of a distributed
/// wording (申请人和代理人的身份证) adds nothing to the applicant's own listed document.
fn other_wordings(materials: &mut Vec<(u32, Cell)>, readings: &[Reading]) -> Vec<(u32, Cell)> {
    let mut also: Vec<(u32, Cell)> = Vec::new();
    materials.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        let share = || {
            let p = &readings[next.1.reading as usize].pieces[usize::from(next.1.piece)];
            p.holder.is_none() && p.how.iter().any(|h| matches!(h, How::Distributed { .. }))
        };
        if same && (next.1.reading, next.1.piece) != (kept.1.reading, kept.1.piece) && !share() {
            also.push(*next);
        }
        same
    });
    also
}

fn read_one(input: &Input, limits: &Limits, lang: Lang) -> Result<GuideSummary, Skipped> {
    let doc = load_guide(input, limits, lang)?;
    summarize(&doc.value, &input.name).map_err(|r| Skipped {
        crashed: false,
        path: input.name.clone(),
        reason: r.describe(lang),
    })
}

/// Loads one guide for comparison; a file that does not load is skipped, with its first error
/// (line:column, code, message) as the reason. Shared by `diff` and `coverage`.
pub(crate) fn load_guide(
    input: &Input,
    limits: &Limits,
    lang: Lang,
) -> Result<load::Document, Skipped> {
    let load = if input.walked {
        load::load_walked_file
    } else {
        load::load_file
    };
    let loaded = load(&input.path, input.name.clone(), limits, lang);
    loaded.document.ok_or_else(|| Skipped {
        crashed: false,
        path: input.name.clone(),
        reason: loaded
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .map(|f| {
                let at = loaded.source.position(f.span.start);
                format!("{}:{}: {} {}", at.line, at.column, f.code, f.message)
            })
            .unwrap_or_else(|| lang.pick("无法读取", "does not load").into()),
    })
}

#[cfg(test)]
mod tests {
    /// `diff --item 生育登记x` said only that no guide had that item.
    #[test]
    fn did_you_mean_an_item_or_a_region() {
        let items = ["生育登记", "合伙企业设立登记", "110000000000"];
        assert_eq!(super::nearest("生育登记x", items), Some("生育登记"));
        assert_eq!(
            super::nearest("合伙企业设立", items),
            Some("合伙企业设立登记")
        );
        assert_eq!(
            super::nearest("１１０００００００００１", items),
            Some("110000000000")
        );
        assert_eq!(super::nearest("完全不同的事项名称", items), None);
        let regions = ["310000", "510000"];
        assert_eq!(super::nearest_region("31000", regions), Some("310000"));
        assert_eq!(super::nearest_region("410001", regions), None);
        // Any item is valid for `material --item`: only a typo is suggested, not a longer name.
        assert_eq!(
            super::nearest_typo("合伙企业设立登帐", items),
            Some("合伙企业设立登记")
        );
        assert_eq!(super::nearest_typo("生育", items), None);
        assert_eq!(super::nearest_typo("生育登记", items), None);
    }

    use super::*;

    #[test]
    fn situation_masks_name_declared_and_undeclared_situations() {
        let doc: Value = serde_json::from_str(
            r#"{"item": {"name": "x"}, "region": {"code": "110000"},
                "situations": [{"name": "首次申领"}, {"name": "补 领"}],
                "materials": [{"name": "甲"}, {"name": "乙", "situations": ["补领"]},
                              {"name": "丙", "situations": ["换领", "首次申领"]}]}"#,
        )
        .unwrap();
        let s = summarize(&doc, "x.yaml").unwrap();
        assert_eq!(s.situations, ["首次申领", "补领", "换领"]);
        assert_eq!(s.limits, [0, 0b010, 0b101]);
    }

    fn summary(name: &str, code: Option<&str>, region: &str, path: &str) -> GuideSummary {
        GuideSummary {
            path: path.into(),
            item_name: name.into(),
            item_key: normalize(name),
            basic_code: code.map(str::to_owned),
            region_code: region.into(),
            region_name: String::new(),
            partial: false,
            materials: vec![],
            conditions: vec![],
            situations: vec![],
            limits: vec![],
            elements: Default::default(),
        }
    }

    /// Listed once per situation, a material applies in each of them; listed once without
    /// situations, always (a guide may list 身份证 under 首次申领 and again under 补领).
    #[test]
    fn a_material_listed_per_situation_merges_its_situations() {
        let doc: Value = serde_json::from_str(
            r#"{"item": {"name": "x"}, "region": {"code": "110000"},
                "situations": [{"name": "首次申领"}, {"name": "补领"}, {"name": "换领"}],
                "materials": [{"name": "户口簿", "situations": ["首次申领"]},
                              {"name": "户口簿", "situations": ["补领"]},
                              {"name": "照片", "situations": ["换领"]},
                              {"name": "照片"}]}"#,
        )
        .unwrap();
        let mut c = Catalog::new(Filter::default());
        c.add(summarize(&doc, "x.yaml").unwrap());
        let g = &c.items[0].regions["110000"];
        let mut limits: Vec<(&str, u32)> = g
            .materials
            .iter()
            .map(|(id, _)| (c.display[*id as usize].as_str(), g.limit(*id)))
            .collect();
        limits.sort_unstable();
        assert_eq!(g.situation_names().len(), 3);
        // 户口簿 alone meets the 身份证明 requirement.
        assert_eq!(limits, [("照片", 0), ("身份证明", 0b011)]);
    }

    fn guide(region: &str, materials: &str) -> GuideSummary {
        let doc: Value = serde_json::from_str(&format!(
            r#"{{"item": {{"name": "某事项"}}, "region": {{"code": "{region}"}}, "materials": {materials}}}"#
        ))
        .unwrap();
        summarize(&doc, "x.yaml").unwrap()
    }

    fn row_of(c: &Catalog, region: &str, wording: &str) -> u32 {
        let g = &c.items[0].regions[region];
        g.materials
            .iter()
            .chain(g.also.iter().flat_map(|a| a.iter()))
            .find(|(_, cell)| c.readings[cell.reading as usize].material == wording)
            .map(|(id, _)| *id)
            .unwrap()
    }

    /// Overlapping accepted sets are one requirement (死亡证明或残疾证 in one region, 死亡证明 in
    /// another), unless one guide lists both; and two documents of one category each listed
    /// under a condition are one need in different situations (联名卡 / 银行卡).
    #[test]
    fn overlapping_accepted_sets_and_situational_alternatives_are_one_requirement() {
        let mut c = Catalog::new(Filter::default());
        c.add(guide("430000", r#"[{"name": "死亡证明或残疾证"}]"#));
        c.add(guide("430900", r#"[{"name": "死亡证明"}]"#));
        // Listed apart in one guide: two requirements there, so not joined.
        c.add(guide(
            "440000",
            r#"[{"name": "离婚证或离婚判决书"}, {"name": "离婚证"}]"#,
        ));
        c.add(guide("450000", r#"[{"name": "离婚判决书"}]"#));
        c.add(guide(
            "510100",
            r#"[{"name": "住房公积金联名卡", "condition": "未提供银行卡的"},
                {"name": "银行卡", "condition": "未提供联名卡的"}]"#,
        ));
        c.unify_overlapping();
        assert_eq!(
            row_of(&c, "430000", "死亡证明或残疾证"),
            row_of(&c, "430900", "死亡证明")
        );
        assert_ne!(
            row_of(&c, "440000", "离婚证或离婚判决书"),
            row_of(&c, "440000", "离婚证")
        );
        assert_eq!(
            row_of(&c, "510100", "住房公积金联名卡"),
            row_of(&c, "510100", "银行卡")
        );
    }

    /// Memory per listed material is what bounds a national-size run: keep a cell small.
    #[test]
    fn cells_stay_small() {
        // 24 bytes since a cell names its reading and piece (the explanation of each alignment).
        assert!(std::mem::size_of::<(u32, Cell)>() <= 24);
    }

    #[test]
    fn aligns_by_code_then_name_and_reports_collisions() {
        let mut c = Catalog::new(Filter::default());
        c.add(summary("合伙企业设立登记", None, "310000", "a"));
        c.add(summary(
            "合伙企业 设立登记",
            Some("000115015005"),
            "320000",
            "b",
        ));
        // Same name, different code: another item.
        c.add(summary(
            "合伙企业设立登记",
            Some("000115015099"),
            "340000",
            "c",
        ));
        // Different name, same code: the same item.
        c.add(summary("合伙企业设立", Some("000115015005"), "430000", "d"));
        c.add(summary(
            "合伙企业设立登记",
            Some("000115015005"),
            "310000",
            "e",
        ));
        assert_eq!(c.items.len(), 2);
        assert_eq!(
            c.items[0].regions.keys().collect::<Vec<_>>(),
            ["310000", "320000", "430000"]
        );
        assert_eq!(c.collisions.len(), 1);
        assert_eq!(c.collisions[0].kept, "a");
        assert_eq!(c.collisions[0].ignored, "e");
    }
}
