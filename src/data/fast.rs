//! Reading a valid file fast: one pass, records borrowed from the file and
//! handed over one at a time, never all held.
//!
//! The careful loader (`load`) reads a file three times (its outline, each
//! list's items, then each item typed through `serde_path_to_error`), owns
//! every string and notes where every item starts, so that any problem can
//! be reported at its line and column. Most files have no problem: this
//! reader checks the same rules (the same types, `validate`'s checks, ids
//! given once) in one pass without positions, and gives up at the first
//! thing it does not like (`validate`'s checks of each record are made
//! by whatever receives the records, through `Checks`, perhaps on another
//! thread, as the reading goes on). The caller then reads the file again
//! with the careful loader, which reports every problem as before (or,
//! for a valid file this reader does not take, such as one whose records
//! come before its sources, loads it). So a file is refused only by the
//! careful loader, with its messages, and a valid file gives the same
//! records either way.
//!
//! A sink may have the records read in two parts at once, on two threads
//! (`Sink::back_start`, `in_two`): the dashboard does, for a large file.

use std::cell::Cell;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::Problems;
use super::positions::{Positions, Unread};
use super::schema::{Dashboard, Dataset, Entity, Indicator, Metadata, RecordOf, Source};
use super::text::{Text, is_safe_id};
use super::validate::{self, Known, ListIds, Whole};
pub use in_two::back_start;
use in_two::{InTwo, Stopped};

mod in_two;

/// A record as this reader hands it over: its text borrowed from the file.
pub type RecordRef<'a> = RecordOf<Text<'a>>;

/// What receives a file's records.
pub trait Sink<'a> {
    /// Called once (or once more after `records_in_two`, if the records
    /// read in two are to be read again in one part), with the dataset's
    /// lists (its records left empty), checked: calls `read` with what to
    /// do with each record, which `read`
    /// calls with each record's number (from 0) and the record, its id
    /// checked. The sink passes each record through a `checks.checker()`
    /// before it uses it, on any thread, and drops the checkers before it
    /// returns: the reading gives up unless every record passed. Returns
    /// what `read` returns. (The sink may prepare, from the lists, what it
    /// needs for the records, and borrow it meanwhile.)
    fn records<R>(
        &mut self,
        lists: &Dataset,
        checks: &Checks<'_>,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R;

    /// Where, in the text, the records are to be parted to be read in two
    /// parts at once, on two threads (`records_in_two`), if they are:
    /// `back_start` finds a place. Any place will do: the reading from the
    /// start checks that one of its records starts there, else reads every
    /// record itself. A sink that gives a place implements
    /// `records_in_two`.
    fn back_start(&self) -> Option<usize> {
        None
    }

    /// As `records`, the records read in two parts at once (`in_two`):
    /// `read` is called with what takes the front part's records, on the
    /// calling thread, and what takes the back part's, on another, each
    /// numbered from 0 and passed through its own checks (`checks`'s
    /// first and second). It returns what `read` returns, and whether the
    /// back part's records follow the front part's: if not, they count for
    /// nothing (the front part then holds every record). Called only if
    /// `back_start` gave a place.
    fn records_in_two<R>(
        &mut self,
        _lists: &Dataset,
        _checks: [&Checks<'_>; 2],
        _read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>), &mut (dyn FnMut(usize, RecordRef<'a>) + Send)) -> (R, bool),
    ) -> R {
        unreachable!("records_in_two is called only where back_start gives a place")
    }
}

/// `validate`'s checks of a record against the lists, made by the sink:
/// a search can make them on the thread that tests the records, beside
/// the reading, which then does less (they were a tenth of its work).
pub struct Checks<'k> {
    version: u32,
    known: &'k Known<'k>,
    /// How many records passed: the reading gives up unless every one did.
    passed: AtomicUsize,
    /// Whether one did not: the reading gives up at once.
    failed: AtomicBool,
}

impl<'k> Checks<'k> {
    fn new(version: u32, known: &'k Known<'k>) -> Self {
        Self {
            version,
            known,
            passed: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
        }
    }

    /// What checks records on one thread.
    pub fn checker(&self) -> Checker<'_> {
        Checker {
            checks: self,
            problems: Problems::default(),
            passed: 0,
        }
    }

    /// Makes the reading give up at the next record: whatever was to
    /// check the records is gone.
    pub fn give_up(&self) {
        self.failed.store(true, Ordering::Relaxed);
    }

    fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// Whether every one of `handed` records passed, and none failed.
    fn all_passed(self, handed: usize) -> bool {
        !self.failed() && self.passed.into_inner() == handed
    }
}

