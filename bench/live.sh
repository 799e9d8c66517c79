#!/bin/sh
# Live-stage benchmark (issue: live checks). Prints figures; run as root.
#
# A simulated web (tests/simweb.py) answers for every host the seed report
# cites, each host after a fixed latency between 50 and 250 ms (from a hash of
# its name); thanhvien.vn (a misspelling in the report) answers 404, every
# other page 200. Everything runs in a private network and mount namespace
# whose /etc/hosts sends every cited host to 127.0.0.1, so the peers need no
# special options and nothing leaves the machine. All tools get the same
# input: the seed report with each link's leading https:// made http://.
#
# Figures: wall time, requests sent, peak RSS, and citecheck's ratio to the
# lower bound (the busiest host's total latency / --host-jobs); for the peers
# (linkchecker from Debian, markdown-link-check and linkinator from npm, pinned
# in bench/.peers) their time as a ratio to citecheck's and their false-dead
# count. Then peak RSS for 10,000 distinct URLs.
#
# Usage: bench/live.sh [BUILD_DIR]
#   needs: apt-get install linkchecker time jq python3 iproute2;
#          npm install --prefix bench/.peers markdown-link-check@3.15.0 linkinator@6.3.0
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/${1:-build}/citecheck
peers=$top/bench/.peers/node_modules/.bin
out=$top/bench/out/live
rm -rf "$out"
mkdir -p "$out"

if [ -z "${CITECHECK_BENCH_NS:-}" ]; then
	exec env CITECHECK_BENCH_NS=1 unshare -n -m sh "$0" "$@"
fi
ip link set lo up
cd "$out"

sed -E 's#(<|\]\()https://#\1http://#g' "$top/fixtures/000_639fc2e66c0e2ab4.txt" > seed.md
"$bin" --extract-only -q seed.md > extract.json || true # exit 1: the seed has findings
jq -r '[.documents[0].references[].links[] | select(.normalized) | .normalized | capture("^http://(?<h>[^/:]+)").h] | unique[]' extract.json > hosts.txt
{ echo "127.0.0.1 localhost"; sed 's/^/127.0.0.1 /' hosts.txt; } > hosts
mount --bind hosts /etc/hosts
# the same links as HTML, for linkchecker, which does not read Markdown
jq -r '"<!DOCTYPE html><html><body>", (.documents[0].references[].links[].url | "<a href=\"\(.)\">link</a>"), "</body></html>"' extract.json > seed.html

latency() { printf '%s' "$1" | cksum | awk '{ printf "%.3f", (50 + $1 % 201) / 1000 }'; }
lat_args=""
while read -r h; do lat_args="$lat_args --latency $h=$(latency "$h")"; done < hosts.txt
# shellcheck disable=SC2086
python3 "$top/tests/simweb.py" --port 80 --port-file port --lifetime 3000 --default-alive \
	--dead-host thanhvien.vn --log requests.log $lat_args &
server=$!
trap 'kill $server 2> /dev/null' EXIT
while [ ! -s port ]; do sleep 0.1; done

# ground truth: a link is alive unless its host is thanhvien.vn or its URL is
# not valid as written (a space in it: no tool can fetch it as written). A
# tool's false dead is a URL it calls dead that is one of the alive ones.
alive_truth=$(jq '[.documents[0].references[].links[] | select(.normalized and (.normalized | test("^http://thanhvien.vn/") | not))] | length' extract.json)
jq -r '.documents[0].references[].links[] | select(.normalized and (.normalized | test("^http://thanhvien.vn/") | not)) | .url, .normalized' extract.json | sort -u > alive-urls.txt
in_alive() { grep -Fxc -f alive-urls.txt || true; }

timed() { # timed NAME COMMAND... : runs it, prints "seconds rss_kb requests"
	name=$1
	shift
	: > requests.log
	/usr/bin/time -f '%e %M' -o "time-$name.txt" "$@" > "out-$name.txt" 2> "err-$name.txt" || true
	echo "$(cat "time-$name.txt" | tail -1) $(wc -l < requests.log | tr -d ' ')"
}

set -- $(timed citecheck "$bin" -q -o citecheck.json seed.md)
cc_time=$1 cc_rss=$2 cc_req=$3
cc_false=$(jq '[.documents[0].references[].links[] | select(.live.verdict == "dead" and (.url | test("^http://thanhvien.vn/") | not))] | length' citecheck.json)
# lower bound: each host's distinct fetched URLs x its latency / --host-jobs (2)
bound=$(jq -r '[.documents[0].references[].links[] | select(.live.verdict != "skipped") | .normalized] | unique[] | capture("^http://(?<h>[^/:]+)").h' citecheck.json |
	sort | uniq -c | while read -r n h; do echo "$n $(latency "$h")"; done |
	awk '{ t = $1 * $2 / 2; if (t > m) m = t } END { printf "%.3f", m }')
