//! The quantities the dataset measures: a table of indicators in view, the
//! selected one's observations (each with its source), a chart of its dated
//! series where there are two points or more, and the selected observation's
//! detail where there is room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Cell, Chart, Dataset, GraphType, Row};
use unicode_width::UnicodeWidthStr;

use crate::data::{Indicator, Qualifier};
use crate::model::{RecordIx, YearSpan, format};
use crate::tui::app::{App, Focus, IndicatorRow};
use crate::tui::layout;
use crate::tui::views::ViewKind;
use crate::tui::widgets::logscale::{self, compact};
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::text::truncate;
use crate::tui::widgets::{detail, notice};

pub const KEYS: &[(&str, &str)] = &[("←/→ h/l", "switch list"), ("Enter", "observations / detail")];

/// From this width the observations, chart and detail sit beside the table.
const WIDE: u16 = 120;
/// Rows a chart needs to be worth drawing, and the most it takes.
const CHART_MIN: u16 = 10;
const CHART_MAX: u16 = 20;
/// Rows the detail panel needs to say anything (border, title, when, figure).
const DETAIL_MIN: u16 = 6;
/// From this ratio between the largest and the smallest value up, the
/// chart's value axis is logarithmic.
const LOG_RATIO: f64 = 100.0;

/// Where each part of the view goes. The indicator table's area depends on
/// the body and the number of indicators only, never on the selection, so
/// that its scrolling (worked out by `App` from `list_area`) matches what is
/// drawn; the rest follows the selected indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Areas {
    indicators: Rect,
    observations: Rect,
    chart: Option<Rect>,
    detail: Option<Rect>,
}

fn selected_row(app: &App) -> Option<&IndicatorRow> {
    app.derived.indicators.get(app.cursor(ViewKind::Indicators).selected)
}

/// Dated observations of a row: the points of its series.
fn dated(app: &App, row: &IndicatorRow) -> usize {
    row.observations
        .iter()
        .filter(|&&ix| app.model.span(ix).is_some())
        .count()
}

fn areas(app: &App, body: Rect) -> Areas {
    let count = app.derived.indicators.len();
    if count == 0 {
        return Areas {
            indicators: body,
            observations: Rect::default(),
            chart: None,
            detail: None,
        };
    }
    let (observations, charted) =
        selected_row(app).map_or((0, false), |row| (row.observations.len(), dated(app, row) >= 2));
    let (indicators, rest) = if body.width >= WIDE {
        let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Min(0)]).areas(body);
        (left, right)
    } else {
        let wanted = count as u16 + 3;
        let height = wanted.min((body.height / 2).max(6)).min(body.height);
        let [top, bottom] = Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(body);
        (top, bottom)
    };
    let (observations, chart, detail) = stack(rest, observations, charted);
    Areas {
        indicators,
        observations,
        chart,
        detail,
    }
}

/// The observations table on top of `area`, then the chart if there is a
/// series and room for it, then the detail if there is room for that.
fn stack(area: Rect, observations: usize, charted: bool) -> (Rect, Option<Rect>, Option<Rect>) {
    let wanted = (observations as u16).saturating_add(3).max(4);
    let chart_fits = charted && area.height >= 5 + CHART_MIN;
    let table = wanted.min(area.height.saturating_sub(if chart_fits { CHART_MIN } else { 0 }));
    let mut rest = area.height - table;
    let chart = if chart_fits {
        let h = if rest >= CHART_MIN + DETAIL_MIN {
            rest.saturating_sub(DETAIL_MIN).min(CHART_MAX)
        } else {
            rest
        };
        rest -= h;
        h
    } else {
        0
    };
    let detail = if rest >= DETAIL_MIN { rest } else { 0 };
    // Rows nobody wants go to the table (more of a long list shows).
    let table = table + rest - detail;
    let [table_area, chart_area, detail_area] = Layout::vertical([
        Constraint::Length(table),
        Constraint::Length(chart),
        Constraint::Length(detail),
    ])
    .areas(area);
    (
        table_area,
        (chart > 0).then_some(chart_area),
        (detail > 0).then_some(detail_area),
    )
}

/// The rows of the focused list: the indicator table, or the observations.
pub fn list_area(app: &App, body: Rect) -> Rect {
    match app.focus {
        Focus::Indicators => indicators_list_area(app, body),
        Focus::Observations => observations_list_area(app, body),
    }
}

/// The rows of the indicator table, whatever has the focus.
pub fn indicators_list_area(app: &App, body: Rect) -> Rect {
    layout::table_rows(areas(app, body).indicators)
}

