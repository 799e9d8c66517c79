#!/bin/sh
# The live stage against a simulated web on loopback (tests/simweb.py), inside
# a private network namespace with only loopback: unmapped hosts fail to
# resolve, and nothing leaves the machine. Outside such a namespace the test
# is skipped (exit 77), never run against the real network.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns live
tmp=$(mktemp -d)
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
make_cert DNS:example.org,DNS:soft.example.net
# a second CA, which signed nothing here: trusting only it, TLS must fail
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other-ca.pem -days 2 -subj /CN=other-ca 2> /dev/null
start_simweb
map="--host-jobs 6 --connect-to example.org:80:127.0.0.1:$P --connect-to example.org:443:127.0.0.1:$T
	--connect-to soft.example.net:80:127.0.0.1:$P --connect-to refused.example:80:127.0.0.1:1
	--no-archive --check-example-hosts" # the archive stage has its own tests (archive.sh);
	# the simulated hosts are example domains, checked on purpose

cat > doc.md <<'DOC'
# A report

It cites sources.[^a]

# Notes

[^a]: Sources:
    <http://example.org/ok-1>
    <https://example.org/ok-tls>
    <http://example.org/missing>
    <http://example.org/gone>
    <http://example.org/soft-home>
    <http://example.org/soft-title>
    <http://soft.example.net/some/deep/article>
    <http://example.org/chain/3>
    <http://example.org/loop-a>
    <http://example.org/moved>
    <http://example.org/to-https>
    <http://example.org/to-ftp>
    <http://example.org/head-refused>
    <http://example.org/slow>
    <http://example.org/hang>
    <http://example.org/429>
    <http://example.org/429-long>
    <http://example.org/503-then-200>
    <http://example.org/500-always>
    <http://example.org/bot-wall>
    <http://example.org/forbidden>
    <http://example.org/big>
    <http://example.org/gzip-bomb>
    <http://nowhere.invalid/x>
    <http://refused.example/x>
    <ftp://example.org/file>
    <http://example.org/excluded/page>
DOC

# shellcheck disable=SC2086
"$bin" -q $map --cacert ca.pem --timeout 1.5 --exclude '/excluded/' -o out.json doc.md
expect "exit status: dead links" "$?" 1
v() { jq -r --arg u "$1" '.documents[0].references[].links[] | select(.url == $u) | "\(.live.verdict) \(.live.reason)"' out.json; }
f() { jq -r --arg u "$1" ".documents[0].references[].links[] | select(.url == \$u) | .live.$2" out.json; }
expect "200" "$(v http://example.org/ok-1)" "alive ok"
expect "200 over TLS with the test CA" "$(v https://example.org/ok-tls)" "alive ok"
expect "404" "$(v http://example.org/missing)" "dead http-404"
expect "410" "$(v http://example.org/gone)" "dead http-410"
expect "soft 404: deep page sent to the front page" "$(v http://example.org/soft-home)" "dead soft-404"
expect "soft 404: the title says not found (Vietnamese)" "$(v http://example.org/soft-title)" "dead soft-404"
expect "soft 404: any path answers the same page" "$(v http://soft.example.net/some/deep/article)" "dead soft-404"
expect "redirect chain followed" "$(v http://example.org/chain/3)" "alive ok"
expect "… and recorded" "$(f http://example.org/chain/3 'redirects | join(" ")')" \
	"http://example.org/chain/2 http://example.org/chain/1 http://example.org/ok-end"
expect "… final URL" "$(f http://example.org/chain/3 final_url)" "http://example.org/ok-end"
expect "redirect loop" "$(v http://example.org/loop-a)" "error redirect-loop"
expect "permanent move: a finding with the new address" \
	"$(jq -r '.documents[0].references[].links[] | select(.url == "http://example.org/moved") | .problems[] | "\(.code) \(.suggestion)"' out.json)" \
	"moved http://example.org/ok-new-home"
