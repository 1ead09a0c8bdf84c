//! Alignment beyond the rules: the rows of one item that the reading left apart (wordings no
//! rule or ontology entry names, rows some regions do not fill) are aligned across the item's
//! regions by similarity — distinctive terms weighted by how rare they are among every material
//! name of the run (证明, 材料 weigh little; 诊断, 劳动关系 much), the head document class and the
//! condition (适用情形) — never two wordings of one region, never two rows of one guide, and only
//! when the best match is clear. Each merge carries its score and shared terms so a report can
//! mark it "matched by similarity" for an officer to confirm (`overrides: same`) or reject
//! (`overrides: never_merge`) in the user's ontology file, which the next run obeys.
//!
//! The weights are computed once per run ([`Idf::new`]); the alignment of an item looks at its
//! distinct unplaced rows only (at most [`ALIGN_LIMIT`]), so the cost stays linear in the guides.

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::catalog::{Catalog, Item};
use crate::data::normalize::normalize;

/// Rows scoring at least this much are merged. Chosen on the dev alignments (docs/diff.md).
pub(crate) const SIMILAR_THRESHOLD: f64 = 0.55;

/// A merge is made only when the next best partner in the same region scores this much less:
/// precision first, an ambiguous match is left for the officer.
const MARGIN: f64 = 0.1;

/// At most this many unplaced rows of one item are aligned (pairs are quadratic in them).
pub(crate) const ALIGN_LIMIT: usize = 256;

/// Terms shared by two names must weigh at least this much (in IDF units) for the names to count
/// as similar: two generic names (证明材料 / 有关证明) share nothing distinctive.
const MIN_SHARED: f32 = 3.0;

/// A term: two adjacent characters (Chinese names are not segmented; a bigram is the unit the
/// weights need: 证明, 诊断, 婚姻 are bigrams).
type Term = u64;

fn term(a: char, b: char) -> Term {
    (u64::from(a) << 32) | u64::from(b)
}

/// Whether a character carries meaning in a term: not punctuation, a bracket or a function word
/// (的, 及, 或 … join phrases; a term across one says nothing of the document).
fn wordy(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(
            c,
            '的' | '及' | '和' | '或' | '与' | '等' | '之' | '其' | '者'
        )
}

