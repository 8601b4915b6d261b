#!/usr/bin/env bash
# Installs Debian's fusioninventory-agent when it is missing, without
# starting its service: the inventory tests run the agent once, in the
# foreground, through run-agent.sh. Safe to run again.
set -euo pipefail

if command -v fusioninventory-agent >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-agent.sh: needs root to install fusioninventory-agent" >&2
    exit 1
fi

# Keep maintainer scripts from starting the daemon (no systemd here either).
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
fi
cleanup() {
    if [ "$own_policy" = 1 ]; then rm -f "$policy"; fi
}
trap cleanup EXIT

log=$(mktemp)
if ! { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        fusioninventory-agent; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"

# Should something have started it anyway, stop it: only run-agent.sh runs it.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now fusioninventory-agent >/dev/null 2>&1 || true
elif [ -x /etc/init.d/fusioninventory-agent ]; then
    /etc/init.d/fusioninventory-agent stop >/dev/null 2>&1 || true
fi

command -v fusioninventory-agent >/dev/null
