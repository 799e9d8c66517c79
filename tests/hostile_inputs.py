#!/usr/bin/env python3
"""The hostile documents of the hardening audit, written into the current
folder: tests/hardening.sh asserts what citecheck makes of each, and
bench/hostile.sh measures its time and memory on them. Numbered as the
audit numbered the defects."""
import zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, document):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<Types/>')
        z.writestr('word/document.xml', document)
def body(inner):
    return f'<w:document {W}><w:body>{inner}</w:body></w:document>'
# 1. a mismatched end tag whose name is 40,000 letters: libxml2 quotes it whole
docx('longname.docx', body('<w:p><' + 'A' * 40000 + '></w:body>'))
# 2. HYPERLINK instructions that end in a lone backslash
docx('backslash.docx', body(
    '<w:p><w:fldSimple w:instr="HYPERLINK \\"><w:r><w:t>simple</w:t></w:r></w:fldSimple></w:p>'
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK \\</w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>complex</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    '<w:p><w:r><w:t>After: https://after.example.org/page</w:t></w:r></w:p>'))
# 4. an EPUB whose spine reads 5,000 chapters, stored after 14,000 other
# entries, backwards and then again: 10,000 itemrefs
with zipfile.ZipFile('spine.epub', 'w', zipfile.ZIP_STORED) as z:
    z.writestr('mimetype', 'application/epub+zip')
    z.writestr('META-INF/container.xml', '<container><rootfiles><rootfile full-path="p.opf"/></rootfiles></container>')
    ids = [f'c{i}' for i in range(5000)]
    z.writestr('p.opf', '<package><manifest>' + ''.join(f'<item id="{c}" href="{c}.xhtml"/>' for c in ids) +
               '</manifest><spine>' + ''.join(f'<itemref idref="{c}"/>' for c in ids[::-1] * 2) + '</spine></package>')
    for i in range(14000):
        z.writestr(f'f/{i}', '')
    for c in ids:
        z.writestr(f'{c}.xhtml', f'<html><body><p>Chapter {c}: https://{c}.example.org/</p></body></html>')
# 5. start tags of 10^6 attributes (HTML, 12 MB; XML inside a DOCX), and
# attribute names of 10^5 letters
attrs = ' '.join(f'a{i}="1"' for i in range(1000000))
open('attrs.html', 'w').write(f'<!DOCTYPE html><html><body>\n<p {attrs}>See https://h.example.org/page</p>\n'
                              '<p>Then https://h2.example.org/ too.</p></body></html>\n')
docx('attrs.docx', body(f'<w:p {attrs}><w:r><w:t>See https://x.example.org/page</w:t></w:r></w:p>'))
names = ' '.join(f'{c * 100000}="1"' for c in 'bcd')
open('names.html', 'w').write(f'<!DOCTYPE html><html><body>\n<p {names}>See https://n.example.org/</p></body></html>\n')
# 8. numbers at the edge of a long, from the document
settings = f'<w:settings {W}><w:footnotePr><w:numStart w:val="9223372036854775807"/></w:footnotePr></w:settings>'
with zipfile.ZipFile('numstart.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('word/settings.xml', settings)
    z.writestr('word/document.xml', body(''.join(
        f'<w:p><w:r><w:t>Claim {i}</w:t></w:r><w:r><w:footnoteReference w:id="{i}"/></w:r></w:p>' for i in (1, 2))))
    z.writestr('word/footnotes.xml', f'<w:footnotes {W}>' + ''.join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t>Source {i}, https://n{i}.example.org/</w:t></w:r></w:p></w:footnote>'
        for i in (1, 2)) + '</w:footnotes>')
open('numbers.html', 'w').write(
    '<!DOCTYPE html><html><body><h2>References</h2>'
    '<ol start="-9223372036854775808"><li>A, https://a.example.org/</li></ol>'
    '<ol><li value="9223372036854775807">B, https://b.example.org/</li><li>C, https://c.example.org/</li></ol>'
    '</body></html>\n')
# 3. @string macros that double at every level: 10^9 bytes from 600
with open('bomb.bib', 'w') as f:
    f.write('@string{a0 = "aaaaaaaaaa"}\n')
    for k in range(1, 9):
        f.write(f'@string{{a{k} = ' + ' # '.join([f'a{k-1}'] * 10) + '}\n')
    f.write('@misc{k, title = a8, url = {https://x.example.org/}}\n')
# … and values under the 1 MiB cap, copied out of a macro 70 times: 1,111,100
# bytes for the macros, then 10^6 an entry, past 64 MiB at the 66th (line 72)
with open('bomb2.bib', 'w') as f:
    f.write('@string{a0 = "aaaaaaaaaa"}\n')
    for k in range(1, 6):
        f.write(f'@string{{a{k} = ' + ' # '.join([f'a{k-1}'] * 10) + '}\n')
    for i in range(70):
        f.write(f'@misc{{k{i}, note = a5, url = {{https://x.example.org/{i}}}}}\n')
# 6. one-line scans that grew with the square of the line (lines under the 1 MiB cap)
open('brackets.md', 'w').write('[' * 1000000 + '\n')
open('closers.md', 'w').write('See https://p.example.org/a' + ')' * 1000000 + '\n')
open('backslashes.md', 'w').write('See https://b.example.org/' + '\\' * 1000000 + 'z\n')
open('schemes.md', 'w').write('# References\n\n1. Author. Title. ' + 'a://' * 250000 + '\n')
open('parens.md', 'w').write('[a](' * 250000 + '\n')
open('links.md', 'w').write(' '.join(f'https://l.example.org/{i}' for i in range(35000)) + '\n')
# 7. memory: 8 M empty CSL-JSON items (24 MB); one source of 10^6
# continuation-line links (28 MB); 10^6 footnotes defined, one cited (18 MB)
with open('empty.json', 'w') as f:
    f.write('[' + '{},' * 8000000 + '{}]\n')
with open('farm.md', 'w') as f:
    f.write('# References\n\n1. Source. https://x.example.org/0\n')
    f.writelines(f'   https://x.example.org/{i}\n' for i in range(1, 1000000))
with open('defs.md', 'w') as f:
    f.write('Text.[^1]\n\n')
    f.writelines(f'[^{i}]: Note {i}.\n' for i in range(1, 1000001))
# 9. a footnote label and a link text holding ESC c (a terminal reset)
open('escape.md', 'w').write('Text.[^a]\n\n[^a]: See https://esc.example.org/ page.\n\n[^\x1bc\x9b]: Unused.\n')
# 10. the second audit: a PDF of 100,000 two-letter words stacked at one
# spot (poppler's layout is quadratic there); a config file of 500,000
# nested "[" (libyaml's scanner is quadratic in the depth)
import zlib
words = " ".join("1 0 0 1 72 720 Tm (%s%s) Tj" % (chr(65 + i % 26), chr(97 + i // 26 % 26)) for i in range(100000))
stream = zlib.compress(("BT /F1 11 Tf " + words + " ET").encode(), 9)
pdf_objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
out, offsets = b"%PDF-1.4\n", []
for i, o in enumerate(pdf_objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(pdf_objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(pdf_objs) + 1, xref)
open('stacked.pdf', 'wb').write(out)
open('deep.yml', 'w').write('hosts: ' + '[' * 500000 + ']' * 500000 + '\n')
