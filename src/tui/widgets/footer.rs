//! The keys that work here, or the latest message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let line = match &app.message {
        Some(message) if message.is_error => Line::styled(format!("✗ {}", message.text), theme.error()),
        Some(message) => Line::styled(format!("✓ {}", message.text), theme.info()),
        None => {
            let mut keys: Vec<(&str, &str)> = app.tab.keys().to_vec();
            keys.extend([("t", "years"), ("/", "search"), ("c", "categories"), ("e", "export")]);
            // Whole hints only, and always the way to every other key.
            let last = [("?", "help"), ("q", "quit")];
            // (+ 2: the spaces after the last hint may fall off the edge.)
            let room = (area.width as usize + 2).saturating_sub(hints_width(&last));
            while !keys.is_empty() && hints_width(&keys) > room {
                keys.pop();
            }
            keys.extend(last);
            hints(&keys, theme)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Columns `hints(keys)` takes, its final spaces included.
fn hints_width(keys: &[(&str, &str)]) -> usize {
    keys.iter().map(|(key, action)| key.width() + action.width() + 3).sum()
}

/// `key action` pairs as one line.
pub fn hints(keys: &[(&str, &str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, action) in keys {
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::styled(format!(" {action}  "), theme.dim()));
    }
    Line::from(spans)
}
