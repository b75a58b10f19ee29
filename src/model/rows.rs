//! Records, sources, indicators and entities as flat rows: the columns that
//! CSV files (and the command line's `--format csv`) carry, for pandas, R
//! and spreadsheets. Each row type's fields are its columns, in order; the
//! columns are the same whatever the content, empty where a value is absent.
//!
//! Lists inside a cell are joined: ids and tags with `;` (`dprk;koryolink`),
//! names with `; `.
//!
//! No column is named so that pandas' `read_json` takes it for a date
//! (`date`, `modified`, `…_at`, `…_time`, `timestamp…`): partial dates stay
//! the strings they are.

use serde::Serialize;

use super::Filter;
use super::format::{self, dataset_reference, shell_words, source_reference};
use super::{Model, RecordIx, Time};
use crate::data::{Entity, Indicator, InfoAsOf, PartialDate, Qualifier, Record, Source};

/// One record, with what it refers to spelt out: its time as a span and
/// where that comes from, its indicator's name and unit, its entities'
/// names and its source's reference.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecordRow {
    pub id: String,
    pub kind: &'static str,
    pub category: &'static str,
    pub title: String,
    pub summary: String,
    /// The first and last day, month or year the record holds for, as
    /// partial ISO dates (`1990-08`): its date, its period, or its source's
    /// "at present" year; empty when undated.
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// `year`, `month` or `day`: how precise `start` is.
    pub date_precision: Option<&'static str>,
    /// True when the time is only the source's "at present" (c. 2002).
    pub time_approximate: bool,
    /// Where the time comes from: `record` (its own date or period),
    /// `source` (its source's "at present"), or `none` (undated).
    pub time_origin: &'static str,
    /// The source's words for a loose time ("late 1990s").
    pub date_text: Option<String>,
    pub indicator: Option<String>,
    pub indicator_name: Option<String>,
    pub unit: Option<String>,
    #[serde(serialize_with = "crate::data::schema::figure::serialize")]
    pub value: Option<f64>,
    #[serde(serialize_with = "crate::data::schema::figure::serialize")]
    pub low: Option<f64>,
    #[serde(serialize_with = "crate::data::schema::figure::serialize")]
    pub high: Option<f64>,
    pub qualifier: Option<&'static str>,
    /// True for a vague amount ("millions"): no `value`, only words and
    /// perhaps bounds.
    pub vague: bool,
    pub amount_text: Option<String>,
    pub status: Option<&'static str>,
    /// The figure as the dashboard words it: `about 100,000 people`.
    pub figure: Option<String>,
    /// Entity ids, `;`-separated; the first is what an observation measures.
    #[serde(serialize_with = "empty_as_none")]
    pub entities: String,
    /// Their names, `; `-separated, in the same order.
    #[serde(serialize_with = "empty_as_none")]
    pub entity_names: String,
    pub source: String,
    pub source_citation: String,
    pub locator: String,
    pub quote: String,
    pub note: Option<String>,
    /// Tags, `;`-separated.
    #[serde(serialize_with = "empty_as_none")]
    pub tags: String,
    /// How to cite the dataset the row comes from (cite `source_citation` too).
    pub dataset_citation: String,
    /// The `nkict` filter flags that selected the row; empty for all records.
    #[serde(serialize_with = "empty_as_none")]
    pub filter: String,
}

/// An empty list or text as no value: an empty CSV cell, and `null` (not
/// `""`) in JSON, so that pandas reads both as missing.
fn empty_as_none<S: serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match text {
        "" => serializer.serialize_none(),
        text => serializer.serialize_str(text),
    }
}

/// What every row of one listing or export says about where it comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    pub dataset_citation: String,
    pub filter: String,
}

impl Provenance {
    /// For the records `filter` selects from `model`.
    pub fn of(model: &Model, filter: &Filter) -> Self {
        Self {
            dataset_citation: dataset_reference(model.dataset().metadata.as_ref()),
            filter: shell_words(&filter.to_args()),
        }
    }
}

