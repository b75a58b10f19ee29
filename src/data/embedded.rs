//! The bundled dataset as `build.rs` prepared it: its records as statics
//! whose text is borrowed from the binary, its lists as JSON. Reading it
//! costs a small parse (the lists) and no check: a test proves that it is
//! exactly what the careful loader reads from `data/nkict.json`, which
//! checks everything. A build that could not prepare it has none, and
//! `read` says so; the caller then reads the JSON.

use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::StrDeserializer;

use super::fast::{NotFast, RecordRef, Sink};
use super::schema::{Dataset, Period, RecordOf};
use super::text::Text;

/// The bundled dataset as `build.rs` wrote it.
pub(super) struct Form {
    /// The dataset without its records, as JSON.
    lists: &'static str,
    /// Every text of the records, each once, one after the other.
    text: &'static str,
    /// The texts of the records' lists (entities, tags), list after list.
    listed: &'static [Span],
    records: &'static [Prepared],
}

/// Where a text is in `Form::text`: its start and length, in bytes.
#[derive(Clone, Copy)]
struct Span(u32, u32);

/// Where a list's texts are in `Form::listed`: the first, and how many.
type Listed = (u32, u32);

/// A record as `build.rs` writes it: each text as in the file; slugs and
/// dates as text too, read by the crate's own types when the record is.
struct Prepared {
    id: Span,
    kind: Span,
    category: Span,
    title: Span,
    summary: Span,
    source: Span,
    locator: Span,
    quote: Span,
    date: Option<Span>,
    as_of: Option<Span>,
    date_text: Option<Span>,
    indicator: Option<Span>,
    qualifier: Option<Span>,
    amount_text: Option<Span>,
    status: Option<Span>,
    note: Option<Span>,
    period: Option<(Span, Span)>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    entities: Listed,
    tags: Listed,
}

// `PREPARED`, a `Form`.
include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Reads the prepared dataset as `fast::read` reads a file: hands each
/// record to `sink` and returns the dataset without its records. `NotFast`
/// when this build has no prepared form (or, were the test that proves it
/// not run, one whose slugs or dates do not read), after which whatever
/// `sink` received counts for nothing.
pub fn read(sink: &mut impl Sink<'static>) -> Result<Dataset, NotFast> {
    let form = PREPARED.as_ref().ok_or(NotFast)?;
    let lists: Dataset = serde_json::from_str(form.lists).map_err(|_| NotFast)?;
    sink.records(&lists, |each| {
        for (index, prepared) in form.records.iter().enumerate() {
            each(index, form.record(prepared)?);
        }
        Ok(())
    })?;
    Ok(lists)
}

/// How many records the prepared dataset has (none without one).
pub fn records() -> usize {
    PREPARED.as_ref().map_or(0, |form| form.records.len())
}

impl Form {
    fn text(&self, Span(start, length): Span) -> &'static str {
        let text: &'static str = self.text;
        &text[start as usize..][..length as usize]
    }

    fn list(&self, (first, count): Listed) -> Vec<Text<'static>> {
        let listed: &'static [Span] = self.listed;
        listed[first as usize..][..count as usize]
            .iter()
            .map(|&span| Text::from(self.text(span)))
            .collect()
    }

    /// A slug or a date, read as a file's string is: by the type's own
    /// `Deserialize`, so with the same names.
    fn read<T: Deserialize<'static>>(&self, span: Span) -> Result<T, NotFast> {
        let text: StrDeserializer<'_, serde::de::value::Error> = self.text(span).into_deserializer();
        T::deserialize(text).map_err(|_| NotFast)
    }

    /// A record, its text borrowed; `NotFast` if a slug or date does not read.
    fn record(&self, prepared: &Prepared) -> Result<RecordRef<'static>, NotFast> {
        let text = |span| Text::from(self.text(span));
        let period = match prepared.period {
            Some((start, end)) => Some(Period {
                start: self.read(start)?,
                end: self.read(end)?,
            }),
            None => None,
        };
        Ok(RecordOf {
            id: text(prepared.id),
            kind: self.read(prepared.kind)?,
            category: self.read(prepared.category)?,
            title: text(prepared.title),
            summary: text(prepared.summary),
            date: prepared.date.map(|span| self.read(span)).transpose()?,
            period,
            as_of: prepared.as_of.map(|span| self.read(span)).transpose()?,
            date_text: prepared.date_text.map(text),
            entities: self.list(prepared.entities),
            indicator: prepared.indicator.map(text),
            value: prepared.value,
            low: prepared.low,
            high: prepared.high,
            qualifier: prepared.qualifier.map(|span| self.read(span)).transpose()?,
            amount_text: prepared.amount_text.map(text),
            status: prepared.status.map(|span| self.read(span)).transpose()?,
            source: text(prepared.source),
            locator: text(prepared.locator),
            quote: text(prepared.quote),
            note: prepared.note.map(text),
            tags: self.list(prepared.tags),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::load_embedded;

    #[test]
    fn the_prepared_bundled_dataset_is_the_json() {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        let mut prepared: Dataset = serde_json::from_str(form.lists).unwrap();
        prepared.records = form
            .records
            .iter()
            .map(|record| form.record(record).expect("slugs and dates read").map_text(|t| t.to_string()))
            .collect();
        let loaded = load_embedded().unwrap_or_else(|err| panic!("{err}"));
        assert!(loaded.records.len() > 500, "{} records", loaded.records.len());
        // Record by record first, for a message that names the one that differs.
        for (prepared, loaded) in prepared.records.iter().zip(&loaded.records) {
            assert_eq!(prepared, loaded);
        }
        assert_eq!(prepared, loaded);
    }
}
