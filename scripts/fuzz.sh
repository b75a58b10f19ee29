#!/bin/sh
# Coverage-guided fuzzing with libFuzzer on the stable toolchain (no
# sanitizer: that would need nightly). Runs one target at the lowest priority:
#   scripts/fuzz.sh load 1800        # target, seconds
# Targets: load, year_range, search (see fuzz/fuzz_targets). Findings land in
# fuzz/artifacts/TARGET; the corpus grows in fuzz/corpus/TARGET (not committed).
set -eu
cd "$(dirname "$0")/.."
target=${1:?target: load, year_range or search}
seconds=${2:-600}
# Apart from the normal build: the coverage flags change every crate.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}/fuzz
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps the coverage flags off build scripts and macros.
host=$(rustc -vV | sed -n 's/^host: //p')
nice -n 19 cargo build --release --locked -p nkict-fuzz --target "$host" --bin "$target"
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
seeds=""
if [ "$target" = load ]; then
    seeds="data tests/bad"
fi
# shellcheck disable=SC2086
exec nice -n 19 "$CARGO_TARGET_DIR/$host/release/$target" "fuzz/corpus/$target" $seeds \
    -artifact_prefix="fuzz/artifacts/$target/" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1
