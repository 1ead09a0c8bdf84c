//! Reading a listed material as requirements: a name such as 夫妻双方居民身份证、户口簿、结婚证等有效证件
//! becomes pieces (居民身份证 · 户口簿 · 结婚证), each with the requirement it meets (身份证明, 户口簿,
//! 婚姻关系证明), the documents it accepts (A或B), the qualifiers stripped for comparison and kept as
//! attributes (the applicant's role, a signing phrase, 原件/复印件, 有效/有关, a place name in a form
//! title), whose document it is (another person's document is another requirement), whether it is a
//! catch-all, and how every step was made. Rules are about Chinese wording, not about the bundled
//! examples: the only data they use is the ontology and the GB/T 2260 names. Nothing here prints.

//!
//! The rooms: `lexicon` (the words), `split` (a name into segments and alternatives), `persons`
//! (whose document a piece is), `qualifiers` (what is stripped from one alternative), `reader`
//! (a segment into a piece and its requirement), `cache` (readings made once per wording).

use serde::Serialize;

#[cfg(test)]
use crate::data::normalize::normalize;
use crate::data::ontology::Ontology;
use crate::diagnostic::Lang;

mod cache;
mod lexicon;
mod persons;
mod qualifiers;
mod reader;
mod split;

pub(crate) use cache::Readings;

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
    /// Whether it accepts any document of its category as such (有效身份证件 for 身份证明): in one
    /// guide it is the same requirement as a piece offering the category's first document.
    #[serde(skip)]
    pub generic: bool,
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

/// Whether an accepted document's name says only who issues a proof, not what it proves
/// (证明, 有效证明, 公安部门证明, 相关部门证明材料, 法律文书): such a proof means what the condition
/// it is listed under calls for, so it identifies no requirement by itself.
pub(crate) fn is_generic_proof(name: &str) -> bool {
    let Some(stem) = lexicon::GENERIC_HEADS
        .iter()
        .filter(|h| name.ends_with(**h))
        .map(|h| &name[..name.len() - h.len()])
        .min_by_key(|s| s.len())
    else {
        return false;
    };
    let stem = stem.trim_end_matches('的');
    let stem = ["其他", "相关", "有关", "有效", "法律"]
        .iter()
        .fold(stem, |s, w| s.trim_end_matches(w));
    stem.is_empty() || lexicon::ORGANISATION_ENDS.iter().any(|e| stem.ends_with(e))
}

/// The requirement each piece of one guide stands for, in order: a piece keeps its requirement
/// unless another piece of the guide, offering a different document, already holds it (户口簿 listed
/// next to 身份证 is its own requirement; the piece offering the category's first document keeps
/// the category). The same document listed twice keeps one requirement (a duplicate).
pub(crate) fn assign<'p>(pieces: &[&'p Piece]) -> Vec<(&'p str, &'p str)> {
    assign_in_situations(pieces, &[])
}

/// [`assign`], knowing which pieces come from a material the guide lists under a condition
/// (`conditional[i]`; none when empty): two documents of one category each listed under a
/// condition are alternatives of one need in different situations (联名卡 when no 银行卡 is
/// given, 银行卡 when no 联名卡), not two requirements.
pub(crate) fn assign_in_situations<'p>(
    pieces: &[&'p Piece],
    conditional: &[bool],
) -> Vec<(&'p str, &'p str)> {
    let conditional = |i: usize| conditional.get(i).copied().unwrap_or(false);
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    // Primary pieces first; then by what they accept, so the listing order never decides.
    order.sort_by(|&a, &b| {
        (!pieces[a].primary)
            .cmp(&!pieces[b].primary)
            .then_with(|| pieces[a].accepts.cmp(&pieces[b].accepts))
    });
    // The first piece to take each requirement, by requirement: a guide of 100,000 materials
    // searched a list of those taken for each piece (quadratic: 41 s for 3 MB).
    let mut taken: std::collections::HashMap<&str, (&Piece, bool)> =
        std::collections::HashMap::with_capacity(pieces.len());
    let mut out: Vec<(&str, &str)> = vec![("", ""); pieces.len()];
    for i in order {
        let p = pieces[i];
        let candidates = std::iter::once((p.requirement.as_str(), p.name.as_str()))
            .chain(p.fallbacks.iter().map(|(k, n)| (k.as_str(), n.as_str())));
        let mut chosen = None;
        for (k, n) in candidates.clone() {
            match taken.get(k) {
                None => {
                    chosen = Some((k, n));
                    break;
                }
                // The same documents again: a duplicate of one requirement; or the category as
                // such and its first document (有效身份证件 and, in another situation, 身份证).
                Some((by, by_conditional))
                    if by.accepts == p.accepts
                        || same_need(by, p)
                        || (*by_conditional && conditional(i) && k == p.requirement) =>
                {
                    chosen = Some((k, n));
                    break;
                }
                Some(_) => {}
            }
        }
        let (k, n) = chosen.unwrap_or_else(|| candidates.last().expect("one candidate"));
        taken.entry(k).or_insert((p, conditional(i)));
        out[i] = (k, n);
    }
    out
}

/// Whether two pieces of one guide with one requirement are one need: one accepts any document
/// of the category, the other the category's first document (有效身份证件 / 持卡人身份证).
fn same_need(a: &Piece, b: &Piece) -> bool {
    a.holder == b.holder && ((a.generic && b.primary) || (b.generic && a.primary))
}

#[cfg(test)]
mod tests;
