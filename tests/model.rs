//! The model and its filters, on small datasets built here and on the real
//! embedded dataset.

use std::path::Path;

use nkict::data::{self, Category, Dataset, RecordKind, SCHEMA_VERSION};
use nkict::model::{Claims, Filter, Filtered, Model, RecordIx, Time, YearSpan, format};
use serde_json::{Value, json};

/// A record with every required field; `extra` adds or overrides fields.
fn record(id: &str, extra: Value) -> Value {
    let mut record = json!({
        "id": id,
        "kind": "fact",
        "category": "telephony",
        "title": format!("Title of {id}"),
        "summary": "A summary.",
        "entities": [],
        "source": "alpha",
        "locator": "Section 1",
        "quote": "A quote.",
    });
    for (key, value) in extra.as_object().expect("extra fields are an object") {
        record[key] = value.clone();
    }
    record
}

/// A dataset with three sources, three indicators and four entities (one of
/// each unused by the records below) around `records`.
fn dataset(records: Vec<Value>) -> Dataset {
    let document = json!({
        "schema_version": 1,
        "sources": [
            { "id": "alpha", "title": "Alpha", "authors": [], "container": "C", "published": 2002, "url": null, "kind": "book chapter" },
            { "id": "beta", "title": "Beta", "authors": ["B. Author"], "container": "C", "published": null, "url": null, "kind": "blog essay" },
            { "id": "gamma", "title": "Gamma", "authors": [], "container": "C", "published": 2011, "url": null, "kind": "magazine column" },
        ],
        "indicators": [
            { "id": "it-workforce", "name": "IT workforce", "unit": "people", "description": "d", "category": "workforce" },
            { "id": "telephone-lines", "name": "Telephone lines", "unit": "lines", "description": "d", "category": "telephony" },
            { "id": "unused-indicator", "name": "Unused", "unit": "u", "description": "d", "category": "economy" },
        ],
        "entities": [
            { "id": "sinuiju", "name": "Sinuiju", "kind": "place", "korean": "신의주", "aliases": ["Shinuiju"] },
            { "id": "koryolink", "name": "Koryolink", "kind": "network", "korean": "고려링크" },
            { "id": "orascom", "name": "Orascom", "kind": "organization", "aliases": ["Orascom Telecom Holding"] },
            { "id": "unused-entity", "name": "Nobody", "kind": "person" },
            { "id": "dprk", "name": "North Korea", "kind": "country" },
        ],
        "records": records,
    });
    let text = serde_json::to_string_pretty(&document).unwrap();
    data::parse(text.as_bytes(), Path::new("test.json")).unwrap_or_else(|err| panic!("{err}"))
}

fn model(records: Vec<Value>) -> Model {
    Model::new(dataset(records))
}

/// The ids of the records at `ixs`, in order.
fn ids(model: &Model, ixs: &[RecordIx]) -> Vec<String> {
    ixs.iter().map(|&ix| model.record(ix).id.to_string()).collect()
}

/// The ids of the records `filter` keeps. A search reads every record's
/// text in `model`; it is also run by the word index, in a copy of the
/// model that has one, which must keep the same.
fn kept(model: &Model, filter: &Filter) -> Vec<String> {
    let scanned = ids(model, &model.filter(filter));
    if !filter.search.is_empty() {
        let indexed = Model::new(model.dataset().clone());
        indexed.prepare_word_index();
        assert_eq!(
            ids(&indexed, &indexed.filter(filter)),
            scanned,
            "{:?}: by the word index",
            filter.search
        );
    }
    scanned
}

fn years(from: Option<i32>, to: Option<i32>) -> Filter {
    Filter {
        from,
        to,
        ..Filter::default()
    }
}

fn search(text: &str) -> Filter {
    Filter {
        search: text.into(),
        ..Filter::default()
    }
}

/// Records spread over time, with periods straddling 1990 and 2000.
fn timeline() -> Model {
    model(vec![
        record("y1989", json!({ "date": "1989-12-31" })),
        record("y1990", json!({ "date": "1990" })),
        record("y1995", json!({ "date": "1995-06" })),
        record("y2000", json!({ "date": "2000-12-31" })),
        record("y2001", json!({ "date": "2001-01-01" })),
        record(
            "straddles-start",
            json!({ "period": { "start": "1985", "end": "1990-02" } }),
        ),
        record(
            "straddles-end",
            json!({ "period": { "start": "2000-11", "end": "2008" } }),
        ),
        record("covers-all", json!({ "period": { "start": "1980", "end": "2010" } })),
        record("before", json!({ "period": { "start": "1970", "end": "1989" } })),
        record("after", json!({ "period": { "start": "2001", "end": "2004" } })),
        record("undated", json!({ "as_of": "source" })),
    ])
}

#[test]
fn year_bounds_are_inclusive_at_both_ends() {
    let m = timeline();
    let kept = kept(&m, &years(Some(1990), Some(2000)));
    for id in ["y1990", "y1995", "y2000"] {
        assert!(kept.contains(&id.to_owned()), "{id} is in 1990-2000: {kept:?}");
    }
    for id in ["y1989", "y2001"] {
        assert!(!kept.contains(&id.to_owned()), "{id} is outside 1990-2000: {kept:?}");
    }
    assert_eq!(self::kept(&m, &years(Some(1995), Some(1995))), ["covers-all", "y1995"]);
}

#[test]
fn periods_straddling_the_range_are_in_and_those_wholly_outside_are_out() {
    let m = timeline();
    let kept = kept(&m, &years(Some(1990), Some(2000)));
    for id in ["straddles-start", "straddles-end", "covers-all"] {
        assert!(kept.contains(&id.to_owned()), "{id} overlaps 1990-2000: {kept:?}");
    }
    for id in ["before", "after"] {
        assert!(
            !kept.contains(&id.to_owned()),
            "{id} is wholly outside 1990-2000: {kept:?}"
        );
    }
}

#[test]
fn open_ended_ranges_bound_one_side_only() {
    let m = timeline();
    assert_eq!(
        kept(&m, &years(Some(2001), None)),
        ["covers-all", "straddles-end", "after", "y2001"]
    );
    assert_eq!(
        kept(&m, &years(None, Some(1989))),
        ["before", "covers-all", "straddles-start", "y1989"]
    );
}

#[test]
fn undated_records_show_without_a_range_and_hide_with_one_unless_included() {
    let m = timeline();
    assert!(kept(&m, &Filter::default()).contains(&"undated".to_owned()));
    for (from, to) in [(Some(1990), Some(2000)), (Some(1990), None), (None, Some(2000))] {
        let mut filter = years(from, to);
        assert!(!kept(&m, &filter).contains(&"undated".to_owned()), "{from:?}-{to:?}");
        filter.include_undated = true;
        assert_eq!(
            kept(&m, &filter).last().map(String::as_str),
            Some("undated"),
            "{from:?}-{to:?}"
        );
    }
}

#[test]
fn records_come_dated_by_date_then_undated_in_file_order() {
    let m = model(vec![
        record("undated-1", json!({ "as_of": "source" })),
        record("d2001-05-12", json!({ "date": "2001-05-12" })),
        record("d2001", json!({ "date": "2001" })),
        record("p1999", json!({ "period": { "start": "1999", "end": "2003" } })),
        record("d2001-05", json!({ "date": "2001-05" })),
        record("undated-2", json!({ "as_of": "source" })),
        record("d2001-again", json!({ "date": "2001" })),
        record("d1950", json!({ "date": "1950-01-01" })),
    ]);
    let order = [
        "d1950",
        "p1999",
        "d2001",
        "d2001-again",
        "d2001-05",
        "d2001-05-12",
        "undated-1",
        "undated-2",
    ];
    assert_eq!(kept(&m, &Filter::default()), order);
    assert_eq!(ids(&m, m.all()), order);
}

