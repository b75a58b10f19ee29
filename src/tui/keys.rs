//! The key tables, one per input mode. Each row binds keys to actions and
//! says what they do; the same rows drive matching (`from_event`) and every
//! hint on screen (the footer, the help, the popups' borders), so a key
//! cannot be shown one way and handled another.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use unicode_width::UnicodeWidthStr;

use super::action::{Action, Facet, Mode};

/// A key as the tables name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character, without Ctrl (Shift is how `S` and `{` arrive).
    Char(char),
    Ctrl(char),
    /// Any other key: Enter, the arrows, PgUp...
    Code(KeyCode),
    /// The digits `1` to the number of views; fills in `ShowView`.
    ViewNumber,
    /// Any character without Ctrl; fills in `Input`.
    Typed,
}

/// One row of a table: keys and the action each asks for, in groups (the
/// hint joins a group's keys with `/` and the groups with spaces: `j/k ↑/↓`),
/// and what they do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binding {
    pub keys: &'static [&'static [(Key, Action)]],
    pub does: &'static str,
}

/// What a screen says about some rows, in its own words: the Overview shows
/// `[ ] { } shift years` for the two shifting rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hint {
    pub rows: &'static [Binding],
    pub does: &'static str,
}

/// A mode's keys: those its hints list (a popup's border, the footer), then
/// the movement only the footer lists (a popup's border has no room for
/// it), then those only a view mentions or no hint needs (typing in a
/// prompt).
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub shown: &'static [Binding],
    pub moves: &'static [Binding],
    pub quiet: &'static [Binding],
}

const fn row(keys: &'static [&'static [(Key, Action)]], does: &'static str) -> Binding {
    Binding { keys, does }
}

use Key::{Char, Code, Ctrl};

pub const VIEWS: Binding = row(
    &[
        &[(Key::ViewNumber, Action::ShowView(0))],
        &[
            (Code(KeyCode::Tab), Action::NextView),
            (Code(KeyCode::BackTab), Action::PrevView),
        ],
    ],
    "views",
);
pub const MOVE: Binding = row(
    &[
        &[(Char('j'), Action::Move(1)), (Char('k'), Action::Move(-1))],
        &[
            (Code(KeyCode::Up), Action::Move(-1)),
            (Code(KeyCode::Down), Action::Move(1)),
        ],
    ],
    "move",
);
pub const PAGE: Binding = row(
    &[
        &[
            (Code(KeyCode::PageUp), Action::PageUp),
            (Code(KeyCode::PageDown), Action::PageDown),
        ],
        &[(Char('g'), Action::Top), (Char('G'), Action::Bottom)],
        &[(Code(KeyCode::Home), Action::Top), (Code(KeyCode::End), Action::Bottom)],
    ],
    "page, ends",
);
pub const OPEN: Binding = row(&[&[(Code(KeyCode::Enter), Action::Open)]], "detail");
pub const YEARS: Binding = row(&[&[(Char('t'), Action::EditYears)]], "years");
pub const SHIFT_FROM: Binding = row(
    &[
        &[(Char('['), Action::ShiftFrom(-1))],
        &[(Char(']'), Action::ShiftFrom(1))],
    ],
    "first year ±1",
);
pub const SHIFT_TO: Binding = row(
    &[&[(Char('{'), Action::ShiftTo(-1))], &[(Char('}'), Action::ShiftTo(1))]],
    "last year ±1",
);
pub const UNDATED: Binding = row(&[&[(Char('u'), Action::ToggleUndated)]], "undated too, with years");
pub const OWN_DATES: Binding = row(
    &[&[(Char('o'), Action::ToggleOwnDates)]],
    "own dates only (c. 2002 counts as undated)",
);
pub const SEARCH: Binding = row(&[&[(Char('/'), Action::Search)]], "search");
pub const CATEGORIES: Binding = row(&[&[(Char('c'), Action::Pick(Facet::Category))]], "categories");
pub const ENTITIES: Binding = row(&[&[(Char('a'), Action::Pick(Facet::Entity))]], "about: entities");
pub const INDICATORS: Binding = row(&[&[(Char('i'), Action::Pick(Facet::Indicator))]], "indicator");
pub const SOURCES: Binding = row(&[&[(Char('w'), Action::Pick(Facet::Source))]], "who says: sources");
pub const KINDS: Binding = row(&[&[(Char('K'), Action::Pick(Facet::Kind))]], "kinds of record");
pub const RESET: Binding = row(&[&[(Char('r'), Action::ResetFilters)]], "reset filters");
pub const COPY: Binding = row(&[&[(Char('y'), Action::Copy)]], "copy citation");
pub const COPY_QUOTE: Binding = row(&[&[(Char('Y'), Action::CopyQuote)]], "copy quote");
pub const COPY_BIBTEX: Binding = row(&[&[(Char('b'), Action::CopyBibtex)]], "copy source's BibTeX");
pub const COPY_CSL: Binding = row(&[&[(Char('J'), Action::CopyCsl)]], "copy source's CSL-JSON");
pub const EXPORT: Binding = row(&[&[(Char('e'), Action::Export)]], "export view");
pub const HELP: Binding = row(&[&[(Char('?'), Action::Help)]], "help");
pub const QUIT: Binding = row(&[&[(Char('q'), Action::Quit)]], "quit");
pub const CLEAR_MESSAGE: Binding = row(&[&[(Code(KeyCode::Esc), Action::Close)]], "clear the message");
pub const FOCUS: Binding = row(
    &[
        &[
            (Code(KeyCode::Left), Action::Across(-1)),
            (Code(KeyCode::Right), Action::Across(1)),
        ],
        &[(Char('h'), Action::Across(-1)), (Char('l'), Action::Across(1))],
    ],
    "switch list",
);
pub const SORT: Binding = row(&[&[(Char('s'), Action::SortNext)]], "sort column");
pub const SORT_REVERSE: Binding = row(&[&[(Char('S'), Action::SortReverse)]], "reverse");

