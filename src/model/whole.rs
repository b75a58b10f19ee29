//! Opening a dataset file whole, for the dashboard, which holds every
//! record for the session.
//!
//! The records' texts are copied out of the file's bytes: a file changed or
//! cut short by another program under a long session must not change what
//! the dashboard shows, nor stop it (a mapped file cut short does, with
//! SIGBUS), as borrowing from the file's bytes would let it. They are
//! copied into one arena, not a block each (a dozen a record), and what
//! the model works out of each record (`Columns`) is worked out as it is
//! read. The dashboard filters for itself: nothing is tested or tallied
//! as the records are read, as `sift` does for a command.
//!
//! A large file's records are read in two parts at once, on two cores
//! (`data::fast::in_two`): its first screen is what the user waits for. The
//! search index is then built from the records after that screen. A
//! smaller file's are read in one part, another thread folding the undated
//! records' searched texts (and gathering their words) on a core the
//! reading leaves idle, so that the first search keys find the index ready.

use std::cell::Cell;
use std::path::Path;

use bumpalo::Bump;

use super::search::Folding;
use super::sift::{Progress, SiftError};
use super::{Filter, Kept, KeptRecord, Model, searched_texts};
use crate::data::Dataset;
use crate::data::fast::{self, Checker, Checks, RecordRef, Sink};
use crate::data::load::text_of;

/// From how many bytes a file's records are read in two parts at once:
/// where reading them in one would take the first screen past 3 s on the
/// project's machine in its slow spells (800 MB took 3.6-4.7 s in one
/// part, 2.7-2.8 s in two, on 1 December 2026: docs/performance.md).
/// Reading in two takes the second core from the folding of the search
/// index's texts, which then comes after the first screen: a search typed
/// in the first seconds after it reads the texts (about 0.15 s a key at a
/// million records, against 0.03 s). Below, the first screen is short
/// either way, and the index gathered as the file is read answers the
/// first keys at once.
const IN_TWO_FROM: usize = 512 << 20;

/// The model of every record of `bytes` (the file `path`, named in
/// errors), and `filter` with its names resolved to ids (`Opened`); `progress` notes
/// how far the reading is. Problems in the data come first, as for every
/// command: the filter's names are resolved only in a valid dataset.
pub fn open(bytes: &[u8], path: &Path, filter: &Filter, progress: &Progress) -> Result<Opened, SiftError> {
    let in_two = bytes.len() >= IN_TWO_FROM && crate::threads::cores() >= 2;
    open_parted(bytes, path, filter, progress, |text| {
        in_two.then(|| fast::back_start(text)).flatten()
    })
}

/// What `open` opened.
pub struct Opened {
    pub model: Model,
    pub filter: Filter,
    /// Whether the records were read in two parts at once.
    pub in_two: bool,
}

/// As `open`, the records read in two parts at once if `back_start`
/// gives a place in the text to part them (and a record starts there),
/// else in one.
fn open_parted(
    bytes: &[u8],
    path: &Path,
    filter: &Filter,
    progress: &Progress,
    back_start: impl FnOnce(&str) -> Option<usize>,
) -> Result<Opened, SiftError> {
    progress.set(0, bytes.len());
    let text = text_of(bytes, path)?;
    let back_start = back_start(text);
    let mut whole = Whole {
        text,
        progress,
        kept: None,
        back_start,
        read_in_two: false,
        folding: match back_start {
            Some(_) => None,
            None => Folding::start(fast::records_at_most(text.len())),
        },
    };
    let read = fast::read(text, &mut whole);
    // Handed the last records; folding on until the search index wants
    // what it folded, or dropped with it if the file is read again.
    let folded = whole.folding.map(Folding::finish);
    let in_two = read.is_ok() && whole.read_in_two;
    let model = match (read, whole.kept) {
        (Ok(lists), Some(kept)) => match folded {
            Some(folded) => kept.into_model(lists).undated_folded_by(folded),
            None => kept.into_model(lists),
        },
        // A file the fast reader does not take: the careful loader reports
        // its problems, or loads it. Whatever was kept or folded counts
        // for nothing, but a file given up on midway leaves the texts
        // already copied in the leaked arenas: memory about the size of the
        // part read, held for the session. (So does a back part whose
        // records did not follow the front's, or were read again.)
        _ => Model::new(crate::data::parse(bytes, path)?),
    };
    progress.set(text.len(), text.len());
    let filter = model.resolve_filter(filter)?;
    Ok(Opened { model, filter, in_two })
}

