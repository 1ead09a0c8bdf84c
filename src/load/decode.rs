//! Stage 2: bytes → text. UTF-8 (with or without BOM), UTF-16/32 and legacy encodings are decoded with a finding; control characters are found here.

use super::*;

/// Whether `c` is a control character no guide has a use for: C0 controls but tab and line
/// breaks, DEL, and C1 controls (U+0080–U+009F, whose CSI can drive a terminal like ESC).
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// One finding for the control characters in a text (counted; the first is shown), if any.
pub(super) fn control_characters(text: &str, lang: Lang) -> Option<Finding> {
    // Fast exit: every such character has a byte below 0x20, 0x7F, or the lead byte 0xC2. Folded
    // without a branch per byte (vectorised), a block at a time.
    let suspect = |b: u8| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F) | (b == 0xC2)
    };
    if !text
        .as_bytes()
        .chunks(4096)
        .any(|chunk| chunk.iter().fold(false, |acc, &b| acc | suspect(b)))
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

/// Where the text `load` reads from UTF-8 bytes starts: after one byte-order mark (which
/// [`decode`] drops), else at 0. Every span of a UTF-8 file is an offset into
/// `bytes[text_start(bytes)..]`: whoever edits the bytes by spans (`--fix`, an editor's
/// buffer) must add this, or every edit lands 3 bytes early.
pub fn text_start(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

/// Decodes bytes to text (borrowed when the bytes are UTF-8 already). Returns the text, findings, and whether the text is trustworthy enough
/// to parse.
pub(super) fn decode(bytes: &[u8], lang: Lang) -> (std::borrow::Cow<'_, str>, Vec<Finding>, bool) {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
    use std::borrow::Cow;

    let mut findings = Vec::new();
    if text_start(bytes) > 0 {
        let rest = &bytes[text_start(bytes)..];
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
            Ok(text) => (Cow::Borrowed(text), findings, true),
            Err(e) => {
                let (text, f, ok) = decode_legacy(rest, e.valid_up_to(), 3, lang);
                findings.extend(f);
                (text.into(), findings, ok)
            }
        };
    }
    // UTF-32 first: its little-endian byte-order mark starts like UTF-16's.
    if let Some(big_endian) = sniff_utf32(bytes) {
        let (text, clean) = decode_utf32(bytes, big_endian);
        let label = if big_endian { "UTF-32BE" } else { "UTF-32LE" };
        findings.push(encoding_finding(label, label, None, 0..0, clean, lang));
        return (text.into(), findings, clean);
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
            text.trim_start_matches('\u{feff}').to_owned().into(),
            findings,
            !had_errors,
        );
    }
    match utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), findings, true),
        Err(e) => {
            let (text, f, ok) = decode_legacy(bytes, e.valid_up_to(), 0, lang);
            findings.extend(f);
            (text.into(), findings, ok)
        }
    }
}

/// `std::str::from_utf8`, validated with SIMD first (the common, valid case is several times
/// faster); std's error, with its position, when the bytes are not UTF-8.
pub(super) fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// UTF-32, by its byte-order mark or (without one) by three NUL bytes in every four: `Some(true)`
/// for big-endian. Checked before UTF-16, whose little-endian mark is a prefix of UTF-32LE's.
pub(super) fn sniff_utf32(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some(false),
        [0, 0, 0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    if bytes.len() < 8 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) / 4 * 4];
    // Both counts need NUL bytes (the common case has none, found by one memchr).
    if !sample.contains(&0) {
        return None;
    }
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
pub(super) fn decode_utf32(bytes: &[u8], big_endian: bool) -> (String, bool) {
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
pub(super) fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    // Without a NUL byte neither half counts any (the common case, found by one memchr).
    if !sample.contains(&0) {
        return None;
    }
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
pub(super) fn decode_legacy(
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

pub(super) fn encoding_finding(
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
