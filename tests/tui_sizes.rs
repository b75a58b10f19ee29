//! The dashboard at the sizes it supports, from the smallest (60x15) to a
//! large terminal: every view and popup draws without a panic, a table's
//! columns fit its border (ScrolledTable checks it as it draws, in debug
//! builds; each view's columns are proven to fit by property tests beside
//! them), a cut cell ends in `…`, so a reader never takes a cut name for a
//! whole one, and a section a short screen cannot show is named.

mod common;

use common::*;
use nkict::data::Dataset;
use nkict::model::Filter;
use nkict::tui::App;
use nkict::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use nkict::tui::views;

/// The view at `key` over `dataset`, `width`x`height`.
fn view_app(dataset: Dataset, key: &str, width: u16, height: u16) -> App {
    let mut app = app_over(dataset, Filter::default(), width, height);
    press(&mut app, key);
    app
}

/// The cells of the column headed `label` (a word, or its start where the
/// header is cut) on `screen`: each row's text from where the label starts
/// to where the next column's label starts, for the rows of the first table
/// below a header line holding it.
fn column_cells(screen: &str, label: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let start_of = |line: &[char]| {
        let text: String = line.iter().collect();
        text.find(&format!("  {label}"))
            .map(|at| text[..at].chars().count() + 2)
    };
    let header = lines
        .iter()
        .position(|l| start_of(l).is_some())
        .unwrap_or_else(|| panic!("no header with {label}:\n{screen}"));
    let start = start_of(&lines[header]).unwrap();
    let rest = &lines[header][start..];
    let word = rest.iter().position(|c| *c == ' ').expect("a column after it");
    let gap = rest[word..].iter().position(|c| *c != ' ').expect("a column after it");
    let end = start + word + gap - 1;
    lines[header + 1..]
        .iter()
        .take_while(|l| l.first() == Some(&'│'))
        .map(|l| l[start..end].iter().collect::<String>().trim_end().to_owned())
        .collect()
}

/// Whether `cell` shows one of `whole` entirely, or the start of one and `…`.
fn whole_or_cut_with_ellipsis(cell: &str, whole: &[String]) -> bool {
    whole.iter().any(|w| {
        cell == w
            || cell
                .strip_suffix('…')
                .is_some_and(|start| !start.is_empty() && w.starts_with(start))
    })
}

#[test]
fn indicator_names_and_source_ids_cut_to_fit_end_in_an_ellipsis_at_every_width() {
    for dataset in [fixture(), bundled()] {
        let names: Vec<String> = dataset.indicators.iter().map(|i| i.name.to_string()).collect();
        let ids: Vec<String> = dataset.sources.iter().map(|s| s.id.to_string()).collect();
        for width in MIN_WIDTH..=130 {
            let screen = screen_text(&draw(&view_app(dataset.clone(), "3", width, 24)));
            let cells = column_cells(&screen, "Indic");
            assert!(!cells.is_empty(), "{width}:\n{screen}");
            for cell in cells {
                assert!(
                    whole_or_cut_with_ellipsis(&cell, &names),
                    "{cell:?} at {width}:\n{screen}"
                );
            }
            let screen = screen_text(&draw(&view_app(dataset.clone(), "6", width, 24)));
            for cell in column_cells(&screen, "Sourc") {
                assert!(
                    whole_or_cut_with_ellipsis(&cell, &ids),
                    "{cell:?} at {width}:\n{screen}"
                );
            }
        }
    }
}

/// Every view, and the popups over it, at every width from the smallest
/// supported to 250 and at heights from the smallest to 70: nothing panics,
/// and every table's columns fit (ScrolledTable's check).
#[test]
fn every_view_and_popup_draws_at_every_supported_size() {
    let views = views::ALL.len();
    for dataset in [fixture(), bundled()] {
        for width in (MIN_WIDTH..=250).step_by(5) {
            for height in [MIN_HEIGHT, 24, 70] {
                for view in 1..=views {
                    draw(&view_app(dataset.clone(), &view.to_string(), width, height));
                }
            }
        }
        for (width, height) in [(MIN_WIDTH, MIN_HEIGHT), (60, 20), (80, 24), (250, 70)] {
            for view in 1..=views {
                for then in ["l", "?", "\n", "c", "a", "i", "w", "K", "t", "/", "e"] {
                    let mut app = view_app(dataset.clone(), &view.to_string(), width, height);
                    if then == "\n" {
                        enter(&mut app);
                    } else {
                        press(&mut app, then);
                    }
                    draw(&app);
                }
            }
        }
    }
}

