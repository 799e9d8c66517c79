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
expect "… a heading and 21 figures" "$(echo "$hostile" | grep -c '^[a-z0-9]*\.[a-z]* *[0-9]* *[0-9.]* *[0-9.]* ')" 21
finish bench_smoke
