//! A count per year as vertical bars, drawn in eighths of a row: a y axis
//! naming the peak, a rule, and the years below it (the first, the last,
//! the peak's under a `▲` (or the selected year's, its bar reversed), and
//! round years between where they fit). Years share a column when there
//! are more years than columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::axis::round_step;
use crate::tui::theme::Theme;

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

pub struct Histogram<'a> {
    /// The year of `counts[0]`.
    pub first_year: i32,
    /// One count a year, from `first_year` on.
    pub counts: &'a [usize],
    /// The year chosen, if any: marked instead of the peak.
    pub selected: Option<i32>,
    pub theme: Theme,
}

impl Widget for Histogram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.lines(area.width as usize, area.height as usize)).render(area, buf);
    }
}

/// How the years fall on the columns.
struct Columns {
    /// Years a column stands for.
    per_column: usize,
    /// Columns a year (or group of years) takes, and how many of them its bar.
    cell: usize,
    bar: usize,
    /// Columns before the first bar (the y axis).
    margin: usize,
    count: usize,
}

impl Histogram<'_> {
    /// The peak count and the first year that has it.
    fn peak(&self) -> (usize, i32) {
        let peak = self.counts.iter().copied().max().unwrap_or(0);
        let at = self.counts.iter().position(|&n| n == peak).unwrap_or(0);
        (peak, self.first_year + at as i32)
    }

    fn lines(&self, width: usize, height: usize) -> Vec<Line<'static>> {
        let years = self.counts.len();
        // The last row holds the year labels.
        let rows = height.saturating_sub(1);
        if rows == 0 || years == 0 {
            return Vec::new();
        }
        let (peak, peak_year) = self.peak();
        // A y axis and a rule once there is height for them.
        let axis = rows >= 3;
        let bar_rows = if axis { rows - 1 } else { rows };
        let margin = if axis { peak.to_string().len() + 1 } else { 0 };
        let room = width.saturating_sub(margin).max(1);
        let per_column = years.div_ceil(room);
        let cell = if per_column == 1 {
            (room / years).clamp(1, 12)
        } else {
            1
        };
        let columns = Columns {
            per_column,
            cell,
            bar: if cell >= 2 { cell - 1 } else { 1 },
            margin,
            count: years.div_ceil(per_column),
        };
        let mut lines = self.bars(&columns, bar_rows, peak, axis);
        if axis {
            let rule = format!(
                "{:>w$}└{}",
                0,
                "─".repeat((columns.count * cell).min(width.saturating_sub(margin))),
                w = margin - 1
            );
            lines.push(Line::styled(rule, self.theme.dim()));
        }
        lines.push(self.year_labels(&columns, peak, peak_year, width));
        lines
    }

    /// The column of the selected year, if one is selected and shown.
    fn selected_column(&self, columns: &Columns) -> Option<usize> {
        let at = usize::try_from(self.selected? - self.first_year).ok()?;
        (at < self.counts.len()).then_some(at / columns.per_column)
    }

    /// The bar rows, top down, each with its piece of the y axis.
    fn bars(&self, columns: &Columns, bar_rows: usize, peak: usize, axis: bool) -> Vec<Line<'static>> {
        let years = self.counts.len();
        let eighths: Vec<usize> = (0..columns.count)
            .map(|c| {
                let group = &self.counts[c * columns.per_column..((c + 1) * columns.per_column).min(years)];
                let value = group.iter().copied().max().unwrap_or(0);
                if value == 0 || peak == 0 {
                    0
                } else {
                    (value * bar_rows * 8).div_ceil(peak).max(1)
                }
            })
            .collect();
        // The selected year's column stands out (reversed).
        let chosen = self.selected_column(columns);
        (0..bar_rows)
            .map(|row| {
                let floor = (bar_rows - 1 - row) * 8;
                let mut spans = Vec::new();
                if axis {
                    let label = if row == 0 { peak.to_string() } else { String::new() };
                    let tick = if row == 0 { "┤" } else { "│" };
                    let w = columns.margin - 1;
                    spans.push(Span::styled(format!("{label:>w$}{tick}"), self.theme.dim()));
                }
                let mut text = String::new();
                for (c, &e) in eighths.iter().enumerate() {
                    let bar = EIGHTHS[e.saturating_sub(floor).min(8)].repeat(columns.bar);
                    if Some(c) == chosen {
                        spans.push(Span::styled(std::mem::take(&mut text), self.theme.series(0)));
                        spans.push(Span::styled(bar, self.theme.selected()));
                    } else {
                        text.push_str(&bar);
                    }
                    text.push_str(&" ".repeat(columns.cell - columns.bar));
                }
                spans.push(Span::styled(text, self.theme.series(0)));
                Line::from(spans)
            })
            .collect()
    }

    /// The label row under the chart: first and last year, the peak (`▲`
    /// under its bar) and round years between where they fit.
    fn year_labels(&self, columns: &Columns, peak: usize, peak_year: i32, width: usize) -> Line<'static> {
        let first = self.first_year;
        let last = first + self.counts.len() as i32 - 1;
        let end = columns.margin + columns.count * columns.cell;
        let x_of = |year: i32| columns.margin + ((year - first) as usize / columns.per_column) * columns.cell;
        let mut row: Vec<Option<(char, bool)>> = vec![None; width];
        let place = |x: usize, text: &str, strong: bool, row: &mut Vec<Option<(char, bool)>>| {
            let w = text.chars().count();
            let lo = x.saturating_sub(1);
            let hi = (x + w + 1).min(width);
            if x + w > width || row[lo..hi].iter().any(Option::is_some) {
                return;
            }
            for (i, c) in text.chars().enumerate() {
                row[x + i] = Some((c, strong));
            }
        };
        // The selected year first: it is the one being looked at.
        let selected = self.selected.filter(|year| (first..=last).contains(year));
        if let Some(year) = selected {
            place(x_of(year), &format!("▲{year}"), true, &mut row);
        }
        place(x_of(first), &first.to_string(), false, &mut row);
        if last != first {
            let text = last.to_string();
            let x = x_of(last)
                .min(end.saturating_sub(text.len()))
                .min(width.saturating_sub(text.len()));
            place(x, &text, false, &mut row);
        }
        if selected.is_none() && peak > 0 {
            place(x_of(peak_year), &format!("▲{peak_year}"), true, &mut row);
        }
        // Round years at least six columns apart.
        let step = round_step(columns.per_column * 6 / columns.cell) as i32;
        let mut year = first + (step - first.rem_euclid(step)) % step;
        while year < last {
            place(x_of(year), &year.to_string(), false, &mut row);
            year += step;
        }
        let (strong, quiet) = (self.theme.accent(), self.theme.dim());
        let mut spans: Vec<Span> = Vec::new();
        let mut run = String::new();
        let mut run_strong = false;
        for cell in row {
            let (c, is_strong) = cell.unwrap_or((' ', false));
            if is_strong != run_strong && !run.is_empty() {
                let style = if run_strong { strong } else { quiet };
                spans.push(Span::styled(std::mem::take(&mut run), style));
            }
            run_strong = is_strong;
            run.push(c);
        }
        let style = if run_strong { strong } else { quiet };
        spans.push(Span::styled(run.trim_end().to_owned(), style));
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(first_year: i32, counts: &[usize], width: u16, height: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        Histogram {
            first_year,
            counts,
            selected: None,
            theme: Theme::MONOCHROME,
        }
        .render(area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn bars_rise_in_eighths_to_the_peak_which_the_axis_names() {
        // Three rows of bars for a peak of 4: 1 is six eighths of a row, 2
        // a row and a half.
        assert_eq!(
            draw(2001, &[1, 0, 4, 2, 0], 30, 5),
            [
                "4┤          ████",
                " │          ████ ▄▄▄▄",
                " │▆▆▆▆      ████ ████",
                "0└─────────────────────────",
                "  2001 2002 ▲2003     2005",
            ]
        );
    }

    #[test]
    fn labels_that_would_touch_give_way_to_the_first_and_last_years() {
        assert_eq!(
            draw(2001, &[1, 0, 4, 2, 0], 20, 5),
            [
                "4┤      ██",
                " │      ██ ▄▄",
                " │▆▆    ██ ██",
                "0└───────────────",
                "  2001       2005",
            ]
        );
    }

    #[test]
    fn years_share_a_column_when_there_are_more_years_than_columns() {
        // 30 years on 10 columns: three years a column, each its busiest.
        let mut counts = vec![0; 30];
        counts[4] = 2;
        counts[29] = 1;
        assert_eq!(
            draw(1950, &counts, 12, 4),
            ["2┤ █", " │ █       █", "0└──────────", "  1950  1979"]
        );
    }
}
