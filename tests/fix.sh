#!/bin/sh
# Fix mode: corrected copies of a Markdown note, an HTML page, a DOCX and an
# ODT (fixtures/fix), and of the seed report, checked against the simulated
# web and Wayback Machine. The expected copies are written from reading the
# documents and the simulated world: which page is gone, moved, changed,
# which snapshot the archive holds. Runs only inside a private network
# namespace; LibreOffice (soffice) opens the DOCX and ODT copies.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$2" && pwd)
seed=$fixtures/000_639fc2e66c0e2ab4.txt
require_netns fix
tmp=$(mktemp -d)
server= wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
make_cert DNS:example.org
printf '{"example.org/ok-dead%%20too": {"status": 404, "body": "no"}}\n' > pages.json
start_simweb --pages pages.json
# /gone answers 410, /moved 301 to /ok-new-home, every /ok… page 200 with
# "Content of /ok…." (simweb.py); the archive holds these captures
cat > world.json <<'JSON'
{"captures": {
 "http://example.org/gone": [{"ts": "20230518040448", "status": 200, "body": "<html><body><p>What the gone page said.</p></body></html>"}],
 "http://example.org/ok-pinned": [{"ts": "20230301120000", "status": 200, "body": "<html><body><p>Content of /ok-pinned.</p></body></html>"},
                                  {"ts": "20231220120000", "status": 200, "body": "<html><body><p>Content of /ok-pinned.</p></body></html>"}],
 "http://example.org/ok-saved": [{"ts": "20230601000000", "status": 200, "body": "<html><body><p>Content of /ok-saved.</p></body></html>"}],
 "http://example.org/ok-changed": [{"ts": "20230520101010", "status": 200, "body": "<html><body><p>The minister announced a wholly different budget for schools and hospitals, with figures for each province.</p></body></html>"}]
}}
JSON
start_simwayback world.json wb.log
check() {
	"$bin" --connect-to "example.org:80:127.0.0.1:$P" --no-probe --wayback "http://127.0.0.1:$W" --archive-rate 20 "$@"
}
WB=http://127.0.0.1:$W/web

cat > notes.md <<'DOC'
# Notes

## References

