#!/bin/sh
# Many documents in one run, without network (--extract-only): folders walked
# (nested, hidden entries skipped, non-documents left alone), --files-from,
# standard input beside files, a document that cannot be read listed with
# why while the rest are read, and the report's shape for many documents.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

mkdir -p docs/sub/deeper docs/.hidden docs/.git
cat > docs/a.md <<'DOC'
# Guide

## References

1. Alpha. <https://alpha.example.org/one>
2. Beta. <https://beta.example.org/two>
DOC
cat > docs/sub/b.html <<'DOC'
<!DOCTYPE html>
<html><body><p>See <a href="https://alpha.example.org/one">alpha</a>
and <a href="https://gamma.example.org/three">gamma</a>.</p></body></html>
DOC
printf 'Plain notes citing https://beta.example.org/two today.\n' > docs/sub/deeper/c.txt
printf '[{"id": "k1", "type": "webpage", "title": "Delta", "URL": "https://delta.example.org/four"}]\n' > docs/refs.json
printf '{"name": "site", "version": "1.0.0"}\n' > docs/package.json   # settings, not references
printf '# hidden\n<https://hidden.example.org/x>\n' > docs/.hidden/h.md
printf '# in git\n<https://git.example.org/x>\n' > docs/.git/g.md
printf 'https://notes.example.org/x\n' > docs/notes                    # no extension, plain text: skipped
printf '\211PNG\r\n\032\n' > docs/logo.png
ln -s nowhere.md docs/broken.md                                      # a document that cannot be read

"$bin" --extract-only docs > walk.json 2> walk.err
expect "walk: exit 2, a document could not be read" "$?" 2
expect "walk: the documents found, in name order" \
	"$(jq -r '[.documents[].path] | join(" ")' walk.json)" \
	"docs/a.md docs/broken.md docs/refs.json docs/sub/b.html docs/sub/deeper/c.txt"
expect "walk: formats" "$(jq -r '[.documents[].format] | map(. // "-") | join(" ")' walk.json)" \
	"markdown - csl-json html text"
expect "walk: the unreadable one, with why" \
	"$(jq -r '.documents[1] | "\(.error != null) \(.references | length)"' walk.json)" "true 0"
expect_match "walk: … said on standard error" "$(cat walk.err)" "^citecheck: docs/broken.md: .*No such file or directory"
expect "walk: links per document" "$(jq -r '[.documents[].summary.links] | map(tostring) | join(" ")' walk.json)" "2 0 1 2 1"
expect "walk: the run's counts" \
	"$(jq -c '.summary | [.documents, .unreadable, .links, .distinct_urls]' walk.json)" "[5,1,6,4]"
expect "walk: one target per distinct URL across documents" \
	"$(jq -r '[.documents[].references[].links[] | "\(.target)=\(.url)"] | unique | length' walk.json)" 4
expect "walk: the unreadable document is ranked" \
	"$(jq -c '[.summary.ranking[] | [.path, .unreadable]]' walk.json)" '[["docs/broken.md",true]]'

rm docs/broken.md
"$bin" --extract-only -q docs/ > slash.json
expect "a folder named with a trailing slash: same paths, exit 0" \
	"$? $(jq -r '[.documents[].path] | join(" ")' slash.json)" \
	"0 docs/a.md docs/refs.json docs/sub/b.html docs/sub/deeper/c.txt"

printf 'docs/a.md\n\ndocs/sub\ndocs/a.md\n' > list.txt
"$bin" --extract-only -q --files-from list.txt docs/refs.json > list.json
expect "--files-from: listed paths after the arguments, folders walked, duplicates once" \
	"$? $(jq -r '[.documents[].path] | join(" ")' list.json)" \
	"0 docs/refs.json docs/a.md docs/sub/b.html docs/sub/deeper/c.txt"
printf 'docs/sub/deeper/c.txt\n' | "$bin" --extract-only -q --files-from - > stdin-list.json
expect "--files-from -" "$? $(jq -r '[.documents[].path] | join(" ")' stdin-list.json)" "0 docs/sub/deeper/c.txt"
printf '<https://epsilon.example.org/five>\n' | "$bin" --extract-only -q docs/a.md - > mixed.json
expect "- beside a file" "$? $(jq -r '[.documents[] | "\(.path):\(.summary.links)"] | join(" ")' mixed.json)" "0 docs/a.md:2 -:1"
"$bin" --extract-only -q --files-from - - < list.txt > /dev/null 2> twice.err
expect "standard input twice is a usage error" "$? $(cat twice.err | head -n 1)" \
	"2 citecheck: standard input (-) can be read only once"
