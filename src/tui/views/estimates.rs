//! Estimates (to be built): contested quantities side by side.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::layout;

pub const KEYS: &[(&str, &str)] = &[("Enter", "detail")];

pub fn list_area(body: Rect) -> Rect {
    layout::table_rows(body)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let _ = app;
    frame.render_widget(Paragraph::new("Estimates"), body);
}
