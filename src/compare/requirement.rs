//! Reading a listed material as requirements: a name such as 夫妻双方居民身份证、户口簿、结婚证等有效证件
//! becomes pieces (居民身份证 · 户口簿 · 结婚证), each with the requirement it meets (身份证明, 户口簿,
//! 婚姻关系证明), the documents it accepts (A或B), the qualifiers stripped for comparison and kept as
//! attributes (the applicant's role, a signing phrase, 原件/复印件, 有效/有关, a place name in a form
//! title), whose document it is (another person's document is another requirement), whether it is a
//! catch-all, and how every step was made. Rules are about Chinese wording, not about the bundled
//! examples: the only data they use is the ontology and the GB/T 2260 names. Nothing here prints.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::diagnostic::Lang;
use crate::normalize::{for_each_nfkc, normalize};
use crate::ontology::{Hit, Ontology, Origin};

mod cache;
pub(crate) use cache::Readings;

/// The applicant (or applicants) named in a material: stripped, kept as the `role` attribute.
const ROLES: &[&str] = &[
    "夫妻双方",
    "夫妻一方",
    "夫妻任一方",
    "夫妻其中一方",
    "男女双方",
    "男女一方",
    "当事人双方",
    "双方当事人",
    "一方当事人",
    "当事人一方",
    // A party of the applicants (其中一方的居住证): still the applicants' document.
    "其中一方",
    "任何一方",
    "任意一方",
    "任一方",
    "另一方",
    "一方",
    "夫妻",
    "双方",
    "当事人",
    "本人",
    "申请人",
    "申请者",
    "提取人",
    "缴存人",
    "缴存职工",
    "购房职工",
    "职工",
    "借款人",
    "参保人员",
    "参保人",
    "失业人员",
    "劳动者",
    "公民",
    "自然人",
    "申报人",
    "办事人",
    "申领人",
    "经营者",
    "持证人",
];

/// Another person: a document of theirs is a different requirement from the applicant's.
const OTHERS: &[&str] = &[
    "配偶",
    "父母",
    "父或母",
    "父亲或母亲",
    "父亲",
    "母亲",
    "子女",
    "孩子",
    "新生儿",
    "婴儿",
    "被委托人",
    "委托代理人",
    "委托人",
    "受托人",
    "代理人",
    "代办人",
    "经办人",
    "法定代理人",
    "法定代表人",
    "负责人",
    "股东",
    "发起人",
    "执行事务合伙人",
    "合伙人",
    "委派代表",
    "董事",
    "监事",
    "经理",
    "高级管理人员",
    "共有人",
    "房屋共有人",
    "法定监护人",
    "监护人",
    "被监护人",
    "继承人",
    "指定代表",
    "担保人",
    "家庭成员",
    "亲属",
    "同住人",
    "房主",
    "房屋产权人",
    "产权人",
    "出租人",
    "户主",
];

/// Words that start like a person but name a body (董事会 is not 董事).
const NOT_PERSONS: &[&str] = &[
    "董事会",
    "股东会",
    "股东大会",
    "监事会",
    "经理层",
    "子女数",
    "户主页",
    "一方面",
];

/// One person, as the canonical word reports use (the agent is 代理人 however it is written).
fn canonical_person(word: &str) -> &str {
    match word {
        "被委托人" | "受托人" | "委托代理人" | "代办人" | "经办人" => "代理人",
        "父亲" | "母亲" | "父或母" | "父亲或母亲" => "父母",
        "孩子" | "新生儿" | "婴儿" => "子女",
        "房屋共有人" => "共有人",
        "法定监护人" => "监护人",
        w => w,
    }
}

/// Copy forms, longest first: (as written, the `original` value they mean).
const COPY_FORMS: &[(&str, &str)] = &[
    ("原件及复印件", "原件和复印件"),
    ("原件和复印件", "原件和复印件"),
    ("原件、复印件", "原件和复印件"),
    ("原件或复印件", "原件或复印件"),
    ("及其复印件", "原件和复印件"),
    ("及复印件", "原件和复印件"),
    ("和复印件", "原件和复印件"),
    ("的复印件", "复印件"),
    ("复印件", "复印件"),
    ("原件", "原件"),
];

/// Validity and reference words before a document name.
const VALIDITY: &[&str] = &[
    "有效期内的",
    "在有效期内的",
    "合法有效的",
    "有效的",
    "有关的",
    "相关的",
    "有效",
    "有关",
    "相关",
];

/// Phrases that end a signing / issuing / filing clause before the document (…签署的合伙协议).
const CLAUSE_ENDS: &[&str] = &[
    "签署的",
    "签字的",
    "签章的",
    "盖章的",
    "签名的",
    "出具的",
    "开具的",
    "核发的",
    "颁发的",
    "备案的",
    "确认的",
];

/// Which side or rendering of a document is asked for (身份证正反面复印件): not a document itself.
const SIDES: &[&str] = &[
    "正反面",
    "正反两面",
    "正面",
    "背面",
    "扫描件",
    "影印件",
    "电子版",
];

/// The applicants named after a document (居民身份证复印件男女双方各一份), longest first.
const TRAILING_PARTIES: &[&str] = &["双方当事人", "当事人双方", "男女双方", "夫妻双方", "双方"];

/// Phrases ending a condition written into a material name (代办的需提供…).
const CONDITION_ENDS: &[&str] = &[
    "的,还应当提交",
    "的,还应当提供",
    "的,还应提交",
    "的,还应提供",
    "的,还需提交",
    "的,还需提供",
    "的,需提供",
    "的,须提供",
    "的,应提供",
    "的,需提交",
    "的,须提交",
    "的,应提交",
    "的,提供",
    "的,提交",
    "的需提供",
    "的须提供",
    "的应提供",
    "的需提交",
    "的须提交",
    "的应提交",
    "的提供",
    "的提交",
    "需提供",
    "须提供",
    "应提供",
    "需提交",
    "须提交",
    "应提交",
];

