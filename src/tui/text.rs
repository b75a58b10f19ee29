//! Text from a dataset as the dashboard shows it: escaped (a control or
//! bidi override reads `\u{1b}`, as everywhere nkict prints, see
//! `terminal_text`) and fitted to columns by display width (Korean takes
//! two columns a character), never by byte length. Cutting looks only at
//! the characters that fit, so a 2 MB title costs what its first screenful
//! does.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::terminal_text::{self, needs_escape};

/// `text` with its controls and bidi overrides written out as `\u{1b}`.
/// ratatui drops them silently (an escape sequence would lose its escape
/// and show the rest); written out, a reader sees what the file holds.
pub fn shown(text: &str) -> Cow<'_, str> {
    terminal_text::escape(text)
}

/// `text`, escaped, and cut after `cells` characters with its length
/// (`… (2,097,152 characters)`): a screen of `cells` cells never shows more
/// of it at once. For text that wraps, before it is laid out.
pub fn screenful(text: &str, cells: usize) -> Cow<'_, str> {
    // Never fewer characters than bytes: most text takes the short way.
    if text.len() <= cells {
        return shown(text);
    }
    Cow::Owned(terminal_text::cut(text, cells))
}

/// `text`, escaped, cut to at most `width` columns, ending in `…` when cut.
/// An escape is kept whole or not at all.
pub fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    // Where `out` ends with a column left for the `…`, were it cut later.
    let mut room_for_ellipsis = 0;
    for c in text.chars() {
        let escape = needs_escape(c);
        let columns = if escape {
            c.escape_unicode().len()
        } else {
            c.width().unwrap_or(0)
        };
        if used + columns > width {
            out.truncate(room_for_ellipsis);
            if width > 0 {
                out.push('…');
            }
            return out;
        }
        if escape {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
        used += columns;
        if used < width {
            room_for_ellipsis = out.len();
        }
    }
    out
}

/// `text`, escaped, truncated or padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(out.as_str()));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn measures_korean_as_two_columns() {
        assert_eq!(fit("고려링크", 10), "고려링크  ");
        assert_eq!(truncate("고려링크 network", 6), "고려…");
        assert_eq!(fit("고려링크", 5).width(), 5);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcd", 4), "abcd");
    }

    #[test]
    fn controls_and_bidi_overrides_show_escaped_and_count_as_columns() {
        assert_eq!(shown("a\u{1b}[2Jb\u{202e}"), r"a\u{1b}[2Jb\u{202e}");
        assert_eq!(truncate("\u{1b}[2J", 20), r"\u{1b}[2J");
        // `\u{1b}` takes six columns: kept whole or not at all.
        assert_eq!(truncate("ab\u{1b}cd", 9), "ab\\u{1b}…");
        assert_eq!(truncate("ab\u{1b}cd", 8), "ab…");
        assert_eq!(truncate("ab\u{1b}c", 9), "ab\\u{1b}c");
        assert_eq!(fit("\u{9b}", 8), r"\u{9b}  ");
        assert_eq!(fit("x\u{7}y", 12).width(), 12);
    }

    #[test]
    fn cutting_stops_where_the_columns_end() {
        let long = "x".repeat(2 << 20);
        assert_eq!(truncate(&long, 5), "xxxx…");
        assert_eq!(screenful(&long, 6), "xxxxxx… (2,097,152 characters)");
        assert_eq!(screenful("short\u{1b}", 100), r"short\u{1b}");
        assert_eq!(screenful("고려링크", 3), "고려링… (4 characters)");
    }
}
