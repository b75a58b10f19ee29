//! The quantities of a model (an indicator about a subject) numbered, and
//! each observation's (`QuantityIds`); every observation grouped by
//! quantity in the order any view keeps them in (`ClaimTable`), with what the Indicators and Estimates
//! views read of each: its time, source and whether it is a range (cheap,
//! from the model's own arrays), and how wide its texts are and the values
//! it gives (`ClaimTexts`, which formats every claim). Worked out once for
//! a model, so that a filter change reads the claims in one pass in memory
//! order rather than visiting each record's fields far apart (two thirds
//! of a filter change with either view shown, at a million records).
//! Also each claim's figure as the lists word it (`claim_figure`).

use std::collections::HashMap;

use foldhash::fast::FixedState;
use unicode_width::UnicodeWidthStr;

use crate::data::{Qualifier, Record};
use crate::model::{Model, RecordIx, Time, YearSpan, format};

/// An indicator and the entity it measures, by their positions.
pub type Quantity = (usize, Option<usize>);

/// Every quantity of a model numbered in the Indicators view's order (the
/// dataset's order of indicators, then of subjects, none last), and each
/// record's number: worked out once, so that grouping the records in view
/// is counting, not hashing a million keys per filter change.
#[derive(Debug, Clone, Default)]
pub struct QuantityIds {
    quantities: Vec<Quantity>,
    /// By indicator: the number of its first quantity (numbers follow the
    /// order of indicators), and the count of them all at the end: a key
    /// that wants a few indicators reads their quantities alone, not the
    /// whole list (77,000 quantities, 1.8 MB, at a million records).
    indicator_starts: Vec<usize>,
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
        let quantities: Vec<Quantity> = quantities.into_iter().map(|(q, _)| q).collect();
        let indicators = model.dataset().indicators.len();
        let indicator_starts = (0..=indicators)
            .map(|i| quantities.partition_point(|&(indicator, _)| indicator < i))
            .collect();
        Self {
            quantities,
            indicator_starts,
            of,
        }
    }

    /// The numbers of the quantities of the indicators `wanted` marks (by
    /// position), in order.
    pub fn of_indicators<'w>(&self, wanted: &'w [bool]) -> impl Iterator<Item = usize> + use<'_, 'w> {
        let marked = wanted.iter().enumerate().filter(|&(_, &want)| want);
        marked.flat_map(|(i, _)| self.indicator_starts[i]..self.indicator_starts[i + 1])
    }

    /// Each quantity, by number.
    pub fn quantities(&self) -> &[Quantity] {
        &self.quantities
    }

    /// The number of record `ix`'s quantity, if it is an observation.
    pub fn number(&self, ix: RecordIx) -> Option<usize> {
        let q = *self.of.get(ix)?;
        (q != NO_QUANTITY).then_some(q as usize)
    }

    /// The number of record `ix`'s quantity, if it is an observation of an
    /// indicator `wanted` marks.
    pub(super) fn wanted(&self, ix: RecordIx, wanted: &[bool]) -> Option<usize> {
        self.number(ix).filter(|&q| wanted[self.quantities[q].0])
    }
}

/// The model's observations by quantity: quantity `q`'s (numbered as
/// `QuantityIds` numbers them) are `records[starts[q]..starts[q + 1]]`, in
/// the order of `Model::all`. A view keeps the records in that order,
/// except that with `own_dates_only` those without a date of their own
/// come after those with one (`indicators::rows` reads them so).
#[derive(Debug, Clone, Default)]
pub struct ClaimTable {
    /// Each quantity's indicator and subject, by number.
    quantities: Vec<Quantity>,
    starts: Vec<usize>,
    records: Vec<u32>,
    /// Beside each of `records`, what every filter change reads of it.
    facts: Vec<ClaimFacts>,
    /// By quantity, what its claims reach in time.
    reaches: Vec<Reach>,
}

/// What a quantity's claims reach in time (placed by own or approximate
/// dates alike), to tell, most often without reading them, whether one
/// is within a range of years: the Overview's count of quantities in view
/// reads thousands of quantities' first claims after a year nudge, each on
/// a page of its own (1.5 MiB at a million records), and this 24 bytes a
/// quantity, one after another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// The years of the dated claims starting first and last (the table
    /// holds them by start) and of the one ending last.
    first: Option<YearSpan>,
    last: Option<YearSpan>,
    latest_end: Option<YearSpan>,
    /// Whether any claim is undated.
    undated: bool,
}

