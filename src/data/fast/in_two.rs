//! Reading a large file's records in two parts at once, on two cores.
//!
//! The fast reader (`fast`) reads the records in order from the start. A
//! second thread starts at a guess of where a record starts past the
//! middle of the text (`back_start`: a `{` after a `}` and a comma) and
//! reads on, record by record, to the end of the list. The guess may be
//! wrong (those characters may be inside a text), and the reading from the
//! start settles it, by where the second thread's first record has its
//! id. A JSON text read from the opening quote of a string on is read
//! alike whatever was read before it, so if the reading from the start
//! comes to a record whose id is at that very place, both read the same
//! records from there on: it stops after that record, and the second
//! thread's records after its first follow it. If it comes past that place
//! without such a record, the guess was wrong: the second thread stops,
//! what it read counts for nothing, and the reading from the start goes on
//! to the end alone.

use std::hash::BuildHasher;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{Checks, RecordRef, records_at_most, safe_id};

/// How far past the middle of the text a record's start is looked for.
const LOOK_FOR: usize = 1 << 20;

/// Where a second thread may start reading records in `text`: the `{`
/// after the first comma past its middle that has a `}` before it and a
/// `{` after it (blanks between, as between two records of a list);
/// `None` if there is none within a megabyte. Only a guess (`Meeting`).
pub(super) fn back_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let middle = bytes.len() / 2;
    let window = &bytes[middle..bytes.len().min(middle + LOOK_FOR)];
    memchr::memchr_iter(b',', window)
        .map(|comma| middle + comma)
        .find(|&comma| {
            let before = bytes[..comma].iter().rev().find(|&&b| !is_blank(b));
            before == Some(&b'}') && bytes.get(skip_blanks(bytes, comma + 1)) == Some(&b'{')
        })
        .map(|comma| skip_blanks(bytes, comma + 1))
}

/// JSON's whitespace.
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first place from `at` on that is not blank (the end if none is).
fn skip_blanks(bytes: &[u8], at: usize) -> usize {
    (at..bytes.len()).find(|&i| !is_blank(bytes[i])).unwrap_or(bytes.len())
}

/// Where the readings from the start (the front) and from the guess (the
/// back) meet, if they do.
pub(super) struct Meeting {
    /// The address of the text's first byte, to tell where an id is.
    text: usize,
    /// Where the back starts reading.
    from: usize,
    /// Where the back's first record has its id: `UNKNOWN` until the back
    /// has read it, `FAILED` if it could not.
    first_id: AtomicUsize,
    /// Set when the front passed the back's first record without meeting
    /// it, or stopped: the back stops.
    abandoned: AtomicBool,
    /// How many records the front read, once it met the back (the record
    /// both read is the front's last).
    front_count: OnceLock<usize>,
}

const UNKNOWN: usize = usize::MAX;
const FAILED: usize = usize::MAX - 1;

/// What the front makes of a record it read (`Meeting::at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meets {
    /// Not as far as the back's start yet.
    NotYet,
    /// The record is the back's first: the front stops after it.
    Here,
    /// The front is past the back's start without meeting it: it reads on
    /// alone.
    Never,
}

impl Meeting {
    /// For a back reading `text` from `from`.
    pub(super) fn new(text: &str, from: usize) -> Self {
        Self {
            text: text.as_ptr() as usize,
            from,
            first_id: AtomicUsize::new(UNKNOWN),
            abandoned: AtomicBool::new(false),
            front_count: OnceLock::new(),
        }
    }

    /// What the front makes of the record it read with the id `id`
    /// (borrowed from the text); waits, if it must, for the back's first
    /// record. Once it says `Never`, it is not to be asked again.
    pub(super) fn at(&self, id: &str) -> Meets {
        let at = id.as_ptr() as usize - self.text;
        if at < self.from {
            return Meets::NotYet;
        }
        let first = loop {
            match self.first_id.load(Ordering::Acquire) {
                // The back read its first record at once, long before the
                // front gets here (unless the machine starved it).
                UNKNOWN => std::thread::yield_now(),
                first => break first,
            }
        };
        if first == at {
            Meets::Here
        } else {
            self.abandon();
            Meets::Never
        }
    }

