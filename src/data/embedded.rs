//! The bundled dataset as `build.rs` prepared it: its records as statics
//! whose text is borrowed from the binary, its lists as a tree of JSON
//! values. Reading it parses no JSON and checks nothing: a test proves that
//! it is exactly what the careful loader reads from `data/nkict.json`,
//! which checks everything. A build that could not prepare it has none,
//! and `read` says so; the caller then reads the JSON. A record read from
//! it, and an item of its lists, can be written as its own text in
//! `data/nkict.json` (`json_of`, `item_json`).

use std::iter;

use serde::de::value::{BorrowedStrDeserializer, Error, MapDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};
use serde_json::value::RawValue;

use super::bundled_texts::BUNDLED_TEXTS;
use super::date::PartialDate;
use super::fast::{NotFast, RecordRef};
use super::load::EMBEDDED;
use super::schema::{Dataset, Entity, Indicator, Period, Record, RecordOf, Source};
use super::text::{StaticText, Text};

/// The bundled dataset as `build.rs` wrote it.
pub(super) struct Form {
    /// The dataset without its records, a tree of values whose root is the
    /// first.
    lists: &'static [Node],
    /// The texts of the records' lists (entities, tags), list after list.
    listed: &'static [Span],
    records: &'static [Prepared],
    /// Each source's, indicator's and entity's own text in
    /// `data/nkict.json`, by `List`, as the JSON export writes it
    /// (`item_json`).
    items: [&'static [Span]; 3],
}

/// The lists whose items' own text the prepared form keeps.
#[derive(Clone, Copy)]
pub enum List {
    Sources = 0,
    Indicators = 1,
    Entities = 2,
}

/// An item of one of the lists (`List`).
pub trait Item {
    const LIST: List;
}

impl Item for Source {
    const LIST: List = List::Sources;
}

impl Item for Indicator {
    const LIST: List = List::Indicators;
}

impl Item for Entity {
    const LIST: List = List::Entities;
}

/// A JSON value of the lists. Their texts are in `BUNDLED_TEXTS`, the items
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

/// Where a text is in `BUNDLED_TEXTS` (`bundled_texts`): its start and
/// length, in bytes.
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
    /// The record's own text in `data/nkict.json` (`load::EMBEDDED`), as
    /// the JSON export writes it (`json_of`).
    json: Span,
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

/// `record`'s own text in `data/nkict.json`, to be written as it is, when
/// `record` is one `each_record` handed over (its id still borrowed from
/// this form, the one thing that can lend it): the JSON export then copies
/// it instead of encoding the record again (most of the export's work).
/// The text is exactly the record's pretty JSON two levels deep, where the
/// export writes its records: the test `each_bundled_record_is_written_as_the_export_writes_it`
/// proves it for every one.
/// `None` for any other record, such as a file's whose id is a bundled one.
pub fn json_of(record: &Record) -> Option<&'static RawValue> {
    let form = PREPARED.as_ref()?;
    let prepared = form.prepared(&record.id)?;
    debug_assert!(
        form.record(prepared)
            .is_ok_and(|own| own.map_text(Text::held) == *record),
        "a bundled record changed after it was read: {}",
        record.id
    );
    raw_value(form.json(prepared.json))
}

/// As `json_of`, the record told by its id alone, as `each_record` lent
/// it: for a record handed over without its other texts (the JSON export
/// needs none of them).
pub fn json_by_id(id: &StaticText) -> Option<&'static RawValue> {
    let form = PREPARED.as_ref()?;
    raw_value(form.json(form.prepared(id)?.json))
}

/// The own text in `data/nkict.json` of the item at `index` of the bundled
/// dataset's list of `T`s, to be written as it is: the caller knows the
/// item is that one, read by `lists` and unchanged (the model says so:
/// `Model::bundled_lists`). The text is exactly the item's pretty
/// JSON two levels deep, where the export writes it: the test
/// `each_bundled_list_item_is_written_as_the_export_writes_it` proves it
/// for every one. `None` without a prepared form.
pub fn item_json<T: Item>(index: usize) -> Option<&'static RawValue> {
    let form = PREPARED.as_ref()?;
    raw_value(form.json(*form.items[T::LIST as usize].get(index)?))
}

