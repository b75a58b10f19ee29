//! The quantities the dataset measures: a table of each indicator about
//! each subject in view with its latest claim (figure, time, source), and
//! below it the selected one's series as a chart (every source's points
//! told apart), its observations and the selected observation's detail.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row};
use unicode_width::UnicodeWidthStr;

use super::estimates::Estimates;
use crate::data::Record;
use crate::model::{RecordIx, format};
use crate::tui::app::{App, Focus, List, Selection, View};
use crate::tui::cursor::Cursor;
use crate::tui::derived::indicators::{IndicatorRow, Needs};
use crate::tui::derived::series::marker;
use crate::tui::keys::{self, Hint};
use crate::tui::layout::{self, IndicatorAreas, IndicatorSelection};
use crate::tui::text::{truncate, truncate_figure};
use crate::tui::theme::Theme;
use crate::tui::widgets::series_chart::SeriesChart;
use crate::tui::widgets::table::{self, ScrolledTable, marker as row_marker};
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
            len: app.quantities().indicators.len(),
            rows: areas(app, body).indicators.map(layout::table_rows).unwrap_or_default(),
        }
    }

    /// The selected row's observations.
    fn inner_list(&self, app: &App, body: Rect) -> Option<List> {
        Some(List {
            len: selected_row(app).map_or(0, |row| row.observations.len()),
            rows: areas(app, body).observations.map(layout::table_rows).unwrap_or_default(),
        })
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        let observation = app.selection_of::<Self>().inner.selected;
        selected_row(app)?.observations.get(observation).copied()
    }

    /// While the table has the keys, its row shows the latest claims.
    fn latest_shown<'a>(&self, app: &'a App) -> Option<&'a [RecordIx]> {
        match app.selection_of::<Self>().focus {
            Focus::Outer => selected_row(app).map(|row| row.latest.as_slice()),
            Focus::Inner => None,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

fn selected_row(app: &App) -> Option<&IndicatorRow> {
    let at = app.selection_of::<Indicators>().outer.selected;
    app.quantities().indicators.get(at)
}

fn areas(app: &App, body: Rect) -> IndicatorAreas {
    let selection = app.selection_of::<Indicators>();
    let row = selected_row(app);
    let selected = IndicatorSelection {
        observations: row.map_or(0, |r| r.observations.len()),
        charted: row.is_some_and(|r| r.series(app.model(), app.filter()).is_charted()),
        observations_focused: selection.focus == Focus::Inner,
    };
    layout::indicators(body, app.quantities().indicators.len(), selected)
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    if app.quantities().indicators.is_empty() {
        render_empty(app, frame, body);
        return;
    }
    let a = areas(app, body);
    let selection = app.selection_of::<Indicators>();
    if let Some(area) = a.indicators {
        render_indicators(app, frame, area, selection);
    }
    let Some(row) = selected_row(app) else {
        return;
    };
    if let Some(area) = a.observations {
        render_observations(app, frame, area, row, selection, a.chart_rows_short);
    }
    if let Some(area) = a.chart {
        let selected = (selection.focus == Focus::Inner)
            .then(|| Indicators.selected_record(app))
            .flatten();
        render_chart(app, frame, area, row, selected);
    }
    if let (Some(area), Some(ix)) = (a.detail, Indicators.selected_record(app)) {
        detail::render_panel(frame, area, app.model(), ix, app.theme);
    }
}

/// On the observations' bottom border, where the body is too short for
/// the selected row's chart: how many rows more would show it.
fn chart_not_shown(rows_short: u16, area: Rect, cursor: Cursor, len: usize, theme: Theme) -> Option<Line<'static>> {
    if rows_short == 0 {
        return None;
    }
    let room = table::legend_room(area.width, cursor, len);
    let text = format!("chart needs {}", format::plural(rows_short.into(), "more row"));
    Some(Line::styled(format!(" {} ", truncate(&text, room.saturating_sub(2))), theme.dim()))
}