/// Records to filter by what they are and where they come from.
fn catalogue() -> Model {
    model(vec![
        record(
            "phones-1995",
            json!({ "kind": "observation", "date": "1995", "entities": ["dprk"], "indicator": "telephone-lines",
                    "value": 1100000, "qualifier": "approx", "source": "alpha" }),
        ),
        record(
            "fiber-sinuiju",
            json!({ "category": "fiber", "kind": "milestone", "date": "1990", "entities": ["sinuiju"], "source": "beta" }),
        ),
        record(
            "koryolink-launch",
            json!({ "category": "mobile", "kind": "milestone", "date": "2008-12",
                    "entities": ["koryolink", "orascom"], "source": "beta" }),
        ),
        record(
            "workforce-100000",
            json!({ "category": "workforce", "kind": "observation", "date": "2002", "entities": ["dprk"], "indicator": "it-workforce",
                    "value": 100000, "qualifier": "approx", "source": "alpha" }),
        ),
        record(
            "workforce-range",
            json!({ "category": "workforce", "kind": "observation", "as_of": "source", "entities": ["dprk"], "indicator": "it-workforce",
                    "low": 1000, "high": 1500, "qualifier": "range", "source": "alpha" }),
        ),
        record(
            "workforce-10000",
            json!({ "category": "workforce", "kind": "observation", "period": { "start": "2005", "end": "2010" },
                    "entities": ["dprk"], "indicator": "it-workforce", "value": 10000, "qualifier": "approx", "source": "beta" }),
        ),
        record(
            "policy-fact",
            json!({ "category": "policy", "as_of": "source", "source": "beta" }),
        ),
    ])
}

#[test]
fn filters_by_category_kind_source_entity_and_indicator() {
    let m = catalogue();
    let by = |filter: Filter| kept(&m, &filter);
    assert_eq!(
        by(Filter {
            categories: vec![Category::Workforce],
            ..Filter::default()
        }),
        ["workforce-100000", "workforce-10000", "workforce-range"]
    );
    assert_eq!(
        by(Filter {
            categories: vec![Category::Fiber, Category::Mobile],
            ..Filter::default()
        }),
        ["fiber-sinuiju", "koryolink-launch"]
    );
    assert_eq!(
        by(Filter {
            kinds: vec![RecordKind::Milestone],
            ..Filter::default()
        }),
        ["fiber-sinuiju", "koryolink-launch"]
    );
    assert_eq!(
        by(Filter {
            sources: vec!["alpha".into()],
            ..Filter::default()
        }),
        ["phones-1995", "workforce-100000", "workforce-range"]
    );
    assert_eq!(
        by(Filter {
            entities: vec!["orascom".into()],
            ..Filter::default()
        }),
        ["koryolink-launch"]
    );
    assert_eq!(
        by(Filter {
            entities: vec!["sinuiju".into(), "koryolink".into()],
            ..Filter::default()
        }),
        ["fiber-sinuiju", "koryolink-launch"]
    );
    assert_eq!(
        by(Filter {
            indicator: Some("telephone-lines".into()),
            ..Filter::default()
        }),
        ["phones-1995"]
    );
}

#[test]
fn filters_combine_with_and_while_values_of_one_filter_combine_with_or() {
    let m = catalogue();
    let filter = Filter {
        categories: vec![Category::Workforce, Category::Telephony],
        kinds: vec![RecordKind::Observation],
        sources: vec!["alpha".into()],
        indicator: Some("it-workforce".into()),
        ..Filter::default()
    };
    assert_eq!(kept(&m, &filter), ["workforce-100000", "workforce-range"]);
    let filter = Filter {
        from: Some(2000),
        include_undated: true,
        ..filter
    };
    assert_eq!(kept(&m, &filter), ["workforce-100000", "workforce-range"]);
    let filter = Filter {
        search: "koryolink".into(),
        ..filter
    };
    assert!(kept(&m, &filter).is_empty());
}

#[test]
fn unknown_ids_match_nothing_and_resolve_filter_names_them() {
    let m = catalogue();
    for filter in [
        Filter {
            sources: vec!["nope".into()],
            ..Filter::default()
        },
        Filter {
            entities: vec!["nope".into()],
            ..Filter::default()
        },
        Filter {
            indicator: Some("nope".into()),
            ..Filter::default()
        },
    ] {
        assert!(m.filter(&filter).is_empty(), "{filter:?}");
        let message = m.resolve_filter(&filter).unwrap_err().to_string();
        assert!(message.contains("`nope`"), "{message}");
    }
    assert_eq!(m.resolve_filter(&Filter::default()), Ok(Filter::default()));
}

#[test]
fn resolve_filter_takes_names_and_aliases_in_any_case() {
    let m = catalogue();
    let filter = Filter {
        sources: vec!["BETA".into()],
        entities: vec![
            "shinuiju".into(),
            "고려링크".into(),
            "Orascom Telecom Holding".into(),
            "dprk".into(),
        ],
        indicator: Some("telephone lines".into()),
        from: Some(1990),
        ..Filter::default()
    };
    let resolved = m.resolve_filter(&filter).unwrap();
    assert_eq!(
        resolved,
        Filter {
            sources: vec!["beta".into()],
            entities: vec!["sinuiju".into(), "koryolink".into(), "orascom".into(), "dprk".into()],
            indicator: Some("telephone-lines".into()),
            ..filter
        }
    );
}

#[test]
fn unknown_names_get_the_closest_few_not_every_id() {
    let m = catalogue();
    let unknown = |entity: &str| {
        m.resolve_filter(&Filter {
            entities: vec![entity.into()],
            ..Filter::default()
        })
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        unknown("Koryolnk"),
        "unknown entity `Koryolnk` (did you mean `koryolink` (Koryolink)?); `nkict entities` lists them all"
    );
    assert_eq!(
        unknown("atlantis"),
        "unknown entity `atlantis`; `nkict entities` lists them all"
    );
    let indicator = m
        .resolve_filter(&Filter {
            indicator: Some("workforce".into()),
            ..Filter::default()
        })
        .unwrap_err()
        .to_string();
    assert_eq!(
        indicator,
        "unknown indicator `workforce` (did you mean `it-workforce` (IT workforce)?); \
         `nkict indicators` lists them all"
    );
}

/// Records to search: each field holds a different word.
fn searchable() -> Model {
    model(vec![
        record("in-title", json!({ "date": "1990", "title": "The FIBER backbone" })),
        record(
            "in-summary",
            json!({ "date": "1991", "summary": "Laid optical Fiber to the provinces." }),
        ),
        record(
            "in-quote",
            json!({ "date": "1992", "quote": "“fiber-optic cable” was laid" }),
        ),
        record("in-tags", json!({ "date": "1993", "tags": ["fiber", "cable"] })),
        record("sinuiju-entity", json!({ "date": "1994", "entities": ["sinuiju"] })),
        record(
            "shinuiju-text",
            json!({ "date": "1995", "quote": "A link through Shinuiju to Dandong." }),
        ),
        record("koryolink-entity", json!({ "date": "2008", "entities": ["koryolink"] })),
        record(
            "koryolink-text",
            json!({ "date": "2009", "summary": "Koryolink passed a million subscribers." }),
        ),
        record("orascom-alias", json!({ "date": "2010", "entities": ["orascom"] })),
        record("korean-text", json!({ "date": "2011", "title": "평양 정보센터" })),
        record(
            "apostrophe",
            json!({ "date": "2012", "title": "Kim Ch’aek University" }),
        ),
        record(
            "elsewhere",
            json!({ "as_of": "source", "note": "fiber in a note is not searched", "locator": "fiber" }),
        ),
    ])
}

