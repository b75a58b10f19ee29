//! Writing a file so that it is never seen half-written: the bytes go to a
//! temporary file beside the target, which is then renamed over it.

use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use super::error::ExportError;

/// Writes `bytes` to `path` atomically. Without `overwrite` an existing file
/// (or a dangling link) is left untouched and `ExportError::Exists` returned.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    let write_error = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(ExportError::Exists { path: path.to_owned() });
    }
    let mut file = temp_file_beside(path).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.flush().map_err(write_error)?;
    file.as_file().sync_all().map_err(write_error)?;
    let persisted = if overwrite {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(err) if !overwrite && err.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ExportError::Exists { path: path.to_owned() })
        }
        Err(err) => Err(write_error(err.error)),
    }
}

/// A temporary file in `path`'s folder (so the final rename cannot cross
/// file systems), readable as a normally created file would be.
fn temp_file_beside(path: &Path) -> std::io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nkict-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The process umask still applies, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}
