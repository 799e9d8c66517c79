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

# (and a cited snapshot's original too: /web/<time>/https:// becomes http://)
sed -E 's#(<|\]\()https://#\1http://#g; s#(/web/[0-9]+/|/save/)https://#\1http://#g' "$top/fixtures/000_639fc2e66c0e2ab4.txt" > seed.md
"$bin" --extract-only -q seed.md > extract.json || true # exit 1: the seed has findings
# every host a tool may ask: the cited URLs' and the snapshots' originals'
jq -r '[.documents[0].references[].links[] | (.normalized, .original) | strings | capture("^http://(?<h>[^/:]+)").h | select(test("^[A-Za-z0-9.-]+$"))] | unique[]' extract.json > hosts.txt
# and the hosts of the second case: five news sites that give every page one
# title and one length (simweb's generic hosts), three that never answer
{ echo "127.0.0.1 localhost"; sed 's/^/127.0.0.1 /' hosts.txt
  for i in 0 1 2 3 4; do echo "127.0.0.1 generic$i.courier.news"; done
  for i in 0 1 2; do echo "127.0.0.1 stall$i.courier.news"; done; } > hosts
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

# the live stage only (--no-archive): the peers have no archive stage
set -- $(timed citecheck "$bin" -q --no-archive -o citecheck.json seed.md)
cc_time=$1 cc_rss=$2 cc_req=$3
cc_false=$(jq '[.documents[0].references[].links[] | select(.live.verdict == "dead" and (.url | test("^http://thanhvien.vn/") | not))] | length' citecheck.json)
cp requests.log requests-citecheck.log
# lower bound for the requests it sent (cited pages, the originals of cited
# snapshots, redirects, soft-404 probes): the busiest host's requests x its
# latency / --host-jobs (2), or all requests' latencies / --jobs (16),
# whichever is longer
bound=$(jq -r '.host' requests-citecheck.log |
	sort | uniq -c | while read -r n h; do echo "$n $(latency "$h")"; done |
	awk '{ t = $1 * $2 / 2; if (t > m) m = t; all += $1 * $2 } END { if (all / 16 > m) m = all / 16; printf "%.3f", m }')
probes=$(jq -rs '[.[] | select(.path | startswith("/citecheck-probe-"))] | length' requests.log 2>/dev/null || echo 0)

echo "live benchmark: seed report, $(jq .summary.links extract.json) links, $(jq .summary.distinct_urls extract.json) distinct URLs, $(wc -l < hosts.txt | tr -d ' ') hosts, latency 50-250 ms per host"
printf 'citecheck: %.2f s, %s requests (%s soft-404 probes), peak RSS %.1f MB, false dead %s of %s alive links\n' \
	"$cc_time" "$cc_req" "$probes" "$(echo "$cc_rss" | awk '{ print $1 / 1024 }')" "$cc_false" "$alive_truth"
awk -v t="$cc_time" -v b="$bound" 'BEGIN { printf "  lower bound (busiest host / --host-jobs 2, or all / --jobs 16): %.2f s; citecheck / bound = %.2f (target <= 1.3)\n", b, t / b }'

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

if [ -n "${CITECHECK_BENCH_SMOKE:-}" ]; then # the tests' smoke run: the first two cases only
	skip_rest=1
fi
# the peers limit requests per host less or not at all; citecheck at the same
# per-host concurrency as linkinator (every URL of a host at once):
[ -n "${skip_rest:-}" ] || set -- $(timed citecheck-impolite "$bin" -q --no-archive --jobs 200 --host-jobs 100 -o impolite.json seed.md)
[ -n "${skip_rest:-}" ] || printf 'citecheck --jobs 200 --host-jobs 100 (no politeness, for comparison only): %.2f s, %s requests\n' "$1" "$3"

# Second case: soft 404s on sites that give every page one title and one
# length, and pages that hang. Five such hosts (50 ms each answer), each with
# 36 stories (alive) and 4 paths it does not have (answered 200 with its "not
# found" text: soft 404s), and three pages that never answer, --timeout 3.
# Truth: 180 alive, 20 soft-404, 3 timeouts. Lower bound: a hang must be
# waited out twice (a timeout, then its one retry), 6 s; the busiest host's
# 41 requests (40 pages and a probe) x 50 ms / --host-jobs 2 is 1 s.
awk 'BEGIN { print "# References\n"; n = 0
	for (h = 0; h < 5; h++) { for (i = 1; i <= 36; i++) printf "%d. Story (2024). <http://generic%d.courier.news/articles/%d>\n", ++n, h, i
		for (i = 1; i <= 4; i++) printf "%d. Removed story (2024). <http://generic%d.courier.news/articles/removed-%d>\n", ++n, h, i }
	for (h = 0; h < 3; h++) printf "%d. Stalled (2024). <http://stall%d.courier.news/hang/%d>\n", ++n, h, h }' > generic.md
