#!/usr/bin/env bash
# Starts Postfix (SMTP) and Dovecot (IMAP) from Debian's packages as the
# mail servers of the mail tests, on free loopback ports, and prints the
# variables the tests read:
#
#   eval "$(tests/mail/start.sh /tmp/mail)"   # then tests/mail/stop.sh /tmp/mail
#
# Three mail domains, ystad.example, simrishamn.example and
# tomelilla.example, with a servicedesk@ mailbox each (the desks samdrift
# reads by IMAP and sends as through submission) and a few staff
# mailboxes (anna.andersson@ystad.example, bo.berg@ystad.example,
# cecilia.carlsson@simrishamn.example, david.dahl@tomelilla.example), all
# with the password in $BASE/password. Postfix delivers to Dovecot by
# LMTP; "servicedesk+anything@..." lands in servicedesk@'s INBOX, unknown
# recipients are refused at RCPT and nothing leaves the machine. TLS
# everywhere with a certificate for 127.0.0.1 from a CA made here
# ($BASE/ca.pem). All state (queue, maildirs, logs) lives in BASE; the
# logs are $BASE/postfix.log and $BASE/dovecot.log. tests/mail/check.py
# proves it all end to end.
#
# SAMDRIFT_TEST_SMTP_PORT        SMTP as an MX: mail for the domains, no AUTH
# SAMDRIFT_TEST_SUBMISSION_PORT  submission: STARTTLS and AUTH required
# SAMDRIFT_TEST_IMAP_PORT        IMAP with STARTTLS
# SAMDRIFT_TEST_IMAPS_PORT       IMAP over TLS
# SAMDRIFT_TEST_MAIL_CA          the CA certificate
# SAMDRIFT_TEST_MAIL_PASSWORD_FILE  the mailboxes' password
# (the host is 127.0.0.1)
#
# MAIL_SMTP_PORT, MAIL_SUBMISSION_PORT, MAIL_IMAP_PORT and MAIL_IMAPS_PORT
# fix the ports (the demo's configuration, docs/examples/mail-demo.toml,
# names 2525, 2587, 2143 and 2993); unset, free ports are taken.
set -euo pipefail
base=${1:?usage: start.sh BASE}

if [ ! -x /usr/sbin/postfix ] || [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/lmtp ]; then
    echo "==> installing Postfix and Dovecot from Debian's packages" >&2
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        postfix dovecot-imapd dovecot-lmtpd openssl >/dev/null
fi
export PATH="$PATH:/usr/sbin"
id samdriftmail >/dev/null 2>&1 \
    || useradd --system --no-create-home --shell /usr/sbin/nologin samdriftmail

"$(dirname "$0")/stop.sh" "$base"   # whatever an earlier start left there
mkdir -p "$base/postfix" "$base/postfix-spool" "$base/postfix-data" "$base/dovecot" "$base/mail"
chmod 755 "$base"
chown samdriftmail:samdriftmail "$base/mail"
chown postfix "$base/postfix-data"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
smtp_port=${MAIL_SMTP_PORT:-$(free_port)}
submission_port=${MAIL_SUBMISSION_PORT:-$(free_port)}
imap_port=${MAIL_IMAP_PORT:-$(free_port)}
imaps_port=${MAIL_IMAPS_PORT:-$(free_port)}

# A CA and a certificate for 127.0.0.1 signed by it.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=samdrift test CA" \
    -keyout "$base/ca.key" -out "$base/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$base/server.key" -out "$base/server.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$base/ext.cnf"
openssl x509 -req -in "$base/server.csr" -CA "$base/ca.pem" -CAkey "$base/ca.key" \
    -CAcreateserial -days 2 -extfile "$base/ext.cnf" -out "$base/server.pem" >/dev/null 2>&1

password=$(openssl rand -hex 12)
printf '%s' "$password" >"$base/password"
chmod 600 "$base/password"
hash=$(openssl passwd -6 "$password")

