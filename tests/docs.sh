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
for code in $(grep -o '{"[a-z0-9-]*", SEV_' "$top/src/problem.c" | cut -d'"' -f2); do
	expect "finding $code in the man page" "$(grep -c "Cm $code" "$top/man/citecheck.1" | sed 's/^[1-9][0-9]*$/yes/')" yes
	expect "finding $code in the README" "$(grep -c "\`$code\`" "$top/README.md" | sed 's/^[1-9][0-9]*$/yes/')" yes
done
if command -v mandoc > /dev/null; then
	expect "mandoc -Tlint" "$(mandoc -Tlint -Wwarning "$top/man/citecheck.1" 2>&1)" ""
fi
finish docs
