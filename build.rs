//! Prepares the bundled dataset (`data/nkict.json`) for the binary: its
//! records as Rust statics, their text borrowed from the binary, so that a
//! command on the bundled dataset does not parse half a megabyte of JSON at
//! each start (that parse was most of `nkict list`'s time). The lists
//! (sources, indicators, entities, metadata) become a tree of JSON values,
//! read by the same types as ever (`Deserialize`), without the JSON text.
//! Each record, source, indicator and entity also keeps where its own text
//! is in the JSON: the JSON export copies it rather than encode the item
//! again (`embedded::json_of`, `embedded::item_json`).
//!
//! This knows only the shape of a record, not its rules: text stays text
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

/// The Rust source of `PREPARED`: the lists as a tree of values; the records, each
/// text a span of one string (each distinct text once). Spans, not `&str`:
/// a pointer in a static is fixed up by the loader at every start, and
/// hundreds of kilobytes of them cost every command (`--version` too).
/// And that one string, `data::bundled_texts::BUNDLED_TEXTS`, in a module
/// of its own: the model's texts (`StaticText`) borrow from it
/// (`as_static`), and `data::text` cannot use the prepared form's module,
/// which uses it.
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
    let Some(Value::Array(records)) = dataset.insert("records".into(), Value::Array(Vec::new())) else {
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
    let mut nodes = vec![String::new()];
    node(&Value::Object(dataset), 0, &mut nodes, &mut texts)?;
    let mut code = String::new();
    for (record, json) in records.into_iter().zip(jsons) {
        let Value::Object(fields) = record else {
            return Err("a record is not an object".into());
        };
        code.push_str(&prepared(fields, json, &mut texts)?);
    }
    let code = format!(
        "pub(super) static PREPARED: Option<Form> = Some(Form {{\n    lists: &[{}],\n    \
         listed: &[{}],\n    records: &[\n{code}    ],\n    \
         items: [&[{}], &[{}], &[{}]],\n}});\n",
        nodes.join(", "),
        texts.listed.join(", "),
        item_jsons(text, &lists, "sources")?.join(", "),
        item_jsons(text, &lists, "indicators")?.join(", "),
        item_jsons(text, &lists, "entities")?.join(", "),
    );
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

/// The text in `text` (the whole dataset's, whose `lists` these are) of
/// each item of its list `list` (the records, sources...), as
/// `Span(start, length)`: the JSON export writes it as it is.
fn item_jsons(text: &str, lists: &HashMap<String, &RawValue>, list: &str) -> Result<Vec<String>, String> {
    let items = lists.get(list).ok_or_else(|| format!("no list of {list}"))?;
    let items: Vec<&RawValue> = serde_json::from_str(items.get()).map_err(|err| err.to_string())?;
    let at = |json: &str| json.as_ptr() as usize - text.as_ptr() as usize;
    Ok(items
        .iter()
        .map(|item| format!("Span({}, {})", at(item.get()), item.get().len()))
        .collect())
}

/// Writes `value` as `nodes[at]`, its items or entries (key, value, key...)
/// one after the other at the end of `nodes`.
fn node(value: &Value, at: usize, nodes: &mut Vec<String>, texts: &mut Texts) -> Result<(), String> {
    let children = |count: usize, nodes: &mut Vec<String>| {
        let first = nodes.len();
        nodes.resize(first + count, String::new());
        first
    };
    nodes[at] = match value {
        Value::Null => "Node::Null".to_owned(),
        Value::Bool(b) => format!("Node::Bool({b})"),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(n), _) => format!("Node::U64({n})"),
            (None, Some(n)) => format!("Node::I64({n})"),
            (None, None) => format!("Node::F64({})", figure(value)?),
        },
        Value::String(_) => format!("Node::Str({})", texts.span(value)?),
        Value::Array(items) => {
            let first = children(items.len(), nodes);
            for (i, item) in items.iter().enumerate() {
                node(item, first + i, nodes, texts)?;
            }
            format!("Node::Seq({first}, {})", items.len())
        }
        Value::Object(entries) => {
            let first = children(2 * entries.len(), nodes);
            for (i, (key, value)) in entries.iter().enumerate() {
                node(&Value::String(key.clone()), first + 2 * i, nodes, texts)?;
                node(value, first + 2 * i + 1, nodes, texts)?;
            }
            format!("Node::Map({first}, {})", entries.len())
        }
    };
    Ok(())
}

/// The records' texts: one string, and lists of spans of it.
#[derive(Default)]
struct Texts {
    text: String,
    spans: HashMap<String, String>,
    /// Each list's spans, one after the other.
    listed: Vec<String>,
}

impl Texts {
    /// `Span(start, length)` of `value`, a string, in `text`.
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
    fn list(&mut self, value: Option<Value>, name: &str) -> Result<String, String> {
        let items = match value {
            Some(Value::Array(items)) => items,
            Some(_) => return Err(format!("a record's `{name}` is not a list")),
            None => Vec::new(),
        };
        let first = self.listed.len();
        for item in &items {
            let span = self.span(item)?;
            self.listed.push(span);
        }
        Ok(format!("({first}, {})", items.len()))
    }
}

/// One record as a `Prepared { .. }` expression; `json` is its text's span.
fn prepared(mut fields: Map<String, Value>, json: String, texts: &mut Texts) -> Result<String, String> {
    let required = [
        "id", "kind", "category", "title", "summary", "source", "locator", "quote",
    ];
    let optional = [
        "date",
        "as_of",
        "date_text",
        "indicator",
        "qualifier",
        "amount_text",
        "status",
        "note",
    ];
    let mut code = String::from("        Prepared {");
    for name in required {
        let value = take(&mut fields, name).ok_or_else(|| format!("a record has no `{name}`"))?;
        write!(code, " {name}: {},", texts.span(&value)?).expect("writing to a String");
    }
    for name in optional {
        let span = option(take(&mut fields, name), |value| texts.span(&value))?;
        write!(code, " {name}: {span},").expect("writing to a String");
    }
    let period = option(take(&mut fields, "period"), |value| {
        match value.as_object().map(Map::len) {
            Some(2) => {
                let start = value.get("start").ok_or("a period has no `start`")?;
                let end = value.get("end").ok_or("a period has no `end`")?;
                Ok(format!("({}, {})", texts.span(start)?, texts.span(end)?))
            }
            _ => Err("a period is not `{start, end}`".into()),
        }
    })?;
    write!(code, " period: {period},").expect("writing to a String");
    for name in ["value", "low", "high"] {
        write!(
            code,
            " {name}: {},",
            option(take(&mut fields, name), |value| figure(&value))?
        )
        .expect("writing to a String");
    }
    for name in ["entities", "tags"] {
        let list = texts.list(take(&mut fields, name), name)?;
        write!(code, " {name}: {list},").expect("writing to a String");
    }
    if let Some(name) = fields.keys().next() {
        return Err(format!("a record has the unknown field `{name}`"));
    }
    writeln!(code, " json: {json} }},").expect("writing to a String");
    Ok(code)
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
