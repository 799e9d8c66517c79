#!/bin/sh
# hardening.sh — the defects an outside audit found in the readers, each with
# an input made here: memory errors (caught by the sanitizer build), work that
# grew with the square of the input, memory far above the input, numbers at
# the edge of their type, terminal escapes in messages. Every case has a time
# bound far above what a linear pass needs (a loaded machine still passes),
# and the quadratic code it replaced took minutes on the same input.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# bounded BOUND ARGS…: runs citecheck --extract-only under a time limit;
# prints the exit status (124: the bound was passed) and the first line of
# standard error; the report is in out.json.
bounded() {
	limit=$1
	shift
	timeout -s KILL "$limit" "$bin" --extract-only -q "$@" > out.json 2> err
	rc=$?
	[ "$rc" -eq 137 ] && rc=124
	echo "$rc $(head -1 err)"
}

# peak_mb: the peak resident memory, in MiB, of citecheck --extract-only -q
# ARGS… (the report goes to out.json); the sanitizers' own memory is not
# the program's, so their build prints "skip"
peak_mb() {
	if [ -n "${CITECHECK_SANITIZED:-}" ]; then
		echo skip
		return
	fi
	python3 -c '
import resource, subprocess, sys
with open("out.json", "wb") as out:
    subprocess.run(sys.argv[1:], stdout=out, stderr=subprocess.DEVNULL, timeout=120)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
' "$bin" --extract-only -q "$@"
}
# under BOUND MiB: "yes", or the figure
under() {
	if [ "$1" = skip ] || [ "$1" -le "$2" ]; then echo yes; else echo "$1 MiB"; fi
}

python3 "$testdir/hostile_inputs.py" || exit 1

expect_match "1. a 40,000-letter element name: refused, message cut" "$(bounded 60 longname.docx)" \
	'^2 citecheck: longname.docx: word/document.xml is not well-formed XML \(line 1: Opening and ending tag mismatch: AAAA+'
expect "… the message stays short" "$(head -1 err | awk '{ print (length($0) < 400) }')" 1
expect "2. HYPERLINK ending in a backslash: read, not crashed" "$(bounded 60 backslash.docx)" "0 "
expect "… the text after it is read" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" '["https://after.example.org/page"]'
expect "3. @string expansion bomb: refused at the value cap" "$(bounded 60 bomb.bib)" \
	"2 citecheck: bomb.bib: not valid BibTeX: line 7: a field value is over 1 MiB long"
expect "3. … and at the cap on all expansions" "$(bounded 60 bomb2.bib)" \
	"2 citecheck: bomb2.bib: not valid BibTeX: line 72: @string macros expand to over 64 MiB in all (an expansion bomb?)"
expect "4. 10,000 itemrefs over 19,003 entries: one walk" "$(bounded 60 spine.epub)" "0 "
expect "… each chapter read once, in the spine's order" \
	"$(jq -c '[(.documents[0].references | length), .documents[0].references[0].links[0].url, .documents[0].references[-1].links[0].url, .documents[0].references[0].part]' out.json)" \
	'[5000,"https://c4999.example.org/","https://c0.example.org/","c4999.xhtml"]'
expect "5. an HTML start tag of 10^6 attributes: read" "$(bounded 60 attrs.html)" "0 "
expect "… the text in it and after it" "$(jq -c '[.documents[0].references[].links[] | [.url, .line]]' out.json)" \
	'[["https://h.example.org/page",2],["https://h2.example.org/",3]]'
expect "5. the same in a DOCX's XML: read" "$(bounded 60 attrs.docx)" "0 "
expect "… its text" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" '["https://x.example.org/page"]'
expect "5. attribute names of 10^5 letters: read" "$(bounded 60 names.html)" "0 "
expect "… its text" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" '["https://n.example.org/"]'
expect "8. w:numStart at LONG_MAX: read, numbers clamped" "$(bounded 60 numstart.docx)" "0 "
expect "… the notes numbered from the clamp" "$(jq -c '[.documents[0].references[].footnote]' out.json)" '["1000000000","1000000001"]'
expect "8. <ol start> at LONG_MIN, <li value> at LONG_MAX: read" "$(bounded 60 numbers.html)" "0 "
expect "… every entry's link" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" \
	'["https://a.example.org/","https://b.example.org/","https://c.example.org/"]'
