//! The in-memory dataset: records indexed by year, filtered by handing out
//! record indices (never copies), and the queries the views and commands need.
//!
//! Sized for a million records: the filter scans a compact copy of what it
//! tests, kept in date order; a text search reads a folded copy of the
//! searched fields (built on the first search, or beforehand on another
//! thread: `prepare_search`) after a cheap signature test, on every core;
//! once `prepare_search` has gathered the starts of its words (used
//! chunk by chunk as they come), only the records whose words start as
//! those searched for (none for a word of one or two letters); once
//! `prepare_word_index` has indexed its words (or
//! `prepare_gathered_word_index`, where the words of most records were
//! gathered as the file was read: no starts are gathered then, and its
//! chunks are used as they are built, those not built yet read), only the
//! records holding the words searched for (none for a plain word).

mod by_year;
mod facets;
pub mod filter;
pub mod format;
pub mod names;
pub mod rows;
pub mod search;
pub mod sift;
pub mod time;
pub mod whole;
pub mod years;

use std::hash::BuildHasher;
use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use by_year::ByStartYear;
use facets::Facets;
pub use filter::Filter;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use names::ItemKind;
pub use names::NameError;
use search::{Handover, Lookup, Pattern, Positions, Query, Tail, Term, TextIndex, WordIndex};
pub use time::Time;
pub use years::{YearError, YearRange};

use crate::data::{
    Category, Dashboard, Dataset, Entity, Indicator, Metadata, PartialDate, Qualifier, Record, RecordKind, RecordOf,
    SCHEMA_VERSION, Source,
};

/// A record's position in the dataset's `records`.
pub type RecordIx = usize;

/// The years a record covers, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearSpan {
    pub start: i32,
    pub end: i32,
}

impl YearSpan {
    pub fn overlaps(self, from: Option<i32>, to: Option<i32>) -> bool {
        from.is_none_or(|from| self.end >= from) && to.is_none_or(|to| self.start <= to)
    }

    pub fn union(self, other: YearSpan) -> YearSpan {
        YearSpan {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Widens `span` (none yet, or some) to cover `years`.
    pub fn widen(span: &mut Option<YearSpan>, years: YearSpan) {
        *span = Some(span.map_or(years, |span| span.union(years)));
    }
}

/// Claims of one indicator about one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Position in `dataset().indicators`.
    pub indicator: usize,
    /// Position in `dataset().entities` of the entity measured; `None` for
    /// observations without entities (only a version 1 file has them).
    pub subject: Option<usize>,
    pub claims: Vec<RecordIx>,
}

pub struct Model {
    dataset: Dataset,
    /// Whether `dataset`'s lists are the bundled dataset's as
    /// `embedded::lists` read them: the export then copies their items'
    /// own text (`embedded::item_json`).
    lists_bundled: bool,
    /// The years the whole dataset covers.
    overall: Option<YearSpan>,
    /// By record: its effective time (own, approximate or none).
    times: Vec<Time>,
    /// By record: its category, source and indicator, resolved.
    category_of: Vec<Category>,
    source_of: Vec<u32>,
    indicator_of: Vec<Option<u32>>,
    /// By record: whether its figure is a range (`is_contest` reads every
    /// claim of a quantity; the records are far apart in memory).
    ranged: Vec<bool>,
    /// By record: its entities are `entity_ids[entity_starts[ix]..entity_starts[ix + 1]]`.
    entity_starts: Vec<u32>,
    entity_ids: Vec<u32>,
    /// Dated records (by their own or approximate time) by start date, ties
    /// in file order, then undated ones.
    chronological: Vec<RecordIx>,
    /// What the filter tests about `chronological[p]`, at `p`: a compact,
    /// in-order copy so that a scan does not hop around the records.
    rows: Vec<Row>,
    /// The entities of each row, in row order.
    row_entities: Vec<u32>,
    /// How many records are dated, own or approximate: they come first in
    /// `chronological`.
    dated: usize,
    /// The rows by start year, for filters of years alone, once
    /// `index_years` has made them; `None` when they are read instead.
    by_year: Option<ByStartYear>,
    source_ix: IdIndex,
    indicator_ix: IdIndex,
    entity_ix: IdIndex,
    /// Every record's searchable text, folded; built by the first search
    /// or `prepare_search`.
    text: OnceLock<TextIndex>,
    /// The undated records' searchable texts (last in `chronological`, in
    /// file order), those folded on another thread as the file was read
    /// (`whole`): `text` takes them when it is built.
    undated_folding: Mutex<Option<Handover>>,
    /// The words of `text`, chunk by chunk as they are built: those cut
    /// from the words the file's reading gathered by `prepare_search`, the
    /// rest by `prepare_gathered_word_index` when that reading gathered
    /// most of them, else by `prepare_word_index`; never by a search (a
    /// single search reads the text sooner than it would build this).
    words: OnceLock<WordIndex>,
    /// The records of each category, indicator and entity; built by
    /// `prepare_search`, or the first search the indexes answer alone.
    facets: OnceLock<Facets>,
    /// How many searches are reading records' texts now: the indexes'
    /// builds wait for them (beside one, the word index's made it half as
    /// fast again, though it ran at a lower priority).
    reading_texts: AtomicUsize,
}

/// A search reading records' texts before the word index is built,
/// counted while it lasts (the indexes' builds wait for it).
struct TextReading<'m>(&'m AtomicUsize);

impl<'m> TextReading<'m> {
    fn start(count: &'m AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::AcqRel);
        Self(count)
    }
}

impl Drop for TextReading<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// One record as the filter sees it: 32 bytes, two to a cache line (a
/// year nudge over a million records reads 134,000 of them; the fewer
/// pages, the less it waits for memory the host let go while the
/// dashboard idled).
#[derive(Debug, Clone, Copy)]
struct Row {
    /// Its position in the records (fewer than 2^32, as `to_u32` checks).
    ix: u32,
    /// Years covered, own or approximate (meaningless for undated records).
    start: i32,
    end: i32,
    /// Placed only by its source's "at present".
    approximate: bool,
    source: u32,
    indicator: u32,
    category: u8,
    kind: u8,
    /// Its entities are `row_entities[entities.0..entities.1]`.
    entities: (u32, u32),
}

/// `Row::indicator` of a record without an indicator.
const NO_INDICATOR: u32 = u32::MAX;

impl Row {
    /// The row of a record placed by `time`, with no index and no entities
    /// yet: those depend on where the row is kept.
    fn of(time: Time, source: u32, indicator: Option<u32>, category: Category, kind: RecordKind) -> Self {
        let span = time.span().unwrap_or(YearSpan { start: 0, end: 0 });
        Self {
            ix: 0,
            start: span.start,
            end: span.end,
            approximate: time.is_approximate(),
            source,
            indicator: indicator.unwrap_or(NO_INDICATOR),
            category: category as u8,
            kind: kind as u8,
            entities: (0, 0),
        }
    }
}

/// Where a record stands against a dataset's lists: the positions in
/// them of the source and the indicator it names, and its time, which its
/// source's "at present" may give. Worked out once for a record the
/// filter's test keeps (`Sieve::keeps`), and kept by the model's columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub(crate) source: u32,
    pub(crate) indicator: Option<u32>,
    pub(crate) time: Time,
}

impl Placed {
    /// `r` placed by the indexes of the lists' source and indicator ids;
    /// `sources` are the lists'; `last_source`, the source last found (of
    /// the record placed before). A source not found counts as the first
    /// (a checked record's is always found).
    fn of<T: Deref<Target = str>>(
        r: &RecordOf<T>,
        source_ix: &IdIndex,
        last_source: &mut LastFound,
        indicator_ix: &IdIndex,
        sources: &[Source],
    ) -> Self {
        let source = last_source.lookup(source_ix, &r.source).unwrap_or(0);
        Self {
            source,
            indicator: r.indicator.as_deref().and_then(|i| lookup(indicator_ix, i)),
            time: Time::of(r, &sources[source as usize]),
        }
    }
}

/// The positions of `r`'s entities in the index of the lists' entity ids
/// (an unknown one, in an unchecked record, left out).
fn entity_positions<'r, T: Deref<Target = str>>(
    r: &'r RecordOf<T>,
    entity_ix: &'r IdIndex,
) -> impl Iterator<Item = u32> + 'r {
    r.entities.iter().filter_map(|e| lookup(entity_ix, e))
}

/// What a model keeps of each record beside it, worked out one record at a
/// time: by `Model::new`, or as the records are kept (`Kept`), each while
/// it is at hand: on the reading thread, or on the thread a search's tests
/// take beside it (`sift`).
pub(crate) struct Columns {
    source_ix: IdIndex,
    indicator_ix: IdIndex,
    entity_ix: IdIndex,
    times: Vec<Time>,
    /// The dated records' start dates, to sort them by.
    keys: Vec<(u64, RecordIx)>,
    category_of: Vec<Category>,
    kind_of: Vec<RecordKind>,
    source_of: Vec<u32>,
    indicator_of: Vec<Option<u32>>,
    ranged: Vec<bool>,
    entity_starts: Vec<u32>,
    entity_ids: Vec<u32>,
    /// The source of the record last pushed.
    last_source: LastFound,
}

impl Columns {
    /// For the records of a dataset with `lists`, room made for `count` of them.
    pub(crate) fn new(lists: &Dataset, count: usize) -> Self {
        let ids = [
            IdIndex::new(lists.sources.iter().map(|s| s.id.as_str())),
            IdIndex::new(lists.indicators.iter().map(|i| i.id.as_str())),
            IdIndex::new(lists.entities.iter().map(|e| e.id.as_str())),
        ];
        Self::with_ids(ids, count)
    }

    /// As `new`, for the records of the dataset of `lists`, a model of its
    /// lists: their ids' indexes are copied, not made again.
    pub(crate) fn beside(lists: &Model, count: usize) -> Self {
        let ids = [&lists.source_ix, &lists.indicator_ix, &lists.entity_ix].map(IdIndex::clone);
        Self::with_ids(ids, count)
    }

