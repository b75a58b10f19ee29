//! The contested quantities (one indicator about one subject whose claims
//! come from two or more sources, or include a range) as the Estimates view
//! lists them: a heading per quantity, then its claims; and what its columns
//! must hold, from every claim, so that columns stay put while scrolling.
//! Worked out when the view is first drawn after a filter change (it reads
//! every claim), not per frame.

use super::claims::ClaimWidths;
use super::indicators::IndicatorRow;
use crate::model::{Model, RecordIx};

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
    /// The widest date; 0 when every claim is undated.
    pub when: usize,
}

pub fn needs(model: &Model, widths: &ClaimWidths, rows: &[IndicatorRow], items: &[Item]) -> Needs {
    let mut needs = Needs {
        figures: vec![(0, 0); rows.len()],
        values: vec![None; rows.len()],
        ..Needs::default()
    };
    for item in items {
        let (g, ix) = match *item {
            Item::Group(_) => {
                needs.groups += 1;
                continue;
            }
            Item::Claim(g, ix) => (g, ix),
        };
        needs.claims += 1;
        let record = model.record(ix);
        let width = widths.of(ix);
        needs.figures[g] = (
            needs.figures[g].0.max(width.full.into()),
            needs.figures[g].1.max(width.bare.into()),
        );
        for value in [record.value, record.low, record.high].into_iter().flatten() {
            if value > 0.0 && value.is_finite() {
                let (lo, hi) = needs.values[g].unwrap_or((value, value));
                needs.values[g] = Some((lo.min(value), hi.max(value)));
            }
        }
        needs.source = needs.source.max(width.source.into());
        // No When column when every claim is undated (width 0): it would say nothing.
        needs.when = needs.when.max(width.when.into());
    }
    needs
}
