#!/bin/sh
# How well references are extracted, against truth files written from
# reading each document (fixtures/truth/): per document of the corpus and per
# format of the seed (the PDF among them), the share of the truth's reference
# URLs found as references (recall), of the reference URLs found that are in
# the truth (precision), of labelled entries under their label, of entries
# with their publication and access dates exactly. Prints the table the
# README shows; every figure must be at least 0.95. The EPUB numbers its
# notes anew in each chapter, as it prints them: its labels and dates (found
# by label) are not the seed's, so only its URLs are scored.
. "$(dirname "$0")/lib.sh"
bin=$1
fx=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
measure=$(dirname "$0")/measure_refs.py
printf 'document\tURLs\trecall\tprecision\tlabels\tpublished\taccessed\n'
row() { # row FILE TRUTH [url-only]
	"$bin" --extract-only -q "$1" > "$out" 2> /dev/null
	line=$(python3 "$measure" "$out" "$2" "$(basename "$1")")
	printf '%s\n' "$line"
	set -- "$1" "$2" "${3:-}" $line
	name=$4
	for k in 6 7 8 9 10; do
		eval "v=\${$k}"
		case $k in 6) what=recall ;; 7) what=precision ;; 8) what=labels ;; 9) what=published ;; 10) what=accessed ;; esac
		[ -n "$3" ] && [ $k -ge 8 ] && continue
		expect "$name: $what at least 0.95" "$(awk -v v="$v" 'BEGIN { print (v >= 0.95) ? "yes" : v }')" yes
	done
}
for d in nist-sp800-63b-references.md pep-3104.rst ossf-compiler-annotations.md ossf-pyscg-concurrency.md \
	ph-fr-analyse-tfidf.md wikipedia-mozilla.html; do
	row "$fx/corpus/$d" "$fx/truth/$d.tsv"
done
for f in 000_639fc2e66c0e2ab4.txt formats/seed.md formats/seed.docx formats/seed.odt formats/seed.html \
	formats/seed-lo.html formats/seed.pdf; do
	row "$fx/$f" "$fx/truth/seed.tsv"
done
row "$fx/formats/seed.epub" "$fx/truth/seed.tsv" url-only
finish measure
