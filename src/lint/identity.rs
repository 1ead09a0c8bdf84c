//! Stable identities of findings: the JSON pointer with each list entry named by its content
//! (`/materials/[name=居民身份证]/copies`) instead of its position (`/materials/3/copies`), so
//! that baselines and CI fingerprints survive inserting, removing and reordering list entries.

use serde_json::Value;

use crate::diagnostic::Finding;
use crate::load::Document;

/// Escapes a pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`).
fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Unescapes a pointer segment.
fn unescape(s: &str) -> String {
    s.replace("~1", "/").replace("~0", "~")
}

/// The content name of a list entry: `[name=N]` for a mapping with a `name` string, `[=V]` for
/// a string (both normalised: NFKC, 《》 and quotes and spaces removed), `None` otherwise.
fn entry_name(entry: &Value) -> Option<String> {
    let (prefix, text) = match entry {
        Value::Object(m) => ("name=", m.get("name")?.as_str()?),
        Value::String(s) => ("=", s.as_str()),
        _ => return None,
    };
    let n = crate::data::normalize::normalize(text);
    (!n.is_empty()).then(|| format!("[{prefix}{}]", escape(&n)))
}

/// `pointer` with every list index replaced by the entry's content name, when it has one.
/// The same entry gets the same key wherever it sits in its list.
pub(crate) fn stable_pointer(root: &Value, pointer: &str) -> String {
    if pointer.is_empty() || !pointer.starts_with('/') {
        return pointer.to_owned();
    }
    let mut out = String::with_capacity(pointer.len() + 16);
    let mut node = Some(root);
    for raw in pointer[1..].split('/') {
        out.push('/');
        let seg = unescape(raw);
        match node {
            Some(Value::Array(items)) => {
                let entry = seg.parse::<usize>().ok().and_then(|i| items.get(i));
                match entry.and_then(entry_name) {
                    Some(name) => out.push_str(&name),
                    None => out.push_str(raw),
                }
                node = entry;
            }
            Some(Value::Object(m)) => {
                out.push_str(raw);
                node = m.get(&seg);
            }
            _ => {
                out.push_str(raw);
                node = None;
            }
        }
    }
    out
}

/// Sets the stable key of every finding from its pointer, against the parsed document.
pub(crate) fn assign(findings: &mut [Finding], doc: Option<&Document>) {
    for f in findings {
        f.key = match doc {
            Some(d) if f.pointer.contains('/') => stable_pointer(&d.value, &f.pointer),
            _ => f.pointer.clone(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_entries_are_named_by_content() {
        let v = json!({
            "materials": [
                {"name": "《居民身份证》", "copies": 1},
                {"copies": 2},
                {"name": "a/b~c"}
            ],
            "conditions": ["具有 完全民事行为能力"],
            "item": {"name": "x"}
        });
        assert_eq!(
            stable_pointer(&v, "/materials/0/copies"),
            "/materials/[name=居民身份证]/copies"
        );
        assert_eq!(
            stable_pointer(&v, "/materials/1/copies"),
            "/materials/1/copies"
        );
        assert_eq!(
            stable_pointer(&v, "/materials/2"),
            "/materials/[name=a~1b~0c]"
        );
        assert_eq!(
            stable_pointer(&v, "/conditions/0"),
            "/conditions/[=具有完全民事行为能力]"
        );
        assert_eq!(stable_pointer(&v, "/item/name"), "/item/name");
        assert_eq!(stable_pointer(&v, ""), "");
        // A pointer past the document (a missing element) keeps its tail.
        assert_eq!(stable_pointer(&v, "/materials/9/name"), "/materials/9/name");
    }
}
