//! A series chart: years across, values up (log where the series spans
//! orders of magnitude), each source's points in its own marker, the
//! points of one source joined by a line, ranges and the bounds of vague
//! amounts as vertical marks, periods as horizontal ones, points placed at
//! their source's date hollow; and a legend naming the sources under it.
//! Work per frame follows the points of the one series drawn, each mapped
//! to a cell; several in one cell cost one cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::{Model, RecordIx};
use crate::tui::axis::{compact, round_step};
use crate::tui::derived::series::{Mark, Point, Scale, Series, marker};
use crate::tui::text::flow;
use crate::tui::theme::Theme;

pub struct SeriesChart<'a> {
    pub series: &'a Series,
    pub model: &'a Model,
    /// The observation selected in the list beside: drawn reversed.
    pub selected: Option<RecordIx>,
    pub theme: Theme,
}

/// Glyphs of the marks that are not points.
pub const RANGE: char = '│';
pub const RANGE_HIGH: char = '┬';
pub const RANGE_LOW: char = '┴';
pub const RANGE_ONE: char = '┼';
pub const BOUNDS: char = '┊';
pub const OPEN_UP: char = '↑';
pub const OPEN_DOWN: char = '↓';
pub const PERIOD: char = '─';

/// The plot's cells: `cols` across for the years `first..=last`, `rows` up
/// for the values on `scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plot {
    pub cols: u16,
    pub rows: u16,
    pub first: i32,
    pub last: i32,
    pub scale: Scale,
}

impl Plot {
    /// The column of a year (a fraction for the middle of a period).
    pub fn column(&self, year: f64) -> u16 {
        let span = f64::from((self.last - self.first).max(1));
        let t = ((year - f64::from(self.first)) / span).clamp(0.0, 1.0);
        (t * f64::from(self.cols.saturating_sub(1))).round() as u16
    }

    /// The column of a point: its years' middle, moved aside from the
    /// others of the same years (one column each, in lane order, centred),
    /// so that no source's point hides another's; on a crowded axis that
    /// may take a point into a neighbouring year's column.
    pub fn point_column(&self, point: &Point) -> u16 {
        let col = self.column(middle(point));
        let (rank, n) = point.lane;
        let shifted = col as isize + rank as isize - (n as isize - 1) / 2;
        shifted.clamp(0, self.cols as isize - 1) as u16
    }

    /// The row of a value, counted from the top; `None` off the axis.
    pub fn row(&self, value: f64) -> Option<u16> {
        let f = self.scale.fraction(value);
        if !(-1e-9..=1.0 + 1e-9).contains(&f) {
            return None;
        }
        let last = f64::from(self.rows.saturating_sub(1));
        Some(((1.0 - f.clamp(0.0, 1.0)) * last).round() as u16)
    }

    /// A point's value in braille dots (two across and four down a cell),
    /// at its column, for lines.
    fn dot(&self, point: &Point, value: f64) -> Option<(i32, i32)> {
        let f = self.scale.fraction(value);
        if !(-1e-9..=1.0 + 1e-9).contains(&f) {
            return None;
        }
        let x = i32::from(self.point_column(point)) * 2;
        let y = ((1.0 - f.clamp(0.0, 1.0)) * f64::from(self.rows * 4 - 1)).round() as i32;
        Some((x, y))
    }
}

/// Where a point is drawn: its column (the middle of its years) and the
/// row of its value; `None` for marks that are not points or are off the
/// axis.
pub fn place(plot: &Plot, point: &Point) -> Option<(u16, u16)> {
    let Mark::Value(value) = point.mark else {
        return None;
    };
    Some((plot.point_column(point), plot.row(value)?))
}

fn middle(point: &Point) -> f64 {
    (f64::from(point.years.start) + f64::from(point.years.end)) / 2.0
}

/// What a cell of the plot holds.
#[derive(Debug, Clone, Copy)]
struct Ink {
    glyph: char,
    style: Style,
}

/// The plot's cells as they are drawn, row by row.
struct Canvas {
    cols: usize,
    cells: Vec<Option<Ink>>,
    /// Braille dots of the lines, and the style of the last line through a cell.
    dots: Vec<(u8, Style)>,
}

impl Canvas {
    fn new(plot: &Plot) -> Self {
        let n = plot.cols as usize * plot.rows as usize;
        Self {
            cols: plot.cols as usize,
            cells: vec![None; n],
            dots: vec![(0, Style::default()); n],
        }
    }

    fn put(&mut self, col: u16, row: u16, glyph: char, style: Style) {
        let at = row as usize * self.cols + col as usize;
        if let Some(cell) = self.cells.get_mut(at) {
            *cell = Some(Ink { glyph, style });
        }
    }

