//! The records of each category, indicator and entity, by position in
//! `chronological`: what a search by the word index adds for a word that
//! names one of them (`fibre` finds the records of an indicator whose name
//! says "fiber optic"), without reading a million rows for it.

use super::search::Positions;
use super::{Model, NO_INDICATOR, to_u32};

/// The records of each category, indicator and entity.
#[derive(Debug)]
pub(crate) struct Facets {
    /// By category (`Category as usize`).
    categories: Vec<Positions>,
    indicators: Groups,
    entities: Groups,
}

/// Positions grouped by a number: group `g` is `positions[starts[g]..starts[g + 1]]`.
#[derive(Debug)]
struct Groups {
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl Groups {
    /// `count` groups, of the positions `of(p)` names for each position `p`
    /// of `0..len` (each in order, as they are counted then placed).
    fn new<'a, I>(count: usize, len: usize, of: impl Fn(usize) -> I) -> Self
    where
        I: IntoIterator<Item = &'a u32>,
    {
        let mut starts = vec![0u32; count + 1];
        for p in 0..len {
            of(p).into_iter().for_each(|&g| starts[g as usize + 1] += 1);
        }
        for g in 0..count {
            starts[g + 1] += starts[g];
        }
        let mut next = starts.clone();
        let mut positions = vec![0; starts[count] as usize];
        for p in 0..len {
            for &g in of(p) {
                positions[next[g as usize] as usize] = to_u32(p);
                next[g as usize] += 1;
            }
        }
        Self { starts, positions }
    }

    fn of(&self, g: usize) -> &[u32] {
        &self.positions[self.starts[g] as usize..self.starts[g + 1] as usize]
    }
}

impl Facets {
    pub(crate) fn of_model(model: &Model, categories: usize) -> Self {
        let rows = &model.rows;
        let mut by_category = vec![Positions::none(rows.len()); categories];
        for (p, row) in rows.iter().enumerate() {
            by_category[usize::from(row.category)].insert(p);
        }
        let indicator = |p: usize| std::iter::once(&rows[p].indicator).filter(|&&i| i != NO_INDICATOR);
        Self {
            categories: by_category,
            indicators: Groups::new(model.dataset.indicators.len(), rows.len(), indicator),
            entities: Groups::new(model.dataset.entities.len(), rows.len(), |p| {
                model.row_entities(&rows[p])
            }),
        }
    }

    /// Adds to `positions` the records of the categories in the mask
    /// `categories` (a bit each), of the indicators and of the entities
    /// marked true.
    pub(crate) fn add(&self, positions: &mut Positions, categories: u64, indicators: &[bool], entities: &[bool]) {
        for (c, records) in self.categories.iter().enumerate() {
            if categories & 1 << c != 0 {
                positions.union(records);
            }
        }
        for (groups, named) in [(&self.indicators, indicators), (&self.entities, entities)] {
            for (g, _) in named.iter().enumerate().filter(|(_, named)| **named) {
                groups.of(g).iter().for_each(|&p| positions.insert(p as usize));
            }
        }
    }

    /// Bytes held, for measuring.
    pub(crate) fn bytes(&self) -> usize {
        let groups = |g: &Groups| 4 * (g.starts.len() + g.positions.len());
        self.categories.iter().map(Positions::bytes).sum::<usize>() + groups(&self.indicators) + groups(&self.entities)
    }
}
