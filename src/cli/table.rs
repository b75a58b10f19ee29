//! Tables for the terminal: columns aligned by display width (a Korean
//! character takes two), fitted into a width by `fit`, every cell escaped.
//!
//! A listing can have a million rows: the cells are kept end to end in one
//! string, each measured once as it comes, and the rows are written one
//! line at a time into the same buffer.

use std::borrow::Cow;
use std::io::{self, Write};

use super::fit;
use crate::terminal_text::{any_needs_escape, escape};

/// Room for a row's text, in bytes: more than a row of records takes on
/// average (84 bytes in the bundled dataset's listing, 133 at most).
const TEXT_PER_ROW: usize = 128;

/// Why a table's rows could not be written in an order (`Table::write_in`).
#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// The order does not give each of the table's rows: a fault of this
    /// program, not of its input.
    #[error("a table of {rows} rows, to be written in an order of {asked} that is not of its rows")]
    NotItsRows { rows: usize, asked: usize },
    #[error(transparent)]
    Output(#[from] io::Error),
}

pub struct Table {
    headers: Vec<String>,
    /// By column: how readily it is cut to fit a width.
    give: Vec<fit::Give>,
    /// By column: whether it holds figures, never cut inside a number.
    figures: Vec<bool>,
    /// Every cell's text, escaped, end to end, row after row.
    text: String,
    /// By cell, row after row: where its text ends in `text`, and how wide
    /// it shows.
    cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    end: usize,
    width: usize,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            give: vec![fit::Give::Never; headers.len()],
            figures: vec![false; headers.len()],
            text: String::new(),
            cells: Vec::new(),
        }
    }

    /// The columns (by header) that give way when the table is too wide:
    /// `first`, then `then`, and `last` only when no other can.
    pub fn shrinking(mut self, first: &[&str], then: &[&str], last: &[&str]) -> Self {
        for (header, give) in self.headers.iter().zip(&mut self.give) {
            let header = header.as_str();
            if first.contains(&header) {
                *give = fit::Give::First;
            } else if then.contains(&header) {
                *give = fit::Give::Then;
            } else if last.contains(&header) {
                *give = fit::Give::Last;
            }
        }
        self
    }

    /// The columns (by header) of figures: cut, when they must be, before
    /// a number rather than inside it (`fit::push_cut_figure`).
    pub fn figures(mut self, figures: &[&str]) -> Self {
        for (header, figure) in self.headers.iter().zip(&mut self.figures) {
            *figure = figures.contains(&header.as_str());
        }
        self
    }

    /// A row, a cell a column, each escaped: a dataset can neither break
    /// the table (a line break shows as `\u{a}`) nor drive the terminal.
    /// The row's text is looked at once, as it is (almost always, nothing
    /// in it needs escaping): looking at each cell apart was a third of
    /// making the rows of the bundled dataset's listing (0.31 M
    /// instructions, now 0.13 M); only a row that needs it is made again,
    /// a cell escaped at a time, from its cells as pushed.
    pub fn push<S: AsRef<str>>(&mut self, row: impl IntoIterator<Item = S>) {
        let (before, start) = (self.cells.len(), self.text.len());
        self.push_cells(row, |cell| Cow::Borrowed(cell));
        if any_needs_escape(&self.text[start..]) {
            let pushed = self.text.split_off(start);
            let ends: Vec<usize> = self.cells.drain(before..).map(|cell| cell.end - start).collect();
            let starts = std::iter::once(0).chain(ends.iter().copied());
            let cells = starts.zip(&ends).map(|(from, &end)| &pushed[from..end]);
            self.push_cells(cells, escape);
        }
        assert_eq!(
            self.cells.len() - before,
            self.headers.len(),
            "a row of a table has a cell a column"
        );
    }

    /// Appends the cells of `row`, each as `escape` writes it.
    fn push_cells<S: AsRef<str>>(&mut self, row: impl IntoIterator<Item = S>, escape: impl Fn(&str) -> Cow<'_, str>) {
        for cell in row {
            let cell = escape(cell.as_ref());
            self.text.push_str(&cell);
            self.cells.push(Cell {
                end: self.text.len(),
                width: fit::width(&cell),
            });
        }
    }

    /// Room for `rows` more rows, made at once: grown as it fills, the
    /// text and cells of the bundled dataset's listing were copied at each
    /// doubling, which touched about 25 more pages than this. Room never
    /// written to is never touched, so a generous guess costs nothing.
    pub fn reserve(&mut self, rows: usize) {
        self.cells.reserve_exact(rows * self.headers.len());
        self.text.reserve(rows * TEXT_PER_ROW);
    }

    /// How many rows the table has.
    pub fn len(&self) -> usize {
        self.cells.len() / self.headers.len().max(1)
    }

    /// Forgets every row (the room made for them is kept).
    pub fn clear(&mut self) {
        self.text.clear();
        self.cells.clear();
    }

    /// The cells of the row numbered `row` (from 0), with their widths.
    fn row(&self, row: usize) -> impl Iterator<Item = (&str, usize)> {
        let columns = self.headers.len().max(1);
        let cells = &self.cells[row * columns..(row + 1) * columns];
        // Each cell's text starts where the one before it ends.
        let mut start = row.checked_sub(1).map_or(0, |_| self.cells[row * columns - 1].end);
        cells.iter().map(move |cell| {
            let text = &self.text[start..cell.end];
            start = cell.end;
            (text, cell.width)
        })
    }

    /// Writes the table, fitted into `width` columns where its shrinking
    /// columns allow; whole cells when `width` is `None`.
    pub fn write(&self, out: &mut dyn Write, width: Option<usize>) -> io::Result<()> {
        self.write_rows(out, width, 0..self.len())
    }

    /// As `write`, the rows in the order `order` gives their numbers (from
    /// 0), each once: rows made in one order (the records of a file as
    /// they are read) and shown in another (by date). Nothing is written
    /// if `order` gives fewer or more rows than the table has, or a row it
    /// does not have.
    pub fn write_in(&self, out: &mut dyn Write, width: Option<usize>, order: &[usize]) -> Result<(), OrderError> {
        let rows = self.len();
        if order.len() != rows || order.iter().any(|&row| row >= rows) {
            return Err(OrderError::NotItsRows {
                rows,
                asked: order.len(),
            });
        }
        Ok(self.write_rows(out, width, order.iter().copied())?)
    }

    /// Writes the header, then the rows `rows` (each once, or the widths
    /// are those of rows not written).
    fn write_rows(
        &self,
        out: &mut dyn Write,
        width: Option<usize>,
        rows: impl Iterator<Item = usize>,
    ) -> io::Result<()> {
        let headers: Vec<usize> = self.headers.iter().map(|h| fit::width(h)).collect();
        let natural = self.natural_widths(&headers);
        let widths = match width {
            Some(limit) => fit::widths(&natural, &self.most_widths(), &headers, &self.give, limit),
            None => natural,
        };
        // One line, used again for each row (a listing can have a million),
        // and the spaces that pad any cell, made once.
        let mut line = String::new();
        let spaces = " ".repeat(widths.iter().max().map_or(0, |&widest| widest + fit::GAP));
        let header_row = self.headers.iter().map(String::as_str).zip(headers.iter().copied());
        let columns = Columns {
            widths: &widths,
            figures: &self.figures,
            spaces: &spaces,
        };
        write_row(out, &mut line, header_row, &columns)?;
        for row in rows {
            write_row(out, &mut line, self.row(row), &columns)?;
        }
        Ok(())
    }
}

