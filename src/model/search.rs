//! Text search as people type it. A query is words and "quoted phrases"
//! (`Koryolink subscribers`, `"optical cable"`); a text matches when it holds
//! every one of them, each at the start of a word (`work` finds `workers`,
//! not `network`; Korean, which writes compounds as one word, is found
//! anywhere: [`holds`]). Query and text are folded alike ([`fold`]): case,
//! diacritics, apostrophes and hyphens never stand in the way (`P'yŏngyang`
//! is `pyongyang`, `fiber-optic` is `fiber optic`), and a term is looked for
//! in its other spelling too ([`VARIANTS`]: `fibre` finds `fiber`).
//!
//! The model folds every record's text once, into a [`TextIndex`], so that a
//! search over a million records is a plain substring scan.

mod starts;
mod words;

use std::borrow::{Borrow, Cow};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use memchr::memmem;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use words::{Blocks, Vocabulary, keys, positions_in};
pub(crate) use words::{PAUSE_EVERY, Positions, WordIndex};

/// British and American spellings, British first: a term holding one is
/// also looked for with the other, so `fibre` and `fiber` find each other
/// whichever the text uses. Stems where the word has several endings
/// (`digitis` covers digitised, digitisation, digitising), so that a word is
/// found while it is being typed.
pub const VARIANTS: &[(&str, &str)] = &[
    ("fibre", "fiber"),
    ("centre", "center"),
    ("programme", "program"),
    ("licence", "license"),
    ("defence", "defense"),
    ("colour", "color"),
    ("labour", "labor"),
    ("catalogue", "catalog"),
    ("isation", "ization"),
    ("digitis", "digitiz"),
    ("organis", "organiz"),
    ("computeris", "computeriz"),
    ("modernis", "moderniz"),
    ("liberalis", "liberaliz"),
];

/// More spellings than this for one term are not tried (a term would need
/// several variant stems at once to reach it).
const MAX_SPELLINGS: usize = 8;

/// Marks that open or close a phrase.
const QUOTES: [char; 3] = ['"', '“', '”'];

/// What a person typed to search for: its words and quoted phrases, each
/// folded and with its other spellings. A text matches when it holds every
/// term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Longest first: a long term rules out most texts soonest.
    terms: Vec<Term>,
}

/// One word or phrase of a query, in every spelling it is looked for in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded; the term as typed first.
    spellings: Vec<String>,
}

impl Query {
    /// `None` when the text holds nothing to look for (blank, or only
    /// apostrophes and quotes). An unclosed quote runs to the end, so a
    /// phrase being typed already narrows the search.
    pub fn parse(text: &str) -> Option<Self> {
        let mut terms: Vec<Term> = Vec::new();
        let mut rest = text.trim_start();
        while let Some(first) = rest.chars().next() {
            let (term, tail) = if QUOTES.contains(&first) {
                let phrase = &rest[first.len_utf8()..];
                match phrase.char_indices().find(|(_, c)| QUOTES.contains(c)) {
                    Some((end, quote)) => (&phrase[..end], &phrase[end + quote.len_utf8()..]),
                    None => (phrase, ""),
                }
            } else {
                let end = rest.find(|c: char| c.is_whitespace() || QUOTES.contains(&c));
                rest.split_at(end.unwrap_or(rest.len()))
            };
            if let Some(term) = Term::new(term)
                && !terms.contains(&term)
            {
                terms.push(term);
            }
            rest = tail.trim_start();
        }
        terms.sort_by_key(|t| std::cmp::Reverse(t.spellings[0].len()));
        (!terms.is_empty()).then_some(Self { terms })
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether `text` (folded here) holds every term.
    pub fn is_in(&self, text: &str) -> bool {
        self.is_in_folded(&fold(text))
    }

    /// Whether `folded` (already folded by [`fold`]) holds every term.
    pub fn is_in_folded(&self, folded: &str) -> bool {
        self.terms.iter().all(|term| term.is_in_folded(folded))
    }
}

impl Term {
    /// The term of `text`, folded, its white space runs as one space; `None`
    /// when nothing is left.
    fn new(text: &str) -> Option<Self> {
        let folded = fold(text);
        let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        (!folded.is_empty()).then(|| Self {
            spellings: spellings(folded),
        })
    }

    /// Folded, the term as typed first.
    pub fn spellings(&self) -> &[String] {
        &self.spellings
    }

    /// Whether `text` (folded here) holds the term in one of its spellings.
    pub fn is_in(&self, text: &str) -> bool {
        self.is_in_folded(&fold(text))
    }

    fn is_in_folded(&self, folded: &str) -> bool {
        self.spellings.iter().any(|s| holds(folded, s))
    }
}

/// Whether `text` holds `needle` (both folded) where a search finds it: at
/// the start of a word, unless the needle starts with Korean or Chinese
/// characters, or with no letter or digit at all.
pub fn holds(text: &str, needle: &str) -> bool {
    Place::of(needle).holds(text, needle.len(), |from| text[from..].find(needle))
}

/// Where in a text a needle counts as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Anywhere: Korean and Chinese, which write compounds as one word, and
    /// needles that start with no letter or digit.
    Anywhere,
    /// At the start of a word (`work` in `workers`, not in `network`).
    WordStart,
    /// As a whole word (short names: not `us` in `business`).
    WholeWord,
}

impl Place {
    /// Where `needle` is looked for by [`holds`].
    fn of(needle: &str) -> Self {
        match needle.chars().next().is_some_and(starts_words) {
            true => Self::WordStart,
            false => Self::Anywhere,
        }
    }

    /// Whether `text` holds a needle of `len` bytes at such a place, `find`
    /// giving where it next starts in `text[from..]` (`from` is always a
    /// character boundary).
    fn holds(self, text: &str, len: usize, find: impl Fn(usize) -> Option<usize>) -> bool {
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut from = 0;
        while let Some(found) = find(from) {
            let at = from + found;
            let before = text[..at].chars().next_back();
            match self {
                Self::Anywhere => return true,
                Self::WordStart if !is_word(before) => return true,
                // Every place it starts, overlapping ones too: in `ba a a`,
                // `a a` is found at a word's start only the second time.
                Self::WordStart => from = at + text[at..].chars().next().map_or(1, char::len_utf8),
                Self::WholeWord if !is_word(before) && !is_word(text[at + len..].chars().next()) => return true,
                Self::WholeWord => from = at + len,
            }
        }
        false
    }
}

/// Whether a text that starts with `c` is looked for at the start of a
/// word: a letter or digit of a script that writes its words apart.
fn starts_words(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// `term` and its other spellings by [`VARIANTS`].
fn spellings(term: String) -> Vec<String> {
    let mut spellings = vec![term];
    for (british, american) in VARIANTS {
        for i in 0..spellings.len() {
            let spelling = &spellings[i];
            // `programme` holds `program`: swap the longer form only.
            let other = if spelling.contains(british) {
                spelling.replace(british, american)
            } else if spelling.contains(american) {
                spelling.replace(american, british)
            } else {
                continue;
            };
            if spellings.len() < MAX_SPELLINGS && !spellings.contains(&other) {
                spellings.push(other);
            }
        }
    }
    spellings
}

/// Text as a search compares it: lower case; diacritics dropped (`ŭ` is
/// `u`, `é` is `e`; Hangul syllables stay whole); apostrophes dropped, the
/// McCune–Reischauer ones (`’`, `ʼ`) too, so `P'yŏngyang` is `pyongyang`;
/// hyphens as spaces, so `fiber-optic` is `fiber optic`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// Appends `text`, folded, to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        // A run of ASCII with nothing to drop or replace, and of Hangul
        // syllables (kept whole): copied, then lower-cased in place, at
        // once (a character at a time took a quarter of a search of a
        // million records of Korean text).
        let plain = plain_run(rest);
        let start = out.len();
        out.push_str(&rest[..plain]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[plain..].chars();
        if let Some(c) = chars.next() {
            fold_char(c, out);
        }
        rest = chars.as_str();
    }
}

/// How many bytes `text` starts with that fold to themselves lower-cased:
/// ASCII letters, digits, spaces and signs other than apostrophes and
/// hyphens, and Hangul syllables.
fn plain_run(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut plain = 0;
    loop {
        plain += plain_ascii(&bytes[plain..]);
        match text[plain..].chars().next() {
            Some(syllable @ HANGUL_SYLLABLES_START..=HANGUL_SYLLABLES_END) => plain += syllable.len_utf8(),
            _ => return plain,
        }
    }
}

/// How many bytes `bytes` starts with that are ASCII other than an
/// apostrophe, a backtick or a hyphen: eight at a time, then one at a time
/// (a byte at a time, this was most of the cost of folding).
fn plain_ascii(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether a byte of `word` is zero (exact, by borrows: "has a zero byte").
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let has = |word: u64, byte: u8| has_zero(word ^ (ONES * u64::from(byte)));
    let words = bytes.chunks_exact(8).take_while(|chunk| {
        let word = u64::from_ne_bytes((*chunk).try_into().expect("eight bytes"));
        word & HIGHS == 0 && !has(word, b'\'') && !has(word, b'`') && !has(word, b'-')
    });
    let start = 8 * words.count();
    start
        + (bytes[start..].iter())
            .position(|&b| !b.is_ascii() || matches!(b, b'\'' | b'`' | b'-'))
            .unwrap_or(bytes.len() - start)
}

/// Hangul syllables: folded to themselves. (Decomposed, a syllable would
/// be letters (jamo), and 고 would match inside 곡.)
const HANGUL_SYLLABLES_START: char = '\u{AC00}';
const HANGUL_SYLLABLES_END: char = '\u{D7A3}';

fn fold_char(c: char, out: &mut String) {
    match c {
        '\'' | '`' | '’' | '‘' | 'ʼ' | 'ʻ' | '´' => {}
        '-' | '‐' | '‑' => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        HANGUL_SYLLABLES_START..=HANGUL_SYLLABLES_END => out.push(c),
        c => {
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |part| {
                    if !is_combining_mark(part) {
                        out.push(part);
                    }
                });
            }
        }
    }
}

/// `work` of each of `count` chunks, in order: shared out between the
/// cores as they come free.
fn on_every_core<T: Send>(count: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    on_threads(cores_for_index(), count, work)
}

/// The threads an index is built on, or a search reads texts on, when
/// each may take every core.
fn cores_for_index() -> usize {
    crate::threads::cores().min(8)
}

