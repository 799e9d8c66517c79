#!/bin/sh
# Local links in docs built into sites (--site): the Markdown file behind a
# page's address (guide.html, guide/, a folder's index), {#id} written
# after a heading, and each generator's own heading names. The names are
# checked against independent implementations from Debian: Python-Markdown
# (python3-markdown, whose toc extension names MkDocs' headings) and
# kramdown's GFM parser (ruby-kramdown-parser-gfm, Jekyll's default). The
# cases' verdicts are written from each generator's documentation.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
py=/usr/bin/python3 # Debian's, with python3-markdown

cat > page.md <<'DOC'
# Page title

## Options {#options}

## Café au lait

## Café au lait

## Ошибки и решения

## Ünïcödé ✓ done

## 1.0 Release notes

## snake_case and  spaces
DOC

# verdicts links.md's fragments get, one site a run: "url ok|dead" lines
verdicts() { # verdicts SITE FILE [OPTIONS…]
	site=$1 file=$2
	shift 2
	"$bin" --extract-only -q --site "$site" "$@" -o v.json "$file"
	jq -r '.documents[0].references[].links[] | "\(.url) \(if .live.verdict == "alive" then "ok" else "dead" end)"' v.json
}
cases() { # cases FILE: links.md from FILE's "url want" lines
	{
		printf '# Links\n\n'
		while read -r url want; do
			printf '[%s](%s)\n\n' "$want" "$url"
		done < "$1"
	} > links.md
}

# MkDocs (Python-Markdown's toc): accents folded to ASCII, other scripts
# dropped (an empty name is _1), repeats _1, {#id} the only name
cat > mkdocs.txt <<'CASES'
page.md#options ok
page.md#options-options dead
page.md#cafe-au-lait ok
page.md#cafe-au-lait_1 ok
page.md#café-au-lait dead
page.md#_1 ok
page.md#unicode-done ok
page.md#10-release-notes ok
page.md#snake_case-and-spaces ok
page.html#options ok
page/#options ok
CASES
cases mkdocs.txt
expect "MkDocs: each fragment and page as the site finds it" "$(verdicts mkdocs links.md)" "$(cat mkdocs.txt)"
"$py" -c 'import markdown, re, sys
html = markdown.markdown(open("page.md").read(), extensions=["toc", "attr_list"])
print("\n".join(re.findall(r"id=\"([^\"]*)\"", html)))' > mk_ids.txt
expect "Python-Markdown named page.md's 8 headings" "$(wc -l < mk_ids.txt | tr -d ' ')" 8
{ printf '# O\n\n'; while read -r id; do printf '[x](page.md#%s)\n\n' "$id"; done < mk_ids.txt; } > oracle.md
expect "every name Python-Markdown gives is found under --site mkdocs" \
	"$(verdicts mkdocs oracle.md | grep -c ' ok$')" 8
# GitHub keeps page-title and 10-release-notes only: options, cafe-au-lait,
# cafe-au-lait_1, _1, unicode-done and snake_case-and-spaces are not its
expect "… and 6 of them are not GitHub's names" \
	"$(verdicts github oracle.md | grep -c ' dead$')" 6

# Jekyll (kramdown's GFM input): GitHub's names, and {#id}
cat > jekyll.txt <<'CASES'
page.md#options ok
page.md#café-au-lait-1 ok
page.md#ошибки-и-решения ok
page.html#options ok
notes.html ok
page#options dead
CASES
printf '# Notes\n' > notes.markdown
cases jekyll.txt
expect "Jekyll: each fragment and page as the site finds it" "$(verdicts jekyll links.md)" "$(cat jekyll.txt)"
ruby -rkramdown -rkramdown-parser-gfm \
	-e 'puts Kramdown::Document.new(File.read("page.md"), input: "GFM").to_html.scan(/ id="([^"]*)"/)' > ky_ids.txt
expect "kramdown named page.md's 8 headings" "$(wc -l < ky_ids.txt | tr -d ' ')" 8
{ printf '# O\n\n'; while read -r id; do printf '[x](page.md#%s)\n\n' "$id"; done < ky_ids.txt; } > oracle.md
expect "every name kramdown gives is found under --site jekyll" "$(verdicts jekyll oracle.md | grep -c ' ok$')" 8

