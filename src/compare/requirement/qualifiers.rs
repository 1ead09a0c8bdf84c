//! What is stripped from one alternative before it is looked up, kept as an attribute: a signing
//! or issuing clause, persons, words before a title, validity and medium words, copy forms, a place
//! in a form's title, a parenthesised remark, a quantity, the side of a document; then the item's
//! own form, a generic noun written the common way, a known document at the end.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::data::normalize::normalize;
use crate::data::ontology::{Hit, Origin};

use super::lexicon::{
    BOOKLET_CARDS, CATCH_ALL_TAILS, CLAUSE_ENDS, COPY_FORMS, DOCUMENT_ENDS, FORM_ENDS,
    GENERIC_BIGRAMS, GENERIC_HEADS, ORGANISATION_ENDS, PAGES, PROCEDURES, SIDES, TRAILING_PARTIES,
    VAGUE_ENDS, VAGUE_PHRASES, VALIDITY,
};
use super::persons::strip_persons;
use super::{How, ItemRef, Qualifiers, Reader};

/// GB/T 2260 division names and their short forms (广东省 / 广东), for place names in titles.
pub(super) fn places() -> &'static HashSet<String> {
    static PLACES: OnceLock<HashSet<String>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut set = HashSet::new();
        for (_, name) in
            crate::data::regions::all().chain(crate::data::regions::DIVISIONS.iter().copied())
        {
            if name == "全国" {
                continue;
            }
            set.insert(name.to_owned());
            for suffix in [
                "维吾尔自治区",
                "壮族自治区",
                "回族自治区",
                "特别行政区",
                "自治区",
                "自治州",
                "地区",
                "省",
                "市",
            ] {
                if let Some(short) = name.strip_suffix(suffix)
                    && short.chars().count() >= 2
                {
                    set.insert(short.to_owned());
                }
            }
        }
        set
    })
}

/// Place names at the start of a title: (the place, the rest). 广东省中山市常驻… → 广东省中山市.
pub(super) fn strip_place(s: &str) -> (String, &str) {
    let mut rest = s;
    let mut place = String::new();
    if let Some(r) = rest.strip_prefix('_') {
        // A blank for the place (____省（区、市）…).
        rest = r.trim_start_matches('_');
        for p in ["省(区、市)", "省(区,市)", "省", "市", "县"] {
            if let Some(r) = rest.strip_prefix(p) {
                rest = r;
                break;
            }
        }
        place.push_str(&s[..s.len() - rest.len()]);
    }
    loop {
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        let found = (2..=chars.len().min(10)).rev().find_map(|n| {
            let end = chars.get(n).map_or(rest.len(), |(i, _)| *i);
            // Something must remain after the place.
            (end < rest.len() && places().contains(&rest[..end])).then_some(end)
        });
        match found {
            Some(end) => {
                place.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            None => break,
        }
    }
    (place, rest)
}

/// Where a trailing quantity starts (照片2张 → 2张, 复印件一份 → 一份), if the name ends with one.
pub(super) fn quantity_at(s: &str) -> Option<usize> {
    let unit = s
        .chars()
        .last()
        .filter(|c| matches!(c, '张' | '份' | '页' | '套'))?;
    let body = &s[..s.len() - unit.len_utf8()];
    let digits = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c))
        .last()
        .map(|(i, _)| i)?;
    if digits == 0 {
        return None;
    }
    // 一式三份, 各一份, 共2张, 每人2张: the word before the number belongs to the quantity.
    let before = &s[..digits];
    let at = ["一式", "每人", "各", "共"]
        .iter()
        .find_map(|w| before.strip_suffix(w))
        .map_or(digits, str::len);
    (at > 0).then_some(at)
}

