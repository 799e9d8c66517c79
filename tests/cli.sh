#!/bin/sh
# The command line and hostile input: every case ends in a result or a
# one-line error with a documented exit status, never a crash or a hang.
. "$(dirname "$0")/lib.sh"
bin=$1
fixtures=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # run ARGS… ; sets rc, out, err
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

run --version
expect "--version" "$rc $(printf '%s\n' "$out" | head -n 1)" "0 citecheck 0.1.0"
expect_match "… and the libraries it runs with" "$(printf '%s\n' "$out" | sed -n 2p)" \
	"^libcurl/[0-9.]+ .*, jansson [0-9.]+, libarchive [0-9.]+ .*, libxml2 [0-9]+\.[0-9]+\.[0-9]+, SQLite [0-9.]+, poppler [0-9.]+, zlib [0-9.]+$"
run --extract-only "$fixtures/001_c25326fb54ddfca2.txt"
expect "the report names its maker" "$(jq -c .citecheck "$tmp/out")" '{"name":"citecheck","version":"0.1.0","schema":14}'
run --help
expect "--help exits 0" "$rc" 0
for opt in --extract-only --output --quiet --verbose --help --version --fail-on --jobs --host-jobs \
	--timeout --connect-timeout --deadline --retries --max-retry-after --max-body --max-redirects \
	--no-probe --exclude --user-agent --cacert --insecure --no-private --connect-to --resolve; do
	expect_match "--help lists $opt" "$out" "$opt"
done
run
expect "no document: usage error" "$rc" 2
expect_match "… said in one line" "$err" "^citecheck: no document given"
run --frobnicate x
expect "unknown option" "$rc $err" "2 citecheck: unknown option '--frobnicate'
Try 'citecheck --help'."
run --extract-only a b
expect "two documents" "$rc" 2
run -x
expect "unknown short option" "$rc $err" "2 citecheck: unknown option '-x'
Try 'citecheck --help'."
run --extract-only -o
expect "-o without a file" "$rc $err" "2 citecheck: -o needs a file name
Try 'citecheck --help'."
run --extract-only -qv --output="$tmp/eq.json" "$fixtures/001_c25326fb54ddfca2.txt"
expect "combined short options and --output=FILE" "$rc $(jq -r .documents[0].lines "$tmp/eq.json")" "0 28"
run --jobs 0 "$fixtures/001_c25326fb54ddfca2.txt"
expect "--jobs 0" "$rc $err" "2 citecheck: --jobs takes a whole number from 1 to 1000, not '0'
Try 'citecheck --help'."
run --timeout soon "$fixtures/001_c25326fb54ddfca2.txt"
expect "--timeout soon" "$rc" 2
run --exclude '(' "$fixtures/001_c25326fb54ddfca2.txt"
expect "--exclude with a bad regex" "$rc" 2
expect_match "… explained" "$err" "^citecheck: --exclude '\(': "

run --extract-only "$tmp/missing.md"
expect "missing file" "$rc" 2
expect_match "… named" "$err" "^citecheck: .*missing.md: cannot open .*: No such file or directory$"
mkdir "$tmp/empty" "$tmp/empty/.hidden"
printf '# notes\n<https://example.org/a>\n' > "$tmp/empty/.hidden/notes.md"
run --extract-only "$tmp/empty"
expect "a folder with no document (its only one hidden)" "$rc" 2
expect_match "… a usage error, named" "$err" "^citecheck: the folder '.*/empty' holds no document citecheck reads"

: > "$tmp/empty.md"
run --extract-only "$tmp/empty.md"
expect "empty file: a result" "$rc" 0
expect "… empty reference list and a warning" "$(jq -c '[.documents[0].references, [.documents[0].problems[].code]]' "$tmp/out")" '[[],["empty-document"]]'

printf 'abc\0def\n' > "$tmp/nul.md"
run --extract-only "$tmp/nul.md"
expect "NUL byte" "$rc" 2
expect_match "… explained" "$err" "line 1 contains a NUL byte: this is not a text document"
printf '%%PDF-1.7\n' > "$tmp/x.pdf"
run --extract-only "$tmp/x.pdf"
expect "a damaged PDF" "$rc" 2
expect_match "… explained" "$err" "the PDF is damaged or not a PDF"
printf '\377\376R\000e\000' > "$tmp/u16.txt"
run --extract-only "$tmp/u16.txt"
expect "UTF-16" "$rc" 2
expect_match "… explained" "$err" "UTF-16"
printf '<!DOCTYPE html>\n<html></html>\n' > "$tmp/p.html"
run --extract-only "$tmp/p.html"
expect "HTML without references is read, not refused" "$rc" 0

