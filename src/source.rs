//! `Source`: one input file's decoded text and the path it is shown under.
//! It owns line/column arithmetic over byte offsets; nothing else computes line or column.

use std::ops::Range;
use std::sync::Arc;

/// A decoded input file: the text every span points into.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown to the user (relative to where tongban was run when possible).
    pub name: String,
    /// The file's text, decoded to UTF-8, without a byte-order mark.
    pub text: Arc<str>,
}

/// A 1-based line/column position; columns count Unicode scalar values, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl Source {
    /// Creates a source from a display name and decoded text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The 1-based position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let text = &*self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.bytes().filter(|&b| b == b'\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
        }
    }

    /// Start and end positions of a byte range.
    pub fn range(&self, span: &Range<usize>) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }
}

/// Converts the character indices reported by the YAML scanner into byte offsets.
///
/// Scanner marks arrive mostly in increasing order, so a cursor that walks forward makes the
/// conversion linear over a file; a mark behind the cursor restarts from the beginning.
pub(crate) struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    char_idx: usize,
    byte_idx: usize,
}

impl<'a> CharToByte<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharToByte {
            text,
            ascii: text.is_ascii(),
            char_idx: 0,
            byte_idx: 0,
        }
    }

    pub(crate) fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        if char_index < self.char_idx {
            self.char_idx = 0;
            self.byte_idx = 0;
        }
        let mut chars = self.text[self.byte_idx..].chars();
        while self.char_idx < char_index {
            match chars.next() {
                Some(c) => {
                    self.byte_idx += c.len_utf8();
                    self.char_idx += 1;
                }
                None => break,
            }
        }
        self.byte_idx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let s = Source::new("x", "名称: 合伙\nb: 1\n");
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        let colon = "名称".len();
        assert_eq!(s.position(colon), Position { line: 1, column: 3 });
        let b = s.text.find('b').unwrap();
        assert_eq!(s.position(b), Position { line: 2, column: 1 });
    }

    #[test]
    fn char_to_byte_walks_back_and_forth() {
        let text = "ab名c称d";
        let mut c = CharToByte::new(text);
        assert_eq!(c.byte(3), 5);
        assert_eq!(c.byte(1), 1);
        assert_eq!(c.byte(6), text.len());
        assert_eq!(c.byte(60), text.len());
    }
}
