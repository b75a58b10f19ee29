//! The keys that work here, or the latest message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Mode;
use crate::tui::app::{App, MessageKind};
use crate::tui::keys::{self, Hint};
use crate::tui::text::{fit_path, truncate};
use crate::tui::theme::Theme;

/// After the view's own keys, as many of these as fit, most wanted first...
const MORE: &[Hint] = &[
    Hint::of(&[keys::SEARCH]),
    // Singular, as `i indicator`: two columns that let the Records
    // footer keep `e export` beside `y Y copy` at 80 columns.
    Hint {
        rows: &[keys::CATEGORIES],
        does: "category",
    },
    Hint {
        rows: &[keys::EXPORT],
        does: "export",
    },
    Hint::of(&[keys::YEARS]),
    Hint {
        rows: &[keys::ENTITIES],
        does: "about",
    },
    Hint::of(&[keys::INDICATORS]),
    Hint {
        rows: &[keys::SOURCES],
        does: "who says",
    },
    Hint {
        rows: &[keys::OWN_DATES],
        does: "own dates",
    },
];

/// ...and always the way to every other key.
const LAST: &[Hint] = &[Hint::of(&[keys::HELP]), Hint::of(&[keys::QUIT])];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let line = match &app.message {
        Some(message) => {
            let (mark, style) = match message.kind {
                MessageKind::Done => ("✓", theme.info()),
                MessageKind::Notice => ("·", theme.key()),
                MessageKind::Error => ("✗", theme.error()),
            };
            // Cut with `…` to the line, as ratatui would cut it without one.
            let width = area.width.into();
            let text = match message.path_at {
                Some(at) => {
                    let (before, path) = message.text.split_at(at);
                    fit_path(&format!("{mark} {before}"), path, width)
                }
                None => truncate(&format!("{mark} {}", message.text), width),
            };
            Line::styled(text, style)
        }
        None => hints(&fitted(app, area.width.into()), theme),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The hints for the keys that work now, whole ones only, as many as fit
/// in `width`. With no popup: the view's keys, then `MORE`, and always
/// `LAST`. Over a popup, a picker or a prompt: that mode's own keys (its
/// table's shown rows, then its movement), for there `q` or `/` does
/// something else or nothing.
fn fitted(app: &App, width: usize) -> Vec<(String, &'static str)> {
    let views = app.views().len();
    let (mut pairs, last) = match app.mode() {
        Mode::Normal { .. } => {
            let mut pairs = keys::pairs(app.view().keys_now(app), views);
            pairs.extend(keys::pairs(MORE, views));
            (pairs, keys::pairs(LAST, views))
        }
        mode => (
            keys::pairs(&keys::shown_and_moves(keys::table(mode)), views),
            Vec::new(),
        ),
    };
    // + 2: the spaces after the last hint may fall off the edge.
    let room = (width + 2).saturating_sub(hints_width(&last));
    while !pairs.is_empty() && hints_width(&pairs) > room {
        pairs.pop();
    }
    pairs.extend(last);
    pairs
}

/// Columns `hints(pairs)` takes, its final spaces included.
fn hints_width(pairs: &[(String, &str)]) -> usize {
    pairs.iter().map(|(key, does)| key.width() + does.width() + 3).sum()
}

/// `key does` pairs as one line.
pub fn hints(pairs: &[(String, &str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, does) in pairs {
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::styled(format!(" {does}  "), theme.dim()));
    }
    Line::from(spans)
}
