#!/usr/bin/env bash
# Stops the slapd tests/ldap/start.sh started in BASE and removes BASE.
base=${1:?usage: stop.sh BASE}
if [ -f "$base/slapd.pid" ]; then
    kill "$(cat "$base/slapd.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$(cat "$base/slapd.pid" 2>/dev/null)" 2>/dev/null || break
        sleep 0.1
    done
fi
rm -rf "$base"
