//! The bundled dataset's texts, as `build.rs` prepared them (each distinct
//! text of its records and lists once, one after the other; empty when it
//! could not prepare them), and the one way to borrow from them for as long
//! as the program runs. Its own module, using nothing: the prepared form
//! (`embedded`) cuts its texts from it, and the model's text (`StaticText`)
//! borrows what the prepared form hands over, each knowing nothing of the
//! other.

// `BUNDLED_TEXTS`, a `&'static str`.
include!(concat!(env!("OUT_DIR"), "/bundled_texts.rs"));

/// `text` as part of `BUNDLED_TEXTS`, to keep for as long as the program
/// runs, when it is one (a string of the bundled lists, handed over by
/// `embedded::lists`); `None` for any other (a file's, a copy's).
pub fn as_static(text: &str) -> Option<&'static str> {
    let start = offset(text)?;
    BUNDLED_TEXTS.get(start..start.checked_add(text.len())?)
}

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
    fn only_the_bundled_texts_are_had_as_static() {
        assert!(
            BUNDLED_TEXTS.len() > 100_000,
            "build.rs did not prepare data/nkict.json (see its warning)"
        );
        let part = &BUNDLED_TEXTS[10..50];
        assert!(as_static(part).is_some_and(|kept| std::ptr::eq(kept, part)));
        assert_eq!(as_static(BUNDLED_TEXTS), Some(BUNDLED_TEXTS));
        assert_eq!(as_static(&BUNDLED_TEXTS[BUNDLED_TEXTS.len()..]), Some(""));
        // The same text elsewhere (a file's).
        let copy = part.to_owned();
        assert_eq!(as_static(&copy), None);
    }
}
