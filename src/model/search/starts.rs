//! How the words of each record of a [`TextIndex`](super::TextIndex) start: by chunk, for
//! each pair of a first character (a-z, 0-9) and what follows it, the
//! records holding a word that starts so. Gathered right after the texts
//! are folded (a fraction of the time), it answers the first keys of a
//! search before the [`WordIndex`](super::WordIndex) is built: `o` is every record
//! with a word starting with `o`, `op` those with one starting with `op`,
//! without reading a text; a longer word is read only in the records with
//! a word starting as it does. Korean, found inside words, is keyed by
//! each syllable the text holds anywhere, hashed into a few hundred keys:
//! a Korean name is read only in the records holding all its syllables'
//! keys (a term's patterns include the Korean names of the entities it
//! names, so most searches have some).

use std::ops::Range;
use std::sync::OnceLock;

use super::words::{Fit, Key, Local, Positions, Postings, holding_every, ones};
use super::{HANGUL_SYLLABLES_END, HANGUL_SYLLABLES_START};

/// The characters a start is keyed by: the digits and the letters a-z
/// (folded text has no capitals).
const FIRSTS: usize = 36;
/// What may follow a first character: one of those, nothing (`END`: a
/// word of one character), or another letter or digit (`OTHER`).
const SECONDS: usize = FIRSTS + 2;
const END: u8 = FIRSTS as u8;
const OTHER: u8 = END + 1;
/// A start's key: `SECONDS * first + second`.
const STARTS: usize = FIRSTS * SECONDS;
/// Keys of Hangul syllables, after the starts': a syllable's is
/// `STARTS + syllable_key(c)`.
const SYLLABLES: usize = 256;
const KEYS: usize = STARTS + SYLLABLES;

/// A Hangul syllable's key among the `SYLLABLES` (a multiplicative hash).
fn syllable_key(c: char) -> usize {
    (u32::from(c).wrapping_mul(0x9E37_79B1) >> 24) as usize
}

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
    let bytes = text.as_bytes();
    let mut keys = [0u64; KEYS.div_ceil(64)];
    // Eight bytes at a time (a byte at a time, this cost twice the
    // folding): which are ASCII letters or digits, which of those are
    // keyed, and which bytes are not ASCII, each as the top bit of its
    // byte; then the keyed ones after no ASCII letter or digit.
    let (mut alnum_before, mut wide_before) = (0, 0);
    let blocks = bytes.chunks_exact(8);
    // The last few bytes as a block, after them only zeros (no word).
    let mut last = [0; 8];
    last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
    let blocks = blocks.map(|block| block.try_into().expect("eight bytes"));
    for (n, word) in blocks.chain([last]).enumerate() {
        let word = u64::from_le_bytes(word);
        let wide = word & HIGHS;
        let ascii = word & !HIGHS;
        let keyed = (in_range(ascii, b'0', b'9') | in_range(ascii, b'a', b'z')) & !wide;
        let alnum = keyed | (in_range(ascii, b'A', b'Z') & !wide);
        // Of each byte, whether the byte before it is such (the first
        // byte's is the last of the block before).
        let after_alnum = alnum << 8 | alnum_before;
        let after_wide = wide << 8 | wide_before;
        (alnum_before, wide_before) = (alnum >> 56, wide >> 56);
        // Where a character starts that is not ASCII (a byte 11xxxxxx).
        let mut leads = wide & word << 1;
        while leads != 0 {
            let at = 8 * n + leads.trailing_zeros() as usize / 8;
            leads &= leads - 1;
            if let Some(c @ HANGUL_SYLLABLES_START..=HANGUL_SYLLABLES_END) = text[at..].chars().next() {
                let key = STARTS + syllable_key(c);
                keys[key / 64] |= 1 << (key % 64);
            }
        }
        let mut starts = keyed & !after_alnum;
        while starts != 0 {
            let byte = starts.trailing_zeros() as usize / 8;
            starts &= starts - 1;
            let at = 8 * n + byte;
            // After a character that is not ASCII: a word starts only if
            // that is no letter or digit either.
            if after_wide >> (8 * byte + 7) & 1 != 0 && class(char_before(text, at)) != NOT_WORD {
                continue;
            }
            let second = match bytes.get(at + 1) {
                Some(&next) if next.is_ascii() => ASCII_SECONDS[usize::from(next)],
                Some(_) if class(text[at + 1..].chars().next().expect("a character")) != NOT_WORD => OTHER,
                _ => END,
            };
            let key = SECONDS * usize::from(ASCII_CLASSES[usize::from(bytes[at])]) + usize::from(second);
            keys[key / 64] |= 1 << (key % 64);
        }
    }
    keys
}

/// The top bit of each byte of a `u64`.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Of each byte of `ascii` (all below 0x80), whether it is in `low..=high`,
/// as its top bit.
fn in_range(ascii: u64, low: u8, high: u8) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    // No byte carries into the next: each stays below 0x80 + 0x80.
    let at_least_low = ascii + ONES * u64::from(0x80 - low);
    let above_high = ascii + ONES * u64::from(0x7F - high);
    at_least_low & !above_high & HIGHS
}

