//! The bundled dataset as `build.rs` prepared it: its records and lists as
//! statics whose text is borrowed from the binary. Reading it parses no
//! JSON and checks nothing: a test proves that
//! it is exactly what the careful loader reads from `data/nkict.json`,
//! which checks everything. A build that could not prepare it has none,
//! and `read` says so; the caller then reads the JSON. A record read from
//! it, and an item of its lists, can be written as its own text in
//! `data/nkict.json` (`json_of`, `item_json`).

use std::iter;

use serde::de::value::{BorrowedStrDeserializer, Error, MapDeserializer, StrDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};
use serde_json::value::RawValue;

use super::bundled_texts::BUNDLED_TEXTS;
use super::date::PartialDate;
use super::fast::{NotFast, RecordRef};
use super::load::EMBEDDED;
use super::schema::{
    Dashboard, Dataset, Entity, Indicator, InfoAsOf, Metadata, Original, Period, Record, RecordOf, Source,
};
use super::text::{StaticText, Text};

/// The bundled dataset as `build.rs` wrote it.
pub(super) struct Form {
    schema_version: u32,
    metadata: Option<PreparedMetadata>,
    dashboard: Option<PreparedDashboard>,
    sources: &'static [PreparedSource],
    indicators: &'static [PreparedIndicator],
    entities: &'static [PreparedEntity],
    records: &'static [Prepared],
    /// The records' positions in the order `Model::filter` gives them all
    /// (`Model::all`: by time), worked out by `build.rs`.
    chronological: &'static [u32],
    /// The positions of the sources, indicators and entities (by `List`)
    /// that any record uses, worked out by `build.rs`.
    used: [&'static [u32]; 3],
    /// The texts of the lists of texts (a record's entities, a source's
    /// authors...), list after list.
    listed: &'static [Span],
    /// Each source's, indicator's and entity's own text in
    /// `data/nkict.json`, by `List`, as the JSON export writes it
    /// (`item_json`).
    items: [&'static [JsonSpan]; 3],
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

/// Where a text is in `BUNDLED_TEXTS` (`bundled_texts`): its start and
/// length, in bytes. Only `build.rs` makes one (`Form::text` relies on it).
#[derive(Clone, Copy)]
struct Span(u32, u32);

/// Where an item's own text is in `data/nkict.json` (`load::EMBEDDED`):
/// its start and length, in bytes. Not a `Span`, so that no offset into
/// the data file can be cut from `BUNDLED_TEXTS` unchecked.
#[derive(Clone, Copy)]
struct JsonSpan(u32, u32);

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
    period: Option<PreparedPeriod>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    entities: Listed,
    tags: Listed,
    /// The record's own text in `data/nkict.json` (`load::EMBEDDED`), as
    /// the JSON export writes it (`json_of`).
    json: JsonSpan,
    /// Its time as the JSON export's `record_times` writes it
    /// (`Exported::time`), worked out by `build.rs`.
    time: Span,
}

struct PreparedPeriod {
    start: Span,
    end: Span,
}

/// The dataset's `dataset` section (`Metadata`), as `build.rs` writes it.
struct PreparedMetadata {
    title: Option<Span>,
    description: Option<Span>,
    authors: Listed,
    version: Option<Span>,
    url: Option<Span>,
    license: Option<Span>,
    citation: Option<Span>,
}

struct PreparedDashboard {
    headline: Listed,
    key_figures: Listed,
}

/// A `Source` as `build.rs` writes it: its kind and dates as text, read
/// by the crate's own parsers; its `info_as_of` as it is (two shapes of
/// one number, no rule to apply).
struct PreparedSource {
    id: Span,
    title: Span,
    authors: Listed,
    container: Span,
    published: Option<Span>,
    url: Option<Span>,
    kind: Span,
    publisher: Option<Span>,
    volume: Option<Span>,
    issue: Option<Span>,
    pages: Option<Span>,
    doi: Option<Span>,
    accessed: Option<Span>,
    repository: Option<Span>,
    path: Option<Span>,
    commit: Option<Span>,
    original: Option<PreparedOriginal>,
    info_as_of: Option<InfoAsOf>,
    note: Option<Span>,
    text_file: Option<Span>,
}

struct PreparedOriginal {
    title: Option<Span>,
    container: Option<Span>,
    publisher: Option<Span>,
    published: Option<Span>,
    url: Option<Span>,
}

struct PreparedIndicator {
    id: Span,
    name: Span,
    unit: Span,
    unit_singular: Option<Span>,
    description: Span,
    category: Span,
}

struct PreparedEntity {
    id: Span,
    name: Span,
    kind: Span,
    korean: Option<Span>,
    aliases: Listed,
    note: Option<Span>,
}

// `PREPARED`, a `Form`.
include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The prepared dataset without its records. `NotFast` when this build
/// has none (the caller then reads the JSON).
pub fn lists() -> Result<Dataset, NotFast> {
    PREPARED.as_ref().ok_or(NotFast)?.lists()
}

/// Which lists of each record `each_record` makes: a record's entities and
/// tags are `Vec`s, each allocated and freed for every record, which a
/// caller that drops them (a table's rows name no entity) spares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lists {
    pub entities: bool,
    pub tags: bool,
}

impl Lists {
    /// Every record's lists, as a file's reader hands them.
    pub const ALL: Lists = Lists {
        entities: true,
        tags: true,
    };
}

/// Hands each prepared record to `each`, with its number (from 0), as
/// `fast::read` hands a file's, but with only the `lists` asked for (the
/// others empty). `NotFast` when this build has no prepared form (or, were
/// the test that proves it not run, one whose slugs or dates do not read),
/// after which whatever `each` received counts for nothing.
pub fn each_record(lists: Lists, each: &mut dyn FnMut(usize, RecordRef<'static>)) -> Result<(), NotFast> {
    let form = PREPARED.as_ref().ok_or(NotFast)?;
    for (index, prepared) in form.records.iter().enumerate() {
        each(index, form.record(prepared, lists)?);
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
        form.record(prepared, Lists::ALL)
            .is_ok_and(|own| own.map_text(Text::held) == *record),
        "a bundled record changed after it was read: {}",
        record.id
    );
    raw_value(form.json(prepared.json))
}

/// What the JSON export writes of a bundled record.
#[derive(Debug, Clone, Copy)]
pub struct Exported {
    /// Its own text in `data/nkict.json` (as `json_of`).
    pub json: &'static RawValue,
    /// Its id, the key of its time in `record_times`: nothing in it to
    /// escape (`build.rs` prepares no dataset with such an id).
    pub id: &'static str,
    /// Its time, as `rows::TimeColumns` has it (its own, or its source's
    /// "at present"), in the pretty layout of the export's `record_times`
    /// (two levels deep): worked out by `build.rs` from the records and
    /// sources, not at every export (`pretty_time` took 0.25 M
    /// instructions of the bundled export). The test
    /// `each_bundled_record_s_time_is_the_one_the_model_places_it_at` in
    /// `src/export/json.rs` proves it for every record.
    pub time: &'static str,
}

/// As `json_of`, the record told by its id alone, as `each_record` lent
/// it: for a record handed over without its other texts (the JSON export
/// needs none of them); with what else the export writes of it.
///
/// `guess` is where the record may be among the bundled ones: the one
/// after the last found, as they are handed over in order (a search for
/// each was a third of the export's keeping them: 49 K instructions).
/// Returns also where it is, for the next guess.
pub fn exported_by_id(id: &StaticText, guess: usize) -> Option<(Exported, usize)> {
    let form = PREPARED.as_ref()?;
    let at = form.position(id, guess)?;
    Some((form.exported(&form.records[at])?, at))
}

/// Every bundled record as the JSON export writes it, with what `build.rs`
/// worked out of them all (`whole`).
pub struct Whole {
    /// Each record, in the dataset's order.
    pub records: Vec<Exported>,
    /// Their positions in the order `Model::filter` gives them all.
    pub chronological: &'static [u32],
    /// The positions of the sources, indicators and entities (by `List`)
    /// that any of them uses.
    pub used: [&'static [u32]; 3],
}

/// Every bundled record as the JSON export writes it, in order, with their
/// order by time and what they use of the lists: all that a JSON export
/// of every record needs of them, none of it worked out at run time.
/// `None` without a prepared form.
pub fn whole() -> Option<Whole> {
    let form = PREPARED.as_ref()?;
    let mut records = Vec::with_capacity(form.records.len());
    for prepared in form.records {
        records.push(form.exported(prepared)?);
    }
    Some(Whole {
        records,
        chronological: form.chronological,
        used: form.used,
    })
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
/// later serde_json no longer does. The JSON export also hands over the
/// citation's JSON, which it writes itself, this way (`json::JsonText`).
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
    /// The dataset without its records, as the careful loader reads it.
    /// `NotFast` if a slug or a date does not read.
    fn lists(&self) -> Result<Dataset, NotFast> {
        Ok(Dataset {
            schema_version: self.schema_version,
            metadata: self.metadata.as_ref().map(|metadata| self.metadata(metadata)),
            dashboard: self.dashboard.as_ref().map(|dashboard| Dashboard {
                headline: self.list(dashboard.headline, str::to_owned),
                key_figures: self.list(dashboard.key_figures, str::to_owned),
            }),
            sources: each(self.sources, |source| self.source(source))?,
            indicators: each(self.indicators, |indicator| self.indicator(indicator))?,
            entities: each(self.entities, |entity| self.entity(entity))?,
            records: Vec::new(),
        })
    }

    fn metadata(&self, metadata: &PreparedMetadata) -> Metadata {
        Metadata {
            title: self.owned(metadata.title),
            description: self.owned(metadata.description),
            authors: self.list(metadata.authors, str::to_owned),
            version: self.owned(metadata.version),
            url: self.owned(metadata.url),
            license: self.owned(metadata.license),
            citation: self.owned(metadata.citation),
        }
    }

    /// A source: its kind read as `SourceKind`'s `Deserialize` reads one
    /// (its `FromStr`), its dates as `PartialDate`'s.
    fn source(&self, source: &PreparedSource) -> Result<Source, NotFast> {
        let held = |span: Option<Span>| span.map(|span| self.held(span));
        let date = |span: Option<Span>| span.map(|span| self.date(span)).transpose();
        Ok(Source {
            id: self.held(source.id),
            title: self.held(source.title),
            authors: self.list(source.authors, StaticText::lasting),
            container: self.held(source.container),
            published: date(source.published)?,
            url: held(source.url),
            kind: self.text(source.kind).parse().map_err(|_| NotFast)?,
            publisher: held(source.publisher),
            volume: held(source.volume),
            issue: held(source.issue),
            pages: held(source.pages),
            doi: held(source.doi),
            accessed: date(source.accessed)?,
            repository: held(source.repository),
            path: held(source.path),
            commit: held(source.commit),
            original: source
                .original
                .as_ref()
                .map(|original| self.original(original))
                .transpose()?,
            info_as_of: source.info_as_of,
            note: held(source.note),
            text_file: held(source.text_file),
        })
    }

    fn original(&self, original: &PreparedOriginal) -> Result<Original, NotFast> {
        Ok(Original {
            title: self.owned(original.title),
            container: self.owned(original.container),
            publisher: self.owned(original.publisher),
            published: original.published.map(|span| self.date(span)).transpose()?,
            url: self.owned(original.url),
        })
    }

    fn indicator(&self, indicator: &PreparedIndicator) -> Result<Indicator, NotFast> {
        Ok(Indicator {
            id: self.held(indicator.id),
            name: self.held(indicator.name),
            unit: self.held(indicator.unit),
            unit_singular: indicator.unit_singular.map(|span| self.held(span)),
            description: self.held(indicator.description),
            category: self.read(indicator.category)?,
        })
    }

    fn entity(&self, entity: &PreparedEntity) -> Result<Entity, NotFast> {
        Ok(Entity {
            id: self.held(entity.id),
            name: self.held(entity.name),
            kind: self.read(entity.kind)?,
            korean: entity.korean.map(|span| self.held(span)),
            aliases: self.list(entity.aliases, StaticText::lasting),
            note: entity.note.map(|span| self.held(span)),
        })
    }

    fn text(&self, Span(start, length): Span) -> &'static str {
        let (start, end) = (start as usize, start as usize + length as usize);
        debug_assert!(
            BUNDLED_TEXTS.get(start..end).is_some(),
            "Span({start}, {length}) is not a text of BUNDLED_TEXTS"
        );
        // SAFETY: a `Span` is made only by build.rs (the type is this
        // module's; offsets into the data file are `JsonSpan`s), for a
        // text it appended to `BUNDLED_TEXTS`, or found appended already
        // (`Texts::span`), in the same run that writes the string: it
        // starts and ends where that text does, on character boundaries
        // within the string. (The debug
        // assertion checks each one as the tests build every list and
        // record.) Checked here, the 11,000 cuts of a bundled command
        // were a twentieth of `nkict list`'s instructions (0.22 M).
        unsafe { BUNDLED_TEXTS.get_unchecked(start..end) }
    }

    /// A text of the lists, as a model holds it: borrowed from the binary.
    fn held(&self, span: Span) -> StaticText {
        StaticText::lasting(self.text(span))
    }

    /// The texts of one of the lists of texts (`listed`).
    fn listed(&self, (first, count): Listed) -> &'static [Span] {
        let listed: &'static [Span] = self.listed;
        &listed[first as usize..][..count as usize]
    }

    /// A list of texts (`listed`), each made by `each`.
    fn list<T>(&self, list: Listed, each: impl Fn(&'static str) -> T) -> Vec<T> {
        self.listed(list).iter().map(|&span| each(self.text(span))).collect()
    }

    /// A record's list of texts, if `wanted`; else none.
    fn texts(&self, list: Listed, wanted: bool) -> Vec<Text<'static>> {
        match wanted {
            true => self.list(list, Text::from),
            false => Vec::new(),
        }
    }

    /// An optional text of the metadata, which owns its texts.
    fn owned(&self, span: Option<Span>) -> Option<String> {
        span.map(|span| self.text(span).to_owned())
    }

    /// The prepared record whose id `id` is: the one whose id is where
    /// `id` is borrowed from. The ids come first in `BUNDLED_TEXTS`, in the
    /// records' order (`build.rs`), so a binary search finds it.
    fn prepared(&self, id: &StaticText) -> Option<&Prepared> {
        self.position(id, 0).map(|at| &self.records[at])
    }

    /// Where the prepared record whose id `id` is (`prepared`) is among
    /// them: at `guess`, or found by a search.
    fn position(&self, id: &StaticText, guess: usize) -> Option<usize> {
        let id = id.borrowed()?;
        // A file's record (a million, say) is told apart without a search.
        let start = super::bundled_texts::offset(id)?;
        let starts_at = |at: usize| {
            self.records
                .get(at)
                .is_some_and(|prepared| prepared.id.0 as usize == start)
        };
        let at = match starts_at(guess) {
            true => guess,
            false => (self.records)
                .binary_search_by_key(&start, |prepared| prepared.id.0 as usize)
                .ok()?,
        };
        (self.records[at].id.1 as usize == id.len()).then_some(at)
    }

    /// What the JSON export writes of `prepared`.
    fn exported(&self, prepared: &Prepared) -> Option<Exported> {
        Some(Exported {
            json: raw_value(self.json(prepared.json))?,
            id: self.text(prepared.id),
            time: self.text(prepared.time),
        })
    }

    /// A record's or an item's own text in `data/nkict.json`.
    fn json(&self, JsonSpan(start, length): JsonSpan) -> &'static str {
        &EMBEDDED[start as usize..][..length as usize]
    }

