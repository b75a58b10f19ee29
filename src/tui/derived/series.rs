//! A series as the Indicators chart draws it: the dated observations of one
//! indicator about one subject, each with its source's marker, whether its
//! time is its own or its source's ("c. 2010"), and what it says of the
//! value (a figure, a range, or the bounds of a vague amount). Worked out
//! once per filter change; drawing only maps these points to cells.

use std::collections::HashMap;

use crate::data::{Qualifier, SourceKind};
use crate::model::{Filter, Model, RecordIx, YearSpan};
use crate::tui::axis::decade_floor;

/// What a point says of the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// One figure: exact, about, at least or at most.
    Value(f64),
    /// A range the source gives, low to high.
    Range(f64, f64),
    /// The bounds a vague amount's words imply (either may be open). Never
    /// drawn as a point.
    Bounds(Option<f64>, Option<f64>),
}

impl Mark {
    /// The values it spans, for fitting an axis.
    fn values(self) -> impl Iterator<Item = f64> {
        let (a, b) = match self {
            Self::Value(v) => (Some(v), None),
            Self::Range(low, high) => (Some(low), Some(high)),
            Self::Bounds(low, high) => (low, high),
        };
        [a, b].into_iter().flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub record: RecordIx,
    pub years: YearSpan,
    /// Placed at its source's date, not its own.
    pub approximate: bool,
    pub mark: Mark,
    /// Its source's place in `Series::sources`, which gives its marker.
    pub slot: usize,
    /// Its place among the points of the same years (by slot), and how
    /// many there are: a chart sets them side by side.
    pub lane: (usize, usize),
}

/// What one marker of a series stands for: a source, or the files of one
/// data repository (the CIA World Factbook's editions, one file each),
/// which chart as one publication and are joined by one line; and how
/// many points it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesSource {
    /// Positions in the dataset's sources, in order of first appearance.
    pub sources: Vec<usize>,
    pub points: usize,
}

impl SeriesSource {
    /// How the legend names it: the source's id, or what the ids of the
    /// files share: `cia-factbook-* (14 files)`.
    pub fn label(&self, model: &Model) -> String {
        let ids: Vec<&str> = self
            .sources
            .iter()
            .map(|&s| model.dataset().sources[s].id.as_str())
            .collect();
        if let [id] = ids[..] {
            return id.to_owned();
        }
        let shared = ids.iter().skip(1).fold(ids[0], |shared, id| {
            let n = shared.chars().zip(id.chars()).take_while(|(a, b)| a == b).count();
            &shared[..shared.char_indices().nth(n).map_or(shared.len(), |(i, _)| i)]
        });
        // Up to a whole part of the ids: `cia-factbook-`, not `cia-factbook-20`.
        let stem = shared.rfind('-').map_or(shared, |i| &shared[..=i]);
        let stem = if stem.len() >= 3 { stem } else { ids[0] };
        format!("{stem}* ({} files)", ids.len())
    }
}

/// Which marker a source takes: the one of its data repository, or its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family<'m> {
    Repository(&'m str),
    Alone(usize),
}

fn family(model: &Model, source: usize) -> Family<'_> {
    let s = &model.dataset().sources[source];
    match (&s.repository, s.kind) {
        (Some(repository), SourceKind::DataFile) => Family::Repository(repository),
        _ => Family::Alone(source),
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// In time order.
    pub points: Vec<Point>,
    /// In marker order: most points first, then by first appearance.
    pub sources: Vec<SeriesSource>,
    pub scale: Scale,
    /// The years the points cover.
    pub years: Option<YearSpan>,
    /// Dated observations with nothing to draw: a vague amount whose words
    /// imply no bound.
    pub undrawn: usize,
}