/// The distinct terms of a normalised text, sorted.
fn terms(text: &str) -> Vec<Term> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Term> = chars
        .windows(2)
        .filter(|w| wordy(w[0]) && wordy(w[1]))
        .map(|w| term(w[0], w[1]))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Inverse document frequencies of terms: one table over every material name of the run (its
/// requirement keys), one over every condition. Built once per run.
#[derive(Debug, Default)]
pub(crate) struct Idf {
    names: Weights,
    conditions: Weights,
}

#[derive(Debug, Default)]
struct Weights {
    df: HashMap<Term, u32>,
    n: u32,
}

/// A prior, so that a small run (one folder, a few dozen names) weighs terms as a large one
/// would: the counts start as if [`BACKGROUND`] other names had been seen, [`GENERIC`]'s words
/// in half of them. In a national run the real counts dominate.
const BACKGROUND: f32 = 50.0;

/// Words every kind of material name uses: a document class or a qualifier, never what tells
/// one requirement from another (证明, 材料, 原件 …).
const GENERIC: &[&str] = &[
    "证明",
    "材料",
    "原件",
    "复印件",
    "有效",
    "证件",
    "相关",
    "有关",
    "其他",
    "文件",
    "资料",
    "出具",
    "提供",
    "部门",
    "机构",
    "申请",
    "需要",
    "提交",
];

fn generic(t: Term) -> bool {
    static TERMS: std::sync::OnceLock<Vec<Term>> = std::sync::OnceLock::new();
    TERMS
        .get_or_init(|| {
            let mut all: Vec<Term> = GENERIC.iter().flat_map(|w| terms(w)).collect();
            all.sort_unstable();
            all.dedup();
            all
        })
        .binary_search(&t)
        .is_ok()
}

impl Weights {
    fn add(&mut self, text: &str) {
        self.n += 1;
        for t in terms(text) {
            *self.df.entry(t).or_default() += 1;
        }
    }

    /// ln((n + 1) / (df + 0.5)) over the counts plus the prior: a term in every name weighs
    /// about nothing, a term seen once weighs most; an unseen term weighs like one seen once.
    fn weight(&self, t: Term) -> f32 {
        let mut df = self.df.get(&t).copied().unwrap_or(1) as f32;
        if generic(t) {
            df += BACKGROUND / 2.0;
        }
        ((self.n as f32 + BACKGROUND + 1.0) / (df + 0.5))
            .ln()
            .max(0.0)
    }
}

impl Idf {
    /// The weights of the run: every distinct requirement key and condition of `catalog`.
    pub(crate) fn new(catalog: &Catalog) -> Self {
        let mut idf = Idf::default();
        for id in 0..catalog.display.len() {
            idf.names.add(base(
                catalog.keys.get(u32::try_from(id).unwrap_or(u32::MAX)),
            ));
        }
        for id in 0..catalog.conditions.len() {
            idf.conditions
                .add(&normalize(catalog.conditions.get(id as u32)));
        }
        idf
    }
}

/// The wording part of a requirement key (without the holder and the `~` of an unknown wording).
fn base(key: &str) -> &str {
    key.rsplit('|')
        .next()
        .unwrap_or(key)
        .trim_start_matches(['~', '§'])
}

/// Whose document a key is (empty for the applicant's).
fn holder(key: &str) -> &str {
    key.rsplit_once('|').map_or("", |(h, _)| h)
}

/// Head document classes, longest first within a class: the last words of a Chinese noun phrase
/// name what kind of document it is. Two names of different classes are not the same document.
const HEADS: &[(&str, &str)] = &[
    ("证明材料", "proof"),
    ("证明书", "proof"),
    ("证明", "proof"),
    ("证据", "proof"),
    ("材料", "proof"),
    ("文书", "proof"),
    ("结论", "proof"),
    ("判决书", "proof"),
    ("认定书", "proof"),
    ("报告单", "report"),
    ("报告", "report"),
    ("病历", "report"),
    ("记录", "report"),
    ("申请表", "form"),
    ("登记表", "form"),
    ("申请书", "form"),
    ("表", "form"),
    ("委托书", "mandate"),
    ("代理书", "mandate"),
    ("合同", "contract"),
    ("协议", "contract"),
    ("执照", "licence"),
    ("许可证", "licence"),
    ("证书", "certificate"),
    ("证", "certificate"),
    ("照片", "photo"),
    ("相片", "photo"),
    ("回执", "photo"),
    ("图", "plan"),
    ("清单", "list"),
];

/// The head class of a normalised name, when it ends with a known head.
fn head(text: &str) -> Option<(&'static str, &'static str)> {
    let text = text.trim_end_matches(['的', ')', '(']);
    HEADS
        .iter()
        .filter(|(h, _)| text.ends_with(h))
        .max_by_key(|(h, _)| h.len())
        .copied()
}

/// The name score of two names that put the same words before heads that do not clash.
const SAME_MODIFIER: f64 = 0.8;

/// The words of a normalised name before its head.
fn modifier<'t>(text: &'t str, head: &str) -> &'t str {
    let text = text.trim_end_matches(['的', ')', '(']);
    text.strip_suffix(head)
        .unwrap_or(text)
        .trim_end_matches('的')
}

/// Heads that name no kind of document but "a proof": any specific document can fill the need
/// (a labour contract proves the labour relation), so they clash with no other head.
const GENERIC_HEADS: &[&str] = &["证明", "证明材料", "证明书", "材料"];