/// The character that ends just before byte `at` of `text`.
fn char_before(text: &str, at: usize) -> char {
    text[..at].chars().next_back().expect("a character before")
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
        for key in ones(&starts_of(text), 0) {
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

/// Adds to `keys` the keys a text holding `key` (a word of a pattern) has
/// one of each of: the start of a word, and its Hangul syllables, anywhere.
/// Whether having them is holding the word: when the start says it all.
fn keys_of(key: &Key, keys: &mut Vec<Range<usize>>) -> bool {
    for c in key.word.chars() {
        if let HANGUL_SYLLABLES_START..=HANGUL_SYLLABLES_END = c {
            let key = STARTS + syllable_key(c);
            keys.push(key..key + 1);
        }
    }
    let mut chars = key.word.chars();
    let first = usize::from(chars.next().map_or(NOT_WORD, class));
    // Found inside words, or starting with another character than a-z or
    // a digit: the start tells nothing.
    if key.fit == Fit::Inside || first >= FIRSTS {
        return false;
    }
    let key_of = |second: u8| SECONDS * first + usize::from(second);
    let (start, exact) = match (chars.next().map(class), chars.next(), key.fit) {
        (None, _, Fit::Whole) => (key_of(END)..key_of(END) + 1, true),
        (None, _, _) => (key_of(0)..key_of(OTHER) + 1, true),
        // Two characters a-z or digits starting a word are all it needs;
        // a whole word must also end there, which the start does not say.
        (Some(second), third, fit) => (
            key_of(second)..key_of(second) + 1,
            second < END && third.is_none() && fit == Fit::Start,
        ),
    };
    keys.push(start);
    exact
}

/// The records (by position) of `text` having, for each of `keys` (a
/// pattern's words, by `words::keys`), the start of a word and the Hangul
/// syllables it says, and whether they are those holding the pattern
/// (when `alone` says its one word is the whole of it); `None` when the
/// keys narrow nothing. Only in the chunks whose starts are gathered (a
/// chunk's starts do not change once gathered, so a chunk gathered
/// meanwhile gives either all its records or none).
pub(super) fn holding(chunks: &[OnceLock<Postings>], keys: &[Key], alone: bool) -> Option<(Positions, bool)> {
    let mut starts = Vec::new();
    let exact = keys.iter().fold(alone, |exact, key| keys_of(key, &mut starts) && exact);
    if starts.is_empty() {
        return None;
    }
    let found = holding_every(chunks, &starts, |postings, keys, set| {
        if let Some(postings) = postings.get() {
            keys.clone().for_each(|k| postings.add(k, set));
        }
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
        let mut found: Vec<String> = ones(&starts_of(text), 0)
            .filter(|&key| key < STARTS)
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
        assert_eq!(
            starts("abcdefg hijklmn“op—q1 r.stuvwxy고z"),
            ["ab", "hi", "op", "q1", "r_", "st"],
            "across blocks of eight bytes"
        );
    }

    /// The keys of the Hangul syllables of `text`.
    fn syllables(text: &str) -> Vec<usize> {
        ones(&starts_of(text), 0)
            .filter_map(|key| key.checked_sub(STARTS))
            .collect()
    }

    /// The keys of the Hangul syllables of `text`, read a character at a time.
    fn syllables_one_by_one(text: &str) -> Vec<usize> {
        let mut keys: Vec<usize> = (text.chars())
            .filter(|c| ('가'..='힣').contains(c))
            .map(syllable_key)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    #[test]
    fn hangul_syllables_are_keyed_wherever_they_are() {
        assert_eq!(syllables("a고려링크 b"), syllables_one_by_one("고려링크"));
        assert_eq!(syllables("x 평양정보쎈터"), syllables_one_by_one("평양정보쎈터"));
        assert_eq!(
            syllables("ㄱ\u{1100}ж“"),
            [] as [usize; 0],
            "letters (jamo) are no syllables"
        );
        assert!(!syllables("고").is_empty());
    }

    /// The starts of `text` read a character at a time: each letter a-z
    /// or digit after no letter or digit, with the character after it.
    fn starts_one_by_one(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let keyed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
        let mut found: Vec<String> = (0..chars.len())
            .filter(|&i| keyed(chars[i]) && (i == 0 || !chars[i - 1].is_alphanumeric()))
            .map(|i| {
                let second = match chars.get(i + 1) {
                    Some(&c) if keyed(c) => c,
                    Some(c) if c.is_alphanumeric() => '+',
                    _ => '_',
                };
                format!("{}{second}", chars[i])
            })
            .collect();
        found.sort();
        found.dedup();
        found
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn the_starts_are_those_read_a_character_at_a_time(text in "[a-z0-9A-Z .(\\x00고려링크힣가ж“—é]{0,40}") {
            proptest::prop_assert_eq!(starts(&text), starts_one_by_one(&text));
            proptest::prop_assert_eq!(syllables(&text), syllables_one_by_one(&text));
        }
    }
}
