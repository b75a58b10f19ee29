//! The export document: a filtered view as a dataset of its own, with who
//! made it, from which filter, and how to cite it.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};

use crate::data::embedded::{self, Item};
use crate::data::{Dashboard, Dataset, Entity, Indicator, Metadata, Record, SCHEMA_VERSION, Source};
use crate::model::format::{dataset_reference, plural, push_source_reference, shell_words};
use crate::model::rows::{RecordRow, TimeColumns, record_rows};
use crate::model::{Filter, Model, RecordIx, Subset, Used};

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

/// One exported view, in the order its fields are written
/// (`ExportDocument::serialize`). Its dataset's parts are borrowed
/// from the model: a copy of every record, only to be written once, took a
/// tenth of an export of the bundled dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDocument<'m> {
    pub schema_version: u32,
    /// RFC 3339, UTC.
    pub generated_at: String,
    pub generator: Generator,
    /// The filter that made the view, in the command line's terms.
    pub filter: Filter,
    /// How to cite the export and each source its records rest on.
    pub citation: String,
    /// What the dataset the view comes from says about itself: `dataset`.
    pub metadata: Option<&'m Metadata>,
    pub dashboard: Option<Dashboard>,
    pub sources: Vec<&'m Source>,
    pub indicators: Vec<&'m Indicator>,
    pub entities: Vec<&'m Entity>,
    /// Each record's time as nkict places it (own, approximate or none), by
    /// record id: read-only, for other programs; the loader ignores it.
    pub record_times: RecordTimes<'m>,
    pub records: Vec<&'m Record>,
    /// The records as flat rows, for the tabular formats (not serialized).
    pub rows: Vec<RecordRow>,
    /// The model's lists, when they are the bundled dataset's as read
    /// (`Model::bundled_lists`): the JSON export then copies the text of
    /// `sources`, `indicators` and `entities` (not serialized).
    pub bundled_lists: Option<&'m Dataset>,
}

impl Serialize for ExportDocument<'_> {
    /// Every item, the citation, the records and their times encoded (the
    /// JSON export writes some as their own text: `json::write_document`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = self.serialize_head(serializer, None, &self.citation)?;
        doc.serialize_field("record_times", &self.record_times)?;
        doc.serialize_field("records", &self.records)?;
        doc.end()
    }
}

impl ExportDocument<'_> {
    /// The document as a dataset, every field but the last two,
    /// `record_times` and `records`, the items of `bundled` lists (its own
    /// `bundled_lists`, or none) copied as their text (`Items`), its
    /// citation written by `citation` (the JSON export's `json::JsonText`):
    /// handed back open, for the last two to be written (the JSON export
    /// writes them itself, `json::write_document`; `serialize` encodes
    /// them).
    pub(super) fn serialize_head<S: Serializer>(
        &self,
        serializer: S,
        bundled: Option<&Dataset>,
        citation: &impl Serialize,
    ) -> Result<S::SerializeStruct, S::Error> {
        let fields = 10 + usize::from(self.metadata.is_some()) + usize::from(self.dashboard.is_some());
        let mut doc = serializer.serialize_struct("ExportDocument", fields)?;
        doc.serialize_field("schema_version", &self.schema_version)?;
        doc.serialize_field("generated_at", &self.generated_at)?;
        doc.serialize_field("generator", &self.generator)?;
        doc.serialize_field("filter", &self.filter)?;
        doc.serialize_field("citation", citation)?;
        if let Some(metadata) = self.metadata {
            doc.serialize_field("dataset", metadata)?;
        }
        if let Some(dashboard) = &self.dashboard {
            doc.serialize_field("dashboard", dashboard)?;
        }
        let sources = Items {
            items: &self.sources,
            all: bundled.map(|d| &d.sources[..]),
        };
        doc.serialize_field("sources", &sources)?;
        let indicators = Items {
            items: &self.indicators,
            all: bundled.map(|d| &d.indicators[..]),
        };
        doc.serialize_field("indicators", &indicators)?;
        let entities = Items {
            items: &self.entities,
            all: bundled.map(|d| &d.entities[..]),
        };
        doc.serialize_field("entities", &entities)?;
        Ok(doc)
    }
}

/// `items` (those the view uses) of a list: each one of `all` (the
/// bundled dataset's list, when the pretty JSON export copies it) as its
/// own text in the data file, which is exactly what encoding it writes
/// there (`embedded::item_json`); any other encoded. Encoding the sources,
/// indicators and entities (serde_json checking every string for escapes)
/// was a fifth of the bundled dataset's export.
struct Items<'d, T> {
    items: &'d [&'d T],
    all: Option<&'d [T]>,
}

impl<T: Item + Serialize> Serialize for Items<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut items = serializer.serialize_seq(Some(self.items.len()))?;
        for &item in self.items {
            let index = self.all.and_then(|all| position(all, item));
            match index.and_then(embedded::item_json::<T>) {
                Some(json) => items.serialize_element(json)?,
                None => items.serialize_element(item)?,
            }
        }
        items.end()
    }
}

/// Where `item` is in `all`, if it is one of its items (the same one, not
/// an equal one): by its address, without comparing.
pub(super) fn position<T>(all: &[T], item: &T) -> Option<usize> {
    let offset = (std::ptr::from_ref(item).addr()).checked_sub(all.as_ptr().addr())?;
    let index = offset / size_of::<T>().max(1);
    all.get(index)
        .is_some_and(|own| std::ptr::eq(own, item))
        .then_some(index)
}

