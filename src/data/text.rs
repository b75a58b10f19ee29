//! What a dataset's text must look like to be shown: ids from a small safe
//! alphabet, and required text that shows something on the screen.

use crate::terminal_text::draws_nothing;

/// The longest id accepted, in characters.
pub const ID_MAX_LEN: usize = 100;

/// The rule `is_safe_id` checks, for messages.
pub const ID_RULE: &str = "ids are 1 to 100 lower-case ASCII letters, digits, `-`, `_` and `.`, \
starting with a letter or digit";

/// An id is a slug: `kcc-staff-tjia`, `it-workforce`, `2008.koryolink`.
/// Nothing invisible, nothing that looks like something else (`dprk` and
/// `dprk\u{200b}`, Latin `a` and Cyrillic `а`), nothing a shell or a
/// terminal reads specially.
pub fn is_safe_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'))
        && id.len() <= ID_MAX_LEN
}

/// Whether `text` shows anything: at least one character that is not
/// white space, a control, or a character that draws nothing.
pub fn is_visible(text: &str) -> bool {
    text.chars().any(|c| !draws_nothing(c))
}

/// Why required text shows nothing, to follow its name (`the title`), or
/// `None` when it shows something: `is empty`, `shows nothing: it has only
/// invisible characters (U+2800)`.
pub fn blank_reason(text: &str) -> Option<String> {
    if is_visible(text) {
        return None;
    }
    if text.trim().is_empty() {
        return Some("is empty".to_owned());
    }
    let mut hidden: Vec<String> = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let code = format!("U+{:04X}", u32::from(c));
        if !hidden.contains(&code) && hidden.len() < 3 {
            hidden.push(code);
        }
    }
    Some(format!(
        "shows nothing: it has only invisible characters ({})",
        hidden.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs() {
        for id in [
            "dprk",
            "kcc-staff-tjia",
            "it_workforce",
            "2008.koryolink",
            "a",
            &"x".repeat(100),
        ] {
            assert!(is_safe_id(id), "{id}");
        }
        for id in [
            "",
            "DPRK",
            "dprk\u{200b}",
            "-dprk",
            ".hidden",
            "d prk",
            "dprk\u{1b}[2J",
            "кcc",
            "dprk/1",
            &"x".repeat(101),
        ] {
            assert!(!is_safe_id(id), "{id:?}");
        }
    }

    #[test]
    fn text_of_invisible_characters_shows_nothing() {
        for text in [
            "",
            "  \n\t",
            "\u{200b}",
            "\u{2800}\u{2800}",
            "\u{feff} \u{2060}",
            "\u{3164}",
            "\u{e0041}",
        ] {
            assert!(!is_visible(text), "{text:?}");
        }
        for text in ["a", "\u{200b}a", "고려링크", ".", "\u{a0}-"] {
            assert!(is_visible(text), "{text:?}");
        }
    }

    #[test]
    fn blank_text_is_named_by_its_characters() {
        assert_eq!(blank_reason("Koryolink"), None);
        assert_eq!(blank_reason(" \t"), Some("is empty".into()));
        assert_eq!(
            blank_reason("\u{2800} \u{2800}\u{200b}\u{2800}"),
            Some("shows nothing: it has only invisible characters (U+2800, U+200B)".into())
        );
    }
}
