//! What the filter and the sort yield, worked out in one place whenever
//! either changes (`Derived::new`, `Derived::resort`), or for what only
//! some views read, the first time one of them is drawn; a frame after
//! that only reads. What depends on the dataset alone is worked out once
//! (`Totals`, `Fixed`).

pub mod claims;
pub mod estimates;
pub mod indicators;
pub mod overview;
pub mod records;
pub mod series;

use std::cell::OnceCell;
use std::sync::OnceLock;

use crate::model::{Filter, Filtered, HiddenByTime, Lent, Model, RecordIx, YearCounts};
use indicators::IndicatorRow;

/// What the Records view is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Date,
    /// By number (see `records::by_figure`); records without a figure last.
    Figure,
    Category,
    Title,
    Source,
}

impl SortColumn {
    pub const ALL: [SortColumn; 5] = [Self::Date, Self::Figure, Self::Category, Self::Title, Self::Source];

    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Figure => "figure",
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

impl Sort {
    /// How the Records view names it: `category ↑`, `date ↓`.
    pub fn label(self) -> String {
        let arrow = if self.reversed { "↓" } else { "↑" };
        format!("{} {arrow}", self.column.label())
    }
}

/// What the filter yields. What every view reads is worked out when the
/// filter changes (`Derived::new`); what only some views read, per
/// quantity, is worked out the first time one of them asks
/// (`Derived::quantities`, `Derived::overview`): a year nudge over a
/// million records must not build a million records' worth of indicator
/// rows for views not on screen.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The records in view, dated first by date.
    pub view: Vec<RecordIx>,
    /// Records the year range hides only because of their time.
    pub hidden: HiddenByTime,
    /// When nothing is in view: each part of the filter in force, with the
    /// records there would be without it.
    pub emptied: Vec<(records::FilterPart, usize)>,
    /// How many records lead `view` placed in time: the timeline.
    placed: usize,
    /// Records in view per source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
    /// The records in view that are observations, in view order: what
    /// the indicators' rows read (the rest have no quantity).
    observations: Vec<RecordIx>,
    /// Records in view by category (`Category as usize`).
    per_category: Vec<usize>,
    /// The timeline's records by the years they cover.
    years: YearCounts,
    /// The Records view's order.
    sort: Sort,
    /// The records in view in that order, unless it is the view's own.
    sorted: OnceCell<Vec<RecordIx>>,
    /// What the Records view's optional columns must hold.
    record_columns: OnceCell<records::Needs>,
    quantities: OnceCell<Quantities>,
    contests: OnceCell<Contests>,
    overview: OnceCell<overview::Facts>,
}

/// The quantities in view (the Indicators view).
#[derive(Debug, Clone, Default)]
pub struct Quantities {
    /// One row per indicator and subject.
    pub indicators: Vec<IndicatorRow>,
    /// What the Indicators view's columns must hold.
    pub indicator_needs: indicators::Needs,
}

/// The contested quantities in view (the Estimates view).
#[derive(Debug, Clone, Default)]
pub struct Contests {
    /// Each a heading (a row of `Quantities::indicators`) and its claims.
    pub estimates: Vec<estimates::Item>,
    /// What the Estimates view's columns must hold, from every claim.
    pub estimate_needs: estimates::Needs,
    /// With no contested quantity in view: how many there would be with
    /// the undated records a year range leaves out.
    pub contests_undated: usize,
}

/// What is worked out once for a model, the first time a view needs it,
/// or beforehand on another thread (`Fixed::prepare`): shared with it, a
/// view that asks meanwhile waits for that work rather than do it twice.
#[derive(Debug, Default)]
pub struct Fixed {
    /// What the Overview leads with.
    plan: OnceLock<overview::Plan>,
    quantity_ids: OnceLock<claims::QuantityIds>,
    /// The observations by quantity, in the order of `Model::all`: a
    /// view's, except that with `own_dates_only` a view puts those without
    /// a date of their own last.
    claims: OnceLock<claims::ClaimTable>,
    /// Their widths in the Estimates and Indicators lists, and values.
    claim_texts: OnceLock<claims::ClaimTexts>,
}