/// Checks records on one thread; counts those that pass, for `Checks`,
/// when it is dropped.
pub struct Checker<'c> {
    checks: &'c Checks<'c>,
    /// Kept empty from record to record (a new one costs a hash map's keys).
    problems: Problems,
    passed: usize,
}

impl Checker<'_> {
    /// Whether `record` has no problem (if not, the reading gives up).
    pub fn pass(&mut self, record: &RecordRef<'_>) -> bool {
        let checks = self.checks;
        validate::check_record(record, checks.version, None, checks.known, &mut self.problems);
        let passes = self.problems.is_empty();
        match passes {
            true => self.passed += 1,
            false => checks.failed.store(true, Ordering::Relaxed),
        }
        passes
    }
}

impl Drop for Checker<'_> {
    fn drop(&mut self) {
        self.checks.passed.fetch_add(self.passed, Ordering::Relaxed);
    }
}

/// The file is not one this reader takes: read it with the careful loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotFast;

/// Reads `text` (a whole file, without its byte order mark), handing each
/// record to `sink`; returns the dataset without its records. Gives up at
/// the first problem or surprise, after which whatever `sink` received
/// counts for nothing.
pub fn read<'a>(text: &'a str, sink: &mut impl Sink<'a>) -> Result<Dataset, NotFast> {
    read_hashing(text, sink, &foldhash::fast::FixedState::default())
}

/// As `read`, each record's id hashed by `hasher` to find an id given
/// twice (a test gives one that hashes every id alike).
fn read_hashing<'a>(
    text: &'a str,
    sink: &mut impl Sink<'a>,
    hasher: &(impl BuildHasher + Sync),
) -> Result<Dataset, NotFast> {
    let reading = Reading::default();
    let back_start = sink.back_start();
    match read_once(text, sink, hasher, back_start, &reading) {
        // Read in two, the records were found valid but not last: read
        // again from the start, in one part.
        Err(NotFast) if reading.again.get() => read_once(text, sink, hasher, None, &Reading::default()),
        read => read,
    }
}

/// How a reading went, beyond what it read.
#[derive(Default)]
struct Reading {
    /// Read in two, they are to be read again in one part.
    again: Cell<bool>,
    /// The dataset read, when the records were read in two.
    dataset: Cell<Option<Dataset>>,
}

/// As `read_hashing`, in one go: the records in two parts at once if
/// `back_start` says where to part them.
fn read_once<'a>(
    text: &'a str,
    sink: &mut impl Sink<'a>,
    hasher: &(impl BuildHasher + Sync),
    back_start: Option<usize>,
    reading: &Reading,
) -> Result<Dataset, NotFast> {
    let mut de = serde_json::Deserializer::from_str(text);
    // Room for all ids at once.
    let ids = records_at_most(text.len());
    let top = TopLevel {
        sink,
        ids,
        hasher,
        in_two: back_start.map(|from| (text, from)),
        reading,
    };
    match (&mut de).deserialize_map(top) {
        Ok(dataset) => de.end().map(|()| dataset).map_err(|_| NotFast),
        // Read in two to the end of the text, whose parts checked what
        // follows the records.
        Err(_) => reading.dataset.take().ok_or(NotFast),
    }
}

