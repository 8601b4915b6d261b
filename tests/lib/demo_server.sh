# Starts `samdrift serve --demo` on a fresh database for a test script that
# talks to the real server (tests/fuzz/run.sh, tests/scim/run.sh), and
# cleans up after it. Source it, then `trap demo_server_cleanup EXIT`.
#
#   start_demo_server sqlite|postgres NAME   # sets WORK, DB_ARGS, BASE
#
# NAME prefixes the work directory and the PostgreSQL database. Needs
# $BIN (the samdrift binary) and a `log` function; for postgres,
# SAMDRIFT_TEST_PG_URL (a server it may create a database on).

SERVER_PID=
WORK=
PG_DB=
DB_ARGS=()
BASE=

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

demo_server_cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
    if [ -n "$PG_DB" ]; then
        psql "$SAMDRIFT_TEST_PG_URL" -q -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
        PG_DB=
    fi
    if [ -n "$WORK" ]; then
        rm -rf "$WORK"
        WORK=
    fi
}

# Returns non-zero (having said why) when the server cannot start.
start_demo_server() {
    local backend=$1 name=$2 port
    WORK=$(mktemp -d "/var/tmp/samdrift-$name.XXXXXX")
    case "$backend" in
    sqlite)
        DB_ARGS=(--data-dir "$WORK/data")
        ;;
    postgres)
        if [ -z "${SAMDRIFT_TEST_PG_URL:-}" ]; then
            echo "postgres: set SAMDRIFT_TEST_PG_URL to a server this script may create a database on" >&2
            return 1
        fi
        PG_DB="samdrift_${name}_$$_$RANDOM"
        psql "$SAMDRIFT_TEST_PG_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DB" >/dev/null
        # The same server and credentials, the fresh database.
        local url=${SAMDRIFT_TEST_PG_URL%%\?*}
        DB_ARGS=(--database-url "${url%/*}/$PG_DB")
        ;;
    *)
        echo "unknown backend '$backend' (sqlite or postgres)" >&2
        return 1
        ;;
    esac
    port=$(free_port)
    BASE="http://127.0.0.1:$port"
    log "$backend: samdrift serve --demo on $BASE"
    RUST_LOG=${RUST_LOG:-warn} "$BIN" serve "${DB_ARGS[@]}" --listen "127.0.0.1:$port" --demo \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    local waited=0
    until curl -fsS "$BASE/readyz" >/dev/null 2>&1; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$waited" -ge 120 ]; then
            echo "$backend: the server did not start:" >&2
            tail -n 30 "$WORK/server.log" >&2
            return 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
}

# Runs FUNCTION for each backend named (default: sqlite, and postgres when
# SAMDRIFT_TEST_PG_URL is set), prints "NAME: P passed, F failed" (what
# test.sh counts) and fails when any backend failed.
run_each_backend() {
    local name=$1 check=$2 backend passed=0 failed=0
    shift 2
    local backends=("$@")
    if [ ${#backends[@]} -eq 0 ]; then
        backends=(sqlite)
        [ -n "${SAMDRIFT_TEST_PG_URL:-}" ] && backends+=(postgres)
    fi
    for backend in "${backends[@]}"; do
        if "$check" "$backend"; then
            log "$backend: passed"
            passed=$((passed + 1))
        else
            log "$backend: FAILED"
            failed=$((failed + 1))
        fi
    done
    echo "$name: $passed passed, $failed failed"
    [ "$failed" = 0 ]
}