expect "6. [ x 10^6: linear" "$(bounded 60 brackets.md)" "0 "
expect "6. a URL then 10^6 ')': linear" "$(bounded 60 closers.md)" "0 "
expect "… the closers are the text's" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" '["https://p.example.org/a"]'
expect "6. 10^6 backslashes in a URL: linear (exit 1: the URL's backslashes are errors)" "$(bounded 60 backslashes.md)" "1 "
expect "… the URL keeps them" "$(jq '.documents[0].references[0].links[0].url | length' out.json)" $((22 + 1000000 + 1))
expect "6. a://  x 250,000 in one token of a reference: linear" "$(bounded 60 schemes.md)" "0 "
expect "6. [a]( x 250,000: linear" "$(bounded 60 parens.md)" "0 "
expect "6. 35,000 links on one line: columns counted once" "$(bounded 60 links.md)" "0 "
# each link is 22 bytes, its digits and a blank
expect "… the last one's column" "$(jq -c '.documents[0].references[-1].links[0] | [.url, .column]' out.json)" \
	"[\"https://l.example.org/34999\",$((10 * 24 + 90 * 25 + 900 * 26 + 9000 * 27 + 24999 * 28 + 1))]"
# Markdown the parser would hold in a tree of 200 bytes a node: 4 MB of
# one-letter lines, of '[', of emphasis, of list items took 0.7 to 0.9 GB
# when parsed whole; past the node budget the lines are read by their own
# syntax. A link in the last line is still found.
python3 -c "import sys; sys.stdout.write('a\\n' * 2000000 + '[x](https://end.example.org/)\\n')" > lines.md
python3 -c "import sys; sys.stdout.write(('*a* ' * 100 + '\\n') * 10000 + '[x](https://end.example.org/)\\n')" > emph.md
python3 -c "import sys; sys.stdout.write('- a\\n' * 1000000 + '[x](https://end.example.org/)\\n')" > items.md
for f in lines.md emph.md items.md; do
	expect "6. $f (4 MB): read" "$(bounded 60 $f)" "0 "
	expect "… its last line's link" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" '["https://end.example.org/"]'
	expect "… in under 128 MiB" "$(under "$(peak_mb $f)" 128)" yes
done
# What a Markdown page shows as code or math (read/md_hidden.c) is found
# in one pass: tags that never close, link destinations that never end,
# dollars that open no math, each repeated through a file the parser takes
# whole. Each is read, and its last line's link found.
python3 -c "import sys; sys.stdout.write('text <code x=\"' * 30000 + '\n\n[x](https://end.example.org/)\n')" > codes.md
python3 -c "import sys; sys.stdout.write(('x ](' * 1000 + '\n') * 100 + '\n[x](https://end.example.org/)\n')" > dests.md
python3 -c "import sys; sys.stdout.write('\$a ' * 100000 + '\n\n[x](https://end.example.org/)\n')" > dollars.md
for f in codes.md dests.md dollars.md; do
	expect "6. $f: read" "$(bounded 60 $f)" "0 "
	expect "… its last line's link" "$(jq -c '[.documents[0].references[].links[].url]' out.json)" '["https://end.example.org/"]'
done
expect "7. 8 M empty CSL-JSON items: refused before parsing" "$(bounded 120 empty.json)" \
	"2 citecheck: empty.json: not read: over 1000000 JSON objects and arrays (a library of references holds a few per item)"
expect "… in under 64 MiB" "$(under "$(peak_mb empty.json)" 64)" yes
expect "7. one source of 10^6 links: read" "$(bounded 120 farm.md)" "0 "
expect "… its first 1,000 links kept, the rest counted and said" \
	"$(jq -c '.documents[0].references[] | [(.links | length), .links_omitted, .links[-1].url, [.problems[] | .code, .line, .message]]' out.json)" \
	'[1000,999000,"https://x.example.org/999",["too-many-links",1003,"this source holds more than 1000 links: the rest are not checked"]]'
expect "… in under 256 MiB" "$(under "$(peak_mb farm.md)" 256)" yes
expect "7. 10^6 footnotes, one cited: read" "$(bounded 120 defs.md)" "0 "
expect "… 1,000 findings listed, the rest counted" \
	"$(jq -c '[(.documents[0].problems | map(select(.code == "footnote-uncited")) | length), .summary.problems.by_code["footnote-uncited"], .summary.problems.omitted]' out.json)" \
	'[1000,999999,{"footnote-uncited":998999}]'
expect "… in under 1 GiB" "$(under "$(peak_mb defs.md)" 1024)" yes
"$bin" --extract-only defs.md 2>&1 > /dev/null | grep 'more footnote-uncited' > err
expect "… and the terminal is told" "$(cat err)" \
	"citecheck: defs.md: 998999 more footnote-uncited findings, over 1000 of one kind, are not listed"
"$bin" --extract-only escape.md > out.json 2> err
expect "9. no control character reaches the terminal" "$(tr -d '\n' < err | LC_ALL=C grep -c "$(printf '[\001-\037\177]')")" 0
expect "… C0 and C1 controls shown escaped" "$(head -1 err)" \
	'escape.md:5:3: warning: footnote \x1bc\u009b is defined but never cited [footnote-uncited]'
expect "… the JSON report keeps the text as it is" "$(jq -r '.documents[0].references[1].footnote' out.json | od -An -tx1 | tr -s ' ')" " 1b 63 c2 9b 0a"

expect_valid_reports
finish hardening
