//! The export as one pretty-printed JSON document: a dataset `nkict --data`
//! reads back, with the export's own fields beside the lists.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::document::ExportDocument;
use super::error::ExportError;
use super::format::{Destination, ExportFormat, encoded_by_writing, json_failure};
use super::pretty::Pretty;
use crate::data::embedded::{self, Exported};
use crate::data::{Dataset, PartialDate, Record};
use crate::model::rows::TimeColumns;
use crate::model::sift::{OnEachKept, Standing};
use crate::model::{Filter, Model, RecordIx, Used};
use crate::terminal_text::{escaped_at_start, json_escapes_in, padded_blocks, unplain_in, words_of};

pub struct Json;

impl ExportFormat for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn description(&self) -> &'static str {
        "JSON, a dataset nkict --data reads back"
    }

    fn writes_rows(&self) -> bool {
        false
    }

    /// Pretty JSON with DEL, C1 controls and bidi overrides written as
    /// `\u009b` (`terminal_text::escape_json`, by `Pretty`): the same
    /// strings to a JSON reader, inert when the file is printed to a
    /// terminal.
    fn encode(&self, doc: &ExportDocument, to: Destination) -> Result<Vec<u8>, ExportError> {
        encoded_by_writing(self, doc, to)
    }

    /// Written as it is encoded: an export of the bundled dataset is 650 KB,
    /// and holding it whole (then checking it for escapes) touched 160
    /// pages more than this, each a page fault.
    fn write_to(&self, doc: &ExportDocument, _to: Destination, out: &mut dyn Write) -> Result<(), ExportError> {
        write_document(doc, &Records(&doc.records), doc.record_times.iter(), out)
    }
}

/// A record's entry in the export's `record_times`: its id, the key, and
/// its time.
trait TimeEntry {
    /// Writes it to `json` as `Pretty` writes an entry of a map two levels
    /// deep (`"id": {` .. `}`), made in `text` if it is made at all.
    fn write_to(self, json: &mut impl Write, text: &mut Vec<u8>) -> io::Result<()>;
}

/// A record's id and its time as the model places it (`RecordTimes::iter`).
impl TimeEntry for (&str, TimeColumns) {
    fn write_to(self, json: &mut impl Write, text: &mut Vec<u8>) -> io::Result<()> {
        let (id, time) = self;
        text.clear();
        push_key(text, id);
        text.extend_from_slice(b": ");
        pretty_time(text, &time);
        json.write_all(text)
    }
}

/// A bundled record: its id plain, its time written by `build.rs`, both
/// written as they are (made first in a buffer, they were copied twice).
impl TimeEntry for &Exported {
    fn write_to(self, json: &mut impl Write, _: &mut Vec<u8>) -> io::Result<()> {
        json.write_all(b"\"")?;
        json.write_all(self.id.as_bytes())?;
        json.write_all(b"\": ")?;
        json.write_all(self.time.as_bytes())
    }
}

/// Writes `doc`, its records as `records` writes them, `times` its
/// records' ids and times (`TimeEntry`), in the pretty layout: its
/// fields by serde_json (`ExportDocument::serialize_head`), then its two
/// last, `record_times` by `write_times` and `records` by serde_json, as
/// `ExportDocument::serialize` would have them written.
fn write_document(
    doc: &ExportDocument,
    records: &impl Serialize,
    times: impl Iterator<Item = impl TimeEntry>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    // serde_json writes a document in pieces of a few bytes (a key, a
    // quote, an indent): gathered into blocks of `WRITTEN`.
    let mut json = BufWriter::with_capacity(WRITTEN, out);
    {
        let mut serializer = serde_json::Serializer::with_formatter(&mut json, Pretty::default());
        // Left open: not ended, the document's closing brace is not written.
        let _open = doc
            .serialize_head(&mut serializer, doc.bundled_lists, &JsonText(&doc.citation))
            .map_err(|err| json_failure(&Json, err))?;
    }
    write_times(&mut json, times).map_err(ExportError::Output)?;
    json.write_all(b",\n  \"records\": ").map_err(ExportError::Output)?;
    // The records one level deep, as the document's serializer writes its fields.
    let mut serializer = serde_json::Serializer::with_formatter(&mut json, Pretty::within(1));
    records.serialize(&mut serializer).map_err(|err| json_failure(&Json, err))?;
    json.write_all(b"\n}\n").map_err(ExportError::Output)?;
    json.flush().map_err(ExportError::Output)
}

