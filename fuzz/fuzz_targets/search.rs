//! The dashboard's search prompt (`/`): the text typed (before the first NUL
//! byte) is matched against the rest, and must agree with folding both sides
//! and looking for every term, in one of its spellings, plainly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nkict::model::search::{Query, fold};

/// What opens and closes a phrase.
const QUOTES: &[char] = &['"', '“', '”'];

fuzz_target!(|text: &str| {
    let (typed, haystack) = text.split_once('\0').unwrap_or((text, ""));
    match Query::parse(typed) {
        // Nothing to look for: folded, the text is only spaces and quotes.
        None => assert!(
            fold(typed).chars().all(|c| c.is_whitespace() || QUOTES.contains(&c)),
            "{typed:?}"
        ),
        Some(query) => {
            let folded = fold(haystack);
            let expected =
                (query.terms().iter()).all(|term| term.spellings().iter().any(|s| folded.contains(s.as_str())));
            assert_eq!(query.is_in(haystack), expected, "{typed:?} in {haystack:?}");
            // Every term is found in the text it was typed from.
            let typed_folded = fold(typed).split_whitespace().collect::<Vec<_>>().join(" ");
            for term in query.terms() {
                let spelling = term.spellings()[0].as_str();
                assert!(typed_folded.contains(spelling), "{spelling:?} from {typed:?}");
            }
        }
    }
});
