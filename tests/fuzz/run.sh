#!/usr/bin/env bash
# Checks the served OpenAPI document and fuzzes the API against it.
#
#   tests/fuzz/run.sh [sqlite] [postgres]
#
# For each backend it starts `samdrift serve --demo` on a free loopback
# port (SQLite in a temporary directory; PostgreSQL in a fresh database on
# the server of SAMDRIFT_TEST_PG_URL), creates an API token for `admin`,
# validates the document with openapi-spec-validator, and runs schemathesis
# against the server for a bounded number of examples per operation. It
# fails on any 5xx, any answer whose status, content type or body the
# document does not allow, any problem with the document, and any panic in
# the server's log. Without arguments it runs SQLite, and PostgreSQL too when
# SAMDRIFT_TEST_PG_URL is set. The last line is `fuzz: N passed, N failed`
# (one per backend).
#
# Settings (environment):
#   SAMDRIFT_BIN            the binary (default: $CARGO_TARGET_DIR/debug/samdrift)
#   SAMDRIFT_FUZZ_VENV      the Python venv for the tools (default below; made if missing)
#   SAMDRIFT_FUZZ_EXAMPLES  examples per operation and phase (default 12)
#   SAMDRIFT_FUZZ_SEED      the seed (default: fixed, and the run deterministic, so CI
#                           repeats itself); `random` explores new inputs every run
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { printf '==> fuzz: %s\n' "$*"; }

BIN=${SAMDRIFT_BIN:-${CARGO_TARGET_DIR:-target}/debug/samdrift}
VENV=${SAMDRIFT_FUZZ_VENV:-/var/tmp/samdrift-fuzz-venv}
EXAMPLES=${SAMDRIFT_FUZZ_EXAMPLES:-12}
SEED=${SAMDRIFT_FUZZ_SEED:-20270301}
SCHEMATHESIS_VERSION=4.32.5
VALIDATOR_VERSION=0.9.0

if [ ! -x "$BIN" ]; then
    echo "no samdrift binary at $BIN: build it first (cargo build -p samdrift)" >&2
    exit 2
fi

have_st=$("$VENV/bin/schemathesis" --version 2>/dev/null || true)
have_validator=$("$VENV/bin/pip" show openapi-spec-validator 2>/dev/null || true)
if [[ "$have_st" != *"version $SCHEMATHESIS_VERSION"* || "$have_validator" != *"Version: $VALIDATOR_VERSION"* ]]; then
    log "installing schemathesis $SCHEMATHESIS_VERSION and openapi-spec-validator $VALIDATOR_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "schemathesis==$SCHEMATHESIS_VERSION" "openapi-spec-validator==$VALIDATOR_VERSION"
fi

# The checks every answer must pass. Each is about the document and the
# server agreeing; none needs the fuzzer to guess the federation's data.
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance

source tests/lib/demo_server.sh
trap demo_server_cleanup EXIT

# Runs the checks on one backend; returns non-zero on any failure.
fuzz() {
    local backend=$1 token status=0
    start_demo_server "$backend" fuzz || return 1
    token=$("$BIN" admin create-token "${DB_ARGS[@]}" --username admin | tail -n 1)
    # Demo logins that make the records the admin cannot: a service request
    # (a person's) and an order (the member's orderer's).
    user_token=$("$BIN" admin create-token "${DB_ARGS[@]}" --username yst.user | tail -n 1)
    orderer_token=$("$BIN" admin create-token "${DB_ARGS[@]}" --username yst.orderer | tail -n 1)

    curl -fsS "$BASE/api/v1/openapi.json" -o "$WORK/openapi.json"
    log "$backend: openapi-spec-validator"
    "$VENV/bin/openapi-spec-validator" "$WORK/openapi.json" || status=1

    "$VENV/bin/python" tests/fuzz/test_data.py "$BASE" "$token" "$user_token" "$orderer_token" "$WORK/schemathesis.toml" || return 1

    local seeding=(--seed "$SEED" --generation-deterministic)
    [ "$SEED" = random ] && seeding=()
    log "$backend: schemathesis ($EXAMPLES examples per operation and phase, seed $SEED)"
    # Phases: examples (from the document), coverage (boundaries and each
    # constraint broken on purpose) and fuzzing (random values within and
    # outside the schemas). The stateful phase needs links between
    # operations, which the document does not declare.
    # Run from the work directory: schemathesis keeps its cache in the
    # current directory, and that belongs to this run only. The health
    # checks suppressed are about how fast hypothesis draws data (patterns
    # for codes and dates filter many draws), not about the API. No check
    # and no operation is excluded.
    # One worker: with two, hypothesis' shared cache of lambda sources is
    # read and written from two threads and now and then fails inside the
    # tool (a KeyError in hypothesis.internal.lambda_sources, reported as a
    # "Runtime Error" of whichever operation was being generated), which
    # says nothing about the API.
    (cd "$WORK" && "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$WORK/openapi.json" \
        --url "$BASE" \
        --header "Authorization: Bearer $token" \
        --checks "$CHECKS" \
        --phases examples,coverage,fuzzing \
        --max-examples "$EXAMPLES" \
        "${seeding[@]}" \
        --workers 1 \
        --request-timeout 30 \
        --suppress-health-check too_slow,filter_too_much,data_too_large \
        --no-color \
        --report junit --report-junit-path "$WORK/junit.xml") ||
        status=1

    if grep -n 'panicked' "$WORK/server.log" >&2; then
        echo "$backend: the server panicked (above)" >&2
        status=1
    fi
    if [ "$status" != 0 ]; then
        echo "$backend: the server's errors (incident ids match the answers above):" >&2
        grep -E 'ERROR|WARN' "$WORK/server.log" | tail -n 20 >&2 || true
    fi
    demo_server_cleanup
    return "$status"
}

run_each_backend fuzz fuzz "$@"
