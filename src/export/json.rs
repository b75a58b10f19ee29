//! The export as one pretty-printed JSON document: a dataset `nkict --data`
//! reads back, with the export's own fields beside the lists.

use super::document::ExportDocument;
use super::error::ExportError;
use std::io::Write;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::data::Record;
use crate::data::embedded;

use super::format::{Destination, ExportFormat, encoded_by_writing, json_failure};
use super::pretty::Pretty;
use crate::terminal_text::JsonEscaping;

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
    fn encode(&self, doc: &ExportDocument, to: Destination) -> Result<Vec<u8>, ExportError> {
        encoded_by_writing(self, doc, to)
    }

    /// Written as it is encoded: an export of the bundled dataset is 650 KB,
    /// and holding it whole (then checking it for escapes) touched 160
    /// pages more than this, each a page fault.
    fn write_to(&self, doc: &ExportDocument, _to: Destination, out: &mut dyn Write) -> Result<(), ExportError> {
        let mut json = JsonEscaping::buffered(out);
        let mut serializer = serde_json::Serializer::with_formatter(&mut json, Pretty::default());
        doc.serialize_with(&mut serializer, &Records(&doc.records))
            .map_err(|err| json_failure(self, err))?;
        json.write_all(b"\n").map_err(ExportError::Output)?;
        JsonEscaping::finish_buffered(json).map_err(ExportError::Output)?;
        Ok(())
    }
}

/// The records of a pretty document, two levels deep: a bundled record as
/// its own text in the data file, which is exactly what encoding it writes
/// there (`embedded::json_of`): encoding the records was 40% of the bundled
/// dataset's export (5.9M of 14.1M instructions).
struct Records<'d>(&'d [&'d Record]);

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut records = serializer.serialize_seq(Some(self.0.len()))?;
        for &record in self.0 {
            match embedded::json_of(record) {
                Some(json) => records.serialize_element(json)?,
                None => records.serialize_element(record)?,
            }
        }
        records.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;
    use crate::model::sift::{Keep, Progress, sift_embedded};
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_bundled_dataset_is_exported_as_serde_json_encodes_it() {
        let sifted = sift_embedded(&Filter::default(), Keep::All, &Progress::default()).unwrap();
        let time = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
        let doc = ExportDocument::at(&sifted.model, &sifted.view, &sifted.filter, time);
        assert!(doc.records.len() > 500, "{} records", doc.records.len());
        // Every record is copied from the data file, none encoded.
        for record in &doc.records {
            assert!(embedded::json_of(record).is_some(), "{} is encoded", record.id);
        }
        let written = String::from_utf8(Json.encode(&doc, Destination::Stream).unwrap()).unwrap();
        let mut escaping = JsonEscaping::new(Vec::new());
        serde_json::to_writer_pretty(&mut escaping, &doc).unwrap();
        escaping.write_all(b"\n").unwrap();
        let encoded = String::from_utf8(escaping.finish().unwrap()).unwrap();
        for (number, (written, encoded)) in written.lines().zip(encoded.lines()).enumerate() {
            assert_eq!(written, encoded, "line {}", number + 1);
        }
        assert_eq!(written.len(), encoded.len());
    }
}
