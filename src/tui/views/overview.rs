//! The filter at a glance: the latest claim of each headline quantity and
//! key figure (with who or what it is about, its time and source, a gauge
//! for ratios and a sparkline for series), records per year and counts by
//! category. Every figure carries its time and its source id, so none of
//! them floats free of where it came from. A selection moves through the
//! rows, the years of the chart and the categories; Enter shows the records
//! behind it. What it shows is worked out per filter change
//! (`derived::overview`); where each section goes, in `layout::overview`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::estimates::Estimates;
use super::indicators::Indicators;
use super::records::Records;
use super::sources::Sources;
use super::timeline::Timeline;
use crate::model::{RecordIx, format};
use crate::tui::action::{Action, Drill};
use crate::tui::app::{App, List, View};
use crate::tui::derived::overview::{Facts, Latest, Spark};
use crate::tui::keys::{self, Hint};
use crate::tui::layout::overview::{self as layout, Item, Part, Piece};
use crate::tui::text::{fit, truncate, truncate_figure};
use crate::tui::theme::Theme;
use crate::tui::widgets::histogram::Histogram;

pub struct Overview;

const KEYS: &[Hint] = &[
    Hint {
        rows: &[keys::OPEN],
        does: "records behind it",
    },
    Hint {
        rows: &[keys::FOCUS],
        does: "years",
    },
    Hint {
        rows: &[keys::SHIFT_FROM, keys::SHIFT_TO],
        does: "shift years",
    },
];

/// Off the chart, left and right choose no year.
const KEYS_OFF_CHART: &[Hint] = &[KEYS[0], KEYS[2]];

impl View for Overview {
    fn title(&self) -> &'static str {
        "Overview"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    fn keys_now(&self, app: &App) -> &'static [Hint] {
        match self.across(app) {
            Some(_) => KEYS,
            None => KEYS_OFF_CHART,
        }
    }

    /// Its rows, the chart and the categories, for the selection; clicks
    /// select nothing.
    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: layout::items(app.overview(), body).len(),
            rows: Rect::default(),
        }
    }

    fn across(&self, app: &App) -> Option<usize> {
        let chart = app.overview().chart.as_ref()?;
        (selected_item(app)? == Item::Chart).then_some(chart.counts.len())
    }

    fn selected_record(&self, _app: &App) -> Option<RecordIx> {
        None
    }

    /// Enter shows the records behind the selected row, year or category.
    fn open(&self, app: &App) -> Option<Action> {
        let facts = app.overview();
        let quantity = |latest: &Latest| Drill::Quantity {
            indicator: latest.quantity.0,
            subject: latest.quantity.1,
        };
        let drill = match selected_item(app)? {
            Item::Gauge(i) => quantity(&facts.gauges[i]),
            Item::Figure(i) => quantity(&facts.figures[i]),
            Item::Chart => Drill::Year(selected_year(app)?),
            Item::Category(i) => Drill::Category(facts.categories[i].0),
        };
        Some(Action::Drill {
            drill,
            show: app.position_of::<Records>(),
        })
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        let facts = app.overview();
        let theme = app.theme;
        let refs = Refs::new(app);
        let selected = selected_item(app);
        let pick = |f: fn(Item) -> Option<usize>| selected.and_then(f);
        let sections = layout::sections(facts, body);
        for &(part, area) in &sections {
            let lines = match part {
                Part::Gauges => {
                    let at = pick(|i| if let Item::Gauge(g) = i { Some(g) } else { None });
                    gauge_lines(facts, &refs, theme, area, at)
                }
                Part::Figures => {
                    let at = pick(|i| if let Item::Figure(f) = i { Some(f) } else { None });
                    figure_lines(facts, &refs, theme, area, at)
                }
                Part::Chart => {
                    let year = (selected == Some(Item::Chart)).then(|| selected_year(app)).flatten();
                    render_chart(facts, theme, frame, area, year);
                    continue;
                }
                Part::Categories => {
                    let at = pick(|i| if let Item::Category(c) = i { Some(c) } else { None });
                    category_lines(facts, theme, area, at)
                }
                Part::Sources => source_lines(facts, &refs, theme, area),
                Part::NotShown { rows_short } => vec![not_shown_line(&sections, rows_short, &refs, area, theme)],
            };
            frame.render_widget(Paragraph::new(lines), area);
        }
    }
}

fn selected_item(app: &App) -> Option<Item> {
    let items = layout::items(app.overview(), app.body());
    let at = app.selection_of::<Overview>().outer.selected;
    items.get(at.min(items.len().saturating_sub(1))).copied()
}

/// The year chosen along the chart (the inner cursor).
fn selected_year(app: &App) -> Option<i32> {
    let chart = app.overview().chart.as_ref()?;
    let at = app.selection_of::<Overview>().inner.selected;
    let at = at.min(chart.counts.len().checked_sub(1)?);
    Some(chart.span.start + at as i32)
}