    /// With the indexes of the ids of the lists' sources, indicators and
    /// entities, room made for `count` records.
    fn with_ids([source_ix, indicator_ix, entity_ix]: [IdIndex; 3], count: usize) -> Self {
        let mut entity_starts = Vec::with_capacity(count + 1);
        entity_starts.push(0);
        Self {
            source_ix,
            indicator_ix,
            entity_ix,
            times: Vec::with_capacity(count),
            keys: Vec::with_capacity(count),
            category_of: Vec::with_capacity(count),
            kind_of: Vec::with_capacity(count),
            source_of: Vec::with_capacity(count),
            indicator_of: Vec::with_capacity(count),
            ranged: Vec::with_capacity(count),
            entity_starts,
            entity_ids: Vec::new(),
            last_source: LastFound::default(),
        }
    }

    /// Adds the next record; `sources` are the dataset's. Returns where
    /// it is placed (`Placed`).
    pub(crate) fn push<T: Deref<Target = str>>(&mut self, r: &RecordOf<T>, sources: &[Source]) -> Placed {
        let placed = Placed::of(r, &self.source_ix, &mut self.last_source, &self.indicator_ix, sources);
        (self.entity_ids).extend(entity_positions(r, &self.entity_ix));
        self.push_rest(r, placed);
        placed
    }

    /// As `push`, for a record already placed against the same lists
    /// (`Sieve::keeps`), its entities at `entities` in them.
    pub(crate) fn push_placed<T>(&mut self, r: &RecordOf<T>, placed: Placed, entities: &[u32]) {
        self.entity_ids.extend_from_slice(entities);
        self.push_rest(r, placed);
    }

    /// Adds the next record, `placed`, its entities already in `entity_ids`.
    fn push_rest<T>(
        &mut self,
        r: &RecordOf<T>,
        Placed {
            source,
            indicator,
            time,
        }: Placed,
    ) {
        let ix = self.times.len();
        self.times.push(time);
        if let Some(date) = start_date(r, time) {
            self.keys.push((date_key(date), ix));
        }
        self.category_of.push(r.category);
        self.kind_of.push(r.kind);
        self.source_of.push(source);
        self.indicator_of.push(indicator);
        self.ranged.push(r.qualifier == Some(Qualifier::Range));
        self.entity_starts.push(to_u32(self.entity_ids.len()));
    }

    /// Adds `other`'s records after its own (both for the same lists: its
    /// indexes of their ids are this one's). Every field is named, so that
    /// one added is appended too.
    fn append(&mut self, other: Columns) {
        let Self {
            source_ix: _,
            indicator_ix: _,
            entity_ix: _,
            times,
            keys,
            category_of,
            kind_of,
            source_of,
            indicator_of,
            ranged,
            entity_starts,
            entity_ids,
            last_source: _,
        } = other;
        let (records, entities) = (self.times.len(), to_u32(self.entity_ids.len()));
        self.times.extend(times);
        (self.keys).extend(keys.into_iter().map(|(key, ix)| (key, ix + records)));
        self.category_of.extend(category_of);
        self.kind_of.extend(kind_of);
        self.source_of.extend(source_of);
        self.indicator_of.extend(indicator_of);
        self.ranged.extend(ranged);
        // Its first start (0) is the end of this one's last record.
        (self.entity_starts).extend(entity_starts[1..].iter().map(|start| start + entities));
        self.entity_ids.extend(entity_ids);
    }

    /// The model of `dataset`, whose records are those pushed, in order.
    pub(crate) fn into_model(self, dataset: Dataset) -> Model {
        let Self {
            source_ix,
            indicator_ix,
            entity_ix,
            times,
            mut keys,
            category_of,
            kind_of,
            source_of,
            indicator_of,
            ranged,
            entity_starts,
            entity_ids,
            last_source: _,
        } = self;
        let count = times.len();
        // Sort keys, not records: the index in each key keeps file order on
        // ties. Compared as one number (the date's key above the index), in
        // the pairs' order: a fifth fewer instructions than comparing pairs.
        keys.sort_unstable_by_key(|&(key, ix)| u128::from(key) << 64 | ix as u128);
        let dated = keys.len();
        let mut chronological: Vec<RecordIx> = keys.into_iter().map(|(_, ix)| ix).collect();
        chronological.extend((0..count).filter(|&ix| times[ix].span().is_none()));
        let mut row_entities = Vec::with_capacity(entity_ids.len());
        let rows: Vec<Row> = chronological
            .iter()
            .map(|&ix| {
                let first = to_u32(row_entities.len());
                row_entities.extend_from_slice(&entity_ids[entity_starts[ix] as usize..entity_starts[ix + 1] as usize]);
                Row {
                    ix: to_u32(ix),
                    entities: (first, to_u32(row_entities.len())),
                    ..Row::of(times[ix], source_of[ix], indicator_of[ix], category_of[ix], kind_of[ix])
                }
            })
            .collect();
        let overall = times.iter().filter_map(|t| t.span()).reduce(YearSpan::union);
        Model {
            dataset,
            lists_bundled: false,
            overall,
            times,
            category_of,
            source_of,
            indicator_of,
            ranged,
            entity_starts,
            entity_ids,
            chronological,
            rows,
            row_entities,
            dated,
            by_year: None,
            source_ix,
            indicator_ix,
            entity_ix,
            text: OnceLock::new(),
            undated_folding: Mutex::new(None),
            words: OnceLock::new(),
            facets: OnceLock::new(),
            reading_texts: AtomicUsize::new(0),
        }
    }
}

/// Records kept one at a time, and what the model keeps of each beside it
/// (`Columns`), worked out as each is kept: the makings of a model of
/// them.
pub(crate) struct Kept {
    records: Vec<Record>,
    columns: Columns,
}

/// A record `Kept::push` kept, with its time.
pub(crate) struct KeptRecord<'k> {
    pub(crate) record: &'k Record,
    pub(crate) time: Time,
}

impl Kept {
    /// For the records of a dataset with `lists`, room made for `count` of
    /// them (room never used is never touched).
    pub(crate) fn new(lists: &Dataset, count: usize) -> Self {
        Self {
            records: Vec::with_capacity(count),
            columns: Columns::new(lists, count),
        }
    }

    /// As `new`, for the records of the dataset of `lists`, a model of its
    /// lists (`Sieve`'s): what is made of them is not made again.
    pub(crate) fn beside(lists: &Model, count: usize) -> Self {
        Self {
            records: Vec::with_capacity(count),
            columns: Columns::beside(lists, count),
        }
    }

    /// How many records there is room for.
    pub(crate) fn capacity(&self) -> usize {
        self.records.capacity()
    }

    /// Keeps the next `record` of the dataset with `lists`; returns it, with
    /// what the model worked out of it.
    pub(crate) fn push(&mut self, record: Record, lists: &Dataset) -> KeptRecord<'_> {
        let placed = self.columns.push(&record, &lists.sources);
        self.keep(record, placed)
    }

    /// As `push`, for a record the filter's test placed against the same
    /// lists (`Sieve::keeps`, whose `entities` are the record's): its
    /// source, indicator and entities are not looked up again.
    pub(crate) fn push_placed(&mut self, record: Record, placed: Placed, entities: &[u32]) -> KeptRecord<'_> {
        self.columns.push_placed(&record, placed, entities);
        self.keep(record, placed)
    }

    /// Keeps `record`, whose columns are pushed.
    fn keep(&mut self, record: Record, placed: Placed) -> KeptRecord<'_> {
        self.records.push(record);
        KeptRecord {
            record: self.records.last().expect("a record was just pushed"),
            time: placed.time,
        }
    }

    /// Keeps `other`'s records after its own, in order (records read in
    /// two parts: `data::fast::in_two`).
    pub(crate) fn append(&mut self, mut other: Kept) {
        self.columns.append(other.columns);
        self.records.append(&mut other.records);
    }

    /// The model of `lists`, its records those kept, in order.
    pub(crate) fn into_model(self, mut lists: Dataset) -> Model {
        lists.records = self.records;
        self.columns.into_model(lists)
    }
}

