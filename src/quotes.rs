//! Checks that every record's quote appears, verbatim, in the plain text of
//! its source (`nkict validate FILE --quotes DIR`).
//!
//! Both sides are compared after collapsing runs of white space to one space
//! and dropping a space that follows a hyphen, so that text broken across
//! lines (`fiber-` / `optical`) still matches. Nothing else is forgiven.
//!
//! Records whose source has no `text_file` (web pages, data files) are only
//! counted here; the test suite checks their quotes against the tables of
//! rows they were taken from.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::data::load::line_column;
use crate::data::positions::Positions;
use crate::data::{Dataset, Record, Source};
use crate::model::format::plural;
use crate::terminal_text::{cut, escape, quoted};

/// How many characters of a quote a report shows.
const QUOTE_START: usize = 60;

/// One reason a quote could not be confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteProblem {
    /// The quote is not in the source's text.
    NotFound {
        /// Line and column of the record in the dataset file.
        position: Option<(usize, usize)>,
        record: String,
        source: String,
        text_file: String,
        /// The first characters of the quote.
        quote_start: String,
        /// Where the text stops agreeing with the quote, if any of its
        /// start is in the text.
        parting: Option<Parting>,
    },
    /// The source's text file could not be read.
    Unreadable {
        position: Option<(usize, usize)>,
        source: String,
        path: PathBuf,
        reason: String,
        records: usize,
    },
}

/// Where a quote and its source's text part ways: the longest start of the
/// quote that the text holds, and what each says after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parting {
    /// The end of the start both share.
    pub agreed: String,
    /// Line and column in the text file where the text goes on differently
    /// (at the first place holding the shared start).
    pub text_at: (usize, usize),
    /// What the text reads from there, and what the quote reads.
    pub text_reads: String,
    pub quote_reads: String,
}

impl QuoteProblem {
    /// Line and column in the dataset file of the record or source at fault.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::NotFound { position, .. } | Self::Unreadable { position, .. } => *position,
        }
    }

    /// True when the dataset is at fault (a quote not in its text), not the
    /// reading of a text file.
    pub fn is_invalid_data(&self) -> bool {
        !matches!(self, Self::Unreadable { .. })
    }
}

impl fmt::Display for QuoteProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound {
                record,
                source,
                text_file,
                quote_start,
                parting,
                ..
            } => {
                // Every part comes from the dataset or its texts: escaped.
                let text_file = escape(text_file);
                write!(
                    f,
                    "record {} (source {}): quote not found in {text_file}: “{quote_start}”",
                    quoted(record),
                    quoted(source)
                )?;
                match parting {
                    Some(p) => write!(
                        f,
                        "; the text agrees up to “{}”, then at {text_file}:{}:{} reads “{}” where the quote reads “{}”",
                        escape(&p.agreed),
                        p.text_at.0,
                        p.text_at.1,
                        p.text_reads,
                        p.quote_reads
                    ),
                    None => f.write_str("; the text holds no part of its start"),
                }
            }
            Self::Unreadable {
                source,
                path,
                reason,
                records,
                ..
            } => write!(
                f,
                "source {}: cannot read {}: {reason}: {} not checked",
                quoted(source),
                escape(&path.display().to_string()),
                plural(*records, "record")
            ),
        }
    }
}

/// The text as quotes are compared: white space runs collapsed to one space,
/// a space directly after `-` dropped, ends trimmed.
pub fn normalize(text: &str) -> String {
    normalized_chars(text).into_iter().map(|(_, c)| c).collect()
}

/// The characters of `normalize(text)`, each with the byte offset in `text`
/// it stands for (a space: the white space run it replaces).
fn normalized_chars(text: &str) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::with_capacity(text.len());
    let mut space_at = None;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            space_at.get_or_insert(at);
            continue;
        }
        if let Some(space) = space_at.take()
            && out.last().is_some_and(|&(_, last)| last != '-')
        {
            out.push((space, ' '));
        }
        out.push((at, c));
    }
    out
}

