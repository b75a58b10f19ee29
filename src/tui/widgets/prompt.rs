//! One-line prompts: years, search, export file name.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::export;
use crate::model::format;
use crate::tui::app::{Prompt, PromptKind, ShellCommand};
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::text::shown;
use crate::tui::theme::Theme;

/// The prompt over `area`; an export prompt also shows `command`, the
/// command line that writes the same records, and how many it holds.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    prompt: &Prompt,
    command: Option<&ShellCommand>,
    in_view: usize,
    theme: Theme,
) {
    let (title, help) = match prompt.kind {
        PromptKind::Years => (" Years ", "1990-2002, 1995-, -2000, 1997 or 1990s; empty clears"),
        PromptKind::Search => (
            " Search ",
            "every word must match, \"a phrase\" as one; text, names, categories, indicators",
        ),
        PromptKind::Export => (" Export the view to ", "relative to the current folder; ~ is your home"),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.key()),
        Span::raw(shown(&prompt.input).into_owned()),
    ])];
    match &prompt.error {
        Some(error) => lines.push(Line::styled(shown(error).into_owned(), theme.error())),
        None => lines.push(Line::styled(help, theme.dim())),
    }
    if prompt.kind == PromptKind::Export {
        lines.insert(1, Line::styled(format_line(prompt.input.trim()), theme.figure()));
        if let Some(command) = command {
            lines.extend(command_lines(command, theme));
        }
        lines.push(Line::styled(
            format!(
                "{} in view, in the Records view's order",
                format::plural(in_view, "record")
            ),
            theme.figure(),
        ));
    }
    let width = area.width.saturating_sub(2).min(76);
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = (text.line_count(width.saturating_sub(2)) as u16).saturating_add(2);
    let popup = layout::popup(area, width, height);
    let block = Block::bordered()
        .border_style(theme.accent())
        .title(Line::styled(title, theme.accent()))
        .title_bottom(Line::styled(keys::border(&keys::PROMPT), theme.dim()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(text.block(block), popup);
    let cursor_x = popup.x + 3 + shown(&prompt.input).width() as u16;
    if cursor_x < popup.right().saturating_sub(1) {
        frame.set_cursor_position(Position::new(cursor_x, popup.y + 1));
    }
}

/// `Same from a shell:`, the command, and what its file does not keep.
fn command_lines(command: &ShellCommand, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled("Same from a shell:", theme.dim()),
        Line::styled(shown(&command.line).into_owned(), theme.accent()),
    ];
    if let Some(differs) = &command.differs {
        lines.push(Line::styled(differs.clone(), theme.dim()));
    }
    lines
}

/// Which format a file name will be written in, and the others in the
/// order Tab goes through them: `Writes CSV, one row per record · Tab:
/// .jsonl .zip .json`.
fn format_line(name: &str) -> String {
    let chosen = export::format_of(Path::new(name));
    let current = chosen.unwrap_or_else(export::default_format);
    let others: Vec<String> = export::formats_after(current)
        .map(|format| format!(".{}", format.extension()))
        .collect();
    let others = others.join(" ");
    match chosen {
        Some(format) => format!("Writes {} · Tab: {others}", format.description()),
        None => format!(
            "Writes {}: no format's extension (Tab: .{} {others})",
            current.description(),
            current.extension()
        ),
    }
}