/// `work` of each of `count` chunks, in order: shared out between at
/// most `threads` threads, each taking the next chunk not taken yet when
/// it is done with one. (Runs of consecutive chunks, a thread each, left
/// one thread with every cheap chunk when those came together: the word
/// index's chunks cut from the words gathered, all last.)
fn on_threads<T: Send>(threads: usize, count: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.min(count);
    if threads <= 1 {
        return (0..count).map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = Vec::with_capacity(count);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (work, next) = (&work, &next);
                scope.spawn(move || {
                    let taken = std::iter::from_fn(|| Some(next.fetch_add(1, Ordering::Relaxed)));
                    (taken.take_while(|&c| c < count))
                        .map(|c| (c, work(c)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            done.extend(worker.join().expect("an index thread panicked"));
        }
    });
    // Each chunk was taken once: in order again, by its number.
    done.sort_unstable_by_key(|&(c, _)| c);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Every record's searchable text, folded, with a signature per record to
/// skip most of them without reading their text. Records are kept in chunks
/// of consecutive ones, built in parallel, each chunk's text end to end in
/// one string so that a search reads memory in order.
#[derive(Debug)]
pub(crate) struct TextIndex {
    chunks: Vec<Chunk>,
    /// By chunk, the records with words starting with each pair of
    /// characters, and holding each Korean syllable (`starts`): gathered
    /// after the texts (`gather_starts`) for searches before the word
    /// index is built, and used chunk by chunk as they come. (Gathered as
    /// the texts were folded, they made the first search wait longer for
    /// the texts.)
    starts: Vec<OnceLock<words::Postings>>,
    /// The words of the records of the tail (the texts folded as the
    /// file was read) gathered as they were folded, until the word index
    /// takes them.
    tail_words: Mutex<Option<TailWords>>,
    /// How many records' words were gathered as they were folded.
    gathered: usize,
}

/// The words of records `from..` of an index, gathered as they were folded.
#[derive(Debug)]
struct TailWords {
    from: usize,
    blocks: Blocks,
}

impl TailWords {
    /// The vocabulary of `chunk`, the records `records` of the index, if
    /// all those in the tail are in blocks. Those before the tail, the last
    /// dated records in the chunk across its start (3,957 of 65,536 at a
    /// million records), are read from their texts, calling `pause` as
    /// `Vocabulary::of_records` does. `None` for a chunk all before the tail.
    fn of(&self, records: Range<usize>, chunk: &Chunk, pause: impl Fn()) -> Option<Vocabulary> {
        let (before, within, _) = cut_by(records, self.from..usize::MAX);
        if within.is_empty() {
            return None;
        }
        let gathered = self.blocks.of(within.start - self.from..within.end - self.from)?;
        Some(match before.len() {
            0 => gathered,
            read => Vocabulary::read_before(chunk, read, &gathered, pause),
        })
    }
}

/// Records per chunk of the index.
const CHUNK: usize = 1 << 16;

/// `records` cut where `held` starts and ends: those before it, those in
/// it, those after it (each empty where `held` does not reach).
fn cut_by(records: Range<usize>, held: Range<usize>) -> (Range<usize>, Range<usize>, Range<usize>) {
    let start = held.start.clamp(records.start, records.end);
    let end = held.end.clamp(start, records.end);
    (records.start..start, start..end, end..records.end)
}

/// Consecutive records' folded texts, end to end in one string so that a
/// search reads memory in order, each with its signature.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    text: String,
    /// Record `r` has `text[ends[r - 1]..ends[r]]` (the first from 0).
    ends: Vec<usize>,
    signatures: Vec<Signature>,
    /// The words of its records, where the folding thread gathered them.
    blocks: Blocks,
}

/// Records `first..first + len` of `folded`: all of a `Folded` of its
/// own, or a part of the texts folded as the file was read (`Tail`).
#[derive(Debug)]
struct Chunk {
    folded: Arc<Folded>,
    first: usize,
    len: usize,
}

/// Separates fields, so that no match runs from one into the next.
const FIELD_END: char = '\0';

/// Which pairs of adjacent bytes occur in a text, hashed into 512 bits. A
/// text can only contain a needle whose pairs it all has: comparing
/// signatures rules out most records for a needle of four or more bytes.
type Signature = [u64; 8];

fn signature(text: &[u8]) -> Signature {
    let mut bits = [0u64; 8];
    let mut set = |pair: u64| {
        let bit = PAIR_BITS[(pair & 0xFFFF) as usize];
        bits[usize::from(bit >> 6) & 7] |= 1 << (bit & 63);
    };
    // Eight pairs from each eight bytes read at once, the last with the
    // byte after them (a pair at a time, the loop's own work was as much
    // again as the pairs').
    let mut at = 0;
    while let Some(block) = text.get(at..at + 9) {
        let word = u64::from_be_bytes(block[..8].try_into().expect("eight bytes"));
        (0..7).for_each(|k| set(word >> (48 - 8 * k)));
        set(word << 8 | u64::from(block[8]));
        at += 8;
    }
    (text[at..].windows(2)).for_each(|pair| set(u64::from(u16::from_be_bytes([pair[0], pair[1]]))));
    bits
}

/// The bit of a [`Signature`] of each pair of bytes, the first byte high:
/// a multiplicative hash, worked out once rather than for every pair of
/// every text. (The signatures, a pair at a time and hashed as they came,
/// were two thirds of the instructions of building the index's texts.)
static PAIR_BITS: [u16; 1 << 16] = {
    let mut bits = [0; 1 << 16];
    let mut pair = 0;
    while pair < bits.len() {
        bits[pair] = ((pair as u32).wrapping_mul(0x9E37_79B1) >> 23) as u16;
        pair += 1;
    }
    bits
};

/// A folded text to look for, and its signature.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    text: String,
    /// Finds `text`: prepared once, for a million texts (SIMD, several
    /// times faster than `str::find` on short needles).
    finder: memmem::Finder<'static>,
    signature: Signature,
    /// A whole word for short names; else where [`holds`] finds it.
    place: Place,
}

/// A name this short is looked for as a whole word ([`Pattern::name`]).
const SHORT_NAME: usize = 4;

impl Pattern {
    /// `text` must be folded.
    pub(crate) fn new(text: &str) -> Self {
        let text = text.replace(FIELD_END, "");
        Self {
            signature: signature(text.as_bytes()),
            place: Place::of(&text),
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            text,
        }
    }

    /// Another name of an entity the search names (`text` folded): a short
    /// Latin one (`US`, `KCC`) only as a whole word, where it cannot be part
    /// of another word. (Korean writes particles onto a name: 신의주는.)
    /// An empty name is never looked for (`TermTest` leaves it out).
    pub(crate) fn name(text: &str) -> Self {
        let pattern = Self::new(text);
        match pattern.text.is_ascii() && (1..=SHORT_NAME).contains(&pattern.text.len()) {
            true => Self {
                place: Place::WholeWord,
                ..pattern
            },
            false => pattern,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Whether a text of signature `has` may hold it: only if it has
    /// every pair of bytes the pattern has.
    fn may_be_in(&self, has: &Signature) -> bool {
        has.iter()
            .zip(&self.signature)
            .all(|(has, needs)| has & needs == *needs)
    }

    /// Whether `text` (folded, as by `fold_fields`) holds the pattern.
    pub(crate) fn is_in(&self, text: &str) -> bool {
        let finder = &self.finder;
        self.place
            .holds(text, self.text.len(), |from| finder.find(&text.as_bytes()[from..]))
    }
}

/// What the indexes say of one term's patterns: the records that hold
/// one of those they can tell, and those they cannot (read as the filter
/// visits the records).
#[derive(Debug)]
pub(crate) struct Lookup {
    /// The records holding a pattern the indexes tell.
    pub(crate) holders: Positions,
    /// Read as the filter visits the records: each pattern in its own
    /// candidates (`None`: every record), and every one in `ungathered`.
    to_read: Vec<(Option<Positions>, Pattern)>,
    /// The records not in `holders` (and `within` those given) that one of
    /// `to_read` may be in (`None`: every record): the others' text is not
    /// read.
    read_only_in: Option<Positions>,
    /// The records of the chunks that no index told when the term was
    /// looked up (their starts not gathered, or their words not indexed
    /// yet): every pattern of `to_read` is read in them.
    ungathered: Option<Positions>,
}

impl Lookup {
    /// Looks up `patterns` in `words`, reading in `text` those records it
    /// cannot tell alone (a phrase: its words may be apart), and every
    /// pattern in the chunks it has not built yet (used so while no starts
    /// of words are gathered). Before, by the starts of the words of
    /// `text` in the chunks whose starts are gathered, reading those they
    /// cannot tell alone in the records not found yet whose words start as
    /// the pattern's do (all, for a pattern they tell nothing of), and
    /// every pattern in the other chunks. Before those, every pattern is
    /// read in every record. Texts are read only `within` those records,
    /// when given: the holders outside them are not told.
    pub(crate) fn new(
        words: Option<&WordIndex>,
        text: &TextIndex,
        patterns: &[Pattern],
        within: Option<&Positions>,
    ) -> Self {
        let mut holders = Positions::none(text.chunks.len() * CHUNK);
        let mut to_read = Vec::new();
        let mut read_only_in = None;
        let starts = text.starts();
        let words = words.filter(|words| words.is_whole() || (starts.is_none() && words.is_begun()));
        // Which chunks neither index tells is told once, before the
        // patterns: a chunk built meanwhile is still read whole. (Nothing to
        // tell before any chunk is: every pattern is then read everywhere.)
        let ungathered = match words {
            Some(words) => words.unbuilt_records(text),
            None => starts.and_then(|_| text.ungathered()),
        };
        // Where the indexes tell only some chunks: the patterns they
        // cannot tell in those, and the records each is to be read in there
        // (`None`: every record); every one is read in `ungathered` too.
        let mut read_in_part: Vec<(Option<Positions>, &Pattern)> = Vec::new();
        for pattern in patterns {
            let (keys, alone) = keys(pattern);
            match (words, starts) {
                (Some(_), _) if keys.is_empty() && ungathered.is_some() => read_in_part.push((None, pattern)),
                (Some(_), _) if keys.is_empty() => to_read.push((None, pattern.clone())),
                (Some(words), _) => {
                    let mut found = words.holding(&keys);
                    if !alone {
                        within.inspect(|within| found.intersect(within));
                        found = text.holding(&found, &[(None, pattern)], None);
                    }
                    holders.union(&found);
                    if ungathered.is_some() {
                        // Read in the chunks not built only.
                        read_in_part.push((Some(Positions::default()), pattern));
                    }
                }
                (None, Some(starts)) => match starts::holding(starts, &keys, alone) {
                    Some((found, true)) => {
                        holders.union(&found);
                        if ungathered.is_some() {
                            // No candidates of its own (an empty set holds
                            // no bits): read in the ungathered chunks only.
                            read_in_part.push((Some(Positions::default()), pattern));
                        }
                    }
                    Some((maybe, false)) => read_in_part.push((Some(maybe), pattern)),
                    None => read_in_part.push((None, pattern)),
                },
                (None, None) => to_read.push((None, pattern.clone())),
            }
        }
        // Last, in one reading (a term may have a hundred patterns, the
        // names of the entities it names): each record once, for the
        // patterns whose candidates it is in, unless another pattern is
        // found in it. With many to read, they are read as the filter
        // visits the records instead, once the other tests pass (up front,
        // `optical cable` took half as long again), still only in their
        // candidates.
        if !read_in_part.is_empty() {
            // Every pattern took the same arm: the chunks some index tells
            // are read in part, so none was read whole before.
            debug_assert!(to_read.is_empty(), "every pattern to read is read in part");
            let mut candidates = match read_in_part.iter().all(|(maybe, _)| maybe.is_some()) {
                true => Positions::none(text.chunks.len() * CHUNK),
                false => text.every(),
            };
            (read_in_part.iter().filter_map(|(maybe, _)| maybe.as_ref()))
                .chain(&ungathered)
                .for_each(|maybe| candidates.union(maybe));
            candidates.remove(&holders);
            within.inspect(|within| candidates.intersect(within));
            if candidates.count() <= text.len() / READ_UP_FRONT {
                holders.union(&text.holding(&candidates, &read_in_part, ungathered.as_ref()));
            } else {
                to_read = (read_in_part.into_iter())
                    .map(|(maybe, pattern)| (maybe, pattern.clone()))
                    .collect();
                read_only_in = Some(candidates);
            }
        }
        Self {
            holders,
            ungathered: read_only_in.as_ref().and(ungathered),
            to_read,
            read_only_in,
        }
    }

    /// Whether the record at position `p` of `text` holds one of the patterns.
    pub(crate) fn holds(&self, text: &TextIndex, p: usize) -> bool {
        self.holders.contains(p)
            || (!self.to_read.is_empty()
                && self
                    .read_only_in
                    .as_ref()
                    .is_none_or(|candidates| candidates.contains(p))
                && text.reads_any(p, &self.to_read, self.ungathered.as_ref()))
    }

    /// Whether `holders` are all the records holding a pattern (nothing
    /// is left to read as the filter visits the records).
    pub(crate) fn is_whole(&self) -> bool {
        self.to_read.is_empty()
    }
}

/// The starts' candidates are read up front, as a term is looked up, when
/// they are at most one record in this many.
const READ_UP_FRONT: usize = 4;

/// Appends a record's searched `fields` to `out`, folded, each ended by a
/// separator: as the index holds them, so that `Pattern::is_in` finds in
/// it what the index finds.
pub(crate) fn fold_fields<'a>(fields: impl IntoIterator<Item = &'a str>, out: &mut String) {
    for field in fields {
        fold_into(field, out);
        out.push(FIELD_END);
    }
}

impl TextIndex {
    /// As [`build_with`](Self::build_with), nothing folded already.
    #[cfg(test)]
    pub(crate) fn build<'a, F, I>(count: usize, fields: F) -> Self
    where
        F: Fn(usize) -> I + Sync,
        I: IntoIterator<Item = &'a str>,
    {
        Self::build_with(count, fields, None)
    }

    /// Indexes `count` records, record `p` being made of the texts
    /// `fields(p)`. The chunks whose records are all in `tail` (records
    /// `tail.from..`, as many as it holds) are parts of it, sharing its
    /// text; the others are folded, on every core. A tail that runs past
    /// the last record is not used.
    pub(crate) fn build_with<'a, F, I>(count: usize, fields: F, tail: Option<Tail>) -> Self
    where
        F: Fn(usize) -> I + Sync,
        I: IntoIterator<Item = &'a str>,
    {
        let mut tail_words = None;
        let tail = (tail.filter(|tail| tail.from + tail.folded.len() <= count)).map(|Tail { from, mut folded }| {
            let blocks = std::mem::take(&mut folded.blocks);
            tail_words = Some(TailWords { from, blocks });
            (from, Arc::new(folded))
        });
        let records = |c: usize| c * CHUNK..count.min((c + 1) * CHUNK);
        let in_tail = |c: usize| {
            tail.as_ref().is_some_and(|(from, folded)| {
                let records = records(c);
                *from <= records.start && records.end <= from + folded.len()
            })
        };
        let chunks = count.div_ceil(CHUNK);
        let to_fold: Vec<usize> = (0..chunks).filter(|&c| !in_tail(c)).collect();
        let fold_chunk = |c: usize| {
            let records = records(c);
            // Those of its records the tail holds (the last dated chunk's
            // undated ones) are copied from it, not folded again.
            let held = tail.as_ref().map_or(0..0, |(from, folded)| *from..from + folded.len());
            let (before, copied, after) = cut_by(records.clone(), held.clone());
            // As records of the tail (none for a chunk before it).
            let copied = copied.start.saturating_sub(held.start)..copied.end.saturating_sub(held.start);
            let copied_bytes = tail.as_ref().map_or(0, |(_, folded)| folded.bytes_of(copied.clone()));
            let to_fold = || before.clone().chain(after.clone());
            let bytes = to_fold().flat_map(&fields).map(|f| f.len() + 1).sum::<usize>() + copied_bytes;
            let mut folded = Folded {
                text: String::with_capacity(bytes),
                ends: Vec::with_capacity(records.len()),
                signatures: Vec::with_capacity(records.len()),
                blocks: Blocks::default(),
            };
            before.for_each(|p| folded.push(fields(p)));
            if let Some((_, tail)) = &tail {
                folded.push_folded(tail, copied);
            }
            after.for_each(|p| folded.push(fields(p)));
            Chunk::whole(folded)
        };
        let mut folded = on_every_core(to_fold.len(), |i| fold_chunk(to_fold[i])).into_iter();
        let built = (0..chunks).map(|c| match &tail {
            Some((from, shared)) if in_tail(c) => Chunk {
                folded: Arc::clone(shared),
                first: c * CHUNK - from,
                len: records(c).len(),
            },
            _ => folded.next().expect("a chunk folded for each not in the tail"),
        });
        Self {
            chunks: built.collect(),
            starts: (0..chunks).map(|_| OnceLock::new()).collect(),
            gathered: tail_words.as_ref().map_or(0, |tail| tail.blocks.records()),
            tail_words: Mutex::new(tail_words),
        }
    }

    /// The words of the tail's records gathered as they were folded, once
    /// (the word index takes them).
    fn take_tail_words(&self) -> Option<TailWords> {
        self.tail_words.lock().ok()?.take()
    }

    /// Whether the words of most records (half of them) were gathered as
    /// their texts were folded: the word index is then quicker to build
    /// than the starts of words are to gather. (A chunk's words take about
    /// 150 ms on a core to gather from its texts, 1-30 ms to cut from
    /// those gathered; the starts of every chunk's words about 1 s in all:
    /// at a million records, eight chunks of sixteen to read cost as much.)
    pub(crate) fn words_mostly_gathered(&self) -> bool {
        2 * self.gathered >= self.len()
    }

    /// Gathers the starts of the words of every record, on every core,
    /// calling `pause` every [`PAUSE_EVERY`] records of a chunk (it may
    /// wait there), unless they are gathered already.
    pub(crate) fn gather_starts(&self, pause: impl Fn() + Sync) {
        on_every_core(self.chunks.len(), |c| self.gather_chunk_starts(c, &pause));
    }

    /// Gathers the starts of the words of chunk `c`, as `gather_starts`.
    fn gather_chunk_starts(&self, c: usize, pause: impl Fn()) {
        self.starts[c].get_or_init(|| {
            let chunk = &self.chunks[c];
            let mut starts = starts::Gathering::new();
            for p in 0..chunk.len {
                if p % PAUSE_EVERY == 0 {
                    pause();
                }
                starts.add(p, chunk.record(p));
            }
            starts.postings()
        });
    }

    /// The starts by chunk, once those of one chunk are gathered.
    fn starts(&self) -> Option<&[OnceLock<words::Postings>]> {
        self.starts
            .iter()
            .any(|starts| starts.get().is_some())
            .then_some(self.starts.as_slice())
    }

    /// The records of the chunks whose starts are not gathered yet; `None`
    /// when all are.
    fn ungathered(&self) -> Option<Positions> {
        self.records_of_chunks(|c| self.starts[c].get().is_none())
    }

    /// The records of the chunks `which` tells; `None` when it tells none.
    fn records_of_chunks(&self, which: impl Fn(usize) -> bool) -> Option<Positions> {
        let mut records: Option<Positions> = None;
        for (c, chunk) in self.chunks.iter().enumerate().filter(|&(c, _)| which(c)) {
            (records.get_or_insert_with(|| Positions::none(self.chunks.len() * CHUNK)))
                .insert_range(c * CHUNK..c * CHUNK + chunk.len);
        }
        records
    }

    /// Every record's position.
    fn every(&self) -> Positions {
        Positions::first(self.len(), self.chunks.len() * CHUNK)
    }

    /// How many records it holds.
    fn len(&self) -> usize {
        self.chunks.iter().map(|chunk| chunk.len).sum()
    }

    /// By chunk, from which record of `tail` (a `Folded`'s text) it is a
    /// part of it, if it is.
    #[cfg(test)]
    pub(crate) fn parts_of(&self, tail: *const u8) -> Vec<Option<usize>> {
        (self.chunks.iter())
            .map(|chunk| (chunk.folded.text.as_ptr() == tail).then_some(chunk.first))
            .collect()
    }

    /// Those of `candidates` (a set of record positions) holding one of
    /// the patterns of `reads` whose own candidates (if given) they are
    /// in, or any in `ungathered`: their text read on every core, a chunk
    /// each. Sixty-four records at a time: which patterns each may be in
    /// is told by a `u64` of each pattern's candidates, so that a record is
    /// tested for those alone. (Testing every pattern's signature for
    /// every record, most of a term's hundred patterns for none of their
    /// candidates, was most of the first search key's time.)
    fn holding(
        &self,
        candidates: &Positions,
        reads: &[(Option<Positions>, &Pattern)],
        ungathered: Option<&Positions>,
    ) -> Positions {
        let found = on_every_core(self.chunks.len(), |c| self.holding_in(c, candidates, reads, ungathered));
        let mut holding = Positions::none(self.chunks.len() * CHUNK);
        found.into_iter().flatten().for_each(|p| holding.insert(p));
        holding
    }

    /// As [`holding`](Self::holding), in chunk `c`: the positions found,
    /// in order.
    fn holding_in(
        &self,
        c: usize,
        candidates: &Positions,
        reads: &[(Option<Positions>, &Pattern)],
        ungathered: Option<&Positions>,
    ) -> Vec<usize> {
        let chunk = &self.chunks[c];
        let words = c * CHUNK / 64..(c * CHUNK + chunk.len).div_ceil(64);
        // The candidates of `u64` `w` of those, as records of the chunk.
        let of_word = |w: usize| {
            let records = if words.contains(&w) { candidates.word(w) } else { 0 };
            positions_in(records, w).map(|p| p % CHUNK)
        };
        let mut found = Vec::new();
        // The patterns some of the 64 records may hold, with which.
        let mut maybe: Vec<(u64, &Pattern)> = Vec::with_capacity(reads.len());
        for w in words.clone() {
            // What the next records' reading needs is asked for now, to
            // come while these are read (read one at a time, each waiting
            // for memory, it was most of the reading's time): their
            // signatures and where their texts are, then, once that has
            // come, their texts.
            of_word(w + 2).for_each(|p| chunk.prefetch_signature(p));
            of_word(w + 1).for_each(|p| chunk.prefetch_text(p));
            let records = candidates.word(w);
            if records == 0 {
                continue;
            }
            let every = ungathered.map_or(0, |ungathered| ungathered.word(w));
            maybe.clear();
            maybe.extend(reads.iter().filter_map(|(own, pattern)| {
                let may = own.as_ref().map_or(u64::MAX, |own| own.word(w)) | every;
                (may & records != 0).then_some((may, *pattern))
            }));
            for p in positions_in(records, w) {
                let patterns = maybe.iter().filter(|(may, _)| may >> (p % 64) & 1 != 0);
                if chunk.holds_any(p % CHUNK, patterns.map(|(_, pattern)| *pattern)) {
                    found.push(p);
                }
            }
        }
        found
    }

    /// Bytes held, for measuring: the folded texts, and the starts of
    /// their words (a part of it, once gathered).
    pub(crate) fn bytes(&self) -> (usize, usize) {
        let starts: usize = (self.starts.iter())
            .filter_map(OnceLock::get)
            .map(words::Postings::bytes)
            .sum();
        let rest: usize = self.chunks.iter().map(Chunk::bytes).sum();
        (rest + starts, starts)
    }

    /// Whether record `p` contains one of the patterns of `reads` whose
    /// own candidates (if given) it is in, or any when it is in
    /// `ungathered`.
    fn reads_any<P: Borrow<Pattern>>(
        &self,
        p: usize,
        reads: &[(Option<Positions>, P)],
        ungathered: Option<&Positions>,
    ) -> bool {
        let every = ungathered.is_some_and(|ungathered| ungathered.contains(p));
        self.chunks[p / CHUNK].reads_any(p, reads, every)
    }
}

impl Folded {
    /// Adds the next record, made of `fields`.
    pub(crate) fn push<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        let start = self.text.len();
        fold_fields(fields, &mut self.text);
        self.signatures.push(signature(&self.text.as_bytes()[start..]));
        self.ends.push(self.text.len());
    }

    /// Where the text of its records `records` is in `text`.
    fn span_of(&self, records: Range<usize>) -> Range<usize> {
        match records.is_empty() {
            true => 0..0,
            false => self.start(records.start)..self.ends[records.end - 1],
        }
    }

    /// The bytes of the text of its records `records`.
    fn bytes_of(&self, records: Range<usize>) -> usize {
        self.span_of(records).len()
    }

    /// Adds `other`'s records `records`, as they were folded there.
    fn push_folded(&mut self, other: &Folded, records: Range<usize>) {
        if records.is_empty() {
            return;
        }
        let span = other.span_of(records.clone());
        let moved = self.text.len();
        self.text.push_str(&other.text[span.clone()]);
        (self.ends).extend(other.ends[records.clone()].iter().map(|&e| e - span.start + moved));
        self.signatures.extend_from_slice(&other.signatures[records]);
    }

    /// How many records it holds.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Where record `r`'s text starts.
    fn start(&self, r: usize) -> usize {
        if r == 0 { 0 } else { self.ends[r - 1] }
    }

    /// Record `r`'s text.
    pub(crate) fn record(&self, r: usize) -> &str {
        &self.text[self.start(r)..self.ends[r]]
    }

    /// Where its text is, to tell whether an index shares it.
    #[cfg(test)]
    pub(crate) fn text_at(&self) -> *const u8 {
        self.text.as_ptr()
    }
}

impl Chunk {
    /// All of `folded`.
    fn whole(folded: Folded) -> Self {
        Self {
            len: folded.len(),
            folded: Arc::new(folded),
            first: 0,
        }
    }

    /// Record `p`'s text.
    fn record(&self, p: usize) -> &str {
        self.folded.record(self.first + p)
    }

    /// Bytes held for its records.
    fn bytes(&self) -> usize {
        let (first, end) = (self.first, self.first + self.len);
        let text = self.folded.bytes_of(first..end);
        text + (size_of::<usize>() + size_of::<Signature>()) * self.len
    }

    /// As [`TextIndex::reads_any`], for record `at` of the index (one of
    /// this chunk's), read for `every` pattern when told: `holds_any`, for
    /// the patterns whose candidates hold it.
    fn reads_any<P: Borrow<Pattern>>(&self, at: usize, reads: &[(Option<Positions>, P)], every: bool) -> bool {
        let candidate = |maybe: &Option<Positions>| every || maybe.as_ref().is_none_or(|maybe| maybe.contains(at));
        let patterns = reads
            .iter()
            .filter(|(maybe, _)| candidate(maybe))
            .map(|(_, pattern)| pattern.borrow());
        self.holds_any(at % CHUNK, patterns)
    }

    /// Asks for record `p`'s signature and where its text ends, to be
    /// read soon.
    fn prefetch_signature(&self, p: usize) {
        let r = self.first + p;
        prefetch(&self.folded.signatures[r]);
        prefetch(&self.folded.ends[r]);
    }

    /// Asks for the start of record `p`'s text, to be read soon.
    fn prefetch_text(&self, p: usize) {
        let start = self.folded.start(self.first + p);
        if let Some(byte) = self.folded.text.as_bytes().get(start) {
            prefetch(byte);
        }
    }

    /// Whether its record `p` holds one of `patterns`: the signature
    /// first, read once for all of them (most patterns fail it).
    fn holds_any<'p>(&self, p: usize, mut patterns: impl Iterator<Item = &'p Pattern>) -> bool {
        let has = &self.folded.signatures[self.first + p];
        patterns.any(|pattern| pattern.may_be_in(has) && pattern.is_in(self.record(p)))
    }
}

