//! Material names: normalisation (NFKC, brackets, quotes, whitespace, trailing punctuation) and
//! near-match scores (the document ontology is `ontology.rs`). A near match is only a suggestion;
//! the comparison's merges by similarity, marked for the officer, are `compare/align.rs`.

use unicode_normalization::UnicodeNormalization;

/// The NFKC form of `c` when it is known without the Unicode tables: ASCII, CJK unified
/// ideographs and the common CJK punctuation that NFKC leaves alone map to themselves; full-width
/// ASCII (U+FF01–FF5E) and the ideographic space map to their ASCII forms. None of these composes
/// with a neighbour, so a string made only of them normalises character by character.
fn simple_nfkc(c: char) -> Option<char> {
    match c {
        '\0'..='\u{7f}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{3001}'
        | '\u{3002}'
        | '\u{3008}'..='\u{3011}'
        | '\u{2014}'
        | '\u{2018}'
        | '\u{2019}'
        | '\u{201c}'
        | '\u{201d}'
        | '\u{b7}' => Some(c),
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Calls `f` with each character of the NFKC form of `s`. Guides are almost all ASCII, CJK
/// ideographs and CJK punctuation, which need no tables ([`simple_nfkc`]); anything else goes
/// through `unicode-normalization` (skipping the decomposition when the text is already NFKC).
pub(crate) fn for_each_nfkc(s: &str, mut f: impl FnMut(char)) {
    if s.chars().all(|c| simple_nfkc(c).is_some()) {
        s.chars().filter_map(simple_nfkc).for_each(f);
    } else if unicode_normalization::is_nfkc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        s.chars().for_each(f);
    } else {
        for c in s.nfkc() {
            f(c);
        }
    }
}

/// Normalises a material or item name for comparison: NFKC (full-width → half-width), book-title
/// marks 《》〈〉 and quotes removed, whitespace removed, trailing punctuation removed, ASCII
/// lower-cased. Parentheses stay (NFKC makes （） into ()): 住所（经营场所） keeps its meaning.
pub(crate) fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for_each_nfkc(name, |c| match c {
        '《' | '》' | '〈' | '〉' | '<' | '>' | '「' | '」' | '『' | '』' | '"' | '\'' | '“'
        | '”' | '‘' | '’' | '`' => {}
        '\u{200b}'..='\u{200d}' | '\u{feff}' => {}
        c if c.is_whitespace() => {}
        c => out.push(c.to_ascii_lowercase()),
    });
    let trimmed = out.trim_end_matches([
        '。', '.', ',', '、', ';', ':', '!', '?', '…', '·', '，', '；', '：',
    ]);
    trimmed.to_owned()
}

/// How similar two normalised names are, from 0 (nothing shared) to 1 (equal): the larger of the
/// Sørensen–Dice coefficient over character bigrams and a containment score (one name inside the
/// other, weighted by how much of the longer name it covers).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let dice = strsim::sorensen_dice(a, b);
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let (ns, nl) = (short.chars().count(), long.chars().count());
    let contained = if ns >= 2 && long.contains(short) {
        0.5 + 0.5 * ns as f64 / nl as f64
    } else {
        0.0
    };
    dice.max(contained)
}

/// Scores at or above this are reported as "possibly the same material".
pub(crate) const NEAR_MATCH_THRESHOLD: f64 = 0.6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_nfkc_agrees_with_the_unicode_tables() {
        let mut checked = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if let Some(mapped) = simple_nfkc(c) {
                let expected: String = c.to_string().nfkc().collect();
                assert_eq!(mapped.to_string(), expected, "U+{:04X}", c as u32);
                checked += 1;
            }
        }
        assert!(checked > 20_000);
        // Whole strings, mixing the fast set with characters that need the tables.
        for s in [
            "合伙企业登记（备案）申请书",
            "《营业执照》副本：１份",
            "e\u{301}tude　（ｓａｍｐｌｅ）",
            "Ⅻ号文件…",
            "ｶﾞ",
        ] {
            let mut fast = String::new();
            for_each_nfkc(s, |c| fast.push(c));
            assert_eq!(fast, s.nfkc().collect::<String>(), "{s}");
        }
    }

    #[test]
    fn normalises_width_brackets_space_punctuation() {
        assert_eq!(
            normalize(" 《合伙企业登记（备案）申请书》。"),
            "合伙企业登记(备案)申请书"
        );
        assert_eq!(normalize("ＡＢＣ　证明；"), "abc证明");
        assert_eq!(normalize("“经营场所证明”"), "经营场所证明");
        assert_eq!(normalize("〈营业执照〉 副本"), "营业执照副本");
    }

    #[test]
    fn similarity_scores() {
        assert_eq!(similarity("合伙协议", "合伙协议"), 1.0);
        assert!(similarity("合伙协议", "全体合伙人签署的合伙协议") >= NEAR_MATCH_THRESHOLD);
        assert!(similarity("结婚证", "营业执照") < NEAR_MATCH_THRESHOLD);
    }
}