impl Series {
    /// The series of `dated`: observations of one indicator about one
    /// subject, placed in time under `filter`, in time order.
    pub fn of(model: &Model, filter: &Filter, dated: &[RecordIx]) -> Self {
        let mut points = Vec::with_capacity(dated.len());
        let mut undrawn = 0;
        // Per marker, in order of first appearance: its family and sources.
        let mut seen: Vec<(Family, SeriesSource)> = Vec::new();
        for &ix in dated {
            let Some(years) = model.span_under(ix, filter) else {
                continue;
            };
            let Some(mark) = mark_of(model, ix) else {
                undrawn += 1;
                continue;
            };
            let source = model.source_index(ix);
            let key = family(model, source);
            let at = match seen.iter().position(|(f, _)| *f == key) {
                Some(at) => at,
                None => {
                    let empty = SeriesSource {
                        sources: Vec::new(),
                        points: 0,
                    };
                    seen.push((key, empty));
                    seen.len() - 1
                }
            };
            let marker = &mut seen[at].1;
            marker.points += 1;
            if !marker.sources.contains(&source) {
                marker.sources.push(source);
            }
            points.push(Point {
                record: ix,
                years,
                approximate: model.time(ix).is_approximate() && !filter.own_dates_only,
                mark,
                slot: at,
                lane: (0, 1),
            });
        }
        let order = marker_order(&seen.iter().map(|(_, s)| s.points).collect::<Vec<_>>());
        // `order[k]` is the appearance index of the source with slot k.
        let mut slot_of = vec![0; order.len()];
        for (slot, &appearance) in order.iter().enumerate() {
            slot_of[appearance] = slot;
        }
        for point in &mut points {
            point.slot = slot_of[point.slot];
        }
        assign_lanes(&mut points);
        let sources = order.iter().map(|&a| seen[a].1.clone()).collect();
        let values: Vec<f64> = points.iter().flat_map(|p| p.mark.values()).collect();
        let years = points.iter().map(|p| p.years).reduce(|a, b| YearSpan {
            start: a.start.min(b.start),
            end: a.end.max(b.end),
        });
        Self {
            points,
            sources,
            scale: Scale::fit(&values),
            years,
            undrawn,
        }
    }

    /// The marker slot of a source's points, if it has any.
    pub fn slot_of(&self, source: usize) -> Option<usize> {
        self.sources.iter().position(|s| s.sources.contains(&source))
    }

    /// Whether there is a series to chart: two points or more.
    pub fn is_charted(&self) -> bool {
        self.points.len() >= 2
    }

    /// For each year of the series, the highest figure any source gives for
    /// it (ranges by their high end; vague amounts not at all), or `None`:
    /// the sparkline's heights. Nothing is averaged.
    pub fn yearly_highs(&self) -> Vec<Option<f64>> {
        let Some(years) = self.years else {
            return Vec::new();
        };
        let mut highs = vec![None; (years.end - years.start + 1) as usize];
        for point in &self.points {
            let value = match point.mark {
                Mark::Value(v) => v,
                Mark::Range(_, high) => high,
                Mark::Bounds(..) => continue,
            };
            for year in point.years.start..=point.years.end {
                let high = &mut highs[(year - years.start) as usize];
                *high = Some(high.map_or(value, |h: f64| h.max(value)));
            }
        }
        highs
    }
}

/// Sets each point's lane: its place among the points of the same years,
/// by marker order (then time order), and how many share them.
fn assign_lanes(points: &mut [Point]) {
    let mut crowds: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
    for (i, p) in points.iter().enumerate() {
        crowds.entry((p.years.start, p.years.end)).or_default().push(i);
    }
    for mut crowd in crowds.into_values() {
        crowd.sort_by_key(|&i| (points[i].slot, i));
        let n = crowd.len();
        for (rank, i) in crowd.into_iter().enumerate() {
            points[i].lane = (rank, n);
        }
    }
}

/// What an observation says of the value; `None` when it gives nothing to
/// draw.
fn mark_of(model: &Model, ix: RecordIx) -> Option<Mark> {
    let r = model.record(ix);
    match r.qualifier? {
        Qualifier::Range => Some(Mark::Range(r.low?, r.high?)),
        Qualifier::Vague if r.low.is_none() && r.high.is_none() => None,
        Qualifier::Vague => Some(Mark::Bounds(r.low, r.high)),
        _ => r.value.map(Mark::Value),
    }
}

