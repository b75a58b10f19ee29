//! The quantities with observations in view: one row per indicator and
//! subject (the entity an observation measures, its first), so that claims
//! about different things (two organisations' staff, two products' prices)
//! are never one series; each with its latest claims, its series and
//! whether it is contested.

use std::cell::OnceCell;
use std::collections::HashMap;

use foldhash::fast::FixedState;

use unicode_width::UnicodeWidthStr;

use super::claims::ClaimWidths;
use super::series::Series;
use crate::data::Indicator;
use crate::model::{Filter, Model, RecordIx, YearSpan, format};

/// One indicator about one subject, with observations in view.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// Its position in the dataset's indicators.
    pub indicator: usize,
    /// The position in the dataset's entities of what it measures; `None`
    /// for observations without entities (only a version 1 file has them).
    pub subject: Option<usize>,
    /// Its observations in view, in the view's order (dated ones by date).
    pub observations: Vec<RecordIx>,
    /// How many of them are dated: the points of its series.
    pub dated: usize,
    /// The years they cover.
    pub years: Option<YearSpan>,
    /// Whether every dated one is placed only by its source's date.
    pub years_approximate: bool,
    /// The latest claims: of the latest year any reaches, every one on a
    /// tie; every undated one when none is dated.
    pub latest: Vec<RecordIx>,
    /// Whether its claims disagree or are uncertain (see `Model::is_contest`).
    pub contested: bool,
    /// Its series, worked out when first drawn (`IndicatorRow::series`):
    /// only the selected row's chart and the Overview's sparklines show one.
    series: OnceCell<Series>,
}

/// An indicator and the entity it measures, by their positions.
type Quantity = (usize, Option<usize>);

/// Every quantity of a model numbered in the Indicators view's order (the
/// dataset's order of indicators, then of subjects, none last), and each
/// record's number: worked out once, so that grouping the records in view
/// is counting, not hashing a million keys per filter change.
#[derive(Debug, Clone, Default)]
pub struct QuantityIds {
    quantities: Vec<Quantity>,
    /// By record: its quantity's number, or `NO_QUANTITY`.
    of: Vec<u32>,
}

/// `QuantityIds::of` of a record that is no observation.
const NO_QUANTITY: u32 = u32::MAX;

impl QuantityIds {
    pub fn of_model(model: &Model) -> Self {
        let quantity = |ix| Some((model.indicator_index(ix)?, model.subject_index(ix)));
        // Numbered as first met, a lookup in a small table per record, then
        // renumbered in order: sorting every observation's quantity and
        // searching for each record's took 180 ms at a million records,
        // most of the first screen's Overview.
        let mut met: HashMap<Quantity, u32, FixedState> = HashMap::default();
        let mut of: Vec<u32> = (0..model.len())
            .map(|ix| match quantity(ix) {
                Some(q) => {
                    let next = u32::try_from(met.len()).unwrap_or(NO_QUANTITY);
                    *met.entry(q).or_insert(next)
                }
                None => NO_QUANTITY,
            })
            .collect();
        let mut quantities: Vec<(Quantity, u32)> = met.into_iter().collect();
        quantities.sort_unstable_by_key(|&((indicator, subject), _)| (indicator, subject.unwrap_or(usize::MAX)));
        let mut renumbered = vec![NO_QUANTITY; quantities.len()];
        for (at, &(_, first)) in quantities.iter().enumerate() {
            renumbered[first as usize] = u32::try_from(at).unwrap_or(NO_QUANTITY);
        }
        for number in of.iter_mut().filter(|n| **n != NO_QUANTITY) {
            *number = renumbered[*number as usize];
        }
        Self {
            quantities: quantities.into_iter().map(|(q, _)| q).collect(),
            of,
        }
    }

    /// The number of record `ix`'s quantity, if it is an observation of an
    /// indicator `wanted` marks.
    fn wanted(&self, ix: RecordIx, wanted: &[bool]) -> Option<usize> {
        let q = *self.of.get(ix)?;
        (q != NO_QUANTITY)
            .then_some(q as usize)
            .filter(|&q| wanted[self.quantities[q].0])
    }
}