/// Catch-all tails (…等有效证件) and whole catch-alls (其他材料): read as vague.
const CATCH_ALL_TAILS: &[&str] = &[
    "等其他身份证明材料",
    "等有效身份证件",
    "等有效证件",
    "等有效证明",
    "等相关材料",
    "等其他材料",
    "等有关材料",
    "等证件",
    "等证明",
    "等材料",
    "等资料",
    "等",
];
const VAGUE_ENDS: &[&str] = &[
    "其他材料",
    "其他文件",
    "相关材料",
    "有关材料",
    "其他证明材料",
    "相关证明",
    "其他资料",
    "相关资料",
    "其他证明",
];

/// How a name ends when it names a document (used to tell a list of documents from a phrase).
const DOCUMENT_ENDS: &[&str] = &[
    "证",
    "证明",
    "证件",
    "证书",
    "书",
    "表",
    "单",
    "卡",
    "簿",
    "本",
    "照",
    "合同",
    "协议",
    "文件",
    "材料",
    "凭证",
    "记录",
    "发票",
    "收据",
    "账号",
    "账户",
    "执照",
    "决议",
    "决定",
    "章程",
    "报告",
    "函",
    "通知",
    "清单",
    "名册",
    "资料",
    "批文",
    "记录表",
    "回执",
    "卡片",
    "声明",
    "首页",
    "证照",
    "文书",
    "批复",
    "公证",
    "说明",
];

/// Endings of an application form (the item's own 申请书/申请表/登记表).
const FORM_ENDS: &[&str] = &[
    "申请书",
    "申请表",
    "登记服务表",
    "登记表",
    "备案表",
    "申报表",
    "审批表",
    "服务表",
];

/// Procedures an item or a form names, each with the words for it: a form naming one procedure
/// is not the form of an item naming only others.
const PROCEDURES: &[&[&str]] = &[
    &["设立", "开业", "新设"],
    &["变更"],
    &["注销", "歇业"],
    &["核准", "预先核准"],
    &["换证", "换领", "换发"],
    &["补领", "补办", "补发"],
    &["迁移", "迁入", "迁出"],
    &["延续"],
];

/// Bigrams too common in item and form names to say a form belongs to an item.
const GENERIC_BIGRAMS: &[&str] = &["登记", "申请", "备案", "服务", "办理", "事项", "审批"];

/// How one step of a reading was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum How {
    /// The name is already a known document name as written.
    Exact,
    /// Equal after normalisation (width, 《》, whitespace, punctuation).
    Normalised,
    /// One piece of a compound.
    Split {
        /// The compound.
        from: String,
    },
    /// One of the documents accepted for one requirement (A或B).
    Alternative {
        /// Every accepted document.
        of: Vec<String>,
    },
    /// A qualifier was removed for comparison (kept as an attribute).
    QualifierRemoved {
        /// What was removed.
        what: String,
    },
    /// A bundled ontology entry.
    Ontology {
        /// The entry.
        entry: String,
    },
    /// An entry of the user's dictionary.
    UserDictionary {
        /// The entry.
        entry: String,
    },
    /// The requirement is the category of the documents accepted.
    Category {
        /// The category.
        category: String,
    },
    /// The item's own application form.
    ItemForm,
    /// Another person's document.
    OtherPerson {
        /// Whose.
        holder: String,
    },
    /// A catch-all (…等有效证件, 其他材料).
    Vague,
    /// Unknown to the ontology: compared by its wording.
    Wording,
    /// One wording names several persons before one document (本人及配偶身份证): each has a
    /// requirement of their own; 本人 is the applicant.
    Distributed {
        /// The persons, in order.
        persons: Vec<String>,
    },
    /// In its guide another piece already meets `requirement` with other documents (户口簿 next
    /// to 身份证): this one is a requirement of its own.
    OwnRequirement {
        /// The requirement the other piece meets.
        requirement: String,
    },
}

