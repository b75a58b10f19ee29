//! A bordered table that builds rows only for the visible window, so a view
//! over 100,000 records draws as fast as one over a hundred.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Row, Table};
use unicode_width::UnicodeWidthStr;

use crate::model::{Model, RecordIx, format};
use crate::tui::cursor::Cursor;
use crate::tui::layout;
use crate::tui::text::{truncate, truncate_figure, truncate_title};
use crate::tui::theme::Theme;

pub struct ScrolledTable<'a> {
    pub title: String,
    pub header: Vec<&'a str>,
    pub widths: Vec<Constraint>,
    pub len: usize,
    pub cursor: Cursor,
    /// Whether this table has the keys (its selection is drawn brighter).
    pub focused: bool,
    pub theme: Theme,
    /// A key to the table's glyphs, on the bottom border.
    pub legend: Option<Line<'static>>,
}

impl ScrolledTable<'_> {
    /// Draws the table; `row(i, selected)` builds the row for list index `i`.
    pub fn render(self, frame: &mut Frame, area: Rect, mut row: impl FnMut(usize, bool) -> Row<'static>) {
        let visible = layout::table_rows(area).height as usize;
        let window = self.cursor.window(self.len, visible);
        let position = position(self.cursor, self.len);
        let rows: Vec<Row> = window
            .map(|i| {
                let selected = i == self.cursor.selected;
                let r = row(i, selected);
                if selected && self.focused {
                    r.style(self.theme.selected())
                } else if selected {
                    r.style(self.theme.accent())
                } else {
                    r
                }
            })
            .collect();
        // Each view's columns fit by construction: they give way
        // (`layout::give_way`) to what their table leaves, which their
        // property tests check over widths and cells of any size. This
        // check catches a view that would break that while it is tested.
        debug_assert!(
            columns_width(&self.widths) <= area.width.saturating_sub(2),
            "the columns of {:?} are wider than {area:?}: ratatui would narrow them below \
             the width their text was cut to, and a cut text would show without its `…`",
            self.title
        );
        // The corners and a space either side: ratatui would clip a longer
        // title without a `…`.
        let title = truncate(&self.title, usize::from(area.width.saturating_sub(4)));
        let mut block = Block::bordered()
            .border_style(self.theme.border())
            .title(Line::styled(format!(" {title} "), self.theme.accent()));
        if let Some(legend) = self.legend {
            block = block.title_bottom(legend);
        }
        let block = block.title_bottom(Line::styled(format!(" {position} "), self.theme.dim()).right_aligned());
        // A header is cut as its cells are, to its column's width.
        let labels = self
            .header
            .into_iter()
            .zip(&self.widths)
            .map(|(label, width)| match width {
                Constraint::Length(n) => truncate(label, usize::from(*n)),
                _ => label.to_owned(),
            });
        let header = Row::new(labels).style(self.theme.dim());
        let table = Table::new(rows, self.widths)
            .header(header)
            .block(block)
            .column_spacing(1);
        frame.render_widget(table, area);
    }
}

/// The columns' widths and the gap between each two, as the table lays
/// them out when they fit.
pub(crate) fn columns_width(widths: &[Constraint]) -> u16 {
    let columns = widths.iter().map(|width| match width {
        Constraint::Length(n) | Constraint::Min(n) => *n,
        _ => 0,
    });
    columns.sum::<u16>() + widths.len().saturating_sub(1) as u16
}

/// Where the selection is, for the bottom border: `1,000/1,234`, `none`.
/// A view that puts more on that border leaves this much room.
pub fn position(cursor: Cursor, len: usize) -> String {
    if len == 0 {
        return "none".to_owned();
    }
    format!("{}/{}", format::count(cursor.selected + 1), format::count(len))
}

/// The room a table `width` wide leaves on its bottom border beside the
/// position: the border's corners and the spaces around the position.
pub fn legend_room(width: u16, cursor: Cursor, len: usize) -> usize {
    (width as usize).saturating_sub(position(cursor, len).width() + 6)
}

/// A record's time as a table's When column shows it (`1997`,
/// `2015-07–2015-09`, `c. 2002`).
pub fn when(model: &Model, ix: RecordIx) -> String {
    format::when_short(model.record(ix), model.source_of(ix))
}

/// The columns the widest time of `records` (those on screen) takes.
pub fn widest_when(model: &Model, records: &[RecordIx]) -> usize {
    records.iter().map(|&ix| when(model, ix).width()).max().unwrap_or(0)
}

/// A When column for times at widest `widest` columns: as wide as they
/// are (a cut period reads as another), up to `usual` whatever else, and
/// further where `room` allows; never narrower than its header.
pub fn when_column(widest: usize, usual: usize, room: usize) -> usize {
    widest.min(usual.max(room)).max("When".len())
}

/// The marker that shows the selected row without colour.
pub fn marker(selected: bool) -> &'static str {
    if selected { "▶" } else { " " }
}

/// The title cut to leave room for the figure after it, when there is one;
/// cut as a figure is, as a title cut inside its number (`An estimated
/// 30,00…`) shows a number the record does not hold.
pub fn title_with_figure(title: &str, figure: Option<&str>, width: usize, theme: Theme) -> Line<'static> {
    let Some(figure) = figure else {
        return Line::raw(truncate_title(title, width));
    };
    // Each gets at least half: a long figure (a vague amount's words and
    // bounds) must not squeeze the title to nothing.
    let figure = truncate_figure(figure, width / 2);
    let room = width.saturating_sub(figure.width() + 3);
    Line::from(vec![
        Span::raw(truncate_title(title, room)),
        Span::styled(" · ", theme.dim()),
        Span::styled(figure, theme.figure()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_never_cut_inside_its_number() {
        let text = |line: Line<'_>| line.spans.iter().map(|s| s.content.to_string()).collect::<String>();
        let title = "An estimated 30,000 lines";
        // 27 columns: ` · 30,000` takes 9 and leaves the title 18, which a
        // plain cut fills as `An estimated 30,0…`, another number.
        let line = title_with_figure(title, Some("30,000"), 27, Theme::MONOCHROME);
        assert_eq!(text(line), "An estimated… · 30,000");
        let line = title_with_figure(title, None, 18, Theme::MONOCHROME);
        assert_eq!(text(line), "An estimated…");
    }

    #[test]
    fn the_position_groups_thousands() {
        let at = |selected| Cursor {
            selected,
            ..Cursor::default()
        };
        assert_eq!(position(at(999), 1234), "1,000/1,234");
        assert_eq!(position(at(0), 36), "1/36");
        assert_eq!(position(at(0), 0), "none");
    }
}
