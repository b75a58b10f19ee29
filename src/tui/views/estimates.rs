//! The contested quantities side by side: every claim of an indicator whose
//! sources disagree (or that is given as a range), one row each, with a bar
//! on a logarithmic axis so that a spread of orders of magnitude shows at a
//! glance. Nothing is averaged: each claim keeps its own words and source.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};
use unicode_width::UnicodeWidthStr;

use crate::data::Indicator;
use crate::model::{Model, RecordIx, format};
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::views::ViewKind;
use crate::tui::widgets::logscale::{self, LogAxis};
use crate::tui::widgets::table::{ScrolledTable, marker};
use crate::tui::widgets::text::{fit, truncate};
use crate::tui::widgets::{detail, notice};

pub const KEYS: &[(&str, &str)] = &[("Enter", "detail"), ("y", "copy")];

/// From this width the selected claim's detail sits beside the list.
const SIDE_PANEL_WIDTH: u16 = 120;
/// Columns the bars would like; below it the text columns give way.
const BAR_WANT: usize = 26;
const BAR_MIN: usize = 8;
/// Below this the name and source columns shrink too.
const BAR_NARROW: usize = 16;

/// The list, and the detail panel beside it on wide screens. The list keeps
/// most of the width: the bars need it more than the detail does.
fn split(body: Rect) -> (Rect, Option<Rect>) {
    if body.width < SIDE_PANEL_WIDTH {
        return (body, None);
    }
    let side = (body.width * 36 / 100).clamp(44, 64);
    let [list, side] = Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]).areas(body);
    (list, Some(side))
}

pub fn list_area(body: Rect) -> Rect {
    layout::table_rows(split(body).0)
}

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

/// What the claims' text needs, to share `inner` columns among the columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// Per group, the widest figure with its unit and the widest without.
    figures: Vec<(usize, usize)>,
    /// How many indicators the claims belong to.
    groups: usize,
    source: usize,
    when: usize,
    about: usize,
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

