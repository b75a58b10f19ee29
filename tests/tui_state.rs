//! The dashboard's state, driven by key and mouse events through the real key
//! tables (`keys::from_event`) into `App::update`, on the small fixture
//! dataset (`tests/fixtures/small.json`); expected records are worked out by
//! hand from it. No terminal is needed, except where a test checks what the
//! footer or header draws.

mod common;

use std::sync::Arc;

use common::*;
use nkict::data::{Category, Dataset};
use nkict::model::sift::{Keep, sift};
use nkict::model::{Filter, HiddenByTime, Model, YearRange};
use nkict::tui::action::Facet;
use nkict::tui::action::{Action, ExportOutcome};
use nkict::tui::app::{App, DataOrigin, MessageKind, Overlay, PromptKind, View};
use nkict::tui::derived::SortColumn;
use nkict::tui::effect::{Effect, Searches};
use nkict::tui::layout;
use nkict::tui::picker::{PickRow, Picker};
use nkict::tui::views::records::Records;
use nkict::tui::views::sources::Sources;
use nkict::tui::views::timeline::Timeline;
use nkict::tui::views::{self, overview::Overview};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

const TOTAL: usize = 36;

/// The fixture's records in 2000-2010, in date order (the survey's count
/// placed at its source's date, c. 2010).
const IN_2000S: [&str; 12] = [
    "army-network",
    "word-processor",
    "intranet-opens",
    "staff-2005",
    "cable-length-2005",
    "subscribers-2008",
    "examplenet-launch",
    "subscribers-2009",
    "subscribers-2010",
    "export-office",
    "subscribers-2010-gamma",
    "subscribers-delta",
];

/// The fixture's records about ExampleNet (예시망), in date order.
const ABOUT_EXAMPLENET: [&str; 11] = [
    "subscribers-2008",
    "examplenet-launch",
    "subscribers-2009",
    "subscribers-2010",
    "subscribers-2010-gamma",
    "subscribers-delta",
    "subscribers-2011-vague",
    "subscribers-2011",
    "subscribers-2012",
    "network-name",
    "fees-in-local-currency",
];

fn prompt_of(app: &App) -> Option<(PromptKind, String, Option<String>)> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some((p.kind, p.input.clone(), p.error.clone())),
        _ => None,
    }
}

/// The footer message, and what it reports.
fn message(app: &App) -> (String, MessageKind) {
    let m = app.message.as_ref().expect("a footer message");
    (m.text.clone(), m.kind)
}

fn view_ids(app: &App) -> Vec<String> {
    ids(app, &app.derived().view)
}

fn years_of(app: &App) -> (Option<i32>, Option<i32>) {
    (app.filter().from, app.filter().to)
}

/// Sets the years through the prompt, as a user would.
fn set_years(app: &mut App, text: &str) {
    press(app, "t");
    send(app, ctrl('u'));
    press(app, text);
    enter(app);
}

fn selected(app: &App) -> usize {
    app.cursor(app.tab()).selected
}

/// The selection of the view shown is inside its list (0 when the list is
/// empty); with no prompt or popup open, so is every view's once shown (a
/// view's lists are worked out, and its selection kept in them, when it is
/// shown). The view shown stays the same.
fn assert_selections_in_range(app: &mut App) {
    let shown = app.tab();
    let positions: Vec<usize> = if app.overlay.is_none() {
        (0..views::ALL.len()).chain([shown]).collect()
    } else {
        vec![shown]
    };
    for position in positions {
        app.update(Action::ShowView(position));
        assert_eq!(app.tab(), position);
        let len = list_len(app, position);
        let sel = app.cursor(position).selected;
        assert!(
            sel < len.max(1),
            "{}: selection {sel} outside a list of {len} rows",
            views::ALL[position].title()
        );
    }
}

// ---------------------------------------------------------------- views

#[test]
fn number_keys_show_each_view() {
    let mut app = app();
    assert_eq!(app.tab(), position::<Overview>(&app));
    for i in (0..views::ALL.len()).rev() {
        let digit = char::from(b'1' + i as u8);
        assert_eq!(send(&mut app, ch(digit)), Some(Action::ShowView(i)));
        assert_eq!(app.tab(), i, "key {digit}");
    }
    // 7, 0 and other unmapped keys do nothing.
    for c in ['7', '0', 'Z', '!'] {
        assert_eq!(send(&mut app, ch(c)), None, "key {c:?} should be unmapped");
    }
    assert_eq!(app.tab(), 0);
}

#[test]
fn tab_and_back_tab_cycle_through_the_views_and_wrap() {
    let mut app = app();
    let mut seen = Vec::new();
    for _ in views::ALL {
        seen.push(app.tab());
        send(&mut app, key(KeyCode::Tab));
    }
    assert_eq!(seen, [0, 1, 2, 3, 4, 5]);
    assert_eq!(app.tab(), 0, "Tab wraps from the last view to the first");

    send(&mut app, back_tab());
    assert_eq!(app.tab(), 5, "Shift-Tab wraps from the first view to the last");
    send(&mut app, back_tab());
    assert_eq!(app.tab(), 4);
}

#[test]
fn clicking_a_tab_in_the_header_shows_its_view() {
    // At 80 columns every label is whole; at 60 the longest are cut with
    // `…` to fit, and a click still lands on the tab drawn there.
    for (width, cut) in [(80, 0), (60, 6)] {
        let mut app = app_sized(Filter::default(), width, 24);
        let terminal = draw(&app);
        let header = row_text(&terminal, 0);
        let titles = || views::ALL.iter().map(|v| v.title());
        let labels = layout::tab_labels(titles(), width);
        assert_eq!(labels.iter().filter(|l| l.ends_with("… ")).count(), cut, "{header}");
        assert!(
            header.trim_end().ends_with(labels[5].trim_end()),
            "the last tab is whole on screen: {header}"
        );
        for (position, label) in labels.iter().enumerate().rev() {
            let column = (0..width)
                .find(|&c| layout::tab_at(titles(), width, c) == Some(position))
                .expect("every tab is on screen");
            // The tab is drawn where the click handler thinks it is.
            let drawn: String = header
                .chars()
                .skip(column as usize)
                .take(label.chars().count())
                .collect();
            assert_eq!(&drawn, label, "{label} is drawn at column {column} of {width}");
            assert!(label.starts_with(&format!(" {} ", position + 1)), "{label}");
            send(&mut app, click(column + 2, 0));
            assert_eq!(app.tab(), position);
        }
    }
    // A click on the separator between two tabs, or below the tabs, changes nothing.
    let mut app = app();
    let header = row_text(&draw(&app), 0);
    let titles = || views::ALL.iter().map(|v| v.title());
    send(&mut app, ch('3'));
    assert_eq!(header.find('│'), Some(" 1 Overview ".len()));
    assert_eq!(layout::tab_at(titles(), 80, 12), None);
    send(&mut app, click(12, 0));
    assert_eq!(app.tab(), 2);
    send(&mut app, click(2, 1));
    assert_eq!(app.tab(), 2, "the filter line is not a tab");
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let release = ratatui::crossterm::event::Event::Key(KeyEvent {
        kind: KeyEventKind::Release,
        ..KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE)
    });
    assert_eq!(send(&mut app, release), None);
    assert_eq!(app.tab(), 0);
}

// ---------------------------------------------------------------- years

#[test]
fn the_year_prompt_accepts_every_form_and_empty_clears() {
    let mut app = app();
    assert_eq!(app.derived().view.len(), TOTAL);

    assert_eq!(send(&mut app, ch('t')), Some(Action::EditYears));
    assert_eq!(prompt_of(&app), Some((PromptKind::Years, String::new(), None)));
    press(&mut app, "2000-2010");
    assert_eq!(prompt_of(&app).unwrap().1, "2000-2010");
    assert_eq!(years_of(&app), (None, None), "nothing applies before Enter");
    enter(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(years_of(&app), (Some(2000), Some(2010)));
    // The army's network of 2000-2009 is in; undated records are out.
    assert_eq!(view_ids(&app), IN_2000S);
    let (text, kind) = message(&app);
    assert!(
        kind == MessageKind::Done && text == "Years 2000-2010: 12 records in view; 11 undated hidden (u)",
        "{text}"
    );

    // The prompt opens with the current range; each form replaces it.
    press(&mut app, "t");
    assert_eq!(prompt_of(&app).unwrap().1, "2000-2010");
    esc(&mut app);
    for (typed, from, to, count) in [
        // From 2005: the army's 2000s, 2005's two, 2008 on (with the
        // survey's count of c. 2010).
        ("2005-", Some(2005), None, 14),
        // Up to 2000: 1965 to 1999 (both countries' lines of 1999), and
        // the army's 2000s.
        ("-2000", None, Some(2000), 10),
        // Only the cable backbone plan of 1995-1999 covers 1997.
        ("1997", Some(1997), Some(1997), 1),
        // The 1990s: the agreement of 1990, the plan, the policy, the two line counts.
        ("1990s", Some(1990), Some(1999), 5),
        (" 2000 - 2010 ", Some(2000), Some(2010), 12),
        ("", None, None, TOTAL),
    ] {
        set_years(&mut app, typed);
        assert!(app.overlay.is_none(), "{typed:?} is accepted");
        assert_eq!(years_of(&app), (from, to), "after {typed:?}");
        assert_eq!(app.derived().view.len(), count, "after {typed:?}");
    }
}

#[test]
fn the_year_prompt_edits_with_backspace_and_ctrl_u() {
    let mut app = app();
    press(&mut app, "t1999x");
    send(&mut app, key(KeyCode::Backspace));
    assert_eq!(prompt_of(&app).unwrap().1, "1999");
    send(&mut app, ctrl('u'));
    assert_eq!(prompt_of(&app).unwrap().1, "", "Ctrl-U clears the line");
    // Letters that are keys elsewhere are text in a prompt: q does not quit.
    press(&mut app, "q");
    assert!(!app.should_quit);
    assert_eq!(prompt_of(&app).unwrap().1, "q");
    send(&mut app, ctrl('u'));
    press(&mut app, "2001");
    enter(&mut app);
    assert_eq!(years_of(&app), (Some(2001), Some(2001)));
}

#[test]
fn invalid_years_keep_the_prompt_open_with_an_error_and_the_filter_unchanged() {
    let mut app = app();
    set_years(&mut app, "2000-2010");
    for bad in ["2010-2000", "abcd", "99", "1990-2000-2010", "１９９０"] {
        set_years(&mut app, bad);
        let (kind, input, error) = prompt_of(&app).unwrap_or_else(|| panic!("{bad:?} keeps the prompt open"));
        assert_eq!((kind, input.as_str()), (PromptKind::Years, bad));
        let error = error.unwrap_or_else(|| panic!("{bad:?} shows an error in the prompt"));
        assert!(error.starts_with("Invalid years"), "{error}");
        let (text, kind) = message(&app);
        assert!(
            kind == MessageKind::Error && text.starts_with("Invalid years"),
            "{text}"
        );
        assert_eq!(years_of(&app), (Some(2000), Some(2010)), "{bad:?} changes nothing");
        assert_eq!(view_ids(&app), IN_2000S);
        // Typing again clears the error; Esc leaves the filter as it was.
        press(&mut app, "0");
        assert_eq!(prompt_of(&app).unwrap().2, None, "typing clears the error");
        esc(&mut app);
        assert!(app.overlay.is_none());
        assert_eq!(years_of(&app), (Some(2000), Some(2010)));
    }
    // The error is on screen, too.
    set_years(&mut app, "2010-2000");
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("Invalid years: the range starts (2010) after it ends (2000)"),
        "{screen}"
    );
}