impl Model {
    /// Indexes a validated dataset (ids resolve; see `data::validate`).
    pub fn new(dataset: Dataset) -> Self {
        // One pass over the records, which are large and far apart in memory.
        let mut columns = Columns::new(&dataset, dataset.records.len());
        for record in &dataset.records {
            columns.push(record, &dataset.sources);
        }
        columns.into_model(dataset)
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// This model, its lists known to be the bundled dataset's as
    /// `embedded::lists` read them (only `sift_embedded` knows it).
    pub(crate) fn with_bundled_lists(self) -> Self {
        Self {
            lists_bundled: true,
            ..self
        }
    }

    /// The dataset's lists, when they are the bundled dataset's as read
    /// (`with_bundled_lists`).
    pub fn bundled_lists(&self) -> Option<&Dataset> {
        self.lists_bundled.then_some(&self.dataset)
    }

    /// The dataset, the rest of the model dropped.
    pub fn into_dataset(self) -> Dataset {
        self.dataset
    }

    pub fn len(&self) -> usize {
        self.dataset.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dataset.records.is_empty()
    }

    pub fn record(&self, ix: RecordIx) -> &Record {
        &self.dataset.records[ix]
    }

    /// The years a record is placed at: its own date or period, or its
    /// source's approximate "at present"; `None` when undated.
    pub fn span(&self, ix: RecordIx) -> Option<YearSpan> {
        self.times[ix].span()
    }

    /// The record's effective time: own, approximate or none.
    pub fn time(&self, ix: RecordIx) -> Time {
        self.times[ix]
    }

    /// The years a record is placed at under `filter`: with
    /// `own_dates_only`, a record placed only by its source is undated.
    pub fn span_under(&self, ix: RecordIx, filter: &Filter) -> Option<YearSpan> {
        self.times[ix].placed(filter.own_dates_only)
    }

    pub fn source_of(&self, ix: RecordIx) -> &Source {
        &self.dataset.sources[self.source_index(ix)]
    }

    /// The position of a record's source in the dataset's sources.
    pub fn source_index(&self, ix: RecordIx) -> usize {
        self.source_of[ix] as usize
    }

    /// The position in `dataset().indicators` of the record's indicator.
    pub fn indicator_index(&self, ix: RecordIx) -> Option<usize> {
        self.indicator_of[ix].map(|i| i as usize)
    }

    pub fn indicator_of(&self, ix: RecordIx) -> Option<&Indicator> {
        self.indicator_of[ix].map(|i| &self.dataset.indicators[i as usize])
    }

    pub fn entities_of(&self, ix: RecordIx) -> impl Iterator<Item = &Entity> {
        self.entity_ixs(ix).iter().map(|&e| &self.dataset.entities[e as usize])
    }

    /// The positions in `dataset.entities` of a row's entities.
    fn row_entities(&self, row: &Row) -> &[u32] {
        &self.row_entities[row.entities.0 as usize..row.entities.1 as usize]
    }

    /// The positions in `dataset.entities` of a record's entities.
    fn entity_ixs(&self, ix: RecordIx) -> &[u32] {
        &self.entity_ids[self.entity_starts[ix] as usize..self.entity_starts[ix + 1] as usize]
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        lookup(&self.indicator_ix, id).map(|i| &self.dataset.indicators[i as usize])
    }

    /// `filter` with each source, entity and indicator given by name or
    /// alias replaced by its id (see `names`); an error for the first value
    /// that names nothing, or more than one item.
    pub fn resolve_filter(&self, filter: &Filter) -> Result<Filter, NameError> {
        let resolve = |kind, values: &[String]| -> Result<Vec<String>, NameError> {
            values.iter().map(|v| names::resolve(&self.dataset, kind, v)).collect()
        };
        Ok(Filter {
            sources: resolve(ItemKind::Source, &filter.sources)?,
            entities: resolve(ItemKind::Entity, &filter.entities)?,
            indicator: (filter.indicator.as_deref())
                .map(|i| names::resolve(&self.dataset, ItemKind::Indicator, i))
                .transpose()?,
            ..filter.clone()
        })
    }

    /// The records the filter keeps: dated ones by date (own or approximate
    /// times together), then undated ones. With `own_dates_only`, records
    /// placed only by their source count as undated and come after the
    /// dated ones.
    pub fn filter(&self, filter: &Filter) -> Vec<RecordIx> {
        self.run(filter, false, Lent::default()).kept
    }

    /// The records the filter keeps (as `filter` gives them), and how many
    /// more the year range hides only because of their time: what
    /// `include_undated` and leaving `own_dates_only` would bring back.
    /// Costs a scan of the rows the range leaves out.
    /// Counts the records kept from each source and those placed in time
    /// as it goes, so that no second pass reads them in date order.
    pub fn filter_with_hidden(&self, filter: &Filter) -> Filtered {
        self.filter_with_hidden_into(filter, Lent::default())
    }

    /// As `filter_with_hidden`, its records written into the memory `lent`
    /// (what an earlier one found, no longer needed): memory already
    /// touched costs no page faults, which at a million records in view
    /// were much of a filter change.
    pub fn filter_with_hidden_into(&self, filter: &Filter, lent: Lent) -> Filtered {
        let scan = self.run(filter, true, lent);
        Filtered {
            view: scan.kept,
            observations: scan.observations,
            per_category: scan.per_category,
            years: scan.years,
            hidden: scan.hidden,
            placed: scan.placed,
            per_source: scan.per_source,
        }
    }

    /// Prepares filters of years alone to read no row (`ByStartYear`), for
    /// a model filtered again and again: the dashboard's, at every year
    /// nudge. A command filters once and reads the rows: making the
    /// counts cost the bundled `list` 14 of its 225 page faults.
    pub fn index_years(&mut self) {
        self.by_year = ByStartYear::of(&self.rows, self.dated, self.dataset.sources.len());
    }

    /// The filter's scan; with `count_hidden` (`filter_with_hidden`), also
    /// the records hidden by their time and the counts `Filtered` holds.
    /// A filter of years alone (placing records by their own or their
    /// sources' dates alike) reads no row: see `ByStartYear`.
    fn run(&self, filter: &Filter, count_hidden: bool, lent: Lent) -> Scan {
        if filter.is_told_by_time_alone()
            && let Some(by_year) = &self.by_year
        {
            let years = (filter.from, filter.to);
            return by_year.scan(self, years, filter.shows_undated(), count_hidden, lent);
        }
        self.run_scanning(filter, count_hidden, lent)
    }

    /// As `run`, every filter by reading the rows it may keep.
    fn run_scanning(&self, filter: &Filter, count_hidden: bool, lent: Lent) -> Scan {
        let test = RecordTest::new(self, filter);
        // Dated records are sorted by start year: none past `to` can match.
        let dated = &self.rows[..self.dated];
        let dated_end = filter
            .to
            .map_or(self.dated, |to| dated.partition_point(|r| r.start <= to));
        let show_undated = filter.shows_undated();
        let undated = self.dated..self.rows.len();
        let mut passes = vec![(0..dated_end, Pass::Dated)];
        if show_undated {
            if filter.own_dates_only {
                passes.push((0..self.dated, Pass::ApproximateAsUndated));
            }
            passes.push((undated, Pass::Undated));
        } else if count_hidden {
            if filter.own_dates_only {
                passes.push((0..self.dated, Pass::HiddenApproximate));
            }
            passes.push((undated, Pass::HiddenUndated));
        }
        let total: usize = passes.iter().map(|(range, _)| range.len()).sum();
        // A text search the indexes cannot answer alone reads the texts of
        // the records it visits: share the reading out between cores when
        // there is much of it.
        let reads_text = test.text.as_ref().is_some_and(TextTest::reads_text);
        let _reading = reads_text.then(|| TextReading::start(&self.reading_texts));
        let threads = if reads_text && total >= PARALLEL_SEARCH_FROM {
            crate::threads::cores().min(8)
        } else {
            1
        };
        if threads == 1 {
            return self.scan(&test, &passes, count_hidden, lent);
        }
        let pieces = split(&passes, threads);
        let mut whole = Scan::new(self, count_hidden, lent, most_kept(&passes));
        std::thread::scope(|scope| {
            let workers: Vec<_> = pieces
                .iter()
                .map(|piece| scope.spawn(|| self.scan(&test, piece, count_hidden, Lent::default())))
                .collect();
            for worker in workers {
                whole.append(worker.join().expect("a filter thread panicked"));
            }
        });
        whole
    }

    /// The records kept among the rows of each pass, in order, and those
    /// counted as hidden; with `tally`, what else `Scan` counts.
    fn scan(&self, test: &RecordTest, passes: &[(Range<usize>, Pass)], tally: bool, lent: Lent) -> Scan {
        let mut scan = Scan::new(self, tally, lent, most_kept(passes));
        // Only the records a search by the word index keeps can pass.
        let kept = test.text.as_ref().and_then(|text| text.kept.as_ref());
        for (range, pass) in passes {
            // Every undated record passes a filter of years alone: counted
            // without a visit (most of a year nudge's rows, when most
            // records are undated).
            if *pass == Pass::HiddenUndated && test.years_alone {
                scan.hidden.undated += range.len();
                continue;
            }
            let positions = kept.map(|kept| kept.within(range.clone()));
            match positions {
                // Nothing left to test (a search the indexes told, alone):
                // each record told is taken as it is, untested (the test was
                // most of the cost of a search keeping a million records).
                Some(told) if test.keeps_every_told(*pass) => self.scan_pass(test, told, *pass, &mut scan, |_| true),
                Some(told) => self.scan_pass(test, told, *pass, &mut scan, |p| test.keeps(p, *pass)),
                None => self.scan_pass(test, range.clone(), *pass, &mut scan, |p| test.keeps(p, *pass)),
            }
        }
        scan
    }

    /// Adds to `scan` the records at `positions` that `keeps` in `pass`, or
    /// counts them as hidden (by `test`'s years).
    fn scan_pass(
        &self,
        test: &RecordTest,
        positions: impl Iterator<Item = usize>,
        pass: Pass,
        scan: &mut Scan,
        keeps: impl Fn(usize) -> bool,
    ) {
        for p in positions {
            if !keeps(p) {
                continue;
            }
            match pass {
                Pass::Dated => scan.place(&self.rows[p]),
                Pass::ApproximateAsUndated | Pass::Undated => scan.keep(&self.rows[p]),
                Pass::HiddenUndated => scan.hidden.undated += 1,
                Pass::HiddenApproximate => {
                    // Undated under `own_dates_only`; placed by its
                    // source without it, inside the range or not.
                    scan.hidden.undated += 1;
                    scan.hidden.approximate += usize::from(test.in_range(p));
                }
            }
        }
    }

    /// Every record, in the order `filter` returns them.
    pub fn all(&self) -> &[RecordIx] {
        &self.chronological
    }

    /// The years the dataset covers.
    pub fn overall_span(&self) -> Option<YearSpan> {
        self.overall
    }

    /// The years a set of records covers.
    pub fn year_span(&self, view: &[RecordIx]) -> Option<YearSpan> {
        view.iter().filter_map(|&ix| self.span(ix)).reduce(YearSpan::union)
    }

    /// Non-zero counts per category, in the vocabulary's order.
    pub fn counts_by_category(&self, view: &[RecordIx]) -> Vec<(Category, usize)> {
        let mut counts = vec![0usize; Category::ALL.len()];
        for &ix in view {
            counts[self.category_of[ix] as usize] += 1;
        }
        nonzero_categories(&counts)
    }

    /// Counts per source, for every source in the dataset (zeros included).
    pub fn counts_by_source(&self, view: &[RecordIx]) -> Vec<(&Source, usize)> {
        let mut counts = vec![0usize; self.dataset.sources.len()];
        for &ix in view {
            counts[self.source_of[ix] as usize] += 1;
        }
        self.dataset.sources.iter().zip(counts).collect()
    }

    /// Counts of observations per indicator, for every indicator.
    pub fn counts_by_indicator(&self, view: &[RecordIx]) -> Vec<(&Indicator, usize)> {
        let mut counts = vec![0usize; self.dataset.indicators.len()];
        for i in view.iter().filter_map(|&ix| self.indicator_of[ix]) {
            counts[i as usize] += 1;
        }
        self.dataset.indicators.iter().zip(counts).collect()
    }

    /// Record counts per entity, for every entity.
    pub fn counts_by_entity(&self, view: &[RecordIx]) -> Vec<(&Entity, usize)> {
        let mut counts = vec![0usize; self.dataset.entities.len()];
        for &ix in view {
            for &e in self.entity_ixs(ix) {
                counts[e as usize] += 1;
            }
        }
        self.dataset.entities.iter().zip(counts).collect()
    }

    /// Every observation of one indicator in `view`, side by side: the
    /// claims, in `view`'s order (dated first).
    pub fn claims(&self, view: &[RecordIx], indicator: &str) -> Vec<RecordIx> {
        let Some(want) = lookup(&self.indicator_ix, indicator) else {
            return Vec::new();
        };
        view.iter()
            .copied()
            .filter(|&ix| self.indicator_of[ix] == Some(want))
            .collect()
    }

    /// The position in `dataset().entities` of the entity an observation
    /// measures: its first.
    pub fn subject_index(&self, ix: RecordIx) -> Option<usize> {
        self.entity_ixs(ix).first().map(|&e| e as usize)
    }

    /// The entity an observation measures: its first.
    pub fn subject_of(&self, ix: RecordIx) -> Option<&Entity> {
        self.subject_index(ix).map(|e| &self.dataset.entities[e])
    }

    /// The claims of one indicator in `view`, one group per subject (the
    /// entity measured), in the order of `dataset().entities`; within a
    /// group, in `view`'s order.
    pub fn claims_by_subject(&self, view: &[RecordIx], indicator: &str) -> Vec<Claims> {
        let mut groups: Vec<Claims> = Vec::new();
        for ix in self.claims(view, indicator) {
            let subject = self.subject_index(ix);
            match groups.iter_mut().find(|g| g.subject == subject) {
                Some(group) => group.claims.push(ix),
                None => groups.push(Claims {
                    indicator: self.indicator_of[ix].map_or(0, |i| i as usize),
                    subject,
                    claims: vec![ix],
                }),
            }
        }
        // Without a subject (a version 1 file may have one) sorts last.
        groups.sort_by_key(|g| g.subject.unwrap_or(usize::MAX));
        groups
    }

    /// The time series of one indicator about one entity: its dated
    /// observations in `view` (every source's points, own or approximate
    /// times, vague amounts included), with their years, in time order.
    pub fn series(&self, view: &[RecordIx], indicator: &str, subject: &str) -> Vec<(RecordIx, YearSpan)> {
        let Some(subject) = lookup(&self.entity_ix, subject).map(|e| e as usize) else {
            return Vec::new();
        };
        let mut points: Vec<(RecordIx, YearSpan)> = self
            .claims(view, indicator)
            .into_iter()
            .filter(|&ix| self.subject_index(ix) == Some(subject))
            .filter_map(|ix| self.span(ix).map(|s| (ix, s)))
            .collect();
        // A view from `filter` is in time order already; the sort is stable.
        points.sort_by_key(|&(_, span)| span.start);
        points
    }

    /// The latest claims of one indicator in `view`, one group per subject:
    /// the claims of the latest year any of them reaches (all of them on a
    /// tie), or every undated claim where none has a time. With
    /// `own_dates_only`, a claim dated only by its source counts as undated.
    pub fn latest(&self, view: &[RecordIx], indicator: &str, own_dates_only: bool) -> Vec<Claims> {
        let mut groups = self.claims_by_subject(view, indicator);
        for group in &mut groups {
            group.claims = self.latest_of(&group.claims, own_dates_only);
        }
        groups
    }

    /// The latest of some claims of one quantity: those of the latest year
    /// any of them reaches (all of them on a tie), or every undated claim
    /// where none has a time; in their order.
    pub fn latest_of(&self, claims: &[RecordIx], own_dates_only: bool) -> Vec<RecordIx> {
        let placed = |ix: RecordIx| self.times[ix].placed(own_dates_only);
        let last = claims.iter().filter_map(|&ix| placed(ix).map(|s| s.end)).max();
        claims
            .iter()
            .copied()
            .filter(|&ix| placed(ix).map(|s| s.end) == last)
            .collect()
    }

    /// The quantities in `view` whose claims disagree or are uncertain: one
    /// indicator about one subject, with claims from two or more sources,
    /// or any claim given as a range. Claims about different subjects
    /// (staff of two organisations) are not a contest.
    pub fn contests(&self, view: &[RecordIx]) -> Vec<Claims> {
        let mut contests = Vec::new();
        for indicator in &self.dataset.indicators {
            for group in self.claims_by_subject(view, &indicator.id) {
                if self.is_contest(&group.claims) {
                    contests.push(group);
                }
            }
        }
        contests
    }

    /// Whether the claims of one quantity (one indicator about one subject)
    /// disagree or are uncertain: from two or more sources, or any given as
    /// a range.
    pub fn is_contest(&self, claims: &[RecordIx]) -> bool {
        let Some(&first) = claims.first() else {
            return false;
        };
        let first = self.source_of[first];
        claims.iter().any(|&ix| self.source_of[ix] != first || self.ranged[ix])
    }

    /// Whether a record's figure is a range (one claim so given makes its
    /// quantity a contest, see `is_contest`).
    pub fn is_ranged(&self, ix: RecordIx) -> bool {
        self.ranged[ix]
    }

    /// The indicators with at least one contested quantity in `view` (see
    /// `contests`).
    pub fn contested(&self, view: &[RecordIx]) -> Vec<&Indicator> {
        let mut indicators: Vec<usize> = self.contests(view).iter().map(|c| c.indicator).collect();
        indicators.dedup();
        indicators.into_iter().map(|i| &self.dataset.indicators[i]).collect()
    }

    /// A dataset holding just `view`'s records and what they refer to.
    pub fn subset(&self, view: &[RecordIx]) -> Dataset {
        let parts = self.subset_parts(view);
        Dataset {
            schema_version: SCHEMA_VERSION,
            metadata: parts.metadata.cloned(),
            dashboard: parts.dashboard,
            sources: parts.sources.into_iter().cloned().collect(),
            indicators: parts.indicators.into_iter().cloned().collect(),
            entities: parts.entities.into_iter().cloned().collect(),
            records: parts.records.into_iter().cloned().collect(),
        }
    }

    /// `subset`'s parts, borrowed from the model (an export writes them
    /// without copying every record first).
    pub fn subset_parts(&self, view: &[RecordIx]) -> Subset<'_> {
        let mut used = Used::none(&self.dataset);
        for &ix in view {
            let indicator = self.indicator_of[ix].map(|i| i as usize);
            used.mark(self.source_of[ix] as usize, indicator, self.entity_ixs(ix));
        }
        self.subset_used(&used, view.iter().map(|&ix| self.record(ix)).collect())
    }