/// Whatever is on screen: Ctrl-C quits, Ctrl-L draws it all again.
pub const ALWAYS: &[Binding] = &[
    row(&[&[(Ctrl('c'), Action::Quit)]], "quit"),
    row(&[&[(Ctrl('l'), Action::Redraw)]], "draw the screen again"),
];

pub const NORMAL: Table = Table {
    shown: &[
        VIEWS,
        MOVE,
        PAGE,
        OPEN,
        YEARS,
        SHIFT_FROM,
        SHIFT_TO,
        UNDATED,
        OWN_DATES,
        SEARCH,
        CATEGORIES,
        ENTITIES,
        INDICATORS,
        SOURCES,
        KINDS,
        RESET,
        COPY,
        COPY_QUOTE,
        COPY_BIBTEX,
        COPY_CSL,
        EXPORT,
        HELP,
        QUIT,
        CLEAR_MESSAGE,
    ],
    moves: &[],
    // Hinted by the views that give them a meaning.
    quiet: &[FOCUS, SORT, SORT_REVERSE],
};

pub const PROMPT: Table = Table {
    shown: &[
        row(&[&[(Code(KeyCode::Enter), Action::Confirm)]], "apply"),
        row(&[&[(Code(KeyCode::Esc), Action::Close)]], "cancel"),
        row(&[&[(Ctrl('u'), Action::ClearLine)]], "clear"),
    ],
    moves: &[],
    quiet: &[
        row(&[&[(Code(KeyCode::Backspace), Action::Backspace)]], "delete"),
        row(&[&[(Key::Typed, Action::Input(' '))]], "type"),
        // Hinted by the export prompt, the one prompt it changes.
        row(&[&[(Code(KeyCode::Tab), Action::NextFormat)]], "next format"),
    ],
};

/// A picker's list moves with the arrows: letters type.
const PICK_MOVE: Binding = row(
    &[&[
        (Code(KeyCode::Up), Action::Move(-1)),
        (Code(KeyCode::Down), Action::Move(1)),
    ]],
    "move",
);
const PICK_PAGE: Binding = row(
    &[
        &[
            (Code(KeyCode::PageUp), Action::PageUp),
            (Code(KeyCode::PageDown), Action::PageDown),
        ],
        &[(Code(KeyCode::Home), Action::Top), (Code(KeyCode::End), Action::Bottom)],
    ],
    "page, ends",
);

