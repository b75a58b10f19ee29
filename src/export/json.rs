//! The export as one pretty-printed JSON document: a dataset `nkict --data`
//! reads back, with the export's own fields beside the lists.

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::ExportFormat;

pub struct Json;

impl ExportFormat for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn encode(&self, doc: &ExportDocument) -> Result<Vec<u8>, ExportError> {
        let mut bytes = serde_json::to_vec_pretty(doc).map_err(|err| ExportError::Encode {
            format: self.name(),
            source: Box::new(err),
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
