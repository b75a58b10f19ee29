//! The contested quantities side by side: every claim of an indicator whose
//! sources disagree (or that is given as a range), one row each, with a bar
//! on a logarithmic axis so that a spread of orders of magnitude shows at a
//! glance. Nothing is averaged: each claim keeps its own words and source.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};
use unicode_width::UnicodeWidthStr;

use super::timeline::RECORD_KEYS;
use crate::data::{Indicator, Record};
use crate::model::{RecordIx, format};
use crate::tui::app::{App, List, View};
use crate::tui::derived::estimates::{Needs, about};
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::{fit, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::logscale::{self, LogAxis};
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::{detail, notice};

pub struct Estimates;

impl View for Estimates {
    fn title(&self) -> &'static str {
        "Estimates"
    }

    fn keys(&self) -> &'static [Hint] {
        RECORD_KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: app.derived().estimates.len(),
            rows: layout::table_rows(layout::beside(body, layout::ESTIMATES).0),
        }
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        let at = app.selection_of::<Self>().outer.selected;
        app.derived().estimates.get(at).map(|&(_, ix)| ix)
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

/// Columns the bars would like; below it the text columns give way.
const BAR_WANT: usize = 26;
const BAR_MIN: usize = 8;
/// Below this the name and source columns shrink too.
const BAR_NARROW: usize = 16;

/// Column widths of the list, worked out from what the claims need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    name: usize,
    figure: usize,
    bar: usize,
    about: usize,
    source: usize,
    when: usize,
}

impl Columns {
    fn widths(self) -> Vec<Constraint> {
        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(self.name as u16),
            Constraint::Length(self.figure as u16),
            Constraint::Length(self.bar as u16),
        ];
        if self.about > 0 {
            widths.push(Constraint::Length(self.about as u16));
        }
        widths.push(Constraint::Length(self.source as u16));
        if self.when > 0 {
            widths.push(Constraint::Length(self.when as u16));
        }
        widths
    }
}

/// Source ids are cut to this (the detail shows them whole).
const SOURCE_MAX: usize = 19;
/// The indicator column: its name wraps over the group's rows.
const NAME: usize = 13;

