//! Splitting a material name: top-level segments on 、，； 及 和 与 以及 (never in 《》 or brackets,
//! never on 或), alternatives on 或, two known documents written back to back, and segments joined
//! back when they name no requirement of their own (a list of persons, a modifier list).

use crate::data::normalize::{for_each_nfkc, normalize};

use super::lexicon::{COPY_FORMS, DOCUMENT_ENDS, VALIDITY};
use super::persons::{ends_with_person, person_at, strip_persons};
use super::qualifiers::{ends_with_page, looks_like_document, page_or_card, trailing_remark};
use super::{ItemRef, Reader};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sep {
    Start,
    /// 、
    Comma,
    /// ，；及和以及
    And,
}

#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub(super) text: String,
    pub(super) sep: Sep,
    /// The separator as written before it (、 和 以及 …), to join it back unchanged.
    pub(super) sep_text: String,
    pub(super) copy: Option<&'static str>,
}

/// Folds a character for comparison: full-width punctuation to ASCII.
pub(super) fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        c => c,
    }
}

pub(super) fn opens(c: char) -> bool {
    matches!(fold(c), '《' | '〈' | '(' | '【' | '[' | '“' | '「' | '『')
}

pub(super) fn closes(c: char) -> bool {
    matches!(fold(c), '》' | '〉' | ')' | '】' | ']' | '”' | '」' | '』')
}

/// The text for matching: NFKC, without whitespace, quotes or zero-width characters; 《》 and
/// brackets stay (titles and parentheses are read).
pub(super) fn prepare(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_nfkc(s, |c| match c {
        '"' | '\'' | '“' | '”' | '‘' | '’' | '`' | '「' | '」' | '『' | '』' => {}
        '\u{200b}'..='\u{200d}' | '\u{feff}' => {}
        c if c.is_whitespace() => {}
        c => out.push(c),
    });
    out.trim_end_matches(['。', '.', ',', '、', ';', ':', '，', '；', '：'])
        .to_owned()
}

/// Top-level splitting on 、，； 及 和 以及 (never inside 《》 or brackets, never on 或); copy-form
/// phrases (及复印件) stay with their piece.
pub(super) fn split_top(s: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = Segment {
        text: String::new(),
        sep: Sep::Start,
        sep_text: String::new(),
        copy: None,
    };
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 && !opens(c) && !closes(c) {
            let tail = &s[i..];
            if let Some((len, meaning)) = copy_form_at(tail, cur.copy.is_some()) {
                cur.copy = Some(meaning);
                let end = i + len;
                while it.peek().is_some_and(|(j, _)| *j < end) {
                    it.next();
                }
                prev = tail[..len].chars().last();
                continue;
            }
            let next = it.peek().map(|(_, n)| *n);
            let sep = separator(c, prev, next);
            // ，或… continues a list of alternatives: not a separator.
            let alternative_follows = sep.is_some_and(|(_, len)| len == 1) && {
                let after = &s[i + c.len_utf8()..];
                after.trim_start().starts_with('或')
            };
            if let Some((sep, len)) = sep.filter(|_| !alternative_follows) {
                let mut sep_text = String::from(c);
                if len == 2
                    && let Some((_, n)) = it.next()
                {
                    sep_text.push(n);
                }
                if has_words(&cur.text) {
                    out.push(std::mem::replace(
                        &mut cur,
                        Segment {
                            text: String::new(),
                            sep,
                            sep_text,
                            copy: None,
                        },
                    ));
                } else {
                    cur.text.clear();
                    cur.sep = sep;
                    cur.sep_text = sep_text;
                }
                prev = Some(c);
                continue;
            }
        }
        cur.text.push(c);
        prev = Some(c);
    }
    if has_words(&cur.text) {
        out.push(cur);
    }
    out
}