/// The rows of `view` (selected from `model` by `filter`), in its order:
/// what `list --format csv` prints and the CSV and JSON Lines exports hold.
pub fn record_rows<'a>(
    model: &'a Model,
    view: &'a [RecordIx],
    filter: &Filter,
) -> impl Iterator<Item = RecordRow> + 'a {
    let provenance = Provenance::of(model, filter);
    view.iter().map(move |&ix| RecordRow::new(model, ix, &provenance))
}

/// A record's time as columns: the days, months or years it holds for and
/// where that time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimeColumns {
    /// The first and last day, month or year, as partial ISO dates
    /// (`1990-08`); none when undated.
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// `year`, `month` or `day`: how precise `start` is.
    pub date_precision: Option<&'static str>,
    /// True when the time is only the source's "at present" (c. 2002).
    pub approximate: bool,
    /// `record` (its own date or period), `source` (its source's "at
    /// present"), or `none` (undated).
    pub origin: &'static str,
}

impl TimeColumns {
    pub fn new(model: &Model, ix: RecordIx) -> Self {
        Self::of(model.record(ix), model.time(ix))
    }

    /// The columns of `record`, placed at `time` (its own, or its source's
    /// "at present").
    pub fn of(record: &Record, time: Time) -> Self {
        let (start, end) = time_bounds(record, time);
        Self {
            start,
            end,
            date_precision: start.map(precision),
            approximate: time.is_approximate(),
            origin: match time {
                Time::Own(_) => "record",
                Time::Approximate(_) => "source",
                Time::Undated { .. } => "none",
            },
        }
    }
}

impl RecordRow {
    pub fn new(model: &Model, ix: RecordIx, provenance: &Provenance) -> Self {
        let record = model.record(ix);
        let source = model.source_of(ix);
        let indicator = model.indicator_of(ix);
        let time = TimeColumns::new(model, ix);
        Self {
            id: record.id.to_string(),
            kind: record.kind.as_str(),
            category: record.category.as_str(),
            title: record.title.to_string(),
            summary: record.summary.to_string(),
            start: time.start,
            end: time.end,
            date_precision: time.date_precision,
            time_approximate: time.approximate,
            time_origin: time.origin,
            date_text: record.date_text.as_deref().map(str::to_owned),
            indicator: record.indicator.as_deref().map(str::to_owned),
            indicator_name: indicator.map(|i| i.name.to_string()),
            unit: indicator.map(|i| i.unit.to_string()),
            value: record.value,
            low: record.low,
            high: record.high,
            qualifier: record.qualifier.map(Qualifier::as_str),
            vague: record.qualifier == Some(Qualifier::Vague),
            amount_text: record.amount_text.as_deref().map(str::to_owned),
            status: record.status.map(|s| s.as_str()),
            figure: indicator.and_then(|i| format::figure_with_unit(record, format::Unit::of(i))),
            entities: record.entities.join(";"),
            entity_names: join(model.entities_of(ix).map(|e| e.name.as_str()), "; "),
            source: record.source.to_string(),
            source_citation: source_reference(source),
            locator: record.locator.to_string(),
            quote: record.quote.to_string(),
            note: record.note.as_deref().map(str::to_owned),
            tags: record.tags.join(";"),
            dataset_citation: provenance.dataset_citation.clone(),
            filter: provenance.filter.clone(),
        }
    }
}

/// A record's first and last date: its own, else its approximate year.
fn time_bounds(record: &Record, time: Time) -> (Option<PartialDate>, Option<PartialDate>) {
    match time {
        Time::Own(_) => match (record.date, record.period) {
            (Some(date), _) => (Some(date), Some(date)),
            (None, Some(period)) => (Some(period.start), Some(period.end)),
            (None, None) => (None, None),
        },
        Time::Approximate(year) => (Some(PartialDate::year(year)), Some(PartialDate::year(year))),
        Time::Undated { .. } => (None, None),
    }
}