#[test]
fn search_is_case_insensitive_over_title_summary_quote_and_tags() {
    let m = searchable();
    assert_eq!(
        kept(&m, &search("fiber")),
        ["in-title", "in-summary", "in-quote", "in-tags"]
    );
    assert_eq!(
        kept(&m, &search("  FiBeR ")),
        ["in-title", "in-summary", "in-quote", "in-tags"]
    );
    assert_eq!(kept(&m, &search("optical fiber")), ["in-summary"]);
    assert_eq!(kept(&m, &search("정보")), ["korean-text"]);
    assert_eq!(kept(&m, &search("kim ch'aek")), ["apostrophe"]);
    assert!(kept(&m, &search("absent-word")).is_empty());
    assert_eq!(
        kept(&m, &search("   ")).len(),
        m.len(),
        "blank text searches for nothing"
    );
}

#[test]
fn search_finds_entities_by_name_korean_name_and_alias() {
    let m = searchable();
    assert_eq!(kept(&m, &search("Sinuiju")), ["sinuiju-entity", "shinuiju-text"]);
    assert_eq!(kept(&m, &search("shinuiju")), ["sinuiju-entity", "shinuiju-text"]);
    assert_eq!(kept(&m, &search("신의주")), ["sinuiju-entity", "shinuiju-text"]);
    assert_eq!(kept(&m, &search("고려링크")), ["koryolink-entity", "koryolink-text"]);
    assert_eq!(kept(&m, &search("KORYOLINK")), ["koryolink-entity", "koryolink-text"]);
    assert_eq!(kept(&m, &search("orascom telecom")), ["orascom-alias"]);
}

/// Records to search the way people type: British and American spellings,
/// phrases and loose words, diacritics, an indicator's name and unit.
fn typed() -> Model {
    model(vec![
        record(
            "uk-fibre",
            json!({ "date": "1990", "title": "Fibre backbone to the Korea Computer Centre" }),
        ),
        record(
            "us-fiber",
            json!({ "date": "1991", "summary": "Fiber-optic lines, digitized at the center." }),
        ),
        record(
            "phrase",
            json!({ "date": "1992", "quote": "An optical cable was laid." }),
        ),
        record(
            "apart",
            json!({ "date": "1993", "quote": "A cable, optical and long." }),
        ),
        record(
            "lines-obs",
            json!({
                "date": "1994", "kind": "observation", "indicator": "telephone-lines",
                "entities": ["dprk"], "value": 1000, "qualifier": "exact", "title": "Exchanges",
            }),
        ),
        record("pyongyang", json!({ "date": "1995", "title": "P’yŏngyang exchange" })),
        record(
            "subscribers",
            json!({ "date": "2009", "entities": ["koryolink"], "title": "Subscribers grew" }),
        ),
        record("sinuiju", json!({ "date": "2010", "entities": ["sinuiju"] })),
    ])
}

#[test]
fn search_folds_spellings_diacritics_apostrophes_and_hyphens() {
    let m = typed();
    for (typed, expected) in [
        ("fiber", &["uk-fibre", "us-fiber"][..]),
        ("fibre", &["uk-fibre", "us-fiber"]),
        ("centre", &["uk-fibre", "us-fiber"]),
        ("center", &["uk-fibre", "us-fiber"]),
        ("digitised", &["us-fiber"]),
        ("\"fiber optic\"", &["us-fiber"]),
        ("\"fibre-optic\"", &["us-fiber"]),
        ("Pyongyang", &["pyongyang"]),
        ("P'yŏngyang", &["pyongyang"]),
        ("Sinŭiju", &["sinuiju"]),
    ] {
        assert_eq!(kept(&m, &search(typed)), expected, "{typed}");
    }
}

#[test]
fn search_needs_every_word_and_a_quoted_phrase_whole() {
    let m = typed();
    assert_eq!(kept(&m, &search("optical cable")), ["phrase", "apart"]);
    assert_eq!(kept(&m, &search("cable optical")), ["phrase", "apart"]);
    assert_eq!(kept(&m, &search("\"optical cable\"")), ["phrase"]);
    assert!(kept(&m, &search("\"cable optical\"")).is_empty());
    assert_eq!(kept(&m, &search("optical laid")), ["phrase"]);
    // A word from the entity's name and one from the title.
    assert_eq!(kept(&m, &search("Koryolink subscribers")), ["subscribers"]);
    assert_eq!(kept(&m, &search("고려링크 subscribers")), ["subscribers"]);
    assert!(kept(&m, &search("Koryolink users")).is_empty());
}

#[test]
fn search_covers_category_names() {
    // The cable is about fiber optics (its category) without saying so; the
    // word processor's title says "fibre".
    let m = model(vec![
        record(
            "cable",
            json!({ "date": "1990", "category": "fiber", "title": "Optical cable laid" }),
        ),
        record(
            "word",
            json!({ "date": "1991", "category": "software", "title": "Fibre of the nation" }),
        ),
        record(
            "other",
            json!({ "date": "1992", "category": "software", "title": "A word processor" }),
        ),
    ]);
    assert_eq!(kept(&m, &search("fibre")), ["cable", "word"]);
    assert_eq!(kept(&m, &search("\"fiber optics\"")), ["cable"]);
    assert_eq!(kept(&m, &search("fibre optical")), ["cable"]);
    assert_eq!(kept(&m, &search("software processor")), ["other"]);
}

#[test]
fn search_covers_indicator_names_and_units() {
    let m = typed();
    // Only its indicator says "telephone lines"; "lines" is also a word of
    // the fiber record and the indicator's unit.
    assert_eq!(kept(&m, &search("telephone lines")), ["lines-obs"]);
    assert_eq!(kept(&m, &search("lines")), ["us-fiber", "lines-obs"]);
    assert_eq!(kept(&m, &search("telephone exchanges")), ["lines-obs"]);
}

/// Records for the per-year and per-category queries.
fn spread() -> Model {
    model(vec![
        record("a1990", json!({ "date": "1990", "category": "fiber" })),
        record(
            "b1990",
            json!({ "date": "1990-03", "category": "mobile", "source": "beta" }),
        ),
        record(
            "p1988-1992",
            json!({ "period": { "start": "1988", "end": "1992" }, "category": "fiber" }),
        ),
        record("c1992", json!({ "date": "1992", "category": "economy" })),
        record("undated", json!({ "as_of": "source", "category": "fiber" })),
    ])
}

