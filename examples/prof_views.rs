//! What the Indicators and Estimates views work out after a filter change,
//! in-process, on a large file: with every record in view (the keys `3`
//! and `4` after the first screen) and after a year nudge (`]` while either
//! is shown), each worked out afresh several times, with what the
//! dashboard prepares on another thread (`Fixed::prepare`) ready, as it is
//! some seconds after the first screen. Then the bench's keys through an
//! `App`, each with its frame into a 200x60 `TestBackend`. For `perf
//! record` and `valgrind --tool=callgrind` too.
//!
//!     cargo run --release --example prof_views -- FILE [ROUNDS]

use std::time::Instant;

use nkict::data;
use nkict::model::{Filter, Model};
use nkict::tui::action::Action;
use nkict::tui::derived::{Derived, Fixed, Sort};
use nkict::tui::effect;
use nkict::tui::views::{self, estimates::Estimates, indicators::Indicators};
use nkict::tui::{App, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Milliseconds `work` took, and what it gave.
fn timed<T>(work: impl FnOnce() -> T) -> (f64, T) {
    let started = Instant::now();
    let result = work();
    (started.elapsed().as_secs_f64() * 1e3, result)
}

/// Prints the median and the range of some milliseconds.
fn report(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    println!(
        "{name}: median {median:.1} ms (min {:.1}, max {:.1}, n {})",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}

/// Each view's state worked out afresh `rounds` times under `filter`.
fn parts(model: &Model, fixed: &Fixed, name: &str, filter: &Filter, rounds: usize) {
    let (mut derived_ms, mut quantities_ms, mut contests_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (ms, derived) = timed(|| Derived::new(model, filter, Sort::default()));
        derived_ms.push(ms);
        quantities_ms.push(timed(|| derived.quantities(model, filter, fixed).indicators.len()).0);
        contests_ms.push(timed(|| derived.contests(model, filter, fixed).estimates.len()).0);
    }
    report(&format!("{name}: Derived::new"), derived_ms);
    report(&format!("{name}: quantities (Indicators)"), quantities_ms);
    report(&format!("{name}: contests (Estimates, after quantities)"), contests_ms);
}

/// The bench's keys on the two views, each with its frame.
fn keys(model: Model) {
    let mut app = App::new(model, Filter::default(), Theme::MONOCHROME, views::ALL);
    app.update(Action::Resize(200, 60));
    app.shared_fixed().prepare(app.model());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut sink = std::io::sink();
    let indicators = app.position_of::<Indicators>().expect("an Indicators view");
    let estimates = app.position_of::<Estimates>().expect("an Estimates view");
    let mut step = |app: &mut App, name: &str, action: Action| {
        let (ms, ()) = timed(|| {
            effect::run(app, action, &mut sink);
            terminal.draw(|frame| render::render(app, frame)).expect("a frame");
        });
        println!("{name}: {ms:.1} ms");
    };
    step(&mut app, "first frame", Action::ShowView(0));
    step(&mut app, "Indicators 3", Action::ShowView(indicators));
    step(&mut app, "Indicators ]", Action::ShiftFrom(1));
    step(&mut app, "Estimates 4", Action::ShowView(estimates));
    step(&mut app, "Estimates ]", Action::ShiftFrom(1));
    step(&mut app, "Estimates r", Action::ResetFilters);
    step(&mut app, "Estimates frame again", Action::Move(1));
    step(&mut app, "Indicators 3 again", Action::ShowView(indicators));
    step(&mut app, "Indicators frame again", Action::Move(1));
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a dataset file");
    let rounds: usize = args.next().map_or(5, |r| r.parse().expect("a number of rounds"));
    let (ms, dataset) = timed(|| data::load::load_file_with_limit(path.as_ref(), u64::MAX));
    println!("load: {ms:.0} ms");
    let model = Model::new(dataset.expect("the file loads"));
    let fixed = Fixed::default();
    let (ms, ()) = timed(|| fixed.prepare(&model));
    println!("Fixed::prepare: {ms:.0} ms");
    let first = model.overall_span().map(|span| span.start + 1);
    let nudged = Filter {
        from: first,
        ..Filter::default()
    };
    parts(&model, &fixed, "every record", &Filter::default(), rounds);
    parts(&model, &fixed, "year nudge", &nudged, rounds);
    keys(model);
}
