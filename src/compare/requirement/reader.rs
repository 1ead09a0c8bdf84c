//! A segment into a piece: the catch-all tail, a condition and a clause written into the name, the
//! persons, the accepted alternatives; then the requirement the piece meets (the item's form, the
//! category its documents share, the document, or the wording) and whose it is.

use crate::data::normalize::normalize;
use crate::data::ontology::{Hit, Ontology, Origin};

use super::lexicon::{
    CLAUSE_ENDS, CONDITION_ENDS, COPY_FORMS, GROUP_PHOTOS, STAMP_TAILS, VALIDITY,
};
use super::persons::{fallback_person, strip_persons};
use super::qualifiers::{
    Alt, looks_like_document, outside, quantity_at, trailing_remark, without_catch_all,
};
use super::split::{
    Segment, Sep, closes, fold, merge_segments, opens, prepare, segments_sep, split_or, split_top,
};
use super::{How, ItemRef, Piece, Qualifiers, Reader, Reading};

/// The most documents one listed name is split into (published names list a handful; 64 is
/// far beyond any): more is read as one wording.
const MAX_SEGMENTS: usize = 64;

/// The top-level segments of a listed name; the whole name as one segment when it splits into
/// more than [`MAX_SEGMENTS`]: no published name lists this many documents, and reading it as one
/// wording keeps a hostile name linear (each piece of a compound is a row part in the diff).
fn top_segments(written: &str) -> Vec<Segment> {
    let segments = split_top(written);
    if segments.len() <= MAX_SEGMENTS {
        return segments;
    }
    vec![Segment {
        text: written.to_owned(),
        sep: Sep::Start,
        sep_text: String::new(),
        copy: None,
    }]
}

/// What every piece of a compound is named by: the name, or the start of a long one (each piece
/// holding all of it made a 64,000-character name quadratic in time and memory).
fn compound_name(written: &str) -> String {
    if written.len() > 300 {
        let mut cut = 300;
        while !written.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}…", &written[..cut])
    } else {
        written.to_owned()
    }
}

/// The tails after the document that say how its copy is made: stamping or signing
/// (营业执照副本复印件加盖公章: a qualifier), then the copy form (原件/复印件 after A或B applies to
/// every alternative).
fn strip_copy_tails(text: &mut String, d: &mut Draft) {
    // 营业执照副本复印件加盖公章: stamping or signing after the document is a qualifier.
    if let Some((tail, r)) = STAMP_TAILS.iter().find_map(|t| {
        let r = text.strip_suffix(t)?;
        looks_like_document(r).then_some((t, r))
    }) {
        d.q.other.push((*tail).to_owned());
        d.how.push(How::QualifierRemoved {
            what: (*tail).to_owned(),
        });
        *text = r.to_owned();
    }
    // 原件/复印件 after A或B applies to every alternative.
    for (phrase, meaning) in COPY_FORMS {
        if let Some(r) = text.strip_suffix(phrase).filter(|r| !r.is_empty()) {
            d.q.copy.get_or_insert(meaning);
            d.how.push(How::QualifierRemoved {
                what: (*phrase).to_owned(),
            });
            *text = r.trim_end_matches('的').to_owned();
            break;
        }
    }
}

/// `标题：清单` at the top level (outside brackets and titles): (the title, the list), when the
/// title is short and names a document.
fn titled_list(written: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (i, c) in written.char_indices() {
        if opens(c) || c == '《' {
            depth += 1;
        } else if closes(c) || c == '》' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, ':' | '：') {
            let title = written[..i].trim();
            let list = written[i + c.len_utf8()..].trim();
            let bare = prepare(title);
            let bare = trailing_remark(&bare).map_or(bare.as_str(), |at| &bare[..at]);
            let named =
                !title.is_empty() && title.chars().count() <= 30 && looks_like_document(bare);
            return (named && !list.is_empty()).then_some((title, list));
        }
    }
    None
}

impl<'o> Reader<'o> {
    /// A reader with this ontology.
    pub fn new(ontology: &'o Ontology) -> Self {
        Reader { ontology }
    }

