//! The dated records in view along the years, grouped by the year each
//! starts in, with a track showing where each falls within the view's years
//! (a period as a span, a date as a mark). The selection's detail sits
//! beside the list on wide screens. Undated records are counted, not placed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};
use unicode_width::UnicodeWidthStr;

use crate::model::{Model, RecordIx, YearSpan, format};
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::views::ViewKind;
use crate::tui::widgets::detail;
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::text::{fit, truncate};

pub const KEYS: &[(&str, &str)] = &[("Enter", "detail"), ("y", "copy")];

/// Wider than this, the detail sits beside the timeline.
const SIDE_PANEL_WIDTH: u16 = 110;

/// Inside the border at least this wide, figures get a column of their own;
/// narrower, they follow the title.
const FIGURE_COLUMN_WIDTH: usize = 100;

const YEAR_WIDTH: usize = 6;
const WHEN_WIDTH: usize = 10;
const CATEGORY_WIDTH: usize = 14;
const FIGURE_WIDTH: usize = 22;

pub fn list_area(body: Rect) -> Rect {
    layout::table_rows(layout::list_and_side(body, SIDE_PANEL_WIDTH).0)
}

/// Column widths for a table `inner` columns wide (inside its border).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    track: usize,
    category: usize,
    title: usize,
    figure: usize,
}

impl Columns {
    fn new(inner: usize, figures: bool) -> Self {
        let track = (inner * 18 / 100).clamp(10, 30);
        let category = if inner >= 70 { CATEGORY_WIDTH } else { 0 };
        let figure = if figures && inner >= FIGURE_COLUMN_WIDTH {
            FIGURE_WIDTH
        } else {
            0
        };
        // One column of spacing between each pair of columns shown.
        let shown = [1, YEAR_WIDTH, WHEN_WIDTH, track, category, figure];
        let spacing = shown.iter().filter(|&&w| w > 0).count();
        let used: usize = shown.iter().sum::<usize>() + spacing;
        Self {
            track,
            category,
            title: inner.saturating_sub(used).max(1),
            figure,
        }
    }

    fn constraints(self) -> Vec<Constraint> {
        let mut widths = vec![YEAR_WIDTH, WHEN_WIDTH, self.track];
        if self.category > 0 {
            widths.push(self.category);
        }
        widths.push(self.title);
        if self.figure > 0 {
            widths.push(self.figure);
        }
        std::iter::once(Constraint::Length(1))
            .chain(widths.into_iter().map(|w| Constraint::Length(w as u16)))
            .collect()
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::list_and_side(body, SIDE_PANEL_WIDTH);
    let model = &app.model;
    let theme = app.theme;
    let rows = &app.derived.timeline;
    let cursor = app.cursor(ViewKind::Timeline);
    let undated = app.derived.view.len() - rows.len();
    let inner = list.width.saturating_sub(2) as usize;
    let figures = rows.iter().any(|&ix| model.indicator_of(ix).is_some());
    let columns = Columns::new(inner, figures);
    let span = model.year_span(rows).unwrap_or(YearSpan { start: 0, end: 0 });
    let track = Track::new(span, columns.track);
    let track_header = if rows.is_empty() { String::new() } else { track.header() };
    let mut header = vec!["", "Year", "When", track_header.as_str()];
    if columns.category > 0 {
        header.push("Category");
    }
    header.push("Title");
    if columns.figure > 0 {
        header.push("Figure");
    }
    let window_start = cursor
        .window(rows.len(), layout::table_rows(list).height as usize)
        .start;
    let table = ScrolledTable {
        title: title(rows.len(), undated, inner),
        header,
        widths: columns.constraints(),
        len: rows.len(),
        cursor,
        focused: true,
        theme,
        legend: None,
    };
    table.render(frame, list, |i, selected| {
        let ix = rows[i];
        let record = model.record(ix);
        let start = model.span(ix).map_or(0, |s| s.start);
        let first_of_year = i == 0 || model.span(rows[i - 1]).map(|s| s.start) != Some(start);
        // The top row of the window names its year even inside a group.
        let year = if first_of_year {
            Span::styled(format!("{start:<4} ├"), theme.accent())
        } else if i == window_start {
            Span::styled(format!("{start:<4} │"), theme.dim())
        } else {
            Span::styled("     │", theme.dim())
        };
        // Without a column of their own, figures drop their unit (the
        // detail has it) so the title keeps some room.
        let figure = model.indicator_of(ix).and_then(|ind| match columns.figure {
            0 if ind.unit != "%" => format::figure(record),
            _ => format::figure_with_unit(record, &ind.unit),
        });
        let mut cells = vec![
            Cell::from(marker(selected)),
            Cell::from(Line::from(year)),
            Cell::from(format::when(record)),
            Cell::from(track.line(model, ix, theme)),
        ];
        if columns.category > 0 {
            cells.push(Cell::from(truncate(record.category.as_str(), columns.category)));
        }
        if columns.figure > 0 {
            cells.push(Cell::from(truncate(&record.title, columns.title)));
            let figure = figure.map(|f| truncate(&f, columns.figure)).unwrap_or_default();
            cells.push(Cell::from(figure).style(theme.figure()));
        } else {
            cells.push(Cell::from(title_with_figure(
                &record.title,
                figure.as_deref(),
                columns.title,
                theme,
            )));
        }
        Row::new(cells)
    });
    if rows.is_empty() {
        let area = layout::table_rows(list);
        let note = match undated {
            0 => "No dated records in view.".to_owned(),
            n => format!("No dated records in view; {n} undated: see Records (5)."),
        };
        frame.render_widget(Paragraph::new(Line::styled(note, theme.dim())), area);
    }
    if let (Some(side), Some(&ix)) = (side, rows.get(cursor.selected)) {
        detail::render_panel(app, frame, side, ix, 0);
    }
}

/// `Timeline · 40 dated records · 249 undated: see Records (5)`, shorter
/// when the border is short.
fn title(dated: usize, undated: usize, inner: usize) -> String {
    let dated_text = if dated == 1 {
        "1 dated record".to_owned()
    } else {
        format!("{dated} dated records")
    };
    let long = match undated {
        0 => format!("Timeline · {dated_text}"),
        n => format!("Timeline · {dated_text} · {n} undated: see Records (5)"),
    };
    // The border keeps a corner each side and a space each side of the title.
    if long.width() + 4 <= inner || undated == 0 {
        return long;
    }
    format!("Timeline · {dated} dated · {undated} undated: Records (5)")
}

/// The title cut to leave room for the figure after it, when there is one.
fn title_with_figure(title: &str, figure: Option<&str>, width: usize, theme: Theme) -> Line<'static> {
    let Some(figure) = figure else {
        return Line::raw(truncate(title, width));
    };
    let figure = truncate(figure, width.saturating_sub(6).max(width / 2));
    let room = width.saturating_sub(figure.width() + 3);
    Line::from(vec![
        Span::raw(truncate(title, room)),
        Span::styled(" · ", theme.dim()),
        Span::styled(figure, theme.figure()),
    ])
}

