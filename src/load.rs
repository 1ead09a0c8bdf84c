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

mod fast;

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
    rest.split('/').try_fold(value, |target, token| {
        let token: std::borrow::Cow<'_, str> = if token.contains('~') {
            token.replace("~1", "/").replace("~0", "~").into()
        } else {
            token.into()
        };
        match target {
            Value::Object(map) => map.get(&*token),
            Value::Array(list) => {
                if (token.len() > 1 && token.starts_with('0')) || token.starts_with('+') {
                    return None;
                }
                list.get(token.parse::<usize>().ok()?)
            }
            _ => None,
        }
    })
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

fn read_bytes(
    path: &Path,
    limits: &Limits,
    lang: Lang,
    regular: bool,
) -> Result<Vec<u8>, Box<Finding>> {
    let io_finding = |e: std::io::Error| {
        let looped = is_symlink_loop(&e);
        let (check, zh, en) = if looped {
            (
                dx::SYMLINK_LOOP,
                "符号链接循环，无法读取",
                "symbolic link loop",
            )
        } else {
            (dx::UNREADABLE, "无法读取文件", "cannot read file")
        };
        Box::new(Finding::new(
            check,
            format!("{}: {e}", lang.pick(zh, en)),
            0..0,
        ))
    };
    // Never open what is not a regular file: opening a FIFO blocks.
    let meta = if regular {
        None
    } else {
        Some(fs::metadata(path).map_err(io_finding)?)
    };
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(Box::new(
            Finding::new(
                dx::NOT_A_FILE,
                lang.pick(
                    "不是普通文件（FIFO、套接字或设备），未读取",
                    "not a regular file (FIFO, socket or device); not read",
                ),
                0..0,
            )
            .with_help(lang.pick(
                "只有普通的 .yaml/.yml 文件会被检查",
                "only regular .yaml/.yml files are linted",
            )),
        ));
    }
    let too_large = |size: u64| {
        Box::new(
            Finding::new(
                dx::FILE_TOO_LARGE,
                match lang {
                    Lang::Zh => format!(
                        "文件大小 {size} 字节，超过上限 {} 字节，未检查",
                        limits.max_file_size
                    ),
                    Lang::En => format!(
                        "file is {size} bytes, over the limit of {} bytes; not linted",
                        limits.max_file_size
                    ),
                },
                0..0,
            )
            .with_help(lang.pick(
                "一个办事指南通常只有几 KB；如确需检查，可用 --max-file-size 调高上限",
                "a service guide is a few KB; raise the limit with --max-file-size if needed",
            )),
        )
    };
    let file = fs::File::open(path).map_err(io_finding)?;
    let len = match meta {
        Some(m) => m.len(),
        None => file.metadata().map_err(io_finding)?.len(),
    };
    if len > limits.max_file_size {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_finding)?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether an I/O error means "too many levels of symbolic links".
pub(crate) fn is_symlink_loop(e: &std::io::Error) -> bool {
    // `ErrorKind::FilesystemLoop` is not stable yet; its Debug name is.
    format!("{:?}", e.kind()) == "FilesystemLoop" || is_eloop(e)
}

#[cfg(target_os = "linux")]
fn is_eloop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(40)
}

#[cfg(not(target_os = "linux"))]
fn is_eloop(_: &std::io::Error) -> bool {
    false
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

/// Whether `c` is a control character no guide has a use for: C0 controls but tab and line
/// breaks, DEL, and C1 controls (U+0080–U+009F, whose CSI can drive a terminal like ESC).
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// One finding for the control characters in a text (counted; the first is shown), if any.
fn control_characters(text: &str, lang: Lang) -> Option<Finding> {
    // Fast exit: every such character has a byte below 0x20, 0x7F, or the lead byte 0xC2.
    if !text
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F || b == 0xC2)
    {
        return None;
    }
    let mut found = text
        .char_indices()
        .filter(|(_, c)| is_forbidden_control(*c));
    let (at, first) = found.next()?;
    let count = 1 + found.count();
    let code = format!("U+{:04X}", u32::from(first));
    Some(
        Finding::new(
            dx::CONTROL_CHARACTER,
            match lang {
                Lang::Zh => format!("文件含有 {count} 个控制字符（第一个是 {code}）"),
                Lang::En => format!("file contains {count} control character(s) (the first is {code})"),
            },
            at..at + first.len_utf8(),
        )
        .with_label(lang.pick("控制字符", "control character"))
        .with_help(lang.pick(
            "办事指南中不应出现控制字符（如 NUL、ESC），它们多来自复制粘贴或损坏的转换；请删除",
            "guides have no use for control characters (NUL, ESC, ...); they come from copy-paste or a broken conversion: delete them",
        )),
    )
}

