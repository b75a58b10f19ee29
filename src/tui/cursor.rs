//! The selection in a list and the first visible row, kept in state (not in
//! a widget) so that drawing never has to change anything.

/// Rows kept visible above and below the selection while scrolling.
const SCROLL_MARGIN: usize = 2;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len` rows, `height` of them visible.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Self::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.scroll_into_view(len, height);
    }

    pub fn to_start(&mut self, len: usize, height: usize) {
        self.selected = 0;
        self.scroll_into_view(len, height);
    }

    pub fn to_end(&mut self, len: usize, height: usize) {
        self.selected = len.saturating_sub(1);
        self.scroll_into_view(len, height);
    }

    /// Selects the row shown at `row` of the visible window, if there is one.
    pub fn click(&mut self, row: usize, len: usize, height: usize) -> bool {
        let target = self.offset + row;
        if row >= height || target >= len {
            return false;
        }
        self.selected = target;
        self.scroll_into_view(len, height);
        true
    }

    /// Keeps the selection inside `len` and on screen, e.g. after a filter
    /// change or a resize.
    pub fn clamp(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.scroll_into_view(len, height);
    }

    fn scroll_into_view(&mut self, len: usize, height: usize) {
        if height == 0 || len == 0 {
            self.offset = 0;
            return;
        }
        let margin = SCROLL_MARGIN.min(height.saturating_sub(1) / 2);
        if self.selected < self.offset + margin {
            self.offset = self.selected.saturating_sub(margin);
        } else if self.selected + margin >= self.offset + height {
            self.offset = self.selected + margin + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// The visible window of a list of `len` rows.
    pub fn window(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        let start = self.offset.min(len);
        start..(start + height).min(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_keeps_the_selection_visible_with_a_margin() {
        let mut c = Cursor::default();
        c.move_by(7, 100, 10);
        assert_eq!((c.selected, c.offset), (7, 0));
        c.move_by(1, 100, 10);
        assert_eq!((c.selected, c.offset), (8, 1));
        c.to_end(100, 10);
        assert_eq!((c.selected, c.offset), (99, 90));
        c.move_by(-8, 100, 10);
        assert_eq!((c.selected, c.offset), (91, 89));
        c.to_start(100, 10);
        assert_eq!((c.selected, c.offset), (0, 0));
    }

    #[test]
    fn never_leaves_the_list_even_when_it_is_empty_or_shrinks() {
        let mut c = Cursor::default();
        c.move_by(-5, 0, 10);
        assert_eq!(c, Cursor::default());
        c.to_end(50, 10);
        c.clamp(3, 10);
        assert_eq!((c.selected, c.offset), (2, 0));
        c.move_by(isize::MAX, 3, 0);
        assert_eq!(c.selected, 2);
    }

    #[test]
    fn clicks_select_visible_rows_only() {
        let mut c = Cursor {
            selected: 0,
            offset: 10,
        };
        assert!(c.click(3, 100, 10));
        assert_eq!(c.selected, 13);
        assert!(!c.click(10, 100, 10));
        assert!(!c.click(2, 11, 10));
    }
}
