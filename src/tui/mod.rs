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

use std::io::IsTerminal;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::model::sift::Progress;
use crate::model::{Filter, Model};
pub use app::App;
pub use theme::Theme;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("the dashboard needs an interactive terminal; use `nkict list` or `nkict export` in scripts")]
    NotATerminal,
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

/// Whether the dashboard can run here: standard input and output are a terminal.
pub fn is_interactive() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Why the dashboard stopped before the user quit.
#[derive(Debug)]
pub enum Failure<E> {
    /// Loading the dataset failed (the screen is restored first).
    Load(E),
    Terminal(TuiError),
}

/// Runs the dashboard on the dataset `load` returns, loaded on another
/// thread while the screen shows how much of `name` is read (as `load`
/// notes it in its `Progress`), until the user quits (meanwhile too). The
/// terminal is restored on return, on error and on panic (ratatui's hook).
pub fn run_loading<E: Send + 'static>(
    name: String,
    load: impl FnOnce(&Progress) -> Result<(Model, Filter), E> + Send + 'static,
) -> Result<(), Failure<E>> {
    if !is_interactive() {
        return Err(Failure::Terminal(TuiError::NotATerminal));
    }
    let progress = Arc::new(Progress::default());
    let loading = {
        let progress = Arc::clone(&progress);
        std::thread::spawn(move || load(&progress))
    };
    release_mouse_on_panic();
    let mut terminal = ratatui::try_init().map_err(|err| Failure::Terminal(err.into()))?;
    let theme = Theme::from_env();
    let result = match wait_for(&mut terminal, loading, &name, &progress, theme) {
        Ok(Some(Ok((model, filter)))) => dashboard(&mut terminal, model, filter, theme).map_err(Failure::Terminal),
        Ok(Some(Err(err))) => Err(Failure::Load(err)),
        Ok(None) => Ok(()),
        Err(err) => Err(Failure::Terminal(err)),
    };
    ratatui::restore();
    result
}

/// Shows the progress of `loading` until it is done (its result), or the
/// user quits (`None`: the thread is left to end with the process).
fn wait_for<T>(
    terminal: &mut DefaultTerminal,
    loading: JoinHandle<T>,
    name: &str,
    progress: &Progress,
    theme: Theme,
) -> Result<Option<T>, TuiError> {
    while !loading.is_finished() {
        terminal.draw(|frame| widgets::loading::render(frame, name, progress.get(), theme))?;
        if event::poll(Duration::from_millis(100))? && keys::quits(&event::read()?) {
            return Ok(None);
        }
    }
    Ok(Some(loading.join().expect("the loading thread panicked")))
}

/// The dashboard on `model` until the user quits. The app is not freed:
/// the process ends next, and a million records take long to free.
fn dashboard(terminal: &mut DefaultTerminal, model: Model, filter: Filter, theme: Theme) -> Result<(), TuiError> {
    let mut app = App::new(model, filter, theme, views::ALL);
    app.home_dir = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(Into::into);
    let result = execute!(std::io::stdout(), EnableMouseCapture)
        .map_err(TuiError::from)
        .and_then(|()| event_loop(terminal, &mut app));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    std::mem::forget(app);
    result
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
        if let Some(action) = keys::from_event(app.mode(), &event) {
            effect::run(app, action, &mut out);
        }
    }
    Ok(())
}
