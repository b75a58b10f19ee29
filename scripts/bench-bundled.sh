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
# shellcheck disable=SC2086
exec python3 scripts/bench.py "$target/release/nkict" --bundled --runs "${RUNS:-50}" \
    ${BASELINE:+--baseline "$BASELINE"}