/// The bundled dataset's records a JSON export writes, each taken as it is
/// kept (`Keep::HandedById`), not held: its own text in the data file,
/// its id and its time (`embedded::exported_by_id`), and what it uses of
/// the dataset's lists. Holding the records took 164 KB (40 page faults)
/// for an export of the bundled dataset, of which it wrote only this.
/// Or every one at once (`every_one`).
#[derive(Default)]
pub struct BundledRecords {
    records: Vec<Exported>,
    used: Option<Used>,
    /// Whether a record was not one of the bundled dataset's as prepared
    /// (this build has none): the export is then to be made of whole records.
    foreign: bool,
    /// Where the next record taken may be among the bundled ones: after
    /// the last (`embedded::exported_by_id`).
    next: usize,
}

impl OnEachKept for BundledRecords {
    fn kept(&mut self, record: &Record, standing: Standing<'_>) {
        let lists = standing.lists();
        let used = self.used.get_or_insert_with(|| Used::none(lists));
        used.mark(standing.source_at(), standing.indicator_at(), standing.entities());
        match embedded::exported_by_id(&record.id, self.next) {
            Some((exported, at)) => {
                self.next = at + 1;
                self.records.push(exported);
            }
            None => self.foreign = true,
        }
    }

    fn reserve(&mut self, records: usize) {
        self.records.reserve_exact(records);
    }

    fn clear(&mut self) {
        *self = Self::default();
    }
}

impl BundledRecords {
    /// Every record of the bundled dataset, whose lists are `lists`, taken
    /// at once, with their numbers in the order `Model::filter` gives them
    /// all: for an export whose filter keeps every one, nothing to test,
    /// place or order record by record (`build.rs` did: `embedded::whole`;
    /// that was half the bundled export's instructions). `None` without a
    /// prepared form.
    pub fn every_one(lists: &Dataset) -> Option<(Self, Vec<RecordIx>)> {
        let whole = embedded::whole()?;
        let in_order = whole.chronological.iter().map(|&at| at as RecordIx).collect();
        let every_one = Self {
            next: whole.records.len(),
            records: whole.records,
            used: Some(Used::at_positions(lists, whole.used)),
            foreign: false,
        };
        Some((every_one, in_order))
    }

    /// The JSON export of the records taken, in the order `view` gives
    /// their numbers (as they were taken, from 0), with the lists of
    /// `model` (the bundled dataset's, of which it holds no record).
    /// `None` when a record was not one of the bundled dataset's as
    /// prepared: the export is then to be made of whole records.
    pub fn export<'d>(&'d self, model: &'d Model, view: &'d [RecordIx], filter: &Filter) -> Option<BundledExport<'d>> {
        if self.foreign {
            return None;
        }
        // The view numbers the records taken, from 0 (`View::open`).
        debug_assert!(
            view.iter().all(|&ix| ix < self.records.len()),
            "a record in view that was not taken"
        );
        // None handed over: nothing used.
        let used = (self.used.as_ref()).map_or_else(|| Cow::Owned(Used::none(model.dataset())), Cow::Borrowed);
        Some(BundledExport {
            doc: ExportDocument::without_records(model, &used, view.len(), filter),
            records: &self.records,
            view,
        })
    }
}

/// A JSON export of bundled records handed over as they were read
/// (`BundledRecords::export`).
pub struct BundledExport<'d> {
    /// Its header and lists, without records (`without_records`: written
    /// only by `write`, with the records).
    doc: ExportDocument<'d>,
    records: &'d [Exported],
    view: &'d [RecordIx],
}

impl BundledExport<'_> {
    /// Writes it as `Json` writes an export of the same records held whole.
    pub fn write(&self, out: &mut dyn Write) -> Result<(), ExportError> {
        let in_view = || self.view.iter().map(|&ix| &self.records[ix]);
        write_document(&self.doc, &RawRecords(in_view()), in_view(), out)
    }
}

