//! Reading a large file's records in two parts at once, on two cores.
//!
//! Both parts are read record by record, each record by a JSON reader of
//! its own that says where it ends, so that the front part (from the
//! start of the list) knows where each of its records starts. The back
//! part starts on another thread at a guess of where a record starts past
//! the middle of the text (`back_start`: a `{` after a `}` and a comma).
//! The guess may be wrong (those characters may be inside a text), and
//! the front settles it: if one of its records starts at that very place,
//! both read the same records from there on (a JSON reader at the start of
//! a value reads it alike whatever came before), so the front stops there
//! and the back's records follow its own. If the front comes past that
//! place without a record starting there, the back stops, what it read
//! counts for nothing, and the front reads on to the end alone.
//!
//! Neither part reads through the top-level object's reader: the list is
//! left to them whole, and that reader is given up at its start (cheaply:
//! its error's place is counted from the text's start, which is near).

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Checks, RecordRef, records_at_most, safe_id};

/// How far past the middle of the text a record's start is looked for.
const LOOK_FOR: usize = 1 << 20;

/// Where a second thread may start reading records in `text`: the `{`
/// after the first comma past its middle that has a `}` before it and a
/// `{` after it (blanks between, as between two records of a list);
/// `None` if there is none within a megabyte, or if the text does not end
/// as a dataset whose records come last does (`]`, then `}`). Only a
/// guess, for `Sink::back_start`.
pub fn back_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut last = bytes.iter().rev().filter(|&&b| !is_blank(b));
    if (last.next(), last.next()) != (Some(&b'}'), Some(&b']')) {
        return None;
    }
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

/// Where the list of records starts in `text` (just after its `[`), its
/// key `key` as read from the text itself; `None` if the key is not the
/// text's own (it had escapes) or no list follows it.
pub(super) fn list_start(text: &str, key: &str) -> Option<usize> {
    let key_at = (key.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let bytes = text.as_bytes();
    let after = key_at.checked_add(key.len())?;
    (bytes.get(after) == Some(&b'"')).then_some(())?;
    let colon = skip_blanks(bytes, after + 1);
    (bytes.get(colon) == Some(&b':')).then_some(())?;
    let open = skip_blanks(bytes, colon + 1);
    (bytes.get(open) == Some(&b'[')).then_some(open + 1)
}

/// JSON's whitespace.
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first place from `at` on that is not blank (the end if none is).
fn skip_blanks(bytes: &[u8], at: usize) -> usize {
    (at..bytes.len()).find(|&i| !is_blank(bytes[i])).unwrap_or(bytes.len())
}

/// What reading in two gave: the hashes of the records' ids, in order.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum InTwo {
    /// The front came to a record that starts where the back started, and
    /// the back read from there to the end: its records follow the front's.
    Met { front: Vec<u64>, back: Vec<u64> },
    /// The front read every record itself.
    Alone(Vec<u64>),
}

/// Why a part stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stopped {
    /// A problem, or a surprise the fast reader gives up on.
    GivenUp,
    /// Something follows the list of records other than the end of the
    /// dataset: to read from the start in one part.
    NotLast,
}

/// Reads the records of `text`, whose list starts at `first` (just after
/// its `[`), in two parts at once: the front from `first` on this thread,
/// handing its records to `front`, the back from `from` on another,
/// handing its records to `back` (each numbered from 0, passed through
/// `checks`' first and second). Reads in one part, on this thread, if the
/// other cannot start.
pub(super) fn read<'a>(
    text: &'a str,
    first: usize,
    from: usize,
    hasher: &(impl BuildHasher + Sync),
    [front_checks, back_checks]: [&Checks<'_>; 2],
    front: &mut dyn FnMut(usize, RecordRef<'a>),
    back: &mut (dyn FnMut(usize, RecordRef<'a>) + Send),
) -> Result<InTwo, Stopped> {
    // A record's start, as the front tells them: after the blanks.
    let from = skip_blanks(text.as_bytes(), from);
    let stop_back = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reading = std::thread::Builder::new()
            .name("reading".into())
            .spawn_scoped(scope, || {
                read_part(text, from, None, Some(&stop_back), back_checks, hasher, back)
            });
        // However the front ends (a panic too), the back stops, unless
        // the parts met.
        let stopping = StopsOnDrop(&stop_back);
        let meet = reading.is_ok().then_some((from, &stop_back));
        let front_read = read_part(text, first, meet, None, front_checks, hasher, front);
        if !matches!(front_read, Ok((_, Ended::AtBack))) {
            drop(stopping);
        }
        // A panic in the sink on the back's thread is the sink's to raise.
        let back_read = reading
            .ok()
            .map(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        match (front_read?, back_read) {
            ((front, Ended::AtBack), Some(back_read)) => back_read.map(|(back, _)| InTwo::Met { front, back }),
            ((front, _), _) => Ok(InTwo::Alone(front)),
        }
    })
}

/// Sets its flag as it drops.
struct StopsOnDrop<'s>(&'s AtomicBool);

impl Drop for StopsOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Where a part's reading ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// At the start of the back's first record.
    AtBack,
    /// At the end of the list, and of the dataset.
    AtEnd,
}

