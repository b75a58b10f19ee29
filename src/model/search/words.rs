//! Where each word starts in the folded texts of a [`TextIndex`]: by chunk,
//! its distinct words sorted, each with the records that hold it. A search
//! finds its words at the start of words, so a word it looks for is a range
//! of that vocabulary (`op` is every word from `op` to the last starting
//! with `op`), and the records holding it are the union of theirs: a search
//! reads the text of those records only, or none when the index alone
//! answers (a plain word, as most are). What the index cannot narrow
//! (Korean, found inside words) is read in every record, as before.
//!
//! A word is a run of letters and digits (`char::is_alphanumeric`), as
//! [`Place`] tells a word's start: the fields' separators, spaces, signs
//! and folded hyphens end words.

use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::OnceLock;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use memchr::memmem;

use super::{CHUNK, Chunk, Folded, HANGUL_SYLLABLES_END, HANGUL_SYLLABLES_START, Pattern, Place, TextIndex};
use crate::model::to_u32;

/// The words of every chunk of a [`TextIndex`], chunk by chunk, each
/// once it is built: a search uses the chunks built while the others are
/// being built, and reads the others' texts.
#[derive(Debug)]
#[cfg_attr(test, derive(PartialEq, Eq))]
pub(crate) struct WordIndex {
    chunks: Vec<OnceLock<Vocabulary>>,
}

/// `u64`s in a set of one chunk's records, a bit each.
const SET_LEN: usize = CHUNK / 64;

/// A record position in its chunk. (`CHUNK` is 2^16.)
pub(super) type Local = u16;

/// A word held by more records of a chunk than this keeps them as a set of
/// bits, which is then smaller than their list and quicker to join.
const DENSE: usize = CHUNK / 16;

/// One chunk's distinct words, sorted, and the records holding each.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(PartialEq, Eq))]
pub(super) struct Vocabulary {
    /// The words end to end.
    text: String,
    /// Word `w` is `text[ends[w - 1]..ends[w]]`.
    ends: Vec<u32>,
    /// Word `w`'s records are posting `w`'s.
    postings: Postings,
}

/// The records of one chunk holding each of its keys (words, or starts
/// of words), key by key.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(PartialEq, Eq))]
pub(super) struct Postings {
    postings: Vec<Posting>,
    /// The records of keys held by few, each key's in order.
    lists: Vec<Local>,
    /// The records of keys held by many, `SET_LEN` `u64`s a key.
    sets: Vec<u64>,
}

/// Where a key's records are kept.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(test, derive(PartialEq, Eq))]
enum Posting {
    /// `lists[start..end]`.
    List { start: u32, end: u32 },
    /// `sets[SET_LEN * n..SET_LEN * (n + 1)]`.
    Set(u32),
}

/// A word of a pattern, and how a text holding the pattern holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key<'p> {
    pub(super) word: &'p str,
    pub(super) fit: Fit,
}

/// How a word of the text holds a word of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// The text's word starts with it (`op` in `optical`).
    Start,
    /// The text's word is it (`optical` in the phrase `optical cable`).
    Whole,
    /// Anywhere in the text's word: the first word of a pattern found
    /// anywhere (Korean, `링크` in `고려링크`).
    Inside,
}

/// A set of record positions, a bit each.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Positions {
    bits: Vec<u64>,
}

/// The bits of big sets dropped, lent again by [`Positions::none`]. A
/// search key makes a set for each pattern of each term (a hundred for
/// `o`, 128 KiB each at a million records) and drops them all: the
/// allocator gave their memory back to the system between keys, and each
/// key faulted its pages in again (`o` at a million records: 4,910 faults;
/// none with the sets lent again). One pool for the process; in unit tests
/// one per thread, so that tests run side by side neither take nor evict
/// each other's sets.
fn with_spare<T>(f: impl FnOnce(&mut Spare) -> T) -> Option<T> {
    #[cfg(not(test))]
    {
        static SPARE: std::sync::Mutex<Spare> = std::sync::Mutex::new(Spare::new());
        SPARE.lock().ok().map(|mut spare| f(&mut spare))
    }
    #[cfg(test)]
    {
        thread_local!(static SPARE: std::cell::RefCell<Spare> = const { std::cell::RefCell::new(Spare::new()) });
        SPARE.try_with(|spare| f(&mut spare.borrow_mut())).ok()
    }
}

/// The most sets the spare pool (`with_spare`) keeps: few, so that
/// lending and keeping stay cheap under its lock.
const SPARE_SETS: usize = 64;

/// The most bytes the spare pool (`with_spare`) keeps: a key's sets, with
/// room to spare (`o` drops some 11 MiB at a million records).
const SPARE_BYTES: usize = 24 << 20;

/// Dropped bits kept to be lent again, oldest first.
#[derive(Debug)]
struct Spare {
    sets: Vec<Vec<u64>>,
    /// The bytes of `sets`, kept as they come and go.
    bytes: usize,
}

impl Spare {
    const fn new() -> Self {
        Self {
            sets: Vec::new(),
            bytes: 0,
        }
    }

    /// Bits of `words` `u64`s kept, if any: the latest kept.
    fn lend(&mut self, words: usize) -> Option<Vec<u64>> {
        let at = self.sets.iter().rposition(|bits| bits.len() == words)?;
        let bits = self.sets.remove(at);
        self.bytes -= 8 * bits.len();
        Some(bits)
    }

    /// Keeps `bits` if at least a chunk's worth (smaller sets fault few
    /// pages in, and there can be very many of them). When full, it lets go
    /// of sets of other lengths first, then of the oldest: the length in
    /// use now is the one likely to be asked for next.
    fn keep(&mut self, bits: Vec<u64>) {
        let bytes = 8 * bits.len();
        if bits.len() < SET_LEN || bytes > SPARE_BYTES {
            return;
        }
        while self.sets.len() >= SPARE_SETS || self.bytes + bytes > SPARE_BYTES {
            let other = self.sets.iter().position(|kept| kept.len() != bits.len());
            let gone = self.sets.remove(other.unwrap_or(0));
            self.bytes -= 8 * gone.len();
        }
        self.bytes += bytes;
        self.sets.push(bits);
    }
}

impl Positions {
    /// None of `0..len`: the bits of a set dropped before if one of that
    /// length is spare, emptied.
    pub(crate) fn none(len: usize) -> Self {
        let words = len.div_ceil(64);
        let spare = match words >= SET_LEN {
            true => with_spare(|spare| spare.lend(words)).flatten(),
            false => None,
        };
        match spare {
            Some(mut bits) => {
                bits.fill(0);
                Self { bits }
            }
            None => Self { bits: vec![0; words] },
        }
    }