/// Records' own text in the bundled data file, in order.
struct RawRecords<I>(I);

impl<'r, I> Serialize for RawRecords<I>
where
    I: ExactSizeIterator<Item = &'r Exported> + Clone,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let records = self.0.clone();
        let mut seq = serializer.serialize_seq(Some(records.len()))?;
        for record in records {
            seq.serialize_element(record.json)?;
        }
        seq.end()
    }
}

/// How many bytes of the document are written at a time: 21 writes for
/// the bundled dataset's 650 KB.
const WRITTEN: usize = 32 << 10;

/// A string for serde_json's writer, handed over as its JSON text
/// (`json_string`) when the only control in it is the line break and it
/// holds no character a terminal acts on (which `Pretty` escapes, but not
/// in raw JSON): serde_json escapes a string a byte at a time, 0.26 M
/// instructions for the bundled export's citation (29 KB, lines of
/// references), where `json_string` looks at sixteen bytes at a time. Any
/// other string is encoded by serde_json.
struct JsonText<'t>(&'t str);

impl Serialize for JsonText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(raw) = json_string(self.0).as_deref().and_then(embedded::raw_value) {
            return raw.serialize(serializer);
        }
        serializer.serialize_str(self.0)
    }
}

/// `text` as a JSON string as serde_json writes it, quoted, its quotes,
/// backslashes and line breaks escaped, when those are all it escapes and
/// `text` holds no character a terminal acts on; else `None`. In one pass,
/// sixteen bytes at a time (`json_escapes_in`), only the bytes it marks
/// looked at one by one (a search for the terminal's characters, then one
/// for the escapes, was 0.28 M instructions for the bundled export's
/// citation, whose en dashes and curly quotes the first found one by one).
fn json_string(text: &str) -> Option<String> {
    // Room for an escape in every eighth byte, each a byte more (the
    // bundled citation has 104 lines and a few quotes in 29 KB): room
    // short of what is written makes the string grow to twice its size
    // (55 KB for 28 KB), and counting them first was a search of its own.
    // Room never written is never touched.
    let mut json = String::with_capacity(text.len() + text.len() / 8 + 2);
    json.push('"');
    let mut copied = 0;
    // The last few bytes padded with spaces, which are plain.
    for (at, block) in (0..).step_by(16).zip(padded_blocks::<16>(text.as_bytes())) {
        let marked = json_escapes_in(&block);
        if marked != 0 {
            copied = push_escapes(text, at, marked, copied, &mut json)?;
        }
    }
    json.push_str(&text[copied..]);
    json.push('"');
    Some(json)
}

/// Pushes onto `json` each byte of `text` to escape of those `marked` (a
/// bit each, `json_escapes_in`) in the block from `at`: the text from
/// `copied` up to it, then its escape; returns where the text not yet
/// pushed starts. `None` at a control other than the line break, or a
/// character a terminal acts on, which `json_string` leaves to serde_json.
fn push_escapes(text: &str, at: usize, mut marked: u32, mut copied: usize, json: &mut String) -> Option<usize> {
    let bytes = text.as_bytes();
    while marked != 0 {
        let byte = at + marked.trailing_zeros() as usize;
        marked &= marked - 1;
        let escape = match bytes[byte] {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            ..0x20 | 0x7f => return None,
            _ if escaped_at_start(&bytes[byte..]) => return None,
            _ => continue,
        };
        // An ASCII byte: the text up to it ends a character.
        json.push_str(&text[copied..byte]);
        json.push_str(escape);
        copied = byte + 1;
    }
    Some(copied)
}

/// The records of a pretty document, two levels deep: a bundled record as
/// its own text in the data file, which is exactly what encoding it writes
/// there (`embedded::json_of`): encoding the records was 40% of the bundled
/// dataset's export (5.9M of 14.1M instructions).
struct Records<'d>(&'d [&'d Record]);

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut records = serializer.serialize_seq(Some(self.0.len()))?;
        for &record in self.0 {
            match embedded::json_of(record) {
                Some(json) => records.serialize_element(json)?,
                None => records.serialize_element(record)?,
            }
        }
        records.end()
    }
}

