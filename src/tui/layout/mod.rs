//! Where things go on the screen: pure functions of the terminal's size and
//! the derived data, used by drawing and by `update` (mouse clicks, paging,
//! clamping, scroll limits) alike, so a click lands where the eye saw it.

pub mod overview;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::detail;
use super::keys::{self, HelpLine};
use super::text::truncate;

/// Below this the dashboard shows a note instead of a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The header's height: tabs, filter line, rule.
pub const HEADER_HEIGHT: u16 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    pub body: Rect,
    pub footer: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn screen(area: Rect) -> Screen {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(HEADER_HEIGHT),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Screen { header, body, footer }
}

/// A panel beside a main area (a list's detail, the Overview's categories):
/// shown from `from_width` columns on, `percent` of the width within
/// `min..=max` columns, `gap` columns from the main area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panel {
    pub from_width: u16,
    pub percent: u16,
    pub min: u16,
    pub max: u16,
    pub gap: u16,
}

impl Panel {
    const fn share(from_width: u16, percent: u16) -> Self {
        Self {
            from_width,
            percent,
            min: 0,
            max: u16::MAX,
            gap: 0,
        }
    }
}

/// The main area, and the panel beside it when `body` is wide enough.
pub fn beside(body: Rect, panel: Panel) -> (Rect, Option<Rect>) {
    if body.width < panel.from_width {
        return (body, None);
    }
    let side = (u32::from(body.width) * u32::from(panel.percent) / 100) as u16;
    let side = side.clamp(panel.min, panel.max).min(body.width);
    let main = body.width.saturating_sub(side + panel.gap);
    let panel_area = Rect {
        x: body.x + body.width - side,
        width: side,
        ..body
    };
    (Rect { width: main, ..body }, Some(panel_area))
}

/// A centred popup that shrinks on small screens.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2)).max(1);
    let height = height.min(area.height.saturating_sub(2)).max(1);
    Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    }
}

/// The rows of a bordered table: inside the border, below the header row.
pub fn table_rows(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 2,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    }
}

/// Columns a cut cell keeps at least: three, its `…` among them.
pub const CUT_MIN: usize = 3;

/// Takes `excess` columns from `columns` (a table's widths that may be
/// cut), a column at a time from the widest, none below [`CUT_MIN`]: for
/// a table whose widths, worked out from what its cells need, add up to
/// more than its room. Left wider, ratatui would narrow the columns itself,
/// below the width their text was cut to, and a cut text would show
/// without its `…`.
pub fn give_way<'a>(columns: impl IntoIterator<Item = &'a mut usize>, excess: usize) {
    let mut columns: Vec<&mut usize> = columns.into_iter().collect();
    for _ in 0..excess {
        let Some(widest) = columns.iter_mut().max_by_key(|width| ***width) else {
            return;
        };
        if **widest <= CUT_MIN {
            return;
        }
        **widest -= 1;
    }
}

/// How many cases the property tests of a view's columns try: many, as
/// an overflow needs a narrow table and wide cells at once.
#[cfg(test)]
pub fn column_cases() -> proptest::prelude::ProptestConfig {
    proptest::prelude::ProptestConfig {
        cases: 4096,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- the tabs

/// Columns between tabs (the `│` separator).
pub const TAB_GAP: u16 = 1;

/// The label of the tab of the view at `position`: ` 2 Timeline `.
pub fn tab_label(position: usize, title: &str) -> String {
    format!(" {} {title} ", position + 1)
}

/// The tabs' labels on a header `width` columns wide: each whole where
/// they all fit, else the longest titles cut with `…` (` 3 Indic… `) until
/// they do; the numbers, the keys that show the views, stay.
pub fn tab_labels<'a>(titles: impl IntoIterator<Item = &'a str>, width: u16) -> Vec<String> {
    let titles: Vec<&str> = titles.into_iter().collect();
    let gaps = titles.len().saturating_sub(1) * usize::from(TAB_GAP);
    let whole: usize = titles.iter().enumerate().map(|(i, t)| tab_label(i, t).width()).sum();
    let mut widths: Vec<usize> = titles.iter().map(|t| t.width()).collect();
    give_way(&mut widths, (whole + gaps).saturating_sub(usize::from(width)));
    let cut = titles.iter().zip(widths).map(|(title, w)| truncate(title, w));
    cut.enumerate().map(|(i, title)| tab_label(i, &title)).collect()
}

/// The position of the tab drawn at a header column, on a header `width`
/// columns wide.
pub fn tab_at<'a>(titles: impl IntoIterator<Item = &'a str>, width: u16, column: u16) -> Option<usize> {
    let mut x = 0u16;
    for (position, label) in tab_labels(titles, width).iter().enumerate() {
        let label_width = label.width() as u16;
        if column >= x && column < x + label_width {
            return Some(position);
        }
        x += label_width + TAB_GAP;
    }
    None
}

