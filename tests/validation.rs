//! Every way a dataset file can be wrong, and the message each one gets
//! (snapshotted), plus inputs that must be refused without a panic.

use std::path::Path;

use nkict::data::{self, LoadError};
use serde_json::{Value, json};

const PATH: &str = "test.json";

/// A small valid dataset: one source, indicator and entity, a fact and an
/// observation.
fn base() -> Value {
    json!({
        "schema_version": 2,
        "sources": [
            { "id": "lee", "title": "IT Progress", "authors": ["Hyung-Seog Lee"], "container": "Bytes and Bullets",
              "published": null, "url": null, "kind": "book-chapter", "text_file": "lee.txt" },
        ],
        "indicators": [
            { "id": "it-workforce", "name": "IT workforce", "unit": "people", "description": "People in IT.",
              "category": "workforce" },
        ],
        "entities": [
            { "id": "koryolink", "name": "Koryolink", "kind": "network", "korean": "고려링크" },
            { "id": "dprk", "name": "North Korea", "kind": "country" },
        ],
        "records": [
            {
                "id": "koryolink-launch",
                "kind": "milestone",
                "category": "mobile",
                "title": "Koryolink launches",
                "summary": "The 3G network opens.",
                "date": "2008-12",
                "entities": ["koryolink"],
                "source": "lee",
                "locator": "Mobile",
                "quote": "Koryolink began service in December 2008."
            },
            {
                "id": "it-workforce-100000",
                "kind": "observation",
                "category": "workforce",
                "title": "About 100,000 IT workers",
                "summary": "An estimate of the IT workforce.",
                "as_of": "source",
                "entities": ["dprk"],
                "indicator": "it-workforce",
                "value": 100000,
                "qualifier": "approx",
                "source": "lee",
                "locator": "Manpower",
                "quote": "about 100,000 IT workers"
            }
        ]
    })
}

fn load(bytes: &[u8]) -> Result<data::Dataset, LoadError> {
    data::parse(bytes, Path::new(PATH))
}

/// The message for a document, pretty-printed as a contributor would write it.
fn error(document: &Value) -> String {
    error_text(&serde_json::to_string_pretty(document).unwrap())
}

fn error_text(text: &str) -> String {
    match load(text.as_bytes()) {
        Ok(_) => panic!("loaded, but should not have:\n{text}"),
        Err(err) => err.to_string(),
    }
}

/// `base()` with fields of record `index` set (or removed, for `null`).
fn with_record(index: usize, fields: Value) -> Value {
    let mut document = base();
    let record = document["records"][index].as_object_mut().unwrap();
    for (key, value) in fields.as_object().unwrap() {
        if value.is_null() {
            record.remove(key);
        } else {
            record.insert(key.clone(), value.clone());
        }
    }
    document
}

#[test]
fn the_base_document_is_valid() {
    let text = serde_json::to_string_pretty(&base()).unwrap();
    let dataset = load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(dataset.records.len(), 2);
}

#[test]
fn json_syntax_error() {
    let text = "{\n  \"schema_version\": 1,\n  \"sources\": []\n  \"indicators\": []\n}\n";
    insta::assert_snapshot!(error_text(text));
}

#[test]
fn json_syntax_error_in_a_record() {
    let text = serde_json::to_string_pretty(&base())
        .unwrap()
        .replacen("\"Mobile\",", "\"Mobile\",,", 1);
    let err = load(text.as_bytes()).unwrap_err();
    assert!(matches!(err, LoadError::Syntax { .. }), "{err:?}");
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn trailing_characters_after_the_document() {
    let text = format!("{}\n]", serde_json::to_string_pretty(&base()).unwrap());
    insta::assert_snapshot!(error_text(&text));
}

#[test]
fn type_error_value_given_as_a_string() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "value": "100000" }))));
}

#[test]
fn type_errors_in_several_items_are_reported_together() {
    let mut document = with_record(1, json!({ "value": "100000" }));
    document["sources"][0]["published"] = json!("around 2002");
    document["records"][0]["entities"] = json!("koryolink");
    insta::assert_snapshot!(error(&document));
}

