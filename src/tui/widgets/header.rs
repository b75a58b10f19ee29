//! The tabs, the active filter and how many records are in view. The count
//! is never cut: it keeps the right of the filter line, with what the year
//! range hides and the key that shows it, and the filter takes what is left.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::{Filter, Model, format};
use crate::tui::app::App;
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::text::truncate;
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
    let parts = filter_parts(app.model(), app.filter(), theme);
    frame.render_widget(Paragraph::new(cut(parts, left.width as usize)), left);
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

/// The filter in force, part by part: `Years 1990-2002  Categories all  Search “fibre”`.
fn filter_parts(model: &Model, f: &Filter, theme: Theme) -> Vec<(String, Style)> {
    let mut parts = Vec::new();
    let mut part = |label: &str, value: String| {
        parts.push((format!("{label} "), theme.dim()));
        parts.push((format!("{value}  "), theme.accent()));
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

/// `parts` in at most `width` columns, the last one cut with `…`; escaped,
/// as names and the search come from the dataset and the command line.
fn cut(parts: Vec<(String, Style)>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut spans = Vec::new();
    for (text, style) in parts {
        if left == 0 {
            break;
        }
        let text = truncate(&text, left);
        left -= text.width();
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}
