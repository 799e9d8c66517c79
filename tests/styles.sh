#!/bin/sh
# Reference lists in the styles and languages people write them in
# (fixtures/styles/, written by hand for this test). Every expectation is read
# from the fixture named on its line.
. "$(dirname "$0")/lib.sh"
bin=$1
dir=$2/styles
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run() { "$bin" --extract-only -q "$dir/$1" > "$out"; }
q() { jq -r "$1" "$out"; }
# one line per reference: where, label, URLs, published, accessed
refs() { q '.documents[0].references[] | select(.where=="references") | "\(.footnote // .key // "-") \([.links[].url] | join(",")) \(.published // "-") \(.accessed // "-")"'; }

run ieee.md
expect "ieee: [1] has no URL and stays its own entry; [Online]. Available: …; [Accessed: 5 Feb. 2024]; (accessed Jan. 12, 2024)" "$(refs)" \
"1  2021 -
2 https://www.worldbank.org/en/topic/energy/publication/off-grid-2022 2022 2024-02-05
3 https://www.irena.org/Publications/2023/Mar/Renewable-capacity-statistics-2023 2023-03 2024-01-12"

run vancouver.txt
expect "vancouver: [cited 2024 Feb 5], '2022 Mar 14 [updated …; cited 2024 Jan 30]'" "$(refs)" \
"1 https://www.who.int/publications/i/item/9789240086173 2023 2024-02-05
2  2018 -
3 https://moh.example.gov.vn/malaria-guidelines 2022-03-14 2024-01-30"

run iso690.md
expect "iso690: [viewed 5 February 2024], [cit. 2024-01-30]" "$(refs)" \
"1 https://water.example.org/tariff-2019.pdf 2020 2024-02-05
2 https://www.oecd.org/water/pricing 2021 2024-01-30"

run de.md
expect "de: Literaturverzeichnis; 'abgerufen am 5. Februar 2024', 'Zugriff am 30.01.2024', '12. März 2024'" "$(refs)" \
"1 https://www.statistik.sachsen.de/mietpreisindex-2023 2024-03-12 2024-02-05
2 https://www.leipzig.de/mietpreisbremse 2022 2024-01-30"

run es.md
expect "es: Referencias; 'Recuperado el 5 de febrero de 2024', 'consultado el', '[fecha de consulta: …]'" "$(refs)" \
"- https://www.ine.gob.example/encuesta-hogares-2022 2022 2024-02-05
- https://www.minsalud.example/agua-2023 2023 2024-01-30
- https://www.cepal.org/es/agua-saneamiento 2021 2024-01-12"

run pt.md
expect "pt (ABNT): Referências; paragraphs, the one without a URL its own; 'Acesso em: 5 fev. 2024'" "$(refs)" \
"- http://www.obt.inpe.br/OBT/assuntos/programas/amazonia/prodes 2023 2024-02-05
-  2023 -
- https://www.gov.br/ibama/relatorio-2023 2024-03-14 2024-01-30"
expect "pt: the entry without a URL starts with BRASIL" "$(q '.documents[0].references[1].text[0:7]')" "BRASIL."

run it.md
expect "it: Riferimenti bibliografici; 'consultato il 5 febbraio 2024', 'ultimo accesso: 30/01/2024'" "$(refs)" \
"1 https://www.arpalombardia.it/rapporto-aria-2023 2024 2024-02-05
2 https://www.comune.milano.it/piano-aria-clima - 2024-01-30"

run nl.md
expect "nl: Literatuurlijst; 'Geraadpleegd op 5 februari 2024'" "$(refs)" \
"- https://www.utrecht.nl/fietstelling-2023 2023 2024-02-05
- https://www.cbs.nl/mobiliteit-2022 2022 2024-01-30"

run vi.md
expect "vi: Tài liệu tham khảo; 'Truy cập ngày 5/2/2024', 'truy cập ngày 30 tháng 1 năm 2024'" "$(refs)" \
"1 https://monre.gov.vn/bao-cao-moi-truong-2023 2024 2024-02-05
2 https://soyte.hanoi.gov.vn/khuyen-cao-o-nhiem 2023 2024-01-30"

