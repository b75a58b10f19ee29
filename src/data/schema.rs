//! The dataset file format. These types are the format: `data/schema.json` is
//! generated from them, and `data/README.md` explains them to contributors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::text::StaticText;
use crate::terminal_text::quoted;

/// A fixed vocabulary: an enum whose variants are written as slugs in files,
/// with a label for people and the list of all of them.
macro_rules! vocabulary {
    ($(#[$attr:meta])* $name:ident { $($variant:ident => $slug:literal, $label:literal;)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $slug)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The slug used in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug,)* }
            }

            /// A human name: "Fiber optics", "book chapter".
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            /// The variant written `slug`.
            pub fn from_slug(slug: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == slug)
            }

            /// All slugs, comma-separated, for messages.
            pub fn slugs() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

/// The version of the file format this build writes (and reads).
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest version this build still reads (see "Reading version 1" in
/// `data/README.md`).
pub const OLDEST_READABLE_VERSION: u32 = 1;

/// A whole dataset: what `data/nkict.json` holds and what `nkict export` writes.
/// Other top-level fields (an export's `filter`, `generated_at`...) are allowed
/// and ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dataset {
    /// The version of the file format.
    #[schemars(range(min = SCHEMA_VERSION, max = SCHEMA_VERSION))]
    pub schema_version: u32,
    /// What the dataset is and how to cite it.
    #[serde(rename = "dataset", default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// What the dashboard's Overview shows first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dashboard: Option<Dashboard>,
    pub sources: Vec<Source>,
    pub indicators: Vec<Indicator>,
    pub entities: Vec<Entity>,
    pub records: Vec<Record>,
}

/// The dataset itself: what it is, who made it, and how to cite it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (dataset)")]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// One paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Free text: `2026.11`, `0.1.0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the dataset lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An SPDX id or a licence's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// How to cite the dataset, one sentence; nkict builds one from the
    /// other fields when it is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// What the dashboard's Overview shows: indicator ids, in order. Without
/// this section the Overview shows the most-observed indicators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (dashboard)")]
pub struct Dashboard {
    /// Shown first, as gauges where they are shares or rates out of a hundred.
    #[serde(default)]
    pub headline: Vec<String>,
    /// Listed as key figures.
    #[serde(default)]
    pub key_figures: Vec<String>,
}

/// One document the records rest on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (source)")]
pub struct Source {
    pub id: StaticText,
    pub title: StaticText,
    /// Empty when the document names no author.
    pub authors: Vec<StaticText>,
    /// The book, journal or site the document appears in.
    pub container: StaticText,
    /// When it was published, as precisely as known (`2012-08`); null when
    /// unknown (say in `note` what is known). Version 1's integer year is
    /// still read.
    #[serde(default, deserialize_with = "year_or_date::deserialize")]
    #[schemars(with = "Option<PartialDate>")]
    pub published: Option<PartialDate>,
    pub url: Option<StaticText>,
    /// What sort of document it is.
    pub kind: SourceKind,
    /// Who published it: "Association for Computing Machinery".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<StaticText>,
    /// The journal's volume: `"55"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<StaticText>,
    /// The journal's issue: `"8"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<StaticText>,
    /// Pages in the container: `"22-25"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<StaticText>,
    /// The DOI alone: `10.1145/2240236.2240245`, without `https://doi.org/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<StaticText>,
    /// When a web page or file was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    /// For data files: the repository holding it (`owner/name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<StaticText>,
    /// For data files: the file's path in the repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<StaticText>,
    /// For data files: the commit the file was read at (hexadecimal, full or short).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<StaticText>,
    /// For copies, reposts and data files: the publication they reproduce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<Original>,
    /// When the document's "at present" is: its records with
    /// `"as_of": "source"` hold as of this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_as_of: Option<InfoAsOf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<StaticText>,
    /// File name of the document's plain text, for `nkict validate --quotes DIR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<StaticText>,
}

impl Source {
    /// A source with only its id, title and kind: no authors, container,
    /// dates or addresses yet.
    pub fn new(id: impl Into<StaticText>, title: impl Into<StaticText>, kind: SourceKind) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            authors: Vec::new(),
            container: StaticText::default(),
            published: None,
            url: None,
            kind,
            publisher: None,
            volume: None,
            issue: None,
            pages: None,
            doi: None,
            accessed: None,
            repository: None,
            path: None,
            commit: None,
            original: None,
            info_as_of: None,
            note: None,
            text_file: None,
        }
    }
}

