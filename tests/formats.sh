#!/bin/sh
# formats.sh — the seed report as DOCX, ODT, EPUB, HTML and LibreOffice HTML
# (fixtures/formats, made by make-formats.sh with pandoc and LibreOffice)
# must yield the same notes, sources, URLs and dates as the seed itself; the
# hand-made fixtures cover what those do not: endnotes, field codes,
# relative links, BibTeX and CSL-JSON.
#
# Differences the formats force, and only these, are allowed:
#  1. pandoc writes a space inside a link target as %20 (HTML, EPUB, and the
#     DOCX relationship targets); LibreOffice's HTML export also writes
#     percent escapes in upper case and a stray "%" as %25. URLs are compared
#     with those spellings undone.
#  2. pandoc's EPUB numbers the notes anew in each chapter: notes are compared
#     in order of appearance, and each chapter's own numbers are checked.
#  3. The colophon's licence link sits in the seed's REFERENCES section; a
#     document whose notes are real notes has no such section, so there it
#     is a body link. Only the notes' sources are compared one to one.
#  4. "[here](#)" has an empty target in the text; pandoc makes it a link to
#     a place in the document, which no format reports.
. "$(dirname "$0")/lib.sh"
bin=$1
fx=$2/formats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# note ordinal (by first appearance of part+label) | label | entry | published | accessed | urls
rows() {
	"$bin" --extract-only -q "$1" > "$tmp/r.json"
	jq -r '
	  def url: gsub("%20"; " ") | gsub("%25"; "%") | gsub("%(?<h>[0-9a-fA-F]{2})"; "%" + (.h | ascii_downcase));
	  [.documents[0].references[] | select(.footnote)] as $notes
	  | ($notes | map((.part // "") + "#" + .footnote) | reduce .[] as $k ({}; if has($k) then . else .[$k] = length + 1 end)) as $ord
	  | $notes[] | [($ord[(.part // "") + "#" + .footnote] | tostring), .footnote, (.entry | tostring),
	    (.published // "-"), (.accessed // "-"), ([.links[].url | url] | join(" "))] | join("|")' "$tmp/r.json"
}

rows "$2/000_639fc2e66c0e2ab4.txt" > "$tmp/seed.rows"
# 163 references (cli.sh), less the colophon's two, which sit outside any note
expect "the seed's notes hold 161 sources" "$(wc -l < "$tmp/seed.rows" | tr -d ' ')" 161

for f in seed.md seed.docx seed.odt seed.html seed-lo.html seed.epub; do
	rows "$fx/$f" > "$tmp/$f.rows"
	if [ "$f" = seed.epub ]; then
		# numbers restart per chapter: compare everything but the label
		cut -d'|' -f1,3- "$tmp/seed.rows" > "$tmp/want"
		cut -d'|' -f1,3- "$tmp/$f.rows" > "$tmp/got"
	else
		cut -d'|' -f2- "$tmp/seed.rows" > "$tmp/want"
		cut -d'|' -f2- "$tmp/$f.rows" > "$tmp/got"
	fi
	expect "$f: the same notes, sources, URLs and dates as the seed" \
		"$(diff "$tmp/want" "$tmp/got" | head -6)" ""
	# the typed marker of the note the seed never defines
	if [ "$f" != seed.md ]; then
		expect_match "$f: note 66 cited but never defined" \
			"$("$bin" --extract-only -q "$fx/$f" | jq -r '.documents[0].problems[] | select(.code == "footnote-undefined") | .message')" \
			'^footnote 66( in EPUB/text/ch011.xhtml)? is cited but never defined$'
	fi
	expect "$f: the colophon's licence link is found" \
		"$("$bin" --extract-only -q "$fx/$f" | jq -r '[.documents[0].references[].links[].url | select(. == "https://creativecommons.org/licenses/by/4.0/")] | length')" 1
done

# Literal expectations, read from the seed: note 12 is Thayer (2008, Dec. 3),
# retrieved Feb. 19, 2024, from https://muse.jhu.edu/article/265199.
"$bin" --extract-only -q "$fx/seed.docx" > "$tmp/docx.json"
expect "docx: format and unit" "$(jq -c '[.documents[0].format, .documents[0].location]' "$tmp/docx.json")" '["docx","paragraph"]'
# the seed's note 8 holds the URL with "%3%": in Word, the note's second paragraph
expect "docx: findings named where Word shows them, not seed.docx:2:" \
	"$("$bin" --extract-only "$fx/seed.docx" 2>&1 > /dev/null | grep -o 'seed.docx: footnote 8, paragraph 2: error: invalid percent-encoding')" \
	"seed.docx: footnote 8, paragraph 2: error: invalid percent-encoding"
expect "docx: note 12, paragraph 1 of word/footnotes.xml" \
	"$(jq -c '.documents[0].references[] | select(.footnote == "12") | [.note, .part, .line, .column, .published, .accessed, .links[0].url]' "$tmp/docx.json")" \
	'["footnote","word/footnotes.xml",1,null,"2008-12-03","2024-02-19","https://muse.jhu.edu/article/265199"]'
expect "docx: 66 notes cited, 65 defined (65 w:footnote of type normal)" \
	"$(jq -c .summary.footnotes "$tmp/docx.json")" '{"cited":66,"defined":65}'
# note 1 has three sources: the directive (no link), Bộ Công An, Tạp Chí Mặt Trận
expect "docx: note 1's three sources" \
	"$(jq -c '[.documents[0].references[] | select(.footnote == "1") | [.entry, (.links | length)]]' "$tmp/docx.json")" '[[1,0],[2,1],[3,1]]'

"$bin" --extract-only -q "$fx/seed.html" > "$tmp/html.json"
expect "html: note 12 on the line of <li id=\"fn12\">" \
	"$(jq -r '.documents[0].references[] | select(.footnote == "12") | .line' "$tmp/html.json")" \
	"$(grep -n 'id="fn12"' "$fx/seed.html" | cut -d: -f1)"
expect "html: format and unit" "$(jq -c '[.documents[0].format, .documents[0].location]' "$tmp/html.json")" '["html","line"]'

"$bin" --extract-only -q "$fx/seed.odt" > "$tmp/odt.json"
expect "odt: format, unit, part" "$(jq -c '[.documents[0].format, .documents[0].location, .documents[0].references[0].part]' "$tmp/odt.json")" '["odt","paragraph","content.xml"]'

# EPUB: each chapter's notes numbered from 1, as many as its epub:type="footnote"
"$bin" --extract-only -q "$fx/seed.epub" > "$tmp/epub.json"
for c in 003:14 005:1 006:8 007:10 008:4 009:3 010:12 011:13; do
	ch=${c%%:*} n=${c#*:}
	expect "epub: chapter $ch numbers its notes 1 to $n" \
		"$(jq -c --arg p "EPUB/text/ch$ch.xhtml" '[.documents[0].references[] | select(.part == $p and .footnote and .footnote != "66") | .footnote | tonumber] | unique' "$tmp/epub.json")" \
		"$(seq -s, 1 "$n" | sed 's/^/[/; s/$/]/')"
done

# --- Hand-made: endnotes, footnotes starting at 3, field codes --------------
"$bin" --extract-only -q "$fx/endnotes.docx" > "$tmp/end.json"
expect "endnotes.docx: every source, as written in make-handmade.py" \
	"$(jq -c '[.documents[0].references[] | [.where, .footnote, .note, .part, .line, .published, .accessed, [.links[].url]]]' "$tmp/end.json")" \
	'[["body",null,null,"word/document.xml",3,null,null,["https://field.example.org/page?a=1&b=2"]],["body",null,null,"word/document.xml",6,null,null,["https://rel.example.org/x"]],["body",null,null,"word/document.xml",7,null,null,["https://choice.example.org/"]],["references",null,null,"word/document.xml",10,"2018","2020-01-05",["https://bib.example.org/book"]],["references","3","footnote","word/footnotes.xml",1,"2021-03-04","2023-05-06",["https://plain.example.org/note"]],["references","3","footnote","word/footnotes.xml",2,"2020",null,["https://second.example.org/"]],["references","i","endnote","word/endnotes.xml",1,"2019-01-02","2024-02-03",["https://end.example.org/one"]],["references","ii","endnote","word/endnotes.xml",1,"2020",null,["https://end.example.org/two"]]]'
expect "endnotes.docx: the typed marker 7 is a note never defined; no gap before 3" \
	"$(jq -c '[.documents[0].problems[] | .message]' "$tmp/end.json")" \
	'["footnote 7 is cited but never defined","footnotes 4 to 6 are missing: numbering jumps from 3 to 7"]'
expect "endnotes.docx: the bookmark field, the fallback and the deletion give no link" \
	"$(jq -r '[.documents[0].references[].links[].url | select(test("fallback|deleted|_Toc"))] | length' "$tmp/end.json")" 0

"$bin" --extract-only -q "$fx/endnotes.odt" > "$tmp/endodt.json"
expect "endnotes.odt (LibreOffice): endnotes i and ii, footnote 1" \
	"$(jq -c '[.documents[0].references[] | select(.footnote) | [.footnote, .note, .line, .links[0].url]]' "$tmp/endodt.json")" \
	'[["1","footnote",1,"https://plain.example.org/note"],["1","footnote",2,"https://second.example.org/"],["i","endnote",1,"https://end.example.org/one"],["ii","endnote",1,"https://end.example.org/two"]]'

# --- Relative links -----------------------------------------------------
"$bin" --extract-only -q "$fx/relative.html" > "$tmp/rel.json"
expect "relative.html: resolved against <base>; #usage is no web link, mailto: listed (skipped)" \
	"$(jq -c '[.documents[0].references[].links[].url]' "$tmp/rel.json")" \
	'["https://docs.example.org/api/index.html","https://docs.example.org/root.html","https://abs.example.com/","mailto:team@example.org","https://docs.example.org/guide/notes/bases.html"]'
expect "relative.html: Word's [1] note, cited and defined" \
	"$(jq -c '[.summary.footnotes, [.documents[0].references[] | select(.footnote) | [.footnote, .line, .published, .accessed]]]' "$tmp/rel.json")" \
	'[{"cited":1,"defined":1},[["1",17,"2022-06-01","2023-07-02"]]]'
"$bin" --extract-only -q "$fx/nobase.html" > "$tmp/nobase.json"
expect "nobase.html: relative links said, not guessed" \
	"$(jq -c '[[.documents[0].references[].links[].url], [.documents[0].problems[] | [.code, .severity, .line]]]' "$tmp/nobase.json")" \
	'[["https://abs.example.com/x"],[["link-relative","info",4]]]'
"$bin" --extract-only -q --base-url https://site.example.net/book/ "$fx/nobase.html" > "$tmp/based.json"
expect "nobase.html --base-url: resolved" \
	"$(jq -c '[[.documents[0].references[].links[].url], (.documents[0].problems | length)]' "$tmp/based.json")" \
	'[["https://site.example.net/book/chapter2.html","https://site.example.net/img/plan.pdf","https://abs.example.com/x"],0]'
"$bin" --extract-only -q --base-url ftp://x/ "$fx/nobase.html" > /dev/null 2> "$tmp/err"
expect "--base-url must be http(s): exit 2" "$?" 2
expect "--base-url: the message" "$(head -1 "$tmp/err")" "citecheck: --base-url takes an absolute http or https address, not 'ftp://x/'"

# --- BibTeX and CSL-JSON: the same four entries, dates as recorded -------
want_records='[["hrw2022","Human Rights Watch","2022-02-17","2024-02-05",["https://www.hrw.org/report/2022/02/17/locked-inside-our-home"]],["london2023","London, Jonathan","2023-03",null,["https://doi.org/10.4324/9781315762302-3"]],["KEY3","Thayer, Carlyle A.","DATE3","2024-02-19",["https://muse.jhu.edu/article/265199"]],["nourl","NOBODY","1999",null,[]]]'
"$bin" --extract-only -q "$fx/refs.bib" > "$tmp/bib.json"
expect "refs.bib: keys, authors, dates, URLs and DOIs" \
	"$(jq -c '[.documents[0].references[] | [.key, .authors, .published, .accessed, [.links[].url]]]' "$tmp/bib.json")" \
	"$(printf '%s' "$want_records" | sed 's/KEY3/thayer2008/; s/DATE3/2008-12/; s/NOBODY/Nobody, N./')"
expect "refs.bib: lines of the entries; DOI links are doi kind" \
	"$(jq -c '[[.documents[0].references[].line], [.documents[0].references[].links[] | select(.kind == "doi") | .line], .documents[0].format]' "$tmp/bib.json")" \
	'[[6,14,22,33],[19],"bibtex"]'
"$bin" --extract-only -q "$fx/refs.json" > "$tmp/csl.json"
expect "refs.json: ids, authors, dates (date-parts and raw), URLs and DOIs" \
	"$(jq -c '[.documents[0].references[] | [.key, .authors, .published, .accessed, [.links[].url]]]' "$tmp/csl.json")" \
	"$(printf '%s' "$want_records" | sed 's/KEY3/3/; s/DATE3/2008-12-03/; s/"NOBODY"/null/')"
expect "refs.json: items are located by number" \
	"$(jq -c '[[.documents[0].references[].line], .documents[0].location, .documents[0].format]' "$tmp/csl.json")" '[[1,2,3,4],"item","csl-json"]'

# --- Told by content, not by name; --input-format overrides ---------------
cp "$fx/seed.docx" "$tmp/report.txt"
expect "a DOCX named .txt is read as DOCX" "$("$bin" --extract-only -q "$tmp/report.txt" | jq -r .documents[0].format)" docx
expect "a DOCX on standard input is read as DOCX" \
	"$("$bin" --extract-only -q - < "$fx/seed.docx" | jq -c '[.documents[0].format, .summary.footnotes.defined]')" '["docx",65]'
cp "$fx/refs.json" "$tmp/refs.txt"
expect "CSL-JSON named .txt" "$("$bin" --extract-only -q "$tmp/refs.txt" | jq -r .documents[0].format)" csl-json
cp "$fx/refs.bib" "$tmp/refs.md"
expect "BibTeX named .md" "$("$bin" --extract-only -q "$tmp/refs.md" | jq -r .documents[0].format)" bibtex
expect "--input-format text reads HTML as text" \
	"$("$bin" --extract-only -q --input-format text "$fx/nobase.html" | jq -r .documents[0].format)" text
"$bin" --extract-only -q --input-format rtf "$fx/nobase.html" > /dev/null 2> "$tmp/err"
expect "--input-format rtf: exit 2" "$?" 2
expect_match "--input-format rtf: the formats listed" "$(cat "$tmp/err")" "takes auto, text, markdown, asciidoc, html, docx, odt, epub, bibtex, csl-json or pdf, not 'rtf'"

# Word's automatic list numbering (w:numPr, word/numbering.xml): the
# number the reader sees is in no text of the document. A reference list
# numbered "[%1]" from 1 (list 1), cited as [1] and [2] in the body; a
# bulleted list (list 2) stays bullets. Each entry is labelled as Word shows
# it, so the markers find their entries.
python3 - "$tmp/lists.docx" <<'PY'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(text, num=None, style=None):
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else '') + \
          (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>' if num else '')
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
body = ''.join([
    p('Sea level rose 3.3 mm a year [1], and the dunes lost 2 m [2].'),
    p('Steps:'), p('Measure.', '2'), p('Compare.', '2'),
    p('References', style='Heading1'),
    p('NASA. Sea level. https://a.example/nasa, accessed 5 February 2024.', '1'),
    p('Coastal survey 2023. https://a.example/survey (retrieved 30 January 2024).', '1'),
])
numbering = (f'<w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="&#8226;"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>'
    '</w:numbering>')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('word/document.xml', f'<w:document {W}><w:body>{body}</w:body></w:document>')
    z.writestr('word/numbering.xml', numbering)
PY
"$bin" --extract-only -q "$tmp/lists.docx" > "$tmp/lists.json"
expect "docx: a numbered reference list labelled as Word shows it" \
	"$(jq -r '[.documents[0].references[] | "\(.footnote) \(.accessed)"] | join(", ")' "$tmp/lists.json")" \
	"1 2024-02-05, 2 2024-01-30"
expect "… its [1] and [2] find their entries: no footnote finding" \
	"$(jq -c '[.summary.footnotes, [.documents[0].problems[].code]]' "$tmp/lists.json")" '[{"cited":2,"defined":2},[]]'
# The same numbering given by a paragraph style (word/styles.xml): the
# entries name only "Bibliography", which is based on "ListNumber", whose
# w:numPr is list 1 ("[%1]"). A paragraph of that style whose own w:numPr
# says list 0 is not numbered, so the second entry is [2]. Cited as [2].
python3 - "$tmp/styled.docx" <<'PY'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(text, style=None, num=None):
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else '') + \
          (f'<w:numPr><w:numId w:val="{num}"/></w:numPr>' if num is not None else '')
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
body = ''.join([
    p('The dunes lost 2 m [2].'),
    p('References', style='Heading1'),
    p('NASA. Sea level. https://a.example/nasa, accessed 5 February 2024.', 'Bibliography'),
    p('Not numbered: a remark between the entries.', 'Bibliography', 0),
    p('Coastal survey 2023. https://a.example/survey (retrieved 30 January 2024).', 'Bibliography'),
])
styles = (f'<w:styles {W}>'
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Bibliography"><w:basedOn w:val="ListNumber"/></w:style>'
    '</w:styles>')
numbering = (f'<w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('word/document.xml', f'<w:document {W}><w:body>{body}</w:body></w:document>')
    z.writestr('word/styles.xml', styles)
    z.writestr('word/numbering.xml', numbering)
PY
"$bin" --extract-only -q "$tmp/styled.docx" > "$tmp/styled.json"
expect "docx: a list numbered by its paragraphs' style, labelled as Word shows it" \
	"$(jq -r '[.documents[0].references[] | "\(.footnote) \(.accessed)"] | join(", ")' "$tmp/styled.json")" \
	"1 2024-02-05, 2 2024-01-30"
expect "… its [2] finds its entry" \
	"$(jq -c '[.summary.footnotes, [.documents[0].problems[].code]]' "$tmp/styled.json")" '[{"cited":1,"defined":2},["footnote-uncited"]]'
# Lists LibreOffice numbers itself (text:list, its list styles' levels),
# in the ODT it makes of an HTML page and the DOCX it makes of that ODT: a
# numbered list of two entries, a remark, and a list that starts at 3
# (<ol start="3">). The body cites [1] and [3]; [2] is cited nowhere.
cat > "$tmp/lo-lists.html" <<'HTML'
<html><body>
<p>Sea level rose 3.3 mm a year [1], and the dunes lost 2 m [3].</p>
<p>Steps:</p>
<ul><li>Measure.</li><li>Compare.</li></ul>
<h1>References</h1>
<ol><li>NASA. Sea level. https://a.example/nasa, accessed 5 February 2024.</li>
<li>Coastal survey 2023. https://a.example/survey (retrieved 30 January 2024).</li></ol>
<p>A remark between the entries, which continue below.</p>
<ol start="3"><li>Dune atlas. https://a.example/dunes, accessed 2 March 2024.</li></ol>
</body></html>
HTML
lo="-env:UserInstallation=file://$tmp/lo-profile"
(cd "$tmp" && soffice --headless "$lo" --convert-to odt:writerweb8_writer lo-lists.html > /dev/null 2>&1 &&
	soffice --headless "$lo" --convert-to "docx:MS Word 2007 XML" lo-lists.odt > /dev/null 2>&1)
for f in odt docx; do
	"$bin" --extract-only -q "$tmp/lo-lists.$f" > "$tmp/lo-lists.json"
	expect "LibreOffice's $f: its numbered lists labelled as it shows them" \
		"$(jq -r '[.documents[0].references[] | "\(.footnote) \(.accessed)"] | join(", ")' "$tmp/lo-lists.json")" \
		"1 2024-02-05, 2 2024-01-30, 3 2024-03-02"
	expect "… [1] and [3] find theirs; [2] is uncited" \
		"$(jq -c '[.summary.footnotes, [.documents[0].problems[].code]]' "$tmp/lo-lists.json")" \
		'[{"cited":2,"defined":3},["footnote-uncited"]]'
done
cd "$tmp" && expect_valid_reports
finish formats
