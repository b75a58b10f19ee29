//! The export formats other tools read: CSV, JSON Lines and the Data
//! Package, checked against the JSON export of the same view and against
//! values worked out by hand from the fixtures (`small.json`, and
//! `series.json` for times taken from a source's "at present").

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::{TimeZone, Utc};
use nkict::data;
use nkict::export::csv::{BOM, Csv};
use nkict::export::datapackage::{DESCRIPTOR, DataPackage};
use nkict::export::json::Json;
use nkict::export::jsonl::Jsonl;
use nkict::export::{self, Destination, ExportDocument, ExportFormat};
use nkict::model::{Filter, Model};
use serde_json::{Value, json};

fn model(fixture: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    Model::new(data::load_file(&path).unwrap())
}

fn document<'m>(model: &'m Model, filter: &Filter) -> ExportDocument<'m> {
    let time = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    ExportDocument::at(model, &model.filter(filter), filter, time)
}

fn encode(format: &dyn ExportFormat, doc: &ExportDocument, to: Destination) -> Vec<u8> {
    format.encode(doc, to).unwrap()
}

/// CSV text as a header and rows of cells by column name.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            header.iter().cloned().zip(row.iter().map(str::to_owned)).collect()
        })
        .collect();
    (header, rows)
}

/// The columns, as the README lists them.
const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "category",
    "title",
    "summary",
    "start",
    "end",
    "date_precision",
    "time_approximate",
    "time_origin",
    "date_text",
    "indicator",
    "indicator_name",
    "unit",
    "value",
    "low",
    "high",
    "qualifier",
    "vague",
    "amount_text",
    "status",
    "figure",
    "entities",
    "entity_names",
    "source",
    "source_citation",
    "locator",
    "quote",
    "note",
    "tags",
    "dataset_citation",
    "filter",
];

#[test]
fn formats_are_chosen_by_extension_or_by_name() {
    let of = |path: &str| export::format_of(Path::new(path)).map(|f| f.name());
    assert_eq!(of("view.json"), Some("json"));
    assert_eq!(of("view.CSV"), Some("csv"));
    assert_eq!(of("view.jsonl"), Some("jsonl"));
    assert_eq!(of("view.ndjson"), Some("jsonl"));
    assert_eq!(of("view.zip"), Some("datapackage"));
    assert_eq!(of("view.txt"), None);
    assert_eq!(of("view"), None);
    assert_eq!(export::format_for(Path::new("view.txt")).name(), "json");
    assert_eq!(export::format_named("CSV").map(|f| f.extension()), Some("csv"));
    assert_eq!(export::format_named("datapackage").map(|f| f.extension()), Some("zip"));
    assert!(export::format_named("xml").is_none());
}

#[test]
fn csv_has_the_same_columns_whatever_the_view_holds() {
    let model = model("small.json");
    for filter in [
        Filter::default(),
        Filter {
            search: "no record says this: xyzzy".into(),
            ..Filter::default()
        },
    ] {
        let bytes = encode(&Csv, &document(&model, &filter), Destination::Stream);
        let (header, _) = csv_rows(&bytes);
        assert_eq!(header, COLUMNS, "{filter:?}");
    }
}

#[test]
fn a_csv_file_starts_with_a_byte_order_mark_and_a_stream_does_not() {
    let model = model("small.json");
    let doc = document(&model, &Filter::default());
    let file = encode(&Csv, &doc, Destination::File);
    let stream = encode(&Csv, &doc, Destination::Stream);
    assert_eq!(&file[..3], BOM);
    assert_eq!(&file[3..], stream.as_slice());
    assert!(stream.starts_with(b"id,kind,"));
}

#[test]
fn csv_rows_hold_the_values_of_the_json_export() {
    let model = model("small.json");
    let doc = document(&model, &Filter::default());
    let json: Value = serde_json::from_slice(&encode(&Json, &doc, Destination::File)).unwrap();
    let (_, rows) = csv_rows(&encode(&Csv, &doc, Destination::Stream));
    let records = json["records"].as_array().unwrap();
    assert_eq!(rows.len(), 36);
    assert_eq!(rows.len(), records.len());
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for (row, record) in rows.iter().zip(records) {
        for field in [
            "id",
            "kind",
            "category",
            "title",
            "summary",
            "indicator",
            "value",
            "low",
            "high",
            "qualifier",
            "amount_text",
            "status",
            "source",
            "locator",
            "quote",
            "note",
            "date_text",
        ] {
            assert_eq!(row[field], text(&record[field]), "{field} of {}", record["id"]);
        }
        let entities: Vec<String> = record["entities"].as_array().unwrap().iter().map(text).collect();
        assert_eq!(row["entities"], entities.join(";"));
        let time = &json["record_times"][record["id"].as_str().unwrap()];
        assert_eq!(row["start"], text(&time["start"]));
        assert_eq!(row["time_origin"], text(&time["origin"]));
    }
}