    /// The parts of the lists `used` marks, with `records`: `subset_parts`
    /// of records the model does not hold (an export of records handed
    /// over as they were read), which marked what they use.
    pub fn subset_used<'m>(&'m self, used: &Used, records: Vec<&'m Record>) -> Subset<'m> {
        let Used {
            sources,
            indicators,
            entities,
        } = used;
        let kept_indicators = keep_used(&self.dataset.indicators, indicators);
        // The dashboard keeps the indicators the subset still has.
        let dashboard = self.dataset.dashboard.as_ref().and_then(|d| {
            let kept = |ids: &[String]| -> Vec<String> {
                let ids = ids.iter().filter(|id| kept_indicators.iter().any(|i| &i.id == *id));
                ids.cloned().collect()
            };
            let (headline, key_figures) = (kept(&d.headline), kept(&d.key_figures));
            // Naming nothing, it would hide the most-observed indicators.
            (!headline.is_empty() || !key_figures.is_empty()).then_some(Dashboard { headline, key_figures })
        });
        Subset {
            metadata: self.dataset.metadata.as_ref(),
            dashboard,
            sources: keep_used(&self.dataset.sources, sources),
            indicators: kept_indicators,
            entities: keep_used(&self.dataset.entities, entities),
            records,
        }
    }

    /// Builds what a text search reads, if no search has yet: the dashboard
    /// calls it on another thread once its first screen is drawn, so that
    /// the first search need not wait for it. A search meanwhile waits for
    /// the folded texts rather than build them twice; then it reads them
    /// where the starts of their words are not gathered yet, next (on
    /// every core, a chunk of records at a time, pausing while a search
    /// reads texts).
    ///
    /// When the words of most records were gathered as the file was read,
    /// the starts are not gathered: the word index is quicker to build
    /// then (`prepare_gathered_word_index`), and its chunks cut from the
    /// words gathered are built here (on every core, a few milliseconds
    /// each, and the records before the tail in the chunk across its start
    /// read, pausing likewise), so that a search meanwhile reads the texts
    /// of the others only.
    pub fn prepare_search(&self) {
        let text = self.text_index();
        self.facets();
        if text.words_mostly_gathered() {
            (self.word_index(text)).build_gathered(text, || self.wait_for_text_readers());
        } else {
            text.gather_starts(|| self.wait_for_text_readers());
        }
    }

