//! Text from a dataset on its way to a terminal. A dataset is somebody
//! else's file: its strings may hold escape sequences that clear the screen,
//! write the clipboard (OSC 52) or reorder what is shown (bidi overrides).
//! Everything nkict prints from a dataset passes through [`escape`] (or
//! [`quoted`], [`cut`] or [`escape_json`]), whichever channel it takes:
//! tables and JSON on standard output, messages on standard error.
//!
//! Escaped, as Rust writes them (`\u{1b}`, `\u{9b}`, `\u{202e}`), are:
//! - the C0 controls U+0000–U+001F (escape, line breaks, tabs, bell...),
//! - DEL, U+007F,
//! - the C1 controls U+0080–U+009F (among them U+009B, a one-character CSI,
//!   and U+009D, OSC),
//! - the bidi embeddings and overrides U+202A–U+202E and isolates
//!   U+2066–U+2069, which would reorder the rest of the line.
//!
//! The escapes are for reading, not for reading back: a backslash already in
//! the text is left as it is.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

// The byte searches of short texts (a cell, a string of an export) are
// memchr's portable ones, a word at a time: its vectorised ones ask the CPU
// what it can do when first used, which on a virtual machine took 50-80 us,
// a tenth of what a bundled `nkict list` or `export` adds to `--version`.
// The large writer (`JsonEscaping`) keeps the vectorised search.
use memchr::arch::all::memchr::{Three, Two};

use unicode_width::UnicodeWidthStr;

/// Characters of a quoted value shown in a message before it is cut.
pub const QUOTED_LIMIT: usize = 80;

/// Whether `c` is shown escaped: a control or a bidi override or isolate.
pub fn needs_escape(c: char) -> bool {
    c <= '\x1f' || raw_in_json(c)
}

/// `text` with every character of [`needs_escape`] written as `\u{..}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !any_needs_escape(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(escaped(text, needs_escape))
}

/// Whether some character of `text` needs escaping ([`needs_escape`]),
/// told from its bytes: a C0 control or DEL is a byte below 0x20 or 0x7F;
/// a C1 control is 0xC2 then 0x80–0x9F; a bidi override or isolate is
/// 0xE2 0x80 0xAA–0xAE or 0xE2 0x81 0xA6–0xA9. First every byte is looked
/// at eight at a time, without stopping early, for controls and DEL and,
/// apart, for the lead bytes 0xC2 and 0xE2; the last few bytes too, padded
/// to eight (a table's cells are short, and a byte at a time was most of
/// the check). A control answers; only a text with a lead byte is then
/// looked at closely: the en dash of a period and curly quotes start with
/// 0xE2 and need nothing.
pub fn any_needs_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (controls, leads) = words_of(bytes).fold((0, 0), |(controls, leads), word| {
        (controls | controls_in(word), leads | leads_in(word))
    });
    controls != 0
        || (leads != 0
            && Two::new(0xc2, 0xe2)
                .iter(bytes)
                .any(|at| escaped_at_start(&bytes[at..])))
}

/// `bytes` as words of eight, the last few bytes padded with spaces (which
/// none of the tests below looks for) to a word of their own.
pub(crate) fn words_of(bytes: &[u8]) -> impl Iterator<Item = u64> {
    padded_blocks::<8>(bytes).map(u64::from_le_bytes)
}

/// `bytes` as blocks of `N`, the last few bytes padded with spaces (which
/// no test here looks for) to a block of their own.
pub(crate) fn padded_blocks<const N: usize>(bytes: &[u8]) -> impl Iterator<Item = [u8; N]> {
    let (blocks, rest) = bytes.as_chunks::<N>();
    let mut last = [b' '; N];
    last[..rest.len()].copy_from_slice(rest);
    blocks.iter().copied().chain([last])
}

/// One in every byte of a word. The tests below look at all eight bytes of
/// a word at once and set the high bit of a byte where the test holds (or,
/// past the first byte where it holds, may hold): so they give 0 exactly
/// when it holds for no byte.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// The high bit of every byte of a word.
const HIGH: u64 = ONES * 0x80;

/// Bytes of `word` below `n` (at most 0x80).
fn below(word: u64, n: u64) -> u64 {
    word.wrapping_sub(ONES * n) & !word & HIGH
}

