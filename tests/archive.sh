#!/bin/sh
# The archive stage end to end: the real binary against the simulated web
# (simweb.py, pages written here) and the simulated Wayback Machine
# (simwayback.py, captures written here), inside a private network namespace.
# Expectations come from the world below: which captures exist, when, with
# which status, and which text the live pages and the captures hold.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns archive
tmp=$(mktemp -d)
wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# The world. Article texts are long enough for 5-word shingles; "stable" keeps
# its article and changes only its navigation and footer, "rewritten" is a
# different article now.
PYTHONPATH="$testdir" python3 - <<'PY'
import json
from minipdf import mkpdf, lines_of
def art(words):
    return "<p>" + " ".join(words) + "</p>"
A = ("The ministry published its annual report on press freedom in the northern provinces, "
     "listing forty cases of journalists detained for their reporting and eleven newspapers "
     "closed by order of the provincial committees during the year under review.").split()
B1 = ("Officials announced a new decree on cybersecurity that requires every foreign platform "
      "to store user data inside the country and to remove flagged posts within twenty four hours.").split()
B2 = ("This page now describes a tourism festival with music, lanterns and food stalls along the river, "
      "open to visitors every evening in the spring season with free entry.").split()
C = ("A statement by the lawyers of the detained blogger explained the charges and the dates of the "
     "hearings that the court had postponed three times without giving reasons.").split()
D = ("Quốc hội thông qua luật an ninh mạng với nhiều điều khoản về dữ liệu cá nhân và trách nhiệm "
     "của các doanh nghiệp nước ngoài hoạt động tại Việt Nam.").split()
def page(title, nav, main, footer="Contact us"):
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body><nav>%s</nav><main><h1>%s</h1>%s</main>"
            "<footer>%s</footer></body></html>" % (title, nav, title, main, footer))
PDF = "%PDF-1.4\n%binary-ish report body\n1 0 obj << >> endobj\n"
def mkdocx(paragraphs, made):
    """A DOCX of these paragraphs, base64 (its core properties date it)."""
    import base64, io, zipfile
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % p for p in paragraphs)
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (w, body))
        z.writestr("docProps/core.xml", "<core><created>%s</created></core>" % made)
    return base64.b64encode(b.getvalue()).decode()
