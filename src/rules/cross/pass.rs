//! The cross-region pass: one item's "四级四同" elements must agree across regions.
//!
//! The per-file pass keeps only a [`GuideSummary`] of each guide — a few strings and spans —
//! never the document, so memory stays small whatever the number of files. After every file
//! has been linted, guides are grouped by item (shared 基本编码 or shared 事项名称) and each
//! [`CrossRule`](crate::rules::CrossRule) compares its element within each group.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use super::CROSS_RULES;
use crate::diagnostic::Directive;
use crate::diagnostic::{Finding, Lang};
use crate::load::Document;
pub use crate::rules::rule::fold;
use crate::source::Source;

/// What the cross-region pass keeps of one guide. Not the comparison's
/// `compare::catalog::GuideSummary`, which keeps materials and elements for `tongban diff`.
#[derive(Debug, Clone)]
pub struct GuideSummary {
    /// Path as shown.
    pub name: Box<str>,
    /// Where to read it again to show a snippet.
    pub path: Box<std::path::Path>,
    /// `region.code` (`100000` marks the national baseline).
    pub region: Arc<str>,
    /// Grouping keys: normalised 事项名称 and 基本编码.
    pub item_name: Option<Arc<str>>,
    /// 基本编码.
    pub basic_code: Option<Arc<str>>,
    /// One entry per cross rule: the normalised value. No spans: building them costs a second
    /// parse, which only the few files with cross-region findings pay, when they are read again.
    /// Values repeat across guides (same department, same law), so they are shared: see
    /// [`Interner`].
    pub values: Box<[Option<Arc<str>>]>,
    /// Suppressions in this file that name cross-region rules (judged after the pass).
    pub suppressions: Vec<Directive>,
}

/// Shares equal strings between guide summaries: at national scale most values (the same
/// department, law, item name, region) repeat, and a million summaries must fit in memory.
/// Not the comparison's `compare::catalog::Interner`, which maps strings to `u32` ids.
#[derive(Debug, Default)]
pub struct Interner(HashSet<Arc<str>>);

impl Interner {
    fn one(&mut self, s: &mut Arc<str>) {
        match self.0.get(s) {
            Some(shared) => *s = shared.clone(),
            None => {
                self.0.insert(s.clone());
            }
        }
    }

    /// Replaces every string of `g` by a shared copy.
    pub fn intern(&mut self, mut g: GuideSummary) -> GuideSummary {
        self.one(&mut g.region);
        for s in [&mut g.item_name, &mut g.basic_code]
            .into_iter()
            .chain(g.values.iter_mut())
            .flatten()
        {
            self.one(s);
        }
        g
    }
}

/// The 12-character 基本编码 a guide's `basic_code` names: folded, upper case, without the
/// 2-digit 业务办理项 suffix some portals show (山东 `37201491700302` is item `372014917003`).
pub fn item_code(s: &str) -> String {
    let code = fold(s).to_uppercase();
    if code.len() == 14 && code.is_ascii() {
        code[..12].to_owned()
    } else {
        code
    }
}

