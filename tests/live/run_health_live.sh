#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The health checks on this machine: --interval judges two live samples, --state twice judges
# the change between the runs, and hidden-socket compares the
# netlink dump with /proc/net (or says it could not) without reporting this machine's sockets.
# (Captures compared with --compare-to are tests/fixtures/health; live.capture checks that a
# capture holds what the health checks read.)
#   run_health_live.sh --bin BIN
set -u
bin=""
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        *) echo "usage: $0 --bin BIN" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$bin" audit --interval 1 --json > "$work/j"
rc=$?
[ "$rc" -le 2 ] || fail "--interval 1 exited $rc"
jq -e '.health.basis == "interval" and .health.interval_seconds >= 1' "$work/j" > /dev/null ||
    fail "interval basis: $(jq -c '.health | del(.measures)' "$work/j")"
probe=$(jq -r .health.hidden_socket_probe "$work/j")
case $probe in
    done) jq -e '[.findings[] | select(.id == "hidden-socket")] | length == 0' "$work/j" > /dev/null ||
        fail "hidden-socket on this machine: $(jq -c '[.findings[] | select(.id == "hidden-socket")]' "$work/j")" ;;
    unavailable) echo "netlink unavailable: hidden-socket skipped" >&2 ;;
    *) fail "hidden-socket probe $probe on the live /proc" ;;
esac
"$bin" audit --state "$work/state" --json > "$work/1" 2> /dev/null
"$bin" audit --state "$work/state" --json > "$work/2" 2> /dev/null
[ "$(jq -r .health.basis "$work/1") $(jq -r .health.basis "$work/2")" = "since_boot state" ] ||
    fail "--state twice: $(jq -c '.health | del(.measures)' "$work/1" "$work/2")"
[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "ok"