#[test]
fn an_item_without_a_readable_id_is_named_by_its_index() {
    let mut document = base();
    document["records"][1]["id"] = json!(17);
    document["records"][0] = json!(42);
    insta::assert_snapshot!(error(&document));
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = r#"{"schema_version": 1, "sources": [], "indicators": [], "entities": [],
"records": [{"title": "고려링크 launches", "value": "x"}]}"#;
    let message = error_text(text);
    // serde_json stops at the closing quote of `"x"`: count the characters up to it.
    let line = text.lines().nth(1).unwrap();
    let quote = line.find(r#""x""#).unwrap() + 2;
    let column = line[..quote].chars().count() + 1;
    assert_ne!(column, quote + 1, "the line has multi-byte characters before the error");
    let expected = format!("test.json:2:{column}: records[0]: field `value`");
    assert!(message.contains(&expected), "{message}\nexpected {expected}");
}

#[test]
fn unknown_category() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "category": "satellite" }))));
}

#[test]
fn unknown_record_kind_and_qualifier() {
    let mut document = with_record(0, json!({ "kind": "event" }));
    document["records"][1]["qualifier"] = json!("about");
    insta::assert_snapshot!(error(&document));
}

#[test]
fn impossible_day() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "date": "2001-02-30" }))));
}

#[test]
fn impossible_month() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "date": "1997-13" }))));
}

#[test]
fn two_digit_year() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "date": "97" }))));
}

#[test]
fn malformed_date_in_a_period() {
    let document = with_record(
        0,
        json!({ "date": null, "period": { "start": "1987", "end": "1993-1" } }),
    );
    insta::assert_snapshot!(error(&document));
}

#[test]
fn period_starts_after_it_ends() {
    let document = with_record(
        0,
        json!({ "date": null, "period": { "start": "1993-05", "end": "1993-04-30" } }),
    );
    insta::assert_snapshot!(error(&document));
}

#[test]
fn a_period_within_one_year_at_different_precisions_is_fine() {
    for (start, end) in [
        ("1993", "1993"),
        ("1993-05", "1993"),
        ("1993", "1993-02"),
        ("1993-05-31", "1993-05"),
    ] {
        let document = with_record(0, json!({ "date": null, "period": { "start": start, "end": end } }));
        let text = serde_json::to_string_pretty(&document).unwrap();
        assert!(load(text.as_bytes()).is_ok(), "{start} to {end}");
    }
}

#[test]
fn duplicate_ids() {
    let mut document = with_record(1, json!({ "id": "koryolink-launch" }));
    let source = document["sources"][0].clone();
    document["sources"].as_array_mut().unwrap().push(source);
    insta::assert_snapshot!(error(&document));
}

#[test]
fn ids_must_be_non_empty_without_spaces() {
    let mut document = with_record(0, json!({ "id": "koryolink launch" }));
    document["entities"][0]["id"] = json!("");
    document["records"][0]["entities"] = json!([""]);
    insta::assert_snapshot!(error(&document));
}

#[test]
fn unknown_source() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "source": "kim" }))));
}

#[test]
fn unknown_indicator() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "indicator": "it-workers" }))));
}

#[test]
fn unknown_indicators_in_the_dashboard_section() {
    let mut document = base();
    document["dashboard"] = json!({ "headline": ["it-workforce", "teledensity"], "key_figures": ["pc-stock"] });
    insta::assert_snapshot!(error(&document));
}

#[test]
fn the_dataset_and_dashboard_sections_are_typed() {
    let mut document = base();
    document["dataset"] = json!({ "title": "T", "authors": "A. Author" });
    document["dashboard"] = json!({ "headline": "it-workforce", "key_figure": [] });
    insta::assert_snapshot!(error(&document));
}

#[test]
fn the_dataset_and_dashboard_sections_load() {
    let mut document = base();
    document["dataset"] = json!({ "title": "T", "authors": ["A. Author"], "license": "CC-BY-4.0" });
    document["dashboard"] = json!({ "headline": ["it-workforce"] });
    let text = serde_json::to_string_pretty(&document).unwrap();
    let dataset = load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    let metadata = dataset.metadata.expect("the dataset section");
    assert_eq!(metadata.title.as_deref(), Some("T"));
    assert_eq!(metadata.authors, ["A. Author"]);
    assert_eq!(metadata.license.as_deref(), Some("CC-BY-4.0"));
    let dashboard = dataset.dashboard.expect("the dashboard section");
    assert_eq!(dashboard.headline, ["it-workforce"]);
    assert!(dashboard.key_figures.is_empty());
}

#[test]
fn unknown_entity() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "entities": ["koryolink", "orascom"] }))));
}

#[test]
fn entity_listed_twice() {
    insta::assert_snapshot!(error(&with_record(
        0,
        json!({ "entities": ["koryolink", "koryolink"] })
    )));
}

