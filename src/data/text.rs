//! What a dataset's text must look like to be shown: ids from a small safe
//! alphabet, and required text that shows something on the screen. And
//! `Text`, a record's text borrowed from the file where it can be, and
//! `StaticText`, as a model holds it: borrowed from what lasts as long as
//! the program (the binary's bundled texts, or an arena a file's records
//! were copied into, `Text::copied_into`), owned otherwise.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::ptr::NonNull;

use serde::de::{Deserialize, Deserializer, Error, Visitor};
use serde::{Serialize, Serializer};

use crate::terminal_text::draws_nothing;

/// A string read from a file: borrowed from it where the JSON string has no
/// escapes, owned where reading it meant unescaping. Reads exactly what a
/// `String` reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Self(Cow::Borrowed(text))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Borrowing;

        impl<'de> Visitor<'de> for Borrowing {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: Error>(self, text: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        d.deserialize_string(Borrowing)
    }
}

impl<'a> Text<'a> {
    /// The text as it stands where it was read from, if it had no escapes
    /// there (it was borrowed).
    pub fn borrowed(&self) -> Option<&'a str> {
        match self.0 {
            Cow::Borrowed(text) => Some(text),
            Cow::Owned(_) => None,
        }
    }

    /// The text as a model holds it, copied if it was borrowed.
    pub fn copied(self) -> StaticText {
        StaticText::from(self.0.into_owned())
    }

    /// The text as a model holds it, copied into `arena` if it was
    /// borrowed: one allocation for the texts of many records, where
    /// `copied` makes one for each text (a dozen a record).
    pub fn copied_into(self, arena: &'static bumpalo::Bump) -> StaticText {
        match self.0 {
            Cow::Borrowed(text) => StaticText::lasting(arena.alloc_str(text)),
            Cow::Owned(text) => StaticText::from(text),
        }
    }
}

impl Text<'static> {
    /// The text as a model holds it, still borrowed if it was: the bundled
    /// dataset's, from the binary, is not copied.
    pub fn held(self) -> StaticText {
        StaticText::from(self.0)
    }
}

/// A model's text, to read as a file's is.
impl From<StaticText> for Text<'_> {
    fn from(text: StaticText) -> Self {
        Self(text.into_cow())
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// A record's text in the model: borrowed from the binary (the bundled
/// dataset, prepared by `build.rs`), so that a command on the bundled
/// dataset copies none of it; borrowed from an arena kept for as long as
/// the program runs, where a file's records were copied (`copied_into`);
/// or owned (any other text of a file). Reads and writes as a
/// `String` does.
///
/// Sixteen bytes, where a `Cow<'static, str>` takes 24: a record holds ten
/// texts, and a million records' 80 MB fewer are memory the dashboard does
/// not touch as it opens a large file (memory touched is its time there).
pub struct StaticText {
    /// The text's first byte: of a `&'static str`, or of a `Box<str>` this
    /// owns (`OWNED` set in `len`).
    start: NonNull<u8>,
    /// The text's length in bytes, and `OWNED`.
    len: usize,
}

/// Set in `StaticText::len` when it owns its text (a `str` is never that
/// long: its length fits in an `isize`).
const OWNED: usize = 1 << (usize::BITS - 1);

// SAFETY: a `StaticText` is a `&'static str` or a `Box<str>`, and those
// are sent and shared between threads freely.
unsafe impl Send for StaticText {}
unsafe impl Sync for StaticText {}

impl StaticText {
    /// Borrowing `text`, which lasts as long as the program.
    pub fn lasting(text: &'static str) -> Self {
        Self {
            start: NonNull::from(text).cast(),
            len: text.len(),
        }
    }

    /// Owning `text`.
    pub fn owning(text: Box<str>) -> Self {
        let len = text.len();
        Self {
            start: NonNull::from(Box::leak(text)).cast(),
            len: len | OWNED,
        }
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: `start` and the length are those of a `str` that lasts as
        // long as `self` (as long as the program, or until `self` drops it).
        unsafe { &*self.raw() }
    }

    /// The text, if it is borrowed (it lasts as long as the program).
    pub fn borrowed(&self) -> Option<&'static str> {
        // SAFETY: not owned, it is a `&'static str`'s (`lasting`).
        (self.len & OWNED == 0).then(|| unsafe { &*self.raw() })
    }

    /// The text, borrowed if it is, else a copy.
    pub fn to_cow(&self) -> Cow<'static, str> {
        self.borrowed()
            .map_or_else(|| Cow::Owned(self.as_str().to_owned()), Cow::Borrowed)
    }

    /// The text, borrowed if it is, else owned: not copied.
    pub fn into_cow(self) -> Cow<'static, str> {
        if let Some(text) = self.borrowed() {
            return Cow::Borrowed(text);
        }
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: owned, `start` and the length are a `Box<str>`'s that
        // `owning` leaked; `this` is not dropped, so it is taken back once.
        let text = unsafe { Box::from_raw(this.raw()) };
        Cow::Owned(text.into_string())
    }

    /// The text as a raw `str` pointer (owned or not).
    fn raw(&self) -> *mut str {
        std::ptr::slice_from_raw_parts_mut(self.start.as_ptr(), self.len & !OWNED) as *mut str
    }
}

