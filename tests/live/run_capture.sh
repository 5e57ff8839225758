#!/bin/bash
# SPDX-License-Identifier: MIT
# Live check of offline analysis: scripts/netstat-audit-capture saves this machine's /proc data,
# then netstat-audit --proc-root on the capture must print what it prints on the live /proc for
# listening sockets with owners (-tlnpW, -ulnpW, -xlp) and the routing table (-rn). Rows are
# compared as sorted sets; a mismatch (sockets coming and going) is retried.
#
# usage: run_capture.sh --bin PATH
# Exit: 0 equal, 1 different on every attempt.
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] || { echo "usage: run_capture.sh --bin PATH" >&2; exit 2; }
bin=$2
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sorted() { # ARGS...: rc, header lines, sorted rows, stderr
    "$bin" "$@" > "$work/out" 2> "$work/err" < /dev/null
    echo "rc=$?"
    head -n 2 "$work/out"
    tail -n +3 "$work/out" | sort
    sed 's/^/stderr: /' "$work/err"
}

status=0
for args in "-tlnpW" "-ulnpW" "-xlp" "-rn"; do
    ok=""
    for attempt in 1 2 3; do
        rm -rf "$work/cap"
        sh "$here/../../scripts/netstat-audit-capture" "$work/cap" 2> /dev/null
        # shellcheck disable=SC2086
        sorted $args > "$work/live.txt"
        # shellcheck disable=SC2086
        sorted --proc-root "$work/cap/proc" $args > "$work/capture.txt"
        if cmp -s "$work/live.txt" "$work/capture.txt"; then ok=1; break; fi
        echo "capture $args: attempt $attempt differs"
    done
    if [ -n "$ok" ]; then
        echo "PASS   capture $args"
    else
        echo "FAIL   capture $args"
        diff -u "$work/live.txt" "$work/capture.txt" | cat -v
        status=1
    fi
done
exit $status
