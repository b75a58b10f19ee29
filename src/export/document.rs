//! The export document: a filtered view as a dataset of its own, with who
//! made it, from which filter, and how to cite it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::data::{Dashboard, Dataset, Entity, Indicator, Metadata, Record, Source};
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
    /// What the dataset the view comes from says about itself.
    #[serde(rename = "dataset", skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard: Option<Dashboard>,
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
        let citation = citation(&generator, &generated_at, filter, &subset);
        Self {
            schema_version: subset.schema_version,
            generated_at,
            generator,
            filter: filter.clone(),
            citation,
            metadata: subset.metadata,
            dashboard: subset.dashboard,
            sources: subset.sources,
            indicators: subset.indicators,
            entities: subset.entities,
            records: subset.records,
        }
    }
}

/// How to cite an export: the dataset, the view, then every source used.
fn citation(generator: &Generator, generated_at: &str, filter: &Filter, subset: &Dataset) -> String {
    let args: Vec<String> = ["nkict", "export"]
        .map(String::from)
        .into_iter()
        .chain(filter.to_args())
        .collect();
    let command = shell_words(&args);
    let mut text = format!(
        "{}. Exported {generated_at} by {} {} with `{command}` ({}). \
         Cite the source of each figure you use:",
        dataset_reference(subset.metadata.as_ref()).trim_end_matches('.'),
        generator.name,
        generator.version,
        plural(subset.records.len(), "record"),
    );
    for source in &subset.sources {
        text.push_str(&format!("\n[{}] {}", source.id, source_reference(source)));
    }
    text
}

/// How to cite the dataset itself: its own `citation`, else what its
/// metadata gives (authors, title, version, address), else a plain name.
fn dataset_reference(metadata: Option<&Metadata>) -> String {
    let Some(m) = metadata else {
        return "An nkict dataset".to_owned();
    };
    if let Some(citation) = &m.citation {
        return citation.clone();
    }
    let mut parts = Vec::new();
    if !m.authors.is_empty() {
        parts.push(m.authors.join(", "));
    }
    parts.push(m.title.clone().unwrap_or_else(|| "An nkict dataset".to_owned()));
    if let Some(version) = &m.version {
        parts.push(format!("version {version}"));
    }
    parts.extend(m.url.clone());
    parts.join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dataset_is_cited_by_its_own_words_or_by_what_its_metadata_gives() {
        assert_eq!(dataset_reference(None), "An nkict dataset");
        let mut m = Metadata {
            title: Some("Phones of Northland".into()),
            authors: vec!["A. Author".into(), "B. Author".into()],
            version: Some("2026.11".into()),
            url: Some("https://example.org/phones".into()),
            ..Metadata::default()
        };
        assert_eq!(
            dataset_reference(Some(&m)),
            "A. Author, B. Author, Phones of Northland, version 2026.11, https://example.org/phones"
        );
        m.authors.clear();
        m.url = None;
        assert_eq!(dataset_reference(Some(&m)), "Phones of Northland, version 2026.11");
        assert_eq!(
            dataset_reference(Some(&Metadata::default())),
            "An nkict dataset",
            "an empty section names nothing"
        );
        m.citation = Some("Cite me like this.".into());
        assert_eq!(dataset_reference(Some(&m)), "Cite me like this.");
    }
}
