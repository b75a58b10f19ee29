//! CSL-JSON, the input of citeproc (Zotero, pandoc, Mendeley): an array of
//! items with CSL 1.0.1 types, names split into `family` and `given` (or an
//! organisation's `literal`), and dates as `date-parts` of integers,
//! only as precise as the source gives them.

use serde::Serialize;

use super::{Name, Work, WorkKind};
use crate::data::{PartialDate, SourceKind};

pub fn write(works: &[Work]) -> String {
    let items: Vec<Item> = works.iter().map(Item::new).collect();
    let mut json = serde_json::to_string_pretty(&items).expect("CSL items are plain data");
    json.push('\n');
    json
}

/// One work as a CSL-JSON item (pretty-printed), for copying one citation.
pub fn item(work: &Work) -> String {
    serde_json::to_string_pretty(&Item::new(work)).expect("CSL items are plain data")
}

/// A CSL-JSON item; field names as CSL spells them.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum CslName<'a> {
    Person {
        family: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        given: Option<&'a str>,
    },
    Literal {
        literal: &'a str,
    },
}

/// `{"date-parts": [[2012, 8]]}`: year, then month and day where known.
#[derive(Serialize)]
struct DateParts {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i32>; 1],
}

impl DateParts {
    fn new(date: PartialDate) -> Self {
        let parts = [Some(date.year), date.month.map(i32::from), date.day.map(i32::from)];
        Self {
            date_parts: [parts.into_iter().map_while(|part| part).collect()],
        }
    }
}

impl<'a> Item<'a> {
    fn new(work: &'a Work) -> Self {
        let (kind, genre) = item_type(work.kind);
        Self {
            id: &work.key,
            kind,
            genre,
            author: work
                .authors
                .iter()
                .map(|name| match name {
                    Name::Person { family, given } => CslName::Person {
                        family,
                        given: given.as_deref(),
                    },
                    Name::Organization(literal) => CslName::Literal { literal },
                })
                .collect(),
            title: &work.publication.title,
            container_title: work.container(),
            publisher: work.publication.publisher.as_deref(),
            issued: work.publication.published.map(DateParts::new),
            volume: work.publication.volume.as_deref(),
            issue: work.publication.issue.as_deref(),
            page: work.publication.pages.as_deref(),
            version: work.version.as_deref(),
            doi: work.publication.doi.as_deref(),
            url: work.publication.url.as_deref(),
            accessed: work.publication.accessed.map(DateParts::new),
            note: work.note.as_deref(),
        }
    }
}

/// The CSL type of a work, and a genre where the type alone says too little.
fn item_type(kind: WorkKind) -> (&'static str, Option<&'static str>) {
    use SourceKind::*;
    let source_kind = match kind {
        WorkKind::Dataset => return ("dataset", None),
        WorkKind::Source(kind) => kind,
    };
    let kind = match source_kind {
        BookChapter => "chapter",
        JournalArticle => "article-journal",
        MagazineArticle => "article-magazine",
        NewsArticle => "article-newspaper",
        BlogEssay => "post-weblog",
        ForumPost => "post",
        // APA's CSL styles cite a press release as a report of that genre.
        PressRelease => return ("report", Some("Press release")),
        CompanyReport | ThinkTankReport | GovernmentReport => "report",
        ReferenceWork => "entry-encyclopedia",
        DataFile => "dataset",
        Interview => "interview",
        NewsRepost | WikipediaCopy | WebPage => "webpage",
    };
    (kind, None)
}
