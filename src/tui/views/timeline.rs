//! The dated records in view along the years, grouped by the year each
//! starts in, with a track showing where each falls within the view's years
//! (a period as a span, a date as a mark). The selection's detail sits
//! beside the list on wide screens. Undated records are counted, not placed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};
use unicode_width::UnicodeWidthStr;

use super::records::Records;
use crate::data::{Indicator, Qualifier, Record};
use crate::model::{Model, RecordIx, Time, YearSpan, format};
use crate::tui::app::{App, List, View};
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::{fit, truncate, truncate_figure, truncate_title};
use crate::tui::theme::Theme;
use crate::tui::axis::round_step;
use crate::tui::widgets::detail;
use crate::tui::widgets::table::{self, ScrolledTable, marker, title_with_figure};

pub struct Timeline;

/// The keys of the views that list records to open and copy.
pub const RECORD_KEYS: &[Hint] = &[
    Hint::of(&[keys::OPEN]),
    Hint {
        rows: &[keys::COPY],
        does: "copy",
    },
];

impl View for Timeline {
    fn title(&self) -> &'static str {
        "Timeline"
    }

    fn keys(&self) -> &'static [Hint] {
        RECORD_KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: app.derived().timeline().len(),
            rows: layout::table_rows(layout::beside(body, layout::TIMELINE).0),
        }
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        let at = app.selection_of::<Self>().outer.selected;
        app.derived().timeline().get(at).copied()
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

/// Inside the border at least this wide, figures get a column of their own;
/// narrower, they follow the title.
const FIGURE_COLUMN_WIDTH: usize = 100;

const YEAR_WIDTH: usize = 6;
/// The When column grows to this (`2001-05-12`) whatever the title keeps.
const WHEN_WIDTH: usize = 10;
/// The title keeps this much before a time wider than `WHEN_WIDTH` is shown whole.
const TITLE_MIN: usize = 16;
const CATEGORY_WIDTH: usize = 14;
const FIGURE_WIDTH: usize = 22;

/// Column widths for a table `inner` columns wide (inside its border).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    when: usize,
    track: usize,
    category: usize,
    title: usize,
    figure: usize,
}

impl Columns {
    /// For a table `inner` columns wide whose times on screen are at widest
    /// `when` columns: those whole (a cut period reads as another) while the
    /// title keeps `TITLE_MIN`.
    fn new(inner: usize, figures: bool, when: usize) -> Self {
        let track = (inner * 18 / 100).clamp(10, 30);
        let category = if inner >= 70 { CATEGORY_WIDTH } else { 0 };
        let figure = if figures && inner >= FIGURE_COLUMN_WIDTH {
            FIGURE_WIDTH
        } else {
            0
        };
        // One column of spacing between each pair of columns shown.
        let others = [1, YEAR_WIDTH, track, category, figure];
        // One column after each, and one after the time.
        let spacing = others.iter().filter(|&&w| w > 0).count() + 1;
        let others_used = others.iter().sum::<usize>() + spacing;
        let when_room = inner.saturating_sub(others_used + TITLE_MIN);
        let when = table::when_column(when, WHEN_WIDTH, when_room);
        let used = others_used + when;
        Self {
            when,
            track,
            category,
            title: inner.saturating_sub(used).max(1),
            figure,
        }
    }