probes=$(jq -rs '[.[] | select(.path | startswith("/citecheck-probe-"))] | length' requests.log 2>/dev/null || echo 0)

echo "live benchmark: seed report, $(jq .summary.links extract.json) links, $(jq .summary.distinct_urls extract.json) distinct URLs, $(wc -l < hosts.txt | tr -d ' ') hosts, latency 50-250 ms per host"
printf 'citecheck: %.2f s, %s requests (%s soft-404 probes), peak RSS %.1f MB, false dead %s of %s alive links\n' \
	"$cc_time" "$cc_req" "$probes" "$(echo "$cc_rss" | awk '{ print $1 / 1024 }')" "$cc_false" "$alive_truth"
awk -v t="$cc_time" -v b="$bound" 'BEGIN { printf "  lower bound (busiest host, --host-jobs 2): %.2f s; citecheck / bound = %.2f (target <= 1.3)\n", b, t / b }'

peer() { # peer NAME FALSE_DEAD_COUNTER CHECKED_COUNTER COMMAND...
	name=$1 counter=$2 checked=$3
	shift 3
	set -- $(timed "$name" "$@")
	false_dead=$($counter)
	awk -v n="$name" -v t="$1" -v r="$2" -v q="$3" -v c="$cc_time" -v f="$false_dead" -v a="$alive_truth" \
	    -v k="$($checked)" 'BEGIN {
		printf "%s: %.2f s (%.2fx citecheck), %s requests, peak RSS %.1f MB, false dead %s of %s alive links; links reported: %s\n",
			n, t, t / c, q, r / 1024, f, a, k }'
}
checked_linkchecker() { grep -v '^#' out-linkchecker.txt | awk -F';' 'NR > 1' | wc -l | tr -d ' '; }
checked_mlc() {
	n=$(grep -c '\[[✓✖]\]' out-markdown-link-check.txt || true)
	if [ "$n" = 0 ] && grep -q Error err-markdown-link-check.txt; then
		echo "0 (it crashed: $(grep -m1 Error err-markdown-link-check.txt | tr -s ' '))"
	else
		echo "$n"
	fi
}
checked_linkinator() { jq '[.links[] | select(.state != "SKIPPED")] | length' out-linkinator.txt 2> /dev/null || echo "?"; }
count_linkchecker() { grep -v '^#' out-linkchecker.txt | awk -F';' 'NR > 1 && $7 == "False" { print $1 }' | in_alive; }
count_mlc() { sed -n 's/^ *\[✖\] \([^ ]*\).*/\1/p' out-markdown-link-check.txt | in_alive; }
count_linkinator() { jq -r '.links[] | select(.state == "BROKEN") | .url' out-linkinator.txt 2> /dev/null | in_alive; }

if command -v linkchecker > /dev/null; then
	chmod a+r seed.html
	peer linkchecker count_linkchecker checked_linkchecker linkchecker --no-status --verbose --check-extern -o csv "file://$out/seed.html"
else
	echo "linkchecker: not installed"
fi
if [ -x "$peers/markdown-link-check" ]; then
	peer markdown-link-check count_mlc checked_mlc "$peers/markdown-link-check" seed.md
	peer linkinator count_linkinator checked_linkinator "$peers/linkinator" seed.md --markdown --format json
else
	echo "markdown-link-check, linkinator: not installed (see Usage)"
fi

# the peers limit requests per host less or not at all; citecheck at the same
# per-host concurrency as linkinator (every URL of a host at once):
set -- $(timed citecheck-impolite "$bin" -q --jobs 200 --host-jobs 100 -o impolite.json seed.md)
printf 'citecheck --jobs 200 --host-jobs 100 (no politeness, for comparison only): %.2f s, %s requests\n' "$1" "$3"

# memory: 10,000 distinct URLs on 100 hosts, no latency
awk 'BEGIN { print "# References\n"; for (i = 1; i <= 10000; i++) printf "%d. Source %d (2024). <http://h%d.example.com/page/%d>\n", i, i, i % 100, i }' > many.md
{ echo "127.0.0.1 localhost"; awk 'BEGIN { for (i = 0; i < 100; i++) printf "127.0.0.1 h%d.example.com\n", i }'; } > hosts
set -- $(timed many "$bin" -q --no-probe -o many.json many.md)
printf '10,000 distinct URLs: %.2f s, peak RSS %.1f MB (target < 32 MB), %s alive\n' "$1" "$(echo "$2" | awk '{ print $1 / 1024 }')" \
	"$(jq .summary.live.alive many.json)"
