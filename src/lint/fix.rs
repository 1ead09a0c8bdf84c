//! Fixes: mechanical corrections attached to findings, as text edits on the source computed from
//! the spans `load` produced, so comments, key order and formatting survive (ruff's `Edit`/`Fix`).
//! This module decides which findings have a fix and applies fixes to text; it never reads or
//! writes files (`app::fix` does) and never prints.

use serde_json::Value;

use crate::diagnostic::{Applicability, Edit, Finding, Fix, Lang};
use crate::load::Document;
use crate::rules::Data;
use crate::source::Source;

/// Attaches a fix to each finding that has one. Runs after the rules, before levels and
/// suppressions (a suppressed finding's fix goes with it).
pub(crate) fn attach(
    findings: &mut [Finding],
    doc: &Document,
    source: &Source,
    data: &Data,
    lang: Lang,
) {
    for f in findings.iter_mut().filter(|f| f.fix.is_none()) {
        f.fix = fix_for(f, doc, &source.text, data, lang).map(Box::new);
    }
}

fn fix_for(f: &Finding, doc: &Document, text: &str, _data: &Data, lang: Lang) -> Option<Fix> {
    let value = crate::load::lookup(&doc.value, &f.pointer)?;
    if is_code_pointer(&f.pointer)
        && let Some(fix) = full_width_code(doc, &f.pointer, value, text, lang)
    {
        return Some(fix);
    }
    match f.code {
        // Only the "YAML read a number where a string is expected" case carries advice.
        "TB103" if value.is_number() && f.help.is_some() => {
            quote_number(doc, &f.pointer, text, lang)
        }
        "TB209" => remove_duplicate(f, doc, text, lang),
        "TB210" => title_marks(doc, &f.pointer, value.as_str()?, text, false, lang),
        "TB216" => title_marks(doc, &f.pointer, value.as_str()?, text, true, lang),
        _ => None,
    }
}

/// Does the pointer's last segment name a code (`basic_code`, `/region/code`)?
fn is_code_pointer(pointer: &str) -> bool {
    pointer
        .rsplit('/')
        .next()
        .is_some_and(|k| k.ends_with("code"))
}

/// The source span of a scalar node and whether it is written plain (unquoted, one line).
fn scalar<'t>(
    doc: &Document,
    pointer: &str,
    text: &'t str,
) -> Option<(std::ops::Range<usize>, &'t str)> {
    let range = doc.node(pointer)?.value.clone();
    let slice = text.get(range.clone())?;
    Some((range, slice))
}

fn safe(edits: Vec<Edit>, title: String) -> Option<Fix> {
    Some(Fix {
        edits,
        applicability: Applicability::Safe,
        title,
    })
}

/// A plain scalar: no quotes, one line, no comment or block indicator.
fn is_plain(slice: &str) -> bool {
    !slice.is_empty()
        && !slice.starts_with(['"', '\'', '|', '>', '&', '*', '!'])
        && !slice.contains(['\n', '\r', '#'])
}

fn quote_number(doc: &Document, pointer: &str, text: &str, lang: Lang) -> Option<Fix> {
    let (range, slice) = scalar(doc, pointer, text)?;
    if !is_plain(slice)
        || !slice
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'))
    {
        return None;
    }
    let title = match lang {
        Lang::Zh => format!("加引号：\"{slice}\""),
        Lang::En => format!("quote it: \"{slice}\""),
    };
    safe(
        vec![Edit {
            range,
            replacement: format!("\"{slice}\""),
        }],
        title,
    )
}

/// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space folded to ASCII.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

fn full_width_code(
    doc: &Document,
    pointer: &str,
    value: &Value,
    text: &str,
    lang: Lang,
) -> Option<Fix> {
    let s = value.as_str()?;
    let folded = half_width(s).trim().to_owned();
    if folded == s
        || !folded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return None;
    }
    let (range, slice) = scalar(doc, pointer, text)?;
    // Plain or double-quoted on one line; anything else (escapes, folding) is left alone.
    let quoted = slice.starts_with('"') && slice.ends_with('"') && slice.len() >= 2;
    if !(quoted && !slice[1..slice.len() - 1].contains(['\\', '"']) || is_plain(slice)) {
        return None;
    }
    let title = match lang {
        Lang::Zh => format!("改为半角：\"{folded}\""),
        Lang::En => format!("use half-width characters: \"{folded}\""),
    };
    safe(
        vec![Edit {
            range,
            replacement: format!("\"{folded}\""),
        }],
        title,
    )
}

