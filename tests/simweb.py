#!/usr/bin/env python3
"""A simulated web for citecheck's tests: one server on loopback that plays
many sites, told apart by the Host header, over HTTP and (optionally) HTTPS.

Each path shows one behaviour a link checker meets in the wild. Every request
is logged as a JSON line (time, host, method, path) so tests can count what
was sent and when. The server stops by itself after --lifetime seconds.

Usage: simweb.py --port-file F [--tls-cert C --tls-key K --tls-port-file F2]
                 [--log L] [--lifetime S] [--latency HOST=SECONDS ...] [--default-latency S]
                 [--default-alive] [--dead-host HOST ...] [--pages FILE]
"""
import base64
import argparse
import gzip
import http.server
import json
import os
import socketserver
import ssl
import sys
import threading
import time

counters = {}
counters_lock = threading.Lock()
args = None
log_lock = threading.Lock()


def count(key):
    with counters_lock:
        counters[key] = counters.get(key, 0) + 1
        return counters[key]


def page(title, body="<p>Some text of a page worth citing.</p>", h1=None):
    h = "<h1>%s</h1>" % h1 if h1 else ""
    t = "<title>%s</title>" % title if title is not None else ""
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">%s</head>"
            "<body>%s%s</body></html>" % (t, h, body)).encode()


PAGES = {}  # "host/path" -> {"status", "body", "type"}, from --pages
pages_mtime = None


def load_pages():
    """(Re)reads --pages when the file changed: a test rewrites it between
    runs to make a page change, vanish or fail for a night."""
    global pages_mtime
    if not args.pages:
        return
    with log_lock:
        m = os.stat(args.pages).st_mtime_ns
        if m != pages_mtime:
            with open(args.pages) as f:
                PAGES.clear()
                PAGES.update(json.load(f))
            pages_mtime = m
SOFT_TEMPLATE = page("Example News", "<p>Trang chủ. Tin mới nhất hôm nay.</p>" * 20)

# A news site as many real ones are built: one title for every page, the same
# navigation and footer, pages padded by their template to one length; an
# unknown path answers 200 with a "not found" text that names the path.
GENERIC_WORDS = ("province court ministry river harvest election bridge school hospital festival budget "
                 "teacher farmer factory railway market village council museum report storm flood "
                 "harbour forest library vaccine airport police union tax law clinic road bank").split()


def generic_page(path):
    if path.startswith("/articles/") and path[len("/articles/"):].isdigit():
        n = int(path[len("/articles/"):])
        words = [GENERIC_WORDS[(n * 7 + i * (n + 3)) % len(GENERIC_WORDS)] for i in range(36)]
        main = "<p>Story %d. %s.</p>" % (n, " ".join(words))
    else:
        main = ("<p>Sorry, the page %s could not be found on this site. It may have been moved or deleted. "
                "Please check the address or use the search box above to find what you were looking for.</p>" % path)
    html = ("<!DOCTYPE html><html><head><title>Daily Courier</title></head><body><nav>Home World Politics "
            "Business Sport Weather</nav><main>%s</main><footer>© Daily Courier. All rights reserved.</footer>"
            "</body></html>" % main)
    return (html + "<!--" + "x" * max(0, 1400 - len(html)) + "-->").encode()
GZIP_BOMB = None


