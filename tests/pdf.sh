#!/bin/sh
# PDF reports through poppler: fixtures/formats/seed.pdf is LibreOffice
# 7.4's PDF of seed.docx (make-formats.sh), with the seed's footnotes at the
# bottom of its pages and its links as URI annotations; a damaged PDF and one
# with no text layer get their messages. No network.
. "$(dirname "$0")/lib.sh"
bin=$1
fx=$2/formats
tmp=$(mktemp -d)
testdir=$(cd "$(dirname "$0")" && pwd)
trap 'rm -rf "$tmp"' EXIT
"$bin" --extract-only -q "$fx/seed.pdf" > "$tmp/pdf.json"
"$bin" --extract-only -q "$fx/seed.docx" > "$tmp/docx.json"
q() { jq -r "$1" "$tmp/pdf.json"; }
expect "read as PDF, located by page and line" "$(q '.documents[0] | "\(.format) \(.location) \(.references[0].part)"')" "pdf line page 1"
# the same report: the distinct URLs of its DOCX
expect "the DOCX's distinct URLs, as many" "$(q .summary.distinct_urls)" "$(jq -r .summary.distinct_urls "$tmp/docx.json")"
# page 3 ends with footnote 4, Project88's submission (read in the PDF's text)
expect "footnote 4, at the foot of page 3" \
	"$(q '.documents[0].references[] | select(.footnote == "4") | "\(.part) \(.links[0].url)"')" \
	"page 3 https://the88project.org/submission-human-rights-dialogue/"
# footnote 5's first source wraps its URL after "bao-": the annotation gives it whole, once
expect "a URL wrapped over two lines, whole from its annotation" \
	"$(q '[.documents[0].references[] | select(.footnote == "5") | .links[].url | select(contains("vietnam.vn/bao"))] | join(" ")')" \
	"https://web.archive.org/web/20240229041839/https://www.vietnam.vn/bao-ve-an-ninh-quoc-gia-la-nhiem-vu-trong-yeu-thuong-xuyen/"
# no cited URL of the seed ends in "-": one that does was cut where a line wrapped
expect "no URL cut at a line's end" "$(q '[.documents[0].references[].links[].url | select(endswith("-"))] | length')" 0
# footnote 5 (45 sources) begins at the foot of page 4 and runs on over
# the next pages: all its links stay under it, as in the DOCX
expect "a note that runs on over pages keeps its links" \
	"$(q '[.documents[0].references[] | select(.footnote == "5")] | "\(.[0].part) \([.[].links | length] | add)"')" \
	"page 4 $(jq -r '[.documents[0].references[] | select(.footnote == "5") | .links | length] | add' "$tmp/docx.json")"
# footnote 5's "<https://…chinh sach cuoc song…>" (seed line 317) has no
# annotation: its line ends inside the <>, and the next closes it
expect "an autolink wrapped over lines, joined, its space kept" \
	"$(q '[.documents[0].references[] | select(.footnote == "5") | .links[].url | select(contains("chinh sach"))] | join(" ")')" \
	"https://web.archive.org/web/20240229044222/https://chinh sach cuoc song.vnanet.vn/trien-khai-thuc-hien-cac-chi-thi-cua-bo-chinh-tri-ve-dam-bao-an-ninh-kinh-te/32047.html"
# the (footnote, URL) pairs the DOCX and the PDF share, of the DOCX's
jq -r '.documents[0].references[] | .footnote as $f | .links[] | "\($f) \(.url)"' "$tmp/docx.json" | sort -u > "$tmp/docx.pairs"
jq -r '.documents[0].references[] | .footnote as $f | .links[] | "\($f) \(.url)"' "$tmp/pdf.json" | sort -u > "$tmp/pdf.pairs"
shared=$(comm -12 "$tmp/docx.pairs" "$tmp/pdf.pairs" | wc -l | tr -d ' ')
echo "pdf: $shared of $(wc -l < "$tmp/docx.pairs" | tr -d ' ') (footnote, URL) pairs of the DOCX found in its PDF"
# the three it misses: the two YouTube links LibreOffice spelled otherwise in their annotations (%e1 as
# %E1, %3 as %253), and the note whose text ends mid-line before its next source ("p.308")
expect_match "most sources under the same footnote as in the DOCX (at least 150 of 154)" "$shared" '^(15[0-4])$'
expect "footnote 6 goes on over pages 15 and 16, set in the body's size: its sources there are notes" \
	"$(q '[.documents[0].references[] | select(.part=="page 15" or .part=="page 16") | select(.where=="body")] | length')" 0
