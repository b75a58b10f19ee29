//! What can go wrong writing an export.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot encode the export as {format}: {source}")]
    Encode {
        format: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The file exists and the caller did not ask to replace it.
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    /// A folder, a device, a pipe or a socket: a rename would replace it.
    #[error("{} is {kind}, not a file", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    /// A symbolic link, which nkict does not write through.
    #[error("{} is a symbolic link (to {}); nkict does not write through links: give the file itself", path.display(), target.display())]
    Symlink { path: PathBuf, target: PathBuf },
    /// The folder the file would be in does not exist.
    #[error("cannot write {}: there is no folder {}", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    /// A file nobody may write, and the caller did not ask to replace those.
    #[error("{} is read-only", path.display())]
    ReadOnly { path: PathBuf },
    /// Writing to the output failed (the caller names the output).
    #[error(transparent)]
    Output(std::io::Error),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl ExportError {
    /// `format` could not encode the document.
    pub fn encode(
        format: &dyn super::ExportFormat,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self::Encode {
            format: format.name(),
            source: source.into(),
        }
    }
}
