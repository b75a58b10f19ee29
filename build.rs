//! Prepares the bundled dataset (`data/nkict.json`) for the binary: its
//! records and lists (sources, indicators, entities, metadata) as Rust
//! statics, their text borrowed from the binary, so that a command on the
//! bundled dataset does not parse half a megabyte of JSON at each start
//! (that parse was most of `nkict list`'s time), nor read its lists
//! through a deserializer (a fifth of what was left).
//! Each record, source, indicator and entity also keeps where its own text
//! is in the JSON: the JSON export copies it rather than encode the item
//! again (`embedded::json_of`, `embedded::item_json`).
//! And what the JSON export works out of the records alone is worked out
//! here once (`Placing`): each record's time as `record_times` writes it,
//! the records' order by time, and the list items they use, so that an
//! export of every bundled record sifts, places and orders none at run
//! time (`json::BundledRecords::every_one`).
//!
//! Apart from `Placing` (whose rules the tests hold to the model's), this
//! knows only the shape of each item, not its rules: text stays text
//! (slugs and dates are read at run time, by the crate's own parsers), and
//! anything unexpected leaves no prepared form at all, so that nkict reads
//! the JSON as before (and its careful loader says what is wrong). The test
//! `the_prepared_bundled_dataset_is_the_json` in `src/data/embedded.rs`
//! checks that the prepared form is exactly what the careful loader reads.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

const DATASET: &str = "data/nkict.json";

fn main() {
    println!("cargo::rerun-if-changed={DATASET}");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/raw_in_json.rs");
    let text = std::fs::read_to_string(DATASET).unwrap_or_else(|err| panic!("{DATASET}: {err}"));
    let (code, texts) = prepare(&text).unwrap_or_else(|why| {
        println!("cargo::warning={DATASET} is not prepared ({why}): nkict will parse it at each start");
        (
            "pub(super) static PREPARED: Option<Form> = None;\n".to_owned(),
            String::new(),
        )
    });
    write("embedded.rs", &code);
    write(
        "bundled_texts.rs",
        &format!("pub(super) static BUNDLED_TEXTS: &str = {texts:?};\n"),
    );
}

/// Writes `code` to the file `name` of `OUT_DIR`.
fn write(name: &str, code: &str) {
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    std::fs::write(&out, code).unwrap_or_else(|err| panic!("{}: {err}", out.display()));
}

