//! The matrix: one row per requirement listed anywhere in an item, with each region's status,
//! how each wording reached it (parts), the wordings, accepted documents, attributes and their
//! differences, and its class (core, extra, optional, baseline).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::situations::{everywhere, limited};
use super::{distinct, member};
use crate::compare::align::{Alignment, Similar};
use crate::compare::catalog::{Attrs, BASELINE_REGION, Catalog, Cell, Guide, Item, Status};
use crate::compare::requirement::{How, Piece, Qualifiers};
use crate::data::normalize::normalize;

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
    /// Set when this wording joined the row by similarity, not by a rule or the ontology: the
    /// score and shared terms, for the officer to confirm or reject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar: Option<Similar>,
}

fn is_default(q: &Qualifiers) -> bool {
    *q == Qualifiers::default()
}

impl Part {
    /// The explanation in one language: `piece: split from “…”; qualifier removed …`.
    pub fn explain(&self, lang: crate::diagnostic::Lang) -> String {
        let sep = lang.pick("；", "; ");
        let mut steps: Vec<String> = self.how.iter().map(|h| h.describe(lang)).collect();
        steps.extend(self.similar.as_ref().map(|s| s.describe(lang)));
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
    /// Some of its wordings joined it by similarity (matched by similarity, 按相似度匹配): the
    /// officer should confirm the merge.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub similar: bool,
}

impl MaterialRow {
    /// The status in one region.
    pub fn status(&self, region: &str) -> Status {
        self.regions.get(region).copied().unwrap_or(Status::Absent)
    }
}

/// Whether a requirement key is a wording the ontology does not know (not an entry, not a form).
pub(super) fn is_wording_key(key: &str) -> bool {
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

/// A row with the keys it is ranked by: (row, required-counted × 1000 + required, present, its
/// requirement ids).
type Ranked<'a> = (MaterialRow, usize, usize, &'a [u32]);

/// The matrix rows of one item, most required first, and each row's requirement id (the first
/// of its group: the requirements the alignment put together are one row).
pub(super) fn build<'a>(
    catalog: &Catalog,
    item: &Item,
    regions: &[(&String, &Guide)],
    counted: &[usize],
    alignment: &'a Alignment,
    detail: bool,
) -> (Vec<MaterialRow>, Vec<&'a [u32]>) {
    let mut rows: Vec<Ranked<'_>> = alignment
        .groups
        .iter()
        .filter_map(|group| row(catalog, item, regions, counted, group, alignment, detail))
        .collect();
    rows.sort_by(|(a, ra, pa, _), (b, rb, pb, _)| {
        rb.cmp(ra)
            .then(pb.cmp(pa))
            .then_with(|| a.name.cmp(&b.name))
    });
    let row_ids = rows.iter().map(|r| r.3).collect();
    (rows.into_iter().map(|(r, _, _, _)| r).collect(), row_ids)
}

/// One requirement's row (the ids of `group`, joined by the alignment), or `None` when only the
/// baseline lists it, as optional.
fn row<'a>(
    catalog: &Catalog,
    item: &Item,
    regions: &[(&String, &Guide)],
    counted: &[usize],
    group: &'a [u32],
    alignment: &Alignment,
    detail: bool,
) -> Option<Ranked<'a>> {
    let id = group[0];
    let listed: Vec<Option<(u32, &Cell)>> = regions.iter().map(|(_, g)| member(g, group)).collect();
    let cells: Vec<(&String, Option<&Cell>)> = regions
        .iter()
        .zip(&listed)
        .map(|((c, _), m)| (*c, m.map(|(_, cell)| cell)))
        .collect();
    let ids: Vec<u32> = listed.iter().map(|m| m.map_or(id, |(i, _)| i)).collect();
    let base = item.baseline.as_ref().and_then(|b| member(b, group));
    let base_cell = base.map(|(_, c)| c);
    let baseline = item
        .baseline
        .as_ref()
        .map(|_| base_cell.map_or(Status::Absent, |c| c.status));
    let present = cells.iter().filter(|(_, c)| c.is_some()).count();
    if present == 0 && baseline != Some(Status::Required) {
        // Only an optional material of the baseline: nothing to compare.
        return None;
    }
    let required_at = |i: usize| cells[i].1.is_some_and(|c| c.status == Status::Required);
    let required = (0..cells.len()).filter(|&i| required_at(i)).count();
    // Required for the core only where it applies in every situation the region has.
    let required_always = |i: usize| required_at(i) && everywhere(regions[i].1, ids[i]);
    let required_counted = counted.iter().filter(|&&i| required_always(i)).count();
    let only_in_situations = limited(regions, &cells, &ids);
    let mut listing = Listing::read(catalog, alignment, (id, base), (&cells, &ids), detail);
    if detail {
        listing.add_other_wordings(catalog, &ids, regions);
    }
    let attribute_differences = differences(&cells, &listing.accepts, &only_in_situations);
    let class = if required_counted == counted.len() && !counted.is_empty() {
        "core"
    } else if required > 0 {
        "extra"
    } else if present > 0 {
        "optional"
    } else {
        "baseline"
    };
    let row = MaterialRow {
        name: row_name(
            catalog,
            id,
            &listing.names,
            &listing.accepts,
            listing.holder.as_deref(),
        ),
        variants: group
            .iter()
            .filter_map(|m| item.variants.get(m))
            .flatten()
            .cloned()
            .collect(),
        regions: cells
            .iter()
            .map(|(c, cell)| ((*c).clone(), cell.map_or(Status::Absent, |c| c.status)))
            .collect(),
        holder: listing.holder,
        parts: listing.parts,
        accepts: listing.accepts,
        wordings: listing.wordings,
        attributes: listing.attributes,
        attribute_differences,
        conditional_in: listing.conditional_in,
        only_in_situations,
        class,
        baseline,
        similar: group.iter().any(|m| alignment.similar.contains_key(m)),
    };
    Some((row, required_counted * 1000 + required, present, group))
}

