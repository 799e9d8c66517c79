#!/bin/sh
# Verdicts across runs, on a timeline: the simulated web and Wayback
# Machine with the clock injected (CITECHECK_NOW) and pages that change
# between runs. Expectations come from the timeline below, not from output.
#
# A docs repository's CI, with a shared cache and --archive failing:
#   day 0 night   main's nightly run: 9 healthy pages, nothing asked of the archive
#   day 0 +1 h    a pull request adds a link to a page that answers 404: exit 1,
#                 the one new link annotated, the archive asked for it alone
#   day 1 night   main's nightly run with it merged: main2.json (old rot now)
#   day 1 +1 h    a pull request with nothing new: exit 0, nothing annotated
#   day 2 night   /p5 answers 503: unverified, fails nothing
#   day 3 night   /p5 answers 503 again (two failing checks a day apart): dead,
#                 confirmed, and new against main2.json: exit 1
# An auditor's shelf (the README's own commands, run as written):
#   2026-11-15    the first audit: 50 stories accessed 2026-10-20, all alive and
#                 as archived on 2026-10-19
#   2027-03-01    25 stories gone (404), 10 rewritten, 5 moved (301), 10 as they
#                 were; the second audit against the first: the README's query
#                 lists exactly the 25, with their snapshots; none of them has
#                 drift "unchanged"; the 10 rewritten have drift "changed"
#   2027-03-01    the author's re-run with the cache: the same findings and fixes
#                 as without it; the --fix copy re-checked: exit 0
# Runs only inside a private network namespace.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
readme=$(cd "$(dirname "$0")/.." && pwd)/README.md
require_netns timeline
tmp=$(mktemp -d)
server= wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
make_cert DNS:example.org,DNS:news.example.net,DNS:docs.example.net

day0=$(date -u -d 2026-11-01T22:00:00 +%s)
A0=$(date -u -d 2026-11-15T09:00:00 +%s)
A1=$(date -u -d 2027-03-01T09:00:00 +%s)

mkdir -p repo/docs shelf
python3 - <<'PY'
import json
words = ("ministry council budget school hospital road river bridge village market farmer teacher nurse "
         "province district election court ruling harbour railway clinic library museum forest factory "
         "worker union strike price rice fishing coast storm flood drought permit licence inspection").split()
other = ("festival concert recipe garden football league trophy cinema album holiday beach hotel menu "
         "bakery painter gallery novel poet marathon cycling yoga dessert coffee tea vineyard cheese").split()
def text(n, vocab):
    return " ".join(vocab[(n * 7 + i * 3) % len(vocab)] for i in range(60))
def page(title, body):
    return "<html><head><title>%s</title></head><body><main><p>%s</p></main></body></html>" % (title, body)
# the shelf: 50 stories, report-a.md cites 1-30, report-b.md 31-50
stories = {n: page("Story %d" % n, "Story %d. %s" % (n, text(n, words))) for n in range(1, 51)}
for name, first, last in (("report-a.md", 1, 30), ("report-b.md", 31, 50)):
    with open("shelf/" + name, "w") as f:
        f.write("# %s\n\n## References\n\n" % name)
        for n in range(first, last + 1):
            f.write("%d. Reporter (2026, October 1). Story %d. Retrieved October 20, 2026, from "
                    "https://news.example.net/story-%d\n" % (n - first + 1, n, n))
brief = ("<html><body><h1>Brief</h1><h2>References</h2><ol>"
         "<li>Reporter (2026, October 1). Story 1. Retrieved October 20, 2026, from "
         "<a href=\"https://news.example.net/story-1\">https://news.example.net/story-1</a></li></ol></body></html>")
world = {"captures": {"https://news.example.net/story-%d" % n: [{"ts": "20261019120000", "status": 200, "body": b}]
                      for n, b in stories.items()}}
world["captures"]["http://docs.example.net/pr-gone"] = [{"ts": "20260101000000", "status": 200,
                                                         "body": page("Gone page", "What it said.")}]
json.dump(world, open("world.json", "w"))
before = {"news.example.net/story-%d" % n: {"body": b} for n, b in stories.items()}
before["example.org/reports/brief.html"] = {"body": brief}
before["docs.example.net/pr-gone"] = {"status": 404, "body": "Not Found"}
json.dump(before, open("pages-before.json", "w"))
after = dict(before)
for n in range(1, 26):                      # 25 gone
    after["news.example.net/story-%d" % n] = {"status": 404, "body": "Not Found"}
