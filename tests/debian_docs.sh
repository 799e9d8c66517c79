#!/bin/sh
# A real docs tree nobody here wrote, from a Debian package: Node.js's API
# documentation (nodejs-doc, MIT), 60 Markdown files written to be read on
# GitHub and linking each other's headings, with the HTML pages built from
# them beside them. Checked offline (--extract-only), citecheck must call
# dead exactly the links that are broken on GitHub. Each was found by
# reading the files:
#   - #DEP0111: the heading is "DEP0111: `process.binding()`", named
#     dep0111-processbinding (the ids DEP0111 live in Node's own HTML);
#     the same link on line 2054 is inside an HTML comment (<!-- YAML),
#     which the page does not show: no link;
#   - #…_1: Node's HTML tool numbers repeats _1, GitHub -1;
#   - esm.md#resolver-algorithm-specification: esm.md's heading is
#     "Resolution Algorithm Specification";
#   - module.html#sourcemapfindentrylinenumber-columnnumber: module.html's
#     id is sourcemapfindentrylineoffset-columnoffset.
# And every dead fragment into Markdown is one the independent reading
# (tests/md_slugs.mjs, remark-gfm and github-slugger) does not give either.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# .ci/setup-tests unpacks the package there (installing it could displace
# another build of Node.js); an installed nodejs-doc serves as well
docs=${CITECHECK_NODEJS_DOC:-/opt/citecheck-tests/nodejs-doc/usr/share/doc/nodejs/api}
[ -f "$docs/fs.md.gz" ] || docs=/usr/share/doc/nodejs/api
if [ ! -f "$docs/fs.md.gz" ]; then
	echo "debian_docs: skipped: nodejs-doc's fs.md.gz not found (.ci/setup-tests unpacks it)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cp "$testdir/md_slugs.mjs" .
ln -s "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}" node_modules
mkdir api
cp "$docs"/*.md.gz "$docs"/*.html api/
gunzip api/*.md.gz

"$bin" --extract-only -q -o nd.json api/*.md
expect "60 files read, none unreadable" \
	"$(jq -r '"\(.documents | length) \([.documents[] | select(.error != null)] | length)"' nd.json)" "60 0"
expect_match "more than 1,500 local links checked" \
	"$(jq -r '[.documents[].references[].links[] | select(.kind == "local")] | length' nd.json)" '^1[5-9][0-9][0-9]$'
expect "dead: exactly the links broken on GitHub" \
	"$(jq -r '.documents[] | .path as $p | .references[].links[] | select(.kind == "local" and .live.verdict != "alive") |
		"\($p):\(.line) \(.url) \(.live.reason)"' nd.json)" \
	"api/deprecations.md:2066 #DEP0111 no-such-anchor
api/deprecations.md:3438 process.md#processexitcode_1 no-such-anchor
api/modules.md:250 esm.md#resolver-algorithm-specification no-such-anchor
api/modules.md:261 esm.md#resolver-algorithm-specification no-such-anchor
api/modules.md:271 esm.md#resolver-algorithm-specification no-such-anchor
api/modules.md:1079 module.html#sourcemapfindentrylinenumber-columnnumber no-such-anchor
api/net.md:1741 #event-error_1 no-such-anchor
api/process.md:3910 #processexitcode_1 no-such-anchor
api/worker_threads.md:1387 #event-message_1 no-such-anchor
api/worker_threads.md:1390 #workerthreadid_1 no-such-anchor"

# the independent reading of every Markdown file a fragment link points
# into: a fragment citecheck calls missing is no heading name of it
# either, and one it finds is a heading name or a raw HTML id
jq -r '.documents[] | .path as $p | .references[].links[] | select(.kind == "local" and (.url | test("^([a-z_0-9-]+\\.md)?#"))) |
	"\(if (.url | startswith("#")) then $p else "api/" + (.url | sub("#.*"; "")) end) \(.url | sub("^[^#]*#"; "")) \(.live.verdict)"' nd.json |
	sort -u > frags.txt
node md_slugs.mjs api/*.md > slugs.txt
# each fragment with whether the oracle names it: "file frag verdict yes|no"
awk 'NR == FNR { named[$1 " " $2] = 1; next } { print $0, (($1 " " $2) in named) ? "yes" : "no" }' \
	slugs.txt frags.txt > judged.txt
disagree=0 checked=$(wc -l < judged.txt | tr -d ' ')
while read -r file frag verdict named; do
	if [ "$named" = yes ] && [ "$verdict" != alive ]; then
		disagree=$((disagree + 1))
		echo "oracle has $file#$frag, citecheck: $verdict" >&2
	elif [ "$named" = no ] && [ "$verdict" = alive ] && ! grep -qE "(id|name)=\"?$frag\"?" "$file"; then
		disagree=$((disagree + 1)) # found, yet neither a heading's name nor an HTML id
		echo "oracle lacks $file#$frag, citecheck: alive" >&2
	fi
done < judged.txt
expect_match "fragments into Markdown read both ways" "$checked" '^[0-9]{3,}$'
expect "… and citecheck agrees with the independent reading on each" "$disagree" 0
# Near-duplicate URLs in the HTML pages built from it (65 pages, about
# 5,000 web links): fs.html cites 27 Linux man pages on man7.org that are
# a letter or two apart by name (stat.2 lstat.2 fstat.2 statfs.2, chown.2
# fchown.2 lchown.2, link.2 unlink.2 symlink.2, mkdir.2 rmdir.2, write.2
# pwrite.2, …), 27 pages and no typo. Across all the pages one pair is
# left, a sentence-like fragment a word apart: the ECMAScript sections
# #sec-number.max_safe_integer and #sec-number.min_safe_integer, cited
# twice each in all.html and n-api.html (the later of the two warns).
"$bin" -q --extract-only -o fs-html.json "$docs/fs.html"
expect "fs.html: its man pages a letter apart are no typos" \
	"$(jq '[.documents[0].references[].links[].problems[] | select(.code == "url-near-duplicate")] | length' fs-html.json)" 0
"$bin" -q --extract-only -o api-html.json "$docs"/*.html
expect "all 65 pages: one pair left, in the two pages that hold it" \
	"$(jq -r '[.documents[] | .path as $p | .references[].links[] | select(any(.problems[]; .code == "url-near-duplicate")) | "\($p | split("/") | last) \(.url)"] | unique | join(", ")' api-html.json)" \
	"all.html https://tc39.github.io/ecma262/#sec-number.max_safe_integer, n-api.html https://tc39.github.io/ecma262/#sec-number.max_safe_integer"
finish debian_docs
