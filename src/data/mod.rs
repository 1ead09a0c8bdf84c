//! Bundled data, one shape each: 跨省通办 agreements (`agreement`), the document dictionary
//! (`ontology`), administrative divisions (`regions`, from `divisions.tsv`) and the one text fold
//! material names are compared by (`normalize`). Each parses and answers questions about its data;
//! none knows about rules, reports or commands.

pub(crate) mod agreement;
pub(crate) mod normalize;
pub mod ontology;
pub mod regions;