    /// A dot of a line, at braille coordinates.
    fn dot(&mut self, x: i32, y: i32, style: Style) {
        const BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];
        let (col, row) = ((x / 2) as usize, (y / 4) as usize);
        let at = row * self.cols + col;
        if let Some(cell) = self.dots.get_mut(at) {
            cell.0 |= BITS[(x % 2) as usize][(y % 4) as usize];
            cell.1 = style;
        }
    }

    /// A straight line of dots (Bresenham's).
    fn line(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), style: Style) {
        let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
        let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
        let (mut x, mut y, mut err) = (x0, y0, dx + dy);
        loop {
            self.dot(x, y, style);
            if x == x1 && y == y1 {
                break;
            }
            let e2 = 2 * err;
            if e2 >= dy {
                err += dy;
                x += sx;
            }
            if e2 <= dx {
                err += dx;
                y += sy;
            }
        }
    }

    fn draw(&self, buf: &mut Buffer, area: Rect) {
        for (at, (cell, (bits, line_style))) in self.cells.iter().zip(&self.dots).enumerate() {
            let (x, y) = (area.x + (at % self.cols) as u16, area.y + (at / self.cols) as u16);
            let (glyph, style) = match cell {
                Some(mark) => (mark.glyph, mark.style),
                None if *bits != 0 => (char::from_u32(0x2800 + u32::from(*bits)).unwrap_or(' '), *line_style),
                None => continue,
            };
            buf[(x, y)].set_char(glyph).set_style(style);
        }
    }
}

impl SeriesChart<'_> {
    /// The legend's items: each source by its marker, then what the other
    /// marks mean, where the series has any.
    fn legend(&self) -> Vec<(String, String, Style)> {
        let theme = self.theme;
        let points = &self.series.points;
        // A source whose every point is placed at its date shows hollow.
        let only_approximate = |slot: usize| points.iter().filter(|p| p.slot == slot).all(|p| p.approximate);
        let mut items: Vec<(String, String, Style)> = self
            .series
            .sources
            .iter()
            .enumerate()
            .map(|(slot, s)| {
                let glyph = marker(slot, only_approximate(slot));
                (glyph.to_string(), s.label(self.model), theme.series(slot))
            })
            .collect();
        let mut hollow: Vec<char> = points
            .iter()
            .filter(|p| p.approximate)
            .map(|p| marker(p.slot, true))
            .collect();
        hollow.sort_unstable();
        hollow.dedup();
        if !hollow.is_empty() {
            let glyphs: String = hollow.iter().take(3).collect();
            items.push((glyphs, "at the source's date (c.)".into(), theme.dim()));
        }
        if points.iter().any(|p| matches!(p.mark, Mark::Range(..))) {
            items.push(("┬│┴".into(), "range".into(), theme.dim()));
        }
        if points.iter().any(|p| matches!(p.mark, Mark::Bounds(..))) {
            items.push((BOUNDS.to_string(), "bounds of a vague amount".into(), theme.dim()));
        }
        let period = |p: &&Point| p.years.start != p.years.end && matches!(p.mark, Mark::Value(_));
        if points.iter().any(|p| period(&p)) {
            items.push((PERIOD.to_string(), "period".into(), theme.dim()));
        }
        if self.series.undrawn > 0 {
            let n = self.series.undrawn;
            let text = format!(
                "{n} vague {} without bounds not drawn",
                if n == 1 { "amount" } else { "amounts" }
            );
            items.push((String::new(), text, theme.dim()));
        }
        items
    }

    /// The legend flowed into lines of `width`, at most `max_lines` of them;
    /// what does not fit is counted at the end.
    fn legend_lines(&self, width: usize, max_lines: usize) -> Vec<Vec<(String, Style)>> {
        let items: Vec<(String, Style)> = self
            .legend()
            .into_iter()
            .map(|(glyph, label, style)| match glyph.is_empty() {
                true => (label, style),
                false => (format!("{glyph} {label}"), style),
            })
            .collect();
        let widths: Vec<usize> = items.iter().map(|(text, _)| text.width()).collect();
        let more = |hidden: usize| format!("+{hidden} more: see the observations");
        let lines = flow(&widths, width, max_lines, |hidden| more(hidden).width());
        let hidden = items.len() - lines.iter().flatten().flatten().count();
        lines
            .into_iter()
            .map(|line| {
                let mut spans = Vec::new();
                for (k, entry) in line.into_iter().enumerate() {
                    if k > 0 {
                        spans.push(("  ".to_owned(), Style::default()));
                    }
                    spans.push(match entry {
                        Some(i) => items[i].clone(),
                        None => (more(hidden), self.theme.dim()),
                    });
                }
                spans
            })
            .collect()
    }
}