/// The Rust source of `PREPARED`: the lists and the records as `Prepared*`
/// structs, each text a span of one string (each distinct text once). Spans,
/// not `&str`: a pointer in a static is fixed up by the loader at every
/// start, and hundreds of kilobytes of them cost every command
/// (`--version` too). And that one string,
/// `data::bundled_texts::BUNDLED_TEXTS`, in a module of its own: where a
/// text was borrowed from it is told by its address alone (`offset`),
/// without the prepared form's module.
fn prepare(text: &str) -> Result<(String, String), String> {
    if let Some(c) = text.chars().find(|&c| raw_in_json(c)) {
        return Err(format!(
            "it holds U+{:04X}, which the JSON export must escape",
            u32::from(c)
        ));
    }
    let Value::Object(mut dataset) = serde_json::from_str(text).map_err(|err| err.to_string())? else {
        return Err("not a JSON object".into());
    };
    let Some(Value::Array(records)) = dataset.remove("records") else {
        return Err("no list of records".into());
    };
    // The dataset's lists as their texts, read once for each list's items.
    let lists: HashMap<String, &RawValue> = serde_json::from_str(text).map_err(|err| err.to_string())?;
    let jsons = item_jsons(text, &lists, "records")?;
    if jsons.len() != records.len() {
        return Err("the records' texts are not the records".into());
    }
    let mut texts = Texts::default();
    // The ids first, in the records' order: then a record is found by
    // where its id is in `text`, by a binary search (`embedded::json_of`).
    for record in &records {
        texts.span(record.get("id").ok_or("a record has no `id`")?)?;
    }
    let mut placing = Placing::of(&dataset)?;
    let times = (records.iter().enumerate())
        .map(|(index, record)| placing.place(index, record))
        .collect::<Result<Vec<_>, _>>()?;
    let mut code = String::from("pub(super) static PREPARED: Option<Form> = Some(Form {\n");
    let version = dataset.remove("schema_version").ok_or("no `schema_version`")?;
    let version = version.as_u64().and_then(|n| u32::try_from(n).ok());
    writeln!(
        code,
        "    schema_version: {},",
        version.ok_or("a `schema_version` other than a u32")?
    )
    .expect("writing to a String");
    let metadata = option(take(&mut dataset, "dataset"), |value| metadata(value, &mut texts))?;
    let dashboard = option(take(&mut dataset, "dashboard"), |value| dashboard(value, &mut texts))?;
    writeln!(code, "    metadata: {metadata},\n    dashboard: {dashboard},").expect("writing to a String");
    let lists_of: [(&str, Item); 3] = [("sources", source), ("indicators", indicator), ("entities", entity)];
    for (list, item) in lists_of {
        let Some(Value::Array(items)) = dataset.remove(list) else {
            return Err(format!("no list of {list}"));
        };
        writeln!(code, "    {list}: &[").expect("writing to a String");
        for value in items {
            writeln!(code, "        {},", item(value, &mut texts)?).expect("writing to a String");
        }
        code.push_str("    ],\n");
    }
    if let Some(name) = dataset.keys().next() {
        return Err(format!("the dataset has the unknown field `{name}`"));
    }
    code.push_str("    records: &[\n");
    for ((record, json), time) in records.into_iter().zip(jsons).zip(times) {
        let time = texts.span_of(&time);
        writeln!(code, "        {},", prepared(record, json, &time, &mut texts)?).expect("writing to a String");
    }
    let [sources, indicators, entities] = placing.used();
    write!(
        code,
        "    ],\n    chronological: &[{}],\n    used: [&[{sources}], &[{indicators}], &[{entities}]],\n    \
         listed: &[{}],\n    items: [&[{}], &[{}], &[{}]],\n}});\n",
        placing.chronological(),
        texts.listed.join(", "),
        item_jsons(text, &lists, "sources")?.join(", "),
        item_jsons(text, &lists, "indicators")?.join(", "),
        item_jsons(text, &lists, "entities")?.join(", "),
    )
    .expect("writing to a String");
    Ok((code, texts.text))
}

// `raw_in_json`: whether JSON text may hold `c` though a terminal acts on
// it (DEL, a C1 control, a bidi override or isolate), the predicate
// `terminal_text::escape_json` escapes by, from the one file both include.
// The JSON export writes the prepared records' and items' own text as it
// is, not searched for them: a dataset holding one is not prepared, and
// its records are encoded (their strings escaped). The test
// `the_bundled_json_holds_nothing_a_terminal_acts_on` in
// `src/export/json.rs` checks the bundled dataset holds none.
include!("src/raw_in_json.rs");

/// What writes an item of a list as the expression `embedded` reads it from.
type Item = fn(Value, &mut Texts) -> Result<String, String>;

/// The text in `text` (the whole dataset's, whose `lists` these are) of
/// each item of its list `list` (the records, sources...), as
/// `JsonSpan(start, length)`: the JSON export writes it as it is.
fn item_jsons(text: &str, lists: &HashMap<String, &RawValue>, list: &str) -> Result<Vec<String>, String> {
    let items = lists.get(list).ok_or_else(|| format!("no list of {list}"))?;
    let items: Vec<&RawValue> = serde_json::from_str(items.get()).map_err(|err| err.to_string())?;
    let at = |json: &str| json.as_ptr() as usize - text.as_ptr() as usize;
    Ok(items
        .iter()
        .map(|item| format!("JsonSpan({}, {})", at(item.get()), item.get().len()))
        .collect())
}

/// The records' and lists' texts: one string, and lists of spans of it.
#[derive(Default)]
struct Texts {
    text: String,
    spans: HashMap<String, String>,
    /// Each list's spans, one after the other.
    listed: Vec<String>,
}

impl Texts {
    /// `Span(start, length)` of `value`, a string, in `text`: where the
    /// whole text is, and nothing else (`embedded::Form::text` cuts it out
    /// unchecked, on that ground).
    fn span(&mut self, value: &Value) -> Result<String, String> {
        let Value::String(text) = value else {
            return Err(format!("{value} is not a string"));
        };
        Ok(self.span_of(text))
    }

