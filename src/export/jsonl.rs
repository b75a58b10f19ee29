//! The records as JSON Lines: one object per line with the CSV's columns
//! (`model::rows::RecordRow`) as keys, numbers as numbers, `true`/`false`,
//! and `null` where the CSV cell is empty. `pd.read_json(path, lines=True)`
//! and `pd.read_csv` of the CSV export give the same table.

use std::io::Write;

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat};

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
        let mut bytes = Vec::new();
        for row in &doc.rows {
            serde_json::to_writer(&mut bytes, row).map_err(|err| ExportError::encode(self, err))?;
            bytes.write_all(b"\n").map_err(|err| ExportError::encode(self, err))?;
        }
        Ok(bytes)
    }
}
