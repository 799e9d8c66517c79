#!/bin/sh
# Archive-stage benchmark (issue: Wayback Machine). Prints figures; run as root
# (it makes a private network namespace with loopback only).
#
# A world with ground truth, generated here from a fixed seed: 400 cited pages
# on 20 hosts, all accessed 2024-02-20.
#   - 160 alive and unchanged: the live page keeps the snapshot's article; its
#     navigation, footer and one "updated" line differ, and a quarter of them
#     gained a new closing paragraph (about 10% more text);
#   - 100 alive and changed: the article was replaced (60) or more than half
#     of its paragraphs were rewritten (40);
#   - 80 dead with a snapshot: a 200 capture 10 days before the access date
#     and one 200 days after; for 20 of them the nearest capture (1 day
#     before) is an archived 404, so the right snapshot (30 days before) must
#     come from the CDX index;
#   - 60 dead and never archived;
#   - 20 dead whose nearest capture (1 day before) is of the site answering
#     503 that day (replayed with that status and Memento-Datetime): an
#     archived error page, to look past, never the archive refusing us;
#   - 10 dead on sites excluded from the archive (a 200 page saying so);
#   - 10 dead whose nearest capture is an archived 404 and whose closest 200
#     row in the index is a deduplicated revisit (status "-") 5 days before;
#   - 40 PDFs, alive: 20 generated again with the same text (other bytes),
#     20 that lost the second half of their text since.
# The simulated web (tests/simweb.py) serves the live pages, the simulated
# Wayback Machine (tests/simwayback.py) the captures, and counts requests that
# come faster than the configured pace.
#
# Figures: precision and recall of "changed" (over alive pages with a
# snapshot), the share of dead archived links given the right snapshot, the
# share of dead unarchived links called so, archive requests per lookup, pace
# violations, and the archive stage's wall time against the least the pace
# allows (replay requests / replay rate, CDX requests / CDX rate, whichever is
# larger). The simulated archive answers a request that breaks its pace with
# its own 429, as the real one does: the rate-limit answers are counted.
# Targets: >= 0.95, >= 0.95, <= 2.5 per URL, 0, <= 1.2x.
#
# Usage: bench/archive.sh [BUILD_DIR]
#   needs: apt-get install time python3 iproute2
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/${1:-build}/citecheck
out=$top/bench/out/archive
if [ -z "${CITECHECK_BENCH_NS:-}" ]; then
	exec env CITECHECK_BENCH_NS=1 unshare -n sh "$0" "$@"
fi
ip link set lo up
rm -rf "$out"
mkdir -p "$out"
cd "$out"

PYTHONPATH="$top/tests" python3 - <<'PY'
import json, random
from minipdf import mkpdf, lines_of
rnd = random.Random(88)
VOCAB = ("ministry report press freedom province journalist detained court hearing lawyer statement decree "
         "security platform data removal order committee newspaper license blogger charge article law "
         "assembly investment labour union strike factory wage worker inspection police arrest protest "
         "land farmer compensation petition election candidate delegate budget river dam drought").split()
def para(n=40):
    return " ".join(rnd.choice(VOCAB) for _ in range(n)) + "."
def page(title, nav, paras, footer, updated=""):
    body = "".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body><nav>%s</nav><main><h1>%s</h1>"
            "<p class=\"meta\">%s</p>%s</main><aside>Related: %s</aside><footer>%s</footer></body></html>"
            % (title, nav, title, updated, body, para(8), footer))
pages, captures, truth, refs = {}, {}, {}, []
kinds = ["same"] * 160 + ["replaced"] * 60 + ["rewritten"] * 40 + ["dead-archived"] * 60 + \
        ["dead-cdx"] * 20 + ["dead-lost"] * 60 + ["dead-errcapture"] * 20 + ["dead-excluded"] * 10 + \
        ["dead-revisit"] * 10 + ["pdf-same"] * 20 + ["pdf-cut"] * 20
