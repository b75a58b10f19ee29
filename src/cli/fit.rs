//! Fitting a table into the terminal's width: the columns marked as able
//! to shrink give up columns in turns (names and titles first, then ids
//! and categories, figures and sources last), the widest first, down to a
//! floor; their cells are cut with `…`, a figure never inside a number.
//! Widths are display widths: a Korean character takes two columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::terminal_text::fitting_end;

/// The narrowest a column that gives early gets before later ones give.
pub const ROOMY: usize = 20;

/// The narrowest a shrinking column gets while another can still give way.
pub const FLOOR: usize = 10;

/// Columns between cells.
pub const GAP: usize = 2;

/// How readily a column gives way when a table is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Give {
    /// Never cut (dates, counts).
    Never,
    /// Cut first (titles, names: the row's other cells say what it is).
    First,
    /// Cut when the first are cut short (ids, categories).
    Then,
    /// Cut last (figures and their sources: what a reader came for): only
    /// their few widest cells before the others go below `ROOMY`, and
    /// below `FLOOR` only when no other column can give.
    Last,
}

/// The widths of columns whose widest cells are `natural`, shrunk so that
/// a row fits in `limit` columns where the columns that can `give` allow,
/// in steps until it fits: those that give first down to `ROOMY`, then
/// those that give next down to `ROOMY`, then the last ones down to the
/// width that holds nine in ten of their cells (`most`: a long figure
/// alone, cut before its number, rather than every title cut to ten
/// columns beside a column of short figures and blanks), the first ones
/// down to `FLOOR`, the next ones down to `FLOOR`, the last ones down to
/// `FLOOR`, then in the same turns down to their header's width
/// (`headers`): the last ones (figures) are cut below `FLOOR` only when
/// nothing else can give. Within a step the widest gives way first. None
/// is ever widened.
pub fn widths(natural: &[usize], most: &[usize], headers: &[usize], give: &[Give], limit: usize) -> Vec<usize> {
    let steps = [
        (Some(Give::First), Floor::Columns(ROOMY)),
        (Some(Give::Then), Floor::Columns(ROOMY)),
        (Some(Give::Last), Floor::Most),
        (Some(Give::First), Floor::Columns(FLOOR)),
        (Some(Give::Then), Floor::Columns(FLOOR)),
        (Some(Give::Last), Floor::Columns(FLOOR)),
        (Some(Give::First), Floor::Columns(0)),
        (Some(Give::Then), Floor::Columns(0)),
        (None, Floor::Columns(0)),
    ];
    let mut widths = natural.to_vec();
    for (who, floor) in steps {
        if total(&widths) <= limit {
            break;
        }
        let shrinkable: Vec<bool> = give
            .iter()
            .map(|&g| g != Give::Never && who.is_none_or(|who| g == who))
            .collect();
        let floors: Vec<usize> = (headers.iter().zip(most))
            .map(|(&header, &most)| {
                header.max(match floor {
                    Floor::Columns(columns) => columns,
                    Floor::Most => most,
                })
            })
            .collect();
        widths = shrink(&widths, &floors, &shrinkable, limit);
    }
    widths
}

/// How far a step of `widths` lets a column give.
#[derive(Clone, Copy)]
enum Floor {
    /// Down to this many columns.
    Columns(usize),
    /// Down to the width holding most of its cells.
    Most,
}

/// The width that holds nine in ten of the cells that are not empty,
/// given how many cells are of each width (`by_width[w]`, from 0).
pub fn most_of(by_width: &[usize]) -> usize {
    let cells: usize = by_width.iter().skip(1).sum();
    let wanted = (cells * 9).div_ceil(10);
    let mut held = 0;
    for (width, &count) in by_width.iter().enumerate().skip(1) {
        held += count;
        if held >= wanted {
            return width;
        }
    }
    0
}