impl How {
    /// The explanation in one language.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            How::Exact => lang.pick("原样匹配", "exact").into(),
            How::Normalised => lang.pick("规范化后相同", "normalised").into(),
            How::Split { from } if zh => format!("拆自“{from}”"),
            How::Split { from } => format!("split from “{from}”"),
            How::Alternative { of } if zh => format!("可选其一：{}", of.join("或")),
            How::Alternative { of } => format!("alternative of {}", of.join(" / ")),
            How::QualifierRemoved { what } if zh => format!("去掉限定语“{what}”"),
            How::QualifierRemoved { what } => format!("qualifier removed: “{what}”"),
            How::Ontology { entry } if zh => format!("文书本体条目“{entry}”"),
            How::Ontology { entry } => format!("ontology entry “{entry}”"),
            How::UserDictionary { entry } if zh => format!("用户词典条目“{entry}”"),
            How::UserDictionary { entry } => format!("user dictionary entry “{entry}”"),
            How::Category { category } if zh => format!("归入类别“{category}”"),
            How::Category { category } => format!("category “{category}”"),
            How::ItemForm => lang
                .pick("本事项的申请表（书）", "the item's own form")
                .into(),
            How::OtherPerson { holder } if zh => format!("{holder}的材料（另一人）"),
            How::OtherPerson { holder } => format!("a document of another person ({holder})"),
            How::Vague => lang.pick("兜底写法（不明确）", "catch-all (vague)").into(),
            How::Distributed { persons } if zh => {
                format!("一个写法列出多人（{}），每人一项要求", persons.join("、"))
            }
            How::Distributed { persons } => format!(
                "one wording for several persons ({}): one requirement each",
                persons
                    .iter()
                    .map(|p| if p == "本人" {
                        "the applicant"
                    } else {
                        p.as_str()
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            How::OwnRequirement { requirement } if zh => {
                format!("同一指南另有文书满足“{requirement}”，单列为一项要求")
            }
            How::OwnRequirement { requirement } => {
                format!("another listed document meets “{requirement}”: a requirement of its own")
            }
            How::Wording => lang
                .pick(
                    "文书本体未收录，按写法比较",
                    "not in the ontology: compared by wording",
                )
                .into(),
        }
    }
}

/// A qualifier stripped for comparison, kept as an attribute of the piece.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Qualifiers {
    /// The applicant named (夫妻双方, 提取人 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A signing / issuing / filing clause (全体股东签署的, 民政部门出具的 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// 原件 / 复印件 / 原件和复印件 / 原件或复印件, from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy: Option<&'static str>,
    /// 有效 / 有关 …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<String>,
    /// A place name at the start of a title (广东省 in 广东省生育登记表).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Other words removed (a parenthesised remark, a prefix before a known document).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

/// One requirement read from a listed material.
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    /// The piece as written (a compound's part; catch-all tail removed).
    pub text: String,
    /// The requirement it meets: a stable key (normalised).
    pub requirement: String,
    /// The requirement's name for reports (身份证明, 配偶的身份证明, 生育登记表 …).
    pub name: String,
    /// The documents it accepts, by canonical name (one unless A或B); empty when unknown.
    pub accepts: Vec<String>,
    /// Whose document it is, when not the applicant's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// What was stripped for comparison.
    pub qualifiers: Qualifiers,
    /// A catch-all or contains one.
    pub vague: bool,
    /// How it was read, step by step.
    pub how: Vec<How>,
    /// Other requirements it can stand for when, in one guide, another piece already took
    /// [`Piece::requirement`] (户口簿 listed next to 身份证 is its own requirement): (key, name).
    #[serde(skip)]
    pub fallbacks: Vec<(String, String)>,
    /// Whether it offers the category's first document (居民身份证 for 身份证明): such a piece
    /// keeps the category in a guide.
    #[serde(skip)]
    pub primary: bool,
}

/// A listed material read as requirements.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The material as written.
    pub material: String,
    /// Its requirements.
    pub pieces: Vec<Piece>,
    /// Whether any part is a catch-all.
    pub vague: bool,
}

/// The item a material is read in: item-scoped ontology entries and the item's own form depend on it.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    /// Normalised 事项名称.
    pub name: &'a str,
    /// 基本编码.
    pub code: Option<&'a str>,
}

/// Reads material names with an ontology.
pub struct Reader<'o> {
    ontology: &'o Ontology,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Start,
    /// 、
    Comma,
    /// ，；及和以及
    And,
}

#[derive(Debug, Clone)]
struct Segment {
    text: String,
    sep: Sep,
    /// The separator as written before it (、 和 以及 …), to join it back unchanged.
    sep_text: String,
    copy: Option<&'static str>,
}

/// Folds a character for comparison: full-width punctuation to ASCII.
fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        c => c,
    }
}

fn opens(c: char) -> bool {
    matches!(fold(c), '《' | '〈' | '(' | '【' | '[' | '“' | '「' | '『')
}

fn closes(c: char) -> bool {
    matches!(fold(c), '》' | '〉' | ')' | '】' | ']' | '”' | '」' | '』')
}

