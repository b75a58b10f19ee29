//! The filter at a glance: headline ratios as gauges, key figures, records
//! per year and counts by category. Every figure carries its year (or
//! "n.d.") and its source id, so none of them floats free of where it came
//! from. Sections give way, whole, on small screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::data::{Category, Indicator, Qualifier, Record};
use crate::model::{Model, RecordIx, YearSpan, format};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, truncate};

pub const KEYS: &[(&str, &str)] = &[("[ ] { }", "shift years")];

/// Ratios drawn first, in this order, and named when the filter hides them;
/// any other ratio in view follows in the dataset's order.
const HEADLINE_RATIOS: [&str; 3] = ["line-digitization-rate", "teledensity", "ideology-curriculum-share"];

/// At most this many gauges in all, and this many for one indicator.
const MAX_GAUGES: usize = 8;
const GAUGES_PER_INDICATOR: usize = 3;

/// The key figures, in the order they are listed.
const KEY_FIGURES: [&str; 5] = [
    "fiber-optic-length",
    "pc-stock",
    "pc-production",
    "telephone-lines",
    "it-workforce",
];

/// Bodies at least this wide put the categories beside the gauges and
/// figures, and the chart across the whole width below them.
const WIDE: u16 = 120;

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const LEFT_EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let facts = &app.derived.overview;
    for (part, area) in arrange(facts, body) {
        let lines = match part {
            Part::Ratios => ratio_lines(facts, app.theme, area),
            Part::Figures => figure_lines(facts, app.theme, area),
            Part::Chart => chart_lines(facts, app.theme, area),
            Part::Categories => category_lines(facts, app.theme, area),
            Part::Sources => source_lines(facts, app.theme, area),
        };
        frame.render_widget(Paragraph::new(lines), area);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Ratios,
    Figures,
    Chart,
    Categories,
    Sources,
}

/// Where each section goes. Wide bodies: gauges and figures on the left,
/// categories on the right, the chart across the bottom. Otherwise one
/// column, sections in order of importance, each whole or not at all.
fn arrange(facts: &Facts, body: Rect) -> Vec<(Part, Rect)> {
    let ratios = 1 + facts.ratio_rows() as u16;
    let figures = 1 + facts.figure_rows() as u16;
    let categories_full = 1 + facts.categories.len().max(1) as u16;
    let sources = 1 + facts.sources.len().max(1) as u16;
    let top = (ratios + 1 + figures).max(categories_full);
    if body.width >= WIDE && body.height >= top + 1 + CHART_MIN {
        let [upper, chart] = Layout::vertical([Constraint::Length(top), Constraint::Min(0)])
            .spacing(1)
            .areas(body);
        let right_width = (body.width * 36 / 100).clamp(40, 60);
        let [left, right] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)])
            .spacing(3)
            .areas(upper);
        let mut parts = place(left, &[(Part::Ratios, ratios), (Part::Figures, figures)], 1);
        let used = ratios + 1 + figures;
        // Spare rows under the figures list the sources behind the view.
        if left.height >= used + 1 + sources {
            let rest = Rect {
                y: left.y + used + 1,
                height: sources,
                ..left
            };
            parts.push((Part::Sources, rest));
        }
        parts.push((Part::Categories, right));
        parts.push((Part::Chart, chart));
        return parts;
    }
    let flow = 1 + category_flow(facts, body.width as usize, usize::MAX).len().max(1) as u16;
    let wants = [
        (Part::Ratios, 3.min(ratios), ratios),
        (Part::Figures, 3.min(figures), figures),
        (Part::Chart, CHART_MIN, CHART_MIN),
        (Part::Categories, 2, flow),
    ];
    let mut chosen: Vec<(Part, u16)> = Vec::new();
    let mut spare = body.height;
    for (part, min, want) in wants {
        if spare < min.max(1) {
            break;
        }
        let height = want.min(spare);
        chosen.push((part, height));
        spare -= height;
    }
    // Rows to spare go to, in turn: categories as bars rather than a flowing
    // list, a blank row between sections, a taller chart, the sources.
    if let Some((_, height)) = chosen.iter_mut().find(|(p, h)| *p == Part::Categories && *h == flow) {
        let upgrade = categories_full.saturating_sub(flow);
        if spare >= upgrade {
            *height += upgrade;
            spare -= upgrade;
        }
    }
    let gaps = chosen.len().saturating_sub(1) as u16;
    let gap = u16::from(spare >= gaps);
    spare -= gaps * gap;
    if let Some((_, height)) = chosen
        .iter_mut()
        .find(|(p, _)| *p == Part::Chart && facts.chart.is_some())
    {
        let by = spare.min(CHART_MAX.saturating_sub(*height));
        *height += by;
        spare -= by;
    }
    if chosen.len() == 4 && spare >= sources + gap {
        chosen.push((Part::Sources, sources));
    }
    place(body, &chosen, gap)
}

