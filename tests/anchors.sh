#!/bin/sh
# Fragments of local Markdown links found as GitHub finds them: headings
# named from their rendered text (raw HTML tags, emphasis, link
# destinations, code markers gone; capitals of every script lower-cased;
# combining marks kept), ids and names of raw HTML anywhere, quoted or not,
# nothing from code blocks, repeats numbered. Each case is written here with
# the verdict github.com gives it, and every heading name is checked against
# an independent reading (tests/md_slugs.mjs: remark-gfm and github-slugger
# from the npm registry).
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cp "$testdir/md_slugs.mjs" .
ln -s "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}" node_modules

cat > guide.md <<'DOC'
# Guide

### <a id="setup-x"></a>Setup guide

## Основы работы

## हिन्दी भाषा

## _Emphasis_ here

## [Code Freeze][cf] (Weeks 12-14)

## The `--fix` option

## Café &amp; bar

## Ünïcödé ✓ done

## Repeat

## Repeat

Setext heading
--------------

- A list item

      ## Not a heading: code in a list item

```
## Not a heading: fenced code
```

<a name=run-it></a>
<div id="boxed">x</div>

[cf]: https://example.org/cf
DOC

# name ok|dead: what github.com does with guide.md#name
cat > cases.txt <<'CASES'
setup-x ok
setup-guide ok
основы-работы ok
Основы-работы ok
हिन्दी-भाषा ok
हनद-भष dead
emphasis-here ok
_emphasis_-here dead
code-freeze-weeks-12-14 ok
the---fix-option ok
café--bar ok
ünïcödé--done ok
repeat ok
repeat-1 ok
repeat-2 dead
setext-heading ok
not-a-heading-code-in-a-list-item dead
not-a-heading-fenced-code dead
run-it ok
boxed ok
CASES
{
	printf '# Index\n\n'
	while read -r name want; do
		printf '[%s](guide.md#%s)\n\n' "$want" "$name"
	done < cases.txt
} > index.md
"$bin" --extract-only -q -o out.json index.md
expect "each fragment as github.com finds it" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url | sub("^guide.md#"; "")) \(if .live.verdict == "alive" then "ok" else "dead" end)"] | join("\n")' out.json)" \
	"$(cat cases.txt)"

# the independent reading: every name it gives guide.md's headings is found
node md_slugs.mjs guide.md > slugs.txt
expect "the oracle read guide.md's 12 headings (none from code)" "$(wc -l < slugs.txt | tr -d ' ')" 12
{
	printf '# Oracle\n\n'
	while read -r name; do
		printf '[x](guide.md#%s)\n\n' "$name"
	done < slugs.txt
} > oracle.md
"$bin" --extract-only -q -o oracle.json oracle.md
expect "every heading name of the independent reading found" \
	"$(jq -r '[.documents[0].references[].links[] | .live.verdict] | group_by(.) | map("\(.[0])=\(length)") | join(" ")' oracle.json)" "alive=12"
# a missing fragment or file says what is nearest, when a slip away (a
# letter or two, a quarter of the name at most) and nothing else is as near:
# setup-giude → setup-guide, repet → repeat, repeat-3 → repeat-1 (one
# letter; repeat is two), guid.md → guide.md; zzz is near nothing
printf '# Near\n\n[a](guide.md#setup-giude) [b](guide.md#repet) [c](guide.md#zzz) [d](guid.md) [e](guide.md#repeat-3)\n' > near.md
"$bin" --extract-only -q -o near.json near.md
expect "the nearest name of a missing fragment or file" \
	"$(jq -r '[.documents[0].references[].links[].live | "\(.reason):\(.nearest)"] | join(" ")' near.json)" \
	"no-such-anchor:#setup-guide no-such-anchor:#repeat no-such-anchor:null no-such-file:guide.md no-such-anchor:#repeat-1"
expect "… said where each broken link is annotated, once" \
	"$("$bin" --extract-only --format github near.md 2> /dev/null | grep -c 'did you mean')" 4
# a destination's character references are decoded, as CommonMark reads
# them; a link written in a heading is a link of the page
printf '# Refs\n\n[a](guide.md#caf&eacute;--bar) [b](guide.md#caf&#xE9;--bar) [c](guide.md#caf&#233;--bar)\n\n## See [the guide](guide.md#repeat-1)\n' > refs.md
"$bin" --extract-only -q -o refs.json refs.md
expect "character references decoded; the heading's link checked" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url)=\(.live.verdict)"] | join(" ")' refs.json)" \
	"guide.md#café--bar=alive guide.md#café--bar=alive guide.md#café--bar=alive guide.md#repeat-1=alive"
