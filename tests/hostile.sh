#!/bin/sh
# hostile.sh — documents as an attacker or a broken disk would make them: zip
# bombs, entity expansion, external entities, encryption, truncation, and
# files that are not what they claim. Each must end in exit 2 with a clear
# message (or be read safely), never a crash, a hang or a file read off disk.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fx=$2/formats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

python3 - <<'EOF'
import struct, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, document, extra=()):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<Types/>')
        z.writestr('word/document.xml', document)
        for n, d in extra:
            z.writestr(n, d)
body = lambda t: f'<w:document {W}><w:body><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:body></w:document>'
lol = '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + ''.join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + ']>\n'
docx('laughs.docx', lol + body('&j;'))
docx('xxe.docx', '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + body('&x;'))
docx('param.docx', '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n' + body('x'))
docx('broken.docx', f'<w:document {W}><w:body><w:p>')
with zipfile.ZipFile('notdoc.zip', 'w') as z:
    z.writestr('a.txt', 'hello')
# 200 MiB of blanks in a 200 KB file, sizes told truthfully
with zipfile.ZipFile('bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    with z.open('word/document.xml', 'w', force_zip64=True) as f:
        f.write(f'<w:document {W}><w:body><w:p><w:r><w:t>'.encode())
        block = b' ' * (1 << 20)
        for _ in range(200):
            f.write(block)
        f.write(b'</w:t></w:r></w:p></w:body></w:document>')
# the same, with sizes that lie (1000 bytes) in every header
data = bytearray(open('bomb.docx', 'rb').read())
for sig, off in ((b'PK\x01\x02', 24), (b'PK\x03\x04', 22)):
    p = data.find(sig)
    while p >= 0:
        struct.pack_into('<I', data, p + off, 1000)
        p = data.find(sig, p + 4)
p = data.find(b'\x01\x00\x10\x00')
while p >= 0:
    struct.pack_into('<Q', data, p + 4, 1000)
    p = data.find(b'\x01\x00\x10\x00', p + 4)
open('liar.docx', 'wb').write(data)
with zipfile.ZipFile('many.docx', 'w', zipfile.ZIP_STORED) as z:
    for i in range(20001):
        z.writestr(f'e{i}', '')
# an EPUB chapter that declares an external entity: read as HTML, never expanded
with zipfile.ZipFile('xxe.epub', 'w') as z:
    z.writestr('mimetype', 'application/epub+zip')
    z.writestr('META-INF/container.xml', '<container><rootfiles><rootfile full-path="OEBPS/p.opf"/></rootfiles></container>')
    z.writestr('OEBPS/p.opf', '<package><manifest><item id="c" href="c.xhtml"/></manifest><spine><itemref idref="c"/></spine></package>')
    z.writestr('OEBPS/c.xhtml', '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<html><body><p>Entity: &x; https://ok.example.org/</p></body></html>')
EOF

run() { # run FILE: exit status, first line of stderr, no report on stdout expected
	"$bin" --extract-only -q "$@" > out.json 2> err
	echo "$? $(head -1 err)"
}

expect "billion laughs: refused at the first entity" "$(run laughs.docx)" \
	'2 citecheck: laughs.docx: word/document.xml is refused: it declares the entity "a" (line 2): entity declarations are refused'
expect "external entity: refused" "$(run xxe.docx)" \
	'2 citecheck: xxe.docx: word/document.xml is refused: it declares the entity "x" (line 2): entity declarations are refused'
expect "external parameter entity: refused" "$(run param.docx)" \
	'2 citecheck: param.docx: word/document.xml is refused: it declares the entity "p" (line 2): entity declarations are refused'
expect "no passwd line anywhere" "$(cat out.json err | grep -c 'root:')" 0
expect_match "unclosed XML" "$(run broken.docx)" \
	'^2 citecheck: broken.docx: word/document.xml is not well-formed XML \(line 1: .+\)$'
expect "zip bomb (sizes told): refused before inflating" "$(run bomb.docx)" \
	"2 citecheck: bomb.docx: entry word/document.xml would inflate to 209715346 bytes, over the limit of $((16777216 + 100 * $(wc -c < bomb.docx))) for a $(wc -c < bomb.docx)-byte file (zip bomb?)"
expect_match "zip bomb (sizes lie): stopped" "$(run liar.docx)" '^2 citecheck: liar.docx: .*(zip bomb|cannot be read)'
expect "20001 entries: refused" "$(run many.docx)" \
	'2 citecheck: many.docx: the archive has more than 20000 entries: not a document (zip bomb?)'
expect_match "encrypted: said so" "$(run "$fx/encrypted.docx")" \
	'^2 citecheck: .*encrypted.docx: the document is encrypted \(entry .+\): save it without a password and try again$'
head -c 20000 "$fx/seed.docx" > cut.docx
expect_match "truncated: corrupt or truncated" "$(run cut.docx)" '^2 citecheck: cut.docx: the zip archive is corrupt or truncated'
expect "a zip that is no document" "$(run notdoc.zip)" \
	'2 citecheck: notdoc.zip: this is a zip archive but not a DOCX, ODT or EPUB document (no word/document.xml, content.xml or META-INF/container.xml)'
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n' > pic.svg
expect "XML of another kind" "$(run pic.svg)" \
	'2 citecheck: pic.svg: this is an XML document of a kind citecheck does not read (it reads HTML, XHTML, DOCX, ODT and EPUB)'
printf '@article{k,\n  title = {never closed,\n' > bad.bib
expect "BibTeX: an unclosed brace" "$(run bad.bib)" \
	'2 citecheck: bad.bib: not valid BibTeX: a value opened on line 2 is never closed'
printf '[{"id": 1,\n' > bad.json
expect_match "JSON: cut short" "$(run bad.json)" '^2 citecheck: bad.json: not valid JSON \(line 2, column [0-9]+: .+\)$'
printf '{"a": 1}\n' > obj.json
expect "JSON of another shape" "$(run obj.json)" \
	'2 citecheck: obj.json: not CSL-JSON: expected an array of items (or {"items": [...]})'
printf '["a", "b"]\n' > nums.json
expect "JSON items that are no objects" "$(run nums.json)" '2 citecheck: nums.json: not CSL-JSON: item 1 is not an object'
expect "an EPUB chapter's entity is not expanded" "$(run xxe.epub)" "0 "
expect "… and its text and link are read" "$(jq -c '[.documents[0].references[].links[].url, (.documents[0].references[0].text | contains("root:"))]' out.json)" \
	'["https://ok.example.org/",false]'
expect "--input-format docx on a text file" "$(run --input-format docx "$2/001_c25326fb54ddfca2.txt")" \
	"2 citecheck: $2/001_c25326fb54ddfca2.txt: the zip archive is corrupt or truncated (opening it: Unrecognized archive format)"

finish hostile