pub const PICKER: Table = Table {
    shown: &[
        row(&[&[(Code(KeyCode::Enter), Action::Confirm)]], "apply"),
        row(&[&[(Code(KeyCode::Tab), Action::Toggle)]], "mark"),
        row(&[&[(Code(KeyCode::Esc), Action::Close)]], "cancel"),
    ],
    moves: &[PICK_MOVE, PICK_PAGE],
    quiet: &[
        row(&[&[(Ctrl('u'), Action::ClearLine)]], "clear"),
        row(&[&[(Code(KeyCode::Backspace), Action::Backspace)]], "delete"),
        row(&[&[(Key::Typed, Action::Input(' '))]], "type to narrow"),
    ],
};

/// Replacing a file takes an explicit `y`: Enter, pressed once too often
/// after typing the name, keeps it.
pub const CONFIRM: Table = Table {
    shown: &[
        row(&[&[(Char('y'), Action::Confirm)]], "replaces it"),
        row(
            &[&[
                (Char('n'), Action::Close),
                (Code(KeyCode::Enter), Action::Close),
                (Code(KeyCode::Esc), Action::Close),
                (Char('q'), Action::Close),
            ]],
            "keeps it",
        ),
    ],
    moves: &[],
    quiet: &[],
};

pub const POPUP_CLOSE: Binding = row(
    &[&[
        (Code(KeyCode::Esc), Action::Close),
        (Code(KeyCode::Enter), Action::Close),
        (Char('q'), Action::Close),
        (Char('?'), Action::Close),
    ]],
    "close",
);

pub const DETAIL: Table = Table {
    shown: &[POPUP_CLOSE, COPY, COPY_QUOTE],
    moves: &[MOVE, PAGE],
    quiet: &[],
};

/// The help copies nothing: it has no record.
pub const HELP_POPUP: Table = Table {
    shown: &[POPUP_CLOSE],
    moves: &[MOVE, PAGE],
    quiet: &[],
};

/// The "needs more room" note says `q quits`; Ctrl-C and Ctrl-L work too
/// (`ALWAYS`), every other key is ignored.
pub const TOO_SMALL: Table = Table {
    shown: &[QUIT],
    moves: &[],
    quiet: &[],
};

pub fn table(mode: Mode) -> &'static Table {
    match mode {
        Mode::Normal { .. } => &NORMAL,
        Mode::Prompt => &PROMPT,
        Mode::Picker => &PICKER,
        Mode::Confirm => &CONFIRM,
        Mode::Detail => &DETAIL,
        Mode::Help => &HELP_POPUP,
        Mode::TooSmall => &TOO_SMALL,
    }
}

/// Every row of `table`, in the order matching tries them.
fn rows(table: &Table) -> impl Iterator<Item = &Binding> {
    table.shown.iter().chain(table.moves).chain(table.quiet)
}

/// The name of the first key of `mode`'s table that asks for `action`:
/// `{` for `ShiftTo(-1)`, for messages that name the key pressed.
pub fn key_for(mode: Mode, action: &Action) -> Option<String> {
    let table = table(mode);
    let views = match mode {
        Mode::Normal { views } => views,
        _ => 0,
    };
    rows(table)
        .flat_map(|binding| binding.keys.iter().copied().flatten())
        .find(|(_, a)| a == action)
        .map(|(key, _)| key.name(views))
}

