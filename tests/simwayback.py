#!/usr/bin/env python3
"""A simulated Wayback Machine for citecheck's tests, on loopback, speaking
the formats of the real one:

- replay, GET /web/<timestamp>[id_]/<url>: a 302 to the nearest capture
  (X-Archive-Redirect-Reason, no Memento-Datetime) or the capture itself
  (Memento-Datetime, x-ts with the archived status, the raw archived body);
  404 with X-Archive-Wayback-Runtime-Error when there is no capture; for a
  site excluded from the archive, 200 with a page saying so (as the archive
  answers today) or, for the "excluded_legacy" URLs, 403 with that header (as
  its older software did); a capture of a page that answered 403, 429 or 5xx
  is replayed with that status and Memento-Datetime, as any capture;
  redirects' Location is absolute, or path-only or scheme-relative for the
  URLs "location_style" names; the captures of the "gzip" URLs come
  gzip-encoded to a client that accepts it; URLs match as the archive's SURT
  keys do (http/https, "www.", default ports, a trailing slash are one page),
  and a redirect goes to the capture's own variant; for the "replay_shift"
  URLs a timestamp the index lists replays as another capture;
- the CDX index, GET /cdx/search/cdx?url=&output=json&fl=&filter=&collapse=&from=&to=&limit=:
  a JSON array, header row first; filters are [!]field:regex matching the
  whole field; deduplicated captures ("revisit") are rows with mimetype
  warc/revisit and status "-"; negative limits count from the end, except
  for the "cdx_stale_tail" URLs, where, as a real answer did, limit=-1 gives
  an old row when a newer one exists;
- Save Page Now 2, POST /save and GET /save/status/<job>, with
  "Authorization: LOW key:secret".

The world (captures per URL, scripted 429s, malformed answers) comes from a
JSON file. Every request is logged as a JSON line with its time and
endpoint; a request that comes sooner after the previous one of its endpoint
than half the interval --replay-rate / --cdx-rate allow is logged as a pace
violation (and with --enforce-pace answered 429). The
server stops by itself after --lifetime seconds.

World file: {"captures": {URL: [{"ts": "20230518040448", "status": 200,
  "body": "...", "type": "text/html", "location": URL}, ...]},
  "excluded": [URL, ...], "malformed_cdx": [URL, ...],
  "replay_429": {"count": N, "retry_after": S or null},
  "cdx_429": {...}, "save_429": {...}, "keys": "key:secret"}
"""
import base64
import argparse
import email.utils
import gzip
import json
import re
import os
import socketserver
import sys
import threading
import time
import http.server
import urllib.parse
import calendar

args = None
world = {}
lock = threading.Lock()
last = {}          # endpoint -> time of its previous request
served_429 = {}    # endpoint -> 429s sent so far
jobs = {}          # job id -> [url, polls]


def http_date(ts):
    t = calendar.timegm(time.strptime(ts, "%Y%m%d%H%M%S"))
    return email.utils.formatdate(t, usegmt=True)


def seconds(ts):
    return calendar.timegm(time.strptime(ts, "%Y%m%d%H%M%S"))


def pad(ts, high):
    return (ts + ("99991231235959" if high else "00000101000000")[len(ts):])[:14]


