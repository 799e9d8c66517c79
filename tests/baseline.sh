#!/bin/sh
# --baseline against the simulated web: two reports made from edited copies
# of two documents; every link verdict and finding marked new or unchanged,
# what went away listed as fixed, --fail-on new-dead gating only new rot,
# and baselines that cannot be compared refused or said. Runs only inside a
# private network namespace.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
require_netns baseline
tmp=$(mktemp -d)
server=
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
make_cert DNS:example.org
printf '{"example.org/newly-gone": {"status": 404, "body": "Not Found"}}\n' > pages.json
start_simweb --pages pages.json
net="--connect-to example.org:80:127.0.0.1:$P --no-probe --no-archive --retries 0"
mkdir docs
cat > docs/a.md <<'DOC'
# A

<http://example.org/ok-1>
<http://example.org/missing>
<http://example.org/ok a>
DOC
printf '# B\n\n<http://example.org/gone>\n' > docs/b.md
# shellcheck disable=SC2086
"$bin" -q $net -o old.json docs
expect "the old report: two dead links (old rot)" "$? $(jq -r .summary.live.dead old.json)" "1 2"

# the edit: the space fixed, a new page that is gone, b.md's dead link
# removed and a save link added
cat > docs/a.md <<'DOC'
# A

<http://example.org/ok-1>
<http://example.org/missing>
<http://example.org/ok-space-fixed>
<http://example.org/newly-gone>
DOC
printf '# B\n\n<https://web.archive.org/save/http://example.org/ok-1>\n' > docs/b.md
# shellcheck disable=SC2086
"$bin" -q $net --baseline old.json -o new.json docs
expect "the new report: exit 1 (dead links)" "$?" 1
# links are compared by failing: missing failed then and now, newly-gone
# fails now only; a link not failing has no mark
expect "links marked: missing unchanged, newly-gone new, the links not failing unmarked" \
	"$(jq -r '[.documents[].references[].links[] | "\(.url | ltrimstr("http://example.org/"))=\(.live.verdict)/\(.baseline)"] | join(" ")' new.json)" \
	"ok-1=alive/null missing=dead/unchanged ok-space-fixed=alive/null newly-gone=dead/new https://web.archive.org/save/http://example.org/ok-1=skipped/null"
expect "findings marked: the save link's finding is new" \
	"$(jq -r '[.documents[].references[].links[].problems[] | "\(.code)/\(.baseline)"] | join(" ")' new.json)" \
	"archive-save-request/new"
expect "fixed: b.md's dead link, and the space in a.md's URL" \
	"$(jq -c '[(.baseline.fixed_links[] | [.path, .url, .was]), (.baseline.fixed_findings[] | [.path, .code, .about])]' new.json)" \
	'[["docs/b.md","http://example.org/gone","dead"],["docs/a.md","url-space","http://example.org/ok a"]]'
expect "summary: links new/unchanged/fixed, new dead, findings new/unchanged/fixed" \
	"$(jq -c '.summary.baseline | [.documents_matched, .links.new, .links.unchanged, .links.fixed, .links.new_by_verdict.dead, .findings.new, .findings.unchanged, .findings.fixed]' new.json)" \
	"[2,1,1,1,1,1,0,1]"
# the reports lead with what is new: newly-gone and the save link's finding
# are new, gone and the space fixed, missing failing before and now; a
# failing link says its column (an autolink's target starts at 2; lines
# cut at 60 bytes, "—" is three)
# shellcheck disable=SC2086
"$bin" -q $net --baseline old.json --format text docs > new.txt
expect "text: new, fixed, not new" "$(grep -e '^===' -e '^  dead' -e '(was' -e 'url-space' -e '\[archive-save-request\]' new.txt | cut -c1-60)" \
	"=== new since old.json
  dead: http://example.org/newly-gone (http-404) — column 
    error: this is a Wayback Machine save request, not a sna
=== fixed since old.json
  docs/b.md: http://example.org/gone (was dead)
  docs/a.md: url-space: http://example.org/ok a
=== not new since old.json
  dead: http://example.org/missing (http-404) — column 2"
# shellcheck disable=SC2086
"$bin" -q $net --baseline old.json --format markdown docs > new.md
expect "markdown: the same three sections" \
	"$(grep -e '^## ' -e '^- ' new.md | cut -c1-50)" \
	"## citecheck
## New since old.json
- line 6: dead link: http://example.org/newly-gone
- line 3: this is a Wayback Machine save request, 
## Fixed since old.json
- docs/b.md: http://example.org/gone (was dead)
- docs/a.md: url-space: http://example.org/ok a
## Not new since old.json
- line 4: dead link: http://example.org/missing (h"
# shellcheck disable=SC2086
expect "github: only what is new is annotated" \
	"$("$bin" -q $net --baseline old.json --format github docs | cut -d: -f3)" \
	"error file=docs/a.md,line=6,col=2,title=link-dead
error file=docs/b.md,line=3,col=2,title=archive-save-request"
# shellcheck disable=SC2086
expect "github, --annotate all: the old rot too" \
	"$("$bin" -q $net --baseline old.json --format github --annotate all docs | cut -d: -f3)" \
	"error file=docs/a.md,line=4,col=2,title=link-dead
error file=docs/a.md,line=6,col=2,title=link-dead
error file=docs/b.md,line=3,col=2,title=archive-save-request"
# shellcheck disable=SC2086
"$bin" -q $net --baseline old.json -o sarif:new.sarif docs
expect "sarif: baselineState on each result" \
	"$(jq -r '[.runs[0].results[] | "\(.locations[0].physicalLocation.region.startLine)/\(.ruleId)/\(.baselineState)"] | join(" ")' new.sarif)" \
	"4/link-dead/unchanged 6/link-dead/new 3/archive-save-request/new"
