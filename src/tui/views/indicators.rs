//! The quantities the dataset measures: a table of indicators in view, the
//! selected one's observations (each with its source), a chart of its dated
//! series where there are two points or more, and the selected observation's
//! detail where there is room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Cell, Chart, Dataset, GraphType, Row};
use unicode_width::UnicodeWidthStr;

use super::estimates::Estimates;
use crate::data::{Indicator, Qualifier};
use crate::model::{RecordIx, YearSpan, format};
use crate::tui::app::{App, Focus, List, Selection, View};
use crate::tui::derived::indicators::IndicatorRow;
use crate::tui::keys::{self, Hint};
use crate::tui::layout::{self, IndicatorAreas};
use crate::tui::text::{shown, truncate};
use crate::tui::widgets::axis::{compact, decade_floor};
use crate::tui::widgets::logscale;
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::{detail, notice};

pub struct Indicators;

const KEYS: &[Hint] = &[
    Hint::of(&[keys::FOCUS]),
    Hint {
        rows: &[keys::OPEN],
        does: "observations / detail",
    },
];

impl View for Indicators {
    fn title(&self) -> &'static str {
        "Indicators"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: app.derived().indicators.len(),
            rows: layout::table_rows(areas(app, body).indicators),
        }
    }

    /// The selected indicator's observations.
    fn inner_list(&self, app: &App, body: Rect) -> Option<List> {
        Some(List {
            len: selected_row(app).map_or(0, |row| row.observations.len()),
            rows: layout::table_rows(areas(app, body).observations),
        })
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        let observation = app.selection_of::<Self>().inner.selected;
        selected_row(app)?.observations.get(observation).copied()
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

/// From this ratio between the largest and the smallest value up, the
/// chart's value axis is logarithmic.
const LOG_RATIO: f64 = 100.0;

fn selected_row(app: &App) -> Option<&IndicatorRow> {
    let at = app.selection_of::<Indicators>().outer.selected;
    app.derived().indicators.get(at)
}

fn areas(app: &App, body: Rect) -> IndicatorAreas {
    let at = app.selection_of::<Indicators>().outer.selected;
    layout::indicators(body, &app.derived().indicators, at)
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    if app.derived().indicators.is_empty() {
        render_empty(app, frame, body);
        return;
    }
    let a = areas(app, body);
    let selection = app.selection_of::<Indicators>();
    render_indicators(app, frame, a.indicators, selection);
    let Some(row) = selected_row(app) else {
        return;
    };
    render_observations(app, frame, a.observations, row, selection);
    if let Some(area) = a.chart {
        render_chart(app, frame, area, row);
    }
    if let (Some(area), Some(ix)) = (a.detail, Indicators.selected_record(app)) {
        detail::render_panel(frame, area, app.model(), ix, app.theme);
    }
}

fn indicator_of_row<'a>(app: &'a App, row: &IndicatorRow) -> &'a Indicator {
    &app.model().dataset().indicators[row.indicator]
}

/// The key of the view that compares contested claims.
fn key_of_estimates(app: &App) -> String {
    app.name_of::<Estimates>().map_or("Estimates".to_owned(), |(_, key)| key.to_string())
}

fn years(row: &IndicatorRow) -> String {
    match row.years {
        Some(span) if span.start == span.end => span.start.to_string(),
        Some(span) => format!("{}–{}", span.start, span.end),
        None => "undated".to_owned(),
    }
}

