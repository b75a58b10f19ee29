//! What the Records view needs from the records in view, worked out once
//! per filter change: which of its optional columns carry something and how
//! wide they must be, the order by figure, and, when nothing is in view,
//! which part of the filter emptied it.

use unicode_width::UnicodeWidthStr;

use crate::model::{Filter, Model, RecordIx, format, nonzero_categories};
use crate::tui::action::Facet;
use crate::tui::picker;

/// The widest a figure column grows.
pub const FIGURE_MAX: u16 = 28;

/// How many figures are measured for the Figure column's width: enough to
/// see the usual ones, few enough that a million records stay quick.
const FIGURES_MEASURED: usize = 1000;

/// Widths the optional columns need; 0 where a column would carry nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// The widest figure in view (of the first thousand), up to `FIGURE_MAX`.
    pub figure: u16,
    /// The columns that show nine in ten of those figures' numbers whole
    /// (see `format::figure_number_width`), up to `FIGURE_MAX`.
    pub figure_number: u16,
    /// Whether half the records in view or more have a figure: otherwise a
    /// Figure column would be mostly blank.
    pub figures_dense: bool,
    /// The widest category in view, when there are two or more.
    pub category: u16,
    /// The widest source id in view.
    pub source: u16,
}

/// What the Records view's columns must hold for `in_view` records, of
/// which `observations` (in view order) measure an indicator: only they can
/// have a figure, so a record that does not is never visited (at a million
/// records in view, a look at each one's indicator was most of the work).
/// `per_source` counts the records in view by source, in the dataset's
/// order, `per_category` by category.
pub fn needs(
    model: &Model,
    in_view: usize,
    observations: &[RecordIx],
    per_source: &[usize],
    per_category: &[usize],
) -> Needs {
    let figures = observations.iter().filter_map(|&ix| figure(model, ix));
    let widths = figures
        .take(FIGURES_MEASURED)
        .map(|text| (text.width(), format::figure_number_width(&text)));
    let (whole, numbers): (Vec<usize>, Vec<usize>) = widths.unzip();
    let figure = whole.into_iter().max();
    let figure_number = nine_in_ten(numbers);
    let categories = nonzero_categories(per_category);
    let category = match categories.as_slice() {
        [_, _, ..] => categories.iter().map(|(c, _)| c.as_str().width()).max(),
        _ => None,
    };
    let sources = model.dataset().sources.iter().zip(per_source);
    let source = sources.filter(|(_, n)| **n > 0).map(|(s, _)| s.id.width()).max();
    let columns = |width: Option<usize>| width.map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX));
    Needs {
        figure: columns(figure).min(FIGURE_MAX),
        figure_number: columns(figure_number).min(FIGURE_MAX),
        figures_dense: observations.len() * 2 >= in_view,
        category: columns(category),
        source: columns(source),
    }
}

/// The width nine in ten of `widths` fit in: a figure whose number comes
/// late (`hundreds of thousands of subscribers (200,000–999,999)`) does
/// not widen the column for all the others.
fn nine_in_ten(mut widths: Vec<usize>) -> Option<usize> {
    widths.sort_unstable();
    let at = (widths.len() * 9).div_ceil(10).checked_sub(1)?;
    widths.get(at).copied()
}

/// A record's figure as the Records view shows it: with its unit.
pub fn figure(model: &Model, ix: RecordIx) -> Option<String> {
    let indicator = model.indicator_of(ix)?;
    format::figure_with_unit(model.record(ix), format::Unit::of(indicator))
}

/// The number a figure sorts by: its value; for a range, or a vague amount
/// with bounds, its low end (its high end when it has only that).
fn sort_value(model: &Model, ix: RecordIx) -> Option<f64> {
    let record = model.record(ix);
    model.indicator_of(ix)?;
    (record.value.or(record.low).or(record.high)).filter(|v| v.is_finite())
}