/// A source's text as read and as compared.
struct SourceText {
    file: String,
    raw: String,
    normalized: String,
}

/// Every problem found checking `dataset`'s quotes against the texts in
/// `dir`, in record order; empty when all quotes were found. `positions`
/// (from loading the file) places each record and source in the file.
pub fn check_quotes(dataset: &Dataset, positions: &Positions, dir: &Path) -> Vec<QuoteProblem> {
    let sources: HashMap<&str, usize> = dataset
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // How many records each source has, for the problems that cover them all.
    let mut per_source: HashMap<&str, usize> = HashMap::new();
    for record in &dataset.records {
        *per_source.entry(record.source.as_str()).or_default() += 1;
    }
    let mut texts: HashMap<usize, Option<SourceText>> = HashMap::new();
    let mut problems = Vec::new();
    for (ix, record) in dataset.records.iter().enumerate() {
        let Some(&source_ix) = sources.get(record.source.as_str()) else {
            continue; // the loader already rejects unknown sources
        };
        let source = &dataset.sources[source_ix];
        let Some(file) = &source.text_file else {
            continue;
        };
        let text = texts.entry(source_ix).or_insert_with(|| {
            let place = positions.sources.get(source_ix).copied();
            read_text(source, file, dir, place, per_source[source.id.as_str()])
                .map_err(|problem| problems.push(*problem))
                .ok()
        });
        if let Some(text) = text {
            let position = positions.records.get(ix).copied();
            problems.extend(check_record(record, text, position));
        }
    }
    problems
}

/// How many records rest on a source without a `text_file`, whose quotes
/// `check_quotes` cannot check.
pub fn records_without_text(dataset: &Dataset) -> usize {
    let without: HashSet<&str> = dataset
        .sources
        .iter()
        .filter(|source| source.text_file.is_none())
        .map(|source| source.id.as_str())
        .collect();
    dataset
        .records
        .iter()
        .filter(|record| without.contains(record.source.as_str()))
        .count()
}

/// A source's text, or why it cannot be had.
fn read_text(
    source: &Source,
    file: &str,
    dir: &Path,
    position: Option<(usize, usize)>,
    records: usize,
) -> Result<SourceText, Box<QuoteProblem>> {
    let path = dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(raw) => Ok(SourceText {
            file: file.to_owned(),
            normalized: normalize(&raw),
            raw,
        }),
        Err(err) => Err(Box::new(QuoteProblem::Unreadable {
            position,
            source: source.id.to_string(),
            path,
            reason: match err.kind() {
                std::io::ErrorKind::InvalidData => "the file is not valid UTF-8 text".to_owned(),
                _ => err.to_string(),
            },
            records,
        })),
    }
}

/// `None` when the record's quote is in its source's text.
fn check_record(record: &Record, text: &SourceText, position: Option<(usize, usize)>) -> Option<QuoteProblem> {
    let quote = normalize(&record.quote);
    if text.normalized.contains(&quote) {
        return None;
    }
    let agreed = longest_found_prefix(&quote, &text.normalized);
    Some(QuoteProblem::NotFound {
        position,
        record: record.id.to_string(),
        source: record.source.to_string(),
        text_file: text.file.clone(),
        quote_start: cut(&quote, QUOTE_START),
        parting: (!agreed.is_empty()).then(|| parting(agreed, &quote[agreed.len()..], text)),
    })
}

/// Where the text, at the first place holding `agreed`, goes on
/// differently from the quote's `rest`.
fn parting(agreed: &str, rest: &str, text: &SourceText) -> Parting {
    let end = text.normalized.find(agreed).map_or(0, |start| start + agreed.len());
    let text_rest = &text.normalized[end..];
    // The character of the raw text that the normalized one at `end` stands for.
    let chars_before = text.normalized[..end].chars().count();
    let raw_end = normalized_chars(&text.raw)
        .get(chars_before)
        .map_or(text.raw.len(), |&(at, _)| at);
    Parting {
        agreed: end_of(agreed, 30),
        text_at: line_column(&text.raw.as_bytes()[..raw_end]),
        text_reads: cut(text_rest, PARTING),
        quote_reads: cut(rest, PARTING),
    }
}

