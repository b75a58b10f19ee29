//! How records read in a table cell, a detail panel or a citation. Shared by
//! the command line and the dashboard so both say the same thing.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

pub use crate::terminal_text::count;
use crate::terminal_text::push_thousands;

use crate::data::{Entity, Indicator, InfoAsOf, Metadata, Original, PartialDate, Qualifier, Record, Source};

use super::time::Time;

/// A figure for people, whatever its size:
/// - `1200000` → `1,200,000` and `4.6` → `4.6`: thousands grouped, at most
///   two decimals, or two significant digits below 0.1 (`0.0012`);
/// - from 10^15 up and below 10^-6, scientific notation with at most four
///   significant digits: `1e21`, `1.798e308`, `5e-324`, `2.5e-7`.
///
/// Zero is `0` whatever its sign (the loader refuses a figure written `-0`).
pub fn number(value: f64) -> String {
    let mut text = String::new();
    push_number(&mut text, value);
    text
}

/// Appends [`number`]`(value)` to `out`. (Here and below, figures are
/// pushed onto one string, not joined from pieces: a listing writes a
/// figure a row, and allocating each piece cost more than the rest.)
pub fn push_number(out: &mut String, value: f64) {
    if !value.is_finite() {
        let _ = write!(out, "{value}");
        return;
    }
    if value == 0.0 {
        out.push('0');
        return;
    }
    let magnitude = value.abs();
    if value < 0.0 {
        out.push('-');
    }
    if !(SMALLEST_PLAIN..LARGEST_PLAIN).contains(&magnitude) {
        out.push_str(&scientific(magnitude));
        return;
    }
    // Whole numbers (most figures) are their digits: formatting a float
    // with decimals costs ten times more.
    if magnitude.fract() == 0.0 {
        push_thousands(out, digits(magnitude as u64, &mut [0; 20]));
        return;
    }
    let text = format!("{magnitude:.*}", decimals(magnitude));
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    push_thousands(out, int);
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
}

/// The decimal digits of `n`, written at the end of `room`.
fn digits(mut n: u64, room: &mut [u8; 20]) -> &str {
    let mut start = room.len();
    loop {
        start -= 1;
        room[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&room[start..]).expect("ASCII digits")
}

/// Below this, figures are written in scientific notation.
const SMALLEST_PLAIN: f64 = 1e-6;
/// From this up, figures are written in scientific notation.
const LARGEST_PLAIN: f64 = 1e15;

/// How many decimals `number` writes of `magnitude` (before trimming
/// zeros): two, or two significant digits for small values (0.0012, not 0).
fn decimals(magnitude: f64) -> usize {
    // From 0.1 up the first significant digit is at 10^-1 or above: two
    // decimals, without formatting the figure to find its exponent.
    if magnitude >= 0.1 {
        return 2;
    }
    usize::try_from(1 - decimal_exponent(magnitude)).unwrap_or(0).max(2)
}

/// The power of ten of `magnitude`'s first significant digit, once rounded
/// to two significant digits (0.0999 counts as 0.10, so -1).
fn decimal_exponent(magnitude: f64) -> i32 {
    let text = format!("{magnitude:.1e}");
    text.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0)
}

/// `1e21`, `1.798e308`: the shortest form that reads back as `magnitude`,
/// rounded to four significant digits when that is longer.
fn scientific(magnitude: f64) -> String {
    let shortest = format!("{magnitude:e}");
    let (mantissa, _) = shortest.split_once('e').unwrap_or((&shortest, ""));
    if mantissa.len() <= 5 {
        return shortest;
    }
    let rounded = format!("{magnitude:.3e}");
    let (mantissa, exponent) = rounded.split_once('e').unwrap_or((&rounded, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}e{exponent}")
}

/// The figure as the source words it, without the unit: `about 100,000`,
/// `1,000–1,500`, `more than 1,000`, `millions (at least 1,000,000)`.
/// `None` for records without a figure.
pub fn figure(record: &Record) -> Option<String> {
    pushed(|out| push_figure(out, record))
}

/// What `push` appends to an empty string, if it says it did.
fn pushed(push: impl FnOnce(&mut String) -> Option<()>) -> Option<String> {
    let mut text = String::new();
    push(&mut text).map(|()| text)
}

/// Appends [`figure`]`(record)` to `out`; `None`, and nothing appended,
/// for a record without a figure (every piece is found before any is
/// written, here and below).
fn push_figure(out: &mut String, record: &Record) -> Option<()> {
    let (words, value) = match record.qualifier? {
        Qualifier::Range => {
            let (low, high) = (record.low?, record.high?);
            if words_start_with(record, AROUND) {
                out.push_str("about ");
            }
            push_range(out, low, high);
            return Some(());
        }
        Qualifier::Vague => {
            out.push_str(record.amount_text.as_deref()?);
            push_vague_bounds(out, record);
            return Some(());
        }
        Qualifier::Exact => ("", record.value?),
        Qualifier::Approx => (approximate_words(record), record.value?),
        Qualifier::AtLeast => (lower_bound_words(record), record.value?),
        Qualifier::AtMost => (upper_bound_words(record), record.value?),
    };
    if !words.is_empty() {
        out.push_str(words);
        out.push(' ');
    }
    push_number(out, value);
    Some(())
}

/// An indicator's unit as its figures take it: `2 providers`, and
/// `1 provider` where the data gives the singular.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit<'a> {
    many: &'a str,
    one: Option<&'a str>,
}

