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
# run than a copy of the same file (30 November): time a copy. The
# baseline is copied too, just before: a file not run for a while has lost
# part of its page cache (DAMON), and each run then faults more of it in
# one page at a time (main's build took 178 faults for --version, a fresh
# copy of the same build 163-167, 30 November, 20:20 UTC).
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$target/release/nkict" "$copy/nkict"
if [ -n "${BASELINE:-}" ]; then
    cp "$BASELINE" "$copy/baseline"
fi
# shellcheck disable=SC2086
python3 scripts/bench.py "$copy/nkict" --bundled --runs "${RUNS:-50}" \
    ${BASELINE:+--baseline "$copy/baseline"}
