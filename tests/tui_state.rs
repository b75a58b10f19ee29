//! The dashboard's state, driven by key and mouse events through the real key
//! map (`action::from_event`) into `App::update`. No terminal is needed,
//! except where a test checks what the footer or header draws.

mod common;

use common::*;
use nkict::data::{Category, Dataset};
use nkict::model::Filter;
use nkict::tui::action::Action;
use nkict::tui::app::{App, Overlay, PromptKind, SortColumn};
use nkict::tui::layout;
use nkict::tui::views::{self, ViewKind};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

fn prompt_of(app: &App) -> Option<(PromptKind, String, Option<String>)> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some((p.kind, p.input.clone(), p.error.clone())),
        _ => None,
    }
}

fn message(app: &App) -> (String, bool) {
    let m = app.message.as_ref().expect("a footer message");
    (m.text.clone(), m.is_error)
}

fn ids(app: &App, view: &[usize]) -> Vec<String> {
    view.iter().map(|&ix| app.model.record(ix).id.clone()).collect()
}

/// Sets the years through the prompt, as a user would.
fn set_years(app: &mut App, text: &str) {
    press(app, "t");
    send(app, ctrl('u'));
    press(app, text);
    enter(app);
}

fn selected(app: &App) -> usize {
    app.cursor(app.tab).selected
}

/// The selection of every view is inside its list (0 when the list is empty).
fn assert_selections_in_range(app: &App) {
    for view in ViewKind::ALL {
        let len = list_len(app, view);
        let sel = app.cursor(view).selected;
        assert!(
            sel < len.max(1),
            "{view:?}: selection {sel} outside a list of {len} rows"
        );
    }
}

// ---------------------------------------------------------------- views

#[test]
fn number_keys_show_each_view() {
    let mut app = app();
    assert_eq!(app.tab, ViewKind::Overview);
    for (i, view) in ViewKind::ALL.into_iter().enumerate().rev() {
        let digit = char::from(b'1' + i as u8);
        assert_eq!(send(&mut app, ch(digit)), Some(Action::ShowView(view)));
        assert_eq!(app.tab, view, "key {digit}");
    }
    // 7, 0 and other unmapped keys do nothing.
    for c in ['7', '0', 'Z', '!'] {
        assert_eq!(send(&mut app, ch(c)), None, "key {c:?} should be unmapped");
    }
    assert_eq!(app.tab, ViewKind::Overview);
}

#[test]
fn tab_and_back_tab_cycle_through_the_views_and_wrap() {
    let mut app = app();
    let mut seen = Vec::new();
    for _ in 0..ViewKind::ALL.len() {
        seen.push(app.tab);
        send(&mut app, key(KeyCode::Tab));
    }
    assert_eq!(seen, ViewKind::ALL.to_vec());
    assert_eq!(app.tab, ViewKind::Overview, "Tab wraps from the last view to the first");

    send(&mut app, back_tab());
    assert_eq!(
        app.tab,
        ViewKind::Sources,
        "Shift-Tab wraps from the first view to the last"
    );
    send(&mut app, back_tab());
    assert_eq!(app.tab, ViewKind::Records);
}

#[test]
fn clicking_a_tab_in_the_header_shows_its_view() {
    let mut app = app();
    let terminal = draw(&app);
    let header = row_text(&terminal, 0);
    for view in ViewKind::ALL.into_iter().rev() {
        let column = (0..app.area.width)
            .find(|&c| views::tab_at(c) == Some(view))
            .expect("every tab is on screen");
        // The tab is drawn where the click handler thinks it is.
        let label = views::tab_label(view);
        let drawn: String = header
            .chars()
            .skip(column as usize)
            .take(label.chars().count())
            .collect();
        assert_eq!(drawn, label, "{view:?} is drawn at column {column}");
        send(&mut app, click(column + 2, 0));
        assert_eq!(app.tab, view);
    }
    // A click on the separator between two tabs, or below the tabs, changes nothing.
    send(&mut app, ch('3'));
    let gap = views::tab_label(ViewKind::Overview).chars().count() as u16;
    assert_eq!(views::tab_at(gap), None);
    send(&mut app, click(gap, 0));
    assert_eq!(app.tab, ViewKind::Indicators);
    send(&mut app, click(2, 1));
    assert_eq!(app.tab, ViewKind::Indicators, "the filter line is not a tab");
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let release = ratatui::crossterm::event::Event::Key(KeyEvent {
        kind: KeyEventKind::Release,
        ..KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE)
    });
    assert_eq!(send(&mut app, release), None);
    assert_eq!(app.tab, ViewKind::Overview);
}

