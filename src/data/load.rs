//! Reading a dataset from bytes: UTF-8, JSON syntax, then each item's types,
//! then the cross-checks in `validate`. Every problem found is reported with
//! its line and column, never just the first.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::error::{LoadError, Problem};
use super::schema::Dataset;
use super::validate::validate;

/// The dataset bundled into the binary.
pub const EMBEDDED: &str = include_str!("../../data/nkict.json");

/// The name the embedded dataset goes by in messages.
pub const EMBEDDED_NAME: &str = "<embedded dataset>";

/// Reads and validates a dataset file.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&bytes, path)
}

/// Parses the dataset bundled into the binary.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    parse(EMBEDDED.as_bytes(), Path::new(EMBEDDED_NAME))
}

/// Parses and validates a dataset; `path` only names it in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Dataset, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_column(&bytes[..err.valid_up_to()]);
        LoadError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })?;
    let outline = parse_outline(text, path)?;
    let mut problems = Vec::new();
    let mut positions = Positions::default();
    let sources = items(text, &outline.sources, "sources", &mut positions.sources, &mut problems);
    let indicators = items(text, &outline.indicators, "indicators", &mut positions.indicators, &mut problems);
    let entities = items(text, &outline.entities, "entities", &mut positions.entities, &mut problems);
    let records = items(text, &outline.records, "records", &mut positions.records, &mut problems);
    if let (Some(sources), Some(indicators), Some(entities), Some(records)) = (sources, indicators, entities, records) {
        let dataset = Dataset {
            schema_version: outline.schema_version,
            sources,
            indicators,
            entities,
            records,
        };
        problems.extend(validate(&dataset, &positions));
        if problems.is_empty() {
            return Ok(dataset);
        }
    }
    Err(invalid(path, problems))
}

fn invalid(path: &Path, mut problems: Vec<Problem>) -> LoadError {
    problems.sort_by_key(|p| p.position.unwrap_or((0, 0)));
    LoadError::Invalid {
        path: path.to_owned(),
        problems,
    }
}

/// The top level of a file, with each item kept as raw text so that a type
/// error in one item does not hide those in the others.
#[derive(Deserialize)]
struct Outline<'a> {
    schema_version: u32,
    #[serde(borrow)]
    sources: Vec<&'a RawValue>,
    #[serde(borrow)]
    indicators: Vec<&'a RawValue>,
    #[serde(borrow)]
    entities: Vec<&'a RawValue>,
    #[serde(borrow)]
    records: Vec<&'a RawValue>,
}

fn parse_outline<'a>(text: &'a str, path: &Path) -> Result<Outline<'a>, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let outline = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            syntax_error(text, path, &inner)
        } else {
            invalid(
                path,
                vec![Problem {
                    position: Some(position(text, 0, text, &inner)),
                    item: None,
                    field: (field != ".").then_some(field),
                    message: strip_position(&inner.to_string()),
                }],
            )
        }
    })?;
    de.end().map_err(|err| syntax_error(text, path, &err))?;
    Ok(outline)
}

fn syntax_error(text: &str, path: &Path, err: &serde_json::Error) -> LoadError {
    let (line, column) = position(text, 0, text, err);
    LoadError::Syntax {
        path: path.to_owned(),
        line,
        column,
        message: strip_position(&err.to_string()),
    }
}

/// The file's line and column (in characters) of an error that serde_json
/// found in `part`, which starts at byte `offset` of `text`.
fn position(text: &str, offset: usize, part: &str, err: &serde_json::Error) -> (usize, usize) {
    let within = offset_of(part, err.line(), err.column());
    line_column(&text.as_bytes()[..offset + within])
}

/// Where each item starts in the file, by list: what `validate` needs to
/// point at an item.
#[derive(Debug, Default)]
pub struct Positions {
    pub sources: Vec<(usize, usize)>,
    pub indicators: Vec<(usize, usize)>,
    pub entities: Vec<(usize, usize)>,
    pub records: Vec<(usize, usize)>,
}

/// Deserializes every item of one list, collecting a problem for each that
/// fails; `None` if any did.
fn items<T: DeserializeOwned>(
    text: &str,
    raws: &[&RawValue],
    list: &str,
    positions: &mut Vec<(usize, usize)>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<T>> {
    let mut items = Vec::with_capacity(raws.len());
    for (index, raw) in raws.iter().enumerate() {
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        positions.push(line_column(&text.as_bytes()[..offset]));
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(item) => items.push(item),
            Err(err) => {
                let field = err.path().to_string();
                let inner = err.into_inner();
                problems.push(Problem {
                    position: Some(position(text, offset, raw.get(), &inner)),
                    item: Some(item_label(list, index, raw)),
                    field: (field != ".").then_some(field),
                    message: strip_position(&inner.to_string()),
                });
            }
        }
    }
    (items.len() == raws.len()).then_some(items)
}

/// ``record `id` `` when the item has a readable id, else `records[3]`.
fn item_label(list: &str, index: usize, raw: &RawValue) -> String {
    #[derive(Deserialize)]
    struct IdProbe {
        id: Option<String>,
    }
    let singular = list.strip_suffix('s').unwrap_or(list);
    match serde_json::from_str::<IdProbe>(raw.get()) {
        Ok(IdProbe { id: Some(id) }) => format!("{singular} `{id}`"),
        _ => format!("{list}[{index}]"),
    }
}

/// serde_json appends " at line L column C"; the position is printed apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// 1-based line and column (in characters) of the end of `before`.
pub fn line_column(before: &[u8]) -> (usize, usize) {
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let last_line = String::from_utf8_lossy(&before[line_start..]);
    (line, last_line.chars().count() + 1)
}

/// Byte offset in `text` of serde_json's 1-based line and column (in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// The path a user gave, or the embedded dataset's name, for messages.
pub fn display_name(path: Option<&Path>) -> PathBuf {
    path.map_or_else(|| PathBuf::from(EMBEDDED_NAME), Path::to_owned)
}