fn render_indicators(app: &App, frame: &mut Frame, area: Rect, selection: Selection) {
    let theme = app.theme;
    let rows = &app.derived().indicators;
    let focused = selection.focus == Focus::Outer;
    let latest_text = |row: &IndicatorRow| {
        row.latest
            .and_then(|ix| format::figure(app.model().record(ix)))
            .unwrap_or_default()
    };
    let inner = area.width.saturating_sub(2) as usize;
    // On narrow screens the unit column goes (the observations' title has it).
    let unit_w = if inner >= 72 {
        let cap = if inner >= 84 { 20 } else { 14 };
        rows.iter()
            .map(|r| indicator_of_row(app, r).unit.width())
            .max()
            .unwrap_or(0)
            .clamp(4, cap)
    } else {
        0
    };
    let latest_w = rows
        .iter()
        .map(|r| latest_text(r).width())
        .max()
        .unwrap_or(0)
        .clamp(14, 20);
    let unit_cols = if unit_w > 0 { unit_w + 1 } else { 0 };
    let name_w = inner.saturating_sub(1 + unit_cols + 5 + 9 + latest_w + 4).max(8);
    let mut header = vec!["", "Indicator", "Unit", "  Obs", "Years", "Latest / first"];
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(name_w as u16),
        Constraint::Length(unit_w as u16),
        Constraint::Length(5),
        Constraint::Length(9),
        Constraint::Length(latest_w as u16),
    ];
    if unit_w == 0 {
        header.remove(2);
        widths.remove(2);
    }
    let table = ScrolledTable {
        title: format!("Indicators · ≠ contested (view {})", key_of_estimates(app)),
        header,
        widths,
        len: rows.len(),
        cursor: selection.outer,
        focused,
        theme,
        legend: None,
    };
    table.render(frame, area, |i, selected| {
        let row = &rows[i];
        let indicator = indicator_of_row(app, row);
        let mark = if row.contested { " ≠" } else { "  " };
        let mut cells = vec![
            Cell::from(focus_marker(selected, focused)),
            Cell::from(truncate(&indicator.name, name_w)),
            Cell::from(truncate(&indicator.unit, unit_w)).style(theme.dim()),
            Cell::from(format!("{:>3}{mark}", row.observations.len())),
            Cell::from(years(row)),
            Cell::from(truncate(&latest_text(row), latest_w)).style(theme.figure()),
        ];
        if unit_w == 0 {
            cells.remove(2);
        }
        Row::new(cells)
    });
}

fn render_observations(app: &App, frame: &mut Frame, area: Rect, row: &IndicatorRow, selection: Selection) {
    let theme = app.theme;
    let model = app.model();
    let focused = selection.focus == Focus::Inner;
    let indicator = indicator_of_row(app, row);
    let obs = &row.observations;
    let with_unit = |ix: RecordIx| format::figure_with_unit(model.record(ix), &indicator.unit).unwrap_or_default();
    let bare = |ix: RecordIx| format::figure(model.record(ix)).unwrap_or_default();
    let about = |ix: RecordIx| {
        model
            .entities_of(ix)
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let widest = |f: &dyn Fn(RecordIx) -> usize| obs.iter().map(|&ix| f(ix)).max().unwrap_or(0);

    let inner = area.width.saturating_sub(2) as usize;
    let when_w = widest(&|ix| format::when(model.record(ix)).width()).max(4);
    let mut figure_w = widest(&|ix| with_unit(ix).width()).max(6);
    let mut source_w = widest(&|ix| model.record(ix).source.width()).max(6);
    // Marker, when, figure, about, source: four gaps.
    let room = |figure_w: usize, source_w: usize| inner.saturating_sub(1 + when_w + figure_w + source_w + 4);
    if room(figure_w, source_w) < 14 {
        // The unit is in the title: figures can do without it.
        figure_w = widest(&|ix| bare(ix).width()).max(6).min(figure_w);
    }
    if room(figure_w, source_w) < 14 {
        source_w = source_w.min(14);
    }
    let about_w = room(figure_w, source_w).max(4);
    // All figures with their units, or none (the title gives it).
    let units = figure_w >= widest(&|ix| with_unit(ix).width());

    let mut title = format!("{} ({})", indicator.name, indicator.unit);
    if row.contested {
        title.push_str(&format!(" · ≠ contested: compare in {}", key_of_estimates(app)));
    }
    let title = truncate(&title, area.width.saturating_sub(4 + 8) as usize);
    let table = ScrolledTable {
        title,
        header: vec!["", "When", "Figure", "About", "Source"],
        widths: vec![
            Constraint::Length(1),
            Constraint::Length(when_w as u16),
            Constraint::Length(figure_w as u16),
            Constraint::Length(about_w as u16),
            Constraint::Length(source_w as u16),
        ],
        len: obs.len(),
        cursor: selection.inner,
        focused,
        theme,
        legend: None,
    };
    table.render(frame, area, |i, selected| {
        let ix = obs[i];
        let record = model.record(ix);
        let figure = if units { with_unit(ix) } else { bare(ix) };
        Row::new([
            Cell::from(focus_marker(selected, focused)),
            Cell::from(format::when(record)),
            Cell::from(truncate(&figure, figure_w)).style(theme.figure()),
            Cell::from(truncate(&about(ix), about_w)),
            Cell::from(truncate(&record.source, source_w)).style(theme.dim()),
        ])
    });
}

/// Points of one source's series, and the marks that are not points.
#[derive(Default)]
struct SourceSeries {
    source: String,
    points: Vec<(f64, f64)>,
    /// Ranges (vertical) and periods (horizontal), each a two-point line.
    segments: Vec<[(f64, f64); 2]>,
}

/// The selection marker: solid in the list that has the keys, hollow in the
/// other, so focus shows without colour.
fn focus_marker(selected: bool, focused: bool) -> &'static str {
    match (selected, focused) {
        (true, false) => "▷",
        _ => marker(selected),
    }
}