/// How many records a dataset's JSON text of `len` bytes holds at most:
/// records take half a kilobyte or more, so no more than `len / 512` (a
/// smaller file's lists grow as they must).
pub(crate) fn records_at_most(len: usize) -> usize {
    len / 512
}

/// The top-level object: the lists are read whole (they are small), then
/// the records one at a time, each checked against the lists.
struct TopLevel<'s, 't, S, H> {
    sink: &'s mut S,
    /// How many record ids to make room for.
    ids: usize,
    /// Hashes the ids (`Records`).
    hasher: &'s H,
    /// The whole text and where to part its records, if they are to be
    /// read in two parts at once.
    in_two: Option<(&'t str, usize)>,
    reading: &'s Reading,
}

/// Gives up: the message is never shown (the careful loader says what is wrong).
fn give_up<E: de::Error>() -> E {
    E::custom("not for the fast reader")
}

impl<'de, S: Sink<'de>, H: BuildHasher + Sync> Visitor<'de> for TopLevel<'_, 'de, S, H> {
    type Value = Dataset;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a dataset")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dataset, A::Error> {
        let mut version = None;
        let mut metadata: Option<Option<Metadata>> = None;
        let mut dashboard: Option<Option<Dashboard>> = None;
        let mut sources: Option<Vec<Source>> = None;
        let mut indicators: Option<Vec<Indicator>> = None;
        let mut entities: Option<Vec<Entity>> = None;
        let mut records = false;
        // Whether the records were read in two parts, the map's reader
        // left at their list.
        let mut list_read_in_two = false;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            // A field given twice is an error the careful loader reports.
            fn once<T, E: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
                match slot.replace(value) {
                    Some(_) => Err(give_up()),
                    None => Ok(()),
                }
            }
            match &*key {
                "schema_version" => once(&mut version, map.next_value::<u32>()?)?,
                "dataset" => once(&mut metadata, map.next_value()?)?,
                "dashboard" => once(&mut dashboard, map.next_value()?)?,
                "sources" => once(&mut sources, map.next_value()?)?,
                "indicators" => once(&mut indicators, map.next_value()?)?,
                "entities" => once(&mut entities, map.next_value()?)?,
                "records" if !records => {
                    records = true;
                    // Records are checked against the lists as they come:
                    // the lists must come first (as nkict writes them).
                    let (Some(version), Some(listed_sources), Some(listed_indicators), Some(listed_entities)) =
                        (version, sources.take(), indicators.take(), entities.take())
                    else {
                        return Err(give_up());
                    };
                    let lists = Dataset {
                        schema_version: version,
                        metadata: metadata.clone().flatten(),
                        dashboard: dashboard.clone().flatten(),
                        sources: listed_sources,
                        indicators: listed_indicators,
                        entities: listed_entities,
                        records: Vec::new(),
                    };
                    let known = checked_lists(&lists).ok_or_else(give_up)?;
                    let checks = Checks::new(version, &known);
                    let hasher = self.hasher;
                    let parts = (self.in_two)
                        .and_then(|(text, from)| Some((text, from, in_two::list_start(text, key.borrowed()?)?)));
                    let (mut hashes, all_passed) = match parts {
                        None => {
                            let mut hashes = Vec::with_capacity(self.ids);
                            let handed = self.sink.records(&lists, &checks, |each| {
                                map.next_value_seed(Records {
                                    hashes: &mut hashes,
                                    hasher,
                                    checks: &checks,
                                    each,
                                })
                            })?;
                            (hashes, checks.all_passed(handed))
                        }
                        // The parts read the list; the map's reader, left
                        // before it, is given up once the lists are kept.
                        Some((text, from, first)) => {
                            list_read_in_two = true;
                            let again = &self.reading.again;
                            read_in_two_parts(self.sink, &lists, checks, (text, first, from), hasher, again)
                        }
                    };
                    // Each id once. The ids' hashes are listed, then sorted
                    // once: a million inserts into a hash set cost twice as
                    // much, each a miss in the cache. Two ids with one hash
                    // are taken for one id, given up on, and told apart by
                    // the careful loader: a chance of 1 in 37 million for a
                    // million ids (n² / 2⁶⁵), where listing each id beside
                    // its hash took three times the memory (24 MB for a
                    // million, 4,000 more page faults) and the sorting moved
                    // three times as much.
                    hashes.sort_unstable();
                    if !all_passed || hashes.windows(2).any(|pair| pair[0] == pair[1]) {
                        return Err(give_up());
                    }
                    drop(known);
                    sources = Some(lists.sources);
                    indicators = Some(lists.indicators);
                    entities = Some(lists.entities);
                    // Read in two, the records were the dataset's last.
                    if list_read_in_two {
                        break;
                    }
                }
                "records" => return Err(give_up()),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let (Some(schema_version), true) = (version, records) else {
            return Err(give_up());
        };
        let dataset = Dataset {
            schema_version,
            metadata: metadata.flatten(),
            dashboard: dashboard.flatten(),
            sources: sources.ok_or_else(give_up)?,
            indicators: indicators.ok_or_else(give_up)?,
            entities: entities.ok_or_else(give_up)?,
            records: Vec::new(),
        };
        // The sections that may come after the records, checked once all is read.
        let mut problems = Problems::default();
        if let Some(dashboard) = &dataset.dashboard {
            let known = checked_lists(&dataset).ok_or_else(give_up)?;
            validate::check_dashboard(dashboard, &known, &Default::default(), &mut problems);
        }
        if let Some(metadata) = &dataset.metadata {
            validate::check_metadata(metadata, None, &mut problems);
        }
        if !problems.is_empty() {
            return Err(give_up());
        }
        if list_read_in_two {
            // The map's reader is left at the list (it would look for the
            // map's end there): the dataset is handed over beside it.
            self.reading.dataset.set(Some(dataset));
            return Err(give_up());
        }
        Ok(dataset)
    }
}