/// Law-name endings for TB216: a basis that ends in one (maybe followed by an article) names
/// one law or regulation.
const LAW_ENDINGS: &[&str] = &["法", "条例", "规定", "办法", "决定", "细则", "规则"];

/// Where to put 《》 in a legal basis: the title's byte range, or `None` when the text does not
/// plainly name one law (generic words, several laws, marks already there).
fn law_title(name: &str) -> Option<std::ops::Range<usize>> {
    if name.contains(['《', '》', '、', '，', ',', '；', ';'])
        || ["相关", "有关", "等", "各项", "法律法规"]
            .iter()
            .any(|w| name.contains(w))
    {
        return None;
    }
    let start = name.len() - name.trim_start().len();
    // An article after the title: 第九条, 第二十三条第一款 …
    let end = match name.find('第') {
        Some(i) if i > start => i,
        _ => name.trim_end().len(),
    };
    let title = name.get(start..end)?.trim_end();
    let end = start + title.len();
    (LAW_ENDINGS.iter().any(|e| title.ends_with(e)) && title.chars().count() >= 3)
        .then_some(start..end)
}

/// The core of a form name for TB210: without surrounding spaces and trailing punctuation.
fn form_title(name: &str) -> Option<std::ops::Range<usize>> {
    if name.contains(['《', '》']) {
        return None;
    }
    let start = name.len() - name.trim_start().len();
    let core = name.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '；' | ';' | '，' | ',' | '」' | '”')
    });
    (core.len() > start).then_some(start..core.len())
}

fn title_marks(
    doc: &Document,
    pointer: &str,
    name: &str,
    text: &str,
    law: bool,
    lang: Lang,
) -> Option<Fix> {
    let inner = if law {
        law_title(name)?
    } else {
        form_title(name)?
    };
    let (range, slice) = scalar(doc, pointer, text)?;
    // Map the value's offsets to the source: a plain scalar is the value itself; a quoted one
    // without escapes is the value between its quotes.
    let offset = if is_plain(slice) && slice == name {
        range.start
    } else if slice.len() >= 2
        && (slice.starts_with('"') && slice.ends_with('"') && !slice.contains('\\')
            || slice.starts_with('\'')
                && slice.ends_with('\'')
                && !slice[1..slice.len() - 1].contains('\''))
        && &slice[1..slice.len() - 1] == name
    {
        range.start + 1
    } else {
        return None;
    };
    let title = &name[inner.clone()];
    let label = match lang {
        Lang::Zh => format!("加书名号：《{title}》"),
        Lang::En => format!("put it in 《》: 《{title}》"),
    };
    // A generic word or a description is not yet a title: marking it claims one.
    let applicability = if law || (title.chars().count() > 3 && !title.contains('的')) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(Fix {
        applicability,
        title: label,
        edits: vec![
            Edit {
                range: offset + inner.start..offset + inner.start,
                replacement: "《".into(),
            },
            Edit {
                range: offset + inner.end..offset + inner.end,
                replacement: "》".into(),
            },
        ],
    })
}

/// The standard name of a material in an item, from the synonyms dictionary `diff` uses. The
/// one place fixes consult the dictionary, so another dictionary can take its place.
pub(crate) fn standard_name<'d>(
    data: &'d Data,
    item: &str,
    code: Option<&str>,
    name: &str,
) -> Option<&'d str> {
    let norm = crate::data::normalize::normalize(name);
    data.synonyms
        .canonical(&crate::data::normalize::normalize(item), code, &norm)
}