/// Whether a conditional row is the generic proof of its condition: a proof whose words, but for
/// the head and generic words, all repeat its condition (下落不明证明 under 发生事故下落不明的;
/// 证明材料, 有效证明 under anything). Such a wording means "the proof this condition calls for"
/// and aligns by its condition alone.
fn generic_proof(idf: &Idf, c: &Candidate<'_>, condition: &[Term]) -> bool {
    if c.condition.is_empty() {
        return false;
    }
    let text = c.text.trim_end_matches(['的', ')', '(']);
    let Some((h, "proof")) = head(text) else {
        return false;
    };
    let modifier = &text[..text.len() - h.len()];
    let residual: f32 = terms(modifier)
        .into_iter()
        .filter(|t| !generic(*t) && condition.binary_search(t).is_err())
        .map(|t| idf.names.weight(t))
        .sum();
    residual < MIN_SHARED
}

/// Why a row joined another: the similarity score and the terms the two wordings share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Similar {
    /// Always `similar` (the step's kind, as in a reading's `how`).
    pub kind: &'static str,
    /// 0–1.
    pub score: f64,
    /// The distinctive terms shared (names, then conditions), heaviest first.
    pub shared: Vec<String>,
    /// The wording it was matched with.
    pub with: String,
}

impl Similar {
    /// The step in one language: `matched by similarity 0.87 with “…” (shared: 劳动关系, 证明)`.
    pub fn describe(&self, lang: crate::diagnostic::Lang) -> String {
        match lang {
            crate::diagnostic::Lang::Zh => format!(
                "按相似度匹配（{:.2}，与“{}”，共同词：{}），请确认",
                self.score,
                self.with,
                self.shared.join("、")
            ),
            crate::diagnostic::Lang::En => format!(
                "matched by similarity ({:.2}, with “{}”, shared: {}); to confirm",
                self.score,
                self.with,
                self.shared.join(", ")
            ),
        }
    }
}

/// One unplaced row of an item, as compared.
struct Candidate<'a> {
    id: u32,
    key: &'a str,
    text: String,
    /// Whether an ontology entry names it (two named rows of different entries never merge).
    placed: bool,
    /// Guides (indices: regions, then the baseline) listing it, sorted.
    guides: Vec<usize>,
    /// The text of its conditions (normalised, joined), empty when unconditional.
    condition: String,
}

/// The rows of an item as groups: each group is one requirement, its first id the row the others
/// joined; `similar` explains each id that joined by similarity.
#[derive(Debug, Default)]
pub(crate) struct Alignment {
    /// Every id of the item in exactly one group, groups in order of their first id.
    pub groups: Vec<Vec<u32>>,
    /// Id → why it joined its group's first id.
    pub similar: HashMap<u32, Similar>,
}

/// Aligns the rows `ids` of `item` (sorted, distinct).
pub(crate) fn align(catalog: &Catalog, idf: &Idf, item: &Item, ids: &[u32]) -> Alignment {
    let candidates = candidates(catalog, item, ids);
    let pairs = scored_pairs(catalog, idf, &candidates);
    let merges = choose(&candidates, &pairs);
    let mut rep: HashMap<u32, u32> = HashMap::new();
    let mut similar = HashMap::new();
    for (a, b, s) in merges {
        rep.insert(b, a);
        similar.insert(b, s);
    }
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut at: HashMap<u32, usize> = HashMap::new();
    for &id in ids {
        if !rep.contains_key(&id) {
            at.insert(id, groups.len());
            groups.push(vec![id]);
        }
    }
    for &id in ids {
        if let Some(g) = rep.get(&id).and_then(|r| at.get(r)) {
            groups[*g].push(id);
        }
    }
    Alignment { groups, similar }
}

