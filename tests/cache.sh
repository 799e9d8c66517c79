#!/bin/sh
# --cache against the simulated web and Wayback Machine, with the clock
# injected (CITECHECK_NOW, Unix seconds): reuse within --max-age with no
# request, expiry by age, transient answers (5xx) not reused past 10
# minutes, captures reused for good (drift measured again against the kept
# print), the history (alive → 404 → 404 a day later: dead at once,
# confirmed the next day; a 503 night between alive days never a failure,
# 503 on two nights a confirmed dead), --cache-only, two runs at once
# on one cache, SIGKILL at several moments, a cache of another schema.
# Runs only inside a private network namespace.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns cache
tmp=$(mktemp -d)
server= wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
make_cert DNS:example.org
ok_page() { printf '<html><head><title>%s</title></head><body><main><p>%s</p></main></body></html>' "$1" "$2"; }
text1="The ministry said on Monday that the new rules on press accreditation would apply from the first of June to every foreign correspondent."
text2="Opening hours of the museum shop are listed below with the prices of tickets for children and adults and the days it is closed."
python3 - "$(ok_page 'Press rules' "$text1")" "$(ok_page 'Museum shop' "$text2")" <<'PY'
import json, sys
press, shop = sys.argv[1], sys.argv[2]
json.dump({"captures": {"http://example.org/article/press": [
    {"ts": "20230518040448", "status": 200, "body": press}],
    "http://example.org/article/fades": [{"ts": "20230518040448", "status": 200, "body": press}]}},
    open("world.json", "w"))
# a page that says what its capture says, then is gone (fade-day0/1)
json.dump({"example.org/article/fades": {"body": press}}, open("fade-day0.json", "w"))
json.dump({"example.org/article/fades": {"status": 404, "body": "Not Found"}}, open("fade-day1.json", "w"))
# the live pages of day 0; later days rewrite this file
day0 = {"example.org/article/press": {"body": press},
        "example.org/vanishing": {"body": press},
        "example.org/night": {"body": press},
        "example.org/down": {"body": press}}
json.dump(day0, open("pages.json", "w"))
json.dump(day0, open("pages-day0.json", "w"))
json.dump({"example.org/article/press": {"body": shop},      # rewritten: the page changed
           "example.org/vanishing": {"status": 404, "body": "Not Found"},
           "example.org/night": {"status": 503, "body": "Down for the night"},
           "example.org/down": {"status": 503, "body": "Down"}}, open("pages-day1.json", "w"))
json.dump({"example.org/article/press": {"body": shop},
           "example.org/vanishing": {"status": 404, "body": "Not Found"},
           "example.org/night": {"body": press},
           "example.org/down": {"status": 503, "body": "Down"}}, open("pages-day2.json", "w"))
PY
start_simweb --pages pages.json
start_simwayback world.json wb.log
cat > doc.md <<'DOC'
# A brief

## References

1. Ministry (2023, May 1). Press rules. Retrieved May 20, 2023, from <http://example.org/article/press>
2. Ministry (2023, May 1). Other page. Retrieved May 20, 2023, from <http://example.org/ok-other>
3. Somebody (2023, May 1). Gone. Retrieved May 20, 2023, from <http://example.org/missing>
4. Somebody (2023, May 1). Broken server. Retrieved May 20, 2023, from <http://example.org/500-always>
DOC
T0=1700000000
net="--connect-to example.org:80:127.0.0.1:$P --no-probe --retries 0 --wayback http://127.0.0.1:$W --archive-rate 8"
# check AT [OPTIONS…] FILE…: a run at time T0+AT seconds on the cache c.db, report in out.json
check() {
	at=$1
	shift
	# shellcheck disable=SC2086
	CITECHECK_NOW=$((T0 + at)) "$bin" -q $net --cache c.db -o out.json "$@"
}
web() { wc -l < requests.log | tr -d ' '; }
archive() { wc -l < wb.log | tr -d ' '; }
verdicts() { jq -r '[.documents[].references[].links[] | "\(.live.verdict)\(if .live.cached then "*" else "" end)"] | join(" ")' out.json; }

