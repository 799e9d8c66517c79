#!/bin/sh
# The seed report, end to end. Every expectation below was written from
# reading fixtures/000_639fc2e66c0e2ab4.txt (line numbers are the file's),
# and the counts were checked with grep/perl over the raw text.
. "$(dirname "$0")/lib.sh"
bin=$1
seed=$2/000_639fc2e66c0e2ab4.txt
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$bin" --extract-only -q "$seed" > "$out"
expect "exit status: error-severity findings" "$?" 1
expect "the seed's report valid against man/citecheck-report.schema.json" "$(valid_report "$out")" valid
q() { jq -r "$1" "$out"; }

expect "format" "$(q .documents[0].format)" markdown
expect "lines" "$(q .documents[0].lines)" 679
expect "bytes" "$(q .documents[0].bytes)" "$(wc -c < "$seed" | tr -d ' ')"
expect "footnotes defined" "$(q .summary.footnotes.defined)" 65
expect "footnotes cited" "$(q .summary.footnotes.cited)" 66
expect "66 is cited but undefined, at its marker" \
	"$(q '.documents[0].problems[] | select(.code=="footnote-undefined") | "\(.line):\(.message)"')" \
	"293:footnote 66 is cited but never defined"
expect "no other footnote finding" \
	"$(q '[.documents[0].problems[] | select(.code|startswith("footnote"))] | length')" 1
expect "URL occurrences: 135 <autolinks> + 19 [text](links)" "$(q .summary.links)" 154
expect "distinct URLs" "$(q .summary.distinct_urls)" 119
expect "kinds" "$(q '.summary.kinds | "\(.direct) \(.["archive-snapshot"]) \(.["archive-request"]) \(.["archive-other"]) \(.doi)"')" "67 78 3 4 2"
expect "syntax counts" "$(q '[.documents[0].references[].links[].syntax] | group_by(.) | map("\(.[0])=\(length)") | join(" ")')" "autolink=135 inline=19"

# how the reference list splits into footnotes and their sources
expect "footnote 1 lists 3 sources (one after a hard line break, one as a bullet)" \
	"$(q '[.documents[0].references[] | select(.footnote=="1")] | length')" 3
expect "footnote 5 lists 45 sources" "$(q '[.documents[0].references[] | select(.footnote=="5")] | length')" 45
expect "footnote 6 lists 24 sources" "$(q '[.documents[0].references[] | select(.footnote=="6")] | length')" 24
expect "footnote 7 lists 18 sources" "$(q '[.documents[0].references[] | select(.footnote=="7")] | length')" 18
expect "footnotes 15, 25, 27, 30 and 38 list 2 or 3" \
	"$(q '[.documents[0].references[] | select(.footnote=="15" or .footnote=="25" or .footnote=="27" or .footnote=="30" or .footnote=="38")] | group_by(.footnote) | map(length) | join(",")')" "3,2,2,2,2"
expect "sources without a URL (1#1, 5#17, 5#34, 15#1, 25#1, 27#1, 31, 38#1, 51) and the suggested citation" \
	"$(q '[.documents[0].references[] | select(.links==[]) | "\(.footnote)#\(.entry)"] | join(" ")')" \
	"1#1 5#17 5#34 15#1 25#1 27#1 31#1 38#1 51#1 null#1"
expect "the stray <sup>34</sup> inside a sentence (line 468) is no definition" \
	"$(q '[.documents[0].references[] | select(.footnote=="34")] | map(.line) | join(",")')" 600
expect "a URL two paragraphs below 'Retrieved …, from' (lines 352-356)" \
	"$(q '.documents[0].references[] | select(.line==352) | "\(.links[0].line) \(.accessed)"')" "356 2024-02-27"
expect "a URL after a --- rule (lines 614-618) belongs to footnote 40" \
	"$(q '.documents[0].references[] | select(.footnote=="40") | .links[0].line')" 618
expect "footnote 62 also holds the stray Reuters URL" \
	"$(q '.documents[0].references[] | select(.footnote=="62") | .links | map(.line) | join(",")')" "658,659"
expect "the licence link after the list is a source of no footnote" \
	"$(q '.documents[0].references[] | select(.footnote==null and .links!=[]) | "\(.line) \(.links[0].url)"')" \
	"666 https://creativecommons.org/licenses/by/4.0/"

# metadata
expect "1#2 author, dates" "$(q '.documents[0].references[] | select(.footnote=="1" and .entry==2) | "\(.authors)|\(.published)|\(.accessed)"')" \
	"Bộ Công An|2023-12-21|2024-02-05"
