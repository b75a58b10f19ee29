//! What the Overview shows: which indicators it leads with (`Plan`, from the
//! dataset), and the figures, gauges and counts of the records in view
//! (`Facts`, worked out once per filter change).

use crate::data::{Category, Indicator, Qualifier};
use crate::model::{Filter, Model, RecordIx, YearCounts, YearSpan, format, nonzero_categories};

use super::indicators::{self, IndicatorRow};
use super::{Derived, Fixed};

/// At most this many gauges (or key figures) in all, and this many for
/// one indicator.
const MAX_ROWS: usize = 8;
const ROWS_PER_INDICATOR: usize = 3;

/// Without a `dashboard` section: how many of the most-observed indicators
/// lead the gauges and the key figures.
const MOST_OBSERVED_HEADLINE: usize = 3;
const MOST_OBSERVED_FIGURES: usize = 5;

/// The indicators the Overview leads with, as positions in the dataset's
/// indicators: those its `dashboard` section names, or else the ones with
/// the most observations (ratios for the gauges, other units as key figures).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub headline: Vec<usize>,
    pub key_figures: Vec<usize>,
}

impl Plan {
    pub fn of(model: &Model) -> Self {
        let indicators = &model.dataset().indicators;
        let Some(dashboard) = &model.dataset().dashboard else {
            return Self::most_observed(model);
        };
        // The loader checked the ids.
        let positions = |ids: &[String]| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| indicators.iter().position(|i| &i.id == id))
                .collect()
        };
        Self {
            headline: positions(&dashboard.headline),
            key_figures: positions(&dashboard.key_figures),
        }
    }

    fn most_observed(model: &Model) -> Self {
        let mut counted: Vec<(usize, &Indicator, usize)> = model
            .counts_by_indicator(model.all())
            .into_iter()
            .enumerate()
            .filter(|(_, (_, n))| *n > 0)
            .map(|(i, (indicator, n))| (i, indicator, n))
            .collect();
        // Most observed first; the dataset's order among equals.
        counted.sort_by_key(|&(i, _, n)| (std::cmp::Reverse(n), i));
        let pick = |ratios: bool, most: usize| -> Vec<usize> {
            let chosen = counted.iter().filter(|(_, indicator, _)| is_ratio(indicator) == ratios);
            chosen.take(most).map(|&(i, _, _)| i).collect()
        };
        Self {
            headline: pick(true, MOST_OBSERVED_HEADLINE),
            key_figures: pick(false, MOST_OBSERVED_FIGURES),
        }
    }
}

/// What the Overview shows of the records in view.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The headline: the latest claims of its quantities.
    pub gauges: Vec<Latest>,
    /// Ratio quantities in view that are not in the headline (see Indicators).
    pub more_gauges: usize,
    /// Headline indicators in the dataset but not in view (their names).
    pub hidden_gauges: Vec<String>,
    pub figures: Vec<Latest>,
    pub hidden_figures: Vec<String>,
    pub chart: Option<YearChart>,
    pub undated: usize,
    /// Records per category, most first.
    pub categories: Vec<(Category, usize)>,
    /// Sources with records in view, most first: id, title, count.
    pub sources: Vec<(String, String, usize)>,
    pub in_view: usize,
}

/// The latest claim about one quantity (an indicator about one subject),
/// as a row of the Overview: a gauge or a key figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Latest {
    /// The indicator's name; empty on the second and later rows of one indicator.
    pub name: String,
    /// The quantity: its indicator and subject, by position.
    pub quantity: (usize, Option<usize>),
    /// Who or what it measures: `DPRK`, `ROK`.
    pub entity: String,
    pub value: String,
    /// The value without its unit, for a narrow column (the name says
    /// what it counts).
    pub bare: String,
    /// `2022`, `c. 2002`, `undated`.
    pub when: String,
    pub source: String,
    /// Where the bar ends, out of 100 (`low` and `high` differ for ranges);
    /// `None` for a figure that is not a share or rate out of a hundred.
    pub bar: Option<(f64, f64)>,
    /// How many claims about the quantity are in view, and whether they disagree.
    pub claims: usize,
    pub contested: bool,
    /// The quantity's series over the years, for a sparkline.
    pub spark: Option<Spark>,
}

/// A series in brief: for each year from `first_year`, the highest figure
/// any source gives (or none).
#[derive(Debug, Clone, PartialEq)]
pub struct Spark {
    pub first_year: i32,
    pub highs: Vec<Option<f64>>,
    /// Whether the values span orders of magnitude (drawn by their logarithm).
    pub log: bool,
}

impl Facts {
    /// Works out indicator rows only for the indicators `plan` names: the
    /// Overview shows no other. What the filter counted as it kept the
    /// records in view (`in_view`: by source, category and year, and their
    /// observations) is read, not counted again.
    pub fn new(model: &Model, filter: &Filter, in_view: &Derived, plan: &Plan, fixed: &Fixed) -> Self {
        let indicators = &model.dataset().indicators;
        let marked = |chosen: &dyn Fn(usize) -> bool| (0..indicators.len()).map(chosen).collect::<Vec<bool>>();
        let planned = marked(&|i| plan.headline.contains(&i) || plan.key_figures.contains(&i));
        // Worked out once for both the rows and the count after them.
        let claims_in_view = indicators::InView::new(model, filter, &in_view.observations);
        let rows = indicators::rows(model, filter, &claims_in_view, fixed, &planned);
        let (gauges, hidden_gauges) = latest_rows(model, filter, &rows, &plan.headline);
        let other_ratios = marked(&|i| is_ratio(&indicators[i]) && !plan.headline.contains(&i));
        let more_gauges = indicators::count_of(model, &claims_in_view, fixed, &other_ratios);
        let (figures, hidden_figures) = latest_rows(model, filter, &rows, &plan.key_figures);

        let mut categories = nonzero_categories(&in_view.per_category);
        categories.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut sources: Vec<(String, String, usize)> = (model.dataset().sources.iter())
            .zip(&in_view.per_source)
            .filter(|(_, n)| **n > 0)
            .map(|(s, &n)| (s.id.to_string(), s.title.to_string(), n))
            .collect();
        sources.sort_by_key(|s| std::cmp::Reverse(s.2));

        Self {
            gauges,
            more_gauges,
            hidden_gauges,
            figures,
            hidden_figures,
            chart: YearChart::new(model, filter, &in_view.years),
            undated: in_view.view.len() - in_view.placed,
            categories,
            sources,
            in_view: in_view.view.len(),
        }
    }

