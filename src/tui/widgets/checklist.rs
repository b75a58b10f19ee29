//! The `c` overlay: categories to keep, each with its count in the dataset.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::data::Category;
use crate::tui::app::Checklist;
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// The checklist over `body`; `counts` are per category, in `Category::ALL` order.
pub fn render(frame: &mut Frame, body: Rect, list: &Checklist, counts: &[usize], theme: Theme) {
    let popup = layout::categories_popup(body);
    let window = list.cursor.window(Category::ALL.len(), layout::categories_rows(body));
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
        .title_bottom(Line::styled(keys::border(&keys::CHECKLIST), theme.dim()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
