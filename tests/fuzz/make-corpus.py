#!/usr/bin/env python3
"""Makes the fuzz targets' seed corpora (tests/fuzz/corpus/TARGET/) from the
project's fixtures: small slices, so that libFuzzer's inputs stay short and
its runs fast. Run from the top of the repository; the output is committed."""
import os, re, zipfile

F = 'fixtures'
OUT = 'tests/fuzz/corpus'
SEP = b'\n=====\n'


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def slices(data, size=4096, count=4):
    """count slices of size bytes spread over data, cut at line starts."""
    out = []
    step = max(1, len(data) // count)
    for i in range(count):
        start = data.rfind(b'\n', 0, i * step) + 1
        out.append(data[start:start + size])
    return out


seed = read(f'{F}/000_639fc2e66c0e2ab4.txt')
refs = seed[seed.find(b'# REFERENCES'):]
for i, s in enumerate(slices(seed) + slices(refs)):
    put('text', f'seed-{i}', s)
for name in ('001_c25326fb54ddfca2.txt', '003_859f0b2278fb3f37.txt'):
    put('text', name, read(f'{F}/{name}')[:4096])
for name in ('nist-sp800-63b-references.md', 'ossf-pyscg-concurrency.md', 'ph-fr-analyse-tfidf.md',
             'pep-3104.rst'):
    for i, s in enumerate(slices(read(f'{F}/corpus/{name}'), count=2)):
        put('markdown', f'{name}-{i}', s)
for i, s in enumerate(slices(read(f'{F}/formats/seed.md'), count=4)):
    put('markdown', f'seed-md-{i}', s)
for name in ('relative.html', 'nobase.html'):
    put('html', name, read(f'{F}/formats/{name}'))
for name in ('seed.html', 'seed-lo.html'):
    html = read(f'{F}/formats/{name}')
    put('html', name + '-head', html[:6000])
    notes = html.find(b'footnote')
    put('html', name + '-notes', html[:300] + html[notes:notes + 6000])
wiki = read(f'{F}/corpus/wikipedia-mozilla.html')
put('html', 'wikipedia-refs', wiki[wiki.find(b'<ol class="references"'):][:8000])
put('page_text', 'wikipedia', wiki[:12000])
put('page_text', 'seed', read(f'{F}/formats/seed.html')[:8000])
put('bibtex', 'refs.bib', read(f'{F}/formats/refs.bib'))
put('bibtex', 'strings.bib', '@string{j = "Journal"}\n@string{x = j # " of " # {Things}}\n'
    '@article{k1, title = {A {B} \\& C}, journal = x, year = 2020, month = feb,\n'
    '  url = {https://a.example.org/x}, urldate = {2024-02-05}, note = "Accessed " # x}\n'
    '@comment{skip}\n@online(k2, author = "A and B", url = "http://b.example.org", date = {2023-01})\n')
put('csl_json', 'refs.json', read(f'{F}/formats/refs.json'))


def zip_parts(path, names):
    with zipfile.ZipFile(path) as z:
        have = set(z.namelist())
        return SEP.join(z.read(n) if n in have else b'' for n in names)


docx_parts = ('word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml',
              'word/_rels/document.xml.rels', 'word/settings.xml')
put('docx', 'endnotes', zip_parts(f'{F}/formats/endnotes.docx', docx_parts))
seed_docx = zip_parts(f'{F}/formats/seed.docx', docx_parts)
put('docx', 'seed-cut', seed_docx[:3000] + b'</w:body></w:document>' + seed_docx[seed_docx.find(SEP):][:6000])
put('odt', 'endnotes', zip_parts(f'{F}/formats/endnotes.odt', ('content.xml',))[:12000])
with zipfile.ZipFile(f'{F}/formats/seed.epub') as z:
    opf = next(n for n in z.namelist() if n.endswith('.opf'))
    chapters = [n for n in z.namelist() if n.endswith('.xhtml')][:3]
    # the harness puts the package at OEBPS/content.opf and chapters at OEBPS/c1.xhtml …
    package = (b'<package><manifest><item id="a" href="c1.xhtml"/><item id="b" href="c2.xhtml"/>'
               b'<item id="n" href="notes.xhtml"/></manifest><spine><itemref idref="a"/>'
               b'<itemref idref="b"/><itemref idref="n"/></spine></package>')
    put('epub', 'seed', SEP.join([package] + [z.read(c)[:5000] for c in chapters]))
urls = [l for l in seed.split(b'\n') if b'http' in l]
for i in range(0, min(len(urls), 120), 30):
    put('urls', f'seed-{i}', b'\n'.join(urls[i:i + 30]))
put('urls', 'shapes', '[text](https://a.example.org/x_(y) "t") <https://b.example.org/>\n'
    '[^1]: https://web.archive.org/web/2/https://c.example.org/a\n'
    'https://web.archive.org/save/https://d.example.org/ doi:10.1000/x https://doi.org/10.1000/y\n'
    '`https://code.example.org/` ![i](https://img.example.org/a.png) [ref]: https://e.example.org/\n')
dates = [l[:300] for l in refs.split(b'\n') if re.search(rb'(19|20)\d\d', l)][:40]
put('dates', 'seed', b'\n'.join(dates))
put('dates', 'shapes', 'Smith, J. (2023, March 5). Title. Retrieved 5 February 2024, from https://x.example.org\n'
    'Accessed: 2024-02-05. [cited 2024 Feb 5]. abgerufen am 5. Februar 2024. Truy cập ngày 19/02/2024.')
put('wayback', 'cdx', b'\x00[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
    b'["org,example)/","20230101000000","https://example.org/","text/html","200","AAA","100"],'
    b'["org,example)/","20240220120000","https://example.org/","warc/revisit","-","AAA","90"]]')
put('wayback', 'spn', b'\x01{"job_id":"spn2-abc","status":"success","timestamp":"20240220120000","status_ext":"x"}')
put('wayback', 'replay', b'\x02https://web.archive.org/web/20240220120000id_/https://example.org/')
put('wayback', 'date', b'\x02Tue, 20 Feb 2024 12:00:00 GMT')
# a citation's title, then an agency's CSL-JSON answer (Crossref's and DataCite's shapes)
put('doi', 'crossref', 'Measuring link rot: a decade\n{"type":"article-journal","title":"Measuring link rot",'
    '"author":[{"given":"A.","family":"Okafor","sequence":"first"}],"issued":{"date-parts":[[2021,3]]},'
    '"published-print":{"date-parts":[[2022]]},"container-title":["Journal"],"DOI":"10.5555/x"}')
put('doi', 'datacite', 'Café data…\n{"type":"dataset","title":"Café data in Hà Nội","author":[{"literal":"A Lab"}],'
    '"issued":{"date-parts":[["2019"]]},"publisher":"Zenodo"}')
