#!/usr/bin/env bash
# The inventory figures of BENCHMARKS.md: the generated federation of
# bench/run.sh (290 members from scale 100, few tickets: the inventory
# does not read them) on PostgreSQL, 100,000 configuration items imported
# through the API, compliance, diversity, overlaps, lists and impact timed
# (bench/inventory.py), then inventory agents reporting one at a time and
# 50 at once (the load generator's agents scenario, with the inventory a
# real fusioninventory-agent sent).
#
#   SAMDRIFT_BENCH_PG_URL=postgres://... bench/inventory.sh [ITEMS]
set -euo pipefail
items=${1:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
cargo build --release --quiet -p samdrift -p samdrift-loadgen --manifest-path "$here/Cargo.toml"
bin="$target/release/samdrift"
base=${SAMDRIFT_BENCH_PG_URL:?set SAMDRIFT_BENCH_PG_URL for PostgreSQL}
name=samdrift_bench_inventory
url="${base%/*}/$name"
dir=/var/tmp/samdrift-bench/inventory
mkdir -p "$dir"
if [ ! -f "$dir/loaded" ]; then
    psql "$base" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
    echo "generating scale 100 (290 members) on postgres"
    "$bin" --data-dir "$dir" --database-url "$url" demo --scale 100 --tickets 2000 | tee "$dir/loaded.tmp"
    mv "$dir/loaded.tmp" "$dir/loaded"
fi
token=$("$bin" --data-dir "$dir" --database-url "$url" admin create-token --username admin)
agent=$("$bin" --data-dir "$dir" --database-url "$url" admin create-token --username agent)
port=${SAMDRIFT_BENCH_PORT:-18091}
"$bin" --data-dir "$dir" --database-url "$url" serve --listen "127.0.0.1:$port" > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
    sleep 0.2
done
python3 "$here/bench/inventory.py" "http://127.0.0.1:$port" "$token" "$dir/agent-keys" "$items"
"$target/release/samdrift-loadgen" --base "http://127.0.0.1:$port" --token "$agent" --pid "$server" \
    --only agents --agent-keys "$dir/agent-keys" \
    --agent-inventory "$here/crates/samdrift-integrations/tests/fixtures/agent/inventory.xml" --label inventory
# The server applies what the agents sent from its inbox and logs how
# long each took: wait for the last, then the percentiles.
for _ in $(seq 1 600); do
    curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/inventory/agent-inbox" | grep -q '"waiting":0' && break
    sleep 0.5
done
python3 - "$dir/server.log" <<'PY'
import re, sys
log = re.sub(r"\x1b\[[0-9;]*m", "", open(sys.argv[1]).read())
ms = sorted(float(m) for m in re.findall(r"apply_ms=([0-9.]+)", log))
pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
print(f"agent inventories applied from the inbox: {len(ms)}; server time p50 {pick(0.5):.1f} ms, p95 {pick(0.95):.1f} ms, p99 {pick(0.99):.1f} ms, max {ms[-1]:.1f} ms")
PY
