//! Fitting a table into the terminal's width: the columns marked as able
//! to shrink (titles, names) give up columns, the widest first, down to a
//! floor; their cells are cut with `…`. Widths are display widths: a
//! Korean character takes two columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The narrowest a shrinking column gets (unless its header is wider).
pub const FLOOR: usize = 10;

/// Columns between cells.
pub const GAP: usize = 2;

/// The widths of columns whose widest cells are `natural`, shrunk so that
/// the row fits in `limit` columns where the `shrinkable` ones can give
/// enough; each keeps at least `floors[i]` (never more than its natural).
pub fn widths(natural: &[usize], floors: &[usize], shrinkable: &[bool], limit: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let gaps = GAP * natural.len().saturating_sub(1);
    let mut total: usize = widths.iter().sum::<usize>() + gaps;
    while total > limit {
        let widest = (0..widths.len())
            .filter(|&i| shrinkable[i] && widths[i] > floors[i].min(natural[i]))
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        let Some(i) = widest else { break };
        widths[i] -= 1;
        total -= 1;
    }
    widths
}

/// `text` in at most `width` columns: whole if it fits, else cut with `…`.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    if width > 0 {
        kept.push('…');
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_shrinkable_column_gives_way_first_down_to_its_floor() {
        // 5 + 2 + 40 + 2 + 30 = 79 columns, to fit in 60: 19 to give.
        let natural = [5, 40, 30];
        let floors = [5, 10, 10];
        assert_eq!(widths(&natural, &floors, &[false, true, true], 60), [5, 25, 26]);
        assert_eq!(widths(&natural, &floors, &[false, true, false], 60), [5, 21, 30]);
        // Not enough to give: each stops at its floor.
        assert_eq!(widths(&natural, &floors, &[false, true, true], 20), [5, 10, 10]);
        // Enough room: nothing changes.
        assert_eq!(widths(&natural, &floors, &[false, true, true], 200), natural);
        // A column narrower than its floor is never widened or shrunk.
        assert_eq!(widths(&[5, 4], &[5, 10], &[false, true], 3), [5, 4]);
    }

    #[test]
    fn cells_are_cut_by_display_width_with_an_ellipsis() {
        assert_eq!(cut("Optical cable length", 8), "Optical…");
        assert_eq!(cut("short", 8), "short");
        assert_eq!(cut("exactly8", 8), "exactly8");
        // Korean characters take two columns: three fit in 7 with the `…`.
        assert_eq!(cut("고려링크망", 7), "고려링…");
        assert_eq!(cut("고려링크망", 6), "고려…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abc", 1), "…");
    }
}
