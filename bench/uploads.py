#!/usr/bin/env python3
"""Memory of parallel oversized uploads to the pages.

Starts `samdrift serve --demo` on a fresh data directory, signs a user in,
sends N parallel uploads of SIZE MB each to the portal's report form (over
the 10 MB attachment limit, so every one is refused) and reports the
server's resident memory before and its peak (VmHWM) after. A report, not
a pass/fail check:

    python3 bench/uploads.py [--bin target/debug/samdrift] [--n 16] [--mb 60]
"""

import argparse, http.client, os, re, socket, subprocess, tempfile, threading, time, urllib.parse


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def login(port, username, password):
    c = http.client.HTTPConnection("127.0.0.1", port)
    body = urllib.parse.urlencode({"username": username, "password": password})
    c.request("GET", "/login")
    page = c.getresponse()
    page_body = page.read().decode()
    cookies = [v.split(";")[0] for k, v in page.getheaders() if k.lower() == "set-cookie"]
    m = re.search(r'name="csrf" value="([^"]+)"', page_body)
    if m:
        body += "&csrf=" + urllib.parse.quote(m.group(1))
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    c.request("POST", "/login", body, headers)
    r = c.getresponse()
    r.read()
    cookie = [v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie"][-1]
    c.request("GET", "/portal/new", headers={"Cookie": cookie})
    page = c.getresponse().read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return cookie, csrf


def upload(port, cookie, csrf, mb, results):
    boundary = "samdriftbench"
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nStor fil\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = mb * 1024 * 1024
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    c.putrequest("POST", "/portal/new")
    c.putheader("Cookie", cookie)
    c.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    c.putheader("Content-Length", str(len(head) + size + len(tail)))
    c.endheaders()
    try:
        c.send(head)
        chunk = b"\0" * (1024 * 1024)
        for _ in range(mb):
            c.send(chunk)
        c.send(tail)
        results.append(c.getresponse().status)
    except OSError as e:
        results.append(f"closed ({e.__class__.__name__})")


def main():
    ap = argparse.ArgumentParser()
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    ap.add_argument("--bin", default=f"{target}/debug/samdrift")
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("--mb", type=int, default=60)
    a = ap.parse_args()
    port = free_port()
    data = tempfile.mkdtemp(prefix="samdrift-uploads-")
    server = subprocess.Popen(
        [a.bin, "--data-dir", data, "serve", "--demo", "--listen", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        cookie, csrf = login(port, "yst.user", "Kaffe-och-kanelbulle")
        before = status_kb(server.pid, "VmRSS")
        results = []
        threads = [threading.Thread(target=upload, args=(port, cookie, csrf, a.mb, results)) for _ in range(a.n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        peak = status_kb(server.pid, "VmHWM")
        print(f"{a.n} parallel uploads of {a.mb} MB: answers {sorted(map(str, results))}")
        print(f"server memory: {before // 1024} MB before, peak {peak // 1024} MB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