#[test]
fn the_filter_counts_the_years_its_records_cover_a_period_in_each_year() {
    let m = spread();
    let years = m.filter_with_hidden(&Filter::default()).years;
    assert_eq!(years.span(), Some(YearSpan { start: 1988, end: 1992 }));
    assert_eq!(
        years.within(YearSpan { start: 1988, end: 1992 }),
        [(1988, 1), (1989, 1), (1990, 3), (1991, 1), (1992, 2)]
    );
    assert_eq!(
        years.within(YearSpan { start: 1989, end: 1990 }),
        [(1989, 1), (1990, 3)]
    );
    assert_eq!(
        years.within(YearSpan { start: 1995, end: 1996 }),
        [(1995, 0), (1996, 0)]
    );
    assert_eq!(years.within(YearSpan { start: 1996, end: 1995 }), []);
    // Only the records kept: the fiber ones.
    let fiber = Filter {
        categories: vec![Category::Fiber],
        ..Filter::default()
    };
    let years = m.filter_with_hidden(&fiber).years;
    assert_eq!(
        years.within(YearSpan { start: 1987, end: 1993 }),
        [
            (1987, 0),
            (1988, 1),
            (1989, 1),
            (1990, 2),
            (1991, 1),
            (1992, 1),
            (1993, 0)
        ]
    );
    let none = m.filter_with_hidden(&search("zzzz")).years;
    assert_eq!(none.span(), None);
}

#[test]
fn the_filter_counts_its_records_by_category_in_vocabulary_order() {
    let m = spread();
    let counted = |filter: &Filter| {
        let per_category = m.filter_with_hidden(filter).per_category;
        (Category::ALL.iter().copied())
            .zip(per_category)
            .filter(|&(_, n)| n > 0)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        counted(&Filter::default()),
        [(Category::Mobile, 1), (Category::Fiber, 3), (Category::Economy, 1)]
    );
    assert_eq!(
        counted(&years(Some(1991), Some(1992))),
        [(Category::Fiber, 1), (Category::Economy, 1)]
    );
}

#[test]
fn counts_by_category_are_non_zero_in_vocabulary_order() {
    let m = spread();
    assert_eq!(
        m.counts_by_category(m.all()),
        [(Category::Mobile, 1), (Category::Fiber, 3), (Category::Economy, 1)]
    );
    assert_eq!(m.counts_by_category(&[]), []);
}

#[test]
fn counts_by_source_list_every_source_with_zeros() {
    let m = spread();
    let counts: Vec<(&str, usize)> = m
        .counts_by_source(m.all())
        .into_iter()
        .map(|(s, n)| (s.id.as_str(), n))
        .collect();
    assert_eq!(counts, [("alpha", 4), ("beta", 1), ("gamma", 0)]);
}

#[test]
fn counts_by_indicator_and_entity_list_every_one() {
    let m = catalogue();
    let all = m.all();
    let indicators: Vec<(&str, usize)> = m
        .counts_by_indicator(all)
        .into_iter()
        .map(|(i, n)| (i.id.as_str(), n))
        .collect();
    assert_eq!(
        indicators,
        [("it-workforce", 3), ("telephone-lines", 1), ("unused-indicator", 0)]
    );
    let entities: Vec<(&str, usize)> = m
        .counts_by_entity(all)
        .into_iter()
        .map(|(e, n)| (e.id.as_str(), n))
        .collect();
    assert_eq!(
        entities,
        [
            ("sinuiju", 1),
            ("koryolink", 1),
            ("orascom", 1),
            ("unused-entity", 0),
            ("dprk", 4)
        ]
    );
}

#[test]
fn claims_set_every_observation_of_an_indicator_side_by_side() {
    let m = catalogue();
    let all = m.all();
    assert_eq!(
        ids(&m, &m.claims(all, "it-workforce")),
        ["workforce-100000", "workforce-10000", "workforce-range"]
    );
    assert!(m.claims(all, "unused-indicator").is_empty());
    assert!(m.claims(all, "no-such-indicator").is_empty());
    let alpha = m.filter(&Filter {
        sources: vec!["alpha".into()],
        ..Filter::default()
    });
    assert_eq!(
        ids(&m, &m.claims(&alpha, "it-workforce")),
        ["workforce-100000", "workforce-range"]
    );
}

#[test]
fn series_keeps_the_dated_claims_with_their_years() {
    let m = catalogue();
    let series: Vec<(String, YearSpan)> = m
        .series(m.all(), "it-workforce", "dprk")
        .into_iter()
        .map(|(ix, span)| (m.record(ix).id.to_string(), span))
        .collect();
    assert_eq!(
        series,
        [
            ("workforce-100000".to_owned(), YearSpan { start: 2002, end: 2002 }),
            ("workforce-10000".to_owned(), YearSpan { start: 2005, end: 2010 }),
        ]
    );
}

#[test]
fn contested_indicators_have_several_sources_or_a_range() {
    let m = catalogue();
    let names = |view: &[RecordIx]| -> Vec<String> { m.contested(view).iter().map(|i| i.id.to_string()).collect() };
    assert_eq!(names(m.all()), ["it-workforce"]);
    let beta = m.filter(&Filter {
        sources: vec!["beta".into()],
        ..Filter::default()
    });
    assert!(names(&beta).is_empty(), "one source, no range");
    let alpha = m.filter(&Filter {
        sources: vec!["alpha".into()],
        ..Filter::default()
    });
    assert_eq!(names(&alpha), ["it-workforce"], "one source, but a range");
}

#[test]
fn year_spans_cover_the_dated_records() {
    let m = spread();
    assert_eq!(m.overall_span(), Some(YearSpan { start: 1988, end: 1992 }));
    let b1990 = m.filter(&search("title of b1990"));
    assert_eq!(m.year_span(&b1990), Some(YearSpan { start: 1990, end: 1990 }));
    let undated = m.filter(&search("title of undated"));
    assert_eq!(ids(&m, &undated), ["undated"]);
    assert_eq!(m.year_span(&undated), None);
    assert_eq!(m.year_span(&[]), None);
    assert_eq!(m.span(undated[0]), None);
}

#[test]
fn lookups_resolve_ids() {
    let m = catalogue();
    let launch = m.filter(&search("title of koryolink-launch"))[0];
    assert_eq!(m.source_of(launch).id, "beta");
    assert_eq!(m.indicator_of(launch), None);
    let entities: Vec<&str> = m.entities_of(launch).map(|e| e.id.as_str()).collect();
    assert_eq!(entities, ["koryolink", "orascom"]);
    let phones = m.filter(&search("title of phones-1995"))[0];
    assert_eq!(m.indicator_of(phones).map(|i| i.unit.as_str()), Some("lines"));
    assert_eq!(
        m.indicator("it-workforce").map(|i| i.category),
        Some(Category::Workforce)
    );
    assert!(m.indicator("nope").is_none());
    assert_eq!(m.len(), 7);
    assert!(!m.is_empty());
    assert!(model(vec![]).is_empty());
}

#[test]
fn subset_keeps_only_the_sources_indicators_and_entities_used() {
    let m = catalogue();
    let view = m.filter(&Filter {
        sources: vec!["beta".into()],
        ..Filter::default()
    });
    let subset = m.subset(&view);
    let ids_of = |items: Vec<&str>| -> Vec<String> { items.into_iter().map(str::to_owned).collect() };
    assert_eq!(ids_of(subset.sources.iter().map(|s| s.id.as_str()).collect()), ["beta"]);
    assert_eq!(
        ids_of(subset.indicators.iter().map(|i| i.id.as_str()).collect()),
        ["it-workforce"]
    );
    assert_eq!(
        ids_of(subset.entities.iter().map(|e| e.id.as_str()).collect()),
        ["sinuiju", "koryolink", "orascom", "dprk"]
    );
    assert_eq!(
        subset.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["fiber-sinuiju", "workforce-10000", "koryolink-launch", "policy-fact"]
    );
    assert_eq!(
        subset.schema_version, SCHEMA_VERSION,
        "a subset is written in the current version"
    );
    // What a subset holds is itself a valid dataset.
    let text = serde_json::to_string_pretty(&subset).unwrap();
    let reloaded = data::parse(text.as_bytes(), Path::new("subset.json")).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(reloaded, subset);
    let empty = m.subset(&[]);
    assert!(empty.sources.is_empty() && empty.indicators.is_empty() && empty.entities.is_empty());
}