/// The fast reader's sink: every record, copied, with its columns.
struct Whole<'t> {
    /// The file's text, to say how far into it a record is.
    text: &'t str,
    progress: &'t Progress,
    /// What the copying kept, once the records are read.
    kept: Option<Kept>,
    /// Where the records are to be parted to be read in two at once, if
    /// they are (`fast::back_start`).
    back_start: Option<usize>,
    /// Whether they were: the back part's records followed the front's.
    read_in_two: bool,
    /// Folds the undated records' searched texts as they are kept, on
    /// another thread, on a core the reading leaves idle (records read in
    /// one part): the search index takes what it folded by then
    /// (`Model::text_index`).
    folding: Option<Folding>,
}

/// An arena of `room` bytes for texts, never freed: the dashboard holds
/// the records until the process ends (and frees nothing then). Leaked
/// even when the fast reader gives up midway (the texts copied so far
/// stay, unused). The texts copied are no longer than the text they are
/// read from: a block of that size holds them all.
fn lasting_arena(room: usize) -> &'static Bump {
    Box::leak(Box::new(Bump::with_capacity(room)))
}

thread_local! {
    /// The arena of a thread that reads a back part (`lasting_arena`),
    /// made on that thread: a `Bump` may not be used by two.
    static BACK_ARENA: Cell<Option<&'static Bump>> = const { Cell::new(None) };
}

/// This thread's arena for a back part's texts, of `room` bytes: made
/// on the back's thread (a new one for each reading), where its first
/// record is kept.
fn back_arena(room: usize) -> &'static Bump {
    BACK_ARENA.with(|arena| {
        arena.get().unwrap_or_else(|| {
            let made = lasting_arena(room);
            arena.set(Some(made));
            made
        })
    })
}

/// What keeps the records of one part of a file, each checked and copied.
struct Part<'c> {
    kept: Kept,
    checker: Checker<'c>,
}

impl<'c> Part<'c> {
    /// With room for `room` records.
    fn new(lists: &Dataset, room: usize, checks: &'c Checks<'c>) -> Self {
        Self {
            kept: Kept::new(lists, room),
            checker: checks.checker(),
        }
    }

    /// Keeps `record` of the dataset with `lists`, its texts copied into
    /// `arena`, if it passes the checks (else the reading gives up).
    fn take(&mut self, record: RecordRef<'_>, lists: &Dataset, arena: &'static Bump) -> Option<KeptRecord<'_>> {
        let passes = self.checker.pass(&record);
        passes.then(|| self.kept.push(record.map_text(|text| text.copied_into(arena)), lists))
    }

    /// What it kept, its checker dropped: the checks count what it passed.
    fn into_kept(self) -> Kept {
        self.kept
    }
}