/// The views at 60x20 (where the Indicators view lost its ellipses) and at
/// the smallest supported size, on the fixture.
#[test]
fn every_view_at_60_columns() {
    for (width, height) in [(60, 20), (MIN_WIDTH, MIN_HEIGHT)] {
        for (i, view) in views::ALL.iter().enumerate() {
            let app = view_app(fixture(), &(i + 1).to_string(), width, height);
            let name = format!("fixture_{}_{width}x{height}", view.title().to_lowercase());
            insta::assert_snapshot!(name, draw(&app).backend());
        }
    }
    let help = view_app(fixture(), "?", MIN_WIDTH, MIN_HEIGHT);
    insta::assert_snapshot!("fixture_help_60x15", draw(&help).backend());
}

/// Text typed into a picker past its width shows its end, where the next
/// key goes, after a `…`, both on the input line and quoted in the line
/// saying nothing matches.
#[test]
fn a_long_text_typed_into_a_picker_shows_its_end() {
    let typed = "optical cable network ".repeat(5);
    let mut app = view_app(fixture(), "c", MIN_WIDTH, MIN_HEIGHT);
    for c in typed.chars() {
        send(&mut app, key(ratatui::crossterm::event::KeyCode::Char(c)));
    }
    let screen = screen_text(&draw(&app));
    // The popup is 58 columns (the screen's 60 less a column each side),
    // 56 inside its border: `› `, `…` and the last 53 characters typed.
    let end: String = typed.chars().skip(typed.chars().count() - 53).collect();
    assert!(screen.contains(&format!("│› …{end}│")), "{screen}");
    let none = screen
        .lines()
        .find(|l| l.contains("No category matches"))
        .expect("the no-match line");
    let inside = none.split('│').nth(1).expect("inside the popup's border");
    // `  No category matches “` is 23 columns and `”` one: `…` and the
    // last 31 characters typed fill the 32 left.
    let end: String = typed.chars().skip(typed.chars().count() - 31).collect();
    assert_eq!(inside, format!("  No category matches “…{end}”"), "{screen}");
}

/// A message longer than the footer ends in `…` (it was cut without one).
#[test]
fn a_long_message_is_cut_with_an_ellipsis() {
    let mut app = view_app(fixture(), "t2010-2000", MIN_WIDTH, MIN_HEIGHT);
    enter(&mut app);
    let footer = row_text(&draw(&app), MIN_HEIGHT - 1);
    let message = "✗ Invalid years: the range starts (2010) after it ends (2000)";
    // 61 columns in 60: the first 59 and the `…`.
    let cut: String = message.chars().take(59).chain(['…']).collect();
    assert_eq!(footer, cut);
}

/// The records of a dataset's JSON, to change.
fn records_of(doc: &mut serde_json::Value) -> impl Iterator<Item = &mut serde_json::Value> {
    doc["records"].as_array_mut().expect("records").iter_mut()
}

/// A period given to the day or month (`2000-06-15–2009-12`) is wider than
/// a When column of ten: it was cut to `2000-06-15`, which reads as a date.
/// Cut, it ends in `…`; where the column fits the times on screen (Timeline,
/// Records), it is whole.
#[test]
fn a_period_wider_than_its_column_ends_in_an_ellipsis() {
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture_path()).expect("the fixture")).expect("JSON");
    let record = records_of(&mut doc)
        .find(|r| r["id"] == "satellite-station")
        .expect("a period");
    record["period"] = serde_json::json!({ "start": "2000-06-15", "end": "2009-12" });
    // The latest subscriber count, in the Indicators view's When column
    // (as wide as its widest time, up to ten columns).
    let record = records_of(&mut doc)
        .find(|r| r["id"] == "subscribers-2012")
        .expect("the latest count");
    record.as_object_mut().expect("a record").remove("date");
    record["period"] = serde_json::json!({ "start": "2012-01-15", "end": "2012-12" });
    let bytes = serde_json::to_vec(&doc).unwrap();
    let dataset = nkict::data::parse(&bytes, std::path::Path::new("months.json")).expect("it loads");
    for (view, title) in [
        ("2", "Satellite"),
        // Beside the detail, the title gives the time its room down to 16.
        ("5", "Satellite"),
        ("3", "ExampleNet subscribers"),
    ] {
        let screen = screen_text(&draw(&view_app(dataset.clone(), view, 120, 30)));
        let row = screen
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{screen}"));
        // The Timeline and Records size When to the times on screen: whole.
        // The Indicators table keeps ten columns: nine characters and `…`.
        let start = if view == "3" {
            " 2012-01-1… "
        } else {
            " 2000-06-15–2009-12 "
        };
        assert!(row.contains(start), "view {view}: {row}");
    }
}