    /// Notes that the front met the back, having read `count` records.
    pub(super) fn met_after(&self, count: usize) {
        let _ = self.front_count.set(count);
    }

    /// How many records the front read, if it met the back.
    pub(super) fn front_count(&self) -> Option<usize> {
        self.front_count.get().copied()
    }

    /// Stops the back at its next record.
    pub(super) fn abandon(&self) {
        self.abandoned.store(true, Ordering::Relaxed);
    }

    fn abandoned(&self) -> bool {
        self.abandoned.load(Ordering::Relaxed)
    }

    /// The back's first record has its id at `at` (`FAILED`: it has none).
    fn first_id_at(&self, at: usize) {
        self.first_id.store(at, Ordering::Release);
    }
}

/// The records the back read and handed over, after its first.
#[derive(Debug)]
pub(super) struct Back {
    /// Their ids' hashes, in order.
    pub(super) hashes: Vec<u64>,
}

/// Why the back stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stopped {
    /// A problem, or a surprise the fast reader gives up on (if the front
    /// meets it, the file is one the careful loader is for).
    GivenUp,
    /// Something follows the list of records other than the end of the
    /// dataset: a valid file, but one to read from the start alone.
    NotLast,
}

/// Runs `front` on this thread while another reads the back of `text`
/// (`read_back`), handing its records to `back`; returns what `front`
/// returned, and what the back read (if its thread could start). The
/// back is stopped once `front` returns without meeting it.
pub(super) fn beside<'a, T>(
    text: &'a str,
    meeting: &Meeting,
    hasher: &(impl BuildHasher + Sync),
    checks: &Checks<'_>,
    back: &mut (dyn FnMut(usize, RecordRef<'a>) + Send),
    front: impl FnOnce() -> T,
) -> (T, Option<Result<Back, Stopped>>) {
    std::thread::scope(|scope| {
        let reading = std::thread::Builder::new()
            .name("reading".into())
            .spawn_scoped(scope, || read_back(text, meeting, hasher, checks, back));
        if reading.is_err() {
            meeting.first_id_at(FAILED);
        }
        let front = front();
        if meeting.front_count().is_none() {
            meeting.abandon();
        }
        // A back that panicked (in the sink) read nothing that counts.
        let back = reading.ok().and_then(|thread| thread.join().ok());
        (front, back)
    })
}

/// Reads the records of `text` from the meeting's start to the end of
/// their list, checking what follows it is the end of the dataset; hands
/// each but the first to `each`, numbered from 0, until the front gives
/// it up or `checks` fail.
fn read_back<'a>(
    text: &'a str,
    meeting: &Meeting,
    hasher: &impl BuildHasher,
    checks: &Checks<'_>,
    each: &mut dyn FnMut(usize, RecordRef<'a>),
) -> Result<Back, Stopped> {
    let first = next_record(text, meeting.from).and_then(|(record, end)| Some((safe_id(&record)?, end)));
    let Some((first_id, mut at)) = first else {
        meeting.first_id_at(FAILED);
        return Err(Stopped::GivenUp);
    };
    meeting.first_id_at(first_id.as_ptr() as usize - text.as_ptr() as usize);
    // (Nothing before this point hands a record over, nor panics: the
    // front, which may be waiting for it, is told where it is or FAILED.)
    let mut hashes = Vec::with_capacity(records_at_most(text.len() - meeting.from));
    loop {
        at = match after_record(text.as_bytes(), at)? {
            After::Next(next) => next,
            After::End => return Ok(Back { hashes }),
        };
        if meeting.abandoned() || checks.failed() {
            return Err(Stopped::GivenUp);
        }
        let (record, end) = next_record(text, at).ok_or(Stopped::GivenUp)?;
        let id = safe_id(&record).ok_or(Stopped::GivenUp)?;
        hashes.push(hasher.hash_one(id));
        each(hashes.len() - 1, record);
        at = end;
    }
}

/// The record that starts at `at` (blanks before it), and where it ends.
fn next_record(text: &str, at: usize) -> Option<(RecordRef<'_>, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<RecordRef<'_>>();
    let record = stream.next()?.ok()?;
    Some((record, at + stream.byte_offset()))
}

/// What comes after a record of the list.
enum After {
    /// Another record, from here.
    Next(usize),
    /// The end of the list, and of the dataset.
    End,
}

/// What follows the record that ends at `at`: a comma and the next one,
/// or the end of the list and then of the dataset's object and the text.
fn after_record(bytes: &[u8], at: usize) -> Result<After, Stopped> {
    let at = skip_blanks(bytes, at);
    match bytes.get(at) {
        Some(b',') => Ok(After::Next(skip_blanks(bytes, at + 1))),
        Some(b']') => {
            let close = skip_blanks(bytes, at + 1);
            match bytes.get(close) == Some(&b'}') && skip_blanks(bytes, close + 1) == bytes.len() {
                true => Ok(After::End),
                false => Err(Stopped::NotLast),
            }
        }
        _ => Err(Stopped::GivenUp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_back_starts_at_the_record_after_the_first_comma_between_records_past_the_middle() {
        // The middle (at 38 of 77 bytes) is at the `{` of "c": the comma
        // before it is not past the middle; the one after "c" is.
        let text = r#"{"records": [{"id": "a"}, {"id": "b"},{"id": "c"} ,
            {"id": "d"}]}"#;
        assert!(text[text.len() / 2..].starts_with(r#"{"id": "c"#));
        assert_eq!(back_start(text), text.find(r#"{"id": "d"#));
        let text = r#"{"records": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]}"#;
        assert_eq!(back_start(text), text.find(r#"{"id": "c"#));
        // A `}` and a comma without a `{` after them, or a `{` after a
        // comma alone, is no record's start.
        assert_eq!(
            back_start(r#"{"a": [[1], [2], {"b": 1}, 3,], "c": {}, "d": [7, {"e": 0}]}"#),
            None
        );
        assert_eq!(back_start(""), None);
    }

    /// A meeting over `text`, the back's start at `from`, its first
    /// record's id at `first` (`None`: it could not read one).
    fn meeting(text: &str, from: usize, first: Option<usize>) -> Meeting {
        let meeting = Meeting::new(text, from);
        meeting.first_id_at(first.unwrap_or(FAILED));
        meeting
    }

    #[test]
    fn the_front_meets_the_back_only_at_the_record_whose_id_is_the_backs_first() {
        let text = r#"[{"id": "a"}, {"id": "b"}, {"id": "c"}]"#;
        let id = |name: &str| &text[text.find(&format!("\"{name}\"")).unwrap() + 1..][..1];
        let at = |name: &str| text.find(&format!("\"{name}\"")).unwrap() + 1;
        let from = text.find(r#"{"id": "b"#).unwrap();
        let met = meeting(text, from, Some(at("b")));
        assert_eq!(met.at(id("a")), Meets::NotYet);
        assert_eq!(met.at(id("b")), Meets::Here);
        assert!(!met.abandoned());
        // The back's first record is not one the front reads: it passes
        // the back's start without meeting it, and the back stops.
        for first in [Some(at("c")), Some(at("b") + 1), None] {
            let passed = meeting(text, from, first);
            assert_eq!(passed.at(id("a")), Meets::NotYet);
            assert_eq!(passed.at(id("b")), Meets::Never, "{first:?}");
            assert!(passed.abandoned());
        }
    }

    #[test]
    fn after_a_record_comes_the_next_or_the_end_of_the_dataset() {
        let after = |text: &str| match after_record(text.as_bytes(), 0) {
            Ok(After::Next(at)) => Ok(Some(at)),
            Ok(After::End) => Ok(None),
            Err(stopped) => Err(stopped),
        };
        assert_eq!(after(" ,\n  {"), Ok(Some(5)));
        assert_eq!(after("]}"), Ok(None));
        assert_eq!(after("\n  ]\n}\n"), Ok(None));
        assert_eq!(after("] , \"dashboard\": {}}"), Err(Stopped::NotLast));
        assert_eq!(after("]}}"), Err(Stopped::NotLast));
        assert_eq!(after("]"), Err(Stopped::NotLast));
        assert_eq!(after(" x"), Err(Stopped::GivenUp));
        assert_eq!(after(""), Err(Stopped::GivenUp));
    }
}
