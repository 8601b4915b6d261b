#!/usr/bin/env bash
# The mail figures of BENCHMARKS.md: starts Postfix and Dovecot
# (tests/mail/start.sh), then runs the mail benchmark in release against
# them (crates/samdrift-web-tests/benches/mail.rs).
#
#   bench/mail.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
base=$(mktemp -d /tmp/samdrift-bench-mail.XXXXXX)
trap '"$here/tests/mail/stop.sh" "$base"' EXIT
eval "$("$here/tests/mail/start.sh" "$base")"
cd "$here"
cargo bench --quiet -p samdrift-web-tests --bench mail
