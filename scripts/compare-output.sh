#!/bin/bash
# The same output from two builds of nkict, byte for byte: standard output,
# standard error and exit status of list (each format, fitted to widths,
# filtered), export (each format, to standard output and to files; a Data
# Package compared file by file), sources, indicators, entities and cite,
# on the bundled dataset and on tests/fixtures/small.json. Export times
# (`generated_at`) are masked. Exits 1 when any differs.
#
#   scripts/compare-output.sh /path/to/main/nkict target/release/nkict
set -u
old=$(realpath "$1"); new=$(realpath "$2")
fixture=$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures/small.json
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mask() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g'; }
fail=0; compared=0
differs() { echo "differs: $*"; fail=1; }
while IFS= read -r args; do
    args=${args//FIXTURE/$fixture}
    for build in old new; do
        # shellcheck disable=SC2086
        "${!build}" $args 2>"$build.err" | mask >"$build.out"
        echo "${PIPESTATUS[0]}" >"$build.status"
    done
    for part in out err status; do
        cmp -s "old.$part" "new.$part" || differs "nkict $args ($part)"
    done
    compared=$((compared + 1))
done <<'COMMANDS'
list
list --format json
list --format csv
list --format jsonl
list --json
list --width 80
list --width 40
list --width 200
list --from 1990 --to 2000
list --indicator mobile-subscriptions
list --indicator mobile-subscriptions --width 60
list --search cable
list --category fiber --format csv
list --kind observation --width 100
list --search zzzz
export -o -
export --format csv -o -
export --format jsonl -o -
export --from 1995 -o -
export --all --from 1995 -o -
export --category mobile --format csv -o -
export --category mobile --format jsonl -o -
export --search zzzz -o -
sources
indicators
entities
cite
--data FIXTURE list
--data FIXTURE export -o -
COMMANDS
for file in out.json out.csv out.jsonl out.zip; do
    for build in old new; do
        mkdir -p "$build-files" && (cd "$build-files" && "${!build}" export -o "$file" 2>err)
    done
    cmp -s old-files/err new-files/err || differs "nkict export -o $file (err)"
    case $file in
    *.zip)
        (cd old-files && unzip -qo "$file" -d unzipped) && (cd new-files && unzip -qo "$file" -d unzipped)
        for part in $(cd old-files/unzipped && find . -type f); do
            cmp -s <(mask <"old-files/unzipped/$part") <(mask <"new-files/unzipped/$part") || differs "$file: $part"
        done ;;
    *) cmp -s <(mask <"old-files/$file") <(mask <"new-files/$file") || differs "nkict export -o $file" ;;
    esac
    compared=$((compared + 1))
done
echo "$compared commands compared"
exit $fail