"$bin" --annotate some docs > /dev/null 2> ann.err
expect "--annotate with a bad word" "$? $(head -n 1 ann.err)" "2 citecheck: --annotate takes new or all, not 'some'"
# shellcheck disable=SC2086
"$bin" -q $net --baseline old.json --fail-on new-dead docs > /dev/null
expect "--fail-on new-dead: the newly gone page fails the run" "$?" 1
sed -i '/newly-gone/d' docs/a.md
# shellcheck disable=SC2086
"$bin" $net --baseline old.json --fail-on new-dead docs > /dev/null 2> err.txt
expect "… and without it the old rot alone does not" "$?" 0
expect "… said on standard error" "$(grep '^citecheck: against' err.txt)" \
	"citecheck: against old.json: 0 new failing links (0 dead), 1 new finding (1 error); fixed: 1 link, 1 finding"
# an old report that called missing by another failing name (dying, as
# reports of schema 8 did with a cache, or unverified) still holds it failing
jq '(.documents[].references[].links[] | select(.url | endswith("/missing")) | .live.verdict) = "dying"' old.json > dying.json
jq '(.documents[].references[].links[] | select(.url | endswith("/missing")) | .live.verdict) = "error"' old.json > error.json
for old in dying error; do
	# shellcheck disable=SC2086
	"$bin" -q $net --baseline $old.json --fail-on new-dead -o $old-now.json docs
	expect "missing was $old, is dead: unchanged, the gate passes" \
		"$? $(jq -r '.documents[0].references[1].links[0] | "\(.live.verdict)/\(.baseline)"' $old-now.json)" "0 dead/unchanged"
done
"$bin" -q --extract-only --fail-on new-dead docs > /dev/null 2> nobase.err
expect "--fail-on new-… without --baseline" "$? $(cat nobase.err | head -n 1)" \
	"2 citecheck: --fail-on new-… needs --baseline FILE"

# baselines that cannot be compared
jq '.citecheck.schema = 4' old.json > v4.json
"$bin" -q --extract-only --baseline v4.json docs > /dev/null 2> v4.err
expect "a baseline of schema 4" "$? $(cat v4.err)" \
	"2 citecheck: --baseline v4.json: a report of schema 4; this citecheck compares with schema 5 to 14 reports (run the old citecheck's documents again to make one)"
printf '[1, 2]\n' > notreport.json
"$bin" -q --extract-only --baseline notreport.json docs > /dev/null 2> nr.err
expect "JSON that is no report" "$? $(cat nr.err)" \
	"2 citecheck: --baseline notreport.json: not a citecheck report (no \"citecheck\" member)"
printf '{"citecheck": ' > cut.json
"$bin" -q --extract-only --baseline cut.json docs > /dev/null 2> cut.err
expect_match "a cut report" "$? $(cat cut.err)" "^2 citecheck: --baseline cut.json: .*\(line 1\)$"
# a baseline is read whole, its tree about fifteen times its size (167 MB
# took 36.5 s and 2.6 GB): past 64 MiB or 500,000 links and findings it is
# refused; what it lists as fixed is capped as findings are, the counts whole
python3 - <<'PY'
import json
with open("huge.json", "w") as f:
    f.write('{"citecheck": {"schema": 8}, "documents": [' + " " * (65 << 20) + "]}")
links = [{"url": "http://example.org/n%d" % i, "live": {"verdict": "dead"}} for i in range(500001)]
json.dump({"citecheck": {"schema": 8}, "documents": [{"path": "docs/a.md", "references": [{"links": links}]}]},
          open("many.json", "w"))
json.dump({"citecheck": {"schema": 8}, "documents": [{"path": "docs/a.md", "references": [{"links": links[:1500]}]}]},
          open("fixed.json", "w"))
PY
"$bin" -q --extract-only --baseline huge.json docs > /dev/null 2> huge.err
expect "a baseline over 64 MiB: refused" "$? $(cat huge.err)" \
	"2 citecheck: --baseline huge.json: larger than 64 MiB: no report citecheck compares with is"
"$bin" -q --extract-only --baseline many.json docs > /dev/null 2> many.err
expect "a baseline of 500,001 links: refused" "$? $(cat many.err)" \
	"2 citecheck: --baseline many.json: more than 500000 links and findings: no report citecheck compares with holds that many"
"$bin" -q --extract-only --baseline fixed.json docs > fixed-now.json 2> /dev/null
expect "1,500 dead links gone: all counted, the first 1,000 listed" \
	"$(jq -r '"\(.summary.baseline.links.fixed) \(.baseline.fixed_links | length) \(.baseline.fixed_links[999].url)"' fixed-now.json)" \
	"1500 1000 http://example.org/n999"
mkdir other
printf '# O\n\n<http://example.org/ok-1>\n' > other/o.md
"$bin" -q --extract-only --baseline old.json other > other.json 2> other.err
expect "a baseline of other documents: said; nothing fails (--extract-only), so nothing is new" \
	"$? $(cat other.err) $(jq -r '[.summary.baseline.documents_matched, .summary.baseline.links.new] | map(tostring) | join(" ")' other.json)" \
	"0 citecheck: the baseline old.json has none of the documents checked here: all they hold is new 0 0"
expect_valid_reports
finish baseline
