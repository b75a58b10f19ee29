//! Everything about one record, ending with where it comes from: the
//! verbatim quote and the full citation. Shown as a popup and beside lists.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::model::{RecordIx, format};
use crate::tui::app::App;
use crate::tui::layout;

/// The record's detail as lines to wrap.
pub fn lines(app: &App, ix: RecordIx) -> Vec<Line<'static>> {
    let theme = app.theme;
    let model = &app.model;
    let record = model.record(ix);
    let source = model.source_of(ix);
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<10}"), theme.dim()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        Line::styled(record.title.clone(), theme.accent()),
        field("When", format::when_long(record, source)),
        field(
            "Kind",
            format!("{} · {}", record.kind.as_str(), record.category.label()),
        ),
    ];
    if let Some(indicator) = model.indicator_of(ix) {
        let figure = format::figure_with_unit(record, &indicator.unit).unwrap_or_default();
        let qualifier = record.qualifier.map_or("", |q| q.as_str());
        lines.push(Line::from(vec![
            Span::styled(format!("{:<10}", "Figure"), theme.dim()),
            Span::styled(figure, theme.figure()),
            Span::styled(format!("  ({qualifier}; {})", indicator.name), theme.dim()),
        ]));
    }
    let entities: Vec<String> = model
        .entities_of(ix)
        .map(|e| match &e.korean {
            Some(korean) => format!("{} ({korean})", e.name),
            None => e.name.clone(),
        })
        .collect();
    if !entities.is_empty() {
        lines.push(field("About", entities.join(", ")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(record.summary.clone()));
    if let Some(note) = &record.note {
        lines.push(Line::styled(format!("Note: {note}"), theme.dim()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Quote", theme.dim()));
    lines.push(Line::styled(format!("“{}”", record.quote), theme.quote()));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Source", theme.dim()));
    lines.push(Line::raw(format::source_reference(source)));
    lines.push(field("Where", record.locator.clone()));
    lines.push(field("Record", record.id.clone()));
    lines
}

/// The detail in a bordered panel, scrolled by `scroll` lines.
pub fn render_panel(app: &App, frame: &mut Frame, area: Rect, ix: RecordIx, scroll: usize) {
    let block = Block::bordered()
        .border_style(app.theme.border())
        .title(Line::styled(" Detail ", app.theme.accent()))
        .title_bottom(Line::styled(" y copy citation ", app.theme.dim()).right_aligned());
    let paragraph = Paragraph::new(lines(app, ix)).wrap(Wrap { trim: false });
    let inner_width = area.width.saturating_sub(2);
    let max_scroll = paragraph
        .line_count(inner_width)
        .saturating_sub(area.height.saturating_sub(2) as usize);
    frame.render_widget(
        paragraph
            .block(block)
            .scroll((scroll.min(max_scroll).min(u16::MAX as usize) as u16, 0)),
        area,
    );
}

/// The detail as a popup over the view.
pub fn render_popup(app: &App, frame: &mut Frame, area: Rect, ix: RecordIx, scroll: usize) {
    let popup = layout::popup(area, 90, 30);
    frame.render_widget(Clear, popup);
    render_panel(app, frame, popup, ix, scroll);
}
