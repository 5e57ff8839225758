#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The audit end to end through the binary on the fixture trees: exit codes, the text golden,
# JSON against the schema, text and JSON carrying the same findings, baseline round trip.
#   run_audit_cli.sh --bin BIN [--suite exit|golden|schema|baseline] [--regen]
set -u
bin="" suite="all" regen=0
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        --suite) suite=$2; shift 2 ;;
        --regen) regen=1; shift ;;
        *) echo "usage: $0 --bin BIN [--suite S] [--regen]" >&2; exit 2 ;;
    esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$here/fixtures/audit
schema=$here/../src/schema/audit-report.schema.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_rc RC ARGS...: runs the audit and checks its exit status.
expect_rc() {
    local want=$1; shift
    "$bin" audit "$@" > "$work/out" 2> "$work/err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "audit $* exited $got, expected $want ($(head -c 300 "$work/err"))"
}

suite_exit() {
    expect_rc 0 --proc-root "$fixtures/clean/proc"
    expect_rc 1 --proc-root "$fixtures/partial/proc"
    expect_rc 2 --proc-root "$fixtures/implant/proc"
    expect_rc 0 --proc-root "$fixtures/partial/proc" --fail-on critical
    expect_rc 1 --proc-root "$fixtures/clean/proc" --fail-on info
    expect_rc 2 --proc-root "$fixtures/implant/proc" --fail-on info
    expect_rc 0 --proc-root "$fixtures/implant/proc" --skip deleted-executable,executable-in-temp-dir,kernel-thread-impersonation
    expect_rc 2 --proc-root "$fixtures/implant/proc" --only kernel-thread-impersonation
    expect_rc 3 --proc-root "$fixtures/does-not-exist"
    expect_rc 3 --proc-root "$fixtures/clean/proc" --only no-such-check
    expect_rc 3 --proc-root "$fixtures/clean/proc" --fail-on sometimes
    expect_rc 3 --no-such-option
    expect_rc 3 --color --no-color
    expect_rc 0 --help
    grep -q -- "--save-baseline" "$work/out" || fail "--help does not list --save-baseline"
    expect_rc 0 --list-checks
    [ "$(wc -l < "$work/out")" -eq 41 ] || fail "--list-checks does not list 41 checks"
    # The --audit spelling reaches the same command.
    "$bin" --audit --proc-root "$fixtures/implant/proc" > /dev/null 2>&1
    [ $? -eq 2 ] || fail "--audit spelling"
    printf 'listen tcp 0.0.0.0 22x /usr/sbin/sshd root\n' > "$work/bad.baseline"
    expect_rc 3 --proc-root "$fixtures/clean/proc" --baseline "$work/bad.baseline"
    grep -q "bad.baseline:1: port:" "$work/err" || fail "bad baseline message: $(cat "$work/err")"
    expect_rc 3 --proc-root "$fixtures/clean/proc" --baseline "$work/missing.baseline"
    expect_rc 3 --proc-root "$fixtures/clean/proc" --save-baseline "$work/no/such/dir/b"
}

# Removes what changes from run to run: the collection time.
stable_text() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC/TIME/'; }

suite_golden() {
    local scenario
    for scenario in implant clean partial netns; do
        local golden=$here/golden/audit/$scenario.out
        # netns: the tree of several network namespaces the --netns views read too
        local fixtures=$fixtures
        [ "$scenario" = netns ] && fixtures=$here/fixtures
        (cd "$fixtures" && NO_COLOR= "$bin" audit --proc-root "$scenario/proc" --color -v) |
            stable_text > "$work/$scenario.colour"
        grep -q $'\033\[' "$work/$scenario.colour" || fail "$scenario: --color printed no colour"
        (cd "$fixtures" && "$bin" audit --proc-root "$scenario/proc") | stable_text > "$work/$scenario.out"
        (cd "$fixtures" && NO_COLOR=1 "$bin" audit --proc-root "$scenario/proc" --color) |
            grep -q $'\033\[' && fail "$scenario: colour despite NO_COLOR"
        # The JSON document too, less what changes from run to run.
        (cd "$fixtures" && "$bin" audit --proc-root "$scenario/proc" --json) |
            jq 'del(.host.collected_at, .host.collection_duration_ms, .tool.version, ."@timestamp", .event.start, .event.duration, .observer.version)' > "$work/$scenario.json"
        if [ "$regen" -eq 1 ]; then
            cp "$work/$scenario.out" "$golden"
            cp "$work/$scenario.json" "${golden%.out}.json"
            continue
        fi
        diff -u "${golden%.out}.json" "$work/$scenario.json" > "$work/diff" ||
            fail "$scenario JSON golden: $(cat "$work/diff")"
        diff -u "$golden" "$work/$scenario.out" > "$work/diff" || fail "$scenario golden: $(cat "$work/diff")"
        python3 -c 'import sys
bad = [l for l in open(sys.argv[1], encoding="utf-8") if len(l.rstrip("\n")) > 80]
sys.exit("line over 80 columns: " + bad[0] if bad else 0)' "$work/$scenario.out" || fail "$scenario: width"
    done
}

