//! The filter's rows by the year they start, and what the filter counts of
//! them, worked out once for a model filtered again and again
//! (`Model::index_years`: the dashboard's). A filter of years alone (no facet,
//! no search, no `own_dates_only`) keeps every dated row starting within
//! its years, which is one run of the rows (they are in start order), the
//! rows starting before its first year that reach into it (periods, listed
//! apart), and the undated rows when it shows them. So its records are
//! copied from the chronological order and its counts subtracted between
//! two years' running totals, never found by reading a row a record: a
//! year nudge over a million records read every dated row (4 MiB), and
//! memory is slow to touch again after the dashboard has idled.

use super::{Lent, Model, NO_INDICATOR, RecordIx, Row, Scan, YearCounts, YearSpan, to_u32, year_offset};
use crate::data::Category;

/// The dated rows by start year, the periods among them, and running
/// counts of the rows before each year.
#[derive(Debug, Clone)]
pub(super) struct ByStartYear {
    /// The first year a dated row starts in.
    first: i32,
    /// `bounds[k]`: the position of the first row starting in year
    /// `first + k` or later; the last is the number of dated rows.
    bounds: Vec<usize>,
    /// The dated rows covering more than the year they start in, in row
    /// order: the only ones starting before a range that can reach into it.
    spanning: Vec<Spanning>,
    /// Every observation, as a record, in row order.
    observations: Vec<u32>,
    /// For each of `bounds`, then for all the rows, the count of the rows
    /// before it per source, per category and of observations (`WIDTH`
    /// numbers each, sources first).
    running: Vec<u32>,
    /// How many sources the counts hold.
    sources: usize,
}

/// A dated row covering more than one year.
#[derive(Debug, Clone, Copy)]
struct Spanning {
    position: u32,
    start: i32,
    end: i32,
}

/// The running counts are kept only while they take no more numbers than
/// this (and four a row): a dataset spread over thousands of years with
/// thousands of sources is filtered by reading its rows instead.
const MOST_COUNTS_FREE: usize = 1 << 16;

impl ByStartYear {
    /// `rows` (in start order, the first `dated` dated), counted for
    /// `sources` sources; `None` without a dated row, or when the counts
    /// would take too much memory.
    pub(super) fn of(rows: &[Row], dated: usize, sources: usize) -> Option<Self> {
        let first = rows.first().filter(|_| dated > 0)?.start;
        let last = rows[dated - 1].start;
        let years = usize::try_from(i64::from(last) - i64::from(first) + 1).ok()?;
        let width = sources + Category::ALL.len() + 1;
        let marks = years + 2;
        if marks.saturating_mul(width) > MOST_COUNTS_FREE.max(rows.len().saturating_mul(4)) {
            return None;
        }
        let mut by_year = Self {
            first,
            bounds: Vec::with_capacity(years + 1),
            spanning: Vec::new(),
            observations: Vec::new(),
            running: Vec::with_capacity(marks * width),
            sources,
        };
        let mut counts = vec![0u32; width];
        let mut year = first;
        for (p, row) in rows.iter().enumerate() {
            // Each year up to this row's start is marked by the counts before it.
            while p < dated && year <= row.start {
                by_year.mark(p, &counts);
                year += 1;
            }
            if p < dated && row.end > row.start {
                let (start, end) = (row.start, row.end);
                by_year.spanning.push(Spanning {
                    position: to_u32(p),
                    start,
                    end,
                });
            }
            counts[row.source as usize] += 1;
            counts[sources + usize::from(row.category)] += 1;
            if row.indicator != NO_INDICATOR {
                counts[width - 1] += 1;
                by_year.observations.push(row.ix);
            }
            if p + 1 == dated {
                by_year.mark(dated, &counts);
            }
        }
        by_year.running.extend_from_slice(&counts);
        Some(by_year)
    }

    /// Marks `p` as where the next year's rows start, `counts` the rows before it.
    fn mark(&mut self, p: usize, counts: &[u32]) {
        self.bounds.push(p);
        self.running.extend_from_slice(counts);
    }

    fn width(&self) -> usize {
        self.sources + Category::ALL.len() + 1
    }

    /// The running counts at mark `k` (a `bounds` index, or one past
    /// them: all the rows).
    fn counts_at(&self, k: usize) -> &[u32] {
        let width = self.width();
        &self.running[k * width..(k + 1) * width]
    }

    /// How many observations come before mark `k`.
    fn observations_at(&self, k: usize) -> usize {
        *self.counts_at(k).last().expect("a count of observations") as usize
    }

    /// The index in `bounds` of the first row starting in `year` or later.
    fn mark_of(&self, year: i32) -> usize {
        let last = self.bounds.len() - 1;
        usize::try_from(i64::from(year) - i64::from(self.first)).map_or(0, |k| k.min(last))
    }