impl<'a> Sink<'a> for Whole<'_> {
    fn records<R>(
        &mut self,
        lists: &Dataset,
        checks: &Checks<'_>,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R {
        let (text, progress) = (self.text, self.progress);
        // From the start (again, after a reading in two).
        progress.set(0, text.len());
        let arena = lasting_arena(text.len());
        let mut part = Part::new(lists, fast::records_at_most(text.len()), checks);
        let folding = &mut self.folding;
        let result = read(&mut |index, record| {
            progress.note_record(index, &record, text);
            // Undated as `Columns::into_model` tells them: last in
            // chronological order, in file order.
            if let Some(kept) = part.take(record, lists, arena)
                && let Some(folding) = folding
                && folding.takes_more()
                && kept.time.span().is_none()
            {
                folding.push(searched_texts(kept.record).map(|text| text.to_cow()));
            }
        });
        self.kept = Some(part.into_kept());
        self.read_in_two = false;
        result
    }

    fn back_start(&self) -> Option<usize> {
        self.back_start
    }

    fn records_in_two<R>(
        &mut self,
        lists: &Dataset,
        [front_checks, back_checks]: [&Checks<'_>; 2],
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>), &mut (dyn FnMut(usize, RecordRef<'a>) + Send)) -> (R, bool),
    ) -> R {
        let (text, progress) = (self.text, self.progress);
        // The front part holds every record if the back's start was not
        // a record's.
        let room = fast::records_at_most(text.len());
        let arena = lasting_arena(text.len());
        let mut front = Part::new(lists, room, front_checks);
        let mut back = Part::new(lists, room / 2, back_checks);
        let (result, back_follows) = read(
            &mut |index, record| {
                progress.note_record(index, &record, text);
                front.take(record, lists, arena);
            },
            &mut |index, record| {
                progress.note_record_beside(index, &record, text);
                back.take(record, lists, back_arena(text.len() / 2));
            },
        );
        let mut kept = front.into_kept();
        let back = back.into_kept();
        if back_follows {
            kept.append(back);
        }
        self.kept = Some(kept);
        self.read_in_two = back_follows;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Record;
    use crate::data::text::StaticText;
    use crate::model::search::{Folded, Handover};
    use crate::model::searched_fields;
    use crate::model::sift::{Keep, sift};

    fn fixture() -> (&'static Path, Vec<u8>) {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.json"));
        (path, std::fs::read(path).unwrap())
    }

    fn opened(bytes: &[u8], filter: &Filter) -> Result<(Model, Filter), SiftError> {
        let opened = open(bytes, Path::new("opened.json"), filter, &Progress::default())?;
        Ok((opened.model, opened.filter))
    }

    /// Every text of `record` that is not empty.
    fn texts(record: &Record) -> Vec<&StaticText> {
        let required = [
            &record.id,
            &record.title,
            &record.summary,
            &record.source,
            &record.locator,
            &record.quote,
        ];
        let optional = [&record.date_text, &record.indicator, &record.amount_text, &record.note];
        (required.into_iter())
            .chain(optional.into_iter().flatten())
            .chain(&record.entities)
            .chain(&record.tags)
            .filter(|text| !text.is_empty())
            .collect()
    }

    #[test]
    fn every_record_is_held_in_file_order_as_the_commands_read_it_its_text_copied() {
        let (path, bytes) = fixture();
        let (model, filter) = opened(&bytes, &Filter::default()).unwrap();
        assert_eq!(filter, Filter::default());
        let records = &model.dataset().records;
        // As jq counts them, first and last.
        assert_eq!(records.len(), 36);
        assert_eq!(records[0].id, "institute-founded");
        assert_eq!(records[35].id, "lines-per-100-southland-1999");
        let sifted = sift(&bytes, path, &Filter::default(), Keep::All).unwrap();
        assert_eq!(model.dataset(), sifted.model.dataset());
        for (ix, record) in records.iter().enumerate() {
            assert_eq!(model.time(ix), sifted.model.time(ix), "{}", record.id);
        }
        let file = bytes.as_ptr_range();
        for text in records.iter().flat_map(texts) {
            assert!(!file.contains(&text.as_ptr()), "borrowed from the file: {text}");
        }
    }

    /// The fast reader grows a record's lists item by item; the dashboard
    /// holds them with no room to spare (`RecordOf::map_text`), even where
    /// a list was made in place from texts of another size.
    #[test]
    fn a_records_entities_and_tags_are_held_with_no_spare_room() {
        let (_, bytes) = fixture();
        let (model, _) = opened(&bytes, &Filter::default()).unwrap();
        let records = &model.dataset().records;
        assert!(records.iter().any(|r| !r.entities.is_empty() && !r.tags.is_empty()));
        for record in records {
            assert_eq!(record.entities.capacity(), record.entities.len(), "{}", record.id);
            assert_eq!(record.tags.capacity(), record.tags.len(), "{}", record.id);
        }
    }

    #[test]
    fn the_undated_records_texts_are_folded_as_they_are_read_in_chronological_order() {
        let (_, bytes) = fixture();
        let text = std::str::from_utf8(&bytes).unwrap();
        let progress = Progress::default();
        let mut whole = Whole {
            text,
            progress: &progress,
            kept: None,
            back_start: None,
            read_in_two: false,
            folding: Folding::spawn(),
        };
        let lists = fast::read(text, &mut whole).unwrap();
        let model = whole.kept.unwrap().into_model(lists);
        // Every record handed over (the search index, later, stops the
        // folding, keeping what is folded by then).
        let folded = whole.folding.unwrap().wait();
        // The undated records, by their ids' order in the file.
        let undated: Vec<&str> = (model.dataset().records.iter().enumerate())
            .filter(|&(ix, _)| model.span(ix).is_none())
            .map(|(_, record)| record.id.as_str())
            .collect();
        assert!(undated.len() >= 2 && undated.len() < model.len(), "{undated:?}");
        assert_eq!(folded.len(), undated.len());
        let order = &model.chronological[model.dated..];
        assert_eq!(
            order.iter().map(|&ix| model.record(ix).id.as_str()).collect::<Vec<_>>(),
            undated
        );
        for (k, &ix) in order.iter().enumerate() {
            let record = model.record(ix);
            let mut expected = String::new();
            for field in [&record.title, &record.summary, &record.quote]
                .into_iter()
                .chain(&record.tags)
            {
                expected.push_str(&crate::model::search::fold(field));
                expected.push('\0');
            }
            assert_eq!(folded.record(k), expected, "{}", record.id);
        }
    }

    /// The fixture with `count` records of its own instead, record `i`
    /// with id `r{i}`, `fibre` in its summary when `i % 3 == 0` (else
    /// `copper`), dated only when `i % 5 == 0`.
    fn many_records(count: usize) -> String {
        let (_, bytes) = fixture();
        let text = String::from_utf8(bytes).unwrap();
        let records: Vec<String> = (0..count)
            .map(|i| {
                let summary = if i % 3 == 0 { "Fibre laid" } else { "copper" };
                let date = match i % 5 {
                    0 => format!(r#""date": "{}-01-01", "#, 1950 + i % 50),
                    _ => r#""as_of": "unknown", "#.to_owned(),
                };
                format!(
                    r#"{{"id": "r{i}", "kind": "fact", "category": "organizations", "title": "Record {i}",
                    "summary": "{summary}", {date}"entities": [], "source": "alpha-review", "locator": "L", "quote": "Q"}}"#
                )
            })
            .collect();
        let list = &text[text.find("\"records\"").unwrap()..text.rfind(']').unwrap() + 1];
        text.replace(list, &format!("\"records\": [{}]", records.join(",\n")))
    }

    #[test]
    fn a_search_reads_the_undated_texts_folded_as_read_where_they_fill_chunks() {
        const CHUNK: usize = 1 << 16;
        // A fifth dated, first in chronological order: the undated
        // records fill the search index's second chunk and its third,
        // the last, cut short.
        let count = 5 * CHUNK / 2;
        let dated = count / 5;
        let (model, _) = opened(many_records(count).as_bytes(), &Filter::default()).unwrap();
        assert_eq!((model.len(), model.dated), (count, dated));
        // As a folding thread that kept up would hand them over: every
        // undated record, in file order.
        let mut undated = Folded::default();
        for record in &model.dataset().records {
            if record.id[1..].parse::<usize>().unwrap() % 5 != 0 {
                undated.push(searched_fields(record));
            }
        }
        let shared = undated.text_at();
        let model = model.undated_folded_by(Handover::of(undated));
        let found = |search: &str| -> Vec<usize> {
            let filter = Filter {
                search: search.into(),
                ..Filter::default()
            };
            let mut ids: Vec<usize> = (model.filter(&filter).into_iter())
                .map(|ix| model.record(ix).id[1..].parse().unwrap())
                .collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(found("fiber"), (0..count).step_by(3).collect::<Vec<_>>());
        assert!(model.undated_folding.lock().unwrap().is_none(), "taken by the search");
        let index = model.text.get().expect("built by the search");
        assert_eq!(
            index.parts_of(shared),
            [None, Some(CHUNK - dated), Some(2 * CHUNK - dated)]
        );
        assert_eq!(found("copper"), (0..count).filter(|i| i % 3 != 0).collect::<Vec<_>>());
        // Undated record `k` (4 in 5) is `r{5 * (k / 4) + k % 4 + 1}`, at
        // `dated + k`: the last of the first chunk, the first and last of
        // the second, the first and last of the third; and a dated one.
        for id in [40959, 40961, 81919, 81921, 163839, 65610] {
            assert_eq!(found(&format!("\"record {id}\"")), [id]);
        }
        let fibre_from_5 = (0..count).filter(|i| i % 3 == 0 && i.to_string().starts_with('5'));
        assert_eq!(found("record 5 fibre"), fibre_from_5.collect::<Vec<_>>());
    }

    #[test]
    fn its_filter_finds_what_a_commands_finds_its_names_resolved() {
        let (path, bytes) = fixture();
        let by_name = Filter {
            sources: vec!["Telecoms in Northland: A Review".into()],
            ..Filter::default()
        };
        let (model, filter) = opened(&bytes, &by_name).unwrap();
        let by_id = Filter {
            sources: vec!["alpha-review".into()],
            ..Filter::default()
        };
        assert_eq!(filter, by_id);
        let ids = |model: &Model, filter: &Filter| -> Vec<String> {
            let view = model.filter(filter);
            view.into_iter().map(|ix| model.record(ix).id.to_string()).collect()
        };
        let mut alpha = ids(&model, &filter);
        alpha.sort();
        // The records jq finds with that source.
        let mut expected = "institute-founded computing-courses cable-agreement backbone-plan intranet-policy \
            lines-per-100-1999 intranet-opens cable-length-2005 staff-2005 subscribers-2010 staff-about-500 \
            tesuville-zone no-direct-links subscribers-2011-vague lines-per-100-southland-1999"
            .split_whitespace()
            .collect::<Vec<_>>();
        expected.sort_unstable();
        assert_eq!(alpha, expected);
        let commands = sift(&bytes, path, &Filter::default(), Keep::All).unwrap().model;
        for filter in [
            filter,
            Filter {
                from: Some(2000),
                to: Some(2010),
                ..Filter::default()
            },
            Filter {
                search: "cable".into(),
                ..Filter::default()
            },
        ] {
            assert_eq!(ids(&model, &filter), ids(&commands, &filter), "{filter:?}");
        }
    }

    #[test]
    fn a_file_the_fast_reader_does_not_take_is_loaded_by_the_careful_one() {
        let (_, bytes) = fixture();
        // serde_json's map sorts its keys: the records come before the
        // sources, which the fast reader needs first.
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let reordered = serde_json::to_string(&value).unwrap();
        assert!(reordered.find("\"records\"") < reordered.find("\"sources\""));
        let (model, _) = opened(reordered.as_bytes(), &Filter::default()).unwrap();
        let (fast, _) = opened(&bytes, &Filter::default()).unwrap();
        assert_eq!(model.dataset().records, fast.dataset().records);
    }

    #[test]
    fn problems_in_the_data_are_located_and_come_before_a_filters_unknown_names() {
        let (_, bytes) = fixture();
        let unknown = Filter {
            sources: vec!["nowhere".into()],
            ..Filter::default()
        };
        let Err(SiftError::Name(err)) = opened(&bytes, &unknown) else {
            panic!("an unknown source is accepted");
        };
        assert!(err.to_string().contains("`nowhere`"), "{err}");
        let bad = br#"{"schema_version": 2, "sources": [], "indicators": [], "entities": [],
            "records": [{"id": "x"}]}"#;
        let Err(SiftError::Load(err)) = opened(bad, &unknown) else {
            panic!("a bad file opens");
        };
        let message = err.to_string();
        assert!(
            message.starts_with("opened.json is not a valid nkict dataset"),
            "{message}"
        );
        assert!(message.contains("opened.json:2:"), "not located: {message}");
    }

    /// The fixture with its last record's id written with an escape
    /// (`\u002d` is `-`): the fast reader takes the records before it, then
    /// gives up on that one (it leaves escaped ids to the careful loader).
    fn late_escape(bytes: &[u8]) -> String {
        let text = std::str::from_utf8(bytes).unwrap();
        let plain = r#""id": "lines-per-100-southland-1999""#;
        assert_eq!(text.matches(plain).count(), 1);
        text.replace(plain, r#""id": "lines\u002dper-100-southland-1999""#)
    }

    #[test]
    fn a_file_the_fast_reader_gives_up_on_late_is_held_whole_once_in_order() {
        let (path, bytes) = fixture();
        let escaped = late_escape(&bytes);
        // The fast reader did start: it handed over the 35 records before
        // the escaped id, then gave up.
        let progress = Progress::default();
        let mut whole = Whole {
            text: &escaped,
            progress: &progress,
            kept: None,
            back_start: None,
            read_in_two: false,
            folding: None,
        };
        assert!(fast::read(&escaped, &mut whole).is_err());
        let lists = crate::data::parse(&bytes, path).unwrap();
        assert_eq!(whole.kept.map(|kept| kept.into_model(lists).len()), Some(35));
        // Progress was noted at the first record (under `sift::NOTE_EVERY` records
        // in all): its id's place in the text; then, the careful loader
        // done, the whole text.
        let first = escaped.find(r#""institute-founded""#).unwrap() + 1;
        assert_eq!(progress.get(), (first, escaped.len()));
        open(escaped.as_bytes(), path, &Filter::default(), &progress).unwrap();
        assert_eq!(progress.get(), (escaped.len(), escaped.len()));
        let (model, _) = opened(escaped.as_bytes(), &Filter::default()).unwrap();
        // What the careful loader reads from the file as written plainly.
        let careful = crate::data::parse(&bytes, path).unwrap();
        let records = &model.dataset().records;
        assert_eq!(records.len(), 36);
        assert_eq!(records[35].id, "lines-per-100-southland-1999");
        assert_eq!(records, &careful.records);
    }

    #[test]
    fn every_bad_file_is_refused_with_the_commands_message() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<_> = std::fs::read_dir(dir.join("tests/bad"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".json"))
            .collect();
        names.sort();
        assert!(names.len() >= 40, "{} bad files", names.len());
        for name in names {
            let path = Path::new("tests/bad").join(&name);
            let bytes = std::fs::read(dir.join(&path)).unwrap();
            let Err(err) = open(&bytes, &path, &Filter::default(), &Progress::default()) else {
                panic!("{name} opens");
            };
            // What `nkict validate` printed for it, as its snapshot holds.
            let snap = format!("tests/snapshots/bad_corpus__{}.snap", name.trim_end_matches(".json"));
            let snap = std::fs::read_to_string(dir.join(snap)).unwrap();
            let (_, printed) = snap.split_once("stderr:\n").unwrap();
            let message = crate::terminal_text::escape_keeping_lines(&err.to_string()).into_owned();
            assert_eq!(format!("nkict: error: {message}\n"), printed, "{name}");
        }
    }

    /// The fixture with its records `copies` times over, the ids of each
    /// copy after the first starting `c{copy}-`.
    fn copied_records(copies: usize) -> String {
        let (_, bytes) = fixture();
        let text = String::from_utf8(bytes).unwrap();
        let (start, end) = (text.find("\"records\": [").unwrap() + 12, text.rfind("\n  ]").unwrap());
        let records = &text[start..end];
        let id = "\n      \"id\": \"";
        assert_eq!(records.matches(id).count(), 36);
        let copies: Vec<String> = (0..copies)
            .map(|copy| match copy {
                0 => records.to_owned(),
                _ => records.replace(id, &format!("{id}c{copy}-")),
            })
            .collect();
        format!("{}{}{}", &text[..start], copies.join(","), &text[end..])
    }

    /// Opens `text`, the records parted at `back_start`.
    fn opened_parted(text: &str, back_start: Option<usize>) -> Result<Opened, SiftError> {
        let path = Path::new("parted.json");
        open_parted(text.as_bytes(), path, &Filter::default(), &Progress::default(), |_| {
            back_start
        })
    }

    /// Whether `model` holds what `expected` holds: the same records, each
    /// placed alike (time, source, indicator, entities, range), in the same
    /// chronological order.
    fn assert_same_model(model: &Model, expected: &Model, context: &str) {
        assert_eq!(model.dataset(), expected.dataset(), "{context}");
        assert_eq!(model.all(), expected.all(), "{context}");
        for ix in 0..expected.len() {
            assert_eq!(model.time(ix), expected.time(ix), "{context}: {ix}");
            assert_eq!(model.source_index(ix), expected.source_index(ix), "{context}: {ix}");
            assert_eq!(
                model.indicator_index(ix),
                expected.indicator_index(ix),
                "{context}: {ix}"
            );
            assert_eq!(model.is_ranged(ix), expected.is_ranged(ix), "{context}: {ix}");
            let entities = |model: &Model| model.entities_of(ix).map(|e| e.id.clone()).collect::<Vec<_>>();
            assert_eq!(entities(model), entities(expected), "{context}: {ix}");
        }
    }

    #[test]
    fn records_read_in_two_parts_make_the_model_read_in_one_wherever_the_back_starts() {
        let text = copied_records(3);
        let one = opened_parted(&text, None).unwrap();
        assert!(!one.in_two);
        assert_eq!(one.model.len(), 108);
        let guess = fast::back_start(&text).expect("a record starts past the middle");
        assert!(
            text[guess..].starts_with("{\n      \"id\": "),
            "{}",
            &text[guess..guess + 20]
        );
        // Every place around the guess (in texts, in names, between
        // records), and places all over the text and at its ends.
        let places = (guess - 500..guess + 500)
            .chain((0..=text.len()).step_by(61))
            .chain([text.len()]);
        let mut met = Vec::new();
        for back_start in places.clone() {
            let parted = opened_parted(&text, Some(back_start)).unwrap();
            assert_same_model(&parted.model, &one.model, &format!("back from {back_start}"));
            if parted.in_two {
                met.push(back_start);
            }
        }
        // Read in two exactly where a record starts (its `{`, or the
        // blanks before it), elsewhere in one.
        let list = text.find("\"records\"").unwrap();
        let starts: Vec<usize> = (places.filter(|&at| at > list))
            .filter(|&at| {
                text.get(at..)
                    .is_some_and(|rest| rest.trim_start().starts_with("{\n      \"id\": "))
            })
            .collect();
        assert!(met.contains(&guess), "{met:?}");
        assert_eq!(met, starts);
        assert!(met.len() > 4, "{met:?}");
    }

    #[test]
    fn records_read_in_two_parts_are_numbered_in_file_order_with_their_entities() {
        // 1,440 records, entities and tags on many: the back part's
        // entities are placed after the front's.
        let text = copied_records(40);
        let guess = fast::back_start(&text).unwrap();
        let one = opened_parted(&text, None).unwrap();
        let two = opened_parted(&text, Some(guess)).unwrap();
        assert!(two.in_two);
        assert_same_model(&two.model, &one.model, "in two");
        let ids: Vec<&str> = two.model.dataset().records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids[36], "c1-institute-founded");
        assert_eq!(ids[36 * 40 - 1], "c39-lines-per-100-southland-1999");
        // A search reads the back part's records as the front's.
        let found = |model: &Model| {
            model.filter(&Filter {
                search: "fibre".into(),
                ..Filter::default()
            })
        };
        assert_eq!(found(&two.model), found(&one.model));
        assert!(found(&two.model).len() > 40);
    }

    #[test]
    fn records_followed_by_more_of_the_dataset_are_read_again_in_one_part() {
        let text = copied_records(3);
        // The dashboard's settings moved from before the lists to the end.
        let dashboard = &text[text.find("  \"dashboard\": {").unwrap()..text.find("  \"sources\"").unwrap()];
        let last = format!("\n  ],\n{}\n}}", dashboard.trim_end_matches(",\n"));
        let moved = text.replacen(dashboard, "", 1).replacen("\n  ]\n}", &last, 1);
        assert!(
            moved.ends_with("\"computers\"]\n  }\n}\n"),
            "{}",
            &moved[moved.len() - 60..]
        );
        let one = opened_parted(&moved, None).unwrap();
        // (`fast::back_start` finds no place in such a file: at a record
        // past the middle, as it would.)
        let guess = moved.len() / 2 + moved[moved.len() / 2..].find("{\n      \"id\": ").unwrap();
        let parted = opened_parted(&moved, Some(guess)).unwrap();
        assert!(!parted.in_two);
        assert_same_model(&parted.model, &one.model, "dashboard last");
        assert!(parted.model.dataset().dashboard.is_some());
        // By the fast reader, not left to the careful loader.
        let progress = Progress::default();
        let mut whole = Whole {
            text: &moved,
            progress: &progress,
            kept: None,
            back_start: Some(guess),
            read_in_two: false,
            folding: None,
        };
        let lists = fast::read(&moved, &mut whole).expect("read by the fast reader");
        assert_eq!(whole.kept.map(|kept| kept.into_model(lists).len()), Some(108));
    }

    #[test]
    fn a_problem_in_the_back_part_is_reported_as_when_read_in_one() {
        let text = copied_records(3);
        let guess = fast::back_start(&text).unwrap();
        // In the last record, long past the back's start: a source no list
        // has, and the first record's id.
        let last = text.rfind("{\n      \"id\": ").unwrap();
        assert!(last > guess + 1000);
        let in_last = |from: &str, to: &str| {
            let at = last + text[last..].find(from).unwrap();
            format!("{}{}{}", &text[..at], to, &text[at + from.len()..])
        };
        let unknown_source = in_last("\"source\": \"", "\"source\": \"nowhere-");
        let id_twice = in_last(
            "\"id\": \"c2-lines-per-100-southland-1999\"",
            "\"id\": \"institute-founded\"",
        );
        // The same, the record's date made none: both are reported.
        let date = "\"date\": \"1999\"";
        let at = id_twice.rfind(date).unwrap();
        assert!(at > last);
        let badly_dated = format!(
            "{}\"date\": \"1999-13\"{}",
            &id_twice[..at],
            &id_twice[at + date.len()..]
        );
        for bad in [&unknown_source, &id_twice, &badly_dated] {
            let one = opened_parted(bad, None).err().expect("refused").to_string();
            let two = opened_parted(bad, Some(guess)).err().expect("refused").to_string();
            assert_eq!(two, one);
            assert!(one.contains("parted.json:"), "{one}");
        }
        let report = opened_parted(&badly_dated, Some(guess)).err().unwrap().to_string();
        assert!(report.contains("(2 problems)"), "{report}");
        assert!(report.contains("duplicate record id (first at line"), "{report}");
        assert!(report.contains("`1999-13` is not a date"), "{report}");
    }
}
