#!/bin/bash
# SPDX-License-Identifier: MIT
# Live check: netstat-audit and /usr/bin/netstat on this machine's real /proc, listening tcp and
# udp sockets (-tlnW, -ulnW). Header lines must match exactly, rows as sorted sets (both tools
# print file order, but sockets may come and go between the two runs; a mismatch is retried).
# The script opens a TCP listener and a UDP socket of its own on 127.0.0.1 first and requires
# their rows in both outputs, so a host without listeners (or a tool printing no rows) fails.
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

# our own listeners, held open until the script exits
coproc LISTENERS {
    exec python3 -c '
import socket, sys
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.bind(("127.0.0.1", 0)); t.listen(1)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
print(t.getsockname()[1], u.getsockname()[1], flush=True)
sys.stdin.read()'
}
trap 'kill "$LISTENERS_PID" 2>/dev/null; rm -rf "$work"' EXIT
if ! read -r tcp_port udp_port <&"${LISTENERS[0]}"; then
    echo "live: could not open the loopback listeners"
    exit 1
fi
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
        case $args in -t*) port=$tcp_port ;; *) port=$udp_port ;; esac
        if cmp -s "$work/ref.txt" "$work/our.txt" && grep -q "^[a-z0-9]* .* 127\.0\.0\.1:$port " "$work/our.txt"; then
            ok=1
            break
        fi
    done
    if [ -n "$ok" ]; then
        echo "live: netstat $args: equal ($(($(wc -l < "$work/ref.txt") - 3)) rows, attempt $attempt)"
    else
        echo "live: netstat $args differs, or lacks our listener 127.0.0.1:$port (rows sorted):"
        diff -u --label "netstat $args" --label "netstat-audit $args" "$work/ref.txt" "$work/our.txt"
        status=1
    fi
done
exit $status
