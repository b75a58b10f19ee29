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

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::error::Problems;
use super::positions::Positions;
use super::schema::{Dashboard, Dataset, Entity, Indicator, Metadata, RecordOf, Source};
use super::text::{Text, is_safe_id};
use super::validate::{self, Known, ListIds, Whole};

/// A record as this reader hands it over: its text borrowed from the file.
pub type RecordRef<'a> = RecordOf<Text<'a>>;

/// What receives a file's records.
pub trait Sink<'a> {
    /// Called once, with the dataset's lists (its records left empty),
    /// checked: calls `read` with what to do with each record, which `read`
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

impl Checks<'_> {
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

/// Reads `json` (a whole file's bytes, without its byte order mark),
/// handing each record to `sink`; returns the dataset without its records.
/// Gives up at the first problem or surprise, after which whatever `sink`
/// received counts for nothing.
///
/// The bytes are not checked as UTF-8 first, in a pass of their own over
/// the whole file: the records are checked a stretch at a time just ahead
/// of their reading (`Checked`), which then finds them in the cache, and
/// serde_json checks the strings of the rest (the lists, a small part of
/// a file). A file that is not UTF-8 is given up on, and the careful
/// loader says where it goes wrong.
pub fn read<'a>(json: &'a [u8], sink: &mut impl Sink<'a>) -> Result<Dataset, NotFast> {
    let mut top = TopLevel { json, at: 0 };
    // Room for all ids at once.
    let dataset = top.dataset(sink, records_at_most(json.len()))?;
    top.skip_space();
    match top.at == json.len() {
        true => Ok(dataset),
        false => Err(NotFast),
    }
}

/// How many records a dataset's JSON text of `len` bytes holds at most:
/// records take half a kilobyte or more, so no more than `len / 512` (a
/// smaller file's lists grow as they must).
pub(crate) fn records_at_most(len: usize) -> usize {
    len / 512
}

/// The top-level object, read from byte `at` of the file on: its
/// punctuation here (JSON's is ASCII: a byte that is not is no JSON), each
/// value by serde_json, the records one at a time.
struct TopLevel<'a> {
    json: &'a [u8],
    at: usize,
}

