#!/bin/sh
# agreement.sh — one rule in every format, each tested on a minimal input
# whose expected URLs are written from the format's own specification:
#   - code and math are no citation: the HTML standard's <pre>, <code>,
#     <samp>, <kbd> (their text; a link element inside stays a link, as the
#     page shows it), raw HTML in Markdown alike, and math as GitHub renders
#     it ($…$, $$…$$, ```math); a <code> holding only a URL is read as the
#     code span it renders as (a link in a note, none in running text);
#   - bare URLs end where GFM's autolinks end them (the GFM spec's
#     "extended autolink path validation": trailing ?, !, ., ,, :, *, _, ~
#     and an unbalanced ')' are not the URL's), remark-gfm agreeing, with
#     two rules of citecheck's own, the same in every format: a ']' that
#     closes no '[' of the URL's ends it ("[[https://a/x]]"), and outside
#     Markdown a trailing '_' is the URL's (nothing renders it away there);
#   - the URL-bearing attributes of the HTML standard's index (href, src,
#     srcset, cite, action, formaction, poster, object's data) on any
#     element, in HTML files and Markdown's raw HTML alike; inline data and
#     javascript: locate nothing;
#   - page chrome (<nav>, <footer>, <head>) listed as where=chrome and
#     skipped/page-chrome, read as text with --check-chrome;
#   - each HTML link at its own line and column.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# urls FILE [OPTIONS]: the URLs extracted, in order, one line
urls() {
	f=$1
	shift
	"$bin" -q --extract-only "$@" -o out.json "$f" 2> /dev/null
	jq -r '[.documents[0].references[].links[].url] | join(" ")' out.json
}

# --- code and math
printf '<html><body>\n<pre>https://a.example/pre</pre>\n<p><code>https://a.example/code</code> and <samp>https://a.example/samp</samp>, <kbd>https://a.example/kbd</kbd></p>\n<pre>see <a href="https://a.example/in-pre">this</a></pre>\n<p>Text https://a.example/text.</p>\n</body></html>\n' > code.html
expect "HTML: code elements' text is no citation; a link inside one is" "$(urls code.html)" \
	"https://a.example/in-pre https://a.example/text"
printf '# Code\n\n<pre>\nhttps://a.example/pre\n<a href="https://a.example/in-pre">x</a>\n</pre>\n\nText <code>https://a.example/code</code> and https://a.example/after\n\n```math\n[a](https://a.example/math-block)\n```\n' > code.md
expect "Markdown: raw HTML code and a math block alike" "$(urls code.md)" \
	"https://a.example/in-pre https://a.example/after"
printf '# Math\n\n$$\n[a](\\b{c})\n$$\n' > math.md
"$bin" -q --extract-only -o math.json math.md
expect "Markdown: \$\$…\$\$ is math, its [a](\\\\b{c}) no dead local link" \
	"$? $(jq -c '[.documents[0].references[].links[].url]' math.json)" "0 []"
printf 'Inline $[x](\\y{z})$ math. It cost $5 and [src](https://a.example/price) $10.\nOData https://a.example/odata?$filter=a&$top=5 ok\n' > dollars.md
expect "Markdown: inline \$…\$ math; prices and a URL's \$ are no math" "$(urls dollars.md)" \
	"https://a.example/price https://a.example/odata?\$filter=a&\$top=5"
printf '<html><body>\n<p>Run <code>https://a.example/body-code</code> here.</p>\n<ol><li id="fn1">Survey, <code>https://a.example/note-code</code> (retrieved 30 January 2024).</li></ol>\n</body></html>\n' > note-code.html
printf '# Survey\n\nRun <code>https://a.example/body-code</code> here.[^1]\n\n[^1]: Survey, <code>https://a.example/note-code</code> (retrieved 30 January 2024).\n' > note-code.md
expect "HTML: <code>URL</code> a link in a note, none in running text" "$(urls note-code.html)" \
	"https://a.example/note-code"
expect "Markdown: the same" "$(urls note-code.md)" "https://a.example/note-code"

# an HTML comment is not shown: its URLs are none, in HTML (a comment is
# no text) and Markdown alike; a citecheck-ignore comment still works
printf '# C\n\n<!-- old source: https://a.example/hidden -->\n\nText <!-- https://a.example/inline --> https://a.example/shown\n\n<!--\nmulti https://a.example/multi\n-->\n\nhttps://a.example/left <!-- citecheck-ignore -->\n' > comments.md
printf '<html><body><!-- old source: https://a.example/hidden -->\n<p>Text <!-- https://a.example/inline --> https://a.example/shown</p></body></html>\n' > comments.html
expect "Markdown: URLs in HTML comments are none" "$(urls comments.md)" "https://a.example/shown"
expect "… the citecheck-ignore comment kept its line's link out" "$(jq -c .summary.links_ignored out.json)" 1
expect "HTML: the same" "$(urls comments.html)" "https://a.example/shown"

# --- bare URLs: each row "input|in text|in Markdown"
while IFS='|' read -r input text md; do
	printf '%s\n' "$input" > edge.txt
	printf '%s\n' "$input" > edge.md
	expect "text: $input" "$(urls edge.txt)" "$text"
	expect "Markdown: $input" "$(urls edge.md)" "$md"
