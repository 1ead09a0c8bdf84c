//! A fast path for the plain block YAML that guides are almost always written in.
//!
//! Profiling a national-scale run showed the general YAML scanner taking close to half of the
//! time. Nearly every guide uses a small subset of YAML: block mappings and sequences indented
//! with spaces, single-line plain or quoted scalars, one-line flow sequences of plain scalars, and
//! comments. This module parses exactly that subset straight into a `Value`, and gives up
//! (`None`) the moment it meets anything else — tabs, anchors, aliases, tags, block scalars, flow
//! mappings, multi-line scalars, escapes, document markers, duplicate keys, odd characters — so
//! the caller falls back to the full parser, which also produces every finding with its location.
//!
//! The contract: whenever this returns `Some(value)`, the full parser yields the same value and
//! no finding. The differential tests in `load::tests` check that on every fixture, every
//! bundled guide, a generated corpus, and thousands of mutations of them.

use std::borrow::Cow;

use saphyr_parser::ScalarStyle;
use serde_json::{Map, Value};

use super::resolve_scalar;

/// Deeper documents go to the full parser, which enforces the configured limit with a finding.
const MAX_DEPTH: usize = 32;

/// The longest implicit key YAML allows is 1024 characters; stay well inside it.
const MAX_KEY_BYTES: usize = 256;

#[derive(Clone, Copy)]
struct Line<'t> {
    indent: usize,
    /// The line after its indentation, without the line break.
    text: &'t str,
}

/// Parses `text` if it is within the supported subset; `None` means "use the full parser".
///
/// Collections nested `max_depth` deep or more are left to the full parser too.
pub(crate) fn parse(text: &str, max_depth: usize) -> Option<Value> {
    let bytes = text.as_bytes();
    if !plain_text(bytes) {
        return None;
    }
    let mut lines = Vec::with_capacity(bytes.len() / 24);
    let mut k = 0;
    while k < bytes.len() {
        let line_start = k;
        while k < bytes.len() && bytes[k] == b' ' {
            k += 1;
        }
        let content_start = k;
        k = memchr::memchr(b'\n', &bytes[k..]).map_or(bytes.len(), |n| k + n);
        let end = if k > content_start && bytes[k - 1] == b'\r' {
            k - 1
        } else {
            k
        };
        k += 1;
        // Slicing at ASCII bytes (spaces, CR, LF) always falls on character boundaries.
        let content = &text[content_start..end];
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = content_start - line_start;
        if indent == 0
            && (content.starts_with("---")
                || content.starts_with("...")
                || content.starts_with('%'))
        {
            return None;
        }
        lines.push(Line {
            indent,
            text: content,
        });
    }
    if lines.is_empty() {
        return None;
    }
    let mut cursor = Cursor {
        lines: &mut lines,
        i: 0,
        limit: max_depth.min(MAX_DEPTH),
    };
    let value = cursor.block(0)?;
    (cursor.i == cursor.lines.len()).then_some(value)
}

/// Whether every byte but the line feeds passes [`plain_byte`]. Checked for the whole text at
/// once, the common clean case in two vector scans instead of a branch per byte: one for the
/// control characters (all single bytes), one for the lead bytes of the few multi-byte characters
/// left out, each of which is then checked where it stands.
fn plain_text(bytes: &[u8]) -> bool {
    let control = bytes.chunks(4096).any(|chunk| {
        chunk.iter().fold(false, |acc, &b| {
            acc | ((b < 0x20) & (b != b'\n')) | (b == 0x7F)
        })
    });
    if control {
        // Carriage returns before line feeds are fine, anything else is not: byte by byte.
        return (0..bytes.len()).all(|k| bytes[k] == b'\n' || plain_byte(bytes, k));
    }
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).all(|k| plain_byte(bytes, k))
}