impl Table {
    /// By column, the widest cell, or the header if wider (`headers`
    /// wide), found in the order the cells are kept (the rows may be
    /// written in another).
    fn natural_widths(&self, headers: &[usize]) -> Vec<usize> {
        let mut natural = headers.to_vec();
        for row in self.cells.chunks_exact(headers.len().max(1)) {
            for (widest, cell) in natural.iter_mut().zip(row) {
                *widest = (*widest).max(cell.width);
            }
        }
        natural
    }

    /// By column, the width that holds most of its cells (`fit::most_of`).
    fn most_widths(&self) -> Vec<usize> {
        let columns = self.headers.len();
        // By column, how many cells are of each width.
        let mut by_width: Vec<Vec<usize>> = vec![Vec::new(); columns];
        for row in self.cells.chunks_exact(columns.max(1)) {
            for (counts, cell) in by_width.iter_mut().zip(row) {
                if counts.len() <= cell.width {
                    counts.resize(cell.width + 1, 0);
                }
                counts[cell.width] += 1;
            }
        }
        by_width.iter().map(|counts| fit::most_of(counts)).collect()
    }
}

/// How a table's rows are laid out: each column's width and whether it
/// holds figures; `spaces` as many as the widest column and the gap after
/// it.
struct Columns<'a> {
    widths: &'a [usize],
    figures: &'a [bool],
    spaces: &'a str,
}

