#!/bin/sh
# --find-works end to end: the real binary against a simulated Crossref REST
# API (simdoi.py's /works search, its works written here), in a private
# network namespace. A labelled set: a reference list as reports print
# them, with neither URL nor DOI. The search, as Crossref's, always lists
# the works nearest the query; which ones match is what citecheck decides.
# The labels below come from reading each reference against the registered
# works: those that name a registered work (found), those that do not
# (not found).
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns works
tmp=$(mktemp -d)
server=
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

cat > world.json <<'JSON'
{"works": {
 "10.5555/jwc.2021.001": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Measuring link rot in policy papers",
   "author": [{"given": "Adaeze", "family": "Okafor", "sequence": "first"}, {"given": "Per", "family": "Lindqvist", "sequence": "additional"}],
   "issued": {"date-parts": [[2021, 3]]}, "container-title": "Journal of Web Citation"}},
 "10.5555/rrs.2016.77": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Reference rot in scholarly statements: threats to the integrity of the record",
   "author": [{"given": "Tobias", "family": "Marsh"}], "issued": {"date-parts": [[2016, 11, 30]]}}},
 "10.5555/arch.2019.5": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "The Archive of the Web, Revisited",
   "author": [{"given": "Hana", "family": "Kobayashi"}], "issued": {"date-parts": [[2019, 12, 2]]},
   "published-online": {"date-parts": [[2019, 12, 2]]}, "published-print": {"date-parts": [[2020, 4]]}}},
 "10.5555/cafe.2018.3": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Café culture and the press in Hà Nội",
   "author": [{"given": "Lan", "family": "Nguyễn"}], "issued": {"date-parts": [[2018]]}}},
 "10.5555/law.2014.2": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Link decay in legal citations",
   "author": [{"given": "Jane", "family": "Smith"}], "issued": {"date-parts": [[2014]]}}},
 "10.5555/book.2005.1": {"agency": "crossref", "csl": {"type": "book",
   "title": "Commentary on the covenant of civil and political rights",
   "author": [{"given": "Manfred", "family": "Nowicki"}], "issued": {"date-parts": [[2005]]}, "publisher": "Engel"}},
 "10.5281/zenodo.7654321": {"agency": "datacite", "csl": {"type": "dataset",
   "title": "Citation URLs of 1,000 NGO reports, 2010-2023",
   "author": [{"literal": "Open Citations Lab"}], "issued": {"date-parts": [[2023]]}}}
}}
JSON

# Each reference's label (its first author, as the list prints it), and
# what it is:
#   Okafor: the registered work as registered            -> found
#   Marsh: its subtitle left out                          -> found
#   Kobayashi: cited by its print year, a year after      -> found
#   Nguyen: without diacritics                            -> found
#   Nowicki: a book, cited with its subtitle cut short... -> found
#   Vance: an invented article                            -> not found
#   Okafor2: the real author, an invented title and year  -> not found
#   Jones: a real title, another author and year          -> not found
#   Lab: a dataset registered with DataCite, not Crossref -> not found
#   Harlow: a real-looking title the register lacks       -> not found
cat > refs.txt <<'TXT'
A brief on link rot

Body text of the brief.

References

Okafor, A., & Lindqvist, P. (2021). Measuring link rot in policy papers. Journal of Web Citation, 4(2), 11-29.

Marsh, T. (2016). Reference rot in scholarly statements. Journal of Digital Scholarship, 7, 1-20.

Kobayashi, H. (2020). The archive of the web, revisited. Web History Quarterly, 12(1), 3-18.

Nguyen, L. (2018). Cafe culture and the press in Ha Noi. Asian Media Review, 9, 44-61.

Nowicki, M. (2005). Commentary on the covenant of civil and political... Kehl: Engel.

Vance, Q. (2019). Quantum lattice effects on the migration of river dolphins. Journal of Improbable Results, 3, 5-9.

Okafor, A. (2023). Measuring link rot in municipal budgets. Journal of Web Citation, 6(1), 1-9.

Jones, P. (2022). Link decay in legal citations. Law and Technology Review, 15, 201-230.

Open Citations Lab (2023). Citation URLs of 1,000 NGO reports, 2010-2023. Zenodo.

Harlow, B. (2017). Press freedom indicators in Southeast Asia, 1990-2015. Journal of Comparative Media, 8, 77-95.
TXT

start_simdoi world.json
run() { "$bin" -q --no-archive --find-works --works-api "http://127.0.0.1:$P" "$@"; }