impl<'a> Unit<'a> {
    pub fn of(indicator: &'a Indicator) -> Self {
        Self {
            many: &indicator.unit,
            one: indicator.unit_singular.as_deref(),
        }
    }

    /// A unit that reads the same after any figure (`km`, `%`).
    pub fn plain(unit: &'a str) -> Self {
        Self { many: unit, one: None }
    }

    /// The unit after `record`'s figure: singular only when the figure
    /// reads as one (`1`, `about 1`, `at least 1`), never for a range
    /// or vague words.
    fn after(self, record: &Record) -> &'a str {
        let one = record.value == Some(1.0)
            && matches!(
                record.qualifier,
                Some(Qualifier::Exact | Qualifier::Approx | Qualifier::AtLeast | Qualifier::AtMost)
            );
        match self.one {
            Some(singular) if one => singular,
            _ => self.many,
        }
    }
}

/// The figure with its unit and what the source says it is: `4.6%`,
/// `about 100,000 people`, `5,615 km (est.)`, `millions of subscribers`.
pub fn figure_with_unit(record: &Record, unit: Unit<'_>) -> Option<String> {
    pushed(|out| push_figure_with_unit(out, record, unit))
}

/// Appends [`figure_with_unit`]`(record, unit)` to `out`; `None`, and
/// nothing appended, for a record without a figure.
pub fn push_figure_with_unit(out: &mut String, record: &Record, unit: Unit<'_>) -> Option<()> {
    push_amount_with_unit(out, record, unit)?;
    if let Some(status) = record.status {
        out.push_str(" (");
        out.push_str(status.mark());
        out.push(')');
    }
    Some(())
}

/// The figure with its unit, without its status: `about 100,000 people`,
/// `millions of subscribers`.
pub fn amount_with_unit(record: &Record, unit: Unit<'_>) -> Option<String> {
    pushed(|out| push_amount_with_unit(out, record, unit))
}

/// Appends [`amount_with_unit`]`(record, unit)` to `out`; `None`, and
/// nothing appended, for a record without a figure.
fn push_amount_with_unit(out: &mut String, record: &Record, unit: Unit<'_>) -> Option<()> {
    let unit = unit.after(record);
    match record.qualifier? {
        Qualifier::Vague => {
            let words = record.amount_text.as_deref()?;
            out.push_str(words);
            // "millions of subscribers", but "several hundred corporations".
            if words.ends_with('s') && !unit.is_empty() && unit != "%" {
                out.push_str(" of");
            }
            push_unit_suffix(out, unit);
            push_vague_bounds(out, record);
        }
        _ => {
            push_figure(out, record)?;
            push_unit_suffix(out, unit);
        }
    }
    Some(())
}

/// Appends a vague amount's bounds, where the words imply any: ` (200–999)`,
/// ` (at least 1,000,000)`.
fn push_vague_bounds(out: &mut String, record: &Record) {
    let (words, bound) = match (record.low, record.high) {
        (Some(low), Some(high)) => {
            out.push_str(" (");
            push_range(out, low, high);
            out.push(')');
            return;
        }
        (Some(low), None) => ("at least ", low),
        (None, Some(high)) => ("up to ", high),
        (None, None) => return,
    };
    out.push_str(" (");
    out.push_str(words);
    push_number(out, bound);
    out.push(')');
}

/// "more than" only where the source's words (`amount_text`) say so; else
/// the weaker "at least", which never says more than the source.
fn lower_bound_words(record: &Record) -> &'static str {
    if words_start_with(record, &["more than", "over ", "above ", "in excess of"]) {
        "more than"
    } else {
        "at least"
    }
}

/// "almost", "nearly" or "about to hit" where the source's words start so:
/// a figure approached from below, which "about" would read as either
/// side of it; else "about".
fn approximate_words(record: &Record) -> &'static str {
    leading_words(record, &["almost", "nearly", "about to hit"]).unwrap_or("about")
}

/// How sources hedge a range ("in the neighborhood of 1,000-1,500"):
/// shown as `about 1,000–1,500`, as an approximate figure is.
const AROUND: &[&str] = &[
    "about",
    "around",
    "roughly",
    "approximately",
    "some ",
    "in the neighborhood of",
    "in the neighbourhood of",
    "somewhere in the neighborhood of",
    "somewhere in the neighbourhood of",
];

