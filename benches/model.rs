//! The command line's work at each size (see `common`): reading and checking
//! a file (the one-pass reader, and the careful loader that reports every
//! problem), indexing it, a year filter, a text search (the first builds
//! the text index; later ones read it, or look their words up in the word
//! index the dashboard builds, timed too), and encoding an export in each
//! format. Run with
//! `cargo bench --bench model` (`NKICT_BENCH_SIZES=10k,100k` for some sizes);
//! `scripts/bench.sh` times whole processes. And the bundled dataset opened
//! from its prepared form and from its JSON (`cargo bench --bench model --
//! bundled-open`).

use std::hint::black_box;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use nkict::data;
use nkict::export::{Destination, ExportDocument, FORMATS};
use nkict::model::sift::{Keep, Progress, sift, sift_embedded};
use nkict::model::{Filter, Model};

mod common;

fn years() -> Filter {
    Filter {
        from: Some(1990),
        to: Some(2000),
        ..Filter::default()
    }
}

fn search(text: &str) -> Filter {
    Filter {
        search: text.into(),
        ..Filter::default()
    }
}

fn bench(c: &mut Criterion) {
    for name in common::sizes() {
        let dataset = common::dataset(name);
        let text = serde_json::to_string_pretty(&dataset).expect("serializes");
        let path = Path::new("bench.json");
        let mut group = common::group(c, format!("model-{name}"), common::samples(name));
        let megabytes = text.len() as f64 / 1e6;
        group.bench_function(format!("read and check, one pass ({megabytes:.0} MB)"), |b| {
            b.iter(|| black_box(sift(text.as_bytes(), path, &Filter::default(), Keep::None).expect("valid")))
        });
        group.bench_function("read and check, careful loader", |b| {
            b.iter(|| black_box(data::parse(text.as_bytes(), path).expect("valid")))
        });
        group.bench_function("export 1990-2000: read, check, keep", |b| {
            b.iter(|| black_box(sift(text.as_bytes(), path, &years(), Keep::Filtered).expect("valid")))
        });
        drop(text);
        group.bench_function("Model::new", |b| {
            b.iter_batched(
                || dataset.clone(),
                |d| black_box(Model::new(d)),
                BatchSize::PerIteration,
            )
        });
        let model = Model::new(dataset);
        group.bench_function("filter years 1990-2000", |b| {
            b.iter(|| black_box(model.filter(&years())))
        });
        group.bench_function("search, first (builds the text index)", |b| {
            b.iter_batched(
                || Model::new(model.dataset().clone()),
                |fresh| black_box(fresh.filter(&search("optical cable"))),
                BatchSize::PerIteration,
            )
        });
        // Words, a phrase, a spelling variant, diacritics, an entity's other
        // name, Korean, and the first keys of a search being typed: read in
        // every record's text, then by the word index.
        let texts = [
            "optical cable",
            "\"optical cable\"",
            "centre",
            "P'yŏngyang",
            "Sinuiju",
            "고려링크",
            "o",
            "op",
        ];
        for text in texts {
            group.bench_function(format!("search, later: {text}"), |b| {
                b.iter(|| black_box(model.filter(&search(text))))
            });
        }
        group.bench_function("word index (after the text index)", |b| {
            b.iter_batched(
                || {
                    let fresh = Model::new(model.dataset().clone());
                    fresh.prepare_search();
                    fresh
                },
                |fresh| {
                    fresh.prepare_word_index();
                    black_box(fresh)
                },
                BatchSize::PerIteration,
            )
        });
        model.prepare_word_index();
        for text in texts {
            group.bench_function(format!("search by the word index: {text}"), |b| {
                b.iter(|| black_box(model.filter(&search(text))))
            });
        }
        let view = model.filter(&years());
        let time = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        group.bench_function("export document 1990-2000", |b| {
            b.iter(|| black_box(ExportDocument::at(&model, &view, &years(), time)))
        });
        let doc = ExportDocument::at(&model, &view, &years(), time);
        for format in FORMATS {
            group.bench_function(format!("encode 1990-2000 as {}", format.name()), |b| {
                b.iter(|| black_box(format.encode(&doc, Destination::File).expect("encodes")))
            });
        }
        group.finish();
    }
}

/// One record listing 100,000 entities: every check on it must stay linear
/// (the "listed twice" check once compared every pair: 19 s for 80,000).
fn bench_wide_record(c: &mut Criterion) {
    const WIDE: usize = 100_000;
    let mut dataset = common::synth::dataset(1, 1);
    let template = dataset.entities[0].clone();
    dataset.entities = (0..WIDE)
        .map(|n| nkict::data::Entity {
            id: format!("entity-{n}").into(),
            ..template.clone()
        })
        .collect();
    dataset.records[0].entities = dataset.entities.iter().map(|e| e.id.as_str().into()).collect();
    let text = serde_json::to_string(&dataset).expect("serializes");
    let mut group = common::group(c, "parse-wide", 10);
    group.bench_function(format!("data::parse (one record, {WIDE} entities)"), |b| {
        b.iter(|| black_box(data::parse(text.as_bytes(), Path::new("wide.json")).expect("valid")))
    });
    group.finish();
}

/// What a command on the bundled dataset does before its output: opening
/// it from the form `build.rs` prepared, against reading its JSON (as
/// before that form, and as for `--data FILE`).
fn bench_bundled(c: &mut Criterion) {
    let json = data::load::EMBEDDED.as_bytes();
    // criterion's own default sample size: the bundled dataset opens in about a millisecond.
    let mut group = common::group(c, "bundled-open", 100);
    group.bench_function("open, prepared form", |b| {
        b.iter(|| {
            black_box(sift_embedded(&Filter::default(), Keep::Filtered, &Progress::default(), None).expect("valid"))
        })
    });
    group.bench_function("open, from the JSON", |b| {
        b.iter(|| black_box(sift(json, Path::new("nkict.json"), &Filter::default(), Keep::Filtered).expect("valid")))
    });
    group.finish();
}

criterion_group!(benches, bench, bench_wide_record, bench_bundled);
criterion_main!(benches);
