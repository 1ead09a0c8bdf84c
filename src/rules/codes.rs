//! Code arithmetic shared by rules: the GB 32100 统一社会信用代码 check character and the
//! layout of a 实施编码 (实施主体编码 + 行使层级 + 基本编码 or 业务办理项编码); and the fix every
//! finding on a code written full-width gets, whichever check reports it.

use crate::diagnostic::{Applicability, Edit, Finding, Fix, Lang};
use crate::load::is_plain;
use crate::rules::rule::Context;

/// The 31 characters of GB 32100, in value order (no I, O, Z, S, V).
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1–17: 3^(i) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why an 18-character 统一社会信用代码 is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters.
    Length(usize),
    /// A character outside the GB 32100 alphabet, at this 0-based position.
    Character(usize, char),
    /// The 18th character should be this one.
    CheckDigit {
        /// The check character the first 17 give.
        expected: char,
        /// The one written.
        found: char,
    },
}

/// Checks an 18-character 统一社会信用代码 (GB 32100-2015 §4, check character per ISO 7064 MOD 31-3).
pub fn check_credit_code(code: &str) -> Result<(), CreditCodeError> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::Length(chars.len()));
    }
    let mut sum = 0u32;
    for (i, c) in chars.iter().enumerate() {
        let Some(v) = ALPHABET.find(*c) else {
            return Err(CreditCodeError::Character(i, *c));
        };
        if i < 17 {
            sum += v as u32 * WEIGHTS[i];
        }
    }
    let check = (31 - sum % 31) % 31;
    let expected = ALPHABET.as_bytes()[check as usize] as char;
    if chars[17] == expected {
        Ok(())
    } else {
        Err(CreditCodeError::CheckDigit {
            expected,
            found: chars[17],
        })
    }
}

/// The GB 32100 登记管理部门代码 (first character) of a 统一社会信用代码: 1 机构编制 … 9 工商,
/// A 中央军委改革和编制办公室, N 农业, Y 其他. An 18-character 实施主体编码 starting with anything
/// else (such as the `TE…` codes of 广东 镇街 stations) is an internal code, not a credit code.
const REGISTRATION_AUTHORITIES: &str = "123456789ANY";

/// Is this 18-character code meant as a 统一社会信用代码 (so its check character applies)?
pub fn meant_as_credit_code(code: &str) -> bool {
    code.chars()
        .next()
        .is_some_and(|c| REGISTRATION_AUTHORITIES.contains(c))
}

/// The parts of a 31- or 33-character 实施编码.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImplementationCode<'a> {
    /// Characters 1–18: the 实施主体编码 (usually a 统一社会信用代码).
    pub agency: &'a str,
    /// Character 19: the 行使层级 digit.
    pub level: char,
    /// Characters 20–: the 12-character 基本编码 or the 14-character 业务办理项编码.
    pub tail: &'a str,
}

/// Why a 实施编码 does not have the published layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// Neither 31 nor 33 characters.
    Length(usize),
    /// A character other than a digit or a capital letter, at this 0-based position.
    Character(usize, char),
    /// Character 19 is not a 行使层级 digit (1–6).
    Level(char),
    /// The 2-character 办理项 suffix of a 33-character code is not two digits.
    Suffix(String),
}

/// Splits a 实施编码 as published: 18-character 实施主体编码 + 1 行使层级 digit + 12-character
/// 基本编码 (31 in all) or 14-character 业务办理项编码 (33).
pub fn parse_implementation_code(code: &str) -> Result<ImplementationCode<'_>, LayoutError> {
    let n = code.chars().count();
    if n != 31 && n != 33 {
        return Err(LayoutError::Length(n));
    }
    if let Some((i, c)) = code
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_digit() || c.is_ascii_uppercase()))
    {
        return Err(LayoutError::Character(i, c));
    }
    // All ASCII from here: byte offsets are character offsets.
    let level = code.as_bytes()[18] as char;
    if !('1'..='6').contains(&level) {
        return Err(LayoutError::Level(level));
    }
    if n == 33 && !code[31..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(LayoutError::Suffix(code[31..].to_owned()));
    }
    Ok(ImplementationCode {
        agency: &code[..18],
        level,
        tail: &code[19..],
    })
}

/// The 行使层级 a level digit stands for (`use_level`: 1 国家级 … 5 乡镇级), as the schema's
/// `exercise_level` names it; `None` for 6, whose meaning no published source states.
pub fn level_name(digit: char) -> Option<&'static str> {
    Some(match digit {
        '1' => "国家级",
        '2' => "省级",
        '3' => "市级",
        '4' => "县级",
        '5' => "乡镇级",
        _ => return None,
    })
}

