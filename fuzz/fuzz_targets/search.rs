//! The dashboard's search prompt (`/`): the text typed (before the first NUL
//! byte) is matched against the rest, and must agree with folding both sides
//! and comparing plainly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nkict::model::search::{Needle, fold};

fuzz_target!(|text: &str| {
    let (typed, haystack) = text.split_once('\0').unwrap_or((text, ""));
    match Needle::new(typed) {
        None => assert!(typed.trim().is_empty()),
        Some(needle) => {
            let expected = fold(haystack).contains(&fold(typed.trim()));
            assert_eq!(needle.is_in(haystack), expected, "{typed:?} in {haystack:?}");
        }
    }
});