suite_schema() {
    local python=python3
    [ -x /usr/bin/python3 ] && python=/usr/bin/python3
    "$python" -c "import jsonschema" 2>/dev/null || { echo "python3-jsonschema missing" >&2; exit 77; }
    # every check of the catalogue is a finding id the schema accepts, and no other
    "$bin" audit --list-checks | awk '{print $1}' | sort > "$work/catalogue.ids"
    jq -r '."$defs".finding.properties.id.enum[]' "$schema" | sort > "$work/schema.ids"
    cmp -s "$work/catalogue.ids" "$work/schema.ids" ||
        fail "the schema's finding ids are not the catalogue's: $(diff "$work/catalogue.ids" "$work/schema.ids" | grep '^[<>]' | tr '\n' ' ')"
    local dir
    for dir in "$fixtures"/*/ "$here/fixtures/netns/"; do
        local scenario; scenario=$(basename "$dir")
        "$bin" audit --proc-root "$dir/proc" --json > "$work/$scenario.json"
        local rc=$?
        "$python" -W ignore -m jsonschema -i "$work/$scenario.json" "$schema" ||
            fail "$scenario: JSON does not validate"
        [ "$(jq .summary.exit_status "$work/$scenario.json")" -eq "$rc" ] ||
            fail "$scenario: summary.exit_status is not the exit status $rc"
        # Text (-v shows every finding) and JSON carry the same findings.
        "$bin" audit --proc-root "$dir/proc" -v --no-color |
            grep -E -o '^(CRITICAL|WARNING|INFO) +[a-z-]+' | awk '{print $2}' | sort > "$work/text.ids"
        jq -r '.findings[].id' "$work/$scenario.json" | sort > "$work/json.ids"
        cmp -s "$work/text.ids" "$work/json.ids" || fail "$scenario: text and JSON findings differ"
    done
}

suite_baseline() {
    local b=$work/clean.baseline
    expect_rc 0 --proc-root "$fixtures/clean/proc" --save-baseline "$b"
    [ -s "$b" ] || fail "baseline not written"
    ls -A "$work" | grep -q '^\.clean\.baseline\.' && fail "temporary baseline file left behind"
    # --save-baseline goes through the --output writer: a symlink target is refused, untouched
    printf 'keep\n' > "$work/victim"
    ln -s "$work/victim" "$work/link.baseline"
    expect_rc 3 --proc-root "$fixtures/clean/proc" --save-baseline "$work/link.baseline"
    grep -q "refusing to write through a symbolic link" "$work/err" ||
        fail "--save-baseline through a symlink: $(cat "$work/err")"
    [ "$(cat "$work/victim")" = keep ] || fail "--save-baseline wrote through a symlink"
    # The same host, and the same services restarted with new pids and inodes: nothing new.
    for scenario in clean clean_restarted; do
        "$bin" audit --proc-root "$fixtures/$scenario/proc" --baseline "$b" --json > "$work/j"
        [ "$(jq '[.findings[] | select(.id | startswith("baseline-"))] | length' "$work/j")" -eq 0 ] ||
            fail "$scenario: baseline findings after a restart: $(jq -c '.findings' "$work/j")"
    done
    "$bin" audit --proc-root "$fixtures/baseline_new/proc" --baseline "$b" --json > "$work/j"
    [ "$(jq -r '[.findings[] | select(.id == "baseline-new-listener") | .subject.port] | join(",")' "$work/j")" = 8080 ] ||
        fail "baseline_new: $(jq -c '.findings' "$work/j")"
    # The baseline is also the allowlist: the new listener allowed, no exposure finding for it.
    cp "$b" "$work/allow.baseline"
    printf 'listen tcp * 8000-8099 /usr/sbin/lighttpd *   # the intranet web server\n' >> "$work/allow.baseline"
    "$bin" audit --proc-root "$fixtures/baseline_new/proc" --baseline "$work/allow.baseline" --json > "$work/j"
    [ "$(jq '[.findings[] | select(.subject.port == 8080)] | length' "$work/j")" -eq 0 ] ||
        fail "allowlisted listener still reported: $(jq -c '.findings' "$work/j")"
    "$bin" audit --proc-root "$fixtures/baseline_missing_route/proc" --baseline "$b" --json > "$work/j"
    [ "$(jq -r '[.findings[] | select(.id == "baseline-missing-listener") | .subject.port] | unique | join(",")' "$work/j")" = 631 ] ||
        fail "missing listener: $(jq -c '.findings' "$work/j")"
    [ "$(jq '[.findings[] | select(.id == "baseline-route-changed")] | length' "$work/j")" -eq 2 ] ||
        fail "route change: $(jq -c '.findings' "$work/j")"
}

case $suite in
    exit) suite_exit ;;
    golden) suite_golden ;;
    schema) suite_schema ;;
    baseline) suite_baseline ;;
    all) suite_exit; suite_golden; suite_schema; suite_baseline ;;
esac
[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "ok"
