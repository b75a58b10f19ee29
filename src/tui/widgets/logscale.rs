//! A logarithmic axis laid over terminal columns, and the one-line bars the
//! Estimates view draws on it: where a figure falls, how its qualifier ends
//! the bar, and the tick labels printed above.

use crate::data::{Qualifier, Record};
use crate::tui::axis::{compact, decade_ceil, decade_floor};

/// An axis from `10^lo` to `10^hi` over `columns` columns: column 0 is
/// `10^lo`, column `columns - 1` is `10^hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogAxis {
    pub lo: i32,
    pub hi: i32,
    pub columns: usize,
}

/// Where a value falls on an axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Below the axis, or not positive (a log axis has no zero).
    Below,
    At(usize),
    Above,
}

impl LogAxis {
    /// The whole decades around the positive `values`; `None` when none is.
    pub fn fit(values: impl IntoIterator<Item = f64>, columns: usize) -> Option<Self> {
        let (min, max) = values.into_iter().filter(|v| v.is_finite() && *v > 0.0).fold(
            None,
            |acc: Option<(f64, f64)>, v| match acc {
                None => Some((v, v)),
                Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
            },
        )?;
        let lo = decade_floor(min);
        let hi = decade_ceil(max).max(lo + 1);
        Some(Self { lo, hi, columns })
    }

    /// The column `value` falls on, rounded to the nearest.
    pub fn place(&self, value: f64) -> Place {
        if !(value.is_finite() && value > 0.0) {
            return Place::Below;
        }
        let t = (value.log10() - self.lo as f64) / (self.hi - self.lo) as f64;
        // A hair of tolerance so 10^hi itself is on the axis despite rounding.
        if t < -1e-9 {
            Place::Below
        } else if t > 1.0 + 1e-9 {
            Place::Above
        } else {
            let last = self.columns.saturating_sub(1) as f64;
            Place::At((t.clamp(0.0, 1.0) * last).round() as usize)
        }
    }

    /// Each power of ten on the axis and its column.
    pub fn ticks(&self) -> Vec<(usize, f64)> {
        (self.lo..=self.hi)
            .map(|d| {
                let value = 10f64.powi(d);
                let column = match self.place(value) {
                    Place::At(c) => c,
                    Place::Below => 0,
                    Place::Above => self.columns.saturating_sub(1),
                };
                (column, value)
            })
            .collect()
    }

    /// The tick labels as one line `width` columns wide, each label starting
    /// at its tick's column; labels that would collide are left out (the
    /// first and the last are kept when they fit).
    pub fn tick_labels(&self, width: usize) -> String {
        let mut line = vec![' '; width];
        let ticks = self.ticks();
        let mut next_free = 0;
        for (i, (column, value)) in ticks.iter().enumerate() {
            let label: Vec<char> = compact(*value).chars().collect();
            let end = column + label.len();
            let is_last = i + 1 == ticks.len();
            // Leave room for the last label unless this is it.
            let reserved = if is_last {
                width
            } else {
                ticks.last().map_or(width, |(c, _)| *c).saturating_sub(1)
            };
            if *column < next_free || end > width || (end > reserved && !is_last) {
                continue;
            }
            line[*column..end].copy_from_slice(&label);
            next_free = end + 1;
        }
        line.into_iter().collect()
    }
}

/// The glyphs a claim's bar is drawn with; `LEGEND` explains them.
pub const BODY: char = '━';
pub const EXACT: char = '●';
pub const APPROX: char = '~';
pub const AT_LEAST: char = '▶';
pub const AT_MOST: char = '◀';
pub const RANGE_LOW: char = '├';
pub const RANGE_HIGH: char = '┤';
pub const OFF_LOW: char = '«';
pub const OFF_HIGH: char = '»';
pub const TICK: char = '·';

/// The glyphs, as the one-line legend shows them.
pub const LEGEND: &[(&str, &str)] = &[
    ("●", "exact"),
    ("~", "about"),
    ("▶", "more than"),
    ("◀", "up to"),
    ("├━┤", "range"),
    ("«»", "off the axis"),
];

/// A claim's bar on `axis`, one char per column (`axis.columns` plus one
/// column after the axis for `»`). Bars run from the axis' left end to the
/// figure and end in the qualifier's glyph; a range is a span from its low
/// to its high bound. Empty columns are spaces, except decade ticks (`·`).
/// `None` when the record has no figure to draw.
pub fn bar(record: &Record, axis: &LogAxis) -> Option<Vec<char>> {
    let width = axis.columns + 1;
    let mut cells = vec![' '; width];
    for (column, _) in axis.ticks() {
        cells[column] = TICK;
    }
    let last = axis.columns.saturating_sub(1);
    let qualifier = record.qualifier?;
    // A vague amount is drawn by its bounds, never as a point.
    if matches!(qualifier, Qualifier::Range | Qualifier::Vague) {
        let (low, high) = (record.low?, record.high?);
        match (axis.place(low), axis.place(high)) {
            (Place::Above, _) => cells[width - 1] = OFF_HIGH,
            (_, Place::Below) => cells[0] = OFF_LOW,
            (low, high) => {
                let start = match low {
                    Place::At(c) => c,
                    _ => 0,
                };
                let (end, open) = match high {
                    Place::At(c) => (c.max(start + 1).min(width - 1), false),
                    _ => (width - 1, true),
                };
                cells[start..=end].fill(BODY);
                cells[start] = if low == Place::Below { OFF_LOW } else { RANGE_LOW };
                cells[end] = if open { OFF_HIGH } else { RANGE_HIGH };
            }
        }
        return Some(cells);
    }
    let value = record.value?;
    let end = match qualifier {
        Qualifier::Exact => EXACT,
        Qualifier::Approx => APPROX,
        Qualifier::AtLeast => AT_LEAST,
        Qualifier::AtMost => AT_MOST,
        Qualifier::Range | Qualifier::Vague => unreachable!("handled above"),
    };
    match axis.place(value) {
        Place::Below => cells[0] = OFF_LOW,
        Place::At(c) => {
            cells[..c].fill(BODY);
            cells[c] = end;
        }
        Place::Above => {
            cells[..=last].fill(BODY);
            cells[width - 1] = OFF_HIGH;
        }
    }
    Some(cells)
}

