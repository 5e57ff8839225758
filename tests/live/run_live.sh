#!/bin/bash
# SPDX-License-Identifier: MIT
# Live check: netstat-audit and /usr/bin/netstat on this machine's real /proc, listening tcp and
# udp sockets (-tlnW, -ulnW). Header lines must match exactly, rows as sorted sets (both tools
# print file order, but sockets may come and go between the two runs; a mismatch is retried).
#
# usage: run_live.sh --bin PATH [--netstat PATH]
# Exit: 0 equal, 1 different on every attempt, 77 no reference netstat.
set -u
bin="" netstat=/usr/bin/netstat
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --netstat) netstat=$2; shift 2 ;;
        *) echo "usage: run_live.sh --bin PATH [--netstat PATH]" >&2; exit 2 ;;
    esac
done
[ -n "$bin" ] || { echo "usage: run_live.sh --bin PATH [--netstat PATH]" >&2; exit 2; }
if [ ! -x "$netstat" ]; then
    echo "live: $netstat not found, skipping"
    exit 77
fi
export LC_ALL=C
unset LANGUAGE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/ref" "$work/our"
ln -s "$netstat" "$work/ref/netstat"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/our/netstat"

# run DIR ARGS: "rc=N", the two header lines, then the sorted rows, then stderr
run() {
    local dir=$1 rc
    shift
    PATH=$dir:$PATH netstat "$@" > "$work/out" 2> "$work/err" < /dev/null
    rc=$?
    echo "rc=$rc"
    head -n 2 "$work/out"
    tail -n +3 "$work/out" | LC_ALL=C sort
    sed 's/^/stderr: /' "$work/err"
}

status=0
for args in -tlnW -ulnW; do
    ok=""
    for attempt in 1 2 3; do
        run "$work/ref" "$args" > "$work/ref.txt"
        run "$work/our" "$args" > "$work/our.txt"
        if cmp -s "$work/ref.txt" "$work/our.txt"; then ok=1; break; fi
    done
    if [ -n "$ok" ]; then
        echo "live: netstat $args: equal ($(($(wc -l < "$work/ref.txt") - 3)) rows, attempt $attempt)"
    else
        echo "live: netstat $args differs (rows sorted):"
        diff -u --label "netstat $args" --label "netstat-audit $args" "$work/ref.txt" "$work/our.txt"
        status=1
    fi
done
exit $status
