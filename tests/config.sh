#!/bin/sh
# The config file: found in the working folder or above it, not above the
# repository's root; --config and --no-config; the command line wins; lists
# for repeatable options; errors name the file, the line and the key.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir -p repo/.git repo/docs/deep
printf '# T\n\n[gone](missing.md)\n' > repo/docs/deep/doc.md
printf 'quiet: true\n' > .citecheck.yml # above the repository: never read from inside it
cat > repo/.citecheck.yml <<'YML'
# offline, GitHub annotations, and two patterns
extract-only: true
format: github
exclude:
  - "^https://a[.]example[.]org/"
  - "^https://b[.]example[.]org/"
YML
cd repo/docs/deep
"$bin" doc.md > out.txt 2> err.txt
expect "found two folders up, at the repository's root: its format, offline" \
	"$? $(cat out.txt)" "1 ::error file=doc.md,line=3,col=8,title=link-dead::dead link: missing.md (no-such-file)"
expect "… the file above the repository is not read (quiet: no)" "$(grep -c '^citecheck: doc.md: 1 reference' err.txt)" 1
"$bin" --format json doc.md 2> /dev/null | jq -r .citecheck.name > json.txt
expect "the command line wins" "$(cat json.txt)" citecheck
printf '# T\n\n<https://a.example.org/x> <https://b.example.org/y> <https://c.example.org/z>\n' > three.md
printf 'extract-only: false\nno-archive: true\nexclude: ["^https://a[.]", "^https://b[.]"]\n' > ../../.citecheck.yml
"$bin" -q --connect-to "::127.0.0.1:1" --retries 0 --timeout 1 three.md 2> /dev/null > lists.json
expect "a list for a repeatable option: both patterns excluded" \
	"$(jq -r '[.documents[0].references[].links[].live.reason] | join(" ")' lists.json)" "excluded excluded offline"
"$bin" --no-config --extract-only -q doc.md > nocfg.json
expect "--no-config: JSON, the default" "$(jq -r .citecheck.name nocfg.json)" citecheck
printf 'format: text\n' > named.yml
"$bin" --no-config --config named.yml --extract-only doc.md > named.txt 2>&1
expect "--no-config reads no file, not even one --config names" "$(head -c 1 named.txt)" "{"
"$bin" --config named.yml --extract-only doc.md > named2.txt 2> /dev/null
expect "--config FILE: its format, text" "$(head -n 1 named2.txt)" "== doc.md"

printf 'extract-only: true\n\ntimout: 3\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> bad.err
expect "an unknown key: exit 2, the file, its line, the key" "$? $(cat bad.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:3: unknown key 'timout' (the keys are the long options' names, see --help)"
printf 'extract-only: true\ntimeout: soon\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> val.err
expect "a bad value: the file, its line, and why" "$? $(cat val.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:2: --timeout takes seconds (more than 0, at most 86400), not 'soon'"
printf 'extract-only: perhaps\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> bool.err
expect "a flag takes true or false" "$? $(cat bool.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:1: 'extract-only' takes true or false, not 'perhaps'"
printf -- '- extract-only\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> map.err
expect "not a mapping" "$? $(cat map.err)" "2 citecheck: $tmp/repo/.citecheck.yml:1: the file must be a mapping of options to values"
printf 'help: true\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> help.err
expect "keys that steer the file or end the run are refused" "$? $(cat help.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:1: unknown key 'help' (the keys are the long options' names, see --help)"
printf 'hosts:\n  example.org:\n    retries: 3\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> host.err
expect "an unknown host setting: its line" "$? $(cat host.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:3: unknown host setting 'retries' (headers, accept, connections, pace, exclude, ignore)"
printf 'hosts:\n  example.org: {accept: [403, teapot]}\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> acc.err
expect "accept takes statuses" "$? $(cat acc.err)" "2 citecheck: $tmp/repo/.citecheck.yml:2: accept takes HTTP statuses (100 to 999)"
printf 'base: &b {exclude: true}\nhosts:\n  a.example.org: *b\n' > ../../.citecheck.yml
"$bin" doc.md > /dev/null 2> alias.err
expect "aliases refused (a few lines could ask for billions of settings)" "$? $(cat alias.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:3: aliases (*name) are not read in a config file"
# 1 MiB of "[" cost libyaml's scanner about an hour (quadratic in the depth),
# parsed twice: refused as the events arrive
awk 'BEGIN { printf "hosts: "; for (i = 0; i < 500000; i++) printf "["; for (i = 0; i < 500000; i++) printf "]"; print "" }' \
	> ../../.citecheck.yml
timeout 60 "$bin" doc.md > /dev/null 2> deep.err
expect "nesting refused at once" "$? $(cat deep.err)" \
	"2 citecheck: $tmp/repo/.citecheck.yml:1: lists and mappings nested more than 8 deep: no config file is"
"$bin" --help > /dev/null
expect "--help works whatever the file says" "$?" 0
finish config
