//! A record's detail (`tui::detail`) drawn in a bordered panel: as a popup,
//! and beside lists on wide screens.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::model::{Model, RecordIx};
use crate::tui::detail::{self, LABEL_WIDTH, Role};
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::theme::Theme;

fn styled(line: &detail::Line, theme: Theme) -> Line<'static> {
    let text = match line.role {
        Role::Title => theme.accent(),
        Role::Figure => theme.figure(),
        Role::Note | Role::Heading => theme.dim(),
        Role::Quote => theme.quote(),
        Role::Field | Role::Text | Role::Blank => Default::default(),
    };
    let mut spans = Vec::new();
    if !line.label.is_empty() {
        spans.push(Span::styled(format!("{:<LABEL_WIDTH$}", line.label), theme.dim()));
    }
    spans.push(Span::styled(line.text.clone(), text));
    if !line.aside.is_empty() {
        spans.push(Span::styled(line.aside.clone(), theme.dim()));
    }
    Line::from(spans)
}

/// The detail's `lines` in a bordered panel, scrolled by `scroll` lines.
pub fn render(frame: &mut Frame, area: Rect, lines: &[detail::Line], scroll: usize, theme: Theme) {
    let max_scroll = layout::detail_scroll_limit(area, lines);
    let scroll = scroll.min(max_scroll);
    let copy: Vec<String> = [keys::COPY, keys::COPY_QUOTE]
        .iter()
        .map(|b| format!("{} {}", b.label(0), b.does))
        .collect();
    let mut block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(" Detail ", theme.accent()))
        .title_bottom(Line::styled(format!(" {} ", copy.join(" · ")), theme.dim()).right_aligned());
    if scroll < max_scroll {
        block = block.title_bottom(more_below(theme));
    }
    let inside = usize::from(area.width.saturating_sub(2));
    let text: Vec<Line> = detail::hanging(lines, inside)
        .iter()
        .map(|line| styled(line, theme))
        .collect();
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    frame.render_widget(
        paragraph.block(block).scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        area,
    );
}

/// For a panel's bottom border, where its text runs past it.
fn more_below(theme: Theme) -> Line<'static> {
    Line::styled(" ↓ more ", theme.key())
}

/// `lines` wrapped in `block` at `area`, its bottom border saying ` ↓ more `
/// where they run past it: a short screen cuts a panel's text, never
/// silently.
pub fn render_wrapped(frame: &mut Frame, area: Rect, block: Block<'_>, lines: Vec<Line<'_>>, theme: Theme) {
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let block = if layout::runs_over(area, &text, widest) {
        block.title_bottom(more_below(theme))
    } else {
        block
    };
    frame.render_widget(text.block(block), area);
}

/// A record's detail beside a list.
pub fn render_panel(frame: &mut Frame, area: Rect, model: &Model, ix: RecordIx, theme: Theme) {
    render(frame, area, &detail::lines_within(model, ix, area), 0, theme);
}

/// A record's detail over the screen, at `popup`.
pub fn render_popup(frame: &mut Frame, popup: Rect, lines: &[detail::Line], scroll: usize, theme: Theme) {
    frame.render_widget(Clear, popup);
    render(frame, popup, lines, scroll, theme);
}