    /// `Span(start, length)` of `text` in `text`, appended if not there yet.
    fn span_of(&mut self, text: &str) -> String {
        if let Some(span) = self.spans.get(text) {
            return span.clone();
        }
        let span = format!("Span({}, {})", self.text.len(), text.len());
        self.text.push_str(text);
        self.spans.insert(text.to_owned(), span.clone());
        span
    }

    /// `(first, count)`: where a list of strings' spans are in `listed`.
    fn list(&mut self, value: &Value) -> Result<String, String> {
        let Value::Array(items) = value else {
            return Err(format!("{value} is not a list"));
        };
        let first = self.listed.len();
        for item in items {
            let span = self.span(item)?;
            self.listed.push(span);
        }
        Ok(format!("({first}, {})", items.len()))
    }
}

/// An object's fields, taken one by one into the expression of the struct
/// that `embedded` reads it from: `PreparedSource { id: Span(..), .. }`.
/// What is left when all are taken is a field this does not know.
struct Fields<'t> {
    /// What the object is, for messages: "record", "source".
    what: &'static str,
    fields: Map<String, Value>,
    code: String,
    texts: &'t mut Texts,
}

impl<'t> Fields<'t> {
    fn of(value: Value, what: &'static str, texts: &'t mut Texts) -> Result<Self, String> {
        let Value::Object(fields) = value else {
            return Err(format!("a {what} is not an object"));
        };
        Ok(Self {
            what,
            fields,
            code: String::new(),
            texts,
        })
    }

    fn write(&mut self, name: &str, code: &str) {
        write!(self.code, " {name}: {code},").expect("writing to a String");
    }

    /// Texts that must be given.
    fn texts(&mut self, names: &[&str]) -> Result<(), String> {
        for name in names {
            let value = (self.fields.remove(*name)).ok_or_else(|| format!("a {} has no `{name}`", self.what))?;
            let span = self.texts.span(&value)?;
            self.write(name, &span);
        }
        Ok(())
    }

    /// Texts that may be absent or `null`.
    fn optional_texts(&mut self, names: &[&str]) -> Result<(), String> {
        for name in names {
            self.optional(name, |value, texts| texts.span(&value))?;
        }
        Ok(())
    }

    /// A value that may be absent or `null`, as `write` writes it.
    fn optional(
        &mut self,
        name: &str,
        write: impl FnOnce(Value, &mut Texts) -> Result<String, String>,
    ) -> Result<(), String> {
        let code = option(take(&mut self.fields, name), |value| write(value, self.texts))?;
        self.write(name, &code);
        Ok(())
    }

    /// Lists of texts: empty when absent, unless `given` (never `null`).
    fn lists(&mut self, names: &[&str], given: bool) -> Result<(), String> {
        for name in names {
            let list = match self.fields.remove(*name) {
                Some(value) => self.texts.list(&value)?,
                None if given => return Err(format!("a {} has no `{name}`", self.what)),
                None => "(0, 0)".to_owned(),
            };
            self.write(name, &list);
        }
        Ok(())
    }

    /// `name { .. }`, every field taken.
    fn end(self, name: &str) -> Result<String, String> {
        if let Some(field) = self.fields.keys().next() {
            return Err(format!("a {} has the unknown field `{field}`", self.what));
        }
        Ok(format!("{name} {{{} }}", self.code))
    }
}

/// One record as a `Prepared { .. }` expression; `json` is its text's
/// span, `time` its time's (`Placing::place`).
fn prepared(record: Value, json: String, time: &str, texts: &mut Texts) -> Result<String, String> {
    let mut fields = Fields::of(record, "record", texts)?;
    fields.texts(&[
        "id", "kind", "category", "title", "summary", "source", "locator", "quote",
    ])?;
    fields.optional_texts(&[
        "date",
        "as_of",
        "date_text",
        "indicator",
        "qualifier",
        "amount_text",
        "status",
        "note",
    ])?;
    fields.optional("period", |value, texts| {
        let mut period = Fields::of(value, "period", texts)?;
        period.texts(&["start", "end"])?;
        period.end("PreparedPeriod")
    })?;
    for name in ["value", "low", "high"] {
        fields.optional(name, |value, _| figure(&value))?;
    }
    fields.lists(&["entities", "tags"], false)?;
    fields.write("json", &json);
    fields.write("time", time);
    fields.end("Prepared")
}

