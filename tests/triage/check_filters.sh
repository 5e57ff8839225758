#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each filter returns exactly the rows that awk/grep select from the unfiltered -W output, and
# `summary --json` counts equal the runbook pipelines' counts, on a fixture tree (--proc-root).
# Usage: check_filters.sh --bin BUILD/netstat-audit FIXTURE_PROC_DIR
set -u
bin=$1; shift
[ "$bin" = --bin ] && { bin=$1; shift; }
proc=$1
failures=0 checks=0

# rows VIEW-OPTIONS FILTER-OPTIONS: the filtered listing's rows (titles and headers dropped).
rows() {
    local view=$1; shift
    "$bin" --proc-root "$proc" $view "$@" | grep -v -E '^(Active|Proto) '
}
# unfiltered VIEW-OPTIONS: the same rows without filters.
unfiltered() { "$bin" --proc-root "$proc" $1 | grep -v -E '^(Active|Proto) '; }

expect_same() { # NAME EXPECTED ACTUAL
    checks=$((checks + 1))
    if [ "$2" != "$3" ]; then
        failures=$((failures + 1))
        echo "FAIL: $1"
        diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -20
    fi
}

# filter_vs_awk NAME VIEW "FILTER OPTIONS" AWK-PROGRAM
filter_vs_awk() {
    local name=$1 view=$2 filter=$3 program=$4
    local expected actual
    expected=$(unfiltered "$view" | awk "$program")
    actual=$(rows "$view" $filter)
    [ -n "$expected" ] || { echo "FAIL: $name selects no row on this fixture"; failures=$((failures + 1)); }
    expect_same "$name" "$expected" "$actual"
}

port_of='function port(e,  n, a) { n = split(e, a, ":"); return a[n] == "*" ? 0 : a[n] + 0 }'

filter_vs_awk "--state established" -tuanW "--state established" '$6 == "ESTABLISHED"'
# raw sockets print the kernel state as a number: 1 is established, 7 close.
filter_vs_awk "raw --state established" -wanW "--state established" '$6 == "1"'
filter_vs_awk "--state time-wait,close-wait" -tanW "--state time-wait,close-wait" \
    '$6 == "TIME_WAIT" || $6 == "CLOSE_WAIT"'
filter_vs_awk "--state listen" -tanW "--state listen" '$6 == "LISTEN"'
filter_vs_awk "--state connected" -tanW "--state connected" '$6 != "LISTEN" && $6 != "CLOSE"'
filter_vs_awk "--state synchronized" -tanW "--state synchronized" \
    '$6 != "LISTEN" && $6 != "CLOSE" && $6 != "SYN_SENT"'
filter_vs_awk "--dport 443" -tuanW "--dport 443" '$5 ~ /:443$/'
filter_vs_awk "--sport 22" -tanW "--sport 22" '$4 ~ /:22$/'
filter_vs_awk "--dport 1-1024" -tuanW "--dport 1-1024" "$port_of"' port($5) >= 1 && port($5) <= 1024'
filter_vs_awk "--sport 40000-40002,68" -uanW "--sport 40000-40002,68" \
    "$port_of"' (port($4) >= 40000 && port($4) <= 40002) || port($4) == 68'
filter_vs_awk "--src 198.51.100.10" -tuwanW "--src 198.51.100.10" '$4 ~ /^198\.51\.100\.10:/'
filter_vs_awk "--dst 203.0.113.0/24" -tuwanW "--dst 203.0.113.0/24" \
    '$5 ~ /^(::ffff:)?203\.0\.113\.[0-9]+:/'
filter_vs_awk "--dst 2001:db8::/32" -tuanW "--dst 2001:db8::/32" '$5 ~ /^2001:db8:/'
filter_vs_awk "--user 0" -taneW "--user 0" '$7 == "0"'
filter_vs_awk "--state established --sport 443" -tanW "--state established --sport 443" \
    '$6 == "ESTABLISHED" && $4 ~ /:443$/'
filter_vs_awk "--state syn-sent --dport 443" -tanW "--state syn-sent --dport 443" \
    '$6 == "SYN_SENT" && $5 ~ /:443$/'
