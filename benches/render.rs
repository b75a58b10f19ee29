//! The dashboard's work at each size (see `common`): the state derived from
//! a filter, sorting the Records view, one frame of each view into a 200x60
//! `TestBackend`, and a year nudge followed by its frame. Drawing touches
//! only the visible rows, so a frame should cost about the same at every
//! size. Then a record whose title, summary and quote are 2 MB each,
//! selected: a frame should cost what a screenful of its text does. Run
//! with `cargo bench --bench render` (`NKICT_BENCH_SIZES=...`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nkict::data;
use nkict::model::{Filter, Model};
use nkict::tui::action::Action;
use nkict::tui::derived::{Derived, Fixed, Sort, SortColumn};
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
        let mut group = common::group(c, format!("render-{name}"), common::samples(name));
        // What is worked out once per dataset, before the timing.
        let fixed = Fixed::default();
        fixed.prepare(&model);
        let all = Filter::default();
        group.bench_function("derived state, every record", |b| {
            b.iter(|| black_box(Derived::new(&model, &all, Sort::default())))
        });
        group.bench_function("quantities (Indicators), every record", |b| {
            b.iter_batched(
                || Derived::new(&model, &all, Sort::default()),
                |derived| black_box(derived.quantities(&model, &all, &fixed).indicators.len()),
                criterion::BatchSize::LargeInput,
            )
        });
        group.bench_function("contests (Estimates), every record", |b| {
            b.iter_batched(
                || {
                    let derived = Derived::new(&model, &all, Sort::default());
                    derived.quantities(&model, &all, &fixed);
                    derived
                },
                |derived| black_box(derived.contests(&model, &all, &fixed).estimates.len()),
                criterion::BatchSize::LargeInput,
            )
        });
        let mut derived = Derived::new(&model, &all, Sort::default());
        for column in [SortColumn::Title, SortColumn::Source] {
            let sort = Sort {
                column,
                reversed: false,
            };
            group.bench_function(format!("sort by {}", column.label()), |b| {
                b.iter(|| {
                    derived.resort(sort);
                    black_box(derived.sorted(&model).len())
                })
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
    let mut group = c.benchmark_group("render-large-text");
    group.sample_size(10);
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
    record.title = words.clone().into();
    record.summary = words.clone().into();
    record.quote = words.into();
    let mut app = App::new(Model::new(dataset), Filter::default(), Theme::MONOCHROME, views::ALL);
    app.update(Action::Resize(160, 48));
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
