//! The tabs, the active filter and how many records are in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::text::shown;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let mut tabs = Vec::new();
    for (position, view) in app.views().iter().enumerate() {
        if position > 0 {
            tabs.push(Span::styled("│", theme.dim()));
        }
        let style = if position == app.tab() {
            theme.selected()
        } else {
            theme.dim()
        };
        tabs.push(Span::styled(layout::tab_label(position, view.title()), style));
    }
    let lines = vec![Line::from(tabs), filter_line(app)];
    let block = Block::new().borders(Borders::BOTTOM).border_style(theme.border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn filter_line(app: &App) -> Line<'static> {
    let theme = app.theme;
    let f = app.filter();
    let mut parts = vec![
        Span::styled("Years ", theme.dim()),
        Span::styled(f.years_label().unwrap_or_else(|| "all".into()), theme.accent()),
        Span::styled(
            if f.include_undated && f.has_year_range() {
                " +undated"
            } else {
                ""
            },
            theme.accent(),
        ),
        Span::styled("  Categories ", theme.dim()),
        Span::styled(
            if f.categories.is_empty() {
                "all".to_owned()
            } else {
                f.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
            },
            theme.accent(),
        ),
    ];
    if !f.search.is_empty() {
        parts.push(Span::styled("  Search ", theme.dim()));
        parts.push(Span::styled(format!("“{}”", shown(&f.search)), theme.accent()));
    }
    for (label, values) in [("Source", &f.sources), ("Entity", &f.entities)] {
        if !values.is_empty() {
            parts.push(Span::styled(format!("  {label} "), theme.dim()));
            parts.push(Span::styled(shown(&values.join(",")).into_owned(), theme.accent()));
        }
    }
    if let Some(indicator) = &f.indicator {
        parts.push(Span::styled("  Indicator ", theme.dim()));
        parts.push(Span::styled(shown(indicator).into_owned(), theme.accent()));
    }
    parts.push(Span::styled(
        format!("  │ {} of {} records", app.derived().view.len(), app.model().len()),
        theme.figure(),
    ));
    Line::from(parts)
}