expect "the text that shows another URL than its annotation is said (page 20: LibreOffice wrote %3 as %253)" \
	"$(q '.documents[0].problems[] | select(.code=="url-from-annotation" and (.message | startswith("page 20:"))) | .severity')" info

# A PDF printed rather than exported has no link annotations: the seed's
# PDF with its /Annots taken out (qpdf --qdf, then fix-qdf), as a PDF
# printer gives it. Its URLs are read from the text and those the text
# wrapped are joined from the page's geometry. Of the DOCX's 154
# (footnote, URL) pairs, four cannot come from this text (read there):
# footnotes 63 and 64 print "lang–en" where the links say "lang--en"
# (LibreOffice made the dashes one), footnote 7's URL holds a space
# ("326\_BIEU QUY\_IV"), and the licence link on the last page stands
# after the last note, outside any in the DOCX.
qpdf --qdf --object-streams=disable "$fx/seed.pdf" "$tmp/qdf.pdf"
python3 - "$tmp/qdf.pdf" "$tmp/stripped.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
data = re.sub(rb"/Annots\s*(\[[^\]]*\]|\d+ 0 R)", b"", data)
open(sys.argv[2], "wb").write(data)
PY
fix-qdf "$tmp/stripped.pdf" > "$tmp/printed.pdf"
"$bin" --extract-only -q "$tmp/printed.pdf" > "$tmp/printed.json"
expect "printed PDF: no link annotation left" \
	"$(jq -r '[.documents[0].problems[] | select(.code == "url-from-annotation")] | length' "$tmp/printed.json")" 0
jq -r '.documents[0].references[] | .footnote as $f | .links[] | "\($f) \(.url)"' "$tmp/printed.json" | sort -u > "$tmp/printed.pairs"
expect "printed PDF: 150 of the DOCX's 154 (footnote, URL) pairs" \
	"$(comm -12 "$tmp/docx.pairs" "$tmp/printed.pairs" | wc -l | tr -d ' ')" 150
expect "… no URL cut at a line's end" \
	"$(jq -r '[.documents[0].references[].links[].url | select(endswith("-"))] | length' "$tmp/printed.json")" 0
# … and of those 150, all but one with the DOCX's access and publication
# dates: a source whose bare URL ends its entry closes it, so the title-first
# source after it ("New peaceful evolution … (2018, April 2).", footnote
# 10) is a source, not commentary. The one left is footnote 25's second
# source, whose date is on its second line: after "…Press. p.308" it is
# read as the first source's text, and takes the first's date (1981)
dated() { jq -r '.documents[0].references[] | .footnote as $f | "\(.accessed) \(.published)" as $d | .links[] | "\($f) \(.url) \($d)"' "$1" | sort -u; }
dated "$tmp/docx.json" > "$tmp/docx.dated"
dated "$tmp/printed.json" > "$tmp/printed.dated"
# Pages whose body sits above a note going on in the body's size (LibreOffice
# sets long notes so, page 16: "…“self-transformation,”15 especially in…"
# above the sources of note 6) and pages where a heading's gap stands above
# body text before the notes (page 30, marker 38 under "CONCLUSION"): their
# body is body, its markers cited. The DOCX cites 66 and defines 65.
for f in pdf.json printed.json; do
	expect "$f: the DOCX's footnote counts, no note uncited" \
		"$(jq -c '[.summary.footnotes, ([.documents[0].problems[] | select(.code == "footnote-uncited")] | length)]' "$tmp/$f")" \
		"[$(jq -c .summary.footnotes "$tmp/docx.json"),0]"
done
expect "… 149 of the 150 with the DOCX's dates" "$(comm -12 "$tmp/docx.dated" "$tmp/printed.dated" | wc -l | tr -d ' ')" 149
# footnote 1's first source wraps its URL twice: "…bao-dam-vung-" /
# "chac-…-d4-" / "t3150.html" (page 1)
expect "… a URL wrapped over three lines, whole" \
	"$(jq -r '.documents[0].references[] | select(.footnote == "1") | .links[].url | select(contains("bocongan"))' "$tmp/printed.json")" \
	"https://bocongan.gov.vn/bo-truong/chi-dao-dieu-hanh/bao-dam-vung-chac-an-ninh-quoc-gia-an-ninh-kinh-te-trong-boi-can-hoi-nhap-quoc-te-d4-t3150.html"