/// The rows some guide of the item does not list, with what they are compared by.
fn candidates<'a>(catalog: &'a Catalog, item: &Item, ids: &[u32]) -> Vec<Candidate<'a>> {
    let guides: Vec<_> = item.regions.values().chain(item.baseline.iter()).collect();
    let mut listed: HashMap<u32, Vec<usize>> = HashMap::new();
    for (gi, g) in guides.iter().enumerate() {
        for (id, _) in g.materials.iter() {
            listed.entry(*id).or_default().push(gi);
        }
    }
    ids.iter()
        .filter_map(|&id| {
            let in_guides = listed.remove(&id)?;
            if in_guides.len() == guides.len() {
                return None;
            }
            let key = catalog.keys.get(id);
            let b = key.rsplit('|').next().unwrap_or(key);
            let text = normalize(&catalog.display[id as usize]);
            if terms(&text).is_empty() {
                // Nothing to compare it by (an empty or one-character piece).
                return None;
            }
            let condition = item
                .conditions
                .get(&id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&c| normalize(catalog.conditions.get(c)))
                .collect::<Vec<_>>()
                .join("；");
            Some(Candidate {
                id,
                key,
                text,
                placed: !b.starts_with('~') && !b.starts_with('§'),
                guides: in_guides,
                condition,
            })
        })
        .take(ALIGN_LIMIT)
        .collect()
}