fn columns(inner: usize, needs: &Needs) -> Columns {
    let mut c = Columns {
        name: NAME,
        figure: 0,
        bar: 0,
        about: 0,
        source: needs.source.clamp(6, SOURCE_MAX),
        when: if needs.when == 0 { 0 } else { needs.when.max(7) },
    };
    // Marker, name, figure, bar, source, when: five gaps between six columns.
    let text = |c: &Columns| 1 + c.name + c.figure + c.source + c.when + 4 + usize::from(c.when > 0);
    // A figure is never cut: a group whose figures do not all fit with
    // their units shows them without (the name column gives the unit).
    let bare = needs.figures.iter().map(|f| f.1).max().unwrap_or(0).max(6);
    c.figure = bare;
    if text(&c) + BAR_WANT > inner {
        c.source = c.source.min(12);
    }
    if text(&c) + BAR_NARROW > inner {
        c.name = 9;
        c.source = c.source.min(8);
    }
    // What is left above BAR_WANT lets groups keep their units.
    let for_figure = inner.saturating_sub(text(&c) - c.figure + BAR_WANT);
    c.figure = needs
        .figures
        .iter()
        .map(|&(full, bare)| if full <= for_figure { full } else { bare })
        .max()
        .unwrap_or(0)
        .max(bare);
    // On the narrowest screens the figure gives way last, to keep a bar.
    c.figure = c.figure.min(inner.saturating_sub(text(&c) - c.figure + BAR_MIN)).max(1);
    c.bar = inner.saturating_sub(text(&c)).max(1);
    // Where one quantity is claimed for different organisations (staff
    // counts), say who each claim is about, before the bar gets wide.
    if needs.about > 0 {
        let want = needs.about.min(24);
        // Wide lists pay for it from what the bar has beyond its wish...
        let mut about = want.min(c.bar.saturating_sub(BAR_WANT + 1));
        if about < 8 {
            // ...narrow ones with a short column, from the source id (the
            // detail shows it whole) and the bar.
            let from_source = c.source.saturating_sub(8);
            c.source -= from_source;
            c.bar += from_source;
            about = want.min(10).min(c.bar.saturating_sub(BAR_NARROW + 1));
        }
        if about >= 5 {
            c.about = about;
            c.bar -= about + 1;
        }
    }
    c
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::beside(body, layout::ESTIMATES);
    let derived = app.derived();
    let claims = &derived.estimates;
    if claims.is_empty() {
        render_empty(app, frame, body);
        return;
    }
    let model = app.model();
    let theme = app.theme;
    let cursor = app.selection_of::<Estimates>().outer;
    let selected = cursor.selected.min(claims.len() - 1);
    let unit_of = |ix: RecordIx| model.indicator_of(ix).map_or("", |i| i.unit.as_str());
    let inner = list.width.saturating_sub(2) as usize;
    let cols = columns(inner, &derived.estimate_needs);

    // One axis, fitted to the selected claim's indicator: every bar on the
    // screen is drawn on the axis whose ticks head the column.
    let group = claims[selected].0;
    let (start, end) = group_bounds(claims, group);
    let axis_columns = cols.bar.saturating_sub(3).max(2);
    let axis = LogAxis::fit(
        claims[start..end]
            .iter()
            .flat_map(|&(_, ix)| logscale::claim_values(model.record(ix))),
        axis_columns,
    )
    .unwrap_or(LogAxis {
        lo: 0,
        hi: 1,
        columns: axis_columns,
    });
    let axis_indicator = indicator(app, group);

    let figure_label = if cols.figure >= 16 {
        "Figure as worded"
    } else {
        "Figure"
    };
    let ticks = axis.tick_labels(cols.bar);
    let mut header = vec!["", "Indicator", figure_label, ticks.as_str()];
    if cols.about > 0 {
        header.push("About");
    }
    header.push("Source");
    if cols.when > 0 {
        header.push("When");
    }
    let title = fitted_title(
        &[
            format!(
                "Contested: {}, {} · log axis for {}",
                format::plural(derived.estimate_needs.groups, "quantity"),
                format::plural(claims.len(), "claim"),
                axis_indicator.name
            ),
            format!("Contested · log axis for {}", axis_indicator.name),
            "Contested".to_owned(),
        ],
        list.width.saturating_sub(6) as usize,
    );
    let position = format!(" {}/{} ", selected + 1, claims.len());
    let legend_room = (list.width as usize).saturating_sub(position.width() + 4);
    let table = ScrolledTable {
        title,
        header,
        widths: cols.widths(),
        len: claims.len(),
        cursor,
        focused: true,
        theme,
        legend: Some(legend(legend_room, theme)),
    };
    table.render(frame, list, |i, selected| {
        let (g, ix) = claims[i];
        let record = model.record(ix);
        let (first, last) = group_bounds(claims, g);
        // A group shows its figures with their units only if all of them fit.
        let figure = if derived.estimate_needs.figures[g].0 <= cols.figure {
            format::figure_with_unit(record, unit_of(ix))
        } else {
            format::figure(record)
        };
        let figure = figure.unwrap_or_default();
        let mut cells = vec![
            Cell::from(marker(selected)),
            Cell::from(name_cell(app, g, i - first, last - first, cols.name)),
            Cell::from(truncate(&figure, cols.figure)).style(theme.figure()),
            Cell::from(bar_line(record, &axis, cols.bar, theme)),
        ];
        if cols.about > 0 {
            cells.push(Cell::from(truncate(&about(model, ix), cols.about)));
        }
        cells.push(Cell::from(truncate(&record.source, cols.source)).style(theme.dim()));
        if cols.when > 0 {
            cells.push(Cell::from(format::when(record)));
        }
        Row::new(cells)
    });

    if let (Some(side), Some(ix)) = (side, Estimates.selected_record(app)) {
        detail::render_panel(frame, side, model, ix, theme);
    }
}

/// The claims `claims[start..end]` of one group (they are contiguous).
fn group_bounds(claims: &[(usize, RecordIx)], group: usize) -> (usize, usize) {
    (
        claims.partition_point(|&(g, _)| g < group),
        claims.partition_point(|&(g, _)| g <= group),
    )
}

fn indicator(app: &App, group: usize) -> &Indicator {
    &app.model().dataset().indicators[app.derived().indicators[group].indicator]
}

/// The indicator column: a bracket that groups the claims without colour
/// (`┌ │ └`, or `╶` for a lone claim), the name on the first row, wrapped
/// over the next rows, then the unit.
fn name_cell(app: &App, group: usize, k: usize, n: usize, width: usize) -> Line<'static> {
    let theme = app.theme;
    let indicator = indicator(app, group);
    let text_width = width.saturating_sub(1);
    if n == 1 {
        return Line::from(vec![
            Span::raw("╶"),
            Span::styled(truncate(&indicator.name, text_width), theme.accent()),
        ]);
    }
    let bracket = match k {
        0 => "┌",
        k if k + 1 == n => "└",
        _ => "│",
    };
    let mut lines = wrap(&indicator.name, text_width);
    let unit = format!("({})", indicator.unit);
    if unit.width() <= text_width {
        lines.push(unit);
    }
    let text = lines.get(k).cloned().unwrap_or_default();
    let style = if k == 0 { theme.accent() } else { theme.dim() };
    Line::from(vec![Span::raw(bracket), Span::styled(text, style)])
}

