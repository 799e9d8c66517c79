#!/bin/sh
# Three documents in three formats that cite the same pages, checked in one
# run against the simulated web and Wayback Machine: every distinct URL is
# fetched once and every (page, time) looked up once for the whole run, and
# the report has a section per document and a run summary. Runs only inside
# a private network namespace.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns live_documents
tmp=$(mktemp -d)
server= wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
make_cert DNS:example.org
cat > pages.json <<'JSON'
{"example.org/old-guide": {"status": 301, "location": "http://example.org/guide"},
"example.org/guide": {"body": "<html><body><h2 id=\"install\">Install</h2><a name=\"usage\"></a><h2 id=\"user-content-faq\">FAQ</h2></body></html>"},
 "example.org/reports/brief.md": {"type": "text/markdown", "body": "# Brief\n\n## References\n\n1. One (2023). <http://example.org/ok-1>\n2. The [annex](annex.md) and [the gone page](../gone).\n"},
 "example.org/reports/annex.md": {"type": "text/markdown", "body": "# Annex\n"}}
JSON
start_simweb --pages pages.json
printf '{"captures": {}}\n' > world.json # the archive holds none of them
start_simwayback world.json wb.log

cat > a.md <<'DOC'
# Brief A

## References

1. Alpha (2023, May 1). Ok one. Retrieved May 20, 2023, from <http://example.org/ok-1>
2. Beta (2023, May 1). Missing. Retrieved May 20, 2023, from <http://example.org/missing>
3. Gamma (2023, May 1). Gone. Retrieved May 20, 2023, from <http://example.org/gone>
4. Delta (2023, May 1). Ok two. Retrieved May 20, 2023, from <http://example.org/ok-2>
DOC
cat > b.html <<'DOC'
<!DOCTYPE html>
<html><body><p>See <a href="http://example.org/ok-1">one</a>, <a href="http://example.org/missing">a
missing page</a> and <a href="http://example.org/ok-3">three</a>.</p></body></html>
DOC
cat > c.bib <<'DOC'
@misc{one, title = {Ok one}, url = {http://example.org/ok-1}, urldate = {2023-05-20}}
@misc{three, title = {Ok three}, url = {http://example.org/ok-3}, urldate = {2023-05-20}}
@misc{gone, title = {Gone}, url = {http://example.org/gone}, urldate = {2023-05-20}}
DOC

"$bin" --connect-to "example.org:80:127.0.0.1:$P" --no-probe --wayback "http://127.0.0.1:$W" \
	--archive-rate 8 -o out.json a.md b.html c.bib 2> err.txt
expect "exit 1: dead links" "$?" 1
# 5 distinct pages: ok-1 (all three), missing (a, b), gone (a, c), ok-2 (a), ok-3 (b, c)
expect "each distinct URL requested once, whatever number of documents cite it" \
	"$(jq -rs 'group_by(.path) | map("\(.[0].path):\(length)") | join(" ")' requests.log)" \
	"/gone:1 /missing:1 /ok-1:1 /ok-2:1 /ok-3:1"
# (page, time): a.md 4 at 2023-05-20; c.bib adds ok-3 at 2023-05-20 (ok-1 and
# gone are a.md's lookups); b.html has no date: ok-1, missing, ok-3 now
expect "each (page, time) looked up once: 8 lookups" "$(jq -r .summary.archive.lookups out.json)" 8
expect "… 8 replay requests, none repeated" \
	"$(jq -rs '[.[] | select(.endpoint == "replay")] | "\(length) \(map(.path) | unique | length)"' wb.log)" "8 8"
expect "documents, in the order given" "$(jq -r '[.documents[] | "\(.path):\(.format)"] | join(" ")' out.json)" \
	"a.md:markdown b.html:html c.bib:bibtex"
expect "per document: links, distinct URLs, dead links" \
	"$(jq -r '[.documents[].summary | "\(.links)/\(.distinct_urls)/\(.live.dead)"] | join(" ")' out.json)" \
	"4/4/2 3/3/1 3/3/1"
expect "the run: documents, links, distinct URLs, alive, dead" \
	"$(jq -c '.summary | [.documents, .links, .distinct_urls, .live.alive, .live.dead]' out.json)" "[3,10,5,6,4]"
expect "the run's requests: one per distinct URL" "$(jq -r .summary.live.requests out.json)" 5
expect "shared URLs share one target across documents" \
	"$(jq -r '[.documents[].references[].links[] | select(.url == "http://example.org/ok-1") | .target] | unique | length' out.json)" 1
expect "ranking: the most dead links first, ties in the order given" \
	"$(jq -r '[.summary.ranking[] | "\(.path):\(.dead)"] | join(" ")' out.json)" "a.md:2 b.html:1 c.bib:1"
# columns: where each URL starts on its line (HTML and BibTeX give none)
expect "stderr: dead links under each document's own name" \
	"$(grep -o '^[a-z.]*:[0-9:]*: dead: [^ ]*' err.txt | tr '\n' ' ')" \
	"a.md:6:63: dead: http://example.org/missing a.md:7:61: dead: http://example.org/gone b.html:2:63: dead: http://example.org/missing c.bib:3: dead: http://example.org/gone "
# the archive holds none of them: each dead link's line says so, once
expect "stderr: a dead link reported once, with the archive's word, never as 'error:'" \
	"$(grep -c ': dead: .*\[dead-unarchived\]$' err.txt) $(grep -c ': error: .*dead-unarchived' err.txt)" "4 0"
expect "stderr: the same ranking" "$(sed -n '/most to fix/,/^citecheck: links/p' err.txt | sed -n '2,4p' | cut -d, -f1)" \
	"  a.md: 2 dead
  b.html: 1 dead
  c.bib: 1 dead"

# the progress line (asked for: standard error is no terminal here): each
# stage drawn at once, in place, cleared before the summary
"$bin" --connect-to "example.org:80:127.0.0.1:$P" --no-probe --wayback "http://127.0.0.1:$W" \
	--archive-rate 8 --progress always -o /dev/null a.md b.html c.bib 2> progress.txt
cr=$(printf '\r')
expect "progress: the stages, each redrawn in place" \
	"$(tr '\r' '\n' < progress.txt | grep -o '^citecheck: [0-9]* of [0-9]* [A-Za-z ]*' | sed 's/[0-9][0-9]* of/N of/' | sort -u | tr '\n' '|')" \
	"citecheck: N of 3 documents read|citecheck: N of 5 URLs checked|citecheck: N of 8 archive lookups|"
expect "… cleared before the summary" "$(grep -c "^${cr}.*${cr}$(printf '\033')\[Ka.md:" progress.txt)" 1
# the time left counts requests: a lookup takes two (a replay and the
# capture it leads to, or a CDX query) until answers say otherwise; 8
# lookups at 8 requests a second are 2 s, not 1
expect "… the archive's time left, in requests" \
	"$(tr '\r' '\n' < progress.txt | tr -d "$(printf '\033')" | sed 's/\[K$//' | grep '^citecheck: 0 of 8 archive lookups' | head -n 1)" \
	"citecheck: 0 of 8 archive lookups, about 2 s left: the archive allows 8 requests a second"
"$bin" --connect-to "example.org:80:127.0.0.1:$P" --no-probe --no-archive -o /dev/null a.md 2> noprogress.txt
expect "… none when standard error is no terminal" "$(grep -c "$cr" noprogress.txt)" 0

# one page cited with four fragments: fetched once; --check-fragments looks
# for each among its ids and names
cat > frag.md <<'DOC'
# F

<http://example.org/guide#install> <http://example.org/guide#usage>
<http://example.org/guide#faq> <http://example.org/guide#nowhere>
<http://example.org/guide#:~:text=Install>
DOC
before=$(jq -rs '[.[] | select(.path == "/guide")] | length' requests.log)
"$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe --no-archive --check-fragments -o frag.json frag.md
expect "fragments: the page fetched once for its five fragments" \
	"$(jq -rs '[.[] | select(.path == "/guide")] | length' requests.log) $before" "1 0"
expect "fragments: every link alive, the request counted once" \
	"$(jq -r '[.documents[0].references[].links[].live | "\(.verdict)/\(.attempts)"] | join(" ")' frag.json)" \
	"alive/1 alive/0 alive/0 alive/0 alive/0"
# install: an id; usage: <a name>; faq: GitHub's user-content- prefix; a text fragment is not looked for
expect "fragments: only #nowhere is missing" \
	"$(jq -r '[.documents[0].references[].links[] | select(.problems != []) | "\(.url) \(.problems[0].code)"] | join(" ")' frag.json)" \
	"http://example.org/guide#nowhere fragment-missing"

# a page reached through a redirect that another cited URL is: fetched
# once (old-guide's 301 is a move), and its fragment looked for among that
# page's ids all the same
printf '# F\n\n<http://example.org/guide#install> <http://example.org/old-guide#nowhere> <http://example.org/old-guide#usage>\n' > frag2.md
"$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe --no-archive --check-fragments -o frag2.json frag2.md
expect "fragments through a shared redirect: #nowhere missing, #usage found" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url) \(.live.verdict) \([.problems[].code] | join(","))"] | join(" | ")' frag2.json)" \
	"http://example.org/guide#install alive  | http://example.org/old-guide#nowhere alive moved,fragment-missing | http://example.org/old-guide#usage alive moved"

# a document given by its URL: downloaded and checked like a file; its
# relative links are pages beside it on the web
rm -f requests.log
"$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe --no-archive -o url.json \
	http://example.org/reports/brief.md http://example.org/reports/nowhere.md a.md 2> url.err
expect "a URL as PATH: exit 2, one document could not be downloaded" "$?" 2
expect "… the documents, the downloaded one read as Markdown" \
	"$(jq -r '[.documents[] | "\(.path) \(.format // "-") \(.error // "-")"] | join(" | ")' url.json)" \
	"http://example.org/reports/brief.md markdown - | http://example.org/reports/nowhere.md - cannot download it: the server answered HTTP 404 | a.md markdown -"
expect "… its links, the relative ones resolved against its address" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url)=\(.live.verdict)"] | join(" ")' url.json)" \
	"http://example.org/ok-1=alive http://example.org/reports/annex.md=alive http://example.org/gone=dead"
expect "… the document itself fetched once, as each cited page" \
	"$(jq -rs '[.[] | select(.path == "/reports/brief.md" or .path == "/ok-1")] | length' requests.log)" 2
expect "… said on standard error" "$(cat url.err)" \
	"citecheck: http://example.org/reports/nowhere.md: cannot download it: the server answered HTTP 404"
"$bin" -q --extract-only http://example.org/reports/brief.md > /dev/null 2> xo.err
expect "… not under --extract-only" "$? $(cat xo.err)" \
	"2 citecheck: http://example.org/reports/brief.md: a document on the web is not downloaded under --extract-only"
# the live stage begins while documents are still read: the page the
# first document cites is fetched while the second, a FIFO no one writes
# yet, cannot be read; once it is, its own page is fetched too
requested() { jq -rs "[.[] | select(.path == \"$1\")] | length" requests.log; }
mkfifo later.md
printf '# First\n\n<http://example.org/ok-1>\n' > first.md
ok1=$(requested /ok-1) ok2=$(requested /ok-2)
"$bin" -q --connect-to "example.org:80:127.0.0.1:$P" --no-probe --no-archive --read-jobs 2 -o overlap.json \
	first.md later.md 2> overlap.err &
run=$!
i=0
while [ "$(requested /ok-1)" = "$ok1" ] && [ $i -lt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
early=$(($(requested /ok-1) - ok1))
timeout 30 sh -c "printf '# Later\n\n<http://example.org/ok-2>\n' > later.md"
wait $run
expect "early live stage: the first document's page fetched while the second could not be read yet" "$early" 1
expect "… then the second's, each once; both alive" \
	"$(($(requested /ok-1) - ok1)) $(($(requested /ok-2) - ok2)) $(jq -r '[.documents[].references[].links[].live.verdict] | join(" ")' overlap.json)" \
	"1 1 alive alive"
expect_valid_reports
finish live_documents
