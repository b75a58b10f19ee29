//! What the dashboard draws, as text: every view at two sizes, with and
//! without a year range, and every popup and prompt, on the small fixture
//! dataset (`tests/fixtures/small.json`), so that editing the bundled data
//! moves none of them. A few views are also kept on the bundled data, on
//! purpose: they show the real Overview and Records a user first sees.
//! Monochrome, so the snapshots hold characters only (colour is asserted
//! elsewhere).
//!
//! Review changes with `cargo insta review`, or accept them all with
//! `INSTA_UPDATE=always cargo test --test tui_snapshots` and read the diffs.

mod common;

use common::*;
use nkict::model::Filter;
use nkict::tui::action::{Action, ExportOutcome};
use nkict::tui::layout;
use nkict::tui::views;
use nkict::tui::views::records::Records;
use nkict::tui::{App, DataOrigin};
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
        for (label, filter) in [("all", Filter::default()), ("2000-2010", years(2000, 2010))] {
            for (i, view) in views::ALL.iter().enumerate() {
                let mut app = app_sized(filter.clone(), width, height);
                press(&mut app, &(i + 1).to_string());
                assert_eq!(app.tab(), i);
                let name = format!("fixture_{}_{width}x{height}_{label}", view.title().to_lowercase());
                snapshot(&name, &app);
            }
        }
    }
}

/// The bundled data as a user first sees it: these stay on the real data
/// on purpose (and change when it does).
#[test]
fn the_bundled_overview_and_records() {
    for (name, key, width, height) in [
        ("1_overview_80x24_all", '1', 80, 24),
        ("1_overview_160x48_all", '1', 160, 48),
        ("5_records_80x24_all", '5', 80, 24),
    ] {
        let mut app = app_over(bundled(), Filter::default(), width, height);
        press(&mut app, &key.to_string());
        snapshot(name, &app);
    }
}

/// The Indicators chart with the observations focused and the survey's
/// count (placed at its source's date, c. 2010) selected: at 80x24 the
/// observations take the table's place above the chart, at 160x48 they sit
/// beside it.
#[test]
fn indicators_chart_with_a_selected_point() {
    for (width, height) in SIZES {
        let mut app = app_sized(Filter::default(), width, height);
        press(&mut app, "3ljjjj");
        let record = app.selected_record().map(|ix| app.model().record(ix).id.clone());
        assert_eq!(record.as_deref(), Some("subscribers-delta"));
        snapshot(&format!("fixture_indicators_chart_selected_{width}x{height}"), &app);
    }
}

/// Southland's and Northland's lines per 100 people, one row each, and the
/// quantity with no series: no chart, the observations and the detail.
#[test]
fn indicators_without_a_series() {
    let mut app = app_sized(Filter::default(), 160, 48);
    press(&mut app, "3jjjjj");
    snapshot("fixture_indicators_no_series_160x48", &app);
}

/// The latest year's claims disagree (2010: more than 100,000 from the
/// review, 120,000 from the yearbook, about 150,000 from the survey, c.
/// 2010): at 100 columns the Latest cell shows the two that fit and `≠ …`,
/// the Source `alpha-review +2 more`. (At 80 and 160 columns:
/// `fixture_indicators_*_2000-2010`.)
#[test]
fn indicators_whose_latest_year_is_in_dispute() {
    let mut app = app_sized(years(2000, 2010), 100, 24);
    press(&mut app, "3");
    snapshot("fixture_indicators_latest_in_dispute_100x24", &app);
}

#[test]
fn help_overlay() {
    for (width, height) in SIZES {
        let mut app = app_sized(Filter::default(), width, height);
        press(&mut app, "?");
        snapshot(&format!("fixture_help_{width}x{height}"), &app);
    }
}

#[test]
fn detail_popup_over_the_records_view() {
    for (width, height) in SIZES {
        let mut app = app_sized(Filter::default(), width, height);
        press(&mut app, "5jj");
        enter(&mut app);
        snapshot(&format!("fixture_detail_{width}x{height}"), &app);
    }
}

#[test]
fn years_prompt() {
    let mut app = app();
    press(&mut app, "t2000-20");
    snapshot("fixture_years_prompt", &app);
    send(&mut app, ctrl('u'));
    press(&mut app, "2010-2000");
    enter(&mut app);
    snapshot("fixture_years_prompt_error", &app);
}