expect "http to https of the same page is no move" \
	"$(jq -r '[.documents[0].references[].links[] | select(.url == "http://example.org/to-https") | .problems[]] | length' out.json) $(v http://example.org/to-https)" "0 alive ok"
expect "redirect to ftp is not followed" "$(v http://example.org/to-ftp)" "error redirect-scheme"
expect "HEAD refused does not matter: GET is used" "$(v http://example.org/head-refused)" "alive ok"
expect "slower than --timeout" "$(v http://example.org/slow)" "error timeout"
expect "never answers" "$(v http://example.org/hang)" "error timeout"
expect "429 with Retry-After, then 200" "$(v http://example.org/429)" "alive ok"
expect "… in two requests" "$(f http://example.org/429 attempts)" 2
expect "Retry-After longer than we wait: blocked, one request" "$(v http://example.org/429-long) $(f http://example.org/429-long attempts)" "blocked rate-limited 1"
expect "503 then 200" "$(v http://example.org/503-then-200)" "alive ok"
expect "500 that persists: error after 3 tries" "$(v http://example.org/500-always) $(f http://example.org/500-always attempts)" "error http-500 3"
expect "403 bot wall" "$(v http://example.org/bot-wall)" "blocked bot-wall"
expect "403" "$(v http://example.org/forbidden)" "blocked http-403"
expect "64 MiB body: judged from its start" "$(v http://example.org/big)" "alive ok"
expect "gzip bomb: judged from its start" "$(v http://example.org/gzip-bomb)" "alive ok"
expect "unknown host" "$(v http://nowhere.invalid/x)" "dead dns"
expect "connection refused" "$(v http://refused.example/x)" "dead connect-refused"
expect "not http" "$(v ftp://example.org/file)" "skipped scheme"
expect "--exclude" "$(v http://example.org/excluded/page)" "skipped excluded"
# alive: ok-1 ok-tls chain/3 moved to-https head-refused 429 503-then-200 big gzip-bomb;
# dead: missing gone soft-home soft-title soft.example.net nowhere refused;
# blocked: 429-long bot-wall forbidden; error: loop-a to-ftp slow hang 500-always
expect "summary" "$(jq -c '.summary.live | [.alive, .dead, .blocked, .error, .skipped, .offline]' out.json)" "[10,7,3,5,2,false]"

# Soft 404 on a site that gives every page one title and one length (simweb's
# generic.example.net, "Daily Courier", every page 1408 bytes), where any path
# answers 200: its stories are there, the story it does not have is its "not
# found" page, which names the path asked for. The probe of the host starts
# while the main pass goes on: before /slow (3 s) has answered.
printf '# Notes\n\n1. A (2020). <http://generic.example.net/articles/1>\n2. B (2020). <http://generic.example.net/articles/2>\n3. C (2020). <http://generic.example.net/articles/17>\n4. D (2020). <http://generic.example.net/articles/gone-story>\n5. E (2020). <http://example.org/slow>\n' > generic.md
: > requests.log
"$bin" -q $map --connect-to generic.example.net:80:127.0.0.1:$P --timeout 10 -o generic.json generic.md
gv() { jq -r --arg u "$1" '.documents[0].references[].links[] | select(.url == $u) | "\(.live.verdict) \(.live.reason)"' generic.json; }
expect "one title and one length for all: the stories are alive" \
	"$(gv http://generic.example.net/articles/1), $(gv http://generic.example.net/articles/2), $(gv http://generic.example.net/articles/17)" \
	"alive ok, alive ok, alive ok"
expect "… the story it does not have says what the probe's page says: soft 404" \
	"$(gv http://generic.example.net/articles/gone-story)" "dead soft-404"
early=$(jq -rs '([.[] | select(.path | startswith("/citecheck-probe-"))][0].t) < ([.[] | select(.path == "/slow")][0].t + 2.5)' requests.log)
expect "the probe starts during the main pass, not after /slow's 3 s" "$early" true

