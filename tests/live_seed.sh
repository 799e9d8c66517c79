#!/bin/sh
# The seed report's own links, with their real host names, checked against
# the simulated web: every host answers 200 with a page of its own, except
# thanhvien.vn (the report's misspelling of thanhnien.vn, footnote 41), which
# answers 404 to everything. Runs only inside a private network namespace.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
seed=$(cd "$2" && pwd)/000_639fc2e66c0e2ab4.txt
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${CITECHECK_NETNS:-}" ]; then
	echo "live_seed: skipped: run it through .ci/test, inside a private network namespace"
	exit 77
fi
tmp=$(mktemp -d)
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# a certificate naming every https host the seed cites
"$bin" --extract-only -q "$seed" |
	jq -r '[.references[].links[].normalized // empty | capture("^https://(?<h>[^/:]+)").h] | unique | map("DNS:" + .) | join(",")' > sans
# 38: the distinct hosts of the https URLs in the seed, by perl over the raw text
expect "https hosts in the seed" "$(tr ',' '\n' < sans | wc -l | tr -d ' ')" 38
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=citecheck-test-ca 2> /dev/null
openssl req -newkey rsa:2048 -nodes -keyout site.key -out site.csr -subj /CN=seed 2> /dev/null
printf 'subjectAltName=%s\n' "$(cat sans)" > san.ext
openssl x509 -req -in site.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out site.pem -days 2 -extfile san.ext 2> /dev/null

python3 "$here/simweb.py" --port-file port --tls-cert site.pem --tls-key site.key --tls-port-file tlsport \
	--log requests.log --lifetime 240 --default-alive --dead-host thanhvien.vn &
server=$!
i=0
while [ ! -s port ] || [ ! -s tlsport ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "simweb did not start"; exit 1; }
	sleep 0.1
done

"$bin" -q --connect-to ":80:127.0.0.1:$(cat port)" --connect-to ":443:127.0.0.1:$(cat tlsport)" \
	--cacert ca.pem -o out.json "$seed"
expect "exit 1: a dead link and error findings" "$?" 1
q() { jq -r "$1" out.json; }
expect "verdicts (alive dead blocked error skipped)" \
	"$(q '.summary.live | "\(.alive) \(.dead) \(.blocked) \(.error) \(.skipped)"')" "149 1 0 0 4"
expect "the dead one: thanhvien.vn, footnote 41" \
	"$(q '.references[] | select(.links[].live.verdict == "dead") | "\(.footnote) \(.links[0].live.reason)"')" "41 http-404"
expect "skipped: the four URLs with spaces (lines 317 406 456 496), never sent" \
	"$(q '[.references[].links[] | select(.live.verdict == "skipped") | "\(.line):\(.live.reason)"] | join(" ")')" \
	"317:invalid-url 406:invalid-url 456:invalid-url 496:invalid-url"
expect "not offline" "$(q .summary.live.offline)" false
# 119 distinct URLs, 3 of them invalid: 116 fetched, each exactly once; the
# rest of the requests are soft-404 probes, one per host
expect "one request per distinct URL" \
	"$(jq -rs '[.[] | select(.path | startswith("/citecheck-probe-") | not)] | length' requests.log)" 116
expect "one probe per scheme and host at most" \
	"$(jq -rs '[.[] | select(.path | startswith("/citecheck-probe-"))] | group_by([.host, .tls]) | map(length) | max' requests.log)" 1
finish live_seed