/// The key of the view that compares contested claims.
fn key_of_estimates(app: &App) -> String {
    app.name_of::<Estimates>().map_or("Estimates".to_owned(), |(_, key)| key.to_string())
}

/// One of `Columns`' widths.
type Column = fn(&mut Columns) -> &mut usize;

/// Widths of the indicator table's columns; 0 for a column left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    name: usize,
    unit: usize,
    about: usize,
    count: usize,
    years: usize,
    latest: usize,
    when: usize,
    source: usize,
}

impl Columns {
    /// Every column as wide as its widest cell (within bounds), then, while
    /// they do not fit in `inner`, one step at a time: shorter names, no
    /// years, shorter units and sources, no units, shorter names and
    /// sources, and last shorter figures. The name takes what is left, up
    /// to what the longest needs.
    fn fit(inner: usize, needs: &Needs, count: usize) -> Self {
        let mut c = Self {
            name: needs.name.max(12),
            unit: needs.unit.clamp(4, 22),
            about: needs.about.clamp(5, 12),
            count,
            years: needs.years.clamp(5, 12),
            latest: needs.latest.clamp(6, 22),
            when: needs.when.clamp(4, 10),
            source: needs.source.clamp(6, 40),
        };
        let steps: [fn(&mut Self); 10] = [
            |c| c.name = c.name.min(24),
            |c| c.years = 0,
            |c| c.unit = c.unit.min(12),
            |c| c.source = c.source.min(20),
            |c| c.unit = 0,
            |c| c.name = c.name.min(16),
            |c| c.source = c.source.min(14),
            |c| c.about = c.about.min(6),
            |c| c.latest = c.latest.min(14),
            |c| c.name = c.name.min(10),
        ];
        for step in steps {
            if c.total() <= inner {
                break;
            }
            step(&mut c);
        }
        // Room to spare goes to names cut short (most of them), sources
        // cut short (before figures: the count of a tie's other sources
        // should not give way to padding), figures, the longest names, then
        // subjects.
        let grow: [(Column, usize); 5] = [
            (|c| &mut c.name, needs.name.min(32)),
            (|c| &mut c.source, needs.source),
            (|c| &mut c.latest, needs.latest),
            (|c| &mut c.name, needs.name),
            (|c| &mut c.about, needs.about),
        ];
        for (column, need) in grow {
            let spare = inner.saturating_sub(c.total());
            let width = column(&mut c);
            *width += need.saturating_sub(*width).min(spare);
        }
        c.narrow_to(inner);
        c
    }

    /// Where the steps leave the columns wider than `inner` (a narrow
    /// screen with long figures and ids), the columns that can be cut give
    /// way (see `layout::give_way`); counts and times never give way
    /// (a time past its column's cap is cut to the cap).
    fn narrow_to(&mut self, inner: usize) {
        let excess = self.total().saturating_sub(inner);
        let cuttable = [
            &mut self.name,
            &mut self.unit,
            &mut self.about,
            &mut self.latest,
            &mut self.source,
        ];
        layout::give_way(cuttable, excess);
    }

    fn shown(&self) -> [usize; 8] {
        [
            self.name,
            self.unit,
            self.about,
            self.count,
            self.years,
            self.latest,
            self.when,
            self.source,
        ]
    }

    /// The marker, the columns shown and a gap before each.
    fn total(&self) -> usize {
        1 + self.shown().iter().filter(|&&w| w > 0).map(|w| w + 1).sum::<usize>()
    }
}

