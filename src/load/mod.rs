//! Bytes → text → YAML → `Document`: a `serde_json::Value` plus the byte span of every node.
//!
//! This is the only place that turns scanner positions into byte offsets, and the only place that
//! knows YAML. It knows nothing about guides or rules: any YAML document loads.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostic::{self as dx, Finding, Lang};
use crate::source::{CharToByte, Source};

mod decode;
mod edit;
mod fast;
mod read;
mod scalar;
mod yaml;

use decode::*;
pub use decode::{is_forbidden_control, text_start};
pub use edit::is_plain;
pub(crate) use read::is_symlink_loop;
use read::*;
pub(crate) use scalar::{number_overflows, resolve_scalar};
use yaml::*;

/// Resource limits applied to every input file.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this many bytes are not read.
    pub max_file_size: u64,
    /// Collections nested deeper than this are rejected.
    pub max_depth: usize,
    /// At most this many nodes may be created by expanding aliases in one file.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 10 * 1024 * 1024,
            max_depth: 128,
            max_alias_nodes: 10_000,
        }
    }
}

/// Where a node sits in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    /// The node's value (for collections: from its first to its last character).
    pub value: Range<usize>,
    /// The key that introduces the node, when its parent is a mapping.
    pub key: Option<Range<usize>>,
}

type Spans = HashMap<Box<str>, NodeSpan>;

/// A parsed YAML document with the span of every node, addressed by RFC 6901 JSON pointer.
///
/// Most guides are clean, and a clean guide never needs a span, so spans are built on first use
/// by a second, recording parse of the same text. That keeps the common path free of pointer
/// strings and span maps; files with findings pay for a second parse.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document as JSON data (what the schema and the rules see).
    pub value: Value,
    text: Arc<str>,
    limits: Limits,
    spans: OnceLock<Spans>,
}

impl Document {
    fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| {
            let mut ignored = Vec::new();
            parse(&self.text, &self.limits, Lang::En, &mut ignored, true)
                .and_then(|d| d.spans.into_inner())
                .unwrap_or_default()
        })
    }

    /// The span of the node at `pointer`, if that node was in the source (aliased copies are not).
    pub fn node(&self, pointer: &str) -> Option<&NodeSpan> {
        self.spans().get(pointer)
    }

    /// The best range to underline for the node at `pointer`: a scalar's value; a collection's key
    /// (or its first line when it has none). Falls back to the nearest ancestor that has a span.
    pub fn locate(&self, pointer: &str, text: &str) -> Range<usize> {
        let mut p = pointer;
        loop {
            if let Some(node) = self.spans().get(p) {
                return self.label_range(node, p, text);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0..0,
            }
        }
    }

    /// The span of the key of the entry at `pointer` (for unknown or duplicate keys).
    pub fn key(&self, pointer: &str) -> Option<Range<usize>> {
        self.spans().get(pointer).and_then(|n| n.key.clone())
    }

    /// Every node that was in the source, with its pointer (in no particular order).
    pub fn nodes(&self) -> impl Iterator<Item = (&str, &NodeSpan)> {
        self.spans().iter().map(|(p, n)| (&**p, n))
    }

    fn label_range(&self, node: &NodeSpan, pointer: &str, text: &str) -> Range<usize> {
        let is_collection = matches!(
            lookup(&self.value, pointer),
            Some(Value::Object(_) | Value::Array(_))
        );
        if !is_collection {
            return node.value.clone();
        }
        if let Some(key) = &node.key {
            return key.clone();
        }
        let span = crate::source::clamp_span(text, &node.value);
        let start = span.start;
        let rest = &text[span];
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        start..start + rest[..line_end].trim_end().len()
    }
}

