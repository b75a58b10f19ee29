//! The contract of an export format.

use super::document::ExportDocument;
use super::error::ExportError;

/// One way of writing an export document: a file of its own in `export/`,
/// listed in `FORMATS`.
pub trait ExportFormat: Sync {
    /// What people call it: `json`.
    fn name(&self) -> &'static str;
    /// The file name extension, without its dot.
    fn extension(&self) -> &'static str;
    fn encode(&self, doc: &ExportDocument) -> Result<Vec<u8>, ExportError>;
}