impl Fixed {
    /// Works out what the Indicators and Estimates views read of every
    /// claim, so that the first time one is shown it need not: the
    /// dashboard calls it on another thread once its first screen is
    /// drawn. The first screen has built the quantities' numbers and the
    /// table already (the Overview's rows read them: 20-30 ms each at a
    /// million records); the claims' texts are left (300-370 ms).
    pub fn prepare(&self, model: &Model) {
        // The texts are worked out from the table, the table from the
        // quantities' numbers: all three.
        self.claim_texts(model);
    }

    pub fn plan(&self, model: &Model) -> &overview::Plan {
        self.plan.get_or_init(|| overview::Plan::of(model))
    }

    pub fn quantity_ids(&self, model: &Model) -> &claims::QuantityIds {
        self.quantity_ids.get_or_init(|| claims::QuantityIds::of_model(model))
    }

    pub fn claims(&self, model: &Model) -> &claims::ClaimTable {
        (self.claims).get_or_init(|| claims::ClaimTable::of_model(model, self.quantity_ids(model)))
    }

    pub fn claim_texts(&self, model: &Model) -> &claims::ClaimTexts {
        (self.claim_texts).get_or_init(|| claims::ClaimTexts::of_model(model, self.claims(model)))
    }
}

impl Derived {
    pub fn new(model: &Model, filter: &Filter, sort: Sort) -> Self {
        Self::into_memory(model, filter, sort, Lent::default())
    }

    /// What `filter` yields, worked out in the memory of `self`, which is
    /// no longer needed: a filter change over a million records then
    /// writes into pages already touched (no page faults, no growing).
    /// The rest of `self` (a sorted copy of the view, the quantities...)
    /// is let go first, so that it is never held beside the new state.
    pub fn replaced(mut self, model: &Model, filter: &Filter, sort: Sort) -> Self {
        let lent = Lent {
            kept: std::mem::take(&mut self.view),
            observations: std::mem::take(&mut self.observations),
        };
        drop(self);
        Self::into_memory(model, filter, sort, lent)
    }

    fn into_memory(model: &Model, filter: &Filter, sort: Sort, lent: Lent) -> Self {
        let Filtered {
            view,
            hidden,
            placed,
            per_source,
            observations,
            per_category,
            years,
        } = model.filter_with_hidden_into(filter, lent);
        let emptied = if view.is_empty() {
            records::emptied(model, filter)
        } else {
            Vec::new()
        };
        Self {
            sort,
            sorted: OnceCell::new(),
            record_columns: OnceCell::new(),
            view,
            hidden,
            emptied,
            placed,
            per_source,
            observations,
            per_category,
            years,
            quantities: OnceCell::new(),
            contests: OnceCell::new(),
            overview: OnceCell::new(),
        }
    }

    /// The records in view that are observations, in view order.
    pub fn observations(&self) -> &[RecordIx] {
        &self.observations
    }

    /// The records in view placed in time, which lead it (with
    /// `own_dates_only`, those placed only by their source come after,
    /// with the undated).
    pub fn timeline(&self) -> &[RecordIx] {
        &self.view[..self.placed]
    }

    /// Sorts the records in view again, for a new sort order (when next read).
    pub fn resort(&mut self, sort: Sort) {
        self.sort = sort;
        self.sorted = OnceCell::new();
    }

    /// The same, in the Records view's order by `sort`: the order already
    /// worked out is kept if it is that.
    pub fn sorted_by(mut self, sort: Sort) -> Self {
        if self.sort != sort {
            self.resort(sort);
        }
        self
    }

    /// The records in view in the Records view's order: the view itself
    /// when by date, else sorted when first read.
    pub fn sorted(&self, model: &Model) -> &[RecordIx] {
        if self.sort == Sort::default() {
            return &self.view;
        }
        self.sorted.get_or_init(|| sorted(model, &self.view, self.sort))
    }

    /// What the Records view's optional columns must hold.
    pub fn record_columns(&self, model: &Model) -> records::Needs {
        *(self.record_columns).get_or_init(|| {
            let in_view = self.view.len();
            records::needs(model, in_view, &self.observations, &self.per_source, &self.per_category)
        })
    }

