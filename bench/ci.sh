#!/bin/sh
# CI benchmark (issue: verdicts across runs; --archive). Prints figures; run
# as root (it makes a private network namespace with loopback only).
#
# A docs repository as a pull request's CI sees it on its first run (no
# cache): DOCS Markdown files citing URLS distinct pages on 10 hosts of a
# simulated web (tests/simweb.py, LATENCY seconds a page), DEAD of them
# answering 404, none with an access date; a simulated Wayback Machine
# (tests/simwayback.py) holding a capture of every page. citecheck runs
# three ways, each from an empty cache:
#   - the live stage alone (--no-archive): the baseline, measured here;
#   - --archive all (the default): every page looked up, at the archive's
#     pace (5 replay requests a second);
#   - --archive failing: only the failing pages looked up.
# Figures: wall time of each, requests to the archive, and each against the
# live stage alone (target for --archive failing: <= 1.3).
#
# Usage: bench/ci.sh [BUILD_DIR] [DOCS URLS DEAD LATENCY]
#   default: build 40 163 0 0.1 (the issue's repository: every link healthy)
#   needs: apt-get install time jq python3 iproute2
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
bin=$top/$build/citecheck
docs=${2:-40} urls=${3:-163} dead=${4:-0} latency=${5:-0.1}
out=$top/bench/out/ci
if [ -z "${CITECHECK_BENCH_NS:-}" ]; then
	exec env CITECHECK_BENCH_NS=1 unshare -n sh "$0" "$@"
fi
ip link set lo up
rm -rf "$out"
mkdir -p "$out/repo/docs"
cd "$out"

python3 - "$docs" "$urls" "$dead" <<'PY'
import json, sys
docs, urls, dead = (int(a) for a in sys.argv[1:4])
pages = ["http://host%d.example.org/guide/page-%d" % (i % 10, i) for i in range(urls)]
# each document cites its share of the pages, and two of the first ten: a
# docs repository links the same install page from many files
for d in range(docs):
    mine = pages[d::docs] + pages[:min(2, urls)]
    with open("repo/docs/page-%02d.md" % d, "w") as f:
        f.write("# Page %d\n\nSee the guide.\n\n" % d)
        for u in mine:
            f.write("- [%s](%s)\n" % (u.rsplit("/", 1)[1], u))
live = {u.split("//", 1)[1]: {"status": 404, "body": "Not Found"} for u in pages[:dead]}
json.dump(live, open("pages.json", "w"))
body = "<html><head><title>Guide</title></head><body><main><p>%s</p></main></body></html>"
json.dump({"captures": {u: [{"ts": "20240101000000", "status": 200, "body": body % u}] for u in pages}},
          open("world.json", "w"))
PY

python3 "$top/tests/simweb.py" --port-file port --lifetime 3000 --default-alive --default-latency "$latency" \
	--pages pages.json --log requests.log &
server=$!
python3 "$top/tests/simwayback.py" --port-file wport --world world.json --log wb.log --lifetime 3000 &
wayback=$!
trap 'kill $server $wayback 2> /dev/null' EXIT
while [ ! -s port ] || [ ! -s wport ]; do sleep 0.1; done
P=$(cat port) W=$(cat wport)
net="--no-probe --check-example-hosts --wayback http://127.0.0.1:$W"
for h in 0 1 2 3 4 5 6 7 8 9; do # the web's hosts to the simulator; the archive's address as it is
	net="$net --connect-to host$h.example.org:80:127.0.0.1:$P"
done

timed() { # timed NAME OPTIONS…: a first run from an empty cache; prints "seconds archive_requests"
	name=$1
	shift
	: > wb.log
	rm -f "cache-$name.db"
	# shellcheck disable=SC2086
	/usr/bin/time -f '%e' -o "time-$name.txt" "$bin" -q $net --cache "cache-$name.db" -o "$name.json" "$@" repo \
		> /dev/null 2> "err-$name.txt" || true
	echo "$(tail -n 1 "time-$name.txt") $(wc -l < wb.log | tr -d ' ')"
}

set -- $(timed live --no-archive)
tl=$1
set -- $(timed all --archive all)
ta=$1 ra=$2
set -- $(timed failing --archive failing)
tf=$1 rf=$2

echo "ci benchmark: $(jq .summary.documents live.json) documents, $(jq .summary.links live.json) links, $(jq .summary.distinct_urls live.json) distinct URLs on 10 hosts, $dead dead, $latency s a page; a first run each (empty cache)"
printf 'live stage alone (--no-archive, the baseline): %.2f s; verdicts %s\n' "$tl" "$(jq -c '.summary.live | {alive, dead}' live.json)"
awk -v l="$tl" -v a="$ta" -v f="$tf" -v ra="$ra" -v rf="$rf" 'BEGIN {
	printf "--archive all (default): %.2f s, %d archive requests; %.2f x the live stage\n", a, ra, a / l
	printf "--archive failing: %.2f s, %d archive requests; %.2f x the live stage (target <= 1.3)\n", f, rf, f / l }'
printf 'same verdicts in all three: %s\n' \
	"$(for n in live all failing; do jq -c '[.documents[].references[].links[].live.verdict]' $n.json; done | sort -u | wc -l | sed 's/^1$/yes/; s/^[0-9]*$/no/')"