/// The rows of the selected indicator's observations, whatever has the focus.
pub fn observations_list_area(app: &App, body: Rect) -> Rect {
    layout::table_rows(areas(app, body).observations)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    if app.derived.indicators.is_empty() {
        render_empty(app, frame, body);
        return;
    }
    let a = areas(app, body);
    render_indicators(app, frame, a.indicators);
    let Some(row) = selected_row(app) else {
        return;
    };
    render_observations(app, frame, a.observations, row);
    if let Some(area) = a.chart {
        render_chart(app, frame, area, row);
    }
    if let (Some(area), Some(ix)) = (a.detail, app.selected_record()) {
        detail::render_panel(app, frame, area, ix, 0);
    }
}

fn indicator_of_row<'a>(app: &'a App, row: &IndicatorRow) -> &'a Indicator {
    &app.model.dataset().indicators[row.indicator]
}

/// The latest dated observation, else the first claim.
fn latest(app: &App, row: &IndicatorRow) -> Option<RecordIx> {
    // Observations come in view order: dated ones by date, then undated ones.
    row.observations
        .iter()
        .rev()
        .find(|&&ix| app.model.span(ix).is_some())
        .or(row.observations.first())
        .copied()
}

fn years(app: &App, row: &IndicatorRow) -> String {
    match app.model.year_span(&row.observations) {
        Some(span) if span.start == span.end => span.start.to_string(),
        Some(span) => format!("{}–{}", span.start, span.end),
        None => "undated".to_owned(),
    }
}

fn render_indicators(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let rows = &app.derived.indicators;
    let mut contested = vec![false; rows.len()];
    for &(group, _) in &app.derived.estimates {
        contested[group] = true;
    }
    let latest_text = |row: &IndicatorRow| {
        latest(app, row)
            .and_then(|ix| format::figure(app.model.record(ix)))
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
        title: "Indicators · ≠ contested (view 4)".into(),
        header,
        widths,
        len: rows.len(),
        cursor: app.cursor(ViewKind::Indicators),
        focused: app.focus == Focus::Indicators,
        theme,
        legend: None,
    };
    table.render(frame, area, |i, selected| {
        let row = &rows[i];
        let indicator = indicator_of_row(app, row);
        let mark = if contested[i] { " ≠" } else { "  " };
        let mut cells = vec![
            Cell::from(focus_marker(selected, app.focus == Focus::Indicators)),
            Cell::from(truncate(&indicator.name, name_w)),
            Cell::from(truncate(&indicator.unit, unit_w)).style(theme.dim()),
            Cell::from(format!("{:>3}{mark}", row.observations.len())),
            Cell::from(years(app, row)),
            Cell::from(truncate(&latest_text(row), latest_w)).style(theme.figure()),
        ];
        if unit_w == 0 {
            cells.remove(2);
        }
        Row::new(cells)
    });
}