#[test]
fn low_greater_than_value() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "low": 200000 }))));
}

#[test]
fn value_greater_than_high() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "high": 50000 }))));
}

#[test]
fn range_low_greater_than_high() {
    let document = with_record(
        1,
        json!({ "qualifier": "range", "value": null, "low": 1500, "high": 1000 }),
    );
    insta::assert_snapshot!(error(&document));
}

#[test]
fn range_without_high() {
    let document = with_record(1, json!({ "qualifier": "range", "value": null, "low": 1000 }));
    insta::assert_snapshot!(error(&document));
}

#[test]
fn empty_quote() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "quote": "  " }))));
}

#[test]
fn empty_title_summary_and_locator() {
    insta::assert_snapshot!(error(&with_record(
        0,
        json!({ "title": "", "summary": "", "locator": "" })
    )));
}

#[test]
fn missing_time() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "date": null }))));
}

#[test]
fn more_than_one_time() {
    insta::assert_snapshot!(error(&with_record(0, json!({ "as_of": "source" }))));
}

#[test]
fn observation_without_indicator() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "indicator": null }))));
}

#[test]
fn observation_without_qualifier() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "qualifier": null }))));
}

#[test]
fn observation_without_value() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "value": null }))));
}

#[test]
fn figures_on_a_non_observation() {
    let document = with_record(
        0,
        json!({ "indicator": "it-workforce", "value": 3, "qualifier": "exact" }),
    );
    insta::assert_snapshot!(error(&document));
}

#[test]
fn type_errors_do_not_hide_the_other_problems() {
    // Record 0 has a type error; record 1 an unknown source; both are reported.
    let mut document = with_record(0, json!({ "value": "lots" }));
    document["records"][1]["source"] = json!("kim");
    let message = error(&document);
    assert!(
        message.contains("field `value`: invalid type: string `lots`"),
        "{message}"
    );
    assert!(message.contains("unknown source `kim`"), "{message}");
    // A source that failed to parse is not known, but records citing it are
    // not called unknown: that would blame the wrong line.
    let mut document = base();
    document["sources"][0]["published"] = json!("around 2002");
    let message = error(&document);
    assert!(message.contains("field `published`"), "{message}");
    assert!(!message.contains("unknown source"), "{message}");
}

#[test]
fn several_problems_are_reported_together_sorted_by_line() {
    // One type error per item at most: serde stops at the first in each.
    let mut document = with_record(1, json!({ "value": null, "vaule": 100000 }));
    document["records"][0]["date"] = json!("2008-02-30");
    document["sources"][0]["published"] = json!("around 2002");
    let message = error(&document);
    insta::assert_snapshot!(message);
    // Without type errors, every check that needs the whole dataset reports.
    let mut document = with_record(1, json!({ "source": "kim", "low": 200000, "quote": "" }));
    document["records"][0]["entities"] = json!(["orascom"]);
    document["schema_version"] = json!(3);
    let message = error(&document);
    let lines: Vec<usize> = message
        .lines()
        .skip(1)
        .filter_map(|line| line.trim().strip_prefix("test.json:")?.split(':').next()?.parse().ok())
        .collect();
    assert!(lines.len() >= 5 && lines.is_sorted(), "{message}");
    insta::assert_snapshot!("several_problems_after_types_are_fixed", message);
}

#[test]
fn wrong_schema_version() {
    let mut document = base();
    document["schema_version"] = json!(3);
    insta::assert_snapshot!(error(&document));
}

#[test]
fn schema_version_of_the_wrong_type() {
    let mut document = base();
    document["schema_version"] = json!("1");
    insta::assert_snapshot!(error(&document));
}

#[test]
fn unknown_field() {
    let document = with_record(1, json!({ "value": null, "vaule": 100000 }));
    insta::assert_snapshot!(error(&document));
}

#[test]
fn other_top_level_fields_are_ignored() {
    // An export document carries its filter and citation beside the data.
    let mut document = base();
    document["generated_at"] = json!("2026-01-01T00:00:00Z");
    document["filter"] = json!({ "from": 1990 });
    let text = serde_json::to_string_pretty(&document).unwrap();
    assert_eq!(
        load(text.as_bytes())
            .unwrap_or_else(|err| panic!("{err}"))
            .records
            .len(),
        2
    );
}

#[test]
fn a_misspelt_list_is_missing() {
    let mut document = base();
    let records = document.as_object_mut().unwrap().remove("records").unwrap();
    document["record"] = records;
    insta::assert_snapshot!(error(&document));
}