    /// Reads one listed material.
    pub fn read(&self, item: ItemRef<'_>, material: &str) -> Reading {
        let written = material.trim();
        // 合法稳定住所材料：房产证或购房协议、宅基地证…等: the document named before a colon is
        // the requirement, and what follows lists what it accepts (annotation rule 2: a list
        // closed by a named class is one requirement accepting any of it).
        if let Some((title, list)) = titled_list(written) {
            let mut reading = self.read_plain(item, title);
            if let [piece] = reading.pieces.as_mut_slice() {
                let listed = self.read_plain(item, list);
                for a in listed.pieces.iter().flat_map(|p| &p.accepts) {
                    if !a.is_empty() && !piece.accepts.contains(a) {
                        piece.accepts.push(a.clone());
                    }
                }
                piece.how.push(How::Alternative {
                    of: piece.accepts.clone(),
                });
                // A title no entry names keeps its list in the name shown: the similarity
                // alignment reads its words (长期居住认定材料(居住证、…或个人承诺书) aligns with
                // 居住证明或个人承诺书 by them).
                let wording = piece.requirement.rsplit('|').next().unwrap_or_default();
                if wording.starts_with('~') {
                    piece.name = format!("{}({})", piece.name, prepare(list));
                }
                reading.material = written.to_owned();
                return reading;
            }
        }
        self.read_plain(item, written)
    }

    /// [`Reader::read`] of a name without a title before a colon.
    fn read_plain(&self, item: ItemRef<'_>, written: &str) -> Reading {
        let mut segments = top_segments(written);
        merge_segments(&mut segments, self, item);
        self.close_enumeration(&mut segments, item);
        self.split_adjacent(&mut segments, item);
        let compound = segments.len() > 1;
        let from = compound_name(written);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut inherited: Option<Vec<String>> = None;
        let mut before: Option<Vec<String>> = None;
        // The persons of the piece before when it named several (董事、监事的任职文件和身份证明).
        let mut parties: Vec<Option<Vec<String>>> = Vec::new();
        for seg in &segments {
            let first_other = parties.iter().flatten().next().cloned();
            let mut piece = self.piece(
                item,
                seg,
                first_other.as_deref().or(inherited.as_deref()),
                None,
            );
            // The same document again (配偶身份证和居民身份证): the second is the applicant's.
            if piece.inherited && before.as_ref() == Some(&piece.accepts) {
                piece = self.piece(item, seg, None, None);
            }
            let shared: Vec<PieceOut> = if piece.parties > 1 {
                // 本人及配偶身份证: one piece per person.
                (0..piece.parties)
                    .map(|i| self.piece(item, seg, None, Some(i)))
                    .collect()
            } else if piece.inherited && parties.len() > 1 {
                // …and an identity document after it is each person's too.
                parties
                    .iter()
                    .map(|p| self.piece(item, seg, p.as_deref(), None))
                    .collect()
            } else {
                vec![piece]
            };
            // A holder passes on to the identity documents listed after (父母双方居民身份证、
            // 居民户口簿: both the parents').
            parties = if shared.len() > 1 {
                shared.iter().map(|p| p.holder_words.clone()).collect()
            } else {
                Vec::new()
            };
            inherited = match shared.as_slice() {
                [one] => one.holder_words.clone(),
                _ => None,
            };
            before = shared.last().map(|p| p.accepts.clone());
            for mut piece in shared {
                if compound {
                    piece.how.insert(0, How::Split { from: from.clone() });
                }
                pieces.push(piece.piece);
            }
        }
        join_alternatives(&mut pieces, &segments);
        let vague = pieces.iter().any(|p| p.vague);
        Reading {
            material: written.to_owned(),
            pieces,
            vague,
        }
    }