/// `json`, known to be one JSON value, as serde_json's `RawValue` without
/// parsing it again (which would cost as much as encoding the record): its
/// own `Deserialize` takes it from a map of one entry whose key is the name
/// it asks for, as serde_json's own reader hands it over. `None` if a
/// later serde_json no longer does. The JSON export also hands over text
/// it writes itself this way: each record's time (`json::PrettyTimes`)
/// and the citation (`json::JsonText`).
pub fn raw_value(json: &str) -> Option<&RawValue> {
    <&RawValue>::deserialize(RawText(json)).ok()
}

/// A JSON value's text, for `RawValue`'s `Deserialize`.
struct RawText<'a>(&'a str);

impl<'de> Deserializer<'de> for RawText<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("only a RawValue reads a JSON text"))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        let entry = (BorrowedStrDeserializer::new(name), BorrowedStrDeserializer::new(self.0));
        visitor.visit_map(MapDeserializer::new(iter::once(entry)))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string option
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
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
        &BUNDLED_TEXTS[start as usize..][..length as usize]
    }

    /// The prepared record whose id `id` is: the one whose id is where
    /// `id` is borrowed from. The ids come first in `BUNDLED_TEXTS`, in the
    /// records' order (`build.rs`), so a binary search finds it.
    fn prepared(&self, id: &StaticText) -> Option<&Prepared> {
        let id = id.borrowed()?;
        // A file's record (a million, say) is told apart without a search.
        let start = super::bundled_texts::offset(id)?;
        let at = self
            .records
            .binary_search_by_key(&start, |prepared| prepared.id.0 as usize)
            .ok()?;
        let prepared = &self.records[at];
        (prepared.id.1 as usize == id.len()).then_some(prepared)
    }

    /// A record's or an item's own text in `data/nkict.json`.
    fn json(&self, Span(start, length): Span) -> &'static str {
        &EMBEDDED[start as usize..][..length as usize]
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
    use serde::Serialize;

    /// A record (or a list's item) where the JSON export writes its
    /// records: two levels deep.
    #[derive(Serialize)]
    struct InAnExport<T> {
        records: [T; 1],
    }

    #[test]
    fn each_bundled_record_is_written_as_the_export_writes_it() {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        for prepared in form.records {
            let record = form
                .record(prepared)
                .expect("slugs and dates read")
                .map_text(Text::held);
            let encoded = serde_json::to_string_pretty(&InAnExport { records: [&record] }).unwrap();
            let json = json_of(&record).unwrap_or_else(|| panic!("`{}` is not found by its id", record.id));
            let copied = serde_json::to_string_pretty(&InAnExport { records: [json] }).unwrap();
            // The record's lines, as they stand in the data file.
            let lines = |doc: &str| doc[doc.find("\n    {").unwrap() + 1..doc.rfind("\n  ]").unwrap()].to_owned();
            assert!(
                copied == encoded,
                "data/nkict.json: record `{}` is not written as the JSON export writes it, so \
                 the export could not copy its text. Write it as below (fields in the schema's \
                 order, each on a line of its own, two spaces a level), as `nkict export -o -` \
                 does:\n{}\nnot:\n{}",
                record.id,
                lines(&encoded),
                lines(&copied)
            );
        }
    }

    /// Each of `items` (the bundled list of `T`s, called `list`) has its
    /// own text kept, written as the JSON export writes it: two levels
    /// deep, its fields in the schema's order, empty lists and absent
    /// values as the export writes them.
    fn written_as_exported<T: Item + Serialize>(list: &str, items: &[T], id: impl Fn(&T) -> &str) {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        assert_eq!(form.items[T::LIST as usize].len(), items.len(), "{list}");
        for (index, item) in items.iter().enumerate() {
            let encoded = serde_json::to_string_pretty(&InAnExport { records: [item] }).unwrap();
            let json = item_json::<T>(index).unwrap_or_else(|| panic!("`{list}` item {index} has no text"));
            let copied = serde_json::to_string_pretty(&InAnExport { records: [json] }).unwrap();
            let lines = |doc: &str| doc[doc.find("\n    {").unwrap() + 1..doc.rfind("\n  ]").unwrap()].to_owned();
            assert!(
                copied == encoded,
                "data/nkict.json: `{list}` item `{}` is not written as the JSON export writes it, so \
                 the export could not copy its text. Write it as below, as `nkict export -o -` \
                 does:\n{}\nnot:\n{}",
                id(item),
                lines(&encoded),
                lines(&copied)
            );
        }
    }

    #[test]
    fn each_bundled_list_item_is_written_as_the_export_writes_it() {
        let loaded = load_embedded().unwrap_or_else(|err| panic!("{err}"));
        written_as_exported("sources", &loaded.sources, |item| &item.id);
        written_as_exported("indicators", &loaded.indicators, |item| &item.id);
        written_as_exported("entities", &loaded.entities, |item| &item.id);
    }

    #[test]
    fn only_a_record_read_from_the_bundled_form_is_found_there() {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        let bundled = form.record(&form.records[0]).unwrap().map_text(Text::held);
        let found = |record: &Record| json_of(record).map(RawValue::get);
        let json = found(&bundled).unwrap();
        assert!(
            json.starts_with(&format!("{{\n      \"id\": \"{}\",", bundled.id)),
            "{json}"
        );
        // The same record read from a file: its text is not the binary's.
        let from_a_file = bundled.clone().map_text(|text| Text::from(text).copied());
        assert_eq!(from_a_file, bundled);
        assert_eq!(found(&from_a_file), None);
        // Ids borrowed from the form, but not where an id is: its title,
        // and the first letters of its id.
        let titled = RecordOf {
            id: bundled.title.clone(),
            ..bundled.clone()
        };
        assert_eq!(found(&titled), None);
        let id = bundled.id.borrowed().expect("the bundled id is borrowed");
        let cut = RecordOf {
            id: Text::from(&id[..3]).held(),
            ..bundled.clone()
        };
        assert_eq!(found(&cut), None);
    }

    #[test]
    fn the_bundled_lists_borrow_their_text_and_a_files_own_it() {
        let borrowed = |text: &crate::data::text::StaticText| text.borrowed().is_some();
        let bundled = lists().expect("build.rs prepared data/nkict.json");
        let loaded = load_embedded().unwrap_or_else(|err| panic!("{err}"));
        for (lists, bundled_ones) in [(&bundled, true), (&loaded, false)] {
            let texts = (lists.sources.iter().flat_map(|s| [&s.id, &s.title, &s.container]))
                .chain(lists.sources.iter().flat_map(|s| s.authors.iter().chain(&s.url)))
                .chain(lists.sources.iter().flat_map(|s| {
                    [
                        &s.publisher,
                        &s.volume,
                        &s.issue,
                        &s.pages,
                        &s.doi,
                        &s.repository,
                        &s.path,
                        &s.commit,
                        &s.note,
                        &s.text_file,
                    ]
                    .into_iter()
                    .flatten()
                }))
                .chain(
                    lists
                        .indicators
                        .iter()
                        .flat_map(|i| [&i.id, &i.name, &i.unit, &i.description]),
                )
                .chain(lists.indicators.iter().filter_map(|i| i.unit_singular.as_ref()))
                .chain(lists.entities.iter().flat_map(|e| [&e.id, &e.name]))
                .chain(
                    lists
                        .entities
                        .iter()
                        .flat_map(|e| e.aliases.iter().chain(&e.korean).chain(&e.note)),
                );
            let mut count = 0;
            for text in texts {
                assert_eq!(borrowed(text), bundled_ones, "{text}");
                count += 1;
            }
            assert!(count > 1000, "{count} texts");
        }
    }

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