/// (i, j, score, explanation) for every pair of candidates that may be one requirement and
/// score at least [`SIMILAR_THRESHOLD`].
fn scored_pairs(
    catalog: &Catalog,
    idf: &Idf,
    candidates: &[Candidate<'_>],
) -> Vec<(usize, usize, f64, Vec<String>)> {
    let names: Vec<Vec<Term>> = candidates.iter().map(|c| terms(&c.text)).collect();
    let conds: Vec<Vec<Term>> = candidates.iter().map(|c| terms(&c.condition)).collect();
    let mut out = Vec::new();
    for i in 0..candidates.len() {
        for j in i + 1..candidates.len() {
            let (a, b) = (&candidates[i], &candidates[j]);
            if holder(a.key) != holder(b.key)
                || (a.placed && b.placed)
                || shares_a_guide(&a.guides, &b.guides)
                || catalog.ontology.never_merge(&a.text, &b.text)
            {
                continue;
            }
            let (score, shared) = score(idf, a, b, (&names[i], &names[j]), (&conds[i], &conds[j]));
            if score >= SIMILAR_THRESHOLD {
                out.push((i, j, score, shared));
            }
        }
    }
    out
}

fn shares_a_guide(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Weighted overlap of two term sets: (shared weight, weight of a, weight of b).
fn overlap(w: &Weights, a: &[Term], b: &[Term]) -> (f32, f32, f32) {
    let wa: f32 = a.iter().map(|t| w.weight(*t)).sum();
    let wb: f32 = b.iter().map(|t| w.weight(*t)).sum();
    let shared: f32 = a
        .iter()
        .filter(|t| b.binary_search(t).is_ok())
        .map(|t| w.weight(*t))
        .sum();
    (shared, wa, wb)
}

/// Similarity of two candidate rows, 0–1, with the terms they share. Names: the mean of the
/// weighted Dice and the weighted containment of the shorter in the longer, zero unless the
/// shared terms are distinctive ([`MIN_SHARED`]); a different head class halves it. Conditions,
/// when both rows have one, weigh as much as the names; a row conditional in one region only is
/// discounted.
fn score(
    idf: &Idf,
    a: &Candidate<'_>,
    b: &Candidate<'_>,
    names: (&[Term], &[Term]),
    conds: (&[Term], &[Term]),
) -> (f64, Vec<String>) {
    let (shared, wa, wb) = overlap(&idf.names, names.0, names.1);
    let mut name = if shared < MIN_SHARED || wa == 0.0 || wb == 0.0 {
        0.0
    } else {
        let dice = 2.0 * shared / (wa + wb);
        let contain = shared / wa.min(wb);
        f64::from((dice + contain) / 2.0)
    };
    let heads = (head(&a.text), head(&b.text));
    if let (Some((hx, x)), Some((hy, y))) = heads
        && x != y
        && !GENERIC_HEADS.contains(&hx)
        && !GENERIC_HEADS.contains(&hy)
    {
        name /= 2.0;
    } else if let (Some((hx, _)), Some((hy, _))) = heads
        && shared >= MIN_SHARED
        && modifier(&a.text, hx) == modifier(&b.text, hy)
    {
        // One thing before two heads that do not clash (抢救记录 / 抢救证明, 死亡证明 / 死亡证明书):
        // the same document in two wordings (annotation rule 5), whatever else the names hold.
        name = name.max(SAME_MODIFIER);
    }
    let mut terms_shared = shared_runs(idf, &a.text, names.1);
    let score = match (a.condition.is_empty(), b.condition.is_empty()) {
        (true, true) => name,
        (false, false) => {
            let (cs, ca, cb) = overlap(&idf.conditions, conds.0, conds.1);
            let cond = if ca == 0.0 || cb == 0.0 {
                0.0
            } else {
                f64::from(2.0 * cs / (ca + cb))
            };
            if cond > 0.0 {
                terms_shared.extend(shared_runs_cond(idf, &a.condition, conds.1));
            }
            if generic_proof(idf, a, conds.0) || generic_proof(idf, b, conds.1) {
                // The generic wording says only "the proof for this condition".
                cond.max(name)
            } else {
                (name + cond) / 2.0
            }
        }
        _ => name * 0.8,
    };
    ((score * 100.0).round() / 100.0, terms_shared)
}

/// The maximal runs of `text` made of terms `other` has too, heaviest first (at most 4).
fn shared_runs(idf: &Idf, text: &str, other: &[Term]) -> Vec<String> {
    runs(text, other, |t| idf.names.weight(t))
}

fn shared_runs_cond(idf: &Idf, text: &str, other: &[Term]) -> Vec<String> {
    runs(text, other, |t| idf.conditions.weight(t))
}

fn runs(text: &str, other: &[Term], weight: impl Fn(Term) -> f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(f32, String)> = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        let shared = |k: usize| {
            k + 1 < chars.len()
                && wordy(chars[k])
                && wordy(chars[k + 1])
                && other.binary_search(&term(chars[k], chars[k + 1])).is_ok()
        };
        if !shared(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut w = 0.0;
        while shared(i) {
            w += weight(term(chars[i], chars[i + 1]));
            i += 1;
        }
        let run: String = chars[start..=i].iter().collect();
        if !out.iter().any(|(_, r)| *r == run) {
            out.push((w, run));
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().take(4).map(|(_, r)| r).collect()
}

/// The merges to make, best first: a pair is taken when no other partner of either row, in a
/// guide of the other, scores within [`MARGIN`] of it, and when the two groups it joins share no
/// guide (one wording per region per requirement). Returns (representative, joined, why).
fn choose(
    candidates: &[Candidate<'_>],
    pairs: &[(usize, usize, f64, Vec<String>)],
) -> Vec<(u32, u32, Similar)> {
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by(|&x, &y| {
        pairs[y]
            .2
            .total_cmp(&pairs[x].2)
            .then_with(|| (pairs[x].0, pairs[x].1).cmp(&(pairs[y].0, pairs[y].1)))
    });
    let ambiguous = |i: usize, j: usize, s: f64| {
        pairs.iter().any(|&(x, y, t, _)| {
            let other = if x == i {
                y
            } else if y == i {
                x
            } else {
                return false;
            };
            other != j
                && t > s - MARGIN
                && shares_a_guide(&candidates[other].guides, &candidates[j].guides)
        })
    };
    // Union-find over candidates, with each group's guides.
    let mut parent: Vec<usize> = (0..candidates.len()).collect();
    let mut guides: Vec<Vec<usize>> = candidates.iter().map(|c| c.guides.clone()).collect();
    let mut out: Vec<(u32, Similar)> = Vec::new();
    for k in order {
        let (i, j, s, shared) = &pairs[k];
        if ambiguous(*i, *j, *s) || ambiguous(*j, *i, *s) {
            continue;
        }
        let (ri, rj) = (find(&mut parent, *i), find(&mut parent, *j));
        if ri == rj || shares_a_guide(&guides[ri], &guides[rj]) {
            continue;
        }
        // The representative: a row the ontology names, else the one more guides list.
        let (keep, join) = if prefer(&candidates[ri], &candidates[rj]) {
            (ri, rj)
        } else {
            (rj, ri)
        };
        parent[join] = keep;
        let mut merged = std::mem::take(&mut guides[join]);
        merged.extend_from_slice(&guides[keep]);
        merged.sort_unstable();
        guides[keep] = merged;
        // The pair's row on the side that stays: the wording the joining group was matched with.
        let partner = if ri == keep {
            &candidates[*i]
        } else {
            &candidates[*j]
        };
        out.push((
            candidates[join].id,
            Similar {
                kind: "similar",
                score: *s,
                shared: shared.clone(),
                with: partner.text.clone(),
            },
        ));
    }
    // Each joined row points at its group's final representative.
    out.into_iter()
        .map(|(joined, why)| {
            let at = candidates.iter().position(|c| c.id == joined).unwrap_or(0);
            let root = find(&mut parent, at);
            (candidates[root].id, joined, why)
        })
        .filter(|(rep, joined, _)| rep != joined)
        .collect()
}

fn prefer(a: &Candidate<'_>, b: &Candidate<'_>) -> bool {
    (a.placed, a.guides.len(), std::cmp::Reverse(a.id))
        >= (b.placed, b.guides.len(), std::cmp::Reverse(b.id))
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::catalog::{Filter, summarize};
    use serde_json::Value;

    /// A catalog of one item from (region, [(material, condition)]) — synthetic guides.
    fn catalog(guides: &[(&str, &[(&str, &str)])]) -> Catalog {
        let mut c = Catalog::new(Filter::default());
        for (region, materials) in guides {
            let list: Vec<Value> = materials
                .iter()
                .map(|(name, cond)| {
                    if cond.is_empty() {
                        serde_json::json!({ "name": name })
                    } else {
                        serde_json::json!({ "name": name, "condition": cond })
                    }
                })
                .collect();
            let doc = serde_json::json!({
                "item": {"name": "测试事项"},
                "region": {"code": region},
                "materials": list,
            });
            c.add(summarize(&doc, &format!("{region}.yaml")).unwrap());
        }
        c
    }

    /// The groups of more than one row, by display name.
    fn merged(c: &Catalog) -> Vec<Vec<String>> {
        let idf = Idf::new(c);
        let item = &c.items[0];
        let mut ids: Vec<u32> = item
            .regions
            .values()
            .flat_map(|g| g.materials.iter().map(|(id, _)| *id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        align(c, &idf, item, &ids)
            .groups
            .into_iter()
            .filter(|g| g.len() > 1)
            .map(|g| {
                let mut names: Vec<String> =
                    g.iter().map(|&id| c.display[id as usize].clone()).collect();
                names.sort();
                names
            })
            .collect()
    }

    #[test]
    fn a_rare_term_weighs_more_than_a_common_one() {
        let c = catalog(&[
            (
                "110000",
                &[("出生证明", ""), ("居住证明", ""), ("收入证明", "")],
            ),
            ("120000", &[("婚姻状况证明", ""), ("工作证明", "")]),
        ]);
        let idf = Idf::new(&c);
        let common = idf.names.weight(term('证', '明'));
        let rare = idf.names.weight(term('婚', '姻'));
        assert!(rare > 2.0 * common, "婚姻 {rare} vs 证明 {common}");
    }

    #[test]
    fn wordings_sharing_distinctive_terms_merge_and_say_why() {
        let c = catalog(&[
            ("110000", &[("申请表", ""), ("旧伤复发的医疗诊断书", "")]),
            ("120000", &[("申请表", ""), ("旧伤复发诊断证明", "")]),
        ]);
        assert_eq!(merged(&c), [["旧伤复发的医疗诊断书", "旧伤复发诊断证明"]]);
        let idf = Idf::new(&c);
        let item = &c.items[0];
        let ids: Vec<u32> = (0..c.display.len() as u32).collect();
        let a = align(&c, &idf, item, &ids);
        let why = a.similar.values().next().unwrap();
        assert_eq!(why.kind, "similar");
        assert!(why.score >= SIMILAR_THRESHOLD && why.score <= 1.0);
        assert!(why.shared.iter().any(|s| s.contains("旧伤复发")), "{why:?}");
    }

    #[test]
    fn generic_words_alone_do_not_merge() {
        // 证明材料 and 有关证明材料 share only 证明 / 材料, which every name has.
        let c = catalog(&[
            ("110000", &[("出生医学证明材料", ""), ("申请表", "")]),
            ("120000", &[("居住地证明材料", ""), ("申请表", "")]),
            ("130000", &[("收入证明材料", ""), ("婚姻证明材料", "")]),
        ]);
        assert!(merged(&c).is_empty(), "{:?}", merged(&c));
    }

    #[test]
    fn two_wordings_of_one_region_never_merge() {
        // 120000 lists both: they are different requirements there, whatever their likeness;
        // 110000's wording joins the closer one only.
        let c = catalog(&[
            ("110000", &[("旧伤复发诊断证明", "")]),
            (
                "120000",
                &[("旧伤复发的诊断书", ""), ("旧伤复发的医疗诊断书", "")],
            ),
        ]);
        let groups = merged(&c);
        assert_eq!(
            groups,
            [["旧伤复发的诊断书", "旧伤复发诊断证明"]],
            "one wording per region"
        );
    }

    #[test]
    fn below_the_threshold_nothing_merges() {
        // Only 报告 in common, under different conditions.
        let c = catalog(&[
            ("110000", &[("影像检查报告单", "有器质性损伤的")]),
            ("120000", &[("体检报告", "从事特殊工种的")]),
        ]);
        assert!(merged(&c).is_empty(), "{:?}", merged(&c));
    }

    #[test]
    fn the_condition_separates_like_names() {
        // Two regions each list a 公安部门的证明 under two conditions: each aligns with the one
        // under the same condition, not across.
        let c = catalog(&[
            (
                "110000",
                &[
                    ("因工外出期间发生事故的证明", "因工外出期间受到伤害的"),
                    ("受到暴力伤害的证明", "因履行工作职责受到暴力伤害的"),
                ],
            ),
            (
                "120000",
                &[
                    ("因工外出事故的有关证明", "属于因工外出期间受到伤害的"),
                    ("暴力伤害的有关证明", "属于因履行工作职责受到暴力伤害的"),
                ],
            ),
        ]);
        let groups = merged(&c);
        assert_eq!(groups.len(), 2, "{groups:?}");
        for g in &groups {
            let both = g.iter().all(|n| n.contains("暴力")) || g.iter().all(|n| n.contains("外出"));
            assert!(both, "{groups:?}");
        }
    }

    /// 医疗机构的抢救记录 / 医疗机构的抢救和死亡证明 (its 抢救证明) under two wordings of one
    /// condition stayed two rows: the record of the rescue proves it (annotation rule 5). One
    /// thing before two heads that do not clash is one document; before clashing heads it is not.
    #[test]
    fn one_thing_recorded_or_proven_is_one_document() {
        let c = catalog(&[
            ("110000", &[("抢救记录", "突发疾病死亡的")]),
            (
                "120000",
                &[(
                    "抢救证明",
                    "在工作时间和工作岗位突发疾病死亡或者在48小时内死亡的",
                )],
            ),
        ]);
        assert_eq!(merged(&c), [["抢救记录", "抢救证明"]]);
        // 申请表 and 申请委托书: different kinds of document (a form, a mandate).
        let c = catalog(&[
            ("110000", &[("抢救申请表", "突发疾病死亡的")]),
            ("120000", &[("抢救委托书", "突发疾病死亡的")]),
        ]);
        assert!(merged(&c).is_empty(), "{:?}", merged(&c));
    }

    #[test]
    fn a_rejection_in_the_ontology_keeps_them_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("documents.yaml");
        std::fs::write(
            &path,
            "overrides:\n  never_merge: [[医疗机构对旧伤复发的诊断证明, 旧伤复发诊断证明]]\n",
        )
        .unwrap();
        let o =
            crate::data::ontology::Ontology::from_file(&path, crate::diagnostic::Lang::En).unwrap();
        let mut c = Catalog::with_ontology(Filter::default(), o);
        for (region, name) in [
            ("110000", "医疗机构对旧伤复发的诊断证明"),
            ("120000", "旧伤复发诊断证明"),
        ] {
            let doc = serde_json::json!({
                "item": {"name": "测试事项"},
                "region": {"code": region},
                "materials": [{"name": name}, {"name": "申请表"}],
            });
            c.add(summarize(&doc, "x.yaml").unwrap());
        }
        assert!(merged(&c).is_empty());
    }

    /// Two groups that each hold a wording of region 0 are never joined, however the pairs
    /// between them score: a requirement has one wording per region.
    #[test]
    fn groups_sharing_a_region_are_not_joined() {
        let cand = |id: u32, guide: usize| Candidate {
            id,
            key: "",
            text: format!("w{id}"),
            placed: false,
            guides: vec![guide],
            condition: String::new(),
        };
        // A (region 0) ~ B (region 1); E (region 2) ~ D (region 0); then B ~ E.
        let candidates = [cand(1, 0), cand(2, 1), cand(3, 2), cand(4, 0)];
        let pairs = vec![
            (0, 1, 0.9, vec![]),
            (2, 3, 0.8, vec![]),
            (1, 2, 0.7, vec![]),
        ];
        let merges = choose(&candidates, &pairs);
        assert_eq!(merges.len(), 2, "{merges:?}");
        let joined: Vec<(u32, u32)> = merges.iter().map(|(r, j, _)| (*r, *j)).collect();
        assert!(
            !joined
                .iter()
                .any(|&(r, j)| (r, j) == (2, 3) || (r, j) == (3, 2))
        );
    }

    /// A generic wording under a condition (有效证明 "if hurt in rescue work") means the proof
    /// that condition calls for: it aligns with another region's specific proof under the same
    /// condition. Two specific documents under one condition do not (a map is not a residence
    /// certificate).
    #[test]
    fn a_generic_proof_aligns_by_its_condition() {
        let c = catalog(&[
            (
                "110000",
                &[("申请表", ""), ("有效证明", "在抢险救灾活动中受到伤害的")],
            ),
            (
                "120000",
                &[
                    ("申请表", ""),
                    ("县级以上公安部门的证明", "属于在抢险救灾活动中受到伤害的"),
                ],
            ),
        ]);
        assert_eq!(merged(&c), [["县级以上公安部门证明", "有效证明"]]);
        let c = catalog(&[
            (
                "110000",
                &[
                    ("申请表", ""),
                    ("上下班路线图", "上下班途中受到交通事故伤害的"),
                ],
            ),
            (
                "120000",
                &[
                    ("申请表", ""),
                    ("居住地证明", "属于上下班途中受到交通事故伤害的"),
                ],
            ),
        ]);
        assert!(merged(&c).is_empty(), "{:?}", merged(&c));
    }
}