printf '# Notes\n\n1. Caf\351 (2020). Title. <https://e.org/caf\351>\n' > "$tmp/latin1.md"
run --extract-only "$tmp/latin1.md"
expect "invalid UTF-8: a result" "$rc" 0
expect "… bad bytes read as U+FFFD" "$(jq -r '.documents[0].references[0].links[0].url' "$tmp/out")" "https://e.org/caf�"
expect "… and a warning" "$(jq -r '.documents[0].problems[0] | "\(.code) \(.line)"' "$tmp/out")" "invalid-utf8 3"

printf 'See https://e.org/a.\r\nAnd https://e.org/b\r\n' > "$tmp/crlf.txt"
run --extract-only "$tmp/crlf.txt"
expect "CRLF line ends" "$(jq -r '[.documents[0].references[].links[].url] | join(" ")' "$tmp/out")" "https://e.org/a https://e.org/b"
expect "… plain text" "$(jq -r .documents[0].format "$tmp/out")" text

for f in 001_c25326fb54ddfca2 002_1f0ca1643a36b9ae 003_859f0b2278fb3f37 004_906ab69f26058df1; do
	run --extract-only "$fixtures/$f.txt"
	expect "$f: no references is a result, exit 0" "$rc $(jq -c '[.documents[0].references, [.documents[0].problems[].code]]' "$tmp/out")" '0 [[],["no-references"]]'
done

seed=$fixtures/000_639fc2e66c0e2ab4.txt
run --extract-only - < "$seed"
expect "stdin" "$rc $(jq -r .documents[0].path "$tmp/out")" "1 -"
jq -c .documents[0].references "$tmp/out" > "$tmp/stdin.refs"
run --extract-only -q -o "$tmp/report.json" "$seed"
expect "-o writes the file, nothing on stdout or stderr" "$rc|$out|$err" "1||"
expect "… same references as from stdin" "$(jq -c .documents[0].references "$tmp/report.json" | cmp - "$tmp/stdin.refs" && echo same)" same
# -o to what is no regular file writes through it: a rename would replace
# it (as root, "-o /dev/null" once turned /dev/null into a file)
mkfifo "$tmp/pipe"
timeout 20 cat "$tmp/pipe" > "$tmp/from-pipe" &
reader=$!
"$bin" --extract-only -q -o "$tmp/pipe" "$seed"
wait $reader
expect "-o FIFO: the report came through, the FIFO is still one" \
	"$(jq -r .documents[0].format "$tmp/from-pipe") $([ -p "$tmp/pipe" ] && echo fifo)" "markdown fifo"
ln -s report.json "$tmp/link.json"
rm -f "$tmp/report.json"
"$bin" --extract-only -q -o "$tmp/link.json" "$seed"
expect "-o symlink: still a link, the report in its target" \
	"$([ -L "$tmp/link.json" ] && echo link) $(jq -r .documents[0].format "$tmp/report.json")" "link markdown"
run --extract-only -o "$tmp/no/such/dir/r.json" "$seed"
expect "unwritable -o" "$rc" 2
expect_match "… explained" "$err" "cannot write .*r.json"
if [ -w /dev/full ]; then
	"$bin" --extract-only -q "$seed" > /dev/full 2> "$tmp/err"
	expect "full disk on stdout" "$? $(cat "$tmp/err")" "2 citecheck: cannot write the report: No space left on device"
fi
run --extract-only "$seed"
expect_match "findings on stderr, compiler style" "$err" "000_639fc2e66c0e2ab4.txt:293:1079: error: footnote 66 is cited but never defined \[footnote-undefined\]"
expect_match "… with suggestions" "$err" "suggestion: https://web.archive.org/web/20240228100606/https://www.xaydungdang.org.vn/"
expect_match "… and a summary" "$err" "163 references, 154 links \(119 distinct URLs\), footnotes 66 cited / 65 defined; 10 errors, 27 warnings"

# A 1 GiB line streams through in bounded memory (skipped under sanitizers,
# whose shadow memory defeats a virtual-memory limit).
if [ -z "${CITECHECK_SANITIZED:-}" ]; then
	(ulimit -v 262144; head -c 1073741824 /dev/zero | tr '\0' a | "$bin" --extract-only -q - > "$tmp/out" 2> "$tmp/err")
	expect "1 GiB single line under a 256 MiB limit" "$? $(jq -c '[.documents[0].bytes, .documents[0].lines, [.documents[0].problems[].code]]' "$tmp/out")" \
		'0 [1073741824,1,["line-too-long","no-references"]]'
fi

cd "$tmp" && expect_valid_reports
finish cli
