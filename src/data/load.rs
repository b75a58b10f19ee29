//! Reading a dataset from bytes: UTF-8, JSON syntax, then each item's types,
//! then the cross-checks in `validate`. Every problem found is reported with
//! its line and column, never just the first.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::error::{LoadError, Problem, Problems};
use super::positions::{DashboardPositions, Position, Positions, Unread, UnreadItems};
use super::schema::{Dashboard, Dataset, Metadata, SCHEMA_VERSION};
use super::text::Text;
use super::validate::{Whole, validate};
use crate::terminal_text::{QUOTED_LIMIT, count, cut, quoted};

/// The dataset bundled into the binary.
pub const EMBEDDED: &str = include_str!("../../data/nkict.json");

/// The name the embedded dataset goes by in messages.
pub const EMBEDDED_NAME: &str = "<embedded dataset>";

/// The largest file `load_file` reads: far more than any real dataset (the
/// bundled one is under a megabyte; 100,000 records take about 60 MB), and
/// few enough that loading it stays within a few gigabytes of memory.
pub const DEFAULT_MAX_SIZE: u64 = 256 << 20;

/// Reads and validates a dataset file of at most [`DEFAULT_MAX_SIZE`] bytes.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    load_file_with_limit(path, DEFAULT_MAX_SIZE)
}

/// Reads and validates a dataset file of at most `max_size` bytes.
pub fn load_file_with_limit(path: &Path, max_size: u64) -> Result<Dataset, LoadError> {
    load_file_located(path, max_size).map(|(dataset, _)| dataset)
}

/// Reads and validates a dataset file of at most `max_size` bytes, with
/// where each item starts in it (for reporting a later problem with an item
/// at its place).
pub fn load_file_located(path: &Path, max_size: u64) -> Result<(Dataset, Positions), LoadError> {
    let bytes = read_file(path, max_size)?;
    parse_located(&bytes, path)
}

/// A file's bytes: mapped into memory for a regular file, read for a pipe.
pub enum FileBytes {
    /// The file mapped read-only. Mapping touches no memory of nkict's own
    /// and copies nothing (reading 800 MB into a buffer costs as much as
    /// parsing a quarter of it, on machines where page faults are dear). A
    /// file changed by another program while nkict reads it may read as a
    /// mixture of both versions, like any file read in pieces, and one cut
    /// short stops nkict with SIGBUS.
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Mapped(map) => map,
            Self::Read(bytes) => bytes,
        }
    }
}

/// The bytes of a file, as `read_limited` reads them but mapped when the
/// file is a regular one (and not empty: there is nothing to map).
pub fn read_file(path: &Path, max_size: u64) -> Result<FileBytes, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    let metadata = file.metadata().map_err(read_error)?;
    if !metadata.is_file() || metadata.len() == 0 || metadata.len() > max_size {
        // Pipes, devices, empty and too large files: read_limited says what
        // is wrong, or reads the pipe.
        return read_limited(file, &metadata, path, max_size).map(FileBytes::Read);
    }
    // SAFETY: the map is read-only and private; see `FileBytes::Mapped` for
    // what another program changing the file meanwhile does.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.map_err(read_error)?;
    Ok(FileBytes::Mapped(map))
}

/// The bytes of a regular file, a pipe or a FIFO (`--data <(gunzip -c
/// data.json.gz)` is read once, to its end), never more than `max_size` of
/// them. Devices are refused: /dev/zero never ends, and a terminal is no
/// dataset.
///
/// `file` is `path` opened, `metadata` its own, as `read_file` found them.
fn read_limited(file: File, metadata: &std::fs::Metadata, path: &Path, max_size: u64) -> Result<Vec<u8>, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let refuse = |reason: String| LoadError::Refused {
        path: path.to_owned(),
        reason,
    };
    if is_device(&metadata.file_type()) {
        return Err(refuse(
            "is a device, not a file: nkict reads regular files, pipes and FIFOs".to_owned(),
        ));
    }
    let too_large = |size: &str| {
        refuse(format!(
            "{size}, more than the limit of {} (a larger file needs --max-size)",
            size_label(max_size)
        ))
    };
    if metadata.is_file() && metadata.len() > max_size {
        return Err(too_large(&format!("the file has {}", size_label(metadata.len()))));
    }
    let expected = if metadata.is_file() { metadata.len() } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large("the input went on"));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_device(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_block_device()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::FileType) -> bool {
    false
}