/// Bytes of `word` equal to `n`.
fn equal(word: u64, n: u64) -> u64 {
    below(word ^ (ONES * n), 1)
}

/// Not 0 exactly when some byte of `word` is a C0 control or DEL.
fn controls_in(word: u64) -> u64 {
    below(word, 0x20) | equal(word, 0x7f)
}

/// Not 0 exactly when some byte of `word` is not printable ASCII (a C0
/// control, DEL, or a byte of a character above ASCII) or is a quote or a
/// backslash: a word of none of them is written as it is in a JSON string,
/// and is inert on a terminal.
pub(crate) fn unplain_in(word: u64) -> u64 {
    // DEL and above: a byte's low seven bits plus one reach its high bit
    // only from 0x7F (and carry into no other byte), a byte above ASCII
    // has it already.
    let del_or_above = (((word & !HIGH) + ONES) | word) & HIGH;
    below(word, 0x20) | equal(word, u64::from(b'"')) | equal(word, u64::from(b'\\')) | del_or_above
}

/// A bit for exactly each byte of `block` that a JSON string escapes (a
/// C0 control, a quote, a backslash) or that may start a character a
/// terminal acts on (DEL, 0xC2, 0xE2), the first byte's the lowest. By
/// SSE2, part of every x86-64 processor (nothing to ask it at run time):
/// `json_string` over the bundled export's citation (29 KB) took 0.16 M
/// instructions eight bytes a word (`unplain_in`, then the bytes of a word
/// it flagged told apart), 0.07 M so.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) fn json_escapes_in(block: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8, _mm_setzero_si128,
    };
    let block = u128::from_le_bytes(*block);
    // SAFETY: these SSE2 instructions are enabled for the whole build (the
    // `cfg` above: x86-64's baseline), so every processor it runs on has
    // them; they read nothing but their arguments.
    unsafe {
        let bytes = _mm_set_epi64x((block >> 64) as i64, block as i64);
        let equal = |byte: u8| _mm_cmpeq_epi8(bytes, _mm_set1_epi8(byte as i8));
        // Compared as signed bytes: those above ASCII are below 0x20 too.
        let above_ascii = _mm_cmplt_epi8(bytes, _mm_setzero_si128());
        let controls = _mm_andnot_si128(above_ascii, _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
        let marked = [b'"', b'\\', 0x7f, 0xc2, 0xe2]
            .into_iter()
            .fold(controls, |marked, byte| _mm_or_si128(marked, equal(byte)));
        // Sixteen bits, one a byte.
        _mm_movemask_epi8(marked) as u32
    }
}

/// As the x86-64 one, a byte at a time.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) fn json_escapes_in(block: &[u8; 16]) -> u32 {
    json_escapes_in_bytes(block)
}

/// As [`json_escapes_in`], a byte at a time: where SSE2 is not to be had,
/// and, beside it, in the tests.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2", not(test)), expect(dead_code))]
fn json_escapes_in_bytes(block: &[u8; 16]) -> u32 {
    let marked = |byte: u8| byte < 0x20 || matches!(byte, b'"' | b'\\' | 0x7f | 0xc2 | 0xe2);
    (block.iter().enumerate()).fold(0, |mask, (at, &byte)| mask | u32::from(marked(byte)) << at)
}

/// Whether some byte of `bytes` is DEL or may start a character that
/// needs escaping (0xC2, 0xE2), told a word at a time.
fn any_del_or_lead(bytes: &[u8]) -> bool {
    words_of(bytes).fold(0, |any, word| any | equal(word, 0x7f) | leads_in(word)) != 0
}

/// Not 0 exactly when some byte of `word` starts a character that may need
/// escaping (0xC2 or 0xE2).
fn leads_in(word: u64) -> u64 {
    equal(word, 0xc2) | equal(word, 0xe2)
}

/// Whether `bytes` start with the UTF-8 of a C1 control, a bidi override
/// or a bidi isolate.
pub(crate) fn escaped_at_start(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xc2, 0x80..=0x9f, ..] | [0xe2, 0x80, 0xaa..=0xae, ..] | [0xe2, 0x81, 0xa6..=0xa9, ..]
    )
}