// ---------------------------------------------------------------- the views

/// Records: the detail beside the table on wide screens.
pub const RECORDS: Panel = Panel::share(120, 42);
/// Timeline: the detail beside the list.
pub const TIMELINE: Panel = Panel::share(110, 42);
/// Estimates: the list keeps most of the width; the bars need it more than
/// the detail does.
pub const ESTIMATES: Panel = Panel {
    min: 44,
    max: 64,
    ..Panel::share(140, 36)
};

/// Sources: the table takes what its rows need, up to half the body; the
/// citation of the selected source gets the rest.
pub fn sources(body: Rect, sources: usize) -> (Rect, Rect) {
    let wanted = (sources as u16).saturating_add(3).max(5);
    let rows = wanted.min(body.height / 2).max(5).min(body.height);
    let [list, about] = Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(body);
    (list, about)
}

/// Rows a chart needs to be worth drawing.
const CHART_MIN: u16 = 10;
/// Rows the detail panel needs to say anything (border, title, when, figure).
const DETAIL_MIN: u16 = 6;
/// From this width the Indicators view puts the observations beside the
/// chart; narrower, they take the indicator table's place while they have
/// the keys.
const INDICATORS_SPLIT: u16 = 110;
/// Below the indicator table, beside the chart: the observations (and the
/// detail under them).
const INDICATORS_SIDE: Panel = Panel {
    min: 44,
    max: 72,
    ..Panel::share(INDICATORS_SPLIT, 40)
};
/// Without a chart: the detail beside the observations.
const INDICATORS_DETAIL: Panel = Panel::share(120, 45);

/// Where each part of the Indicators view goes; `None` for a part not
/// shown. The indicator table spans the body's width on top, its height
/// depending on the body and the number of rows only, never on the
/// selection, so that its scrolling matches what is drawn; below it the
/// selected row's chart, observations and detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndicatorAreas {
    pub indicators: Option<Rect>,
    pub observations: Option<Rect>,
    pub chart: Option<Rect>,
    pub detail: Option<Rect>,
    /// How many rows more the body needs to chart the selected row, when
    /// it has a series the body is too short for (0 otherwise): the
    /// observations say so, so that the chart is not lost silently.
    pub chart_rows_short: u16,
}

/// The selected row of the Indicators view as its layout sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndicatorSelection {
    pub observations: usize,
    /// Whether it has a series to chart.
    pub charted: bool,
    /// Whether its observations have the keys.
    pub observations_focused: bool,
}

pub fn indicators(body: Rect, rows: usize, selected: IndicatorSelection) -> IndicatorAreas {
    if rows == 0 {
        return IndicatorAreas {
            indicators: Some(body),
            ..IndicatorAreas::default()
        };
    }
    let top = indicator_table_height(body.height, rows);
    let [table, rest] = Layout::vertical([Constraint::Length(top), Constraint::Min(0)]).areas(body);
    let chart_fits = selected.charted && rest.height >= CHART_MIN;
    let chart_rows_short = if selected.charted && !chart_fits {
        // The table grows with the body too: the first height whose rest fits a chart.
        let rest_at = |height: u16| height - indicator_table_height(height, rows);
        (1..=CHART_MIN * 2)
            .find(|more| rest_at(body.height.saturating_add(*more)) >= CHART_MIN)
            .unwrap_or(CHART_MIN * 2)
    } else {
        0
    };
    let mut areas = IndicatorAreas {
        indicators: Some(table),
        chart_rows_short,
        ..IndicatorAreas::default()
    };
    match beside(rest, INDICATORS_SIDE) {
        (chart, Some(side)) if chart_fits => {
            areas.chart = Some(chart);
            (areas.observations, areas.detail) = observations_over_detail(side, selected.observations);
        }
        _ if chart_fits => {
            areas.chart = Some(rest);
            // The observations take the table's place while they have the keys.
            if selected.observations_focused {
                areas.indicators = None;
                areas.observations = Some(table);
            }
        }
        _ => {
            let (observations, detail) = beside(rest, INDICATORS_DETAIL);
            areas.observations = (observations.height >= 4).then_some(observations);
            areas.detail = detail.filter(|d| d.height >= DETAIL_MIN);
        }
    }
    areas
}