impl Widget for SeriesChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(years) = self.series.years else {
            return;
        };
        let legend = self.legend_lines(area.width as usize, (area.height as usize / 4).max(1));
        // Under the plot: the axis rule, the years, the legend.
        let plot_rows = area.height.saturating_sub(2 + legend.len() as u16);
        if plot_rows < 2 || area.width < 12 {
            return;
        }
        let scale = self.series.scale;
        let ticks = scale.ticks(plot_rows as usize);
        let labels: Vec<String> = ticks.iter().map(|&v| compact(v)).collect();
        let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(1) as u16;
        let (first, last) = if years.start == years.end {
            (years.start - 1, years.end + 1)
        } else {
            (years.start, years.end)
        };
        let plot = Plot {
            cols: area.width.saturating_sub(label_w + 1),
            rows: plot_rows,
            first,
            last,
            scale,
        };
        let plot_area = Rect::new(area.x + label_w + 1, area.y, plot.cols, plot.rows);
        self.draw_axes(buf, area, &plot, &labels, &ticks, label_w);
        let mut canvas = Canvas::new(&plot);
        self.draw_marks(&mut canvas, &plot);
        canvas.draw(buf, plot_area);
        let legend_y = area.y + plot_rows + 2;
        for (k, line) in legend.iter().enumerate() {
            let mut x = area.x;
            for (text, style) in line {
                buf.set_stringn(x, legend_y + k as u16, text, (area.right() - x) as usize, *style);
                x += text.width() as u16;
            }
        }
    }
}

impl SeriesChart<'_> {
    /// The value axis with its labels, the year rule and the years under it.
    fn draw_axes(&self, buf: &mut Buffer, area: Rect, plot: &Plot, labels: &[String], ticks: &[f64], label_w: u16) {
        let dim = self.theme.dim();
        let axis_x = area.x + label_w;
        for row in 0..plot.rows {
            buf[(axis_x, area.y + row)].set_char('│').set_style(dim);
        }
        for (label, &value) in labels.iter().zip(ticks) {
            if let Some(row) = plot.row(value) {
                let y = area.y + row;
                let x = axis_x - label.width() as u16;
                buf.set_string(x, y, label, dim);
                buf[(axis_x, y)].set_char('┤').set_style(dim);
            }
        }
        let rule_y = area.y + plot.rows;
        buf[(axis_x, rule_y)].set_char('└').set_style(dim);
        for col in 0..plot.cols {
            buf[(axis_x + 1 + col, rule_y)].set_char('─').set_style(dim);
        }
        // The first and last years, and round years between where they fit.
        let years = (plot.last - plot.first).max(1) as usize;
        let step = round_step((6 * years).div_ceil(plot.cols.max(1) as usize)) as i32;
        let mut taken = vec![false; plot.cols as usize + 1];
        let mut label = |year: i32, buf: &mut Buffer| {
            let text = year.to_string();
            let col = plot.column(f64::from(year)) as usize;
            let start = col
                .saturating_sub(text.len() / 2)
                .min((plot.cols as usize).saturating_sub(text.len()));
            let end = start + text.len();
            if taken[start.saturating_sub(1)..(end + 1).min(taken.len())]
                .iter()
                .any(|&t| t)
            {
                return;
            }
            let stop = end.min(taken.len());
            taken[start..stop].iter_mut().for_each(|t| *t = true);
            buf[(axis_x + 1 + col as u16, rule_y)].set_char('┴').set_style(dim);
            buf.set_string(axis_x + 1 + start as u16, rule_y + 1, &text, dim);
        };
        label(plot.first, buf);
        label(plot.last, buf);
        let mut year = plot.first + (step - plot.first.rem_euclid(step)) % step;
        while year < plot.last {
            label(year, buf);
            year += step;
        }
    }

    /// Lines first, then the marks that are not points, then the points,
    /// then the selected observation again, reversed.
    fn draw_marks(&self, canvas: &mut Canvas, plot: &Plot) {
        let points = &self.series.points;
        for slot in 0..self.series.sources.len() {
            let style = self.theme.series(slot);
            let mut last: Option<(i32, i32)> = None;
            // A line joins a source's own-dated figures only.
            let joined = points
                .iter()
                .filter(|p| p.slot == slot && !p.approximate)
                .filter_map(|p| match p.mark {
                    Mark::Value(v) => plot.dot(p, v),
                    _ => None,
                });
            for dot in joined {
                if let Some(from) = last
                    && from != dot
                {
                    canvas.line(from, dot, style);
                }
                last = Some(dot);
            }
        }
        for point in points {
            let style = self.theme.series(point.slot);
            self.draw_point(canvas, plot, point, style);
        }
        if let Some(point) = points.iter().find(|p| Some(p.record) == self.selected) {
            self.draw_point(canvas, plot, point, self.theme.selected());
        }
    }

    fn draw_point(&self, canvas: &mut Canvas, plot: &Plot, point: &Point, style: Style) {
        let col = plot.point_column(point);
        match point.mark {
            Mark::Value(value) => {
                let Some(row) = plot.row(value) else {
                    return;
                };
                if point.years.start != point.years.end {
                    let (from, to) = (
                        plot.column(f64::from(point.years.start)),
                        plot.column(f64::from(point.years.end)),
                    );
                    for c in from..=to {
                        canvas.put(c, row, PERIOD, style);
                    }
                }
                canvas.put(col, row, marker(point.slot, point.approximate), style);
            }
            Mark::Range(low, high) => {
                let (Some(top), Some(bottom)) = (plot.row(high), plot.row(low)) else {
                    return;
                };
                vertical(
                    canvas,
                    col,
                    top,
                    bottom,
                    (RANGE_HIGH, RANGE, RANGE_LOW, RANGE_ONE),
                    style,
                );
            }
            Mark::Bounds(low, high) => {
                let top = high.map_or(Some(0), |h| plot.row(h));
                let bottom = low.map_or(Some(plot.rows.saturating_sub(1)), |l| plot.row(l));
                let (Some(top), Some(bottom)) = (top, bottom) else {
                    return;
                };
                let up = if high.is_none() { OPEN_UP } else { BOUNDS };
                let down = if low.is_none() { OPEN_DOWN } else { BOUNDS };
                vertical(canvas, col, top, bottom, (up, BOUNDS, down, BOUNDS), style);
            }
        }
    }
}

