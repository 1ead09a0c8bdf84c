//! Every file tongban writes (`-o FILE` reports, `--write-baseline`, `--fix`) replaces its
//! target atomically: the content goes to a temporary file in the target's folder, is flushed
//! to disk (fsync), then renamed over the target. A reader sees the old file or the new one,
//! never half of one, and a failure (full disk, a kill, an error mid-run) leaves the previous
//! file as it was.
//!
//! Replacing by rename is decided, not stumbled into: a symbolic link is written through (its
//! target is replaced, the link stays); the mode of the replaced file is kept, and its owner
//! when the process may set it; a target that is read-only, has other hard links (rename would
//! split them) or belongs to another user whose ownership cannot be kept is refused with a
//! message instead of surprising anyone. A target that exists and is not a file at all — a
//! device such as `/dev/null` or `/dev/stdout`, a FIFO a reader waits on — is written
//! directly: there is nothing to replace and nothing to lose.

use crate::i18n::tr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::Lang;

/// A file being written: it replaces its target on [`Atomic::commit`]; dropped before that, the
/// temporary file is deleted and the target is untouched.
pub(crate) struct Atomic {
    file: Sink,
    target: PathBuf,
}

/// Where the bytes go: a temporary file that replaces a regular target, or the target itself
/// when it is a device or a FIFO.
enum Sink {
    Replace(io::BufWriter<tempfile::NamedTempFile>),
    Direct(io::BufWriter<std::fs::File>),
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Replace(w) => w,
            Sink::Direct(w) => w,
        }
    }
}

impl std::fmt::Debug for Atomic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Atomic")
            .field("target", &self.target)
            .finish()
    }
}

impl Atomic {
    /// Starts replacing `target` (following a symbolic link to the file it names). Fails with a
    /// message in `lang` when the target may not be replaced (see the module doc) or the
    /// temporary file cannot be made.
    pub(crate) fn create(target: &Path, lang: Lang) -> Result<Atomic, String> {
        let target = match std::fs::canonicalize(target) {
            Ok(real) => real,
            // A new file (or a dangling link): written where named.
            Err(_) => target.to_path_buf(),
        };
        let existing = std::fs::metadata(&target).ok();
        if let Some(m) = &existing {
            if is_stream(m) {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(|e| e.to_string())?;
                return Ok(Atomic {
                    file: Sink::Direct(io::BufWriter::with_capacity(64 * 1024, file)),
                    target,
                });
            }
            check_replaceable(m, lang)?;
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".tongban-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A new file gets the usual 0666 less the umask; a replaced one its own mode below.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| e.to_string())?;
        if let Some(m) = &existing {
            tmp.as_file()
                .set_permissions(m.permissions())
                .map_err(|e| e.to_string())?;
            keep_owner(tmp.as_file(), m, lang)?;
        }
        Ok(Atomic {
            file: Sink::Replace(io::BufWriter::with_capacity(64 * 1024, tmp)),
            target,
        })
    }

    /// Flushes the content to disk and renames it over the target.
    pub(crate) fn commit(self) -> io::Result<()> {
        let tmp = match self.file {
            Sink::Direct(mut w) => return w.flush(),
            Sink::Replace(w) => w.into_inner().map_err(|e| e.into_error())?,
        };
        tmp.as_file().sync_all()?;
        tmp.persist(&self.target).map_err(|e| e.error)?;
        // The rename itself is durable once the folder is synced (best effort: not every
        // platform lets a folder be opened).
        if let Some(dir) = self.target.parent()
            && let Ok(d) = std::fs::File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for Atomic {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.writer().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.writer().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.writer().flush()
    }
}

/// Replaces `target` with `bytes` atomically.
pub(crate) fn write(target: &Path, bytes: &[u8], lang: Lang) -> Result<(), String> {
    let mut file = Atomic::create(target, lang)?;
    file.write_all(bytes).map_err(|e| e.to_string())?;
    file.commit().map_err(|e| e.to_string())
}

/// A device or a FIFO: written in place (there is no file content to keep whole).
fn is_stream(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        t.is_char_device() || t.is_fifo()
    }
    #[cfg(not(unix))]
    {
        !m.is_file() && !m.is_dir()
    }
}

/// Refuses a target that replacing by rename would treat badly: read-only, or with other hard
/// links.
fn check_replaceable(m: &std::fs::Metadata, lang: Lang) -> Result<(), String> {
    if !m.is_file() {
        return Err(lang
            .pick("不是普通文件，未写入", "not a regular file; not written")
            .into());
    }
    if m.permissions().readonly() {
        return Err(lang
            .pick(
                "文件是只读的，未写入（确需修改请先改为可写）",
                "the file is read-only; not written (make it writable first if it should change)",
            )
            .into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if m.nlink() > 1 {
            return Err(tr!(lang, "write-hard-links", links = m.nlink()));
        }
    }
    Ok(())
}

/// Gives the temporary file the owner and group of the file it replaces; refuses when that is
/// not allowed (another user's file would silently become ours).
fn keep_owner(tmp: &std::fs::File, m: &std::fs::Metadata, lang: Lang) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = tmp.metadata().map_err(|e| e.to_string())?;
        if (mine.uid(), mine.gid()) != (m.uid(), m.gid())
            && std::os::unix::fs::fchown(tmp, Some(m.uid()), Some(m.gid())).is_err()
            // Keeping the owner with the process's own group is the next best thing.
            && (mine.uid() != m.uid()
                || std::os::unix::fs::fchown(tmp, Some(m.uid()), None).is_err())
        {
            return Err(lang
                .pick(
                    "文件属于其他用户，无法保留其所有者，未写入",
                    "the file belongs to another user whose ownership cannot be kept; not written",
                )
                .into());
        }
    }
    let _ = (tmp, m, lang);
    Ok(())
}

