//! The records as JSON Lines: one object per line with the CSV's columns
//! (`model::rows::RecordRow`) as keys, numbers as numbers, `true`/`false`,
//! and `null` where the CSV cell is empty. `pd.read_json(path, lines=True)`
//! and `pd.read_csv` of the CSV export give the same table.

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat};
use crate::terminal_text::{escape_json, escape_owned};

pub struct Jsonl;

impl ExportFormat for Jsonl {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["jsonl", "ndjson"]
    }

    fn description(&self) -> &'static str {
        "JSON Lines, one record per line"
    }

    fn encode(&self, doc: &ExportDocument, _to: Destination) -> Result<Vec<u8>, ExportError> {
        let mut lines = String::new();
        for row in &doc.rows {
            lines.push_str(&serde_json::to_string(row).map_err(|err| ExportError::encode(self, err))?);
            lines.push('\n');
        }
        // No raw C1 controls or bidi overrides, as in every JSON nkict writes.
        Ok(escape_owned(lines, escape_json).into_bytes())
    }
}