    /// A slug or a date, read as a file's string is: by the type's own
    /// `Deserialize`, so with the same names.
    fn read<T: Deserialize<'static>>(&self, span: Span) -> Result<T, NotFast> {
        let text: StrDeserializer<'_, serde::de::value::Error> = self.text(span).into_deserializer();
        T::deserialize(text).map_err(|_| NotFast)
    }

    /// A date, read as `PartialDate`'s `Deserialize` reads one (its
    /// `FromStr`).
    fn date(&self, span: Span) -> Result<PartialDate, NotFast> {
        self.text(span).parse().map_err(|_| NotFast)
    }

    /// A record, its text borrowed; `NotFast` if a slug or date does not read.
    fn record(&self, prepared: &Prepared, lists: Lists) -> Result<RecordRef<'static>, NotFast> {
        let text = |span| Text::from(self.text(span));
        let period = match &prepared.period {
            Some(period) => Some(Period {
                start: self.date(period.start)?,
                end: self.date(period.end)?,
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
            entities: self.texts(prepared.entities, lists.entities),
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
            tags: self.texts(prepared.tags, lists.tags),
        })
    }
}

/// Each of `prepared` as `item` makes it, in a `Vec` of their number: a
/// `collect` of `Result`s knows no length, and grew the lists as it went
/// (16 moves, and room left over in memory touched at every start).
fn each<P, T>(prepared: &[P], item: impl Fn(&P) -> Result<T, NotFast>) -> Result<Vec<T>, NotFast> {
    let mut items = Vec::with_capacity(prepared.len());
    for prepared in prepared {
        items.push(item(prepared)?);
    }
    Ok(items)
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
                .record(prepared, Lists::ALL)
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

    fn handed(lists: Lists) -> Vec<RecordRef<'static>> {
        let mut records = Vec::new();
        each_record(lists, &mut |index, record| {
            assert_eq!(index, records.len());
            records.push(record);
        })
        .expect("build.rs prepared data/nkict.json");
        records
    }

    #[test]
    fn each_record_is_handed_with_the_lists_asked_for_and_no_other() {
        let whole = handed(Lists::ALL);
        assert!(whole.iter().any(|record| !record.entities.is_empty()));
        assert!(whole.iter().any(|record| !record.tags.is_empty()));
        for entities in [false, true] {
            for tags in [false, true] {
                let expected = whole.iter().cloned().map(|record| RecordOf {
                    entities: if entities { record.entities.clone() } else { Vec::new() },
                    tags: if tags { record.tags.clone() } else { Vec::new() },
                    ..record
                });
                let lists = Lists { entities, tags };
                assert!(handed(lists).into_iter().eq(expected), "{lists:?}");
            }
        }
    }

    /// Every bundled record's own text found by its id, whatever the
    /// guess of where it is: right, before it, after it, past the last.
    #[test]
    fn a_bundled_record_is_found_by_its_id_from_any_guess() {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        let count = form.records.len();
        for (at, prepared) in form.records.iter().enumerate() {
            let id = form.record(prepared, Lists::ALL).unwrap().map_text(Text::held).id;
            let own = &EMBEDDED[prepared.json.0 as usize..][..prepared.json.1 as usize];
            for guess in [at, 0, at.saturating_sub(1), at + 1, count - 1, count, usize::MAX] {
                let found = exported_by_id(&id, guess).map(|(exported, at)| (exported.json.get(), exported.id, at));
                assert_eq!(found, Some((own, &*id, at)), "{id} guessed at {guess}");
            }
        }
    }

    #[test]
    fn only_a_record_read_from_the_bundled_form_is_found_there() {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        let bundled = form.record(&form.records[0], Lists::ALL).unwrap().map_text(Text::held);
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

    /// Each of the `list` `prepared` holds is the one `loaded` holds.
    fn each_is_the_loaded_one<T: PartialEq + std::fmt::Debug>(list: &str, prepared: &[T], loaded: &[T]) {
        assert_eq!(prepared.len(), loaded.len(), "{list}");
        assert!(!loaded.is_empty(), "no {list}");
        for (prepared, loaded) in prepared.iter().zip(loaded) {
            assert_eq!(prepared, loaded, "{list}");
        }
    }

    #[test]
    fn the_prepared_bundled_dataset_is_the_json() {
        let Some(form) = &PREPARED else {
            panic!("build.rs did not prepare data/nkict.json (see its warning)");
        };
        let mut prepared = form.lists().expect("slugs and dates read");
        let loaded = load_embedded().unwrap_or_else(|err| panic!("{err}"));
        // Item by item first, for a message that names the one that differs.
        assert!(loaded.metadata.is_some() && loaded.dashboard.is_some());
        assert_eq!(prepared.metadata, loaded.metadata);
        assert_eq!(prepared.dashboard, loaded.dashboard);
        each_is_the_loaded_one("sources", &prepared.sources, &loaded.sources);
        each_is_the_loaded_one("indicators", &prepared.indicators, &loaded.indicators);
        each_is_the_loaded_one("entities", &prepared.entities, &loaded.entities);
        prepared.records = form
            .records
            .iter()
            .map(|record| {
                form.record(record, Lists::ALL)
                    .expect("slugs and dates read")
                    .map_text(Text::copied)
            })
            .collect();
        assert!(loaded.records.len() > 500, "{} records", loaded.records.len());
        each_is_the_loaded_one("records", &prepared.records, &loaded.records);
        assert_eq!(prepared, loaded);
    }
}
