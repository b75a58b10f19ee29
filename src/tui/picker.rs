//! The pickers (`c`, `a`, `i`, `w`, `K`): one part of the filter chosen
//! from a list that narrows as you type (`kory` leaves Koryolink, `고려`
//! too), each item with how many records in view it would keep. Built when
//! the picker opens, from the model and the filter; `App::update` moves,
//! marks and applies it.

use crate::data::{Category, RecordKind};
use crate::model::search::{self, Query};
use crate::model::{Filter, Model};
use crate::tui::action::Facet;
use crate::tui::cursor::Cursor;

/// One item a picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    /// What the filter holds: an id or a slug.
    pub value: String,
    /// What the row shows: a name, a title, a label.
    pub label: String,
    /// Beside it, dimmed: an entity's kind, an indicator's unit, a source's id.
    pub note: String,
    /// The records in view it would keep: the filter's other parts apply,
    /// this one does not.
    pub count: usize,
    /// Whether the filter holds it now.
    pub active: bool,
    /// Everything it can be found by (id, names, title, authors), folded.
    folded: String,
}

/// A row of a picker's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickRow {
    /// No filter on this part: every item. Shown while nothing is typed.
    Any,
    /// The item at this position of `Picker::items`.
    Item(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub facet: Facet,
    /// Most records in view first.
    pub items: Vec<PickItem>,
    /// What the user typed to narrow the list.
    pub input: String,
    /// The rows the input leaves, in order.
    pub rows: Vec<PickRow>,
    pub cursor: Cursor,
    /// By item: marked to be applied together.
    pub marked: Vec<bool>,
    /// How many records in view there are with none of this part's filter.
    pub any_count: usize,
    /// Why the last key did nothing, shown until the next.
    pub error: Option<String>,
}

/// What Enter in a picker comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The filter keeps these values (ids or slugs) of the part.
    Values(Vec<String>),
    /// The filter leaves the part open.
    Any,
    /// Nothing is highlighted: the text matches no item.
    Nothing,
}

impl Picker {
    /// The picker of `facet` over `model`, with counts under `filter`; the
    /// cursor starts on the first item the filter holds, else on "any".
    pub fn open(model: &Model, filter: &Filter, facet: Facet) -> Self {
        let mut without = filter.clone();
        set(&mut without, facet, Vec::new());
        let view = model.filter(&without);
        let mut items = items(model, &view, facet);
        for item in &mut items {
            item.active = values(filter, facet).contains(&item.value);
        }
        // Most records first; ties keep the dataset's order (the sort is stable).
        items.sort_by_key(|item| std::cmp::Reverse(item.count));
        let mut picker = Self {
            facet,
            marked: vec![false; items.len()],
            items,
            input: String::new(),
            rows: Vec::new(),
            cursor: Cursor::default(),
            any_count: view.len(),
            error: None,
        };
        picker.narrow();
        let first_active = picker.rows.iter().position(|row| match row {
            PickRow::Item(i) => picker.items[*i].active,
            PickRow::Any => false,
        });
        picker.cursor.selected = first_active.unwrap_or(0);
        picker
    }

    /// Works out the rows again after the input changed, the cursor on the first.
    pub fn narrow(&mut self) {
        self.rows = match Query::parse(&self.input) {
            None => std::iter::once(PickRow::Any)
                .chain((0..self.items.len()).map(PickRow::Item))
                .collect(),
            Some(query) => (0..self.items.len())
                .filter(|&i| query.is_in_folded(&self.items[i].folded))
                .map(PickRow::Item)
                .collect(),
        };
        self.cursor = Cursor::default();
    }

    /// The row under the cursor.
    pub fn highlighted(&self) -> Option<PickRow> {
        self.rows.get(self.cursor.selected).copied()
    }

    /// Marks the highlighted item, or unmarks it; on "any", unmarks every
    /// item. `false` where the part takes one item only.
    pub fn toggle(&mut self) -> bool {
        if !self.facet.takes_several() {
            return false;
        }
        match self.highlighted() {
            Some(PickRow::Item(i)) => self.marked[i] = !self.marked[i],
            Some(PickRow::Any) => self.marked.iter_mut().for_each(|m| *m = false),
            None => {}
        }
        true
    }