/// `256 MiB` for whole mebibytes, else the bytes: `1,000 bytes`.
pub fn size_label(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", count((bytes / MIB) as usize))
    } else {
        format!("{} bytes", count(usize::try_from(bytes).unwrap_or(usize::MAX)))
    }
}

/// Parses the dataset bundled into the binary.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    parse(EMBEDDED.as_bytes(), Path::new(EMBEDDED_NAME))
}

/// Parses and validates a dataset; `path` only names it in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Dataset, LoadError> {
    parse_located(bytes, path).map(|(dataset, _)| dataset)
}

/// A file's text: UTF-8, without a byte order mark.
pub fn text_of<'b>(bytes: &'b [u8], path: &Path) -> Result<&'b str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Checked with SIMD (std's check took a quarter of an export of Korean
    // text); std's, slower, only finds where the text goes wrong. Checked
    // whole, before the reading: this pass streams at the memory's speed,
    // and the parse's own reading of the bytes is prefetched, so checking
    // them as the reading goes cost more (an export of a million records,
    // 30 November 2026): each string by serde_json's `SliceRead` (std's
    // check), 20% more instructions and 15-30% more CPU time; a stretch
    // at a time just ahead of the reading, 3-5% more CPU time.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_column(&bytes[..err.valid_up_to()]);
        LoadError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })
}

/// As `parse`, with where each item starts.
fn parse_located(bytes: &[u8], path: &Path) -> Result<(Dataset, Positions), LoadError> {
    let text = text_of(bytes, path)?;
    let mut cursor = Cursor::new(text);
    let outline = parse_outline(text, path)?;
    let mut problems = Problems::default();
    let mut positions = Positions::default();
    let version = outline.schema_version;
    let version_at = offset_in(text, version);
    positions.schema_version = Some(cursor.at(version_at));
    let schema_version = match serde_json::from_str::<u32>(version.get()) {
        Ok(v) => Some(v),
        Err(err) => {
            problems.push(Problem {
                position: positions.schema_version,
                item: None,
                field: Some("schema_version".into()),
                message: message(&err, version.get()),
            });
            None
        }
    };
    let mut items = Items {
        text,
        cursor: &mut cursor,
        problems: &mut problems,
    };
    let mut unread = Unread::default();
    let (sources, whole_sources) = items.parse("sources", outline.sources, &mut positions.sources, &mut unread.sources);
    let (indicators, whole_indicators) = items.parse(
        "indicators",
        outline.indicators,
        &mut positions.indicators,
        &mut unread.indicators,
    );
    let (entities, whole_entities) = items.parse(
        "entities",
        outline.entities,
        &mut positions.entities,
        &mut unread.entities,
    );
    let (records, _) = items.parse("records", outline.records, &mut positions.records, &mut unread.records);
    // Last, though they come first in a file: the cursor walks back once.
    let metadata = outline
        .dataset
        .and_then(|raw| items.item::<Metadata>(raw, || "dataset".to_owned()).ok())
        .map(|(metadata, start)| {
            positions.dataset = Some(start);
            metadata
        });
    let dashboard = outline
        .dashboard
        .and_then(|raw| items.dashboard(raw, &mut positions.dashboard));
    // The items that parsed are checked too, so that one report lists every
    // problem; a wrong version was reported above.
    let dataset = Dataset {
        schema_version: schema_version.unwrap_or(SCHEMA_VERSION),
        metadata,
        dashboard,
        sources,
        indicators,
        entities,
        records,
    };
    let whole = Whole {
        sources: whole_sources,
        indicators: whole_indicators,
        entities: whole_entities,
    };
    validate(&dataset, &positions, &unread, whole, &mut problems);
    if problems.is_empty() {
        return Ok((dataset, positions));
    }
    Err(invalid(path, problems))
}

fn invalid(path: &Path, mut problems: Problems) -> LoadError {
    problems.sort();
    LoadError::Invalid {
        path: path.to_owned(),
        problems,
    }
}