/// Decodes bytes to text. Returns the text, findings, and whether the text is trustworthy enough
/// to parse.
fn decode(bytes: &[u8], lang: Lang) -> (String, Vec<Finding>, bool) {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

    let mut findings = Vec::new();
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        findings.push(
            Finding::new(
                dx::BOM,
                lang.pick(
                    "文件以 UTF-8 BOM（字节顺序标记）开头",
                    "file starts with a UTF-8 byte-order mark",
                ),
                0..0,
            )
            .with_help(lang.pick(
                "保存为不带 BOM 的 UTF-8；BOM 会让部分 YAML 工具把第一个键读错",
                "save as UTF-8 without BOM; some YAML tools misread the first key after a BOM",
            )),
        );
        return match utf8(rest) {
            Ok(text) => (text.to_owned(), findings, true),
            Err(e) => {
                let (text, f, ok) = decode_legacy(rest, e.valid_up_to(), 3, lang);
                findings.extend(f);
                (text, findings, ok)
            }
        };
    }
    // UTF-32 first: its little-endian byte-order mark starts like UTF-16's.
    if let Some(big_endian) = sniff_utf32(bytes) {
        let (text, clean) = decode_utf32(bytes, big_endian);
        let label = if big_endian { "UTF-32BE" } else { "UTF-32LE" };
        findings.push(encoding_finding(label, label, None, 0..0, clean, lang));
        return (text, findings, clean);
    }
    let utf16: Option<(&'static Encoding, bool)> = match bytes {
        [0xFF, 0xFE, ..] => Some((UTF_16LE, true)),
        [0xFE, 0xFF, ..] => Some((UTF_16BE, true)),
        _ => sniff_utf16(bytes).map(|e| (e, false)),
    };
    if let Some((encoding, bom)) = utf16 {
        let (text, had_errors) = if bom {
            let (t, _, errors) = encoding.decode(bytes);
            (t.into_owned(), errors)
        } else {
            let (t, errors) = encoding.decode_without_bom_handling(bytes);
            (t.into_owned(), errors)
        };
        let label = encoding.name();
        findings.push(encoding_finding(
            label,
            label,
            None,
            0..0,
            !had_errors,
            lang,
        ));
        return (
            text.trim_start_matches('\u{feff}').to_owned(),
            findings,
            !had_errors,
        );
    }
    match utf8(bytes) {
        Ok(text) => (text.to_owned(), findings, true),
        Err(e) => {
            let (text, f, ok) = decode_legacy(bytes, e.valid_up_to(), 0, lang);
            findings.extend(f);
            (text, findings, ok)
        }
    }
}

/// `std::str::from_utf8`, validated with SIMD first (the common, valid case is several times
/// faster); std's error, with its position, when the bytes are not UTF-8.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// UTF-32, by its byte-order mark or (without one) by three NUL bytes in every four: `Some(true)`
/// for big-endian. Checked before UTF-16, whose little-endian mark is a prefix of UTF-32LE's.
fn sniff_utf32(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some(false),
        [0, 0, 0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    if bytes.len() < 8 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) / 4 * 4];
    let units = sample.chunks_exact(4);
    let n = units.len();
    let le = units
        .clone()
        .filter(|u| u[0] != 0 && u[2] == 0 && u[3] == 0)
        .count();
    let be = units
        .filter(|u| u[0] == 0 && u[1] == 0 && u[3] != 0)
        .count();
    if le * 10 >= n * 9 {
        Some(false)
    } else if be * 10 >= n * 9 {
        Some(true)
    } else {
        None
    }
}

