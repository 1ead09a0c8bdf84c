//! The comparison, as a value: per item a material × region matrix of statuses, attribute
//! differences, the common core, regional extras, the uniformity index, the other compared
//! elements, near-match suggestions and each region's deviation from the national baseline; and
//! the pairwise view of two regions. Nothing here prints.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::compare::catalog::{Attrs, Catalog, Cell, ELEMENTS, Guide, Item, Status};
use crate::compare::requirement::{How, Piece, Qualifiers};
use crate::error::Error;
use crate::normalize::{NEAR_MATCH_THRESHOLD, normalize, similarity};

/// Near-match suggestions are computed among at most this many materials of one item (the
/// comparison is quadratic in them).
pub(crate) const NEAR_MATCH_LIMIT: usize = 1_000;

/// The whole comparison: what every report format renders. Items are ranked once (a small
/// [`ItemSummary`] each) and their full [`ItemDiff`] is built on demand, one at a time, by
/// [`Comparison::items`], so a report never holds more than one item's matrix.
pub struct Comparison<'c> {
    catalog: &'c Catalog,
    /// Items, most non-uniform first (items present in one region only come last).
    pub ranking: Vec<ItemSummary>,
    /// Two guides of one item in one region: the second was left out.
    pub collisions: &'c [crate::compare::catalog::Collision],
    /// Files that were not compared, and why.
    pub skipped: &'c [crate::compare::catalog::Skipped],
    /// Guides compared (regional and baseline).
    pub guides: usize,
}

/// What the ranking keeps of an item: its index and the numbers of the summary tables.
#[derive(Debug, Clone, Serialize)]
pub struct ItemSummary {
    /// Position in the catalog.
    #[serde(skip)]
    pub index: usize,
    /// 事项名称.
    pub name: String,
    /// 基本编码.
    pub basic_code: Option<String>,
    /// Number of regions.
    pub regions: usize,
    /// Uniformity index.
    pub uniformity: f64,
    /// In two or more regions.
    pub comparable: bool,
    /// |required everywhere|.
    pub required_everywhere: usize,
    /// |required anywhere|.
    pub required_anywhere: usize,
    /// Regions whose guide is partial.
    pub partial_regions: usize,
    /// Titles of the non-uniform elements (时限, 收费, ...).
    pub differing_elements: Vec<&'static str>,
}

impl<'c> Comparison<'c> {
    /// Every item's full comparison, in ranking order, built lazily.
    pub fn items(&self) -> impl Iterator<Item = ItemDiff> + '_ {
        self.ranking
            .iter()
            .map(|s| compare_item(self.catalog, &self.catalog.items[s.index], true))
    }

    /// Whether there is nothing to compare.
    pub fn is_empty(&self) -> bool {
        self.ranking.is_empty()
    }
}

/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub(crate) const FORMAT_VERSION: u32 = 2;

impl Serialize for Comparison<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// Streams items: each is built, written and dropped before the next.
        struct Items<'a, 'c>(&'a Comparison<'c>);
        impl Serialize for Items<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.items())
            }
        }
        let mut st = serializer.serialize_struct("Comparison", 5)?;
        st.serialize_field("format_version", &FORMAT_VERSION)?;
        st.serialize_field("items", &Items(self))?;
        st.serialize_field("collisions", self.collisions)?;
        st.serialize_field("skipped", self.skipped)?;
        st.serialize_field("guides", &self.guides)?;
        st.end()
    }
}

/// One region's column.
#[derive(Debug, Clone, Serialize)]
pub struct RegionInfo {
    /// 行政区划代码.
    pub code: String,
    /// 区划名称.
    pub name: String,
    /// The guide is marked `completeness: partial`: its absent cells may only be unknown.
    pub partial: bool,
    /// The guide compared.
    pub path: String,
    /// Materials this region requires beyond the common core.
    pub beyond_core: Vec<String>,
}

/// How a listed material reached a requirement row, for every region writing it so (one entry
/// per distinct wording, not per region: a national catalog repeats each wording thousands of
/// times).
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Region codes writing it so, in code order (`100000` for the national baseline).
    pub regions: Vec<String>,
    /// The material as the guide lists it.
    pub material: String,
    /// The piece of it that meets this requirement.
    pub piece: String,
    /// How it was read, step by step.
    pub how: Vec<How>,
    /// What was stripped for comparison (role, signing clause, 原件/复印件, 有效, place).
    #[serde(skip_serializing_if = "is_default")]
    pub qualifiers: Qualifiers,
    /// A catch-all (…等有效证件) or part of one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
}

fn is_default(q: &Qualifiers) -> bool {
    *q == Qualifiers::default()
}

impl Part {
    /// The explanation in one language: `piece: split from “…”; qualifier removed …`.
    pub fn explain(&self, lang: crate::diagnostic::Lang) -> String {
        let sep = lang.pick("；", "; ");
        let steps: Vec<String> = self.how.iter().map(|h| h.describe(lang)).collect();
        format!("{}: {}", self.piece, steps.join(sep))
    }
}

/// One wording of a requirement and the regions that use it (the 统一名称 list).
#[derive(Debug, Clone, Serialize)]
pub struct Wording {
    /// The piece as written.
    pub wording: String,
    /// Regions writing it so.
    pub regions: Vec<String>,
}