/// Stacks sections top-down, `gap` blank rows apart.
fn place(area: Rect, parts: &[(Part, u16)], gap: u16) -> Vec<(Part, Rect)> {
    let mut y = area.y;
    let mut placed = Vec::new();
    for &(part, height) in parts {
        let height = height.min(area.bottom().saturating_sub(y));
        placed.push((part, Rect { y, height, ..area }));
        y = (y + height + gap).min(area.bottom());
    }
    placed
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

// ---------------------------------------------------------------- the facts

/// Everything the overview shows, worked out once per frame from the view.
/// What the Overview shows, worked out once per filter change (`App::refresh`).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    gauges: Vec<Gauge>,
    /// Ratio claims in view without a gauge of their own (see Indicators).
    more_gauges: usize,
    /// Headline ratios in the dataset but not in view (their names).
    hidden_ratios: Vec<String>,
    figures: Vec<KeyFigure>,
    hidden_figures: Vec<String>,
    chart: Option<YearChart>,
    undated: usize,
    categories: Vec<(Category, usize)>,
    sources: Vec<(String, String, usize)>,
    in_view: usize,
}

#[derive(Debug, Clone)]
struct Gauge {
    /// The indicator's name; empty on the second and later gauges of one indicator.
    name: String,
    entity: String,
    value: String,
    when: String,
    source: String,
    /// Where the bar ends, out of 100 (`low` and `high` differ for ranges).
    low: f64,
    high: f64,
}

#[derive(Debug, Clone)]
struct KeyFigure {
    name: String,
    figure: String,
    detail: String,
    /// A longer detail (naming every source) to use when it fits.
    full_detail: Option<String>,
}

#[derive(Debug, Clone)]
struct YearChart {
    span: YearSpan,
    counts: Vec<usize>,
}

impl Facts {
    pub fn new(app: &App) -> Self {
        let model = &app.model;
        let view = &app.derived.view;
        let indicators = &model.dataset().indicators;
        let in_view = |id: &str| -> &[RecordIx] {
            app.derived
                .indicators
                .iter()
                .find(|row| indicators[row.indicator].id == id)
                .map_or(&[], |row| row.observations.as_slice())
        };

        let mut ratio_ids: Vec<&str> = HEADLINE_RATIOS.to_vec();
        for row in &app.derived.indicators {
            let indicator = &indicators[row.indicator];
            if is_ratio(indicator) && !ratio_ids.contains(&indicator.id.as_str()) {
                ratio_ids.push(&indicator.id);
            }
        }
        let mut gauges = Vec::new();
        let mut more_gauges = 0;
        let mut hidden_ratios = Vec::new();
        for id in ratio_ids {
            let Some(indicator) = model.indicator(id) else { continue };
            let claims = in_view(id);
            if claims.is_empty() {
                hidden_ratios.push(indicator.name.clone());
            }
            // A few gauges an indicator: a large dataset must not push the
            // rest of the overview off the screen.
            let room = GAUGES_PER_INDICATOR.min(MAX_GAUGES.saturating_sub(gauges.len()));
            let shown: Vec<Gauge> = claims
                .iter()
                .take(room)
                .enumerate()
                .filter_map(|(n, &ix)| Gauge::new(model, indicator, ix, n == 0))
                .collect();
            more_gauges += claims.len() - shown.len();
            gauges.extend(shown);
        }

        let mut figures = Vec::new();
        let mut hidden_figures = Vec::new();
        for id in KEY_FIGURES {
            let Some(indicator) = model.indicator(id) else { continue };
            match KeyFigure::new(model, indicator, in_view(id)) {
                Some(figure) => figures.push(figure),
                None => hidden_figures.push(indicator.name.clone()),
            }
        }

        let mut categories = model.counts_by_category(view);
        categories.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut sources: Vec<(String, String, usize)> = model
            .counts_by_source(view)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s.id.clone(), s.title.clone(), n))
            .collect();
        sources.sort_by_key(|s| std::cmp::Reverse(s.2));

        Self {
            gauges,
            more_gauges,
            hidden_ratios,
            figures,
            hidden_figures,
            chart: YearChart::new(app),
            undated: view.len() - app.derived.timeline.len(),
            categories,
            sources,
            in_view: view.len(),
        }
    }

    fn ratio_rows(&self) -> usize {
        self.gauges.len()
            + usize::from(self.more_gauges > 0)
            + usize::from(!self.hidden_ratios.is_empty() || self.gauges.is_empty())
    }

    fn figure_rows(&self) -> usize {
        self.figures.len() + usize::from(!self.hidden_figures.is_empty() || self.figures.is_empty())
    }
}

