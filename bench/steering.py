"""Times the steering API of a running samdrift: the monthly figures for
13 months (the job the server runs every hour), then the dashboard, the
overview, the board pack as a document and as a PDF, and a member's
monthly PDF made on request. Prints a Markdown table.

    python3 bench/steering.py http://127.0.0.1:18090 TOKEN
"""
import json
import statistics
import sys
import time
import urllib.request


def call(base, token, method, path):
    req = urllib.request.Request(base + path, method=method, headers={"Authorization": f"Bearer {token}"})
    if method == "POST":
        req.data = b"{}"
        req.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        body = r.read()
    return time.perf_counter() - started, body


def months_ending(last, count):
    y, m = map(int, last.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return list(reversed(out))


def main():
    base, token = sys.argv[1], sys.argv[2]
    _, body = call(base, token, "GET", "/api/v1/steering/overview")
    this_month = json.loads(body)["month"]
    rows = []
    computed = []
    for month in months_ending(this_month, 13):
        took, body = call(base, token, "POST", f"/api/v1/figures/compute?month={month}")
        computed.append(took)
    rows.append(("monthly figures, one month, every member (job)", len(computed), statistics.median(computed), max(computed), ""))
    members = json.loads(call(base, token, "GET", "/api/v1/steering/overview")[1])["members"]
    code = members[0]["member"]
    # Three months back: not archived, so the PDF is made on request.
    earlier = months_ending(this_month, 3)[0]
    for name, path, n in [
        ("goal dashboard, federation", "/api/v1/goals", 20),
        ("goal dashboard, one member", f"/api/v1/goals?member={code}", 20),
        ("overview, every member side by side", "/api/v1/steering/overview", 20),
        ("board pack (document)", "/api/v1/board-pack", 10),
        ("board pack (PDF)", "/api/v1/board-pack/pdf", 5),
        ("member's monthly report (PDF, made now)", f"/api/v1/members/{code}/reports/{earlier}/pdf?lang=en", 5),
    ]:
        times = []
        size = 0
        for _ in range(n):
            took, body = call(base, token, "GET", path)
            times.append(took)
            size = len(body)
        rows.append((name, n, statistics.median(times), max(times), f"{size:,} bytes"))
    print(f"members: {len(members)}")
    print("| request | runs | median s | max s | answer |")
    print("|---|---|---|---|---|")
    for name, n, med, mx, note in rows:
        print(f"| {name} | {n} | {med:.3f} | {mx:.3f} | {note} |")


if __name__ == "__main__":
    main()