/// Reads records from `at` (a record's start, or the list's end, blanks
/// before it) to the end of the list, checking that the dataset ends
/// there; hands each to `each`, numbered from 0, and gives their ids'
/// hashes. With `meet`, stops where a record starts at its place, or
/// once past it sets its flag (the back stops) and reads on. Gives up
/// once `stop` is set, or `checks` fail.
fn read_part<'a>(
    text: &'a str,
    mut at: usize,
    mut meet: Option<(usize, &AtomicBool)>,
    stop: Option<&AtomicBool>,
    checks: &Checks<'_>,
    hasher: &impl BuildHasher,
    each: &mut dyn FnMut(usize, RecordRef<'a>),
) -> Result<(Vec<u64>, Ended), Stopped> {
    let bytes = text.as_bytes();
    let mut hashes = Vec::with_capacity(records_at_most(text.len().saturating_sub(at)));
    at = skip_blanks(bytes, at);
    if bytes.get(at) == Some(&b']') {
        return dataset_ends(bytes, at).map(|()| (hashes, Ended::AtEnd));
    }
    loop {
        if let Some((place, passed)) = meet
            && at >= place
        {
            if at == place {
                return Ok((hashes, Ended::AtBack));
            }
            passed.store(true, Ordering::Relaxed);
            meet = None;
        }
        if stop.is_some_and(|stop| stop.load(Ordering::Relaxed)) || checks.failed() {
            return Err(Stopped::GivenUp);
        }
        let (record, end) = next_record(text, at).ok_or(Stopped::GivenUp)?;
        let id = safe_id(&record).ok_or(Stopped::GivenUp)?;
        hashes.push(hasher.hash_one(id));
        each(hashes.len() - 1, record);
        at = skip_blanks(bytes, end);
        match bytes.get(at) {
            Some(b',') => at = skip_blanks(bytes, at + 1),
            Some(b']') => return dataset_ends(bytes, at).map(|()| (hashes, Ended::AtEnd)),
            _ => return Err(Stopped::GivenUp),
        }
    }
}

/// The record that starts at `at`, and where it ends.
fn next_record(text: &str, at: usize) -> Option<(RecordRef<'_>, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<RecordRef<'_>>();
    let record = stream.next()?.ok()?;
    Some((record, at + stream.byte_offset()))
}

/// Whether the list that ends at `close` (its `]`) is followed by the
/// end of the dataset's object and of the text.
fn dataset_ends(bytes: &[u8], close: usize) -> Result<(), Stopped> {
    let end = skip_blanks(bytes, close + 1);
    match bytes.get(end) == Some(&b'}') && skip_blanks(bytes, end + 1) == bytes.len() {
        true => Ok(()),
        false => Err(Stopped::NotLast),
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
            back_start(r#"{"a": [[1], [2], {"b": 1}, 3,], "c": [7, {"e": 0}]}"#),
            None
        );
        assert_eq!(back_start(""), None);
        // Records that are not the dataset's last are read in one part.
        let not_last = r#"{"records": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}], "x": {}}"#;
        assert_eq!(back_start(not_last), None);
    }

    #[test]
    fn the_list_starts_after_the_bracket_after_its_key_as_the_text_has_it() {
        let text = "{\"schema_version\": 2, \"records\" :\n [ {}]}";
        let key = &text[text.find("records").unwrap()..][..7];
        assert_eq!(list_start(text, key), Some(text.find('[').unwrap() + 1));
        // Not the text's own (unescaped elsewhere), or no list after it.
        assert_eq!(list_start(text, "records"), None);
        let not_a_list = "{\"records\": {}}";
        assert_eq!(list_start(not_a_list, &not_a_list[2..9]), None);
        assert_eq!(list_start(text, &text[1..8]), None, "a key's start, not its end");
    }

    #[test]
    fn after_a_list_of_records_comes_the_end_of_the_dataset_or_they_are_not_last() {
        let ends = |text: &str| dataset_ends(text.as_bytes(), 0);
        assert_eq!(ends("]}"), Ok(()));
        assert_eq!(ends("]\n}\n"), Ok(()));
        assert_eq!(ends("] , \"dashboard\": {}}"), Err(Stopped::NotLast));
        assert_eq!(ends("]}}"), Err(Stopped::NotLast));
        assert_eq!(ends("]} x"), Err(Stopped::NotLast));
        assert_eq!(ends("]"), Err(Stopped::NotLast));
    }
}
