//! The indicators with observations in view, each with what the views
//! say of it.

use crate::model::{Model, RecordIx, YearSpan};

/// One indicator with observations in view, and what the views say of them.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// Its position in the dataset's indicators.
    pub indicator: usize,
    /// Its observations in view, in the view's order (dated ones by date).
    pub observations: Vec<RecordIx>,
    /// How many of them are dated: the points of its series.
    pub dated: usize,
    /// The years they cover.
    pub years: Option<YearSpan>,
    /// The latest dated observation, else the first.
    pub latest: Option<RecordIx>,
    /// Whether its claims are contested (and so listed in Estimates).
    pub contested: bool,
}

/// The indicators with observations in `view`, in the dataset's order.
pub fn rows(model: &Model, view: &[RecordIx]) -> Vec<IndicatorRow> {
    let mut observations: Vec<Vec<RecordIx>> = vec![Vec::new(); model.dataset().indicators.len()];
    for &ix in view {
        if let Some(i) = model.indicator_index(ix) {
            observations[i].push(ix);
        }
    }
    observations
        .into_iter()
        .enumerate()
        .filter(|(_, obs)| !obs.is_empty())
        .map(|(indicator, observations)| {
            let dated = observations.iter().filter(|&&ix| model.span(ix).is_some()).count();
            // Observations come in view order: dated ones by date, then undated ones.
            let latest = match dated {
                0 => observations.first(),
                n => observations.get(n - 1),
            };
            IndicatorRow {
                indicator,
                years: model.year_span(&observations),
                latest: latest.copied(),
                dated,
                observations,
                contested: false,
            }
        })
        .collect()
}