/// Writes one row of `cells` (text and width) in `columns`, without the
/// spaces that would end it; `line` is room to build it in.
fn write_row<'a>(
    out: &mut dyn Write,
    line: &mut String,
    cells: impl Iterator<Item = (&'a str, usize)>,
    columns: &Columns,
) -> io::Result<()> {
    line.clear();
    // Each cell's padding is pushed before the next cell: the last column
    // is not padded, as its spaces would end the line.
    let mut padding = 0;
    let layout = columns.widths.iter().zip(columns.figures);
    for ((cell, cell_width), (&width, &figure)) in cells.zip(layout) {
        line.push_str(&columns.spaces[..padding]);
        let shown = match (cell_width <= width, figure) {
            (true, _) => {
                line.push_str(cell);
                cell_width
            }
            (false, false) => fit::push_cut(line, cell, width),
            (false, true) => fit::push_cut_figure(line, cell, width),
        };
        // `push_cut` never shows wider than `width`: saturating, should it
        // ever, a line runs on rather than padding past `spaces`.
        padding = width.saturating_sub(shown) + fit::GAP;
    }
    line.truncate(line.trim_end().len());
    line.push('\n');
    out.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_text(table: &Table, width: Option<usize>) -> String {
        let mut out = Vec::new();
        table.write(&mut out, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Rows written in an order: in that order, widths those of every row;
    /// an order that is not of the table's rows is refused, nothing
    /// written, not a panic.
    #[test]
    fn a_tables_rows_are_written_in_an_order_of_its_rows_only() {
        let mut table = Table::new(&["N", "NAME"]);
        table.push(["1", "a"]);
        table.push(["2", "bbb"]);
        let mut out = Vec::new();
        table.write_in(&mut out, None, &[1, 0]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "N  NAME\n2  bbb\n1  a\n");
        for order in [&[0][..], &[0, 1, 1], &[0, 2], &[]] {
            let mut out = Vec::new();
            let refused = table.write_in(&mut out, None, order);
            assert!(
                matches!(refused, Err(OrderError::NotItsRows { rows: 2, asked }) if asked == order.len()),
                "{order:?}: {refused:?}"
            );
            assert!(out.is_empty(), "{order:?}");
        }
    }

    #[test]
    fn tables_align_korean_by_display_width() {
        let mut table = Table::new(&["NAME", "KOREAN", "N"]);
        table.push(["Koryolink", "고려링크", "7"]);
        table.push(["KCC", "조선컴퓨터센터", "12"]);
        let text = table_text(&table, None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME       KOREAN          N");
        assert_eq!(lines[1], "Koryolink  고려링크        7");
        assert_eq!(lines[2], "KCC        조선컴퓨터센터  12");
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn cells_cannot_break_lines_or_send_escapes() {
        let mut table = Table::new(&["A", "B"]);
        table.push(["two\nlines".to_owned(), "\u{1b}[31mred\u{9b}2J\u{202e}".to_owned()]);
        let text = table_text(&table, None);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert_eq!(
            text.lines().nth(1),
            Some(r"two\u{a}lines  \u{1b}[31mred\u{9b}2J\u{202e}")
        );
    }

    /// The table as the plainest reading of its rules writes it: each cell
    /// escaped, measured by Unicode's widths, cut to its column's width
    /// (by `fit::push_cut`, tested on its own) and padded to it, then two
    /// spaces; no spaces end a line.
    fn plainly_written(table: &Table, rows: &[Vec<String>], limit: Option<usize>) -> String {
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        use unicode_width::UnicodeWidthStr;
        let escaped: Vec<Vec<String>> = std::iter::once(headers.iter().map(|h| (*h).to_owned()).collect())
            .chain(
                rows.iter()
                    .map(|row| row.iter().map(|cell| escape(cell).into_owned()).collect()),
            )
            .collect();
        let header_widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
        let natural: Vec<usize> = (0..headers.len())
            .map(|c| escaped.iter().map(|row| row[c].width()).max().unwrap_or(0))
            .collect();
        // Nine in ten of the cells that are not empty, by sorting them.
        let most: Vec<usize> = (0..headers.len())
            .map(|c| {
                let mut filled: Vec<usize> = escaped[1..]
                    .iter()
                    .map(|row| row[c].width())
                    .filter(|&w| w > 0)
                    .collect();
                filled.sort_unstable();
                filled
                    .get((filled.len() * 9).div_ceil(10).saturating_sub(1))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let widths = limit.map_or(natural.clone(), |limit| {
            fit::widths(&natural, &most, &header_widths, &table.give, limit)
        });
        let mut text = String::new();
        for row in &escaped {
            let mut line = String::new();
            for ((cell, &width), &figure) in row.iter().zip(&widths).zip(&table.figures) {
                let mut cut = String::new();
                match (cell.width() <= width, figure) {
                    (true, _) => cut.push_str(cell),
                    (false, false) => _ = fit::push_cut(&mut cut, cell, width),
                    (false, true) => _ = fit::push_cut_figure(&mut cut, cell, width),
                }
                line.push_str(&cut);
                line.push_str(&" ".repeat(width - cut.width() + fit::GAP));
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }

    proptest::proptest! {
        #[test]
        fn tables_are_written_as_their_rules_say(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z0-9, \u{1b}\n\u{9b}\u{202e}\u{3000}\u{a0}\u{301}\u{200b}고려링크😀❤\u{fe0f}-]{0,12}", 3),
                0..8,
            ),
            limit in proptest::option::of(0..60usize),
        ) {
            let headers = ["ID", "TITLE", "FIGURE"];
            let mut table = Table::new(&headers).shrinking(&["TITLE"], &["ID"], &["FIGURE"]).figures(&["FIGURE"]);
            for row in &rows {
                table.push(row);
            }
            proptest::prop_assert_eq!(table.len(), rows.len());
            let expected = plainly_written(&table, &rows, limit);
            proptest::prop_assert_eq!(table_text(&table, limit), expected);
        }
    }

    /// An empty cell of the widest column is padded its whole width and
    /// the gap: the most padding a row can need.
    #[test]
    fn an_empty_cell_of_the_widest_column_is_padded_whole() {
        let mut table = Table::new(&["LONG", "N"]);
        table.push(["abcdefgh", "1"]);
        table.push(["", "2"]);
        assert_eq!(table_text(&table, None), "LONG      N\nabcdefgh  1\n          2\n");
    }

    #[test]
    fn cells_too_wide_are_cut_and_lines_end_without_spaces() {
        let mut table = Table::new(&["ID", "TITLE", "NOTE"]).shrinking(&["TITLE"], &[], &[]);
        table.push(["a", "Optical cable length", ""]);
        table.push(["bb", "고려링크망 고려링크망", "x "]);
        // 2 + 2 + 21 + 2 + 4 = 31 columns wide: in 24, the title gives 7.
        assert_eq!(
            table_text(&table, Some(24)),
            "ID  TITLE           NOTE\n\
             a   Optical cable…\n\
             bb  고려링크망 고…  x\n"
        );
        assert_eq!(
            table_text(&table, None),
            "ID  TITLE                  NOTE\n\
             a   Optical cable length\n\
             bb  고려링크망 고려링크망  x\n"
        );
    }
}
