//! The dashboard's state and the one function that changes it, `update`.
//! Nothing here draws or touches the terminal; tests drive it directly.

use std::path::{Path, PathBuf};

use ratatui::layout::Rect;

use super::action::Action;
use super::cursor::Cursor;
use super::layout;
use super::theme::Theme;
use super::views::{self, ViewKind};
use super::widgets::{checklist, detail, help};
use crate::data::Category;
use crate::export;
use crate::model::{Filter, Model, RecordIx, YearRange, format};

/// What the Records view is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Date,
    Category,
    Title,
    Source,
}

impl SortColumn {
    pub const ALL: [SortColumn; 4] = [Self::Date, Self::Category, Self::Title, Self::Source];

    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Category => "category",
            Self::Title => "title",
            Self::Source => "source",
        }
    }

    fn next(self) -> Self {
        let i = Self::ALL.iter().position(|&c| c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: SortColumn,
    pub reversed: bool,
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
pub struct Checklist {
    pub cursor: Cursor,
    pub chosen: Vec<bool>,
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
    Categories(Checklist),
    /// The export file exists: overwrite it?
    ConfirmOverwrite(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// Which list of the Indicators view has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Indicators,
    Observations,
}

/// One indicator with observations in view, and those observations.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub indicator: usize,
    pub observations: Vec<RecordIx>,
}

/// What the filter yields, worked out once per filter change so drawing stays cheap.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The records in view, dated first by date.
    pub view: Vec<RecordIx>,
    /// The dated records in view.
    pub timeline: Vec<RecordIx>,
    /// The records in view in the Records view's sort order.
    pub sorted: Vec<RecordIx>,
    pub indicators: Vec<IndicatorRow>,
    /// Contested claims: (index into `indicators`, record), grouped by indicator.
    pub estimates: Vec<(usize, RecordIx)>,
    /// What the Estimates view's columns must hold, from every claim.
    pub estimate_needs: views::estimates::Needs,
    /// Records in view per source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
    /// The Overview's figures, gauges and counts.
    pub overview: views::overview::Facts,
}

/// Counts over the whole dataset, which never change after loading.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Records per source, in the dataset's order of sources.
    pub per_source: Vec<usize>,
    /// Records per category, in `Category::ALL` order.
    pub per_category: Vec<usize>,
}

impl Totals {
    fn of(model: &Model) -> Self {
        let all = model.all();
        let per_category = model.counts_by_category(all);
        Self {
            per_source: model.counts_by_source(all).into_iter().map(|(_, n)| n).collect(),
            per_category: Category::ALL
                .iter()
                .map(|c| per_category.iter().find(|(k, _)| k == c).map_or(0, |(_, n)| *n))
                .collect(),
        }
    }
}

pub struct App {
    pub model: Model,
    pub filter: Filter,
    pub theme: Theme,
    pub tab: ViewKind,
    /// The terminal's size, for page lengths and mouse clicks.
    pub area: Rect,
    pub derived: Derived,
    pub totals: Totals,
    cursors: [Cursor; ViewKind::ALL.len()],
    pub observations: Cursor,
    pub focus: Focus,
    pub sort: Sort,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// Text to put on the clipboard; the event loop sends it (OSC 52).
    pub clipboard: Option<String>,
    pub should_quit: bool,
    /// Where relative export paths are written.
    pub export_dir: PathBuf,
}

impl App {
    pub fn new(model: Model, filter: Filter, theme: Theme) -> Self {
        let mut app = Self {
            model,
            filter,
            theme,
            tab: ViewKind::Overview,
            area: Rect::new(0, 0, 80, 24),
            derived: Derived::default(),
            totals: Totals::default(),
            cursors: Default::default(),
            observations: Cursor::default(),
            focus: Focus::default(),
            sort: Sort::default(),
            overlay: None,
            message: None,
            clipboard: None,
            should_quit: false,
            export_dir: PathBuf::from("."),
        };
        app.totals = Totals::of(&app.model);
        app.refresh();
        app
    }

    pub fn cursor(&self, view: ViewKind) -> Cursor {
        self.cursors[view as usize]
    }

