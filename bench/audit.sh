#!/bin/sh
# Audit benchmark (issue: many documents, memory between runs). Prints
# figures; run as root (it makes a private network namespace).
#
# bench/make_audit_corpus.py writes DOCS documents (Markdown, HTML and DOCX
# in turn) whose reference lists are the seed report's entries with their
# URLs replaced by pages of a simulated web (tests/simweb.py) of HOSTS hosts
# with PAGES pages each, LINKS links a document, overlapping across
# documents. Every page answers 200 after LATENCY seconds. The live stage
# only (--no-archive): the archive's pace (5 lookups a second) would make
# the lower bound of 20,000 lookups over an hour.
#
# Figures: wall time, requests sent against distinct URLs (+ soft-404
# probes), peak RSS; the time of reading and reporting alone (--extract-only),
# by one reader a core and by one reader (--read-jobs 1), the fastest of 3;
# the lower bound (the busiest host's pages x LATENCY /
# --host-jobs, or all pages x LATENCY / --jobs if more) and the time of a
# baseline measured in the same run: curl --parallel fetching the same
# distinct URLs through the same simulator with the same number of
# connections (what the simulator itself allows); then the second run with
# the cache: wall time against the first and requests to the web; then a
# third after one document was edited.
#
# Usage: bench/audit.sh [BUILD_DIR] [DOCS LINKS HOSTS PAGES LATENCY JOBS]
#   default: build 1000 100 1000 20 0.02 64 (100,000 links, about 20,000 URLs)
#   needs: apt-get install time jq python3 iproute2 curl
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
bin=$top/$build/citecheck
docs=${2:-1000} links=${3:-100} hosts=${4:-1000} pages=${5:-20} latency=${6:-0.02} jobs=${7:-64}
out=$top/bench/out/audit
if [ -z "${CITECHECK_BENCH_NS:-}" ]; then
	exec env CITECHECK_BENCH_NS=1 unshare -n sh "$0" "$@"
fi
ip link set lo up
rm -rf "$out"
mkdir -p "$out/corpus"
cd "$out"

distinct=$(cd corpus && python3 "$top/bench/make_audit_corpus.py" "$top/fixtures/000_639fc2e66c0e2ab4.txt" \
	"$docs" "$links" "$hosts" "$pages")
python3 "$top/tests/simweb.py" --port-file port --lifetime 3000 --default-alive --default-latency "$latency" \
	--log requests.log &
server=$!
trap 'kill $server 2> /dev/null' EXIT
while [ ! -s port ]; do sleep 0.1; done
P=$(cat port)
net="--connect-to ::127.0.0.1:$P --no-archive --jobs $jobs --host-jobs 2"

timed() { # timed NAME COMMAND…: runs it; prints "seconds peak_rss_kb requests"
	name=$1
	shift
	: > requests.log
	/usr/bin/time -f '%e %M' -o "time-$name.txt" "$@" > "out-$name.txt" 2> "err-$name.txt" || true
	echo "$(tail -n 1 "time-$name.txt") $(wc -l < requests.log | tr -d ' ')"
}

# shellcheck disable=SC2086
set -- $(timed first "$bin" -q $net --cache cache.db -o first.json corpus)
t1=$1 rss1=$2 req1=$3
probes=$(grep -c 'citecheck-probe-' requests.log || true)
# shellcheck disable=SC2086
set -- $(timed second "$bin" -q $net --cache cache.db -o second.json corpus)
t2=$1 rss2=$2 req2=$3
# one document edited (a sentence added, no new link): it alone is read again
one=$(find corpus -type f | sort | head -n 1)
printf '\nOne more sentence, added since.\n' >> "$one"
# shellcheck disable=SC2086
set -- $(timed third "$bin" -q $net --cache cache.db -o third.json corpus)
t3=$1 req3=$3