/// One requirement's row.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialRow {
    /// The requirement: an ontology name (身份证明, 结婚证), the item's form under its most common
    /// wording, or a wording the ontology does not know.
    pub name: String,
    /// Every listed material (as written) that contributes to it.
    pub variants: Vec<String>,
    /// Region code → status (every region of the item).
    pub regions: BTreeMap<String, Status>,
    /// Whose document it is, when not the applicant's (配偶, 代理人 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// How each region's wording reached this row (the baseline's too).
    pub parts: Vec<Part>,
    /// Region code → the documents accepted for it (one, or several for A或B).
    pub accepts: BTreeMap<String, Vec<String>>,
    /// The wordings used, with their regions (统一名称).
    pub wordings: Vec<Wording>,
    /// Region code → attributes, where the guide gives any.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Attrs>,
    /// Attributes whose given values differ between regions: `original`, `copies`, `medium`,
    /// `accepts` (a different accepted set of documents).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attribute_differences: Vec<&'static str>,
    /// Region codes whose guide lists it with a condition (适用情形 / 如需).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditional_in: Vec<String>,
    /// Region code → the situations (情形) it is limited to, where a region lists it for some of
    /// its situations only (仅限情形). Such a region does not count it as required for the core.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub only_in_situations: BTreeMap<String, Vec<String>>,
    /// `core` (required in every complete region), `extra` (required in some regions),
    /// `optional` (listed, never required), `baseline` (required by the national baseline only).
    pub class: &'static str,
    /// Its status in the national baseline, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Status>,
}

impl MaterialRow {
    /// The status in one region.
    pub fn status(&self, region: &str) -> Status {
        self.regions.get(region).copied().unwrap_or(Status::Absent)
    }
}

/// A material required in some regions only.
#[derive(Debug, Clone, Serialize)]
pub struct Extra {
    /// Material.
    pub material: String,
    /// Regions that require it.
    pub required_in: Vec<String>,
    /// Regions that do not (absent, optional or deferred).
    pub not_required_in: Vec<String>,
}

/// Two material names that may be the same material: a suggestion, never merged.
#[derive(Debug, Clone, Serialize)]
pub struct NearMatch {
    /// One name.
    pub a: String,
    /// The other.
    pub b: String,
    /// Similarity, 0–1.
    pub score: f64,
}

/// One compared element other than materials (时限, 收费, 到现场次数, 网办, 受理条件).
#[derive(Debug, Clone, Serialize)]
pub struct ElementDiff {
    /// Stable key, e.g. `legal_time_limit`.
    pub key: &'static str,
    /// 中文 title.
    pub title: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Region code → value, where the guide gives one.
    pub regions: BTreeMap<String, String>,
    /// The baseline's value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Whether every region that gives a value gives the same one.
    pub uniform: bool,
}

/// One region against the national baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Deviation {
    /// Region code.
    pub region: String,
    /// Whether the region's guide is partial (its `dropped` may only be unknown).
    pub partial: bool,
    /// Required here, not in the baseline at all.
    pub added: Vec<String>,
    /// Required by the baseline, not listed here.
    pub dropped: Vec<String>,
    /// Required by the baseline, only optional or deferred here.
    pub relaxed: Vec<String>,
}

/// The national baseline (region 100000) of an item and each region's deviation from it.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineDiff {
    /// The baseline guide.
    pub path: String,
    /// Whether the baseline guide is partial.
    pub partial: bool,
    /// Materials the baseline requires.
    pub required: Vec<String>,
    /// Per region.
    pub deviations: Vec<Deviation>,
}

/// A requirement of the proposed unified list.
#[derive(Debug, Clone, Serialize)]
pub struct Proposed {
    /// The requirement (row name).
    pub requirement: String,
    /// The wording proposed: the baseline's, else the most common one.
    pub name: String,
    /// Documents to accept: every one some region or the baseline accepts.
    pub accepts: Vec<String>,
    /// `core` (every complete region requires it), `majority` (most do), `baseline` (the
    /// national baseline requires it).
    pub why: &'static str,
    /// Complete regions requiring it.
    pub required_in: usize,
    /// Complete regions counted.
    pub of: usize,
}

/// A wording to change.
#[derive(Debug, Clone, Serialize)]
pub struct Reword {
    /// As the region writes it.
    pub from: String,
    /// As proposed.
    pub to: String,
}

/// More documents to accept for one requirement.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptMore {
    /// The requirement (proposed wording).
    pub requirement: String,
    /// Documents to accept in addition.
    pub add: Vec<String>,
}

/// A requirement a region lists but does not always require, while the proposal does.
#[derive(Debug, Clone, Serialize)]
pub struct MakeRequired {
    /// The requirement (proposed wording).
    pub requirement: String,
    /// How the region lists it now: `optional` (非必要), `conditional` (with a condition, 如需),
    /// `situations` (for some of its situations only).
    pub now: &'static str,
}

/// What one region changes to adopt the proposal.
#[derive(Debug, Clone, Serialize)]
pub struct RegionChange {
    /// Region code.
    pub region: String,
    /// Whether its guide is partial (an `add` may already be asked without being listed).
    pub partial: bool,
    /// Requirements to add (proposed wording).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<String>,
    /// Requirements it requires that the proposal does not (as written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drop: Vec<String>,
    /// Wordings to change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reword: Vec<Reword>,
    /// Alternatives to accept as well.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accept_more: Vec<AcceptMore>,
    /// Requirements to make 必要: listed as optional, with a condition or for some situations
    /// only, while a majority of the counted regions require them always.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub make_required: Vec<MakeRequired>,
}

impl RegionChange {
    /// Whether the region needs no change.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty()
            && self.drop.is_empty()
            && self.reword.is_empty()
            && self.accept_more.is_empty()
            && self.make_required.is_empty()
    }
}