/// Words packed into lines of at most `width` columns (a long word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| truncate(&l, width)).collect()
}

/// A claim's bar, `width` columns: the bar in the figure style, ticks dim.
fn bar_line(record: &Record, axis: &LogAxis, width: usize, theme: Theme) -> Line<'static> {
    let Some(cells) = logscale::bar(record, axis) else {
        return Line::styled(fit("no figure", width), theme.dim());
    };
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_is_tick = false;
    for c in cells.into_iter().chain(std::iter::repeat(' ')).take(width) {
        let is_tick = c == logscale::TICK || c == ' ';
        if is_tick != run_is_tick && !run.is_empty() {
            let style = if run_is_tick { theme.dim() } else { theme.figure() };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_is_tick = is_tick;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_is_tick { theme.dim() } else { theme.figure() };
        spans.push(Span::styled(run, style));
    }
    Line::from(spans)
}

/// The glyph legend for the bottom border: all of it if it fits, else as
/// much as fits, closer together.
fn legend(room: usize, theme: Theme) -> Line<'static> {
    let all = logscale::LEGEND;
    let tries = std::iter::once((all.len(), "  ")).chain((1..=all.len()).rev().map(|n| (n, " ")));
    for (n, sep) in tries {
        let items = &all[..n];
        let width: usize = items
            .iter()
            .map(|(glyph, what)| glyph.width() + 1 + what.width())
            .sum::<usize>()
            + sep.len() * (n - 1);
        if width + 2 > room {
            continue;
        }
        let mut spans = vec![Span::raw(" ")];
        for (i, (glyph, what)) in items.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(sep));
            }
            spans.push(Span::styled(*glyph, theme.figure()));
            spans.push(Span::styled(format!(" {what}"), theme.dim()));
        }
        spans.push(Span::raw(" "));
        return Line::from(spans);
    }
    Line::raw("")
}

/// The first title that fits in `room` columns, else the last one cut.
fn fitted_title(candidates: &[String], room: usize) -> String {
    candidates
        .iter()
        .find(|t| t.width() <= room)
        .cloned()
        .unwrap_or_else(|| truncate(candidates.last().map_or("", String::as_str), room))
}

