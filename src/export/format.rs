//! The contract of an export format.

use std::io::Write;

use super::document::ExportDocument;
use super::error::ExportError;

/// Where the encoded bytes go: a format may write a file a little
/// differently from a stream (a CSV file starts with a byte order mark so
/// that spreadsheets read it as UTF-8; a pipe gets none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    File,
    Stream,
}

/// One way of writing an export document: a file of its own in `export/`,
/// listed in `FORMATS`.
pub trait ExportFormat: Sync {
    /// What people call it: `json`.
    fn name(&self) -> &'static str;
    /// The file name extensions that ask for it, without their dots; the
    /// first is the one proposed.
    fn extensions(&self) -> &'static [&'static str];
    /// What a file of it holds, in a few words: `CSV, one row per record`.
    fn description(&self) -> &'static str;
    /// Whether its bytes are not text (a terminal must not receive them).
    fn is_binary(&self) -> bool {
        false
    }
    /// Whether it writes the document's flat `rows` (built only then).
    fn writes_rows(&self) -> bool {
        true
    }
    fn encode(&self, doc: &ExportDocument, to: Destination) -> Result<Vec<u8>, ExportError>;

    /// Writes the document to `out`: as `encode` encodes it, or as it goes
    /// for a format that can (a large export is then never held whole, in
    /// pages touched for it alone). A failure to write is
    /// `ExportError::Output`.
    fn write_to(&self, doc: &ExportDocument, to: Destination, out: &mut dyn Write) -> Result<(), ExportError> {
        out.write_all(&self.encode(doc, to)?).map_err(ExportError::Output)
    }

    /// The file name extension proposed for it.
    fn extension(&self) -> &'static str {
        self.extensions()[0]
    }
}

/// `format`'s encoding of `doc`, written by its `write_to` (for the formats
/// that write as they go).
pub(super) fn encoded_by_writing(
    format: &dyn ExportFormat,
    doc: &ExportDocument,
    to: Destination,
) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    format.write_to(doc, to, &mut bytes)?;
    Ok(bytes)
}

/// A serde_json failure while writing as `format`: the output's (`Output`),
/// or the encoding's.
pub(super) fn json_failure(format: &dyn ExportFormat, err: serde_json::Error) -> ExportError {
    if err.is_io() {
        ExportError::Output(err.into())
    } else {
        ExportError::encode(format, err)
    }
}
