//! The export as a Frictionless Data Package in one zip file: a
//! `datapackage.json` descriptor beside five CSV tables.
//!
//! - `records.csv`: the CSV export's rows (`model::rows::RecordRow`);
//! - `records_entities.csv`: which entities each record is about, one row
//!   per pair, with the entity's position (1 is what an observation
//!   measures): a record's entities are a list, which a foreign key cannot
//!   check inside one cell;
//! - `sources.csv`, `indicators.csv`, `entities.csv`: what the records refer
//!   to, with how many records of the export use each.
//!
//! Every resource is `"type": "table"` with a Table Schema: field types,
//! vocabularies as `enum` constraints, a primary key, and foreign keys from
//! records to sources and indicators and from the link table to records and
//! entities, so `frictionless validate` checks them all. The descriptor
//! carries the dataset's metadata (title, version, licence, authors), the
//! documents the records rest on as `sources`, and, as custom properties,
//! the export's `filter`, `citation` and `generator`.
//!
//! One zip rather than a folder: it is written atomically like any other
//! export, and `frictionless` reads it as it is.

use std::io::{Cursor, Write};

use chrono::{DateTime, NaiveDateTime};
use serde::Serialize;
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::csv::{header, write_rows};
use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat};
use crate::data::{Category, EntityKind, Qualifier, RecordKind, SourceKind, Status};
use crate::model::format::is_web_address;
use crate::model::rows::{EntityRow, IndicatorRow, SourceRow};

pub struct DataPackage;

/// The descriptor's file name, as the standard wants it.
pub const DESCRIPTOR: &str = "datapackage.json";

impl ExportFormat for DataPackage {
    fn name(&self) -> &'static str {
        "datapackage"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["zip"]
    }

    fn description(&self) -> &'static str {
        "Frictionless Data Package, CSV tables in a zip"
    }

    fn is_binary(&self) -> bool {
        true
    }

    fn encode(&self, doc: &ExportDocument, _to: Destination) -> Result<Vec<u8>, ExportError> {
        let tables = tables(doc).map_err(|err| ExportError::encode(self, err))?;
        let descriptor = serde_json::to_vec_pretty(&descriptor(doc, &tables)).map_err(|err| ExportError::encode(self, err))?;
        zip_files(
            std::iter::once((DESCRIPTOR, descriptor.as_slice())).chain(tables.iter().map(|t| (t.path.as_str(), t.csv.as_slice()))),
            &doc.generated_at,
        )
        .map_err(|err| ExportError::encode(self, err))
    }
}

/// One CSV resource: its name, file, bytes and Table Schema.
struct Table {
    name: &'static str,
    path: String,
    description: &'static str,
    csv: Vec<u8>,
    schema: Value,
}

/// Which entities a record is about: one row of `records_entities.csv`.
#[derive(Debug, Clone, Default, Serialize)]
struct RecordEntity {
    record: String,
    entity: String,
    /// 1 for the first entity: what an observation measures.
    position: usize,
}

/// A foreign key: a field of one table and the resource whose `id` (or
/// given fields) it must name.
struct Reference {
    field: &'static str,
    resource: &'static str,
    key: &'static str,
}

const fn reference(field: &'static str, resource: &'static str) -> Reference {
    Reference { field, resource, key: "id" }
}

fn tables(doc: &ExportDocument) -> std::io::Result<Vec<Table>> {
    let count = |matches: &dyn Fn(&crate::data::Record) -> bool| doc.records.iter().filter(|r| matches(r)).count();
    let links = doc.records.iter().flat_map(|record| {
        record.entities.iter().enumerate().map(|(i, entity)| RecordEntity {
            record: record.id.to_string(),
            entity: entity.to_string(),
            position: i + 1,
        })
    });
    let sources = doc.sources.iter().map(|s| SourceRow::new(s, count(&|r| r.source == s.id)));
    let indicators = doc
        .indicators
        .iter()
        .map(|i| IndicatorRow::new(i, count(&|r| r.indicator.as_deref() == Some(i.id.as_str()))));
    let entities = doc
        .entities
        .iter()
        .map(|e| EntityRow::new(e, count(&|r| r.entities.contains(&e.id))));
    Ok(vec![
        table(
            "records",
            "One row per record: its time, figure, entities, source and verbatim quote",
            doc.rows.iter().cloned(),
            &["id"],
            &[reference("source", "sources"), reference("indicator", "indicators")],
        )?,
        table(
            "records_entities",
            "Which entities each record is about; position 1 is what an observation measures",
            links,
            &["record", "entity"],
            &[reference("record", "records"), reference("entity", "entities")],
        )?,
        table(
            "sources",
            "The documents the records rest on, with their publication data and how to cite them",
            sources,
            &["id"],
            &[],
        )?,
        table(
            "indicators",
            "What each observation measures, and in which unit",
            indicators,
            &["id"],
            &[],
        )?,
        table(
            "entities",
            "The countries, organisations, places and networks the records are about",
            entities,
            &["id"],
            &[],
        )?,
    ])
}