fn precision(date: PartialDate) -> &'static str {
    match (date.month, date.day) {
        (_, Some(_)) => "day",
        (Some(_), None) => "month",
        (None, None) => "year",
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>, separator: &str) -> String {
    items.collect::<Vec<_>>().join(separator)
}

/// One source, its publication data in columns, with how many records in
/// view rest on it and its reference as text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SourceRow {
    pub id: String,
    pub records: usize,
    pub kind: &'static str,
    pub title: String,
    /// `; `-separated.
    pub authors: String,
    pub container: String,
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub doi: Option<String>,
    pub url: Option<String>,
    pub accessed: Option<PartialDate>,
    pub repository: Option<String>,
    pub path: Option<String>,
    pub commit: Option<String>,
    pub original_title: Option<String>,
    pub original_container: Option<String>,
    pub original_publisher: Option<String>,
    pub original_published: Option<PartialDate>,
    pub original_url: Option<String>,
    /// The year its "at present" is about (`c. 2002`).
    pub info_as_of_year: Option<i32>,
    /// Or the year it was written some time after (an open start).
    pub info_as_of_after: Option<i32>,
    pub citation: String,
    pub note: Option<String>,
    pub text_file: Option<String>,
}

impl SourceRow {
    pub fn new(source: &Source, records: usize) -> Self {
        let original = source.original.clone().unwrap_or_default();
        Self {
            id: source.id.to_string(),
            records,
            kind: source.kind.as_str(),
            title: source.title.to_string(),
            authors: source.authors.join("; "),
            container: source.container.to_string(),
            publisher: source.publisher.as_deref().map(str::to_owned),
            published: source.published,
            volume: source.volume.as_deref().map(str::to_owned),
            issue: source.issue.as_deref().map(str::to_owned),
            pages: source.pages.as_deref().map(str::to_owned),
            doi: source.doi.as_deref().map(str::to_owned),
            url: source.url.as_deref().map(str::to_owned),
            accessed: source.accessed,
            repository: source.repository.as_deref().map(str::to_owned),
            path: source.path.as_deref().map(str::to_owned),
            commit: source.commit.as_deref().map(str::to_owned),
            original_title: original.title,
            original_container: original.container,
            original_publisher: original.publisher,
            original_published: original.published,
            original_url: original.url,
            info_as_of_year: match source.info_as_of {
                Some(InfoAsOf::Year(year)) => Some(year),
                _ => None,
            },
            info_as_of_after: match source.info_as_of {
                Some(InfoAsOf::After(year)) => Some(year),
                _ => None,
            },
            citation: source_reference(source),
            note: source.note.as_deref().map(str::to_owned),
            text_file: source.text_file.as_deref().map(str::to_owned),
        }
    }
}

/// One indicator, with how many observations in view measure it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub records: usize,
    pub name: String,
    pub unit: String,
    pub category: &'static str,
    pub description: String,
}

impl IndicatorRow {
    pub fn new(indicator: &Indicator, records: usize) -> Self {
        Self {
            id: indicator.id.to_string(),
            records,
            name: indicator.name.to_string(),
            unit: indicator.unit.to_string(),
            category: indicator.category.as_str(),
            description: indicator.description.to_string(),
        }
    }
}

/// One entity, with how many records in view are about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntityRow {
    pub id: String,
    pub records: usize,
    pub kind: &'static str,
    pub name: String,
    pub korean: Option<String>,
    /// `; `-separated.
    pub aliases: String,
}

impl EntityRow {
    pub fn new(entity: &Entity, records: usize) -> Self {
        Self {
            id: entity.id.to_string(),
            records,
            kind: entity.kind.as_str(),
            name: entity.name.to_string(),
            korean: entity.korean.as_deref().map(str::to_owned),
            aliases: entity.aliases.join("; "),
        }
    }
}