fn embedded() -> Model {
    Model::new(data::load_embedded().unwrap_or_else(|err| panic!("{err}")))
}

#[test]
fn the_embedded_dataset_loads_with_at_least_80_records() {
    let m = embedded();
    assert!(m.len() >= 80, "only {} records", m.len());
    assert!(m.overall_span().is_some());
}

/// A claim's value, low, high and source.
type Figures = (Option<f64>, Option<f64>, Option<f64>, String);

/// The figures of the embedded claims of `indicator` from the three seed
/// documents.
fn seed_claims(m: &Model, indicator: &str) -> Vec<Figures> {
    let seeds = ["lee-it-progress", "tjia-hermit-kingdom", "inker-connected-isolation"];
    m.claims(m.all(), indicator)
        .iter()
        .map(|&ix| m.record(ix))
        .filter(|r| seeds.contains(&r.source.as_str()))
        .map(|r| (r.value, r.low, r.high, r.source.to_string()))
        .collect()
}

#[test]
fn the_embedded_workforce_size_has_only_claims_about_the_whole_workforce() {
    let m = embedded();
    let mut size = seed_claims(&m, "it-workforce");
    size.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let lee = || "lee-it-progress".to_owned();
    assert_eq!(
        size,
        [
            (None, Some(1_000.0), Some(1_500.0), lee()),
            (Some(10_000.0), None, None, "tjia-hermit-kingdom".to_owned()),
            (Some(100_000.0), None, None, lee()),
        ],
        "Lee's 100,000 once (its restatement is a fact), his 1,000-1,500, Tjia's 10,000"
    );
    // The skilled thousand and the sixty at international level are sub-groups.
    assert_eq!(
        seed_claims(&m, "it-workforce-skilled"),
        [(Some(1_000.0), None, None, lee())]
    );
    assert_eq!(
        seed_claims(&m, "it-workforce-international"),
        [(Some(60.0), None, None, lee())]
    );
    assert!(m.contested(m.all()).iter().any(|i| i.id == "it-workforce"));
}

#[test]
fn the_embedded_vague_amounts_keep_their_words_and_no_point_value() {
    let m = embedded();
    let vague: Vec<(&str, &str)> = m
        .dataset()
        .records
        .iter()
        .filter(|r| r.qualifier == Some(data::Qualifier::Vague))
        .map(|r| (r.id.as_str(), r.amount_text.as_deref().unwrap_or("")))
        .collect();
    for (id, words) in [
        ("blog-koryolink-users", "millions"),
        ("tjia-it-corporations", "several hundred"),
        ("tjia-pic-staff", "hundreds"),
        ("tjia-korea-pioneer-staff", "hundreds"),
        ("tjia-it-graduates", "thousands"),
        ("lee-b-pyongyang-computer-factory-486", "a few thousand"),
        ("tjia-monthly-cost", "a few hundred"),
    ] {
        assert!(
            vague.contains(&(id, words)),
            "{id} should be vague ({words}): {vague:?}"
        );
    }
    assert!(
        m.dataset()
            .records
            .iter()
            .all(|r| r.qualifier != Some(data::Qualifier::Vague) || r.value.is_none())
    );
}

#[test]
fn the_embedded_figures_whose_quote_hedges_them_say_so() {
    // A figure says no more than its quote: where the quote hedges it
    // ("reportedly", "possibly", "potentially", "claimed", "probably"),
    // the figure carries a status, shown beside it (`(unconfirmed)`).
    let m = embedded();
    let hedges = ["reportedly", "possibly", "potentially", "claimed", "probably"];
    let unhedged: Vec<&str> = (m.dataset().records.iter())
        .filter(|r| r.value.is_some() || r.low.is_some() || r.high.is_some())
        .filter(|r| {
            let quote = r.quote.to_lowercase();
            hedges.iter().any(|hedge| quote.contains(hedge))
        })
        .filter(|r| r.status.is_none())
        .map(|r| r.id.as_str())
        .collect();
    // Its "reportedly" is of who can reach the network, not of the four
    // routes counted.
    assert_eq!(unhedged, ["dyn-bgp-routes-2017"]);
    // Those found by reading every quote for these words.
    let status = |id: &str| {
        let record = m.dataset().records.iter().find(|r| r.id == id).unwrap();
        record.status
    };
    for id in [
        "disruptive-orascom-earnings-2008-2015",
        "unpanel-it-workers-abroad-2020",
        "38north-smartphone-ownership-2022",
        "chosun-sinbo-home-pages-2013",
    ] {
        assert_eq!(status(id), Some(data::Status::Unconfirmed), "{id}");
    }
    assert_eq!(status("williams-internet-users-2014"), Some(data::Status::Estimate));
}

#[test]
fn the_embedded_sources_date_their_present_lee_2002_tjia_2012_the_blog_not_at_all() {
    let m = embedded();
    let time_of = |id: &str| {
        let ix = (0..m.len()).find(|&ix| m.record(ix).id == id).unwrap();
        m.time(ix)
    };
    assert_eq!(time_of("lee-line-digitization-dprk"), Time::Approximate(2002));
    assert_eq!(time_of("tjia-kcc-staff"), Time::Approximate(2012));
    assert_eq!(time_of("blog-koryolink-users"), Time::Undated { after: Some(2017) });
    assert_eq!(time_of("lee-it-experts-added-annually"), Time::Undated { after: None });
    assert_eq!(time_of("lee-third-plan-science-focus"), Time::Own(span(1987, 1987)));
}

#[test]
fn every_embedded_source_has_records() {
    let m = embedded();
    for (source, count) in m.counts_by_source(m.all()) {
        assert!(count > 0, "source `{}` has no records", source.id);
    }
}

#[test]
fn the_embedded_dataset_answers_searches_by_any_name() {
    let m = embedded();
    let latin = m.filter(&search("Koryolink"));
    let korean = m.filter(&search("고려링크"));
    assert!(!latin.is_empty());
    assert_eq!(latin, korean, "고려링크 finds what Koryolink finds");
}

