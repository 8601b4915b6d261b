#!/usr/bin/env bash
# The benchmark run behind BENCHMARKS.md: builds the release binaries,
# generates (once) a federation at the given scale, starts the server on
# loopback and drives it with the load generator.
#
#   bench/run.sh SCALE [sqlite|postgres] [loadgen flags...]
#
# SCALE 10 is 100,000 tickets, 100 is 1,000,000. PostgreSQL needs
# SAMDRIFT_BENCH_PG_URL (a server URL whose user may create databases).
# SAMDRIFT_BENCH_NODES=2 starts two servers on the same database and
# spreads the load over both (PostgreSQL); peak RSS is the first node's,
# the server CPU per request that of all nodes together.
# Databases are kept under /var/tmp/samdrift-bench (SQLite) or as
# samdrift_bench_SCALE (PostgreSQL), so a second run skips the generation.
set -euo pipefail
scale=${1:?usage: bench/run.sh SCALE [sqlite|postgres] [loadgen flags...]}
backend=${2:-sqlite}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
cargo build --release --quiet -p samdrift -p samdrift-loadgen --manifest-path "$here/Cargo.toml"
bin="$target/release/samdrift"
dir=/var/tmp/samdrift-bench/$backend-$scale
mkdir -p "$dir"
if [ "$backend" = postgres ]; then
    base=${SAMDRIFT_BENCH_PG_URL:?set SAMDRIFT_BENCH_PG_URL for PostgreSQL}
    url="${base%/*}/samdrift_bench_$scale"
    if [ ! -f "$dir/loaded" ]; then
        psql "$base" -qc "DROP DATABASE IF EXISTS samdrift_bench_$scale" -c "CREATE DATABASE samdrift_bench_$scale"
    fi
else
    url="sqlite://$dir/samdrift.db"
fi
if [ ! -f "$dir/loaded" ]; then
    echo "generating scale $scale on $backend"
    "$bin" --data-dir "$dir" --database-url "$url" demo --scale "$scale" | tee "$dir/loaded.tmp"
    mv "$dir/loaded.tmp" "$dir/loaded"
fi
cat "$dir/loaded"
token=$("$bin" --data-dir "$dir" --database-url "$url" admin create-token --username agent)
# The list shapes of member roles: the demo's orderer of Ystad (sees the
# whole member) and its end user (sees their own tickets).
role_tokens=()
for role in orderer:yst.orderer user:yst.user; do
    if t=$("$bin" --data-dir "$dir" --database-url "$url" admin create-token --username "${role#*:}" 2>/dev/null); then
        role_tokens+=("--${role%%:*}-token" "$t")
    fi
done
port=${SAMDRIFT_BENCH_PORT:-18080}
nodes=${SAMDRIFT_BENCH_NODES:-1}
pids=()
bases=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for n in $(seq 0 $((nodes - 1))); do
    p=$((port + n))
    "$bin" --data-dir "$dir" --database-url "$url" serve --listen "127.0.0.1:$p" >"$dir/server-$n.log" 2>&1 &
    pids+=($!)
    bases+=("http://127.0.0.1:$p")
    for _ in $(seq 1 600); do
        curl -fs "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break
        sleep 0.1
    done
done
pid=${pids[0]}
echo "$nodes node(s), first server pid $pid, RSS at start $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MiB"
"$target/release/samdrift-loadgen" --base "$(IFS=,; echo "${bases[*]}")" --token "$token" \
    --pid "$(IFS=,; echo "${pids[*]}")" "${role_tokens[@]}" \
    --label "$backend, scale $scale, $nodes node(s)" "$@"