impl Drop for StaticText {
    fn drop(&mut self) {
        if self.len & OWNED != 0 {
            // SAFETY: as in `into_cow`; dropped once, here.
            drop(unsafe { Box::from_raw(self.raw()) });
        }
    }
}

impl Clone for StaticText {
    fn clone(&self) -> Self {
        match self.borrowed() {
            Some(text) => Self::lasting(text),
            None => Self::owning(self.as_str().into()),
        }
    }
}

impl Default for StaticText {
    fn default() -> Self {
        Self::lasting("")
    }
}

impl fmt::Debug for StaticText {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_tuple("StaticText").field(&self.as_str()).finish()
    }
}

impl PartialEq for StaticText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for StaticText {}

/// As the `str` hashes, which a map of them is looked up by (`Borrow<str>`).
impl std::hash::Hash for StaticText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl From<Cow<'static, str>> for StaticText {
    fn from(text: Cow<'static, str>) -> Self {
        match text {
            Cow::Borrowed(text) => Self::lasting(text),
            Cow::Owned(text) => Self::owning(text.into_boxed_str()),
        }
    }
}

impl Deref for StaticText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for StaticText {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Owns the string's text; `into_boxed_str` gives back any spare room, so
/// a `String` with more capacity than length is copied into a block of its
/// length.
impl From<String> for StaticText {
    fn from(text: String) -> Self {
        Self::owning(text.into_boxed_str())
    }
}

impl From<&str> for StaticText {
    fn from(text: &str) -> Self {
        Self::owning(text.into())
    }
}

impl From<StaticText> for String {
    fn from(text: StaticText) -> Self {
        text.into_cow().into_owned()
    }
}

impl PartialEq<str> for StaticText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for StaticText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for StaticText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::borrow::Borrow<str> for StaticText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// Owned, as a file's text does not last as long as the program (the
/// bundled dataset's lists are not read through this: `embedded::lists`
/// makes their texts borrowed from the binary, `StaticText::lasting`).
impl<'de> Deserialize<'de> for StaticText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Holding;

        impl Visitor<'_> for Holding {
            type Value = StaticText;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: Error>(self, text: &str) -> Result<StaticText, E> {
                Ok(StaticText::from(text))
            }

            fn visit_string<E: Error>(self, text: String) -> Result<StaticText, E> {
                Ok(StaticText::from(text))
            }
        }

        d.deserialize_string(Holding)
    }
}

impl Serialize for StaticText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl schemars::JsonSchema for StaticText {
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

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
    fn text_copied_into_an_arena_is_copied_only_if_borrowed() {
        let arena: &'static bumpalo::Bump = Box::leak(Box::default());
        let file = String::from("Koryolink, 고려링크");
        let copied = Text::from(file.as_str()).copied_into(arena);
        assert_eq!(copied, "Koryolink, 고려링크");
        assert!(copied.borrowed().is_some());
        assert_ne!(copied.as_ptr(), file.as_ptr());
        let unescaped = String::from("a \"quoted\" name");
        let at = unescaped.as_ptr();
        let kept = Text(Cow::Owned(unescaped)).copied_into(arena);
        assert_eq!((kept.as_str(), kept.as_ptr()), ("a \"quoted\" name", at));
    }

    #[test]
    fn a_text_takes_sixteen_bytes_and_an_absent_one_no_more() {
        assert_eq!(size_of::<StaticText>(), 16);
        assert_eq!(size_of::<Option<StaticText>>(), 16);
    }

    #[test]
    fn an_owned_text_is_copied_by_a_clone_and_handed_over_whole() {
        let owned = StaticText::from(String::from("고려링크 owned"));
        assert_eq!((owned.borrowed(), owned.as_str()), (None, "고려링크 owned"));
        let copy = owned.clone();
        assert_eq!(copy, owned);
        assert_ne!(copy.as_ptr(), owned.as_ptr());
        let at = owned.as_ptr();
        let Cow::Owned(string) = owned.into_cow() else {
            panic!("an owned text handed over borrowed");
        };
        assert_eq!((string.as_str(), string.as_ptr()), ("고려링크 owned", at));
        assert_eq!(String::from(copy), "고려링크 owned");
        assert_eq!(StaticText::default(), "");
    }

    #[test]
    fn a_lasting_text_is_borrowed_by_a_clone_and_looked_up_as_its_str() {
        static LASTING: &str = "lasting";
        let text = StaticText::lasting(LASTING);
        for held in [text.clone(), StaticText::from(text.to_cow()), Text::from(text).held()] {
            assert_eq!(held.borrowed().map(str::as_ptr), Some(LASTING.as_ptr()));
        }
        let set: std::collections::HashSet<StaticText> = [StaticText::lasting(LASTING), "owned".into()].into();
        assert!(set.contains("lasting") && set.contains("owned") && !set.contains("other"));
    }

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
