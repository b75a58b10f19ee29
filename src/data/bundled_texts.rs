//! The bundled dataset's texts, as `build.rs` prepared them (each distinct
//! text of its records and lists once, one after the other; empty when it
//! could not prepare them), and where a text borrowed from them is. Its own
//! module, using nothing: the prepared form (`embedded`) cuts its texts
//! from it, and what holds a text it handed over can tell so by the
//! text's address alone (`offset`), knowing nothing of the form.

// `BUNDLED_TEXTS`, a `&'static str`.
include!(concat!(env!("OUT_DIR"), "/bundled_texts.rs"));

/// Where `text` starts in `BUNDLED_TEXTS` (its end counting, for an empty
/// text), when it starts there: `None` for any other text, told by its
/// address alone.
pub fn offset(text: &str) -> Option<usize> {
    let start = text.as_ptr().addr().checked_sub(BUNDLED_TEXTS.as_ptr().addr())?;
    (start <= BUNDLED_TEXTS.len()).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_text_of_the_bundled_texts_is_found_there() {
        assert!(
            BUNDLED_TEXTS.len() > 100_000,
            "build.rs did not prepare data/nkict.json (see its warning)"
        );
        assert_eq!(offset(&BUNDLED_TEXTS[10..50]), Some(10));
        assert_eq!(offset(BUNDLED_TEXTS), Some(0));
        assert_eq!(offset(&BUNDLED_TEXTS[BUNDLED_TEXTS.len()..]), Some(BUNDLED_TEXTS.len()));
        // The same text elsewhere (a file's).
        let copy = BUNDLED_TEXTS[10..50].to_owned();
        assert_eq!(offset(&copy), None);
    }
}