/// The rows of `view` for the indicators `wanted` marks (by position), by
/// the dataset's order of indicators, then of subjects (none last); `ids`
/// are the model's.
pub fn rows(
    model: &Model,
    filter: &Filter,
    view: &[RecordIx],
    ids: &QuantityIds,
    wanted: &[bool],
) -> Vec<IndicatorRow> {
    // The records' numbers are far apart in view order: read them once.
    let found: Vec<(usize, RecordIx)> = (view.iter())
        .filter_map(|&ix| Some((ids.wanted(ix, wanted)?, ix)))
        .collect();
    // Counted, then placed: each quantity's observations in view order.
    let mut counts = vec![0usize; ids.quantities.len()];
    for &(q, _) in &found {
        counts[q] += 1;
    }
    let mut next: Vec<usize> = counts
        .iter()
        .scan(0, |start, &n| {
            let at = *start;
            *start += n;
            Some(at)
        })
        .collect();
    let mut placed = vec![0; found.len()];
    for &(q, ix) in &found {
        placed[next[q]] = ix;
        next[q] += 1;
    }
    // `next[q]` is now where quantity q's observations end.
    let groups = (0..counts.len()).filter(|&q| counts[q] > 0).map(|q| {
        let observations = placed[next[q] - counts[q]..next[q]].to_vec();
        (ids.quantities[q], observations)
    });
    groups
        .map(|((indicator, subject), observations)| {
            let (mut dated, mut years, mut approximate) = (0, None, true);
            for &ix in &observations {
                let Some(span) = model.span_under(ix, filter) else {
                    continue;
                };
                dated += 1;
                years = Some(years.map_or(span, |y: YearSpan| YearSpan {
                    start: y.start.min(span.start),
                    end: y.end.max(span.end),
                }));
                approximate &= model.time(ix).is_approximate();
            }
            IndicatorRow {
                indicator,
                subject,
                dated,
                years,
                years_approximate: approximate && !filter.own_dates_only,
                latest: model.latest_of(&observations, filter.own_dates_only),
                contested: model.is_contest(&observations),
                series: OnceCell::new(),
                observations,
            }
        })
        .collect()
}

/// How many rows `view` has for the indicators `wanted` marks, without
/// working them out.
pub fn count_of(view: &[RecordIx], ids: &QuantityIds, wanted: &[bool]) -> usize {
    let mut seen = vec![false; ids.quantities.len()];
    for &ix in view {
        if let Some(q) = ids.wanted(ix, wanted) {
            seen[q] = true;
        }
    }
    seen.into_iter().filter(|&s| s).count()
}

impl IndicatorRow {
    /// The indicator the row is about.
    pub fn indicator<'m>(&self, model: &'m Model) -> &'m Indicator {
        &model.dataset().indicators[self.indicator]
    }

    /// Its dated observations as a series; `filter` must be the one the
    /// row was made with.
    pub fn series(&self, model: &Model, filter: &Filter) -> &Series {
        self.series.get_or_init(|| {
            let dated: Vec<RecordIx> = (self.observations.iter().copied())
                .filter(|&ix| model.span_under(ix, filter).is_some())
                .collect();
            Series::of(model, filter, &dated)
        })
    }

    /// Who or what it measures, by its shortest name: `DPRK`, `Koryolink`.
    pub fn about<'m>(&self, model: &'m Model) -> &'m str {
        self.subject
            .map_or("—", |e| format::short_name(&model.dataset().entities[e]))
    }

    /// `1990–2024`, `2005`, `c. 2002` (placed only by their sources'
    /// dates), or `undated`.
    pub fn years_text(&self) -> String {
        let about = if self.years_approximate { "c. " } else { "" };
        match self.years {
            Some(span) if span.start == span.end => format!("{about}{}", span.start),
            Some(span) => format!("{about}{}–{}", span.start, span.end),
            None => "undated".to_owned(),
        }
    }

    /// The latest claim's figure as worded, without the unit.
    pub fn latest_figure(&self, model: &Model) -> String {
        self.latest
            .first()
            .and_then(|&ix| format::figure(model.record(ix)))
            .unwrap_or_default()
    }

    /// When the latest claim holds: `2022`, `c. 2012`, `undated`.
    pub fn latest_when(&self, model: &Model) -> String {
        self.latest.first().map_or(String::new(), |&ix| {
            format::when_short(model.record(ix), model.source_of(ix))
        })
    }

    /// The latest claim's source, and how many more claims tie with it:
    /// `cia-factbook-2025`, `alpha-review +2 more`.
    pub fn latest_source(&self, model: &Model) -> String {
        let Some(&first) = self.latest.first() else {
            return String::new();
        };
        format!("{}{}", model.record(first).source, self.more_latest())
    }

    /// What `latest_source` adds to the source's id: ` +2 more`, or nothing.
    fn more_latest(&self) -> String {
        match self.latest.len() {
            0 | 1 => String::new(),
            n => format!(" +{} more", n - 1),
        }
    }
}