/// Shares and rates out of a hundred: drawn as gauges.
fn is_ratio(indicator: &Indicator) -> bool {
    indicator.unit == "%" || per_hundred(indicator)
}

fn per_hundred(indicator: &Indicator) -> bool {
    indicator.unit.contains("per 100 ") || indicator.unit.ends_with("per 100")
}

/// Whether `format::figure` has something to say about the record.
fn has_figure(record: &Record) -> bool {
    match record.qualifier {
        Some(Qualifier::Range) => record.low.is_some() && record.high.is_some(),
        Some(_) => record.value.is_some(),
        None => false,
    }
}

/// `n.d.` for undated records, otherwise the date or period.
fn when_or_nd(record: &Record) -> String {
    if record.date.is_none() && record.period.is_none() {
        "n.d.".to_owned()
    } else {
        format::when(record)
    }
}

impl Gauge {
    fn new(model: &Model, indicator: &Indicator, ix: RecordIx, first: bool) -> Option<Self> {
        let record = model.record(ix);
        let figure = format::figure(record)?;
        let (low, high) = match record.qualifier? {
            Qualifier::Range => (record.low?, record.high?),
            _ => (record.value?, record.value?),
        };
        let value = if per_hundred(indicator) {
            format!("{figure} per 100")
        } else {
            format!("{figure}{}", indicator.unit)
        };
        Some(Self {
            name: if first { indicator.name.clone() } else { String::new() },
            entity: model.entities_of(ix).next().map_or("—", format::short_name).to_owned(),
            value,
            when: when_or_nd(record),
            source: record.source.clone(),
            low,
            high,
        })
    }
}

impl KeyFigure {
    /// One claim: its figure, date and source. Several that agree: the
    /// figure once, with how many. Several that disagree: the range of
    /// what they claim, with how many claims from how many sources.
    fn new(model: &Model, indicator: &Indicator, claims: &[RecordIx]) -> Option<Self> {
        // Figures are compared as the numbers they are, not formatted, so a
        // view of 100,000 records costs no strings.
        let claim = |ix: &RecordIx| {
            let r = model.record(*ix);
            (r.qualifier, r.value, r.low, r.high)
        };
        let claims: Vec<RecordIx> = claims
            .iter()
            .copied()
            .filter(|&ix| has_figure(model.record(ix)))
            .collect();
        let first = *claims.first()?;
        let record = model.record(first);
        let mut sources: Vec<&str> = claims.iter().map(|&ix| model.record(ix).source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        let name = indicator.name.clone();
        let from = if sources.len() == 1 {
            sources[0].to_owned()
        } else {
            format::plural(sources.len(), "source")
        };
        let claims_from = format!("{} claims from {from}", claims.len());
        let full_detail = (sources.len() > 1).then(|| format!("{claims_from}: {}", sources.join(", ")));
        if claims.iter().all(|ix| claim(ix) == claim(&first)) {
            let when = when_or_nd(record);
            let same_when = claims.iter().all(|&ix| {
                let r = model.record(ix);
                (r.date, r.period) == (record.date, record.period)
            });
            let detail = match claims.len() {
                1 => format!("{when} · {}", record.source),
                n if same_when && sources.len() == 1 => format!("{when} · {} (×{n})", record.source),
                _ => claims_from,
            };
            return Some(Self {
                name,
                figure: format::figure_with_unit(record, &indicator.unit)?,
                detail,
                full_detail,
            });
        }
        let bounds = claims.iter().filter_map(|&ix| {
            let r = model.record(ix);
            Some((r.low.or(r.value)?, r.high.or(r.value)?))
        });
        let (low, high) = bounds.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (l, h)| {
            (lo.min(l), hi.max(h))
        });
        Some(Self {
            name,
            figure: format!(
                "{} – {}{}",
                format::number(low),
                format::number(high),
                format::unit_suffix(&indicator.unit)
            ),
            detail: claims_from,
            full_detail,
        })
    }
}

