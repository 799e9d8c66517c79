#!/bin/sh
# run.sh — builds the libFuzzer targets (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer) into build-fuzz/, runs every committed crash
# input of each target as a regression test, then fuzzes each target for
# SECONDS (default 10) from its seed corpus and dictionary. Prints per target
# the executions, coverage (edges) and features reached, and ends with
# "N passed, N failed". New corpus inputs go to a temporary folder; a crash
# is kept in build-fuzz/artifacts/TARGET/ to be fixed, then committed under
# tests/fuzz/crashes/TARGET/ as a regression test.
#
# Usage: sh tests/fuzz/run.sh [SECONDS] [TARGET...]
#   targets: text markdown asciidoc html bibtex csl_json pdf docx odt epub urls dates wayback page_text config fix doi
#            cache baseline fix_zip pack
set -u
cd "$(dirname "$0")/../.."
seconds=${1:-10}
[ $# -gt 0 ] && shift
targets=${*:-text markdown asciidoc html bibtex csl_json pdf docx odt epub urls dates wayback page_text config fix cache baseline fix_zip doi pack}
build=build-fuzz
if ! command -v clang > /dev/null; then
	echo "fuzz: clang is not installed (sh .ci/setup-tests installs it)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
if [ ! -f $build/build.ninja ]; then
	CC=clang meson setup $build -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debugoptimized > $build.log 2>&1 || { cat $build.log; echo "0 passed, 1 failed"; exit 1; }
fi
if ! meson compile -C $build > $build.log 2>&1; then
	cat $build.log
	echo "0 passed, 1 failed"
	exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in $targets; do
	bin=$build/tests/fuzz/fuzz_$t
	# every committed crash input must now run clean
	for f in tests/fuzz/crashes/"$t"/*; do
		[ -f "$f" ] || continue
		if "$bin" "$f" > "$work/regress.log" 2>&1; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "FAIL fuzz_$t regression $f"
			tail -30 "$work/regress.log"
		fi
	done
	mkdir -p "$work/$t" "$build/artifacts/$t"
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-dict=tests/fuzz/dict/"$t".dict -artifact_prefix="$build/artifacts/$t/" \
		"$work/$t" tests/fuzz/corpus/"$t" > "$work/$t.log" 2>&1
	rc=$?
	stats=$(grep -E '^#[0-9]+' "$work/$t.log" | tail -1)
	runs=$(echo "$stats" | sed -n 's/^#\([0-9]*\).*/\1/p')
	cov=$(echo "$stats" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$stats" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "fuzz_$t: ${runs:-0} runs in ${seconds} s, cov ${cov:-?}, ft ${ft:-?}: ok"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz_$t: exit $rc after ${runs:-0} runs; artifacts in $build/artifacts/$t/"
		grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x' "$work/$t.log" | head -25
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
