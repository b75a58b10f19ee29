//! The `?` overlay: every key, from the key tables (`App::help`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::keys::{self, HelpLine};
use crate::tui::layout;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;

/// A line, its keys padded to `key_width` columns, cut with `…` to
/// `width` (on a narrow screen the popup is narrower than its widest line).
fn styled(line: &HelpLine, key_width: usize, width: usize, theme: Theme) -> Line<'static> {
    match line {
        HelpLine::Heading(text) => Line::styled(truncate(text, width), theme.accent()),
        HelpLine::Key(key, does) => {
            let key = truncate(&format!("  {key:<key_width$}"), width);
            let does = truncate(does, width.saturating_sub(key.width()));
            Line::from(vec![Span::styled(key, theme.key()), Span::raw(does)])
        }
        HelpLine::Note(text) => Line::styled(truncate(text, width), theme.dim()),
        HelpLine::Blank => Line::raw(""),
    }
}

/// The help's `lines` over the screen of `area`, scrolled by `scroll`.
pub fn render(frame: &mut Frame, area: Rect, lines: &[HelpLine], scroll: usize, theme: Theme) {
    let popup = layout::help_popup(area, lines);
    let max_scroll = layout::help_scroll_limit(area, lines);
    let scroll = scroll.min(max_scroll);
    let close = keys::POPUP_CLOSE;
    let more = if scroll < max_scroll { " ↓ more ·" } else { "" };
    let bottom = format!("{more} {} {} ", close.label(0), close.does);
    let block = Block::bordered()
        .border_style(theme.accent())
        .title(Line::styled(" Keys ", theme.accent()))
        .title_bottom(Line::styled(bottom, theme.dim()).right_aligned());
    // Keys in one column, a space at least before what they do.
    let key_width = HelpLine::key_width(lines);
    let width = usize::from(popup.width.saturating_sub(2));
    let text: Vec<Line> = lines.iter().map(|line| styled(line, key_width, width, theme)).collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(text).block(block).scroll((scroll as u16, 0)), popup);
}