// ---------------------------------------------------------------- years

#[test]
fn the_year_prompt_accepts_every_form_and_empty_clears() {
    let mut app = app();
    let total = app.model.len();
    assert_eq!(app.derived.view.len(), total);

    assert_eq!(send(&mut app, ch('t')), Some(Action::EditYears));
    assert_eq!(prompt_of(&app), Some((PromptKind::Years, String::new(), None)));
    press(&mut app, "1990-2002");
    assert_eq!(prompt_of(&app).unwrap().1, "1990-2002");
    assert_eq!(
        (app.filter.from, app.filter.to),
        (None, None),
        "nothing applies before Enter"
    );
    enter(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!((app.filter.from, app.filter.to), (Some(1990), Some(2002)));
    let view = app.derived.view.clone();
    assert!(
        !view.is_empty() && view.len() < total,
        "1990-2002 narrows the view: {}",
        view.len()
    );
    assert_eq!(view, expected_view(&app.filter));
    for &ix in &view {
        let span = app.model.span(ix).expect("undated records leave when years are set");
        assert!(
            span.end >= 1990 && span.start <= 2002,
            "{} is outside 1990-2002",
            app.model.record(ix).id
        );
    }
    let (text, is_error) = message(&app);
    assert!(
        !is_error && text.contains("1990-2002") && text.contains(&view.len().to_string()),
        "{text}"
    );

    // The prompt opens with the current range; each form replaces it.
    press(&mut app, "t");
    assert_eq!(prompt_of(&app).unwrap().1, "1990-2002");
    esc(&mut app);
    for (typed, from, to) in [
        ("1995-", Some(1995), None),
        ("-2000", None, Some(2000)),
        ("1997", Some(1997), Some(1997)),
        (" 1990 - 2002 ", Some(1990), Some(2002)),
        ("", None, None),
    ] {
        set_years(&mut app, typed);
        assert!(app.overlay.is_none(), "{typed:?} is accepted");
        assert_eq!((app.filter.from, app.filter.to), (from, to), "after {typed:?}");
        assert_eq!(app.derived.view, expected_view(&app.filter), "after {typed:?}");
    }
    assert_eq!(app.derived.view.len(), total, "an empty range shows everything again");
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
    assert_eq!((app.filter.from, app.filter.to), (Some(2001), Some(2001)));
}

#[test]
fn invalid_years_keep_the_prompt_open_with_an_error_and_the_filter_unchanged() {
    let mut app = app();
    set_years(&mut app, "1990-2002");
    let view = app.derived.view.clone();
    for bad in ["2002-1990", "abcd", "99", "1990-2000-2010", "１９９０"] {
        set_years(&mut app, bad);
        let (kind, input, error) = prompt_of(&app).unwrap_or_else(|| panic!("{bad:?} keeps the prompt open"));
        assert_eq!((kind, input.as_str()), (PromptKind::Years, bad));
        let error = error.unwrap_or_else(|| panic!("{bad:?} shows an error in the prompt"));
        assert!(error.starts_with("Invalid years"), "{error}");
        let (text, is_error) = message(&app);
        assert!(is_error && text.starts_with("Invalid years"), "{text}");
        assert_eq!(
            (app.filter.from, app.filter.to),
            (Some(1990), Some(2002)),
            "{bad:?} changes nothing"
        );
        assert_eq!(app.derived.view, view);
        // Typing again clears the error; Esc leaves the filter as it was.
        press(&mut app, "0");
        assert_eq!(prompt_of(&app).unwrap().2, None, "typing clears the error");
        esc(&mut app);
        assert!(app.overlay.is_none());
        assert_eq!((app.filter.from, app.filter.to), (Some(1990), Some(2002)));
    }
    // The error is on screen, too.
    set_years(&mut app, "2002-1990");
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("Invalid years"), "{screen}");
}

