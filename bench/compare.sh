#!/bin/bash
# SPDX-License-Identifier: MIT
# Times `netstat-audit -tanp` against `netstat -tanp` and `ss -tanp` (and the -tan variants) on
# N loopback TCP sockets held by P processes, created here inside a private network namespace.
#
# usage: bench/compare.sh [--bin NETSTAT_AUDIT] [--farm SOCKET_FARM] [--sockets N]
#                         [--processes P] [--runs R]
# Defaults: build/netstat-audit, build/bench/socket_farm, N=100000, P=50, R=5 (configure with
# -DNETSTAT_AUDIT_BUILD_BENCH=ON to build socket_farm).
# Needs root (unshare -n). Uses hyperfine when installed, else its own timer loop (median of R).
# Everything lives in the namespace and a temp dir: the farm exits when this script does.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../build/netstat-audit
farm=$here/../build/bench/socket_farm
sockets=100000
processes=50
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --farm) farm=$2; shift 2 ;;
        --sockets) sockets=$2; shift 2 ;;
        --processes) processes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --inside) shift; break ;;
        *) echo "usage: $0 [--bin PATH] [--farm PATH] [--sockets N] [--processes P] [--runs R]" >&2
           exit 2 ;;
    esac
done

if [ "${1:-}" != "--namespace-body" ]; then
    [ "$(id -u)" = 0 ] || { echo "compare.sh: needs root (unshare -n)" >&2; exit 77; }
    [ -x "$bin" ] || { echo "compare.sh: no netstat-audit at $bin (build first)" >&2; exit 2; }
    [ -x "$farm" ] || { echo "compare.sh: no socket_farm at $farm (build first)" >&2; exit 2; }
    if [ "$sockets" -gt 300000 ]; then
        echo "compare.sh: --sockets is capped at 300000" >&2
        exit 2
    fi
    exec unshare -n -- "$0" --bin "$bin" --farm "$farm" --sockets "$sockets" \
        --processes "$processes" --runs "$runs" --inside --namespace-body
fi

# --- inside the private network namespace ---------------------------------------------------
export LC_ALL=C
unset LANGUAGE
work=$(mktemp -d)
farm_pid=""
cleanup() {
    exec 4>&- 2>/dev/null || true
    [ -n "$farm_pid" ] && kill "$farm_pid" 2>/dev/null && wait "$farm_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip link set lo up
# loopback only has ~28k ephemeral ports per destination by default; widen it in this netns
sysctl -q -w net.ipv4.ip_local_port_range="1024 65535"

mkfifo "$work/control"
"$farm" "$sockets" "$processes" < "$work/control" > "$work/ready" &
farm_pid=$!
exec 4> "$work/control" # the farm runs until this descriptor closes (also if we are killed)
for _ in $(seq 600); do
    grep -q ready "$work/ready" 2>/dev/null && break
    kill -0 "$farm_pid" 2>/dev/null || { echo "compare.sh: socket_farm failed" >&2; exit 1; }
    sleep 0.2
done
grep -q ready "$work/ready" || { echo "compare.sh: socket_farm not ready" >&2; exit 1; }
rows=$(($(wc -l < /proc/net/tcp) + $(wc -l < /proc/net/tcp6) - 2))
echo "sockets in /proc/net/tcp{,6}: $rows, held by $processes processes ($(nproc) cores)"

# same bytes as netstat? (the sockets are idle, so both listings see the same table)
"$bin" -tanp > "$work/audit.out" 2> "$work/audit.err" || true
/usr/bin/netstat -tanp > "$work/netstat.out" 2> "$work/netstat.err" || true
if cmp -s "$work/audit.out" "$work/netstat.out" && cmp -s "$work/audit.err" "$work/netstat.err"
then
    echo "netstat-audit -tanp output: byte-identical to netstat -tanp"
else
    echo "netstat-audit -tanp output: DIFFERS from netstat -tanp"
    diff "$work/netstat.out" "$work/audit.out" | head -5
fi

names=(audit_tanp netstat_tanp ss_tanp audit_tan netstat_tan ss_tan)
commands=("$bin -tanp" "/usr/bin/netstat -tanp" "ss -tanp" "$bin -tan" "/usr/bin/netstat -tan"
          "ss -tan")
# Rounds interleave the commands (A B C … A B C …), so load from elsewhere on the machine hits
# every command alike; each sample is timed by hyperfine when installed, else by date(1).
if command -v hyperfine > /dev/null; then timer=hyperfine; else timer="own timer loop"; fi
for name in "${names[@]}"; do : > "$work/$name.samples"; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 0 "$runs"); do # round 0 is the warm-up
    if [ "$timer" = hyperfine ]; then
        hyperfine -N --style none --runs 1 --export-json "$work/round.json" "${commands[@]}" \
            > /dev/null 2>&1
        [ "$round" = 0 ] && continue
        python3 - "$work/round.json" "$work" "${names[@]}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for name, result in zip(sys.argv[3:], results):
    with open(f"{sys.argv[2]}/{name}.samples", "a") as samples:
        samples.write(f"{result['times'][0]}\n")
    with open(f"{sys.argv[2]}/{name}.cpu", "a") as cpu:
        cpu.write(f"{result['user'] + result['system']}\n")
PY
    else
        for i in "${!names[@]}"; do
            start=$(date +%s.%N)
            ${commands[$i]} > /dev/null 2>&1 || true
            end=$(date +%s.%N)
            [ "$round" = 0 ] || echo "$end - $start" | bc >> "$work/${names[$i]}.samples"
        done
    fi
done
declare -A median cpu
median_of() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for name in "${names[@]}"; do
    median[$name]=$(median_of "$work/$name.samples")
    [ -s "$work/$name.cpu" ] && cpu[$name]=$(median_of "$work/$name.cpu")
done

echo "median over $runs interleaved runs ($timer); load average before/after:" \
     "$load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-40s %10s %10s\n' command wall "cpu (user+sys)"
for i in "${!names[@]}"; do
    printf '  %-40s %8.3f s %8.3f s\n' "${commands[$i]##*/}" "${median[${names[$i]}]}" \
        "${cpu[${names[$i]}]:-0}"
done
ratio() { python3 -c 'import sys; print("%.1f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
echo "speed-up of netstat-audit:"
echo "  -tanp: $(ratio "${median[netstat_tanp]}" "${median[audit_tanp]}")x vs netstat," \
     "$(ratio "${median[ss_tanp]}" "${median[audit_tanp]}")x vs ss"
echo "  -tan:  $(ratio "${median[netstat_tan]}" "${median[audit_tan]}")x vs netstat," \
     "$(ratio "${median[ss_tan]}" "${median[audit_tan]}")x vs ss"
echo "  cost of -p: $(python3 -c 'import sys; print("%.3f" % (float(sys.argv[1]) - float(sys.argv[2])))' \
     "${median[audit_tanp]}" "${median[audit_tan]}") s (netstat-audit -tanp minus -tan)"