#[test]
fn missing_top_level_field() {
    let mut document = base();
    document.as_object_mut().unwrap().remove("indicators");
    insta::assert_snapshot!(error(&document));
}

#[test]
fn text_file_with_folders() {
    let mut document = base();
    document["sources"][0]["text_file"] = json!("../seeds/lee.txt");
    insta::assert_snapshot!(error(&document));
}

// Robustness: refused with a located error, never a panic.

#[test]
fn empty_input() {
    let err = load(b"").unwrap_err();
    assert!(matches!(err, LoadError::Syntax { line: 1, column: 1, .. }), "{err:?}");
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn only_white_space() {
    let err = load(b"  \n\t \n").unwrap_err();
    assert!(matches!(err, LoadError::Syntax { line: 3, column: 1, .. }), "{err:?}");
}

#[test]
fn invalid_utf8_reports_line_and_column() {
    let mut bytes = serde_json::to_string_pretty(&base()).unwrap().into_bytes();
    let at = bytes.windows(6).position(|w| w == b"Mobile").unwrap();
    bytes[at + 2] = 0xFF;
    let err = load(&bytes).unwrap_err();
    assert!(err.is_invalid_data());
    insta::assert_snapshot!(err.to_string());
    let mut korean = "{\n  \"t\": \"고려".as_bytes().to_vec();
    korean.push(0xEA);
    korean.extend_from_slice(b"\"}");
    let err = load(&korean).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::NotUtf8 {
                line: 2,
                column: 11,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_byte_order_mark_before_valid_json_is_fine() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(serde_json::to_string_pretty(&base()).unwrap().as_bytes());
    assert_eq!(load(&bytes).unwrap_or_else(|err| panic!("{err}")).records.len(), 2);
}

#[test]
fn a_huge_number() {
    let huge = serde_json::to_string_pretty(&base())
        .unwrap()
        .replacen("\"value\": 100000", "\"value\": 1e400", 1);
    insta::assert_snapshot!(error_text(&huge));
    let mut document = base();
    document["schema_version"] = json!(u64::MAX);
    assert!(error(&document).contains("schema_version"));
}

#[test]
fn deep_nesting() {
    let deep = "[".repeat(100_000);
    assert!(load(deep.as_bytes()).is_err());
    let closed = format!("{deep}{}", "]".repeat(100_000));
    assert!(load(closed.as_bytes()).is_err());
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert!(load(objects.as_bytes()).is_err());
    let text = serde_json::to_string(&base()).unwrap();
    for (field, nested) in [
        ("\"Mobile\"", &closed),
        ("[\"koryolink\"]", &closed),
        ("\"lee\"", &objects),
    ] {
        assert!(text.contains(field), "{field}");
        let inside = text.replacen(field, nested, 1);
        assert!(load(inside.as_bytes()).is_err(), "{field}");
    }
    let extra = text.replacen("\"locator\"", &format!("\"extra\": {closed}, \"locator\""), 1);
    assert!(load(extra.as_bytes()).is_err());
}

#[test]
fn an_array_instead_of_an_object() {
    insta::assert_snapshot!(error_text("[]"));
    // serde would read an array of five values as the five fields.
    let err = error_text(r#"[1, [], [], [], []]"#);
    assert!(err.contains("expected a JSON object"), "{err}");
}

#[test]
fn null() {
    insta::assert_snapshot!(error_text("null"));
}

#[test]
fn records_not_an_array() {
    let mut document = base();
    document["records"] = json!({ "koryolink-launch": {} });
    insta::assert_snapshot!(error(&document));
}

#[test]
fn a_ten_megabyte_string() {
    let long = "x".repeat(10 * 1024 * 1024);
    let mut document = base();
    document["records"][0]["title"] = json!(long);
    // Valid, if unwise: a long title is not an error.
    let text = serde_json::to_string(&document).unwrap();
    assert!(load(text.as_bytes()).is_ok());
    // In the wrong place, the message quotes only the start of it.
    document["records"][0]["value"] = json!(long);
    document["records"][1] = json!(long);
    document["records"][0]["id"] = json!(long);
    let message = error(&document);
    assert!(message.len() < 2_000, "{} bytes", message.len());
    insta::assert_snapshot!(message);
}

#[test]
fn the_last_of_many_items_is_located_on_its_line() {
    let mut document = base();
    let record = document["records"][0].clone();
    let records: Vec<Value> = (0..2_000)
        .map(|n| {
            let mut r = record.clone();
            r["id"] = json!(format!("record-{n}"));
            r
        })
        .collect();
    document["records"] = json!(records);
    let text = serde_json::to_string_pretty(&document).unwrap();
    assert_eq!(load(text.as_bytes()).unwrap().records.len(), 2_000);
    document["records"][1_999]["source"] = json!("kim");
    let text = serde_json::to_string_pretty(&document).unwrap();
    let id = text.find("\"id\": \"record-1999\"").unwrap();
    let brace = text[..id].rfind('{').unwrap();
    let line = text[..brace].matches('\n').count() + 1;
    let column = brace - text[..brace].rfind('\n').unwrap();
    let message = error_text(&text);
    let expected = format!("test.json:{line}:{column}: record `record-1999`: field `source`: unknown source `kim`");
    assert!(message.contains(&expected), "{message}\nexpected {expected}");
}

// ------------------------------------------------------ version 2's fields

/// `base()` with fields of source 0 set.
fn with_source(fields: Value) -> Value {
    let mut document = base();
    let source = document["sources"][0].as_object_mut().unwrap();
    for (key, value) in fields.as_object().unwrap() {
        source.insert(key.clone(), value.clone());
    }
    document
}

#[test]
fn a_version_1_file_loads_with_its_years_and_free_text_kinds() {
    let mut document = base();
    document["schema_version"] = json!(1);
    document["sources"][0]["published"] = json!(2002);
    document["sources"][0]["kind"] = json!("Book chapter");
    let mut column = document["sources"][0].clone();
    column["id"] = json!("tjia");
    column["kind"] = json!("magazine column");
    document["sources"].as_array_mut().unwrap().push(column);
    let text = serde_json::to_string_pretty(&document).unwrap();
    let dataset = load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(dataset.schema_version, 1);
    let lee = &dataset.sources[0];
    assert_eq!(lee.published, Some(data::PartialDate::year(2002)));
    assert_eq!(lee.kind, data::SourceKind::BookChapter);
    assert_eq!(dataset.sources[1].kind, data::SourceKind::MagazineArticle);
    // Written back, it is version 2's form.
    let written = serde_json::to_value(lee).unwrap();
    assert_eq!(
        (written["published"].clone(), written["kind"].clone()),
        (json!("2002"), json!("book-chapter"))
    );
}

#[test]
fn every_source_field_of_version_2_loads() {
    let document = with_source(json!({
        "published": "2012-08", "publisher": "Association for Computing Machinery", "volume": "55", "issue": "8",
        "pages": "22-25", "doi": "10.1145/2240236.2240245", "accessed": "2025-01-31",
        "repository": "MilkMp/CIA-World-Factbooks-Archive-1990-2025", "path": "data/fields/x.sql.gz",
        "commit": "c02f555", "original": { "title": "The World Factbook", "published": "1996" },
        "info_as_of": { "year": 2012 }, "kind": "data-file",
    }));
    let text = serde_json::to_string_pretty(&document).unwrap();
    let dataset = load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    let source = &dataset.sources[0];
    assert_eq!(source.info_as_of, Some(data::InfoAsOf::Year(2012)));
    assert_eq!(source.published.map(|d| d.to_string()).as_deref(), Some("2012-08"));
    assert_eq!(source.kind.label(), "data file");
    let after = with_source(json!({ "info_as_of": { "after": 2017 } }));
    let text = serde_json::to_string_pretty(&after).unwrap();
    let dataset = load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(dataset.sources[0].info_as_of, Some(data::InfoAsOf::After(2017)));
}

#[test]
fn unknown_source_kind_lists_the_slugs() {
    insta::assert_snapshot!(error(&with_source(json!({ "kind": "column" }))));
}

#[test]
fn info_as_of_with_both_a_year_and_an_open_start() {
    insta::assert_snapshot!(error(&with_source(
        json!({ "info_as_of": { "year": 2002, "after": 2000 } })
    )));
}

#[test]
fn malformed_doi_commit_and_repository() {
    let document = with_source(json!({
        "doi": "https://doi.org/10.1145/2240236.2240245", "commit": "not-a-hash",
        "repository": "CIA-World-Factbooks", "info_as_of": { "year": 12 },
    }));
    insta::assert_snapshot!(error(&document));
}

#[test]
fn a_vague_amount_with_words_and_a_bound_is_valid() {
    let document = with_record(
        1,
        json!({ "qualifier": "vague", "value": null, "amount_text": "millions", "low": 2000000 }),
    );
    let text = serde_json::to_string_pretty(&document).unwrap();
    load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
}

#[test]
fn vague_without_amount_text() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "qualifier": "vague", "value": null }))));
}

