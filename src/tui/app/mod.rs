//! The dashboard's state, what a view is to it (`View`), and the questions
//! drawing and `update` (in `update.rs`, the only code that changes state)
//! both ask of it. Nothing here draws or touches a file or the terminal.

pub mod export_command;
pub mod export_name;
mod update;

use std::any::{Any, TypeId};
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::{Action, Mode};
use super::cursor::Cursor;
use super::derived::overview::Facts;
use super::derived::records;
use super::derived::{Contests, Derived, Fixed, Quantities, Sort, Totals};
use super::detail;
use super::keys::{self, HelpLine, Hint};
use super::layout;
use super::picker::Picker;
use super::theme::Theme;
use crate::model::{Filter, Model, RecordIx};
pub use export_command::{DataOrigin, ShellCommand};

/// One view of the dashboard, as the state side sees it. Each file in
/// `views/` implements it; `views::ALL` lists them in tab order.
pub trait View: Any + Sync {
    fn title(&self) -> &'static str;
    /// The keys this view gives a meaning of its own (the help lists them all).
    fn keys(&self) -> &'static [Hint];
    /// Those of them that act on what is selected now, for the footer: a
    /// view whose keys act on some rows only leaves them out elsewhere.
    fn keys_now(&self, _app: &App) -> &'static [Hint] {
        self.keys()
    }
    /// Its main list, in a body of `body`: how many rows, and where they
    /// are drawn (none for a view without a list).
    fn list(&self, app: &App, body: Rect) -> List;
    /// Its inner list, if it has one: the items of the main list's selected
    /// row (the Indicators view: the indicator's observations).
    fn inner_list(&self, _app: &App, _body: Rect) -> Option<List> {
        None
    }
    /// How many items the selected row of its main list has across, when
    /// left and right move among them (the Overview's chart: its years);
    /// the inner cursor holds the one chosen.
    fn across(&self, _app: &App) -> Option<usize> {
        None
    }
    /// The record it has selected, if it lists records.
    fn selected_record(&self, app: &App) -> Option<RecordIx>;
    /// The claims its focused row shows as its figure, where these are not
    /// the selected record: the Indicators table's row shows its latest
    /// claims (several on a tie), not the observation its inner list has
    /// selected. `y`, `Y`, `b` and `J` act on what the row shows.
    fn latest_shown<'a>(&self, _app: &'a App) -> Option<&'a [RecordIx]> {
        None
    }
    /// The source it has selected (its position in the dataset's sources),
    /// if it lists sources.
    fn selected_source(&self, _app: &App) -> Option<usize> {
        None
    }
    /// What Enter asks for here, if not the selected record's detail.
    fn open(&self, _app: &App) -> Option<Action> {
        None
    }
    fn render(&self, app: &App, frame: &mut Frame, body: Rect);
}

/// What `y` and `Y` copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToCopy<'a> {
    /// The selected record.
    Record(RecordIx),
    /// The latest claims a row shows as its figure (`View::latest_shown`).
    Latest(&'a [RecordIx]),
}

impl ToCopy<'_> {
    pub fn records(&self) -> &[RecordIx] {
        match self {
            ToCopy::Record(record) => std::slice::from_ref(record),
            ToCopy::Latest(records) => records,
        }
    }
}

/// A list's rows: how many, and where on the screen they are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct List {
    pub len: usize,
    pub rows: Rect,
}

/// Which list of a view with two has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Outer,
    Inner,
}

/// Where a view's lists stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    pub outer: Cursor,
    /// In the inner list, for a view that has one.
    pub inner: Cursor,
    pub focus: Focus,
}