impl<'a> TopLevel<'a> {
    /// The lists are read whole (they are small), then the records one at a
    /// time, each checked against the lists.
    fn dataset<'s, S: Sink<'a>>(&mut self, sink: &'s mut S, ids: usize) -> Result<Dataset, NotFast> {
        let mut version = None;
        let mut metadata: Option<Option<Metadata>> = None;
        let mut dashboard: Option<Option<Dashboard>> = None;
        let mut sources: Option<Vec<Source>> = None;
        let mut indicators: Option<Vec<Indicator>> = None;
        let mut entities: Option<Vec<Entity>> = None;
        let mut records = false;
        // A field given twice is an error the careful loader reports.
        fn once<T>(slot: &mut Option<T>, value: T) -> Result<(), NotFast> {
            match slot.replace(value) {
                Some(_) => Err(NotFast),
                None => Ok(()),
            }
        }
        self.expect(b'{')?;
        let mut more = self.peek() != Some(b'}');
        while more {
            let key: String = self.value()?;
            self.expect(b':')?;
            match key.as_str() {
                "schema_version" => once(&mut version, self.value::<u32>()?)?,
                "dataset" => once(&mut metadata, self.value()?)?,
                "dashboard" => once(&mut dashboard, self.value()?)?,
                "sources" => once(&mut sources, self.value()?)?,
                "indicators" => once(&mut indicators, self.value()?)?,
                "entities" => once(&mut entities, self.value()?)?,
                "records" if !records => {
                    records = true;
                    // Records are checked against the lists as they come:
                    // the lists must come first (as nkict writes them).
                    let (Some(version), Some(listed_sources), Some(listed_indicators), Some(listed_entities)) =
                        (version, sources.take(), indicators.take(), entities.take())
                    else {
                        return Err(NotFast);
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
                    let known = checked_lists(&lists).ok_or(NotFast)?;
                    let checks = Checks {
                        version,
                        known: &known,
                        passed: AtomicUsize::new(0),
                        failed: AtomicBool::new(false),
                    };
                    let handed = sink.records(&lists, &checks, |each| self.records(ids, &checks, each))?;
                    if checks.failed() || checks.passed.into_inner() != handed {
                        return Err(NotFast);
                    }
                    drop(known);
                    sources = Some(lists.sources);
                    indicators = Some(lists.indicators);
                    entities = Some(lists.entities);
                }
                "records" => return Err(NotFast),
                // A field nkict does not read (an export's citation): JSON.
                _ => _ = self.value::<IgnoredAny>()?,
            }
            more = self.peek() == Some(b',');
            if more {
                self.at += 1;
            }
        }
        self.expect(b'}')?;
        let (Some(schema_version), true) = (version, records) else {
            return Err(NotFast);
        };
        let dataset = Dataset {
            schema_version,
            metadata: metadata.flatten(),
            dashboard: dashboard.flatten(),
            sources: sources.ok_or(NotFast)?,
            indicators: indicators.ok_or(NotFast)?,
            entities: entities.ok_or(NotFast)?,
            records: Vec::new(),
        };
        if let Some(dashboard) = &dataset.dashboard {
            let mut problems = Problems::default();
            let known = checked_lists(&dataset).ok_or(NotFast)?;
            validate::check_dashboard(dashboard, &known, &Default::default(), &mut problems);
            if !problems.is_empty() {
                return Err(NotFast);
            }
        }
        Ok(dataset)
    }

    /// The `records` array, each record's id checked and the record handed
    /// to `each`; gives how many there are. `ids`: how many ids to make
    /// room for; the reading stops at the first record failing `checks`.
    fn records(
        &mut self,
        ids: usize,
        checks: &Checks<'_>,
        each: &mut dyn FnMut(usize, RecordRef<'a>),
    ) -> Result<usize, NotFast> {
        // Each id once. The ids (borrowed from the file) and their hashes
        // are listed, then sorted once: a million inserts into a hash set
        // cost twice as much, each a miss in the cache.
        let hasher = foldhash::fast::FixedState::default();
        let mut listed: Vec<(u64, &'a str)> = Vec::with_capacity(ids);
        let mut checked = Checked::default();
        self.expect(b'[')?;
        let mut more = self.peek() != Some(b']');
        while more {
            if checks.failed() {
                return Err(NotFast);
            }
            checked.record(self.json, &mut self.at, |record| {
                let Text(std::borrow::Cow::Borrowed(id)) = record.id else {
                    // An id with escapes: valid only if it unescapes to a safe
                    // id, which is rare enough to leave to the careful loader.
                    return Err(NotFast);
                };
                if !is_safe_id(id) {
                    return Err(NotFast);
                }
                listed.push((hasher.hash_one(id), id));
                each(listed.len() - 1, record);
                Ok(())
            })?;
            more = self.peek() == Some(b',');
            if more {
                self.at += 1;
            }
        }
        self.expect(b']')?;
        listed.sort_unstable();
        if listed.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(NotFast);
        }
        Ok(listed.len())
    }

    /// The next value, read by serde_json from the file's bytes. Its bytes
    /// are checked as UTF-8 here: serde_json checks the strings it reads,
    /// but not those it passes over (`IgnoredAny`), and the lists are a
    /// small part of a file.
    fn value<T: Deserialize<'a>>(&mut self) -> Result<T, NotFast> {
        let start = self.at;
        let mut values = serde_json::Deserializer::from_slice(&self.json[start..]).into_iter::<T>();
        let value = values.next().ok_or(NotFast)?.map_err(|_| NotFast)?;
        self.at += values.byte_offset();
        match simdutf8::basic::from_utf8(&self.json[start..self.at]) {
            Ok(_) => Ok(value),
            Err(_) => Err(NotFast),
        }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.json.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte but JSON's white space.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.json.get(self.at).copied()
    }

    /// Reads `byte`, which must come next but JSON's white space.
    fn expect(&mut self, byte: u8) -> Result<(), NotFast> {
        match self.peek() == Some(byte) {
            true => {
                self.at += 1;
                Ok(())
            }
            false => Err(NotFast),
        }
    }
}

/// How much of the file is checked as UTF-8 at a time, at least: far more
/// than a record (half a kilobyte to a few), so that a record cut at its
/// end, read again once the next stretch is checked, is rare; and little
/// enough to stay in the cache until the records in it are read.
const STRETCH: usize = 256 << 10;

/// The part of the file checked as UTF-8 so far, from the start of the
/// record it was checked for: checked a stretch at a time as the records
/// are read, while their bytes are in the cache for their reading (a check
/// of the whole file first was a pass of its own over it, read from the
/// memory, a twelfth of a large file's reading).
#[derive(Default)]
struct Checked<'a> {
    text: &'a str,
    /// Where `text` starts in the file.
    start: usize,
}