    /// The first `count` of `0..len`.
    pub(crate) fn first(count: usize, len: usize) -> Self {
        let mut set = Self::none(len);
        set.insert_range(0..count);
        set
    }

    pub(crate) fn contains(&self, p: usize) -> bool {
        self.bits.get(p / 64).is_some_and(|bits| bits >> (p % 64) & 1 != 0)
    }

    /// Which of positions `64 * w..64 * (w + 1)` it holds, a bit each.
    pub(crate) fn word(&self, w: usize) -> u64 {
        self.bits.get(w).copied().unwrap_or(0)
    }

    pub(crate) fn insert(&mut self, p: usize) {
        self.bits[p / 64] |= 1 << (p % 64);
    }

    /// Adds every one of `range` (within the length), a `u64` at a time.
    pub(crate) fn insert_range(&mut self, range: Range<usize>) {
        let Some(last) = range.end.checked_sub(1).filter(|&last| last >= range.start) else {
            return;
        };
        let (from, to) = (range.start / 64, last / 64);
        let low = u64::MAX << (range.start % 64);
        let high = u64::MAX >> (63 - last % 64);
        if from == to {
            self.bits[from] |= low & high;
        } else {
            self.bits[from] |= low;
            self.bits[from + 1..to].fill(u64::MAX);
            self.bits[to] |= high;
        }
    }

    /// Bytes held, for measuring.
    pub(crate) fn bytes(&self) -> usize {
        8 * self.bits.len()
    }

    /// Adds those of `other` (of the same length, or shorter).
    pub(crate) fn union(&mut self, other: &Positions) {
        self.bits.iter_mut().zip(&other.bits).for_each(|(a, b)| *a |= b);
    }

    /// How many it holds.
    pub(crate) fn count(&self) -> usize {
        self.bits.iter().map(|bits| bits.count_ones() as usize).sum()
    }

    /// Drops those in `other` (of the same length).
    pub(crate) fn remove(&mut self, other: &Positions) {
        self.bits.iter_mut().zip(&other.bits).for_each(|(a, b)| *a &= !b);
    }

    /// Keeps those also in `other` (of the same length).
    pub(crate) fn intersect(&mut self, other: &Positions) {
        self.bits.iter_mut().zip(&other.bits).for_each(|(a, b)| *a &= b);
    }

    /// The positions held in `range`, in order.
    pub(crate) fn within(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let words = range.start / 64..range.end.div_ceil(64).min(self.bits.len());
        ones(&self.bits[words.clone()], words.start).filter(move |p| range.contains(p))
    }
}

impl Drop for Positions {
    /// Gives big bits to the spare pool (`with_spare`) for `none` to lend again.
    fn drop(&mut self) {
        if self.bits.len() < SET_LEN {
            return;
        }
        let bits = std::mem::take(&mut self.bits);
        with_spare(|spare| spare.keep(bits));
    }
}

/// The numbers of the bits set in `bits`, in order, its first `u64`
/// holding bits `64 * first..64 * (first + 1)`.
pub(super) fn ones(bits: &[u64], first: usize) -> impl Iterator<Item = usize> + '_ {
    (bits.iter().zip(first..)).flat_map(|(&bits, word)| positions_in(bits, word))
}

/// The numbers of the bits set in `bits`, in order, it holding bits
/// `64 * word..64 * (word + 1)`.
pub(super) fn positions_in(mut bits: u64, word: usize) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            64 * word + bit
        })
    })
}

/// The words of `pattern` that a text holding it holds, and whether
/// holding them is holding the pattern (a lone word that is the whole
/// pattern). No keys when the pattern has no letter or digit.
pub(super) fn keys(pattern: &Pattern) -> (Vec<Key<'_>>, bool) {
    let text = pattern.text();
    let place = pattern.place;
    let keys: Vec<Key> = words_at(text)
        .map(|(at, word)| {
            let ends_word = at + word.len() < text.len() || place == Place::WholeWord;
            // A word after a sign starts a word of the text; the first one
            // does where the pattern is found at a word's start.
            let fit = match (at == 0 && place == Place::Anywhere, ends_word) {
                (true, _) => Fit::Inside,
                (false, true) => Fit::Whole,
                (false, false) => Fit::Start,
            };
            Key { word, fit }
        })
        .collect();
    let alone = matches!(keys.as_slice(), [key] if key.word.len() == text.len());
    (keys, alone)
}

/// The words of `text` and where each starts.
fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + edge(&text[from..], true)?;
        let len = edge(&text[start..], false).unwrap_or(text.len() - start);
        from = start + len;
        Some((start, &text[start..from]))
    })
}

/// Where the first character of `text` that is (`in_word`) or is not a
/// letter or digit starts. ASCII is told byte by byte, and Hangul
/// syllables at once: the gathering of a million records' words spent a
/// tenth of its time decoding and asking Unicode's tables of those.
fn edge(text: &str, in_word: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() == in_word {
                return Some(at);
            }
            at += 1;
        } else {
            let c = text[at..].chars().next()?;
            if is_word_char(c) == in_word {
                return Some(at);
            }
            at += c.len_utf8();
        }
    }
    None
}

/// Whether `c` is part of a word ([`char::is_alphanumeric`]).
fn is_word_char(c: char) -> bool {
    matches!(c, HANGUL_SYLLABLES_START..=HANGUL_SYLLABLES_END) || c.is_alphanumeric()
}

/// Records read between two calls of [`WordIndex::build_rest`]'s `pause`: a
/// few milliseconds' work.
pub(crate) const PAUSE_EVERY: usize = 4096;