/// A copy-form phrase at the start of `tail` (及复印件, 原件, and 及加盖公章的复印件: a copy that
/// is stamped or signed is still a copy form): (its length, what it means). `after_original`:
/// the segment already said 原件.
fn copy_form_at(tail: &str, after_original: bool) -> Option<(usize, &'static str)> {
    if let Some(len) = qualified_copy(tail) {
        return Some((
            len,
            if after_original {
                "原件和复印件"
            } else {
                "复印件"
            },
        ));
    }
    COPY_FORMS
        .iter()
        .find(|(p, _)| p.starts_with(['及', '和', '原']) && tail.starts_with(p))
        .map(|(p, meaning)| (p.len(), *meaning))
}

/// The length of `及…的复印件` at the start of `tail` when what stands between says how the copy
/// is made (加盖公章的, 经本人签字的), not which document it is: a copy form with a qualifier.
fn qualified_copy(tail: &str) -> Option<usize> {
    let rest = tail
        .strip_prefix('及')
        .or_else(|| tail.strip_prefix('和'))?;
    // At most 12 characters of qualifier: the search stays bounded at every 及 of a long name.
    let end = rest.char_indices().nth(16).map_or(rest.len(), |(i, _)| i);
    let at = rest[..end].find("的复印件")?;
    let how = &rest[..at];
    let plain = how
        .chars()
        .all(|c| c.is_alphanumeric() && !matches!(c, '、' | '，' | ','));
    // 及户主的复印件: a person's copy (of what, the name does not say) is no copy form.
    let whose = super::persons::ends_with_person(how);
    (!how.is_empty() && plain && !whose && !looks_like_document(how))
        .then(|| tail.len() - rest.len() + at + "的复印件".len())
}

/// Whether a segment has a word in it: one of punctuation only (the …… where a source cut a name
/// short: 证明原件及……) names no document.
fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Whether `c` (between `prev` and `next`) separates two segments: (kind, its length in chars).
/// Words containing 及 / 和 (涉及, 以及时, 共和国, 和解) are no conjunctions.
fn separator(c: char, prev: Option<char>, next: Option<char>) -> Option<(Sep, usize)> {
    match fold(c) {
        '、' => Some((Sep::Comma, 1)),
        ',' | ';' => Some((Sep::And, 1)),
        '以' if next == Some('及') => Some((Sep::And, 2)),
        '及' if next == Some('其') => Some((Sep::And, 2)),
        '及' if !matches!(next, Some('时' | '格'))
            && !matches!(prev, Some('涉' | '普' | '危' | '波' | '以' | '企')) =>
        {
            Some((Sep::And, 1))
        }
        // 与 as 和 (残疾人身份证与户口本), not in 赠与, 参与, 给与, 授与, 与否, 与其.
        '与' if !matches!(
            prev,
            Some('赠' | '参' | '给' | '授' | '施' | '准' | '及' | '以' | '和')
        ) && !matches!(next, Some('否' | '其' | '会')) =>
        {
            Some((Sep::And, 1))
        }
        '和' if !matches!(prev, Some('共' | '总' | '温' | '柔'))
            && !matches!(next, Some('解' | '谐' | '睦' | '平')) =>
        {
            Some((Sep::And, 1))
        }
        _ => None,
    }
}

/// Splits on 或 / 或者 outside brackets.
pub(super) fn split_or(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 && c == '或' {
            if it.peek() == Some(&'者') {
                it.next();
            }
            out.push(std::mem::take(&mut cur));
            continue;
        }
        cur.push(c);
    }
    out.push(cur);
    // 户口簿，或… : the comma before 或 belongs to neither alternative.
    out.into_iter()
        .map(|p| {
            p.trim_matches(|c: char| matches!(fold(c), ',' | ';' | '、') || c.is_whitespace())
                .to_owned()
        })
        .collect()
}

pub(super) fn segments_sep(segments: &[Segment], i: usize) -> Sep {
    segments.get(i).map_or(Sep::Start, |s| s.sep)
}

/// The head `b` shares with `a` in `a和b` (抢救 和 死亡证明 → 证明): `b` is short, names a
/// document by a head of two or more characters, and `a` ends in a bare word of 2 to 4 characters.
fn shared_head<'b>(a: &str, b: &'b str) -> Option<&'b str> {
    if b.contains('的') || b.chars().count() > 8 || !looks_like_document(b) {
        return None;
    }
    let word = a.rsplit('的').next().unwrap_or(a);
    if !(2..=4).contains(&word.chars().count()) || looks_like_document(word) {
        return None;
    }
    let head = DOCUMENT_ENDS
        .iter()
        .filter(|e| e.chars().count() >= 2 && b.ends_with(**e))
        .max_by_key(|e| e.len())?;
    (b.len() - head.len() >= 6).then(|| &b[b.len() - head.len()..])
}