/// The publication a copy, repost or data file reproduces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (original publication)")]
pub struct Original {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// When a source's "at present" is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum InfoAsOf {
    /// About this year (`{ "year": 2002 }`): records that speak of the
    /// present are placed here, marked approximate.
    Year(i32),
    /// Some time after about this year (`{ "after": 2017 }`): an open start,
    /// not a year, so such records stay undated.
    After(i32),
}

impl<'de> Deserialize<'de> for InfoAsOf {
    /// Read through both fields, so that giving both (or neither) gets a
    /// message that says what to do.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            deny_unknown_fields,
            expecting = "a JSON object: { \"year\": 2002 } or { \"after\": 2017 }"
        )]
        struct Fields {
            year: Option<i32>,
            after: Option<i32>,
        }
        match Fields::deserialize(d)? {
            Fields {
                year: Some(year),
                after: None,
            } => Ok(Self::Year(year)),
            Fields {
                year: None,
                after: Some(year),
            } => Ok(Self::After(year)),
            _ => Err(serde::de::Error::custom(
                "give exactly one of `year` (about that year) and `after` (some time after that year)",
            )),
        }
    }
}

vocabulary! {
    /// The fixed vocabulary of source kinds.
    SourceKind {
        BookChapter => "book-chapter", "book chapter";
        JournalArticle => "journal-article", "journal article";
        MagazineArticle => "magazine-article", "magazine article";
        BlogEssay => "blog-essay", "blog essay";
        NewsArticle => "news-article", "news article";
        NewsRepost => "news-repost", "news repost";
        PressRelease => "press-release", "press release";
        CompanyReport => "company-report", "company report";
        ThinkTankReport => "think-tank-report", "think-tank report";
        GovernmentReport => "government-report", "government report";
        ReferenceWork => "reference-work", "reference work";
        WikipediaCopy => "wikipedia-copy", "Wikipedia copy";
        DataFile => "data-file", "data file";
        WebPage => "web-page", "web page";
        ForumPost => "forum-post", "forum post";
        Interview => "interview", "interview";
    }
}

impl std::str::FromStr for SourceKind {
    type Err = String;

    /// A slug, or version 1's free text for one ("Book chapter", "magazine
    /// column"): lower-cased, with hyphens for spaces.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // A slug, as files give it now, is its own spelling: read without
        // the three allocations that the older spellings need.
        if let Some(kind) = Self::from_slug(text) {
            return Ok(kind);
        }
        let slug = text
            .trim()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-");
        let slug = match slug.as_str() {
            "magazine-column" => "magazine-article",
            other => other,
        };
        Self::from_slug(slug).ok_or_else(|| {
            format!(
                "unknown source kind {} (expected one of: {})",
                quoted(text),
                Self::slugs()
            )
        })
    }
}

impl<'de> Deserialize<'de> for SourceKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// `published`: a partial date, or version 1's integer year.
mod year_or_date {
    use serde::{Deserialize, Deserializer};

    use crate::data::PartialDate;