    /// The record the current view has selected, if it selects records.
    pub fn selected_record(&self) -> Option<RecordIx> {
        let at = self.cursor(self.tab).selected;
        let d = &self.derived;
        match self.tab {
            ViewKind::Timeline => d.timeline.get(at).copied(),
            ViewKind::Records => d.sorted.get(at).copied(),
            ViewKind::Estimates => d.estimates.get(at).map(|&(_, ix)| ix),
            ViewKind::Indicators => d
                .indicators
                .get(at)
                .and_then(|row| row.observations.get(self.observations.selected))
                .copied(),
            ViewKind::Overview | ViewKind::Sources => None,
        }
    }

    /// Rows in the current view's (focused) list.
    fn list_len(&self) -> usize {
        let d = &self.derived;
        match (self.tab, self.focus) {
            (ViewKind::Indicators, Focus::Observations) => d
                .indicators
                .get(self.cursor(ViewKind::Indicators).selected)
                .map_or(0, |row| row.observations.len()),
            _ => views::list_len(self, self.tab),
        }
    }

    /// Visible rows of the current view's (focused) list.
    fn list_area(&self) -> Rect {
        let body = layout::screen(self.area).body;
        views::list_area(self, self.tab, body)
    }

    fn focused_cursor(&mut self) -> &mut Cursor {
        if self.tab == ViewKind::Indicators && self.focus == Focus::Observations {
            &mut self.observations
        } else {
            &mut self.cursors[self.tab as usize]
        }
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match self.overlay.take() {
            Some(overlay) => self.update_overlay(overlay, action),
            None => self.update_normal(action),
        }
    }

