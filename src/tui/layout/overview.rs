//! Where the Overview's sections go: gauges, key figures, records per year,
//! categories and sources, each whole or not at all on small screens.

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

use super::{Panel, beside};
use crate::model::format;
use crate::tui::derived::overview::Facts;
use crate::tui::text::{flow, truncate};

/// Bodies at least this wide put the categories beside the gauges and
/// figures, and the chart across the whole width below them.
const WIDE: u16 = 140;

/// The categories' column on wide bodies.
const CATEGORIES: Panel = Panel {
    from_width: WIDE,
    percent: 36,
    min: 40,
    max: 60,
    gap: 3,
};

/// The records-per-year chart: heading, one row of bars, year labels.
pub const CHART_MIN: u16 = 3;
/// Taller than this the one-column chart stops growing.
pub const CHART_MAX: u16 = 14;

/// The Overview's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Gauges,
    Figures,
    Chart,
    Categories,
    Sources,
    /// The row that names the sections a short body leaves out, and how
    /// many rows more would show every one of them.
    NotShown {
        rows_short: u16,
    },
}

/// The sections of the one-column layout, in order of importance: the
/// first ones that fit are drawn.
pub const ONE_COLUMN: [Part; 4] = [Part::Gauges, Part::Figures, Part::Chart, Part::Categories];

/// The categories' heading and a line of them.
const CATEGORIES_MIN: u16 = 2;