impl Reach {
    /// The reach of `facts`, dated ones first by start as the table holds them.
    fn of(facts: &[ClaimFacts]) -> Self {
        let dated = facts.iter().filter_map(|facts| facts.time.span());
        Self {
            first: dated.clone().next(),
            last: dated.clone().next_back(),
            latest_end: dated.max_by_key(|span| span.end),
            undated: facts.iter().any(|facts| facts.time.span().is_none()),
        }
    }

    /// Whether a claim overlaps `from` to `to`, or is undated when
    /// `undated` shows those; `None` when only reading the claims tells.
    pub fn tells(self, from: Option<i32>, to: Option<i32>, undated: bool) -> Option<bool> {
        if undated && self.undated {
            return Some(true);
        }
        let (Some(first), Some(last), Some(latest_end)) = (self.first, self.last, self.latest_end) else {
            return Some(false);
        };
        if [first, last, latest_end].iter().any(|span| span.overlaps(from, to)) {
            return Some(true);
        }
        // No claim starts before the first or ends after the latest end.
        if to.is_some_and(|to| to < first.start) || from.is_some_and(|from| from > latest_end.end) {
            return Some(false);
        }
        None
    }
}

/// What a quantity's row reads of a claim for any filter.
#[derive(Debug, Clone, Copy)]
pub struct ClaimFacts {
    pub time: Time,
    /// Its source's position in the dataset's sources.
    pub source: u32,
    /// Whether its figure is a range.
    pub ranged: bool,
}

/// One quantity's claims, in the order of `Model::all`.
pub struct QuantityClaims<'t> {
    /// The indicator's position in the dataset's indicators.
    pub indicator: usize,
    /// The subject's position in the dataset's entities.
    pub subject: Option<usize>,
    /// Where its claims start in the table (`ClaimTexts::at` reads there).
    pub start: usize,
    pub records: &'t [u32],
    pub facts: &'t [ClaimFacts],
}

impl ClaimTable {
    pub fn of_model(model: &Model, ids: &QuantityIds) -> Self {
        let quantities = ids.quantities().to_vec();
        // Counted, then placed, in the order of `Model::all`.
        let mut starts = vec![0; quantities.len() + 1];
        for ix in 0..model.len() {
            if let Some(q) = ids.number(ix) {
                starts[q + 1] += 1;
            }
        }
        for q in 0..quantities.len() {
            starts[q + 1] += starts[q];
        }
        let mut next = starts.clone();
        let mut records = vec![0; starts[quantities.len()]];
        for &ix in model.all() {
            if let Some(q) = ids.number(ix) {
                records[next[q]] = u32::try_from(ix).expect("fewer than 2^32 records");
                next[q] += 1;
            }
        }
        let facts: Vec<ClaimFacts> = (records.iter())
            .map(|&ix| {
                let ix = ix as RecordIx;
                ClaimFacts {
                    time: model.time(ix),
                    source: u32::try_from(model.source_index(ix)).unwrap_or(u32::MAX),
                    ranged: model.is_ranged(ix),
                }
            })
            .collect();
        let reaches = (starts.windows(2))
            .map(|range| Reach::of(&facts[range[0]..range[1]]))
            .collect();
        Self {
            quantities,
            starts,
            records,
            facts,
            reaches,
        }
    }

    /// What quantity `q`'s claims reach in time.
    pub fn reach(&self, q: usize) -> Reach {
        self.reaches[q]
    }

    /// Quantity `q`'s claims (`q` as `QuantityIds` numbers it).
    pub fn quantity(&self, q: usize) -> QuantityClaims<'_> {
        let (indicator, subject) = self.quantities[q];
        let range = self.starts[q]..self.starts[q + 1];
        QuantityClaims {
            indicator,
            subject,
            start: range.start,
            records: &self.records[range.clone()],
            facts: &self.facts[range],
        }
    }

    /// How many claims it holds: every observation of the model.
    pub fn claim_count(&self) -> usize {
        self.records.len()
    }
}

