#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The health checks on their before/after capture pairs (tests/fixtures/health, made by
# scripts/gen_health_fixtures.py): each case fires its check with the expected severity or
# stays quiet; no measure is ever negative; a reboot is a reset; --state twice judges the
# change between the runs; threshold lines in the policy file change the verdict.
#   run_health_pairs.sh --bin BIN [--suite pairs|state|policy]
set -u
bin="" suite="all"
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        --suite) suite=$2; shift 2 ;;
        *) echo "usage: $0 --bin BIN [--suite S]" >&2; exit 2 ;;
    esac
done
fixtures=$(cd "$(dirname "$0")/.." && pwd)/fixtures/health
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The checks of audit part 2: "ALL" in the expected list means every one of them.
part2=hidden-socket,tcp-retransmission-rate,interface-errors,tcp-errors,udp-buffer-errors
part2=$part2,listen-queue-overflow,syn-flood,time-wait-pressure,close-wait-buildup
part2=$part2,ephemeral-port-exhaustion,orphan-sockets,tcp-memory-pressure,conntrack-table-full
part2=$part2,fd-exhaustion,stuck-queue,no-default-route,multiple-default-routes
part2=$part2,gateway-unreachable,sysctl-hardening,ip-forwarding-enabled

earlier_of() { # CASE: its own earlier capture, or the shared one
    if [ -d "$fixtures/$1/before" ]; then echo "$fixtures/$1/before"; else echo "$fixtures/before"; fi
}

suite_pairs() {
    local name check severity
    while read -r name check severity; do
        case $name in '#'*|'') continue ;; esac
        local only=(--only "$check")
        [ "$check" = ALL ] && only=(--only "$part2")
        "$bin" audit --proc-root "$fixtures/$name/after" --compare-to "$(earlier_of "$name")" \
            "${only[@]}" --json > "$work/j" 2> "$work/err"
        local rc=$?
        [ "$rc" -le 2 ] || { fail "$name: exit $rc ($(head -c 300 "$work/err"))"; continue; }
        local got
        got=$(jq -r '[.findings[].severity] | unique | join(",")' "$work/j")
        if [ "$severity" = quiet ]; then
            [ -z "$got" ] || fail "$name: $check should be quiet: $(jq -c '[.findings[] | {id, evidence}]' "$work/j")"
        else
            [ "$got" = "$severity" ] ||
                fail "$name: $check expected $severity, got '${got}': $(jq -c '[.findings[] | {id, severity, evidence}]' "$work/j")"
            [ "$(jq -r '[.findings[].id] | unique | join(",")' "$work/j")" = "$check" ] || fail "$name: ids"
        fi
        # Never a negative or absurd figure, whatever the counters did.
        jq -e '[.health.measures[] | select(.value != null and (.value < 0 or ((.name | test("^(tcp_retransmission|interface_errors)")) and .value > 100)))] | length == 0' \
            "$work/j" > /dev/null || fail "$name: negative or absurd measure: $(jq -c .health.measures "$work/j")"
    done < "$fixtures/expected"
    # Rates of two captures: 10 s apart by their MANIFESTs, not totals; a reboot is a reset.
    "$bin" audit --proc-root "$fixtures/retrans_warning/after" --compare-to "$fixtures/before" \
        --only tcp-retransmission-rate --json > "$work/j"
    [ "$(jq -r '.health.basis + " " + (.health.interval_seconds | tostring)' "$work/j")" = "captures 10" ] ||
        fail "captures basis: $(jq -c '.health | del(.measures)' "$work/j")"
    jq -e '.findings[0].evidence | test("between the captures \\(10.0 s\\)")' "$work/j" > /dev/null ||
        fail "evidence names the interval: $(jq -r '.findings[0].evidence' "$work/j")"
    "$bin" audit --proc-root "$fixtures/retrans_reboot/after" --compare-to "$fixtures/before" --json > "$work/j"
    [ "$(jq -r '.health.basis + " " + (.health.reset | tostring)' "$work/j")" = "since_boot true" ] ||
        fail "reboot is not a reset: $(jq -c '.health | del(.measures)' "$work/j")"
    "$bin" audit --proc-root "$fixtures/retrans_counter_reset/after" --compare-to "$fixtures/before" --json > "$work/j"
    [ "$(jq -r '.health.measures[] | select(.name == "tcp_retransmission") | .value' "$work/j")" = null ] ||
        fail "a backwards counter gave a rate: $(jq -c .health.measures[0] "$work/j")"
    "$bin" audit --proc-root "$fixtures/retrans_counter_reset/after" --compare-to "$fixtures/before" > "$work/t"
    grep -q "RetransSegs reset of OutSegs reset" "$work/t" || fail "text report does not say reset: $(grep -A3 HEALTH "$work/t")"
    # The health object validates against the report's schema (reset and captures alike).
    local python=python3 schema
    [ -x /usr/bin/python3 ] && python=/usr/bin/python3
    schema=$(cd "$(dirname "$0")/../.." && pwd)/src/schema/audit-report.schema.json
    if "$python" -c "import jsonschema" 2> /dev/null; then
        for name in retrans_warning retrans_reboot retrans_counter_reset sysctl_rp_filter_off stock; do
            "$bin" audit --proc-root "$fixtures/$name/after" --compare-to "$(earlier_of "$name")" --json > "$work/s.json"
            "$python" -W ignore -m jsonschema -i "$work/s.json" "$schema" || fail "$name: JSON does not validate"
        done
    fi
    # Without an earlier sample, counter checks say they judged totals since boot.
    "$bin" audit --proc-root "$fixtures/listen_overflow/after" --only listen-queue-overflow --json > "$work/j"
    jq -e '.findings[0].severity == "info" and (.findings[0].evidence | test("totals since boot"))' "$work/j" > /dev/null ||
        fail "since-boot judgement: $(jq -c .findings "$work/j")"
}

