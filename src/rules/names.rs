//! Material-name normalisation for comparing names, and the synonym table.
//!
//! `normalize_material_name` is `normalize::normalize`, shared with `tongban diff`; this table
//! (config `synonyms`, a `canonical: [variants]` mapping) is the one `duplicate-material` uses.

use std::collections::HashMap;

/// Folds a material name for comparison: the one normalisation `tongban diff` uses too
/// ([`crate::normalize::normalize`]: NFKC; 《》〈〉<> and quotes, whitespace and trailing
/// punctuation dropped). `《身份证》。` and `身份证` compare equal.
pub fn normalize_material_name(name: &str) -> String {
    crate::normalize::normalize(name)
}

/// Variant name → canonical name, both normalised.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    map: HashMap<String, String>,
}

impl Synonyms {
    /// Builds the table from `canonical → variants` groups.
    pub fn from_groups<'a>(groups: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Self {
        let mut map = HashMap::new();
        for (canonical, variants) in groups {
            let c = normalize_material_name(canonical);
            for v in variants {
                map.insert(normalize_material_name(v), c.clone());
            }
        }
        Synonyms { map }
    }

    /// Parses a synonyms file: a YAML mapping from canonical name to a list of variants.
    pub fn parse(text: &str) -> Result<Self, String> {
        let loaded = crate::load::load_bytes(
            "synonyms".into(),
            text.as_bytes(),
            &crate::load::Limits::default(),
            crate::diagnostic::Lang::En,
        );
        if let Some(f) = loaded.findings.first() {
            let at = loaded.source.position(f.span.start);
            return Err(format!("{}:{}: {}", at.line, at.column, f.message));
        }
        let doc = loaded.document.ok_or("empty synonyms file")?;
        let serde_json::Value::Object(map) = &doc.value else {
            return Err("expected a mapping from a canonical name to a list of variants".into());
        };
        let mut groups = Vec::new();
        for (canonical, variants) in map {
            let list = variants
                .as_array()
                .filter(|a| a.iter().all(|v| v.is_string()))
                .ok_or_else(|| {
                    let at = loaded.source.position(
                        doc.locate(&format!("/{canonical}"), &loaded.source.text)
                            .start,
                    );
                    format!(
                        "{}:{}: the variants of `{canonical}` must be a list of strings",
                        at.line, at.column
                    )
                })?;
            groups.push((
                canonical.as_str(),
                list.iter().filter_map(|v| v.as_str()).collect(),
            ));
        }
        Ok(Self::from_groups(groups))
    }

    /// The canonical form of a (raw) material name.
    pub fn canonical(&self, name: &str) -> String {
        let n = normalize_material_name(name);
        self.map.get(&n).cloned().unwrap_or(n)
    }

    /// Number of variants known.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No synonyms.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
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

    #[test]
    fn synonyms_map_variants() {
        let s = Synonyms::parse("经营场所证明: [主要经营场所使用证明, 场所证明]\n").unwrap();
        assert_eq!(s.canonical("《主要经营场所使用证明》"), "经营场所证明");
        assert_eq!(s.canonical("合伙协议"), "合伙协议");
        assert!(Synonyms::parse("a: 1\n").is_err());
    }
}
