#!/bin/bash
# SPDX-License-Identifier: MIT
# netstat-audit against netstat and ss, side by side in one run, for every row of issue #9's
# table: -tuln, -tan (and its floors: `--source proc -tan`, `cat /proc/net/tcp /proc/net/tcp6`),
# -tanp, peak RSS, and the start-up views -s, -i, -rn (floor: `true`). Wall and CPU time are
# medians of R interleaved rounds timed by hyperfine (one run of each command per round, so load
# from elsewhere hits every command alike); peak RSS is the median of /usr/bin/time's maximum
# resident set size. Each size is a fresh socket farm inside a private network namespace: C
# loopback connections (2C TCP sockets) held by P processes, plus listeners up to 100 in all and
# 100 bound UDP sockets; the first process listens on port 443, so 1/P of the connections are to
# it (1,000 of 50,000 with P=50), which the filtered view `-tan --state established --dport 443`
# selects. Ratios that decide a goal (`--source proc -tan` / `cat`, filtered / unfiltered `-tan`)
# are also measured paired: 3R rounds of the two commands back to back, their order alternating,
# and the median of the per-round ratios, so load from the other tenants of a shared machine
# cancels out of each pair.
#
# usage: bench/compare.sh [--bin NETSTAT_AUDIT] [--farm SOCKET_FARM] [--connections "C ..."]
#                         [--processes P] [--runs R] [--markdown FILE]
# Defaults: build/netstat-audit, build/bench/socket_farm, C="1000 10000 50000", P=50, R=7.
# Needs root (unshare -n), hyperfine and /usr/bin/time. --markdown writes the tables to FILE.
# Configure with -DNETSTAT_AUDIT_BUILD_BENCH=ON to build socket_farm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../build/netstat-audit
farm=$here/../build/bench/socket_farm
connections="1000 10000 50000"
processes=50
runs=7
markdown=""
results=""
stage=""
usage() {
    echo "usage: $0 [--bin PATH] [--farm PATH] [--connections \"C ...\"] [--processes P]" \
         "[--runs R] [--markdown FILE]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --farm) farm=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --processes) processes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --markdown) markdown=$2; shift 2 ;;
        --results) results=$2; shift 2 ;;
        --stage) stage=$2; shift 2 ;;
        --inside) shift; break ;;
        *) usage ;;
    esac
done

if [ "${1:-}" != "--namespace-body" ]; then
    [ "$(id -u)" = 0 ] || { echo "compare.sh: needs root (unshare -n)" >&2; exit 77; }
    for tool in hyperfine /usr/bin/time /usr/bin/netstat ss; do
        command -v "$tool" > /dev/null || { echo "compare.sh: $tool not found" >&2; exit 2; }
    done
    [ -x "$bin" ] || { echo "compare.sh: no netstat-audit at $bin (build first)" >&2; exit 2; }
    [ -x "$farm" ] || { echo "compare.sh: no socket_farm at $farm (build first)" >&2; exit 2; }
    for c in $connections; do
        [ "$c" -ge 1 ] && [ "$c" -le 150000 ] ||
            { echo "compare.sh: connections must be 1..150000" >&2; exit 2; }
    done
    bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
    [ -z "$markdown" ] || markdown=$(cd "$(dirname "$markdown")" && pwd)/$(basename "$markdown")
    # One fresh network namespace per size: the TIME_WAIT sockets a farm leaves behind when it
    # exits must not land in the next size's tables.
    results=$(mktemp -d)
    trap 'rm -rf "$results"' EXIT
    for c in $connections; do
        unshare -n -- "$0" --bin "$bin" --farm "$farm" --connections "$c" \
            --processes "$processes" --runs "$runs" --results "$results" --stage size \
            --inside --namespace-body
    done
    unshare -n -- "$0" --bin "$bin" --connections "$connections" --runs "$runs" \
        --results "$results" --markdown "$markdown" --stage report --inside --namespace-body
    exit
fi

