#!/usr/bin/env python3
"""The inventory figures of BENCHMARKS.md, against a running server:
100,000 configuration items across the federation's members imported
through the API in CSV batches, then compliance and diversity for the
whole federation, the monthly computation, the overlap view, a member's
item list and an item's page with its impact, each timed; and one agent
key per member for the first 50 members, written for the load generator.

    bench/inventory.py BASE ADMIN_TOKEN KEYS_FILE [ITEMS]
"""
import json
import random
import statistics
import sys
import time
import urllib.request

base, token, keys_file = sys.argv[1], sys.argv[2], sys.argv[3]
total = int(sys.argv[4]) if len(sys.argv) > 4 else 100_000
rng = random.Random(2027)


def call(method, path, body=None, content_type="application/json"):
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("content-type", content_type)
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        payload = r.read()
    return time.perf_counter() - started, payload


CLIENTS = [("Microsoft Windows 11 Pro", "10.0.22631"), ("Microsoft Windows 11 Education", "10.0.22631"),
           ("Microsoft Windows 10 Enterprise", "10.0.19045"), ("Google ChromeOS", "120"), ("Apple macOS", "14.2")]
SERVERS = [("Microsoft Windows Server 2022 Standard", "10.0.20348"), ("Microsoft Windows Server 2016", "10.0.14393"),
           ("Red Hat Enterprise Linux", "9.3"), ("Debian GNU/Linux 12 (bookworm)", "12")]
SYSTEMS = [("finance", ["Raindance Ekonomi", "Unit4 ERP", "Visma Förvaltning"]),
           ("hr", ["Visma Personec P", "Heroma", "Primula"]),
           ("library", ["Axiell Quria", "Book-IT"]),
           ("case_management", ["Public 360°", "Ciceron", "Evolution", "Lex"]),
           ("school_admin", ["Tieto Edu", "IST Extens", "Procapita Utbildning"]),
           ("social_care", ["Treserva", "Lifecare", "Procapita VoO", "Viva"]),
           ("building_permits", ["ByggR", "Castor"]),
           ("gis", ["Geosecma", "ArcGIS Enterprise"]),
           ("e_services", ["Open ePlatform", "Sitevision e-tjänster"])]


def member_csv(code, count):
    lines = []
    systems = min(25, count // 10)
    servers = min(10, count // 30)
    for n in range(systems):
        cat, products = SYSTEMS[n % len(SYSTEMS)]
        product = rng.choice(products)
        end = f"{rng.randint(2027, 2031)}-{rng.randint(1, 12):02d}-28"
        lines.append(f"{code},business_system,{cat} {n} {code},administrative,,in_use,{cat},\"{product}\",,,,,,,,Leverantör AB,{end},{rng.randint(5, 900)}")
    for n in range(servers):
        os_, ver = rng.choice(SERVERS)
        lines.append(f"{code},server,{code}-SRV-{n:03d},administrative,Serverrum,in_use,server_os,\"{os_}\",{ver},{code}-S{n:05d},,,,,,,,")
    for n in range(count - systems - servers):
        os_, ver = rng.choice(CLIENTS)
        network = "pedagogical" if n % 3 == 0 else "administrative"
        lines.append(f"{code},client,{code}-PC-{n:05d},{network},,in_use,client_os,\"{os_}\",{ver},{code}-C{n:06d},,,,,,,,")
    return lines


HEADER = "owner,kind,name,network,location,lifecycle,category,product,version,serial,serves,runs_on,depends_on,services,used_by,supplier,contract_end,users\n"


def timed(label, method, path, runs):
    times = []
    for _ in range(runs):
        t, _ = call(method, path, {} if method == "POST" else None)
        times.append(t * 1000)
    print(f"| {label} | {runs} | {statistics.median(times):.0f} | {max(times):.0f} |", flush=True)


members = [m["code"] for m in json.loads(call("GET", "/api/v1/members")[1])]
existing = json.loads(call("GET", "/api/v1/inventory/items?limit=1&q=-PC-0")[1])["items"]
if not any(i["name"].endswith("-PC-00000") for i in existing):
    per, extra = divmod(total, len(members))
    started = time.perf_counter()
    batch, done = [], 0
    for i, code in enumerate(members):
        batch.extend(member_csv(code, per + (1 if i < extra else 0)))
        if len(batch) > 8000 or i == len(members) - 1:
            t, body = call("POST", "/api/v1/inventory/import", HEADER + "\n".join(batch) + "\n", "text/csv")
            done += json.loads(body)["created"]
            print(f"imported {done} items ({len(batch)} lines in {t:.1f} s)", flush=True)
            batch = []
    print(f"import: {done} items for {len(members)} members in {time.perf_counter() - started:.0f} s", flush=True)

with open(keys_file, "w") as f:
    for code in members[:50]:
        _, body = call("POST", f"/api/v1/members/{code}/agent-keys", {"label": "bench"})
        f.write(json.loads(body)["key"] + "\n")

month = time.strftime("%Y-%m")
some = json.loads(call("GET", f"/api/v1/inventory/items?owner={members[-1]}&limit=5")[1])["items"][0]["id"]
fed = [i for i in json.loads(call("GET", "/api/v1/inventory/items?owner=federation&limit=50")[1])["items"] if i["name"].startswith("SAN")]
print("| request | runs | median ms | max ms |")
print("|---|---|---|---|")
timed("compliance and diversity, whole federation (`GET /inventory/compliance`)", "GET", "/api/v1/inventory/compliance", 10)
timed("compliance as CSV, whole federation", "GET", "/api/v1/inventory/compliance?format=csv&lang=sv", 5)
timed("the month's compliance and diversity computed and kept (`POST /inventory/compliance/compute`)", "POST", f"/api/v1/inventory/compliance/compute?month={month}", 5)
timed("13 months of kept compliance (`GET /inventory/compliance/history`)", "GET", f"/api/v1/inventory/compliance/history?month={month}", 10)
timed("overlap of business systems across members (`GET /inventory/overlap`)", "GET", "/api/v1/inventory/overlap", 5)
timed("a member's items, first page (`GET /inventory/items?owner=`)", "GET", f"/api/v1/inventory/items?owner={members[-1]}", 20)
timed("an item's page", "GET", f"/api/v1/inventory/items/{some}", 20)
if fed:
    timed("what the shared SAN's failure affects (`GET /items/{id}/impact`)", "GET", f"/api/v1/inventory/items/{fed[0]['id']}/impact", 10)
timed("the consolidation plan, whole federation", "GET", "/api/v1/inventory/plan", 10)