/// The dataset's `dataset` section as a `PreparedMetadata { .. }`.
fn metadata(value: Value, texts: &mut Texts) -> Result<String, String> {
    let mut fields = Fields::of(value, "`dataset` section", texts)?;
    fields.optional_texts(&["title", "description", "version", "url", "license", "citation"])?;
    fields.lists(&["authors"], false)?;
    fields.end("PreparedMetadata")
}

/// The dataset's `dashboard` section as a `PreparedDashboard { .. }`.
fn dashboard(value: Value, texts: &mut Texts) -> Result<String, String> {
    let mut fields = Fields::of(value, "`dashboard` section", texts)?;
    fields.lists(&["headline", "key_figures"], false)?;
    fields.end("PreparedDashboard")
}

/// A source as a `PreparedSource { .. }`.
fn source(value: Value, texts: &mut Texts) -> Result<String, String> {
    let mut fields = Fields::of(value, "source", texts)?;
    fields.texts(&["id", "title", "container", "kind"])?;
    fields.lists(&["authors"], true)?;
    fields.optional_texts(&[
        "published",
        "url",
        "publisher",
        "volume",
        "issue",
        "pages",
        "doi",
        "accessed",
        "repository",
        "path",
        "commit",
        "note",
        "text_file",
    ])?;
    fields.optional("original", |value, texts| {
        let mut original = Fields::of(value, "source's `original`", texts)?;
        original.optional_texts(&["title", "container", "publisher", "published", "url"])?;
        original.end("PreparedOriginal")
    })?;
    fields.optional("info_as_of", |value, _| info_as_of(&value))?;
    fields.end("PreparedSource")
}

/// A source's `info_as_of`, `{"year": 2002}` or `{"after": 2017}`, as an
/// `InfoAsOf`: any other shape is not prepared (the careful loader says
/// what is wrong with it).
fn info_as_of(value: &Value) -> Result<String, String> {
    let one = value.as_object().filter(|fields| fields.len() == 1);
    let year = |year: &Value| year.as_i64().and_then(|year| i32::try_from(year).ok());
    let code = match one.and_then(|fields| fields.iter().next()) {
        Some((key, given)) if key == "year" => year(given).map(|year| format!("InfoAsOf::Year({year})")),
        Some((key, given)) if key == "after" => year(given).map(|year| format!("InfoAsOf::After({year})")),
        _ => None,
    };
    code.ok_or_else(|| format!("a source's `info_as_of` {value} is not `{{\"year\": N}}` or `{{\"after\": N}}`"))
}

/// An indicator as a `PreparedIndicator { .. }`.
fn indicator(value: Value, texts: &mut Texts) -> Result<String, String> {
    let mut fields = Fields::of(value, "indicator", texts)?;
    fields.texts(&["id", "name", "unit", "description", "category"])?;
    fields.optional_texts(&["unit_singular"])?;
    fields.end("PreparedIndicator")
}

/// An entity as a `PreparedEntity { .. }`.
fn entity(value: Value, texts: &mut Texts) -> Result<String, String> {
    let mut fields = Fields::of(value, "entity", texts)?;
    fields.texts(&["id", "name", "kind"])?;
    fields.optional_texts(&["korean", "note"])?;
    fields.lists(&["aliases"], false)?;
    fields.end("PreparedEntity")
}

/// The field `name`, taken out of `fields`; `null` is no value.
fn take(fields: &mut Map<String, Value>, name: &str) -> Option<Value> {
    fields.remove(name).filter(|value| !value.is_null())
}

/// A number as the double JSON readers take it to be, bit for bit.
fn figure(value: &Value) -> Result<String, String> {
    let number = value.as_f64().ok_or_else(|| format!("{value} is not a number"))?;
    Ok(format!("f64::from_bits({:#x})", number.to_bits()))
}

fn option(value: Option<Value>, write: impl FnOnce(Value) -> Result<String, String>) -> Result<String, String> {
    value.map_or_else(|| Ok("None".to_owned()), |value| Ok(format!("Some({})", write(value)?)))
}