#[test]
fn a_search_over_many_records_keeps_the_order_and_misses_nothing() {
    // Enough records for the search to be split between threads.
    let words = ["Cable", "fiber", "Mobile", "고려링크", "Ch’aek", "network"];
    let records: Vec<Value> = (0..30_000)
        .map(|n| {
            let time = match n % 7 {
                0 => json!({ "as_of": "source" }),
                1 => json!({ "period": { "start": format!("{}", 1950 + n % 60), "end": "2015" } }),
                _ => json!({ "date": format!("{}", 2020 - n % 71) }),
            };
            let mut extra = json!({
                "title": format!("{} {n}", words[n % 6]),
                "summary": format!("{} and {}", words[n / 6 % 6], words[n / 36 % 6]),
                "tags": [words[n / 216 % 6].to_lowercase()],
            });
            for (key, value) in time.as_object().unwrap() {
                extra[key] = value.clone();
            }
            record(&format!("r{n}"), extra)
        })
        .collect();
    let m = model(records);
    let all = m.all();
    // Lower case without apostrophes, by hand.
    let fold = |text: &str| text.to_lowercase().replace(['’', '\''], "");
    // Each search, as the words every kept record must hold (in some field)
    // where a word starts: `1234` is not in `11234`.
    let at_a_word_start = |field: &str, word: &str| {
        (field.match_indices(word)).any(|(at, _)| !field[..at].chars().next_back().is_some_and(char::is_alphanumeric))
    };
    for (needle, words) in [
        ("CABLE", &["cable"][..]),
        ("고려링크", &["고려링크"]),
        ("ch'aek", &["chaek"]),
        ("\"fiber and mobile\"", &["fiber and mobile"]),
        ("fiber mobile", &["fiber", "mobile"]),
        ("1234", &["1234"]),
    ] {
        let expected: Vec<RecordIx> = all
            .iter()
            .copied()
            .filter(|&ix| {
                let r = m.record(ix);
                let fields: Vec<String> = [&r.title, &r.summary, &r.quote]
                    .into_iter()
                    .chain(&r.tags)
                    .map(|f| fold(f))
                    .collect();
                words.iter().all(|word| fields.iter().any(|f| at_a_word_start(f, word)))
            })
            .collect();
        assert!(!expected.is_empty(), "{needle}");
        assert_eq!(m.filter(&search(needle)), expected, "{needle}");
        let mut ranged = search(needle);
        ranged.from = Some(1990);
        ranged.to = Some(2000);
        // Every seventh record is undated: the range hides those that match.
        let undated = expected.iter().filter(|&&ix| m.span(ix).is_none()).count();
        let expected: Vec<RecordIx> = expected
            .into_iter()
            .filter(|&ix| m.span(ix).is_some_and(|s| s.overlaps(Some(1990), Some(2000))))
            .collect();
        assert_eq!(m.filter(&ranged), expected, "{needle} in 1990-2000");
        let Filtered { view, hidden, .. } = m.filter_with_hidden(&ranged);
        assert_eq!((view, hidden.undated), (expected, undated), "{needle} in 1990-2000");
    }
}

// ------------------------------------------------- effective time, version 2

/// Sources whose "at present" is about 2002 (`lee`), about 2012 (`tjia`),
/// some time after 2017 (`blog`) or unknown (`itu`), and records dated by
/// their own dates, by their source, or not at all.
fn dated_by_sources() -> Model {
    let document = json!({
        "schema_version": 2,
        "sources": [
            { "id": "lee", "title": "Lee", "authors": [], "container": "C", "published": "2002", "url": null,
              "kind": "book-chapter", "info_as_of": { "year": 2002 } },
            { "id": "tjia", "title": "Tjia", "authors": [], "container": "C", "published": "2012-08", "url": null,
              "kind": "journal-article", "info_as_of": { "year": 2012 } },
            { "id": "blog", "title": "Blog", "authors": [], "container": "C", "published": null, "url": null,
              "kind": "blog-essay", "info_as_of": { "after": 2017 } },
            { "id": "itu", "title": "ITU", "authors": [], "container": "C", "published": null, "url": null,
              "kind": "data-file" },
        ],
        "indicators": [
            { "id": "lines", "name": "Lines", "unit": "lines", "description": "d", "category": "telephony" },
            { "id": "staff", "name": "Staff", "unit": "people", "description": "d", "category": "organizations" },
        ],
        "entities": [
            { "id": "dprk", "name": "North Korea", "kind": "country" },
            { "id": "rok", "name": "South Korea", "kind": "country" },
            { "id": "kcc", "name": "Korea Computer Center", "kind": "organization" },
            { "id": "sek", "name": "SEK Studio", "kind": "organization" },
        ],
        "records": [
            record("own-1997", json!({ "date": "1997", "source": "lee" })),
            record("own-period", json!({ "period": { "start": "1987", "end": "1993" }, "source": "lee" })),
            record("lee-now", json!({ "as_of": "source", "source": "lee" })),
            record("lee-unknown", json!({ "as_of": "unknown", "source": "lee" })),
            record("blog-now", json!({ "as_of": "source", "source": "blog" })),
            record("itu-now", json!({ "as_of": "source", "source": "itu" })),
            record("own-2005", json!({ "date": "2005-03", "source": "itu" })),
            observation("lines-1997", "lines", &["dprk"], json!({ "date": "1997", "source": "lee",
                "value": 1200000, "qualifier": "approx" })),
            observation("lines-2002", "lines", &["dprk"], json!({ "as_of": "source", "source": "lee",
                "value": 1100000, "qualifier": "exact" })),
            observation("lines-2005-itu", "lines", &["dprk"], json!({ "date": "2005", "source": "itu",
                "value": 1180000, "qualifier": "exact" })),
            observation("lines-2005-tjia", "lines", &["dprk"], json!({ "date": "2005-12", "source": "tjia",
                "value": 980000, "qualifier": "exact" })),
            observation("lines-rok-range", "lines", &["rok"], json!({ "as_of": "unknown", "source": "lee",
                "low": 100, "high": 200, "qualifier": "range" })),
            observation("lines-rok-words", "lines", &["rok"], json!({ "as_of": "source", "source": "blog",
                "qualifier": "vague", "amount_text": "millions", "low": 1000000 })),
            observation("staff-kcc-lee", "staff", &["kcc"], json!({ "as_of": "source", "source": "lee",
                "value": 800, "qualifier": "exact" })),
            observation("staff-kcc-tjia", "staff", &["kcc"], json!({ "as_of": "source", "source": "tjia",
                "value": 1000, "qualifier": "at_least", "amount_text": "more than 1,000" })),
            observation("staff-sek-tjia", "staff", &["sek", "kcc"], json!({ "as_of": "source", "source": "tjia",
                "value": 1600, "qualifier": "at_least", "amount_text": "more than 1,600" })),
        ],
    });
    let text = serde_json::to_string_pretty(&document).unwrap();
    Model::new(data::parse(text.as_bytes(), Path::new("v2.json")).unwrap_or_else(|err| panic!("{err}")))
}

fn observation(id: &str, indicator: &str, entities: &[&str], extra: Value) -> Value {
    let mut fields = json!({ "kind": "observation", "indicator": indicator, "entities": entities });
    for (key, value) in extra.as_object().unwrap() {
        fields[key] = value.clone();
    }
    record(id, fields)
}