    #[derive(Deserialize)]
    #[serde(untagged, expecting = "a partial date such as \"2012-08\", or a year such as 2002")]
    enum YearOrDate {
        Year(i64),
        Date(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PartialDate>, D::Error> {
        let Some(given) = Option::<YearOrDate>::deserialize(d)? else {
            return Ok(None);
        };
        let text = match given {
            YearOrDate::Year(year) => year.to_string(),
            YearOrDate::Date(text) => text,
        };
        text.parse().map(Some).map_err(serde::de::Error::custom)
    }
}

/// What a numeric record measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (indicator)")]
pub struct Indicator {
    pub id: StaticText,
    pub name: StaticText,
    pub unit: StaticText,
    /// The unit of a figure of one, where it differs from `unit`
    /// (`provider` for `providers`): English has no rule that finds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_singular: Option<StaticText>,
    pub description: StaticText,
    pub category: Category,
}

/// Who or what a record is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (entity)")]
pub struct Entity {
    pub id: StaticText,
    pub name: StaticText,
    pub kind: EntityKind,
    /// The name in Korean script: where a source gives it, or its standard
    /// form (say so in `note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub korean: Option<StaticText>,
    /// Other spellings the sources use (Shinuiju for Sinuiju).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "distinct::deserialize"
    )]
    pub aliases: Vec<StaticText>,
    /// Where a name comes from when no source gives it ("Korean name:
    /// standard form, not given by a source"), or an identification the
    /// sources do not make.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<StaticText>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Country,
    Organization,
    Network,
    Place,
    Person,
    Product,
    Program,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        Self::Country,
        Self::Organization,
        Self::Network,
        Self::Place,
        Self::Person,
        Self::Product,
        Self::Program,
    ];

    /// The slug used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Organization => "organization",
            Self::Network => "network",
            Self::Place => "place",
            Self::Person => "person",
            Self::Product => "product",
            Self::Program => "program",
        }
    }
}

/// One dated statement from one source, its text owned: what the model
/// keeps.
pub type Record = RecordOf<super::text::StaticText>;

/// A record whose text is `T`: `String` when owned ([`Record`]), or
/// [`Text`](super::text::Text) borrowed from the file where it can be, for
/// checking and sifting a large file without copying it (`data::fast`).
/// Both read the same JSON with the same rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a JSON object (record)",
    bound(deserialize = "T: Deserialize<'de> + std::ops::Deref<Target = str> + PartialEq")
)]
#[schemars(rename = "Record", description = "One dated statement from one source.")]
pub struct RecordOf<T> {
    /// Stable, unique slug.
    pub id: T,
    pub kind: RecordKind,
    pub category: Category,
    /// Short: fits a table cell.
    pub title: T,
    /// One or two sentences.
    pub summary: T,
    /// When it happened or held, as precisely as the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// A span of time (the Third Economic Plan, 1987-1993).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Set when the record has no date of its own: it holds as of its
    /// source's "at present" (`source`), or the text gives no time (`unknown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<AsOf>,
    /// The source's own words for a loose time ("late 1990s").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<T>,
    /// Ids of the entities the record is about, each once. An observation's
    /// first entity is what it measures (DPRK for a national total); other
    /// records may have none.
    #[serde(default, deserialize_with = "distinct::deserialize")]
    #[schemars(extend("default" = []))]
    pub entities: Vec<T>,
    /// For observations: the indicator measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<T>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "figure::serialize",
        deserialize_with = "figure::deserialize"
    )]
    pub value: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "figure::serialize",
        deserialize_with = "figure::deserialize"
    )]
    pub low: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "figure::serialize",
        deserialize_with = "figure::deserialize"
    )]
    pub high: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The source's words for the amount ("millions"); required for vague amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_text: Option<T>,
    /// What the source says the figure is: an estimate, unconfirmed, a projection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Id of the source.
    pub source: T,
    /// Where in the source: a section heading or a table.
    pub locator: T,
    /// The sentence or table cell the record rests on, verbatim.
    pub quote: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "distinct::deserialize"
    )]
    pub tags: Vec<T>,
}