# A URL is fetched once, whether cited or reached by a redirect: /chain/3
# redirects to /chain/2, which is cited too (then /chain/1, then /ok-end);
# /loop-a and /loop-b, both cited, redirect to each other
printf '# Notes\n\n1. A (2020). <http://example.org/chain/3>\n2. B (2020). <http://example.org/chain/2>\n3. C (2020). <http://example.org/loop-a>\n4. D (2020). <http://example.org/loop-b>\n' > shared.md
: > requests.log
"$bin" -q $map --host-jobs 1 -o shared.json shared.md
sv() { jq -r --arg u "$1" '.documents[0].references[].links[] | select(.url == $u) | .live | "\(.verdict) \(.final_url) \(.redirects | length)"' shared.json; }
expect "chain/3: alive at /ok-end after three redirects" "$(sv http://example.org/chain/3)" "alive http://example.org/ok-end 3"
expect "chain/2: alive at /ok-end after two" "$(sv http://example.org/chain/2)" "alive http://example.org/ok-end 2"
expect "each URL of the two chains asked once" \
	"$(jq -rs '[.[] | select(.path | startswith("/chain/") or . == "/ok-end") | .path] | sort | join(" ")' requests.log)" \
	"/chain/1 /chain/2 /chain/3 /ok-end"
expect "two cited pages that redirect to each other: a loop, each asked once" \
	"$(jq -r '[.documents[0].references[].links[] | select(.url | test("loop")) | .live | "\(.verdict)/\(.reason)"] | join(" ")' shared.json) $(jq -rs '[.[] | select(.path | startswith("/loop"))] | length' requests.log)" \
	"error/redirect-loop error/redirect-loop 2"

# pacing: on one host, one request at a time, the 429 (Retry-After: 1) holds
# the next request back for a second; without pacing it would follow at once
printf '# Notes\n\n1. A (2020). <http://example.org/429-always>\n2. B (2020). <http://example.org/ok-after-1>\n3. C (2020). <http://example.org/ok-after-2>\n' > pace.md
: > requests.log
"$bin" -q $map --host-jobs 1 --retries 0 -o pace.json pace.md
gaps=$(jq -rs 'map(select(.host == "example.org")) | sort_by(.t) | [.[1].t - .[0].t, .[1].path] | map(tostring) | join(" ")' requests.log)
expect "429 holds the host back for its Retry-After" \
	"$(echo "$gaps" | awk '{ print ($1 >= 0.95) ? "paced " $2 : "not paced: " $1 " " $2 }')" "paced /ok-after-1"
expect "each distinct URL fetched once" "$(jq -rs '[.[] | select(.path == "/ok-after-2")] | length' requests.log)" 1

expect "the User-Agent names citecheck and its version" \
	"$(jq -rs 'map(.ua) | unique | join(" | ")' requests.log)" "citecheck/0.1.0 (citation checker)"

# --deadline: what is not judged in time is error/deadline, and the run ends
printf '# Notes\n\n1. A (2020). <http://example.org/hang>\n2. B (2020). <http://example.org/ok-quick>\n' > late.md
start=$(date +%s)
"$bin" -q $map --deadline 2 --timeout 30 -o late.json late.md
expect "--deadline 2" "$(jq -r '[.documents[0].references[].links[].live | "\(.verdict)/\(.reason)"] | join(" ")' late.json)" "error/deadline alive/ok"
expect "… and it stops then" "$(( $(date +%s) - start < 10 ))" 1

# a page that hangs: asked again once, the backoff (1 s, jittered up to 1.5 s)
# after the first gave up
: > requests.log
printf '# Notes\n\n1. A (2020). <http://example.org/hang>\n' > hang.md
"$bin" -q $map --timeout 1 --retries 2 -o hang.json hang.md
expect "a timeout is retried once" "$(jq -r '.documents[0].references[0].links[0].live | "\(.verdict)/\(.reason) \(.attempts)"' hang.json)" \
	"error/timeout 2"
gap=$(jq -rs '[.[] | select(.path == "/hang")] | (.[1].t - .[0].t) * 100 | floor' requests.log)
expect_match "… not back to back: the second starts 1 s timeout + 1 s backoff later (gap in 1/100 s: $gap)" "$gap" \
	'^(19[5-9]|[2-9][0-9][0-9])$'

