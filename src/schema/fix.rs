//! The schema's fix, made where its findings are (as ruff's rules build theirs): a value YAML
//! read as a number where the schema expects a string is quoted, its digits kept as written
//! (TB103, documented as [`dx::QUOTE_NUMBER_FIX`]).

use crate::diagnostic::{self as dx, Applicability, Edit, Finding, Fix, Lang};
use crate::load::{self, Document};

/// Gives each wrong-type finding on a number that carries advice (only the "YAML read a number
/// where a string is expected" case does) the fix that quotes it.
pub(super) fn quote_numbers(findings: &mut [Finding], doc: &Document, text: &str, lang: Lang) {
    for f in findings.iter_mut() {
        if f.code == dx::WRONG_TYPE.code
            && f.help.is_some()
            && f.fix.is_none()
            && load::lookup(&doc.value, &f.pointer).is_some_and(|v| v.is_number())
        {
            f.fix = quote_number(doc, &f.pointer, text, lang).map(Box::new);
        }
    }
}

fn quote_number(doc: &Document, pointer: &str, text: &str, lang: Lang) -> Option<Fix> {
    let (range, slice) = doc.source_of(pointer, text)?;
    if !load::is_plain(slice)
        || !slice
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'))
    {
        return None;
    }
    Some(Fix {
        edits: vec![Edit {
            range,
            replacement: format!("\"{slice}\""),
        }],
        applicability: Applicability::Safe,
        title: match lang {
            Lang::Zh => format!("加引号：\"{slice}\""),
            Lang::En => format!("quote it: \"{slice}\""),
        },
    })
}
