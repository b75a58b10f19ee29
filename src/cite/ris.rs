//! RIS, the tagged format of EndNote, Zotero and Mendeley imports: each
//! line `TAG  - value`, lines ending in CR LF, each reference from `TY` to
//! `ER`. A value cannot span lines, so line breaks become spaces. Dates are
//! `YYYY/MM/DD/` with the unknown parts left empty.

use super::{Name, Work, WorkKind, one_line, page_range};
use crate::data::{PartialDate, SourceKind};

pub fn write(works: &[Work]) -> String {
    works.iter().map(reference).collect::<Vec<_>>().join("\r\n")
}

/// One work as a RIS reference, ending with its `ER` line.
pub fn reference(work: &Work) -> String {
    let (kind, type_of_work) = reference_type(work.kind);
    let publication = &work.publication;
    let mut lines = vec![("TY", kind.to_owned()), ("ID", work.key.clone())];
    for name in &work.authors {
        lines.push(("AU", author(name)));
    }
    lines.push(("TI", publication.title.to_string()));
    let given = |tag: &'static str, value: Option<&str>| value.map(|v| (tag, v.to_owned()));
    lines.extend(given("T2", work.container()));
    lines.extend(given("PB", publication.publisher.as_deref()));
    if let Some(date) = publication.published {
        lines.push(("PY", date.year.to_string()));
        if date.month.is_some() {
            lines.push(("DA", date_field(date)));
        }
    }
    lines.extend(given("VL", publication.volume.as_deref()));
    lines.extend(given("IS", publication.issue.as_deref()));
    if let Some(pages) = &publication.pages {
        let (first, last) = page_range(pages);
        lines.push(("SP", first));
        lines.extend(last.map(|last| ("EP", last)));
    }
    lines.extend(given("ET", work.version.as_deref()));
    lines.extend(given("DO", publication.doi.as_deref()));
    lines.extend(given("UR", publication.url.as_deref()));
    lines.extend(publication.accessed.map(|date| ("Y2", date_field(date))));
    lines.extend(type_of_work.map(|words| ("M3", words.to_owned())));
    lines.extend(given("N1", work.note.as_deref()));
    lines.push(("ER", String::new()));
    lines
        .into_iter()
        .map(|(tag, value)| format!("{tag}  - {}\r\n", one_line(&value)))
        .collect()
}

/// `Family, Given`, or an organisation's name whole.
fn author(name: &Name) -> String {
    match name {
        Name::Person {
            family,
            given: Some(given),
        } => format!("{family}, {given}"),
        Name::Person { family, given: None } => family.clone(),
        Name::Organization(name) => name.clone(),
    }
}

/// `2012/08//`, `2024/01/02/`: year, month, day, then other information.
fn date_field(date: PartialDate) -> String {
    let part = |p: Option<u8>| p.map_or(String::new(), |p| format!("{p:02}"));
    format!("{:04}/{}/{}/", date.year, part(date.month), part(date.day))
}

/// The RIS type of a work, and its type in words (`M3`) where the RIS type
/// is only generic.
fn reference_type(kind: WorkKind) -> (&'static str, Option<&'static str>) {
    use SourceKind::*;
    let source_kind = match kind {
        WorkKind::Dataset => return ("DATA", None),
        WorkKind::Source(kind) => kind,
    };
    let kind = match source_kind {
        BookChapter => "CHAP",
        JournalArticle => "JOUR",
        MagazineArticle => "MGZN",
        NewsArticle => "NEWS",
        BlogEssay => "BLOG",
        PressRelease | Interview => return ("GEN", Some(source_kind.label())),
        CompanyReport | ThinkTankReport => "RPRT",
        GovernmentReport => "GOVDOC",
        ReferenceWork => "ENCYC",
        DataFile => "DATA",
        NewsRepost | WikipediaCopy | WebPage | ForumPost => "ELEC",
    };
    (kind, None)
}
