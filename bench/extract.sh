#!/bin/sh
# Extraction benchmark (issue: foundation). Prints figures, not verdicts to
# trust blindly: throughput in MB/s and peak RSS for
#   A. >= 50 MB of body text (the seed's body repeated) then one reference list;
#   B. a reference list of >= 100,000 entries (the seed's references repeated
#      and renumbered).
# Baseline, measured in the same run on the same files: grep -c over the
# text, the cheapest full scan a tool could do.
# Usage: bench/extract.sh [BUILD_DIR]   (default build; uses its bench-extract harness)
set -eu
harness=${1:-build}/bench-extract
seed=fixtures/000_639fc2e66c0e2ab4.txt
out=${BENCH_DIR:-bench/out}
mkdir -p "$out"
refs_start=$(grep -n '^# REFERENCES' "$seed" | cut -d: -f1)

# A: body repeated to 50 MB, then the reference list once
a=$out/body50.md
head -n $((refs_start - 1)) "$seed" > "$out/body.part"
body_bytes=$(wc -c < "$out/body.part")
copies=$((50 * 1024 * 1024 / body_bytes + 1))
: > "$a"
i=0
while [ $i -lt $copies ]; do cat "$out/body.part"; i=$((i + 1)); done >> "$a"
tail -n +"$refs_start" "$seed" >> "$a"

# B: the reference list repeated with footnotes renumbered, to >= 100,000 entries
b=$out/refs100k.md
tail -n +"$((refs_start + 1))" "$seed" | sed -n '/<sup>1<\/sup>/,/^- <sup>65<\/sup>/p' > "$out/refs.part"
copies=650
{
	echo "# REFERENCES"
	echo
	awk -v copies=$copies '
		{ lines[NR] = $0 }
		END {
			for (k = 0; k < copies; k++)
				for (i = 1; i <= NR; i++) {
					l = lines[i]
					if (match(l, /^(- )?<sup>[0-9]+<\/sup>/)) {
						pre = substr(l, 1, RLENGTH)
						n = pre; gsub(/[^0-9]/, "", n)
						sub(/[0-9]+/, n + 65 * k, pre)
						l = pre substr(l, RLENGTH + 1)
					}
					print l
				}
		}' "$out/refs.part"
} > "$b"

now() { date +%s.%N; }
mb() { awk -v b="$(wc -c < "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

report() { # report NAME FILE RSS_TARGET_MB
	set -- "$1" "$2" "$3" $("$harness" "$2")
	t0=$(now); grep -c http "$2" > /dev/null || true; t1=$(now)
	awk -v name="$1" -v size="$(mb "$2")" -v ex="$4" -v rep="$5" -v rss="$6" -v refs="$7" \
	    -v g="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v target="$3" 'BEGIN {
		if (ex < 0.001) ex = 0.001; if (g < 0.001) g = 0.001
		printf "%s: %.1f MB, %d references\n", name, size, refs
		printf "  read + extract + check: %.2f s = %.0f MB/s (%.1fx the time of grep -c over it, %.0f MB/s)\n",
			ex, size / ex, ex / g, size / g
		printf "  JSON report: %.2f s more; end to end %.0f MB/s\n", rep, size / (ex + rep)
		printf "  peak RSS %.1f MB\n", rss / 1024
		printf "  targets: >= 100 MB/s extracting: %s; end to end: %s; peak RSS < %.0f MB: %s\n",
			(size / ex >= 100 ? "met" : "NOT met"), (size / (ex + rep) >= 100 ? "met" : "NOT met"),
			target, (rss / 1024 < target ? "met" : "NOT met")
	}'
}

echo "citecheck extraction benchmark ($(nproc) cores; one core used)"
report "A. body text then one reference list" "$a" 64
refs_mb=$(awk -v b="$(wc -c < "$b")" 'BEGIN { printf "%d", 4 * b / 1048576 }')
report "B. long reference list" "$b" "$refs_mb"
