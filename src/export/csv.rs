//! The records as CSV: one row per record, the columns of
//! `model::rows::RecordRow` whatever the content (RFC 4180 quoting, UTF-8).
//! Also the writer of every other flat listing (`list --format csv`...).
//!
//! A file starts with a UTF-8 byte order mark, so that Excel reads Korean
//! text as UTF-8 when the file is opened by double-click; pandas and R
//! (`read.csv` in a UTF-8 locale) skip it. A stream gets none, so that
//! `cut`, `awk` and pipes see plain text.

use std::io::{self, Write};

use serde::Serialize;

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat};

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct Csv;

impl ExportFormat for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }

    fn description(&self) -> &'static str {
        "CSV, one row per record"
    }

    fn encode(&self, doc: &ExportDocument, to: Destination) -> Result<Vec<u8>, ExportError> {
        let mut bytes = match to {
            Destination::File => BOM.to_vec(),
            Destination::Stream => Vec::new(),
        };
        write_rows(doc.rows.iter().cloned(), &mut bytes).map_err(|err| ExportError::encode(self, err))?;
        Ok(bytes)
    }
}

/// Rows as CSV (RFC 4180, UTF-8), headed by their column names even when
/// there are none. Each row type's fields are its columns.
pub fn write_rows<T: Serialize + Default>(rows: impl Iterator<Item = T>, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let mut empty = true;
    for row in rows {
        writer.serialize(row).map_err(csv_error)?;
        empty = false;
    }
    if empty {
        // The csv crate writes the header with the first row: take it from a
        // blank one.
        let mut blank = ::csv::Writer::from_writer(Vec::new());
        blank.serialize(T::default()).map_err(csv_error)?;
        let text = blank.into_inner().map_err(|err| csv_error(err.into_error().into()))?;
        let header = text.split_inclusive(|&b| b == b'\n').next().unwrap_or_default();
        writer.flush()?;
        writer.into_inner().map_err(|err| err.into_error())?.write_all(header)?;
        return Ok(());
    }
    writer.flush()
}

/// The column names of rows of type `T`, in order.
pub fn header<T: Serialize + Default>() -> Vec<String> {
    let mut text = Vec::new();
    write_rows(std::iter::empty::<T>(), &mut text).expect("writing to memory");
    let mut reader = ::csv::Reader::from_reader(text.as_slice());
    let names = reader.headers().expect("a header just written");
    names.iter().map(str::to_owned).collect()
}

fn csv_error(err: ::csv::Error) -> io::Error {
    match err.into_kind() {
        ::csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}