/// "less than" only where the source's words say so; else "up to".
fn upper_bound_words(record: &Record) -> &'static str {
    if words_start_with(record, &["less than", "fewer than", "under ", "below "]) {
        "less than"
    } else {
        "up to"
    }
}

fn words_start_with(record: &Record, prefixes: &[&str]) -> bool {
    leading_words(record, prefixes).is_some()
}

/// The first of `prefixes` that the source's words (`amount_text`) start
/// with, whatever their case.
fn leading_words<'p>(record: &Record, prefixes: &[&'p str]) -> Option<&'p str> {
    let words = record.amount_text.as_deref()?.trim_start().to_lowercase();
    prefixes.iter().copied().find(|p| words.starts_with(p))
}

/// Where a figure (`about 170 nations`) cut at byte `at` of `text` ends, so
/// that no number is shown cut into another (`about 17…`): at `at`, or before the
/// word holding a digit it falls inside; before any spaces there. A cut
/// right after a whole number would read as a cut one (`700,000…`): it
/// keeps one space there (`700,000 …`, then `700,000 p…` as room grows),
/// or, with no room for it, falls before the number too.
pub fn figure_cut_end(text: &str, at: usize) -> usize {
    let word_start = |end: usize| {
        let space_before = text[..end].char_indices().rev().find(|(_, c)| c.is_whitespace());
        space_before.map_or(0, |(i, c)| i + c.len_utf8())
    };
    let has_digit = |word: &str| word.contains(|c: char| c.is_ascii_digit());
    let start = word_start(at);
    let inside_a_word = at > start && text[at..].starts_with(|c: char| !c.is_whitespace());
    let word_end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    let end = match inside_a_word && has_digit(&text[start..word_end]) {
        true => start,
        false => at,
    };
    let kept = text[..end].trim_end().len();
    let last_word = word_start(kept);
    if kept == 0 || !has_digit(&text[last_word..kept]) {
        return kept;
    }
    match text[kept..end].chars().next() {
        Some(space) => kept + space.len_utf8(),
        None => text[..last_word].trim_end().len(),
    }
}

/// The columns a cell needs to show `figure`'s number (its first word
/// holding a digit, a range being one word) whole, cut as
/// [`figure_cut_end`] cuts after it (`about 3,000,000 …`): the whole
/// figure where that is no longer.
pub fn figure_number_width(figure: &str) -> usize {
    let whole = figure.width();
    let Some(digit) = figure.find(|c: char| c.is_ascii_digit()) else {
        return 0;
    };
    let end = figure[digit..]
        .find(char::is_whitespace)
        .map_or(figure.len(), |i| digit + i);
    // The number, a space and the `…`.
    (figure[..end].width() + 2).min(whole)
}

/// Appends `1,000–1,500`.
fn push_range(out: &mut String, low: f64, high: f64) {
    push_number(out, low);
    out.push('–');
    push_number(out, high);
}

/// Appends what follows a figure to give its unit: `%` joined, a word
/// after a space.
fn push_unit_suffix(out: &mut String, unit: &str) {
    if unit != "%" && !unit.is_empty() {
        out.push(' ');
    }
    out.push_str(unit);
}

/// The record's own time, compactly: `1997`, `2001-05-12`, `1987–1993`, or
/// `undated` when it has none. Where the source is at hand, `when_short`
/// also places records that speak of the present.
pub fn when(record: &Record) -> String {
    let mut text = String::new();
    push_when(&mut text, record);
    text
}

/// Appends [`when`]`(record)` to `out`.
pub fn push_when(out: &mut String, record: &Record) {
    match (record.date, record.period) {
        (Some(date), _) => push_date(out, date),
        (None, Some(p)) if p.start == p.end => push_date(out, p.start),
        (None, Some(p)) => {
            push_date(out, p.start);
            out.push('–');
            push_date(out, p.end);
        }
        (None, None) => out.push_str("undated"),
    }
}

/// Appends `date` as its `Display` writes it: its ASCII text where it has
/// one (every date a file gives), which formatting wrote for twice the
/// work (a listing writes a date a row).
fn push_date(out: &mut String, date: PartialDate) {
    match date.ascii() {
        Some(ascii) => out.push_str(ascii.as_str()),
        // Writing into a string does not fail.
        None => _ = write!(out, "{date}"),
    }
}

/// The record's effective time, for a table cell: `1997`, `1987–1993`,
/// `c. 2002` (its source's "at present"), or `undated`.
pub fn when_short(record: &Record, source: &Source) -> String {
    let mut text = String::new();
    push_when_short(&mut text, record, source);
    text
}

/// Appends [`when_short`]`(record, source)` to `out`.
pub fn push_when_short(out: &mut String, record: &Record, source: &Source) {
    match Time::of(record, source) {
        Time::Own(_) => push_when(out, record),
        Time::Approximate(year) => {
            out.push_str("c. ");
            push_year(out, year);
        }
        Time::Undated { .. } => out.push_str("undated"),
    }
}

