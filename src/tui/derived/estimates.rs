//! The contested quantities (one indicator about one subject whose claims
//! come from two or more sources, or include a range) as the Estimates view
//! lists them: a heading per quantity, then its claims; and what its columns
//! must hold, from every claim, so that columns stay put while scrolling.
//! Worked out when the view is first drawn after a filter change, from
//! what the indicator rows gathered of their claims (`IndicatorRow::widest`),
//! not per frame.

use super::indicators::IndicatorRow;
use crate::model::RecordIx;

/// A row of the Estimates list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A contested quantity's heading: its row in `Derived::indicators`.
    Group(usize),
    /// One claim of the quantity above: its row, and the record.
    Claim(usize, RecordIx),
}

impl Item {
    /// The row in `Derived::indicators` of the quantity it belongs to.
    pub fn group(self) -> usize {
        match self {
            Self::Group(g) | Self::Claim(g, _) => g,
        }
    }

    pub fn record(self) -> Option<RecordIx> {
        match self {
            Self::Group(_) => None,
            Self::Claim(_, ix) => Some(ix),
        }
    }
}

/// Each contested row's heading, then its claims (in view order).
pub fn items(rows: &[IndicatorRow]) -> Vec<Item> {
    let mut items = Vec::new();
    for (g, row) in rows.iter().enumerate().filter(|(_, row)| row.contested) {
        items.push(Item::Group(g));
        items.extend(row.observations.iter().map(|&ix| Item::Claim(g, ix)));
    }
    items
}

/// What the claims' text needs, to share the list's width among its
/// columns, and the values each quantity spans, to fit its axis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Needs {
    /// Per indicator row, the widest figure with its unit and the widest without.
    pub figures: Vec<(usize, usize)>,
    /// Per indicator row, its claims' smallest and largest positive values.
    pub values: Vec<Option<(f64, f64)>>,
    /// How many quantities are contested.
    pub groups: usize,
    pub claims: usize,
    pub source: usize,
    /// The widest date listed (`undated` too); 0 when every claim is undated.
    pub when: usize,
}

/// From each contested row's `widest`: a filter change reads no claim
/// again. `rows` must be the Indicators view's (`indicators::measured`),
/// not the Overview's, which lack the widths.
pub fn needs(rows: &[IndicatorRow]) -> Needs {
    // Every claim's date is listed (`undated` too): a row gathered with
    // the claims' texts never has zero for it.
    debug_assert!(
        rows.iter().all(|row| row.widest.widths.when_listed > 0),
        "rows worked out without the claims' texts"
    );
    let mut needs = Needs {
        figures: vec![(0, 0); rows.len()],
        values: vec![None; rows.len()],
        ..Needs::default()
    };
    let mut listed = 0;
    for (g, row) in rows.iter().enumerate().filter(|(_, row)| row.contested) {
        let (widest, values) = (row.widest.widths, row.widest.values);
        needs.groups += 1;
        needs.claims += row.observations.len();
        needs.figures[g] = (widest.full.into(), widest.bare.into());
        needs.values[g] = values;
        needs.source = needs.source.max(widest.source.into());
        needs.when = needs.when.max(widest.when.into());
        listed = listed.max(widest.when_listed.into());
    }
    // No When column when every claim is undated (width 0): it would say
    // nothing. Otherwise it lists every claim's date, `undated` too.
    if needs.when > 0 {
        needs.when = listed;
    }
    needs
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::model::{Filter, Model, format};
    use crate::tui::derived::claims::claim_figure;
    use crate::tui::derived::{Derived, Fixed, Sort};
    use crate::tui::testing::fixture;

    #[test]
    fn the_needs_count_the_contested_claims_and_span_each_ones_values() {
        let model = Model::new(fixture());
        let filter = Filter::default();
        let derived = Derived::new(&model, &filter, Sort::default());
        let rows = &derived.quantities(&model, &filter, &Fixed::default()).indicators;
        let needs = needs(rows);
        // Worked out from the fixture: ExampleNet's subscribers (eight
        // claims, three sources), the institute's staff (three, two
        // sources) and Northland's coverage (two, two sources) are
        // contested; the other six quantities have one source each.
        assert_eq!((needs.groups, needs.claims), (3, 13));
        assert_eq!(rows.len(), 9);
        assert_eq!(
            needs.values,
            [
                Some((1000.0, 1e6)),
                Some((500.0, 2000.0)),
                Some((45.5, 60.0)),
                None,
                None,
                None,
                None,
                None,
                None
            ]
        );
        // `gamma-yearbook`, the longest source id among them.
        assert_eq!(needs.source, 14);
    }

    #[test]
    fn the_needs_are_the_widest_texts_the_estimates_view_draws() {
        let model = Model::new(fixture());
        let fixed = Fixed::default();
        let mut contested = 0;
        for filter in crate::tui::derived::indicators::tests::filters() {
            let derived = Derived::new(&model, &filter, Sort::default());
            let rows = &derived.quantities(&model, &filter, &fixed).indicators;
            let needs = &derived.contests(&model, &filter, &fixed).estimate_needs;
            let widest = |claims: &mut dyn Iterator<Item = String>| claims.map(|t| t.width()).max().unwrap_or(0);
            let claims = || (rows.iter().filter(|r| r.contested)).flat_map(|r| r.observations.iter().copied());
            for (g, row) in rows.iter().enumerate() {
                let unit = format::Unit::of(row.indicator(&model));
                let figures = |unit: Option<format::Unit<'_>>| {
                    let claims = row.observations.iter().map(|&ix| claim_figure(model.record(ix), unit));
                    widest(&mut claims.map(Option::unwrap_or_default))
                };
                let expected = if row.contested {
                    (figures(Some(unit)), figures(None))
                } else {
                    (0, 0)
                };
                assert_eq!(needs.figures[g], expected, "{filter:?} row {g}");
            }
            let source = widest(&mut claims().map(|ix| model.record(ix).source.to_string()));
            // The When column, shown when a claim is dated, lists every
            // claim's date (`undated` too).
            let when = match claims().any(|ix| model.span(ix).is_some()) {
                true => widest(&mut claims().map(|ix| format::when_short(model.record(ix), model.source_of(ix)))),
                false => 0,
            };
            assert_eq!((needs.source, needs.when), (source, when), "{filter:?}");
            contested += claims().count();
        }
        assert!(contested > 0);
    }
}
