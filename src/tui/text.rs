//! Text fitted to columns by display width (Korean takes two columns a
//! character), never by byte length.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to at most `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` truncated or padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let pad = width.saturating_sub(out.width());
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
    fn measures_korean_as_two_columns() {
        assert_eq!(fit("고려링크", 10), "고려링크  ");
        assert_eq!(truncate("고려링크 network", 6), "고려…");
        assert_eq!(fit("고려링크", 5).width(), 5);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abcdef", 4), "abc…");
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
