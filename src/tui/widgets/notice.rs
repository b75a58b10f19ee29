//! What a view shows when the filter leaves it nothing to show.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::model::Filter;
use crate::tui::theme::Theme;

/// `No {what} in 1990-1995.`, or `… in view.` without a year range.
pub fn headline(what: &str, filter: &Filter, theme: Theme) -> Line<'static> {
    let text = match filter.years_label() {
        Some(years) => format!("No {what} in {years}."),
        None => format!("No {what} in view."),
    };
    Line::styled(text, theme.accent())
}

/// A sentence with keys picked out: the odd parts are keys.
pub fn with_keys(parts: &[&str], theme: Theme) -> Line<'static> {
    let spans = parts.iter().enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            Span::styled(part.to_string(), theme.key())
        } else {
            Span::raw(part.to_string())
        }
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// The lines in a bordered panel titled `title`.
pub fn render(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(format!(" {title} "), theme.accent()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