# documentation examples are no citations: skipped, no request sent, unless a
# route names the host (example.org here) or --check-example-hosts asks
: > requests.log
printf '# Notes\n\n1. A. <http://localhost:%s/ok-a>\n2. B. <http://10.0.0.1/admin>\n3. C. <https://www.example.com/page>\n4. D. <http://site.test/x>\n5. E. <http://[::1]:%s/ok-e>\n6. F. <http://example.org/ok-routed>\n' "$P" "$P" > examples.md
"$bin" -q --no-archive --no-probe --connect-to "example.org:80:127.0.0.1:$P" -o examples.json examples.md
expect "example hosts skipped, the routed one checked" \
	"$(jq -r '[.documents[0].references[].links[].live | "\(.verdict)/\(.reason)"] | join(" ")' examples.json)" \
	"skipped/example-host skipped/example-host skipped/example-host skipped/example-host skipped/example-host alive/ok"
expect "… the server saw the routed one only" "$(jq -rs '[.[].path] | join(" ")' requests.log)" "/ok-routed"
"$bin" -q --no-archive --no-probe --check-example-hosts --connect-to "example.org:80:127.0.0.1:$P" -o examples.json examples.md
expect "--check-example-hosts: localhost fetched (the server listens on IPv4 only)" \
	"$(jq -r '.documents[0].references[0].links[0].live.verdict' examples.json)" alive
expect "… and none skipped" "$(jq -r '[.documents[0].references[].links[] | select(.live.verdict == "skipped")] | length' examples.json)" 0

# --user-agent, --resolve, and the proxy variables
: > requests.log
printf '# Notes\n\n1. A (2020). <http://resolved.example:%s/ok-resolved>\n' "$P" > resolve.md
"$bin" -q --no-archive --resolve "resolved.example:$P:127.0.0.1" --user-agent "tester/1" -o resolve.json resolve.md
expect "--resolve" "$(jq -r '.documents[0].references[0].links[0].live.verdict' resolve.json)" alive
expect "--user-agent" "$(jq -rs '.[0].ua' requests.log)" "tester/1"
: > requests.log
printf '# Notes\n\n1. A (2020). <http://through.proxy.example/ok-proxied>\n' > proxy.md
http_proxy="http://127.0.0.1:$P" "$bin" -q --no-archive --check-example-hosts -o proxy.json proxy.md
expect "http_proxy is honoured" "$(jq -r '.documents[0].references[0].links[0].live.verdict' proxy.json) $(jq -rs '.[0] | "\(.proxied) \(.host) \(.path)"' requests.log)" \
	"alive true through.proxy.example /ok-proxied"

# --no-private: a name that resolves to loopback, loopback itself, IPv6
# loopback, a cloud's metadata address: none is connected to
: > requests.log
printf '# Notes\n\n1. A. <http://127.0.0.1:%s/ok-private>\n2. B. <http://localhost:%s/ok-private-name>\n3. C. <http://169.254.169.254/latest/meta-data/>\n4. D. <http://[::1]:%s/ok-v6>\n' "$P" "$P" "$P" > private.md
"$bin" -q --no-archive --no-private --check-example-hosts -o private.json private.md
expect "--no-private: every link skipped, said why" \
	"$(jq -r '[.documents[0].references[].links[].live | "\(.verdict)/\(.reason)"] | unique | join(" ")' private.json)" "skipped/private-address"
expect "… and no request reached the server" "$(wc -l < requests.log | tr -d ' ')" 0
"$bin" -q --no-archive --check-example-hosts -o private.json private.md
expect "… without it, loopback is fetched" "$(jq -r '.documents[0].references[0].links[0].live.verdict' private.json)" alive

