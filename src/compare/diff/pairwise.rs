//! The pairwise view: two regions' normalised material lists, for a unified diff.

use serde::Serialize;

use crate::compare::catalog::Catalog;
use crate::data::normalize::normalize;
use crate::error::Error;

/// One side of a pairwise view.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// Region code.
    pub code: String,
    /// 区划名称.
    pub name: String,
    /// Whether the guide is partial.
    pub partial: bool,
    /// The situations (情形) the guide distinguishes, in its order (empty for most guides).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<String>,
    /// The normalised material list, one line per material: `name [status; attributes]`,
    /// sorted by normalised name so that the same material lines up.
    pub lines: Vec<String>,
}

/// Two regions of one item, for a unified diff of their normalised material lists.
#[derive(Debug, Clone, Serialize)]
pub struct Pairwise {
    /// 事项名称.
    pub item: String,
    /// The first region.
    pub a: Side,
    /// The second region.
    pub b: Side,
}

/// Builds the pairwise view of `a` and `b` (region codes; `100000` = the national baseline) for
/// the item named by the (filtered) catalog.
pub(crate) fn pairwise(catalog: &Catalog, a: &str, b: &str) -> Result<Pairwise, Error> {
    let item = match catalog.items.as_slice() {
        [one] => one,
        [] => return Err(Error::Usage("no guide of that item".into())),
        many => {
            return Err(Error::Usage(format!(
                "`--item` matches {} items with different 基本编码; give the 基本编码 instead",
                many.len()
            )));
        }
    };
    let side = |code: &str| -> Result<Side, Error> {
        // The national baseline can be one side: "what does this region add to 全国?".
        let g = if code == crate::compare::catalog::BASELINE_REGION {
            item.baseline.as_ref()
        } else {
            item.regions.get(code)
        };
        let g = g.ok_or_else(|| {
            Error::Usage(format!(
                "item {} has no guide for region {code}; it has: {}",
                item.name,
                item.regions.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })?;
        let mut lines: Vec<(String, String)> = g
            .materials
            .iter()
            .map(|(id, c)| {
                let name = &catalog.display[*id as usize];
                let mut tags = vec![c.status.zh().to_owned()];
                let attrs = c.attrs.describe();
                if !attrs.is_empty() {
                    tags.push(attrs);
                }
                // A material limited to some situations is not asked in the others.
                let limit = g.limit(*id);
                if limit != 0 {
                    let names: Vec<&str> = g
                        .situation_names()
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i < 32 && limit & (1 << i) != 0)
                        .map(|(_, n)| &**n)
                        .collect();
                    tags.push(format!("仅限情形：{}", names.join("、")));
                }
                (normalize(name), format!("{name} [{}]", tags.join("；")))
            })
            .collect();
        lines.sort();
        Ok(Side {
            code: code.to_owned(),
            name: catalog.values.get(g.region_name).to_owned(),
            partial: g.partial,
            situations: g.situation_names().iter().map(|n| n.to_string()).collect(),
            lines: lines.into_iter().map(|(_, l)| l).collect(),
        })
    };
    Ok(Pairwise {
        item: item.name.clone(),
        a: side(a)?,
        b: side(b)?,
    })
}
