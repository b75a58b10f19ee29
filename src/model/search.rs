//! Case-insensitive text matching that does not allocate for ASCII text, so a
//! search over a million records stays quick.

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

    pub fn is_in(&self, haystack: &str) -> bool {
        if haystack.is_ascii() && self.folded.is_ascii() {
            contains_ascii_ci(haystack.as_bytes(), self.folded.as_bytes())
        } else {
            fold(haystack).contains(&self.folded)
        }
    }
}

/// Lower case, with typographic apostrophes as plain ones (Ch’aek = Ch'aek).
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if matches!(c, '’' | '‘' | '`') { '\'' } else { c })
        .collect()
}

/// `needle` must already be lower case.
fn contains_ascii_ci(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(h, n)| h.to_ascii_lowercase() == *n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_ignoring_case_and_apostrophe_style() {
        let needle = Needle::new("kim ch'aek").unwrap();
        assert!(needle.is_in("Kim Ch’aek University of Technology"));
        assert!(needle.is_in("KIM CH'AEK"));
        assert!(!needle.is_in("Kim Chaek"));
    }

    #[test]
    fn matches_korean_and_ignores_blank_needles() {
        assert!(Needle::new("고려링크").unwrap().is_in("Koryolink (고려링크)"));
        assert!(Needle::new("  ").is_none());
        assert!(!Needle::new("orascom").unwrap().is_in("Koryolink"));
    }
}