domains="ystad.example simrishamn.example tomelilla.example"
mailboxes="servicedesk@ystad.example servicedesk@simrishamn.example servicedesk@tomelilla.example
anna.andersson@ystad.example bo.berg@ystad.example
cecilia.carlsson@simrishamn.example david.dahl@tomelilla.example"
uid=$(id -u samdriftmail)
gid=$(id -g samdriftmail)
for m in $mailboxes; do
    printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$m" "$hash" "$uid" "$gid" "$base/mail/${m#*@}/${m%@*}"
done >"$base/dovecot/users"
chown root:dovecot "$base/dovecot/users"
chmod 640 "$base/dovecot/users"
for m in $mailboxes; do printf '%s OK\n' "$m"; done >"$base/postfix/mailboxes"

# Dovecot: IMAP (STARTTLS and implicit TLS), LMTP for Postfix's deliveries
# and the authentication socket of Postfix's submission.
cat >"$base/dovecot/dovecot.conf" <<CONF
base_dir = $base/dovecot/run
state_dir = $base/dovecot/state
log_path = $base/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = required
ssl_cert = <$base/server.pem
ssl_key = <$base/server.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: refuse them at once, and (anvil's
# penalty socket left out below) without growing delays for 127.0.0.1.
auth_failure_delay = 0
recipient_delimiter = +
mail_location = maildir:$base/mail/%d/%n
first_valid_uid = $uid
last_valid_uid = $uid
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT username_format=%u $base/dovecot/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $base/dovecot/users
}
service imap-login {
  inet_listener imap {
    port = $imap_port
  }
  inet_listener imaps {
    port = $imaps_port
    ssl = yes
  }
}
service lmtp {
  unix_listener $base/dovecot/lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener $base/dovecot/auth {
    mode = 0600
    user = postfix
    group = postfix
  }
}
CONF

# Postfix: an MX port (mail for the domains from anyone, no relaying) and
# a submission port (STARTTLS, then AUTH through Dovecot). No DNS, no
# local delivery, and mail for any other domain bounces at once.
cat >"$base/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $base/postfix-spool
data_directory = $base/postfix-data
maillog_file = $base/postfix.log
maillog_file_prefixes = $base
myhostname = localhost
mydomain = localdomain
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtpd_peername_lookup = no
alias_maps =
alias_database =
biff = no
smtputf8_enable = no
recipient_delimiter = +
virtual_mailbox_domains = $domains
virtual_mailbox_maps = texthash:$base/postfix/mailboxes
virtual_transport = lmtp:unix:$base/dovecot/lmtp
default_transport = error:mail outside the test domains is not delivered
relay_transport = \$default_transport
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = reject_unlisted_recipient
smtpd_tls_cert_file = $base/server.pem
smtpd_tls_key_file = $base/server.key
smtpd_tls_security_level = may
CONF
cat >"$base/postfix/master.cf" <<CONF
127.0.0.1:$smtp_port inet n - n - - smtpd
127.0.0.1:$submission_port inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_sasl_type=dovecot
  -o smtpd_sasl_path=$base/dovecot/auth
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=reject_unlisted_recipient,reject_unauth_destination
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
CONF
# Postfix waits to read a configuration file until it is a few seconds
# old, in case it is still being written.
touch -d '1 minute ago' "$base/postfix/main.cf" "$base/postfix/master.cf" "$base/postfix/mailboxes"

# On failure: what went wrong, the logs' tails, and nothing left running.
fail() {
    echo "$1; the logs:" >&2
    tail -n 30 "$base/dovecot.log" "$base/postfix-start.log" "$base/postfix.log" >&2 2>/dev/null || true
    "$(dirname "$0")/stop.sh" "$base" --keep
    exit 1
}
dovecot -c "$base/dovecot/dovecot.conf" 2>>"$base/dovecot.log" || fail "Dovecot did not start"
postfix -c "$base/postfix" start >>"$base/postfix-start.log" 2>&1 || fail "Postfix did not start"

answers() {
    python3 - "$base/ca.pem" "$smtp_port" "$submission_port" "$imap_port" "$imaps_port" <<'PY' 2>"$base/answers.log"
import imaplib, smtplib, ssl, sys
ca, smtp, submission, imap, imaps = sys.argv[1], *map(int, sys.argv[2:])
tls = ssl.create_default_context(cafile=ca)
for name, port, greet in [
    ("SMTP", smtp, lambda: smtplib.SMTP("127.0.0.1", smtp, timeout=2).quit()),
    ("submission", submission, lambda: smtplib.SMTP("127.0.0.1", submission, timeout=2).quit()),
    ("IMAP", imap, lambda: imaplib.IMAP4("127.0.0.1", imap, timeout=2).logout()),
    ("IMAPS", imaps, lambda: imaplib.IMAP4_SSL("127.0.0.1", imaps, ssl_context=tls, timeout=2).logout()),
]:
    try:
        greet()
    except Exception as e:
        sys.exit(f"{name} on port {port}: {e!r}")
PY
}
deadline=$((SECONDS + 20))
while [ "$SECONDS" -lt "$deadline" ]; do
    if answers; then
        echo "export SAMDRIFT_TEST_SMTP_PORT=$smtp_port"
        echo "export SAMDRIFT_TEST_SUBMISSION_PORT=$submission_port"
        echo "export SAMDRIFT_TEST_IMAP_PORT=$imap_port"
        echo "export SAMDRIFT_TEST_IMAPS_PORT=$imaps_port"
        echo "export SAMDRIFT_TEST_MAIL_CA=$base/ca.pem"
        echo "export SAMDRIFT_TEST_MAIL_PASSWORD_FILE=$base/password"
        exit 0
    fi
    sleep 0.2
done
fail "Postfix and Dovecot did not all answer within 20 s ($(cat "$base/answers.log"))"
