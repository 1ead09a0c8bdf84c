//! What a rule is: the [`Def`] that declares it, the [`Context`] it sees of one guide, the
//! [`Rule`] (one guide) and [`CrossRule`] (one element across regions) traits, and the data it may
//! consult. Below every rule and the registry.

use serde_json::Value;

use crate::diagnostic::{Check, Finding, Fix, Lang};
use crate::load::Document;
use crate::source::Source;

/// Data rules consult besides the guide itself.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Electronic licences recognised nationwide (电子证照).
    pub licences: super::licences::Licences,
    /// The material synonyms dictionary (`catalogs/materials.yaml` format), the same one
    /// `tongban diff` aligns materials with.
    pub synonyms: crate::data::ontology::Ontology,
    /// Material names read with `synonyms`, once per distinct wording (TB209).
    pub readings: crate::compare::requirement::Readings,
}

/// What a rule sees of one guide.
pub struct Context<'a> {
    /// The parsed guide.
    pub doc: &'a Document,
    /// Its text (for spans).
    pub source: &'a Source,
    /// Message language.
    pub lang: Lang,
    /// Licence and synonym tables.
    pub data: &'a Data,
}

impl Context<'_> {
    /// The value at `pointer`, if present.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        crate::load::lookup(&self.doc.value, pointer)
    }

    /// The string at `pointer`, if present and a string.
    pub fn str(&self, pointer: &str) -> Option<&str> {
        self.get(pointer).and_then(Value::as_str)
    }

    /// A finding of `def` located at `pointer`, with the message in the context's language.
    pub fn finding(&self, def: &Def, pointer: &str, zh: String, en: String) -> Finding {
        let span = self.doc.locate(pointer, &self.source.text);
        let message = match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        };
        Finding::new(def.check, message, span).with_pointer(pointer)
    }

    /// The guide's materials, with their pointers (`/materials/0` …).
    pub fn materials(&self) -> impl Iterator<Item = (String, &serde_json::Map<String, Value>)> {
        self.get("/materials")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, m)| Some((format!("/materials/{i}"), m.as_object()?)))
    }

    /// Chooses between a Chinese and an English text.
    pub fn pick<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }
}

/// A rule's declaration: its [`Check`] (code, name, severity, kind, summaries, documentation,
/// fixes) and how it relates to the schema checks.
#[derive(Debug)]
pub struct Def {
    /// Code, name, default severity, kind, summaries, documentation and fixes.
    pub check: Check,
    /// Schema checks this rule explains better: a finding of this rule at a pointer removes
    /// findings of these codes at the same pointer (e.g. the length of 实施编码 vs TB105).
    pub supersedes: &'static [&'static str],
}

/// A rule that looks at one guide.
pub trait Rule: Sync {
    /// Identity and documentation.
    fn def(&self) -> &'static Def;
    /// Appends this rule's findings for one guide.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
    /// The fix of one of this rule's findings in the guide `cx` sees: edits of the text computed
    /// from the spans the `Document` gives, never from re-serialised YAML, so comments and
    /// formatting survive (ruff's `Violation` with the `Fix` built beside it). `None` (the
    /// default) when the rule has no fix or the source is not the simple shape it expects: no
    /// fix is better than a wrong one. Each fix a rule makes is documented by a `FixDoc` in its
    /// declaration's `fixes`.
    fn fix(&self, finding: &Finding, cx: &Context<'_>) -> Option<Fix> {
        let _ = (finding, cx);
        None
    }
}

/// A rule that compares one element of the same item across several guides (regions).
pub trait CrossRule: Sync {
    /// Identity and documentation.
    fn def(&self) -> &'static Def;
    /// The element's pointer in a guide.
    fn pointer(&self) -> &'static str;
    /// The element's value in one guide, normalised for comparison (`None` when absent).
    /// By default: the string at [`CrossRule::pointer`], folded (NFKC, no whitespace).
    fn value(&self, doc: &Value) -> Option<String> {
        Some(fold(crate::load::lookup(doc, self.pointer())?.as_str()?))
    }
    /// The element's Chinese title, for messages.
    fn title(&self) -> &'static str;
    /// The element's English title, for messages.
    fn title_en(&self) -> &'static str;
    /// Whether the national baseline (`100000`) takes part. National bodies are named
    /// differently (总局, 部), so comparing agencies with it would say nothing.
    fn compares_national(&self) -> bool {
        true
    }
    /// Whether a guide's value agrees with the reference value (equality unless overridden).
    fn agrees(&self, value: &str, reference: &str) -> bool {
        value == reference
    }
}

/// Folds text for comparison: NFKC, no whitespace.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::data::normalize::for_each_nfkc(s, |c| {
        if !c.is_whitespace() {
            out.push(c);
        }
    });
    out
}