excluded = []
NOTFOUND = {"status": 404, "body": "<html><title>Not Found</title></html>"}
rnd.shuffle(kinds)
for i, kind in enumerate(kinds):
    host = "h%d.example" % (i % 20)
    path = "/news/%d/story-%d.html" % (2023, i)
    url = "http://%s%s" % (host, path)
    title = "Story %d %s" % (i, rnd.choice(VOCAB))
    paras = [para() for _ in range(rnd.randint(4, 9))]
    snap = page(title, "Home News 2024", paras, "(c) 2024", "Updated 2024-02-01")
    if kind == "same":
        live_paras = paras + ([para()] if i % 4 == 0 else [])
        live = page(title, "Home World Sport 2026", live_paras, "(c) 2026", "Updated 2026-11-01")
        pages[host + path] = {"body": live}
        captures[url] = [{"ts": "20240210093000", "status": 200, "body": snap},
                         {"ts": "20240908000000", "status": 200, "body": snap}]
    elif kind == "replaced":
        pages[host + path] = {"body": page("Other %d" % i, "Home", [para() for _ in range(5)], "(c) 2026")}
        captures[url] = [{"ts": "20240210093000", "status": 200, "body": snap}]
    elif kind == "rewritten":
        keep = len(paras) // 3
        live_paras = paras[:keep] + [para() for _ in range(len(paras) - keep)]
        pages[host + path] = {"body": page(title, "Home", live_paras, "(c) 2026")}
        captures[url] = [{"ts": "20240210093000", "status": 200, "body": snap}]
    elif kind == "dead-archived":
        pages[host + path] = {"status": 404, "body": "<html><title>Not Found</title></html>"}
        captures[url] = [{"ts": "20240210120000", "status": 200, "body": snap},
                         {"ts": "20240907000000", "status": 200, "body": snap}]
    elif kind == "dead-cdx":
        pages[host + path] = {"status": 404, "body": "<html><title>Not Found</title></html>"}
        captures[url] = [{"ts": "20240121000000", "status": 200, "body": snap},
                         {"ts": "20240219000000", "status": 404, "body": "gone"},
                         {"ts": "20250325000000", "status": 200, "body": snap}]
    elif kind == "dead-errcapture":
        pages[host + path] = NOTFOUND
        captures[url] = [{"ts": "20240121000000", "status": 200, "body": snap},
                         {"ts": "20240219000000", "status": 503, "body": "<html><title>Service Unavailable</title></html>"}]
    elif kind == "dead-excluded":
        pages[host + path] = NOTFOUND
        excluded.append(url)
    elif kind == "dead-revisit":
        pages[host + path] = NOTFOUND
        captures[url] = [{"ts": "20240110000000", "status": 200, "body": snap},
                         {"ts": "20240215000000", "status": 200, "revisit": True, "body": snap},
                         {"ts": "20240219000000", "status": 404, "body": "gone"}]
    elif kind in ("pdf-same", "pdf-cut"):
        path = path.replace(".html", ".pdf")
        url = "http://%s%s" % (host, path)
        words = " ".join(paras[:4]).replace(".", "").split()
        old = mkpdf(lines_of(words), "20240210")
        new = mkpdf(lines_of(words if kind == "pdf-same" else words[:len(words) // 2]), "20261101")
        pages[host + path] = {"body": new, "type": "application/pdf"}
        captures[url] = [{"ts": "20240210093000", "status": 200, "body": old, "type": "application/pdf"}]
    else:
        pages[host + path] = NOTFOUND
    truth[url] = kind
    refs.append("- <sup>%d</sup> Agency (2024, Feb. 1). %s. Retrieved Feb. 20, 2024, from <%s>" % (i + 1, title, url))
cites = " ".join("<sup>%d</sup>" % (i + 1) for i in range(len(kinds)))
open("doc.md", "w").write("# Report\n\nClaims.%s\n\n# REFERENCES\n\n%s\n" % (cites, "\n".join(refs)))
json.dump(pages, open("pages.json", "w"))
json.dump({"captures": captures, "excluded": excluded}, open("world.json", "w"))
json.dump(truth, open("truth.json", "w"))
PY

replay_rate=20
cdx_rate_min=120
if [ -n "${CITECHECK_BENCH_SMOKE:-}" ]; then # the tests' smoke run: the same world, faster pace
	replay_rate=100
	cdx_rate_min=1200
fi
python3 "$top/tests/simweb.py" --port-file port --pages pages.json --log web.log --lifetime 600 &
web=$!
python3 "$top/tests/simwayback.py" --port-file wport --world world.json --log wb.log --lifetime 600 \
	--replay-rate $replay_rate --cdx-rate $((cdx_rate_min / 60)) --enforce-pace &
wb=$!
trap 'kill $web $wb 2> /dev/null' EXIT
while [ ! -s port ] || [ ! -s wport ]; do sleep 0.1; done
P=$(cat port)
W=$(cat wport)

map=
for i in $(seq 0 19); do map="$map --connect-to h$i.example::127.0.0.1:$P"; done
/usr/bin/time -f "%e s, %M KB" -o time.txt "$bin" -q $map --no-probe \
	--wayback "http://127.0.0.1:$W" --archive-rate $replay_rate --cdx-rate $cdx_rate_min -o report.json doc.md || true

python3 - "$replay_rate" "$cdx_rate_min" <<'PY'
import json, sys
replay_rate, cdx_rate = float(sys.argv[1]), float(sys.argv[2]) / 60
truth = json.load(open("truth.json"))
rep = json.load(open("report.json"))
links = {l["url"]: l for d in rep["documents"] for r in d["references"] for l in r["links"]}
tp = fp = fn = 0
dtp = dfp = dfn = 0  # documents (PDF) alone
right = dead_arch = lost_ok = dead_lost = excl_ok = excl = 0
expect_ts = {"dead-archived": "2024-02-10T12:00:00Z", "dead-cdx": "2024-01-21T00:00:00Z",
             "dead-errcapture": "2024-01-21T00:00:00Z", "dead-revisit": "2024-02-15T00:00:00Z"}
right_kind = {}
for url, kind in truth.items():
    l = links[url]
    changed = l["drift"]["verdict"] == "changed"
    if kind in ("same", "replaced", "rewritten", "pdf-same", "pdf-cut"):
        is_change = kind not in ("same", "pdf-same")
        if changed and is_change: tp += 1
        elif changed: fp += 1
        elif is_change: fn += 1
        if kind.startswith("pdf-"):
            dtp += changed and is_change
            dfp += changed and not is_change
            dfn += is_change and not changed
    elif kind == "dead-excluded":
        excl += 1
        excl_ok += l["archive"]["verdict"] == "not-archived" and l["archive"]["reason"] == "excluded"
    elif kind in expect_ts:
        dead_arch += 1
        sug = [p.get("suggestion") for p in l["problems"] if p["code"] == "dead-archived"]
        ok = bool(sug) and l["archive"].get("snapshot_time") == expect_ts[kind] and sug[0] == l["archive"]["snapshot_url"]
        right += ok
        n, k = right_kind.get(kind, (0, 0))
        right_kind[kind] = (n + ok, k + 1)
    else:
        dead_lost += 1
        lost_ok += any(p["code"] == "dead-unarchived" for p in l["problems"])
log = [json.loads(x) for x in open("wb.log")]
replay = [e for e in log if e["endpoint"] == "replay"]
cdx = [e for e in log if e["endpoint"] == "cdx"]
violations = sum(e["violation"] for e in log)
t0 = min(e["t"] for e in log); t1 = max(e["t"] for e in log)
bound = max((len(replay) - 1) / replay_rate, (len(cdx) - 1) / cdx_rate if cdx else 0)
lookups = rep["summary"]["archive"]["lookups"]
print("archive stage, %d cited pages (%d lookups)" % (len(truth), lookups))
print("  changed: precision %.3f (%d/%d), recall %.3f (%d/%d)" % (tp / max(tp + fp, 1), tp, tp + fp, tp / max(tp + fn, 1), tp, tp + fn))
print("    of which PDFs (20 regenerated with the same text, 20 cut): precision %.3f (%d/%d), recall %.3f (%d/%d)"
      % (dtp / max(dtp + dfp, 1), dtp, dtp + dfp, dtp / max(dtp + dfn, 1), dtp, dtp + dfn))
sims = {}
for url, kind in truth.items():
    s = links[url]["drift"].get("similarity")
    if s is not None:
        sims.setdefault(kind, []).append(s)
print("  similarity by ground truth: " + ", ".join("%s %.3f-%.3f" % (k, min(v), max(v)) for k, v in sorted(sims.items())))
print("  dead and archived: right snapshot suggested %.3f (%d/%d): %s" % (right / dead_arch, right, dead_arch,
      ", ".join("%s %d/%d" % (k, n, t) for k, (n, t) in sorted(right_kind.items()))))
print("  dead on excluded sites: not-archived/excluded %.3f (%d/%d)" % (excl_ok / excl, excl_ok, excl))
false_dead = sum(1 for url, kind in truth.items() if not kind.startswith("dead") and links[url]["live"]["verdict"] == "dead")
print("  false dead: %d of %d alive pages" % (false_dead, sum(1 for k in truth.values() if not k.startswith("dead"))))
print("  dead and never archived: said so %.3f (%d/%d)" % (lost_ok / dead_lost, lost_ok, dead_lost))
print("  archive requests: %d replay + %d CDX = %.2f per lookup" % (len(replay), len(cdx), (len(replay) + len(cdx)) / lookups))
print("  pace violations: %d (replay %g/s, CDX %g/s); rate-limit answers (429) from the archive: %d" % (violations, replay_rate, cdx_rate, violations))
print("  archive stage wall time %.2f s; the pace allows %.2f s at best: %.2fx" % (t1 - t0, bound, (t1 - t0) / bound))
PY
echo "  whole run: $(cat time.txt)"