# --- inside the private network namespace ---------------------------------------------------
export LC_ALL=C
unset LANGUAGE
work=$results
farm_pid=""
stop_farm() {
    exec 4>&- || true
    if [ -n "$farm_pid" ]; then
        kill "$farm_pid" 2>/dev/null || true
        wait "$farm_pid" 2>/dev/null || true
    fi
    farm_pid=""
}
trap 'stop_farm' EXIT
trap 'exit 130' INT TERM

ip link set lo up
# loopback only has ~28k ephemeral ports per destination by default; widen it in this netns
sysctl -q -w net.ipv4.ip_local_port_range="1024 65535"

start_farm() { # CONNECTIONS
    local extra_listeners=$((processes < 100 ? 100 - processes : 0))
    rm -f "$work/control" "$work/ready"
    mkfifo "$work/control"
    "$farm" $(($1 * 2)) "$processes" "$extra_listeners" 100 443 < "$work/control" \
        > "$work/ready" &
    farm_pid=$!
    exec 4> "$work/control" # the farm runs until this descriptor closes (also if we are killed)
    for _ in $(seq 900); do
        grep -q ready "$work/ready" 2>/dev/null && return 0
        kill -0 "$farm_pid" 2>/dev/null || { echo "compare.sh: socket_farm failed" >&2; exit 1; }
        sleep 0.2
    done
    echo "compare.sh: socket_farm not ready" >&2
    exit 1
}

# The commands of one size, as "name|command" (names: tool.view); order is the table's.
commands=(
    "audit.tuln|$bin -tuln" "netstat.tuln|/usr/bin/netstat -tuln" "ss.tuln|ss -tuln"
    "audit.tan|$bin -tan" "netstat.tan|/usr/bin/netstat -tan" "ss.tan|ss -tan"
    "audit_proc.tan|$bin --source proc -tan" "cat.tan|cat /proc/net/tcp /proc/net/tcp6"
    "audit.filtered|$bin -tan --state established --dport 443"
    "audit_proc.filtered|$bin --source proc -tan --state established --dport 443"
    "audit.tanp|$bin -tanp" "netstat.tanp|/usr/bin/netstat -tanp" "ss.tanp|ss -tanp"
)
startup=("audit.s|$bin -s" "netstat.s|/usr/bin/netstat -s" "audit.i|$bin -i"
         "netstat.i|/usr/bin/netstat -i" "audit.rn|$bin -rn" "netstat.rn|/usr/bin/netstat -rn"
         "true.s|true")

same_output() { # ARGS: netstat-audit (both sources) and netstat on the same idle sockets
    "$bin" "$@" > "$work/a.out" 2>&1 || true
    "$bin" --source proc "$@" > "$work/p.out" 2>&1 || true
    /usr/bin/netstat "$@" > "$work/n.out" 2>&1 || true
    if cmp -s "$work/a.out" "$work/n.out" && cmp -s "$work/a.out" "$work/p.out"; then
        echo "  output of $*: identical (netlink, /proc, netstat)"
    else
        echo "  output of $*: DIFFERS"
    fi
}

same_filtered() { # the filtered view from both sources against awk over netstat -tan
    "$bin" -tan --state established --dport 443 > "$work/a.out" 2>&1 || true
    "$bin" --source proc -tan --state established --dport 443 > "$work/p.out" 2>&1 || true
    /usr/bin/netstat -tan 2>&1 | awk 'NR <= 2 || ($6 == "ESTABLISHED" && $5 ~ /:443$/)' \
        > "$work/n.out" || true
    if cmp -s "$work/a.out" "$work/n.out" && cmp -s "$work/a.out" "$work/p.out"; then
        echo "  output of -tan --state established --dport 443: $(($(wc -l < "$work/a.out") - 2))" \
             "rows, identical (netlink, /proc, awk over netstat -tan)"
    else
        echo "  output of -tan --state established --dport 443: DIFFERS"
    fi
}