/// The top level of a file, with each list kept as raw text, to be read
/// item by item (`Items::parse`) so that a type error in one item does not
/// hide those in the others, and so that no list of every item's text is
/// ever held: a file of ten million `1,` would need 160 MB for it. Other
/// fields are ignored: an export document carries its filter and citation
/// beside the data.
#[derive(Deserialize)]
struct Outline<'a> {
    #[serde(borrow)]
    schema_version: &'a RawValue,
    #[serde(borrow, default)]
    dataset: Option<&'a RawValue>,
    #[serde(borrow, default)]
    dashboard: Option<&'a RawValue>,
    #[serde(borrow)]
    sources: &'a RawValue,
    #[serde(borrow)]
    indicators: &'a RawValue,
    #[serde(borrow)]
    entities: &'a RawValue,
    #[serde(borrow)]
    records: &'a RawValue,
}

/// Calls `f` with each item's text of a JSON array, in order.
fn each_item<'a>(list: &'a RawValue, f: impl FnMut(&'a RawValue)) -> Result<(), serde_json::Error> {
    struct EachItem<F>(F);

    impl<'de, F: FnMut(&'de RawValue)> Visitor<'de> for EachItem<F> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
            while let Some(item) = seq.next_element::<&'de RawValue>()? {
                (self.0)(item);
            }
            Ok(())
        }
    }

    serde_json::Deserializer::from_str(list.get()).deserialize_seq(EachItem(f))
}

/// An `Outline` that must be a JSON object: serde would also take an array
/// of five values for a struct.
struct TopLevel<'a>(Outline<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for TopLevel<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Object<'a>(PhantomData<&'a ()>);

        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Object<'a> {
            type Value = Outline<'a>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object with `schema_version`, `sources`, `indicators`, `entities` and `records`")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Outline<'a>, A::Error> {
                Outline::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }

        deserializer.deserialize_map(Object(PhantomData)).map(TopLevel)
    }
}

fn parse_outline<'a>(text: &'a str, path: &Path) -> Result<Outline<'a>, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let TopLevel(outline) = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = field_path(&err);
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            syntax_error(text, path, &inner)
        } else {
            invalid(
                path,
                Problems::from(vec![Problem {
                    position: Some(position(text, 0, text, &inner)),
                    item: None,
                    field: (field != ".").then_some(field),
                    message: message(&inner, text),
                }]),
            )
        }
    })?;
    de.end().map_err(|err| syntax_error(text, path, &err))?;
    Ok(outline)
}

fn syntax_error(text: &str, path: &Path, err: &serde_json::Error) -> LoadError {
    // serde_json puts the end of the file on its last character.
    let (line, column) = if err.is_eof() {
        line_column(text.as_bytes())
    } else {
        position(text, 0, text, err)
    };
    LoadError::Syntax {
        path: path.to_owned(),
        line,
        column,
        message: message(err, text),
    }
}

/// The file's line and column (in characters) of an error that serde_json
/// found in `part`, which starts at byte `offset` of `text`.
fn position(text: &str, offset: usize, part: &str, err: &serde_json::Error) -> (usize, usize) {
    let within = offset_of(part, err.line(), err.column());
    line_column(&text.as_bytes()[..offset + within])
}

/// The byte offset of `part` in `text`, which it was borrowed from.
fn offset_in(text: &str, part: &RawValue) -> usize {
    part.get().as_ptr() as usize - text.as_ptr() as usize
}

/// The lists of the file, deserialized item by item.
struct Items<'t, 'c> {
    text: &'t str,
    cursor: &'c mut Cursor<'t>,
    problems: &'c mut Problems,
}

