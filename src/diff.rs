//! The comparison, as a value: per item a material × region matrix of statuses, attribute
//! differences, the common core, regional extras, the uniformity index, the other compared
//! elements, near-match suggestions and each region's deviation from the national baseline; and
//! the pairwise view of two regions. Nothing here prints.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Error;
use crate::catalog::{Attrs, Catalog, Cell, ELEMENTS, Guide, Item, Status};
use crate::normalize::{NEAR_MATCH_THRESHOLD, normalize, similarity};

/// Near-match suggestions are computed among at most this many materials of one item (the
/// comparison is quadratic in them).
pub const NEAR_MATCH_LIMIT: usize = 1_000;

/// The whole comparison: what every report format renders. Items are ranked once (a small
/// [`ItemSummary`] each) and their full [`ItemDiff`] is built on demand, one at a time, by
/// [`Comparison::items`], so a report never holds more than one item's matrix.
pub struct Comparison<'c> {
    catalog: &'c Catalog,
    /// Items, most non-uniform first (items present in one region only come last).
    pub ranking: Vec<ItemSummary>,
    /// Two guides of one item in one region: the second was left out.
    pub collisions: &'c [crate::catalog::Collision],
    /// Files that were not compared, and why.
    pub skipped: &'c [crate::catalog::Skipped],
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
            .map(|s| compare_item(self.catalog, &self.catalog.items[s.index]))
    }

    /// Whether there is nothing to compare.
    pub fn is_empty(&self) -> bool {
        self.ranking.is_empty()
    }
}

/// Version of the JSON shape; bumped when a field changes meaning or disappears.
pub const FORMAT_VERSION: u32 = 1;

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

/// One material's row.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialRow {
    /// Canonical name (from the synonyms dictionary) or the name as first written.
    pub name: String,
    /// Every name the guides used for it.
    pub variants: Vec<String>,
    /// Region code → status (every region of the item).
    pub regions: BTreeMap<String, Status>,
    /// Region code → attributes, where the guide gives any.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Attrs>,
    /// Attributes whose given values differ between regions: `original`, `copies`, `medium`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attribute_differences: Vec<&'static str>,
    /// Region codes whose guide lists it with a condition (适用情形 / 如需).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditional_in: Vec<String>,
    /// `core` (required everywhere), `extra` (required in some regions), `optional` (listed,
    /// never required), `baseline` (required by the national baseline only, listed nowhere).
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
    /// |required everywhere| / |required anywhere| (1.0 when nothing is required anywhere).
    pub uniformity: f64,
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
pub fn compare(catalog: &Catalog) -> Comparison<'_> {
    let mut ranking: Vec<ItemSummary> = catalog
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.regions.is_empty())
        .map(|(index, i)| {
            let d = compare_item(catalog, i);
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

fn compare_item(catalog: &Catalog, item: &Item) -> ItemDiff {
    let regions: Vec<(&String, &Guide)> = item.regions.iter().collect();
    let codes: Vec<String> = regions.iter().map(|(c, _)| (*c).clone()).collect();
    let name_of = |id: u32| catalog.display[id as usize].clone();

    // Every material listed anywhere (regions and baseline), once.
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

    let mut rows: Vec<(MaterialRow, usize, usize)> = Vec::new();
    for &id in &ids {
        let cells: Vec<(&String, Option<&Cell>)> =
            regions.iter().map(|(c, g)| (*c, g.cell(id))).collect();
        let baseline = item
            .baseline
            .as_ref()
            .map(|b| b.cell(id).map_or(Status::Absent, |c| c.status));
        let present = cells.iter().filter(|(_, c)| c.is_some()).count();
        if present == 0 && baseline != Some(Status::Required) {
            // Only an optional material of the baseline: nothing to compare.
            continue;
        }
        let required = cells
            .iter()
            .filter(|(_, c)| c.is_some_and(|c| c.status == Status::Required))
            .count();
        let mut attributes = BTreeMap::new();
        let mut conditional_in = Vec::new();
        for (code, cell) in &cells {
            if let Some(cell) = cell {
                if !cell.attrs.is_empty() {
                    attributes.insert((*code).clone(), cell.attrs);
                }
                if cell.conditional {
                    conditional_in.push((*code).clone());
                }
            }
        }
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
        let class = if required == regions.len() {
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
                name: name_of(id),
                variants: item
                    .variants
                    .get(&id)
                    .map(|v| v.iter().cloned().collect())
                    .unwrap_or_default(),
                regions: cells
                    .iter()
                    .map(|(c, cell)| ((*c).clone(), cell.map_or(Status::Absent, |c| c.status)))
                    .collect(),
                attributes,
                attribute_differences: differences,
                conditional_in,
                class,
                baseline,
            },
            required,
            present,
        ));
    }
    rows.sort_by(|(a, ra, pa), (b, rb, pb)| {
        rb.cmp(ra)
            .then(pb.cmp(pa))
            .then_with(|| a.name.cmp(&b.name))
    });
    let materials: Vec<MaterialRow> = rows.into_iter().map(|(r, _, _)| r).collect();

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
    let required_anywhere = materials
        .iter()
        .filter(|m| m.class == "core" || m.class == "extra")
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

    let near_matches = near_matches(catalog, item, &ids);

    ItemDiff {
        name: item.name.clone(),
        basic_code: item.basic_code.clone(),
        comparable: codes.len() >= 2,
        has_partial: region_details.iter().any(|r| r.partial),
        regions: codes,
        region_details,
        uniformity,
        required_everywhere,
        required_anywhere,
        materials,
        common_core,
        regional_extras,
        near_matches,
        elements,
        baseline,
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
fn near_matches(catalog: &Catalog, item: &Item, ids: &[u32]) -> Vec<NearMatch> {
    let ids = &ids[..ids.len().min(NEAR_MATCH_LIMIT)];
    let guides: Vec<&Guide> = item.regions.values().chain(item.baseline.iter()).collect();
    let mut out = Vec::new();
    for (i, &a) in ids.iter().enumerate() {
        for &b in &ids[i + 1..] {
            let score = similarity(catalog.keys.get(a), catalog.keys.get(b));
            if score < NEAR_MATCH_THRESHOLD {
                continue;
            }
            if guides
                .iter()
                .any(|g| g.cell(a).is_some() && g.cell(b).is_some())
            {
                continue;
            }
            let (x, y) = (
                catalog.display[a as usize].clone(),
                catalog.display[b as usize].clone(),
            );
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
pub fn fails_under<'a>(cmp: &'a Comparison<'_>, threshold: f64) -> Vec<&'a ItemSummary> {
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
pub fn pairwise(catalog: &Catalog, a: &str, b: &str) -> Result<Pairwise, Error> {
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
        let g = if code == crate::catalog::BASELINE_REGION {
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
                (normalize(name), format!("{name} [{}]", tags.join("；")))
            })
            .collect();
        lines.sort();
        Ok(Side {
            code: code.to_owned(),
            name: catalog.values.get(g.region_name).to_owned(),
            partial: g.partial,
            lines: lines.into_iter().map(|(_, l)| l).collect(),
        })
    };
    Ok(Pairwise {
        item: item.name.clone(),
        a: side(a)?,
        b: side(b)?,
    })
}