// ---------------------------------------------------------- headline ratios

fn ratio_lines(facts: &Facts, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let scale = if facts.gauges.iter().any(|g| g.value.ends_with("per 100")) {
        "bars out of 100 (percent, or per 100 people)"
    } else {
        "bars out of 100%"
    };
    let mut lines = vec![heading("Headline ratios", scale, width, theme)];
    let col = |f: fn(&Gauge) -> &str, cap: usize| facts.gauges.iter().map(|g| f(g).width()).max().unwrap_or(0).min(cap);
    let entity_w = col(|g| &g.entity, 10);
    let value_w = col(|g| &g.value, 16);
    let when_w = col(|g| &g.when, 10);
    let source_w = col(|g| &g.source, 26);
    let name_max = col(|g| &g.name, 36);
    let fixed = entity_w + value_w + when_w + source_w + 5;
    let room = width.saturating_sub(fixed);
    let bar_min = if width >= 100 {
        20
    } else if width >= 72 {
        12
    } else {
        8
    };
    let (name_w, bar_w) = if room >= name_max + bar_min {
        (name_max, (room - name_max - 1).min(50))
    } else {
        let bar = bar_min.min(room / 2);
        (room.saturating_sub(bar + 1), bar)
    };
    for g in &facts.gauges {
        let mut spans = vec![
            Span::raw(format!("{} ", fit(&g.name, name_w))),
            Span::styled(format!("{} ", fit(&g.entity, entity_w)), theme.accent()),
        ];
        spans.extend(gauge_bar(g.low / 100.0, g.high / 100.0, bar_w, theme));
        spans.push(Span::styled(format!(" {:>value_w$}", g.value), theme.figure()));
        spans.push(Span::styled(
            format!(" {} {}", fit(&g.when, when_w), truncate(&g.source, source_w)),
            theme.dim(),
        ));
        lines.push(Line::from(spans));
    }
    if facts.more_gauges > 0 {
        let n = facts.more_gauges;
        let text = format!(
            "… {n} more ratio {} in view: see Indicators (3)",
            if n == 1 { "claim" } else { "claims" }
        );
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    if facts.gauges.is_empty() && facts.hidden_ratios.is_empty() {
        lines.push(Line::styled("No ratios in view", theme.dim()));
    } else if !facts.hidden_ratios.is_empty() {
        let text = format!("Not in view: {}", facts.hidden_ratios.join(", "));
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    clip(lines, area, theme, "ratios (Indicators, 3)")
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

// -------------------------------------------------------------- key figures

fn figure_lines(facts: &Facts, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let mut lines = vec![heading("Key figures", "year or n.d. · source", width, theme)];
    let figure_w = facts
        .figures
        .iter()
        .map(|f| f.figure.width())
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(24));
    let name_max = facts.figures.iter().map(|f| f.name.width()).max().unwrap_or(0);
    // Names give way before any figure, date or source is cut.
    let name_w = (10..=name_max.max(10))
        .rev()
        .find(|&name_w| facts.figures.iter().all(|f| figure_row(f, name_w, figure_w, width).1))
        .unwrap_or(10);
    for f in &facts.figures {
        let ((figure, detail), _) = figure_row(f, name_w, figure_w, width);
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", fit(&f.name, name_w))),
            Span::styled(figure, theme.figure()),
            Span::styled(detail, theme.dim()),
        ]));
    }
    if facts.figures.is_empty() && facts.hidden_figures.is_empty() {
        lines.push(Line::styled("No key figures in view", theme.dim()));
    } else if !facts.hidden_figures.is_empty() {
        let text = format!("Not in view: {}", facts.hidden_figures.join(", "));
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    clip(lines, area, theme, "figures (Indicators, 3)")
}

