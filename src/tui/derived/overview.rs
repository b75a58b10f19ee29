//! What the Overview shows: which indicators it leads with (`Plan`, from the
//! dataset), and the figures, gauges and counts of the records in view
//! (`Facts`, worked out once per filter change).

use std::collections::BTreeSet;

use crate::data::{Category, Indicator, Qualifier, Record};
use crate::model::{Filter, Model, RecordIx, YearSpan, format};

use super::indicators::IndicatorRow;

/// At most this many gauges in all, and this many for one indicator.
const MAX_GAUGES: usize = 8;
const GAUGES_PER_INDICATOR: usize = 3;

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
    pub gauges: Vec<Gauge>,
    /// Ratio claims in view without a gauge of their own (see Indicators).
    pub more_gauges: usize,
    /// Headline indicators in the dataset but not in view (their names).
    pub hidden_gauges: Vec<String>,
    pub figures: Vec<KeyFigure>,
    pub hidden_figures: Vec<String>,
    pub chart: Option<YearChart>,
    pub undated: usize,
    /// Records per category, most first.
    pub categories: Vec<(Category, usize)>,
    /// Sources with records in view, most first: id, title, count.
    pub sources: Vec<(String, String, usize)>,
    pub in_view: usize,
}

#[derive(Debug, Clone)]
pub struct Gauge {
    /// The indicator's name; empty on the second and later gauges of one indicator.
    pub name: String,
    pub entity: String,
    pub value: String,
    pub when: String,
    pub source: String,
    /// Where the bar ends, out of 100 (`low` and `high` differ for ranges);
    /// `None` for a figure that is not a share or rate out of a hundred.
    pub bar: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct KeyFigure {
    pub name: String,
    pub figure: String,
    pub detail: String,
    /// A longer detail (naming every source) to use when it fits.
    pub full_detail: Option<String>,
}

/// Records per year over a span of years.
#[derive(Debug, Clone)]
pub struct YearChart {
    pub span: YearSpan,
    /// For each year of `span`, how many records in view cover it.
    pub counts: Vec<usize>,
}

impl Facts {
    pub fn new(
        model: &Model,
        filter: &Filter,
        view: &[RecordIx],
        timeline: &[RecordIx],
        rows: &[IndicatorRow],
        plan: &Plan,
    ) -> Self {
        let indicators = &model.dataset().indicators;
        let mut row_of = vec![None; indicators.len()];
        for row in rows {
            row_of[row.indicator] = Some(row.observations.as_slice());
        }
        let in_view = |i: usize| -> &[RecordIx] { row_of[i].unwrap_or_default() };

        // The headline first, in its order, then any other ratio in view.
        let mut gauged = plan.headline.clone();
        gauged.extend(
            rows.iter()
                .map(|row| row.indicator)
                .filter(|&i| is_ratio(&indicators[i]) && !plan.headline.contains(&i)),
        );
        let mut gauges = Vec::new();
        let mut more_gauges = 0;
        let mut hidden_gauges = Vec::new();
        for i in gauged {
            let indicator = &indicators[i];
            let claims = in_view(i);
            if claims.is_empty() {
                hidden_gauges.push(indicator.name.clone());
            }
            // A few gauges an indicator: a large dataset must not push the
            // rest of the overview off the screen.
            let room = GAUGES_PER_INDICATOR.min(MAX_GAUGES.saturating_sub(gauges.len()));
            let shown: Vec<Gauge> = claims
                .iter()
                .take(room)
                .enumerate()
                .filter_map(|(n, &ix)| Gauge::new(model, indicator, ix, n == 0))
                .collect();
            more_gauges += claims.len() - shown.len();
            gauges.extend(shown);
        }

        let mut figures = Vec::new();
        let mut hidden_figures = Vec::new();
        for &i in &plan.key_figures {
            let indicator = &indicators[i];
            match KeyFigure::new(model, indicator, in_view(i)) {
                Some(figure) => figures.push(figure),
                None => hidden_figures.push(indicator.name.clone()),
            }
        }

        let mut categories = model.counts_by_category(view);
        categories.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut sources: Vec<(String, String, usize)> = model
            .counts_by_source(view)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s.id.clone(), s.title.clone(), n))
            .collect();
        sources.sort_by_key(|s| std::cmp::Reverse(s.2));