/// The order sources get their markers in, given each one's point count in
/// order of first appearance: most points first, first appearance among
/// equals. Returns appearance indices.
pub fn marker_order(counts: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&a| (std::cmp::Reverse(counts[a]), a));
    order
}

/// Filled and hollow shapes for the first sources; hollow marks a point
/// placed at its source's date.
const SHAPES: [(char, char); 6] = [('●', '○'), ('■', '□'), ('▲', '△'), ('◆', '◇'), ('▼', '▽'), ('★', '☆')];

/// The marker of the source in `slot`: a shape for the first six, then a
/// letter (`a` to `z`, again from `a` after that); hollow, or a capital
/// letter, for a point placed at its source's date.
pub fn marker(slot: usize, approximate: bool) -> char {
    match SHAPES.get(slot) {
        Some(&(own, approx)) => {
            if approximate {
                approx
            } else {
                own
            }
        }
        None => {
            let letter = char::from(b'a' + ((slot - SHAPES.len()) % 26) as u8);
            if approximate {
                letter.to_ascii_uppercase()
            } else {
                letter
            }
        }
    }
}

/// From this ratio between the largest and the smallest value up, the value
/// axis is logarithmic.
pub const LOG_RATIO: f64 = 100.0;

/// The axis a chart draws values on: linear, or logarithmic by whole
/// decades (`10^lo` to `10^hi`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    Linear { lo: f64, hi: f64 },
    Log { lo: i32, hi: i32 },
}

impl Default for Scale {
    fn default() -> Self {
        Self::Linear { lo: 0.0, hi: 1.0 }
    }
}

impl Scale {
    /// Log when every value is positive and the largest is at least
    /// `LOG_RATIO` times the smallest; else linear from zero (or below, for
    /// negative values). The top is always above the largest value, so no
    /// point sits on the top row.
    pub fn fit(values: &[f64]) -> Self {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if values.is_empty() {
            return Self::default();
        }
        if min > 0.0 && max / min >= LOG_RATIO {
            // The top decade lies wholly above the largest value.
            return Self::Log {
                lo: decade_floor(min),
                hi: decade_floor(max) + 1,
            };
        }
        let lo = if min >= 0.0 { 0.0 } else { -nice_ceil(-min * 1.1) };
        let hi = nice_ceil(max.max(0.0) * 1.1).max(lo + 1.0);
        Self::Linear { lo, hi }
    }

    pub fn is_log(self) -> bool {
        matches!(self, Self::Log { .. })
    }

    /// Where `value` falls, from 0 (the bottom) to 1 (the top); below 0 or
    /// above 1 off the axis. Zero and below are off a log axis, below.
    pub fn fraction(self, value: f64) -> f64 {
        match self {
            Self::Linear { lo, hi } => (value - lo) / (hi - lo),
            Self::Log { .. } if value <= 0.0 => -1.0,
            Self::Log { lo, hi } => (value.log10() - f64::from(lo)) / f64::from(hi - lo),
        }
    }

    /// The values at the ends of the axis.
    pub fn ends(self) -> (f64, f64) {
        match self {
            Self::Linear { lo, hi } => (lo, hi),
            Self::Log { lo, hi } => (10f64.powi(lo), 10f64.powi(hi)),
        }
    }

    /// The values to label on an axis of `rows` rows: the ends and the
    /// middle of a linear one; each decade of a log one if the rows allow,
    /// else its ends.
    pub fn ticks(self, rows: usize) -> Vec<f64> {
        match self {
            Self::Linear { lo, hi } if rows >= 3 => vec![lo, (lo + hi) / 2.0, hi],
            Self::Linear { lo, hi } => vec![lo, hi],
            Self::Log { lo, hi } if ((hi - lo) as usize) < rows => (lo..=hi).map(|d| 10f64.powi(d)).collect(),
            Self::Log { lo, hi } => vec![10f64.powi(lo), 10f64.powi(hi)],
        }
    }
}

