//! Code arithmetic shared by rules: the GB 32100 统一社会信用代码 check character.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_pass() {
        // From the Guangxi 实施编码 in shared/domain/README.md §4.
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