/// How many characters after the parting a report shows of each side.
const PARTING: usize = 30;

/// The longest start of `quote` that occurs in `text`. A prefix that occurs
/// means every shorter one does too, so a binary search over the character
/// boundaries finds it.
fn longest_found_prefix<'q>(quote: &'q str, text: &str) -> &'q str {
    let ends: Vec<usize> = quote
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([quote.len()])
        .collect();
    let found = ends.partition_point(|&end| text.contains(&quote[..end]));
    found.checked_sub(1).map_or("", |i| &quote[..ends[i]])
}

/// The last `count` characters, with `…` when there were more.
fn end_of(text: &str, count: usize) -> String {
    let total = text.chars().count();
    if total <= count {
        return text.to_owned();
    }
    let cut = text.char_indices().nth(total - count).map_or(0, |(i, _)| i);
    format!("…{}", &text[cut..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Category, RecordKind, SourceKind};

    #[test]
    fn normalize_collapses_white_space_and_joins_hyphenated_breaks() {
        assert_eq!(normalize("  a \t\n b  "), "a b");
        assert_eq!(normalize("fiber-\n   optical cable"), "fiber-optical cable");
        assert_eq!(normalize("fiber- optical"), normalize("fiber-optical"));
        assert_eq!(normalize("a\u{a0}\u{2003}b"), "a b");
        assert_eq!(normalize("“It’s”  — said"), "“It’s” — said");
    }

    #[test]
    fn normalize_keeps_everything_else_exact() {
        assert_ne!(normalize("It’s"), normalize("It's"));
        assert_ne!(normalize("ab"), normalize("a b"));
        assert_eq!(normalize("-\n-\nx"), "--x");
    }

    fn record(id: &str, source: &str, quote: &str) -> Record {
        Record {
            id: id.into(),
            kind: RecordKind::Fact,
            category: Category::Fiber,
            title: "t".into(),
            summary: "s".into(),
            date: None,
            period: None,
            as_of: None,
            date_text: None,
            entities: Vec::new(),
            indicator: None,
            value: None,
            low: None,
            high: None,
            qualifier: None,
            amount_text: None,
            status: None,
            source: source.into(),
            locator: "l".into(),
            quote: quote.into(),
            note: None,
            tags: Vec::new(),
        }
    }

    fn source(id: &str, text_file: Option<&str>) -> Source {
        Source {
            text_file: text_file.map(Into::into),
            ..Source::new(id, "T", SourceKind::WebPage)
        }
    }

    fn dataset(sources: Vec<Source>, records: Vec<Record>) -> Dataset {
        Dataset {
            schema_version: 1,
            metadata: None,
            dashboard: None,
            sources,
            indicators: Vec::new(),
            entities: Vec::new(),
            records,
        }
    }

    #[test]
    fn finds_quotes_across_line_breaks_and_reports_the_others() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "The fiber-\noptical cable\n  reached   Sinuiju in 1998.\n",
        )
        .unwrap();
        let data = dataset(
            vec![source("a", Some("a.txt"))],
            vec![
                record("ok", "a", "fiber-optical cable reached Sinuiju"),
                record("bad", "a", "fiber-optical cable reached Pyongyang"),
            ],
        );
        let problems = check_quotes(&data, &Positions::default(), dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let QuoteProblem::NotFound { record, parting, .. } = &problems[0] else {
            panic!("expected NotFound, got {problems:?}");
        };
        assert_eq!(record, "bad");
        // "Sinuiju" starts on line 3, column 13 of the text as written.
        let expected = Parting {
            agreed: "fiber-optical cable reached ".into(),
            text_at: (3, 13),
            text_reads: "Sinuiju in 1998.".into(),
            quote_reads: "Pyongyang".into(),
        };
        assert_eq!(parting.as_ref(), Some(&expected));
        assert_eq!(
            problems[0].to_string(),
            "record `bad` (source `a`): quote not found in a.txt: “fiber-optical cable reached Pyongyang”; \
             the text agrees up to “fiber-optical cable reached ”, then at a.txt:3:13 reads “Sinuiju in 1998.” \
             where the quote reads “Pyongyang”"
        );
        assert!(problems[0].is_invalid_data());
    }

    #[test]
    fn skips_sources_without_text_and_reports_an_unreadable_one_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(
            vec![source("none", None), source("gone", Some("missing.txt"))],
            vec![
                record("r1", "none", "q"),
                record("r2", "none", "q"),
                record("r3", "gone", "q"),
                record("r4", "gone", "q"),
            ],
        );
        assert_eq!(records_without_text(&data), 2);
        let problems = check_quotes(&data, &Positions::default(), dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            !problems[0].is_invalid_data(),
            "an unreadable text is not a fault of the data"
        );
        let gone = problems[0].to_string();
        assert!(gone.starts_with("source `gone`: cannot read "), "{gone}");
        assert!(gone.contains("missing.txt"), "{gone}");
        assert!(gone.ends_with(": 2 records not checked"), "{gone}");
    }

    #[test]
    fn a_text_that_is_not_utf8_is_reported_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"caf\xe9").unwrap();
        let data = dataset(vec![source("a", Some("a.txt"))], vec![record("r", "a", "caf")]);
        let problems = check_quotes(&data, &Positions::default(), dir.path());
        assert!(problems[0].to_string().contains("not valid UTF-8"), "{problems:?}");
    }

    #[test]
    fn a_quote_that_is_not_found_is_shown_escaped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "The cable \u{1b}[2J reached Sinuiju.").unwrap();
        let data = dataset(
            vec![source("a", Some("a.txt"))],
            vec![record("r", "a", "The cable \u{1b}[2J reached \u{9b}31mPyongyang")],
        );
        let message = check_quotes(&data, &Positions::default(), dir.path())[0].to_string();
        assert_eq!(
            message,
            "record `r` (source `a`): quote not found in a.txt: “The cable \\u{1b}[2J reached \\u{9b}31mPyongyang”; \
             the text agrees up to “The cable \\u{1b}[2J reached ”, then at a.txt:1:24 reads “Sinuiju.” \
             where the quote reads “\\u{9b}31mPyongyang”"
        );
    }

    #[test]
    fn long_quotes_are_shortened_on_character_boundaries() {
        let korean = "고려링크".repeat(20);
        let shown = cut(&korean, QUOTE_START);
        assert_eq!(shown, format!("{}… (80 characters)", "고려링크".repeat(15)));
        assert_eq!(cut("short", QUOTE_START), "short");
        assert_eq!(end_of("고려링크", 2), "…링크");
    }

    #[test]
    fn a_quote_sharing_nothing_with_the_text_says_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "abc").unwrap();
        let data = dataset(vec![source("a", Some("a.txt"))], vec![record("r", "a", "xyz")]);
        let problems = check_quotes(&data, &Positions::default(), dir.path());
        assert_eq!(
            problems[0].to_string(),
            "record `r` (source `a`): quote not found in a.txt: “xyz”; the text holds no part of its start"
        );
    }

    #[test]
    fn normalized_characters_point_back_into_the_text_as_written() {
        let chars = normalized_chars("a \n\t b-\n c");
        let pairs: Vec<(usize, char)> = vec![(0, 'a'), (1, ' '), (5, 'b'), (6, '-'), (9, 'c')];
        assert_eq!(chars, pairs);
    }

    #[test]
    fn longest_prefix_is_empty_when_nothing_matches() {
        assert_eq!(longest_found_prefix("xyz", "abc"), "");
        assert_eq!(longest_found_prefix("abz", "abc"), "ab");
        assert_eq!(longest_found_prefix("링크x", "고려링크"), "링크");
    }
}
