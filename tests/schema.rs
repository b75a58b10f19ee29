//! `data/schema.json` is generated from the Rust types; this test fails when
//! it is stale and rewrites it with `NKICT_WRITE_SCHEMA=1 cargo test --test schema`.
//! It also checks that `data/nkict.json` loads and fits the schema's shape.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nkict::data::{self, Category, Dataset, SCHEMA_VERSION};
use serde_json::Value;

fn data_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name)
}

/// The schema as `data/schema.json` should hold it.
fn generated() -> String {
    let schema = schemars::schema_for!(Dataset);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

fn schema() -> Value {
    serde_json::from_str(&generated()).unwrap()
}

#[test]
fn schema_json_is_up_to_date() {
    let path = data_file("schema.json");
    let text = generated();
    if std::env::var("NKICT_WRITE_SCHEMA").is_ok_and(|v| !v.is_empty() && v != "0") {
        std::fs::write(&path, &text).unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
        eprintln!("wrote {}", path.display());
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    // Compare without caring about line endings (a Windows checkout may add \r).
    assert!(
        current.replace("\r\n", "\n") == text,
        "{} is stale: regenerate it with `NKICT_WRITE_SCHEMA=1 cargo test --test schema`",
        path.display()
    );
}

#[test]
fn the_dataset_file_loads_and_is_the_embedded_one() {
    let dataset = data::load_file(&data_file("nkict.json")).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(dataset.schema_version, SCHEMA_VERSION);
    assert!(!dataset.sources.is_empty() && !dataset.indicators.is_empty() && !dataset.entities.is_empty());
    assert_eq!(dataset, data::load_embedded().unwrap());
}

#[test]
fn the_schema_requires_the_top_level_lists_and_allows_more() {
    let schema = schema();
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        BTreeSet::from(["schema_version", "sources", "indicators", "entities", "records"])
    );
    // An export document is a dataset with its filter and citation beside the data.
    assert_ne!(schema["additionalProperties"], Value::Bool(false));
}

#[test]
fn the_schema_lists_every_category() {
    let schema = schema();
    let text = schema["$defs"]["Category"].to_string();
    for category in Category::ALL {
        assert!(
            text.contains(&format!("\"{}\"", category.as_str())),
            "{} is missing",
            category.as_str()
        );
    }
}

#[test]
fn every_field_the_dataset_file_uses_is_in_the_schema() {
    let schema = schema();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(data_file("nkict.json")).unwrap()).unwrap();
    for (list, definition) in [
        ("sources", "Source"),
        ("indicators", "Indicator"),
        ("entities", "Entity"),
        ("records", "Record"),
    ] {
        let properties = schema["$defs"][definition]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no properties for {definition}"));
        assert_eq!(
            schema["$defs"][definition]["additionalProperties"],
            Value::Bool(false),
            "{definition}"
        );
        for item in file[list].as_array().unwrap() {
            for key in item.as_object().unwrap().keys() {
                assert!(
                    properties.contains_key(key),
                    "{list}: `{key}` is not in the schema's {definition}"
                );
            }
        }
    }
}

#[test]
fn dates_in_the_schema_are_partial_iso_dates() {
    let schema = schema();
    let pattern = schema["$defs"]["PartialDate"]["pattern"].as_str().unwrap();
    assert_eq!(pattern, "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$");
}
