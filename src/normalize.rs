//! Material names: normalisation (NFKC, brackets, quotes, whitespace, trailing punctuation), the
//! synonyms dictionary (`catalogs/materials.yaml`) and near-match scores. Never merges on a mere
//! similarity: near matches are suggestions for a person to judge.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::Error;
use crate::diagnostic::{self as dx, Finding, Lang, Severity};
use crate::load::{self, Limits, Loaded};
use crate::schema::Schema;

/// The schema of the synonyms dictionary, embedded in the binary.
pub const MATERIALS_SCHEMA: &str = include_str!("../schemas/materials.schema.json");

/// The bundled synonyms dictionary (`catalogs/materials.yaml`), used when no other is given.
pub const BUNDLED_SYNONYMS: &str = include_str!("../catalogs/materials.yaml");

/// The file name under which a folder of guides carries its own dictionary.
pub const DICTIONARY_FILE: &str = "materials.yaml";

/// Whether a path names a synonyms dictionary (by its file name) rather than a guide.
pub fn is_dictionary(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == DICTIONARY_FILE)
}

/// The NFKC form of `c` when it is known without the Unicode tables: ASCII, CJK unified
/// ideographs and the common CJK punctuation that NFKC leaves alone map to themselves; full-width
/// ASCII (U+FF01–FF5E) and the ideographic space map to their ASCII forms. None of these composes
/// with a neighbour, so a string made only of them normalises character by character.
fn simple_nfkc(c: char) -> Option<char> {
    match c {
        '\0'..='\u{7f}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{3001}'
        | '\u{3002}'
        | '\u{3008}'..='\u{3011}'
        | '\u{2014}'
        | '\u{2018}'
        | '\u{2019}'
        | '\u{201c}'
        | '\u{201d}'
        | '\u{b7}' => Some(c),
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Calls `f` with each character of the NFKC form of `s`. Guides are almost all ASCII, CJK
/// ideographs and CJK punctuation, which need no tables ([`simple_nfkc`]); anything else goes
/// through `unicode-normalization` (skipping the decomposition when the text is already NFKC).
pub fn for_each_nfkc(s: &str, mut f: impl FnMut(char)) {
    if s.chars().all(|c| simple_nfkc(c).is_some()) {
        s.chars().filter_map(simple_nfkc).for_each(f);
    } else if unicode_normalization::is_nfkc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        s.chars().for_each(f);
    } else {
        for c in s.nfkc() {
            f(c);
        }
    }
}

/// Normalises a material or item name for comparison: NFKC (full-width → half-width), book-title
/// marks 《》〈〉 and quotes removed, whitespace removed, trailing punctuation removed, ASCII
/// lower-cased. Parentheses stay (NFKC makes （） into ()): 住所（经营场所） keeps its meaning.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for_each_nfkc(name, |c| match c {
        '《' | '》' | '〈' | '〉' | '<' | '>' | '「' | '」' | '『' | '』' | '"' | '\'' | '“'
        | '”' | '‘' | '’' | '`' => {}
        '\u{200b}'..='\u{200d}' | '\u{feff}' => {}
        c if c.is_whitespace() => {}
        c => out.push(c.to_ascii_lowercase()),
    });
    let trimmed = out.trim_end_matches([
        '。', '.', ',', '、', ';', ':', '!', '?', '…', '·', '，', '；', '：',
    ]);
    trimmed.to_owned()
}

/// How similar two normalised names are, from 0 (nothing shared) to 1 (equal): the larger of the
/// Sørensen–Dice coefficient over character bigrams and a containment score (one name inside the
/// other, weighted by how much of the longer name it covers).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let dice = strsim::sorensen_dice(a, b);
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let (ns, nl) = (short.chars().count(), long.chars().count());
    let contained = if ns >= 2 && long.contains(short) {
        0.5 + 0.5 * ns as f64 / nl as f64
    } else {
        0.0
    };
    dice.max(contained)
}

/// Scores at or above this are reported as "possibly the same material".
pub const NEAR_MATCH_THRESHOLD: f64 = 0.6;

#[derive(Debug, Clone)]
struct Target {
    canonical: String,
    /// Normalised item names or codes the entry is limited to; empty = every item.
    items: Vec<String>,
}

/// The synonyms dictionary: normalised variant → canonical material, optionally per item.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    map: HashMap<String, Vec<Target>>,
    /// Where it came from (`bundled` or a path).
    pub origin: String,
}