/// A harmonisation proposal: a unified material list (the core, what a majority of complete
/// regions require, what the national baseline requires) and each region's changes to adopt it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Proposal {
    /// The proposed list.
    pub materials: Vec<Proposed>,
    /// Per region (regions needing no change are left out).
    pub changes: Vec<RegionChange>,
}

/// One item compared across its regions.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDiff {
    /// 事项名称.
    pub name: String,
    /// 基本编码.
    pub basic_code: Option<String>,
    /// Region codes (columns), sorted; the baseline is not one.
    pub regions: Vec<String>,
    /// Per region: name, partial flag, path, what it requires beyond the core.
    pub region_details: Vec<RegionInfo>,
    /// |required in every complete region| / |required in at least one complete region| (1.0
    /// when nothing is required; over all regions when none is complete).
    pub uniformity: f64,
    /// The regions core and uniformity are computed over: the complete ones (all when none is).
    pub counted: Vec<String>,
    /// Whether the item is in at least two regions; if not, `--fail-under` ignores it.
    pub comparable: bool,
    /// |required everywhere|.
    pub required_everywhere: usize,
    /// |required anywhere|.
    pub required_anywhere: usize,
    /// Whether any region's guide is partial.
    pub has_partial: bool,
    /// The matrix rows.
    pub materials: Vec<MaterialRow>,
    /// Materials required in every region.
    pub common_core: Vec<String>,
    /// Materials required in some regions only.
    pub regional_extras: Vec<Extra>,
    /// Possibly the same material under two names.
    pub near_matches: Vec<NearMatch>,
    /// The other compared elements that have a value somewhere.
    pub elements: Vec<ElementDiff>,
    /// Deviation from the national baseline, when the catalog has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineDiff>,
    /// The situations (情形) each region distinguishes, for the regions that declare any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<RegionSituations>,
    /// One comparison per situation two or more regions declare under the same name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub per_situation: Vec<SituationDiff>,
    /// The harmonisation proposal.
    pub proposal: Proposal,
}

impl ItemDiff {
    /// The region's details.
    pub fn region(&self, code: &str) -> Option<&RegionInfo> {
        self.region_details.iter().find(|r| r.code == code)
    }

    /// Non-uniform elements.
    pub fn differing_elements(&self) -> impl Iterator<Item = &ElementDiff> {
        self.elements.iter().filter(|e| !e.uniform)
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Ranks every item of the catalog; items are compared again, one at a time, when rendered.
pub(crate) fn compare(catalog: &Catalog) -> Comparison<'_> {
    let mut ranking: Vec<ItemSummary> = catalog
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.regions.is_empty())
        .map(|(index, i)| {
            // The ranking needs the numbers only: no explanations, wordings or proposal.
            let d = compare_item(catalog, i, false);
            ItemSummary {
                index,
                regions: d.regions.len(),
                uniformity: d.uniformity,
                comparable: d.comparable,
                required_everywhere: d.required_everywhere,
                required_anywhere: d.required_anywhere,
                partial_regions: d.region_details.iter().filter(|r| r.partial).count(),
                differing_elements: d.differing_elements().map(|e| e.title).collect(),
                name: d.name,
                basic_code: d.basic_code,
            }
        })
        .collect();
    ranking.sort_by(|a, b| {
        b.comparable
            .cmp(&a.comparable)
            .then(a.uniformity.total_cmp(&b.uniformity))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.basic_code.cmp(&b.basic_code))
    });
    Comparison {
        catalog,
        ranking,
        collisions: &catalog.collisions,
        skipped: &catalog.skipped,
        guides: catalog.guides,
    }
}

/// The situations (情形) one region's guide distinguishes.
#[derive(Debug, Clone, Serialize)]
pub struct RegionSituations {
    /// Region code.
    pub region: String,
    /// Situation names, as compared (NFKC, no spaces), in the guide's order.
    pub names: Vec<String>,
}

/// The comparison restricted to one situation: the materials that apply in it (a material
/// without `situations` applies in every situation).
#[derive(Debug, Clone, Serialize)]
pub struct SituationDiff {
    /// The situation's name.
    pub name: String,
    /// The regions that declare it.
    pub regions: Vec<String>,
    /// Requirements whose status differs between those regions in this situation.
    pub differing: Vec<SituationRow>,
}

/// One requirement's statuses in one situation.
#[derive(Debug, Clone, Serialize)]
pub struct SituationRow {
    /// The requirement (the matrix row's name).
    pub requirement: String,
    /// Region code → its status in the situation.
    pub regions: BTreeMap<String, Status>,
}

/// Whether a cell applies in every situation of its guide (always so without situations).
fn everywhere(g: &Guide, id: u32) -> bool {
    let mask = g.limit(id);
    mask == 0 || {
        let n = g.situation_names().len().min(32);
        let all = if n == 32 { u32::MAX } else { (1u32 << n) - 1 };
        mask & all == all
    }
}

/// The situation names of a cell's bits.
fn situation_names(g: &Guide, mask: u32) -> Vec<String> {
    g.situation_names()
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 32 && mask & (1 << i) != 0)
        .map(|(_, n)| n.to_string())
        .collect()
}