impl WordIndex {
    /// An index of the chunks of `text` with no chunk built yet.
    pub(crate) fn unbuilt(text: &TextIndex) -> Self {
        Self {
            chunks: text.chunks.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The words of every record of `text`, on this thread only (as
    /// [`build_rest`](Self::build_rest)).
    #[cfg(test)]
    pub(crate) fn build(text: &TextIndex, pause: impl Fn() + Sync) -> Self {
        Self::build_on(1, text, pause)
    }

    /// As [`build`](Self::build), on `threads` threads.
    #[cfg(test)]
    pub(super) fn build_on(threads: usize, text: &TextIndex, pause: impl Fn() + Sync) -> Self {
        let index = Self::unbuilt(text);
        index.build_on_threads(threads, text, true, pause);
        index
    }

    /// Builds, on every core, the chunks whose words were gathered as
    /// their texts were folded (`TextIndex::tail_words`): cut from those,
    /// 1-30 ms a chunk, and, in the chunk across the tail's start, the
    /// records before it read. The others are left to
    /// [`build_rest`](Self::build_rest). `pause` is called as there.
    pub(crate) fn build_gathered(&self, text: &TextIndex, pause: impl Fn() + Sync) {
        self.build_on_threads(super::cores_for_index(), text, false, pause);
    }

    /// Builds the chunks not built yet from their texts, cutting those
    /// whose words were gathered as their texts were folded (unless
    /// [`build_gathered`](Self::build_gathered) did), on this thread only
    /// (built while the dashboard waits for keys, it leaves the other cores
    /// to them), or on every core (`every_core`). `pause` is called every
    /// [`PAUSE_EVERY`] records read, and may wait there.
    pub(crate) fn build_rest(&self, text: &TextIndex, every_core: bool, pause: impl Fn() + Sync) {
        let threads = if every_core { super::cores_for_index() } else { 1 };
        self.build_on_threads(threads, text, true, pause);
    }

    /// Builds the chunks not built yet on `threads` threads: cut from the
    /// words gathered, where all their records from the tail's start on
    /// are (those before it read); else read from their texts, if
    /// `read_whole` (see `build_rest`). `pause` is called every
    /// [`PAUSE_EVERY`] records read. The words gathered are dropped after.
    fn build_on_threads(&self, threads: usize, text: &TextIndex, read_whole: bool, pause: impl Fn() + Sync) {
        let gathered = text.take_tail_words();
        let unbuilt: Vec<usize> = (0..self.chunks.len())
            .filter(|&c| self.chunks[c].get().is_none())
            .collect();
        super::on_threads(threads, unbuilt.len(), |i| {
            let c = unbuilt[i];
            let chunk = &text.chunks[c];
            let records = c * CHUNK..c * CHUNK + chunk.len;
            match gathered.as_ref().and_then(|tail| tail.of(records, chunk, &pause)) {
                Some(vocabulary) => {
                    // Another build may have set the same words meanwhile.
                    let _ = self.chunks[c].set(vocabulary);
                }
                None if read_whole => {
                    self.chunks[c].get_or_init(|| Vocabulary::of(chunk, &pause));
                }
                None => {}
            }
        });
    }

    /// Whether every chunk is built.
    pub(crate) fn is_whole(&self) -> bool {
        self.chunks.iter().all(|chunk| chunk.get().is_some())
    }

    /// Whether some chunk is built.
    pub(super) fn is_begun(&self) -> bool {
        self.chunks.iter().any(|chunk| chunk.get().is_some())
    }

    /// The records of the chunks not built yet; `None` when all are.
    pub(super) fn unbuilt_records(&self, text: &TextIndex) -> Option<Positions> {
        text.records_of_chunks(|c| self.chunks[c].get().is_none())
    }

    /// The records (by position) holding every one of `keys`.
    pub(super) fn holding(&self, keys: &[Key]) -> Positions {
        holding_every(&self.chunks, keys, |chunk, key, set| {
            if let Some(vocabulary) = chunk.get() {
                vocabulary.add(key, set);
            }
        })
    }

    /// Bytes held, for measuring.
    pub(crate) fn bytes(&self) -> usize {
        (self.chunks.iter())
            .filter_map(OnceLock::get)
            .map(|v| v.text.len() + 4 * v.ends.len() + v.postings.bytes())
            .sum()
    }
}

/// The records (by position) holding every one of `keys`, by chunk:
/// `add` adds to a chunk's set those of its records holding one key.
pub(super) fn holding_every<C, K>(chunks: &[C], keys: &[K], add: impl Fn(&C, &K, &mut [u64])) -> Positions {
    let mut found = Positions::none(chunks.len() * CHUNK);
    let mut other = vec![0; SET_LEN];
    let Some((first, rest)) = keys.split_first() else {
        return found;
    };
    for (chunk, set) in chunks.iter().zip(found.bits.chunks_exact_mut(SET_LEN)) {
        add(chunk, first, set);
        for key in rest {
            other.fill(0);
            add(chunk, key, &mut other);
            set.iter_mut().zip(&other).for_each(|(a, b)| *a &= b);
        }
    }
    found
}

impl Vocabulary {
    fn of(chunk: &Chunk, pause: impl Fn()) -> Self {
        Self::of_records(chunk, 0..chunk.len, pause)
    }

    /// The words of `chunk`'s records `records` (numbered in the chunk),
    /// read from their texts, numbered from 0. `pause` is called every
    /// [`PAUSE_EVERY`] records.
    fn of_records(chunk: &Chunk, records: Range<usize>, pause: impl Fn()) -> Self {
        let mut collecting = Collecting::default();
        for p in records {
            if p % PAUSE_EVERY == 0 {
                pause();
            }
            collecting.add(&chunk.folded, chunk.first + p);
        }
        collecting.vocabulary(&chunk.folded.text)
    }

    /// The vocabulary of `chunk` whose records from `read` on have the
    /// words `rest` (numbered from 0): those before are read from their
    /// texts, calling `pause` as [`of_records`](Self::of_records) does.
    pub(super) fn read_before(chunk: &Chunk, read: usize, rest: &Vocabulary, pause: impl Fn()) -> Self {
        let before = Self::of_records(chunk, 0..read, pause);
        joined(before.part(0..read, 0), rest.part(0..chunk.len - read, read))
    }

    /// The vocabulary of `words`, sorted, each with its records (in order).
    fn of_sorted(words: &[(&str, Vec<Local>)]) -> Self {
        let mut vocabulary = Self {
            text: String::with_capacity(words.iter().map(|(word, _)| word.len()).sum()),
            ends: Vec::with_capacity(words.len()),
            postings: Postings::default(),
        };
        for (word, records) in words {
            vocabulary.push_word(word);
            vocabulary.postings.push(records);
        }
        vocabulary
    }

    /// Adds `word` after the others (its postings are the caller's to push).
    fn push_word(&mut self, word: &str) {
        self.text.push_str(word);
        self.ends.push(to_u32(self.text.len()));
    }

    /// Its words held by some of records `within` (of its own), in
    /// order, each with those records, to be moved to start at `to`.
    fn part(&self, within: Range<usize>, to: usize) -> impl Iterator<Item = (&str, Moved<'_>)> {
        (0..self.ends.len()).filter_map(move |k| {
            let moved = Moved::new(&self.postings, k, (within.start, within.end), to);
            (moved.count > 0).then(|| (self.word(k), moved))
        })
    }

    fn word(&self, w: usize) -> &str {
        let start = if w == 0 { 0 } else { self.ends[w - 1] as usize };
        &self.text[start..self.ends[w] as usize]
    }

    /// Adds to `set` the records holding `key`.
    fn add(&self, key: &Key, set: &mut [u64]) {
        let words = self.ends.len();
        let first = partition_point(words, |w| self.word(w) < key.word);
        let postings = &self.postings;
        match key.fit {
            Fit::Whole if first < words && self.word(first) == key.word => postings.add(first, set),
            Fit::Whole => {}
            Fit::Start => {
                let past = first + partition_point(words - first, |w| self.word(first + w).starts_with(key.word));
                (first..past).for_each(|w| postings.add(w, set));
            }
            Fit::Inside => self.words_holding(key.word).for_each(|w| postings.add(w, set)),
        }
    }

    /// The words that hold `part`: found in the words end to end, not
    /// across two.
    fn words_holding<'s>(&'s self, part: &'s str) -> impl Iterator<Item = usize> + 's {
        let finder = memmem::Finder::new(part.as_bytes());
        let mut from = 0;
        std::iter::from_fn(move || {
            loop {
                let at = from + finder.find(&self.text.as_bytes()[from..])?;
                let w = self.ends.partition_point(|&end| end as usize <= at);
                from = self.ends[w] as usize;
                if at + part.len() <= from {
                    return Some(w);
                }
                // Across the end of word `w`: look again from the next word.
            }
        })
    }
}

impl Postings {
    /// Adds the next key, held by `records` (in order).
    pub(super) fn push(&mut self, records: &[Local]) {
        let posting = if records.len() > DENSE {
            let start = self.sets.len();
            self.sets.resize(start + SET_LEN, 0);
            let set = &mut self.sets[start..];
            records.iter().for_each(|&p| set[usize::from(p) / 64] |= 1 << (p % 64));
            Posting::Set(to_u32(start / SET_LEN))
        } else {
            let start = to_u32(self.lists.len());
            self.lists.extend_from_slice(records);
            Posting::List {
                start,
                end: to_u32(self.lists.len()),
            }
        };
        self.postings.push(posting);
    }

    /// Adds to `set` the records holding key `k`.
    pub(super) fn add(&self, k: usize, set: &mut [u64]) {
        match self.postings[k] {
            Posting::List { start, end } => {
                for &p in &self.lists[start as usize..end as usize] {
                    set[usize::from(p) / 64] |= 1 << (p % 64);
                }
            }
            Posting::Set(n) => {
                let bits = self.set(n);
                set.iter_mut().zip(bits).for_each(|(a, b)| *a |= b);
            }
        }
    }

    /// Set `n`'s bits.
    fn set(&self, n: u32) -> &[u64] {
        let n = n as usize;
        &self.sets[SET_LEN * n..SET_LEN * (n + 1)]
    }

    /// Adds the next key, held by the records of `parts` (the first's
    /// first, each moved apart from the others).
    fn push_moved(&mut self, parts: &[Moved]) {
        let count: usize = parts.iter().map(|part| part.count).sum();
        let posting = if count > DENSE {
            let start = self.sets.len();
            self.sets.resize(start + SET_LEN, 0);
            parts.iter().for_each(|part| part.add_to(&mut self.sets[start..]));
            Posting::Set(to_u32(start / SET_LEN))
        } else {
            let start = to_u32(self.lists.len());
            parts.iter().for_each(|part| part.for_each(|p| self.lists.push(p)));
            Posting::List {
                start,
                end: to_u32(self.lists.len()),
            }
        };
        self.postings.push(posting);
    }

    /// Bytes held, for measuring.
    pub(super) fn bytes(&self) -> usize {
        size_of::<Posting>() * self.postings.len() + 2 * self.lists.len() + 8 * self.sets.len()
    }
}

/// The words of records of a [`Folded`] gathered one record at a time
/// ([`add`](Self::add)), then sorted into a [`Vocabulary`]. A word is
/// kept as where it first is in the folded text, so that the text may
/// grow between two records: the folding thread gathers between the
/// batches it folds.
#[derive(Default)]
struct Collecting {
    words: HashTable<Held>,
    hasher: foldhash::fast::FixedState,
    /// How many records were added.
    records: usize,
}

/// A word gathered, and the records holding it, in order. Its hash and
/// last record are kept beside it: a table that grows hashes no word
/// again, and a word seen again in the same record reads no list.
struct Held {
    at: usize,
    len: usize,
    hash: u64,
    last: Local,
    records: Vec<Local>,
}

impl Collecting {
    /// Adds record `r` of `folded`, the next of the vocabulary.
    fn add(&mut self, folded: &Folded, r: usize) {
        let p = Local::try_from(self.records).expect("a chunk's records are numbered in 16 bits");
        self.records += 1;
        let (text, start) = (folded.text.as_str(), folded.start(r));
        let hasher = &self.hasher;
        let word_of = |held: &Held| &text[held.at..held.at + held.len];
        for (at, word) in words_at(folded.record(r)) {
            let hash = hasher.hash_one(word);
            match (self.words).entry(hash, |held| word_of(held) == word, |held| held.hash) {
                Entry::Occupied(entry) => {
                    let held = entry.into_mut();
                    if held.last != p {
                        held.last = p;
                        held.records.push(p);
                    }
                }
                Entry::Vacant(entry) => {
                    // Room for as many as a first `push` makes.
                    let held = entry.insert(Held {
                        at: start + at,
                        len: word.len(),
                        hash,
                        last: p,
                        records: Vec::with_capacity(4),
                    });
                    held.into_mut().records.push(p);
                }
            }
        }
    }

    /// The words gathered, sorted; `text` is the folded text they are in.
    fn vocabulary(self, text: &str) -> Vocabulary {
        let mut words: Vec<(&str, Vec<Local>)> = (self.words.into_iter())
            .map(|held| (&text[held.at..held.at + held.len], held.records))
            .collect();
        words.sort_unstable_by_key(|&(word, _)| word);
        Vocabulary::of_sorted(&words)
    }
}

/// The vocabularies of a [`Folded`]'s records, [`CHUNK`] at a time from
/// its first, gathered as it was folded: a chunk of an index sharing that
/// text is cut from them (`of`), much quicker than reading its texts.
#[derive(Default)]
pub(super) struct Blocks {
    /// The vocabulary of records `CHUNK * b..`, block by block (the last
    /// may hold fewer than `CHUNK`).
    done: Vec<Vocabulary>,
    /// How many records `done` holds.
    records: usize,
    /// The records after those, gathered so far.
    next: Collecting,
}

impl std::fmt::Debug for Blocks {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Blocks")
            .field("records", &self.records)
            .finish_non_exhaustive()
    }
}

impl Blocks {
    /// Gathers the words of the next record of `folded`; false when every
    /// record folded is gathered already. A block full with this record is
    /// sorted here (10-70 ms on a busy machine), between two batches: should
    /// the reading fill the queue meanwhile, the thread is handed no more
    /// for the rest of the file. (Not changed yet: deferring the sorts
    /// until the batches run out keeps the blocks' hash tables longer, and
    /// leaves them to sort at the handover, or lost.)
    pub(super) fn gather_next(&mut self, folded: &Folded) -> bool {
        let r = self.records + self.next.records;
        if r >= folded.len() {
            return false;
        }
        self.next.add(folded, r);
        if self.next.records == CHUNK {
            self.close(folded);
        }
        true
    }

    /// Ends the block gathered so far (short of `CHUNK` records if it is
    /// the last).
    pub(super) fn close(&mut self, folded: &Folded) {
        let next = std::mem::take(&mut self.next);
        if next.records > 0 {
            self.records += next.records;
            self.done.push(next.vocabulary(&folded.text));
        }
    }

    /// Drops the block being gathered, if any (its records stay ungathered).
    pub(super) fn drop_open(&mut self) {
        self.next = Collecting::default();
    }

    /// The vocabulary of its records `records` (at most `CHUNK`, those of
    /// a chunk of an index), numbered from 0, if all are in blocks.
    pub(super) fn of(&self, records: Range<usize>) -> Option<Vocabulary> {
        (records.end <= self.records).then(|| {
            let blocks = records.start / CHUNK..(records.end - 1) / CHUNK + 1;
            let mut parts = blocks.map(|b| {
                let first = b * CHUNK;
                let within = records.start.max(first) - first..records.end.min(first + CHUNK) - first;
                self.done[b].part(within.clone(), within.start + first - records.start)
            });
            let (first, second) = (parts.next(), parts.next());
            joined(first.into_iter().flatten(), second.into_iter().flatten())
        })
    }

    /// How many records its blocks hold.
    pub(super) fn records(&self) -> usize {
        self.records
    }
}

/// The vocabulary of two parts' words (sorted, each with its records
/// moved into place): a word of both holds the records of both.
fn joined<'v>(
    first: impl Iterator<Item = (&'v str, Moved<'v>)>,
    second: impl Iterator<Item = (&'v str, Moved<'v>)>,
) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for (word, a, b) in merged(first, second) {
        vocabulary.push_word(word);
        match b {
            Some(b) => vocabulary.postings.push_moved(&[a, b]),
            None => vocabulary.postings.push_moved(&[a]),
        }
    }
    vocabulary
}

