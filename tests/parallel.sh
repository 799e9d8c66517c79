#!/bin/sh
# parallel.sh — documents read by several readers at once (--read-jobs)
# give the report one reader gives, byte for byte: a shelf of every format
# the fixtures hold (an unreadable DOCX among them), Debian's PDFs when
# installed, and a Markdown tree whose files link each other's headings
# (the local links are judged once every file is read, whichever reader
# read it). Bad --read-jobs values are refused; an interrupt while a reader
# is blocked on a document (a FIFO nobody writes) ends the run with its
# report, not a hang.
# Usage: parallel.sh CITECHECK FIXTURES
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

mkdir shelf
cp -r "$fixtures/formats" "$fixtures/corpus" "$fixtures"/0*.txt shelf/
rm -f shelf/*/*.sh shelf/*/*.py # the fixtures' makers: no documents, and a walk passes them by
for pdf in /usr/share/doc/maint-guide/maint-guide.en.pdf /usr/share/doc/developers-reference/developers-reference.pdf; do
	[ -f "$pdf" ] && cp "$pdf" shelf/
done
[ -f /usr/share/doc/debian-policy/policy.pdf.gz ] && zcat /usr/share/doc/debian-policy/policy.pdf.gz > shelf/policy.pdf
# 120 pages in 12 folders: page i links page i+1's second heading, and
# every tenth also a heading page i+1 does not have
python3 - <<'PY'
import os
for i in range(120):
    d = "shelf/tree/d%02d" % (i // 10)
    os.makedirs(d, exist_ok=True)
    n = i + 1 if i < 119 else 0
    rel = os.path.relpath("shelf/tree/d%02d/p%03d.md" % (n // 10, n), d)
    text = "# Page %d\n\n## Part %d\n\nNext: [part](%s#part-%d).\n" % (i, i, rel, n)
    if i % 10 == 0:
        text += "\nGone: [nothing](%s#nothing).\n" % rel
    open("%s/p%03d.md" % (d, i), "w").write(text)
PY
ndocs=$(find shelf -type f ! -name '.*' | wc -l)

"$bin" --read-jobs 1 --extract-only -q -o one.json shelf 2> one.err
status1=$?
expect "one reader: exit 2 (the encrypted DOCX cannot be read)" "$status1" 2
expect "one reader: every file of the shelf is a document" "$(jq '.documents | length' one.json)" "$ndocs"
expect "one reader: the tree's 120 links to an existing heading alive, its 12 to #nothing dead" \
	"$(jq -r '[.documents[] | select(.path | contains("/tree/")) | .references[].links[] | .live.verdict] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' one.json)" \
	"alive 120, dead 12"
expect "one reader: the encrypted DOCX is said once" "$(grep -c 'encrypted.docx' one.err)" 1
for jobs in 2 3 8; do
	"$bin" --read-jobs $jobs --extract-only -q -o many.json shelf 2> many.err
	expect "$jobs readers: the same exit status" "$?" "$status1"
	cmp -s one.json many.json
	expect "$jobs readers: the JSON report is byte-identical to one reader's" "$?" 0
	cmp -s one.err many.err
	expect "$jobs readers: standard error is the same" "$?" 0
done
"$bin" --read-jobs 1 --extract-only --format text shelf > one.txt 2> /dev/null
"$bin" --read-jobs 4 --extract-only --format text shelf > four.txt 2> /dev/null
cmp -s one.txt four.txt
expect "4 readers: the text report is byte-identical to one reader's" "$?" 0
# the default (one reader a core) too
"$bin" --extract-only -q -o default.json shelf 2> /dev/null
cmp -s one.json default.json
expect "the default readers: the JSON report is byte-identical" "$?" 0

for bad in 0 65 two; do
	"$bin" --read-jobs "$bad" --extract-only shelf > /dev/null 2> bad.err
	expect "--read-jobs $bad: a usage error, exit 2" "$?" 2
	expect_match "--read-jobs $bad: says what it takes" "$(cat bad.err)" "read-jobs takes a whole number from 1 to 64"
done
printf 'read-jobs: 3\n' > jobs.yml
"$bin" --config jobs.yml --extract-only -q -o config.json shelf 2> /dev/null
cmp -s one.json config.json
expect "read-jobs in the config file: accepted, the same report" "$?" 0

# --cache: three readers ask the cache and keep what they read (one at a
# time: the cache's lock), and the run after takes every document from it
"$bin" --read-jobs 3 --extract-only -q --cache shelf.db -o cached1.json shelf 2> /dev/null
"$bin" --read-jobs 3 --extract-only -q --cache shelf.db -o cached2.json shelf 2> cached2.err
cmp -s one.json cached1.json && cmp -s one.json cached2.json
expect "--cache, 3 readers: the first run and the one from the cache byte-identical to one reader's" "$?:$(grep -c 'taken as absent' cached2.err)" "0:0"

# A FIFO nobody writes: its reader blocks in open(); the interrupt ends
# the run with the report of what it had, whichever thread the signal hit.
mkdir fifo
mkfifo fifo/a.md
printf '# B\n\nhttps://example.org/b\n' > fifo/b.md
"$bin" --read-jobs 2 --extract-only -o fifo.json fifo/a.md fifo/b.md 2> /dev/null &
pid=$!
# Once a reader has opened the FIFO, the writer's end opens without
# blocking; it stays open and silent, so the reader waits in read() when
# the signal comes. The writer waits (30 s at most) for the run to end.
python3 - "$pid" <<'PY' > fifo.out
import errno, os, signal, sys, time
pid = int(sys.argv[1])
fd = None
for _ in range(600):
    try:
        fd = os.open("fifo/a.md", os.O_WRONLY | os.O_NONBLOCK)
        break
    except OSError as e:
        if e.errno != errno.ENXIO:
            raise
        time.sleep(0.05)
os.kill(pid, signal.SIGINT)
def ended():  # gone, or a zombie waiting for the shell's wait
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True
for _ in range(300):
    if ended():
        print("ended")
        break
    time.sleep(0.1)
else:
    print("still running after 30 s")
    os.kill(pid, signal.SIGKILL)
if fd is not None:
    os.close(fd)
PY
expect "interrupted while a reader waits on a FIFO: the run ends" "$(cat fifo.out)" "ended"
wait $pid
expect "interrupted: exit 130 (128 + SIGINT)" "$?" 130
expect "interrupted: the report says so" "$(jq -r '.incomplete_reason' fifo.json)" "interrupted by SIGINT"
finish parallel