/// Every observation given a period to the day: wider than the When column
/// the Indicators view's observations or the Estimates view can give it in
/// a narrow pane (at 110 columns the observations are beside the chart, 44
/// columns wide). Their columns give way (ScrolledTable checks, in debug
/// builds, that they fit), and a time cut shows its `…`.
#[test]
fn periods_to_the_day_in_a_narrow_pane_are_cut_with_an_ellipsis() {
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture_path()).expect("the fixture")).expect("JSON");
    for record in records_of(&mut doc).filter(|r| r.get("indicator").is_some()) {
        let record = record.as_object_mut().expect("a record");
        record.remove("date");
        record.remove("as_of");
        record.insert(
            "period".into(),
            serde_json::json!({ "start": "2000-06-15", "end": "2009-12-31" }),
        );
    }
    let bytes = serde_json::to_vec(&doc).unwrap();
    let dataset = nkict::data::parse(&bytes, std::path::Path::new("days.json")).expect("it loads");
    for (width, height) in [(60, 20), (80, 24), (110, 30)] {
        for view in ["3", "4"] {
            let mut app = view_app(dataset.clone(), view, width, height);
            if view == "3" {
                // To a quantity with several observations.
                press(&mut app, "j");
            }
            let screen = screen_text(&draw(&app));
            let times: Vec<&str> = screen
                .lines()
                .flat_map(|line| line.split([' ', '│']))
                .filter(|word| word.starts_with("2000-06"))
                .collect();
            assert!(!times.is_empty(), "view {view} at {width}x{height}:\n{screen}");
            for time in times {
                assert!(
                    time == "2000-06-15–2009-12-31" || time.ends_with('…'),
                    "{time:?} in view {view} at {width}x{height}:\n{screen}"
                );
            }
        }
    }
}

/// The Overview's sections by their headings, and how its note names each
/// one it leaves out, with where else it can be seen.
const OVERVIEW_SECTIONS: [(&str, &str); 4] = [
    ("── Headline", "headline figures (Indicators, 3)"),
    ("── Key figures", "key figures (Indicators, 3)"),
    ("── Records per year", "records per year (Timeline, 2)"),
    ("── By category", "categories (c)"),
];

/// The headings of the Overview's sections drawn on `screen`.
fn overview_sections_drawn(screen: &str) -> Vec<&'static str> {
    let drawn = |heading: &str| screen.contains(heading);
    OVERVIEW_SECTIONS.iter().map(|s| s.0).filter(|h| drawn(h)).collect()
}

/// `N` in a note's `Not shown, N rows short:`, where the note has room for it.
fn rows_short(screen: &str) -> Option<u16> {
    let note = screen.lines().find(|l| l.starts_with("Not shown, "))?;
    let count = note["Not shown, ".len()..].split(' ').next()?;
    Some(count.parse().expect("a number of rows"))
}

