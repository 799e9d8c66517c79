#!/bin/sh
# Report formats from the command line: --format, -o [FMT:]FILE by prefix
# and by extension, several in one run, SARIF valid against the official
# 2.1.0 schema, GITHUB_STEP_SUMMARY, an output that cannot be written found
# before the documents are read. Offline (--extract-only); the writers' own
# output is checked literally by test_reports.c.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
schema=$(cd "$(dirname "$0")/.." && pwd)/tests/schemas/sarif-schema-2.1.0.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir docs
printf '# A\n\n<https://example.org/a b>\n<https://web.archive.org/save/https://example.org/c>\n[gone](missing.md)\n' > docs/a.md

"$bin" --extract-only -q -o out.sarif -o markdown:notes.txt -o junit:cases.out -o plain.json docs > stdout.txt
expect "four outputs at once, exit 1 (findings), nothing on standard output" "$? $(wc -c < stdout.txt | tr -d ' ')" "1 0"
expect "… formats by extension and by prefix" \
	"$(jq -r .version out.sarif) $(head -c 12 notes.txt) $(head -n 1 cases.out | cut -c1-13) $(jq -r .citecheck.schema plain.json)" \
	"2.1.0 ## citecheck <?xml version 14"
expect "SARIF valid against the official 2.1.0 schema" \
	"$(python3 -c 'import json, sys, jsonschema
jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
print("valid")' "$schema" out.sarif 2>&1)" valid
# url-space and archive-save-request (errors), link-dead for missing.md
# (line 5: "[gone](" is 7 characters, the target starts at 8)
expect "SARIF results: rule, line, column" \
	"$(jq -r '[.runs[0].results[] | "\(.ruleId):\(.locations[0].physicalLocation.region.startLine):\(.locations[0].physicalLocation.region.startColumn)"] | join(" ")' out.sarif)" \
	"url-space:3:2 archive-save-request:4:2 link-dead:5:8"
expect "SARIF: the run's exit status" "$(jq -c '.runs[0].invocations[0] | [.exitCode, .executionSuccessful]' out.sarif)" "[1,true]"
"$bin" --extract-only -q -o again.sarif docs
expect "SARIF fingerprints stable across runs" \
	"$(jq -c '[.runs[0].results[].partialFingerprints]' again.sarif)" "$(jq -c '[.runs[0].results[].partialFingerprints]' out.sarif)"

"$bin" --extract-only --format text docs > text.txt 2> text.err
expect "--format text: the findings on standard output, not twice on standard error" \
	"$(grep -c 'url-space' text.txt) $(wc -c < text.err | tr -d ' ')" "1 0"
"$bin" --extract-only -q --format github -o j.json docs > gh.txt
expect "--format with -o: standard output gets the format too" "$(head -c 6 gh.txt) $(jq -r .citecheck.name j.json)" "::erro citecheck"
GITHUB_STEP_SUMMARY=$tmp/step.md "$bin" --extract-only -q --format github docs > /dev/null
expect "GITHUB_STEP_SUMMARY gets the Markdown report" "$(head -n 1 step.md)" "## citecheck"

"$bin" --extract-only -q -o nowhere/out.json docs > early.txt 2> early.err
expect "an output that cannot be written: exit 2 at once, nothing else written" \
	"$? $(wc -c < early.txt | tr -d ' ') $(cat early.err)" "2 0 citecheck: cannot write nowhere/out.json: No such file or directory"
"$bin" --extract-only -q -o docs docs 2> dir.err
expect "an output that is a folder" "$? $(cat dir.err)" "2 citecheck: cannot write docs: it is a folder"
"$bin" --extract-only -q --format yaml docs 2> fmt.err
expect "an unknown format" "$? $(cat fmt.err | head -n 1)" \
	"2 citecheck: --format takes json, text, markdown, github, sarif or junit, not 'yaml'"
# the README's CI commands, on a repository whose links are all relative
# (checked offline): GitHub Actions' step, GitLab's, the pre-commit hook's
mkdir site
printf '# Site\n\n[guide](guide.md) and [gone](gone.md)\n' > site/index.md
printf '# Guide\n\n[home](index.md#site)\n' > site/guide.md
(cd site && GITHUB_STEP_SUMMARY=$tmp/site-summary.md "$bin" --cache .citecheck-cache.db --format github \
	-o sarif:citecheck.sarif -o citecheck.json . > ../gh-step.txt 2> /dev/null)
expect "README, GitHub Actions: the dead link annotated, SARIF and JSON written, the step summary" \
	"$? $(cat gh-step.txt) $(jq -r '.runs[0].results[0].ruleId' site/citecheck.sarif) $(jq -r .summary.live.dead site/citecheck.json) $(head -n 1 site-summary.md)" \
	"1 ::error file=index.md,line=3,col=30,title=link-dead::dead link: gone.md (no-such-file) link-dead 1 ## citecheck"