    /// `X（A、B、C等）` where X is a category and A, B, C documents of it: (the examples,
    /// whether the list ends with 等).
    pub(super) fn examples(
        &self,
        item: ItemRef<'_>,
        outer: &str,
        inner: &str,
    ) -> Option<(Vec<String>, bool)> {
        let o = self.ontology;
        let outer = VALIDITY
            .iter()
            .find_map(|v| outer.strip_prefix(v))
            .unwrap_or(outer);
        let category = self.lookup(item, &normalize(outer))?;
        if !category.entry.category {
            return None;
        }
        let cut = without_catch_all(inner);
        let etc = cut.is_some();
        let list = cut.unwrap_or(inner);
        let items: Vec<String> = list
            .split(|c: char| matches!(fold(c), '、' | ',' | ';' | '或'))
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(str::to_owned)
            .collect();
        let member = |i: &String| {
            self.lookup(item, &normalize(i))
                .is_some_and(|h| h.id == category.id || o.is_ancestor(category.id, h.id))
        };
        (!items.is_empty() && items.iter().all(member)).then_some((items, etc))
    }
    /// `A等X`: an example A, then a category or a generic document word X (居民身份证等有效身份证明,
    /// 护照等公安机关签发的其他有效身份证件): (A, X as written). 平等, 等级 … are no 等.
    pub(super) fn etc_category(&self, item: ItemRef<'_>, text: &str) -> Option<(String, String)> {
        let mut depth = 0usize;
        let mut prev: Option<char> = None;
        let mut at = None;
        for (i, c) in text.char_indices() {
            if opens(c) {
                depth += 1;
            } else if closes(c) {
                depth = depth.saturating_sub(1);
            } else if depth == 0
                && c == '等'
                && !matches!(
                    prev,
                    Some('平' | '同' | '高' | '中' | '初' | '相' | '对' | '均')
                )
                && !matches!(
                    text[i + c.len_utf8()..].chars().next(),
                    Some('级' | '待' | '同' | '候' | '次' | '第')
                )
            {
                at = Some(i);
            }
            prev = Some(c);
        }
        let at = at?;
        let before = &text[..at];
        let after = &text[at + '等'.len_utf8()..];
        let known = |s: &str| {
            let n = normalize(s);
            self.lookup(item, &n).or_else(|| {
                self.ontology
                    .suffix(item.name, item.code, &n)
                    .map(|(h, _)| h)
            })
        };
        let example = !before.is_empty()
            && !before.contains('或')
            && (looks_like_document(before) || known(before).is_some());
        let general = known(after).is_some_and(|h| h.entry.category)
            || ["证件", "证明", "材料", "文件", "资料"]
                .iter()
                .any(|e| after.ends_with(e));
        (example && general && !after.is_empty()).then(|| (before.to_owned(), after.to_owned()))
    }

    /// `A或B` as alternatives, when every part names a document.
    pub(super) fn alternatives(&self, item: ItemRef<'_>, text: &str) -> Option<Vec<String>> {
        // A name known as a whole (前置审批文件或许可证件（如需）) is one document.
        let whole = trailing_remark(text).map_or(text, |open| &text[..open]);
        let whole = COPY_FORMS
            .iter()
            .find_map(|(p, _)| whole.strip_suffix(p))
            .unwrap_or(whole);
        if self.lookup(item, &normalize(whole)).is_some() {
            return None;
        }
        let parts = split_or(text);
        let document = |a: &String| {
            // A remark after the last one (儿童出生保健卡（1996年1月1日前）) is not its name.
            let a = match trailing_remark(a) {
                Some(open) => &a[..open],
                None => a.as_str(),
            };
            let a = COPY_FORMS
                .iter()
                .find_map(|(p, _)| a.strip_suffix(p))
                .unwrap_or(a)
                .trim_end_matches('的');
            !a.is_empty() && (looks_like_document(a) || self.lookup(item, &normalize(a)).is_some())
        };
        (parts.len() > 1 && parts.iter().all(document)).then_some(parts)
    }

