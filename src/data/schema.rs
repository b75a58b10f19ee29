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
    pub sources: Vec<Source>,
    pub indicators: Vec<Indicator>,
    pub entities: Vec<Entity>,
    pub records: Vec<Record>,
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
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "distinct::deserialize"
    )]
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
    /// Ids of the entities the record is about, each once; an observation's
    /// first is what it measures. Optional (empty) for other records.
    #[serde(default, deserialize_with = "distinct::deserialize")]
    pub entities: Vec<String>,
    /// For observations: the indicator measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
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
    /// Id of the source.
    pub source: String,
    /// Where in the source: a section heading or a table.
    pub locator: String,
    /// The sentence or table cell the record rests on, verbatim.
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "distinct::deserialize"
    )]
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

/// Figures are written as the sources print them: `1200000`, not
/// `1200000.0`; and read only when a double holds them as written.
mod figure {
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

    use serde::Deserializer;
    use serde::de::{Error, SeqAccess, Visitor};

    use super::super::text::blank_reason;
    use crate::terminal_text::quoted;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_seq(Distinct)
    }

    struct Distinct;

    impl<'de> Visitor<'de> for Distinct {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut items: Vec<String> = Vec::new();
            // Hashes of the items so far: a repeat is found in one look-up,
            // then confirmed against the items (a hash may collide).
            let hasher = RandomState::new();
            let mut seen = HashSet::new();
            while let Some(item) = seq.next_element::<String>()? {
                if let Some(reason) = blank_reason(&item) {
                    return Err(A::Error::custom(format!("item {} {reason}", items.len() + 1)));
                }
                if !seen.insert(hasher.hash_one(&item)) && items.contains(&item) {
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