T_A, T_B, T_C, T_D = "Press freedom report", "Decree on cybersecurity", "Statement of the lawyers", "Luật an ninh mạng"
pages = {
    "example.org/article/stable": {"body": page(T_A, "Home News Sport Weather 2026", art(A), "© 2026")},
    "example.org/article/rewritten": {"body": page("Spring festival", "Home", art(B2))},
    "example.org/article/removed": {"status": 404, "body": "<html><title>Not Found</title></html>"},
    "example.org/article/vanished": {"status": 404, "body": "<html><title>Not Found</title></html>"},
    "example.org/article/flaky": {"body": page(T_D, "Trang chủ", art(D))},
    "example.org/article/badcdx": {"body": page("Bad index", "Home", art(A[:20]))},
    "example.org/article/only404": {"body": page("Only errors archived", "Home", art(C[:20]))},
    "example.org/article/excluded": {"status": 404, "body": "<html><title>Not Found</title></html>"},
    "example.org/report.pdf": {"body": PDF, "type": "application/pdf"},
    "example.org/article/new": {"body": page("Brand new", "Home", art(B1))},
    "example.org/article/only-snapshot": {"body": page(T_C, "Home", art(C))},
    "example.org/article/err429": {"body": page(T_A, "Home", art(A))},
    "example.org/article/err503": {"body": page(T_A, "Home", art(A))},
    "example.org/article/err403": {"body": page(T_A, "Home", art(A))},
    "example.org/article/excluded-legacy": {"body": page("Excluded", "Home", art(C))},
    "example.org/article/stale-tail": {"body": page(T_A, "Home", art(A))},
    "example.org/article/revisit": {"body": page(T_A, "Home", art(A))},
    "example.org/article/variant": {"body": page(T_A, "Home", art(A))},
    "example.org/article/shifted": {"body": page(T_A, "Home", art(A))},
    # 23-25: documents compared by their text: a PDF made again with the same
    # text, a PDF whose second half went, a DOCX whose text is the same
    "example.org/docs/same.pdf": {"body": mkpdf(lines_of(A), "20240101"), "type": "application/pdf"},
    "example.org/docs/cut.pdf": {"body": mkpdf(lines_of(A), "20240101"), "type": "application/pdf"},
    "example.org/docs/same.docx": {"body_b64": mkdocx([" ".join(A), " ".join(C)], "2024-01-01"),
                                   "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}
u = lambda p: "http://example.org/" + p
world = {
    "captures": {
        u("article/stable"): [
            {"ts": "20230518040448", "status": 200, "body": page(T_A, "Home News 2023", art(A), "© 2023")},
            {"ts": "20240101000000", "status": 200, "body": page(T_A, "Home", art(A + B1))},
        ],
        u("article/rewritten"): [{"ts": "20230510120000", "status": 200, "body": page(T_B, "Home", art(B1))}],
        u("article/removed"): [{"ts": "20230301000000", "status": 200, "body": page(T_C, "Home", art(C))}],
        u("article/flaky"): [
            {"ts": "20230101000000", "status": 200, "body": page(T_D, "Trang chủ", art(D))},
            {"ts": "20230519000000", "status": 404, "body": "<html><title>Not Found</title></html>"},
        ],
        u("article/badcdx"): [{"ts": "20230519000000", "status": 404, "body": "gone"}],
        u("article/only404"): [{"ts": "20230519000000", "status": 404, "body": "gone"}],
        u("article/only-snapshot"): [{"ts": "20230301000000", "status": 200, "body": page(T_C, "Home", art(C))}],
        u("report.pdf"): [{"ts": "20230515000000", "status": 200, "body": PDF, "type": "application/pdf"}],
        u("docs/same.pdf"): [{"ts": "20230515000000", "status": 200, "body": mkpdf(lines_of(A), "20230515"),
                              "type": "application/pdf"}],
        u("docs/cut.pdf"): [{"ts": "20230515000000", "status": 200, "body": mkpdf(lines_of(A + C), "20230515"),
                             "type": "application/pdf"}],
        u("docs/same.docx"): [{"ts": "20230515000000", "status": 200,
                               "body_b64": mkdocx([" ".join(A), " ".join(C)], "2023-05-15"),
                               "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}],
        # the nearest capture is of the site answering 429, 503 or 403 that day
        **{u("article/err%d" % s): [
            {"ts": "20230101000000", "status": 200, "body": page(T_A, "Home", art(A))},
            {"ts": "20230519000000", "status": s, "body": "<html><title>Error %d</title></html>" % s},
        ] for s in (429, 503, 403)},
        # the index's limit=-1 answers the 2017 row although March 2023 exists
        u("article/stale-tail"): [
            {"ts": "20170101000000", "status": 200, "body": page(T_A, "Home", art(A))},
            {"ts": "20230301000000", "status": 200, "body": page(T_A, "Home", art(A))},
            {"ts": "20230519000000", "status": 404, "body": "gone"},
        ],
        # April's capture is a revisit of January's: the same page, deduplicated
        u("article/revisit"): [
            {"ts": "20230101000000", "status": 200, "body": page(T_A, "Home", art(A))},
            {"ts": "20230401000000", "status": 200, "revisit": True, "body": page(T_A, "Home", art(A))},
            {"ts": "20230519000000", "status": 404, "body": "gone"},
        ],
        # 26: captured as https://www.example.org/…: the same page to the archive
        "https://www.example.org/article/variant": [
            {"ts": "20230510000000", "status": 200, "body": page(T_A, "Home", art(A))},
        ],
        # 27: the index lists March, whose replay is January's capture
        u("article/shifted"): [
            {"ts": "20230101000000", "status": 200, "body": page(T_A, "Home", art(A))},
            {"ts": "20230301000000", "status": 200, "body": page(T_A, "Home", art(A))},
            {"ts": "20230519000000", "status": 404, "body": "gone"},
        ],
    },
    "replay_shift": {u("article/shifted"): {"from": "20230301000000", "to": "20230101000000"}},
    "cdx_stale_tail": [u("article/stale-tail")],
    "location_style": {u("article/err429"): "path", u("article/err503"): "scheme"},
    "gzip": [u("article/err403"), u("article/stable")],
    "excluded": [u("article/excluded")],
    "excluded_legacy": [u("article/excluded-legacy")],
    "malformed_cdx": [u("article/badcdx")],
    "keys": "test-access:s3cr3t-k3y",
}
json.dump(pages, open("pages.json", "w"))
json.dump(world, open("world.json", "w"))
for name, spec in [("w429", {"replay_429": {"count": 1, "retry_after": 1}}),
                   ("w429bare", {"replay_429": {"count": 1, "retry_after": None}}),
                   ("w429always", {"replay_429": {"count": 1000, "retry_after": None}}),
                   ("wsave429", {"save_429": {"count": 1000, "retry_after": None}})]:
    w = dict(world)
    w.update(spec)
    json.dump(w, open(name + ".json", "w"))
PY

make_cert "DNS:example.org"
start_simweb --pages pages.json
# start_wayback WORLD LOG RATES…: the simulated archive (stopping the one
# before, if any); sets $W, $wayback, and $map, the options that send
# citecheck to both servers at 8 replay requests a second and 2 CDX
start_wayback() {
	[ -z "$wayback" ] || kill $wayback
	start_simwayback "$@"
	map="--connect-to example.org:80:127.0.0.1:$P --no-probe --wayback http://127.0.0.1:$W --archive-rate 8 --cdx-rate 120"
}
start_wayback world.json wb.log --replay-rate 8 --cdx-rate 2
WB="http://127.0.0.1:$W"

cat > doc.md <<DOC
# A brief

Claims.<sup>1</sup> <sup>2</sup> <sup>3</sup> <sup>4</sup> <sup>5</sup> <sup>6</sup> <sup>7</sup> <sup>8</sup> <sup>9</sup> <sup>10</sup> <sup>11</sup> <sup>12</sup> <sup>13</sup> <sup>14</sup> <sup>15</sup> <sup>16</sup> <sup>17</sup> <sup>18</sup> <sup>19</sup> <sup>20</sup> <sup>21</sup> <sup>22</sup> <sup>23</sup> <sup>24</sup> <sup>25</sup> <sup>26</sup> <sup>27</sup>

# REFERENCES

- <sup>1</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/stable>
- <sup>2</sup> Ministry (2023, May 1). Decree on cybersecurity. Retrieved May 20, 2023, from <http://example.org/article/rewritten>
- <sup>3</sup> Lawyers (2023, Feb. 1). Statement of the lawyers. Retrieved May 20, 2023, from <http://example.org/article/removed>
- <sup>4</sup> Lawyers (2023, Feb. 1). Another statement. Retrieved May 20, 2023, from <http://example.org/article/vanished>
- <sup>5</sup> Quốc hội (2023, Jan. 1). Luật an ninh mạng. Retrieved May 20, 2023, from <http://example.org/article/flaky>
- <sup>6</sup> Somebody (2023, Jan. 1). Bad index. Retrieved May 20, 2023, from <http://example.org/article/badcdx>
- <sup>7</sup> Somebody (2023, Jan. 1). Only errors archived. Retrieved May 20, 2023, from <http://example.org/article/only404>
- <sup>8</sup> Somebody (2023, Jan. 1). Excluded. Retrieved May 20, 2023, from <http://example.org/article/excluded>
- <sup>9</sup> Ministry (2023, May 1). The report as PDF. Retrieved May 20, 2023, from <http://example.org/report.pdf>
- <sup>10</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <$WB/web/2/http://example.org/article/stable>
- <sup>11</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <$WB/web/20230518040448/http://example.org/article/stable>
- <sup>12</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <$WB/web/20230518000000/http://example.org/article/stable>
- <sup>13</sup> Lawyers (2023, Feb. 1). Statement of the lawyers. Retrieved May 20, 2023, from <$WB/save/http://example.org/article/removed>
- <sup>14</sup> Somebody (2023, Jan. 1). Brand new. Retrieved May 20, 2023, from <http://example.org/article/new>
- <sup>15</sup> Lawyers (2023, Feb. 1). Statement of the lawyers. Retrieved May 20, 2023, from <$WB/web/20230301000000/http://example.org/article/only-snapshot>
- <sup>16</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/err429>
- <sup>17</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/err503>
- <sup>18</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/err403>
- <sup>19</sup> Somebody (2023, Jan. 1). Excluded. Retrieved May 20, 2023, from <http://example.org/article/excluded-legacy>
- <sup>20</sup> Ministry. Press freedom report. <$WB/web/2023/http://example.org/article/stable>
- <sup>21</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/stale-tail>
- <sup>22</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/revisit>
- <sup>23</sup> Ministry (2023, May 1). The report, made again. Retrieved May 20, 2023, from <http://example.org/docs/same.pdf>
- <sup>24</sup> Ministry (2023, May 1). The report, cut. Retrieved May 20, 2023, from <http://example.org/docs/cut.pdf>
- <sup>25</sup> Ministry (2023, May 1). The report in Word. Retrieved May 20, 2023, from <http://example.org/docs/same.docx>
- <sup>26</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/variant>
- <sup>27</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/shifted>
DOC

"$bin" -q $map -o out.json doc.md 2> err.txt
expect "exit 1: dead links and error findings" "$?" 1
q() { jq -r "$1" out.json; }
# n FOOTNOTE FIELD: a field of footnote N's link
n() { jq -r --arg f "$1" ".documents[0].references[] | select(.footnote == \$f) | .links[0] | $2" out.json; }

# 1: alive, archived 2023-05-18 (the nearest of two captures to May 20), unchanged
expect "fn1 archived via replay" "$(n 1 '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time)"')" \
	"archived replay 2023-05-18T04:04:48Z"
expect "fn1 snapshot to cite" "$(n 1 .archive.snapshot_url)" "$WB/web/20230518040448/http://example.org/article/stable"
expect "fn1 target: the access date" "$(n 1 '"\(.archive.target_time) \(.archive.target_from) \(.archive.side)"')" \
	"2023-05-20T00:00:00Z accessed before"
# 20230518040448 → 20230520000000: 1 day 19 h 55 min 12 s = 1.83 days
expect "fn1 distance in days" "$(n 1 .archive.distance_days)" "1.8"
expect "fn1 unchanged: only navigation and footer differ" "$(n 1 '"\(.drift.verdict) \(.drift.similarity)"')" \
	"unchanged 1"
expect "fn1 title found on both" "$(n 1 '.drift.title_found | "\(.live) \(.snapshot)"')" "true true"
# 2: alive, archived, the article replaced
expect "fn2 changed" "$(n 2 '"\(.drift.verdict) \(.drift.similarity)"')" "changed 0"
expect_match "fn2 lost text: the cited decree's heading and text" "$(n 2 .drift.lost_text)" \
	"^Decree on cybersecurity Officials announced a new decree"
expect "fn2 title: gone from the live page, on the snapshot" "$(n 2 '.drift.title_found | "\(.live) \(.snapshot)"')" \
	"false true"
expect "fn2 content-changed finding, with the snapshot" \
	"$(n 2 '.problems[] | select(.code == "content-changed") | .suggestion')" \
	"$WB/web/20230510120000/http://example.org/article/rewritten"
# 3: dead, archived: cite the snapshot
expect "fn3 dead and archived" "$(n 3 '"\(.live.verdict) \(.archive.verdict)"')" "dead archived"
expect "fn3 dead-archived suggestion" "$(n 3 '.problems[] | select(.code == "dead-archived") | .suggestion')" \
	"$WB/web/20230301000000/http://example.org/article/removed"
# 4: dead, never archived
expect "fn4 not archived" "$(n 4 '"\(.live.verdict) \(.archive.verdict) \(.archive.reason)"')" \
	"dead not-archived no-capture"
expect "fn4 dead-unarchived is an error" \
	"$(n 4 '.problems[] | select(.code == "dead-unarchived") | .severity')" "error"
# 5: the nearest capture (May 19) is an archived 404; the index finds Jan 1
expect "fn5 via the CDX index" "$(n 5 '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time)"')" \
	"archived cdx 2023-01-01T00:00:00Z"
expect "fn5 Vietnamese title found on both" "$(n 5 '.drift.title_found | "\(.live) \(.snapshot)"')" "true true"
expect "fn5 unchanged" "$(n 5 .drift.verdict)" "unchanged"
# 6: malformed index answer: unknown, not a crash
expect "fn6 malformed CDX" "$(n 6 '"\(.archive.verdict) \(.archive.reason)"')" "unknown archive-malformed-answer"
# 7: only a 404 capture; the index has no 200 before or after
expect "fn7 no 200 capture" "$(n 7 '"\(.archive.verdict) \(.archive.reason)"')" "not-archived no-200-capture"
# 8: the site is excluded from the archive: 200 and a page saying so (fn19:
# the older 403 with X-Archive-Wayback-Runtime-Error)
expect "fn8 excluded" "$(n 8 '"\(.archive.verdict) \(.archive.reason)"')" "not-archived excluded"
expect "fn8 dead, and the reader is told why there is no copy" \
	"$(n 8 '.problems[] | select(.code == "dead-unarchived") | .message')" \
	"the page is gone (http-404) and the Wayback Machine will not show it (the site is excluded from the archive): the source is lost unless another archive or the publisher has it"
expect "fn19 excluded (legacy 403)" "$(n 19 '"\(.archive.verdict) \(.archive.reason)"')" "not-archived excluded"
# 16-18: the capture nearest the access date is of the site answering 429,
# 503 or 403: a capture, not the archive refusing us; the index finds Jan 1
for fn in 16 17 18; do
	expect "fn$fn archived error capture: the 200 before it" \
		"$(n $fn '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time)"')" "archived cdx 2023-01-01T00:00:00Z"
done
# 9: a PDF poppler cannot read: its bytes, the same
expect "fn9 pdf compared by digest" "$(n 9 '"\(.drift.verdict) \(.drift.measure)"')" "unchanged digest"
# 23: the PDF made again (other bytes, the same text): unchanged, by its words
expect "fn23 a PDF regenerated with the same text is unchanged" \
	"$(n 23 '"\(.drift.verdict) \(.drift.measure) \(.drift.similarity)"')" "unchanged jaccard-5-word-shingles-minhash-256 1"
# 24: the live PDF lost the lawyers' statement the capture has
expect "fn24 a PDF whose text went is changed" "$(n 24 '"\(.drift.verdict) \(.drift.measure)"')" "changed jaccard-5-word-shingles-minhash-256"
expect_match "fn24 … and the passage that went is shown" "$(n 24 .drift.lost_text)" "lawyers of the detained blogger"
# 25: a DOCX zipped again with the same paragraphs
expect "fn25 a DOCX with the same text is unchanged" "$(n 25 '"\(.drift.verdict) \(.drift.similarity)"')" "unchanged 1"
# 10: web/2/ resolved to the capture nearest the access date
expect "fn10 unpinned gets the pinned URL" \
	"$(n 10 '.problems[] | select(.code == "archive-unpinned") | .suggestion')" \
	"$WB/web/20230518040448/http://example.org/article/stable"
expect "fn10 the original is checked live" "$(n 10 '"\(.live.verdict) \(.live.reason) \(.original_live.verdict)"')" \
	"skipped archive-stage alive"
# 11: a pinned snapshot that exists
expect "fn10 the reader is told what web/2/ shows" \
	"$(n 10 '.problems[] | select(.code == "archive-unpinned") | .message')" \
	"this link shows the newest capture, which changes over time: cite a capture by its full 14-digit time"
# 20: web/2023/ with no access date: the archive pads it to the end of 2023,
# where the capture of 2024-01-01 is nearer than that of May 2023
expect "fn20 a partial time padded to the end of its period" \
	"$(n 20 '"\(.archive.verdict) \(.archive.target_from) \(.archive.snapshot_time)"')" \
	"archived cited 2024-01-01T00:00:00Z"
expect "fn20 said so" "$(n 20 '.problems[] | select(.code == "archive-unpinned") | .message')" \
	"this link shows the capture nearest the end of the year 2023, not one the author chose: cite a capture by its full 14-digit time"
# 21: the index's limit=-1 would answer 2017; the capture before the access
# date is March 2023
expect "fn21 the closest 200 capture before, not the index's stale tail" \
	"$(n 21 '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time)"')" "archived cdx 2023-03-01T00:00:00Z"
# 22: April's capture is a revisit row (status "-"): a capture all the same
expect "fn22 a deduplicated capture counts" \
	"$(n 22 '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time)"')" "archived cdx 2023-04-01T00:00:00Z"
# 26: the archive holds the page as https://www.example.org/…: found all the same
expect "fn26 a capture of another variant of the URL" \
	"$(n 26 '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time) \(.drift.verdict)"')" \
	"archived replay 2023-05-10T00:00:00Z unchanged"
# 27: March is the index's closest 200 before May 20, but its replay shows
# January's capture: what a reader would see is cited, and compared
expect "fn27 the capture the replay shows, not the index's row" \
	"$(n 27 '"\(.archive.verdict) \(.archive.via) \(.archive.snapshot_time) \(.drift.verdict)"')" \
	"archived cdx 2023-01-01T00:00:00Z unchanged"
expect "fn11 pinned snapshot found as cited" "$(n 11 '"\(.archive.verdict) \(.archive.target_from) \(.archive.snapshot_time)"')" \
	"archived cited 2023-05-18T04:04:48Z"
expect "fn11 no finding" "$(n 11 '.problems | length')" 0
# 12: a pinned time with no capture: the archive shows another
expect "fn12 snapshot-differs" "$(n 12 '.problems[] | select(.code == "snapshot-differs") | .suggestion')" \
	"$WB/web/20230518040448/http://example.org/article/stable"
# 13: a save link: the real snapshot to cite; its original is dead
expect "fn13 save link gets a snapshot" \
	"$(n 13 '.problems[] | select(.code == "archive-save-request") | .suggestion')" \
	"$WB/web/20230301000000/http://example.org/article/removed"
expect "fn13 original dead, never fetched itself" "$(n 13 '"\(.live.reason) \(.original_live.verdict)"')" \
	"save-request dead"
# 15: a page cited only through its snapshot: its original is fetched all the same
expect "fn15 original checked live, snapshot verified" \
	"$(n 15 '"\(.original_live.verdict) \(.archive.verdict) \(.archive.snapshot_time) \(.drift.verdict)"')" \
	"alive archived 2023-03-01T00:00:00Z unchanged"
expect "fn14 not archived, alive" "$(n 14 '"\(.live.verdict) \(.archive.verdict)"')" "alive not-archived"

# lookups are shared by links to one page at one time: fn1 and fn10 (stable,
# accessed May 20), fn3 and fn13 (removed, accessed May 20)
expect "lookups: 27 links, two pairs share one" "$(q .summary.archive.lookups)" 25
expect "archive verdicts per link" "$(q '.summary.archive | "\(.archived) \(."not-archived") \(.unknown)"')" "21 5 1"
expect "no pace violation (replay 8/s, CDX 2/s)" \
	"$(jq -s '[.[] | select(.violation)] | length' wb.log)" 0
expect "the report's request count is the archive's" "$(q .summary.archive.requests)" \
	"$(jq -s '[.[] | select(.endpoint == "replay" or .endpoint == "cdx")] | length' wb.log)"
expect "archive-incomplete: two lookups unanswered" \
	"$(q '.problems[] | select(.code == "archive-incomplete") | .message')" \
	"1 of 25 archive lookups got no answer (archive-malformed-answer 1): their links are not known to be archived or unchanged"

# --no-archive: nothing at all is sent to the archive; a cited snapshot is
# skipped, and its original is checked live like any cited page
lines_before=$(wc -l < wb.log)
"$bin" -q $map --no-archive -o none.json doc.md
expect "--no-archive: unchecked" "$(jq -r '[.documents[0].references[].links[].archive.verdict] | unique | join(" ")' none.json)" "unchecked"
expect "--no-archive: no request to the archive" "$(tail -n +$((lines_before + 1)) wb.log | wc -l | tr -d ' ')" 0
expect "--no-archive: the cited snapshots skipped, their originals alive (fn10-12, fn15)" \
	"$(jq -r '[.documents[0].references[] | select(.footnote == "10" or .footnote == "11" or .footnote == "12" or .footnote == "15") | .links[0] | "\(.live.verdict)/\(.live.reason)/\(.original_live.verdict)"] | join(" ")' none.json)" \
	"skipped/no-archive/alive skipped/no-archive/alive skipped/no-archive/alive skipped/no-archive/alive"
expect "--no-archive: a save link's original is checked too (fn13: dead)" \
	"$(jq -r '.documents[0].references[] | select(.footnote == "13") | .links[0] | "\(.live.reason) \(.original_live.verdict)"' none.json)" \
	"save-request dead"

# --deadline bounds the whole check: a live stage of 4 s (/hang, --timeout 4),
# then 20 lookups at one replay request a second, under --deadline 6. Given
# its own 6 s after the live stage, the archive would end the run at 10 s.
cat > late.md <<DOC
# Late

- Hangs (2023). Retrieved May 20, 2023, from <http://example.org/hang>
$(for i in $(seq 20); do printf -- '- Page %s (2023). Retrieved May 20, 2023, from <http://example.org/article/stable?p=%s>\n' "$i" "$i"; done)
DOC
start=$(date +%s)
"$bin" -q $map --archive-rate 1 --deadline 6 --timeout 4 --retries 0 -o late.json late.md
secs=$(($(date +%s) - start))
expect "--deadline 6 over live and archive: ended within 8 s (took $secs)" "$([ "$secs" -le 8 ] && echo yes)" yes
expect "… the lookups left unknown/deadline" \
	"$(jq -r '[.documents[0].references[].links[].archive | select(.reason == "deadline")] | length > 0' late.json)" true

# a 429 with Retry-After: 1, then the rest paced
start_wayback w429.json wb429.log --replay-rate 8
"$bin" -q $map -o r429.json doc.md
expect "after a 429 the lookup still succeeds" \
	"$(jq -r '.documents[0].references[0].links[0].archive.verdict' r429.json)" archived
gap=$(jq -s '[.[] | select(.endpoint == "replay")] | (.[1].t - .[0].t) * 100 | floor' wb429.log)
# at least the second asked for; the upper end only rules out a wait of
# another kind (a loaded machine can add seconds)
expect_match "Retry-After 1 honoured (gap in 1/100 s: $gap)" "$gap" '^(9[5-9]|[1-9][0-9][0-9])$'
# … and from then on the replay endpoint goes at half its pace (8/s → 4/s):
# no two requests closer than 0.2 s (at 8/s they came every 0.125 s)
close=$(jq -s '[.[] | select(.endpoint == "replay") | .t] | [range(2; length) as $i | .[$i] - .[$i - 1]] | map(select(. < 0.2)) | length' wb429.log)
expect "after a 429, half the pace" "$close" 0

# a 429 without Retry-After: the configured wait
start_wayback w429bare.json wb429bare.log
"$bin" -q $map --rate-limit-wait 1.5 -o r429b.json doc.md
gap=$(jq -s '[.[] | select(.endpoint == "replay")] | (.[1].t - .[0].t) * 100 | floor' wb429bare.log)
expect_match "no Retry-After: waits --rate-limit-wait 1.5 (gap in 1/100 s: $gap)" "$gap" '^(1[4-9][0-9]|[2-9][0-9][0-9])$'

# 429 every time: give up after three, do not hammer
start_wayback w429always.json wb429a.log
"$bin" -q $map --rate-limit-wait 0.2 -o r429a.json doc.md
expect "always 429: every lookup unknown, rate-limited" \
	"$(jq -r '[.documents[0].references[].links[] | select(.archive.verdict != "skipped") | "\(.archive.verdict) \(.archive.reason)"] | unique | join(",")' r429a.json)" \
	"unknown archive-rate-limited"
expect "always 429: three requests, then none" "$(jq -s 'length' wb429a.log)" 3

# the archive is down: unknown, and the exit status says only what is known
cat > alive.md <<DOC
# Note

A claim.<sup>1</sup>

# REFERENCES

- <sup>1</sup> Ministry (2023, May 1). Press freedom report. Retrieved May 20, 2023, from <http://example.org/article/stable>
DOC
down="--connect-to example.org:80:127.0.0.1:$P --no-probe --wayback http://127.0.0.1:1 --retries 0"
"$bin" -q $down -o down.json alive.md
expect "archive down: exit 0, the link is alive" "$?" 0
expect "archive down: unknown, unreachable" \
	"$(jq -r '.documents[0].references[0].links[0] | "\(.live.verdict) \(.archive.verdict) \(.archive.reason) \(.drift.verdict)"' down.json)" \
	"alive unknown archive-unreachable unknown"
expect "archive down: said" "$(jq -r '[.problems[].code] | join(" ")' down.json)" "archive-incomplete"
"$bin" -q $down --fail-on unchecked -o /dev/null alive.md
expect "archive down, --fail-on unchecked: exit 1" "$?" 1
# … and with 20 lookups, the archive is given up after the third finds no
# route: not every lookup tried at the archive's pace
for i in $(seq 20); do printf -- '- Page %s (2023). Retrieved May 20, 2023, from <http://example.org/article/stable?p=%s>\n' "$i" "$i"; done > down20.md
"$bin" -q $down -o down20.json down20.md
expect "archive down: 20 lookups, 3 requests, all unknown/archive-unreachable" \
	"$(jq -r '"\(.summary.archive.lookups) \(.summary.archive.requests) " + ([.documents[0].references[].links[].archive | "\(.verdict)/\(.reason)"] | unique | join(","))' down20.json)" \
	"20 3 unknown/archive-unreachable"

# Save Page Now: opt-in, keys from the environment, never written anywhere
start_wayback world.json wbsave.log
"$bin" -q $map --save-missing -o /dev/null doc.md 2> nokeys.txt
expect "--save-missing without keys: exit 2" "$?" 2
expect_match "--save-missing without keys: says which" "$(cat nokeys.txt)" "WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY"
WAYBACK_ACCESS_KEY=test-access WAYBACK_SECRET_KEY=s3cr3t-k3y "$bin" $map --save-missing -o save.json doc.md 2> save.err
# alive with no usable snapshot: fn7 (only an archived 404) and fn14 (none);
# fn4 has none either but is dead: nothing to capture
expect "saved: the alive pages with no snapshot (fn7, fn14)" \
	"$(jq -r '[.documents[0].references[] | select(.links[0].archive.save) | "\(.footnote):\(.links[0].archive.save | "\(.status) \(.job_id) \(.timestamp)")"] | join(", ")' save.json)" \
	"7:success spn2-0001 2026-11-22T12:00:00Z, 14:success spn2-0002 2026-11-22T12:00:00Z"
expect_match "the terminal summary counts the archive's verdicts per link" "$(cat save.err)" \
	"citecheck: archive: 21 archived, 5 not archived, 1 unknown \([0-9]+ requests\)"
expect "one capture request each" "$(jq -s '[.[] | select(.method == "POST")] | length' wbsave.log)" 2
expect "the secret is in neither the report nor the messages" "$(cat save.json save.err | grep -c s3cr3t)" 0
expect "save requests carried the keys" "$(jq -s '[.[] | select(.endpoint == "save") | .auth] | all' wbsave.log)" true

# Save Page Now's own 429: no Retry-After, a page saying it blocks the address
# for 5 minutes: longer than --max-retry-after (60 s), so the saves stop at
# once, each said to have failed, and the lookups keep their verdicts
start_wayback wsave429.json wbsave429.log
start=$(date +%s)
WAYBACK_ACCESS_KEY=test-access WAYBACK_SECRET_KEY=s3cr3t-k3y "$bin" -q $map --save-missing -o save429.json doc.md
secs=$(($(date +%s) - start))
expect "SPN 429: both saves failed, the block said; the lookups still not-archived" \
	"$(jq -r '[.documents[0].references[] | select(.links[0].archive.save) | "\(.footnote):\(.links[0].archive.verdict) \(.links[0].archive.save.status) \(.links[0].archive.save.message)"] | join(", ")' save429.json)" \
	"7:not-archived error the Wayback Machine refused requests from this address (HTTP 429) for 300 s, 14:not-archived error the Wayback Machine refused requests from this address (HTTP 429) for 300 s"
expect "SPN 429: one capture request, none after it" "$(jq -s '[.[] | select(.method == "POST")] | length' wbsave429.log)" 1
expect "SPN 429: nothing waited for the block (took $secs s)" "$([ "$secs" -le 30 ] && echo yes)" yes

# A PDF's URL its text may have wrapped (tests/minipdf.py), settled by the
# live stage on its joined reading (/reports/annual_ is 404,
# /reports/annual_summary answers, as tests/live.sh shows): the archive is
# asked about the URL cited, never the one cut at the line's end
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)" python3 - wrapped.pdf <<'PY'
import sys
from minipdf import mkpdf
lines = ["The yearly survey of the ministry is published with its tables at http://example.org/reports/annual_",
         "summary which lists every province of the country and the weights used for all of the answers."]
open(sys.argv[1], "w").write(mkpdf(lines, "20240101"))
PY
start_wayback world.json wbwrap.log
"$bin" -q $map -o wrapped.json wrapped.pdf
expect "a wrapped URL settled: the joined one cited, and looked up in the archive" \
	"$(jq -r '.documents[0].references[].links[] | "\(.url) \(.live.verdict) \(.archive.verdict)"' wrapped.json)" \
	"http://example.org/reports/annual_summary alive not-archived"
expect "… the archive asked about it, and not about the URL as cut" \
	"$(jq -rs '[.[] | .path | select(contains("annual_"))] | map(if contains("annual_summary") then "joined" else "cut" end) | unique | join(" ")' wbwrap.log)" \
	"joined"
expect_valid_reports
finish archive