impl Synonyms {
    /// The bundled dictionary.
    pub fn bundled() -> Result<Synonyms, Error> {
        let loaded = load::load_bytes(
            "catalogs/materials.yaml (bundled)".into(),
            BUNDLED_SYNONYMS.as_bytes(),
            &Limits::default(),
            Lang::En,
        );
        Self::from_loaded(loaded, Lang::En)
    }

    /// A dictionary file, validated against the dictionary schema.
    pub fn from_file(path: &Path, lang: Lang) -> Result<Synonyms, Error> {
        let loaded = load::load_file(path, path.display().to_string(), &Limits::default(), lang);
        Self::from_loaded(loaded, lang)
    }

    /// Validates a loaded dictionary and returns every finding: input, schema and conflicts
    /// (a variant given to two canonical materials). `tongban lint` uses it for dictionary files.
    pub fn check(loaded: &Loaded, lang: Lang) -> Vec<Finding> {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        let mut findings = loaded.findings.clone();
        if let Some(doc) = &loaded.document {
            let schema = SCHEMA.get_or_init(|| {
                Schema::embedded(MATERIALS_SCHEMA, "materials")
                    .expect("the embedded dictionary schema compiles (tested)")
            });
            findings.extend(schema.check(doc, &loaded.source, lang));
            if findings.iter().all(|f| f.severity != Severity::Error) {
                let (_, conflicts) = Self::build(&doc.value);
                for (pointer, message) in conflicts {
                    let at = doc.locate(&pointer, &loaded.source.text);
                    findings
                        .push(Finding::new(dx::INVALID_VALUE, message, at).with_pointer(pointer));
                }
            }
        }
        findings
    }