/// One item's comparison; `detail` adds what only reports show (parts, wordings, accepted sets,
/// the proposal), which the ranking does not need.
fn compare_item(catalog: &Catalog, item: &Item, detail: bool) -> ItemDiff {
    let regions: Vec<(&String, &Guide)> = item.regions.iter().collect();
    let codes: Vec<String> = regions.iter().map(|(c, _)| (*c).clone()).collect();
    // Core and uniformity count complete guides only: a partial guide's silence is not "not
    // required". With no complete guide, every region counts.
    let mut counted: Vec<usize> = (0..regions.len())
        .filter(|&i| !regions[i].1.partial)
        .collect();
    if counted.is_empty() {
        counted = (0..regions.len()).collect();
    }

    // Every requirement listed anywhere (regions and baseline), once.
    let mut ids: Vec<u32> = regions
        .iter()
        .flat_map(|(_, g)| g.materials.iter().map(|(id, _)| *id))
        .chain(
            item.baseline
                .iter()
                .flat_map(|g| g.materials.iter().map(|(id, _)| *id)),
        )
        .collect();
    ids.sort_unstable();
    ids.dedup();

    let mut rows: Vec<(MaterialRow, usize, usize, u32)> = Vec::new();
    for &id in &ids {
        let cells: Vec<(&String, Option<&Cell>)> =
            regions.iter().map(|(c, g)| (*c, g.cell(id))).collect();
        let base_cell = item.baseline.as_ref().and_then(|b| b.cell(id));
        let baseline = item
            .baseline
            .as_ref()
            .map(|_| base_cell.map_or(Status::Absent, |c| c.status));
        let present = cells.iter().filter(|(_, c)| c.is_some()).count();
        if present == 0 && baseline != Some(Status::Required) {
            // Only an optional material of the baseline: nothing to compare.
            continue;
        }
        let required_at = |i: usize| cells[i].1.is_some_and(|c| c.status == Status::Required);
        let required = (0..cells.len()).filter(|&i| required_at(i)).count();
        // Required for the core only where it applies in every situation the region has.
        let required_always = |i: usize| required_at(i) && everywhere(regions[i].1, id);
        let required_counted = counted.iter().filter(|&&i| required_always(i)).count();
        let mut only_in_situations: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, (code, cell)) in cells.iter().enumerate() {
            let g = regions[i].1;
            if cell.is_some() && g.situations.is_some() && !everywhere(g, id) {
                only_in_situations.insert((*code).clone(), situation_names(g, g.limit(id)));
            }
        }
        let mut attributes = BTreeMap::new();
        let mut conditional_in = Vec::new();
        let mut parts: Vec<Part> = Vec::new();
        let mut accepts: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut wordings: Vec<Wording> = Vec::new();
        let mut names: Vec<(&str, usize)> = Vec::new();
        let mut holder = None;
        // The baseline (100000) first, then the regions in code order: each part's and each
        // wording's regions are sorted, so they can be searched.
        let listed = base_cell
            .map(|c| (crate::compare::catalog::BASELINE_REGION, c))
            .into_iter()
            .chain(
                cells
                    .iter()
                    .filter_map(|(c, cell)| Some((c.as_str(), (*cell)?))),
            );
        // (reading, piece) → index into `parts`.
        let mut part_of: HashMap<(u32, u16), usize> = HashMap::new();
        for (code, cell) in listed {
            let piece: &Piece = catalog.piece(cell);
            if !detail {
                if !cell.attrs.is_empty() && code != crate::compare::catalog::BASELINE_REGION {
                    attributes.insert(code.to_owned(), cell.attrs);
                }
                continue;
            }
            match part_of.get(&(cell.reading, cell.piece)) {
                Some(&i) => parts[i].regions.push(code.to_owned()),
                None => {
                    let reading = &catalog.readings[cell.reading as usize];
                    part_of.insert((cell.reading, cell.piece), parts.len());
                    let mut how = piece.how.clone();
                    if catalog.keys.get(id) != piece.requirement {
                        how.push(How::OwnRequirement {
                            requirement: piece.name.clone(),
                        });
                    }
                    parts.push(Part {
                        regions: vec![code.to_owned()],
                        material: reading.material.clone(),
                        piece: piece.text.clone(),
                        how,
                        qualifiers: piece.qualifiers.clone(),
                        vague: piece.vague,
                    });
                }
            }
            holder = holder.or_else(|| piece.holder.clone());
            match names.iter_mut().find(|(n, _)| *n == piece.name) {
                Some((_, k)) => *k += 1,
                None => names.push((&piece.name, 1)),
            }
            if code == crate::compare::catalog::BASELINE_REGION {
                continue;
            }
            // A form accepts no document in particular: nothing to compare or write.
            if !piece.accepts.is_empty() {
                accepts.insert(code.to_owned(), piece.accepts.clone());
            }
            match wordings.iter_mut().find(|w| w.wording == piece.text) {
                Some(w) => w.regions.push(code.to_owned()),
                None => wordings.push(Wording {
                    wording: piece.text.clone(),
                    regions: vec![code.to_owned()],
                }),
            }
            if !cell.attrs.is_empty() {
                attributes.insert(code.to_owned(), cell.attrs);
            }
            if cell.conditional {
                conditional_in.push(code.to_owned());
            }
        }
        wordings.sort_by(|a, b| {
            b.regions
                .len()
                .cmp(&a.regions.len())
                .then_with(|| a.wording.cmp(&b.wording))
        });
        let mut differences = Vec::new();
        let given: Vec<&Attrs> = cells
            .iter()
            .filter_map(|(_, c)| c.map(|c| &c.attrs))
            .collect();
        if distinct(given.iter().filter_map(|a| a.original())) > 1 {
            differences.push("original");
        }
        if distinct(given.iter().filter_map(|a| a.copies())) > 1 {
            differences.push("copies");
        }
        if distinct(given.iter().filter_map(|a| a.medium())) > 1 {
            differences.push("medium");
        }
        if distinct(accepts.values().map(|a| {
            let mut a = a.clone();
            a.sort();
            a
        })) > 1
        {
            differences.push("accepts");
        }
        // Listed for some situations in one region and always (or for others) in another.
        if !only_in_situations.is_empty()
            && distinct(cells.iter().filter_map(|(code, c)| {
                c.map(|_| only_in_situations.get(*code).cloned().unwrap_or_default())
            })) > 1
        {
            differences.push("situations");
        }
        let class = if required_counted == counted.len() && !counted.is_empty() {
            "core"
        } else if required > 0 {
            "extra"
        } else if present > 0 {
            "optional"
        } else {
            "baseline"
        };
        rows.push((
            MaterialRow {
                name: row_name(catalog, id, &names, &accepts, holder.as_deref()),
                variants: item
                    .variants
                    .get(&id)
                    .map(|v| v.iter().cloned().collect())
                    .unwrap_or_default(),
                regions: cells
                    .iter()
                    .map(|(c, cell)| ((*c).clone(), cell.map_or(Status::Absent, |c| c.status)))
                    .collect(),
                holder,
                parts,
                accepts,
                wordings,
                attributes,
                attribute_differences: differences,
                conditional_in,
                only_in_situations,
                class,
                baseline,
            },
            required_counted * 1000 + required,
            present,
            id,
        ));
    }
    rows.sort_by(|(a, ra, pa, _), (b, rb, pb, _)| {
        rb.cmp(ra)
            .then(pb.cmp(pa))
            .then_with(|| a.name.cmp(&b.name))
    });
    let name_by_id: BTreeMap<u32, String> = rows
        .iter()
        .map(|(r, _, _, id)| (*id, r.name.clone()))
        .collect();
    let row_ids: Vec<u32> = rows.iter().map(|r| r.3).collect();
    let materials: Vec<MaterialRow> = rows.into_iter().map(|(r, _, _, _)| r).collect();
    // Guides without situations (nearly all) cost one emptiness check each here.
    let situations: Vec<RegionSituations> = regions
        .iter()
        .filter(|(_, g)| !g.situation_names().is_empty())
        .map(|(c, g)| RegionSituations {
            region: (*c).clone(),
            names: g.situation_names().iter().map(|n| n.to_string()).collect(),
        })
        .collect();
    let per_situation = if detail && situations.len() >= 2 {
        per_situation(&regions, &situations, &materials, &row_ids)
    } else {
        Vec::new()
    };
    let name_of = |id: u32| {
        name_by_id
            .get(&id)
            .cloned()
            .unwrap_or_else(|| catalog.display[id as usize].clone())
    };

    let common_core: Vec<String> = materials
        .iter()
        .filter(|m| m.class == "core")
        .map(|m| m.name.clone())
        .collect();
    let regional_extras: Vec<Extra> = materials
        .iter()
        .filter(|m| m.class == "extra")
        .map(|m| {
            let (req, not): (Vec<&String>, Vec<&String>) =
                codes.iter().partition(|c| m.status(c) == Status::Required);
            Extra {
                material: m.name.clone(),
                required_in: req.into_iter().cloned().collect(),
                not_required_in: not.into_iter().cloned().collect(),
            }
        })
        .collect();
    let counted_codes: Vec<String> = counted.iter().map(|&i| codes[i].clone()).collect();
    let required_anywhere = materials
        .iter()
        .filter(|m| {
            counted_codes
                .iter()
                .any(|c| m.status(c) == Status::Required)
        })
        .count();
    let required_everywhere = common_core.len();
    let uniformity = if required_anywhere == 0 {
        1.0
    } else {
        round(required_everywhere as f64 / required_anywhere as f64)
    };

    let region_details = regions
        .iter()
        .map(|(code, g)| RegionInfo {
            code: (*code).clone(),
            name: catalog.values.get(g.region_name).to_owned(),
            partial: g.partial,
            path: g.path.to_string(),
            beyond_core: materials
                .iter()
                .filter(|m| m.class == "extra" && m.status(code) == Status::Required)
                .map(|m| m.name.clone())
                .collect(),
        })
        .collect::<Vec<_>>();

    let elements = ELEMENTS
        .iter()
        .enumerate()
        .filter_map(|(k, (key, title, title_en))| {
            let values: BTreeMap<String, String> = regions
                .iter()
                .filter_map(|(c, g)| {
                    g.elements[k].map(|v| ((*c).clone(), catalog.values.get(v).to_owned()))
                })
                .collect();
            let baseline = item
                .baseline
                .as_ref()
                .and_then(|b| b.elements[k])
                .map(|v| catalog.values.get(v).to_owned());
            if values.is_empty() && baseline.is_none() {
                return None;
            }
            let uniform = distinct(values.values()) <= 1;
            Some(ElementDiff {
                key,
                title,
                title_en,
                regions: values,
                baseline,
                uniform,
            })
        })
        .collect();

    let baseline = item.baseline.as_ref().map(|b| {
        let required: Vec<u32> = b
            .materials
            .iter()
            .filter(|(_, c)| c.status == Status::Required)
            .map(|(id, _)| *id)
            .collect();
        BaselineDiff {
            path: b.path.to_string(),
            partial: b.partial,
            required: required.iter().map(|&id| name_of(id)).collect(),
            deviations: regions
                .iter()
                .map(|(code, g)| {
                    let pick = |f: &dyn Fn(u32, &Cell) -> bool| -> Vec<String> {
                        let mut v: Vec<String> = g
                            .materials
                            .iter()
                            .filter(|(id, c)| f(*id, c))
                            .map(|(id, _)| name_of(*id))
                            .collect();
                        v.sort();
                        v.dedup();
                        v
                    };
                    let mut dropped: Vec<String> = required
                        .iter()
                        .filter(|id| g.cell(**id).is_none())
                        .map(|&id| name_of(id))
                        .collect();
                    dropped.sort();
                    Deviation {
                        region: (*code).clone(),
                        partial: g.partial,
                        added: pick(&|id, c| c.status == Status::Required && b.cell(id).is_none()),
                        dropped,
                        relaxed: pick(&|id, c| {
                            c.status != Status::Required
                                && b.cell(id).is_some_and(|bc| bc.status == Status::Required)
                        }),
                    }
                })
                .collect(),
        }
    });

    // Near matches only among what the model could not place (wordings the ontology lacks).
    let unplaced: Vec<u32> = ids
        .iter()
        .copied()
        .filter(|&id| is_wording_key(catalog.keys.get(id)))
        .collect();
    let (near_matches, proposal) = if detail {
        (
            near_matches(catalog, item, &unplaced, &name_of),
            propose(&materials, &region_details, &counted_codes),
        )
    } else {
        (Vec::new(), Proposal::default())
    };

    ItemDiff {
        name: item.name.clone(),
        basic_code: item.basic_code.clone(),
        comparable: counted_codes.len() >= 2,
        has_partial: region_details.iter().any(|r| r.partial),
        regions: codes,
        region_details,
        uniformity,
        counted: counted_codes,
        required_everywhere,
        required_anywhere,
        materials,
        common_core,
        regional_extras,
        near_matches,
        elements,
        baseline,
        situations,
        per_situation,
        proposal,
    }
}