# run_rounds PREFIX NAME|COMMAND...: R interleaved rounds after one warm-up; PREFIX.N.json each.
run_rounds() {
    local out=$1 round
    shift
    local cmds=()
    for entry in "$@"; do cmds+=("${entry#*|}"); done
    for round in $(seq 0 "$runs"); do
        hyperfine -N --style none --runs 1 --export-json "$out.$round.json" "${cmds[@]}" \
            > /dev/null 2>&1 || true
        [ "$round" != 0 ] || rm -f "$out.$round.json"
    done
}

# run_pairs PREFIX NAME|COMMAND NAME|COMMAND: 3R rounds of the two commands back to back, the
# order alternating; PREFIX.N.ab.json or PREFIX.N.ba.json each.
run_pairs() {
    local out=$1 a=${2#*|} b=${3#*|} round
    hyperfine -N --style none --runs 1 "$a" "$b" > /dev/null 2>&1 || true # warm-up
    for round in $(seq 1 $((runs * 3))); do
        if [ $((round % 2)) = 1 ]; then
            hyperfine -N --style none --runs 1 --export-json "$out.$round.ab.json" "$a" "$b" \
                > /dev/null 2>&1 || true
        else
            hyperfine -N --style none --runs 1 --export-json "$out.$round.ba.json" "$b" "$a" \
                > /dev/null 2>&1 || true
        fi
    done
}

# peak_rss FILE NAME|COMMAND...: three runs each, "name kilobytes" lines.
peak_rss() {
    local out=$1 entry
    shift
    : > "$out"
    for entry in "$@"; do
        for _ in 1 2 3; do
            /usr/bin/time -o "$work/rss" -f %M ${entry#*|} > /dev/null 2>&1 || true
            echo "${entry%%|*} $(tail -n 1 "$work/rss")" >> "$out"
        done
    done
}

if [ "$stage" = size ]; then
    c=$connections
    start_farm "$c"
    echo "== $c connections: $(($(wc -l < /proc/net/tcp) - 1)) TCP sockets," \
         "$(($(wc -l < /proc/net/udp) - 1)) UDP sockets, $processes farm processes"
    for view in -tuln -tan -tanp; do same_output "$view"; done
    same_filtered
    run_rounds "$work/times.$c" "${commands[@]}"
    run_pairs "$work/pair.proc.$c" "cat.tan|cat /proc/net/tcp /proc/net/tcp6" \
        "audit_proc.tan|$bin --source proc -tan"
    run_pairs "$work/pair.filtered.$c" "audit.tan|$bin -tan" \
        "audit.filtered|$bin -tan --state established --dport 443"
    peak_rss "$work/rss.$c" "audit.tan|$bin -tan" "netstat.tan|/usr/bin/netstat -tan" \
        "ss.tan|ss -tan" "audit.tanp|$bin -tanp" "netstat.tanp|/usr/bin/netstat -tanp" \
        "ss.tanp|ss -tanp"
    stop_farm
    exit 0
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "kernel $(uname -r); $runs interleaved rounds per figure (hyperfine), medians"
# Start-up views do not depend on sockets: 10R interleaved rounds (a 1 ms command needs more
# samples than a listing does).
runs_saved=$runs
runs=$((runs * 10))
run_rounds "$work/times.startup" "${startup[@]}"
runs=$runs_saved

python3 - "$work" "$markdown" "$connections" "${commands[@]}" -- "${startup[@]}" <<'PY'
import glob, json, statistics, sys
work, markdown, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split()
rest = sys.argv[4:]
split = rest.index("--")
names = [e.split("|", 1)[0] for e in rest[:split]]
startup_names = [e.split("|", 1)[0] for e in rest[split + 1:]]

def load(path, names):
    wall, cpu = {n: [] for n in names}, {n: [] for n in names}
    for round_file in glob.glob(f"{path}.*.json"):
        for name, result in zip(names, json.load(open(round_file))["results"]):
            wall[name].append(result["times"][0])
            cpu[name].append(result["user"] + result["system"])
    return ({n: statistics.median(v) for n, v in wall.items() if v},
            {n: statistics.median(v) for n, v in cpu.items() if v})

def ms(value):
    return "—" if value is None else (f"{value * 1000:,.1f} ms" if value < 0.1
                                      else f"{value * 1000:,.0f} ms")

def x(a, b):
    return "—" if not a or not b else f"{b / a:.1f}×"

lines = []
for size in sizes:
    wall, cpu = load(f"{work}/times.{size}", names)
    rss = {}
    for line in open(f"{work}/rss.{size}"):
        name, kb = line.split()
        rss.setdefault(name, []).append(int(kb))
    rss = {n: statistics.median(v) / 1024 for n, v in rss.items()}
    lines += [f"### {int(size):,} connections", "",
              "| view | netstat-audit | netstat | ss | floor | vs netstat | vs ss |",
              "|---|---|---|---|---|---|---|"]
    for view in ("tuln", "tan", "tanp"):
        a, n, s = (wall.get(f"{t}.{view}") for t in ("audit", "netstat", "ss"))
        floor = "—"
        if view == "tan":
            floor = (f"{ms(wall.get('cat.tan'))} (`cat`); `--source proc`: "
                     f"{ms(wall.get('audit_proc.tan'))} = "
                     f"{wall['audit_proc.tan'] / wall['cat.tan']:.2f}× cat")
        lines.append(f"| `-{view}` wall | {ms(a)} | {ms(n)} | {ms(s)} | {floor} | {x(a, n)} "
                     f"| {x(a, s)} |")
        a, n, s = (cpu.get(f"{t}.{view}") for t in ("audit", "netstat", "ss"))
        lines.append(f"| `-{view}` CPU | {ms(a)} | {ms(n)} | {ms(s)} | | {x(a, n)} | {x(a, s)} |")
    for view in ("tan", "tanp"):
        a, n, s = (rss.get(f"{t}.{view}") for t in ("audit", "netstat", "ss"))
        lines.append(f"| peak RSS `-{view}` | {a:.1f} MB | {n:.1f} MB | {s:.1f} MB | | | |")
    f, fp, u = (wall.get(n) for n in ("audit.filtered", "audit_proc.filtered", "audit.tan"))
    lines += ["", "| filtered view | wall | CPU | / unfiltered `-tan` (netlink) |", "|---|---|---|---|",
              f"| `-tan --state established --dport 443` | {ms(f)} | {ms(cpu.get('audit.filtered'))} "
              f"| {f / u:.2f} |",
              f"| `--source proc -tan --state established --dport 443` | {ms(fp)} "
              f"| {ms(cpu.get('audit_proc.filtered'))} | {fp / u:.2f} |",
              "", "| paired ratio (median of per-round ratios) | wall | CPU | rounds |",
              "|---|---|---|---|"]
    for label, pair in (("`--source proc -tan` / `cat /proc/net/tcp /proc/net/tcp6`", "proc"),
                        ("`-tan --state established --dport 443` / `-tan`", "filtered")):
        walls, cpus = [], []
        for round_file in glob.glob(f"{work}/pair.{pair}.{size}.*.json"):
            first, second = json.load(open(round_file))["results"]
            if round_file.endswith(".ba.json"):
                first, second = second, first
            walls.append(second["times"][0] / first["times"][0])
            cpus.append((second["user"] + second["system"]) /
                        max(first["user"] + first["system"], 1e-6))
        if walls:
            lines.append(f"| {label} | {statistics.median(walls):.2f}× "
                         f"| {statistics.median(cpus):.2f}× | {len(walls)} |")
    lines.append("")
wall, cpu = load(f"{work}/times.startup", startup_names)
lines += ["### start-up (no sockets involved)", "",
          "| view | netstat-audit | netstat | floor (`true`) | netstat-audit / netstat |",
          "|---|---|---|---|---|"]
for view in ("s", "i", "rn"):
    for kind, figures in (("wall", wall), ("CPU", cpu)):
        a, n = figures.get(f"audit.{view}"), figures.get(f"netstat.{view}")
        lines.append(f"| `-{view}` {kind} | {ms(a)} | {ms(n)} | {ms(figures.get('true.s'))} "
                     f"| {a / n:.2f} |")
text = "\n".join(lines) + "\n"
print(text)
if markdown:
    open(markdown, "w").write(text)
PY