/// `view` by figure, smallest first (largest first when `descending`), ties
/// in `view`'s order; records without a figure last either way, in
/// `view`'s order.
pub fn by_figure(model: &Model, view: &[RecordIx], descending: bool) -> Vec<RecordIx> {
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for &ix in view {
        match sort_value(model, ix) {
            Some(value) => with.push((value, ix)),
            None => without.push(ix),
        }
    }
    if descending {
        with.sort_by(|a, b| b.0.total_cmp(&a.0));
    } else {
        with.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let mut sorted: Vec<RecordIx> = with.into_iter().map(|(_, ix)| ix).collect();
    sorted.append(&mut without);
    sorted
}

/// A part of the filter, as an empty view names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterPart {
    Years,
    OwnDates,
    Search,
    Facet(Facet),
}

/// The parts of `filter` in force, each with how many records would be in
/// view without it (the others kept): what to undo when nothing is left.
/// Only worked out for an empty view (a filter run per part in force).
pub fn emptied(model: &Model, filter: &Filter) -> Vec<(FilterPart, usize)> {
    let facets = [
        Facet::Category,
        Facet::Entity,
        Facet::Indicator,
        Facet::Source,
        Facet::Kind,
    ];
    let mut parts = vec![FilterPart::Search, FilterPart::Years, FilterPart::OwnDates];
    parts.extend(facets.map(FilterPart::Facet));
    parts
        .into_iter()
        .filter_map(|part| {
            let mut without = filter.clone();
            match part {
                FilterPart::Years => without.set_years(crate::model::YearRange::ALL),
                FilterPart::OwnDates => without.own_dates_only = false,
                FilterPart::Search => without.search.clear(),
                FilterPart::Facet(facet) => picker::set(&mut without, facet, Vec::new()),
            }
            (without != *filter).then(|| (part, model.filter(&without).len()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::derived::{Derived, Sort};

    #[test]
    fn nine_in_ten_widths_fit_and_the_odd_one_does_not_count() {
        // Ten widths: the ninth smallest is 9; the 52 is left out.
        assert_eq!(nine_in_ten(vec![52, 1, 2, 3, 4, 5, 6, 7, 8, 9]), Some(9));
        // Under ten, all fit.
        assert_eq!(nine_in_ten(vec![7, 3]), Some(7));
        assert_eq!(nine_in_ten(Vec::new()), None);
    }
    use crate::tui::testing::fixture;

    /// The Records view's columns for the fixture's records in `from..=to`.
    fn columns_within(model: &Model, from: i32, to: i32) -> Needs {
        let filter = Filter {
            from: Some(from),
            to: Some(to),
            ..Filter::default()
        };
        Derived::new(model, &filter, Sort::default()).record_columns(model)
    }

    #[test]
    fn the_figure_column_is_dense_when_half_the_records_in_view_have_a_figure_and_as_wide_as_the_widest() {
        let model = Model::new(fixture());
        // 1990 to 2002: eight records (a cable agreement, a backbone plan
        // of 1995-1999, an intranet policy, a network of 2000-2009, a word
        // processor, an intranet's opening, and two counts of lines per 100
        // people: 3.2 and 41.5). Two figures of eight: sparse.
        let sparse = columns_within(&model, 1990, 2002);
        assert!(!sparse.figures_dense);
        // "41.5 lines per 100 people", the wider of the two.
        assert_eq!(sparse.figure, 25);
        // 2000 to 2009: eight records, four with a figure (a cable's
        // length, the institute's staff, two subscriber counts): half, dense.
        let dense = columns_within(&model, 2000, 2009);
        assert!(dense.figures_dense);
        // The widest of "1,234 km", "800 people", "1,000 subscribers" and
        // "about 10,000 subscribers".
        assert_eq!(dense.figure, 24);
        // 1965 to 1989: an institute founded, a first exchange, a
        // satellite station, computing courses; none measures anything.
        let none = columns_within(&model, 1965, 1989);
        assert_eq!((none.figure, none.figures_dense), (0, false));
    }
}
