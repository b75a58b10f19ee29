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
    /// Whether half the records in view or more have a figure: otherwise a
    /// Figure column would be mostly blank.
    pub figures_dense: bool,
    /// The widest category in view, when there are two or more.
    pub category: u16,
    /// The widest source id in view.
    pub source: u16,
}

/// What the Records view's columns must hold for `view`; `per_source`
/// counts its records by source, in the dataset's order, `per_category`
/// by category.
pub fn needs(model: &Model, view: &[RecordIx], per_source: &[usize], per_category: &[usize]) -> Needs {
    let figures = view.iter().filter_map(|&ix| figure(model, ix));
    let figure = figures.take(FIGURES_MEASURED).map(|text| text.width()).max();
    let with_figure = view.iter().filter(|&&ix| has_figure(model, ix)).count();
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
        figures_dense: with_figure * 2 >= view.len(),
        category: columns(category),
        source: columns(source),
    }
}

/// Whether a record has a figure to show: it measures an indicator. (The
/// model's index of indicators is compact; the records themselves are far
/// apart in memory, too slow to read a million of per keystroke.)
fn has_figure(model: &Model, ix: RecordIx) -> bool {
    model.indicator_index(ix).is_some()
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