run -o report.json refs.txt 2> stderr.txt
expect "exit status 0: the findings are warnings and notes" "$?" 0
expect "the report is valid against the schema" "$(valid_report report.json)" valid
verdicts() {
	jq -r '[.documents[0].references[] | "\(.authors | split(",")[0] | split(" ")[0])=\(.work_search.verdict // "none")"] | join(" ")' "$1"
}
expect "each reference's verdict" "$(verdicts report.json)" \
	"Okafor=found Marsh=found Kobayashi=found Nguyen=found Nowicki=found Vance=not-found Okafor=not-found Jones=not-found Open=not-found Harlow=not-found"
expect "the DOIs found" \
	"$(jq -r '[.documents[0].references[] | select(.work_search.verdict == "found") | .work_search.doi] | join(" ")' report.json)" \
	"10.5555/jwc.2021.001 10.5555/rrs.2016.77 10.5555/arch.2019.5 10.5555/cafe.2018.3 10.5555/book.2005.1"
codes() {
	jq -r '[.documents[0].references[] | [.problems[].code | select(startswith("work-"))] | join(",")] | join(" ")' "$1"
}
expect "the findings: work-found for the five, work-not-found for the five" "$(codes report.json)" \
	"work-found work-found work-found work-found work-found work-not-found work-not-found work-not-found work-not-found work-not-found"

# precision and recall of work-not-found (the finding that warns) on the
# labelled set: the last five are the references no registered work matches
flagged=$(jq '[.documents[0].references[] | select(any(.problems[]; .code == "work-not-found"))] | length' report.json)
right=$(jq '[.documents[0].references[5:][] | select(any(.problems[]; .code == "work-not-found"))] | length' report.json)
expect "work-not-found: precision (right / flagged)" "$right/$flagged" "5/5"
expect "work-not-found: recall (right / the five)" "$right/5" "5/5"
found_right=$(jq '[.documents[0].references[0:5][] | select(.work_search.verdict == "found")] | length' report.json)
found_all=$(jq '[.documents[0].references[] | select(.work_search.verdict == "found")] | length' report.json)
expect "work-found: precision and recall" "$found_right/$found_all $found_right/5" "5/5 5/5"

msg() { jq -r --arg a "$1" '.documents[0].references[] | select(.authors | startswith($a)) | .problems[] | select(.code | startswith("work-")) | .message' report.json; }
expect "work-found names the DOI and the work" "$(msg Marsh)" \
	"registered with the DOI 10.5555/rrs.2016.77: “Reference rot in scholarly statements: threats to the integrity of the record” (Marsh, 2016); cite it by its DOI"
expect "… and suggests its doi.org link" \
	"$(jq -r '.documents[0].references[1].problems[] | select(.code == "work-found") | .suggestion' report.json)" \
	"https://doi.org/10.5555/rrs.2016.77"
expect "work-not-found names the nearest work when its title is near" "$(msg Jones)" \
	"no work registered with Crossref matches this reference (“Link decay in legal citations”): the nearest its search lists is “Link decay in legal citations” (Smith, 2014), DOI 10.5555/law.2014.2"
expect "work-not-found: an invented title" "$(msg Vance)" \
	"no work registered with Crossref matches this reference (“Quantum lattice effects on the migration of river dolphins”): the works its search lists have other titles"

# the requests: one search a reference, as Crossref documents its API
expect "one search a reference, ten in all" "$(grep -c '"path": "/works"' requests.log)" 10
expect "each with the reference's text and rows=5" \
	"$(jq -r 'select(.path == "/works") | .query["query.bibliographic"][0] | .[0:22]' requests.log | sort | head -n 2 | tr '\n' '|')" \
	"Harlow, B. (2017). Pre|Jones, P. (2022). Link|"
expect "rows=5 each time" "$(jq -r 'select(.path == "/works") | .query.rows[0]' requests.log | sort -u)" 5
expect "no contact: the public pool, never two at once" \
	"$(jq -r 'select(.path == "/works") | "\(.pool) \(.violation)"' requests.log | sort -u)" "public false"
expect "the run's summary counts the searches" "$(jq '.summary.identity.search_requests' report.json)" 10
expect "… and the references by verdict, as the document's does" \
	"$(jq -c '[.summary.work_search, .documents[0].summary.work_search] | unique' report.json)" \
	'[{"unchecked":0,"found":5,"not-found":5,"unsure":0,"unknown":0}]'

# a DOI of another work: the search finds the one the citation names, and
# doi-mismatch says it and suggests it
cat > mismatch.txt <<'TXT'
References

Okafor, A., & Lindqvist, P. (2021). Measuring link rot in policy papers. Journal of Web Citation, 4(2), 11-29. doi:10.5555/law.2014.2

Smith, J. (2014). Link decay in legal citations. Law Review, 12(3), 45-67. doi:10.5555/law.2014.2
TXT
run --exclude '^https://doi\.org/' --doi-resolver "http://127.0.0.1:$P" -o mismatch.json mismatch.txt 2> /dev/null
expect "a DOI of another work: doi-mismatch names the DOI the search found" \
	"$(jq -r '.documents[0].references[0].links[0].problems[] | select(.code == "doi-mismatch") | .message' mismatch.json)" \
	"the DOI 10.5555/law.2014.2 is registered for “Link decay in legal citations” (Smith, 2014); the citation names “Measuring link rot in policy papers”, registered with the DOI 10.5555/jwc.2021.001"
