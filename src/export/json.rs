//! The export as one pretty-printed JSON document: a dataset `nkict --data`
//! reads back, with the export's own fields beside the lists.

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat};
use crate::terminal_text::{escape_json, escape_owned};

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

    fn writes_rows(&self) -> bool {
        false
    }

    /// Pretty JSON with DEL, C1 controls and bidi overrides written as
    /// `\u009b` (`terminal_text::escape_json`): the same strings to a JSON
    /// reader, inert when the file is printed to a terminal.
    fn encode(&self, doc: &ExportDocument, _to: Destination) -> Result<Vec<u8>, ExportError> {
        let mut json = serde_json::to_string_pretty(doc).map_err(|err| ExportError::encode(self, err))?;
        json.push('\n');
        Ok(escape_owned(json, escape_json).into_bytes())
    }
}
