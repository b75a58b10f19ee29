//! The dashboard's work at each size (see `common`): the state derived from
//! a filter, sorting the Records view, one frame of each view into a 200x60
//! `TestBackend`, and a year nudge followed by its frame. Drawing touches
//! only the visible rows, so a frame should cost about the same at every
//! size. Run with `cargo bench --bench render` (`NKICT_BENCH_SIZES=...`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use nkict::model::{Filter, Model};
use nkict::tui::action::Action;
use nkict::tui::derived::estimates::ClaimWidths;
use nkict::tui::derived::overview::Plan;
use nkict::tui::derived::{Derived, Sort, SortColumn};
use nkict::tui::views::{self, records::Records};
use nkict::tui::{App, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

fn bench(c: &mut Criterion) {
    for name in common::sizes() {
        let model = Model::new(common::dataset(name));
        let mut group = c.benchmark_group(format!("render-{name}"));
        group.sample_size(common::samples(name));
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        let plan = Plan::of(&model);
        let widths = ClaimWidths::of_model(&model);
        let all = Filter::default();
        group.bench_function("derived state, every record", |b| {
            b.iter(|| black_box(Derived::new(&model, &all, Sort::default(), &plan, &widths)))
        });
        let mut derived = Derived::new(&model, &all, Sort::default(), &plan, &widths);
        for column in [SortColumn::Title, SortColumn::Source] {
            let sort = Sort {
                column,
                reversed: false,
            };
            group.bench_function(format!("sort by {}", column.label()), |b| {
                b.iter(|| derived.resort(&model, sort))
            });
        }
        let mut app = App::new(model, all, Theme::MONOCHROME, views::ALL);
        app.update(Action::Resize(WIDTH, HEIGHT));
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        for (position, view) in views::ALL.iter().enumerate() {
            app.update(Action::ShowView(position));
            group.bench_function(format!("frame {} {WIDTH}x{HEIGHT}", view.title()), |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| render::render(black_box(&app), frame))
                        .map(|_| ())
                })
            });
        }
        let records = app.position_of::<Records>().expect("a Records view");
        app.update(Action::ShowView(records));
        group.bench_function("year nudge ] and back, then a frame", |b| {
            b.iter(|| {
                app.update(Action::ShiftFrom(1));
                app.update(Action::ShiftFrom(-1));
                terminal.draw(|frame| render::render(&app, frame)).map(|_| ())
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