expect "… and suggests it" \
	"$(jq -r '.documents[0].references[0].links[0].problems[] | select(.code == "doi-mismatch") | .suggestion' mismatch.json)" \
	"https://doi.org/10.5555/jwc.2021.001"
expect "… no work-found or work-not-found beside it; the right DOI not searched" \
	"$(jq -r '[.documents[0].references[] | "[\([.problems[].code] | join(","))]"] | join(" ")' mismatch.json) $(jq -r '[.documents[0].references[] | .work_search.verdict // "none"] | join(",")' mismatch.json)" \
	"[] [] found,none"

# a contact address: the polite pool (mailto=), at most 3 at once
: > requests.log
run --contact 'team@example.org' -o polite.json refs.txt 2> /dev/null
expect "--contact: mailto= on every search, the polite pool" \
	"$(jq -r 'select(.path == "/works") | "\(.query.mailto[0]) \(.pool) \(.violation)"' requests.log | sort -u)" \
	"team@example.org polite false"
expect "--contact: the same verdicts" "$(verdicts polite.json)" "$(verdicts report.json)"

# rate limited: 429 with Retry-After, asked again, answered
jq '. + {"works_fail": {"status": 429, "count": 2}}' world.json > busy.json
start_simdoi busy.json busy.log
run -o busy.json.out refs.txt 2> /dev/null
expect "429 twice: asked again after Retry-After, every reference answered" "$(verdicts busy.json.out)" "$(verdicts report.json)"
expect "… twelve searches sent" "$(grep -c '"path": "/works"' busy.log)" 12

# the cache: the second run searches nothing, says the same
run --cache c.db -o first.json refs.txt 2> /dev/null
: > busy.log
run --cache c.db -o second.json refs.txt 2> /dev/null
expect "cache: the second run searches nothing" "$(grep -c '"path": "/works"' busy.log)" 0
expect "cache: the same verdicts" "$(verdicts second.json)" "$(verdicts report.json)"
expect "cache: the same findings" "$(codes second.json)" "$(codes report.json)"
expect "cache: marked cached" "$(jq -r '[.documents[0].references[].work_search.cached] | unique | join(" ")' second.json)" true
expect "cache: the nearest work kept for the message" \
	"$(jq -r '.documents[0].references[7].problems[0].message' second.json)" "$(msg Jones)"
run --cache c.db --cache-only -o only.json refs.txt 2> /dev/null
expect "--cache-only: nothing searched, the cache's answers" "$(verdicts only.json):$(grep -c '"path": "/works"' busy.log)" "$(verdicts report.json):0"

# --warc: each search and its answer kept as evidence, read back with
# warcio.js (tests/read_warc.mjs)
if [ -d "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}/warcio" ]; then
	cp "$testdir/read_warc.mjs" .
	ln -s "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}" node_modules
	run --warc ev.warc.gz -o warc.json refs.txt 2> /dev/null
	node read_warc.mjs ev.warc.gz > records.jsonl
	expect "--warc: a response record for each of the ten searches" \
		"$(jq -r 'select(.type == "response") | .uri' records.jsonl | grep -c "^http://127.0.0.1:$P/works?query.bibliographic=")" 10
else
	expect "warcio.js installed (sh .ci/setup-tests)" missing installed
fi

# not asked without --find-works; nothing in --extract-only
: > busy.log
"$bin" -q --no-archive --works-api "http://127.0.0.1:$P" -o none.json refs.txt 2> /dev/null
expect "without --find-works: no search, no work_search" \
	"$(grep -c '"path": "/works"' busy.log) $(jq '[.documents[0].references[] | select(.work_search)] | length' none.json)" "0 0"
"$bin" -q --extract-only --find-works -o ex.json refs.txt 2> /dev/null
expect "--extract-only: no search" "$(jq '[.documents[0].references[] | select(.work_search)] | length' ex.json)" 0

"$bin" -q --find-works --contact 'not an address' refs.txt > /dev/null 2> bad.txt
expect "--contact: a bad address is a usage error" "$?:$(head -n 1 bad.txt)" \
	"2:citecheck: --contact takes an e-mail address, not 'not an address'"
"$bin" -q --find-works --works-api 'ftp://x' refs.txt > /dev/null 2> bad.txt
expect "--works-api ftp: usage error" "$?:$(head -n 1 bad.txt)" \
	"2:citecheck: --works-api takes an http or https address with no query, not 'ftp://x'"
finish works