#[test]
fn brackets_and_braces_shift_the_first_and_last_year() {
    let mut app = app();
    // Without a range, the first shift starts from the data's own years,
    // 1965 to 2012: 1966- leaves out the institute's founding (and the
    // undated records).
    press(&mut app, "]");
    assert_eq!(years_of(&app), (Some(1966), None));
    assert_eq!(app.derived().view.len(), 24);
    press(&mut app, "[");
    assert_eq!(years_of(&app), (Some(1965), None));
    assert_eq!(app.derived().view.len(), 25);
    press(&mut app, "{");
    assert_eq!(years_of(&app), (Some(1965), Some(2011)));
    assert_eq!(app.derived().view.len(), 24, "without 2012's subscriber count");

    set_years(&mut app, "2000-2010");
    press(&mut app, "]]");
    assert_eq!(years_of(&app), (Some(2002), Some(2010)));
    assert_eq!(app.derived().view.len(), 11, "without 2001's word processor");
    press(&mut app, "{");
    assert_eq!(years_of(&app), (Some(2002), Some(2009)));
    assert_eq!(
        app.derived().view.len(),
        7,
        "and without 2010's four records (one placed c. 2010)"
    );
    press(&mut app, "}[[");
    assert_eq!(years_of(&app), (Some(2000), Some(2010)));
    assert_eq!(view_ids(&app), IN_2000S);
    let (text, kind) = message(&app);
    assert!(kind == MessageKind::Done && text.contains("2000-2010"), "{text}");

    // The first year cannot pass the last.
    set_years(&mut app, "2005");
    press(&mut app, "]");
    assert_eq!(years_of(&app), (Some(2005), Some(2005)));
    assert_eq!(
        message(&app),
        (
            "] can't start the range after 2005, its only year: press } to end later first".to_owned(),
            MessageKind::Error
        )
    );
    press(&mut app, "{");
    assert_eq!(years_of(&app), (Some(2005), Some(2005)));
    assert_eq!(
        message(&app),
        (
            "{ can't end the range before 2005, its only year: press [ to start earlier first".to_owned(),
            MessageKind::Error
        )
    );
}

#[test]
fn a_shift_from_all_years_starts_at_the_datas_own_years_and_says_what_it_hid() {
    let mut app = app();
    // Outwards from an open end there is no year to go to: the range opens
    // at the data's first year (1965), which hides only the undated records.
    press(&mut app, "[");
    assert_eq!(years_of(&app), (Some(1965), None));
    assert_eq!(app.derived().view.len(), 25, "24 dated, 1 dated by its source");
    assert_eq!(
        message(&app),
        (
            "Years 1965- (the data's first): 25 records in view; 11 undated hidden (u)".to_owned(),
            MessageKind::Done
        )
    );
    press(&mut app, "r}");
    assert_eq!(years_of(&app), (None, Some(2012)));
    assert!(message(&app).0.starts_with("Years -2012 (the data's last): 25 records"));
    // Inwards, the first shift moves from the data's year.
    press(&mut app, "r{");
    assert_eq!(years_of(&app), (None, Some(2011)));
    assert!(message(&app).0.starts_with("Years -2011: 24 records in view"));
}

#[test]
fn shifted_years_stay_years_the_prompt_and_the_command_line_accept() {
    let mut app = app();
    for _ in 0..1500 {
        press(&mut app, "[");
    }
    for _ in 0..8500 {
        press(&mut app, "}");
    }
    assert_eq!(years_of(&app), (Some(1000), Some(9999)));
    assert_eq!(
        message(&app),
        (
            "} would reach 10000: years run from 1000 to 9999".to_owned(),
            MessageKind::Error
        )
    );
    // What the header shows, the years prompt reads back...
    let label = app.filter().years_label().unwrap();
    assert_eq!(YearRange::parse(&label), YearRange::new(Some(1000), Some(9999)));
    // ...and the export's command line is one `nkict` accepts.
    let status = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nkict"))
        .arg("--data")
        .arg(fixture_path())
        .args(app.filter().to_args())
        .arg("list")
        .output()
        .unwrap()
        .status;
    assert!(status.success(), "nkict {:?} list failed", app.filter().to_args());
}

// ---------------------------------------------------------------- search

#[test]
fn search_narrows_the_view_as_you_type_and_esc_restores_the_previous_search() {
    let mut app = app();
    assert_eq!(send(&mut app, ch('/')), Some(Action::Search));
    assert_eq!(prompt_of(&app).map(|p| p.0), Some(PromptKind::Search));
    let mut counts = vec![app.derived().view.len()];
    for c in "Tesuville".chars() {
        send(&mut app, ch(c));
        counts.push(app.derived().view.len());
    }
    assert_eq!(app.filter().search, "Tesuville", "the filter follows the prompt live");
    assert!(
        counts.windows(2).all(|w| w[1] <= w[0]),
        "longer text never widens: {counts:?}"
    );
    // Every record about Testville, whose other name this is, though only
    // the zone's quote spells it so.
    assert_eq!(
        view_ids(&app),
        [
            "institute-founded",
            "first-exchange",
            "examplenet-launch",
            "tesuville-zone"
        ]
    );
    // Backspace widens again, live.
    send(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.filter().search, "Tesuvill");

    esc(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(app.filter().search, "", "Esc restores the search from before");
    assert_eq!(app.derived().view.len(), TOTAL);

    // Enter keeps it; a later Esc restores that one.
    press(&mut app, "/cable");
    enter(&mut app);
    assert_eq!(app.filter().search, "cable");
    assert_eq!(
        view_ids(&app),
        ["cable-agreement", "backbone-plan", "cable-length-2005"]
    );
    assert_eq!(message(&app).0, "3 records match");
    press(&mut app, "/");
    assert_eq!(
        prompt_of(&app).unwrap().1,
        "cable",
        "the prompt opens with the search in force"
    );
    send(&mut app, ctrl('u'));
    assert_eq!(
        app.derived().view.len(),
        TOTAL,
        "clearing the line shows everything, live"
    );
    press(&mut app, "zzzz-no-such-text");
    assert!(app.derived().view.is_empty());
    esc(&mut app);
    assert_eq!(app.filter().search, "cable");
    assert_eq!(app.derived().view.len(), 3);
}

#[test]
fn a_place_is_found_under_either_of_its_names() {
    let mut app = app();
    press(&mut app, "/Testville");
    enter(&mut app);
    // The zone's quote says only "Tesuville".
    assert!(view_ids(&app).contains(&"tesuville-zone".to_owned()));
    press(&mut app, "/");
    send(&mut app, ctrl('u'));
    press(&mut app, "NL");
    enter(&mut app);
    // "NL" is Northland's other name: every record about Northland.
    let about: Vec<String> = app
        .model()
        .dataset()
        .records
        .iter()
        .filter(|r| r.entities.iter().any(|e| e == "northland"))
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(about.len(), 14);
    let found = view_ids(&app);
    assert!(about.iter().all(|id| found.contains(id)), "{found:?}");
}

#[test]
fn korean_search_finds_examplenet() {
    let mut app = app();
    press(&mut app, "/");
    for c in "예시망".chars() {
        send(&mut app, key(KeyCode::Char(c)));
    }
    assert_eq!(app.filter().search, "예시망");
    enter(&mut app);
    assert_eq!(view_ids(&app), ABOUT_EXAMPLENET);
    // The header shows the search (Korean is two columns a character).
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("“예시망”"), "{screen}");
}

// ---------------------------------------------------------------- categories, reset

/// The open picker.
fn picker_of(app: &App) -> &Picker {
    match &app.overlay {
        Some(Overlay::Picker(picker)) => picker,
        other => panic!("no picker open: {other:?}"),
    }
}

/// The picker's rows as (label, count), "any" as `Any`.
fn picker_rows(app: &App) -> Vec<(String, usize)> {
    let picker = picker_of(app);
    (picker.rows.iter())
        .map(|row| match row {
            PickRow::Any => ("Any".to_owned(), picker.any_count),
            PickRow::Item(i) => (picker.items[*i].label.clone(), picker.items[*i].count),
        })
        .collect()
}

/// Picks what `text` narrows the picker of `key` to, as a user would.
fn pick(app: &mut App, key: char, text: &str) {
    send(app, ch(key));
    type_text(app, text);
    enter(app);
}

/// Types `text` into the open prompt or picker, character by character.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, key(KeyCode::Char(c)));
    }
}

#[test]
fn the_category_picker_narrows_marks_and_applies_with_counts_in_view() {
    let mut app = app();
    set_years(&mut app, "2000-2010");
    assert_eq!(send(&mut app, ch('c')), Some(Action::Pick(Facet::Category)));
    // The records in 2000-2010: six about mobile, one each of six other
    // categories; most first, ties in the vocabulary's order, none last.
    let rows = picker_rows(&app);
    let owned = |rows: &[(&str, usize)]| -> Vec<(String, usize)> {
        rows.iter().map(|(label, n)| ((*label).to_owned(), *n)).collect()
    };
    assert_eq!(
        rows[..9],
        owned(&[
            ("Any", 12),
            ("Mobile", 6),
            ("Intranet", 1),
            ("Fiber optics", 1),
            ("Software", 1),
            ("Workforce", 1),
            ("Military & cyber", 1),
            ("Outsourcing", 1),
            ("Telephony", 0),
        ])[..]
    );
    assert_eq!(rows.len(), 1 + Category::ALL.len());
    assert_eq!(
        picker_of(&app).cursor.selected,
        0,
        "on “any” while no category is chosen"
    );

    // Letters type (j, q and Space are text here); Tab marks and moves on.
    type_text(&mut app, "fib");
    assert_eq!(picker_rows(&app), owned(&[("Fiber optics", 1)]));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, ctrl('u'));
    assert_eq!(picker_rows(&app).len(), 1 + Category::ALL.len(), "Ctrl-U widens again");
    type_text(&mut app, "intra");
    assert_eq!(picker_rows(&app), owned(&[("Intranet", 1)]));
    send(&mut app, key(KeyCode::Tab));
    assert!(app.filter().categories.is_empty(), "nothing applies before Enter");
    enter(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(app.filter().categories, [Category::Intranet, Category::Fiber]);
    assert_eq!(view_ids(&app), ["intranet-opens", "cable-length-2005"]);
    assert_eq!(
        message(&app),
        (
            "Categories Intranet, Fiber optics: 2 records in view; 1 undated hidden (u)".to_owned(),
            MessageKind::Done
        )
    );

    // Reopened, the counts are still those of the other filters (the
    // years), the chosen ones are ticked, and the cursor is on the first.
    press(&mut app, "c");
    assert_eq!(picker_rows(&app)[1], ("Mobile".to_owned(), 6));
    let picker = picker_of(&app);
    let active: Vec<&str> = (picker.items.iter())
        .filter(|item| item.active)
        .map(|item| item.value.as_str())
        .collect();
    assert_eq!(active, ["intranet", "fiber"]);
    assert_eq!(picker.cursor.selected, 2);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("▶  ✓  Intranet"), "{screen}");
    // Enter on a row alone replaces the choice; Esc changes nothing.
    send(&mut app, key(KeyCode::Up));
    esc(&mut app);
    assert_eq!(app.filter().categories, [Category::Intranet, Category::Fiber]);
    press(&mut app, "c");
    send(&mut app, key(KeyCode::Up));
    enter(&mut app);
    assert_eq!(app.filter().categories, [Category::Mobile]);
    assert_eq!(app.derived().view.len(), 6);

    // Home is “any”: the filter lets every category through again.
    press(&mut app, "c");
    send(&mut app, key(KeyCode::Home));
    enter(&mut app);
    assert!(app.filter().categories.is_empty());
    assert!(message(&app).0.starts_with("Any category: 12 records in view"));

    // Text that matches nothing says so, and Enter keeps the picker open.
    press(&mut app, "c");
    type_text(&mut app, "zzz");
    assert!(picker_rows(&app).is_empty());
    enter(&mut app);
    assert_eq!(picker_of(&app).error.as_deref(), Some("No category matches “zzz”"));
    assert!(screen_text(&draw(&app)).contains("No category matches “zzz”"));
    esc(&mut app);
    assert!(app.overlay.is_none());
    assert!(app.filter().categories.is_empty());
}

