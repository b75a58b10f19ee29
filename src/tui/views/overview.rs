//! The filter at a glance: headline gauges, key figures, records per year
//! and counts by category. Every figure carries its year (or "n.d.") and its
//! source id, so none of them floats free of where it came from. What it
//! shows is worked out per filter change (`derived::overview`); where each
//! section goes, in `layout::overview`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::indicators::Indicators;
use super::sources::Sources;
use crate::model::{RecordIx, format};
use crate::tui::app::{App, List, View};
use crate::tui::derived::overview::{Facts, Gauge, KeyFigure};
use crate::tui::keys::{self, Hint};
use crate::tui::layout::overview::{self as layout, Part, Piece};
use crate::tui::text::{fit, shown, truncate};
use crate::tui::theme::Theme;
use crate::tui::widgets::histogram::Histogram;

pub struct Overview;

const KEYS: &[Hint] = &[Hint {
    rows: &[keys::SHIFT_FROM, keys::SHIFT_TO],
    does: "shift years",
}];

impl View for Overview {
    fn title(&self) -> &'static str {
        "Overview"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    /// It lists nothing to select.
    fn list(&self, _app: &App, _body: Rect) -> List {
        List::default()
    }

    fn selected_record(&self, _app: &App) -> Option<RecordIx> {
        None
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        let facts = &app.derived().overview;
        let theme = app.theme;
        let refs = Refs::new(app);
        for (part, area) in layout::sections(facts, body) {
            let lines = match part {
                Part::Gauges => gauge_lines(facts, &refs, theme, area),
                Part::Figures => figure_lines(facts, &refs, theme, area),
                Part::Chart => {
                    render_chart(facts, theme, frame, area);
                    continue;
                }
                Part::Categories => category_lines(facts, theme, area),
                Part::Sources => source_lines(facts, &refs, theme, area),
            };
            frame.render_widget(Paragraph::new(lines), area);
        }
    }
}

const LEFT_EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// How the Overview's notes name other views.
struct Refs {
    /// `Indicators (3)`.
    indicators: String,
    /// In brackets after a note: `Indicators, 3`.
    indicators_aside: String,
    sources_aside: String,
}

