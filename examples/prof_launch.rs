//! Where the dashboard's time to its first screen goes on a large file,
//! in-process (no terminal): the file read and opened whole as the
//! dashboard's loading thread does (`model::whole`), the app built, and the
//! first frame drawn into a 200x60 `TestBackend`; then year nudges and
//! resets with every record in view. Each step with the page faults it
//! took (memory touched is time on these machines). For `perf record` too.
//!
//!     cargo run --release --example prof_launch -- FILE [ROUNDS]

use std::path::Path;
use std::time::Instant;

use nkict::data::load::read_file;
use nkict::model::Filter;
use nkict::model::sift::Progress;
use nkict::model::whole;
use nkict::tui::action::Action;
use nkict::tui::{App, Theme, effect, render, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Runs `work`, printing how long it took and the page faults it took.
fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let faults = usage(libc::RUSAGE_SELF).ru_minflt;
    let cpu = thread_cpu_ms();
    let started = Instant::now();
    let result = work();
    println!("{name}: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    // Its thread's time on a core: on a busy machine, the time waited for
    // one is left out.
    if let (Some(before), Some(after)) = (cpu, thread_cpu_ms()) {
        println!("{name} cpu: {:.1} ms", after - before);
    }
    println!("{name} faults: {}", usage(libc::RUSAGE_SELF).ru_minflt - faults);
    result
}

/// The resources used so far by `who` (the process, or the thread).
fn usage(who: libc::c_int) -> libc::rusage {
    // SAFETY: getrusage only fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    usage
}

/// The calling thread's time on a core so far (user and system).
#[cfg(target_os = "linux")]
fn thread_cpu_ms() -> Option<f64> {
    let usage = usage(libc::RUSAGE_THREAD);
    let ms = |time: libc::timeval| time.tv_sec as f64 * 1e3 + time.tv_usec as f64 / 1e3;
    Some(ms(usage.ru_utime) + ms(usage.ru_stime))
}

/// Elsewhere a thread's own time is not asked for (`RUSAGE_THREAD` is
/// Linux's): no CPU figure is printed.
#[cfg(not(target_os = "linux"))]
fn thread_cpu_ms() -> Option<f64> {
    None
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a dataset file");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("a number of rounds"));
    let path = Path::new(&path);
    let started = Instant::now();
    let bytes = timed("read", || read_file(path, u64::MAX).expect("the file reads"));
    let opened = timed("open", || {
        whole::open(&bytes, path, &Filter::default(), &Progress::default()).expect("the file loads")
    });
    println!("read in two parts: {}", opened.in_two);
    let (model, filter) = (opened.model, opened.filter);
    // As the dashboard does: not before the first screen.
    timed("drop the file's bytes", || std::thread::spawn(move || drop(bytes)));
    let mut app = timed("App::new", || App::new(model, filter, Theme::MONOCHROME, views::ALL));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    timed("first frame", || {
        app.update(Action::Resize(200, 60));
        terminal.draw(|frame| render::render(&app, frame)).expect("a frame");
    });
    println!("first screen: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    let mut sink = std::io::sink();
    for round in 0..rounds {
        println!("-- round {round}");
        for (name, action) in [("year ]", Action::ShiftFrom(1)), ("reset r", Action::ResetFilters)] {
            timed(name, || {
                effect::run(&mut app, action, &mut sink);
                terminal.draw(|frame| render::render(&app, frame)).expect("a frame");
            });
        }
    }
    // As the dashboard does: a million records take long to free.
    std::mem::forget(app);
}