const LEFT_EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const SPARK_LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// How the Overview's notes name other views.
struct Refs {
    /// `Indicators (3)`.
    indicators: String,
    /// `Estimates (4)`.
    estimates: String,
    /// In brackets after a note: `Indicators, 3`.
    indicators_aside: String,
    sources_aside: String,
    timeline_aside: String,
}

impl Refs {
    fn new(app: &App) -> Self {
        let aside = |name: Option<(&str, usize)>| name.map_or(String::new(), |(title, key)| format!("{title}, {key}"));
        Self {
            indicators: app.label_of::<Indicators>(),
            estimates: app.label_of::<Estimates>(),
            indicators_aside: aside(app.name_of::<Indicators>()),
            sources_aside: aside(app.name_of::<Sources>()),
            timeline_aside: aside(app.name_of::<Timeline>()),
        }
    }
}

/// A heading rule: `── Title · note ───`, cut to `width`.
fn heading(title: &str, note: &str, width: usize, theme: Theme) -> Line<'static> {
    let title = truncate(title, width.saturating_sub(4));
    let mut used = 3 + title.width();
    let mut spans = vec![Span::styled("── ", theme.border()), Span::styled(title, theme.accent())];
    if !note.is_empty() && used + 4 < width {
        let note = truncate(note, width - used - 4);
        used += 3 + note.width();
        spans.push(Span::styled(" · ", theme.border()));
        spans.push(Span::styled(note, theme.dim()));
    }
    if used + 1 < width {
        spans.push(Span::styled(
            format!(" {}", "─".repeat(width - used - 1)),
            theme.border(),
        ));
    }
    Line::from(spans)
}

/// Lines to fill `area`: the first `area.height`, the last replaced by `… N
/// more` when some do not fit.
fn clip(mut lines: Vec<Line<'static>>, area: Rect, theme: Theme, what: &str) -> Vec<Line<'static>> {
    let rows = area.height as usize;
    if lines.len() > rows && rows >= 2 {
        let hidden = lines.len() - rows + 1;
        lines.truncate(rows - 1);
        lines.push(Line::styled(format!("… {hidden} more {what}"), theme.dim()));
    }
    lines.truncate(rows);
    lines
}

/// The row under a short body: the sections it leaves out, each with where
/// else it can be seen, and how many rows more would show them all; the
/// rows left out where the line has no room for them.
fn not_shown_line(sections: &[(Part, Rect)], rows_short: u16, refs: &Refs, area: Rect, theme: Theme) -> Line<'static> {
    let elsewhere = |part| match part {
        Part::Gauges => Some(format!("headline figures ({})", refs.indicators_aside)),
        Part::Figures => Some(format!("key figures ({})", refs.indicators_aside)),
        Part::Chart => Some(format!("records per year ({})", refs.timeline_aside)),
        Part::Categories => Some(format!("categories ({})", keys::CATEGORIES.label(0))),
        Part::Sources | Part::NotShown { .. } => None,
    };
    let missing: Vec<String> = layout::not_shown(sections).into_iter().filter_map(elsewhere).collect();
    let missing = missing.join(", ");
    let width = area.width as usize;
    let rows = format::plural(usize::from(rows_short), "row");
    let told = format!("Not shown, {rows} short: {missing}");
    let text = if told.width() <= width {
        told
    } else {
        truncate(&format!("Not shown: {missing}"), width)
    };
    Line::styled(text, theme.dim())
}

// ------------------------------------------------- headline and key figures

/// The widths of the latest-claim rows' columns, shared by the gauges and
/// the key figures so that their columns line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowColumns {
    name: usize,
    entity: usize,
    /// The gauge's bar (0: none).
    bar: usize,
    /// The sparkline (0: none); where there is no room for both, the bar's
    /// column shows the sparkline of a row that has one.
    spark: usize,
    value: usize,
    when: usize,
    source: usize,
}

/// Columns between a row's selection marker and its name.
const GUTTER: usize = 2;
/// Names cut shorter than this read badly: on narrow screens source ids
/// and entity names are cut first.
const NAME_MIN: usize = 18;
/// The narrowest a source id gets so that a name stays whole: still a hint
/// of whose figure it is (the detail has the id whole).
const SOURCE_MIN: usize = 8;
/// The widest a figure gets; a wider one goes without its unit.
const VALUE_MAX: usize = 24;