/// What the guides listing one requirement say of it, read cell by cell.
#[derive(Default)]
struct Listing<'c> {
    attributes: BTreeMap<String, Attrs>,
    conditional_in: Vec<String>,
    parts: Vec<Part>,
    accepts: BTreeMap<String, Vec<String>>,
    wordings: Vec<Wording>,
    /// Requirement names of the pieces, with how many cells give each.
    names: Vec<(&'c str, usize)>,
    holder: Option<String>,
    /// (reading, piece) → index into `parts`.
    part_of: HashMap<(u32, u16), usize>,
}

impl<'c> Listing<'c> {
    /// Reads the baseline's cell (100000) first, then the regions' in code order: each part's
    /// and each wording's regions are sorted, so they can be searched. Without `detail` only the
    /// attributes are read.
    /// `row` is the row's id, `base` the baseline's (member, cell); `ids[i]` the member of the
    /// row region `i` lists.
    fn read(
        catalog: &'c Catalog,
        alignment: &Alignment,
        (row, base): (u32, Option<(u32, &Cell)>),
        (cells, ids): (&[(&String, Option<&Cell>)], &[u32]),
        detail: bool,
    ) -> Self {
        let mut l = Listing::default();
        let listed = base
            .map(|(id, c)| (BASELINE_REGION, id, c))
            .into_iter()
            .chain(
                cells
                    .iter()
                    .zip(ids)
                    .filter_map(|((c, cell), id)| Some((c.as_str(), *id, (*cell)?))),
            );
        for (code, id, cell) in listed {
            let piece: &Piece = catalog.piece(cell);
            if !detail {
                if !cell.attrs.is_empty() && code != BASELINE_REGION {
                    l.attributes.insert(code.to_owned(), cell.attrs);
                }
                continue;
            }
            l.add_part(catalog, id, code, cell, piece);
            if id != row
                && let Some(why) = alignment.similar.get(&id)
                && let Some(part) = l.parts.last_mut()
                && part.similar.is_none()
                && part.regions.last().is_some_and(|r| r == code)
            {
                part.similar = Some(why.clone());
            }
            l.holder = l.holder.or_else(|| piece.holder.clone());
            match l.names.iter_mut().find(|(n, _)| *n == piece.name) {
                Some((_, k)) => *k += 1,
                None => l.names.push((&piece.name, 1)),
            }
            if code != BASELINE_REGION {
                l.add_region(code, cell, piece);
            }
        }
        l.wordings.sort_by(|a, b| {
            b.regions
                .len()
                .cmp(&a.regions.len())
                .then_with(|| a.wording.cmp(&b.wording))
        });
        l
    }

    /// A guide's other wordings of the requirement (listed for another situation, see
    /// [`Guide::also`]) are parts too: a scorer places every wording through `parts`.
    fn add_other_wordings(
        &mut self,
        catalog: &Catalog,
        ids: &[u32],
        regions: &[(&String, &Guide)],
    ) {
        for ((code, g), &id) in regions.iter().zip(ids) {
            for cell in g.also(id) {
                self.add_part(catalog, id, code, cell, catalog.piece(cell));
            }
        }
    }

    /// Adds `code` to the part of its (reading, piece), making the part when new; a part's
    /// regions stay sorted.
    fn add_part(&mut self, catalog: &Catalog, id: u32, code: &str, cell: &Cell, piece: &Piece) {
        if let Some(&i) = self.part_of.get(&(cell.reading, cell.piece)) {
            let regions = &mut self.parts[i].regions;
            if let Err(at) = regions.binary_search_by(|r| r.as_str().cmp(code)) {
                regions.insert(at, code.to_owned());
            }
            return;
        }
        let reading = &catalog.readings[cell.reading as usize];
        self.part_of
            .insert((cell.reading, cell.piece), self.parts.len());
        let mut how = piece.how.clone();
        if catalog.keys.get(id) != piece.requirement {
            how.push(How::OwnRequirement {
                requirement: piece.name.clone(),
            });
        }
        self.parts.push(Part {
            regions: vec![code.to_owned()],
            material: reading.material.clone(),
            piece: piece.text.clone(),
            how,
            qualifiers: piece.qualifiers.clone(),
            vague: piece.vague,
            similar: None,
        });
    }

    /// What a region's cell adds beyond its part: accepted documents, wording, attributes and
    /// whether it is conditional there.
    fn add_region(&mut self, code: &str, cell: &Cell, piece: &Piece) {
        // A form accepts no document in particular: nothing to compare or write.
        if !piece.accepts.is_empty() {
            self.accepts.insert(code.to_owned(), piece.accepts.clone());
        }
        match self.wordings.iter_mut().find(|w| w.wording == piece.text) {
            Some(w) => w.regions.push(code.to_owned()),
            None => self.wordings.push(Wording {
                wording: piece.text.clone(),
                regions: vec![code.to_owned()],
            }),
        }
        if !cell.attrs.is_empty() {
            self.attributes.insert(code.to_owned(), cell.attrs);
        }
        if cell.conditional {
            self.conditional_in.push(code.to_owned());
        }
    }
}

/// The attributes whose given values differ between regions: `original`, `copies`, `medium`,
/// `accepts`, `situations`.
fn differences(
    cells: &[(&String, Option<&Cell>)],
    accepts: &BTreeMap<String, Vec<String>>,
    only_in_situations: &BTreeMap<String, Vec<String>>,
) -> Vec<&'static str> {
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
    differences
}
