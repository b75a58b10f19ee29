//! What `update` asks the world to do, as values: the event loop performs
//! them (`perform`) and feeds what came of them back as actions (`run`), so
//! `update` itself never touches a file or the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;

use super::action::{Action, ExportOutcome};
use super::app::App;
use crate::export::{self, ExportDocument};
use crate::terminal_text::escape_keeping_lines_and_tabs;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the records in view to `path`, replacing a file there only if
    /// `overwrite` says so.
    Export { path: PathBuf, overwrite: bool },
    /// Put this text on the system clipboard.
    Copy(String),
    /// Show the records matching this search text. The event loop may hold
    /// it while more keys wait (`Searches`); `run` carries it out at once.
    Search(String),
}

/// Applies `action`, performs what it asks for, and applies what came of
/// that, until nothing is left to do. `terminal` receives the clipboard's
/// escape sequence.
pub fn run(app: &mut App, action: Action, terminal: &mut dyn Write) {
    let mut next = Some(action);
    while let Some(action) = next.take() {
        next = app.update(action).and_then(|effect| perform(effect, app, terminal));
    }
}

/// Performs `effect`; what came of it, when there is something to say.
pub fn perform(effect: Effect, app: &App, terminal: &mut dyn Write) -> Option<Action> {
    match effect {
        Effect::Export { path, overwrite } => Some(Action::Exported(export_view(app, path, overwrite))),
        Effect::Copy(text) => copy_to_clipboard(&text, terminal)
            .err()
            .map(|err| Action::Failed(format!("Copy failed: {err}"))),
        Effect::Search(text) => Some(Action::Searched(text)),
    }
}

/// The search the event loop holds back while keys wait. Over a million
/// records a search takes longer than the gap between two keys: searching
/// each text typed would fall further behind with every key, so only the
/// latest text is searched, once no key waits.
#[derive(Debug, Default)]
pub struct Searches {
    held: Option<String>,
}

impl Searches {
    /// Applies `action` as `run` does, except that a search it asks for is
    /// held (in place of one held before). Anything but more typing first
    /// carries out the search held: it acts on what that search shows.
    pub fn run(&mut self, app: &mut App, action: Action, terminal: &mut dyn Write) {
        if !matches!(action, Action::Input(_) | Action::Backspace | Action::ClearLine) {
            self.carry_out(app, terminal);
        }
        match app.update(action) {
            Some(Effect::Search(text)) => self.held = Some(text),
            Some(effect) => {
                if let Some(next) = perform(effect, app, terminal) {
                    run(app, next, terminal);
                }
            }
            None => {}
        }
    }

    /// Whether a search is held.
    pub fn holding(&self) -> bool {
        self.held.is_some()
    }

    /// Carries out the search held, if any.
    pub fn carry_out(&mut self, app: &mut App, terminal: &mut dyn Write) {
        if let Some(text) = self.held.take() {
            run(app, Action::Searched(text), terminal);
        }
    }
}

/// `path` (absolute) relative to the current folder where it is under it:
/// the folder a user started in need not be read again.
fn as_shown(path: PathBuf) -> PathBuf {
    let here = std::env::current_dir().ok();
    here.and_then(|here| under(&path, &here)).unwrap_or(path)
}

/// `path` relative to `folder`, if it is under it.
fn under(path: &Path, folder: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(folder).ok()?;
    (!relative.as_os_str().is_empty()).then(|| relative.to_owned())
}

/// Writes the records in view, in the Records view's order, in the format
/// the file's extension asks for.
fn export_view(app: &App, path: PathBuf, overwrite: bool) -> ExportOutcome {
    let view = &app.sorted();
    let format = export::format_for(&path);
    let document = ExportDocument::with_rows(app.model(), view, app.filter(), format.writes_rows());
    let replace = if overwrite {
        export::Replace::Writable
    } else {
        export::Replace::No
    };
    match export::write_to_path(&document, format, &path, replace) {
        Ok(written) => ExportOutcome::Written {
            path: as_shown(std::path::absolute(&written).unwrap_or(written)),
            records: view.len(),
        },
        Err(export::ExportError::Exists { path }) => ExportOutcome::Exists(path),
        Err(err) => ExportOutcome::Failed(err.to_string()),
    }
}

/// Asks the terminal to put `text` on the system clipboard (OSC 52). What
/// is copied is pasted elsewhere, a shell among them: it holds printable
/// text, tabs and line breaks only, every other control character and bidi
/// override written out as `\u{1b}` (base64 keeps the sequence itself safe).
fn copy_to_clipboard(text: &str, terminal: &mut dyn Write) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(escape_keeping_lines_and_tabs(text).as_bytes());
    write!(terminal, "\x1b]52;c;{encoded}\x07")?;
    terminal.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_under_the_folder_is_shown_relative_to_it() {
        let here = Path::new("/home/me/work");
        assert_eq!(
            under(Path::new("/home/me/work/out/a.csv"), here),
            Some(PathBuf::from("out/a.csv"))
        );
        assert_eq!(under(Path::new("/home/me/workshop/a.csv"), here), None);
        assert_eq!(under(Path::new("/tmp/a.csv"), here), None);
        assert_eq!(under(here, here), None, "the folder itself is no file");
    }
}