impl<'a> Checked<'a> {
    /// Hands the record at byte `at` of `json` to `take` (not returned: a
    /// record is large, and each move of it a copy); moves `at` past it.
    /// Checks the stretch of the file that follows as it must.
    fn record(
        &mut self,
        json: &'a [u8],
        at: &mut usize,
        take: impl FnOnce(RecordRef<'a>) -> Result<(), NotFast>,
    ) -> Result<(), NotFast> {
        loop {
            let end = self.start + self.text.len();
            let cut = end < json.len();
            match (*at).checked_sub(self.start).and_then(|from| self.text.get(from..)) {
                Some(rest) => {
                    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<RecordRef<'a>>();
                    match values.next() {
                        Some(Ok(record)) => {
                            *at += values.byte_offset();
                            return take(record);
                        }
                        // Cut short by the end of the part checked (a record
                        // cut anywhere ends too soon, never reads as another):
                        // read again once more is checked.
                        Some(Err(err)) if err.is_eof() && cut => {}
                        None if cut => {}
                        _ => return Err(NotFast),
                    }
                }
                // Not at a character's start: not JSON.
                None if *at < end => return Err(NotFast),
                // Past the part checked (by white space and commas).
                None => {}
            }
            // From the record's start, twice as far as the part that cut it.
            self.check(json, *at, 2 * end.saturating_sub(*at))?;
        }
    }

    /// Checks at least `STRETCH` bytes of `json` from byte `from` on,
    /// ending at a character's start.
    fn check(&mut self, json: &'a [u8], from: usize, len: usize) -> Result<(), NotFast> {
        let mut end = json.len().min(from + len.max(STRETCH));
        // A character is 4 bytes at most: the next stretch checks one cut.
        for _ in 0..3 {
            if json.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
                end -= 1;
            }
        }
        self.text = simdutf8::basic::from_utf8(&json[from..end]).map_err(|_| NotFast)?;
        self.start = from;
        Ok(())
    }
}

