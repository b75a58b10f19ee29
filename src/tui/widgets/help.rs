//! The `?` overlay: every key, from the same lists the footer uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::action::GLOBAL_KEYS;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::views::ViewKind;

fn lines(theme: Theme) -> Vec<Line<'static>> {
    let key_line = |key: &str, action: &str| {
        Line::from(vec![
            Span::styled(format!("  {key:<16}"), theme.key()),
            Span::raw(action.to_owned()),
        ])
    };
    let mut lines = vec![Line::styled("Everywhere", theme.accent())];
    lines.extend(GLOBAL_KEYS.iter().map(|(k, a)| key_line(k, a)));
    lines.push(key_line("Ctrl-C", "quit"));
    lines.push(key_line("mouse", "wheel scrolls, click selects a row or a tab"));
    for view in ViewKind::ALL {
        if view.keys().is_empty() {
            continue;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("{} ({})", view.title(), view as usize + 1),
            theme.accent(),
        ));
        lines.extend(view.keys().iter().map(|(k, a)| key_line(k, a)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "In prompts: Enter applies, Esc cancels, Ctrl-U clears the line.",
        theme.dim(),
    ));
    lines.push(Line::styled(
        "Years: 1990-2002, 1995-, -2000, 1997; empty clears.",
        theme.dim(),
    ));
    lines
}

fn popup_area(area: Rect, line_count: usize) -> Rect {
    layout::popup(area, 66, (line_count as u16).saturating_add(2))
}

/// How far the help can scroll on a screen of `area`.
pub fn max_scroll(area: Rect) -> usize {
    let count = lines(Theme::MONOCHROME).len();
    count.saturating_sub(popup_area(area, count).height.saturating_sub(2) as usize)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let theme = app.theme;
    let lines = lines(theme);
    let popup = popup_area(area, lines.len());
    let scroll = scroll.min(max_scroll(area));
    let more = if scroll < max_scroll(area) {
        " ↓ j more ·"
    } else {
        ""
    };
    let block = Block::bordered()
        .border_style(theme.accent())
        .title(Line::styled(" Keys ", theme.accent()))
        .title_bottom(Line::styled(format!("{more} Esc close "), theme.dim()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), popup);
}
