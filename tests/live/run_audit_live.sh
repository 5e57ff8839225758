#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# netstat-audit audit on this machine: as root it sees everything; as uid 65534 it works and
# says what it could not see (partial-visibility, visibility.complete false). Exit 77 when not
# root (the unprivileged half needs setpriv or runuser).
set -u
bin="" schema=""
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        --schema) schema=$2; shift 2 ;;
        *) echo "usage: $0 --bin BIN --schema FILE" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" -eq 0 ] || { echo "not root: skipped" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cp "$bin" "$work/netstat-audit" && chmod 755 "$work/netstat-audit"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3

validate() { # FILE RC
    "$python" - "$schema" "$1" "$2" <<'PY'
import json, sys, jsonschema
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, json.load(open(sys.argv[1])), cls=jsonschema.Draft202012Validator)
assert doc["summary"]["exit_status"] == int(sys.argv[3])
PY
}

"$work/netstat-audit" audit --json > "$work/root.json"
rc=$?
case $rc in 0|1|2) ;; *) fail "root audit exited $rc" ;; esac
validate "$work/root.json" "$rc" || fail "root JSON"
[ "$(jq .visibility.root "$work/root.json")" = true ] || fail "root run not seen as root"
jq -e '[.findings[].id] | index("partial-visibility") == null' "$work/root.json" > /dev/null ||
    fail "root run reports partial-visibility: $(jq -c .visibility "$work/root.json")"
"$work/netstat-audit" audit > "$work/root.txt" || true
grep -q '^Seen as root' "$work/root.txt" || fail "root text header: $(head -3 "$work/root.txt")"

as_nobody() {
    if command -v setpriv > /dev/null; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else
        runuser -u nobody -- "$@"
    fi
}
(cd "$work" && as_nobody "$work/netstat-audit" audit --json > "$work/nobody.json")
rc=$?
[ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] || fail "unprivileged audit exited $rc (partial-visibility is a warning)"
validate "$work/nobody.json" "$rc" || fail "unprivileged JSON"
[ "$(jq .visibility.complete "$work/nobody.json")" = false ] || fail "unprivileged run claims complete visibility"
jq -e '[.findings[].id] | index("partial-visibility") != null' "$work/nobody.json" > /dev/null ||
    fail "unprivileged run lacks partial-visibility"
(cd "$work" && as_nobody "$work/netstat-audit" audit > "$work/nobody.txt")
grep -q '^Seen as uid 65534' "$work/nobody.txt" || fail "unprivileged header: $(head -3 "$work/nobody.txt")"
# A capture of this machine reads back as this machine (when the capture script saves the
# audit's files: process status and exe links).
capture=$(cd "$(dirname "$0")/../.." && pwd)/scripts/netstat-audit-capture
if [ -f "$capture" ] && grep -q "status comm cmdline" "$capture" && sh "$capture" "$work/capture" > /dev/null 2>&1 && [ -e "$work/capture/proc/1/status" ]; then
    "$work/netstat-audit" audit --proc-root "$work/capture" --json > "$work/capture.json"
    rc=$?
    case $rc in 0|1|2) ;; *) fail "capture audit exited $rc" ;; esac
    [ "$(jq -r .host.name "$work/capture.json")" = "$(jq -r .host.name "$work/root.json")" ] ||
        fail "capture names another host"
    [ "$(jq -r .host.source "$work/capture.json")" = capture ] || fail "capture not seen as one"
    [ "$(jq .visibility.root "$work/capture.json")" = true ] || fail "root capture not seen as root"
fi
[ "$failures" -eq 0 ] || exit 1
echo ok