(cd site && "$bin" -q --cache .citecheck-cache.db -o junit:citecheck.xml .)
expect "README, GitLab: the JUnit report" "$? $(grep -c '<failure type="link-dead"' site/citecheck.xml)" "1 1"
(cd site && "$bin" --extract-only --format text index.md guide.md > ../hook.txt 2>&1)
# the text format: per document, per source (a body link's source is its
# text), and the link's column ("[guide](guide.md) and [gone](" is 29 bytes)
expect "README, pre-commit: the hook's command" "$? $(sed -n 1,3p hook.txt)" "1 == index.md
line 3 — gone
  dead: gone.md (no-such-file) — column 30"

# --fail-on a finding's code; --ignore drops findings and counts them
"$bin" --extract-only -q --fail-on url-space docs > /dev/null
expect "--fail-on url-space: the URL with a space fails the run" "$?" 1
"$bin" --extract-only -q --fail-on url-space --ignore url-space -o ign.json docs
expect "--ignore url-space: then nothing --fail-on names is left" "$?" 0
expect "… counted as ignored, not listed" \
	"$(jq -c '[.summary.problems.ignored, .summary.problems.by_code["url-space"], ([.documents[].references[].links[].problems[].code] | index("url-space"))]' ign.json)" \
	'[{"url-space":1},null,null]'

# --ignore a verdict: the dead link (missing.md) fails nothing and is listed nowhere, but is counted
"$bin" --extract-only -q --fail-on dead --ignore dead -o igv.json docs
expect "--ignore dead: exit 0, the link marked and counted, not among the dead" \
	"$? $(jq -c '[.summary.live.dead, .summary.links_ignored, [.documents[0].references[].links[] | select(.ignored) | .url]]' igv.json)" \
	'0 [0,1,["missing.md"]]'
"$bin" --extract-only -q --ignore gone docs 2> igb.err
expect "--ignore with neither a code nor a verdict" "$? $(head -n 1 igb.err)" \
	"2 citecheck: --ignore takes a finding's code (see citecheck(1), FINDINGS) or dead, blocked, unverified, not 'gone'"

# ignore comments: a line's findings and links, or the next line's
printf '# I\n\n<https://a b.example.org/x> <!-- citecheck-ignore -->\n<!-- citecheck-ignore-next-line -->\n[gone](missing.md)\n[other](nope.md)\n' > ig.md
"$bin" --extract-only ig.md > ig.json 2> ig.err
expect "ignore comments: only line 6's link is checked; what was left alone is counted" \
	"$? $(jq -c '[[.documents[0].references[].links[].url], .summary.links_ignored, .summary.problems.ignored]' ig.json)" \
	'1 [["nope.md"],2,{"url-space":1}]'
expect "… and said" "$(grep '^citecheck: ignored' ig.err)" "citecheck: ignored: 1 finding, 2 links (--ignore, citecheck-ignore comments)"

# the progress line: on a terminal (a pseudo-terminal), not off one
expect "progress on a terminal" \
	"$(script -qec "\"$bin\" --extract-only docs > /dev/null" /dev/null | tr '\r' '\n' | grep -c '^citecheck: 1 of 1 documents read')" 1
expect "… none off one" "$("$bin" --extract-only docs 2>&1 > /dev/null | grep -c 'documents read')" 0

# … and in HTML
cat > ig.html <<'HTML'
<!DOCTYPE html><html><body>
<p><a href="https://x y.example.org/">one</a> <!-- citecheck-ignore --></p>
<!-- citecheck-ignore-next-line -->
<p><a href="https://a b.example.org/">two</a></p>
<p><a href="https://c d.example.org/">three</a></p>
</body></html>
HTML
"$bin" --extract-only -q ig.html > igh.json
expect "ignore comments in HTML: lines 2 and 4 left alone, line 5 checked" \
	"$(jq -c '[[.documents[0].references[].links[].url], .summary.links_ignored, .summary.problems.ignored]' igh.json)" \
	'[["https://c d.example.org/"],2,{"url-space":2}]'

# colour: on a terminal (a pseudo-terminal made by script), not on a pipe,
# never with NO_COLOR, always when asked
esc=$(printf '\033')
expect "colour on a terminal: the verdict word in red" \
	"$(script -qec "\"$bin\" --extract-only docs > /dev/null" /dev/null | grep -c "${esc}\[1;31mdead${esc}\[0m: missing.md")" 1
expect "… not with NO_COLOR" \
	"$(NO_COLOR=1 script -qec "\"$bin\" --extract-only docs > /dev/null" /dev/null | grep -c "${esc}\[1;3")" 0
expect "… not on a pipe" "$("$bin" --extract-only docs 2>&1 > /dev/null | grep -c "$esc")" 0
expect "… --color always on a pipe: the severity word in red" \
	"$("$bin" --extract-only --color always docs 2>&1 > /dev/null | grep -c "${esc}\[1;31merror${esc}\[0m: the URL has a space")" 1
expect "… and --format text on standard output, always: the verdict word in red" \
	"$("$bin" --extract-only -q --color always --format text docs | grep -c "  ${esc}\[1;31mdead${esc}\[0m: missing.md")" 1
"$bin" --extract-only --color sometimes docs 2> col.err
expect "--color with a bad word" "$? $(head -n 1 col.err)" "2 citecheck: --color takes auto, always or never, not 'sometimes'"
expect_valid_reports
finish outputs