#[test]
fn csv_cells_spell_out_times_figures_names_and_where_to_cite() {
    let model = model("small.json");
    let filter = Filter {
        categories: vec![nkict::data::Category::Mobile, nkict::data::Category::Software],
        ..Filter::default()
    };
    let (_, rows) = csv_rows(&encode(&Csv, &document(&model, &filter), Destination::Stream));
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no row {id}"))
    };

    let range = row("subscribers-2011");
    assert_eq!(
        [&range["start"], &range["end"], &range["date_precision"]],
        ["2011-06", "2011-06", "month"]
    );
    assert_eq!([&range["time_approximate"], &range["time_origin"]], ["false", "record"]);
    assert_eq!(
        [&range["value"], &range["low"], &range["high"]],
        ["", "200000", "300000"]
    );
    assert_eq!(range["qualifier"], "range");
    assert_eq!(range["indicator_name"], "ExampleNet subscribers");
    assert_eq!(range["unit"], "subscribers");
    assert_eq!(range["entity_names"], "ExampleNet");
    assert_eq!(
        range["source_citation"],
        "Northland Statistics Office, “Northland Statistical Yearbook”, Northland Statistical Yearbook 2020, 2020 (government report)"
    );
    assert_eq!(range["dataset_citation"], "nkict tests, nkict test fixture, version 1");
    assert_eq!(range["filter"], "--category mobile --category software");

    let vague = row("programmers-thousands");
    assert_eq!([&vague["vague"], &vague["qualifier"]], ["true", "vague"]);
    assert_eq!([&vague["value"], &vague["amount_text"]], ["", "thousands"]);
    // Its source was written some time after 2017: no usable year.
    assert_eq!([&vague["start"], &vague["time_origin"]], ["", "none"]);

    let korean = row("network-name");
    assert_eq!(korean["quote"], "가입자들은 이 망을 예시망이라고 부른다.");
}

#[test]
fn times_from_a_source_are_flagged_approximate_in_every_format() {
    let model = model("series.json");
    let doc = document(&model, &Filter::default());
    let (_, rows) = csv_rows(&encode(&Csv, &doc, Destination::Stream));
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    // lee's information is as of about 2002.
    let now = row("lee-now");
    assert_eq!(
        [&now["start"], &now["end"], &now["date_precision"]],
        ["2002", "2002", "year"]
    );
    assert_eq!([&now["time_approximate"], &now["time_origin"]], ["true", "source"]);
    let own = row("lee-1999");
    assert_eq!(
        [&own["start"], &own["time_approximate"], &own["time_origin"]],
        ["1999", "false", "record"]
    );
    let rate = row("lee-rate");
    assert_eq!(
        [&rate["start"], &rate["time_approximate"], &rate["time_origin"]],
        ["", "false", "none"]
    );

    let json: Value = serde_json::from_slice(&encode(&Json, &doc, Destination::File)).unwrap();
    assert_eq!(
        json["record_times"]["lee-now"],
        json!({ "start": "2002", "end": "2002", "date_precision": "year", "approximate": true, "origin": "source" })
    );
    assert_eq!(
        json["record_times"]["lee-rate"],
        json!({ "start": null, "end": null, "date_precision": null, "approximate": false, "origin": "none" })
    );
    let lines = String::from_utf8(encode(&Jsonl, &doc, Destination::File)).unwrap();
    let now: Value = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["id"] == "lee-now")
        .unwrap();
    assert_eq!(now["time_approximate"], true);
    assert_eq!(now["time_origin"], "source");
    assert_eq!(now["start"], "2002", "a partial date stays a string");
}

#[test]
fn the_json_export_with_its_times_loads_back_as_the_same_records() {
    let model = model("series.json");
    let doc = document(&model, &Filter::default());
    let bytes = encode(&Json, &doc, Destination::File);
    let mut reread = data::parse(&bytes, Path::new("export.json")).unwrap().records;
    // The export is in the view's order (by time), the file in its own.
    let mut records = model.dataset().records.clone();
    reread.sort_by(|a, b| a.id.cmp(&b.id));
    records.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(reread, records);
}

