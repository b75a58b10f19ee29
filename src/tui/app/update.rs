//! `App::update`: the one function that changes the dashboard's state. It
//! reads no file and writes none; what it needs done outside (an export, a
//! copy to the clipboard) it returns as an `Effect`.

use ratatui::layout::{Position, Rect};

use std::path::{Path, PathBuf};

use super::{App, Focus, List, Message, MessageKind, Overlay, Prompt, PromptKind, ToCopy, View, export_name};
use crate::cite;
use crate::export;
use crate::model::{Filter, RecordIx, YearError, YearRange, format};
use crate::tui::action::{Action, Drill, ExportOutcome, Facet, Mode};
use crate::tui::cursor::Cursor;
use crate::tui::derived::{Derived, Sort};
use crate::tui::effect::Effect;
use crate::tui::keys;
use crate::tui::layout;
use crate::tui::picker::{self, Choice, Picker};

impl App {
    /// Changes the state as `action` asks; returns what must happen outside
    /// for it (the event loop performs it and reports back as an action).
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.apply(action);
        // The view shown may have changed, or its lists.
        self.clamp_cursors();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        // The note in place of everything shows none of what a key would do.
        if layout::too_small(self.area) && !acts_unseen(&action) {
            return None;
        }
        if !matches!(action, Action::Resize(..) | Action::Redraw) {
            self.message = None;
        }
        match action {
            Action::Resize(width, height) => self.resize(width, height),
            // The event loop draws it all again and says the size.
            Action::Redraw => {}
            Action::Quit => self.should_quit = true,
            Action::Exported(outcome) => self.exported(outcome),
            Action::Searched(text) => self.change_filter(|f| f.search = text),
            Action::Failed(text) => self.fail(text),
            action => {
                return match self.overlay.take() {
                    Some(overlay) => self.update_overlay(overlay, action),
                    None => self.update_normal(action),
                };
            }
        }
        None
    }

    fn update_normal(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ShowView(position) if position < self.views.len() => self.tab = position,
            Action::NextView => self.tab = (self.tab + 1) % self.views.len(),
            Action::PrevView => self.tab = (self.tab + self.views.len() - 1) % self.views.len(),
            Action::Move(_) | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                self.move_selection(&action)
            }
            Action::Across(by) => self.across(by),
            Action::Open => return self.open(),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::EditYears => self.open_prompt(PromptKind::Years),
            Action::ShiftFrom(_) | Action::ShiftTo(_) => self.shift_years(&action),
            Action::Search => self.open_prompt(PromptKind::Search),
            Action::Pick(facet) => self.open_picker(facet),
            Action::ToggleUndated => self.toggle_undated(),
            Action::ToggleOwnDates => self.toggle_own_dates(),
            Action::ResetFilters => {
                self.change_filter(|f| *f = Filter::default());
                self.say(format!("Filters reset: {}", self.in_view()));
            }
            Action::Copy | Action::CopyQuote => return self.copy_selected(&action),
            Action::CopyBibtex | Action::CopyCsl => return self.copy_source(&action),
            Action::SortNext => self.change_sort(&action, |s| s.column = s.column.next()),
            Action::SortReverse => self.change_sort(&action, |s| s.reversed = !s.reversed),
            Action::Export => self.open_prompt(PromptKind::Export),
            Action::Click(column, row) => self.click(column, row),
            Action::FilterToSource { source, show } => self.filter_to_source(source, show),
            Action::Drill { drill, show } => self.drill(drill, show),
            _ => {}
        }
        None
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Effect> {
        let mut effect = None;
        self.overlay = match overlay {
            Overlay::Help { scroll } => {
                let max = layout::help_scroll_limit(self.area, &self.help());
                scroll_popup(scroll, max, &action).map(|scroll| Overlay::Help { scroll })
            }
            Overlay::Detail { record, scroll } => {
                if matches!(action, Action::Copy | Action::CopyQuote) {
                    effect = Some(self.copy_record(record, &action));
                }
                let (popup, lines) = self.detail_popup(record);
                let max = layout::detail_scroll_limit(popup, &lines);
                scroll_popup(scroll, max, &action).map(|scroll| Overlay::Detail { record, scroll })
            }
            Overlay::Prompt(prompt) => return self.update_prompt(prompt, action),
            Overlay::Picker(picker) => self.update_picker(picker, action),
            Overlay::ConfirmOverwrite(path) => {
                if action == Action::Confirm {
                    effect = Some(Effect::Export { path, overwrite: true });
                } else {
                    self.notice("Export cancelled: the file was left as it was");
                }
                None
            }
        };
        effect
    }

    /// Changes the filter and works out again everything that depends on
    /// it: the only way the filter changes.
    fn change_filter(&mut self, change: impl FnOnce(&mut Filter)) {
        let before = self.filter.clone();
        change(&mut self.filter);
        if self.filter != before {
            let back = self.filter == Filter::default();
            // What no filter yielded is kept for going back; what another
            // filter yielded lends its memory to what this one yields.
            let left = std::mem::take(&mut self.derived);
            let spare = if before == Filter::default() {
                self.unfiltered = Some(left);
                Derived::default()
            } else {
                left
            };
            self.derived = match self.unfiltered.take_if(|_| back) {
                Some(derived) => derived.sorted_by(self.sort),
                None => spare.replaced(&self.model, &self.filter, self.sort),
            };
            self.clamp_cursors();
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        // `update` keeps the cursors on screen next.
        self.area = Rect::new(0, 0, width, height);
    }

    /// The cursor of the view shown's focused list.
    fn focused_cursor(&mut self) -> &mut Cursor {
        let focus = self.focus();
        let selection = &mut self.selections[self.tab];
        match focus {
            Focus::Outer => &mut selection.outer,
            Focus::Inner => &mut selection.inner,
        }
    }

    fn move_selection(&mut self, action: &Action) {
        let List { len, rows } = self.focused_list();
        let height = rows.height as usize;
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
        // A new row in the main list has inner items of its own.
        if self.focus() == Focus::Outer {
            self.selections[self.tab].inner = Cursor::default();
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let screen = layout::screen(self.area);
        if row == screen.header.y {
            if let Some(position) = layout::tab_at(self.views.iter().map(|v| v.title()), screen.header.width, column) {
                self.tab = position;
            }
            return;
        }
        let List { len, rows } = self.focused_list();
        let inside = column >= rows.x && column < rows.x + rows.width && row >= rows.y;
        if inside {
            let clicked = (row - rows.y) as usize;
            self.focused_cursor().click(clicked, len, rows.height as usize);
        }
    }

    /// Left or right: to the first or second list of a view with two, or
    /// along the selected row's items.
    fn across(&mut self, by: isize) {
        if self.list_of(self.tab, Focus::Inner).is_some() {
            self.focus_on(if by < 0 { Focus::Outer } else { Focus::Inner });
        } else if let Some(len) = self.view().across(self) {
            self.selections[self.tab].inner.move_by(by, len, len);
        }
    }

    /// Gives the keys to one list of the view shown; the lists may move
    /// (a narrow Indicators view shows one at a time).
    fn focus_on(&mut self, focus: Focus) {
        self.selections[self.tab].focus = focus;
        self.clamp_cursors();
    }

    fn open(&mut self) -> Option<Effect> {
        if self.list_of(self.tab, Focus::Inner).is_some() && self.focus() == Focus::Outer {
            self.focus_on(Focus::Inner);
            return None;
        }
        if let Some(action) = self.view().open(self) {
            return self.update_normal(action);
        }
        match self.selected_record() {
            Some(record) => self.overlay = Some(Overlay::Detail { record, scroll: 0 }),
            None => self.notice("Nothing selected here"),
        }
        None
    }

    fn filter_to_source(&mut self, source: usize, show: Option<usize>) {
        let Some(source) = self.model.dataset().sources.get(source) else {
            return;
        };
        let id = source.id.to_string();
        self.change_filter(|f| f.sources = vec![id.clone()]);
        if let Some(position) = show {
            self.tab = position;
        }
        self.say(format!("Source `{id}`: {}", self.in_view()));
    }

    /// Narrows the filter to the records behind what was drilled into,
    /// and shows them.
    fn drill(&mut self, drill: Drill, show: Option<usize>) {
        let dataset = self.model.dataset();
        let what = match drill {
            Drill::Quantity { indicator, subject } => {
                let indicator = &dataset.indicators[indicator];
                let subject = subject.map(|e| &dataset.entities[e]);
                let (id, name) = (indicator.id.to_string(), indicator.name.to_string());
                let entities: Vec<String> = subject.iter().map(|e| e.id.to_string()).collect();
                let about = subject.map_or(String::new(), |e| format!(" about {}", format::short_name(e)));
                self.change_filter(|f| {
                    f.indicator = Some(id);
                    f.entities = entities;
                });
                format!("{name}{about}")
            }
            Drill::Category(category) => {
                self.change_filter(|f| f.categories = vec![category]);
                format!("in {}", category.label())
            }
            Drill::Year(year) => {
                // The bar counts dated records only.
                self.change_filter(|f| {
                    (f.from, f.to) = (Some(year), Some(year));
                    f.include_undated = false;
                });
                format!("of {year}")
            }
        };
        if let Some(position) = show {
            self.tab = position;
        }
        let records = format::plural(self.derived.view.len(), "record");
        let reset = keys::RESET.label(0);
        self.say(format!("{records} {what}; {reset} resets the filters"));
    }

    fn open_prompt(&mut self, kind: PromptKind) {
        let input = match kind {
            PromptKind::Years => self.filter.years_label().unwrap_or_default(),
            PromptKind::Search => self.filter.search.clone(),
            PromptKind::Export => export_name::proposed(&self.filter, self.export_extension),
        };
        self.overlay = Some(Overlay::Prompt(Prompt {
            kind,
            input,
            before: self.filter.search.clone(),
            error: None,
        }));
    }

    fn update_prompt(&mut self, mut prompt: Prompt, action: Action) -> Option<Effect> {
        match action {
            Action::Input(c) => prompt.input.push(c),
            Action::Backspace => {
                prompt.input.pop();
            }
            Action::ClearLine => prompt.input.clear(),
            Action::NextFormat if prompt.kind == PromptKind::Export => {
                prompt.input = export_name::with_next_format(&prompt.input);
            }
            Action::Close => {
                if prompt.kind == PromptKind::Search {
                    self.change_filter(|f| f.search = prompt.before);
                }
                return None;
            }
            Action::Confirm => return self.submit_prompt(prompt),
            _ => {
                self.overlay = Some(Overlay::Prompt(prompt));
                return None;
            }
        }
        prompt.error = None;
        // The event loop may wait for more keys and search only the latest text.
        let search = (prompt.kind == PromptKind::Search).then(|| Effect::Search(prompt.input.clone()));
        self.overlay = Some(Overlay::Prompt(prompt));
        search
    }

    fn submit_prompt(&mut self, mut prompt: Prompt) -> Option<Effect> {
        match prompt.kind {
            PromptKind::Search => self.say(format!("{} match", format::plural(self.derived.view.len(), "record"))),
            PromptKind::Years => match YearRange::parse(&prompt.input) {
                Ok(years) => {
                    self.change_filter(|f| f.set_years(years));
                    self.say(self.years_message(""));
                }
                Err(err) => {
                    let text = format!("Invalid years: {err}");
                    prompt.error = Some(text.clone());
                    self.fail(text);
                    self.overlay = Some(Overlay::Prompt(prompt));
                }
            },
            PromptKind::Export => {
                let name = prompt.input.trim();
                if name.is_empty() {
                    prompt.error = Some("Type a file name".into());
                    self.overlay = Some(Overlay::Prompt(prompt));
                    return None;
                }
                let path = self.export_path(name);
                if let Some(format) = export::format_of(&path) {
                    self.export_extension = format.extension();
                }
                return Some(Effect::Export { path, overwrite: false });
            }
        }
        None
    }

    fn exported(&mut self, outcome: ExportOutcome) {
        match outcome {
            ExportOutcome::Written { path, records } => {
                let text = format!("Exported {} to ", format::plural(records, "record"));
                self.message = Some(Message {
                    path_at: Some(text.len()),
                    text: text + &path.to_string_lossy(),
                    kind: MessageKind::Done,
                });
            }
            // Ask before replacing it.
            ExportOutcome::Exists(path) => self.overlay = Some(Overlay::ConfirmOverwrite(path)),
            ExportOutcome::Failed(reason) => self.fail(format!("Export failed: {reason}")),
        }
    }

    /// Opens the picker of `facet`, its first chosen item in sight.
    fn open_picker(&mut self, facet: Facet) {
        // `update` puts its cursor in sight next.
        self.overlay = Some(Overlay::Picker(Picker::open(&self.model, &self.filter, facet)));
    }

    fn update_picker(&mut self, mut picker: Picker, action: Action) -> Option<Overlay> {
        picker.error = None;
        let len = picker.rows.len();
        let rows = layout::picker(self.body(), picker.items.len()).rows;
        let height = rows.height as usize;
        match action {
            // A click selects the row, as in every list, and marks or
            // unmarks it where the part takes several (Tab's mark, in place).
            Action::Click(column, row) if rows.contains(Position::new(column, row)) => {
                let on_a_row = picker.cursor.click((row - rows.y) as usize, len, height);
                if on_a_row {
                    picker.toggle();
                }
            }
            Action::Move(delta) => picker.cursor.move_by(delta, len, height),
            Action::PageDown => picker.cursor.move_by(height.max(1) as isize, len, height),
            Action::PageUp => picker.cursor.move_by(-(height.max(1) as isize), len, height),
            Action::Top => picker.cursor.to_start(len, height),
            Action::Bottom => picker.cursor.to_end(len, height),
            Action::Input(c) => {
                picker.input.push(c);
                picker.narrow();
            }
            Action::Backspace => {
                picker.input.pop();
                picker.narrow();
            }
            Action::ClearLine => {
                picker.input.clear();
                picker.narrow();
            }
            Action::Toggle => {
                if picker.toggle() {
                    picker.cursor.move_by(1, len, height);
                } else {
                    let key = keys::key_for(Mode::Picker, &Action::Toggle).unwrap_or_default();
                    picker.error = Some(format!("{key}: one {} at a time; Enter picks it", picker.facet.noun()));
                }
            }
            Action::Confirm => return self.apply_picker(picker),
            Action::Close => return None,
            _ => {}
        }
        Some(Overlay::Picker(picker))
    }

    /// Applies what Enter chose in `picker`; keeps it open when its text
    /// matches nothing.
    fn apply_picker(&mut self, mut picker: Picker) -> Option<Overlay> {
        let facet = picker.facet;
        let values = match picker.choice() {
            Choice::Values(values) => values,
            Choice::Any => Vec::new(),
            Choice::Nothing => {
                picker.error = Some(format!("No {} matches “{}”", facet.noun(), picker.input));
                return Some(Overlay::Picker(picker));
            }
        };
        let named: Vec<String> = (picker.items.iter())
            .filter(|item| values.contains(&item.value))
            .map(|item| item.label.clone())
            .collect();
        self.change_filter(|f| picker::set(f, facet, values));
        let which = match named.as_slice() {
            [] => format!("Any {}", facet.noun()),
            [one] => format!("{} {one}", capitalized(facet.noun())),
            several => format!("{} {}", facet.title(), several.join(", ")),
        };
        self.say(format!("{which}: {}", self.in_view()));
        None
    }

    fn toggle_undated(&mut self) {
        self.change_filter(|f| f.include_undated = !f.include_undated);
        let shown = if self.filter.include_undated { "shown" } else { "hidden" };
        let note = if self.filter.has_year_range() {
            ""
        } else {
            " once a year range is set"
        };
        self.say(format!("Undated records {shown}{note}: {}", self.in_view()));
    }

    fn toggle_own_dates(&mut self) {
        self.change_filter(|f| f.own_dates_only = !f.own_dates_only);
        let what = if self.filter.own_dates_only {
            "Own dates only"
        } else {
            "Source dates (c.) count again"
        };
        self.say(format!("{what}: {}", self.in_view()));
    }

    /// `[ ] { }`: moves one end of the year range by a year.
    fn shift_years(&mut self, action: &Action) {
        let (from_by, to_by) = match *action {
            Action::ShiftFrom(by) => (by, 0),
            Action::ShiftTo(by) => (0, by),
            _ => return,
        };
        let key = keys::key_for(self.mode(), action).unwrap_or_default();
        // An open end starts from the data's own first or last year.
        let Some(span) = self.model.overall_span() else {
            self.fail(format!("{key}: no record has a date to count years from"));
            return;
        };
        let before = self.filter.years();
        match before.shifted(from_by, to_by, (span.start, span.end)) {
            Ok(years) => {
                self.change_filter(|f| f.set_years(years));
                let opened = match (before.from(), before.to(), from_by, to_by) {
                    (None, _, by, _) if by < 0 => " (the data's first)",
                    (_, None, _, by) if by > 0 => " (the data's last)",
                    _ => "",
                };
                self.say(self.years_message(opened));
            }
            Err(err) => self.fail(shift_error(&key, &err, from_by != 0, self.mode())),
        }
    }

    /// Sorts the records in view again, where the view shown sorts; else
    /// says which view does.
    fn change_sort(&mut self, action: &Action, change: impl FnOnce(&mut Sort)) {
        if !offers(self.view(), action) {
            if let Some(position) = self.views.iter().position(|v| offers(*v, action)) {
                let (title, key) = (self.views[position].title(), position + 1);
                let sort = keys::key_for(self.mode(), action).unwrap_or_default();
                self.notice(format!("{sort} sorts in the {title} view ({key})"));
            }
            return;
        }
        change(&mut self.sort);
        self.derived.resort(self.sort);
        let order = if self.sort.reversed { "descending" } else { "ascending" };
        self.say(format!("Sorted by {} ({order})", self.sort.column.label()));
    }

    /// Where the export prompt's `name` is written: `~` is the home
    /// folder, and a relative name is in `export_dir`.
    pub(super) fn export_path(&self, name: &str) -> PathBuf {
        let home = self.home_dir.as_deref();
        let path = match (name.strip_prefix('~'), home) {
            (Some(""), Some(home)) => home.to_owned(),
            (Some(rest), Some(home)) if rest.starts_with(std::path::is_separator) => {
                home.join(rest.trim_start_matches(std::path::is_separator))
            }
            _ => PathBuf::from(name),
        };
        if path.is_absolute() {
            path
        } else {
            self.export_dir.join(Path::new(&path))
        }
    }

    /// Copies what the focused row shows: the selected record, or a row's
    /// latest claims (each one, a blank line between them).
    fn copy_selected(&mut self, action: &Action) -> Option<Effect> {
        let records = match self.to_copy() {
            Some(ToCopy::Record(record)) => return Some(self.copy_record(record, action)),
            Some(ToCopy::Latest(latest)) => latest.to_vec(),
            None => {
                self.notice("Select a record to copy its citation or quote");
                return None;
            }
        };
        let noun = copied_noun(action);
        let texts: Vec<String> = records.iter().map(|&r| self.copied_text(r, action)).collect();
        let titles: Vec<String> = (records.iter())
            .map(|&r| format!("“{}”", self.model.record(r).title))
            .collect();
        let what = match records.len() {
            1 => format!("the {noun} of the latest claim, {}", titles[0]),
            n => format!("the {noun}s of the {n} latest claims, {}", titles.join(", ")),
        };
        self.say(sent_to_clipboard(&what));
        Some(Effect::Copy(texts.join("\n\n")))
    }

    /// `Copy`: the record's citation; `CopyQuote`: its quote alone, with its source.
    fn copy_record(&mut self, record: RecordIx, action: &Action) -> Effect {
        let title = &self.model.record(record).title;
        self.say(sent_to_clipboard(&format!("the {} of “{title}”", copied_noun(action))));
        Effect::Copy(self.copied_text(record, action))
    }

    /// What `action` copies of `record`: its citation, or its quote alone.
    fn copied_text(&self, record: RecordIx, action: &Action) -> String {
        let r = self.model.record(record);
        let source = self.model.source_of(record);
        if *action == Action::CopyQuote {
            format::quotation(r, source)
        } else {
            let unit = self.model.indicator_of(record).map(format::Unit::of);
            format::citation(r, source, unit)
        }
    }

    /// The selected source (or the selected record's) as BibTeX or CSL-JSON.
    fn copy_source(&mut self, action: &Action) -> Option<Effect> {
        let Some(source) = self.selected_source().and_then(|i| self.model.dataset().sources.get(i)) else {
            self.notice(match self.to_copy() {
                Some(ToCopy::Latest(latest)) => format!(
                    "The {} latest claims cite different sources: {} lists them, to pick one",
                    latest.len(),
                    keys::key_for(self.mode(), &Action::Across(1)).unwrap_or_default()
                ),
                _ => "Select a source or a record to copy its source's reference".to_owned(),
            });
            return None;
        };
        let work = cite::source(self.model.dataset(), source);
        let (what, text) = if *action == Action::CopyCsl {
            ("CSL-JSON", cite::csl::item(&work))
        } else {
            ("BibTeX", cite::bibtex::entry(&work))
        };
        self.say(sent_to_clipboard(&format!("the {what} of source `{}`", source.id)));
        Some(Effect::Copy(text))
    }

    /// `12 records in view`, and the undated records the year range hides
    /// with the key that shows them: `; 20 undated hidden (u)`. (The header
    /// says the rest; a footer message has one line.)
    fn in_view(&self) -> String {
        let mut text = format!("{} in view", format::plural(self.derived.view.len(), "record"));
        let hidden = self.derived.hidden.undated;
        if hidden > 0 {
            let key = keys::UNDATED.label(0);
            text.push_str(&format!("; {} undated hidden ({key})", format::count(hidden)));
        }
        text
    }

    /// `Years 1990-2002: 12 records in view`, `note` after the years.
    fn years_message(&self, note: &str) -> String {
        match self.filter.years_label() {
            Some(years) => format!("Years {years}{note}: {}", self.in_view()),
            None => format!("All years: {}", self.in_view()),
        }
    }

    /// Says what was done.
    fn say(&mut self, text: impl Into<String>) {
        self.tell(MessageKind::Done, text.into());
    }

    /// Says why nothing was done, or what would act here instead.
    fn notice(&mut self, text: impl Into<String>) {
        self.tell(MessageKind::Notice, text.into());
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.tell(MessageKind::Error, text.into());
    }

    fn tell(&mut self, kind: MessageKind, text: String) {
        self.message = Some(Message {
            text,
            kind,
            path_at: None,
        });
    }
}

/// Whether `action` may act while the screen is too small to show
/// anything but the note: quitting, the terminal's size, and what became of
/// an effect asked for before (it is kept, to be seen once there is room).
fn acts_unseen(action: &Action) -> bool {
    matches!(
        action,
        Action::Quit
            | Action::Resize(..)
            | Action::Redraw
            | Action::Exported(_)
            | Action::Searched(_)
            | Action::Failed(_)
    )
}

/// Whether `view` gives `action` a meaning of its own.
fn offers(view: &dyn View, action: &Action) -> bool {
    view.keys().iter().any(|hint| hint.asks_for(action))
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

/// `entity` → `Entity`.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

/// What a year shift that breaks the rules says: the key, what it would
/// have done, and how to get there instead. (A shift can only cross the
/// other end from a range of one year.)
fn shift_error(key: &str, err: &YearError, moved_first: bool, mode: Mode) -> String {
    let name = |action: Action| keys::key_for(mode, &action).unwrap_or_default();
    match err {
        YearError::Backwards { to, .. } if moved_first => format!(
            "{key} can't start the range after {to}, its only year: press {} to end later first",
            name(Action::ShiftTo(1))
        ),
        YearError::Backwards { from, .. } => format!(
            "{key} can't end the range before {from}, its only year: press {} to start earlier first",
            name(Action::ShiftFrom(-1))
        ),
        YearError::NotAYear(year) => format!("{key} would reach {year}: years run from 1000 to 9999"),
    }
}

/// What `action` copies of a record, as messages name it.
fn copied_noun(action: &Action) -> &'static str {
    if *action == Action::CopyQuote {
        "quote"
    } else {
        "citation"
    }
}

/// What a copy did: it asked the terminal (OSC 52), which may ignore it
/// (tmux by default), so it claims no more. Said first, as a long title
/// may be cut.
fn sent_to_clipboard(what: &str) -> String {
    format!("Sent to the terminal's clipboard (OSC 52): {what}")
}