#[test]
fn a_picker_opens_with_the_chosen_item_in_sight_and_keeps_it_there() {
    let mut app = app_sized(Filter::default(), 80, 15);
    pick(&mut app, 'c', "economy");
    assert_eq!(app.filter().categories, [Category::Economy]);
    press(&mut app, "c");
    let in_sight = |app: &App| {
        let picker = picker_of(app);
        let rows = layout::picker(app.body(), picker.items.len()).rows.height as usize;
        let window = picker.cursor.window(picker.rows.len(), rows);
        (
            picker.items[match picker.rows[picker.cursor.selected] {
                PickRow::Item(i) => i,
                PickRow::Any => panic!("the cursor is on the chosen category"),
            }]
            .value
            .clone(),
            window.contains(&picker.cursor.selected),
        )
    };
    // Economy has one record: near the end of a list taller than the popup.
    assert_eq!(in_sight(&app), ("economy".to_owned(), true));
    assert!(screen_text(&draw(&app)).contains("▶  ✓  Economy"));
    app.update(Action::Resize(70, 16));
    assert_eq!(in_sight(&app), ("economy".to_owned(), true), "after a resize too");
}

#[test]
fn the_entity_picker_finds_an_entity_by_alias_or_korean_name() {
    let mut app = app();
    assert_eq!(send(&mut app, ch('a')), Some(Action::Pick(Facet::Entity)));
    assert_eq!(picker_of(&app).items.len(), 5);
    // Most records first: Northland is in 14, ExampleNet in 11.
    assert_eq!(picker_rows(&app)[1], ("Northland (북쪽나라)".to_owned(), 14));
    type_text(&mut app, "exn");
    assert_eq!(picker_rows(&app), [("ExampleNet (예시망)".to_owned(), 11)]);
    send(&mut app, ctrl('u'));
    type_text(&mut app, "예시");
    assert_eq!(picker_rows(&app), [("ExampleNet (예시망)".to_owned(), 11)]);
    enter(&mut app);
    assert_eq!(app.filter().entities, ["examplenet"]);
    assert_eq!(view_ids(&app), ABOUT_EXAMPLENET);
    assert_eq!(message(&app).0, "Entity ExampleNet (예시망): 11 records in view");
    // The header names it by its shortest name.
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("About ExNet"), "{screen}");

    // Several at once: Tab marks each; Enter applies the marked ones.
    press(&mut app, "a");
    type_text(&mut app, "test");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, ctrl('u'));
    type_text(&mut app, "SCI");
    send(&mut app, key(KeyCode::Tab));
    enter(&mut app);
    assert_eq!(app.filter().entities, ["sample-institute", "testville"]);
    // The institute (founded in Testville): its courses, word processor,
    // staff and export office; Testville's exchange, 3G launch and zone.
    assert_eq!(
        view_ids(&app),
        [
            "institute-founded",
            "first-exchange",
            "computing-courses",
            "word-processor",
            "staff-2005",
            "examplenet-launch",
            "export-office",
            "staff-about-500",
            "staff-over-2000",
            "tesuville-zone",
        ]
    );
}

#[test]
fn the_indicator_source_and_kind_pickers_set_their_part_of_the_filter() {
    let mut app = app();
    assert_eq!(send(&mut app, ch('i')), Some(Action::Pick(Facet::Indicator)));
    type_text(&mut app, "staff");
    // One indicator at a time: Tab says so, by its key.
    send(&mut app, key(KeyCode::Tab));
    assert_eq!(
        picker_of(&app).error.as_deref(),
        Some("Tab: one indicator at a time; Enter picks it")
    );
    enter(&mut app);
    assert_eq!(app.filter().indicator.as_deref(), Some("institute-staff"));
    assert_eq!(view_ids(&app), ["staff-2005", "staff-about-500", "staff-over-2000"]);
    assert!(screen_text(&draw(&app)).contains("Indicator Institute staff"));

    // A source by its author; a kind by its name.
    assert_eq!(send(&mut app, ch('w')), Some(Action::Pick(Facet::Source)));
    type_text(&mut app, "Ada");
    assert_eq!(picker_rows(&app).len(), 1);
    enter(&mut app);
    assert_eq!(app.filter().sources, ["alpha-review"]);
    assert_eq!(view_ids(&app), ["staff-2005", "staff-about-500"]);
    assert_eq!(send(&mut app, ch('K')), Some(Action::Pick(Facet::Kind)));
    type_text(&mut app, "obs");
    enter(&mut app);
    assert_eq!(app.filter().kinds, [nkict::data::RecordKind::Observation]);
    assert_eq!(app.derived().view.len(), 2);
    // The command line reproduces it.
    assert_eq!(
        app.filter().to_args().join(" "),
        "--kind observation --source alpha-review --indicator institute-staff"
    );
}

#[test]
fn an_empty_records_view_says_which_filter_emptied_it() {
    let mut app = app();
    press(&mut app, "5");
    set_years(&mut app, "2000-2010");
    press(&mut app, "/telephone");
    enter(&mut app);
    // The 1972 exchange, the two line counts of 1999 (their indicator is
    // about telephone lines) and the undated lack of lines to Southland are
    // outside the years; the years keep twelve others.
    assert_says(
        &app,
        &[
            "No records in 2000-2010.",
            "Without the search “telephone”: 12 records; / changes it.",
            "Without the years 2000-2010: 4 records; t changes it.",
            "1 record undated hidden by the years; u shows them.",
        ],
    );

    // When no part alone emptied it: an economy milestone about “zzz”.
    press(&mut app, "r/zzz");
    enter(&mut app);
    pick(&mut app, 'c', "econ");
    pick(&mut app, 'K', "mile");
    assert_says(
        &app,
        &[
            "No records in view.",
            "These filters leave nothing together; r resets them all.",
        ],
    );
}

/// The view is empty and says `lines`, each on a line of its own, in order.
fn assert_says(app: &App, lines: &[&str]) {
    assert!(app.derived().view.is_empty());
    let screen = screen_text(&draw(app));
    let said: Vec<&str> = (screen.lines())
        .map(|line| line.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .filter(|line| lines.contains(line))
        .collect();
    assert_eq!(said, lines, "\n{screen}");
}

/// Every key a user might press on the "needs more room" note, mouse
/// included, but the ones that quit.
fn keys_that_must_not_act() -> Vec<Event> {
    let mut events: Vec<Event> = "e23456?/tcaiwKruoy YbJsS[]{}jkgGhl".chars().map(ch).collect();
    events.extend(
        [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::Down,
            KeyCode::Right,
        ]
        .map(key),
    );
    events.extend([
        back_tab(),
        ctrl('u'),
        mouse(MouseEventKind::ScrollDown, 5, 5),
        click(2, 0),
        click(5, 5),
    ]);
    events
}

#[test]
fn on_the_too_small_note_only_quitting_and_resizing_act() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    press(&mut app, "5j");
    set_years(&mut app, "2000-2010");
    let (tab, cursor, filter, message) = (app.tab(), selected(&app), app.filter().clone(), app.message.clone());
    app.update(Action::Resize(40, 12));
    // `e` then Enter would have written an export; `r` reset the years.
    for event in keys_that_must_not_act() {
        assert_eq!(
            effect_of(&mut app, event.clone()),
            None,
            "{event:?} asked for an effect"
        );
        assert_eq!(app.tab(), tab, "{event:?} changed the view");
        assert_eq!(selected(&app), cursor, "{event:?} moved the selection");
        assert_eq!(*app.filter(), filter, "{event:?} changed the filter");
        assert_eq!(app.overlay, None, "{event:?} opened something");
        assert_eq!(app.message, message, "{event:?} changed the message");
    }
    assert_eq!(names_in(dir.path()), Vec::<String>::new(), "nothing written");
    // Back to room: everything as it was, and keys act again.
    app.update(Action::Resize(80, 24));
    assert_eq!((app.tab(), selected(&app)), (tab, cursor));
    press(&mut app, "r");
    assert_eq!(*app.filter(), Filter::default());
}

#[test]
fn on_the_too_small_note_q_quits_even_over_a_prompt() {
    for quit in [ch('q'), ctrl('c')] {
        let mut app = app();
        press(&mut app, "/");
        app.update(Action::Resize(59, 24));
        assert_eq!(send(&mut app, quit.clone()), Some(Action::Quit), "{quit:?}");
        assert!(app.should_quit, "{quit:?}");
        assert_eq!(prompt_of(&app).map(|p| p.1), Some(String::new()), "q was not typed");
    }
    // The note says so, and nothing else.
    let mut app = app();
    app.update(Action::Resize(40, 12));
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("needs more room") && screen.contains("q quits"),
        "{screen}"
    );
}

#[test]
fn the_overviews_category_heading_counts_one_record_in_the_singular() {
    let one = Filter {
        search: "satellite".into(),
        ..Filter::default()
    };
    let app = app_sized(one, 80, 24);
    assert_eq!(view_ids(&app), ["satellite-station"]);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("By category · 1 record, by count"), "{screen}");
}

