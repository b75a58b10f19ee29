//! What the user narrowed the dataset to. The same filter drives the command
//! line, the dashboard and the export document.

use serde::{Deserialize, Serialize};

use super::years::YearRange;
use crate::data::{Category, RecordKind};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// First year, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// Last year, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
    /// Keep records without a date even when a year range is set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub include_undated: bool,
    /// Place records by their own dates only: a record dated only by its
    /// source's "at present" (c. 2002) counts as undated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_dates_only: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<RecordKind>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Case-insensitive text to find in a record (title, summary, quote, tags)
    /// or the names of its entities. Text that names an entity also finds
    /// records using another of its names: `Sinuiju` finds `Shinuiju`, and
    /// `고려링크` finds `Koryolink`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub search: String,
}

impl Filter {
    pub fn has_year_range(&self) -> bool {
        !self.years().is_all()
    }

    /// Whether records without a place in time are kept: with no year
    /// range, or when asked for.
    pub fn shows_undated(&self) -> bool {
        !self.has_year_range() || self.include_undated
    }

    /// Whether only the year range (and how records are placed in it)
    /// sets records apart: no facet, no search. Told by comparison with a
    /// filter of those fields alone, so that a field added later counts
    /// as a facet.
    pub(crate) fn is_of_years_alone(&self) -> bool {
        *self
            == Self {
                from: self.from,
                to: self.to,
                include_undated: self.include_undated,
                own_dates_only: self.own_dates_only,
                ..Self::default()
            }
    }

    /// Whether only the year range and a search set records apart: as
    /// `is_of_years_alone`, with the search too.
    pub(crate) fn is_of_years_and_search_alone(&self) -> bool {
        Self {
            search: String::new(),
            ..self.clone()
        }
        .is_of_years_alone()
    }

    /// Whether a record's time alone tells whether it is kept: a filter of
    /// years alone that places records by their own or their sources'
    /// dates alike.
    pub(crate) fn is_told_by_time_alone(&self) -> bool {
        self.is_of_years_alone() && !self.own_dates_only
    }

    /// The year range, as the rules of `YearRange` see it.
    pub fn years(&self) -> YearRange {
        YearRange::unchecked(self.from, self.to)
    }

    pub fn set_years(&mut self, years: YearRange) {
        self.from = years.from();
        self.to = years.to();
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The year range as people write it: `1990-2002`, `1995-`, `-2000`, `1997`.
    pub fn years_label(&self) -> Option<String> {
        self.years().label()
    }

    /// The `nkict` flags that reproduce this filter, e.g. `--from 1990 --to 2002`.
    pub fn to_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut flag = |name: &str, value: String| {
            args.push(format!("--{name}"));
            args.push(value);
        };
        if let Some(from) = self.from {
            flag("from", from.to_string());
        }
        if let Some(to) = self.to {
            flag("to", to.to_string());
        }
        for c in &self.categories {
            flag("category", c.as_str().to_owned());
        }
        for k in &self.kinds {
            flag("kind", k.as_str().to_owned());
        }
        for s in &self.sources {
            flag("source", s.clone());
        }
        for e in &self.entities {
            flag("entity", e.clone());
        }
        if let Some(i) = &self.indicator {
            flag("indicator", i.clone());
        }
        if !self.search.is_empty() {
            flag("search", self.search.clone());
        }
        if self.include_undated {
            args.push("--include-undated".into());
        }
        if self.own_dates_only {
            args.push("--own-dates".into());
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_reproduce_the_filter() {
        let filter = Filter {
            from: Some(1990),
            to: Some(2002),
            categories: vec![Category::Fiber],
            search: "Sinuiju".into(),
            ..Filter::default()
        };
        assert_eq!(
            filter.to_args().join(" "),
            "--from 1990 --to 2002 --category fiber --search Sinuiju"
        );
        assert_eq!(filter.years_label().as_deref(), Some("1990-2002"));
    }
}