/// What nkict works out of each record from the records and lists alone,
/// worked out here once rather than at every run: each record's time as
/// the JSON export's `record_times` writes it (`model::Time`,
/// `rows::TimeColumns`), the order of the records by time
/// (`Columns::into_model`), and the items of the lists any record uses.
/// The tests in `src/export/json.rs`
/// (`each_bundled_record_s_time_is_the_one_the_model_places_it_at`,
/// `the_bundled_records_in_order_of_time_are_in_the_models_order`,
/// `the_lists_items_every_bundled_record_uses_are_those_the_model_marks`)
/// check each against what the model of the careful loader's reading
/// works out of the records. Anything else (a date not plain, an id to
/// escape, an unknown id) leaves no prepared form.
struct Placing {
    /// Each source's position and its "at present" year
    /// (`info_as_of.year`), by id.
    sources: HashMap<String, (usize, Option<i64>)>,
    indicators: HashMap<String, usize>,
    entities: HashMap<String, usize>,
    /// Whether any record uses each item, list by list.
    used: [Vec<bool>; 3],
    /// The dated records' start dates, as `(year, month, day)` keys that
    /// sort as `model::date_key`'s, with the records' positions.
    dated: Vec<((i64, u8, u8), usize)>,
    /// The undated records' positions.
    undated: Vec<usize>,
}

impl Placing {
    /// The lists of `dataset`, not yet taken out of it.
    fn of(dataset: &Map<String, Value>) -> Result<Self, String> {
        let items = |list: &str| match dataset.get(list) {
            Some(Value::Array(items)) => Ok(items),
            _ => Err(format!("no list of {list}")),
        };
        let ids = |list: &str| -> Result<HashMap<String, usize>, String> {
            let ids = items(list)?.iter().map(|item| required_text(item, "id"));
            ids.enumerate().map(|(at, id)| Ok((id?.to_owned(), at))).collect()
        };
        let mut sources = HashMap::new();
        for (at, source) in items("sources")?.iter().enumerate() {
            let year = source.get("info_as_of").and_then(|info| info.get("year"));
            sources.insert(
                required_text(source, "id")?.to_owned(),
                (at, year.and_then(Value::as_i64)),
            );
        }
        let (indicators, entities) = (ids("indicators")?, ids("entities")?);
        let used = [sources.len(), indicators.len(), entities.len()].map(|count| vec![false; count]);
        Ok(Self {
            sources,
            indicators,
            entities,
            used,
            dated: Vec::new(),
            undated: Vec::new(),
        })
    }

    /// Places the record at `index`: marks what it uses and where it goes
    /// by time; returns its time as `record_times` writes it. Its id must
    /// need no escape as the key of that time (a valid id never does: the
    /// export writes it as it is).
    fn place(&mut self, index: usize, record: &Value) -> Result<String, String> {
        let id = required_text(record, "id")?;
        if !id.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\') {
            return Err(format!("the record id `{id}` is not written as it is in JSON"));
        }
        let source = required_text(record, "source")?;
        let &(at, at_present) = (self.sources.get(source)).ok_or_else(|| format!("the unknown source `{source}`"))?;
        self.used[0][at] = true;
        if let Some(indicator) = optional_text(record, "indicator")? {
            self.used[1][position(&self.indicators, indicator)?] = true;
        }
        for entity in record.get("entities").and_then(Value::as_array).into_iter().flatten() {
            let entity = entity.as_str().ok_or("an entity that is not a string")?;
            self.used[2][position(&self.entities, entity)?] = true;
        }
        let (start, end, origin) = time_of(record, at_present)?;
        match start.as_deref() {
            Some(start) => self.dated.push((date_key(start)?, index)),
            None => self.undated.push(index),
        }
        // The last date is written as it is too.
        if let Some(end) = &end {
            date_key(end)?;
        }
        Ok(pretty_time(start.as_deref(), end.as_deref(), origin))
    }

    /// The records' positions in the order `Model::filter` gives them all:
    /// the dated by their start dates (ties in the file's order), then the
    /// undated in the file's order.
    fn chronological(&mut self) -> String {
        self.dated.sort_unstable();
        let dated = self.dated.iter().map(|&(_, index)| index);
        let order: Vec<String> = dated
            .chain(self.undated.iter().copied())
            .map(|index| index.to_string())
            .collect();
        order.join(", ")
    }

    /// The positions of the items used, list by list.
    fn used(&self) -> [String; 3] {
        self.used.each_ref().map(|used| {
            let positions = used.iter().enumerate().filter(|(_, used)| **used);
            positions.map(|(at, _)| at.to_string()).collect::<Vec<_>>().join(", ")
        })
    }
}

