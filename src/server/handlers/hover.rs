//! Hover: on a finding, its rule's explanation; on an element, its Chinese title and description
//! from the schema in force.

use lsp_types as lsp;
use serde_json::Value;

use crate::lint::Session;
use crate::load::{self, Document};
use crate::rules;
use crate::schema;
use crate::server::Server;
use crate::server::text::LineIndex;

impl Server<'_> {
    pub(in crate::server) fn hover(
        &self,
        uri: &str,
        pos: lsp::Position,
        session: Option<&Session>,
    ) -> Option<lsp::Hover> {
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text, self.encoding);
        let offset = index.offset(pos);
        let report = doc.report.as_ref()?;
        // On a finding: its rule's explanation.
        if let Some(f) = report
            .findings
            .iter()
            .find(|f| f.span.start <= offset && offset <= f.span.end && !f.span.is_empty())
        {
            let entry = rules::lookup(f.code)?;
            let mut md = format!("**{}** {}\n\n", f.code, f.message);
            md.push_str(&rules::docs::entry_markdown(entry, self.lang));
            return Some(markdown(md, Some(index.range(&f.span))));
        }
        // On an element: its title and description from the schema.
        let loaded = load::load_bytes(
            String::new(),
            doc.text.as_bytes(),
            &load::Limits {
                max_file_size: self.max_file_size,
                ..load::Limits::default()
            },
            self.lang,
        );
        let document = loaded.document?;
        // The document's spans start after a byte-order mark the buffer may keep.
        let mark = load::text_start(doc.text.as_bytes());
        let pointer = pointer_at(&document, offset.checked_sub(mark)?)?;
        // The schema in force for this folder (`--schema` in tongban.toml, else the national one).
        // An extension that `$ref`s the national schema by its `$id`: the national titles.
        let (title, description) = element(session?.schema.json(), &pointer).or_else(|| {
            let national: Value = serde_json::from_str(schema::NATIONAL_SCHEMA).ok()?;
            element(&national, &pointer)
        })?;
        let key = pointer.rsplit('/').next().unwrap_or_default();
        let mut md = format!("**{title}** `{key}`");
        if let Some(d) = description {
            md.push_str("\n\n");
            md.push_str(&d);
        }
        let range = document
            .key(&pointer)
            .map(|k| index.range(&(k.start + mark..k.end + mark)));
        Some(markdown(md, range))
    }
}

fn markdown(value: String, range: Option<lsp::Range>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// The schema node describing the element at an instance `pointer`, with the title and
/// description met on the way to it (a property's own title wins over its `$ref` target's).
fn element(schema: &Value, pointer: &str) -> Option<(String, Option<String>)> {
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
pub(in crate::server) fn pointer_at(doc: &Document, offset: usize) -> Option<String> {
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
