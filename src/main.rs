//! `nkict`: parse the command line, run it, and report the one error (if
//! any) with the exit code that says what kind of failure it was.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use nkict::cli::{self, Cli, CliError};

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
    let mut out = BufWriter::new(io::stdout());
    let result = cli::run(cli, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(&err),
    }
}

/// Prints `err` and picks the exit code: 2 when a dataset's content is
/// invalid (including a quote not in its source's text), 1 for every other
/// failure. A closed standard output (`| head`)
/// ends the program quietly.
fn report(err: &CliError) -> ExitCode {
    if err.is_broken_pipe() {
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(io::stderr(), "nkict: error: {err}");
    ExitCode::from(exit_code(err))
}

fn exit_code(err: &CliError) -> u8 {
    if err.is_invalid_data() { 2 } else { 1 }
}