    fn update_normal(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::ShowView(view) => self.tab = view,
            Action::NextView => self.tab = self.tab.next(),
            Action::PrevView => self.tab = self.tab.prev(),
            Action::Move(_) | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.move_selection(&action)
            }
            Action::FocusNext if self.tab == ViewKind::Indicators => {
                self.focus = match self.focus {
                    Focus::Indicators => Focus::Observations,
                    Focus::Observations => Focus::Indicators,
                };
            }
            Action::Open => self.open(),
            Action::Close => {}
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::EditYears => self.open_prompt(PromptKind::Years),
            Action::ShiftFrom(delta) => self.shift_years(delta, 0),
            Action::ShiftTo(delta) => self.shift_years(0, delta),
            Action::Search => self.open_prompt(PromptKind::Search),
            Action::PickCategories => self.open_categories(),
            Action::ToggleUndated => {
                self.filter.include_undated = !self.filter.include_undated;
                self.refresh();
                let shown = if self.filter.include_undated { "shown" } else { "hidden" };
                let note = if self.filter.has_year_range() {
                    ""
                } else {
                    " once a year range is set"
                };
                self.say(format!(
                    "Undated records {shown}{note}: {} records in view",
                    self.derived.view.len()
                ));
            }
            Action::ResetFilters => {
                self.filter = Filter::default();
                self.refresh();
                self.say("Filters reset: all records in view");
            }
            Action::Copy => self.copy_selected(),
            Action::SortNext => self.change_sort(|s| s.column = s.column.next()),
            Action::SortReverse => self.change_sort(|s| s.reversed = !s.reversed),
            Action::Export => self.open_prompt(PromptKind::Export),
            Action::Resize(w, h) => self.resize(w, h),
            Action::Click(column, row) => self.click(column, row),
            _ => {}
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        if let Action::Resize(w, h) = action {
            self.resize(w, h);
            self.overlay = Some(overlay);
            return;
        }
        if action == Action::Quit {
            self.should_quit = true;
            return;
        }
        self.overlay = match overlay {
            Overlay::Help { scroll } => {
                let max = help::max_scroll(self.area);
                scroll_popup(scroll, max, &action).map(|scroll| Overlay::Help { scroll })
            }
            Overlay::Detail { record, scroll } => {
                if action == Action::Copy {
                    self.copy_record(record);
                }
                let body = layout::screen(self.area).body;
                let max = detail::max_scroll(self, detail::popup_area(self, body, record), record);
                scroll_popup(scroll, max, &action).map(|scroll| Overlay::Detail { record, scroll })
            }
            Overlay::Prompt(prompt) => self.update_prompt(prompt, action),
            Overlay::Categories(list) => self.update_categories(list, action),
            Overlay::ConfirmOverwrite(path) => {
                if action == Action::Confirm {
                    self.export_to(&path, true);
                } else {
                    self.say("Export cancelled: the file was left as it was");
                }
                None
            }
        };
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.clamp_cursors();
    }

    fn move_selection(&mut self, action: &Action) {
        let len = self.list_len();
        let height = self.list_area().height as usize;
        let page = height.max(1) as isize;
        let cursor = self.focused_cursor();
        match action {
            Action::Move(delta) => cursor.move_by(*delta, len, height),
            Action::PageDown => cursor.move_by(page, len, height),
            Action::PageUp => cursor.move_by(-page, len, height),
            Action::Top => cursor.to_start(len, height),
            Action::Bottom => cursor.to_end(len, height),
            _ => {}
        }
        if self.tab == ViewKind::Indicators && self.focus == Focus::Indicators {
            self.observations = Cursor::default();
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        if layout::too_small(self.area) {
            return;
        }
        let screen = layout::screen(self.area);
        if row == screen.header.y {
            if let Some(view) = views::tab_at(column) {
                self.tab = view;
            }
            return;
        }
        let area = self.list_area();
        let inside = column >= area.x && column < area.x + area.width && row >= area.y;
        if inside {
            let len = self.list_len();
            let height = area.height as usize;
            let clicked = (row - area.y) as usize;
            self.focused_cursor().click(clicked, len, height);
        }
    }

    fn open(&mut self) {
        match self.tab {
            ViewKind::Sources => self.filter_to_selected_source(),
            ViewKind::Indicators if self.focus == Focus::Indicators => self.focus = Focus::Observations,
            _ => match self.selected_record() {
                Some(record) => self.overlay = Some(Overlay::Detail { record, scroll: 0 }),
                None => self.say("Nothing selected here"),
            },
        }
    }

    fn filter_to_selected_source(&mut self) {
        let at = self.cursor(ViewKind::Sources).selected;
        let Some(source) = self.model.dataset().sources.get(at) else {
            return;
        };
        let id = source.id.clone();
        self.filter.sources = vec![id.clone()];
        self.refresh();
        self.tab = ViewKind::Records;
        self.say(format!(
            "Showing the {} records from source `{id}`",
            self.derived.view.len()
        ));
    }

    fn open_prompt(&mut self, kind: PromptKind) {
        let input = match kind {
            PromptKind::Years => self.filter.years_label().unwrap_or_default(),
            PromptKind::Search => self.filter.search.clone(),
            PromptKind::Export => default_export_name(&self.filter),
        };
        self.overlay = Some(Overlay::Prompt(Prompt {
            kind,
            input,
            before: self.filter.search.clone(),
            error: None,
        }));
    }

    fn update_prompt(&mut self, mut prompt: Prompt, action: Action) -> Option<Overlay> {
        match action {
            Action::Input(c) => prompt.input.push(c),
            Action::Backspace => {
                prompt.input.pop();
            }
            Action::ClearLine => prompt.input.clear(),
            Action::Close => {
                if prompt.kind == PromptKind::Search {
                    self.set_search(prompt.before);
                }
                return None;
            }
            Action::Confirm => return self.submit_prompt(prompt),
            _ => return Some(Overlay::Prompt(prompt)),
        }
        prompt.error = None;
        if prompt.kind == PromptKind::Search {
            self.set_search(prompt.input.clone());
        }
        Some(Overlay::Prompt(prompt))
    }

    fn submit_prompt(&mut self, mut prompt: Prompt) -> Option<Overlay> {
        match prompt.kind {
            PromptKind::Search => {
                let found = self.derived.view.len();
                self.say(format!("{found} records match"));
                None
            }
            PromptKind::Years => match YearRange::parse(&prompt.input) {
                Ok(years) => {
                    self.filter.set_years(years);
                    self.refresh();
                    self.say(years_message(&self.filter, self.derived.view.len()));
                    None
                }
                Err(reason) => {
                    prompt.error = Some(format!("Invalid years: {reason}"));
                    self.message = Some(Message {
                        text: format!("Invalid years: {reason}"),
                        is_error: true,
                    });
                    Some(Overlay::Prompt(prompt))
                }
            },
            PromptKind::Export => {
                let name = prompt.input.trim();
                if name.is_empty() {
                    prompt.error = Some("Type a file name".into());
                    return Some(Overlay::Prompt(prompt));
                }
                let path = self.export_dir.join(name);
                if path.exists() {
                    return Some(Overlay::ConfirmOverwrite(path));
                }
                self.export_to(&path, false);
                None
            }
        }
    }

    fn set_search(&mut self, text: String) {
        if self.filter.search != text {
            self.filter.search = text;
            self.refresh();
        }
    }

    fn export_to(&mut self, path: &Path, overwrite: bool) {
        let document = export::ExportDocument::new(&self.model, &self.derived.view, &self.filter);
        match export::write_to_path(&document, export::format_for(path), path, overwrite) {
            Ok(written) => self.say(format!(
                "Exported {} records to {}",
                self.derived.view.len(),
                std::path::absolute(&written).unwrap_or(written).display()
            )),
            Err(err) => self.fail(format!("Export failed: {err}")),
        }
    }

    fn open_categories(&mut self) {
        let chosen = Category::ALL
            .iter()
            .map(|c| self.filter.categories.contains(c))
            .collect();
        self.overlay = Some(Overlay::Categories(Checklist {
            cursor: Cursor::default(),
            chosen,
        }));
    }

    fn update_categories(&mut self, mut list: Checklist, action: Action) -> Option<Overlay> {
        let len = list.chosen.len();
        let height = checklist::visible_rows(layout::screen(self.area).body);
        match action {
            Action::Move(delta) => list.cursor.move_by(delta, len, height),
            Action::Top => list.cursor.to_start(len, height),
            Action::Bottom => list.cursor.to_end(len, height),
            Action::Toggle => {
                if let Some(chosen) = list.chosen.get_mut(list.cursor.selected) {
                    *chosen = !*chosen;
                }
            }
            Action::ResetFilters => list.chosen.iter_mut().for_each(|c| *c = false),
            Action::Confirm => {
                self.filter.categories = Category::ALL
                    .iter()
                    .zip(&list.chosen)
                    .filter(|(_, on)| **on)
                    .map(|(c, _)| *c)
                    .collect();
                self.refresh();
                let which = if self.filter.categories.is_empty() {
                    "all categories".into()
                } else {
                    category_list(&self.filter.categories)
                };
                self.say(format!("{} records in {which}", self.derived.view.len()));
                return None;
            }
            Action::Close => return None,
            _ => {}
        }
        Some(Overlay::Categories(list))
    }

    fn shift_years(&mut self, from_by: i32, to_by: i32) {
        // An open end starts from the data's own first or last year.
        let span = self.model.overall_span();
        let open = span.map_or((1900, 2100), |s| (s.start, s.end));
        match self.filter.years().shifted(from_by, to_by, open) {
            Ok(years) => {
                self.filter.set_years(years);
                self.refresh();
                self.say(years_message(&self.filter, self.derived.view.len()));
            }
            Err(err) => self.fail(format!("Invalid years: {err}")),
        }
    }

    fn change_sort(&mut self, change: impl FnOnce(&mut Sort)) {
        if self.tab != ViewKind::Records {
            self.say("Sorting works in the Records view (5)");
            return;
        }
        change(&mut self.sort);
        self.derived.sorted = sorted(&self.model, &self.derived.view, self.sort);
        let order = if self.sort.reversed { "descending" } else { "ascending" };
        self.say(format!("Sorted by {} ({order})", self.sort.column.label()));
    }

    fn copy_selected(&mut self) {
        match self.selected_record() {
            Some(record) => self.copy_record(record),
            None => self.say("Select a record to copy its citation"),
        }
    }

    fn copy_record(&mut self, record: RecordIx) {
        let r = self.model.record(record);
        let unit = self.model.indicator_of(record).map(|i| i.unit.as_str());
        self.clipboard = Some(format::citation(r, self.model.source_of(record), unit));
        self.say(format!("Copied the citation of “{}” to the clipboard", r.title));
    }

    /// Recomputes everything that depends on the filter.
    pub fn refresh(&mut self) {
        let view = self.model.filter(&self.filter);
        let timeline = view
            .iter()
            .copied()
            .filter(|&ix| self.model.span(ix).is_some())
            .collect();
        let sorted = sorted(&self.model, &view, self.sort);
        let indicators = indicator_rows(&self.model, &view);
        let estimates = estimate_rows(&self.model, &view, &indicators);
        let estimate_needs = views::estimates::needs(&self.model, indicators.len(), &estimates);
        let per_source = self.model.counts_by_source(&view).into_iter().map(|(_, n)| n).collect();
        self.derived = Derived {
            view,
            timeline,
            sorted,
            indicators,
            estimates,
            estimate_needs,
            per_source,
            overview: Default::default(),
        };
        // The Overview reads the rest of `derived`, so it comes last.
        self.derived.overview = views::overview::Facts::new(self);
        self.clamp_cursors();
    }

    fn clamp_cursors(&mut self) {
        let body = layout::screen(self.area).body;
        for view in ViewKind::ALL {
            let len = views::list_len(self, view);
            // The Indicators view has two lists: clamp each to its own rows.
            let area = match view {
                ViewKind::Indicators => views::indicators::indicators_list_area(self, body),
                _ => views::list_area(self, view, body),
            };
            self.cursors[view as usize].clamp(len, area.height as usize);
        }
        let obs = self
            .derived
            .indicators
            .get(self.cursor(ViewKind::Indicators).selected)
            .map_or(0, |row| row.observations.len());
        let height = views::indicators::observations_list_area(self, body).height as usize;
        self.observations.clamp(obs, height);
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }
}

