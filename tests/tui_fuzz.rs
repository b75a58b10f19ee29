//! Long random sequences of keys, mouse events and resizes (to sizes as small
//! as 0x0), each followed by a draw at the current size, on the small fixture
//! dataset. Nothing may panic and the selections of the view shown must stay
//! inside its lists.
//! Deterministic: a failing seed and step are named in the panic message, and
//! replay identically.

mod common;

use std::collections::BTreeSet;
use std::time::Instant;

use common::*;
use nkict::data::Category;
use nkict::model::Filter;
use nkict::tui::action::Action;
use nkict::tui::action::Facet;
use nkict::tui::app::{App, Focus, Overlay, PromptKind};
use nkict::tui::picker::PickRow;
use nkict::tui::views::indicators::Indicators;
use nkict::tui::{effect, keys, layout, render, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEventKind};

/// Seeds 1..=40, or as many as `NKICT_FUZZ_SEEDS` says.
fn seeds() -> u64 {
    std::env::var("NKICT_FUZZ_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

/// Events per seed. Drawing dominates the cost (the drawing crates are
/// optimised even in test builds), so the default keeps the test near ten seconds;
/// `NKICT_FUZZ_EVENTS=20000 cargo test --release --test tui_fuzz` goes deeper.
fn events_per_seed() -> usize {
    std::env::var("NKICT_FUZZ_EVENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(600)
}

/// Keys the dashboard maps somewhere, plus some it does not.
const CHARS: &[char] = &[
    '1', '2', '3', '4', '5', '6', 'q', 'j', 'k', 'g', 'G', 'h', 'l', 't', '[', ']', '{', '}', '/', 'c', 'r', 'y', 's',
    'S', 'e', '?', 'x', 'n', 'Y', 'N', ' ', '-', '0', '7', '9', 'a', 'i', 'w', 'K', 'o', 'u', 'z', '.', '"', 'é', '고',
    '려', '😀',
];

const SPECIAL: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::F(1),
];

/// Sizes nobody should have but terminals report, and the edges of the
/// layout: too small, just big enough, the Records side panel's threshold.
const SMALL_SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (0, 24),
    (80, 0),
    (20, 5),
    (59, 14),
    (59, 40),
    (120, 14),
    (60, 15),
    (61, 16),
    (80, 24),
    (100, 30),
];

/// Sizes with room for the dashboard, to leave the too-small note by.
const ROOMY_SIZES: &[(u16, u16)] = &[(60, 15), (61, 16), (80, 24), (100, 30)];

/// Big terminals: rarer, because each of their frames costs more to draw.
const LARGE_SIZES: &[(u16, u16)] = &[(119, 40), (120, 40), (160, 48), (250, 70)];

fn random_event(rng: &mut XorShift, width: u16, height: u16) -> Event {
    // Clicks and scrolls anywhere on (and just off) the screen.
    let column = rng.below(u64::from(width) + 3) as u16;
    let row = rng.below(u64::from(height) + 3) as u16;
    match rng.below(100) {
        0..=52 => ch(*rng.pick(CHARS)),
        53..=70 => key(*rng.pick(SPECIAL)),
        71..=73 => ctrl('u'),
        74 => ctrl(*rng.pick(&['a', 'k', 'w', 'l'])),
        75..=82 => click(column, row),
        83..=86 => mouse(MouseEventKind::ScrollDown, column, row),
        87..=89 => mouse(MouseEventKind::ScrollUp, column, row),
        90 => mouse(MouseEventKind::Up(MouseButton::Left), column, row),
        91 => mouse(MouseEventKind::Down(MouseButton::Right), column, row),
        _ => {
            let (w, h) = match rng.below(20) {
                0..=11 => *rng.pick(SMALL_SIZES),
                12 => *rng.pick(LARGE_SIZES),
                _ => (rng.below(130) as u16, rng.below(45) as u16),
            };
            Event::Resize(w, h)
        }
    }
}

/// Short meaningful sequences, so that states a few keys deep (an
/// observation's detail, the overwrite question) are reached often.
fn random_macro(rng: &mut XorShift) -> Vec<Event> {
    let keys = |text: &&str| text.chars().map(ch).collect::<Vec<_>>();
    let enter = || key(KeyCode::Enter);
    let mut events = match rng.below(6) {
        0 => vec![ch('e'), enter()],
        1 => vec![ch('3'), enter(), ch('j'), enter()],
        2 => {
            let mut e = keys(&"t");
            e.push(ctrl('u'));
            e.extend(keys(rng.pick(&[
                "2000-2010",
                "2005",
                "2008-",
                "-1995",
                "",
                "2010-2000",
                "abc",
            ])));
            e.push(enter());
            e
        }
        3 => {
            let mut e = keys(&"/");
            e.extend(keys(rng.pick(&[
                "cable",
                "ExampleNet",
                "Tesuville",
                "zzz",
                "intranet",
                "a",
            ])));
            e
        }
        4 => vec![ch(*rng.pick(&['2', '4', '5'])), key(KeyCode::PageDown), enter()],
        _ => keys(rng.pick(&[
            "c\t\t\n",
            "aexa\t\n",
            "istaff\n",
            "wada\n",
            "Kobs\n",
            "t2000-2010\nou",
            "5sS",
            "5ssS",
            "6j\n",
            "r",
        ])),
    };
    for event in &mut events {
        if *event == ch('\n') {
            *event = enter();
        } else if *event == ch('\t') {
            *event = key(KeyCode::Tab);
        }
    }
    events
}

/// An export prompt whose name leaves the temporary folder (`/`, `..`) is
/// not submitted: the fuzzer must not write outside it.
fn would_escape(app: &App, action: &Action) -> bool {
    match (&app.overlay, action) {
        (Some(Overlay::Prompt(p)), Action::Confirm) if p.kind == PromptKind::Export => {
            let name = p.input.trim();
            name.contains('/') || name.contains('\\') || name.contains("..") || name.starts_with('~')
        }
        _ => false,
    }
}

fn check_invariants(app: &App, seed: u64, step: usize, event: &Event) {
    let context = || format!("seed {seed}, step {step}, after {event:?}");
    let drawn = !layout::too_small(app.area());
    // The view shown: another's selections are kept in its lists when it
    // is shown (its lists are worked out only then).
    let position = app.tab();
    let view = views::ALL[position];
    {
        let selection = app.selection(position);
        for focus in [Focus::Outer, Focus::Inner] {
            let Some(list) = app.list_of(position, focus) else {
                continue;
            };
            let cursor = selection.of(focus);
            let what = || format!("{} {focus:?}", view.title());
            assert!(
                cursor.selected < list.len.max(1),
                "{}: selection {} outside {} rows ({})",
                what(),
                cursor.selected,
                list.len,
                context()
            );
            assert!(
                cursor.offset <= cursor.selected,
                "{}: {cursor:?} ({})",
                what(),
                context()
            );
            // The selected row is drawn: it lies in the visible window.
            let height = list.rows.height as usize;
            if drawn && height > 0 && list.len > 0 {
                assert!(
                    cursor.window(list.len, height).contains(&cursor.selected),
                    "{}: {cursor:?} not visible in {height} rows ({})",
                    what(),
                    context()
                );
            }
        }
    }
    match &app.overlay {
        Some(Overlay::Picker(picker)) => {
            assert_eq!(picker.marked.len(), picker.items.len(), "{}", context());
            assert!(
                picker.cursor.selected < picker.rows.len().max(1),
                "picker {:?} of {} rows ({})",
                picker.cursor,
                picker.rows.len(),
                context()
            );
            assert!(
                (picker.rows.iter()).all(|row| !matches!(row, PickRow::Item(i) if *i >= picker.items.len())),
                "{}",
                context()
            );
            if picker.facet == Facet::Category {
                assert_eq!(picker.items.len(), Category::ALL.len());
            }
            // The highlighted row is drawn.
            let rows = layout::picker(app.body(), picker.items.len()).rows.height as usize;
            if drawn && rows > 0 && !picker.rows.is_empty() {
                let window = picker.cursor.window(picker.rows.len(), rows);
                assert!(
                    window.contains(&picker.cursor.selected),
                    "picker {:?} ({})",
                    picker.cursor,
                    context()
                );
            }
        }
        Some(Overlay::Detail { record, .. }) => assert!(*record < app.model().len(), "{}", context()),
        _ => {}
    }
    if let Some(ix) = app.selected_record() {
        assert!(
            app.derived().view.contains(&ix),
            "the selected record is in view ({})",
            context()
        );
    }
    assert_eq!(app.sorted().len(), app.derived().view.len(), "{}", context());
}

/// The states a run reached, to check that the generator reaches them all.
fn state_name(app: &App) -> String {
    if layout::too_small(app.area()) {
        return "too small".into();
    }
    let overlay = match &app.overlay {
        None => "no overlay".to_owned(),
        Some(Overlay::Prompt(p)) => format!("{:?} prompt", p.kind),
        Some(Overlay::Help { .. }) => "help".into(),
        Some(Overlay::Detail { .. }) => "detail".into(),
        Some(Overlay::Picker(picker)) => format!("{} picker", picker.facet.title()),
        Some(Overlay::ConfirmOverwrite(_)) => "confirm overwrite".into(),
    };
    let title = app.view().title();
    if app.tab() == app.position_of::<Indicators>().unwrap_or(usize::MAX) {
        format!("{title} ({:?}), {overlay}", app.focus())
    } else {
        format!("{title}, {overlay}")
    }
}

fn run_seed(seed: u64, export_dir: &std::path::Path, reached: &mut BTreeSet<String>) -> usize {
    let mut rng = XorShift::new(seed);
    let mut app = app_sized(Filter::default(), 80, 24);
    app.export_dir = export_dir.to_owned();
    let (mut width, mut height) = (80u16, 24u16);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut quits = 0;
    let mut pending = std::collections::VecDeque::new();
    for step in 0..events_per_seed() {
        if pending.is_empty() && rng.chance(4) {
            pending.extend(random_macro(&mut rng));
        }
        let event = pending
            .pop_front()
            .unwrap_or_else(|| random_event(&mut rng, width, height));
        // On the too-small note every key but `q` is ignored: there, most
        // events are spent, so room comes back sooner, for the keys to
        // keep reaching the states a few keys deep.
        let event = if layout::too_small(app.area()) && rng.chance(30) {
            let (w, h) = *rng.pick(ROOMY_SIZES);
            Event::Resize(w, h)
        } else {
            event
        };
        if let Event::Resize(w, h) = event {
            (width, height) = (w, h);
            terminal.backend_mut().resize(w, h);
        }
        if let Some(action) = keys::from_event(app.mode(), &event)
            && !would_escape(&app, &action)
        {
            // As the event loop does; the clipboard's escapes go nowhere.
            effect::run(&mut app, action, &mut std::io::sink());
        }
        if app.should_quit {
            // Quitting is legal; start over from a fresh dashboard of the same size.
            quits += 1;
            app = app_sized(Filter::default(), width, height);
            app.export_dir = export_dir.to_owned();
        }
        terminal
            .draw(|frame| render::render(&app, frame))
            .unwrap_or_else(|err| panic!("draw failed at seed {seed}, step {step}: {err}"));
        assert_eq!(
            (
                terminal.backend().buffer().area.width,
                terminal.backend().buffer().area.height
            ),
            (width, height)
        );
        check_invariants(&app, seed, step, &event);
        reached.insert(state_name(&app));
    }
    quits
}

#[test]
fn random_input_never_panics_and_keeps_selections_in_range() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let mut quits = 0;
    let mut reached = BTreeSet::new();
    for seed in 1..=seeds() {
        quits += run_seed(seed, dir.path(), &mut reached);
    }
    // The sequences really reach the code they are meant to reach.
    assert!(quits > 0, "no sequence ever quit: the generator is not reaching q");
    let mut missed = Vec::new();
    for view in views::ALL {
        for overlay in [
            "no overlay",
            "Years prompt",
            "Search prompt",
            "Export prompt",
            "Categories picker",
        ] {
            let state = match view.title() {
                "Indicators" => format!("Indicators (Outer), {overlay}"),
                title => format!("{title}, {overlay}"),
            };
            if !reached.contains(&state) {
                missed.push(state);
            }
        }
    }
    for state in [
        "too small",
        "Records, detail",
        "Timeline, detail",
        "Estimates, detail",
        "Indicators (Inner), no overlay",
        "Indicators (Inner), detail",
    ] {
        if !reached.contains(state) {
            missed.push(state.to_owned());
        }
    }
    for overlay in [
        "help",
        "confirm overwrite",
        "Entities picker",
        "Indicators picker",
        "Sources picker",
        "Kinds picker",
    ] {
        if !reached.iter().any(|s| s.ends_with(overlay)) {
            missed.push(overlay.into());
        }
    }
    assert!(missed.is_empty(), "never reached: {missed:#?}");
    eprintln!(
        "{} seeds x {} events in {:.1?} ({quits} quits, {} exports)",
        seeds(),
        events_per_seed(),
        started.elapsed(),
        std::fs::read_dir(dir.path()).unwrap().count()
    );
}

