//! The scorer of `tongban diff --format json` against an expert alignment (tests/data/diff-gold/):
//! which pairs of atoms from different regions tongban puts in one row, against which the expert
//! gives one concept; the common core; the uniformity index. What is counted, and why, is in
//! docs/accuracy.md. It reads only the JSON a user gets: each atom is placed through the rows'
//! `parts` (which region's wording gave which piece), never through tongban's internals.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The national baseline: annotated, but not a region (left out of pairs, core and uniformity).
const BASELINE: &str = "100000";

/// Compounds with more atoms than this many candidate rows are assigned among the best rows only.
const POOL: usize = 8;

/// The figures of one gold item.
#[derive(Debug, Clone)]
pub(crate) struct ItemScore {
    /// The item's name (事项名称).
    pub(crate) item: String,
    /// Whether tongban's output has the item at all.
    pub(crate) found: bool,
    /// Regions with atoms (the baseline left out).
    pub(crate) regions: usize,
    /// Region atoms scored.
    pub(crate) atoms: usize,
    /// Pairs tongban puts together that the gold puts together.
    pub(crate) tp: usize,
    /// Pairs tongban puts together that the gold keeps apart.
    pub(crate) fp: usize,
    /// Pairs the gold puts together that tongban keeps apart.
    pub(crate) fn_: usize,
    /// Jaccard of tongban's common core (as concepts) and the gold core.
    pub(crate) core: f64,
    /// The gold uniformity index.
    pub(crate) uni_gold: f64,
    /// tongban's uniformity index, when it gives one.
    pub(crate) uni_tongban: Option<f64>,
    /// Atoms no row carries.
    pub(crate) unmapped: usize,
}

impl ItemScore {
    /// Pair precision.
    pub(crate) fn precision(&self) -> f64 {
        prf(self.tp, self.fp, self.fn_).0
    }
    /// Pair recall.
    pub(crate) fn recall(&self) -> f64 {
        prf(self.tp, self.fp, self.fn_).1
    }
    /// Pair F1.
    pub(crate) fn f1(&self) -> f64 {
        prf(self.tp, self.fp, self.fn_).2
    }
    /// |gold uniformity − tongban's| (1 when tongban gives none).
    pub(crate) fn uni_err(&self) -> f64 {
        self.uni_tongban.map_or(1.0, |t| (self.uni_gold - t).abs())
    }
}

/// The figures of one gold file: per item, and the headline.
#[derive(Debug, Clone)]
pub(crate) struct Score {
    /// One per gold item, in the gold's order.
    pub(crate) items: Vec<ItemScore>,
}

impl Score {
    /// Macro mean of the items' pair F1.
    pub(crate) fn pair_f1(&self) -> f64 {
        mean(self.items.iter().map(ItemScore::f1))
    }
    /// Macro mean of the items' core Jaccard.
    pub(crate) fn core(&self) -> f64 {
        mean(self.items.iter().map(|i| i.core))
    }
    /// Macro mean of the items' uniformity error.
    pub(crate) fn uni_err(&self) -> f64 {
        mean(self.items.iter().map(ItemScore::uni_err))
    }
    /// Micro precision and recall over the pairs of all items.
    pub(crate) fn micro(&self) -> (f64, f64) {
        let sum = |f: fn(&ItemScore) -> usize| self.items.iter().map(f).sum::<usize>();
        let (p, r, _) = prf(sum(|i| i.tp), sum(|i| i.fp), sum(|i| i.fn_));
        (p, r)
    }
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        1.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        1.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The light fold both sides are compared under: NFKC, no whitespace, no 《》 or quotes.
fn light(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace() && !"《》“”\"".contains(*c))
        .collect()
}

/// A heavier fold for names the light one misses: other brackets and trailing punctuation too.
fn heavy(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .filter(|c| !c.is_whitespace() && !"《》“”\"〈〉「」『』‘’'".contains(*c))
        .collect();
    folded
        .trim_end_matches(|c| "。；;，,、.:：！!？?".contains(c))
        .to_ascii_lowercase()
}