/// The glyphs that tell sources apart without colour.
const SOURCE_MARKERS: [char; 4] = ['●', '■', '▲', '◆'];

/// The axis a chart draws values on: linear from zero, or log by decades.
#[derive(Debug, Clone, Copy, PartialEq)]
enum YScale {
    Linear { lo: f64, hi: f64 },
    Log { lo: i32, hi: i32 },
}

impl YScale {
    /// The top bound is always above the largest value, so no point sits on
    /// the chart's top row, where the axis title is drawn.
    fn fit(values: &[f64]) -> Self {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if min > 0.0 && max / min >= LOG_RATIO {
            // The top decade lies wholly above the largest value.
            return Self::Log {
                lo: decade_floor(min),
                hi: decade_floor(max) + 1,
            };
        }
        let lo = if min >= 0.0 { 0.0 } else { -nice_ceil(-min * 1.1) };
        let hi = nice_ceil(max.max(0.0) * 1.1).max(lo + 1.0);
        Self::Linear { lo, hi }
    }

    fn y(self, value: f64) -> f64 {
        match self {
            Self::Linear { .. } => value,
            Self::Log { .. } => value.max(f64::MIN_POSITIVE).log10(),
        }
    }

    fn bounds(self) -> [f64; 2] {
        match self {
            Self::Linear { lo, hi } => [lo, hi],
            Self::Log { lo, hi } => [lo as f64, hi as f64],
        }
    }

    /// Evenly spaced labels, as ratatui spreads them over the axis.
    fn labels(self, rows: u16) -> Vec<String> {
        match self {
            Self::Linear { lo, hi } => vec![compact(lo), compact((lo + hi) / 2.0), compact(hi)],
            Self::Log { lo, hi } => {
                // One label a decade if the rows allow, else the ends only.
                let decades = (hi - lo) as u16;
                if decades < rows {
                    (lo..=hi).map(|d| compact(10f64.powi(d))).collect()
                } else {
                    vec![compact(10f64.powi(lo)), compact(10f64.powi(hi))]
                }
            }
        }
    }
}

