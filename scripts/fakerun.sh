#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs netstat (or netstat-audit) against a fixture inside a private mount namespace.
#
# usage: fakerun.sh [--bin PATH] [--proc-root] [--etc DIR] [--netns] [--expose-self] FIXDIR [--as UID] ARGS...
#
#   FIXDIR        a fixture: FIXDIR/proc (copied onto a tmpfs mounted over /proc),
#                 FIXDIR/setup.sh (run after the copy, inside the namespace),
#                 FIXDIR/etc/* (each bind-mounted over /etc/<name>).
#   --bin PATH    program to run (default /usr/bin/netstat); it always runs with argv[0] "netstat",
#                 so "netstat:" prefixes and getopt messages match the reference.
#   --proc-root   also pass "--proc-root /proc" (netstat-audit only): exercises the injectable
#                 root instead of the built-in default.
#   --etc DIR     bind-mount DIR/* instead of FIXDIR/etc/*.
#   --netns       also unshare the network namespace and build the probe interfaces in it
#                 (scripts/netns_setup.sh --here); needed by the -i cases.
#   --expose-self mount the real procfs at /proc/.real and link /proc/self, /proc/thread-self and
#                 /proc/<pid of the program> to it: sanitizer runtimes (ASan, LSan) read their own
#                 /proc entries. netstat ignores non-numeric entries and the program holds no
#                 fixture socket, so the output does not change.
#   --as UID      run the program as UID/GID via setpriv (after the namespace is set up). When
#                 UID cannot reach the program (a build under /root, mode 700), a copy on a
#                 tmpfs mounted over /dev/shm inside the namespace runs instead.
#
# Requires root (or a user namespace granting CAP_SYS_ADMIN). Nothing outside the namespace
# changes. Exits 99 when the namespace cannot be set up, else with the program's status.
# The environment is pinned to the C locale: netstat's texts and sort order are the C locale's
# (every golden is recorded under it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=/usr/bin/netstat
proc_root=""
etc_dir=""
netns=""
expose_self=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --proc-root) proc_root=1; shift ;;
        --etc) etc_dir=$2; shift 2 ;;
        --netns) netns=1; shift ;;
        --expose-self) expose_self=1; shift ;;
        *) break ;;
    esac
done
if [ $# -lt 1 ]; then
    echo "usage: fakerun.sh [--bin PATH] [--proc-root] [--etc DIR] [--netns] [--expose-self] FIXDIR [--as UID] ARGS..." >&2
    exit 2
fi
fix=$(cd "$1" && pwd) || exit 99
shift
as=""
if [ "${1:-}" = "--as" ]; then as=$2; shift 2; fi
[ -n "$etc_dir" ] || etc_dir=$fix/etc
etc_dir=$(cd "$etc_dir" 2>/dev/null && pwd) || etc_dir=""

unshare_flags=(-m --propagation private)
[ -n "$netns" ] && unshare_flags+=(-n)

# shellcheck disable=SC2016
exec env -u LANGUAGE LC_ALL=C unshare "${unshare_flags[@]}" bash -c '
fix=$1 as=$2 bin=$3 proc_root=$4 etc_dir=$5 netns=$6 here=$7 expose_self=$8
shift 8
if [ -n "$netns" ]; then
    sh "$here/netns_setup.sh" --here >/dev/null 2>&1 || { echo "fakerun: netns setup failed" >&2; exit 99; }
fi
mount -t tmpfs none /proc || exit 99
mkdir -p /proc/net
if [ -d "$fix/proc" ]; then
    # netstat -p gives a shared socket to the first process in readdir order, and tmpfs lists
    # entries newest first: copy pid directories in descending order so that the fake /proc
    # lists them ascending, like procfs, whatever order the checkout created them in.
    for entry in "$fix"/proc/*; do
        case "${entry##*/}" in *[!0-9]*) cp -R --preserve=mode,timestamps,links --no-dereference "$entry" /proc/ 2>/dev/null ;; esac
    done
    for pid in $(ls "$fix/proc" | grep -E "^[0-9]+\$" | sort -rn); do
        cp -R --preserve=mode,timestamps,links --no-dereference "$fix/proc/$pid" /proc/ 2>/dev/null
    done
    find /proc -name .gitkeep -delete
fi
[ -f "$fix/setup.sh" ] && sh "$fix/setup.sh"
if [ -n "$etc_dir" ]; then
    for f in "$etc_dir"/*; do
        [ -e "$f" ] || continue
        if [ ! -e "/etc/${f##*/}" ]; then
            echo "fakerun: /etc/${f##*/} does not exist, cannot bind-mount the fixture copy" >&2
            exit 99
        fi
        mount --bind "$f" "/etc/${f##*/}" || exit 99
    done
fi
if [ -n "$expose_self" ]; then
    mkdir -p /proc/.real && mount -t proc proc /proc/.real || exit 99
    rm -rf /proc/self /proc/thread-self
    ln -s .real/self /proc/self
    ln -s .real/thread-self /proc/thread-self
    [ -e "/proc/$$" ] || ln -s ".real/$$" "/proc/$$"  # exec keeps this pid
    # the LeakSanitizer tracer fails now and then on the fake /proc under load; leaks are
    # checked by the unit and hostile tests, which see the real /proc.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
fi
extra=()
[ -n "$proc_root" ] && extra=(--proc-root /proc)
if [ -n "$as" ]; then
    if ! setpriv --reuid="$as" --regid="$as" --clear-groups test -x "$bin"; then
        [ -d /dev/shm ] && mount -t tmpfs -o mode=0755 none /dev/shm &&
            cp "$bin" /dev/shm/netstat && chmod 0755 /dev/shm/netstat ||
            { echo "fakerun: uid $as cannot run $bin and no copy could be made" >&2; exit 99; }
        bin=/dev/shm/netstat
    fi
    exec -a netstat setpriv --reuid="$as" --regid="$as" --clear-groups \
        bash -c "exec -a netstat \"\$0\" \"\$@\"" "$bin" "${extra[@]}" "$@"
fi
exec -a netstat "$bin" "${extra[@]}" "$@"
' fakerun "$fix" "$as" "$bin" "$proc_root" "$etc_dir" "$netns" "$here" "$expose_self" "$@"