grep -o 'http://[^>]*' generic.md > generic-urls.txt
grep '/articles/[0-9]' generic-urls.txt | sort > generic-alive.txt
set -- $(timed generic "$bin" -q --no-archive --timeout 3 -o generic.json generic.md)
g_time=$1
g_false=$(jq '[.documents[0].references[].links[] | select(.live.verdict == "dead" and (.url | test("/articles/[0-9]+$")))] | length' generic.json)
g_soft=$(jq '[.documents[0].references[].links[] | select(.live.reason == "soft-404" and (.url | test("/removed-")))] | length' generic.json)
g_hang=$(jq '[.documents[0].references[].links[] | select(.live.reason == "timeout")] | length' generic.json)
echo "generic-title hosts and hangs: 203 links (180 alive stories on 5 hosts with one title and one length, 20 soft 404s, 3 hangs), --timeout 3"
printf 'citecheck: %.2f s, false dead %s of 180, soft 404s found %s of 20, timeouts %s of 3\n' "$g_time" "$g_false" "$g_soft" "$g_hang"
awk -v t="$g_time" 'BEGIN { printf "  lower bound (two timeouts of a hang): 6.00 s; citecheck / bound = %.2f (target <= 1.3)\n", t / 6 }'
# the peers with the same 3 s timeout
in_generic() { grep -Fxc -f generic-alive.txt || true; }
for p in linkchecker markdown-link-check linkinator; do
	case $p in
	linkchecker) command -v linkchecker > /dev/null || continue
		sed -E 's#^[0-9]+\. [^<]*<([^>]*)>#<a href="\1">link</a>#' generic.md > generic.html
		chmod a+r generic.html
		set -- $(timed "g-$p" linkchecker --no-status --check-extern --timeout 3 -o csv "file://$out/generic.html")
		dead=$(grep -v '^#' "out-g-$p.txt" | awk -F';' 'NR > 1 && $7 == "False" { print $1 }') ;;
	markdown-link-check) [ -x "$peers/$p" ] || continue
		printf '{"timeout": "3s"}\n' > mlc.json
		set -- $(timed "g-$p" "$peers/$p" -c mlc.json generic.md)
		dead=$(sed -n 's/^ *\[✖\] \([^ ]*\).*/\1/p' "out-g-$p.txt") ;;
	linkinator) [ -x "$peers/$p" ] || continue
		set -- $(timed "g-$p" "$peers/$p" generic.md --markdown --format json --timeout 3000)
		dead=$(jq -r '.links[] | select(.state == "BROKEN") | .url' "out-g-$p.txt" 2> /dev/null) ;;
	esac
	dead=$(echo "$dead" | sort -u) # a tool may list a link twice
	printf '%s: %.2f s, false dead %s of 180, soft 404s found %s of 20, hangs reported %s of 3\n' "$p" "$1" \
		"$(echo "$dead" | in_generic)" "$(echo "$dead" | grep -c '/removed-' || true)" "$(echo "$dead" | grep -c '/hang/' || true)"
done

[ -z "${skip_rest:-}" ] || exit 0

# memory: 10,000 distinct URLs on 100 hosts, no latency
awk 'BEGIN { print "# References\n"; for (i = 1; i <= 10000; i++) printf "%d. Source %d (2024). <http://h%d.example.com/page/%d>\n", i, i, i % 100, i }' > many.md
{ echo "127.0.0.1 localhost"; awk 'BEGIN { for (i = 0; i < 100; i++) printf "127.0.0.1 h%d.example.com\n", i }'; } > hosts
# (example.com names, reached through /etc/hosts on purpose: checked)
set -- $(timed many "$bin" -q --no-archive --no-probe --check-example-hosts -o many.json many.md)
printf '10,000 distinct URLs: %.2f s, peak RSS %.1f MB (target < 32 MB), %s alive\n' "$1" "$(echo "$2" | awk '{ print $1 / 1024 }')" \
	"$(jq .summary.live.alive many.json)"
