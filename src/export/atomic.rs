//! Writing a file so that it is never seen half-written: the bytes go to a
//! temporary file beside the target, which is then renamed over it. The one
//! place that writes an export, for the command line and the dashboard.
//!
//! What is at the target decides what happens:
//! - nothing: the file is created (umask permissions, as for any new file),
//!   in a folder that exists (a missing one is named);
//! - a regular file: replaced only when asked ([`Replace`]), and not when
//!   it is read-only (no write permission for anyone, `chmod 444`) unless
//!   asked for that too; the new file keeps the old one's permissions, and
//!   its owner and group where the system allows;
//! - a symbolic link, to a file or to nothing: refused, naming where it
//!   points (a link in a shared folder may point at a file its owner never
//!   meant nkict to replace);
//! - anything else (a folder, a device such as `/dev/stdout`, a named pipe,
//!   a socket): refused, since a rename would put a file in its place.
//!
//! The temporary file (`.nkict-export-*.tmp`) is removed on any failure and
//! on an ending signal (`signals`); messages name the target, never it.

use std::fs::{File, Metadata, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::io;
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempPath};

use super::error::ExportError;
use crate::signals;

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Never: an existing target is `ExportError::Exists`.
    No,
    /// A file its owner may write (`--force`, the dashboard's `y`).
    Writable,
    /// Any regular file, read-only ones too (`--replace-read-only`).
    EvenReadOnly,
}

/// Writes `path` atomically, replacing a file there as `replace` allows
/// (see the module's notes), with `fill` writing the temporary file (an
/// export as it is encoded; in tests, failing midway as a full disk does).
/// Its `ExportError::Output` is a failure to write `path`.
pub fn write_with(
    path: &Path,
    replace: Replace,
    fill: impl FnOnce(&mut File) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let replaced = existing_file(path, replace)?;
    let write_error = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    let (file, temp_path, _guard) = temp_file_beside(path).map_err(write_error)?;
    // From here on, dropping `temp` removes the file.
    let mut temp = NamedTempFile::from_parts(file, temp_path);
    fill(temp.as_file_mut()).map_err(|err| match err {
        ExportError::Output(source) => write_error(source),
        other => other,
    })?;
    if let Some(old) = &replaced {
        keep_owner_and_permissions(temp.as_file(), old).map_err(write_error)?;
    }
    temp.as_file().sync_all().map_err(write_error)?;
    let persisted = match replace {
        Replace::No => temp.persist_noclobber(path),
        Replace::Writable | Replace::EvenReadOnly => temp.persist(path),
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(err) if replace == Replace::No && err.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(ExportError::Exists { path: path.to_owned() })
        }
        Err(err) => Err(write_error(err.error)),
    }
}

/// Refuses `path` now, as `write_with` would once the export is made: a
/// command checks before it reads its dataset (a million records take
/// seconds), then `write_with` checks again, as the file may have come since.
pub fn check_target(path: &Path, replace: Replace) -> Result<(), ExportError> {
    existing_file(path, replace).map(drop)
}

/// The regular file at `path` that `replace` allows replacing, if there is
/// one; nothing there is `None`. Anything else is refused.
fn existing_file(path: &Path, replace: Replace) -> Result<Option<Metadata>, ExportError> {
    let entry = match path.symlink_metadata() {
        Ok(entry) => entry,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return match missing_folder(path) {
                Some(folder) => Err(ExportError::NoFolder {
                    path: path.to_owned(),
                    folder,
                }),
                None => Ok(None),
            };
        }
        Err(source) => {
            return Err(ExportError::Write {
                path: path.to_owned(),
                source,
            });
        }
    };
    // A link to a device (`/dev/stdout`) is a device: say so first.
    let pointed_at = if entry.is_symlink() {
        path.metadata().ok()
    } else {
        Some(entry.clone())
    };
    if let Some(kind) = pointed_at.as_ref().and_then(not_a_file) {
        return Err(ExportError::NotAFile {
            path: path.to_owned(),
            kind,
        });
    }
    // Before "already exists": `--force` would not replace a link either,
    // and a link to nothing is no file that exists.
    if entry.is_symlink() {
        return Err(ExportError::Symlink {
            path: path.to_owned(),
            target: std::fs::read_link(path).unwrap_or_default(),
        });
    }
    if replace == Replace::No {
        return Err(ExportError::Exists { path: path.to_owned() });
    }
    if entry.permissions().readonly() && replace != Replace::EvenReadOnly {
        return Err(ExportError::ReadOnly { path: path.to_owned() });
    }
    Ok(Some(entry))
}

