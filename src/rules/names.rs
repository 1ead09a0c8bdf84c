//! Material-name normalisation for comparing names.
//!
//! `normalize_material_name` is `normalize::normalize`, shared with `tongban diff`; the synonyms
//! dictionary is `normalize::Synonyms`, also shared (config `synonyms`, else the folder's
//! `materials.yaml`, else the bundled one).

/// Folds a material name for comparison: the one normalisation `tongban diff` uses too
/// ([`crate::data::normalize::normalize`]: NFKC; 《》〈〉<> and quotes, whitespace and trailing
/// punctuation dropped). `《身份证》。` and `身份证` compare equal.
pub fn normalize_material_name(name: &str) -> String {
    crate::data::normalize::normalize(name)
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