impl<'t> Items<'t, '_> {
    /// Deserializes every item of one list, noting where each starts and
    /// collecting a problem for each that fails (noted in `unread`, with
    /// its id if it has one); also says whether all did.
    fn parse<T: DeserializeOwned>(
        &mut self,
        list: &str,
        raw_list: &'t RawValue,
        positions: &mut Vec<Position>,
        unread: &mut UnreadItems<'t>,
    ) -> (Vec<T>, bool) {
        let mut items = Vec::new();
        let mut index = 0;
        let listed = each_item(raw_list, |raw| {
            match self.item(raw, || item_label(list, index, raw)) {
                Ok((item, start)) => {
                    items.push(item);
                    positions.push(start);
                }
                Err(start) => unread.note(index, id_of(raw).map(|id| (id, start))),
            }
            index += 1;
        });
        if let Err(err) = listed {
            // Not an array: the one problem with this list.
            let within = offset_of(raw_list.get(), err.line(), err.column());
            self.problems.push(Problem {
                position: Some(self.cursor.at(offset_in(self.text, raw_list) + within)),
                item: None,
                field: Some(list.to_owned()),
                message: message(&err, raw_list.get()),
            });
            return (items, false);
        }
        let whole = items.len() == index;
        (items, whole)
    }

    /// Deserializes one item, with where it starts; or collects a problem
    /// naming it `label()`, and gives where the item starts.
    fn item<T: DeserializeOwned>(
        &mut self,
        raw: &RawValue,
        label: impl FnOnce() -> String,
    ) -> Result<(T, Position), Position> {
        let offset = offset_in(self.text, raw);
        let mut de = serde_json::Deserializer::from_str(raw.get());
        // Where the item starts, found first: the cursor walks forward.
        let start = self.cursor.at(offset);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(item) => Ok((item, start)),
            Err(err) => {
                let field = field_path(&err);
                let path = err.path().clone();
                let inner = err.into_inner();
                // Placing and naming the item is left out for a problem that
                // will only be counted: a file of ten million bad items.
                let message = message(&inner, raw.get());
                self.problems.push_with(message, |message| {
                    let within = offset_of(raw.get(), inner.line(), inner.column());
                    let within = within_value(raw.get(), &path, within);
                    Problem {
                        position: Some(self.cursor.at(offset + within)),
                        item: Some(label()),
                        field: (field != ".").then_some(field),
                        message,
                    }
                });
                Err(start)
            }
        }
    }

    /// The `dashboard` section, noting where each of its ids is.
    fn dashboard(&mut self, raw: &RawValue, positions: &mut DashboardPositions) -> Option<Dashboard> {
        /// The section's lists as raw text, to locate each id.
        #[derive(Deserialize)]
        struct Lists<'a> {
            #[serde(borrow, default)]
            headline: Vec<&'a RawValue>,
            #[serde(borrow, default)]
            key_figures: Vec<&'a RawValue>,
        }
        let (dashboard, _) = self.item::<Dashboard>(raw, || "dashboard".to_owned()).ok()?;
        let lists: Lists = serde_json::from_str(raw.get()).ok()?;
        let mut locate = |ids: Vec<&RawValue>| -> Vec<Position> {
            ids.into_iter()
                .map(|id| self.cursor.at(offset_in(self.text, id)))
                .collect()
        };
        positions.headline = locate(lists.headline);
        positions.key_figures = locate(lists.key_figures);
        Some(dashboard)
    }
}

/// `within`, an offset in `item` where serde_json placed a problem with the
/// value at `path`, kept within that value. serde_json places a problem
/// found once a value is read (a date that is none) at the next token
/// after it: for the last field of an object, its closing brace, on
/// another line. There it is moved to the value's last character, where
/// serde_json places the same problem in any other field.
fn within_value(item: &str, path: &serde_path_to_error::Path, within: usize) -> usize {
    match value_span(item, path) {
        Some(span) if within >= span.end && !span.is_empty() => span.end - 1,
        _ => within,
    }
}

/// Where in `item` (a JSON value's text) the value at `path` is, if it is
/// there.
fn value_span(item: &str, path: &serde_path_to_error::Path) -> Option<std::ops::Range<usize>> {
    use serde_path_to_error::Segment;
    let mut value = item;
    for segment in path.iter() {
        value = match segment {
            Segment::Map { key } => {
                let fields: std::collections::HashMap<String, &RawValue> = serde_json::from_str(value).ok()?;
                fields.get(key)?.get()
            }
            Segment::Seq { index } => {
                let items: Vec<&RawValue> = serde_json::from_str(value).ok()?;
                items.get(*index)?.get()
            }
            Segment::Enum { .. } | Segment::Unknown => return None,
        };
    }
    let start = value.as_ptr() as usize - item.as_ptr() as usize;
    Some(start..start + value.len())
}

