#!/bin/sh
# util/unicode.c's combining marks (general category M) against an
# independent source: the Unicode Character Database as Python's
# unicodedata gives it (14.0 in Debian 12's Python 3.11).
. "$(dirname "$0")/lib.sh"
want=$(python3 - <<'PY'
import unicodedata
start = None
for c in range(0x110001):
    m = c < 0x110000 and unicodedata.category(chr(c)).startswith("M")
    if m and start is None:
        start = c
    if not m and start is not None:
        print("%04X %04X" % (start, c - 1))
        start = None
PY
)
expect "Unicode $(python3 -c 'import unicodedata; print(unicodedata.unidata_version)'): the combining marks, range by range" \
	"$("$1")" "$want"
finish unicode
