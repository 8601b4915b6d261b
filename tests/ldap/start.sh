#!/usr/bin/env bash
# Starts OpenLDAP's slapd from Debian's packages as the directories of the
# directory-sync tests, on free loopback ports, and prints the variables the
# tests read:
#
#   eval "$(tests/ldap/start.sh /tmp/ldap)"   # then tests/ldap/stop.sh /tmp/ldap
#
# Two directories, each readable only by its service account
# (cn=svc-samdrift,<suffix>, password in $BASE/bind-password):
#   dc=ystad,dc=example       shaped as Active Directory (Debian's msuser
#                             schema: sAMAccountName, userPrincipalName,
#                             employeeID, memberOf)
#   dc=simrishamn,dc=example  shaped as OpenLDAP (inetOrgPerson with uid and
#                             employeeNumber, groupOfNames with member)
# TLS on both: StartTLS on the ldap:// port and LDAPS on its own, with a
# certificate for 127.0.0.1 from a CA made here ($BASE/ca.pem).
#
# SAMDRIFT_TEST_LDAP_URL       ldap://127.0.0.1:PORT  (StartTLS)
# SAMDRIFT_TEST_LDAPS_URL      ldaps://127.0.0.1:PORT
# SAMDRIFT_TEST_LDAP_CA        the CA certificate
# SAMDRIFT_TEST_LDAP_PASSWORD_FILE  the service accounts' password
set -euo pipefail
base=${1:?usage: start.sh BASE}

if ! command -v slapd >/dev/null && [ ! -x /usr/sbin/slapd ]; then
    echo "==> installing OpenLDAP from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        slapd ldap-utils openssl >/dev/null
fi
export PATH="$PATH:/usr/sbin"

rm -rf "$base"
mkdir -p "$base/slapd.d" "$base/ystad" "$base/simrishamn"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
tls_port=$(free_port)

# A CA and a certificate for 127.0.0.1 signed by it.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=samdrift test CA" \
    -keyout "$base/ca.key" -out "$base/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$base/server.key" -out "$base/server.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$base/ext.cnf"
openssl x509 -req -in "$base/server.csr" -CA "$base/ca.pem" -CAkey "$base/ca.key" \
    -CAcreateserial -days 2 -extfile "$base/ext.cnf" -out "$base/server.pem" >/dev/null 2>&1

password=$(openssl rand -hex 12)
printf '%s' "$password" >"$base/bind-password"
chmod 600 "$base/bind-password"
hash=$(slappasswd -s "$password")

database() { # suffix directory
    cat <<LDIF
dn: olcDatabase=mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: mdb
olcDbDirectory: $base/$2
olcSuffix: $1
olcDbMaxSize: 104857600
olcAccess: to attrs=userPassword by anonymous auth by * none
olcAccess: to * by dn.exact="cn=svc-samdrift,$1" read by * none

LDIF
}

{
    cat <<LDIF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $base/slapd.pid
olcTLSCACertificateFile: $base/ca.pem
olcTLSCertificateFile: $base/server.pem
olcTLSCertificateKeyFile: $base/server.key

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

LDIF
    for s in core cosine nis inetorgperson msuser; do
        cat "/etc/ldap/schema/$s.ldif"
        echo
    done
    # sAMAccountName and employeeID come with Active Directory's auxiliary
    # classes, which the msuser schema leaves out: one class allows them.
    cat <<LDIF
dn: cn=samdrift-ad,cn=schema,cn=config
objectClass: olcSchemaConfig
cn: samdrift-ad
olcObjectClasses: ( 1.3.6.1.4.1.99999.61.1 NAME 'samdriftAdAccount' AUXILIARY MAY ( sAMAccountName \$ employeeID ) )

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcAccess: to dn.base="" by * read

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: to * by * none

LDIF
    database "dc=ystad,dc=example" ystad
    database "dc=simrishamn,dc=example" simrishamn
} >"$base/config.ldif"
slapadd -n 0 -F "$base/slapd.d" -l "$base/config.ldif" >"$base/slapadd.log" 2>&1 \
    || { cat "$base/slapadd.log" >&2; exit 1; }
sed "s/@PASSWORD_HASH@/$(printf '%s' "$hash" | sed 's/[\/&]/\\&/g')/" \
    "$(dirname "$0")/ystad.ldif" >"$base/ystad.ldif"
sed "s/@PASSWORD_HASH@/$(printf '%s' "$hash" | sed 's/[\/&]/\\&/g')/" \
    "$(dirname "$0")/simrishamn.ldif" >"$base/simrishamn.ldif"
slapadd -b "dc=ystad,dc=example" -F "$base/slapd.d" -l "$base/ystad.ldif" >>"$base/slapadd.log" 2>&1 \
    || { cat "$base/slapadd.log" >&2; exit 1; }
slapadd -b "dc=simrishamn,dc=example" -F "$base/slapd.d" -l "$base/simrishamn.ldif" >>"$base/slapadd.log" 2>&1 \
    || { cat "$base/slapadd.log" >&2; exit 1; }

slapd -F "$base/slapd.d" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tls_port/" 2>"$base/slapd.log" \
    || { cat "$base/slapd.log" >&2; exit 1; }
for _ in $(seq 1 50); do
    if LDAPTLS_CACERT="$base/ca.pem" ldapsearch -x -ZZ -H "ldap://127.0.0.1:$port" \
        -D "cn=svc-samdrift,dc=ystad,dc=example" -y "$base/bind-password" \
        -b "dc=ystad,dc=example" -s base dn >/dev/null 2>&1; then
        echo "export SAMDRIFT_TEST_LDAP_URL=ldap://127.0.0.1:$port"
        echo "export SAMDRIFT_TEST_LDAPS_URL=ldaps://127.0.0.1:$tls_port"
        echo "export SAMDRIFT_TEST_LDAP_CA=$base/ca.pem"
        echo "export SAMDRIFT_TEST_LDAP_PASSWORD_FILE=$base/bind-password"
        exit 0
    fi
    sleep 0.2
done
echo "slapd did not answer; its log:" >&2
tail -n 30 "$base/slapd.log" >&2
exit 1
