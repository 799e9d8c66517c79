#!/bin/sh
# Documents that cite in other styles than the seed. Expectations come from
# reading them and from grep over the raw files (noted per line).
. "$(dirname "$0")/lib.sh"
bin=$1
dir=$2/corpus
out=$(mktemp)
trap 'rm -f "$out"' EXIT
q() { jq -r "$1" "$out"; }

# reST: `.. [N]` citations with the URL on an indented line, cited as [N]_
"$bin" --extract-only -q "$dir/pep-3104.rst" > "$out"
expect "pep: exit 0 (warnings only)" "$?" 0
expect "pep-3104.rst: the report valid against the schema" "$(valid_report "$out")" valid
expect "pep: format" "$(q .documents[0].format)" rst
expect "pep: 30 '.. [N]' + the malformed '[15]' (grep ^\.\. \[ / ^\[)" "$(q .summary.footnotes.defined)" 31
expect "pep: 30 distinct [N]_ markers (grep)" "$(q .summary.footnotes.cited)" 30
expect "pep: one URL per citation (grep -c http)" "$(q '[.summary.links, .summary.distinct_urls] | join(" ")')" "31 31"
expect "pep: [2]'s URL is on the line below its label" "$(q '.documents[0].references[] | select(.footnote=="2") | "\(.line) \(.links[0].line) \(.links[0].url)"')" \
	"443 444 https://mail.python.org/pipermail/python-dev/2003-February/032764.html"
expect "pep: line 482 '[15]' lacks its '.. ' and is never cited" \
	"$(q '.documents[0].problems[] | select(.code=="footnote-uncited") | "\(.line) \(.message)"')" "482 footnote 15 is defined but never cited"
expect "pep: references cited out of order, said once" "$(q '[.documents[0].problems[] | select(.code=="footnote-out-of-order")] | length')" 1

# Markdown [^label] notes, defined after the paragraphs that cite them
"$bin" --extract-only -q "$dir/ossf-compiler-annotations.md" > "$out"
expect "ossf-compiler-annotations.md: the report valid against the schema" "$(valid_report "$out")" valid
expect "ossf: 22 [^label]: definitions, all cited (grep)" "$(q '"\(.summary.footnotes.defined) \(.summary.footnotes.cited)"')" "22 22"
# and 17 relative ones (grep: 16 "](#…)" and one "](Compiler-Options-…html#…)"), in running text
expect "ossf: 31 [text](https links (grep) + 17 relative, 9 + 17 of them in running text" \
	"$(q '"\(.summary.links) \([.documents[0].references[] | select(.where=="body")] | length)"')" "48 26"
expect "ossf: the 16 #fragments are headings of the document, as GitHub names them" \
	"$(q '[.documents[0].references[].links[] | select(.url | startswith("#")) | .live.reason] | "\(unique | join(" ")) \(length)"')" "anchor 16"
expect "ossf: '[^clang-ownership]:' mid-sentence (line 82) cites" "$(q '[.documents[0].problems[] | select(.code=="footnote-uncited")] | length')" 0
expect "ossf: a note's author, title and date" "$(q '.documents[0].references[] | select(.footnote=="GCCATTR") | "\(.authors)|\(.title)|\(.published)"')" \
	"GCC team|Attribute Syntax|2024-01-17"
expect "ossf: archived C23 draft" "$(q '.documents[0].references[] | select(.footnote=="C23") | .links[0] | "\(.kind) \(.archived_at)"')" \
	"archive-snapshot 2024-01-05T08:40:47Z"

# A Harvard-like table of references, CRLF line ends
"$bin" --extract-only -q "$dir/ossf-pyscg-concurrency.md" > "$out"
expect "ossf-pyscg-concurrency.md: the report valid against the schema" "$(valid_report "$out")" valid
expect "pyscg: 12 table rows (grep ^|[[)" "$(q '[.documents[0].references[] | select(.where=="references")] | length')" 12
expect "pyscg: each row holds its URL twice" "$(q '[.documents[0].references[] | select(.where=="references") | .links | length] | unique | join(",")')" 2
expect "pyscg: access dates '[Accessed 6 June 2024]'" "$(q '.documents[0].references[] | select(.where=="references") | select(.text | contains("CWE-667")) | .accessed')" 2024-06-06