/// A vertical mark from row `top` down to `bottom`: its top, middle and
/// bottom glyphs, or one glyph when it fits one cell.
fn vertical(canvas: &mut Canvas, col: u16, top: u16, bottom: u16, glyphs: (char, char, char, char), style: Style) {
    let (head, body, foot, one) = glyphs;
    if top >= bottom {
        canvas.put(col, top.min(bottom), one, style);
        return;
    }
    canvas.put(col, top, head, style);
    for row in top + 1..bottom {
        canvas.put(col, row, body, style);
    }
    canvas.put(col, bottom, foot, style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearSpan;

    fn plot(scale: Scale) -> Plot {
        // 2008 to 2012 over 9 columns: two columns a year; 5 rows.
        Plot {
            cols: 9,
            rows: 5,
            first: 2008,
            last: 2012,
            scale,
        }
    }

    fn point(year: i32, mark: Mark) -> Point {
        Point {
            record: 0,
            years: YearSpan { start: year, end: year },
            approximate: false,
            mark,
            slot: 0,
            lane: (0, 1),
        }
    }

    #[test]
    fn points_map_years_across_and_values_up() {
        let linear = plot(Scale::Linear { lo: 0.0, hi: 80.0 });
        // 2010 is half way: column 4 of 0..=8; 20 is a quarter up: row 3 of
        // 0..=4 from the top.
        assert_eq!(place(&linear, &point(2010, Mark::Value(20.0))), Some((4, 3)));
        assert_eq!(place(&linear, &point(2008, Mark::Value(0.0))), Some((0, 4)));
        assert_eq!(place(&linear, &point(2012, Mark::Value(80.0))), Some((8, 0)));
        // On a log axis from 10^3 to 10^7, 100,000 is half way up.
        let log = plot(Scale::Log { lo: 3, hi: 7 });
        assert_eq!(place(&log, &point(2009, Mark::Value(1e5))), Some((2, 2)));
        assert_eq!(place(&log, &point(2009, Mark::Value(10.0))), None, "off the axis");
        // Ranges and vague bounds are no points.
        assert_eq!(place(&log, &point(2011, Mark::Range(2e5, 3e5))), None);
        assert_eq!(place(&log, &point(2011, Mark::Bounds(Some(2e5), None))), None);
        // Three sources in 2010 (column 4): side by side, one column each,
        // centred on the year.
        let lanes: Vec<u16> = (0..3)
            .map(|rank| {
                let mut p = point(2010, Mark::Value(20.0));
                p.lane = (rank, 3);
                linear.point_column(&p)
            })
            .collect();
        assert_eq!(lanes, [3, 4, 5]);
        // A period sits at its middle: 2009-2011 at 2010.
        let mut period = point(2009, Mark::Value(40.0));
        period.years.end = 2011;
        assert_eq!(place(&linear, &period), Some((4, 2)));
    }
}