def gzip_bomb():
    global GZIP_BOMB
    if GZIP_BOMB is None:
        GZIP_BOMB = gzip.compress(b"\0" * (64 << 20), 9)  # 64 MiB of zeros
    return GZIP_BOMB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "simweb"
    # headers and body go out in two writes; with Nagle on, the second waits
    # for the client's delayed ACK (~40 ms a response): a fake slowness
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k.lower() == "content-type" for k, _ in headers):
            self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.dispatch()

    def do_GET(self):
        self.dispatch()

    def dispatch(self):
        host = (self.headers.get("Host") or "").split(":")[0]
        proxied = self.path.startswith("http://")  # a proxy is sent the whole URL
        if proxied:
            self.path = "/" + self.path.split("/", 3)[3] if self.path.count("/") >= 3 else "/"
        if args.log:
            with log_lock, open(args.log, "a") as f:
                f.write(json.dumps({"t": time.time(), "host": host, "method": self.command,
                                    "tls": isinstance(self.connection, ssl.SSLSocket),
                                    "proxied": proxied, "ua": self.headers.get("User-Agent"),
                                    "token": self.headers.get("X-Test-Token"),
                                    "path": self.path}) + "\n")
        for spec in args.latency:
            h, s = spec.split("=")
            if h == host:
                time.sleep(float(s))
        if args.default_latency and not any(spec.split("=")[0] == host for spec in args.latency):
            time.sleep(args.default_latency)
        if host in args.dead_host:
            return self.send(404, page("Not Found"))
        load_pages()
        if args.pages and host + self.path in PAGES:  # a page the test wrote
            pg = PAGES[host + self.path]
            # body_b64: the bytes of a binary document (a DOCX), base64
            body = base64.b64decode(pg["body_b64"]) if "body_b64" in pg else pg.get("body", "").encode()
            headers = [("Content-Type", pg.get("type", "text/html; charset=utf-8"))]
            if "location" in pg:  # a redirect the test wrote
                headers.append(("Location", pg["location"]))
            return self.send(pg.get("status", 200), body, headers)
        if host.startswith("generic"):
            return self.send(200, generic_page(self.path))
        if self.path.startswith("/hang"):  # on any host: never answers
            time.sleep(args.lifetime)
            return
        if host.startswith("soft."):  # every path answers 200 with the same page
            return self.send(200, SOFT_TEMPLATE)
        p = self.path
        if args.default_alive and host != "example.org":
            # a page of its own at every path; untitled, as the simulator
            # cannot know what the page cited there is called (a made-up
            # title would name another work than every citation does)
            return self.send(200, page(None, "<p>%s %s</p>" % (host, p) * 10))
        if p == "/":
            return self.send(200, page("Example home", "<p>Welcome to the front page.</p>"))
        if p.startswith("/ok"):
            return self.send(200, page("A page about " + host, "<p>Content of %s.</p>" % p))
        if p == "/missing":
            return self.send(404, page("Not Found"))
        # a PDF's URL its text may have wrapped (tests/live.sh): the joined
        # reading answers here, the URL as cut at its line's end does not;
        # and a URL that ends in "_" answers, its joined reading does not
        if p in ("/reports/annual_summary", "/data/set_"):
            return self.send(200, page("Survey " + p, "<p>Tables of %s.</p>" % p))
        if p == "/gone":
            return self.send(410, page("Gone"))
        if p == "/soft-home":  # a deep page redirected to the front page
            return self.send(302, headers=[("Location", "/")])
        if p == "/soft-title":
            return self.send(200, page("Không tìm thấy trang", h1="Trang bạn tìm không tồn tại"))
        if p.startswith("/chain/"):  # /chain/3 -> /chain/2 -> /chain/1 -> /ok-end
            n = int(p.split("/")[2])
            return self.send(301, headers=[("Location", "/chain/%d" % (n - 1) if n > 1 else "/ok-end")])
        if p == "/loop-a":
            return self.send(302, headers=[("Location", "/loop-b")])
        if p == "/loop-b":
            return self.send(302, headers=[("Location", "/loop-a")])
        if p == "/moved":
            return self.send(301, headers=[("Location", "/ok-new-home")])
        if p == "/to-https":  # the same page, moved to TLS
            if isinstance(self.connection, ssl.SSLSocket):
                return self.send(200, page("Now over TLS"))
            return self.send(301, headers=[("Location", "https://%s/to-https" % host)])
        if p == "/to-ftp":
            return self.send(302, headers=[("Location", "ftp://%s/file" % host)])
        if p == "/head-refused":
            if self.command == "HEAD":
                return self.send(405)
            return self.send(200, page("Fine with GET"))
        if p == "/slow":
            time.sleep(3)
            return self.send(200, page("Slow but there"))
        if p == "/429":  # rate limited once, with Retry-After
            if count((host, p)) == 1:
                return self.send(429, page("Too Many Requests"), [("Retry-After", "1")])
            return self.send(200, page("After the wait"))
        if p == "/429-always":
            return self.send(429, page("Too Many Requests"), [("Retry-After", "1")])
        if p == "/429-long":
            return self.send(429, page("Too Many Requests"), [("Retry-After", "3600")])
        if p == "/503-then-200":
            if count((host, p)) == 1:
                return self.send(503, page("Service Unavailable"))
            return self.send(200, page("Back up"))
        if p == "/500-always":
            return self.send(500, page("Internal Server Error"))
        if p == "/bot-wall":
            return self.send(403, page("Just a moment...", "<p>Checking your browser</p>"))
        if p == "/forbidden":
            return self.send(403, page("Forbidden"))
        if p == "/big":  # 64 MiB; citecheck keeps only --max-body of it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(64 << 20))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65533
            try:
                for _ in range(1024):
                    self.wfile.write(chunk[:65536])
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if p == "/gzip-bomb":
            return self.send(200, gzip_bomb(), [("Content-Encoding", "gzip"),
                                                ("Content-Type", "text/html")])
        if p == "/pdf":
            return self.send(200, b"%PDF-1.4\n%binary\n", [("Content-Type", "application/pdf")])
        return self.send(404, page("Not Found"))


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # the default 5 drops connects: the client then waits a second to retry

    def handle_error(self, request, client_address):
        pass  # clients that hang up early (a capped download) are expected


def serve(server):
    server.serve_forever(poll_interval=0.2)


def main():
    global args
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--port", type=int, default=0, help="plain HTTP port (default: any free one)")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--tls-port-file")
    ap.add_argument("--log")
    ap.add_argument("--lifetime", type=float, default=120)
    ap.add_argument("--latency", action="append", default=[])
    ap.add_argument("--default-latency", type=float, default=0,
                    help="seconds every host without a --latency of its own takes to answer")
    ap.add_argument("--dead-host", action="append", default=[])
    ap.add_argument("--pages", help="JSON file: {\"host/path\": {\"status\": N, \"body\": S, \"type\": T, \"location\": L}}")
    ap.add_argument("--default-alive", action="store_true",
                    help="hosts other than example.org answer 200 with a page of their own at every path")
    args = ap.parse_args()
    load_pages()
    servers = []
    plain = Server(("127.0.0.1", args.port), Handler)
    servers.append(plain)
    if args.tls_cert:
        tls = Server(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        servers.append(tls)
        with open(args.tls_port_file + ".tmp", "w") as f:
            f.write(str(tls.server_address[1]))
        os.rename(args.tls_port_file + ".tmp", args.tls_port_file)
    for s in servers:
        threading.Thread(target=serve, args=(s,), daemon=True).start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(plain.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    time.sleep(args.lifetime)  # then stop, whatever the tests did
    for s in servers:
        s.shutdown()
    sys.exit(0)


if __name__ == "__main__":
    main()