/// Dice coefficient of character bigrams (each bigram of `b` matched at most once).
fn dice(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (a, b) = (bigrams(a), bigrams(b));
    let mut rest = b.clone();
    let mut hit = 0;
    for g in &a {
        if let Some(k) = rest.iter().position(|x| x == g) {
            rest.remove(k);
            hit += 1;
        }
    }
    2.0 * hit as f64 / (a.len() + b.len()) as f64
}

fn bigrams(s: &str) -> Vec<(char, Option<char>)> {
    let cs: Vec<char> = s.chars().collect();
    if cs.len() == 1 {
        return vec![(cs[0], None)];
    }
    cs.windows(2).map(|w| (w[0], Some(w[1]))).collect()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().map(text).collect(),
        _ => Vec::new(),
    }
}

fn status_of(v: &Value) -> Option<&str> {
    match v {
        Value::Object(o) => o.get("status").and_then(Value::as_str),
        v => v.as_str(),
    }
}

/// One row of tongban's comparison, as the JSON gives it.
struct Row {
    name: String,
    light: BTreeSet<String>,
    heavy: BTreeSet<String>,
    /// (region, light(material as written)) → the light pieces of that wording in this row.
    pieces: HashMap<(String, String), Vec<String>>,
    status: HashMap<String, String>,
    baseline: Option<String>,
}

impl Row {
    fn new(m: &Value) -> Row {
        let name = text(&m["name"]);
        let mut all = vec![name.clone()];
        all.extend(strings(&m["variants"]));
        let mut pieces: HashMap<(String, String), Vec<String>> = HashMap::new();
        for p in m["parts"].as_array().into_iter().flatten() {
            let Some(material) = p["material"].as_str() else {
                continue;
            };
            let piece = p["piece"].as_str().unwrap_or(material);
            for reg in p["regions"].as_array().into_iter().flatten() {
                pieces
                    .entry((text(reg), light(material)))
                    .or_default()
                    .push(light(piece));
            }
        }
        let status = m["regions"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.clone(), status_of(v)?.to_string())))
            .collect();
        Row {
            light: all.iter().map(|s| light(s)).collect(),
            heavy: all.iter().map(|s| heavy(s)).collect(),
            name,
            pieces,
            status,
            baseline: status_of(&m["baseline"]).map(str::to_string),
        }
    }

    fn present(&self, region: &str) -> bool {
        let st = if region == BASELINE {
            self.baseline.as_deref()
        } else {
            self.status.get(region).map(String::as_str)
        };
        st.is_some_and(|s| s != "absent")
    }
}

/// One gold atom: a requirement of one region, from one material as written.
struct Atom<'g> {
    region: String,
    material: &'g str,
    concept: &'g str,
    /// What identifies its piece of a compound: the part, accepted documents, the concept.
    cues: Vec<String>,
}