#[test]
fn brackets_and_braces_shift_the_first_and_last_year() {
    let mut app = app();
    let span = app.model.overall_span().expect("a dated dataset");
    // Without a range, the first shift starts from the dataset's own years.
    press(&mut app, "]");
    assert_eq!((app.filter.from, app.filter.to), (Some(span.start + 1), None));
    press(&mut app, "[");
    assert_eq!(app.filter.from, Some(span.start));
    press(&mut app, "{");
    assert_eq!((app.filter.from, app.filter.to), (Some(span.start), Some(span.end - 1)));
    assert_eq!(app.derived.view, expected_view(&app.filter));

    set_years(&mut app, "1990-2002");
    let wide = app.derived.view.len();
    press(&mut app, "]]");
    assert_eq!((app.filter.from, app.filter.to), (Some(1992), Some(2002)));
    press(&mut app, "{");
    assert_eq!((app.filter.from, app.filter.to), (Some(1992), Some(2001)));
    assert!(app.derived.view.len() <= wide);
    assert_eq!(app.derived.view, expected_view(&app.filter));
    press(&mut app, "}[[");
    assert_eq!((app.filter.from, app.filter.to), (Some(1990), Some(2002)));
    assert_eq!(app.derived.view.len(), wide);
    let (text, is_error) = message(&app);
    assert!(!is_error && text.contains("1990-2002"), "{text}");

    // The first year cannot pass the last.
    set_years(&mut app, "1997");
    press(&mut app, "]");
    assert_eq!((app.filter.from, app.filter.to), (Some(1997), Some(1997)));
    assert!(message(&app).1, "an error says why");
    press(&mut app, "{");
    assert_eq!((app.filter.from, app.filter.to), (Some(1997), Some(1997)));
    assert!(message(&app).1);
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
    let (from, to) = (app.filter.from.unwrap(), app.filter.to.unwrap());
    assert!(
        (1000..=9999).contains(&from) && (1000..=9999).contains(&to),
        "{from}-{to}"
    );
    // What the header shows, the years prompt reads back...
    let label = app.filter.years_label().unwrap();
    assert_eq!(nkict::model::YearRange::parse(&label), nkict::model::YearRange::new(Some(from), Some(to)));
    // ...and the export's command line is one `nkict` accepts.
    let status = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nkict"))
        .args(app.filter.to_args())
        .arg("list")
        .output()
        .unwrap()
        .status;
    assert!(status.success(), "nkict {:?} list failed", app.filter.to_args());
}

// ---------------------------------------------------------------- search

#[test]
fn search_narrows_the_view_as_you_type_and_esc_restores_the_previous_search() {
    let mut app = app();
    let total = app.model.len();
    assert_eq!(send(&mut app, ch('/')), Some(Action::Search));
    assert_eq!(prompt_of(&app).map(|p| p.0), Some(PromptKind::Search));
    let mut counts = vec![app.derived.view.len()];
    for c in "Sinuiju".chars() {
        send(&mut app, ch(c));
        counts.push(app.derived.view.len());
        assert_eq!(app.derived.view, expected_view(&app.filter), "live after {c:?}");
    }
    assert_eq!(app.filter.search, "Sinuiju", "the filter follows the prompt live");
    assert!(
        counts.windows(2).all(|w| w[1] <= w[0]),
        "longer text never widens: {counts:?}"
    );
    assert!(
        *counts.last().unwrap() < total && *counts.last().unwrap() > 0,
        "{counts:?}"
    );
    // The records that spell it "Shinuiju" in their quotes are found through the place's name.
    let found = ids(&app, &app.derived.view);
    for id in ["lee-optical-cable-16-localities-1998", "lee-fiber-localities-16"] {
        assert!(found.iter().any(|f| f == id), "{id} missing from {found:?}");
        assert!(
            app.model
                .dataset()
                .records
                .iter()
                .any(|r| r.id == id && r.quote.contains("Shinuiju"))
        );
    }
    // Backspace widens again, live.
    send(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.filter.search, "Sinuij");

    esc(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(app.filter.search, "", "Esc restores the search from before");
    assert_eq!(app.derived.view.len(), total);

    // Enter keeps it; a later Esc restores that one.
    press(&mut app, "/fiber");
    enter(&mut app);
    assert_eq!(app.filter.search, "fiber");
    let fiber = app.derived.view.clone();
    let (text, _) = message(&app);
    assert_eq!(text, format!("{} records match", fiber.len()));
    press(&mut app, "/");
    assert_eq!(
        prompt_of(&app).unwrap().1,
        "fiber",
        "the prompt opens with the search in force"
    );
    send(&mut app, ctrl('u'));
    assert_eq!(
        app.derived.view.len(),
        total,
        "clearing the line shows everything, live"
    );
    press(&mut app, "zzzz-no-such-text");
    assert!(app.derived.view.is_empty());
    esc(&mut app);
    assert_eq!(app.filter.search, "fiber");
    assert_eq!(app.derived.view, fiber);
}

/// Ids of the records about an entity.
fn ids_about(app: &nkict::tui::App, entity: &str) -> Vec<String> {
    let records = &app.model.dataset().records;
    records
        .iter()
        .filter(|r| r.entities.iter().any(|e| e == entity))
        .map(|r| r.id.clone())
        .collect()
}

#[test]
fn shinuiju_finds_the_sinuiju_records_through_the_alias() {
    let mut app = app();
    press(&mut app, "/Shinuiju");
    enter(&mut app);
    let found = ids(&app, &app.derived.view);
    // Every record about the place is found, even those whose text says Sinuiju.
    let about = ids_about(&app, "sinuiju");
    assert!(!about.is_empty());
    for id in &about {
        assert!(found.contains(id), "{id} missing from {found:?}");
    }
}

#[test]
fn korean_search_finds_koryolink() {
    let mut app = app();
    press(&mut app, "/");
    for c in "고려링크".chars() {
        send(&mut app, key(KeyCode::Char(c)));
    }
    assert_eq!(app.filter.search, "고려링크");
    enter(&mut app);
    let found = ids(&app, &app.derived.view);
    let about = ids_about(&app, "koryolink");
    assert!(about.len() >= 2, "{about:?}");
    for id in &about {
        assert!(found.contains(id), "{id} missing from {found:?}");
    }
    assert!(found.len() < app.model.len());
    // The header shows the search (Korean is two columns a character).
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("“고려링크”"), "{screen}");
}