/// The indicator table's rows, with its border and header, in a body
/// `height` rows tall: as many as its `rows` need, up to two fifths of the
/// body (seven at least).
fn indicator_table_height(height: u16, rows: usize) -> u16 {
    let wanted = (rows as u16).saturating_add(3);
    wanted.min((height * 2 / 5).max(7)).min(height)
}

/// The observations table on top of `area`, as tall as its rows want, and
/// the detail under it if there is room for that.
fn observations_over_detail(area: Rect, observations: usize) -> (Option<Rect>, Option<Rect>) {
    let wanted = (observations as u16).saturating_add(3).max(4);
    let table = if area.height >= wanted + DETAIL_MIN {
        wanted
    } else {
        area.height
    };
    let [table, detail] = Layout::vertical([Constraint::Length(table), Constraint::Min(0)]).areas(area);
    (Some(table), (detail.height >= DETAIL_MIN).then_some(detail))
}

// ---------------------------------------------------------------- popups

/// How many rows `lines` take, wrapped `width` columns wide.
fn wrapped(lines: &[detail::Line], width: u16) -> usize {
    let hanging = detail::hanging(lines, width.into());
    let text: Vec<Line> = hanging.iter().map(|line| Line::raw(line.plain())).collect();
    Paragraph::new(text).wrap(Wrap { trim: false }).line_count(width)
}

/// Whether `text` (a wrapped paragraph, its widest line `widest` columns),
/// inside the border of a panel at `area`, runs past its bottom.
pub fn runs_over(area: Rect, text: &Paragraph, widest: usize) -> bool {
    let (width, height) = (area.width.saturating_sub(2), usize::from(area.height.saturating_sub(2)));
    // A line with more columns than the panel has cells runs over anyway:
    // it is not wrapped to be counted.
    widest > usize::from(width) * height || text.line_count(width) > height
}

/// Where a record's detail pops up: as tall as its wrapped text, up to the screen.
pub fn detail_popup(body: Rect, lines: &[detail::Line]) -> Rect {
    let width = body.width.saturating_sub(2).min(90);
    let rows = wrapped(lines, width.saturating_sub(2));
    popup(body, width, (rows as u16).saturating_add(2))
}

/// How far a bordered panel of `lines` in `area` can scroll.
pub fn detail_scroll_limit(area: Rect, lines: &[detail::Line]) -> usize {
    wrapped(lines, area.width.saturating_sub(2)).saturating_sub(area.height.saturating_sub(2) as usize)
}

/// Where the help of `lines` pops up: as wide as its widest line.
pub fn help_popup(area: Rect, lines: &[HelpLine]) -> Rect {
    let key_width = HelpLine::key_width(lines);
    let width = lines.iter().map(|line| line.width(key_width)).max().unwrap_or(0);
    popup(area, width as u16 + 2, (lines.len() as u16).saturating_add(2))
}

/// How far the help of `lines` can scroll on a screen of `area`.
pub fn help_scroll_limit(area: Rect, lines: &[HelpLine]) -> usize {
    let shown = help_popup(area, lines).height.saturating_sub(2) as usize;
    lines.len().saturating_sub(shown)
}

/// Where a picker goes: its popup, the line its text is typed on, and its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PickerAreas {
    pub popup: Rect,
    pub input: Rect,
    pub rows: Rect,
}

/// The widest a picker grows.
const PICKER_WIDTH: u16 = 76;

/// Where a picker of `items` goes over `body`: tall enough for every item
/// and the "any" row where the screen allows, whatever the text narrows it
/// to (so it stays still while typing), and wide enough for its keys.
pub fn picker(body: Rect, items: usize) -> PickerAreas {
    let keys = keys::border(&keys::PICKER).width() as u16 + 4;
    let wanted = u16::try_from(items).unwrap_or(u16::MAX).saturating_add(4);
    let popup = popup(body, keys.max(PICKER_WIDTH), wanted);
    let inner = Rect {
        x: popup.x + 1,
        y: popup.y + 1,
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    };
    let input = Rect {
        height: inner.height.min(1),
        ..inner
    };
    let rows = Rect {
        y: inner.y + input.height,
        height: inner.height - input.height,
        ..inner
    };
    PickerAreas { popup, input, rows }
}