pub(super) fn looks_like_document(s: &str) -> bool {
    let s = s.trim_end_matches(')');
    // 身份证明复印件, 身份证正反面: the document is before the copy form.
    let s = COPY_FORMS
        .iter()
        .find_map(|(p, _)| s.strip_suffix(p).filter(|r| !r.is_empty()))
        .unwrap_or(s);
    let s = SIDES
        .iter()
        .find_map(|p| s.strip_suffix(p).filter(|r| !r.is_empty()))
        .unwrap_or(s);
    // 代表 (指定的代表) is a person, 表 or not.
    !s.ends_with("代表") && (DOCUMENT_ENDS.iter().any(|e| s.ends_with(e)) || s.ends_with('》'))
}

/// A bare page, or (when `after_page`: the conjunct before ends in a page, 户口簿首页和…) a
/// booklet's card ([`BOOKLET_CARDS`]).
pub(super) fn page_or_card(b: &str, after_page: bool) -> bool {
    let b = b
        .split_once(['(', '（'])
        .map_or(b, |(before, _)| before)
        .trim_end();
    let b = COPY_FORMS
        .iter()
        .find_map(|(p, _)| b.strip_suffix(p).filter(|r| !r.is_empty()))
        .unwrap_or(b);
    let persons = strip_persons(b);
    let rest = persons.rest.trim_start_matches('的');
    PAGES.contains(&b)
        || PAGES.contains(&rest)
        || (after_page && (BOOKLET_CARDS.contains(&b) || BOOKLET_CARDS.contains(&rest)))
}

/// Whether `a` ends in a page of a booklet (户口簿首页).
pub(super) fn ends_with_page(a: &str) -> bool {
    PAGES.iter().any(|p| p.len() > "页".len() && a.ends_with(p))
}

/// A trailing parenthesised remark (儿童出生保健卡（1996年1月1日前）): where it starts.
pub(super) fn trailing_remark(s: &str) -> Option<usize> {
    if !s.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return (i > 0).then_some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The last balanced `(…)` group of `s` (byte offsets of its brackets), nested ones inside it.
fn last_group(s: &str) -> Option<(usize, usize)> {
    let close = s.rfind(')')?;
    let mut depth = 0usize;
    for (i, c) in s[..=close].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((i, close));
                }
            }
            _ => {}
        }
    }
    None
}

/// The text before a title and before a trailing bracketed remark: where a clause or a condition
/// of the whole name is looked for (not 结婚证（夫妻投靠的提供）'s remark; but 乡镇（街道）…出具的
/// keeps its inner brackets).
pub(super) fn outside(s: &str) -> &str {
    let title = s.find('《').unwrap_or(s.len());
    let remark = trailing_remark(s).unwrap_or(s.len());
    &s[..title.min(remark)]
}

/// The generic noun a document name ends with, written the common way, so that 合影照 and
/// 合影照片, 证明材料 and 证明 are one wording. Names whose last
/// word is a document of its own (护照, 执照, 驾照) are left alone.
pub(super) fn generic_noun(s: &str) -> Option<String> {
    const PHOTO_WORDS: &[&str] = &[
        "护照", "执照", "驾照", "牌照", "证照", "车照", "按照", "依照", "参照", "对照",
    ];
    if let Some(stem) = s.strip_suffix("相片") {
        return Some(format!("{stem}照片"));
    }
    if s.ends_with("合影") {
        return Some(format!("{s}照片"));
    }
    if s.ends_with('照') && s.chars().count() >= 2 && !PHOTO_WORDS.iter().any(|w| s.ends_with(w)) {
        return Some(format!("{s}片"));
    }
    for long in ["证明材料", "证明文件", "证明资料"] {
        if let Some(stem) = s.strip_suffix(long)
            && !stem.is_empty()
        {
            return Some(format!("{stem}证明"));
        }
    }
    None
}

/// The text before its catch-all tail (身份证等有效证件 → 身份证), when it has one and something
/// comes before it. The one place a tail is cut: the piece's reader (before a trailing quantity),
/// each alternative, and the list of a category (居民身份证、护照等有效身份证件) call it.
pub(super) fn without_catch_all(s: &str) -> Option<&str> {
    CATCH_ALL_TAILS
        .iter()
        .find_map(|tail| s.strip_suffix(tail).filter(|rest| !rest.is_empty()))
}

