//! One module per view. Each draws itself from `App` and declares its keys;
//! this module dispatches to them.

pub mod estimates;
pub mod indicators;
pub mod overview;
pub mod records;
pub mod sources;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::app::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    Overview,
    Timeline,
    Indicators,
    Estimates,
    Records,
    Sources,
}

impl ViewKind {
    pub const ALL: [ViewKind; 6] = [
        Self::Overview,
        Self::Timeline,
        Self::Indicators,
        Self::Estimates,
        Self::Records,
        Self::Sources,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Timeline => "Timeline",
            Self::Indicators => "Indicators",
            Self::Estimates => "Estimates",
            Self::Records => "Records",
            Self::Sources => "Sources",
        }
    }

    pub fn next(self) -> Self {
        Self::ALL[(self as usize + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> Self {
        Self::ALL[(self as usize + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// The keys this view adds to the global ones.
    pub fn keys(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Self::Overview => overview::KEYS,
            Self::Timeline => timeline::KEYS,
            Self::Indicators => indicators::KEYS,
            Self::Estimates => estimates::KEYS,
            Self::Records => records::KEYS,
            Self::Sources => sources::KEYS,
        }
    }
}

/// The label of a tab in the header, e.g. ` 2 Timeline `.
pub fn tab_label(view: ViewKind) -> String {
    format!(" {} {} ", view as usize + 1, view.title())
}

/// Columns between tabs (the `│` separator).
pub const TAB_GAP: u16 = 1;

/// The tab drawn at a header column.
pub fn tab_at(column: u16) -> Option<ViewKind> {
    let mut x = 0u16;
    for view in ViewKind::ALL {
        let width = tab_label(view).width() as u16;
        if column >= x && column < x + width {
            return Some(view);
        }
        x += width + TAB_GAP;
    }
    None
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    match app.tab {
        ViewKind::Overview => overview::render(app, frame, body),
        ViewKind::Timeline => timeline::render(app, frame, body),
        ViewKind::Indicators => indicators::render(app, frame, body),
        ViewKind::Estimates => estimates::render(app, frame, body),
        ViewKind::Records => records::render(app, frame, body),
        ViewKind::Sources => sources::render(app, frame, body),
    }
}

/// Rows in a view's main list.
pub fn list_len(app: &App, view: ViewKind) -> usize {
    let d = &app.derived;
    match view {
        ViewKind::Overview => 0,
        ViewKind::Timeline => d.timeline.len(),
        ViewKind::Indicators => d.indicators.len(),
        ViewKind::Estimates => d.estimates.len(),
        ViewKind::Records => d.sorted.len(),
        ViewKind::Sources => app.model.dataset().sources.len(),
    }
}

/// Where a view draws the rows of its focused list, within `body`.
pub fn list_area(app: &App, view: ViewKind, body: Rect) -> Rect {
    match view {
        ViewKind::Overview => Rect::default(),
        ViewKind::Timeline => timeline::list_area(body),
        ViewKind::Indicators => indicators::list_area(app, body),
        ViewKind::Estimates => estimates::list_area(body),
        ViewKind::Records => records::list_area(body),
        ViewKind::Sources => sources::list_area(app, body),
    }
}
