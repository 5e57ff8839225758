#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds netstat-audit and runs every test: the normal build, the same suite under
# AddressSanitizer/UBSan, and the clang-format check. Idempotent; run from anywhere.
# Each phase ends with one line: its wall time and the CPU time (user+sys) of what it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

# Ninja when it is there (scripts/deps.sh installs it): it schedules the two lanes' compiles
# more tightly than make. A build tree that exists keeps the generator it was made with.
generator_for() {
  if [ ! -f "$1/CMakeCache.txt" ] && command -v ninja >/dev/null; then
    echo "-GNinja"
  fi
}

phase_name="" phase_wall=0 phase_cpu=0 run_wall=$(date +%s.%N)
times_file=$(mktemp)
trap 'rm -f "$times_file" "$times_file.cpu"' EXIT
cpu_now() { # user+sys seconds of this shell's finished children (`times` in this shell, not a subshell)
  times >"$times_file"
  awk 'NR == 2 { split($0, f, /[ ms]+/); printf "%.2f", f[1] * 60 + f[2] + f[3] * 60 + f[4] }' \
    "$times_file"
}
phase() { # phase NAME: ends the running phase (prints its times), starts NAME ("" ends all)
  local now cpu
  now=$(date +%s.%N)
  cpu_now >"$times_file.cpu"
  cpu=$(cat "$times_file.cpu")
  if [ -n "$phase_name" ]; then
    awk -v n="$phase_name" -v w="$now" -v w0="$phase_wall" -v c="$cpu" -v c0="$phase_cpu" \
      'BEGIN { printf "== %s: %.0f s wall, %.0f s CPU\n", n, w - w0, c - c0 }'
  fi
  phase_name=$1 phase_wall=$now phase_cpu=$cpu
  if [ -n "$phase_name" ]; then echo "== $phase_name"; fi
}

phase "dependencies"
bash scripts/deps.sh

phase "format check"
git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror

phase "release build"
# shellcheck disable=SC2046
cmake -S . -B build $(generator_for build) -DCMAKE_BUILD_TYPE=Release -DNETSTAT_AUDIT_WERROR=ON \
  -DNETSTAT_AUDIT_BUILD_TESTS=ON -DNETSTAT_AUDIT_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$jobs"

phase "release tests"
ctest --test-dir build --output-on-failure -j"$jobs"

phase "AddressSanitizer + UBSan build"
# -g1 (line tables): the reports' stack traces keep their files and lines; the full -g of Debug
# only adds variable and type information, which made the compiles slower and the link heavy.
# shellcheck disable=SC2046
cmake -S . -B build-asan $(generator_for build-asan) -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DNETSTAT_AUDIT_WERROR=ON -DNETSTAT_AUDIT_SANITIZE=address,undefined \
  -DNETSTAT_AUDIT_BUILD_TESTS=ON -DNETSTAT_AUDIT_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs"

phase "AddressSanitizer + UBSan tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

phase ""
cpu_now >"$times_file.cpu"
awk -v w="$(date +%s.%N)" -v w0="$run_wall" -v c="$(cat "$times_file.cpu")" \
  'BEGIN { printf "== all: %.0f s wall, %.0f s CPU\n", w - w0, c }'
