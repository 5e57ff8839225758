#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (tests/fuzz/, -DNETSTAT_AUDIT_FUZZ=ON with clang++-16, ASan + UBSan),
# seeds one corpus per target from tests/fixtures and the golden case arguments, replays the
# regression inputs of tests/fuzz/regress/TARGET/, then runs each target for SECONDS (default 60).
# Not part of scripts/test-all.sh.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Exit: 0 every target ran clean; 1 a crash, leak or sanitizer report (the input is saved in
# build-fuzz/crashes/; copy it to tests/fuzz/regress/TARGET/ once fixed); 2 usage.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
case $seconds in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac
[ $# -gt 0 ] && shift
cxx=${NETSTAT_AUDIT_FUZZ_CXX:-clang++-16}
if ! command -v "$cxx" > /dev/null || [ ! -d /usr/lib/llvm-16/lib/clang/16/lib/linux ]; then
    echo "fuzz.sh: needs $cxx and libFuzzer (apt-get install clang-16 libclang-rt-16-dev)" >&2
    exit 2
fi
build=build-fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(inet_sockets unix_sockets interfaces routes counters groups
    sctp packet process_files name_databases netlink baseline command_line health_state kmsg
    audit_files sysctl inet_diag_bytecode trigger_command_line)
# Concurrent runs share build-fuzz/: one configures and builds at a time.
mkdir -p "$build"
exec 9> "$build/.fuzz-build.lock"
flock 9
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNETSTAT_AUDIT_FUZZ=ON -DNETSTAT_AUDIT_WERROR=OFF -DNETSTAT_AUDIT_STATIC_RUNTIME=OFF > /dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_fuzzer}" # only the ones it runs
python3 scripts/fuzz_seeds.py "$build/corpus"
flock -u 9
exec 9>&-
mkdir -p "$build/crashes"
status=0
for target in "${targets[@]}"; do
    bin=$build/tests/fuzz/${target}_fuzzer
    corpus=$build/corpus/$target
    mkdir -p "$corpus"
    if [ -d "tests/fuzz/regress/$target" ]; then
        echo "== $target: regression inputs"
        "$bin" -runs=0 tests/fuzz/regress/"$target"/* > "$build/$target.replay.log" 2>&1 || {
            echo "FAIL $target: a regression input crashes again ($build/$target.replay.log)"
            status=1
        }
    fi
    echo "== $target: ${seconds}s from $(find "$corpus" -type f | wc -l) seeds"
    if ! "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 -timeout=10 \
        -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 "$corpus" \
        > "$build/$target.log" 2>&1; then
        echo "FAIL $target: see $build/$target.log and $build/crashes/"
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/$target.log" | tr '\n' ' '
    echo
done
exit $status
