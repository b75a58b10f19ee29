//! Citations of the dataset and of the sources behind a set of records, for
//! people (`text`) and for reference managers (`bibtex`, `csl`, `ris`),
//! built from the sources' structured fields. Each format is one file that
//! turns a list of [`Work`]s into text.
//!
//! Each work has a citation key that stays the same from run to run: the
//! source's id (the dataset's is `nkict`), with any character a BibTeX key
//! cannot hold replaced by `-`.

pub mod bibtex;
pub mod csl;
pub mod ris;
pub mod text;

use std::collections::HashSet;

use crate::data::text::StaticText;
use crate::data::{Dataset, EntityKind, Source, SourceKind};
use crate::model::format::{dataset_reference, dataset_title, is_web_address, original_publication, source_reference};
use crate::model::{Model, RecordIx};

/// The dataset's citation key.
pub const DATASET_KEY: &str = "nkict";

/// What a work is: the dataset itself, or one of its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkKind {
    Dataset,
    Source(SourceKind),
}

/// A person's name split as reference managers want it, or an
/// organisation's name kept whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Person { family: String, given: Option<String> },
    Organization(String),
}

/// One thing to cite, in the terms every format shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    pub key: String,
    pub kind: WorkKind,
    pub authors: Vec<Name>,
    /// Its title and publication data (container, publisher, date, volume,
    /// issue, pages, DOI, URL, access date), as a source holds them.
    pub publication: Source,
    pub version: Option<String>,
    /// Where a data file lies and what a copy reproduces, in words.
    pub note: Option<String>,
    /// The reference as one line of text, as the dashboard shows it.
    pub reference: String,
}

impl Work {
    /// The journal, book, site or collection it appears in, if any.
    pub fn container(&self) -> Option<&str> {
        let container = self.publication.container.trim();
        (!container.is_empty()).then_some(container)
    }
}

/// The dataset, then every source a record of `view` rests on (in the
/// dataset's order), each with a distinct key.
pub fn works(model: &Model, view: &[RecordIx]) -> Vec<Work> {
    let dataset = model.dataset();
    let mut used = vec![false; dataset.sources.len()];
    let index: std::collections::HashMap<&str, usize> = dataset
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for &ix in view {
        used[index[model.source_of(ix).id.as_str()]] = true;
    }
    let mut keys = HashSet::new();
    let mut works = vec![dataset_work(dataset, &mut keys)];
    for (source, _) in dataset.sources.iter().zip(&used).filter(|(_, used)| **used) {
        works.push(source_work(source, dataset, &mut keys));
    }
    works
}

/// One source of `dataset` as a work, for citing it alone (the dashboard
/// copies it): its key is its id, made safe.
pub fn source(dataset: &Dataset, source: &Source) -> Work {
    source_work(source, dataset, &mut HashSet::new())
}

/// The dataset as a work, as its own `dataset` section describes it
/// (title, authors, version, address), worded as the exports cite it.
fn dataset_work(dataset: &Dataset, keys: &mut HashSet<String>) -> Work {
    let metadata = dataset.metadata.as_ref();
    let mut publication = Source::new(DATASET_KEY, dataset_title(metadata), SourceKind::DataFile);
    publication.url = metadata.and_then(|m| m.url.as_deref()).map(StaticText::from);
    let note = unlinked_address(&mut publication).map(|address| format!("{address}."));
    let reference = dataset_reference(metadata);
    Work {
        key: unique_key(DATASET_KEY, keys),
        kind: WorkKind::Dataset,
        authors: metadata
            .map_or(&[][..], |m| &m.authors)
            .iter()
            .map(|a| name(a, dataset))
            .collect(),
        publication,
        reference: format!(
            "{} (dataset; each record quotes its source: cite the sources too)",
            reference.trim_end_matches('.')
        ),
        version: metadata.and_then(|m| m.version.clone()),
        note,
    }
}

