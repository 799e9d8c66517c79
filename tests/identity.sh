#!/bin/sh
# The DOI stage end to end: the real binary against a simulated DOI resolver
# and registration agencies (simdoi.py, registrations written here), inside a
# private network namespace. A labelled set: each BibTeX entry below says
# in its key what it is (a correct DOI, a citation that only looks different
# from the registered work, a DOI of another work, a DOI no one registered,
# one whose agency offers no metadata), and the findings expected follow
# from reading the entries against the registrations.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns identity
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
 "10.5555/prot.2011.88": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Protein folding kinetics at low temperature",
   "author": [{"given": "Wei", "family": "Zhang"}], "issued": {"date-parts": [[2011, 6]]}}},
 "10.5555/long.2015.9": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Persistence of uniform resource locators cited in three decades of agricultural research",
   "author": [{"given": "Ines", "family": "Duarte"}], "issued": {"date-parts": [[2015]]}}},
 "10.5555/busy.2022.4": {"agency": "crossref", "csl": {"type": "article-journal",
   "title": "Rate limits and the scholarly web",
   "author": [{"given": "Omar", "family": "Haddad"}], "issued": {"date-parts": [[2022]]}}},
 "10.5281/zenodo.7654321": {"agency": "datacite", "csl": {"type": "dataset",
   "title": "Citation URLs of 1,000 NGO reports, 2010-2023",
   "author": [{"literal": "Open Citations Lab"}], "issued": {"date-parts": [[2023]]}, "publisher": "Zenodo"}},
 "10.5555/kr.2014.1": {"agency": "none", "csl": {}}
},
"fail": {"10.5555/busy.2022.4": {"status": 429, "count": 1}}}
JSON

cat > refs.bib <<'BIB'
@article{correct,
  title = {Measuring Link Rot in Policy Papers},
  author = {Okafor, Adaeze and Lindqvist, Per},
  journal = {Journal of Web Citation}, year = {2021},
  doi = {10.5555/jwc.2021.001}
}
@article{looks_different_subtitle_left_out_upper_case_doi,
  title = {Reference rot in scholarly statements},
  author = {Marsh, Tobias}, year = {2016},
  doi = {10.5555/RRS.2016.77}
}
@article{looks_different_case_article_punctuation_print_year,
  title = {archive of the web -- revisited.},
  author = {Kobayashi, H.}, year = {2020},
  doi = {10.5555/arch.2019.5}
}
@article{looks_different_diacritics,
  title = {Cafe culture and the press in Ha Noi},
  author = {Nguyen, Lan}, year = {2018},
  doi = {10.5555/cafe.2018.3}
}
@article{looks_different_truncated,
  title = {Persistence of uniform resource locators cited in three decades...},
  author = {Duarte, Ines}, year = {2015},
  doi = {10.5555/long.2015.9}
}
@article{another_work,
  title = {Link decay in legal citations},
  author = {Smith, Jane}, year = {2014},
  doi = {10.5555/prot.2011.88}
}
@article{not_registered,
  title = {An invented study of citation practice},
  author = {Doe, John}, year = {2024},
  doi = {10.5555/nowhere.2024.404}
}
@misc{datacite_correct,
  title = {Citation URLs of 1,000 NGO reports, 2010--2023},
  author = {{Open Citations Lab}}, year = {2023},
  doi = {10.5281/zenodo.7654321}
}
@article{no_metadata_offered,
  title = {A title nobody can check},
  author = {Kim, Min}, year = {2014},
  doi = {10.5555/kr.2014.1}
}
@article{rate_limited_once,
  title = {Rate limits and the scholarly web},
  author = {Haddad, Omar}, year = {2022},
  doi = {10.5555/busy.2022.4}
}
@article{typo_last_two_characters_swapped,
  title = {Measuring link rot in policy papers},
  author = {Okafor, Adaeze}, year = {2021},
  doi = {10.5555/jwc.2021.010}
}
BIB