// ---------------------------------------------------------------- categories, reset

#[test]
fn the_categories_checklist_toggles_and_applies() {
    let mut app = app();
    assert_eq!(send(&mut app, ch('c')), Some(Action::PickCategories));
    let Some(Overlay::Categories(list)) = &app.overlay else {
        panic!("c opens the checklist")
    };
    assert!(list.chosen.iter().all(|c| !c));
    assert_eq!(list.chosen.len(), Category::ALL.len());
    // Down twice, tick; down once, tick; up once and untick the second.
    press(&mut app, "jj ");
    send(&mut app, key(KeyCode::Down));
    send(&mut app, ch(' '));
    let Some(Overlay::Categories(list)) = &app.overlay else {
        panic!()
    };
    assert_eq!(list.cursor.selected, 3);
    assert!(list.chosen[2] && list.chosen[3]);
    press(&mut app, "k ");
    let Some(Overlay::Categories(list)) = &app.overlay else {
        panic!()
    };
    assert!(!list.chosen[2] && list.chosen[3]);
    // x toggles too.
    press(&mut app, "jjx");
    assert!(app.filter.categories.is_empty(), "nothing applies before Enter");
    enter(&mut app);
    assert!(app.overlay.is_none());
    let want = vec![Category::ALL[3], Category::ALL[4]];
    assert_eq!(app.filter.categories, want);
    assert_eq!(app.derived.view, expected_view(&app.filter));
    assert!(!app.derived.view.is_empty() && app.derived.view.len() < app.model.len());
    assert!(
        app.derived
            .view
            .iter()
            .all(|&ix| want.contains(&app.model.record(ix).category))
    );
    let (text, is_error) = message(&app);
    assert!(!is_error && text.contains(Category::ALL[3].as_str()), "{text}");

    // Esc in the checklist discards changes.
    press(&mut app, "c ");
    esc(&mut app);
    assert_eq!(app.filter.categories, want);

    // The checklist reopens with what is chosen; G goes to the end; r clears.
    press(&mut app, "cG ");
    let Some(Overlay::Categories(list)) = &app.overlay else {
        panic!()
    };
    assert_eq!(list.cursor.selected, Category::ALL.len() - 1);
    assert!(list.chosen[3] && list.chosen[4] && list.chosen[Category::ALL.len() - 1]);
    enter(&mut app);
    assert_eq!(
        app.filter.categories,
        vec![Category::ALL[3], Category::ALL[4], *Category::ALL.last().unwrap()]
    );
    press(&mut app, "cr");
    enter(&mut app);
    assert!(
        app.filter.categories.is_empty(),
        "r in the checklist unticks everything"
    );
    assert_eq!(app.derived.view.len(), app.model.len());
}