# footnote 20 ends page 25 with "…/DownloadPublicCommunic"; page 26's
# notes go on "ationFile?qId=26885", after the body's last line with no
# wider gap than a paragraph's: the URL says where the notes begin
expect "… a note's URL wrapped over a page, whole" \
	"$(jq -r '.documents[0].references[] | select(.footnote == "20") | .links[].url' "$tmp/printed.json")" \
	"https://spcommreports.ohchr.org/TMResultsBase/DownloadPublicCommunicationFile?qId=26885"
# footnote 5 breaks an archived address after its "https://" (page 8)
expect "… an archive's address cut after the inner \"https://\", whole" \
	"$(jq -r '[.documents[0].references[] | select(.footnote == "5") | .links[].url | select(contains("tapchicongsan"))] | unique | join(" ")' "$tmp/printed.json")" \
	"https://web.archive.org/web/20240229051528/https://www.tapchicongsan.org.vn/web/quest/nguyen-cu/-/2018/876902/view_content"
# Two columns (tests/minipdf.py's placed lines): each URL wraps at the left
# column's edge, far from the page's, or from its foot to the right
# column's top; each is whole
PYTHONPATH="$testdir" python3 - "$tmp/twocol.pdf" <<'PY'
import sys
from minipdf import mkpdf_placed
left = ["The ministry published its yearly figures in a", "report that covers every province and lists the",
        "budget lines. It is kept at https://example.org/", "docs/annual-report-2024.pdf with its annexes,",
        "and the tables behind it are at the statistics", "office, which keeps them at https://stats.example.",
        "org/tables/2024/budget-lines.csv for download.", "An older series is at https://example.org/series/"]
right = ["older-series-2010-2019/ and its notes explain the", "method. Its maps are at https://maps.example.org/",
         "and the rest of the text goes on in this column to", "the end of the page with the same width as left."]
page = [(72, 720 - 14 * i, t) for i, t in enumerate(left)] + [(320, 720 - 14 * i, t) for i, t in enumerate(right)]
open(sys.argv[1], "w").write(mkpdf_placed([page]))
PY
expect "two columns: URLs wrapped at the column's edge, whole" \
	"$("$bin" --extract-only -q "$tmp/twocol.pdf" | jq -r '[.documents[0].references[].links[].url] | join(" ")')" \
	"https://example.org/docs/annual-report-2024.pdf https://stats.example.org/tables/2024/budget-lines.csv https://example.org/series/older-series-2010-2019/ https://maps.example.org/"
# A code block (Courier) whose lines end with URLs: code ends where it
# ends, so "#d-i" on the next line is not the URL's rest though it would
# not have fitted (the installation guide's preseed example, as set)
PYTHONPATH="$testdir" python3 - "$tmp/code.pdf" <<'PY'
import sys
from minipdf import mkpdf_placed
page = [(72, 720, "To install over the network, the preseed file holds:")] + \
    [(90, 700 - 12 * i, t, "mono") for i, t in enumerate([
        "d-i anna/choose_modules string network-console",
        "d-i network-console/authorized_keys_url string http://10.0.0.1/openssh-key",
        "#d-i network-console/password password r00tme",
        "d-i apt-setup/local0/repository string http://local.server/debian",
        "d-i apt-setup/local0/key string http://local.server/key",
        "#d-i apt-setup/local0/comment string local_server"])] + \
    [(72, 620, "and the rest of the text goes on with its words as they come, long enough to")]
open(sys.argv[1], "w").write(mkpdf_placed([page]))
PY
expect "lines of code: a URL at a line's end is not joined to the next line of code" \
	"$("$bin" --extract-only -q "$tmp/code.pdf" | jq -r '[.documents[0].references[].links[].url] | join(" ")')" \
	"http://10.0.0.1/openssh-key http://local.server/debian http://local.server/key"