impl<T> RecordOf<T> {
    /// The same record with each text made by `f` from its own: owned
    /// text from borrowed (`Text::copied`), or the other way round. Its
    /// lists are made in place where the texts are the same size, then
    /// cut to their length: a file's reader grows them item by item, and
    /// the room left over in every record kept of a large file adds up.
    pub fn map_text<U>(self, f: impl Fn(T) -> U) -> RecordOf<U> {
        // Copied to a block of its size, and the block it grew in freed
        // whole, for the next record's lists to grow in. Cut in place, the
        // rest of each block was a gap in the heap too small for them: 84
        // MB more memory touched as the dashboard opens a million records
        // (272,800 page faults instead of 251,600).
        let list = |list: Vec<T>| {
            let mut exact = Vec::with_capacity(list.len());
            exact.extend(list.into_iter().map(&f));
            exact
        };
        RecordOf {
            id: f(self.id),
            kind: self.kind,
            category: self.category,
            title: f(self.title),
            summary: f(self.summary),
            date: self.date,
            period: self.period,
            as_of: self.as_of,
            date_text: self.date_text.map(&f),
            entities: list(self.entities),
            indicator: self.indicator.map(&f),
            value: self.value,
            low: self.low,
            high: self.high,
            qualifier: self.qualifier,
            amount_text: self.amount_text.map(&f),
            status: self.status,
            source: f(self.source),
            locator: f(self.locator),
            quote: f(self.quote),
            note: self.note.map(&f),
            tags: list(self.tags),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// An event.
    Milestone,
    /// A measured or estimated quantity.
    Observation,
    /// A qualitative network or policy fact.
    Fact,
}

impl RecordKind {
    pub const ALL: [RecordKind; 3] = [Self::Milestone, Self::Observation, Self::Fact];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Milestone => "milestone",
            Self::Observation => "observation",
            Self::Fact => "fact",
        }
    }
}

/// How a figure relates to the truth the source claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    /// "about", "around", "some".
    Approx,
    /// "more than", "over".
    AtLeast,
    /// "up to", "less than".
    AtMost,
    /// "1,000-1,500": `low` and `high`.
    Range,
    /// "millions", "several hundred": no `value`; the words in
    /// `amount_text`, and `low`/`high` where the words imply a bound.
    Vague,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] = [
        Self::Exact,
        Self::Approx,
        Self::AtLeast,
        Self::AtMost,
        Self::Range,
        Self::Vague,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Approx => "approx",
            Self::AtLeast => "at_least",
            Self::AtMost => "at_most",
            Self::Range => "range",
            Self::Vague => "vague",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (period)")]
pub struct Period {
    pub start: PartialDate,
    pub end: PartialDate,
}

/// What the source says a figure is, beside the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The source calls it an estimate: "(2014 est.)", "estimated to be".
    Estimate,
    /// The source says it is unconfirmed.
    Unconfirmed,
    /// A forecast.
    Projection,
}

impl Status {
    pub const ALL: [Status; 3] = [Self::Estimate, Self::Unconfirmed, Self::Projection];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Estimate => "estimate",
            Self::Unconfirmed => "unconfirmed",
            Self::Projection => "projection",
        }
    }

    /// The short mark shown beside a figure.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Estimate => "est.",
            Self::Unconfirmed => "unconfirmed",
            Self::Projection => "projection",
        }
    }
}

/// What a record without its own date is dated by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AsOf {
    /// The text says "at present": the record holds as of its source's
    /// `info_as_of`.
    Source,
    /// The text gives no time and does not speak of the present.
    Unknown,
}

vocabulary! {
    /// The fixed vocabulary of record categories.
    #[derive(Deserialize)]
    Category {
        Telephony => "telephony", "Telephony";
        Mobile => "mobile", "Mobile";
        Internet => "internet", "Internet";
        Intranet => "intranet", "Intranet";
        Fiber => "fiber", "Fiber optics";
        InternationalLinks => "international-links", "International links";
        Computing => "computing", "Computing";
        Software => "software", "Software";
        Workforce => "workforce", "Workforce";
        Education => "education", "Education";
        Organizations => "organizations", "Organizations";
        Policy => "policy", "Policy";
        MilitaryCyber => "military-cyber", "Military & cyber";
        Outsourcing => "outsourcing", "Outsourcing";
        SpecialZones => "special-zones", "Special zones";
        InterKorean => "inter-korean", "Inter-Korean";
        Economy => "economy", "Economy";
    }
}

impl std::str::FromStr for Category {
    type Err = String;

    fn from_str(slug: &str) -> Result<Self, Self::Err> {
        Self::from_slug(slug).ok_or_else(|| format!("unknown category `{slug}` (expected one of: {})", Self::slugs()))
    }
}

impl std::str::FromStr for RecordKind {
    type Err = String;

    fn from_str(slug: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == slug)
            .ok_or_else(|| format!("unknown kind `{slug}` (expected milestone, observation or fact)"))
    }
}

