//! The harmonisation proposal: a unified material list (the core, what most regions where it is
//! known require, what the national baseline requires) and each region's changes to adopt it.
//! A partial guide is a lower bound: what it lists is known to be asked there, what it leaves out
//! is unknown; so a requirement's support is counted over the regions where its status is known.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::RegionInfo;
use super::rows::MaterialRow;
use crate::compare::catalog::{BASELINE_REGION, Status};
use crate::compare::requirement::How;
use crate::data::normalize::normalize;

/// A requirement of the proposed unified list.
#[derive(Debug, Clone, Serialize)]
pub struct Proposed {
    /// The requirement (row name).
    pub requirement: String,
    /// The wording proposed: the baseline's, else the most common one.
    pub name: String,
    /// Documents to accept: every one some region or the baseline accepts.
    pub accepts: Vec<String>,
    /// `core` (every complete region requires it), `majority` (most regions where its status
    /// is known do), `baseline` (the national baseline requires it).
    pub why: &'static str,
    /// Regions requiring it (complete or partial guides).
    pub required_in: usize,
    /// Regions where its status is known: every complete guide, and a partial one listing it.
    pub of: usize,
    /// Of the regions requiring it, those whose guide is partial.
    pub partial: usize,
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
    /// only, while most regions where its status is known require them always.
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

/// A harmonisation proposal: a unified material list (the core, what most regions where it is
/// known require, what the national baseline requires) and each region's changes to adopt it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Proposal {
    /// The proposed list.
    pub materials: Vec<Proposed>,
    /// Per region (regions needing no change are left out).
    pub changes: Vec<RegionChange>,
}

/// The harmonisation proposal: the core, what most regions where it is known require and what
/// the baseline requires, each under the baseline's wording or the most common one, accepting
/// every document some region accepts; then what each region changes.
pub(super) fn propose(materials: &[MaterialRow], regions: &[RegionInfo]) -> Proposal {
    let mut proposed: Vec<(&MaterialRow, Proposed, Support)> = materials
        .iter()
        .filter_map(|m| {
            let support = Support::of(m, regions);
            Some((m, proposed(m, &support)?, support))
        })
        .collect();
    name_shared(&mut proposed);
    let plan = Plan::new(proposed);
    let changes = regions
        .iter()
        .map(|r| plan.change(r, materials))
        .filter(|c| !c.is_empty())
        .collect();
    Proposal {
        materials: plan.rows.into_iter().map(|(_, p)| p).collect(),
        changes,
    }
}

/// A row's support: the regions where its status is known and how many of them require it.
#[derive(Debug, Clone, Copy, Default)]
struct Support {
    /// Regions where its status is known: complete guides, and partial guides listing it.
    known: usize,
    /// Of those, the regions requiring it.
    required_in: usize,
    /// Of those, the regions requiring it always (not with a condition, not for some
    /// situations only).
    always: usize,
    /// Of the regions requiring it, those whose guide is partial.
    partial: usize,
}

impl Support {
    /// A partial guide is a lower bound: what it lists is known, what it leaves out is not.
    fn of(m: &MaterialRow, regions: &[RegionInfo]) -> Support {
        let mut s = Support::default();
        for r in regions {
            let status = m.status(&r.code);
            if r.partial && status == Status::Absent {
                continue;
            }
            s.known += 1;
            if status == Status::Required {
                s.required_in += 1;
                s.partial += usize::from(r.partial);
                let sometimes = m.conditional_in.contains(&r.code)
                    || m.only_in_situations.contains_key(&r.code);
                s.always += usize::from(!sometimes);
            }
        }
        s
    }

    /// Most regions where its status is known require it.
    fn majority(&self) -> bool {
        self.required_in * 2 > self.known
    }
}

/// Whether the national baseline lists the row without requiring it (非必要, 容缺后补): the
/// baseline's list wins, so it is neither proposed as required nor proposed to be dropped.
fn baseline_allows(m: &MaterialRow) -> bool {
    matches!(m.baseline, Some(Status::Optional | Status::Deferred))
}

/// The row as proposed, or `None` when it is neither core, nor required by most regions where
/// its status is known, nor by the baseline; or when the baseline lists it as not required.
fn proposed(m: &MaterialRow, support: &Support) -> Option<Proposed> {
    let why = if baseline_allows(m) {
        return None;
    } else if m.class == "core" {
        "core"
    } else if support.majority() {
        "majority"
    } else if m.baseline == Some(Status::Required) {
        "baseline"
    } else {
        return None;
    };
    let base_wording = m
        .parts
        .iter()
        .find(|p| p.regions.iter().any(|r| r == BASELINE_REGION))
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
    Some(Proposed {
        requirement: m.name.clone(),
        name,
        accepts,
        why,
        required_in: support.required_in,
        of: support.known,
        partial: support.partial,
    })
}