# NIST: [LABEL] entries behind HTML anchors, under numbered sub-headings
"$bin" --extract-only -q "$dir/nist-sp800-63b-references.md" > "$out"
expect "nist-sp800-63b-references.md: the report valid against the schema" "$(valid_report "$out")" valid
expect "nist: 49 labelled entries (grep)" "$(q .summary.footnotes.defined)" 49
# 46 <autolinks> (grep '<http'), and Weir et al.'s "doi:10.1145/1866307.1866327."
# printed bare; the six "DOI 10.17487/RFC…" are the DOIs of the doi.org
# links of their own entries, not counted twice
expect "nist: 46 <autolinks> and one bare DOI (grep)" "$(q .summary.links)" 47
expect "nist: the bare DOI, its full stop left out" \
	"$(q '.documents[0].references[].links[] | select(.syntax == "bare") | "\(.url) \(.kind) \(.normalized)"')" \
	"doi:10.1145/1866307.1866327 doi https://doi.org/10.1145/1866307.1866327"
expect "nist: a label with a space" "$(q '.documents[0].references[] | select(.footnote=="EO 13681") | .links[0].url')" "https://www.federalregister.gov/d/2014-25439"
expect "nist: DOIs of one series are no typos" "$(q '[.documents[0].references[].links[].problems[]] | length')" 0
expect "nist: cited elsewhere, so nothing is 'uncited'" "$(q '[.documents[0].problems[]] | length')" 0

# French Chicago-style notes; link text shows the original, target is perma.cc
"$bin" --extract-only -q "$dir/ph-fr-analyse-tfidf.md" > "$out"
expect "ph-fr: exit 1: [^17] cited, notes stop at 16 (grep)" "$?" 1
expect "ph-fr-analyse-tfidf.md: the report valid against the schema" "$(valid_report "$out")" valid
expect "ph-fr: the finding" "$(q '.documents[0].problems[] | select(.code=="footnote-undefined") | "\(.line) \(.message)"')" "419 footnote 17 is cited but never defined"
# plus 10 relative ones (grep "](/…" 5, "](#…" 5)
expect "ph-fr: 74 [text](http links + 2 bare URLs (lines 23, 361) + 10 relative" "$(q .summary.links)" 86
# the site-root links (/en/…) start from this repository's top folder, as
# GitHub resolves them, which lies outside the folder checked: skipped
expect "ph-fr: the site-root links are skipped (outside), the #fragments (accented) found" \
	"$(q '[.documents[0].references[].links[] | select(.kind == "local") | .live.reason] | group_by(.) | map("\(.[0])=\(length)") | join(" ")')" \
	"anchor=5 outside=5"
expect "ph-fr: 68 perma.cc targets (grep)" "$(q '.summary.kinds["archive-other"]')" 68
expect "ph-fr: the numbered how-to list after the reading list holds no notes" "$(q .summary.footnotes.defined)" 16
expect "ph-fr: note 1, French dates" "$(q '.documents[0].references[] | select(.footnote=="1") | "\(.authors)|\(.published)"')" "Ted Underwood|2011-11-09"
expect "ph-fr: 'consulté le 9 juin 2022'" "$(q '.documents[0].references[] | select(.footnote=="6") | .accessed')" 2022-06-09

# Wikipedia's HTML: numbered notes in <ol class="references">, markers [N]
"$bin" --extract-only -q "$dir/wikipedia-mozilla.html" > "$out"
expect "wikipedia-mozilla.html: the report valid against the schema" "$(valid_report "$out")" valid
expect "wikipedia: format and unit" "$(q '[.documents[0].format, .documents[0].location] | join(" ")')" "html line"
expect "wikipedia: 72 <li id=\"cite_note-…\"> and 72 distinct #cite_note- markers (grep)" \
	"$(q '[.summary.footnotes.defined, .summary.footnotes.cited] | join(" ")')" "72 72"
expect "wikipedia: note 3 (line 508): O'Reilly, retrieved 2016-05-01" \
	"$(q '.documents[0].references[] | select(.footnote=="3") | "\(.line)|\(.accessed)|\(.links[0].url)"')" \
	"508|2016-05-01|http://www.oreilly.com/openbook/opensources/book/netrev.html"
expect "wikipedia: relative /wiki/ links said once, as info; language editions are no typos" \
	"$(q '([.documents[0].problems[] | "\(.code) \(.severity)"] | join(",")), ([.documents[0].references[].links[].problems[] | select(.code=="url-near-duplicate")] | length)' | tr '\n' ' ')" \
	'link-relative info 0 '

finish corpus
