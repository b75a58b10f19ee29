//! A picker over the body: the text typed to narrow it, then its rows, each
//! with how many records in view it would keep.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::format;
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::picker::{PickRow, Picker};
use crate::tui::text::{fit, truncate, truncate_start};
use crate::tui::theme::Theme;
use crate::tui::widgets::table;

/// Columns for a count (`100,000`) and the gap before it.
const COUNT: usize = 9;
/// Columns before the label: the cursor's `▶`, a space, the mark, a space.
const MARKS: usize = 6;

pub fn render(frame: &mut Frame, body: Rect, picker: &Picker, theme: Theme) {
    let areas = layout::picker(body, picker.items.len());
    let width = areas.rows.width as usize;
    let window = picker.cursor.window(picker.rows.len(), areas.rows.height as usize);
    let mut lines = vec![input_line(picker, width, theme)];
    for (row, i) in picker.rows[window.clone()].iter().zip(window) {
        let selected = i == picker.cursor.selected;
        let line = match *row {
            PickRow::Any => row_line(
                selected,
                "   ",
                &format!("Any {} (no filter)", picker.facet.noun()),
                "",
                picker.any_count,
                width,
                theme,
            ),
            PickRow::Item(item) => {
                let it = &picker.items[item];
                let mark = match (picker.marked[item], it.active) {
                    (true, _) => "[x]",
                    (false, true) => " ✓ ",
                    (false, false) => "   ",
                };
                row_line(selected, mark, &it.label, &it.note, it.count, width, theme)
            }
        };
        lines.push(if selected { line.style(theme.selected()) } else { line });
    }
    if picker.rows.is_empty() {
        lines.push(Line::styled(no_match_line(picker, width), theme.dim()));
    }
    let title = format!(" {} · records in view · ✓ in the filter now ", picker.facet.title());
    let block = Block::bordered()
        .border_style(theme.accent())
        .title(Line::styled(title, theme.accent()))
        .title_bottom(Line::styled(keys::border(&keys::PICKER), theme.dim()).right_aligned());
    frame.render_widget(Clear, areas.popup);
    frame.render_widget(Paragraph::new(lines).block(block), areas.popup);
}

/// `› kory`, or the error of the last key, in `width` columns: text longer
/// than that shows its end, where the next key goes.
fn input_line(picker: &Picker, width: usize, theme: Theme) -> Line<'static> {
    match &picker.error {
        Some(error) => Line::styled(truncate(error, width), theme.error()),
        None if picker.input.is_empty() => Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::styled("type to narrow", theme.dim()),
        ]),
        None => Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(truncate_start(&picker.input, width.saturating_sub(2))),
        ]),
    }
}

/// `  No category matches “kory”` in `width` columns: typed text too long
/// for it shows its end, as the input line does, where the last key went.
fn no_match_line(picker: &Picker, width: usize) -> String {
    let head = format!("  No {} matches “", picker.facet.noun());
    // The closing quote's column.
    let room = width.saturating_sub(head.width() + 1);
    if room == 0 {
        return truncate(&format!("{head}{}”", picker.input), width);
    }
    format!("{head}{}”", truncate_start(&picker.input, room))
}

/// `▶ [x] Koryolink (고려링크)          organization      12`: the cursor,
/// the mark, the label, its note and the count, in `width` columns.
fn row_line(
    selected: bool,
    mark: &str,
    label: &str,
    note: &str,
    count: usize,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let cursor = table::marker(selected);
    let room = width.saturating_sub(MARKS + COUNT);
    // The note takes what it needs, up to a third of the room.
    let note_width = note.width().min(room / 3);
    let gap = usize::from(note_width > 0);
    let label = fit(label, room.saturating_sub(note_width + gap));
    let note = fit(note, note_width);
    Line::from(vec![
        Span::raw(format!("{cursor} {mark} {label}{}", " ".repeat(gap))),
        Span::styled(note, theme.dim()),
        Span::styled(format!("{:>COUNT$}", format::count(count)), theme.figure()),
    ])
}
