//! How the words of each record of a [`TextIndex`] start: by chunk, for
//! each pair of a first character (a-z, 0-9) and what follows it, the
//! records holding a word that starts so. Gathered as the texts are folded
//! (the text is at hand then), it answers the first keys of a search
//! before the [`WordIndex`](super::WordIndex) is built: `o` is every record
//! with a word starting with `o`, `op` those with one starting with `op`,
//! without reading a text; a longer word is read only in the records with
//! a word starting as it does.

use std::ops::Range;

use super::words::{Fit, Key, Local, Positions, Postings, holding_every};
use super::{HANGUL_SYLLABLES_END, HANGUL_SYLLABLES_START, TextIndex};

/// The characters a start is keyed by: the digits and the letters a-z
/// (folded text has no capitals).
const FIRSTS: usize = 36;
/// What may follow a first character: one of those, nothing (`END`: a
/// word of one character), or another letter or digit (`OTHER`).
const SECONDS: usize = FIRSTS + 2;
const END: u8 = FIRSTS as u8;
const OTHER: u8 = END + 1;
/// A start's key: `SECONDS * first + second`.
const KEYS: usize = FIRSTS * SECONDS;

/// A character that is no letter or digit.
const NOT_WORD: u8 = u8::MAX;

/// Each ASCII character's class: its number among the `FIRSTS`, `OTHER`
/// for a capital, or `NOT_WORD`.
const ASCII_CLASSES: [u8; 128] = {
    let mut classes = [NOT_WORD; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = match b as u8 {
            digit @ b'0'..=b'9' => digit - b'0',
            letter @ b'a'..=b'z' => letter - b'a' + 10,
            b'A'..=b'Z' => OTHER,
            _ => NOT_WORD,
        };
        b += 1;
    }
    classes
};

/// What an ASCII character is as a start's second: its class, or `END`
/// for `NOT_WORD`.
const ASCII_SECONDS: [u8; 128] = {
    let mut seconds = ASCII_CLASSES;
    let mut b = 0;
    while b < 128 {
        if seconds[b] == NOT_WORD {
            seconds[b] = END;
        }
        b += 1;
    }
    seconds
};

/// `c`'s class: as [`ASCII_CLASSES`] says; any other letter or digit (as
/// [`char::is_alphanumeric`], which tells where a search finds a word's
/// start) is `OTHER`.
fn class(c: char) -> u8 {
    match c {
        c if c.is_ascii() => ASCII_CLASSES[c as usize],
        // Korean, much of some texts: told at once (`is_alphanumeric`
        // looks it up in tables).
        HANGUL_SYLLABLES_START..=HANGUL_SYLLABLES_END => OTHER,
        c if c.is_alphanumeric() => OTHER,
        _ => NOT_WORD,
    }
}

/// The keys of a text's starts, a bit each.
type KeySet = [u64; KEYS.div_ceil(64)];

/// The keys of the starts of the words of `text` whose first character
/// is a digit or a letter a-z (a word starts at a letter or digit after
/// none).
fn starts_of(text: &str) -> KeySet {
    // A bit past the keys, set where no word starts: so the bit is set
    // without a branch (words start every few bytes, too unevenly to guess).
    const NONE: usize = KEYS;
    let mut keys = [0u64; (KEYS + 1).div_ceil(64)];
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if !byte.is_ascii() {
            let c = text[at..].chars().next().expect("a character starts here");
            in_word = class(c) != NOT_WORD;
            at += c.len_utf8();
            continue;
        }
        let class = ASCII_CLASSES[usize::from(byte)];
        let starts = !in_word && class < END;
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        let mut second = match next.is_ascii() {
            true => ASCII_SECONDS[usize::from(next)],
            false => OTHER,
        };
        if starts && !next.is_ascii() && class_at(text, at + 1) == NOT_WORD {
            second = END;
        }
        let key = if starts {
            SECONDS * usize::from(class) + usize::from(second)
        } else {
            NONE
        };
        keys[key / 64] |= 1 << (key % 64);
        in_word = class != NOT_WORD;
        at += 1;
    }
    let mut set = [0u64; KEYS.div_ceil(64)];
    let len = set.len();
    set.copy_from_slice(&keys[..len]);
    if KEYS % 64 != 0 {
        set[KEYS / 64] &= (1 << (KEYS % 64)) - 1;
    }
    set
}