/// The action an input event asks for in `mode`, if any.
pub fn from_event(mode: Mode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => from_key(mode, *key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        // A stray click must not answer the overwrite question, nor act
        // on a screen that shows nothing to click.
        Event::Mouse(_) if matches!(mode, Mode::Confirm | Mode::TooSmall) => None,
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Move(3)),
            MouseEventKind::ScrollUp => Some(Action::Move(-3)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `event` asks to quit the loading screen: the keys that quit the
/// dashboard (`q`, Ctrl-C), or Esc.
pub fn quits(event: &Event) -> bool {
    let esc = matches!(event, Event::Key(key) if key.kind == KeyEventKind::Press && key.code == KeyCode::Esc);
    esc || matches!(from_event(Mode::Normal { views: 0 }, event), Some(Action::Quit))
}

fn from_key(mode: Mode, key: KeyEvent) -> Option<Action> {
    let views = match mode {
        Mode::Normal { views } => views,
        _ => 0,
    };
    let table = table(mode);
    (ALWAYS.iter())
        .chain(rows(table))
        .flat_map(|binding| binding.keys.iter().copied().flatten())
        .find_map(|(bound, action)| matches(*bound, key, views).map(|c| fill_in(action, c)))
}

/// Whether `key` is the `bound` key; if so, the character it brings.
fn matches(bound: Key, key: KeyEvent, views: usize) -> Option<char> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let typed = match key.code {
        KeyCode::Char(c) => Some(c),
        _ => None,
    };
    let found = match bound {
        Key::Char(c) => typed == Some(c) && !ctrl,
        Key::Ctrl(c) => typed == Some(c) && ctrl,
        Key::Code(code) => key.code == code,
        Key::ViewNumber => typed.is_some_and(|c| !ctrl && view_number(c).is_some_and(|n| n < views)),
        Key::Typed => typed.is_some() && !ctrl,
    };
    found.then(|| typed.unwrap_or(' '))
}

/// `1` is the first view.
fn view_number(c: char) -> Option<usize> {
    c.to_digit(10).and_then(|d| (d as usize).checked_sub(1))
}

/// The action, with what the key brings where it takes it.
fn fill_in(action: &Action, c: char) -> Action {
    match action {
        Action::ShowView(_) => Action::ShowView(view_number(c).unwrap_or(0)),
        Action::Input(_) => Action::Input(c),
        other => other.clone(),
    }
}

impl Key {
    /// How hints name the key; `views` says how far the view numbers go.
    pub fn name(self, views: usize) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::ViewNumber => format!("1-{views}"),
            Key::Typed => "text".into(),
            Key::Code(code) => match code {
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                other => other.to_string(),
            },
        }
    }
}

impl Binding {
    /// The keys as the hint shows them: `j/k ↑/↓`.
    pub fn label(&self, views: usize) -> String {
        let group = |keys: &[(Key, Action)]| -> String {
            keys.iter().map(|(k, _)| k.name(views)).collect::<Vec<_>>().join("/")
        };
        self.keys.iter().map(|g| group(g)).collect::<Vec<_>>().join(" ")
    }

    /// Whether one of its keys asks for `action`.
    pub fn asks_for(&self, action: &Action) -> bool {
        self.keys.iter().copied().flatten().any(|(_, a)| a == action)
    }
}

impl Hint {
    /// A row, in its own words.
    pub const fn of(rows: &'static [Binding]) -> Self {
        Self {
            rows,
            does: rows[0].does,
        }
    }

    /// One row, in its own words.
    pub fn one(row: &'static Binding) -> Self {
        Self {
            rows: std::slice::from_ref(row),
            does: row.does,
        }
    }

    /// The keys of every row: `[ ] { }`.
    pub fn label(&self, views: usize) -> String {
        self.rows.iter().map(|r| r.label(views)).collect::<Vec<_>>().join(" ")
    }

    pub fn asks_for(&self, action: &Action) -> bool {
        self.rows.iter().any(|r| r.asks_for(action))
    }
}

/// `key does` pairs for one line (a footer, a border), in order.
pub fn pairs(hints: &[Hint], views: usize) -> Vec<(String, &'static str)> {
    hints.iter().map(|h| (h.label(views), h.does)).collect()
}

/// A mode's shown rows as hints, for the border of its popup.
pub fn shown(table: &Table) -> Vec<Hint> {
    table.shown.iter().map(Hint::one).collect()
}

/// A mode's shown rows, then its movement, as hints: for the footer
/// under a popup, a picker or a prompt.
pub fn shown_and_moves(table: &Table) -> Vec<Hint> {
    table.shown.iter().chain(table.moves).map(Hint::one).collect()
}

