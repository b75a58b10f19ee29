#!/bin/sh
# Whole-process figures at scale: builds nkict and the generator in release,
# makes synthetic datasets (examples/synth.rs) of each size once, then
# prints a table of medians of paired runs (scripts/bench.py): export with
# a year filter beside jq doing the same, MB/s, peak memory against the
# file, validate, list --search, the dashboard's first screen and
# keystrokes through a pseudo-terminal; and the bundled dataset's list and
# export against `nkict --version`.
#
#   scripts/bench.sh                      # 10000 100000 1000000 records
#   SIZES="10000" RUNS=5 scripts/bench.sh
#   BASELINE=/path/to/old/nkict scripts/bench.sh   # each figure for both builds
#   BENCH_FLAGS="--settle 15" scripts/bench.sh      # keys also once the search index is built
#
# The files go to $BENCH_DIR (target/bench-data): 1,000,000 records take 800 MB.
set -eu
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
data=${BENCH_DIR:-$target/bench-data}
sizes=${SIZES:-10000 100000 1000000}
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
cargo build --release --locked --bin nkict --example synth
mkdir -p "$data"
for size in $sizes; do
    [ -s "$data/$size.json" ] || "$target/release/examples/synth" --records "$size" --seed 1 -o "$data/$size.json"
done
# shellcheck disable=SC2086
exec python3 scripts/bench.py "$target/release/nkict" "$data" $sizes --runs "${RUNS:-3}" \
    ${BASELINE:+--baseline "$BASELINE"} ${BENCH_FLAGS:-}