/// `Value::pointer` without its two string allocations per segment (it unescapes every segment,
/// escaped or not): rules look up a few dozen pointers per guide, a million guides per run.
pub fn lookup<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let rest = pointer.strip_prefix('/')?;
    let bytes = rest.as_bytes();
    // Escapes are rare: one byte scan of the pointer, not a search per segment. Segments are
    // split at the ASCII `/` by hand: `str::split` sets up a searcher per segment.
    let escaped = bytes.contains(&b'~');
    let mut target = value;
    let mut start = 0;
    loop {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'/')
            .map_or(bytes.len(), |n| start + n);
        let token = &rest[start..end];
        let token: std::borrow::Cow<'_, str> = if escaped && token.contains('~') {
            token.replace("~1", "/").replace("~0", "~").into()
        } else {
            token.into()
        };
        target = match target {
            Value::Object(map) => map.get(&*token)?,
            Value::Array(list) => {
                if (token.len() > 1 && token.starts_with('0')) || token.starts_with('+') {
                    return None;
                }
                list.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
        if end == bytes.len() {
            return Some(target);
        }
        start = end + 1;
    }
}

/// The result of loading one file: its text (when it could be read), its document (when it
/// parsed), and the findings met on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The decoded text (empty when the file could not be read).
    pub source: Source,
    /// The document, when the text parsed as exactly one YAML document within the limits.
    pub document: Option<Document>,
    /// Input findings (encoding, syntax, duplicates, limits, ...).
    pub findings: Vec<Finding>,
}

/// Reads, decodes and parses one file. Never panics and never writes; every failure is a finding.
pub fn load_file(path: &Path, name: String, limits: &Limits, lang: Lang) -> Loaded {
    load_path(path, name, limits, lang, false)
}

/// [`load_file`] for a file the directory walk already saw as a regular file: it is opened
/// without a `stat` by path first (a million guides, a million path lookups saved); its size
/// still comes from the open handle.
pub fn load_walked_file(path: &Path, name: String, limits: &Limits, lang: Lang) -> Loaded {
    load_path(path, name, limits, lang, true)
}

fn load_path(path: &Path, name: String, limits: &Limits, lang: Lang, regular: bool) -> Loaded {
    match read_bytes(path, limits, lang, regular) {
        Ok(bytes) => load_bytes(name, &bytes, limits, lang),
        Err(finding) => Loaded {
            source: Source::new(name, ""),
            document: None,
            findings: vec![*finding],
        },
    }
}

