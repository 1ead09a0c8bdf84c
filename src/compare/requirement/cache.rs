//! Readings made once per distinct wording: a national corpus lists the same material wordings in
//! every region's guide, and reading one (splitting, stripping, ontology look-ups) costs more than
//! the rest of a guide's rules together. Shared by the threads linting in parallel.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::{ItemRef, Reader, Reading};

/// At most this many readings are kept (a kilobyte or two each); past it, new wordings are read
/// without being kept, so memory stays bounded on a corpus of a million distinct wordings.
const CAPACITY: usize = 1 << 14;

/// Readings by (item name, basic code, material as written). A reading depends on nothing else
/// but the ontology, which the owner of the cache holds fixed (the cache lives beside it).
#[derive(Default)]
pub struct Readings {
    map: Mutex<HashMap<String, Arc<Reading>>>,
}

impl Readings {
    /// `reader.read(item, material)`, read only the first time this item lists this wording.
    pub fn read(&self, reader: &Reader<'_>, item: ItemRef<'_>, material: &str) -> Arc<Reading> {
        use std::fmt::Write as _;
        let code = item.code.unwrap_or("");
        let mut key = String::with_capacity(item.name.len() + code.len() + material.len() + 16);
        // Lengths first, so that no two (name, code, material) share a key whatever they contain.
        let _ = write!(
            key,
            "{}:{}:{}:",
            item.name.len(),
            item.code.map_or(-1, |c| c.len() as isize),
            material.len()
        );
        key.push_str(item.name);
        key.push_str(code);
        key.push_str(material);
        if let Some(r) = self.lock().get(&key) {
            return Arc::clone(r);
        }
        let reading = Arc::new(reader.read(item, material));
        let mut map = self.lock();
        if map.len() < CAPACITY {
            map.insert(key, Arc::clone(&reading));
        }
        reading
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Reading>>> {
        // A panic while holding the lock leaves the map consistent (inserts are single calls).
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A copy starts empty: it may be given another ontology.
impl Clone for Readings {
    fn clone(&self) -> Self {
        Readings::default()
    }
}

impl std::fmt::Debug for Readings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readings")
            .field("kept", &self.lock().len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ontology::Ontology;

    #[test]
    fn a_wording_is_read_once_per_item_and_reads_as_without_the_cache() {
        let ontology = Ontology::bundled().unwrap();
        let reader = Reader::new(&ontology);
        let cache = Readings::default();
        let item = ItemRef {
            name: "结婚登记",
            code: None,
        };
        let material = "夫妻双方居民身份证、户口簿";
        let first = cache.read(&reader, item, material);
        let again = cache.read(&reader, item, material);
        assert!(
            Arc::ptr_eq(&first, &again),
            "the second read was not the kept one"
        );
        assert_eq!(
            format!("{:?}", *first),
            format!("{:?}", reader.read(item, material))
        );
        // Another item, or the same name with a code, is another key (item-scoped entries).
        for other in [
            ItemRef {
                name: "离婚登记",
                code: None,
            },
            ItemRef {
                name: "结婚登记",
                code: Some(""),
            },
        ] {
            assert!(!Arc::ptr_eq(&first, &cache.read(&reader, other, material)));
        }
        // A clone starts empty (it may be given another ontology).
        let copy = cache.clone();
        assert!(!Arc::ptr_eq(&first, &copy.read(&reader, item, material)));
    }
}
