#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Live: `trigger --every 1 --syn-recv 0 --dir D` (a condition that always holds) writes one valid
# snapshot within 10 s (2 s is the goal on an idle host), prints NDJSON events, and
# SIGTERM ends it with status 0.
# Usage: run_trigger_live.sh --bin build/netstat-audit --schemas src/schema
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="" schemas="$here/../../src/schema"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$(realpath "$2"); shift 2 ;;
    --schemas) schemas=$(realpath "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -r /proc/net/snmp ] || { echo "SKIP: no /proc/net/snmp"; exit 77; }
work=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL $*"; exit 1; }

# The goal is 2 s on an idle host (the issue's figure, measured by hand and printed below); the
# snapshot runs the audit and every view, which under a sanitizer build or beside a parallel
# ctest takes several times longer, so the test fails only beyond 10 s, never on load alone.
deadline_ms=10000
start=$(date +%s%N)
"$bin" trigger --every 1 --syn-recv 0 --cooldown 3600 --dir "$work/snaps" >"$work/events" \
  2>"$work/err" &
pid=$!
snapshot=""
# Poll (not a fixed sleep) for the first snapshot, up to the deadline.
while [ $(( ($(date +%s%N) - start) / 1000000 )) -lt "$deadline_ms" ]; do
  snapshot=$(find "$work/snaps" -name 'netstat-audit-trigger-*.json' 2>/dev/null | head -n 1 || true)
  [ -z "$snapshot" ] || break
  sleep 0.05
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ -n "$snapshot" ] || fail "no snapshot within $deadline_ms ms (stderr: $(cat "$work/err"))"
echo "ok   snapshot after ${elapsed_ms} ms: ${snapshot##*/}"
kill -TERM "$pid"
set +e
wait "$pid"
status=$?
set -e
pid=""
[ "$status" = 0 ] || fail "SIGTERM: exit status $status, not 0"
echo "ok   SIGTERM ends it with status 0"
[ ! -s "$work/err" ] || fail "stderr not empty: $(cat "$work/err")"
left=$(find "$work/snaps" -name '.*' | wc -l)
[ "$left" = 0 ] || fail "$left temporary files left"
jq -e -s 'all(.[]; .netstat_audit.record_type == "trigger_event")' "$work/events" >/dev/null ||
  fail "an event line is not a trigger_event record: $(head -c 300 "$work/events")"
actions=$(jq -r -s '[.[].event.action] | unique | join(" ")' "$work/events")
first=$(jq -r -s '.[0].event.action' "$work/events")
last=$(jq -r -s '.[-1].event.action' "$work/events")
[ "$first" = trigger-started ] && [ "$last" = trigger-stopped ] &&
  [[ " $actions " == *" snapshot-written "* ]] ||
  fail "events: first $first, last $last, actions $actions"
echo "ok   NDJSON events: $actions"
[ "$(find "$work/snaps" -name 'netstat-audit-trigger-*.json' | wc -l)" = 1 ] ||
  fail "more than one snapshot despite --cooldown 3600"
"${NETSTAT_AUDIT_PYTHON:-/usr/bin/python3}" "$here/check_snapshot.py" --schemas "$schemas" --condition syn-recv "$snapshot"