#[test]
fn search_prompt() {
    let mut app = app();
    press(&mut app, "5/");
    for c in "예시망".chars() {
        send(&mut app, key(KeyCode::Char(c)));
    }
    snapshot("fixture_search_prompt_korean", &app);
}

#[test]
fn export_prompt_shows_the_equivalent_command_line() {
    let mut app = app_sized(years(2000, 2010), 80, 24);
    press(&mut app, "/subscribers");
    enter(&mut app);
    press(&mut app, "e");
    snapshot("fixture_export_prompt", &app);
}

/// On a user's file, the command reads that file (with its size limit);
/// sorted otherwise than by date, the prompt says the command is not.
#[test]
fn export_prompt_names_the_file_read_and_an_order_the_command_lacks() {
    let mut app = app_sized(Filter::default(), 80, 24);
    app.origin = DataOrigin {
        file: Some("my data/nk.json".into()),
        max_size: Some("1G".to_owned()),
    };
    press(&mut app, "5ss");
    press(&mut app, "e");
    snapshot("fixture_export_prompt_file_sorted", &app);
}

#[test]
fn pickers_narrow_as_you_type_and_count_records_in_view() {
    for (width, height) in SIZES {
        // Categories in 2000-2010: the counts are those of the years.
        let mut app = app_sized(years(2000, 2010), width, height);
        // Mobile marked, the cursor moved on to Intranet.
        press(&mut app, "c");
        send(&mut app, key(KeyCode::Down));
        send(&mut app, key(KeyCode::Tab));
        snapshot(&format!("fixture_category_picker_{width}x{height}"), &app);
        // Entities, narrowed by an alias.
        let mut app = app_sized(Filter::default(), width, height);
        press(&mut app, "5a");
        for c in "ex".chars() {
            send(&mut app, key(KeyCode::Char(c)));
        }
        snapshot(&format!("fixture_entity_picker_{width}x{height}"), &app);
    }
}

/// A record dated by its source (c. 2010) and undated ones hidden by a
/// year range under `o`: the header says how many and which key shows them.
#[test]
fn the_header_says_what_the_years_hide() {
    for (width, height) in SIZES {
        let mut app = app_sized(years(2000, 2010), width, height);
        press(&mut app, "5o");
        snapshot(&format!("fixture_own_dates_{width}x{height}"), &app);
    }
}

/// Sorted by category at 80 columns, where the title alone leaves no room
/// for a Category column: it shows all the same, out of the title's room.
#[test]
fn records_sorted_by_category_show_the_category_at_80_columns() {
    let mut app = app();
    press(&mut app, "5ss");
    assert_eq!(app.sort().column.label(), "category");
    snapshot("fixture_records_by_category_80x24", &app);
}

/// The export message at 80 columns: the folder's middle gives way, the
/// file name is whole.
#[test]
fn the_export_message_keeps_the_file_name_at_80_columns() {
    let mut app = app();
    press(&mut app, "5");
    app.update(Action::Exported(ExportOutcome::Written {
        path: "/tmp/r28-tui/nkict_1990-1999_with-undated_own-dates_mobile.json".into(),
        records: 12,
    }));
    let footer = screen_text(&draw(&app)).lines().last().unwrap_or_default().to_owned();
    assert_eq!(
        footer,
        "✓ Exported 12 records to /t…i/nkict_1990-1999_with-undated_own-dates_mobile.json"
    );
}

#[test]
fn an_empty_records_view_says_why() {
    let mut app = app_sized(years(2000, 2010), 80, 24);
    press(&mut app, "5/telephone");
    enter(&mut app);
    snapshot("fixture_records_empty", &app);
}

#[test]
fn overwrite_question() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("taken.json"), "taken").unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    press(&mut app, "e");
    send(&mut app, ctrl('u'));
    press(&mut app, "taken.json");
    enter(&mut app);
    let terminal = draw(&app);
    let text = screen_text(&terminal).replace(&dir.path().display().to_string(), "[TMP]");
    insta::assert_snapshot!("fixture_overwrite_question", text);
}