pub(super) fn is_vague(s: &str) -> bool {
    VAGUE_ENDS.iter().any(|e| s.ends_with(e)) || VAGUE_PHRASES.iter().any(|w| s.contains(w))
}

/// Whether a (place-stripped, normalised) title is the item's own application form.
pub(super) fn is_item_form(core: &str, item: &str) -> bool {
    let Some(end) = FORM_ENDS.iter().find(|e| core.ends_with(**e)) else {
        return false;
    };
    let stem = &core[..core.len() - end.len()];
    // A form for another procedure (名称预先核准申请书 in 个体工商户设立登记): both name one,
    // and not the same one.
    let procedures = |s: &str| -> Vec<usize> {
        PROCEDURES
            .iter()
            .enumerate()
            .filter(|(_, words)| words.iter().any(|w| s.contains(w)))
            .map(|(i, _)| i)
            .collect()
    };
    let (mine, its) = (procedures(stem), procedures(item));
    if !mine.is_empty() && !its.is_empty() && !mine.iter().any(|p| its.contains(p)) {
        return false;
    }
    if stem.is_empty() || core.contains("申请") {
        return true;
    }
    if item.is_empty() {
        return false;
    }
    if item.contains(stem) || stem.contains(item) {
        return true;
    }
    let chars: Vec<char> = stem.chars().collect();
    chars.windows(2).any(|w| {
        let bigram: String = w.iter().collect();
        !GENERIC_BIGRAMS.contains(&bigram.as_str()) && item.contains(&bigram)
    })
}

/// The end of a period at the start of a name (近6个月, 近三年的), when a document follows it.
fn leading_period(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('近')?;
    let mut end = None;
    for (i, c) in rest.char_indices().take(6) {
        if matches!(c, '月' | '年' | '日' | '天' | '周') && i > 0 {
            end = Some(i + c.len_utf8());
            break;
        }
        if !(c.is_ascii_digit() || "一二三四五六七八九十两半个".contains(c)) {
            return None;
        }
    }
    let at = '近'.len_utf8() + end?;
    let at = at + usize::from(s[at..].starts_with('的')) * '的'.len_utf8();
    let doc = &s[at..];
    (doc.chars().count() >= 2 && looks_like_document(doc)).then_some(at)
}

/// Whether the words before a 的 only narrow the time or the purpose of a document: 近三个月,
/// 受伤害后一周内, 半年以内, 用于出生登记.
fn is_narrowing(m: &str) -> bool {
    let chars = m.chars().count();
    (m.starts_with('近') && m.ends_with(['月', '年', '日', '天', '周']) && chars <= 8)
        || (["内", "以内", "之内", "以来"]
            .iter()
            .any(|e| m.ends_with(e))
            && chars <= 12)
        || (m.starts_with("用于") && chars <= 16)
}

/// Whether a material names the data an applicant gives rather than a document (个人基本信息和
/// 失业原因; 办理时登记申请人姓名、性别、…): the item's own form records them.
fn names_form_data(core: &str) -> bool {
    const FIELDS: &[&str] = &[
        "姓名",
        "性别",
        "联系电话",
        "联系方式",
        "住址",
        "地址",
        "民族",
    ];
    !looks_like_document(core)
        && (core.ends_with("信息")
            || core.contains("基本信息")
            || FIELDS.iter().filter(|f| core.contains(**f)).count() >= 2)
}

/// Whether a bracketed remark only says which copy is asked for ((副本及复印件), (原件)).
fn is_copy_remark(inner: &str) -> bool {
    let mut rest = inner;
    while !rest.is_empty() {
        let Some(w) = ["副本", "正本", "原件", "复印件", "及", "和", "、", "或"]
            .iter()
            .find(|w| rest.starts_with(**w))
        else {
            return false;
        };
        rest = &rest[w.len()..];
    }
    !inner.is_empty()
}

