//! Draws the whole screen from `App`. Changes nothing.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Overlay, PromptKind};
use super::keys;
use super::layout;
use super::text::shown;
use super::widgets::{detail, footer, header, help, picker, prompt};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        too_small(app, frame, area);
        return;
    }
    let screen = layout::screen(area);
    header::render(app, frame, screen.header);
    app.view().render(app, frame, screen.body);
    footer::render(app, frame, screen.footer);
    let theme = app.theme;
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(frame, area, &app.help(), *scroll, theme),
        Some(Overlay::Detail { record, scroll }) => {
            let (popup, lines) = app.detail_popup(*record);
            detail::render_popup(frame, popup, &lines, *scroll, theme);
        }
        Some(Overlay::Prompt(p)) => {
            let in_view = app.derived().view.len();
            let command = (p.kind == PromptKind::Export).then(|| app.export_command(p.input.trim()));
            prompt::render(frame, screen.body, p, command.as_ref(), in_view, theme);
        }
        Some(Overlay::Picker(picker)) => picker::render(frame, screen.body, picker, theme),
        Some(Overlay::ConfirmOverwrite(path)) => confirm(app, frame, screen.body, path),
        None => {}
    }
}

/// The note that takes the place of everything on a screen too small.
fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let note = vec![
        Line::styled("nkict needs more room", app.theme.accent()),
        Line::raw(format!(
            "{}x{} now; enlarge the terminal to at least {}x{}.",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        )),
        Line::styled(format!("{} quits", keys::QUIT.label(0)), app.theme.dim()),
    ];
    let y = area.height.saturating_sub(3) / 2;
    let centred = Rect {
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
}

fn confirm(app: &App, frame: &mut Frame, body: Rect, path: &std::path::Path) {
    let popup = layout::confirm_popup(body);
    let answers: Vec<String> = keys::CONFIRM
        .shown
        .iter()
        .map(|b| format!("{} {}", b.label(0), b.does))
        .collect();
    let text = vec![
        Line::raw(format!("{} exists.", shown(&path.to_string_lossy()))),
        Line::styled(format!("Overwrite it? {}.", answers.join(", ")), app.theme.key()),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(app.theme.error()).title(" File exists ")),
        popup,
    );
}