/// Asks for the memory `at` is in, into the cache, to be read soon;
/// nothing where that cannot be asked.
fn prefetch<T>(at: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE, which every x86-64 has; it reads nothing.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(at).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// The last records of an index, from position `from` on, folded already.
#[derive(Debug)]
pub(crate) struct Tail {
    pub(crate) from: usize,
    pub(crate) folded: Folded,
}

/// Records' searched texts folded on another thread as they are handed
/// over (`push`), into a [`Folded`] (`finish`, then `Handover::take`):
/// the dashboard's loader folds the undated records as it reads them, on
/// the core its reading leaves idle, so that the search index is mostly
/// built by the first screen.
pub(crate) struct Folding {
    batch: Batch,
    /// `None` once the thread fell behind: nothing more is handed over.
    sender: Option<SyncSender<Batch>>,
    /// The batches the thread folded, to be emptied and filled again here.
    returned: Receiver<Batch>,
    /// Tells the thread to stop before its next record (`Handover`).
    stop: Arc<AtomicBool>,
    /// The thread's id (`threads::this_thread`), once it runs (`Handover`).
    thread: Arc<AtomicI32>,
    /// Tells the thread it fell behind: it gathers no more words (see
    /// `fold_batches` for why).
    behind: Arc<AtomicBool>,
    /// What the thread folded, once it stops (`Handover`).
    folded: Receiver<(Folded, Vec<Batch>)>,
}

/// Records handed over together: their fields end to end.
#[derive(Default)]
struct Batch {
    fields: Vec<Cow<'static, str>>,
    /// Record `r` of the batch has `fields[ends[r - 1]..ends[r]]` (the first from 0).
    ends: Vec<usize>,
}

impl Batch {
    /// This batch, holding nothing (its room kept).
    fn emptied(mut self) -> Self {
        self.fields.clear();
        self.ends.clear();
        self
    }
}

/// Records a batch holds: the thread wakes once for this many.
const BATCH: usize = 1024;

/// Batches handed over and not folded yet, at most: a thread further
/// behind (on a busy machine, where it runs little) is handed no more, so
/// that the reading does not pile up batches for it (making room for
/// them slowed the reading by a tenth).
const QUEUED: usize = 8;

/// How long the search index waits for the folding thread to hand over
/// what it folded, once it runs as threads usually do: a moment, unless it
/// was sorting a block of words it gathered (10-70 ms on a busy machine).
/// On one too busy to give it a core meanwhile, the index folds all itself.
const HANDOVER: Duration = Duration::from_millis(100);

/// How long the search index waits for the handover when the folding
/// thread could not be made to run as usual (an ordinary user may not
/// leave `SCHED_IDLE`: `threads::run_as_usual`): it then runs only on an
/// idle core, and on a busy machine waiting longer would mostly be waiting
/// in vain (sometimes on the dashboard's own thread).
const HANDOVER_WHEN_IDLE: Duration = Duration::from_millis(10);

impl Folding {
    /// Folding for a file of `room` records at most (`fast::records_at_most`);
    /// `None` if they would not fill a chunk of the index (folded at once
    /// then), or where the thread could slow the reading: it runs only on
    /// a core no other wants (`run_when_idle`), and that is sure on Linux
    /// alone; with a single core it would still take time from the first
    /// screen.
    pub(crate) fn start(room: usize) -> Option<Self> {
        // The cores asked for last: the answer costs system calls.
        (cfg!(target_os = "linux") && room >= CHUNK && crate::threads::cores() >= 2)
            .then(Self::spawn)
            .flatten()
    }

    /// The thread started, whatever the file and the machine; `None` if
    /// it could not be.
    pub(crate) fn spawn() -> Option<Self> {
        let (sender, batches) = mpsc::sync_channel::<Batch>(QUEUED);
        let (give_back, returned) = mpsc::sync_channel::<Batch>(QUEUED);
        let (hand_over, folded) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = Arc::new(AtomicI32::new(0));
        let this = Arc::clone(&thread);
        let behind = Arc::new(AtomicBool::new(false));
        let fell_behind = Arc::clone(&behind);
        std::thread::Builder::new()
            .name("folding".into())
            .spawn(move || {
                this.store(crate::threads::this_thread(), Ordering::Relaxed);
                crate::threads::run_when_idle();
                // Every batch goes back to the reading, or, once it is
                // over, with what was folded: freeing the reading's memory
                // here would lock its allocator's arena, and this thread,
                // stopped there for long on a busy machine, would hold
                // the others up.
                let mut leftover = Vec::new();
                let folded = fold_batches(&batches, &stopped, &fell_behind, |batch| {
                    match give_back.try_send(batch) {
                        Ok(()) => {}
                        // The reading refills those it takes back, so rarely
                        // more than `QUEUED` wait: one may be left unfreed.
                        Err(TrySendError::Full(batch)) => std::mem::forget(batch),
                        Err(TrySendError::Disconnected(batch)) => leftover.push(batch),
                    }
                });
                leftover.extend(batches.try_iter());
                // Its id is not this thread's once it ends: another thread
                // may be given it, and `Handover::take` must not touch it.
                this.store(0, Ordering::Relaxed);
                if let Err(mpsc::SendError((_, leftover))) = hand_over.send((folded, leftover)) {
                    // Came too late: the folded text, this thread's own,
                    // is freed; the reading's batches are left unfreed.
                    std::mem::forget(leftover);
                }
            })
            .ok()?;
        Some(Self {
            batch: Batch::default(),
            sender: Some(sender),
            returned,
            stop,
            thread,
            behind,
            folded,
        })
    }

    /// Whether it takes more records (`push`): not once the thread fell
    /// behind.
    pub(crate) fn takes_more(&self) -> bool {
        self.sender.is_some()
    }

    /// Hands over the next record, made of `fields`, unless the thread
    /// fell behind (then it keeps the records handed over before).
    pub(crate) fn push(&mut self, fields: impl IntoIterator<Item = Cow<'static, str>>) {
        let Some(sender) = &self.sender else {
            return;
        };
        self.batch.fields.extend(fields);
        self.batch.ends.push(self.batch.fields.len());
        if self.batch.ends.len() == BATCH {
            let next = self.returned.try_recv().map(Batch::emptied).unwrap_or_default();
            if sender.try_send(std::mem::replace(&mut self.batch, next)).is_err() {
                // Behind by `QUEUED` batches (or it panicked: then nothing
                // is folded).
                self.sender = None;
                self.behind.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Hands over the last records (unless the thread fell behind): the
    /// thread folds on until it has folded them all, or `Handover::take`
    /// stops it.
    pub(crate) fn finish(self) -> Handover {
        let Self {
            batch,
            sender,
            stop,
            thread,
            folded,
            ..
        } = self;
        if let Some(sender) = sender.filter(|_| !batch.ends.is_empty()) {
            // A full queue: the thread keeps the records handed over before.
            let _ = sender.try_send(batch);
        }
        Handover { folded, stop, thread }
    }

    /// Every record handed over, folded, once the thread has folded them all.
    #[cfg(test)]
    pub(crate) fn wait(self) -> Folded {
        let Self {
            batch, sender, folded, ..
        } = self;
        let sender = sender.expect("the thread kept up");
        sender.send(batch).expect("the thread folds");
        drop(sender);
        folded.recv().expect("folded").0
    }
}

/// The records of `batches`, folded in order, until they run out or
/// `stop` is set (looked at before each record); each batch, folded, goes
/// to `give_back`. While no batch waits, the words of the records folded
/// are gathered (`Folded::blocks`), a record at a time, so that the word
/// index need not read their texts again; once every batch is folded, until
/// all are gathered or `stop` is set; never once `behind` is set (on a busy
/// machine, its memory, allocations and page faults, seemed to slow the
/// reading: the first screen 1.12x in 4 paired sessions, not proven). A
/// block still being gathered when it returns (`stop` set, or `behind`)
/// is dropped: sorting its words would keep the handover waiting, and
/// kept, it would hold its memory until the word index is built.
fn fold_batches(
    batches: &Receiver<Batch>,
    stop: &AtomicBool,
    behind: &AtomicBool,
    mut give_back: impl FnMut(Batch),
) -> Folded {
    let mut folded = Folded::default();
    let mut blocks = Blocks::default();
    let stopped = || stop.load(Ordering::Relaxed);
    let gathering = || !behind.load(Ordering::Relaxed);
    while let Some(batch) = next_batch(batches, stopped, gathering, &folded, &mut blocks) {
        let mut start = 0;
        for &end in &batch.ends {
            if stopped() {
                break;
            }
            folded.push(batch.fields[start..end].iter().map(|field| &**field));
            start = end;
        }
        give_back(batch);
        if stopped() {
            break;
        }
    }
    blocks.drop_open();
    folded.blocks = blocks;
    folded
}

/// The next batch of `batches`, gathering the words of the records of
/// `folded` into `blocks` while none waits (if `gathering` says so);
/// `None` once they run out (every record gathered then) or `stopped`
/// says so.
fn next_batch(
    batches: &Receiver<Batch>,
    stopped: impl Fn() -> bool,
    gathering: impl Fn() -> bool,
    folded: &Folded,
    blocks: &mut Blocks,
) -> Option<Batch> {
    loop {
        let waiting = match batches.try_recv() {
            Ok(batch) => return Some(batch),
            Err(_) if stopped() => return None,
            Err(waiting) => waiting,
        };
        let gathering = gathering();
        if gathering && blocks.gather_next(folded) {
            continue;
        }
        match waiting {
            // Handed none more (all were): gathered to the last, next.
            TryRecvError::Empty => match batches.recv() {
                Ok(batch) => return Some(batch),
                Err(mpsc::RecvError) => continue,
            },
            TryRecvError::Disconnected => {
                if gathering {
                    blocks.close(folded);
                }
                return None;
            }
        }
    }
}

/// What a [`Folding`] thread folded, when it hands it over; dropped, it
/// stops the thread.
#[derive(Debug)]
pub(crate) struct Handover {
    /// What it folded, with the batches it did not give back to the
    /// reading (to be freed by the thread that takes it).
    folded: Receiver<(Folded, Vec<Batch>)>,
    /// Tells the thread to stop before its next record.
    stop: Arc<AtomicBool>,
    /// The thread's id (0 until it runs).
    thread: Arc<AtomicI32>,
}

impl Handover {
    /// The first records handed over, folded, as many as the thread
    /// folded by now: it stops, and hands them over if it has a core
    /// within [`HANDOVER`] (`None` if not, or if it panicked). Whatever it
    /// did not fold is left to the search index, which folds on every core.
    /// The thread runs as threads usually do from now on: on a busy
    /// machine, a thread that runs only on an idle core would not get one
    /// to stop on (it gathers words until it is stopped). Where that is not
    /// allowed, or the thread is not running, the wait is
    /// [`HANDOVER_WHEN_IDLE`] only.
    pub(crate) fn take(self) -> Option<Folded> {
        self.stop.store(true, Ordering::Relaxed);
        let wait = if crate::threads::run_as_usual(self.thread.load(Ordering::Relaxed)) {
            HANDOVER
        } else {
            HANDOVER_WHEN_IDLE
        };
        let (folded, _freed_here) = self.folded.recv_timeout(wait).ok()?;
        Some(folded)
    }

    /// A handover of `folded`, as a thread that folded it would make.
    #[cfg(test)]
    pub(crate) fn of(folded: Folded) -> Self {
        let (hand_over, received) = mpsc::channel();
        hand_over.send((folded, Vec::new())).expect("received");
        Self {
            folded: received,
            stop: Arc::default(),
            thread: Arc::default(),
        }
    }
}

impl Drop for Handover {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;

    /// Whether record `p` of `index` holds `pattern`, read in its text.
    fn holds_at(index: &TextIndex, p: usize, pattern: &Pattern) -> bool {
        index.reads_any(p, &[(None, pattern)], None)
    }

    fn found(query: &str, text: &str) -> bool {
        Query::parse(query).expect("something to search for").is_in(text)
    }

    #[test]
    fn case_apostrophes_and_diacritics_fold_away() {
        assert_eq!(fold("P'yŏngyang"), "pyongyang");
        assert_eq!(fold("Sinŭiju"), "sinuiju");
        assert_eq!(fold("Ch’ŏngjin"), "chongjin");
        assert_eq!(fold("KIM CHʼAEK École"), "kim chaek ecole");
        assert!(found("Sinŭiju", "a cable to Sinuiju"));
        assert!(found("P'yŏngyang", "PYONGYANG"));
        assert!(found("Chŏngjin", "Ch'ongjin port"));
        assert!(found("chongjin", "Ch’ŏngjin"), "the text folds as the query does");
        assert!(found("kim ch'aek", "Kim Chaek University"));
        assert!(found("kim chaek", "Kim Ch`aek University"));
        assert!(!found("kim chaek", "Kim Chack"));
    }

    #[test]
    fn hyphens_are_spaces() {
        assert_eq!(fold("Fiber-optic"), "fiber optic");
        assert!(found("\"fiber optic\"", "fiber-optic cable"));
        assert!(found("fiber-optic", "Fiber optic cable"));
        assert!(found("rajin-sonbong", "Rajin Sonbong"));
    }

    #[test]
    fn korean_stays_whole_syllables() {
        assert_eq!(fold("고려링크"), "고려링크");
        assert!(found("고려링크", "Koryolink (고려링크)"));
        // Decomposed into letters, 고 (go) would be found inside 곡 (gok).
        assert!(!found("고", "곡"));
        assert!(found("평양", "평양정보쎈터"));
    }

    #[test]
    fn every_word_must_match_anywhere_and_in_any_order() {
        let text = "Koryolink had 2 million subscribers in 2013";
        assert!(found("Koryolink subscribers", text));
        assert!(found("subscribers KORYOLINK", text));
        assert!(!found("Koryolink users", text));
        assert!(found("  koryolink   ", text));
    }

    #[test]
    fn a_word_is_found_where_a_word_starts_with_it() {
        assert!(!found("work", "a national network"));
        assert!(found("work", "IT workers abroad"));
        assert!(found("work", "Work units"));
        assert!(found("work", "(work) and network"));
        assert!(
            found("\"a a\"", "ba a a"),
            "found where a word starts, after a match inside one"
        );
        assert!(found("work", "computer-workshops"), "a hyphen starts a word");
        assert!(found("link", "a link to Koryolink"));
        assert!(!found("link", "Koryolink"));
        assert!(!found("002", "in 2002"));
        assert!(found("2002", "c.2002"));
        assert!(!found("\"tical cable\"", "the optical cable"));
        assert!(found("\"optical ca\"", "the optical cable"));
        // Korean writes compounds as one word: found anywhere in them.
        assert!(found("정보", "평양정보쎈터"));
        assert!(found("링크", "고려링크"));
    }

    #[test]
    fn a_quoted_phrase_matches_only_as_a_phrase() {
        assert!(found("\"optical cable\"", "the optical cable to Sinuiju"));
        assert!(!found("\"optical cable\"", "a cable, optical and long"));
        assert!(
            found("optical cable", "a cable, optical and long"),
            "unquoted: each word"
        );
        assert!(
            found("“optical   cable”", "Optical cable"),
            "typographic quotes, runs of spaces"
        );
        assert!(found("\"optical cable\" sinuiju", "the optical cable to Sinuiju"));
        assert!(!found("\"optical cable\" chongjin", "the optical cable to Sinuiju"));
        // While the phrase is typed, its quote is not closed yet.
        assert!(found("\"optical ca", "the optical cable"));
        assert!(!found("\"optical ca", "cable optical"));
    }

    #[test]
    fn british_and_american_spellings_find_each_other() {
        for (query, text) in [
            ("fibre", "fiber-optic lines"),
            ("fiber", "Fibre optics"),
            ("centre", "Korea Computer Center"),
            ("center", "Korea Computer Centre"),
            ("programme", "the UNDP program"),
            ("program", "a United Nations Development Programme"),
            ("digitised", "digitized lines"),
            ("digitized", "digitised lines"),
            ("digitisation", "line digitization"),
            ("organisation", "a state organization"),
            ("organization", "state organisations"),
            ("licence", "a license to operate"),
            ("license", "a licence to operate"),
            ("\"fibre optic\"", "Fiber-optic cable"),
        ] {
            assert!(found(query, text), "{query} in {text}");
        }
        assert!(!found("centre", "the central office"));
    }

    #[test]
    fn a_term_gets_each_of_its_spellings_once() {
        let spellings = |text: &str| Query::parse(text).unwrap().terms()[0].spellings().to_vec();
        assert_eq!(spellings("fibre"), ["fibre", "fiber"]);
        assert_eq!(spellings("centers"), ["centers", "centres"]);
        assert_eq!(spellings("programme"), ["programme", "program"]);
        assert_eq!(spellings("digitisation"), ["digitisation", "digitization"]);
        assert_eq!(spellings("cable"), ["cable"]);
    }

    #[test]
    fn blank_queries_search_for_nothing() {
        for blank in ["", "   ", "'", "\"\"", " ` ’ "] {
            assert_eq!(Query::parse(blank), None, "{blank:?}");
        }
        let query = Query::parse("a \"b c\" a").unwrap();
        assert_eq!(query.terms().len(), 2, "a repeated word is one term");
    }

    #[test]
    fn short_names_are_whole_words() {
        let us = Pattern::name("us");
        assert!(us.is_in("made in the us.\0"));
        assert!(us.is_in("us\0"));
        assert!(!us.is_in("business\0"));
        assert!(
            Pattern::name("shinuiju").is_in("shinuijus\0"),
            "a long name is found inside a word"
        );
        assert!(Pattern::new("bus").is_in("business"), "others: a word's start");
        assert!(!Pattern::new("us").is_in("business"));
        assert!(
            Pattern::name("신의주").is_in("신의주는\0"),
            "Korean names take particles"
        );
    }

    #[test]
    fn the_index_finds_what_folding_and_contains_find() {
        let records = [
            vec!["Koryolink", "The 3G network (고려링크) opened."],
            vec!["Fiber-optic cable", "Laid to Sinŭiju."],
            vec!["", "x"],
            vec!["Kim Ch`aek University"],
        ];
        let index = TextIndex::build(records.len(), |p| records[p].iter().copied());
        // By needle, the records that hold it at a word's start (Korean
        // anywhere): never across fields.
        for (needle, holders) in [
            ("koryolink", &[0][..]),
            ("ryolink", &[]),
            ("고려링크", &[0]),
            ("링크", &[0]),
            ("3g", &[0]),
            ("fiber optic", &[1]),
            ("optic", &[1]),
            ("sinuiju", &[1]),
            ("x", &[2]),
            ("chaek", &[3]),
            ("cable laid", &[]),
            ("z", &[]),
        ] {
            let pattern = Pattern::new(needle);
            for p in 0..records.len() {
                let expected = holders.contains(&p);
                assert_eq!(holds_at(&index, p, &pattern), expected, "{needle} in {p}");
            }
        }
        assert!(holds_at(&index, 1, &Pattern::new("fiber optic")));
        assert!(holds_at(&index, 3, &Pattern::new("kim chaek")));
    }

    #[test]
    fn records_are_found_across_chunks() {
        let texts: Vec<String> = (0..CHUNK * 2 + 5).map(|p| format!("Record {p}")).collect();
        let index = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        for p in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, texts.len() - 1] {
            let exact = Pattern::new(&format!("record {p}\0"));
            assert!(holds_at(&index, p, &Pattern::new(&format!("record {p}"))), "{p}");
            assert!(!holds_at(&index, p, &Pattern::new(&format!("record {}", p + 1))), "{p}");
            assert_eq!(
                exact.text(),
                format!("record {p}"),
                "the separator is never searched for"
            );
        }
    }

    #[test]
    fn read_as_the_filter_visits_a_pattern_may_be_only_in_the_records_whose_words_start_as_its_do() {
        // Half the records have a word starting `fi`: more than are read up
        // front, so `fibr` is read as the filter visits them, its candidates
        // those.
        let texts: Vec<String> = (0..64)
            .map(|p| match p % 4 {
                0 => format!("Fibre {p}"),
                1 => format!("a fig {p}"),
                _ => format!("ab xfibre {p}"),
            })
            .collect();
        let index = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        index.gather_starts(|| {});
        let lookup = Lookup::new(None, &index, &[Pattern::new("fibr")], None);
        assert!(!lookup.is_whole(), "read as the filter visits the records");
        let mut starting_fi = Positions::none(CHUNK);
        (0..texts.len())
            .filter(|p| p % 4 < 2)
            .for_each(|p| starting_fi.insert(p));
        assert_eq!(lookup.read_only_in, Some(starting_fi));
        let found: Vec<usize> = (0..texts.len()).filter(|&p| lookup.holds(&index, p)).collect();
        assert_eq!(found, (0..texts.len()).step_by(4).collect::<Vec<_>>());
    }

    #[test]
    fn the_records_of_a_tail_folded_apart_are_the_records_folded() {
        let texts: Vec<String> = (0..CHUNK * 2 + 5).map(|p| format!("Rec-{p} Ŭ’x")).collect();
        // Hyphen a space, Ŭ a u, the apostrophe dropped; a field's end.
        let folded = |p: usize| format!("rec {p} ux\0");
        let (count, last) = (texts.len(), texts.len() - 1);
        // By tail (its first record, how many), which chunks are parts of
        // it, from which of its records: those whose records it all holds.
        let (c, c2) = (CHUNK, 2 * CHUNK);
        for ((from, len), parts) in [
            ((0, count), [Some(0), Some(c), Some(c2)]),
            ((3, count - 3), [None, Some(c - 3), Some(c2 - 3)]),
            ((c, c + 5), [None, Some(0), Some(c)]),
            ((c + 7, c - 2), [None, None, Some(c - 7)]),
            ((0, c + 10), [Some(0), None, None]),
            ((5, c2), [None, Some(c - 5), Some(c2 - 5)]),
            ((last, 1), [None, None, None]),
            ((count, 0), [None, None, None]),
            ((3, count), [None, None, None]),
        ] {
            let mut tail = Folded::default();
            (from..from + len).for_each(|p| tail.push([texts.get(p).map_or("", String::as_str)]));
            let shared = tail.text_at();
            let tail = Tail { from, folded: tail };
            let index = TextIndex::build_with(count, |p| [texts[p].as_str()], Some(tail));
            assert_eq!(index.len(), count);
            for p in [0, 2, 3, c - 1, c, c + 6, c + 7, c2 - 1, c2, last] {
                let chunk = &index.chunks[p / CHUNK];
                assert_eq!(chunk.record(p % CHUNK), folded(p), "{p}, the tail {from}, {len}");
                let signature = chunk.folded.signatures[chunk.first + p % CHUNK];
                assert_eq!(signature, super::signature(folded(p).as_bytes()), "{p}");
            }
            assert_eq!(index.parts_of(shared), parts, "the tail {from}, {len}");
        }
    }

    /// A folding whose thread never folds: the batches handed over.
    fn unfolded() -> (Folding, Receiver<Batch>) {
        let (sender, batches) = mpsc::sync_channel(QUEUED);
        let (_, returned) = mpsc::sync_channel(QUEUED);
        let (_, folded) = mpsc::channel();
        let folding = Folding {
            batch: Batch::default(),
            sender: Some(sender),
            returned,
            stop: Arc::default(),
            thread: Arc::default(),
            behind: Arc::default(),
            folded,
        };
        (folding, batches)
    }

    /// Hands record `p`'s field, `N{p}`, to `folding`, for each of `records`.
    fn hand_over(folding: &mut Folding, records: Range<usize>) {
        for p in records {
            folding.push([Cow::Owned(format!("N{p}"))]);
        }
    }

    #[test]
    fn a_folding_thread_behind_by_a_full_queue_is_handed_no_more() {
        let (mut folding, batches) = unfolded();
        hand_over(&mut folding, 0..QUEUED * BATCH);
        assert!(folding.takes_more(), "as many batches as are queued");
        hand_over(&mut folding, QUEUED * BATCH..(QUEUED + 1) * BATCH - 1);
        assert!(folding.takes_more(), "a batch not full yet");
        hand_over(&mut folding, (QUEUED + 1) * BATCH - 1..(QUEUED + 3) * BATCH);
        assert!(!folding.takes_more(), "a batch more than the queue holds");
        drop(folding.finish());
        // What the thread then folds is the records handed over before.
        let folded = fold_batches(&batches, &AtomicBool::new(false), &AtomicBool::new(false), drop);
        assert_eq!(folded.len(), QUEUED * BATCH);
        for p in 0..QUEUED * BATCH {
            assert_eq!(folded.record(p), format!("n{p}\0"), "{p}");
        }
    }

    #[test]
    fn finishing_hands_over_the_last_records_too() {
        let (mut folding, batches) = unfolded();
        hand_over(&mut folding, 0..BATCH + 3);
        drop(folding.finish());
        let folded = fold_batches(&batches, &AtomicBool::new(false), &AtomicBool::new(false), drop);
        assert_eq!(folded.len(), BATCH + 3);
        assert_eq!(folded.record(BATCH + 2), format!("n{}\0", BATCH + 2));
    }

    #[test]
    fn a_stopped_folding_folds_no_record_more() {
        let (mut folding, batches) = unfolded();
        hand_over(&mut folding, 0..3 * BATCH);
        drop(folding.finish());
        let stop = AtomicBool::new(true);
        let mut given_back = 0;
        let folded = fold_batches(&batches, &stop, &AtomicBool::new(false), |_| given_back += 1);
        assert_eq!((folded.len(), given_back), (0, 1), "stopped before");
        // Stopped once the first batch left is folded.
        stop.store(false, Ordering::Relaxed);
        let folded = fold_batches(&batches, &stop, &AtomicBool::new(false), |batch| {
            assert_eq!(batch.ends.len(), BATCH);
            stop.store(true, Ordering::Relaxed);
        });
        assert_eq!(folded.len(), BATCH);
        assert_eq!(folded.record(0), format!("n{BATCH}\0"));
        assert_eq!(folded.record(BATCH - 1), format!("n{}\0", 2 * BATCH - 1));
    }

    #[test]
    fn records_handed_to_the_folding_thread_come_back_folded_in_order() {
        let mut folding = Folding::spawn().expect("a thread");
        let count = 2 * BATCH + 3;
        for p in 0..count {
            let owned: Cow<'static, str> = Cow::Owned(format!("N{p}"));
            let fields = match p % 3 {
                0 => vec![],
                1 => vec![Cow::Borrowed("Ch’aek"), owned],
                _ => vec![owned],
            };
            folding.push(fields);
        }
        let folded = folding.wait();
        assert_eq!(folded.len(), count);
        for p in 0..count {
            let expected = match p % 3 {
                0 => String::new(),
                1 => format!("chaek\0n{p}\0"),
                _ => format!("n{p}\0"),
            };
            assert_eq!(folded.record(p), expected, "{p}");
            assert_eq!(folded.signatures[p], signature(expected.as_bytes()), "{p}");
        }
    }

    #[test]
    fn the_chunks_are_dealt_out_as_threads_come_free_and_come_back_in_order() {
        // Chunk 0 waits until chunk 1 is done: on another thread, which
        // takes it while the first waits. (In runs of consecutive chunks,
        // 0 and 1 were one thread's: it waited for itself.)
        let (done, waited) = mpsc::channel();
        let (done, waited) = (Mutex::new(done), Mutex::new(waited));
        let results = on_threads(2, 6, |c| {
            if c == 0 {
                // Not a timing: a guard against waiting for ever.
                let one = waited.lock().expect("a receiver").recv_timeout(Duration::from_secs(60));
                assert_eq!(one, Ok(1), "chunk 1 done while chunk 0 waits");
            } else if c == 1 {
                done.lock().expect("a sender").send(1).expect("chunk 0 waits");
            }
            10 * c
        });
        assert_eq!(results, [0, 10, 20, 30, 40, 50]);
        assert_eq!(on_threads(3, 2, |c| c), [0, 1], "more threads than chunks");
        assert_eq!(on_threads(2, 0, |c| c), Vec::<usize>::new());
    }

    #[test]
    fn the_word_index_takes_the_words_the_folding_thread_gathered_and_finds_the_same() {
        word_index_of_the_gathered_words_on(1, 1_000);
    }

    #[test]
    fn on_two_threads_the_word_index_takes_the_words_gathered_and_finds_the_same() {
        word_index_of_the_gathered_words_on(2, 1_000);
    }

    #[test]
    fn the_word_index_reads_the_chunks_before_a_later_tail_and_cuts_the_rest() {
        word_index_of_the_gathered_words_on(2, CHUNK + 7);
        word_index_of_the_gathered_words_on(2, CHUNK + PAUSE_EVERY + 7);
    }

    /// The word index of records whose tail, from record `from` on, had
    /// its words gathered as they were folded, built on `threads` threads:
    /// cut from those words where a chunk is in the tail, the same as read
    /// from the texts.
    fn word_index_of_the_gathered_words_on(threads: usize, from: usize) {
        let (texts, with_tail) = index_with_a_gathered_tail(from);
        // The chunk across the tail's start reads the records before it
        // only, and those all before it are read: their pauses, every
        // `PAUSE_EVERY` records read, say how many were read (cut from the
        // words gathered, a chunk never pauses).
        let pauses = std::sync::atomic::AtomicUsize::new(0);
        let count_pauses = || {
            pauses.fetch_add(1, Ordering::Relaxed);
        };
        let gathered = with_tail.tail_words.lock().expect("not poisoned");
        let tail = gathered.as_ref().expect("the tail's words");
        let chunks = with_tail.chunks.len();
        let cut: Vec<bool> = (0..chunks)
            .map(|c| {
                let records = c * CHUNK..(c * CHUNK + CHUNK).min(texts.len());
                tail.of(records, &with_tail.chunks[c], || {}).is_some()
            })
            .collect();
        let all_before = from / CHUNK;
        assert_eq!(cut, (0..chunks).map(|c| c >= all_before).collect::<Vec<_>>());
        drop(gathered);
        let words = WordIndex::build_on(threads, &with_tail, count_pauses);
        let read_before = (from % CHUNK).div_ceil(PAUSE_EVERY);
        assert_eq!(pauses.into_inner(), all_before * CHUNK / PAUSE_EVERY + read_before);
        assert!(with_tail.take_tail_words().is_none(), "taken by the word index");
        // The same, every chunk read from its texts.
        let read = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        assert!(words == WordIndex::build(&read, || {}), "the same vocabularies");
        assert_finds_what_reading_finds(&words, &with_tail, &texts);
    }

    #[test]
    fn a_chunk_that_starts_before_the_tail_copies_the_tail_s_texts_as_folded() {
        let (texts, with_tail) = index_with_a_gathered_tail(1_000);
        let read = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        // Its first 1,000 records folded here, the rest copied.
        let (copied, folded) = (&with_tail.chunks[0], &read.chunks[0]);
        assert_eq!((copied.first, copied.len), (0, CHUNK));
        assert!(copied.folded.text == folded.folded.text, "the same text");
        assert_eq!(copied.folded.ends, folded.folded.ends);
        assert!(
            copied.folded.signatures == folded.folded.signatures,
            "the same signatures"
        );
    }

    #[test]
    fn chunks_before_and_across_a_later_tail_are_the_ones_folded_from_their_texts() {
        // The tail starts in the second chunk: the first is all before it.
        let count = 2 * CHUNK + 10;
        let from = CHUNK + 7;
        let texts: Vec<String> = (0..count).map(|p| format!("Ch’aek {p}")).collect();
        let mut folded = Folded::default();
        (from..count).for_each(|p| folded.push([texts[p].as_str()]));
        let with_tail = TextIndex::build_with(count, |p| [texts[p].as_str()], Some(Tail { from, folded }));
        let read = TextIndex::build(count, |p| [texts[p].as_str()]);
        // The third, all in the tail, is a part of it.
        assert_eq!(
            with_tail.parts_of(with_tail.chunks[2].folded.text_at()),
            [None, None, Some(CHUNK * 2 - from)]
        );
        for (c, (chunk, expected)) in with_tail.chunks.iter().zip(&read.chunks).enumerate() {
            assert_eq!(chunk.len, expected.len, "chunk {c}");
            for p in 0..chunk.len {
                assert_eq!(chunk.record(p), expected.record(p), "chunk {c}, record {p}");
            }
        }
    }

    #[test]
    fn records_are_cut_where_the_tail_starts_and_ends() {
        for (held, expected) in [
            (0..0, (10..10, 10..10, 10..20)),
            (25..40, (10..20, 20..20, 20..20)),
            (15..40, (10..15, 15..20, 20..20)),
            (15..18, (10..15, 15..18, 18..20)),
            (5..40, (10..10, 10..20, 20..20)),
            (2..8, (10..10, 10..10, 10..20)),
        ] {
            assert_eq!(cut_by(10..20, held.clone()), expected, "{held:?}");
        }
    }

    #[test]
    fn a_search_while_the_word_index_is_built_reads_the_chunks_not_built_yet() {
        let (texts, with_tail) = index_with_a_gathered_tail(CHUNK + 7);
        let words = WordIndex::unbuilt(&with_tail);
        words.build_gathered(&with_tail, || {});
        assert!(with_tail.take_tail_words().is_none(), "taken by the word index");
        // The first chunk, all before the tail, is not built.
        assert!(words.is_begun() && !words.is_whole());
        assert_eq!(
            words.unbuilt_records(&with_tail),
            Some(Positions::first(CHUNK, 3 * CHUNK))
        );
        assert_finds_what_reading_finds(&words, &with_tail, &texts);
        let pauses = std::sync::atomic::AtomicUsize::new(0);
        words.build_rest(&with_tail, false, || {
            pauses.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(pauses.into_inner(), CHUNK / PAUSE_EVERY, "the first chunk read, alone");
        assert!(words.is_whole());
        let read = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        assert!(words == WordIndex::build(&read, || {}), "the same vocabularies");
        assert_finds_what_reading_finds(&words, &with_tail, &texts);
    }

    /// Three chunks' records (each of one of three texts), and their index
    /// with a tail from record `from` on folded as the folding thread
    /// folds it, every word gathered. The tail's last record is the
    /// index's; where it starts inside a chunk, its words are in blocks
    /// that straddle the chunks.
    fn index_with_a_gathered_tail(from: usize) -> (Vec<String>, TextIndex) {
        let count = 2 * CHUNK + 300;
        let text = |p: usize| match p % 4 {
            0 => format!("fibre optic cable {p}"),
            1 => format!("copper {}", p / 100),
            _ => format!("Ch’aek {} line", p % 1_000),
        };
        let texts: Vec<String> = (0..count).map(text).collect();
        // As the folding thread folds them (here, without falling behind).
        let (hand_over, batches) = mpsc::channel();
        for records in (from..count).collect::<Vec<_>>().chunks(BATCH) {
            let mut batch = Batch::default();
            for &p in records {
                batch.fields.push(Cow::Owned(texts[p].clone()));
                batch.ends.push(batch.fields.len());
            }
            hand_over.send(batch).expect("received");
        }
        drop(hand_over);
        let folded = fold_batches(&batches, &AtomicBool::new(false), &AtomicBool::new(false), drop);
        assert_eq!(
            folded.blocks.records(),
            count - from,
            "every word gathered, all handed over"
        );
        let with_tail = TextIndex::build_with(count, |p| [texts[p].as_str()], Some(Tail { from, folded }));
        (texts, with_tail)
    }

    /// A few searches looked up in `words` find in `text` the records whose
    /// `texts` hold them, in every chunk.
    fn assert_finds_what_reading_finds(words: &WordIndex, text: &TextIndex, texts: &[String]) {
        // The last has no letter or digit: the index tells nothing of it.
        for search in ["fib", "copper 5", "chaek 12", "line", "65", " "] {
            let pattern = Pattern::new(&fold(search));
            let lookup = Lookup::new(Some(words), text, std::slice::from_ref(&pattern), None);
            let found: Vec<usize> = (0..texts.len()).filter(|&p| lookup.holds(text, p)).collect();
            let expected: Vec<usize> = (0..texts.len())
                .filter(|&p| pattern.is_in(&(fold(&texts[p]) + "\0")))
                .collect();
            assert!(expected.iter().any(|&p| p < CHUNK), "{search} in the first chunk");
            assert!(
                found == expected,
                "{search}: {} found, {} expected",
                found.len(),
                expected.len()
            );
        }
    }

    #[test]
    fn the_words_are_mostly_gathered_from_half_the_records() {
        // A tail of five records, their words all gathered.
        let tail = || {
            let (hand_over, batches) = mpsc::channel();
            let mut batch = Batch::default();
            for p in 0..5 {
                batch.fields.push(Cow::Owned(format!("word{p}")));
                batch.ends.push(batch.fields.len());
            }
            hand_over.send(batch).expect("received");
            drop(hand_over);
            let folded = fold_batches(&batches, &AtomicBool::new(false), &AtomicBool::new(false), drop);
            assert_eq!(folded.blocks.records(), 5);
            folded
        };
        let with_tail = |count: usize| {
            let folded = Some(Tail {
                from: count - 5,
                folded: tail(),
            });
            TextIndex::build_with(count, |p| [if p < count - 5 { "dated" } else { "word" }], folded)
        };
        assert!(with_tail(9).words_mostly_gathered(), "5 of 9");
        assert!(with_tail(10).words_mostly_gathered(), "5 of 10: exactly half");
        assert!(!with_tail(11).words_mostly_gathered(), "5 of 11");
        assert!(
            !TextIndex::build(10, |_| ["word"]).words_mostly_gathered(),
            "none gathered"
        );
    }

    #[test]
    fn a_folding_thread_behind_folds_on_but_gathers_no_words() {
        let batches = |count: usize| {
            let (hand_over, batches) = mpsc::channel();
            let mut batch = Batch::default();
            for p in 0..count {
                batch.fields.push(Cow::Owned(format!("word{p}")));
                batch.ends.push(batch.fields.len());
            }
            hand_over.send(batch).expect("received");
            batches
        };
        // More than a block: one would be gathered whole.
        let count = CHUNK + 1;
        let stop = AtomicBool::new(false);
        let folded = fold_batches(&batches(count), &stop, &AtomicBool::new(true), drop);
        assert_eq!((folded.len(), folded.blocks.records()), (count, 0));
        let folded = fold_batches(&batches(count), &stop, &AtomicBool::new(false), drop);
        assert_eq!((folded.len(), folded.blocks.records()), (count, count));
    }

    /// Records in three chunks, the last of five: one in three `fibre`
    /// and its position, the others `copper` and theirs.
    pub(super) fn fibre_and_copper() -> (Vec<String>, TextIndex) {
        let texts: Vec<String> = (0..CHUNK * 2 + 5)
            .map(|p| match p % 3 {
                0 => format!("fibre {p}"),
                _ => format!("copper {p}"),
            })
            .collect();
        let text = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        (texts, text)
    }

    /// A search of `fibre_and_copper`, the records holding it, and whether
    /// the starts of words tell them alone.
    type Search = (&'static str, fn(usize) -> bool, bool);

    const SEARCHES: [Search; 5] = [
        ("fib", |p| p % 3 == 0, false),
        ("fi", |p| p % 3 == 0, true),
        ("c", |p| p % 3 != 0, true),
        ("13", |p| p.to_string().starts_with("13"), true),
        ("655", |p| p.to_string().starts_with("655"), false),
    ];

    /// Asserts that `lookup` finds in `text` the records of `0..count`
    /// that `holds` says, and that it tells `told` of them alone.
    fn assert_found(lookup: &Lookup, text: &TextIndex, count: usize, (search, holds, _): Search, told: &[usize]) {
        let found: Vec<usize> = (0..count).filter(|&p| lookup.holds(text, p)).collect();
        let expected: Vec<usize> = (0..count).filter(|&p| holds(p)).collect();
        let (f, e) = (found.len(), expected.len());
        assert!(found == expected, "{search}: {f} found, {e} expected");
        let holders: Vec<usize> = lookup.holders.within(0..count).collect();
        let (h, t) = (holders.len(), told.len());
        assert!(holders == told, "{search}: {h} told, {t} expected");
    }

    #[test]
    fn the_starts_of_the_chunks_gathered_are_used_and_the_other_chunks_read() {
        let (texts, text) = fibre_and_copper();
        let count = texts.len();
        text.gather_chunk_starts(1, || {});
        let mut ungathered = Positions::none(3 * CHUNK);
        (0..CHUNK).chain(2 * CHUNK..count).for_each(|p| ungathered.insert(p));
        assert_eq!(text.ungathered(), Some(ungathered));
        // Half the records ungathered: read as the filter visits them, the
        // starts alone telling the holders in the chunk gathered.
        for search @ (pattern, holds, by_starts_alone) in SEARCHES {
            let lookup = Lookup::new(None, &text, &[Pattern::new(pattern)], None);
            assert!(!lookup.is_whole(), "{pattern}");
            let told: Vec<usize> = match by_starts_alone {
                true => (CHUNK..2 * CHUNK).filter(|&p| holds(p)).collect(),
                false => Vec::new(),
            };
            assert_found(&lookup, &text, count, search, &told);
        }
        // The last chunk's five records alone ungathered: read up front,
        // with the few records whose words start `65`; those of `fib` are
        // a third of all.
        text.gather_chunk_starts(0, || {});
        for search @ (pattern, holds, _) in SEARCHES {
            let lookup = Lookup::new(None, &text, &[Pattern::new(pattern)], None);
            let told: Vec<usize> = match pattern {
                "fib" => Vec::new(),
                _ => (0..count).filter(|&p| holds(p)).collect(),
            };
            assert_eq!(lookup.is_whole(), pattern != "fib", "{pattern}");
            assert_found(&lookup, &text, count, search, &told);
        }
    }

    /// The records of `candidates` that `TextIndex::holding` must find:
    /// those holding a pattern, read in their text folded apart, among
    /// those of `reads` whose own candidates they are in (or any pattern,
    /// when they are in `ungathered`).
    fn holding_one_by_one(
        texts: &[String],
        candidates: &Positions,
        reads: &[(Option<Positions>, &Pattern)],
        ungathered: Option<&Positions>,
    ) -> Vec<usize> {
        (0..texts.len())
            .filter(|&p| candidates.contains(p))
            .filter(|&p| {
                let every = ungathered.is_some_and(|ungathered| ungathered.contains(p));
                let folded = fold(&texts[p]) + "\0";
                (reads.iter())
                    .filter(|(own, _)| every || own.as_ref().is_none_or(|own| own.contains(p)))
                    .any(|(_, pattern)| pattern.is_in(&folded))
            })
            .collect()
    }

    /// A set of `positions` of an index of `len` records, as many as fit.
    fn set_of(positions: &[usize], len: usize) -> Positions {
        let mut set = Positions::none(len.div_ceil(CHUNK) * CHUNK);
        positions.iter().filter(|&&p| p < len).for_each(|&p| set.insert(p));
        set
    }

    #[test]
    fn read_up_front_a_record_is_found_by_the_patterns_whose_candidates_it_is_in_across_chunks() {
        // Three chunks, the last of 70 records (a `u64` and a part);
        // the candidates around the ends of the chunks and of their `u64`s.
        let count = 2 * CHUNK + 70;
        let texts: Vec<String> = (0..count)
            .map(|p| match p % 5 {
                0 => format!("fibre {p}"),
                1 => format!("고려링크 {p}"),
                2 => format!("copper fibre {p}"),
                _ => format!("copper {p}"),
            })
            .collect();
        let index = TextIndex::build(count, |p| [texts[p].as_str()]);
        let edges: Vec<usize> = [0, 63, 64, 65, CHUNK - 1, CHUNK, CHUNK + 64, 2 * CHUNK - 1, 2 * CHUNK]
            .into_iter()
            .flat_map(|p| p..p + 6)
            .chain(count - 8..count)
            .collect();
        let candidates = set_of(&edges, count);
        let (fibre, korean, copper) = (Pattern::new("fibre"), Pattern::new("링크"), Pattern::new("copper"));
        let odd: Vec<usize> = edges.iter().copied().filter(|p| p % 2 == 1).collect();
        let beyond = set_of(&(2 * CHUNK..count).collect::<Vec<_>>(), count);
        for (reads, ungathered) in [
            (vec![(None, &fibre)], None),
            (vec![(Some(set_of(&odd, count)), &fibre), (None, &korean)], None),
            (
                vec![
                    (Some(Positions::default()), &copper),
                    (Some(set_of(&odd, count)), &korean),
                ],
                Some(&beyond),
            ),
        ] {
            let found: Vec<usize> = (index.holding(&candidates, &reads, ungathered))
                .within(0..count)
                .collect();
            let expected = holding_one_by_one(&texts, &candidates, &reads, ungathered);
            assert!(!expected.is_empty());
            assert_eq!(found, expected);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Read up front, sixty-four records at a time, each record is
        /// read for the patterns whose candidates it is in, as read one by one.
        #[test]
        fn read_up_front_the_records_found_are_those_read_one_by_one(
            texts in proptest::collection::vec("[a-c 고려\\-']{0,10}", 1..300),
            candidates in proptest::collection::vec(0..300usize, 0..200),
            reads in proptest::collection::vec(
                ("[a-c고]{1,3}", proptest::prelude::any::<bool>(), proptest::option::of(proptest::collection::vec(0..300usize, 0..100))),
                1..6,
            ),
            ungathered in proptest::option::of(proptest::collection::vec(0..300usize, 0..100)),
        ) {
            let count = texts.len();
            let index = TextIndex::build(count, |p| [texts[p].as_str()]);
            let patterns: Vec<Pattern> = (reads.iter())
                .map(|(text, name, _)| if *name { Pattern::name(text) } else { Pattern::new(text) })
                .collect();
            let reads: Vec<(Option<Positions>, &Pattern)> = (reads.iter().zip(&patterns))
                .map(|((_, _, own), pattern)| (own.as_ref().map(|own| set_of(own, count)), pattern))
                .collect();
            let candidates = set_of(&candidates, count);
            let ungathered = ungathered.map(|ungathered| set_of(&ungathered, count));
            let found: Vec<usize> = (index.holding(&candidates, &reads, ungathered.as_ref()))
                .within(0..count)
                .collect();
            proptest::prop_assert_eq!(found, holding_one_by_one(&texts, &candidates, &reads, ungathered.as_ref()));
        }
    }

    #[test]
    fn a_chunk_gathered_after_a_term_is_looked_up_is_still_read_whole() {
        let (texts, text) = fibre_and_copper();
        text.gather_chunk_starts(1, || {});
        let lookups = SEARCHES.map(|(pattern, ..)| Lookup::new(None, &text, &[Pattern::new(pattern)], None));
        text.gather_starts(|| {});
        for (lookup, search @ (_, holds, by_starts_alone)) in lookups.iter().zip(SEARCHES) {
            let told: Vec<usize> = match by_starts_alone {
                true => (CHUNK..2 * CHUNK).filter(|&p| holds(p)).collect(),
                false => Vec::new(),
            };
            assert_found(lookup, &text, texts.len(), search, &told);
        }
    }

    /// `text` folded a character at a time, by `fold_char` alone.
    fn fold_each_character(text: &str) -> String {
        let mut out = String::new();
        text.chars().for_each(|c| fold_char(c, &mut out));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn folding_runs_at_once_is_folding_each_character(
            text in proptest::prop_oneof!["(?s).{0,40}", "[A-Za-z0-9 '`éŭ’고려\u{D7A3}\u{D7A4}-]{0,40}"]
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_each_character(&text));
        }
    }

    #[test]
    fn a_pattern_is_found_at_its_place() {
        for (pattern, text, expected) in [
            (Pattern::new("a a"), "ba a a", true),
            (Pattern::new("a a"), "ba a", false),
            (Pattern::new("work"), "a national network", false),
            (Pattern::new("work"), "computer workshops", true),
            (Pattern::new("link"), "고link", false),
            (Pattern::new("link"), "жlink and (link)", true),
            (Pattern::new("002"), "in 2002", false),
            (Pattern::new("2002"), "c.2002", true),
            (Pattern::new("링크"), "고려링크", true),
            (Pattern::new("(work"), "a(work", true),
            (Pattern::name("us"), "business\0us.\0", true),
            (Pattern::name("us"), "business\0usa\0", false),
            (Pattern::name("us"), "us", true),
        ] {
            assert_eq!(pattern.is_in(text), expected, "{} in {text}", pattern.text());
        }
    }

    /// The signature of `text` as first defined: a pair of bytes at a
    /// time, each hashed as it comes.
    fn signature_pair_by_pair(text: &[u8]) -> Signature {
        let mut bits = [0u64; 8];
        for pair in text.windows(2) {
            let hash = (u32::from(pair[0]) << 8 | u32::from(pair[1])).wrapping_mul(0x9E37_79B1) >> 23;
            bits[(hash >> 6) as usize] |= 1 << (hash & 63);
        }
        bits
    }

    #[test]
    fn a_signature_has_the_bit_of_each_pair_of_bytes() {
        // Around the ends of the blocks of eight bytes read at once.
        for len in 0..30 {
            let text: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
            assert_eq!(signature(&text), signature_pair_by_pair(&text), "{len} bytes");
        }
        assert_eq!(signature(b"ab"), signature_pair_by_pair(b"ab"));
        assert_eq!(signature(b"a"), [0; 8], "no pair");
        assert_eq!(
            signature("고려링크 optical".as_bytes()),
            signature_pair_by_pair("고려링크 optical".as_bytes())
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn a_signature_is_that_of_its_pairs_one_by_one(text in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            proptest::prop_assert_eq!(signature(&text), signature_pair_by_pair(&text));
        }
    }

    #[test]
    fn plain_ascii_stops_at_the_first_byte_folding_changes() {
        for special in ["'", "`", "-", "é", "고", "’"] {
            for at in 0..20 {
                let text = format!("{}{special}bc", "A".repeat(at));
                assert_eq!(plain_ascii(text.as_bytes()), at, "{text}");
            }
        }
        assert_eq!(plain_ascii(b"ABCDEFGHIJKLMNOPQ"), 17);
        assert_eq!(plain_ascii(b""), 0);
        assert_eq!(plain_run("ab고려 CD’x"), "ab고려 CD".len());
    }

    #[test]
    fn folding_ascii_and_unicode_agree() {
        for text in [
            "Kim Ch`aek",
            "PYONGYANG",
            "fiber-optic",
            "Ch’aek ÉCOLE",
            "Koryolink 고려링크",
            // Across and at the ends of the eight-byte words read at once.
            "ABCDEFGH-IJ",
            "ABCDEFG'HIJKLMNOPQ",
            "ABCDEFGHIJKLMNO`P",
            "ABCDEFGHIJKLMNOPÉ",
            "고려링크ABCDEFGHI고려-K",
            // Just outside the Hangul syllables, and their first and last.
            "\u{ABFF}\u{AC00}AB\u{D7A3}\u{D7A4}\u{1100}",
            "İSTANBUL \u{212A}CC X\u{0}Y",
        ] {
            assert_eq!(fold(text), fold_each_character(text), "{text}");
        }
    }
}