# TLS that cannot be verified is error/tls, never dead
printf '# Notes\n\n1. A (2020). <https://example.org/ok-tls>\n' > tls.md
"$bin" -q $map --cacert other-ca.pem -o tls.json tls.md
expect "untrusted certificate" "$(jq -r '.documents[0].references[].links[] | select(.url == "https://example.org/ok-tls") | "\(.live.verdict) \(.live.reason)"' tls.json)" "error tls"
"$bin" -q $map --insecure -o insecure.json tls.md
expect "--insecure: checked, and said loudly" "$(jq -r '[(.documents[0].references[].links[] | select(.url == "https://example.org/ok-tls") | .live.verdict), (.problems[] | select(.code == "insecure") | .severity)] | join(" ")' insecure.json)" "alive warning"

# offline: nothing resolves (no mapping at all) → error/offline and exit 3
printf '# Notes\n\n1. A (2020). <http://example.org/ok-1>\n2. B (2021). <https://example.net/x>\n' > two.md
"$bin" -q --check-example-hosts -o offline.json two.md
expect "offline: exit 3" "$?" 3
expect "… every link error/offline, none dead" "$(jq -r '[.documents[0].references[].links[].live | "\(.verdict)/\(.reason)"] | unique | join(" ")' offline.json)" "error/offline"
expect "… said in the summary" "$(jq -r .summary.live.offline offline.json)" true
expect "… and found without retrying each host" "$(jq -r '[.documents[0].references[].links[].live.attempts] | join(" ")' offline.json)" "1 1"

# once offline is concluded it holds for every link: never "dead" beside "offline".
# One at a time: a timeout first (no answer, but no dns failure either), then
# unknown hosts until the early conclusion.
{ printf '# Notes\n\n1. H (2020). <http://example.org/hang>\n'; for i in 1 2 3 4 5 6 7 8 9 10; do printf '%s. N (2020). <http://nx%s.invalid/>\n' $((i + 1)) $i; done; } > mixed.md
"$bin" -q $map --jobs 1 --retries 0 --timeout 1 -o mixed.json mixed.md
expect "offline for all, or for none" "$? $(jq -r '[.summary.live.offline, ([.documents[0].references[].links[].live.verdict] | unique | join(","))] | join(" ")' mixed.json)" "3 true error"

# many dead domains first, one slow live site last: dead, not offline
{ printf '# Notes\n\n'; for i in 1 2 3 4 5 6 7 8 9 10; do printf '%s. N (2020). <http://nx%s.invalid/>\n' $i $i; done
  printf '11. S (2020). <http://example.org/slow>\n'; } > nx.md
"$bin" -q $map --timeout 5 -o nx.json nx.md
expect "dead domains are not a dead network" "$? $(jq -r '.summary.live | "\(.dead) \(.alive) \(.offline)"' nx.json)" "1 10 1 false"

# --fail-on
printf '# Notes\n\n1. A (2020). <http://example.org/missing>\n' > dead.md
"$bin" -q $map --fail-on none -o /dev/null dead.md
expect "--fail-on none" "$?" 0
printf '# Notes\n\n1. A (2020). <http://example.org/forbidden>\n' > blocked.md
"$bin" -q $map -o /dev/null blocked.md
expect "blocked does not fail by default" "$?" 0
"$bin" -q $map --fail-on blocked -o /dev/null blocked.md
expect "--fail-on blocked" "$?" 1
"$bin" -q $map --fail-on frobs -o /dev/null blocked.md 2> err.txt
expect "--fail-on with a bad word" "$? $(cat err.txt | head -1)" "2 citecheck: --fail-on takes dead, confirmed-dead, blocked, unchecked, error, warning (each also as new-dead, …), changed, unarchived, a finding's code, or none, not 'frobs'"
"$bin" -q --extract-only -o eo.json blocked.md
expect "--extract-only sends nothing" "$(jq -r '.documents[0].references[0].links[0].live | "\(.verdict) \(.reason)"' eo.json)" "skipped extract-only"

