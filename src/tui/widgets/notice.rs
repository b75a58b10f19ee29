//! What a view shows when the filter leaves it nothing to show.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::model::{Filter, format};
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::derived::records::FilterPart;
use crate::tui::keys;
use crate::tui::picker;
use crate::tui::theme::Theme;

/// `No {what} in 1990-1995.`, or `… in view.` without a year range; with
/// no filter at all, what is missing is the dataset's: `The dataset holds
/// no {what}.` (a view then suggests no filter to widen or reset).
pub fn headline(what: &str, filter: &Filter, theme: Theme) -> Line<'static> {
    let text = match filter.years_label() {
        _ if filter.is_empty() => format!("The dataset holds no {what}."),
        Some(years) => format!("No {what} in {years}."),
        None => format!("No {what} in view."),
    };
    Line::styled(text, theme.accent())
}

/// A sentence with keys picked out: the odd parts are keys.
pub fn with_keys(parts: &[&str], theme: Theme) -> Line<'static> {
    let spans = parts.iter().enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            Span::styled(part.to_string(), theme.key())
        } else {
            Span::raw(part.to_string())
        }
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// The lines in a bordered panel titled `title`.
pub fn render(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(format!(" {title} "), theme.accent()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

/// Why nothing is in view, and what brings records back: each part of the
/// filter that alone emptied it, what the year range hides, else a reset.
pub fn why_empty(app: &App, theme: Theme) -> Vec<Line<'static>> {
    if app.model().is_empty() {
        return vec![Line::styled("The dataset holds no records.", theme.accent())];
    }
    let filter = app.filter();
    let derived = app.derived();
    let key = |action: Action| keys::key_for(Mode::Normal { views: 0 }, &action).unwrap_or_default();
    let mut lines = vec![headline("records", filter, theme)];
    for &(part, records) in derived.emptied.iter().filter(|(_, n)| *n > 0) {
        let (what, action) = describe(filter, part);
        let key = key(action);
        let records = format::plural(records, "record");
        lines.push(with_keys(
            &[&format!("Without {what}: {records}; "), &key, " changes it."],
            theme,
        ));
    }
    let hidden = derived.hidden;
    for (n, what, action) in [
        (hidden.undated, "undated", Action::ToggleUndated),
        (hidden.approximate, "dated only by their source", Action::ToggleOwnDates),
    ] {
        if n > 0 {
            let text = format!("{} {what} hidden by the years; ", format::plural(n, "record"));
            lines.push(with_keys(&[&text, &key(action), " shows them."], theme));
        }
    }
    if lines.len() == 1 {
        let reset = key(Action::ResetFilters);
        lines.push(with_keys(
            &["These filters leave nothing together; ", &reset, " resets them all."],
            theme,
        ));
    }
    lines
}

/// A part of the filter in words (`the search “fibre”`), and the action of
/// the key that changes it.
fn describe(filter: &Filter, part: FilterPart) -> (String, Action) {
    match part {
        FilterPart::Search => (format!("the search “{}”", filter.search), Action::Search),
        FilterPart::Years => (
            format!("the years {}", filter.years_label().unwrap_or_default()),
            Action::EditYears,
        ),
        FilterPart::OwnDates => ("own dates only".into(), Action::ToggleOwnDates),
        FilterPart::Facet(facet) => {
            let values = picker::values(filter, facet).join(", ");
            (format!("the {} {values}", facet.noun()), Action::Pick(facet))
        }
    }
}
