#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The kernel-log checks on /dev/kmsg fixtures (tests/fixtures/kmsg): the quiet log finds
# nothing, the triggering one fires each check with its subjects and times; the OOM check
# names the killed process's baseline listeners; a capture directory's kmsg is found beside
# its proc/; an unreadable --kmsg file exits 3.
# Usage: run_kmsg_checks.sh --bin build/netstat-audit [--fixtures tests/fixtures]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="" fixtures="$here/../fixtures"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$(realpath "$2"); shift 2 ;;
    --fixtures) fixtures=$(realpath "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
kmsg="$fixtures/kmsg"
root="$fixtures/audit/clean"
only=recent-oom-kill,kernel-syn-flood-message,conntrack-drops-logged,link-flaps
failures=0
expect() { # NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then echo "ok   $1"; else
    echo "FAIL $1"; echo "  expected: $2"; echo "  actual:   $3"; failures=$((failures + 1)); fi
}
audit() { "$bin" audit --proc-root "$root" --only "$only" --json "$@"; }
summary='[.findings[] | "\(.id) \(.severity) \(.subject.program // .subject.interface // .subject.port // "-")"] | join("; ")'

set +e
quiet=$(audit --kmsg "$kmsg/quiet.kmsg"); quiet_rc=$?
loud=$(audit --kmsg "$kmsg/triggering.kmsg"); loud_rc=$?
based=$(audit --kmsg "$kmsg/triggering.kmsg" --baseline "$kmsg/baseline"); based_rc=$?
"$bin" audit --proc-root "$root" --kmsg "$kmsg/missing.kmsg" >/dev/null 2>&1; missing_rc=$?
set -e

expect "quiet log: no finding, status 0" "0:" "$quiet_rc:$(jq -r "$summary" <<<"$quiet")"
expect "triggering log: every check fires (status 1: warnings)" \
  "1:recent-oom-kill warning nginx; recent-oom-kill warning java; kernel-syn-flood-message warning 80; kernel-syn-flood-message warning 443; conntrack-drops-logged warning -; link-flaps warning eth0; link-flaps info enp65s0f0np0" \
  "$loud_rc:$(jq -r "$summary" <<<"$loud")"
expect "oom without baseline says so" "true" \
  "$(jq '[.findings[] | select(.id == "recent-oom-kill") | .evidence | test("no baseline given")] | all' <<<"$loud")"
expect "oom evidence has the time and pid" "true" \
  "$(jq '.findings[] | select(.subject.program == "nginx") | .evidence | test("^\\[5000\\.200000\\] the OOM killer killed nginx \\(pid 1234\\)")' <<<"$loud")"
expect "syn flood on port 80 counted twice with times" "true" \
  "$(jq '.findings[] | select(.id == "kernel-syn-flood-message" and .subject.port == 80) | .evidence | test("port 80 2 times: \\[4000\\.000000\\], \\[4001\\.000000\\]")' <<<"$loud")"
expect "an explicit --kmsg file has no boot start: times since boot only" "4000,4001|" \
  "$(jq -r '.findings[] | select(.id == "kernel-syn-flood-message" and .subject.port == 80) | "\([.logged[].seconds_since_boot] | join(","))|\([.logged[].time // empty] | join(","))"' <<<"$loud")"
expect "conntrack drops counted" "true" \
  "$(jq '.findings[] | select(.id == "conntrack-drops-logged") | .evidence | test("2 times")' <<<"$loud")"
expect "eth0 flapped twice" "true" \
  "$(jq '.findings[] | select(.subject.interface == "eth0") | .evidence | test("lost its link 2 times .* came up 3 times")' <<<"$loud")"
expect "oom with baseline names nginx's listeners (status $based_rc)" \
  "in the baseline it held the listeners tcp port 80 (/usr/sbin/nginx), tcp6 port 443 (/usr/sbin/nginx)|it held no listener in the baseline" \
  "$(jq -r '[.findings[] | select(.id == "recent-oom-kill") | .evidence | sub("^.*; "; "")] | join("|")' <<<"$based")"
expect "unreadable --kmsg exits 3" "3" "$missing_rc"

# A capture directory: its kmsg beside proc/ is read without --kmsg.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/." "$work/"
cp "$kmsg/triggering.kmsg" "$work/kmsg"
# the capture's boot began at 1764590000.5 (2025-12-01 11:53:20.5 UTC): records at 4200.0 s and
# 4200.1 s after it were logged at 13:03:20.5 and 13:03:20.6
echo "boot-time-unix: 1764590000.500000" >"$work/MANIFEST"
set +e
captured=$("$bin" audit --proc-root "$work" --only conntrack-drops-logged --json); captured_rc=$?
captured_text=$("$bin" audit --proc-root "$work" --only conntrack-drops-logged --no-color)
set -e
expect "capture directory's kmsg is read" "1:conntrack-drops-logged warning -" \
  "$captured_rc:$(jq -r "$summary" <<<"$captured")"
expect "capture's boot start gives wall-clock times" \
  "2025-12-01T13:03:20.500000Z,2025-12-01T13:03:20.600000Z" \
  "$(jq -r '.findings[0].logged | map(.time) | join(",")' <<<"$captured")"
expect "the text report shows them beside the seconds since boot" "1" \
  "$(grep -c '\[4200.000000\] ~2025-12-01 13:03:20 UTC' <<<"$captured_text")"
# Both documents with "logged" lists (with and without wall-clock times) validate.
schema=$(cd "$(dirname "$0")/../.." && pwd)/src/schema/audit-report.schema.json
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
if "$python" -c "import jsonschema" 2>/dev/null; then
  for name in loud captured; do
    printf '%s' "${!name}" >"$work/$name.json"
    valid=yes
    "$python" -W ignore -m jsonschema -i "$work/$name.json" "$schema" >&2 || valid=no
    expect "$name document validates against the audit schema" "yes" "$valid"
  done
else
  echo "skip schema validation: python3-jsonschema missing"
fi
exit $((failures > 0))