#[test]
fn reset_clears_every_filter() {
    let mut app = app();
    set_years(&mut app, "1990-2002");
    press(&mut app, "/cable");
    enter(&mut app);
    press(&mut app, "cjj ");
    enter(&mut app);
    assert!(app.derived.view.len() < app.model.len());
    assert_ne!(app.filter, Filter::default());
    assert_eq!(send(&mut app, ch('r')), Some(Action::ResetFilters));
    assert_eq!(app.filter, Filter::default());
    assert_eq!(app.derived.view.len(), app.model.len());
    assert!(message(&app).0.contains("reset"));
}

// ---------------------------------------------------------------- sort

#[test]
fn s_cycles_the_sort_column_on_the_records_view_and_shift_s_reverses() {
    let mut app = app();
    let model_records = app.model.dataset().records.clone();
    let date_order = app.derived.view.clone();
    assert_eq!(app.derived.sorted, date_order, "records start in date order");

    // Elsewhere, s only says where sorting works.
    press(&mut app, "s");
    assert_eq!(app.sort.column, SortColumn::Date);
    assert!(message(&app).0.contains("Records"));

    press(&mut app, "5");
    let category = |ix: &usize| model_records[*ix].category.as_str();
    let title = |ix: &usize| model_records[*ix].title.to_lowercase();
    let source = |ix: &usize| model_records[*ix].source.as_str();

    press(&mut app, "s");
    assert_eq!(app.sort.column, SortColumn::Category);
    let by_category = app.derived.sorted.clone();
    assert!(by_category.windows(2).all(|w| category(&w[0]) <= category(&w[1])));
    assert_ne!(by_category, date_order, "the order really changes");
    assert!(message(&app).0.contains("category"));

    press(&mut app, "s");
    assert_eq!(app.sort.column, SortColumn::Title);
    let by_title = app.derived.sorted.clone();
    assert!(by_title.windows(2).all(|w| title(&w[0]) <= title(&w[1])));
    assert_ne!(by_title, by_category);

    press(&mut app, "s");
    assert_eq!(app.sort.column, SortColumn::Source);
    let by_source = app.derived.sorted.clone();
    assert!(by_source.windows(2).all(|w| source(&w[0]) <= source(&w[1])));
    assert_ne!(by_source, by_title);

    press(&mut app, "S");
    assert!(app.sort.reversed);
    let mut reversed = by_source.clone();
    reversed.reverse();
    assert_eq!(app.derived.sorted, reversed);
    assert!(message(&app).0.contains("descending"));

    press(&mut app, "s");
    assert_eq!(app.sort.column, SortColumn::Date, "the cycle wraps");
    let mut newest_first = date_order.clone();
    newest_first.reverse();
    assert_eq!(app.derived.sorted, newest_first);
    press(&mut app, "S");
    assert_eq!(app.derived.sorted, date_order);

    // The same set of records in every order; the selection follows the order.
    for order in [&by_category, &by_title, &by_source] {
        let mut a = order.clone();
        let mut b = date_order.clone();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }
    press(&mut app, "ss");
    assert_eq!(app.selected_record(), Some(by_title[0]));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("sorted by title"), "{screen}");
}

#[test]
fn a_sort_survives_a_filter_change() {
    let mut app = app();
    press(&mut app, "5ss");
    set_years(&mut app, "1990-2002");
    let records = &app.model.dataset().records;
    assert_eq!(app.sort.column, SortColumn::Title);
    assert!(
        app.derived
            .sorted
            .windows(2)
            .all(|w| records[w[0]].title.to_lowercase() <= records[w[1]].title.to_lowercase())
    );
    assert_eq!(app.derived.sorted.len(), app.derived.view.len());
}

// ---------------------------------------------------------------- selection

