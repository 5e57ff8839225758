#!/bin/bash
# SPDX-License-Identifier: MIT
# Privilege differential on the live /proc: netstat-audit and /usr/bin/netstat run as uid
# 65534, as uid 65534 under a procfs mounted with hidepid=2, and as root of a user namespace
# created by uid 65534; -tanp, -xap and -s must give the same stderr (netstat's notices), the
# same exit status and the same header lines. Rows are not compared (the live tables move).
# Both run in a private PID namespace with its own procfs, so the processes they see are this
# script's alone: a concurrent test's process between setuid and exec (non-dumpable, its fd
# directory unreadable) would otherwise flip netstat's notice between the two runs. A uid 65534
# process holding a TCP listener and a unix socket makes the "Not all processes" notice reachable.
#
# usage: run_privilege_diff.sh --bin PATH
# Exit: 0 equal, 1 a difference (printed), 77 not root or no mount/PID namespace.
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] || { echo "usage: run_privilege_diff.sh --bin PATH" >&2; exit 2; }
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
if [ "$(id -u)" != 0 ] || ! unshare -m -p --fork --propagation private true 2>/dev/null ||
    [ ! -x /usr/bin/netstat ] || [ ! -x /usr/bin/python3 ]; then
    echo "privilege-diff: needs root, mount and PID namespaces, /usr/bin/python3 and /usr/bin/netstat; skipping"
    exit 77
fi
# shellcheck disable=SC2016
exec env -u LANGUAGE LC_ALL=C unshare -m -p --fork --propagation private bash -c '
bin=$1
mount -t proc proc /proc || exit 77
# a copy uid 65534 can run whatever the build directory`s permissions (/root is mode 700)
mount -t tmpfs -o mode=0755 none /dev/shm || exit 77
mkdir /dev/shm/ours /dev/shm/ref
cp "$bin" /dev/shm/ours/netstat && cp /usr/bin/netstat /dev/shm/ref/netstat
chmod -R a+rX /dev/shm
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
# uid 65534 holds a TCP listener on an ephemeral loopback port and a unix socket until killed
"${nobody[@]}" /usr/bin/python3 -c "
import socket, signal, sys
t = socket.socket(); t.bind((\"127.0.0.1\", 0)); t.listen()
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); u.bind(\"\0netstat-audit-privilege-diff\")
sys.stdout.write(\"ready\\n\"); sys.stdout.flush()
signal.pause()
" > /dev/shm/holder.ready &
holder=$!
for _ in $(seq 100); do grep -q ready /dev/shm/holder.ready 2>/dev/null && break; sleep 0.05; done
grep -q ready /dev/shm/holder.ready || { echo "privilege-diff: the socket holder did not start"; exit 1; }
status=0
compare() { # LABEL COMMAND-PREFIX...
    local label=$1 args; shift
    for args in -tanp -xap -s; do
        "$@" /dev/shm/ref/netstat $args > /dev/shm/ref.out 2> /dev/shm/ref.err < /dev/null; r=$?
        "$@" /dev/shm/ours/netstat $args > /dev/shm/our.out 2> /dev/shm/our.err < /dev/null; o=$?
        if [ $r != $o ] || ! cmp -s /dev/shm/ref.err /dev/shm/our.err ||
            [ "$(head -n 2 /dev/shm/ref.out)" != "$(head -n 2 /dev/shm/our.out)" ]; then
            echo "privilege-diff: $label netstat $args differs: exit $r vs $o"
            diff /dev/shm/ref.err /dev/shm/our.err | head -5
            status=1
        else
            echo "privilege-diff: $label netstat $args: equal (exit $r, $(wc -c < /dev/shm/ref.err) bytes of stderr)"
        fi
    done
}
compare "uid 65534" "${nobody[@]}"
mount -t proc -o hidepid=2 proc /proc && compare "hidepid=2, uid 65534" "${nobody[@]}"
mount -t proc proc /proc
if "${nobody[@]}" unshare -U -r true 2>/dev/null; then
    compare "user namespace root" "${nobody[@]}" unshare -U -r
else
    echo "privilege-diff: unprivileged user namespaces are disabled, that case skipped"
fi
kill "$holder"
exit $status
' privilege-diff "$bin"