/// Figures are written as the sources print them: `1200000`, not
/// `1200000.0`; and read only when a double holds them as written.
pub(crate) mod figure {
    use std::fmt;

    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    /// Whole numbers below 2^53 are exact as integers.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    /// Figures are smaller than 2^63 in size. Within that bound serde_json
    /// hands every integer literal over as an integer (`visit_u64`,
    /// `visit_i64`), so that one a double cannot hold is caught; beyond it,
    /// an integer literal arrives already rounded.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;

    pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match *value {
            Some(v) if v.fract() == 0.0 && v.abs() < EXACT => s.serialize_i64(v as i64),
            Some(v) => s.serialize_f64(v),
            None => s.serialize_none(),
        }
    }

    /// A figure, or `null`. Refused: `-0` (no source writes it, and it would
    /// show as 0), a figure of 2^63 or more in size, and an integer from 2^53
    /// up that a double cannot hold (`9007199254740993` would silently
    /// become ...992). A literal with a fraction or an exponent (`1.5e18`)
    /// is taken as the nearest double, as every JSON reader takes it.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_option(Optional)
    }

    struct Optional;

    impl<'de> Visitor<'de> for Optional {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("f64")
        }

        fn visit_none<E: Error>(self) -> Result<Option<f64>, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Option<f64>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<f64>, D::Error> {
            d.deserialize_f64(Figure).map(Some)
        }
    }

    struct Figure;

    impl Visitor<'_> for Figure {
        type Value = f64;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("f64")
        }

        fn visit_u64<E: Error>(self, n: u64) -> Result<f64, E> {
            integer(u128::from(n), n as f64, "")
        }

        fn visit_i64<E: Error>(self, n: i64) -> Result<f64, E> {
            let sign = if n < 0 { "-" } else { "" };
            integer(u128::from(n.unsigned_abs()), n as f64, sign)
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<f64, E> {
            if value == 0.0 && value.is_sign_negative() {
                return Err(E::custom("`-0` is not a figure: write 0"));
            }
            if value.abs() >= LIMIT {
                return Err(too_large(&format!("{value:e}")));
            }
            Ok(value)
        }
    }

    /// An integer literal of size `magnitude`, read as the double `value`.
    fn integer<E: Error>(magnitude: u128, value: f64, sign: &str) -> Result<f64, E> {
        if value.abs() >= LIMIT {
            return Err(too_large(&format!("{sign}{magnitude}")));
        }
        if value.abs() as u128 != magnitude {
            return Err(E::custom(format!(
                "`{sign}{magnitude}` cannot be kept exactly: from 2^53 (9,007,199,254,740,992) up, \
                 not every integer is a double, and this one would read as {sign}{}",
                value.abs() as u128
            )));
        }
        Ok(value)
    }

    fn too_large<E: Error>(figure: &str) -> E {
        E::custom(format!(
            "`{figure}` is too large for a figure: figures are smaller than 2^63 (about 9.2e18)"
        ))
    }
}

/// A list whose items are each given once and show something: an entity
/// listed twice or an empty tag is a mistake, and refusing it as the list is
/// read keeps a file of a million `""` from filling the memory.
mod distinct {
    use std::collections::HashSet;
    use std::fmt;
    use std::hash::{BuildHasher, RandomState};
    use std::marker::PhantomData;
    use std::ops::Deref;

