//! The document ontology (`catalogs/documents.yaml`, schema `schemas/documents.schema.json`):
//! canonical documents with their variants, a hierarchy of categories (身份证明 ⊇ 居民身份证,
//! 户口簿 …), links to the 电子证照 catalogue, item-scoped entries and user overrides ("never
//! merge A and B", "A is B"). Loading validates it like a guide, with located findings. The
//! legacy synonyms format (`materials:` with `canonical`/`variants`) is read as documents.
//! Users extend the bundled ontology with a file beside their guides; their entries win.
//! Nothing here reads a material name: `requirement.rs` does.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::data::normalize::normalize;
use crate::diagnostic::{self as dx, Finding, Lang, Severity};
use crate::error::Error;
use crate::load::{self, Limits, Loaded};
use crate::schema::Schema;

/// The schema of the ontology, embedded in the binary.
pub const DOCUMENTS_SCHEMA: &str = include_str!("../../schemas/documents.schema.json");

/// The bundled ontology (`catalogs/documents.yaml`).
pub const BUNDLED: &str = include_str!("../../catalogs/documents.yaml");

/// File names under which a folder of guides carries its own ontology.
pub use crate::input::DICTIONARY_NAMES as FILE_NAMES;

/// Where an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The bundled `catalogs/documents.yaml`.
    Bundled,
    /// A user's file (`--synonyms`, config `synonyms`, or the folder's `documents.yaml`).
    User,
}

/// One canonical document or category.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 规范名称.
    pub name: String,
    /// A class of documents rather than one document.
    pub category: bool,
    /// The category it belongs to (index into [`Ontology::entries`]).
    pub parent: Option<usize>,
    /// The 电子证照 it corresponds to.
    pub e_licence: Option<String>,
    /// Its public source.
    pub basis: Option<String>,
    /// Where it came from.
    pub origin: Origin,
}

#[derive(Debug, Clone)]
struct Target {
    entry: usize,
    /// Normalised item names or codes the entry is limited to; empty = every item.
    items: Vec<String>,
}

/// The ontology: normalised names → entries, optionally per item.
#[derive(Debug, Clone, Default)]
pub struct Ontology {
    /// Every entry, bundled first.
    pub entries: Vec<Entry>,
    map: HashMap<String, Vec<Target>>,
    /// The length in bytes of the longest name in `map`: a longer name is known to be unknown
    /// without hashing it (keeps the suffix search linear in a name's length).
    longest: usize,
    /// Normalised names that must never be merged with another (from `never_merge`).
    never_merge: Vec<(String, String)>,
    /// Where the user part came from (`bundled` when there is none).
    pub origin: String,
}

/// An entry found for a name.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// Index into [`Ontology::entries`].
    pub id: usize,
    /// The entry.
    pub entry: &'a Entry,
}

impl Ontology {
    /// The bundled ontology.
    pub fn bundled() -> Result<Ontology, Error> {
        static BUNDLE: OnceLock<Result<Ontology, String>> = OnceLock::new();
        BUNDLE
            .get_or_init(|| {
                let loaded = load::load_bytes(
                    "catalogs/documents.yaml (bundled)".into(),
                    BUNDLED.as_bytes(),
                    &Limits::default(),
                    Lang::En,
                );
                let mut o = Ontology::default();
                o.add_loaded(loaded, Lang::En, Origin::Bundled)
                    .map_err(|e| e.to_string())?;
                o.origin = "bundled".into();
                Ok(o)
            })
            .clone()
            .map_err(|message| Error::Synonyms {
                path: "catalogs/documents.yaml (bundled)".into(),
                message,
            })
    }

    /// The bundled ontology extended by a user's file (validated against the schema).
    pub fn from_file(path: &Path, lang: Lang) -> Result<Ontology, Error> {
        let loaded = load::load_file(path, path.display().to_string(), &Limits::default(), lang);
        let text: &str = &loaded.source.text;
        if text == BUNDLED {
            // The bundled file itself (diff catalogs): not a user's extension.
            return Ontology::bundled();
        }
        let mut o = Ontology::bundled()?;
        o.add_loaded(loaded, lang, Origin::User)?;
        o.origin = path.display().to_string();
        Ok(o)
    }