    /// What `Model::scan` finds for `years` alone (placed by own or
    /// approximate times alike), keeping the undated rows when
    /// `show_undated`; with `tally`, the counts too, as the scan makes them.
    pub(super) fn scan(
        &self,
        model: &Model,
        years: (Option<i32>, Option<i32>),
        show_undated: bool,
        tally: bool,
        lent: Lent,
    ) -> Scan {
        let (from, to) = years;
        let lead = from.map_or(0, |from| self.mark_of(from));
        let end = to
            .map_or(self.bounds.len() - 1, |to| self.mark_of(to.saturating_add(1)))
            .max(lead);
        let run = self.bounds[lead]..self.bounds[end];
        let before = self.spanning.partition_point(|s| (s.position as usize) < run.start);
        let reaching = self.spanning[..before].iter().filter(|s| {
            YearSpan {
                start: s.start,
                end: s.end,
            }
            .overlaps(from, to)
        });
        let undated = if show_undated {
            model.dated..model.rows.len()
        } else {
            0..0
        };
        let mut scan = Scan::new(model, tally, lent, before + run.len() + undated.len());
        for s in reaching {
            scan.place(&model.rows[s.position as usize]);
        }
        scan.kept.extend_from_slice(&model.chronological[run.clone()]);
        scan.kept.extend_from_slice(&model.chronological[undated.clone()]);
        if !tally {
            return scan;
        }
        scan.placed += run.len();
        let spanning_end = self.spanning.partition_point(|s| (s.position as usize) < run.end);
        self.count_years(&mut scan.years, lead..end, &self.spanning[before..spanning_end]);
        let dated_mark = self.bounds.len() - 1;
        self.add_counts(&mut scan, lead, end);
        if show_undated {
            self.add_counts(&mut scan, dated_mark, dated_mark + 1);
        } else {
            scan.hidden.undated += model.rows.len() - model.dated;
        }
        scan
    }

    /// Adds to `scan` the rows between marks `a` and `b`: their counts and
    /// their observations.
    fn add_counts(&self, scan: &mut Scan, a: usize, b: usize) {
        let (before, after) = (self.counts_at(a), self.counts_at(b));
        let rows = |i: usize| (after[i] - before[i]) as usize;
        for (s, total) in scan.per_source.iter_mut().enumerate() {
            *total += rows(s);
        }
        for (c, total) in scan.per_category.iter_mut().enumerate() {
            *total += rows(self.sources + c);
        }
        let observations = &self.observations[self.observations_at(a)..self.observations_at(b)];
        scan.observations.extend(observations.iter().map(|&ix| ix as RecordIx));
    }

    /// Counts in `years` the rows starting in the years of marks `marks`:
    /// each as covering its start year alone, from the marks, then those
    /// of them `spanning`, to their ends.
    fn count_years(&self, years: &mut YearCounts, marks: std::ops::Range<usize>, spanning: &[Spanning]) {
        for k in marks {
            let count = self.bounds[k + 1] - self.bounds[k];
            if count > 0 {
                let year = self.first + k as i32;
                years.add_many(YearSpan { start: year, end: year }, count);
            }
        }
        for s in spanning {
            years.stretch(s.start, s.end);
        }
    }
}

impl YearCounts {
    /// Counts `count` records covering `years`.
    fn add_many(&mut self, years: YearSpan, count: usize) {
        YearSpan::widen(&mut self.span, years);
        let count = count as isize;
        self.steps[year_offset(self.first, years.start)] += count;
        self.steps[year_offset(self.first, years.end) + 1] -= count;
    }

