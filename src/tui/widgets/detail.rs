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

/// How far a panel of the detail in `area` can scroll.
pub fn max_scroll(app: &App, area: Rect, ix: RecordIx) -> usize {
    Paragraph::new(lines(app, ix))
        .wrap(Wrap { trim: false })
        .line_count(area.width.saturating_sub(2))
        .saturating_sub(area.height.saturating_sub(2) as usize)
}

/// The detail in a bordered panel, scrolled by `scroll` lines.
pub fn render_panel(app: &App, frame: &mut Frame, area: Rect, ix: RecordIx, scroll: usize) {
    let max_scroll = max_scroll(app, area, ix);
    let scroll = scroll.min(max_scroll);
    let mut block = Block::bordered()
        .border_style(app.theme.border())
        .title(Line::styled(" Detail ", app.theme.accent()))
        .title_bottom(Line::styled(" y copy citation ", app.theme.dim()).right_aligned());
    if scroll < max_scroll {
        block = block.title_bottom(Line::styled(" ↓ j more ", app.theme.key()));
    }
    let paragraph = Paragraph::new(lines(app, ix)).wrap(Wrap { trim: false });
    frame.render_widget(
        paragraph.block(block).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        area,
    );
}

/// Where the popup goes: as tall as the wrapped detail, up to the screen.
pub fn popup_area(app: &App, body: Rect, ix: RecordIx) -> Rect {
    let width = body.width.saturating_sub(2).min(90);
    let wrapped = Paragraph::new(lines(app, ix))
        .wrap(Wrap { trim: false })
        .line_count(width.saturating_sub(2));
    layout::popup(body, width, (wrapped as u16).saturating_add(2))
}

pub fn render_popup(app: &App, frame: &mut Frame, body: Rect, ix: RecordIx, scroll: usize) {
    let popup = popup_area(app, body, ix);
    frame.render_widget(Clear, popup);
    render_panel(app, frame, popup, ix, scroll);
}