/// Decodes UTF-32 (encoding_rs, a WHATWG library, has no UTF-32); returns the text and whether
/// every unit was a valid scalar value.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> (String, bool) {
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut clean = bytes.len().is_multiple_of(4);
    for unit in bytes.chunks_exact(4) {
        let unit: [u8; 4] = [unit[0], unit[1], unit[2], unit[3]];
        let n = if big_endian {
            u32::from_be_bytes(unit)
        } else {
            u32::from_le_bytes(unit)
        };
        match char::from_u32(n) {
            Some(c) => text.push(c),
            None => {
                clean = false;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
    (text, clean)
}

/// UTF-16 without a byte-order mark: text in this domain is mostly ASCII keys, so every other
/// byte is NUL.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 3 && even_nul * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= pairs * 3 && odd_nul * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes that are not UTF-8: guess the legacy encoding (GB18030/GBK is by far the most common in
/// this domain), point at the first byte that is not UTF-8, and decode when the guess is clean.
///
/// `valid_up_to` is the offset of that byte in `bytes`, which start `skipped` bytes into the file
/// (a byte-order mark). The message names the offset in the original file; the span points at the
/// same byte in the text shown: the lossy UTF-8 text (whose valid prefix is unchanged) when the
/// guess does not decode cleanly, else the decoded text, measured by a streaming decoder so it
/// always falls on a character boundary of that text.
fn decode_legacy(
    bytes: &[u8],
    valid_up_to: usize,
    skipped: usize,
    lang: Lang,
) -> (String, Vec<Finding>, bool) {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // GBK text is valid GB18030; decode with the superset and name both.
    let (encoding, label, iconv) = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        (encoding_rs::GB18030, "GB18030/GBK", "GB18030")
    } else {
        (guess, guess.name(), guess.name())
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let offset = Some(valid_up_to + skipped);
    if had_errors {
        // Show what we can: the valid UTF-8 prefix is kept byte for byte.
        let text = String::from_utf8_lossy(bytes).into_owned();
        let at = crate::source::floor_boundary(&text, valid_up_to);
        let finding = encoding_finding(label, iconv, offset, at..at, false, lang);
        return (text, vec![finding], false);
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let prefix = &bytes[..valid_up_to.min(bytes.len())];
    let mut shown = String::with_capacity(
        decoder
            .max_utf8_buffer_length(prefix.len())
            .unwrap_or(prefix.len() * 3),
    );
    // Not the last chunk: a character cut at the offset is held back, not replaced.
    let _ = decoder.decode_to_string(prefix, &mut shown, false);
    let text = text.into_owned();
    let at = crate::source::floor_boundary(&text, shown.len());
    let finding = encoding_finding(label, iconv, offset, at..at, true, lang);
    (text, vec![finding], true)
}

fn encoding_finding(
    label: &str,
    iconv: &str,
    offset: Option<usize>,
    at: Range<usize>,
    decoded: bool,
    lang: Lang,
) -> Finding {
    let mut message = match (lang, decoded) {
        (Lang::Zh, true) => {
            format!("文件不是 UTF-8 编码（检测为 {label}）；已按 {label} 解码后继续检查")
        }
        (Lang::Zh, false) => {
            format!("文件不是 UTF-8 编码（疑似 {label}，但无法无损解码）；未检查内容")
        }
        (Lang::En, true) => {
            format!("file is not UTF-8 (detected {label}); decoded as {label} and linted")
        }
        (Lang::En, false) => format!(
            "file is not UTF-8 (possibly {label}, but it does not decode cleanly); content not linted"
        ),
    };
    if let Some(offset) = offset {
        message.push_str(&match lang {
            Lang::Zh => format!("；第一个非 UTF-8 字节位于文件第 {offset} 字节（从 0 起）"),
            Lang::En => format!("; the first byte that is not UTF-8 is at byte offset {offset}"),
        });
    }
    Finding::new(dx::ENCODING, message, at)
        .with_label(lang.pick("第一个非 UTF-8 字节", "first byte that is not UTF-8"))
        .with_help(match lang {
            Lang::Zh => {
                format!("办事指南应以 UTF-8 保存。转换：iconv -f {iconv} -t UTF-8 原文件 > 新文件")
            }
            Lang::En => format!(
                "guides must be UTF-8. Convert with: iconv -f {iconv} -t UTF-8 FILE > NEW_FILE"
            ),
        })
}

enum Frame {
    Seq {
        items: Vec<Value>,
        start: usize,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        start: usize,
        anchor: usize,
        /// The key waiting for its value, with its span; `None` while a key is expected.
        pending: Option<(String, Range<usize>)>,
        /// Set when the pending key repeats an earlier one: its value is parsed, then dropped.
        duplicate: bool,
    },
}

/// Where the node being parsed will go.
enum Slot {
    Root,
    Item,
    Value,
    Key,
}

struct Builder<'t> {
    text: &'t str,
    conv: CharToByte<'t>,
    lang: Lang,
    limits: Limits,
    spans: HashMap<Box<str>, NodeSpan>,
    stack: Vec<Frame>,
    /// Pointer of the node being built; segment start offsets in `marks`.
    pointer: String,
    marks: Vec<usize>,
    anchors: HashMap<usize, Value>,
    alias_nodes: usize,
    /// Depth of a subtree being skipped (a duplicate key's value or a complex key).
    skip: usize,
    root: Option<Value>,
    /// Whether the root was an empty plain scalar (an empty document).
    root_empty: bool,
    /// Whether to build pointers and spans (the second, recording pass).
    record: bool,
    /// The fast pass met something that needs spans to report: parse again, recording.
    need_record: bool,
    findings: Vec<Finding>,
}

/// Why parsing stopped early.
struct Abort;

fn parse(
    text: &Arc<str>,
    limits: &Limits,
    lang: Lang,
    findings: &mut Vec<Finding>,
    record: bool,
) -> Option<Document> {
    if !record && let Some(value) = fast::parse(text, limits.max_depth) {
        return Some(Document {
            value,
            text: text.clone(),
            limits: *limits,
            spans: OnceLock::new(),
        });
    }
    let mut b = Builder {
        text,
        conv: CharToByte::new(text),
        lang,
        limits: *limits,
        spans: HashMap::new(),
        stack: Vec::new(),
        pointer: String::new(),
        marks: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        skip: 0,
        root: None,
        root_empty: false,
        record,
        need_record: false,
        findings: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    let mut ok = true;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                b.syntax_error(&e);
                ok = false;
                break;
            }
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = b.range(&span);
                    b.findings.push(
                        Finding::new(
                            dx::MULTI_DOCUMENT,
                            lang.pick(
                                "文件包含多个 YAML 文档；每个文件只能有一个办事指南，只检查第一个",
                                "file holds more than one YAML document; one guide per file: only the first is linted",
                            ),
                            crate::source::clamp_span(text, &(at.start..at.start + 3)),
                        )
                        .with_label(lang.pick("第二个文档从这里开始", "second document starts here"))
                        .with_help(lang.pick(
                            "把每个文档拆分为单独的文件",
                            "split each document into its own file",
                        )),
                    );
                    break;
                }
            }
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            other => {
                if b.event(other, &span).is_err() {
                    ok = false;
                    break;
                }
            }
        }
    }
    if !record && (b.need_record || !b.findings.is_empty()) {
        // Something to report: the recording pass gives the same findings, with spans.
        return parse(text, limits, lang, findings, true);
    }
    let Builder {
        root,
        root_empty,
        spans,
        findings: found,
        ..
    } = b;
    findings.extend(found);
    if !ok {
        return None;
    }
    match root {
        None | Some(Value::Null) if root.is_none() || root_empty => {
            findings.push(Finding::new(
                dx::EMPTY_DOCUMENT,
                lang.pick(
                    "文件为空或只有注释，没有办事指南内容",
                    "file is empty or holds only comments: no guide",
                ),
                0..0,
            ));
            None
        }
        root => Some(Document {
            value: root.unwrap_or(Value::Null),
            text: text.clone(),
            limits: *limits,
            spans: if record {
                OnceLock::from(spans)
            } else {
                OnceLock::new()
            },
        }),
    }
}

