#!/bin/sh
# The README, --help and citecheck(1) describe the same options and the
# same findings, and the man page is clean mdoc.
. "$(dirname "$0")/lib.sh"
bin=$1
top=$2
help=$("$bin" --help)
for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	expect "$opt in the man page" "$(grep -c -- "Fl \\\\-${opt#--}" "$top/man/citecheck.1" | tr -d ' ' | sed 's/^[1-9][0-9]*$/yes/')" yes
	expect "$opt in the README" "$(grep -c -- "$opt" "$top/README.md" | sed 's/^[1-9][0-9]*$/yes/')" yes
done
for code in $(grep -o '{"[a-z0-9-]*", SEV_' "$top/src/model/problem.c" | cut -d'"' -f2); do
	expect "finding $code in the man page" "$(grep -c "Cm $code" "$top/man/citecheck.1" | sed 's/^[1-9][0-9]*$/yes/')" yes
	expect "finding $code in the README" "$(grep -c "\`$code\`" "$top/README.md" | sed 's/^[1-9][0-9]*$/yes/')" yes
done
# every variable the code reads is in the man page's ENVIRONMENT, the
# README's table of them and --help
envsec=$(sed -n '/^\.Sh ENVIRONMENT/,/^\.Sh /p' "$top/man/citecheck.1")
for var in $(grep -rho 'getenv("[A-Za-z_]*")' "$top/src" | cut -d'"' -f2 | sort -u); do
	expect "$var in the man page's ENVIRONMENT" "$(printf '%s\n' "$envsec" | grep -cw "Ev $var" | sed 's/^[1-9][0-9]*$/yes/')" yes
	expect "$var in the README's environment" "$(grep -c "^| .*\`$var\`" "$top/README.md" | sed 's/^[1-9][0-9]*$/yes/')" yes
	expect "$var in --help" "$(printf '%s\n' "$help" | grep -cw "$var" | sed 's/^[1-9][0-9]*$/yes/')" yes
done
# the man page's offline examples, run on the seed in place of report.md
bindir=$(cd "$(dirname "$bin")" && pwd)
seed=$(cd "$top/fixtures" && pwd)/000_639fc2e66c0e2ab4.txt
run_example() { # run_example N: the Nth ".Dl citecheck --extract-only" line of the man page
	f=$(mktemp)
	grep '^\.Dl citecheck --extract-only' "$top/man/citecheck.1" | sed -n "$1p" |
		sed 's/^\.Dl //; s/\\(dq/"/g; s/\\e/\\/g' | sed "s#report.md#$seed#" > "$f"
	PATH="$bindir:$PATH" sh "$f"
	rm -f "$f"
}
# links with a problem in their own text: 34 problems (4 spaces, 1 bad percent, 3 save
# requests, 14 unpinned, 4 URL dates, 8 near-duplicates) on 31 links (lines 440, 454, 524 have two)
expect "man page example 1 runs" "$(run_example 1 | wc -l | tr -d ' ')" 31
expect "man page example 2 runs: footnote 5 has 45 sources" "$(run_example 2)" 45

if command -v mandoc > /dev/null; then
	expect "mandoc -Tlint" "$(mandoc -Tlint -Wwarning "$top/man/citecheck.1" 2>&1)" ""
fi
finish docs
