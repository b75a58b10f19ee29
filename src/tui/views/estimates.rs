//! The contested quantities side by side: every claim of an indicator about
//! one subject whose sources disagree (or that is given as a range), under a
//! heading naming the quantity, what it is about, its unit and the ticks of
//! its own logarithmic axis, one row a claim with its bar on that axis, so
//! that a spread of orders of magnitude shows at a glance. Nothing is
//! averaged: each claim keeps its own words, source and time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row};
use unicode_width::UnicodeWidthStr;

use super::records::Records;
use crate::data::Record;
use crate::model::{RecordIx, format};
use crate::tui::action::{Action, Drill};
use crate::tui::app::{App, List, View};
use crate::tui::derived::claims::claim_figure;
use crate::tui::derived::estimates::{Item, Needs};
use crate::tui::derived::indicators::IndicatorRow;
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::{fit, shown_lines, truncate, truncate_figure};
use crate::tui::theme::Theme;
use crate::tui::widgets::logscale::{self, LogAxis};
use crate::tui::widgets::table::{self, ScrolledTable, marker};
use crate::tui::widgets::{detail, notice};

pub struct Estimates;

const KEYS: &[Hint] = &[
    Hint {
        rows: &[keys::OPEN],
        does: "detail / claims in Records",
    },
    Hint {
        rows: &[keys::COPY],
        does: "copy",
    },
];

impl View for Estimates {
    fn title(&self) -> &'static str {
        "Estimates"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: app.contests().estimates.len(),
            rows: layout::table_rows(layout::beside(body, layout::ESTIMATES).0),
        }
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        selected_item(app)?.record()
    }

    /// On a quantity's heading, Enter lists its claims in Records.
    fn open(&self, app: &App) -> Option<Action> {
        let Item::Group(g) = selected_item(app)? else {
            return None;
        };
        let row = &app.quantities().indicators[g];
        Some(Action::Drill {
            drill: Drill::Quantity {
                indicator: row.indicator,
                subject: row.subject,
            },
            show: app.position_of::<Records>(),
        })
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

fn selected_item(app: &App) -> Option<Item> {
    let at = app.selection_of::<Estimates>().outer.selected;
    app.contests().estimates.get(at).copied()
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
            Constraint::Length(self.source as u16),
        ];
        if self.when > 0 {
            widths.push(Constraint::Length(self.when as u16));
        }
        widths
    }
}

/// Source ids are cut to this (the detail shows them whole).
const SOURCE_MAX: usize = 24;
/// The indicator column: its name wraps over the group's rows.
const NAME: usize = 13;