impl RowColumns {
    /// The columns of one section's `rows`, `width` wide. Figures and
    /// times are never cut; names stay whole while source ids can give
    /// (down to `SOURCE_MIN`) and sparklines can go; then the name gives
    /// way before a bar goes below its minimum.
    fn new(rows: &[Latest], width: usize) -> Self {
        let whole = |f: fn(&Latest) -> &str| rows.iter().map(|l| f(l).width()).max().unwrap_or(0);
        // Measured once: what a wide screen gives them is worked out from these.
        let (entity, name, source) = (whole(|l| &l.entity), whole(|l| &l.name), whole(|l| &l.source));
        let mut c = Self {
            name: name.min(36),
            entity: entity.min(10),
            bar: 0,
            spark: 0,
            value: rows
                .iter()
                .map(|l| figure_in(l, VALUE_MAX).width())
                .max()
                .unwrap_or(0)
                .min(VALUE_MAX),
            when: whole(|l| &l.when).min(10),
            source: source.min(26),
        };
        let sparks = rows.iter().any(|l| l.spark.is_some());
        let bars = rows.iter().any(|l| l.bar.is_some());
        // A sparkline reads in fewer columns than a gauge.
        let graphic_min = match width {
            _ if !bars && !sparks => 0,
            _ if !bars => 8,
            100.. => 20,
            72.. => 12,
            _ => 8,
        };
        // Marker, name, entity, graphic, value, contested mark, when, source.
        let fixed = |c: &Self| GUTTER + c.entity + 1 + 1 + c.value + 2 + 1 + c.when + 1 + c.source;
        // On narrow screens the source ids and entity names give way first
        // (the detail has them whole), so that names keep some room.
        if width < fixed(&c) + NAME_MIN + 1 + graphic_min {
            c.source = c.source.min(14);
            c.entity = c.entity.min(8);
        }
        // Then the source ids give what the whole names (and a bar at its
        // minimum) still lack.
        let wanted = c.name + 1 + if bars { graphic_min } else { 0 };
        let short = wanted.saturating_sub(width.saturating_sub(fixed(&c)));
        c.source -= short.min(c.source.saturating_sub(SOURCE_MIN));
        let room = width.saturating_sub(fixed(&c));
        let graphic = if room >= c.name + 1 + graphic_min {
            room - c.name - 1
        } else if !bars && room.saturating_sub(graphic_min + 1) < c.name {
            // Sparklines alone go before the names are cut.
            c.name = room.saturating_sub(1);
            0
        } else {
            let graphic = graphic_min.min(room / 2);
            c.name = room.saturating_sub(graphic + 1);
            graphic
        };
        // Both a bar and a sparkline where there is room for both.
        if sparks && bars && graphic > 2 * graphic_min {
            c.spark = (graphic / 3).min(30);
            c.bar = (graphic - c.spark - 1).min(50);
        } else if bars {
            c.bar = graphic.min(50);
        } else {
            // Sparklines only, or nothing: no wider than they need.
            c.bar = graphic.min(if sparks { 30 } else { 0 });
        }
        // Wide screens: what the graphics leave goes to the subjects, names
        // and source ids cut to their caps, so that a wide screen shows
        // them whole.
        let drawn = c.bar + c.spark + usize::from(c.spark > 0);
        let mut spare = graphic.saturating_sub(drawn);
        for (width, need) in [(&mut c.entity, entity), (&mut c.name, name), (&mut c.source, source)] {
            let by = need.saturating_sub(*width).min(spare);
            *width += by;
            spare -= by;
        }
        c
    }
}

fn gauge_lines(facts: &Facts, refs: &Refs, theme: Theme, area: Rect, selected: Option<usize>) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let scale = if facts.gauges.iter().any(|g| g.value.ends_with("per 100")) {
        "bars out of 100 (percent, or per 100 people)"
    } else if facts.gauges.iter().any(|g| g.bar.is_some()) {
        "bars out of 100%"
    } else {
        ""
    };
    let note = match scale {
        "" => "latest claims".to_owned(),
        scale => format!("latest claims · {scale}"),
    };
    let mut lines = vec![heading("Headline", &note, width, theme)];
    let columns = RowColumns::new(&facts.gauges, width);
    for (i, g) in facts.gauges.iter().enumerate() {
        lines.push(latest_line(g, &columns, Some(i) == selected, theme));
    }
    if facts.more_gauges > 0 {
        let n = facts.more_gauges;
        let text = format!(
            "… {} ratio {} in view: see {}",
            n,
            if n == 1 { "quantity" } else { "quantities" },
            refs.indicators
        );
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    lines.extend(absent(&facts.gauges, &facts.hidden_gauges, "headline figures", width, theme));
    clip(lines, area, theme, &format!("rows ({})", refs.indicators_aside))
}

fn figure_lines(facts: &Facts, refs: &Refs, theme: Theme, area: Rect, selected: Option<usize>) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let note = if facts.figures.iter().any(|f| f.contested) {
        format!("latest claims · ≠ contested: see {}", refs.estimates)
    } else {
        "latest claims".to_owned()
    };
    let mut lines = vec![heading("Key figures", &note, width, theme)];
    let columns = RowColumns::new(&facts.figures, width);
    for (i, f) in facts.figures.iter().enumerate() {
        lines.push(latest_line(f, &columns, Some(i) == selected, theme));
    }
    lines.extend(absent(&facts.figures, &facts.hidden_figures, "key figures", width, theme));
    clip(lines, area, theme, &format!("figures ({})", refs.indicators_aside))
}