/// The figure and detail cells of one row, and whether the detail fits
/// whole. The detail lines up in a column unless that would cut it and this
/// row's figure leaves room to start it sooner.
fn figure_row(f: &KeyFigure, name_w: usize, figure_w: usize, width: usize) -> ((String, String), bool) {
    let pick = |room: usize| match &f.full_detail {
        Some(full) if full.width() <= room => full.clone(),
        _ => f.detail.clone(),
    };
    let aligned = width.saturating_sub(name_w + figure_w + 2);
    if pick(aligned).width() <= aligned {
        return ((fit(&f.figure, figure_w), format!(" {}", pick(aligned))), true);
    }
    let figure = truncate(&f.figure, figure_w);
    let early = width.saturating_sub(name_w + figure.width() + 3);
    let detail = pick(early);
    let whole = detail.width() <= early;
    ((figure, format!("  {}", truncate(&detail, early))), whole)
}

// ---------------------------------------------------------- records per year

/// Heading, one row of bars, year labels.
const CHART_MIN: u16 = 3;
/// Taller than this the one-column chart stops growing.
const CHART_MAX: u16 = 14;

impl YearChart {
    /// Over the filter's years (within the dataset's), or the years of the
    /// records in view when the filter sets none.
    fn new(app: &App) -> Option<Self> {
        let model = &app.model;
        let timeline = &app.derived.timeline;
        let seen = model.year_span(timeline)?;
        let all = model.overall_span().unwrap_or(seen);
        let start = app.filter.from.map_or(seen.start, |from| from.max(all.start));
        let end = app.filter.to.map_or(seen.end, |to| to.min(all.end));
        let span = if start <= end { YearSpan { start, end } } else { seen };
        let counts = model
            .per_year_counts(timeline, span)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        Some(Self { span, counts })
    }

    /// The most records any year has, and the years that have it.
    fn peak(&self) -> (usize, Vec<i32>) {
        let max = self.counts.iter().copied().max().unwrap_or(0);
        let years = (self.span.start..)
            .zip(&self.counts)
            .filter(|&(_, &n)| n == max)
            .map(|(y, _)| y)
            .collect();
        (max, years)
    }
}

fn chart_lines(facts: &Facts, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let undated = match facts.undated {
        0 => String::new(),
        n => format!("{} not counted", format::plural(n, "undated record")),
    };
    let Some(chart) = &facts.chart else {
        let mut lines = vec![heading("Records per year", &undated, width, theme)];
        let text = match facts.undated {
            0 => "No records in view".to_owned(),
            _ => "No dated records in view".to_owned(),
        };
        lines.push(Line::styled(text, theme.dim()));
        return lines;
    };
    let (peak, peak_years) = chart.peak();
    let peak_year = peak_years[0];
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
    let mut lines = vec![heading("Records per year", &note, width, theme)];
    let rows = (area.height as usize).saturating_sub(2);
    if rows == 0 {
        return lines;
    }
    // A y axis and a rule once there is height for them.
    let axis = rows >= 3;
    let bar_rows = if axis { rows - 1 } else { rows };
    let margin = if axis { peak.to_string().len() + 1 } else { 0 };
    let years = chart.counts.len();
    let room = width.saturating_sub(margin).max(1);
    let per_column = years.div_ceil(room);
    let columns = years.div_ceil(per_column);
    let cell = if per_column == 1 {
        (room / years).clamp(1, 12)
    } else {
        1
    };
    let bar = if cell >= 2 { cell - 1 } else { 1 };
    let values: Vec<usize> = (0..columns)
        .map(|c| {
            chart.counts[c * per_column..((c + 1) * per_column).min(years)]
                .iter()
                .copied()
                .max()
                .unwrap_or(0)
        })
        .collect();
    let eighths: Vec<usize> = values
        .iter()
        .map(|&v| {
            if v == 0 || peak == 0 {
                0
            } else {
                (v * bar_rows * 8).div_ceil(peak).max(1)
            }
        })
        .collect();
    for row in 0..bar_rows {
        let floor = (bar_rows - 1 - row) * 8;
        let mut text = String::new();
        for &e in &eighths {
            let level = e.saturating_sub(floor).min(8);
            text.push_str(&EIGHTHS[level].repeat(bar));
            text.push_str(&" ".repeat(cell - bar));
        }
        let mut spans = Vec::new();
        if axis {
            let label = if row == 0 { peak.to_string() } else { String::new() };
            let tick = if row == 0 { "┤" } else { "│" };
            spans.push(Span::styled(format!("{label:>w$}{tick}", w = margin - 1), theme.dim()));
        }
        spans.push(Span::styled(text, theme.series(0)));
        lines.push(Line::from(spans));
    }
    if axis {
        let rule = format!(
            "{:>w$}└{}",
            0,
            "─".repeat((columns * cell).min(width.saturating_sub(margin))),
            w = margin - 1
        );
        lines.push(Line::styled(rule, theme.dim()));
    }
    let x_of = |year: i32| margin + ((year - chart.span.start) as usize / per_column) * cell;
    lines.push(year_labels(
        chart,
        peak_year,
        peak,
        width,
        margin + columns * cell,
        x_of,
        per_column * 6 / cell,
        theme,
    ));
    lines
}

