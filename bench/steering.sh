#!/usr/bin/env bash
# The steering figures of BENCHMARKS.md: the generated federation of
# bench/run.sh (290 members from scale 100) on PostgreSQL, its monthly
# figures computed for 13 months through the API, then the dashboard, the
# overview, the board pack (document and PDF) and a member's monthly PDF
# timed through the API (bench/steering.py).
#
#   SAMDRIFT_BENCH_PG_URL=postgres://... bench/steering.sh [SCALE [TICKETS]]
#
# SCALE 100 has the national 290 members; TICKETS overrides its
# 1,000,000 tickets (the views read the monthly figures only, so their
# time depends on members and months, the figures job's on tickets).
set -euo pipefail
scale=${1:-100}
tickets=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
cargo build --release --quiet -p samdrift --manifest-path "$here/Cargo.toml"
bin="$target/release/samdrift"
base=${SAMDRIFT_BENCH_PG_URL:?set SAMDRIFT_BENCH_PG_URL for PostgreSQL}
name=samdrift_bench_steering_${scale}${tickets:+_$tickets}
url="${base%/*}/$name"
dir=/var/tmp/samdrift-bench/steering-$scale${tickets:+-$tickets}
mkdir -p "$dir"
if [ ! -f "$dir/loaded" ]; then
    psql "$base" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
    echo "generating scale $scale on postgres"
    "$bin" --data-dir "$dir" --database-url "$url" demo --scale "$scale" ${tickets:+--tickets "$tickets"} | tee "$dir/loaded.tmp"
    mv "$dir/loaded.tmp" "$dir/loaded"
fi
cat "$dir/loaded"
token=$("$bin" --data-dir "$dir" --database-url "$url" admin create-token --username admin)
port=${SAMDRIFT_BENCH_PORT:-18090}
"$bin" --data-dir "$dir" --database-url "$url" serve --listen "127.0.0.1:$port" > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
    sleep 0.2
done
python3 "$here/bench/steering.py" "http://127.0.0.1:$port" "$token"