/// Where `id` is in a list (`ids`); an unknown id is not prepared.
fn position(ids: &HashMap<String, usize>, id: &str) -> Result<usize, String> {
    ids.get(id).copied().ok_or_else(|| format!("the unknown id `{id}`"))
}

/// A record's first and last dates, as written, and where they come from
/// (`TimeColumns::origin`), as `model::Time::of` places it: its own date,
/// else its own period, else its source's "at present" year
/// (`at_present`) if it speaks of the present (`as_of: "source"`).
fn time_of(record: &Value, at_present: Option<i64>) -> Result<(Option<String>, Option<String>, &'static str), String> {
    if let Some(date) = optional_text(record, "date")? {
        return Ok((Some(date.to_owned()), Some(date.to_owned()), "record"));
    }
    if let Some(period) = record.get("period").filter(|period| !period.is_null()) {
        let [start, end] = ["start", "end"].map(|name| required_text(period, name).map(str::to_owned));
        return Ok((Some(start?), Some(end?), "record"));
    }
    match (optional_text(record, "as_of")?, at_present) {
        (Some("source"), Some(year)) if (0..=9999).contains(&year) => {
            let year = format!("{year:04}");
            Ok((Some(year.clone()), Some(year), "source"))
        }
        (Some("source"), Some(year)) => Err(format!("the year {year} is not written in four digits")),
        _ => Ok((None, None, "none")),
    }
}

/// A plain date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, which nkict writes as
/// it is) as a key that sorts as `model::date_key`'s: a month or day
/// absent before any given. Any other date is not prepared.
fn date_key(date: &str) -> Result<(i64, u8, u8), String> {
    let bytes = date.as_bytes();
    let number = |range: std::ops::Range<usize>| {
        let digits = &bytes[range];
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0')))
    };
    let part = |at: usize| match bytes[at - 1] {
        b'-' => number(at..at + 2).map(|n| n as u8 + 1),
        _ => None,
    };
    let key = match bytes.len() {
        4 => number(0..4).map(|year| (year, 0, 0)),
        7 => number(0..4).zip(part(5)).map(|(year, month)| (year, month, 0)),
        10 => number(0..4)
            .zip(part(5))
            .zip(part(8))
            .map(|((year, month), day)| (year, month, day)),
        _ => None,
    };
    key.ok_or_else(|| format!("the date `{date}` is not plain"))
}

/// A record's time as the JSON export's `record_times` holds it, two
/// levels deep (`json::pretty_time`).
fn pretty_time(start: Option<&str>, end: Option<&str>, origin: &str) -> String {
    let quoted = |date: Option<&str>| date.map_or_else(|| "null".to_owned(), |date| format!("\"{date}\""));
    let precision = match start.map(str::len) {
        None => "null",
        Some(4) => "\"year\"",
        Some(7) => "\"month\"",
        Some(_) => "\"day\"",
    };
    format!(
        "{{\n      \"start\": {},\n      \"end\": {},\n      \"date_precision\": {precision},\n      \
         \"approximate\": {},\n      \"origin\": \"{origin}\"\n    }}",
        quoted(start),
        quoted(end),
        origin == "source"
    )
}

/// The text `object` holds as `name`, which it must.
fn required_text<'v>(object: &'v Value, name: &str) -> Result<&'v str, String> {
    optional_text(object, name)?.ok_or_else(|| format!("no `{name}`"))
}

/// The text `object` holds as `name`, if any (`null` is none).
fn optional_text<'v>(object: &'v Value, name: &str) -> Result<Option<&'v str>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(format!("`{name}` {other} is not a string")),
    }
}