/// Beside each claim of a `ClaimTable`, its texts' widths and values:
/// what the lists' columns and axes must hold.
#[derive(Debug, Clone, Default)]
pub struct ClaimTexts(Vec<ClaimText>);

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClaimText {
    pub widths: ClaimWidth,
    /// The smallest and largest positive value it gives (its figure, or a
    /// range's or a vague amount's bounds), if any.
    pub values: Option<(f64, f64)>,
}

/// How wide a claim's texts are, in columns (at most `u16::MAX`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimWidth {
    /// Its figure with its unit.
    pub full: u16,
    /// Its figure alone, as a claim (a vague amount by its words alone).
    pub bare: u16,
    /// Its figure as a row's latest claim says it (`format::figure`: a
    /// vague amount with the bounds its words imply).
    pub figure: u16,
    /// When it holds (`1997`, `c. 2002`); 0 when undated.
    pub when: u16,
    /// When it holds as a list of observations says it (`undated` too).
    pub when_listed: u16,
    /// Its source's id.
    pub source: u16,
}

impl ClaimTexts {
    pub fn of_model(model: &Model, table: &ClaimTable) -> Self {
        // A source's id is measured once, not once a claim.
        let sources: Vec<u16> = model.dataset().sources.iter().map(|s| columns(&s.id)).collect();
        // Worked out in the records' order, where they lie in memory one
        // after another, and placed in the table's.
        let mut at = vec![u32::MAX; model.len()];
        for (position, &ix) in table.records.iter().enumerate() {
            at[ix as usize] = u32::try_from(position).unwrap_or(u32::MAX);
        }
        let mut texts = vec![ClaimText::default(); table.records.len()];
        for (ix, &position) in at.iter().enumerate().filter(|(_, p)| **p != u32::MAX) {
            texts[position as usize] = ClaimText::of(model, ix, &sources);
        }
        Self(texts)
    }

    /// The texts of the claim at `at` in the table.
    pub fn at(&self, at: usize) -> ClaimText {
        self.0[at]
    }
}

impl ClaimText {
    /// Observation `ix`'s (zeros for a record that is no observation);
    /// `sources` are the widths of the sources' ids.
    fn of(model: &Model, ix: RecordIx, sources: &[u16]) -> Self {
        let Some(indicator) = model.indicator_of(ix) else {
            return Self::default();
        };
        let record = model.record(ix);
        let figure = |unit: Option<format::Unit<'_>>| claim_figure(record, unit).as_deref().map_or(0, columns);
        let when_listed = columns(&format::when_short(record, model.source_of(ix)));
        let bare = figure(None);
        let widths = ClaimWidth {
            full: figure(Some(format::Unit::of(indicator))),
            bare,
            // `claim_figure` differs from `format::figure` only for a vague amount.
            figure: if record.qualifier == Some(Qualifier::Vague) {
                format::figure(record).as_deref().map_or(0, columns)
            } else {
                bare
            },
            when: if model.span(ix).is_some() { when_listed } else { 0 },
            when_listed,
            source: sources[model.source_index(ix)],
        };
        let positive = [record.value, record.low, record.high]
            .into_iter()
            .flatten()
            .filter(|v| *v > 0.0 && v.is_finite());
        Self {
            widths,
            values: positive.fold(None, |span, v| Some(widen(span, (v, v)))),
        }
    }
}

/// How many columns `text` takes (at most `u16::MAX`): most of the claims'
/// texts are printable ASCII, a column a byte, which is told faster than
/// measuring them character by character.
fn columns(text: &str) -> u16 {
    let width = if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        text.len()
    } else {
        text.width()
    };
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// `span` widened to take in `by`.
fn widen(span: Option<(f64, f64)>, by: (f64, f64)) -> (f64, f64) {
    span.map_or(by, |(lo, hi)| (lo.min(by.0), hi.max(by.1)))
}

/// The widest texts of some claims, and the values they span: what a list
/// of them must hold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Widest {
    /// Each text's widest.
    pub widths: ClaimWidth,
    pub values: Option<(f64, f64)>,
}

