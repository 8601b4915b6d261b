#!/usr/bin/env bash
# Runs every test of samdrift on SQLite and on PostgreSQL, plus the format
# and lint checks. Without SAMDRIFT_TEST_PG_URL it starts a throwaway
# PostgreSQL cluster on a free loopback port (installing Debian's
# postgresql first if it is missing) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*"; }

# What to stop when the tests end, last started first.
CLEANUP=()
cleanup() {
    local i
    for ((i = ${#CLEANUP[@]} - 1; i >= 0; i--)); do eval "${CLEANUP[i]}" || true; done
}
trap cleanup EXIT

start_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$bin" ]; then
        log "installing PostgreSQL from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    PG_TMP=$(mktemp -d /tmp/samdrift-pg.XXXXXX)
    chown postgres "$PG_TMP"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local as_pg=()
    [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$bin/initdb" -D "$PG_TMP/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    "${as_pg[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
        -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    PG_STOP=("${as_pg[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -m fast stop)
    CLEANUP+=('log "stopping PostgreSQL"; "${PG_STOP[@]}" >/dev/null 2>&1; rm -rf "$PG_TMP"')
    export SAMDRIFT_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
}

# The OpenID Provider of the single sign-on tests: LemonLDAP::NG from
# Debian's packages (tests/oidc/start.sh installs it when missing).
start_oidc() {
    OIDC_TMP=$(mktemp -d /tmp/samdrift-oidc.XXXXXX)
    local exports
    exports=$(tests/oidc/start.sh "$OIDC_TMP")
    eval "$exports"
    CLEANUP+=('log "stopping LemonLDAP::NG"; tests/oidc/stop.sh "$OIDC_TMP"')
    log "LemonLDAP::NG $(dpkg-query -W -f='${Version}' lemonldap-ng 2>/dev/null) at $SAMDRIFT_TEST_OIDC_ISSUER"
}

# The directories of the directory-read tests: OpenLDAP's slapd from
# Debian's packages (tests/ldap/start.sh installs it when missing).
start_ldap() {
    LDAP_TMP=$(mktemp -d /tmp/samdrift-ldap.XXXXXX)
    local exports
    exports=$(tests/ldap/start.sh "$LDAP_TMP")
    eval "$exports"
    CLEANUP+=('log "stopping slapd"; tests/ldap/stop.sh "$LDAP_TMP"')
    log "slapd $(dpkg-query -W -f='${Version}' slapd 2>/dev/null) at $SAMDRIFT_TEST_LDAP_URL (StartTLS) and $SAMDRIFT_TEST_LDAPS_URL"
}

# The mail servers of the mail tests: Postfix and Dovecot from Debian's
# packages (tests/mail/start.sh installs them when missing), checked end to
# end at once so that a broken setup fails here and not in the tests.
start_mail() {
    MAIL_TMP=$(mktemp -d /tmp/samdrift-mail.XXXXXX)
    local exports
    exports=$(tests/mail/start.sh "$MAIL_TMP")
    eval "$exports"
    CLEANUP+=('log "stopping Postfix and Dovecot"; tests/mail/stop.sh "$MAIL_TMP"')
    log "Postfix $(dpkg-query -W -f='${Version}' postfix 2>/dev/null) and Dovecot $(dpkg-query -W -f='${Version}' dovecot-core 2>/dev/null):" \
        "SMTP $SAMDRIFT_TEST_SMTP_PORT, submission $SAMDRIFT_TEST_SUBMISSION_PORT, IMAP $SAMDRIFT_TEST_IMAP_PORT, IMAPS $SAMDRIFT_TEST_IMAPS_PORT"
    python3 tests/mail/check.py
}

if [ -z "${SAMDRIFT_TEST_PG_URL:-}" ]; then
    start_postgres
fi
export SAMDRIFT_REQUIRE_PG=1
if [ -z "${SAMDRIFT_TEST_OIDC_ISSUER:-}" ]; then
    start_oidc
fi
export SAMDRIFT_REQUIRE_OIDC=1
if [ -z "${SAMDRIFT_TEST_LDAP_URL:-}" ]; then
    start_ldap
fi
export SAMDRIFT_REQUIRE_LDAP=1
if [ -z "${SAMDRIFT_TEST_SMTP_PORT:-}" ]; then
    start_mail
fi
export SAMDRIFT_REQUIRE_MAIL=1

log "cargo fmt --check"
cargo fmt --all -- --check
log "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
log "no function in app or web over 100 lines"
python3 tests/lint/function_length.py

# The report tests read their PDFs back with pdftotext.
if ! command -v pdftotext >/dev/null; then
    log "installing poppler-utils from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi
# The inventory tests run Debian's fusioninventory-agent against the router.
if ! command -v fusioninventory-agent >/dev/null; then
    log "installing fusioninventory-agent from Debian's packages"
    bash tests/inventory/install-agent.sh
fi
log "cargo test (SQLite and PostgreSQL)"
results=$(mktemp)
cargo test --workspace --locked 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
passed=$(awk '/^test result:/ {for (i = 1; i <= NF; i++) if ($(i+1) ~ /^passed/) s += $i} END {print s + 0}' "$results")
failed=$(awk '/^test result:/ {for (i = 1; i <= NF; i++) if ($(i+1) ~ /^failed/) s += $i} END {print s + 0}' "$results")
rm -f "$results"

if [ "$status" = 0 ]; then
    log "browser tests (Debian's Chromium, Playwright, axe-core)"
    if [ ! -x /usr/bin/chromium ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
    browser_results=$(mktemp)
    set +e
    (cd tests/browser && SAMDRIFT_BIN="${CARGO_TARGET_DIR:-$PWD/../../target}/debug/samdrift" \
        timeout 1500 node --test --test-concurrency=1 --test-timeout=120000 ./*.test.mjs) 2>&1 | tee "$browser_results"
    status=${PIPESTATUS[0]}
    set -e
    passed=$((passed + $(awk '/^# pass/ {print $3}' "$browser_results" | tail -n 1)))
    failed=$((failed + $(awk '/^# fail/ {print $3}' "$browser_results" | tail -n 1)))
    rm -f "$browser_results"
fi

# Runs SCRIPT (sqlite and postgres) against the real server when all went
# well so far, and counts one pass or fail per backend from its summary
# line ("NAME: P passed, F failed"); a run that ended before that line
# counts as one failure.
server_check() {
    local title=$1 name=$2 limit=$3 script=$4 results got_passed got_failed
    [ "$status" = 0 ] || return 0
    log "$title"
    results=$(mktemp)
    set +e
    SAMDRIFT_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/samdrift" \
        timeout "$limit" "$script" sqlite postgres 2>&1 | tee "$results"
    status=${PIPESTATUS[0]}
    set -e
    got_passed=$(awk -v n="$name:" '$1 == n && $3 == "passed," {print $2}' "$results" | tail -n 1)
    got_failed=$(awk -v n="$name:" '$1 == n && $3 == "passed," {print $4}' "$results" | tail -n 1)
    if [ -z "$got_failed" ] && [ "$status" != 0 ]; then
        got_failed=1
    fi
    passed=$((passed + ${got_passed:-0}))
    failed=$((failed + ${got_failed:-0}))
    rm -f "$results"
}

server_check "API fuzzing against the OpenAPI document (schemathesis; SQLite and PostgreSQL)" \
    fuzz 1200 tests/fuzz/run.sh
server_check "SCIM conformance (scim2-tester; SQLite and PostgreSQL)" \
    scim 900 tests/scim/run.sh

echo "tests: $passed passed, $failed failed"
exit "$status"