    fn constraints(self) -> Vec<Constraint> {
        let mut widths = vec![YEAR_WIDTH, self.when, self.track];
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

fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::beside(body, layout::TIMELINE);
    let model = app.model();
    let theme = app.theme;
    let rows = app.derived().timeline();
    let cursor = app.selection_of::<Timeline>().outer;
    let undated = app.derived().view.len() - rows.len();
    let records = app.label_of::<Records>();
    let inner = list.width.saturating_sub(2) as usize;
    let figures = rows.iter().any(|&ix| model.indicator_of(ix).is_some());
    let window = cursor.window(rows.len(), layout::table_rows(list).height as usize);
    let when = table::widest_when(model, &rows[window.clone()]);
    let columns = Columns::new(inner, figures, when);
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
    let window_start = window.start;
    let table = ScrolledTable {
        title: title(rows.len(), undated, &records, inner),
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
        let figure = model.indicator_of(ix).and_then(|ind| match columns.figure {
            0 => figure_beside_title(record, ind),
            _ => format::figure_with_unit(record, format::Unit::of(ind)),
        });
        let mut cells = vec![
            Cell::from(marker(selected)),
            Cell::from(Line::from(year)),
            // On a narrow screen, a period given to the day may not fit.
            Cell::from(truncate(&table::when(model, ix), columns.when)),
            Cell::from(track.line(model, ix, theme)),
        ];
        if columns.category > 0 {
            cells.push(Cell::from(truncate(record.category.as_str(), columns.category)));
        }
        if columns.figure > 0 {
            cells.push(Cell::from(truncate_title(&record.title, columns.title)));
            let figure = figure.map(|f| truncate_figure(&f, columns.figure)).unwrap_or_default();
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
            n => format!("No dated records in view; {} undated: see {records}.", format::count(n)),
        };
        frame.render_widget(Paragraph::new(Line::styled(note, theme.dim())), area);
    }
    if let (Some(side), Some(&ix)) = (side, rows.get(cursor.selected)) {
        detail::render_panel(frame, side, model, ix, theme);
    }
}

/// A figure sharing its title's cell, short so that the title keeps some
/// room (the detail has it whole): without its unit, and a vague amount by
/// its words alone, or not at all where the title says them already
/// ("Koryolink serves millions of users").
fn figure_beside_title(record: &Record, indicator: &Indicator) -> Option<String> {
    match record.qualifier? {
        Qualifier::Vague => {
            let words = record.amount_text.as_deref()?;
            let said = record.title.to_lowercase().contains(&words.to_lowercase());
            (!said).then(|| words.to_owned())
        }
        _ if indicator.unit == "%" => format::figure_with_unit(record, format::Unit::of(indicator)),
        _ => format::figure(record),
    }
}

/// `Timeline · 40 dated records · 249 undated: see Records (5)`, shorter
/// when the border is short; `records` names the view that lists them all.
fn title(dated: usize, undated: usize, records: &str, inner: usize) -> String {
    let dated_text = format::plural(dated, "dated record");
    if undated == 0 {
        return format!("Timeline · {dated_text}");
    }
    let (dated, undated) = (format::count(dated), format::count(undated));
    let long = format!("Timeline · {dated_text} · {undated} undated: see {records}");
    // The border keeps a corner each side and a space each side of the title.
    if long.width() + 4 <= inner {
        return long;
    }
    format!("Timeline · {dated} dated · {undated} undated: {records}")
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
        // Ticks at least three columns apart.
        let years = (span.end - span.start).max(1) as usize;
        let step = round_step((3 * years).div_ceil(width.saturating_sub(1).max(1))) as i32;
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

    /// The record on the track: `━━━━` for a period, `●` for a date, `○`
    /// (quieter) for a record placed at its source's date.
    fn line(&self, model: &Model, ix: RecordIx, theme: Theme) -> Line<'static> {
        let Some(span) = model.span(ix) else {
            return Line::raw("");
        };
        let (from, to) = (self.column(span.start), self.column(span.end));
        let (mark, style) = match model.time(ix) {
            Time::Approximate(_) => ("○".to_owned(), theme.dim()),
            _ if span.start != span.end => ("━".repeat(to - from + 1), theme.series(0)),
            _ => ("●".to_owned(), theme.series(0)),
        };
        let dots = |range: std::ops::Range<usize>| -> String {
            range.map(|x| if self.ticks[x] { '·' } else { ' ' }).collect()
        };
        let end = from + mark.chars().count();
        Line::from(vec![
            Span::styled(dots(0..from), theme.dim()),
            Span::styled(mark, style),
            Span::styled(dots(end..self.width), theme.dim()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;
    use crate::tui::action::Action;
    use crate::tui::testing;

    fn app(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on::<Timeline>(testing::fixture(), filter, width, height)
    }

    proptest::proptest! {
        #![proptest_config(layout::column_cases())]

        /// The columns fit any table from the smallest supported screen's up.
        #[test]
        fn the_columns_fit_their_table(inner in usize::from(layout::MIN_WIDTH - 2)..=200, figures: bool, when in 0..30usize) {
            let widths = Columns::new(inner, figures, when).constraints();
            let total = usize::from(crate::tui::widgets::table::columns_width(&widths));
            proptest::prop_assert!(total <= inner, "{:?} in {}", widths, inner);
        }
    }

    #[test]
    fn the_when_column_is_as_wide_as_the_times_on_screen() {
        // Inner 78: the marker 1, Year 6, the track 14, Category 14 and five
        // gaps take 40; `2015-07–2015-09` whole leaves the title 23.
        let c = Columns::new(78, false, 15);
        assert_eq!((c.when, c.title), (15, 23));
        // Years only: 4 columns, and the title 34.
        let c = Columns::new(78, false, 4);
        assert_eq!((c.when, c.title), (4, 34));
    }

    fn screen(app: &App) -> Vec<String> {
        testing::lines(app)
    }

    fn rows_area(app: &App) -> Rect {
        Timeline.list(app, app.body()).rows
    }

    #[test]
    fn rows_are_drawn_where_the_list_says_and_clicks_select_them() {
        for (width, height) in [(60, 15), (80, 24), (160, 48)] {
            let mut app = app(Filter::default(), width, height);
            app.update(Action::Move(14));
            let area = rows_area(&app);
            let cursor = app.cursor(app.tab());
            let lines = screen(&app);
            let timeline = app.derived().timeline();
            let window = cursor.window(timeline.len(), area.height as usize);
            assert!(!window.is_empty());
            for (k, i) in window.clone().enumerate() {
                let line = &lines[area.y as usize + k];
                let title = &app.model().record(timeline[i]).title;
                // Five characters: a narrow title is cut before its number
                // (`About… · about 10,000`).
                assert!(
                    line.contains(&title[..5]),
                    "row {k} shows record {i} ({title}) at {width}x{height}: {line}"
                );
                assert_eq!(line.contains('▶'), i == cursor.selected, "{line}");
            }
            // The row below the last drawn one is the border, not a record.
            assert!(lines[area.bottom() as usize].contains('└'));
            app.update(Action::Click(area.x + 4, area.y + 1));
            assert_eq!(app.cursor(app.tab()).selected, window.start + 1, "{width}x{height}");
        }
    }

    #[test]
    fn each_year_is_labelled_once_beside_a_gutter() {
        let app = app(Filter::default(), 80, 40);
        let lines = screen(&app);
        let area = rows_area(&app);
        // The fixture's 25 dated records, by the year each starts in (one
        // of 2010's placed at its source's date).
        let years = [
            1965, 1972, 1980, 1985, 1990, 1995, 1998, 1999, 1999, 2000, 2001, 2002, 2005, 2005, 2008, 2008, 2009,
            2010, 2010, 2010, 2010, 2011, 2011, 2011, 2012,
        ];
        for (k, year) in years.into_iter().enumerate() {
            let gutter = if k == 0 || years[k - 1] != year {
                format!("{year} ├")
            } else {
                "     │".to_owned()
            };
            let row = &lines[area.y as usize + k];
            assert!(row.starts_with(&format!("│{} {gutter}", if k == 0 { "▶" } else { " " })), "row {k}: {row}");
        }
    }

    #[test]
    fn a_scrolled_window_names_the_year_of_its_top_row() {
        // 8 rows of 25 at 80x15: at the bottom the window starts at the 18th
        // record; seven up (two rows of margin), at the 16th, the second of
        // 2008's two.
        let mut app = app(Filter::default(), 80, 15);
        app.update(Action::Bottom);
        app.update(Action::Move(-7));
        let area = rows_area(&app);
        assert_eq!((area.height, app.cursor(app.tab()).offset), (8, 15));
        let lines = screen(&app);
        assert!(lines[area.y as usize].starts_with("│  2008 │"), "{}", lines[area.y as usize]);
        assert!(lines[area.y as usize + 1].starts_with("│  2009 ├"), "{}", lines[area.y as usize + 1]);
    }

    #[test]
    fn periods_are_spans_and_dates_are_marks() {
        let track = Track::new(YearSpan { start: 1950, end: 2009 }, 30);
        assert_eq!(track.column(1950), 0);
        assert_eq!(track.column(2009), 29);
        assert_eq!(track.column(1980), 15, "30 of 59 years along 29 columns, rounded");
        assert_eq!(track.header(), format!("1950{}2009", " ".repeat(22)));
        let app = app(Filter::default(), 80, 24);
        let text = |id: &str| -> String {
            let ix = app.model().all().iter().copied().find(|&ix| app.model().record(ix).id == id);
            let line = track.line(app.model(), ix.expect("in the fixture"), Theme::MONOCHROME);
            line.spans.iter().map(|s| s.content.as_ref()).collect()
        };
        // The satellite station, 1980-1989: columns 15 to 19.
        let period = text("satellite-station");
        let start: String = period.chars().take(20).collect();
        assert_eq!(start, "·    ·    ·    ━━━━━", "{period}");
        assert_eq!(text("first-exchange").matches('●').count(), 1);
        assert!(!text("first-exchange").contains('━'));
        assert!(period.width() == 30 && text("first-exchange").width() == 30);
    }

    #[test]
    fn records_placed_at_their_sources_date_read_c_and_are_hollow() {
        let app = app(Filter::default(), 80, 40);
        let lines = screen(&app);
        let survey = lines
            .iter()
            .find(|l| l.contains("about 150,000"))
            .expect("the survey's count, placed at c. 2010");
        assert!(survey.contains("│ c. 2010 ") && survey.contains('○') && !survey.contains('●'), "{survey}");
        let yearbook = lines.iter().find(|l| l.contains("· 120,000")).expect("the yearbook's 2010 count");
        assert!(yearbook.contains("│ 2010 ") && yearbook.contains('●'), "{yearbook}");
    }

    #[test]
    fn the_title_counts_undated_records_and_points_to_records() {
        let lines = screen(&app(Filter::default(), 80, 24));
        assert!(
            lines[3].contains("Timeline · 25 dated records · 11 undated: see Records (5)"),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn a_vague_amount_beside_its_title_is_not_said_twice() {
        let lines = screen(&app(Filter::default(), 160, 48));
        let row = |text: &str| lines.iter().find(|l| l.contains(text)).cloned();
        // "Hundreds of thousands of ExampleNet subscribers": its amount's
        // words are in the title, so the title has the cell to itself.
        let vague = row("Hundreds of thou").unwrap();
        assert!(vague.contains("Hundreds of thousands of ExampleNet su…"), "{vague}");
        let cell = &vague[vague.find("Hundreds").unwrap()..];
        assert!(!cell.contains(" · "), "{vague}");
        // Other figures still follow their titles.
        assert!(row("60% of people covered · 60%").is_some(), "{lines:#?}");
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
        let undated = Filter {
            search: "at present".into(),
            ..Filter::default()
        };
        let lines = screen(&app(undated, 80, 24));
        assert!(
            lines.iter().any(|l| l.contains("No dated records in view; 4 undated: see Records (5).")),
            "{lines:#?}"
        );
    }
}
