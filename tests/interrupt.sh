#!/bin/sh
# interrupt.sh — SIGINT and SIGTERM while links are being checked: the run
# stops, writes the report of what it had (valid JSON, "complete": false),
# leaves no temporary file, gives the report the umask's mode and exits
# 128 + the signal; a second signal ends it at once. The server here accepts
# connections and never answers, so without the signal every request would
# wait for its 60-second timeout.
. "$(dirname "$0")/lib.sh"
require_netns interrupt
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
cd "$tmp" || exit 1
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(64)
print(s.getsockname()[1], flush=True)
time.sleep(120)  # ends on its own
' > port &
server=$!
trap 'kill $server 2> /dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s port ] && break; sleep 0.1; done
port=$(cat port)
printf '# Report\n\n## References\n\n1. One, http://127.0.0.1:%s/one\n2. Two, http://127.0.0.1:%s/two\n' "$port" "$port" > doc.md

# start_check: runs citecheck in the background (pid) and waits until both
# requests are in flight (the server's accept queue holds them).
start_check() {
	"$bin" --no-archive --check-example-hosts --timeout 60 --retries 0 -o report.json doc.md 2> err &
	pid=$!
	for _ in $(seq 100); do
		[ "$(ss -Htn state established "( dport = :$port )" | wc -l)" -ge 2 ] && break
		sleep 0.1
	done
}

# interrupt_run SIGNAL: start_check, then SIGNAL; sets rc and secs (whole
# seconds from the signal to the exit).
interrupt_run() {
	umask 022
	start_check
	start=$(date +%s)
	kill "-$1" "$pid"
	wait "$pid"
	rc=$?
	secs=$(($(date +%s) - start))
}

interrupt_run INT
expect "SIGINT: exit 130" "$rc" 130
expect "… within the bound (10 s on a loaded machine; the timeout is 60)" "$([ "$secs" -le 10 ] && echo yes)" yes
expect "… the report says what it holds" \
	"$(jq -c '[.complete, .incomplete_reason, [.documents[0].references[].links[].live | .verdict + "/" + .reason]]' report.json)" \
	'[false,"interrupted by SIGINT",["error/interrupted","error/interrupted"]]'
expect "… no temporary file is left" "$(ls | grep -c 'report.json.')" 0
expect "… the report has the umask's mode" "$(stat -c %a report.json)" 644
expect "… the terminal is told" "$(tail -1 err)" \
	"citecheck: interrupted by SIGINT: the report holds only what was checked before then"

rm -f report.json
interrupt_run TERM
expect "SIGTERM: exit 143" "$rc" 143
expect "… valid JSON, marked incomplete" "$(jq -c '[.complete, .incomplete_reason]' report.json)" \
	'[false,"interrupted by SIGTERM"]'

# Two signals: the second ends the process at once, without a report.
rm -f report.json
start_check
kill -INT "$pid"
kill -INT "$pid"
wait "$pid"
rc=$?
expect_match "a second SIGINT: exit 130 (the first may have finished the run)" "$rc" '^130$'
expect "… no temporary file is left" "$(ls | grep -c 'report.json.')" 0

cd "$tmp" && expect_valid_reports
finish interrupt
