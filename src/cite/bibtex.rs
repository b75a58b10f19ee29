//! BibTeX: entry types every BibTeX style knows (`@article`,
//! `@incollection`, `@techreport`, `@misc`), with the fields biblatex adds
//! (`doi`, `url`, `urldate`, `version`) for the styles that use them.
//!
//! Values are in braces, UTF-8. Characters that BibTeX or LaTeX would read
//! as markup are written as LaTeX commands: `%` as `\%`, `{` as
//! `\textbraceleft{}` (a backslash does not stop BibTeX from counting a
//! brace). Titles are braced twice so that styles keep their capitals
//! (North Korea, IT). URLs and DOIs are written as they are, with braces
//! percent-encoded.

use super::{Name, Work, WorkKind, one_line, page_range};
use crate::data::SourceKind;

pub fn write(works: &[Work]) -> String {
    works.iter().map(entry).collect::<Vec<_>>().join("\n")
}

/// One work as a BibTeX entry, ending in a newline.
pub fn entry(work: &Work) -> String {
    let kind = entry_type(work.kind);
    let publication = &work.publication;
    let mut fields = Fields::default();
    if let Some(authors) = authors(&work.authors) {
        fields.raw("author", braced(&authors));
    }
    fields.raw("title", braced(&braced(&escape(&publication.title))));
    let dataset = (work.kind == WorkKind::Dataset).then_some("Dataset");
    for (name, value) in venue(kind, work.container().or(dataset), publication.publisher.as_deref()) {
        fields.text(name, value);
    }
    fields.text("volume", publication.volume.as_deref());
    fields.text("number", publication.issue.as_deref());
    fields.text("pages", publication.pages.as_deref().map(pages).as_deref());
    fields.text("version", work.version.as_deref());
    fields.text("note", work.note.as_deref());
    if let Some(date) = publication.published {
        fields.raw("year", braced(&date.year.to_string()));
        if let Some(month) = date.month {
            fields.raw("month", MONTHS[usize::from(month) - 1].to_owned());
        }
    }
    for (name, value) in [("doi", &publication.doi), ("url", &publication.url)] {
        if let Some(value) = value {
            fields.raw(name, braced(&address(value)));
        }
    }
    if let Some(accessed) = publication.accessed {
        fields.raw("urldate", braced(&accessed.to_string()));
    }
    let mut entry = format!("@{kind}{{{},\n", work.key);
    for (name, value) in fields.0 {
        entry.push_str(&format!("  {name} = {value},\n"));
    }
    entry.push_str("}\n");
    entry
}

/// An entry's fields, in order, their values written out.
#[derive(Default)]
struct Fields(Vec<(&'static str, String)>);

impl Fields {
    fn raw(&mut self, name: &'static str, value: String) {
        self.0.push((name, value));
    }

    /// A text field, when given: braced and escaped.
    fn text(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            self.raw(name, braced(&escape(value)));
        }
    }
}

/// The fields naming where an entry of type `kind` appeared (`container`)
/// and who published it, in that order.
fn venue<'a>(
    kind: &str,
    container: Option<&'a str>,
    publisher: Option<&'a str>,
) -> [(&'static str, Option<&'a str>); 2] {
    match kind {
        "article" => [("journal", container), ("publisher", publisher)],
        "incollection" => [("booktitle", container), ("publisher", publisher)],
        // The standard styles print a report's `institution` and ignore its
        // `howpublished` (warning of an empty institution): the issuer goes
        // there, the publisher when known, else the container (the think
        // tank's site, the government's series), which is then not repeated.
        "techreport" => match publisher {
            Some(_) => [("howpublished", container), ("institution", publisher)],
            None => [("howpublished", None), ("institution", container)],
        },
        _ => [("howpublished", container), ("organization", publisher)],
    }
}

/// BibTeX's month macros, written without braces.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn entry_type(kind: WorkKind) -> &'static str {
    use SourceKind::*;
    match kind {
        WorkKind::Dataset => "misc",
        WorkKind::Source(kind) => match kind {
            JournalArticle | MagazineArticle | NewsArticle => "article",
            BookChapter | ReferenceWork => "incollection",
            CompanyReport | ThinkTankReport | GovernmentReport => "techreport",
            BlogEssay | NewsRepost | PressRelease | WikipediaCopy | DataFile | WebPage | ForumPost | Interview => {
                "misc"
            }
        },
    }
}

/// `Family, Given and Family` with organisations braced whole, so that
/// BibTeX neither splits them nor reads an "and" inside them.
fn authors(names: &[Name]) -> Option<String> {
    let names: Vec<String> = names
        .iter()
        .map(|name| match name {
            Name::Person {
                family,
                given: Some(given),
            } => format!("{}, {}", name_part(family), name_part(given)),
            Name::Person { family, given: None } => name_part(family),
            Name::Organization(name) => braced(&escape(name)),
        })
        .collect();
    (!names.is_empty()).then(|| names.join(" and "))
}

/// Part of a person's name, braced when it holds a word BibTeX would read
/// as separating two names.
fn name_part(text: &str) -> String {
    let escaped = escape(text);
    if escaped.split_whitespace().any(|word| word.eq_ignore_ascii_case("and")) {
        braced(&escaped)
    } else {
        escaped
    }
}

/// BibTeX's page ranges use `--`.
fn pages(text: &str) -> String {
    match page_range(text) {
        (first, Some(last)) => format!("{first}--{last}"),
        (first, None) => first,
    }
}

fn braced(value: &str) -> String {
    format!("{{{value}}}")
}

/// Text as LaTeX reads it literally.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str(r"\textbackslash{}"),
            '{' => out.push_str(r"\textbraceleft{}"),
            '}' => out.push_str(r"\textbraceright{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str(r"\^{}"),
            '~' => out.push_str(r"\textasciitilde{}"),
            c => out.push(c),
        }
    }
    out
}

/// A URL or DOI as BibTeX can carry it: verbatim, but with braces (which
/// BibTeX would count) percent-encoded, on one line.
fn address(text: &str) -> String {
    one_line(text)
        .replace('{', "%7B")
        .replace('}', "%7D")
        .replace(' ', "%20")
}