/// Summarises one guide, or `None` when it names no item (for the lint pass; the comparison's
/// `compare::catalog::summarize` reads materials instead: see [`GuideSummary`]).
pub fn summarize(doc: &Document, source: &Source, path: PathBuf) -> Option<GuideSummary> {
    let v = &doc.value;
    let item_name = crate::load::lookup(v, "/item/name")
        .and_then(Value::as_str)
        .map(fold);
    let basic_code = crate::load::lookup(v, "/item/basic_code")
        .and_then(Value::as_str)
        .map(item_code);
    if item_name.is_none() && basic_code.is_none() {
        return None;
    }
    Some(GuideSummary {
        name: source.name.as_str().into(),
        path: path.into_boxed_path(),
        region: crate::load::lookup(v, "/region/code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .into(),
        item_name: item_name.map(Arc::from),
        basic_code: basic_code.map(Arc::from),
        values: CROSS_RULES
            .iter()
            .map(|r| r.value(v).filter(|s| !s.is_empty()).map(Arc::from))
            .collect(),
        suppressions: Vec::new(),
    })
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups guides of the same item: guides sharing a 基本编码 or a 事项名称 are one item.
pub fn groups(guides: &[GuideSummary]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..guides.len()).collect();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, g) in guides.iter().enumerate() {
        let keys = [
            g.basic_code.as_ref().map(|c| format!("code:{c}")),
            g.item_name.as_ref().map(|n| format!("name:{n}")),
        ];
        for key in keys.into_iter().flatten() {
            match by_key.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..guides.len() {
        let root = find(&mut parent, i);
        out.entry(root).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = out.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}

/// Most other guides linked from one cross-region finding (an item may have thousands).
const MAX_ELSEWHERE: usize = 20;

/// Compares every cross rule's element within each group. Returns `(guide index, finding)`.
/// The findings of the guides in `linked` also name the other guides they were compared with
/// ([`Finding::elsewhere`], which an editor links): the one buffer of an editor, not the
/// million findings of a national run.
pub fn check(
    guides: &[GuideSummary],
    lang: Lang,
    linked: std::ops::Range<usize>,
) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for group in groups(guides) {
        for (r, rule) in CROSS_RULES.iter().enumerate() {
            let present: Vec<(usize, &str)> = group
                .iter()
                .filter(|&&i| rule.compares_national() || &*guides[i].region != "100000")
                .filter_map(|&i| guides[i].values[r].as_deref().map(|v| (i, v)))
                .collect();
            if present.len() < 2 {
                continue;
            }
            // The national baseline sets the value; otherwise the most common one does, when
            // some value is shared by two guides or more.
            let national = present
                .iter()
                .find(|(i, _)| &*guides[*i].region == "100000")
                .map(|(_, v)| *v);
            let reference = national.or_else(|| {
                let mut counts: Vec<(&str, usize)> = Vec::new();
                for (_, v) in &present {
                    match counts.iter_mut().find(|(c, _)| c == v) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((v, 1)),
                    }
                }
                // Ties go to the value met first (files in path order).
                let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
                counts
                    .iter()
                    .find(|(_, n)| *n == best && best > 1)
                    .map(|(v, _)| *v)
            });
            let files = |pick: &dyn Fn(usize, &str) -> bool| {
                let names: Vec<&str> = present
                    .iter()
                    .filter(|(i, v)| pick(*i, v))
                    .map(|(i, _)| &*guides[*i].name)
                    .collect();
                let more = names.len().saturating_sub(3);
                let shown = names[..names.len().min(3)].join(", ");
                if more > 0 {
                    format!("{shown} …(+{more})")
                } else {
                    shown
                }
            };
            for &(i, v) in &present {
                let message = match reference {
                    Some(reference) => {
                        if rule.agrees(v, reference) {
                            continue;
                        }
                        let agreeing = files(&|_, w| w == reference);
                        match lang {
                            Lang::Zh => format!(
                                "{}“{v}”与同一事项其他地区的“{reference}”不一致（{agreeing}）",
                                rule.title()
                            ),
                            Lang::En => format!(
                                "{} `{v}` differs from `{reference}` given for the same item in other regions ({agreeing})",
                                rule.title_en()
                            ),
                        }
                    }
                    None => {
                        let others = files(&|j, _| j != i);
                        match lang {
                            Lang::Zh => format!(
                                "同一事项的 {} 份指南{}各不相同，本指南为“{v}”（另见 {others}）",
                                present.len(),
                                rule.title()
                            ),
                            Lang::En => format!(
                                "the {} guides of this item all give a different {}; this one gives `{v}` (see also {others})",
                                present.len(),
                                rule.title_en()
                            ),
                        }
                    }
                };
                let def = rule.def();
                // The other guides, for an editor to link (the message names a few by path).
                let mut finding = Finding::new(def.check, message, 0..0);
                if linked.contains(&i) {
                    finding.elsewhere = Some(elsewhere(guides, &present, i));
                }
                // Located later, when the file is read again (see `lint::cross_region`).
                out.push((
                    i,
                    finding
                        .with_pointer(rule.pointer())
                        .with_help(lang.pick(
                            "“四级四同”：同一事项的名称、编码、类型、主管部门、实施机关、设定依据应全国一致；如确属地方差异，请用 `# tongban: allow` 注明理由",
                            "四级四同: an item's name, code, type, competent department, implementing agency and legal basis must agree nationwide; if this region differs on purpose, suppress with a reason",
                        )),
                ));
            }
        }
    }
    out
}

/// The other guides of `present` than `i`, each with its region and value (`上海市（310000）：
/// 行政许可`): the message a link to it shows.
fn elsewhere(
    guides: &[GuideSummary],
    present: &[(usize, &str)],
    i: usize,
) -> Box<[crate::diagnostic::Elsewhere]> {
    present
        .iter()
        .filter(|(j, _)| *j != i)
        .take(MAX_ELSEWHERE)
        .map(|&(j, value)| {
            let code = &*guides[j].region;
            let message = match crate::data::regions::name(code) {
                Some(region) => format!("{region}（{code}）：{value}"),
                None => format!("{code}：{value}"),
            };
            crate::diagnostic::Elsewhere {
                path: guides[j].path.to_path_buf(),
                message,
            }
        })
        .collect()
}

/// Place-name prefixes by (region code, region name).
type PlaceCache = HashMap<(String, String), std::rc::Rc<[String]>>;

/// The kind of an agency: its name without leading place names. The guide's own division and
/// every division above it (from `region.code` and the 2023 table, with short forms such as 湖南
/// for 湖南省) are stripped first, so 河北省赵县市场监督管理局 in 赵县 (`130133`) becomes
/// 市场监督管理局; only when none of them leads the name is a generic place-name pattern tried.
pub fn agency_kind(department: &str, region_name: &str, region_code: &str) -> String {
    thread_local! {
        /// Place-name prefixes by (region code, region name): a run has a few thousand regions
        /// and a million guides.
        static PLACES: std::cell::RefCell<PlaceCache> = std::cell::RefCell::default();
    }
    let d = fold(department);
    let candidates = PLACES.with(|places| {
        let key = (region_code.to_owned(), region_name.to_owned());
        if let Some(c) = places.borrow().get(&key) {
            return c.clone();
        }
        let c: std::rc::Rc<[String]> = place_prefixes(region_name, region_code).into();
        places.borrow_mut().insert(key, c.clone());
        c
    });
    let mut rest = d.as_str();
    for _ in 0..4 {
        let known = candidates.iter().find_map(|c| {
            rest.strip_prefix(c.as_str())
                .filter(|r| r.chars().count() >= 2)
        });
        // Place names the code does not explain: a generic pattern.
        match known.or_else(|| strip_place(rest)) {
            Some(r) => rest = r,
            None => break,
        }
    }
    rest.to_owned()
}

/// The place names an agency of this region may start with, longest first: the region's name,
/// its division and every division above it (from the code), each with its short form.
fn place_prefixes(region_name: &str, region_code: &str) -> Vec<String> {
    let mut names = vec![fold(region_name)];
    if crate::data::regions::is_six_digits(region_code) {
        let own = std::iter::once(region_code.to_owned());
        for code in own.chain(crate::data::regions::ancestors(region_code)) {
            if let Some(n) = crate::data::regions::name(&code) {
                names.push(fold(n));
            }
        }
    }
    let mut candidates: Vec<String> = Vec::new();
    for name in names {
        for suffix in [
            "特别行政区",
            "维吾尔自治区",
            "壮族自治区",
            "回族自治区",
            "自治区",
            "自治州",
            "地区",
            "省",
            "市",
            "县",
            "区",
            "州",
            "盟",
            "旗",
        ] {
            if let Some(stem) = name.strip_suffix(suffix)
                && stem.chars().count() >= 2
            {
                candidates.push(stem.to_owned());
            }
        }
        if name.chars().count() >= 2 && !matches!(name.as_str(), "市辖区" | "县") {
            candidates.push(name);
        }
    }
    candidates.push("国家".to_owned());
    candidates.push("全国".to_owned());
    // Longest first, so 赵县 is taken whole rather than as a stem of something shorter.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.len()));
    candidates
}

/// The characters that end a place name (and name a level: 县(区), 县级).
const PLACE_SUFFIXES: [char; 7] = ['省', '市', '区', '县', '州', '盟', '旗'];

/// `rest` after a leading place name such as 武汉市, 江宁区, 沛县 or 某某县(区), or after a level
/// placeholder such as 县(区) or 市（州） that stands for the place; `None` when none leads.
fn strip_place(s: &str) -> Option<&str> {
    // A suffix character in the first two places is part of the name (杭州市, 市场监督管理局),
    // except 县 (沛县); the 市 of 市场 is a word, not a suffix (赵县市场监督管理局); and so is a
    // level, 区级 / 市级 / 县级 (任意一个区级婚姻登记机关 is not 级婚姻登记机关). A character
    // inside brackets is an alternative, never the end of the place (县(区)民政局 is not
    // )民政局).
    if let Some(rest) = level_placeholder(s) {
        return (rest.chars().count() >= 2).then_some(rest);
    }
    let mut depth = 0usize;
    for (n, (i, c)) in s.char_indices().enumerate().take(8) {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        let rest = &s[i + c.len_utf8()..];
        let suffix = PLACE_SUFFIXES.contains(&c) && (n >= 2 || (n == 1 && c == '县'));
        let word = (c == '市' && rest.starts_with('场')) || rest.starts_with('级');
        if suffix && !word {
            let rest = skip_alternatives(rest);
            return (rest.chars().count() >= 2).then_some(rest);
        }
    }
    None
}

/// A level followed by its bracketed alternatives at the start (县(区), 市（州）, 县（市、区）):
/// the text after them.
fn level_placeholder(s: &str) -> Option<&str> {
    let c = s.chars().next()?;
    if !PLACE_SUFFIXES.contains(&c) {
        return None;
    }
    let rest = &s[c.len_utf8()..];
    let after = skip_alternatives(rest);
    (after.len() < rest.len()).then_some(after)
}

/// `s` without leading bracketed level alternatives (`(区)`, `（市、区）`); `s` itself when it
/// does not start with them.
fn skip_alternatives(s: &str) -> &str {
    let Some(inner) = s.strip_prefix(['(', '（']) else {
        return s;
    };
    let Some(end) = inner.find([')', '）']) else {
        return s;
    };
    let alternatives = &inner[..end];
    let levels = !alternatives.is_empty()
        && alternatives
            .chars()
            .all(|c| PLACE_SUFFIXES.contains(&c) || matches!(c, '、' | '/' | ','));
    if !levels {
        return s;
    }
    let close = inner[end..].chars().next().map_or(0, char::len_utf8);
    &inner[end + close..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(name: &str, region: &str, item_type: &str) -> GuideSummary {
        let mut values = vec![None; CROSS_RULES.len()];
        values[2] = Some(Arc::from(item_type));
        GuideSummary {
            name: name.into(),
            path: std::path::Path::new(name).into(),
            region: region.into(),
            item_name: Some("生育登记".into()),
            basic_code: None,
            values: values.into(),
            suppressions: Vec::new(),
        }
    }

    /// Regression: TB305 said 实施机关“级婚姻登记机关” for 上海市任意一个区级婚姻登记机关 (catalogs/
    /// shanghai): place stripping took the 区 of 区级 for a district's suffix and cut the word.
    #[test]
    fn a_level_is_not_a_place_suffix() {
        assert_eq!(
            agency_kind("上海市任意一个区级婚姻登记机关", "上海市", "310000"),
            "任意一个区级婚姻登记机关"
        );
        assert_eq!(agency_kind("市级婚姻登记机关", "", ""), "市级婚姻登记机关");
        // Real place suffixes are still taken off.
        assert_eq!(
            agency_kind("益阳市赫山区民政局", "益阳市", "430900"),
            "民政局"
        );
        assert_eq!(agency_kind("沛县市场监督管理局", "", ""), "市场监督管理局");
    }

    /// Regression (issue 24): TB305 said 实施机关“)民政局婚姻登记处” for 县(区)民政局婚姻登记处 and
    /// cut 市（州）民政局 to “)民政局”: the 区 inside the brackets was taken for a district's suffix.
    /// A bracketed level alternative belongs to the place; a level word before 级 stays whole.
    #[test]
    fn tb305_cut_a_bracketed_level_alternative_to_a_stray_bracket() {
        for (department, region, code, kind) in [
            ("县(区)民政局婚姻登记处", "", "", "民政局婚姻登记处"),
            ("县（区）民政局婚姻登记处", "", "", "民政局婚姻登记处"),
            ("某某县(区)民政局婚姻登记处", "", "", "民政局婚姻登记处"),
            ("市（州）民政局", "", "", "民政局"),
            ("湖南省市（州）民政局", "湖南省", "430000", "民政局"),
            ("县（市、区）民政局", "", "", "民政局"),
            ("县级婚姻登记机关", "", "", "县级婚姻登记机关"),
            (
                "上海市县级婚姻登记机关",
                "上海市",
                "310000",
                "县级婚姻登记机关",
            ),
            ("赵县县级婚姻登记机关", "赵县", "130133", "县级婚姻登记机关"),
            // Brackets that are not levels stay.
            ("县(筹)民政局", "", "", "县(筹)民政局"),
        ] {
            let got = agency_kind(department, region, code);
            assert_eq!(got, fold(kind), "{department}");
            assert!(!got.starts_with([')', '）', '级']), "{department} -> {got}");
        }
    }

    #[test]
    fn interner_shares_equal_strings() {
        let mut i = Interner::default();
        let a = i.intern(guide("a.yaml", "430000", "公共服务"));
        let b = i.intern(guide("b.yaml", "430000", "公共服务"));
        assert!(Arc::ptr_eq(&a.region, &b.region));
        assert!(Arc::ptr_eq(
            a.values[2].as_ref().unwrap(),
            b.values[2].as_ref().unwrap()
        ));
        assert_eq!(&*b.region, "430000");
    }

    #[test]
    fn without_a_majority_every_guide_is_reported_neutrally() {
        let guides = [
            guide("a.yaml", "430000", "公共服务"),
            guide("b.yaml", "310000", "行政确认"),
            guide("c.yaml", "320000", "其他行政权力"),
        ];
        let found = check(&guides, Lang::En, 0..0);
        assert_eq!(found.len(), 3);
        assert!(
            found[0]
                .1
                .message
                .contains("all give a different item type")
        );
        // A national baseline is the reference even when it is alone.
        let guides = [
            guide("a.yaml", "430000", "公共服务"),
            guide("b.yaml", "310000", "公共服务"),
            guide("n.yaml", "100000", "行政确认"),
        ];
        let found = check(&guides, Lang::En, 0..0);
        assert_eq!(found.len(), 2);
        assert!(found[0].1.message.contains("differs from `行政确认`"));
    }

    #[test]
    fn agency_kinds() {
        // (department, region.name, region.code, kind). Found at scale: two-character county
        // names (赵县), the 市 of 市场 after a place name, and defective codes (13013), which fall
        // back to the generic pattern.
        for (department, name, code, kind) in [
            ("湖南省市场监督管理局", "湖南省", "430000", "市场监督管理局"),
            ("上海市市场监督管理局", "上海市", "310000", "市场监督管理局"),
            (
                "成都住房公积金管理中心",
                "成都市",
                "510100",
                "住房公积金管理中心",
            ),
            ("国家市场监督管理总局", "全国", "100000", "市场监督管理总局"),
            (
                "河北省赵县市场监督管理局",
                "赵县",
                "130133",
                "市场监督管理局",
            ),
            ("赵县卫生健康委员会", "赵县", "130133", "卫生健康委员会"),
            (
                "湖北省武汉市江岸区市场监督管理局",
                "江岸区",
                "420102",
                "市场监督管理局",
            ),
            (
                "河北省赵县市场监督管理局",
                "赵县",
                "13013",
                "市场监督管理局",
            ),
            ("河北省沛县卫生健康委员会", "", "", "卫生健康委员会"),
            (
                "河北省石家庄高新技术产业开发区卫生健康委员会",
                "石家庄高新技术产业开发区",
                "13017",
                "卫生健康委员会",
            ),
            ("苏州工业园区行政审批局", "江苏省", "320000", "行政审批局"),
        ] {
            assert_eq!(agency_kind(department, name, code), kind, "{department}");
        }
    }
}
