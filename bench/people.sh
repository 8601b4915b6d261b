#!/usr/bin/env bash
# Delivering people at scale: a full HR delivery of N people (default
# 100,000) to the demo member Ystad on SQLite, applied from the command
# line; then the same file again (nothing changes) and one with 1 % of the
# people moved, 0.5 % gone and 0.5 % new. Prints the wall time of each.
#
#   bench/people.sh [N]
set -euo pipefail
n=${1:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
cargo build --release --quiet -p samdrift --manifest-path "$here/Cargo.toml"
bin="$target/release/samdrift"
dir=$(mktemp -d /var/tmp/samdrift-people.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$bin" --data-dir "$dir" demo >/dev/null 2>&1
python3 "$here/bench/people_file.py" "$n" 0 > "$dir/first.csv"
python3 "$here/bench/people_file.py" "$n" 1 > "$dir/changed.csv"
run() {
    local label=$1 file=$2
    local start end
    start=$(date +%s.%N)
    "$bin" --data-dir "$dir" people deliver --member YST --source hr --full --apply --confirm "$file" >"$dir/out.txt"
    end=$(date +%s.%N)
    printf '| %s | %.1f s | %s |\n' "$label" "$(echo "$end - $start" | bc)" "$(grep '^joiners' "$dir/out.txt" | tail -n 1 | sed 's/, held by the other source [0-9]*//')"
}
echo "| delivery of $n people (SQLite) | wall time | result |"
echo "|---|---|---|"
run "first (everyone joins)" "$dir/first.csv"
run "the same file again" "$dir/first.csv"
run "1 % moved, 0.5 % gone, 0.5 % new" "$dir/changed.csv"