/// A bare page of a document (本人页, 首页, 户主页, 本人资料页; [`PAGES`]): `b` names no
/// document of its own, only a page, so `户口簿首页和本人页` is one document (its pages), not two
/// requirements. A page with its own document (新生儿记录页, 分娩记录表首页) is not bare.
/// Past this many bytes a joined segment takes no more: reading stays linear in a name's length.
const MERGE_CAP: usize = 1024;

/// Joins segments that are not requirements of their own: a list of persons before a document
/// (股东、发起人的主体资格证明), a modifier list (工商、民政等部门出具的…), a phrase that names no
/// document (个人基本信息和失业原因).
pub(super) fn merge_segments(segments: &mut Vec<Segment>, reader: &Reader<'_>, item: ItemRef<'_>) {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    // The prepared text of `out`'s last segment, kept up to date as segments join it.
    let mut a = String::new();
    for next in segments.drain(..) {
        let Some(seg) = out.last_mut().filter(|_| a.len() <= MERGE_CAP) else {
            a = prepare(&next.text);
            out.push(next);
            continue;
        };
        let b = prepare(&next.text);
        let persons_only = {
            let p = strip_persons(&a);
            p.rest.is_empty() && !p.consumed.is_empty()
        };
        let person_list = ends_with_person(&a) && person_at(&b).is_some();
        let known = reader.lookup(item, &normalize(&a)).is_some()
            || reader
                .ontology
                .suffix(item.name, item.code, &normalize(&a))
                .is_some();
        // 双方户口簿(原件及复印件)、…: a trailing remark does not hide the document before it.
        let bare = trailing_remark(&a).map_or(a.as_str(), |at| &a[..at]);
        let modifier = !known && !looks_like_document(bare) && seg.copy.is_none();
        // 户口簿首页和本人页: the second conjunct is another page of the same document.
        // 与 splits only between two documents (残疾人身份证与户口本), never inside a clause
        // (本人无配偶与对方当事人没有直系血亲关系的签字声明).
        let clause_yu = next.sep_text == "与"
            && !((known || looks_like_document(&a)) && looks_like_document(&b));
        let page = matches!(next.sep_text.as_str(), "和" | "及" | "与" | "以及" | "、")
            && page_or_card(&b, ends_with_page(&a));
        // A和B证明 with a shared head (抢救和死亡证明): two documents, the head distributed.
        if modifier
            && matches!(next.sep_text.as_str(), "和" | "及" | "、")
            && let Some(head) = shared_head(&a, &b)
        {
            let head = head.to_owned();
            seg.text.truncate(seg.text.trim_end().len());
            seg.text.push_str(&head);
            a = b;
            out.push(next);
            continue;
        }
        if persons_only || person_list || modifier || page || clause_yu {
            seg.text.truncate(seg.text.trim_end().len());
            seg.text.push_str(&next.sep_text);
            seg.text.push_str(next.text.trim());
            seg.copy = seg.copy.or(next.copy);
            a.push_str(&prepare(&format!("{}{}", next.sep_text, next.text.trim())));
            continue;
        }
        a = b;
        out.push(next);
    }
    *segments = out;
}

