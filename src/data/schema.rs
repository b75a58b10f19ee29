//! The dataset file format. These types are the format: `data/schema.json` is
//! generated from them, and `data/README.md` explains them to contributors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;

/// The version of the file format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

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
    pub id: String,
    pub title: String,
    /// Empty when the document names no author.
    pub authors: Vec<String>,
    /// The book, journal or site the document appears in.
    pub container: String,
    /// Year of publication; null when the document gives none (say how it was dated in `note`).
    pub published: Option<i32>,
    pub url: Option<String>,
    /// Book chapter, journal article, blog essay...
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// File name of the document's plain text, for `nkict validate --quotes DIR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
}

/// What a numeric record measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (indicator)")]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub description: String,
    pub category: Category,
}

/// Who or what a record is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (entity)")]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// The name in Korean script, where a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub korean: Option<String>,
    /// Other spellings the sources use (Shinuiju for Sinuiju).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
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

/// One dated statement from one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (record)")]
pub struct Record {
    /// Stable, unique slug.
    pub id: String,
    pub kind: RecordKind,
    pub category: Category,
    /// Short: fits a table cell.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// When it happened or held, as precisely as the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// A span of time (the Third Economic Plan, 1987-1993).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Set when the source gives no date: the record holds as of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<AsOf>,
    /// The source's own words for a loose time ("late 1990s").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// Ids of the entities the record is about.
    #[serde(default)]
    pub entities: Vec<String>,
    /// For observations: the indicator measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "figure::serialize"
    )]
    pub value: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "figure::serialize"
    )]
    pub low: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "figure::serialize"
    )]
    pub high: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Id of the source.
    pub source: String,
    /// Where in the source: a section heading or a table.
    pub locator: String,
    /// The sentence or table cell the record rests on, verbatim.
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
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
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Approx => "approx",
            Self::AtLeast => "at_least",
            Self::AtMost => "at_most",
            Self::Range => "range",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a JSON object (period)")]
pub struct Period {
    pub start: PartialDate,
    pub end: PartialDate,
}

/// What an undated record is dated by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AsOf {
    /// The text says "at present": the record holds as of its source.
    Source,
}

macro_rules! categories {
    ($($variant:ident => $slug:literal, $label:literal;)*) => {
        /// The fixed vocabulary of record categories.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum Category {
            $(#[serde(rename = $slug)] $variant,)*
        }

        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The slug used in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(Category::$variant => $slug,)* }
            }

            /// A human name for headings.
            pub fn label(self) -> &'static str {
                match self { $(Category::$variant => $label,)* }
            }
        }
    };
}

categories! {
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

impl std::str::FromStr for Category {
    type Err = String;

    fn from_str(slug: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == slug)
            .ok_or_else(|| format!("unknown category `{slug}` (expected one of: {})", Self::slugs()))
    }
}

impl Category {
    /// All slugs, comma-separated, for messages.
    pub fn slugs() -> String {
        Self::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
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

/// Figures are written as the sources print them: `1200000`, not `1200000.0`.
mod figure {
    use serde::Serializer;

    /// Whole numbers below 2^53 are exact as integers.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match *value {
            Some(v) if v.fract() == 0.0 && v.abs() < EXACT => s.serialize_i64(v as i64),
            Some(v) => s.serialize_f64(v),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_kind_slugs_match_the_file_format() {
        use EntityKind::*;
        for kind in [Country, Organization, Network, Place, Person, Product, Program] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