    /// When the words of most records were gathered as the file was read,
    /// builds the rest of the word index on every core (the rest's words
    /// take less time than the starts of all; pausing while a search reads
    /// texts), so that the keys typed next are looked up in it, and says
    /// so; else nothing (the starts are gathered instead: `prepare_search`).
    pub fn prepare_gathered_word_index(&self) -> bool {
        let text = self.text_index();
        let gathered = text.words_mostly_gathered();
        if gathered {
            (self.word_index(text)).build_rest(text, true, || self.wait_for_text_readers());
        }
        gathered
    }

    /// Indexes the words of what a search reads, so that a search after it
    /// reads no record's text for most words (those before read the texts
    /// the starts of words do not tell). On the calling thread only (two
    /// seconds at a million records): the dashboard calls it on another
    /// thread, after `prepare_search`, leaving the other cores to the keys
    /// typed meanwhile. Only the chunks not built yet are built
    /// (`prepare_search`, `prepare_gathered_word_index`).
    pub fn prepare_word_index(&self) {
        let text = self.text_index();
        (self.word_index(text)).build_rest(text, false, || self.wait_for_text_readers());
    }

    /// The word index of `text`, with the chunks built so far.
    fn word_index(&self, text: &TextIndex) -> &WordIndex {
        self.words.get_or_init(|| WordIndex::unbuilt(text))
    }

    /// Waits while a search reads records' texts.
    fn wait_for_text_readers(&self) {
        while self.reading_texts.load(Ordering::Acquire) > 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Whether a text search can start at once (the text `prepare_search`
    /// folds is ready; its word index may not be yet).
    pub fn search_prepared(&self) -> bool {
        self.text.get().is_some()
    }

    /// The bytes the word index holds, once `prepare_word_index` is done.
    pub fn word_index_bytes(&self) -> Option<usize> {
        let words = self.words.get().filter(|words| words.is_whole())?;
        Some(words.bytes() + self.facets.get()?.bytes())
    }

    /// The bytes the folded texts hold, once `prepare_search` is done, and
    /// of those the starts of their words.
    pub fn text_index_bytes(&self) -> Option<(usize, usize)> {
        Some(self.text.get()?.bytes())
    }

    /// The records of each category, indicator and entity; built with
    /// the search index (`prepare_search`), or by the first search that
    /// the indexes answer alone.
    fn facets(&self) -> &Facets {
        self.facets.get_or_init(|| Facets::of_model(self, Category::ALL.len()))
    }

    /// What a search looks at in each record (title, summary, quote and
    /// tags), folded, in chronological order; built by the first search or
    /// `prepare_search`. `Model::new` leaves it out: a listing never needs it.
    /// The undated records' texts folded while the file was read
    /// (`undated_folded_by`) are taken as they are.
    fn text_index(&self) -> &TextIndex {
        self.text.get_or_init(|| {
            let records = &self.dataset.records;
            let order = &self.chronological;
            let undated = (self.undated_folding.lock().ok())
                .and_then(|mut folding| folding.take())
                .and_then(Handover::take);
            let tail = undated.map(|folded| Tail {
                from: self.dated,
                folded,
            });
            TextIndex::build_with(order.len(), |p| searched_fields(&records[order[p]]), tail)
        })
    }

    /// This model, its search index to take the undated records' texts
    /// that a thread folded (`folding`, a prefix of them, in file order,
    /// each as `searched_texts` gives its fields) instead of folding
    /// them again.
    pub(crate) fn undated_folded_by(self, folding: Handover) -> Self {
        Self {
            undated_folding: Mutex::new(Some(folding)),
            ..self
        }
    }
}

/// How many records of a list cover each year of the dataset's: counted
/// as the filter keeps them, so that the Overview's chart reads no record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCounts {
    /// The years the records counted cover together.
    span: Option<YearSpan>,
    /// The dataset's first year.
    first: i32,
    /// From `first`: +1 where a record starts covering, -1 after its last year.
    steps: Vec<isize>,
}

impl YearCounts {
    /// None counted yet, over `years` (the dataset's).
    fn over(years: Option<YearSpan>) -> Self {
        Self {
            span: None,
            first: years.map_or(0, |y| y.start),
            steps: vec![0; years.map_or(0, |y| year_offset(y.start, y.end) + 2)],
        }
    }

    /// Counts a record covering `years` (within the dataset's).
    fn add(&mut self, years: YearSpan) {
        YearSpan::widen(&mut self.span, years);
        self.steps[year_offset(self.first, years.start)] += 1;
        self.steps[year_offset(self.first, years.end) + 1] -= 1;
    }

    /// Adds those `other` counted.
    fn append(&mut self, other: YearCounts) {
        if let Some(years) = other.span {
            YearSpan::widen(&mut self.span, years);
        }
        for (total, n) in self.steps.iter_mut().zip(other.steps) {
            *total += n;
        }
    }

    /// The years the records counted cover together; `None` for none.
    pub fn span(&self) -> Option<YearSpan> {
        self.span
    }

    /// How many records cover each year of `years`: a period counts in
    /// each year it covers.
    pub fn within(&self, years: YearSpan) -> Vec<(i32, usize)> {
        let mut count = 0isize;
        let covering: Vec<isize> = (self.steps.iter())
            .map(|step| {
                count += step;
                count
            })
            .collect();
        (years.start..=years.end)
            .map(|year| {
                let at = usize::try_from(i64::from(year) - i64::from(self.first)).ok();
                let n = at.and_then(|at| covering.get(at)).copied().unwrap_or(0);
                (year, usize::try_from(n).unwrap_or(0))
            })
            .collect()
    }
}

/// Where `year` is among the years from `first` on (`year` is not before it).
fn year_offset(first: i32, year: i32) -> usize {
    usize::try_from(i64::from(year) - i64::from(first)).expect("a year within the dataset's")
}

/// How many records a text search must read before it is split between threads.
const PARALLEL_SEARCH_FROM: usize = 20_000;

/// Records a filter leaves out only because of their time, counted by what
/// would bring them back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HiddenByTime {
    /// Left out by the year range as undated (with `own_dates_only`, those
    /// placed only by their source too): `include_undated` shows them.
    pub undated: usize,
    /// Placed by their source's date inside the year range, left out by
    /// `own_dates_only`: leaving it shows them.
    pub approximate: usize,
}

/// What `Model::filter_with_hidden` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    /// The records kept, as `Model::filter` gives them.
    pub view: Vec<RecordIx>,
    pub hidden: HiddenByTime,
    /// How many records at the start of `view` are placed in time under
    /// the filter (`Model::span_under` is `Some`); the rest are not.
    pub placed: usize,
    /// Records in `view` from each source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
    /// The records of `view` that are observations of an indicator, in
    /// its order: all that the indicators' rows read, a third of a
    /// synthetic million.
    pub observations: Vec<RecordIx>,
    /// Records in `view` by category (`Category as usize`).
    pub per_category: Vec<usize>,
    /// The records placed in time, by the years they cover.
    pub years: YearCounts,
}

/// Memory for a filter's records (`Model::filter_with_hidden_into`): what
/// an earlier one found, no longer needed.
#[derive(Debug, Default)]
pub struct Lent {
    pub kept: Vec<RecordIx>,
    pub observations: Vec<RecordIx>,
}

/// What a scan found.
#[derive(Debug)]
struct Scan {
    kept: Vec<RecordIx>,
    /// Kept records by category (`Category as usize`).
    per_category: Vec<usize>,
    /// Those placed in time, by the years they cover.
    years: YearCounts,
    /// Those of `kept` that are observations of an indicator.
    observations: Vec<RecordIx>,
    hidden: HiddenByTime,
    /// Kept by the dated pass: placed in time under the filter.
    placed: usize,
    per_source: Vec<usize>,
    /// Whether to count more than the records kept (`filter_with_hidden`);
    /// `filter` wants only those, and every other field stays empty.
    tally: bool,
}

impl Scan {
    /// None found yet, of at most `most` records, into the memory `lent`.
    /// Room for them all is made at once, so that no growing copies what
    /// was found. Fresh room left unfilled is never touched and costs no
    /// memory; lent room is kept whole, and the pages an earlier, larger
    /// view wrote stay in memory (8 bytes a record it held: 8 MB at a
    /// million, in each of the two lists).
    fn new(model: &Model, tally: bool, lent: Lent, most: usize) -> Self {
        let counts = |len: usize| if tally { vec![0; len] } else { Vec::new() };
        let Lent { kept, observations } = lent;
        // Only a tally lists the observations.
        let observations = room_for(observations, if tally { most } else { 0 });
        Self {
            kept: room_for(kept, most),
            per_category: counts(Category::ALL.len()),
            years: YearCounts::over(model.overall.filter(|_| tally)),
            observations,
            hidden: HiddenByTime::default(),
            placed: 0,
            per_source: counts(model.dataset.sources.len()),
            tally,
        }
    }

    /// Keeps a row placed in time (`Pass::Dated`).
    fn place(&mut self, row: &Row) {
        self.keep(row);
        if self.tally {
            self.placed += 1;
            self.years.add(YearSpan {
                start: row.start,
                end: row.end,
            });
        }
    }

    fn keep(&mut self, row: &Row) {
        self.kept.push(row.ix as RecordIx);
        if !self.tally {
            return;
        }
        if row.indicator != NO_INDICATOR {
            self.observations.push(row.ix as RecordIx);
        }
        self.per_source[row.source as usize] += 1;
        self.per_category[usize::from(row.category)] += 1;
    }

    /// Adds what a scan of the following rows found.
    fn append(&mut self, next: Scan) {
        self.kept.extend(next.kept);
        self.observations.extend(next.observations);
        self.hidden.undated += next.hidden.undated;
        self.hidden.approximate += next.hidden.approximate;
        self.placed += next.placed;
        self.years.append(next.years);
        for (total, n) in self.per_category.iter_mut().zip(next.per_category) {
            *total += n;
        }
        for (total, n) in self.per_source.iter_mut().zip(next.per_source) {
            *total += n;
        }
    }
}