start_simdoi world.json
# the doi.org links themselves are not fetched here: the DOI stage is
run() { "$bin" -q --no-archive --exclude '^https://doi\.org/' --doi-resolver "http://127.0.0.1:$P" "$@"; }
run -o report.json refs.bib > /dev/null 2> stderr.txt
expect "exit status: doi-not-found is an error" "$?" 1
expect "the report is valid against the schema" "$(valid_report report.json)" valid
ids() { jq -r '[.documents[0].references[] | "\(.key)=\(.links[0].identity.verdict)"] | join(" ")' report.json; }
expect "each entry's verdict" "$(ids)" \
	"correct=match looks_different_subtitle_left_out_upper_case_doi=match looks_different_case_article_punctuation_print_year=match looks_different_diacritics=match looks_different_truncated=match another_work=mismatch not_registered=not-found datacite_correct=match no_metadata_offered=unknown rate_limited_once=match typo_last_two_characters_swapped=not-found"
findings() { jq -r '[.documents[0].references[] | .key as $k | .links[0].problems[] | "\($k):\(.code)"] | join(" ")' report.json; }
expect "findings: only the DOI of another work and the DOIs no one registered" "$(findings)" \
	"another_work:doi-mismatch not_registered:doi-not-found typo_last_two_characters_swapped:doi-not-found"
expect "doi-mismatch says what the DOI is registered for" \
	"$(jq -r '.documents[0].references[] | select(.key == "another_work") | .links[0].problems[0].message' report.json)" \
	"the DOI 10.5555/prot.2011.88 is registered for “Protein folding kinetics at low temperature” (Zhang, 2011); the citation names “Link decay in legal citations”"
expect "the registered work in the report" \
	"$(jq -c '.documents[0].references[] | select(.key == "another_work") | .links[0].identity.registered' report.json)" \
	'{"title":"Protein folding kinetics at low temperature","authors":"Zhang, Wei","year":2011,"type":"article-journal","container":null}'
expect "what was compared: title far, author and year wrong" \
	"$(jq -c '.documents[0].references[] | select(.key == "another_work") | .links[0].identity | [.title, .author, .year]' report.json)" \
	'[false,false,false]'
expect "not registered: the resolver's own 404" \
	"$(jq -c '.documents[0].references[] | select(.key == "not_registered") | .links[0].identity.doi | [.verdict, .reason, .http_status]' report.json)" \
	'["not-found","http-404",404]'
expect "no metadata offered: unknown, and why" \
	"$(jq -c '.documents[0].references[] | select(.key == "no_metadata_offered") | .links[0].identity.doi | [.verdict, .reason]' report.json)" \
	'["unknown","no-metadata"]'
expect "rate-limited once: asked again after Retry-After, then found" \
	"$(jq -c '.documents[0].references[] | select(.key == "rate_limited_once") | .links[0].identity.doi | [.verdict, .requests]' report.json)" \
	'["found",3]'
expect "the DataCite DOI's metadata from DataCite" \
	"$(jq -r '.documents[0].references[] | select(.key == "datacite_correct") | .links[0].identity.doi.metadata_from' report.json)" \
	"http://127.0.0.1:$P/datacite/application/vnd.citationstyles.csl+json/10.5281/zenodo.7654321"
# The two DOIs not registered are cited with a title: the DOIs one slip
# away in their suffixes are asked too. jwc.2021.010 (12 characters, no
# neighbours alike): 11 swaps and its 7 digits doubled, 18, of which
# 10.5555/jwc.2021.001 is cited already (asked once); nowhere.2024.404
# (16): 15 swaps and 7 digits doubled, 22. None of the 39 new is
# registered: one request each.
expect "summary: DOI links by identity verdict" \
	"$(jq -c '.summary.identity' report.json)" \
	'{"unchecked":0,"match":7,"mismatch":1,"unsure":0,"not-found":2,"unknown":1,"requests":60,"search_requests":0}'
