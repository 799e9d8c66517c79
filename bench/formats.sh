#!/bin/sh
# Reader benchmark (issue: DOCX, ODT, EPUB, HTML, BibTeX, CSL-JSON). Prints
# extraction throughput (MB of document per second) and peak RSS for the
# seed's DOCX and HTML fixtures scaled up to >= 20 MB: the body is repeated
# (its note references point at the same notes), the notes come once, so the
# references stay those of the seed while the document grows. Peak RSS of the
# small fixture is printed beside it: memory should follow the references.
# Baselines, measured in the same run on the same files: grep -c over the
# HTML (the cheapest full scan), and unzip -p of the DOCX's XML to wc
# (inflation alone, the floor for any DOCX reader).
# Needs python3, unzip and GNU time (/usr/bin/time).
# Usage: bench/formats.sh [BUILD_DIR]   (default build)
set -eu
bin=${1:-build}/citecheck
fx=fixtures/formats
out=${BENCH_DIR:-bench/out}
mkdir -p "$out"

python3 - "$fx" "$out" <<'EOF'
import re, sys, zipfile
fx, out = sys.argv[1], sys.argv[2]
TARGET = 20 * 1024 * 1024

# HTML: everything between <body> and the notes section, repeated
html = open(f'{fx}/seed.html', encoding='utf-8').read()
start = html.index('<body>') + len('<body>')
notes = html.index('<section class="footnotes')
body = html[start:notes]
copies = TARGET // len(body.encode()) + 1
open(f'{out}/big.html', 'w', encoding='utf-8').write(html[:start] + body * copies + html[notes:])

# DOCX: the body's paragraphs repeated, every other part as it was
src = zipfile.ZipFile(f'{fx}/seed.docx')
doc = src.read('word/document.xml').decode()
b = doc.index('<w:body>') + len('<w:body>')
e = doc.rindex('<w:sectPr')
paras = doc[b:e]
with zipfile.ZipFile(f'{out}/big.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    for info in src.infolist():
        if info.filename != 'word/document.xml':
            z.writestr(info, src.read(info.filename))
    with z.open('word/document.xml', 'w', force_zip64=True) as f:
        f.write(doc[:b].encode())
        chunk = paras.encode()
        k = 0
        # repeat until the compressed file passes the target
        while True:
            f.write(chunk)
            k += 1
            if k % 50 == 0 and z.fp.tell() > TARGET:
                break
        f.write(doc[e:].encode())
EOF

measure() { # measure LABEL COMMAND…: prints seconds and peak RSS (KB) of the command
	/usr/bin/time -f '%e %M' -o "$out/time" "$@" > /dev/null 2>&1 || true
	tail -n 1 "$out/time" # GNU time says a non-zero exit on a line of its own
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { if (s < 0.005) s = 0.005; printf "%.0f", b / 1048576 / s }'; }

for kind in html docx; do
	big=$out/big.$kind
	small=$fx/seed.$kind
	bytes=$(wc -c < "$big")
	set -- $(measure "$bin" --extract-only -q "$big")
	secs=$1 rss=$2
	set -- $(measure "$bin" --extract-only -q "$small")
	small_rss=$2
	if [ "$kind" = html ]; then
		set -- $(measure grep -c '<a ' "$big")
		base=$1 base_name="grep -c over the file"
	else
		set -- $(measure sh -c "unzip -p '$big' word/document.xml | wc -c")
		base=$1 base_name="unzip -p of word/document.xml"
	fi
	refs=$("$bin" --extract-only -q "$big" | jq -c '[.summary.references, .summary.links, .summary.footnotes.defined]')
	small_refs=$("$bin" --extract-only -q "$small" | jq -c '[.summary.references, .summary.links, .summary.footnotes.defined]')
	echo "$kind: $(mb "$bytes") MB in ${secs} s = $(rate "$bytes" "$secs") MB/s (target >= 50); peak RSS $((rss / 1024)) MB"
	echo "  the $(mb "$(wc -c < "$small")") MB fixture: peak RSS $((small_rss / 1024)) MB; references, links, notes: $small_refs (scaled: $refs)"
	echo "  baseline, $base_name: ${base} s = $(rate "$bytes" "$base") MB/s; citecheck takes $(awk -v a="$secs" -v b="$base" 'BEGIN { if (b < 0.005) b = 0.005; printf "%.1f", a / b }')x its time"
done
if [ "$kind" = docx ]; then
	xml=$(unzip -p "$out/big.docx" word/document.xml | wc -c)
	echo "  (the DOCX holds $(mb "$xml") MB of XML: $(rate "$xml" "$secs") MB/s of XML parsed)"
fi