# the summary names the blocked and unverified links, not only their count
printf '# N\n\n<http://example.org/forbidden>\n<http://example.org/500-always>\n<http://example.org/ok-named>\n' > named.md
"$bin" $map --retries 0 -o /dev/null named.md 2> named.err
expect "summary: blocked and unverified links named, with why" \
	"$(sed -n '/^citecheck: blocked/,$p' named.err)" \
	"citecheck: blocked (the site refused the check):
  http://example.org/forbidden (http-403)
citecheck: unverified (could not be checked now):
  http://example.org/500-always (http-500)"
# the config file's hosts: a header from the environment sent to the
# host it names and written nowhere, a status accepted, a pace, a host
# excluded
cat > hosts.yml <<'YML'
hosts:
  example.org:
    headers: {X-Test-Token: "tok-${CITECHECK_TEST_SECRET}"}
    accept: [403]
    pace: 4
  "*.example.net": {exclude: true}
YML
printf '# H\n\n<http://example.org/forbidden> <http://example.org/ok-h1> <http://example.org/ok-h2> <http://soft.example.net/x>\n' > hosts.md
: > requests.log
CITECHECK_TEST_SECRET=s3cret "$bin" --config hosts.yml $map --retries 0 --no-probe -o hosts.json hosts.md 2> hosts.err
expect "hosts: 403 accepted there, the excluded host not fetched" \
	"$(jq -r '[.documents[0].references[].links[].live | "\(.verdict)/\(.reason)"] | join(" ")' hosts.json)" \
	"alive/accepted-status alive/ok alive/ok skipped/excluded"
expect "… the header reached the server, expanded" "$(jq -rs '[.[].token] | unique | join(" ")' requests.log)" "tok-s3cret"
expect "… and is in no report or message" "$(cat hosts.json hosts.err | grep -c s3cret)" 0
expect "… 4 requests a second: the three a quarter of a second apart at least (1/8 s allowed for a loaded machine)" \
	"$(jq -rs 'sort_by(.t) | [range(1; length) as $i | .[$i].t - .[$i - 1].t] | map(select(. < 0.125)) | length' requests.log)" 0
printf 'hosts:\n  example.org: {ignore: [dead, url-near-duplicate]}\n' > ignore.yml
printf '# I\n\n<http://example.org/ok/alpha/page> <http://example.org/ko/alpha/page>\n' > ignore.md
"$bin" --config ignore.yml $map --retries 0 --no-probe -o ignore.json ignore.md 2> /dev/null
expect "a host's known problems: its dead link and near-duplicates left alone, counted" \
	"$? $(jq -c '[.summary.live.dead, .summary.links_ignored, .summary.problems.ignored]' ignore.json)" \
	'0 [0,1,{"url-near-duplicate":1}]'
"$bin" --config hosts.yml $map hosts.md > /dev/null 2> nosecret.err
expect "a header naming a variable that is not set: the name, never a value" "$? $(cat nosecret.err)" \
	"2 citecheck: hosts.yml:3: header X-Test-Token names \${CITECHECK_TEST_SECRET}, which is not set"
# a secret with a line break would send its second line as a header of its
# own: refused before any request, naming the variable and never its value
: > requests.log
CITECHECK_TEST_SECRET="$(printf 's3cret\r\nX-Injected: s3cond')" "$bin" --config hosts.yml $map hosts.md \
	> /dev/null 2> crlf.err
expect "a secret holding a line break: refused, the name, never a value" "$? $(cat crlf.err)" \
	"2 citecheck: hosts.yml:3: header X-Test-Token names \${CITECHECK_TEST_SECRET}, which holds a line break (a header value is one line)"
expect "… and nothing was sent" "$(wc -c < requests.log | tr -d ' ')" 0

# url-near-duplicate judged by the web. Two pairs a folder's letter apart
# (no name of a list: a typo by where they differ). In the first, simweb
# answers /ok/… and has no /ko/… (404): the dead one is told to
# cite the other, the live one says nothing. In the second both answer:
# two pages, no finding. Without the web (--extract-only) all four warn.
cat > typos.md <<'DOC'
# Sources

