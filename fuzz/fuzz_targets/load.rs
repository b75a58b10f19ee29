//! The loader on arbitrary bytes: a dataset or located errors, never a
//! panic; every problem has a place, and no message could drive a terminal.
//! Sifting (the command line's one-pass reading) takes exactly what the
//! loader takes, with as many records.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nkict::data::{self, LoadError};
use nkict::model::Filter;
use nkict::model::sift::{Keep, sift};
use nkict::terminal_text::needs_escape;

fuzz_target!(|bytes: &[u8]| {
    let sifted = sift(bytes, Path::new("fuzz.json"), &Filter::default(), Keep::All);
    match data::parse(bytes, Path::new("fuzz.json")) {
        Ok(dataset) => {
            let sifted = sifted.expect("sifting takes what the loader takes");
            assert_eq!(sifted.tally.records, dataset.records.len());
        }
        Err(err) => {
            assert!(sifted.is_err(), "sifting took what the loader refuses: {err}");
            if let LoadError::Invalid { problems, .. } = &err {
                assert!(!problems.is_empty());
                assert!(problems.listed().iter().all(|p| p.position.is_some()));
            }
            let message = err.to_string();
            assert!(
                message.lines().all(|line| !line.chars().any(needs_escape)),
                "control character in: {message:?}"
            );
        }
    }
});