: > empty-list
"$bin" --extract-only -q --files-from empty-list > /dev/null 2> nolist.err
expect "an empty --files-from" "$? $(head -n 1 nolist.err)" "2 citecheck: --files-from empty-list lists no document"
"$bin" --extract-only -q --files-from missing-list > /dev/null 2> missing.err
expect_match "a missing --files-from" "$? $(head -n 1 missing.err)" "^2 citecheck: --files-from missing-list: No such file"

# the summary on standard error ranks documents: most dead or changed, then errors
mkdir ranked
printf '# R\n\n<https://example.org/a b>\n<https://web.archive.org/save/https://example.org/c>\n' > ranked/worse.md
printf '# R\n\n<https://example.org/a%%20b>\n' > ranked/fine.md
"$bin" --extract-only ranked > /dev/null 2> ranked.err
expect "stderr: documents with the most to fix, worst first" \
	"$(sed -n '/^citecheck: documents with the most to fix:/,$p' ranked.err)" \
	"citecheck: documents with the most to fix:
  ranked/worse.md: 0 dead, 0 changed, 2 errors"
expect "stderr: the run's summary line" "$(grep '^citecheck: 2 documents' ranked.err)" \
	"citecheck: 2 documents: 3 references, 3 links (3 distinct URLs); 2 errors, 0 warnings"
# reports of earlier runs left in the folder are never read back: the JSON
# report, the Markdown memo and the text report of a run over shelf/
mkdir shelf
printf '# S\n\n<https://example.org/a%%20b>\n' > shelf/brief.md
"$bin" --extract-only -q -o shelf/report.json -o markdown:shelf/memo.md -o text:shelf/report.txt shelf
"$bin" --extract-only -q --baseline shelf/report.json -o text:shelf/against.txt shelf
"$bin" --extract-only -q shelf > shelf.json
expect "a folder holding its own reports: only the document is read" \
	"$(jq -r '[.documents[].path] | join(" ")' shelf.json)" "shelf/brief.md"
printf '== Notes\n\nline 3 is where it starts\n' > shelf/notes.txt
"$bin" --extract-only -q shelf > shelf2.json
expect "… a text file that only looks like one is read" \
	"$(jq -r '[.documents[].path] | join(" ")' shelf2.json)" "shelf/brief.md shelf/notes.txt"
# links between the documents of a repository, checked offline
mkdir -p repo/docs/img
cat > repo/README.md <<'DOC'
# Project Guide