/// What the Indicators table's columns must hold, from every row, so that
/// columns stay put while scrolling. Worked out once per filter change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub name: usize,
    pub unit: usize,
    pub about: usize,
    pub years: usize,
    pub latest: usize,
    pub when: usize,
    pub source: usize,
    /// Of the observation lists: their widest date and source id.
    pub observation_when: usize,
    pub observation_source: usize,
}

/// `widths` are the model's (`Fixed::claim_widths`): the observations'
/// widths, the latest claims' too, are looked up, not formatted again for
/// every filter (formatting each row's latest figure and source took most
/// of the time at a million records).
pub fn needs(model: &Model, widths: &ClaimWidths, rows: &[IndicatorRow]) -> Needs {
    let indicators = &model.dataset().indicators;
    let widest = |f: &dyn Fn(&IndicatorRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let observations = || rows.iter().flat_map(|row| &row.observations).map(|&ix| widths.of(ix));
    Needs {
        name: widest(&|r| indicators[r.indicator].name.width()),
        unit: widest(&|r| indicators[r.indicator].unit.width()),
        about: widest(&|r| r.about(model).width()),
        years: widest(&|r| r.years_text().width()),
        latest: widest(&|r| r.latest.first().map_or(0, |&ix| widths.of(ix).figure.into())),
        when: widest(&|r| r.latest.first().map_or(0, |&ix| widths.of(ix).when_listed.into())),
        source: widest(&|r| {
            (r.latest.first()).map_or(0, |&ix| usize::from(widths.of(ix).source) + r.more_latest().width())
        }),
        observation_when: observations().map(|w| usize::from(w.when_listed)).max().unwrap_or(0),
        observation_source: observations().map(|w| usize::from(w.source)).max().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::tui::testing::fixture;

    #[test]
    fn quantities_are_numbered_by_indicator_then_subject_none_last_and_each_observation_has_its_own() {
        // The fixture as a version-1 dataset, whose observations may name
        // no entity: one more, first, of ExampleNet's subscribers, without
        // its subject.
        let mut dataset = fixture();
        dataset.schema_version = 1;
        let mut unnamed = (dataset.records.iter())
            .find(|record| record.id == "subscribers-2009")
            .unwrap()
            .clone();
        unnamed.id = "subscribers-unnamed".into();
        unnamed.entities.clear();
        dataset.records.insert(0, unnamed);
        let model = Model::new(dataset);
        let ids = QuantityIds::of_model(&model);
        // The order worked out apart: by indicator, then subject, `None`
        // after every subject.
        let set: BTreeSet<(usize, bool, usize)> = (0..model.len())
            .filter_map(|ix| {
                let indicator = model.indicator_index(ix)?;
                let subject = model.subject_index(ix);
                Some((indicator, subject.is_none(), subject.unwrap_or(0)))
            })
            .collect();
        let expected: Vec<Quantity> = set
            .into_iter()
            .map(|(indicator, none, subject)| (indicator, (!none).then_some(subject)))
            .collect();
        assert!(expected.len() > 5, "the fixture has {} quantities", expected.len());
        // ExampleNet's subscribers (the first indicator): measured of
        // ExampleNet (the third entity), then of no one.
        assert_eq!(expected[..2], [(0, Some(2)), (0, None)]);
        assert_eq!(ids.quantities, expected);
        for ix in 0..model.len() {
            let number = ids.of[ix];
            match model.indicator_index(ix) {
                Some(indicator) => {
                    assert_eq!(
                        ids.quantities[number as usize],
                        (indicator, model.subject_index(ix)),
                        "{ix}"
                    );
                }
                None => assert_eq!(number, NO_QUANTITY, "{ix}"),
            }
        }
    }
}
