//! Year ranges and their rules, in one place: the command line's `--from`
//! and `--to`, the dashboard's years prompt and its `[ ] { }` nudges all go
//! through `YearRange`, so all three accept the same years.

/// Years are four-digit years: what people type, and what `--from` takes.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A range of years, either end open; both ends are four-digit years and the
/// first is not after the last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearRange {
    from: Option<i32>,
    to: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YearError {
    #[error("`{0}` is not a four-digit year")]
    NotAYear(String),
    #[error("the range starts ({from}) after it ends ({to})")]
    Backwards { from: i32, to: i32 },
}

/// A year as typed: four digits, 1000 to 9999.
pub fn parse_year(text: &str) -> Result<i32, YearError> {
    let text = text.trim();
    match text.parse::<i32>() {
        Ok(year) if YEARS.contains(&year) => Ok(year),
        _ => Err(YearError::NotAYear(text.to_owned())),
    }
}

fn check_year(year: i32) -> Result<i32, YearError> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(YearError::NotAYear(year.to_string()))
    }
}

impl YearRange {
    /// Every year: no range.
    pub const ALL: Self = Self { from: None, to: None };

    pub fn new(from: Option<i32>, to: Option<i32>) -> Result<Self, YearError> {
        let from = from.map(check_year).transpose()?;
        let to = to.map(check_year).transpose()?;
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(YearError::Backwards { from, to });
        }
        Ok(Self { from, to })
    }

    /// A range whose years come from a `Filter`, to label or to shift: its
    /// ends are checked when the range changes, not here.
    pub(super) fn unchecked(from: Option<i32>, to: Option<i32>) -> Self {
        Self { from, to }
    }

    /// Parses a range as typed: `1990-2002`, `1995-`, `-2000`, `1997`, a
    /// decade `1990s`; empty text is every year.
    pub fn parse(text: &str) -> Result<Self, YearError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Self::ALL);
        }
        if let Some(decade) = text.strip_suffix('s')
            && let Ok(first) = parse_year(decade)
            && first % 10 == 0
        {
            return Self::new(Some(first), Some(first + 9));
        }
        let end = |part: &str| -> Result<Option<i32>, YearError> {
            match part.trim() {
                "" => Ok(None),
                year => parse_year(year).map(Some),
            }
        };
        match text.split_once(['-', '–']) {
            Some((from, to)) => Self::new(end(from)?, end(to)?),
            None => {
                let year = parse_year(text)?;
                Ok(Self {
                    from: Some(year),
                    to: Some(year),
                })
            }
        }
    }

    pub fn from(self) -> Option<i32> {
        self.from
    }

    pub fn to(self) -> Option<i32> {
        self.to
    }

    pub fn is_all(self) -> bool {
        self == Self::ALL
    }

    /// The range as people write it: `1990-2002`, `1995-`, `-2000`, `1997`;
    /// `None` for every year.
    pub fn label(self) -> Option<String> {
        let year = |y: Option<i32>| y.map_or(String::new(), |y| y.to_string());
        match (self.from, self.to) {
            (None, None) => None,
            (Some(a), Some(b)) if a == b => Some(a.to_string()),
            (from, to) => Some(format!("{}-{}", year(from), year(to))),
        }
    }

    /// The range with its first year moved by `from_by` and its last by
    /// `to_by`. An open end that moves starts from `open` (the data's first
    /// or last year): inwards it moves from there, outwards it stops there
    /// (an open end reaches past the data already); one that does not move
    /// stays open.
    pub fn shifted(self, from_by: i32, to_by: i32, open: (i32, i32)) -> Result<Self, YearError> {
        let from = match self.from {
            Some(from) => from.saturating_add(from_by),
            None => open.0.saturating_add(from_by.max(0)),
        };
        let to = match self.to {
            Some(to) => to.saturating_add(to_by),
            None => open.1.saturating_add(to_by.min(0)),
        };
        if from > to {
            return Err(YearError::Backwards { from, to });
        }
        check_year(from)?;
        check_year(to)?;
        Ok(Self {
            from: if from_by == 0 { self.from } else { Some(from) },
            to: if to_by == 0 { self.to } else { Some(to) },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: Option<i32>, to: Option<i32>) -> YearRange {
        YearRange { from, to }
    }

    #[test]
    fn parses_every_form_people_type() {
        assert_eq!(YearRange::parse("1990-2002"), Ok(range(Some(1990), Some(2002))));
        assert_eq!(YearRange::parse(" 1995- "), Ok(range(Some(1995), None)));
        assert_eq!(YearRange::parse("-2000"), Ok(range(None, Some(2000))));
        assert_eq!(YearRange::parse("1997"), Ok(range(Some(1997), Some(1997))));
        assert_eq!(YearRange::parse(" 1990 – 2002 "), Ok(range(Some(1990), Some(2002))));
        assert_eq!(YearRange::parse(""), Ok(YearRange::ALL));
        assert_eq!(YearRange::parse(" 1990s "), Ok(range(Some(1990), Some(1999))));
    }

    #[test]
    fn refuses_what_is_not_a_four_digit_range_and_says_why() {
        let err = |text: &str| YearRange::parse(text).unwrap_err().to_string();
        assert_eq!(err("2002-1990"), "the range starts (2002) after it ends (1990)");
        assert_eq!(err("19x0"), "`19x0` is not a four-digit year");
        assert_eq!(err("99"), "`99` is not a four-digit year");
        assert_eq!(err("10000"), "`10000` is not a four-digit year");
        assert_eq!(err("1990-2000-2010"), "`2000-2010` is not a four-digit year");
        assert_eq!(err("１９９０"), "`１９９０` is not a four-digit year");
        assert_eq!(err("1995s"), "`1995s` is not a four-digit year");
        assert_eq!(parse_year("0999"), Err(YearError::NotAYear("0999".into())));
        assert_eq!(parse_year(" 1000 "), Ok(1000));
        assert_eq!(
            YearRange::new(Some(2000), Some(1990)),
            Err(YearError::Backwards { from: 2000, to: 1990 })
        );
    }

    #[test]
    fn labels_read_back_as_the_same_range() {
        for (from, to, label) in [
            (Some(1990), Some(2002), "1990-2002"),
            (Some(1995), None, "1995-"),
            (None, Some(2000), "-2000"),
            (Some(1997), Some(1997), "1997"),
        ] {
            let years = range(from, to);
            assert_eq!(years.label().as_deref(), Some(label));
            assert_eq!(YearRange::parse(label), Ok(years));
        }
        assert_eq!(YearRange::ALL.label(), None);
    }

    #[test]
    fn shifts_one_end_from_the_data_when_open_and_keeps_the_rules() {
        let data = (1950, 2009);
        assert_eq!(YearRange::ALL.shifted(1, 0, data), Ok(range(Some(1951), None)));
        assert_eq!(YearRange::ALL.shifted(0, -1, data), Ok(range(None, Some(2008))));
        // Outwards, an open end stops at the data's own year.
        assert_eq!(YearRange::ALL.shifted(-1, 0, data), Ok(range(Some(1950), None)));
        assert_eq!(YearRange::ALL.shifted(0, 1, data), Ok(range(None, Some(2009))));
        let nineties = range(Some(1990), Some(2002));
        assert_eq!(nineties.shifted(-1, 0, data), Ok(range(Some(1989), Some(2002))));
        let one = range(Some(1997), Some(1997));
        assert_eq!(
            one.shifted(1, 0, data),
            Err(YearError::Backwards { from: 1998, to: 1997 })
        );
        assert_eq!(
            one.shifted(0, -1, data),
            Err(YearError::Backwards { from: 1997, to: 1996 })
        );
        let edge = range(Some(1000), Some(9999));
        assert_eq!(edge.shifted(-1, 0, data), Err(YearError::NotAYear("999".into())));
        assert_eq!(edge.shifted(0, 1, data), Err(YearError::NotAYear("10000".into())));
    }
}
