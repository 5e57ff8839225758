#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Races netstat-audit against socket and process churn under the sanitizers (opt-in, root):
# builds the binary with ASan+UBSan (build-asan/, -DNETSTAT_AUDIT_SANITIZE=address,undefined)
# and with ThreadSanitizer (build-tsan/, =thread), then runs tests/stress/run_race_stress.sh
# with each for ROUNDS rounds of -atnp, -xp, -i and the audit (default 100). Idempotent.
#
# usage: scripts/race-stress.sh [ROUNDS] [asan|tsan...]   (default: both)
# Exit: 0 every lane clean, 1 a failure (printed), 77 no network namespace.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-100}
shift || true
lanes=("$@")
[ ${#lanes[@]} -gt 0 ] || lanes=(asan tsan)
jobs=$(nproc)
status=0
for lane in "${lanes[@]}"; do
    case $lane in
        asan) sanitize=address,undefined type=Debug ;;
        tsan) sanitize=thread type=RelWithDebInfo ;;
        *) echo "race-stress: unknown lane $lane (asan, tsan)" >&2; exit 2 ;;
    esac
    echo "== $lane: -DNETSTAT_AUDIT_SANITIZE=$sanitize, $rounds rounds"
    cmake -S . -B "build-$lane" -DCMAKE_BUILD_TYPE=$type -DNETSTAT_AUDIT_WERROR=ON \
        -DNETSTAT_AUDIT_SANITIZE=$sanitize >/dev/null
    cmake --build "build-$lane" -j"$jobs" --target netstat-audit >/dev/null
    start=$(date +%s)
    rc=0
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        bash tests/stress/run_race_stress.sh --bin "build-$lane/netstat-audit" "$rounds" || rc=$?
    echo "== $lane: exit $rc after $(($(date +%s) - start)) s"
    [ $rc = 77 ] && exit 77
    [ $rc = 0 ] || status=1
done
exit $status