/// The position of the record with `id`.
fn at(m: &Model, id: &str) -> RecordIx {
    (0..m.len())
        .find(|&ix| m.record(ix).id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

fn span(start: i32, end: i32) -> YearSpan {
    YearSpan { start, end }
}

#[test]
fn effective_time_is_own_else_the_sources_year_else_none() {
    let m = dated_by_sources();
    let time = |id: &str| m.time(at(&m, id));
    assert_eq!(time("own-1997"), Time::Own(span(1997, 1997)));
    assert_eq!(time("own-period"), Time::Own(span(1987, 1993)));
    assert_eq!(time("lee-now"), Time::Approximate(2002));
    assert_eq!(time("staff-kcc-tjia"), Time::Approximate(2012));
    assert_eq!(
        time("lee-unknown"),
        Time::Undated { after: None },
        "as_of unknown ignores the source"
    );
    assert_eq!(
        time("blog-now"),
        Time::Undated { after: Some(2017) },
        "an open start is not a year"
    );
    assert_eq!(time("itu-now"), Time::Undated { after: None });
    assert_eq!(m.span(at(&m, "lee-now")), Some(span(2002, 2002)));
    assert_eq!(m.span(at(&m, "blog-now")), None);
    assert_eq!(m.overall_span(), Some(span(1987, 2012)));
}

#[test]
fn times_are_worded_by_where_they_come_from() {
    let m = dated_by_sources();
    let words = |id: &str| {
        let ix = at(&m, id);
        let (record, source) = (m.record(ix), m.source_of(ix));
        (format::when_short(record, source), format::when_long(record, source))
    };
    assert_eq!(words("own-1997"), ("1997".into(), "1997".into()));
    assert_eq!(words("own-period"), ("1987–1993".into(), "1987–1993".into()));
    assert_eq!(words("lee-now"), ("c. 2002".into(), "c. 2002 (source date)".into()));
    assert_eq!(
        words("blog-now"),
        ("undated".into(), "undated (source written after c. 2017)".into())
    );
    assert_eq!(words("lee-unknown"), ("undated".into(), "undated".into()));
    assert_eq!(words("itu-now"), ("undated".into(), "undated".into()));
}

fn facts_only() -> Filter {
    Filter {
        kinds: vec![RecordKind::Fact],
        ..Filter::default()
    }
}

#[test]
fn a_year_range_keeps_records_placed_by_their_source_unless_own_dates_only() {
    let m = dated_by_sources();
    let range = |from, to, own_dates_only, include_undated| {
        kept(
            &m,
            &Filter {
                from: Some(from),
                to: Some(to),
                own_dates_only,
                include_undated,
                ..facts_only()
            },
        )
    };
    assert_eq!(range(2000, 2005, false, false), ["lee-now", "own-2005"]);
    assert_eq!(range(2002, 2002, false, false), ["lee-now"]);
    assert_eq!(range(2000, 2005, true, false), ["own-2005"]);
    assert_eq!(range(1990, 1999, false, false), ["own-period", "own-1997"]);
    // Under own dates, `lee-now` is undated: after the dated ones, before
    // the records undated anyway (in file order).
    assert_eq!(
        range(2000, 2005, true, true),
        ["own-2005", "lee-now", "lee-unknown", "blog-now", "itu-now"]
    );
    assert_eq!(
        range(2000, 2005, false, true),
        ["lee-now", "own-2005", "lee-unknown", "blog-now", "itu-now"]
    );
}

#[test]
fn the_records_a_year_range_hides_by_their_time_are_counted_by_the_key_that_shows_them() {
    let m = dated_by_sources();
    let hidden = |from, to, own_dates_only, include_undated| {
        let filter = Filter {
            from: Some(from),
            to: Some(to),
            own_dates_only,
            include_undated,
            ..facts_only()
        };
        let Filtered { view, hidden, .. } = m.filter_with_hidden(&filter);
        assert_eq!(view, m.filter(&filter), "the same records as `filter`");
        (hidden.undated, hidden.approximate)
    };
    // The facts: lee-unknown, blog-now and itu-now are undated; lee-now is
    // c. 2002.
    assert_eq!(hidden(2000, 2005, false, false), (3, 0));
    // Under own dates lee-now is undated too, and o would place it in 2002.
    assert_eq!(hidden(2000, 2005, true, false), (4, 1));
    assert_eq!(hidden(1990, 1999, true, false), (4, 0), "c. 2002 is outside");
    assert_eq!(hidden(2000, 2005, true, true), (0, 0), "shown as undated");
    // With years alone (no kind chosen), the undated observations too:
    // lines-rok-range (as of unknown) and lines-rok-words (the blog's "at
    // present") beside the three facts.
    let years_alone = |own_dates_only| {
        let filter = Filter {
            from: Some(2000),
            to: Some(2005),
            own_dates_only,
            ..Filter::default()
        };
        let hidden = m.filter_with_hidden(&filter).hidden;
        (hidden.undated, hidden.approximate)
    };
    assert_eq!(years_alone(false), (5, 0));
    // Under own dates, the five placed by their source are undated too:
    // lee-now, lines-2002 and staff-kcc-lee (c. 2002, inside the range),
    // staff-kcc-tjia and staff-sek-tjia (c. 2012, outside it).
    assert_eq!(years_alone(true), (10, 3));
    // Without a year range nothing is hidden by time.
    let Filtered { hidden: none, .. } = m.filter_with_hidden(&Filter {
        own_dates_only: true,
        ..facts_only()
    });
    assert_eq!((none.undated, none.approximate), (0, 0));
}

#[test]
fn the_filter_counts_the_records_placed_in_time_and_those_of_each_source() {
    let m = dated_by_sources();
    // (placed, per source: lee, tjia, blog, itu), with the view's ids.
    let counted = |years: Option<(i32, i32)>, own_dates_only, include_undated| {
        let filter = Filter {
            from: years.map(|y| y.0),
            to: years.map(|y| y.1),
            own_dates_only,
            include_undated,
            ..facts_only()
        };
        let found = m.filter_with_hidden(&filter);
        let ids: Vec<&str> = found.view.iter().map(|&ix| m.record(ix).id.as_str()).collect();
        (ids, found.placed, found.per_source)
    };
    // Lee's: own-period, own-1997, lee-now, lee-unknown; blog's: blog-now;
    // ITU's: itu-now and own-2005; none of Tjia's is a fact.
    let (ids, placed, per_source) = counted(None, false, false);
    assert_eq!(&ids[..placed], ["own-period", "own-1997", "lee-now", "own-2005"]);
    assert_eq!((placed, per_source), (4, vec![4, 0, 1, 2]));
    // Under own dates lee-now is undated, after the dated ones.
    let (ids, placed, per_source) = counted(None, true, false);
    assert_eq!(&ids[..placed], ["own-period", "own-1997", "own-2005"]);
    assert_eq!((placed, per_source), (3, vec![4, 0, 1, 2]));
    let (ids, placed, per_source) = counted(Some((2000, 2005)), false, false);
    assert_eq!(ids, ["lee-now", "own-2005"]);
    assert_eq!((placed, per_source), (2, vec![1, 0, 0, 1]));
    let (ids, placed, per_source) = counted(Some((2000, 2005)), true, true);
    assert_eq!(ids, ["own-2005", "lee-now", "lee-unknown", "blog-now", "itu-now"]);
    assert_eq!((placed, per_source), (1, vec![2, 0, 1, 2]));
}

#[test]
fn without_a_year_range_own_dates_only_moves_source_dated_records_among_the_undated() {
    let m = dated_by_sources();
    assert_eq!(
        kept(&m, &facts_only()),
        [
            "own-period",
            "own-1997",
            "lee-now",
            "own-2005",
            "lee-unknown",
            "blog-now",
            "itu-now"
        ]
    );
    let own = Filter {
        own_dates_only: true,
        ..facts_only()
    };
    assert_eq!(
        kept(&m, &own),
        [
            "own-period",
            "own-1997",
            "own-2005",
            "lee-now",
            "lee-unknown",
            "blog-now",
            "itu-now"
        ]
    );
    assert_eq!(own.to_args(), ["--kind", "fact", "--own-dates"]);
}

/// Each group as (indicator id, subject id, claim ids).
fn groups(m: &Model, groups: &[Claims]) -> Vec<(String, String, Vec<String>)> {
    groups
        .iter()
        .map(|g| {
            (
                m.dataset().indicators[g.indicator].id.to_string(),
                g.subject.map_or("-".into(), |e| m.dataset().entities[e].id.to_string()),
                ids(m, &g.claims),
            )
        })
        .collect()
}

fn group(indicator: &str, subject: &str, claims: &[&str]) -> (String, String, Vec<String>) {
    (
        indicator.into(),
        subject.into(),
        claims.iter().map(|c| (*c).to_owned()).collect(),
    )
}

#[test]
fn contested_means_one_subject_with_several_sources_or_a_range() {
    let m = dated_by_sources();
    assert_eq!(
        groups(&m, &m.contests(m.all())),
        [
            group(
                "lines",
                "dprk",
                &["lines-1997", "lines-2002", "lines-2005-itu", "lines-2005-tjia"]
            ),
            group("lines", "rok", &["lines-rok-range", "lines-rok-words"]),
            group("staff", "kcc", &["staff-kcc-lee", "staff-kcc-tjia"]),
        ]
    );
    let ids_of = |view: &[RecordIx]| -> Vec<String> { m.contested(view).iter().map(|i| i.id.to_string()).collect() };
    assert_eq!(ids_of(m.all()), ["lines", "staff"]);
    // Staff of two organisations from two sources: two quantities, no contest.
    let two_bodies = [at(&m, "staff-kcc-lee"), at(&m, "staff-sek-tjia")];
    assert!(m.contests(&two_bodies).is_empty());
    // One source, but a range: uncertain.
    assert_eq!(
        groups(&m, &m.contests(&[at(&m, "lines-rok-range")])),
        [group("lines", "rok", &["lines-rok-range"])]
    );
}

#[test]
fn latest_is_per_subject_by_effective_time_and_keeps_ties() {
    let m = dated_by_sources();
    assert_eq!(
        groups(&m, &m.latest(m.all(), "lines", false)),
        [
            group("lines", "dprk", &["lines-2005-itu", "lines-2005-tjia"]),
            group("lines", "rok", &["lines-rok-range", "lines-rok-words"]),
        ]
    );
    assert_eq!(
        groups(&m, &m.latest(m.all(), "staff", false)),
        [
            group("staff", "kcc", &["staff-kcc-tjia"]),
            group("staff", "sek", &["staff-sek-tjia"]),
        ]
    );
    // By own dates only, every staff claim is undated: all are latest.
    assert_eq!(
        groups(&m, &m.latest(m.all(), "staff", true)),
        [
            group("staff", "kcc", &["staff-kcc-lee", "staff-kcc-tjia"]),
            group("staff", "sek", &["staff-sek-tjia"]),
        ]
    );
    let until_2003 = m.filter(&Filter {
        to: Some(2003),
        ..Filter::default()
    });
    assert_eq!(
        groups(&m, &m.latest(&until_2003, "lines", false)),
        [group("lines", "dprk", &["lines-2002"])]
    );
    assert_eq!(
        groups(&m, &m.latest(&until_2003, "lines", true)),
        [group("lines", "dprk", &["lines-1997"])],
        "c. 2002 is not an own date"
    );
}

#[test]
fn a_series_is_one_subjects_dated_claims_from_every_source() {
    let m = dated_by_sources();
    let series = |indicator: &str, subject: &str| -> Vec<(String, YearSpan)> {
        m.series(m.all(), indicator, subject)
            .into_iter()
            .map(|(ix, s)| (m.record(ix).id.to_string(), s))
            .collect()
    };
    assert_eq!(
        series("lines", "dprk"),
        [
            ("lines-1997".to_owned(), span(1997, 1997)),
            ("lines-2002".to_owned(), span(2002, 2002)),
            ("lines-2005-itu".to_owned(), span(2005, 2005)),
            ("lines-2005-tjia".to_owned(), span(2005, 2005)),
        ]
    );
    assert!(series("lines", "rok").is_empty(), "undated claims are no series");
    assert_eq!(
        series("staff", "kcc"),
        [
            ("staff-kcc-lee".to_owned(), span(2002, 2002)),
            ("staff-kcc-tjia".to_owned(), span(2012, 2012)),
        ],
        "SEK Studio's staff names KCC second: not KCC's"
    );
    assert!(series("lines", "nobody").is_empty());
}

#[test]
fn figures_say_no_more_than_their_words() {
    let m = dated_by_sources();
    let figure = |id: &str| {
        let ix = at(&m, id);
        format::figure_with_unit(m.record(ix), format::Unit::of(m.indicator_of(ix).unwrap())).unwrap()
    };
    assert_eq!(figure("staff-kcc-tjia"), "more than 1,000 people");
    assert_eq!(figure("lines-rok-words"), "millions of lines (at least 1,000,000)");
    assert_eq!(figure("lines-rok-range"), "100–200 lines");
    assert_eq!(figure("lines-1997"), "about 1,200,000 lines");
}

#[test]
fn the_filter_lists_the_observations_in_view_in_view_order() {
    // What the indicators' rows read: the records in view with an indicator.
    let m = typed();
    for filter in [Filter::default(), search("lines"), years(Some(2000), Some(2010))] {
        let Filtered { view, observations, .. } = m.filter_with_hidden(&filter);
        let expected: Vec<RecordIx> = (view.iter().copied())
            .filter(|&ix| m.record(ix).indicator.is_some())
            .collect();
        assert_eq!(observations, expected, "{filter:?}");
    }
    let all = m.filter_with_hidden(&Filter::default());
    assert!(!all.observations.is_empty() && all.observations.len() < all.view.len());
}

/// The bundled dataset sifted from its prepared form (what a command on it
/// reads) and from its JSON (as a file is read): the same records kept,
/// in the same order, with the same counts, whatever the filter.
#[test]
fn the_prepared_bundled_dataset_sifts_as_its_json_does() {
    use nkict::model::sift::{Keep, Progress, sift, sift_embedded};
    let json = data::load::EMBEDDED.as_bytes();
    let filters = [
        Filter::default(),
        Filter {
            from: Some(1990),
            to: Some(2000),
            ..Filter::default()
        },
        Filter {
            categories: vec![Category::Fiber, Category::Mobile],
            search: "cable".into(),
            ..Filter::default()
        },
        Filter {
            kinds: vec![RecordKind::Observation],
            own_dates_only: true,
            ..Filter::default()
        },
    ];
    for filter in &filters {
        for keep in [Keep::Filtered, Keep::All] {
            let progress = Progress::default();
            let prepared = sift_embedded(filter, keep, &progress, None).unwrap_or_else(|err| panic!("{err}"));
            let loaded = sift(json, Path::new("nkict.json"), filter, keep).unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(prepared.model.dataset(), loaded.model.dataset(), "{filter:?} {keep:?}");
            assert_eq!(prepared.view, loaded.view, "{filter:?} {keep:?}");
            assert_eq!(prepared.tally, loaded.tally, "{filter:?} {keep:?}");
            assert_eq!(prepared.filter, loaded.filter, "{filter:?} {keep:?}");
            assert_eq!(progress.get(), (json.len(), json.len()));
        }
    }
    // A filter kept some records and left others.
    let some = sift_embedded(&filters[2], Keep::Filtered, &Progress::default(), None).unwrap();
    assert!(!some.view.is_empty() && some.view.len() < some.tally.records);
}