# reading and reporting alone: what every run does, with or without a cache;
# by one reader a core (the default), then by one reader, in turn three
# times, the fastest of each: a single run of two seconds varies by a
# fifth on this machine. Beside them, what the machine itself allows: two
# processes of one reader each, side by side, each reading half the
# documents; no sharing between them, so their speed-up over one reader is
# the most two cores give this work here (memory and caches are shared).
mkdir half1 half2
find corpus -type f | sort | awk '{ print > ((NR % 2) ? "half1.list" : "half2.list") }'
xargs ln -t half1 < half1.list
xargs ln -t half2 < half2.list
tr= tr1= tp=
for round in 1 2 3; do
	set -- $(timed read "$bin" -q --extract-only -o read.json corpus)
	tr=$(awk -v a="$1" -v b="$tr" 'BEGIN { print (b == "" || a < b) ? a : b }')
	set -- $(timed read1 "$bin" -q --extract-only --read-jobs 1 -o read1.json corpus)
	tr1=$(awk -v a="$1" -v b="$tr1" 'BEGIN { print (b == "" || a < b) ? a : b }')
	set -- $(timed pair sh -c '"$0" -q --extract-only --read-jobs 1 -o half1.json half1 &
		"$0" -q --extract-only --read-jobs 1 -o half2.json half2; wait' "$bin")
	tp=$(awk -v a="$1" -v b="$tp" 'BEGIN { print (b == "" || a < b) ? a : b }')
done
cmp -s read.json read1.json && same="byte-identical" || same="DIFFERENT"

# the baseline: the same distinct URLs, fetched by curl with as many connections
jq -r '[.documents[].references[].links[].normalized // empty] | unique[] | "url = \"\(.)\"\noutput = \"/dev/null\""' \
	first.json > curl.cfg
set -- $(timed curl curl -s --parallel --parallel-max "$jobs" --connect-to "::127.0.0.1:$P" --config curl.cfg)
tc=$1 reqc=$3

# the lower bound: the busiest host's pages x latency / 2 connections, or
# every page x latency / --jobs when that is more
bound=$(jq -r '[.documents[].references[].links[].normalized // empty] | unique[] | capture("^http://(?<h>[^/]+)").h' first.json |
	sort | uniq -c | awk -v l="$latency" -v j="$jobs" '{ n += $1; if ($1 > m) m = $1 } END { a = m * l / 2; b = n * l / j; printf "%.3f", (a > b ? a : b) }')

echo "audit benchmark: $(jq .summary.documents first.json) documents ($(jq '[.documents[] | .format] | group_by(.) | map("\(length) \(.[0])") | join(", ")' -r first.json)), $(jq .summary.links first.json) links, $distinct distinct URLs on $hosts hosts, $latency s a page, --jobs $jobs --host-jobs 2"
printf 'first run: %.2f s, %s requests for %s distinct URLs (%s soft-404 probes), peak RSS %.1f MB; verdicts: %s\n' \
	"$t1" "$req1" "$(jq .summary.distinct_urls first.json)" "$probes" "$(echo "$rss1" | awk '{ print $1 / 1024 }')" \
	"$(jq -c '.summary.live | {alive, dead, error}' first.json)"
awk -v t="$t1" -v b="$bound" -v c="$tc" -v r="$reqc" -v x="$tr" 'BEGIN {
	printf "  lower bound by latency: %.2f s; citecheck / bound = %.2f (target <= 1.3)\n", b, t / b
	printf "  baseline, curl --parallel on the same URLs: %.2f s (%s requests); citecheck / curl = %.2f\n", c, r, t / c
	printf "  reading the documents and writing the report alone (--extract-only): %.2f s; the rest, the live stage: %.2f s, %.2f x curl\n", x, t - x, (t - x) / c }'
printf 'reading and reporting (--extract-only, fastest of 3): one reader %.2f s, one a core (%s cores) %.2f s: %.2f x faster (target >= 1.8 on 2 cores); the two reports %s\n' \
	"$tr1" "$(nproc)" "$tr" "$(awk -v a="$tr1" -v b="$tr" 'BEGIN { print a / b }')" "$same"
printf '  the machine'"'"'s own bound: two processes of one reader, half the documents each, side by side: %.2f s, %.2f x one reader; one a core reaches %.0f%% of it\n' \
	"$tp" "$(awk -v a="$tr1" -v b="$tp" 'BEGIN { print a / b }')" "$(awk -v a="$tr" -v b="$tp" 'BEGIN { print 100 * b / a }')"
printf 'second run, with the cache: %.2f s (%.1f%% of the first; target <= 5%%), %s requests to the web, peak RSS %.1f MB\n' \
	"$t2" "$(awk -v a="$t2" -v b="$t1" 'BEGIN { print 100 * a / b }')" "$req2" "$(echo "$rss2" | awk '{ print $1 / 1024 }')"
printf 're-run after one document changed: %.2f s (%.1f%% of the first; target <= 10%%), %s requests to the web\n' \
	"$t3" "$(awk -v a="$t3" -v b="$t1" 'BEGIN { print 100 * a / b }')" "$req3"
