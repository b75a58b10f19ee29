//! The dashboard on text of emoji shown as pictures: `❤` takes a column,
//! `❤` with U+FE0F (show it as a picture) two, as ratatui draws it. Cut a
//! character at a time, a title of them was cut twice as wide as its
//! column: ratatui clipped it, and the `…` that says it was cut never
//! showed. Every view draws, at three sizes, and each cut ends in `…`.

mod common;

use common::{app_over, draw, enter, esc, press, screen_text};
use nkict::data::Dataset;
use nkict::model::Filter;
use nkict::tui::action::Action;

/// Forty hearts shown as pictures: 80 columns.
fn hearts() -> String {
    "❤\u{fe0f}".repeat(40)
}

/// The fixture with the first record's title, every source's title and
/// every indicator's name forty hearts.
fn with_hearts() -> Dataset {
    let mut dataset = common::fixture();
    dataset.records[0].title = hearts().into();
    for source in &mut dataset.sources {
        source.title = hearts().into();
    }
    for indicator in &mut dataset.indicators {
        indicator.name = hearts().into();
    }
    dataset
}

/// Each run of hearts on `screen` that is cut without its `…`. A title
/// shown whole may wrap (beside other panes): runs without a `…` are
/// taken together, in order, until they make the forty.
fn cut_silently(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = 0;
    for line in screen.lines() {
        let mut rest = line;
        while let Some(at) = rest.find('❤') {
            let run = &rest[at..];
            let end = run.find(|c| c != '❤' && c != '\u{fe0f}').unwrap_or(run.len());
            let (hearts, after) = run.split_at(end);
            let count = hearts.matches('❤').count();
            if !after.starts_with('…') {
                pending += count;
            }
            if pending == 40 {
                pending = 0;
            } else if pending > 40 {
                found.push(line.to_owned());
                pending = 0;
            }
            rest = after;
        }
    }
    if pending > 0 {
        found.push(format!("{pending} hearts without a `…`"));
    }
    found
}

#[test]
fn cut_emoji_end_in_an_ellipsis_in_every_view() {
    let mut hearts_shown = 0;
    // Not narrower: at 60 columns the indicators' columns want more room
    // than there is, and ratatui narrows them past their cut (`Indicat`).
    for (width, height) in [(80, 24), (100, 30), (200, 60)] {
        let mut app = app_over(with_hearts(), Filter::default(), width, height);
        for position in 0..app.views().len() {
            app.update(Action::ShowView(position));
            let mut screens = vec![screen_text(&draw(&app))];
            if app.selected_record().is_some() {
                enter(&mut app);
                screens.push(screen_text(&draw(&app)));
                esc(&mut app);
            }
            for screen in screens {
                let silent = cut_silently(&screen);
                assert!(silent.is_empty(), "{width}x{height}: {silent:#?}\n{screen}");
                hearts_shown += screen.matches('❤').count();
            }
        }
        press(&mut app, "q");
    }
    assert!(hearts_shown > 100, "the hearts show: {hearts_shown}");
}
