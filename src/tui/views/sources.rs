//! The documents behind the records: full citation, how each was dated, and
//! how many records in view rest on each. Enter filters to the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row};
use unicode_width::UnicodeWidthStr;

use super::records::Records;
use crate::model::{RecordIx, format};
use crate::tui::action::Action;
use crate::tui::app::{App, List, View};
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::{shown, truncate};
use crate::tui::widgets::detail;
use crate::tui::widgets::table::{ScrolledTable, marker};

pub struct Sources;

const KEYS: &[Hint] = &[
    Hint {
        rows: &[keys::OPEN],
        does: "filter to source",
    },
    Hint {
        rows: &[keys::RESET],
        does: "clear filters",
    },
    Hint {
        rows: &[keys::COPY_BIBTEX],
        does: "BibTeX",
    },
    Hint {
        rows: &[keys::COPY_CSL],
        does: "CSL-JSON",
    },
];

impl View for Sources {
    fn title(&self) -> &'static str {
        "Sources"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        let sources = app.model().dataset().sources.len();
        List {
            len: sources,
            rows: layout::table_rows(layout::sources(body, sources).0),
        }
    }

    /// Its rows are sources, not records.
    fn selected_record(&self, _app: &App) -> Option<RecordIx> {
        None
    }

    fn selected_source(&self, app: &App) -> Option<usize> {
        Some(app.selection_of::<Self>().outer.selected).filter(|&i| i < app.model().dataset().sources.len())
    }

    /// Enter shows the records of the selected source.
    fn open(&self, app: &App) -> Option<Action> {
        Some(Action::FilterToSource {
            source: app.selection_of::<Self>().outer.selected,
            show: app.position_of::<Records>(),
        })
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    let sources = &app.model().dataset().sources;
    let (list, about) = layout::sources(body, sources.len());
    let (counts, total) = (&app.derived().per_source, &app.totals().per_source);
    let cursor = app.selection_of::<Sources>().outer;
    let c = Columns::fit(app, list.width.saturating_sub(2) as usize);
    let table = ScrolledTable {
        title: "Sources · kind and the time their \"at present\" is".into(),
        header: vec!["", "Source", "Title", "Kind", "As of", "In view"],
        widths: [1, c.id, c.title, c.kind, c.as_of, c.count]
            .map(|w| Constraint::Length(w as u16))
            .to_vec(),
        len: sources.len(),
        cursor,
        focused: true,
        theme: app.theme,
        legend: None,
    };
    table.render(frame, list, |i, selected| {
        let (source, n) = (&sources[i], counts[i]);
        let as_of = format::info_as_of(source);
        Row::new([
            Cell::from(marker(selected)),
            Cell::from(truncate(&source.id, c.id)),
            Cell::from(truncate(&source.title, c.title)),
            Cell::from(truncate(source.kind.label(), c.kind)),
            Cell::from(if as_of.is_empty() { "—".to_owned() } else { truncate(&as_of, c.as_of) }).style(app.theme.dim()),
            Cell::from(truncate(&in_view(n, total[i], c.count), c.count)).style(app.theme.figure()),
        ])
    });
    if let Some(source) = sources.get(cursor.selected) {
        let mut lines = vec![
            Line::styled(format::kind_and_as_of(source), app.theme.accent()),
            Line::styled("Cite as", app.theme.dim()),
            Line::raw(shown(&format::source_reference(source)).into_owned()),
        ];
        if let Some(note) = &source.note {
            lines.push(Line::raw(""));
            lines.push(Line::styled("How it is dated", app.theme.dim()));
            lines.push(Line::raw(shown(note).into_owned()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("{} shows only the records from `{}`", keys::OPEN.label(0), source.id),
            app.theme.key(),
        ));
        let block = Block::bordered()
            .border_style(app.theme.border())
            .title(Line::styled(" Citation ", app.theme.accent()));
        detail::render_wrapped(frame, about, block, lines, app.theme);
    }
}

/// `   194 / 194`: records in view of all from the source, the counts
/// grouped by thousands and right-aligned in `width`.
fn in_view(n: usize, total: usize, width: usize) -> String {
    let text = format!("{} / {}", format::count(n), format::count(total));
    format!("{text:>width$}")
}

/// Widths of the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    id: usize,
    title: usize,
    kind: usize,
    as_of: usize,
    count: usize,
}

impl Columns {
    /// As wide as the widest of their cells, fitted to `inner` (`within`).
    fn fit(app: &App, inner: usize) -> Self {
        let sources = &app.model().dataset().sources;
        let widest = |f: &dyn Fn(usize) -> usize| (0..sources.len()).map(f).max().unwrap_or(0);
        let totals = &app.totals().per_source;
        let widest = Self {
            id: widest(&|i| sources[i].id.width()),
            title: 0,
            kind: widest(&|i| sources[i].kind.label().width()),
            as_of: widest(&|i| format::info_as_of(&sources[i]).width()),
            count: widest(&|i| in_view(totals[i], totals[i], 0).width()),
        };
        Self::within(inner, widest)
    }

    /// The columns of cells as wide as `widest` in `inner`: every id whole
    /// where the width allows it (titles give way first, down to 20
    /// columns), kinds, dates and counts whole. Narrower, ids, titles and
    /// kinds are cut, and last, where counts in the millions meet long
    /// dates, the dates and counts: the columns always fit.
    fn within(inner: usize, widest: Self) -> Self {
        let count = widest.count.max(7);
        let kind = widest.kind.max(4);
        let as_of = widest.as_of.max(5);
        let id = widest.id.max(6);
        // The marker and five gaps.
        let fixed = 1 + kind + as_of + count + 5;
        let id = id.min(inner.saturating_sub(fixed + 20)).max(12.min(id));
        let mut c = Self {
            id,
            title: inner.saturating_sub(fixed + id).max(10),
            kind,
            as_of,
            count,
        };
        let excess = |c: &Self| (1 + c.id + c.title + c.kind + c.as_of + c.count + 5).saturating_sub(inner);
        let over = excess(&c);
        layout::give_way([&mut c.id, &mut c.title, &mut c.kind], over);
        let over = excess(&c);
        layout::give_way([&mut c.as_of, &mut c.count], over);
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(layout::column_cases())]

        /// The columns fit the narrowest table a screen of the smallest
        /// supported width gives, and any wider one, whatever the widest
        /// cells (a count in the millions, a date after a negative year).
        #[test]
        fn the_columns_fit_their_table(
            inner in usize::from(layout::MIN_WIDTH - 2)..=200,
            id in 0..80usize,
            kind in 0..40usize,
            as_of in 0..40usize,
            count in 0..60usize,
        ) {
            let c = Columns::within(inner, Columns { id, title: 0, kind, as_of, count });
            let total = 1 + c.id + c.title + c.kind + c.as_of + c.count + 5;
            proptest::prop_assert!(total <= inner, "{:?} in {}", c, inner);
        }
    }
}