def surt(url):
    """The archive's key for a URL (SURT, as far as matching goes): no scheme,
    no "www.", no default port, the host's labels reversed, lower case, no
    trailing slash; so http/https, www. and :80/:443 variants are one page."""
    u = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
    host = (u.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = "" if u.port in (None, 80, 443) else ":%d" % u.port
    path = (u.path or "/").rstrip("/") or "/"
    return ",".join(reversed(host.split("."))) + port + ")" + path.lower() + ("?" + u.query if u.query else "")


def captures_of(url):
    """Captures of every variant of url, each with the URL it was taken as."""
    key = surt(url)
    out = []
    for k, caps in world.get("captures", {}).items():
        if surt(k) == key:
            out += [dict(c, original=k) for c in caps]
    return sorted(out, key=lambda c: c["ts"])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "simwayback"
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def send(self, status, body=b"", headers=(), ctype="text/html; charset=utf-8", gzipped=False):
        if isinstance(body, str):
            body = body.encode()
        if gzipped and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            headers = list(headers) + [("Content-Encoding", "gzip")]
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def note(self, endpoint):
        """Logs the request; True when it broke the pace."""
        now = time.time()
        rate = {"replay": args.replay_rate, "cdx": args.cdx_rate, "save": args.save_rate}.get(endpoint, 0)
        with lock:
            prev = last.get(endpoint)
            last[endpoint] = now
            # half the interval: a client that does not pace sends within
            # milliseconds, while one that does can see two requests arrive
            # closer than it sent them when a loaded machine delays the first
            violation = bool(rate and prev is not None and now - prev < 0.5 / rate)
        if args.log:
            with lock, open(args.log, "a") as f:
                f.write(json.dumps({"t": now, "endpoint": endpoint, "method": self.command,
                                    "path": self.path, "violation": violation,
                                    "auth": self.headers.get("Authorization") is not None}) + "\n")
        return violation

    def scripted_429(self, endpoint):
        spec = world.get(endpoint + "_429")
        if not spec:
            return False
        with lock:
            n = served_429.get(endpoint, 0)
            if n >= spec.get("count", 0):
                return False
            served_429[endpoint] = n + 1
        headers = []
        if spec.get("retry_after") is not None:
            headers.append(("Retry-After", str(spec["retry_after"])))
        if endpoint == "save":
            # Save Page Now's own page (as its users have quoted it since
            # 2021): no Retry-After, the length of the block in words
            body = ("<h1>Too Many Requests</h1>\n\nWe are limiting the number of URLs you can submit to be "
                    "Archived to the Wayback Machine, using the Save Page Now features, to no more than 15 per "
                    "minute.\n<p>\n  If you submit more than that we will block Save Page Now requests from "
                    "your IP number for 5 minutes.\n</p>")
        else:
            body = "<html><title>Too Many Requests</title></html>"
        self.send(429, body, headers)
        return True

    def refuse(self, violation):
        """--enforce-pace: a request that broke the pace gets the archive's
        own 429 (no Retry-After), as the real one answers a client that goes
        too fast."""
        if not (violation and args.enforce_pace):
            return False
        self.send(429, "<html><title>Too Many Requests</title></html>")
        return True

    def do_GET(self):
        path = self.path
        if path.startswith("/web/"):
            if not self.refuse(self.note("replay")) and not self.scripted_429("replay"):
                self.replay(path[5:])
        elif path.startswith("/cdx/search/cdx"):
            if not self.refuse(self.note("cdx")) and not self.scripted_429("cdx"):
                self.cdx(urllib.parse.urlsplit(path).query)
        elif path.startswith("/save/status/"):
            self.note("save")
            self.save_status(path[len("/save/status/"):])
        else:
            self.note("other")
            self.send(404, "not here")

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode()
        self.note("save")
        if self.path != "/save":
            return self.send(404, "not here")
        if self.headers.get("Authorization") != "LOW " + world.get("keys", ""):
            return self.send(401, json.dumps({"status": "error", "message": "bad keys"}),
                             ctype="application/json")
        if self.scripted_429("save"):
            return
        url = urllib.parse.parse_qs(body).get("url", [""])[0]
        with lock:
            job = "spn2-%04d" % (len(jobs) + 1)
            jobs[job] = [url, 0]
        self.send(200, json.dumps({"url": url, "job_id": job}), ctype="application/json")

    def save_status(self, job):
        with lock:
            if job not in jobs:
                return self.send(200, json.dumps({"status": "error", "status_ext": "error:not-found"}),
                                 ctype="application/json")
            jobs[job][1] += 1
            url, polls = jobs[job]
        if polls < 2:
            return self.send(200, json.dumps({"status": "pending", "job_id": job}), ctype="application/json")
        self.send(200, json.dumps({"status": "success", "job_id": job, "original_url": url,
                                   "timestamp": "20261122120000"}), ctype="application/json")

    def replay(self, rest):
        stamp, _, url = rest.partition("/")
        digits = stamp.rstrip("_abcdefghijklmnopqrstuvwxyz")
        modifier = stamp[len(digits):]
        if not digits.isdigit():
            return self.send(400, "bad timestamp")
        want = pad(digits, high=True)
        if url in world.get("excluded", []):
            # today's answer: an ordinary page, no header says what it is
            return self.send(200, "<html><head><title>Wayback Machine</title></head><body><p>Sorry.</p>"
                             "<p>This URL has been excluded from the Wayback Machine.</p></body></html>")
        if url in world.get("excluded_legacy", []):
            return self.send(403, "<html><title>Blocked</title></html>",
                             [("X-Archive-Wayback-Runtime-Error",
                               "AdministrativeAccessControlException: Blocked Site Error")])
        caps = captures_of(url)
        if not caps:
            return self.send(404, "<html><title>Wayback Machine</title></html>",
                             [("X-Archive-Wayback-Runtime-Error",
                               "ResourceNotInArchiveException: %s was not found" % url)])
        best = min(caps, key=lambda c: abs(seconds(c["ts"]) - seconds(want)))
        shift = world.get("replay_shift", {}).get(url, {})
        if best["ts"] == shift.get("from"):
            # as the real archive can: a timestamp the index lists replays as
            # a nearby other capture (its record unavailable, or a revisit)
            best = next(c for c in caps if c["ts"] == shift["to"])
        # Location as the archive writes it: absolute, or for some URLs
        # path-only or scheme-relative
        base = {"path": "", "scheme": "//%s" % self.headers.get("Host")}.get(
            world.get("location_style", {}).get(url), "http://%s" % self.headers.get("Host"))
        if best["ts"] != want:
            # to the capture as it was taken: its own variant of the URL
            return self.send(302, "", [("Location", "%s/web/%s%s/%s" % (base, best["ts"], modifier, best["original"])),
                                       ("X-Archive-Redirect-Reason", "found capture at %s" % best["ts"]),
                                       ("x-ts", "302")])
        headers = [("Memento-Datetime", http_date(best["ts"])), ("x-ts", str(best["status"])),
                   ("Link", "<%s>; rel=\"original\"" % best["original"])]
        if best.get("location"):
            headers.append(("Location", "%s/web/%s%s/%s" % (base, best["ts"], modifier, best["location"])))
        body = base64.b64decode(best["body_b64"]) if "body_b64" in best else best.get("body", "")
        self.send(best["status"], body, headers, best.get("type", "text/html"),
                  gzipped=url in world.get("gzip", []))

    def cdx(self, query):
        q = urllib.parse.parse_qs(query)
        url = q.get("url", [""])[0]
        if url in world.get("malformed_cdx", []):
            return self.send(200, "<html><body>Internal error: the index is rebuilding",
                             ctype="text/plain")
        fields = q.get("fl", ["urlkey,timestamp,original,mimetype,statuscode,digest,length"])[0].split(",")
        rows = []
        caps = captures_of(url)
        if "limit" in q and int(q["limit"][0]) < 0 and url in world.get("cdx_stale_tail", []):
            # as a real answer did: the tail of an older index block, not the latest row
            caps = caps[:1]
        collapse = {}
        for c in caps:
            # a deduplicated capture: the same payload as an earlier one
            revisit = c.get("revisit", False)
            rec = {"urlkey": surt(url), "timestamp": c["ts"], "original": c["original"],
                   "mimetype": "warc/revisit" if revisit else c.get("type", "text/html"),
                   "statuscode": "-" if revisit else str(c["status"]),
                   "digest": "SIM%08d" % (hash(c.get("body", "")) & 0xffffffff), "length": "1000"}
            ok = True
            for f in q.get("filter", []):
                # the archive's filters: [!]field:regex, matching the whole field
                neg = f.startswith("!")
                name, _, val = f.lstrip("!").partition(":")
                ok = ok and (re.fullmatch(val, rec.get(name, "")) is not None) != neg
            for cf in q.get("collapse", []):
                name, _, n = cf.partition(":")
                key = rec.get(name, "")[:int(n)] if n else rec.get(name, "")
                ok = ok and collapse.get(name) != key  # adjacent duplicates dropped
                if ok:
                    collapse[name] = key
            if "from" in q:
                ok = ok and c["ts"] >= pad(q["from"][0], high=False)
            if "to" in q:
                ok = ok and c["ts"] <= pad(q["to"][0], high=True)
            if ok:
                rows.append([rec.get(f, "") for f in fields])
        if "limit" in q:
            n = int(q["limit"][0])
            rows = rows[n:] if n < 0 else rows[:n]
        body = json.dumps([fields] + rows) if rows else "[]"
        self.send(200, body, ctype="application/json")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def handle_error(self, request, client_address):
        pass


def main():
    global args, world
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--world", required=True)
    ap.add_argument("--log")
    ap.add_argument("--lifetime", type=float, default=120)
    ap.add_argument("--replay-rate", type=float, default=0)
    ap.add_argument("--cdx-rate", type=float, default=0)
    ap.add_argument("--save-rate", type=float, default=0)
    ap.add_argument("--enforce-pace", action="store_true",
                    help="answer a request that breaks the pace with 429, as the archive does")
    args = ap.parse_args()
    with open(args.world) as f:
        world = json.load(f)
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    time.sleep(args.lifetime)
    server.shutdown()
    sys.exit(0)


if __name__ == "__main__":
    main()
