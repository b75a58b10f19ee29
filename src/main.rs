//! `nkict`: parse the command line, run it, and report the one error (if
//! any) with the exit code that says what kind of failure it was.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::fd::AsFd;
use std::process::ExitCode;

use nkict::cli::{self, Cli, CliError, NotRun};
use nkict::terminal_text::escape_keeping_lines;

fn main() -> ExitCode {
    let cli = match Cli::read(std::env::args_os()) {
        Ok(cli) => cli,
        Err(NotRun::Output(err)) => {
            // --help and --version: output, not an error.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(NotRun::Refused(err)) => return report(&err),
    };
    let stdout = match stdout_is_open().and_then(|()| stdout_file()) {
        Ok(stdout) => stdout,
        Err(err) => return report(&CliError::Output(err)),
    };
    let mut out = BufWriter::new(stdout);
    let result = cli::run(cli, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(&err),
    }
}

/// Standard output closed before nkict started (`nkict list >&-`): the
/// output would vanish without an error. A pipe whose reader leaves later
/// (`| head`) is another matter: see `report`.
fn stdout_is_open() -> io::Result<()> {
    if closed_at_start::STDOUT.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(io::Error::other("standard output is closed"));
    }
    Ok(())
}

/// Standard output as a file of its own, written block by block as
/// `BufWriter` fills them: `io::stdout()` writes each block up to its last
/// line end, then the rest apart (twice the system calls for an export).
fn stdout_file() -> io::Result<File> {
    Ok(File::from(io::stdout().as_fd().try_clone_to_owned()?))
}

/// Rust's runtime puts /dev/null on a closed standard descriptor before
/// `main` runs, and that cannot be told from a caller's own /dev/null
/// (Python's `subprocess.DEVNULL` opens it read-write too). So the
/// descriptor is looked at earlier, by a function the C runtime calls
/// from `.init_array`, before Rust's runtime starts. Linux only; elsewhere
/// standard output is taken to be open.
mod closed_at_start {
    use std::sync::atomic::AtomicBool;

    pub static STDOUT: AtomicBool = AtomicBool::new(false);

    #[cfg(target_os = "linux")]
    #[used]
    #[unsafe(link_section = ".init_array")]
    static CHECK: extern "C" fn() = check;

    #[cfg(target_os = "linux")]
    extern "C" fn check() {
        // SAFETY: F_GETFD on a descriptor number only reads its flags;
        // -1 (EBADF) means it is not open.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
            STDOUT.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Prints `err` and picks the exit code: 2 when a dataset's content is
/// invalid (including a quote not in its source's text), 1 for every other
/// failure. A pipe closed by its reader (`| head`) ends the program quietly.
/// Dataset values in messages were escaped where they were quoted; the
/// whole message is escaped again, keeping its line breaks, so that nothing
/// missed reaches the terminal raw.
fn report(err: &CliError) -> ExitCode {
    if err.is_broken_pipe() {
        return ExitCode::SUCCESS;
    }
    let message = err.to_string();
    let _ = writeln!(io::stderr(), "nkict: error: {}", escape_keeping_lines(&message));
    ExitCode::from(exit_code(err))
}

fn exit_code(err: &CliError) -> u8 {
    if err.is_invalid_data() { 2 } else { 1 }
}