impl Selection {
    /// The cursor of `list`.
    pub fn of(self, list: Focus) -> Cursor {
        match list {
            Focus::Outer => self.outer,
            Focus::Inner => self.inner,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Years,
    Search,
    Export,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// What the filter's search was before a live search began (Esc restores it).
    pub before: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Detail {
        record: RecordIx,
        scroll: usize,
    },
    Prompt(Prompt),
    /// One part of the filter, picked from a list.
    Picker(Picker),
    /// The export file exists: overwrite it?
    ConfirmOverwrite(PathBuf),
}

/// What a footer message reports, which its mark tells at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// What was asked for was done (`✓`).
    Done,
    /// Nothing was done, and nothing went wrong: a key with nothing to act
    /// on here, a question answered "keep it". Not marked as a success.
    Notice,
    /// What was asked for failed (`✗`).
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
    /// Where a file path starts in `text`, which it ends: cut short, the
    /// path loses the middle of its folder, not its file name.
    pub path_at: Option<usize>,
}

pub struct App {
    /// Shared with the thread that prepares searching.
    model: Arc<Model>,
    /// Changed only through `change_filter`, which works out `derived`
    /// again, or, back to no filter, restores the kept `unfiltered`.
    filter: Filter,
    sort: Sort,
    derived: Derived,
    /// What every record in view (no filter) yields, kept while a filter
    /// is in force: going back to it (`r`, or the years cleared) works
    /// nothing out again over every record.
    unfiltered: Option<Derived>,
    totals: Totals,
    /// What depends on the model alone; shared with the thread that
    /// prepares it (`Fixed::prepare`).
    fixed: Arc<Fixed>,
    views: &'static [&'static dyn View],
    /// The position of the view shown.
    tab: usize,
    /// The terminal's size, for page lengths and mouse clicks.
    area: Rect,
    /// Per view, where its lists stand.
    selections: Vec<Selection>,
    pub theme: Theme,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    pub should_quit: bool,
    /// Where relative export paths are written.
    pub export_dir: PathBuf,
    /// What `~` stands for in an export path.
    pub home_dir: Option<PathBuf>,
    /// The dataset's file, if not the bundled one: the export prompt's
    /// shell command reads the same.
    pub origin: DataOrigin,
    /// The extension the export prompt proposes: the last one used.
    export_extension: &'static str,
}

