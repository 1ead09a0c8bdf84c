//! The compared elements other than materials (时限, 收费, 到现场次数, 网办, 受理条件): each
//! region's value and whether they agree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::distinct;
use crate::compare::catalog::{Catalog, ELEMENTS, Guide, Item};

/// One compared element other than materials (时限, 收费, 到现场次数, 网办, 受理条件).
#[derive(Debug, Clone, Serialize)]
pub struct ElementDiff {
    /// Stable key, e.g. `legal_time_limit`.
    pub key: &'static str,
    /// 中文 title.
    pub title: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Region code → value, where the guide gives one.
    pub regions: BTreeMap<String, String>,
    /// The baseline's value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Whether every region that gives a value gives the same one.
    pub uniform: bool,
}

/// The elements that have a value in some region or in the baseline.
pub(super) fn compare(
    catalog: &Catalog,
    item: &Item,
    regions: &[(&String, &Guide)],
) -> Vec<ElementDiff> {
    ELEMENTS
        .iter()
        .enumerate()
        .filter_map(|(k, (key, title, title_en))| {
            let values: BTreeMap<String, String> = regions
                .iter()
                .filter_map(|(c, g)| {
                    g.elements[k].map(|v| ((*c).clone(), catalog.values.get(v).to_owned()))
                })
                .collect();
            let baseline = item
                .baseline
                .as_ref()
                .and_then(|b| b.elements[k])
                .map(|v| catalog.values.get(v).to_owned());
            if values.is_empty() && baseline.is_none() {
                return None;
            }
            let uniform = distinct(values.values()) <= 1;
            Some(ElementDiff {
                key,
                title,
                title_en,
                regions: values,
                baseline,
                uniform,
            })
        })
        .collect()
}
