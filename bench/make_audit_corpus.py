#!/usr/bin/env python3
"""Writes the documents of bench/audit.sh into the current folder: N
documents (Markdown, HTML and DOCX in turn) whose reference lists are the
seed report's own entries with their URLs replaced by pages of a simulated
web of H hosts with P pages each (hex names, as unlike one another as real
addresses, so that the typo check finds no near-duplicates), L links a document, drawn with a fixed
seed so that documents overlap. Prints the number of distinct URLs cited.

usage: make_audit_corpus.py SEED DOCS LINKS HOSTS PAGES"""
import hashlib
import html
import random
import re
import sys
import zipfile

seed, docs, links, hosts, pages = sys.argv[1], *map(int, sys.argv[2:6])
entries = []
for line in open(seed, encoding="utf-8"):
    m = re.match(r"^\s*-?\s*(.*?)<https?://[^>]*>(.*)$", line)
    if m and len(m.group(1)) > 20:
        entries.append(m.group(1))  # the author, date, title and "Retrieved … from" of a real entry
rng = random.Random(20261129)


def name(kind, i):
    return hashlib.sha1(("%s %d" % (kind, i)).encode()).hexdigest()[:10]


cited = set()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
for d in range(docs):
    refs = []
    for k in range(links):
        h, p = rng.randrange(hosts), rng.randrange(pages)
        # names as unlike as real ones: numbered names would all be near-duplicates
        url = "http://%s.example/%s" % (name("host", h), name("page %d" % h, p))
        cited.add(url)
        refs.append((entries[(d * links + k) % len(entries)], url))
    kind = d % 3
    if kind == 0:
        with open("doc%04d.md" % d, "w", encoding="utf-8") as f:
            f.write("# Brief %d\n\nA paragraph of the brief.\n\n## References\n\n" % d)
            for i, (text, url) in enumerate(refs, 1):
                f.write("%d. %s<%s>\n" % (i, text, url))
    elif kind == 1:
        with open("doc%04d.html" % d, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><body><h1>Brief %d</h1><h2>References</h2><ol>\n" % d)
            for text, url in refs:
                f.write('<li>%s<a href="%s">%s</a></li>\n' % (html.escape(text), url, url))
            f.write("</ol></body></html>\n")
    else:
        paras = "".join("<w:p><w:r><w:t xml:space=\"preserve\">%s%s</w:t></w:r></w:p>" % (html.escape(text), url)
                        for text, url in refs)
        with zipfile.ZipFile("doc%04d.docx" % d, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document %s><w:body><w:p><w:r><w:t>References</w:t></w:r></w:p>%s"
                       "</w:body></w:document>" % (W, paras))
print(len(cited))