expect "a typo: doi-not-found names the DOI one slip away that the citation names" \
	"$(jq -r '.documents[0].references[] | select(.key == "typo_last_two_characters_swapped") | .links[0].problems[0].message' report.json)" \
	"the DOI 10.5555/jwc.2021.010 is not registered: the DOI resolver knows no work by it; 10.5555/jwc.2021.001, one slip away, is registered for “Measuring link rot in policy papers” (Okafor, 2021), the work the citation names: a typo?"
expect "a typo: identity.typo_of" \
	"$(jq -r '.documents[0].references[] | select(.key == "typo_last_two_characters_swapped") | .links[0].identity.typo_of' report.json)" \
	"10.5555/jwc.2021.001"
expect "an invented DOI: no DOI one slip away is registered, typo_of null" \
	"$(jq -c '.documents[0].references[] | select(.key == "not_registered") | [.links[0].identity.typo_of, .links[0].problems[0].message]' report.json)" \
	'[null,"the DOI 10.5555/nowhere.2024.404 is not registered: the DOI resolver knows no work by it"]'
expect "the slips asked: a swap, a digit doubled; never the prefix" \
	"$(grep -c '"path": "/10\.5555/jwc\.2021\.100"\|"path": "/10\.5555/jwc\.2021\.0010"' requests.log) $(grep '"path": "/10\.' requests.log | grep -vc '"path": "/10\.5555/\|"path": "/10\.5281/')" "2 0"
expect "the document's summary too" "$(jq -c '.documents[0].summary.identity | [.match, .mismatch]' report.json)" '[7,1]'
# every request asked for CSL-JSON; each DOI was asked once (twice the busy one)
expect "every request asked for CSL-JSON" \
	"$(grep -vc '"accept": "application/vnd.citationstyles.csl+json"' requests.log)" 0
expect "resolver requests: one a DOI, two for the rate-limited one, one each slip" \
	"$(grep -c '"path": "/10\.' requests.log)" 51
run --format text refs.bib > text.txt 2>&1
expect "the text report says all three" "$(grep -c 'doi-mismatch\]\|doi-not-found\]' text.txt)" 3

# precision and recall of the identity findings on this labelled set: the
# entries whose key starts with another_ or not_ are the ones to flag
flagged=$(findings | tr ' ' '\n' | grep -c .)
right=$(findings | tr ' ' '\n' | grep -c '^another_work:\|^not_registered:\|^typo_')
expect "precision 1.0 (findings that are right / findings)" "$right/$flagged" "3/3"

# DOIs printed bare in a text's references, as APA 6 and Vancouver print
# them: found, and checked the same way
cat > refs.txt <<'TXT'
References

Okafor, A., & Lindqvist, P. (2021). Measuring link rot in policy papers. Journal of Web Citation. doi:10.5555/jwc.2021.001

Smith, J. (2014). Link decay in legal citations. Law Review, 12(3), 45-67. DOI: 10.5555/prot.2011.88.
TXT
run -o text.json refs.txt > /dev/null 2>&1
expect "bare DOIs in text: found and judged" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url) \(.identity.verdict)"] | join(", ")' text.json)" \
	"doi:10.5555/jwc.2021.001 match, doi:10.5555/prot.2011.88 mismatch"
expect "bare DOIs in text: the mismatch on its line and column" \
	"$(jq -r '.documents[0].references[].links[].problems[] | "\(.code) \(.line):\(.column)"' text.json)" "doi-mismatch 5:76"

