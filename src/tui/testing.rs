//! Helpers for the views' unit tests: an app over the test fixture (or a
//! changed copy of it) showing one view, and its screen.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::View;
use super::{App, Theme, render, views};
use crate::data::Dataset;
use crate::model::{Filter, Model};

/// `tests/fixtures/small.json`: a small synthetic dataset.
pub fn fixture() -> Dataset {
    let bytes = include_bytes!("../../tests/fixtures/small.json");
    crate::data::parse(bytes, Path::new("small.json")).expect("the fixture loads")
}

/// A monochrome app of `width` x `height` over `dataset`, showing view `V`.
pub fn app_on<V: View>(dataset: Dataset, filter: Filter, width: u16, height: u16) -> App {
    let mut app = App::new(Model::new(dataset), filter, Theme::MONOCHROME, views::ALL);
    app.update(Action::Resize(width, height));
    let position = app.position_of::<V>().expect("the view is registered");
    app.update(Action::ShowView(position));
    app
}

/// The screen as drawn, with styles.
pub fn buffer(app: &App) -> Buffer {
    let (width, height) = (app.area().width, app.area().height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| render::render(app, frame))
        .expect("drawing succeeds");
    terminal.backend().buffer().clone()
}

/// The screen as rows of cells (a wide character, then its blank cell).
pub fn cells(app: &App) -> Vec<Vec<String>> {
    let (width, height) = (app.area().width, app.area().height);
    let buffer = buffer(app);
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_owned()).collect())
        .collect()
}

/// The screen as one string per row, cell by cell.
pub fn raw_lines(app: &App) -> Vec<String> {
    cells(app).iter().map(|row| row.concat()).collect()
}

/// The screen as lines of text (a wide character once, not twice).
pub fn lines(app: &App) -> Vec<String> {
    cells(app)
        .iter()
        .map(|row| {
            let mut line = String::new();
            let mut skip = 0;
            for symbol in row {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = symbol.width().saturating_sub(1);
                line.push_str(symbol);
            }
            line
        })
        .collect()
}
