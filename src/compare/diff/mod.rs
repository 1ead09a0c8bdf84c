//! The comparison, as a value: per item a material × region matrix of statuses, attribute
//! differences, the common core, regional extras, the uniformity index, the other compared
//! elements, near-match suggestions and each region's deviation from the national baseline; and
//! the pairwise view of two regions. Nothing here prints.
//!
//! [`compare_item`] is a list of steps, one file each: [`rows`] (the matrix), [`situations`],
//! [`elements`], [`baseline`], [`near`] (suggestions) and [`propose`] (the harmonisation
//! proposal); [`pairwise`] is the two-region view.

mod baseline;
mod elements;
mod near;
mod pairwise;
mod propose;
mod rows;
mod situations;

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::align::{self, Idf};
use crate::compare::catalog::{Catalog, Cell, Guide, Item, Status};

pub(crate) use baseline::BaselineDiff;
pub(crate) use elements::ElementDiff;
pub(crate) use near::NearMatch;
pub(crate) use pairwise::pairwise;
pub(crate) use pairwise::{Pairwise, Side};
pub(crate) use propose::{MakeRequired, Proposal};
pub(crate) use rows::MaterialRow;
pub(crate) use situations::{RegionSituations, SituationDiff};

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
    /// How rare each term is among the run's material names, for the similarity alignment.
    idf: Idf,
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
    /// Two or more regions counted for uniformity (complete guides; every region when none is
    /// complete): its uniformity compares something.
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
            .map(|s| compare_item(self.catalog, &self.idf, &self.catalog.items[s.index], true))
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
    /// |required in every complete region| / |required in at least one region| (1.0 when
    /// nothing is required; the core over all regions when none is complete). A partial guide's
    /// silence is unknown, but what it lists as required is known: it counts in the denominator.
    pub uniformity: f64,
    /// The regions core and uniformity are computed over: the complete ones (all when none is).
    pub counted: Vec<String>,
    /// Two or more regions counted for uniformity; if not, `--fail-under` ignores it.
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
    let idf = Idf::new(catalog);
    let mut ranking: Vec<ItemSummary> = catalog
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.regions.is_empty())
        .map(|(index, i)| {
            // The ranking needs the numbers only: no explanations, wordings or proposal.
            let d = compare_item(catalog, &idf, i, false);
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
        idf,
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

/// The comparable items whose uniformity is below `threshold`.
pub(crate) fn fails_under<'a>(cmp: &'a Comparison<'_>, threshold: f64) -> Vec<&'a ItemSummary> {
    cmp.ranking
        .iter()
        .filter(|i| i.comparable && i.uniformity < threshold)
        .collect()
}

/// One item's comparison; `detail` adds what only reports show (parts, wordings, accepted sets,
/// the proposal), which the ranking does not need.
fn compare_item(catalog: &Catalog, idf: &Idf, item: &Item, detail: bool) -> ItemDiff {
    let regions: Vec<(&String, &Guide)> = item.regions.iter().collect();
    let codes: Vec<String> = regions.iter().map(|(c, _)| (*c).clone()).collect();
    let counted = counted_regions(&regions);
    let ids = listed_ids(item);
    let alignment = align::align(catalog, idf, item, &ids);
    let (materials, row_groups) =
        rows::build(catalog, item, &regions, &counted, &alignment, detail);
    let index = RowIndex::new(&row_groups, &materials);
    let name_of = |id: u32| index.name(catalog, id);
    let lists = |g: &Guide, id: u32| index.status(g, id);
    let situations = situations::declared(&regions);
    let per_situation = if detail && situations.len() >= 2 {
        let names: Vec<&str> = materials.iter().map(|m| m.name.as_str()).collect();
        situations::per_situation(&regions, &situations, &names, &row_groups)
    } else {
        Vec::new()
    };
    let counted_codes: Vec<String> = counted.iter().map(|&i| codes[i].clone()).collect();
    let (common_core, regional_extras) = core_and_extras(&materials, &codes);
    let required_everywhere = common_core.len();
    let (required_anywhere, uniformity) = uniformity(&materials, &codes, required_everywhere);
    let region_details = region_details(catalog, &regions, &materials);
    let elements = elements::compare(catalog, item, &regions);
    let baseline = baseline::compare(item, &regions, &name_of, &lists);
    let (near_matches, proposal) = if detail {
        // Near matches only among what the model could not place (wordings the ontology lacks).
        // A joined wording is no longer a suggestion: only the first of each row is offered.
        let unplaced: Vec<u32> = row_groups
            .iter()
            .flat_map(|group| group.first())
            .copied()
            .filter(|&id| rows::is_wording_key(catalog.keys.get(id)))
            .collect();
        (
            near::near_matches(catalog, item, &unplaced, &name_of),
            propose::propose(&materials, &region_details),
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

/// Each requirement id's row: its name and the ids the alignment joined with it.
struct RowIndex<'a> {
    name: HashMap<u32, &'a str>,
    group: HashMap<u32, &'a [u32]>,
}

impl<'a> RowIndex<'a> {
    fn new(groups: &[&'a [u32]], materials: &'a [MaterialRow]) -> Self {
        let mut index = RowIndex {
            name: HashMap::new(),
            group: HashMap::new(),
        };
        for (group, m) in groups.iter().zip(materials) {
            for id in group.iter() {
                index.name.insert(*id, m.name.as_str());
                index.group.insert(*id, group);
            }
        }
        index
    }

    /// The name of the row requirement `id` is in (its own name when it has no row).
    fn name(&self, catalog: &Catalog, id: u32) -> String {
        self.name
            .get(&id)
            .map_or_else(|| catalog.display[id as usize].clone(), |n| (*n).to_owned())
    }

    /// The status guide `g` gives `id`, or a requirement the alignment joined to it, if listed.
    fn status(&self, g: &Guide, id: u32) -> Option<Status> {
        self.group
            .get(&id)
            .map_or_else(|| g.cell(id), |group| member(g, group).map(|(_, c)| c))
            .map(|c| c.status)
    }
}

/// The member of `group` a guide lists (one at most: the alignment never joins two rows of one
/// guide), with its cell.
fn member<'g>(g: &'g Guide, group: &[u32]) -> Option<(u32, &'g Cell)> {
    group.iter().find_map(|&id| Some((id, g.cell(id)?)))
}

/// The regions core and uniformity count (indices into `regions`): complete guides only, as a
/// partial guide's silence is not "not required"; every region when none is complete.
fn counted_regions(regions: &[(&String, &Guide)]) -> Vec<usize> {
    let counted: Vec<usize> = (0..regions.len())
        .filter(|&i| !regions[i].1.partial)
        .collect();
    if counted.is_empty() {
        (0..regions.len()).collect()
    } else {
        counted
    }
}

/// Every requirement listed anywhere (regions and baseline), once, in id order.
fn listed_ids(item: &Item) -> Vec<u32> {
    let mut ids: Vec<u32> = item
        .regions
        .values()
        .chain(item.baseline.iter())
        .flat_map(|g| g.materials.iter().map(|(id, _)| *id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The common core (rows of class `core`) and the regional extras (class `extra`), in row order.
fn core_and_extras(materials: &[MaterialRow], codes: &[String]) -> (Vec<String>, Vec<Extra>) {
    let common_core = materials
        .iter()
        .filter(|m| m.class == "core")
        .map(|m| m.name.clone())
        .collect();
    let regional_extras = materials
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
    (common_core, regional_extras)
}

/// (|required in some region of `regions`|, uniformity = |core| / that, 1.0 when nothing is
/// required). Called with every region: what a partial guide requires is known to be required.
fn uniformity(materials: &[MaterialRow], regions: &[String], core: usize) -> (usize, f64) {
    let anywhere = materials
        .iter()
        .filter(|m| regions.iter().any(|c| m.status(c) == Status::Required))
        .count();
    let uniformity = if anywhere == 0 {
        1.0
    } else {
        round(core as f64 / anywhere as f64)
    };
    (anywhere, uniformity)
}

/// Each region's column: name, partial flag, path and what it requires beyond the core.
fn region_details(
    catalog: &Catalog,
    regions: &[(&String, &Guide)],
    materials: &[MaterialRow],
) -> Vec<RegionInfo> {
    regions
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
        .collect()
}
