//! The export document: a filtered view as a dataset of its own, with who
//! made it, from which filter, and how to cite it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::data::{Entity, Indicator, Record, Source};
use crate::model::format::{plural, source_reference};
use crate::model::{Filter, Model, RecordIx};

/// What wrote the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

impl Generator {
    /// This build of nkict.
    pub fn this() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// One exported view, in the order its fields are written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportDocument {
    pub schema_version: u32,
    /// RFC 3339, UTC.
    pub generated_at: String,
    pub generator: Generator,
    /// The filter that made the view, in the command line's terms.
    pub filter: Filter,
    /// How to cite the export and each source its records rest on.
    pub citation: String,
    pub sources: Vec<Source>,
    pub indicators: Vec<Indicator>,
    pub entities: Vec<Entity>,
    pub records: Vec<Record>,
}

impl ExportDocument {
    /// The records of `view` (from `model.filter(filter)`), stamped now.
    pub fn new(model: &Model, view: &[RecordIx], filter: &Filter) -> Self {
        Self::at(model, view, filter, Utc::now())
    }

    /// As `new`, stamped with a given time (for reproducible output).
    pub fn at(model: &Model, view: &[RecordIx], filter: &Filter, time: DateTime<Utc>) -> Self {
        let subset = model.subset(view);
        let generated_at = time.to_rfc3339_opts(SecondsFormat::Secs, true);
        let generator = Generator::this();
        let citation = citation(&generator, &generated_at, filter, subset.records.len(), &subset.sources);
        Self {
            schema_version: subset.schema_version,
            generated_at,
            generator,
            filter: filter.clone(),
            citation,
            sources: subset.sources,
            indicators: subset.indicators,
            entities: subset.entities,
            records: subset.records,
        }
    }
}

/// How to cite an export: the dataset, the view, then every source used.
fn citation(generator: &Generator, generated_at: &str, filter: &Filter, records: usize, sources: &[Source]) -> String {
    let args: Vec<String> = ["nkict", "export"]
        .map(String::from)
        .into_iter()
        .chain(filter.to_args())
        .collect();
    let command = shell_words(&args);
    let mut text = format!(
        "{} {}: a dataset of North Korea's information and communications technology, \
         each record quoting its source. Exported {generated_at} with `{command}` ({}). \
         Cite the source of each figure you use:",
        generator.name,
        generator.version,
        plural(records, "record"),
    );
    for source in sources {
        text.push_str(&format!("\n[{}] {}", source.id, source_reference(source)));
    }
    text
}

/// Arguments as a shell command line: each quoted when it holds anything
/// but plain characters (`--search 'optical cable'`).
pub fn shell_words(args: &[String]) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./:=,+".contains(c);
    let word = |arg: &String| {
        if !arg.is_empty() && arg.chars().all(plain) {
            arg.clone()
        } else {
            format!("'{}'", arg.replace('\'', r"'\''"))
        }
    };
    args.iter().map(word).collect::<Vec<_>>().join(" ")
}

