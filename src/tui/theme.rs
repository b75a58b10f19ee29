//! Colours and emphasis. Sixteen basic colours only, and none when `NO_COLOR`
//! is set; meaning is always carried by text or emphasis too.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    pub const MONOCHROME: Self = Self { color: false };

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Titles, the active tab, headings.
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row: reversed, so it shows without colour too.
    pub fn selected(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Secondary text: units, sources, hints.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Keys in hints and help.
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Figures: the numbers people came for.
    pub fn figure(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// Verbatim quotes.
    pub fn quote(self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::ITALIC)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn info(self) -> Style {
        self.fg(Color::Green)
    }

    /// Bars and gauges; the palette cycles for series that sit side by side.
    pub fn series(self, index: usize) -> Style {
        const PALETTE: [Color; 6] = [
            Color::Cyan,
            Color::Magenta,
            Color::Yellow,
            Color::Green,
            Color::Blue,
            Color::Red,
        ];
        self.fg(PALETTE[index % PALETTE.len()])
    }

    pub fn border(self) -> Style {
        self.dim()
    }
}
