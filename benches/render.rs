//! What a user's large file costs the dashboard: building the view state for
//! 100,000 records, then one frame of each view at 160x48. Drawing touches
//! only the visible rows, so a frame should cost about the same as for the
//! bundled 289 records (measured alongside). Then a record whose title,
//! summary and quote are 2 MB each, selected: a frame should cost what a
//! screenful of its text does. Run with `cargo bench --bench render`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nkict::data;
use nkict::model::{Filter, Model};
use nkict::tui::action::Action;
use nkict::tui::views::{self, records::Records};
use nkict::tui::{App, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

const RECORDS: usize = 100_000;

fn app(dataset: data::Dataset) -> App {
    let mut app = App::new(Model::new(dataset), Filter::default(), Theme::MONOCHROME, views::ALL);
    app.update(Action::Resize(160, 48));
    app
}

fn bench(c: &mut Criterion) {
    let large = common::synthetic(RECORDS);
    let bundled = data::load_embedded().expect("the embedded dataset loads");
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    group.bench_function("app state for 100k records (filter, sort, indicators)", |b| {
        b.iter_batched(
            || Model::new(large.clone()),
            |model| App::new(model, Filter::default(), Theme::MONOCHROME, views::ALL),
            criterion::BatchSize::LargeInput,
        )
    });
    for (name, dataset) in [("100k", large), ("bundled", bundled)] {
        let mut app = app(dataset);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
        for (position, view) in views::ALL.iter().enumerate() {
            app.update(Action::ShowView(position));
            group.bench_function(format!("frame {} 160x48 {name}", view.title()), |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| render::render(black_box(&app), frame))
                        .map(|_| ())
                })
            });
        }
        let records = app.position_of::<Records>().expect("a Records view");
        app.update(Action::ShowView(records));
        group.bench_function(format!("year shift ] then frame, {name}"), |b| {
            b.iter(|| {
                app.update(Action::ShiftFrom(1));
                app.update(Action::ShiftFrom(-1));
                terminal.draw(|frame| render::render(&app, frame)).map(|_| ())
            })
        });
    }
    large_text(&mut group);
    group.finish();
}

/// Characters in each of the large record's texts: 2 MB.
const LARGE_TEXT: usize = 2 << 20;

/// Frames with a record of 2 MB texts selected: in the Records view with
/// the detail beside the table (160x48), and in the detail popup (100x30).
fn large_text(group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>) {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
    let mut dataset = data::load_file(&fixture).expect("the fixture loads");
    // The fixture's earliest record: the Records view selects it first.
    let record = dataset
        .records
        .iter_mut()
        .find(|r| r.id == "institute-founded")
        .expect("the fixture's first record");
    let words = "two megabytes of text ".repeat(LARGE_TEXT / 22);
    record.title = words.clone();
    record.summary = words.clone();
    record.quote = words;
    let mut app = app(dataset);
    let records = app.position_of::<Records>().expect("a Records view");
    app.update(Action::ShowView(records));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
    group.bench_function("frame Records 160x48, 2 MB texts selected, detail beside", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| render::render(black_box(&app), frame))
                .map(|_| ())
        })
    });
    app.update(Action::Resize(100, 30));
    app.update(Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    group.bench_function("frame Records 100x30, 2 MB texts, detail popup", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| render::render(black_box(&app), frame))
                .map(|_| ())
        })
    });
    group.bench_function("scroll the 2 MB detail popup", |b| {
        b.iter(|| {
            app.update(Action::Move(1));
            app.update(Action::Move(-1));
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