/// Decodes and parses bytes already in memory (used for files and for tests).
pub fn load_bytes(name: String, bytes: &[u8], limits: &Limits, lang: Lang) -> Loaded {
    let (text, mut findings, parseable) = decode(bytes, lang);
    findings.extend(control_characters(&text, lang));
    let source = Source::new(name, text);
    let document = if parseable {
        parse(&source.text, limits, lang, &mut findings, false)
    } else {
        None
    };
    Loaded {
        source,
        document,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        load_bytes(
            "t.yaml".into(),
            text.as_bytes(),
            &Limits::default(),
            Lang::En,
        )
    }

    #[test]
    fn last_scalar_span_stops_before_its_comment() {
        for (text, expected) in [
            ("a:\n  b: \"1\"  # x\n", "\"1\""),
            ("a:\n  b: 'it''s'  # x\n", "'it''s'"),
            ("a:\n  b: plain text   # x\n", "plain text"),
            ("a:\n  b: \"q\\\"\"  # x\n", "\"q\\\"\""),
        ] {
            let l = load(text);
            let doc = l.document.unwrap();
            let span = doc.node("/a/b").unwrap().value.clone();
            assert_eq!(&text[span], expected, "{text:?}");
        }
    }

    #[test]
    fn lookup_matches_value_pointer() {
        let v = serde_json::json!({"a": {"b/c": [1, {"d~e": 2}], "": 3}, "x": [0, 1]});
        for p in [
            "",
            "/",
            "/a",
            "/a/b~1c",
            "/a/b~1c/0",
            "/a/b~1c/1/d~0e",
            "/a/",
            "/x/1",
            "/x/01",
            "/x/+1",
            "/x/2",
            "/x/-",
            "a",
            "/a/b/c",
            "/a/b~1c/1/d~e",
            "/x/1/y",
        ] {
            assert_eq!(lookup(&v, p), v.pointer(p), "pointer {p:?}");
        }
    }

    #[test]
    fn scalars_follow_yaml_1_2_core() {
        let l =
            load("a: no\nb: 0755\nc: \"12\"\nd: ~\ne: 1.5e3\nf: true\ng: 2026-11-26\nh: .inf\n");
        let v = l.document.unwrap().value;
        assert_eq!(v["a"], "no");
        assert_eq!(v["b"], 755);
        assert_eq!(v["c"], "12");
        assert!(v["d"].is_null());
        assert_eq!(v["e"], 1500.0);
        assert_eq!(v["f"], true);
        assert_eq!(v["g"], "2026-11-26");
        assert_eq!(v["h"], ".inf");
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text =
            "item:\n  name: 合伙企业设立登记\n  type: 行政许可\nmaterials:\n  - name: 申请书\n";
        let l = load(text);
        let doc = l.document.unwrap();
        let name = doc.node("/item/name").unwrap();
        assert_eq!(&text[name.value.clone()], "合伙企业设立登记");
        assert_eq!(&text[name.key.clone().unwrap()], "name");
        assert_eq!(&text[doc.locate("/item", text)], "item");
        assert_eq!(&text[doc.locate("/materials/0/name", text)], "申请书");
        // A pointer below a scalar falls back to the nearest node.
        assert_eq!(&text[doc.locate("/materials/0/name/x", text)], "申请书");
    }

    #[test]
    fn duplicate_key_points_at_both() {
        let l = load("a: 1\nb: 2\na: 3\n");
        assert_eq!(l.findings.len(), 1);
        let f = &l.findings[0];
        assert_eq!(f.code, "TB004");
        assert_eq!(f.span, 10..11);
        assert_eq!(f.related[0].span, 0..1);
        assert_eq!(l.document.unwrap().value["a"], 1);
    }

    #[test]
    fn duplicate_collection_value_is_skipped_whole() {
        let l = load("a:\n  x: 1\nb: 2\na:\n  y: [1, 2]\nc: 3\n");
        let v = l.document.unwrap().value;
        assert_eq!(v, serde_json::json!({"a": {"x": 1}, "b": 2, "c": 3}));
        assert_eq!(l.findings.len(), 1);
    }

    #[test]
    fn complex_key_is_reported_and_skipped() {
        let l = load("? [a, b]\n: 1\nc: 2\n");
        assert_eq!(l.findings[0].code, "TB013");
        assert_eq!(l.document.unwrap().value, serde_json::json!({"c": 2}));
    }

    #[test]
    fn alias_bomb_stops() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            text.push_str(&format!("{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let l = load(&text);
        assert!(l.document.is_none());
        assert_eq!(l.findings[0].code, "TB007");
    }

    #[test]
    fn deep_nesting_stops() {
        let text = "[".repeat(5000) + &"]".repeat(5000);
        let l = load(&text);
        assert!(l.document.is_none());
        assert_eq!(l.findings[0].code, "TB008");
        let text: String = (0..3000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let l = load(&text);
        assert!(l.document.is_none());
        assert_eq!(l.findings[0].code, "TB008");
    }

    #[test]
    fn empty_and_comment_only() {
        for text in ["", "# only a comment\n", "---\n", "\n\n"] {
            let l = load(text);
            assert!(l.document.is_none(), "{text:?}");
            assert_eq!(l.findings[0].code, "TB005", "{text:?}");
        }
    }

    #[test]
    fn second_document_reported() {
        let l = load("a: 1\n---\nb: 2\n");
        assert_eq!(l.findings[0].code, "TB006");
        assert_eq!(l.document.unwrap().value, serde_json::json!({"a": 1}));
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("事项名称: 生育登记\n");
        let l = load_bytes("g.yaml".into(), &gbk, &Limits::default(), Lang::En);
        assert_eq!(l.findings[0].code, "TB002");
        assert!(
            l.findings[0].message.contains("GB18030"),
            "{}",
            l.findings[0].message
        );
        assert_eq!(l.document.unwrap().value["事项名称"], "生育登记");

        let mut utf16 = vec![0xFF, 0xFE];
        for u in "a: 名\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let l = load_bytes("u.yaml".into(), &utf16, &Limits::default(), Lang::En);
        assert_eq!(l.findings[0].code, "TB002");
        assert_eq!(l.document.unwrap().value["a"], "名");

        let l = load_bytes(
            "b.yaml".into(),
            b"\xEF\xBB\xBFa: 1\n",
            &Limits::default(),
            Lang::En,
        );
        assert_eq!(l.findings[0].code, "TB003");
        assert_eq!(l.document.unwrap().value["a"], 1);
    }

    #[test]
    fn syntax_error_has_location() {
        let l = load("a: [1, 2\nb: 3\n");
        assert_eq!(l.findings[0].code, "TB001");
        assert!(l.document.is_none());
    }

    /// Every finding's span must slice its text: inside it and on char boundaries.
    fn spans_slice(l: &Loaded) {
        for f in &l.findings {
            assert!(
                l.source.text.get(f.span.clone()).is_some(),
                "{} span {:?} does not slice {:?}",
                f.code,
                f.span,
                l.source.text
            );
        }
    }

    #[test]
    fn complex_key_after_multibyte_text_does_not_panic() {
        // Regression: the fast pass's character index was used as a byte offset (panic).
        for text in [
            "a: 中文\n? {}\n",
            "a: 中文中文中文\n? [x]\n: 1\n",
            "名: 中文\n---\nb: 2\n",
            "a: 中文\nb: *x\n",
        ] {
            let l = load(text);
            spans_slice(&l);
        }
        let l = load("a: 中文\n? {}\n");
        assert_eq!(l.findings[0].code, "TB013");
        assert_eq!(l.source.position(l.findings[0].span.start).line, 2);
        let deep = format!("a: 中文中文\nb: {}{}\n", "[".repeat(200), "]".repeat(200));
        let l = load(&deep);
        spans_slice(&l);
        assert_eq!(l.findings[0].code, "TB008");
    }

    #[test]
    fn stray_non_utf8_byte_is_reported_at_its_original_offset() {
        // Regression: the position was computed on the GB18030 decoding and shown on the UTF-8
        // text: wrong line and column, and one past the end the human output panicked.
        let bytes = b"name: \xe5\x8a\x9e\xe4\xba\x8b\xe6\x8c\x87\xe5\x8d\x97\n\xffxx";
        let l = load_bytes("x.yaml".into(), bytes, &Limits::default(), Lang::En);
        let f = &l.findings[0];
        assert_eq!(f.code, "TB002");
        assert!(f.message.contains("byte offset 19"), "{}", f.message);
        assert_eq!(l.source.position(f.span.start).line, 2);
        assert_eq!(l.source.position(f.span.start).column, 1);
        spans_slice(&l);
        // The invalid byte as the very last byte, and after a byte-order mark.
        for bytes in [&b"a: \xe4\xb8\xad\n\xff"[..], b"\xef\xbb\xbfa: 1\n\xc4\xe3"] {
            let l = load_bytes("x.yaml".into(), bytes, &Limits::default(), Lang::En);
            spans_slice(&l);
            let f = l.findings.iter().find(|f| f.code == "TB002").unwrap();
            assert_eq!(l.source.position(f.span.start).line, 2, "{bytes:?}");
        }
        // A clean GBK file: the span is where the first GBK character is in the decoded text.
        let (gbk, _, _) = encoding_rs::GBK.encode("a: 1\nb: 生育登记\n");
        let l = load_bytes("g.yaml".into(), &gbk, &Limits::default(), Lang::En);
        let f = &l.findings[0];
        assert!(f.message.contains("byte offset 8"), "{}", f.message);
        assert_eq!(&l.source.text[f.span.start..], "生育登记\n");
    }

    #[test]
    fn utf32_is_not_taken_for_utf16() {
        // Regression: UTF-32LE with its byte-order mark was decoded as UTF-16LE (wrong advice).
        for big_endian in [false, true] {
            let mut bytes = Vec::new();
            for c in "\u{feff}a: 名\n".chars() {
                let n = u32::from(c);
                bytes.extend(if big_endian {
                    n.to_be_bytes()
                } else {
                    n.to_le_bytes()
                });
            }
            let l = load_bytes("u.yaml".into(), &bytes, &Limits::default(), Lang::En);
            assert!(
                l.findings[0].message.contains("UTF-32"),
                "{}",
                l.findings[0].message
            );
            assert_eq!(l.document.unwrap().value["a"], "名");
            // Without the mark too.
            let l = load_bytes("u.yaml".into(), &bytes[4..], &Limits::default(), Lang::En);
            assert!(
                l.findings[0].message.contains("UTF-32"),
                "{}",
                l.findings[0].message
            );
        }
    }

    #[test]
    fn non_specific_tag_makes_a_string_and_huge_numbers_are_reported() {
        // Regression: `! 12` was read as a number and `1e400` silently became a string.
        let l = load(
            "a: ! 12\nb: !local 3\nc: 1e400\nd: [1e999]\ne: !!float 1e400\nf: '1e400'\ng: 0xffffffffffffffffff\nh: 0xfff\n",
        );
        let v = &l.document.as_ref().unwrap().value;
        assert_eq!(v["a"], "12");
        assert_eq!(v["b"], "3");
        assert_eq!(v["c"], "1e400");
        let overflows: Vec<_> = l
            .findings
            .iter()
            .filter(|f| f.code == "TB015")
            .map(|f| f.pointer.as_str())
            .collect();
        assert_eq!(overflows, ["/c", "/d/0", "/e", "/g"]);
        assert!(super::fast::parse("a: 1e400\n", 128).is_none());
        assert!(super::fast::parse("a: [1, 1e400]\n", 128).is_none());
    }

    #[test]
    fn anchor_on_a_mapping_key_is_known_to_its_aliases() {
        // Regression: `&k a: 1\nb: *k` gave a false "unknown anchor" syntax error.
        let l = load("&k a: 1\nb: *k\n");
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        assert_eq!(
            l.document.unwrap().value,
            serde_json::json!({"a": 1, "b": "a"})
        );
        // An alias to an anchor inside a dropped duplicate value is no syntax error either.
        let l = load("a: 1\na: &x 2\nb: *x\n");
        let codes: Vec<_> = l.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["TB004"]);
    }

    #[test]
    fn control_characters_are_a_finding() {
        // Regression: C0 controls and ESC were accepted in values (and printed raw).
        let l = load("a: \"x\\e[2J\"\nb: \"\\x07\"\n");
        let codes: Vec<_> = l.findings.iter().map(|f| (f.code, f.span.start)).collect();
        assert_eq!(codes, [("TB014", 3), ("TB014", 15)]);
        // Regression: the pointer was empty; it names the value (or the key's entry).
        let pointers: Vec<_> = l.findings.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a", "/b"]);
        let l = load("x:\n  - \"\\f\"\n\"k\\e\": 1\n");
        let pointers: Vec<_> = l.findings.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(pointers, ["/x/0", "/k\u{1b}"]);
        let l = load("a: \"x\u{1b}[31m\"\nb: y\u{0}z\nc: \u{85}\n");
        let f: Vec<_> = l.findings.iter().filter(|f| f.code == "TB014").collect();
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("3 control"), "{}", f[0].message);
        assert_eq!(&l.source.text[f[0].span.clone()], "\u{1b}");
        assert!(load("a: \"tab\tok\"\r\nb: 中文\n").findings.is_empty());
    }
}