/// Where the overwrite question pops up.
pub fn confirm_popup(body: Rect) -> Rect {
    popup(body, 70, 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panel_shows_beside_only_from_its_width_and_fits_its_bounds() {
        let panel = Panel {
            from_width: 100,
            percent: 36,
            min: 40,
            max: 60,
            gap: 3,
        };
        let body = Rect::new(0, 3, 99, 20);
        assert_eq!(beside(body, panel), (body, None));
        // 160 columns: 36% is 57; the main area takes the rest but the gap.
        let (main, side) = beside(Rect::new(0, 3, 160, 20), panel);
        assert_eq!(main, Rect::new(0, 3, 100, 20));
        assert_eq!(side, Some(Rect::new(103, 3, 57, 20)));
        // 250 columns: 90 would be 36%, but 60 at most.
        let (main, side) = beside(Rect::new(0, 3, 250, 20), panel);
        assert_eq!((main.width, side.map(|s| (s.x, s.width))), (187, Some((190, 60))));
    }

    #[test]
    fn columns_give_way_widest_first_and_never_below_the_least_a_cut_needs() {
        let (mut a, mut b, mut c) = (10, 4, 7);
        // 10 gives three to 7; then the two 7s one each, the later first.
        give_way([&mut a, &mut b, &mut c], 5);
        assert_eq!((a, b, c), (6, 4, 6));
        // Two characters and the `…` at least: 4 and 3 give only one.
        let (mut a, mut b) = (4, 3);
        give_way([&mut a, &mut b], 5);
        assert_eq!((a, b), (3, 3));
    }

    proptest::proptest! {
        /// Columns give exactly the excess, or all they have above
        /// `CUT_MIN` when that is less; none grows, none drops below
        /// `CUT_MIN` it was not already below: a view that leaves enough
        /// room for its columns at `CUT_MIN` always fits.
        #[test]
        fn columns_give_the_excess_down_to_the_least_a_cut_needs(
            widths in proptest::collection::vec(0..40usize, 0..8),
            excess in 0..200usize,
        ) {
            let mut given = widths.clone();
            give_way(&mut given, excess);
            let above_min: usize = widths.iter().map(|w| w.saturating_sub(CUT_MIN)).sum();
            let taken = widths.iter().sum::<usize>() - given.iter().sum::<usize>();
            proptest::prop_assert_eq!(taken, excess.min(above_min));
            for (before, after) in widths.iter().zip(&given) {
                proptest::prop_assert!(after <= before && *after >= (*before).min(CUT_MIN), "{:?} -> {:?}", widths, given);
            }
        }
    }

    #[test]
    fn tab_titles_are_cut_only_when_they_do_not_all_fit() {
        let titles = ["Overview", "Timeline", "Indicators"];
        // Whole: 12 + 12 + 14 columns and two gaps.
        assert_eq!(
            tab_labels(titles, 40),
            [" 1 Overview ", " 2 Timeline ", " 3 Indicators "]
        );
        // Six columns fewer: the longest gives two, then, the last of the
        // widest first, each one, and the last one more: 7, 7 and 6 columns.
        assert_eq!(tab_labels(titles, 34), [" 1 Overvi… ", " 2 Timeli… ", " 3 Indic… "]);
    }

    #[test]
    fn tabs_are_found_where_their_labels_are_drawn() {
        let titles = ["Overview", "Timeline"];
        assert_eq!(tab_label(1, "Timeline"), " 2 Timeline ");
        // ` 1 Overview ` is 12 columns, then the separator.
        assert_eq!(tab_at(titles, 80, 0), Some(0));
        assert_eq!(tab_at(titles, 80, 11), Some(0));
        assert_eq!(tab_at(titles, 80, 12), None);
        assert_eq!(tab_at(titles, 80, 13), Some(1));
        assert_eq!(tab_at(titles, 80, 24), Some(1));
        assert_eq!(tab_at(titles, 80, 25), None);
    }

    #[test]
    fn popups_fit_the_screen_and_scroll_only_as_far_as_their_text() {
        let area = Rect::new(0, 0, 80, 24);
        // The widest line: two columns, keys and a space (4), "a line" (6).
        let line = HelpLine::Key("q/Q".into(), "a line");
        let lines = vec![line.clone(); 10];
        assert_eq!(help_popup(area, &lines), Rect::new(33, 6, 14, 12));
        assert_eq!(help_scroll_limit(area, &lines), 0);
        // 40 lines on 24 rows: 22 rows for the popup, 20 inside its border.
        assert_eq!(help_scroll_limit(area, &vec![line; 40]), 20);
        // On a short screen a picker keeps its text line first.
        let short = picker(Rect::new(0, 3, 80, 5), 100);
        assert_eq!((short.popup.height, short.input.height, short.rows.height), (3, 1, 0));
        let tall = picker(Rect::new(0, 3, 80, 40), 3);
        assert_eq!((tall.popup.height, tall.rows.height), (7, 4), "three items and any");
    }
}