/// What a section says of what it does not show: the indicators it names
/// that the filter leaves out, or that it has nothing at all.
fn absent(rows: &[Latest], hidden: &[String], what: &str, width: usize, theme: Theme) -> Option<Line<'static>> {
    if !hidden.is_empty() {
        let text = format!("Not in view: {}", hidden.join(", "));
        Some(Line::styled(truncate(&text, width), theme.dim()))
    } else if rows.is_empty() {
        Some(Line::styled(format!("No {what} in view"), theme.dim()))
    } else {
        None
    }
}

/// One latest claim: name, what it is about, its gauge and sparkline, the
/// figure (`≠` when its claims disagree), its time and its source.
fn latest_line(l: &Latest, c: &RowColumns, selected: bool, theme: Theme) -> Line<'static> {
    let marker = if selected { "▶ " } else { "  " };
    let mut spans = vec![
        Span::styled(marker, theme.key()),
        Span::raw(format!("{} ", fit(&l.name, c.name))),
        Span::styled(format!("{} ", fit(&l.entity, c.entity)), theme.accent()),
    ];
    match (&l.spark, l.bar) {
        // No room for both: the sparkline says more than a bar.
        (Some(spark), _) if c.spark == 0 => spans.push(spark_span(spark, c.bar, theme)),
        (_, Some((low, high))) => spans.extend(gauge_bar(low / 100.0, high / 100.0, c.bar, theme)),
        _ => spans.push(Span::raw(" ".repeat(c.bar))),
    }
    if c.spark > 0 {
        spans.push(Span::raw(" "));
        spans.push(match &l.spark {
            Some(spark) => spark_span(spark, c.spark, theme),
            None => Span::raw(" ".repeat(c.spark)),
        });
    }
    let contested = if l.contested { " ≠" } else { "  " };
    let value = figure_in(l, c.value);
    spans.push(Span::styled(format!(" {:>w$}", truncate_figure(value, c.value), w = c.value), theme.figure()));
    spans.push(Span::styled(contested, theme.key()));
    spans.push(Span::styled(
        format!(" {} {}", fit(&l.when, c.when), truncate(&l.source, c.source)),
        theme.dim(),
    ));
    let line = Line::from(spans);
    if selected { line.style(theme.selected()) } else { line }
}

/// The figure as a column `width` wide shows it: without its unit where
/// it would not fit with it.
fn figure_in(l: &Latest, width: usize) -> &str {
    if l.value.width() <= width { &l.value } else { &l.bare }
}

/// A bar `width` columns long: solid to `low`, shaded on to `high` (ranges),
/// light shade after. Readable without colour; a value above zero always
/// shows at least a sliver.
fn gauge_bar(low: f64, high: f64, width: usize, theme: Theme) -> Vec<Span<'static>> {
    let eighths = |f: f64| {
        let e = (f.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
        if f > 0.0 { e.max(1) } else { e }
    };
    let solid = eighths(low);
    let shaded_cells = (eighths(high).div_ceil(8)).saturating_sub(solid.div_ceil(8));
    let mut filled = "█".repeat(solid / 8);
    filled.push_str(LEFT_EIGHTHS[solid % 8]);
    let used = solid.div_ceil(8) + shaded_cells;
    vec![
        Span::styled(filled, theme.series(0)),
        Span::styled("▒".repeat(shaded_cells), theme.series(0)),
        Span::styled("░".repeat(width.saturating_sub(used)), theme.dim()),
    ]
}

fn spark_span(spark: &Spark, width: usize, theme: Theme) -> Span<'static> {
    Span::styled(fit(&sparkline(spark, width), width), theme.series(1))
}

/// A series in `width` columns, one column per year (several years a
/// column, by their highest, when there are more years than columns), each
/// an eighth-block from the lowest figure to the highest (by logarithm when
/// they span orders of magnitude); a blank for a year without one.
pub fn sparkline(spark: &Spark, width: usize) -> String {
    let years = spark.highs.len();
    if years == 0 || width == 0 {
        return String::new();
    }
    let per = years.div_ceil(width);
    let columns: Vec<Option<f64>> = spark
        .highs
        .chunks(per)
        .map(|chunk| chunk.iter().flatten().copied().reduce(f64::max))
        .collect();
    let level = |v: f64| if spark.log { v.max(f64::MIN_POSITIVE).log10() } else { v };
    let present = columns.iter().flatten().map(|&v| level(v));
    let (lo, hi) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    columns
        .iter()
        .map(|c| match c {
            None => ' ',
            Some(_) if hi <= lo => SPARK_LEVELS[3],
            Some(v) => {
                let t = (level(*v) - lo) / (hi - lo);
                SPARK_LEVELS[(t * 7.0).round() as usize]
            }
        })
        .collect()
}

