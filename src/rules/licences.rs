//! The electronic-licence catalogue (电子证照目录): which material names are licences that can be
//! fetched electronically. Bundled from `catalogs/e-licences.yaml`; a config may name another file.

use std::sync::LazyLock;

use serde::Deserialize;

use super::names::normalize_material_name;
use crate::diagnostic::Lang;
use crate::load::{self, Limits};

/// The bundled catalogue's text.
pub const BUNDLED: &str = include_str!("../../catalogs/e-licences.yaml");

/// The schema every catalogue must satisfy.
pub const SCHEMA: &str = include_str!("../../schemas/e-licences.schema.json");

/// One licence.
#[derive(Debug, Clone, Deserialize)]
pub struct Licence {
    /// Official name.
    pub name: String,
    /// Ways it is written in material names.
    pub names: Vec<String>,
    /// Look-alikes that are not this licence.
    #[serde(default)]
    pub not: Vec<String>,
    /// Where the entry comes from.
    #[serde(default)]
    pub basis: Option<String>,
    /// `names` and `not`, normalised once (matching runs for every material of every guide).
    #[serde(skip)]
    normalized: Option<(Vec<String>, Vec<String>)>,
}

impl Licence {
    fn normalize(&mut self) {
        self.normalized = Some((
            self.names
                .iter()
                .map(|n| normalize_material_name(n))
                .collect(),
            self.not
                .iter()
                .map(|n| normalize_material_name(n))
                .collect(),
        ));
    }
}

/// The catalogue.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Licences {
    /// Every licence.
    pub licences: Vec<Licence>,
}

static BUNDLED_PARSED: LazyLock<Licences> =
    LazyLock::new(|| Licences::parse(BUNDLED).expect("bundled e-licence catalogue is valid"));

impl Licences {
    /// The catalogue shipped with tongban.
    pub fn bundled() -> Licences {
        BUNDLED_PARSED.clone()
    }

    /// Parses and validates a catalogue; the error says where (line:column) and what.
    pub fn parse(text: &str) -> Result<Licences, String> {
        let loaded = load::load_bytes(
            "e-licences".into(),
            text.as_bytes(),
            &Limits::default(),
            Lang::En,
        );
        let at = |span: std::ops::Range<usize>| {
            let p = loaded.source.position(span.start);
            format!("{}:{}", p.line, p.column)
        };
        if let Some(f) = loaded.findings.first() {
            return Err(format!("{}: {}", at(f.span.clone()), f.message));
        }
        let doc = loaded.document.as_ref().ok_or("empty catalogue")?;
        let schema: serde_json::Value =
            serde_json::from_str(SCHEMA).map_err(|e| format!("bad bundled schema: {e}"))?;
        let validator = jsonschema::validator_for(&schema).map_err(|e| e.to_string())?;
        if let Some(e) = validator.iter_errors(&doc.value).next() {
            let pointer = e.instance_path().as_str().to_owned();
            return Err(format!(
                "{}: {e} (at `{pointer}`)",
                at(doc.locate(&pointer, &loaded.source.text))
            ));
        }
        let mut licences: Licences =
            serde_json::from_value(doc.value.clone()).map_err(|e| e.to_string())?;
        for l in &mut licences.licences {
            l.normalize();
        }
        Ok(licences)
    }

    /// The licence a material name refers to, if any.
    pub fn find(&self, material: &str) -> Option<&Licence> {
        let name = normalize_material_name(material);
        self.licences.iter().find(|l| {
            let owned;
            let (names, not) = match &l.normalized {
                Some((names, not)) => (names, not),
                None => {
                    let mut l = (*l).clone();
                    l.normalize();
                    owned = l.normalized.unwrap_or_default();
                    (&owned.0, &owned.1)
                }
            };
            let mut n = std::borrow::Cow::Borrowed(name.as_str());
            for not in not {
                if n.contains(not.as_str()) {
                    n = std::borrow::Cow::Owned(n.replace(not.as_str(), "\u{0}"));
                }
            }
            names.iter().any(|v| n.contains(v.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalogue_is_valid() {
        let l = Licences::bundled();
        assert!(l.licences.len() >= 9);
        assert_eq!(
            l.find("夫妻双方身份证复印件").map(|l| &*l.name),
            Some("居民身份证")
        );
        assert_eq!(
            l.find("《营业执照》副本").map(|l| &*l.name),
            Some("营业执照")
        );
        assert!(l.find("全体合伙人的身份证明").is_none());
        assert!(l.find("合伙协议").is_none());
    }

    #[test]
    fn invalid_catalogue_says_where() {
        let e = Licences::parse("licences:\n  - name: 身份证\n    nmes: [身份证]\n").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
    }
}