/// Scrolls a popup within `0..=max`; `None` closes it.
fn scroll_popup(scroll: usize, max: usize, action: &Action) -> Option<usize> {
    let scroll = match action {
        Action::Close | Action::Open | Action::Confirm | Action::Help => return None,
        Action::Move(delta) => scroll.saturating_add_signed(*delta),
        Action::PageDown => scroll + 10,
        Action::PageUp => scroll.saturating_sub(10),
        Action::Top => 0,
        Action::Bottom => max,
        _ => scroll,
    };
    Some(scroll.min(max))
}

fn sorted(model: &Model, view: &[RecordIx], sort: Sort) -> Vec<RecordIx> {
    let mut rows = view.to_vec();
    match sort.column {
        // `view` is already in date order, undated last.
        SortColumn::Date => {}
        SortColumn::Category => rows.sort_by_key(|&ix| model.record(ix).category.as_str()),
        SortColumn::Title => rows.sort_by_cached_key(|&ix| model.record(ix).title.to_lowercase()),
        SortColumn::Source => rows.sort_by_key(|&ix| model.record(ix).source.as_str()),
    }
    if sort.reversed {
        rows.reverse();
    }
    rows
}

fn indicator_rows(model: &Model, view: &[RecordIx]) -> Vec<IndicatorRow> {
    let mut rows: Vec<IndicatorRow> = (0..model.dataset().indicators.len())
        .map(|indicator| IndicatorRow {
            indicator,
            observations: Vec::new(),
        })
        .collect();
    for &ix in view {
        if let Some(i) = model.indicator_index(ix) {
            rows[i].observations.push(ix);
        }
    }
    rows.retain(|row| !row.observations.is_empty());
    rows
}

fn estimate_rows(model: &Model, view: &[RecordIx], indicators: &[IndicatorRow]) -> Vec<(usize, RecordIx)> {
    let contested: Vec<&str> = model.contested(view).iter().map(|i| i.id.as_str()).collect();
    indicators
        .iter()
        .enumerate()
        .filter(|(_, row)| contested.contains(&model.dataset().indicators[row.indicator].id.as_str()))
        .flat_map(|(group, row)| row.observations.iter().map(move |&ix| (group, ix)))
        .collect()
}

/// `nkict-view-1990-2002.json`, `nkict-view-all.json`.
pub fn default_export_name(filter: &Filter) -> String {
    let years = filter.years_label().unwrap_or_else(|| "all".into());
    format!("nkict-view-{years}.{}", export::default_format().extension())
}

fn years_message(filter: &Filter, count: usize) -> String {
    match filter.years_label() {
        Some(years) => format!("Years {years}: {count} records in view"),
        None => format!("All years: {count} records in view"),
    }
}

fn category_list(categories: &[Category]) -> String {
    categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
}
