//! Checks that every record's quote appears, verbatim, in the plain text of
//! its source (`nkict validate FILE --quotes DIR`).
//!
//! Both sides are compared after collapsing runs of white space to one space
//! and dropping a space that follows a hyphen, so that text broken across
//! lines (`fiber-` / `optical`) still matches. Nothing else is forgiven.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::data::load::shorten_text;
use crate::data::{Dataset, Record, Source};
use crate::model::format::plural;

/// How many characters of a quote a report shows.
const QUOTE_START: usize = 60;

/// One reason a quote could not be confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteProblem {
    /// The quote is not in the source's text.
    NotFound {
        record: String,
        source: String,
        /// The first characters of the quote.
        quote_start: String,
        /// The end of the longest start of the quote the text does contain:
        /// where the two part ways.
        matched_until: String,
    },
    /// The source names no `text_file`, so its records cannot be checked.
    NoTextFile { source: String, records: usize },
    /// The source's text file could not be read.
    Unreadable {
        source: String,
        path: PathBuf,
        reason: String,
        records: usize,
    },
}

impl fmt::Display for QuoteProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound {
                record,
                source,
                quote_start,
                matched_until,
            } => {
                write!(
                    f,
                    "record `{record}` (source `{source}`): quote not found: “{quote_start}”"
                )?;
                if !matched_until.is_empty() {
                    write!(f, " (the text agrees up to “{matched_until}”)")?;
                }
                Ok(())
            }
            Self::NoTextFile { source, records } => write!(
                f,
                "source `{source}` has no `text_file`: {} not checked",
                plural(*records, "record")
            ),
            Self::Unreadable {
                source,
                path,
                reason,
                records,
            } => write!(
                f,
                "source `{source}`: cannot read {}: {reason}: {} not checked",
                path.display(),
                plural(*records, "record")
            ),
        }
    }
}

/// The text as quotes are compared: white space runs collapsed to one space,
/// a space directly after `-` dropped, ends trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Every problem found checking `dataset`'s quotes against the texts in
/// `dir`, in record order; empty when all quotes were found.
pub fn check_quotes(dataset: &Dataset, dir: &Path) -> Vec<QuoteProblem> {
    let sources: HashMap<&str, &Source> = dataset.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    // How many records each source has, for the problems that cover them all.
    let mut per_source: HashMap<&str, usize> = HashMap::new();
    for record in &dataset.records {
        *per_source.entry(record.source.as_str()).or_default() += 1;
    }
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    let mut problems = Vec::new();
    for record in &dataset.records {
        let Some(source) = sources.get(record.source.as_str()) else {
            continue; // the loader already rejects unknown sources
        };
        let text = texts.entry(source.id.as_str()).or_insert_with(|| {
            read_text(source, dir, per_source[source.id.as_str()])
                .map_err(|problem| problems.push(problem))
                .ok()
        });
        if let Some(text) = text {
            problems.extend(check_record(record, text));
        }
    }
    problems
}

/// The normalized text of a source, or why it cannot be had.
fn read_text(source: &Source, dir: &Path, records: usize) -> Result<String, QuoteProblem> {
    let Some(file) = &source.text_file else {
        return Err(QuoteProblem::NoTextFile {
            source: source.id.clone(),
            records,
        });
    };
    let path = dir.join(file);
    std::fs::read_to_string(&path)
        .map(|text| normalize(&text))
        .map_err(|err| QuoteProblem::Unreadable {
            source: source.id.clone(),
            path,
            reason: match err.kind() {
                std::io::ErrorKind::InvalidData => "the file is not valid UTF-8 text".to_owned(),
                _ => err.to_string(),
            },
            records,
        })
}

/// `None` when the record's quote is in `text` (already normalized).
fn check_record(record: &Record, text: &str) -> Option<QuoteProblem> {
    let quote = normalize(&record.quote);
    if text.contains(&quote) {
        return None;
    }
    let matched = longest_found_prefix(&quote, text);
    Some(QuoteProblem::NotFound {
        record: record.id.clone(),
        source: record.source.clone(),
        quote_start: shorten_text(&quote, QUOTE_START),
        matched_until: end_of(matched, 30),
    })
}

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
    use crate::data::{Category, RecordKind};

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
            source: source.into(),
            locator: "l".into(),
            quote: quote.into(),
            note: None,
            tags: Vec::new(),
        }
    }

    fn source(id: &str, text_file: Option<&str>) -> Source {
        Source {
            id: id.into(),
            title: "T".into(),
            authors: Vec::new(),
            container: "C".into(),
            published: None,
            url: None,
            kind: "k".into(),
            note: None,
            text_file: text_file.map(Into::into),
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
        let problems = check_quotes(&data, dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let QuoteProblem::NotFound {
            record, matched_until, ..
        } = &problems[0]
        else {
            panic!("expected NotFound, got {problems:?}");
        };
        assert_eq!(record, "bad");
        assert_eq!(matched_until, "fiber-optical cable reached ");
        let message = problems[0].to_string();
        assert!(message.contains("record `bad` (source `a`)"), "{message}");
        assert!(message.contains("“fiber-optical cable reached Pyongyang”"), "{message}");
    }

    #[test]
    fn reports_a_source_without_text_once_with_its_record_count() {
        let dir = tempfile::tempdir().unwrap();
        let data = dataset(
            vec![source("none", None), source("gone", Some("missing.txt"))],
            vec![
                record("r1", "none", "q"),
                record("r2", "none", "q"),
                record("r3", "gone", "q"),
            ],
        );
        let problems = check_quotes(&data, dir.path());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0].to_string(),
            "source `none` has no `text_file`: 2 records not checked"
        );
        let gone = problems[1].to_string();
        assert!(gone.starts_with("source `gone`: cannot read "), "{gone}");
        assert!(gone.contains("missing.txt"), "{gone}");
        assert!(gone.ends_with(": 1 record not checked"), "{gone}");
    }

    #[test]
    fn a_text_that_is_not_utf8_is_reported_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"caf\xe9").unwrap();
        let data = dataset(vec![source("a", Some("a.txt"))], vec![record("r", "a", "caf")]);
        let problems = check_quotes(&data, dir.path());
        assert!(problems[0].to_string().contains("not valid UTF-8"), "{problems:?}");
    }

    #[test]
    fn long_quotes_are_shortened_on_character_boundaries() {
        let korean = "고려링크".repeat(20);
        let shown = shorten_text(&korean, QUOTE_START);
        assert_eq!(shown.chars().count(), QUOTE_START + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(shorten_text("short", QUOTE_START), "short");
        assert_eq!(end_of("고려링크", 2), "…링크");
    }

    #[test]
    fn longest_prefix_is_empty_when_nothing_matches() {
        assert_eq!(longest_found_prefix("xyz", "abc"), "");
        assert_eq!(longest_found_prefix("abz", "abc"), "ab");
        assert_eq!(longest_found_prefix("링크x", "고려링크"), "링크");
    }
}