#[test]
fn selection_moves_pages_and_clamps_to_the_list() {
    let mut app = app();
    press(&mut app, "5");
    let len = list_len(&app, ViewKind::Records);
    let page = views::list_area(&app, ViewKind::Records, layout::screen(app.area).body).height as usize;
    assert!(len > 2 * page && page > 3, "len {len}, page {page}");

    press(&mut app, "k");
    assert_eq!(selected(&app), 0, "k at the top stays there");
    press(&mut app, "jjj");
    assert_eq!(selected(&app), 3);
    send(&mut app, key(KeyCode::Up));
    assert_eq!(selected(&app), 2);
    send(&mut app, key(KeyCode::PageDown));
    assert_eq!(selected(&app), 2 + page);
    send(&mut app, key(KeyCode::PageUp));
    assert_eq!(selected(&app), 2);
    press(&mut app, "G");
    assert_eq!(selected(&app), len - 1);
    let cursor = app.cursor(ViewKind::Records);
    assert!(
        cursor.offset <= cursor.selected && cursor.selected < cursor.offset + page,
        "{cursor:?}"
    );
    press(&mut app, "j");
    assert_eq!(selected(&app), len - 1, "j at the bottom stays there");
    send(&mut app, key(KeyCode::PageDown));
    assert_eq!(selected(&app), len - 1);
    press(&mut app, "g");
    assert_eq!(selected(&app), 0);
    send(&mut app, key(KeyCode::End));
    assert_eq!(selected(&app), len - 1);
    send(&mut app, key(KeyCode::Home));
    assert_eq!(selected(&app), 0);

    // The wheel moves three rows.
    send(&mut app, mouse(MouseEventKind::ScrollDown, 10, 10));
    assert_eq!(selected(&app), 3);
    send(&mut app, mouse(MouseEventKind::ScrollUp, 10, 10));
    assert_eq!(selected(&app), 0);

    // Selections in other views are their own.
    press(&mut app, "2G");
    assert_eq!(selected(&app), list_len(&app, ViewKind::Timeline) - 1);
    press(&mut app, "5");
    assert_eq!(selected(&app), 0);
}

#[test]
fn a_click_on_a_row_selects_it() {
    let mut app = app();
    press(&mut app, "5");
    let area = views::list_area(&app, ViewKind::Records, layout::screen(app.area).body);
    send(&mut app, click(area.x + 5, area.y + 4));
    assert_eq!(selected(&app), 4);
    // The row drawn there is the selected record's.
    let terminal = draw(&app);
    let row = row_text(&terminal, area.y + 4);
    assert!(row.contains('▶'), "{row}");
    let record = app.model.record(app.selected_record().unwrap());
    let start: String = record.title.chars().take(10).collect();
    assert!(row.contains(&start), "{row:?} should show {start:?}");
    // Below the last visible row, nothing changes.
    send(&mut app, click(area.x + 5, area.y + area.height + 1));
    assert_eq!(selected(&app), 4);
}

#[test]
fn the_selection_stays_in_range_when_a_filter_narrows_the_list() {
    let mut app = app();
    for view in ["2", "3", "4", "5", "6"] {
        press(&mut app, view);
        press(&mut app, "G");
    }
    press(&mut app, "5");
    assert_eq!(selected(&app), app.model.len() - 1);
    set_years(&mut app, "1997");
    assert_selections_in_range(&app);
    assert_eq!(selected(&app), app.derived.sorted.len() - 1);
    assert!(app.selected_record().is_some());

    // Live search narrows while the selection is at the end.
    set_years(&mut app, "");
    press(&mut app, "G/koryo");
    assert_selections_in_range(&app);
    press(&mut app, "link");
    assert_selections_in_range(&app);
    esc(&mut app);

    // An empty list selects nothing and says so.
    press(&mut app, "/zzzz-nothing-matches");
    enter(&mut app);
    assert!(app.derived.view.is_empty());
    assert_selections_in_range(&app);
    assert_eq!(app.selected_record(), None);
    enter(&mut app);
    assert!(app.overlay.is_none());
    assert_eq!(message(&app).0, "Nothing selected here");
    press(&mut app, "jGk");
    assert_eq!(selected(&app), 0);
    let _ = draw(&app);
}

// ---------------------------------------------------------------- detail, copy

