//! The tabs, the active filter and how many records are in view. The count
//! is never cut: it keeps the right of the filter line, with what the year
//! range hides and the key that shows it, and the filter takes what is left.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::{Filter, Model, format};
use crate::tui::app::App;
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::text::{shown, truncate};
use crate::tui::theme::Theme;

/// Columns the filter keeps before the count's hints are shortened.
const FILTER_MIN: usize = 22;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = Block::new().borders(Borders::BOTTOM).border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [tabs, filter] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(tab_line(app, tabs.width)), tabs);
    let count = count_line(app, filter.width as usize);
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(count.width() as u16)]).areas(filter);
    let parts = filter_parts(app.model(), app.filter());
    frame.render_widget(Paragraph::new(fit_parts(parts, left.width as usize, theme)), left);
    frame.render_widget(Paragraph::new(count), right);
}

fn tab_line(app: &App, width: u16) -> Line<'static> {
    let theme = app.theme;
    let mut tabs = Vec::new();
    let labels = layout::tab_labels(app.views().iter().map(|v| v.title()), width);
    for (position, label) in labels.into_iter().enumerate() {
        if position > 0 {
            tabs.push(Span::styled("│", theme.dim()));
        }
        let style = if position == app.tab() {
            theme.selected()
        } else {
            theme.dim()
        };
        tabs.push(Span::styled(label, style));
    }
    Line::from(tabs)
}

/// `│ 10 of 308 records · 20 undated hidden (u)`: the hints as long as
/// `width` leaves the filter `FILTER_MIN` columns (`· +20 undated u`, then
/// `· +20 u`), or left out.
fn count_line(app: &App, width: usize) -> Line<'static> {
    let theme = app.theme;
    let count = format!(
        "  │ {} of {}",
        format::count(app.derived().view.len()),
        format::plural(app.model().len(), "record")
    );
    let hidden = app.derived().hidden;
    let (u, o) = (keys::UNDATED.label(0), keys::OWN_DATES.label(0));
    // Each hint in three lengths: what is hidden, and the key that shows it.
    let hints = |length: usize| -> String {
        let mut text = String::new();
        let mut hint = |n: usize, words: [&str; 2], key: &str| {
            if n > 0 {
                let n = format::count(n);
                text.push_str(&match length {
                    0 => format!(" · {n} {} ({key})", words[0]),
                    1 => format!(" · +{n} {} {key}", words[1]),
                    _ => format!(" · +{n} {key}"),
                });
            }
        };
        hint(hidden.undated, ["undated hidden", "undated"], &u);
        hint(hidden.approximate, ["dated by source hidden", "by source"], &o);
        text
    };
    let fits = |hints: &str| count.width() + hints.width() + FILTER_MIN <= width;
    let hints = (0..3).map(hints).find(|h| fits(h)).unwrap_or_default();
    Line::from(vec![
        Span::styled(count, theme.figure()),
        Span::styled(hints, theme.key()),
    ])
}

/// One part of the filter line: `Categories mobile`.
struct Part {
    label: &'static str,
    value: String,
    /// Whether it narrows the records (`Categories all` does not): only
    /// those are counted when they give way.
    narrows: bool,
    /// Whether its value is never cut (a year range cut reads as another).
    whole: bool,
}

/// The filter in force, part by part: `Years 1990-2002  Categories all  Search “fibre”`.
fn filter_parts(model: &Model, f: &Filter) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut part = |label: &'static str, value: String| {
        let narrows = value != "all";
        let whole = parts.is_empty();
        parts.push(Part {
            label,
            value,
            narrows,
            whole,
        });
    };
    let mut years = f.years_label().unwrap_or_else(|| "all".into());
    if f.include_undated && f.has_year_range() {
        years.push_str(" +undated");
    }
    if f.own_dates_only {
        years.push_str(" own dates");
    }
    part("Years", years);
    if !f.search.is_empty() {
        part("Search", format!("“{}”", f.search));
    }
    let categories = f.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>();
    part(
        "Categories",
        if categories.is_empty() {
            "all".into()
        } else {
            categories.join(",")
        },
    );
    let dataset = model.dataset();
    let entity = |id: &String| {
        let entity = dataset.entities.iter().find(|e| &e.id == id);
        entity.map_or(id.as_str(), format::short_name).to_owned()
    };
    if !f.entities.is_empty() {
        part("About", f.entities.iter().map(entity).collect::<Vec<_>>().join(","));
    }
    if let Some(id) = &f.indicator {
        let indicator = model.indicator(id).map_or(id.clone(), |i| i.name.to_string());
        part("Indicator", indicator);
    }
    if !f.sources.is_empty() {
        part("Source", f.sources.join(","));
    }
    if !f.kinds.is_empty() {
        part("Kind", f.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(","));
    }
    parts
}

/// Columns a cut value keeps at least (`Koryoli…`): shorter, it names
/// nothing, and the part gives way to the count of those left out.
const VALUE_MIN: usize = 8;

