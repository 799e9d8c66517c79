#!/bin/sh
# --warc: what citecheck fetched, read back by an independent reader
# (warcio.js, tests/read_warc.mjs): a request and a response record for
# every GET the simulated web and Wayback Machine answered, the payload
# digests right, truncation past --max-body said, one metadata record per
# URL with its verdict, each record a gzip member of its own, and the
# config file's secret header nowhere in the file. Runs only inside a
# private network namespace; warcio comes with the tests' set-up.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns warc
tmp=$(mktemp -d)
server= wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cp "$testdir/read_warc.mjs" .
ln -s "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}" node_modules
make_cert DNS:example.org
# a page of 5000 bytes ("x" times 5000 in a paragraph)
python3 -c 'import json; print(json.dumps({"example.org/big": {"body": "<html><body><p>" + "x" * 4974 + "</p></body></html>"}}))' > pages.json
start_simweb --pages pages.json
cat > world.json <<'JSON'
{"captures": {"http://example.org/gone": [{"ts": "20230518040448", "status": 200, "body": "<html><body><p>What the gone page said.</p></body></html>"}]}}
JSON
start_simwayback world.json wb.log
printf 'hosts:\n  example.org:\n    headers: {X-Api-Key: "key-${CITECHECK_TEST_SECRET}"}\n' > .citecheck.yml
cat > notes.md <<'DOC'
# Notes

1. Gone (2023). Retrieved May 20, 2023, from <http://example.org/gone>
2. Big (2023). Retrieved May 20, 2023, from <http://example.org/big>
3. Fine (2023). Retrieved May 20, 2023, from <http://example.org/ok-fine>
DOC
CITECHECK_TEST_SECRET=s3cr3t-value "$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe \
	--wayback "http://127.0.0.1:$W" --archive-rate 20 --max-body 2048 -o out.json --warc ev.warc.gz notes.md
expect "exit 1: a dead link" "$?" 1
expect "the secret header was sent" "$(jq -rs '[.[] | select(.token != null)] | length' requests.log)" 0
node read_warc.mjs ev.warc.gz > records.jsonl
expect "warcio reads it: records by type" "$(jq -r .type records.jsonl | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}')" \
	"metadata:3 request:$(($(wc -l < requests.log) + $(wc -l < wb.log))) response:$(($(wc -l < requests.log) + $(wc -l < wb.log))) warcinfo:1 "
expect "a response record for each page the web answered, with its status" \
	"$(jq -r 'select(.type == "response" and (.uri | startswith("http://example.org"))) | "\(.uri | sub("http://example.org"; "")) \(.status)"' records.jsonl | sort | tr '\n' ' ')" \
	"/big 200 /gone 410 /ok-fine 200 "
expect "… and for each snapshot and index answer of the archive" \
	"$(jq -r 'select(.type == "response" and (.uri | contains("/web/"))) | .status' records.jsonl | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}')" \
	"200:1 302:1 404:2 "
expect "payload digests: the stated ones are the payloads' SHA-1" \
	"$(jq -r 'select(.type == "response") | .stated == .computed' records.jsonl | sort -u)" true
expect "the big page cut at --max-body, and said so" \
	"$(jq -r 'select(.uri == "http://example.org/big" and .type == "response") | "\(.length) \(.truncated)"' records.jsonl)" "2048 length"
expect "the server's address kept" "$(jq -r 'select(.type == "response") | .ip' records.jsonl | sort -u)" 127.0.0.1
expect "the request as sent, its secret header left out" \
	"$(jq -r 'select(.type == "request" and .uri == "http://example.org/gone") | .head' records.jsonl | tr -d '\r' | grep -ci 'x-api-key\|^get /gone\|^host: example.org' )" 2
expect "the secret nowhere in the file" "$(zcat ev.warc.gz | grep -c 's3cr3t')" 0
expect "metadata: each cited URL's verdicts" \
	"$(jq -r 'select(.type == "metadata") | "\(.uri) \(.text | split("\r\n") | map(select(startswith("verdict") or startswith("archive:"))) | join(","))"' records.jsonl | sort | tr '\n' ';')" \
	"http://example.org/big verdict: alive,archive: not-archived;http://example.org/gone verdict: dead,archive: archived;http://example.org/ok-fine verdict: alive,archive: not-archived;"
expect "one gzip member per record" "$(python3 - <<'PY'
import zlib
data = open("ev.warc.gz", "rb").read()
members = 0
while data:
    d = zlib.decompressobj(31)
    d.decompress(data)
    data = d.unused_data
    members += 1
print(members)
PY
)" "$(wc -l < records.jsonl | tr -d ' ')"
"$bin" --no-config --extract-only --warc x.warc notes.md 2> err.txt
expect "--warc under --extract-only: usage error" "$? $(cat err.txt | head -1)" \
	"2 citecheck: --warc keeps what is fetched: nothing is, under --extract-only or --cache-only"
before=$(wc -l < requests.log)
"$bin" --no-config -q --no-archive --connect-to "example.org:80:127.0.0.1:$P" --warc nodir/x.warc.gz notes.md 2> err.txt
expect "--warc into a missing folder: said before any request" "$? $(cat err.txt) $(($(wc -l < requests.log) - before))" \
	"2 citecheck: cannot write nodir/x.warc.gz: No such file or directory 0"
expect_valid_reports
finish warc