impl Builder<'_> {
    fn range(&mut self, span: &Span) -> Range<usize> {
        if !self.record {
            // The fast pass reports nothing with a location (anything to report triggers the
            // recording pass), so raw character indices do: only emptiness is looked at.
            return span.start.index()..span.end.index().max(span.start.index());
        }
        let start = self.conv.byte(span.start.index());
        let end = self.conv.byte(span.end.index()).max(start);
        start..end
    }

    fn syntax_error(&mut self, e: &ScanError) {
        let at = self.conv.byte(e.marker().index());
        let (check, message) = if e.info().contains("recursion limit") {
            (
                dx::NESTING_LIMIT,
                self.lang
                    .pick("嵌套层级过深，无法解析", "nesting too deep to parse")
                    .to_owned(),
            )
        } else {
            (
                dx::YAML_SYNTAX,
                format!(
                    "{}: {}",
                    self.lang.pick("YAML 语法错误", "YAML syntax error"),
                    e.info()
                ),
            )
        };
        let end = next_char_end(self.text, at);
        self.findings.push(
            Finding::new(check, message, at..end)
                .with_label(self.lang.pick("此处", "here"))
                .with_help(self.lang.pick(
                    "检查缩进、冒号后的空格和引号是否成对；含有冒号或 # 的值请加引号",
                    "check indentation, the space after each colon and matching quotes; quote values that contain ': ' or ' #'",
                )),
        );
    }

    /// Which slot the next node fills, and for values the pointer segment to push.
    fn slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot::Root,
            Some(Frame::Seq { .. }) => Slot::Item,
            Some(Frame::Map { pending: None, .. }) => Slot::Key,
            Some(Frame::Map { .. }) => Slot::Value,
        }
    }

    fn push_segment(&mut self) -> Option<Range<usize>> {
        if !self.record {
            return None;
        }
        self.marks.push(self.pointer.len());
        match self.stack.last() {
            Some(Frame::Seq { items, .. }) => {
                let n = items.len();
                self.pointer.push('/');
                self.pointer.push_str(&n.to_string());
                None
            }
            Some(Frame::Map {
                pending: Some((key, span)),
                ..
            }) => {
                let span = span.clone();
                self.pointer.push('/');
                for c in key.chars() {
                    match c {
                        '~' => self.pointer.push_str("~0"),
                        '/' => self.pointer.push_str("~1"),
                        c => self.pointer.push(c),
                    }
                }
                Some(span)
            }
            _ => None,
        }
    }

    fn pop_segment(&mut self) {
        if !self.record {
            return;
        }
        if let Some(len) = self.marks.pop() {
            self.pointer.truncate(len);
        }
    }

    fn in_duplicate_value(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                duplicate: true,
                pending: Some(_),
                ..
            })
        )
    }

    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), Abort> {
        if self.skip > 0 {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skip += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    self.skip -= 1;
                    if self.skip == 0 {
                        self.finish_skipped();
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let mut range = self.range(span);
                if self.record {
                    range = scalar_end(self.text, range, style, &value);
                }
                if value.contains(is_forbidden_control) {
                    self.escaped_control(&value, range.clone());
                }
                let slot = self.slot();
                if matches!(slot, Slot::Key) {
                    if anchor > 0 {
                        // `&k a: 1` anchors the key itself; `*k` later means the scalar `a`.
                        let resolved = resolve_scalar(value.clone(), style, tag.as_deref());
                        self.anchors.insert(anchor, resolved);
                    }
                    self.key(value.into_owned(), range);
                    return Ok(());
                }
                if number_overflows(&value, style, tag.as_deref()) {
                    self.number_overflow(&value, range.clone());
                }
                let value = resolve_scalar(value, style, tag.as_deref());
                self.leaf(value, range, anchor)
            }
            Event::Alias(id) => {
                let range = self.range(span);
                // The parser rejects aliases to anchors it never saw; one missing here was inside
                // a node already dropped with a finding (a duplicate key's value, a complex key):
                // it stands for nothing.
                let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
                if matches!(self.slot(), Slot::Key) {
                    match value {
                        Value::Object(_) | Value::Array(_) => {
                            self.complex_key(range);
                            self.finish_skipped();
                        }
                        other => self.key(scalar_key(&other), range),
                    }
                    return Ok(());
                }
                self.alias_nodes += count_nodes(&value);
                if self.alias_nodes > self.limits.max_alias_nodes {
                    let lang = self.lang;
                    self.findings.push(
                        Finding::new(
                            dx::ALIAS_LIMIT,
                            match lang {
                                Lang::Zh => format!(
                                    "别名展开超过 {} 个节点（疑似“billion laughs”别名炸弹），停止解析",
                                    self.limits.max_alias_nodes
                                ),
                                Lang::En => format!(
                                    "aliases expand to more than {} nodes (a \"billion laughs\" alias bomb?); parsing stopped",
                                    self.limits.max_alias_nodes
                                ),
                            },
                            range,
                        )
                        .with_label(lang.pick("展开到这里时超过上限", "limit exceeded expanding this alias"))
                        .with_help(lang.pick(
                            "办事指南不需要 YAML 别名（& 与 *）；请直接写出内容",
                            "service guides need no YAML aliases (& and *); write the content out",
                        )),
                    );
                    return Err(Abort);
                }
                self.leaf(value, range, 0)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let range = self.range(span);
                if matches!(self.slot(), Slot::Key) {
                    self.complex_key(range);
                    return Ok(());
                }
                if self.in_duplicate_value() {
                    self.skip = 1;
                    return Ok(());
                }
                if self.stack.len() >= self.limits.max_depth {
                    let lang = self.lang;
                    self.findings.push(
                        Finding::new(
                            dx::NESTING_LIMIT,
                            match lang {
                                Lang::Zh => {
                                    format!("嵌套超过 {} 层，停止解析", self.limits.max_depth)
                                }
                                Lang::En => format!(
                                    "nesting deeper than {} levels; parsing stopped",
                                    self.limits.max_depth
                                ),
                            },
                            range.start..next_char_end(self.text, range.start),
                        )
                        .with_label(
                            lang.pick("超过嵌套上限的集合", "collection past the depth limit"),
                        ),
                    );
                    return Err(Abort);
                }
                let key = self.push_segment();
                let start = range.start;
                if let Some(key) = key {
                    // Remember the key span now; the value span is completed at the end event.
                    self.spans.insert(
                        self.pointer.as_str().into(),
                        NodeSpan {
                            value: start..start,
                            key: Some(key),
                        },
                    );
                }
                self.stack.push(if is_map {
                    Frame::Map {
                        map: Map::new(),
                        start,
                        anchor,
                        pending: None,
                        duplicate: false,
                    }
                } else {
                    Frame::Seq {
                        items: Vec::new(),
                        start,
                        anchor,
                    }
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let range = self.range(span);
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (value, start, anchor) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                    } => (Value::Array(items), start, anchor),
                    Frame::Map {
                        map, start, anchor, ..
                    } => (Value::Object(map), start, anchor),
                };
                if self.record {
                    let end = trim_end(self.text, start, range.end.max(start));
                    let key = self
                        .spans
                        .get(self.pointer.as_str())
                        .and_then(|n| n.key.clone());
                    self.spans.insert(
                        self.pointer.as_str().into(),
                        NodeSpan {
                            value: start..end,
                            key,
                        },
                    );
                }
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                self.pop_segment();
                self.attach(value);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn key(&mut self, key: String, range: Range<usize>) {
        let Some(Frame::Map {
            map,
            pending,
            duplicate,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        *duplicate = map.contains_key(&key);
        if *duplicate && !self.record {
            *pending = Some((key, range));
            self.need_record = true;
            return;
        }
        *pending = Some((key.clone(), range.clone()));
        if *duplicate {
            let first_pointer = {
                let mut p = self.pointer.clone();
                p.push('/');
                p.push_str(&key.replace('~', "~0").replace('/', "~1"));
                p
            };
            let first = self
                .spans
                .get(first_pointer.as_str())
                .and_then(|n| n.key.clone());
            let lang = self.lang;
            let mut f = Finding::new(
                dx::DUPLICATE_KEY,
                match lang {
                    Lang::Zh => format!("重复的键 `{key}`：同一映射中已出现过"),
                    Lang::En => {
                        format!("duplicate key `{key}`: it already appears in this mapping")
                    }
                },
                range,
            )
            .with_pointer(first_pointer)
            .with_label(lang.pick("重复的键", "duplicate key"))
            .with_help(lang.pick(
                "合并两处内容或删除其一；检查时只使用第一处的值",
                "merge the two or delete one; only the first value is validated",
            ));
            if let Some(first) = first {
                f = f.with_related(first, lang.pick("第一次出现在这里", "first defined here"));
            }
            self.findings.push(f);
        }
    }

    /// A scalar whose value holds a control character written as an escape (`"\e"`,
    /// `"\x1b"`); raw ones are reported once per file by [`control_characters`].
    fn escaped_control(&mut self, value: &str, range: Range<usize>) {
        if !self.record {
            self.need_record = true;
            return;
        }
        let raw = self.text.get(range.clone()).unwrap_or("");
        if raw.contains(is_forbidden_control) {
            return;
        }
        let Some(c) = value.chars().find(|c| is_forbidden_control(*c)) else {
            return;
        };
        let code = format!("U+{:04X}", u32::from(c));
        let lang = self.lang;
        self.findings.push(
            Finding::new(
                dx::CONTROL_CHARACTER,
                match lang {
                    Lang::Zh => format!("取值中以转义写出了控制字符 {code}"),
                    Lang::En => format!(
                        "the value holds the control character {code}, written as an escape"
                    ),
                },
                range,
            )
            .with_label(lang.pick("含控制字符的取值", "value with a control character"))
            .with_help(lang.pick(
                "删除转义的控制字符（如 \\e、\\x1b、\\u001b）",
                "delete the escaped control character (\\e, \\x1b, \\u001b, ...)",
            )),
        );
    }

    fn number_overflow(&mut self, raw: &str, range: Range<usize>) {
        let lang = self.lang;
        self.push_segment();
        let pointer = self.pointer.clone();
        self.pop_segment();
        self.findings.push(
            Finding::new(
                dx::NUMBER_OVERFLOW,
                match lang {
                    Lang::Zh => format!("数值 `{raw}` 超出可表示的范围，已按字符串处理"),
                    Lang::En => format!(
                        "number `{raw}` is out of the representable range; read as a string"
                    ),
                },
                range,
            )
            .with_pointer(pointer)
            .with_label(lang.pick("超出范围的数值", "number out of range"))
            .with_help(lang.pick(
                "写出实际的数值；如确实是文字，请加引号",
                "write the actual number; quote it if it is text",
            )),
        );
    }

    fn complex_key(&mut self, range: Range<usize>) {
        let lang = self.lang;
        self.findings.push(
            Finding::new(
                dx::UNSUPPORTED_YAML,
                lang.pick(
                    "映射的键必须是标量（字符串），不支持以列表或映射作键",
                    "mapping keys must be scalars; a list or mapping as a key is not supported",
                ),
                range.start..next_char_end(self.text, range.start),
            )
            .with_label(lang.pick("复杂键", "complex key")),
        );
        // Skip the key subtree (if it has one) and then its value.
        self.skip = 1;
        if let Some(Frame::Map {
            pending, duplicate, ..
        }) = self.stack.last_mut()
        {
            *pending = Some((String::new(), range));
            *duplicate = true;
        }
    }

    /// A skipped subtree ended: if it was a complex key, its value must be skipped next; if it
    /// was a value, the mapping expects a key again.
    fn finish_skipped(&mut self) {
        if let Some(Frame::Map {
            pending, duplicate, ..
        }) = self.stack.last_mut()
        {
            if *duplicate && pending.as_ref().is_some_and(|(k, _)| k.is_empty()) {
                // Complex key consumed; mark that the value must be dropped too.
                *pending = Some(("\u{0}".to_owned(), 0..0));
            } else {
                *pending = None;
                *duplicate = false;
            }
        }
    }

    fn leaf(&mut self, value: Value, range: Range<usize>, anchor: usize) -> Result<(), Abort> {
        if self.in_duplicate_value() {
            if let Some(Frame::Map {
                pending, duplicate, ..
            }) = self.stack.last_mut()
            {
                *pending = None;
                *duplicate = false;
            }
            return Ok(());
        }
        if self.stack.is_empty() {
            self.root_empty = range.is_empty();
        }
        if self.record {
            let key = self.push_segment();
            self.spans
                .insert(self.pointer.as_str().into(), NodeSpan { value: range, key });
            self.pop_segment();
        }
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        self.attach(value);
        Ok(())
    }

    fn attach(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, pending, .. }) => {
                if let Some((key, _)) = pending.take() {
                    map.insert(key, value);
                }
            }
        }
    }
}

/// A one-line scalar's span without what the scanner may add after it: the last scalar before a
/// dedent or the end of the document gets a span up to the end of its line, trailing comment
/// included. Plain scalars end where their text does, quoted ones at their closing quote.
fn scalar_end(text: &str, range: Range<usize>, style: ScalarStyle, value: &str) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    if slice.contains('\n') {
        return range;
    }
    let end = match style {
        ScalarStyle::Plain if slice.starts_with(value) => value.len(),
        ScalarStyle::SingleQuoted => {
            let body = &slice.as_bytes()[1..];
            let mut k = 0;
            loop {
                match body.get(k) {
                    Some(b'\'') if body.get(k + 1) == Some(&b'\'') => k += 2,
                    Some(b'\'') => break k + 2,
                    Some(_) => k += 1,
                    None => return range,
                }
            }
        }
        ScalarStyle::DoubleQuoted => {
            let body = &slice.as_bytes()[1..];
            let mut k = 0;
            loop {
                match body.get(k) {
                    Some(b'\\') => k += 2,
                    Some(b'"') => break k + 2,
                    Some(_) => k += 1,
                    None => return range,
                }
            }
        }
        _ => return range,
    };
    range.start..range.start + end.min(slice.len())
}