// ---------------------------------------------------------- records per year

/// The heading, with as many notes as fit, and the histogram under it.
fn render_chart(facts: &Facts, theme: Theme, frame: &mut Frame, area: Rect, selected: Option<i32>) {
    let width = area.width as usize;
    let undated = match facts.undated {
        0 => String::new(),
        n => format!("{} not counted", format::plural(n, "undated record")),
    };
    let Some(chart) = &facts.chart else {
        let text = match facts.undated {
            0 => "No records in view",
            _ => "No dated records in view",
        };
        let lines = vec![
            heading("Records per year", &undated, width, theme),
            Line::styled(text, theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let (peak, peak_years) = chart.peak();
    let listed: Vec<String> = peak_years.iter().take(3).map(i32::to_string).collect();
    let peak_note = match peak_years.len() {
        _ if peak == 0 => "no dated records in these years".to_owned(),
        1..=3 => format!("peak {peak} in {}", listed.join(", ")),
        n => format!("peak {peak} in {} and {} other years", listed.join(", "), n - 3),
    };
    // As many notes as fit, in order of importance; the first and last
    // years are labelled under the chart anyway.
    let notes = [
        (1, peak_note),
        (2, undated),
        (0, format!("{}–{}", chart.span.start, chart.span.end)),
        (3, "a period counts in each of its years".to_owned()),
    ];
    let mut chosen = Vec::new();
    let mut used = "── Records per year ──".width();
    for (order, part) in notes.into_iter().filter(|(_, n)| !n.is_empty()) {
        if used + 3 + part.width() <= width {
            used += 3 + part.width();
            chosen.push((order, part));
        }
    }
    chosen.sort_by_key(|(order, _)| *order);
    let note = chosen.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join(" · ");
    let heading_row = Rect { height: 1.min(area.height), ..area };
    frame.render_widget(Paragraph::new(heading("Records per year", &note, width, theme)), heading_row);
    let bars = Rect {
        y: area.y + heading_row.height,
        height: area.height - heading_row.height,
        ..area
    };
    let histogram = Histogram {
        first_year: chart.span.start,
        counts: &chart.counts,
        selected,
        theme,
    };
    frame.render_widget(histogram, bars);
}

// --------------------------------------------------------------- categories

fn category_lines(facts: &Facts, theme: Theme, area: Rect, selected: Option<usize>) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let rows = (area.height as usize).saturating_sub(1);
    let note = format!("{}, by count", format::plural(facts.in_view, "record"));
    let mut lines = vec![heading("By category", &note, width, theme)];
    if facts.categories.is_empty() {
        lines.push(Line::styled("No records in view", theme.dim()));
        return lines;
    }
    if rows >= facts.categories.len() {
        lines.extend(category_bars(facts, width, theme, selected));
    } else {
        let mut entry = 0;
        lines.extend(layout::category_flow(facts, width, rows).into_iter().map(|spans| {
            let spans = spans.into_iter().map(|(text, kind)| {
                let chosen = selected == Some(entry);
                match kind {
                    Piece::Label if chosen => Span::styled(text, theme.selected()),
                    Piece::Label => Span::raw(text),
                    Piece::Count => {
                        entry += 1;
                        Span::styled(text, if chosen { theme.selected() } else { theme.figure() })
                    }
                    Piece::Gap => Span::styled(text, theme.dim()),
                }
            });
            Line::from(spans.collect::<Vec<_>>())
        }));
    }
    lines
}

/// One row per category: name, count, share of the view, bar.
fn category_bars(facts: &Facts, width: usize, theme: Theme, selected: Option<usize>) -> Vec<Line<'static>> {
    let max = facts.categories.first().map_or(1, |c| c.1).max(1);
    let count_w = format::count(max).width();
    let label_w = facts
        .categories
        .iter()
        .map(|(c, _)| c.label().width())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let bar_w = width.saturating_sub(GUTTER + label_w + count_w + 8).min(40);
    facts
        .categories
        .iter()
        .enumerate()
        .map(|(i, &(category, n))| {
            let percent = (n * 100 + facts.in_view / 2) / facts.in_view.max(1);
            let share = if percent == 0 {
                " <1%".to_owned()
            } else {
                format!("{percent:>3}%")
            };
            let chosen = selected == Some(i);
            let mut spans = vec![
                Span::styled(if chosen { "▶ " } else { "  " }, theme.key()),
                Span::raw(format!("{} ", fit(category.label(), label_w))),
                Span::styled(format!("{:>count_w$}", format::count(n)), theme.figure()),
                Span::styled(format!(" {share} "), theme.dim()),
            ];
            spans.extend(
                gauge_bar(n as f64 / max as f64, n as f64 / max as f64, bar_w, theme)
                    .into_iter()
                    .take(1),
            );
            let line = Line::from(spans);
            if chosen { line.style(theme.selected()) } else { line }
        })
        .collect()
}

// ------------------------------------------------------------------ sources

fn source_lines(facts: &Facts, refs: &Refs, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let note = format!("records · id · title ({})", refs.sources_aside);
    let mut lines = vec![heading("Sources in view", &note, width, theme)];
    // As the other sections say: a heading over nothing reads as a fault.
    if facts.sources.is_empty() {
        lines.push(Line::styled("No records in view", theme.dim()));
        return lines;
    }
    let id_w = facts
        .sources
        .iter()
        .map(|s| s.0.width())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let count_w = facts
        .sources
        .iter()
        .map(|s| format::count(s.2).width())
        .max()
        .unwrap_or(1);
    for (id, title, n) in &facts.sources {
        let title_w = width.saturating_sub(count_w + id_w + 2);
        lines.push(Line::from(vec![
            Span::styled(format!("{:>count_w$} ", format::count(*n)), theme.figure()),
            Span::raw(format!("{} ", fit(id, id_w))),
            Span::styled(truncate(title, title_w), theme.dim()),
        ]));
    }
    clip(lines, area, theme, "sources")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dashboard, Dataset};
    use crate::model::{Filter, Model};
    use crate::tui::derived::overview::Plan;
    use crate::tui::testing;

    fn app_over(dataset: Dataset, filter: Filter, width: u16, height: u16) -> App {
        testing::app_on::<Overview>(dataset, filter, width, height)
    }

    fn app(filter: Filter, width: u16, height: u16) -> App {
        app_over(testing::fixture(), filter, width, height)
    }

    fn years(from: i32, to: i32) -> Filter {
        Filter {
            from: Some(from),
            to: Some(to),
            ..Filter::default()
        }
    }

    fn line_with<'a>(lines: &'a [String], parts: &[&str]) -> Option<&'a String> {
        lines.iter().find(|l| parts.iter().all(|p| l.contains(p)))
    }

    fn assert_line(lines: &[String], parts: &[&str]) {
        assert!(line_with(lines, parts).is_some(), "no line with {parts:?} in {lines:#?}");
    }

    #[test]
    fn the_headline_gives_each_quantitys_latest_claim_with_its_entity_time_and_source() {
        for (width, height) in [(80, 24), (160, 48)] {
            let lines = testing::lines(&app(Filter::default(), width, height));
            // At 80 columns the source ids give way to whole names.
            let source = |id: &'static str| if width == 80 { &id[..7] } else { id };
            assert_line(&lines, &["Headline", "bars out of 100 (percent, or per 100 people)"]);
            // Northland's coverage: 2011's 60% is its latest (Beta's 45.5%
            // is undated); contested, so marked ≠.
            assert_line(&lines, &["Population covered", "NL", "60% ≠", "2011", source("gamma-yearbook")]);
            assert!(line_with(&lines, &["45.5%"]).is_none(), "only the latest claim");
            assert_line(&lines, &["SL", "95%", "undated", source("beta-blog")]);
            // Both countries' lines per 100, each named, side by side.
            assert_line(&lines, &["Telephone lines per", "NL", "3.2 per 100", "1999", source("alpha-review")]);
            assert_line(&lines, &["SL", "41.5 per 100", "1999", source("alpha-review")]);
            let at = |text: &str| lines.iter().position(|l| l.contains(text)).unwrap();
            assert!(at("Population covered") < at("Telephone lines per"));
            assert_eq!(at("41.5 per 100"), at("3.2 per 100") + 1);
        }
    }

    #[test]
    fn key_figures_give_each_quantitys_latest_claim_and_a_sparkline_of_its_series() {
        let lines = testing::lines(&app(Filter::default(), 120, 30));
        assert_line(&lines, &["Key figures", "≠ contested: see Estimates (4)"]);
        assert_line(&lines, &["NL", "1,234 km (est.)", "2005-03-15", "alpha-review"]);
        // The yearly highs of 2008-2012: 1,000, 10,000, 150,000, 300,000
        // and 1,000,000, on a log scale: eighths 1, 3, 6, 7 and 8.
        assert_line(&lines, &["ExNet", "▁▃▆▇█", "1,000,000 subscribers ≠", "2012", "gamma-yearbook"]);
        assert_line(&lines, &["SCI", "800 people ≠", "2005", "alpha-review"]);
        assert_line(&lines, &["NL", "up to 50,000 computers", "undated", "beta-blog"]);
        // The figure columns line up.
        let ends: Vec<usize> = ["(est.)", "subscribers ≠", "people ≠", "computers"]
            .iter()
            .map(|end| {
                let line = line_with(&lines, &[end]).unwrap();
                line[..line.find(end).unwrap() + end.len()].chars().count() - usize::from(end.ends_with('≠')) * 2
            })
            .collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}: {lines:#?}");
    }

    #[test]
    fn at_80_columns_names_stay_whole_and_source_ids_give_way() {
        let lines = testing::lines(&app(Filter::default(), 80, 24));
        // The longest names, 30 and 22 columns: whole, with their figures,
        // times and (cut) source ids.
        assert_line(&lines, &["Telephone lines per 100 people", "NL", "3.2 per 100", "1999", "alpha-r…"]);
        assert_line(&lines, &["ExampleNet subscribers", "ExNet", "1,000,000 subscribers ≠", "2012", "gamma-yearb…"]);
        assert_line(&lines, &["Computers in use", "up to 50,000 computers", "undated", "beta-blog"]);
    }

    #[test]
    fn a_year_filter_says_which_gauges_and_figures_it_hides_and_shows_ties() {
        let lines = testing::lines(&app(years(2000, 2010), 80, 24));
        assert_line(&lines, &["Not in view: Population covered, Telephone lines per 100 people"]);
        // 2010's three subscriber counts tie for the latest: each is shown,
        // without the unit where it would not fit with it.
        assert_line(&lines, &["ExNet", "more than 100,000 ≠", "2010", "alpha-review"]);
        assert_line(&lines, &["120,000 subscribers ≠", "2010", "gamma-yearbook"]);
        assert_line(&lines, &["about 150,000 ≠", "c. 2010", "delta-survey"]);
        assert_line(&lines, &["SCI", "800 people", "2005", "alpha-review"]);
        assert_line(&lines, &["Not in view: Computers in use"]);
    }

    #[test]
    fn records_per_year_names_its_peak_and_counts_the_undated() {
        // 2010 has four records (one placed at its source's date); eleven
        // records are undated.
        let lines = testing::lines(&app(Filter::default(), 160, 48));
        assert_line(&lines, &["Records per year", "peak 4 in 2010", "11 undated records not counted"]);
        // The first and last years; the peak's label would touch 2012's.
        assert_line(&lines, &["1965", "2012"]);
        assert_line(&lines, &["4┤"]);
    }

    #[test]
    fn categories_are_listed_by_count_with_their_counts() {
        let lines = testing::lines(&app(Filter::default(), 80, 40));
        let listed = [
            ("Mobile", 13),
            ("Telephony", 3),
            ("Workforce", 3),
            ("Intranet", 2),
            ("Fiber optics", 2),
            ("Software", 2),
            ("Policy", 2),
            ("International links", 1),
        ];
        let rows: Vec<usize> = listed
            .iter()
            .map(|(label, n)| {
                lines
                    .iter()
                    .position(|l| l.trim_start().starts_with(label) && l.contains(&format!(" {n} ")))
                    .unwrap_or_else(|| panic!("{label} with {n} is listed: {lines:#?}"))
            })
            .collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]), "sorted by count: {rows:?}");
    }

    #[test]
    fn without_a_dashboard_section_the_most_observed_indicators_lead() {
        let plan = |dataset: Dataset| Plan::of(&Model::new(dataset));
        // Ratios: coverage (3 claims), lines per 100 (2); other figures:
        // subscribers (8), staff (3), then cable, computers and programmers
        // (1 each, in the dataset's order).
        let mut bare = testing::fixture();
        bare.dashboard = None;
        assert_eq!(
            plan(bare.clone()),
            Plan {
                headline: vec![2, 3],
                key_figures: vec![0, 1, 4, 5, 6],
            }
        );
        assert_eq!(
            plan(testing::fixture()),
            Plan {
                headline: vec![2, 3],
                key_figures: vec![4, 0, 1, 5],
            }
        );
        let lines = testing::lines(&app_over(bare, Filter::default(), 80, 30));
        let at = |text: &str| {
            lines
                .iter()
                .position(|l| l.contains(text))
                .unwrap_or_else(|| panic!("{text}: {lines:#?}"))
        };
        assert!(at("1,000,000 subscribers") < at("800 people"));
        assert!(at("800 people") < at("1,234 km"));
        assert!(at("1,234 km") < at("up to 50,000 computers"));
    }

    #[test]
    fn a_headline_figure_that_is_no_ratio_has_no_bar() {
        let mut dataset = testing::fixture();
        dataset.dashboard = Some(Dashboard {
            headline: vec!["cable-length".into()],
            key_figures: vec![],
        });
        let lines = testing::lines(&app_over(dataset, Filter::default(), 80, 24));
        assert_line(&lines, &["── Headline ·"]);
        let cable = line_with(&lines, &["Optical cable length", "1,234 km"]).expect("the cable's row");
        assert!(!cable.contains('░') && !cable.contains('█'), "{cable}");
        // The ratios in view are counted, pointing to where they are.
        assert_line(&lines, &["… 4 ratio quantities in view: see Indicators (3)"]);
    }

    #[test]
    fn a_sparkline_rises_by_eighths_from_the_lowest_figure_to_the_highest() {
        let spark = |highs: Vec<Option<f64>>, log| Spark {
            first_year: 2000,
            highs,
            log,
        };
        // 0 to 70 in tens: one eighth a step; a year without a figure is blank.
        let linear = spark(vec![Some(0.0), Some(10.0), None, Some(30.0), Some(70.0)], false);
        assert_eq!(sparkline(&linear, 5), "▁▂ ▄█");
        // Two years a column when there are more years than columns, by
        // the higher: 10, 30 and 70, from the lowest of them up.
        assert_eq!(sparkline(&linear, 3), "▁▃█");
        // By logarithm: 10, 100, 1,000 are evenly spaced.
        let log = spark(vec![Some(10.0), Some(100.0), Some(1000.0)], true);
        assert_eq!(sparkline(&log, 3), "▁▅█");
        // One figure: a middle height.
        assert_eq!(sparkline(&spark(vec![Some(5.0)], false), 4), "▄");
    }

    #[test]
    fn the_selection_moves_through_rows_years_and_categories_and_enter_drills_down() {
        use crate::tui::action::Action;
        let mut app = app(Filter::default(), 160, 48);
        let items = layout::items(app.overview(), app.body());
        // Four gauges, four key figures, sixteen categories (beside them on
        // a wide screen), then the chart across the bottom.
        assert_eq!(items.len(), 4 + 4 + 16 + 1, "{items:?}");
        assert_eq!(&items[7..9], [Item::Figure(3), Item::Category(0)]);
        assert_eq!(items[24], Item::Chart);
        // The first gauge is selected: Northland's coverage.
        let lines = testing::lines(&app);
        assert_line(&lines, &["▶ Population covered", "NL"]);
        app.update(Action::Move(24));
        assert_eq!(app.view().across(&app), Some(48), "1965 to 2012");
        // Right along the years, to 2010 (45 years after 1965).
        for _ in 0..45 {
            app.update(Action::Across(1));
        }
        let lines = testing::lines(&app);
        assert_line(&lines, &["▲2010"]);
        app.update(Action::Open);
        assert_eq!(app.view().title(), "Records");
        assert_eq!((app.filter().from, app.filter().to), (Some(2010), Some(2010)));
        assert_eq!(app.derived().view.len(), 4, "the bar's four records");
    }

    #[test]
    fn sources_section_says_so_when_nothing_is_in_view() {
        let nothing = Filter {
            search: "no such text anywhere".into(),
            ..Filter::default()
        };
        // The sizes where the sources' section is drawn with nothing in view:
        // the line under its heading says why it is empty.
        for (width, height) in [(60, 15), (80, 24)] {
            let lines = testing::lines(&app(nothing.clone(), width, height));
            let heading = lines.iter().position(|l| l.starts_with("── Sources in view"));
            let at = heading.unwrap_or_else(|| panic!("{width}x{height}: {lines:#?}"));
            assert_eq!(lines[at + 1].trim_end(), "No records in view", "{width}x{height}: {lines:#?}");
        }
    }

    #[test]
    fn sections_stay_inside_the_body_and_apart_at_any_size() {
        let filters = [
            Filter::default(),
            years(2000, 2010),
            Filter {
                search: "no such text anywhere".into(),
                ..Filter::default()
            },
        ];
        for filter in filters {
            for (width, height) in [
                (60, 15),
                (80, 24),
                (100, 30),
                (120, 24),
                (120, 30),
                (160, 48),
                (250, 70),
            ] {
                let app = app(filter.clone(), width, height);
                let body = app.body();
                let parts = layout::sections(app.overview(), body);
                assert!(!parts.is_empty());
                for (i, (part, area)) in parts.iter().enumerate() {
                    assert!(
                        body.contains(area.as_position()) && area.bottom() <= body.bottom(),
                        "{part:?} at {width}x{height}"
                    );
                    assert!(area.right() <= body.right(), "{part:?} at {width}x{height}");
                    for (other, next) in &parts[i + 1..] {
                        assert!(
                            !area.intersects(*next),
                            "{part:?} and {other:?} overlap at {width}x{height}"
                        );
                    }
                }
                let lines = testing::lines(&app);
                // At 60 columns the tabs' titles are cut to fit.
                assert!(
                    lines[0].starts_with(" 1 Overv") && lines[0].contains("6 Sour"),
                    "the header is intact at {width}x{height}"
                );
            }
        }
    }
}