/// Record ids and their times, written as one JSON object in the records'
/// order: each worked out from the model as it is written (the ids
/// borrowed from it). A list of them made beforehand (40 KB for the
/// bundled dataset, where the records' numbers take 4.5 KB) was memory
/// touched only to be read once: 9 of the export's page faults.
#[derive(Clone)]
pub struct RecordTimes<'m> {
    model: &'m Model,
    /// The records, by their number in the model.
    view: Vec<RecordIx>,
}

impl RecordTimes<'_> {
    /// Each record's id and time, in the records' order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, TimeColumns)> + Clone {
        let model = self.model;
        (self.view.iter()).map(move |&ix| (model.record(ix).id.as_str(), TimeColumns::new(model, ix)))
    }
}

impl Serialize for RecordTimes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl PartialEq for RecordTimes<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for RecordTimes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'m> ExportDocument<'m> {
    /// The records of `view` (from `model.filter(filter)`), stamped with a
    /// given time (for reproducible output).
    pub fn at(model: &'m Model, view: &[RecordIx], filter: &Filter, time: DateTime<Utc>) -> Self {
        Self::build(model, view, filter, time, true)
    }

    /// As `at`, stamped now, the flat rows built only when `rows` says so:
    /// for a format that writes them (`ExportFormat::writes_rows`).
    pub fn with_rows(model: &'m Model, view: &[RecordIx], filter: &Filter, rows: bool) -> Self {
        Self::build(model, view, filter, Utc::now(), rows)
    }

    fn build(model: &'m Model, view: &[RecordIx], filter: &Filter, time: DateTime<Utc>, rows: bool) -> Self {
        let rows = if rows {
            record_rows(model, view, filter).collect()
        } else {
            Vec::new()
        };
        let record_times = RecordTimes {
            model,
            view: view.to_vec(),
        };
        Self::of_subset(
            model,
            model.subset_parts(view),
            view.len(),
            (record_times, rows),
            filter,
            time,
        )
    }

    /// The header and lists, stamped now, of an export of `count` records
    /// the model does not hold, which use what `used` marks: its records,
    /// their times and rows are left empty, for the caller to write
    /// (`json::BundledRecords`: records handed over as they were read).
    ///
    /// Only for `json::BundledExport`, which writes it with its records
    /// (`json::write_document`, through `serialize_head`): its citation counts `count` records but
    /// it holds none, so never serialize it through its own `Serialize`,
    /// hand it to an `ExportFormat`, or write it any other way.
    pub(super) fn without_records(model: &'m Model, used: &Used, count: usize, filter: &Filter) -> Self {
        let none = RecordTimes {
            model,
            view: Vec::new(),
        };
        let subset = model.subset_used(used, Vec::new());
        Self::of_subset(model, subset, count, (none, Vec::new()), filter, Utc::now())
    }

    /// The document of `subset`, its `count` records' times and rows given.
    fn of_subset(
        model: &'m Model,
        subset: Subset<'m>,
        count: usize,
        (record_times, rows): (RecordTimes<'m>, Vec<RecordRow>),
        filter: &Filter,
        time: DateTime<Utc>,
    ) -> Self {
        let generated_at = time.to_rfc3339_opts(SecondsFormat::Secs, true);
        let generator = Generator::this();
        let citation = citation(&generator, &generated_at, filter, &subset, count);
        Self {
            schema_version: SCHEMA_VERSION,
            generated_at,
            generator,
            filter: filter.clone(),
            citation,
            metadata: subset.metadata,
            dashboard: subset.dashboard,
            sources: subset.sources,
            indicators: subset.indicators,
            entities: subset.entities,
            record_times,
            records: subset.records,
            rows,
            bundled_lists: model.bundled_lists(),
        }
    }
}

/// Room for the citation's text, in bytes, for each source it names and
/// for its first sentence: more than a reference takes on average (268
/// bytes in the bundled dataset's). Grown as it was written, the bundled
/// export's citation (28 KB) took 69 KB in nine allocations, each copied
/// into the next; room never written to is never touched.
const REFERENCE_ROOM: usize = 512;

/// How to cite an export of `count` records: the dataset, the view, then
/// every source used.
fn citation(generator: &Generator, generated_at: &str, filter: &Filter, subset: &Subset, count: usize) -> String {
    let args: Vec<String> = ["nkict", "export"]
        .map(String::from)
        .into_iter()
        .chain(filter.to_args())
        .collect();
    let command = shell_words(&args);
    let mut text = String::with_capacity(REFERENCE_ROOM * (subset.sources.len() + 1));
    // Writing into a String does not fail.
    let _ = write!(
        text,
        "{}. Exported {generated_at} by {} {} with `{command}` ({}). \
         Cite the source of each figure you use:",
        dataset_reference(subset.metadata).trim_end_matches('.'),
        generator.name,
        generator.version,
        plural(count, "record"),
    );
    for source in &subset.sources {
        text.push_str("\n[");
        text.push_str(&source.id);
        text.push_str("] ");
        push_source_reference(&mut text, source);
    }
    text
}
