#!/bin/sh
# Times the model on a synthetic dataset of a million records (and loading a
# 100,000-record file): builds in release and prints criterion's figures.
# Extra arguments go to criterion, e.g. a filter: scripts/bench-model.sh filter
set -eu
cd "$(dirname "$0")/.."
cargo bench --bench model -- "$@" 2>&1 |
    grep -E '^(first search|model-1M|parse-100k|parse-wide)|time:|warning|error' |
    grep -v -E 'Warming up|Collecting|Analyzing'
