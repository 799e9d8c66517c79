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
rank() { echo "$order" | grep -nx "$1" | cut -d: -f1; }
for dir in "$top"/src/*/; do
	stage=$(basename "$dir")
	[ -n "$(rank "$stage")" ] || { echo "layers: src/$stage/ is not in src/meson.build's list"; fail=1; }
	[ -f "$dir/README" ] || { echo "layers: src/$stage/ has no README"; fail=1; }
done
for f in "$top"/src/*/*.[ch]; do
	stage=$(basename "$(dirname "$f")")
	mine=$(rank "$stage")
	[ -n "$mine" ] || continue
	# shellcheck disable=SC2013
	for inc in $(sed -n 's/^#include "\(.*\)".*/\1/p' "$f"); do
		where=${f#"$top"/}
		case $inc in
		*/*) ;;
		*) echo "layers: $where includes \"$inc\" without its folder"; fail=1; continue ;;
		esac
		[ -f "$top/src/$inc" ] || { echo "layers: $where includes \"$inc\", which is not in src/"; fail=1; continue; }
		theirs=$(rank "${inc%%/*}")
		if [ "$theirs" -gt "$mine" ]; then
			echo "layers: $where ($stage) includes $inc: ${inc%%/*} is a later stage"
			fail=1
		fi
	done
done
# README's source layout names every file
for f in "$top"/src/*/*.c; do
	grep -q "\`$(basename "$f")\`" "$top/README.md" || { echo "layers: README's source layout does not name ${f#"$top"/}"; fail=1; }
done
if [ $fail -eq 0 ]; then
	echo "layers: $(echo "$order" | wc -l) stages, every include in order"
	exit 0
fi
exit 1
