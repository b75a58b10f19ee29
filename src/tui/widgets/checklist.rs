//! The `c` overlay: categories to keep, each with its count in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::data::Category;
use crate::tui::app::{App, Checklist};
use crate::tui::layout;

fn popup(body: Rect) -> Rect {
    layout::popup(body, 44, Category::ALL.len() as u16 + 2)
}

/// How many categories fit in the popup over `body`.
pub fn visible_rows(body: Rect) -> usize {
    popup(body).height.saturating_sub(2) as usize
}

pub fn render(app: &App, frame: &mut Frame, body: Rect, list: &Checklist) {
    let theme = app.theme;
    let counts = &app.totals.per_category;
    let popup = popup(body);
    let visible = visible_rows(body);
    let window = list.cursor.window(Category::ALL.len(), visible);
    let lines: Vec<Line> = Category::ALL[window.clone()]
        .iter()
        .zip(window)
        .map(|(category, i)| {
            let mark = if list.chosen[i] { "[x]" } else { "[ ]" };
            let count = counts[i];
            let line = Line::from(vec![
                Span::raw(format!(" {mark} {:<22}", category.label())),
                Span::styled(format!("{count:>5}"), theme.dim()),
            ]);
            if i == list.cursor.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .border_style(theme.accent())
        .title(Line::styled(" Categories (none = all) ", theme.accent()))
        .title_bottom(Line::styled(" Space toggle · Enter apply · r none · Esc ", theme.dim()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
