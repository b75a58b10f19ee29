//! What the filter and the sort yield, worked out in one place whenever
//! either changes (`Derived::new`, `Derived::resort`), so that drawing a
//! frame only reads. Counts over the whole dataset are worked out once
//! (`Totals`).

pub mod estimates;
pub mod indicators;
pub mod overview;
pub mod series;

use crate::data::Category;
use crate::model::{Filter, Model, RecordIx};
use indicators::IndicatorRow;

/// What the Records view is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Date,
    Category,
    Title,
    Source,
}

impl SortColumn {
    pub const ALL: [SortColumn; 4] = [Self::Date, Self::Category, Self::Title, Self::Source];

    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Category => "category",
            Self::Title => "title",
            Self::Source => "source",
        }
    }

    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|&c| c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: SortColumn,
    pub reversed: bool,
}

/// What the filter yields.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The records in view, dated first by date.
    pub view: Vec<RecordIx>,
    /// The dated records in view.
    pub timeline: Vec<RecordIx>,
    /// The records in view in the Records view's sort order.
    pub sorted: Vec<RecordIx>,
    /// One row per indicator and subject.
    pub indicators: Vec<IndicatorRow>,
    /// What the Indicators view's columns must hold.
    pub indicator_needs: indicators::Needs,
    /// The contested quantities, each a heading and its claims.
    pub estimates: Vec<estimates::Item>,
    /// What the Estimates view's columns must hold, from every claim.
    pub estimate_needs: estimates::Needs,
    /// With no contested quantity in view: how many there would be with
    /// the undated records a year range leaves out.
    pub contests_undated: usize,
    /// Records in view per source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
    /// The Overview's figures, gauges and counts.
    pub overview: overview::Facts,
}

impl Derived {
    pub fn new(model: &Model, filter: &Filter, sort: Sort, plan: &overview::Plan) -> Self {
        let view = model.filter(filter);
        // With `own_dates_only`, records placed only by their source are undated.
        let timeline: Vec<RecordIx> = view
            .iter()
            .copied()
            .filter(|&ix| model.span_under(ix, filter).is_some())
            .collect();
        let indicators = indicators::rows(model, filter, &view);
        let estimates = estimates::items(&indicators);
        let estimate_needs = estimates::needs(model, &indicators, &estimates);
        let contests_undated = if estimates.is_empty() && filter.has_year_range() && !filter.include_undated {
            let wider = Filter {
                include_undated: true,
                ..filter.clone()
            };
            model.contests(&model.filter(&wider)).len()
        } else {
            0
        };
        let per_source = model.counts_by_source(&view).into_iter().map(|(_, n)| n).collect();
        let overview = overview::Facts::new(model, filter, &view, &timeline, &indicators, plan);
        Self {
            sorted: sorted(model, &view, sort),
            view,
            timeline,
            indicator_needs: indicators::needs(model, &indicators),
            indicators,
            estimates,
            estimate_needs,
            contests_undated,
            per_source,
            overview,
        }
    }

    /// Sorts the records in view again, for a new sort order.
    pub fn resort(&mut self, model: &Model, sort: Sort) {
        self.sorted = sorted(model, &self.view, sort);
    }
}

/// Counts over the whole dataset, which never change after loading.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Records per source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
    /// Records per category, in `Category::ALL` order.
    pub per_category: Vec<usize>,
}

impl Totals {
    pub fn of(model: &Model) -> Self {
        let all = model.all();
        let per_category = model.counts_by_category(all);
        Self {
            per_source: model.counts_by_source(all).into_iter().map(|(_, n)| n).collect(),
            per_category: Category::ALL
                .iter()
                .map(|c| per_category.iter().find(|(k, _)| k == c).map_or(0, |(_, n)| *n))
                .collect(),
        }
    }
}

fn sorted(model: &Model, view: &[RecordIx], sort: Sort) -> Vec<RecordIx> {
    let mut rows = view.to_vec();
    match sort.column {
        // `view` is already in date order, undated last.
        SortColumn::Date => {}
        SortColumn::Category => rows.sort_by_key(|&ix| model.record(ix).category.as_str()),
        SortColumn::Title => rows.sort_by_cached_key(|&ix| model.record(ix).title.to_lowercase()),
        SortColumn::Source => rows.sort_by_key(|&ix| model.record(ix).source.as_str()),
    }
    if sort.reversed {
        rows.reverse();
    }
    rows
}