/// The folder `path` is to be written in, when there is none: its parent,
/// or `path` itself when it ends in `/` (`-o sub/`), as a folder's name
/// does. (Else the rename fails with "Not a directory", naming no folder.)
fn missing_folder(path: &Path) -> Option<PathBuf> {
    let names_a_folder = path
        .as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&byte| std::path::is_separator(char::from(byte)));
    let folder = if names_a_folder {
        path
    } else {
        path.parent().filter(|parent| !parent.as_os_str().is_empty())?
    };
    match folder.metadata() {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Some(folder.to_owned()),
        _ => None,
    }
}

/// What `entry` is, when it is not a regular file: `a folder`, `a
/// character device`...
fn not_a_file(entry: &Metadata) -> Option<&'static str> {
    let kind = entry.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The replaced file's permissions on the new one, and its owner and group
/// where the system allows (a user cannot give a file away; root can).
fn keep_owner_and_permissions(file: &File, old: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Before the mode: changing the owner may clear set-id bits.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

/// A new temporary file in `path`'s folder (so the final rename cannot
/// cross file systems), registered for removal on an ending signal.
/// Created here rather than by `tempfile`, whose errors name the temporary
/// file: a message names the target.
fn temp_file_beside(path: &Path) -> io::Result<(File, TempPath, signals::TempFileGuard)> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // Absolute, as `TempPath` keeps it (and the signal thread removes it).
    let dir = std::path::absolute(dir)?;
    let mut attempts = 0;
    loop {
        let temp = dir.join(temp_name());
        match signals::create_temp_file(&temp, create_new) {
            Ok((file, guard)) => return Ok((file, TempPath::try_from_path(temp)?, guard)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => attempts += 1,
            Err(err) => return Err(err),
        }
    }
}

/// `.nkict-export-` and 16 random hexadecimal digits, `.tmp`.
fn temp_name() -> PathBuf {
    // Each `RandomState` has keys of its own, from the system's randomness.
    let random = RandomState::new().hash_one(std::process::id());
    PathBuf::from(format!(".nkict-export-{random:016x}.tmp"))
}

/// A file that did not exist, for writing, readable as a newly created file
/// would be (the process umask applies).
fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o666);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// The names in `dir`, sorted.
    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Writes some bytes, then fails as a full disk does.
    fn fill_then_fail(file: &mut File) -> Result<(), ExportError> {
        file.write_all(&[b'x'; 4096]).map_err(ExportError::Output)?;
        Err(ExportError::Output(io::Error::from_raw_os_error(28)))
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "keep me").unwrap();
        let err = write_with(&path, Replace::Writable, fill_then_fail).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("cannot write {}: No space left on device (os error 28)", path.display())
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        assert_eq!(names_in(dir.path()), ["out.json"]);
        // And for a new file: nothing at all.
        let new = dir.path().join("new.json");
        write_with(&new, Replace::No, fill_then_fail).unwrap_err();
        assert_eq!(names_in(dir.path()), ["out.json"]);
    }

    #[test]
    fn temporary_names_differ_and_hide_beside_the_target() {
        let (a, b) = (temp_name(), temp_name());
        assert_ne!(a, b);
        let name = a.to_str().unwrap();
        assert!(name.starts_with(".nkict-export-") && name.ends_with(".tmp"), "{name}");
        assert_eq!(name.len(), ".nkict-export-".len() + 16 + ".tmp".len());
    }
}
