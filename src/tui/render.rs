//! Draws the whole screen from `App`. Changes nothing.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Overlay};
use super::layout;
use super::views;
use super::widgets::{checklist, detail, footer, header, help, prompt};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        let note = vec![
            Line::styled("nkict needs more room", app.theme.accent()),
            Line::raw(format!(
                "{}x{} now; enlarge the terminal to at least {}x{}.",
                area.width,
                area.height,
                layout::MIN_WIDTH,
                layout::MIN_HEIGHT
            )),
            Line::styled("q quits", app.theme.dim()),
        ];
        let y = area.height.saturating_sub(3) / 2;
        let centred = ratatui::layout::Rect {
            y: area.y + y,
            height: area.height - y,
            ..area
        };
        frame.render_widget(
            Paragraph::new(note)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            centred,
        );
        return;
    }
    let screen = layout::screen(area);
    header::render(app, frame, screen.header);
    views::render(app, frame, screen.body);
    footer::render(app, frame, screen.footer);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(app, frame, area, *scroll),
        Some(Overlay::Detail { record, scroll }) => detail::render_popup(app, frame, screen.body, *record, *scroll),
        Some(Overlay::Prompt(p)) => prompt::render(app, frame, screen.body, p),
        Some(Overlay::Categories(list)) => checklist::render(app, frame, screen.body, list),
        Some(Overlay::ConfirmOverwrite(path)) => confirm(app, frame, screen.body, path),
        None => {}
    }
}

fn confirm(app: &App, frame: &mut Frame, body: ratatui::layout::Rect, path: &std::path::Path) {
    use ratatui::widgets::{Block, Clear};
    let popup = layout::popup(body, 70, 5);
    let text = vec![
        Line::raw(format!("{} exists.", path.display())),
        Line::styled(
            "Overwrite it? y / Enter replaces it, n / Esc keeps it.",
            app.theme.key(),
        ),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(app.theme.error()).title(" File exists ")),
        popup,
    );
}
