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
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::ResetColor;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

use crate::model::sift::Progress;
use crate::model::{Filter, Model};
use crate::signals;
use crate::threads;
pub use app::{App, DataOrigin};
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

/// Runs the dashboard on the dataset `load` returns (read from `origin`),
/// loaded on another thread while the screen shows how much of `name` is
/// read (as `load` notes it in its `Progress`), until the user quits (meanwhile too). The
/// terminal is restored on return, on error, on panic (ratatui's hook) and
/// on an ending signal (`signals`).
pub fn run_loading<E: Send + 'static>(
    name: String,
    origin: DataOrigin,
    load: impl FnOnce(&Progress) -> Result<(Model, Filter), E> + Send + 'static,
) -> Result<(), Failure<E>> {
    if !is_interactive() {
        return Err(Failure::Terminal(TuiError::NotATerminal));
    }
    if std::env::var_os("TERM").is_some_and(|term| term == "dumb") {
        return Err(Failure::Terminal(TuiError::DumbTerminal));
    }
    let progress = Arc::new(Progress::default());
    let loading = {
        let progress = Arc::clone(&progress);
        std::thread::spawn(move || load(&progress))
    };
    let loading = unless_failed_at_once(loading).map_err(Failure::Load)?;
    listen_for_resizes().map_err(|err| Failure::Terminal(err.into()))?;
    release_mouse_on_panic();
    // Before the terminal changes: restoring one not yet changed is harmless.
    signals::restore_terminal_with(Some(restore_after_signal)).map_err(|err| Failure::Terminal(err.into()))?;
    let result = ratatui::try_init()
        .map_err(|err| Failure::Terminal(err.into()))
        .and_then(|mut terminal| load_then_show(&mut terminal, loading, &name, &progress, origin));
    ratatui::restore();
    // Giving the duty up cannot fail.
    let _ = signals::restore_terminal_with(None);
    result
}

/// How long a load may take to fail before the screen changes.
const FAILS_AT_ONCE: Duration = Duration::from_millis(200);

/// `loading`, unless it fails within [`FAILS_AT_ONCE`] (no such file, a
/// folder, a file that is not JSON from its first bytes): then its error,
/// told before the terminal changes, so that no screen flashes before it.
fn unless_failed_at_once<T: Send + 'static, E: Send + 'static>(
    loading: JoinHandle<Result<T, E>>,
) -> Result<JoinHandle<Result<T, E>>, E> {
    let started = Instant::now();
    while !loading.is_finished() && started.elapsed() < FAILS_AT_ONCE {
        std::thread::sleep(Duration::from_millis(1));
    }
    if !loading.is_finished() {
        return Ok(loading);
    }
    let loaded = loading.join().expect("the loading thread panicked")?;
    // Handed on as the thread it came from, done.
    Ok(std::thread::spawn(move || Ok(loaded)))
}

/// The progress bar while `loading` runs, then the dashboard on what it
/// loaded, until the user quits.
fn load_then_show<E>(
    terminal: &mut DefaultTerminal,
    loading: JoinHandle<Result<(Model, Filter), E>>,
    name: &str,
    progress: &Progress,
    origin: DataOrigin,
) -> Result<(), Failure<E>> {
    let theme = Theme::from_env();
    match wait_for(terminal, loading, name, progress, theme).map_err(Failure::Terminal)? {
        Some((Ok((model, filter)), typed)) => {
            dashboard(terminal, model, origin, filter, theme, typed).map_err(Failure::Terminal)
        }
        Some((Err(err), _)) => Err(Failure::Load(err)),
        None => Ok(()),
    }
}

/// Shows the progress of `loading` until it is done (its result, and the
/// input that came meanwhile, for the dashboard), or the user quits
/// (`None`: the thread is left to end with the process).
fn wait_for<T>(
    terminal: &mut DefaultTerminal,
    loading: JoinHandle<T>,
    name: &str,
    progress: &Progress,
    theme: Theme,
) -> Result<Option<(T, Vec<Event>)>, TuiError> {
    let mut typed = Vec::new();
    while !loading.is_finished() {
        terminal.draw(|frame| widgets::loading::render(frame, name, progress.get(), theme))?;
        // Short: a small file is shown as soon as it is read.
        if event::poll(Duration::from_millis(20))? {
            let event = event::read()?;
            if keys::quits(&event) {
                return Ok(None);
            }
            if matches!(event, Event::Resize(..)) {
                // As in the event loop: the terminal may have lost what it
                // showed. (The dashboard reads its size when it starts.)
                terminal.clear()?;
            } else {
                typed.push(event);
            }
        }
    }
    Ok(Some((loading.join().expect("the loading thread panicked"), typed)))
}