check 0 doc.md
expect "first run: the verdicts (a first 404 is dead, with a cache as without)" "$(verdicts)" "alive alive dead error"
# one request per page, --retries 0; one replay per page at 2023-05-20, and
# for the archived one the capture the replay redirects to
expect "first run: 4 requests to the web, 5 to the archive" "$(web) $(archive)" "4 5"
expect "the cache file is made, in WAL mode, schema 3" \
	"$(python3 -c 'import sqlite3; c = sqlite3.connect("c.db"); print(c.execute("PRAGMA journal_mode").fetchone()[0], c.execute("PRAGMA user_version").fetchone()[0])')" "wal 3"

check 300 doc.md
expect "5 minutes later: every answer from the cache (*)" "$(verdicts)" "alive* alive* dead* error*"
expect "… no request to the web or the archive" "$(web) $(archive)" "4 5"
expect "… the archive's answers from the cache too" \
	"$(jq -r '[.documents[].references[].links[].archive | "\(.verdict)/\(.cached)"] | join(" ")' out.json)" \
	"archived/true not-archived/true not-archived/true not-archived/true"
expect "… the time of the check they come from" \
	"$(jq -r '.documents[0].references[0].links[0].live.checked_at' out.json)" "2023-11-14T22:13:20Z"
expect "… drift as measured then" "$(jq -r '.documents[0].references[0].links[0].drift.verdict' out.json)" unchanged
check 300 doc.md
expect "the default gate fails on the first 404 seen with a cache" "$?" 1
check 300 --fail-on confirmed-dead doc.md
expect "--fail-on confirmed-dead: one check confirms nothing" "$? $(jq -r '.summary.live | "\(.dead) \(.confirmed)"' out.json)" "0 1 0"

check 3600 doc.md
expect "an hour later: the 5xx is asked again (transient answers: 10 minutes)" "$(verdicts)" "alive* alive* dead* error"
expect "… one request to the web, for it" "$(web) $(jq -rs '.[-1].path' requests.log)" "5 /500-always"

check 3600 --max-age 30m doc.md
expect "--max-age 30m: asked again but the 5xx, which is a second old" "$(verdicts)" "alive alive dead error*"
expect "… 3 more requests" "$(web)" 8

# day 1: the press page has changed, /missing still 404s
cp pages-day1.json pages.json
check 93600 doc.md
# /500-always answered 500 at 0 s and 3600 s (the --max-age 30m run reused
# that answer: no check) and now: three failing checks over 26 h
expect "26 h later (over --max-age 1d): asked again; the 500 of three checks over 26 h is dead" \
	"$(verdicts)" "alive alive dead dead"
expect "… the 500 keeps its reason, confirmed" \
	"$(jq -r '.documents[0].references[3].links[0].live | "\(.reason) \(.history.failures) \(.history.confirmed)"' out.json)" "http-500 3 true"
expect "… 4 more requests to the web" "$(web)" 12
expect "… the capture reused: no replay request for the press page since the first run's two" \
	"$(jq -rs '[.[] | select(.endpoint == "replay" and (.path | contains("article/press")))] | length' wb.log)" 2
expect "… drift measured again against the kept capture: changed" \
	"$(jq -r '.documents[0].references[0].links[0] | "\(.drift.verdict) \(.archive.cached) \(.archive.snapshot_time)"' out.json)" \
	"changed true 2023-05-18T04:04:48Z"
expect "… history of the dead page" \
	"$(jq -c '.documents[0].references[2].links[0].live.history' out.json)" \
	'{"last_alive":null,"first_failed":"2023-11-14T22:13:20Z","failures":3,"confirmed":true}'
check 93700 doc.md
expect "… reused: a cached answer is no new failure, the history as it was" "$(verdicts)" "alive* alive* dead* dead*"