/// A resource from its rows; its schema's fields are its CSV header.
fn table<T: Serialize + Default>(
    name: &'static str,
    description: &'static str,
    rows: impl Iterator<Item = T>,
    primary_key: &[&str],
    references: &[Reference],
) -> std::io::Result<Table> {
    let mut csv = Vec::new();
    write_rows(rows, &mut csv)?;
    let fields: Vec<Value> = header::<T>()
        .iter()
        .map(|column| field(name, column, primary_key.contains(&column.as_str())))
        .collect();
    let foreign_keys: Vec<Value> = references
        .iter()
        .map(|r| json!({ "fields": r.field, "reference": { "resource": r.resource, "fields": r.key } }))
        .collect();
    let mut schema = json!({ "fields": fields, "primaryKey": primary_key, "missingValues": [""] });
    if !foreign_keys.is_empty() {
        schema["foreignKeys"] = Value::Array(foreign_keys);
    }
    Ok(Table {
        name,
        path: format!("{name}.csv"),
        description,
        csv,
        schema,
    })
}

/// A partial ISO date: `1997`, `1990-08`, `2001-05-12`.
const PARTIAL_DATE: &str = r"^-?\d{4}(-\d{2}(-\d{2})?)?$";

/// The Table Schema field of `column` in table `table`: its type and what
/// it may hold. Columns not named here are free text.
fn field(table: &str, column: &str, key: bool) -> Value {
    let slugs = |slugs: Vec<&str>| json!({ "type": "string", "constraints": { "enum": slugs } });
    let mut field = match (table, column) {
        (_, "records" | "position" | "info_as_of_year" | "info_as_of_after") => json!({ "type": "integer" }),
        (_, "value" | "low" | "high") => json!({ "type": "number" }),
        (_, "time_approximate" | "vague") => json!({ "type": "boolean" }),
        (_, "start" | "end" | "published" | "accessed" | "original_published") => {
            json!({ "type": "string", "constraints": { "pattern": PARTIAL_DATE } })
        }
        (_, "category") => slugs(Category::ALL.iter().map(|c| c.as_str()).collect()),
        (_, "qualifier") => slugs(Qualifier::ALL.iter().map(|q| q.as_str()).collect()),
        (_, "status") => slugs(Status::ALL.iter().map(|s| s.as_str()).collect()),
        (_, "date_precision") => slugs(vec!["year", "month", "day"]),
        (_, "time_origin") => slugs(vec!["record", "source", "none"]),
        ("records", "kind") => slugs(RecordKind::ALL.iter().map(|k| k.as_str()).collect()),
        ("sources", "kind") => slugs(SourceKind::ALL.iter().map(|k| k.as_str()).collect()),
        ("entities", "kind") => slugs(EntityKind::ALL.iter().map(|k| k.as_str()).collect()),
        _ => json!({ "type": "string" }),
    };
    field["name"] = Value::from(column);
    let required = key || matches!((table, column), ("records", "source" | "kind" | "title"));
    if required {
        field["constraints"]["required"] = Value::Bool(true);
    }
    field
}

/// The `datapackage.json` of `tables`.
fn descriptor(doc: &ExportDocument, tables: &[Table]) -> Value {
    let metadata = doc.metadata.cloned().unwrap_or_default();
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            json!({
                "name": t.name,
                "type": "table",
                "path": t.path,
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": t.schema,
            })
        })
        .collect();
    let sources: Vec<Value> = doc
        .sources
        .iter()
        .map(|s| {
            let mut source = json!({ "title": crate::model::format::source_reference(s) });
            if let Some(url) = s.url.as_deref().filter(|u| is_web_address(u)) {
                source["path"] = Value::from(url);
            }
            source
        })
        .collect();
    let mut package = json!({
        "name": "nkict",
        "title": metadata.title.as_deref().unwrap_or("An nkict dataset"),
        "created": doc.generated_at,
        "resources": resources,
        "sources": sources,
        "citation": doc.citation,
        "filter": doc.filter,
        "generator": doc.generator,
    });
    let optional = [
        ("description", metadata.description.clone().map(Value::from)),
        ("version", metadata.version.clone().map(Value::from)),
        ("homepage", metadata.url.clone().filter(|u| is_web_address(u)).map(Value::from)),
        ("licenses", metadata.license.clone().map(|l| json!([{ "name": l }]))),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            package[name] = value;
        }
    }
    if !metadata.authors.is_empty() {
        let contributors: Vec<Value> = metadata
            .authors
            .iter()
            .map(|a| json!({ "title": a, "role": "author" }))
            .collect();
        package["contributors"] = Value::Array(contributors);
    }
    package
}

/// The files as one zip, each deflated and dated `generated_at`.
fn zip_files<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>, generated_at: &str) -> zip::result::ZipResult<Vec<u8>> {
    let mut options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    if let Some(time) = zip_time(generated_at) {
        options = options.last_modified_time(time);
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// An RFC 3339 time as a zip entry's time, when zip can hold it (1980–2107).
fn zip_time(rfc3339: &str) -> Option<zip::DateTime> {
    let time: NaiveDateTime = DateTime::parse_from_rfc3339(rfc3339).ok()?.naive_utc();
    zip::DateTime::try_from(time).ok()
}
