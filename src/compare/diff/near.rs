//! Near-match suggestions: pairs of unplaced wordings of one item whose names are similar.

use serde::Serialize;

use crate::compare::catalog::{Catalog, Guide, Item};
use crate::data::normalize::{NEAR_MATCH_THRESHOLD, similarity};

/// Near-match suggestions are computed among at most this many materials of one item (the
/// comparison is quadratic in them).
pub(crate) const NEAR_MATCH_LIMIT: usize = 1_000;

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

/// Pairs of materials of one item whose names are similar and that no single guide lists
/// together (a guide listing both means they are different materials).
pub(super) fn near_matches(
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
