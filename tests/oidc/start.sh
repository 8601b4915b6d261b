#!/usr/bin/env bash
# Starts LemonLDAP::NG's portal from Debian's packages as the OpenID
# Provider of the single sign-on tests, on a free loopback port, and prints
# the variables the tests read:
#
#   eval "$(tests/oidc/start.sh /tmp/oidc)"   # then tests/oidc/stop.sh /tmp/oidc
#   OIDC_PORT=9090 tests/oidc/start.sh /tmp/samdrift-oidc   # for the demo
#
# SAMDRIFT_TEST_OIDC_ISSUER         the issuer (discovery at /.well-known/...)
# SAMDRIFT_TEST_OIDC_SECRET_FILE    client "samdrift"'s secret
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=${1:?usage: start.sh BASE}

if [ ! -e /usr/share/lemonldap-ng/portal/htdocs/index.psgi ]; then
    echo "==> installing LemonLDAP::NG from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        lemonldap-ng lemonldap-ng-fastcgi-server libgd-securityimage-perl \
        libimage-magick-perl libstring-random-perl libio-string-perl libplack-perl \
        openssl >/dev/null
fi

rm -rf "$base"
mkdir -p "$base"
# OIDC_PORT fixes the port (the demo's configuration names 9090).
port=${OIDC_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
python3 "$here/provider.py" "$base" "$port"
owner=()
if [ "$(id -u)" = 0 ]; then
    chown -R www-data:www-data "$base"
    chmod 0644 "$base/client-secret"
    owner=(setpriv --reuid=www-data --regid=www-data --init-groups)
fi
(
    cd /usr/share/lemonldap-ng/portal/htdocs
    LLNG_DEFAULTCONFFILE="$base/lemonldap-ng.ini" exec "${owner[@]}" \
        plackup -E deployment -s HTTP::Server::PSGI --listen "127.0.0.1:$port" index.psgi
) >"$base/portal.log" 2>&1 &
echo $! >"$base/pid"

issuer="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    if python3 -c "import json,sys,urllib.request; json.load(urllib.request.urlopen(sys.argv[1]+'/.well-known/openid-configuration', timeout=2))" "$issuer" 2>/dev/null; then
        echo "export SAMDRIFT_TEST_OIDC_ISSUER=$issuer"
        echo "export SAMDRIFT_TEST_OIDC_SECRET_FILE=$base/client-secret"
        exit 0
    fi
    sleep 0.2
done
echo "LemonLDAP::NG did not start; its log:" >&2
tail -n 30 "$base/portal.log" >&2
exit 1
