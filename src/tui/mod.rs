//! The full-screen dashboard. The state side: `keys` turns input into an
//! `action`, `App::update` (in `app`) changes the state and returns an
//! `effect`, which the event loop performs; `derived` works out what the
//! filter yields, `layout` where things go. The drawing side: `render`,
//! one file per view in `views`, shared pieces in `widgets`.

pub mod action;
pub mod app;
pub mod axis;
pub mod cursor;
pub mod derived;
pub mod detail;
pub mod effect;
pub mod keys;
pub mod layout;
pub mod picker;
pub mod render;
#[cfg(test)]
mod testing;
pub mod text;
pub mod theme;
pub mod views;
pub mod widgets;

use std::io::{IsTerminal, Write};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::ResetColor;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

use crate::model::{Filter, Model};
use crate::signals;
pub use app::App;
pub use theme::Theme;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("the dashboard needs an interactive terminal; use `nkict list` or `nkict export` in scripts")]
    NotATerminal,
    /// `TERM=dumb`: a terminal that cannot move the cursor.
    #[error(
        "TERM=dumb: this terminal cannot draw the dashboard (it has no cursor movement); \
         use `nkict list`, or set TERM to what the terminal is (TERM=xterm-256color)"
    )]
    DumbTerminal,
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the dashboard until the user quits; the terminal is restored on
/// return, on error, on panic (ratatui's hook) and on an ending signal
/// (`signals`).
pub fn run(model: Model, filter: Filter) -> Result<(), TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    if std::env::var_os("TERM").is_some_and(|term| term == "dumb") {
        return Err(TuiError::DumbTerminal);
    }
    let mut app = App::new(model, filter, Theme::from_env(), views::ALL);
    app.home_dir = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(Into::into);
    listen_for_resizes()?;
    release_mouse_on_panic();
    // Before the terminal changes: restoring one not yet changed is harmless.
    signals::restore_terminal_with(Some(restore_after_signal));
    let result = ratatui::try_init().map_err(TuiError::from).and_then(|mut terminal| {
        execute!(std::io::stdout(), EnableMouseCapture)
            .map_err(TuiError::from)
            .and_then(|()| event_loop(&mut terminal, &mut app))
    });
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    signals::restore_terminal_with(None);
    result
}

/// Has crossterm catch SIGWINCH from now on. It starts to when its input
/// reader is first used, which the event loop does only after the first
/// frame; until then a resize is not queued but lost (SIGWINCH is ignored by
/// default). A terminal shrunk and grown back to its size while that frame
/// was being written lost what it showed, and nkict, having heard nothing,
/// never drew it again: only the cells a later frame changed came back. So
/// the reader starts before the first byte is written: any resize after it
/// is an `Event::Resize`, and the event loop draws everything again.
fn listen_for_resizes() -> std::io::Result<()> {
    // Nothing to read yet; a key typed already stays queued for the loop.
    event::poll(Duration::ZERO).map(drop)
}

/// Gives the terminal back on an ending signal, from the signal thread:
/// mouse reporting off, colours reset, the main screen, the cursor shown,
/// raw mode left. Standard output stays locked (the process ends next), so
/// no frame is drawn after; a CAN first cancels any escape sequence a frame
/// had half written.
fn restore_after_signal() {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(b"\x18");
    let _ = execute!(out, DisableMouseCapture, ResetColor, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// ratatui's panic hook (installed next, so it runs first) restores the
/// screen; this one also stops mouse reporting.
fn release_mouse_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<(), TuiError> {
    let size = terminal.size()?;
    app.update(action::Action::Resize(size.width, size.height));
    let mut out = std::io::stdout();
    while !app.should_quit {
        terminal.draw(|frame| render::render(app, frame))?;
        // Blocks until there is input: an idle dashboard costs nothing.
        let event = event::read()?;
        let action = keys::from_event(app.mode(), &event);
        if matches!(event, event::Event::Resize(..)) {
            // Resizes that come faster than frames read as one, perhaps to
            // the size drawn last; the terminal may have been smaller in
            // between and lost what it showed. Draw everything again.
            terminal.clear()?;
        } else if action == Some(action::Action::Redraw) {
            // Asked to: whatever the terminal lost, and at the size it has
            // now (a resize may not have been reported yet).
            terminal.clear()?;
            let size = terminal.size()?;
            app.update(action::Action::Resize(size.width, size.height));
        }
        if let Some(action) = action {
            effect::run(app, action, &mut out);
        }
    }
    Ok(())
}