#[test]
fn json_lines_hold_the_csv_rows_one_object_a_line() {
    let model = model("small.json");
    let doc = document(&model, &Filter::default());
    let (header, rows) = csv_rows(&encode(&Csv, &doc, Destination::Stream));
    let text = String::from_utf8(encode(&Jsonl, &doc, Destination::File)).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), rows.len());
    for (line, row) in lines.iter().zip(&rows) {
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), header.len());
        for column in &header {
            let cell = match &line[column] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, row[column], "{column} of {}", row["id"]);
        }
    }
    // An empty list is null, not "", so that pandas reads it as missing.
    let undated = lines.iter().find(|l| l["id"] == "no-direct-links").unwrap();
    assert_eq!(undated["tags"], Value::Null);
    assert_eq!(undated["filter"], Value::Null);
}

/// The files of a zip archive, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().unwrap().into_owned(), content)
        })
        .collect()
}

#[test]
fn the_data_package_describes_each_table_it_holds() {
    let model = model("small.json");
    let filter = Filter {
        categories: vec![nkict::data::Category::Mobile],
        ..Filter::default()
    };
    let doc = document(&model, &filter);
    let files: HashMap<String, Vec<u8>> = unzip(&encode(&DataPackage, &doc, Destination::File))
        .into_iter()
        .collect();
    let descriptor: Value = serde_json::from_slice(&files[DESCRIPTOR]).unwrap();
    let names: Vec<&str> = descriptor["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["records", "records_entities", "sources", "indicators", "entities"]
    );
    let mut expected_files: Vec<String> = names.iter().map(|n| format!("{n}.csv")).collect();
    expected_files.push(DESCRIPTOR.into());
    let mut found: Vec<String> = files.keys().cloned().collect();
    expected_files.sort();
    found.sort();
    assert_eq!(found, expected_files);

    for resource in descriptor["resources"].as_array().unwrap() {
        assert_eq!(resource["type"], "table", "frictionless checks only tables");
        let (header, _) = csv_rows(&files[resource["path"].as_str().unwrap()]);
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(fields, header, "{}", resource["name"]);
    }
    let records = &descriptor["resources"][0]["schema"];
    assert_eq!(records["primaryKey"], json!(["id"]));
    assert_eq!(
        records["foreignKeys"],
        json!([
            { "fields": "source", "reference": { "resource": "sources", "fields": "id" } },
            { "fields": "indicator", "reference": { "resource": "indicators", "fields": "id" } },
        ])
    );
    let field = |name: &str| {
        records["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(field("value")["type"], "number");
    assert_eq!(field("vague")["type"], "boolean");
    assert_eq!(field("qualifier")["constraints"]["enum"][5], "vague");

    // The metadata, the documents, the filter and the citation.
    assert_eq!(descriptor["title"], "nkict test fixture");
    assert_eq!(descriptor["licenses"], json!([{ "name": "MIT" }]));
    assert_eq!(descriptor["created"], "2024-01-02T03:04:05Z");
    assert_eq!(descriptor["filter"], json!({ "categories": ["mobile"] }));
    assert_eq!(descriptor["citation"], doc.citation);
    let sources = descriptor["sources"].as_array().unwrap();
    assert_eq!(sources.len(), doc.sources.len());
    assert!(sources.iter().all(|s| s["title"].as_str().unwrap().contains('“')));

    // One link row per record and entity, in the record's order.
    let (_, links) = csv_rows(&files["records_entities.csv"]);
    let expected: Vec<(String, String, String)> = doc
        .records
        .iter()
        .flat_map(|r| {
            r.entities
                .iter()
                .enumerate()
                .map(|(i, e)| (r.id.to_string(), e.to_string(), (i + 1).to_string()))
        })
        .collect();
    let found: Vec<(String, String, String)> = links
        .iter()
        .map(|l| (l["record"].clone(), l["entity"].clone(), l["position"].clone()))
        .collect();
    assert_eq!(found, expected);
    // Counts are of the export's records.
    let (_, sources) = csv_rows(&files["sources.csv"]);
    let gamma = sources.iter().find(|s| s["id"] == "gamma-yearbook").unwrap();
    let in_gamma = doc.records.iter().filter(|r| r.source == "gamma-yearbook").count();
    assert_eq!(gamma["records"], in_gamma.to_string());
    assert_eq!(
        in_gamma, 7,
        "subscribers 2008, 2009, 2010, 2011, 2012, coverage 2011, the launch"
    );
}

#[test]
fn the_data_package_records_table_is_the_csv_export() {
    let model = model("small.json");
    let doc = document(&model, &Filter::default());
    let files: HashMap<String, Vec<u8>> = unzip(&encode(&DataPackage, &doc, Destination::File))
        .into_iter()
        .collect();
    assert_eq!(files["records.csv"], encode(&Csv, &doc, Destination::Stream));
}
