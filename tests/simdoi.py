#!/usr/bin/env python3
"""A simulated DOI resolver and registration agencies for citecheck's tests,
on loopback, answering as the real ones do (doi.org's content negotiation,
Crossref's and DataCite's CSL-JSON):

- the resolver, GET /<doi>: with an Accept naming
  application/vnd.citationstyles.csl+json, a 302 to the DOI's agency (as
  doi.org sends Crossref DOIs to api.crossref.org/v1/works/<doi>/transform);
  with any other Accept, a 302 to the work's landing page (the registered
  URL); a DOI no one registered: 404 with doi.org's HTML "DOI Not Found"
  page. DOIs match case-insensitively, as the DOI system's do.
- Crossref, GET /crossref/v1/works/<doi>/transform: 200,
  application/vnd.citationstyles.csl+json, the work as Crossref's CSL-JSON
  (type, title, author with given/family/sequence, issued and
  published-print/-online date-parts, container-title, DOI, URL), with its
  rate-limit headers;
- DataCite, GET /datacite/application/vnd.citationstyles.csl+json/<doi>:
  DataCite's CSL-JSON (a dataset: literal or family/given authors, issued);
- an agency that offers no metadata: the landing page (HTML) for the
  "no_csl" DOIs, whatever is asked;
- scripted failures: the "fail" DOIs answer 429 (Retry-After 1) or 503 the
  first N times;
- Crossref's REST API search, GET /works?query.bibliographic=&rows=[&mailto=]
  [&select=]: {"status": "ok", "message-type": "work-list", "message":
  {"total-results", "items": [...], "items-per-page", "query"}}, each item
  as Crossref writes it (DOI, title and container-title as arrays, author,
  issued/published-print/-online date-parts, type as Crossref names it:
  journal-article, dataset, ..., score), the Crossref works that share words
  with the query, best first (as the real search, it returns what is
  nearest, not what matches: validating is the client's job), at most
  rows; the pool's headers: x-rate-limit-limit, x-rate-limit-interval,
  x-concurrency-limit and x-api-pool, "public" (5 a second, 1 at once) or,
  with a mailto parameter or "mailto:" in the User-Agent, "polite" (10 a
  second, 3 at once), as Crossref documents them (2025); a request over the
  pool's concurrency is answered 429 and logged as a violation; the first
  "works_fail" {"status", "count"} searches answer that status
  (Retry-After 1); an unknown route, 404 "Resource not found.".

The world comes from a JSON file: {"works": {DOI: {"agency": "crossref" |
"datacite" | "none", "csl": {...}}}, "fail": {DOI: {"status": 429, "count":
N}}, "rate_limit": {"limit": "50", "interval": "1s"} (Crossref's headers)}. Every request is logged as a JSON line (path, Accept). The server
stops by itself after --lifetime seconds.
"""
import argparse
import http.server
import json
import socketserver
import threading
import time
import urllib.parse

args = None
world = {}
lock = threading.Lock()
failures = {}

NOT_FOUND = b"""<!DOCTYPE html>
<html lang="en"><head><title>Error: DOI Not Found</title></head>
<body><h1>DOI Not Found</h1>
<p>This DOI cannot be found in the DOI System.</p></body></html>
"""


def work(doi):
    for k, v in world.get("works", {}).items():
        if k.lower() == doi.lower():
            return k, v
    return None, None


in_flight = 0
works_failed = 0
CSL_TO_CROSSREF = {"article-journal": "journal-article", "dataset": "dataset", "book": "book",
                   "chapter": "book-chapter", "paper-conference": "proceedings-article", "report": "report"}


def words(s):
    return set("".join(c.lower() if c.isalnum() else " " for c in s).split())


def crossref_item(doi, csl, score):
    """A work as Crossref's REST API writes it, from the world's CSL-JSON."""
    item = {"DOI": doi, "type": CSL_TO_CROSSREF.get(csl.get("type"), "other"), "score": score}
    if csl.get("title"):
        item["title"] = [csl["title"]]
    if csl.get("container-title"):
        item["container-title"] = [csl["container-title"]]
    for k in ("author", "issued", "published-print", "published-online"):
        if k in csl:
            item[k] = csl[k]
    return item


