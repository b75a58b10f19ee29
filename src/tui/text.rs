//! Text from a dataset as the dashboard shows it: escaped (a control or
//! bidi override reads `\u{1b}`, as everywhere nkict prints, see
//! `terminal_text`) and fitted to columns by display width (Korean takes
//! two columns a character), never by byte length. Cutting looks only at
//! the characters that fit, so a 2 MB title costs what its first screenful
//! does.

use std::borrow::Cow;

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::terminal_text::{self, fitting_end, needs_escape};

/// `text` with its controls and bidi overrides written out as `\u{1b}`.
/// ratatui drops them silently (an escape sequence would lose its escape
/// and show the rest); written out, a reader sees what the file holds.
pub fn shown(text: &str) -> Cow<'_, str> {
    terminal_text::escape(text)
}

/// `lines` with every span escaped as [`shown`] escapes text: for a
/// paragraph that mixes a dataset's text with the dashboard's own.
pub fn shown_lines<'a>(lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    lines
        .into_iter()
        .map(|mut line| {
            line.spans = line.spans.into_iter().map(shown_span).collect();
            line
        })
        .collect()
}

fn shown_span(mut span: Span<'_>) -> Span<'_> {
    if let Cow::Owned(escaped) = shown(&span.content) {
        span.content = Cow::Owned(escaped);
    }
    span
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
/// An escape is kept whole or not at all. The columns are those ratatui
/// and `fit` count, a whole string's (see `fitting_end`).
pub fn truncate(text: &str, width: usize) -> String {
    truncate_measured(text, width).0
}

/// As [`truncate`], for a figure (`about 170 nations`) or a title that
/// holds one: never cut inside a word holding a digit, which would show
/// another number (`about 17…`); the cut moves back before that word
/// (`about…`), as it does from right after it (see `figure_cut_end`).
pub fn truncate_figure(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let whole = shown(text);
    if cut == whole {
        return cut;
    }
    // The cut is a prefix of the text as shown (escapes kept whole).
    let Some(kept) = cut.strip_suffix('…').filter(|kept| whole.starts_with(kept)) else {
        return cut;
    };
    let end = crate::model::format::figure_cut_end(&whole, kept.len());
    format!("{}…", &whole[..end])
}

/// As [`truncate_figure`], for a title (`An estimated 30,000 lines`), save
/// that a title is never cut to nothing but its `…`: where the figure's cut
/// would keep nothing (its first word holds a digit: a long id, or escapes
/// such as `\u{1b}]0;`), the plain cut shows what it can.
pub fn truncate_title(text: &str, width: usize) -> String {
    let cut = truncate_figure(text, width);
    match cut.as_str() {
        "…" => truncate(text, width),
        _ => cut,
    }
}

/// [`truncate`]'s text and, where it was measured on the way, the columns
/// it takes: `fit` pads by them instead of measuring the text again (a cut
/// Korean title was measured twice per cell drawn). `None` only for text
/// cut again by `fitting_end`, whose cut is measured a prefix at a time.
fn truncate_measured(text: &str, width: usize) -> (String, Option<usize>) {
    let (mut out, cut) = cut_by_characters(text, width);
    // Escapes are ASCII, and the ASCII left is printable: a column each.
    if out.is_ascii() {
        let columns = out.len();
        return (out, Some(columns));
    }
    // Only other text can measure wider whole.
    let columns = UnicodeWidthStr::width(out.as_str());
    if columns <= width {
        return (out, Some(columns));
    }
    let body = out.len() - if cut { '…'.len_utf8() } else { 0 };
    let end = fitting_end(&out[..body], &escaped_ends(text, body), "…", width);
    out.truncate(end);
    if width > 0 {
        out.push('…');
    }
    (out, None)
}

/// `text`, escaped, cut to its last `width` columns, starting with `…`
/// when cut: for a line being typed, whose end (where the next key goes)
/// matters most. An escape is kept whole or not at all.
pub fn truncate_start(text: &str, width: usize) -> String {
    let escaped = shown(text);
    if escaped.width() <= width {
        return escaped.into_owned();
    }
    // Each character as shown (an escape whole), from the end, while they
    // fit after the `…` counted a character at a time.
    let mut kept: Vec<String> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let piece = match needs_escape(c) {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        };
        used += piece.width();
        if used > width {
            break;
        }
        kept.push(piece);
    }
    kept.reverse();
    // Measured whole, a tail can show wider (`❤\u{fe0f}`): drop from its
    // start until it fits. It never starts with what draws no column of
    // its own (a combining accent, a variation selector): that would join
    // the `…`.
    let mut start = 0;
    loop {
        while kept.get(start).is_some_and(|piece| piece.width() == 0) {
            start += 1;
        }
        let out: String = std::iter::once("…")
            .chain(kept[start..].iter().map(String::as_str))
            .collect();
        if out.width() <= width || start == kept.len() {
            return if width == 0 { String::new() } else { out };
        }
        start += 1;
    }
}

/// `prefix` then `path`, escaped, in at most `width` columns: where they do
/// not fit, the middle of the path's folder gives way to `…` first, for
/// the file name is what a reader looks for; where the name alone does not
/// fit, its start goes, so that its end (the format) stays.
pub fn fit_path(prefix: &str, path: &str, width: usize) -> String {
    let prefix = shown(prefix);
    let shown_path = shown(path);
    if prefix.width() + shown_path.width() <= width {
        return format!("{prefix}{shown_path}");
    }
    let name_at = path.rfind(std::path::is_separator).map_or(0, |i| i + 1);
    let (folder, name) = path.split_at(name_at);
    let name = shown(name);
    let room = width.saturating_sub(prefix.width() + name.width());
    let path = if folder.is_empty() || room == 0 {
        truncate_start(path, width.saturating_sub(prefix.width()))
    } else {
        format!("{}{name}", cut_middle(folder, room))
    };
    truncate(&format!("{prefix}{path}"), width)
}

/// `text`, escaped and too wide for `width` columns (at least 1), in them
/// with its middle given way to `…`, escapes kept whole: its start as
/// [`truncate`] keeps it and its end as [`truncate_start`] does, the start
/// getting the odd column.
fn cut_middle(text: &str, width: usize) -> String {
    let keep = width - 1;
    let head = truncate(text, keep - keep / 2 + 1);
    let tail = truncate_start(text, keep / 2 + 1);
    format!("{head}{}", tail.strip_prefix('…').unwrap_or(&tail))
}

/// `text`, escaped, cut to at most `width` columns counted a character at
/// a time, ending in `…` when cut; and whether it was cut.
fn cut_by_characters(text: &str, width: usize) -> (String, bool) {
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
            return (out, true);
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
    (out, false)
}

/// Where each of `text`'s characters ends once escaped, up to `limit`
/// bytes of the escaped text: the places it can be cut, escapes whole.
fn escaped_ends(text: &str, limit: usize) -> Vec<usize> {
    let mut end = 0;
    text.chars()
        .map(|c| {
            end += match needs_escape(c) {
                true => c.escape_unicode().len(),
                false => c.len_utf8(),
            };
            end
        })
        .take_while(|&end| end <= limit)
        .collect()
}

/// `text`, escaped, truncated or padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let (mut out, columns) = truncate_measured(text, width);
    let columns = columns.unwrap_or_else(|| UnicodeWidthStr::width(out.as_str()));
    let pad = width.saturating_sub(columns);
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// Entries of the given `widths` laid out in lines `width` columns wide,
/// two columns apart, none split. When they take more than `max_lines`
/// lines, the last entries give way to a note counting them (`more(n)`
/// columns wide for `n` left out). The lines, as positions in `widths`;
/// `None` is the note.
pub fn flow(
    widths: &[usize],
    width: usize,
    max_lines: usize,
    more: impl Fn(usize) -> usize,
) -> Vec<Vec<Option<usize>>> {
    let lay_out = |shown: usize| {
        let hidden = widths.len() - shown;
        let note = (hidden > 0).then_some((None, more(hidden)));
        let mut lines: Vec<Vec<Option<usize>>> = vec![Vec::new()];
        let mut used = 0;
        for (entry, w) in (0..shown).map(|i| (Some(i), widths[i])).chain(note) {
            if used > 0 && used + 2 + w > width {
                lines.push(Vec::new());
                used = 0;
            }
            used += if used > 0 { 2 + w } else { w };
            lines.last_mut().expect("there is always a line").push(entry);
        }
        lines
    };
    let mut shown = widths.len();
    let mut lines = lay_out(shown);
    while lines.len() > max_lines.max(1) && shown > 0 {
        shown -= 1;
        lines = lay_out(shown);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_never_cut_inside_its_number() {
        assert_eq!(truncate_figure("more than 100,000 subscribers", 16), "more than…");
        assert_eq!(truncate_figure("about 170 nations", 12), "about 170 n…");
        assert_eq!(truncate_figure("about 170 nations", 8), "about…");
        assert_eq!(truncate_figure("1,200,000", 5), "…");
        assert_eq!(truncate_figure("1,200,000", 9), "1,200,000");
        assert_eq!(truncate_figure("60%", 3), "60%");
        // A figure that fits is shown whole, even one ending in `…`.
        assert_eq!(truncate_figure("1,000…", 6), "1,000…");
        // Escapes count as shown, kept whole.
        assert_eq!(truncate_figure("12 \u{1b}x", 6), "12 …");
    }

    #[test]
    fn a_title_is_cut_before_its_number_but_never_to_nothing() {
        assert_eq!(truncate_title("An estimated 30,000 lines", 18), "An estimated…");
        // Its first word holds a digit: the plain cut, not a bare `…`.
        assert_eq!(truncate_title("\u{1b}]0;PWNED evil", 9), "\\u{1b}]0…");
        assert_eq!(truncate_title("abc", 3), "abc");
    }

    #[test]
    fn a_figure_cut_right_after_its_number_does_not_read_as_a_cut_number() {
        let figure = "about 3,000,000 lines";
        // 16 columns keep `about 3,000,000` and the `…`: glued, it would
        // read as a longer number, so the cut falls before it.
        assert_eq!(truncate_figure(figure, 16), "about…");
        // 17 keep the space: the number whole, the unit cut.
        assert_eq!(truncate_figure(figure, 17), "about 3,000,000 …");
        assert_eq!(truncate_figure(figure, 18), "about 3,000,000 l…");
    }

    #[test]
    fn a_path_too_long_loses_the_middle_of_its_folder_not_its_name() {
        let prefix = "✓ Exported 12 records to ";
        let path = "/tmp/r28-tui/nkict_1990-1999_with-undated_own-dates_mobile.json";
        // Fits whole at 90 (25 + 63 columns).
        assert_eq!(fit_path(prefix, path, 90), format!("{prefix}{path}"));
        // At 80: 25 + 50 for the name leave the folder 5: `/t`, `…`, `i/`.
        assert_eq!(
            fit_path(prefix, path, 80),
            "✓ Exported 12 records to /t…i/nkict_1990-1999_with-undated_own-dates_mobile.json"
        );
        // No room for the folder: the name keeps its end.
        assert_eq!(
            fit_path(prefix, path, 60),
            "✓ Exported 12 records to …with-undated_own-dates_mobile.json"
        );
        // A bare name too long loses its start too.
        assert_eq!(fit_path("to ", "abcdef.json", 10), "to …f.json");
    }

    #[test]
    fn a_path_is_escaped_before_it_is_fitted() {
        assert_eq!(fit_path("to ", "/a/b\u{1b}c.csv", 40), "to /a/b\\u{1b}c.csv");
        // Cut, the escape counts at its shown width: 3 + 13 leave 2.
        assert_eq!(fit_path("to ", "/abc/\u{202e}x.csv", 18), "to /…\\u{202e}x.csv");
        // An escape in the folder is kept whole or left out, never split.
        assert_eq!(fit_path("to ", "/\u{202e}bcdefgh/x.csv", 15), "to /…gh/x.csv");
    }

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
    fn a_line_being_typed_keeps_its_end() {
        assert_eq!(truncate_start("optical cable", 20), "optical cable");
        assert_eq!(truncate_start("optical cable", 7), "… cable");
        // Korean takes two columns a character: 5 columns keep two and `…`.
        assert_eq!(truncate_start("고려링크", 5), "…링크");
        assert_eq!(truncate_start("고려링크", 4), "…크");
        // `\u{1b}` (six columns) is kept whole or not at all.
        assert_eq!(truncate_start("ab\u{1b}c", 8), r"…\u{1b}c");
        assert_eq!(truncate_start("ab\u{1b}c", 7), "…c");
        // Whole, `❤\u{fe0f}` shows in two columns, not one; and a tail
        // never starts with its selector alone, nor with an accent.
        assert_eq!(truncate_start("ab❤\u{fe0f}", 3), "…❤\u{fe0f}");
        assert_eq!(truncate_start("ab❤\u{fe0f}", 2), "…");
        assert_eq!(truncate_start("abe\u{301}", 2), "…e\u{301}");
        assert_eq!(truncate_start("abe\u{301}", 1), "…");
        assert_eq!(truncate_start("abc", 0), "");
    }

    proptest::proptest! {
        /// A cut tail fits its columns and is the end of the escaped text.
        #[test]
        fn a_cut_tail_fits_and_is_the_texts_end(
            text in "([a \u{1b}\u{301}고😀\u{fe0f}❤]|❤\u{fe0f}){0,16}",
            width in 0..20usize,
        ) {
            let tail = truncate_start(&text, width);
            proptest::prop_assert!(tail.width() <= width, "{:?} in {}", tail, width);
            let escaped = shown(&text);
            proptest::prop_assert!(escaped.ends_with(tail.trim_start_matches('…')), "{:?}", tail);
        }
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
    fn an_emoji_shown_as_a_picture_is_cut_by_the_columns_it_shows_in() {
        // `❤` takes a column, with U+FE0F (show it as a picture) two, as
        // ratatui draws it: counted a character at a time, three of them
        // fitted in 4 columns and showed in 6.
        let hearts = "❤\u{fe0f}".repeat(40);
        assert_eq!(truncate(&hearts, 4), "❤\u{fe0f}❤…");
        assert_eq!(fit(&hearts, 4), "❤\u{fe0f}❤…");
        assert_eq!(fit(&hearts, 5), "❤\u{fe0f}❤\u{fe0f}…");
        // Whole, it would fit one at a time, not as two columns.
        assert_eq!(fit("❤\u{fe0f}", 1), "…");
        assert_eq!(fit("❤\u{fe0f}", 2), "❤\u{fe0f}");
        // An escape is still kept whole or not at all.
        assert_eq!(truncate("❤\u{fe0f}\u{1b}❤\u{fe0f}", 9), "❤\u{fe0f}\\u{1b}…");
        assert_eq!(truncate("❤\u{fe0f}\u{1b}❤\u{fe0f}", 8), "❤\u{fe0f}…");
    }

    proptest::proptest! {
        /// Fitted text takes exactly its columns, as ratatui measures it.
        #[test]
        fn fitted_text_takes_its_columns_exactly(
            // The pairs that show wider whole also as one element each: drawn a
            // character at a time they rarely meet.
            text in "([a \u{1b}\u{301}고😀\u{fe0f}❤“\u{fe01}]|❤\u{fe0f}|“\u{fe01}|👨\u{200d}👩\u{200d}👧){0,16}",
            width in 0..20usize,
        ) {
            proptest::prop_assert_eq!(fit(&text, width).width(), width);
        }

        /// Fitted text is the truncated text and spaces to its width, the
        /// spaces counted from the truncated text measured whole (as `fit`
        /// did before it kept the width `truncate` measured).
        #[test]
        fn fitted_text_is_the_truncated_text_padded(
            text in "([a \u{1b}\u{7f}\u{301}고😀\u{fe0f}❤“\u{fe01}\u{200b}]|❤\u{fe0f}|👨\u{200d}👩\u{200d}👧){0,16}",
            width in 0..20usize,
        ) {
            let cut = truncate(&text, width);
            let pad = width.saturating_sub(UnicodeWidthStr::width(cut.as_str()));
            proptest::prop_assert_eq!(fit(&text, width), format!("{cut}{}", " ".repeat(pad)));
        }
    }

    proptest::proptest! {
        /// Cut text fits its columns and ends in `…`, and shows the start
        /// of the escaped text; text that fits is shown whole.
        #[test]
        fn cut_text_fits_and_ends_in_an_ellipsis(
            text in "([a \u{1b}\u{301}고😀\u{fe0f}❤“\u{fe01}]|❤\u{fe0f}|👨\u{200d}👩\u{200d}👧){0,16}",
            width in 0..20usize,
        ) {
            let cut = truncate(&text, width);
            let escaped = shown(&text);
            proptest::prop_assert!(cut.width() <= width, "{:?} in {}", cut, width);
            if escaped.width() <= width && cut == escaped {
                return Ok(());
            }
            if width > 0 {
                let start = cut.strip_suffix('…');
                proptest::prop_assert!(start.is_some_and(|s| escaped.starts_with(s)), "{:?} of {:?}", cut, escaped);
            } else {
                proptest::prop_assert_eq!(cut, "");
            }
        }
    }

    #[test]
    fn paragraphs_are_escaped_span_by_span_keeping_styles() {
        let style = ratatui::style::Style::new().bold();
        let lines = vec![Line::from(vec![
            Span::raw("About "),
            Span::styled("x\u{1b}[2J\u{202e}", style),
        ])];
        let shown = shown_lines(lines);
        assert_eq!(shown[0].spans[1].content, r"x\u{1b}[2J\u{202e}");
        assert_eq!(shown[0].spans[1].style, style);
        assert_eq!(shown[0].spans[0].content, "About ");
    }

    #[test]
    fn cutting_stops_where_the_columns_end() {
        let long = "x".repeat(2 << 20);
        assert_eq!(truncate(&long, 5), "xxxx…");
        assert_eq!(screenful(&long, 6), "xxxxxx… (2,097,152 characters)");
        assert_eq!(screenful("short\u{1b}", 100), r"short\u{1b}");
        assert_eq!(screenful("고려링크", 3), "고려링… (4 characters)");
    }

    #[test]
    fn entries_flow_into_lines_and_those_that_do_not_fit_are_counted() {
        // 3 + 2 + 4 = 9 columns fit in 10; the 5-wide entry starts a line.
        assert_eq!(flow(&[3, 4, 5], 10, 5, |_| 6), [vec![Some(0), Some(1)], vec![Some(2)]]);
        // One line of 11: the 5 gives way to the note, and the 4 too, as
        // 3 + 2 + 4 + 2 + 6 is more than 11; 3 + 2 + 6 fits.
        assert_eq!(flow(&[3, 4, 5], 11, 1, |_| 6), [vec![Some(0), None]]);
        // One line of 10: not even that; the note alone.
        assert_eq!(flow(&[3, 4, 5], 10, 1, |_| 6), [vec![None]]);
        assert_eq!(flow(&[], 10, 1, |_| 6), [Vec::<Option<usize>>::new()]);
    }
}
