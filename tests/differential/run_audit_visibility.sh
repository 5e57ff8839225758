#!/bin/bash
# SPDX-License-Identifier: MIT
# Audit visibility on the live /proc: `netstat-audit audit` as root, as uid 65534, and as uid
# 65534 under a procfs mounted with hidepid=2 must say what it could not see. In a private
# mount, PID and network namespace (as run_privilege_diff.sh: the processes and sockets are
# this script's alone), root holds a TCP listener on 0.0.0.0 and uid 65534 one on 127.0.0.1.
# Root sees both owners ("nothing hidden"); uid 65534 sees only its own: visibility.complete is
# false, the header says the owner of 1 socket is unknown, partial-visibility is reported, and
# no finding says a socket is held by no process (an owner that was not seen is not absent).
#
# usage: run_audit_visibility.sh --bin PATH
# Exit: 0 honest, 1 a claim it could not establish (printed), 77 not root or no namespaces.
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] || { echo "usage: run_audit_visibility.sh --bin PATH" >&2; exit 2; }
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
if [ "$(id -u)" != 0 ] || ! unshare -m -p -n --fork --propagation private true 2>/dev/null ||
    [ ! -x /usr/bin/python3 ] || ! command -v jq > /dev/null; then
    echo "audit-visibility: needs root, mount, PID and network namespaces, /usr/bin/python3 and jq; skipping"
    exit 77
fi
# shellcheck disable=SC2016
exec env -u LANGUAGE LC_ALL=C unshare -m -p -n --fork --propagation private bash -c '
bin=$1
mount -t proc proc /proc || exit 77
ip link set lo up
# a copy uid 65534 can run whatever the build directory`s permissions (/root is mode 700)
mount -t tmpfs -o mode=0755 none /dev/shm || exit 77
cp "$bin" /dev/shm/netstat-audit && chmod a+rx /dev/shm/netstat-audit
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
holder() { # ADDRESS: a TCP listener on an ephemeral port, held until killed
    /usr/bin/python3 -c "
import socket, signal, sys
t = socket.socket(); t.bind((sys.argv[1], 0)); t.listen()
sys.stdout.write(\"ready\\n\"); sys.stdout.flush()
signal.pause()
" "$1"
}
holder 0.0.0.0 > /dev/shm/root.ready &
roots=$!
"${nobody[@]}" bash -c "$(declare -f holder); holder 127.0.0.1" > /dev/shm/nobody.ready &
nobodys=$!
for _ in $(seq 100); do
    grep -q ready /dev/shm/root.ready 2>/dev/null && grep -q ready /dev/shm/nobody.ready 2>/dev/null && break
    sleep 0.05
done
grep -q ready /dev/shm/root.ready && grep -q ready /dev/shm/nobody.ready ||
    { echo "audit-visibility: the socket holders did not start"; exit 1; }
status=0
fail() { echo "audit-visibility: $label: $1"; status=1; bad=1; }
check() { # LABEL COMPLETE HIDEPID UNOWNED COMMAND-PREFIX...
    label=$1 complete=$2 hidepid=$3 unowned=$4 bad=0; shift 4
    "$@" /dev/shm/netstat-audit audit --json > /dev/shm/audit.json 2> /dev/shm/audit.err < /dev/null
    "$@" /dev/shm/netstat-audit audit > /dev/shm/audit.txt 2>> /dev/shm/audit.err < /dev/null
    [ -s /dev/shm/audit.err ] && fail "stderr: $(head -3 /dev/shm/audit.err)"
    v=$(jq -c ".visibility" /dev/shm/audit.json) || { fail "no JSON document"; return; }
    [ "$(jq ".visibility.complete" /dev/shm/audit.json)" = "$complete" ] || fail "visibility $v"
    [ "$(jq ".visibility.hidepid" /dev/shm/audit.json)" = "$hidepid" ] || fail "hidepid in $v"
    [ "$(jq ".visibility.sockets" /dev/shm/audit.json)" = 2 ] || fail "not both sockets: $v"
    [ "$(jq ".visibility.sockets_without_owner" /dev/shm/audit.json)" = "$unowned" ] ||
        fail "owners: $v"
    local partial
    partial=$(jq "[.findings[] | select(.id == \"partial-visibility\")] | length" /dev/shm/audit.json)
    if [ "$complete" = true ]; then
        grep -q "; nothing hidden\.$" /dev/shm/audit.txt || fail "the header does not say nothing is hidden"
        [ "$partial" = 0 ] || fail "partial-visibility reported with every process visible"
    else
        grep -q "nothing hidden" /dev/shm/audit.txt && fail "claims nothing is hidden"
        tr "\n" " " < /dev/shm/audit.txt | grep -q "owners of $unowned socket unknown" ||
            fail "the header does not say $unowned owner is unknown"
        [ "$partial" = 1 ] || fail "no partial-visibility finding"
        grep -q "held by no process" /dev/shm/audit.txt /dev/shm/audit.json &&
            fail "says a socket is held by no process although not every process was seen"
        jq -e "[.findings[].evidence | select(test(\"held by no visible process\"))] | length > 0" \
            /dev/shm/audit.json > /dev/null || fail "the 0.0.0.0 listener evidence does not say its owner was not seen"
    fi
    if [ "$hidepid" = true ]; then
        # the kernel shows hidepid=2 as "invisible" in mountinfo since 5.8
        jq -e ".visibility.notes | map(select(test(\"hidepid=(2|invisible)\"))) | length == 1" /dev/shm/audit.json > /dev/null ||
            fail "the notes do not name the hidepid= mount option: $v"
        grep -q "(hidepid)" /dev/shm/audit.txt || fail "the header does not mention hidepid"
    fi
    [ $bad = 0 ] && echo "audit-visibility: $label: honest ($v)"
}
check "root" true false 0
check "uid 65534" false false 1 "${nobody[@]}"
mount -t proc -o hidepid=2 proc /proc && check "hidepid=2, uid 65534" false true 1 "${nobody[@]}"
kill "$roots" "$nobodys"
exit $status
' audit-visibility "$bin"
