//! Where each item of a dataset file starts: found while loading, used to
//! point every validation problem at its line and column.

use super::text::Text;

/// A 1-based line and column (in characters).
pub type Position = (usize, usize);

/// Where each item starts in the file, by list.
#[derive(Debug, Default)]
pub struct Positions {
    pub schema_version: Option<Position>,
    /// The `dataset` section's.
    pub dataset: Option<Position>,
    pub sources: Vec<Position>,
    pub indicators: Vec<Position>,
    pub entities: Vec<Position>,
    pub records: Vec<Position>,
    pub dashboard: DashboardPositions,
}

impl Positions {
    /// No place known: what the fast reader, which notes none, checks with.
    pub const NONE: Self = Self {
        schema_version: None,
        dataset: None,
        sources: Vec::new(),
        indicators: Vec::new(),
        entities: Vec::new(),
        records: Vec::new(),
        dashboard: DashboardPositions {
            headline: Vec::new(),
            key_figures: Vec::new(),
        },
    };
}

/// Where each id of the `dashboard` section is.
#[derive(Debug, Default)]
pub struct DashboardPositions {
    pub headline: Vec<Position>,
    pub key_figures: Vec<Position>,
}

/// The items of each list that did not parse (each already a problem),
/// for the check that each id is given once: an item given an id that
/// another has is reported with its other problems, not once they are
/// fixed. Filled by the careful loader; the fast reader reads only valid
/// files, where there are none.
#[derive(Debug, Default)]
pub struct Unread<'t> {
    pub sources: UnreadItems<'t>,
    pub indicators: UnreadItems<'t>,
    pub entities: UnreadItems<'t>,
    pub records: UnreadItems<'t>,
}

impl Unread<'_> {
    /// Every item parsed.
    pub const NONE: Self = Self {
        sources: UnreadItems::NONE,
        indicators: UnreadItems::NONE,
        entities: UnreadItems::NONE,
        records: UnreadItems::NONE,
    };
}

/// The items of one list that did not parse.
#[derive(Debug, Default)]
pub struct UnreadItems<'t> {
    /// Runs of them: the first's index in the list (counting every item,
    /// from 0) and how many. A file of a million junk items needs one run,
    /// not a million places.
    runs: Vec<(usize, usize)>,
    /// Those whose id could be read, in order.
    ids: Vec<UnreadId<'t>>,
}

/// An item that did not parse, whose id could be read.
#[derive(Debug)]
pub struct UnreadId<'t> {
    /// Its index in the list, counting every item, from 0.
    pub index: usize,
    pub id: Text<'t>,
    /// Where the item starts.
    pub position: Position,
}

/// An item of a list, parsed or not, as the check of its id sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedId<'d> {
    /// Its index in the list, counting every item, from 0.
    pub index: usize,
    pub id: &'d str,
    /// Where the item starts, where known (the fast reader notes none).
    pub position: Option<Position>,
}

impl<'t> UnreadItems<'t> {
    const NONE: Self = Self {
        runs: Vec::new(),
        ids: Vec::new(),
    };

    /// Notes that item `index` did not parse (items are noted in order),
    /// with its id and where it starts if the id could be read.
    pub fn note(&mut self, index: usize, id: Option<(Text<'t>, Position)>) {
        match self.runs.last_mut() {
            Some((first, count)) if *first + *count == index => *count += 1,
            _ => self.runs.push((index, 1)),
        }
        if let Some((id, position)) = id {
            self.ids.push(UnreadId { index, id, position });
        }
    }

    /// Every item of the list whose id can be read, in file order, with
    /// its index counting every item: the parsed ones' `ids`, each starting
    /// at its entry of `positions` (where given), among these.
    pub fn with_parsed<'d>(
        &'d self,
        ids: impl Iterator<Item = &'d str>,
        positions: &'d [Position],
    ) -> impl Iterator<Item = ListedId<'d>> {
        let mut parsed = ids.enumerate();
        let mut runs = self.runs.iter().peekable();
        let mut unread = self.ids.iter().peekable();
        let mut index = 0;
        std::iter::from_fn(move || {
            loop {
                // Within a run of unread items: those with an id, then past it.
                if let Some(&&(first, count)) = runs.peek()
                    && index >= first
                {
                    let end = first + count;
                    if let Some(item) = unread.next_if(|item| item.index < end) {
                        index = item.index + 1;
                        return Some(ListedId {
                            index: item.index,
                            id: &item.id,
                            position: Some(item.position),
                        });
                    }
                    index = end;
                    runs.next();
                    continue;
                }
                let (k, id) = parsed.next()?;
                let at = index;
                index += 1;
                return Some(ListedId {
                    index: at,
                    id,
                    position: positions.get(k).copied(),
                });
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_that_did_not_parse_take_their_places_among_those_that_did() {
        // Items 0 to 6: 0 unread without an id, 1 `a`, 2 unread `x`, 3
        // unread without an id, 4 unread `y`, 5 `b`, 6 `c`.
        let mut unread = UnreadItems::default();
        unread.note(0, None);
        unread.note(2, Some((Text::from("x"), (20, 5))));
        unread.note(3, None);
        unread.note(4, Some((Text::from("y"), (40, 5))));
        assert_eq!(unread.runs, [(0, 1), (2, 3)]);
        let positions = [(10, 5), (50, 5), (60, 5)];
        let listed: Vec<_> = unread
            .with_parsed(["a", "b", "c"].into_iter(), &positions)
            .map(|item| (item.index, item.id, item.position))
            .collect();
        assert_eq!(
            listed,
            [
                (1, "a", Some((10, 5))),
                (2, "x", Some((20, 5))),
                (4, "y", Some((40, 5))),
                (5, "b", Some((50, 5))),
                (6, "c", Some((60, 5))),
            ]
        );
        // Without places (the fast reader's), and nothing unread.
        let none = UnreadItems::default();
        let listed: Vec<_> = none.with_parsed(["a"].into_iter(), &[]).collect();
        assert_eq!(
            listed,
            [ListedId {
                index: 0,
                id: "a",
                position: None
            }]
        );
    }
}