/// The comparison per situation two or more regions declare: each region's status of each
/// requirement in that situation (absent where its material is limited to other situations).
fn per_situation(
    regions: &[(&String, &Guide)],
    declared: &[RegionSituations],
    materials: &[MaterialRow],
    row_ids: &[u32],
) -> Vec<SituationDiff> {
    let mut names: Vec<&str> = Vec::new();
    for r in declared {
        for n in &r.names {
            if !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
    }
    let mut out = Vec::new();
    for name in names {
        // (code, guide, bit of the situation)
        let sharing: Vec<(&String, &Guide, u32)> = regions
            .iter()
            .filter_map(|(c, g)| {
                let i = g.situation_names().iter().position(|n| &**n == name)?;
                (i < 32).then_some((*c, *g, 1u32 << i))
            })
            .collect();
        if sharing.len() < 2 {
            continue;
        }
        let mut differing = Vec::new();
        for (row, &id) in materials.iter().zip(row_ids) {
            let statuses: BTreeMap<String, Status> = sharing
                .iter()
                .map(|(c, g, bit)| {
                    let s = g
                        .cell(id)
                        .filter(|_| {
                            let mask = g.limit(id);
                            mask == 0 || mask & bit != 0
                        })
                        .map_or(Status::Absent, |cell| cell.status);
                    ((*c).clone(), s)
                })
                .collect();
            if distinct(statuses.values()) > 1 {
                differing.push(SituationRow {
                    requirement: row.name.clone(),
                    regions: statuses,
                });
            }
        }
        out.push(SituationDiff {
            name: name.to_owned(),
            regions: sharing.iter().map(|(c, _, _)| (*c).clone()).collect(),
            differing,
        });
    }
    out
}

/// Whether a requirement key is a wording the ontology does not know (not an entry, not a form).
fn is_wording_key(key: &str) -> bool {
    key.rsplit('|').next().is_some_and(|k| k.starts_with('~'))
}

/// A row's name: the one document every region accepts, when they all accept the same single
/// one (居民身份证 rather than 身份证明); the most common name of its pieces for a form or a
/// wording; else the requirement's ontology name.
fn row_name(
    catalog: &Catalog,
    id: u32,
    names: &[(&str, usize)],
    accepts: &BTreeMap<String, Vec<String>>,
    holder: Option<&str>,
) -> String {
    let key = catalog.keys.get(id);
    let base = key.rsplit('|').next().unwrap_or(key);
    if base.starts_with('§') || base.starts_with('~') {
        return names
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map_or_else(
                || catalog.display[id as usize].clone(),
                |(n, _)| (*n).to_owned(),
            );
    }
    let mut docs: Vec<&String> = accepts.values().flatten().collect();
    docs.sort();
    docs.dedup();
    if let [one] = docs.as_slice()
        && catalog.ontology.lookup("", None, &normalize(one)).is_some()
    {
        return match holder {
            Some(h) => format!("{h}的{one}"),
            None => (*one).clone(),
        };
    }
    catalog.display[id as usize].clone()
}

/// The harmonisation proposal: the core, what a majority of the counted (complete) regions
/// require and what the baseline requires, each under the baseline's wording or the most common
/// one, accepting every document some region accepts; then what each region changes.
fn propose(materials: &[MaterialRow], regions: &[RegionInfo], counted: &[String]) -> Proposal {
    let of = counted.len();
    let mut proposed: Vec<(&MaterialRow, Proposed)> = Vec::new();
    for m in materials {
        let required_in = counted
            .iter()
            .filter(|c| m.status(c) == Status::Required)
            .count();
        let why = if m.class == "core" {
            "core"
        } else if of > 0 && required_in * 2 > of {
            "majority"
        } else if m.baseline == Some(Status::Required) {
            "baseline"
        } else {
            continue;
        };
        let base_wording = m
            .parts
            .iter()
            .find(|p| {
                p.regions
                    .iter()
                    .any(|r| r == crate::compare::catalog::BASELINE_REGION)
            })
            .map(|p| p.piece.clone());
        // A form is proposed under its title without place or 《》 (each region prints its own).
        // A form's pieces accept nothing in particular (so `accepts` has no entry for it).
        let form = m.accepts.is_empty() && m.parts.iter().any(|p| p.how.contains(&How::ItemForm));
        let name = if form {
            m.name.clone()
        } else {
            base_wording
                .or_else(|| m.wordings.first().map(|w| w.wording.clone()))
                .unwrap_or_else(|| m.name.clone())
        };
        let mut accepts: Vec<String> = Vec::new();
        // The category itself ("any 身份证明") is not one more document to accept.
        for a in m.accepts.values().flatten().filter(|a| **a != m.name) {
            if !accepts.contains(a) {
                accepts.push(a.clone());
            }
        }
        proposed.push((
            m,
            Proposed {
                requirement: m.name.clone(),
                name,
                accepts,
                why,
                required_in,
                of,
            },
        ));
    }
    // One wording naming several persons (法定代表人、董事、监事和经理的任职文件) meets several
    // proposed requirements: each is proposed under its own name (法定代表人的任职文件 …).
    let shared_names: Vec<String> = {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (_, p) in &proposed {
            *seen.entry(p.name.as_str()).or_default() += 1;
        }
        seen.into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(w, _)| w.to_owned())
            .collect()
    };
    for (m, p) in &mut proposed {
        let distributed = m.parts.iter().any(|part| {
            part.piece == p.name
                && part
                    .how
                    .iter()
                    .any(|h| matches!(h, How::Distributed { .. }))
        });
        if distributed || shared_names.contains(&p.name) {
            p.name = m.name.clone();
        }
    }
    // Per proposed row: region → its wording and place, so each region is one lookup.
    type ByRegion<'a> = HashMap<&'a str, &'a str>;
    let own: Vec<(ByRegion<'_>, ByRegion<'_>)> = proposed
        .iter()
        .map(|(m, _)| {
            let wording = m
                .wordings
                .iter()
                .flat_map(|w| {
                    w.regions
                        .iter()
                        .map(move |r| (r.as_str(), w.wording.as_str()))
                })
                .collect();
            let place = m
                .parts
                .iter()
                .filter_map(|p| Some((p.regions.iter(), p.qualifiers.place.as_deref()?)))
                .flat_map(|(regions, place)| regions.map(move |r| (r.as_str(), place)))
                .collect();
            (wording, place)
        })
        .collect();
    // Per proposed row, once (not once per region: that made a 1M-guide diff cubic in the
    // regions of an item): the regions listing it with a condition, and whether most counted
    // regions always require it.
    let conditional: Vec<HashSet<&str>> = proposed
        .iter()
        .map(|(m, _)| m.conditional_in.iter().map(String::as_str).collect())
        .collect();
    let mostly_always: Vec<bool> = proposed
        .iter()
        .zip(&conditional)
        .map(|((m, _), conditional)| {
            counted
                .iter()
                .filter(|c| {
                    m.status(c) == Status::Required
                        && !conditional.contains(c.as_str())
                        && !m.only_in_situations.contains_key(c.as_str())
                })
                .count()
                * 2
                > of
        })
        .collect();
    let changes = regions
        .iter()
        .map(|r| {
            let mut change = RegionChange {
                region: r.code.clone(),
                partial: r.partial,
                add: Vec::new(),
                drop: Vec::new(),
                reword: Vec::new(),
                accept_more: Vec::new(),
                make_required: Vec::new(),
            };
            // How many proposed requirements each of this region's wordings meets.
            let mut uses: HashMap<&str, usize> = HashMap::new();
            for (w, _) in &own {
                if let Some(one) = w.get(r.code.as_str()) {
                    *uses.entry(*one).or_default() += 1;
                }
            }
            for (((m, p), (wording, place)), (conditional, mostly_always)) in proposed
                .iter()
                .zip(&own)
                .zip(conditional.iter().zip(&mostly_always))
            {
                if m.status(&r.code) == Status::Absent {
                    change.add.push(p.name.clone());
                    continue;
                }
                // Listed but not always required here, while most regions always require it.
                let now = match m.status(&r.code) {
                    Status::Optional => Some("optional"),
                    Status::Required if conditional.contains(r.code.as_str()) => {
                        Some("conditional")
                    }
                    Status::Required if m.only_in_situations.contains_key(&r.code) => {
                        Some("situations")
                    }
                    _ => None,
                };
                if let Some(now) = now
                    && *mostly_always
                {
                    change.make_required.push(MakeRequired {
                        requirement: p.name.clone(),
                        now,
                    });
                }
                let place = place.get(r.code.as_str()).copied().unwrap_or_default();
                // A wording of this region that meets several proposed requirements lists them
                // together: no reword per requirement.
                if let Some(one) = wording.get(r.code.as_str())
                    && uses.get(one).copied().unwrap_or(0) < 2
                    && normalize(one).replacen(&normalize(place), "", 1) != normalize(&p.name)
                {
                    change.reword.push(Reword {
                        from: (*one).to_owned(),
                        to: p.name.clone(),
                    });
                }
                let mine = m.accepts.get(&r.code).map_or(&[][..], Vec::as_slice);
                let missing: Vec<String> = p
                    .accepts
                    .iter()
                    .filter(|a| !mine.contains(a))
                    .cloned()
                    .collect();
                // A region accepting the whole category (有效身份证件) accepts these already.
                if !missing.is_empty() && !mine.is_empty() && !mine.contains(&m.name) {
                    change.accept_more.push(AcceptMore {
                        requirement: p.name.clone(),
                        add: missing,
                    });
                }
            }
            for m in materials {
                if m.status(&r.code) == Status::Required
                    && !proposed.iter().any(|(pm, _)| std::ptr::eq(*pm, m))
                {
                    let own = m
                        .wordings
                        .iter()
                        .find(|w| w.regions.binary_search(&r.code).is_ok())
                        .map_or_else(|| m.name.clone(), |w| w.wording.clone());
                    change.drop.push(own);
                }
            }
            change
        })
        .filter(|c| !c.is_empty())
        .collect();
    Proposal {
        materials: proposed.into_iter().map(|(_, p)| p).collect(),
        changes,
    }
}

