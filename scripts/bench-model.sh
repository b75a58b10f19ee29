#!/bin/sh
# Runs the criterion benchmarks (benches/model.rs and benches/render.rs) at
# each size, printing only their figures. Sizes: NKICT_BENCH_SIZES, e.g.
#   NKICT_BENCH_SIZES=bundled,10k scripts/bench-model.sh
# Extra arguments go to criterion, e.g. a filter: scripts/bench-model.sh search
# Whole-process figures (beside jq, through a terminal): scripts/bench.sh.
set -eu
cd "$(dirname "$0")/.."
cargo bench --locked --bench model --bench render -- "$@" 2>&1 |
    grep -E '^(model-|render-|parse-wide)|time:|warning|error' |
    grep -v -E 'Warming up|Collecting|Analyzing'