#[test]
fn the_overview_footer_offers_left_and_right_only_on_the_chart() {
    let mut app = app();
    let footer = |app: &App| row_text(&draw(app), 23);
    assert!(!footer(&app).contains("h/l years"), "{}", footer(&app));
    assert!(footer(&app).contains("Enter records behind it"), "{}", footer(&app));
    for _ in 0..10 {
        if app.view().across(&app).is_some() {
            break;
        }
        press(&mut app, "j");
    }
    assert!(app.view().across(&app).is_some(), "the chart is one of the first rows");
    assert!(footer(&app).contains("←/→ h/l years"), "{}", footer(&app));
}

#[test]
fn reset_clears_every_filter() {
    let mut app = app();
    set_years(&mut app, "2000-2010");
    press(&mut app, "/cable");
    enter(&mut app);
    pick(&mut app, 'c', "internet");
    assert!(app.derived().view.is_empty());
    assert_ne!(*app.filter(), Filter::default());
    assert_eq!(send(&mut app, ch('r')), Some(Action::ResetFilters));
    assert_eq!(*app.filter(), Filter::default());
    assert_eq!(app.derived().view.len(), TOTAL);
    assert_eq!(message(&app).0, "Filters reset: 36 records in view");
}

#[test]
fn going_back_to_no_filter_gives_what_a_fresh_dashboard_gives_in_the_sort_chosen_meanwhile() {
    let records = position::<Records>(&app());
    let fresh = |sorts: &str| {
        let mut app = app();
        app.update(Action::ShowView(records));
        press(&mut app, sorts);
        (view_ids(&app), ids(&app, app.sorted()), app.derived().hidden)
    };
    let mut app = app();
    app.update(Action::ShowView(records));
    press(&mut app, "]");
    assert_ne!(app.derived().view.len(), TOTAL);
    // Back by clearing the years.
    set_years(&mut app, "");
    assert_eq!(*app.filter(), Filter::default());
    assert_eq!(
        (view_ids(&app), ids(&app, app.sorted()), app.derived().hidden),
        fresh("")
    );
    // Sorted by figure, then by category, while filtered, then reset.
    press(&mut app, "]s");
    set_years(&mut app, "2000-2010");
    press(&mut app, "s");
    assert_eq!(view_ids(&app), IN_2000S);
    press(&mut app, "r");
    assert_eq!(app.sort().column, SortColumn::Category);
    let (view, sorted, hidden) = fresh("ss");
    assert_eq!(view.len(), TOTAL);
    assert_ne!(view, sorted, "the fixture sorts differently by category");
    assert_eq!(
        (view_ids(&app), ids(&app, app.sorted()), app.derived().hidden),
        (view, sorted, hidden)
    );
}

// ---------------------------------------------------------------- sort

#[test]
fn s_cycles_the_sort_column_on_the_records_view_and_shift_s_reverses() {
    let mut app = app();
    let records = app.model().dataset().records.clone();
    let date_order = app.derived().view.clone();
    assert_eq!(app.sorted(), date_order, "records start in date order");

    // Elsewhere, s only says where sorting works.
    press(&mut app, "s");
    assert_eq!(app.sort().column, SortColumn::Date);
    assert_eq!(
        message(&app),
        ("s sorts in the Records view (5)".into(), MessageKind::Notice)
    );

    press(&mut app, "5");
    let category = |ix: &usize| records[*ix].category.as_str();
    let ids = |app: &App| -> Vec<String> { app.sorted().iter().map(|&ix| records[ix].id.to_string()).collect() };

    // By figure: the smallest first, the 200,000 to 300,000 range by its
    // low end; then the records without a number (the vague “thousands”
    // too), in date order.
    let without_figure = [
        "institute-founded",
        "first-exchange",
        "satellite-station",
        "computing-courses",
        "cable-agreement",
        "backbone-plan",
        "intranet-policy",
        "army-network",
        "word-processor",
        "intranet-opens",
        "examplenet-launch",
        "export-office",
        "network-name",
        "intranet-closed",
        "tesuville-zone",
        "no-direct-links",
        "fees-in-local-currency",
        "programmers-thousands",
    ];
    let smallest_first = [
        "lines-per-100-1999",
        "lines-per-100-southland-1999",
        "coverage-undated",
        "coverage-2011",
        "coverage-southland",
        "staff-about-500",
        "staff-2005",
        "subscribers-2008",
        "cable-length-2005",
        "staff-over-2000",
        "subscribers-2009",
        "computers-up-to",
        "subscribers-2010",
        "subscribers-2010-gamma",
        "subscribers-delta",
        // Both at 200,000 (the words' low end, the range's), in date order.
        "subscribers-2011-vague",
        "subscribers-2011",
        "subscribers-2012",
    ];
    press(&mut app, "s");
    assert_eq!(app.sort().column, SortColumn::Figure);
    assert_eq!(ids(&app), [&smallest_first[..], &without_figure[..]].concat());
    assert_eq!(message(&app).0, "Sorted by figure (ascending)");
    // Largest first, ties still in date order, and without a figure last.
    press(&mut app, "S");
    let largest_first = [
        "subscribers-2012",
        "subscribers-2011-vague",
        "subscribers-2011",
        "subscribers-delta",
        "subscribers-2010-gamma",
        "subscribers-2010",
        "computers-up-to",
        "subscribers-2009",
        "staff-over-2000",
        "cable-length-2005",
        "subscribers-2008",
        "staff-2005",
        "staff-about-500",
        "coverage-southland",
        "coverage-2011",
        "coverage-undated",
        "lines-per-100-southland-1999",
        "lines-per-100-1999",
    ];
    assert_eq!(ids(&app), [&largest_first[..], &without_figure[..]].concat());
    press(&mut app, "S");
    let title = |ix: &usize| records[*ix].title.to_lowercase();
    let source = |ix: &usize| records[*ix].source.as_str();
    let first = |app: &App| records[app.sorted()[0]].id.clone();

    press(&mut app, "s");
    assert_eq!(app.sort().column, SortColumn::Category);
    let by_category = app.sorted().to_vec();
    assert!(by_category.windows(2).all(|w| category(&w[0]) <= category(&w[1])));
    assert_eq!(first(&app), "computers-up-to", "computing comes first");
    assert_eq!(message(&app).0, "Sorted by category (ascending)");

    press(&mut app, "s");
    assert_eq!(app.sort().column, SortColumn::Title);
    let by_title = app.sorted().to_vec();
    assert!(by_title.windows(2).all(|w| title(&w[0]) <= title(&w[1])));
    assert_eq!(first(&app), "subscribers-2008", "“1,000 ExampleNet subscribers”");

    press(&mut app, "s");
    assert_eq!(app.sort().column, SortColumn::Source);
    let by_source = app.sorted().to_vec();
    assert!(by_source.windows(2).all(|w| source(&w[0]) <= source(&w[1])));
    assert_eq!(first(&app), "institute-founded", "alpha-review's first, by date");

    press(&mut app, "S");
    assert!(app.sort().reversed);
    let mut reversed = by_source.clone();
    reversed.reverse();
    assert_eq!(app.sorted(), reversed);
    assert_eq!(message(&app).0, "Sorted by source (descending)");

    press(&mut app, "s");
    assert_eq!(app.sort().column, SortColumn::Date, "the cycle wraps");
    let mut newest_first = date_order.clone();
    newest_first.reverse();
    assert_eq!(app.sorted(), newest_first);
    press(&mut app, "S");
    assert_eq!(app.sorted(), date_order);

    // The selection follows the order.
    press(&mut app, "sss");
    assert_eq!(app.selected_record(), Some(by_title[0]));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("sorted by title"), "{screen}");
}

#[test]
fn a_sort_survives_a_filter_change() {
    let mut app = app();
    press(&mut app, "5sss");
    set_years(&mut app, "2000-2010");
    assert_eq!(app.sort().column, SortColumn::Title);
    let titles: Vec<String> = app
        .sorted()
        .iter()
        .map(|&ix| app.model().record(ix).title.to_string())
        .collect();
    assert_eq!(titles[0], "1,000 ExampleNet subscribers");
    assert_eq!(titles[11], "Word processor for Korean script released");
    assert_eq!(titles.len(), 12);
}

// ---------------------------------------------------------------- selection