/// A round number at least `v`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times
/// a power of ten, so the top label (and half of it, the middle one) is round.
fn nice_ceil(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powi(decade_floor(v));
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&c| c >= v * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

fn render_chart(app: &App, frame: &mut Frame, area: Rect, row: &IndicatorRow) {
    let theme = app.theme;
    let model = app.model();
    let indicator = indicator_of_row(app, row);
    // The row already holds the indicator's observations in view, in order.
    let series: Vec<(RecordIx, YearSpan)> = row
        .observations
        .iter()
        .filter_map(|&ix| model.span(ix).map(|span| (ix, span)))
        .collect();

    let mut values = Vec::new();
    for &(ix, _) in &series {
        values.extend(logscale::claim_values(model.record(ix)));
    }
    let scale = YScale::fit(&values);

    let mut by_source: Vec<SourceSeries> = Vec::new();
    let (mut x_lo, mut x_hi) = (i32::MAX, i32::MIN);
    for &(ix, span) in &series {
        let r = model.record(ix);
        x_lo = x_lo.min(span.start);
        x_hi = x_hi.max(span.end);
        let at = match by_source.iter().position(|s| s.source == r.source) {
            Some(at) => at,
            None => {
                by_source.push(SourceSeries {
                    source: r.source.clone(),
                    ..Default::default()
                });
                by_source.len() - 1
            }
        };
        let s = &mut by_source[at];
        let x = (span.start as f64 + span.end as f64) / 2.0;
        match (r.qualifier, r.value, r.low, r.high) {
            (Some(Qualifier::Range), _, Some(low), Some(high)) => {
                s.segments.push([(x, scale.y(low)), (x, scale.y(high))]);
            }
            (_, Some(value), _, _) => {
                let y = scale.y(value);
                s.points.push((x, y));
                if span.start != span.end {
                    s.segments.push([(span.start as f64, y), (span.end as f64, y)]);
                }
            }
            _ => {}
        }
    }
    // Years on the x axis: the middle label must fall on a whole year.
    if x_lo == x_hi {
        x_lo -= 1;
        x_hi += 1;
    }
    if (x_hi - x_lo) % 2 == 1 {
        x_hi += 1;
    }

    let mut datasets = Vec::new();
    for (i, s) in by_source.iter().enumerate() {
        let style = theme.series(i);
        let glyph = SOURCE_MARKERS[i % SOURCE_MARKERS.len()];
        if s.points.len() >= 2 {
            datasets.push(
                Dataset::default()
                    .graph_type(GraphType::Line)
                    .marker(Marker::Braille)
                    .style(style)
                    .data(&s.points),
            );
        }
        for segment in &s.segments {
            datasets.push(
                Dataset::default()
                    .graph_type(GraphType::Line)
                    .marker(Marker::Braille)
                    .style(style)
                    .data(segment),
            );
        }
        datasets.push(
            Dataset::default()
                .graph_type(GraphType::Scatter)
                .marker(Marker::Custom(glyph))
                .style(style)
                .data(&s.points),
        );
    }

    let y_title = match scale {
        YScale::Log { .. } => format!("{} (log scale)", shown(&indicator.unit)),
        YScale::Linear { .. } => shown(&indicator.unit).into_owned(),
    };
    let x_labels = [x_lo, (x_lo + x_hi) / 2, x_hi].map(|y| y.to_string());
    // The legend goes on the border: inside, it would hide points.
    let mut legend = vec![Span::raw(" ")];
    for (i, s) in by_source.iter().enumerate() {
        let glyph = SOURCE_MARKERS[i % SOURCE_MARKERS.len()];
        legend.push(Span::styled(format!("{glyph} "), theme.series(i)));
        legend.push(Span::styled(format!("{}  ", s.source), theme.dim()));
    }
    let ranges = by_source.iter().flat_map(|s| &s.segments).any(|[a, b]| a.0 == b.0);
    let periods = by_source.iter().flat_map(|s| &s.segments).any(|[a, b]| a.1 == b.1);
    match (ranges, periods) {
        (true, true) => legend.push(Span::styled("│ range  ─ period ", theme.dim())),
        (true, false) => legend.push(Span::styled("│ range ", theme.dim())),
        (false, true) => legend.push(Span::styled("─ period ", theme.dim())),
        (false, false) => {}
    }
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(
                " {} by year · {} dated of {} ",
                shown(&indicator.name),
                series.len(),
                row.observations.len()
            ),
            theme.accent(),
        ))
        .title_bottom(Line::from(legend));
    let chart = Chart::new(datasets)
        .block(block)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([x_lo as f64, x_hi as f64])
                .labels(x_labels)
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled(y_title, theme.dim()))
                .bounds(scale.bounds())
                .labels(scale.labels(area.height.saturating_sub(4)))
                .style(theme.dim()),
        );
    frame.render_widget(chart, area);
}