    /// Validates a loaded ontology file and returns every finding: input, schema, unknown
    /// parents and conflicts (a name given to two entries of one item). `tongban lint` uses it.
    pub fn check(loaded: &Loaded, lang: Lang) -> Vec<Finding> {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        let mut findings = loaded.findings.clone();
        if let Some(doc) = &loaded.document {
            let schema = SCHEMA.get_or_init(|| {
                Schema::embedded(DOCUMENTS_SCHEMA, "documents")
                    .expect("the embedded ontology schema compiles (tested)")
            });
            findings.extend(schema.check(doc, &loaded.source, lang));
            if findings.iter().all(|f| f.severity != Severity::Error) {
                // Checked against the bundled entries too, so a user file may name their parents.
                let text: &str = &loaded.source.text;
                let mut scratch = if text == BUNDLED {
                    Ontology::default()
                } else {
                    Ontology::bundled().unwrap_or_default()
                };
                for (pointer, message) in scratch.build(&doc.value, Origin::User) {
                    let at = doc.locate(&pointer, &loaded.source.text);
                    findings
                        .push(Finding::new(dx::INVALID_VALUE, message, at).with_pointer(pointer));
                }
            }
        }
        findings
    }

    fn add_loaded(&mut self, loaded: Loaded, lang: Lang, origin: Origin) -> Result<(), Error> {
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
                message: "no ontology in file".into(),
            });
        };
        self.build(&doc.value, origin);
        Ok(())
    }

    /// Adds the entries of one file; returns problems as (pointer, message).
    fn build(&mut self, value: &Value, origin: Origin) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let first = self.entries.len();
        // (entry id, parent name, pointer) resolved once every entry of the file is known.
        let mut parents: Vec<(usize, String, String)> = Vec::new();
        // Names the user file takes over from the bundled ontology.
        let mut claimed: Vec<String> = Vec::new();
        let mut implied: Vec<(String, usize, Vec<String>)> = Vec::new();
        let strings = |v: Option<&Value>| -> Vec<(usize, String)> {
            v.and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .enumerate()
                        .filter_map(|(j, s)| Some((j, s.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default()
        };
        for (section, name_key) in [("documents", "name"), ("materials", "canonical")] {
            let list = value
                .get(section)
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            for (i, e) in list.iter().enumerate() {
                let Some(name) = e.get(name_key).and_then(Value::as_str) else {
                    continue;
                };
                let id = self.entries.len();
                self.entries.push(Entry {
                    name: name.trim().to_owned(),
                    category: e.get("kind").and_then(Value::as_str) == Some("category"),
                    parent: None,
                    e_licence: e
                        .get("e_licence")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    basis: e.get("basis").and_then(Value::as_str).map(str::to_owned),
                    origin,
                });
                if let Some(p) = e.get("parent").and_then(Value::as_str) {
                    parents.push((id, p.to_owned(), format!("/{section}/{i}/parent")));
                }
                let items: Vec<String> = strings(e.get("items"))
                    .into_iter()
                    .map(|(_, s)| normalize(&s))
                    .collect();
                let names =
                    std::iter::once((format!("/{section}/{i}/{name_key}"), name.to_owned())).chain(
                        strings(e.get("variants"))
                            .into_iter()
                            .map(|(j, v)| (format!("/{section}/{i}/variants/{j}"), v)),
                    );
                for (pointer, n) in names {
                    if let Some(message) = self.insert(&n, id, &items, first, &mut claimed) {
                        problems.push((pointer, message));
                    }
                    if let Some(short) = short_proof(&n) {
                        implied.push((short, id, items.clone()));
                    }
                }
            }
        }
        // X证明材料 is written X证明 as often (婚姻状况证明材料 / 婚姻状况证明): the short form
        // names the same entry unless a file names it itself.
        for (short, id, items) in implied {
            if !self.map.contains_key(&normalize(&short)) {
                self.insert(&short, id, &items, first, &mut claimed);
            }
        }
        for (id, parent, pointer) in parents {
            let key = normalize(&parent);
            // The nearest definition: this file's own, else the bundled one.
            let found = self.entries.iter().rposition(|e| normalize(&e.name) == key);
            match found {
                Some(p) if p != id => self.entries[id].parent = Some(p),
                _ => problems.push((
                    pointer,
                    format!(
                        "unknown parent “{parent}”: name an entry of this file or of the bundled catalogs/documents.yaml / 上位类别“{parent}”不存在"
                    ),
                )),
            }
        }
        let overrides = value.get("overrides");
        for (i, pair) in overrides
            .and_then(|o| o.get("never_merge"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
        {
            let names = strings(Some(pair));
            if let [(_, a), (_, b)] = names.as_slice() {
                self.never_merge.push((normalize(a), normalize(b)));
            } else {
                problems.push((
                    format!("/overrides/never_merge/{i}"),
                    "never_merge takes two names".into(),
                ));
            }
        }
        for (i, pair) in overrides
            .and_then(|o| o.get("same"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
        {
            let names = strings(Some(pair));
            let [(_, a), (_, b)] = names.as_slice() else {
                continue;
            };
            // "A is B": A becomes a name of B's entry (a new entry when B is unknown).
            let id = match self.lookup("", None, &normalize(b)) {
                Some(hit) => hit.id,
                None => {
                    self.entries.push(Entry {
                        name: b.trim().to_owned(),
                        category: false,
                        parent: None,
                        e_licence: None,
                        basis: None,
                        origin,
                    });
                    let id = self.entries.len() - 1;
                    self.insert(b, id, &[], first, &mut claimed);
                    id
                }
            };
            if let Some(message) = self.insert(a, id, &[], first, &mut claimed) {
                problems.push((format!("/overrides/same/{i}/0"), message));
            }
        }
        problems
    }

    /// Maps a name to an entry. A name of the user file replaces the bundled meaning of that
    /// name; two entries of one file may not share a name in overlapping item scopes.
    fn insert(
        &mut self,
        name: &str,
        id: usize,
        items: &[String],
        first_of_file: usize,
        claimed: &mut Vec<String>,
    ) -> Option<String> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        self.longest = self.longest.max(key.len());
        let entries = &self.entries;
        let slot = self.map.entry(key.clone()).or_default();
        if !claimed.contains(&key) {
            // The first time this file names it: drop what earlier files said.
            slot.retain(|t| t.entry >= first_of_file);
            claimed.push(key);
        }
        if let Some(other) = slot
            .iter()
            .find(|t| t.entry != id && scopes_overlap(&t.items, items))
        {
            return Some(format!(
                "“{name}” is already a name of “{}”; a name may belong to one entry per item / 同一名称只能对应一个规范文书",
                entries[other.entry].name
            ));
        }
        if !slot.iter().any(|t| t.entry == id) {
            slot.push(Target {
                entry: id,
                items: items.to_vec(),
            });
        }
        None
    }

    /// The items (normalised names or codes) some entry is limited to.
    pub fn item_scopes(&self) -> std::collections::BTreeSet<&str> {
        self.map
            .values()
            .flatten()
            .flat_map(|t| t.items.iter().map(String::as_str))
            .collect()
    }

    /// The entry a normalised name denotes in an item (normalised name, optional basic code).
    /// An item-scoped entry wins over a global one.
    pub fn lookup(&self, item: &str, code: Option<&str>, name: &str) -> Option<Hit<'_>> {
        if name.len() > self.longest {
            return None;
        }
        let targets = self.map.get(name)?;
        let scoped = targets.iter().find(|t| {
            t.items
                .iter()
                .any(|i| i == item || Some(i.as_str()) == code)
        });
        scoped
            .or_else(|| targets.iter().find(|t| t.items.is_empty()))
            .map(|t| Hit {
                id: t.entry,
                entry: &self.entries[t.entry],
            })
    }

    /// The canonical name of a normalised material name, if the ontology knows it.
    pub fn canonical(&self, item: &str, code: Option<&str>, name: &str) -> Option<&str> {
        self.lookup(item, code, name).map(|h| h.entry.name.as_str())
    }

    /// The longest known name that ends `name` (at least two characters), with the part before
    /// it: 生育登记代办委托书 → (授权委托书, "生育登记代办"). Used when the whole name is unknown.
    /// Only the suffixes no longer than the longest known name are tried: linear in `name`.
    pub fn suffix(&self, item: &str, code: Option<&str>, name: &str) -> Option<(Hit<'_>, usize)> {
        let first = name.chars().next().map_or(0, char::len_utf8);
        let from = first.max(name.len().saturating_sub(self.longest));
        name.char_indices()
            .map(|(i, _)| i)
            .skip_while(|&i| i < from)
            .filter(|&i| name[i..].chars().nth(1).is_some())
            .find_map(|i| Some((self.lookup(item, code, &name[i..])?, i)))
    }

    /// The length in bytes of the longest known (normalised) name.
    pub fn longest_name(&self) -> usize {
        self.longest
    }

    /// The category of an entry: itself when it is one, else its parent.
    pub fn category(&self, id: usize) -> Option<usize> {
        if self.entries[id].category {
            Some(id)
        } else {
            self.entries[id].parent
        }
    }

    /// The first document listed under a category (居民身份证 for 身份证明): in one guide, the
    /// piece offering it keeps the category when two pieces of the category are both required.
    pub fn primary(&self, category: usize) -> Option<usize> {
        self.entries.iter().position(|e| e.parent == Some(category))
    }

    /// Whether entry `a` is a (transitive) parent of entry `b`.
    pub fn is_ancestor(&self, a: usize, b: usize) -> bool {
        let mut at = self.entries[b].parent;
        let mut steps = 0;
        while let Some(p) = at {
            if p == a {
                return true;
            }
            steps += 1;
            if steps > self.entries.len() {
                return false;
            }
            at = self.entries[p].parent;
        }
        false
    }

    /// Whether a normalised name is one that must never be merged with `other`.
    pub fn never_merge(&self, a: &str, b: &str) -> bool {
        self.never_merge
            .iter()
            .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }

    /// Whether a normalised name takes part in a `never_merge` override.
    pub fn is_kept_apart(&self, name: &str) -> bool {
        self.never_merge.iter().any(|(x, y)| x == name || y == name)
    }

    /// Number of names the ontology maps.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the ontology is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn scopes_overlap(a: &[String], b: &[String]) -> bool {
    a.is_empty() && b.is_empty() || a.iter().any(|x| b.contains(x))
}

/// The document ontology for `diff`, `coverage`, `material` and TB209: the bundled one, extended
/// by the file named (`--synonyms`, config `synonyms`), else by `documents.yaml` (or the legacy
/// `materials.yaml`) at the root of a folder given; with the user file's path.
pub(crate) fn for_paths(
    explicit: Option<&std::path::PathBuf>,
    paths: &[std::path::PathBuf],
    lang: crate::diagnostic::Lang,
) -> Result<(Ontology, Option<std::path::PathBuf>), Error> {
    Ok(match explicit {
        Some(path) => (Ontology::from_file(path, lang)?, Some(path.clone())),
        None => match paths
            .iter()
            .flat_map(|p| FILE_NAMES.map(|f| p.join(f)))
            .find(|p| p.is_file())
        {
            Some(path) => (Ontology::from_file(&path, lang)?, Some(path)),
            None => (Ontology::bundled()?, None),
        },
    })
}

/// The short form of a proof's long name: 婚姻状况证明材料 → 婚姻状况证明 (also 证明文件, 证明资料).
fn short_proof(name: &str) -> Option<String> {
    ["证明材料", "证明文件", "证明资料"]
        .iter()
        .find_map(|long| {
            let stem = name.strip_suffix(long)?;
            (!stem.is_empty()).then(|| format!("{stem}证明"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_ontology_is_valid_and_has_the_hierarchy() {
        let o = Ontology::bundled().unwrap();
        let id = o.lookup("x", None, "身份证").unwrap();
        assert_eq!(id.entry.name, "居民身份证");
        let cat = o.category(id.id).unwrap();
        assert_eq!(o.entries[cat].name, "身份证明");
        assert_eq!(o.primary(cat), Some(id.id));
        for member in ["户口簿", "护照", "港澳台居民居住证", "社会保障卡"] {
            let h = o.lookup("x", None, member).unwrap();
            assert_eq!(o.category(h.id), Some(cat), "{member}");
        }
        let h = o.lookup("x", None, "结婚证").unwrap();
        assert_eq!(o.entries[o.category(h.id).unwrap()].name, "婚姻关系证明");
        // Item-scoped: 合伙协议 is known in its item only.
        assert!(o.lookup("合伙企业设立登记", None, "合伙协议").is_some());
        assert!(o.lookup("生育登记", None, "合伙协议").is_none());
        let (h, at) = o.suffix("x", None, "生育登记代办委托书").unwrap();
        assert_eq!(h.entry.name, "授权委托书");
        assert_eq!(&"生育登记代办委托书"[..at], "生育登记");
    }

    /// The national entries know each sector's documents with their class, from the national
    /// material lists (工伤保险条例第十八条, 工伤认定办法第六条, 教育法第二十二条 …); a document that
    /// meets another need (the termination proof of 失业保险条例第十六条) stays out of the class.
    #[test]
    fn national_documents_are_known_with_their_classes() {
        let o = Ontology::bundled().unwrap();
        let class = |name: &str| {
            let h = o
                .lookup("x", None, name)
                .unwrap_or_else(|| panic!("{name}"));
            o.category(h.id).map(|c| o.entries[c].name.as_str())
        };
        for (document, category) in [
            ("劳动合同", "劳动关系证明"),
            ("聘用合同", "劳动关系证明"),
            ("职业病诊断证明书", "医疗诊断证明"),
            ("职业病诊断鉴定书", "医疗诊断证明"),
            ("毕业证书", "学历证明"),
            ("学历证书电子注册备案表", "学历证明"),
            ("事业单位法人证书", "主体资格证明"),
        ] {
            assert_eq!(class(document), Some(category), "{document}");
        }
        assert_eq!(class("终止或解除劳动关系证明"), None);
        assert_eq!(class("学位证书"), None);
        for (written, document) in [
            ("驾驶证", "机动车驾驶证"),
            ("行驶证", "机动车行驶证"),
            ("交通事故认定书", "道路交通事故认定书"),
            ("出生证", "出生医学证明"),
            ("残疾证", "残疾人证"),
            ("健康证", "健康证明"),
            ("教师资格证", "教师资格证书"),
            ("参保缴费证明", "参保证明"),
            ("身体条件的证明", "机动车驾驶人身体条件证明"),
            ("居民死亡医学证明", "死亡证明"),
        ] {
            assert_eq!(o.canonical("x", None, written), Some(document), "{written}");
        }
    }

    /// Every `e_licence` of the ontology names an entry of the bundled 电子证照 catalogue.
    #[test]
    fn e_licence_links_resolve() {
        let o = Ontology::bundled().unwrap();
        let catalogue = include_str!("../../catalogs/e-licences.yaml");
        let mut linked = 0;
        for e in &o.entries {
            if let Some(l) = &e.e_licence {
                assert!(
                    catalogue.contains(&format!("- name: {l}\n")),
                    "{} → {l}",
                    e.name
                );
                linked += 1;
            }
        }
        assert!(linked >= 6);
    }

    /// Every bundled entry cites a public source.
    #[test]
    fn bundled_entries_are_sourced() {
        let o = Ontology::bundled().unwrap();
        for e in &o.entries {
            assert!(e.basis.is_some(), "{} has no basis", e.name);
        }
    }

    /// An ontology text, loaded, with what `Ontology::check` finds in it.
    fn check(text: &str) -> (Loaded, Vec<Finding>) {
        let loaded = load::load_bytes(
            "d.yaml".into(),
            text.as_bytes(),
            &Limits::default(),
            Lang::En,
        );
        let findings = Ontology::check(&loaded, Lang::En);
        (loaded, findings)
    }

    #[test]
    fn conflicting_variant_is_a_located_finding() {
        let (loaded, f) =
            check("documents:\n  - name: A\n    variants: [x]\n  - name: B\n    variants: [x]\n");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].pointer, "/documents/1/variants/0");
        assert_eq!(loaded.source.position(f[0].span.start).line, 5);
    }

    #[test]
    fn unknown_parent_is_a_located_finding() {
        let (loaded, f) = check("documents:\n  - name: A\n    parent: 不存在的类别\n");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].pointer, "/documents/0/parent");
        assert_eq!(loaded.source.position(f[0].span.start).line, 3);
        // A user file may name a bundled category.
        let (_, f) = check("documents:\n  - name: 军官证\n    parent: 身份证明\n");
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn schema_errors_are_located() {
        let (_, f) = check("documents:\n  - name: A\n    variant: [x]\n");
        assert!(
            f.iter()
                .any(|f| f.code == "TB102" && f.pointer == "/documents/0/variant"),
            "{f:#?}"
        );
        let (_, f) = check("documents:\n  - name: A\n    kind: thing\n");
        assert!(!f.is_empty(), "{f:#?}");
    }

    #[test]
    fn legacy_materials_format_is_read_as_documents() {
        let (_, f) = check("materials:\n  - canonical: A\n    variants: [x]\n");
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn user_file_extends_and_overrides_the_bundled_ontology() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("documents.yaml");
        std::fs::write(
            &path,
            "documents:\n  - name: 军官证\n    parent: 身份证明\n  - name: 户口簿证明\n    variants: [户口本]\noverrides:\n  never_merge: [[户口簿, 居民身份证]]\n  same: [[身份证复印页, 居民身份证]]\n",
        )
        .unwrap();
        let o = Ontology::from_file(&path, Lang::En).unwrap();
        let h = o.lookup("x", None, "军官证").unwrap();
        assert_eq!(h.entry.origin, Origin::User);
        assert_eq!(o.entries[o.category(h.id).unwrap()].name, "身份证明");
        // The user's meaning of 户口本 replaces the bundled one.
        assert_eq!(o.canonical("x", None, "户口本"), Some("户口簿证明"));
        // Bundled names the user does not touch still work.
        assert_eq!(o.canonical("x", None, "身份证"), Some("居民身份证"));
        assert_eq!(o.canonical("x", None, "身份证复印页"), Some("居民身份证"));
        assert!(o.never_merge("居民身份证", "户口簿"));
    }
}