/// Which rows a scan reads, and how it tests their years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Dated rows, tested against the year range; approximate ones are
    /// skipped under `own_dates_only`.
    Dated,
    /// Under `own_dates_only`, the approximate rows among the dated ones,
    /// kept as undated records are (without a year test).
    ApproximateAsUndated,
    /// Undated rows, without a year test.
    Undated,
    /// Under `own_dates_only` with a year range, the approximate rows: not
    /// kept, counted as hidden.
    HiddenApproximate,
    /// With a year range, the undated rows: not kept, counted as hidden.
    HiddenUndated,
}

/// `records` emptied, with room for `most`: a fresh allocation when it
/// has less, since growing an emptied vector may copy its old room whole.
fn room_for(mut records: Vec<RecordIx>, most: usize) -> Vec<RecordIx> {
    records.clear();
    if records.capacity() < most {
        records = Vec::with_capacity(most);
    }
    records
}

/// An upper bound on the records `passes` can keep: the rows of those
/// that keep any. (Under `own_dates_only`, the dated and the approximate
/// passes both read the dated rows, each keeping those the other does
/// not: the bound counts the dated rows twice.)
fn most_kept(passes: &[(Range<usize>, Pass)]) -> usize {
    let keeping = passes
        .iter()
        .filter(|(_, pass)| matches!(pass, Pass::Dated | Pass::ApproximateAsUndated | Pass::Undated));
    keeping.map(|(range, _)| range.len()).sum()
}

/// `passes` cut into `count` consecutive pieces of (nearly) equal length.
fn split(passes: &[(Range<usize>, Pass)], count: usize) -> Vec<Vec<(Range<usize>, Pass)>> {
    let total: usize = passes.iter().map(|(range, _)| range.len()).sum();
    let size = total.div_ceil(count.max(1)).max(1);
    let mut pieces = vec![Vec::new()];
    let mut room = size;
    for (range, pass) in passes {
        let mut start = range.start;
        while start < range.end {
            if room == 0 {
                pieces.push(Vec::new());
                room = size;
            }
            let end = range.end.min(start + room);
            pieces.last_mut().expect("a piece").push((start..end, *pass));
            room -= end - start;
            start = end;
        }
    }
    pieces
}

/// Positions of ids in a list. Looked up for every record's source,
/// indicator and entities: hashed with foldhash, several times quicker than
/// the standard SipHash on short keys. The ids are copied into one string,
/// not each into an allocation of its own (a tenth of the bundled `nkict
/// list`'s allocations, when a model was built twice, as `sift` does).
#[derive(Clone)]
struct IdIndex {
    /// The ids, one after the other.
    ids: String,
    /// Each id's position in the list and place in `ids`, by its hash.
    table: HashTable<IdAt>,
    hasher: foldhash::fast::RandomState,
}

#[derive(Clone, Copy)]
struct IdAt {
    position: u32,
    /// Where the id is in `IdIndex::ids`.
    start: u32,
    end: u32,
}

impl IdAt {
    /// The id, as bytes: they are compared, and a `str` would be checked
    /// for the boundaries of characters at each lookup.
    fn id(self, ids: &str) -> &[u8] {
        &ids.as_bytes()[self.start as usize..self.end as usize]
    }
}

impl IdIndex {
    /// The index of a list's ids; of an id given twice, the later.
    fn new<'a>(list: impl ExactSizeIterator<Item = &'a str> + Clone) -> Self {
        let mut index = Self {
            // Room for every id at once: grown as they came, the bundled
            // lists' ids were copied 26 times over (12 K instructions).
            ids: String::with_capacity(list.clone().map(str::len).sum()),
            table: HashTable::with_capacity(list.len()),
            hasher: foldhash::fast::RandomState::default(),
        };
        for (position, id) in list.enumerate() {
            let start = to_u32(index.ids.len());
            index.ids.push_str(id);
            let at = IdAt {
                position: to_u32(position),
                start,
                end: to_u32(index.ids.len()),
            };
            let Self { ids, table, hasher } = &mut index;
            let same = |other: &IdAt| other.id(ids) == id.as_bytes();
            match table.entry(hasher.hash_one(id.as_bytes()), same, |other| {
                hasher.hash_one(other.id(ids))
            }) {
                Entry::Occupied(mut earlier) => *earlier.get_mut() = at,
                Entry::Vacant(vacant) => {
                    vacant.insert(at);
                }
            }
        }
        index
    }
}

/// The position of `id` in an id index, as stored in the model's tables.
fn lookup(index: &IdIndex, id: &str) -> Option<u32> {
    find(index, id).map(|at| at.position)
}

/// Where `id` is in `index`, and its place in the index's ids.
fn find(index: &IdIndex, id: &str) -> Option<IdAt> {
    let same = |at: &IdAt| at.id(&index.ids) == id.as_bytes();
    index.table.find(index.hasher.hash_one(id.as_bytes()), same).copied()
}

/// The id of an index last found, to be looked up again by comparing it
/// alone: records come in runs of one source (404 of the bundled
/// dataset's 568 follow one of the same), and hashing and finding each
/// one's was an eighth of placing them (0.2 M instructions for the
/// bundled export, with the indicators and entities).
#[derive(Clone, Copy, Default)]
struct LastFound(Option<IdAt>);

impl LastFound {
    /// `lookup(index, id)`, the same index as every other time.
    fn lookup(&mut self, index: &IdIndex, id: &str) -> Option<u32> {
        if let Some(last) = self.0.filter(|last| last.id(&index.ids) == id.as_bytes()) {
            return Some(last.position);
        }
        self.0 = find(index, id);
        self.0.map(|at| at.position)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 4 billion items")
}

/// A key that sorts partial dates as `PartialDate`'s `Ord` does.
fn date_key(date: PartialDate) -> u64 {
    let year = (i64::from(date.year) - i64::from(i32::MIN)) as u64;
    let month = date.month.map_or(0, |m| u64::from(m) + 1);
    let day = date.day.map_or(0, |d| u64::from(d) + 1);
    year << 20 | month << 10 | day
}

/// The items whose flag in `used` is set.
fn keep_used<'m, T>(items: &'m [T], used: &[bool]) -> Vec<&'m T> {
    items
        .iter()
        .zip(used)
        .filter(|(_, u)| **u)
        .map(|(item, _)| item)
        .collect()
}

/// Which of a dataset's sources, indicators and entities some records
/// use, by their positions in its lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Used {
    sources: Vec<bool>,
    indicators: Vec<bool>,
    entities: Vec<bool>,
}

impl Used {
    /// Nothing of `lists` used yet.
    pub fn none(lists: &Dataset) -> Self {
        Self {
            sources: vec![false; lists.sources.len()],
            indicators: vec![false; lists.indicators.len()],
            entities: vec![false; lists.entities.len()],
        }
    }

    /// The sources, indicators and entities of `lists` at these positions
    /// used (what `embedded::whole` says the bundled records use).
    pub fn at_positions(lists: &Dataset, [sources, indicators, entities]: [&[u32]; 3]) -> Self {
        let mut used = Self::none(lists);
        for (flags, positions) in [
            (&mut used.sources, sources),
            (&mut used.indicators, indicators),
            (&mut used.entities, entities),
        ] {
            for &at in positions {
                flags[at as usize] = true;
            }
        }
        used
    }

    /// Marks what a record uses: the source, the indicator and the
    /// entities at these positions in the lists.
    pub fn mark(&mut self, source: usize, indicator: Option<usize>, entities: &[u32]) {
        self.sources[source] = true;
        if let Some(indicator) = indicator {
            self.indicators[indicator] = true;
        }
        for &entity in entities {
            self.entities[entity as usize] = true;
        }
    }
}

/// A dataset's part that a view uses (`Model::subset_parts`), borrowed.
#[derive(Debug, Clone, PartialEq)]
pub struct Subset<'m> {
    pub metadata: Option<&'m Metadata>,
    /// The dashboard's lists, keeping the indicators the subset still has.
    pub dashboard: Option<Dashboard>,
    pub sources: Vec<&'m Source>,
    pub indicators: Vec<&'m Indicator>,
    pub entities: Vec<&'m Entity>,
    pub records: Vec<&'m Record>,
}

/// A filter resolved against one model, ready to test records quickly.
struct RecordTest<'m> {
    model: &'m Model,
    from: Option<i32>,
    to: Option<i32>,
    own_dates_only: bool,
    categories: u64,
    kinds: u64,
    sources: Vec<u32>,
    entities: Vec<u32>,
    /// `Some(NO_INDICATOR)` for an unknown indicator: nothing matches.
    indicator: Option<u32>,
    text: Option<TextTest<'m>>,
    /// Whether every record passes but for its time (`Filter::is_of_years_alone`).
    years_alone: bool,
    /// Whether every record passes but for its time and text
    /// (`Filter::is_of_years_and_search_alone`).
    years_and_search_alone: bool,
}

/// A search resolved against one model: every term must match.
struct TextTest<'m> {
    index: &'m TextIndex,
    /// Each with what the indexes say of its patterns.
    terms: Vec<(TermTest, Lookup)>,
    /// The records (by position) matching every term, when the indexes
    /// tell: then the filter visits only those.
    kept: Option<Positions>,
}

/// Each term with what the indexes say of its patterns, and the records
/// (by position) matching every term when the indexes tell which hold
/// each. A term's texts are read only in the records matching the terms
/// before it, when those are told (a record that fails one fails all).
fn kept_by_index(model: &Model, terms: &[Term]) -> (Vec<(TermTest, Lookup)>, Option<Positions>) {
    let index = model.text_index();
    let words = model.words.get();
    let mut kept: Option<Positions> = None;
    let mut every_told = true;
    let tests = (terms.iter())
        .map(|term| {
            let test = TermTest::new(model, term);
            let lookup = Lookup::new(words, index, &test.patterns, kept.as_ref());
            if lookup.is_whole() {
                let matching = test.positions(model.facets(), &lookup.holders);
                kept = Some(match kept.take() {
                    Some(mut kept) => {
                        kept.intersect(&matching);
                        kept
                    }
                    None => matching,
                });
            } else {
                every_told = false;
            }
            (test, lookup)
        })
        .collect();
    (tests, kept.filter(|_| every_told))
}