        Self {
            gauges,
            more_gauges,
            hidden_gauges,
            figures,
            hidden_figures,
            chart: YearChart::new(model, filter, timeline),
            undated: view.len() - timeline.len(),
            categories,
            sources,
            in_view: view.len(),
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

/// Shares and rates out of a hundred: drawn as gauges.
pub fn is_ratio(indicator: &Indicator) -> bool {
    indicator.unit == "%" || per_hundred(indicator)
}

fn per_hundred(indicator: &Indicator) -> bool {
    indicator.unit.contains("per 100 ") || indicator.unit.ends_with("per 100")
}

/// Whether `format::figure` has something to say about the record.
fn has_figure(record: &Record) -> bool {
    match record.qualifier {
        Some(Qualifier::Range) => record.low.is_some() && record.high.is_some(),
        Some(_) => record.value.is_some(),
        None => false,
    }
}

/// `n.d.` for undated records, otherwise the date or period.
fn when_or_nd(record: &Record) -> String {
    if record.date.is_none() && record.period.is_none() {
        "n.d.".to_owned()
    } else {
        format::when(record)
    }
}

impl Gauge {
    fn new(model: &Model, indicator: &Indicator, ix: RecordIx, first: bool) -> Option<Self> {
        let record = model.record(ix);
        let figure = format::figure(record)?;
        let (low, high) = match record.qualifier? {
            Qualifier::Range => (record.low?, record.high?),
            _ => (record.value?, record.value?),
        };
        let value = if per_hundred(indicator) {
            format!("{figure} per 100")
        } else {
            format::figure_with_unit(record, &indicator.unit)?
        };
        Some(Self {
            name: if first { indicator.name.clone() } else { String::new() },
            entity: model.entities_of(ix).next().map_or("—", format::short_name).to_owned(),
            value,
            when: when_or_nd(record),
            source: record.source.clone(),
            bar: is_ratio(indicator).then_some((low, high)),
        })
    }
}

impl KeyFigure {
    /// One claim: its figure, date and source. Several that agree: the
    /// figure once, with how many. Several that disagree: the range of
    /// what they claim, with how many claims from how many sources.
    fn new(model: &Model, indicator: &Indicator, claims: &[RecordIx]) -> Option<Self> {
        // Figures are compared as the numbers they are, not formatted, so a
        // view of 100,000 records costs no strings.
        let claim = |ix: &RecordIx| {
            let r = model.record(*ix);
            (r.qualifier, r.value, r.low, r.high)
        };
        let claims: Vec<RecordIx> = claims
            .iter()
            .copied()
            .filter(|&ix| has_figure(model.record(ix)))
            .collect();
        let first = *claims.first()?;
        let record = model.record(first);
        // Many claims, few sources: a set, not a sort of every claim's.
        let sources: BTreeSet<&str> = claims.iter().map(|&ix| model.record(ix).source.as_str()).collect();
        let sources: Vec<&str> = sources.into_iter().collect();
        let name = indicator.name.clone();
        let from = if sources.len() == 1 {
            sources[0].to_owned()
        } else {
            format::plural(sources.len(), "source")
        };
        let claims_from = format!("{} claims from {from}", claims.len());
        let full_detail = (sources.len() > 1).then(|| format!("{claims_from}: {}", sources.join(", ")));
        if claims.iter().all(|ix| claim(ix) == claim(&first)) {
            let when = when_or_nd(record);
            let same_when = claims.iter().all(|&ix| {
                let r = model.record(ix);
                (r.date, r.period) == (record.date, record.period)
            });
            let detail = match claims.len() {
                1 => format!("{when} · {}", record.source),
                n if same_when && sources.len() == 1 => format!("{when} · {} (×{n})", record.source),
                _ => claims_from,
            };
            return Some(Self {
                name,
                figure: format::figure_with_unit(record, &indicator.unit)?,
                detail,
                full_detail,
            });
        }
        let bounds = claims.iter().filter_map(|&ix| {
            let r = model.record(ix);
            Some((r.low.or(r.value)?, r.high.or(r.value)?))
        });
        let (low, high) = bounds.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (l, h)| {
            (lo.min(l), hi.max(h))
        });
        Some(Self {
            name,
            figure: format!(
                "{} – {}{}",
                format::number(low),
                format::number(high),
                format::unit_suffix(&indicator.unit)
            ),
            detail: claims_from,
            full_detail,
        })
    }
}

impl YearChart {
    /// Over the filter's years (within the dataset's), or the years of the
    /// records in view when the filter sets none.
    fn new(model: &Model, filter: &Filter, timeline: &[RecordIx]) -> Option<Self> {
        let seen = model.year_span(timeline)?;
        let all = model.overall_span().unwrap_or(seen);
        let start = filter.from.map_or(seen.start, |from| from.max(all.start));
        let end = filter.to.map_or(seen.end, |to| to.min(all.end));
        let span = if start <= end { YearSpan { start, end } } else { seen };
        let counts = model
            .per_year_counts(timeline, span)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
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
