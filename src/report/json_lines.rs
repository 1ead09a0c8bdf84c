//! JSON Lines output: one finding per line, as in the JSON format, and nothing else.

use std::io::Write;

use super::json::JsonFinding;
use crate::diagnostic::FileReport;
use crate::error::Error;

/// Writes one JSON object per finding.
pub struct Printer<'w> {
    out: &'w mut dyn Write,
}

impl<'w> Printer<'w> {
    /// A printer on `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        Printer { out }
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport) -> Result<(), Error> {
        let mut line = Vec::new();
        for f in &report.findings {
            line.clear();
            serde_json::to_writer(&mut line, &JsonFinding::new(&report.source, f))
                .map_err(std::io::Error::from)?;
            self.out.write_all(&escape_line_breaks(&line))?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// JSON text with U+0085, U+2028 and U+2029 written as `\u` escapes: valid JSON either way,
/// but readers that split lines on them (Python's `str.splitlines`, JavaScript before ES2019)
/// would cut a record in two. They only occur inside strings, where the escape means the same.
fn escape_line_breaks(json: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let suspect = |w: &[u8]| matches!(w, [0xC2, 0x85, ..] | [0xE2, 0x80, 0xA8 | 0xA9]);
    if !json.windows(3).any(suspect) && !json.ends_with(&[0xC2, 0x85]) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut i = 0;
    while i < json.len() {
        match &json[i..] {
            [0xC2, 0x85, ..] => {
                out.extend_from_slice(b"\\u0085");
                i += 2;
            }
            [0xE2, 0x80, b @ (0xA8 | 0xA9), ..] => {
                out.extend_from_slice(if *b == 0xA8 { b"\\u2028" } else { b"\\u2029" });
                i += 3;
            }
            [b, ..] => {
                out.push(*b);
                i += 1;
            }
            [] => break,
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_carried_raw_u0085_and_u2028() {
        let json =
            serde_json::to_vec(&serde_json::json!({"m": "a\u{85}b\u{2028}c\u{2029}d名"})).unwrap();
        let escaped = escape_line_breaks(&json);
        assert_eq!(
            std::str::from_utf8(&escaped).unwrap(),
            r#"{"m":"a\u0085b\u2028c\u2029d名"}"#
        );
        let back: serde_json::Value = serde_json::from_slice(&escaped).unwrap();
        assert_eq!(back["m"], "a\u{85}b\u{2028}c\u{2029}d名");
    }
}