for n in range(26, 36):                     # 10 rewritten
    after["news.example.net/story-%d" % n] = {"body": page("Story %d" % n, "Story %d. %s" % (n, text(n, other)))}
for n in range(36, 41):                     # 5 moved for good
    after["news.example.net/story-%d" % n] = {"status": 301, "location": "https://news.example.net/archive/story-%d" % n}
    after["news.example.net/archive/story-%d" % n] = {"body": stories[n]}
json.dump(after, open("pages-after.json", "w"))
night2 = dict(before)
night2["docs.example.net/p5"] = {"status": 503, "body": "Down for the night"}
json.dump(night2, open("pages-503.json", "w"))
PY
cp pages-before.json pages.json
start_simweb --default-alive --pages pages.json
start_simwayback world.json wb.log --replay-rate 1000 --cdx-rate 60000
route="--connect-to docs.example.net:80:127.0.0.1:$P --connect-to news.example.net:443:127.0.0.1:$T"
route="$route --connect-to example.org:443:127.0.0.1:$T --cacert ca.pem --no-probe"
route="$route --wayback http://127.0.0.1:$W --archive-rate 1000 --cdx-rate 60000"
archived() { if [ -f wb.log ]; then wc -l < wb.log | tr -d ' '; else echo 0; fi; }

# ---- a docs repository's CI ----
i=0
for d in a b c; do
	printf '# %s\n\nSee the guide:\n\n' "$d" > repo/docs/$d.md
	for k in 1 2 3; do
		i=$((i + 1))
		printf -- '- [page %d](http://docs.example.net/p%d)\n' "$i" "$i" >> repo/docs/$d.md
	done
done
ci() { # ci AT OPTIONS…: a CI run at day0 + AT seconds, on the shared cache
	at=$1
	shift
	# shellcheck disable=SC2086
	CITECHECK_NOW=$((day0 + at)) "$bin" -q $route --cache ci.db --max-age 12h --archive failing "$@"
}
ci 0 -o main.json repo
expect "main's nightly run: 9 pages alive, exit 0" "$? $(jq -r .summary.live.alive main.json)" "0 9"
expect "… --archive failing: nothing asked of the archive for healthy pages" "$(archived)" 0

printf '# New\n\nSee <http://docs.example.net/pr-gone>.\n' > repo/docs/new.md
ci 3600 --baseline main.json --fail-on new-dead,new-error --format github repo > pr.txt
expect "a pull request adding a 404: exit 1" "$?" 1
expect "… the one new link annotated, with the snapshot to cite" "$(cut -d: -f1-3 pr.txt)" \
	"::warning file=repo/docs/new.md,line=3,col=6,title=dead-archived"
expect "… the archive asked for that page alone" \
	"$(jq -rs '[.[] | .path | test("pr-gone")] | unique | join(" ")' wb.log) $(archived)" "true 2"
# shellcheck disable=SC2086
CITECHECK_NOW=$((day0 + 3700)) "$bin" -q $route --archive failing --baseline main.json --fail-on new-dead,new-error repo > /dev/null
expect "… the same without a cache" "$?" 1
ci 3800 --fail-on confirmed-dead -o /dev/null repo
expect "… not yet a confirmed death" "$?" 0

ci 86400 -o main2.json repo
expect "day 1, main's nightly run with the 404 merged: exit 1 (a dead link)" "$?" 1
expect "… its death confirmed: two failing checks a day apart" \
	"$(jq -r '.documents[] | select(.path == "repo/docs/new.md") | .references[0].links[0].live.history | "\(.failures) \(.confirmed)"' main2.json)" "2 true"
ci 90000 --baseline main2.json --fail-on new-dead,new-error --format github repo > pr2.txt
expect "day 1, a pull request with nothing new: exit 0, nothing annotated" "$? $(wc -l < pr2.txt | tr -d ' ')" "0 0"

cp pages-503.json pages.json
ci $((2 * 86400)) --baseline main2.json --fail-on new-dead,new-error -o night2.json repo
expect "day 2, /p5 answers 503: unverified, nothing fails" \
	"$? $(jq -r '[.documents[].references[].links[] | select(.url | endswith("/p5")) | .live | "\(.verdict)/\(.reason)"] | join(" ")' night2.json)" \
	"0 error/http-503"
