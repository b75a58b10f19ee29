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

use std::path::Path;

use bumpalo::Bump;

use super::search::Folding;
use super::sift::{Progress, SiftError};
use super::{Filter, Kept, Model, searched_texts};
use crate::data::Dataset;
use crate::data::fast::{self, Checks, RecordRef, Sink};
use crate::data::load::text_of;

/// The model of every record of `bytes` (the file `path`, named in
/// errors), and `filter` with its names resolved to ids; `progress` notes
/// how far the reading is. Problems in the data come first, as for every
/// command: the filter's names are resolved only in a valid dataset.
pub fn open(bytes: &[u8], path: &Path, filter: &Filter, progress: &Progress) -> Result<(Model, Filter), SiftError> {
    progress.set(0, bytes.len());
    let text = text_of(bytes, path)?;
    let mut whole = Whole {
        text,
        progress,
        kept: None,
        folding: Folding::start(fast::records_at_most(text.len())),
    };
    let read = fast::read(text, &mut whole);
    // Handed the last records; folding on until the search index wants
    // what it folded, or dropped with it if the file is read again.
    let folded = whole.folding.map(Folding::finish);
    let model = match (read, whole.kept) {
        (Ok(lists), Some(kept)) => match folded {
            Some(folded) => kept.into_model(lists).undated_folded_by(folded),
            None => kept.into_model(lists),
        },
        // A file the fast reader does not take: the careful loader reports
        // its problems, or loads it. Whatever was kept or folded counts
        // for nothing, but a file given up on midway leaves the texts
        // already copied in the leaked arena: memory about the size of the
        // part read, held for the session.
        _ => Model::new(crate::data::parse(bytes, path)?),
    };
    progress.set(text.len(), text.len());
    let filter = model.resolve_filter(filter)?;
    Ok((model, filter))
}

/// The fast reader's sink: every record, copied, with its columns.
struct Whole<'t> {
    /// The file's text, to say how far into it a record is.
    text: &'t str,
    progress: &'t Progress,
    /// What the copying kept, once the records are read.
    kept: Option<Kept>,
    /// Folds the undated records' searched texts as they are kept, on
    /// another thread, on a core the reading leaves idle: the search
    /// index takes what it folded by then (`Model::text_index`).
    folding: Option<Folding>,
}

impl<'a> Sink<'a> for Whole<'_> {
    fn records<R>(
        &mut self,
        lists: &Dataset,
        checks: &Checks<'_>,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'a>)) -> R,
    ) -> R {
        let (text, progress) = (self.text, self.progress);
        // The texts copied are no longer than the text they are read from:
        // one block holds them all. Never freed: the dashboard holds the
        // records until the process ends (and frees nothing then). Leaked
        // even when the fast reader gives up midway (the texts copied so
        // far stay, unused).
        let arena: &Bump = Box::leak(Box::new(Bump::with_capacity(text.len())));
        let mut kept = Kept::new(lists, fast::records_at_most(text.len()));
        let mut checker = checks.checker();
        let folding = &mut self.folding;
        let result = read(&mut |index, record| {
            progress.note_record(index, &record, text);
            if checker.pass(&record) {
                let kept = kept.push(record.map_text(|text| text.copied_into(arena)), lists);
                // Undated as `Columns::into_model` tells them: last in
                // chronological order, in file order.
                if let Some(folding) = folding
                    && folding.takes_more()
                    && kept.time.span().is_none()
                {
                    folding.push(searched_texts(kept.record).map(|text| text.to_cow()));
                }
            }
        });
        self.kept = Some(kept);
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
        open(bytes, Path::new("opened.json"), filter, &Progress::default())
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
}
