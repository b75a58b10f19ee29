//! Prepares the bundled dataset (`data/nkict.json`) for the binary: its
//! records and lists (sources, indicators, entities, metadata) as Rust
//! statics, their text borrowed from the binary, so that a command on the
//! bundled dataset does not parse half a megabyte of JSON at each start
//! (that parse was most of `nkict list`'s time), nor read its lists
//! through a deserializer (a fifth of what was left).
//! Each record, source, indicator and entity also keeps where its own text
//! is in the JSON: the JSON export copies it rather than encode the item
//! again (`embedded::json_of`, `embedded::item_json`).
//!
//! This knows only the shape of each item, not its rules: text stays text
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
    for (record, json) in records.into_iter().zip(jsons) {
        writeln!(code, "        {},", prepared(record, json, &mut texts)?).expect("writing to a String");
    }
    write!(
        code,
        "    ],\n    listed: &[{}],\n    items: [&[{}], &[{}], &[{}]],\n}});\n",
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
        if let Some(span) = self.spans.get(text) {
            return Ok(span.clone());
        }
        let span = format!("Span({}, {})", self.text.len(), text.len());
        self.text.push_str(text);
        self.spans.insert(text.clone(), span.clone());
        Ok(span)
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

/// One record as a `Prepared { .. }` expression; `json` is its text's span.
fn prepared(record: Value, json: String, texts: &mut Texts) -> Result<String, String> {
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
