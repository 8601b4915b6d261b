#!/usr/bin/env bash
# SCIM at 1,000,000 people (BENCHMARKS.md): builds the release binaries,
# makes (once) a SQLite database with the demo federation and PEOPLE
# provisioned people in the member Ystad (direct SQL inserts with the
# sqlite3 command line, one statement), shows the database's plan of the
# lookup, starts the server on loopback and measures
# GET /scim/v2/Users?filter=userName eq "..." with the load generator.
#
#   bench/scim.sh [PEOPLE] [loadgen flags...]
#
# PEOPLE defaults to 1000000. The database is kept under
# /var/tmp/samdrift-bench/scim-PEOPLE, so a second run skips the filling.
# Needs sqlite3 (Debian: apt-get install sqlite3).
set -euo pipefail
people=${1:-1000000}
shift $(( $# >= 1 ? 1 : 0 ))
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
cargo build --release --quiet -p samdrift -p samdrift-loadgen --manifest-path "$here/Cargo.toml"
bin="$target/release/samdrift"
dir=/var/tmp/samdrift-bench/scim-$people
db="$dir/samdrift.db"
mkdir -p "$dir"
if [ ! -f "$dir/loaded" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    "$bin" --data-dir "$dir" --database-url "sqlite://$db" demo >/dev/null
    echo "filling $people people into YST"
    start=$(date +%s)
    # Ids are 16 bytes in creation order (the ASCII of `sc` and the number
    # in hexadecimal); e-mails lower case, as the SCIM use cases keep them.
    sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -262144;
BEGIN;
INSERT INTO people (member_id, id, name, email, kind, version, source, source_key, title,
    scim_given_name, scim_family_name, scim_display_name, scim_emails, scim_email,
    scim_created_at, scim_modified_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $people - 1)
SELECT m.id,
    CAST(printf('sc%014x', i) AS BLOB),
    'Person ' || i, 'p' || i || '@bench.example', 'employee', 1, 'scim', 'ext-' || i, 'Handläggare',
    'Person', 'Nr ' || i, 'Person ' || i,
    '[{"value":"p' || i || '@bench.example","type":"work","primary":true}]', 'p' || i || '@bench.example',
    1767225600000000 + i, 1767225600000000 + i
FROM n, (SELECT id FROM members WHERE code = 'YST') m;
COMMIT;
SQL
    echo "filled in $(( $(date +%s) - start )) s"
    touch "$dir/loaded"
fi
echo "the database's plan of the lookup:"
sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT p.id FROM people p WHERE p.member_id = (SELECT id FROM members WHERE code = 'YST') AND p.source = 'scim' AND p.scim_deleted_at IS NULL AND (p.email IS NOT NULL AND p.email = 'p1@bench.example') ORDER BY p.id LIMIT 100 OFFSET 0"
token=$("$bin" --data-dir "$dir" --database-url "sqlite://$db" admin create-token --username agent)
scim=$("$bin" --data-dir "$dir" --database-url "sqlite://$db" admin scim-token --member YST --name bench)
port=${SAMDRIFT_BENCH_PORT:-18090}
"$bin" --data-dir "$dir" --database-url "sqlite://$db" serve --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
last=$((people - 1))
curl -fsS -H "Authorization: Bearer $scim" \
    "http://127.0.0.1:$port/scim/v2/Users?filter=userName%20eq%20%22P$last%40Bench.example%22" |
    python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["totalResults"] == 1, d; print("found", d["Resources"][0]["userName"])'
"$target/release/samdrift-loadgen" --base "http://127.0.0.1:$port" --token "$token" \
    --scim-token "$scim" --scim-users "$people" --only scim --pid "$pid" \
    --label "sqlite, $people people" "$@"