/// The records read in two parts at once by `sink`, the list starting at
/// `first` in `text` and the back part at `from`: their ids' hashes, and
/// whether every record passed `checks` (the front's; the back's are made
/// beside them). Sets `again` if the records, valid so far, are not the
/// dataset's last: to be read again in one part.
fn read_in_two_parts<'a>(
    sink: &mut impl Sink<'a>,
    lists: &Dataset,
    checks: Checks<'_>,
    (text, first, from): (&'a str, usize, usize),
    hasher: &(impl BuildHasher + Sync),
    again: &Cell<bool>,
) -> (Vec<u64>, bool) {
    let back_checks = Checks::new(checks.version, checks.known);
    let read = sink.records_in_two(lists, [&checks, &back_checks], |front, back| {
        let read = in_two::read(text, first, from, hasher, [&checks, &back_checks], front, back);
        let back_follows = matches!(read, Ok(InTwo::Met { .. }));
        (read, back_follows)
    });
    match read {
        Ok(InTwo::Met { front, back }) => {
            let (front_count, back_count) = (front.len(), back.len());
            let mut hashes = front;
            hashes.extend(back);
            (
                hashes,
                checks.all_passed(front_count) && back_checks.all_passed(back_count),
            )
        }
        // What the back read counts for nothing.
        Ok(InTwo::Alone(front)) => {
            let count = front.len();
            (front, checks.all_passed(count))
        }
        Err(Stopped::NotLast) => {
            again.set(!checks.failed() && !back_checks.failed());
            (Vec::new(), false)
        }
        Err(Stopped::GivenUp) => (Vec::new(), false),
    }
}

