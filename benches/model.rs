//! How the model copes with a million records: indexing, filtering by years,
//! category and text, and the per-year and per-category queries the views
//! draw from. Run with `scripts/bench-model.sh` (or `cargo bench --bench model`).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use nkict::data::{self, Category};
use nkict::model::{Filter, Model};

mod common;
use common::synthetic;

const RECORDS: usize = 1_000_000;
const PARSED: usize = 100_000;

fn bench(c: &mut Criterion) {
    let dataset = synthetic(RECORDS);
    let mut group = c.benchmark_group("model-1M");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));

    group.bench_function("Model::new", |b| {
        b.iter_batched(
            || dataset.clone(),
            |d| black_box(Model::new(d)),
            BatchSize::PerIteration,
        )
    });

    let model = Model::new(dataset);
    // The first search folds every record's text into an index, once.
    let started = Instant::now();
    let found = model.filter(&Filter {
        search: "optical cable".into(),
        ..Filter::default()
    });
    eprintln!(
        "first search (builds the text index): {} ms, {} records found",
        started.elapsed().as_millis(),
        found.len()
    );
    let filters = [
        (
            "filter years 1990-2000",
            Filter {
                from: Some(1990),
                to: Some(2000),
                ..Filter::default()
            },
        ),
        (
            "filter category",
            Filter {
                categories: vec![Category::Fiber],
                ..Filter::default()
            },
        ),
        (
            "filter search text",
            Filter {
                search: "Optical Cable".into(),
                ..Filter::default()
            },
        ),
        (
            "filter search phrase",
            Filter {
                search: "\"optical cable\"".into(),
                ..Filter::default()
            },
        ),
        (
            "filter search variant",
            Filter {
                search: "centre".into(),
                ..Filter::default()
            },
        ),
        (
            "filter search diacritics",
            Filter {
                search: "P'yŏngyang".into(),
                ..Filter::default()
            },
        ),
        (
            "filter search entity",
            Filter {
                search: "Sinuiju".into(),
                ..Filter::default()
            },
        ),
        (
            "filter search korean",
            Filter {
                search: "고려링크".into(),
                ..Filter::default()
            },
        ),
        ("filter none", Filter::default()),
    ];
    for (name, filter) in &filters {
        group.bench_function(*name, |b| b.iter(|| black_box(model.filter(filter))));
    }
    let all = model.all();
    group.bench_function("counts_by_category", |b| {
        b.iter(|| black_box(model.counts_by_category(all)))
    });
    group.bench_function("per_year_counts", |b| {
        let span = model.overall_span().expect("dated records");
        b.iter(|| black_box(model.per_year_counts(all, span)))
    });
    group.finish();
}

/// Loading a file: JSON, types, positions and validation, for 100,000 records.
fn bench_parse(c: &mut Criterion) {
    let text = serde_json::to_string_pretty(&synthetic(PARSED)).expect("serializes");
    let mut group = c.benchmark_group("parse-100k");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function(format!("data::parse ({} MB)", text.len() >> 20), |b| {
        b.iter(|| black_box(data::parse(text.as_bytes(), Path::new("bench.json")).expect("valid")))
    });
    group.finish();
}

/// One record listing 100,000 entities: every check on it must stay linear
/// (the "listed twice" check once compared every pair: 19 s for 80,000).
fn bench_wide_record(c: &mut Criterion) {
    const WIDE: usize = 100_000;
    let mut dataset = synthetic(1);
    let template = dataset.entities[0].clone();
    dataset.entities = (0..WIDE)
        .map(|n| nkict::data::Entity {
            id: format!("entity-{n}"),
            ..template.clone()
        })
        .collect();
    dataset.records[0].entities = dataset.entities.iter().map(|e| e.id.clone()).collect();
    let text = serde_json::to_string(&dataset).expect("serializes");
    let mut group = c.benchmark_group("parse-wide");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function(format!("data::parse (one record, {WIDE} entities)"), |b| {
        b.iter(|| black_box(data::parse(text.as_bytes(), Path::new("wide.json")).expect("valid")))
    });
    group.finish();
}

criterion_group!(benches, bench, bench_parse, bench_wide_record);
criterion_main!(benches);
