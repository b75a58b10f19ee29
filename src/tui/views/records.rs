//! Every record in view in a sortable table, with the selection's detail
//! beside it on wide screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};
use unicode_width::UnicodeWidthStr;

use crate::model::{RecordIx, format};
use crate::tui::app::{App, List, View};
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::truncate;
use crate::tui::widgets::detail;
use crate::tui::widgets::table::{ScrolledTable, marker};

pub struct Records;

const KEYS: &[Hint] = &[
    Hint::of(&[keys::SORT]),
    Hint::of(&[keys::SORT_REVERSE]),
    Hint::of(&[keys::OPEN]),
    Hint {
        rows: &[keys::COPY],
        does: "copy",
    },
];

impl View for Records {
    fn title(&self) -> &'static str {
        "Records"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: app.derived().sorted.len(),
            rows: layout::table_rows(layout::beside(body, layout::RECORDS).0),
        }
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        let at = app.selection_of::<Self>().outer.selected;
        app.derived().sorted.get(at).copied()
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

/// Column widths: the title takes what the others leave; the category
/// column only shows when there is room for it.
struct Columns {
    category: u16,
    title: u16,
    figure: u16,
    source: u16,
}

impl Columns {
    const WHEN: u16 = 10;

    fn for_width(table_width: u16, longest_source: u16) -> Self {
        let inner = table_width.saturating_sub(2);
        let longest_source = longest_source.min(26);
        let (category, figure, source) = match inner {
            130.. => (19, 24, longest_source),
            90.. => (0, 18, longest_source),
            _ => (0, 16, 12),
        };
        let columns = if category > 0 { 6 } else { 5 };
        let fixed = 1 + Self::WHEN + category + figure + source + (columns - 1);
        Self {
            category,
            title: inner.saturating_sub(fixed).max(8),
            figure,
            source,
        }
    }
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::beside(body, layout::RECORDS);
    let model = app.model();
    let rows = &app.derived().sorted;
    let sort = app.sort();
    let arrow = if sort.reversed { "↓" } else { "↑" };
    let title = format!("Records · sorted by {} {arrow}", sort.column.label());
    let longest_source = model.dataset().sources.iter().map(|s| s.id.width()).max().unwrap_or(6) as u16;
    let columns = Columns::for_width(list.width, longest_source);
    let with_category = columns.category > 0;
    let mut header = vec!["", "When"];
    let mut widths = vec![Constraint::Length(1), Constraint::Length(Columns::WHEN)];
    if with_category {
        header.push("Category");
        widths.push(Constraint::Length(columns.category));
    }
    header.extend(["Title", "Figure", "Source"]);
    widths.extend([
        Constraint::Length(columns.title),
        Constraint::Length(columns.figure),
        Constraint::Length(columns.source),
    ]);
    let table = ScrolledTable {
        title,
        header,
        widths,
        len: rows.len(),
        cursor: app.selection_of::<Records>().outer,
        focused: true,
        theme: app.theme,
        legend: None,
    };
    table.render(frame, list, |i, selected| {
        let ix = rows[i];
        let record = model.record(ix);
        let figure = model
            .indicator_of(ix)
            .and_then(|ind| format::figure_with_unit(record, &ind.unit))
            .unwrap_or_default();
        let mut cells = vec![Cell::from(marker(selected)), Cell::from(format::when_short(record, model.source_of(ix)))];
        if with_category {
            cells.push(Cell::from(record.category.as_str()));
        }
        cells.extend([
            Cell::from(truncate(&record.title, columns.title as usize)),
            Cell::from(truncate(&figure, columns.figure as usize)).style(app.theme.figure()),
            Cell::from(truncate(&record.source, columns.source as usize)).style(app.theme.dim()),
        ]);
        Row::new(cells)
    });
    if let (Some(side), Some(ix)) = (side, Records.selected_record(app)) {
        detail::render_panel(frame, side, app.model(), ix, app.theme);
    }
}