/// An unsafe fix that rewrites the material name at `pointer` (`/materials/N/name`) to its
/// standard name from the dictionary, when the dictionary knows a different one. No rule reports
/// a non-standard name (real guides use them legitimately), so editors offer it as an action.
pub(crate) fn reword_material(
    doc: &Document,
    pointer: &str,
    text: &str,
    data: &Data,
    lang: Lang,
) -> Option<Fix> {
    let rest = pointer.strip_prefix("/materials/")?.strip_suffix("/name")?;
    rest.parse::<usize>().ok()?;
    let name = crate::load::lookup(&doc.value, pointer)?.as_str()?;
    let item = crate::load::lookup(&doc.value, "/item/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let code = crate::load::lookup(&doc.value, "/item/basic_code")
        .and_then(Value::as_str)
        .map(str::to_ascii_uppercase);
    let standard = standard_name(data, item, code.as_deref(), name)?;
    if crate::data::normalize::normalize(standard) == crate::data::normalize::normalize(name) {
        return None;
    }
    let (range, _) = scalar(doc, pointer, text)?;
    if standard.contains(['"', '\\']) {
        return None;
    }
    let replacement = format!("\"{standard}\"");
    Some(Fix {
        edits: vec![Edit { range, replacement }],
        applicability: Applicability::Unsafe,
        title: match lang {
            Lang::Zh => format!("改为词典中的标准名称“{standard}”"),
            Lang::En => format!("use the dictionary's standard name `{standard}`"),
        },
    })
}

fn remove_duplicate(f: &Finding, doc: &Document, text: &str, lang: Lang) -> Option<Fix> {
    let entry = f.pointer.strip_suffix("/name")?;
    let (list, index) = entry.rsplit_once('/')?;
    let index: usize = index.parse().ok()?;
    let materials = crate::load::lookup(&doc.value, list)?.as_array()?;
    let this = materials.get(index)?.as_object()?;
    let first_span = &f.related.first()?.span;
    let first = (0..index)
        .find(|j| {
            doc.node(&format!("{list}/{j}/name"))
                .is_some_and(|n| &n.value == first_span)
        })
        .and_then(|j| materials.get(j)?.as_object())?;
    // Exact: names equal once normalised (NFKC, 《》, punctuation) and every other field equal.
    let name = |m: &serde_json::Map<String, Value>| {
        m.get("name")
            .and_then(Value::as_str)
            .map(crate::data::normalize::normalize)
    };
    let others = |m: &serde_json::Map<String, Value>| {
        let mut m = m.clone();
        m.remove("name");
        m
    };
    let exact = name(this) == name(first) && others(this) == others(first);
    let range = entry_lines(doc, entry, text)?;
    let label = match lang {
        Lang::Zh => "删除重复的材料".to_owned(),
        Lang::En => "remove the duplicate material".to_owned(),
    };
    Some(Fix {
        edits: vec![Edit {
            range,
            replacement: String::new(),
        }],
        applicability: if exact {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        title: label,
    })
}

/// The whole lines of a block-sequence entry (`  - name: …` and its continuation lines), when
/// nothing else shares them.
fn entry_lines(doc: &Document, pointer: &str, text: &str) -> Option<std::ops::Range<usize>> {
    let node = doc.node(pointer)?.value.clone();
    let line_start = text[..node.start].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line_start..node.start];
    let dash = lead.trim_start();
    if !(dash.starts_with('-') && dash[1..].trim().is_empty()) {
        return None;
    }
    let end = node.end.min(text.len());
    let rest = &text[end..];
    let line_end = rest.find('\n').map_or(text.len(), |i| end + i + 1);
    let tail = text[end..line_end].trim();
    if !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    Some(line_start..line_end)
}

/// Applies the fixes' edits to `text`: each fix whole or not at all, skipping a fix that overlaps
/// one applied before it (the next round of [`fix_text`] picks it up). Returns the new text and
/// how many fixes were applied.
pub(crate) fn apply<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    fixes.sort_by_key(|f| (f.edits[0].range.start, f.edits[0].range.end));
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut last_end = 0;
    let mut last_insert: Option<usize> = None;
    for fix in fixes {
        let mut sorted: Vec<&Edit> = fix.edits.iter().collect();
        sorted.sort_by_key(|e| (e.range.start, e.range.end));
        let mut end = last_end;
        let mut ok = true;
        for e in &sorted {
            // Two insertions at one point would be ordered arbitrarily: keep the first.
            if e.range.start < end
                || e.range.end > text.len()
                || !text.is_char_boundary(e.range.start)
                || !text.is_char_boundary(e.range.end)
                || (e.range.is_empty() && last_insert == Some(e.range.start))
            {
                ok = false;
                break;
            }
            end = e.range.end;
        }
        if !ok || sorted.windows(2).any(|w| w[1].range.start < w[0].range.end) {
            continue;
        }
        last_end = end;
        last_insert = sorted
            .iter()
            .rev()
            .find(|e| e.range.is_empty())
            .map(|e| e.range.start);
        edits.extend(sorted);
        applied += 1;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Whether `--fix` applies this fix.
pub(crate) fn applies(fix: &Fix, unsafe_fixes: bool) -> bool {
    fix.applicability == Applicability::Safe || unsafe_fixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fix_is_listed_in_its_rule_doc() {
        // The codes `fix_for` dispatches on, and one the full-width fix applies to.
        for code in ["TB103", "TB105", "TB209", "TB210", "TB216"] {
            let check = crate::rules::lookup(code)
                .unwrap_or_else(|| panic!("{code} has a fix but is no check or rule"));
            assert!(
                !check.fixes.is_empty(),
                "{code}: its declaration lists no fix"
            );
        }
        for check in crate::rules::registry() {
            let md = crate::rules::docs::entry_markdown(check, crate::diagnostic::Lang::En);
            for f in check.fixes {
                assert!(
                    md.contains("\n### Fix\n"),
                    "{}: no `### Fix` section",
                    check.code
                );
                assert!(
                    md.contains(f.text),
                    "{}: its fix is not documented",
                    check.code
                );
            }
        }
    }

    fn doc(text: &str) -> Document {
        crate::load::load_bytes(
            String::new(),
            text.as_bytes(),
            &Default::default(),
            Lang::En,
        )
        .document
        .unwrap()
    }

    #[test]
    fn marks_on_a_generic_or_descriptive_form_name_are_unsafe() {
        let text = "materials:\n  - name: 申请书\n  - name: 全体合伙人签署的设立登记申请书\n  - name: \"生育服务登记表\"\n  - name: \"a\\u4e00表\"\n";
        let d = doc(text);
        let at = |i: usize, name: &str| {
            title_marks(
                &d,
                &format!("/materials/{i}/name"),
                name,
                text,
                false,
                Lang::En,
            )
        };
        let fix = |i, name| at(i, name).map(|f| f.applicability);
        assert_eq!(fix(0, "申请书"), Some(Applicability::Unsafe));
        assert_eq!(
            fix(1, "全体合伙人签署的设立登记申请书"),
            Some(Applicability::Unsafe)
        );
        let quoted = at(2, "生育服务登记表").unwrap();
        assert_eq!(quoted.applicability, Applicability::Safe);
        assert_eq!(
            apply(text, [&quoted]).0.lines().nth(3),
            Some("  - name: \"《生育服务登记表》\"")
        );
        // An escape inside quotes: the value's offsets are not the source's, so no fix.
        assert!(at(3, "a一表").is_none());
    }

    #[test]
    fn law_titles() {
        assert_eq!(
            law_title("中华人民共和国合伙企业法第九条")
                .map(|r| &"中华人民共和国合伙企业法第九条"[r]),
            Some("中华人民共和国合伙企业法")
        );
        assert_eq!(
            law_title("市场主体登记管理条例").map(|r| &"市场主体登记管理条例"[r]),
            Some("市场主体登记管理条例")
        );
        assert!(law_title("相关法律法规").is_none());
        assert!(law_title("合伙企业法、公司法").is_none());
        assert!(law_title("本级规范性文件").is_none());
    }

    #[test]
    fn half_width_folds_digits_and_letters() {
        assert_eq!(half_width("４３００００"), "430000");
        assert_eq!(half_width("９１ＡＢ"), "91AB");
    }

    fn edit(r: std::ops::Range<usize>, s: &str) -> Edit {
        Edit {
            range: r,
            replacement: s.into(),
        }
    }

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix {
            edits,
            applicability: Applicability::Safe,
            title: String::new(),
        }
    }

    #[test]
    fn apply_skips_overlapping_fixes_whole() {
        let a = fix(vec![edit(0..3, "ABC")]);
        let b = fix(vec![edit(2..4, "x"), edit(5..5, "!")]);
        let c = fix(vec![edit(4..4, "-")]);
        let (out, n) = apply("abcdefg", [&a, &b, &c]);
        assert_eq!((out.as_str(), n), ("ABCd-efg", 2));
    }

    #[test]
    fn apply_keeps_one_of_two_insertions_at_a_point() {
        let a = fix(vec![edit(1..1, "x")]);
        let b = fix(vec![edit(1..1, "y")]);
        assert_eq!(apply("ab", [&a, &b]), ("axb".to_owned(), 1));
    }
}
