//! A record's effective time: its own date or period, else its source's
//! "at present" (approximate), else none.

use crate::data::{AsOf, InfoAsOf, RecordOf, Source};

use super::YearSpan;

/// When a record holds, as far as the dataset can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    /// The record's own `date` or `period`: exact years.
    Own(YearSpan),
    /// The text speaks of the present and its source's information is as of
    /// about this year (`info_as_of.year`): placed there, marked approximate.
    Approximate(i32),
    /// No usable time: `as_of: "unknown"`, or a source with no `info_as_of`
    /// year. `after` is the source's open start (`info_as_of.after`) for a
    /// record that speaks of the present.
    Undated { after: Option<i32> },
}

impl Time {
    /// The record's time, from its own fields and its source's `info_as_of`.
    pub fn of<T>(record: &RecordOf<T>, source: &Source) -> Self {
        if let Some(span) = own_span(record) {
            return Self::Own(span);
        }
        match (record.as_of, source.info_as_of) {
            (Some(AsOf::Source), Some(InfoAsOf::Year(year))) => Self::Approximate(year),
            (Some(AsOf::Source), Some(InfoAsOf::After(year))) => Self::Undated { after: Some(year) },
            _ => Self::Undated { after: None },
        }
    }

    /// The years the record is placed at: its own, or its approximate year.
    pub fn span(self) -> Option<YearSpan> {
        match self {
            Self::Own(span) => Some(span),
            Self::Approximate(year) => Some(YearSpan { start: year, end: year }),
            Self::Undated { .. } => None,
        }
    }

    /// The years of the record's own date or period only.
    pub fn own_span(self) -> Option<YearSpan> {
        match self {
            Self::Own(span) => Some(span),
            _ => None,
        }
    }

    /// The years the record is placed at: with `own_dates_only`, only its
    /// own date or period (a record placed by its source's is undated).
    pub fn placed(self, own_dates_only: bool) -> Option<YearSpan> {
        if own_dates_only { self.own_span() } else { self.span() }
    }

    pub fn is_approximate(self) -> bool {
        matches!(self, Self::Approximate(_))
    }
}

/// The years of a record's own date or period.
pub fn own_span<T>(record: &RecordOf<T>) -> Option<YearSpan> {
    match (record.date, record.period) {
        (Some(date), _) => Some(YearSpan {
            start: date.year,
            end: date.year,
        }),
        (None, Some(period)) => Some(YearSpan {
            start: period.start.year,
            end: period.end.year,
        }),
        (None, None) => None,
    }
}
