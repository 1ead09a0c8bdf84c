//! `Source`: one input file's decoded text and the path it is shown under.
//! It owns line/column arithmetic over byte offsets; nothing else computes line or column.
//!
//! One definition of a position everywhere: lines end at `\n`, `\r\n` or a lone `\r` (YAML 1.2's
//! line breaks); columns count Unicode scalar values, 1-based. Line starts are indexed once per
//! file, so each lookup is a binary search (a file with 100,000 findings stays linear).

use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A decoded input file: the text every span points into.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown to the user (relative to where tongban was run when possible).
    pub name: String,
    /// The file's text, decoded to UTF-8, without a byte-order mark.
    pub text: Arc<str>,
    /// Line starts and character counts, built on first use (shared by clones).
    index: Arc<OnceLock<Index>>,
}

/// What makes a position lookup O(log n): line starts, and the number of characters before every
/// [`MARK_EVERY`]th byte (so a column on a 10 MB line costs a short count, not a scan).
#[derive(Debug, Default)]
struct Index {
    starts: Vec<usize>,
    ascii: bool,
    /// (byte offset on a char boundary, characters before it), increasing.
    marks: Vec<(usize, usize)>,
}

const MARK_EVERY: usize = 1024;

impl Index {
    fn new(text: &str) -> Index {
        let ascii = text.is_ascii();
        let mut marks = Vec::new();
        if !ascii {
            let mut chars = 0;
            let mut at = 0;
            while at < text.len() {
                marks.push((at, chars));
                let next = floor_boundary(text, at + MARK_EVERY);
                let next = if next <= at {
                    at + text[at..].chars().next().map_or(1, char::len_utf8)
                } else {
                    next
                };
                chars += text[at..next].chars().count();
                at = next;
            }
        }
        Index {
            starts: line_starts(text),
            ascii,
            marks,
        }
    }

    /// Characters before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.ascii {
            return offset;
        }
        let k = self.marks.partition_point(|&(b, _)| b <= offset);
        let (b, c) = k.checked_sub(1).map_or((0, 0), |k| self.marks[k]);
        c + text[b..offset].chars().count()
    }
}

/// A 1-based line/column position; columns count Unicode scalar values, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// The largest char boundary of `text` at or before `offset` (clamped to the text).
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A byte range made safe to slice `text` with: both ends inside the text, on char boundaries,
/// start ≤ end. Every renderer passes spans through this, so no finding can make one panic.
pub(crate) fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_boundary(text, span.start);
    let end = floor_boundary(text, span.end).max(start);
    start..end
}

/// Byte offsets at which lines start: 0, then after every `\n`, `\r\n` and lone `\r`.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\n' => starts.push(k + 1),
            b'\r' if bytes.get(k + 1) != Some(&b'\n') => starts.push(k + 1),
            _ => {}
        }
        k += 1;
    }
    starts
}

impl Source {
    /// Creates a source from a display name and decoded text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            index: Arc::default(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.text))
    }

    /// Byte offsets of the line starts (see [`line_starts`]), computed once.
    pub fn line_starts(&self) -> &[usize] {
        &self.index().starts
    }

    /// The 0-based index of the line holding byte `offset` (clamped to the text).
    pub fn line_index(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        let offset = offset.min(self.text.len());
        starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The byte range of 0-based line `index`, without its line break.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let starts = self.line_starts();
        let text = &*self.text;
        let Some(&start) = starts.get(index) else {
            return text.len()..text.len();
        };
        let mut end = starts.get(index + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && end <= bytes.len() && index + 1 < starts.len() {
            // Drop the break: `\n`, `\r\n` or `\r`.
            if bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        start..end
    }

    /// The 1-based position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let text = &*self.text;
        let offset = floor_boundary(text, offset);
        let line = self.line_index(offset);
        let start = self.line_starts()[line].min(offset);
        let index = self.index();
        Position {
            line: line + 1,
            column: index.chars_before(text, offset) - index.chars_before(text, start) + 1,
        }
    }

    /// Start and end positions of a byte range.
    pub fn range(&self, span: &Range<usize>) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }
}

/// Whether `c` must never reach a terminal raw: control characters (C0 but tab and line feed,
/// carriage return included, DEL, C1), the Unicode line and paragraph separators, and the
/// bidirectional overrides and isolates that can make text read differently than it is, and the
/// two non-characters XML cannot hold.
pub(crate) fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{fffe}' | '\u{ffff}')
}

