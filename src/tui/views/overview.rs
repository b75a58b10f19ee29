//! Overview (to be built): headline gauges, key figures, records per year, counts by category.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::tui::app::App;

pub const KEYS: &[(&str, &str)] = &[];

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let _ = app;
    frame.render_widget(Paragraph::new("Overview"), body);
}
