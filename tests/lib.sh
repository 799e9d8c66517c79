# lib.sh — assertions for the shell tests. Each test script sources it, runs
# the real binary and ends with `finish NAME`, which exits non-zero if any
# expectation failed.
set -u
fails=0
total=0

expect() { # expect DESCRIPTION ACTUAL EXPECTED
	total=$((total + 1))
	if [ "$2" != "$3" ]; then
		fails=$((fails + 1))
		printf 'FAIL %s\n  got:  %s\n  want: %s\n' "$1" "$2" "$3" >&2
	fi
}

expect_match() { # expect_match DESCRIPTION ACTUAL EXTENDED-REGEX
	total=$((total + 1))
	if ! printf '%s' "$2" | grep -Eq -- "$3"; then
		fails=$((fails + 1))
		printf 'FAIL %s\n  got:  %s\n  want match: %s\n' "$1" "$2" "$3" >&2
	fi
}

finish() {
	echo "$1: $total checks, $fails failed"
	[ "$fails" -eq 0 ]
}

testdir=$(cd "$(dirname "$0")" && pwd)

# Skips the test (exit 77, meson's "skipped") outside the private network
# namespace .ci/test makes: a live test must never reach the real network.
require_netns() {
	if [ -z "${CITECHECK_NETNS:-}" ]; then
		echo "$1: skipped: run it through .ci/test, inside a private network namespace"
		exit 77
	fi
}

# make_cert SANS: a test CA (ca.pem) and a certificate for the hosts in SANS
# ("DNS:a,DNS:b"), signed by it (site.pem, site.key), in the current folder.
make_cert() {
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=citecheck-test-ca 2> /dev/null
	openssl req -newkey rsa:2048 -nodes -keyout site.key -out site.csr -subj /CN=citecheck-test-site 2> /dev/null
	printf 'subjectAltName=%s\n' "$1" > san.ext
	openssl x509 -req -in site.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out site.pem -days 2 -extfile san.ext 2> /dev/null
}

# start_simweb ARGS…: the simulated web over HTTP and HTTPS (site.pem) in the
# current folder; sets $server, $P (HTTP port) and $T (HTTPS port).
# wait_started FILE NAME: waits (10 s at most) for a server to write its
# port to FILE; the test ends if it does not.
wait_started() {
	i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "$2 did not start"; exit 1; }
		sleep 0.1
	done
}

start_simweb() {
	rm -f port tlsport # a server started before has left its own
	python3 "$testdir/simweb.py" --port-file port --tls-cert site.pem --tls-key site.key --tls-port-file tlsport \
		--log requests.log --lifetime 240 "$@" &
	server=$!
	wait_started port simweb
	wait_started tlsport simweb
	P=$(cat port)
	T=$(cat tlsport)
}

# start_simdoi WORLD [LOG]: the simulated DOI resolver, agencies and works
# API (simdoi.py) with the registrations of WORLD (JSON), logging to LOG
# (requests.log), emptied first; stops the one before; sets $server and $P.
start_simdoi() {
	[ -z "${server:-}" ] || { kill $server 2> /dev/null; wait $server 2> /dev/null; }
	rm -f port
	: > "${2:-requests.log}"
	python3 "$testdir/simdoi.py" --world "$1" --port-file port --log "${2:-requests.log}" --lifetime 200 &
	server=$!
	wait_started port simdoi
	P=$(cat port)
}

# start_simwayback WORLD LOG ARGS…: the simulated Wayback Machine with the
# captures of WORLD (JSON), logging to LOG; sets $wayback and $W (its port).
start_simwayback() {
	rm -f wport
	world=$1 log=$2
	shift 2
	python3 "$testdir/simwayback.py" --port-file wport --world "$world" --log "$log" --lifetime 200 "$@" &
	wayback=$!
	wait_started wport simwayback
	W=$(cat wport)
}

# valid_report FILE…: "valid" when every file is a report that the JSON
# Schema of the report (man/citecheck-report.schema.json) accepts; else the
# first errors. python3-jsonschema comes with the tests' set-up.
valid_report() {
	python3 - "$testdir/../man/citecheck-report.schema.json" "$@" <<'PY'
import json, sys
import jsonschema
validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
errors = []
for name in sys.argv[2:]:
    for e in validator.iter_errors(json.load(open(name))):
        errors.append("%s: %s: %s" % (name, "/".join(map(str, e.absolute_path)), e.message[:160]))
print("\n".join(errors[:5]) if errors else "valid")
PY
}

# expect_valid_reports: every citecheck report (a .json file that
# starts as one) under the current folder is valid against the schema.
expect_valid_reports() {
	set -- $(grep -rl --include='*.json' '^"citecheck": {"name":"citecheck"' . 2> /dev/null)
	if [ $# -eq 0 ]; then
		expect "reports to validate" "none" "some"
		return
	fi
	expect "$# reports valid against man/citecheck-report.schema.json" "$(valid_report "$@")" valid
}