/// Nothing contested in view: say so, and how to widen the view.
fn render_empty(app: &App, frame: &mut Frame, body: Rect) {
    let theme = app.theme;
    let mut lines = vec![
        notice::headline("contested quantities", app.filter(), theme),
        Line::raw(""),
        Line::raw(format!(
            "A quantity is contested when two sources give it or one gives it as a range; \
             none of the {} records in view does.",
            app.derived().view.len()
        )),
        Line::raw(""),
    ];
    if app.filter().has_year_range() {
        let shift = Hint {
            rows: &[keys::SHIFT_FROM, keys::SHIFT_TO],
            does: "",
        };
        let (years, shift, reset) = (keys::YEARS.label(0), shift.label(0), keys::RESET.label(0));
        lines.push(notice::with_keys(
            &[
                "Widen the years with ",
                &years,
                " (or ",
                &shift,
                "), or reset every filter with ",
                &reset,
                ".",
            ],
            theme,
        ));
        if !app.filter().include_undated {
            lines.push(Line::styled(
                "Most figures are undated (they hold as of their source) and a year range leaves them out.",
                theme.dim(),
            ));
        }
    } else {
        let reset = keys::RESET.label(0);
        lines.push(notice::with_keys(
            &["Reset the filters with ", &reset, " to see every contested quantity."],
            theme,
        ));
    }
    notice::render(frame, body, "Contested", lines, theme);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Filter;
    use crate::tui::action::Action;
    use crate::tui::testing;

    fn app(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on::<Estimates>(testing::fixture(), filter, width, height)
    }

    fn screen(app: &App) -> Vec<Vec<String>> {
        testing::cells(app)
    }

    fn text(row: &[String]) -> String {
        row.concat()
    }

    fn rows_area(app: &App) -> Rect {
        Estimates.list(app, app.body()).rows
    }

    /// The fixture's contested claims, grouped as listed: subscribers from
    /// two sources, institute staff from two, coverage from two.
    const CLAIMS: [&str; 11] = [
        "subscribers-2008",
        "subscribers-2009",
        "subscribers-2010",
        "subscribers-2011",
        "subscribers-2012",
        "staff-2005",
        "staff-about-500",
        "staff-over-2000",
        "coverage-2011",
        "coverage-undated",
        "coverage-southland",
    ];

    #[test]
    fn every_claim_of_a_contested_quantity_has_a_row() {
        let app = app(Filter::default(), 80, 24);
        let ids: Vec<&str> = app
            .derived()
            .estimates
            .iter()
            .map(|&(_, ix)| app.model().record(ix).id.as_str())
            .collect();
        assert_eq!(ids, CLAIMS);
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        assert!(
            lines[3].contains("Contested: 3 quantities, 11 claims · log axis for ExampleNet subscribers"),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn rows_are_drawn_where_the_list_says_and_clicks_select_them() {
        for (width, height) in [(60, 15), (80, 24), (120, 30), (160, 48)] {
            let mut app = app(Filter::default(), width, height);
            app.update(Action::Move(9));
            let area = rows_area(&app);
            let cursor = app.cursor(app.tab());
            let cells = screen(&app);
            let y = area.y + (cursor.selected - cursor.offset) as u16;
            assert_eq!(cells[y as usize][area.x as usize], "▶", "{width}x{height}");
            // Each drawn row shows its claim's source (as far as it fits).
            for (k, i) in cursor.window(CLAIMS.len(), area.height as usize).enumerate() {
                let ix = app.derived().estimates[i].1;
                let source = &app.model().record(ix).source;
                let line = text(&cells[area.y as usize + k]);
                assert!(line.contains(&source[..5]), "{width}x{height} row {k}: {line}");
            }
            app.update(Action::Click(area.x + 3, area.y + 1));
            assert_eq!(app.cursor(app.tab()).selected, cursor.offset + 1);
        }
    }

    #[test]
    fn the_subscriber_counts_sit_on_one_log_axis_with_ticks_above() {
        let app = app(Filter::default(), 80, 24);
        let cells = screen(&app);
        let area = rows_area(&app);
        let header = text(&cells[area.y as usize - 1]);
        let ticks: Vec<&str> = header
            .split_whitespace()
            .filter(|w| w.ends_with('k') || w.ends_with('M'))
            .collect();
        assert_eq!(ticks, ["1k", "10k", "100k", "1M"], "{header}");
        // Where each bar ends: 1,000 exactly, about 10,000, more than
        // 100,000, 1,000,000 exactly: the first four rows but the range.
        let end = |row: usize, glyph: char| {
            cells[area.y as usize + row]
                .iter()
                .rposition(|c| c == &glyph.to_string())
                .unwrap_or_else(|| panic!("row {row} ends in {glyph}"))
        };
        let ends = [
            end(0, logscale::EXACT),
            end(1, logscale::APPROX),
            end(2, logscale::AT_LEAST),
            end(4, logscale::EXACT),
        ];
        // Equal ratios, equal distances: each is ten times the one before.
        let steps: Vec<usize> = ends.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(steps.iter().all(|&s| s > 0 && s.abs_diff(steps[0]) <= 1), "{ends:?}");
        // The range spans its bounds: 200,000 to 300,000, between 100k and 1M.
        let range = text(&cells[area.y as usize + 3]);
        assert!(range.contains(logscale::RANGE_LOW) && range.contains(logscale::RANGE_HIGH), "{range}");
    }

    #[test]
    fn claims_about_different_entities_say_whom_they_are_about() {
        let app = app(Filter::default(), 160, 48);
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        let southland = lines.iter().find(|l| l.contains("95%")).expect("the Southland claim");
        assert!(southland.contains("SL"), "{southland}");
        let northland = lines.iter().find(|l| l.contains("about 45.5%")).expect("a Northland claim");
        assert!(northland.contains("NL"), "{northland}");
    }

    #[test]
    fn an_uncontested_view_says_so_and_how_to_widen_it() {
        let app = app(
            Filter {
                from: Some(1990),
                to: Some(2002),
                ..Default::default()
            },
            80,
            24,
        );
        assert!(app.derived().estimates.is_empty());
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("No contested quantities in 1990-2002."))
        );
        assert!(lines.iter().any(|l| l.contains("Widen the years with t")));
    }

    #[test]
    fn columns_never_overflow_the_list() {
        let needs = Needs {
            figures: vec![(20, 13), (22, 15), (31, 19)],
            groups: 3,
            source: 25,
            when: 7,
            about: 40,
        };
        for inner in 40..240 {
            let c = columns(inner, &needs);
            let gaps = 4 + usize::from(c.about > 0) + usize::from(c.when > 0);
            let total = 1 + c.name + c.figure + c.bar + c.about + c.source + c.when + gaps;
            assert!(total <= inner.max(58), "{inner}: {c:?} takes {total}");
            if inner >= 58 {
                assert!(c.figure >= 19, "{inner}: figures are never cut ({c:?})");
                assert!(c.bar >= BAR_MIN, "{inner}: {c:?}");
            }
        }
    }
}