    /// Rows the gauges take: one a gauge, and the notes after them.
    pub fn gauge_rows(&self) -> usize {
        self.gauges.len()
            + usize::from(self.more_gauges > 0)
            + usize::from(!self.hidden_gauges.is_empty() || self.gauges.is_empty())
    }

    pub fn figure_rows(&self) -> usize {
        self.figures.len() + usize::from(!self.hidden_figures.is_empty() || self.figures.is_empty())
    }
}

/// The latest claims of each quantity of `chosen` indicators in view, a
/// few an indicator (a large dataset must not push the rest of the
/// Overview off the screen), and the names of those not in view.
fn latest_rows(model: &Model, filter: &Filter, rows: &[IndicatorRow], chosen: &[usize]) -> (Vec<Latest>, Vec<String>) {
    let indicators = &model.dataset().indicators;
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    for &i in chosen {
        let indicator = &indicators[i];
        let before = shown.len();
        let quantities = rows.iter().filter(|row| row.indicator == i);
        for row in quantities {
            for &ix in &row.latest {
                let room = ROWS_PER_INDICATOR.min(MAX_ROWS.saturating_sub(shown.len()));
                if shown.len() - before >= room {
                    break;
                }
                let first = shown.len() == before;
                let series = row.series(model, filter);
                let spark = (row.latest.first() == Some(&ix) && series.is_charted()).then(|| Spark {
                    first_year: series.years.map_or(0, |y| y.start),
                    highs: series.yearly_highs(),
                    log: series.scale.is_log(),
                });
                if let Some(latest) = Latest::new(model, indicator, row, ix, first, spark) {
                    shown.push(latest);
                }
            }
        }
        if shown.len() == before && !rows.iter().any(|row| row.indicator == i) {
            hidden.push(indicator.name.to_string());
        }
    }
    (shown, hidden)
}

/// Shares and rates out of a hundred: drawn as gauges.
pub fn is_ratio(indicator: &Indicator) -> bool {
    indicator.unit == "%" || per_hundred(indicator)
}

fn per_hundred(indicator: &Indicator) -> bool {
    indicator.unit.contains("per 100 ") || indicator.unit.ends_with("per 100")
}

impl Latest {
    fn new(
        model: &Model,
        indicator: &Indicator,
        row: &IndicatorRow,
        ix: RecordIx,
        first: bool,
        spark: Option<Spark>,
    ) -> Option<Self> {
        let record = model.record(ix);
        let figure = format::figure(record)?;
        let value = if per_hundred(indicator) {
            format!("{figure} per 100")
        } else {
            format::figure_with_unit(record, format::Unit::of(indicator))?
        };
        let bare = match record.status {
            Some(status) => format!("{figure} ({})", status.mark()),
            None => figure,
        };
        let bar = match record.qualifier? {
            Qualifier::Range => Some((record.low?, record.high?)),
            Qualifier::Vague => None,
            _ => record.value.map(|v| (v, v)),
        };
        Some(Self {
            name: if first {
                indicator.name.to_string()
            } else {
                String::new()
            },
            quantity: (row.indicator, row.subject),
            entity: row.about(model).to_owned(),
            value,
            bare,
            when: format::when_short(record, model.source_of(ix)),
            source: record.source.to_string(),
            bar: bar.filter(|_| is_ratio(indicator)),
            claims: row.observations.len(),
            contested: row.contested,
            spark,
        })
    }
}

/// Records per year over a span of years.
#[derive(Debug, Clone)]
pub struct YearChart {
    pub span: YearSpan,
    /// For each year of `span`, how many records in view cover it.
    pub counts: Vec<usize>,
}

impl YearChart {
    /// Over the filter's years (within the dataset's), or the years of the
    /// records in view when the filter sets none.
    /// `years` counts the records in view placed in time.
    fn new(model: &Model, filter: &Filter, years: &YearCounts) -> Option<Self> {
        let seen = years.span()?;
        let all = model.overall_span().unwrap_or(seen);
        let start = filter.from.map_or(seen.start, |from| from.max(all.start));
        let end = filter.to.map_or(seen.end, |to| to.min(all.end));
        let span = if start <= end { YearSpan { start, end } } else { seen };
        let counts = (years.within(span).into_iter()).map(|(_, n)| n).collect();
        Some(Self { span, counts })
    }

    /// The most records any year has, and the years that have it.
    pub fn peak(&self) -> (usize, Vec<i32>) {
        let max = self.counts.iter().copied().max().unwrap_or(0);
        let years = (self.span.start..)
            .zip(&self.counts)
            .filter(|&(_, &n)| n == max)
            .map(|(y, _)| y)
            .collect();
        (max, years)
    }
}