expect "partial date (April 2022)" "$(q '.documents[0].references[] | select(.footnote=="52") | .published')" 2022-04
expect "partial date (2023, Dec.)" "$(q '.documents[0].references[] | select(.line==494) | .published')" 2023-12
expect "year only (2024)" "$(q '.documents[0].references[] | select(.line==476) | .published')" 2024
expect "'Retrieved Feb 14, 2024, from' without a period" "$(q '.documents[0].references[] | select(.footnote=="41") | .accessed')" 2024-02-14
expect "title of 45" "$(q '.documents[0].references[] | select(.footnote=="45") | .title')" "U.S. eases embargo on arms to Vietnam"

# URLs as the author meant them
expect "\\\\_ escapes undone (line 308)" "$(q '.documents[0].references[] | select(.line==308) | .links[0].url')" \
	"https://www.youtube.com/watch?v=gnd39byvmw&ab_channel=t%e1%ba%a0pch%c3%8dm%e1%ba%b6tr%e1%ba%acn"
expect "balanced parentheses kept (line 484)" "$(q '.documents[0].references[] | .links[] | select(.line==484) | .url')" \
	"https://web.archive.org/web/20240229053219/https://songoaviv.hatinh.gov.vn/images/seoworld/ok-bao-cao-tuan-tu-ngay-21-9-28-9(28.09.2023_16h50p50)_signed.pdf"
expect "snapshot: original and time" "$(q '.documents[0].references[] | select(.footnote=="5" and .entry==1) | .links[0] | "\(.kind) \(.original) \(.archived_at) \(.pinned)"')" \
	"archive-snapshot https://www.vietnam.vn/bao-ve-an-ninh-quoc-gia-la-nhiem-vu-trong-yeu-thuong-xuyen/ 2024-02-29T04:18:39Z true"
expect "web/2/ is unpinned" "$(q '.documents[0].references[] | .links[] | select(.line==326) | "\(.timestamp) \(.archived_at) \(.pinned)"')" "2 null false"
expect "DOI" "$(q '.documents[0].references[] | select(.footnote=="13") | .links[0].doi')" "10.4324/9781315762302-3"

# problems visible in the text
codes() { q "[.documents[0].references[] | (.problems[], .links[].problems[]) | select(.code==\"$1\") | $2] | join(\" \")"; }
expect "spaces in URLs: lines 317, 406, 456, 496" "$(codes url-space '"\(.line)"')" "317 406 456 496"
expect "space in a host after www" "$(codes url-space '.suggestion' | tr ' ' '\n' | grep -c 'https://www.xaydungdang.org.vn/')" 2
expect "space in a host elsewhere" "$(codes url-space '.suggestion' | tr ' ' '\n' | grep -c 'https://chinh-sach-cuoc-song.vnanet.vn/')" 1
expect "space in a path" "$(codes url-space '.suggestion' | tr ' ' '\n' | grep -c '326_BIEU%20QUY_IV_2023_9c27a.xls')" 1
expect "invalid percent-encoding %3% (line 524)" "$(codes url-bad-percent '"\(.line):\(.column)"')" "524:101"
expect "save requests: lines 360, 364, 440" "$(codes archive-save-request '"\(.line)"')" "360 364 440"
expect "unpinned snapshots" "$(codes archive-unpinned '"x"' | wc -w | tr -d ' ')" 14
expect "empty link target (line 52)" "$(q '.documents[0].problems[] | select(.code=="link-empty-target") | "\(.line):\(.column)"')" "52:145"
expect "URL dates that contradict the citation: 516 (2024-02 vs 2023), 554 (02-17 vs 02-07), 628 (2014 vs 2024), 659 (Reuters URL under UNDP)" \
	"$(codes url-date-mismatch '"\(.line)"')" "516 554 628 659"
expect "uploads/ folders date uploads, not works (576, 584, 586, 644)" \
	"$(codes url-date-mismatch '"\(.line)"' | grep -c '576\|584\|586\|644')" 0
expect "accessed before published (footnote 45)" "$(codes accessed-before-published '"\(.line)"')" 628
expect "near-duplicate URLs: quest/guest, trunquong/trunguoc, five can/canhh, the YouTube pair" \
	"$(codes url-near-duplicate '"\(.line)"')" "438 440 444 446 450 454 458 524"
expect "errors and warnings" "$(q '"\(.summary.problems.error) \(.summary.problems.warning)"')" "10 27"

finish golden_seed
