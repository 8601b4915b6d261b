#!/usr/bin/env bash
# Checks the SCIM 2.0 server at /scim/v2 with a conformance checker.
#
#   tests/scim/run.sh [sqlite] [postgres]
#
# For each backend it starts `samdrift serve --demo` on a free loopback
# port (SQLite in a temporary directory; PostgreSQL in a fresh database on
# the server of SAMDRIFT_TEST_PG_URL), creates a SCIM token for the demo's
# member YST with `samdrift admin scim-token`, and runs `scim2 test`
# (scim2-cli, which runs scim2-tester) against it. Every check the tool
# reports as an error fails the run, except the few listed in
# tests/scim/known-failures.txt (each with why: docs/SCIM.md); a panic in
# the server's log fails it too. The reports are kept in
# $SAMDRIFT_SCIM_REPORTS (default /var/tmp/samdrift-scim-reports). Without
# arguments it runs SQLite, and PostgreSQL too when SAMDRIFT_TEST_PG_URL is
# set. The last line is `scim: N passed, N failed` (one per backend).
#
# Settings (environment):
#   SAMDRIFT_BIN          the binary (default: $CARGO_TARGET_DIR/debug/samdrift)
#   SAMDRIFT_SCIM_VENV    the Python venv for the checker (default below; made if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { printf '==> scim: %s\n' "$*"; }

BIN=${SAMDRIFT_BIN:-${CARGO_TARGET_DIR:-target}/debug/samdrift}
VENV=${SAMDRIFT_SCIM_VENV:-/var/tmp/samdrift-scim-venv}
REPORTS=${SAMDRIFT_SCIM_REPORTS:-/var/tmp/samdrift-scim-reports}
CLI_VERSION=0.6.0
TESTER_VERSION=0.5.2
KNOWN=tests/scim/known-failures.txt

if [ ! -x "$BIN" ]; then
    echo "no samdrift binary at $BIN: build it first (cargo build -p samdrift)" >&2
    exit 2
fi

have_cli=$("$VENV/bin/pip" show scim2-cli 2>/dev/null || true)
have_tester=$("$VENV/bin/pip" show scim2-tester 2>/dev/null || true)
if [[ "$have_cli" != *"Version: $CLI_VERSION"* || "$have_tester" != *"Version: $TESTER_VERSION"* ]]; then
    log "installing scim2-cli $CLI_VERSION and scim2-tester $TESTER_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "scim2-cli==$CLI_VERSION" "scim2-tester==$TESTER_VERSION"
fi
mkdir -p "$REPORTS"

source tests/lib/demo_server.sh
trap demo_server_cleanup EXIT

# The errors of a report that are not known failures, one a line
# (`check: message`), and a summary line on stderr.
judge() {
    python3 - "$1" "$KNOWN" <<'PY'
import re, sys
report, known_file = sys.argv[1], sys.argv[2]
known = []
for line in open(known_file, encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#"):
        check, _, pattern = line.partition(" ")
        known.append((check, pattern.strip()))
results, current = [], None
for line in open(report, encoding="utf-8", errors="replace"):
    m = re.match(r"^(SUCCESS|ERROR|CRITICAL|WARNING)\s+(\S+)", line)
    if m:
        current = [m.group(1), m.group(2), ""]
        results.append(current)
    elif current is not None and line.startswith("  ") and not current[2]:
        current[2] = line.strip()
ok = sum(1 for r in results if r[0] == "SUCCESS")
bad = [r for r in results if r[0] in ("ERROR", "CRITICAL")]
real = [r for r in bad if not any(r[1] == c and p in r[2] for c, p in known)]
print(f"{ok} checks passed, {len(bad)} failed ({len(bad) - len(real)} known)", file=sys.stderr)
for r in real:
    print(f"{r[1]}: {r[2]}")
if not results:
    print("the checker reported nothing")
PY
}

# Runs the checker on one backend; returns non-zero on any real failure.
check() {
    local backend=$1 token status=0 report real
    start_demo_server "$backend" scim || return 1
    token=$("$BIN" admin scim-token "${DB_ARGS[@]}" --member YST --name conformance | tail -n 1)
    report="$REPORTS/scim-$backend.txt"
    log "$backend: scim2 test (report: $report)"
    # The token goes in the environment, not on the command line.
    SCIM_CLI_HEADERS="Authorization: Bearer $token" timeout 600 \
        "$VENV/bin/scim2" --url "$BASE/scim/v2" test >"$report" 2>&1 || true
    real=$(judge "$report") || status=1
    if [ -n "$real" ]; then
        echo "$backend: failures not known to docs/SCIM.md:" >&2
        echo "$real" >&2
        status=1
    fi
    if grep -n 'panicked' "$WORK/server.log" >&2; then
        echo "$backend: the server panicked (above)" >&2
        status=1
    fi
    if [ "$status" != 0 ]; then
        grep -E 'ERROR|WARN' "$WORK/server.log" | tail -n 20 >&2 || true
    fi
    demo_server_cleanup
    return "$status"
}

run_each_backend scim check "$@"