#[test]
fn enter_opens_the_selected_records_detail_and_esc_closes_it() {
    let mut app = app();
    press(&mut app, "5jjj");
    let record = app.selected_record().expect("a record is selected");
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
    assert_eq!(record, app.derived.timeline[2]);
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
    press(&mut app, "y");
    assert!(app.clipboard.is_none(), "the Overview has no record to copy");
    assert!(message(&app).0.contains("Select a record"));

    press(&mut app, "5jj");
    let ix = app.selected_record().unwrap();
    press(&mut app, "y");
    let citation = app.clipboard.clone().expect("y fills the clipboard");
    let record = app.model.record(ix);
    let source = app.model.source_of(ix);
    assert!(citation.contains(&record.quote), "{citation}");
    assert!(citation.contains(&source.title), "{citation}");
    assert!(citation.contains(&record.locator), "{citation}");
    let (text, is_error) = message(&app);
    assert!(
        !is_error && text.contains("Copied") && text.contains(&record.title),
        "{text}"
    );
    let screen = screen_text(&draw(&app));
    assert!(
        screen.lines().nth(23).unwrap().contains("Copied"),
        "the footer says so:\n{screen}"
    );

    // From the detail popup too, which stays open.
    app.clipboard = None;
    press(&mut app, "j");
    enter(&mut app);
    let ix = app.selected_record().unwrap();
    press(&mut app, "y");
    assert!(matches!(app.overlay, Some(Overlay::Detail { .. })));
    assert!(app.clipboard.as_deref().unwrap().contains(&app.model.record(ix).quote));
}

// ---------------------------------------------------------------- sources

#[test]
fn enter_on_a_source_filters_to_it() {
    let mut app = app();
    press(&mut app, "6j");
    let source = app.model.dataset().sources[1].id.clone();
    enter(&mut app);
    assert_eq!(app.filter.sources, vec![source.clone()]);
    assert_eq!(app.tab, ViewKind::Records, "the records from it are shown");
    let want = app
        .model
        .dataset()
        .records
        .iter()
        .filter(|r| r.source == source)
        .count();
    assert!(want > 0 && want < app.model.len());
    assert_eq!(app.derived.view.len(), want);
    assert!(app.derived.view.iter().all(|&ix| app.model.record(ix).source == source));
    assert!(message(&app).0.contains(&source));
    // r brings everything back.
    press(&mut app, "r");
    assert!(app.filter.sources.is_empty());
}

// ---------------------------------------------------------------- export

fn read_export(path: &std::path::Path) -> serde_json::Value {
    let bytes = std::fs::read(path).expect("the export was written");
    serde_json::from_slice(&bytes).expect("the export is JSON")
}

fn json_ids(json: &serde_json::Value) -> Vec<String> {
    let records = json["records"].as_array().expect("a records array");
    records.iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn export_writes_the_view_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    set_years(&mut app, "1990-2002");
    assert_eq!(send(&mut app, ch('e')), Some(Action::Export));
    assert_eq!(
        prompt_of(&app),
        Some((PromptKind::Export, "nkict-view-1990-2002.json".to_owned(), None))
    );
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("nkict export --from 1990 --to 2002 -o nkict-view-1990-2002.json"),
        "{screen}"
    );
    enter(&mut app);
    assert!(app.overlay.is_none());
    let path = dir.path().join("nkict-view-1990-2002.json");
    let (text, is_error) = message(&app);
    assert!(
        !is_error && text.starts_with(&format!("Exported {} records", app.derived.view.len())),
        "{text}"
    );

    let json = read_export(&path);
    assert_eq!(json["filter"]["from"], 1990);
    assert_eq!(json["filter"]["to"], 2002);
    assert_eq!(
        json_ids(&json),
        ids(&app, &app.derived.view),
        "the same records, in the view's order"
    );

    // A second export to the same name asks first; n keeps the file.
    std::fs::write(&path, "sentinel").unwrap();
    press(&mut app, "e");
    enter(&mut app);
    assert_eq!(app.overlay, Some(Overlay::ConfirmOverwrite(path.clone())));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("Overwrite it?"), "{screen}");
    press(&mut app, "n");
    assert!(app.overlay.is_none());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "sentinel",
        "n leaves the file untouched"
    );
    assert!(message(&app).0.contains("cancelled"));

    // y replaces it.
    press(&mut app, "e");
    enter(&mut app);
    assert!(matches!(app.overlay, Some(Overlay::ConfirmOverwrite(_))));
    press(&mut app, "y");
    assert!(app.overlay.is_none());
    let json = read_export(&path);
    assert_eq!(json_ids(&json), ids(&app, &app.derived.view));
    assert!(message(&app).0.starts_with("Exported"));

    // No temporary files are left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["nkict-view-1990-2002.json".to_owned()]);
}

