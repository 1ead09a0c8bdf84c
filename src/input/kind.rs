//! What kind of file a path is, decided once, by its name and folder: a guide, an agreement
//! (`agreements/*.yaml`) or a document dictionary (`documents.yaml`, legacy `materials.yaml`).

use std::path::Path;

use super::is_yaml;

/// The folder name that holds agreement files: a YAML file directly inside a folder of this name
/// is an agreement, never a guide (as `documents.yaml` is a dictionary).
pub const AGREEMENTS_DIR: &str = "agreements";

/// File names under which a folder of guides carries its own document dictionary (ontology):
/// `documents.yaml`, or the legacy synonyms dictionary `materials.yaml`.
pub const DICTIONARY_NAMES: [&str; 2] = ["documents.yaml", "materials.yaml"];

/// What a file is, for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A service guide (办事指南): the default.
    Guide,
    /// A 跨省通办 agreement (`agreements/*.yaml`), validated against its own schema.
    Agreement,
    /// A document dictionary (`documents.yaml` / `materials.yaml`), validated against its own
    /// schema.
    Dictionary,
}

impl Kind {
    /// The kind of the file at `path`, from its name and folder (no file system access).
    pub fn of(path: &Path) -> Kind {
        if is_agreement(path) {
            Kind::Agreement
        } else if is_dictionary(path) {
            Kind::Dictionary
        } else {
            Kind::Guide
        }
    }
}

/// Whether a path names an agreement file (by the folder it is in) rather than a guide.
pub fn is_agreement(path: &Path) -> bool {
    is_yaml(path)
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == AGREEMENTS_DIR)
}

/// Whether a path names a document dictionary (by its file name) rather than a guide.
pub fn is_dictionary(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| DICTIONARY_NAMES.iter().any(|f| n == *f))
}

/// Top-level elements of the guide schema (schemas/service-guide.schema.json) but `source`, which
/// a data file has too (e-licences.yaml): a YAML file with one of them is a guide to the editor and
/// to `lint` without a tongban.toml; mkdocs.yml, a CI workflow or a data file has none. A guide in
/// progress (only `time_limit:` so far) still reads as one. A test keeps the list in step with the
/// schema.
pub(crate) const GUIDE_KEYS: [&str; 22] = [
    "item:",
    "region:",
    "department:",
    "department_code:",
    "competent_department:",
    "entrusted_department:",
    "power_source:",
    "exercise_level:",
    "service_objects:",
    "legal_basis:",
    "conditions:",
    "case_type:",
    "case_type_raw:",
    "time_limit:",
    "process:",
    "special_procedure:",
    "fee:",
    "handling:",
    "result:",
    "contact:",
    "situations:",
    "materials:",
];

/// Whether a guide-kind text reads as a guide: a line opens with a top-level guide element.
pub fn looks_like_guide(text: &str) -> bool {
    text.lines()
        .any(|l| GUIDE_KEYS.iter().any(|k| l.starts_with(k)))
}

/// File names whose content changes how the files beside and below them are linted: the
/// configuration and the bundled-data overrides (a dictionary, the e-licence list).
const SETTING_NAMES: [&str; 2] = ["tongban.toml", "e-licences.yaml"];

/// Whether a change to the file at `path` changes how other files are linted (the
/// configuration, a document dictionary, an e-licence list): an editor then lints every open
/// buffer again.
pub fn shapes_linting(path: &Path) -> bool {
    is_dictionary(path)
        || path
            .file_name()
            .is_some_and(|n| SETTING_NAMES.iter().any(|f| n == *f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_files_are_recognised_by_folder() {
        assert!(is_agreement(Path::new("catalogs/agreements/x.yaml")));
        assert!(!is_agreement(Path::new("catalogs/agreements/README.md")));
        assert!(!is_agreement(Path::new("catalogs/jiangsu/x.yaml")));
    }

    #[test]
    fn kind_is_decided_by_name_and_folder() {
        assert_eq!(Kind::of(Path::new("c/agreements/a.yaml")), Kind::Agreement);
        assert_eq!(Kind::of(Path::new("c/documents.yaml")), Kind::Dictionary);
        assert_eq!(Kind::of(Path::new("c/materials.yaml")), Kind::Dictionary);
        assert_eq!(Kind::of(Path::new("c/shanghai/hehuo.yaml")), Kind::Guide);
    }

    #[test]
    fn every_dictionary_name_shapes_linting() {
        for name in DICTIONARY_NAMES {
            assert!(shapes_linting(&Path::new("catalogs").join(name)), "{name}");
        }
        assert!(shapes_linting(Path::new("tongban.toml")));
        assert!(!shapes_linting(Path::new("catalogs/shanghai/hehuo.yaml")));
    }

    #[test]
    fn guide_keys_are_the_schema_top_level_elements_but_source() {
        let schema: serde_json::Value =
            serde_json::from_str(crate::schema::NATIONAL_SCHEMA).unwrap();
        let mut want: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "source")
            .map(|k| format!("{k}:"))
            .collect();
        want.sort();
        let mut have: Vec<String> = GUIDE_KEYS.iter().map(|k| (*k).to_owned()).collect();
        have.sort();
        assert_eq!(have, want);
    }

    #[test]
    fn data_and_site_files_do_not_look_like_guides() {
        assert!(!looks_like_guide(
            "source:\n  document: x\nlicences:\n  - name: y\n"
        ));
        assert!(!looks_like_guide("site_name: x\nnav:\n  - index.md\n"));
        assert!(looks_like_guide("time_limit:\n  legal_days: 20\n"));
    }

    #[test]
    fn a_workflow_does_not_look_like_a_guide() {
        assert!(looks_like_guide("item:\n  name: x\n"));
        assert!(!looks_like_guide("on: push\njobs: {}\n"));
    }
}
