//! Properties checked on generated inputs (proptest):
//! - the loader, on arbitrary bytes and on mutations of a valid file, never
//!   panics and gives a dataset or located errors that print nothing raw;
//! - every exported record satisfies the filter, and a plain scan of the
//!   records (no year index) keeps exactly the records the model keeps;
//! - the counts the model makes as it filters (records hidden by their
//!   time, placed in time, from each source) agree with plain counts;
//! - an export loads back to the same records;
//! - sifting a file (what the command line does: one pass, only the kept
//!   records held) keeps what the model of the whole dataset keeps, in its
//!   order, by the fast reader and by the careful loader alike;
//! - narrowing a filter never adds a record.
//!
//! Case counts stay modest (the whole run takes seconds); the fuzz targets
//! in `fuzz/` go further, outside the test run.

use std::collections::BTreeSet;
use std::path::Path;

use nkict::data::text::{StaticText, Text};
use nkict::data::{self, AsOf, Category, Dataset, LoadError, Record, RecordKind, fast};
use nkict::export::{self, ExportDocument};
use nkict::model::sift::{Keep, sift};
use nkict::model::{Filter, Model, RecordIx};
use nkict::terminal_text::needs_escape;
use proptest::prelude::*;
use proptest::sample::subsequence;
use serde_json::{Value, json};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// The loader

/// A small valid dataset, as a contributor would write it.
fn valid_document() -> Value {
    json!({
        "schema_version": 1,
        "sources": [{ "id": "lee", "title": "IT Progress", "authors": ["Lee"], "container": "Bytes",
                      "published": 2002, "url": null, "kind": "book chapter", "text_file": "lee.txt" }],
        "indicators": [{ "id": "it-workforce", "name": "IT workforce", "unit": "people",
                         "description": "People in IT.", "category": "workforce" }],
        "entities": [{ "id": "dprk", "name": "North Korea", "kind": "country", "aliases": ["DPRK"] },
                     { "id": "koryolink", "name": "Koryolink", "kind": "network", "korean": "고려링크" }],
        "records": [
            { "id": "launch", "kind": "milestone", "category": "mobile", "title": "Koryolink launches",
              "summary": "The 3G network opens.", "date": "2008-12", "entities": ["koryolink"],
              "source": "lee", "locator": "Mobile", "quote": "Koryolink began service.", "tags": ["3g"] },
            { "id": "workforce", "kind": "observation", "category": "workforce", "title": "About 100,000",
              "summary": "An estimate.", "period": { "start": "1990", "end": "1999" }, "entities": ["dprk"],
              "indicator": "it-workforce", "low": 1000, "high": 1500, "qualifier": "range",
              "source": "lee", "locator": "Manpower", "quote": "1,000-1,500 IT workers" }
        ]
    })
}

/// The loader's promise: a dataset, or errors that each name a place and
/// print nothing a terminal would act on. And the one-pass reader's: it
/// takes only what the careful loader takes, with the same records.
fn assert_dataset_or_located_errors(bytes: &[u8]) {
    let fast = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| fast_records(text.strip_prefix('\u{feff}').unwrap_or(text)));
    match data::parse(bytes, Path::new("p.json")) {
        Ok(dataset) => {
            if let Some(records) = fast {
                assert_eq!(records, dataset.records);
            }
        }
        Err(err) => {
            assert_eq!(fast, None, "the fast reader took what the loader refuses: {err}");
            if let LoadError::Invalid { problems, .. } = &err {
                assert!(!problems.is_empty());
                for problem in problems.listed() {
                    assert!(problem.position.is_some(), "{problem}");
                }
            }
            let message = err.to_string();
            // Line breaks separate problems; everything else is escaped.
            for line in message.lines() {
                let raw = line.chars().find(|&c| needs_escape(c));
                assert_eq!(raw, None, "{message:?}");
            }
        }
    }
}

