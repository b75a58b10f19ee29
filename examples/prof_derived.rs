//! Where the dashboard's time goes on a large file, in-process (no
//! terminal): first what the Indicators and Estimates views work out, part
//! by part, then the keys `scripts/bench.py` times, each with its frame
//! into a 200x60 `TestBackend` (a year nudge and reset with every record in
//! view, a search and a later key, then the Indicators and Estimates views
//! the first time after a filter change, and a nudge while each is shown).
//! With `PREPARE=1`, what the dashboard prepares on another thread after
//! its first screen (`Fixed::prepare`) is ready before the keys, as it is
//! some seconds after the first screen. For `perf record` too.
//! With `KEYS` set, only the keys (not the parts and searches before
//! them); with `PARTS` set, first what a year nudge touches, part by part.
//! With `IDLE=S`, the first year nudge and reset (not the nudges in the
//! Indicators and Estimates views) wait S seconds first, as a key typed
//! after the dashboard has idled. Each key also says how much memory it
//! touched (`/proc/self/clear_refs`, then the `Referenced` lines of
//! `/proc/self/smaps`: Linux only, the pages whose accessed bit the key
//! set; "n/a" where they cannot be read), and with `IDLE` the largest
//! mappings it touched.
//! With `WHOLE=1`, the file is opened as the dashboard opens it
//! (`model::whole`: the undated records' texts folded, and their words
//! gathered, on another thread as the file is read), after `SETTLE=S`
//! seconds (0 if not given: the first screen at once) the first frame is
//! drawn, and what the dashboard prepares after it is prepared on another
//! thread, in its order, while the keys come as `scripts/bench.py` types
//! them (each 0.3 s after the one before).
//!
//!     cargo run --release --example prof_derived -- FILE [ROUNDS]

use std::time::Instant;

use std::sync::Arc;
use std::time::Duration;