/// How an escaped character is shown: C0 controls and DEL as their Unicode control pictures
/// (`␛`, `␀`), everything else as `\u{…}`.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match u32::from(c) {
        n @ 0..=0x1f => out.push(char::from_u32(0x2400 + n).unwrap_or('\u{fffd}')),
        0x7f => out.push('\u{2421}'),
        n => {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{n:x}}}");
        }
    }
}

/// `text` with every character of [`needs_escape`] escaped (tab and line feed are kept).
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A path as shown to the user: as written when it is UTF-8 (controls escaped), else with each
/// byte that is not UTF-8 written `\xNN` (never a replacement character, which would make two
/// different names look alike).
pub(crate) fn display_path(path: &std::path::Path) -> String {
    // In a name, a line break or tab is as hostile as any control: escape them too.
    fn escape_controls(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if needs_escape(c) || c == '\n' || c == '\t' {
                push_escaped(&mut out, c);
            } else {
                out.push(c);
            }
        }
        out
    }
    if let Some(s) = path.to_str() {
        return escape_controls(s);
    }
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&escape_controls(chunk.valid()));
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        escape_controls(&path.display().to_string()).into_owned()
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

/// Removes `.` and resolves `..` without touching the file system.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` with `/` separators, when it is inside `base`.
pub fn relative_to(path: &Path, base: &Path, cwd: &Path) -> Option<String> {
    let abs = lexical(&cwd.join(path));
    let base = lexical(&cwd.join(base));
    let rel = abs.strip_prefix(&base).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
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

    #[test]
    fn line_index_counts_every_break_the_same_way() {
        // Regression: CR-only breaks gave different lines in the human output and the others.
        let s = Source::new("x", "a\nb\r\nc\rd名e\r\n");
        assert_eq!(s.line_starts(), &[0, 2, 5, 7, 14]);
        assert_eq!(s.position(7), Position { line: 4, column: 1 });
        assert_eq!(s.position(11), Position { line: 4, column: 3 });
        assert_eq!(&s.text[s.line_range(1)], "b");
        assert_eq!(&s.text[s.line_range(2)], "c");
        assert_eq!(&s.text[s.line_range(3)], "d名e");
        assert_eq!(s.line_range(4), 14..14);
        assert_eq!(s.line_range(9), 14..14);
    }

    #[test]
    fn line_index_is_a_binary_search_over_line_starts() {
        // Regression: every finding rescanned the text from the start (quadratic in findings).
        let text = "k: 1\n".repeat(1000);
        let s = Source::new("x", text);
        assert_eq!(s.line_starts().len(), 1001);
        for line in [0usize, 1, 499, 999] {
            let at = line * 5 + 3;
            assert_eq!(
                s.position(at),
                Position {
                    line: line + 1,
                    column: 4
                }
            );
            assert_eq!(s.line_index(at), line);
        }
        assert_eq!(
            s.position(usize::MAX),
            Position {
                line: 1001,
                column: 1
            }
        );
    }

    #[test]
    fn offsets_off_a_char_boundary_or_past_the_end_are_clamped() {
        let s = Source::new("x", "名称");
        assert_eq!(s.position(1), Position { line: 1, column: 1 });
        assert_eq!(s.position(99), Position { line: 1, column: 3 });
        assert_eq!(clamp_span(&s.text, &(1..99)), 0..6);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..2;
        assert_eq!(clamp_span(&s.text, &reversed), 3..3);
    }

    #[test]
    fn controls_are_escaped_for_display() {
        assert_eq!(
            escape_controls("a\u{1b}[2Jb\tc\nd\re\u{0}"),
            "a\u{241b}[2Jb\tc\nd\u{240d}e\u{2400}"
        );
        assert_eq!(escape_controls("x\u{9b}y\u{202e}z"), "x\\u{9b}y\\u{202e}z");
        assert!(matches!(
            escape_controls("名称"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn columns_on_a_long_multibyte_line_match_a_plain_count() {
        let text = format!("a: {}\nb: {}x\n", "名".repeat(3000), "é".repeat(1500));
        let s = Source::new("x", text.clone());
        for (at, _) in text.char_indices().step_by(97) {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(
                s.position(at).column,
                text[start..at].chars().count() + 1,
                "{at}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_file_names_are_shown_escaped() {
        // Regression: such names were shown with replacement characters.
        use std::os::unix::ffi::OsStrExt;
        let p = std::path::Path::new(std::ffi::OsStr::from_bytes(
            b"dir/\xff\xfe\xe5\x90\x8d.yaml",
        ));
        assert_eq!(display_path(p), "dir/\\xff\\xfe\u{540d}.yaml");
        assert_eq!(
            display_path(std::path::Path::new("a\u{1b}b.yaml")),
            "a\u{241b}b.yaml"
        );
    }
}
