#!/usr/bin/env python3
"""Writes a schemathesis configuration that lets generated requests reach
records that exist: identifiers and codes read from a running demo server
become dictionaries that path parameters (and a few body fields) draw from
most of the time, so the fuzzer gets past 404 into the handlers' logic.
The demo has no service request, order or attachment, so it first makes one
of each (as the end user, the orderer and the admin).

    test_data.py BASE_URL ADMIN_TOKEN USER_TOKEN ORDERER_TOKEN OUT.toml
"""

import datetime
import json
import sys
import urllib.error
import urllib.request


def call(base, token, method, path, body=None, content_type="application/json"):
    data = None
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    req = urllib.request.Request(base + "/api/v1" + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        print(f"test data: {method} {path}: {e.code} {e.read()[:300]!r}", file=sys.stderr)
        return None


def get(base, token, path):
    answer = call(base, token, "GET", path)
    if answer is None:
        raise SystemExit(f"test data: cannot read {path}")
    return answer


def seed(base, admin, user, orderer, members, offerings):
    """An attachment, service requests, orders and an escalation rule."""
    made = {"attachment_tickets": [], "attachments": [], "request_tickets": [], "tasks": [], "orders": []}
    tickets = get(base, admin, "/tickets?limit=1")["items"]
    if tickets:
        ticket = tickets[0]["id"]
        a = call(base, admin, "POST", f"/tickets/{ticket}/attachments?filename=logg.txt",
                 b"skrivaren svarar inte\n", "text/plain")
        if a:
            made["attachment_tickets"].append(ticket)
            made["attachments"].append(a["id"])
    for item in get(base, user, "/catalog/items?member=YST"):
        fields = item["spec"].get("fields", [])
        answers = {}
        for f in fields:
            if f["kind"] == "select" and f.get("options"):
                answers[f["key"]] = f["options"][0]
            elif f["kind"] == "checkbox":
                answers[f["key"]] = "true"
            elif f["kind"] == "date":
                answers[f["key"]] = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
            else:
                answers[f["key"]] = "Behövs för arbetet"
        t = call(base, user, "POST", "/requests", {"item": item["code"], "answers": answers})
        if t:
            made["request_tickets"].append(t["id"])
            view = call(base, admin, "GET", f"/tickets/{t['id']}/request") or {}
            made["tasks"] += [task["id"] for task in view.get("tasks", [])]
    call(base, admin, "POST", "/escalation-rules", {
        "position": 1, "on": "breach", "clock": "resolution",
        "priorities": ["P1"], "action": "assign_group_lead",
    })
    yst = next((m for m in members if m["code"] == "YST"), None)
    if yst and offerings:
        administrations = get(base, admin, f"/members/{yst['id']}/administrations")
        if administrations:
            when = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
            for quantity in (900, 1):
                o = call(base, orderer, "POST", "/members/YST/orders", {
                    "offering": offerings[0]["code"],
                    "administration_id": administrations[0]["id"],
                    "quantity_change": quantity,
                    "effective_on": when,
                    "note": "Fler arbetsplatser",
                })
                if o:
                    made["orders"].append(o["id"])
    return made


def toml_str(v):
    return json.dumps(v) if isinstance(v, str) else str(v)


def main():
    base, token, user, orderer, out = sys.argv[1:6]
    members = get(base, token, "/members")
    tickets = get(base, token, "/tickets?limit=20")["items"]
    catalog = get(base, token, "/catalog")
    offerings = [o for s in catalog["services"] for o in s["offerings"]]
    made = seed(base, token, user, orderer, members, [o for o in offerings if o["active"]])
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
        "attachment_tickets": made["attachment_tickets"],
        "attachments": made["attachments"],
        "request_tickets": made["request_tickets"],
        "tasks": made["tasks"],
        "positions": [1, 2, 3],
        "time_zones": ["Europe/Stockholm", "UTC", "Europe/Helsinki"],
        "order_members": ["YST"] if made["orders"] else [],
        "accounts": [a["id"] for a in get(base, token, "/accounts")],
    }
    # Operations by path, and which dictionary each parameter draws from
    # (the first pattern that matches an operation applies).
    bindings = [
        (r"^/api/v1/tickets/\{id\}/attachments/\{attachment_id\}",
         {"path.id": "attachment_tickets", "path.attachment_id": "attachments"}),
        (r"^/api/v1/tickets/\{id\}/request/approvals/\{position\}",
         {"path.id": "request_tickets", "path.position": "positions"}),
        (r"^/api/v1/tickets/\{id\}/request/tasks/\{task_id\}",
         {"path.id": "request_tickets", "path.task_id": "tasks"}),
        (r"^/api/v1/tickets/\{id\}/request", {"path.id": "request_tickets"}),
        (r"^/api/v1/tickets/\{id\}", {"path.id": "tickets"}),
        (r"^/api/v1/members/\{id\}", {"path.id": "member_ids"}),
        (r"^/api/v1/members/\{member\}/orders/\{order_id\}", {"path.member": "order_members", "path.order_id": "orders"}),
        (r"^/api/v1/members/\{member\}/people/\{person_id\}", {"path.member": "member_codes", "path.person_id": "people"}),
        (r"^/api/v1/members/\{member\}/system-owners/\{service\}", {"path.member": "member_codes", "path.service": "services"}),
        (r"^/api/v1/members/\{member\}", {"path.member": "member_codes"}),
        (r"^/api/v1/people/\{id\}", {"path.id": "people"}),
        (r"^/api/v1/accounts/\{id\}", {"path.id": "accounts"}),
        (r"^/api/v1/user-agreements/\{member_id\}", {"path.member_id": "member_ids"}),
        (r"^/api/v1/groups/\{id\}", {"path.id": "groups"}),
        (r"^/api/v1/calendars/\{id\}", {"path.id": "calendars"}),
        (r"^/api/v1/agreements/\{id\}", {"path.id": "agreements"}),
        (r"^/api/v1/escalation-rules/\{id\}", {"path.id": "escalation_rules"}),
        (r"^/api/v1/catalog/services/\{code\}", {"path.code": "services"}),
        (r"^/api/v1/catalog/offerings/\{code\}", {"path.code": "offerings", "path.year": "years"}),
        (r"^/api/v1/catalog/items/\{code\}", {"path.code": "items"}),
        (r"^/api/v1/catalog/hourly-rates/\{year\}", {"path.year": "years"}),
        (r"^/api/v1/tickets$", {"query.member": "member_codes", "body.member": "member_codes", "body.service_id": "service_ids"}),
        (r"^/api/v1/(people|agreements)$", {"query.member": "member_codes", "body.member": "member_codes"}),
        (r"^/api/v1/catalog/items$", {"query.member": "member_codes", "body.service": "services"}),
        (r"^/api/v1/reports/sla$", {"query.member": "member_codes"}),
        (r"^/api/v1/requests$", {"body.member": "member_codes", "body.item": "items"}),
        (r"^/api/v1/(outages|escalation-rules|routing-rules)$", {"body.service_id": "service_ids", "body.group_id": "groups"}),
        (r"^/api/v1/calendars", {"body.time_zone": "time_zones"}),
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
