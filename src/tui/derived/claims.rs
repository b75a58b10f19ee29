//! Each observation's texts in the Estimates and Indicators lists: its
//! figure as a claim (`claim_figure`), and how wide its texts are, worked
//! out once for a model (`ClaimWidths`).

use unicode_width::UnicodeWidthStr;

use crate::data::{Qualifier, Record};
use crate::model::{Model, RecordIx, format};

/// The widths of every observation's texts in the Estimates and Indicators
/// lists, worked out once for a model: a filter change then only compares
/// them (it formatted every claim in view, 90% of a change over a million
/// records).
#[derive(Debug, Clone, Default)]
pub struct ClaimWidths(Vec<ClaimWidth>);

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

impl ClaimWidths {
    pub fn of_model(model: &Model) -> Self {
        let columns = |text: &str| u16::try_from(text.width()).unwrap_or(u16::MAX);
        let widths = (0..model.len()).map(|ix| {
            let Some(indicator) = model.indicator_of(ix) else {
                return ClaimWidth::default();
            };
            let record = model.record(ix);
            let figure = |unit: Option<format::Unit<'_>>| claim_figure(record, unit).as_deref().map_or(0, columns);
            let when_listed = columns(&format::when_short(record, model.source_of(ix)));
            let bare = figure(None);
            ClaimWidth {
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
                source: columns(&record.source),
            }
        });
        Self(widths.collect())
    }

    /// Record `ix`'s widths (zeros for a record that is no observation).
    pub fn of(&self, ix: RecordIx) -> ClaimWidth {
        self.0.get(ix).copied().unwrap_or_default()
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