/// A mode's shown keys for a popup's border: ` Enter apply · Esc cancel `.
pub fn border(table: &Table) -> String {
    let pairs = pairs(&shown(table), 0);
    let text: Vec<String> = pairs.into_iter().map(|(key, does)| format!("{key} {does}")).collect();
    format!(" {} ", text.join(" · "))
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Key(String, &'static str),
    Note(String),
    Blank,
}

impl HelpLine {
    /// Columns the keys of `lines` take, a space after them included.
    pub fn key_width(lines: &[HelpLine]) -> usize {
        let keys = lines.iter().filter_map(|line| match line {
            HelpLine::Key(key, _) => Some(key.width() + 1),
            _ => None,
        });
        keys.max().unwrap_or(0)
    }

    /// Columns the line takes, its keys padded to `key_width`.
    pub fn width(&self, key_width: usize) -> usize {
        match self {
            HelpLine::Heading(text) | HelpLine::Note(text) => text.width(),
            HelpLine::Key(_, does) => 2 + key_width + does.width(),
            HelpLine::Blank => 0,
        }
    }
}

/// The help: the keys that work everywhere, then each view's own, from the
/// same tables as the matching. `views` holds each view's `Title (n)` and hints.
pub fn help(views: &[(String, &[Hint])]) -> Vec<HelpLine> {
    let count = views.len();
    let mut lines = vec![HelpLine::Heading("Everywhere".into())];
    lines.extend(NORMAL.shown.iter().map(|b| HelpLine::Key(b.label(count), b.does)));
    lines.extend(ALWAYS.iter().map(|b| HelpLine::Key(b.label(count), b.does)));
    lines.push(HelpLine::Key(
        "mouse".into(),
        "wheel scrolls, click selects a row or a tab",
    ));
    for (title, hints) in views.iter().filter(|(_, hints)| !hints.is_empty()) {
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Heading(title.clone()));
        lines.extend(hints.iter().map(|h| HelpLine::Key(h.label(count), h.does)));
    }
    lines.push(HelpLine::Blank);
    let prompt = pairs(&shown(&PROMPT), count)
        .into_iter()
        .map(|(key, does)| format!("{key} {does}"))
        .collect::<Vec<_>>();
    lines.push(HelpLine::Note(format!("In prompts: {}.", prompt.join(", "))));
    lines.push(HelpLine::Note(
        "Years: 1990-2002, 1995-, -2000, 1997, 1990s; empty clears.".into(),
    ));
    let copies: Vec<String> = [COPY, COPY_QUOTE, COPY_BIBTEX, COPY_CSL]
        .iter()
        .map(|b| b.label(count))
        .collect();
    // Two lines: the popup is as wide as its longest.
    lines.push(HelpLine::Note(format!(
        "Copying ({}) sends to the terminal's clipboard (OSC 52):",
        copies.join(" ")
    )));
    lines.push(HelpLine::Note(
        "the terminal must accept it (tmux: set -g set-clipboard on).".into(),
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn the_loading_screen_quits_on_q_esc_and_ctrl_c_only() {
        let none = KeyModifiers::NONE;
        assert!(quits(&key(KeyCode::Char('q'), none)));
        assert!(quits(&key(KeyCode::Esc, none)));
        assert!(quits(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        for other in [KeyCode::Char('c'), KeyCode::Char('1'), KeyCode::Enter] {
            assert!(!quits(&key(other, none)), "{other:?}");
        }
    }

    const NORMAL_6: Mode = Mode::Normal { views: 6 };
    const EVERY_MODE: [Mode; 7] = [
        NORMAL_6,
        Mode::Prompt,
        Mode::Picker,
        Mode::Confirm,
        Mode::Detail,
        Mode::Help,
        Mode::TooSmall,
    ];

    #[test]
    fn labels_name_every_key_of_a_row_in_its_groups() {
        assert_eq!(MOVE.label(6), "j/k ↑/↓");
        assert_eq!(PAGE.label(6), "PgUp/PgDn g/G Home/End");
        assert_eq!(VIEWS.label(6), "1-6 Tab/Shift-Tab");
        assert_eq!(
            Hint {
                rows: &[SHIFT_FROM, SHIFT_TO],
                does: "shift years"
            }
            .label(6),
            "[ ] { }"
        );
        assert_eq!(PROMPT.shown[2].label(6), "Ctrl-U");
        assert_eq!(PICKER.shown[1].label(6), "Tab");
    }

    #[test]
    fn every_key_of_a_row_asks_for_what_the_row_says() {
        let digit = |c| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(from_event(NORMAL_6, &digit('1')), Some(Action::ShowView(0)));
        assert_eq!(from_event(NORMAL_6, &digit('6')), Some(Action::ShowView(5)));
        assert_eq!(from_event(NORMAL_6, &digit('7')), None, "there are six views");
        assert_eq!(
            from_event(Mode::Normal { views: 7 }, &digit('7')),
            Some(Action::ShowView(6))
        );
        assert_eq!(from_event(NORMAL_6, &digit('0')), None);
        assert_eq!(from_event(NORMAL_6, &digit('j')), Some(Action::Move(1)));
        assert_eq!(
            from_event(NORMAL_6, &key(KeyCode::Char('{'), KeyModifiers::SHIFT)),
            Some(Action::ShiftTo(-1))
        );
        assert_eq!(
            from_event(NORMAL_6, &key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevView)
        );
        // In a prompt a letter is text, however it is bound elsewhere.
        assert_eq!(from_event(Mode::Prompt, &digit('q')), Some(Action::Input('q')));
        assert_eq!(from_event(Mode::Prompt, &digit('고')), Some(Action::Input('고')));
        assert_eq!(
            from_event(Mode::Prompt, &key(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            Some(Action::ClearLine)
        );
        assert_eq!(
            from_event(Mode::Prompt, &key(KeyCode::Char('w'), KeyModifiers::CONTROL)),
            None
        );
        for mode in EVERY_MODE {
            assert_eq!(
                from_event(mode, &key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn ctrl_l_redraws_and_ctrl_c_quits_in_every_mode() {
        let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        for mode in EVERY_MODE {
            assert_eq!(from_event(mode, &ctrl('l')), Some(Action::Redraw), "{mode:?}");
            assert_eq!(from_event(mode, &ctrl('c')), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn the_help_copies_nothing_and_the_detail_copies_its_record() {
        let y = key(KeyCode::Char('y'), KeyModifiers::NONE);
        assert_eq!(from_event(Mode::Help, &y), None);
        assert_eq!(from_event(Mode::Detail, &y), Some(Action::Copy));
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(from_event(Mode::Help, &j), Some(Action::Move(1)));
        // A picker's letters type: its movement is the arrows only.
        assert_eq!(from_event(Mode::Picker, &j), Some(Action::Input('j')));
        let labels: Vec<String> = shown_and_moves(&PICKER).iter().map(|h| h.label(0)).collect();
        assert_eq!(labels, ["Enter", "Tab", "Esc", "↑/↓", "PgUp/PgDn Home/End"]);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in EVERY_MODE {
            let table = table(mode);
            let keys: Vec<Key> = (ALWAYS.iter())
                .chain(rows(table))
                .flat_map(|b| b.keys.iter().copied().flatten().map(|(k, _)| *k))
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[..i].contains(k), "{mode:?}: {k:?} is bound twice");
            }
        }
    }

    #[test]
    fn the_help_lists_every_shown_key_and_each_views_own() {
        const RECORDS: &[Hint] = &[Hint::of(&[SORT])];
        let lines = help(&[("Overview (1)".into(), &[]), ("Records (2)".into(), RECORDS)]);
        assert_eq!(lines[0], HelpLine::Heading("Everywhere".into()));
        assert!(lines.contains(&HelpLine::Key("1-2 Tab/Shift-Tab".into(), "views")));
        assert!(lines.contains(&HelpLine::Key("Ctrl-C".into(), "quit")));
        assert!(lines.contains(&HelpLine::Heading("Records (2)".into())));
        assert!(
            !lines.contains(&HelpLine::Heading("Overview (1)".into())),
            "no keys, no section"
        );
        assert!(lines.contains(&HelpLine::Key("s".into(), "sort column")));
        assert!(lines.contains(&HelpLine::Note(
            "In prompts: Enter apply, Esc cancel, Ctrl-U clear.".into()
        )));
    }
}