fn render_empty(app: &App, frame: &mut Frame, body: Rect) {
    let theme = app.theme;
    let lines = vec![
        notice::headline("indicator has observations", app.filter(), theme),
        Line::raw(""),
        notice::with_keys(
            &[
                "Widen the years with ",
                &keys::YEARS.label(0),
                ", or reset every filter with ",
                &keys::RESET.label(0),
                ".",
            ],
            theme,
        ),
    ];
    notice::render(frame, body, "Indicators", lines, theme);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;
    use crate::tui::action::Action;
    use crate::tui::testing;

    fn app(width: u16, height: u16) -> App {
        testing::app_on::<Indicators>(testing::fixture(), Filter::default(), width, height)
    }

    fn lines(app: &App) -> Vec<String> {
        testing::raw_lines(app)
    }

    fn cell(lines: &[String], x: u16, y: u16) -> char {
        lines[y as usize].chars().nth(x as usize).unwrap_or(' ')
    }

    /// The fixture's indicators in view, in the dataset's order.
    const ROWS: [&str; 7] = [
        "examplenet-subscribers",
        "institute-staff",
        "coverage-share",
        "lines-per-100",
        "cable-length",
        "computers",
        "programmers",
    ];

    #[test]
    fn the_rows_are_the_indicators_in_view_with_their_observations_and_latest_figure() {
        let app = app(160, 48);
        let ids: Vec<&str> = app
            .derived()
            .indicators
            .iter()
            .map(|row| app.model().dataset().indicators[row.indicator].id.as_str())
            .collect();
        assert_eq!(ids, ROWS);
        let screen = lines(&app);
        // A row of the table: its marker column, then the name.
        let row = |name: &str| {
            let rows = [format!("│▶ {name}"), format!("│  {name}")];
            let found = screen.iter().find(|l| rows.iter().any(|r| l.starts_with(r.as_str())));
            found.cloned().unwrap_or_default()
        };
        // Five dated subscriber counts, the latest 2012's; contested (two sources).
        let subscribers = row("ExampleNet subscribers");
        assert!(subscribers.contains("5 ≠") && subscribers.contains("2008–2012"), "{subscribers}");
        assert!(subscribers.contains("1,000,000"), "{subscribers}");
        // Staff: one dated claim of three, so 2005's 800 is the latest.
        let staff = row("Institute staff");
        assert!(staff.contains("3 ≠") && staff.contains("2005") && staff.contains("800"), "{staff}");
        let computers = row("Computers in use");
        assert!(computers.contains("undated") && computers.contains("up to 50,000"), "{computers}");
        // A vague amount is its words.
        let programmers = row("Programmers");
        assert!(programmers.contains("undated") && programmers.contains("thousands"), "{programmers}");
    }

    #[test]
    fn the_list_is_the_focused_one_and_the_selection_is_drawn_there() {
        for (width, height) in [(60, 15), (80, 24), (160, 48)] {
            let mut app = app(width, height);
            app.update(Action::Move(1));
            let table = Indicators.list(&app, app.body()).rows;
            assert_eq!(app.focused_list().rows, table);
            let cursor = app.cursor(app.tab());
            let y = table.y + (cursor.selected - cursor.offset) as u16;
            assert_eq!(cell(&lines(&app), table.x, y), '▶', "{width}x{height}");

            app.update(Action::Move(-1));
            app.update(Action::Open);
            assert_eq!(app.focus(), Focus::Inner);
            app.update(Action::Move(3));
            let observations = Indicators.inner_list(&app, app.body()).expect("an inner list");
            assert_eq!(observations.len, 5, "the five subscriber counts");
            assert_eq!(app.focused_list(), observations);
            let inner = app.selection_of::<Indicators>().inner;
            assert_eq!(inner.selected, 3);
            let screen = lines(&app);
            let y = observations.rows.y + (inner.selected - inner.offset) as u16;
            assert_eq!(cell(&screen, observations.rows.x, y), '▶', "{width}x{height}");
            // The other list keeps its selection, hollow.
            assert_eq!(cell(&screen, table.x, table.y), '▷', "{width}x{height}");
            // The fourth observation in view order: 2011's range.
            let record = app.model().record(app.selected_record().expect("an observation"));
            assert_eq!(record.id, "subscribers-2011");
            // A resize keeps the selected observation on screen.
            app.update(Action::Resize(width, height + 1));
            let rows = Indicators.inner_list(&app, app.body()).expect("an inner list").rows;
            let inner = app.selection_of::<Indicators>().inner;
            assert!(inner.selected - inner.offset < rows.height as usize);
        }
    }

    #[test]
    fn the_indicator_table_stays_put_whatever_is_selected() {
        for (width, height) in [(80, 24), (160, 48)] {
            let mut app = app(width, height);
            let first = Indicators.list(&app, app.body()).rows;
            for _ in ROWS {
                app.update(Action::Move(1));
                assert_eq!(Indicators.list(&app, app.body()).rows, first);
            }
        }
    }

    #[test]
    fn a_series_is_charted_on_a_log_axis_when_it_spans_orders_of_magnitude() {
        // 1,000 to 1,000,000 subscribers from 2008 to 2012.
        let screen = lines(&app(160, 48)).join("\n");
        assert!(screen.contains("ExampleNet subscribers by year · 5 dated of 5"), "{screen}");
        assert!(screen.contains("subscribers (log scale)"), "{screen}");
        for label in ["1k", "100k", "10M", "2008", "2010", "2012"] {
            assert!(screen.contains(label), "{label}: {screen}");
        }
        assert!(screen.contains("gamma-yearbook") && screen.contains("│ range"), "{screen}");
        // Institute staff has one dated claim: no series, no chart.
        let mut app = app(160, 48);
        app.update(Action::Move(1));
        assert!(!lines(&app).join("\n").contains("by year"));
    }

    #[test]
    fn the_value_axis_goes_log_only_across_orders_of_magnitude() {
        assert_eq!(YScale::fit(&[60.0, 100_000.0]), YScale::Log { lo: 1, hi: 6 });
        assert_eq!(YScale::fit(&[1000.0, 1e6]), YScale::Log { lo: 3, hi: 7 });
        assert_eq!(YScale::fit(&[4.6, 65.1]), YScale::Linear { lo: 0.0, hi: 80.0 });
        assert_eq!(YScale::fit(&[100.0, 120.0]), YScale::Linear { lo: 0.0, hi: 150.0 });
        assert_eq!(nice_ceil(1.2e6), 1.2e6);
        assert_eq!(nice_ceil(7.0), 8.0);
        assert_eq!(nice_ceil(1000.0), 1000.0);
    }
}
