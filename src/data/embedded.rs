//! The bundled dataset as `build.rs` prepared it: its records as statics
//! whose text is borrowed from the binary, its lists as a tree of JSON
//! values. Reading it parses no JSON and checks nothing: a test proves that
//! it is exactly what the careful loader reads from `data/nkict.json`,
//! which checks everything. A build that could not prepare it has none,
//! and `read` says so; the caller then reads the JSON.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};

use super::date::PartialDate;
use super::fast::{NotFast, RecordRef};
use super::schema::{Dataset, Period, RecordOf};
use super::text::Text;

/// The bundled dataset as `build.rs` wrote it.
pub(super) struct Form {
    /// The dataset without its records, a tree of values whose root is the
    /// first.
    lists: &'static [Node],
    /// Every text of the records, each once, one after the other.
    text: &'static str,
    /// The texts of the records' lists (entities, tags), list after list.
    listed: &'static [Span],
    records: &'static [Prepared],
}

/// A JSON value of the lists. Their texts are in `Form::text`, the items
/// of an array or the entries of an object (key, value, key...) one after
/// the other in `Form::lists`, from the first.
#[derive(Clone, Copy)]
#[allow(dead_code, reason = "any JSON value: the data decides which are written")]
enum Node {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Span),
    Seq(u32, u32),
    Map(u32, u32),
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

/// The prepared dataset without its records. `NotFast` when this build
/// has none (the caller then reads the JSON).
pub fn lists() -> Result<Dataset, NotFast> {
    let form = PREPARED.as_ref().ok_or(NotFast)?;
    form.lists().map_err(|_| NotFast)
}

/// Hands each prepared record to `each`, with its number (from 0), as
/// `fast::read` hands a file's. `NotFast` when this build has no prepared
/// form (or, were the test that proves it not run, one whose slugs or
/// dates do not read), after which whatever `each` received counts for
/// nothing.
pub fn each_record(each: &mut dyn FnMut(usize, RecordRef<'static>)) -> Result<(), NotFast> {
    let form = PREPARED.as_ref().ok_or(NotFast)?;
    for (index, prepared) in form.records.iter().enumerate() {
        each(index, form.record(prepared)?);
    }
    Ok(())
}

/// How many records the prepared dataset has (none without one).
pub fn records() -> usize {
    PREPARED.as_ref().map_or(0, |form| form.records.len())
}

impl Form {
    /// The dataset without its records, read by its `Deserialize` as from
    /// a file.
    fn lists(&'static self) -> Result<Dataset, Error> {
        Dataset::deserialize(Tree { form: self, at: 0 })
    }

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

    /// A date, read as `PartialDate`'s `Deserialize` reads one.
    fn date(&self, span: Span) -> Result<PartialDate, NotFast> {
        self.text(span).parse().map_err(|_| NotFast)
    }

    /// A record, its text borrowed; `NotFast` if a slug or date does not read.
    fn record(&self, prepared: &Prepared) -> Result<RecordRef<'static>, NotFast> {
        let text = |span| Text::from(self.text(span));
        let period = match prepared.period {
            Some((start, end)) => Some(Period {
                start: self.date(start)?,
                end: self.date(end)?,
            }),
            None => None,
        };
        Ok(RecordOf {
            id: text(prepared.id),
            kind: self.read(prepared.kind)?,
            category: self.read(prepared.category)?,
            title: text(prepared.title),
            summary: text(prepared.summary),
            date: prepared.date.map(|span| self.date(span)).transpose()?,
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

/// A value of `Form::lists`, to deserialize: what serde_json would hand a
/// visitor for it in a file, its strings borrowed.
#[derive(Clone, Copy)]
struct Tree {
    form: &'static Form,
    at: u32,
}

impl Tree {
    fn node(self) -> Node {
        self.form.lists[self.at as usize]
    }

    /// The values from `first` on, `count` of them (`per` each).
    fn items(self, first: u32, count: u32, per: u32) -> Items {
        Items {
            form: self.form,
            next: first,
            end: first + count * per,
        }
    }
}

impl<'de> Deserializer<'de> for Tree {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node() {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::U64(n) => visitor.visit_u64(n),
            Node::I64(n) => visitor.visit_i64(n),
            Node::F64(x) => visitor.visit_f64(x),
            Node::Str(span) => visitor.visit_borrowed_str(self.form.text(span)),
            Node::Seq(first, count) => visitor.visit_seq(self.items(first, count, 1)),
            Node::Map(first, count) => visitor.visit_map(self.items(first, count, 2)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node() {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A vocabulary's word (every enum of the lists is one).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.node() {
            Node::Str(span) => visitor.visit_enum(self.form.text(span).into_deserializer()),
            _ => Err(de::Error::custom("an enum other than a word")),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The items of an array, or the keys and values of an object, in turn.
struct Items {
    form: &'static Form,
    next: u32,
    end: u32,
}

impl Items {
    fn next_value<'de, T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let tree = Tree {
            form: self.form,
            at: self.next,
        };
        self.next += 1;
        seed.deserialize(tree)
    }

    /// The next value, if any is left: an item, or an entry's key.
    fn next_if_any<'de, T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.next == self.end {
            return Ok(None);
        }
        self.next_value(seed).map(Some)
    }
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.next_if_any(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.end - self.next) as usize)
    }
}

impl<'de> MapAccess<'de> for Items {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        self.next_if_any(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.next_value(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(((self.end - self.next) / 2) as usize)
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
        let mut prepared = form.lists().unwrap();
        prepared.records = form
            .records
            .iter()
            .map(|record| {
                form.record(record)
                    .expect("slugs and dates read")
                    .map_text(Text::copied)
            })
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
