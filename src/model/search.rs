//! Case-insensitive text matching. Both sides are folded the same way (lower
//! case, typographic apostrophes as plain ones); the model folds every
//! record's text once, so a search over a million records is a plain
//! substring scan.

/// Text to look for, folded once.
#[derive(Debug, Clone)]
pub struct Needle {
    folded: String,
}

impl Needle {
    /// `None` for blank text: nothing to search for.
    pub fn new(text: &str) -> Option<Self> {
        let text = text.trim();
        (!text.is_empty()).then(|| Self { folded: fold(text) })
    }

    /// The text as it is compared: folded by [`fold`].
    pub fn folded(&self) -> &str {
        &self.folded
    }

    pub fn is_in(&self, haystack: &str) -> bool {
        if haystack.is_ascii() && self.folded.is_ascii() {
            contains_ascii_ci(haystack.as_bytes(), self.folded.as_bytes())
        } else {
            fold(haystack).contains(&self.folded)
        }
    }
}

/// Lower case, with typographic apostrophes as plain ones (Ch’aek = Ch'aek).
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// Appends `text`, folded, to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        // A run of plain ASCII: copied, then lower-cased in place, at once
        // (a char at a time took a quarter of a search of Korean text).
        let plain = rest
            .bytes()
            .position(|b| !b.is_ascii() || b == b'`')
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..plain]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[plain..].chars();
        if let Some(c) = chars.next() {
            out.extend(
                c.to_lowercase()
                    .map(|c| if matches!(c, '’' | '‘' | '`') { '\'' } else { c }),
            );
        }
        rest = chars.as_str();
    }
}

/// `needle` must already be folded.
fn contains_ascii_ci(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack.windows(needle.len()).any(|w| {
            w.iter().zip(needle).all(|(h, n)| match h {
                b'`' => *n == b'\'',
                h => h.to_ascii_lowercase() == *n,
            })
        })
}

/// Every record's searchable text, folded, with a signature per record to
/// skip most of them without reading their text. Records are kept in chunks
/// of consecutive ones, built in parallel, each chunk's text end to end in
/// one string so that a search reads memory in order.
#[derive(Debug)]
pub(crate) struct TextIndex {
    chunks: Vec<Chunk>,
}

/// Records per chunk of the index.
const CHUNK: usize = 1 << 16;

#[derive(Debug, Default)]
struct Chunk {
    text: String,
    /// Record `p` of the chunk has `text[ends[p - 1]..ends[p]]`.
    ends: Vec<usize>,
    signatures: Vec<Signature>,
}

/// Separates fields, so that no match runs from one into the next.
const FIELD_END: char = '\0';

/// Which pairs of adjacent bytes occur in a text, hashed into 512 bits. A
/// text can only contain a needle whose pairs it all has: comparing
/// signatures rules out most records for a needle of four or more bytes.
type Signature = [u64; 8];

fn signature(text: &[u8]) -> Signature {
    let mut bits = [0u64; 8];
    for pair in text.windows(2) {
        let hash = (u32::from(pair[0]) << 8 | u32::from(pair[1])).wrapping_mul(0x9E37_79B1) >> 23;
        bits[(hash >> 6) as usize] |= 1 << (hash & 63);
    }
    bits
}

/// A folded search text and its signature.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    text: String,
    signature: Signature,
}

impl Pattern {
    /// `text` must be folded.
    pub(crate) fn new(text: &str) -> Self {
        let text = text.replace(FIELD_END, "");
        Self {
            signature: signature(text.as_bytes()),
            text,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Whether a record's text, folded by `fold_fields`, holds the pattern.
    pub(crate) fn is_in(&self, folded: &str) -> bool {
        folded.contains(self.text.as_str())
    }
}

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
    /// Indexes `count` records, record `p` being made of the texts
    /// `fields(p)`; large indexes are built on every core.
    pub(crate) fn build<'a, F, I>(count: usize, fields: F) -> Self
    where
        F: Fn(usize) -> I + Sync,
        I: IntoIterator<Item = &'a str>,
    {
        let chunk = |c: usize| {
            let records = c * CHUNK..count.min((c + 1) * CHUNK);
            let bytes = records.clone().flat_map(&fields).map(|f| f.len() + 1).sum();
            let mut chunk = Chunk {
                text: String::with_capacity(bytes),
                ends: Vec::with_capacity(records.len()),
                signatures: Vec::with_capacity(records.len()),
            };
            for p in records {
                chunk.push(fields(p));
            }
            chunk
        };
        let chunks = count.div_ceil(CHUNK);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get().min(8))
            .min(chunks);
        if threads <= 1 {
            return Self {
                chunks: (0..chunks).map(chunk).collect(),
            };
        }
        let per_thread = chunks.div_ceil(threads);
        let chunks = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..chunks)
                .step_by(per_thread)
                .map(|first| {
                    let chunk = &chunk;
                    scope.spawn(move || (first..chunks.min(first + per_thread)).map(chunk).collect::<Vec<_>>())
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| worker.join().expect("an index thread panicked"))
                .collect()
        });
        Self { chunks }
    }

    /// Whether record `p` contains any of `patterns`.
    pub(crate) fn contains_any(&self, p: usize, patterns: &[Pattern]) -> bool {
        self.chunks[p / CHUNK].contains_any(p % CHUNK, patterns)
    }
}