/// The records the one-pass reader reads from `text`, if it takes it.
fn fast_records(text: &str) -> Option<Vec<Record>> {
    struct Collect(Vec<Record>);

    impl<'a> fast::Sink<'a> for Collect {
        fn records<R>(
            &mut self,
            _lists: &Dataset,
            checks: &fast::Checks<'_>,
            read: impl FnOnce(&mut dyn FnMut(usize, fast::RecordRef<'a>)) -> R,
        ) -> R {
            let mut checker = checks.checker();
            read(&mut |_, record| {
                if checker.pass(&record) {
                    self.0.push(record.map_text(Text::copied));
                }
            })
        }
    }

    let mut records = Collect(Vec::new());
    fast::read(text, &mut records).ok().map(|_| records.0)
}

/// Small pieces of JSON, hostile and ordinary, to splice into a file.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("\"".to_owned()),
        Just("null".to_owned()),
        Just("-0".to_owned()),
        Just("1e999".to_owned()),
        Just("9007199254740993".to_owned()),
        Just("\"\\u001b]52;c;eA==\\u0007\"".to_owned()),
        Just("\"\u{9b}2J\u{202e}\"".to_owned()),
        Just("\"\u{200b}\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        "[a-z_]{1,12}".prop_map(|s| format!("\"{s}\"")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
    ]
}

/// A JSON value of a few levels, for structure-aware mutations.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "dprk",
            "lee",
            "it-workforce",
            "2001-02-29",
            "1997",
            "range",
            "fact"
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every place in `value`: the key or index path to it.
fn paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push(key.clone());
                paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                at.push(index.to_string());
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'v>(value: &'v mut Value, path: &[String]) -> &'v mut Value {
    path.iter().fold(value, |v, key| match v {
        Value::Array(items) => &mut items[key.parse::<usize>().expect("an index")],
        other => &mut other[key.as_str()],
    })
}

/// One change to a valid file, at the level of its text or its structure.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, Value),
    Remove(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), token()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), json_value()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        any::<usize>().prop_map(Mutation::Remove),
    ]
}

/// The nearest character boundary at or before `at` (modulo the length).
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(document: &mut Value, text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Truncate(at) => text.truncate(boundary(text, *at)),
        Mutation::Delete(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(text, start + len).max(start);
            text.replace_range(start..end, "");
        }
        Mutation::Insert(at, token) => text.insert_str(boundary(text, *at), token),
        Mutation::Replace(pick, _) | Mutation::Remove(pick) => {
            let mut all = Vec::new();
            paths(document, &mut Vec::new(), &mut all);
            let path = &all[pick % all.len()];
            match (mutation, path.split_last()) {
                (Mutation::Replace(_, value), _) => *at_path(document, path) = value.clone(),
                (_, Some((last, parent))) => match at_path(document, parent) {
                    Value::Object(map) => {
                        map.remove(last);
                    }
                    Value::Array(items) => {
                        items.remove(last.parse::<usize>().expect("an index"));
                    }
                    _ => {}
                },
                (_, None) => *document = Value::Null,
            }
            *text = written(document);
        }
    }
}

/// `document` as nkict writes a file: pretty, its records last (the
/// one-pass reader takes only that order; serde_json's maps are sorted).
fn written(document: &Value) -> String {
    let Value::Object(map) = document else {
        return serde_json::to_string_pretty(document).expect("serializes");
    };
    let mut fields: Vec<(&String, &Value)> = map.iter().collect();
    fields.sort_by_key(|(key, _)| *key == "records");
    let fields: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{key:?}: {}", serde_json::to_string_pretty(value).expect("serializes")))
        .collect();
    format!("{{\n{}\n}}", fields.join(",\n"))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_give_a_dataset_or_located_errors(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        assert_dataset_or_located_errors(&bytes);
    }

    #[test]
    fn arbitrary_text_gives_a_dataset_or_located_errors(text in ".{0,300}") {
        assert_dataset_or_located_errors(text.as_bytes());
    }

    #[test]
    fn mutations_of_a_valid_file_give_a_dataset_or_located_errors(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let mut document = valid_document();
        let mut text = written(&document);
        assert!(fast_records(&text).is_some(), "the fast reader takes the valid file");
        assert_dataset_or_located_errors(text.as_bytes());
        for m in &mutations {
            apply(&mut document, &mut text, m);
        }
        assert_dataset_or_located_errors(text.as_bytes());
    }
}

