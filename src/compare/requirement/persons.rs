//! Whose document a piece is: the applicant's role words (本人, 夫妻双方, 申请人 …) are stripped and
//! kept as an attribute; another person (配偶, 代理人, 监护人 …) makes the document another
//! requirement; persons coordinated before one document (本人及配偶) each hand in their own.

use super::lexicon::{
    DOCUMENT_ENDS, LEADING_VERBS, NOT_PERSONS, OTHERS, ROLES, VERBS_AFTER_PERSONS,
};

/// One person, as the canonical word reports use (the agent is 代理人 however it is written).
pub(super) fn canonical_person(word: &str) -> &str {
    match word {
        // Whoever acts for the applicant (an agent, or a guardian for a ward) is one role.
        "被委托人" | "受托人" | "委托代理人" | "代办人" | "经办人" | "监护人" | "法定监护人" => {
            "代理人"
        }
        "父亲" | "母亲" | "父或母" | "父亲或母亲" => "父母",
        "孩子" | "新生儿" | "婴儿" => "子女",
        "房屋共有人" => "共有人",
        // The founders of a company are its first shareholders (《公司法》: 发起人认购股份).
        "发起人" => "股东",
        "证明人" | "目击证人" => "证人",
        w => w,
    }
}

/// The longest word of `words` that `s` starts with.
pub(super) fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// A person word at the start of `s` (not a body such as 董事会): (word, is another person).
pub(super) fn person_at(s: &str) -> Option<(&'static str, bool)> {
    if NOT_PERSONS.iter().any(|w| s.starts_with(w)) {
        return None;
    }
    let s = s.strip_prefix("全体").unwrap_or(s);
    let role = starts_with_any(s, ROLES);
    let other = starts_with_any(s, OTHERS);
    match (role, other) {
        (Some(r), Some(o)) if o.len() >= r.len() => Some((o, true)),
        (Some(r), _) => Some((r, false)),
        (None, Some(o)) => Some((o, true)),
        _ => None,
    }
}

pub(super) fn ends_with_person(s: &str) -> bool {
    ROLES.iter().chain(OTHERS).any(|w| s.ends_with(w))
}

/// Persons named at the start of a piece: the applicant's roles, the holder (another person),
/// the text they took and the rest.
pub(super) struct Persons {
    pub(super) roles: Vec<String>,
    pub(super) others: Vec<String>,
    /// Persons coordinated before one document (本人及配偶, 委托人、代办人), each with a
    /// document of their own: `None` is the applicant. Empty unless two or more.
    pub(super) parties: Vec<Option<String>>,
    pub(super) rest: String,
    pub(super) consumed: String,
}

/// How a person word is attached to the one before it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Link {
    Start,
    /// 及 / 和 / 、 / 与: another person, each with the document.
    And,
    /// 或: one of them (a joint holder).
    Or,
    /// Written next to it: the other's person (婴儿父母 = the baby's parents; 父母双方 = both parents).
    Adjacent,
}

/// Person words in groups (a new group after 的), each with how it is linked to the one before.
type Groups = Vec<Vec<(String, bool, Link)>>;

pub(super) fn strip_persons(s: &str) -> Persons {
    let (roles, groups, rest) = scan_persons(s);
    // 股东指定代表或者共同委托代理人…的证明: a 或 right after the persons joins phrases, not
    // persons; read no persons at all.
    if rest.starts_with('或') {
        return Persons {
            roles: Vec::new(),
            others: Vec::new(),
            parties: Vec::new(),
            consumed: String::new(),
            rest: s.to_owned(),
        };
    }
    let holder_group = groups
        .iter()
        .rev()
        .map(|g| resolve_group(g))
        .find(|ps| ps.iter().any(Option::is_some))
        .unwrap_or_default();
    let others: Vec<String> = match holder_group.as_slice() {
        [Some(one)] => one.clone(),
        many => {
            let mut all = Vec::new();
            for w in many.iter().flatten().flatten() {
                if !all.contains(w) {
                    all.push(w.clone());
                }
            }
            all
        }
    };
    let parties = if holder_group.len() > 1 {
        holder_group
            .into_iter()
            .map(|p| p.map(|w| w.join("、")))
            .collect()
    } else {
        Vec::new()
    };
    Persons {
        roles,
        others,
        parties,
        consumed: s[..s.len() - rest.len()].to_owned(),
        rest: rest.to_owned(),
    }
}

/// `s` without a verb before its first word (填写郑州市高龄津贴申请表, 提供户口簿): the verb is
/// no part of the document.
fn strip_leading_verb(s: &str) -> &str {
    let s = LEADING_VERBS
        .iter()
        .find_map(|v| s.strip_prefix(v).filter(|r| !r.is_empty()))
        .unwrap_or(s);
    strip_person_count(s)
}

/// `s` without a short clause that describes the persons after it (共同生活的家庭成员, 随迁的子女):
/// who they are, not whose document it is.
fn described_persons(s: &str) -> &str {
    let Some(at) = s.find('的') else {
        return s;
    };
    let (clause, after) = (&s[..at], &s[at + '的'.len_utf8()..]);
    let short = (1..=8).contains(&clause.chars().count());
    let describes = short
        && person_at(clause).is_none()
        && !ends_with_person(clause)
        && !DOCUMENT_ENDS.iter().any(|e| clause.ends_with(e))
        && !clause.contains(['(', ')', '、', ',', '或', '和', '及']);
    if describes && person_at(after_pronoun(after)).is_some() {
        after
    } else {
        s
    }
}

