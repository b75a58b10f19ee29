//! The dashboard's search prompt (`/`): the text typed (before the first NUL
//! byte) is matched against the rest, and must agree with folding both sides
//! and looking for every term, in one of its spellings, plainly: where a
//! word starts, or anywhere for a term that starts with Korean or Chinese
//! or with no letter or digit.
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
            let expected = (query.terms().iter()).all(|term| term.spellings().iter().any(|s| found(&folded, s)));
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

/// Whether `text` holds `term`, by looking at every place it could start.
fn found(text: &str, term: &str) -> bool {
    let first = term.chars().next().unwrap_or(' ');
    let east_asian = matches!(first as u32, 0x1100..=0x11FF | 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF);
    let anywhere = east_asian || !first.is_alphanumeric();
    let mut before: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = before.is_none_or(|b| !b.is_alphanumeric());
        if (anywhere || starts_word) && text[at..].starts_with(term) {
            return true;
        }
        before = Some(c);
    }
    term.is_empty()
}