fn columns(inner: usize, needs: &Needs) -> Columns {
    let mut c = Columns {
        name: NAME,
        figure: 0,
        bar: 0,
        source: needs.source.clamp(6, SOURCE_MAX),
        when: if needs.when == 0 { 0 } else { needs.when.max(4) },
    };
    // Marker, name, figure, bar, source, when: five gaps between six columns.
    let text = |c: &Columns| 1 + c.name + c.figure + c.source + c.when + 4 + usize::from(c.when > 0);
    // A figure is never cut: a group whose figures do not all fit with
    // their units shows them without (its heading gives the unit).
    let bare = needs.figures.iter().map(|f| f.1).max().unwrap_or(0).max(12);
    c.figure = bare;
    if text(&c) + BAR_WANT > inner {
        c.source = c.source.min(14);
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
    // Still too wide (a narrow pane with periods to the day): the text
    // columns give way, so that a cut cell keeps its `…`.
    let excess = (text(&c) + c.bar).saturating_sub(inner);
    layout::give_way([&mut c.figure, &mut c.source, &mut c.when], excess);
    c
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::beside(body, layout::ESTIMATES);
    let quantities = app.quantities();
    let contests = app.contests();
    let items = &contests.estimates;
    if items.is_empty() {
        render_empty(app, frame, body);
        return;
    }
    let model = app.model();
    let theme = app.theme;
    let cursor = app.selection_of::<Estimates>().outer;
    let needs = &contests.estimate_needs;
    let cols = columns(list.width.saturating_sub(2) as usize, needs);
    // Each quantity on its own axis, fitted to its claims.
    let axis_columns = cols.bar.saturating_sub(3).max(2);
    let axis_of = |g: usize| {
        needs.values[g]
            .and_then(|(lo, hi)| LogAxis::fit([lo, hi], axis_columns))
            .unwrap_or(LogAxis {
                lo: 0,
                hi: 1,
                columns: axis_columns,
            })
    };

    let mut header = vec!["", "Indicator", "Figure", "Log axis", "Source"];
    if cols.when > 0 {
        header.push("When");
    }
    let title = fitted_title(
        &[
            format!(
                "Contested: {}, {} · each on its own log axis",
                format::plural(needs.groups, "quantity"),
                format::plural(needs.claims, "claim"),
            ),
            format!("Contested: {}", format::plural(needs.groups, "quantity")),
            "Contested".to_owned(),
        ],
        list.width.saturating_sub(6) as usize,
    );
    let legend_room = table::legend_room(list.width, cursor, items.len());
    let table = ScrolledTable {
        title,
        header,
        widths: cols.widths(),
        len: items.len(),
        cursor,
        focused: true,
        theme,
        legend: Some(legend(legend_room, theme)),
    };
    table.render(frame, list, |i, selected| {
        let item = items[i];
        let g = item.group();
        let row = &quantities.indicators[g];
        let (first, last) = group_bounds(items, g);
        let axis = axis_of(g);
        let mut cells = vec![
            Cell::from(marker(selected)),
            Cell::from(name_cell(app, row, i - first, last - first, cols.name)),
        ];
        match item {
            Item::Group(_) => {
                let claims = last - first - 1;
                // Who or what the claims are about, by the name that fits.
                let about = row.subject.map_or("—", |e| model.dataset().entities[e].name.as_str());
                let about = if about.width() <= cols.figure { about } else { row.about(model) };
                cells.push(Cell::from(truncate(about, cols.figure)).style(theme.accent()));
                cells.push(Cell::from(axis.tick_labels(cols.bar)).style(theme.dim()));
                cells.push(Cell::from(truncate(&format::plural(claims, "claim"), cols.source)).style(theme.dim()));
            }
            Item::Claim(_, ix) => {
                let record = model.record(ix);
                // A group shows its figures with their units only if all of them fit.
                let unit = (needs.figures[g].0 <= cols.figure).then_some(format::Unit::of(row.indicator(app.model())));
                let figure = claim_figure(record, unit);
                cells.push(Cell::from(truncate_figure(&figure.unwrap_or_default(), cols.figure)).style(theme.figure()));
                cells.push(Cell::from(bar_line(record, &axis, cols.bar, theme)));
                cells.push(Cell::from(truncate(&record.source, cols.source)).style(theme.dim()));
                if cols.when > 0 {
                    let when = format::when_short(record, model.source_of(ix));
                    cells.push(Cell::from(truncate(&when, cols.when)));
                }
            }
        }
        Row::new(cells)
    });

    if let Some(side) = side {
        match selected_item(app) {
            Some(Item::Claim(_, ix)) => detail::render_panel(frame, side, model, ix, theme),
            Some(Item::Group(g)) => render_quantity(app, frame, side, g),
            None => {}
        }
    }
}

/// The items `items[start..end]` of one group: its heading and claims
/// (they are contiguous, and groups come in order).
fn group_bounds(items: &[Item], group: usize) -> (usize, usize) {
    (
        items.partition_point(|item| item.group() < group),
        items.partition_point(|item| item.group() <= group),
    )
}

/// The indicator column: a bracket that groups the rows without colour
/// (`┌ │ └`), the name on the first rows, wrapped, then the unit.
fn name_cell(app: &App, row: &IndicatorRow, k: usize, n: usize, width: usize) -> Line<'static> {
    let theme = app.theme;
    let indicator = row.indicator(app.model());
    let text_width = width.saturating_sub(1);
    let bracket = match k {
        0 => "┌",
        k if k + 1 == n => "└",
        _ => "│",
    };
    let mut lines = wrap(&indicator.name, text_width);
    let unit = format!("({})", indicator.unit);
    lines.push(truncate(&unit, text_width));
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

/// A quantity's heading selected: what it is and how to list its claims.
fn render_quantity(app: &App, frame: &mut Frame, area: Rect, g: usize) {
    let theme = app.theme;
    let model = app.model();
    let row = &app.quantities().indicators[g];
    let indicator = row.indicator(app.model());
    let about = row
        .subject
        .map_or("—".to_owned(), |e| model.dataset().entities[e].name.to_string());
    let mut sources: Vec<&str> = row.observations.iter().map(|&ix| model.record(ix).source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let lines = vec![
        Line::styled(indicator.name.to_string(), theme.accent()),
        Line::raw(format!("About     {about}")),
        Line::raw(format!("Unit      {}", indicator.unit)),
        Line::raw(format!(
            "Claims    {} from {}",
            row.observations.len(),
            format::plural(sources.len(), "source")
        )),
        Line::raw(""),
        Line::styled(sources.join(", "), theme.dim()),
        Line::raw(""),
        notice::with_keys(
            &["", &keys::OPEN.label(0), &format!(" lists them in {}", app.label_of::<Records>())],
            theme,
        ),
    ];
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(" Contested quantity ", theme.accent()));
    detail::render_wrapped(frame, area, block, shown_lines(lines), theme);
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

/// Nothing contested in view: say why, and how to widen the view.
fn render_empty(app: &App, frame: &mut Frame, body: Rect) {
    let theme = app.theme;
    let mut lines = vec![
        notice::headline("contested quantities", app.filter(), theme),
        Line::raw(""),
        Line::raw(format!(
            "A quantity is contested when two sources give it or one gives it as a range; \
             none of the {} in view is.",
            format::plural(app.derived().view.len(), "record")
        )),
        Line::raw(""),
    ];
    let hidden = app.contests().contests_undated;
    if hidden > 0 {
        let undated = keys::UNDATED.label(0);
        lines.push(notice::with_keys(
            &[
                &format!(
                    "The year range leaves out undated claims: with them, {} contested. Press ",
                    if hidden == 1 {
                        "1 quantity is".to_owned()
                    } else {
                        format!("{} quantities are", format::count(hidden))
                    }
                ),
                &undated,
                " to show undated records too.",
            ],
            theme,
        ));
        lines.push(Line::raw(""));
    }
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
    } else if !app.filter().is_empty() {
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
    use crate::tui::views::indicators::Indicators;

    fn app(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on::<Estimates>(testing::fixture(), filter, width, height)
    }

    proptest::proptest! {
        #![proptest_config(layout::column_cases())]

        /// The columns fit any list from the smallest supported screen's
        /// up, whatever the widest figures, source ids and dates.
        #[test]
        fn the_columns_fit_their_table(
            inner in usize::from(layout::MIN_WIDTH - 2)..=200,
            figures in proptest::collection::vec((0..80usize, 0..60usize), 0..4),
            source in 0..120usize,
            when in 0..40usize,
        ) {
            let needs = Needs {
                figures,
                source,
                when,
                ..Needs::default()
            };
            let widths = columns(inner, &needs).widths();
            let total = usize::from(table::columns_width(&widths));
            proptest::prop_assert!(total <= inner, "{:?} in {}", widths, inner);
        }
    }

    #[test]
    fn with_no_filter_an_empty_view_says_the_dataset_has_none_and_suggests_no_reset() {
        let mut empty = testing::fixture();
        empty.records.clear();
        let estimates = testing::app_on::<Estimates>(empty.clone(), Filter::default(), 80, 24);
        let indicators = testing::app_on::<Indicators>(empty, Filter::default(), 80, 24);
        for (app, says) in [
            (estimates, "The dataset holds no contested quantities."),
            (indicators, "The dataset holds no observations of an indicator."),
        ] {
            let text = testing::lines(&app).join("\n");
            assert!(text.contains(says), "{text}");
            assert!(!text.contains("with r") && !text.contains("with t"), "{text}");
        }
        // A filter that empties it can still be widened or reset.
        let nothing = Filter {
            search: "no such text anywhere".into(),
            ..Filter::default()
        };
        let app = testing::app_on::<Indicators>(testing::fixture(), nothing, 80, 24);
        let text = testing::lines(&app).join("\n");
        assert!(text.contains("No observations of an indicator in view."), "{text}");
        assert!(text.contains("Widen the years with t, or reset every filter with r."), "{text}");
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

    /// The fixture's contested quantities as listed: a heading (`#`), then
    /// its claims in view order. ExampleNet's subscribers from three
    /// sources, the institute's staff from two, Northland's coverage from
    /// two. Southland's coverage (one source) and the two countries' lines
    /// per 100 (one claim each) are no contests.
    const ITEMS: [&str; 16] = [
        "# examplenet-subscribers",
        "subscribers-2008",
        "subscribers-2009",
        "subscribers-2010",
        "subscribers-2010-gamma",
        "subscribers-delta",
        "subscribers-2011-vague",
        "subscribers-2011",
        "subscribers-2012",
        "# institute-staff",
        "staff-2005",
        "staff-about-500",
        "staff-over-2000",
        "# coverage-share",
        "coverage-2011",
        "coverage-undated",
    ];

    fn item_names(app: &App) -> Vec<String> {
        let dataset = app.model().dataset();
        app.contests()
            .estimates
            .iter()
            .map(|item| match *item {
                Item::Group(g) => format!("# {}", dataset.indicators[app.quantities().indicators[g].indicator].id),
                Item::Claim(_, ix) => dataset.records[ix].id.to_string(),
            })
            .collect()
    }

    #[test]
    fn every_claim_of_a_contested_quantity_has_a_row_under_its_heading() {
        let app = app(Filter::default(), 80, 24);
        assert_eq!(item_names(&app), ITEMS);
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        assert!(
            lines[3].contains("Contested: 3 quantities, 13 claims · each on its own log axis"),
            "{}",
            lines[3]
        );
        // Each heading names what its claims are about and counts them.
        let heading = |about: &str, claims: &str| {
            lines
                .iter()
                .any(|l| l.contains(&format!(" {about} ")) && l.contains(claims))
        };
        assert!(heading("ExampleNet", "8 claims"), "{lines:#?}");
        assert!(heading("SCI", "3 claims"), "{lines:#?}");
        assert!(heading("Northland", "2 claims"), "{lines:#?}");
    }

    #[test]
    fn rows_are_drawn_where_the_list_says_and_clicks_select_them() {
        for (width, height) in [(60, 15), (80, 24), (120, 30), (160, 48)] {
            let mut app = app(Filter::default(), width, height);
            app.update(Action::Move(10));
            let area = rows_area(&app);
            let cursor = app.cursor(app.tab());
            let cells = screen(&app);
            let y = area.y + (cursor.selected - cursor.offset) as u16;
            assert_eq!(cells[y as usize][area.x as usize], "▶", "{width}x{height}");
            // Each claim's row shows its source (as far as it fits).
            for (k, i) in cursor.window(ITEMS.len(), area.height as usize).enumerate() {
                let Item::Claim(_, ix) = app.contests().estimates[i] else {
                    continue;
                };
                let source = &app.model().record(ix).source;
                let line = text(&cells[area.y as usize + k]);
                assert!(line.contains(&source[..5]), "{width}x{height} row {k}: {line}");
            }
            app.update(Action::Click(area.x + 3, area.y + 1));
            assert_eq!(app.cursor(app.tab()).selected, cursor.offset + 1);
        }
    }

    #[test]
    fn each_quantity_sits_on_its_own_log_axis_with_its_ticks_in_its_heading() {
        let app = app(Filter::default(), 160, 48);
        let cells = screen(&app);
        let area = rows_area(&app);
        let row = |k: usize| text(&cells[area.y as usize + k]);
        // A heading's tick labels: its numbers, but the count of claims.
        let ticks = |k: usize| -> Vec<String> {
            let text = row(k);
            let words: Vec<&str> = text.split_whitespace().collect();
            let mut labels = Vec::new();
            for (i, w) in words.iter().enumerate() {
                let number = w.chars().next().is_some_and(|c| c.is_ascii_digit()) && !w.contains(',');
                if number && words.get(i + 1) != Some(&"claims") {
                    labels.push((*w).to_owned());
                }
            }
            labels
        };
        // Subscribers: 1,000 to 1,000,000, decades 10^3 to 10^6.
        assert_eq!(ticks(0), ["1k", "10k", "100k", "1M"], "{}", row(0));
        // Staff: 500 to 2,000 on 10^2 to 10^4; coverage: 45.5 to 60 on 10 to 100.
        assert_eq!(ticks(9), ["100", "1k", "10k"], "{}", row(9));
        assert_eq!(ticks(13), ["10", "100"], "{}", row(13));
        // No bar is off its axis.
        for k in 0..ITEMS.len() {
            assert!(!row(k).contains(logscale::OFF_HIGH) && !row(k).contains(logscale::OFF_LOW), "{}", row(k));
        }
        // Where each bar ends: 1,000 exactly, about 10,000, more than
        // 100,000, 1,000,000 exactly: rows 1, 2, 3 and 8.
        let end = |k: usize, glyph: char| {
            cells[area.y as usize + k]
                .iter()
                .rposition(|c| c == &glyph.to_string())
                .unwrap_or_else(|| panic!("row {k} ends in {glyph}"))
        };
        let ends = [
            end(1, logscale::EXACT),
            end(2, logscale::APPROX),
            end(3, logscale::AT_LEAST),
            end(8, logscale::EXACT),
        ];
        // Equal ratios, equal distances: each is ten times the one before.
        let steps: Vec<usize> = ends.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(steps.iter().all(|&s| s > 0 && s.abs_diff(steps[0]) <= 1), "{ends:?}");
        // The range spans its bounds, and so does the vague amount, by the
        // bounds its words imply; it reads as its words.
        for k in [6, 7] {
            assert!(row(k).contains(logscale::RANGE_LOW) && row(k).contains(logscale::RANGE_HIGH), "{}", row(k));
        }
        assert!(row(6).contains("hundreds of thousands") && !row(6).contains("999,999"), "{}", row(6));
        // A claim placed at its source's date says so.
        assert!(row(5).contains("c. 2010"), "{}", row(5));
    }

    #[test]
    fn enter_on_a_heading_lists_its_claims_in_records() {
        let mut app = app(Filter::default(), 160, 48);
        app.update(Action::Move(9));
        assert_eq!(app.selected_record(), None, "a heading is no record");
        let screen: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        assert!(screen.iter().any(|l| l.contains("Claims    3 from 2 sources")), "{screen:#?}");
        app.update(Action::Open);
        assert_eq!(app.view().title(), "Records");
        let filter = app.filter();
        assert_eq!(filter.indicator.as_deref(), Some("institute-staff"));
        assert_eq!(filter.entities, ["sample-institute"]);
        assert_eq!(app.derived().view.len(), 3);
    }

    #[test]
    fn an_uncontested_view_says_why_and_how_to_widen_it() {
        let years = |from, to| Filter {
            from: Some(from),
            to: Some(to),
            ..Default::default()
        };
        // A search that finds nothing: only a reset helps.
        let nothing = Filter {
            search: "no such text anywhere".into(),
            ..Filter::default()
        };
        let app = app(nothing, 80, 24);
        assert!(app.contests().estimates.is_empty());
        assert_eq!(app.contests().contests_undated, 0);
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        assert!(lines.iter().any(|l| l.contains("No contested quantities in view.")));
        assert!(lines.iter().any(|l| l.contains("Reset the filters with r")));
        assert!(!lines.join(" ").contains("Press u"), "{lines:#?}");
        // Nothing from 1970 to 1979 is an observation, but the institute's
        // two undated staff counts (Alpha's and Beta's) would be a contest.
        let app = self::app(years(1970, 1979), 80, 24);
        assert_eq!(app.contests().contests_undated, 1);
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        assert!(lines.iter().any(|l| l.contains("No contested quantities in 1970-1979.")));
        assert!(lines.join(" ").contains("Press u to show undated records too"), "{lines:#?}");
        assert!(lines.iter().any(|l| l.contains("Widen the years with t")));
        // In 2005 only the institute's 800 staff is dated; its two undated
        // rivals (Alpha's about 500, Beta's more than 2,000) are left out:
        // the undated switch would show that contest. Northland's undated
        // coverage would stand alone, no contest.
        let app = self::app(years(2005, 2005), 80, 24);
        assert!(app.contests().estimates.is_empty());
        assert_eq!(app.contests().contests_undated, 1);
        let lines: Vec<String> = screen(&app).iter().map(|r| text(r)).collect();
        let text = lines.join(" ");
        assert!(text.contains("1 quantity is contested"), "{lines:#?}");
        assert!(text.contains("Press u to show undated records too"), "{lines:#?}");
    }

    #[test]
    fn columns_never_overflow_the_list() {
        let needs = Needs {
            figures: vec![(20, 13), (22, 15), (31, 19)],
            groups: 3,
            source: 25,
            when: 7,
            ..Needs::default()
        };
        for inner in 40..240 {
            let c = columns(inner, &needs);
            let gaps = 4 + usize::from(c.when > 0);
            let total = 1 + c.name + c.figure + c.bar + c.source + c.when + gaps;
            assert!(total <= inner.max(58), "{inner}: {c:?} takes {total}");
            if inner >= 58 {
                assert!(c.figure >= 19, "{inner}: figures are never cut ({c:?})");
                assert!(c.bar >= BAR_MIN, "{inner}: {c:?}");
            }
        }
    }
}
