//! What the Estimates view's columns must hold, from every contested claim
//! in view, so that columns stay put while scrolling. Worked out once per
//! filter change (it reads every claim), not per frame.

use unicode_width::UnicodeWidthStr;

use crate::model::{Model, RecordIx, format};

/// What the claims' text needs, to share the list's width among its columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// Per group, the widest figure with its unit and the widest without.
    pub figures: Vec<(usize, usize)>,
    /// How many indicators the claims belong to.
    pub groups: usize,
    pub source: usize,
    /// The widest date; 0 when every claim is undated.
    pub when: usize,
    /// The widest `about`; 0 when no group mixes entities.
    pub about: usize,
}

/// Contested claims as (group, record): the group is the claim's row in the
/// indicator rows; claims of one group are contiguous.
pub fn needs(model: &Model, groups: usize, claims: &[(usize, RecordIx)]) -> Needs {
    let unit_of = |ix: RecordIx| model.indicator_of(ix).map_or("", |i| i.unit.as_str());
    let mut figures = vec![(0, 0); groups];
    for &(g, ix) in claims {
        let record = model.record(ix);
        // One formatting per claim: this runs over every claim in view.
        let bare = format::figure(record).map_or(0, |f| f.width());
        let unit = unit_of(ix);
        let full = if bare == 0 {
            0
        } else {
            bare + format::unit_suffix(unit).width()
        };
        figures[g] = (figures[g].0.max(full), figures[g].1.max(bare));
    }
    Needs {
        figures,
        groups: distinct_groups(claims),
        source: claims
            .iter()
            .map(|&(_, ix)| model.record(ix).source.width())
            .max()
            .unwrap_or(0),
        // No When column when every claim is undated: it would say nothing.
        when: claims
            .iter()
            .filter(|&&(_, ix)| model.span(ix).is_some())
            .map(|&(_, ix)| format::when(model.record(ix)).width())
            .max()
            .unwrap_or(0),
        about: if groups_mix_entities(model, claims) {
            claims
                .iter()
                .map(|&(_, ix)| about_width(model, ix))
                .max()
                .unwrap_or(0)
                .max(5)
        } else {
            0
        },
    }
}

fn distinct_groups(claims: &[(usize, RecordIx)]) -> usize {
    claims.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!claims.is_empty())
}

/// Who or what a claim is about: its entities' shortest names.
pub fn about(model: &Model, ix: RecordIx) -> String {
    model
        .entities_of(ix)
        .map(format::short_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when some indicator's claims are about different entities.
fn groups_mix_entities(model: &Model, claims: &[(usize, RecordIx)]) -> bool {
    claims.chunk_by(|a, b| a.0 == b.0).any(|group| {
        let first = &model.record(group[0].1).entities;
        group.iter().any(|&(_, ix)| &model.record(ix).entities != first)
    })
}

/// The width of `about(model, ix)`, without building it.
fn about_width(model: &Model, ix: RecordIx) -> usize {
    let names: usize = model.entities_of(ix).map(|e| format::short_name(e).width()).sum();
    names + 2 * model.record(ix).entities.len().saturating_sub(1)
}
