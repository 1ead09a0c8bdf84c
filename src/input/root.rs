//! Where the catalog of guides named by themselves lives (`tongban lint catalogs/shanghai/x.yaml`,
//! or `tongban lint .` inside a region folder): the cross-region rules need every guide of an
//! item, not only the named ones. Looked for upward from the named files only — never below
//! them, never in `/`, the home folder or the temporary folder (which hold unrelated folders of
//! guides), nor above a project's root — with a bounded number of folders and files read, so
//! linting a whole catalog costs nothing more.

use std::path::{Path, PathBuf};

use super::{Kind, is_yaml, looks_like_guide};

/// Most folders climbed from a named file.
const MAX_LEVELS: usize = 12;
/// Most entries listed in one folder, subfolders peeked into per candidate root, and YAML files
/// opened per subfolder.
const MAX_ENTRIES: usize = 2_000;
const MAX_SUBFOLDERS: usize = 64;
const MAX_PEEKS: usize = 3;
/// Bytes read of a YAML file to tell whether it is a guide (its top-level elements come first).
const PEEK_BYTES: u64 = 16 * 1024;

/// How a catalog root was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// A `tongban.toml` above the named files sets `catalog`: that folder.
    Config(PathBuf),
    /// The nearest folder above them that holds two or more folders of guides (region folders).
    Folders(PathBuf),
}

impl Root {
    /// The catalog folder.
    pub fn path(&self) -> &Path {
        match self {
            Root::Config(p) | Root::Folders(p) => p,
        }
    }
}

/// Where to start looking for `path` (absolute): a named file's folder, or a folder named that
/// holds guides itself (a region folder). `None` for a folder without guides of its own (a
/// catalog or a repository: the whole catalog is being linted).
pub fn start(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return holds_guides(path).then(|| path.to_path_buf());
    }
    path.parent().map(Path::to_path_buf)
}

/// The catalog root above `start` (absolute): the nearest `tongban.toml` upward that sets
/// `catalog`, else the nearest folder that holds region folders of guides. Stops below `/` and
/// the home and temporary folders, and at a project's root: a repository's (a folder with
/// `.git`) or a configuration's (a folder with `tongban.toml`: the catalog is inside the
/// project).
pub fn find(start: &Path) -> Option<Root> {
    let stops: Vec<PathBuf> = [std::env::home_dir(), Some(std::env::temp_dir())]
        .into_iter()
        .flatten()
        .flat_map(|p| {
            [
                crate::source::lexical(&p),
                std::fs::canonicalize(&p).unwrap_or(p),
            ]
        })
        .collect();
    let levels: Vec<&Path> = start
        .ancestors()
        .take(MAX_LEVELS)
        .take_while(|a| a.parent().is_some() && !stops.iter().any(|s| s == a))
        .collect();
    let bounded = levels
        .iter()
        .position(|a| a.join(".git").exists() || a.join("tongban.toml").is_file())
        .map_or(levels.len(), |i| i + 1);
    let levels = &levels[..bounded];
    levels
        .iter()
        .find_map(|a| config_catalog(a))
        .map(Root::Config)
        .or_else(|| {
            levels
                .iter()
                .find(|a| holds_region_folders(a))
                .map(|a| Root::Folders(a.to_path_buf()))
        })
}

/// `catalog` of the `tongban.toml` in `dir`, when it has one and it is a folder.
fn config_catalog(dir: &Path) -> Option<PathBuf> {
    // The configuration's file name (`lint::config::FILE_NAME`, a layer above this one).
    let text = std::fs::read_to_string(dir.join("tongban.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    let catalog = dir.join(table.get("catalog")?.as_str()?);
    catalog.is_dir().then_some(catalog)
}

/// Whether `dir` holds two or more folders with guides directly inside (region folders).
fn holds_region_folders(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries
        .take(MAX_ENTRIES)
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) && !hidden(&e.file_name()))
        .take(MAX_SUBFOLDERS)
        .filter(|e| holds_guides(&e.path()))
        .nth(1)
        .is_some()
}

/// Whether `dir` has a guide directly inside: one of its first YAML files reads as a guide.
fn holds_guides(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries
        .take(MAX_ENTRIES)
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_yaml(p) && Kind::of(p) == Kind::Guide && p.is_file())
        .take(MAX_PEEKS)
        .any(|p| reads_as_guide(&p))
}

fn reads_as_guide(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(PEEK_BYTES).read_to_end(&mut head));
    read.is_ok() && looks_like_guide(&String::from_utf8_lossy(&head))
}

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    const GUIDE: &str = "item:\n  name: 生育登记\n";

    #[test]
    fn the_folder_holding_region_folders_is_the_root() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join(".git")).unwrap();
        write(t.path(), "catalogs/shanghai/a.yaml", GUIDE);
        write(t.path(), "catalogs/hunan/b.yaml", GUIDE);
        write(t.path(), "mkdocs.yml", "site_name: x\n");
        let catalogs = t.path().join("catalogs");
        let start = start(&catalogs.join("shanghai/a.yaml")).unwrap();
        assert_eq!(find(&start), Some(Root::Folders(catalogs.clone())));
        // A region folder named is a start too; a catalog or repository is not.
        assert!(super::start(&catalogs.join("shanghai")).is_some());
        assert_eq!(super::start(&catalogs), None);
        assert_eq!(super::start(t.path()), None);
        // A configuration marks the project's root: nothing above it is looked at.
        write(t.path(), "catalogs/shanghai/tongban.toml", "");
        assert_eq!(find(&start), None);
        std::fs::remove_file(catalogs.join("shanghai/tongban.toml")).unwrap();
        // One region folder alone is no catalog.
        std::fs::remove_dir_all(catalogs.join("hunan")).unwrap();
        assert_eq!(find(&start), None);
        // A tongban.toml above that sets `catalog` wins.
        write(t.path(), "tongban.toml", "catalog = \"catalogs\"\n");
        assert_eq!(find(&start), Some(Root::Config(t.path().join("catalogs"))));
    }

    #[test]
    fn the_search_stops_at_the_repository_root() {
        // Not in the temporary folder itself: the search never looks at it.
        let t = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
        write(t.path(), "a/x.yaml", GUIDE);
        write(t.path(), "b/y.yaml", GUIDE);
        write(t.path(), "repo/catalogs/shanghai/a.yaml", GUIDE);
        std::fs::create_dir(t.path().join("repo/.git")).unwrap();
        // The temporary folder holds two folders of guides, but it is above the repository.
        let start = t.path().join("repo/catalogs/shanghai");
        assert_eq!(find(&start), None);
        std::fs::remove_dir(t.path().join("repo/.git")).unwrap();
        assert_eq!(find(&start), Some(Root::Folders(t.path().to_path_buf())));
    }

    /// Regression: a guide in a scratch folder of the temporary folder took `/tmp` for its
    /// catalog, whose other scratch folders held guides: unrelated guides were compared.
    #[test]
    fn the_temporary_folder_is_never_a_catalog() {
        let scratch = || {
            tempfile::Builder::new()
                .prefix("tongban-root-test-")
                .tempdir()
                .unwrap()
        };
        let (a, b, c) = (scratch(), scratch(), scratch());
        for d in [&a, &b, &c] {
            write(d.path(), "g.yaml", GUIDE);
        }
        assert!(holds_region_folders(&std::env::temp_dir()));
        assert_eq!(find(c.path()), None);
    }
}
