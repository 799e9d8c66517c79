#!/bin/sh
# The source tree's layers: every folder of src/ is a stage, and src/meson.build
# lists them in the order the includes allow. A file includes its own folder's
# headers and those of the folders listed before its own, each named by its
# folder ("live/live_engine.h"), never a later folder's: a lower stage does not
# lean on a higher one. Also: every folder is listed and has a README, every
# header named exists, and the README's source layout names every file.
# Usage: layers.sh SOURCE_ROOT
set -u
top=$1
order=$(sed -n "/foreach stage/,/\]/p" "$top/src/meson.build" | grep -o "'[a-z]*'" | tr -d "'")
[ -n "$order" ] || { echo "layers: no stage list in src/meson.build"; exit 1; }
fail=0
for dir in "$top"/src/*/; do
	stage=$(basename "$dir")
	echo "$order" | grep -qx "$stage" || { echo "layers: src/$stage/ is not in src/meson.build's list"; fail=1; }
	[ -f "$dir/README" ] || { echo "layers: src/$stage/ has no README"; fail=1; }
done
# every include, in one pass: "file stage header"
cd "$top" || exit 1
grep -H '^#include "' src/*/*.[ch] | sed 's/^\([^:]*\):#include "\([^"]*\)".*/\1 \2/' |
	awk -v order="$order" '
	BEGIN { n = split(order, o, "\n"); for (i = 1; i <= n; i++) rank[o[i]] = i }
	{
		file = $1; inc = $2
		split(file, p, "/"); mine = p[2]
		if (!(mine in rank)) next
		if (index(inc, "/") == 0) { print "layers: " file " includes \"" inc "\" without its folder"; bad = 1; next }
		split(inc, q, "/"); theirs = q[1]
		if ((getline line < ("src/" inc)) < 0) { print "layers: " file " includes \"" inc "\", which is not in src/"; bad = 1; next }
		close("src/" inc)
		if (rank[theirs] > rank[mine]) { print "layers: " file " (" mine ") includes " inc ": " theirs " is a later stage"; bad = 1 }
	}
	END { exit bad }' || fail=1
# README's source layout names every file
for f in src/*/*.c; do
	grep -q "\`$(basename "$f")\`" README.md || { echo "layers: README's source layout does not name $f"; fail=1; }
done
if [ $fail -eq 0 ]; then
	echo "layers: $(echo "$order" | wc -l) stages, every include in order"
	exit 0
fi
exit 1
