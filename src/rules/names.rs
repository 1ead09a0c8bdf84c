//! Material-name normalisation for comparing names.
//!
//! `normalize_material_name` is `normalize::normalize`, shared with `tongban diff`; the synonyms
//! dictionary is `normalize::Synonyms`, also shared (config `synonyms`, else the folder's
//! `materials.yaml`, else the bundled one). Also the editor's "use the standard name" action,
//! a fix no finding carries ([`reword_material`]).

use serde_json::Value;

use crate::diagnostic::{Applicability, Edit, Fix, Lang};
use crate::load::Document;
use crate::rules::Data;

/// Folds a material name for comparison: the one normalisation `tongban diff` uses too
/// ([`crate::data::normalize::normalize`]: NFKC; 《》〈〉<> and quotes, whitespace and trailing
/// punctuation dropped). `《身份证》。` and `身份证` compare equal.
pub fn normalize_material_name(name: &str) -> String {
    crate::data::normalize::normalize(name)
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
    let (range, _) = doc.source_of(pointer, text)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_marks_width_and_punctuation() {
        assert_eq!(normalize_material_name("《身份证》。"), "身份证");
        assert_eq!(
            normalize_material_name(" 营业执照 （副本）"),
            "营业执照(副本)"
        );
        assert_eq!(normalize_material_name("“合伙协议”；"), "合伙协议");
    }
}