/// How many columns a row of cells this wide takes.
fn total(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

/// `widths` with the widest shrinkable column above its floor giving up one
/// column at a time until the row fits or none can give more.
fn shrink(widths: &[usize], floors: &[usize], shrinkable: &[bool], limit: usize) -> Vec<usize> {
    let mut widths = widths.to_vec();
    let mut total = total(&widths);
    while total > limit {
        let widest = (0..widths.len())
            .filter(|&i| shrinkable[i] && widths[i] > floors[i])
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        let Some(i) = widest else { break };
        widths[i] -= 1;
        total -= 1;
    }
    widths
}

/// How many columns `text` takes: a byte each for ASCII (the usual cell,
/// measured without looking each character up), else by Unicode's widths.
/// For text without controls, which tables escape.
pub fn width(text: &str) -> usize {
    match text.is_ascii() {
        true => text.len(),
        false => text.width(),
    }
}

/// Appends to `line` `text`, which is wider than `width` columns, cut to
/// fit in them with `…`; returns how wide it shows, as `width` measures it.
/// Into the line being written, without a string of its own for each cell
/// cut (a table fitted to a width cuts most titles).
pub fn push_cut(line: &mut String, text: &str, width: usize) -> usize {
    if width == 0 {
        return 0;
    }
    let mut used = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        end = at + c.len_utf8();
    }
    let kept = &text[..end];
    // A column a byte, and one for the `…`, when the rest is ASCII.
    if kept.is_ascii() {
        line.push_str(kept);
        line.push('…');
        return kept.len() + 1;
    }
    let start = line.len();
    line.push_str(kept);
    line.push('…');
    let shown = self::width(&line[start..]);
    if shown <= width {
        return shown;
    }
    // Measured whole, the characters counted one by one show wider
    // (`❤\u{fe0f}` takes two columns, not one): cut again by that measure.
    line.truncate(start);
    let ends: Vec<usize> = kept.char_indices().map(|(at, c)| at + c.len_utf8()).collect();
    line.push_str(&kept[..fitting_end(kept, &ends, "…", width)]);
    line.push('…');
    self::width(&line[start..])
}

