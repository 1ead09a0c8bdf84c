//! Situations (情形): which regions distinguish them, the situations a requirement is limited to,
//! and the comparison restricted to each situation two or more regions declare.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{distinct, member};
use crate::compare::catalog::{Cell, Guide, Status};

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
pub(super) fn everywhere(g: &Guide, id: u32) -> bool {
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

/// The comparison per situation two or more regions declare: each region's status of each
/// requirement in that situation (absent where its material is limited to other situations).
/// `rows` are the matrix rows' names, `row_groups` their requirement ids.
pub(super) fn per_situation(
    regions: &[(&String, &Guide)],
    declared: &[RegionSituations],
    rows: &[&str],
    row_groups: &[&[u32]],
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
        for (row, group) in rows.iter().zip(row_groups) {
            let statuses: BTreeMap<String, Status> = sharing
                .iter()
                .map(|(c, g, bit)| {
                    let s = member(g, group)
                        .filter(|&(id, _)| {
                            let mask = g.limit(id);
                            mask == 0 || mask & bit != 0
                        })
                        .map_or(Status::Absent, |(_, cell)| cell.status);
                    ((*c).clone(), s)
                })
                .collect();
            if distinct(statuses.values()) > 1 {
                differing.push(SituationRow {
                    requirement: (*row).to_owned(),
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

/// The situations each region declares, for the regions that declare any (guides without
/// situations, nearly all, cost one emptiness check each).
pub(super) fn declared(regions: &[(&String, &Guide)]) -> Vec<RegionSituations> {
    regions
        .iter()
        .filter(|(_, g)| !g.situation_names().is_empty())
        .map(|(c, g)| RegionSituations {
            region: (*c).clone(),
            names: g.situation_names().iter().map(|n| n.to_string()).collect(),
        })
        .collect()
}

/// Region code → the situations requirement `id` is limited to, for the regions listing it for
/// some of their situations only.
pub(super) fn limited(
    regions: &[(&String, &Guide)],
    cells: &[(&String, Option<&Cell>)],
    ids: &[u32],
) -> BTreeMap<String, Vec<String>> {
    let mut only_in_situations = BTreeMap::new();
    for (i, (code, cell)) in cells.iter().enumerate() {
        let (g, id) = (regions[i].1, ids[i]);
        if cell.is_some() && g.situations.is_some() && !everywhere(g, id) {
            only_in_situations.insert((*code).clone(), situation_names(g, g.limit(id)));
        }
    }
    only_in_situations
}