run entries.md
expect "entries: four APA paragraphs, two without a URL, none merged" "$(refs)" \
"-  2020 -
- https://reports.example.org/jones-2021 2021 2024-02-05
-  2019 -
- https://data.example.org/park 2022 -"

run further.md
expect "further: body links stay body links; 'See also' and 'External links' lists are references; 'Reading list' prose is not" \
	"$(q '[.documents[0].references[] | "\(.where):\(.links[0].url)"] | join(" ")')" \
	"body:https://shop.example-council.gov/bins body:https://compost.example.org/quick references:https://www.epa.gov/recycle/composting-home references:https://www.soilassociation.org/ references:https://en.wikipedia.org/wiki/Compost"

run links.rst
expect "rst: named and anonymous hyperlinks, targets; the literal in the body is none" \
	"$(q '[.documents[0].references[] | select(.where=="body") | "\(.text)=\(.links[0].url)"] | join(" ")')" \
	"PEP 427=https://peps.python.org/pep-0427/ the build frontend=https://pypa-build.readthedocs.io/en/stable/ https://packaging.python.org/en/latest/=https://packaging.python.org/en/latest/ https://python-packaging.readthedocs.io/en/latest/=https://python-packaging.readthedocs.io/en/latest/"
expect "rst: the bibliography's hyperlink is its entry's URL" "$(refs)" \
"Ward2019 https://example-press.org/packaging-in-practice 2019 2024-03-03
PyPA https://packaging.python.org/en/latest/glossary/ - -"
expect "rst: [Ward2019]_ and [PyPA]_ cite them" "$(q '"\(.summary.footnotes.cited) \(.summary.footnotes.defined)"')" "2 2"