/// Writes the document's `record_times` field (after the fields before
/// it) in the pretty layout, as serde_json with `Pretty` writes a map of
/// the records' ids to their times, two levels deep: the ids and times
/// written here, a record at a time into the same buffer (the whole map's
/// text at once, 100 KB for the bundled dataset, took 22 page faults
/// more). Through serde_json, each of the five fields of a time, every key
/// and value escaped and laid out apart, was a fifth of the bundled
/// dataset's export (1.47M of 7.26M instructions); the ids alone, each
/// escaped by serde_json a byte at a time, were still 0.25M of 4.17M.
fn write_times(json: &mut impl Write, times: impl Iterator<Item = impl TimeEntry>) -> io::Result<()> {
    json.write_all(b",\n  \"record_times\": {")?;
    // Bytes, not a `String`: a date's digits pushed as they are, not
    // checked again to be UTF-8 (0.07 M instructions for the bundled export).
    let mut text = Vec::with_capacity(TIME_TEXT);
    let mut first = true;
    for entry in times {
        json.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        entry.write_to(json, &mut text)?;
    }
    // An empty map closes on its own line only when it held anything.
    json.write_all(if first { b"}" } else { b"\n  }" })
}

/// `id` as a JSON string, as `Pretty` writes a key: as it is, quoted, when
/// it holds nothing to escape (a record's id is letters, digits and a few
/// signs: `data::text`), else by serde_json. Every byte looked at, eight
/// at a time, without stopping at the first to escape (which a valid id
/// never holds): a byte at a time was 0.09 M instructions for the bundled
/// export's ids, stopping at the first twice that.
fn push_key(text: &mut Vec<u8>, id: &str) {
    if words_of(id.as_bytes()).fold(0, |any, word| any | unplain_in(word)) == 0 {
        push_quoted(text, id.as_bytes());
        return;
    }
    id.serialize(&mut serde_json::Serializer::with_formatter(text, Pretty::default()))
        .expect("a string always serializes");
}

/// As `Pretty` writes `time` two levels deep, where the export's
/// `record_times` holds it. The dates (digits and hyphens) and the names
/// (`month`, `record`, a few ASCII letters) have nothing to escape.
fn pretty_time(text: &mut Vec<u8>, time: &TimeColumns) {
    text.extend_from_slice(b"{\n      \"start\": ");
    json_value(text, &time.start);
    text.extend_from_slice(b",\n      \"end\": ");
    json_value(text, &time.end);
    text.extend_from_slice(b",\n      \"date_precision\": ");
    match time.date_precision {
        Some(precision) => push_quoted(text, precision.as_bytes()),
        None => text.extend_from_slice(b"null"),
    }
    text.extend_from_slice(b",\n      \"approximate\": ");
    text.extend_from_slice(if time.approximate { b"true" } else { b"false" });
    text.extend_from_slice(b",\n      \"origin\": ");
    push_quoted(text, time.origin.as_bytes());
    text.extend_from_slice(b"\n    }");
}

/// Room for one record's id and time in `write_times`: a time in
/// `pretty_time` is 154 bytes at most, with four-digit years; an id, its
/// quotes and indent about 40 (the buffer grows for a longer one, once).
const TIME_TEXT: usize = 256;

/// A date or null as compact JSON, which is what the pretty layout writes
/// too: a date (never anything to escape) written as its text quoted, as
/// serde_json writes it, without its escape scan (a third of writing the
/// time); a year a file cannot give (below 0, above 9999), or a month or
/// day of three digits (the fields are public), by serde_json.
fn json_value(text: &mut Vec<u8>, date: &Option<PartialDate>) {
    let Some(date) = date else {
        text.extend_from_slice(b"null");
        return;
    };
    match date.ascii() {
        Some(ascii) => push_quoted(text, ascii.as_bytes()),
        None => serde_json::to_writer(text, date).expect("a date always serializes"),
    }
}