/// As [`escape`], but line breaks stay: for a message of several lines whose
/// dataset values were already escaped where they were quoted.
pub fn escape_keeping_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && needs_escape(c))
}

/// As [`escape_keeping_lines`], and tabs stay too: for text to paste
/// elsewhere (the clipboard), where a tab in a quote is the tab its source
/// had, not `\u{9}`.
pub fn escape_keeping_lines_and_tabs(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && c != '\t' && needs_escape(c))
}

/// As [`escape_keeping_lines`], and a carriage return that ends a line stays
/// too: text in a format whose lines end in `\r\n` (RIS). A carriage return
/// anywhere else, which would let a line overwrite itself, is escaped.
pub fn escape_keeping_line_ends(text: &str) -> Cow<'_, str> {
    if !any_needs_escape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(body) => (body, "\r\n"),
            None => line.strip_suffix('\n').map_or((line, ""), |body| (body, "\n")),
        };
        out.push_str(&escape(body));
        out.push_str(end);
    }
    Cow::Owned(out)
}

/// As [`escape`], and the characters that draw nothing (but the space) too:
/// for a value quoted in a message, where `dprk` and `dprk\u{200b}` must
/// not look alike.
fn escape_invisible(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| needs_escape(c) || (c != ' ' && draws_nothing(c)))
}

fn escape_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(escaped(text, unsafe_char))
}

