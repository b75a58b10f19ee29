//! The export document and its atomic write, through the library API the
//! command line and the dashboard share, on the small fixture dataset.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{TimeZone, Utc};
use nkict::data::{self, Category};
use nkict::export::json::Json;
use nkict::export::{self, Destination, ExportDocument, ExportError, ExportFormat, Replace};
use nkict::model::format::shell_words;
use nkict::model::{Filter, Model};

mod common;
use common::names_in;

fn model() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
    Model::new(data::load_file(&path).unwrap())
}

fn fiber() -> Filter {
    Filter {
        categories: vec![Category::Fiber],
        ..Filter::default()
    }
}

fn document<'m>(model: &'m Model, filter: &Filter) -> ExportDocument<'m> {
    let time = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    ExportDocument::at(model, &model.filter(filter), filter, time)
}

fn json_of(doc: &ExportDocument) -> String {
    String::from_utf8(Json.encode(doc, Destination::File).unwrap()).unwrap()
}

#[test]
fn the_document_is_a_dataset_holding_exactly_the_view() {
    let model = model();
    let filter = fiber();
    let view = model.filter(&filter);
    let doc = document(&model, &filter);
    let json = json_of(&doc);
    let reread = data::parse(json.as_bytes(), Path::new("export.json")).unwrap();
    assert_eq!(reread, model.subset(&view));
    let ids: Vec<&str> = reread.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["cable-agreement", "cable-length-2005"]);
    let sources: Vec<&str> = reread.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources, ["alpha-review"]);
    let entities: Vec<&str> = reread.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(entities, ["northland"]);
}

#[test]
fn the_document_says_when_by_whom_from_what_and_how_to_cite() {
    let model = model();
    let doc = document(&model, &fiber());
    assert_eq!(doc.generated_at, "2024-01-02T03:04:05Z");
    assert_eq!(doc.generator.name, "nkict");
    assert_eq!(doc.generator.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(doc.filter, fiber());
    assert!(
        doc.citation.contains("`nkict export --category fiber`"),
        "{}",
        doc.citation
    );
    assert_eq!(
        doc.citation,
        "nkict tests, nkict test fixture, version 1. Exported 2024-01-02T03:04:05Z by nkict \
         0.1.0 with `nkict export --category fiber` (2 records). Cite the source of each figure you use:\n\
         [alpha-review] Ada Example, “Telecoms in Northland: A Review”, Journal of Imaginary Networks, \
         2012 (journal article), https://example.org/alpha-review"
            .replace("0.1.0", env!("CARGO_PKG_VERSION"))
    );
    let value: serde_json::Value = serde_json::from_str(&json_of(&doc)).unwrap();
    let keys: BTreeSet<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    let expected = [
        "schema_version",
        "generated_at",
        "generator",
        "filter",
        "citation",
        "dataset",
        "dashboard",
        "sources",
        "indicators",
        "entities",
        "record_times",
        "records",
    ];
    assert_eq!(keys, BTreeSet::from(expected));
    let text = json_of(&doc);
    let positions: Vec<usize> = expected
        .iter()
        .map(|k| text.find(&format!("\n  \"{k}\"")).unwrap())
        .collect();
    assert!(positions.is_sorted(), "fields out of order: {positions:?}");
}

#[test]
fn filter_words_are_quoted_in_the_citation_when_they_must_be() {
    let model = model();
    let filter = Filter {
        search: "optical cable".into(),
        ..Filter::default()
    };
    let doc = document(&model, &filter);
    assert!(
        doc.citation.contains("`nkict export --search 'optical cable'`"),
        "{}",
        doc.citation
    );
    assert_eq!(
        shell_words(&["it's".into(), "a-b".into(), String::new()]),
        r"'it'\''s' a-b ''"
    );
}

#[test]
fn writing_creates_the_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    let model = model();
    let doc = document(&model, &fiber());
    let written = export::write_to_path(&doc, &Json, &path, Replace::No).unwrap();
    assert_eq!(written, path);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), json_of(&doc));
    assert_eq!(names_in(dir.path()), ["out.json"]);
}

#[test]
fn an_existing_file_is_kept_unless_overwrite_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, "keep me").unwrap();
    let model = model();
    let doc = document(&model, &fiber());
    let err = export::write_to_path(&doc, &Json, &path, Replace::No).unwrap_err();
    assert!(matches!(&err, ExportError::Exists { path: p } if *p == path), "{err:?}");
    assert_eq!(err.to_string(), format!("{} already exists", path.display()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    assert_eq!(names_in(dir.path()), ["out.json"]);

    export::write_to_path(&doc, &Json, &path, Replace::Writable).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), json_of(&doc));
    assert_eq!(names_in(dir.path()), ["out.json"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_refused_as_a_link_not_as_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.json");
    let nowhere = dir.path().join("nowhere");
    std::os::unix::fs::symlink(&nowhere, &path).unwrap();
    let model = model();
    for replace in [Replace::No, Replace::Writable, Replace::EvenReadOnly] {
        let err = export::write_to_path(&document(&model, &fiber()), &Json, &path, replace).unwrap_err();
        assert!(
            matches!(&err, ExportError::Symlink { path: p, target } if *p == path && *target == nowhere),
            "{replace:?}: {err:?}"
        );
    }
    assert_eq!(names_in(dir.path()), ["link.json"]);
}

#[test]
fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let model = model();
    let doc = document(&model, &fiber());
    let folder = dir.path().join("no/such/folder");
    let path = folder.join("out.json");
    let err = export::write_to_path(&doc, &Json, &path, Replace::No).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: there is no folder {}",
            path.display(),
            folder.display()
        )
    );
    // A name ending in `/` is a folder's: it is the one missing (the OS says
    // only "Not a directory").
    let sub = format!("{}/sub/", dir.path().display());
    let err = export::write_to_path(&doc, &Json, Path::new(&sub), Replace::Writable).unwrap_err();
    assert_eq!(err.to_string(), format!("cannot write {sub}: there is no folder {sub}"));
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn an_empty_view_exports_an_empty_valid_dataset() {
    let model = model();
    let filter = Filter {
        search: "no record says this: xyzzy".into(),
        ..Filter::default()
    };
    let doc = document(&model, &filter);
    assert!(doc.records.is_empty() && doc.sources.is_empty());
    let json = json_of(&doc);
    let reread = data::parse(json.as_bytes(), Path::new("empty.json")).unwrap();
    assert!(reread.records.is_empty());
}

#[test]
fn the_format_follows_the_file_extension_and_defaults_to_json() {
    let name = |path: &str| export::format_for(Path::new(path)).name();
    assert_eq!(name("view.json"), "json");
    assert_eq!(name("VIEW.JSON"), "json");
    assert_eq!(name("view"), "json", "no extension: the default");
    assert_eq!(name("view.unknown"), "json");
    assert_eq!(export::default_format().name(), "json");
    let names: BTreeSet<&str> = export::FORMATS.iter().map(|f| f.name()).collect();
    assert_eq!(names.len(), export::FORMATS.len(), "format names are unique");
    assert!(
        export::FORMATS
            .iter()
            .all(|f| !f.extension().is_empty() && !f.extension().starts_with('.'))
    );
}