/// Typing in every prompt at every tiny size, with the Korean and emoji that
/// are two columns wide, must not break the prompt's cursor or wrapping.
#[test]
fn prompts_and_popups_draw_at_every_small_size() {
    let mut app = app();
    for opener in ["t", "/", "e", "c", "a", "i", "?", "5\n"] {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 2),
            (20, 5),
            (59, 14),
            (60, 15),
            (61, 15),
            (62, 16),
            (70, 17),
        ] {
            app.update(Action::Resize(w, h));
            app.overlay = None;
            press(&mut app, "5");
            for c in opener.chars() {
                if c == '\n' {
                    enter(&mut app);
                } else {
                    send(&mut app, ch(c));
                }
            }
            let text = "고려링크😀 a long line of text that will not fit at all";
            for c in text.chars() {
                send(&mut app, key(KeyCode::Char(c)));
                let _ = draw(&app);
            }
            if let Some(Overlay::Prompt(p)) = &app.overlay {
                assert!(p.input.ends_with(text), "{opener}: {:?}", p.input);
            }
            send(&mut app, key_with(KeyCode::Char('u'), KeyModifiers::CONTROL));
            let _ = draw(&app);
            esc(&mut app);
            app.update(Action::Resize(80, 24));
            press(&mut app, "r");
        }
    }
}