#[test]
fn too_small_note() {
    let mut app = app_sized(Filter::default(), 40, 10);
    snapshot("fixture_too_small_40x10", &app);
    // Whatever was open, the note is all there is.
    press(&mut app, "?");
    snapshot("fixture_too_small_40x10", &app);
}

#[test]
fn footer_message_after_a_year_change() {
    let mut app = app();
    press(&mut app, "5t2005");
    enter(&mut app);
    snapshot("fixture_records_after_years_2005", &app);
}

/// Snapshots hold no colour, so this checks it: in the monochrome theme
/// (`NO_COLOR`) nothing is coloured, and the selection and active tab still
/// stand out by emphasis.
#[test]
fn monochrome_means_no_colour_anywhere_and_the_selection_is_reversed() {
    use ratatui::style::{Color, Modifier};
    for (width, height) in SIZES {
        for (i, view) in views::ALL.iter().enumerate() {
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
                        "{} {popup:?} at {width}x{height}: colour {:?}/{:?} at ({x}, {y}) in {:?}",
                        view.title(),
                        cell.fg,
                        cell.bg,
                        row_text(&terminal, y)
                    );
                }
                // The active tab is reversed.
                // (Enter on a source shows the Records view.)
                let tab = app.tab();
                let titles = views::ALL.iter().map(|v| v.title());
                let column = (0..width)
                    .find(|&c| layout::tab_at(titles.clone(), width, c) == Some(tab))
                    .unwrap()
                    + 2;
                assert!(buffer[(column, 0)].modifier.contains(Modifier::REVERSED), "tab {tab}");
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

/// The footer shows whole hints only, and always `? help`, at every width;
/// every hint it shows is a key that does what it says.
#[test]
fn the_footer_never_cuts_a_hint_and_always_offers_help() {
    for width in [60, 61, 70, 80, 100, 160] {
        for (i, view) in views::ALL.iter().enumerate() {
            let mut app = app_sized(Filter::default(), width, 24);
            press(&mut app, &(i + 1).to_string());
            let terminal = draw(&app);
            let footer = row_text(&terminal, 23);
            let footer = footer.trim_end();
            assert!(
                footer.contains("? help") && footer.ends_with("q quit"),
                "{} at {width}: {footer:?}",
                view.title()
            );
            // Every hint shown is one of the view's or the global ones, whole.
            let views = views::ALL.len();
            for hint in footer.split("  ").map(str::trim).filter(|h| !h.is_empty()) {
                let known = view
                    .keys()
                    .iter()
                    .any(|h| hint == format!("{} {}", h.label(views), h.does))
                    || [
                        "/ search",
                        "c category",
                        "e export",
                        "t years",
                        "a about",
                        "i indicator",
                        "w who says",
                        "o own dates",
                        "? help",
                        "q quit",
                    ]
                    .contains(&hint);
                assert!(known, "{} at {width}: a cut hint {hint:?} in {footer:?}", view.title());
            }
        }
    }
    // The Records view's hints are its keys, both copies among them; at 80
    // columns its footer keeps search, categories and export.
    let mut app = app();
    assert_eq!(position::<Records>(&app), 4);
    press(&mut app, "5");
    let footer = row_text(&draw(&app), 23);
    for hint in [
        "s S sort",
        "Enter detail",
        "y Y copy",
        "/ search",
        "c category",
        "e export",
        "? help",
    ] {
        assert!(footer.contains(hint), "{hint} in {footer:?}");
    }
}

/// Every kind of filter at once, at 80 columns: those that do not fit are
/// counted (`+2 more`), never left out silently (a review found the source
/// and kind filters gone from `… About Koryolink  Indica…`).
#[test]
fn the_header_counts_the_filters_it_has_no_room_for() {
    use nkict::data::{Category, RecordKind};
    let filter = Filter {
        categories: vec![Category::Mobile],
        entities: vec!["examplenet".into()],
        indicator: Some("examplenet-subscribers".into()),
        sources: vec!["gamma-yearbook".into()],
        kinds: vec![RecordKind::Observation],
        ..years(2009, 2012)
    };
    let mut app = app_sized(filter, 80, 24);
    press(&mut app, "5");
    snapshot("fixture_header_with_every_filter_80x24", &app);
}