impl Widest {
    pub fn add(&mut self, text: ClaimText) {
        self.widths = self.widths.widest(text.widths);
        if let Some(values) = text.values {
            self.values = Some(widen(self.values, values));
        }
    }
}

impl ClaimWidth {
    /// Each of these widths or `other`'s, whichever is wider.
    fn widest(self, other: Self) -> Self {
        Self {
            full: self.full.max(other.full),
            bare: self.bare.max(other.bare),
            figure: self.figure.max(other.figure),
            when: self.when.max(other.when),
            when_listed: self.when_listed.max(other.when_listed),
            source: self.source.max(other.source),
        }
    }
}

/// A claim's figure as the list shows it, with its unit or without: a
/// vague amount by its words alone (its bar shows the bounds they imply).
pub fn claim_figure(record: &Record, unit: Option<format::Unit<'_>>) -> Option<String> {
    if record.qualifier == Some(Qualifier::Vague) {
        return record.amount_text.as_deref().map(str::to_owned);
    }
    match unit {
        Some(unit) => format::figure_with_unit(record, unit),
        None => format::figure(record),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::tui::testing::fixture;

    /// Claims as the table holds one quantity's: dated ones by start
    /// (periods up to 8 years), then undated ones.
    fn claims() -> impl Strategy<Value = Vec<ClaimFacts>> {
        let dated = prop::collection::vec((1990..2000i32, 0..8i32), 0..6);
        (dated, 0..3usize).prop_map(|(mut spans, undated)| {
            spans.sort_by_key(|&(start, _)| start);
            let facts = |time| ClaimFacts {
                time,
                source: 0,
                ranged: false,
            };
            let spans = spans
                .into_iter()
                .map(|(start, n)| Time::Own(YearSpan { start, end: start + n }));
            spans
                .chain(std::iter::repeat_n(Time::Undated { after: None }, undated))
                .map(facts)
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// What a reach tells of a range is what reading every claim tells.
        #[test]
        fn a_reach_tells_only_what_the_claims_say(
            claims in claims(),
            from in prop::option::of(1985..2012i32),
            to in prop::option::of(1985..2012i32),
            undated: bool,
        ) {
            let read = claims.iter().any(|c| c.time.span().map_or(undated, |span| span.overlaps(from, to)));
            let told = Reach::of(&claims).tells(from, to, undated);
            prop_assert!(told.is_none_or(|told| told == read), "told {:?}, read {}", told, read);
            // A reach that never told would pass the above: it must tell
            // where its first, last and latest ending claims settle it.
            let spans: Vec<YearSpan> = claims.iter().filter_map(|c| c.time.span()).collect();
            let settled = (undated && spans.len() < claims.len())
                || spans.iter().all(|span| span.overlaps(from, to))
                || to.is_some_and(|to| spans.iter().all(|span| to < span.start))
                || from.is_some_and(|from| spans.iter().all(|span| from > span.end));
            prop_assert!(told.is_some() || !settled, "not told, though settled (read {})", read);
        }
    }

    #[test]
    fn text_is_measured_in_columns_korean_two_a_character() {
        assert_eq!(columns(""), 0);
        assert_eq!(columns("c. 2002"), 7);
        assert_eq!(columns("1,200 km"), 8);
        // Two Hangul syllables, two columns each; an en dash, one.
        assert_eq!(columns("평양"), 4);
        assert_eq!(columns("1990–2024"), 9);
        assert_eq!(columns(&"9".repeat(70_000)), u16::MAX);
    }

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
        // Each indicator's quantities, and any two's, by the list itself.
        let indicators = model.dataset().indicators.len();
        for (a, b) in (0..indicators).flat_map(|a| (a..indicators).map(move |b| (a, b))) {
            let wanted: Vec<bool> = (0..indicators).map(|i| i == a || i == b).collect();
            let numbers: Vec<usize> = (0..expected.len()).filter(|&q| wanted[expected[q].0]).collect();
            assert_eq!(ids.of_indicators(&wanted).collect::<Vec<_>>(), numbers, "{a} {b}");
        }
        assert_eq!(ids.of_indicators(&vec![false; indicators]).count(), 0);
    }
}