run pandoc.md
expect "pandoc: each '[@key]: target' its own reference, keyed; doi: is a DOI checked at doi.org; isbn: listed" \
	"$(q '[.documents[0].references[] | "\(.footnote)/\(.key) \(.links[0].kind) \(.links[0].normalized // .links[0].url)"] | join("\n")')" \
"oecd2021/oecd2021 direct https://www.oecd.org/gov/open-government-data.htm
worldbank2020/worldbank2020 direct https://data.worldbank.org/about
zenodo2019/zenodo2019 doi https://doi.org/10.5281/zenodo.3385865
handbook/handbook direct isbn:9780262033848"
expect "pandoc: the four keys cited in [@a; @b, p. 4], [@c], [see @d]" "$(q '"\(.summary.footnotes.cited) \(.summary.footnotes.defined) \(.documents[0].problems | length)"')" "4 4 0"
printf 'Cited [@known] and [@missing]; write to me@mail.example.org.\n\n[@known]: https://known.example.org/\n' > "$out.md"
"$bin" --extract-only -q "$out.md" > "$out"
expect "pandoc: a key cited and defined nowhere, once a key is defined here; an e-mail is no key" \
	"$(q '[.documents[0].problems[] | "\(.code) \(.line):\(.column) \(.message)"] | join("\n")')" \
	"footnote-undefined 1:21 citation @missing is cited but never defined"
printf 'Cited [@external] from a .bib file, see https://a.example.org/.\n' > "$out.md"
"$bin" --extract-only -q "$out.md" > "$out"
expect "pandoc: keys defined in no document (a .bib beside it) are no finding" "$(q '.documents[0].problems | length')" 0
rm -f "$out.md"

run html-notes.md
expect "HTML footnotes in Markdown: <sup><a href=#fnN>N</a></sup> cites, <li id=fnN> defines; <code> URL kept" "$(refs)" \
"1 https://climate.nasa.gov/vital-signs/sea-level/ - 2024-02-05
2 https://coast.example.gov/survey-2023.pdf 2023 2024-01-30"
expect "HTML footnotes: two cited, two defined, nothing amiss" "$(q '"\(.summary.footnotes.cited) \(.summary.footnotes.defined) \(.documents[0].problems | length)"')" "2 2 0"

run manual.adoc
expect "asciidoc: format, footnote:[…] and footnote:id[…] numbered as printed, [[[key]]] entries keyed, URL[text] ends at '['" \
	"$(q '.documents[0].format as $f | [.documents[0].references[] | "\($f) \(.where) \(.footnote // "-") \(.links[0].url // "-") \(.accessed // "-")"] | join("\n")')" \
"asciidoc references 1 https://docs.sigstore.dev/signing/quickstart/ -
asciidoc references 2 https://semver.org/spec/v2.0.0.html -
asciidoc body - https://www.openssf.org/ -
asciidoc references keepachangelog https://keepachangelog.com/en/1.1.0/ 2024-02-05
asciidoc references reproducible https://reproducible-builds.org/docs/definition/ -
asciidoc references pro-git - -"
expect "asciidoc: <<keepachangelog>> and <<reproducible>> cite; pro-git never is" \
	"$(q '[.documents[0].problems[] | "\(.code) \(.line) \(.message)"] | join("\n")')" \
	"footnote-uncited 14 bibliography entry pro-git is defined but never cited"

run notes.html
expect "html: note groups keep the labels their markers show ([note 1], [a]) apart from [1], [2]; 'Archived from the original on' is no publication date" "$(refs)" \
"note 1  - -
a https://www.hydropower.example.org/dams/river - -
1 https://news.example.com/1998/dam 1998-05-12 2024-02-05
2 https://energy.example.org/turbines 2020 -"
expect "html: navigation, the edit link, the print footer, 'How to cite this page' and the footer give nothing" \
	"$(q '[.documents[0].references[] | select(.where=="body")] | length')" 0
expect "html: four notes cited, four defined, nothing amiss" "$(q '"\(.summary.footnotes.cited) \(.summary.footnotes.defined) \(.documents[0].problems | length)"')" "4 4 0"

run deflist.md
expect "definition list: each term labels the source its definition gives; the one without a URL stays its own" \
	"$(q '[.documents[0].references[] | "\(.key)|\(.links[0].url // "-")|\(.published)|\(.accessed // "-")"] | join("\n")')" \
"Smith 2020|https://heat.example.org/europe|2020|2024-02-05
Lee 2019|-|2019|-
Park 2022|https://data.example.org/park|2022|-"

run code-notes.md
expect "code spans: a URL as code in a note and in a bibliography is a link; in the body it is not" "$(refs)" \
"ssp https://gcc.gnu.org/onlinedocs/gcc/Instrumentation-Options.html - 2024-02-05
- https://outflux.net/slides/2019/lss/kspp.pdf 2019 -"
expect "code spans: nothing from the body" "$(q '[.documents[0].references[] | select(.where=="body")] | length')" 0

run perma.md
expect "perma: 'archived 3 May 2021' is the copy's day, not the ruling's" "$(q '.documents[0].references[0].published')" null
expect "perma: the copy keeps the original its link shows; a snapshot is as before" \
	"$(q '[.documents[0].references[].links[] | "\(.kind) \(.url) \(.original)"] | join("\n")')" \
"archive-other https://perma.cc/7QXH-2KLM https://court.example.gov/judgments/12-2021
archive-other https://archive.ph/Xy12Q https://registry.example.gov/case/881
archive-snapshot https://web.archive.org/web/20210601000000/https://registry.example.gov/case/881 https://registry.example.gov/case/881"

run escapes.bib
expect "bibtex: \\_ \\- \\% undone (in url and in \\url{}), doi: and doi.org DOIs, {\\\"u}, {\\&}, an access date in note" \
	"$(q '.documents[0].references[] | "\(.key)|\(.authors)|\(.title)|\([.links[] | "\(.kind):\(.url)"] | join(","))|\(.accessed)"')" \
"unhcr_trends|UNHCR|Global Trends: Forced Displacement in 2022|direct:https://www.unhcr.org/global_trends_report2022|2024-02-05
oecd_tax|OECD|Revenue Statistics & Trends|doi:https://doi.org/10.1787/6e87f932-en|null
nature_soil|M. Müller and J. Smith|Soil carbon|doi:https://doi.org/10.1038/s41586-020-2000-0|null
pct_url|null|Tariff at 50% of cost|direct:https://water.example.org/tariff%2050|2024-01-30"

for f in "$dir"/*; do
	run "$(basename "$f")"
	expect "$(basename "$f"): the report valid against the schema" "$(valid_report "$out")" valid
done
finish styles