fn render_indicators(app: &App, frame: &mut Frame, area: Rect, selection: Selection) {
    let theme = app.theme;
    let model = app.model();
    let rows = &app.quantities().indicators;
    let focused = selection.focus == Focus::Outer;
    let most = rows.iter().map(|r| r.observations.len()).max().unwrap_or(0);
    let count_w = format::count(most).width() + 2;
    let c = Columns::fit(area.width.saturating_sub(2) as usize, &app.quantities().indicator_needs, count_w);
    let names = ["Indicator", "Unit", "About", "Obs", "Years", "Latest", "When", "Source"];
    let mut header = vec![""];
    let mut widths = vec![Constraint::Length(1)];
    for (name, width) in names.into_iter().zip(c.shown()) {
        if width > 0 {
            header.push(name);
            widths.push(Constraint::Length(width as u16));
        }
    }
    let table = ScrolledTable {
        title: format!(
            "Indicators · latest claim per quantity · ≠ contested (view {})",
            key_of_estimates(app)
        ),
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
        let indicator = row.indicator(app.model());
        let mark = if row.contested { "≠" } else { " " };
        let count = format::count(row.observations.len());
        let cells = [
            Cell::from(truncate(&indicator.name, c.name)),
            Cell::from(truncate(&indicator.unit, c.unit)).style(theme.dim()),
            Cell::from(truncate(row.about(model), c.about)).style(theme.accent()),
            Cell::from(format!("{count:>w$}{mark}", w = c.count - 2)),
            // Times are cut only past their columns' caps (a period to the day).
            Cell::from(truncate(&row.years_text(), c.years)),
            Cell::from(row.latest_figure_in(model, c.latest)).style(theme.figure()),
            Cell::from(truncate(&row.latest_when(model), c.when)),
            Cell::from(row.latest_source_in(model, c.source)).style(theme.dim()),
        ];
        let shown = cells.into_iter().zip(c.shown()).filter(|(_, w)| *w > 0).map(|(cell, _)| cell);
        Row::new(std::iter::once(Cell::from(focus_marker(selected, focused))).chain(shown))
    });
}

/// Widths of the observations' When, Figure and Source columns, and
/// whether the figures show their units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ObservationColumns {
    when: usize,
    figure: usize,
    source: usize,
    units: bool,
}

impl ObservationColumns {
    /// For a table `inner` columns wide whose times and figures on screen
    /// are at widest `when` and `figures` (with their units, and without):
    /// the times whole (a period cut reads as another), the figures with
    /// their units if they fit beside whole source ids, else without (the
    /// title gives the unit); ids give way last, down to 12 columns.
    fn fit(inner: usize, needs: &Needs, when: usize, figures: [usize; 2]) -> Self {
        let [with_units, bare] = figures.map(|w| w.max(6));
        // As wide as the times on screen, not the widest of any quantity:
        // a column of `1995` 18 wide cut the figure beside it to `about…`.
        let mut when = when.max(4);
        // Marker, source marker, when, figure, source: four gaps.
        let room = inner.saturating_sub(1 + 1 + when + 4);
        let ids = needs.observation_source.max(6);
        let units = with_units + ids <= room;
        let mut source = if units || bare + ids <= room {
            ids
        } else {
            room.saturating_sub(bare).clamp(12.min(ids), ids)
        };
        let mut figure = room.saturating_sub(source).max(4);
        // A narrow pane with periods to the day: the columns give way, as in
        // the list above, so that a cut cell keeps its `…`.
        let excess = (1 + 1 + when + figure + source + 4).saturating_sub(inner);
        layout::give_way([&mut when, &mut figure, &mut source], excess);
        Self {
            when,
            figure,
            source,
            units,
        }
    }
}

