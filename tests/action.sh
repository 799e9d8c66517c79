#!/bin/sh
# The GitHub Action (action.yml): its inputs, and its shell steps run as a
# runner runs them (the documented variables GITHUB_ACTION_PATH,
# RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set, each input passed
# through the step's env), with the citecheck built here on the PATH. The
# steps that need GitHub (actions/cache, the SARIF upload) and the package
# build and install (tests/package.sh builds and installs the package) are
# not run here.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$2" && pwd)
action=$top/action.yml
step_py=$testdir/action_step.py
python3 -c 'import yaml' 2> /dev/null || { echo "action: skipped: python3-yaml missing (sh .ci/setup-tests)"; exit 77; }

expect "the action's shape (composite, bash steps, no expression inside a script)" \
	"$(python3 "$step_py" "$action" check 2>&1)" ""
# the inputs and their defaults, as the README documents them
expect "inputs and defaults" "$(python3 "$step_py" "$action" inputs | tr '\t' '=' | tr '\n' ' ')" \
	"paths=. format=github fail-on= baseline= cache=true cache-file=.citecheck-cache.db json= sarif= upload-sarif=true summary=true args= "
for i in $(python3 "$step_py" "$action" inputs | cut -f1); do
	expect "input $i in the README" "$(grep -c "^| \`$i\` |" "$top/README.md" | sed 's/^[1-9][0-9]*$/yes/')" yes
done

# the steps GitHub runs itself: what each is given
uses() { python3 "$step_py" "$action" uses | jq -r "select(.id == \"$1\") | $2"; }
expect "the package kept by version" "$(uses deb-cache '"\(.uses) \(.with.key)"')" \
	'actions/cache@v4 citecheck-deb-${{ steps.version.outputs.version }}-${{ github.action_ref }}-${{ runner.os }}-${{ runner.arch }}'
expect "the build only when the package is not kept" \
	"$(python3 -c 'import sys, yaml; print([s for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"] if s.get("id") == "build"][0]["if"])' "$action")" \
	"steps.deb-cache.outputs.cache-hit != 'true'"
expect "cache: the answers kept with actions/cache" "$(uses answers '"\(.if) \(.with.path)"')" \
	"inputs.cache == 'true' \${{ inputs.cache-file }}"
expect "sarif and upload-sarif: the upload" "$(uses upload-sarif '"\(.uses) \(.if) \(.with.sarif_file)"')" \
	"github/codeql-action/upload-sarif@v3 always() && inputs.sarif != '' && inputs.upload-sarif == 'true' \${{ inputs.sarif }}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/tmp" "$work/ws"
ln -s "$bin" "$work/bin/citecheck"
cd "$work/ws"
# one link to a file that exists, one to a file that does not: dead offline
printf '# Notes\n\nSee [the guide](guide.md) and [the old page](gone.md).\n' > doc.md
printf '# Guide\n' > guide.md

run_step() { # run_step ID VALUES-JSON: runs the step; its outputs go to out-ID
	python3 "$step_py" "$action" step "$1" "$2" > "$work/step-$1.sh" || return 99
	: > "$work/out-$1"
	env PATH="$work/bin:$PATH" GITHUB_ACTION_PATH="$top" RUNNER_TEMP="$work/tmp" \
		GITHUB_OUTPUT="$work/out-$1" GITHUB_STEP_SUMMARY="$work/summary.md" \
		bash -e "$work/step-$1.sh" > "$work/log-$1" 2>&1
}
output() { sed -n "s/^$2=//p" "$work/out-$1"; }

run_step version '{}'
version=$(output version version)
expect "version step: meson's project version" "$version" "$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$top/meson.build")"
expect "version step: the same as citecheck --version" "$("$bin" --version | head -n 1 | grep -c -- " $version\$")" 1
expect "version step: where the package is kept" "$(output version deb-dir)" "$work/tmp/citecheck-deb"

# every input mapped to its option: a JSON and a SARIF report, the cache,
# the text format to the log, the Markdown report to the summary. The
# documents have only relative links, so nothing is fetched.
: > "$work/summary.md"
run_step run '{"inputs": {"paths": "doc.md guide.md", "format": "text",
	"json": "report.json", "sarif": "report.sarif", "cache-file": "answers.db"}}'
expect "run: exit-code output (a dead local link fails by default)" "$(output run exit-code)" 1
expect "run: the documents given by paths" "$(jq -r '[.documents[].path] | join(" ")' report.json)" "doc.md guide.md"
expect "run: the dead link in the JSON report" \
	"$(jq -r '[.documents[0].references[].links[] | "\(.url) \(.live.verdict)"] | join(", ")' report.json)" \
	"guide.md alive, gone.md dead"
expect "run: SARIF written" "$(jq -r '.version' report.sarif)" "2.1.0"
expect "run: the cache (a SQLite file)" "$(head -c 15 answers.db)" "SQLite format 3"
expect "run: the text format in the log" "$(grep -c 'dead: gone.md' "$work/log-run")" 1
expect_match "run: the Markdown report in the summary" "$(head -n 1 "$work/summary.md")" '^## citecheck$'
expect "run: no GitHub annotations with format text" "$(grep -c '^::' "$work/log-run")" 0

# fail-on none: the same dead link fails nothing; cache false: no --cache
rm -f answers.db
run_step run '{"inputs": {"paths": "doc.md", "fail-on": "none", "cache": "false", "cache-file": "answers.db",
	"args": "--extract-only", "summary": "false"}}'
expect "fail-on none: exit-code 0" "$(output run exit-code)" 0
expect "cache false: no cache file" "$(test -e answers.db && echo yes || echo no)" no
expect "format github (the default): an annotation on the dead link's line" \
	"$(grep -c '^::error file=doc.md,line=3,' "$work/log-run")" 1

# baseline: the dead link was in the earlier report, so new-dead passes
run_step run '{"inputs": {"paths": "doc.md", "baseline": "report.json", "fail-on": "new-dead", "cache": "false",
	"args": "--extract-only", "json": "again.json"}}'
expect "baseline with fail-on new-dead: exit-code 0" "$(output run exit-code)" 0
expect "baseline: read" "$(jq -r '.baseline.report' again.json)" report.json
expect "summary with format github: appended by citecheck" "$(grep -c 'gone.md' "$work/summary.md")" 2

# args and paths are split at white space, never globbed or run
run_step run '{"inputs": {"paths": "*.md", "cache": "false", "args": "--extract-only $(touch pwned)"}}'
expect "a glob in paths is not expanded" "$(grep -c "\*.md" "$work/log-run" | sed 's/^[1-9][0-9]*$/yes/')" yes
expect "args are not run as code" "$(test -e pwned && echo yes || echo no)" no
expect "a bad argument: usage status 2" "$(output run exit-code)" 2

# finish: the step fails as citecheck did
run_step finish '{"steps": {"run": {"exit-code": "1"}}}'
expect "finish: fails with citecheck's status" "$?" 1
run_step finish '{"steps": {"run": {"exit-code": "0"}}}'
expect "finish: passes when citecheck did" "$?" 0
run_step finish '{}'
expect "finish: fails when the run step gave no status" "$?:$(cat "$work/log-finish")" "1:::error::citecheck did not run"
finish action
