//! The loader on arbitrary bytes: a dataset or located errors, never a
//! panic; every problem has a place, and no message could drive a terminal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nkict::data::{self, LoadError};
use nkict::terminal_text::needs_escape;

fuzz_target!(|bytes: &[u8]| {
    match data::parse(bytes, Path::new("fuzz.json")) {
        Ok(_) => {}
        Err(err) => {
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
