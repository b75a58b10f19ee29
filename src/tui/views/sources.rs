//! The documents behind the records: full citation, how each was dated, and
//! how many records in view rest on each. Enter filters to the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Wrap};

use crate::model::format;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::views::ViewKind;
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::text::truncate;
use unicode_width::UnicodeWidthStr;

pub const KEYS: &[(&str, &str)] = &[("Enter", "filter to source"), ("r", "clear filters")];

/// The table takes what its rows need, up to half the body; the citation
/// of the selected source gets the rest.
fn split(body: Rect, sources: usize) -> (Rect, Rect) {
    let wanted = (sources as u16).saturating_add(3).max(5);
    let rows = wanted.min(body.height / 2).max(5).min(body.height);
    let [list, about] = Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(body);
    (list, about)
}

pub fn list_area(app: &App, body: Rect) -> Rect {
    layout::table_rows(split(body, app.model.dataset().sources.len()).0)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, about) = split(body, app.model.dataset().sources.len());
    let sources = &app.model.dataset().sources;
    let (counts, total) = (&app.derived.per_source, &app.totals.per_source);
    let cursor = app.cursor(ViewKind::Sources);
    let id_width = sources.iter().map(|s| s.id.width()).max().unwrap_or(6).clamp(6, 30) as u16;
    let title_width = list.width.saturating_sub(2 + 1 + id_width + 16 + 10 + 4).max(10);
    let table = ScrolledTable {
        title: "Sources".into(),
        header: vec!["", "Source", "Title", "Kind", "In view"],
        widths: vec![
            Constraint::Length(1),
            Constraint::Length(id_width),
            Constraint::Length(title_width),
            Constraint::Length(16),
            Constraint::Length(10),
        ],
        len: sources.len(),
        cursor,
        focused: true,
        theme: app.theme,
        legend: None,
    };
    table.render(frame, list, |i, selected| {
        let (source, n) = (&sources[i], counts[i]);
        Row::new([
            Cell::from(marker(selected)),
            Cell::from(truncate(&source.id, id_width as usize)),
            Cell::from(truncate(&source.title, title_width as usize)),
            Cell::from(truncate(source.kind.label(), 16)),
            Cell::from(format!("{n:>4} / {}", total[i])).style(app.theme.figure()),
        ])
    });
    if let Some(source) = sources.get(cursor.selected) {
        let mut lines = vec![
            Line::styled("Cite as", app.theme.dim()),
            Line::raw(format::source_reference(source)),
        ];
        if let Some(note) = &source.note {
            lines.push(Line::raw(""));
            lines.push(Line::styled("How it is dated", app.theme.dim()));
            lines.push(Line::raw(note.clone()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Enter shows only the records from `{}`", source.id),
            app.theme.key(),
        ));
        let block = Block::bordered()
            .border_style(app.theme.border())
            .title(Line::styled(" Citation ", app.theme.accent()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), about);
    }
}
