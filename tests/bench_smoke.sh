#!/bin/sh
# bench_smoke.sh — the benchmark harness builds and runs on the seed: it
# prints "extract_s report_s peak_rss_kb references", and the seed has 163
# references (golden_seed.sh reads them one by one). bench/hostile.sh runs
# too and prints a line for each of its 21 documents.
. "$(dirname "$0")/lib.sh"
out=$("$1" "$2/000_639fc2e66c0e2ab4.txt")
expect "bench-extract exits 0" "$?" 0
expect_match "… prints four figures" "$out" '^[0-9]+\.[0-9]{3} [0-9]+\.[0-9]{3} [0-9]+ [0-9]+$'
expect "… and the seed's references" "$(echo "$out" | cut -d' ' -f4)" 163
top=$(cd "$(dirname "$0")/.." && pwd)
bindir=$(cd "$(dirname "$3")" && pwd)
hostile=$(cd "$top" && sh bench/hostile.sh "$bindir" 2>&1)
expect "bench/hostile.sh exits 0" "$?" 0
expect "… a heading and 23 figures" "$(echo "$hostile" | grep -c '^[a-z0-9]*\.[a-z]* *[0-9]* *[0-9.]* *[0-9.]* ')" 23
# bench/docs_tree.sh on 200 files: its figures, and the verdicts it wrote
# (six links a file alive; in every tenth file, two dead)
tree=$(cd "$top" && sh bench/docs_tree.sh "$(basename "$bindir")" 200 2>&1)
expect "bench/docs_tree.sh exits 0" "$?" 0
expect_match "… its figures" "$tree" "citecheck --extract-only: [0-9.]+ s, peak RSS [0-9]+ MB"
expect_match "… the verdicts written" "$tree" "local links alive, dead: 1200 40 \(written: 1200 40\)"
# bench/audit.sh on 6 documents (two of each format), 10 links each, 5 hosts
# of 4 pages: its figures are printed, the cache run sends nothing
if [ -n "${CITECHECK_NETNS:-}" ]; then
	audit=$(cd "$top" && sh bench/audit.sh "$(basename "$bindir")" 6 10 5 4 0.01 8 2>&1)
	expect "bench/audit.sh exits 0" "$?" 0
	expect_match "… the corpus it made" "$audit" "audit benchmark: 6 documents \(2 docx, 2 html, 2 markdown\), 60 links"
	expect_match "… the first run's figures" "$audit" "first run: [0-9.]+ s, [0-9]+ requests for [0-9]+ distinct URLs"
	expect_match "… reading by one reader and by one a core, the same report" "$audit" "reading and reporting \(--extract-only, fastest of 3\): one reader [0-9.]+ s, one a core \([0-9]+ cores\) [0-9.]+ s: [0-9.]+ x faster \(target >= 1.8 on 2 cores\); the two reports byte-identical"
	expect_match "… the machine's own bound, two processes on halves" "$audit" "the machine's own bound: two processes of one reader, half the documents each, side by side: [0-9.]+ s, [0-9.]+ x one reader; one a core reaches [0-9]+% of it"
	expect_match "… the second run, from the cache" "$audit" "second run, with the cache: [0-9.]+ s \([0-9.]+% of the first; target <= 5%\), 0 requests to the web"
	expect_match "… the re-run after one document changed" "$audit" "re-run after one document changed: [0-9.]+ s \([0-9.]+% of the first; target <= 10%\), 0 requests to the web"
fi
# bench/ci.sh on 4 files citing 10 URLs, 2 dead: its figures, and --archive
# failing asking the archive for the 2 dead pages alone (a replay and the
# capture it leads to, each)
if [ -n "${CITECHECK_NETNS:-}" ] && [ "$(id -u)" = 0 ]; then
	ci=$(cd "$top" && sh bench/ci.sh "$(basename "$bindir")" 4 10 2 0.02 2>&1)
	expect "bench/ci.sh exits 0" "$?" 0
	expect_match "… the live stage's figure" "$ci" "live stage alone \(--no-archive, the baseline\): [0-9.]+ s"
	expect_match "… --archive failing: 4 archive requests" "$ci" "--archive failing: [0-9.]+ s, 4 archive requests; [0-9.]+ x the live stage"
	expect "… the same verdicts three ways" "$(echo "$ci" | tail -n 1)" "same verdicts in all three: yes"
fi
# bench/live.sh and bench/archive.sh, as root in their own namespaces, fast:
# their figures are printed, and the verdicts they count are right
if [ -n "${CITECHECK_NETNS:-}" ] && [ -z "${CITECHECK_SANITIZED:-}" ] && [ "$(id -u)" = 0 ]; then
	live=$(cd "$top" && CITECHECK_BENCH_SMOKE=1 sh bench/live.sh "$(basename "$bindir")" 2>&1)
	expect "bench/live.sh exits 0" "$?" 0
	expect_match "… the seed's figures" "$live" "citecheck: [0-9.]+ s, [0-9]+ requests \([0-9]+ soft-404 probes\), peak RSS [0-9.]+ MB, false dead 0 of 149 alive links"
	expect_match "… the generic-title hosts and hangs" "$live" "citecheck: [0-9.]+ s, false dead 0 of 180, soft 404s found 20 of 20, timeouts 3 of 3"
	archive=$(cd "$top" && CITECHECK_BENCH_SMOKE=1 sh bench/archive.sh "$(basename "$bindir")" 2>&1)
	expect "bench/archive.sh exits 0" "$?" 0
	expect_match "… drift with documents" "$archive" "changed: precision [0-9.]+ \(120/[0-9]+\), recall [0-9.]+ \([0-9]+/120\)"
	expect_match "… the snapshots of dead pages" "$archive" "dead and archived: right snapshot suggested [0-9.]+ \([0-9]+/110\)"
	expect_match "… no false dead" "$archive" "false dead: 0 of 300 alive pages"
	expect_match "… the pace figures" "$archive" "rate-limit answers \(429\) from the archive: [0-9]+"
fi
finish bench_smoke
