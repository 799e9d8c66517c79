#!/bin/sh
# Docs-tree benchmark (issue: docs repositories as GitHub renders them).
# Prints figures.
#
# A docs repository of FILES Markdown files in folders of 50 (default
# 38,000, the size of the largest tree the issue measured), each with five
# headings, a raw HTML anchor, and links to its neighbours: files that
# exist, fragments that exist, and one file and one fragment in ten that do
# not. citecheck checks it offline (--extract-only: the local links and
# their fragments, nothing fetched). Figures: wall time (the faster of two runs) and peak memory,
# the local links' verdicts (which must be the ones written), and the time
# against two baselines measured in the same run: reading every byte once
# (cat), and cmark-gfm, GitHub's parser, rendering every file (when the
# cmark-gfm command is installed). Targets: under 5 s, under 128 MB. Given
# another citecheck (an earlier build), it runs on the same tree too, for
# the figures before and after.
#
# Usage: bench/docs_tree.sh [BUILD_DIR] [FILES] [OTHER_CITECHECK]
#   needs: apt-get install time jq python3 (cmark-gfm for the second baseline)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
bin=$top/$build/citecheck
files=${2:-38000}
other=${3:-}
out=$top/bench/out/docs_tree
rm -rf "$out"
mkdir -p "$out/repo"
cd "$out"

# writes the tree; prints how many links must be alive and how many dead
python3 - "$files" > expected.txt <<'PY'
import os, sys
n = int(sys.argv[1])
alive = dead = 0
def path(i):
    return "repo/d%03d/page-%05d.md" % (i // 50, i)
for i in range(n):
    os.makedirs(os.path.dirname(path(i)), exist_ok=True)
    nxt, prv = (i + 1) % n, (i - 1) % n
    rel = lambda j: os.path.relpath(path(j), os.path.dirname(path(i)))
    lines = ["# Page %d" % i, "", '### <a id="top-%d"></a>Getting started' % i, "",
             "Read [the next page](%s) and [its setup](%s#setup-%d)." % (rel(nxt), rel(nxt), nxt), "",
             "## Setup %d" % i, "", "See [the previous page](%s#getting-started)." % rel(prv), "",
             "## Options", "", "| option | what |", "|---|---|", "| `-x` | [here](#options) |", "",
             "## Options", "", "Back [to the top](#top-%d), or [the second](#options-1)." % i, ""]
    alive += 6
    if i % 10 == 0:
        lines += ["A [missing page](missing-%d.md) and [a missing part](%s#nowhere)." % (i, rel(nxt)), ""]
        dead += 2
    lines += ["```", "[not a link](nowhere.md)", "```", "", "Cited: https://example.org/doc/%d" % (i % 500), ""]
    with open(path(i), "w") as f:
        f.write("\n".join(lines))
print(alive, dead)
PY
read -r want_alive want_dead < expected.txt

secs() { # secs COMMAND…: wall seconds of the command
	start=$(date +%s.%N)
	"$@" > /dev/null 2>&1 || true
	end=$(date +%s.%N)
	echo "$start $end" | awk '{printf "%.2f", $2 - $1}'
}
find repo -name '*.md' -print0 > list
cat_s=$(secs sh -c 'xargs -0 cat < list > /dev/null')
if command -v cmark-gfm > /dev/null; then
	cmark_s=$(secs sh -c 'xargs -0 -n 500 cmark-gfm -e table -e strikethrough -e autolink < list > /dev/null')
else
	cmark_s=
fi
measure() { # measure CITECHECK REPORT: sets s (the faster of two runs), kb and verdicts ("alive dead")
	/usr/bin/time -f '%e %M' -o time.txt "$1" --extract-only -q -o "$2" repo > /dev/null 2>&1 || true
	/usr/bin/time -f '%e %M' -o time2.txt "$1" --extract-only -q -o "$2" repo > /dev/null 2>&1 || true
	read -r s kb <<EOT
$(tail -n 1 time.txt)
EOT
	read -r s2 kb2 <<EOT
$(tail -n 1 time2.txt)
EOT
	s=$(echo "$s $s2" | awk '{print ($2 < $1 ? $2 : $1)}')
	kb=$((kb2 > kb ? kb2 : kb))
	verdicts=$(jq -r '[.documents[].references[].links[] | select(.kind == "local") | .live.verdict] |
		"\(map(select(. == "alive")) | length) \(map(select(. == "dead")) | length)"' "$2")
}
measure "$bin" report.json
cc_s=$s cc_kb=$kb got=$verdicts
# what a CI step runs: annotations on standard output, no report file
/usr/bin/time -f '%e %M' -o time.txt "$bin" --extract-only -q --format github repo > /dev/null 2>&1 || true
read -r gh_s gh_kb <<EOT
$(tail -n 1 time.txt)
EOT

echo "docs-tree benchmark: $files Markdown files, $((want_alive + want_dead)) local links ($want_dead broken)"
echo "citecheck --extract-only: $cc_s s, peak RSS $((cc_kb / 1024)) MB (targets: < 5 s, < 128 MB)"
echo "local links alive, dead: $got (written: $want_alive $want_dead)"
echo "citecheck --extract-only --format github (no JSON report): $gh_s s, peak RSS $((gh_kb / 1024)) MB"
echo "baseline, every byte read once (cat): $cat_s s; citecheck $(echo "$cc_s $cat_s" | awk '{printf "%.1f", ($2 > 0 ? $1 / $2 : 0)}') x"
if [ -n "$other" ]; then
	measure "$other" other.json
	echo "the other citecheck ($other): $s s, peak RSS $((kb / 1024)) MB; local links alive, dead: $verdicts"
	echo "this one against it: time $(echo "$cc_s $s" | awk '{printf "%.2f", ($2 > 0 ? $1 / $2 : 0)}') x, memory $(echo "$cc_kb $kb" | awk '{printf "%.2f", ($2 > 0 ? $1 / $2 : 0)}') x"
fi
if [ -n "$cmark_s" ]; then
	echo "baseline, cmark-gfm rendering every file: $cmark_s s; citecheck $(echo "$cc_s $cmark_s" | awk '{printf "%.2f", ($2 > 0 ? $1 / $2 : 0)}') x"
else
	echo "baseline, cmark-gfm rendering every file: not measured (no cmark-gfm command)"
fi