/// Where years fall across a column `width` cells wide: the view's first
/// year at the left edge, its last at the right.
struct Track {
    span: YearSpan,
    width: usize,
    /// Columns of the round years, dotted to help the eye.
    ticks: Vec<bool>,
}

impl Track {
    fn new(span: YearSpan, width: usize) -> Self {
        let mut track = Self {
            span,
            width,
            ticks: vec![false; width],
        };
        let years = (span.end - span.start).max(1) as usize;
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|&s| s * width.saturating_sub(1) >= 3 * years)
            .unwrap_or(1000) as i32;
        let mut year = span.start + (step - span.start.rem_euclid(step)) % step;
        while year <= span.end {
            let x = track.column(year);
            track.ticks[x] = true;
            year += step;
        }
        track
    }

    fn column(&self, year: i32) -> usize {
        let last = self.width.saturating_sub(1);
        let years = (self.span.end - self.span.start) as i64;
        if years <= 0 {
            return last / 2;
        }
        let offset = (year.clamp(self.span.start, self.span.end) - self.span.start) as i64;
        ((offset * last as i64 + years / 2) / years) as usize
    }

    /// `1987      2002`: the years at either end.
    fn header(&self) -> String {
        let (start, end) = (self.span.start.to_string(), self.span.end.to_string());
        if self.span.start == self.span.end || self.width < start.len() + end.len() + 1 {
            return fit(&start, self.width);
        }
        format!("{start}{}{end}", " ".repeat(self.width - start.len() - end.len()))
    }

    /// The record on the track: `━━━━` for a period, `●` for a date.
    fn line(&self, model: &Model, ix: RecordIx, theme: Theme) -> Line<'static> {
        let Some(span) = model.span(ix) else {
            return Line::raw("");
        };
        let record = model.record(ix);
        let (from, to) = (self.column(span.start), self.column(span.end));
        let mark = if record.date.is_none() && record.period.is_some() {
            "━".repeat(to - from + 1)
        } else {
            "●".to_owned()
        };
        let dots = |range: std::ops::Range<usize>| -> String {
            range.map(|x| if self.ticks[x] { '·' } else { ' ' }).collect()
        };
        let end = if mark == "●" { from + 1 } else { to + 1 };
        Line::from(vec![
            Span::styled(dots(0..from), theme.dim()),
            Span::styled(mark, theme.series(0)),
            Span::styled(dots(end..self.width), theme.dim()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::testing;

    use super::*;
    use crate::model::Filter;
    use crate::tui::action::Action;
    use crate::tui::{Theme, layout};

    fn app(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on(ViewKind::Timeline, testing::embedded(), filter, width, height)
    }

    fn screen(app: &App) -> Vec<String> {
        testing::lines(app)
    }

    fn rows_area(app: &App) -> Rect {
        list_area(layout::screen(app.area).body)
    }

    #[test]
    fn rows_are_drawn_where_list_area_says_and_clicks_select_them() {
        for (width, height) in [(60, 15), (80, 24), (160, 48)] {
            let mut app = app(Filter::default(), width, height);
            app.update(Action::Move(14));
            let area = rows_area(&app);
            let cursor = app.cursor(ViewKind::Timeline);
            let lines = screen(&app);
            let window = cursor.window(app.derived.timeline.len(), area.height as usize);
            assert!(!window.is_empty());
            for (k, i) in window.clone().enumerate() {
                let line = &lines[area.y as usize + k];
                let when = format::when(app.model.record(app.derived.timeline[i]));
                assert!(
                    line.contains(&when),
                    "row {k} shows record {i} ({when}) at {width}x{height}: {line}"
                );
                assert_eq!(line.contains('▶'), i == cursor.selected, "{line}");
            }
            // The row below the last drawn one is the border, not a record.
            assert!(lines[area.bottom() as usize].contains('└'));
            app.update(Action::Click(area.x + 4, area.y + 1));
            assert_eq!(
                app.cursor(ViewKind::Timeline).selected,
                window.start + 1,
                "{width}x{height}"
            );
        }
    }

    #[test]
    fn each_year_is_labelled_once_beside_a_gutter() {
        let own_dates = Filter {
            own_dates_only: true,
            ..Filter::default()
        };
        let app = app(own_dates, 80, 60);
        let lines = screen(&app);
        let area = rows_area(&app);
        let rows = &lines[area.y as usize..area.y as usize + app.derived.timeline.len()];
        for (k, &ix) in app.derived.timeline.iter().enumerate() {
            let year = app.model.span(ix).expect("timeline records are dated").start;
            let first = k == 0 || app.model.span(app.derived.timeline[k - 1]).map(|s| s.start) != Some(year);
            let gutter = if first {
                format!("{year} ├")
            } else {
                "     │".to_owned()
            };
            assert!(rows[k].contains(&gutter), "row {k}: {}", rows[k]);
        }
    }

    #[test]
    fn a_scrolled_window_names_the_year_of_its_top_row() {
        let mut app = app(Filter::default(), 80, 24);
        app.update(Action::Bottom);
        let area = rows_area(&app);
        let top = app.cursor(ViewKind::Timeline).offset;
        let year = app.model.span(app.derived.timeline[top]).expect("dated").start;
        let lines = screen(&app);
        assert!(
            lines[area.y as usize].contains(&year.to_string()),
            "{}",
            lines[area.y as usize]
        );
    }

    #[test]
    fn periods_are_spans_and_dates_are_marks() {
        let track = Track::new(YearSpan { start: 1950, end: 2009 }, 30);
        assert_eq!(track.column(1950), 0);
        assert_eq!(track.column(2009), 29);
        assert!(track.header().starts_with("1950") && track.header().ends_with("2009"));
        let app = app(Filter::default(), 80, 24);
        let text = |ix: RecordIx| -> String {
            track
                .line(&app.model, ix, Theme::MONOCHROME)
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect()
        };
        let period = app
            .derived
            .timeline
            .iter()
            .copied()
            .find(|&ix| app.model.record(ix).period.is_some());
        let date = app
            .derived
            .timeline
            .iter()
            .copied()
            .find(|&ix| app.model.record(ix).date.is_some());
        let (period, date) = (period.expect("a period"), date.expect("a date"));
        let span = app.model.span(period).expect("dated");
        let cells = track.column(span.end) - track.column(span.start) + 1;
        assert!(text(period).contains(&"━".repeat(cells)) && !text(period).contains('●'));
        assert_eq!(text(date).matches('●').count(), 1);
        assert!(!text(date).contains('━'));
        assert!(text(date).width() == 30 && text(period).width() == 30);
    }

    #[test]
    fn the_title_counts_undated_records_and_points_to_records() {
        let app = app(Filter::default(), 80, 24);
        let undated = app.derived.view.len() - app.derived.timeline.len();
        let lines = screen(&app);
        let expected = format!(
            "{} dated records · {undated} undated: see Records (5)",
            app.derived.timeline.len()
        );
        assert!(lines[3].contains(&expected), "{}", lines[3]);
    }

    #[test]
    fn the_detail_sits_beside_the_list_only_when_wide() {
        let wide = screen(&app(Filter::default(), 160, 48));
        assert!(wide[3].contains("Detail"));
        let narrow = screen(&app(Filter::default(), 100, 30));
        assert!(!narrow[3].contains("Detail"));
    }

    #[test]
    fn an_empty_view_says_so() {
        let filter = Filter {
            search: "no such text anywhere".into(),
            ..Filter::default()
        };
        let lines = screen(&app(filter, 80, 24));
        assert!(lines.iter().any(|l| l.contains("No dated records in view")));
    }
}