    use serde::de::{Error, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    use super::super::text::blank_reason;
    use crate::terminal_text::quoted;

    pub fn deserialize<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Deref<Target = str> + PartialEq,
    {
        d.deserialize_seq(Distinct(PhantomData))
    }

    struct Distinct<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + Deref<Target = str> + PartialEq> Visitor<'de> for Distinct<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items: Vec<T> = Vec::new();
            // Hashes of the items so far, once there are more than a few: a
            // repeat is found in one look-up, then confirmed against the
            // items (a hash may collide). A short list is compared item by item.
            const SHORT: usize = 8;
            let hasher = RandomState::new();
            let mut seen = HashSet::new();
            while let Some(item) = seq.next_element::<T>()? {
                if let Some(reason) = blank_reason(&item) {
                    return Err(A::Error::custom(format!("item {} {reason}", items.len() + 1)));
                }
                if items.len() == SHORT {
                    seen.extend(items.iter().map(|seen| hasher.hash_one(&**seen)));
                }
                let repeated = if items.len() < SHORT {
                    items.contains(&item)
                } else {
                    !seen.insert(hasher.hash_one(&*item)) && items.contains(&item)
                };
                if repeated {
                    return Err(A::Error::custom(format!("{} is listed twice", quoted(&item))));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_its_lists_in_288_bytes() {
        let record: Record = serde_json::from_str(
            r#"{"id": "r", "kind": "fact", "category": "mobile", "title": "T", "summary": "S",
            "entities": ["a", "b", "c", "d", "e"], "source": "s", "locator": "L", "quote": "Q",
            "tags": ["x"]}"#,
        )
        .unwrap();
        assert_eq!(record.entities, ["a", "b", "c", "d", "e"]);
        assert_eq!(record.tags, ["x"]);
        // Ten texts of 16 bytes, the lists' 48, the dates' and figures'.
        assert_eq!(size_of::<Record>(), 288);
    }

    #[test]
    fn entity_kind_slugs_match_the_file_format() {
        use EntityKind::*;
        for kind in [Country, Organization, Network, Place, Person, Product, Program] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[derive(Debug, Deserialize)]
    struct Figures {
        #[serde(default, deserialize_with = "figure::deserialize")]
        value: Option<f64>,
    }

    fn figure_from(json: &str) -> Result<Option<f64>, String> {
        serde_json::from_str::<Figures>(&format!(r#"{{"value": {json}}}"#))
            .map(|f| f.value)
            .map_err(|err| err.to_string())
    }

    #[test]
    fn figures_are_read_as_written() {
        assert_eq!(figure_from("1200000"), Ok(Some(1_200_000.0)));
        assert_eq!(figure_from("4.6"), Ok(Some(4.6)));
        assert_eq!(figure_from("-12"), Ok(Some(-12.0)));
        assert_eq!(figure_from("0"), Ok(Some(0.0)));
        assert_eq!(figure_from("null"), Ok(None));
        assert_eq!(figure_from("1.5e18"), Ok(Some(1.5e18)));
        assert_eq!(figure_from("9007199254740992"), Ok(Some(9_007_199_254_740_992.0)));
        assert_eq!(figure_from("9007199254740994"), Ok(Some(9_007_199_254_740_994.0)));
        assert_eq!(figure_from("-9007199254740992"), Ok(Some(-9_007_199_254_740_992.0)));
        assert_eq!(
            figure_from("4611686018427387904"),
            Ok(Some(4_611_686_018_427_387_904.0))
        );
        assert_eq!(figure_from("5e-324"), Ok(Some(5e-324)));
        let from_value: Figures = serde_json::from_value(serde_json::json!({ "value": 7 })).unwrap();
        assert_eq!(from_value.value, Some(7.0));
    }

    #[test]
    fn figures_a_double_cannot_hold_as_written_are_refused() {
        assert_eq!(
            figure_from("9007199254740993").unwrap_err(),
            "`9007199254740993` cannot be kept exactly: from 2^53 (9,007,199,254,740,992) up, \
             not every integer is a double, and this one would read as 9007199254740992 at line 1 column 26"
        );
        assert!(
            figure_from("-9007199254740993")
                .unwrap_err()
                .contains("would read as -9007199254740992")
        );
        for too_large in [
            "9223372036854775808",
            "18446744073709551617",
            "-9223372036854775809",
            "1e19",
            "1e300",
        ] {
            let err = figure_from(too_large).unwrap_err();
            assert!(err.contains("is too large for a figure"), "{too_large}: {err}");
        }
        assert_eq!(
            figure_from("1e19").unwrap_err(),
            "`1e19` is too large for a figure: figures are smaller than 2^63 (about 9.2e18) at line 1 column 14"
        );
        for zero in ["-0", "-0.0", "-0e3"] {
            assert!(
                figure_from(zero)
                    .unwrap_err()
                    .starts_with("`-0` is not a figure: write 0"),
                "{zero}"
            );
        }
        assert!(
            figure_from("\"100\"")
                .unwrap_err()
                .starts_with("invalid type: string \"100\", expected f64")
        );
    }
}