1. Gone (2023, May 1). Retrieved May 20, 2023, from <http://example.org/gone>
2. Spaced: [the report](http://example.org/ok a report), retrieved May 20, 2023.
3. Unpinned (2023). Retrieved May 20, 2023, from <https://web.archive.org/web/2023/http://example.org/ok-pinned>
4. Save (2023). Retrieved May 20, 2023, from https://web.archive.org/save/http://example.org/ok-saved
5. Moved (2023). Retrieved May 20, 2023, from http://example.org/moved
6. Changed (2023). Retrieved May 20, 2023, from http://example.org/ok-changed.
7. Fine (2023). Retrieved May 20, 2023, from http://example.org/ok-fine
8. Still broken: <http://example.org/ok-dead too>
9. Escaped: <http://example.org/ok\_escaped>
DOC
cp notes.md notes.orig
# the Gone page's capture is from May 18; the unpinned one is pinned to the
# capture nearest the access date (March 1 of the two); the save link gets
# the capture of June 1; the changed page its capture of May 20, the day
# it was cited; line 8's repair answers 404 (pages.json): not applied; an
# autolink undoes no escape, so line 9's is taken out (the page answers)
sed "s|@WB@|$WB|g" > notes.want <<'DOC'
# Notes

## References

1. Gone (2023, May 1). Retrieved May 20, 2023, from <http://example.org/gone> ([archived](@WB@/20230518040448/http://example.org/gone) 2023-05-18)
2. Spaced: [the report](http://example.org/ok%20a%20report), retrieved May 20, 2023.
3. Unpinned (2023). Retrieved May 20, 2023, from <@WB@/20230301120000/http://example.org/ok-pinned>
4. Save (2023). Retrieved May 20, 2023, from @WB@/20230601000000/http://example.org/ok-saved
5. Moved (2023). Retrieved May 20, 2023, from http://example.org/ok-new-home
6. Changed (2023). Retrieved May 20, 2023, from http://example.org/ok-changed ([archived](@WB@/20230520101010/http://example.org/ok-changed) 2023-05-20).
7. Fine (2023). Retrieved May 20, 2023, from http://example.org/ok-fine
8. Still broken: <http://example.org/ok-dead too>
9. Escaped: <http://example.org/ok_escaped>
DOC
check -q -o out.json --fix fixed.md --fix-moved notes.md
expect "exit 1: a dead link" "$?" 1
expect "the Markdown copy, byte for byte" "$(cmp notes.want fixed.md && echo same)" same
expect "the document itself untouched" "$(cmp notes.orig notes.md && echo same)" same
expect "each fix listed: line, kind, applied or why not" \
	"$(jq -r '[.documents[0].fix.fixes[] | "\(.line):\(.kind):\(.applied):\(.reason)"] | join(" ")' out.json)" \
	"5:dead:true:null 6:repair:true:null 7:pin:true:null 8:save-link:true:null 9:moved:true:null 10:changed:true:null 12:repair:false:not-confirmed 13:repair:true:null"
expect "a fix's before and after" "$(jq -r '.documents[0].fix.fixes[1] | "\(.before) -> \(.after)"' out.json)" \
	"http://example.org/ok a report -> http://example.org/ok%20a%20report"
expect "the copy's path; the run's counts" \
	"$(jq -c '[.documents[0].fix.copy, .summary.fixes.found, .summary.fixes.applied, .summary.fixes.copies]' out.json)" '["fixed.md",8,7,1]'
expect "the escaped one: before as written, after as checked" \
	"$(jq -r '.documents[0].fix.fixes[7] | "\(.before) -> \(.after)"' out.json)" 'http://example.org/ok\_escaped -> http://example.org/ok_escaped'
# read again, the copy has the fixed URLs and none of the fixed findings
"$bin" --extract-only -q fixed.md > again.json
expect "the copy read again: no space, save-link or unpinned finding left but line 12's" \
	"$(jq -r '[.documents[0].references[].links[].problems[] | select(.code | test("url-space|archive-save-request|archive-unpinned")) | "\(.line):\(.code)"] | join(" ")' again.json)" \
	"12:url-space"
expect "… and its links, the snapshots added beside the originals" \
	"$(jq -r '[.documents[0].references[] | "\(.links | length)"] | join("")' again.json)" "211112111"

# a copy --fix wrote passes: without the link whose repair fails (line 8),
# the copy's gone page (line 5, item 1) and changed page (line 10, item 6) carry their
# snapshots beside them, so re-checked it has nothing to fail on
grep -v 'Still broken' notes.md > fixable.md
check -q -o /dev/null --fix fixable.fixed.md --fix-moved fixable.md
expect "the document itself fails (the gone page)" "$?" 1
check -q -o refix.json fixable.fixed.md
expect "its --fix copy re-checked: exit 0, the gone and the changed page cited with their snapshots" \
	"$? $(jq -r '[.documents[0].references[].links[] | .problems[] | "\(.line):\(.code):\(.severity)"] | join(" ")' refix.json) $(jq -r '.summary.live | "\(.dead) \(.snapshot_cited)"' refix.json)" \
	"0 5:snapshot-cited:info 10:snapshot-cited:info 0 1"
check -q -o /dev/null --fix fixable.twice.md fixable.fixed.md
expect "… and --fix on it again adds nothing" "$(cmp fixable.fixed.md fixable.twice.md && echo same)" same
# a link of body text is a source of its own: the snapshot --fix writes
# after it, on its line, is the next one, and still its snapshot
printf '# Body\n\nThe ministry said so on <http://example.org/gone> last May.\n' > body.md
check -q -o /dev/null --fix body.fixed.md body.md
check -q -o body.json body.fixed.md
expect "a body link's --fix copy re-checked: exit 0, its snapshot beside it" \
	"$? $(jq -r '[.documents[0].references[].links[] | .problems[] | .code] | join(" ")' body.json)" "0 snapshot-cited"
# Robust Links: the snapshot in the link's data-versionurl, with no visible
# link (other tools write only that), is the snapshot beside it; with the
# visible one --fix adds too, it is read once
printf '<html><body><h2>References</h2><ol><li>Gone. <a href="http://example.org/gone" data-versionurl="%s/20230518040448/http://example.org/gone">the page</a></li><li>Both. <a href="http://example.org/gone" data-versionurl="%s/20230518040448/http://example.org/gone">it</a> (<a href="%s/20230518040448/http://example.org/gone">archived</a> 2023-05-18)</li></ol></body></html>\n' "$WB" "$WB" "$WB" > robust.html
check -q -o robust.json robust.html
expect "Robust Links: exit 0, each source its link and its snapshot once, cited with it" \
	"$? $(jq -r '[.documents[0].references[] | "\(.links | length):\([.links[].problems[].code] | join(","))"] | join(" ")' robust.json)" \
	"0 2:snapshot-cited 2:snapshot-cited"
# without --fix-moved the moved page keeps its address; a template of one's own
check -q -o out2.json --fix - --fix-template ' [archive: {snapshot}, {date}]' notes.md > stdout.md
expect "--fix - : the copy on standard output" "$(sed -n 5p stdout.md)" \
	"1. Gone (2023, May 1). Retrieved May 20, 2023, from <http://example.org/gone> [archive: $WB/20230518040448/http://example.org/gone, 2023-05-18]"
expect "… the moved page left alone without --fix-moved" "$(sed -n 9p stdout.md)" "$(sed -n 9p notes.md)"
expect "… and the report only in -o" "$(jq -r '.documents[0].fix.copy' out2.json)" "-"

# a name ending in "/" is a folder, made for the one copy
check -q -o /dev/null --fix-moved --fix new/ notes.md
expect "--fix new/ with one document: new/notes.md" "$(cmp new/notes.md notes.want && echo same)" same

# --fix-diff: what patch applies to the document gives the copy
check -o out3.json --fix-diff --fix-moved notes.md > notes.diff 2> diff.err
expect "the summary on standard error counts the fixes" "$(grep '^citecheck: fixes' diff.err)" \
	"citecheck: fixes: 7 applied of 8 found"
expect "--fix-diff: the hunks' headers" "$(grep '^@@' notes.diff | tr '\n' ' ')" "@@ -2,12 +2,12 @@ "
cp notes.md patched.md
patch -s patched.md < notes.diff
expect "… patch applies it and gives the copy" "$(cmp patched.md notes.want && echo same)" same

# HTML: the dead and the changed page keep their link and get the Robust
# Links attributes and a visible archive link; the unpinned snapshot (no
# access date in its paragraph: the year's last capture) is pinned
cat > page.html <<'DOC'
<!DOCTYPE html>
<html><body>
<p>The <a href="http://example.org/gone" class="ref">ministry page</a> and
<a href='https://web.archive.org/web/2023/http://example.org/ok-pinned'>a snapshot</a>.</p>
<!-- <a href="http://example.org/gone">in a comment</a> -->
<p>Accessed May 20, 2023: <a href=http://example.org/ok-changed>changed</a>, <a href="http://example.org/ok-fine">fine</a>.</p>
</body></html>
DOC
sed "s|@WB@|$WB|g" > page.want <<'DOC'
<!DOCTYPE html>
<html><body>
<p>The <a href="http://example.org/gone" class="ref" data-originalurl="http://example.org/gone" data-versionurl="@WB@/20230518040448/http://example.org/gone" data-versiondate="2023-05-18">ministry page</a> (<a href="@WB@/20230518040448/http://example.org/gone">archived</a> 2023-05-18) and
<a href='@WB@/20231220120000/http://example.org/ok-pinned'>a snapshot</a>.</p>
<!-- <a href="http://example.org/gone">in a comment</a> -->
<p>Accessed May 20, 2023: <a href=http://example.org/ok-changed data-originalurl="http://example.org/ok-changed" data-versionurl="@WB@/20230520101010/http://example.org/ok-changed" data-versiondate="2023-05-20">changed</a> (<a href="@WB@/20230520101010/http://example.org/ok-changed">archived</a> 2023-05-20), <a href="http://example.org/ok-fine">fine</a>.</p>
</body></html>
DOC

# DOCX and ODT, with the HTML page and the note, into one folder
cp "$fixtures/fix/notes.docx" "$fixtures/fix/notes.odt" .
mkdir docs && cp notes.md docs/
check -q -o all.json --fix out --fix-moved docs/notes.md page.html notes.docx notes.odt
expect "exit 1: dead links" "$?" 1
expect "copies under their paths" "$(cd out && find . -type f | sort | tr '\n' ' ')" \
	"./docs/notes.md ./notes.docx ./notes.odt ./page.html "
expect "the HTML copy, byte for byte" "$(cmp page.want out/page.html && echo same)" same
expect "the Markdown copy the same as alone" "$(cmp notes.want out/docs/notes.md && echo same)" same
for f in docx odt; do
	"$bin" --extract-only -q "out/notes.$f" > "$f.json"
	# the body: gone + its snapshot, the save link's snapshot, the pinned
	# snapshot; the footnote: the new address, changed + its snapshot
	expect "$f copy read again: its links by footnote and paragraph" \
		"$(jq -r '[.documents[0].references[] | "\(.footnote)/\(.line): \([.links[].url] | join(" "))"] | sort | join("; ")' "$f.json")" \
		"1/1: http://example.org/ok-new-home; 1/2: http://example.org/ok-changed $WB/20230520101010/http://example.org/ok-changed; null/2: http://example.org/gone $WB/20230518040448/http://example.org/gone; null/3: $WB/20230601000000/http://example.org/ok-saved; null/4: $WB/20230301120000/http://example.org/ok-pinned"
	expect "$f: every fix applied" "$(jq -r --arg f "notes.$f" '[.documents[] | select(.path == $f) | .fix.fixes[] | .applied] | unique | join(" ")' all.json)" true
	# each fix placed as the references are: by footnote and paragraph
	expect "$f: the fixes' places" \
		"$(jq -r --arg f "notes.$f" '[.documents[] | select(.path == $f) | .fix.fixes[] | "\(.kind)@\(.where)"] | sort | join("; ")' all.json)" \
		"changed@footnote 1, paragraph 2; dead@paragraph 2; moved@footnote 1, paragraph 1; pin@paragraph 4; save-link@paragraph 3"
done
# every entry kept, in the same order; the ODT's mimetype first and stored
expect "the zips' entries in the same order" "$(python3 - <<'PY'
import zipfile
out = []
for f in ("docx", "odt"):
    a = [i.filename for i in zipfile.ZipFile("notes." + f).infolist()]
    b = zipfile.ZipFile("out/notes." + f).infolist()
    out.append("same" if a == [i.filename for i in b] else "differ")
    if f == "odt":
        out.append("%s:%d" % (b[0].filename, b[0].compress_type))
    same = [n for n in a if n not in ("word/document.xml", "word/footnotes.xml", "word/_rels/document.xml.rels",
                                     "word/_rels/footnotes.xml.rels", "content.xml")
            and zipfile.ZipFile("notes." + f).read(n) != zipfile.ZipFile("out/notes." + f).read(n)]
    out.append("untouched" if not same else "changed: " + " ".join(same))
print(" ".join(out))
PY
)" "same untouched same mimetype:0 untouched"
# LibreOffice opens both copies: their text has the archive link
profile="file://$tmp/lo-profile"
for f in docx odt; do
	mkdir -p "lo-$f"
	soffice --headless "-env:UserInstallation=$profile" --convert-to txt:Text --outdir "lo-$f" "out/notes.$f" > /dev/null 2>&1
	expect "LibreOffice reads the $f copy" "$(sed -n 2p "lo-$f/notes.txt" | tr -d '\r')" \
		"Gone (2023, May 1). Retrieved May 20, 2023, from the ministry page (archived 2023-05-18).1"
done

# formats whose copies are not written, and usage errors
printf '@misc{g, url = {http://example.org/gone}, urldate = {2023-05-20}}\n' > refs.bib
check -q -o bib.json --fix out2 refs.bib
expect "BibTeX: no copy, and why" "$(jq -r '.documents[0].fix | "\(.copy) \(.error) \(.fixes[0].kind):\(.fixes[0].reason)"' bib.json)" \
	"null fixes are written into Markdown, text, reST, HTML, DOCX and ODT only; the report lists them dead:not-written"
# a DOCX of 1.1 MB with a part the reader never opens that inflates to
# 1100 MiB: the copy streams its entries under the reader's budget and is
# refused, exit 2, with no copy (it held the whole GiB and exited 0)
python3 - <<'PY'
import shutil, struct, zipfile
shutil.copy("notes.docx", "bomb.docx")
name = b"word/media/zeros.bin"
with zipfile.ZipFile("bomb.docx", "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open(name.decode(), "w") as f:
        for _ in range(1100):
            f.write(bytes(1 << 20))
# the headers say 2 MB, as a bomb's do to pass a reader's ratio check
data = bytearray(open("bomb.docx", "rb").read())
for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    i = data.find(sig + b"", 0)
    while i >= 0:
        name_at = i + (30 if sig == b"PK\x03\x04" else 46)
        if data[name_at:name_at + len(name)] == name:
            data[i + at:i + at + 4] = struct.pack("<I", 2 << 20)
        i = data.find(sig, i + 4)
open("bomb.docx", "wb").write(data)
PY
check -q -o bomb.json --fix bombout/ bomb.docx 2> bomb.err
expect "a bomb in a part the reader leaves: no copy, exit 2, why" \
	"$? $(cat bomb.err) $(ls bombout | wc -l | tr -d ' ') $(jq -r '.documents[0].fix.error' bomb.json)" \
	"2 citecheck: cannot copy the zip: its parts inflate past 1024 MiB (word/media/zeros.bin) 0 cannot copy the zip: its parts inflate past 1024 MiB (word/media/zeros.bin)"
check -q -o d.json --fix-diff notes.docx > /dev/null
expect "--fix-diff on a DOCX: said why" "$(jq -r '.documents[0].fix.error' d.json)" \
	"--fix-diff is for text formats; --fix writes DOCX and ODT copies"
"$bin" --extract-only --fix out notes.md 2> err.txt
expect "--fix with --extract-only: usage error" "$? $(cat err.txt | head -1)" \
	"2 citecheck: --fix needs the checks' answers: not with --extract-only"
check -q --fix - notes.md page.html > /dev/null 2> err.txt
expect "--fix - with two documents: refused" "$? $(cat err.txt)" \
	"2 citecheck: --fix - writes one document to standard output; 2 were given: name a folder"
check -q --fix notes.md notes.md > /dev/null 2> err.txt
expect "--fix onto the document itself: refused, the document kept" "$? $(cat err.txt) $(cmp notes.orig notes.md && echo same)" \
	"2 citecheck: notes.md is the document itself: its copy goes elsewhere same"

# --fix DIR never writes outside DIR: not through a link planted where the
# copy goes, nor through a linked folder, nor for a path with ".." in it
mkdir -p jail/sub escape victim
printf 'precious\n' > victim/target.md
ln -s ../victim/target.md jail/notes.md
check -q -o /dev/null --fix-moved --fix jail notes.md 2> link.err
expect "a link planted at the copy's name: refused, exit 2, its target untouched" \
	"$? $(cat link.err) $(cat victim/target.md)" \
	"2 citecheck: cannot write jail/notes.md: it is a symbolic link, and nothing is written through one precious"
mkdir -p docs2/sub
cp notes.md docs2/sub/notes.md
ln -s ../escape jail/docs2
check -q -o /dev/null --fix-moved --fix jail docs2/sub/notes.md 2> dir.err
expect "a linked folder on the way: refused, nothing written beyond it" \
	"$? $(cat dir.err) $(ls escape | wc -l | tr -d ' ')" \
	"2 citecheck: cannot write jail/docs2/sub/notes.md: a folder on its way is a symbolic link, and no copy is written through one 0"
mkdir -p deep/er
cp notes.md deep/notes.md
here=$(basename "$tmp")
check -q -o /dev/null --fix-moved --fix jail/sub "deep/er/../../../$here/deep/notes.md" 2> dots.err
expect "a path with '..' inside: the copy stays in the folder, '..' never above it" \
	"$? $(cmp "jail/sub/$here/deep/notes.md" notes.want && echo same) $(ls jail | tr '\n' ' ')" \
	"1 same docs2 notes.md sub "

# the seed: its four URLs with spaces in the host or path of a snapshot
# (lines 317, 406, 456, 496) and line 524's "%3%" are repaired once the
# archive (and the web) confirm the repaired URLs
kill $server $wayback 2> /dev/null
"$bin" --extract-only -q "$seed" |
	jq -r '[.documents[0].references[].links[].normalized // empty | capture("^https://(?<h>[^/:]+)").h] | unique | map("DNS:" + .) | join(",")' > sans
make_cert "$(cat sans)"
start_simweb --default-alive --dead-host thanhvien.vn
cat > seedworld.json <<'JSON'
{"captures": {
 "https://chinh-sach-cuoc-song.vnanet.vn/trien-khai-thuc-hien-cac-chi-thi-cua-bo-chinh-tri-ve-dam-bao-an-ninh-kinh-te/32047.html": [{"ts": "20240229044222", "status": 200, "body": "<p>Trien khai</p>"}],
 "https://www.xaydungdang.org.vn/thoi-su-chinh-tri/thuong-truc-ban-bi-thu-truong-ban-to-chuc-trung-uong-truong-thi-mai-gan-chat-bao-ve-an-ninh-kinh-te-va-bao-ve-20254": [{"ts": "20240228100606", "status": 200, "body": "<p>Xay dung Dang</p>"}],
 "https://thanhpho.laichau.gov.vn/upload/103883/20231219/326_BIEU%20QUY_IV_2023_9c27a.xls": [{"ts": "20240229054322", "status": 200, "type": "application/vnd.ms-excel", "body": "xls"}]
}}
JSON
start_simwayback seedworld.json seedwb.log --replay-rate 1000 --cdx-rate 60000
cp "$seed" seed.txt
"$bin" -q --no-probe --connect-to ":80:127.0.0.1:$P" --connect-to ":443:127.0.0.1:$T" --cacert ca.pem \
	--wayback "http://127.0.0.1:$W" --archive-rate 1000 --cdx-rate 60000 -o seed.json --fix-diff seed.txt > seed.diff
expect "the seed's fixes" "$(jq -r '[.documents[0].fix.fixes[] | "\(.line):\(.kind):\(.applied)"] | join(" ")' seed.json)" \
	"317:repair:true 406:repair:true 456:repair:true 496:repair:true 524:repair:true"
patch -s seed.txt < seed.diff
expect "… the patched seed differs on those lines only" \
	"$(cmp -l "$seed" seed.txt > /dev/null; diff "$seed" seed.txt | grep '^[0-9]' | tr '\n' ' ')" "317c317 406c406 456c456 496c496 524c524 "
expect "… with the hosts a reader's browser reaches and the path encoded" \
	"$(sed -n '317p;406p;456p;496p;524p' seed.txt | grep -o 'https://chinh-sach-cuoc-song\.vnanet\.vn/\|https://www\.xaydungdang\.org\.vn/\|(https:[^)]*326_BIEU%20QUY_IV_2023_9c27a\.xls)\|_channel=t%e1%ba%a0pch%253%8dm' | sed 's|(https:.*/326|(…/326|' | tr '\n' ' ')" \
	"https://chinh-sach-cuoc-song.vnanet.vn/ https://www.xaydungdang.org.vn/ https://www.xaydungdang.org.vn/ (…/326_BIEU%20QUY_IV_2023_9c27a.xls) _channel=t%e1%ba%a0pch%253%8dm "
expect_valid_reports
finish fix
