//! Every record in view in a sortable table, with the selection's detail
//! beside it on wide screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use crate::model::format;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::views::ViewKind;
use crate::tui::widgets::detail;
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::text::truncate;

pub const KEYS: &[(&str, &str)] = &[("s", "sort column"), ("S", "reverse"), ("Enter", "detail"), ("y", "copy")];

/// Wider than this, the detail sits beside the table.
const SIDE_PANEL_WIDTH: u16 = 120;

pub fn list_area(body: Rect) -> Rect {
    layout::table_rows(layout::list_and_side(body, SIDE_PANEL_WIDTH).0)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::list_and_side(body, SIDE_PANEL_WIDTH);
    let model = &app.model;
    let rows = &app.derived.sorted;
    let arrow = if app.sort.reversed { "↓" } else { "↑" };
    let title = format!("Records · sorted by {} {arrow}", app.sort.column.label());
    let title_width = list.width.saturating_sub(12 + 10 + 14 + 22 + 24).max(12) as usize;
    let table = ScrolledTable {
        title,
        header: vec!["", "When", "Category", "Title", "Figure", "Source"],
        widths: vec![
            Constraint::Length(1),
            Constraint::Length(10),
            Constraint::Length(13),
            Constraint::Min(12),
            Constraint::Length(20),
            Constraint::Length(20),
        ],
        len: rows.len(),
        cursor: app.cursor(ViewKind::Records),
        focused: true,
        theme: app.theme,
    };
    table.render(frame, list, |i, selected| {
        let ix = rows[i];
        let record = model.record(ix);
        let figure = model
            .indicator_of(ix)
            .and_then(|ind| format::figure_with_unit(record, &ind.unit))
            .unwrap_or_default();
        Row::new([
            Cell::from(marker(selected)),
            Cell::from(format::when(record)),
            Cell::from(record.category.as_str()),
            Cell::from(truncate(&record.title, title_width)),
            Cell::from(truncate(&figure, 20)).style(app.theme.figure()),
            Cell::from(truncate(&record.source, 20)).style(app.theme.dim()),
        ])
    });
    if let (Some(side), Some(ix)) = (side, app.selected_record()) {
        detail::render_panel(app, frame, side, ix, 0);
    }
}