def search(query, rows):
    """The Crossref works nearest the query: those sharing its words, by
    how many, then by DOI (a stable order)."""
    q = words(query)
    scored = []
    for doi, w in world.get("works", {}).items():
        if w["agency"] != "crossref":
            continue
        csl = w["csl"]
        text = " ".join([csl.get("title", ""), csl.get("container-title", "")] +
                        [a.get("family", a.get("literal", "")) for a in csl.get("author", [])])
        shared = len(q & words(text))
        if shared:
            scored.append((-shared, doi, crossref_item(doi, csl, round(10.0 * shared, 3))))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [s[2] for s in scored[:rows]]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def do_GET(self):
        split = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(split.path)
        accept = self.headers.get("Accept", "")
        if path == "/works":
            return self.works(urllib.parse.parse_qs(split.query))
        with lock, open(args.log, "a") as f:
            f.write(json.dumps({"t": time.time(), "path": path, "accept": accept}) + "\n")
        for prefix, agency in (("/crossref/v1/works/", "crossref"),
                               ("/datacite/application/vnd.citationstyles.csl+json/", "datacite")):
            if path.startswith(prefix):
                doi = path[len(prefix):]
                if agency == "crossref" and doi.endswith("/transform"):
                    doi = doi[:-len("/transform")]
                return self.agency(agency, doi)
        if path.startswith("/landing/"):
            return self.send(200, b"<html><head><title>A landing page</title></head><body>An article</body></html>")
        doi = path[1:]
        key, w = work(doi)
        if not w:
            return self.send(404, NOT_FOUND)
        with lock:
            fail = world.get("fail", {}).get(key)
            if fail and failures.get(key, 0) < fail["count"]:
                failures[key] = failures.get(key, 0) + 1
                return self.send(fail["status"], b"busy", "text/plain", [("Retry-After", "1")])
        enc = urllib.parse.quote(key, safe="/")
        if "application/vnd.citationstyles.csl+json" not in accept or w["agency"] == "none":
            return self.send(302, b"", headers=[("Location", self.base() + "/landing/" + enc)])
        target = {"crossref": "/crossref/v1/works/%s/transform",
                  "datacite": "/datacite/application/vnd.citationstyles.csl+json/%s"}[w["agency"]]
        self.send(302, b"", headers=[("Location", self.base() + target % enc)])

    def works(self, query):
        global in_flight, works_failed
        ua = self.headers.get("User-Agent", "")
        polite = "mailto" in query or "mailto:" in ua
        limit, concurrency = ("10", 3) if polite else ("5", 1)
        headers = [("x-rate-limit-limit", limit), ("x-rate-limit-interval", "1s"),
                   ("x-concurrency-limit", str(concurrency)), ("x-api-pool", "polite" if polite else "public")]
        with lock:
            in_flight += 1
            over = in_flight > concurrency
            fail = world.get("works_fail")
            failing = bool(fail) and works_failed < fail["count"] and not over
            if failing:
                works_failed += 1
            with open(args.log, "a") as f:
                f.write(json.dumps({"t": time.time(), "path": "/works", "query": query, "ua": ua,
                                    "pool": "polite" if polite else "public", "violation": over}) + "\n")
        try:
            time.sleep(0.05)  # a search takes time: requests at once overlap
            if over:
                return self.send(429, b"Too many concurrent requests", "text/plain", headers)
            if failing:
                return self.send(fail["status"], b"busy", "text/plain", headers + [("Retry-After", "1")])
            q = query.get("query.bibliographic", [""])[0]
            rows = int(query.get("rows", ["20"])[0])
            items = search(q, rows)
            body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                    "message": {"facets": {}, "total-results": len(items), "items": items,
                                "items-per-page": rows, "query": {"start-index": 0, "search-terms": q}}}
            self.send(200, json.dumps(body).encode(), "application/json", headers)
        finally:
            with lock:
                in_flight -= 1

    def agency(self, agency, doi):
        key, w = work(doi)
        if not w or w["agency"] != agency:
            return self.send(404, b"Resource not found.", "text/plain")
        body = json.dumps(dict(w["csl"], DOI=key)).encode()
        rl = world.get("rate_limit", {"limit": "50", "interval": "1s"})
        headers = [("X-Rate-Limit-Limit", rl["limit"]), ("X-Rate-Limit-Interval", rl["interval"])] \
            if agency == "crossref" else []
        self.send(200, body, "application/vnd.citationstyles.csl+json", headers)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global args, world
    p = argparse.ArgumentParser()
    p.add_argument("--world", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--lifetime", type=float, default=120)
    args = p.parse_args()
    with open(args.world) as f:
        world = json.load(f)
    srv = Server(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(args.port_file + ".tmp", args.port_file)
    threading.Timer(args.lifetime, srv.shutdown).start()
    srv.serve_forever()


main()
