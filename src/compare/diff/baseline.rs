//! Each region against the national baseline (region 100000): what it adds, drops and relaxes.

use serde::Serialize;

use crate::compare::catalog::{Cell, Guide, Item, Status};

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

/// The baseline's required list and each region's deviation from it, when the item has a
/// baseline. `name_of` gives a requirement's row name.
pub(super) fn compare(
    item: &Item,
    regions: &[(&String, &Guide)],
    name_of: &dyn Fn(u32) -> String,
    lists: &dyn Fn(&Guide, u32) -> Option<Status>,
) -> Option<BaselineDiff> {
    let b = item.baseline.as_ref()?;
    let required: Vec<u32> = b
        .materials
        .iter()
        .filter(|(_, c)| c.status == Status::Required)
        .map(|(id, _)| *id)
        .collect();
    Some(BaselineDiff {
        path: b.path.to_string(),
        partial: b.partial,
        required: required.iter().map(|&id| name_of(id)).collect(),
        deviations: regions
            .iter()
            .map(|(code, g)| deviation(b, (code, g), &required, name_of, lists))
            .collect(),
    })
}

/// One region's deviation from baseline `b`, whose required ids are `required`. `lists(g, id)`:
/// the status guide `g` gives requirement `id` (or one the alignment joined to it), if listed.
fn deviation(
    b: &Guide,
    (code, g): (&str, &Guide),
    required: &[u32],
    name_of: &dyn Fn(u32) -> String,
    lists: &dyn Fn(&Guide, u32) -> Option<Status>,
) -> Deviation {
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
        .filter(|id| lists(g, **id).is_none())
        .map(|&id| name_of(id))
        .collect();
    dropped.sort();
    Deviation {
        region: code.to_owned(),
        partial: g.partial,
        added: pick(&|id, c| c.status == Status::Required && lists(b, id).is_none()),
        dropped,
        relaxed: pick(&|id, c| {
            c.status != Status::Required && lists(b, id) == Some(Status::Required)
        }),
    }
}