#[test]
fn selection_moves_pages_and_clamps_to_the_list() {
    // 8 rows of records on a 15-row screen.
    let mut app = app_sized(Filter::default(), 80, 15);
    press(&mut app, "5");
    let len = list_len(&app, app.tab());
    let page = Records.list(&app, app.body()).rows.height as usize;
    assert_eq!((len, page), (TOTAL, 8));

    press(&mut app, "k");
    assert_eq!(selected(&app), 0, "k at the top stays there");
    press(&mut app, "jjj");
    assert_eq!(selected(&app), 3);
    send(&mut app, key(KeyCode::Up));
    assert_eq!(selected(&app), 2);
    send(&mut app, key(KeyCode::PageDown));
    assert_eq!(selected(&app), 10);
    send(&mut app, key(KeyCode::PageUp));
    assert_eq!(selected(&app), 2);
    press(&mut app, "G");
    assert_eq!(selected(&app), 35);
    assert_eq!(app.cursor(app.tab()).offset, 28, "the last 8 rows show");
    press(&mut app, "j");
    assert_eq!(selected(&app), 35, "j at the bottom stays there");
    send(&mut app, key(KeyCode::PageDown));
    assert_eq!(selected(&app), 35);
    press(&mut app, "g");
    assert_eq!(selected(&app), 0);
    send(&mut app, key(KeyCode::End));
    assert_eq!(selected(&app), 35);
    send(&mut app, key(KeyCode::Home));
    assert_eq!(selected(&app), 0);

    // The wheel moves three rows.
    send(&mut app, mouse(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(selected(&app), 3);
    send(&mut app, mouse(MouseEventKind::ScrollUp, 10, 10));
    assert_eq!(selected(&app), 0);

    // Selections in other views are their own.
    press(&mut app, "2G");
    assert_eq!(selected(&app), 24, "the 25th dated record");
    press(&mut app, "5");
    assert_eq!(selected(&app), 0);
}

#[test]
fn a_click_on_a_row_selects_it() {
    let mut app = app();
    press(&mut app, "5");
    let area = Records.list(&app, app.body()).rows;
    send(&mut app, click(area.x + 5, area.y + 4));
    assert_eq!(selected(&app), 4);
    // The row drawn there is the selected record's: the fifth by date.
    let record = app.model().record(app.selected_record().unwrap());
    assert_eq!(record.id, "cable-agreement");
    let row = row_text(&draw(&app), area.y + 4);
    assert!(
        row.contains("▶ 1990-08") && row.contains("Optical cable agreement"),
        "{row}"
    );
    // Below the last visible row, nothing changes.
    send(&mut app, click(area.x + 5, area.y + area.height + 1));
    assert_eq!(selected(&app), 4);
}

#[test]
fn a_click_on_a_picker_row_selects_it_and_marks_it_where_several_may_be() {
    let mut app = app();
    send(&mut app, ch('c'));
    let rows = layout::picker(app.body(), picker_of(&app).items.len()).rows;
    // Row 0 is "any"; with all years, Mobile (13 records) is the first item.
    send(&mut app, click(rows.x + 3, rows.y + 1));
    let picker = picker_of(&app);
    assert_eq!(picker.cursor.selected, 1);
    assert_eq!(picker_rows(&app)[1].0, "Mobile");
    assert_eq!(picker.marked.iter().filter(|m| **m).count(), 1, "Mobile marked");
    // The next row too, then Mobile again: unmarked, and the cursor stays.
    send(&mut app, click(rows.x + 3, rows.y + 2));
    send(&mut app, click(rows.x + 3, rows.y + 1));
    assert_eq!(picker_of(&app).cursor.selected, 1);
    enter(&mut app);
    assert_eq!(app.filter().categories.len(), 1, "{:?}", app.filter());
    assert_ne!(app.filter().categories[0], Category::Mobile);

    // A picker of one item at a time: a click selects, Enter applies it.
    send(&mut app, ch('a'));
    let rows = layout::picker(app.body(), picker_of(&app).items.len()).rows;
    send(&mut app, click(rows.x + 3, rows.y + 2));
    assert_eq!(picker_of(&app).cursor.selected, 2);
    assert!(picker_of(&app).error.is_none(), "no complaint about marking");
    // Outside the rows (the input line), nothing changes.
    send(&mut app, click(rows.x + 3, rows.y - 1));
    assert_eq!(picker_of(&app).cursor.selected, 2);
    enter(&mut app);
    assert_eq!(app.filter().entities.len(), 1);
}

#[test]
fn the_selection_stays_in_range_when_a_filter_narrows_the_list() {
    let mut app = app();
    for view in ["2", "3", "4", "5", "6"] {
        press(&mut app, view);
        press(&mut app, "G");
    }
    press(&mut app, "5");
    assert_eq!(selected(&app), 35);
    // 2005: the army's network, the institute's staff, the cable.
    set_years(&mut app, "2005");
    assert_selections_in_range(&mut app);
    assert_eq!(selected(&app), 2);
    assert_eq!(
        app.model().record(app.selected_record().unwrap()).id,
        "cable-length-2005"
    );

    // Live search narrows while the selection is at the end.
    set_years(&mut app, "");
    press(&mut app, "G/sub");
    assert_selections_in_range(&mut app);
    press(&mut app, "scribers");
    assert_selections_in_range(&mut app);
    esc(&mut app);

    // An empty list selects nothing and says so.
    press(&mut app, "/zzzz-nothing-matches");
    enter(&mut app);
    assert!(app.derived().view.is_empty());
    assert_selections_in_range(&mut app);
    assert_eq!(app.selected_record(), None);
    enter(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(message(&app), ("Nothing selected here".into(), MessageKind::Notice));
    press(&mut app, "jGk");
    assert_eq!(selected(&app), 0);
    let _ = draw(&app);
}

// ---------------------------------------------------------------- detail, copy

#[test]
fn enter_opens_the_selected_records_detail_and_esc_closes_it() {
    // A short screen, so the detail scrolls.
    let mut app = app_sized(Filter::default(), 80, 15);
    press(&mut app, "5jjj");
    let record = app.selected_record().expect("a record is selected");
    assert_eq!(app.model().record(record).id, "computing-courses");
    enter(&mut app);
    assert_eq!(app.overlay, Some(Overlay::Detail { record, scroll: 0 }));
    // Scrolling the popup does not move the list.
    press(&mut app, "jj");
    assert_eq!(app.overlay, Some(Overlay::Detail { record, scroll: 2 }));
    assert_eq!(selected(&app), 3);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains(" Detail "), "{screen}");
    esc(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(selected(&app), 3);

    // On the Timeline too, the detail is of the selected row.
    press(&mut app, "2jj");
    let record = app.selected_record().expect("a dated record");
    assert_eq!(app.model().record(record).id, "satellite-station");
    enter(&mut app);
    assert_eq!(app.overlay, Some(Overlay::Detail { record, scroll: 0 }));
    press(&mut app, "q");
    assert!(
        app.overlay.is_none() && !app.should_quit,
        "q closes a popup, it does not quit"
    );

    // The Overview selects nothing.
    press(&mut app, "1");
    enter(&mut app);
    assert!(app.overlay.is_none());
}

#[test]
fn y_copies_the_citation_with_quote_and_source() {
    let mut app = app();
    assert_eq!(effect_of(&mut app, ch('y')), None, "the Overview has no record to copy");
    assert_eq!(
        message(&app),
        (
            "Select a record to copy its citation or quote".into(),
            MessageKind::Notice
        )
    );
    let footer = row_text(&draw(&app), 23);
    assert!(
        footer.starts_with("· Select a record"),
        "a refusal is not marked as done: {footer}"
    );

    press(&mut app, "5jj");
    let citation = "Satellite ground station built (1980–1989). Northland Statistics Office, \
                    “Northland Statistical Yearbook”, Northland Statistical Yearbook 2020, 2020 \
                    (government report), Chapter 2. “A satellite ground station was built in the 1980s.”";
    assert_eq!(effect_of(&mut app, ch('y')), Some(Effect::Copy(citation.to_owned())));
    let (text, kind) = message(&app);
    assert!(
        kind == MessageKind::Done
            && text == "Sent to the terminal's clipboard (OSC 52): the citation of “Satellite ground station built”"
    );
    let screen = screen_text(&draw(&app));
    assert!(
        screen
            .lines()
            .nth(23)
            .unwrap()
            .contains("Sent to the terminal's clipboard"),
        "the footer says so:\n{screen}"
    );

    // From the detail popup too, which stays open.
    press(&mut app, "j");
    enter(&mut app);
    let Some(Effect::Copy(text)) = effect_of(&mut app, ch('y')) else {
        panic!("y copies from the detail");
    };
    assert!(
        text.ends_with("Section 1. “From 1985 the institute taught computing.”"),
        "{text}"
    );
    assert!(matches!(app.overlay, Some(Overlay::Detail { .. })));
}

#[test]
fn shift_y_copies_the_quote_alone_with_its_source() {
    let mut app = app();
    press(&mut app, "5jj");
    let quote = "“A satellite ground station was built in the 1980s.” (Northland Statistics Office, \
                 “Northland Statistical Yearbook”, Northland Statistical Yearbook 2020, 2020 \
                 (government report), Chapter 2)";
    assert_eq!(effect_of(&mut app, ch('Y')), Some(Effect::Copy(quote.to_owned())));
    assert_eq!(
        message(&app).0,
        "Sent to the terminal's clipboard (OSC 52): the quote of “Satellite ground station built”"
    );
    // And from the detail popup.
    enter(&mut app);
    assert_eq!(effect_of(&mut app, ch('Y')), Some(Effect::Copy(quote.to_owned())));
    assert!(matches!(app.overlay, Some(Overlay::Detail { .. })));
}

#[test]
fn on_an_indicator_row_y_copies_the_latest_claims_it_shows() {
    let mut app = app();
    pick(&mut app, 'i', "examplenet");
    press(&mut app, "3");
    // The row shows 2012's 1,000,000; its first observation is 2008's 1,000.
    let citation = copied(&mut app, 'y');
    assert!(citation.starts_with("1,000,000 ExampleNet subscribers"), "{citation}");
    assert!(
        citation.contains("“ExampleNet subscribers, 2012: 1,000,000”"),
        "{citation}"
    );
    assert_eq!(
        message(&app),
        (
            "Sent to the terminal's clipboard (OSC 52): the citation of the latest claim, \
             “1,000,000 ExampleNet subscribers”"
                .into(),
            MessageKind::Done
        )
    );
    let bibtex = copied(&mut app, 'b');
    assert!(bibtex.starts_with("@techreport{gamma-yearbook,"), "{bibtex}");

    // In 2010 three sources disagree: 100,000+ (the review) ≠ 120,000 (the
    // yearbook) ≠ about 150,000 (the survey, c. 2010 by its own date).
    set_years(&mut app, "2010");
    let quotes = copied(&mut app, 'Y');
    let quotes: Vec<&str> = quotes.split("\n\n").collect();
    let [review, yearbook, survey] = quotes[..] else {
        panic!("three quotes, a blank line between: {quotes:?}");
    };
    assert!(
        review.starts_with("“By 2010 ExampleNet had more than 100,000 subscribers.” (")
            && review.ends_with(", Section 4)"),
        "{review}"
    );
    assert_eq!(
        yearbook,
        "“ExampleNet subscribers, 2010: 120,000” (Northland Statistics Office, “Northland Statistical Yearbook”, \
         Northland Statistical Yearbook 2020, 2020 (government report), Table 8)"
    );
    assert!(
        survey.starts_with("“ExampleNet now has about 150,000 subscribers.” (") && survey.ends_with(", p. 4)"),
        "{survey}"
    );
    assert_eq!(
        message(&app).0,
        "Sent to the terminal's clipboard (OSC 52): the quotes of the 3 latest claims, \
         “More than 100,000 ExampleNet subscribers”, “ExampleNet has 120,000 subscribers”, \
         “About 150,000 ExampleNet subscribers”"
    );
    // One source's reference can't stand for both.
    assert_eq!(effect_of(&mut app, ch('b')), None);
    assert_eq!(
        message(&app),
        (
            "The 3 latest claims cite different sources: → lists them, to pick one".into(),
            MessageKind::Notice
        )
    );
    // In the observations, the one selected.
    send(&mut app, key(KeyCode::Right));
    press(&mut app, "j");
    assert!(copied(&mut app, 'y').starts_with("ExampleNet has 120,000 subscribers"));
    assert!(copied(&mut app, 'b').starts_with("@techreport{gamma-yearbook,"));
}

/// What pressing `key` puts on the clipboard.
fn copied(app: &mut App, key: char) -> String {
    match effect_of(app, ch(key)) {
        Some(Effect::Copy(text)) => text,
        other => panic!("{key} copies nothing: {other:?}"),
    }
}

#[test]
fn b_and_shift_j_copy_a_sources_bibtex_and_csl_json() {
    let mut app = app();
    assert_eq!(effect_of(&mut app, ch('b')), None, "the Overview selects no source");
    assert_eq!(
        message(&app),
        (
            "Select a source or a record to copy its source's reference".into(),
            MessageKind::Notice
        )
    );
    // The Sources view: the first source, in the dataset's order.
    press(&mut app, "6");
    let bibtex = copied(&mut app, 'b');
    assert!(bibtex.starts_with("@article{alpha-review,\n"), "{bibtex}");
    assert!(
        bibtex.contains("title = {{Telecoms in Northland: A Review}}"),
        "{bibtex}"
    );
    assert!(bibtex.contains("journal = {Journal of Imaginary Networks}"), "{bibtex}");
    assert_eq!(
        message(&app).0,
        "Sent to the terminal's clipboard (OSC 52): the BibTeX of source `alpha-review`"
    );
    press(&mut app, "j");
    let csl = copied(&mut app, 'J');
    let item: serde_json::Value = serde_json::from_str(&csl).expect("one CSL-JSON item");
    assert_eq!(item["id"], "beta-blog");
    assert_eq!(item["title"], "Notes from Testville");
    // Elsewhere, the selected record's source.
    press(&mut app, "5jj");
    let bibtex = copied(&mut app, 'b');
    assert!(bibtex.starts_with("@techreport{gamma-yearbook,"), "{bibtex}");
}

// ---------------------------------------------------------------- sources

#[test]
fn enter_on_a_source_filters_to_it() {
    let mut app = app();
    press(&mut app, "6j");
    assert_eq!(app.tab(), position::<Sources>(&app));
    enter(&mut app);
    assert_eq!(app.filter().sources, ["beta-blog"]);
    assert_eq!(app.tab(), position::<Records>(&app), "the records from it are shown");
    assert_eq!(
        view_ids(&app),
        [
            "army-network",
            "export-office",
            "staff-over-2000",
            "coverage-undated",
            "coverage-southland",
            "computers-up-to",
            "network-name",
            "intranet-closed",
            "programmers-thousands",
        ]
    );
    assert_eq!(message(&app).0, "Source `beta-blog`: 9 records in view");
    // r brings everything back.
    press(&mut app, "r");
    assert!(app.filter().sources.is_empty());
}

// ---------------------------------------------------------------- drill-down

/// The Overview at 80x24 lists, in order: its four gauges (Northland's and
/// Southland's coverage, then their lines per 100), its four key figures
/// (cable, subscribers, staff, computers), the records-per-year chart, then
/// the categories by count.
const CHART: usize = 8;

#[test]
fn enter_on_a_gauge_shows_the_records_behind_it() {
    let mut app = app();
    assert_eq!(app.tab(), position::<Overview>(&app));
    enter(&mut app);
    assert_eq!(app.tab(), position::<Records>(&app));
    assert_eq!(app.filter().indicator.as_deref(), Some("coverage-share"));
    assert_eq!(app.filter().entities, ["northland"]);
    // Northland's coverage: 2011's 60% and Beta's undated 45.5%.
    assert_eq!(view_ids(&app), ["coverage-2011", "coverage-undated"]);
    assert_eq!(
        message(&app).0,
        "2 records Population covered about NL; r resets the filters"
    );
    // The other country's gauge, one down, is its own quantity.
    press(&mut app, "r1j");
    enter(&mut app);
    assert_eq!(app.filter().entities, ["southland"]);
    assert_eq!(view_ids(&app), ["coverage-southland"]);
}

#[test]
fn a_drill_down_narrows_the_filter_and_keeps_the_rest_of_it() {
    let mut app = app();
    set_years(&mut app, "2000-2010");
    // In 2000-2010 the headline is out of view: the key figures come
    // first, then ExampleNet's three tied counts of 2010.
    press(&mut app, "1j");
    enter(&mut app);
    assert_eq!(years_of(&app), (Some(2000), Some(2010)), "the years stay");
    assert_eq!(app.filter().indicator.as_deref(), Some("examplenet-subscribers"));
    assert_eq!(
        view_ids(&app),
        [
            "subscribers-2008",
            "subscribers-2009",
            "subscribers-2010",
            "subscribers-2010-gamma",
            "subscribers-delta",
        ]
    );
}

#[test]
fn enter_on_a_year_bar_shows_that_years_records() {
    let mut app = app();
    press(&mut app, &"j".repeat(CHART));
    // Along the chart's years from 1965 with right (l, →) and left (h, ←).
    send(&mut app, key(KeyCode::Right));
    send(&mut app, key(KeyCode::Left));
    press(&mut app, &"l".repeat(45));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("▲2010"), "{screen}");
    enter(&mut app);
    assert_eq!(app.tab(), position::<Records>(&app));
    assert_eq!(years_of(&app), (Some(2010), Some(2010)));
    // The bar's four: two counts and an office with their own dates, and
    // the survey's count placed at its date, c. 2010.
    assert_eq!(
        view_ids(&app),
        [
            "subscribers-2010",
            "export-office",
            "subscribers-2010-gamma",
            "subscribers-delta"
        ]
    );
    assert_eq!(message(&app).0, "4 records of 2010; r resets the filters");
}

#[test]
fn enter_on_a_category_shows_its_records() {
    let mut app = app();
    press(&mut app, &"j".repeat(CHART + 1));
    enter(&mut app);
    assert_eq!(app.filter().categories, [Category::Mobile]);
    assert_eq!(app.derived().view.len(), 13, "the Overview's count for Mobile");
    assert!(
        message(&app).0.starts_with("13 records in Mobile"),
        "{}",
        message(&app).0
    );
}

// ---------------------------------------------------------------- export

/// The fixture over 2000–2010, exporting into a temporary folder.
fn exporting_in_the_2000s() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    set_years(&mut app, "2000-2010");
    (dir, app)
}

fn read_export(path: &std::path::Path) -> serde_json::Value {
    let bytes = std::fs::read(path).expect("the export was written");
    serde_json::from_slice(&bytes).expect("the export is JSON")
}

fn json_ids(json: &serde_json::Value) -> Vec<String> {
    let records = json["records"].as_array().expect("a records array");
    records.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn update_asks_for_an_export_and_never_touches_a_file_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    press(&mut app, "e");
    let path = dir.path().join("nkict_all.json");
    assert_eq!(
        effect_of(&mut app, key(KeyCode::Enter)),
        Some(Effect::Export {
            path: path.clone(),
            overwrite: false
        })
    );
    assert!(app.overlay.is_none());
    assert!(!path.exists(), "update wrote nothing");
    // The event loop reports that the file exists: a question, then a
    // yes asks again, with leave to replace it.
    assert_eq!(app.update(Action::Exported(ExportOutcome::Exists(path.clone()))), None);
    assert_eq!(app.overlay, Some(Overlay::ConfirmOverwrite(path.clone())));
    assert_eq!(
        effect_of(&mut app, ch('y')),
        Some(Effect::Export {
            path: path.clone(),
            overwrite: true
        })
    );
    app.update(Action::Exported(ExportOutcome::Written {
        path: path.clone(),
        records: 31,
    }));
    assert_eq!(message(&app).0, format!("Exported 31 records to {}", path.display()));
    app.update(Action::Exported(ExportOutcome::Failed("disk full".into())));
    assert_eq!(
        message(&app),
        ("Export failed: disk full".to_owned(), MessageKind::Error)
    );
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn export_writes_the_view_and_asks_before_overwriting() {
    let (dir, mut app) = exporting_in_the_2000s();
    assert_eq!(send(&mut app, ch('e')), Some(Action::Export));
    assert_eq!(
        prompt_of(&app),
        Some((PromptKind::Export, "nkict_2000-2010.json".to_owned(), None))
    );
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("nkict export --from 2000 --to 2010 -o nkict_2000-2010.json"),
        "{screen}"
    );
    enter(&mut app);
    assert!(app.overlay.is_none());
    let path = dir.path().join("nkict_2000-2010.json");
    let (text, kind) = message(&app);
    assert!(
        kind == MessageKind::Done && text.starts_with("Exported 12 records"),
        "{text}"
    );

    let json = read_export(&path);
    assert_eq!(json["filter"]["from"], 2000);
    assert_eq!(json["filter"]["to"], 2010);
    assert_eq!(json_ids(&json), IN_2000S, "the same records, in the view's order");

    // A second export to the same name asks first; n keeps the file.
    std::fs::write(&path, "sentinel").unwrap();
    press(&mut app, "e");
    enter(&mut app);
    assert_eq!(app.overlay, Some(Overlay::ConfirmOverwrite(path.clone())));
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("Overwrite it? y replaces it, n/Enter/Esc/q keeps it."),
        "{screen}"
    );
    // Enter, pressed once too often after the name, does not replace it.
    enter(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "sentinel",
        "Enter keeps the file"
    );
    press(&mut app, "e");
    enter(&mut app);
    assert!(matches!(app.overlay, Some(Overlay::ConfirmOverwrite(_))));
    assert_eq!(send(&mut app, ch('Y')), None, "only a lower-case y replaces");
    press(&mut app, "n");
    assert!(app.overlay.is_none());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "sentinel",
        "n leaves the file untouched"
    );
    assert_eq!(
        message(&app),
        (
            "Export cancelled: the file was left as it was".into(),
            MessageKind::Notice
        )
    );

    // y replaces it.
    press(&mut app, "e");
    enter(&mut app);
    assert!(matches!(app.overlay, Some(Overlay::ConfirmOverwrite(_))));
    press(&mut app, "y");
    assert!(app.overlay.is_none());
    assert_eq!(json_ids(&read_export(&path)), IN_2000S);
    assert!(message(&app).0.starts_with("Exported"));

    // No temporary files are left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["nkict_2000-2010.json".to_owned()]);
}

