//! What the benchmarks run on: the bundled dataset, and synthetic ones made
//! by `synth` (the generator `examples/synth.rs` writes to files) at 10,000,
//! 100,000 and 1,000,000 records. `NKICT_BENCH_SIZES=bundled,10k` picks
//! some (a million records take a few GB and minutes per benchmark).

pub mod synth;

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use nkict::data::{self, Dataset};

/// Every size, smallest first.
const SIZES: &[(&str, usize)] = &[("bundled", 0), ("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)];

/// The sizes to run, by name.
pub fn sizes() -> Vec<&'static str> {
    let wanted = std::env::var("NKICT_BENCH_SIZES").unwrap_or_default();
    SIZES
        .iter()
        .map(|&(name, _)| name)
        .filter(|name| wanted.is_empty() || wanted.split(',').any(|w| w.trim().eq_ignore_ascii_case(name)))
        .collect()
}

/// The dataset called `name` (see `SIZES`).
pub fn dataset(name: &str) -> Dataset {
    match SIZES.iter().find(|&&(n, _)| n == name) {
        Some(&(_, 0)) => data::load_embedded().expect("the bundled dataset loads"),
        Some(&(_, count)) => synth::dataset(count, 1),
        None => panic!("no dataset called {name}"),
    }
}

/// Fewer samples for larger sizes: a million records take seconds an iteration.
pub fn samples(name: &str) -> usize {
    if name == "1M" { 10 } else { 20 }
}

/// A group of benchmarks taking `samples` samples, with the times every
/// group here uses.
pub fn group<'c>(c: &'c mut Criterion, name: impl Into<String>, samples: usize) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(samples);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group
}