/// The text for matching: NFKC, without whitespace, quotes or zero-width characters; 《》 and
/// brackets stay (titles and parentheses are read).
fn prepare(s: &str) -> String {
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
fn split_top(s: &str) -> Vec<Segment> {
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
            if let Some((phrase, meaning)) = COPY_FORMS
                .iter()
                .find(|(p, _)| p.starts_with(['及', '和', '原']) && tail.starts_with(p))
            {
                cur.copy = Some(meaning);
                let end = i + phrase.len();
                while it.peek().is_some_and(|(j, _)| *j < end) {
                    it.next();
                }
                prev = phrase.chars().last();
                continue;
            }
            let next = it.peek().map(|(_, n)| *n);
            let sep = match fold(c) {
                '、' => Some((Sep::Comma, 1)),
                ',' | ';' => Some((Sep::And, 1)),
                '以' if next == Some('及') => Some((Sep::And, 2)),
                '及' if next == Some('其') => Some((Sep::And, 2)),
                '及' if !matches!(next, Some('时' | '格'))
                    && !matches!(prev, Some('涉' | '普' | '危' | '波' | '以' | '企')) =>
                {
                    Some((Sep::And, 1))
                }
                '和' if !matches!(prev, Some('共' | '总' | '温' | '柔'))
                    && !matches!(next, Some('解' | '谐' | '睦' | '平')) =>
                {
                    Some((Sep::And, 1))
                }
                _ => None,
            };
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
                if !cur.text.trim().is_empty() {
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
    if !cur.text.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// Splits on 或 / 或者 outside brackets.
fn split_or(s: &str) -> Vec<String> {
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

/// The longest word of `words` that `s` starts with.
fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// A person word at the start of `s` (not a body such as 董事会): (word, is another person).
fn person_at(s: &str) -> Option<(&'static str, bool)> {
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

fn ends_with_person(s: &str) -> bool {
    ROLES.iter().chain(OTHERS).any(|w| s.ends_with(w))
}

/// Persons named at the start of a piece: the applicant's roles, the holder (another person),
/// the text they took and the rest.
struct Persons {
    roles: Vec<String>,
    others: Vec<String>,
    /// Persons coordinated before one document (本人及配偶, 委托人、代办人), each with a
    /// document of their own: `None` is the applicant. Empty unless two or more.
    parties: Vec<Option<String>>,
    rest: String,
    consumed: String,
}

/// How a person word is attached to the one before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Start,
    /// 及 / 和 / 、 / 与: another person, each with the document.
    And,
    /// 或: one of them (a joint holder).
    Or,
    /// Written next to it: the other's person (婴儿父母 = the baby's parents; 父母双方 = both parents).
    Adjacent,
}

fn strip_persons(s: &str) -> Persons {
    let mut roles = Vec::new();
    // Groups of persons (a new group after 的); per group, its person words and their links.
    let mut groups: Vec<Vec<(String, bool, Link)>> = vec![Vec::new()];
    let mut rest = s;
    let mut any = false;
    let mut link = Link::Start;
    loop {
        let org = ["公司", "企业", "单位", "全体"]
            .iter()
            .find(|p| rest.starts_with(**p) && person_at(&rest[p.len()..]).is_some());
        if let Some(p) = org {
            rest = &rest[p.len()..];
        }
        // 其配偶, 及其委派代表: the pronoun points back at the applicant or the person before.
        if let Some(r) = rest.strip_prefix('其').filter(|r| person_at(r).is_some()) {
            rest = r;
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
        if let Some((r, l)) = [
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
        .filter(|(r, _)| person_at(r.strip_prefix('其').unwrap_or(r)).is_some())
        {
            rest = r;
            link = l;
            continue;
        }
        if let Some(r) = rest.strip_prefix('(') {
            // (配偶) after a person: a parenthetical person, not the holder.
            if let Some(end) = r.find(')') {
                let inner = &r[..end];
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
        if let Some(r) = ["提供", "提交", "持有的", "持"]
            .iter()
            .find_map(|v| rest.strip_prefix(v))
        {
            rest = r;
        }
        break;
    }
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
    // Per group, the parties: each a joint holder (None = the applicant).
    let resolve = |group: &[(String, bool, Link)]| -> Vec<Option<Vec<String>>> {
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
    };
    let holder_group = groups
        .iter()
        .rev()
        .map(|g| resolve(g))
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

/// GB/T 2260 division names and their short forms (广东省 / 广东), for place names in titles.
fn places() -> &'static HashSet<String> {
    static PLACES: OnceLock<HashSet<String>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut set = HashSet::new();
        for (_, name) in crate::regions::all().chain(crate::regions::DIVISIONS.iter().copied()) {
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
fn strip_place(s: &str) -> (String, &str) {
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
fn quantity_at(s: &str) -> Option<usize> {
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

fn looks_like_document(s: &str) -> bool {
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

/// A trailing parenthesised remark (儿童出生保健卡（1996年1月1日前）): where it starts.
fn trailing_remark(s: &str) -> Option<usize> {
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

/// The text before a title and before a trailing bracketed remark: where a clause or a condition
/// of the whole name is looked for (not 结婚证（夫妻投靠的提供）'s remark; but 乡镇（街道）…出具的
/// keeps its inner brackets).
fn outside(s: &str) -> &str {
    let title = s.find('《').unwrap_or(s.len());
    let remark = trailing_remark(s).unwrap_or(s.len());
    &s[..title.min(remark)]
}

/// The generic noun a document name ends with, written the common way, so that 合影照 and
/// 合影照片, 证明材料 and 证明 are one wording. Names whose last
/// word is a document of its own (护照, 执照, 驾照) are left alone.
fn generic_noun(s: &str) -> Option<String> {
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

fn is_vague(s: &str) -> bool {
    VAGUE_ENDS.iter().any(|e| s.ends_with(e)) || s.contains("其他")
}

/// Whether a (place-stripped, normalised) title is the item's own application form.
fn is_item_form(core: &str, item: &str) -> bool {
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

/// One alternative, resolved.
#[derive(Debug, Clone)]
struct Alt {
    /// The ontology entry, if known.
    hit: Option<(usize, String, Origin)>,
    /// The item's own form.
    form: bool,
    /// The normalised core.
    core: String,
    vague: bool,
    /// Words before the known document were set aside (儿童社会保障卡): it names its own
    /// subject, so no holder passes on to it.
    prefixed: bool,
}

impl<'o> Reader<'o> {
    /// A reader with this ontology.
    pub fn new(ontology: &'o Ontology) -> Self {
        Reader { ontology }
    }

    /// Reads one listed material.
    pub fn read(&self, item: ItemRef<'_>, material: &str) -> Reading {
        let written = material.trim();
        let mut segments = split_top(written);
        merge_segments(&mut segments, self, item);
        self.split_adjacent(&mut segments, item);
        let compound = segments.len() > 1;
        // Every piece of a compound names it; a long compound is named by its start (each piece
        // holding all of it made a 64,000-character name quadratic in time and memory).
        let from: String = if written.len() > 300 {
            let mut cut = 300;
            while !written.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}…", &written[..cut])
        } else {
            written.to_owned()
        };
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
        // 医保电子凭证、有效身份证件或社保卡: documents of one category listed with 、 next to an
        // A或B of that category are more alternatives, not another requirement.
        let mut i = 0;
        while i < pieces.len() {
            if pieces[i].accepts.len() > 1 {
                let cat = pieces[i].requirement.clone();
                let joins = |j: usize, pieces: &Vec<Piece>| {
                    pieces[j].requirement == cat
                        && pieces[j].accepts.len() == 1
                        && pieces[j].holder == pieces[i].holder
                };
                if i + 1 < pieces.len()
                    && segments_sep(&segments, i + 1) == Sep::Comma
                    && joins(i + 1, &pieces)
                {
                    let next = pieces.remove(i + 1);
                    absorb(&mut pieces[i], next, false);
                    continue;
                }
                if i > 0 && segments_sep(&segments, i) == Sep::Comma && joins(i - 1, &pieces) {
                    let prev = pieces.remove(i - 1);
                    absorb(&mut pieces[i - 1], prev, true);
                    i -= 1;
                    continue;
                }
            }
            i += 1;
        }
        let vague = pieces.iter().any(|p| p.vague);
        Reading {
            material: written.to_owned(),
            pieces,
            vague,
        }
    }

    /// `X（A、B、C等）` where X is a category and A, B, C documents of it: (the examples,
    /// whether the list ends with 等).
    fn examples(&self, item: ItemRef<'_>, outer: &str, inner: &str) -> Option<(Vec<String>, bool)> {
        let o = self.ontology;
        let outer = VALIDITY
            .iter()
            .find_map(|v| outer.strip_prefix(v))
            .unwrap_or(outer);
        let category = self.lookup(item, &normalize(outer))?;
        if !category.entry.category {
            return None;
        }
        let mut list = inner.to_owned();
        let mut etc = false;
        for tail in CATCH_ALL_TAILS {
            if let Some(r) = list.strip_suffix(tail) {
                list = r.to_owned();
                etc = true;
                break;
            }
        }
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

    /// Two known documents written back to back (户口簿居民身份证原件及复印件): two segments, each
    /// with the copy form. Only when the whole is no known name and both halves are, as written
    /// (persons before the first are kept with it).
    fn split_adjacent(&self, segments: &mut Vec<Segment>, item: ItemRef<'_>) {
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
            if body.contains(['《', '(', '或']) || known(body) {
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

    /// `A等X`: an example A, then a category or a generic document word X (居民身份证等有效身份证明,
    /// 护照等公安机关签发的其他有效身份证件): (A, X as written). 平等, 等级 … are no 等.
    fn etc_category(&self, item: ItemRef<'_>, text: &str) -> Option<(String, String)> {
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
    fn alternatives(&self, item: ItemRef<'_>, text: &str) -> Option<Vec<String>> {
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

    fn lookup(&self, item: ItemRef<'_>, name: &str) -> Option<Hit<'o>> {
        self.ontology.lookup(item.name, item.code, name)
    }

    /// Resolves one alternative's text: exact, then without qualifiers, then the item form, then
    /// a known document at its end.
    fn alternative(
        &self,
        item: ItemRef<'_>,
        text: &str,
        q: &mut Qualifiers,
        how: &mut Vec<How>,
    ) -> Alt {
        let mut s = text.to_owned();
        let mut vague = false;
        for tail in CATCH_ALL_TAILS {
            if s.len() > tail.len()
                && let Some(r) = s.strip_suffix(tail)
            {
                s = r.to_owned();
                vague = true;
                break;
            }
        }
        let exact = |s: &str| self.lookup(item, &normalize(s));
        if let Some(h) = exact(&s) {
            return self.alt_hit(h, &s, vague);
        }
        // Clause before the document (…签署的, …出具的), not in a bracketed remark.
        let outside = outside(&s);
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
                s = rest.to_owned();
                if let Some(h) = exact(&s) {
                    return self.alt_hit(h, &s, vague);
                }
            }
        }
        let p = strip_persons(&s);
        if !p.rest.is_empty() && (!p.roles.is_empty() || !p.others.is_empty()) {
            s = p.rest.clone();
        }
        // Words before a title (单位签章《…提取证明》, 用于出生登记的《计划生育证明》): the title
        // names the document.
        if let Some(open) = s.find('《').filter(|&o| o > 0)
            && let Some(close) = s.rfind('》')
            && close > open
        {
            let after = &s[close + '》'.len_utf8()..];
            if after.is_empty() || COPY_FORMS.iter().any(|(p, _)| after == *p) {
                let prefix = s[..open].to_owned();
                q.other.push(prefix.clone());
                how.push(How::QualifierRemoved { what: prefix });
                s = s[open..].to_owned();
                if let Some(h) = exact(&s) {
                    return self.alt_hit(h, &s, vague);
                }
            }
        }
        for v in VALIDITY {
            // 相关证明 stays itself: a bare 证明 is no name.
            if let Some(r) = s
                .strip_prefix(v)
                .filter(|r| r.chars().count() >= 3 || exact(r).is_some())
            {
                q.validity
                    .get_or_insert_with(|| v.trim_end_matches('的').to_owned());
                how.push(How::QualifierRemoved {
                    what: (*v).to_owned(),
                });
                s = r.to_owned();
                break;
            }
        }
        for medium in ["纸质版", "纸质", "电子版", "电子"] {
            if let Some(r) = s
                .strip_prefix(medium)
                .filter(|r| r.chars().count() >= 3 && exact(r).is_some() || r.starts_with('《'))
            {
                q.other.push(medium.to_owned());
                how.push(How::QualifierRemoved {
                    what: medium.to_owned(),
                });
                s = r.to_owned();
                break;
            }
        }
        for (phrase, meaning) in COPY_FORMS {
            if let Some(r) = s.strip_suffix(phrase).filter(|r| !r.is_empty()) {
                q.copy.get_or_insert(meaning);
                how.push(How::QualifierRemoved {
                    what: (*phrase).to_owned(),
                });
                s = r.trim_end_matches('的').to_owned();
                break;
            }
        }
        // A title: the place at its start is not part of the name.
        let titled = s.starts_with('《');
        let mut core = normalize(&s);
        if let Some(h) = exact(&core) {
            return self.alt_hit(h, &core, vague || is_vague(&core));
        }
        let (place, rest) = strip_place(&core);
        if !place.is_empty() && (titled || FORM_ENDS.iter().any(|e| rest.ends_with(e))) {
            q.place.get_or_insert_with(|| place.clone());
            how.push(How::QualifierRemoved {
                what: place.clone(),
            });
            core = rest.to_owned();
            if let Some(h) = exact(&core) {
                return self.alt_hit(h, &core, vague);
            }
        }
        // A parenthesised remark: (公民), (购买商品住房的购房资料).
        if let (Some(open), Some(close)) = (core.find('('), core.rfind(')'))
            && open < close
        {
            let without = format!("{}{}", &core[..open], &core[close + 1..]);
            if !without.is_empty()
                && (exact(&without).is_some()
                    || !looks_like_document(&core[open..=close])
                    // (租赁合同/产权证明): examples of the document, not its name.
                    || core[open..=close].contains('/'))
            {
                let remark = core[open..=close].to_owned();
                q.other.push(remark.clone());
                how.push(How::QualifierRemoved { what: remark });
                core = without;
                if let Some(h) = exact(&core) {
                    return self.alt_hit(h, &core, vague);
                }
            }
        }
        // After a remark or a quantity: 营业执照副本复印件（加盖公章）, 近期免冠照片2张.
        loop {
            if let Some((phrase, meaning)) = COPY_FORMS
                .iter()
                .find(|(p, _)| core.len() > p.len() && core.ends_with(p))
            {
                q.copy.get_or_insert(meaning);
                how.push(How::QualifierRemoved {
                    what: (*phrase).to_owned(),
                });
                core = core[..core.len() - phrase.len()]
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
            } else if let Some(at) = quantity_at(&core) {
                let quantity = core[at..].to_owned();
                q.other.push(quantity.clone());
                how.push(How::QualifierRemoved { what: quantity });
                core.truncate(at);
            } else if let Some(w) = TRAILING_PARTIES
                .iter()
                .find(|w| core.len() > w.len() && core.ends_with(**w))
            {
                // 居民身份证复印件男女双方各一份: who hands it in, after the document.
                q.role.get_or_insert_with(|| (*w).to_owned());
                how.push(How::QualifierRemoved {
                    what: (*w).to_owned(),
                });
                core.truncate(core.len() - w.len());
            } else {
                break;
            }
            if let Some(h) = exact(&core) {
                return self.alt_hit(h, &core, vague);
            }
        }
        // 合影照 / 合影照片, 证明材料 / 证明: one wording.
        if let Some(common) = generic_noun(&core) {
            how.push(How::Normalised);
            core = common;
            if let Some(h) = exact(&core) {
                return self.alt_hit(h, &core, vague);
            }
        }
        if is_item_form(&core, item.name) {
            how.push(How::ItemForm);
            return Alt {
                hit: None,
                form: true,
                core,
                vague,
                prefixed: false,
            };
        }
        // Another procedure's form (名称预先核准申请表 / 申请书): one wording, table or letter.
        if let Some(stem) = core.strip_suffix("申请表")
            && !stem.is_empty()
        {
            how.push(How::Normalised);
            core = format!("{stem}申请书");
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

    fn alt_hit(&self, h: Hit<'_>, core: &str, vague: bool) -> Alt {
        Alt {
            hit: Some((h.id, h.entry.name.clone(), h.entry.origin)),
            form: false,
            core: normalize(core),
            vague: vague || is_vague(core),
            prefixed: false,
        }
    }

    /// Reads one segment. `party`: which of the persons coordinated before the document this
    /// piece is for (本人及配偶身份证 is read once per person).
    fn piece(
        &self,
        item: ItemRef<'_>,
        seg: &Segment,
        inherited: Option<&[String]>,
        party: Option<usize>,
    ) -> PieceOut {
        let mut q = Qualifiers {
            copy: seg.copy,
            ..Qualifiers::default()
        };
        let mut how = Vec::new();
        let mut text = prepare(&seg.text);
        let written = seg
            .text
            .trim()
            .trim_end_matches(['。', '；', ';', '，', ','])
            .to_owned();
        // Catch-all tail of the whole piece.
        let mut vague = false;
        for tail in CATCH_ALL_TAILS {
            if text.len() > tail.len()
                && let Some(r) = text.strip_suffix(tail)
            {
                text = r.to_owned();
                vague = true;
                how.push(How::Vague);
                break;
            }
        }
        // A等（其他有效）X where X is a category or a generic document word: A is an example,
        // the piece a catch-all (居民身份证等有效身份证明, 护照等公安机关签发的其他有效身份证件).
        if !vague && let Some((before, after)) = self.etc_category(item, &text) {
            how.push(How::Vague);
            q.other.push(format!("等{after}"));
            text = before;
            vague = true;
        }
        let shown = match written.rfind('等') {
            Some(p) if vague && p > 0 => written[..p].to_owned(),
            _ => written.clone(),
        };
        // A known name as a whole wins over any reading of its parts.
        let whole = normalize(&text);
        let mut holder_words: Option<Vec<String>> = None;
        let mut parties: Vec<Option<String>> = Vec::new();
        let alts: Vec<Alt> = if let Some(h) = self.lookup(item, &whole) {
            how.push(if whole == text {
                How::Exact
            } else {
                How::Normalised
            });
            vec![self.alt_hit(h, &whole, vague)]
        } else {
            // A condition written into the name (代办的需提供…, 未满16周岁的须提交…) is not part of
            // the requirement; the 适用情形 belongs in `condition`.
            // Only outside titles and brackets: 结婚证（夫妻投靠的提供） keeps its remark whole.
            let outside_title = outside(&text);
            if let Some(end) = CONDITION_ENDS
                .iter()
                .filter_map(|c| outside_title.find(c).map(|p| p + c.len()))
                .max()
                && end < text.len()
            {
                let condition = text[..end].to_owned();
                how.push(How::QualifierRemoved {
                    what: condition.clone(),
                });
                q.other.push(condition);
                text = text[end..].to_owned();
            }
            // Clause first: 全体合伙人签署的合伙协议 names the signers, not the holder; but a clause
            // inside one of several alternatives (A或…出具的B) is that alternative's, and one
            // in brackets is the remark's.
            let outside_title = outside(&text);
            if let Some(pos) = CLAUSE_ENDS
                .iter()
                .filter_map(|c| outside_title.rfind(c).map(|p| p + c.len()))
                .max()
                && pos < text.len()
                && !(text[..pos].contains('或') && self.alternatives(item, &text).is_some())
            {
                let clause = text[..pos].to_owned();
                how.push(How::QualifierRemoved {
                    what: clause.clone(),
                });
                // 其中一方的…颁发的: the persons before 的 own the document; the rest is the clause.
                let cp = strip_persons(&clause);
                if cp.consumed.ends_with('的') && !cp.rest.is_empty() {
                    if !cp.roles.is_empty() {
                        q.role = Some(cp.roles.join("、"));
                    }
                    if !cp.others.is_empty() {
                        holder_words = Some(cp.others.clone());
                    }
                    q.clause = Some(cp.rest.clone());
                } else {
                    q.clause = Some(clause);
                }
                text = text[pos..].to_owned();
            }
            let p = strip_persons(&text);
            if !p.rest.is_empty() && !p.consumed.is_empty() {
                if !p.roles.is_empty() {
                    q.role = Some(p.roles.join("、"));
                    how.push(How::QualifierRemoved {
                        what: p.roles.join("、"),
                    });
                }
                if !p.others.is_empty() {
                    holder_words = Some(p.others.clone());
                }
                parties = p.parties.clone();
                if let Some(i) = party
                    && let Some(one) = parties.get(i)
                {
                    holder_words = one.as_ref().map(|w| vec![w.clone()]);
                    how.push(How::Distributed {
                        persons: parties
                            .iter()
                            .map(|p| p.clone().unwrap_or_else(|| "本人".to_owned()))
                            .collect(),
                    });
                }
                text = p.rest.clone();
            }
            // 原件/复印件 after A或B applies to every alternative.
            for (phrase, meaning) in COPY_FORMS {
                if let Some(r) = text.strip_suffix(phrase).filter(|r| !r.is_empty()) {
                    q.copy.get_or_insert(meaning);
                    how.push(How::QualifierRemoved {
                        what: (*phrase).to_owned(),
                    });
                    text = r.trim_end_matches('的').to_owned();
                    break;
                }
            }
            // (或B): an alternative in parentheses.
            let mut parts: Vec<String> = Vec::new();
            if let Some(open) = text.find("(或")
                && let Some(close) = text[open..].find(')').map(|c| open + c)
            {
                let inner = text[open + 4..close].to_owned();
                let outer = format!("{}{}", &text[..open], &text[close + 1..]);
                parts.push(outer);
                parts.extend(split_or(&inner));
            }
            // 身份证明（居民身份证、户口簿、护照等）: examples of a category are its accepted set.
            if parts.is_empty()
                && let Some(open) = text.find('(')
                && text.ends_with(')')
                && let Some((items, etc)) =
                    self.examples(item, &text[..open], &text[open + 1..text.len() - 1])
            {
                parts = items;
                if etc {
                    vague = true;
                    how.push(How::Vague);
                }
            }
            // 《离婚证》（生效的离婚判决书或者离婚调解书）: documents accepted instead, in brackets.
            if parts.is_empty()
                && let Some(open) = trailing_remark(&text)
            {
                let inner = &text[open + 1..text.len() - 1];
                let outer = &text[..open];
                if inner.contains('或')
                    && !inner.contains(['和', '及', '、', ','])
                    && (looks_like_document(outer)
                        || self.lookup(item, &normalize(outer)).is_some())
                    && let Some(more) = self.alternatives(item, inner)
                {
                    parts.push(outer.to_owned());
                    parts.extend(more);
                }
            }
            if parts.is_empty() {
                parts = self
                    .alternatives(item, &text)
                    .unwrap_or_else(|| vec![text.clone()]);
            }
            let mut alts: Vec<Alt> = parts
                .iter()
                .filter(|a| !a.is_empty())
                .map(|a| self.alternative(item, a, &mut q, &mut how))
                .collect();
            if alts.is_empty() {
                alts.push(self.alternative(item, &text, &mut q, &mut how));
            }
            alts
        };
        let vague = vague || alts.iter().any(|a| a.vague);
        if vague && !how.contains(&How::Vague) {
            how.push(How::Vague);
        }
        // The applicant's own piece of 本人及配偶身份证 inherits no holder.
        let inherited = if party.is_some() { None } else { inherited };
        let mut out = self.finish(shown, alts, q, how, vague, holder_words, inherited);
        out.parties = if party.is_some() { 0 } else { parties.len() };
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        text: String,
        alts: Vec<Alt>,
        q: Qualifiers,
        mut how: Vec<How>,
        vague: bool,
        holder_words: Option<Vec<String>>,
        inherited: Option<&[String]>,
    ) -> PieceOut {
        let o = self.ontology;
        for a in &alts {
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
        let accepts: Vec<String> = {
            let mut v: Vec<String> = Vec::new();
            for a in &alts {
                let n = match &a.hit {
                    Some((_, name, _)) => name.clone(),
                    None => a.core.clone(),
                };
                if !v.contains(&n) {
                    v.push(n);
                }
            }
            v
        };
        if accepts.len() > 1 {
            how.push(How::Alternative {
                of: accepts.clone(),
            });
        }
        // A form is the item's own whatever its title: its title is a wording, not a document.
        let accepts = if alts.iter().any(|a| a.form) {
            Vec::new()
        } else {
            accepts
        };
        let kept_apart = alts.iter().any(|a| {
            o.is_kept_apart(&a.core)
                || a.hit
                    .as_ref()
                    .is_some_and(|(_, n, _)| o.is_kept_apart(&normalize(n)))
        });
        // The requirement: the item's form; else the category most alternatives belong to; else
        // the document; else the wording.
        let first = &alts[0];
        let (mut key, mut name, mut primary) = if alts.iter().any(|a| a.form) {
            let form = alts.iter().find(|a| a.form).expect("a form");
            ("§form".to_owned(), form.core.clone(), true)
        } else {
            let mut cats: Vec<(usize, usize)> = Vec::new();
            for a in &alts {
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
            // 主体资格证明或身份证明: the broader category covers the other.
            if let Some(&top) = winners
                .iter()
                .find(|&&w| winners.iter().all(|&x| x == w || o.is_ancestor(w, x)))
            {
                winners = vec![top];
            }
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
                    let primary = o.primary(*c).is_some_and(|p| {
                        alts.iter()
                            .any(|a| a.hit.as_ref().is_some_and(|h| h.0 == p))
                    }) || alts
                        .iter()
                        .any(|a| a.hit.as_ref().is_some_and(|h| h.0 == *c));
                    (normalize(&cat.name), cat.name.clone(), primary)
                }
                [] => {
                    how.push(How::Wording);
                    (format!("~{}", first.core), first.core.clone(), false)
                }
                _ => {
                    let mut names: Vec<String> = accepts.clone();
                    names.sort();
                    let joined = names.join("或");
                    (format!("~{}", normalize(&joined)), joined, false)
                }
            }
        };
        // In one guide, a second piece of a category (户口簿 next to 身份证) is its own requirement.
        let mut fallbacks: Vec<(String, String)> = Vec::new();
        if let Some((id, n, _)) = &first.hit {
            let doc = normalize(&o.entries[*id].name);
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
            fallbacks.push((wording, text.clone()));
        }
        // An identity document right after another person's document is theirs too
        // (法定代表人的任职文件及身份证件复印件); other documents are not (…身份证、委托书).
        let identity = o
            .lookup("", None, "身份证明")
            .is_some_and(|h| key == normalize(&h.entry.name));
        let identity = identity && !alts.iter().any(|a| a.prefixed);
        let inherits = holder_words.is_none() && identity && inherited.is_some();
        let holder_words =
            holder_words.or_else(|| inherited.filter(|_| identity).map(<[String]>::to_vec));
        let holder = holder_words.map(|w| w.join("、"));
        if let Some(h) = &holder {
            how.push(How::OtherPerson { holder: h.clone() });
            key = format!("{h}|{key}");
            // A wording that already names its holder (合伙人的主体资格证明…) is shown as written.
            let owned = |n: &str| {
                if n.contains(h.as_str()) {
                    n.to_owned()
                } else {
                    format!("{h}的{n}")
                }
            };
            name = owned(&name);
            for f in &mut fallbacks {
                f.0 = format!("{h}|{}", f.0);
                f.1 = owned(&f.1);
            }
            primary = true;
        }
        let holder_words_out = holder
            .as_ref()
            .map(|h| h.split('、').map(str::to_owned).collect());
        PieceOut {
            piece: Piece {
                text,
                requirement: key,
                name,
                accepts,
                holder,
                qualifiers: q,
                vague,
                how,
                fallbacks,
                primary,
            },
            holder_words: holder_words_out,
            parties: 0,
            inherited: inherits,
        }
    }
}

struct PieceOut {
    piece: Piece,
    holder_words: Option<Vec<String>>,
    /// How many persons share the wording (本人及配偶身份证: 2); 0 or 1 when not shared.
    parties: usize,
    /// Whether the holder came from the piece before (法定代表人的任职文件及身份证件).
    inherited: bool,
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

fn segments_sep(segments: &[Segment], i: usize) -> Sep {
    segments.get(i).map_or(Sep::Start, |s| s.sep)
}

/// Adds another piece's documents to an A或B piece (`other_first`: it was listed before).
fn absorb(into: &mut Piece, other: Piece, other_first: bool) {
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

/// Joins segments that are not requirements of their own: a list of persons before a document
/// (股东、发起人的主体资格证明), a modifier list (工商、民政等部门出具的…), a phrase that names no
/// document (个人基本信息和失业原因).
fn merge_segments(segments: &mut Vec<Segment>, reader: &Reader<'_>, item: ItemRef<'_>) {
    let mut i = 0;
    while i + 1 < segments.len() {
        let a = prepare(&segments[i].text);
        let b = prepare(&segments[i + 1].text);
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
        let modifier = !known && !looks_like_document(&a) && segments[i].copy.is_none();
        if persons_only || person_list || modifier {
            let next = segments.remove(i + 1);
            let seg = &mut segments[i];
            seg.text = format!("{}{}{}", seg.text.trim(), next.sep_text, next.text.trim());
            seg.copy = seg.copy.or(next.copy);
            continue;
        }
        i += 1;
    }
}

/// The requirement each piece of one guide stands for, in order: a piece keeps its requirement
/// unless another piece of the guide, offering a different document, already holds it (户口簿 listed
/// next to 身份证 is its own requirement; the piece offering the category's first document keeps
/// the category). The same document listed twice keeps one requirement (a duplicate).
pub(crate) fn assign<'p>(pieces: &[&'p Piece]) -> Vec<(&'p str, &'p str)> {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    // Primary pieces first; then by what they accept, so the listing order never decides.
    order.sort_by(|&a, &b| {
        (!pieces[a].primary)
            .cmp(&!pieces[b].primary)
            .then_with(|| pieces[a].accepts.cmp(&pieces[b].accepts))
    });
    let mut taken: Vec<(&str, &[String])> = Vec::new();
    let mut out: Vec<(&str, &str)> = vec![("", ""); pieces.len()];
    for i in order {
        let p = pieces[i];
        let candidates = std::iter::once((p.requirement.as_str(), p.name.as_str()))
            .chain(p.fallbacks.iter().map(|(k, n)| (k.as_str(), n.as_str())));
        let mut chosen = None;
        for (k, n) in candidates.clone() {
            match taken.iter().find(|(t, _)| *t == k) {
                None => {
                    chosen = Some((k, n));
                    break;
                }
                // The same documents again: a duplicate of one requirement.
                Some((_, docs)) if *docs == p.accepts.as_slice() => {
                    chosen = Some((k, n));
                    break;
                }
                Some(_) => {}
            }
        }
        let (k, n) = chosen.unwrap_or_else(|| candidates.last().expect("one candidate"));
        taken.push((k, p.accepts.as_slice()));
        out[i] = (k, n);
    }
    out
}

#[cfg(test)]
mod tests;
