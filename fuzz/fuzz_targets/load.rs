//! The loader on arbitrary bytes: a dataset or located errors, never a
//! panic, and no message that could drive a terminal.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nkict::data::{self, LoadError};

fuzz_target!(|bytes: &[u8]| {
    match data::parse(bytes, Path::new("fuzz.json")) {
        Ok(_) => {}
        Err(err) => {
            if let LoadError::Invalid { problems, .. } = &err {
                assert!(!problems.is_empty());
            }
            let message = err.to_string();
            assert!(
                message.lines().all(|line| !line.chars().any(char::is_control)),
                "control character in: {message:?}"
            );
        }
    }
});
