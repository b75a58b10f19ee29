//! Indicators (to be built): indicator table, observations, chart.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::layout;

pub const KEYS: &[(&str, &str)] = &[("←/→", "switch list"), ("Enter", "observations / detail")];

pub fn list_area(app: &App, body: Rect) -> Rect {
    let _ = app;
    layout::table_rows(body)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let _ = app;
    frame.render_widget(Paragraph::new("Indicators"), body);
}