#[test]
fn the_exported_file_loads_back_as_a_dataset() {
    let (dir, mut app) = exporting_in_the_2000s();
    press(&mut app, "/cable");
    enter(&mut app);
    press(&mut app, "e");
    enter(&mut app);
    let path = dir.path().join("nkict_2000-2010_search-cable.json");
    let bytes = std::fs::read(&path).expect("the export was written");
    let dataset: Dataset =
        nkict::data::parse(&bytes, &path).unwrap_or_else(|err| panic!("the export does not load back: {err}"));
    let exported: Vec<&str> = dataset.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(exported, ["cable-length-2005"]);
    assert_eq!(dataset.sources.len(), 1);
    // The fixture's own description of itself travels with the export.
    let metadata = dataset.metadata.expect("the dataset section");
    assert_eq!(metadata.title.as_deref(), Some("nkict test fixture"));
    // Only the dashboard's indicators the export still has.
    let dashboard = dataset.dashboard.expect("the dashboard section");
    assert!(dashboard.headline.is_empty());
    assert_eq!(dashboard.key_figures, ["cable-length"]);
}

#[test]
fn export_names_follow_the_filter_and_an_empty_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    press(&mut app, "e");
    assert_eq!(prompt_of(&app).unwrap().1, "nkict_all.json");
    send(&mut app, ctrl('u'));
    enter(&mut app);
    let (_, _, error) = prompt_of(&app).expect("an empty name keeps the prompt open");
    assert_eq!(error.as_deref(), Some("Type a file name"));
    press(&mut app, "mine.json");
    enter(&mut app);
    let json = read_export(&dir.path().join("mine.json"));
    assert_eq!(json_ids(&json).len(), TOTAL);
    // A folder that does not exist is an error in the footer, not a panic.
    press(&mut app, "e");
    send(&mut app, ctrl('u'));
    press(&mut app, "no/such/folder.json");
    enter(&mut app);
    let (text, kind) = message(&app);
    assert!(
        kind == MessageKind::Error && text.starts_with("Export failed"),
        "{text}"
    );
    // Esc cancels without writing.
    press(&mut app, "e");
    esc(&mut app);
    assert!(app.overlay.is_none());
    assert!(!dir.path().join("nkict_all.json").exists());
}

