//! The dashboard on a dataset written to attack a terminal: every text of
//! the fixture (titles, summaries, quotes, names, units, citations) carries
//! an escape sequence, a one-character CSI, a bidi override and a bell.
//! ratatui drops control characters itself, so the terminal is safe either
//! way; but `\x1b[2J` would then read `[2J`, and a reader could not tell
//! what the file holds. The dashboard writes them out (`\u{1b}[2J`), as
//! every other output of nkict does. Each view, its detail and the sources'
//! citation are drawn at two sizes and searched for a character dropped.

mod common;

use common::{app_over, draw, enter, esc, press, screen_text};
use nkict::data::Dataset;
use nkict::data::text::StaticText;
use nkict::model::Filter;
use nkict::terminal_text::needs_escape;
use nkict::tui::action::Action;

/// The words of `HOSTILE` that follow a control character or override.
const MARKED: [&str; 4] = ["[2J", "7m", "evil", "bell"];

/// What every text gets: short words, so that wrapping never splits one.
const HOSTILE: &str = " \u{1b}[2J \u{9b}7m \u{202e}evil \u{7}bell";

fn hostile_fixture() -> Dataset {
    let mut dataset = common::fixture();
    let add = |text: &mut StaticText| *text = format!("{text}{HOSTILE}").into();
    for r in &mut dataset.records {
        for text in [&mut r.title, &mut r.summary, &mut r.quote, &mut r.locator] {
            add(text);
        }
        r.note
            .iter_mut()
            .chain(&mut r.amount_text)
            .chain(&mut r.date_text)
            .for_each(add);
    }
    for s in &mut dataset.sources {
        for text in [&mut s.title, &mut s.container] {
            add(text);
        }
        s.authors
            .iter_mut()
            .chain(&mut s.note)
            .chain(&mut s.publisher)
            .for_each(add);
    }
    for i in &mut dataset.indicators {
        for text in [&mut i.name, &mut i.unit, &mut i.description] {
            add(text);
        }
    }
    for e in &mut dataset.entities {
        add(&mut e.name);
        e.korean.iter_mut().chain(&mut e.aliases).for_each(add);
    }
    dataset
}

/// Each place `screen` shows a marked word where its control character was
/// dropped: right after the space before it. (Escaped, the word follows
/// its escape; beside a popup, a cell's tail may show from under it.)
fn dropped(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in MARKED {
        for (at, _) in screen.match_indices(word) {
            if screen[..at].ends_with(' ') {
                let line_start = screen[..at].rfind('\n').map_or(0, |n| n + 1);
                let line_end = screen[at..].find('\n').map_or(screen.len(), |n| at + n);
                found.push(format!("`{word}` in {:?}", &screen[line_start..line_end]));
            }
        }
    }
    found
}

/// The screen as text, once checked that no cell holds a character the
/// terminal would act on: ratatui keeps a zero-width character (a bidi
/// override) in the cell before it, and that cell goes to the terminal.
fn drawn(app: &nkict::tui::App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let raw = buffer
        .content()
        .iter()
        .find(|cell| cell.symbol().chars().any(needs_escape));
    assert_eq!(
        raw,
        None,
        "a cell holds a raw control or override:\n{}",
        screen_text(&terminal)
    );
    screen_text(&terminal)
}

#[test]
fn no_view_drops_a_control_character_it_shows() {
    let mut shown_escaped = 0;
    for (width, height) in [(100, 30), (200, 60)] {
        let mut app = app_over(hostile_fixture(), Filter::default(), width, height);
        for position in 0..app.views().len() {
            app.update(Action::ShowView(position));
            let mut screens = vec![drawn(&app)];
            // The second list, or the next item along the row, where a view has one.
            app.update(Action::Across(1));
            screens.push(drawn(&app));
            if app.selected_record().is_some() {
                enter(&mut app);
                screens.push(drawn(&app));
                esc(&mut app);
            }
            for screen in screens {
                let dropped = dropped(&screen);
                assert!(dropped.is_empty(), "{width}x{height}: {dropped:#?}\n{screen}");
                shown_escaped += screen.matches(r"\u{1b}[2J").count();
            }
        }
        press(&mut app, "q");
    }
    assert!(shown_escaped > 100, "the texts show, escaped: {shown_escaped}");
}

#[test]
fn a_search_given_on_the_command_line_shows_escaped_in_the_header() {
    let filter = Filter {
        search: "\u{1b}[2J\u{202e}".into(),
        ..Filter::default()
    };
    let app = app_over(common::fixture(), filter, 100, 30);
    let header = drawn(&app).lines().nth(1).unwrap().to_owned();
    assert!(header.contains(r"Search “\u{1b}[2J\u{202e}”"), "{header}");
}