/// Two vocabularies' words (sorted, each with its records), as one: a
/// word of both has the records of `first`, then those of `second` (no
/// block of its own a word: there is one a word of a chunk).
fn merged<'v>(
    first: impl Iterator<Item = (&'v str, Moved<'v>)>,
    second: impl Iterator<Item = (&'v str, Moved<'v>)>,
) -> impl Iterator<Item = (&'v str, Moved<'v>, Option<Moved<'v>>)> {
    let (mut first, mut second) = (first.peekable(), second.peekable());
    let alone = |(word, a)| (word, a, None);
    std::iter::from_fn(move || match (first.peek(), second.peek()) {
        (Some(a), Some(b)) if a.0 == b.0 => {
            let (word, a) = first.next().expect("peeked");
            let (_, b) = second.next().expect("peeked");
            Some((word, a, Some(b)))
        }
        (Some(a), Some(b)) if a.0 < b.0 => first.next().map(alone),
        (_, Some(_)) => second.next().map(alone),
        (Some(_), None) => first.next().map(alone),
        (None, None) => None,
    })
}

/// The `u64`s of a set of bits that hold bits `from..until` (not empty),
/// each with a mask of those bits in it.
fn masks(from: usize, until: usize) -> impl Iterator<Item = (usize, u64)> {
    (from / 64..until.div_ceil(64)).map(move |w| {
        let low = (64 * w).max(from) - 64 * w;
        let high = (64 * (w + 1)).min(until) - 64 * w;
        (w, (u64::MAX << low) & (u64::MAX >> (64 - high)))
    })
}