/// Whether the byte at `k` (not a line feed) may appear in the subset: no control characters,
/// no carriage return except before a line feed, none of the code points YAML parsers treat
/// specially (byte-order marks, non-characters, NEL and the Unicode line separators).
#[inline]
fn plain_byte(bytes: &[u8], k: usize) -> bool {
    let at = |n: usize| bytes.get(k + n).copied();
    match bytes[k] {
        b'\r' => at(1) == Some(b'\n'),
        0..=0x1F | 0x7F => false,
        // C1 controls (NEL among them) and NO-BREAK SPACE.
        0xC2 => !matches!(at(1), Some(0x80..=0xA0)),
        // LINE SEPARATOR and PARAGRAPH SEPARATOR.
        0xE2 => !(at(1) == Some(0x80) && matches!(at(2), Some(0xA8 | 0xA9))),
        // Byte-order mark, U+FFFE and U+FFFF.
        0xEF => !matches!(
            (at(1), at(2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        _ => true,
    }
}

fn is_seq_entry(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The lines of a document and the parser's place in them.
struct Cursor<'l, 't> {
    lines: &'l mut [Line<'t>],
    /// The next line to read.
    i: usize,
    /// Collections this deep go to the full parser.
    limit: usize,
}

impl<'t> Cursor<'_, 't> {
    /// The next line, if any.
    fn peek(&self) -> Option<Line<'t>> {
        self.lines.get(self.i).copied()
    }

    /// Whether the next line is indented deeper than `indent`.
    fn deeper(&self, indent: usize) -> bool {
        self.peek().is_some_and(|l| l.indent > indent)
    }

    /// A block collection starting at the next line.
    fn block(&mut self, depth: usize) -> Option<Value> {
        let line = self.peek()?;
        if is_seq_entry(line.text) {
            self.sequence(line.indent, depth)
        } else {
            self.mapping(line.indent, depth)
        }
    }

    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Value> {
        if depth >= self.limit {
            return None;
        }
        let mut items = Vec::new();
        while let Some(line) = self
            .peek()
            .filter(|l| l.indent == indent && is_seq_entry(l.text))
        {
            let after_dash = &line.text[1..];
            let rest = skip_spaces(after_dash);
            let column = indent + 1 + (after_dash.len() - rest.len());
            if rest.is_empty() || rest.starts_with('#') {
                self.i += 1;
                if self.deeper(indent) {
                    items.push(self.block(depth + 1)?);
                } else {
                    items.push(Value::Null);
                }
            } else if is_seq_entry(rest) {
                return None;
            } else if split_key(rest)?.is_some() {
                // "- key: value": a mapping whose first line starts after the dash.
                self.lines[self.i] = Line {
                    indent: column,
                    text: rest,
                };
                items.push(self.mapping(column, depth + 1)?);
            } else {
                items.push(inline(rest)?);
                self.i += 1;
            }
        }
        if self.deeper(indent) {
            return None;
        }
        Some(Value::Array(items))
    }

    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Value> {
        if depth >= self.limit {
            return None;
        }
        let mut map = Map::new();
        while let Some(line) = self.peek().filter(|l| l.indent == indent) {
            if is_seq_entry(line.text) {
                return None;
            }
            let (key, rest) = split_key(line.text)??;
            if map.contains_key(key) {
                return None;
            }
            self.i += 1;
            let value = if rest.is_empty() || rest.starts_with('#') {
                match self.peek() {
                    Some(next) if next.indent > indent => self.block(depth + 1)?,
                    // A sequence may sit at its key's own indentation.
                    Some(next) if next.indent == indent && is_seq_entry(next.text) => {
                        self.sequence(indent, depth + 1)?
                    }
                    _ => Value::Null,
                }
            } else {
                inline(rest)?
            };
            map.insert(key.to_owned(), value);
        }
        if self.deeper(indent) {
            return None;
        }
        Some(Value::Object(map))
    }
}

/// `Some(Some((key, rest)))` for a `key: rest` line with a plain key, `Some(None)` for a line
/// that is no mapping entry, `None` for anything this module does not handle.
#[allow(clippy::type_complexity)]
fn split_key(text: &str) -> Option<Option<(&str, &str)>> {
    let first = text.as_bytes()[0];
    if matches!(first, b'\'' | b'"' | b'[') {
        // A quoted or flow scalar: a value unless a colon follows it, which `inline` rejects.
        return Some(None);
    }
    if is_indicator(first) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b':' if k + 1 == bytes.len() || bytes[k + 1] == b' ' => {
                let key = &text[..k];
                if key.len() > MAX_KEY_BYTES
                    || key.ends_with(' ')
                    || key.bytes().any(|b| NOT_IN_KEY[usize::from(b)])
                    || key == "<<"
                {
                    return None;
                }
                let rest = skip_spaces(&text[k + 1..]);
                return Some(Some((key, rest)));
            }
            b'#' if k > 0 && bytes[k - 1] == b' ' => return Some(None),
            _ => {}
        }
        k += 1;
    }
    Some(None)
}

/// Bytes a plain key here may not contain (flow indicators, quotes, comment, anchor, alias, tag,
/// block scalar and reserved indicators), as a table: this is checked for every key of every guide.
const NOT_IN_KEY: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"[]{},#'\"&*!|>%@`?";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// `text` after its leading spaces (`trim_start_matches(' ')` decodes characters one by one).
fn skip_spaces(text: &str) -> &str {
    let n = text.bytes().take_while(|&b| b == b' ').count();
    &text[n..]
}

