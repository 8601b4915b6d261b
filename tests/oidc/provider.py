#!/usr/bin/env python3
"""Writes the configuration of a LemonLDAP::NG portal that serves as the
OpenID Provider of samdrift's single sign-on tests and demo.

    provider.py BASE PORT

BASE gets lemonldap-ng.ini, conf/lmConf-1.json (a fresh RSA signing key),
the session directories and client-secret (the secret of client
"samdrift"). The portal authenticates LemonLDAP::NG's demo users (dwho,
rtyler, msmith; each password is the login) and issues ID tokens to two
clients: "samdrift", which must use PKCE, and "other-rp", whose tokens the
tests offer samdrift as tokens meant for someone else.
"""
import json
import os
import secrets
import subprocess
import sys

base, port = sys.argv[1], int(sys.argv[2])
url = f"http://127.0.0.1:{port}"
for d in ("conf", "cache", "sessions/lock", "psessions/lock", "notifications"):
    os.makedirs(os.path.join(base, d), exist_ok=True)

key = subprocess.run(
    ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    check=True, capture_output=True, text=True).stdout
public = subprocess.run(
    ["openssl", "pkey", "-pubout"], input=key, check=True, capture_output=True, text=True).stdout

secret = secrets.token_hex(24)
with open(os.path.join(base, "client-secret"), "w") as f:
    f.write(secret + "\n")

callbacks = " ".join(
    f"{origin}/login/sso/callback"
    for origin in ("http://127.0.0.1:8080", "http://localhost:8080", "http://samdrift.test"))
after_logout = " ".join(
    f"{origin}/login"
    for origin in ("http://127.0.0.1:8080", "http://localhost:8080", "http://samdrift.test"))


def client(client_id, client_secret, pkce):
    return {
        "oidcRPMetaDataOptionsClientID": client_id,
        "oidcRPMetaDataOptionsClientSecret": client_secret,
        "oidcRPMetaDataOptionsRedirectUris": callbacks,
        "oidcRPMetaDataOptionsPostLogoutRedirectUris": after_logout,
        "oidcRPMetaDataOptionsRequirePKCE": 1 if pkce else 0,
        "oidcRPMetaDataOptionsIDTokenSignAlg": "RS256",
        "oidcRPMetaDataOptionsBypassConsent": 1,
        "oidcRPMetaDataOptionsLogoutBypassConfirm": 1,
        "oidcRPMetaDataOptionsUserIDAttr": "uid",
        "oidcRPMetaDataOptionsIDTokenForceClaims": 1,
        "oidcRPMetaDataOptionsIDTokenExpiration": 3600,
    }


claims = {"email": "mail", "name": "cn", "preferred_username": "uid"}
# The demo federation's people, for the demo's configuration
# (docs/examples/sso-demo.toml): dwho is Ystad's end user, rtyler
# Simrishamn's orderer; msmith is nobody samdrift knows.
demo_people = {
    "dwho": "linnea.persson@ystad.example",
    "rtyler": "erik.lindqvist@simrishamn.example",
}
demo_email = " : ".join(f"$uid eq '{uid}' ? '{mail}'" for uid, mail in demo_people.items()) + " : ''"
conf = {
    "cfgNum": 1,
    "cfgAuthor": "samdrift tests",
    "cfgDate": "1700000000",
    "cfgVersion": "2.16.1",
    "authentication": "Demo",
    "userDB": "Same",
    "passwordDB": "Demo",
    "demoExportedVars": {"cn": "cn", "mail": "mail", "uid": "uid"},
    "exportedVars": {},
    "locationRules": {"127.0.0.1": {"default": "accept"}},
    "exportedHeaders": {},
    "applicationList": {},
    "domain": "127.0.0.1",
    "cookieName": "lemonldap",
    "securedCookie": 0,
    "portal": f"{url}/",
    "portalSkin": "bootstrap",
    "timeout": 72000,
    "notification": 0,
    "loginHistoryEnabled": 0,
    "whatToTrace": "uid",
    "globalStorage": "Apache::Session::File",
    "globalStorageOptions": {
        "Directory": f"{base}/sessions",
        "LockDirectory": f"{base}/sessions/lock",
        "generateModule": "Lemonldap::NG::Common::Apache::Session::Generate::SHA256",
    },
    "persistentStorage": "Apache::Session::File",
    "persistentStorageOptions": {
        "Directory": f"{base}/psessions",
        "LockDirectory": f"{base}/psessions/lock",
    },
    "localSessionStorage": "Cache::FileCache",
    "localSessionStorageOptions": {
        "cache_depth": 3,
        "cache_root": f"{base}/cache",
        "default_expires_in": 600,
        "directory_umask": "007",
        "namespace": "lemonldap-ng-sessions",
    },
    "issuerDBOpenIDConnectActivation": 1,
    "oidcServiceMetaDataIssuer": url,
    "oidcServicePrivateKeySig": key,
    "oidcServicePublicKeySig": public,
    "oidcServiceKeyIdSig": "samdrift-test-" + secrets.token_hex(4),
    "oidcServiceAllowAuthorizationCodeFlow": 1,
    "oidcServiceIgnoreScopeForClaims": 1,
    "oidcRPMetaDataOptions": {
        "samdrift": client("samdrift", secret, pkce=True),
        "other-rp": client("other-rp", "other-rp-secret", pkce=False),
    },
    "macros": {"samdrift_demo_email": demo_email},
    "oidcRPMetaDataExportedVars": {
        "samdrift": {**claims, "samdrift_demo_email": "samdrift_demo_email"},
        "other-rp": claims,
    },
    "oidcRPMetaDataOptionsExtraClaims": {"samdrift": {"email": "samdrift_demo_email"}},
}
with open(os.path.join(base, "conf", "lmConf-1.json"), "w") as f:
    json.dump(conf, f, indent=1)

with open(os.path.join(base, "lemonldap-ng.ini"), "w") as f:
    f.write(f"""[all]
logLevel = warn
checkTime = 1
[configuration]
type = File
dirName = {base}/conf
[portal]
staticPrefix = /static
templateDir = /usr/share/lemonldap-ng/portal/templates
languages = en
[handler]
status = 0
useRedirectOnError = 1
""")