# mdBook (normalize_id): only A–Z lower-cased, combining marks dropped; a
# folder's README.md is its index.html
mkdir -p book
printf '# Book section\n\n## First steps\n' > book/README.md
cat > mdbook.txt <<'CASES'
page.md#options ok
page.md#Ошибки-и-решения ok
page.md#ошибки-и-решения dead
page.md#Ünïcödé--done ok
page.html ok
book/index.html#first-steps ok
book/#first-steps ok
book/#no-such-step dead
page#options dead
CASES
cases mdbook.txt
expect "mdBook: each fragment and page as the site finds it" "$(verdicts mdbook links.md)" "$(cat mdbook.txt)"

# Docusaurus: a page's address has no extension; a category's page is
# named after its folder; Hugo: a section's page is _index.md
mkdir -p cat section
printf '# Category\n\n## Setup steps\n' > cat/cat.md
printf '# Section\n\n## Setup steps\n' > section/_index.md
cat > docusaurus.txt <<'CASES'
page#options ok
page.md#options ok
cat/#setup-steps ok
cat/#no-such-step dead
section/#setup-steps dead
page.html dead
CASES
cases docusaurus.txt
expect "Docusaurus: each fragment and page as the site finds it" "$(verdicts docusaurus links.md)" "$(cat docusaurus.txt)"
cat > hugo.txt <<'CASES'
page/#options ok
section/#setup-steps ok
cat/#setup-steps dead
CASES
cases hugo.txt
expect "Hugo: each fragment and page as the site finds it" "$(verdicts hugo links.md)" "$(cat hugo.txt)"

# GitHub (the default) shows each file as it is: no page addresses, and
# {#id} is text, part of the heading's name
cat > github.txt <<'CASES'
page.md#options dead
page.md#options-options ok
page.html dead
page#options dead
book/#first-steps ok
CASES
cases github.txt
expect "GitHub: {#id} is text; no page addresses" "$(verdicts github links.md)" "$(cat github.txt)"

# the site's base path is taken off root-relative links; a link outside it
# names no file of the site
printf '# Base\n\n[a](/docs/page.md#options) [b](/docs/page.html) [c](/blog/x.md) [d](/docs#first)\n' > base.md
"$bin" --extract-only -q --site mdbook --root . --site-base /docs/ -o base.json base.md
expect "--site-base: /docs/ taken off; /blog/ names no file" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.live.verdict)/\(.live.reason)"] | join(" ")' base.json)" \
	"alive/anchor alive/file skipped/root-relative dead/no-such-anchor"
# … an absolute --root over relative paths judges the bound by the files
"$bin" --extract-only -q --site mdbook --root "$tmp" --site-base /docs -o base2.json base.md
expect "… with --root given as an absolute path" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.live.verdict)/\(.live.reason)"] | join(" ")' base2.json)" \
	"alive/anchor alive/file skipped/root-relative dead/no-such-anchor"

# the config file's site: key, and what is refused
# kramdown's names read with MkDocs' rules: page-title, options and
# 10-release-notes found; the four with accents or Cyrillic and
# snake_case-and--spaces not
printf 'site: mkdocs\n' > .citecheck.yml
"$bin" --extract-only -q -o cfg.json oracle.md
expect "site: in .citecheck.yml" "$(jq -r '[.documents[0].references[].links[] | select(.live.verdict != "alive")] | length' cfg.json)" 5
rm .citecheck.yml
"$bin" --extract-only --site wiki page.md > /dev/null 2> bad.err
expect "an unknown site" "$? $(head -n 1 bad.err)" \
	"2 citecheck: --site takes github, mdbook, mkdocs, docusaurus, hugo or jekyll, not 'wiki'"
"$bin" --extract-only --site-base docs page.md > /dev/null 2> bad.err
expect "a base path that does not start with /" "$? $(head -n 1 bad.err)" \
	"2 citecheck: --site-base takes a path that starts with '/' (/docs/), not 'docs'"
finish sites