// ---------------------------------------------------------------------------
// Filters and export

const WORDS: &[&str] = &["cable", "network", "mobile", "software", "plan", "export", "school"];
const SOURCES: &[&str] = &["alpha", "beta", "gamma"];
const ENTITIES: &[&str] = &["zeta", "omicron", "upsilon", "sigma"];
const INDICATORS: &[&str] = &["lines", "people"];

/// The generated sources' `info_as_of`: `alpha`'s "at present" is about
/// 2002, `beta` was written some time after 2017, `gamma` says nothing.
fn info_as_of(source: &str) -> Value {
    match source {
        "alpha" => json!({ "year": 2002 }),
        "beta" => json!({ "after": 2017 }),
        _ => Value::Null,
    }
}

/// When a generated record holds: a year, a span of years, "at present"
/// (as of its source), or unknown.
#[derive(Debug, Clone)]
enum Time {
    Year(i32, Option<u8>),
    Span(i32, i32),
    AsOfSource,
    Unknown,
}

fn time() -> impl Strategy<Value = Time> + Clone {
    prop_oneof![dated_time(), undated_time()]
}

/// A record's own date or period.
fn dated_time() -> impl Strategy<Value = Time> + Clone {
    prop_oneof![
        (1940..2030i32, prop::option::of(1..=12u8)).prop_map(|(y, m)| Time::Year(y, m)),
        (1940..2030i32, 0..15i32).prop_map(|(y, len)| Time::Span(y, y + len)),
    ]
}

/// No date of a record's own: placed by its source, if at all.
fn undated_time() -> impl Strategy<Value = Time> + Clone {
    prop_oneof![Just(Time::AsOfSource), Just(Time::Unknown)]
}

/// One generated record as JSON: any kind, category, source, entities and
/// words, and a time of `times`.
fn record(id: usize, times: impl Strategy<Value = Time>) -> impl Strategy<Value = Value> {
    (
        0..RecordKind::ALL.len(),
        0..Category::ALL.len(),
        prop::sample::select(SOURCES),
        subsequence(ENTITIES, 0..=ENTITIES.len()),
        subsequence(WORDS, 1..4),
        times,
        prop::sample::select(INDICATORS),
        1..1_000_000u32,
    )
        .prop_map(
            move |(kind, category, source, entities, words, time, indicator, value)| {
                let kind = RecordKind::ALL[kind];
                let mut entities: Vec<&str> = entities;
                if kind == RecordKind::Observation && entities.is_empty() {
                    entities.push(ENTITIES[0]);
                }
                let mut r = json!({
                    "id": format!("r{id}"), "kind": kind.as_str(), "category": Category::ALL[category].as_str(),
                    "title": format!("Title {}", words[0]), "summary": words.join(" "),
                    "entities": entities, "source": source, "locator": "L", "quote": "Q",
                    "tags": words[1..].to_vec(),
                });
                match time {
                    Time::Year(y, None) => r["date"] = json!(format!("{y}")),
                    Time::Year(y, Some(m)) => r["date"] = json!(format!("{y}-{m:02}")),
                    Time::Span(a, b) => r["period"] = json!({ "start": a.to_string(), "end": b.to_string() }),
                    Time::AsOfSource => r["as_of"] = json!("source"),
                    Time::Unknown => r["as_of"] = json!("unknown"),
                }
                if kind == RecordKind::Observation {
                    r["indicator"] = json!(indicator);
                    r["value"] = json!(value);
                    r["qualifier"] = json!("approx");
                }
                r
            },
        )
}

/// A valid generated dataset of up to 40 records, loaded by the loader.
fn dataset() -> impl Strategy<Value = Dataset> {
    dataset_timed(time())
}