/// `ascii` (a date, an id, one of `TimeColumns`' names: nothing to escape)
/// as a JSON string.
fn push_quoted(text: &mut Vec<u8>, ascii: &[u8]) {
    text.push(b'"');
    text.extend_from_slice(ascii);
    text.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::position;
    use crate::data::load::{EMBEDDED, load_embedded};
    use crate::model::{Filter, Model};
    use crate::model::sift::{Keep, Progress, sift_embedded};
    use crate::terminal_text::{JsonEscaping, escape_json};
    use chrono::{TimeZone, Utc};

    /// A document with one string field, written by serde_json's pretty
    /// writer as the JSON export's is.
    #[derive(serde::Serialize)]
    struct Cited<T> {
        citation: T,
    }

    /// `text` written as `JsonText` by the export's writer (`Pretty`), and
    /// as serde_json encodes a string, then escaped for a terminal
    /// (`escape_json`, as every JSON nkict writes).
    fn written_both_ways(text: &str) -> (String, String) {
        let mut written = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut written, Pretty::default());
        Cited {
            citation: JsonText(text),
        }
        .serialize(&mut serializer)
        .unwrap();
        let encoded = serde_json::to_string_pretty(&Cited { citation: text }).unwrap();
        (String::from_utf8(written).unwrap(), escape_json(&encoded).into_owned())
    }

    /// A citation's characters a terminal acts on, escaped as written out
    /// by hand (not as `escape_json` writes them): DEL, C1 controls, bidi
    /// overrides and isolates as `\uXXXX`, their neighbours as they are.
    #[test]
    fn a_citation_s_characters_a_terminal_acts_on_are_escaped_and_no_others() {
        for (text, expected) in [
            ("\u{202e}", "\\u202e"),
            ("a\u{7f}b\u{80}\u{9f}", "a\\u007fb\\u0080\\u009f"),
            ("line\n\u{9b}31m \u{2066}x\u{2069}", "line\\n\\u009b31m \\u2066x\\u2069"),
            ("~\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}", "~\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}"),
            ("\"\\\n", "\\\"\\\\\\n"),
        ] {
            let (written, _) = written_both_ways(text);
            assert_eq!(written, format!("{{\n  \"citation\": \"{expected}\"\n}}"), "{text:?}");
        }
    }

    #[test]
    fn a_citation_is_written_as_serde_json_encodes_it() {
        for text in [
            "",
            "plain",
            "two\nlines\n",
            "\"quoted\" and a back\\slash\\\\",
            "\n\n\"\\",
            "Korean 고려링크, “curly” – dash, DEL \u{7f}, C1 \u{9b}",
            "a tab\tand a bell\u{7}, which serde_json escapes itself",
            "\r\n",
            "a line\nand C1 \u{9b}31m, a bidi override \u{202e}, DEL \u{7f}: written escaped",
        ] {
            let (written, encoded) = written_both_ways(text);
            assert_eq!(written, encoded, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_written_as_serde_json_encodes_it(text in "[a \"\\\\\n\t\u{1}\u{1f}\u{7f}\u{9b}\u{202e}\u{2066}\u{a0}©é’고]{0,40}") {
            let (written, encoded) = written_both_ways(&text);
            proptest::prop_assert_eq!(written, encoded);
            // What the JSON export writes itself, rather than hand it to
            // serde_json: a text whose only control is the line break, and
            // nothing a terminal acts on.
            let own = !text.bytes().any(|b| b < 0x20 && b != b'\n') && matches!(escape_json(&text), Cow::Borrowed(_));
            proptest::prop_assert_eq!(json_string(&text), own.then(|| serde_json::to_string(&text).unwrap()));
        }
    }

    #[test]
    fn the_bundled_dataset_is_exported_as_serde_json_encodes_it() {
        let sifted = sift_embedded(&Filter::default(), Keep::All, &Progress::default(), None).unwrap();
        let time = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
        let doc = ExportDocument::at(&sifted.model, &sifted.view, &sifted.filter, time);
        assert!(doc.records.len() > 500, "{} records", doc.records.len());
        // Every record is copied from the data file, none encoded.
        for record in &doc.records {
            assert!(embedded::json_of(record).is_some(), "{} is encoded", record.id);
        }
        // So is every item of the lists.
        let lists = doc.bundled_lists.expect("the bundled lists are known");
        for source in &doc.sources {
            assert!(position(&lists.sources, source).is_some(), "{} is encoded", source.id);
        }
        for indicator in &doc.indicators {
            assert!(position(&lists.indicators, indicator).is_some(), "{} is encoded", indicator.id);
        }
        for entity in &doc.entities {
            assert!(position(&lists.entities, entity).is_some(), "{} is encoded", entity.id);
        }
        let written = String::from_utf8(Json.encode(&doc, Destination::Stream).unwrap()).unwrap();
        let mut escaping = JsonEscaping::new(Vec::new());
        serde_json::to_writer_pretty(&mut escaping, &doc).unwrap();
        escaping.write_all(b"\n").unwrap();
        let encoded = String::from_utf8(escaping.finish().unwrap()).unwrap();
        for (number, (written, encoded)) in written.lines().zip(encoded.lines()).enumerate() {
            assert_eq!(written, encoded, "line {}", number + 1);
        }
        assert_eq!(written.len(), encoded.len());
    }

    /// The records' and items' own text is written as it is, not searched
    /// for characters a terminal acts on (`Pretty` escapes those only in
    /// the strings serde_json encodes): `build.rs` prepares no form of a
    /// dataset that holds one. The bundled one holds none, and is prepared.
    #[test]
    fn the_bundled_json_holds_nothing_a_terminal_acts_on() {
        assert!(embedded::records() > 500, "the bundled dataset is prepared");
        assert!(matches!(escape_json(EMBEDDED), Cow::Borrowed(_)));
    }

    #[test]
    fn a_files_lists_are_encoded_even_when_they_equal_the_bundled_ones() {
        // The bundled dataset read as a file's: the same lists, not the
        // bundled form's.
        let model = Model::new(load_embedded().unwrap());
        assert_eq!(model.bundled_lists(), None);
        let bundled = sift_embedded(&Filter::default(), Keep::All, &Progress::default(), None).unwrap();
        let lists = bundled.model.bundled_lists().expect("the bundled lists are known");
        let source = &model.dataset().sources[1];
        assert_eq!(source, &lists.sources[1]);
        assert_eq!(position(&lists.sources, source), None);
        assert_eq!(position(&lists.sources, &lists.sources[1]), Some(1));
        assert_eq!(position(&lists.sources[2..], &lists.sources[1]), None);
    }

    /// What `build.rs` worked out of the bundled records (`embedded::whole`),
    /// and the model of the careful loader's reading of them, which works
    /// it out at run time.
    fn bundled_whole_and_model() -> (embedded::Whole, Model) {
        let whole = embedded::whole().expect("build.rs prepared data/nkict.json");
        let model = Model::new(load_embedded().unwrap_or_else(|err| panic!("{err}")));
        assert_eq!(whole.records.len(), model.len());
        (whole, model)
    }

    #[test]
    fn each_bundled_record_s_time_is_the_one_the_model_places_it_at() {
        let (whole, model) = bundled_whole_and_model();
        for (ix, exported) in whole.records.iter().enumerate() {
            let id = model.record(ix).id.as_str();
            assert_eq!(exported.id, id);
            let (mut bundled, mut placed, mut text) = (Vec::new(), Vec::new(), Vec::new());
            exported.write_to(&mut bundled, &mut text).unwrap();
            (id, TimeColumns::new(&model, ix)).write_to(&mut placed, &mut text).unwrap();
            assert_eq!(String::from_utf8(bundled).unwrap(), String::from_utf8(placed).unwrap());
        }
        // Every way a record is placed: its own date of each precision or
        // period, its source's "at present", none.
        for time in [
            "\"date_precision\": \"year\"",
            "\"date_precision\": \"month\"",
            "\"date_precision\": \"day\"",
            "\"origin\": \"source\"",
            "\"origin\": \"none\"",
        ] {
            assert!(whole.records.iter().any(|record| record.time.contains(time)), "{time}");
        }
        let periods = (0..model.len()).filter(|&ix| model.record(ix).period.is_some());
        assert!(periods.count() > 5);
    }

    #[test]
    fn the_bundled_records_in_order_of_time_are_in_the_models_order() {
        let (whole, model) = bundled_whole_and_model();
        let in_order: Vec<RecordIx> = whole.chronological.iter().map(|&at| at as RecordIx).collect();
        assert_eq!(in_order, model.filter(&Filter::default()));
        assert!(!in_order.is_sorted(), "the file's order is not by time");
    }

    #[test]
    fn the_lists_items_every_bundled_record_uses_are_those_the_model_marks() {
        let (whole, model) = bundled_whole_and_model();
        let mut marked = Used::none(model.dataset());
        for ix in 0..model.len() {
            let standing = Standing::in_model(&model, ix);
            marked.mark(standing.source_at(), standing.indicator_at(), standing.entities());
        }
        assert_eq!(Used::at_positions(model.dataset(), whole.used), marked);
        assert!(whole.used.iter().all(|used| !used.is_empty()));
    }

    /// A document holding `record_times` after a field, as the export's does.
    #[derive(serde::Serialize)]
    struct Doc<T> {
        before: u8,
        record_times: T,
    }

    /// Record ids and their times, as an export's `record_times` holds them.
    struct Times<'t>(Vec<(&'t str, TimeColumns)>);

    impl Serialize for Times<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().copied())
        }
    }

    /// `times` in a document (`Doc`, its field before them 0), as the
    /// JSON export writes them.
    fn times_written(times: &Times) -> String {
        let mut out = b"{\n  \"before\": 0".to_vec();
        write_times(&mut out, times.0.iter().copied()).unwrap();
        out.extend_from_slice(b"\n}");
        String::from_utf8(out).unwrap()
    }

    fn dated(id: &str) -> (&str, TimeColumns) {
        let month = PartialDate { year: 1990, month: Some(8), day: None };
        let time = TimeColumns {
            start: Some(month),
            end: Some(PartialDate { year: 1991, month: Some(2), day: Some(3) }),
            date_precision: Some("month"),
            approximate: false,
            origin: "record",
        };
        (id, time)
    }

    #[test]
    fn record_times_are_written_in_the_pretty_layout_one_level_deep() {
        // Years below 1000 and one-digit months and days, as the schema
        // writes a date: zero-padded.
        let early = TimeColumns {
            start: Some(PartialDate { year: 45, month: Some(3), day: None }),
            end: Some(PartialDate { year: 987, month: Some(1), day: Some(9) }),
            date_precision: Some("day"),
            approximate: true,
            origin: "source",
        };
        let times = Times(vec![dated("a"), ("b", early)]);
        let expected = r#"{
  "before": 0,
  "record_times": {
    "a": {
      "start": "1990-08",
      "end": "1991-02-03",
      "date_precision": "month",
      "approximate": false,
      "origin": "record"
    },
    "b": {
      "start": "0045-03",
      "end": "0987-01-09",
      "date_precision": "day",
      "approximate": true,
      "origin": "source"
    }
  }
}"#;
        assert_eq!(times_written(&times), expected);
        assert_eq!(
            times_written(&Times(Vec::new())),
            "{\n  \"before\": 0,\n  \"record_times\": {}\n}"
        );
    }

    #[test]
    fn record_times_are_written_as_serde_json_encodes_them() {
        let undated = TimeColumns {
            start: None,
            end: None,
            date_precision: None,
            approximate: false,
            origin: "none",
        };
        let approximate = TimeColumns {
            start: Some(PartialDate::year(2002)),
            end: Some(PartialDate::year(2002)),
            date_precision: Some("year"),
            approximate: true,
            origin: "source",
        };
        // Years no file gives, which only serde_json writes.
        let far = TimeColumns {
            start: Some(PartialDate::year(-44)),
            end: Some(PartialDate { year: 12345, month: Some(1), day: Some(9) }),
            ..dated("").1
        };
        let times = Times(vec![
            dated("plain"),
            ("far", far),
            ("a \"quoted\\ id\u{1}\n", undated),
            ("평양-é", approximate),
            // Characters a terminal acts on, escaped as `Pretty` escapes
            // every string's (`escape_json`): DEL, a C1 control, a bidi override.
            ("del\u{7f} csi\u{9b} rlo\u{202e}", approximate),
            ("~", approximate),
            dated("last"),
        ]);
        let encoded = serde_json::to_string_pretty(&Doc {
            before: 0,
            record_times: &times,
        })
        .unwrap();
        assert_eq!(times_written(&times), escape_json(&encoded));
    }
}
