#!/bin/sh
# The Debian package: built the Debian way from this tree
# (dpkg-buildpackage -us -uc -b), checked by lintian, and installed with
# apt-get into a fresh Debian 12 root (debootstrap --variant=minbase
# bookworm, made by .ci/setup-tests with the run-time libraries' packages
# in its apt cache, since this test has no network), where the binary, the
# man page and the seed's check must work. As root, with the tests' set-up.
. "$(dirname "$0")/lib.sh"
top=$(cd "$2" && pwd)
fresh=${CITECHECK_FRESH_ROOT:-/opt/citecheck-tests/bookworm}
if [ -n "${CITECHECK_SANITIZED:-}" ]; then
	echo "package: skipped under the sanitizers (the package is built from the source, not from this build)"
	exit 77
fi
for tool in dpkg-buildpackage dh lintian chroot; do
	command -v "$tool" > /dev/null || { echo "package: skipped: $tool missing (sh .ci/setup-tests)"; exit 77; }
done
if [ "$(id -u)" != 0 ] || [ ! -x "$fresh/usr/bin/apt-get" ]; then
	echo "package: skipped: needs root and the fresh root $fresh (sh .ci/setup-tests)"
	exit 77
fi

version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$top/meson.build")
arch=$(dpkg --print-architecture)
expect "debian/changelog's version is meson's" "$(cd "$top" && dpkg-parsechangelog -S Version)" "$version"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/citecheck-$version
mkdir -p "$src"
# the tree as git has it (tracked and new files, not the build folders)
if git -C "$top" rev-parse --git-dir > /dev/null 2>&1; then
	(cd "$top" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src")
else
	(cd "$top" && tar -cf - --exclude='./build*' .) | (cd "$src" && tar -xf -)
fi
(cd "$src" && dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1
expect "dpkg-buildpackage succeeds" "$?" 0
deb=$work/citecheck_${version}_$arch.deb
if [ ! -f "$deb" ]; then
	tail -n 30 "$work/build.log" >&2
	finish package
	exit 1
fi
expect "the unit tests ran in the package build" "$(grep -c 'unit-dates *OK' "$work/build.log")" 1

contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '/$' | sort | tr '\n' ' ')
expect "the package's files" "$contents" "./usr/bin/citecheck ./usr/libexec/citecheck/citecheck-pdf-reader ./usr/share/citecheck/citecheck-report.schema.json ./usr/share/doc/citecheck/README.md.gz ./usr/share/doc/citecheck/changelog.gz ./usr/share/doc/citecheck/copyright ./usr/share/man/man1/citecheck.1.gz "
depends=$(dpkg-deb -f "$deb" Depends)
# the libraries citecheck links, as dpkg-shlibdeps computes them
for lib in libcurl4 libjansson4 libarchive13 libxml2 libsqlite3-0 libyaml-0-2 libpoppler-glib8 \
	libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 libssl3 zlib1g; do
	expect "Depends names $lib" "$(printf '%s\n' "$depends" | tr ',' '\n' | grep -cE "^ *$lib( |\$)")" 1
done
expect "Recommends" "$(dpkg-deb -f "$deb" Recommends)" ca-certificates

# lintian, pedantic and informational tags included: none at all
lint=$(lintian --pedantic --display-info "$deb" 2>&1 | grep -v 'running with root privileges')
expect "lintian finds nothing" "$lint" ""
# and it does find things: the same package without its copyright file
mkdir "$work/bad" && dpkg-deb -R "$deb" "$work/bad/x" && rm "$work/bad/x/usr/share/doc/citecheck/copyright" &&
	dpkg-deb -b "$work/bad/x" "$work/bad/bad.deb" > /dev/null 2>&1
expect "lintian sees a package with no copyright file" \
	"$(lintian "$work/bad/bad.deb" 2>&1 | grep -c '^E: citecheck: no-copyright-file')" 1

# a fresh Debian 12: apt-get install ./citecheck_….deb, from the root's
# own apt cache (this test has no network)
root=$work/root
cp -a "$fresh" "$root"
cp "$deb" "$top/fixtures/000_639fc2e66c0e2ab4.txt" "$top/fixtures/formats/seed.pdf" "$root/tmp/"
chroot "$root" sh -c "cd /tmp && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ./$(basename "$deb") man-db" \
	> "$work/install.log" 2>&1
expect "apt-get install ./$(basename "$deb") in a fresh root" "$?" 0
[ -x "$root/usr/bin/citecheck" ] || tail -n 20 "$work/install.log" >&2
expect "citecheck --version there" "$(chroot "$root" citecheck --version | head -n 1)" "citecheck $version"
expect "man -w citecheck there" "$(chroot "$root" man -w citecheck)" /usr/share/man/man1/citecheck.1.gz
chroot "$root" citecheck --extract-only -q /tmp/000_639fc2e66c0e2ab4.txt > "$work/seed.json"
expect "the seed checked there: exit 1 (its findings of error severity)" "$?" 1
# footnote 5 of the seed lists 45 sources (tests/golden_seed.sh)
expect "the seed's footnote 5 there" "$(jq '[.documents[0].references[] | select(.footnote=="5")] | length' "$work/seed.json")" 45
# a PDF, read by the installed reader (/usr/libexec/citecheck), with no
# /proc in the root to find one beside the program: page 3 ends with
# footnote 4 (tests/pdf.sh)
expect "--version there names poppler as the reader loads it" \
	"$(chroot "$root" citecheck --version | grep -c ', poppler [0-9][0-9.]*, ')" 1
chroot "$root" citecheck --extract-only -q /tmp/seed.pdf > "$work/pdf.json" 2> "$work/pdf.err"
expect "the seed's PDF read there: footnote 4 at the foot of page 3" \
	"$(jq -r '.documents[0].references[] | select(.footnote == "4") | "\(.part) \(.links[0].url)"' "$work/pdf.json")" \
	"page 3 https://the88project.org/submission-human-rights-dialogue/"
expect "the installed schema is the repository's" "$(cmp -s "$root/usr/share/citecheck/citecheck-report.schema.json" \
	"$top/man/citecheck-report.schema.json" && echo same)" same
finish package