# Three pages with a running header that repeats a URL and a footer with
# the date and the page number: furniture, not references. Page 1's body
# ends with a URL at the right margin that page 2's first line finishes.
PYTHONPATH="$testdir" python3 - "$tmp/running.pdf" <<'PY'
import sys
from minipdf import mkpdf_placed
body = [["The committee met four times this year and its minutes record each decision taken there in",
         "full, with the votes of its members and the reasons they gave for them; they are kept at the",
         "archive of the ministry, whose catalogue lists them by date at https://example.org/minutes/2024/"],
        ["committee-minutes-full-record.pdf and in print at the library of the ministry in the capital.",
         "The budget is at https://example.org/budget and was adopted in March."],
        ["Nothing else was decided this year."]]
pages = []
for n, lines in enumerate(body, 1):
    pages.append([(72, 760, "Annual Report of the Committee - https://example.org/annual-report")] +
                 [(72, 720 - 14 * i, t) for i, t in enumerate(lines)] +
                 [(72, 40, "Published 5 March 2024"), (520, 40, str(n))])
open(sys.argv[1], "w").write(mkpdf_placed(pages))
PY
"$bin" --extract-only -q "$tmp/running.pdf" > "$tmp/running.json"
expect "running header and footer: no reference; a body URL wrapped over a page, whole" \
	"$(jq -r '[.documents[0].references[].links[].url] | join(" ")' "$tmp/running.json")" \
	"https://example.org/minutes/2024/committee-minutes-full-record.pdf https://example.org/budget"
printf '%%PDF-1.7\n1 0 obj\n<<' > "$tmp/cut.pdf"
"$bin" --extract-only -q "$tmp/cut.pdf" > /dev/null 2> "$tmp/err"
expect "a damaged PDF: exit 2, said" "$? $(cat "$tmp/err")" "2 citecheck: $tmp/cut.pdf: the PDF is damaged or not a PDF: PDF document is damaged"
# a PDF of one page with nothing on it: a scan would be the same to citecheck
python3 - "$tmp/blank.pdf" <<'PY'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
out = bytearray(b"%PDF-1.4\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
"$bin" --extract-only -q "$tmp/blank.pdf" > /dev/null 2> "$tmp/err"
expect "no text layer: exit 2, said" "$? $(cat "$tmp/err")" \
	"2 citecheck: $tmp/blank.pdf: the PDF has no text layer (1 page of images, e.g. a scan): run OCR on it first"
# URLs the text wrapped with no link annotation to say so (tests/minipdf.py:
# one page, Helvetica 11, no annotations). Line 1 is the longest and ends
# "…/annual-", line 2 goes on "summary-final.pdf": certain (a file ending, a
# hyphen after a hyphen), joined. Line 2's URL ends "id=", line 3 begins
# "4471&format=csv": certain. Line 3 ends with a URL that stops at "_", and
# line 4 begins with a long plain word that would not have fitted: perhaps,
# flagged (the URL read with its trailing "_", as bare URLs outside Markdown are). Line 5 is short and ends with a URL; line 6 begins with words that
# would have fitted: not wrapped. Line 7, long, ends "…/reports/" and line 8
# begins "for": a word, neither joined nor flagged.
PYTHONPATH="$testdir" python3 - "$tmp/wrap.pdf" <<'PY'
import sys
from minipdf import mkpdf
lines = [
    "The survey of this year was published in full and the text is at https://example.org/reports/2024/annual-",
    "summary-final.pdf for anyone who wants it, and the data behind it at https://data.example.org/set?id=",
    "4471&format=csv where the tables are kept. The notes are at https://example.org/wiki/Annual_Survey_page_",
    "notesandcommentsaboutthemethods which explain the sampling and the weighting of the answers.",
    "See also https://example.org/",
    "Next part of the text goes on here.",
    "The older reports of the ministry and its committees are listed at https://example.org/reports/",
    "for those who want to compare them with this one over the years.",
]
open(sys.argv[1], "w").write(mkpdf(lines, "20240101"))
PY
"$bin" --extract-only -q "$tmp/wrap.pdf" > "$tmp/wrap.json"
expect "unannotated wrapped URLs: joined where certain" \
	"$(jq -r '[.documents[0].references[].links[].url] | join(" ")' "$tmp/wrap.json")" \
	"https://example.org/reports/2024/annual-summary-final.pdf https://data.example.org/set?id=4471&format=csv https://example.org/wiki/Annual_Survey_page_ https://example.org/ https://example.org/reports/"
expect "… flagged where it may go on: url-wrap-unsure, the two joined as the suggestion" \
	"$(jq -r '.documents[0].problems[] | select(.code == "url-wrap-unsure") | "\(.severity) \(.suggestion)"' "$tmp/wrap.json")" \
	"warning https://example.org/wiki/Annual_Survey_page_notesandcommentsaboutthemethods"
# An encrypted PDF (qpdf, AES-256): with a user password, said, exit 2; with
# only an owner password (opens without one), read
PYTHONPATH="$testdir" python3 -c "
import sys
from minipdf import mkpdf
open(sys.argv[1], 'w').write(mkpdf(['A report. https://example.org/a'], '20240101'))" "$tmp/plain.pdf"
qpdf --encrypt secret owner 256 -- "$tmp/plain.pdf" "$tmp/locked.pdf"
"$bin" --extract-only -q "$tmp/locked.pdf" > /dev/null 2> "$tmp/err"
expect "an encrypted PDF: exit 2, said" "$? $(cat "$tmp/err")" \
	"2 citecheck: $tmp/locked.pdf: the PDF is encrypted: citecheck cannot read its text without the password"
qpdf --encrypt "" owner 256 -- "$tmp/plain.pdf" "$tmp/owner.pdf"
expect "… with only an owner password: read" \
	"$("$bin" --extract-only -q "$tmp/owner.pdf" | jq -r '.documents[0].references[].links[].url')" "https://example.org/a"
# 10,001 pages (one content stream shared): more than citecheck reads
PYTHONPATH="$testdir" python3 - "$tmp/huge.pdf" <<'PY'
import sys
from minipdf import write_pdf
n = 10001
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % (i + 4) for i in range(n)), n),
        "<< /Length 0 >>\nstream\n\nendstream"]
objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * n
open(sys.argv[1], "w").write(write_pdf(objs))
PY
"$bin" --extract-only -q "$tmp/huge.pdf" > /dev/null 2> "$tmp/err"
expect "10,001 pages: exit 2, said" "$? $(cat "$tmp/err")" \
	"2 citecheck: $tmp/huge.pdf: the PDF has 10001 pages: citecheck reads at most 10000"
# 100,000 two-letter words stacked at one spot (21 KB): poppler's layout
# is quadratic there (it took 28 s; the audit's 7.7 KB one 88 s and 359 MB)
# and is read in a child bounded to 5 s of CPU; a page tree whose kids are
# not pages is damaged, not a scan (it was told to run OCR)
PYTHONPATH="$testdir" python3 - "$tmp" <<'PY'
import sys, zlib
from minipdf import write_pdf
head = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
words = " ".join("1 0 0 1 72 720 Tm (%s%s) Tj" % (chr(65 + i % 26), chr(97 + i // 26 % 26)) for i in range(100000))
data = zlib.compress(("BT /F1 11 Tf " + words + " ET").encode(), 9).decode("latin1")
open(sys.argv[1] + "/stacked.pdf", "wb").write(write_pdf(head + [
    "<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)]).encode("latin1"))
open(sys.argv[1] + "/tree.pdf", "w").write(write_pdf([
    "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", "<< /Type /Pages /Kids [] /Count 0 >>"]))
PY
timeout -k 5 60 "$bin" --extract-only -q "$tmp/stacked.pdf" > /dev/null 2> "$tmp/err"
expect "text stacked at one spot: stopped after 5 s of CPU, exit 2, said" "$? $(cat "$tmp/err")" \
	"2 citecheck: $tmp/stacked.pdf: the PDF takes more than 5 s to lay out its text (text stacked on itself?): citecheck stops there"
"$bin" --extract-only -q "$tmp/tree.pdf" > /dev/null 2> "$tmp/err"
expect "a page tree whose kids are no pages: damaged, not a scan" "$? $(cat "$tmp/err")" \
	"2 citecheck: $tmp/tree.pdf: the PDF is damaged: 1 of its 2 pages cannot be found in its page tree"
# the URIs of a PDF's link annotations, read from its bytes (its compressed
# streams too) without poppler: the oracle for what citecheck extracts
uris_of() {
	python3 - "$1" <<'PY'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
found = re.findall(rb"/URI\s*\((.*?)\)\s*[/>]", data)
for s in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
    try:
        found += re.findall(rb"/URI\s*\((.*?)\)\s*[/>]", zlib.decompress(s))
    except zlib.error:
        pass
for u in sorted(set(found)):
    print(u.decode("latin-1").replace("\\(", "(").replace("\\)", ")"))
PY
}
# A real published PDF: the Debian Developer's Reference (GPL-2, 2023; 114
# pages, made by Sphinx and LaTeX), from the developers-reference package
# that .ci/setup-tests installs; not committed. Every URL of its link
# annotations (read here from the PDF's own bytes, its compressed streams
# included, without poppler) is extracted; and four URLs its text wrapped
# with no annotation (read on pages 34, 50, 93 and 94) are joined whole.
devref=/usr/share/developers-reference/developers-reference.pdf
if [ -f "$devref" ]; then
	"$bin" --extract-only -q -o "$tmp/devref.json" "$devref"
	uris_of "$devref" > "$tmp/devref-uris.txt"
	jq -r '.documents[0].references[].links[] | .url, .normalized' "$tmp/devref.json" | sort -u > "$tmp/devref-got.txt"
	expect "developers-reference.pdf: 133 distinct annotated URLs, all extracted" \
		"$(wc -l < "$tmp/devref-uris.txt" | tr -d ' ') $(grep -Fxvc -f "$tmp/devref-got.txt" "$tmp/devref-uris.txt")" "133 0"
	expect "… and the URLs its text wrapped with no annotation, whole" \
		"$(jq -r '[.documents[0].references[].links[].url | select(test("^(https://tracker.debian.org/pkg/|ftp://ftp.security|https://bugs.debian.org/(packagename|cgi-bin/pkgreport))"))] | sort | join(" ")' "$tmp/devref.json")" \
		"ftp://ftp.security.upload.debian.org/pub/SecurityUploadQueue/ https://bugs.debian.org/cgi-bin/pkgreport.cgi?users=email-addr&tag=tag-name https://bugs.debian.org/packagename https://tracker.debian.org/pkg/sourcepackage"
	# page 62: its body ends in a numbered list under a heading's wide gap,
	# then note 3, set small; the body is the body, and cites note 3
	expect "… a page's body above notes set small is not read as notes: note 3 is cited" \
		"$(jq -r '[.documents[0].problems[] | select(.code == "footnote-uncited")] | length' "$tmp/devref.json")" 0
	# … and note 3's text is the note's alone: not the page's running footer
	# ("54", "Chapter 5. Managing Packages") nor the next pages' text
	expect "… a note set small does not go on into the running footer or the next page" \
		"$(jq -r '.documents[0].references[] | select(.footnote == "3") | "\(.part): \(.text)"' "$tmp/devref.json")" \
		'page 62: ITS is shorthand for "Intend to Salvage"'
else
	expect "developers-reference.pdf installed (sh .ci/setup-tests)" "missing" "$devref"
fi
# More real published PDFs, from packages .ci/setup-tests installs: the
# Debian Policy Manual (LaTeX through Sphinx, 193 pages), the FHS 3.0
# (Apache FOP) and the New Maintainers' Guide (DocBook through dblatex):
# every URL of their link annotations, read from their bytes as above, is
# extracted.
for want in "policy.pdf.gz:debian-policy:50" "fhs-3.0.pdf.gz:debian-policy/fhs:6" "maint-guide.en.pdf:maint-guide:124"; do
	name=${want%%:*}
	rest=${want#*:}
	src=/usr/share/doc/${rest%%:*}/$name
	if [ ! -f "$src" ]; then
		expect "$name installed (sh .ci/setup-tests)" missing "$src"
		continue
	fi
	case $name in
	*.gz) gunzip -c "$src" > "$tmp/pub.pdf" ;;
	*) cp "$src" "$tmp/pub.pdf" ;;
	esac
	"$bin" --extract-only -q -o "$tmp/pub.json" "$tmp/pub.pdf"
	uris_of "$tmp/pub.pdf" > "$tmp/pub-uris.txt"
	jq -r '.documents[0].references[].links[] | .url, .normalized' "$tmp/pub.json" | sort -u > "$tmp/pub-got.txt"
	expect "${name%.gz}: its ${want##*:} distinct annotated URLs, all extracted" \
		"$(wc -l < "$tmp/pub-uris.txt" | tr -d ' ') $(grep -Fxvc -f "$tmp/pub-got.txt" "$tmp/pub-uris.txt")" "${want##*:} 0"
done
# A reference list's heading straight after a paragraph, no gap between
# (as LibreOffice and Word export a "References" heading that follows body
# text): the line before ends a sentence, "References" is short and
# capitalised, so the list is a reference list, with its entries' access
# dates; the same in plain text. In Markdown that line goes on the
# paragraph (CommonMark's lazy continuation): no heading there.
PYTHONPATH="$testdir" python3 - "$tmp/refs-after-text.pdf" <<'PY'
import sys
from minipdf import mkpdf
lines = [
    "The survey closes the year with a short note on the method used.",
    "References",
    "1. Ministry of Finance. Annual report. https://example.org/annual, accessed 5 February 2024.",
    "2. Statistics Office. Survey 2023. https://example.org/survey (accessed 30 January 2024).",
]
open(sys.argv[1], "w").write(mkpdf(lines, "20240101"))
PY
printf 'The survey closes the year with a short note on the method used.\nReferences\n1. Ministry of Finance. Annual report. https://example.org/annual, accessed 5 February 2024.\n2. Statistics Office. Survey 2023. https://example.org/survey (accessed 30 January 2024).\n' > "$tmp/refs-after-text.txt"
cp "$tmp/refs-after-text.txt" "$tmp/refs-after-text.md"
for f in refs-after-text.pdf refs-after-text.txt; do
	"$bin" --extract-only -q "$tmp/$f" > "$tmp/refs.json"
	expect "$f: a References heading right after text starts the list" \
		"$(jq -r '[.documents[0].references[] | "\(.where) \(.footnote) \(.accessed)"] | join(", ")' "$tmp/refs.json")" \
		"references 1 2024-02-05, references 2 2024-01-30"
done
"$bin" --extract-only -q "$tmp/refs-after-text.md" > "$tmp/refs.json"
expect "refs-after-text.md: in Markdown the line is the paragraph's" \
	"$(jq -r '[.documents[0].references[] | .where] | unique | join(" ")' "$tmp/refs.json")" "body"
# --fix on a PDF: no copy (a PDF is not rewritten), and where to make the
# fixes said on standard error and in the report (its links are
# documentation examples: skipped without a request)
"$bin" --no-archive --fix "$tmp/fixed" -o "$tmp/fix.json" "$tmp/refs-after-text.pdf" 2> "$tmp/fix.err"
expect "--fix on a PDF: says why there is no copy, and what to do" "$? $(grep -c 'no fixed copy: a PDF is not rewritten: make these fixes in the document it was exported from' "$tmp/fix.err")" "0 1"
expect "… the report says the same" "$(jq -r '.documents[0].fix | "\(.copy) \(.error | startswith("a PDF is not rewritten"))"' "$tmp/fix.json")" "null true"
# citecheck itself has no poppler: PDFs are read by citecheck-pdf-reader,
# beside it in the build tree. A copy of citecheck alone (and no installed
# reader) says it cannot read a PDF and why, exit 2, and still reads the rest
mkdir "$tmp/alone" && cp "$bin" "$tmp/alone/citecheck"
if "$tmp/alone/citecheck" --version | grep -q ', poppler [0-9]'; then
	echo "pdf: a citecheck-pdf-reader is installed: the copy alone finds it; not checked"
else
	expect "the reader beside citecheck answers --version" "$("$bin" --version | grep -c ', poppler [0-9][0-9.]*, zlib')" 1
	expect "a copy alone: --version says the reader cannot be run" \
		"$("$tmp/alone/citecheck" --version | grep -c ', poppler (its reader /.*/citecheck-pdf-reader cannot be run: No such file or directory), zlib')" 1
	"$tmp/alone/citecheck" --extract-only -q -o "$tmp/alone.json" "$fx/seed.pdf" "$tmp/refs-after-text.txt" 2> "$tmp/alone.err"
	expect "… a PDF: exit 2, the reason on standard error" \
		"$? $(grep -c 'seed.pdf: cannot read the PDF: its reader /.*/citecheck-pdf-reader cannot be run: No such file or directory$' "$tmp/alone.err")" "2 1"
	expect "… and in the report; the text file read all the same" \
		"$(jq -r '[.documents[] | "\(.error != null) \(.references | length)"] | join(", ")' "$tmp/alone.json")" "true 0, false 2"
fi
if ldd "$bin" > /dev/null 2>&1; then
	expect "citecheck is not linked with poppler" "$(ldd "$bin" | grep -c poppler)" 0
fi
finish pdf
