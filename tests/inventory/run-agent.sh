#!/usr/bin/env bash
# Runs Debian's fusioninventory-agent once, in the foreground, inventory
# task only, against a samdrift server:
#
#   tests/inventory/run-agent.sh URL USER PASSWORD STATE_DIR
#
# URL is the agent endpoint (http://127.0.0.1:PORT/...). STATE_DIR keeps
# the agent's state, its DEVICEID first, so a second run with the same
# directory reports as the same machine. The system configuration
# (/etc/fusioninventory) is not read. The agent logs to stderr; this
# script exits non-zero when the agent logged an error (it exits 0 itself
# when the server refused or could not be reached).
set -euo pipefail

if [ "$#" -ne 4 ]; then
    echo "usage: $0 URL USER PASSWORD STATE_DIR" >&2
    exit 2
fi
url=$1 user=$2 password=$3 state_dir=$4

agent=$(command -v fusioninventory-agent || true)
if [ -z "$agent" ]; then
    echo "run-agent.sh: fusioninventory-agent is missing; run tests/inventory/install-agent.sh" >&2
    exit 1
fi
mkdir -p "$state_dir"
state_dir=$(cd "$state_dir" && pwd)
log=$(mktemp)
# The agent copies its command line into the inventory it sends
# (VERSIONPROVIDER/PERL_ARGS), so the server and credentials go in a
# configuration file, readable by root only, rather than in arguments.
conf=$(mktemp "$state_dir/agent.cfg.XXXXXX")
trap 'rm -f "$log" "$conf"' EXIT
chmod 600 "$conf"
for value in "$url" "$user" "$password"; do
    case $value in
        *$'\n'* | *$'\r'*) echo "run-agent.sh: URL, USER and PASSWORD must be one line each" >&2; exit 2 ;;
    esac
done
printf 'server = "%s"\nuser = "%s"\npassword = "%s"\n' "$url" "$user" "$password" >"$conf"

# The agent takes its state directory from its setup module, not from an
# option: set it, then run the agent's own script in the same interpreter.
status=0
AGENT_STATE_DIR=$state_dir AGENT_SCRIPT=$agent perl -e '
    use lib "/usr/share/fusioninventory/lib";
    use setup;
    $setup{vardir} = $ENV{AGENT_STATE_DIR};
    $0 = $ENV{AGENT_SCRIPT};
    do $ENV{AGENT_SCRIPT};
    die $@ if $@;
    exit 1;
' -- \
    --conf-file="$conf" \
    --tasks=inventory \
    --force \
    --no-httpd \
    --no-fork \
    --logger=stderr \
    --debug \
    --no-category=environment,process,local_user,local_group \
    --backend-collect-timeout=60 \
    --timeout=30 \
    2>"$log" || status=$?

cat "$log" >&2
if [ "$status" -ne 0 ]; then
    echo "run-agent.sh: the agent exited with $status" >&2
    exit "$status"
fi
if grep -q '^\[error\]' "$log"; then
    echo "run-agent.sh: the agent reported an error" >&2
    exit 1
fi
if ! grep -q 'running task Inventory' "$log"; then
    echo "run-agent.sh: the agent did not run its inventory" >&2
    exit 1
fi
