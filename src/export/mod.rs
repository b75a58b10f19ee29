//! Writing a view out: the export document (`document`), the formats it can
//! be written in (`FORMATS`, one file each), and the atomic write (`atomic`).
//! The command line (`nkict export`) and the dashboard both write through here.
//!
//! A JSON export is itself a valid nkict dataset: the loader ignores the
//! extra top-level fields, so `nkict --data export.json list` reads it back.

pub mod atomic;
pub mod document;
pub mod error;
pub mod format;
mod pretty;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use atomic::Replace;
pub use document::{ExportDocument, Generator};
pub use error::ExportError;
pub use format::{Destination, ExportFormat};

/// Declares each format's module and lists the formats.
macro_rules! formats {
    ($($module:ident :: $format:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every export format; the first is the default.
        pub const FORMATS: &[&dyn ExportFormat] = &[$(&$module::$format),*];
    };
}

formats! {
    json::Json,
    csv::Csv,
    jsonl::Jsonl,
    datapackage::DataPackage,
}

/// The format used when none is asked for.
pub fn default_format() -> &'static dyn ExportFormat {
    FORMATS[0]
}

/// The format called `name`, if there is one.
pub fn format_named(name: &str) -> Option<&'static dyn ExportFormat> {
    FORMATS.iter().copied().find(|f| f.name().eq_ignore_ascii_case(name))
}

/// The format a file name asks for by its extension, if any does.
pub fn format_of(path: &Path) -> Option<&'static dyn ExportFormat> {
    let extension = path.extension()?.to_str()?;
    FORMATS
        .iter()
        .copied()
        .find(|f| f.extensions().iter().any(|e| e.eq_ignore_ascii_case(extension)))
}

/// The other formats, in the registry's order from the one after `current`
/// round to the one before it: the order the dashboard's Tab goes through.
pub fn formats_after(current: &dyn ExportFormat) -> impl Iterator<Item = &'static dyn ExportFormat> {
    let at = FORMATS.iter().position(|f| f.name() == current.name()).unwrap_or(0);
    (1..FORMATS.len()).map(move |step| FORMATS[(at + step) % FORMATS.len()])
}

/// The format a file name asks for by its extension, else the default.
pub fn format_for(path: &Path) -> &'static dyn ExportFormat {
    format_of(path).unwrap_or_else(default_format)
}

/// Writes `doc` to `path` in `format`, atomically, replacing a file there
/// as `replace` allows (see `atomic`). Returns the path written.
pub fn write_to_path(
    doc: &ExportDocument,
    format: &dyn ExportFormat,
    path: &Path,
    replace: Replace,
) -> Result<PathBuf, ExportError> {
    write_out_to_path(path, replace, |out| format.write_to(doc, Destination::File, out))
}

/// Writes to `path` what `write` writes, atomically, replacing a file
/// there as `replace` allows (see `atomic`). Returns the path written.
pub fn write_out_to_path(
    path: &Path,
    replace: Replace,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<PathBuf, ExportError> {
    atomic::write_with(path, replace, |file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.flush().map_err(ExportError::Output)
    })?;
    Ok(path.to_owned())
}