# pacing: the resolver at 5 requests a second at most (the default); an
# agency that states a slower limit (X-Rate-Limit-Limit 1 per
# X-Rate-Limit-Interval 1s) is asked no faster, once it has said so. Judged
# by the time N requests span, at least 3/4 of (N - 1) intervals: one
# request's time as the simulator logs it may lag on a loaded machine, the
# span of many cannot shrink. (In the simulator every agency is on the
# resolver's host: one pace for all.)
paced() { # paced PATH-PREFIX FROM RATE: "yes" when the first requests of each path, from the FROM-th on, span enough
	jq -rs --arg p "$1" --argjson from "$2" '[.[] | select(.path | startswith($p))] | group_by(.path) | map(map(.t) | min) | sort | .[$from:] |
		"\(length) \(.[-1] - .[0])"' requests.log | awk -v rate="$3" '{ want = 0.75 * ($1 - 1) / rate;
		print ($1 >= 3 && $2 >= want) ? "yes" : $1 " requests in " $2 " s, want " want " s at least" }'
}
python3 - <<'PY'
import json
w = json.load(open("world.json"))
w["rate_limit"] = {"limit": "1", "interval": "1s"}
w.pop("fail")
json.dump(w, open("slow.json", "w"))
PY
start_simdoi slow.json
run -o slow.json.out refs.bib > /dev/null 2>&1
expect "Crossref's stated limit obeyed, once stated: 1 a second" "$(paced /crossref/ 1 1)" yes
expect "… and every DOI still answered" "$(jq -r '[.documents[0].references[].links[0].identity.verdict] | join(" ")' slow.json.out)" \
	"match match match match match mismatch not-found match unknown match not-found"

start_simdoi world.json
# --cache: the resolver's answers kept (works for 30 days, DOIs not found
# for --max-age, no answer for 10 minutes) and reused with no request
: > requests.log
run --cache answers.db -o first.json refs.bib > /dev/null 2>&1
first=$(wc -l < requests.log | tr -d ' ')
# the first request of each of the 10 DOIs to the resolver: unpaced, all
# would go at once
expect "the resolver paced at 5 a second" "$(paced /10. 0 5)" yes
: > requests.log
run --cache answers.db -o second.json refs.bib > /dev/null 2>&1
expect "cache: the second run asks nothing" "$(wc -l < requests.log | tr -d ' ')" 0
# one request to the resolver a DOI, one to its agency or landing page (but
# the one not registered); the busy one asked twice first (a 429)
expect "cache: the first run asked (one request a DOI and agency hop, one a slip)" "$first" 60
expect "cache: the same verdicts" \
	"$(jq -r '[.documents[0].references[].links[0].identity.verdict] | join(" ")' second.json)" \
	"$(jq -r '[.documents[0].references[].links[0].identity.verdict] | join(" ")' first.json)"
expect "cache: the same findings" "$(jq -c '[.documents[0].references[].links[0].problems[].message]' second.json)" \
	"$(jq -c '[.documents[0].references[].links[0].problems[].message]' first.json)"
expect "cache: marked cached, but for the agency that gave no metadata (10 minutes: kept too)" \
	"$(jq -r '[.documents[0].references[].links[0].identity.doi.cached] | unique | join(" ")' second.json)" true
# a day later: works and misses still (max-age 1 day for a miss)… then past it
now=$(date +%s)
: > requests.log
CITECHECK_NOW=$((now + 2 * 86400)) run --cache answers.db -o later.json refs.bib > /dev/null 2>&1
expect "two days later: the DOIs not found (the 2 cited, their 39 slips) and the agency without metadata asked again, the works not" \
	"$(jq -rs '[.[] | select(.path | startswith("/10.")) | .path] | [length, (map(select(. == "/10.5555/nowhere.2024.404" or . == "/10.5555/kr.2014.1" or . == "/10.5555/jwc.2021.010")) | length), (map(select(. == "/10.5555/jwc.2021.001" or . == "/10.5555/prot.2011.88")) | length)] | join(" ")' requests.log)" \
	"42 3 0"
# --cache-only: a DOI the cache does not hold is unknown/not-cached, nothing asked
cp refs.bib more.bib
printf '@article{new, title = {Not in the cache}, author = {New, A.}, year = {2024}, doi = {10.5555/new.1}}\n' >> more.bib
: > requests.log
run --cache answers.db --cache-only -o only.json more.bib > /dev/null 2>&1
expect "--cache-only: nothing asked" "$(wc -l < requests.log | tr -d ' ')" 0
expect "--cache-only: the new DOI not-cached" \
	"$(jq -c '.documents[0].references[] | select(.key == "new") | .links[0].identity | [.verdict, .doi.reason]' only.json)" \
	'["unknown","not-cached"]'
