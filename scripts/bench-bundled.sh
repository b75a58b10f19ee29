#!/bin/sh
# The bundled dataset's commands against `nkict --version`, whole
# processes (scripts/bench.py --bundled): wall-clock medians of paired
# runs, then task-clock and page faults from `perf stat` where installed.
#
#   scripts/bench-bundled.sh                            # 50 rounds
#   RUNS=100 BASELINE=/path/to/old/nkict scripts/bench-bundled.sh
set -eu
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked --bin nkict
# The binary the linker has just written takes about 25 more page faults a
# run than a copy of the same file (30 November): time a copy, as the
# baseline is one.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$target/release/nkict" "$copy/nkict"
# shellcheck disable=SC2086
python3 scripts/bench.py "$copy/nkict" --bundled --runs "${RUNS:-50}" \
    ${BASELINE:+--baseline "$BASELINE"}