    fn from_loaded(loaded: Loaded, lang: Lang) -> Result<Synonyms, Error> {
        let findings = Self::check(&loaded, lang);
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| {
                let at = loaded.source.position(f.span.start);
                format!(
                    "{}:{}:{}: {} {}",
                    loaded.source.name, at.line, at.column, f.code, f.message
                )
            })
            .collect();
        if !errors.is_empty() {
            return Err(Error::Synonyms {
                path: loaded.source.name.clone(),
                message: errors.join("\n"),
            });
        }
        let Some(doc) = &loaded.document else {
            return Err(Error::Synonyms {
                path: loaded.source.name.clone(),
                message: "no dictionary in file".into(),
            });
        };
        let (mut synonyms, _) = Self::build(&doc.value);
        synonyms.origin = loaded.source.name.clone();
        Ok(synonyms)
    }

    /// Builds the map; returns conflicts as (pointer, message).
    fn build(value: &Value) -> (Synonyms, Vec<(String, String)>) {
        let mut syn = Synonyms::default();
        let mut conflicts = Vec::new();
        let entries = value
            .get("materials")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for (i, entry) in entries.iter().enumerate() {
            let Some(canonical) = entry.get("canonical").and_then(Value::as_str) else {
                continue;
            };
            let items: Vec<String> = entry
                .get("items")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(normalize).collect())
                .unwrap_or_default();
            let target = Target {
                canonical: canonical.trim().to_owned(),
                items,
            };
            let variants = entry
                .get("variants")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            let names = std::iter::once((format!("/materials/{i}/canonical"), canonical)).chain(
                variants.iter().enumerate().filter_map(|(j, v)| {
                    Some((format!("/materials/{i}/variants/{j}"), v.as_str()?))
                }),
            );
            for (pointer, name) in names {
                let key = normalize(name);
                let slot = syn.map.entry(key).or_default();
                if let Some(other) = slot.iter().find(|t| {
                    t.canonical != target.canonical && scopes_overlap(&t.items, &target.items)
                }) {
                    conflicts.push((
                        pointer,
                        format!(
                            "“{name}” is already a variant of “{}”; a name may belong to one canonical material per item / 同一名称只能对应一个规范材料",
                            other.canonical
                        ),
                    ));
                    continue;
                }
                if !slot.iter().any(|t| t.canonical == target.canonical) {
                    slot.push(target.clone());
                }
            }
        }
        (syn, conflicts)
    }

    /// The canonical name of a normalised material name in an item (given by its normalised name
    /// and optional basic code), if the dictionary knows it.
    pub fn canonical(&self, item_name: &str, item_code: Option<&str>, name: &str) -> Option<&str> {
        let targets = self.map.get(name)?;
        // An item-scoped entry wins over a global one.
        let scoped = targets.iter().find(|t| {
            t.items
                .iter()
                .any(|i| i == item_name || Some(i.as_str()) == item_code)
        });
        scoped
            .or_else(|| targets.iter().find(|t| t.items.is_empty()))
            .map(|t| t.canonical.as_str())
    }

    /// Number of names (canonical + variants) the dictionary maps.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn scopes_overlap(a: &[String], b: &[String]) -> bool {
    a.is_empty() && b.is_empty() || a.iter().any(|x| b.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_nfkc_agrees_with_the_unicode_tables() {
        let mut checked = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if let Some(mapped) = simple_nfkc(c) {
                let expected: String = c.to_string().nfkc().collect();
                assert_eq!(mapped.to_string(), expected, "U+{:04X}", c as u32);
                checked += 1;
            }
        }
        assert!(checked > 20_000);
        // Whole strings, mixing the fast set with characters that need the tables.
        for s in [
            "合伙企业登记（备案）申请书",
            "《营业执照》副本：１份",
            "e\u{301}tude　（ｓａｍｐｌｅ）",
            "Ⅻ号文件…",
            "ｶﾞ",
        ] {
            let mut fast = String::new();
            for_each_nfkc(s, |c| fast.push(c));
            assert_eq!(fast, s.nfkc().collect::<String>(), "{s}");
        }
    }

    #[test]
    fn normalises_width_brackets_space_punctuation() {
        assert_eq!(
            normalize(" 《合伙企业登记（备案）申请书》。"),
            "合伙企业登记(备案)申请书"
        );
        assert_eq!(normalize("ＡＢＣ　证明；"), "abc证明");
        assert_eq!(normalize("“经营场所证明”"), "经营场所证明");
        assert_eq!(normalize("〈营业执照〉 副本"), "营业执照副本");
    }

    #[test]
    fn similarity_scores() {
        assert_eq!(similarity("合伙协议", "合伙协议"), 1.0);
        assert!(similarity("合伙协议", "全体合伙人签署的合伙协议") >= NEAR_MATCH_THRESHOLD);
        assert!(similarity("结婚证", "营业执照") < NEAR_MATCH_THRESHOLD);
    }

    #[test]
    fn bundled_dictionary_is_valid_and_maps_the_domain_examples() {
        let s = Synonyms::bundled().unwrap();
        let item = normalize("合伙企业设立登记");
        for v in [
            "主要经营场所使用证明",
            "住所（经营场所）使用证明",
            "场所证明",
        ] {
            assert_eq!(
                s.canonical(&item, None, &normalize(v)),
                Some("经营场所证明"),
                "{v}"
            );
        }
        assert_eq!(
            s.canonical(&item, None, &normalize("申请书")),
            Some("设立登记申请书")
        );
        // Scoped: 申请书 of another item stays itself.
        assert_eq!(s.canonical("生育登记", None, &normalize("申请书")), None);
        assert_eq!(
            s.canonical("x", None, &normalize("身份证件")),
            Some("居民身份证")
        );
    }

    /// A dictionary text, loaded, with what `Synonyms::check` finds in it.
    fn check(text: &str) -> (Loaded, Vec<Finding>) {
        let loaded = load::load_bytes(
            "d.yaml".into(),
            text.as_bytes(),
            &Limits::default(),
            Lang::En,
        );
        let findings = Synonyms::check(&loaded, Lang::En);
        (loaded, findings)
    }

    #[test]
    fn conflicting_variant_is_a_located_finding() {
        let (loaded, f) = check(
            "materials:\n  - canonical: A\n    variants: [x]\n  - canonical: B\n    variants: [x]\n",
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].pointer, "/materials/1/variants/0");
        assert_eq!(loaded.source.position(f[0].span.start).line, 5);
    }

    #[test]
    fn schema_errors_are_located() {
        let (_, f) = check("materials:\n  - canonical: A\n    variant: [x]\n");
        assert!(
            f.iter()
                .any(|f| f.code == "TB102" && f.pointer == "/materials/0/variant"),
            "{f:#?}"
        );
        assert!(f.iter().any(|f| f.code == "TB101"), "{f:#?}");
    }
}