#[test]
fn text_typed_or_pasted_into_a_picker_shows_escaped() {
    let mut app = app_over(common::fixture(), Filter::default(), 100, 30);
    press(&mut app, "a");
    for c in "\u{1b}[2J\u{9b}".chars() {
        app.update(Action::Input(c));
    }
    // Nothing matches it: the input line and the "No ... matches" line
    // both quote it, escaped.
    let screen = drawn(&app);
    assert!(screen.contains(r"› \u{1b}[2J\u{9b}"), "{screen}");
    assert!(screen.contains(r"matches “\u{1b}[2J\u{9b}”"), "{screen}");
}

/// What `keys` put on the clipboard: the OSC 52 sequence's payload, decoded.
fn copied(app: &mut nkict::tui::App, keys: &str) -> String {
    use base64::Engine;
    let mut terminal = Vec::new();
    for c in keys.chars() {
        let action = nkict::tui::keys::from_event(app.mode(), &common::ch(c)).expect("a key");
        nkict::tui::effect::run(app, action, &mut terminal);
    }
    let sequence = String::from_utf8(terminal).unwrap();
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|rest| rest.strip_suffix('\x07'))
        .unwrap_or_else(|| panic!("not an OSC 52 sequence: {sequence:?}"));
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(payload).unwrap()).unwrap()
}

#[test]
fn what_is_copied_holds_no_control_character_but_line_breaks() {
    let mut app = app_over(hostile_fixture(), Filter::default(), 100, 30);
    press(&mut app, "5");
    // BibTeX and CSL-JSON have escapes of their own; the citation and the
    // quote show what the file holds.
    for key in ["y", "Y", "b", "J"] {
        let text = copied(&mut app, key);
        assert_eq!(
            text.chars().find(|&c| c != '\n' && needs_escape(c)),
            None,
            "{key}: {text:?}"
        );
        if key.eq_ignore_ascii_case("y") {
            assert!(
                text.contains(r"\u{1b}[2J \u{9b}7m \u{202e}evil \u{7}bell"),
                "{key}: {text}"
            );
        }
    }
}

#[test]
fn a_copied_quote_keeps_its_tabs_and_escapes_every_other_control() {
    let mut dataset = common::fixture();
    let record = dataset
        .records
        .iter_mut()
        .find(|r| r.id == "institute-founded")
        .expect("the fixture's earliest record");
    record.quote = "Year\t1965\u{1b}[31m\rX\u{202e}".to_owned().into();
    let mut app = app_over(dataset, Filter::default(), 100, 30);
    // The Records view selects the earliest record first.
    press(&mut app, "5");
    let text = copied(&mut app, "Y");
    assert!(
        text.starts_with("“Year\t1965\\u{1b}[31m\\u{d}X\\u{202e}” ("),
        "{text:?}"
    );
}

/// The fixture with the first record's title, summary and quote 2 MB each.
fn with_two_megabyte_texts() -> Dataset {
    let mut dataset = common::fixture();
    let record = dataset
        .records
        .iter_mut()
        .find(|r| r.id == "institute-founded")
        .expect("the fixture's earliest record");
    let text = "sixteen letters ".repeat(2 << 20 >> 4);
    for field in [&mut record.title, &mut record.summary, &mut record.quote] {
        *field = text.clone().into();
    }
    dataset
}

#[test]
fn a_two_megabyte_text_shows_a_screenful_and_its_length() {
    let mut app = app_over(with_two_megabyte_texts(), Filter::default(), 100, 30);
    press(&mut app, "5");
    enter(&mut app);
    let top = drawn(&app);
    assert!(top.contains("│sixteen letters sixteen letters"), "{top}");
    // Each text is one screenful long at most, and says how long it is: the
    // end of the detail is a few pages down, not 30,000 lines.
    for _ in 0..12 {
        common::send(&mut app, common::key(ratatui::crossterm::event::KeyCode::PageDown));
    }
    let bottom = drawn(&app);
    assert!(bottom.contains("Record    institute-founded"), "{bottom}");
    // The quote, with its quotation marks.
    assert!(bottom.contains("… (2,097,154 characters)"), "{bottom}");
    // Beside the table on a wide screen: the first words, cut at the border.
    app.update(Action::Resize(200, 60));
    esc(&mut app);
    let wide = drawn(&app);
    assert!(wide.contains("┌ Detail") && wide.contains("│sixteen letters"), "{wide}");
}
