//! Helpers shared by the integration tests: the fixture and the bundled
//! datasets, an `App` in the monochrome theme, input events built the way
//! crossterm delivers them, and rendering into a `TestBackend`.
//!
//! Every key goes through `keys::from_event`, so the key tables are tested
//! by every test that presses a key.

// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use nkict::data::Dataset;
use nkict::model::{Filter, Model};
use nkict::tui::action::Action;
use nkict::tui::app::View;
use nkict::tui::effect::{self, Effect};
use nkict::tui::{App, Theme, keys, render, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The path of `tests/fixtures/small.json`: a small synthetic dataset.
pub fn fixture_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json")
}

/// The fixture (parsed and validated once per test binary).
pub fn fixture() -> Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET
        .get_or_init(|| nkict::data::load_file(&fixture_path()).expect("the fixture loads"))
        .clone()
}

/// The dataset built into the binary.
pub fn bundled() -> Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET
        .get_or_init(|| nkict::data::load_embedded().expect("the embedded dataset loads"))
        .clone()
}

/// A dashboard over `dataset`, monochrome, sized `width`x`height`.
pub fn app_over(dataset: Dataset, filter: Filter, width: u16, height: u16) -> App {
    let mut app = App::new(Model::new(dataset), filter, Theme::MONOCHROME, views::ALL);
    app.update(Action::Resize(width, height));
    app
}

/// A dashboard over the fixture, monochrome, sized `width`x`height`.
pub fn app_sized(filter: Filter, width: u16, height: u16) -> App {
    app_over(fixture(), filter, width, height)
}

/// A dashboard over the fixture, monochrome, 80x24, no filter.
pub fn app() -> App {
    app_sized(Filter::default(), 80, 24)
}

/// Where view `V` is in the tabs.
pub fn position<V: View>(app: &App) -> usize {
    app.position_of::<V>().expect("the view is registered")
}

/// A key press with modifiers, as crossterm reports it.
pub fn key_with(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// A key press without modifiers.
pub fn key(code: KeyCode) -> Event {
    key_with(code, KeyModifiers::NONE)
}

/// A character key; upper-case letters and symbols come with Shift, as
/// terminals send them.
pub fn ch(c: char) -> Event {
    let shift = c.is_uppercase() || "{}?:!@#$%^&*()_+<>\"|~".contains(c);
    key_with(
        KeyCode::Char(c),
        if shift { KeyModifiers::SHIFT } else { KeyModifiers::NONE },
    )
}

pub fn ctrl(c: char) -> Event {
    key_with(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Shift-Tab, as crossterm reports it.
pub fn back_tab() -> Event {
    key_with(KeyCode::BackTab, KeyModifiers::SHIFT)
}

pub fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

pub fn click(column: u16, row: u16) -> Event {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

/// Maps `event` with the real key tables and applies it, as the event
/// loop does: effects are performed (exports written, the clipboard's
/// escape sequence dropped) and their outcome applied. Returns the action.
pub fn send(app: &mut App, event: Event) -> Option<Action> {
    let action = keys::from_event(app.mode(), &event);
    if let Some(action) = action.clone() {
        effect::run(app, action, &mut std::io::sink());
    }
    action
}

/// Maps `event` and applies it, but leaves its effect undone: what `update`
/// asked for.
pub fn effect_of(app: &mut App, event: Event) -> Option<Effect> {
    keys::from_event(app.mode(), &event).and_then(|action| app.update(action))
}

/// Presses each key of `keys` in turn (see `ch`).
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        send(app, ch(c));
    }
}

pub fn enter(app: &mut App) {
    send(app, key(KeyCode::Enter));
}

pub fn esc(app: &mut App) {
    send(app, key(KeyCode::Esc));
}

/// Draws `app` on a `TestBackend` of its own size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("test backend");
    terminal.draw(|frame| render::render(app, frame)).expect("draw");
    terminal
}

/// The screen as text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            // A wide character's second cell holds nothing to print.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            text.push_str(symbol);
        }
        text.push('\n');
    }
    text
}

/// One row of the screen as text.
pub fn row_text(terminal: &Terminal<TestBackend>, row: u16) -> String {
    screen_text(terminal)
        .lines()
        .nth(row as usize)
        .unwrap_or_default()
        .to_owned()
}

/// The rows of the main list of the view at `position`.
pub fn list_len(app: &App, position: usize) -> usize {
    app.list_of(position, nkict::tui::app::Focus::Outer)
        .map_or(0, |list| list.len)
}

/// The ids of the records at `view`, in order.
pub fn ids(app: &App, view: &[usize]) -> Vec<String> {
    view.iter().map(|&ix| app.model().record(ix).id.to_string()).collect()
}

/// A small, fast, deterministic pseudo-random generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> Self {
        // Never zero: xorshift would stay at zero forever.
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The fixture file as JSON, its records made `count` from its own (ids
/// `record-0`, `record-1`...), each then changed by `edit`: a large dataset
/// that loads, for tests through the binary.
pub fn fixture_grown_to(count: usize, edit: impl Fn(usize, &mut serde_json::Value)) -> serde_json::Value {
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture_path()).expect("the fixture")).expect("JSON");
    let originals = doc["records"].as_array().expect("records").clone();
    let records: Vec<serde_json::Value> = (0..count)
        .map(|n| {
            let mut record = originals[n % originals.len()].clone();
            record["id"] = format!("record-{n}").into();
            edit(n, &mut record);
            record
        })
        .collect();
    doc["records"] = records.into();
    doc
}

/// The names in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