#[test]
fn the_exported_file_loads_back_as_a_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    set_years(&mut app, "1990-2002");
    press(&mut app, "/cable");
    enter(&mut app);
    press(&mut app, "e");
    enter(&mut app);
    let path = dir.path().join("nkict-view-1990-2002.json");
    let bytes = std::fs::read(&path).expect("the export was written");
    let dataset: Dataset =
        nkict::data::parse(&bytes, &path).unwrap_or_else(|err| panic!("the export does not load back: {err}"));
    let exported: Vec<String> = dataset.records.iter().map(|r| r.id.clone()).collect();
    assert!(!exported.is_empty());
    assert_eq!(exported, ids(&app, &app.derived.view));
    // Loaded back and filtered the same way, it is the same view again.
    let again = nkict::model::Model::new(dataset);
    assert_eq!(again.filter(&app.filter).len(), app.derived.view.len());
}

#[test]
fn export_names_follow_the_filter_and_an_empty_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.export_dir = dir.path().to_owned();
    press(&mut app, "e");
    assert_eq!(prompt_of(&app).unwrap().1, "nkict-view-all.json");
    send(&mut app, ctrl('u'));
    enter(&mut app);
    let (_, _, error) = prompt_of(&app).expect("an empty name keeps the prompt open");
    assert!(error.is_some());
    press(&mut app, "mine.json");
    enter(&mut app);
    let json = read_export(&dir.path().join("mine.json"));
    assert_eq!(json_ids(&json).len(), app.model.len());
    // A folder that does not exist is an error in the footer, not a panic.
    press(&mut app, "e");
    send(&mut app, ctrl('u'));
    press(&mut app, "no/such/folder.json");
    enter(&mut app);
    let (text, is_error) = message(&app);
    assert!(is_error && text.starts_with("Export failed"), "{text}");
    // Esc cancels without writing.
    press(&mut app, "e");
    esc(&mut app);
    assert!(app.overlay.is_none());
    assert!(!dir.path().join("nkict-view-all.json").exists());
}

// ---------------------------------------------------------------- help, quit

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
        from: Some(1990),
        to: Some(2002),
        ..Filter::default()
    };
    let app = app_sized(filter.clone(), 100, 30);
    assert_eq!(app.derived.view, expected_view(&filter));
    let header = row_text(&draw(&app), 1);
    assert!(header.contains("1990-2002"), "{header}");
    assert!(
        header.contains(&format!("{} of {} records", app.derived.view.len(), app.model.len())),
        "{header}"
    );
}

#[test]
fn popups_scroll_only_as_far_as_their_text_goes() {
    let mut app = app_sized(Filter::default(), 80, 24);
    press(&mut app, "5");
    enter(&mut app);
    let Some(Overlay::Detail { record, .. }) = app.overlay.clone() else {
        panic!("the detail is open");
    };
    press(&mut app, "G");
    let Some(Overlay::Detail { scroll: bottom, .. }) = app.overlay.clone() else {
        panic!("the detail is still open");
    };
    assert!(bottom > 0, "the 80x24 detail overflows, so G scrolls");
    assert!(
        bottom < 100,
        "G stops at the end of the text, not far past it ({bottom})"
    );
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

    press(&mut app, "?");
    press(&mut app, "G");
    let Some(Overlay::Help { scroll }) = app.overlay.clone() else {
        panic!("the help is open");
    };
    assert!(scroll > 0 && scroll < 100, "{scroll}");
    assert!(
        screen_text(&draw(&app)).contains("Years: 1990-2002"),
        "the last help line shows at the end"
    );
}

#[test]
fn u_brings_undated_records_into_a_year_range_and_back_out() {
    let mut app = app();
    press(&mut app, "t");
    send(&mut app, ctrl('u'));
    press(&mut app, "1990-2002");
    enter(&mut app);
    let dated = app.derived.view.len();
    let undated = app
        .model
        .all()
        .iter()
        .filter(|&&ix| app.model.span(ix).is_none())
        .count();
    assert!(undated > 0);
    press(&mut app, "u");
    assert!(app.filter.include_undated);
    assert_eq!(app.derived.view.len(), dated + undated);
    assert!(screen_text(&draw(&app)).contains("1990-2002 +undated"));
    assert!(app.filter.to_args().contains(&"--include-undated".to_owned()));
    press(&mut app, "u");
    assert!(!app.filter.include_undated);
    assert_eq!(app.derived.view.len(), dated);
}