filter_vs_awk "--pid 1234,2345" -tuwanpW "--pid 1234,2345" '/ (1234|2345)\//'
filter_vs_awk "--program-name sshd" -tanpW "--program-name sshd" '/ [0-9]+\/sshd *$/'
filter_vs_awk "unix --state listen" -xanW "--state listen" '$1 == "unix" && / LISTENING /'
# --pid without -p: the same rows, without the PID/Program column.
expect_same "--pid without -p" \
    "$(unfiltered -tuwanpW | grep ' 3456/' | sed -E 's/ +3456\/python3 *$//')" \
    "$(rows -tuwanW --pid 3456 | sed -E 's/ +$//')"

# The JSON presenter applies the same predicate: one record per text row.
for f in "--state listen" "--dport 443" "--src 198.51.100.10 --state connected" "--pid 3456"; do
    expect_same "--json $f" "$(rows -tuwanW $f | wc -l)" \
        "$("$bin" --proc-root "$proc" -tuwan --json $f | jq '.records | length')"
done

# Summary counts against the runbook pipelines.
json=$("$bin" summary --proc-root "$proc" --json --top 1000)
expect_same "summary states = netstat -ant | awk '{print \$6}' | sort | uniq -c" \
    "$(unfiltered -tanW | awk '{ print ($1 == "tcp6" ? "tcp6" : "tcp"), $6 }' | sort | uniq -c |
       awk '{ print $1, $2, $3 }' | sort)" \
    "$(jq -r '.protocols[] | select(.protocol == "tcp" or .protocol == "tcp6") | .protocol as $p |
              .states | to_entries[] | "\(.value) \($p) \(.key)"' <<<"$json" | sort)"
expect_same "summary TIME_WAIT = grep TIME_WAIT | wc -l" \
    "$(unfiltered -tanW | grep -c TIME_WAIT)" "$(jq '.hot_spots.TIME_WAIT.total' <<<"$json")"
expect_same "summary CLOSE_WAIT = grep CLOSE_WAIT | wc -l" \
    "$(unfiltered -tanW | grep -c CLOSE_WAIT)" "$(jq '.hot_spots.CLOSE_WAIT.total' <<<"$json")"
expect_same "summary peers = netstat -ntu | awk '{print \$5}' | cut -d: -f1 | sort | uniq -c" \
    "$(unfiltered -ntuW | awk '{ sub(/:[^:]*$/, "", $5); print $5 }' | sort | uniq -c |
       awk '{ print $1, $2 }' | sort)" \
    "$(jq -r '.top_remote_peers[] | "\(.count) \(.address)"' <<<"$json" | sort)"
expect_same "summary unix = netstat -ax | grep -c ^unix" \
    "$(unfiltered -axW | grep -c '^unix')" \
    "$(jq '[.protocols[] | select(.protocol == "unix") | .total] | add' <<<"$json")"
expect_same "summary --state time-wait counts only TIME_WAIT" \
    "$(unfiltered -tanW | grep -c TIME_WAIT)" \
    "$("$bin" summary --proc-root "$proc" --json --state time-wait | jq .total)"
expect_same "summary per-process = netstat -tuwxanp | grep -c PID/" \
    "$(unfiltered -tuwxanpW | grep -c ' 3456/python3')" \
    "$(jq '.processes[] | select(.pid == "3456") | .sockets' <<<"$json")"
expect_same "summary max open files from 3456/limits" "1024" \
    "$(jq '.processes[] | select(.pid == "3456") | .max_open_files' <<<"$json")"
expect_same "summary sockstat" "1 2" "$(jq -r '"\(.sockstat.TCP.orphan) \(.sockstat.TCP.tw)"' <<<"$json")"

# Bad values: exit 3, a message on stderr, nothing on stdout.
for bad in "--state bogus" "--dport 70000" "--src 10.0.0.0/33" "--sport 9-1" "--pid x"; do
    out=$("$bin" --proc-root "$proc" -tan $bad 2>/dev/null); rc=$?
    expect_same "$bad exits 3 silently on stdout" "3:" "$rc:$out"
    out=$("$bin" summary --proc-root "$proc" $bad 2>/dev/null); rc=$?
    expect_same "summary $bad exits 3" "3:" "$rc:$out"
done

echo "check_filters: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
