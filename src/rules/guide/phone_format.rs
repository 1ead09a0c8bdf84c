//! TB217: consultation and complaint phone numbers are dialable numbers.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB217 phone-format.
pub(super) struct PhoneFormat;

static DEF: Def = Def {
    check: Check {
        code: "TB217",
        name: "phone-format",
        severity: Severity::Warning,
        kind: Kind::Guide,
        summary_zh: "咨询或投诉电话格式不正确",
        summary_en: "consultation or complaint phone number is malformed",
        doc: Doc {
            what: Text {
                zh: r#"检查 `contact.consultation_phone`（咨询电话）和 `contact.complaint_phone`（投诉电话）。多个号码可用 、，,；; / 或“或”分隔。每个号码必须是以下之一：
* 带区号的固定电话：`0` + 2–3 位（010、020–029）或 3 位（0311……），再接 7–8 位，例如 `0731-85693039`、`(010)12345678`；后面可接分机号，写作 `-8001` 或 `转8001`；
* 手机号码，11 位，以 13–19 开头；
* 以 12 开头的 5 位政务热线（12345、12315、12366……）或 95xxx/96xxx 服务号码，可单独写，也可写在区号之后（`0731-12345` 拨通的是另一城市的 12345）；
* 400/800 号码（10 位）。
各部分之间只能用 ASCII 数字、`-`、空格和括号分隔。"#,
                en: r#"Checks `contact.consultation_phone` (咨询电话) and `contact.complaint_phone` (投诉电话).
Several numbers may be separated by 、，,；; / 或. Each must be one of:

* a fixed line with its area code: `0` + 2–3 digits (010, 020–029) or 3 digits (0311 …),
  then 7–8 digits, e.g. `0731-85693039`, `(010)12345678`; an extension may follow as
  `-8001` or `转8001`;
* a mobile number, 11 digits starting 13–19;
* a 5-digit government hotline starting 12 (12345, 12315, 12366 …) or a 95xxx/96xxx service
  number, alone or after an area code (`0731-12345` reaches another city's 12345);
* a 400/800 number (10 digits).

Only ASCII digits, `-`, spaces and parentheses may separate the parts."#,
            },
            why: Text {
                zh: "电话号码是其他地区的申请人联系办理机构的途径——这正是跨省通办的意义所在。没有区号的号码在外地拨不通；用 `-` 以外的横线（如 `—`）会让移动端门户的点击拨号失效，也通不过国家平台的校验。",
                en: r#"The phone number is how applicants in other regions reach the office — the point of
跨省通办. A number without area code cannot be dialled from elsewhere; a number with a dash
that is not `-` (such as `—`) breaks click-to-call on the mobile portal and the national
platform's validation."#,
            },
            example: Sample::yaml(
                r#"
contact:
  consultation_phone: 85693039
  complaint_phone: 023—65751638
"#,
            ),
            instead: Sample::yaml(
                r#"
contact:
  consultation_phone: 0731-85693039
  complaint_phone: 023-65751638
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

/// Why a phone number is not dialable.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PhoneError {
    /// A character that is not a digit or an allowed separator.
    Character(char),
    /// 7–8 digits without an area code.
    NoAreaCode,
    /// Digits that form no known kind of number.
    Shape,
}

/// Checks one number (no list separators).
pub(super) fn check_number(s: &str) -> Result<(), PhoneError> {
    let s = s.trim();
    let (main, ext) = match s.split_once('转') {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    if let Some(e) = ext
        && (e.is_empty() || !e.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(e
            .chars()
            .find(|c| !c.is_ascii_digit())
            .map_or(PhoneError::Shape, PhoneError::Character));
    }
    let mut groups: Vec<&str> = Vec::new();
    for g in main.split(['-', ' ', '(', ')', '（', '）']) {
        if g.is_empty() {
            continue;
        }
        if let Some(c) = g.chars().find(|c| !c.is_ascii_digit()) {
            return Err(PhoneError::Character(c));
        }
        groups.push(g);
    }
    let mut digits: String = groups.concat();
    if groups.len() >= 3 && digits.starts_with('0') && groups.last().is_some_and(|g| g.len() <= 5) {
        let last = groups.pop().unwrap_or_default();
        digits.truncate(digits.len() - last.len());
    }
    let n = digits.len();
    let ok = match digits.as_bytes() {
        [b'1', b'2', ..] if n == 5 => true,
        [b'9', b'5' | b'6', ..] if (5..=6).contains(&n) => true,
        [b'1', b'3'..=b'9', ..] if n == 11 => true,
        [b'4' | b'8', b'0', b'0', ..] if n == 10 => true,
        // Area code + a 5-digit hotline: how 12345 of another city is dialled.
        [b'0', b'1' | b'2', rest @ ..] if rest.len() == 6 => hotline(&rest[1..]),
        [b'0', _, _, _, rest @ ..] if rest.len() == 5 => hotline(rest),
        [b'0', b'1' | b'2', ..] => (10..=11).contains(&n),
        [b'0', ..] => (11..=12).contains(&n),
        [b'1'..=b'9', ..] if (7..=8).contains(&n) => return Err(PhoneError::NoAreaCode),
        _ => false,
    };
    if ok { Ok(()) } else { Err(PhoneError::Shape) }
}

/// A 5-digit government hotline (123xx) or service number (95xxx/96xxx).
fn hotline(d: &[u8]) -> bool {
    d.len() == 5 && (d.starts_with(b"12") || d.starts_with(b"95") || d.starts_with(b"96"))
}

impl Rule for PhoneFormat {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (key, zh_title, en_title) in [
            ("consultation_phone", "咨询电话", "consultation phone"),
            ("complaint_phone", "投诉电话", "complaint phone"),
        ] {
            let pointer = format!("/contact/{key}");
            let value = match cx.get(&pointer) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => continue,
            };
            for number in value.split(['、', '，', ',', '；', ';', '/', '或']) {
                let number = number.trim();
                if number.is_empty() {
                    continue;
                }
                let Err(e) = check_number(number) else {
                    continue;
                };
                let (zh, en) = match e {
                    PhoneError::Character(c) => (
                        format!("{zh_title}“{number}”含有不应出现的字符“{c}”"),
                        format!("{en_title} `{number}` contains `{c}`"),
                    ),
                    PhoneError::NoAreaCode => (
                        format!("{zh_title}“{number}”缺少区号，外地申请人无法拨打"),
                        format!(
                            "{en_title} `{number}` has no area code; callers from other regions cannot dial it"
                        ),
                    ),
                    PhoneError::Shape => (
                        format!("{zh_title}“{number}”不是有效的电话号码"),
                        format!("{en_title} `{number}` is not a valid phone number"),
                    ),
                };
                out.push(cx.finding(&DEF, &pointer, zh, en).with_help(cx.pick(
                    "写成“区号-号码”（如 0731-85693039）、11 位手机号或 12345 等热线；分机用“-8001”或“转8001”；说明文字写在 consultation/complaint",
                    "write `area code-number` (e.g. 0731-85693039), an 11-digit mobile or a hotline such as 12345; extensions as -8001 or 转8001; put prose in consultation/complaint",
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for ok in [
            "0731-85693039",
            "023-43402229",
            "12345",
            "12356",
            "(010)12345678",
            "010-12345678-8001",
            "0731-85693039转8001",
            "010-12345",
            "0731-12345",
            "13812345678",
            "400-810-1234",
            "95598",
        ] {
            assert_eq!(check_number(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            check_number("023—65751638"),
            Err(PhoneError::Character('—'))
        );
        assert_eq!(check_number("85693039"), Err(PhoneError::NoAreaCode));
        assert_eq!(check_number("0731-856"), Err(PhoneError::Shape));
        assert_eq!(check_number("0731-45678"), Err(PhoneError::Shape));
        assert_eq!(check_number("电话"), Err(PhoneError::Character('电')));
    }
}