/// End of a collection, without the trailing blank lines and comments the scanner includes.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let span = crate::source::clamp_span(text, &(start..end));
    let (start, end) = (span.start, span.end);
    let mut slice = &text[start..end];
    loop {
        let trimmed = slice.trim_end();
        // Drop a trailing comment line.
        match trimmed.rfind('\n') {
            Some(i) if trimmed[i + 1..].trim_start().starts_with('#') => slice = &trimmed[..i],
            _ => {
                slice = trimmed;
                break;
            }
        }
    }
    start + slice.len()
}

/// The end of the character at `at` (a point span at a line break or the end of the text).
/// `at` may come from the fast pass, which counts characters, not bytes: it is brought onto a
/// char boundary first, so no offset can make this slice panic.
fn next_char_end(text: &str, at: usize) -> usize {
    let at = crate::source::floor_boundary(text, at);
    text[at..]
        .chars()
        .next()
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(at, |c| at + c.len_utf8())
}

fn count_nodes(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}

fn scalar_key(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

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
    if !numeric {
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
fn number_syntax(raw: &str) -> bool {
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

fn parse_bool(raw: &str) -> Option<bool> {
    match raw {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn parse_number(raw: &str) -> Option<Value> {
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
        let l = load("a: \"x\u{1b}[31m\"\nb: y\u{0}z\nc: \u{85}\n");
        let f: Vec<_> = l.findings.iter().filter(|f| f.code == "TB014").collect();
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("3 control"), "{}", f[0].message);
        assert_eq!(&l.source.text[f[0].span.clone()], "\u{1b}");
        assert!(load("a: \"tab\tok\"\r\nb: 中文\n").findings.is_empty());
    }
}
