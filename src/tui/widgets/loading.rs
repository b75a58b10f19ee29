//! What the dashboard shows while a large file loads: its name and a bar of
//! the bytes read so far.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Gauge};

use crate::terminal_text::{count, escape};
use crate::tui::theme::Theme;

/// `read` of `total` bytes of `name` read (`total` 0 when not known yet).
pub fn render(frame: &mut Frame, name: &str, (read, total): (usize, usize), theme: Theme) {
    let [area] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::horizontal([Constraint::Max(72)]).flex(Flex::Center).areas(area);
    let ratio = if total == 0 {
        0.0
    } else {
        (read as f64 / total as f64).min(1.0)
    };
    let mebibytes = |bytes: usize| count(bytes.div_ceil(1 << 20));
    let label = format!("{} of {} MiB", mebibytes(read), mebibytes(total));
    let title = format!(" Loading {} · q quits ", escape(name));
    let gauge = Gauge::default()
        .block(
            Block::bordered()
                .border_style(theme.border())
                .title(Line::styled(title, theme.accent())),
        )
        .gauge_style(theme.accent())
        .ratio(ratio)
        .label(label);
    frame.render_widget(gauge, area);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn screen(name: &str, progress: (usize, usize)) -> String {
        let mut terminal = Terminal::new(TestBackend::new(60, 7)).unwrap();
        terminal
            .draw(|frame| render(frame, name, progress, Theme::MONOCHROME))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let lines = (0..buffer.area.height).map(|y| {
            let cells = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol().to_owned());
            cells.collect::<String>().trim_end().to_owned()
        });
        lines.collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_bar_shows_the_share_read_and_the_file_escaped() {
        let half = screen("big\u{1b}[2J.json", (400 << 20, 800 << 20));
        assert!(half.contains("Loading big\\u{1b}[2J.json · q quits"), "{half}");
        assert!(half.contains("400 of 800 MiB"), "{half}");
        // A 58-column bar half full: 29 cells of it drawn.
        let bar = half.lines().find(|line| line.contains("MiB")).unwrap();
        assert_eq!(
            bar.matches('█').count(),
            29 - "400 of 800 MiB".len().div_ceil(2),
            "{half}"
        );
        let unknown = screen("big.json", (0, 0));
        assert!(unknown.contains("0 of 0 MiB") && !unknown.contains('█'), "{unknown}");
    }
}