    /// The quantities in view; `filter` must be the one `self` was made with.
    pub fn quantities(&self, model: &Model, filter: &Filter, fixed: &Fixed) -> &Quantities {
        self.quantities.get_or_init(|| {
            let (indicators, indicator_needs) = indicators::measured(model, filter, &self.observations, fixed);
            Quantities {
                indicators,
                indicator_needs,
            }
        })
    }

    /// The contested quantities in view; `filter` as for `quantities`.
    pub fn contests(&self, model: &Model, filter: &Filter, fixed: &Fixed) -> &Contests {
        self.contests.get_or_init(|| {
            let rows = &self.quantities(model, filter, fixed).indicators;
            Contests::new(model, filter, rows)
        })
    }

    /// The Overview's figures, gauges and counts; `filter` as for `quantities`.
    pub fn overview(&self, model: &Model, filter: &Filter, fixed: &Fixed) -> &overview::Facts {
        self.overview
            .get_or_init(|| overview::Facts::new(model, filter, self, fixed.plan(model), fixed))
    }
}

impl Contests {
    fn new(model: &Model, filter: &Filter, rows: &[IndicatorRow]) -> Self {
        let estimates = estimates::items(rows);
        let estimate_needs = estimates::needs(rows);
        let contests_undated = if estimates.is_empty() && !filter.shows_undated() {
            let wider = Filter {
                include_undated: true,
                ..filter.clone()
            };
            model.contests(&model.filter(&wider)).len()
        } else {
            0
        };
        Self {
            estimates,
            estimate_needs,
            contests_undated,
        }
    }
}

/// Counts over the whole dataset, which never change after loading.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Records per source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
}

impl Totals {
    pub fn of(model: &Model) -> Self {
        let all = model.all();
        Self {
            per_source: model.counts_by_source(all).into_iter().map(|(_, n)| n).collect(),
        }
    }
}

fn sorted(model: &Model, view: &[RecordIx], sort: Sort) -> Vec<RecordIx> {
    let mut rows = view.to_vec();
    match sort.column {
        // `view` is already in date order, undated last.
        SortColumn::Date => {}
        // Records without a figure stay last whichever the direction.
        SortColumn::Figure => return records::by_figure(model, view, sort.reversed),
        SortColumn::Category => rows.sort_by_key(|&ix| model.record(ix).category.as_str()),
        SortColumn::Title => rows.sort_by_cached_key(|&ix| model.record(ix).title.to_lowercase()),
        SortColumn::Source => rows.sort_by_key(|&ix| model.record(ix).source.as_str()),
    }
    if sort.reversed {
        rows.reverse();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::fixture;

    #[test]
    fn a_derived_state_made_in_the_memory_of_another_holds_only_its_own_records() {
        let model = Model::new(fixture());
        let ids = |records: &[RecordIx]| {
            let mut ids: Vec<&str> = records.iter().map(|&ix| model.record(ix).id.as_str()).collect();
            ids.sort_unstable();
            ids
        };
        // Every one of the fixture's 36 records, 19 of them observations, lends its memory.
        let every = Derived::new(&model, &Filter::default(), Sort::default());
        assert_eq!((every.view.len(), every.observations.len()), (36, 19));
        let decade = Filter {
            from: Some(2000),
            to: Some(2009),
            ..Filter::default()
        };
        let derived = every.replaced(&model, &decade, Sort::default());
        // 2000 to 2009, worked out from the fixture by hand.
        assert_eq!(
            ids(&derived.view),
            [
                "army-network",
                "cable-length-2005",
                "examplenet-launch",
                "intranet-opens",
                "staff-2005",
                "subscribers-2008",
                "subscribers-2009",
                "word-processor"
            ]
        );
        assert_eq!(
            ids(&derived.observations),
            [
                "cable-length-2005",
                "staff-2005",
                "subscribers-2008",
                "subscribers-2009"
            ]
        );
        assert_eq!(derived.timeline().len(), 8);
    }
}