/// The label row under the chart: first and last year, the peak (`▲`
/// under its bar) and round years between where they fit.
#[allow(clippy::too_many_arguments)]
fn year_labels(
    chart: &YearChart,
    peak_year: i32,
    peak: usize,
    width: usize,
    end: usize,
    x_of: impl Fn(i32) -> usize,
    min_step: usize,
    theme: Theme,
) -> Line<'static> {
    let mut row: Vec<Option<(char, bool)>> = vec![None; width];
    let place = |x: usize, text: &str, strong: bool, row: &mut Vec<Option<(char, bool)>>| {
        let w = text.chars().count();
        let lo = x.saturating_sub(1);
        let hi = (x + w + 1).min(width);
        if x + w > width || row[lo..hi].iter().any(Option::is_some) {
            return;
        }
        for (i, c) in text.chars().enumerate() {
            row[x + i] = Some((c, strong));
        }
    };
    let (first, last) = (chart.span.start, chart.span.end);
    place(x_of(first), &first.to_string(), false, &mut row);
    if last != first {
        let text = last.to_string();
        let x = x_of(last)
            .min(end.saturating_sub(text.len()))
            .min(width.saturating_sub(text.len()));
        place(x, &text, false, &mut row);
    }
    if peak > 0 {
        place(x_of(peak_year), &format!("▲{peak_year}"), true, &mut row);
    }
    let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|&s| s >= min_step.max(1))
        .unwrap_or(1000) as i32;
    let mut year = first + (step - first.rem_euclid(step)) % step;
    while year < last {
        place(x_of(year), &year.to_string(), false, &mut row);
        year += step;
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_strong = false;
    for cell in row {
        let (c, strong) = cell.unwrap_or((' ', false));
        if strong != run_strong && !run.is_empty() {
            let style = if run_strong { theme.accent() } else { theme.dim() };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_strong = strong;
        run.push(c);
    }
    let style = if run_strong { theme.accent() } else { theme.dim() };
    spans.push(Span::styled(run.trim_end().to_owned(), style));
    Line::from(spans)
}

// --------------------------------------------------------------- categories

fn category_lines(facts: &Facts, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let rows = (area.height as usize).saturating_sub(1);
    let note = format!("{} records, by count", facts.in_view);
    let mut lines = vec![heading("By category", &note, width, theme)];
    if facts.categories.is_empty() {
        lines.push(Line::styled("No records in view", theme.dim()));
        return lines;
    }
    if rows >= facts.categories.len() {
        lines.extend(category_bars(facts, width, theme));
    } else {
        lines.extend(category_flow(facts, width, rows).into_iter().map(|spans| {
            Line::from(
                spans
                    .into_iter()
                    .map(|(text, kind)| match kind {
                        Piece::Label => Span::raw(text),
                        Piece::Count => Span::styled(text, theme.figure()),
                        Piece::Gap => Span::styled(text, theme.dim()),
                    })
                    .collect::<Vec<_>>(),
            )
        }));
    }
    lines
}

/// One row per category: name, count, share of the view, bar.
fn category_bars(facts: &Facts, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let max = facts.categories.first().map_or(1, |c| c.1).max(1);
    let count_w = max.to_string().len();
    let label_w = facts
        .categories
        .iter()
        .map(|(c, _)| c.label().width())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let bar_w = width.saturating_sub(label_w + count_w + 8).min(40);
    facts
        .categories
        .iter()
        .map(|&(category, n)| {
            let percent = (n * 100 + facts.in_view / 2) / facts.in_view.max(1);
            let share = if percent == 0 {
                " <1%".to_owned()
            } else {
                format!("{percent:>3}%")
            };
            let mut spans = vec![
                Span::raw(format!("{} ", fit(category.label(), label_w))),
                Span::styled(format!("{n:>count_w$}"), theme.figure()),
                Span::styled(format!(" {share} "), theme.dim()),
            ];
            spans.extend(
                gauge_bar(n as f64 / max as f64, n as f64 / max as f64, bar_w, theme)
                    .into_iter()
                    .take(1),
            );
            Line::from(spans)
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Piece {
    Label,
    Count,
    Gap,
}

/// Categories as `Label count` entries flowing across lines, never split;
/// when they need more than `rows` lines, the last ends with `… N more`.
fn category_flow(facts: &Facts, width: usize, rows: usize) -> Vec<Vec<(String, Piece)>> {
    let entries: Vec<(String, String)> = facts
        .categories
        .iter()
        .map(|(c, n)| (c.label().to_owned(), n.to_string()))
        .collect();
    let layout = |shown: usize| -> Vec<Vec<(String, Piece)>> {
        let mut lines: Vec<Vec<(String, Piece)>> = vec![Vec::new()];
        let mut used = 0;
        let hidden = entries.len() - shown;
        let more = (hidden > 0).then(|| (format!("… {hidden} more"), String::new()));
        for (label, count) in entries[..shown].iter().chain(more.iter()) {
            let w = label.width() + 1 + count.width();
            if used > 0 && used + 3 + w > width {
                lines.push(Vec::new());
                used = 0;
            }
            let line = lines.last_mut().expect("there is always a line");
            if used > 0 {
                line.push(("  ".to_owned(), Piece::Gap));
                used += 2;
            }
            line.push((truncate(label, width.saturating_sub(count.width() + 1)), Piece::Label));
            if !count.is_empty() {
                line.push((format!(" {count}"), Piece::Count));
            }
            used += w;
        }
        lines
    };
    let mut shown = entries.len();
    let mut lines = layout(shown);
    while lines.len() > rows.max(1) && shown > 0 {
        shown -= 1;
        lines = layout(shown);
    }
    lines
}

// ------------------------------------------------------------------ sources

fn source_lines(facts: &Facts, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let mut lines = vec![heading(
        "Sources in view",
        "records · id · title (Sources, 6)",
        width,
        theme,
    )];
    let id_w = facts
        .sources
        .iter()
        .map(|s| s.0.width())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let count_w = facts.sources.iter().map(|s| s.2.to_string().len()).max().unwrap_or(1);
    for (id, title, n) in &facts.sources {
        let title_w = width.saturating_sub(count_w + id_w + 2);
        lines.push(Line::from(vec![
            Span::styled(format!("{n:>count_w$} "), theme.figure()),
            Span::raw(format!("{} ", fit(id, id_w))),
            Span::styled(truncate(title, title_w), theme.dim()),
        ]));
    }
    clip(lines, area, theme, "sources")
}

#[cfg(test)]
mod tests {
    use crate::tui::testing;

    use super::*;
    use crate::model::Filter;

    use crate::tui::layout;
    use crate::tui::views::ViewKind;

    fn app(filter: Filter, width: u16, height: u16) -> App {
        testing::app_on(ViewKind::Overview, testing::embedded(), filter, width, height)
    }

    fn screen(app: &App) -> Vec<String> {
        testing::lines(app)
    }

    fn line_with<'a>(lines: &'a [String], parts: &[&str]) -> Option<&'a String> {
        lines.iter().find(|l| parts.iter().all(|p| l.contains(p)))
    }

    #[test]
    fn gauges_show_value_entity_year_and_source() {
        for (width, height) in [(80, 24), (160, 48)] {
            let lines = screen(&app(Filter::default(), width, height));
            assert!(
                line_with(
                    &lines,
                    &[
                        "Digitised communication lines",
                        "ROK",
                        "65.1%",
                        "n.d.",
                        "lee-it-progress"
                    ]
                )
                .is_some()
            );
            assert!(line_with(&lines, &["DPRK", "4.6%", "n.d.", "lee-it-progress"]).is_some());
            assert!(
                line_with(
                    &lines,
                    &["Telephone lines per 100 people", "5 per 100", "1997", "lee-it-progress"]
                )
                .is_some()
            );
            assert!(line_with(&lines, &["Curriculum on ideology", "41.2%"]).is_some());
            assert!(line_with(&lines, &["bars out of 100"]).is_some(), "the scale is stated");
        }
    }

    #[test]
    fn key_figures_give_the_it_workforce_as_a_range_of_claims() {
        let app = app(Filter::default(), 80, 24);
        let claims = app.model.filter(&Filter {
            indicator: Some("it-workforce".into()),
            ..Filter::default()
        });
        let mut sources: Vec<&str> = claims.iter().map(|&ix| app.model.record(ix).source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        let expected = format!("{} claims from {} sources", claims.len(), sources.len());
        let lines = screen(&app);
        assert!(
            line_with(&lines, &["IT workforce", "60 – 100,000 people", &expected]).is_some(),
            "{lines:#?}"
        );
        assert!(line_with(&lines, &["Optical cable length", "5,615 km", "n.d. · lee-it-progress"]).is_some());
        assert!(
            line_with(
                &lines,
                &["Telephone lines", "up to 1,200,000 lines", "1997 · lee-it-progress"]
            )
            .is_some()
        );
    }

    #[test]
    fn a_year_filter_says_which_ratios_and_figures_it_hides() {
        let filter = Filter {
            from: Some(1990),
            to: Some(2002),
            ..Filter::default()
        };
        let lines = screen(&app(filter, 80, 24));
        assert!(
            line_with(
                &lines,
                &["Not in view: Digitised communication lines, Curriculum on ideology"]
            )
            .is_some()
        );
        assert!(line_with(&lines, &["Not in view: Optical cable length"]).is_some());
        assert!(
            line_with(&lines, &["5 per 100", "1997"]).is_some(),
            "the dated ratio stays"
        );
        assert!(
            line_with(&lines, &["1990", "2002"]).is_some(),
            "the chart spans the filter's years"
        );
    }

    #[test]
    fn records_per_year_names_its_peak_and_counts_the_undated() {
        let app = app(Filter::default(), 80, 24);
        let undated = app.derived.view.len() - app.derived.timeline.len();
        let span = app.model.year_span(&app.derived.timeline).expect("dated records");
        let counts = app.model.per_year_counts(&app.derived.timeline, span);
        let peak = counts.iter().map(|c| c.1).max().expect("years");
        let first_peak = counts.iter().find(|c| c.1 == peak).expect("a peak").0;
        let lines = screen(&app);
        let heading = line_with(&lines, &["Records per year"]).expect("the chart's heading");
        assert!(heading.contains(&format!("peak {peak} in {first_peak}")), "{heading}");
        assert!(
            heading.contains(&format!("{undated} undated records not counted")),
            "{heading}"
        );
        let labels = line_with(
            &lines,
            &[
                &span.start.to_string(),
                &span.end.to_string(),
                &format!("▲{first_peak}"),
            ],
        );
        assert!(labels.is_some(), "first, last and peak years are labelled: {lines:#?}");
    }

    #[test]
    fn categories_are_listed_by_count_with_their_counts() {
        let app = app(Filter::default(), 80, 40);
        let lines = screen(&app);
        let mut counts = app.model.counts_by_category(&app.derived.view);
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let rows: Vec<usize> = counts
            .iter()
            .map(|(c, n)| {
                lines
                    .iter()
                    .position(|l| l.starts_with(c.label()) && l.contains(&format!(" {n} ")))
                    .unwrap_or_else(|| panic!("{} with {n} is listed: {lines:#?}", c.label()))
            })
            .collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]), "sorted by count");
    }

    #[test]
    fn sections_stay_inside_the_body_and_apart_at_any_size() {
        let filters = [
            Filter::default(),
            Filter {
                from: Some(1990),
                to: Some(2002),
                ..Filter::default()
            },
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
                let body = layout::screen(app.area).body;
                let facts = Facts::new(&app);
                let parts = arrange(&facts, body);
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
                let lines = screen(&app);
                assert!(
                    lines[0].contains("1 Overview"),
                    "the header is intact at {width}x{height}"
                );
            }
        }
    }
}