/// `text` with every character of `unsafe_char` written as `\u{..}`.
fn escaped(text: &str, unsafe_char: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// The first `limit` characters of `text`, escaped; when there were more, a
/// `…` and the whole length: `xxxx… (1,048,576 characters)`.
pub fn cut(text: &str, limit: usize) -> String {
    let (kept, total) = head(text, limit);
    match total {
        None => escape(kept).into_owned(),
        Some(total) => format!("{}… ({} characters)", escape(kept), count(total)),
    }
}

/// A dataset value as messages quote it: `` `dprk` ``, escaped (invisible
/// characters too: `` `dprk\u{200b}` ``) and cut after [`QUOTED_LIMIT`]
/// characters (`` `xxxx…` (1,048,576 characters) ``).
pub fn quoted(text: &str) -> String {
    let (kept, total) = head(text, QUOTED_LIMIT);
    match total {
        None => format!("`{}`", escape_invisible(kept)),
        Some(total) => format!("`{}…` ({} characters)", escape_invisible(kept), count(total)),
    }
}

/// The first `limit` characters of `text`, and its length in characters
/// when that is more.
fn head(text: &str, limit: usize) -> (&str, Option<usize>) {
    match text.char_indices().nth(limit) {
        None => (text, None),
        Some((end, _)) => (&text[..end], Some(limit + text[end..].chars().count())),
    }
}

/// A count with thousands grouped, as messages give it: `99812` → `99,812`.
pub fn count(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// `1234567` → `1,234,567`, for a string of ASCII digits.
pub fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    push_thousands(&mut grouped, digits);
    grouped
}

/// Appends [`group_thousands`]`(digits)` to `out`.
pub fn push_thousands(out: &mut String, digits: &str) {
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
}

/// Whether `c` draws nothing on the screen: white space, controls,
/// Unicode's default-ignorable code points (zero width spaces and joiners,
/// bidi marks, variation selectors, tags, the Hangul fillers...), and the
/// blank braille pattern U+2800.
pub fn draws_nothing(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fff8}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// A place of `ends` (rising places in `text`) at which `text`, cut and
/// followed by `tail`, takes at most `width` columns measured as a whole
/// string, as a terminal shows it (the dashboard's cells and the command
/// line's tables both cut by it), where the next place does not; 0 if none
/// does. Counted a character at a time, `❤\u{fe0f}` takes one column, as a
/// whole string two (the emoji shown as a picture), so a cut counted the
/// first way can show wider than its room. Halves the places in turn, measuring about
/// log2 of their number prefixes, not each (text with a million zero-width
/// characters would take a million); the longest that fits when, as almost
/// always, a longer text is never the narrower.
pub fn fitting_end(text: &str, ends: &[usize], tail: &str, width: usize) -> usize {
    let mut candidate = String::new();
    let mut fits = |end: usize| {
        candidate.clear();
        candidate.push_str(&text[..end]);
        candidate.push_str(tail);
        UnicodeWidthStr::width(candidate.as_str()) <= width
    };
    // Place `i` is 0 for the empty text, else `ends[i - 1]`; the empty text
    // is taken to fit, and a place past the last not to.
    let place = |i: usize| i.checked_sub(1).map_or(0, |i| ends[i]);
    let (mut fitting, mut too_wide) = (0, ends.len() + 1);
    while too_wide - fitting > 1 {
        let middle = fitting + (too_wide - fitting) / 2;
        if fits(place(middle)) {
            fitting = middle;
        } else {
            too_wide = middle;
        }
    }
    place(fitting)
}

/// JSON text as serde_json writes it, with the characters of
/// [`needs_escape`] that JSON allows raw in strings (DEL, C1 controls, bidi
/// overrides) written as `\u009b`: the same string to a JSON reader,
/// harmless to a terminal. serde_json escapes the C0 controls in strings
/// itself; those left are JSON's own white space (line breaks of pretty
/// output) and stay. Every character escaped here is inside a string literal
/// (JSON's own syntax is ASCII), where `\uXXXX` is always valid.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    // Such characters start with byte 0x7F (DEL), 0xC2 (C1 controls) or
    // 0xE2 (bidi overrides): a text with none of those bytes has none, told
    // a word at a time (most texts are short: a key, a date; and most with
    // bytes above ASCII, such as Korean, have none of those three).
    if !any_del_or_lead(json.as_bytes()) {
        return Cow::Borrowed(json);
    }
    // Those three bytes never continue a character.
    let first = (Three::new(0x7f, 0xc2, 0xe2).iter(json.as_bytes()))
        .find(|&at| json[at..].chars().next().is_some_and(raw_in_json));
    let Some(first) = first else {
        return Cow::Borrowed(json);
    };
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(&json[..first]);
    for c in json[first..].chars() {
        if raw_in_json(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

// `raw_in_json`: a character [`escape_json`] escapes, of those of
// [`needs_escape`] the ones JSON allows raw in a string. Shared with
// `build.rs`, which prepares no dataset holding one.
include!("raw_in_json.rs");

/// A writer that passes JSON text on to another as [`escape_json`] would
/// write it, as it comes: for output too large to hold whole (an export).
/// Call `finish` at the end.
pub struct JsonEscaping<W> {
    inner: W,
    /// The start of a character that may need escaping, cut off at the end
    /// of the last write (one or two bytes).
    held: Vec<u8>,
}

impl<W: io::Write> JsonEscaping<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            held: Vec::new(),
        }
    }

    /// Passes on what is held (a cut character that never ended: not
    /// UTF-8, left as it is) and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.inner.write_all(&self.held)?;
        Ok(self.inner)
    }

    /// One behind a buffer: serde_json writes a document in pieces of a
    /// few bytes (a key, a quote, an indent), each of which would be
    /// searched for characters to escape and passed on alone.
    pub fn buffered(inner: W) -> io::BufWriter<Self> {
        io::BufWriter::with_capacity(32 << 10, Self::new(inner))
    }

    /// Ends what `buffered` began: passes on what the buffer holds, then
    /// `finish`es.
    pub fn finish_buffered(buffered: io::BufWriter<Self>) -> io::Result<W> {
        buffered.into_inner().map_err(io::IntoInnerError::into_error)?.finish()
    }

    /// Passes `bytes` on, ending with no cut character that may need escaping.
    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut start = 0;
        for at in memchr::memchr3_iter(0x7f, 0xc2, 0xe2, bytes) {
            if let Some(c) = char_at(bytes, at).filter(|&c| raw_in_json(c)) {
                self.inner.write_all(&bytes[start..at])?;
                write!(self.inner, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        self.inner.write_all(&bytes[start..])
    }
}

impl<W: io::Write> io::Write for JsonEscaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.held.is_empty() {
            let cut = cut_short(buf);
            self.held.extend_from_slice(&buf[cut..]);
            return self.pass(&buf[..cut]);
        }
        let mut joined = std::mem::take(&mut self.held);
        joined.extend_from_slice(buf);
        let cut = cut_short(&joined);
        self.held.extend_from_slice(&joined[cut..]);
        self.pass(&joined[..cut])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Where `bytes` end, or where the start of a character that may need
/// escaping (its first byte 0xC2 or 0xE2) is cut off at their end.
fn cut_short(bytes: &[u8]) -> usize {
    match bytes {
        [.., 0xc2 | 0xe2] => bytes.len() - 1,
        [.., 0xe2, _] => bytes.len() - 2,
        _ => bytes.len(),
    }
}

/// The character starting at byte `at` of `bytes`, if one does.
fn char_at(bytes: &[u8], at: usize) -> Option<char> {
    let window = &bytes[at..bytes.len().min(at + 4)];
    let valid = match std::str::from_utf8(window) {
        Ok(text) => text,
        Err(err) => std::str::from_utf8(&window[..err.valid_up_to()]).unwrap_or_default(),
    };
    valid.chars().next()
}

/// `text` escaped by `escape` (one of this module's), for text the caller
/// owns: handed back unchanged (not copied) when nothing needs escaping, as
/// is usual.
pub fn escape_owned(text: String, escape: impl for<'t> Fn(&'t str) -> Cow<'t, str>) -> String {
    match escape(&text) {
        Cow::Owned(escaped) => escaped,
        Cow::Borrowed(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters escaped, every one of them listed by hand: C0 controls,
    /// DEL, C1 controls, bidi overrides and isolates; of those, JSON's escape
    /// takes all but the C0 controls (serde_json escapes those itself).
    #[test]
    fn exactly_the_controls_and_bidi_overrides_and_isolates_need_escape() {
        let listed = |c: char| {
            let c = u32::from(c);
            c < 0x20 || (0x7f..=0x9f).contains(&c) || (0x202a..=0x202e).contains(&c) || (0x2066..=0x2069).contains(&c)
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(needs_escape(c), listed(c), "U+{:04X}", u32::from(c));
            assert_eq!(raw_in_json(c), listed(c) && c >= '\x7f', "U+{:04X}", u32::from(c));
        }
    }

    /// Every byte at every place of a word, among neighbours of each kind
    /// (plain, a control, DEL, a byte above ASCII, a lead): `unplain_in`
    /// flags a word exactly when some byte is not printable ASCII or is a
    /// quote or backslash, and `json_escapes_in` marks exactly the bytes
    /// listed here by hand, in a block of sixteen.
    #[test]
    fn the_bytes_to_look_at_are_marked_exactly() {
        let unplain = |b: u8| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\';
        let marked = |b: u8| b < 0x20 || [b'"', b'\\', 0x7f, 0xc2, 0xe2].contains(&b);
        for neighbour in [b'a', b' ', 0x00, 0x1f, 0x7f, 0x80, 0xc2, 0xff] {
            for byte in 0..=u8::MAX {
                for place in 0..16 {
                    let mut bytes = [neighbour; 16];
                    bytes[place] = byte;
                    let expected = bytes.iter().enumerate().filter(|&(_, &b)| marked(b));
                    let expected = expected.fold(0, |mask, (at, _)| mask | 1 << at);
                    assert_eq!(json_escapes_in(&bytes), expected, "{bytes:x?}");
                    assert_eq!(json_escapes_in_bytes(&bytes), expected, "{bytes:x?}, a byte at a time");
                    let [word, _] = bytes.as_chunks::<8>().0 else {
                        unreachable!()
                    };
                    let word_unplain = word.iter().any(|&b| unplain(b));
                    assert_eq!(unplain_in(u64::from_le_bytes(*word)) != 0, word_unplain, "{bytes:x?}");
                }
            }
        }
    }

    /// `text` written to a `JsonEscaping` in pieces cut at `cuts`.
    fn escaped_in_pieces(text: &str, cuts: &[usize]) -> String {
        let mut out = JsonEscaping::new(Vec::new());
        let mut start = 0;
        for &cut in cuts.iter().chain([&text.len()]) {
            let cut = cut.clamp(start, text.len());
            io::Write::write_all(&mut out, &text.as_bytes()[start..cut]).unwrap();
            start = cut;
        }
        String::from_utf8(out.finish().unwrap()).unwrap()
    }

    #[test]
    fn json_written_in_pieces_is_escaped_even_where_a_character_is_cut() {
        let json = "\"a\u{9b}b\u{202e}c\u{7f}\u{e9}\u{2014}\"";
        let expected = "\"a\\u009bb\\u202ec\\u007f\u{e9}\u{2014}\"";
        for cut in 0..=json.len() {
            assert_eq!(escaped_in_pieces(json, &[cut]), expected, "cut at byte {cut}");
        }
        // Both bytes of a cut three-byte character arrive in pieces of one.
        let every_byte: Vec<usize> = (1..json.len()).collect();
        assert_eq!(escaped_in_pieces(json, &every_byte), expected);
    }

    proptest::proptest! {
        #[test]
        fn json_written_in_pieces_is_as_escape_json_writes_it(
            text in "[a\"\\\u{7f}\u{80}-\u{a0}\u{2028}-\u{2070}\u{e9}\u{c548}]{0,24}",
            cuts in proptest::collection::vec(0usize..80, 0..6),
        ) {
            let json = serde_json::to_string(&text).unwrap();
            let mut cuts = cuts;
            cuts.sort_unstable();
            proptest::prop_assert_eq!(escaped_in_pieces(&json, &cuts), escape_json(&json).into_owned());
        }
    }

    #[test]
    fn controls_and_bidi_overrides_are_escaped_visibly() {
        assert_eq!(
            escape("\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J"),
            r"\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J"
        );
        assert_eq!(escape("a\u{9b}31mb\u{9d}c"), r"a\u{9b}31mb\u{9d}c");
        assert_eq!(escape("x\u{7f}\u{80}\u{9f}\u{a0}"), "x\\u{7f}\\u{80}\\u{9f}\u{a0}");
        assert_eq!(
            escape("\u{202a}\u{202e}abc\u{2066}\u{2069}\u{2065}\u{206a}"),
            "\\u{202a}\\u{202e}abc\\u{2066}\\u{2069}\u{2065}\u{206a}"
        );
        assert_eq!(escape("two\nlines\ttab\r"), r"two\u{a}lines\u{9}tab\u{d}");
        assert_eq!(escape("\0"), r"\u{0}");
    }

    proptest::proptest! {
        #[test]
        fn escaping_writes_each_character_to_escape_as_rust_does(
            text in "[a-z \u{0}-\u{1f}\u{7f}-\u{a0}\u{2010}-\u{2030}\u{2060}-\u{2070}고’…]{0,24}"
        ) {
            let expected: String = text
                .chars()
                .map(|c| if needs_escape(c) { c.escape_unicode().to_string() } else { c.to_string() })
                .collect();
            proptest::prop_assert_eq!(escape(&text), expected);
        }
    }

    /// Whether the module's documentation lists the code point `n` as one
    /// to escape: an oracle that shares no code with the escaping.
    fn listed(n: u32) -> bool {
        n <= 0x1f || (0x7f..=0x9f).contains(&n) || (0x202a..=0x202e).contains(&n) || (0x2066..=0x2069).contains(&n)
    }

    /// The characters the module's documentation lists, by their code
    /// points, written as Rust writes them.
    fn escaped_by_the_documented_rule(text: &str) -> String {
        text.chars()
            .map(|c| match u32::from(c) {
                n if listed(n) => format!("\\u{{{n:x}}}"),
                _ => c.to_string(),
            })
            .collect()
    }

    /// `escape(text)` is the documented escaping, and borrowed (no copy)
    /// exactly when that changes nothing.
    fn escapes_as_documented(text: &str) -> Result<(), String> {
        let expected = escaped_by_the_documented_rule(text);
        let escaped = escape(text);
        if escaped != expected {
            return Err(format!("{text:?}: {escaped:?}, not {expected:?}"));
        }
        if matches!(escaped, Cow::Borrowed(_)) != (expected == text) {
            return Err(format!("{text:?}: {escaped:?} copied without need"));
        }
        Ok(())
    }

    #[test]
    fn every_character_is_escaped_as_documented_and_only_copied_when_escaped() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            escapes_as_documented(&format!("a{c}")).unwrap();
            escapes_as_documented(&format!("{c}\u{2019}z")).unwrap();
        }
    }

    #[test]
    fn the_check_tells_each_escaped_byte_pattern_from_its_near_misses() {
        let cases: [(&[u8], bool); 20] = [
            (b"\x01", true),                      // C0 control
            (b"\x1f", true),                      // C0 control
            (b"\x20", false),                     // space
            (b"\x7f", true),                      // DEL
            (b"\x7e", false),                     // ~
            (b"\xc2\x80", true),                  // C1 control
            (b"\xc2\x9f", true),                  // C1 control
            (b"\xc2\xa0", false),                 // no-break space
            (b"\xc3\x80", false),                 // À
            (b"\xe2\x80\xaa", true),              // bidi embedding
            (b"\xe2\x80\xae", true),              // bidi override
            (b"\xe2\x80\xa9", false),             // paragraph separator
            (b"\xe2\x80\xaf", false),             // narrow no-break space
            (b"\xe2\x81\xa6", true),              // bidi isolate
            (b"\xe2\x81\xa9", true),              // bidi isolate
            (b"\xe2\x81\xa5", false),             // unassigned
            (b"\xe2\x81\xaa", false),             // deprecated format character
            (b"\xe2\x80\x93\xe2\x80\x94", false), // en and em dashes
            ("“a” – b’".as_bytes(), false),
            ("‘고려’ „x“".as_bytes(), false),
        ];
        for (bytes, needs) in cases {
            let text = std::str::from_utf8(bytes).unwrap();
            // At each place of an eight-byte word, and in the padded last
            // few bytes or before them.
            for before in 0..=17 {
                let placed = format!("{}{text}{}", "a".repeat(before), "z".repeat(before % 3));
                assert_eq!(any_needs_escape(&placed), needs, "{placed:?}");
            }
        }
    }

    /// `json` with the characters the module lists that JSON allows raw in
    /// a string (DEL on: serde_json escapes the C0 controls) written as
    /// `\u` and four hex digits.
    fn json_escaped_by_the_documented_rule(json: &str) -> String {
        json.chars()
            .map(|c| match u32::from(c) {
                n if n >= 0x7f && listed(n) => format!("\\u{n:04x}"),
                _ => c.to_string(),
            })
            .collect()
    }

    /// DEL, a C1 control or a bidi override alone beyond printable ASCII
    /// and Korean (the characters tested below come with a curly quote,
    /// whose lead byte sends any text to the search), at each place: in a
    /// word of eight bytes, or in the bytes after the last word, looked at
    /// apart. Korean alone (bytes above ASCII, none of DEL's or the two
    /// lead bytes') is borrowed.
    #[test]
    fn a_lone_escaped_character_is_escaped_in_json_wherever_it_is() {
        for (c, escaped) in [('\u{7f}', "\\u007f"), ('\u{85}', "\\u0085"), ('\u{202e}', "\\u202e")] {
            for at in 0..20 {
                let (before, after) = ("a".repeat(at), "고".repeat(3 + at % 2));
                let json = format!("\"{before}{c}{after}\"");
                assert_eq!(
                    escape_json(&json),
                    format!("\"{before}{escaped}{after}\""),
                    "{c:?} at {at}"
                );
            }
        }
        for json in ["\"~ plain ASCII, no DEL ~\"", "\"고려링크 Koryolink\""] {
            assert!(matches!(escape_json(json), Cow::Borrowed(_)), "{json}");
        }
    }

    #[test]
    fn every_character_is_escaped_in_json_as_documented() {
        let every = || (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in every() {
            let json = serde_json::to_string(&format!("a{c}\u{2019}")).unwrap();
            let expected = json_escaped_by_the_documented_rule(&json);
            let escaped = escape_json(&json);
            assert_eq!(escaped, expected, "{c:?}");
            assert_eq!(matches!(escaped, Cow::Borrowed(_)), expected == json, "{c:?}");
        }
        // All of them in one text, written in pieces of seven bytes.
        let text: String = every().collect();
        let json = serde_json::to_string(&text).unwrap();
        let cuts: Vec<usize> = (7..json.len()).step_by(7).collect();
        let escaped = escaped_in_pieces(&json, &cuts);
        assert_eq!(escaped, json_escaped_by_the_documented_rule(&json));
        assert_eq!(serde_json::from_str::<String>(&escaped).unwrap(), text);
    }

    proptest::proptest! {
        #[test]
        fn text_near_the_escaped_characters_is_escaped_as_documented(
            text in "[a\u{0}-\u{1f}\u{7e}-\u{c0}\u{1fff}-\u{2030}\u{205f}-\u{2070}\u{20ac}\u{2190}고]{0,32}"
        ) {
            proptest::prop_assert_eq!(escapes_as_documented(&text), Ok(()));
        }
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "Koryolink 고려링크",
            "C:\\path",
            "“quoted” – ’",
            "\u{200b}\u{2800}",
            "ß\u{a0}é",
        ] {
            assert!(matches!(escape(text), Cow::Borrowed(t) if t == text), "{text:?}");
        }
    }

    #[test]
    fn line_breaks_can_be_kept_for_whole_messages() {
        assert_eq!(escape_keeping_lines("a\nb\u{1b}c\r\n"), "a\nb\\u{1b}c\\u{d}\n");
    }

    #[test]
    fn tabs_can_be_kept_with_line_breaks_for_pasting() {
        assert_eq!(
            escape_keeping_lines_and_tabs("a\tb\nc\r\n\u{1b}[31m\u{202e}\u{9b}\x07\u{b}"),
            "a\tb\nc\\u{d}\n\\u{1b}[31m\\u{202e}\\u{9b}\\u{7}\\u{b}"
        );
        assert_eq!(escape_keeping_lines("a\tb"), "a\\u{9}b");
    }

    #[test]
    fn line_ends_can_be_kept_for_formats_ending_lines_in_cr_lf() {
        assert_eq!(
            escape_keeping_line_ends("TY  - A\r\nTI  - b\rc\u{1b}\r\n"),
            "TY  - A\r\nTI  - b\\u{d}c\\u{1b}\r\n"
        );
        assert_eq!(escape_keeping_line_ends("a\nb\n"), "a\nb\n");
        assert_eq!(escape_keeping_line_ends("a\r"), "a\\u{d}");
    }

    #[test]
    fn quoted_values_are_cut_with_their_length() {
        assert_eq!(quoted("dprk"), "`dprk`");
        assert_eq!(quoted("\u{1b}[2J"), r"`\u{1b}[2J`");
        assert_eq!(quoted("dprk\u{200b} \u{2800}"), r"`dprk\u{200b} \u{2800}`");
        let long = "x".repeat(1_048_576);
        assert_eq!(quoted(&long), format!("`{}…` (1,048,576 characters)", "x".repeat(80)));
        let exactly = "y".repeat(QUOTED_LIMIT);
        assert_eq!(quoted(&exactly), format!("`{exactly}`"));
        let korean = "고려".repeat(50);
        assert_eq!(quoted(&korean), format!("`{}…` (100 characters)", "고려".repeat(40)));
    }

    #[test]
    fn cut_counts_characters_and_escapes_what_it_keeps() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("abcdef", 3), "abc… (6 characters)");
        assert_eq!(cut("\u{1b}\u{1b}\u{1b}\u{1b}", 2), r"\u{1b}\u{1b}… (4 characters)");
        assert_eq!(cut(&"z".repeat(1_234), 1), "z… (1,234 characters)");
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_c1_or_bidi_characters() {
        let value = "a\u{9b}2J\u{9d}b\u{7f}\u{202e}c\u{1b}d";
        let json = serde_json::to_string(&serde_json::json!({ "t": value })).unwrap();
        assert!(json.contains('\u{9b}'), "serde_json leaves C1 raw: {json}");
        let safe = escape_json(&json);
        assert_eq!(safe, r#"{"t":"a\u009b2J\u009db\u007f\u202ec\u001bd"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], value);
        assert!(matches!(escape_json(r#"{"a":"고려"}"#), Cow::Borrowed(_)));
        let pretty = serde_json::to_string_pretty(&serde_json::json!({ "t": value, "n": 1 })).unwrap();
        let safe = escape_json(&pretty);
        assert!(
            safe.contains('\n') && !safe.chars().any(|c| c != '\n' && needs_escape(c)),
            "{safe}"
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap()["t"], value);
    }
}