/// ``record `id` `` when the item has a readable id, else `records[3]`.
fn item_label(list: &str, index: usize, raw: &RawValue) -> String {
    let singular = match list {
        "entities" => "entity",
        list => list.strip_suffix('s').unwrap_or(list),
    };
    match id_of(raw) {
        Some(id) => format!("{singular} {}", quoted(&id)),
        None => format!("{list}[{index}]"),
    }
}

/// The id of an item that may not parse, if it is an object with a string
/// `id`: borrowed from the file where it has no escapes.
fn id_of(raw: &RawValue) -> Option<Text<'_>> {
    #[derive(Deserialize)]
    struct IdProbe<'a> {
        #[serde(borrow)]
        id: Option<Text<'a>>,
    }
    serde_json::from_str::<IdProbe>(raw.get()).ok()?.id
}

/// Where in an item serde found a problem (`period.end`, `tags[2]`), cut:
/// an unknown field's name is the dataset's, and may be a megabyte long.
fn field_path(err: &serde_path_to_error::Error<serde_json::Error>) -> String {
    cut(&err.path().to_string(), QUOTED_LIMIT)
}

/// serde_json's message for people, about `text` (what its line and column
/// count in): without its position (printed apart), with the value it
/// quotes escaped and cut, and at most a few lines long.
fn message(err: &serde_json::Error, text: &str) -> String {
    const LIMIT: usize = 2_000;
    let message = cut(&requote_value(&strip_position(&err.to_string())), LIMIT);
    explain_non_string_name(message, text, err)
}

/// serde_json says only "expected value" where a name from a fixed list
/// (a record's `kind`, its `category`) is not a string but a number, a
/// boolean, null or a list: says what was expected, and what was found.
fn explain_non_string_name(message: String, text: &str, err: &serde_json::Error) -> String {
    if message != "expected value" {
        return message;
    }
    let found = match text.as_bytes().get(offset_of(text, err.line(), err.column())) {
        Some(b'-' | b'0'..=b'9') => "a number",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'[') => "a list",
        _ => return message,
    };
    format!("expected a name, as a string, found {found}")
}

/// serde_json appends " at line L column C"; the position is printed apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// serde quotes the whole of a value it rejects, raw between backticks
/// (``unknown variant `event`, expected ...``, ``unknown field `vaule` ``) or
/// escaped between double quotes (`invalid type: string "lots"`). That
/// value is quoted again as every dataset value is: escaped, and cut with its
/// length when long. Lists of what was expected stay.
fn requote_value(message: &str) -> String {
    for (opening, mark) in [("variant `", '`'), ("field `", '`'), ("string \"", '"')] {
        let Some(start) = message.find(opening).map(|at| at + opening.len()) else {
            continue;
        };
        // The value ends where the list of what was expected begins (a list
        // that never holds `, expected ` or `, there are no`), or at the last mark.
        let closing = [", expected ", ", there are no "]
            .iter()
            .find_map(|tail| message.rfind(&format!("{mark}{tail}")))
            .or_else(|| message.rfind(mark));
        if let Some(end) = closing.filter(|&end| end >= start) {
            return format!(
                "{}{}{}",
                &message[..start - 1],
                quoted(&message[start..end]),
                &message[end + 1..]
            );
        }
    }
    message.to_owned()
}

/// 1-based line and column (in characters) of the end of `before`.
pub fn line_column(before: &[u8]) -> (usize, usize) {
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let last_line = String::from_utf8_lossy(&before[line_start..]);
    (line, last_line.chars().count() + 1)
}

/// Turns byte offsets into lines and columns, walking forward from the last
/// offset asked about, so that locating every item of a file in order reads
/// it once (`line_column` from the start for each would read it once per item).
struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        let part = &self.text[self.offset..offset];
        match part.rfind('\n') {
            Some(last) => {
                self.line += part.bytes().filter(|&b| b == b'\n').count();
                self.column = part[last + 1..].chars().count() + 1;
            }
            None => self.column += part.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// Byte offset in `text` of serde_json's 1-based line and column (in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}
