//! Writes a synthetic dataset of any size, for benchmarks and for trying
//! nkict on a large file:
//!
//!     cargo run --release --example synth -- --records 1000000 --seed 1 -o big.json
//!
//! Without `-o` it writes to standard output. The records are made and
//! written one at a time, laid out as `nkict export` lays out a file
//! (two-space indents), so a million records need no more memory than one.
//! What the data looks like: `benches/common/synth.rs`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

// The benches use all of it; this example only writes files.
#[allow(dead_code)]
#[path = "../benches/common/synth.rs"]
mod synth;

const USAGE: &str = "usage: synth --records N [--seed S] [-o FILE]";

struct Options {
    records: usize,
    seed: u64,
    output: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        records: 0,
        seed: 1,
        output: None,
    };
    let mut given = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--records" | "-n" => {
                options.records = value()?
                    .replace('_', "")
                    .parse()
                    .map_err(|e| format!("--records: {e}"))?;
                given = true;
            }
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "-o" | "--output" => options.output = Some(value()?),
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    if !given {
        return Err(USAGE.to_owned());
    }
    Ok(options)
}

/// The lists as `serde_json::to_string_pretty` writes a dataset, then each
/// record indented to its place in `records`.
fn write(options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let mut synth = synth::Synth::new(options.seed);
    let head = serde_json::to_string_pretty(&synth.lists())?;
    let head = head
        .strip_suffix("\"records\": []\n}")
        .expect("`records` is the last field of a dataset");
    out.write_all(head.as_bytes())?;
    out.write_all(b"\"records\": [")?;
    for n in 0..options.records {
        let record = serde_json::to_string_pretty(&synth.record(n))?;
        out.write_all(if n == 0 { b"\n    " } else { b",\n    " })?;
        out.write_all(record.replace('\n', "\n    ").as_bytes())?;
    }
    out.write_all(if options.records == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
    out.flush()
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("synth: {message}");
            return ExitCode::from(2);
        }
    };
    let written = match &options.output {
        Some(path) => File::create(path).and_then(|file| write(&options, &mut BufWriter::new(file))),
        None => write(&options, &mut BufWriter::new(io::stdout().lock())),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("synth: {err}");
            ExitCode::FAILURE
        }
    }
}