# the history: alive, then 404 on two days; alive, a 503 night, alive
# again; alive, then 503 on two days
printf '# H\n\n<http://example.org/vanishing>\n<http://example.org/night>\n<http://example.org/down>\n' > hist.md
hist() { CITECHECK_NOW=$((T0 + $1)) "$bin" -q $net --no-archive --cache h.db --max-age 1h -o h.json hist.md; jq -r '[.documents[0].references[].links[].live.verdict] | join(" ")' h.json; }
cp pages-day0.json pages.json
expect "history, day 0: all alive" "$(hist 0)" "alive alive alive"
cp pages-day1.json pages.json
expect "history, night 1: the first 404 is dead; a 503 is unverified" "$(hist 64800)" "dead error error"
expect "… not yet confirmed" "$(jq -r '.documents[0].references[0].links[0].live.history.confirmed' h.json)" false
expect "… the default gate fails on it" "$(CITECHECK_NOW=$((T0 + 65000)) "$bin" -q $net --no-archive --cache h.db --max-age 1h hist.md > /dev/null; echo $?)" 1
expect "… --fail-on confirmed-dead does not" "$(CITECHECK_NOW=$((T0 + 65000)) "$bin" -q $net --no-archive --cache h.db --max-age 1h --fail-on confirmed-dead hist.md > /dev/null; echo $?)" 0
cp pages-day2.json pages.json
expect "history, day 2: the second 404, 20 h later, dead; the night's server alive again; the second 503 night dead" \
	"$(hist 172800)" "dead alive dead"
expect "… the 503 page: its reason kept, two failures, confirmed" \
	"$(jq -r '.documents[0].references[2].links[0].live | "\(.reason) \(.history.failures) \(.history.confirmed)"' h.json)" "http-503 2 true"
expect "… when it was last seen alive and first seen failing" \
	"$(jq -c '.documents[0].references[0].links[0].live.history' h.json)" \
	'{"last_alive":"2023-11-14T22:13:20Z","first_failed":"2023-11-15T16:13:20Z","failures":2,"confirmed":true}'
expect "… --fail-on confirmed-dead fails now" "$(CITECHECK_NOW=$((T0 + 172900)) "$bin" -q $net --no-archive --cache h.db --max-age 1h --fail-on confirmed-dead hist.md > /dev/null; echo $?)" 1
expect "--confirm-dead 3,2d: the same history is dead, not confirmed; the 503 page not dead" \
	"$(CITECHECK_NOW=$((T0 + 172900)) "$bin" -q $net --no-archive --cache h.db --max-age 1h --confirm-dead 3,2d hist.md | jq -r '[.documents[0].references[].links[0].live | "\(.verdict)/\(.history.confirmed)"] | join(" ")')" \
	"dead/false alive/false error/false"
# --confirm-dead 1: one check spans no time, so it confirms at once
printf '# M\n\n<http://example.org/missing>\n' > m1.md
expect "--confirm-dead 1: a first 404 is confirmed" \
	"$(CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --cache once.db --confirm-dead 1 m1.md | jq -r '.documents[0].references[0].links[0].live | "\(.verdict) \(.history.confirmed)"')" "dead true"
"$bin" --fail-on dying m1.md > /dev/null 2> dying.err
expect "--fail-on dying is gone, and says what replaces it" "$? $(head -n 1 dying.err)" \
	"2 citecheck: --fail-on dying: there is no dying verdict any more: a page failing now is dead (--fail-on dead), and confirmed-dead once the cache's history confirms it"
"$bin" --fail-on dead,confirmed-dead m1.md > /dev/null 2> conf.err
expect "--fail-on confirmed-dead without a cache" "$? $(head -n 1 conf.err)" \
	"2 citecheck: --fail-on confirmed-dead needs --cache FILE: only the history of checks confirms a death"
printf 'hosts:\n  example.org: {ignore: [dead]}\n' > ign.yml
CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --cache ign.db --config ign.yml -o ign.json m1.md
expect "a host's ignore of dead, with a cache" \
	"$? $(jq -r '.documents[0].references[0].links[0] | "\(.live.verdict) \(.ignored)"' ign.json) $(jq -r .summary.links_ignored ign.json)" \
	"0 dead true 1"
CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --cache ign2.db --ignore dead -o ign2.json m1.md
expect "… and --ignore dead, the gate then passing" \
	"$? $(jq -r '.documents[0].references[0].links[0].ignored' ign2.json)" "0 true"
expect "without a cache a 404 is dead at once" \
	"$("$bin" -q $net --no-archive hist.md | jq -r '.documents[0].references[0].links[0].live.verdict')" dead

# --cache-only: the cache alone, no network
cat > only.md <<'DOC'
# C

## References

1. Ministry (2023, May 1). Other page. Retrieved May 20, 2023, from <http://example.org/ok-other>
2. Ministry (2023, May 1). Never checked. Retrieved May 20, 2023, from <http://example.org/ok-never-checked>
DOC
before="$(web) $(archive)"
CITECHECK_NOW=$((T0 + 93800)) "$bin" -q $net --cache c.db --cache-only -o only.json only.md
expect "--cache-only: what the cache knows, not-cached for the rest" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.live.verdict)/\(.live.reason // "-")/\(.archive.reason // .archive.verdict)"] | join(" ")' only.json)" \
	"alive/ok/no-capture error/not-cached/not-cached"
expect "… no request to the web or the archive" "$(web) $(archive)" "$before"
"$bin" --cache-only only.md > /dev/null 2> only.err
expect "--cache-only without --cache" "$? $(cat only.err | head -n 1)" "2 citecheck: --cache-only needs --cache FILE"

# drift comes only from this run's answer: a page alive and as captured
# on day 0 is unchanged; gone on day 2, it has no drift of today to give
# (the print kept from day 0 was compared as if it were today's: "unchanged")
printf '# F\n\n## References\n\n1. Ministry (2023, May 1). Press rules. Retrieved May 20, 2023, from <http://example.org/article/fades>\n' > fade.md
cp pages.json pages-before-fade.json
cp fade-day0.json pages.json
CITECHECK_NOW=$T0 "$bin" -q $net --cache fade.db -o fade0.json fade.md
expect "day 0: the page as its capture: drift unchanged" \
	"$(jq -r '.documents[0].references[0].links[0] | "\(.live.verdict) \(.drift.verdict)"' fade0.json)" "alive unchanged"
cp fade-day1.json pages.json
CITECHECK_NOW=$((T0 + 2 * 86400)) "$bin" -q $net --cache fade.db -o fade1.json --warc fade1.warc.gz fade.md
expect "day 2: the page gone: no drift of today, and why (the capture reused)" \
	"$(jq -r '.documents[0].references[0].links[0] | "\(.live.verdict) \(.archive.cached) \(.drift.verdict)/\(.drift.reason)"' fade1.json)" \
	"dead true unknown/live-not-alive"
expect "… and the WARC's metadata record says the same of the page" \
	"$(zcat fade1.warc.gz | tr -d '\r' | grep -a -e '^verdict: ' -e '^drift' | tr '\n' ' ')" \
	"verdict: dead drift: unknown drift-reason: live-not-alive "
CITECHECK_NOW=$((T0 + 2 * 86400 + 60)) "$bin" -q $net --cache fade.db --cache-only -o fade2.json fade.md
expect "… and from the cache alone" \
	"$(jq -r '.documents[0].references[0].links[0] | "\(.live.verdict) \(.drift.verdict)/\(.drift.reason)"' fade2.json)" \
	"dead unknown/live-not-alive"
cp pages-before-fade.json pages.json

# two runs at once on one cache: 30 pages each, 10 of them shared
python3 - <<'PY'
for name, own in (("one", "a"), ("two", "b")):
    with open(name + ".md", "w") as f:
        f.write("# %s\n\n" % name)
        for i in range(30):
            f.write("<http://example.org/ok-%s%d>\n" % (own, i))
        for i in range(10):
            f.write("<http://example.org/ok-shared%d>\n" % i)
PY
CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --cache both.db -o one.json one.md &
first=$!
CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --cache both.db -o two.json two.md
second=$?
wait $first
expect "two runs at once: both finish" "$? $second" "0 0"
# 70 checks when one run reused the 10 shared pages the other had committed
# before it asked, 80 when both asked them, or between
expect_match "… the cache holds every answer of both: 70 pages, 70 to 80 checks" \
	"$(python3 -c 'import sqlite3; c = sqlite3.connect("both.db"); print(c.execute("SELECT count(*) FROM live").fetchone()[0], c.execute("SELECT count(*) FROM history").fetchone()[0])')" "^70 (7[0-9]|80)$"

# two runs at once on one cache share the archive's pace: together they ask
# no faster than one would (the simulated archive logs a request that comes
# sooner than half its interval after the one before); on two caches they do
kill $wayback
printf '{"captures": {}}\n' > none.json
start_simwayback none.json pace.log --replay-rate 4
python3 - <<'PY'
for name in ("p1", "p2", "q1", "q2"):
    with open(name + ".md", "w") as f:
        f.write("# %s\n\n## References\n\n" % name)
        for i in range(8):
            f.write("%d. Somebody (2023). Page. Retrieved May 20, 2023, from <http://example.org/ok-%s-%d>\n" % (i + 1, name, i))
PY
pace() { # pace CACHE1 CACHE2 DOC1 DOC2: both at once; prints the requests and the pace violations
	: > pace.log
	CITECHECK_NOW=$T0 "$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe --retries 0 \
		--wayback "http://127.0.0.1:$W" --archive-rate 4 --cache "$1" -o /dev/null "$3" &
	one=$!
	CITECHECK_NOW=$T0 "$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe --retries 0 \
		--wayback "http://127.0.0.1:$W" --archive-rate 4 --cache "$2" -o /dev/null "$4"
	wait $one
	jq -rs '"\(length) \([.[] | select(.violation)] | length)"' pace.log
}
expect "two runs on one cache: 16 lookups at the pace of one run, no violation" "$(pace pace.db pace.db p1.md p2.md)" "16 0"
expect_match "… on two caches, each at its own pace: violations" "$(pace pace-a.db pace-b.db q1.md q2.md)" "^16 [1-9]"

# SIGKILL at several moments of a run that writes 300 answers (each page
# answers in 10 ms here, --host-jobs 2: about 1.5 s of checking, then one
# transaction): the database opens, passes integrity_check, holds all of
# the stage's answers or none of them, and a rerun completes
python3 - <<'PY'
with open("many.md", "w") as f:
    f.write("# many\n\n")
    for i in range(300):
        f.write("<http://example.org/ok-k%d>\n" % i)
PY
kill $server
start_simweb --pages pages.json --latency example.org=0.01
net="--connect-to example.org:80:127.0.0.1:$P --no-probe --retries 0 --wayback http://127.0.0.1:$W --archive-rate 8"
for moment in 0.05 0.4 0.8 1.2 1.4 1.5 1.6 1.7 1.9; do
	CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --host-jobs 2 --cache "kill-$moment.db" -o /dev/null many.md &
	victim=$!
	sleep "$moment"
	kill -9 $victim 2> /dev/null
	wait $victim 2> /dev/null
	state=$(python3 -c 'import sqlite3, sys
try:
    c = sqlite3.connect(sys.argv[1])
    ok = c.execute("PRAGMA integrity_check").fetchone()[0]
    n = c.execute("SELECT count(*) FROM live").fetchone()[0] if c.execute("SELECT count(*) FROM sqlite_master WHERE name = \"live\"").fetchone()[0] else 0
    print(ok, "all" if n == 300 else "none" if n == 0 else "partial %d" % n)
except Exception as e:
    print("error", e)' "kill-$moment.db")
	expect_match "SIGKILL after ${moment}s: intact, all or nothing" "$state" "^ok (all|none)$"
	CITECHECK_NOW=$T0 "$bin" -q $net --no-archive --cache "kill-$moment.db" -o rerun.json many.md
	expect "… the rerun completes" "$? $(jq -r .summary.live.alive rerun.json)" "0 300"
done

# a cache this citecheck cannot use: clear messages, exit 2
python3 -c 'import sqlite3; c = sqlite3.connect("future.db"); c.execute("PRAGMA user_version = 99"); c.commit()'
"$bin" -q $net --no-archive --cache future.db hist.md > /dev/null 2> future.err
expect "a cache of a newer schema" "$? $(cat future.err)" \
	"2 citecheck: the cache was made by a newer citecheck (schema 99; this one knows 3) (future.db)"
printf 'not a database at all, but long enough to be read as one by sqlite......................................................\n' > junk.db
"$bin" -q $net --no-archive --cache junk.db hist.md > /dev/null 2> junk.err
expect_match "a file that is no SQLite database" "$? $(cat junk.err)" "^2 citecheck: the cache: .*file is not a database"

# the cache file is input: a CI cache restored from another branch is
# anybody's. Its own SQL never runs (it hung the run for good: timeout says
# so), and a row citecheck could not have written is taken as absent.
python3 - <<'PY'
import shutil, sqlite3
for name, sql in (
    ("view.db", "DROP TABLE live; CREATE VIEW live AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
                " SELECT 'x' AS url, n AS checked_at, 'alive' AS verdict, NULL AS reason, 200 AS http_status,"
                " NULL AS final_url, NULL AS redirects, 0 AS moved, 0 AS elapsed_ms, 0 AS print_type,"
                " 0 AS print_digest, 0 AS print_bytes, 0 AS print_title, 0 AS print_words, 0 AS print_partial,"
                " NULL AS print_sketch FROM r"),
    ("trigger.db", "CREATE TRIGGER forever AFTER INSERT ON history BEGIN"
                   " WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r; END"),
    ("extra.db", "CREATE TABLE notes (x)")):
    shutil.copy("c.db", name)
    c = sqlite3.connect(name)
    c.executescript(sql)
    c.commit()
    c.close()
shutil.copy("c.db", "rows.db")
c = sqlite3.connect("rows.db")
# a capture's print that says partial and holds no hashes (a null pointer
# in the drift comparison), with no drift of its own so that it is measured
c.execute("UPDATE archive SET snap_partial = 1, snap_sketch = NULL, drift_verdict = NULL"
          " WHERE original LIKE '%article/press'")
# a reason that would write escape sequences to a terminal
c.execute("UPDATE live SET reason = char(27) || '[2Jwiped' WHERE url LIKE '%ok-other'")
c.commit()
PY
for db in view trigger extra; do
	# two days on: every answer is asked again and written back
	CITECHECK_NOW=$((T0 + 200000)) timeout -k 5 30 "$bin" -q $net --cache $db.db doc.md > /dev/null 2> $db.err
	expect "a cache with a $db of its own: refused before any of its SQL runs" "$? $(cat $db.err)" \
		"2 citecheck: the cache holds tables, views or triggers citecheck does not make: remove the file, or name another with --cache ($db.db)"
done
CITECHECK_NOW=$((T0 + 93700)) timeout -k 5 60 "$bin" -q $net --cache rows.db --cache-only -o rows.json doc.md 2> rows.err
expect "rows citecheck could not have written: taken as absent, said" "$? $(cat rows.err)" \
	"1 citecheck: the cache rows.db: 2 rows that citecheck did not write were taken as absent"
expect "… the press capture and the other page's answer: not cached; the rest as stored (the 500 of three checks dead)" \
	"$(jq -r '[.documents[0].references[] | .links[0] | "\(.live.verdict)/\(.live.reason) \(.archive.verdict)/\(.archive.reason)"] | join(", ")' rows.json)" \
	"alive/ok unknown/not-cached, error/not-cached not-archived/no-capture, dead/http-404 not-archived/no-capture, dead/http-500 not-archived/no-capture"
expect_valid_reports
finish cache