fn source_work(source: &Source, dataset: &Dataset, keys: &mut HashSet<String>) -> Work {
    let mut publication = source.clone();
    let address = unlinked_address(&mut publication);
    Work {
        key: unique_key(&source.id, keys),
        kind: WorkKind::Source(source.kind),
        authors: source.authors.iter().map(|a| name(a, dataset)).collect(),
        publication,
        version: None,
        note: note(source, address),
        reference: source_reference(source),
    }
}

/// Takes out of `publication` an address without a scheme (`cacm.acm.org/…`,
/// as some sources are recorded): a reference manager would make it a
/// link relative to the document that cites it. Returns it in words, for
/// the note; the scheme is not guessed.
fn unlinked_address(publication: &mut Source) -> Option<String> {
    let address = publication.url.take_if(|url| !is_web_address(url))?;
    Some(format!("Address recorded without a scheme: {address}"))
}

/// An author as a name: an organisation when the dataset knows it as one
/// (an entity that is not a person), else a person whose family name is
/// the last word, or what comes before a comma (`Lee, Hyung-Seog`).
fn name(author: &str, dataset: &Dataset) -> Name {
    let author = author.trim();
    let organization = dataset
        .entities
        .iter()
        .any(|e| e.kind != EntityKind::Person && std::iter::once(&e.name).chain(&e.aliases).any(|n| n == author));
    if organization {
        return Name::Organization(author.to_owned());
    }
    let (family, given) = match author.split_once(',') {
        Some((family, given)) => (family.trim(), given.trim()),
        None => match author.rsplit_once(' ') {
            Some((given, family)) => (family, given.trim()),
            None => (author, ""),
        },
    };
    Name::Person {
        family: family.to_owned(),
        given: (!given.is_empty()).then(|| given.to_owned()),
    }
}

/// What a reference manager should know beyond the fields: where a data
/// file lies, what a copy or data file reproduces, and an `address` that
/// is no link.
fn note(source: &Source, address: Option<String>) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(repository) = &source.repository {
        let mut place = format!(
            "File {} in the repository {repository}",
            source.path.as_deref().unwrap_or("?")
        );
        if let Some(commit) = &source.commit {
            place.push_str(&format!(" at commit {commit}"));
        }
        parts.push(format!("{place}."));
    }
    if let Some(original) = source.original.as_ref().and_then(original_publication) {
        parts.push(format!("Reproduces {original}."));
    }
    parts.extend(address.map(|address| format!("{address}.")));
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `id` as a citation key no other work has: characters a BibTeX key cannot
/// hold become `-`, and a key already taken gets `-2`, `-3`...
fn unique_key(id: &str, taken: &mut HashSet<String>) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_:./+".contains(c);
    let base: String = id.chars().map(|c| if plain(c) { c } else { '-' }).collect();
    let base = if base.is_empty() { "source".to_owned() } else { base };
    let mut key = base.clone();
    let mut n = 1;
    while !taken.insert(key.clone()) {
        n += 1;
        key = format!("{base}-{n}");
    }
    key
}

/// Pages as a first and a last page: `22-25` or `22–25` → (`22`, `25`).
pub fn page_range(pages: &str) -> (String, Option<String>) {
    match pages.split_once(['-', '–']) {
        Some((first, last)) => (
            first.trim().to_owned(),
            Some(last.trim_start_matches('-').trim().to_owned()),
        ),
        None => (pages.trim().to_owned(), None),
    }
}