fn distinct<T: PartialEq>(values: impl Iterator<Item = T>) -> usize {
    let mut seen: Vec<T> = Vec::new();
    for v in values {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen.len()
}

/// Pairs of materials of one item whose names are similar and that no single guide lists
/// together (a guide listing both means they are different materials).
fn near_matches(
    catalog: &Catalog,
    item: &Item,
    ids: &[u32],
    name_of: &dyn Fn(u32) -> String,
) -> Vec<NearMatch> {
    let ids = &ids[..ids.len().min(NEAR_MATCH_LIMIT)];
    let guides: Vec<&Guide> = item.regions.values().chain(item.baseline.iter()).collect();
    let mut out = Vec::new();
    for (i, &a) in ids.iter().enumerate() {
        for &b in &ids[i + 1..] {
            let key = |id: u32| {
                let k = catalog.keys.get(id);
                k.rsplit('|')
                    .next()
                    .unwrap_or(k)
                    .trim_start_matches('~')
                    .to_owned()
            };
            let score = similarity(&key(a), &key(b));
            if score < NEAR_MATCH_THRESHOLD {
                continue;
            }
            if guides
                .iter()
                .any(|g| g.cell(a).is_some() && g.cell(b).is_some())
            {
                continue;
            }
            let (x, y) = (name_of(a), name_of(b));
            let (a, b) = if x <= y { (x, y) } else { (y, x) };
            out.push(NearMatch {
                a,
                b,
                score: (score * 100.0).round() / 100.0,
            });
        }
    }
    out.sort_by(|p, q| {
        q.score
            .total_cmp(&p.score)
            .then_with(|| p.a.cmp(&q.a))
            .then_with(|| p.b.cmp(&q.b))
    });
    out
}

/// The comparable items whose uniformity is below `threshold`.
pub(crate) fn fails_under<'a>(cmp: &'a Comparison<'_>, threshold: f64) -> Vec<&'a ItemSummary> {
    cmp.ranking
        .iter()
        .filter(|i| i.comparable && i.uniformity < threshold)
        .collect()
}

/// One side of a pairwise view.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// Region code.
    pub code: String,
    /// 区划名称.
    pub name: String,
    /// Whether the guide is partial.
    pub partial: bool,
    /// The situations (情形) the guide distinguishes, in its order (empty for most guides).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<String>,
    /// The normalised material list, one line per material: `name [status; attributes]`,
    /// sorted by normalised name so that the same material lines up.
    pub lines: Vec<String>,
}

