#!/bin/sh
# The seed report's own links, with their real host names, checked against
# the simulated web: every host answers 200 with a page of its own, except
# thanhvien.vn (the report's misspelling of thanhnien.vn, footnote 41), which
# answers 404 to everything. Runs only inside a private network namespace.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
seed=$(cd "$2" && pwd)/000_639fc2e66c0e2ab4.txt
require_netns live_seed
tmp=$(mktemp -d)
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# a certificate naming every https host the seed cites
"$bin" --extract-only -q "$seed" |
	jq -r '[.documents[0].references[].links[].normalized // empty | capture("^https://(?<h>[^/:]+)").h] | unique | map("DNS:" + .) | join(",")' > sans
# 38: the distinct hosts of the https URLs in the seed, by perl over the raw text
expect "https hosts in the seed" "$(tr ',' '\n' < sans | wc -l | tr -d ' ')" 38
make_cert "$(cat sans)"
start_simweb --default-alive --dead-host thanhvien.vn

# live only here: the archive stage has its own test (archive.sh), the DOI
# stage too (identity.sh: the simulated web here is no DOI resolver). Under
# --no-archive nothing goes to the archive: the seed's snapshot links are
# skipped and their originals fetched instead.
"$bin" -q --no-archive --no-doi --connect-to ":80:127.0.0.1:$P" --connect-to ":443:127.0.0.1:$T" \
	--cacert ca.pem -o out.json "$seed"
expect "exit 1: a dead link and error findings" "$?" 1
q() { jq -r "$1" out.json; }
# 154 links; 78 lines cite a web.archive.org/web/ snapshot (perl: 90 matches,
# 12 of them the text of a [url](url) link), 4 of those lines the URLs with
# spaces: 74 snapshots skipped, with 3 save links and 4 invalid URLs, 81
expect "verdicts (alive dead blocked error skipped)" \
	"$(q '.summary.live | "\(.alive) \(.dead) \(.blocked) \(.error) \(.skipped)"')" "72 1 0 0 81"
expect "the dead one: thanhvien.vn, footnote 41" \
	"$(q '.documents[0].references[] | select(.links[].live.verdict == "dead") | "\(.footnote) \(.links[0].live.reason)"')" "41 http-404"
# the three web.archive.org/save/ links (grep: lines 360, 364, 440) are never
# fetched: a GET there asks the archive to capture the page
expect "skipped: the four URLs with spaces (lines 317 406 456 496) and the three save links, never sent" \
	"$(q '[.documents[0].references[].links[] | select(.live.verdict == "skipped" and .live.reason != "no-archive") | "\(.line):\(.live.reason)"] | join(" ")')" \
	"317:invalid-url 360:save-request 364:save-request 406:invalid-url 440:save-request 456:invalid-url 496:invalid-url"
expect "… and the snapshots, no-archive" "$(q '[.documents[0].references[].links[] | select(.live.reason == "no-archive")] | length')" 74
expect "nothing sent to web.archive.org" "$(jq -rs '[.[] | select(.host == "web.archive.org")] | length' requests.log)" 0
expect "not offline" "$(q .summary.live.offline)" false
# each URL fetched once: the cited pages and the originals of the snapshots
# and save links; the rest of the requests are soft-404 probes, one per host
expect "one request per distinct URL" \
	"$(jq -rs '[.[] | select(.path | startswith("/citecheck-probe-") | not) | "\(.tls) \(.host) \(.path)"] | length - (unique | length)' requests.log)" 0
# laichau.dcs.vn appears once in the seed, inside the save link of line 360
expect "… the original of a save link among them (line 360: laichau.dcs.vn)" \
	"$(jq -rs '[.[] | select(.host == "laichau.dcs.vn" and (.path | startswith("/cac-dang-bo")))] | length' requests.log)" 1
expect "one probe per scheme and host at most" \
	"$(jq -rs '[.[] | select(.path | startswith("/citecheck-probe-"))] | group_by([.host, .tls]) | map(length) | max' requests.log)" 1
expect_valid_reports
finish live_seed