/// Does the pointer's last segment name a code (`basic_code`, `/region/code`)?
fn is_code_pointer(pointer: &str) -> bool {
    pointer
        .rsplit('/')
        .next()
        .is_some_and(|k| k.ends_with("code"))
}

/// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space folded to ASCII.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// The fix of a code (`*code`) written with full-width digits or letters, whichever check
/// reports it (the schema's pattern, the code rules): rewritten half-width and quoted
/// ([`crate::diagnostic::FULL_WIDTH_CODE_FIX`]). `None` when the finding is not on a code, the
/// code is already half-width, or its source is not plain or simply double-quoted.
pub(crate) fn half_width_fix(f: &Finding, cx: &Context<'_>) -> Option<Fix> {
    if !is_code_pointer(&f.pointer) {
        return None;
    }
    let s = cx.str(&f.pointer)?;
    let folded = half_width(s).trim().to_owned();
    if folded == s
        || !folded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return None;
    }
    let (range, slice) = cx.doc.source_of(&f.pointer, &cx.source.text)?;
    // Plain or double-quoted on one line; anything else (escapes, folding) is left alone.
    let quoted = slice.starts_with('"') && slice.ends_with('"') && slice.len() >= 2;
    if !(quoted && !slice[1..slice.len() - 1].contains(['\\', '"']) || is_plain(slice)) {
        return None;
    }
    Some(Fix {
        edits: vec![Edit {
            range,
            replacement: format!("\"{folded}\""),
        }],
        applicability: Applicability::Safe,
        title: match cx.lang {
            Lang::Zh => format!("改为半角：\"{folded}\""),
            Lang::En => format!("use half-width characters: \"{folded}\""),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_folds_digits_and_letters() {
        assert_eq!(half_width("４３００００"), "430000");
        assert_eq!(half_width("９１ＡＢ"), "91AB");
    }

    #[test]
    fn published_implementation_codes_parse() {
        // 广西 (33), 山东 临沂 and 广东 高州 (31), 广东 番禺 沙湾街 (31, 实施主体编码 not a credit code).
        let gx = parse_implementation_code("11450000007565194H200011501500504").unwrap();
        assert_eq!(
            (gx.agency, gx.level, gx.tail),
            ("11450000007565194H", '2', "00011501500504")
        );
        let ly = parse_implementation_code("11371300004448355A3372014917003").unwrap();
        assert_eq!((ly.level, ly.tail), ('3', "372014917003"));
        assert_eq!(check_credit_code(ly.agency), Ok(()));
        let gz = parse_implementation_code("1144098158137993544002014010001").unwrap();
        assert_eq!((gz.level, gz.tail), ('4', "002014010001"));
        assert_eq!(check_credit_code(gz.agency), Ok(()));
        let py = parse_implementation_code("TE44011350000011905442106041001").unwrap();
        assert_eq!((py.agency, py.level), ("TE4401135000001190", '5'));
        assert!(!meant_as_credit_code(py.agency));
        assert!(meant_as_credit_code(gz.agency));
    }

    #[test]
    fn wrong_layouts_are_named() {
        assert_eq!(
            parse_implementation_code("11450000007565194H2000115015005"[..30].as_ref()),
            Err(LayoutError::Length(30))
        );
        assert_eq!(
            parse_implementation_code("11450000007565194H000011501500504"),
            Err(LayoutError::Level('0'))
        );
        assert_eq!(
            parse_implementation_code("11450000007565194H2000115015005AB"),
            Err(LayoutError::Suffix("AB".into()))
        );
        assert_eq!(
            parse_implementation_code("11450000007565194h200011501500504"),
            Err(LayoutError::Character(17, 'h'))
        );
    }

    #[test]
    fn real_codes_pass() {
        // From the 广西 实施编码 published in a portal URL
        // (http://zwfw.gxzf.gov.cn/gxzwfw/workhandguide/infos.do?taskCode=11450000007565194H200011501500504).
        assert_eq!(check_credit_code("11450000007565194H"), Ok(()));
        // 国家市场监督管理总局.
        assert_eq!(check_credit_code("11100000MB0143028R"), Ok(()));
    }

    #[test]
    fn wrong_check_digit_is_caught() {
        assert!(matches!(
            check_credit_code("11450000007565194J"),
            Err(CreditCodeError::CheckDigit { expected: 'H', .. })
        ));
        assert_eq!(
            check_credit_code("1145000000756519"),
            Err(CreditCodeError::Length(16))
        );
        assert!(matches!(
            check_credit_code("1145000000756519IH"),
            Err(CreditCodeError::Character(16, 'I'))
        ));
    }
}
