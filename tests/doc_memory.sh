#!/bin/sh
# --cache's memory of documents: a document whose bytes, path and reading
# options are the same as in an earlier run is not read again, its model
# taken from the cache. Shown without timing: two documents' rows swapped
# in the cache make each report the other's references (so neither was
# read); a document changed is read again; a heading renamed in a file
# another links to still breaks that link; a forged row is refused; an
# option that changes reading, or an age past --max-age, reads again.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
T0=1800000000
run() { CITECHECK_NOW=$T0 "$bin" --extract-only -q --cache c.db "$@"; }

mkdir docs
cat > docs/a.md <<'MD'
# Guide

See [the setup](b.md#installing-it) and the [report](https://example.org/report).

## Sources

1. Okafor, A. (2021). Measuring link rot. https://example.org/rot
MD
cat > docs/b.md <<'MD'
# Setup

## Installing it

Run the installer, then read [the guide](a.md).
MD
cp "$fixtures/formats/seed.docx" docs/seed.docx
cp "$fixtures/corpus/wikipedia-mozilla.html" docs/wiki.html

run -o first.json docs 2> first.err
expect "first run: exit 1 (the seed's URL errors), nothing said" "$?:$(cat first.err)" "1:"
expect "a row a document, in the cache" "$(python3 -c 'import sqlite3; print(sqlite3.connect("c.db").execute("SELECT count(*) FROM document").fetchone()[0])')" 4
run -o second.json docs 2> second.err
expect "second run: the same report, byte for byte" "$(cmp first.json second.json && echo same)" same
expect "… and nothing said" "$(cat second.err)" ""

# the proof that the second run read nothing: a.md's row holds b.md's
# model and b.md's a.md's
python3 - <<'PY'
import json, sqlite3
c = sqlite3.connect("c.db")
rows = c.execute("SELECT key, model FROM document").fetchall()
report = json.load(open("first.json"))
# which row is whose: by the text of a reference only that document has
def has(blob, text):
    return text in blob
a = next(k for k, m in rows if has(m, b"Okafor"))
b = next(k for k, m in rows if has(m, b"the guide"))
ma = dict(rows)[a]
mb = dict(rows)[b]
c.execute("UPDATE document SET model = ? WHERE key = ?", (mb, a))
c.execute("UPDATE document SET model = ? WHERE key = ?", (ma, b))
c.commit()
PY
run -o swapped.json docs 2> /dev/null
refs() { jq -r --arg p "$2" '.documents[] | select(.path | endswith($p)) | [.references[].links[].url] | join(" ")' "$1"; }
expect "rows swapped: a.md reports b.md's links, unread" "$(refs swapped.json docs/a.md)" "$(refs first.json docs/b.md)"
expect "… and b.md a.md's" "$(refs swapped.json docs/b.md)" "$(refs first.json docs/a.md)"

# the rows put right again by a run with a row too old for --max-age: read
CITECHECK_NOW=$((T0 + 2 * 86400)) "$bin" --extract-only -q --cache c.db -o old.json docs 2> /dev/null
expect "two days later (--max-age 1d): every document read again" "$(refs old.json docs/a.md)" "$(refs first.json docs/a.md)"
CITECHECK_NOW=$((T0 + 2 * 86400)) "$bin" --extract-only -q --cache c.db -o old2.json docs 2> /dev/null
expect "… and kept again: the same report" "$(cmp old.json old2.json && echo same)" same
T0=$((T0 + 2 * 86400))

# a document changed is read again; the heading a.md links to renamed in
# b.md breaks the link, a.md itself unchanged and taken from the cache
sed -i 's/^## Installing it$/## Install it/' docs/b.md
run -o renamed.json docs 2> /dev/null
expect "a heading renamed: a.md's link into b.md is broken now" \
	"$(jq -r '.documents[] | select(.path | endswith("a.md")) | .references[].links[] | select(.url == "b.md#installing-it") | "\(.live.verdict) \(.live.reason)"' renamed.json)" \
	"dead no-such-anchor"
printf '\nRead the [changelog](https://example.org/changes).\n' >> docs/b.md
run -o changed.json docs 2> /dev/null
expect "a document changed: its new link reported" "$(refs changed.json docs/b.md)" "a.md https://example.org/changes"

# a forged row: refused, said, the document read again
python3 -c 'import sqlite3; c = sqlite3.connect("c.db"); c.execute("UPDATE document SET model = X'"'"'43435046'"'"'"); c.commit()'
run -o forged.json docs 2> forged.err
expect "forged rows: said on standard error" "$(cat forged.err)" \
	"citecheck: the cache c.db: 4 documents that citecheck did not write were taken as absent and read again"
expect "… and the documents read: the report as before" "$(cmp forged.json changed.json && echo same)" same

# an option that changes reading: not the cached model
run --check-chrome -o chrome.json docs 2> /dev/null
expect "--check-chrome: the wiki page read again, its chrome's links now text" \
	"$(test "$(jq '[.documents[] | select(.path | endswith("wiki.html")) | .references[] | select(.where == "chrome")] | length' chrome.json)" -lt \
		"$(jq '[.documents[] | select(.path | endswith("wiki.html")) | .references[] | select(.where == "chrome")] | length' changed.json)" && echo differs)" \
	differs

# standard input is never kept
before=$(python3 -c 'import sqlite3; print(sqlite3.connect("c.db").execute("SELECT count(*) FROM document").fetchone()[0])')
run -o stdin.json - < docs/a.md 2> /dev/null
expect "standard input: no row" "$(python3 -c 'import sqlite3; print(sqlite3.connect("c.db").execute("SELECT count(*) FROM document").fetchone()[0])')" "$before"
finish doc_memory
