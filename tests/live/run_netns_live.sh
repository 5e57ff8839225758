#!/bin/bash
# SPDX-License-Identifier: MIT
# Live check of --netns: a listener that this test opens inside a fresh network namespace
# (unshare -n, loopback up, 0.0.0.0:PORT) must appear in --netns=all -tlnp under its namespace's
# header with its owner, in --netns=PID, in --ndjson records tagged with netstat_audit.netns, in
# a netstat-audit-capture read back with --proc-root, and in `netstat-audit audit` (live and on
# the capture) as hidden-namespace-listener naming the namespace and in its listening surface
# under the namespace's heading; the default -tlnp must not show it and stays netstat's. The namespace's only process lives at most 60 s and is killed on exit.
#
# usage: run_netns_live.sh --bin PATH --capture PATH
# Exit: 0 all as expected, 1 something differs, 77 not root or unshare -n not permitted.
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] && [ "${3:-}" = --capture ] && [ -n "${4:-}" ] ||
    { echo "usage: run_netns_live.sh --bin PATH --capture PATH" >&2; exit 2; }
bin=$2
capture=$4
export LC_ALL=C
[ "$(id -u)" -eq 0 ] || { echo "SKIP   not root"; exit 77; }
command -v jq > /dev/null || { echo "SKIP   jq missing"; exit 77; }
unshare -n true 2> /dev/null || { echo "SKIP   unshare -n not permitted"; exit 77; }
work=$(mktemp -d)
holder=""
cleanup() {
    [ -z "$holder" ] || kill "$holder" 2> /dev/null
    [ -z "$holder" ] || wait "$holder" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
status=0
pass() { echo "PASS   $*"; }
fail() { echo "FAIL   $*"; status=1; }

port=$((40000 + $$ % 20000))
mkfifo "$work/ready"
# exec keeps the pid: $holder is the listener itself, in the new namespace.
unshare -n sh -c 'ip link set lo up 2> /dev/null; exec python3 -c "
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((\"0.0.0.0\", int(sys.argv[1]))); s.listen(1)
open(sys.argv[2], \"w\").write(\"ready\\n\")
time.sleep(60)" "$0" "$1"' "$port" "$work/ready" &
holder=$!
read -r _ < "$work/ready" || { fail "the namespace's listener did not start"; exit 1; }
inode=$(readlink "/proc/$holder/ns/net" | tr -cd 0-9)
own=$(readlink /proc/self/ns/net | tr -cd 0-9)
[ -n "$inode" ] && [ "$inode" != "$own" ] || { fail "no separate namespace ($inode)"; exit 1; }

# --- text views --------------------------------------------------------------------------------
"$bin" --netns=all -tlnp > "$work/all" 2> "$work/all.err"
section=$(awk -v h="Network namespace $inode " 'index($0, h) == 1 { on = 1; print; next }
    /^Network namespace / { on = 0 } on' "$work/all")
if head -n 1 <<< "$section" | grep -q "^Network namespace $inode python3 (1 process)$" &&
    grep -Eq "^tcp +0 +0 0\.0\.0\.0:$port +0\.0\.0\.0:\* +LISTEN +$holder/python3 *$" <<< "$section"
then
    pass "--netns=all -tlnp: the namespace's header and its listener with the owner"
else
    fail "--netns=all -tlnp lacks namespace $inode or port $port"; cat "$work/all" "$work/all.err"
fi
if [ "$(grep -c '^Network namespace ' "$work/all")" -ge 2 ] &&
    head -n 1 "$work/all" | grep -q "^Network namespace $own host ("; then
    pass "--netns=all: the host's namespace first, one header per namespace"
else
    fail "--netns=all headers"; grep '^Network namespace' "$work/all"
fi
if "$bin" --netns="$holder" -tlnp | grep -q ":$port "; then
    pass "--netns=PID -tlnp"
else
    fail "--netns=$holder -tlnp lacks port $port"
fi
if "$bin" -tlnp | grep -q ":$port "; then
    fail "the default -tlnp shows the other namespace's port $port"
else
    pass "the default -tlnp stays the own namespace's"
fi
if [ -x /usr/bin/netstat ]; then
    same=""
    for _ in 1 2 3; do
        /usr/bin/netstat -tlnp > "$work/netstat" 2>&1
        "$bin" -tlnp > "$work/ours" 2>&1
        if cmp -s "$work/netstat" "$work/ours"; then same=1; break; fi
    done
    [ -n "$same" ] && pass "-tlnp byte-identical to netstat beside the namespace" ||
        { fail "-tlnp differs from netstat"; diff "$work/netstat" "$work/ours"; }
fi

# --- NDJSON -----------------------------------------------------------------------------------
if "$bin" --netns=all -tlnp --ndjson | jq -e --argjson i "$inode" --argjson p "$port" -s \
    'map(select(.netstat_audit.netns.inode == $i and .source.port == $p and
                .process.pid != null)) | length == 1' > /dev/null; then
    pass "--ndjson: the listener's record carries netstat_audit.netns"
else
    fail "--ndjson --netns=all lacks a tagged record for port $port"
fi

# --- audit, live ------------------------------------------------------------------------------
hidden() { # ARGS...: the audit's hidden-namespace-listener findings for our port and namespace
    "$bin" audit "$@" --json --only hidden-namespace-listener | jq --argjson i "$inode" \
        --argjson p "$port" '[.findings[] | select(.subject.port == $p and
                              .subject.netns.inode == $i)] | length'
}
[ "$(hidden)" = 1 ] && pass "audit: hidden-namespace-listener names the namespace" ||
    fail "audit: no hidden-namespace-listener for port $port in namespace $inode"
# The listening surface: the listener under its namespace's heading, in text and JSON.
"$bin" audit --no-color > "$work/audit.txt" 2> "$work/audit.err"
rows=$(awk -v h="netns python3 ($inode): 1 process; no container runtime" '
    index($0, h) == 1 { on = 1; next } /^netns |^$|^\(/ { on = 0 } on' "$work/audit.txt")
if grep -Eq "^tcp +0\.0\.0\.0 +$port all +$holder " <<< "$rows"; then
    pass "audit: the surface lists the listener under netns python3 ($inode)"
else
    fail "audit: the surface lacks port $port under its namespace"; sed -n '1,/^FINDINGS/p' "$work/audit.txt"
fi
if "$bin" audit --json | jq -e --argjson i "$inode" --argjson p "$port" \
    '[.listening[] | select(.port == $p and .netns.inode == $i and .netns.label == "python3")]
     | length == 1' > /dev/null &&
    "$bin" audit --json | jq -e '.visibility.network_namespaces.seen >= 2' > /dev/null; then
    pass "audit --json: the listener carries its netns; the namespaces are counted"
else
    fail "audit --json: no listening entry for port $port with netns $inode"
fi

# --- capture, then offline --------------------------------------------------------------------
sh "$capture" "$work/cap" 2> "$work/cap.err" || { fail "capture failed"; cat "$work/cap.err"; }
if "$bin" --proc-root "$work/cap" --netns=all -tlnp | grep -A3 "^Network namespace $inode " |
    grep -q "0.0.0.0:$port .*$holder/python3"; then
    pass "capture: --proc-root DIR --netns=all -tlnp shows the namespace's listener"
else
    fail "capture: the namespace's listener is missing offline"
fi
[ "$(hidden --proc-root "$work/cap")" = 1 ] && pass "capture: the audit finds it offline" ||
    fail "capture: the offline audit lacks hidden-namespace-listener"
exit $status