    /// What Enter applies: the marked items if any, else the highlighted row.
    pub fn choice(&self) -> Choice {
        let marked: Vec<String> = (self.items.iter().zip(&self.marked))
            .filter(|(_, marked)| **marked)
            .map(|(item, _)| item.value.clone())
            .collect();
        if !marked.is_empty() {
            return Choice::Values(marked);
        }
        match self.highlighted() {
            Some(PickRow::Item(i)) => Choice::Values(vec![self.items[i].value.clone()]),
            Some(PickRow::Any) => Choice::Any,
            None => Choice::Nothing,
        }
    }
}

/// The values `filter` holds for `facet`.
pub fn values(filter: &Filter, facet: Facet) -> Vec<String> {
    match facet {
        Facet::Category => filter.categories.iter().map(|c| c.as_str().to_owned()).collect(),
        Facet::Kind => filter.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
        Facet::Source => filter.sources.clone(),
        Facet::Entity => filter.entities.clone(),
        Facet::Indicator => filter.indicator.iter().cloned().collect(),
    }
}

/// Sets `facet`'s part of `filter` to `values` (none: open).
pub fn set(filter: &mut Filter, facet: Facet, values: Vec<String>) {
    match facet {
        Facet::Category => filter.categories = values.iter().filter_map(|v| Category::from_slug(v)).collect(),
        Facet::Kind => filter.kinds = values.iter().filter_map(|v| v.parse::<RecordKind>().ok()).collect(),
        Facet::Source => filter.sources = values,
        Facet::Entity => filter.entities = values,
        Facet::Indicator => filter.indicator = values.into_iter().next(),
    }
}

/// Every item of `facet` in the dataset, in its order, with its count in `view`.
fn items(model: &Model, view: &[usize], facet: Facet) -> Vec<PickItem> {
    let item = |value: &str, label: String, note: String, count: usize, names: &[&str]| PickItem {
        value: value.to_owned(),
        label,
        note,
        count,
        active: false,
        folded: search::fold(&names.join("\n")),
    };
    match facet {
        Facet::Category => {
            let counts = model.counts_by_category(view);
            (Category::ALL.iter())
                .map(|&c| {
                    let count = counts.iter().find(|(k, _)| *k == c).map_or(0, |(_, n)| *n);
                    item(
                        c.as_str(),
                        c.label().to_owned(),
                        String::new(),
                        count,
                        &[c.as_str(), c.label()],
                    )
                })
                .collect()
        }
        Facet::Kind => RecordKind::ALL
            .iter()
            .map(|&k| {
                let count = view.iter().filter(|&&ix| model.record(ix).kind == k).count();
                item(k.as_str(), k.as_str().to_owned(), String::new(), count, &[k.as_str()])
            })
            .collect(),
        Facet::Source => (model.counts_by_source(view).into_iter())
            .map(|(s, count)| {
                let mut names = vec![s.id.as_str(), s.title.as_str(), s.container.as_str()];
                names.extend(s.authors.iter().map(|name| name.as_str()));
                item(&s.id, s.title.to_string(), s.id.to_string(), count, &names)
            })
            .collect(),
        Facet::Entity => (model.counts_by_entity(view).into_iter())
            .map(|(e, count)| {
                let label = match &e.korean {
                    Some(korean) => format!("{} ({korean})", e.name),
                    None => e.name.to_string(),
                };
                let mut names = vec![e.id.as_str(), e.name.as_str()];
                names.extend(e.korean.as_deref());
                names.extend(e.aliases.iter().map(|name| name.as_str()));
                item(&e.id, label, e.kind.as_str().to_owned(), count, &names)
            })
            .collect(),
        Facet::Indicator => (model.counts_by_indicator(view).into_iter())
            .map(|(i, count)| {
                item(
                    &i.id,
                    i.name.to_string(),
                    i.unit.to_string(),
                    count,
                    &[&i.id, &i.name, &i.unit],
                )
            })
            .collect(),
    }
}
