//! The export as one pretty-printed JSON document: a dataset `nkict --data`
//! reads back, with the export's own fields beside the lists.

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat};

pub struct Json;

impl ExportFormat for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn description(&self) -> &'static str {
        "JSON, a dataset nkict --data reads back"
    }

    fn encode(&self, doc: &ExportDocument, _to: Destination) -> Result<Vec<u8>, ExportError> {
        let mut bytes = serde_json::to_vec_pretty(doc).map_err(|err| ExportError::encode(self, err))?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