impl Refs {
    fn new(app: &App) -> Self {
        let aside = |name: Option<(&str, usize)>| name.map_or(String::new(), |(title, key)| format!("{title}, {key}"));
        Self {
            indicators: app.label_of::<Indicators>(),
            indicators_aside: aside(app.name_of::<Indicators>()),
            sources_aside: aside(app.name_of::<Sources>()),
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

// ---------------------------------------------------------- headline gauges

fn gauge_lines(facts: &Facts, refs: &Refs, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let scale = if facts.gauges.iter().any(|g| g.value.ends_with("per 100")) {
        "bars out of 100 (percent, or per 100 people)"
    } else if facts.gauges.iter().any(|g| g.bar.is_some()) {
        "bars out of 100%"
    } else {
        ""
    };
    // A headline the dataset names may hold figures that are no ratios.
    let title = if facts.gauges.iter().all(|g| g.bar.is_some()) {
        "Headline ratios"
    } else {
        "Headline"
    };
    let mut lines = vec![heading(title, scale, width, theme)];
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
        match g.bar {
            Some((low, high)) => spans.extend(gauge_bar(low / 100.0, high / 100.0, bar_w, theme)),
            None => spans.push(Span::raw(" ".repeat(bar_w))),
        }
        spans.push(Span::styled(format!(" {:>value_w$}", shown(&g.value)), theme.figure()));
        spans.push(Span::styled(
            format!(" {} {}", fit(&g.when, when_w), truncate(&g.source, source_w)),
            theme.dim(),
        ));
        lines.push(Line::from(spans));
    }
    if facts.more_gauges > 0 {
        let n = facts.more_gauges;
        let text = format!(
            "… {n} more ratio {} in view: see {}",
            if n == 1 { "claim" } else { "claims" },
            refs.indicators
        );
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    if facts.gauges.is_empty() && facts.hidden_gauges.is_empty() {
        lines.push(Line::styled("No ratios in view", theme.dim()));
    } else if !facts.hidden_gauges.is_empty() {
        let text = format!("Not in view: {}", facts.hidden_gauges.join(", "));
        lines.push(Line::styled(truncate(&text, width), theme.dim()));
    }
    clip(lines, area, theme, &format!("ratios ({})", refs.indicators_aside))
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

fn figure_lines(facts: &Facts, refs: &Refs, theme: Theme, area: Rect) -> Vec<Line<'static>> {
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
    clip(lines, area, theme, &format!("figures ({})", refs.indicators_aside))
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

/// The heading, with as many notes as fit, and the histogram under it.
fn render_chart(facts: &Facts, theme: Theme, frame: &mut Frame, area: Rect) {
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
        theme,
    };
    frame.render_widget(histogram, bars);
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
        lines.extend(layout::category_flow(facts, width, rows).into_iter().map(|spans| {
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

// ------------------------------------------------------------------ sources

fn source_lines(facts: &Facts, refs: &Refs, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let width = area.width as usize;
    let note = format!("records · id · title ({})", refs.sources_aside);
    let mut lines = vec![heading("Sources in view", &note, width, theme)];
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
    fn gauges_show_value_entity_year_and_source_in_the_dashboards_order() {
        for (width, height) in [(80, 24), (160, 48)] {
            let lines = testing::lines(&app(Filter::default(), width, height));
            assert_line(&lines, &["Headline ratios", "bars out of 100 (percent, or per 100 people)"]);
            assert_line(&lines, &["Population covered", "NL", "60%", "2011", "gamma-yearbook"]);
            assert_line(&lines, &["NL", "about 45.5%", "n.d.", "beta-blog"]);
            assert_line(&lines, &["SL", "95%", "n.d.", "beta-blog"]);
            assert_line(&lines, &["Telephone lines per 100 people", "NL", "3.2 per 100", "1999", "alpha-review"]);
            let at = |text: &str| lines.iter().position(|l| l.contains(text)).unwrap();
            assert!(at("Population covered") < at("Telephone lines per 100 people"));
        }
    }

    #[test]
    fn key_figures_give_one_claim_whole_and_disagreeing_claims_as_a_range() {
        let lines = testing::lines(&app(Filter::default(), 80, 24));
        assert_line(&lines, &["Optical cable length", "1,234 km (est.)", "2005-03-15 · alpha-review"]);
        assert_line(&lines, &["ExampleNet subscribers", "1,000 – 1,000,000 subscribers", "5 claims from 2 sources"]);
        assert_line(&lines, &["Institute staff", "500 – 2,000 people", "3 claims from 2 sources"]);
        assert_line(&lines, &["Computers in use", "up to 50,000 computers", "n.d. · beta-blog"]);
    }

    #[test]
    fn a_year_filter_says_which_gauges_and_figures_it_hides() {
        let lines = testing::lines(&app(years(2000, 2010), 80, 24));
        assert_line(&lines, &["Not in view: Population covered, Telephone lines per 100 people"]);
        assert_line(&lines, &["ExampleNet subscribers", "1,000 – 100,000 subscribers", "3 claims from 2 sources"]);
        assert_line(&lines, &["Institute staff", "800 people", "2005 · alpha-review"]);
        assert_line(&lines, &["Not in view: Computers in use"]);
        assert_line(&lines, &["Records per year", "2000–2010"]);
    }

    #[test]
    fn records_per_year_names_its_peak_and_counts_the_undated() {
        // 2005 and 2008 each have three records (the army's network of the
        // 2000s counts in every one of its years); eleven records are undated.
        let lines = testing::lines(&app(Filter::default(), 160, 48));
        assert_line(&lines, &["Records per year", "peak 3 in 2005, 2008", "11 undated records not counted"]);
        assert_line(&lines, &["1965", "▲2005", "2012"]);
        assert_line(&lines, &["3┤"]);
    }

    #[test]
    fn categories_are_listed_by_count_with_their_counts() {
        let lines = testing::lines(&app(Filter::default(), 80, 40));
        let listed = [
            ("Mobile", 10),
            ("Workforce", 3),
            ("Telephony", 2),
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
                    .position(|l| l.starts_with(label) && l.contains(&format!(" {n} ")))
                    .unwrap_or_else(|| panic!("{label} with {n} is listed: {lines:#?}"))
            })
            .collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]), "sorted by count: {rows:?}");
    }

    #[test]
    fn without_a_dashboard_section_the_most_observed_indicators_lead() {
        let plan = |dataset: Dataset| Plan::of(&Model::new(dataset));
        // Ratios: coverage (3 claims), lines per 100 (1); other figures:
        // subscribers (5), staff (3), then cable, computers and programmers
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
        let lines = testing::lines(&app_over(bare, Filter::default(), 80, 24));
        let at = |text: &str| {
            lines
                .iter()
                .position(|l| l.contains(text))
                .unwrap_or_else(|| panic!("{text}: {lines:#?}"))
        };
        assert!(at("ExampleNet subscribers") < at("Institute staff"));
        assert!(at("Institute staff") < at("Optical cable length"));
        assert!(at("Optical cable length") < at("Computers in use"));
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
        // The ratios in view still follow, with their bars.
        let covered = line_with(&lines, &["Population covered", "60%"]).expect("a ratio");
        assert!(covered.contains('░'), "{covered}");
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
                let parts = layout::sections(&app.derived().overview, body);
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
                assert!(
                    lines[0].contains("1 Overview"),
                    "the header is intact at {width}x{height}"
                );
            }
        }
    }
}