/// The ids of the lists, when the lists (and the schema version) have no
/// problem.
fn checked_lists(lists: &Dataset) -> Option<Known<'_>> {
    let mut problems = Problems::default();
    // The fast reader notes no places, and reads only items that parse.
    static NO_PLACES: Positions = Positions::NONE;
    static NONE_UNREAD: Unread = Unread::NONE;
    let ids = ListIds::check(lists, &NO_PLACES, &NONE_UNREAD, &mut problems);
    validate::check_list_items(lists, &NO_PLACES, &mut problems);
    let whole = Whole {
        sources: true,
        indicators: true,
        entities: true,
    };
    problems.is_empty().then(|| ids.known(whole))
}

/// The `records` array, each record's id checked and the record handed to
/// `each`; gives how many there are.
struct Records<'c, 'e, 'de, H> {
    /// Where the hashes of the records' ids go.
    hashes: &'c mut Vec<u64>,
    hasher: &'c H,
    /// The sink's checks: the reading stops at the first record failing them.
    checks: &'c Checks<'c>,
    each: &'e mut dyn FnMut(usize, RecordRef<'de>),
}

impl<'de, H: BuildHasher> DeserializeSeed<'de> for Records<'_, '_, 'de, H> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, H: BuildHasher> Visitor<'de> for Records<'_, '_, 'de, H> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut index = 0;
        while let Some(record) = seq.next_element::<RecordRef<'de>>()? {
            if self.checks.failed() {
                return Err(give_up());
            }
            let id = safe_id(&record).ok_or_else(give_up)?;
            self.hashes.push(self.hasher.hash_one(id));
            (self.each)(index, record);
            index += 1;
        }
        Ok(index)
    }
}