#[test]
fn vague_with_a_value() {
    insta::assert_snapshot!(error(&with_record(
        1,
        json!({ "qualifier": "vague", "amount_text": "millions" })
    )));
}

#[test]
fn observation_without_entity() {
    insta::assert_snapshot!(error(&with_record(1, json!({ "entities": [] }))));
}

#[test]
fn amount_text_and_status_on_a_non_observation() {
    let document = with_record(0, json!({ "amount_text": "millions", "status": "estimate" }));
    insta::assert_snapshot!(error(&document));
}

#[test]
fn unknown_status_and_as_of() {
    let mut document = with_record(1, json!({ "status": "guess" }));
    document["records"][0]["date"] = Value::Null;
    document["records"][0]["as_of"] = json!("never");
    insta::assert_snapshot!(error(&document));
}

#[test]
fn as_of_unknown_and_a_status_are_valid() {
    let document = with_record(1, json!({ "as_of": "unknown", "status": "estimate" }));
    let text = serde_json::to_string_pretty(&document).unwrap();
    let dataset = load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(dataset.records[1].as_of, Some(data::AsOf::Unknown));
    assert_eq!(dataset.records[1].status, Some(data::Status::Estimate));
}

#[test]
fn a_version_1_observation_may_name_no_entity() {
    let mut document = with_record(1, json!({ "entities": [] }));
    document["schema_version"] = json!(1);
    let text = serde_json::to_string_pretty(&document).unwrap();
    load(text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
}

#[test]
fn blank_author_names_are_refused_as_blank_titles_are() {
    // Citations list every author: a blank one is a hole in each of them.
    let mut document = with_source(json!({ "authors": ["Hyung-Seog Lee", " ", ""] }));
    document["dataset"] = json!({ "title": "T", "authors": ["\u{2060}", "A. Author"] });
    insta::assert_snapshot!(error(&document));
}

#[test]
fn an_id_given_twice_is_reported_with_the_other_problems_of_either_item() {
    // The second record takes the first's id and has an impossible date;
    // the first of two sources with one id has an unreadable date.
    let mut document = with_record(1, json!({ "id": "koryolink-launch", "as_of": null, "date": "1997-13" }));
    let mut source = document["sources"][0].clone();
    source["kind"] = json!("web-page");
    document["sources"].as_array_mut().unwrap().push(source);
    document["sources"][0]["published"] = json!("around 2002");
    insta::assert_snapshot!(error(&document));
}

#[test]
fn an_item_that_does_not_parse_keeps_its_place_in_the_numbering() {
    // The first record is not an object, the second has no valid id: it
    // is the second of the list (`records[1]`), not the first that parsed.
    let mut document = with_record(1, json!({ "id": "Not An Id" }));
    document["records"][0] = json!(42);
    insta::assert_snapshot!(error(&document));
}

/// `text` with its first `from` replaced by `to`.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn a_bad_value_is_located_at_itself_whether_or_not_its_field_is_the_last() {
    let text = serde_json::to_string_pretty(&with_record(0, json!({ "date": "2008-13" }))).unwrap();
    // The date made the record's last field (`title` is, sorted by name).
    let last = replaced(
        &replaced(&text, "      \"date\": \"2008-13\",\n", ""),
        "\"title\": \"Koryolink launches\"\n",
        "\"title\": \"Koryolink launches\",\n      \"date\": \"2008-13\"\n",
    );
    // Its period's end made the last field of the period, and the record's.
    let period = replaced(
        &text,
        "\"date\": \"2008-13\"",
        "\"period\": {\n        \"start\": \"2008\",\n        \"end\": \"2008-13\"\n      }",
    );
    for (text, value, field) in [
        (&text, "\"2008-13\"", "date"),
        (&last, "\"2008-13\"", "date"),
        (&period, "\"end\": \"2008-13\"", "period.end"),
    ] {
        let line = text.lines().position(|l| l.contains(value)).unwrap() + 1;
        // `      "date": "2008-13"`: its closing quote is the 23rd character;
        // `        "end": "2008-13"`'s the 24th.
        let column = if field == "date" { 23 } else { 24 };
        let error = error_text(text);
        assert!(
            error.contains(&format!(
                "test.json:{line}:{column}: record `koryolink-launch`: field `{field}`: `2008-13`"
            )),
            "{error}"
        );
    }
}