/// Characters that may not start a plain scalar (YAML 1.2 c-indicator), plus `-`, `?` and `:`,
/// which may but are left to the full parser.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// A scalar or flow sequence that ends its line (after an optional comment).
fn inline(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'\'' => {
            let (value, rest) = single_quoted(&text[1..])?;
            end_of_line(rest)?;
            Some(resolve_scalar(value, ScalarStyle::SingleQuoted, None))
        }
        b'"' => {
            let body = &text[1..];
            let close = body.find(['"', '\\'])?;
            if body.as_bytes()[close] != b'"' {
                return None;
            }
            end_of_line(&body[close + 1..])?;
            Some(resolve_scalar(
                Cow::Borrowed(&body[..close]),
                ScalarStyle::DoubleQuoted,
                None,
            ))
        }
        b'[' => flow_sequence(&text[1..]),
        b'-' if text.len() > 1 && text.as_bytes()[1] != b' ' => plain(text),
        b if is_indicator(b) => None,
        _ => plain(text),
    }
}

fn single_quoted(body: &str) -> Option<(Cow<'_, str>, &str)> {
    let mut owned: Option<String> = None;
    let mut from = 0;
    loop {
        let at = from + body[from..].find('\'')?;
        if body[at + 1..].starts_with('\'') {
            owned
                .get_or_insert_with(String::new)
                .push_str(&body[from..=at]);
            from = at + 2;
            continue;
        }
        let value = match owned {
            Some(mut s) => {
                s.push_str(&body[from..at]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&body[..at]),
        };
        return Some((value, &body[at + 1..]));
    }
}

/// What may follow a quoted scalar or flow sequence on its line: nothing, or a comment.
fn end_of_line(rest: &str) -> Option<()> {
    let trimmed = skip_spaces(rest);
    (trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))).then_some(())
}

fn plain(text: &str) -> Option<Value> {
    // One pass: where a ` #` comment starts, and whether `: ` comes before it. A `: ` whose space
    // is trailing leaves the value ending in `:`, rejected below either way.
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    let mut colon_space = false;
    for k in 1..bytes.len() {
        match bytes[k] {
            b'#' if bytes[k - 1] == b' ' => {
                end = k;
                break;
            }
            b' ' if bytes[k - 1] == b':' => colon_space = true,
            _ => {}
        }
    }
    let value = text[..end].trim_end_matches(' ');
    if colon_space || value.ends_with(':') || overflows(value) {
        return None;
    }
    Some(resolve_scalar(
        Cow::Borrowed(value),
        ScalarStyle::Plain,
        None,
    ))
}

/// A plain number too large for a float is the full parser's to report.
fn overflows(value: &str) -> bool {
    super::number_overflows(value, ScalarStyle::Plain, None)
}