/// A key's records in a vocabulary within `within` (of that vocabulary's),
/// to be moved to start at `to`.
#[derive(Clone, Copy)]
struct Moved<'v> {
    postings: &'v Postings,
    k: usize,
    within: (usize, usize),
    to: usize,
    /// How many records it holds: counted once, as it is made (a word's
    /// parts are counted to skip the empty ones, then to choose a list or
    /// a set).
    count: usize,
}

impl<'v> Moved<'v> {
    fn new(postings: &'v Postings, k: usize, within: (usize, usize), to: usize) -> Self {
        let mut moved = Self {
            postings,
            k,
            within,
            to,
            count: 0,
        };
        moved.count = moved.counted();
        moved
    }

    /// The records within `within` of its list (`lists[start..end]`), as
    /// the vocabulary numbers them.
    fn listed(&self, start: u32, end: u32) -> &[Local] {
        let (from, until) = self.within;
        let list = &self.postings.lists[start as usize..end as usize];
        let at = |r: usize| list.partition_point(|&p| usize::from(p) < r);
        &list[at(from)..at(until)]
    }

    /// How many records it holds, counted.
    fn counted(&self) -> usize {
        let (from, until) = self.within;
        match self.postings.postings[self.k] {
            Posting::List { start, end } => self.listed(start, end).len(),
            Posting::Set(n) => {
                let bits = self.postings.set(n);
                (masks(from, until).map(|(w, mask)| (bits[w] & mask).count_ones() as usize)).sum()
            }
        }
    }

    /// Calls `f` with each of its records, moved, in order.
    fn for_each(&self, mut f: impl FnMut(Local)) {
        let (from, until) = self.within;
        let moved = |r: usize| Local::try_from(r - from + self.to).expect("a chunk's records are numbered in 16 bits");
        debug_assert!(until <= CHUNK, "within one vocabulary");
        match self.postings.postings[self.k] {
            Posting::List { start, end } => {
                (self.listed(start, end).iter()).for_each(|&p| f(moved(usize::from(p))));
            }
            // Only the `u64`s holding `from..until`, each masked.
            Posting::Set(n) if from < until => {
                let bits = self.postings.set(n);
                (masks(from, until)).for_each(|(w, mask)| positions_in(bits[w] & mask, w).for_each(|r| f(moved(r))));
            }
            Posting::Set(_) => {}
        }
    }

    /// Adds its records, moved, to `set` (a chunk's bits).
    fn add_to(&self, set: &mut [u64]) {
        let (from, until) = self.within;
        let Posting::Set(n) = self.postings.postings[self.k] else {
            self.for_each(|p| set[usize::from(p) / 64] |= 1 << (p % 64));
            return;
        };
        let bits = self.postings.set(n);
        // A `u64` at a time: bit `r` goes to bit `r + shift`.
        let shift = self.to as isize - from as isize;
        for (w, mask) in masks(from, until) {
            let held = bits[w] & mask;
            if held == 0 {
                continue;
            }
            let at = 64 * w as isize + shift;
            let (to, by) = (at.div_euclid(64), at.rem_euclid(64) as u32);
            // Bits moved below 0 are none: every bit held is at `from` or after.
            if let Ok(to) = usize::try_from(to) {
                set[to] |= held << by;
            }
            if by > 0
                && let Some(next) = set.get_mut((to + 1) as usize)
            {
                *next |= held >> (64 - by);
            }
        }
    }
}