// ---------------------------------------------------------------- help, quit

#[test]
fn the_export_format_follows_the_extension_and_the_next_name_keeps_it() {
    let (dir, mut app) = exporting_in_the_2000s();
    press(&mut app, "e");
    assert!(screen_text(&draw(&app)).contains("Writes JSON, a dataset nkict --data reads back"));
    for _ in 0.."json".len() {
        send(&mut app, key(KeyCode::Backspace));
    }
    press(&mut app, "csv");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("Writes CSV, one row per record"), "{screen}");
    enter(&mut app);
    let text = std::fs::read_to_string(dir.path().join("nkict_2000-2010.csv")).unwrap();
    assert!(text.starts_with("\u{feff}id,kind,category,"), "{text}");
    assert_eq!(text.lines().count(), 13, "a header and twelve records");
    // The next proposal keeps the format, and names the new view.
    pick(&mut app, 'c', "telephony");
    press(&mut app, "e");
    assert_eq!(prompt_of(&app).unwrap().1, "nkict_2000-2010_telephony.csv");
    esc(&mut app);
}

#[test]
fn tab_in_the_export_prompt_goes_through_the_formats_and_nowhere_else() {
    let (_dir, mut app) = exporting_in_the_2000s();
    press(&mut app, "e");
    let tab = || key(KeyCode::Tab);
    send(&mut app, tab());
    assert_eq!(prompt_of(&app).unwrap().1, "nkict_2000-2010.csv");
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("Writes CSV, one row per record · Tab: .jsonl .zip .json"),
        "{screen}"
    );
    for name in ["nkict_2000-2010.jsonl", "nkict_2000-2010.zip", "nkict_2000-2010.json"] {
        send(&mut app, tab());
        assert_eq!(prompt_of(&app).unwrap().1, name);
    }
    esc(&mut app);
    // In the search prompt Tab types nothing and changes nothing.
    press(&mut app, "/");
    press(&mut app, "cable");
    send(&mut app, tab());
    assert_eq!(prompt_of(&app).unwrap().1, "cable");
    esc(&mut app);
}

#[test]
fn a_tilde_in_the_export_name_is_the_home_folder() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app();
    app.home_dir = Some(home.path().to_owned());
    press(&mut app, "e");
    send(&mut app, ctrl('u'));
    press(&mut app, "~/view.jsonl");
    assert_eq!(
        effect_of(&mut app, key(KeyCode::Enter)),
        Some(Effect::Export {
            path: home.path().join("view.jsonl"),
            overwrite: false
        })
    );
    // Only a leading `~` or `~/`: `~name` is a file name like any other.
    app.export_dir = "/exports".into();
    press(&mut app, "e");
    send(&mut app, ctrl('u'));
    press(&mut app, "~other.json");
    assert_eq!(
        effect_of(&mut app, key(KeyCode::Enter)),
        Some(Effect::Export {
            path: "/exports/~other.json".into(),
            overwrite: false
        })
    );
}

#[test]
fn the_export_follows_the_records_views_sort() {
    let (dir, mut app) = exporting_in_the_2000s();
    // Sorted by title: the fixture's titles of the 2000s, in alphabetical order.
    press(&mut app, "5sss");
    press(&mut app, "e");
    enter(&mut app);
    let json = read_export(&dir.path().join("nkict_2000-2010.json"));
    let titles: Vec<String> = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
    assert_eq!(titles.len(), 12);
    assert_ne!(json_ids(&json), IN_2000S, "not the date order");
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    press(&mut app, "?");
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 0 })));
    press(&mut app, "j");
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 1 })));
    press(&mut app, "?");
    assert!(app.overlay.is_none());
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut app = app();
    assert_eq!(send(&mut app, ch('q')), Some(Action::Quit));
    assert!(app.should_quit);

    let mut app = app_sized(Filter::default(), 80, 24);
    send(&mut app, ctrl('c'));
    assert!(app.should_quit);

    // Ctrl-C quits from inside a prompt and a popup as well.
    let mut app = app_sized(Filter::default(), 80, 24);
    press(&mut app, "/abc");
    send(&mut app, ctrl('c'));
    assert!(app.should_quit);
    let mut app = app_sized(Filter::default(), 80, 24);
    press(&mut app, "?");
    send(&mut app, ctrl('c'));
    assert!(app.should_quit);
}

#[test]
fn a_filter_given_at_start_is_in_force() {
    let filter = Filter {
        from: Some(2000),
        to: Some(2010),
        ..Filter::default()
    };
    let app = app_sized(filter, 100, 30);
    assert_eq!(view_ids(&app), IN_2000S);
    let header = row_text(&draw(&app), 1);
    assert!(header.contains("Years 2000-2010"), "{header}");
    assert!(header.contains("12 of 36 records"), "{header}");
}

#[test]
fn popups_scroll_only_as_far_as_their_text_goes() {
    let mut app = app_sized(Filter::default(), 80, 15);
    press(&mut app, "5");
    enter(&mut app);
    let Some(Overlay::Detail { record, .. }) = app.overlay.clone() else {
        panic!("the detail is open");
    };
    press(&mut app, "G");
    let Some(Overlay::Detail { scroll: bottom, .. }) = app.overlay.clone() else {
        panic!("the detail is still open");
    };
    // The founding's detail takes 16 rows at 76 columns (its source's
    // reference wraps once; its kind and information date follow); the
    // 15-row screen's popup shows 7 of them.
    assert_eq!(bottom, 9, "G stops at the end of the text");
    // One more j stays at the end; one k moves up at once.
    press(&mut app, "j");
    assert_eq!(app.overlay, Some(Overlay::Detail { record, scroll: bottom }));
    press(&mut app, "k");
    assert_eq!(
        app.overlay,
        Some(Overlay::Detail {
            record,
            scroll: bottom - 1
        })
    );
    esc(&mut app);

    let mut app = app_sized(Filter::default(), 80, 24);
    press(&mut app, "?");
    press(&mut app, "G");
    let Some(Overlay::Help { scroll }) = app.overlay.clone() else {
        panic!("the help is open");
    };
    // 61 lines (the copy keys, Ctrl-L, the Overview's drill-down and
    // years, the pickers among them), 20 shown.
    assert_eq!(scroll, 41);
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("Years: 1990-2002")
            && screen.contains("Copying (y Y b J) sends to the terminal's clipboard (OSC 52):")
            && screen.contains("the terminal must accept it (tmux: set -g set-clipboard on)."),
        "the last help lines show at the end:\n{screen}"
    );
}

#[test]
fn u_brings_undated_records_into_a_year_range_and_back_out() {
    let mut app = app();
    set_years(&mut app, "2000-2010");
    press(&mut app, "u");
    assert!(app.filter().include_undated);
    // The twelve dated records, then the eleven undated ones.
    assert_eq!(app.derived().view.len(), 23);
    assert!(screen_text(&draw(&app)).contains("2000-2010 +undated"));
    assert!(app.filter().to_args().contains(&"--include-undated".to_owned()));
    assert_eq!(message(&app).0, "Undated records shown: 23 records in view");
    assert!(
        !screen_text(&draw(&app)).contains("hidden"),
        "nothing is hidden once undated records are shown"
    );
    press(&mut app, "u");
    assert!(!app.filter().include_undated);
    assert_eq!(view_ids(&app), IN_2000S);
}

#[test]
fn o_keeps_own_dates_only_and_the_header_says_what_the_years_hide() {
    let mut app = app();
    set_years(&mut app, "2000-2010");
    // The survey's ExampleNet count, placed at its source's c. 2010, is in;
    // the eleven undated records are hidden.
    assert_eq!(view_ids(&app), IN_2000S);
    assert_eq!(
        app.derived().hidden,
        HiddenByTime {
            undated: 11,
            approximate: 0
        }
    );
    let header = row_text(&draw(&app), 1);
    assert!(
        header.ends_with("12 of 36 records · 11 undated hidden (u)"),
        "{header:?}"
    );

    assert_eq!(send(&mut app, ch('o')), Some(Action::ToggleOwnDates));
    assert!(app.filter().own_dates_only);
    assert_eq!(view_ids(&app), IN_2000S[..11]);
    // u would show the survey's count as undated, with the eleven; o
    // places it in 2010 again.
    assert_eq!(
        app.derived().hidden,
        HiddenByTime {
            undated: 12,
            approximate: 1
        }
    );
    assert_eq!(
        message(&app).0,
        "Own dates only: 11 records in view; 12 undated hidden (u)"
    );
    // At 80 columns the hints are short, and the count whole.
    let header = row_text(&draw(&app), 1);
    assert!(
        header.ends_with("11 of 36 records · +12 undated u · +1 by source o"),
        "{header:?}"
    );
    assert!(header.starts_with("Years 2000-2010 own dates"), "{header:?}");
    // At 60, shorter still.
    app.update(Action::Resize(60, 24));
    let header = row_text(&draw(&app), 1);
    assert!(header.ends_with("11 of 36 records · +12 u · +1 o"), "{header:?}");
    app.update(Action::Resize(80, 24));
    assert_eq!(app.filter().to_args().last().map(String::as_str), Some("--own-dates"));
    // Outside the years, a record dated by its source is only undated.
    set_years(&mut app, "1990-1999");
    assert_eq!(
        app.derived().hidden,
        HiddenByTime {
            undated: 12,
            approximate: 0
        }
    );

    // With u, everything is in view and nothing is hidden.
    set_years(&mut app, "2000-2010");
    press(&mut app, "u");
    assert_eq!(app.derived().view.len(), 11 + 1 + 11);
    assert_eq!(app.derived().hidden, HiddenByTime::default());
    assert!(!row_text(&draw(&app), 1).contains("hidden"));
    press(&mut app, "o");
    assert!(!app.filter().own_dates_only);
    assert_eq!(app.derived().view.len(), 23, "the survey's count at c. 2010 now");
    assert_eq!(message(&app).0, "Source dates (c.) count again: 23 records in view");
}

#[test]
fn the_header_count_is_never_cut_and_uses_thousands_separators() {
    // A long filter at 80 columns: the count keeps its place.
    let mut app = app();
    set_years(&mut app, "2000-2010");
    press(&mut app, "/a very long search that cannot fit in the header line");
    enter(&mut app);
    let header = row_text(&draw(&app), 1);
    assert_eq!(
        header,
        "Years 2000-2010  Search “a very long search that cannot fit …  │ 0 of 36 records"
    );
    // Thousands: 36 and 1,164 copies, 1,200 records.
    let mut dataset = fixture();
    let template = dataset.records[0].clone();
    dataset.records.extend((0..1164).map(|n| nkict::data::Record {
        id: format!("copy-{n}").into(),
        ..template.clone()
    }));
    let app = app_over(dataset, Filter::default(), 80, 24);
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("1,200 of 1,200 records"), "{screen}");
}

#[test]
fn references_to_views_come_from_the_registry() {
    let app = app();
    assert_eq!(app.label_of::<Records>(), "Records (5)");
    assert_eq!(app.label_of::<Timeline>(), "Timeline (2)");
    assert_eq!(app.name_of::<Sources>(), Some(("Sources", 6)));
}

