//! Scalars: YAML 1.2 core schema resolution of plain scalars (null, bool, int, float), number overflow.

use super::*;

/// Resolves a scalar by the YAML 1.2 core schema (so `no` stays a string and `0755` is a number).
pub(crate) fn resolve_scalar(
    raw: std::borrow::Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Value {
    // Strings move out of the event (no second copy when the scanner already owns them).
    let string = |raw: std::borrow::Cow<'_, str>| Value::String(raw.into_owned());
    if let Some(tag) = tag {
        if !tag.is_yaml_core_schema() {
            // The non-specific tag `!` (as in `! 12`) makes a scalar a string (YAML 1.2,
            // 6.9.1); so does any application tag, which tongban does not interpret.
            return string(raw);
        }
        return match tag.suffix.as_str() {
            "null" => Value::Null,
            "bool" => parse_bool(&raw).map_or_else(|| string(raw), Value::Bool),
            "int" | "float" => parse_number(&raw).unwrap_or_else(|| string(raw)),
            _ => string(raw),
        };
    }
    if style != ScalarStyle::Plain {
        return string(raw);
    }
    match &*raw {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    if let Some(b) = parse_bool(&raw) {
        return Value::Bool(b);
    }
    parse_number(&raw).unwrap_or_else(|| string(raw))
}

/// Whether a scalar reads as a number (by the core schema, as [`resolve_scalar`] resolves it)
/// too large for a 64-bit float, like `1e400`: it cannot become JSON data, so it is kept as a
/// string and reported.
pub(crate) fn number_overflows(raw: &str, style: ScalarStyle, tag: Option<&Tag>) -> bool {
    let numeric = match tag {
        Some(t) => t.is_yaml_core_schema() && matches!(t.suffix.as_str(), "int" | "float"),
        None => style == ScalarStyle::Plain,
    };
    // Every number starts with a digit, a sign or a point (hexadecimal and octal with `0`): the
    // common non-numeric scalar (Chinese text) is settled by its first byte, not by a scan.
    if !numeric
        || !matches!(
            raw.as_bytes().first(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.')
        )
    {
        return false;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(digits) = raw.strip_prefix(prefix) {
            return !digits.is_empty()
                && digits.chars().all(|c| c.is_digit(radix))
                && u64::from_str_radix(digits, radix).is_err();
        }
    }
    number_syntax(raw) && parse_number(raw).is_none()
}

/// YAML 1.2 core-schema integer or float syntax (`.inf` and `.nan` aside).
pub(super) fn number_syntax(raw: &str) -> bool {
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (!a.is_empty() || !b.is_empty())
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|c| c.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|c| c.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

pub(super) fn parse_bool(raw: &str) -> Option<bool> {
    match raw {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

pub(super) fn parse_number(raw: &str) -> Option<Value> {
    let bytes = raw.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = raw.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(oct) = raw.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).ok().map(Value::from);
    }
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = raw.parse::<i64>() {
            return Some(Value::from(i));
        }
        if let Ok(u) = digits.parse::<u64>()
            && !raw.starts_with('-')
        {
            return Some(Value::from(u));
        }
        return raw
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    // Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?; .inf and .nan have no JSON form.
    let valid_float = number_syntax(raw);
    if valid_float {
        raw.parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
    } else {
        None
    }
}