impl App {
    /// A dashboard over `model`, showing `views` (in tab order).
    pub fn new(mut model: Model, filter: Filter, theme: Theme, views: &'static [&'static dyn View]) -> Self {
        // Every year nudge filters by years alone.
        model.index_years();
        let derived = Derived::new(&model, &filter, Sort::default());
        let mut app = Self {
            fixed: Arc::default(),
            totals: Totals::of(&model),
            model: Arc::new(model),
            filter,
            sort: Sort::default(),
            derived,
            unfiltered: None,
            views,
            tab: 0,
            area: Rect::new(0, 0, 80, 24),
            selections: vec![Selection::default(); views.len()],
            theme,
            overlay: None,
            message: None,
            should_quit: false,
            export_dir: PathBuf::from("."),
            home_dir: None,
            origin: DataOrigin::default(),
            export_extension: crate::export::default_format().extension(),
        };
        app.clamp_cursors();
        app
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The model, for work on another thread (`Model::prepare_search`).
    pub fn shared_model(&self) -> Arc<Model> {
        Arc::clone(&self.model)
    }

    /// What depends on the model alone, for work on another thread (`Fixed::prepare`).
    pub fn shared_fixed(&self) -> Arc<Fixed> {
        Arc::clone(&self.fixed)
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// What the filter and the sort yield.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// The records in view in the Records view's order.
    pub fn sorted(&self) -> &[RecordIx] {
        self.derived.sorted(&self.model)
    }

    /// What the Records view's optional columns must hold.
    pub fn record_columns(&self) -> records::Needs {
        self.derived.record_columns(&self.model)
    }

    /// The quantities in view, worked out when a view first asks.
    pub fn quantities(&self) -> &Quantities {
        self.derived.quantities(&self.model, &self.filter, &self.fixed)
    }

    /// The contested quantities in view, worked out when a view first asks.
    pub fn contests(&self) -> &Contests {
        self.derived.contests(&self.model, &self.filter, &self.fixed)
    }

    /// The Overview's facts, worked out when it is first drawn.
    pub fn overview(&self) -> &Facts {
        self.derived.overview(&self.model, &self.filter, &self.fixed)
    }

    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    pub fn views(&self) -> &'static [&'static dyn View] {
        self.views
    }

    /// The position of the view shown.
    pub fn tab(&self) -> usize {
        self.tab
    }

    /// The view shown.
    pub fn view(&self) -> &'static dyn View {
        self.views[self.tab]
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// Where the lists of the view at `position` stand.
    pub fn selection(&self, position: usize) -> Selection {
        self.selections.get(position).copied().unwrap_or_default()
    }

    /// Where the lists of view `V` stand.
    pub fn selection_of<V: View>(&self) -> Selection {
        self.position_of::<V>().map(|p| self.selection(p)).unwrap_or_default()
    }

    /// The selection in the main list of the view at `position`.
    pub fn cursor(&self, position: usize) -> Cursor {
        self.selection(position).outer
    }

    /// Which list of the view shown has the keys.
    pub fn focus(&self) -> Focus {
        match self.view().inner_list(self, self.body()) {
            Some(_) => self.selection(self.tab).focus,
            None => Focus::Outer,
        }
    }

    /// The list of the view shown that has the keys.
    pub fn focused_list(&self) -> List {
        self.list_of(self.tab, self.focus()).unwrap_or_default()
    }

    /// One list of the view at `position`, if it has that list.
    pub fn list_of(&self, position: usize, list: Focus) -> Option<List> {
        let view = self.views[position];
        match list {
            Focus::Outer => Some(view.list(self, self.body())),
            Focus::Inner => view.inner_list(self, self.body()),
        }
    }

    /// The screen between the header and the footer.
    pub fn body(&self) -> Rect {
        layout::screen(self.area).body
    }

    /// Where view `V` is in the tabs.
    pub fn position_of<V: View>(&self) -> Option<usize> {
        self.views.iter().position(|v| Any::type_id(*v) == TypeId::of::<V>())
    }

    /// View `V`'s title and the number key that shows it: `("Records", 5)`.
    pub fn name_of<V: View>(&self) -> Option<(&'static str, usize)> {
        self.position_of::<V>().map(|p| (self.views[p].title(), p + 1))
    }

    /// How text sends the reader to view `V`: `Records (5)`.
    pub fn label_of<V: View>(&self) -> String {
        self.position_of::<V>()
            .map_or("another view".to_owned(), |p| self.label_at(p))
    }

    /// The view at `position` as text names it: `Records (5)`.
    fn label_at(&self, position: usize) -> String {
        format!("{} ({})", self.views[position].title(), position + 1)
    }

    /// How input is read now.
    pub fn mode(&self) -> Mode {
        if layout::too_small(self.area) {
            return Mode::TooSmall;
        }
        match &self.overlay {
            None => Mode::Normal {
                views: self.views.len(),
            },
            Some(Overlay::Prompt(_)) => Mode::Prompt,
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(Overlay::ConfirmOverwrite(_)) => Mode::Confirm,
            Some(Overlay::Detail { .. }) => Mode::Detail,
            Some(Overlay::Help { .. }) => Mode::Help,
        }
    }

    /// The record the view shown has selected, if it selects records.
    pub fn selected_record(&self) -> Option<RecordIx> {
        self.view().selected_record(self)
    }

    /// What copying takes from the view shown: the records its focused
    /// row shows.
    pub fn to_copy(&self) -> Option<ToCopy<'_>> {
        match self.view().latest_shown(self) {
            Some(latest) => Some(ToCopy::Latest(latest)),
            None => self.selected_record().map(ToCopy::Record),
        }
    }

    /// The source the view shown has selected, or that of the records its
    /// focused row shows, where they have one.
    pub fn selected_source(&self) -> Option<usize> {
        self.view().selected_source(self).or_else(|| {
            let to_copy = self.to_copy()?;
            let mut sources = to_copy.records().iter().map(|&ix| self.model.source_index(ix));
            let first = sources.next()?;
            sources.all(|other| other == first).then_some(first)
        })
    }

    /// The help overlay's lines: every key, from the key tables.
    pub fn help(&self) -> Vec<HelpLine> {
        let views: Vec<(String, &[Hint])> = (0..self.views.len())
            .map(|p| (self.label_at(p), self.views[p].keys()))
            .collect();
        keys::help(&views)
    }

    /// A record's detail, and where it pops up.
    pub fn detail_popup(&self, record: RecordIx) -> (Rect, Vec<detail::Line>) {
        let lines = detail::lines_within(&self.model, record, self.body());
        (layout::detail_popup(self.body(), &lines), lines)
    }

    /// Keeps the selections of the view shown, and an open picker's, inside
    /// their lists and on screen, after the lists or the screen changed. Only the view shown:
    /// another's lists may not be worked out yet (see `Derived`); its
    /// selections are kept in when it is shown (after every `update`).
    fn clamp_cursors(&mut self) {
        let position = self.tab;
        // The outer first: the inner list is its selected row's.
        for focus in [Focus::Outer, Focus::Inner] {
            if let Some(list) = self.list_of(position, focus) {
                let selection = &mut self.selections[position];
                let cursor = match focus {
                    Focus::Outer => &mut selection.outer,
                    Focus::Inner => &mut selection.inner,
                };
                cursor.clamp(list.len, list.rows.height as usize);
            }
        }
        let body = self.body();
        if let Some(Overlay::Picker(picker)) = &mut self.overlay {
            let height = layout::picker(body, picker.items.len()).rows.height;
            picker.cursor.clamp(picker.rows.len(), height as usize);
        }
    }
}