/// `a, b, c]` after the opening bracket: plain items only.
fn flow_sequence(body: &str) -> Option<Value> {
    let close = body.find(']')?;
    end_of_line(&body[close + 1..])?;
    let inner = &body[..close];
    if inner.bytes().any(|b| {
        matches!(
            b,
            b'[' | b'{' | b'}' | b'#' | b'\'' | b'"' | b'&' | b'*' | b'!' | b'|' | b'>' | b'`'
        )
    }) || inner.contains(':')
    {
        return None;
    }
    let mut items = Vec::new();
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Array(items));
    }
    for item in inner.split(',') {
        let item = item.trim_matches(' ');
        let first = *item.as_bytes().first()?;
        if is_indicator(first) || overflows(item) {
            return None;
        }
        items.push(resolve_scalar(
            Cow::Borrowed(item),
            ScalarStyle::Plain,
            None,
        ));
    }
    Some(Value::Array(items))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use serde_json::json;

    use super::super::{Limits, parse as full_parse};
    use crate::diagnostic::Lang;

    /// The contract: when the fast path accepts a text, the full parser yields the same value and
    /// no finding. Returns whether the fast path accepted it.
    fn agrees(text: &str) -> bool {
        let Some(fast) = super::parse(text, Limits::default().max_depth) else {
            return false;
        };
        let mut findings = Vec::new();
        let full = full_parse(
            &Arc::from(text),
            &Limits::default(),
            Lang::En,
            &mut findings,
            true,
        );
        let codes: Vec<_> = findings.iter().map(|f| f.code).collect();
        assert!(
            codes.is_empty(),
            "fast path accepted {text:?}; full parser: {codes:?}"
        );
        let full = full.expect("full parser gave no document").value;
        assert_eq!(fast, full, "values differ for {text:?}");
        true
    }

    #[test]
    fn accepts_plain_block_yaml() {
        let text = "# comment\nitem:\n  name: 生育登记 # trailing comment\n  code: \"0012\"\n  \
                    note: 'it''s'\nlist: [一, 2, true]\nempty: []\nnothing:\nmaterials:\n- name: 身份证\n  \
                    copies: 1\n-   name: 户口簿\n    note: 9:00—12:00\n-\n  nested: x\n- plain\n";
        assert!(agrees(text));
        assert_eq!(
            super::parse(text, 128).unwrap(),
            json!({
                "item": {"name": "生育登记", "code": "0012", "note": "it's"},
                "list": ["一", 2, true],
                "empty": [],
                "nothing": null,
                "materials": [
                    {"name": "身份证", "copies": 1},
                    {"name": "户口簿", "note": "9:00—12:00"},
                    {"nested": "x"},
                    "plain"
                ]
            })
        );
        assert!(agrees("a:\r\n  b: 1\r\n"));
    }

    #[test]
    fn leaves_everything_else_to_the_full_parser() {
        for text in [
            "",
            "# only a comment\n",
            "scalar\n",
            "- a\n- b\n---\n- c\n",
            "a: 1\na: 2\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: {b: 1}\n",
            "a: multi\n  line\n",
            "a: \"esc\\n\"\n",
            "a: 'open\n  quote'\n",
            "a:\tb\n",
            "a: b: c\n",
            "? complex\n: key\n",
            "\"quoted\": key\n",
            "a: [x,\n  y]\n",
            "a: [x, [y]]\n",
            "a: 1\n b: 2\n",
            "- - nested\n",
            "a: b\n- c\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: b\u{85}c\n",
            "a: \u{feff}b\n",
        ] {
            assert!(super::parse(text, 128).is_none(), "fast path took {text:?}");
        }
        // The configured depth limit is the full parser's to report.
        assert!(super::parse("a:\n  b:\n    c: 1\n", 2).is_none());
        assert!(super::parse("a:\n  b:\n    c: 1\n", 3).is_some());
    }

    fn texts() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for dir in ["catalogs", "tests/fixtures", "docs"] {
            for entry in walkdir::WalkDir::new(root.join(dir))
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                let path = entry.path();
                let yaml = matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                );
                if yaml
                    && entry.file_type().is_file()
                    && let Ok(bytes) = std::fs::read(path)
                    && let Ok(text) = String::from_utf8(bytes)
                {
                    texts.push(text);
                }
            }
        }
        texts
    }

    #[test]
    fn agrees_with_the_full_parser_on_every_bundled_file() {
        let texts = texts();
        assert!(texts.len() > 50, "only {} files found", texts.len());
        let accepted = texts.iter().filter(|t| agrees(t)).count();
        // Most real guides are plain block YAML; the test is pointless if the fast path took none.
        assert!(
            accepted * 2 > texts.len(),
            "fast path took {accepted} of {}",
            texts.len()
        );
    }

    /// splitmix64, as in the corpus generator: deterministic mutations.
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    #[test]
    fn agrees_with_the_full_parser_on_mutated_files() {
        const PIECES: &[&str] = &[
            ":", " ", "  ", "-", "- ", "#", " #", "'", "''", "\"", "[", "]", ",", "\n", "\r\n",
            "&", "*", "|", ">", "{", "}", "!", "?", "%", "~", "0x1F", "1e3", ".5", "null", "true",
            "：", "中", "\u{3000}", "\\", "@", "`", "---", "...", ": x", "\n  ", "\n- ",
        ];
        let mut state = 2026;
        let (mut tried, mut accepted) = (0, 0);
        for text in texts() {
            // FAST_MUTATIONS=3000 cargo test --release --lib fast  for a deeper run.
            let rounds = std::env::var("FAST_MUTATIONS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(60);
            for _ in 0..rounds {
                let mut mutated = text.clone();
                for _ in 0..1 + next(&mut state) % 3 {
                    let bounds: Vec<usize> = (0..=mutated.len())
                        .filter(|&k| mutated.is_char_boundary(k))
                        .collect();
                    let at = bounds[next(&mut state) as usize % bounds.len()];
                    let op = next(&mut state) % 4;
                    if op == 3 && !mutated.is_empty() {
                        // Repeat a line elsewhere: duplicate keys, stray items, odd indentation.
                        let lines: Vec<&str> = mutated.split_inclusive('\n').collect();
                        let line = lines[next(&mut state) as usize % lines.len()].to_owned();
                        let start = mutated[..at].rfind('\n').map_or(0, |k| k + 1);
                        mutated.insert_str(start, &line);
                    } else if op == 0 && at < mutated.len() {
                        let end =
                            bounds[(bounds.binary_search(&at).unwrap() + 1).min(bounds.len() - 1)];
                        mutated.replace_range(at..end, "");
                    } else {
                        let piece = PIECES[next(&mut state) as usize % PIECES.len()];
                        mutated.insert_str(at, piece);
                    }
                }
                tried += 1;
                if agrees(&mutated) {
                    accepted += 1;
                }
            }
        }
        // Many mutations stay valid plain YAML, so the comparison really runs.
        assert!(
            accepted * 10 > tried,
            "fast path took {accepted} of {tried}"
        );
    }
}
