//! Every record in view in a sortable table, with the selection's detail
//! beside it on wide screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

use crate::model::RecordIx;
use crate::tui::app::{App, List, View};
use crate::tui::derived::SortColumn;
use crate::tui::derived::records::{self, FIGURE_MAX, Needs};
use crate::tui::keys::{self, Hint};
use crate::tui::layout;
use crate::tui::text::{truncate, truncate_figure, truncate_title};
use crate::tui::widgets::table::{self, ScrolledTable, marker, title_with_figure};
use crate::tui::widgets::{detail, notice};

pub struct Records;

const KEYS: &[Hint] = &[
    Hint {
        rows: &[keys::SORT, keys::SORT_REVERSE],
        does: "sort",
    },
    Hint::of(&[keys::OPEN]),
    Hint {
        rows: &[keys::COPY, keys::COPY_QUOTE],
        does: "copy",
    },
];

impl View for Records {
    fn title(&self) -> &'static str {
        "Records"
    }

    fn keys(&self) -> &'static [Hint] {
        KEYS
    }

    fn list(&self, app: &App, body: Rect) -> List {
        List {
            len: app.sorted().len(),
            rows: layout::table_rows(layout::beside(body, layout::RECORDS).0),
        }
    }

    fn selected_record(&self, app: &App) -> Option<RecordIx> {
        let at = app.selection_of::<Self>().outer.selected;
        app.sorted().get(at).copied()
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect) {
        render(app, frame, body);
    }
}

/// Column widths: the title takes what the others leave. The Figure and
/// Category columns show only where they carry something: a Figure column
/// where half the records in view have a figure, or the table is wide
/// (elsewhere a figure follows its title); a Category column where the view
/// holds two categories or more and the title keeps `TITLE_WITH_CATEGORY`
/// columns beside it. The column the rows are sorted by always shows (where
/// it carries something), taking room from the title: rows sorted by a
/// column one cannot see look shuffled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    when: u16,
    category: u16,
    title: u16,
    /// 0: figures follow their titles.
    figure: u16,
    source: u16,
}

impl Columns {
    /// The When column grows to this (`2001-05-12`) whatever the title keeps.
    const WHEN: u16 = 10;
    /// The title keeps this much before a category column is added.
    const TITLE_WITH_CATEGORY: u16 = 44;
    /// From this inner width figures get a column even where they are few.
    const WIDE: u16 = 130;
    /// The title keeps this much beside a category column shown for the sort.
    const TITLE_MIN: u16 = 16;

    /// For a table `table_width` wide whose times on screen are at widest
    /// `when` columns: those whole (`2015-07–2015-09`; a cut period reads as
    /// another) while the title keeps its minimum.
    fn for_width(table_width: u16, needs: Needs, sort: SortColumn, when: u16) -> Self {
        let inner = table_width.saturating_sub(2);
        let (figure_max, source_max) = match inner {
            Self::WIDE.. => (FIGURE_MAX, 26),
            90.. => (20, 26),
            _ => (16, 12),
        };
        let source = needs.source.min(source_max);
        // The marker, the fixed columns, and a space after each but the last.
        let gaps = |columns: u16| columns - 1;
        let shows_figure = needs.figures_dense || inner >= Self::WIDE || sort == SortColumn::Figure;
        let figure = if shows_figure { needs.figure.min(figure_max) } else { 0 };
        let count = 4 + u16::from(figure > 0);
        let when_room = inner.saturating_sub(1 + figure + source + gaps(count) + Self::TITLE_MIN);
        let when = table::when_column(when.into(), Self::WHEN.into(), when_room.into());
        // No wider than `when` or the header, which are `u16`.
        let when = u16::try_from(when).unwrap_or(u16::MAX);
        // A cell with no number says nothing: numbers are shown whole
        // while the title keeps its minimum.
        let number_room = inner.saturating_sub(1 + when + source + gaps(count) + Self::TITLE_MIN);
        let figure = match figure {
            0 => 0,
            usual => usual.max(needs.figure_number.min(number_room)),
        };
        let fixed = 1 + when + figure + source + gaps(count);
        let title = inner.saturating_sub(fixed);
        let category = if sort == SortColumn::Category {
            needs.category.min(title.saturating_sub(Self::TITLE_MIN + 1))
        } else if title > Self::TITLE_WITH_CATEGORY + needs.category {
            needs.category
        } else {
            0
        };
        Self {
            when,
            category,
            title: title.saturating_sub(category + u16::from(category > 0)).max(8),
            figure,
            source,
        }
    }
}

fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (list, side) = layout::beside(body, layout::RECORDS);
    let model = app.model();
    let rows = &app.sorted();
    let sort = app.sort();
    let title = format!("Records · sorted by {}", sort.label());
    let cursor = app.selection_of::<Records>().outer;
    let on_screen = &rows[cursor.window(rows.len(), layout::table_rows(list).height.into())];
    let when = u16::try_from(table::widest_when(model, on_screen)).unwrap_or(u16::MAX);
    let columns = Columns::for_width(list.width, app.record_columns(), sort.column, when);
    let mut header = vec!["", "When"];
    let mut widths = vec![Constraint::Length(1), Constraint::Length(columns.when)];
    let mut add = |name, width: u16| {
        if width > 0 {
            header.push(name);
            widths.push(Constraint::Length(width));
        }
    };
    add("Category", columns.category);
    add("Title", columns.title);
    add("Figure", columns.figure);
    add("Source", columns.source);
    let table = ScrolledTable {
        title,
        header,
        widths,
        len: rows.len(),
        cursor,
        focused: true,
        theme: app.theme,
        legend: None,
    };
    table.render(frame, list, |i, selected| {
        let ix = rows[i];
        let record = model.record(ix);
        let mut cells = vec![
            Cell::from(marker(selected)),
            // On a narrow screen, a period given to the day may not fit.
            Cell::from(truncate(&table::when(model, ix), columns.when.into())),
        ];
        if columns.category > 0 {
            cells.push(Cell::from(truncate(record.category.as_str(), columns.category as usize)));
        }
        let figure = records::figure(model, ix);
        if columns.figure > 0 {
            cells.push(Cell::from(truncate_title(&record.title, columns.title as usize)));
            let figure = figure.unwrap_or_default();
            cells.push(Cell::from(truncate_figure(&figure, columns.figure as usize)).style(app.theme.figure()));
        } else {
            let title = title_with_figure(&record.title, figure.as_deref(), columns.title as usize, app.theme);
            cells.push(Cell::from(title));
        }
        cells.push(Cell::from(truncate(&record.source, columns.source as usize)).style(app.theme.dim()));
        Row::new(cells)
    });
    if rows.is_empty() {
        let lines = notice::why_empty(app, app.theme);
        let area = layout::table_rows(list);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
    if let (Some(side), Some(ix)) = (side, Records.selected_record(app)) {
        detail::render_panel(frame, side, app.model(), ix, app.theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(layout::column_cases())]

        /// The columns fit any table from the smallest supported screen's
        /// up, whatever the widest figure, category and source id.
        #[test]
        fn the_columns_fit_their_table(
            width in layout::MIN_WIDTH..=200,
            figure in 0..=FIGURE_MAX,
            figure_number in 0..=FIGURE_MAX,
            figures_dense: bool,
            category in 0..60u16,
            source in 0..120u16,
            sort in proptest::sample::select(SortColumn::ALL.to_vec()),
            when in 0..30u16,
        ) {
            let figure_number = figure.min(figure_number);
            let needs = Needs { figure, figure_number, figures_dense, category, source };
            let c = Columns::for_width(width, needs, sort, when);
            let shown = [c.category, c.title, c.figure, c.source].iter().filter(|&&w| w > 0).count() as u16;
            // The marker and When, the others, a gap between each two.
            let total = 1 + c.when + c.category + c.title + c.figure + c.source + shown + 1;
            proptest::prop_assert!(total <= width - 2, "{:?} in {}", c, width);
        }
    }

    const NEEDS: Needs = Needs {
        figure: 9,
        figure_number: 9,
        figures_dense: false,
        category: 14,
        source: 12,
    };

    #[test]
    fn the_sort_column_shows_at_80_columns_taking_room_from_the_title() {
        // Inner 78: the marker 1, When 10, Source 12 and three gaps leave
        // the title 52, short of the 44 + 14 a category column asks.
        let by_date = Columns::for_width(80, NEEDS, SortColumn::Date, 10);
        assert_eq!((by_date.category, by_date.title), (0, 52));
        // Sorted by category: 14 columns and a gap come out of the title.
        let by_category = Columns::for_width(80, NEEDS, SortColumn::Category, 10);
        assert_eq!((by_category.category, by_category.title), (14, 37));
        // Sorted by figure: a column though figures are few (52 - 9 - 1).
        let by_figure = Columns::for_width(80, NEEDS, SortColumn::Figure, 10);
        assert_eq!((by_figure.figure, by_figure.category, by_figure.title), (9, 0, 42));
    }

    #[test]
    fn a_figure_column_shows_its_numbers_whole_out_of_the_titles_room() {
        // `6,500,000–7,000,000 phones`: 26 columns, 21 for the number, a
        // space and the `…`. At 80 the column grows from 16 to 21; the title
        // keeps 52 - 21 - 1 = 30.
        let needs = Needs { figure: 26, figure_number: 21, ..NEEDS };
        let c = Columns::for_width(80, needs, SortColumn::Figure, 10);
        assert_eq!((c.figure, c.title), (21, 30));
        // At 60 (inner 58) the figure's usual 16 already leave the title
        // 58 - 1 - 10 - 12 - 4 - 16 = 15, under its 16: no more for the number.
        let c = Columns::for_width(60, needs, SortColumn::Figure, 10);
        assert_eq!((c.figure, c.title), (16, 15));
    }

    #[test]
    fn the_when_column_is_as_wide_as_the_times_on_screen() {
        // `2015-07–2015-09` whole: 15 columns, 5 of the title's 52.
        let c = Columns::for_width(80, NEEDS, SortColumn::Date, 15);
        assert_eq!((c.when, c.title), (15, 47));
        // Years only: `When` is 4 wide, and the title gets the 6 left over.
        let c = Columns::for_width(80, NEEDS, SortColumn::Date, 4);
        assert_eq!((c.when, c.title), (4, 58));
        // At 60 the title keeps its 16 (58 - 1 - 12 - 3 - 16 leave 26 for
        // the time); a period to the day of 21 columns fits.
        let c = Columns::for_width(60, NEEDS, SortColumn::Date, 21);
        assert_eq!((c.when, c.title), (21, 21));
    }

    #[test]
    fn at_the_narrowest_the_sort_column_leaves_the_title_its_minimum() {
        // Inner 58: the title has 32; a 30-column category gets 32 - 17.
        let wide = Needs { category: 30, ..NEEDS };
        let c = Columns::for_width(60, wide, SortColumn::Category, 10);
        assert_eq!((c.category, c.title), (15, 16));
    }
}