done <<'ROWS'
see https://a.example/x.|https://a.example/x|https://a.example/x
https://a.example/a_b_|https://a.example/a_b_|https://a.example/a_b
(https://a.example/w(a)b)|https://a.example/w(a)b|https://a.example/w(a)b
https://a.example/q?x=1,|https://a.example/q?x=1|https://a.example/q?x=1
_https://a.example/em_|https://a.example/em|https://a.example/em
https://a.example/p' and|https://a.example/p|https://a.example/p
https://a.example/s* and https://a.example/t~|https://a.example/s https://a.example/t|https://a.example/s https://a.example/t
[[https://a.example/x]][[https://b.example/y]]|https://a.example/x https://b.example/y|https://a.example/x https://b.example/y
[see https://a.example/in]|https://a.example/in|https://a.example/in
https://a.example/x]y|https://a.example/x|https://a.example/x
https://a.example/wiki/Foo_(bar)|https://a.example/wiki/Foo_(bar)|https://a.example/wiki/Foo_(bar)
ROWS
# remark-gfm, an independent GFM reading, on the rows where citecheck
# claims GFM's rule (the ']' rows are citecheck's own: cmark-gfm links no
# URL after '[', micromark runs "x]][[https://b…" into one)
cp "$testdir/md_links.mjs" .
ln -s "${CITECHECK_NODE_MODULES:-/opt/citecheck-tests/node/node_modules}" node_modules
for input in 'see https://a.example/x.' 'https://a.example/a_b_' '(https://a.example/w(a)b)' \
	'https://a.example/q?x=1,' '_https://a.example/em_' 'https://a.example/s* and https://a.example/t~' \
	'https://a.example/wiki/Foo_(bar)'; do
	printf '%s\n' "$input" > gfm.md
	expect "remark-gfm agrees: $input" "$(urls gfm.md)" "$(node md_links.mjs gfm.md | tr '\n' ' ' | sed 's/ $//')"
done

# --- URL attributes on any element, HTML and Markdown's raw HTML alike
attrs='<p><img src="https://a.example/img.png" srcset="https://a.example/a,1.png 1x, https://a.example/b.png 2x" alt=""></p>
<blockquote cite="https://a.example/cite"><p>q</p></blockquote>
<form action="https://a.example/form"><button formaction="https://a.example/button">b</button></form>
<video poster="https://a.example/poster.jpg" src="https://a.example/v.mp4"></video>
<object data="https://a.example/obj.pdf"></object>
<x-card href="https://a.example/custom-href" src="https://a.example/custom-src"></x-card>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""> <a href="javascript:void(0)">js</a> <iframe src="https://a.example/frame"></iframe></p>'
want="https://a.example/img.png https://a.example/a,1.png https://a.example/b.png https://a.example/cite https://a.example/form https://a.example/button https://a.example/poster.jpg https://a.example/v.mp4 https://a.example/obj.pdf https://a.example/custom-href https://a.example/custom-src https://a.example/frame"
printf '<html><body>\n%s\n</body></html>\n' "$attrs" > attrs.html
printf '# Attributes\n\n%s\n' "$attrs" > attrs.md
expect "HTML: every URL attribute, on any element" "$(urls attrs.html)" "$want"
expect "Markdown's raw HTML: the same" "$(urls attrs.md)" "$want"
printf '# P\n\n![chart](https://a.example/chart.png) and ![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n' > picture.md
expect "a picture on the web is a link as <img src> is; inline data none" "$(urls picture.md)" "https://a.example/chart.png"

# --- the same schemes in every format
printf '<html><body><p><a href="mailto:x@a.example">mail</a> ftp://a.example/f</p></body></html>\n' > schemes.html
printf '# S\n\n[mail](mailto:x@a.example) ftp://a.example/f\n' > schemes.md
expect "HTML: mailto: and ftp:" "$(urls schemes.html)" "mailto:x@a.example ftp://a.example/f"
expect "Markdown: the same" "$(urls schemes.md)" "mailto:x@a.example ftp://a.example/f"

# --- page chrome: listed, skipped unless cited in the text too
cat > chrome.html <<'HTML'
<html><head><title>T</title><link rel="stylesheet" href="https://a.example/style.css"></head><body>
<nav><a href="https://a.example/nav">Home</a></nav>
<p>Text <a href="https://a.example/body">b</a>.</p>
<footer><a href="https://a.example/body">again</a> <a href="https://a.example/foot">f</a></footer>
</body></html>
HTML
"$bin" -q --no-archive -o chrome.json chrome.html
expect "chrome: listed where it is, skipped unless the text cites it too" \
	"$(jq -r '[.documents[0].references[] | "\(.where) \(.links[0].url) \(.links[0].live.reason)"] | join(", ")' chrome.json)" \
	"chrome https://a.example/style.css page-chrome, chrome https://a.example/nav page-chrome, body https://a.example/body example-host, chrome https://a.example/body example-host, chrome https://a.example/foot page-chrome"
"$bin" -q --no-archive --check-chrome -o chrome2.json chrome.html
expect "--check-chrome: read as the page's text" \
	"$(jq -r '[.documents[0].references[] | "\(.where) \(.links[0].live.reason)"] | unique | join(", ")' chrome2.json)" \
	"body example-host"

# --- each HTML link at its own place: line and column (characters)
cat > lines.html <<'HTML'
<html>
<body>
<p>Sources, one a line:
https://a.example/one
  https://a.example/two and https://a.example/three
<a href="https://a.example/four">four</a> then &amp; https://a.example/five</p>
</body>
</html>
HTML
expect "HTML: each URL at its own line and column" \
	"$(urls lines.html >/dev/null; jq -r '[.documents[0].references[].links[] | "\(.line):\(.column)"] | join(" ")' out.json)" \
	"4:1 5:3 5:29 6:1 6:54"
finish agreement