/// The ids of the lists, when the lists (and the schema version) have no
/// problem.
fn checked_lists(lists: &Dataset) -> Option<Known<'_>> {
    let mut problems = Problems::default();
    let positions = Positions::default();
    let ids = ListIds::check(lists, &positions, &mut problems);
    validate::check_list_items(lists, &positions, &mut problems);
    let whole = Whole {
        sources: true,
        indicators: true,
        entities: true,
    };
    problems.is_empty().then(|| ids.known(whole))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::EMBEDDED;

    /// A sink that passes the first `checked` records through the checks,
    /// copying them, and ignores the others; counts the records handed over.
    struct Checking {
        checked: usize,
        seen: usize,
        copied: Vec<crate::data::Record>,
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
                if self.seen < self.checked {
                    assert!(checker.pass(&record), "a record fails its checks");
                    self.copied.push(record.map_text(Text::copied));
                }
                self.seen += 1;
            })
        }
    }

    #[test]
    fn a_file_is_taken_only_if_the_sink_passed_every_record_through_the_checks() {
        let mut all = Checking {
            checked: usize::MAX,
            seen: 0,
            copied: Vec::new(),
        };
        assert!(read(EMBEDDED.as_bytes(), &mut all).is_ok());
        let records = all.seen;
        assert!(records > 500, "{records} records");
        for checked in [0, 1, records - 1] {
            let mut some = Checking {
                checked,
                seen: 0,
                copied: Vec::new(),
            };
            assert_eq!(
                read(EMBEDDED.as_bytes(), &mut some).err(),
                Some(NotFast),
                "{checked} checked"
            );
            assert_eq!(some.seen, records, "{checked} checked");
        }
    }

    /// The records the fast reader takes from `json`, if it takes it.
    fn fast_records(json: &[u8]) -> Option<Vec<crate::data::Record>> {
        let mut all = Checking {
            checked: usize::MAX,
            seen: 0,
            copied: Vec::new(),
        };
        read(json, &mut all).ok().map(|_| all.copied)
    }

    /// The fixture's text with `from` (found once) replaced by `to`.
    fn fixture_with(from: &str, to: &[u8]) -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json");
        let text = std::fs::read_to_string(path).unwrap();
        let at = text.find(from).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from}");
        [&text.as_bytes()[..at], to, &text.as_bytes()[at + from.len()..]].concat()
    }

    #[test]
    fn records_cut_where_a_stretch_of_the_check_ends_read_as_the_careful_loader_reads_them() {
        let careful = |json: &[u8]| {
            crate::data::parse(json, std::path::Path::new("t.json"))
                .unwrap()
                .records
        };
        // The bundled dataset: more than two stretches, records cut at each end.
        let bundled = EMBEDDED.as_bytes();
        assert!(bundled.len() > 2 * STRETCH);
        assert_eq!(fast_records(bundled), Some(careful(bundled)));
        // A quote longer than two stretches, of three-byte characters,
        // shifted so that a stretch's end falls on each byte of one.
        let long = "고".repeat(2 * STRETCH / 3 + 100);
        for shift in ["", "a", "ab"] {
            let quote = format!(r#""quote": "{shift}{long}""#);
            let json = fixture_with(
                r#""quote": "1972: first automatic exchange, Testville.""#,
                quote.as_bytes(),
            );
            let records = fast_records(&json).unwrap_or_else(|| panic!("{shift:?}: not taken"));
            assert_eq!(records, careful(&json), "{shift:?}");
            assert!(records.iter().any(|record| record.quote.ends_with("고고")));
        }
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_given_up_on_wherever_it_is() {
        // Each place, as valid UTF-8 (é) and with a byte that is not.
        let places = [
            // A record's text.
            (
                r#""Sample Computing Institute founded""#,
                r#""Sample Comp{}ting Institute founded""#,
            ),
            // A list's text.
            (
                r#""Telecoms in Northland: A Review""#,
                r#""Telecoms in N{}rthland: A Review""#,
            ),
            // A field of the file nkict does not read, and its name.
            (r#""schema_version": 2,"#, r#""schema_version": 2, "note": "{}","#),
            (r#""schema_version": 2,"#, r#""schema_version": 2, "n{}te": 1,"#),
        ];
        for (from, to) in places {
            let [before, after] = to.split("{}").collect::<Vec<_>>()[..] else {
                panic!("{to}");
            };
            let valid = fixture_with(from, format!("{before}é{after}").as_bytes());
            assert!(fast_records(&valid).is_some(), "{to}: valid, not taken");
            let bad = fixture_with(from, &[before.as_bytes(), b"\xFF", after.as_bytes()].concat());
            assert_eq!(fast_records(&bad), None, "{to}");
        }
        // Late in a file, beyond the first stretch checked.
        let title = EMBEDDED.rfind(r#""title": ""#).unwrap() + r#""title": ""#.len();
        assert!(title > 2 * STRETCH);
        let mut late = EMBEDDED.as_bytes().to_vec();
        late[title] = 0xFF;
        assert_eq!(fast_records(&late), None);
    }
}
