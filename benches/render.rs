//! What a user's large file costs the dashboard: building the view state for
//! 100,000 records, then one frame of each view at 160x48. Drawing touches
//! only the visible rows, so a frame should cost about the same as for the
//! bundled 289 records (measured alongside). Run with
//! `cargo bench --bench render`.

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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
