//! Hover texts: a finding's rule explanation, or an element's Chinese title and description from
//! the schema.

use serde_json::Value;

use crate::load::Document;

/// The schema node describing the element at an instance `pointer`, with the title and
/// description met on the way to it (a property's own title wins over its `$ref` target's).
pub(super) fn element(schema: &Value, pointer: &str) -> Option<(String, Option<String>)> {
    let mut node = schema;
    let mut title = None;
    let mut description = None;
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        node = child(schema, node, &seg)?;
        title = text(node, "title");
        description = text(node, "description");
        let target = resolve(schema, node);
        title = title.or_else(|| text(target, "title"));
        description = description.or_else(|| text(target, "description"));
    }
    Some((title?, description))
}

fn text(node: &Value, key: &str) -> Option<String> {
    node.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Follows local `$ref`s (`#/$defs/...`), a few levels at most.
fn resolve<'s>(schema: &'s Value, mut node: &'s Value) -> &'s Value {
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) if r.starts_with('#') => match schema.pointer(&r[1..]) {
                Some(n) => node = n,
                None => break,
            },
            _ => break,
        }
    }
    node
}

fn child<'s>(schema: &'s Value, node: &'s Value, seg: &str) -> Option<&'s Value> {
    let node = resolve(schema, node);
    if let Some(p) = node.get("properties").and_then(|p| p.get(seg)) {
        return Some(p);
    }
    if seg.parse::<usize>().is_ok()
        && let Some(items) = node.get("items")
    {
        return Some(items);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = node.get(key).and_then(Value::as_array) {
            for branch in list {
                if let Some(c) = child(schema, branch, seg) {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// The pointer of the node under byte `offset`: a key there, else the smallest scalar value.
pub(super) fn pointer_at(doc: &Document, offset: usize) -> Option<String> {
    let mut best: Option<(&str, usize)> = None;
    for (pointer, node) in doc.nodes() {
        if let Some(k) = &node.key
            && k.start <= offset
            && offset <= k.end
        {
            return Some(pointer.to_owned());
        }
        let v = &node.value;
        let scalar = !matches!(
            crate::load::lookup(&doc.value, pointer),
            Some(Value::Object(_) | Value::Array(_))
        );
        if scalar
            && v.start <= offset
            && offset <= v.end
            && best.is_none_or(|(_, len)| v.len() < len)
        {
            best = Some((pointer, v.len()));
        }
    }
    best.map(|(p, _)| p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_national_schema() {
        let schema: Value = serde_json::from_str(crate::schema::NATIONAL_SCHEMA).unwrap();
        let (title, _) = element(&schema, "/item/basic_code").unwrap();
        assert_eq!(title, "基本编码");
        let (title, _) = element(&schema, "/materials/0/name").unwrap();
        assert_eq!(title, "材料名称");
        assert!(element(&schema, "/no_such_key").is_none());
    }
}