/// Where each section goes. Wide bodies: gauges and figures on the left,
/// categories on the right, the chart across the bottom. Otherwise one
/// column, sections in order of importance, each whole or not at all; a
/// body too short for all of them ends in a row that says which are left
/// out (`Part::NotShown`), so that none goes silently.
pub fn sections(facts: &Facts, body: Rect) -> Vec<(Part, Rect)> {
    let whole = Whole::of(facts);
    let (ratios, figures, sources) = (whole.ratios, whole.figures, whole.sources);
    let top = (ratios + 1 + figures).max(whole.categories);
    let [upper, chart] = Layout::vertical([Constraint::Length(top), Constraint::Min(0)])
        .spacing(1)
        .areas(body);
    if body.height >= top + 1 + CHART_MIN
        && let (left, Some(right)) = beside(upper, CATEGORIES)
    {
        let mut parts = place(left, &[(Part::Gauges, ratios), (Part::Figures, figures)], 1);
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
    // The gauges and figures whole, the chart and categories at their least.
    let every = ratios + figures + CHART_MIN + CATEGORIES_MIN;
    if body.height >= every {
        return one_column(facts, whole, body);
    }
    let [above, note] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
    let mut parts = one_column(facts, whole, above);
    parts.push((
        Part::NotShown {
            rows_short: every - body.height,
        },
        note,
    ));
    parts
}

/// The rows each section takes whole: its heading and a line for each of
/// its items (or for saying there are none).
#[derive(Clone, Copy)]
struct Whole {
    ratios: u16,
    figures: u16,
    categories: u16,
    sources: u16,
}

impl Whole {
    fn of(facts: &Facts) -> Self {
        Self {
            ratios: 1 + facts.gauge_rows() as u16,
            figures: 1 + facts.figure_rows() as u16,
            categories: 1 + facts.categories.len().max(1) as u16,
            sources: 1 + facts.sources.len().max(1) as u16,
        }
    }
}

/// The sections of `ONE_COLUMN` that fit in `body`, whole or not at all,
/// and rows to spare given to the most telling of them, then the sources.
fn one_column(facts: &Facts, whole: Whole, body: Rect) -> Vec<(Part, Rect)> {
    let Whole {
        ratios,
        figures,
        categories: categories_full,
        sources,
    } = whole;
    let flow = 1 + category_flow(facts, body.width as usize, usize::MAX).len().max(1) as u16;
    // In `ONE_COLUMN`'s order, which `not_shown` reads to name those left out.
    let wants = [
        (Part::Gauges, 3.min(ratios), ratios),
        (Part::Figures, 3.min(figures), figures),
        (Part::Chart, CHART_MIN, CHART_MIN),
        (Part::Categories, CATEGORIES_MIN, flow),
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

/// The sections of `ONE_COLUMN` missing from `parts`, for the note that
/// names them.
pub fn not_shown(parts: &[(Part, Rect)]) -> Vec<Part> {
    let drawn = |part: &Part| parts.iter().any(|(p, _)| p == part);
    ONE_COLUMN.into_iter().filter(|part| !drawn(part)).collect()
}

/// What can be selected on the Overview (and drilled into with Enter), in
/// the order the selection moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Gauge(usize),
    Figure(usize),
    /// The records-per-year chart: the year is chosen along it.
    Chart,
    /// A category, by its place in `Facts::categories`.
    Category(usize),
}

/// The items drawn in `body`, in order: the gauges and key figures that
/// fit their sections, the chart if it has years, the categories listed.
pub fn items(facts: &Facts, body: Rect) -> Vec<Item> {
    let mut items = Vec::new();
    for (part, area) in sections(facts, body) {
        let rows = area.height as usize;
        match part {
            Part::Gauges => items.extend((0..shown(facts.gauges.len(), facts.gauge_rows(), rows)).map(Item::Gauge)),
            Part::Figures => items.extend((0..shown(facts.figures.len(), facts.figure_rows(), rows)).map(Item::Figure)),
            Part::Chart if facts.chart.is_some() && rows >= CHART_MIN as usize => items.push(Item::Chart),
            Part::Categories => {
                let listed = if rows.saturating_sub(1) >= facts.categories.len() {
                    facts.categories.len()
                } else {
                    let lines = category_flow(facts, area.width as usize, rows.saturating_sub(1));
                    lines
                        .iter()
                        .flatten()
                        .filter(|(_, piece)| *piece == Piece::Count)
                        .count()
                };
                items.extend((0..listed).map(Item::Category));
            }
            _ => {}
        }
    }
    items
}

/// How many of `count` rows a section of `rows` rows shows under its
/// heading, when it needs `wanted` rows for them and its notes: all, or as
/// many as leave a row for the `… N more` note.
fn shown(count: usize, wanted: usize, rows: usize) -> usize {
    if wanted < rows {
        count
    } else {
        count.min(rows.saturating_sub(2))
    }
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

/// What a piece of the categories' flowing list is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Label,
    Count,
    Gap,
}

/// Categories as `Label count` entries flowing across lines, never split;
/// when they need more than `rows` lines, the last ends with `… N more`.
pub fn category_flow(facts: &Facts, width: usize, rows: usize) -> Vec<Vec<(String, Piece)>> {
    let entries: Vec<(String, String)> = facts
        .categories
        .iter()
        .map(|(c, n)| (c.label().to_owned(), format::count(*n)))
        .collect();
    let widths: Vec<usize> = entries.iter().map(|(l, n)| l.width() + 1 + n.width()).collect();
    let more = |hidden: usize| format!("… {hidden} more");
    let lines = flow(&widths, width, rows, |hidden| more(hidden).width());
    let hidden = entries.len() - lines.iter().flatten().flatten().count();
    lines
        .into_iter()
        .map(|line| {
            let mut pieces = Vec::new();
            for (k, entry) in line.into_iter().enumerate() {
                if k > 0 {
                    pieces.push(("  ".to_owned(), Piece::Gap));
                }
                match entry {
                    Some(i) => {
                        let (label, count) = &entries[i];
                        pieces.push((truncate(label, width.saturating_sub(count.width() + 1)), Piece::Label));
                        pieces.push((format!(" {count}"), Piece::Count));
                    }
                    None => pieces.push((more(hidden), Piece::Label)),
                }
            }
            pieces
        })
        .collect()
}