fn render_observations(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    row: &IndicatorRow,
    selection: Selection,
    chart_rows_short: u16,
) {
    let theme = app.theme;
    let model = app.model();
    let focused = selection.focus == Focus::Inner;
    let indicator = row.indicator(app.model());
    let needs = &app.quantities().indicator_needs;
    let inner = area.width.saturating_sub(2) as usize;
    let window = selection.inner.window(row.observations.len(), layout::table_rows(area).height as usize);
    let shown = &row.observations[window];
    let widest = |with_unit: bool| {
        let figure = |ix: RecordIx| figure_text(model.record(ix), format::Unit::of(indicator), with_unit);
        shown.iter().map(|&ix| figure(ix).width()).max().unwrap_or(0)
    };
    let c = ObservationColumns::fit(inner, needs, table::widest_when(model, shown), [widest(true), widest(false)]);
    // The source marker of each point of the chart.
    let slot_of = |ix: RecordIx| row.series(app.model(), app.filter()).slot_of(model.source_index(ix));

    let mut title = format!("{} · {} ({})", indicator.name, row.about(model), indicator.unit);
    if row.contested {
        title.push_str(&format!(" · ≠ compare in {}", key_of_estimates(app)));
    }
    let title = truncate(&title, area.width.saturating_sub(4 + 8) as usize);
    let table = ScrolledTable {
        title,
        header: vec!["", "", "When", "Figure", "Source"],
        widths: vec![
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(c.when as u16),
            Constraint::Length(c.figure as u16),
            Constraint::Length(c.source as u16),
        ],
        len: row.observations.len(),
        cursor: selection.inner,
        focused,
        theme,
        legend: chart_not_shown(chart_rows_short, area, selection.inner, row.observations.len(), theme),
    };
    table.render(frame, area, |i, selected| {
        let ix = row.observations[i];
        let record = model.record(ix);
        let approximate = model.time(ix).is_approximate();
        let glyph = match slot_of(ix) {
            Some(slot) if model.span_under(ix, app.filter()).is_some() => marker(slot, approximate).to_string(),
            _ => " ".to_owned(),
        };
        let figure = figure_text(record, format::Unit::of(indicator), c.units);
        Row::new([
            Cell::from(focus_marker(selected, focused)),
            Cell::from(glyph).style(slot_of(ix).map_or(theme.dim(), |s| theme.series(s))),
            Cell::from(truncate(&table::when(model, ix), c.when)),
            Cell::from(truncate_figure(&figure, c.figure)).style(theme.figure()),
            Cell::from(truncate(&record.source, c.source)).style(theme.dim()),
        ])
    });
}

/// An observation's figure as worded, with its unit or without.
fn figure_text(record: &Record, unit: format::Unit<'_>, with_unit: bool) -> String {
    let figure = if with_unit {
        format::figure_with_unit(record, unit)
    } else {
        format::figure(record)
    };
    figure.unwrap_or_default()
}

/// The selection marker: solid in the list that has the keys, hollow in the
/// other, so focus shows without colour.
fn focus_marker(selected: bool, focused: bool) -> &'static str {
    match (selected, focused) {
        (true, false) => "▷",
        _ => row_marker(selected),
    }
}

fn render_chart(app: &App, frame: &mut Frame, area: Rect, row: &IndicatorRow, selected: Option<RecordIx>) {
    let theme = app.theme;
    let indicator = row.indicator(app.model());
    let scale = if row.series(app.model(), app.filter()).scale.is_log() { ", log scale" } else { "" };
    let title = format!(
        " {} · {} · {}{scale} ",
        indicator.name,
        row.about(app.model()),
        indicator.unit
    );
    let points = format!(
        " {} of {} ",
        format::plural(row.series(app.model(), app.filter()).points.len(), "point"),
        format::plural(row.observations.len(), "observation")
    );
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::from(Span::styled(
            truncate(&title, area.width.saturating_sub(2) as usize),
            theme.accent(),
        )))
        .title_bottom(Line::styled(points, theme.dim()).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let chart = SeriesChart {
        series: row.series(app.model(), app.filter()),
        model: app.model(),
        selected,
        theme,
    };
    frame.render_widget(chart, inner);
}

