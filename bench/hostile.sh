#!/bin/sh
# Hostile documents (tests/hostile_inputs.py): wall time and peak RSS of
# citecheck --extract-only on each, beside the same figures for the seed
# report measured in the same run (the baseline: an ordinary document), and
# each case's bound from the README. Prints one line per case:
#   case  bytes  seconds  peak_MiB  bound
# Usage: bench/hostile.sh [BUILD_DIR]   (default build)
set -eu
bin=$(cd "${1:-build}" && pwd)/citecheck
top=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
python3 "$top/tests/hostile_inputs.py"
cp "$top/fixtures/000_639fc2e66c0e2ab4.txt" seed.txt
measure() { # measure FILE BOUND [OPTION...]: the file read, or given to the options
	python3 - "$bin" "$@" <<'EOF'
import os, resource, subprocess, sys, time
bin, path, bound = sys.argv[1:4]
extra = sys.argv[4:]  # an option that takes the file (--config FILE): the seed is the document then
args = [bin, "--extract-only", "-q"] + (extra + [path, "seed.txt"] if extra else [path])
t = time.monotonic()
with open(os.devnull, "wb") as null:
    rc = subprocess.run(args, stdout=null, stderr=null).returncode
secs = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{path:<16} {os.path.getsize(path):>10} {secs:>8.2f} {rss:>9.1f}  {bound}  (exit {rc})")
EOF
}
printf '%-16s %10s %8s %9s  %s\n' case bytes seconds peak_MiB bound
measure seed.txt "baseline"
for f in longname.docx backslash.docx bomb.bib bomb2.bib spine.epub attrs.html attrs.docx names.html \
	brackets.md closers.md backslashes.md schemes.md parens.md links.md numstart.docx numbers.html escape.md \
	stacked.pdf; do
	measure "$f" "10 s, 256 MiB"
done
measure deep.yml "10 s, 256 MiB" --config
for f in empty.json farm.md defs.md; do
	measure "$f" "30 s, 1 GiB"
done