/// One alternative, resolved.
#[derive(Debug, Clone)]
pub(super) struct Alt {
    /// The ontology entry, if known.
    pub(super) hit: Option<(usize, String, Origin)>,
    /// The item's own form.
    pub(super) form: bool,
    /// The normalised core.
    pub(super) core: String,
    pub(super) vague: bool,
    /// Words before the known document were set aside (儿童社会保障卡): it names its own
    /// subject, so no holder passes on to it.
    pub(super) prefixed: bool,
}

impl<'o> Reader<'o> {
    /// Resolves one alternative's text: exact, then without qualifiers, then the item form, then
    /// a known document at its end. Each stage strips one kind of qualifier and looks the rest up.
    pub(super) fn alternative(
        &self,
        item: ItemRef<'_>,
        text: &str,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Alt {
        let cut = without_catch_all(text);
        let vague = cut.is_some();
        let mut s = cut.unwrap_or(text).to_owned();
        if let Some(h) = self.strip_leading(item, &mut s, q, how) {
            return self.alt_hit(h, &s, vague);
        }
        self.strip_modifiers(item, &mut s, q, how);
        // A title: the place at its start is not part of the name.
        let titled = s.starts_with('《');
        let mut core = normalize(&s);
        if let Some(h) = self
            .exact(item, &core)
            .or_else(|| self.strip_title_and_remark(item, &mut core, titled, q, how))
            .or_else(|| self.strip_trailing(item, &mut core, q, how))
        {
            return self.alt_hit(h, &core, vague);
        }
        self.resolve_core(item, core, vague, q, how)
    }

    /// Looks `s` up as written, normalised.
    fn exact(&self, item: ItemRef<'_>, s: &str) -> Option<Hit<'o>> {
        self.lookup(item, &normalize(s))
    }

    /// The words before the document: a clause (…签署的, …出具的, not in a bracketed remark), the
    /// persons, words before a title (单位签章《…提取证明》, 用于出生登记的《计划生育证明》: the
    /// title names the document). The hit, as soon as what is left is a known name.
    fn strip_leading(
        &self,
        item: ItemRef<'_>,
        s: &mut String,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Option<Hit<'o>> {
        if let Some(h) = self.exact(item, s) {
            return Some(h);
        }
        let outside = outside(s);
        if let Some(pos) = CLAUSE_ENDS
            .iter()
            .filter_map(|c| outside.rfind(c).map(|p| p + c.len()))
            .max()
        {
            let (clause, rest) = s.split_at(pos);
            if !rest.is_empty() {
                q.clause.get_or_insert_with(|| clause.to_owned());
                how.push(How::QualifierRemoved {
                    what: clause.to_owned(),
                });
                *s = rest.to_owned();
                if let Some(h) = self.exact(item, s) {
                    return Some(h);
                }
            }
        }
        let p = strip_persons(s);
        if !p.rest.is_empty() && (!p.roles.is_empty() || !p.others.is_empty()) {
            *s = p.rest;
        }
        if let Some(open) = s.find('《').filter(|&o| o > 0)
            && let Some(close) = s.rfind('》')
            && close > open
        {
            let after = &s[close + '》'.len_utf8()..];
            if after.is_empty() || COPY_FORMS.iter().any(|(p, _)| after == *p) {
                let prefix = s[..open].to_owned();
                q.other.push(prefix.clone());
                how.push(How::QualifierRemoved { what: prefix });
                *s = s[open..].to_owned();
                return self.exact(item, s);
            }
        }
        None
    }

    /// Validity (有效的, 相关), medium (纸质, 电子版) before the document and a copy form after it.
    fn strip_modifiers(
        &self,
        item: ItemRef<'_>,
        s: &mut String,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) {
        for v in VALIDITY {
            // 相关证明 stays itself: a bare 证明 is no name.
            if let Some(r) = s
                .strip_prefix(v)
                .filter(|r| r.chars().count() >= 3 || self.exact(item, r).is_some())
            {
                q.validity
                    .get_or_insert_with(|| v.trim_end_matches('的').to_owned());
                how.push(How::QualifierRemoved {
                    what: (*v).to_owned(),
                });
                *s = r.to_owned();
                break;
            }
        }
        // 近6个月社保缴费明细, 近一年的…: the period a document covers is an attribute.
        if let Some(at) = leading_period(s) {
            let period = s[..at].to_owned();
            q.other.push(period.clone());
            how.push(How::QualifierRemoved { what: period });
            *s = s[at..].to_owned();
        }
        for medium in ["纸质版", "纸质", "电子版", "电子"] {
            if let Some(r) = s.strip_prefix(medium).filter(|r| {
                r.chars().count() >= 3 && self.exact(item, r).is_some() || r.starts_with('《')
            }) {
                q.other.push(medium.to_owned());
                how.push(How::QualifierRemoved {
                    what: medium.to_owned(),
                });
                *s = r.to_owned();
                break;
            }
        }
        for (phrase, meaning) in COPY_FORMS {
            if let Some(r) = s.strip_suffix(phrase).filter(|r| !r.is_empty()) {
                q.copy.get_or_insert(meaning);
                how.push(How::QualifierRemoved {
                    what: (*phrase).to_owned(),
                });
                *s = r.trim_end_matches('的').to_owned();
                break;
            }
        }
    }

    /// A place at the start of a title or a form's name (广东省生育登记表), then a parenthesised
    /// remark: (公民), (购买商品住房的购房资料), (租赁合同/产权证明) — examples, not the name.
    fn strip_title_and_remark(
        &self,
        item: ItemRef<'_>,
        core: &mut String,
        titled: bool,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Option<Hit<'o>> {
        let (place, rest) = strip_place(core);
        if !place.is_empty() && (titled || FORM_ENDS.iter().any(|e| rest.ends_with(e))) {
            q.place.get_or_insert_with(|| place.clone());
            how.push(How::QualifierRemoved {
                what: place.clone(),
            });
            *core = rest.to_owned();
            if let Some(h) = self.exact(item, core) {
                return Some(h);
            }
        }
        // One bracketed group at a time, from the last: 劳动关系(包括人事关系)的证明材料(劳动合同、
        // …等) has two remarks, and the text between them is the document.
        for _ in 0..4 {
            let Some((open, close)) = last_group(core) else {
                break;
            };
            let without = format!("{}{}", &core[..open], &core[close + 1..]);
            if without.is_empty()
                || !(self.exact(item, &without).is_some()
                    || is_copy_remark(&core[open + 1..close])
                    // (附证人的身份证复印件): what comes attached is no part of the name.
                    || core[open + 1..close].starts_with('附')
                    || !looks_like_document(&core[open..=close])
                    || core[open..=close].contains('/'))
            {
                break;
            }
            let remark = core[open..=close].to_owned();
            q.other.push(remark.clone());
            how.push(How::QualifierRemoved { what: remark });
            *core = without;
            if let Some(h) = self.exact(item, core) {
                return Some(h);
            }
        }
        None
    }

    /// What follows the document, after a remark or a quantity, one at a time: a copy form, a
    /// side (正反面), a quantity (2张), the parties (男女双方) — 营业执照副本复印件（加盖公章）,
    /// 近期免冠照片2张, 居民身份证复印件男女双方各一份.
    fn strip_trailing(
        &self,
        item: ItemRef<'_>,
        core: &mut String,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Option<Hit<'o>> {
        loop {
            if let Some((phrase, meaning)) = COPY_FORMS
                .iter()
                .find(|(p, _)| core.len() > p.len() && core.ends_with(p))
            {
                q.copy.get_or_insert(meaning);
                how.push(How::QualifierRemoved {
                    what: (*phrase).to_owned(),
                });
                *core = core[..core.len() - phrase.len()]
                    .trim_end_matches('的')
                    .to_owned();
            } else if let Some(part) = SIDES
                .iter()
                .find(|p| core.len() > p.len() && core.ends_with(*p))
            {
                q.other.push((*part).to_owned());
                how.push(How::QualifierRemoved {
                    what: (*part).to_owned(),
                });
                core.truncate(core.len() - part.len());
            } else if let Some(at) = quantity_at(core) {
                let quantity = core[at..].to_owned();
                q.other.push(quantity.clone());
                how.push(How::QualifierRemoved { what: quantity });
                core.truncate(at);
            } else if let Some(cut) = self.pages_at(item, core) {
                let pages = core[cut..].to_owned();
                q.other.push(pages.clone());
                how.push(How::QualifierRemoved { what: pages });
                core.truncate(cut);
            } else if let Some(w) = TRAILING_PARTIES
                .iter()
                .find(|w| core.len() > w.len() && core.ends_with(**w))
            {
                q.role.get_or_insert_with(|| (*w).to_owned());
                how.push(How::QualifierRemoved {
                    what: (*w).to_owned(),
                });
                core.truncate(core.len() - w.len());
            } else {
                return None;
            }
            if let Some(h) = self.exact(item, core) {
                return Some(h);
            }
        }
    }

    /// Where the pages asked for begin (户口簿首页和本人页 → 户口簿, 户口簿户主页 → 户口簿): a list of
    /// bare pages joined by 和/及/与/、 and the page word before them, cut only when what is left
    /// is a known document (新生儿记录页 keeps its page: 新生儿记录 is no document).
    fn pages_at(&self, item: ItemRef<'_>, core: &str) -> Option<usize> {
        if !core.ends_with('页') && !BOOKLET_CARDS.iter().any(|c| core.ends_with(c)) {
            return None;
        }
        // The last conjunct, while it is a bare page: 首页和本人页 → 首页.
        let mut end = core.len();
        while let Some((at, _)) = ["和", "及", "与", "、"]
            .iter()
            .filter_map(|c| core[..end].rfind(c).map(|at| (at, c.len())))
            .max_by_key(|&(at, _)| at)
            .filter(|&(at, len)| page_or_card(&core[at + len..end], ends_with_page(&core[..at])))
        {
            end = at;
        }
        // The page word itself (户口簿首页 → 户口簿), longest first.
        let head = &core[..end];
        let known = |s: &str| {
            let rest = strip_persons(s).rest;
            self.exact(item, s).is_some()
                || self.exact(item, &rest).is_some()
                || self
                    .ontology
                    .suffix(item.name, item.code, &normalize(&rest))
                    .is_some()
        };
        let mut pages: Vec<&&str> = PAGES.iter().filter(|p| p.len() > "页".len()).collect();
        pages.sort_by_key(|p| std::cmp::Reverse(p.len()));
        pages
            .into_iter()
            .filter_map(|p| head.strip_suffix(*p).map(str::len))
            .chain([end])
            .filter(|&cut| cut > 0 && cut < core.len())
            .find(|&cut| known(&core[..cut]))
    }

    /// The stripped core: a generic noun written the common way (合影照 / 合影照片, 证明材料 /
    /// 证明), the item's own form, another procedure's form as one wording (申请表 / 申请书), a
    /// known document at its end; else the wording itself.
    fn resolve_core(
        &self,
        item: ItemRef<'_>,
        mut core: String,
        vague: bool,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Alt {
        if let Some(common) = generic_noun(&core) {
            how.push(How::Normalised);
            core = common;
            if let Some(h) = self.exact(item, &core) {
                return self.alt_hit(h, &core, vague);
            }
        }
        if is_item_form(&core, item.name) || names_form_data(&core) {
            how.push(How::ItemForm);
            return Alt {
                hit: None,
                form: true,
                core,
                vague,
                prefixed: false,
            };
        }
        if let Some(stem) = core.strip_suffix("申请表")
            && !stem.is_empty()
        {
            how.push(How::Normalised);
            core = format!("{stem}申请书");
        }
        if let Some(alt) = self.head_final(item, &mut core, vague, q, how) {
            return alt;
        }
        if let Some((h, at)) = self.ontology.suffix(item.name, item.code, &core) {
            let prefix = core[..at].to_owned();
            if !prefix.is_empty() {
                q.other.push(prefix.clone());
                how.push(How::QualifierRemoved { what: prefix });
            }
            let entry = core[at..].to_owned();
            let mut alt = self.alt_hit(h, &entry, vague || is_vague(&core));
            alt.prefixed = at > 0;
            return alt;
        }
        Alt {
            hit: None,
            form: false,
            vague: vague || is_vague(&core),
            core,
            prefixed: false,
        }
    }

    /// Head-final reading of `M的H` (a Chinese noun phrase ends with its head): the head H and
    /// the words of M that name the kind decide the requirement. M that only narrows the time
    /// (受伤害后一周内的, 近三个月的) or the purpose (用于…的) is a qualifier; in `X对Y的H` X is the
    /// issuer and Y the object (医疗机构对旧伤复发的诊断证明 → 旧伤复发诊断证明); else the noun
    /// ending M joins the head when the ontology knows the whole (与用人单位存在劳动关系的证明 →
    /// 劳动关系证明). `core` becomes the head's reading; the hit, when known, is returned.
    fn head_final(
        &self,
        item: ItemRef<'_>,
        core: &mut String,
        vague: bool,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Option<Alt> {
        let at = core
            .rfind('的')
            .filter(|&at| !core[at..].contains(['(', ')']))?;
        let (m, h) = (&core[..at], &core[at + '的'.len_utf8()..]);
        let h_chars = h.chars().count();
        if m.is_empty() || !(2..=16).contains(&h_chars) {
            return None;
        }
        let (modifier, reading) = if is_narrowing(m) {
            (format!("{m}的"), h.to_owned())
        } else if let Some(o) = m.rfind('对')
            && (1..=12).contains(&m[o + '对'.len_utf8()..].chars().count())
        {
            let object = &m[o + '对'.len_utf8()..];
            (format!("{}对…的", &m[..o]), format!("{object}{h}"))
        } else if ORGANISATION_ENDS.iter().any(|e| m.ends_with(e)) {
            // The issuer or owner body (用人单位的营业执照, 医疗机构的抢救记录) is a qualifier;
            // before a bare generic head it is what tells the proof apart (公安部门的证明 →
            // 公安部门证明).
            if GENERIC_HEADS.contains(&h) {
                ("的".to_owned(), format!("{m}{h}"))
            } else {
                (format!("{m}的"), h.to_owned())
            }
        } else {
            // The longest noun (2 to 8 characters) ending M that names a known kind with H.
            let starts: Vec<usize> = m.char_indices().rev().take(8).map(|(i, _)| i).collect();
            let (i, joined) = starts
                .iter()
                .rev()
                .filter(|&&i| m[i..].chars().count() >= 2)
                .find_map(|&i| {
                    let joined = format!("{}{h}", &m[i..]);
                    self.exact(item, &joined).map(|_| (i, joined))
                })?;
            (format!("{}的", &m[..i]), joined)
        };
        q.other.push(modifier.clone());
        how.push(How::QualifierRemoved { what: modifier });
        *core = reading;
        self.exact(item, core).map(|h| self.alt_hit(h, core, vague))
    }

    pub(super) fn alt_hit(&self, h: Hit<'_>, core: &str, vague: bool) -> Alt {
        Alt {
            hit: Some((h.id, h.entry.name.clone(), h.entry.origin)),
            form: false,
            core: normalize(core),
            vague: vague || is_vague(core),
            prefixed: false,
        }
    }
}