/// Two regions of one item, for a unified diff of their normalised material lists.
#[derive(Debug, Clone, Serialize)]
pub struct Pairwise {
    /// 事项名称.
    pub item: String,
    /// The first region.
    pub a: Side,
    /// The second region.
    pub b: Side,
}

/// Builds the pairwise view of `a` and `b` (region codes; `100000` = the national baseline) for
/// the item named by the (filtered) catalog.
pub(crate) fn pairwise(catalog: &Catalog, a: &str, b: &str) -> Result<Pairwise, Error> {
    let item = match catalog.items.as_slice() {
        [one] => one,
        [] => return Err(Error::Usage("no guide of that item".into())),
        many => {
            return Err(Error::Usage(format!(
                "`--item` matches {} items with different 基本编码; give the 基本编码 instead",
                many.len()
            )));
        }
    };
    let side = |code: &str| -> Result<Side, Error> {
        // The national baseline can be one side: "what does this region add to 全国?".
        let g = if code == crate::compare::catalog::BASELINE_REGION {
            item.baseline.as_ref()
        } else {
            item.regions.get(code)
        };
        let g = g.ok_or_else(|| {
            Error::Usage(format!(
                "item {} has no guide for region {code}; it has: {}",
                item.name,
                item.regions.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })?;
        let mut lines: Vec<(String, String)> = g
            .materials
            .iter()
            .map(|(id, c)| {
                let name = &catalog.display[*id as usize];
                let mut tags = vec![c.status.zh().to_owned()];
                let attrs = c.attrs.describe();
                if !attrs.is_empty() {
                    tags.push(attrs);
                }
                // A material limited to some situations is not asked in the others.
                let limit = g.limit(*id);
                if limit != 0 {
                    let names: Vec<&str> = g
                        .situation_names()
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i < 32 && limit & (1 << i) != 0)
                        .map(|(_, n)| &**n)
                        .collect();
                    tags.push(format!("仅限情形：{}", names.join("、")));
                }
                (normalize(name), format!("{name} [{}]", tags.join("；")))
            })
            .collect();
        lines.sort();
        Ok(Side {
            code: code.to_owned(),
            name: catalog.values.get(g.region_name).to_owned(),
            partial: g.partial,
            situations: g.situation_names().iter().map(|n| n.to_string()).collect(),
            lines: lines.into_iter().map(|(_, l)| l).collect(),
        })
    };
    Ok(Pairwise {
        item: item.name.clone(),
        a: side(a)?,
        b: side(b)?,
    })
}
