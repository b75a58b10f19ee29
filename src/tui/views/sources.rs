//! The documents behind the records: full citation, how each was dated, and
//! how many records in view rest on each. Enter filters to the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Wrap};
use unicode_width::UnicodeWidthStr;

use super::records::Records;
use crate::model::{RecordIx, format};
use crate::tui::action::Action;
use crate::tui::app::{App, List, View};
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::{shown, truncate};
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
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), about);
    }
}
