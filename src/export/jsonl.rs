//! The records as JSON Lines: one object per line with the CSV's columns
//! (`model::rows::RecordRow`) as keys, numbers as numbers, `true`/`false`,
//! and `null` where the CSV cell is empty. `pd.read_json(path, lines=True)`
//! and `pd.read_csv` of the CSV export give the same table.

use super::document::ExportDocument;
use super::error::ExportError;
use std::io::Write;

use super::format::{Destination, ExportFormat, encoded_by_writing, json_failure};
use crate::terminal_text::JsonEscaping;

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

    fn encode(&self, doc: &ExportDocument, to: Destination) -> Result<Vec<u8>, ExportError> {
        encoded_by_writing(self, doc, to)
    }

    fn write_to(&self, doc: &ExportDocument, _to: Destination, out: &mut dyn Write) -> Result<(), ExportError> {
        // No raw C1 controls or bidi overrides, as in every JSON nkict writes.
        let mut lines = JsonEscaping::buffered(out);
        for row in &doc.rows {
            serde_json::to_writer(&mut lines, row).map_err(|err| json_failure(self, err))?;
            lines.write_all(b"\n").map_err(ExportError::Output)?;
        }
        JsonEscaping::finish_buffered(lines).map_err(ExportError::Output)?;
        Ok(())
    }
}