# raw HTML renders: a tag's href and src are links, quoted or not; a web
# picture is no citation, a local one must exist; a bare #fragment (a
# footnote's way back) is left alone
printf '# Raw\n\n<a href="guide.md#repeat">g</a> <img src="pic.png"> <a href=https://x.example/y>x</a> <a href="#top">up</a>\n\n<p align="center"><a href="https://z.example/q"><img src="https://z.example/logo.svg"></a></p>\n' > raw.md
"$bin" --extract-only -q -o raw.json raw.md
expect "raw HTML's href and src" \
	"$(jq -c '[.documents[0].references[].links[] | [.url, .line, .column, .live.reason]]' raw.json)" \
	'[["guide.md#repeat",3,10,"anchor"],["pic.png",3,43,"no-such-file"],["https://x.example/y",3,61,"extract-only"],["https://z.example/q",5,28,"extract-only"],["https://z.example/logo.svg",5,59,"extract-only"]]'
# what is no tag by CommonMark's rule is text, its URL a link; a tag's other
# attributes render as nothing
printf '# T\n\n<see https://example.org/x> and <b>bold</b> <div data-u="https://y.example/z">\n' > text.md
"$bin" --extract-only -q -o text.json text.md
expect "a URL in what is no tag is text; one in a data attribute is nothing" \
	"$(jq -c '[.documents[0].references[].links[].url]' text.json)" '["https://example.org/x"]'
# links as GitHub renders the file: nothing from a code block indented in a
# list item or indented on its own; a prose line that only looks like a
# link definition ("From" is no target: its "title" is none) is text, its
# URL a link; a real definition is one
cat > code.md <<'DOC'
# Code

- a list item

      <http://code-in-list.example/x>

Indented:

    http://indented.example/z

[TODO: name?]: From a user's note http://prose.example/p

[ok]: http://def.example/d
DOC
"$bin" --extract-only -q -o code.json code.md
expect "links outside code, definitions CommonMark takes for one" \
	"$(jq -c '[.documents[0].references[].links[] | [.url, .line, .column, .syntax]]' code.json)" \
	'[["http://prose.example/p",11,35,"bare"],["http://def.example/d",13,7,"reference-definition"]]'
# links as CommonMark reads them, where the line scanner alone cannot see
# them: link text or a title wrapped onto the next line, a target in <…>
# after wrapped text, the nested-link rule (in "[outer [inner](a.md)](b.md)"
# only a.md is a link), a local picture inside a link; each where its
# target is written
cp "$testdir/md_links.mjs" .
cat > wrap.md <<'DOC'
# Wrapped

See [the long
link text](other.md) and [outer [inner](a.md)](b.md).

[ref text
wrapped][r] and [![img](pic.png)](c.md)

[r]: d.md

A line with [text](e.md "title
over two lines").

[multi
line](<f.md>)
DOC
"$bin" --extract-only -q -o wrap.json wrap.md
expect "links wrapped over lines, nested, in pictures: each where its target is" \
	"$(jq -c '[.documents[0].references[].links[] | [.url, .line, .column]] | sort_by(.[1], .[2])' wrap.json)" \
	'[["other.md",4,12],["a.md",4,41],["pic.png",7,25],["c.md",7,35],["d.md",9,6],["e.md",11,20],["f.md",15,8]]'
expect "… the same targets as the independent reading" \
	"$(jq -r '[.documents[0].references[].links[].url] | sort | join(" ")' wrap.json)" \
	"$(node md_links.mjs wrap.md | sort | tr '\n' ' ' | sed 's/ $//')"
# a file whose lines end in a lone CR (an old Mac's): lines as CommonMark
# counts them, the indented code block holding no link
printf '# T\r\r## Setup\r\rSee [a](guide.md#repeat) and [b](#setup).\r\r    [code](nope.md)\r' > cr.md
"$bin" --extract-only -q -o cr.json cr.md
expect "lines ending in CR alone" \
	"$(jq -c '[.documents[0].lines, [.documents[0].references[].links[] | [.url, .line, .column, .live.reason]]]' cr.json)" \
	'[7,[["guide.md#repeat",5,9,"anchor"],["#setup",5,34,"anchor"]]]'
finish anchors