/// The dashboard on `model` (read from `origin`) until the user quits. The app is not freed:
/// the process ends next, and a million records take long to free.
/// `typed` is the input that came while loading, applied first.
fn dashboard(
    terminal: &mut DefaultTerminal,
    model: Model,
    origin: DataOrigin,
    filter: Filter,
    theme: Theme,
    typed: Vec<Event>,
) -> Result<(), TuiError> {
    let mut app = App::new(model, filter, theme, views::ALL);
    app.origin = origin;
    app.home_dir = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(Into::into);
    let result = execute!(std::io::stdout(), EnableMouseCapture)
        .map_err(TuiError::from)
        .and_then(|()| event_loop(terminal, &mut app, typed));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    std::mem::forget(app);
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

/// How often a search held for the search index looks whether it is ready.
const INDEX_WAIT: Duration = Duration::from_millis(20);

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, typed: Vec<Event>) -> Result<(), TuiError> {
    let size = terminal.size()?;
    app.update(action::Action::Resize(size.width, size.height));
    let mut out = std::io::stdout();
    let mut searches = effect::Searches::default();
    for event in typed {
        if let Some(action) = keys::from_event(app.mode(), &event) {
            searches.run(app, action, &mut out);
        }
    }
    terminal.draw(|frame| render::render(app, frame))?;
    // After the first screen, so that it is not slower for it.
    let indexing = prepare_search(app);
    let mut stale = false;
    while !app.should_quit {
        // Input waiting comes first: draw, and search, once it is all read.
        if !event::poll(Duration::ZERO)? {
            if searches.holding() && search_ready(app, indexing.as_ref()) {
                searches.carry_out(app, &mut out);
                stale = true;
            }
            if stale {
                terminal.draw(|frame| render::render(app, frame))?;
                stale = false;
            }
            // Otherwise blocks until there is input: an idle dashboard costs nothing.
            if searches.holding() && !event::poll(INDEX_WAIT)? {
                continue;
            }
        }
        let event = event::read()?;
        let action = keys::from_event(app.mode(), &event);
        if matches!(event, Event::Resize(..)) {
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
            searches.run(app, action, &mut out);
        }
        stale = true;
    }
    Ok(())
}

/// Builds the search index on another thread (`prepare_in_order`; `None`
/// if no thread starts: the first search, or the first of the Indicators
/// and Estimates views, then builds what it needs; searches read every
/// record's text).
fn prepare_search(app: &App) -> Option<JoinHandle<()>> {
    let model = app.shared_model();
    let fixed = app.shared_fixed();
    std::thread::Builder::new()
        .name("search index".into())
        .spawn(move || prepare_in_order(&model, &fixed, |_| {}))
        .ok()
}

/// What the dashboard prepares after its first screen, on its own thread,
/// in order: the search index (the folded texts, then the starts of their
/// words, unless the file's reading gathered most of the words, then the
/// chunks of the word index cut from the words gathered); where the
/// file's reading gathered most of the words, the rest of the word index,
/// on every core (a search meanwhile uses the chunks built); what the
/// Indicators and Estimates views read of every claim (a view opened
/// before builds it on the dashboard's thread, 300-470 ms at a million
/// records: search keys, which have the tighter bound, come first); else
/// the index of words, at a lowered priority, on this thread alone.
/// `done` is told each step's name as it ends.
pub fn prepare_in_order(model: &Model, fixed: &derived::Fixed, mut done: impl FnMut(&str)) {
    model.prepare_search();
    done("search index");
    if model.prepare_gathered_word_index() {
        done("word index, on every core");
    }
    fixed.prepare(model);
    done("Fixed");
    // Nothing waits for the word index (a search meanwhile reads the
    // texts that the starts of words, or the chunks built, do not tell):
    // the keys typed meanwhile come first.
    // (A view waits for the widths: they keep the usual priority,
    // or a busy machine would make it wait longer.)
    threads::lower_priority();
    model.prepare_word_index();
    done("word index");
}

/// Whether a search can start without waiting for the index (or there is
/// nothing more to wait for: the thread ended, or never started).
fn search_ready(app: &App, indexing: Option<&JoinHandle<()>>) -> bool {
    app.model().search_prepared() || indexing.is_none_or(JoinHandle::is_finished)
}