/// The first of `0..len` for which `is_before` is false (it must be true
/// for a start of the range and false for the rest).
fn partition_point(len: usize, is_before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if is_before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::sync::Arc;

    use super::super::{Lookup, Query, fold_fields};
    use super::*;

    #[test]
    fn a_set_moved_down_past_the_start_of_a_u64_lands_in_the_first() {
        // Every third record of a chunk: a set of bits (more than `DENSE`).
        let records: Vec<Local> = (0..CHUNK)
            .step_by(3)
            .map(|r| Local::try_from(r).expect("16 bits"))
            .collect();
        let mut postings = Postings::default();
        postings.push(&records);
        assert!(matches!(postings.postings[0], Posting::Set(0)));
        // Records 100..300 moved to start at 10: the `u64` of bits 64..128
        // goes to -26..38, partly below the first `u64`, whose bits are
        // those moved from 100..128 (and 90..100, none held, below).
        for (within, to) in [((100, 300), 10), ((70, 64 * 5 + 1), 0), ((126, 129), 63)] {
            let moved = Moved::new(&postings, 0, within, to);
            let mut set = vec![0; SET_LEN];
            moved.add_to(&mut set);
            let mut expected = vec![0u64; SET_LEN];
            for r in (within.0..within.1).filter(|r| r % 3 == 0) {
                let at = r - within.0 + to;
                expected[at / 64] |= 1 << (at % 64);
            }
            assert!(expected.iter().any(|&bits| bits != 0));
            assert!(
                set == expected,
                "{within:?} to {to}: {:x?} for {:x?}",
                &set[..6],
                &expected[..6]
            );
            assert_eq!(moved.count, ones(&expected, 0).count());
            let mut each = Vec::new();
            moved.for_each(|p| each.push(usize::from(p)));
            assert_eq!(each, ones(&expected, 0).collect::<Vec<_>>(), "{within:?} to {to}");
        }
    }

    #[test]
    fn the_build_pauses_every_few_thousand_records_of_each_chunk() {
        // 70,000 records: a chunk of 65,536 (records 0, 4,096, ..., 61,440:
        // 16 pauses) and one of 4,464 (its records 0 and 4,096: 2 pauses).
        let text = TextIndex::build(70_000, |_| ["word"]);
        let pauses = std::sync::atomic::AtomicUsize::new(0);
        WordIndex::build(&text, || {
            pauses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        assert_eq!(pauses.into_inner(), 18);
        // So does the gathering of the starts of words, on every core.
        let pauses = std::sync::atomic::AtomicUsize::new(0);
        text.gather_starts(|| {
            pauses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        assert_eq!(pauses.into_inner(), 18);
    }

    /// Record `r`'s text for the tests of blocks: words held by every
    /// record, by many (kept as sets of bits), by few (lists), and by a
    /// run of records only (held by no record of some parts of a block).
    fn block_text(r: usize) -> String {
        let third = if r.is_multiple_of(3) { "tri" } else { "" };
        format!("common w{} x{} {third} run{}-end", r % 7, r % 5000, r / 1000)
    }

    /// The words of `count` records gathered as the folding thread
    /// gathers them, a record at a time as they are folded, and the
    /// texts they are in.
    fn gathered(count: usize) -> (Arc<Folded>, Blocks) {
        let mut folded = Folded::default();
        let mut blocks = Blocks::default();
        for r in 0..count {
            folded.push([block_text(r).as_str()]);
            assert!(blocks.gather_next(&folded), "a record to gather");
            assert!(!blocks.gather_next(&folded), "none until the next is folded");
        }
        blocks.close(&folded);
        (Arc::new(folded), blocks)
    }

    #[test]
    fn a_vocabulary_cut_from_blocks_is_the_one_read_from_the_texts() {
        // Two blocks of `CHUNK` records and a last one of 5,000.
        let count = 2 * CHUNK + 5_000;
        let (folded, blocks) = gathered(count);
        assert_eq!(blocks.records(), count);
        let within_a_block = [0, 1, 63, 64, 65, 1_000];
        let across_two = [CHUNK - 1, CHUNK, CHUNK + 7, CHUNK + 4_000];
        for first in within_a_block.into_iter().chain(across_two) {
            for len in [1, 64, 1_000, CHUNK] {
                let chunk = Chunk {
                    folded: Arc::clone(&folded),
                    first,
                    len,
                };
                let cut = blocks.of(first..first + len).expect("all gathered");
                assert!(cut == Vocabulary::of(&chunk, || {}), "records {first} and {len} more");
            }
        }
        // Into the last block, to the last record.
        let first = count - CHUNK;
        let chunk = Chunk {
            folded: Arc::clone(&folded),
            first,
            len: CHUNK,
        };
        assert!(blocks.of(first..count).expect("all gathered") == Vocabulary::of(&chunk, || {}));
        assert!(blocks.of(first + 1..count + 1).is_none(), "past the records gathered");
    }

    /// The records of `records` (each a list of fields) holding `pattern`,
    /// by the word index; before it is built, reading every text, and the
    /// starts of words once gathered, must find the same.
    fn found(records: &[Vec<&str>], pattern: &Pattern) -> Vec<usize> {
        let text = TextIndex::build(records.len(), |p| records[p].iter().copied());
        let holders = |words| {
            let lookup = Lookup::new(words, &text, std::slice::from_ref(pattern), None);
            (0..records.len())
                .filter(|&p| lookup.holds(&text, p))
                .collect::<Vec<_>>()
        };
        let by_reading = holders(None);
        text.gather_starts(|| {});
        let by_starts = holders(None);
        let words = WordIndex::build(&text, || {});
        let by_words = holders(Some(&words));
        assert_eq!(by_reading, by_words, "{}: by reading, by words", pattern.text());
        assert_eq!(by_starts, by_words, "{}: by starts, by words", pattern.text());
        by_words
    }

    #[test]
    fn a_word_is_found_where_a_word_of_the_text_starts_with_it() {
        let records = [
            vec!["IT workers abroad"],
            vec!["a national network"],
            vec!["computer-workshops", "x"],
            vec!["Work"],
            vec!["", "work"],
        ];
        assert_eq!(found(&records, &Pattern::new("work")), [0, 2, 3, 4]);
        assert_eq!(found(&records, &Pattern::new("workers")), [0]);
        assert_eq!(found(&records, &Pattern::new("workersx")), [] as [usize; 0]);
        assert_eq!(found(&records, &Pattern::new("w")), [0, 2, 3, 4]);
        assert_eq!(found(&records, &Pattern::new("n")), [1]);
    }

    #[test]
    fn a_phrase_is_read_in_the_records_holding_its_words() {
        let records = [
            vec!["the optical cable"],
            vec!["a cable, optical and long"],
            vec!["optical", "cable"],
            vec!["optical cables laid"],
            vec!["ba a a"],
        ];
        assert_eq!(found(&records, &Pattern::new("optical cable")), [0, 3]);
        assert_eq!(found(&records, &Pattern::new("optical ca")), [0, 3]);
        assert_eq!(found(&records, &Pattern::new("cable optical")), [] as [usize; 0]);
        assert_eq!(
            found(&records, &Pattern::new("a a")),
            [4],
            "after a match inside a word"
        );
        assert_eq!(found(&records, &Pattern::new("cable,")), [1]);
    }

    #[test]
    fn korean_is_found_inside_words() {
        let records = [
            vec!["Koryolink (고려링크)"],
            vec!["평양정보쎈터"],
            vec!["고려 링크"],
            vec!["곡"],
            vec!["koryolink고려링크"],
        ];
        assert_eq!(found(&records, &Pattern::new("링크")), [0, 2, 4]);
        assert_eq!(found(&records, &Pattern::new("고려링크")), [0, 4]);
        assert_eq!(found(&records, &Pattern::new("정보")), [1]);
        assert_eq!(
            found(&records, &Pattern::new("고")),
            [0, 2, 4],
            "a syllable is not a letter of another"
        );
        assert_eq!(found(&records, &Pattern::new("고려 링")), [2]);
        assert_eq!(
            found(&records, &Pattern::new("link")),
            [] as [usize; 0],
            "not at a word's start"
        );
        assert_eq!(found(&records, &Pattern::new("koryolink고")), [4]);
    }

    #[test]
    fn short_names_are_whole_words_and_signs_start_words() {
        let records = [
            vec!["made in the us."],
            vec!["business"],
            vec!["usa"],
            vec!["a(work"],
            vec!["c.2002"],
        ];
        assert_eq!(found(&records, &Pattern::name("us")), [0]);
        assert_eq!(found(&records, &Pattern::new("us")), [0, 2]);
        assert_eq!(found(&records, &Pattern::new("(work")), [3]);
        assert_eq!(found(&records, &Pattern::new("2002")), [4]);
        assert_eq!(found(&records, &Pattern::new("c.20")), [4]);
    }

    #[test]
    fn a_pattern_without_a_letter_or_digit_is_read_in_every_record() {
        let records = [vec!["50%"], vec!["fifty"], vec!["% and"]];
        assert_eq!(found(&records, &Pattern::new("%")), [0, 2]);
        assert_eq!(found(&records, &Pattern::new("% ")), [2]);
    }

    #[test]
    fn records_are_found_in_every_chunk() {
        let (texts, text) = super::super::tests::fibre_and_copper();
        text.gather_starts(|| {});
        let words = WordIndex::build(&text, || {});
        for words in [Some(&words), None] {
            let fibre = Lookup::new(words, &text, &[Pattern::new("fib")], None);
            assert!((0..texts.len()).all(|p| fibre.holds(&text, p) == (p % 3 == 0)));
        }
        // A number is found in the records whose number starts with it:
        // by the word index alone, and by the starts of words alone when
        // it has two digits or one.
        let expected =
            |number: &str| -> Vec<usize> { (0..texts.len()).filter(|q| q.to_string().starts_with(number)).collect() };
        let holders = |words, number: &str| -> Vec<usize> {
            let lookup = Lookup::new(words, &text, &[Pattern::new(number)], None);
            assert!(lookup.is_whole(), "{number}");
            lookup.holders.within(0..texts.len()).collect()
        };
        for p in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, texts.len() - 1] {
            let number = p.to_string();
            let found = holders(Some(&words), &number);
            assert!(
                found == expected(&number),
                "{p}: {} found, {} expected",
                found.len(),
                expected(&number).len()
            );
        }
        for number in ["1", "7", "13", "99"] {
            assert_eq!(holders(None, number), expected(number), "{number}");
        }
    }

    #[test]
    fn a_set_made_of_the_bits_of_one_dropped_holds_nothing() {
        // This thread's own pool (see `with_spare`): no other test reaches it.
        let len = 64 * SET_LEN + 5;
        let mut set = Positions::none(len);
        set.insert_range(0..len);
        let bits = set.bits.as_ptr();
        let kept = || with_spare(|spare| spare.sets.iter().map(|bits| bits.as_ptr()).collect::<Vec<_>>());
        assert_eq!(kept(), Some(vec![]));
        drop(set);
        assert_eq!(kept(), Some(vec![bits]), "the bits of the set dropped, kept");
        let lent = Positions::none(len);
        assert_eq!(kept(), Some(vec![]), "and lent again");
        assert_eq!(lent.count(), 0);
        let mut other = Positions::none(len);
        other.insert(len - 1);
        assert_eq!(other.within(0..len).collect::<Vec<_>>(), [len - 1]);
    }

    #[test]
    fn the_spare_pool_keeps_only_big_sets() {
        let mut spare = Spare::new();
        spare.keep(vec![0; SET_LEN - 1]);
        assert_eq!(spare.lend(SET_LEN - 1), None, "smaller than a chunk's worth");
        spare.keep(vec![0; SET_LEN]);
        assert_eq!(spare.lend(SET_LEN).map(|bits| bits.len()), Some(SET_LEN));
        assert_eq!((spare.sets.len(), spare.bytes), (0, 0));
    }

    #[test]
    fn sets_of_another_length_filling_the_pool_leave_the_current_length_lent() {
        let mut spare = Spare::new();
        let (current, another) = (SET_LEN, SET_LEN + 1);
        for _ in 0..2 * SPARE_SETS {
            spare.keep(vec![0; another]);
        }
        assert_eq!(spare.sets.len(), SPARE_SETS, "no more sets than the cap");
        assert_eq!(spare.bytes, 8 * SPARE_SETS * another);
        // Full of sets of another length, a set of the current one dropped
        // is still kept and lent again, each time.
        for _ in 0..3 {
            spare.keep(vec![0; current]);
            assert_eq!(spare.lend(current).map(|bits| bits.len()), Some(current));
        }
        assert_eq!(spare.bytes, 8 * (SPARE_SETS - 1) * another);
        // Enough bytes of the current length to fill it evicts the others.
        let big = SPARE_BYTES / 8 / 4;
        for _ in 0..4 {
            spare.keep(vec![0; big]);
        }
        assert!(spare.sets.iter().all(|bits| bits.len() == big), "others evicted first");
        assert_eq!((spare.sets.len(), spare.bytes), (4, SPARE_BYTES));
        spare.keep(vec![0; big]);
        assert_eq!((spare.sets.len(), spare.bytes), (4, SPARE_BYTES), "the oldest evicted");
    }

    #[test]
    fn positions_within_a_range_are_those_held_in_it() {
        let mut set = Positions::none(200);
        for p in [0, 5, 63, 64, 65, 130, 199] {
            set.insert(p);
        }
        assert_eq!(set.within(0..200).collect::<Vec<_>>(), [0, 5, 63, 64, 65, 130, 199]);
        assert_eq!(set.within(5..65).collect::<Vec<_>>(), [5, 63, 64]);
        assert_eq!(set.within(66..130).count(), 0);
        assert_eq!(set.within(130..131).collect::<Vec<_>>(), [130]);
        let mut other = Positions::none(200);
        other.insert(64);
        other.insert(100);
        let mut both = set.clone();
        both.intersect(&other);
        assert_eq!(both.within(0..200).collect::<Vec<_>>(), [64]);
        set.union(&other);
        assert_eq!(set.within(64..101).collect::<Vec<_>>(), [64, 65, 100]);
        assert_eq!(set.count(), 8);
        set.remove(&other);
        assert_eq!(set.within(64..101).collect::<Vec<_>>(), [65]);
        for count in [0, 1, 63, 64, 65, 128, 200] {
            let first = Positions::first(count, 200);
            assert_eq!(first.within(0..200).collect::<Vec<_>>(), (0..count).collect::<Vec<_>>());
        }
        for range in [0..0, 0..200, 3..70, 64..128, 63..65, 199..200] {
            let mut added = Positions::none(200);
            added.insert(100);
            added.insert_range(range.clone());
            let mut expected: Vec<usize> = range.clone().chain([100]).collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(added.within(0..200).collect::<Vec<_>>(), expected, "{range:?}");
        }
    }

    /// Words to build texts and searches of: prefixes of one another,
    /// spelling variants, diacritics, apostrophes, hyphens, Korean written
    /// together and apart, short names.
    const WORDS: &[&str] = &[
        "fibre",
        "fiber",
        "optical",
        "optic",
        "op",
        "a",
        "ab",
        "b",
        "1",
        "12",
        "é",
        "Éa",
        "고려",
        "링크",
        "고려링크",
        "kim",
        "ch'aek",
        "P'yŏngyang",
        "pyongyang",
        "us",
        "business",
        "x-y",
        "(work)",
        "work",
        "network",
        "жlink",
        "oж",
        "centre",
        "center",
        "organisation",
        "organization",
    ];

    /// What goes between two words: nothing (one word of both), spaces,
    /// signs, hyphens, apostrophes.
    const BETWEEN: &[&str] = &[" ", " ", "", "-", "'", ".", "(", ")", ", ", "’", "  ", "“", "—"];

    fn text(max_words: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            (
                proptest::sample::select(WORDS),
                proptest::sample::select(BETWEEN),
                0..12usize,
            ),
            0..max_words,
        )
        .prop_map(|parts| {
            (parts.into_iter())
                // A word cut short sometimes, as it is being typed.
                .map(|(word, between, cut)| {
                    let word: String = word.chars().take(if cut == 0 { 1 } else { cut }).collect();
                    format!("{word}{between}")
                })
                .collect()
        })
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// A word is a longest run of letters and digits, as
        /// `char::is_alphanumeric` tells them, in any text: ASCII, Hangul,
        /// other scripts, signs and controls.
        #[test]
        fn words_are_the_runs_of_letters_and_digits(text in "[a-z0-9 \\-'\\x00가-힣ㄱ-ㅎ一-龥ж-яé’“—0-9\\PC]{0,40}") {
            let mut expected = Vec::new();
            let mut start = None;
            for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (start, c.is_alphanumeric()) {
                    (None, true) => start = Some(at),
                    (Some(from), false) => {
                        expected.push((from, &text[from..at]));
                        start = None;
                    }
                    _ => {}
                }
            }
            prop_assert_eq!(words_at(&text).collect::<Vec<_>>(), expected);
        }

        /// The index finds, for every pattern of a query (its spellings,
        /// and as a short name), the records that reading their text finds;
        /// so do the starts of words, before it is built, and the index's
        /// texts read record by record before those; and so does each in
        /// the records it is asked to read only `within`.
        #[test]
        fn the_index_finds_what_reading_the_text_finds(
            records in proptest::collection::vec(proptest::collection::vec(text(6), 0..3), 1..12),
            within in proptest::collection::vec(any::<bool>(), 12),
            query in (text(4), any::<bool>(), any::<bool>()).prop_map(|(text, quoted, open)| {
                match (quoted, open) {
                    (true, true) => format!("\"{text}"),
                    (true, false) => format!("\"{text}\""),
                    _ => text,
                }
            }),
        ) {
            let text = TextIndex::build(records.len(), |p| records[p].iter().map(String::as_str));
            // Before the starts are gathered: every text read.
            let unstarted = TextIndex::build(records.len(), |p| records[p].iter().map(String::as_str));
            text.gather_starts(|| {});
            let words = WordIndex::build(&text, || {});
            let Some(query) = Query::parse(&query) else {
                return Ok(());
            };
            for term in query.terms() {
                let mut patterns: Vec<Pattern> = term.spellings().iter().map(|s| Pattern::new(s)).collect();
                patterns.extend(term.spellings().iter().map(|s| Pattern::name(s)));
                let each = patterns.iter().map(std::slice::from_ref);
                for patterns in each.chain([patterns.as_slice()]) {
                    let mut inside = Positions::none(CHUNK);
                    (0..records.len()).filter(|&p| within[p]).for_each(|p| inside.insert(p));
                    let lookups = [
                        (Lookup::new(Some(&words), &text, patterns, None), "by words", None),
                        (Lookup::new(None, &text, patterns, None), "by starts", None),
                        (Lookup::new(Some(&words), &text, patterns, Some(&inside)), "by words within", Some(&inside)),
                        (Lookup::new(None, &text, patterns, Some(&inside)), "by starts within", Some(&inside)),
                        (Lookup::new(None, &unstarted, patterns, None), "by reading", None),
                    ];
                    for (p, record) in records.iter().enumerate() {
                        // Read as the index holds it, outside the index.
                        let mut folded = String::new();
                        fold_fields(record.iter().map(String::as_str), &mut folded);
                        let holds = patterns.iter().any(|pattern| pattern.is_in(&folded));
                        let texts = patterns.iter().map(Pattern::text).collect::<Vec<_>>();
                        for (lookup, how, within) in &lookups {
                            if within.is_none_or(|within| within.contains(p)) {
                                prop_assert_eq!(lookup.holds(&text, p), holds, "{:?} in {:?}, {}", texts, record, how);
                            }
                        }
                    }
                }
            }
        }
    }
}
