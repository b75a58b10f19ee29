//! What the user asked for, as values. Keys and mouse events become actions
//! here; `App::update` is the only code that acts on them.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::app::{App, Overlay};
use super::views::ViewKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    ShowView(ViewKind),
    NextView,
    PrevView,
    /// Move the selection by rows (negative is up).
    Move(isize),
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Switch between the two lists of a view that has two (Indicators).
    FocusNext,
    /// Enter: open the selection's detail, or apply it (Sources).
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
    PickCategories,
    ResetFilters,
    Copy,
    SortNext,
    SortReverse,
    Export,
    /// Typing in a prompt.
    Input(char),
    Backspace,
    ClearLine,
    /// Space in a checklist.
    Toggle,
    Confirm,
    Resize(u16, u16),
    /// A left click at a screen column and row.
    Click(u16, u16),
}

/// The action an input event asks for in the app's current state, if any.
pub fn from_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => from_key(app, *key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        // A stray click must not answer the overwrite question.
        Event::Mouse(_) if matches!(app.overlay, Some(Overlay::ConfirmOverwrite(_))) => None,
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Move(3)),
            MouseEventKind::ScrollUp => Some(Action::Move(-3)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            _ => None,
        },
        _ => None,
    }
}

fn from_key(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match &app.overlay {
        Some(Overlay::Prompt(_)) => prompt_key(key, ctrl),
        Some(Overlay::Categories(_)) => checklist_key(key),
        Some(Overlay::ConfirmOverwrite(_)) => match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Some(Action::Close),
            _ => None,
        },
        Some(Overlay::Help { .. } | Overlay::Detail { .. }) => popup_key(key),
        None => normal_key(key),
    }
}

fn prompt_key(key: KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Esc => Some(Action::Close),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Char('u') if ctrl => Some(Action::ClearLine),
        KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
        _ => None,
    }
}

fn checklist_key(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char(' ') | KeyCode::Char('x') => Some(Action::Toggle),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Esc | KeyCode::Char('q') => Some(Action::Close),
        KeyCode::Char('r') => Some(Action::ResetFilters),
        _ => movement_key(key),
    }
}

fn popup_key(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?') => Some(Action::Close),
        KeyCode::Char('y') => Some(Action::Copy),
        _ => movement_key(key),
    }
}

fn movement_key(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Down | KeyCode::Char('j') => Action::Move(1),
        KeyCode::Up | KeyCode::Char('k') => Action::Move(-1),
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        _ => return None,
    })
}

fn normal_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = movement_key(key) {
        return Some(action);
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char(c @ '1'..='6') => Action::ShowView(ViewKind::ALL[c as usize - '1' as usize]),
        KeyCode::Tab => Action::NextView,
        KeyCode::BackTab => Action::PrevView,
        KeyCode::Left | KeyCode::Right | KeyCode::Char('h' | 'l') => Action::FocusNext,
        KeyCode::Enter => Action::Open,
        KeyCode::Esc => Action::Close,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('t') => Action::EditYears,
        KeyCode::Char('[') => Action::ShiftFrom(-1),
        KeyCode::Char(']') => Action::ShiftFrom(1),
        KeyCode::Char('{') => Action::ShiftTo(-1),
        KeyCode::Char('}') => Action::ShiftTo(1),
        KeyCode::Char('/') => Action::Search,
        KeyCode::Char('c') => Action::PickCategories,
        KeyCode::Char('u') => Action::ToggleUndated,
        KeyCode::Char('r') => Action::ResetFilters,
        KeyCode::Char('y') => Action::Copy,
        KeyCode::Char('s') => Action::SortNext,
        KeyCode::Char('S') => Action::SortReverse,
        KeyCode::Char('e') => Action::Export,
        _ => return None,
    })
}

/// The keys that work everywhere, for the footer and the help overlay.
pub const GLOBAL_KEYS: &[(&str, &str)] = &[
    ("1-6 Tab", "views"),
    ("j/k ↑/↓", "move"),
    ("PgUp/PgDn g/G", "page, ends"),
    ("Enter", "detail"),
    ("t", "years"),
    ("[ ]", "first year ±1"),
    ("{ }", "last year ±1"),
    ("u", "undated too, with years"),
    ("/", "search"),
    ("c", "categories"),
    ("r", "reset filters"),
    ("y", "copy citation"),
    ("e", "export view"),
    ("?", "help"),
    ("q", "quit"),
];