/// A round number at least `v`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times
/// a power of ten, so the top label (and half of it, the middle one) is round.
fn nice_ceil(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powi(decade_floor(v));
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&c| c >= v * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_axis_goes_log_only_across_orders_of_magnitude() {
        // 60 to 100,000: a ratio of 1,667, so log; 10^1 up to a decade
        // wholly above 100,000 (10^6).
        assert_eq!(Scale::fit(&[60.0, 100_000.0]), Scale::Log { lo: 1, hi: 6 });
        assert_eq!(Scale::fit(&[1000.0, 1e6]), Scale::Log { lo: 3, hi: 7 });
        // 1 to 99: a ratio under 100, linear; 99 × 1.1 = 108.9, rounded up to 120.
        assert_eq!(Scale::fit(&[1.0, 99.0]), Scale::Linear { lo: 0.0, hi: 120.0 });
        // A zero has no logarithm: linear, whatever the spread.
        assert_eq!(Scale::fit(&[0.0, 24.0]), Scale::Linear { lo: 0.0, hi: 30.0 });
        assert_eq!(Scale::fit(&[4.6, 65.1]), Scale::Linear { lo: 0.0, hi: 80.0 });
        assert_eq!(Scale::fit(&[100.0, 120.0]), Scale::Linear { lo: 0.0, hi: 150.0 });
        assert_eq!(Scale::fit(&[]), Scale::Linear { lo: 0.0, hi: 1.0 });
        assert_eq!(nice_ceil(1.2e6), 1.2e6);
        assert_eq!(nice_ceil(7.0), 8.0);
        assert_eq!(nice_ceil(1000.0), 1000.0);
    }

    #[test]
    fn fractions_place_values_along_the_axis() {
        let linear = Scale::Linear { lo: 0.0, hi: 80.0 };
        assert_eq!(linear.fraction(20.0), 0.25);
        assert_eq!(linear.fraction(80.0), 1.0);
        let log = Scale::Log { lo: 3, hi: 7 };
        // 100,000 is two decades of four above 1,000.
        assert!((log.fraction(1e5) - 0.5).abs() < 1e-12);
        assert!(log.fraction(0.0) < 0.0);
        assert_eq!(log.ends(), (1e3, 1e7));
        assert_eq!(log.ticks(10), [1e3, 1e4, 1e5, 1e6, 1e7]);
        assert_eq!(log.ticks(4), [1e3, 1e7]);
        assert_eq!(linear.ticks(8), [0.0, 40.0, 80.0]);
    }

    #[test]
    fn a_series_keeps_every_sources_points_with_their_marks_markers_and_lanes() {
        use crate::tui::testing;
        let model = Model::new(testing::fixture());
        let filter = Filter::default();
        let view = model.filter(&filter);
        let dated: Vec<RecordIx> = model
            .claims(&view, "examplenet-subscribers")
            .into_iter()
            .filter(|&ix| model.span(ix).is_some())
            .collect();
        let series = Series::of(&model, &filter, &dated);
        let source = |id: &str| model.dataset().sources.iter().position(|s| s.id == id).unwrap();
        // The yearbook has five points, Alpha two, the survey one.
        let sources: Vec<(Vec<usize>, usize)> = series.sources.iter().map(|s| (s.sources.clone(), s.points)).collect();
        assert_eq!(
            sources,
            [
                (vec![source("gamma-yearbook")], 5),
                (vec![source("alpha-review")], 2),
                (vec![source("delta-survey")], 1)
            ]
        );
        assert_eq!(series.slot_of(source("delta-survey")), Some(2));
        assert_eq!(series.sources[0].label(&model), "gamma-yearbook");
        let point = |id: &str| *series.points.iter().find(|p| model.record(p.record).id == id).unwrap();
        // 2010: three sources, side by side in marker order.
        assert_eq!(point("subscribers-2010-gamma").lane, (0, 3));
        assert_eq!(point("subscribers-2010").lane, (1, 3));
        let survey = point("subscribers-delta");
        assert_eq!((survey.lane, survey.slot, survey.approximate), ((2, 3), 2, true));
        assert_eq!(marker(survey.slot, survey.approximate), '△');
        // A range and a vague amount's bounds are no single figures.
        assert_eq!(point("subscribers-2011").mark, Mark::Range(200_000.0, 300_000.0));
        assert_eq!(
            point("subscribers-2011-vague").mark,
            Mark::Bounds(Some(200_000.0), Some(999_999.0))
        );
        assert_eq!(
            point("subscribers-2011").lane,
            (0, 2),
            "2011-06 shares 2011 with the vague amount"
        );
        // 1,000 to 1,000,000: log, 10^3 to 10^7.
        assert_eq!(series.scale, Scale::Log { lo: 3, hi: 7 });
        assert_eq!(series.years, Some(YearSpan { start: 2008, end: 2012 }));
        // The sparkline's yearly highs: 2010's is the survey's 150,000,
        // 2011's the range's high end (the vague amount is left out).
        assert_eq!(
            series.yearly_highs(),
            [Some(1e3), Some(1e4), Some(1.5e5), Some(3e5), Some(1e6)]
        );
    }

    #[test]
    fn the_files_of_one_data_repository_share_a_marker_named_by_their_ids() {
        use crate::data::Source;
        use crate::tui::testing;
        let mut dataset = testing::fixture();
        let file = |year: i32| Source {
            repository: Some("example/yearbooks".into()),
            ..Source::new(
                format!("yearbook-file-{year}"),
                "A yearbook's file",
                SourceKind::DataFile,
            )
        };
        dataset.sources.extend([file(2011), file(2012)]);
        // Each file gives one count of ExampleNet's subscribers.
        for (year, id) in [(2011, "from-file-2011"), (2012, "from-file-2012")] {
            let mut record = dataset
                .records
                .iter()
                .find(|r| r.id == "subscribers-2012")
                .unwrap()
                .clone();
            record.id = id.into();
            record.source = format!("yearbook-file-{year}").into();
            record.date = Some(crate::data::PartialDate::year(year));
            dataset.records.push(record);
        }
        let model = Model::new(dataset);
        let filter = Filter::default();
        let view = model.filter(&filter);
        let dated: Vec<RecordIx> = model.claims(&view, "examplenet-subscribers");
        let series = Series::of(&model, &filter, &dated);
        let files: Vec<usize> = ["yearbook-file-2011", "yearbook-file-2012"]
            .iter()
            .map(|id| model.dataset().sources.iter().position(|s| s.id == *id).unwrap())
            .collect();
        // One marker for both files, after the yearbook (5) and Alpha (2).
        assert_eq!(series.slot_of(files[0]), Some(2));
        assert_eq!(series.slot_of(files[1]), Some(2));
        assert_eq!(series.sources[2].points, 2);
        assert_eq!(series.sources[2].label(&model), "yearbook-file-* (2 files)");
    }

    #[test]
    fn sources_with_more_points_get_the_first_markers() {
        // Appearance order a (1 point), b (3), c (1), d (3): b and d first,
        // then a and c, first appearance deciding among equals.
        assert_eq!(marker_order(&[1, 3, 1, 3]), [1, 3, 0, 2]);
        assert_eq!(marker_order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn markers_are_shapes_then_letters_hollow_or_capital_when_approximate() {
        assert_eq!(marker(0, false), '●');
        assert_eq!(marker(0, true), '○');
        assert_eq!(marker(5, false), '★');
        assert_eq!(marker(5, true), '☆');
        assert_eq!(marker(6, false), 'a');
        assert_eq!(marker(7, true), 'B');
        // After z, the letters start over.
        assert_eq!(marker(6 + 26, false), 'a');
    }
}