/// A record's id, if the fast reader takes it: borrowed from the text (an
/// id with escapes is valid only if it unescapes to a safe id, which is
/// rare enough to leave to the careful loader), and safe.
fn safe_id<'a>(record: &RecordRef<'a>) -> Option<&'a str> {
    record.id.borrowed().filter(|id| is_safe_id(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::EMBEDDED;

    /// A sink that passes the first `checked` records through the checks
    /// and ignores the others; keeps the ids of the records handed over.
    struct Checking {
        checked: usize,
        ids: Vec<String>,
    }

    impl Checking {
        /// Passing every record through the checks.
        fn all() -> Self {
            Self::first(usize::MAX)
        }

        fn first(checked: usize) -> Self {
            Self {
                checked,
                ids: Vec::new(),
            }
        }
    }

    impl<'a> Sink<'a> for Checking {
        fn records<R>(
            &mut self,
            _lists: &Dataset,
            checks: &Checks<'_>,
            read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
        ) -> R {
            let mut checker = checks.checker();
            read(&mut |_, record| {
                if self.ids.len() < self.checked {
                    assert!(checker.pass(&record), "a record fails its checks");
                }
                let Text(id) = &record.id;
                self.ids.push(id.to_string());
            })
        }
    }

    #[test]
    fn a_file_is_taken_only_if_the_sink_passed_every_record_through_the_checks() {
        let mut all = Checking::all();
        assert!(read(EMBEDDED, &mut all).is_ok());
        let records = all.ids.len();
        assert!(records > 500, "{records} records");
        for checked in [0, 1, records - 1] {
            let mut some = Checking::first(checked);
            assert_eq!(read(EMBEDDED, &mut some).err(), Some(NotFast), "{checked} checked");
            assert_eq!(some.ids.len(), records, "{checked} checked");
        }
    }

    /// Hashes every id alike: each two ids collide.
    struct AllAlike;

    impl BuildHasher for AllAlike {
        type Hasher = Alike;
        fn build_hasher(&self) -> Alike {
            Alike
        }
    }

    struct Alike;

    impl std::hash::Hasher for Alike {
        fn finish(&self) -> u64 {
            7
        }
        fn write(&mut self, _: &[u8]) {}
    }

    const SMALL: &str = include_str!("../../tests/fixtures/small.json");

    fn carefully(text: &str) -> Result<Dataset, crate::data::LoadError> {
        crate::data::parse(text.as_bytes(), std::path::Path::new("small.json"))
    }

    #[test]
    fn distinct_ids_with_one_hash_are_left_to_the_careful_loader() {
        let careful: Vec<String> = carefully(SMALL)
            .unwrap()
            .records
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        assert_eq!(careful.len(), 36);
        // Hashed apart, the fast reader hands over the records the careful
        // loader reads, in its order.
        let mut fast = Checking::all();
        assert!(read(SMALL, &mut fast).is_ok());
        assert_eq!(fast.ids, careful);
        // Hashed alike, two ids may be one: the fast reader gives up, and
        // the reading goes to the careful loader, which tells them apart.
        let mut alike = Checking::all();
        assert_eq!(read_hashing(SMALL, &mut alike, &AllAlike).err(), Some(NotFast));
    }

    #[test]
    fn an_id_given_twice_is_left_to_the_careful_loader_which_says_where() {
        // The second record (from line 139) takes the first's id (from 127).
        let twice = SMALL.replacen(r#""id": "first-exchange""#, r#""id": "institute-founded""#, 1);
        assert_ne!(twice, SMALL);
        assert_eq!(read(&twice, &mut Checking::all()).err(), Some(NotFast));
        assert_eq!(
            read_hashing(&twice, &mut Checking::all(), &AllAlike).err(),
            Some(NotFast)
        );
        let error = carefully(&twice).unwrap_err().to_string();
        assert!(
            error.contains("small.json:139:5: record `institute-founded`: field `id`"),
            "{error}"
        );
        assert!(error.contains("duplicate record id (first at line 127)"), "{error}");
    }

    #[test]
    fn a_blank_author_is_left_to_the_careful_loader_wherever_the_dataset_section_is() {
        let blank = SMALL.replacen(r#""authors": ["nkict tests"]"#, r#""authors": ["nkict tests", " "]"#, 1);
        assert_ne!(blank, SMALL);
        // The `dataset` section moved after the records, read once they are.
        let start = blank.find("  \"dataset\": {").unwrap();
        let block = &blank[start..blank.find("  \"dashboard\"").unwrap()];
        let last = format!("\n  ],\n{}\n}}", block.trim_end_matches(",\n"));
        let moved = blank.replacen(block, "", 1).replacen("\n  ]\n}", &last, 1);
        for text in [&blank, &moved] {
            assert_eq!(read(text, &mut Checking::all()).err(), Some(NotFast));
            let error = carefully(text).unwrap_err().to_string();
            assert!(
                error.contains(": dataset: field `authors[1]`: the name is empty"),
                "{error}"
            );
        }
    }

    /// A sink that has the records read in two parts from `from`, if
    /// given; notes which of its methods were called, and keeps the ids of
    /// the records it holds (the back part's after the front's, if they
    /// follow), each passed through the checks.
    struct Parted {
        from: Option<usize>,
        calls: Vec<&'static str>,
        ids: Vec<String>,
    }

    impl Parted {
        fn from(from: Option<usize>) -> Self {
            Self {
                from,
                calls: Vec::new(),
                ids: Vec::new(),
            }
        }
    }

    /// Keeps the id of `record` in `ids` if it passes `checker`.
    fn keep(record: &RecordRef<'_>, index: usize, checker: &mut Checker<'_>, ids: &mut Vec<String>) {
        assert_eq!(index, ids.len(), "numbered in order from 0");
        if checker.pass(record) {
            ids.push(record.id.to_string());
        }
    }

    impl<'a> Sink<'a> for Parted {
        fn records<R>(
            &mut self,
            _lists: &Dataset,
            checks: &Checks<'_>,
            read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
        ) -> R {
            self.calls.push("in one");
            self.ids.clear();
            let mut checker = checks.checker();
            read(&mut |index, record| keep(&record, index, &mut checker, &mut self.ids))
        }

        fn back_start(&self) -> Option<usize> {
            self.from
        }

        fn records_in_two<R>(
            &mut self,
            _lists: &Dataset,
            [front_checks, back_checks]: [&Checks<'_>; 2],
            read: impl FnOnce(
                &mut dyn FnMut(usize, RecordRef<'a>),
                &mut (dyn FnMut(usize, RecordRef<'a>) + Send),
            ) -> (R, bool),
        ) -> R {
            self.calls.push("in two");
            let (mut front, mut back) = (Vec::new(), Vec::new());
            let (mut front_checker, mut back_checker) = (front_checks.checker(), back_checks.checker());
            let (result, back_follows) = read(
                &mut |index, record| keep(&record, index, &mut front_checker, &mut front),
                &mut |index, record| keep(&record, index, &mut back_checker, &mut back),
            );
            if back_follows {
                self.calls.push("met");
                front.extend(back);
            }
            self.ids = front;
            result
        }
    }

    /// Where the record with the id `id` starts in `text`.
    fn start_of(text: &str, id: &str) -> usize {
        let id_at = text.find(&format!("\"id\": \"{id}\"")).unwrap();
        text[..id_at].rfind('{').unwrap()
    }

    /// The ids of the records of `text`, as the careful loader reads them.
    fn careful_ids(text: &str) -> Vec<String> {
        let dataset = carefully(text).unwrap();
        dataset.records.iter().map(|r| r.id.to_string()).collect()
    }

    #[test]
    fn records_read_in_two_follow_on_where_a_record_of_the_front_starts_at_the_backs_start() {
        let ids = careful_ids(SMALL);
        assert_eq!(ids.len(), 36);
        let from = start_of(SMALL, &ids[20]);
        // At a record's start, its `{` or the blanks before it; at the
        // first record, the back reads them all.
        for from in [from, from - 1, start_of(SMALL, &ids[0])] {
            let mut parted = Parted::from(Some(from));
            assert!(read(SMALL, &mut parted).is_ok(), "{from}");
            assert_eq!(
                (parted.calls, parted.ids),
                (vec!["in two", "met"], ids.clone()),
                "{from}"
            );
        }
        // Elsewhere (in the record, in the lists, past the end), the front
        // reads every record.
        for from in [from + 1, from + 9, 100, SMALL.len(), usize::MAX] {
            let mut alone = Parted::from(Some(from));
            assert!(read(SMALL, &mut alone).is_ok(), "{from}");
            assert_eq!((alone.calls, alone.ids), (vec!["in two"], ids.clone()), "{from}");
        }
    }

    #[test]
    fn records_not_last_in_the_dataset_are_read_again_in_one_part() {
        // The dashboard's settings moved after the records.
        let start = SMALL.find("  \"dashboard\": {").unwrap();
        let block = &SMALL[start..SMALL.find("  \"sources\"").unwrap()];
        let last = format!("\n  ],\n{}\n}}", block.trim_end_matches(",\n"));
        let moved = SMALL.replacen(block, "", 1).replacen("\n  ]\n}", &last, 1);
        let ids = careful_ids(&moved);
        let mut parted = Parted::from(Some(start_of(&moved, &ids[20])));
        assert!(read(&moved, &mut parted).is_ok());
        assert_eq!(parted.calls, ["in two", "in one"]);
        assert_eq!(parted.ids, ids);
        // No records: none to part.
        let list = SMALL.find("\"records\": [").unwrap() + 12;
        let none = format!("{}]\n}}\n", &SMALL[..list]);
        for from in [list, none.len() / 2, none.len()] {
            let mut parted = Parted::from(Some(from));
            assert!(read(&none, &mut parted).is_ok(), "{from}");
            assert_eq!(
                (parted.calls, parted.ids),
                (vec!["in two"], Vec::<String>::new()),
                "{from}"
            );
        }
    }

    #[test]
    fn a_problem_in_the_back_part_is_left_to_the_careful_loader() {
        let ids = careful_ids(SMALL);
        let from = start_of(SMALL, &ids[20]);
        let last = start_of(SMALL, &ids[35]);
        // In the last record, long past the back's start.
        let in_last = |from: &str, to: &str| {
            let at = last + SMALL[last..].find(from).unwrap();
            format!("{}{}{}", &SMALL[..at], to, &SMALL[at + from.len()..])
        };
        let unknown_source = in_last("\"source\": \"", "\"source\": \"nowhere-");
        let id_twice = in_last(&format!("\"{}\"", ids[35]), &format!("\"{}\"", ids[0]));
        let trailing_comma = SMALL.replacen("\n    }\n  ]\n}", "\n    },\n  ]\n}", 1);
        let trailing_text = format!("{SMALL} x");
        for (what, bad) in [
            ("unknown source", &unknown_source),
            ("id twice", &id_twice),
            ("trailing comma", &trailing_comma),
            ("trailing text", &trailing_text),
        ] {
            assert_ne!(bad, SMALL, "{what}");
            assert!(carefully(bad).is_err(), "{what}");
            assert_eq!(read(bad, &mut Parted::from(None)).err(), Some(NotFast), "{what}");
            let mut parted = Parted::from(Some(from));
            assert_eq!(read(bad, &mut parted).err(), Some(NotFast), "{what}");
        }
        // An escaped id is valid, but left to the careful loader.
        let escaped = in_last(&format!("\"{}\"", ids[35]), "\"lines\\u002dper-100-southland-1999\"");
        assert_eq!(careful_ids(&escaped), ids);
        assert_eq!(read(&escaped, &mut Parted::from(Some(from))).err(), Some(NotFast));
    }

    proptest::proptest! {
        /// Whatever is changed in a valid file, and wherever the back part
        /// starts, reading in two takes the file only as reading in one
        /// takes it, with the same records, and reads in two only from a
        /// record's start.
        #[test]
        fn reading_in_two_takes_what_reading_in_one_takes(
            edits in proptest::collection::vec((0.0..1.0f64, proptest::sample::select(b"{}[],:\" \\x0-".to_vec())), 0..3),
            start in 0.0..1.0f64,
            at_a_record in proptest::bool::ANY,
            id_twice in proptest::option::of(0..35usize),
        ) {
            // The last record's id made that of record `id_twice`.
            let ids = careful_ids(SMALL);
            let text = match id_twice {
                Some(k) => {
                    let last = SMALL.rfind(&format!("\"{}\"", ids[35])).unwrap();
                    format!("{}\"{}\"{}", &SMALL[..last], ids[k], &SMALL[last + ids[35].len() + 2..])
                }
                None => SMALL.to_owned(),
            };
            let mut bytes = text.into_bytes();
            for (at, byte) in edits {
                let at = (at * bytes.len() as f64) as usize;
                bytes[at] = byte;
            }
            // Only texts (an edit in a Korean name may cut a character).
            let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
            let mut from = (start * text.len() as f64) as usize;
            // Half the time at the next record's start, where they may meet.
            if at_a_record && let Some(next) = text.get(from..).and_then(|rest| rest.find("{\n      \"id\"")) {
                from += next;
            }
            let mut one = Parted::from(None);
            let read_one = read(text, &mut one);
            let mut two = Parted::from(Some(from));
            let read_two = read(text, &mut two);
            proptest::prop_assert_eq!(read_one.is_ok(), read_two.is_ok());
            if read_one.is_ok() {
                proptest::prop_assert_eq!(&two.ids, &one.ids);
            }
            if two.calls.contains(&"met") {
                let record_at = text[from..].trim_start().starts_with('{');
                proptest::prop_assert!(record_at, "met at {}", from);
            }
        }
    }
}