/// Appends `year` as its `Display` writes it, without formatting's
/// machinery (two fifths of a listing's time cells were approximate).
fn push_year(out: &mut String, year: i32) {
    if year < 0 {
        out.push('-');
    }
    out.push_str(digits(u64::from(year.unsigned_abs()), &mut [0; 20]));
}

/// The record's effective time in full: with the source's own words for a
/// loose time, where an approximate time comes from, and what is known of
/// an undated record's source.
pub fn when_long(record: &Record, source: &Source) -> String {
    let base = match Time::of(record, source) {
        Time::Own(_) => when(record),
        Time::Approximate(year) => format!("c. {year} (source date)"),
        Time::Undated { after: Some(year) } => format!("undated (source written after c. {year})"),
        Time::Undated { after: None } => "undated".to_owned(),
    };
    match &record.date_text {
        Some(words) => format!("{base} (“{words}”)"),
        None => base,
    }
}

/// When a source's "at present" is: `c. 2002`, `after c. 2017`, or nothing.
pub fn info_as_of(source: &Source) -> String {
    match source.info_as_of {
        Some(InfoAsOf::Year(year)) => format!("c. {year}"),
        Some(InfoAsOf::After(year)) => format!("after c. {year}"),
        None => String::new(),
    }
}

/// A source's kind and when its "at present" is: `book chapter ·
/// information as of c. 2002`, `blog essay · information as of after c.
/// 2017`, `news article · no information date`.
pub fn kind_and_as_of(source: &Source) -> String {
    let as_of = match info_as_of(source) {
        as_of if as_of.is_empty() => "no information date".to_owned(),
        as_of => format!("information as of {as_of}"),
    };
    format!("{} · {as_of}", source.kind.label())
}

/// `1 record`, `3 records`, `2 entities`, `100,000 records`.
pub fn plural(count: usize, noun: &str) -> String {
    let n = number(count as f64);
    match noun.strip_suffix('y') {
        _ if count == 1 => format!("{n} {noun}"),
        Some(stem) => format!("{n} {stem}ies"),
        None => format!("{n} {noun}s"),
    }
}

/// The shortest name the dataset knows an entity by: `DPRK`, `ROK`, `KCC`.
pub fn short_name(entity: &Entity) -> &str {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .min_by_key(|name| name.width())
        .map_or("", |name| name.as_str())
}

/// The source as a reference: authors, title, container (volume, issue,
/// pages), publisher, publication date, kind, then where to find it and
/// what it copies. A work with no author named starts with its title, as
/// reference styles do: "Anonymous" would be a name the source never gave.
pub fn source_reference(source: &Source) -> String {
    let mut text = String::new();
    push_source_reference(&mut text, source);
    text
}

/// Puts `source_reference(source)` at the end of `text`: an export's
/// citation holds every source's, written in place (made apart, each part
/// a string of its own, they were a tenth of the bundled dataset's export).
pub fn push_source_reference(text: &mut String, source: &Source) {
    for author in &source.authors {
        text.push_str(author);
        text.push_str(", ");
    }
    text.push('“');
    text.push_str(&source.title);
    text.push_str("”, ");
    text.push_str(&source.container);
    // Each part that is given, with what goes before and after it.
    push_parts(
        text,
        [
            (source.volume.as_deref(), " ", ""),
            (source.issue.as_deref(), "(", ")"),
            (source.pages.as_deref(), ", pp. ", ""),
            (source.publisher.as_deref(), ", ", ""),
        ],
    );
    text.push_str(", ");
    match source.published {
        Some(date) => push_date(text, date),
        None => text.push_str("undated"),
    }
    text.push_str(" (");
    text.push_str(source.kind.label());
    text.push(')');
    push_parts(
        text,
        [
            (source.doi.as_deref(), ", doi:", ""),
            (source.url.as_deref(), ", ", ""),
            (source.repository.as_deref(), ", ", ""),
            (source.path.as_deref(), " ", ""),
            (source.commit.as_deref(), " at ", ""),
        ],
    );
    if let Some(accessed) = source.accessed {
        text.push_str(", read ");
        push_date(text, accessed);
    }
    if let Some(original) = &source.original {
        push_original_publication(text, original, "; reproducing ");
    }
}

/// Each part given, with what goes before and after it.
fn push_parts<const N: usize>(text: &mut String, parts: [(Option<&str>, &str, &str); N]) {
    for (part, before, after) in parts {
        if let Some(part) = part {
            text.push_str(before);
            text.push_str(part);
            text.push_str(after);
        }
    }
}

/// The publication a copy reproduces, in words: `“The World Factbook
/// 1996”, Central Intelligence Agency, 1996`; `None` when nothing is known.
pub fn original_publication(original: &Original) -> Option<String> {
    let mut text = String::new();
    push_original_publication(&mut text, original, "").then_some(text)
}