fn render_empty(app: &App, frame: &mut Frame, body: Rect) {
    let theme = app.theme;
    let mut lines = vec![notice::headline("observations of an indicator", app.filter(), theme)];
    if !app.filter().is_empty() {
        lines.push(Line::raw(""));
        lines.push(notice::with_keys(
            &[
                "Widen the years with ",
                &keys::YEARS.label(0),
                ", or reset every filter with ",
                &keys::RESET.label(0),
                ".",
            ],
            theme,
        ));
    }
    notice::render(frame, body, "Indicators", lines, theme);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;
    use crate::tui::action::Action;
    use crate::tui::testing;

    fn app(width: u16, height: u16) -> App {
        app_with(Filter::default(), width, height)
    }

    proptest::proptest! {
        #![proptest_config(layout::column_cases())]

        /// The indicator table's columns fit any table from the smallest
        /// supported screen's up, whatever its cells' widths and the most
        /// observations a row has (up to billions).
        #[test]
        fn the_indicator_columns_fit_their_table(
            inner in usize::from(layout::MIN_WIDTH - 2)..=200,
            widths in proptest::array::uniform7(0..120usize),
            count in 3..=16usize,
        ) {
            let [name, unit, about, years, latest, when, source] = widths;
            let needs = Needs { name, unit, about, years, latest, when, source, ..Needs::default() };
            let c = Columns::fit(inner, &needs, count);
            let shown: Vec<usize> = c.shown().into_iter().filter(|&w| w > 0).collect();
            // The marker, the columns shown, a gap between each two.
            let total = 1 + shown.iter().sum::<usize>() + shown.len();
            proptest::prop_assert!(total <= inner, "{:?} in {}", c, inner);
        }

        /// The observations' columns fit the narrowest pane they get (44
        /// columns beside the chart) and any wider one, whatever the widths
        /// of their dates, figures and source ids.
        #[test]
        fn the_observation_columns_fit_their_table(
            inner in 42..=200usize,
            when in 0..60usize,
            source in 0..120usize,
            with_units in 0..120usize,
            bare in 0..80usize,
        ) {
            let needs = Needs { observation_source: source, ..Needs::default() };
            let c = ObservationColumns::fit(inner, &needs, when, [with_units, bare]);
            // The two markers and three columns, four gaps.
            let total = 1 + 1 + c.when + c.figure + c.source + 4;
            proptest::prop_assert!(total <= inner, "{:?} in {}", c, inner);
        }
    }

    #[test]
    fn the_when_column_is_as_wide_as_the_times_on_screen() {
        // Another quantity's `2015-07–2015-09` made the column 18 wide
        // for `1995`, and `about 1,200,000 lines` was cut to `about…`.
        let needs = Needs { observation_source: 12, ..Needs::default() };
        let c = ObservationColumns::fit(44, &needs, 4, [21, 15]);
        // 44 less the markers, `1995` and four gaps leave 34: 21 and 12.
        assert_eq!((c.when, c.figure, c.source, c.units), (4, 22, 12, true));
    }

    fn app_with(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on::<Indicators>(testing::fixture(), filter, width, height)
    }

    fn lines(app: &App) -> Vec<String> {
        testing::raw_lines(app)
    }

    fn cell(lines: &[String], x: u16, y: u16) -> char {
        lines[y as usize].chars().nth(x as usize).unwrap_or(' ')
    }

    /// The fixture's quantities in view: each indicator (in the dataset's
    /// order) about each subject it measures (in the entities' order).
    const ROWS: [(&str, &str); 9] = [
        ("examplenet-subscribers", "examplenet"),
        ("institute-staff", "sample-institute"),
        ("coverage-share", "northland"),
        ("coverage-share", "southland"),
        ("lines-per-100", "northland"),
        ("lines-per-100", "southland"),
        ("cable-length", "northland"),
        ("computers", "northland"),
        ("programmers", "northland"),
    ];

    /// A row of the table on screen: its marker column, then the name,
    /// then the subject.
    fn table_row(screen: &[String], name: &str, about: &str) -> String {
        let found = screen.iter().find(|l| {
            (l.starts_with(&format!("│▶ {name} ")) || l.starts_with(&format!("│  {name} ")))
                && l.contains(&format!(" {about} "))
        });
        found.cloned().unwrap_or_else(|| panic!("no row {name} · {about} in {screen:#?}"))
    }

    #[test]
    fn the_rows_are_each_indicator_about_each_subject_with_its_latest_claim() {
        let app = app(160, 48);
        let dataset = app.model().dataset();
        let rows: Vec<(&str, &str)> = app
            .quantities()
            .indicators
            .iter()
            .map(|row| {
                let subject = row.subject.map_or("", |e| dataset.entities[e].id.as_str());
                (dataset.indicators[row.indicator].id.as_str(), subject)
            })
            .collect();
        assert_eq!(rows, ROWS);
        let screen = lines(&app);
        // Eight subscriber counts, the latest 2012's; contested (three sources).
        let subscribers = table_row(&screen, "ExampleNet subscribers", "ExNet");
        for part in ["subscribers", "8≠", "2008–2012", "1,000,000", "2012", "gamma-yearbook"] {
            assert!(subscribers.contains(part), "{part}: {subscribers}");
        }
        // Staff: one dated claim of three, so 2005's 800 is the latest.
        let staff = table_row(&screen, "Institute staff", "SCI");
        assert!(staff.contains("3≠") && staff.contains("2005") && staff.contains("800"), "{staff}");
        // Each country's coverage on a row of its own: Northland's latest
        // is 2011's 60% (its other claim is undated), Southland's undated 95%.
        let north = table_row(&screen, "Population covered", "NL");
        assert!(north.contains(" 60 ") && north.contains("2011"), "{north}");
        let south = table_row(&screen, "Population covered", "SL");
        assert!(south.contains(" 95 ") && south.contains("undated") && south.contains("beta-blog"), "{south}");
        let computers = table_row(&screen, "Computers in use", "NL");
        assert!(computers.contains("undated") && computers.contains("up to 50,000"), "{computers}");
        // A vague amount is its words.
        let programmers = table_row(&screen, "Programmers", "NL");
        assert!(programmers.contains("thousands"), "{programmers}");
    }

    #[test]
    fn claims_that_tie_for_latest_say_how_many_more_there_are() {
        // In 2000-2010 the latest subscriber counts are 2010's: Alpha's, the
        // yearbook's and the survey's (placed at its date, c. 2010), in that order.
        let filter = Filter {
            from: Some(2000),
            to: Some(2010),
            ..Filter::default()
        };
        let app = app_with(filter, 160, 48);
        let row = &app.quantities().indicators[0];
        let ids: Vec<&str> = row.latest.iter().map(|&ix| app.model().record(ix).id.as_str()).collect();
        assert_eq!(ids, ["subscribers-2010", "subscribers-2010-gamma", "subscribers-delta"]);
        let subscribers = table_row(&lines(&app), "ExampleNet subscribers", "ExNet");
        assert!(subscribers.contains("more than 100,000"), "{subscribers}");
        assert!(subscribers.contains("alpha-review +2 more"), "{subscribers}");
    }

    #[test]
    fn the_unit_column_stays_at_120_columns_and_ids_stay_whole_at_200() {
        // Needs like the bundled data's: long names and units, a 32-column id.
        let needs = Needs {
            name: 41,
            unit: 41,
            about: 9,
            years: 9,
            latest: 38,
            when: 7,
            source: 32,
            ..Needs::default()
        };
        // 120 columns: a table 118 wide inside its border.
        let c = Columns::fit(118, &needs, 5);
        assert!(c.unit >= 12, "{c:?}");
        assert!(c.total() <= 118, "{c:?}");
        // 200 columns: nothing is cut.
        let c = Columns::fit(198, &needs, 5);
        assert_eq!((c.source, c.unit, c.years), (32, 22, 9), "{c:?}");
        // 80 columns: the unit goes (the chart and observations give it).
        let c = Columns::fit(78, &needs, 5);
        assert_eq!(c.unit, 0, "{c:?}");
        assert!(c.total() <= 78 && c.name >= 16, "{c:?}");
        let header = lines(&app(120, 36))[4].clone();
        assert!(header.contains("Unit") && header.contains("Years"), "{header}");
    }

    #[test]
    fn a_source_cut_to_fit_gets_back_the_room_left_over() {
        // One short row with a long source id, as `i connections` gives at
        // 80 columns: the unit and years go, then 7 columns are spare.
        let needs = Needs {
            name: 18,
            unit: 11,
            about: 4,
            years: 7,
            latest: 9,
            when: 7,
            source: 21,
            ..Needs::default()
        };
        let c = Columns::fit(78, &needs, 5);
        assert_eq!((c.unit, c.years, c.source), (0, 0, 21), "{c:?}");
        assert_eq!(c.total(), 72, "{c:?}");
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
            assert_eq!(observations.len, 8, "the eight subscriber counts");
            assert_eq!(app.focused_list(), observations);
            assert!(observations.rows.height > 0, "{width}x{height}: the observations are shown");
            let inner = app.selection_of::<Indicators>().inner;
            assert_eq!(inner.selected, 3);
            let screen = lines(&app);
            let y = observations.rows.y + (inner.selected - inner.offset) as u16;
            assert_eq!(cell(&screen, observations.rows.x, y), '▶', "{width}x{height}");
            // Where the table is still shown, it keeps its selection, hollow.
            let table = Indicators.list(&app, app.body()).rows;
            if table.height > 0 {
                assert_eq!(cell(&screen, table.x, table.y), '▷', "{width}x{height}");
            }
            // The fourth observation in view order: the yearbook's 2010 count.
            let record = app.model().record(app.selected_record().expect("an observation"));
            assert_eq!(record.id, "subscribers-2010-gamma");
            // A resize keeps the selected observation on screen.
            app.update(Action::Resize(width, height + 1));
            let rows = Indicators.inner_list(&app, app.body()).expect("an inner list").rows;
            let inner = app.selection_of::<Indicators>().inner;
            assert!(inner.selected - inner.offset < rows.height as usize);
            // Left gives the keys back to the table, which shows again.
            app.update(Action::Across(-1));
            assert_eq!(app.focus(), Focus::Outer);
            assert!(Indicators.list(&app, app.body()).rows.height > 0, "{width}x{height}");
        }
    }

    #[test]
    fn at_80_columns_the_observations_take_the_tables_place_above_the_chart() {
        let mut app = app(80, 24);
        let screen = lines(&app).join("\n");
        assert!(screen.contains("ExampleNet subscribers · ExNet · subscribers, log scale"), "{screen}");
        app.update(Action::Across(1));
        let screen = lines(&app).join("\n");
        assert!(!screen.contains("Indicators · latest claim"), "{screen}");
        assert!(screen.contains("When") && screen.contains("c. 2010"), "{screen}");
        assert!(screen.contains("subscribers, log scale"), "the chart stays: {screen}");
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
    fn a_series_is_charted_with_every_sources_points_told_apart() {
        // 1,000 to 1,000,000 subscribers from 2008 to 2012, from three
        // sources: the yearbook (five points: ●), Alpha (two: ■), the
        // survey (one, placed at its date c. 2010: hollow △).
        for (width, height) in [(80, 24), (160, 48)] {
            let screen = lines(&app(width, height)).join("\n");
            assert!(screen.contains("subscribers, log scale"), "{screen}");
            assert!(screen.contains("8 points of 8 observations"), "{screen}");
            for label in ["1k", "100k", "10M", "2008", "2010", "2012"] {
                assert!(screen.contains(label), "{label}: {screen}");
            }
            for legend in ["● gamma-yearbook", "■ alpha-review", "△ delta-survey", "┬│┴ range", "┊ bounds"] {
                assert!(screen.contains(legend), "{legend} at {width}x{height}: {screen}");
            }
        }
        // The selected observation's point stands out (reversed), without
        // colour: the survey's, hollow, alone in its cell.
        let mut app = app(80, 24);
        app.update(Action::Across(1));
        app.update(Action::Move(4));
        let buffer = testing::buffer(&app);
        let reversed: Vec<&str> = buffer
            .content()
            .iter()
            .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
            .map(|c| c.symbol())
            .collect();
        assert!(reversed.contains(&"△"), "{reversed:?}");
        // Institute staff has one dated claim: no series, no chart.
        let mut app = self::app(160, 48);
        app.update(Action::Move(1));
        assert!(!lines(&app).join("\n").contains("log scale"));
    }
}
