#!/usr/bin/env bash
# Stops the Postfix and Dovecot tests/mail/start.sh started in BASE and
# removes BASE (--keep leaves it in place, logs and all).
base=${1:?usage: stop.sh BASE [--keep]}
running() { # pid (a zombie waiting for its parent counts as gone)
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}
stop_pid() { # pid-file process-name
    local pid
    pid=$(tr -dc 0-9 2>/dev/null <"$1")
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 0
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        running "$pid" || return 0
        sleep 0.1
    done
}
stop_pid "$base/postfix-spool/pid/master.pid" master
stop_pid "$base/dovecot/run/master.pid" dovecot
[ "${2:-}" = --keep ] || rm -rf "$base"