/// As `push_cut`, for a figure (`about 170 nations`, `1,000–1,500
/// people`): never cut inside a word holding a digit, which would show
/// another number (`about 17…`); the cut moves back before that word
/// (`about…`), and the unit's words after a whole number may be cut
/// (`about 170 nat…`). A cut right after the number keeps the space
/// before the `…` (`about 170 …`), or falls before the number where there
/// is no room for it: `about 170…` would read as a cut number.
pub fn push_cut_figure(line: &mut String, text: &str, width: usize) -> usize {
    let start = line.len();
    if push_cut(line, text, width) == 0 {
        return 0;
    }
    let kept = line.len() - start - '…'.len_utf8();
    let end = crate::model::format::figure_cut_end(text, kept);
    line.truncate(start);
    line.push_str(&text[..end]);
    line.push('…');
    self::width(&line[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_shrinkable_column_gives_way_first_down_to_its_floor() {
        use Give::{First, Never};
        // 5 + 2 + 40 + 2 + 30 = 79 columns, to fit in 60: 19 to give.
        let natural = [5, 40, 30];
        let headers = [4, 5, 7];
        assert_eq!(
            widths(&natural, &natural, &headers, &[Never, First, First], 60),
            [5, 25, 26]
        );
        assert_eq!(
            widths(&natural, &natural, &headers, &[Never, First, Never], 60),
            [5, 21, 30]
        );
        // Ten columns each is not enough for 26: then down to the headers.
        assert_eq!(
            widths(&natural, &natural, &headers, &[Never, First, First], 26),
            [5, 8, 9]
        );
        assert_eq!(
            widths(&natural, &natural, &headers, &[Never, First, First], 20),
            [5, 5, 7]
        );
        // Enough room: nothing changes.
        assert_eq!(
            widths(&natural, &natural, &headers, &[Never, First, First], 200),
            natural
        );
        // A column narrower than its floor is never widened.
        assert_eq!(widths(&[5, 4], &[5, 4], &[5, 2], &[Never, First], 3), [5, 2]);
    }

    #[test]
    fn figures_give_only_when_names_and_ids_can_give_no_more() {
        use Give::{First, Last, Never, Then};
        // An id, a count, a name, a figure: 30 + 3 + 40 + 25 and three gaps
        // of 2 make 104 columns. In turn the name can give 20 (to ROOMY),
        // the id 10 (to ROOMY), the name 10 more and the id 10 more (to
        // FLOOR), the figure 15 (to FLOOR), then 18 down to the headers.
        let natural = [30, 3, 40, 25];
        let headers = [2, 3, 4, 6];
        let give = [Then, Never, First, Last];
        // 14 to give: the name alone, 40 to 26.
        assert_eq!(widths(&natural, &natural, &headers, &give, 90), [30, 3, 26, 25]);
        // 24: the name 20 (to 20), the id 4 (to 26).
        assert_eq!(widths(&natural, &natural, &headers, &give, 80), [26, 3, 20, 25]);
        // 34: name and id to 20 (30), the name 4 more (to 16).
        assert_eq!(widths(&natural, &natural, &headers, &give, 70), [20, 3, 16, 25]);
        // 44: the name to 10 (40 given), the id 4 more (to 16).
        assert_eq!(widths(&natural, &natural, &headers, &give, 60), [16, 3, 10, 25]);
        // 54: name and id at 10 (50 given); only now the figure, 4 (to 21).
        assert_eq!(widths(&natural, &natural, &headers, &give, 50), [10, 3, 10, 21]);
        // 74: all three at 10 (65 given), then 9 more: the name 6 (to its
        // header's 4), the id 3 (to 7); the figure keeps its 10.
        assert_eq!(widths(&natural, &natural, &headers, &give, 30), [7, 3, 4, 10]);
        // 80: the id too down to its header's 2, then the figure 4 (to 6).
        assert_eq!(widths(&natural, &natural, &headers, &give, 24), [2, 3, 4, 9]);
        // 84 is more than the 83 they can give: all at their headers.
        assert_eq!(widths(&natural, &natural, &headers, &give, 20), [2, 3, 4, 6]);
    }

    #[test]
    fn a_figure_column_gives_its_few_widest_cells_before_names_go_below_roomy() {
        use Give::{First, Last, Never, Then};
        // As above, but nine in ten of the figures fit in 15 columns.
        let natural = [30, 3, 40, 25];
        let most = [30, 3, 40, 15];
        let headers = [2, 3, 4, 6];
        let give = [Then, Never, First, Last];
        // 34 to give: name and id to 20 (30), then the figure 4, before the
        // name goes below 20.
        assert_eq!(widths(&natural, &most, &headers, &give, 70), [20, 3, 20, 21]);
        // 44: the figure down to 15 (40 given), then the name 4 (to 16).
        assert_eq!(widths(&natural, &most, &headers, &give, 60), [20, 3, 16, 15]);
        // 54: the name to 10 (50 given), the id 4 (to 16).
        assert_eq!(widths(&natural, &most, &headers, &give, 50), [16, 3, 10, 15]);
    }

    #[test]
    fn most_cells_are_nine_in_ten_of_those_not_empty() {
        // Seven empty cells, nine of 2 columns, one of 5: 2.
        assert_eq!(most_of(&[7, 0, 9, 0, 0, 1]), 2);
        // Eight of 2, two of 5: the ninth is 5 wide.
        assert_eq!(most_of(&[0, 0, 8, 0, 0, 2]), 5);
        // Nine in ten of 25 is 23 (rounded up): 22 of 1 are not enough.
        assert_eq!(most_of(&[0, 22, 0, 3]), 3);
        assert_eq!(most_of(&[0, 23, 0, 2]), 1);
        // Only empty cells, or none.
        assert_eq!(most_of(&[4]), 0);
        assert_eq!(most_of(&[]), 0);
    }

    /// What `push_cut` appends to a line holding `a `, and how wide it says
    /// that shows.
    fn cut(text: &str, width: usize) -> (String, usize) {
        let mut line = "a ".to_owned();
        let shown = push_cut(&mut line, text, width);
        (line["a ".len()..].to_owned(), shown)
    }

    fn cut_to(text: &str, width: usize, expected: &str, shown: usize) {
        assert_eq!(cut(text, width), (expected.to_owned(), shown), "{text:?} in {width}");
    }

    #[test]
    fn cells_are_cut_by_display_width_with_an_ellipsis() {
        cut_to("Optical cable length", 8, "Optical…", 8);
        // One column more than fits: the last character gives way to `…`.
        cut_to("exactly8+", 8, "exactly…", 8);
        // Korean characters take two columns: three fit in 7 with the `…`,
        // two in 6, and in 6 there is a column left over.
        cut_to("고려링크망", 7, "고려링…", 7);
        cut_to("고려링크망", 6, "고려…", 5);
        cut_to("abc", 0, "", 0);
        cut_to("abc", 1, "…", 1);
        cut_to("고려", 1, "…", 1);
        cut_to("고려", 2, "…", 1);
    }

    #[test]
    fn an_emoji_shown_as_a_picture_is_cut_by_the_columns_it_shows_in() {
        // `❤` alone takes a column, with U+FE0F (show it as a picture) two:
        // counted a character at a time, five of them fitted in 6 columns
        // and showed in 11, which the table then padded with 6 - 11 spaces.
        let hearts = "❤\u{fe0f}".repeat(40);
        // Now two and a bare `❤` (a column: without its selector it shows
        // as text) and the `…`.
        cut_to(&hearts, 6, "❤\u{fe0f}❤\u{fe0f}❤…", 6);
        cut_to(&hearts, 5, "❤\u{fe0f}❤\u{fe0f}…", 5);
        cut_to(&hearts, 2, "❤…", 2);
        cut_to(&hearts, 1, "…", 1);
        // `“` with U+FE01 takes two columns as well.
        cut_to("“\u{fe01}“\u{fe01}“\u{fe01}", 4, "“\u{fe01}“…", 4);
    }

    proptest::proptest! {
        /// `push_cut` keeps what the line held, appends a beginning of the
        /// text and `…`, and says how wide that shows, never wider than
        /// `width`, by `width`'s measure (the one tables pad by). No controls:
        /// tables escape them first.
        #[test]
        fn a_cell_is_cut_into_a_line_within_its_width(
            // The pairs that show wider whole also as one element each: drawn a
            // character at a time they rarely meet.
            text in "([a \u{301}\u{200b}고😀\u{fe0f}❤“\u{fe01}]|❤\u{fe0f}|“\u{fe01}|👨\u{200d}👩\u{200d}👧){0,16}",
            width in 0..20usize,
            before in "[a 고]{0,3}",
        ) {
            proptest::prop_assume!(self::width(&text) > width);
            let mut line = before.clone();
            let shown = push_cut(&mut line, &text, width);
            let appended = line.strip_prefix(before.as_str()).expect("the line keeps its beginning");
            proptest::prop_assert!(shown <= width, "{:?} shows in {} > {}", appended, shown, width);
            proptest::prop_assert_eq!(shown, self::width(appended));
            match appended.strip_suffix('…') {
                Some(kept) => proptest::prop_assert!(text.starts_with(kept)),
                None => proptest::prop_assert!(width == 0 && appended.is_empty()),
            }
        }
    }

    fn figure_cut_to(text: &str, width: usize, expected: &str) {
        let mut line = "a ".to_owned();
        let shown = push_cut_figure(&mut line, text, width);
        let appended = &line["a ".len()..];
        assert_eq!(
            (appended, shown),
            (expected, self::width(expected)),
            "{text:?} in {width}"
        );
    }

    #[test]
    fn a_figure_is_never_cut_inside_its_number() {
        // `about 170 nations` is 17 columns; a plain cut in 9 shows
        // `about 17…`, another number.
        figure_cut_to("about 170 nations", 16, "about 170 natio…");
        figure_cut_to("about 170 nations", 12, "about 170 n…");
        // 11: `about 170 ` and the `…`, the space kept: glued, `170…`
        // reads as a cut number.
        figure_cut_to("about 170 nations", 11, "about 170 …");
        // 10: no room for the space, so the cut moves before the number.
        figure_cut_to("about 170 nations", 10, "about…");
        // 9 and 8 would cut `170`: the cut moves back before it.
        figure_cut_to("about 170 nations", 9, "about…");
        figure_cut_to("about 170 nations", 8, "about…");
        figure_cut_to("about 170 nations", 6, "about…");
        // 5: `abou…` cuts a word without a digit, as any cell is cut.
        figure_cut_to("about 170 nations", 5, "abou…");
        // A number first: all of it, or nothing but the `…`.
        figure_cut_to("1,200,000 lines", 12, "1,200,000 l…");
        figure_cut_to("1,200,000 lines", 11, "1,200,000 …");
        figure_cut_to("1,200,000 lines", 10, "…");
        figure_cut_to("1,200,000 lines", 9, "…");
        // A range is one word: `1,000–1,5…` would be a range to 1,5.
        figure_cut_to("1,000–1,500 people", 10, "…");
        figure_cut_to("about 100,000 people", 15, "about 100,000 …");
        figure_cut_to("about 100,000 people", 14, "about…");
        figure_cut_to("about 100,000 people", 13, "about…");
        figure_cut_to("about 1", 0, "");
    }

    proptest::proptest! {
        /// A figure cut shows within its width, a beginning of the text
        /// and `…`, and never ends inside a word holding a digit.
        #[test]
        fn a_figure_cut_keeps_whole_numbers(
            text in "([a1,. \u{3000}–고😀]|❤\u{fe0f}){0,16}",
            width in 0..20usize,
        ) {
            proptest::prop_assume!(self::width(&text) > width);
            let mut line = String::new();
            let shown = push_cut_figure(&mut line, &text, width);
            proptest::prop_assert!(shown <= width && shown == self::width(&line));
            if let Some(kept) = line.strip_suffix('…') {
                proptest::prop_assert!(text.starts_with(kept));
                let rest = &text[kept.len()..];
                let last_word = kept.rsplit(char::is_whitespace).next().unwrap_or("");
                let next_word = rest.split(char::is_whitespace).next().unwrap_or("");
                let cut_word = format!("{last_word}{next_word}");
                proptest::prop_assert!(
                    next_word.is_empty() || last_word.is_empty() || !cut_word.contains(|c: char| c.is_ascii_digit()),
                    "{:?} cut inside {:?}", line, cut_word
                );
            }
        }
    }

    #[test]
    fn ascii_takes_a_column_a_byte_and_korean_two_a_character() {
        assert_eq!(width("Koryolink \\u{1b}"), 16);
        assert_eq!(width("고려링크 Koryolink"), 18);
        assert_eq!(width(""), 0);
    }
}
