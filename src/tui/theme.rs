//! Colours and emphasis. Sixteen basic colours only, and none when `NO_COLOR`
//! is set or `TERM` is not (a terminal that does not say what it is may not
//! know colour); meaning is always carried by text or emphasis too.
//! (`TERM=dumb` is refused before: it cannot move the cursor at all.)

use std::ffi::OsString;

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org)
    /// or `TERM` is unset or empty.
    pub fn from_env() -> Self {
        Self::for_env(std::env::var_os("NO_COLOR"), std::env::var_os("TERM"))
    }

    /// The theme for these values of `NO_COLOR` and `TERM`.
    pub fn for_env(no_color: Option<OsString>, term: Option<OsString>) -> Self {
        let set = |value: Option<OsString>| value.is_some_and(|v| !v.is_empty());
        Self {
            color: !set(no_color) && set(term),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_needs_a_term_and_no_no_color() {
        let theme = |no_color: Option<&str>, term: Option<&str>| {
            Theme::for_env(no_color.map(Into::into), term.map(Into::into)).color
        };
        assert!(theme(None, Some("xterm-256color")));
        assert!(theme(Some(""), Some("screen")), "an empty NO_COLOR is unset");
        assert!(!theme(Some("1"), Some("xterm")));
        assert!(!theme(None, None), "TERM unset");
        assert!(!theme(None, Some("")), "TERM empty");
    }
}