suite_state() {
    local state=$work/audit.state
    "$bin" audit --proc-root "$fixtures/before" --state "$state" --only tcp-retransmission-rate --json > "$work/1" 2> "$work/err1"
    grep -q "first run" "$work/err1" || fail "first --state run: $(cat "$work/err1")"
    [ "$(jq -r .health.basis "$work/1")" = since_boot ] || fail "first run basis"
    ls -A "$work" | grep -q '^\.' && fail "temporary state file left behind"
    jq -e '.format == "netstat-audit-state" and (.boot_id | length > 0)' "$state" > /dev/null || fail "state file content"
    "$bin" audit --proc-root "$fixtures/retrans_warning/after" --state "$state" --only tcp-retransmission-rate --json > "$work/2"
    [ "$(jq -r '.health.basis + " " + (.health.interval_seconds | tostring)' "$work/2")" = "state 10" ] ||
        fail "second run basis: $(jq -c '.health | del(.measures)' "$work/2")"
    [ "$(jq -r '.findings[0].severity' "$work/2")" = warning ] || fail "second run: $(jq -c .findings "$work/2")"
    # The third run compares with the second: the same counters, nothing changed.
    "$bin" audit --proc-root "$fixtures/retrans_warning/after" --state "$state" --only tcp-retransmission-rate --json > "$work/3"
    [ "$(jq '.findings | length' "$work/3")" -eq 0 ] || fail "unchanged counters fired: $(jq -c .findings "$work/3")"
    printf 'garbage' > "$state"
    "$bin" audit --proc-root "$fixtures/before" --state "$state" --only tcp-retransmission-rate > /dev/null 2> "$work/err"
    [ $? -le 2 ] && grep -q "state file ignored" "$work/err" || fail "corrupt state: $(cat "$work/err")"
    "$bin" audit --proc-root "$fixtures/before" --state "$work/no/such/dir/s" > /dev/null 2>&1
    [ $? -eq 3 ] || fail "unwritable state file is not exit 3"
    "$bin" audit --proc-root "$fixtures/before" --interval 1 > /dev/null 2>&1
    [ $? -eq 3 ] || fail "--interval on a capture is not exit 3"
    "$bin" audit --compare-to "$fixtures/before" > /dev/null 2>&1
    [ $? -eq 3 ] || fail "--compare-to without --proc-root is not exit 3"
    "$bin" audit --proc-root "$fixtures/before" --interval 0 > /dev/null 2>&1
    [ $? -eq 3 ] || fail "--interval 0 is not exit 3"
}

suite_policy() {
    printf 'threshold tcp-retransmission-rate.warning-percent 3\n' > "$work/policy"
    "$bin" audit --proc-root "$fixtures/retrans_warning/after" --compare-to "$fixtures/before" \
        --baseline "$work/policy" --only "$part2" --json > "$work/j"
    [ "$(jq '.findings | length' "$work/j")" -eq 0 ] ||
        fail "threshold line ignored (or listeners reported new): $(jq -c '[.findings[].id]' "$work/j")"
    "$bin" audit --proc-root "$fixtures/stock/after" --baseline "$work/policy" --json > "$work/j"
    [ "$(jq '[.findings[] | select(.id | startswith("baseline-"))] | length' "$work/j")" -eq 0 ] ||
        fail "a policy file of thresholds only reports listeners: $(jq -c '[.findings[].id]' "$work/j")"
    printf 'threshold no-such.threshold 3\n' > "$work/bad"
    "$bin" audit --proc-root "$fixtures/before" --baseline "$work/bad" > /dev/null 2> "$work/err"
    [ $? -eq 3 ] && grep -q "bad:1: name:" "$work/err" || fail "unknown threshold: $(cat "$work/err")"
    printf 'threshold fd-exhaustion.percent lots\n' > "$work/bad"
    "$bin" audit --proc-root "$fixtures/before" --baseline "$work/bad" > /dev/null 2> "$work/err"
    [ $? -eq 3 ] && grep -q "bad:1: value:" "$work/err" || fail "bad threshold value: $(cat "$work/err")"
}

case $suite in
    pairs) suite_pairs ;;
    state) suite_state ;;
    policy) suite_policy ;;
    all) suite_pairs; suite_state; suite_policy ;;
esac
[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "ok"
