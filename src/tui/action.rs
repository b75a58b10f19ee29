//! What the user asked for, and what an effect came to, as values. `keys`
//! turns input into actions; `App::update` is the only code that acts on them.

use std::path::PathBuf;

use crate::data::Category;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Show the view at this position of the registry (`views::ALL`).
    ShowView(usize),
    NextView,
    PrevView,
    /// Move the selection by rows (negative is up).
    Move(isize),
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Left or right: between the two lists of a view that has two (the
    /// Indicators: left the first, right the second), or along the items
    /// of the selected row (the Overview's years).
    Across(isize),
    /// Enter: open the selection's detail, or what the view makes of it.
    Open,
    /// Esc: close the popup or prompt, or clear a message.
    Close,
    Help,
    EditYears,
    /// `[` / `]`: move the first year by this many years.
    ShiftFrom(i32),
    /// `{` / `}`: move the last year.
    ShiftTo(i32),
    Search,
    /// Show undated records too while a year range is set.
    ToggleUndated,
    /// Place records by their own dates only (`Filter::own_dates_only`).
    ToggleOwnDates,
    /// Open the picker of one part of the filter.
    Pick(Facet),
    ResetFilters,
    /// Copy the selected record's citation.
    Copy,
    /// Copy the selected record's quote alone, with its source.
    CopyQuote,
    /// Copy the selected source's (or the selected record's source's) BibTeX entry.
    CopyBibtex,
    /// Copy it as a CSL-JSON item.
    CopyCsl,
    SortNext,
    SortReverse,
    Export,
    /// Typing in a prompt.
    Input(char),
    Backspace,
    ClearLine,
    /// Tab in a picker: mark the highlighted item (or unmark it).
    Toggle,
    /// Tab in the export prompt: the file name's extension becomes the next
    /// format's.
    NextFormat,
    Confirm,
    Resize(u16, u16),
    /// Draw the whole screen again at the terminal's size: for a terminal
    /// that lost what it showed (a resize the program was not told of).
    Redraw,
    /// A left click at a screen column and row.
    Click(u16, u16),
    /// Keep only the records of the source at this position of the
    /// dataset's sources, then show the view at `show`, if any.
    FilterToSource {
        source: usize,
        show: Option<usize>,
    },
    /// Keep only the records behind a figure, a category or a year bar
    /// (the filter narrowed, the rest of it kept), then show the view at
    /// `show`, if any.
    Drill {
        drill: Drill,
        show: Option<usize>,
    },
    /// Show the records matching this search text (`Effect::Search`).
    Searched(String),
    /// What became of an export the dashboard asked for (`Effect::Export`).
    Exported(ExportOutcome),
    /// An effect failed; the text says which and why.
    Failed(String),
}

/// What a drill-down keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drill {
    /// The claims of one indicator about one entity (positions in the
    /// dataset's indicators and entities).
    Quantity {
        indicator: usize,
        subject: Option<usize>,
    },
    Category(Category),
    /// The dated records of one year.
    Year(i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Written: where (relative to the current folder where it is under
    /// it, else absolute), and how many records.
    Written {
        path: PathBuf,
        records: usize,
    },
    /// Not written: the file exists and replacing it was not asked for.
    Exists(PathBuf),
    Failed(String),
}

/// How input is read: what the screen shows decides which keys apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No popup: the views' keys; digits `1` to `views` pick a view.
    Normal { views: usize },
    /// A one-line prompt: keys type.
    Prompt,
    /// A picker: keys type, arrows move.
    Picker,
    /// The overwrite question: mouse clicks must not answer it.
    Confirm,
    /// A record's detail.
    Detail,
    /// The help.
    Help,
    /// The "needs more room" note in place of everything: only quitting
    /// acts (and a resize, which the terminal reports), for nothing else
    /// could be seen acting.
    TooSmall,
}

/// A part of the filter that holds items of one sort, each picked from a
/// list (`Action::Pick`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Category,
    Entity,
    Indicator,
    Source,
    Kind,
}

impl Facet {
    /// What one item is called: `entity`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Category => "category",
            Self::Entity => "entity",
            Self::Indicator => "indicator",
            Self::Source => "source",
            Self::Kind => "kind",
        }
    }

    /// What several are called, capitalised: `Entities`.
    pub fn title(self) -> &'static str {
        match self {
            Self::Category => "Categories",
            Self::Entity => "Entities",
            Self::Indicator => "Indicators",
            Self::Source => "Sources",
            Self::Kind => "Kinds",
        }
    }

    /// Whether the filter holds several at once (one indicator at a time).
    pub fn takes_several(self) -> bool {
        self != Self::Indicator
    }
}