1. Guide, http://example.org/ok/guide/intro
2. Guide, http://example.org/ko/guide/intro
3. Library, http://example.org/ok-lib/guide/intro
4. Library, http://example.org/ok-lip/guide/intro
DOC
"$bin" -q --extract-only -o typos-static.json typos.md
expect "near-duplicates without the web: the later of each pair warns" \
	"$(jq -r '[.documents[0].references[].links[] | select(any(.problems[]; .code == "url-near-duplicate")) | .line] | join(" ")' typos-static.json)" \
	"4 6"
# shellcheck disable=SC2086
"$bin" -q $map -o typos.json typos.md
expect "exit status: the misspelt one is dead" "$?" 1
expect "… which the web shows to be the typo: cite the live one" \
	"$(jq -r '.documents[0].references[].links[] | .problems[] | select(.code == "url-near-duplicate") | .suggestion' typos.json)" \
	"http://example.org/ok/guide/intro"
expect "… and says so" \
	"$(jq -r '.documents[0].references[].links[] | .problems[] | select(.code == "url-near-duplicate") | .message' typos.json)" \
	"this URL differs by 2 characters from http://example.org/ok/guide/intro (line 3), which answers while this one is dead: probably a typo of it"
expect "… the pair that both answer: no finding" \
	"$(jq -r '[.documents[0].references[].links[] | select(any(.problems[]; .code == "url-near-duplicate")) | .line] | join(" ")' typos.json)" \
	"4"
# A PDF's URLs its text may have wrapped, with no annotation to say so
# (tests/minipdf.py): each ends its line at "_" and the next line begins
# with a plain word. Both readings are fetched. Line 1's as cut
# (/reports/annual_) is 404 and joined (/reports/annual_summary) answers:
# the joined one is cited, and an info finding says so. Line 3's as cut
# (/data/set_) answers and joined (/data/set_notes) is 404: kept as cut,
# said. Line 5's both answer (/ok/…): still unsure, the warning stays.
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)" python3 - wrapped.pdf <<'PY'
import sys
from minipdf import mkpdf
lines = [
    "The yearly survey of the ministry is published with its tables at http://example.org/reports/annual_",
    "summary which lists every province of the country and the weights used for all of the answers.",
    "The raw answers of each province are kept by the office of statistics at http://example.org/data/set_",
    "notes whose columns say which question each of them answers and how they were coded, in full.",
    "The older reports are kept in the archive of the ministry of finance at http://example.org/ok/old_",
    "editions where the first surveys of the years before the reform are listed with their tables.",
]
open(sys.argv[1], "w").write(mkpdf(lines, "20240101"))
PY
# shellcheck disable=SC2086
"$bin" -q $map -o wrapped.json wrapped.pdf
expect "wrapped URLs settled by the web: nothing dead, exit 0" "$?" 0
expect "… the reading that answers is cited" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url) \(.live.verdict)"] | join(", ")' wrapped.json)" \
	"http://example.org/reports/annual_summary alive, http://example.org/data/set_ alive, http://example.org/ok/old_ alive"
expect "… and each settled one says how" \
	"$(jq -r '[.documents[0].references[].links[].problems[] | select(.code == "url-wrap-settled") | "\(.severity): \(.message)"] | join(" | ")' wrapped.json)" \
	"info: the URL went on at the next line: as it ends its line, http://example.org/reports/annual_ is dead (http-404); joined, http://example.org/reports/annual_summary answers, and is the URL cited | info: the next line does not go on with the URL: as it ends its line, http://example.org/data/set_ answers; joined, http://example.org/data/set_notes is dead (http-404)"
expect "… the pair that both answer stays unsure" \
	"$(jq -r '[.documents[0].problems[] | select(.code == "url-wrap-unsure") | .suggestion] | join(" ")' wrapped.json)" \
	"http://example.org/ok/old_editions"
expect "… the summary counts the links cited: 3 URLs" "$(jq -r .summary.distinct_urls wrapped.json)" 3
expect_valid_reports
finish live
