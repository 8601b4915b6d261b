#!/usr/bin/env bash
# Stops the portal tests/oidc/start.sh started in BASE and removes BASE.
base=${1:?usage: stop.sh BASE}
if [ -f "$base/pid" ]; then
    pkill -P "$(cat "$base/pid")" 2>/dev/null || true
    kill "$(cat "$base/pid")" 2>/dev/null || true
fi
rm -rf "$base"