/// One wording naming several persons (法定代表人、董事、监事和经理的任职文件) meets several
/// proposed requirements: each is proposed under its own name (法定代表人的任职文件 …).
fn name_shared(proposed: &mut [(&MaterialRow, Proposed, Support)]) {
    let shared_names: Vec<String> = {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (_, p, _) in proposed.iter() {
            *seen.entry(p.name.as_str()).or_default() += 1;
        }
        seen.into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(w, _)| w.to_owned())
            .collect()
    };
    for (m, p, _) in proposed.iter_mut() {
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
}

/// Region code → a string of one proposed row (its wording there, or its place there).
type ByRegion<'a> = HashMap<&'a str, &'a str>;

/// The proposed rows with what every region's change reads of them, computed once per row (not
/// once per region: that made a 1M-guide diff cubic in the regions of an item).
struct Plan<'a> {
    rows: Vec<(&'a MaterialRow, Proposed)>,
    /// Per row: region → its wording, region → its place.
    own: Vec<(ByRegion<'a>, ByRegion<'a>)>,
    /// Per row: the regions listing it with a condition.
    conditional: Vec<HashSet<&'a str>>,
    /// Per row: whether most regions where its status is known always require it.
    mostly_always: Vec<bool>,
}

impl<'a> Plan<'a> {
    fn new(rows: Vec<(&'a MaterialRow, Proposed, Support)>) -> Self {
        let mostly_always = rows
            .iter()
            .map(|(_, _, s)| s.always * 2 > s.known)
            .collect();
        let rows: Vec<(&MaterialRow, Proposed)> =
            rows.into_iter().map(|(m, p, _)| (m, p)).collect();
        let own = rows.iter().map(|(m, _)| by_region(m)).collect();
        let conditional: Vec<HashSet<&str>> = rows
            .iter()
            .map(|(m, _)| m.conditional_in.iter().map(String::as_str).collect())
            .collect();
        Plan {
            rows,
            own,
            conditional,
            mostly_always,
        }
    }

    /// What region `r` changes to adopt the proposal.
    fn change(&self, r: &RegionInfo, materials: &[MaterialRow]) -> RegionChange {
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
        for (w, _) in &self.own {
            if let Some(one) = w.get(r.code.as_str()) {
                *uses.entry(*one).or_default() += 1;
            }
        }
        for i in 0..self.rows.len() {
            self.change_row(i, &r.code, &uses, &mut change);
        }
        for m in materials {
            if m.status(&r.code) == Status::Required
                && !baseline_allows(m)
                && !self.rows.iter().any(|(pm, _)| std::ptr::eq(*pm, m))
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
    }

    /// What region `code` changes for proposed row `i`: add it, make it required, reword it,
    /// accept more documents for it. `uses` counts the proposed rows each of its wordings meets.
    fn change_row(
        &self,
        i: usize,
        code: &str,
        uses: &HashMap<&str, usize>,
        change: &mut RegionChange,
    ) {
        let (m, p) = &self.rows[i];
        let (wording, place) = &self.own[i];
        if m.status(code) == Status::Absent {
            change.add.push(p.name.clone());
            return;
        }
        // Listed but not always required here, while most regions always require it.
        let now = match m.status(code) {
            Status::Optional => Some("optional"),
            Status::Required if self.conditional[i].contains(code) => Some("conditional"),
            Status::Required if m.only_in_situations.contains_key(code) => Some("situations"),
            _ => None,
        };
        if let Some(now) = now
            && self.mostly_always[i]
        {
            change.make_required.push(MakeRequired {
                requirement: p.name.clone(),
                now,
            });
        }
        let place = place.get(code).copied().unwrap_or_default();
        // A wording of this region that meets several proposed requirements lists them
        // together: no reword per requirement.
        if let Some(one) = wording.get(code)
            && uses.get(one).copied().unwrap_or(0) < 2
            && normalize(one).replacen(&normalize(place), "", 1) != normalize(&p.name)
        {
            change.reword.push(Reword {
                from: (*one).to_owned(),
                to: p.name.clone(),
            });
        }
        let mine = m.accepts.get(code).map_or(&[][..], Vec::as_slice);
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
}

/// A row's wording and place in each region that lists it.
fn by_region(m: &MaterialRow) -> (ByRegion<'_>, ByRegion<'_>) {
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
}