impl Chunk {
    /// Adds the next record, made of `fields`.
    fn push<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        let start = self.text.len();
        fold_fields(fields, &mut self.text);
        self.signatures.push(signature(&self.text.as_bytes()[start..]));
        self.ends.push(self.text.len());
    }

    fn contains_any(&self, p: usize, patterns: &[Pattern]) -> bool {
        let has = &self.signatures[p];
        patterns.iter().any(|pattern| {
            has.iter()
                .zip(&pattern.signature)
                .all(|(has, needs)| has & needs == *needs)
                && {
                    let start = if p == 0 { 0 } else { self.ends[p - 1] };
                    self.text[start..self.ends[p]].contains(pattern.text.as_str())
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_ignoring_case_and_apostrophe_style() {
        let needle = Needle::new("kim ch'aek").unwrap();
        assert!(needle.is_in("Kim Ch’aek University of Technology"));
        assert!(needle.is_in("KIM CH'AEK"));
        assert!(needle.is_in("Kim Ch`aek"));
        assert!(!needle.is_in("Kim Chaek"));
        assert!(Needle::new("ch`aek").unwrap().is_in("Ch’aek"));
    }

    #[test]
    fn matches_korean_and_ignores_blank_needles() {
        assert!(Needle::new("고려링크").unwrap().is_in("Koryolink (고려링크)"));
        assert!(Needle::new("  ").is_none());
        assert!(!Needle::new("orascom").unwrap().is_in("Koryolink"));
    }

    #[test]
    fn the_index_finds_what_contains_finds() {
        let records = [
            vec!["Koryolink", "The 3G network (고려링크) opened."],
            vec!["Fiber-optic cable", "Laid to Sinuiju."],
            vec!["", "x"],
            vec!["Kim Ch`aek University"],
        ];
        let index = TextIndex::build(records.len(), |p| records[p].iter().copied());
        for needle in [
            "koryolink",
            "고려링크",
            "3g",
            "fiber-optic",
            "sinuiju",
            "x",
            "ch'aek",
            "cable laid",
            "z",
        ] {
            let pattern = Pattern::new(&fold(needle));
            for (p, fields) in records.iter().enumerate() {
                let expected = fields.iter().any(|f| fold(f).contains(pattern.text()));
                assert_eq!(
                    index.contains_any(p, std::slice::from_ref(&pattern)),
                    expected,
                    "{needle} in {p}"
                );
            }
        }
    }

    #[test]
    fn records_are_found_across_chunks() {
        let texts: Vec<String> = (0..CHUNK * 2 + 5).map(|p| format!("Record {p}")).collect();
        let index = TextIndex::build(texts.len(), |p| [texts[p].as_str()]);
        for p in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, texts.len() - 1] {
            let exact = Pattern::new(&format!("record {p}\0"));
            assert!(index.contains_any(p, &[Pattern::new(&format!("record {p}"))]), "{p}");
            assert!(
                !index.contains_any(p, &[Pattern::new(&format!("record {}", p + 1))]),
                "{p}"
            );
            assert_eq!(
                exact.text(),
                format!("record {p}"),
                "the separator is never searched for"
            );
        }
    }

    #[test]
    fn folding_ascii_and_unicode_agree() {
        for text in ["Kim Ch`aek", "PYONGYANG", "Ch’aek ÉCOLE", "Koryolink 고려링크"] {
            let slow: String = text
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if matches!(c, '’' | '‘' | '`') { '\'' } else { c })
                .collect();
            assert_eq!(fold(text), slow);
        }
    }
}