/// Puts `original_publication(original)` at the end of `text`, after
/// `before`, when something is known; returns whether it was. Written in
/// place: a string made for each part, then joined, was most of the
/// citation of the bundled dataset's export (50 of its sources are
/// copies; 95 k instructions).
fn push_original_publication(text: &mut String, original: &Original, before: &str) -> bool {
    let mut parts = 0;
    // What goes before each part given: `before` the first, then commas.
    let mut next = |text: &mut String| {
        text.push_str(if parts == 0 { before } else { ", " });
        parts += 1;
    };
    if let Some(title) = &original.title {
        next(text);
        text.push('“');
        text.push_str(title);
        text.push('”');
    }
    for part in [&original.container, &original.publisher].into_iter().flatten() {
        next(text);
        text.push_str(part);
    }
    if let Some(published) = original.published {
        next(text);
        push_date(text, published);
    }
    if let Some(url) = &original.url {
        next(text);
        text.push_str(url);
    }
    parts > 0
}

/// Whether `url` is a web address a program can open: one with its
/// scheme (some sources are recorded as `cacm.acm.org/…`).
pub fn is_web_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// The full citation of one record, with its locator and quote: what `y`
/// copies and what the detail panel ends with.
pub fn citation(record: &Record, source: &Source, unit: Option<Unit<'_>>) -> String {
    let mut text = record.title.to_string();
    if let Some(figure) = unit.and_then(|u| figure_with_unit(record, u)) {
        text.push_str(&format!(": {figure}"));
    }
    text.push_str(&format!(
        " ({}). {}, {}. “{}”",
        when_short(record, source),
        source_reference(source),
        record.locator,
        record.quote
    ));
    text
}

/// A record's quote alone, with where it comes from, for pasting into a
/// text: `“…” (Ada Example, “A Review”, …, Section 2)`.
pub fn quotation(record: &Record, source: &Source) -> String {
    format!("“{}” ({}, {})", record.quote, source_reference(source), record.locator)
}

/// A dataset's title, or a plain name when its metadata gives none.
pub fn dataset_title(metadata: Option<&Metadata>) -> &str {
    metadata.and_then(|m| m.title.as_deref()).unwrap_or("An nkict dataset")
}