    pub(super) fn lookup(&self, item: ItemRef<'_>, name: &str) -> Option<Hit<'o>> {
        self.ontology.lookup(item.name, item.code, name)
    }

    /// Reads one segment. `party`: which of the persons coordinated before the document this
    /// piece is for (本人及配偶身份证 is read once per person).
    pub(super) fn piece(
        &self,
        item: ItemRef<'_>,
        seg: &Segment,
        inherited: Option<&[String]>,
        party: Option<usize>,
    ) -> PieceOut {
        let mut d = Draft {
            q: Qualifiers {
                copy: seg.copy,
                ..Qualifiers::default()
            },
            ..Draft::default()
        };
        let mut text = prepare(&seg.text);
        let written = seg
            .text
            .trim()
            .trim_end_matches(['。', '；', ';', '，', ','])
            .to_owned();
        self.strip_catch_all(item, &mut text, &mut d);
        strip_drafting_particles(&mut text, &mut d);
        let shown = match written.rfind('等') {
            Some(p) if d.vague && p > 0 => written[..p].to_owned(),
            _ => written.clone(),
        };
        // A known name as a whole wins over any reading of its parts.
        let whole = normalize(&text);
        let alts: Vec<Alt> = if let Some(h) = self.lookup(item, &whole) {
            d.how.push(if whole == text {
                How::Exact
            } else {
                How::Normalised
            });
            vec![self.alt_hit(h, &whole, d.vague)]
        } else {
            self.strip_condition_and_clause(item, &mut text, &mut d);
            strip_piece_persons(&mut text, party, &mut d);
            strip_copy_tails(&mut text, &mut d);
            let parts = self.accepted_parts(item, &text, &mut d);
            let mut alts: Vec<Alt> = parts
                .iter()
                .filter(|a| !a.is_empty())
                .map(|a| self.alternative(item, a, &mut d.q, &mut d.how))
                .collect();
            if alts.is_empty() {
                alts.push(self.alternative(item, &text, &mut d.q, &mut d.how));
            }
            alts
        };
        d.vague |= alts.iter().any(|a| a.vague);
        if d.vague && !d.how.contains(&How::Vague) {
            d.how.push(How::Vague);
        }
        // The applicant's own piece of 本人及配偶身份证 inherits no holder.
        let inherited = if party.is_some() { None } else { inherited };
        let parties = if party.is_some() { 0 } else { d.parties.len() };
        let mut out = self.finish(shown, alts, d, inherited);
        out.parties = parties;
        out
    }

    /// A catch-all tail of the whole piece (…等有效证件); or `A等（其他有效）X` where X is a
    /// category or a generic document word: A is an example, the piece a catch-all
    /// (居民身份证等有效身份证明, 护照等公安机关签发的其他有效身份证件).
    fn strip_catch_all(&self, item: ItemRef<'_>, text: &mut String, d: &mut Draft) {
        // 居民身份证等相关材料各1份: the tail is before a quantity, which stays to be read.
        let end = quantity_at(text).unwrap_or(text.len());
        if let Some(rest) = without_catch_all(&text[..end]) {
            *text = format!("{rest}{}", &text[end..]);
            d.vague = true;
            d.how.push(How::Vague);
            return;
        }
        if let Some((before, after)) = self.etc_category(item, text) {
            d.how.push(How::Vague);
            d.q.other.push(format!("等{after}"));
            *text = before;
            d.vague = true;
        }
    }

    /// A condition written into the name (代办的需提供…, 未满16周岁的须提交…) is not part of the
    /// requirement (the 适用情形 belongs in `condition`); only outside titles and brackets:
    /// 结婚证（夫妻投靠的提供） keeps its remark whole. Then a clause: 全体合伙人签署的合伙协议
    /// names the signers, not the holder; but a clause inside one of several alternatives
    /// (A或…出具的B) is that alternative's, and one in brackets is the remark's.
    fn strip_condition_and_clause(&self, item: ItemRef<'_>, text: &mut String, d: &mut Draft) {
        let outside_title = outside(text);
        // 农村居民提供村委会证明: who (or in which case) provides it, then the document; not
        // 提供的 (医疗机构提供的证明 names the issuer: a clause, below).
        let provides = ["提供", "提交"].iter().filter_map(|v| {
            let at = outside_title.find(v)? + v.len();
            let rest = &text[at..];
            (at > v.len() && !rest.starts_with('的') && looks_like_document(rest)).then_some(at)
        });
        if let Some(end) = CONDITION_ENDS
            .iter()
            .filter_map(|c| outside_title.find(c).map(|p| p + c.len()))
            .chain(provides)
            .max()
            && end < text.len()
        {
            // …需提交的证明材料: the 的 that joined the condition to the document goes with it.
            let rest = text[end..].trim_start_matches('的');
            let end = if rest.is_empty() {
                end
            } else {
                text.len() - rest.len()
            };
            let condition = text[..end].to_owned();
            // In any other situation (其他特殊情况需提交的…): whatever is asked then, a catch-all.
            // Only a condition that opens with it: 委托其他人代办的 is a situation like any other.
            if condition.starts_with("其他") && !d.vague {
                d.vague = true;
                d.how.push(How::Vague);
            }
            d.how.push(How::QualifierRemoved {
                what: condition.clone(),
            });
            d.q.other.push(condition);
            *text = text[end..].to_owned();
        }
        let outside_title = outside(text);
        if let Some(pos) = CLAUSE_ENDS
            .iter()
            .filter_map(|c| outside_title.rfind(c).map(|p| p + c.len()))
            .max()
            && pos < text.len()
            && !(text[..pos].contains('或') && self.alternatives(item, text).is_some())
        {
            let clause = text[..pos].to_owned();
            d.how.push(How::QualifierRemoved {
                what: clause.clone(),
            });
            // 其中一方的…颁发的: the persons before 的 own the document; the rest is the clause.
            let cp = strip_persons(&clause);
            if cp.consumed.ends_with('的') && !cp.rest.is_empty() {
                if !cp.roles.is_empty() {
                    d.q.role = Some(cp.roles.join("、"));
                }
                if !cp.others.is_empty() {
                    d.holder_words = Some(cp.others);
                }
                d.q.clause = Some(cp.rest);
            } else {
                d.q.clause = Some(clause);
            }
            *text = text[pos..].to_owned();
        }
    }

    /// The documents a piece accepts, as written: `X(或B)`, a category with its examples
    /// (身份证明（居民身份证、户口簿、护照等）), documents accepted instead in brackets
    /// (《离婚证》（生效的离婚判决书或者离婚调解书）), `A或B`; else the text itself.
    fn accepted_parts(&self, item: ItemRef<'_>, text: &str, d: &mut Draft) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        // A(B)或C(D): alternatives with brackets of their own are read one by one
        // (身份证(社会保障卡)或户口簿(常住人员居住证或常住证明) lost 身份证 and 社会保障卡 to the
        // brackets' readings below, which take the name as one document).
        if let Some(alts) = self.alternatives(item, text)
            && alts.iter().any(|a| a.contains('('))
        {
            for alt in alts {
                parts.extend(self.accepted_parts(item, &alt, d));
            }
            return parts;
        }
        // A或B(或者C): the bracketed 或者 adds to the alternatives before it (条例 wording:
        // 医疗诊断证明或者职业病诊断证明书（或者职业病诊断鉴定书）).
        if let Some(open) = text.find("(或")
            && let Some(close) = matching_close(text, open)
        {
            let inner = &text[open + 1..close];
            let outer = format!("{}{}", &text[..open], &text[close + 1..]);
            // 父母(或其他法定监护人)的…: a fallback person, not a document.
            if fallback_person(inner).is_some() {
                return self.accepted_parts(item, &outer, d);
            }
            match self.alternatives(item, &outer) {
                Some(more) => parts.extend(more),
                None => parts.push(outer),
            }
            parts.extend(split_or(inner).into_iter().filter(|p| !p.is_empty()));
            return parts;
        }
        if let Some(open) = text.find('(')
            && text.ends_with(')')
            && let Some((items, etc)) =
                self.examples(item, &text[..open], &text[open + 1..text.len() - 1])
        {
            if etc {
                d.vague = true;
                d.how.push(How::Vague);
            }
            return items;
        }
        if let Some(open) = trailing_remark(text) {
            let inner = &text[open + 1..text.len() - 1];
            let outer = &text[..open];
            if inner.contains('或')
                && !inner.contains(['和', '及', '、', ','])
                && (looks_like_document(outer) || self.lookup(item, &normalize(outer)).is_some())
                && let Some(more) = self.alternatives(item, inner)
            {
                parts.push(outer.to_owned());
                parts.extend(more);
                return parts;
            }
        }
        self.alternatives(item, text)
            .unwrap_or_else(|| vec![text.to_owned()])
    }

    /// The piece from its alternatives: what it accepts, the requirement it meets, the other
    /// requirements it can stand for in one guide, and whose it is.
    pub(super) fn finish(
        &self,
        text: String,
        alts: Vec<Alt>,
        d: Draft,
        inherited: Option<&[String]>,
    ) -> PieceOut {
        let o = self.ontology;
        let Draft {
            q,
            mut how,
            vague,
            holder_words,
            ..
        } = d;
        let mut accepts = accepts_of(&alts, &mut how);
        // A form is the item's own whatever its title: its title is a wording, not a document.
        if alts.iter().any(|a| a.form) {
            accepts.clear();
        }
        let (key, name, primary) = self.requirement_of(&alts, &accepts, &mut how);
        let generic = alts.iter().all(|a| {
            a.hit.as_ref().is_some_and(|(id, _, _)| {
                let e = &self.ontology.entries[*id];
                e.category && normalize(&e.name) == key
            })
        });
        let fallbacks = self.fallbacks_of(&alts, &key, &text);
        let mut piece = Piece {
            text,
            requirement: key,
            name,
            accepts,
            holder: None,
            qualifiers: q,
            vague,
            how,
            fallbacks,
            primary,
            generic,
        };
        // An identity document right after another person's document is theirs too
        // (法定代表人的任职文件及身份证件复印件); other documents are not (…身份证、委托书).
        let identity = o
            .lookup("", None, "身份证明")
            .is_some_and(|h| piece.requirement == normalize(&h.entry.name));
        let identity = identity && !alts.iter().any(|a| a.prefixed);
        let inherits = holder_words.is_none() && identity && inherited.is_some();
        let holder_words =
            holder_words.or_else(|| inherited.filter(|_| identity).map(<[String]>::to_vec));
        // The item's own form is one whoever fills it in (新生儿父母填写首次签发登记表): the
        // persons before a form are its signers, not the holder of another person's document.
        if let Some(h) = holder_words.map(|w| w.join("、"))
            && piece.requirement != "§form"
        {
            own(&mut piece, h);
        }
        let holder_words_out = piece
            .holder
            .as_ref()
            .map(|h| h.split('、').map(str::to_owned).collect());
        PieceOut {
            piece,
            holder_words: holder_words_out,
            parties: 0,
            inherited: inherits,
        }
    }

    /// The requirement of a piece: the item's form; else the category most alternatives belong
    /// to (the broader covers the narrower: 主体资格证明或身份证明); else the document; else the
    /// wording. (key, name, whether it offers the category's first document.)
    fn requirement_of(
        &self,
        alts: &[Alt],
        accepts: &[String],
        how: &mut Vec<How>,
    ) -> (String, String, bool) {
        let o = self.ontology;
        let first = &alts[0];
        if let Some(form) = alts.iter().find(|a| a.form) {
            return ("§form".to_owned(), form.core.clone(), true);
        }
        let kept_apart = alts.iter().any(|a| {
            o.is_kept_apart(&a.core)
                || a.hit
                    .as_ref()
                    .is_some_and(|(_, n, _)| o.is_kept_apart(&normalize(n)))
        });
        let mut cats: Vec<(usize, usize)> = Vec::new();
        for a in alts {
            if let Some((id, _, _)) = a.hit {
                let c = if kept_apart {
                    id
                } else {
                    o.category(id).unwrap_or(id)
                };
                match cats.iter_mut().find(|(x, _)| *x == c) {
                    Some((_, n)) => *n += 1,
                    None => cats.push((c, 1)),
                }
            }
        }
        let best = cats.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let mut winners: Vec<usize> = cats
            .iter()
            .filter(|(_, n)| *n == best)
            .map(|(c, _)| *c)
            .collect();
        if let Some(&top) = winners
            .iter()
            .find(|&&w| winners.iter().all(|&x| x == w || o.is_ancestor(w, x)))
        {
            winners = vec![top];
        }
        let offers = |id: usize| {
            alts.iter()
                .any(|a| a.hit.as_ref().is_some_and(|h| h.0 == id))
        };
        match winners.as_slice() {
            [c] => {
                let cat = &o.entries[*c];
                if cat.category
                    && !(first.hit.as_ref().is_some_and(|h| h.0 == *c) && alts.len() == 1)
                {
                    how.push(How::Category {
                        category: cat.name.clone(),
                    });
                }
                let primary = o.primary(*c).is_some_and(offers) || offers(*c);
                (normalize(&cat.name), cat.name.clone(), primary)
            }
            [] if accepts.len() <= 1 => {
                how.push(How::Wording);
                (format!("~{}", first.core), first.core.clone(), false)
            }
            // Wordings the ontology does not know, as alternatives: the set is the requirement
            // (its first alternative alone would join 公安部门证明或其他证明 with 公安部门的证明或者
            // 人民法院的相关法律文书); overlapping sets are joined across regions later.
            _ => {
                if winners.is_empty() {
                    how.push(How::Wording);
                }
                let mut names: Vec<String> = accepts.to_vec();
                names.sort();
                let joined = names.join("或");
                (format!("~{}", normalize(&joined)), joined, false)
            }
        }
    }

    /// In one guide, a second piece of a category (户口簿 next to 身份证) is its own requirement:
    /// the first document's own key, then the wording's.
    fn fallbacks_of(&self, alts: &[Alt], key: &str, text: &str) -> Vec<(String, String)> {
        let mut fallbacks: Vec<(String, String)> = Vec::new();
        if let Some((id, n, _)) = &alts[0].hit {
            let doc = normalize(&self.ontology.entries[*id].name);
            if doc != key {
                fallbacks.push((doc, n.clone()));
            }
        }
        let wording = format!(
            "~{}",
            alts.iter()
                .map(|a| a.core.as_str())
                .collect::<Vec<_>>()
                .join("或")
        );
        if wording != key {
            fallbacks.push((wording, text.to_owned()));
        }
        fallbacks
    }
}

/// The documents an alternative list accepts, by canonical name, each once; the ontology
/// entries used and the alternatives are recorded in `how`.
fn accepts_of(alts: &[Alt], how: &mut Vec<How>) -> Vec<String> {
    for a in alts {
        if let Some((_, name, origin)) = &a.hit {
            how.push(match origin {
                Origin::Bundled => How::Ontology {
                    entry: name.clone(),
                },
                Origin::User => How::UserDictionary {
                    entry: name.clone(),
                },
            });
        }
    }
    let mut accepts: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for a in alts {
        let n = match &a.hit {
            Some((_, name, _)) => name.as_str(),
            None => a.core.as_str(),
        };
        if seen.insert(n) {
            accepts.push(n.to_owned());
        }
    }
    if accepts.len() > 1 {
        how.push(How::Alternative {
            of: accepts.clone(),
        });
    }
    accepts
}

/// Particles of legal drafting around a listed document, which name nothing: a leading 包括
/// (a list item of a regulation: 包括初次的医疗诊断证明…) or 附 (…，附证明人身份证) and a trailing 的 (…的证明材料的原件和复印件,
/// the 的 closing a 的-phrase whose copy form was split off). Kept as an attribute.
fn strip_drafting_particles(text: &mut String, d: &mut Draft) {
    if let Some((w, r)) = ["包括", "并附", "附上", "附"]
        .iter()
        .find_map(|w| Some((*w, text.strip_prefix(w)?)))
        // 附件, 附表 are documents, not particles.
        .filter(|(_, r)| r.chars().count() >= 2 && !r.starts_with(['件', '表', '页', '录', '图']))
    {
        d.q.other.push(w.to_owned());
        d.how.push(How::QualifierRemoved { what: w.to_owned() });
        *text = r.to_owned();
    }
    if text.ends_with('的') && text.chars().count() > 2 {
        text.pop();
        d.how.push(How::QualifierRemoved {
            what: "的".to_owned(),
        });
    }
}

/// The persons at the start of a piece: the applicant's roles become an attribute, another person
/// the holder; `party` picks one of several coordinated persons (本人及配偶身份证).
fn strip_piece_persons(text: &mut String, party: Option<usize>, d: &mut Draft) {
    let p = strip_persons(text);
    if p.rest.is_empty() || p.consumed.is_empty() {
        return;
    }
    if !p.roles.is_empty() {
        d.q.role = Some(p.roles.join("、"));
        d.how.push(How::QualifierRemoved {
            what: p.roles.join("、"),
        });
    }
    if !p.others.is_empty() {
        d.holder_words = Some(p.others);
    }
    d.parties = p.parties;
    // 家庭成员的合影: the persons of a group photo are who is in it, not whose document it is.
    if GROUP_PHOTOS.iter().any(|w| p.rest.contains(w)) {
        d.holder_words = None;
        d.parties.clear();
    }
    if let Some(i) = party
        && let Some(one) = d.parties.get(i)
    {
        d.holder_words = one.as_ref().map(|w| vec![w.clone()]);
        d.how.push(How::Distributed {
            persons: d
                .parties
                .iter()
                .map(|p| p.clone().unwrap_or_else(|| "本人".to_owned()))
                .collect(),
        });
    }
    *text = p.rest;
}

/// Another person's piece: keyed, named and kept apart by its holder. A wording that already
/// names its holder (合伙人的主体资格证明…) is shown as written.
fn own(piece: &mut Piece, h: String) {
    piece.how.push(How::OtherPerson { holder: h.clone() });
    piece.requirement = format!("{h}|{}", piece.requirement);
    let owned = |n: &str| {
        if n.contains(h.as_str()) {
            n.to_owned()
        } else {
            format!("{h}的{n}")
        }
    };
    piece.name = owned(&piece.name);
    for f in &mut piece.fallbacks {
        f.0 = format!("{h}|{}", f.0);
        f.1 = owned(&f.1);
    }
    piece.primary = true;
    piece.holder = Some(h);
}

/// A piece being read: what was stripped so far, and how.
#[derive(Default)]
pub(super) struct Draft {
    pub(super) q: Qualifiers,
    pub(super) how: Vec<How>,
    pub(super) vague: bool,
    /// Whose document it is, when another person's.
    pub(super) holder_words: Option<Vec<String>>,
    /// Persons coordinated before the document (本人及配偶), when two or more.
    pub(super) parties: Vec<Option<String>>,
}

pub(super) struct PieceOut {
    pub(super) piece: Piece,
    pub(super) holder_words: Option<Vec<String>>,
    /// How many persons share the wording (本人及配偶身份证: 2); 0 or 1 when not shared.
    pub(super) parties: usize,
    /// Whether the holder came from the piece before (法定代表人的任职文件及身份证件).
    pub(super) inherited: bool,
}

impl std::ops::Deref for PieceOut {
    type Target = Piece;
    fn deref(&self) -> &Piece {
        &self.piece
    }
}

impl std::ops::DerefMut for PieceOut {
    fn deref_mut(&mut self) -> &mut Piece {
        &mut self.piece
    }
}

/// Documents of one category listed with 、 next to an A或B of that category are more
/// alternatives, not another requirement (医保电子凭证、有效身份证件或社保卡).
fn join_alternatives(pieces: &mut Vec<Piece>, segments: &[Segment]) {
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].accepts.len() > 1 {
            let cat = pieces[i].requirement.clone();
            let joins = |j: usize, pieces: &[Piece]| {
                pieces[j].requirement == cat
                    && pieces[j].accepts.len() == 1
                    && pieces[j].holder == pieces[i].holder
            };
            if i + 1 < pieces.len()
                && segments_sep(segments, i + 1) == Sep::Comma
                && joins(i + 1, pieces)
            {
                let next = pieces.remove(i + 1);
                absorb(&mut pieces[i], next, false);
                continue;
            }
            if i > 0 && segments_sep(segments, i) == Sep::Comma && joins(i - 1, pieces) {
                let prev = pieces.remove(i - 1);
                absorb(&mut pieces[i - 1], prev, true);
                i -= 1;
                continue;
            }
        }
        i += 1;
    }
}

/// Adds another piece's documents to an A或B piece (`other_first`: it was listed before).
pub(super) fn absorb(into: &mut Piece, other: Piece, other_first: bool) {
    into.text = if other_first {
        format!("{}、{}", other.text, into.text)
    } else {
        format!("{}、{}", into.text, other.text)
    };
    for a in other.accepts {
        if !into.accepts.contains(&a) {
            into.accepts.push(a);
        }
    }
    into.primary |= other.primary;
    into.vague |= other.vague;
    into.how.retain(|h| !matches!(h, How::Alternative { .. }));
    into.how.push(How::Alternative {
        of: into.accepts.clone(),
    });
}

/// The `)` closing the `(` at byte `open` (brackets inside it balanced: 《房屋(商品房)买卖合同》).
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}