/// A short screen draws the Overview's sections that fit and names the
/// others on its last body row, with where else to see them (a section
/// was left out silently at 60x15); where the row has room, how many rows
/// more show them all, which is checked by drawing that much taller.
#[test]
fn the_overview_names_the_sections_a_short_screen_leaves_out() {
    for dataset in [fixture(), bundled()] {
        for width in [MIN_WIDTH, 80, 120, 160, 250] {
            let mut told = 0;
            for height in MIN_HEIGHT..=40 {
                let screen = screen_text(&draw(&view_app(dataset.clone(), "1", width, height)));
                let drawn = overview_sections_drawn(&screen);
                let note = screen
                    .lines()
                    .nth(usize::from(height) - 2)
                    .expect("the body's last row");
                if drawn.len() == OVERVIEW_SECTIONS.len() {
                    assert!(!screen.contains("Not shown"), "{width}x{height}:\n{screen}");
                    continue;
                }
                told += 1;
                assert!(note.starts_with("Not shown"), "{width}x{height}:\n{screen}");
                for (heading, named) in OVERVIEW_SECTIONS {
                    let missing = !drawn.contains(&heading);
                    assert_eq!(
                        note.contains(named),
                        missing,
                        "{heading} at {width}x{height}:\n{screen}"
                    );
                }
                let Some(more) = rows_short(&screen) else {
                    assert!(width < 80, "the rows short fit at {width}x{height}:\n{screen}");
                    continue;
                };
                let taller = |rows| screen_text(&draw(&view_app(dataset.clone(), "1", width, height + rows)));
                assert_eq!(
                    overview_sections_drawn(&taller(more)).len(),
                    4,
                    "{width}x{height} +{more}"
                );
                assert!(
                    overview_sections_drawn(&taller(more - 1)).len() < 4,
                    "{width}x{height} +{more}"
                );
            }
            assert!(told > 0, "the smallest heights leave a section out at {width}");
        }
    }
}

/// `N` in the Indicators view's `chart needs N more row(s)`.
fn chart_rows_short(screen: &str) -> Option<u16> {
    let at = screen.find("chart needs ")?;
    let count = screen[at + "chart needs ".len()..].split(' ').next()?;
    Some(count.parse().expect("a number of rows"))
}

/// Too short for the selected indicator's chart, the Indicators view says
/// on the observations' border how many rows more show it (the chart was
/// left out silently), and that many rows do.
#[test]
fn the_indicators_view_says_how_many_rows_more_show_the_chart() {
    // The chart's bottom border counts the points it draws.
    let charted = |screen: &str| screen.contains(" points of ");
    for dataset in [fixture(), bundled()] {
        for width in [MIN_WIDTH, 80, 120] {
            let mut told = 0;
            for height in MIN_HEIGHT..=30 {
                let screen = screen_text(&draw(&view_app(dataset.clone(), "3", width, height)));
                let Some(more) = chart_rows_short(&screen) else {
                    assert!(charted(&screen), "{width}x{height}: a chart or a note\n{screen}");
                    continue;
                };
                told += 1;
                assert!(!charted(&screen), "{width}x{height}:\n{screen}");
                let taller = |rows| screen_text(&draw(&view_app(dataset.clone(), "3", width, height + rows)));
                assert!(charted(&taller(more)), "{width}x{height} +{more}");
                assert!(!charted(&taller(more - 1)), "{width}x{height} +{more}");
            }
            assert!(told > 0, "the smallest heights are too short for a chart at {width}");
        }
    }
}

/// On a 250-column screen the Overview's key figures show their subjects,
/// names and source ids whole (subjects were cut at 10 columns,
/// `Pyongyang…`, with 60 columns to spare).
#[test]
fn a_wide_overview_shows_its_key_figures_whole() {
    let screen = screen_text(&draw(&view_app(bundled(), "1", 250, 70)));
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.starts_with("── Key figures"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(rows.len() >= 3, "{screen}");
    assert!(
        rows.iter().any(|r| r.contains("Pyongyang Computer Factory")),
        "{screen}"
    );
    // The categories beside them are whole too: no `…` anywhere in the rows.
    for row in rows {
        assert!(!row.contains('…'), "{row}");
    }
}

/// A panel of text cut by a short screen says so on its bottom border
/// (the Sources view's citation lost its last lines silently, as did the
/// Estimates view's contested quantity): ` ↓ more ` exactly when its last
/// line is not on the screen.
#[test]
fn a_panel_cut_by_a_short_screen_says_there_is_more() {
    for (view, width, last) in [
        ("6", MIN_WIDTH, "shows only the records from"),
        ("4", 150, " lists them in "),
    ] {
        let mut cut = 0;
        for dataset in [fixture(), bundled()] {
            for height in MIN_HEIGHT..=45 {
                let screen = screen_text(&draw(&view_app(dataset.clone(), view, width, height)));
                let whole = screen.contains(last);
                cut += usize::from(!whole);
                assert_eq!(
                    screen.contains("└ ↓ more "),
                    !whole,
                    "view {view} at {width}x{height}:\n{screen}"
                );
            }
        }
        assert!(cut > 0, "view {view}: the smallest heights cut the panel");
    }
}