/// Text on one line: control characters (line breaks, tabs) become spaces,
/// and so do bidi overrides and isolates, which no reference means and
/// which would otherwise be written out as `\u{202e}` for the terminal, a
/// command to LaTeX in a BibTeX file.
pub fn one_line(text: &str) -> String {
    let blank = |c: char| c.is_control() || crate::terminal_text::needs_escape(c);
    text.chars().map(|c| if blank(c) { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset_with(entities: serde_json::Value) -> Dataset {
        serde_json::from_value(serde_json::json!({
            "schema_version": 2, "sources": [], "indicators": [], "records": [], "entities": entities,
        }))
        .unwrap()
    }

    #[test]
    fn one_line_blanks_breaks_controls_and_bidi_overrides() {
        assert_eq!(one_line("a\tb\nc\x1b[31md"), "a b c [31md");
        assert_eq!(one_line("Src\u{202e}abc\u{2066}x\u{2069}"), "Src abc x ");
        assert_eq!(one_line("평양 P’yŏngyang — ok"), "평양 P’yŏngyang — ok");
    }

    #[test]
    fn authors_split_at_the_last_word_or_a_comma_unless_known_as_organisations() {
        let dataset = dataset_with(serde_json::json!([
            { "id": "itu", "name": "International Telecommunication Union", "kind": "organization", "aliases": ["ITU"] },
        ]));
        let person = |family: &str, given: Option<&str>| Name::Person {
            family: family.into(),
            given: given.map(Into::into),
        };
        assert_eq!(name("Hyung-Seog Lee", &dataset), person("Lee", Some("Hyung-Seog")));
        assert_eq!(name("Lee, Hyung-Seog", &dataset), person("Lee", Some("Hyung-Seog")));
        // A comma says which part is the family name, where the last word is not.
        assert_eq!(name("Kim, Jong Il", &dataset), person("Kim", Some("Jong Il")));
        assert_eq!(name("Plato", &dataset), person("Plato", None));
        assert_eq!(
            name("International Telecommunication Union", &dataset),
            Name::Organization("International Telecommunication Union".into())
        );
        assert_eq!(name("ITU", &dataset), Name::Organization("ITU".into()));
    }

    #[test]
    fn keys_are_ids_made_safe_and_distinct() {
        let mut taken = HashSet::new();
        assert_eq!(unique_key("lee-it-progress", &mut taken), "lee-it-progress");
        assert_eq!(unique_key("nkict", &mut taken), "nkict");
        assert_eq!(unique_key("nkict", &mut taken), "nkict-2");
        assert_eq!(unique_key("a b,c{d}", &mut taken), "a-b-c-d-");
        assert_eq!(unique_key("고려", &mut taken), "--");
        assert_eq!(unique_key("", &mut taken), "source");
    }

    #[test]
    fn an_address_without_a_scheme_is_a_note_not_a_link() {
        let dataset = dataset_with(serde_json::json!([]));
        let mut source = Source::new("tjia", "Inside the Hermit Kingdom", SourceKind::JournalArticle);
        source.url = Some("cacm.acm.org/opinion/inside-the-hermit-kingdom".into());
        let work = super::source(&dataset, &source);
        assert_eq!(work.publication.url, None);
        assert_eq!(
            work.note.as_deref(),
            Some("Address recorded without a scheme: cacm.acm.org/opinion/inside-the-hermit-kingdom.")
        );
        assert!(work.reference.contains("cacm.acm.org/opinion"), "the text keeps it");
        let bibtex = bibtex::entry(&work);
        assert!(!bibtex.contains("url ="), "{bibtex}");
        assert!(
            bibtex.contains("note = {Address recorded without a scheme: cacm.acm.org"),
            "{bibtex}"
        );
        // A web address stays a link.
        source.url = Some("https://cacm.acm.org/x".into());
        let work = super::source(&dataset, &source);
        assert_eq!(work.publication.url.as_deref(), Some("https://cacm.acm.org/x"));
        assert_eq!(work.note, None);
    }

    #[test]
    fn pages_split_into_first_and_last() {
        assert_eq!(page_range("22-25"), ("22".into(), Some("25".into())));
        assert_eq!(page_range("22–25"), ("22".into(), Some("25".into())));
        assert_eq!(page_range("22--25"), ("22".into(), Some("25".into())));
        assert_eq!(page_range("xii"), ("xii".into(), None));
    }
}