use nkict::data;
use nkict::model::sift::Progress;
use nkict::model::{Filter, Model, whole};
use nkict::tui::action::Action;
use nkict::tui::derived::{Derived, Fixed, Sort, estimates, indicators, overview};
use nkict::tui::effect;
use nkict::tui::views::{self, estimates::Estimates, indicators::Indicators};
use nkict::tui::{App, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Runs `work`, printing how long it took.
fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    println!("{name}: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    result
}

/// The parts of the Indicators and Estimates views' state, every record in view.
fn parts(model: &Model) {
    let fixed = Fixed::default();
    timed("quantity numbers (once)", || fixed.quantity_ids(model));
    timed("claims by quantity (once)", || fixed.claims(model));
    timed("claim widths (once)", || fixed.claim_texts(model));
    let all = Filter::default();
    let derived = timed("Derived::new", || Derived::new(model, &all, Sort::default()));
    let (rows, _) = timed("Indicators rows and needs", || {
        indicators::measured(model, &all, &derived.view, &fixed)
    });
    timed("Estimates items", || estimates::items(&rows));
    timed("Estimates needs", || estimates::needs(&rows));
    for text in ["o", "op"] {
        let search = Filter {
            search: text.into(),
            ..Filter::default()
        };
        let found = timed(&format!("filter, search {text:?}"), || model.filter(&search));
        let derived = timed(&format!("Derived::new, search {text:?}"), || {
            Derived::new(model, &search, Sort::default())
        });
        timed(&format!("Overview facts, search {text:?}"), || {
            derived.overview(model, &search, &fixed);
        });
        println!("({} found)", found.len());
    }
    let claims: usize = rows.iter().map(|row| row.observations.len()).sum();
    println!(
        "({} rows, {claims} observations, {} in view)",
        rows.len(),
        derived.view.len()
    );
}

/// Searches as typed, first reading every record's folded text, then by
/// the starts of its words (`Model::prepare_search` gathers them after
/// folding the texts), then by the word index (`Model::prepare_word_index`):
/// each must find the same.
fn searches(model: &Model) {
    let search = |text: &str| Filter {
        search: text.into(),
        ..Filter::default()
    };
    let mib = |bytes: usize| bytes as f64 / (1 << 20) as f64;
    timed("fold every record's text (first search)", || model.filter(&search("o")));
    let texts = ["o", "op", "optical cable", "\"optical cable\"", "fibre", "평양", "k"];
    let read: Vec<_> = (texts.iter())
        .map(|text| timed(&format!("search {text:?} by reading"), || model.filter(&search(text))))
        .collect();
    timed("gather the starts of words", || model.prepare_search());
    let (bytes, starts) = model.text_index_bytes().expect("a text index");
    println!(
        "text index: {:.1} MiB, of which starts of words {:.1} MiB",
        mib(bytes),
        mib(starts)
    );
    for (text, read) in texts.iter().zip(&read) {
        let found = timed(&format!("search {text:?} by starts"), || model.filter(&search(text)));
        assert_eq!(&found, read, "{text}: the starts and the reading disagree");
    }
    timed("word index build", || model.prepare_word_index());
    let bytes = model.word_index_bytes().expect("a word index");
    println!("word index: {:.1} MiB", mib(bytes));
    for (text, read) in texts.iter().zip(read) {
        let found = timed(&format!("search {text:?} by index"), || model.filter(&search(text)));
        assert_eq!(found, read, "{text}: the index and the reading disagree");
        println!("({} found)", found.len());
    }
}

/// Clears the accessed bits of this process's pages, so that `touched`
/// counts what is touched from now on; false where they cannot be
/// cleared (not Linux, or not allowed).
fn clear_touched() -> bool {
    std::fs::write("/proc/self/clear_refs", "1").is_ok()
}

/// `kib` as MiB, or "n/a" when the accessed bits were not cleared first
/// (it would count all the process touched since it started).
fn touched_label(cleared: bool, kib: u64) -> String {
    if cleared {
        format!("{:.2} MiB", kib as f64 / 1024.0)
    } else {
        "n/a".to_owned()
    }
}

/// The memory this process touched since `clear_touched`, in KiB: in all,
/// and the mappings of more than 1 MiB touched most (start address, size
/// and touched, in KiB).
fn touched() -> (u64, Vec<(String, u64, u64)>) {
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
    let kib = |line: &str| {
        line.split_whitespace()
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mut maps = Vec::new();
    let (mut start, mut size) = (String::new(), 0);
    for line in smaps.lines() {
        if let Some(rest) = line.strip_prefix("Size:") {
            size = kib(rest);
        } else if let Some(rest) = line.strip_prefix("Referenced:") {
            maps.push((start.clone(), size, kib(rest)));
        } else if let Some((first, _)) = line.split_once('-').filter(|_| !line.starts_with("VmFlags")) {
            start = first.to_owned();
        }
    }
    let total = maps.iter().map(|m| m.2).sum();
    maps.retain(|m| m.1 > 1024 && m.2 > 0);
    maps.sort_by_key(|m| std::cmp::Reverse(m.2));
    maps.truncate(6);
    (total, maps)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a dataset file");
    let rounds: usize = args.next().map_or(2, |r| r.parse().expect("a number of rounds"));
    let idle = std::env::var("IDLE").ok().map(|s| {
        s.parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .expect("IDLE in seconds, 0 or more")
    });
    let dashboard = std::env::var_os("WHOLE").is_some();
    let model = if dashboard {
        let bytes = data::load::read_file(path.as_ref(), u64::MAX).expect("the file reads");
        let model = timed("open whole", || {
            whole::open(&bytes, path.as_ref(), &Filter::default(), &Progress::default()).expect("the file loads")
        })
        .model;
        std::thread::spawn(move || drop(bytes));
        let settle = std::env::var("SETTLE").map_or(0.0, |s| s.parse::<f64>().expect("SETTLE in seconds"));
        std::thread::sleep(Duration::from_secs_f64(settle));
        model
    } else {
        let dataset = timed("load", || data::load::load_file_with_limit(path.as_ref(), u64::MAX));
        Model::new(dataset.expect("the file loads"))
    };
    if std::env::var_os("KEYS").is_none() && !dashboard {
        searches(&model);
        parts(&model);
    }
    let mut app = App::new(model, Filter::default(), Theme::MONOCHROME, views::ALL);
    app.update(Action::Resize(200, 60));
    if std::env::var_os("PREPARE").is_some() {
        app.shared_fixed().prepare(app.model());
    }
    if std::env::var_os("PARTS").is_some() {
        nudge_parts(app.model(), &app.shared_fixed());
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut sink = std::io::sink();
    let mut step = |app: &mut App, name: &str, actions: &[Action]| {
        if dashboard {
            std::thread::sleep(Duration::from_millis(300));
        }
        let nudge = name == "year ]" || name == "reset r";
        if let (true, Some(seconds)) = (nudge, idle) {
            std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
        }
        let cleared = clear_touched();
        let started = Instant::now();
        for action in actions {
            effect::run(app, action.clone(), &mut sink);
        }
        let updated = started.elapsed();
        terminal.draw(|frame| render::render(app, frame)).expect("a frame");
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        let took = started.elapsed();
        let (kib, maps) = touched();
        println!(
            "{name}: {:.1} ms (update {:.1}, frame {:.1}), touched {}",
            ms(took),
            ms(updated),
            ms(took - updated),
            touched_label(cleared, kib)
        );
        if nudge && idle.is_some() {
            for (start, size, touched) in maps {
                println!("    {start}: {touched} of {size} KiB");
            }
        }
    };
    step(&mut app, "first frame", &[]);
    if dashboard {
        prepare_as_the_dashboard(app.shared_model(), app.shared_fixed());
    }
    let indicators = app.position_of::<Indicators>().expect("an Indicators view");
    let estimates = app.position_of::<Estimates>().expect("an Estimates view");
    for round in 0..rounds {
        println!("-- round {round}");
        step(&mut app, "year ]", &[Action::ShiftFrom(1)]);
        step(&mut app, "reset r", &[Action::ResetFilters]);
        step(&mut app, "search /", &[Action::Search]);
        step(&mut app, "search o", &[Action::Input('o')]);
        step(&mut app, "search p", &[Action::Input('p')]);
        step(&mut app, "search Esc", &[Action::Close]);
        step(&mut app, "Indicators 3", &[Action::ShowView(indicators)]);
        step(&mut app, "Indicators ]", &[Action::ShiftFrom(1)]);
        step(&mut app, "Indicators r", &[Action::ResetFilters]);
        step(&mut app, "Estimates 4", &[Action::ShowView(estimates)]);
        step(&mut app, "Estimates ]", &[Action::ShiftFrom(1)]);
        step(&mut app, "Estimates r", &[Action::ResetFilters]);
        step(&mut app, "Records 1", &[Action::ShowView(0)]);
    }
}

/// What the dashboard prepares after its first screen, in its order, on
/// another thread (`tui::prepare_in_order`), each step timed.
fn prepare_as_the_dashboard(model: Arc<Model>, fixed: Arc<Fixed>) {
    let started = Instant::now();
    std::thread::spawn(move || {
        nkict::tui::prepare_in_order(&model, &fixed, |step| {
            println!("(prepare: {step} at {:.0} ms)", started.elapsed().as_secs_f64() * 1e3);
        });
    });
}

/// What a year nudge with every record in view touches, part by part:
/// the filter, then the Overview's facts (`PARTS=1`).
fn nudge_parts(model: &Model, fixed: &Fixed) {
    let all = Filter::default();
    Derived::new(model, &all, Sort::default()).overview(model, &all, fixed);
    let first = model.overall_span().map_or(1000, |years| years.start);
    let nudged = Filter {
        from: Some(first + 1),
        ..Filter::default()
    };
    let report = |name: &str, cleared: bool| {
        let (kib, maps) = touched();
        println!("{name}: touched {}", touched_label(cleared, kib));
        for (start, size, touched) in maps {
            println!("    {start}: {touched} of {size} KiB");
        }
    };
    let cleared = clear_touched();
    let derived = Derived::new(model, &nudged, Sort::default());
    report("nudge: filter", cleared);
    let plan = fixed.plan(model);
    let indicators = &model.dataset().indicators;
    let planned: Vec<bool> = (0..indicators.len())
        .map(|i| plan.headline.contains(&i) || plan.key_figures.contains(&i))
        .collect();
    let cleared = clear_touched();
    let in_view = indicators::InView::new(model, &nudged, derived.observations());
    let rows = indicators::rows(model, &nudged, &in_view, fixed, &planned);
    report("nudge: Overview's indicator rows", cleared);
    let others: Vec<bool> = (indicators.iter().enumerate())
        .map(|(i, indicator)| overview::is_ratio(indicator) && !plan.headline.contains(&i))
        .collect();
    let cleared = clear_touched();
    indicators::count_of(model, &in_view, fixed, &others);
    report("nudge: Overview's count of other ratios", cleared);
    // The series of the rows the Overview shows: at most three an indicator.
    let cleared = clear_touched();
    for i in plan.headline.iter().chain(&plan.key_figures) {
        for row in rows.iter().filter(|row| row.indicator == *i).take(3) {
            row.series(model, &nudged);
        }
    }
    report("nudge: Overview's series (about)", cleared);
    let cleared = clear_touched();
    derived.overview(model, &nudged, fixed);
    report("nudge: Overview facts, all", cleared);
}
