#!/bin/sh
# The release tarball: meson dist makes it from the git tree, and the
# tarball alone builds, passes the unit and documentation tests and checks
# the seed; it carries the packaging (debian/, action.yml) and the licence.
. "$(dirname "$0")/lib.sh"
top=$(cd "$2" && pwd)
if [ -n "${CITECHECK_SANITIZED:-}" ]; then
	echo "dist: skipped under the sanitizers (the tarball is built on its own)"
	exit 77
fi
if ! git -C "$top" rev-parse --git-dir > /dev/null 2>&1; then
	echo "dist: skipped: not a git tree (meson dist archives the git tree)"
	exit 77
fi
version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$top/meson.build")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# its own build folder, so that the test's build is left alone; a tree with
# uncommitted changes gives the last commit's tarball (meson dist says so)
meson setup "$work/build" "$top" > "$work/setup.log" 2>&1
meson dist -C "$work/build" --no-tests --allow-dirty --formats xztar > "$work/dist.log" 2>&1
expect "meson dist succeeds" "$?" 0
tarball=$work/build/meson-dist/citecheck-$version.tar.xz
expect "the tarball's name" "$(ls "$work/build/meson-dist/" | grep -c "^citecheck-$version.tar.xz\$")" 1
listing=$(tar -tJf "$tarball" 2> /dev/null)
for f in meson.build LICENSE README.md action.yml debian/control debian/rules src/core/main.c man/citecheck.1 \
	fixtures/000_639fc2e66c0e2ab4.txt tests/meson.build; do
	expect "the tarball holds $f" "$(printf '%s\n' "$listing" | grep -c "^citecheck-$version/$f\$")" 1
done
tar -xJf "$tarball" -C "$work"
unpacked=$work/citecheck-$version
meson setup "$work/unpacked-build" "$unpacked" > "$work/unpacked.log" 2>&1 &&
	meson compile -C "$work/unpacked-build" >> "$work/unpacked.log" 2>&1
expect "the tarball builds" "$?" 0
meson test -C "$work/unpacked-build" --suite unit --suite docs >> "$work/unpacked.log" 2>&1
expect "the tarball's unit and documentation tests pass" "$?" 0
[ "$fails" -eq 0 ] || tail -n 30 "$work/unpacked.log" >&2
"$work/unpacked-build/citecheck" --extract-only -q "$unpacked/fixtures/000_639fc2e66c0e2ab4.txt" > "$work/seed.json"
expect "the tarball's citecheck checks the seed: footnote 5 lists 45 sources" \
	"$(jq '[.documents[0].references[] | select(.footnote=="5")] | length' "$work/seed.json")" 45
expect "its version" "$("$work/unpacked-build/citecheck" --version | head -n 1)" "citecheck $version"
finish dist
