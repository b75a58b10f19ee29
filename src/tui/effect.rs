//! What `update` asks the world to do, as values: the event loop performs
//! them (`perform`) and feeds what came of them back as actions (`run`), so
//! `update` itself never touches a file or the terminal.

use std::io::Write;
use std::path::PathBuf;

use base64::Engine;

use super::action::{Action, ExportOutcome};
use super::app::App;
use crate::export::{self, ExportDocument};
use crate::terminal_text::escape_keeping_lines;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the records in view to `path`, replacing a file there only if
    /// `overwrite` says so.
    Export { path: PathBuf, overwrite: bool },
    /// Put this text on the system clipboard.
    Copy(String),
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
    }
}

/// Writes the records in view, in the Records view's order, in the format
/// the file's extension asks for.
fn export_view(app: &App, path: PathBuf, overwrite: bool) -> ExportOutcome {
    let view = &app.derived().sorted;
    let document = ExportDocument::new(app.model(), view, app.filter());
    let replace = if overwrite {
        export::Replace::Writable
    } else {
        export::Replace::No
    };
    match export::write_to_path(&document, export::format_for(&path), &path, replace) {
        Ok(written) => ExportOutcome::Written {
            path: std::path::absolute(&written).unwrap_or(written),
            records: view.len(),
        },
        Err(export::ExportError::Exists { path }) => ExportOutcome::Exists(path),
        Err(err) => ExportOutcome::Failed(err.to_string()),
    }
}

/// Asks the terminal to put `text` on the system clipboard (OSC 52). What
/// is copied is pasted elsewhere, a shell among them: it holds printable
/// text and line breaks only, every other control character and bidi
/// override written out as `\u{1b}` (base64 keeps the sequence itself safe).
fn copy_to_clipboard(text: &str, terminal: &mut dyn Write) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(escape_keeping_lines(text).as_bytes());
    write!(terminal, "\x1b]52;c;{encoded}\x07")?;
    terminal.flush()
}
