//! The contract of an export format.

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
    fn encode(&self, doc: &ExportDocument, to: Destination) -> Result<Vec<u8>, ExportError>;

    /// The file name extension proposed for it.
    fn extension(&self) -> &'static str {
        self.extensions()[0]
    }
}
