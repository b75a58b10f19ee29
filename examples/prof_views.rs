//! What the Indicators and Estimates views work out after a filter change,
//! in-process, on a large file: with every record in view (the keys `3`
//! and `4` after the first screen) and after a year nudge (`]` while either
//! is shown) and for a search keeping tens of records, with the
//! Overview's facts too, each worked out afresh several times, with what the
//! dashboard prepares on another thread (`Fixed::prepare`) ready, as it is
//! some seconds after the first screen. Then the bench's keys through an
//! `App`, each with its frame into a 200x60 `TestBackend`. For `perf
//! record` and `valgrind --tool=callgrind` too.
//!
//!     cargo run --release --example prof_views -- FILE [ROUNDS]
//!
//! With 0 rounds, only the keys.

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

/// What a piece of work cost: wall-clock and this thread's processor
/// milliseconds (the machine is shared: the processor time varies less),
/// and its page faults (new memory touched; slow on virtual machines).
#[derive(Clone, Copy)]
struct Cost {
    wall: f64,
    cpu: f64,
    faults: i64,
}

/// This thread's processor time in milliseconds and its minor page faults.
fn thread_usage() -> (f64, i64) {
    // SAFETY: both calls only write the structs passed.
    unsafe {
        let mut time: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time);
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_THREAD, &mut usage);
        (time.tv_sec as f64 * 1e3 + time.tv_nsec as f64 / 1e6, usage.ru_minflt)
    }
}

/// What `work` cost, and what it gave.
fn timed<T>(work: impl FnOnce() -> T) -> (Cost, T) {
    let (cpu, faults) = thread_usage();
    let started = Instant::now();
    let result = work();
    let wall = started.elapsed().as_secs_f64() * 1e3;
    let (cpu_after, faults_after) = thread_usage();
    let cost = Cost {
        wall,
        cpu: cpu_after - cpu,
        faults: faults_after - faults,
    };
    (cost, result)
}

impl std::fmt::Display for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.1} ms ({:.1} ms processor, {} faults)",
            self.wall, self.cpu, self.faults
        )
    }
}

/// Prints the first of some costs (in memory new to the process, as a
/// key's is), then the medians of them all.
fn report(name: &str, costs: &[Cost]) {
    let median = |of: fn(&Cost) -> f64| {
        let mut values: Vec<f64> = costs.iter().map(of).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    println!(
        "{name}: first {}; medians {:.1} ms, {:.1} ms processor, {:.0} faults (n {})",
        costs[0],
        median(|c| c.wall),
        median(|c| c.cpu),
        median(|c| c.faults as f64),
        costs.len()
    );
}

/// Each view's state worked out afresh `rounds` times under `filter`.
fn parts(model: &Model, fixed: &Fixed, name: &str, filter: &Filter, rounds: usize) {
    let (mut derived_costs, mut quantities, mut contests) = (Vec::new(), Vec::new(), Vec::new());
    let mut overviews = Vec::new();
    for _ in 0..rounds {
        let (cost, derived) = timed(|| Derived::new(model, filter, Sort::default()));
        derived_costs.push(cost);
        // Apart from the rest: the Overview's facts read rows of their own.
        let apart = Derived::new(model, filter, Sort::default());
        overviews.push(timed(|| apart.overview(model, filter, fixed).figures.len()).0);
        quantities.push(timed(|| derived.quantities(model, filter, fixed).indicators.len()).0);
        contests.push(timed(|| derived.contests(model, filter, fixed).estimates.len()).0);
    }
    let in_view = Derived::new(model, filter, Sort::default()).view.len();
    report(&format!("{name} ({in_view} in view): Derived::new"), &derived_costs);
    report(&format!("{name}: overview (the Overview)"), &overviews);
    report(&format!("{name}: quantities (Indicators)"), &quantities);
    report(&format!("{name}: contests (Estimates, after quantities)"), &contests);
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
        let (update, ()) = timed(|| effect::run(app, action, &mut sink));
        let (frame, _) = timed(|| terminal.draw(|frame| render::render(app, frame)).expect("a frame"));
        println!("{name}: update {update}, frame {frame}");
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
    let (cost, dataset) = timed(|| data::load::load_file_with_limit(path.as_ref(), u64::MAX));
    println!("load: {cost}");
    let model = Model::new(dataset.expect("the file loads"));
    let fixed = Fixed::default();
    // What `Fixed::prepare` works out, part by part.
    println!("quantity numbers: {}", timed(|| fixed.quantity_ids(&model)).0);
    println!("claims by quantity: {}", timed(|| fixed.claims(&model)).0);
    println!("claims' widths and values: {}", timed(|| fixed.claim_texts(&model)).0);
    let first = model.overall_span().map(|span| span.start + 1);
    let nudged = Filter {
        from: first,
        ..Filter::default()
    };
    // With no rounds, the keys find memory as the dashboard does.
    if rounds > 0 {
        parts(&model, &fixed, "every record", &Filter::default(), rounds);
        parts(&model, &fixed, "year nudge", &nudged, rounds);
        // A search keeping tens of records, as while typing in the Overview.
        let narrow = Filter {
            search: "Kwangmyong Egyptian smuggled defectors Sinuiju trains programmers optical satellite switching bandwidth export university markets government".into(),
            ..Filter::default()
        };
        parts(&model, &fixed, "narrow search", &narrow, rounds);
    }
    keys(model);
}