fn render_observations(app: &App, frame: &mut Frame, area: Rect, row: &IndicatorRow) {
    let theme = app.theme;
    let model = &app.model;
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

    let contested = app.derived.estimates.iter().any(|&(g, _)| {
        app.derived
            .indicators
            .get(g)
            .is_some_and(|r| r.indicator == row.indicator)
    });
    let mut title = format!("{} ({})", indicator.name, indicator.unit);
    if contested {
        title.push_str(" · ≠ contested: compare in 4");
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
        cursor: app.observations,
        focused: app.focus == Focus::Observations,
        theme,
        legend: None,
    };
    table.render(frame, area, |i, selected| {
        let ix = obs[i];
        let record = model.record(ix);
        let figure = if units { with_unit(ix) } else { bare(ix) };
        Row::new([
            Cell::from(focus_marker(selected, app.focus == Focus::Observations)),
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
            let lo = (min.log10() + 1e-9).floor() as i32;
            let hi = (max.log10() + 1e-9).floor() as i32 + 1;
            return Self::Log { lo, hi };
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
    let p = 10f64.powf(v.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&c| c >= v * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

fn render_chart(app: &App, frame: &mut Frame, area: Rect, row: &IndicatorRow) {
    let theme = app.theme;
    let model = &app.model;
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
        YScale::Log { .. } => format!("{} (log scale)", indicator.unit),
        YScale::Linear { .. } => indicator.unit.clone(),
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
                indicator.name,
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
        notice::headline("indicator has observations", &app.filter, theme),
        Line::raw(""),
        notice::with_keys(
            &["Widen the years with ", "t", ", or reset every filter with ", "r", "."],
            theme,
        ),
    ];
    notice::render(frame, body, "Indicators", lines, theme);
}

#[cfg(test)]
mod tests {
    use crate::tui::testing;

    use super::*;
    use crate::data::PartialDate;
    use crate::model::Filter;

    use crate::tui::action::Action;

    fn app_with(dataset: crate::data::Dataset, width: u16, height: u16) -> App {
        testing::app_on(ViewKind::Indicators, dataset, Filter::default(), width, height)
    }

    fn dataset() -> crate::data::Dataset {
        testing::embedded()
    }

    /// The embedded dataset with the IT workforce claims given years, so the
    /// indicator has a series (60 to 100,000: four orders of magnitude).
    fn dated_workforce() -> crate::data::Dataset {
        let mut d = dataset();
        let mut year = 1995;
        for r in d
            .records
            .iter_mut()
            .filter(|r| r.indicator.as_deref() == Some("it-workforce"))
        {
            r.as_of = None;
            r.date = Some(PartialDate::year(year));
            year += 2;
        }
        d
    }

    fn lines(app: &App) -> Vec<String> {
        testing::raw_lines(app)
    }

    fn cell(lines: &[String], x: u16, y: u16) -> char {
        lines[y as usize].chars().nth(x as usize).unwrap_or(' ')
    }

    fn select_workforce(app: &mut App) {
        let at = app
            .derived
            .indicators
            .iter()
            .position(|r| app.model.dataset().indicators[r.indicator].id == "it-workforce")
            .expect("the IT workforce is in view");
        app.update(Action::Move(at as isize));
    }

    #[test]
    fn list_area_is_the_focused_list_and_the_selection_is_drawn_there() {
        for (width, height) in [(60, 15), (80, 24), (160, 48)] {
            let mut app = app_with(dataset(), width, height);
            select_workforce(&mut app);
            let body = layout::screen(app.area).body;
            let table = indicators_list_area(&app, body);
            assert_eq!(list_area(&app, body), table);
            let cursor = app.cursor(ViewKind::Indicators);
            let screen = lines(&app);
            assert_eq!(
                cell(&screen, table.x, table.y + (cursor.selected - cursor.offset) as u16),
                '▶'
            );

            app.update(Action::Open);
            assert_eq!(app.focus, Focus::Observations);
            app.update(Action::Move(6));
            let observations = observations_list_area(&app, body);
            assert_eq!(list_area(&app, body), observations);
            let screen = lines(&app);
            let y = observations.y + (app.observations.selected - app.observations.offset) as u16;
            assert_eq!(cell(&screen, observations.x, y), '▶', "{width}x{height}");
            // The other list keeps its selection, hollow.
            assert_eq!(
                cell(&screen, table.x, table.y + (cursor.selected - cursor.offset) as u16),
                '▷'
            );
            // A resize keeps the selected observation on screen.
            app.update(Action::Resize(width, height + 1));
            let observations = observations_list_area(&app, layout::screen(app.area).body);
            assert!(app.observations.selected - app.observations.offset < observations.height as usize);
        }
    }

    #[test]
    fn the_indicator_table_stays_put_whatever_is_selected() {
        for (width, height) in [(80, 24), (160, 48)] {
            let mut app = app_with(dated_workforce(), width, height);
            let body = layout::screen(app.area).body;
            let first = indicators_list_area(&app, body);
            for _ in 0..app.derived.indicators.len() {
                app.update(Action::Move(1));
                assert_eq!(indicators_list_area(&app, body), first);
            }
        }
    }

    #[test]
    fn a_series_is_charted_on_a_log_axis_when_it_spans_orders_of_magnitude() {
        let mut app = app_with(dated_workforce(), 160, 48);
        select_workforce(&mut app);
        let screen = lines(&app).join("\n");
        assert!(screen.contains("people (log scale)"), "{screen}");
        assert!(screen.contains("100k") && screen.contains("1995"), "{screen}");
        // Undated claims have no series: no chart.
        let mut undated = dataset();
        for source in &mut undated.sources {
            source.info_as_of = None;
        }
        let mut app = app_with(undated, 160, 48);
        select_workforce(&mut app);
        assert!(!lines(&app).join("\n").contains("log scale"));
    }

    #[test]
    fn the_value_axis_goes_log_only_across_orders_of_magnitude() {
        assert_eq!(YScale::fit(&[60.0, 100_000.0]), YScale::Log { lo: 1, hi: 6 });
        assert_eq!(YScale::fit(&[4.6, 65.1]), YScale::Linear { lo: 0.0, hi: 80.0 });
        assert_eq!(YScale::fit(&[100.0, 120.0]), YScale::Linear { lo: 0.0, hi: 150.0 });
        assert_eq!(nice_ceil(1.2e6), 1.2e6);
        assert_eq!(nice_ceil(7.0), 8.0);
    }
}
