//! `nkict`: parse the command line, run it, and report the one error (if
//! any) with the exit code that says what kind of failure it was.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use nkict::cli::{self, Cli, CliError};
use nkict::terminal_text::escape_keeping_lines;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version: output, not an error.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => return report(&CliError::usage(&err)),
    };
    if let Err(err) = stdout_is_open() {
        return report(&CliError::Output(err));
    }
    // From here on, SIGTERM, SIGHUP, SIGINT and SIGQUIT clean up first.
    if let Err(err) = nkict::signals::install() {
        return report(&CliError::Signals(err));
    }
    let mut out = BufWriter::new(io::stdout());
    let result = cli::run(cli, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(&err),
    }
}

/// Standard output closed before nkict started (`nkict list >&-`): Rust's
/// runtime puts /dev/null, opened read-write, on a closed standard
/// descriptor, so the output would vanish without an error. A shell's
/// `> /dev/null` opens it write-only, which this tells apart. Linux only (it
/// reads /proc); elsewhere standard output is taken to be open. A pipe whose
/// reader leaves later (`| head`) is another matter: see `report`.
fn stdout_is_open() -> io::Result<()> {
    if stdout_was_closed() {
        return Err(io::Error::other("standard output is closed"));
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn stdout_was_closed() -> bool {
    use std::os::unix::fs::MetadataExt;
    let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|line| line.strip_prefix("flags:"))
            .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    });
    let dev_null = |path| std::fs::metadata(path).map(|m| m.rdev()).ok();
    read_write && dev_null("/proc/self/fd/1").is_some_and(|rdev| Some(rdev) == dev_null("/dev/null"))
}

#[cfg(not(target_os = "linux"))]
fn stdout_was_closed() -> bool {
    false
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