/// The values a claim spans, for fitting an axis: its bounds or its figure.
pub fn claim_values(record: &Record) -> impl Iterator<Item = f64> {
    [record.value, record.low, record.high].into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(qualifier: Qualifier, value: Option<f64>, low: Option<f64>, high: Option<f64>) -> Record {
        let json = serde_json::json!({
            "id": "x", "kind": "observation", "category": "workforce", "title": "t", "summary": "s",
            "as_of": "source", "source": "s", "locator": "l", "quote": "q",
        });
        let mut r: Record = serde_json::from_value(json).unwrap();
        r.qualifier = Some(qualifier);
        r.value = value;
        r.low = low;
        r.high = high;
        r
    }

    #[test]
    fn fits_whole_decades_around_the_figures() {
        let axis = LogAxis::fit([60.0, 1000.0, 100_000.0], 17).unwrap();
        assert_eq!((axis.lo, axis.hi), (1, 5));
        let axis = LogAxis::fit([1000.0, 1000.0], 10).unwrap();
        assert_eq!((axis.lo, axis.hi), (3, 4), "a single value still gets one decade");
        assert_eq!(LogAxis::fit([0.0, -3.0, f64::NAN], 10), None);
    }

    #[test]
    fn places_decades_evenly_and_values_between_them_by_their_logarithm() {
        // 10..100k over 17 columns: four decades, four columns each.
        let axis = LogAxis {
            lo: 1,
            hi: 5,
            columns: 17,
        };
        let columns: Vec<usize> = axis.ticks().iter().map(|t| t.0).collect();
        assert_eq!(columns, [0, 4, 8, 12, 16]);
        assert_eq!(axis.place(10.0), Place::At(0));
        assert_eq!(axis.place(100_000.0), Place::At(16));
        // log10(60) = 1.78: 0.78 of a decade past 10 is 3.1 columns.
        assert_eq!(axis.place(60.0), Place::At(3));
        // Equal ratios are equal distances: 1,000 to 10,000 as 10 to 100.
        let d = |a: f64, b: f64| match (axis.place(a), axis.place(b)) {
            (Place::At(x), Place::At(y)) => y - x,
            _ => panic!("off the axis"),
        };
        assert_eq!(d(1_000.0, 10_000.0), d(10.0, 100.0));
        assert_eq!(axis.place(5.0), Place::Below);
        assert_eq!(axis.place(0.0), Place::Below);
        assert_eq!(axis.place(2_000_000.0), Place::Above);
    }

    #[test]
    fn prints_tick_labels_at_their_columns() {
        let axis = LogAxis {
            lo: 1,
            hi: 5,
            columns: 17,
        };
        assert_eq!(axis.tick_labels(20), "10  100 1k  10k 100k");
        // Too narrow for every label: the crowded ones go, the ends stay.
        let axis = LogAxis {
            lo: 1,
            hi: 7,
            columns: 13,
        };
        let labels = axis.tick_labels(15);
        assert!(labels.starts_with("10 "), "{labels:?}");
        assert!(labels.trim_end().ends_with("10M"), "{labels:?}");
    }

    #[test]
    fn bars_end_in_the_qualifier_and_ranges_span_their_bounds() {
        let axis = LogAxis {
            lo: 1,
            hi: 5,
            columns: 17,
        };
        let draw = |r: &Record| bar(r, &axis).unwrap().into_iter().collect::<String>();
        assert_eq!(
            draw(&record(Qualifier::Approx, Some(100_000.0), None, None)),
            "━━━━━━━━━━━━━━━━~ "
        );
        assert_eq!(
            draw(&record(Qualifier::Approx, Some(60.0), None, None)),
            "━━━~·   ·   ·   · "
        );
        assert_eq!(
            draw(&record(Qualifier::Exact, Some(1_000.0), None, None)),
            "━━━━━━━━●   ·   · "
        );
        assert_eq!(
            draw(&record(Qualifier::AtLeast, Some(10_000.0), None, None)),
            "━━━━━━━━━━━━▶   · "
        );
        assert_eq!(
            draw(&record(Qualifier::AtMost, Some(100.0), None, None)),
            "━━━━◀   ·   ·   · "
        );
        // 1,000-1,500: a span of at least two columns, starting at 1,000.
        assert_eq!(
            draw(&record(Qualifier::Range, None, Some(1_000.0), Some(1_500.0))),
            "·   ·   ├┤  ·   · "
        );
        assert_eq!(
            draw(&record(Qualifier::Exact, Some(2e6), None, None)),
            "━━━━━━━━━━━━━━━━━»"
        );
        assert_eq!(
            draw(&record(Qualifier::Exact, Some(2.0), None, None)),
            "«   ·   ·   ·   · "
        );
        assert_eq!(bar(&record(Qualifier::Exact, None, None, None), &axis), None);
    }
}