/// How to cite a dataset itself: its own `citation`, else what its
/// metadata gives (authors, title, version, address), else a plain name.
pub fn dataset_reference(metadata: Option<&Metadata>) -> String {
    let Some(m) = metadata else {
        return dataset_title(None).to_owned();
    };
    if let Some(citation) = &m.citation {
        return citation.clone();
    }
    let mut parts = Vec::new();
    if !m.authors.is_empty() {
        parts.push(m.authors.join(", "));
    }
    parts.push(dataset_title(metadata).to_owned());
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
    fn plurals_read_as_english() {
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(2, "entity"), "2 entities");
        assert_eq!(plural(0, "record"), "0 records");
        assert_eq!(plural(100_000, "record"), "100,000 records");
        assert_eq!(plural(1_234_567, "entity"), "1,234,567 entities");
    }

    #[test]
    fn a_reference_gives_each_part_of_a_source_it_has_in_order() {
        let source = |fields: serde_json::Value| -> Source {
            let mut json = serde_json::json!({
                "id": "s", "title": "Networks", "authors": [], "container": "Review", "published": null,
                "url": null, "kind": "journal-article",
            });
            for (key, value) in fields.as_object().unwrap() {
                json[key] = value.clone();
            }
            serde_json::from_value(json).unwrap()
        };
        assert_eq!(
            source_reference(&source(serde_json::json!({}))),
            "“Networks”, Review, undated (journal article)"
        );
        let every_part = source(serde_json::json!({
            "authors": ["Kim A.", "Lee B."], "published": "2004-05", "volume": "12", "issue": "3",
            "pages": "45-67", "publisher": "Press", "doi": "10.1/x", "url": "https://e.org/a",
            "repository": "https://git.example/r", "path": "docs/a.md", "commit": "abc123",
            "accessed": "2025-01-02", "original": {"title": "First", "publisher": "Owner", "published": "1999"},
        }));
        assert_eq!(
            source_reference(&every_part),
            "Kim A., Lee B., “Networks”, Review 12(3), pp. 45-67, Press, 2004-05 (journal article), \
             doi:10.1/x, https://e.org/a, https://git.example/r docs/a.md at abc123, read 2025-01-02; \
             reproducing “First”, Owner, 1999"
        );
    }

    /// Each of the 32 choices of the parts an original publication may
    /// give: its words are the parts given, in order, joined by commas (the
    /// title quoted); a source reproducing it ends with them; nothing known
    /// is no words, and no `; reproducing`.
    #[test]
    fn an_original_publication_reads_as_its_parts_given_joined() {
        let parts = ["“Atlas”", "Yearbook", "", "1996-03", "https://e.org/o"];
        for given in 0..32u32 {
            let has = |part: usize| given & (1 << part) != 0;
            let original = Original {
                title: has(0).then(|| "Atlas".to_owned()),
                container: has(1).then(|| "Yearbook".to_owned()),
                // An empty part is still a part given.
                publisher: has(2).then(String::new),
                published: has(3).then(|| "1996-03".parse().unwrap()),
                url: has(4).then(|| "https://e.org/o".to_owned()),
            };
            let expected: Vec<&str> = (0..5).filter(|&part| has(part)).map(|part| parts[part]).collect();
            let words = (!expected.is_empty()).then(|| expected.join(", "));
            assert_eq!(original_publication(&original), words, "{given:05b}");
            let source = Source {
                original: Some(original),
                ..serde_json::from_value(serde_json::json!({
                    "id": "s", "title": "Copy", "authors": [], "container": "Site", "published": null,
                    "url": null, "kind": "journal-article",
                }))
                .unwrap()
            };
            let reproducing = words.map_or(String::new(), |words| format!("; reproducing {words}"));
            assert_eq!(
                source_reference(&source),
                format!("“Copy”, Site, undated (journal article){reproducing}"),
                "{given:05b}"
            );
        }
    }

    fn observation(fields: serde_json::Value) -> Record {
        let mut json = serde_json::json!({
            "id": "x", "kind": "observation", "category": "workforce", "title": "t", "summary": "s",
            "as_of": "source", "source": "s", "locator": "l", "quote": "q",
        });
        for (key, value) in fields.as_object().unwrap() {
            json[key] = value.clone();
        }
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn bounds_read_more_than_or_less_than_only_where_the_source_says_so() {
        let figure = |fields| figure_with_unit(&observation(fields), Unit::plain("people")).unwrap();
        let at_least = serde_json::json!({ "qualifier": "at_least", "value": 200 });
        assert_eq!(figure(at_least), "at least 200 people");
        let more = serde_json::json!({ "qualifier": "at_least", "value": 1000, "amount_text": "more than 1,000" });
        assert_eq!(figure(more), "more than 1,000 people");
        let over = serde_json::json!({ "qualifier": "at_least", "value": 1000, "amount_text": "Over 1,000" });
        assert_eq!(figure(over), "more than 1,000 people");
        let up_to = serde_json::json!({ "qualifier": "at_most", "value": 94000 });
        assert_eq!(figure(up_to), "up to 94,000 people");
        let less = serde_json::json!({ "qualifier": "at_most", "value": 10, "amount_text": "less than U.S. $10" });
        assert_eq!(figure(less), "less than 10 people");
    }

    #[test]
    fn approximate_figures_and_ranges_keep_the_sources_hedge() {
        let figure = |fields| figure_with_unit(&observation(fields), Unit::plain("users")).unwrap();
        let about = serde_json::json!({ "qualifier": "approx", "value": 20000, "amount_text": "some 20,000" });
        assert_eq!(figure(about), "about 20,000 users");
        let bare = serde_json::json!({ "qualifier": "approx", "value": 60 });
        assert_eq!(figure(bare), "about 60 users");
        let almost = serde_json::json!({ "qualifier": "approx", "value": 700000, "amount_text": "almost 700,000" });
        assert_eq!(figure(almost), "almost 700,000 users");
        let nearly = serde_json::json!({ "qualifier": "approx", "value": 25, "amount_text": "Nearly 25%" });
        assert_eq!(figure(nearly), "nearly 25 users");
        let hit = serde_json::json!({ "qualifier": "approx", "value": 2e6, "amount_text": "about to hit 2 million" });
        assert_eq!(figure(hit), "about to hit 2,000,000 users");
        // "almost" must begin the words: elsewhere it says nothing of this figure.
        let later = serde_json::json!({ "qualifier": "approx", "value": 9, "amount_text": "some 9, almost all" });
        assert_eq!(figure(later), "about 9 users");
        let firm = serde_json::json!({ "qualifier": "range", "low": 1000, "high": 1500 });
        assert_eq!(figure(firm), "1,000–1,500 users");
        let hedged = serde_json::json!({ "qualifier": "range", "low": 1000, "high": 1500,
            "amount_text": "somewhere in the neighborhood of only 1,000-1,500" });
        assert_eq!(figure(hedged), "about 1,000–1,500 users");
    }

    #[test]
    fn vague_amounts_keep_their_words_and_bounds() {
        let figure = |fields, unit| figure_with_unit(&observation(fields), Unit::plain(unit)).unwrap();
        let words =
            serde_json::json!({ "qualifier": "vague", "amount_text": "several hundred", "low": 200, "high": 999 });
        assert_eq!(
            figure(words.clone(), "corporations"),
            "several hundred corporations (200–999)"
        );
        assert_eq!(figure_text(words), "several hundred (200–999)");
        let plural = serde_json::json!({ "qualifier": "vague", "amount_text": "thousands" });
        assert_eq!(figure(plural, "graduates per year"), "thousands of graduates per year");
        let up_to = serde_json::json!({ "qualifier": "vague", "amount_text": "a few", "high": 9 });
        assert_eq!(figure(up_to, "%"), "a few% (up to 9)");
    }

    #[test]
    fn a_figures_number_needs_its_columns_a_space_and_the_ellipsis() {
        assert_eq!(figure_number_width("about 3,000,000 lines"), 17);
        assert_eq!(figure_number_width("6,500,000–7,000,000 phones"), 21);
        assert_eq!(figure_number_width("60%"), 3);
        // The first number is the figure's; later ones belong to its unit.
        assert_eq!(figure_number_width("41.5 lines per 100 people"), 6);
        // No longer than the figure: `12 x` needs its 4, not 12 and 2.
        assert_eq!(figure_number_width("12 x"), 4);
        assert_eq!(figure_number_width("many lines"), 0);
    }

    #[test]
    fn a_figure_of_one_takes_the_singular_the_data_gives() {
        let providers = Indicator {
            id: "isps".into(),
            name: "Internet service providers".into(),
            unit: "providers".into(),
            unit_singular: Some("provider".into()),
            description: "".into(),
            category: crate::data::Category::Internet,
        };
        let figure = |fields| figure_with_unit(&observation(fields), Unit::of(&providers)).unwrap();
        assert_eq!(
            figure(serde_json::json!({ "qualifier": "exact", "value": 1 })),
            "1 provider"
        );
        assert_eq!(
            figure(serde_json::json!({ "qualifier": "approx", "value": 1 })),
            "about 1 provider"
        );
        assert_eq!(
            figure(serde_json::json!({ "qualifier": "at_most", "value": 1 })),
            "up to 1 provider"
        );
        assert_eq!(
            figure(serde_json::json!({ "qualifier": "exact", "value": 2 })),
            "2 providers"
        );
        assert_eq!(
            figure(serde_json::json!({ "qualifier": "exact", "value": 0 })),
            "0 providers"
        );
        assert_eq!(
            figure(serde_json::json!({ "qualifier": "exact", "value": 1.5 })),
            "1.5 providers"
        );
        let range = serde_json::json!({ "qualifier": "range", "low": 1, "high": 3 });
        assert_eq!(figure(range), "1–3 providers");
        // Without a singular in the data, the unit stays as written.
        let plain = observation(serde_json::json!({ "qualifier": "exact", "value": 1 }));
        assert_eq!(figure_with_unit(&plain, Unit::plain("km")).unwrap(), "1 km");
    }

    fn figure_text(fields: serde_json::Value) -> String {
        figure(&observation(fields)).unwrap()
    }

    #[test]
    fn a_status_follows_the_figure() {
        let estimate = serde_json::json!({ "qualifier": "exact", "value": 5615, "status": "estimate" });
        assert_eq!(
            figure_with_unit(&observation(estimate), Unit::plain("km")).unwrap(),
            "5,615 km (est.)"
        );
        let unconfirmed = serde_json::json!({ "qualifier": "approx", "value": 3, "status": "unconfirmed" });
        assert_eq!(
            figure_with_unit(&observation(unconfirmed), Unit::plain("%")).unwrap(),
            "about 3% (unconfirmed)"
        );
        let no_words = observation(serde_json::json!({ "qualifier": "vague" }));
        assert_eq!(figure(&no_words), None, "no words, no figure");
    }

    /// A record's own time reads as `PartialDate`'s `Display` writes each
    /// of its dates: those a file gives and those it cannot (a year below
    /// 0 or above 9999, which have no ASCII text of four digits).
    #[test]
    fn a_records_own_time_reads_as_its_dates_are_displayed() {
        let dates = [
            PartialDate {
                year: 45,
                month: Some(3),
                day: None,
            },
            PartialDate {
                year: 1997,
                month: Some(12),
                day: Some(31),
            },
            PartialDate::year(2002),
            PartialDate::year(-44),
            PartialDate {
                year: 12345,
                month: Some(1),
                day: Some(9),
            },
        ];
        for start in dates {
            let mut record = observation(serde_json::json!({}));
            record.date = Some(start);
            assert_eq!(when(&record), start.to_string(), "{start:?}");
            for end in dates {
                record.date = None;
                record.period = Some(crate::data::Period { start, end });
                let expected = match start == end {
                    true => start.to_string(),
                    false => format!("{start}–{end}"),
                };
                assert_eq!(when(&record), expected, "{start:?} {end:?}");
            }
        }
    }

    #[test]
    fn figures_are_pushed_after_what_is_there_and_nothing_is_left_of_none() {
        let pushed = |fields: serde_json::Value| {
            let mut text = String::from("1997  ");
            let found = push_figure_with_unit(&mut text, &observation(fields), Unit::plain("km"));
            (found.is_some(), text)
        };
        let range = serde_json::json!({ "qualifier": "range", "low": 1200, "high": 1500.5, "status": "estimate" });
        assert_eq!(pushed(range), (true, "1997  1,200–1,500.5 km (est.)".to_owned()));
        let vague = serde_json::json!({ "qualifier": "vague", "amount_text": "thousands", "low": 1000 });
        assert_eq!(
            pushed(vague),
            (true, "1997  thousands of km (at least 1,000)".to_owned())
        );
        // Missing pieces found after others ("about ", "1,200–") would
        // have been written: none is.
        for none in [
            serde_json::json!({ "qualifier": "approx" }),
            serde_json::json!({ "qualifier": "at_least" }),
            serde_json::json!({ "qualifier": "range", "low": 1200 }),
            serde_json::json!({ "qualifier": "vague" }),
            serde_json::json!({ "value": 3 }),
        ] {
            assert_eq!(pushed(none.clone()), (false, "1997  ".to_owned()), "{none}");
        }
        let mut when = String::from("x");
        push_when(&mut when, &observation(serde_json::json!({ "date": "2001-05" })));
        assert_eq!(when, "x2001-05");
    }

    /// A record placed by its source's "at present" reads `c.` and the
    /// year as `Display` writes it, whatever the year.
    #[test]
    fn an_approximate_time_reads_c_and_its_year() {
        for year in [0, 7, 2002, 10000, -1, -44, i32::MIN, i32::MAX] {
            let mut source = Source::new("s", "t", crate::data::SourceKind::WebPage);
            source.info_as_of = Some(InfoAsOf::Year(year));
            let record = observation(serde_json::json!({}));
            assert_eq!(when_short(&record, &source), format!("c. {year}"), "{year}");
        }
    }

    #[test]
    fn numbers_group_thousands_and_trim_decimals() {
        for (value, shown) in [
            (1_200_000.0, "1,200,000"),
            (4.6, "4.6"),
            (65.10, "65.1"),
            (100.0, "100"),
            (999.0, "999"),
            (1000.0, "1,000"),
            (-1234.5, "-1,234.5"),
            (0.5, "0.5"),
            (0.25, "0.25"),
            (0.126, "0.13"),
            (999_999_999_999_999.0, "999,999,999,999,999"),
        ] {
            assert_eq!(number(value), shown, "{value:e}");
        }
    }

    #[test]
    fn numbers_at_the_extremes_stay_readable() {
        for (value, shown) in [
            (1e308, "1e308"),
            (f64::MAX, "1.798e308"),
            (1e300, "1e300"),
            (1e21, "1e21"),
            (-2.5e20, "-2.5e20"),
            (1e15, "1e15"),
            (9_007_199_254_740_993.0, "9.007e15"),
            (5e-324, "5e-324"),
            (f64::MIN_POSITIVE, "2.225e-308"),
            (2.5e-7, "2.5e-7"),
            (-1.23456e-9, "-1.235e-9"),
            (9.9e-7, "9.9e-7"),
        ] {
            assert_eq!(number(value), shown, "{value:e}");
        }
    }

    #[test]
    fn small_numbers_keep_two_significant_digits() {
        for (value, shown) in [
            (0.001, "0.001"),
            (0.0012, "0.0012"),
            (0.012345, "0.012"),
            (0.000001, "0.000001"),
            (-0.0047, "-0.0047"),
            // 0.0999 is 0.10 to two significant digits: two decimals suffice.
            (0.0999, "0.1"),
            (0.05, "0.05"),
        ] {
            assert_eq!(number(value), shown, "{value:e}");
        }
    }

    /// Decimals worked out the long way: the exponent of the figure
    /// rounded to two significant digits.
    fn decimals_by_exponent(magnitude: f64) -> usize {
        usize::try_from(1 - decimal_exponent(magnitude)).unwrap_or(0).max(2)
    }

    #[test]
    fn two_decimals_from_a_tenth_up_as_the_exponent_says() {
        for magnitude in [
            0.1,
            0.1000001,
            0.0999999999999999,
            0.09951,
            0.0995,
            0.5,
            1.0,
            9.99,
            1e14,
        ] {
            assert_eq!(decimals(magnitude), decimals_by_exponent(magnitude), "{magnitude:e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn shortcuts_write_what_the_long_way_writes(magnitude in 0.0f64..1e15, whole in 0u64..1_000_000_000_000_000) {
            proptest::prop_assert_eq!(decimals(magnitude), decimals_by_exponent(magnitude));
            // A whole number's digits are its formatting with two decimals, less `.00`.
            let whole = whole as f64;
            let long = format!("{whole:.2}");
            let digits = (whole as u64).to_string();
            proptest::prop_assert_eq!(Some(digits.as_str()), long.strip_suffix(".00"));
        }
    }

    #[test]
    fn zero_has_no_sign() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(99_812), "99,812");
        assert_eq!(count(1_048_576), "1,048,576");
    }

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
