//! What the dashboard draws, as text: every view at two sizes, with and
//! without a year range, and every popup and prompt. Monochrome, so the
//! snapshots hold characters only (colour is asserted elsewhere).
//!
//! Review changes with `cargo insta review`, or accept them all with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots` and read the diffs.

mod common;

use common::*;
use nkict::model::Filter;
use nkict::tui::App;
use nkict::tui::views::ViewKind;
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn years(from: i32, to: i32) -> Filter {
    Filter {
        from: Some(from),
        to: Some(to),
        ..Filter::default()
    }
}

fn snapshot(name: &str, app: &App) {
    let terminal = draw(app);
    insta::assert_snapshot!(name, terminal.backend());
}

#[test]
fn every_view_at_two_sizes_with_and_without_a_year_range() {
    for (width, height) in SIZES {
        for (label, filter) in [("all", Filter::default()), ("1990-2002", years(1990, 2002))] {
            for (i, view) in ViewKind::ALL.into_iter().enumerate() {
                let mut app = app_sized(filter.clone(), width, height);
                press(&mut app, &(i + 1).to_string());
                assert_eq!(app.tab, view);
                let name = format!("{}_{}_{width}x{height}_{label}", i + 1, view.title().to_lowercase());
                snapshot(&name, &app);
            }
        }
    }
}

#[test]
fn help_overlay() {
    for (width, height) in SIZES {
        let mut app = app_sized(Filter::default(), width, height);
        press(&mut app, "?");
        snapshot(&format!("help_{width}x{height}"), &app);
    }
}

#[test]
fn detail_popup_over_the_records_view() {
    for (width, height) in SIZES {
        let mut app = app_sized(Filter::default(), width, height);
        press(&mut app, "5jj");
        enter(&mut app);
        snapshot(&format!("detail_{width}x{height}"), &app);
    }
}

#[test]
fn years_prompt() {
    let mut app = app();
    press(&mut app, "t1990-20");
    snapshot("years_prompt", &app);
    send(&mut app, ctrl('u'));
    press(&mut app, "2002-1990");
    enter(&mut app);
    snapshot("years_prompt_error", &app);
}

#[test]
fn search_prompt() {
    let mut app = app();
    press(&mut app, "5/");
    for c in "고려링크".chars() {
        send(&mut app, key(KeyCode::Char(c)));
    }
    snapshot("search_prompt_korean", &app);
}

#[test]
fn export_prompt_shows_the_equivalent_command_line() {
    let mut app = app_sized(years(1990, 2002), 80, 24);
    press(&mut app, "/optical cable");
    enter(&mut app);
    press(&mut app, "e");
    snapshot("export_prompt", &app);
}

#[test]
fn categories_checklist() {
    let mut app = app();
    press(&mut app, "cjj jj ");
    snapshot("categories", &app);
}

#[test]
fn too_small_note() {
    let mut app = app_sized(Filter::default(), 40, 10);
    snapshot("too_small_40x10", &app);
    // Whatever was open, the note is all there is.
    press(&mut app, "?");
    snapshot("too_small_40x10", &app);
}

#[test]
fn footer_message_after_a_year_change() {
    let mut app = app();
    press(&mut app, "5t1997");
    enter(&mut app);
    snapshot("records_after_years_1997", &app);
}

/// Snapshots hold no colour, so this checks it: in the monochrome theme
/// (`NO_COLOR`) nothing is coloured, and the selection and active tab still
/// stand out by emphasis.
#[test]
fn monochrome_means_no_colour_anywhere_and_the_selection_is_reversed() {
    use ratatui::style::{Color, Modifier};
    for (width, height) in SIZES {
        for (i, view) in ViewKind::ALL.into_iter().enumerate() {
            for popup in ["", "?", "\n", "t", "c", "e"] {
                let mut app = app_sized(Filter::default(), width, height);
                press(&mut app, &(i + 1).to_string());
                if popup == "\n" {
                    enter(&mut app);
                } else {
                    press(&mut app, popup);
                }
                let terminal = draw(&app);
                let buffer = terminal.backend().buffer();
                for (n, cell) in buffer.content().iter().enumerate() {
                    let (x, y) = (n as u16 % width, n as u16 / width);
                    assert!(
                        cell.fg == Color::Reset && cell.bg == Color::Reset,
                        "{view:?} {popup:?} at {width}x{height}: colour {:?}/{:?} at ({x}, {y}) in {:?}",
                        cell.fg,
                        cell.bg,
                        row_text(&terminal, y)
                    );
                }
                // The active tab is reversed.
                // (Enter on a source shows the Records view.)
                let tab = app.tab;
                let column = (0..width).find(|&c| nkict::tui::views::tab_at(c) == Some(tab)).unwrap() + 2;
                assert!(buffer[(column, 0)].modifier.contains(Modifier::REVERSED), "{tab:?} tab");
            }
        }
    }
    // The selected row of a list is reversed too.
    let mut app = app();
    press(&mut app, "5jj");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let row = (0..24)
        .find(|&y| row_text(&terminal, y).contains('▶'))
        .expect("a selection marker");
    assert!(buffer[(10, row)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(10, row + 1)].modifier.contains(Modifier::REVERSED));
}

/// The footer shows whole hints only, and always `? help`, at every width.
#[test]
fn the_footer_never_cuts_a_hint_and_always_offers_help() {
    for width in [60, 61, 70, 80, 100, 160] {
        for (i, view) in ViewKind::ALL.into_iter().enumerate() {
            let mut app = app_sized(Filter::default(), width, 24);
            press(&mut app, &(i + 1).to_string());
            let terminal = draw(&app);
            let footer = row_text(&terminal, 23);
            let footer = footer.trim_end();
            assert!(
                footer.contains("? help") && footer.ends_with("q quit"),
                "{view:?} at {width}: {footer:?}"
            );
            // Every hint shown is one of the view's or the global ones, whole.
            for hint in footer.split("  ").map(str::trim).filter(|h| !h.is_empty()) {
                let known = view.keys().iter().any(|(k, a)| hint == format!("{k} {a}"))
                    || ["t years", "/ search", "c categories", "e export", "? help", "q quit"].contains(&hint);
                assert!(known, "{view:?} at {width}: a cut hint {hint:?} in {footer:?}");
            }
        }
    }
}