impl Reader<'_> {
    /// Two known documents written back to back (户口簿居民身份证原件及复印件): two segments, each
    /// with the copy form. Only when the whole is no known name and both halves are, as written
    /// (persons before the first are kept with it).
    pub(super) fn split_adjacent(&self, segments: &mut Vec<Segment>, item: ItemRef<'_>) {
        let mut i = 0;
        while i < segments.len() {
            let text = prepare(&segments[i].text);
            let body = COPY_FORMS
                .iter()
                .find_map(|(p, _)| text.strip_suffix(p).filter(|r| !r.is_empty()))
                .unwrap_or(&text);
            let p = strip_persons(body);
            let (persons, body) = (p.consumed.as_str(), p.rest.as_str());
            let known = |s: &str| self.lookup(item, &normalize(s)).is_some();
            // Two known names are no longer than two of the longest: no scan past that.
            if body.len() > 2 * self.ontology.longest_name()
                || body.contains(['《', '(', '或'])
                || known(body)
            {
                i += 1;
                continue;
            }
            // Each half is normalised and looked up: only a body short enough for both halves
            // to be known names is cut (normalising drops quotes and spaces, hence the margin),
            // which keeps a very long name linear instead of quadratic.
            if body.len() > 2 * (4 * self.ontology.longest_name() + 16) {
                i += 1;
                continue;
            }
            let cut = body
                .char_indices()
                .map(|(at, _)| at)
                .filter(|&at| body[..at].chars().count() >= 2 && body[at..].chars().count() >= 2)
                .find(|&at| known(&body[..at]) && known(&body[at..]));
            if let Some(at) = cut {
                let seg = &segments[i];
                let copy = seg.copy.or_else(|| {
                    COPY_FORMS
                        .iter()
                        .find(|(p, _)| text.ends_with(p) && text.len() > p.len())
                        .map(|(_, m)| *m)
                });
                let first = Segment {
                    text: format!("{persons}{}", &body[..at]),
                    sep: seg.sep,
                    sep_text: seg.sep_text.clone(),
                    copy,
                };
                let second = Segment {
                    text: body[at..].to_owned(),
                    sep: Sep::Comma,
                    sep_text: String::new(),
                    copy,
                };
                segments.splice(i..=i, [first, second]);
                i += 2;
                continue;
            }
            i += 1;
        }
    }

    /// An enumeration closed by a named class that every member belongs to (护照、港澳居民来往
    /// 内地通行证等有效身份证件) is one requirement accepting any of them: the segments become one
    /// `A或B…等`. Closed by a class some member is not of (…、结婚证等有效证件), it stays split.
    pub(super) fn close_enumeration(&self, segments: &mut Vec<Segment>, item: ItemRef<'_>) {
        if segments.len() < 2 || segments[1..].iter().any(|s| s.sep != Sep::Comma) {
            return;
        }
        let last = prepare(&segments[segments.len() - 1].text);
        let Some(at) = last.rfind('等') else {
            return;
        };
        let class = &last[at + '等'.len_utf8()..];
        let class = VALIDITY
            .iter()
            .find_map(|v| class.strip_prefix(v))
            .unwrap_or(class);
        let class = ["基本", "其他"]
            .iter()
            .find_map(|v| class.strip_prefix(v))
            .unwrap_or(class);
        let o = self.ontology;
        let n = normalize(class);
        let Some(cat) = self
            .lookup(item, &n)
            .or_else(|| o.suffix(item.name, item.code, &n).map(|(h, _)| h))
            .filter(|h| h.entry.category)
        else {
            return;
        };
        let members: Vec<String> = segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let t = prepare(&s.text);
                if i + 1 == segments.len() {
                    t[..t.rfind('等').unwrap_or(t.len())].to_owned()
                } else {
                    t
                }
            })
            .collect();
        let member = |t: &String| {
            let body = COPY_FORMS
                .iter()
                .find_map(|(p, _)| t.strip_suffix(p).filter(|r| !r.is_empty()))
                .unwrap_or(t);
            let p = strip_persons(body);
            let n = normalize(&p.rest);
            self.lookup(item, &n)
                .or_else(|| o.suffix(item.name, item.code, &n).map(|(h, _)| h))
                .is_some_and(|h| h.id == cat.id || o.is_ancestor(cat.id, h.id))
        };
        if !members.iter().all(member) {
            return;
        }
        let copy = segments.iter().find_map(|s| s.copy);
        let first = &segments[0];
        let joined = Segment {
            text: format!("{}等", members.join("或")),
            sep: first.sep,
            sep_text: first.sep_text.clone(),
            copy,
        };
        *segments = vec![joined];
    }
}