# a row citecheck would not have written (a work found with no title nor
# author) is not trusted: taken as absent, and said
python3 -c 'import sqlite3; c = sqlite3.connect("answers.db"); c.execute("UPDATE doi SET title = NULL, first_family = NULL WHERE doi = ?", ("10.5555/jwc.2021.001",)); c.commit()'
: > requests.log
run --cache answers.db -o forged.json refs.bib > /dev/null 2> forged.txt
# (the run goes on as without it: exit 1 for the DOI not registered)
expect "a forged row: said" "$?:$(grep -c 'rows that citecheck did not write were taken as absent' forged.txt)" "1:1"
expect "a forged row: the DOI asked again" "$(grep -c '"path": "/10.5555/jwc.2021.001"' requests.log)" 1
# a cache of schema 1 (before the DOI table, the page titles and the works
# table) is brought up to date, its rows kept
python3 -c 'import sqlite3; c = sqlite3.connect("answers.db"); [c.execute(s) for s in ("DROP TABLE doi", "DROP TABLE work", "DROP TABLE document", "ALTER TABLE live DROP COLUMN page_titles", "ALTER TABLE archive DROP COLUMN snap_titles", "PRAGMA user_version = 1")]; c.commit()'
run --cache answers.db -o migrated.json refs.bib > /dev/null 2>&1
expect "schema 1 migrated to 3, with the DOI table" \
	"$(python3 -c 'import sqlite3; c = sqlite3.connect("answers.db"); print(c.execute("PRAGMA user_version").fetchone()[0], c.execute("SELECT count(*) FROM doi").fetchone()[0])')" "3 50"

# --warc: the resolver's and the agencies' answers kept as evidence, read
# back with warcio.js (tests/read_warc.mjs), a request and a response each
if [ -d "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}/warcio" ]; then
	cp "$testdir/read_warc.mjs" .
	ln -s "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}" node_modules
	: > requests.log
	run --warc ev.warc.gz -o warc.json refs.txt > /dev/null 2>&1
	node read_warc.mjs ev.warc.gz > records.jsonl
	expect "--warc: a response record for every request to the resolver and agencies" \
		"$(jq -r 'select(.type == "response") | .uri' records.jsonl | sed "s|http://127.0.0.1:$P||" | sort | tr '\n' ' ')" \
		"/10.5555/jwc.2021.001 /10.5555/prot.2011.88 /crossref/v1/works/10.5555/jwc.2021.001/transform /crossref/v1/works/10.5555/prot.2011.88/transform "
	expect "--warc: as many as the simulator answered" "$(jq -r 'select(.type == "response")' records.jsonl | jq -s length)" \
		"$(wc -l < requests.log | tr -d ' ')"
else
	expect "warcio.js installed (sh .ci/setup-tests)" missing installed
fi

# --no-doi: nothing asked, no identity findings
: > requests.log
run --no-doi -o nodoi.json refs.bib > /dev/null 2>&1
expect "--no-doi: exit 0" "$?" 0
expect "--no-doi: no request" "$(wc -l < requests.log | tr -d ' ')" 0
expect "--no-doi: identity unchecked" \
	"$(jq -r '[.documents[0].references[].links[0].identity.verdict] | unique | join(" ")' nodoi.json)" unchecked
# --extract-only: nothing asked either
"$bin" -q --extract-only -o extract.json refs.bib > /dev/null 2>&1
expect "--extract-only: no request" "$(wc -l < requests.log | tr -d ' ')" 0
# a resolver that is not a URL: a usage error
"$bin" -q --extract-only --doi-resolver 'ftp://x' refs.bib > /dev/null 2> bad.txt
expect "--doi-resolver ftp: usage error" "$?" 2
expect "--doi-resolver ftp: says so" "$(head -n 1 bad.txt)" \
	"citecheck: --doi-resolver takes an http or https address with no query, not 'ftp://x'"
finish identity
