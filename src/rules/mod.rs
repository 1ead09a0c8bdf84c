//! Lint rules beyond the schema: what the standards say that JSON Schema cannot express.
//! Each rule sees one parsed guide and its spans; it never computes line or column itself.

use crate::diagnostic::{Finding, Lang};
use crate::load::Document;
use crate::source::Source;

/// What a rule sees of one guide.
pub struct Context<'a> {
    /// The parsed guide.
    pub doc: &'a Document,
    /// Its text (for spans).
    pub source: &'a Source,
    /// Message language.
    pub lang: Lang,
}

/// Runs every enabled rule on one guide.
pub fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
