//! The signals that end nkict from outside (SIGTERM, SIGHUP when a terminal
//! or SSH session goes away, SIGINT when Ctrl-C is not read as a key, and
//! SIGQUIT): what is put right before it ends. A thread waits for them
//! (signal-hook's iterator: the handler itself only writes to a pipe, so
//! nothing unsafe runs inside it); on the first it gives the terminal back
//! if the dashboard holds it, removes the temporary file of an export in
//! progress, and ends the process by the same signal, with its default
//! action. A shell then sees 128 + its number (`$?` is 143 after SIGTERM,
//! 129 after SIGHUP), and a script running nkict in a loop stops on Ctrl-C
//! as it would for any other program. The thread starts when there is
//! first something to undo (`watch`).
//!
//! A leaf module: the dashboard and the export writer say here what would
//! need undoing, and nothing here knows either of them.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// The signals after which nkict cleans up, then ends.
pub const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// What an ending signal must undo.
struct Undo {
    /// Gives the terminal back, while the dashboard holds it.
    terminal: Option<fn()>,
    temp_files: Vec<PathBuf>,
}

static UNDO: Mutex<Undo> = Mutex::new(Undo {
    terminal: None,
    temp_files: Vec::new(),
});

fn undo() -> MutexGuard<'static, Undo> {
    // Nothing panics while holding it, and what it holds stays valid.
    UNDO.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts the thread that waits for the ending signals, once: when there
/// is first something to undo. Until then they end nkict at once, by their
/// default action, as they would any program; and that is all nkict does
/// after undoing nothing. So a command that only reads and prints (`nkict
/// list`) never starts it: a second thread to start, and to stop at exit,
/// cost a tenth of its time.
fn watch() -> io::Result<()> {
    static WATCHING: OnceLock<io::Result<()>> = OnceLock::new();
    let started = WATCHING.get_or_init(|| {
        let mut signals = Signals::new(ENDING)?;
        std::thread::Builder::new().name("signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                end_by(signal);
            }
        })?;
        Ok(())
    });
    started
        .as_ref()
        .map(|_| ())
        .map_err(|err| io::Error::new(err.kind(), format!("cannot watch for signals: {err}")))
}

/// Undoes what is registered, then ends the process by `signal`. The lock
/// is never let go: no temporary file can be created after its removal.
fn end_by(signal: i32) -> ! {
    let undo = undo();
    if let Some(restore) = undo.terminal {
        restore();
    }
    for path in &undo.temp_files {
        let _ = std::fs::remove_file(path);
    }
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // Not reached: the default action of every signal of `ENDING` ends the
    // process. Should the system disagree, the conventional status.
    std::process::exit(128 + signal)
}

/// While the dashboard holds the terminal, `restore` gives it back on an
/// ending signal (called from the signal thread, never from the handler);
/// `None` once it is given back.
pub fn restore_terminal_with(restore: Option<fn()>) -> io::Result<()> {
    if restore.is_some() {
        watch()?;
    }
    undo().terminal = restore;
    Ok(())
}

/// Removes the temporary file at `path` if an ending signal comes, until
/// it is dropped (after the file is renamed or removed).
#[derive(Debug)]
pub struct TempFileGuard {
    path: PathBuf,
}

impl Drop for TempFileGuard {
    fn drop(&mut self) {
        undo().temp_files.retain(|p| *p != self.path);
    }
}

/// Creates the temporary file at `path` with `create`, and registers it
/// for removal on an ending signal, in one step: a signal comes before the
/// file exists or after it is registered, never between.
pub fn create_temp_file<T>(path: &Path, create: impl FnOnce(&Path) -> io::Result<T>) -> io::Result<(T, TempFileGuard)> {
    watch()?;
    let mut undo = undo();
    let created = create(path)?;
    undo.temp_files.push(path.to_owned());
    let guard = TempFileGuard { path: path.to_owned() };
    Ok((created, guard))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_file_is_registered_until_its_guard_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".temp");
        let registered = || undo().temp_files.contains(&path);
        let (file, guard) = create_temp_file(&path, |p| std::fs::File::create_new(p)).unwrap();
        assert!(registered() && path.exists());
        drop((file, guard));
        assert!(!registered());
        // A file that could not be created is not registered.
        let err = create_temp_file(&path, |p| std::fs::File::create_new(p)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(!registered());
    }
}
