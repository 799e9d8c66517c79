# lib.sh — assertions for the shell tests. Each test script sources it, runs
# the real binary and ends with `finish NAME`, which exits non-zero if any
# expectation failed.
set -u
fails=0
total=0

expect() { # expect DESCRIPTION ACTUAL EXPECTED
	total=$((total + 1))
	if [ "$2" != "$3" ]; then
		fails=$((fails + 1))
		printf 'FAIL %s\n  got:  %s\n  want: %s\n' "$1" "$2" "$3" >&2
	fi
}

expect_match() { # expect_match DESCRIPTION ACTUAL EXTENDED-REGEX
	total=$((total + 1))
	if ! printf '%s' "$2" | grep -Eq -- "$3"; then
		fails=$((fails + 1))
		printf 'FAIL %s\n  got:  %s\n  want match: %s\n' "$1" "$2" "$3" >&2
	fi
}

finish() {
	echo "$1: $total checks, $fails failed"
	[ "$fails" -eq 0 ]
}
