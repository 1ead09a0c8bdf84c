//! Which findings tongban can fix, and how, as the rule docs and `docs/fixes.md` list it:
//! declared here beside the rule docs; `crate::fix` makes the edits.

use crate::diagnostic::Applicability;

/// A kind of fix, as the rule docs and `docs/fixes.md` list it.
#[derive(Debug, Clone, Copy)]
pub struct FixDoc {
    /// The codes of the findings it fixes.
    pub codes: &'static [&'static str],
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What it does, in Markdown.
    pub text: &'static str,
}

/// Every kind of fix tongban makes.
pub const FIXES: &[FixDoc] = &[
    FixDoc {
        codes: &["TB103"],
        applicability: Applicability::Safe,
        text: "Quotes a code that YAML read as a number, keeping the digits as written \
               (`basic_code: 000115015005` → `basic_code: \"000115015005\"`).",
    },
    FixDoc {
        codes: &[
            "TB105", "TB202", "TB203", "TB204", "TB205", "TB206", "TB207", "TB208",
        ],
        applicability: Applicability::Safe,
        text: "A code (`*code`) written with full-width digits or letters (`４３００００`) is rewritten \
               half-width, quoted (`\"430000\"`).",
    },
    FixDoc {
        codes: &["TB209"],
        applicability: Applicability::Safe,
        text: "Removes the duplicate list entry (all its lines) when it says exactly what the first \
               one says: every other field equal, names equal after normalisation (NFKC, 《》, \
               trailing punctuation).",
    },
    FixDoc {
        codes: &["TB209"],
        applicability: Applicability::Unsafe,
        text: "Removes a duplicate found only through the synonyms dictionary, or one whose other \
               fields (necessity, copies …) differ from the first: check what the removed entry said.",
    },
    FixDoc {
        codes: &["TB210"],
        applicability: Applicability::Safe,
        text: "Puts the form's name in 《》 (`生育服务登记表` → `《生育服务登记表》`).",
    },
    FixDoc {
        codes: &["TB210"],
        applicability: Applicability::Unsafe,
        text: "The same for a name that may not be the form's title: a bare generic word of three \
               characters or fewer (`申请书`, `登记表`) or a description (`全体合伙人签署的设立登记申请书`, \
               with 的) — find the form's real title first.",
    },
    FixDoc {
        codes: &["TB216"],
        applicability: Applicability::Safe,
        text: "Puts the law's name in 《》 when the basis names one law or regulation (it ends in \
               法, 条例, 规定, 办法, 决定, 细则 or 规则, optionally followed by an article such as \
               第九条): `中华人民共和国合伙企业法第九条` → `《中华人民共和国合伙企业法》第九条`. \
               Generic texts (相关法律法规) are left alone.",
    },
];

/// The fix documentation of one code, as a Markdown paragraph list (empty when it has none).
pub fn doc(code: &str) -> Vec<&'static FixDoc> {
    FIXES.iter().filter(|f| f.codes.contains(&code)).collect()
}
