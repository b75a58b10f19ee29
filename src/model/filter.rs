//! What the user narrowed the dataset to. The same filter drives the command
//! line, the dashboard and the export document.

use serde::{Deserialize, Serialize};

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
        self.from.is_some() || self.to.is_some()
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The year range as people write it: `1990-2002`, `1995-`, `-2000`, `1997`.
    pub fn years_label(&self) -> Option<String> {
        match (self.from, self.to) {
            (None, None) => None,
            (Some(a), Some(b)) if a == b => Some(a.to_string()),
            (from, to) => Some(format!(
                "{}-{}",
                from.map_or(String::new(), |y| y.to_string()),
                to.map_or(String::new(), |y| y.to_string())
            )),
        }
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

/// Parses a year range as typed in the dashboard: `1990-2002`, `1995-`,
/// `-2000`, `1997`; empty text clears the range.
pub fn parse_year_range(text: &str) -> Result<(Option<i32>, Option<i32>), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok((None, None));
    }
    let year = |part: &str| -> Result<Option<i32>, String> {
        let part = part.trim();
        if part.is_empty() {
            return Ok(None);
        }
        match part.parse::<i32>() {
            Ok(y) if (1000..=9999).contains(&y) => Ok(Some(y)),
            _ => Err(format!("`{part}` is not a four-digit year")),
        }
    };
    let (from, to) = match text.split_once(['-', '–']) {
        Some((a, b)) => (year(a)?, year(b)?),
        None => {
            let y = year(text)?;
            (y, y)
        }
    };
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(format!("the range starts ({a}) after it ends ({b})"));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_year_range_form() {
        assert_eq!(parse_year_range("1990-2002"), Ok((Some(1990), Some(2002))));
        assert_eq!(parse_year_range(" 1995- "), Ok((Some(1995), None)));
        assert_eq!(parse_year_range("-2000"), Ok((None, Some(2000))));
        assert_eq!(parse_year_range("1997"), Ok((Some(1997), Some(1997))));
        assert_eq!(parse_year_range(""), Ok((None, None)));
        assert_eq!(parse_year_range("1990–2002"), Ok((Some(1990), Some(2002))));
    }

    #[test]
    fn rejects_bad_year_ranges_with_a_reason() {
        assert!(parse_year_range("2002-1990").unwrap_err().contains("after it ends"));
        assert!(parse_year_range("19x0").unwrap_err().contains("four-digit"));
        assert!(parse_year_range("99").is_err());
        assert!(parse_year_range("1990-2000-2010").is_err());
    }

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