See [the guide](docs/guide.md), [its setup](docs/guide.md#setting-up-the-tool),
[a missing section](docs/guide.md#nowhere), [a missing file](docs/missing.md),
[our intro](#project-guide), [the folder](docs/), ![logo](docs/img/logo.png),
![gone](docs/img/gone.png), [mail us](mailto:team@example.org), [root](/LICENSE),
[faq](docs/guide.md#faq-1), [notes](docs/guide.md#notes) and [code](docs/guide.md#not-a-heading).
DOC
cat > repo/docs/guide.md <<'DOC'
Setting up the `tool`!
======================

## FAQ

## FAQ

<a name="notes"></a>

```
# not a heading
```
See [the readme](../README.md#project-guide).
DOC
printf 'PNG' > repo/docs/img/logo.png
(cd repo && "$bin" --extract-only . > ../repo.json 2> ../repo.err)
expect "repository: exit 1, dead relative links" "$?" 1
expect "repository: the documents, named as git names them" "$(jq -r '[.documents[].path] | join(" ")' repo.json)" \
	"README.md docs/guide.md"
# "Setting up the `tool`!" is setting-up-the-tool; the second "FAQ" faq-1;
# <a name="notes"> an anchor; a heading in a code block none
expect "repository: each relative link's verdict" \
	"$(jq -r '[.documents[].references[].links[] | "\(.url)=\(.live.verdict)/\(.live.reason)"] | join(" ")' repo.json)" \
	"docs/guide.md=alive/file docs/guide.md#setting-up-the-tool=alive/anchor docs/guide.md#nowhere=dead/no-such-anchor docs/missing.md=dead/no-such-file #project-guide=alive/anchor docs/=alive/directory docs/img/logo.png=alive/file docs/img/gone.png=dead/no-such-file mailto:team@example.org=skipped/extract-only /LICENSE=skipped/root-relative docs/guide.md#faq-1=alive/anchor docs/guide.md#notes=alive/anchor docs/guide.md#not-a-heading=dead/no-such-anchor ../README.md#project-guide=alive/anchor"
expect "repository: one target for one file and fragment, whichever document links it" \
	"$(jq -r '[.documents[].references[].links[] | select(.url | endswith("#project-guide")) | .target] | unique | length' repo.json)" 1
expect "repository: dead relative links on standard error" "$(grep -c ': dead: ' repo.err)" 4
# root-relative links start from the git repository's top folder, as GitHub
# resolves them (a .git folder, or file in a worktree, marks it), or --root
mkdir -p site/.git site/docs
printf 'MIT\n' > site/LICENSE
printf '# Guide\n\n## FAQ\n' > site/docs/guide.md
printf '# A\n\n[lic](/LICENSE) [faq](/docs/guide.md#faq) [none](/docs/none.md) [up](/../x.md)\n' > site/docs/a.md
(cd site && "$bin" --extract-only -q -o ../site.json docs/a.md)
# a file given by itself is bounded by its own folder: /LICENSE lies outside
expect "root-relative links from the repository's top folder" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url)=\(.live.verdict)/\(.live.reason)"] | join(" ")' site.json)" \
	"/LICENSE=skipped/outside /docs/guide.md#faq=alive/anchor /docs/none.md=dead/no-such-file /../x.md=skipped/outside"
(cd site && "$bin" --extract-only -q -o ../site2.json .)
expect "… checking the whole repository: found, or not" \
	"$(jq -r '[.documents[] | select(.path == "docs/a.md") | .references[].links[] | "\(.url)=\(.live.verdict)/\(.live.reason)"] | join(" ")' site2.json)" \
	"/LICENSE=alive/file /docs/guide.md#faq=alive/anchor /docs/none.md=dead/no-such-file /../x.md=skipped/outside"
rm -r site/.git
(cd site && "$bin" --extract-only -q -o ../site3.json --root . .)
expect "… with no repository, --root names the top folder" \
	"$(jq -r '[.documents[] | select(.path == "docs/a.md") | .references[].links[] | "\(.url)=\(.live.verdict)/\(.live.reason)"] | join(" ")' site3.json)" \
	"/LICENSE=alive/file /docs/guide.md#faq=alive/anchor /docs/none.md=dead/no-such-file /../x.md=skipped/outside"
(cd site && "$bin" --extract-only -q -o ../site4.json .)
expect "… and without either, they name no file" \
	"$(jq -r '[.documents[] | select(.path == "docs/a.md") | .references[].links[0].live.reason] | unique | join(" ")' site4.json)" "root-relative"
"$bin" --extract-only --root nowhere site > /dev/null 2> root.err
expect "--root that is no folder" "$? $(head -n 1 root.err)" "2 citecheck: --root nowhere: No such file or directory"
expect_valid_reports

# a relative link may not leave the folder being checked: not by "..", not
# through a symbolic link planted in it, and never stat()ed or read
mkdir -p jail/docs outside
printf '# Secret heading\n' > outside/secret.md
ln -s ../../outside jail/docs/planted
ln -s ../../outside/secret.md jail/docs/file-link.md
cat > jail/docs/index.md <<'DOC'
# Index

- [up and out](../../outside/secret.md#secret-heading)
- [up and missing](../../outside/nothing.md)
- [through a folder link](planted/secret.md)
- [through a file link](file-link.md)
- [to the top of the folder](../README.md)
- [inside](index.md#index)
DOC
printf '# Top\n' > jail/README.md
"$bin" --extract-only --no-private jail/docs/index.md > jail1.json 2> /dev/null
expect "outside: a file given alone is bound to its folder" \
	"$(jq -r '[.documents[].references[].links[] | "\(.url)=\(.live.verdict)/\(.live.reason)"] | join(" ")' jail1.json)" \
	"../../outside/secret.md#secret-heading=skipped/outside ../../outside/nothing.md=skipped/outside planted/secret.md=skipped/outside file-link.md=skipped/outside ../README.md=skipped/outside index.md#index=alive/anchor"
"$bin" --extract-only jail > jail2.json 2> /dev/null
expect "outside: a folder given bounds its documents' links" \
	"$(jq -r '[.documents[] | select(.path == "jail/docs/index.md") | .references[].links[] | "\(.url)=\(.live.verdict)/\(.live.reason)"] | join(" ")' jail2.json)" \
	"../../outside/secret.md#secret-heading=skipped/outside ../../outside/nothing.md=skipped/outside planted/secret.md=skipped/outside file-link.md=skipped/outside ../README.md=alive/file index.md#index=alive/anchor"
finish documents