/// `parts` in at most `width` columns, escaped (names and the search come
/// from the dataset and the command line). Where they do not fit, long
/// values are cut to the same length; where even that leaves too little,
/// parts give way from the end, those narrowing nothing first and
/// unnamed, the filters counted (`+2 more`): never one hidden silently.
fn fit_parts(mut parts: Vec<Part>, width: usize, theme: Theme) -> Line<'static> {
    let mut hidden = 0;
    loop {
        let more = (hidden > 0).then(|| format!("+{hidden} more"));
        let more_width = more
            .as_ref()
            .map_or(0, |m| m.width() + if parts.is_empty() { 0 } else { 2 });
        let cap = width.checked_sub(more_width).and_then(|room| value_cap(&parts, room));
        let plain = parts.iter().rposition(|p| !p.narrows);
        // A part narrowing nothing shows only where no value is cut for it.
        if let Some(cap) = cap.filter(|&cap| plain.is_none() || cap >= longest_cut_value(&parts)) {
            return part_line(&parts, cap, more, theme);
        }
        if let Some(plain) = plain {
            parts.remove(plain);
        } else if parts.pop().is_some() {
            hidden += 1;
        } else {
            let more = more.map(|m| truncate(&m, width)).unwrap_or_default();
            return Line::from(Span::styled(more, theme.key()));
        }
    }
}

/// The longest a value may be for `parts` to fit in `width` columns (with
/// two between parts), each value cut no shorter than [`VALUE_MIN`];
/// `None` if they do not fit so.
fn value_cap(parts: &[Part], width: usize) -> Option<usize> {
    let gaps = 2 * parts.len().saturating_sub(1);
    let mut fixed = gaps;
    let mut cut = Vec::new();
    for part in parts {
        fixed += part.label.width() + 1;
        let value = shown(&part.value).width();
        if part.whole { fixed += value } else { cut.push(value) }
    }
    let room = width.checked_sub(fixed)?;
    let longest = cut.iter().copied().max().unwrap_or(0);
    let fits = |cap: usize| cut.iter().map(|&w| w.min(cap)).sum::<usize>() <= room;
    (VALUE_MIN.min(longest)..=longest).rev().find(|&cap| fits(cap))
}

/// The widest value that may be cut, as shown: a cap this long cuts none.
fn longest_cut_value(parts: &[Part]) -> usize {
    let cut = parts.iter().filter(|p| !p.whole);
    cut.map(|p| shown(&p.value).width()).max().unwrap_or(0)
}

/// `parts`, their values cut to `cap` columns, and the count of those left out.
fn part_line(parts: &[Part], cap: usize, more: Option<String>, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for part in parts {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        let value = if part.whole {
            shown(&part.value).into_owned()
        } else {
            truncate(&part.value, cap)
        };
        spans.push(Span::styled(format!("{} ", part.label), theme.dim()));
        spans.push(Span::styled(value, theme.accent()));
    }
    if let Some(more) = more {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(more, theme.key()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(pairs: &[(&'static str, &str)]) -> Vec<Part> {
        pairs
            .iter()
            .map(|&(label, value)| Part {
                label,
                value: value.into(),
                narrows: value != "all",
                whole: label == "Years",
            })
            .collect()
    }

    fn fitted(pairs: &[(&'static str, &str)], width: usize) -> String {
        let line = fit_parts(parts(pairs), width, Theme::MONOCHROME);
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    const THREE: [(&str, &str); 3] = [
        ("Years", "1990-2002"),
        ("Source", "alpha-review,beta-blog"),
        ("About", "Northland"),
    ];

    #[test]
    fn a_long_value_is_cut_before_a_filter_is_left_out() {
        // 15 + 2 + 7 + 2 + 6 for the years, labels and gaps leave 20 of 52:
        // Northland's 9 and 11 for the sources.
        assert_eq!(
            fitted(&THREE, 52),
            "Years 1990-2002  Source alpha-revi…  About Northland"
        );
    }

    #[test]
    fn filters_left_out_are_counted() {
        // At 41 the sources keep 8 columns beside `  +1 more`.
        assert_eq!(fitted(&THREE, 41), "Years 1990-2002  Source alpha-r…  +1 more");
        // At 40 they would keep 7: both give way.
        assert_eq!(fitted(&THREE, 40), "Years 1990-2002  +2 more");
        assert_eq!(fitted(&THREE, 5), "+3 m…");
    }

    #[test]
    fn a_part_that_narrows_nothing_gives_way_first_and_uncounted() {
        let pairs = [("Years", "all"), ("Search", "“Daeyong”"), ("Categories", "all")];
        assert_eq!(fitted(&pairs, 43), "Years all  Search “Daeyong”  Categories all");
        // Not a bare `Categories`, nor a cut search.
        assert_eq!(fitted(&pairs, 40), "Years all  Search “Daeyong”");
        // Nor a search cut to make room for them: `Years all` gives way too.
        assert_eq!(fitted(&pairs, 26), "Search “Daeyong”");
    }
}
