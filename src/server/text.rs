//! Positions and addresses: byte offsets ↔ LSP line/character (UTF-16 by default, UTF-8 when
//! the client offers it), and `file:` URIs ↔ paths.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Bytes.
    Utf8,
}

/// Line starts of a text, for converting offsets.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            encoding,
        }
    }

    /// The LSP position of byte `offset` (clamped to the text and a character boundary).
    pub fn position(&self, offset: usize) -> lsp_types::Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        lsp_types::Position::new(line as u32, character as u32)
    }

    /// The LSP range of a byte range.
    pub fn range(&self, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position (clamped to its line).
    pub fn offset(&self, pos: lsp_types::Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(self.text.len(), |&e| e);
        let line = &self.text[start..end];
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= want || c == '\n' {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }
}

/// The path of a `file:` URI (percent-decoded), if it is one.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///C:/x` on Windows; `file:///x` elsewhere. An authority (`file://host/x`) is not local.
    let path = rest.strip_prefix('/').map(|p| format!("/{p}"))?;
    let bytes = percent_decode(&path);
    let decoded = String::from_utf8(bytes).ok()?;
    #[cfg(windows)]
    let decoded = decoded
        .strip_prefix('/')
        .filter(|p| p.as_bytes().get(1) == Some(&b':'))
        .map_or(decoded.clone(), str::to_owned);
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(h) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// A `file:` URI for a path (percent-encoding everything but unreserved characters and `/`).
pub fn path_to_uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_count_chinese_as_one_unit() {
        let text = "item:\n  name: 合伙企业\n";
        let idx = LineIndex::new(text, Encoding::Utf16);
        let at = text.find("企业").unwrap();
        assert_eq!(idx.position(at), lsp_types::Position::new(1, 10));
        assert_eq!(idx.offset(lsp_types::Position::new(1, 10)), at);
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(at), lsp_types::Position::new(1, 14));
        assert_eq!(utf8.offset(lsp_types::Position::new(1, 14)), at);
    }

    #[test]
    fn offsets_past_a_line_end_clamp_to_it() {
        let text = "a: 1\nb: 2\n";
        let idx = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(idx.offset(lsp_types::Position::new(0, 99)), 4);
        assert_eq!(idx.offset(lsp_types::Position::new(9, 0)), text.len());
    }

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/tmp/指南 a/g.yaml");
        let uri = path_to_uri(p);
        assert!(uri.starts_with("file:///tmp/"), "{uri}");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(p));
        assert!(uri_to_path("untitled:1").is_none());
    }
}
