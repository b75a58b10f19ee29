//! Where things go on the screen. Pure functions of the terminal size, used
//! by drawing and by the mouse handler alike, so a click lands where the eye
//! saw it.

use ratatui::layout::{Constraint, Layout, Rect};

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

/// A list with a detail panel beside it when the screen is wide enough.
pub fn list_and_side(body: Rect, min_width_for_side: u16) -> (Rect, Option<Rect>) {
    if body.width < min_width_for_side {
        return (body, None);
    }
    let [list, side] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    (list, Some(side))
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