/// The keys in `set`, in order.
fn keys_in(set: &KeySet) -> impl Iterator<Item = usize> + '_ {
    set.iter().enumerate().flat_map(|(n, &bits)| {
        let mut bits = bits;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                64 * n + bit
            })
        })
    })
}

/// The class of the character at byte `at` of `text` (a character's start).
fn class_at(text: &str, at: usize) -> u8 {
    text[at..].chars().next().map_or(NOT_WORD, class)
}

/// The records of one chunk holding each start, gathered record by record.
pub(super) struct Gathering {
    /// By key, the records holding it, in order.
    records: Vec<Vec<Local>>,
}

impl Gathering {
    pub(super) fn new() -> Self {
        Self {
            records: vec![Vec::new(); KEYS],
        }
    }

    /// Adds the starts of the words of `text`, record `p`'s.
    pub(super) fn add(&mut self, p: usize, text: &str) {
        let p = Local::try_from(p).expect("a chunk's records are numbered in 16 bits");
        // Each key once: a text repeats its starts (`the`, `of`).
        for key in keys_in(&starts_of(text)) {
            self.records[key].push(p);
        }
    }

    /// The records of each start, key by key.
    pub(super) fn postings(self) -> Postings {
        let mut postings = Postings::default();
        self.records.iter().for_each(|records| postings.push(records));
        postings
    }
}

/// The keys of the starts of which a text holding `key` (a word of a
/// pattern) has one, and whether having one is holding it. `None` where
/// the start tells nothing: a word found inside words (Korean), or one
/// that starts with another character than a-z or a digit.
fn keys_of(key: &Key) -> Option<(Range<usize>, bool)> {
    let mut chars = key.word.chars();
    let first = usize::from(class(chars.next()?));
    if key.fit == Fit::Inside || first >= FIRSTS {
        return None;
    }
    let key_of = |second: u8| SECONDS * first + usize::from(second);
    Some(match (chars.next().map(class), chars.next(), key.fit) {
        (None, _, Fit::Whole) => (key_of(END)..key_of(END) + 1, true),
        (None, _, _) => (key_of(0)..key_of(OTHER) + 1, true),
        // Two characters a-z or digits starting a word are all it needs;
        // a whole word must also end there, which the start does not say.
        (Some(second), third, fit) => (
            key_of(second)..key_of(second) + 1,
            second < END && third.is_none() && fit == Fit::Start,
        ),
    })
}

/// The records (by position) of `text` having a start of a word for each
/// of `keys` (a pattern's, by `words::keys`), and whether they are those
/// holding the pattern (when `alone` says its one word is the whole of
/// it); `None` when the starts narrow nothing.
pub(super) fn holding(text: &TextIndex, keys: &[Key], alone: bool) -> Option<(Positions, bool)> {
    let starts: Vec<(Range<usize>, bool)> = keys.iter().filter_map(keys_of).collect();
    let (_, first_exact) = starts.first()?;
    let exact = alone && *first_exact;
    let found = holding_every(&text.chunks, &starts, |chunk, (keys, _), set| {
        keys.clone().for_each(|k| chunk.starts.add(k, set));
    });
    Some((found, exact))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starts of `text`'s words, as their two characters (`_` for
    /// `END`, `+` for `OTHER`), sorted.
    fn starts(text: &str) -> Vec<String> {
        let symbol = |s: usize| match s {
            0..10 => char::from(b'0' + s as u8),
            10..FIRSTS => char::from(b'a' + s as u8 - 10),
            s if s == usize::from(END) => '_',
            _ => '+',
        };
        let mut found: Vec<String> = keys_in(&starts_of(text))
            .map(|key| format!("{}{}", symbol(key / SECONDS), symbol(key % SECONDS)))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn a_word_starts_at_a_letter_or_digit_after_none() {
        assert_eq!(starts("optical cable optics"), ["ca", "op"]);
        assert_eq!(starts("a (work) c.2002\0x"), ["20", "a_", "c_", "wo", "x_"]);
        assert_eq!(starts("00 0"), ["00", "0_"]);
        assert_eq!(starts("жlink link"), ["li"], "ж is a letter: no word starts at l");
        assert_eq!(starts("고려link"), [] as [&str; 0]);
        assert_eq!(starts("“link” 1ж oA é z고 y“"), ["1+", "li", "o+", "y_", "z+"]);
        assert_eq!(starts("éa ab"), ["ab"], "a word starting with é is not keyed");
        assert_eq!(starts(""), [] as [&str; 0]);
    }
}