/// As `dataset`, every record's time one of `times`.
fn dataset_timed(times: impl Strategy<Value = Time> + Clone) -> impl Strategy<Value = Dataset> {
    (0..40usize)
        .prop_flat_map(move |count| (0..count).map(|id| record(id, times.clone())).collect::<Vec<_>>())
        .prop_map(|records| {
            let document = json!({
                "schema_version": 2,
                "sources": SOURCES.iter().map(|id| json!({ "id": id, "title": "T", "authors": [], "container": "C",
                    "published": null, "url": null, "kind": "book-chapter", "info_as_of": info_as_of(id) }))
                    .collect::<Vec<_>>(),
                "indicators": INDICATORS.iter().map(|id| json!({ "id": id, "name": "N", "unit": id,
                    "description": "D", "category": "economy" })).collect::<Vec<_>>(),
                "entities": ENTITIES.iter().map(|id| json!({ "id": id, "name": format!("Entity {id}"),
                    "kind": "organization" })).collect::<Vec<_>>(),
                "records": records,
            });
            let text = serde_json::to_string(&document).expect("serializes");
            data::parse(text.as_bytes(), Path::new("generated.json")).unwrap_or_else(|err| panic!("{err}"))
        })
}

fn filter() -> impl Strategy<Value = Filter> {
    (
        prop::option::of(1940..2030i32),
        prop::option::of(1940..2030i32),
        any::<bool>(),
        subsequence(Category::ALL, 0..3),
        subsequence(&RecordKind::ALL[..], 0..2),
        subsequence(SOURCES, 0..2),
        subsequence(ENTITIES, 0..2),
        prop::option::of(prop::sample::select(INDICATORS)),
        prop::option::of(prop::sample::select(WORDS)),
        any::<bool>(),
    )
        .prop_map(
            |(a, b, include_undated, categories, kinds, sources, entities, indicator, search, own_dates_only)| {
                let (from, to) = match (a, b) {
                    (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
                    other => other,
                };
                Filter {
                    from,
                    to,
                    include_undated,
                    own_dates_only,
                    categories,
                    kinds,
                    sources: sources.iter().map(|s| (*s).to_owned()).collect(),
                    entities: entities.iter().map(|e| (*e).to_owned()).collect(),
                    indicator: indicator.map(str::to_owned),
                    search: search.map(str::to_owned).unwrap_or_default(),
                }
            },
        )
}

/// A filter of years (none, or hiding what they leave out) and at most
/// one facet or search: the model counts the records a filter of years
/// alone hides without visiting them, and must tell it from these.
fn years_and_one_facet() -> impl Strategy<Value = Filter> {
    let one = (
        prop::sample::select(Category::ALL),
        prop::sample::select(&RecordKind::ALL[..]),
        prop::sample::select(SOURCES),
        prop::sample::select(ENTITIES),
        prop::sample::select(INDICATORS),
        prop::sample::select(WORDS),
    );
    (filter(), 0..7usize, one).prop_map(|(years, facet, (category, kind, source, entity, indicator, word))| {
        let mut filter = Filter {
            from: years.from,
            to: years.to,
            own_dates_only: years.own_dates_only,
            ..Filter::default()
        };
        match facet {
            0 => filter.categories = vec![category],
            1 => filter.kinds = vec![kind],
            2 => filter.sources = vec![source.to_owned()],
            3 => filter.entities = vec![entity.to_owned()],
            4 => filter.indicator = Some(indicator.to_owned()),
            5 => filter.search = word.to_owned(),
            _ => {}
        }
        filter
    })
}

/// A search and at most years: a search the word index tells alone, which
/// the model then takes untested in the records it tells.
fn search_and_years() -> impl Strategy<Value = Filter> {
    (filter(), any::<bool>(), prop::sample::select(WORDS)).prop_map(|(years, all_years, word)| Filter {
        from: years.from.filter(|_| !all_years),
        to: years.to.filter(|_| !all_years),
        include_undated: years.include_undated,
        own_dates_only: years.own_dates_only,
        search: word.to_owned(),
        ..Filter::default()
    })
}

/// The years a record is placed at, read from the record and its source's
/// `info_as_of`: its own date or period; else, when it speaks of the present
/// and the filter allows it, the year its source's information is as of.
fn years(record: &Record, own_dates_only: bool) -> Option<(i32, i32)> {
    match (record.date, record.period) {
        (Some(d), _) => Some((d.year, d.year)),
        (None, Some(p)) => Some((p.start.year, p.end.year)),
        (None, None) => {
            let at_present = record.as_of == Some(AsOf::Source);
            let year = info_as_of(&record.source)["year"].as_i64();
            year.filter(|_| at_present && !own_dates_only)
                .map(|y| (y as i32, y as i32))
        }
    }
}

/// Whether `filter` keeps `record`, worked out from the filter's meaning,
/// not from the model: a plain reading of every condition. (The search
/// words are single words, never part of an entity's or indicator's name,
/// so a search is plain text: the record's, and its category's name.)
fn plainly_keeps(filter: &Filter, record: &Record) -> bool {
    let in_years = match years(record, filter.own_dates_only) {
        Some((start, end)) => filter.from.is_none_or(|f| end >= f) && filter.to.is_none_or(|t| start <= t),
        None => !filter.has_year_range() || filter.include_undated,
    };
    let category = [record.category.label(), record.category.as_str()];
    let text = [&record.title, &record.summary, &record.quote]
        .into_iter()
        .chain(&record.tags)
        .map(StaticText::as_str)
        .chain(category)
        .any(|field| field.to_lowercase().contains(&filter.search.to_lowercase()));
    in_years
        && (filter.categories.is_empty() || filter.categories.contains(&record.category))
        && (filter.kinds.is_empty() || filter.kinds.contains(&record.kind))
        && (filter.sources.is_empty() || filter.sources.iter().any(|s| record.source == *s))
        && (filter.entities.is_empty() || record.entities.iter().any(|e| filter.entities.iter().any(|f| e == f)))
        && filter
            .indicator
            .as_ref()
            .is_none_or(|i| record.indicator.as_deref() == Some(i.as_str()))
        && (filter.search.is_empty() || text)
}

fn kept(model: &Model, filter: &Filter) -> BTreeSet<RecordIx> {
    model.filter(filter).into_iter().collect()
}

/// Models of `dataset`: one whose searches read the texts, and one whose
/// word index is built, where a search is told by the index and the rest
/// of the filter tested (or not) apart.
fn models(dataset: &Dataset) -> [Model; 2] {
    let indexed = Model::new(dataset.clone());
    indexed.prepare_word_index();
    [Model::new(dataset.clone()), indexed]
}

/// `filter` narrowed one step: a later first year, an earlier last one,
/// fewer categories (or one where there were none), a search word,
/// undated records dropped. (`own_dates_only` is no narrowing: it moves a
/// record placed by its source among the undated ones, which a year range
/// with `include_undated` keeps.)
fn narrowed(filter: &Filter, step: usize, year: i32, category: usize) -> Filter {
    let mut narrow = filter.clone();
    match step % 5 {
        0 => narrow.from = Some(filter.from.map_or(year, |f| f.max(year))),
        1 => narrow.to = Some(filter.to.map_or(year, |t| t.min(year))),
        2 if filter.categories.len() > 1 => narrow.categories.truncate(1),
        2 if filter.categories.is_empty() => narrow.categories = vec![Category::ALL[category % Category::ALL.len()]],
        3 if filter.search.is_empty() => narrow.search = WORDS[category % WORDS.len()].to_owned(),
        _ => narrow.include_undated = false,
    }
    // A range cannot start after it ends: meet at the bound kept.
    if let (Some(f), Some(t)) = (narrow.from, narrow.to)
        && f > t
    {
        if step.is_multiple_of(5) {
            narrow.from = Some(t);
        } else {
            narrow.to = Some(f);
        }
    }
    narrow
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn the_model_keeps_exactly_what_a_plain_scan_keeps(
        dataset in dataset(),
        filter in prop_oneof![filter(), search_and_years()],
    ) {
        let plain: BTreeSet<RecordIx> = (0..dataset.records.len())
            .filter(|&ix| plainly_keeps(&filter, &dataset.records[ix]))
            .collect();
        for model in models(&dataset) {
            prop_assert_eq!(kept(&model, &filter), plain.clone());
        }
    }

    #[test]
    fn the_year_index_agrees_with_a_plain_scan(
        dataset in dataset(),
        from in prop::option::of(1940..2030i32),
        to in prop::option::of(1940..2030i32),
        include_undated in any::<bool>(),
        own_dates_only in any::<bool>(),
    ) {
        let model = Model::new(dataset.clone());
        let filter = Filter {
            from,
            to,
            include_undated,
            own_dates_only,
            ..Filter::default()
        };
        let plain: Vec<RecordIx> = (0..dataset.records.len())
            .filter(|&ix| plainly_keeps(&filter, &dataset.records[ix]))
            .collect();
        let mut found = model.filter(&filter);
        found.sort_unstable();
        prop_assert_eq!(found, plain);
    }

    #[test]
    fn the_counts_made_while_filtering_agree_with_a_plain_count(
        dataset in prop_oneof![dataset(), dataset_timed(dated_time()), dataset_timed(undated_time())],
        filter in prop_oneof![filter(), years_and_one_facet(), search_and_years()],
    ) {
        for model in models(&dataset) {
            let found = model.filter_with_hidden(&filter);
            // Hidden by their time: what `include_undated` brings back; of
            // those, placed in the range but for `own_dates_only`.
            let shown = Filter { include_undated: true, ..filter.clone() };
            let by_source = Filter { own_dates_only: false, include_undated: false, ..filter.clone() };
            let hidden: Vec<&Record> = (dataset.records.iter())
                .filter(|record| plainly_keeps(&shown, record) && !plainly_keeps(&filter, record))
                .collect();
            prop_assert_eq!(found.hidden.undated, hidden.len());
            let placed_by_source = hidden.iter().filter(|record| plainly_keeps(&by_source, record)).count();
            prop_assert_eq!(found.hidden.approximate, placed_by_source);
            let placed: Vec<bool> = (found.view.iter())
                .map(|&ix| years(&dataset.records[ix], filter.own_dates_only).is_some())
                .collect();
            prop_assert!(placed[..found.placed].iter().all(|&p| p), "placed records lead");
            prop_assert!(!placed[found.placed..].iter().any(|&p| p), "then none is placed");
            let plain: Vec<usize> = (dataset.sources.iter())
                .map(|s| found.view.iter().filter(|&&ix| dataset.records[ix].source == s.id).count())
                .collect();
            prop_assert_eq!(found.per_source, plain);
        }
    }

    #[test]
    fn every_exported_record_satisfies_the_filter_and_loads_back(dataset in dataset(), filter in filter()) {
        let model = Model::new(dataset);
        let view = model.filter(&filter);
        let doc = ExportDocument::with_rows(&model, &view, &filter, true);
        prop_assert_eq!(doc.records.len(), view.len());
        for record in &doc.records {
            prop_assert!(plainly_keeps(&filter, record), "{} escapes {:?}", record.id, filter);
        }
        let json = export::default_format()
            .encode(&doc, export::Destination::File)
            .expect("serializes");
        let reread = data::parse(&json, Path::new("export.json")).unwrap_or_else(|err| panic!("{err}"));
        prop_assert!(reread.records.iter().eq(doc.records.iter().copied()));
        prop_assert_eq!(reread.records, model.subset(&view).records);
    }

    #[test]
    fn sifting_a_file_keeps_what_the_model_keeps_in_its_order(dataset in dataset(), filter in filter()) {
        let model = Model::new(dataset.clone());
        let expected: Vec<&Record> = model.filter(&filter).into_iter().map(|ix| model.record(ix)).collect();
        // As nkict writes a file (records last: the one-pass reader takes
        // it), and with its keys in alphabetical order (records before
        // sources: the careful loader reads it).
        let in_order = serde_json::to_string_pretty(&dataset).expect("serializes");
        let alphabetical = serde_json::to_value(&dataset).expect("serializes").to_string();
        prop_assert!(alphabetical.find("\"records\"") < alphabetical.find("\"sources\""));
        for text in [in_order, alphabetical] {
            let sifted = sift(text.as_bytes(), Path::new("p.json"), &filter, Keep::Filtered).expect("valid");
            let found: Vec<&Record> = sifted.view.iter().map(|&ix| sifted.model.record(ix)).collect();
            prop_assert_eq!(&found, &expected);
            prop_assert_eq!(sifted.tally.records, dataset.records.len());
            let all = sift(text.as_bytes(), Path::new("p.json"), &filter, Keep::All).expect("valid");
            prop_assert_eq!(all.view.len(), dataset.records.len());
            // For a table: the same records, without the texts it does not show.
            let listed = sift(text.as_bytes(), Path::new("p.json"), &filter, Keep::Listed).expect("valid");
            let shown: Vec<Record> = expected.iter().map(|&record| Record {
                id: StaticText::default(),
                summary: StaticText::default(),
                locator: StaticText::default(),
                quote: StaticText::default(),
                note: None,
                tags: Vec::new(),
                ..record.clone()
            }).collect();
            let found: Vec<&Record> = listed.view.iter().map(|&ix| listed.model.record(ix)).collect();
            prop_assert_eq!(found, shown.iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn narrowing_a_filter_never_adds_records(
        dataset in dataset(),
        filter in filter(),
        step in 0..5usize,
        year in 1940..2030i32,
        category in any::<usize>(),
    ) {
        let model = Model::new(dataset);
        let narrow = narrowed(&filter, step, year, category);
        let wide = kept(&model, &filter);
        let added: Vec<RecordIx> = kept(&model, &narrow).into_iter().filter(|ix| !wide.contains(ix)).collect();
        prop_assert!(added.is_empty(), "{:?} then {:?} added {:?}", filter, narrow, added);
    }
}

// ---------------------------------------------------------------------------
// Text search

/// Pieces of text that folding changes: case, diacritics (precomposed and
/// combining), apostrophes, hyphens, Korean, a dotted capital I and a
/// Kelvin sign (both lower-case to ASCII letters plus a mark, or to one),
/// British and American spellings, short names and the words they hide in.
const PIECES: &[&str] = &[
    "optical",
    "Optical",
    "OPTICAL",
    "opt'ical",
    "Óptical",
    "cable",
    "CA-BLE",
    "ca‐ble",
    "cables",
    "fibre",
    "Fiber-optic",
    "fiber",
    "Sinŭiju",
    "sinuiju",
    "P'yŏngyang",
    "PYONGYANG",
    "Ch’aek",
    "chaek",
    "광케이블",
    "케이블",
    "고려링크",
    "us",
    "US",
    "business",
    "École",
    "e\u{301}cole",
    "İstanbul",
    "\u{212A}CC",
    "kcc",
    "work",
    "network",
    "c.2002",
    "2002",
    "a",
    "ba",
    "’",
    "-",
    "'",
    "`",
];

/// What goes between two pieces.
const JOINS: &[&str] = &[" ", "", "-", "'", ", ", " \"", "\u{0}"];

/// One to `most` pieces, joined.
fn pieced(most: usize) -> impl Strategy<Value = String> {
    let more = prop::collection::vec((prop::sample::select(JOINS), prop::sample::select(PIECES)), 0..most);
    (prop::sample::select(PIECES), more).prop_map(|(first, more)| {
        more.iter().fold(first.to_owned(), |mut text, (join, piece)| {
            text.push_str(join);
            text.push_str(piece);
            text
        })
    })
}

/// A valid dataset whose records, entities' names and indicators' names
/// are made of `PIECES`.
fn wordy_dataset() -> impl Strategy<Value = Dataset> {
    let entity = (
        pieced(3),
        prop::option::of(pieced(2)),
        prop::collection::btree_set(pieced(2), 0..3),
    );
    let record = (
        pieced(4),
        pieced(6),
        pieced(8),
        prop::collection::btree_set(pieced(2), 0..3),
    );
    let records = prop::collection::vec(
        (
            record,
            0..Category::ALL.len(),
            subsequence(ENTITIES, 0..=2),
            any::<bool>(),
        ),
        0..24,
    );
    (
        prop::collection::vec(entity, ENTITIES.len()),
        prop::collection::vec(pieced(3), INDICATORS.len()),
        records,
    )
        .prop_map(|(entities, indicators, records)| {
            let records: Vec<Value> = (records.into_iter().enumerate())
                .map(|(ix, ((title, summary, quote, tags), category, entities, observed))| {
                    let mut r = json!({
                        "id": format!("r{ix}"), "kind": "fact", "category": Category::ALL[category].as_str(),
                        "title": title, "summary": summary, "quote": quote, "tags": tags,
                        "entities": entities, "source": "alpha", "locator": "L", "as_of": "unknown",
                    });
                    if observed {
                        let entity = entities.first().copied().unwrap_or(ENTITIES[0]);
                        r["kind"] = json!("observation");
                        r["entities"] = json!([entity]);
                        r["indicator"] = json!(INDICATORS[ix % INDICATORS.len()]);
                        r["value"] = json!(ix + 1);
                        r["qualifier"] = json!("approx");
                    }
                    r
                })
                .collect();
            let document = json!({
                "schema_version": 2,
                "sources": [{ "id": "alpha", "title": "T", "authors": [], "container": "C", "published": null,
                    "url": null, "kind": "book-chapter", "info_as_of": Value::Null }],
                "indicators": INDICATORS.iter().zip(&indicators).map(|(id, name)| json!({ "id": id,
                    "name": name, "unit": id, "description": "D", "category": "economy" })).collect::<Vec<_>>(),
                "entities": ENTITIES.iter().zip(&entities).map(|(id, (name, korean, aliases))| json!({ "id": id,
                    "name": name, "korean": korean, "aliases": aliases, "kind": "organization" }))
                    .collect::<Vec<_>>(),
                "records": records,
            });
            let text = serde_json::to_string(&document).expect("serializes");
            data::parse(text.as_bytes(), Path::new("wordy.json")).unwrap_or_else(|err| panic!("{err}"))
        })
}

/// A search as people type it: up to three pieces, maybe one quoted.
fn wordy_search() -> impl Strategy<Value = String> {
    (pieced(3), prop::sample::select(&["", "\"", "“"][..]), pieced(2))
        .prop_map(|(words, quote, phrase)| format!("{words} {quote}{phrase}"))
}

proptest! {
    #![proptest_config(config(512))]

    /// `sift` tests each record's text once, as it is read (its own
    /// search, not the model's index): it keeps what the model of the
    /// whole dataset keeps.
    #[test]
    fn a_search_while_reading_keeps_what_the_models_search_keeps(dataset in wordy_dataset(), search in wordy_search()) {
        // As nkict writes a file: the one-pass reader takes it.
        let text = serde_json::to_string_pretty(&dataset).expect("serializes");
        prop_assert!(fast_records(&text).is_some(), "the fast reader takes the file");
        let model = Model::new(dataset);
        let filter = Filter { search, ..Filter::default() };
        let expected: Vec<&Record> = model.filter(&filter).into_iter().map(|ix| model.record(ix)).collect();
        let sifted = sift(text.as_bytes(), Path::new("wordy.json"), &filter, Keep::Filtered).expect("valid");
        let found: Vec<&Record> = sifted.view.iter().map(|&ix| sifted.model.record(ix)).collect();
        prop_assert_eq!(found, expected);
    }
}