/// Refuses to write a report or baseline over one of the run's inputs (`tongban lint g.yaml -o
/// g.yaml` would replace the guide with its report): the same file as a named input, or a YAML
/// file inside a named folder.
pub(crate) fn refuse_input<'p>(
    target: &Path,
    inputs: impl IntoIterator<Item = &'p Path>,
    lang: Lang,
) -> Result<(), String> {
    let Ok(real) = std::fs::canonicalize(target) else {
        // Nothing there yet: nothing to lose.
        return Ok(());
    };
    let yaml = real
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    for input in inputs {
        let Ok(input) = std::fs::canonicalize(input) else {
            continue;
        };
        if input == real || (yaml && input.is_dir() && real.starts_with(&input)) {
            return Err(tr!(
                lang,
                "write-input",
                input = input.display().to_string()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_previous_file() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        {
            let mut f = Atomic::create(&p, Lang::En).unwrap();
            f.write_all(b"half of the new").unwrap();
            // Dropped without commit: a failed run.
        }
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 1, "temp left");
        write(&p, b"new", Lang::En).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_kept_and_links_are_written_through() {
        use std::os::unix::fs::PermissionsExt;
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("g.yaml");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = t.path().join("link.yaml");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        write(&link, b"new", Lang::En).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_and_hard_links_are_refused() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("g.yaml");
        std::fs::write(&p, "old").unwrap();
        std::fs::hard_link(&p, t.path().join("other.yaml")).unwrap();
        let e = write(&p, b"new", Lang::En).unwrap_err();
        assert!(e.contains("hard links"), "{e}");
        std::fs::remove_file(t.path().join("other.yaml")).unwrap();
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        let e = write(&p, b"new", Lang::En).unwrap_err();
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[test]
    fn an_input_is_never_an_output() {
        let t = tempfile::tempdir().unwrap();
        let g = t.path().join("g.yaml");
        std::fs::write(&g, "a: 1\n").unwrap();
        assert!(refuse_input(&g, [g.as_path()], Lang::En).is_err());
        assert!(refuse_input(&g, [t.path()], Lang::En).is_err());
        let r = t.path().join("r.json");
        assert!(refuse_input(&r, [t.path()], Lang::En).is_ok());
        std::fs::write(&r, "{}").unwrap();
        assert!(refuse_input(&r, [t.path()], Lang::En).is_ok());
    }
}