    /// Makes a record counted as covering `start` alone cover `start` to `end`.
    fn stretch(&mut self, start: i32, end: i32) {
        YearSpan::widen(&mut self.span, YearSpan { start, end });
        self.steps[year_offset(self.first, start) + 1] += 1;
        self.steps[year_offset(self.first, end) + 1] -= 1;
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::*;
    use crate::data::RecordKind;
    use crate::model::{Filter, HiddenByTime, Time};

    /// What a scan found, to compare: the records kept, the observations
    /// among them, those placed in time, the counts by source and
    /// category, by year, and those hidden.
    type Found = (
        Vec<RecordIx>,
        Vec<RecordIx>,
        usize,
        Vec<usize>,
        Vec<usize>,
        YearCounts,
        HiddenByTime,
    );

    fn found(scan: Scan) -> Found {
        (
            scan.kept,
            scan.observations,
            scan.placed,
            scan.per_source,
            scan.per_category,
            scan.years,
            scan.hidden,
        )
    }

    /// One record's time, as generated: a year, a period (start and
    /// length), its source's "at present", or none.
    fn time() -> impl Strategy<Value = Value> {
        prop_oneof![
            (1950..1962i32).prop_map(|y| json!({ "date": y.to_string() })),
            (1950..1962i32, 1..6i32)
                .prop_map(|(y, n)| json!({ "period": { "start": y.to_string(), "end": (y + n).to_string() } })),
            Just(json!({ "as_of": "source" })),
            Just(json!({ "as_of": "unknown" })),
        ]
    }

    /// A dataset of up to 60 records over a few years, of three sources
    /// (the first's "at present" is 1955), some of them observations.
    fn dataset() -> impl Strategy<Value = crate::data::Dataset> {
        let record = (time(), 0..3usize, 0..Category::ALL.len(), any::<bool>());
        prop::collection::vec(record, 0..60).prop_map(|records| {
            let records: Vec<Value> = (records.into_iter().enumerate())
                .map(|(i, (time, source, category, observed))| {
                    let mut r = json!({
                        "id": format!("r{i}"), "kind": if observed { "observation" } else { "fact" },
                        "category": Category::ALL[category].as_str(), "title": "T", "summary": "S",
                        "entities": ["e"], "source": format!("s{source}"), "locator": "L", "quote": "Q",
                    });
                    if observed {
                        r["indicator"] = json!("n");
                        r["value"] = json!(1);
                        r["qualifier"] = json!("approx");
                    }
                    for (key, value) in time.as_object().expect("a time") {
                        r[key] = value.clone();
                    }
                    r
                })
                .collect();
            let source = |i: usize| {
                json!({ "id": format!("s{i}"), "title": "T", "authors": [], "container": "C", "published": null,
                        "url": null, "kind": "book-chapter",
                        "info_as_of": if i == 0 { json!({ "year": 1955 }) } else { Value::Null } })
            };
            let document = json!({
                "schema_version": 2,
                "sources": (0..3).map(source).collect::<Vec<_>>(),
                "indicators": [{ "id": "n", "name": "N", "unit": "u", "description": "D", "category": "economy" }],
                "entities": [{ "id": "e", "name": "E", "kind": "organization" }],
                "records": records,
            });
            let text = serde_json::to_string(&document).expect("serializes");
            crate::data::load::parse(text.as_bytes(), Path::new("t.json")).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// A filter of years alone: either end open or a year in or around
    /// the data's (even a first after the last), hiding or showing the
    /// undated records.
    fn years() -> impl Strategy<Value = Filter> {
        let end = prop::option::of(1945..1970i32);
        (end.clone(), end, any::<bool>()).prop_map(|(from, to, include_undated)| Filter {
            from,
            to,
            include_undated,
            ..Filter::default()
        })
    }

    /// A filter of years, and maybe more: placing records by their own
    /// dates only, of a category, or searching for what no record holds.
    fn years_and_more() -> impl Strategy<Value = Filter> {
        let category = prop::option::of(0..Category::ALL.len());
        (years(), any::<bool>(), category, any::<bool>()).prop_map(|(years, own_dates_only, category, search)| Filter {
            own_dates_only,
            categories: category.map(|c| vec![Category::ALL[c]]).unwrap_or_default(),
            search: if search { "zz".into() } else { String::new() },
            ..years
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        /// The records and counts the running counts give are those a
        /// scan of every row finds, and with `tally` off, the records alone.
        #[test]
        fn a_filter_of_years_alone_finds_what_reading_every_row_finds(dataset in dataset(), filter in years()) {
            let mut model = Model::new(dataset);
            model.index_years();
            let by_year = model.by_year.as_ref();
            prop_assert_eq!(by_year.is_some(), model.dated > 0);
            let Some(by_year) = by_year else { return Ok(()) };
            let years = (filter.from, filter.to);
            for tally in [true, false] {
                let counted = by_year.scan(&model, years, filter.shows_undated(), tally, Lent::default());
                let read = model.run_scanning(&filter, tally, Lent::default());
                prop_assert_eq!(found(counted), found(read), "tally {}", tally);
            }
        }

        /// `Model::run` takes the running counts only where they find what
        /// reading every row finds.
        #[test]
        fn a_model_runs_any_filter_as_reading_every_row_finds(dataset in dataset(), filter in years_and_more()) {
            let mut model = Model::new(dataset);
            model.index_years();
            for tally in [true, false] {
                let run = model.run(&filter, tally, Lent::default());
                let read = model.run_scanning(&filter, tally, Lent::default());
                prop_assert_eq!(found(run), found(read), "tally {}", tally);
            }
        }
    }

    #[test]
    fn counts_that_would_outgrow_the_rows_are_not_kept() {
        let row = |start: i32| Row {
            start,
            end: start,
            ..Row::of(
                Time::Undated { after: None },
                0,
                None,
                Category::ALL[0],
                RecordKind::ALL[0],
            )
        };
        // Two rows 9,000 years apart: 9,002 marks of 1,000 sources' counts
        // (9 million numbers); ten years apart, 12 marks (12,000).
        let (far, near) = ([row(1000), row(9999)], [row(1990), row(2000)]);
        assert!(ByStartYear::of(&far, 2, 1000).is_none());
        assert!(ByStartYear::of(&near, 2, 1000).is_some());
        // Nothing dated: no years to mark.
        assert!(ByStartYear::of(&near, 0, 1000).is_none());
    }
}