/// `s` without a count of the persons that follow (两名以上目击证人的书面证明, 2名证人): how many
/// witnesses is an attribute, not part of whose document it is.
fn strip_person_count(s: &str) -> &str {
    let body = s.strip_prefix("至少").unwrap_or(s);
    let digits = body
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 {
        return s;
    }
    let Some(rest) = ["名", "位", "个"]
        .iter()
        .find_map(|u| body[digits..].strip_prefix(u))
    else {
        return s;
    };
    let rest = ["及以上", "以上"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    if person_at(rest).is_some() { rest } else { s }
}

/// Reads the person words at the start of `s`: the applicant's roles, the groups of persons and
/// what follows them (after a verb such as 提供 / 持有的).
fn scan_persons(s: &str) -> (Vec<String>, Groups, &str) {
    let mut roles: Vec<String> = Vec::new();
    let mut groups: Groups = vec![Vec::new()];
    let mut rest = described_persons(strip_leading_verb(s));
    let mut any = false;
    let mut link = Link::Start;
    loop {
        let org = ["公司", "企业", "单位", "全体"]
            .iter()
            .find(|p| rest.starts_with(**p) && person_at(&rest[p.len()..]).is_some());
        if let Some(p) = org {
            rest = &rest[p.len()..];
        }
        // 其配偶, 及其委派代表: the pronoun points back at the applicant or the person before;
        // 其他共有人: "other" persons of that kind are still those persons. After 或 (父母或其他
        // 监护人) they are the fallback of the persons before, who stay the holder.
        let fallback = link == Link::Or && rest.starts_with("其他");
        rest = after_pronoun(rest);
        if let Some((w, _)) = person_at(rest)
            && fallback
        {
            rest = &rest[w.len()..];
            link = Link::Adjacent;
            continue;
        }
        if let Some((w, other)) = person_at(rest) {
            let skip = if rest.starts_with("全体") { 6 } else { 0 };
            rest = &rest[skip + w.len()..];
            any = true;
            let word = if other { canonical_person(w) } else { w }.to_owned();
            if !other && !roles.iter().any(|r| r == w) {
                roles.push(w.to_owned());
            }
            groups
                .last_mut()
                .expect("one group")
                .push((word, other, link));
            link = Link::Adjacent;
            continue;
        }
        if !any {
            break;
        }
        if let Some((r, l)) = link_at(rest) {
            rest = r;
            link = l;
            continue;
        }
        if let Some(r) = rest.strip_prefix('(') {
            // (配偶) after a person: a parenthetical person, not the holder.
            if let Some(end) = r.find(')') {
                // (或其他法定监护人) after 父母: a fallback person, as 或其他监护人 is.
                let inner = fallback_person(&r[..end]).unwrap_or(&r[..end]);
                let p = strip_persons(inner);
                if p.rest.is_empty() && !inner.is_empty() {
                    rest = &r[end + 1..];
                    continue;
                }
            }
        }
        if let Some(r) = rest.strip_prefix('的') {
            rest = r;
            groups.push(Vec::new());
            link = Link::Start;
            continue;
        }
        if let Some(r) = VERBS_AFTER_PERSONS
            .iter()
            .find_map(|v| rest.strip_prefix(v))
        {
            rest = r;
        }
        break;
    }
    (roles, groups, rest)
}

/// A word linking the person before to a person after it: (the text after it, the link).
fn link_at(rest: &str) -> Option<(&str, Link)> {
    [
        ("、", Link::And),
        ("和", Link::And),
        ("以及", Link::And),
        ("及", Link::And),
        // 与 joins the two sides of one thing (与父母关系证明): one joint holder.
        ("与", Link::Or),
        (",", Link::And),
        ("或者", Link::Or),
        ("或", Link::Or),
    ]
    .iter()
    .find_map(|(c, l)| Some((rest.strip_prefix(c)?, *l)))
    .filter(|(r, _)| person_at(after_pronoun(r)).is_some())
}

/// `或(者)` and a person at the start of `s` (或其他法定监护人): the person's text, after the 或.
pub(super) fn fallback_person(s: &str) -> Option<&str> {
    let rest = ["或者", "或"].iter().find_map(|o| s.strip_prefix(o))?;
    person_at(after_pronoun(rest)).is_some().then_some(rest)
}

/// `s` without a 其 or 其他 before a person word (其配偶, 其他监护人); else `s`.
pub(super) fn after_pronoun(s: &str) -> &str {
    ["其他", "其"]
        .iter()
        .find_map(|p| s.strip_prefix(p).filter(|r| person_at(r).is_some()))
        .unwrap_or(s)
}

/// Per group, the parties: each a joint holder (None = the applicant).
fn resolve_group(group: &[(String, bool, Link)]) -> Vec<Option<Vec<String>>> {
    let mut parties: Vec<Option<Vec<String>>> = Vec::new();
    for (word, other, link) in group {
        let me = other.then(|| vec![word.clone()]);
        match (link, parties.last_mut()) {
            (Link::Start | Link::And, _) | (_, None) => parties.push(me),
            (Link::Or, Some(last)) => match (last.as_mut(), me) {
                (Some(l), Some(m)) if !l.contains(&m[0]) => l.extend(m),
                (None, Some(m)) => *last = Some(m),
                _ => {}
            },
            // 父母双方: a role after another person describes them.
            (Link::Adjacent, Some(Some(_))) if !other => {}
            // 申请人父母, 婴儿父母: the person of the person.
            (Link::Adjacent, Some(last)) => *last = me,
        }
    }
    let mut out: Vec<Option<Vec<String>>> = Vec::new();
    for p in parties {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}
