#!/bin/bash
# SPDX-License-Identifier: MIT
# Hostile /proc trees through the whole binary: every view must finish, without a crash or a
# sanitizer report, on binary noise, 64 MiB files, a 256 MiB line with no newline, a FIFO and an endless
# device. The per-run `timeout` is a hang detector (generous), not a performance assertion.
#
# usage: run_hostile.sh --bin PATH [--small] [TREE...]   (TREE: noise big oneline special;
#        default all)
# ctest runs one test per tree, so that they spread over its jobs. --small (the sanitizer lane)
# makes the big files 16 MiB and the line without a newline 64 MiB: as many chunk boundaries
# for the sanitizers to watch, a quarter of the instrumented work; the release lane keeps the
# full sizes, where a quadratic rescan would show.
# Exit: 0 all runs ended normally, 1 a run crashed, hung or reported a sanitizer error.
set -u
usage="usage: run_hostile.sh --bin PATH [--small] [noise|big|oneline|special...]"
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] || { echo "$usage" >&2; exit 2; }
bin=$2
shift 2
big_bytes=67108864 line_bytes=268435456
if [ "${1:-}" = --small ]; then
    big_bytes=16777216 line_bytes=67108864
    shift
fi
trees=("$@")
[ ${#trees[@]} -gt 0 ] || trees=(noise big oneline special)
for tree in "${trees[@]}"; do
    case $tree in noise|big|oneline|special) ;; *) echo "$usage" >&2; exit 2 ;; esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

# tree NAME: one hostile proc tree per kind of input
make_tree() {
    local dir=$work/$1/net f
    mkdir -p "$dir" "$work/$1/1/fd"
    case $1 in
        noise)      for f in tcp tcp6 udp udp6 raw raw6 unix dev route ipv6_route snmp netstat snmp6 igmp igmp6 if_inet6; do
                        head -c 4000000 /dev/urandom > "$dir/$f"
                    done
                    head -c 600 /dev/urandom > "$work/$1/1/cmdline"
                    ln -s "socket:[$RANDOM]" "$work/$1/1/fd/3" ;;
        big)        head -c "$big_bytes" /dev/urandom | tr -c '0-9A-F: \n' '0' > "$dir/tcp"
                    cp "$dir/tcp" "$dir/unix"; cp "$dir/tcp" "$dir/dev"; cp "$dir/tcp" "$dir/route" ;;
        oneline)    # 256 MiB without a newline: a chunker that rescans the rest is quadratic here
                    head -c "$line_bytes" /dev/zero | tr '\0' 'A' > "$dir/tcp"
                    for f in unix dev route ipv6_route snmp snmp6 igmp; do ln -s tcp "$dir/$f"; done ;;
        special)    mkfifo "$dir/tcp" "$dir/snmp"
                    ln -s /dev/zero "$dir/tcp6"; ln -s /dev/zero "$dir/route"
                    mkdir "$dir/udp" "$dir/unix"
                    ln -s udp6 "$dir/udp6" 2>/dev/null; ln -s raw "$dir/raw" ;;
    esac
}

status=0 runs=0
for tree in "${trees[@]}"; do
    make_tree "$tree"
    for args in "-an" "-anp" "-aneoW" "-xa" "-Sa" "-gn" "-rn" "-rne" "-6rn" "-s" "-s6" "-ia" "-iae" \
        "audit --json"; do
        runs=$((runs + 1))
        # shellcheck disable=SC2086
        case $args in
            audit*) timeout 120 "$bin" $args --proc-root "$work/$tree" > /dev/null 2> "$work/err" < /dev/null ;;
            *) timeout 120 "$bin" --proc-root "$work/$tree" $args > /dev/null 2> "$work/err" < /dev/null ;;
        esac
        rc=$?
        # Only the statuses a view or the audit defines: 0, 1 (netstat's failure, audit warning),
        # 2 (audit critical), 3 (usage, audit could not run), 255 (netstat's exit(-1) after an open
        # error). 70 is the catch-all for an exception that escaped, 124 a timeout, 128+N a signal.
        case $rc in 0|1|2|3|255) bad_status="" ;; *) bad_status=1 ;; esac
        if [ -n "$bad_status" ] || grep -q -E "ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|internal error" "$work/err"; then
            echo "FAIL   $tree $args: exit $rc"
            grep -m 5 -E "Sanitizer|runtime error|internal error" "$work/err"
            status=1
        fi
    done
    rm -rf "${work:?}/$tree"
done
echo "hostile: $runs runs, $([ $status = 0 ] && echo "all ended normally" || echo "failures above")"
exit $status