/// One word or phrase of a search, resolved against one model. A record
/// matches it when its text holds the term, or another name of an entity
/// the term names (`Sinuiju` finds a quote saying `Shinuiju`), or when it
/// is about such an entity, or the name of its category, or its
/// indicator's name or unit, holds the term (`fibre` finds the records
/// about fiber optics that say "optical cable").
struct TermTest {
    /// The term's spellings, then the other names of the entities it names.
    patterns: Vec<Pattern>,
    /// Finds any of `patterns` anywhere, in one pass: a text it finds none
    /// in holds none at a word's start either, and most texts hold none.
    /// (`None` if it could not be built: the patterns alone decide.) Built
    /// by the first text folded record by record (`sift`): a search by the
    /// indexes never reads it.
    any: OnceLock<Option<AhoCorasick>>,
    /// By entity: whether one of its names holds the term; empty when none
    /// does.
    entities: Vec<bool>,
    /// By indicator: whether its name or unit holds the term; empty when
    /// none does (most terms), so that the test costs nothing.
    indicators: Vec<bool>,
    /// The categories whose name holds the term, a bit each.
    categories: u64,
}

impl<'m> RecordTest<'m> {
    fn new(model: &'m Model, filter: &'m Filter) -> Self {
        let ids = |list: &[String], index: &IdIndex| -> Vec<u32> {
            // An unknown id matches nothing (resolve_filter reports it).
            list.iter().map(|id| lookup(index, id).unwrap_or(u32::MAX)).collect()
        };
        Self {
            model,
            from: filter.from,
            to: filter.to,
            own_dates_only: filter.own_dates_only,
            categories: filter.categories.iter().fold(0, |mask, &c| mask | 1 << c as u64),
            kinds: filter.kinds.iter().fold(0, |mask, &k| mask | 1 << k as u64),
            sources: ids(&filter.sources, &model.source_ix),
            entities: ids(&filter.entities, &model.entity_ix),
            indicator: filter
                .indicator
                .as_ref()
                .map(|i| lookup(&model.indicator_ix, i).unwrap_or(NO_INDICATOR)),
            text: Query::parse(&filter.search).map(|query| TextTest::new(model, &query)),
            years_alone: filter.is_of_years_alone(),
            years_and_search_alone: filter.is_of_years_and_search_alone(),
        }
    }

    /// Whether the dated record at position `p` of `chronological` overlaps
    /// the year range.
    fn in_range(&self, p: usize) -> bool {
        self.overlaps(&self.model.rows[p])
    }

    /// Whether a dated row overlaps the year range.
    fn overlaps(&self, row: &Row) -> bool {
        let years = YearSpan {
            start: row.start,
            end: row.end,
        };
        years.overlaps(self.from, self.to)
    }

    /// Whether the record at position `p` of `chronological` is kept in
    /// `pass`.
    fn keeps(&self, p: usize, pass: Pass) -> bool {
        let row = &self.model.rows[p];
        self.in_time(row, pass)
            && self.matches(row, self.model.row_entities(row), |text| {
                text.matches(self.model, p, row)
            })
    }

    /// Whether every record the indexes told the search keeps passes in
    /// `pass`: the filter tests nothing else of the records there.
    fn keeps_every_told(&self, pass: Pass) -> bool {
        let time_passes = match pass {
            Pass::Dated => self.from.is_none() && self.to.is_none() && !self.own_dates_only,
            Pass::Undated | Pass::HiddenUndated => true,
            Pass::ApproximateAsUndated | Pass::HiddenApproximate => false,
        };
        time_passes && self.years_and_search_alone && self.text.as_ref().is_some_and(|text| text.kept.is_some())
    }

    /// Whether a row's time passes in `pass`.
    fn in_time(&self, row: &Row, pass: Pass) -> bool {
        match pass {
            Pass::Dated => !(row.approximate && self.own_dates_only) && self.overlaps(row),
            Pass::ApproximateAsUndated | Pass::HiddenApproximate => row.approximate,
            Pass::Undated | Pass::HiddenUndated => true,
        }
    }

    /// Whether a row with `entities` passes everything but the time test,
    /// its text tested by `text`.
    fn matches(&self, row: &Row, entities: &[u32], text: impl FnOnce(&TextTest) -> bool) -> bool {
        (self.categories == 0 || self.categories & (1 << row.category) != 0)
            && (self.kinds == 0 || self.kinds & (1 << row.kind) != 0)
            && (self.sources.is_empty() || self.sources.contains(&row.source))
            && self
                .indicator
                .is_none_or(|want| want != NO_INDICATOR && row.indicator == want)
            && (self.entities.is_empty() || entities.iter().any(|e| self.entities.contains(e)))
            && self.text.as_ref().is_none_or(text)
    }
}

/// A filter resolved against a dataset's lists, to test records one at a
/// time as a file is read (`sift`), with what `Model::filter` would decide
/// for each in the whole dataset.
pub(crate) struct Sieve<'m> {
    test: RecordTest<'m>,
    /// Whether undated records (and, under `own_dates_only`, approximate
    /// ones) are shown: without a year range, or with `include_undated`.
    show_undated: bool,
    /// Whether each record's entities are placed: when the caller wants
    /// them, or the filter tests them (by id, or by name in a search).
    places_entities: bool,
    /// The record's entities, reused from record to record.
    entities: Vec<u32>,
    /// The record's searched text, folded, reused likewise.
    folded: String,
    /// The source of the record last placed.
    last_source: LastFound,
}

impl<'m> Sieve<'m> {
    /// `lists` is a model of the dataset's lists (records need not be in
    /// it). `with_entities`: whether the caller wants each record's
    /// entities placed (`entities`) though the filter does not test them.
    /// Looking them up was two fifths of placing the bundled dataset's
    /// records (0.12 M instructions) for `nkict list`, whose rows name none.
    pub(crate) fn new(lists: &'m Model, filter: &'m Filter, with_entities: bool) -> Self {
        let test = RecordTest::new(lists, filter);
        Self {
            places_entities: with_entities || !test.entities.is_empty() || test.text.is_some(),
            test,
            show_undated: filter.shows_undated(),
            entities: Vec::new(),
            folded: String::new(),
            last_source: LastFound::default(),
        }
    }

    /// Where the record stands against the lists, and whether the filter
    /// keeps it; its entities' positions are then `entities`, until the
    /// next record.
    pub(crate) fn keeps<T: Deref<Target = str>>(&mut self, record: &RecordOf<T>) -> (Placed, bool) {
        let model = self.test.model;
        let placed = Placed::of(
            record,
            &model.source_ix,
            &mut self.last_source,
            &model.indicator_ix,
            &model.dataset.sources,
        );
        let Placed {
            source,
            indicator,
            time,
        } = placed;
        self.entities.clear();
        if self.places_entities {
            self.entities.extend(entity_positions(record, &model.entity_ix));
        }
        let row = Row::of(time, source, indicator, record.category, record.kind);
        // The passes of `Model::filter` that could keep the record.
        let in_time = match time.span() {
            Some(_) => {
                self.test.in_time(&row, Pass::Dated)
                    || (self.show_undated && self.test.own_dates_only && row.approximate)
            }
            None => self.show_undated,
        };
        let folded = &mut self.folded;
        let keeps = in_time
            && self.test.matches(&row, &self.entities, |text| {
                folded.clear();
                search::fold_fields(searched_fields(record), folded);
                text.matches_folded(&row, &self.entities, folded)
            });
        (placed, keeps)
    }

    /// The positions of the entities of the record `keeps` last placed
    /// (none unless they are placed: see `new`).
    pub(crate) fn entities(&self) -> &[u32] {
        &self.entities
    }

    /// Which of a record's lists `keeps` reads: its entities where it
    /// places them, its tags where a search reads its texts
    /// (`searched_fields`).
    pub(crate) fn lists_read(&self) -> crate::data::embedded::Lists {
        crate::data::embedded::Lists {
            entities: self.places_entities,
            tags: self.test.text.is_some(),
        }
    }
}

impl<'m> TextTest<'m> {
    fn new(model: &'m Model, query: &Query) -> Self {
        // Until the word index is built, what it and the starts of words
        // cannot tell is read in the texts here, while the build waits.
        let _reading =
            (!model.words.get().is_some_and(WordIndex::is_whole)).then(|| TextReading::start(&model.reading_texts));
        let (terms, kept) = kept_by_index(model, query.terms());
        Self {
            index: model.text_index(),
            kept,
            terms,
        }
    }

    fn matches(&self, model: &Model, p: usize, row: &Row) -> bool {
        if let Some(kept) = &self.kept {
            return kept.contains(p);
        }
        let entities = model.row_entities(row);
        (self.terms.iter()).all(|(term, lookup)| term.matches(row, entities, || lookup.holds(self.index, p)))
    }

    /// Whether the search reads texts as the filter visits the records
    /// (the indexes cannot tell it alone: a pattern without a letter or
    /// digit, none built but the folded texts, or too many records for
    /// the starts of words to read up front): every record's, or only
    /// those the starts of words say a pattern may be in.
    fn reads_text(&self) -> bool {
        self.kept.is_none()
    }

    /// As `matches`, for a record outside the index, with its `entities`
    /// and its text `folded` by `search::fold_fields`.
    fn matches_folded(&self, row: &Row, entities: &[u32], folded: &str) -> bool {
        (self.terms.iter()).all(|(term, _)| term.matches(row, entities, || term.is_in_folded(folded)))
    }
}