/// What the claims need of the columns, from every claim so that columns
/// stay put while scrolling. Worked out once per filter change (it reads
/// every claim), not per frame.
pub fn needs(model: &Model, groups: usize, claims: &[(usize, RecordIx)]) -> Needs {
    let unit_of = |ix: RecordIx| model.indicator_of(ix).map_or("", |i| i.unit.as_str());
    let mut figures = vec![(0, 0); groups];
    for &(g, ix) in claims {
        let record = model.record(ix);
        // One formatting per claim: this runs over every claim in view.
        let bare = format::figure(record).map_or(0, |f| f.width());
        let unit = unit_of(ix);
        let full = if bare == 0 {
            0
        } else {
            bare + format::unit_suffix(unit).width()
        };
        figures[g] = (figures[g].0.max(full), figures[g].1.max(bare));
    }
    Needs {
        figures,
        groups: distinct_groups(claims),
        source: claims
            .iter()
            .map(|&(_, ix)| model.record(ix).source.width())
            .max()
            .unwrap_or(0),
        // No When column when every claim is undated: it would say nothing.
        when: claims
            .iter()
            .filter(|&&(_, ix)| model.span(ix).is_some())
            .map(|&(_, ix)| format::when(model.record(ix)).width())
            .max()
            .unwrap_or(0),
        about: if groups_mix_entities(model, claims) {
            claims
                .iter()
                .map(|&(_, ix)| about_width(model, ix))
                .max()
                .unwrap_or(0)
                .max(5)
        } else {
            0
        },
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = split(body);
    let claims = &app.derived.estimates;
    if claims.is_empty() {
        render_empty(app, frame, body);
        return;
    }
    let model = &app.model;
    let theme = app.theme;
    let cursor = app.cursor(ViewKind::Estimates);
    let selected = cursor.selected.min(claims.len() - 1);
    let unit_of = |ix: RecordIx| model.indicator_of(ix).map_or("", |i| i.unit.as_str());
    let inner = list.width.saturating_sub(2) as usize;
    let cols = columns(inner, &app.derived.estimate_needs);

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
                "Contested: {} quantities, {} claims · log axis for {}",
                app.derived.estimate_needs.groups,
                claims.len(),
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
        let figure = if app.derived.estimate_needs.figures[g].0 <= cols.figure {
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

    if let (Some(side), Some(ix)) = (side, app.selected_record()) {
        detail::render_panel(app, frame, side, ix, 0);
    }
}

/// The claims `claims[start..end]` of one group (they are contiguous).
fn group_bounds(claims: &[(usize, RecordIx)], group: usize) -> (usize, usize) {
    (
        claims.partition_point(|&(g, _)| g < group),
        claims.partition_point(|&(g, _)| g <= group),
    )
}

fn distinct_groups(claims: &[(usize, RecordIx)]) -> usize {
    claims.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!claims.is_empty())
}

fn indicator(app: &App, group: usize) -> &Indicator {
    &app.model.dataset().indicators[app.derived.indicators[group].indicator]
}

/// Who or what a claim is about: its entities' shortest names.
fn about(model: &Model, ix: RecordIx) -> String {
    model
        .entities_of(ix)
        .map(format::short_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when some indicator's claims are about different entities.
fn groups_mix_entities(model: &Model, claims: &[(usize, RecordIx)]) -> bool {
    claims.chunk_by(|a, b| a.0 == b.0).any(|group| {
        let first = &model.record(group[0].1).entities;
        group.iter().any(|&(_, ix)| &model.record(ix).entities != first)
    })
}

/// The width of `about(model, ix)`, without building it.
fn about_width(model: &Model, ix: RecordIx) -> usize {
    let names = model.entities_of(ix).map(|e| format::short_name(e).width());
    names.fold((0, 0), |(width, count), w| (width + w, count + 1)).0
        + 2 * model.record(ix).entities.len().saturating_sub(1)
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
fn bar_line(record: &crate::data::Record, axis: &LogAxis, width: usize, theme: Theme) -> Line<'static> {
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
        notice::headline("contested quantities", &app.filter, theme),
        Line::raw(""),
        Line::raw(format!(
            "A quantity is contested when two sources give it or one gives it as a range; \
             none of the {} records in view does.",
            app.derived.view.len()
        )),
        Line::raw(""),
    ];
    if app.filter.has_year_range() {
        lines.push(notice::with_keys(
            &[
                "Widen the years with ",
                "t",
                " (or ",
                "[ ] { }",
                "), or reset every filter with ",
                "r",
                ".",
            ],
            theme,
        ));
        if !app.filter.include_undated {
            lines.push(Line::styled(
                "Most figures are undated (they hold as of their source) and a year range leaves them out.",
                theme.dim(),
            ));
        }
    } else {
        lines.push(notice::with_keys(
            &["Reset the filters with ", "r", " to see every contested quantity."],
            theme,
        ));
    }
    notice::render(frame, body, "Contested", lines, theme);
}

#[cfg(test)]
mod tests {
    use crate::tui::testing;

    use super::*;
    use crate::model::Filter;

    use crate::tui::action::Action;

    fn app(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on(ViewKind::Estimates, testing::embedded(), filter, width, height)
    }

    fn screen(app: &App) -> Vec<Vec<String>> {
        testing::cells(app)
    }

    fn text(row: &[String]) -> String {
        row.concat()
    }

    fn rows_area(app: &App) -> Rect {
        list_area(layout::screen(app.area).body)
    }

    #[test]
    fn rows_are_drawn_where_list_area_says_and_clicks_select_them() {
        for (width, height) in [(60, 15), (80, 24), (120, 30), (160, 48)] {
            let mut app = app(Filter::default(), width, height);
            app.update(Action::Move(9));
            let area = rows_area(&app);
            let cursor = app.cursor(ViewKind::Estimates);
            let cells = screen(&app);
            let y = area.y + (cursor.selected - cursor.offset) as u16;
            assert_eq!(cells[y as usize][area.x as usize], "▶", "{width}x{height}");
            // Each drawn row shows its claim's source (as far as it fits).
            for (k, i) in cursor
                .window(app.derived.estimates.len(), area.height as usize)
                .enumerate()
            {
                let source = &app.model.record(app.derived.estimates[i].1).source;
                let line = text(&cells[area.y as usize + k]);
                assert!(line.contains(&source[..5]), "{width}x{height} row {k}: {line}");
            }
            app.update(Action::Click(area.x + 3, area.y + 1));
            assert_eq!(app.cursor(ViewKind::Estimates).selected, cursor.offset + 1);
        }
    }

    #[test]
    fn the_it_workforce_claims_sit_on_one_log_axis_with_ticks_above() {
        // The workforce's sub-groups filed with its size: 60 to 100,000.
        let mut dataset = testing::embedded();
        for r in &mut dataset.records {
            if matches!(
                r.indicator.as_deref(),
                Some("it-workforce-skilled" | "it-workforce-international")
            ) {
                r.indicator = Some("it-workforce".into());
            }
        }
        let app = testing::app_on(ViewKind::Estimates, dataset, Filter::default(), 80, 24);
        let cells = screen(&app);
        let area = rows_area(&app);
        let header = text(&cells[area.y as usize - 1]);
        let ticks: Vec<&str> = header
            .split_whitespace()
            .filter(|w| w.ends_with('k') || w.starts_with("10"))
            .collect();
        assert!(
            ticks.windows(5).any(|w| w == ["10", "100", "1k", "10k", "100k"]),
            "{header}"
        );
        // Where each bar ends: further right for a larger figure.
        let end_of = |figure: &str| {
            let (k, _) = app
                .derived
                .estimates
                .iter()
                .enumerate()
                .find(|(_, (_, ix))| format::figure(app.model.record(*ix)).as_deref() == Some(figure))
                .expect("the claim is in the list");
            let row = &cells[area.y as usize + k];
            row.iter()
                .rposition(|c| [logscale::APPROX, logscale::EXACT].iter().any(|g| c == &g.to_string()))
                .expect("the bar has an end")
        };
        let ends = ["about 60", "1,000", "about 10,000", "about 100,000"].map(end_of);
        assert!(ends.windows(2).all(|w| w[0] < w[1]), "{ends:?}");
        // Equal ratios, equal distances: 1,000 → 100,000 is twice 1,000 → 10,000.
        let (a, b, c) = (ends[1] as f64, ends[2] as f64, ends[3] as f64);
        assert!(((c - a) - 2.0 * (b - a)).abs() <= 1.0, "{ends:?}");
    }

    #[test]
    fn an_uncontested_view_says_so_and_how_to_widen_it() {
        let app = app(
            Filter {
                from: Some(1990),
                to: Some(2002),
                own_dates_only: true,
                ..Default::default()
            },
            80,
            24,
        );
        assert!(app.derived.estimates.is_empty());
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