/// The ids of the observations of each Indicators row, in order.
fn indicator_rows(app: &App) -> Vec<Vec<String>> {
    (app.quantities().indicators.iter())
        .map(|row| ids(app, &row.observations))
        .collect()
}

#[test]
fn a_view_shown_after_the_filter_changed_elsewhere_shows_the_new_filter() {
    // The Indicators rows are worked out when that view is first drawn,
    // not on every filter change: never from an older filter.
    let mut app = app();
    press(&mut app, "5");
    set_years(&mut app, "2005");
    press(&mut app, "3");
    assert_eq!(
        indicator_rows(&app),
        [vec!["staff-2005"], vec!["cable-length-2005"]],
        "2005: the institute's staff, the cable's length (the fixture's order of indicators)"
    );
    press(&mut app, "5");
    set_years(&mut app, "2008-2009");
    press(&mut app, "3");
    assert_eq!(indicator_rows(&app), [vec!["subscribers-2008", "subscribers-2009"]]);
    press(&mut app, "1");
    assert_eq!(
        app.overview().in_view,
        4,
        "two subscriber counts, the launch, the army's network (by its source's date)"
    );
}

/// Sends `keys` through `searches`, as the event loop does.
fn type_held(app: &mut App, searches: &mut Searches, keys: &str) {
    for c in keys.chars() {
        let action = nkict::tui::keys::from_event(app.mode(), &ch(c)).expect("a key with an action");
        searches.run(app, action, &mut std::io::sink());
    }
}

#[test]
fn keys_typed_faster_than_searches_end_showing_the_latest_texts_matches() {
    let mut app = app();
    let mut searches = Searches::default();
    type_held(&mut app, &mut searches, "/cab");
    assert!(searches.holding());
    assert_eq!(app.filter().search, "", "held: nothing searched yet");
    assert_eq!(app.derived().view.len(), TOTAL);
    type_held(&mut app, &mut searches, "le");
    searches.carry_out(&mut app, &mut std::io::sink());
    assert!(!searches.holding());
    assert_eq!(app.filter().search, "cable");
    assert_eq!(
        view_ids(&app),
        ["cable-agreement", "backbone-plan", "cable-length-2005"]
    );
    assert_eq!(
        prompt_of(&app).map(|p| p.1),
        Some("cable".to_owned()),
        "the prompt stays open"
    );
}

#[test]
fn a_key_that_is_not_typing_acts_on_the_search_held() {
    let mut app = app();
    let mut searches = Searches::default();
    // Enter reports what the latest text matches.
    type_held(&mut app, &mut searches, "/cable");
    searches.run(&mut app, Action::Confirm, &mut std::io::sink());
    assert!(!searches.holding());
    assert_eq!(message(&app).0, "3 records match");
    // Esc restores the search from before, not the one held.
    type_held(&mut app, &mut searches, "/x");
    assert!(searches.holding());
    searches.run(&mut app, Action::Close, &mut std::io::sink());
    assert!(!searches.holding());
    assert_eq!(app.filter().search, "cable");
    assert_eq!(app.derived().view.len(), 3);
}

#[test]
fn a_search_prepared_on_another_thread_finds_what_a_plain_scan_finds() {
    // The dashboard builds the search index on another thread after its
    // first screen, then its word index; `sift` (the CLI's one pass) tests
    // each record's text without any index.
    let model = Arc::new(Model::new(fixture()));
    let shared = Arc::clone(&model);
    std::thread::spawn(move || shared.prepare_search())
        .join()
        .expect("the index is built");
    assert!(model.search_prepared());
    let words = Model::new(fixture());
    words.prepare_word_index();
    let bytes = std::fs::read(fixture_path()).expect("the fixture reads");
    for text in [
        "cable",
        "Testville",
        "NL",
        "예시망",
        "sub scribers",
        "\"line\"",
        "zzzz",
        "c",
        "op",
        "fibre",
        "\"optical ca",
        "net",
        "예",
        "-",
        "northland cable",
    ] {
        let filter = Filter {
            search: text.to_owned(),
            ..Filter::default()
        };
        let sifted = sift(&bytes, &fixture_path(), &filter, Keep::Filtered).expect("the fixture sifts");
        let scanned: Vec<String> = (sifted.view.iter())
            .map(|&ix| sifted.model.record(ix).id.to_string())
            .collect();
        for model in [&*model, &words] {
            let indexed: Vec<String> = (model.filter(&filter).iter())
                .map(|&ix| model.record(ix).id.to_string())
                .collect();
            assert_eq!(indexed, scanned, "{text}");
        }
    }
}

#[test]
fn a_search_typed_before_the_word_index_is_built_finds_what_one_after_finds() {
    // The dashboard's thread builds the word index seconds after the first
    // screen: a search before it reads every record's text.
    let mut app = app();
    let mut searches = Searches::default();
    type_held(&mut app, &mut searches, "/optical");
    searches.carry_out(&mut app, &mut std::io::sink());
    let before = view_ids(&app);
    assert_eq!(before, ["cable-agreement", "backbone-plan", "cable-length-2005"]);
    app.model().prepare_word_index();
    // Typed again, now by the index.
    type_held(&mut app, &mut searches, "x");
    searches.carry_out(&mut app, &mut std::io::sink());
    assert!(app.derived().view.is_empty(), "nothing says opticalx");
    searches.run(&mut app, Action::Backspace, &mut std::io::sink());
    searches.carry_out(&mut app, &mut std::io::sink());
    assert_eq!(view_ids(&app), before);
}

/// ExampleNet's subscribers in 2011: two claims, both latest; by date (2011
/// before 2011-06) first the vague "hundreds of thousands" (200,000 to
/// 999,999, alpha-review), then a range (gamma-yearbook).
fn subscribers_in_2011() -> App {
    let filter = Filter {
        from: Some(2011),
        to: Some(2011),
        indicator: Some("examplenet-subscribers".into()),
        ..Filter::default()
    };
    app_sized(filter, 120, 40)
}

#[test]
fn the_indicators_columns_fit_the_latest_claims_a_vague_one_with_its_bounds() {
    let app = subscribers_in_2011();
    let needs = app.quantities().indicator_needs;
    // The two disagree, so both show: "hundreds of thousands
    // (200,000–999,999)" (21 + 18 columns), " ≠ " (3) and "200,000–300,000"
    // (15).
    assert_eq!(needs.latest, 57);
    // "alpha-review +1 more"
    assert_eq!(needs.source, 20);
    // The Estimates list: the widest source id of the two claims, "gamma-yearbook".
    assert_eq!(app.contests().estimate_needs.source, 14);
    assert_eq!(app.contests().estimate_needs.claims, 2);
}

#[test]
fn what_every_claim_needs_may_be_prepared_on_another_thread_first() {
    let app = subscribers_in_2011();
    let (model, fixed) = (app.shared_model(), app.shared_fixed());
    std::thread::spawn(move || fixed.prepare(&model))
        .join()
        .expect("prepared");
    // As worked out in the test above, from the widths prepared.
    assert_eq!(app.quantities().indicator_needs.latest, 57);
    assert_eq!(app.contests().estimate_needs.source, 14);
}

/// The Overview's sources as (id, records in view), and how many records
/// in view are on the timeline and how many are undated.
fn overview_counts(app: &App) -> (Vec<(String, usize)>, usize, usize) {
    let facts = app.overview();
    let sources = (facts.sources.iter()).map(|(id, _, n)| (id.clone(), *n)).collect();
    (sources, app.derived().timeline().len(), facts.undated)
}

#[test]
fn the_overview_counts_each_sources_records_and_the_undated_in_view() {
    let mut app = app();
    let counted =
        |pairs: &[(&str, usize)]| -> Vec<(String, usize)> { pairs.iter().map(|&(id, n)| (id.to_owned(), n)).collect() };
    // Every record: the review's 15, the yearbook's 11, the blog's 9, the
    // survey's 1; 11 undated (the blog's "after 2017" and the review's
    // missing date place none of theirs; the survey's 2010 places its one).
    let every = [
        ("alpha-review", 15),
        ("gamma-yearbook", 11),
        ("beta-blog", 9),
        ("delta-survey", 1),
    ];
    assert_eq!(overview_counts(&app), (counted(&every), 25, 11));
    // 2008-2009: the army's network (2000-2009, the blog's), two subscriber
    // counts and the launch (the yearbook's); the undated are hidden.
    set_years(&mut app, "2008-2009");
    let years = [("gamma-yearbook", 3), ("beta-blog", 1)];
    assert_eq!(overview_counts(&app), (counted(&years), 4, 0));
    press(&mut app, "r");
    assert_eq!(overview_counts(&app), (counted(&every), 25, 11));
}

/// The ids of the records in the JSON export at `path`, in its order.
fn exported_ids(path: &std::path::Path) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Runs the export prompt's shell command (its words plain, unquoted).
fn run_shell_command(line: &str) {
    assert!(!line.contains('\''), "no quoting expected: {line}");
    let words: Vec<&str> = line.split(' ').collect();
    assert_eq!(words[..2], ["nkict", "export"]);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_nkict"))
        .args(&words[1..])
        .output()
        .unwrap();
    assert!(status.status.success(), "{line}: {status:?}");
}

#[test]
fn the_export_prompts_shell_command_writes_where_the_dashboard_writes_a_home_name() {
    let mut app = app();
    app.home_dir = Some("/home/reader".into());
    // Quoted as typed, `~/out.json` would be a folder named `~` to a shell.
    let command = app.export_command("~/out.json");
    assert_eq!(command.line, "nkict export -o /home/reader/out.json");
}

#[test]
fn the_export_prompts_shell_command_exports_the_records_in_view_from_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.origin = DataOrigin {
        file: Some(fixture_path()),
        max_size: None,
    };
    press(&mut app, "/subscribers");
    enter(&mut app);
    press(&mut app, "5");
    let ids = |app: &App| -> Vec<String> {
        app.sorted()
            .iter()
            .map(|&ix| app.model().record(ix).id.to_string())
            .collect()
    };
    let in_view = ids(&app);
    assert_eq!(in_view.len(), 10, "{in_view:?}");

    let by_date = dir.path().join("by-date.json");
    let command = app.export_command(by_date.to_str().unwrap());
    assert_eq!(command.differs, None);
    run_shell_command(&command.line);
    assert_eq!(exported_ids(&by_date), in_view, "the same records, in the same order");

    // Sorted by category: the command cannot keep the order, and says so.
    press(&mut app, "ss");
    let sorted = ids(&app);
    assert_ne!(sorted, in_view, "the sort changes the order");
    let by_category = dir.path().join("by-category.json");
    let command = app.export_command(by_category.to_str().unwrap());
    assert_eq!(
        command.differs.as_deref(),
        Some("The command writes them by date, not by category ↑ as here")
    );
    run_shell_command(&command.line);
    assert_eq!(exported_ids(&by_category), in_view, "by date still");
}