ci $((3 * 86400)) --baseline main2.json --fail-on new-dead,new-error -o night3.json repo
expect "day 3, 503 again: dead and confirmed, new against main2.json: exit 1" \
	"$? $(jq -r '[.documents[].references[].links[] | select(.url | endswith("/p5")) | "\(.live.verdict)/\(.live.reason)/\(.live.history.confirmed)/\(.baseline)"] | join(" ")' night3.json)" \
	"1 dead/http-503/true/new"
cp pages-before.json pages.json

# ---- an auditor's shelf: the README's commands, as written ----
# citecheck below is the binary on this timeline's simulated web
citecheck() {
	# shellcheck disable=SC2086
	CITECHECK_NOW=$now "$bin" -q $route "$@"
}
block=$(sed -n '/^### An auditor, months later/,/^lists what is newly dead/p' "$readme" | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d')
first=$(printf '%s\n' "$block" | grep '^citecheck' | sed -n 1p)
second=$(printf '%s\n' "$block" | grep '^citecheck' | sed -n 2p)
query=$(printf '%s\n' "$block" | grep '^jq ')
expect "the README's auditor recipe: two runs and a query" \
	"$(printf '%s\n' "$first" "$second" "$query" | grep -c .)" 3
now=$A0
eval "$first"
expect "2026-11-15, the first audit: exit 0, 51 links alive, all as archived" \
	"$? $(jq -r '"\(.summary.live.alive) \(.summary.drift.unchanged)"' shelf-2026-11.json)" "0 51 51"
cp pages-after.json pages.json
now=$A1
eval "$second"
expect "2027-03-01, the second audit: exit 1 (dead links)" "$?" 1
# the 25 of report-a.md, and story 1 again in the brief
python3 - > want-dead.txt <<'PY'
snap = "http://127.0.0.1:WPORT/web/20261019120000/https://news.example.net/story-%d"
for n in range(1, 26):
    print("shelf/report-a.md https://news.example.net/story-%d %s" % (n, snap % n))
print("https://example.org/reports/brief.html https://news.example.net/story-1 %s" % (snap % 1))
PY
sed -i "s/WPORT/$W/" want-dead.txt
eval "$query" | sort > got-dead.txt
expect "… the README's query: newly dead since, exactly the 25 (story 1 cited twice), each with its snapshot" \
	"$(sort want-dead.txt | diff - got-dead.txt && echo same)" same
expect "… none of the 25 has drift unchanged; the 10 rewritten have drift changed" \
	"$(jq -r '[.documents[] | select(.path == "shelf/report-a.md") | .references[].links[] | .drift.verdict] | .[0:25] | unique | join(" ")' shelf-2027-03.json) $(jq -r '[.documents[].references[].links[] | select(.url | test("story-(2[6-9]|3[0-5])$")) | .drift.verdict] | unique | join(" ")' shelf-2027-03.json)" \
	"unknown changed"
expect "… the 5 moved: alive, moved" \
	"$(jq -r '[.documents[].references[].links[] | select(.url | test("story-(3[6-9]|40)$")) | "\(.live.verdict)/\(.live.final_url != null)"] | unique | join(" ")' shelf-2027-03.json)" \
	"alive/true"

# the author's re-run, an hour later with the cache: what it finds and the
# fixes it makes are those of a run without it
now=$((A1 + 3600))
citecheck --cache audit.db --fix cached --fix-moved -o cached.json shelf
citecheck --fix uncached --fix-moved -o uncached.json shelf
summary() { jq -c '[[.documents[].references[].links[] | .problems[] | "\(.line):\(.code)"], [.documents[].fix.fixes[] | "\(.line):\(.kind):\(.after):\(.applied)"]]' "$1"; }
expect "the author's cached re-run: the same findings and fixes as without the cache" \
	"$(summary cached.json | md5sum) $(diff -r cached uncached && echo same)" "$(summary uncached.json | md5sum) same"
expect "… 25 dead fixes, 10 changed, 5 moved, all applied" \
	"$(jq -r '[.documents[].fix.fixes[] | "\(.kind)/\(.applied)"] | group_by(.) | map("\(length) \(.[0])") | join(", ")' uncached.json)" \
	"10 changed/true, 25 dead/true, 5 moved/true"
citecheck -o refixed.json cached/shelf
expect "… the --fix copies re-checked: exit 0, the 25 gone and 10 changed pages cited with their snapshots" \
	"$? $(jq -r '.summary.problems.by_code["snapshot-cited"]' refixed.json)" "0 35"
expect_valid_reports
finish timeline