impl<'g> Atom<'g> {
    fn new(a: &'g Value, labels: &HashMap<&str, &str>) -> Atom<'g> {
        let material = a["material"].as_str().unwrap_or_default();
        let concept = a["concept"].as_str().unwrap_or_default();
        let mut cues: Vec<String> = match &a["part"] {
            Value::Null => vec![light(material)],
            part => strings(part).iter().map(|p| light(p)).collect(),
        };
        cues.extend(strings(&a["accepts"]).iter().map(|d| light(d)));
        cues.push(light(concept));
        let label = labels.get(concept).copied().unwrap_or_default();
        cues.push(light(label.split('{').next().unwrap_or_default()));
        cues.retain(|c| !c.is_empty());
        Atom {
            region: text(&a["region"]),
            material,
            concept,
            cues,
        }
    }
}

/// Scores tongban's `diff --format json` output against one gold file (both parsed).
pub(crate) fn score(gold: &Value, tongban: &Value) -> Score {
    let tb_items: &[Value] = tongban["items"].as_array().map_or(&[], Vec::as_slice);
    let items = gold["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|it| score_item(it, tb_items))
        .collect();
    Score { items }
}

fn score_item(it: &Value, tb_items: &[Value]) -> ItemScore {
    let name = text(&it["item"]);
    let mut matches: Vec<&Value> = tb_items
        .iter()
        .filter(|t| light(&text(&t["name"])) == light(&name))
        .collect();
    if matches.is_empty() && it["basic_code"].is_string() {
        matches = tb_items
            .iter()
            .filter(|t| t["basic_code"] == it["basic_code"])
            .collect();
    }
    let rows: Vec<Row> = matches
        .iter()
        .flat_map(|t| t["materials"].as_array().into_iter().flatten())
        .map(Row::new)
        .collect();
    let labels: HashMap<&str, &str> = it["concepts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["id"].as_str()?, c["label"].as_str().unwrap_or_default())))
        .collect();
    let atoms: Vec<Atom<'_>> = it["atoms"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| Atom::new(a, &labels))
        .filter(|a| a.region != BASELINE)
        .collect();
    let placed = place(&atoms, &rows);
    let (tp, fp, fn_) = pair_counts(&atoms, &placed);

    let gold_core: BTreeSet<String> = strings(&it["common_core"]).into_iter().collect();
    let core = if matches.is_empty() {
        0.0
    } else {
        jaccard(&gold_core, &tongban_core(&matches, &rows, &atoms, &placed))
    };
    let uni_tongban = if matches.len() == 1 {
        matches[0]["uniformity"].as_f64()
    } else {
        matches
            .iter()
            .filter_map(|t| t["uniformity"].as_f64())
            .reduce(f64::min)
    };
    ItemScore {
        item: name,
        found: !matches.is_empty(),
        regions: atoms
            .iter()
            .map(|a| a.region.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        atoms: atoms.len(),
        tp,
        fp,
        fn_,
        core,
        uni_gold: it["uniformity"].as_f64().unwrap_or(1.0),
        uni_tongban,
        unmapped: placed.iter().filter(|p| p.is_empty()).count(),
    }
}

/// The rows each atom is in. By the rows' `parts`: an atom goes to the rows whose parts name its
/// region's wording, and the atoms of one compound wording are shared one-to-one among those rows
/// by how alike their cues and the pieces are. An atom whose wording no part names is placed by
/// name (the rows whose name or variants carry its material).
fn place(atoms: &[Atom<'_>], rows: &[Row]) -> Vec<BTreeSet<usize>> {
    let mut placed: Vec<BTreeSet<usize>> = atoms.iter().map(|a| by_name(a, rows)).collect();
    let mut groups: Vec<((String, String), Vec<usize>)> = Vec::new();
    for (i, a) in atoms.iter().enumerate() {
        let key = (a.region.clone(), light(a.material));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, idx)) => idx.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    for (key, idx) in groups {
        let cand: Vec<usize> = (0..rows.len())
            .filter(|&r| rows[r].pieces.contains_key(&key))
            .collect();
        if cand.is_empty() {
            continue;
        }
        if let [i] = idx[..] {
            placed[i] = cand.into_iter().collect();
            continue;
        }
        let score = |i: usize, r: usize| -> f64 {
            let row = &rows[r];
            let own = light(&row.name);
            let pieces = row.pieces[&key].iter().chain(std::iter::once(&own));
            let pieces: Vec<&String> = pieces.collect();
            atoms[i]
                .cues
                .iter()
                .flat_map(|c| pieces.iter().map(move |p| dice(c, p)))
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let mut pool = cand.clone();
        if pool.len() > POOL {
            let best = |r: usize| idx.iter().map(|&i| score(i, r)).fold(f64::MIN, f64::max);
            pool.sort_by(|&x, &y| best(y).total_cmp(&best(x)));
            pool.truncate(POOL);
        }
        let mut slots: Vec<Option<usize>> = pool.into_iter().map(Some).collect();
        slots.resize(slots.len().max(idx.len()), None);
        let table: Vec<Vec<f64>> = idx
            .iter()
            .map(|&i| {
                slots
                    .iter()
                    .map(|s| s.map_or(0.0, |r| score(i, r)))
                    .collect()
            })
            .collect();
        let best = assign(&table);
        for (&i, &s) in idx.iter().zip(&best) {
            placed[i] = slots[s].into_iter().collect();
        }
    }
    placed
}

/// The slot of each atom (row of `table`) maximising the summed score, each slot used once; of
/// equal sums, the first in lexicographic order of slots wins.
fn assign(table: &[Vec<f64>]) -> Vec<usize> {
    fn walk(
        table: &[Vec<f64>],
        used: &mut Vec<bool>,
        cur: &mut Vec<usize>,
        best: &mut (Vec<usize>, f64),
    ) {
        let k = cur.len();
        if k == table.len() {
            // summed in atom order, as a plain left fold, so ties break the same way every time
            let v = cur
                .iter()
                .enumerate()
                .fold(0.0, |acc, (i, &s)| acc + table[i][s]);
            if v > best.1 + 1e-12 {
                *best = (cur.clone(), v);
            }
            return;
        }
        for s in 0..used.len() {
            if !used[s] {
                used[s] = true;
                cur.push(s);
                walk(table, used, cur, best);
                cur.pop();
                used[s] = false;
            }
        }
    }
    let slots = table.first().map_or(0, Vec::len);
    let mut best = (Vec::new(), -1.0);
    walk(table, &mut vec![false; slots], &mut Vec::new(), &mut best);
    best.0
}

/// The rows carrying an atom's material (or, failing that, its part) by name; those where its
/// region is present first.
fn by_name(a: &Atom<'_>, rows: &[Row]) -> BTreeSet<usize> {
    let find = |name: &str| -> Vec<usize> {
        let l = light(name);
        let hits: Vec<usize> = (0..rows.len())
            .filter(|&r| rows[r].light.contains(&l))
            .collect();
        if !hits.is_empty() {
            return hits;
        }
        let h = heavy(name);
        (0..rows.len())
            .filter(|&r| rows[r].heavy.contains(&h))
            .collect()
    };
    let cands = find(a.material);
    let pref: BTreeSet<usize> = cands
        .iter()
        .copied()
        .filter(|&r| rows[r].present(&a.region))
        .collect();
    if pref.is_empty() {
        cands.into_iter().collect()
    } else {
        pref
    }
}

/// (tp, fp, fn) over the pairs of atoms from different regions.
fn pair_counts(atoms: &[Atom<'_>], placed: &[BTreeSet<usize>]) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for i in 0..atoms.len() {
        for j in i + 1..atoms.len() {
            if atoms[i].region == atoms[j].region {
                continue;
            }
            let gold = atoms[i].concept == atoms[j].concept;
            let together = !placed[i].is_disjoint(&placed[j]);
            match (gold, together) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    (tp, fp, fn_)
}

/// tongban's common core as gold concepts: each core row stands for the concepts of the atoms
/// placed in it.
fn tongban_core(
    matches: &[&Value],
    rows: &[Row],
    atoms: &[Atom<'_>],
    placed: &[BTreeSet<usize>],
) -> BTreeSet<String> {
    let mut concepts_of: HashMap<usize, BTreeSet<&str>> = HashMap::new();
    for (a, rs) in atoms.iter().zip(placed) {
        for &r in rs {
            concepts_of.entry(r).or_default().insert(a.concept);
        }
    }
    let mut core = BTreeSet::new();
    for t in matches {
        for c in t["common_core"].as_array().into_iter().flatten() {
            let n = light(&match c {
                Value::Object(o) => o.get("name").map(text).unwrap_or_default(),
                c => text(c),
            });
            let mut ids: Vec<usize> = (0..rows.len())
                .filter(|&r| light(&rows[r].name) == n)
                .collect();
            if ids.is_empty() {
                ids = (0..rows.len())
                    .filter(|&r| rows[r].light.contains(&n))
                    .collect();
            }
            for r in ids {
                core.extend(
                    concepts_of
                        .get(&r)
                        .into_iter()
                        .flatten()
                        .map(|c| c.to_string()),
                );
            }
        }
    }
    core
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        1.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_counts_each_bigram_once() {
        assert_eq!(dice("身份证", "身份证"), 1.0);
        assert_eq!(dice("身份证明", "身份证"), 0.8);
        assert_eq!(dice("", "身份证"), 0.0);
        assert_eq!(dice("aa", "aaa"), 2.0 / 3.0);
    }

    #[test]
    fn folds_drop_brackets_and_trailing_punctuation() {
        assert_eq!(light("《失业人员 登记表》"), "失业人员登记表");
        assert_eq!(heavy("「申请书」。"), "申请书");
    }

    /// Synthetic: two regions, two concepts; one region's compound wording split into two rows.
    fn gold() -> Value {
        serde_json::json!({"items": [{"item": "示例事项", "uniformity": 1.0,
            "common_core": ["身份证明", "申请表"],
            "concepts": [{"id": "身份证明", "label": "身份证明"}, {"id": "申请表", "label": "申请表"}],
            "atoms": [
                {"region": "110000", "material": "身份证、申请表", "part": "身份证", "concept": "身份证明"},
                {"region": "110000", "material": "身份证、申请表", "part": "申请表", "concept": "申请表"},
                {"region": "120000", "material": "居民身份证", "concept": "身份证明"},
                {"region": "120000", "material": "《申请表》", "concept": "申请表"},
                {"region": "100000", "material": "身份证", "concept": "身份证明"}]}]})
    }

    fn row(name: &str, parts: &[(&str, &str, &str)]) -> Value {
        let parts: Vec<Value> = parts
            .iter()
            .map(|(r, m, p)| serde_json::json!({"regions": [r], "material": m, "piece": p}))
            .collect();
        serde_json::json!({"name": name, "regions": {"110000": "required", "120000": "required"}, "parts": parts})
    }

    #[test]
    fn a_right_split_scores_one_and_a_merge_is_a_false_pair() {
        let right = serde_json::json!({"items": [{"name": "示例事项", "uniformity": 1.0,
            "common_core": ["身份证明", "申请表"], "materials": [
                row("身份证明", &[("110000", "身份证、申请表", "身份证"), ("120000", "居民身份证", "居民身份证")]),
                row("申请表", &[("110000", "身份证、申请表", "申请表"), ("120000", "《申请表》", "申请表")])]}]});
        let s = score(&gold(), &right);
        assert_eq!((s.items[0].tp, s.items[0].fp, s.items[0].fn_), (2, 0, 0));
        assert_eq!((s.pair_f1(), s.core(), s.uni_err()), (1.0, 1.0, 0.0));

        let merged = serde_json::json!({"items": [{"name": "示例事项", "uniformity": 0.5,
            "common_core": [], "materials": [
                row("身份证明", &[("110000", "身份证、申请表", "身份证、申请表"),
                    ("120000", "居民身份证", "居民身份证"), ("120000", "《申请表》", "申请表")])]}]});
        let s = score(&gold(), &merged);
        // the unsplit compound gives its one row to one atom (身份证); its 申请表 is placed nowhere
        assert_eq!((s.items[0].tp, s.items[0].fp, s.items[0].fn_), (1, 1, 1));
        assert_eq!(s.items[0].unmapped, 1);
        assert_eq!((s.core(), s.uni_err()), (0.0, 0.5));

        let missing = score(&gold(), &serde_json::json!({"items": []}));
        assert!(!missing.items[0].found);
        assert_eq!(
            (missing.pair_f1(), missing.core(), missing.uni_err()),
            (0.0, 0.0, 1.0)
        );
    }

    #[test]
    fn ties_go_to_the_first_assignment() {
        assert_eq!(assign(&[vec![0.5, 0.5], vec![0.5, 0.5]]), vec![0, 1]);
        assert_eq!(assign(&[vec![0.1, 0.9], vec![0.8, 0.2]]), vec![1, 0]);
    }
}
