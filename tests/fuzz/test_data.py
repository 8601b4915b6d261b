#!/usr/bin/env python3
"""Writes a schemathesis configuration that lets generated requests reach
records that exist: identifiers and codes read from a running demo server
become dictionaries that path parameters (and a few body fields) draw from
most of the time, so the fuzzer gets past 404 into the handlers' logic.

    test_data.py BASE_URL TOKEN OUT.toml
"""

import json
import sys
import urllib.request


def get(base, token, path):
    req = urllib.request.Request(
        base + "/api/v1" + path, headers={"Authorization": "Bearer " + token}
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def toml_str(v):
    return json.dumps(v) if isinstance(v, str) else str(v)


def main():
    base, token, out = sys.argv[1:4]
    members = get(base, token, "/members")
    tickets = get(base, token, "/tickets?limit=20")["items"]
    catalog = get(base, token, "/catalog")
    offerings = [o for s in catalog["services"] for o in s["offerings"]]
    orders = get(base, token, "/orders")
    dictionaries = {
        "member_ids": [m["id"] for m in members],
        "member_codes": [m["code"] for m in members],
        "tickets": [t["id"] for t in tickets],
        "people": [p["id"] for p in get(base, token, "/people?limit=20")],
        "groups": [g["id"] for g in get(base, token, "/groups")],
        "calendars": [c["id"] for c in get(base, token, "/calendars")],
        "agreements": [a["id"] for a in get(base, token, "/agreements")],
        "escalation_rules": [r["id"] for r in get(base, token, "/escalation-rules")],
        "services": [s["code"] for s in catalog["services"]],
        "service_ids": [s["id"] for s in catalog["services"]],
        "offerings": [o["code"] for o in offerings],
        "items": [i["code"] for i in get(base, token, "/catalog/items")],
        "orders": [o["id"] for o in orders],
        "years": [2026, 2027, 2028],
    }
    # Operations by path, and which dictionary each parameter draws from
    # (the first pattern that matches an operation applies).
    bindings = [
        (r"^/api/v1/tickets/\{id\}", {"path.id": "tickets"}),
        (r"^/api/v1/members/\{id\}", {"path.id": "member_ids"}),
        (r"^/api/v1/members/\{member\}/orders/\{order_id\}", {"path.member": "member_codes", "path.order_id": "orders"}),
        (r"^/api/v1/members/\{member\}/people/\{person_id\}", {"path.member": "member_codes", "path.person_id": "people"}),
        (r"^/api/v1/members/\{member\}/system-owners/\{service\}", {"path.member": "member_codes", "path.service": "services"}),
        (r"^/api/v1/members/\{member\}", {"path.member": "member_codes"}),
        (r"^/api/v1/people/\{id\}", {"path.id": "people"}),
        (r"^/api/v1/groups/\{id\}", {"path.id": "groups"}),
        (r"^/api/v1/calendars/\{id\}", {"path.id": "calendars"}),
        (r"^/api/v1/agreements/\{id\}", {"path.id": "agreements"}),
        (r"^/api/v1/escalation-rules/\{id\}", {"path.id": "escalation_rules"}),
        (r"^/api/v1/catalog/services/\{code\}", {"path.code": "services"}),
        (r"^/api/v1/catalog/offerings/\{code\}", {"path.code": "offerings", "path.year": "years"}),
        (r"^/api/v1/catalog/items/\{code\}", {"path.code": "items"}),
        (r"^/api/v1/catalog/hourly-rates/\{year\}", {"path.year": "years"}),
        (r"^/api/v1/(tickets|people|agreements|catalog/items|reports/sla)$", {"query.member": "member_codes"}),
        (r"^/api/v1/(tickets|people|requests|agreements|outages)$", {"body.member": "member_codes"}),
    ]
    lines = []
    for name, values in dictionaries.items():
        if values:
            lines.append(f"[dictionaries.{name}]")
            lines.append("values = [" + ", ".join(toml_str(v) for v in values) + "]")
            lines.append("")
    for path, params in bindings:
        usable = {k: v for k, v in params.items() if dictionaries[v]}
        if not usable:
            continue
        lines.append("[[operations]]")
        lines.append(f"include-path-regex = {toml_str(path)}")
        lines.append("[operations.parameters]")
        for key, dictionary in usable.items():
            lines.append(f'"{key}" = {{ dictionary = "{dictionary}", probability = 0.8 }}')
        lines.append("")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(
        "test data: "
        + ", ".join(f"{len(v)} {k}" for k, v in dictionaries.items()),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