impl TermTest {
    fn new(model: &Model, term: &Term) -> Self {
        let dataset = &model.dataset;
        let entities: Vec<bool> = (dataset.entities.iter())
            .map(|e| entity_names(e).any(|name| term.is_in(name)))
            .collect();
        let mut indicators: Vec<bool> = (dataset.indicators.iter())
            .map(|i| term.is_in(&i.name) || term.is_in(&i.unit))
            .collect();
        if !indicators.contains(&true) {
            indicators.clear();
        }
        let categories = (Category::ALL.iter())
            .filter(|c| term.is_in(c.label()) || term.is_in(c.as_str()))
            .fold(0, |mask, &c| mask | 1 << c as u64);
        let mut patterns: Vec<Pattern> = term.spellings().iter().map(|s| Pattern::new(s)).collect();
        let named = dataset.entities.iter().zip(&entities).filter(|(_, named)| **named);
        for name in named.flat_map(|(entity, _)| entity_names(entity)) {
            let name = Pattern::name(&search::fold(name));
            // A name holding a pattern already searched for adds nothing.
            if !name.text().is_empty() && !patterns.iter().any(|p| name.text().contains(p.text())) {
                patterns.push(name);
            }
        }
        let mut entities = entities;
        if !entities.contains(&true) {
            entities.clear();
        }
        Self {
            any: OnceLock::new(),
            patterns,
            entities,
            indicators,
            categories,
        }
    }

    /// Whether `folded` holds one of the patterns where it counts: looked
    /// for in one pass first, each pattern's place only then.
    fn is_in_folded(&self, folded: &str) -> bool {
        let any = self.any.get_or_init(|| {
            // Leftmost-first: only that kind has the vectorised search
            // (Teddy); whether there is a match at all does not depend on it.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(self.patterns.iter().map(Pattern::text))
                .ok()
        });
        any.as_ref().is_none_or(|any| any.is_match(folded)) && self.patterns.iter().any(|p| p.is_in(folded))
    }

    /// Whether a row about `entities` matches, its text holding one of the
    /// patterns when `contains` says so.
    #[inline]
    fn matches(&self, row: &Row, entities: &[u32], contains: impl FnOnce() -> bool) -> bool {
        self.names(row, entities) || contains()
    }

    /// Whether a row about `entities` matches whatever its text: the term
    /// names its category, its indicator or one of its entities.
    #[inline]
    fn names(&self, row: &Row, entities: &[u32]) -> bool {
        self.categories & (1 << row.category) != 0
            || self.indicators.get(row.indicator as usize) == Some(&true)
            || (!self.entities.is_empty() && entities.iter().any(|&e| self.entities[e as usize]))
    }

    /// The records (by position) matching: `holders` (those whose text
    /// holds a pattern), and those whose row the term names.
    fn positions(&self, facets: &Facets, holders: &Positions) -> Positions {
        let mut positions = holders.clone();
        facets.add(&mut positions, self.categories, &self.indicators, &self.entities);
        positions
    }
}

/// The categories of `counts` (by `Category as usize`) that are not zero,
/// with their counts, in the vocabulary's order.
pub fn nonzero_categories(counts: &[usize]) -> Vec<(Category, usize)> {
    (Category::ALL.iter().copied())
        .zip(counts.iter().copied())
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// The fields a search reads.
fn searched_fields<T: Deref<Target = str>>(record: &RecordOf<T>) -> impl Iterator<Item = &str> {
    searched_texts(record).map(|text| &**text)
}

/// The texts of the fields a search reads.
fn searched_texts<T>(record: &RecordOf<T>) -> impl Iterator<Item = &T> {
    [&record.title, &record.summary, &record.quote]
        .into_iter()
        .chain(&record.tags)
}

fn entity_names(entity: &Entity) -> impl Iterator<Item = &str> {
    std::iter::once(entity.name.as_str())
        .chain(entity.korean.as_deref())
        .chain(entity.aliases.iter().map(|name| name.as_str()))
}

/// The date a record starts at, for ordering: its own, or the first day of
/// its approximate year.
fn start_date<T>(record: &RecordOf<T>, time: Time) -> Option<PartialDate> {
    match time {
        Time::Own(_) => record.date.or(record.period.map(|p| p.start)),
        Time::Approximate(year) => Some(PartialDate::year(year)),
        Time::Undated { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_index_finds_each_id_at_its_position_and_nothing_else() {
        let ids = ["dprk", "kcc", "koryolink", "", "k", "kc", "cck"];
        let index = IdIndex::new(ids.iter().copied());
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(lookup(&index, id), Some(position as u32), "{id:?}");
        }
        for unknown in ["dprkkcc", "kcc ", "KCC", "korea", "c"] {
            assert_eq!(lookup(&index, unknown), None, "{unknown:?}");
        }
        // Of an id given twice, the later, as a map built from the list is.
        let twice = IdIndex::new(["a", "b", "a"].into_iter());
        assert_eq!((lookup(&twice, "a"), lookup(&twice, "b")), (Some(2), Some(1)));
        assert_eq!(lookup(&IdIndex::new(std::iter::empty()), ""), None);
    }

    /// Ids in runs and alone, repeated, unknown between known ones, and
    /// given twice in the list, looked up one after the other through one
    /// `LastFound`: each at the position written here by hand (of an id
    /// given twice, the later), whatever was found before it.
    #[test]
    fn the_last_id_found_is_found_again_and_no_other() {
        let index = IdIndex::new(["kcc", "kc", "a", "kcc", "b"].into_iter());
        let mut last = LastFound::default();
        for (id, expected) in [
            ("b", Some(4)),
            ("b", Some(4)),
            ("kc", Some(1)),
            ("kcc", Some(3)),
            ("kcc", Some(3)),
            ("kc", Some(1)),
            ("unknown", None),
            ("kc", Some(1)),
            ("k", None),
            ("", None),
            ("a", Some(2)),
            ("a", Some(2)),
        ] {
            assert_eq!(last.lookup(&index, id), expected, "{id:?}");
        }
    }

    /// Records by their start dates, those of the same date in file order
    /// (many of them: a sort that is not stable keeps a few ties in order
    /// by chance), then the undated in file order.
    #[test]
    fn records_sort_by_date_and_ties_keep_file_order() {
        let date = |i: usize| (i % 7 != 3).then(|| format!("{}", 1990 + (i * 7) % 5));
        let records: Vec<serde_json::Value> = (0..200)
            .map(|i| {
                let mut record = serde_json::json!({
                    "id": format!("r{i}"), "kind": "fact", "category": "telephony", "title": "t",
                    "summary": "s", "entities": [], "source": "a", "locator": "l", "quote": "q",
                });
                match date(i) {
                    Some(date) => record["date"] = date.into(),
                    None => record["as_of"] = "unknown".into(),
                }
                record
            })
            .collect();
        let document = serde_json::json!({
            "schema_version": 1,
            "sources": [{ "id": "a", "title": "A", "authors": [], "container": "C", "published": null,
                          "url": null, "kind": "book chapter" }],
            "indicators": [], "entities": [], "records": records,
        });
        let text = serde_json::to_string(&document).unwrap();
        let model = Model::new(crate::data::parse(text.as_bytes(), std::path::Path::new("t.json")).unwrap());
        let mut expected: Vec<RecordIx> = (0..200).filter(|&i| date(i).is_some()).collect();
        // A stable sort: ties stay in file order.
        expected.sort_by_key(|&i| date(i));
        expected.extend((0..200).filter(|&i| date(i).is_none()));
        assert_eq!(model.all(), expected);
    }

    #[test]
    fn a_text_reading_is_counted_while_it_lasts() {
        let count = AtomicUsize::new(0);
        let first = TextReading::start(&count);
        let second = TextReading::start(&count);
        assert_eq!(count.load(Ordering::Acquire), 2);
        drop(first);
        assert_eq!(count.load(Ordering::Acquire), 1);
        drop(second);
        assert_eq!(count.load(Ordering::Acquire), 0);
    }

    #[test]
    fn split_cuts_passes_into_even_consecutive_pieces_keeping_each_pass() {
        use Pass::{Dated, Undated};
        let flat = |pieces: &[Vec<(Range<usize>, Pass)>]| -> Vec<(usize, Pass)> {
            pieces
                .iter()
                .flatten()
                .flat_map(|(range, pass)| range.clone().map(move |p| (p, *pass)))
                .collect()
        };
        let passes = [(0..5, Dated), (10..13, Undated)];
        let every: Vec<(usize, Pass)> = [0, 1, 2, 3, 4]
            .map(|p| (p, Dated))
            .into_iter()
            .chain([10, 11, 12].map(|p| (p, Undated)))
            .collect();
        for count in 1..=9 {
            let pieces = split(&passes, count);
            assert_eq!(flat(&pieces), every, "{count}");
            assert!(pieces.len() <= count, "{count}: {pieces:?}");
        }
        assert_eq!(
            split(&passes, 2),
            [vec![(0..4, Dated)], vec![(4..5, Dated), (10..13, Undated)]]
        );
        assert_eq!(split(&[(0..0, Dated), (0..0, Undated)], 2), [Vec::new()]);
    }

    #[test]
    fn a_row_takes_half_a_cache_line() {
        assert_eq!(std::mem::size_of::<Row>(), 32);
    }

    #[test]
    fn date_keys_sort_as_partial_dates_do() {
        let dates = [
            PartialDate::year(-5),
            PartialDate::year(1997),
            PartialDate {
                year: 1997,
                month: Some(0),
                day: None,
            },
            PartialDate {
                year: 1997,
                month: Some(1),
                day: None,
            },
            PartialDate {
                year: 1997,
                month: Some(1),
                day: Some(1),
            },
            PartialDate {
                year: 1997,
                month: Some(12),
                day: Some(31),
            },
            PartialDate::year(i32::MAX),
        ];
        for pair in dates.windows(2) {
            assert!(pair[0] < pair[1] && date_key(pair[0]) < date_key(pair[1]), "{pair:?}");
        }
    }
}
